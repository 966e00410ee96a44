"""The one reader of every input file (toolkit.intake.files.read_table and its CSV readers in toolkit.intake.delimited).

A CSV file is read by pandas and checked against its bytes, or, where the check fails, by the csv
module; both must give the same table, row numbers and problems.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.errors import InputError
from toolkit.intake import delimited as _csv
from toolkit.intake.files import read_table
from conftest import write


def outcome(path, **kw):
    """What read_table gives: the table, or the problems as text."""
    try:
        t = read_table(path, **kw)
    except InputError as exc:
        return [str(p) for p in exc.problems]
    return t


def exact_outcome(path, monkeypatch, **kw):
    with monkeypatch.context() as m:
        m.setattr(_csv, "_read_csv_fast", lambda *a, **k: None)
        return outcome(path, **kw)


def assert_same(a, b):
    assert type(a) is type(b), (a, b)
    if isinstance(a, list):
        assert a == b
    else:
        pd.testing.assert_frame_equal(a.frame, b.frame, check_index_type=False)
        assert a[1:] == b[1:]


CASES = {
    "plain": "a,b,c\n1,2,3\n4,5,6\n",
    "blank line": "a,b,c\n1,2,3\n\n4,5,6\n",
    "blank lines at the end": "a,b,c\n1,2,3\n\n\n",
    "white space line": "a,b,c\n1,2,3\n   \n4,5,6\n",
    "short row": "a,b,c\n1,2,3\n4,5\n7,8,9\n",
    "long row": "a,b,c\n1,2,3\n4,5,6,7\n",
    "long first row, short second": "a,b,c\n1,2,3,4\n5,6\n",
    "other delimiter in a row": "a,b,c\n1,2,3\n4;5;6\n",
    "quotes": 'a,b,c\n"x,y",2,"two\nlines"\n"q""q",5,6\n',
    "quote inside a cell": 'a,b\nab"c,2\n"ab"c,3\n',
    "unclosed quote": 'a,b\n"abc,2\n3,4\n',
    "qualtrics": ('id,g,A\nRespondent,Gender,Question\n{"ImportId":"id"},{"ImportId":"g"},{"ImportId":"QID1"}\n'
                  "r1,man,5\n\nr2,vrouw,6\n"),
    "dutch excel": "a;b;c\r\n1;2,5;3\r\n\r\n",
    "lone CR": "a,b\r1,2\r3,4\r",
    "one column": 'a\n1\n\n  \n""\n2\n',
    "trailing delimiter": "a,b,\n1,2,\n",
    "header only": "a,b\n",
    "no line break at the end": "a,b\n1,2",
    "duplicate column": "a,b,a\n1,2,3\n",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_fast_and_exact_readers_agree(text, tmp_path, monkeypatch):
    path = write(tmp_path / "f.csv", text)
    for kw in ({}, {"skipinitialspace": True}, {"categorical": lambda c: c != "a", "columns": lambda c: c != "b"}):
        assert_same(outcome(path, **kw), exact_outcome(path, monkeypatch, **kw))


def test_blank_lines_keep_their_row_numbers(tmp_path):
    t = read_table(write(tmp_path / "f.csv", "id,x\nA,1\n\n  \nB,2\n"))
    assert (t.frame.index + t.first_row).tolist() == [2, 5]
    with pytest.raises(InputError, match="row 5: row has 1 cells but the header has 2"):
        read_table(write(tmp_path / "g.csv", "id,x\nA,1\n\n  \nB\n"))


def test_blank_xlsx_rows_keep_the_row_numbers_of_the_sheet(tmp_path):
    path = tmp_path / "f.xlsx"
    pd.DataFrame({"id": ["A", None, "B"], "x": [1, None, 2]}).to_excel(path, index=False)
    t = read_table(path)
    assert (t.frame.index + t.first_row).tolist() == [2, 4]
    assert t.frame["id"].tolist() == ["A", "B"]


def test_categorical_columns_keep_their_text(tmp_path):
    t = read_table(write(tmp_path / "f.csv", "code,region\n012,1\n12,2\n1.50,3\n"), categorical=lambda c: True)
    assert isinstance(t.frame["code"].dtype, pd.CategoricalDtype)
    assert t.frame["code"].tolist() == ["012", "12", "1.50"]  # not 12, 12, 1.5 as pandas would make them
    assert t.frame["region"].tolist() == ["1", "2", "3"]


def test_columns_are_selected_but_the_whole_header_is_checked(tmp_path):
    t = read_table(write(tmp_path / "f.csv", "a,b,c\n1,2,3\n"), columns=lambda c: c != "b")
    assert list(t.frame.columns) == ["a", "c"]
    with pytest.raises(InputError, match="column name\\(s\\) appear twice: b"):
        read_table(write(tmp_path / "g.csv", "a,b,b\n1,2,3\n"), columns=lambda c: c == "a")


def test_skipinitialspace_reads_quoted_cells_after_comma_space(tmp_path):
    path = write(tmp_path / "f.csv", 'variable, note\ngender, "a, b"\n')
    assert read_table(path, skipinitialspace=True).frame["note"].tolist() == ["a, b"]
    with pytest.raises(InputError, match="row 2: row has 3 cells but the header has 2"):
        read_table(path)


@pytest.fixture(scope="module")
def big():
    """Rows enough for a file of more than 5 MB, which pandas reads in parallel chunks."""
    rng = np.random.default_rng(3)
    n = 300_000
    return pd.DataFrame({"date": pd.Timestamp("2025-01-06") + pd.to_timedelta(rng.integers(0, 70, n), unit="D"),
                         "gender": rng.choice(["man", "vrouw", ""], n), "region": rng.choice(["Noord", "Zuid"], n),
                         "note": rng.choice(["", "x", "a,b", "two\nlines", 'say "hi"'], n)})


def test_large_file_with_quotes_blank_line_and_short_row(big, tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    big.to_csv(path, index=False)
    t = read_table(path, categorical=lambda c: c in ("gender", "region"))
    assert len(t.frame) == 300_000 and t.frame["note"].str.contains("\n").any()
    head, tail = big.iloc[:999].to_csv(index=False), big.iloc[999:].to_csv(index=False, header=False)
    t = read_table(write(tmp_path / "blank.csv", head + "\n" + tail))
    assert len(t.frame) == 300_000 and 999 not in t.frame.index and t.frame.index[-1] == 300_000  # row 1001 is blank
    short = write(tmp_path / "short.csv", head + "2025-01-01,man\n" + tail)
    expected = exact_outcome(short, monkeypatch)
    assert outcome(short) == expected and "row 1001: row has 2 cells but the header has 4" in expected[0]


@st.composite
def csv_texts(draw):
    sep = draw(st.sampled_from([",", ";", "\t"]))
    cell = st.sampled_from(["a", "12", "012", "7,5", " x", "y ", "", '"q"', '"a,b"', '"two\nlines"', '"x""y"',
                            'ab"c', " ", ";", "é", "\t"])
    width = draw(st.integers(1, 4))
    rows = [sep.join(f"h{i}" for i in range(width))]
    for _ in range(draw(st.integers(0, 6))):
        w = draw(st.sampled_from([width, width, width, max(width - 1, 1), width + 1, 0]))
        rows.append(sep.join(draw(cell) for _ in range(w)))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return end.join(rows) + draw(st.sampled_from([end, "", end * 2]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=csv_texts(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
       skipinitialspace=st.booleans(), categorical=st.booleans())
def test_fast_and_exact_readers_agree_on_any_file(text, encoding, skipinitialspace, categorical, tmp_path, monkeypatch):
    path = write(tmp_path / "f.csv", text, encoding)
    kw = {"skipinitialspace": skipinitialspace, "categorical": (lambda c: c != "h0") if categorical else None}
    assert_same(outcome(path, **kw), exact_outcome(path, monkeypatch, **kw))


def test_sav_and_other_formats_are_unchanged(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    frame = pd.DataFrame({"id": ["a", "b"], "q": [1.0, 97.0]})
    pyreadstat.write_sav(frame, str(tmp_path / "f.sav"), missing_ranges={"q": [97]})
    t = read_table(tmp_path / "f.sav", columns=lambda c: c == "q")
    assert list(t.frame.columns) == ["q"] and t.missing_values == {"q": [97.0]}
    with pytest.raises(InputError, match="unknown file type '.ods'"):
        read_table(write(tmp_path / "f.ods", "a"))
