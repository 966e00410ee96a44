"""Political follow-up: what happened to each recommendation, measured against what was promised.

Plain functions on the tidy frames of :func:`toolkit.intake.register.read_follow_up` (or any frames
with the same columns); no file I/O, no plotting. Everything is computed at full precision.

Definitions (docs/follow_up.md):

- A recommendation has a *formal response* when its response is anything but ``no_response``
  (``under_consideration`` in a formal reply counts as a response, not as adoption).
- *Response rate* = recommendations with a formal response / recommendations whose response is
  known (``unknown``: the evaluator could not find out; counted, but outside every rate's base).
- *Adoption rate*, three ways, all over the same base (pending ones count as not adopted):
  ``strict`` counts only ``adopted``; ``partial`` counts ``adopted`` as 1 and ``adopted_in_part``
  as 0.5 (a convention, not a measurement); ``any`` counts both as 1. strict <= partial <= any.
- *Weighted* rates weight each recommendation by the forum's support for it (share voting for):
  sum(support x outcome) / sum(support), over recommendations whose support is known.
- A response is *on time* when it came at most ``promised_days`` days after the recommendation's
  own handover (column ``handover_date``, else the forum's; the day itself counts as on time); a
  recommendation without response is *overdue* once ``as_of`` is past the due date, and *not yet
  due* before that. Only recommendations whose term is decided (responded, or term ended) enter the
  share on time; without a term nothing is on time or late.
- A date given as a month alone (``response_date_precision == "month"``) is an interval: on time or
  late only when the whole month is; its latency is given in months, not days.

The commitments and the preconditions have modules of their own, :mod:`toolkit.stats.follow_up.commitments` and
:mod:`toolkit.stats.follow_up.preconditions`; their public names are exported here as well, and
:func:`key_figures` brings all of them together.
"""
from __future__ import annotations

import math
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from toolkit.stats.follow_up.frames import RESPONDED, RESPONSES, UNKNOWN
from toolkit.jsonable import jsonable
from toolkit.stats.follow_up.frames import day as _ts

__all__ = [
    "RESPONSES", "RESPONDED", "ADOPTION_WEIGHTS", "STATUSES", "STATUS_ORDER",
    "group_rates", "response_rates", "latency", "latency_summary", "status_timeline", "current_status",
    "empty_status_entries",
]

#: Outcome per response for the adoption rates: (strict, partial, any).
ADOPTION_WEIGHTS = {"adopted": (1.0, 1.0, 1.0), "adopted_in_part": (0.0, 0.5, 1.0)}
STATUSES = ("not_started", "in_preparation", "in_progress", "implemented", "abandoned")
#: Stacking order of the timeline; ``no_information`` = no status entry yet.
STATUS_ORDER = ("no_information",) + STATUSES


def group_rates(g: pd.DataFrame) -> dict[str, float]:
    """Response and adoption rates of one group of recommendations (the row of :func:`response_rates`)."""
    n = len(g)
    row: dict[str, float] = {"n": n}
    row.update({f"n_{r}": int((g["response"] == r).sum()) for r in RESPONSES})
    g = g[g["response"] != UNKNOWN]           # the rates' base: recommendations whose response is known
    resp = g["response"]
    base = len(resp)
    responded = resp.isin(RESPONDED).astype(float)
    outcome = {k: resp.map(lambda r, i=i: ADOPTION_WEIGHTS.get(r, (0.0,) * 3)[i]).astype(float)
               for i, k in enumerate(("strict", "partial", "any"))}
    row["n_responded"] = int(responded.sum())
    row["n_known"] = base
    row["response_rate"] = responded.mean() if base else math.nan
    for k, v in outcome.items():
        row[f"adoption_rate_{k}"] = v.mean() if base else math.nan
    w = pd.to_numeric(g["support"], errors="coerce") if "support" in g else pd.Series(np.nan, index=g.index)
    known = w.notna()
    total = w[known].sum()
    row["n_with_support"] = int(known.sum())
    for name, v in [("response_rate", responded)] + [(f"adoption_rate_{k}", x) for k, x in outcome.items()]:
        row[f"weighted_{name}"] = (w[known] * v[known]).sum() / total if total > 0 else math.nan
    return row


