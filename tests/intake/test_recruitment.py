"""Tests of the representativeness readers, the CBS benchmark and the synthetic recruitment files."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.benchmarks import cbs
from toolkit.errors import InputError
from toolkit.intake import recruitment as rec
from toolkit.synthetic.recruitment import make_recruitment, roster_to_counts
from conftest import write, problems_of

DATA = Path(__file__).resolve().parents[1] / "data"
RAW = Path(cbs.__file__).parent / "data" / "cbs_raw"
FUNNEL_HEADER = "variable,category,letters,registrations,pool,drawn,started,completed\n"


# ----------------------------------------------------------------------------- file formats
def test_reads_utf8_with_bom_and_dutch_excel_csv_and_xlsx(tmp_path):
    rows = [("gender", "man", "0.4969", "Bron één"), ("gender", "vrouw", "0.5031", "")]
    plain = "variable,category,share,source,year,age_range,note\n" + "".join(
        f"{v},{c},{s},CBS,2023,all ages,{n}\n" for v, c, s, n in rows)
    dutch = "variable;category;share;source;year;age_range;note\r\n" + "".join(
        f"{v};{c};{s.replace('.', ',')};CBS;2023;alle leeftijden;{n}\r\n" for v, c, s, n in rows)
    a = rec.read_benchmark(write(tmp_path / "bom.csv", plain, "utf-8-sig"))
    b = rec.read_benchmark(write(tmp_path / "excel.csv", dutch, "cp1252"))
    frame = pd.read_csv(tmp_path / "bom.csv", encoding="utf-8-sig")
    frame.to_excel(tmp_path / "bench.xlsx", index=False)
    c = rec.read_benchmark(tmp_path / "bench.xlsx")
    for out in (a, b, c):
        assert out["share"].tolist() == pytest.approx([0.4969, 0.5031])
        assert out["year"].tolist() == [2023, 2023]
    assert b["note"].iloc[0] == "Bron één"  # cp1252 decoded


def test_missing_file_and_empty_file(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        rec.read_funnel(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="the file is empty"):
        rec.read_funnel(write(tmp_path / "empty.csv", ""))


def test_blank_lines_keep_row_numbers_and_ragged_rows_are_named(tmp_path):
    text = FUNNEL_HEADER + "gender,man,100,50,40,10,9,8\n\ngender,vrouw,100,50,40,10,9,x\n"
    with pytest.raises(InputError, match="r.csv, row 4, column 'completed': not a whole number") as exc:
        rec.read_funnel(write(tmp_path / "r.csv", text))
    assert [p.file for p in problems_of(exc)] == ["r.csv"]
    long_row = FUNNEL_HEADER + "gender,man,100,50,40,10,9,8\ngender,vrouw,1,1,1,1,1,1,1\n"
    with pytest.raises(InputError, match="r.csv, row 3: row has 9 cells but the header has 8"):
        rec.read_funnel(write(tmp_path / "r.csv", long_row))
    with pytest.raises(InputError, match="r.csv: is an Excel workbook"):
        rec.read_funnel(write(tmp_path / "r.csv", "PK\x03\x04zip", "latin-1"))


def test_xlsx_blank_rows_are_skipped_and_numbers_read_as_text(tmp_path):
    path = tmp_path / "m.xlsx"
    pd.DataFrame({"member_id": ["m1", None, "m2"], "gender": ["man", None, "X"], "started": [1, None, 1],
                  "completed": [True, None, False], "sessions_attended": [3.0, None, 4.0]}).to_excel(path, index=False)
    with pytest.raises(InputError, match="m.xlsx, row 4, column 'gender': value not among the allowed values"):
        rec.read_members(path, {"gender": ["man", "vrouw"]})


# ----------------------------------------------------------------------------- funnel
def test_funnel_reads_and_allows_unknown_letters(tmp_path):
    text = FUNNEL_HEADER + "education,laag,,400,350,20,19,17\neducation,hoog,,900,800,30,30,29\n"
    out = rec.read_funnel(write(tmp_path / "f.csv", text))
    assert out["letters"].isna().all()
    assert str(out["registrations"].dtype) == "Int64"


def test_funnel_must_not_grow_and_variables_must_agree(tmp_path):
    text = (FUNNEL_HEADER + "gender,man,35000,1900,1700,90,88,80\n"
            "gender,vrouw,35000,1800,1900,90,91,85.5\nage,a,,-3,x,1,1,1\n")
    with pytest.raises(InputError) as exc:
        rec.read_funnel(write(tmp_path / "f.csv", text))
    text_of = "\n".join(map(str, problems_of(exc)))
    assert "row 3, column 'pool': pool (1900) is larger than registrations (1800)" in text_of
    assert "row 3, column 'started': started (91) is larger than drawn (90)" in text_of
    assert "row 3, column 'completed': not a whole number (value: '85.5')" in text_of
    assert "row 4, column 'pool': not a whole number (value: 'x')" in text_of
    assert "row 4, column 'registrations'" in text_of and "greater_than_or_equal_to(0)" in text_of
    assert "different totals of drawn (gender: 180, age: 1)" in text_of


def test_funnel_missing_column(tmp_path):
    with pytest.raises(InputError, match="required column 'pool' is missing"):
        rec.read_funnel(write(tmp_path / "f.csv", "variable,category,letters,registrations,drawn,started,completed\n"
                                                  "g,a,10,5,3,3,3\n"))


# ----------------------------------------------------------------------------- members
def test_members_roster_problems(tmp_path):
    text = ("member_id,gender,started,completed,replaces\nm1,man,ja,nee,\nm2,X,nee,ja,m9\n"
            "m1,vrouw,misschien,1,m1\n")
    with pytest.raises(InputError, match="m1 appears more than once") as exc:
        rec.read_members(write(tmp_path / "m.csv", text), {"gender": ["man", "vrouw"]})
    text_of = "\n".join(map(str, problems_of(exc)))
    assert "row 4, column 'started': not yes or no (value: 'misschien')" in text_of
    assert "row 3, column 'gender': value not among the allowed values (value: 'X'). Use one of: man, vrouw (or onbekend)" in text_of
    assert "row 3, column 'completed': completed is yes but started is no" in text_of
    assert "row 3, column 'replaces': replaces names a member_id that is not in the roster" in text_of
    assert "row 4, column 'replaces': a member cannot replace themselves" in text_of


def test_members_roster_types(tmp_path):
    text = "member_id,gender,started,completed,replaces,sessions_attended,source\nm1,man,1,0,,3,synthetic\nm2,,yes,yes,m1,8,synthetic\n"
    out = rec.read_members(write(tmp_path / "m.csv", text))
    assert out["started"].tolist() == [True, True] and out["completed"].tolist() == [False, True]
    assert out["replaces"].isna().tolist() == [True, False]
    assert out["sessions_attended"].tolist() == [3, 8]
    assert pd.isna(out["gender"].iloc[1])


def test_member_counts_rules(tmp_path):
    text = ("variable,category,drawn,started,completed\ngender,man,90,88,80\ngender,vrouw,90,87,88\n"
            "age_group,18-39,100,80,70\n")
    with pytest.raises(InputError, match="completed \\(88\\) is larger than started \\(87\\)") as exc:
        rec.read_member_counts(write(tmp_path / "c.csv", text))
    assert any("different totals of drawn (gender: 180, age_group: 100)" in p.message for p in problems_of(exc))
    assert any("add a category such as 'onbekend'" in p.hint for p in problems_of(exc))


# ----------------------------------------------------------------------------- quotas
def test_quotas(tmp_path):
    out = rec.read_quotas(write(tmp_path / "q.csv", "variable,category,min,max\ng,a,3,\ng,b,,9\n"))
    assert out["min"].isna().tolist() == [False, True]
    with pytest.raises(InputError, match="min \\(10\\) is larger than max \\(5\\)"):
        rec.read_quotas(write(tmp_path / "q2.csv", "variable,category,min,max\ng,a,10,5\n"))
    with pytest.raises(InputError, match="neither min nor max given"):
        rec.read_quotas(write(tmp_path / "q3.csv", "variable,category,min,max\ng,a,,\n"))


# ----------------------------------------------------------------------------- CBS benchmark
def test_shipped_benchmark_is_valid_and_says_what_it_covers():
    b = rec.read_benchmark(cbs.default_benchmark_path())
    assert b.groupby("variable")["share"].sum().tolist() == pytest.approx([1] * 5)
    expected = {"gender": ["man", "vrouw"], "age_group": ["18-39", "40-64", "65-79", "80+"],
                "education": ["laag", "middelbaar", "hoog"],
                "migration_background": ["geen", "westers", "niet-westers"], "region": ["Noord", "Oost", "West", "Zuid"]}
    assert rec.categories_from_benchmark(b) == expected
    rows = b.set_index(["variable", "category"])
    # figures straight from the copied CBS files (toolkit/benchmarks/data/cbs_raw/)
    sex = pd.read_csv(RAW / "85496NED_kerncijfers_sex.csv").set_index("year").loc[2023]
    assert rows.loc[("gender", "man"), "share"] == pytest.approx(sex["men"] / sex["total"])
    age = pd.read_csv(RAW / "37296ned_kerncijfers_age_counts.csv").set_index("year").loc[2019]
    assert rows.loc[("age_group", "18-39"), "share"] == pytest.approx(
        age["20_40"] / (age["20_40"] + age["40_65"] + age["65_80"] + age["80_plus"]))
    assert "20-39 only" in rows.loc[("age_group", "18-39"), "note"]
    # every row says the same in Dutch (note_nl), in CBS's words and with a decimal comma
    assert b["note_nl"].notna().all() and (b["note_nl"] != b["note"]).all()
    assert "18- en 19-jarigen ontbreken" in rows.loc[("age_group", "18-39"), "note_nl"]
    assert "1 januari 2018" in rows.loc[("migration_background", "geen"), "note_nl"]
    assert "CBS-niveaus 11+12 = 26,2%" in rows.loc[("education", "laag"), "note_nl"]
    assert "voorlopige cijfers" in rows.loc[("education", "laag"), "note_nl"]
    assert "landsdeel Noord-Nederland (Groningen, Fryslân, Drenthe)" in rows.loc[("region", "Noord"), "note_nl"]
    assert rows.loc[("education", "laag"), "share"] == pytest.approx(26.2 / 99.9)
    assert rows.loc[("education", "hoog"), ["source", "year", "age_range"]].tolist() == ["85525NED", 2022, "15-75"]
    assert rows.loc[("region", "Noord"), "count"] == 1_320_800
    assert rows.loc[("migration_background", "niet-westers"), "count"] == 2_242_843


def test_build_script_reproduces_the_shipped_file():
    built = cbs.benchmark_from_tables(**cbs.load_raw_tables(RAW))
    shipped = pd.read_csv(cbs.default_benchmark_path(), dtype={"count": "Int64"})
    pd.testing.assert_frame_equal(built, shipped, check_dtype=False)


def _recorded(table_id, filters=None, **kwargs):
    return json.loads((DATA / "cbs_recorded" / f"{table_id}.json").read_text(encoding="utf-8"))


def test_refresh_from_cbs_on_a_recorded_response(monkeypatch, tmp_path):
    cbsodata = pytest.importorskip("cbsodata")
    calls = []

    def fake(table_id, filters=None, **kwargs):
        calls.append((table_id, filters))
        return _recorded(table_id)

    monkeypatch.setattr(cbsodata, "get_data", fake)
    out = cbs.refresh_benchmark_from_cbs(tmp_path / "b.csv")
    shipped = pd.read_csv(cbs.default_benchmark_path())
    assert out["share"].tolist() == pytest.approx(shipped["share"].tolist(), abs=1e-9)
    assert [c[0] for c in calls] == ["85496NED", "37296ned", "85525NED"]
    assert "Perioden eq '2022JJ00'" in calls[2][1] and "Leeftijd eq '52052'" in calls[2][1]
    assert rec.read_benchmark(tmp_path / "b.csv")["share"].sum() == pytest.approx(5)


def test_refresh_from_cbs_reports_renamed_fields_and_no_connection(monkeypatch):
    cbsodata = pytest.importorskip("cbsodata")

    def renamed(table_id, filters=None, **kwargs):
        rows = _recorded(table_id)
        return [{k.replace("Mannen", "Man"): v for k, v in r.items()} for r in rows]

    monkeypatch.setattr(cbsodata, "get_data", renamed)
    with pytest.raises(InputError, match="no field for 'men'.*add the new name to toolkit.benchmarks.cbs.FIELDS"):
        cbs.refresh_benchmark_from_cbs()

    def offline(table_id, **kwargs):
        raise ConnectionError("Name or service not known")

    monkeypatch.setattr(cbsodata, "get_data", offline)
    with pytest.raises(InputError, match="could not fetch the tables"):
        cbs.refresh_benchmark_from_cbs()


# ----------------------------------------------------------------------------- synthetic files
def _roster(rng: np.random.Generator, n: int = 190) -> pd.DataFrame:
    bench = pd.read_csv(cbs.default_benchmark_path())
    roster = pd.DataFrame({"member_id": [f"M{i:03d}" for i in range(n)]})
    for var, part in bench.groupby("variable", sort=False):
        roster[var] = rng.choice(part["category"].to_numpy(), n, p=part["share"].to_numpy())
    roster["started"] = np.arange(n) >= 15
    roster["completed"] = roster["started"] & (rng.random(n) > 0.08)
    roster["replaces"] = [""] * 175 + [f"M{i:03d}" for i in range(15)]
    roster["sessions_attended"] = np.where(roster["started"], 6, 0)
    return roster


def test_synthetic_recruitment_files_pass_the_readers(tmp_path):
    roster = _roster(np.random.default_rng(5))
    inputs = make_recruitment(np.random.default_rng(6), roster, tmp_path)
    assert inputs == {"funnel": "funnel.csv", "quotas": "quotas.csv",
                      "reference_attitudes": "reference_attitudes.csv", "public_input": "public_input.csv"}
    funnel = rec.read_funnel(tmp_path / "funnel.csv")
    quotas = rec.read_quotas(tmp_path / "quotas.csv")
    ref = rec.read_reference_attitudes(tmp_path / "reference_attitudes.csv")
    public = rec.read_public_input(tmp_path / "public_input.csv", ["gender", "age_group", "education", "region"],
                                   categories=rec.categories_from_benchmark(rec.read_benchmark(cbs.default_benchmark_path())))
    for frame in (funnel, quotas, ref):
        assert (frame["source"] == "synthetic").all()
    assert (pd.read_csv(tmp_path / "public_input.csv")["source"] == "synthetic").all()
    totals = funnel.groupby("variable")[["letters", "registrations", "drawn", "started"]].sum()
    assert totals["letters"].between(65_000, 75_000).all() and totals["letters"].nunique() == 1
    assert totals["registrations"].between(3_600, 4_400).all()
    assert (totals["drawn"] == 190).all() and (totals["started"] == 175).all()
    rate = funnel.assign(rate=funnel["registrations"] / funnel["letters"]).set_index(["variable", "category"])["rate"]
    overall = totals["registrations"].iloc[0] / totals["letters"].iloc[0]
    for group in [("age_group", "18-39"), ("migration_background", "niet-westers"), ("education", "laag")]:
        assert rate[group] < 0.8 * overall
    assert 1_000 <= len(public) <= 10_000 and public["education"].isna().mean() > 0.2
    assert "synthetic" in ref["note"].iloc[0]


def test_roster_to_counts_matches_the_roster():
    roster = _roster(np.random.default_rng(2))
    out = roster_to_counts(roster).set_index(["variable", "category"])
    assert out.groupby("variable")["drawn"].sum().eq(190).all()
    assert out.loc[("gender", "man"), "started"] == int((roster["started"] & (roster["gender"] == "man")).sum())


# ----------------------------------------------------------------------------- counts at one stage
ONE_STAGE = "variable,category,members\nsex,men,48\nsex,women,51\nage,18-24,10\nage,25+,89\n"


def test_member_counts_with_one_count_column_count_one_stage_only(tmp_path):
    out = rec.read_member_counts(write(tmp_path / "c.csv", ONE_STAGE), stage="started")
    assert list(out.columns) == ["variable", "category", "started"]  # nothing about drawn or completed
    assert out["started"].tolist() == [48, 51, 10, 89]
    drawn = rec.read_member_counts(write(tmp_path / "d.csv", ONE_STAGE), stage="drawn")
    assert list(drawn.columns) == ["variable", "category", "drawn"]


def test_member_counts_one_count_column_is_mapped_like_any_column(tmp_path):
    from toolkit.intake.mapping import FileSpec

    path = write(tmp_path / "c.csv", "Kenmerk;Waarde;Aantal leden\nsex;men;48\nsex;women;51\n")
    spec = FileSpec(path=path, columns={"variable": "Kenmerk", "category": "Waarde", "members": "Aantal leden"},
                    key="inputs.member_counts")
    out = rec.read_member_counts(spec, stage="started")
    assert out[["category", "started"]].values.tolist() == [["men", 48], ["women", 51]]


def test_member_counts_one_count_column_needs_its_stage_and_no_stage_columns(tmp_path):
    with pytest.raises(InputError, match="does not say which members it counts") as exc:
        rec.read_member_counts(write(tmp_path / "c.csv", ONE_STAGE))
    (p,) = problems_of(exc)
    assert (p.row, p.column) == (1, "members") and "stage: started" in p.hint
    both = "variable,category,members,started\nsex,men,48,48\n"
    with pytest.raises(InputError, match="a column 'members' and stage columns \\(started\\)"):
        rec.read_member_counts(write(tmp_path / "b.csv", both), stage="started")
    full = "variable,category,drawn,started,completed\nsex,men,50,48,40\n"
    with pytest.raises(InputError, match="gives inputs.member_counts.stage \\(started\\), but the file has no "
                                         "column 'members'"):
        rec.read_member_counts(write(tmp_path / "f.csv", full), stage="started")


def test_member_counts_one_count_column_wrong_values_name_row_column_value(tmp_path):
    text = "variable,category,members\nsex,men,48\nsex,women,fifty-one\nage,18-24,-3\nage,25+,4.5\n"
    with pytest.raises(InputError) as exc:
        rec.read_member_counts(write(tmp_path / "c.csv", text), stage="started")
    found = {(p.row, p.column, str(p.value)) for p in problems_of(exc)}
    # rows as a spreadsheet numbers them (header = 1)
    assert {(3, "members", "fifty-one"), (4, "members", "-3"), (5, "members", "4.5")} <= found, found


def test_member_counts_one_stage_totals_must_agree_per_variable(tmp_path):
    # the Irish assembly's class as two categories adds to 93 of 99 (ABC1 45, C2DE 48): refused, naming both
    text = "variable,category,members\nsex,men,48\nsex,women,51\nclass,ABC1,45\nclass,C2DE,48\n"
    with pytest.raises(InputError, match="different totals of members \\(sex: 99, class: 93\\)") as exc:
        rec.read_member_counts(write(tmp_path / "c.csv", text), stage="started")
    assert any("'onbekend'" in p.hint for p in problems_of(exc))
    # the remainder stated as unknown: accepted; it is counted as unknown, not as a class
    ok = rec.read_member_counts(write(tmp_path / "ok.csv", text + "class,onbekend,6\n"), stage="started")
    assert ok.groupby("variable")["started"].sum().to_dict() == {"class": 99, "sex": 99}


# ----------------------------------------------------------------------------- benchmark figures not found
BENCH_HEADER = "variable,category,share,source,year,age_range\n"


def test_benchmark_share_not_found_stays_empty_never_zero(tmp_path):
    text = BENCH_HEADER + ("region,Dublin,0.283,C,2016,all ages\nregion,Munster,not found,C,2016,all ages\n"
                           "region,Rest,NOT_FOUND,C,2016,all ages\n")
    out = rec.read_benchmark(write(tmp_path / "b.csv", text))
    assert out["share"].iloc[0] == 0.283 and out["share"].iloc[1:].isna().all()


def test_benchmark_not_found_rows_the_known_shares_may_not_pass_one(tmp_path):
    text = BENCH_HEADER + "region,Dublin,0.8,C,2016,all ages\nregion,Cork,0.3,C,2016,all ages\nregion,Rest,not found,C,2016,all ages\n"
    with pytest.raises(InputError, match="the known shares of 'region' add up to 1.1, more than 1"):
        rec.read_benchmark(write(tmp_path / "b.csv", text))
    empty = BENCH_HEADER + "region,Dublin,0.28,C,2016,all ages\nregion,Cork,,C,2016,all ages\nregion,Rest,not found,C,2016,all ages\n"
    with pytest.raises(InputError, match="'region' has categories without a share") as exc:
        rec.read_benchmark(write(tmp_path / "e.csv", empty))
    assert "'not found'" in problems_of(exc)[0].hint
