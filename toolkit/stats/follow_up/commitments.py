"""Commitments made up front, checked against the register and the parliamentary record.

Plain functions on the tidy ``commitments``, ``recommendations`` and ``parliament`` frames of
:func:`toolkit.intake.register.read_follow_up`; no file I/O, no plotting. A commitment about the
response term is decided from the response dates, one about a parliamentary debate from the
debates held; any other commitment takes the assessor's stated ``met`` (docs/follow_up.md).
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from toolkit.stats.follow_up.frames import RESPONDED, day

__all__ = ["commitments_check"]


def _commitment_row(c: pd.Series, register: pd.DataFrame, parliament: pd.DataFrame, handover: pd.Timestamp,
                    as_of: pd.Timestamp) -> dict[str, Any]:
    due = day(c["due_date"]) if pd.notna(c.get("due_date")) else pd.NaT
    kind, status, when, detail = c["kind"], "unknown", pd.NaT, None
    if kind == "response_within_days":
        if pd.notna(c.get("days")):
            due = handover + pd.Timedelta(days=int(c["days"]))
        dates = pd.to_datetime(register["response_date"]).where(register["response"].isin(RESPONDED))
        on_time = int((dates <= due).sum())
        detail = f"{on_time}/{len(register)}"
        if pd.isna(due):
            pass
        elif len(register) and on_time == len(register):
            status, when = "met", dates.max()
        elif len(register):
            status = "pending" if as_of <= due else "not_met"
    elif kind == "parliament_debate":
        d = pd.to_datetime(parliament.loc[parliament["kind"] == "debate", "date"])
        held = d[d <= due] if pd.notna(due) else d
        if len(held):
            status, when = "met", held.min()
        else:
            status = "pending" if pd.isna(due) or as_of <= due else "not_met"
        detail = str(len(d))
    else:
        stated = c.get("met")
        status = {"yes": "met", "no": "not_met"}.get(stated, "pending" if pd.notna(due) and as_of <= due else "unknown")
    return {"id": c["id"], "kind": kind, "description": c["description"], "due_date": due, "status": status,
            "computed": kind != "other", "fulfilled_date": when, "detail": detail, "stated_met": c.get("met"),
            "evidence": c.get("evidence")}


def commitments_check(commitments: pd.DataFrame, register: pd.DataFrame, as_of: Any, handover_date: Any,
                      parliament: pd.DataFrame | None = None) -> pd.DataFrame:
    """Check each commitment made up front against the data.

    ``response_within_days`` is met when every recommendation had a formal response by the handover
    + ``days`` (or ``due_date``); ``parliament_debate`` when ``parliament`` holds a debate (by the
    due date, if one is given); ``other`` commitments take the stated ``met``. Not yet met and not
    yet due: ``pending``. Where the data decide, the stated ``met`` is only compared
    (``consistent``).

    Returns
    -------
    DataFrame
        ``id``, ``kind``, ``description``, ``due_date``, ``status`` (met, not_met, pending,
        unknown), ``computed`` (bool: decided from the data), ``fulfilled_date`` (last on-time
        response, or first debate), ``detail`` (responses on time "k/n", or number of debates),
        ``stated_met``, ``consistent`` (nullable bool), ``evidence``.

    Examples
    --------
    >>> reg = pd.DataFrame({"response": ["adopted", "no_response"], "response_date": pd.to_datetime(["2025-03-01", None])})
    >>> com = pd.DataFrame({"id": ["C1", "C2"], "kind": ["response_within_days", "parliament_debate"],
    ...                     "description": ["90 days", "debate"], "days": [90, np.nan], "due_date": pd.NaT,
    ...                     "met": ["yes", None], "evidence": [None, None]})
    >>> commitments_check(com, reg, "2025-06-01", "2025-01-15")[["id", "status", "detail", "consistent"]].values.tolist()
    [['C1', 'not_met', '1/2', False], ['C2', 'pending', '0', <NA>]]
    """
    handover, as_of = day(handover_date), day(as_of)
    if parliament is None:
        parliament = pd.DataFrame({"kind": pd.Series(dtype=str), "date": pd.Series(dtype="datetime64[ns]")})
    rows = [_commitment_row(c, register, parliament, handover, as_of) for _, c in commitments.iterrows()]
    out = pd.DataFrame(rows, columns=["id", "kind", "description", "due_date", "status", "computed",
                                      "fulfilled_date", "detail", "stated_met", "evidence"])
    decided = out["computed"] & out["status"].isin(["met", "not_met"]) & out["stated_met"].isin(["yes", "no"])
    consistent = (out["status"] == "met") == (out["stated_met"] == "yes")
    out.insert(9, "consistent", pd.array(np.where(decided, consistent, pd.NA), dtype="boolean"))
    return out
