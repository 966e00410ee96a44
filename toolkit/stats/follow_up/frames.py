"""Small shared helpers for the political follow-up analyses (not public API).

The register's response codes, the day parser and the JSON conversion used by
:mod:`toolkit.stats.follow_up.register`, :mod:`toolkit.stats.follow_up.commitments` and :mod:`toolkit.stats.follow_up.preconditions`; they live
here so that those modules need not import one another.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd

RESPONSES = ("adopted", "adopted_in_part", "under_consideration", "rejected", "no_response", "unknown")
#: The responses that count as a formal response (all but ``no_response`` and ``unknown``).
RESPONDED = ("adopted", "adopted_in_part", "under_consideration", "rejected")
#: Whether a response came is not known (the evaluator could not find out): left out of the rates' base.
UNKNOWN = "unknown"


def day(d: Any) -> pd.Timestamp:
    """A day from a date, Timestamp or ISO string (never a guess at day-first text).

    Examples
    --------
    >>> day("2025-01-15 13:45"), day(dt.date(2025, 1, 15))
    (Timestamp('2025-01-15 00:00:00'), Timestamp('2025-01-15 00:00:00'))
    """
    if isinstance(d, str):
        d = dt.date.fromisoformat(d.strip()[:10])
    return pd.Timestamp(d).normalize()


def plain(x: Any) -> Any:
    """JSON-ready: None for NaN/NA/NaT, ISO strings for dates, Python numbers.

    Examples
    --------
    >>> plain({"a": np.float64("nan"), "b": [pd.Timestamp("2025-03-01"), np.int64(2), np.bool_(True)]})
    {'a': None, 'b': ['2025-03-01', 2, True]}
    """
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if x is None or x is pd.NA or x is pd.NaT:
        return None
    if isinstance(x, (pd.Timestamp, dt.datetime)):
        return x.date().isoformat()
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        return None if math.isnan(x) else float(x)
    return x


def records(df: pd.DataFrame, columns: list[str]) -> list[dict]:
    """The `columns` of `df` as a list of JSON-ready dicts (see :func:`plain`)."""
    return [plain(dict(zip(columns, r))) for r in df[columns].itertuples(index=False, name=None)]
