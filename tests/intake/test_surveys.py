import numpy as np
import pandas as pd
import pytest

from conftest import MINI_CODEBOOK, mini_waves, write_forum
from toolkit.forum.config import load_codebook, load_config
from toolkit.errors import InputError
from toolkit.intake.surveys import read_surveys


def _read(folder):
    return read_surveys(load_config(folder), load_codebook(folder))


def _forum(tmp_path, surveys: dict, files: dict, codebook=MINI_CODEBOOK):
    return write_forum(tmp_path / "f", {"name": "T", "surveys": surveys}, codebook, files)


PER_WAVE = {"layout": "per_wave", "files": {"t0": "t0.csv", "t1": "t1.csv"}}


def test_per_wave_tidy_and_missing_codes(mini_forum):
    d = _read(mini_forum)
    r = d.responses
    assert list(r.columns) == ["respondent_id", "group", "wave", "item", "value", "missing_code"]
    a_r3 = r[(r.respondent_id == "r3") & (r.wave == "t0") & (r.item == "A")].iloc[0]
    assert np.isnan(a_r3.value) and a_r3.missing_code == 98
    assert d.respondents.set_index("respondent_id").loc["r2", "gender"] == "vrouw"
    assert d.accounting[["records_in", "analysed", "excluded"]].sum().tolist() == [7, 7, 0]


def test_ledger_accounts_for_every_record(tmp_path):
    w = mini_waves()
    t0 = pd.concat([w["t0.csv"], pd.DataFrame({"respondent_id": ["", "r2", "r9"], "gender": ["man"] * 3,
                                                "A": [1, 2, 99], "B": [1, 2, 99]})])
    t1 = pd.concat([w["t1.csv"], pd.DataFrame({"respondent_id": ["x7"], "A": [3], "B": [3]})])
    d = _read(_forum(tmp_path, PER_WAVE, {"t0.csv": t0, "t1.csv": t1}))
    reasons = d.ledger.groupby(["wave", "reason"]).size().to_dict()
    assert reasons == {("t0", "duplicate respondent id"): 2, ("t0", "empty respondent id"): 1,
                       ("t0", "no substantive answers"): 1, ("t1", "not in the first wave (t0)"): 1}
    acc = d.accounting.set_index("wave")
    assert (acc.records_in == acc.analysed + acc.excluded).all()
    assert acc.loc["t0"].tolist()[1:] == [7, 3, 4]
    # the excluded rows are named by spreadsheet row (header = row 1)
    assert sorted(d.ledger[d.ledger.wave == "t0"].row) == [3, 6, 7, 8]


def test_dutch_excel_csv_cp1252_decimal_comma(tmp_path):
    text = "respondent_id;gender;A;B\nr1;man;7,5;2\nr2;vrouw;3;4\n"
    t1 = "respondent_id;A;B\nr1;8;2\n"
    d = _read(_forum(tmp_path, PER_WAVE, {"t0.csv": text.encode("cp1252"), "t1.csv": t1.encode("cp1252")}))
    assert d.responses.query("respondent_id == 'r1' and wave == 't0' and item == 'A'").value.item() == 7.5


def test_utf8_bom_header(tmp_path):
    w = mini_waves()
    bom = ("\ufeff" + w["t0.csv"].to_csv(index=False)).encode("utf-8")
    d = _read(_forum(tmp_path, PER_WAVE, {"t0.csv": bom, "t1.csv": w["t1.csv"]}))
    assert "r1" in set(d.respondents.respondent_id)


def test_wide_layout_with_prefix(tmp_path):
    wide = pd.DataFrame({"id": ["a", "b"], "gender": ["man", "vrouw"], "A": [1, 2], "B": [1, 1], "T2A": [3, 98], "T2B": [2, 2]})
    s = {"layout": "wide", "file": "all.csv", "id_column": "id", "columns": {"t0": "{item}", "t1": "T2{item}"}}
    d = _read(_forum(tmp_path, s, {"all.csv": wide}))
    assert d.responses.query("wave == 't1' and item == 'A'").value.tolist()[0] == 3
    assert d.accounting.records_in.tolist() == [2, 2]


def test_long_layout(tmp_path):
    long = pd.DataFrame({"respondent_id": ["a", "a", "a", "a", "b", "b"], "gender": ["man"] * 4 + ["vrouw"] * 2,
                         "wave": ["T0", "T0", "T1", "T1", "T0", "T0"], "item": ["A", "B", "A", "B", "A", "B"],
                         "value": [1, 2, 3, 4, 5, 1]})
    s = {"layout": "long", "file": "long.csv", "wave_values": {"T0": "t0", "T1": "t1"}}
    d = _read(_forum(tmp_path, s, {"long.csv": long}))
    assert d.responses.query("respondent_id == 'a' and wave == 't1' and item == 'B'").value.item() == 4


