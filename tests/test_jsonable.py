"""The one JSON conversion (toolkit.jsonable): null for what is not defined, ISO 8601 dates, no NaN/Infinity."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.jsonable import dumps, iso, jsonable, records


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -np.inf, np.float32("nan"), pd.NA, pd.NaT, None,
                                   np.datetime64("NaT")])
def test_what_is_not_defined_is_null(value):
    assert jsonable(value) is None


def test_numbers_booleans_and_containers():
    out = jsonable({1: np.int64(3), "b": np.bool_(True), "f": np.float32(0.5), "t": (1, 2), "a": np.array([1.5, np.inf]),
                    "s": pd.Series([1, 2]), "p": Path("x/y.csv")})
    assert out == {"1": 3, "b": True, "f": 0.5, "t": [1, 2], "a": [1.5, None], "s": [1, 2], "p": "x/y.csv"}
    assert type(out["1"]) is int and type(out["b"]) is bool


def test_one_timestamp_format():
    day = "2025-03-01"
    assert {iso(dt.date(2025, 3, 1)), iso(dt.datetime(2025, 3, 1)), iso(pd.Timestamp(day)), iso(np.datetime64(day))} == {day}
    assert jsonable(pd.Timestamp("2025-03-01 10:15")) == "2025-03-01T10:15:00"
    assert jsonable(dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc)) == "2025-03-01T00:00:00+00:00"


def test_records_keep_the_columns_asked_for_that_exist():
    df = pd.DataFrame({"a": [1, 2], "b": [np.nan, 0.25], "d": pd.to_datetime(["2025-01-02", None])})
    assert records(df, ["d", "b", "absent"]) == [{"d": "2025-01-02", "b": None}, {"d": None, "b": 0.25}]
    assert jsonable(df) == records(df) and records(None) == []


def test_dumps_never_writes_nan_or_infinity():
    text = dumps({"x": np.inf, "y": [float("nan")], "z": 1.5})
    assert json.loads(text) == {"x": None, "y": [None], "z": 1.5}
    assert "Infinity" not in text and "NaN" not in text


def test_an_unknown_type_is_a_programming_error():
    with pytest.raises(TypeError, match="no JSON form for a object"):
        jsonable({"x": object()})
