"""The wider public's input (toolkit.intake.public_input): large files, dates, missing labels, bad values."""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

from toolkit.errors import InputError
from toolkit.intake.public_input import read_public_input
from conftest import write, problems_of


def test_public_input_dates_missing_labels_and_bad_values(tmp_path):
    text = ("date,gender,age_group\n2024-03-01T10:00:00,man,18-39\n02-03-2024,Wil ik niet zeggen,40-64\n"
            ",vrouw,\n2024-13-45,M,40-64\nsoon,M,65-79\n")
    with pytest.raises(InputError) as exc:
        read_public_input(write(tmp_path / "p.csv", text), ["gender", "age_group"],
                          categories={"gender": ["man", "vrouw"]})
    text_of = "\n".join(map(str, problems_of(exc)))
    assert "row 5, column 'date': date cannot be read (1 row) (value: '2024-13-45')" in text_of
    assert "row 5, column 'gender': value not among the allowed values (2 rows) (value: 'M')" in text_of
    ok = read_public_input(write(tmp_path / "ok.csv", text.split("2024-13-45")[0].rstrip() + "\n"), ["gender"])
    assert ok["date"].dt.strftime("%Y-%m-%d").tolist()[:2] == ["2024-03-01", "2024-03-02"]
    assert ok["gender"].isna().tolist() == [False, True, False]
    assert list(ok.columns) == ["date", "gender"]


def test_public_input_reads_a_million_rows(tmp_path):  # its speed is measured in bench/run.py
    rng = np.random.default_rng(0)
    n = 1_000_000
    dates = (pd.Timestamp("2024-03-01") + pd.to_timedelta(rng.integers(0, 60 * 86_400, n), unit="s"))
    pd.DataFrame({"id": np.arange(n), "date": dates.strftime("%Y-%m-%dT%H:%M:%S"),
                  "gender": rng.choice(["man", "vrouw", ""], n), "text": "x"}).to_csv(tmp_path / "p.csv", index=False)
    out = read_public_input(tmp_path / "p.csv", ["gender"], categories={"gender": ["man", "vrouw"]})
    assert len(out) == n and out["date"].notna().all()
    assert isinstance(out["gender"].dtype, pd.CategoricalDtype)


def test_public_input_keeps_codes_as_written_and_numbers_rows_as_a_spreadsheet(tmp_path):
    text = "date;region;gender\n2024-03-01;01;man\n\n2024-03-02;1;x\n2024-03-02;01;\n"
    with pytest.raises(InputError) as exc:
        read_public_input(write(tmp_path / "p.csv", text, "cp1252"), categories={"gender": ["man", "vrouw"]})
    assert [(p.row, p.column, p.value) for p in problems_of(exc)] == [(4, "gender", "x")]
    out = read_public_input(tmp_path / "p.csv")
    assert out["region"].tolist() == ["01", "1", "01"]  # not 1, 1, 1
    assert out["gender"].tolist() == ["man", "x", np.nan]
