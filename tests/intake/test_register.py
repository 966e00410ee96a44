"""Reading the follow-up files: formats, Dutch dates and every kind of user mistake."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from toolkit.errors import InputError
from toolkit.intake.register import (
    VOCABULARY, check_follow_up, load_preconditions, read_commitments, read_follow_up,
    read_implementation, read_parliament, read_preconditions, read_recommendations, read_sessions,
)
from toolkit.synthetic.follow_up import make_follow_up

HANDOVER, AS_OF = "2025-01-15", "2025-06-01"
HEADER = "id,title,theme,addressed_to,response,response_date,response_source,support\n"


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(exc_info):
    return [str(p) for p in exc_info.value.problems]


# ------------------------------------------------------------------------------- formats
def test_recommendations_dutch_excel_csv_cp1252(tmp_path):
    text = ("id;title;text;theme;support;addressed_to;response;response_date;response_source;reasons\r\n"
            "R1;Isoleren;Eerst de slechtst geïsoleerde woningen;wonen;85,5%;kabinet;deels overgenomen;3 maart 2025;Kabinetsreactie;Te duur\r\n"
            "R2;Fietsen;Snelfietspaden;mobiliteit;62%;Ministerie van IenW;geen reactie;;;\r\n")
    reg = read_recommendations(write(tmp_path, "r.csv", text, "cp1252"), handover_date=HANDOVER, as_of=AS_OF)
    assert reg["id"].tolist() == ["R1", "R2"]
    assert reg["response"].tolist() == ["adopted_in_part", "no_response"]
    assert reg["support"].tolist() == pytest.approx([0.855, 0.62])
    assert reg.loc[0, "response_date"] == pd.Timestamp("2025-03-03")
    assert pd.isna(reg.loc[1, "response_date"])
    assert reg.loc[0, "text"] == "Eerst de slechtst geïsoleerde woningen"


def test_recommendations_utf8_bom_shares_and_optional_columns_absent(tmp_path):
    text = "\ufeffID,Title,Theme,Addressed to,Response\nR1,A,energie,kabinet,no_response\n"
    reg = read_recommendations(write(tmp_path, "r.csv", text), handover_date=HANDOVER, as_of=AS_OF)
    assert list(reg.columns) == ["id", "title", "text", "theme", "support", "addressed_to", "response",
                                 "response_date", "response_source", "reasons", "report", "handover_date",
                                 "response_date_precision", "handover_date_precision"]
    assert reg["support"].isna().all() and reg["response_date"].isna().all()


def test_support_as_shares_and_as_percentages(tmp_path):
    shares = HEADER + "R1,A,x,k,no_response,,,0.9\nR2,B,x,k,no_response,,,0.75\n"
    commas = HEADER + "R1,A,x,k,no_response,,,\"0,9\"\nR2,B,x,k,no_response,,,\"0,75\"\n"  # the column says ','
    percents = HEADER + "R1,A,x,k,no_response,,,90\nR2,B,x,k,no_response,,,75\n"
    for text in (shares, commas, percents):
        reg = read_recommendations(write(tmp_path, "r.csv", text), as_of=AS_OF)
        assert reg["support"].tolist() == pytest.approx([0.9, 0.75])


def test_support_with_two_decimal_marks_in_one_column_names_the_cell(tmp_path):
    # toolkit.intake.cells: in a decimal-point file "0,75" is read only when the column's other cells use ','
    text = HEADER + "R1,A,x,k,no_response,,,0.9\nR2,B,x,k,no_response,,,\"0,75\"\n"
    with pytest.raises(InputError, match=r"r.csv, row 3, column 'support': decimal mark ',' in a file that uses '.'"):
        read_recommendations(write(tmp_path, "r.csv", text), as_of=AS_OF)


def test_support_mixed_scales_and_out_of_range_are_reported(tmp_path):
    text = HEADER + ("R1,A,x,k,no_response,,,0.9\nR2,B,x,k,no_response,,,85\nR3,C,x,k,no_response,,,140%\n"
                     "R4,D,x,k,no_response,,,veel\nR5,E,x,k,no_response,,,7%5\nR6,F,x,k,no_response,,,nan\n")
    with pytest.raises(InputError) as exc:
        read_recommendations(write(tmp_path, "r.csv", text), as_of=AS_OF)
    text = "\n".join(problems_of(exc))
    assert "row 2, column 'support': looks like a share" in text
    assert "row 4, column 'support': support must lie between 0 and 1" in text
    assert "row 5, column 'support': not a number" in text
    assert "row 6, column 'support': not a number" in text
    assert "row 7" not in text  # NaN is an empty cell (toolkit.intake.cells.EMPTY), as in every file


def test_xlsx_with_date_cells(tmp_path):
    path = tmp_path / "impl.xlsx"
    pd.DataFrame({"recommendation_id": ["R1", "R1"], "date": [dt.datetime(2025, 2, 1), "1-3-2025"],
                  "status": ["In voorbereiding", "in uitvoering"], "source": ["a", "b"]}).to_excel(path, index=False)
    imp = read_implementation(path, recommendation_ids=["R1"], handover_date=HANDOVER, as_of=AS_OF)
    assert imp["status"].tolist() == ["in_preparation", "in_progress"]
    assert imp["date"].tolist() == [pd.Timestamp("2025-02-01"), pd.Timestamp("2025-03-01")]
    assert imp["note"].isna().all()


def test_synthetic_register_reads_cleanly(tmp_path):
    inputs = make_follow_up(np.random.default_rng(7), tmp_path, dt.date(2025, 1, 15), dt.date(2026, 1, 15))
    frames = read_follow_up({k: tmp_path / v for k, v in inputs.items()}, handover_date=dt.date(2025, 1, 15),
                            as_of=dt.date(2026, 1, 15))
    assert set(frames) == {"recommendations", "implementation", "parliament", "commitments", "preconditions", "sessions",
                           "tally"}
    assert frames["sessions"]["hours"].sum() == pytest.approx(8 * 6.5 + 2 * 2.5)
    assert 12 <= len(frames["recommendations"]) <= 20
    assert frames["recommendations"]["text"].str.contains("<script>alert(1)</script>", regex=False).any()
    assert frames["recommendations"]["text"].str.contains("onerror=alert(1)", regex=False).any()
    assert set(frames["commitments"]["kind"]) == {"response_within_days", "parliament_debate", "other"}
    assert frames["recommendations"]["response_source"].dropna().str.contains("synthetisch").all()


def test_absent_optional_files_give_empty_frames(tmp_path):
    reg = write(tmp_path, "r.csv", HEADER + "R1,A,x,k,no_response,,,\n")
    frames = read_follow_up({"recommendations": reg, "benchmark": "default:nl"}, handover_date=HANDOVER, as_of=AS_OF)
    assert frames["implementation"].empty and list(frames["implementation"].columns) == [
        "recommendation_id", "date", "status", "source", "note"]


# ------------------------------------------------------------------------------- mistakes
def test_unknown_response_suggests_nearest_value(tmp_path):
    text = HEADER + "R1,A,x,k,adoptd,1-3-2025,doc,\n"
    with pytest.raises(InputError, match=r"row 2, column 'response': unknown value .*'adoptd'.*Did you mean 'adopted'\?"):
        read_recommendations(write(tmp_path, "r.csv", text), handover_date=HANDOVER, as_of=AS_OF)


def test_unknown_status_suggests_nearest_value(tmp_path):
    text = "recommendation_id,date,status\nR1,1-3-2025,in progres\n"
    with pytest.raises(InputError, match=r"'in_progres'.*Did you mean 'in_progress'\?.*Allowed: not_started"):
        read_implementation(write(tmp_path, "i.csv", text), recommendation_ids=["R1"], as_of=AS_OF)


def test_unparseable_and_impossible_dates_are_reported_with_row_and_column(tmp_path):
    text = HEADER + "R1,A,x,k,adopted,31-2-2025,doc,\nR2,B,x,k,rejected,volgende week,doc,\n"
    with pytest.raises(InputError) as exc:
        read_recommendations(write(tmp_path, "r.csv", text), handover_date=HANDOVER, as_of=AS_OF)
    msgs = problems_of(exc)
    assert any("row 2, column 'response_date': no such date (day 31 of month 2 in 2025) (value: '31-2-2025')" in m for m in msgs)
    assert any("row 3, column 'response_date': not a date" in m and "3 februari 2025" in m for m in msgs)
    assert not any("has no date" in m for m in msgs)  # the unreadable date is reported once


def test_response_before_handover_and_after_as_of(tmp_path):
    text = HEADER + "R1,A,x,k,adopted,10 jan 2025,doc,\nR2,B,x,k,adopted,2 juni 2025,doc,\n"
    path = write(tmp_path, "r.csv", text)
    with pytest.raises(InputError, match=r"row 2, column 'response_date': date lies before the advice was handed over \(2025-01-15\)"):
        read_recommendations(path, handover_date=HANDOVER, as_of=AS_OF)
    with pytest.raises(InputError, match=r"row 3, column 'response_date': date lies in the future \(after the as-of date 2025-06-01\)"):
        read_recommendations(path, handover_date=HANDOVER, as_of=AS_OF)


def test_response_needs_date_and_source_and_no_response_has_no_date(tmp_path):
    text = HEADER + "R1,A,x,k,adopted,,,\nR2,B,x,k,no_response,1-3-2025,,\n"
    with pytest.raises(InputError) as exc:
        read_recommendations(write(tmp_path, "r.csv", text), handover_date=HANDOVER, as_of=AS_OF)
    msgs = "\n".join(problems_of(exc))
    assert "row 2, column 'response_date': response 'adopted' has no date" in msgs
    assert "row 2, column 'response_source': response 'adopted' has no source" in msgs
    assert "row 3, column 'response_date': a response date is given but the response is 'no_response'" in msgs


def test_duplicate_ids_missing_columns_and_empty_cells(tmp_path):
    text = "id,title,theme,addressed_to,respons\nR1,A,x,k,adopted\nR1,B,,k,adopted\n"
    with pytest.raises(InputError) as exc:
        read_recommendations(write(tmp_path, "r.csv", text), as_of=AS_OF)
    msgs = "\n".join(problems_of(exc))
    assert "required column 'response' is missing" in msgs
    assert "unknown column 'respons'. Did you mean 'response'?" in msgs
    assert "row 3, column 'id': recommendation id 'R1' appears more than once (also in row 2)" in msgs
    assert "row 3, column 'theme': empty cell where a value is required" in msgs


def test_status_entries_for_unknown_ids_out_of_order_and_same_day(tmp_path):
    text = ("recommendation_id;date;status\nR1;3 feb 2025;implemented\nR1;1 mrt 2025;in voorbereiding\n"
            "R9;1 mrt 2025;in_progress\nR2;1-3-2025;in_progress\nR2;01-03-2025;implemented\nR2;1-1-2025;not_started\n")
    with pytest.raises(InputError) as exc:
        read_implementation(write(tmp_path, "i.csv", text), recommendation_ids=["R1", "R2"], handover_date=HANDOVER,
                            as_of=AS_OF)
    msgs = "\n".join(problems_of(exc))
    assert "row 3, column 'status': status of 'R1' goes back from 'implemented' (2025-02-03, row 2) to 'in_preparation'" in msgs
    assert "row 4, column 'recommendation_id': unknown id 'R9'" in msgs
    assert "row 6, column 'date': two status entries for 'R2' on the same date (also row 5)" in msgs
    assert "row 7, column 'date': date lies before the advice was handed over" in msgs


def test_unknown_recommendation_id_in_parliament_and_whole_advice_rows(tmp_path):
    text = "recommendation_id,date,kind,reference,outcome\n,1-5-2025,debat,Commissiedebat,gevoerd\nR7,1-5-2025,motie,M1,aangenomn\n"
    with pytest.raises(InputError) as exc:
        read_parliament(write(tmp_path, "p.csv", text), recommendation_ids=["R1"], handover_date=HANDOVER, as_of=AS_OF)
    msgs = "\n".join(problems_of(exc))
    assert "row 3, column 'recommendation_id': unknown id 'R7'" in msgs
    assert "row 3, column 'outcome': unknown value in 'outcome' (value: 'aangenomn')" in msgs
    assert "row 2" not in msgs


def test_unknown_precondition_id_suggests_nearest(tmp_path):
    text = "precondition_id,assessment,evidence\ncross_sectoin,met,Loting\n"
    with pytest.raises(InputError, match=r"unknown id 'cross_sectoin'.*Did you mean 'cross_section'\?"):
        read_preconditions(write(tmp_path, "a.csv", text), as_of=AS_OF)


def test_assessment_needs_evidence_and_one_verdict_per_precondition(tmp_path):
    text = ("precondition_id,assessment,evidence,evidence_date\npublic_link,voldaan,,\n"
            "public_link,niet voldaan,Geen terugkoppeling,1-1-2025\ntime_support,onbekend,,\ntime_support,unkown,,\n")
    with pytest.raises(InputError) as exc:
        read_preconditions(write(tmp_path, "a.csv", text), as_of=AS_OF)
    msgs = "\n".join(problems_of(exc))
    assert "row 2, column 'evidence': assessment 'met' without evidence" in msgs
    assert "row 3, column 'assessment': 'public_link' is assessed as 'not_met' here but as 'met' in row 2" in msgs
    assert "Did you mean 'unknown'?" in msgs


def test_commitment_needs_days(tmp_path):
    text = "id;description;kind;days;due_date\nC1;Reactie binnen drie maanden;response_within_days;;\nC2;Debat;parliament_debate;;14 juli 2025\n"
    with pytest.raises(InputError, match=r"row 2, column 'days': a 'response_within_days' commitment needs its number of days"):
        read_commitments(write(tmp_path, "c.csv", text, "cp1252"), as_of=AS_OF)


def test_all_files_problems_at_once(tmp_path):
    reg = write(tmp_path, "r.csv", HEADER + "R1,A,x,k,adopted,1-3-2025,doc,\n")
    imp = write(tmp_path, "i.csv", "recommendation_id,date,status\nR2,1-3-2025,done\n")
    ass = write(tmp_path, "a.csv", "precondition_id,assessment,evidence\nmandate,met,x\n")
    with pytest.raises(InputError) as exc:
        read_follow_up({"recommendations": reg, "implementation": imp, "preconditions": ass},
                       handover_date=HANDOVER, as_of=AS_OF)
    files = {p.file for p in exc.value.problems}
    assert files == {str(imp), str(ass)}
    assert len(exc.value.problems) == 3


def test_missing_register_key_is_reported():
    with pytest.raises(InputError, match="inputs.recommendations is missing"):
        read_follow_up({}, handover_date=HANDOVER)


def test_preconditions_ids_match_vocabulary_used_by_reader():
    ids = [p["id"] for p in load_preconditions()["preconditions"]]
    assert len(ids) == len(set(ids)) == 11
    assert set(load_preconditions()["assessments"]) == set(VOCABULARY["assessment"])


def test_sessions_dutch_decimals_and_formats(tmp_path):
    text = "date;hours;format;topic\n11-1-2025;6,5;fysiek;Start\n16 jan 2025;2,5;Online;Verdieping\n25-1-2025;0;hybride;Fout\n"
    with pytest.raises(InputError, match=r"row 4, column 'hours'.*more than 0 and at most 24"):
        read_sessions(write(tmp_path, "s.csv", text), as_of=AS_OF)
    s = read_sessions(write(tmp_path, "s.csv", text.rsplit("\n", 2)[0] + "\n"), as_of=AS_OF)
    assert s["hours"].tolist() == [6.5, 2.5] and s["format"].tolist() == ["in_person", "online"]


def test_check_follow_up_on_frames_read_one_by_one(tmp_path):
    """toolkit.forum.load reads each file with its path only; the cross-file checks run afterwards."""
    reg = read_recommendations(write(tmp_path, "r.csv", HEADER + "R1,A,x,k,adopted,1-3-2025,doc,\nR2,B,x,k,adopted,10-1-2025,doc,\n"))
    imp = read_implementation(write(tmp_path, "i.csv", "recommendation_id,date,status\nR1,1-4-2025,in_progress\nR3,1-4-2025,in_progress\n"))
    frames = {"recommendations": reg, "implementation": imp}
    with pytest.raises(InputError) as exc:
        check_follow_up(frames, handover_date=HANDOVER, as_of="2025-03-15", files={"implementation": "impl.csv"})
    msgs = "\n".join(problems_of(exc))
    assert "recommendations, row 3, column 'response_date': date lies before the advice was handed over" in msgs
    assert "impl.csv, row 2, column 'date': date lies in the future (after the as-of date 2025-03-15)" in msgs
    assert "impl.csv, row 3, column 'recommendation_id': unknown id 'R3'" in msgs
    check_follow_up({"recommendations": reg.iloc[:1], "implementation": imp.iloc[:1]}, handover_date=HANDOVER, as_of=AS_OF)


def test_synthetic_example_dates_of_the_lead_pass_one_by_one(tmp_path):
    handover, as_of = dt.date(2025, 5, 15), dt.date(2025, 11, 14)
    inputs = make_follow_up(np.random.default_rng(20240317), tmp_path, handover, as_of)
    readers = {"recommendations": read_recommendations, "implementation": read_implementation,
               "parliament": read_parliament, "commitments": read_commitments,
               "preconditions": read_preconditions, "sessions": read_sessions}
    frames = {k: readers[k](tmp_path / v) for k, v in inputs.items()}
    check_follow_up(frames, handover_date=handover, as_of=as_of)
    assert frames["sessions"]["date"].min() == pd.Timestamp("2025-01-11")
    assert frames["sessions"]["date"].max() == pd.Timestamp("2025-04-12")


def test_register_unknown_response_month_dates_and_own_handover(tmp_path):
    text = ("id;title;theme;addressed_to;response;response_date;response_source;handover_date\n"
            "R1;Eighth;health;government;onbekend;;;2017-06-29\n"
            "R2;Ageing;ageing;government;adopted;2018-04;Reply;2017-12 (day not found)\n")
    reg = read_recommendations(write(tmp_path, "r.csv", text), handover_date="2017-06-29", as_of="2019-06-17")
    assert reg["response"].tolist() == ["unknown", "adopted"]
    assert reg["handover_date_precision"].tolist() == ["day", "month"]
    assert reg.loc[1, "response_date"] == pd.Timestamp("2018-04-01") and reg.loc[1, "response_date_precision"] == "month"


def test_register_month_response_in_the_handover_month_is_not_before_it(tmp_path):
    text = ("id;title;theme;addressed_to;response;response_date;response_source\n"
            "R1;A;x;k;adopted;2025-01;Reply\nR2;B;x;k;adopted;2024-12;Reply\n")
    with pytest.raises(InputError, match=r"row 3, column 'response_date': date lies before the advice was handed over"):
        read_recommendations(write(tmp_path, "r.csv", text), handover_date="2025-01-15", as_of="2025-06-01")


def test_tally_counts_within_their_total(tmp_path):
    from toolkit.intake.register import read_tally

    ok = read_tally(write(tmp_path, "t.csv", "assessor,date,unit,n,responded,source\nWikipedia,2019-04,topics,5,3,S\n"),
                    as_of="2019-06-17")
    assert (ok.loc[0, "n"], ok.loc[0, "responded"], ok.loc[0, "date_precision"]) == (5, 3, "month")
    assert pd.isna(ok.loc[0, "adopted"])   # not given: never read as 0
    with pytest.raises(InputError, match=r"row 2, column 'responded': responded \(6\) is more than the total n \(5\)"):
        read_tally(write(tmp_path, "t2.csv", "assessor,date,n,responded,source\nX,2019-04-01,5,6,S\n"), as_of="2019-06-17")
