"""The one conversion of figures to JSON types, for results.json and every block in it.

Rules: numpy and pandas scalars become Python numbers and booleans; NaN, NA, NaT and infinities
become ``None`` (``null`` in results.json: the figure is not defined, e.g. a rate with nothing to
divide by); dates and times are ISO 8601 text, a day as ``2025-03-01`` (also a timestamp at
midnight) and a moment as ``2025-03-01T10:15:00`` (with its offset when it has one); a frame
becomes a list of records; dict keys become text. A value of any other type is a programming
error (TypeError), never silently turned into text. :func:`dumps` writes with
``allow_nan=False``, so no ``NaN`` or ``Infinity`` can reach a file.
"""
from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

__all__ = ["jsonable", "records", "iso", "dumps"]


def iso(value: dt.date | dt.datetime | pd.Timestamp | np.datetime64) -> str:
    """A date or moment as ISO 8601 text: the day alone when the time is midnight.

    Examples
    --------
    >>> iso(dt.date(2025, 3, 1)), iso(pd.Timestamp("2025-03-01")), iso(pd.Timestamp("2025-03-01 10:15"))
    ('2025-03-01', '2025-03-01', '2025-03-01T10:15:00')
    """
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time() and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    return value.isoformat()


def jsonable(obj: Any) -> Any:
    """`obj` in plain JSON types (the rules are in the module's docstring).

    Raises
    ------
    TypeError
        A value of a type that has no JSON form here.

    Examples
    --------
    >>> jsonable({"a": np.float64("nan"), "b": np.int64(3), "c": dt.date(2025, 1, 2), 4: [np.inf, pd.NA]})
    {'a': None, 'b': 3, 'c': '2025-01-02', '4': [None, None]}
    """
    if obj is None or isinstance(obj, str):
        return obj
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, np.ndarray, pd.Series, pd.Index)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, pd.DataFrame):
        return records(obj)
    if obj is pd.NA or obj is pd.NaT:
        return None
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        return float(obj) if math.isfinite(obj) else None
    if isinstance(obj, (dt.date, np.datetime64)):
        return None if pd.isna(obj) else iso(obj)
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"no JSON form for a {type(obj).__name__}: {obj!r}")


def records(df: pd.DataFrame | None, columns: Sequence[str] | None = None) -> list[dict]:
    """The rows of `df` as JSON-ready dicts: only the `columns` it has, in that order (default all).

    Examples
    --------
    >>> records(pd.DataFrame({"a": [1, 2], "b": [0.5, np.nan]}), ["b", "a", "c"])
    [{'b': 0.5, 'a': 1}, {'b': None, 'a': 2}]
    """
    if df is None:
        return []
    cols = [c for c in (df.columns if columns is None else columns) if c in df.columns]
    return [{str(c): jsonable(v) for c, v in zip(cols, row)}
            for row in df[cols].itertuples(index=False, name=None)]


def dumps(obj: Any, **kwargs: Any) -> str:
    """JSON text of ``jsonable(obj)``; ``allow_nan=False``, so NaN or Infinity raise ValueError.

    Examples
    --------
    >>> dumps({"x": float("inf"), "when": pd.Timestamp("2025-03-01")}, sort_keys=True)
    '{"when": "2025-03-01", "x": null}'
    """
    return json.dumps(jsonable(obj), allow_nan=False, **kwargs)