def test_xlsx_and_several_sheets(tmp_path):
    w = mini_waves()
    folder = tmp_path / "x"
    folder.mkdir()
    with pd.ExcelWriter(folder / "t0.xlsx") as xw:
        w["t0.csv"].to_excel(xw, sheet_name="antwoorden", index=False)
        pd.DataFrame({"x": [1]}).to_excel(xw, sheet_name="info", index=False)
    s = {"layout": "per_wave", "files": {"t0": "t0.xlsx", "t1": "t1.csv"}}
    write_forum(folder, {"name": "T", "surveys": s}, MINI_CODEBOOK, {"t1.csv": w["t1.csv"]})
    with pytest.raises(InputError, match=r"workbook has 2 sheets: antwoorden, info.*surveys.read.sheet"):
        _read(folder)
    write_forum(folder, {"name": "T", "surveys": dict(s, read={"sheet": "antwoorden"})}, MINI_CODEBOOK, {})
    assert len(_read(folder).respondents) == 4


def test_spss_user_missing_codes(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    w = mini_waves()
    t0 = w["t0.csv"].assign(A=[5, 7, 97, 2], gender=[1, 2, 2, 1])
    folder = tmp_path / "s"
    folder.mkdir()
    pyreadstat.write_sav(t0, str(folder / "t0.sav"), missing_ranges={"A": [97]},
                         variable_value_labels={"gender": {1: "man", 2: "vrouw"}})
    write_forum(folder, {"name": "T", "surveys": {"files": {"t0": "t0.sav", "t1": "t1.csv"}}}, MINI_CODEBOOK, {"t1.csv": w["t1.csv"]})
    d = _read(folder)
    row = d.responses.query("respondent_id == 'r3' and wave == 't0' and item == 'A'").iloc[0]
    assert np.isnan(row.value) and row.missing_code == 97  # user-missing in SPSS -> missing, code kept
    assert d.respondents.set_index("respondent_id").loc["r2", "gender"] == "vrouw"  # value labels applied


def test_qualtrics_three_header_rows(tmp_path):
    w = mini_waves()
    body = w["t0.csv"].to_csv(index=False).splitlines()
    text = "\n".join([body[0], "Respondent,Gender,Question A,Question B",
                      '{"ImportId":"r"},{"ImportId":"g"},{"ImportId":"QID1"},{"ImportId":"QID2"}'] + body[1:]) + "\n"
    d = _read(_forum(tmp_path, PER_WAVE, {"t0.csv": text, "t1.csv": w["t1.csv"]}))
    assert len(d.respondents) == 4


def test_all_problems_at_once(tmp_path):
    w = mini_waves()
    t0 = w["t0.csv"].assign(A=[5, 11, "x", 2], gender=["man", "vrouw", "X", "man"])
    t1 = w["t1.csv"].drop(columns="B")
    with pytest.raises(InputError) as err:
        _read(_forum(tmp_path, PER_WAVE, {"t0.csv": t0, "t1.csv": t1}))
    msg = str(err.value)
    assert "4 problems found" in msg
    assert "t0.csv, row 3, column 'A': answer to 'A' outside its scale 0-10 (value: 11)" in msg
    assert "t0.csv, row 4, column 'A': answer to 'A' is not a number (value: 'x')" in msg
    assert "row 4, column 'gender': unknown category for 'gender' (value: 'X')" in msg
    assert "codebook item 'B' (column 'B', wave t1) is not in the export" in msg


def test_out_of_range_exclude_goes_to_ledger(tmp_path):
    w = mini_waves()
    t0 = w["t0.csv"].assign(A=[5, 11, 3, 2])
    d = _read(_forum(tmp_path, dict(PER_WAVE, out_of_range="exclude"), {"t0.csv": t0, "t1.csv": w["t1.csv"]}))
    led = d.ledger[d.ledger.level == "answer"]
    assert led[["row", "respondent_id", "reason", "detail"]].values.tolist() == [[3, "r2", "answer outside the scale", "A = 11, scale 0-10"]]


def test_header_only_and_empty_file(tmp_path):
    w = mini_waves()
    with pytest.raises(InputError, match="no data rows \\(wave t1\\); only a header"):
        _read(_forum(tmp_path, PER_WAVE, {"t0.csv": w["t0.csv"], "t1.csv": "respondent_id,A,B\n"}))
    with pytest.raises(InputError, match="t1.csv: file is empty"):
        _read(_forum(tmp_path, PER_WAVE, {"t0.csv": w["t0.csv"], "t1.csv": ""}))


def test_a1r_ledger_accounts_for_all_523_delegates():
    from toolkit.forum.load import load_forum

    f = load_forum("surveys/a1r")
    assert f.accounting.records_in.tolist() == [523, 523]
    assert (f.accounting.analysed + f.accounting.excluded).tolist() == [523, 523]
    assert f.respondents.respondent_id.nunique() == 523
    # the five undocumented -8 codes are each in the ledger, not silently dropped
    assert len(f.ledger[f.ledger.level == "answer"]) == 5


def test_rows_left_out_are_not_checked_further(tmp_path):
    """Empty and duplicate ids and records without answers go to the ledger; their cells raise nothing."""
    w = mini_waves()
    t0 = pd.DataFrame({"respondent_id": ["r1", "", "r2", "r2", "r3", "r4"], "gender": ["man", "X", "Y", "Y", "Z", "vrouw"],
                       "A": [5, 50, 50, "x", 99, 1], "B": [1, 50, 50, 2, 99, 1]})
    d = _read(_forum(tmp_path, PER_WAVE, {"t0.csv": t0, "t1.csv": w["t1.csv"]}))
    assert d.ledger[["row", "reason"]].values.tolist() == [
        [3, "empty respondent id"], [4, "duplicate respondent id"], [5, "duplicate respondent id"],
        [6, "no substantive answers"]]


def test_at_most_20_problems_per_column_the_first_rows(tmp_path):
    w = mini_waves()
    n = 30
    t0 = pd.DataFrame({"respondent_id": [f"r{i}" for i in range(n)], "gender": ["M"] * n, "A": [11] * n, "B": [3] * n})
    with pytest.raises(InputError) as err:
        _read(_forum(tmp_path, PER_WAVE, {"t0.csv": t0, "t1.csv": w["t1.csv"]}))
    problems = err.value.problems
    assert len(problems) == 40
    assert [p.row for p in problems if p.column == "A"] == list(range(2, 22))
    assert [p.row for p in problems if p.column == "gender"] == list(range(2, 22))


def test_out_of_range_exclude_keeps_the_answer_out(tmp_path):
    w = mini_waves()
    t0 = w["t0.csv"].assign(A=[11, -1, 3, 2], B=[6, 1, 1, 1])
    d = _read(_forum(tmp_path, dict(PER_WAVE, out_of_range="exclude"), {"t0.csv": t0, "t1.csv": w["t1.csv"]}))
    led = d.ledger[d.ledger.level == "answer"]
    assert led[["row", "detail"]].values.tolist() == [[2, "A = 11, scale 0-10"], [3, "A = -1, scale 0-10"], [2, "B = 6, scale 1-5"]]
    # r1 has no answer left, so the record is left out too; r2 keeps its answer to B
    assert d.ledger[d.ledger.level == "record"][["row", "reason"]].values.tolist() == [[2, "no substantive answers"]]
    t0_answers = d.responses[d.responses.wave == "t0"].set_index(["respondent_id", "item"]).value
    assert "r1" not in t0_answers.index.get_level_values(0)
    assert pd.isna(t0_answers["r2", "A"]) and t0_answers["r2", "B"] == 1


def test_roster_demographics_are_joined_to_respondents_and_strangers_ledgered(tmp_path):
    from faults import ROSTER_G, T0, base_forum, _roster
    from toolkit.forum.load import load_forum

    folder = base_forum(tmp_path / "f")
    _roster(ROSTER_G, T0.replace(",gender", "").replace(",man", "").replace(",vrouw", "") + "0999,4,4,4\n")(folder)
    forum = load_forum(folder)
    genders = forum.respondents.set_index("respondent_id")["gender"].to_dict()
    assert genders == {"r1": "man", "r2": "vrouw", "r3": "vrouw", "r4": "man", "r5": "vrouw", "r6": "man"}
    stranger = forum.ledger[forum.ledger["reason"] == "not in the roster"]
    assert stranger[["respondent_id", "wave", "row"]].to_dict("records") == [{"respondent_id": "0999", "wave": "t0", "row": 8}]
    t0 = forum.accounting.set_index("wave").loc["t0"]
    assert (t0["records_in"], t0["analysed"], t0["excluded"]) == (7, 6, 1)


def test_exact_duplicate_keeps_one_copy_conflicting_ones_none(tmp_path):
    from faults import T1, base_forum
    from toolkit.forum.load import load_forum

    folder = base_forum(tmp_path / "f")
    (folder / "t1.csv").write_text(T1 + "r2,8,7,2\nr3,4,4,5\n", encoding="utf-8")
    forum = load_forum(folder)
    t1 = forum.responses[forum.responses["wave"] == "t1"]
    assert sorted(t1["respondent_id"].unique()) == ["r1", "r2", "r4", "r5"]
    led = forum.ledger.sort_values("row")[["row", "respondent_id", "reason"]].to_dict("records")
    assert led == [{"row": 4, "respondent_id": "r3", "reason": "duplicate respondent id"},
                   {"row": 7, "respondent_id": "r2", "reason": "exact duplicate submission"},
                   {"row": 8, "respondent_id": "r3", "reason": "duplicate respondent id"}]
