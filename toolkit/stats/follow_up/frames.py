"""Small shared helpers for the political follow-up analyses (not public API).

The register's response codes and the day parser used by
:mod:`toolkit.stats.follow_up.register`, :mod:`toolkit.stats.follow_up.commitments` and :mod:`toolkit.stats.follow_up.preconditions`; they live
here so that those modules need not import one another.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

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
