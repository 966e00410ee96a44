"""The rules the rows of the follow-up files must keep, within a file and against each other.

A recommendation that was answered needs a date and a source; an implementation status does not
go back; ids name a recommendation in the register, or a precondition of the 2023 letter; dates
lie between the handover and the as-of date (:class:`Env`). :data:`CHECKS` holds one check per
file; each appends its Problems to the file's :class:`~toolkit.intake.register_columns.Ctx`.

Examples
--------
>>> from toolkit.intake.register_columns import SPECS, Ctx, complete
>>> env = Env(pd.Timestamp("2025-01-15"), pd.Timestamp("2025-06-01"), frozenset({"R1"}), ())
>>> rows = pd.DataFrame({"recommendation_id": ["R1", "R9"], "date": pd.to_datetime(["2025-02-01", "2025-03-01"]),
...                      "status": ["in_progress", "in_progress"]})
>>> ctx = Ctx("impl.csv", 2, [])
>>> CHECKS["implementation"](complete(rows, SPECS["implementation"]), ctx, env)
>>> print(ctx.problems[0])
impl.csv, row 3, column 'recommendation_id': unknown id 'R9' (value: 'R9'). Use an id from the recommendations register
"""
from __future__ import annotations

import difflib
from typing import Any, Callable, NamedTuple

import pandas as pd

from toolkit.errors import Problem
from toolkit.intake.register_columns import Ctx, precision_column, row

__all__ = ["Env", "CHECKS"]

_STAGE = {"not_started": 0, "in_preparation": 1, "in_progress": 2, "implemented": 3}


class Env(NamedTuple):
    """What the rows are checked against: the handover and as-of dates and the valid ids."""

    handover: pd.Timestamp | None
    as_of: pd.Timestamp
    recommendation_ids: frozenset | None
    precondition_ids: tuple


def _fmt(ts: pd.Timestamp) -> str:
    return ts.date().isoformat()


def _duplicates(df: pd.DataFrame, col: str, ctx: Ctx, what: str) -> None:
    first: dict[Any, int] = {}
    for idx, v in df[col].dropna().items():
        if v in first:
            ctx.problems.append(Problem(ctx.file, f"{what} id {v!r} appears more than once (also in row {row(ctx, first[v])})",
                                        f"Give every {what} its own id, or remove the duplicate row", row(ctx, idx), col, v))
        else:
            first[v] = idx


def _month(df: pd.DataFrame, col: str, idx: Any) -> bool:
    p = precision_column(col)
    return p in df and df.at[idx, p] == "month"


def _month_end(d: pd.Timestamp) -> pd.Timestamp:
    return d + pd.offsets.MonthEnd(0)


def _shown(df: pd.DataFrame, col: str, idx: Any, d: pd.Timestamp) -> str:
    return d.strftime("%Y-%m") if _month(df, col, idx) else _fmt(d)


def _date_bounds(df: pd.DataFrame, col: str, ctx: Ctx, env: Env, mask: pd.Series | None = None,
                 handover: pd.Series | None = None) -> None:
    """Dates after `as_of` are impossible; so are dates before the handover where `mask` is True.

    A month alone (``2021-04``) is out of bounds only when the whole month is; `handover` gives
    each row's own handover date (NaT: the forum's)."""
    for idx, d in df[col].dropna().items():
        month = _month(df, col, idx)
        first, last = d, (_month_end(d) if month else d)
        own = handover[idx] if handover is not None and pd.notna(handover[idx]) else env.handover
        if first > env.as_of:
            ctx.problems.append(Problem(ctx.file, f"date lies in the future (after the as-of date {_fmt(env.as_of)})",
                                        "Correct the date, or set follow_up.as_of in forum.yml to a later date",
                                        row(ctx, idx), col, _shown(df, col, idx, d)))
        elif own is not None and (mask is None or mask[idx]) and last < own:
            ctx.problems.append(Problem(ctx.file, f"date lies before the advice was handed over ({_fmt(own)})",
                                        "Correct the date, or check the handover date (follow_up.handover_date in "
                                        "forum.yml, or the register's handover_date column)",
                                        row(ctx, idx), col, _shown(df, col, idx, d)))


def _unknown_ids(df: pd.DataFrame, col: str, known: Any, ctx: Ctx, where: str) -> None:
    if known is None:
        return
    for idx, v in df[col].dropna().items():
        if v not in known:
            near = difflib.get_close_matches(str(v), sorted(map(str, known)), n=1, cutoff=0.6)
            hint = (f"Did you mean {near[0]!r}? " if near else "") + f"Use an id from {where}"
            ctx.problems.append(Problem(ctx.file, f"unknown id {v!r}", hint, row(ctx, idx), col, v))


def _check_recommendations(df: pd.DataFrame, ctx: Ctx, env: Env) -> None:
    _duplicates(df, "id", ctx, "recommendation")
    for idx, r in df.iterrows():
        responded = pd.notna(r["response"]) and r["response"] not in ("no_response", "unknown")
        if responded and pd.isna(r["response_date"]) and not _date_failed(ctx, idx, "response_date"):
            ctx.problems.append(Problem(ctx.file, f"response {r['response']!r} has no date", "Fill in response_date",
                                        row(ctx, idx), "response_date"))
        if responded and pd.isna(r["response_source"]):
            ctx.problems.append(Problem(ctx.file, f"response {r['response']!r} has no source",
                                        "Fill in response_source: the document or link of the response",
                                        row(ctx, idx), "response_source"))
        if r["response"] in ("no_response", "unknown") and pd.notna(r["response_date"]):
            ctx.problems.append(Problem(ctx.file, f"a response date is given but the response is {r['response']!r}",
                                        "Fill in the response, or empty response_date", row(ctx, idx), "response_date",
                                        _shown(df, "response_date", idx, r["response_date"])))
    _date_bounds(df, "handover_date", ctx, env, mask=pd.Series(False, index=df.index))
    _date_bounds(df, "response_date", ctx, env, handover=df["handover_date"] if "handover_date" in df else None)


