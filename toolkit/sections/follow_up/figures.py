"""The follow-up block of results.json: every key figure of the register, as plain JSON types."""
from __future__ import annotations

from typing import Any

import pandas as pd

from toolkit.intake.register_columns import TALLY_COUNTS
from toolkit.stats.follow_up.commitments import commitments_check
from toolkit.jsonable import jsonable, records
from toolkit.stats.follow_up.frames import day as _ts
from toolkit.stats.follow_up.preconditions import precondition_scorecard, scorecard_summary
from toolkit.stats.follow_up.register import (
    STATUS_ORDER, current_status, empty_status_entries, group_rates, latency, latency_summary, response_rates,
)

__all__ = ["key_figures"]


_EVENT_KINDS = ("bill", "referendum", "committee", "government", "other")


def _parliament_counts(parliament: pd.DataFrame | None) -> dict[str, int]:
    p = parliament if parliament is not None else pd.DataFrame({"kind": [], "outcome": []})
    out = {f"n_{k}s": int((p["kind"] == k).sum()) for k in ("motion", "debate", "question")}
    out["n_motions_adopted"] = int(((p["kind"] == "motion") & (p.get("outcome") == "adopted")).sum())
    events = p[p["kind"].isin(_EVENT_KINDS)]
    if len(events):   # bills, referendums, committees, government plans: dated events with their outcome
        cols = [c for c in ("date", "kind", "recommendation_id", "reference", "outcome", "result", "source") if c in events]
        out["events"] = records(events.sort_values("date", kind="stable"), cols)
    return out


def _tally(tally: pd.DataFrame | None) -> list[dict] | None:
    """Aggregate counts, one per assessor, with each count's share of its total (None where not given)."""
    if tally is None or not len(tally):
        return None
    rows = []
    for _, r in tally.iterrows():
        row = {c: r.get(c) for c in ("assessor", "date", "date_precision", "unit", "source", "note")}
        for c in TALLY_COUNTS:
            row[c] = r.get(c)
            if c != "n":
                row[f"share_{c}"] = r[c] / r["n"] if pd.notna(r.get(c)) and pd.notna(r["n"]) and r["n"] > 0 else None
        rows.append(jsonable(row))
    return rows