def response_rates(register: pd.DataFrame, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Response and adoption rates, overall or per group, plain and weighted by the forum's support.

    Parameters
    ----------
    register : DataFrame
        One row per recommendation with ``response`` (code) and ``support`` (0-1, may be NaN), and
        the `by` columns.
    by : str or list of str, optional
        Group columns, e.g. ``"theme"`` or ``"addressed_to"``. None: one row for all.

    Returns
    -------
    DataFrame
        The `by` columns, then ``n``, ``n_adopted``, ``n_adopted_in_part``,
        ``n_under_consideration``, ``n_rejected``, ``n_no_response``, ``n_unknown``, ``n_responded``,
        ``n_known`` (the rates' base: all but ``unknown``), ``response_rate``, ``adoption_rate_strict``, ``adoption_rate_partial``,
        ``adoption_rate_any``, ``n_with_support``, and ``weighted_`` versions of the four rates
        (NaN when no support is known). Rates are shares 0-1; NaN for an empty group.

    Examples
    --------
    >>> reg = pd.DataFrame({"response": ["adopted", "adopted_in_part", "rejected", "no_response"],
    ...                     "support": [0.9, 0.6, 0.5, np.nan], "theme": ["a", "a", "b", "b"]})
    >>> r = response_rates(reg).iloc[0]
    >>> r[["response_rate", "adoption_rate_strict", "adoption_rate_partial", "adoption_rate_any"]].tolist()
    [0.75, 0.25, 0.375, 0.5]
    >>> float(r.weighted_adoption_rate_partial)  # (0.9*1 + 0.6*0.5 + 0.5*0) / 2.0
    0.6
    >>> response_rates(reg, by="theme")[["theme", "n", "response_rate"]].values.tolist()
    [['a', 2, 1.0], ['b', 2, 0.5]]
    """
    if by is None:
        return pd.DataFrame([group_rates(register)])
    keys = [by] if isinstance(by, str) else list(by)
    rows = [{**dict(zip(keys, k if isinstance(k, tuple) else (k,))), **group_rates(g)}
            for k, g in register.groupby(keys, sort=True, dropna=False)]
    return pd.DataFrame(rows, columns=keys + list(group_rates(register.iloc[:0]).keys()))


def _precision(frame: pd.DataFrame, col: str) -> pd.Series:
    p = f"{col}_precision"
    return frame[p].eq("month").fillna(False).astype(bool) if p in frame else pd.Series(False, index=frame.index)


def _month_end(d: pd.Series) -> pd.Series:
    return d + pd.offsets.MonthEnd(0)


def latency(register: pd.DataFrame, handover_date: Any, promised_days: int | None, as_of: Any) -> pd.DataFrame:
    """Time from each recommendation's handover to its formal response, against the promised term.

    Parameters
    ----------
    register : DataFrame
        ``id``, ``response``, ``response_date`` (NaT when no response); optionally ``handover_date``
        (the recommendation's own handover, e.g. of its topic's report; NaT: the forum's) and
        ``response_date_precision`` / ``handover_date_precision`` (``"month"`` where only the month
        is known). Other columns are kept.
    handover_date : datetime.date, Timestamp or ISO string
        Day the advice was handed over (for rows without their own).
    promised_days : int or None
        Promised response term in days; None when nothing was promised (then ``late`` is NA).
    as_of : datetime.date, Timestamp or ISO string
        Day of assessment; recommendations without response have waited until then.

    Returns
    -------
    DataFrame
        One row per recommendation: the register's columns plus ``handover`` (the one used),
        ``responded`` (bool), ``days_to_response`` (float, NaN if waiting, unknown or a date is a
        month alone), ``months_to_response`` (calendar months, where a date is a month alone),
        ``due_date`` (NaT without promise; the latest possible one when the handover is a month),
        ``late`` (nullable bool: NA without a term, while not yet due, for an unknown response, and
        when a month-only date leaves it open), ``term_status`` (``on_time``, ``late``,
        ``waiting_overdue``, ``not_yet_due``, ``undecided``, ``unknown``, ``no_term``), ``waiting``
        (bool: ``no_response``), ``days_waiting`` (float, NaN if not waiting) and ``days_overdue``
        (float, 0 when on time or not yet due, NaN without promise or when undecided).

    Examples
    --------
    >>> reg = pd.DataFrame({"id": ["R1", "R2", "R3"], "response": ["adopted", "rejected", "no_response"],
    ...                     "response_date": pd.to_datetime(["2025-03-01", "2025-05-01", None])})
    >>> lat = latency(reg, "2025-01-15", 90, "2025-06-01")
    >>> lat[["days_to_response", "late", "days_waiting", "days_overdue"]].values.tolist()
    [[45.0, False, nan, 0.0], [106.0, True, nan, 16.0], [nan, True, 137.0, 47.0]]
    >>> latency(reg, "2025-01-15", 180, "2025-01-16")["term_status"].tolist()  # day 1 of a six-month term
    ['on_time', 'on_time', 'not_yet_due']
    """
    handover, as_of = _ts(handover_date), _ts(as_of)
    out = register.copy()
    own = pd.to_datetime(out["handover_date"]) if "handover_date" in out else pd.Series(pd.NaT, index=out.index)
    h_month = _precision(out, "handover_date") & own.notna()
    h0 = own.fillna(handover).astype("datetime64[ns]")
    h1 = h0.where(~h_month, _month_end(h0))
    r0 = pd.to_datetime(out["response_date"]).astype("datetime64[ns]")
    r_month = _precision(out, "response_date") & r0.notna()
    r1 = r0.where(~r_month, _month_end(r0))
    imprecise = h_month | r_month
    out["handover"] = h0
    out["responded"] = out["response"].isin(RESPONDED)
    unknown = out["response"].eq(UNKNOWN)
    out["waiting"] = out["response"].eq("no_response")
    out["days_to_response"] = (r0 - h0).dt.days.astype(float).where(out["responded"] & ~imprecise)
    months = (r0.dt.year * 12 + r0.dt.month) - (h0.dt.year * 12 + h0.dt.month)
    out["months_to_response"] = months.astype(float).where(out["responded"] & imprecise)
    out["days_waiting"] = (as_of - h0).dt.days.astype(float).where(out["waiting"] & ~h_month)
    if promised_days is None:
        out["due_date"] = pd.NaT
        out["late"] = pd.array([pd.NA] * len(out), dtype="boolean")
        out["term_status"] = np.where(unknown, "unknown", "no_term")
        out["days_overdue"] = np.nan
        return out
    term = pd.Timedelta(days=int(promised_days))
    due_lo, due_hi = h0 + term, h1 + term
    out["due_date"] = due_hi
    certain_late = out["responded"] & (r0 > due_hi)
    certain_on_time = out["responded"] & (r1 <= due_lo)
    overdue = out["waiting"] & (as_of > due_hi)
    status = np.select([unknown, certain_on_time, certain_late, overdue, out["waiting"]],
                       ["unknown", "on_time", "late", "waiting_overdue", "not_yet_due"], "undecided")
    out["term_status"] = status
    late = pd.array([pd.NA] * len(out), dtype="boolean")
    late[np.asarray(certain_late | overdue)] = True
    late[np.asarray(certain_on_time)] = False
    out["late"] = late
    days = np.where(out["responded"], out["days_to_response"] - promised_days, (as_of - due_hi).dt.days)
    days = pd.Series(np.clip(days.astype(float), 0, None), index=out.index)
    out["days_overdue"] = days.where(~unknown & ~(out["responded"] & imprecise))
    return out


def latency_summary(lat: pd.DataFrame) -> dict[str, Any]:
    """Summary of :func:`latency` as plain numbers (None where undefined).

    Returns
    -------
    dict
        ``n``, ``n_responded``, ``n_waiting``, ``n_unknown``, ``n_on_time`` (responded by the due
        date), ``n_late`` (responded after it), ``n_waiting_overdue``, ``n_not_yet_due`` (waiting,
        term not ended), ``n_undecided`` (a month-only date leaves it open), ``n_term_decided`` (on
        time, late or waiting overdue), ``share_responded_on_time`` (n_on_time / n_term_decided;
        None without a term or before any term is decided), ``median_days_to_response``,
        ``mean_days_to_response``, ``max_days_to_response`` (responses with day-exact dates),
        ``n_month_only`` (responses whose latency is known only in months), ``days_waiting`` (the
        longest wait).

    Examples
    --------
    >>> reg = pd.DataFrame({"id": ["R1", "R2"], "response": ["adopted", "no_response"],
    ...                     "response_date": pd.to_datetime(["2025-03-01", None])})
    >>> s = latency_summary(latency(reg, "2025-01-15", 90, "2025-06-01"))
    >>> s["n_on_time"], s["n_waiting_overdue"], s["share_responded_on_time"], s["median_days_to_response"]
    (1, 1, 0.5, 45.0)
    >>> s = latency_summary(latency(reg, "2025-01-15", 180, "2025-03-02"))  # term not ended: R2 not yet due
    >>> s["n_not_yet_due"], s["n_term_decided"], s["share_responded_on_time"]
    (1, 1, 1.0)
    """
    r, w = lat[lat["responded"]], lat[lat["waiting"]]
    st = lat["term_status"] if "term_status" in lat else pd.Series("no_term", index=lat.index)
    days = r["days_to_response"].dropna()
    n = len(lat)
    counts = {k: int((st == k).sum()) for k in ("on_time", "late", "waiting_overdue", "not_yet_due", "undecided")}
    decided = counts["on_time"] + counts["late"] + counts["waiting_overdue"]
    has_term = lat["due_date"].notna().any() if n else False
    return jsonable({
        "n": n, "n_responded": len(r), "n_waiting": len(w), "n_unknown": int(lat["response"].eq(UNKNOWN).sum()),
        "n_on_time": counts["on_time"], "n_late": counts["late"], "n_waiting_overdue": counts["waiting_overdue"],
        "n_not_yet_due": counts["not_yet_due"], "n_undecided": counts["undecided"], "n_term_decided": decided,
        "share_responded_on_time": counts["on_time"] / decided if has_term and decided else None,
        "median_days_to_response": days.median() if len(days) else None,
        "mean_days_to_response": days.mean() if len(days) else None,
        "max_days_to_response": days.max() if len(days) else None,
        "n_month_only": int(r["months_to_response"].notna().sum()) if "months_to_response" in r else 0,
        "days_waiting": w["days_waiting"].max() if len(w) and w["days_waiting"].notna().any() else None,
    })


def current_status(status_entries: pd.DataFrame, as_of: Any, recommendation_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Latest implementation status per recommendation on `as_of`.

    Returns
    -------
    DataFrame
        ``recommendation_id``, ``status`` (``no_information`` when there is no entry up to
        `as_of`), ``status_date`` (NaT then), ``source``, ``n_entries``.

    Examples
    --------
    >>> e = pd.DataFrame({"recommendation_id": ["R1", "R1"], "status": ["in_preparation", "implemented"],
    ...                   "date": pd.to_datetime(["2025-02-01", "2025-05-01"]), "source": ["a", "b"]})
    >>> current_status(e, "2025-03-01", ["R1", "R2"])[["recommendation_id", "status"]].values.tolist()
    [['R1', 'in_preparation'], ['R2', 'no_information']]
    """
    e = status_entries[pd.to_datetime(status_entries["date"]) <= _ts(as_of)].sort_values("date", kind="stable")
    ids = list(recommendation_ids) if recommendation_ids is not None else sorted(e["recommendation_id"].unique())
    last = e.groupby("recommendation_id").tail(1).set_index("recommendation_id")
    counts = e.groupby("recommendation_id").size()
    src = last["source"] if "source" in last else pd.Series(dtype=object)
    return pd.DataFrame({
        "recommendation_id": ids,
        "status": [last["status"].get(i, "no_information") for i in ids],
        "status_date": pd.to_datetime([last["date"].get(i, pd.NaT) for i in ids]),
        "source": [src.get(i, None) for i in ids],
        "n_entries": [int(counts.get(i, 0)) for i in ids],
    })


def status_timeline(status_entries: pd.DataFrame, as_of: Any, recommendation_ids: Iterable[str] | None = None,
                    handover_date: Any = None) -> pd.DataFrame:
    """Status of every recommendation on every date where some status changed (for a stacked chart).

    Parameters
    ----------
    status_entries : DataFrame
        ``recommendation_id``, ``date``, ``status``.
    as_of : date-like
        Last date of the timeline; later entries are left out.
    recommendation_ids : iterable of str, optional
        All recommendations (from the register), so that those without entries show as
        ``no_information``. Default: the ids in `status_entries`.
    handover_date : date-like, optional
        First date of the timeline.

    Returns
    -------
    DataFrame
        ``date``, ``recommendation_id``, ``status``: one row per date x recommendation, dates
        sorted, ending at `as_of`; status carried forward from the latest entry.

    Examples
    --------
    >>> e = pd.DataFrame({"recommendation_id": ["R1", "R1", "R2"], "status": ["in_preparation", "implemented", "in_progress"],
    ...                   "date": pd.to_datetime(["2025-02-01", "2025-05-01", "2025-03-01"])})
    >>> t = status_timeline(e, "2025-06-01", handover_date="2025-01-15")
    >>> t.pivot(index="date", columns="recommendation_id", values="status").values.tolist()[-2:]
    [['implemented', 'in_progress'], ['implemented', 'in_progress']]
    >>> t["date"].nunique()  # handover, three entry dates, as_of
    5
    """
    as_of = _ts(as_of)
    e = status_entries.assign(date=pd.to_datetime(status_entries["date"]))
    e = e[e["date"] <= as_of].sort_values("date", kind="stable")
    ids = list(recommendation_ids) if recommendation_ids is not None else sorted(e["recommendation_id"].unique())
    dates = set(e["date"]) | {as_of} | ({_ts(handover_date)} if handover_date is not None else set())
    grid = pd.MultiIndex.from_product([sorted(dates), ids], names=["date", "recommendation_id"]).to_frame(index=False)
    grid["date"] = grid["date"].astype(e["date"].dtype if len(e) else "datetime64[ns]")
    merged = pd.merge_asof(grid.sort_values("date"), e[["date", "recommendation_id", "status"]],
                           on="date", by="recommendation_id", direction="backward")
    merged["status"] = merged["status"].fillna("no_information").astype(str)
    return merged.sort_values(["date", "recommendation_id"]).reset_index(drop=True)


def empty_status_entries() -> pd.DataFrame:
    """An implementation register without entries (its columns and types), for a forum that has none."""
    return pd.DataFrame({"recommendation_id": pd.Series(dtype=str), "date": pd.Series(dtype="datetime64[ns]"),
                         "status": pd.Series(dtype=str), "source": pd.Series(dtype=str)})