def _date_failed(ctx: Ctx, idx: int, col: str) -> bool:
    return any(p.row == row(ctx, idx) and p.column == col for p in ctx.problems if p.file == ctx.file)


def _check_implementation(df: pd.DataFrame, ctx: Ctx, env: Env) -> None:
    _unknown_ids(df, "recommendation_id", env.recommendation_ids, ctx, "the recommendations register")
    _date_bounds(df, "date", ctx, env)
    ok = df.dropna(subset=["recommendation_id", "date", "status"])
    for rid, g in ok.sort_values("date", kind="stable").groupby("recommendation_id", sort=False):
        prev = None
        for idx, r in g.iterrows():
            if prev is not None and r["date"] == prev[1]["date"]:
                ctx.problems.append(Problem(ctx.file, f"two status entries for {rid!r} on the same date (also row {row(ctx, prev[0])})",
                                            "Keep one entry per recommendation and date", row(ctx, idx), "date", _fmt(r["date"])))
            elif prev is not None and _STAGE.get(r["status"], 9) < _STAGE.get(prev[1]["status"], -1):
                ctx.problems.append(Problem(
                    ctx.file, f"status of {rid!r} goes back from {prev[1]['status']!r} ({_fmt(prev[1]['date'])}, row "
                    f"{row(ctx, prev[0])}) to {r['status']!r} ({_fmt(r['date'])}); the dates look out of order",
                    "Check the dates and statuses; if work really stopped, use 'abandoned'", row(ctx, idx), "status", r["status"]))
            prev = (idx, r)


def _check_parliament(df: pd.DataFrame, ctx: Ctx, env: Env) -> None:
    if "recommendation_id" in df:
        _unknown_ids(df, "recommendation_id", env.recommendation_ids, ctx,
                     "the recommendations register (or leave it empty for the advice as a whole)")
    _date_bounds(df, "date", ctx, env, mask=df["recommendation_id"].notna())


def _check_commitments(df: pd.DataFrame, ctx: Ctx, env: Env) -> None:
    _duplicates(df, "id", ctx, "commitment")
    for idx, r in df.iterrows():
        if r["kind"] == "response_within_days" and pd.isna(r["days"]) and pd.isna(r["due_date"]) \
                and not _date_failed(ctx, idx, "days"):
            ctx.problems.append(Problem(ctx.file, "a 'response_within_days' commitment needs its number of days",
                                        "Fill in days (e.g. 90) or due_date", row(ctx, idx), "days"))


def _check_preconditions(df: pd.DataFrame, ctx: Ctx, env: Env) -> None:
    _unknown_ids(df, "precondition_id", env.precondition_ids, ctx, "docs/follow_up.md (the letter's preconditions)")
    _date_bounds(df, "evidence_date", ctx, env, mask=pd.Series(False, index=df.index))
    first: dict[str, tuple[int, str]] = {}
    for idx, r in df.dropna(subset=["precondition_id", "assessment"]).iterrows():
        if r["assessment"] != "unknown" and pd.isna(r["evidence"]):
            ctx.problems.append(Problem(ctx.file, f"assessment {r['assessment']!r} without evidence",
                                        "Name the evidence (document, date, observation), or assess it as 'unknown'",
                                        row(ctx, idx), "evidence"))
        pid = r["precondition_id"]
        if pid in first and first[pid][1] != r["assessment"]:
            ctx.problems.append(Problem(ctx.file, f"{pid!r} is assessed as {r['assessment']!r} here but as "
                                        f"{first[pid][1]!r} in row {row(ctx, first[pid][0])}",
                                        "Give one assessment per precondition; extra rows only add evidence",
                                        row(ctx, idx), "assessment", r["assessment"]))
        first.setdefault(pid, (idx, r["assessment"]))


def _check_sessions(df: pd.DataFrame, ctx: Ctx, env: Env) -> None:
    _date_bounds(df, "date", ctx, env, mask=pd.Series(False, index=df.index))


def _check_tally(df: pd.DataFrame, ctx: Ctx, env: Env) -> None:
    """Each count of a tally lies within its total, and the responses add up to at most the total."""
    _date_bounds(df, "date", ctx, env, mask=pd.Series(False, index=df.index))
    parts = ("adopted", "adopted_in_part", "under_consideration", "rejected")
    for idx, r in df.iterrows():
        if pd.isna(r["n"]):
            continue
        for c in ("responded", "no_response", "implemented") + parts:
            if pd.notna(r[c]) and r[c] > r["n"]:
                ctx.problems.append(Problem(ctx.file, f"{c} ({r[c]:g}) is more than the total n ({r['n']:g})",
                                            "Correct the count or the total", row(ctx, idx), c, f"{r[c]:g}"))
        given = [r[c] for c in parts if pd.notna(r[c])]
        top = r["responded"] if pd.notna(r["responded"]) else r["n"]
        if given and sum(given) > top:
            ctx.problems.append(Problem(ctx.file, f"adopted, in part, under consideration and rejected add up to "
                                        f"{sum(given):g}, more than {'responded' if pd.notna(r['responded']) else 'n'} "
                                        f"({top:g})", "Correct the counts", row(ctx, idx), "responded"))


CHECKS: dict[str, Callable[[pd.DataFrame, Ctx, Env], None]] = {
    "recommendations": _check_recommendations, "implementation": _check_implementation,
    "parliament": _check_parliament, "commitments": _check_commitments, "preconditions": _check_preconditions,
    "sessions": _check_sessions, "tally": _check_tally,
}
