"""Every cell parser (toolkit.intake.cells): numbers and the decimal mark, booleans, text, dates, names."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from conftest import MINI_CODEBOOK, write_forum
from toolkit.errors import InputError
from toolkit.forum.config import load_codebook, load_config
from toolkit.intake.benchmark import read_benchmark
from toolkit.intake.cells import booleans, column_name, dates, number, numbers, parse_date, text, texts
from toolkit.intake.register import read_sessions
from toolkit.intake.surveys import read_surveys


def _one(cell, decimal):
    """The number of one cell in a column of otherwise whole numbers (no evidence either way)."""
    p = numbers(pd.Series([cell, "3", "4"]), decimal)
    return "error" if p.bad.iloc[0] else p.values.iloc[0]


# ---------------------------------------------------------------------------------------- numbers
# Issue 12's table: four parsers gave 7.5 / 75.0 / error for the same cells. One rule now (module
# docstring of toolkit.intake.cells): the non-decimal mark is a thousands separator only in a
# well-formed group of three; any other use is ambiguous and an error unless the column says so.
@pytest.mark.parametrize("cell, decimal, expected", [
    ("7.5", ",", "error"),      # was 75.0 in surveys._parse_numeric: ambiguous, reported
    ("7,5", ",", 7.5),
    ("1.234", ",", 1234.0),     # a well-formed group in a decimal-comma file
    ("1.234", ".", 1.234),
    ("1.234,5", ",", 1234.5),   # was an error in register_columns._to_float
    ("1.234.567", ",", 1234567.0),
    ("-1.234,5", ",", -1234.5),
    ("1.23", ",", "error"),     # not a group of three: ambiguous
    ("01.234", ",", "error"),   # a group does not start with 0
    ("1.2345", ",", "error"),
    ("7,5", ".", "error"),      # the mirror image in a decimal-point file
    ("1,234", ".", 1234.0),
    ("1,234.5", ".", 1234.5),
    ("1.234,5", ".", "error"),
    ("7.5", ".", 7.5),
    (".5", ".", 0.5),
    ("1e3", ".", 1000.0),
    ("inf", ".", "error"),
    ("7.5.1", ".", "error"),
    ("12 ", ".", 12.0),
    ("x", ",", "error"),
])
def test_the_decimal_mark_rule(cell, decimal, expected):
    assert _one(cell, decimal) == expected


def test_ambiguous_cells_are_marked_and_named():
    p = numbers(pd.Series(["7,5", "7.5", "x"], index=[2, 3, 4]), ",")
    assert p.bad.tolist() == [False, True, True]
    assert p.ambiguous.tolist() == [False, True, False]
    assert p.reason[3] == "decimal mark '.' in a file that uses ','"
    assert p.reason[4] == "not a number" and p.reason[2] is None


def test_a_column_whose_other_cells_use_the_other_mark_is_read_with_it():
    assert numbers(pd.Series(["7.5", "7.25", "1.234", "3"]), ",").values.tolist() == [7.5, 7.25, 1.234, 3.0]
    assert numbers(pd.Series(["6,5", "2,5"]), ".").values.tolist() == [6.5, 2.5]
    # one other cell with the file's own decimal mark: the column is mixed, the dots are reported
    mixed = numbers(pd.Series(["7.5", "7.25", "6,5"]), ",")
    assert mixed.bad.tolist() == [True, True, False] and mixed.values.tolist()[2] == 6.5


def test_empty_cells_are_missing_not_bad():
    p = numbers(pd.Series(["", " ", "NA", "nan", "#N/A", "None", None, np.nan]), ",")
    assert p.values.isna().all() and not p.bad.any()


def test_numbers_from_spss_and_excel_pass_through():
    p = numbers(pd.Series([7.5, 3, "4,5", None], dtype=object), ",")
    assert p.values.tolist()[:3] == [7.5, 3.0, 4.5] and not p.bad.any()
    assert numbers(pd.Series([1.0, 2.5, np.nan]), ",").values.tolist()[:2] == [1.0, 2.5]
    assert numbers(pd.Series([1.0, np.inf])).bad.tolist() == [False, True]


def test_whole_numbers_and_percent_signs():
    p = numbers(pd.Series(["12", "1.320.800", "2,5"]), ",", whole=True)
    assert p.values.tolist()[:2] == [12.0, 1320800.0] and p.reason.tolist()[2] == "not a whole number"
    assert numbers(pd.Series(["49,7%", "50,3 %"]), ",", percent=True).values.tolist() == pytest.approx([0.497, 0.503])
    assert numbers(pd.Series(["49,7%"]), ",").bad.all()


def test_number_scalar_wrapper():
    assert (number("7,5", ","), number(" "), number(3), number("1.234,5", ",")) == (7.5, None, 3.0, 1234.5)
    with pytest.raises(ValueError, match="decimal mark '.' in a file that uses ','"):
        number("7.5", ",")
    with pytest.raises(ValueError, match="not a whole number"):
        number("2.5", whole=True)


def test_numbers_refuses_a_decimal_mark_it_does_not_know():
    with pytest.raises(ValueError, match="decimal must be"):
        numbers(pd.Series(["1"]), ";")
    with pytest.raises(TypeError, match="booleans"):
        numbers(pd.Series([True, False]))


# ---------------------------------------------------------------------------------------- other cells
def test_booleans():
    p = booleans(pd.Series(["Ja", " nee ", "1", "0.0", "x", None, "misschien"]))
    assert p.values.tolist()[:5] == [True, False, True, False, True]
    assert p.bad.tolist() == [False] * 6 + [True] and p.reason.iloc[6] == "not yes or no"


def test_text_and_column_names():
    assert (text(" man "), text(12.0), text(12.5), text(np.nan), text(pd.NA), text("  ")) == (
        "man", "12", "12.5", None, None, None)
    assert texts(pd.Series([" a", 3.0, None])).tolist()[:2] == ["a", "3"]
    assert column_name("\ufeff Response - Date ") == "response_date"
    assert column_name("sessions\tattended") == "sessions_attended"


@pytest.mark.parametrize("cell", ["2025-02-03", "3-2-2025", "03-02-2025", "3/2/2025", "3.2.2025", "3 februari 2025",
                                  "3 feb 2025", "3 feb. 2025", "3 Februari 2025", " 03  FEB  2025 ", "3 February 2025",
                                  "2025-02-03 00:00:00"])
def test_parse_date_accepts_iso_and_dutch_formats(cell):
    assert parse_date(cell) == dt.date(2025, 2, 3)


def test_parse_date_month_names_and_excel_cells():
    assert parse_date("1 mrt 2025") == dt.date(2025, 3, 1)
    assert parse_date("31 okt 2024") == dt.date(2024, 10, 31)
    assert parse_date(pd.Timestamp("2025-02-03")) == dt.date(2025, 2, 3)
    assert parse_date(dt.datetime(2025, 2, 3)) == dt.date(2025, 2, 3)


@pytest.mark.parametrize("cell, message", [
    ("31-2-2025", "no such date"), ("2025-02-30", "no such date"), ("3-2-25", "two-digit year"),
    ("februari 2025", "not a date"), ("3 febr 2025", "not a date"), ("2025/02/03", "not a date"),
    ("45691", "not a date"), (45691.0, "a number"), ("2025-02-03 14:00", "not a date"), ("", "not a date"),
])
def test_parse_date_is_strict(cell, message):
    with pytest.raises(ValueError, match=message):
        parse_date(cell)


def test_dates_column_with_and_without_times():
    p = dates(pd.Series(["3 feb 2025", pd.Timestamp("2025-02-04"), None, "", "31-2-2025", "2025-02-03 14:00"]))
    assert p.values.dt.strftime("%Y-%m-%d").tolist()[:2] == ["2025-02-03", "2025-02-04"]
    assert p.bad.tolist() == [False, False, False, False, True, True]
    assert p.reason.iloc[4].startswith("no such date")
    t = dates(pd.Series(["2024-03-01T10:15:00+01:00", "2024-03-01T10:15:00", "02-03-2024 9:30", "1-3-2024 25:00"]),
              times=True)
    assert t.values.tolist()[:3] == [pd.Timestamp("2024-03-01 10:15"), pd.Timestamp("2024-03-01 10:15"),
                                     pd.Timestamp("2024-03-02 09:30")]
    assert t.bad.tolist() == [False, False, False, True] and "no such time" in t.reason.iloc[3]


# ---------------------------------------------------------------------------------------- end to end
def _survey(tmp_path, t0: str):
    t1 = "respondent_id;A;B\nr1;8;2\nr2;4;4\n"
    folder = write_forum(tmp_path / "f", {"name": "T", "surveys": {"layout": "per_wave",
                                                                     "files": {"t0": "t0.csv", "t1": "t1.csv"}}},
                         MINI_CODEBOOK, {"t0.csv": t0.encode("cp1252"), "t1.csv": t1.encode("cp1252")})
    return read_surveys(load_config(folder), load_codebook(folder))


def test_survey_export_with_decimal_comma_reads_the_cells_right(tmp_path):
    d = _survey(tmp_path, "respondent_id;gender;A;B\nr1;man;7,5;2\nr2;vrouw;3;4\n")
    assert d.responses.query("respondent_id == 'r1' and wave == 't0' and item == 'A'").value.item() == 7.5


def test_survey_export_with_an_ambiguous_decimal_names_the_cell(tmp_path):
    with pytest.raises(InputError) as exc:
        _survey(tmp_path, "respondent_id;gender;A;B\nr1;man;7.5;2\nr2;vrouw;3;4\n")
    (p,) = [p for p in exc.value.problems if p.column == "A"]
    assert (p.row, p.value) == (2, "7.5") and "t0.csv" in p.file
    assert "decimal mark '.' in a file that uses ','" in p.message and "7,5" in p.hint


def test_register_with_thousands_and_ambiguous_decimals(tmp_path):
    ok = tmp_path / "s.csv"
    ok.write_bytes("date;hours;attendance\n11-1-2025;6,5;1.200\n16-1-2025;2,5;30\n".encode("cp1252"))
    s = read_sessions(ok, as_of="2025-06-01")
    assert s["hours"].tolist() == [6.5, 2.5] and s["attendance"].tolist() == [1200.0, 30.0]
    bad = tmp_path / "b.csv"
    bad.write_bytes("date;hours;attendance\n11-1-2025;6.5;12\n16-1-2025;2,5;30\n".encode("cp1252"))
    with pytest.raises(InputError, match=r"b.csv, row 2, column 'hours': decimal mark '.' in a file that uses ','"
                                         r" \(value: '6.5'\)"):
        read_sessions(bad, as_of="2025-06-01")


def test_benchmark_with_an_ambiguous_decimal_names_the_cell(tmp_path):
    path = tmp_path / "b.csv"
    path.write_bytes(("variable;category;share;source;year;age_range\n"
                      "gender;man;0.497;x;2023;all\ngender;vrouw;0,503;x;2023;all\n").encode("cp1252"))
    with pytest.raises(InputError, match=r"b.csv, row 2, column 'share': decimal mark '.' in a file that uses ','"):
        read_benchmark(path)


def test_dates_with_times_take_no_year_or_month_for_a_day():
    p = dates(pd.Series(["2024", "2024-03", "2024-03-01"]), times=True)
    assert p.bad.tolist() == [True, True, False]