def key_figures(register: pd.DataFrame, *, handover_date: Any, promised_days: int | None, as_of: Any,
                implementation: pd.DataFrame | None = None, parliament: pd.DataFrame | None = None,
                commitments: pd.DataFrame | None = None, assessment: pd.DataFrame | None = None,
                preconditions: Any = None, data_links: dict[str, Any] | None = None,
                sessions: pd.DataFrame | None = None, tally: pd.DataFrame | None = None,
                as_of_source: str = "forum.yml") -> dict[str, Any]:
    """All follow-up key figures as a JSON-ready dict (results.json ``follow_up``).

    Parameters
    ----------
    register : DataFrame
        Recommendations register (``id``, ``title``, ``theme``, ``addressed_to``, ``support``,
        ``response``, ``response_date``, ``response_source``).
    handover_date, promised_days, as_of
        As in :func:`latency`.
    implementation, parliament, commitments, assessment, sessions : DataFrame, optional
        The other follow-up frames; absent ones give empty sections. ``sessions`` (``date``,
        ``hours``) gives the ``session_hours`` indicator.
    preconditions : list or dict, optional
        ``load_preconditions()``; without it the ``preconditions`` section is empty.
    data_links : dict, optional
        Figures from other analyses by indicator name (``composition_max_gap``,
        ``priority_groups_max_gap``, ``public_input_count``, ``session_hours``,
        ``members_rating_information_good``); this function adds ``response_rate``,
        ``adoption_rate_partial``, ``share_responded_on_time`` and ``implementation_updates``.
    tally : DataFrame, optional
        Aggregate counts (:func:`toolkit.intake.register.read_tally`), one row per assessor.
    as_of_source : {"forum.yml", "latest_entry"}
        Where `as_of` came from: set in forum.yml, or the latest date in the follow-up files.

    Returns
    -------
    dict
        Plain types only (None, not NaN; dates as ISO strings): ``handover_date``, ``as_of``,
        ``promised_response_days``, ``response_due_date``, ``n_recommendations``,
        ``recommendations`` (list: id, title, theme, addressed_to, support, response,
        response_date, response_source, days_to_response, late, days_waiting, days_overdue,
        status, status_date), ``rates`` (``overall`` dict, ``by_theme`` and ``by_addressee``
        lists), ``latency`` (:func:`latency_summary`), ``implementation`` (``counts`` per status,
        ``n_updates``, ``share_implemented``), ``parliament`` (``n_motions``, ``n_debates``,
        ``n_questions``, ``n_motions_adopted``), ``commitments`` (list), ``preconditions``
        (``counts``, ``by_oecd``, ``items``: id, assessment, evidence_count,
        latest_evidence_date, indicator, indicator_value), ``sessions`` (``n_sessions``,
        ``hours``, ``first_date``, ``last_date``; None without sessions). Also ``as_of_source``,
        ``tally`` (list per assessor, or None) and, with bills, referendums or other dated events,
        ``parliament.events``. Without `preconditions`, ``preconditions`` is None (no framework).

    Examples
    --------
    >>> reg = pd.DataFrame({"id": ["R1", "R2"], "title": ["a", "b"], "theme": ["x", "x"], "addressed_to": ["k", "k"],
    ...                     "support": [0.8, 0.6], "response": ["adopted", "no_response"],
    ...                     "response_date": pd.to_datetime(["2025-03-01", None]), "response_source": ["doc", None]})
    >>> kf = key_figures(reg, handover_date="2025-01-15", promised_days=90, as_of="2025-06-01")
    >>> kf["rates"]["overall"]["response_rate"], kf["recommendations"][1]["response_date"], kf["latency"]["n_waiting_overdue"]
    (0.5, None, 1)
    """
    as_of_ts = _ts(as_of)
    lat = latency(register, handover_date, promised_days, as_of)
    entries = implementation if implementation is not None else empty_status_entries()
    entries = entries[pd.to_datetime(entries["date"]) <= as_of_ts]
    cur = current_status(entries, as_of, register["id"].tolist()).set_index("recommendation_id")
    lat = lat.join(cur[["status", "status_date"]], on="id")
    summary = latency_summary(lat)
    overall = jsonable(group_rates(register))
    links = {"response_rate": overall["response_rate"], "adoption_rate_partial": overall["adoption_rate_partial"],
             "share_responded_on_time": summary["share_responded_on_time"], "implementation_updates": len(entries),
             **({"session_hours": sessions["hours"].sum()} if sessions is not None and len(sessions) else {}),
             **(data_links or {})}
    sc = precondition_scorecard(assessment if assessment is not None else
                                pd.DataFrame({"precondition_id": [], "assessment": []}), preconditions,
                                links) if preconditions else None
    com = commitments_check(commitments, register, as_of, handover_date, parliament) if commitments is not None else None
    n = len(register)
    return jsonable({
        "handover_date": _ts(handover_date), "as_of": as_of_ts, "as_of_source": as_of_source,
        "promised_response_days": promised_days,
        "response_due_date": (_ts(handover_date) + pd.Timedelta(days=int(promised_days))
                              if promised_days is not None else None), "n_recommendations": n,
        "n_handover_dates": int(lat["handover"].nunique()) if n else 0,
        "recommendations": records(lat, ["id", "title", "theme", "addressed_to", "support", "response", "response_date",
                                          "response_source", "days_to_response", "late", "days_waiting", "days_overdue",
                                          "status", "status_date", "handover", "term_status", "months_to_response"]),
        "rates": {"overall": overall,
                  "by_theme": records(response_rates(register, "theme"), list(response_rates(register, "theme").columns)),
                  "by_addressee": records(response_rates(register, "addressed_to"),
                                           list(response_rates(register, "addressed_to").columns))},
        "latency": summary,
        "implementation": {"counts": {s: int((cur["status"] == s).sum()) for s in STATUS_ORDER},
                           "n_updates": len(entries),
                           "share_implemented": (cur["status"] == "implemented").mean() if n else None},
        "parliament": _parliament_counts(parliament),
        "commitments": [] if com is None else records(com, ["id", "kind", "description", "due_date", "status", "computed",
                                                             "fulfilled_date", "detail", "stated_met", "consistent"]),
        "preconditions": None if sc is None else scorecard_summary(sc),
        "tally": _tally(tally),
        "sessions": None if sessions is None or not len(sessions) else {
            "n_sessions": len(sessions), "hours": sessions["hours"].sum(),
            "first_date": pd.to_datetime(sessions["date"]).min(), "last_date": pd.to_datetime(sessions["date"]).max()},
    })
