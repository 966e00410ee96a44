"""Section glue for the political follow-up: a loaded forum -> the follow-up analyses, key figures, summary lines.

Calls the plain functions of :mod:`toolkit.stats.follow_up.register` with the forum's frames
(``forum.inputs['recommendations']`` and the other frames read together by
:func:`toolkit.intake.register.read_follow_up`) and its settings (``forum.yml follow_up:``).
No file I/O and no plotting here; the notebook ``30_follow_up`` shows the result with
:mod:`toolkit.sections.follow_up.charts` (figures), :mod:`toolkit.sections.follow_up.tables` (tables) and
:mod:`toolkit.sections.follow_up.text` (phrases, sentences) through :mod:`toolkit.report.display` (which escapes).

Data links (docs/follow_up.md, "Data links"): the scorecard of preconditions puts a figure computed
from the forum's own data beside the assessor's judgement. This module computes those it can from
the forum alone: ``public_input_count`` (rows of ``inputs.public_input``), ``session_hours`` (sum of
``inputs.sessions.hours``) and ``members_rating_information_good`` (share of members whose mean
answer on the process items about information lies in the items' agree range, in the last wave that
asked them; the same definition as :func:`toolkit.stats.attitudes.knowledge.process_quality`). Figures from other
sections (``composition_max_gap``, ``priority_groups_max_gap`` from representativeness) come in as the
`links` argument of :func:`analyse` and :func:`figures`, computed by :func:`toolkit.sections.links.follow_up_links`
(the notebook and results.json pass the same, so they agree).
"""
from __future__ import annotations

from dataclasses import dataclass

from typing import Any

import pandas as pd

from toolkit.disclosure.suppress import too_small
from toolkit.stats.follow_up import register as fu
from toolkit.stats.follow_up import preconditions as pc
from toolkit.stats.follow_up import commitments as cm
from toolkit.sections.follow_up import figures as FIG
from toolkit.jsonable import jsonable
from toolkit.stats.follow_up.frames import day
from toolkit.i18n import fmt_date, fmt_int, fmt_pct
from toolkit.sections.cache import cached
from toolkit.sections.follow_up.text import text
from toolkit.forum.settings import min_cell_size, preconditions_framework

__all__ = [
    "FollowUpResult", "analyse", "figures", "scorecard_lines", "own_data_links", "information_rating", "settings",
    "as_of_source", "latest_entry",
]

@dataclass(frozen=True, eq=False)
class FollowUpResult:
    """Everything the follow-up section shows, as tidy frames (full precision, codes not labels).

    Attributes
    ----------
    key_figures : dict
        :func:`toolkit.stats.follow_up.register.key_figures` plus ``data_links`` (indicator -> value used).
    register : DataFrame
        One row per recommendation: the register's columns, the :func:`toolkit.stats.follow_up.register.latency`
        columns (``days_to_response``, ``late``, ``days_waiting``, ``days_overdue``, ``due_date``...)
        and the current implementation ``status``, ``status_date``.
    rates_overall, rates_by_theme, rates_by_addressee : DataFrame
        :func:`toolkit.stats.follow_up.register.response_rates` overall, by ``theme``, by ``addressed_to``.
    latency : DataFrame
        :func:`toolkit.stats.follow_up.register.latency`.
    timeline : DataFrame
        :func:`toolkit.stats.follow_up.register.status_timeline` (``date``, ``recommendation_id``, ``status``).
    current : DataFrame
        :func:`toolkit.stats.follow_up.register.current_status` on ``as_of``.
    commitments : DataFrame or None
        :func:`toolkit.stats.follow_up.register.commitments_check`; None without commitments.
    parliament : DataFrame or None
        The parliamentary follow-up as read (motions, debates, questions) up to ``as_of``.
    scorecard : DataFrame
        :func:`toolkit.stats.follow_up.register.precondition_scorecard` with the data links.
    mapping : DataFrame
        :func:`toolkit.stats.follow_up.register.oecd_knoca_mapping`.
    data_links : dict
        Indicator -> value beside the assessments (None where no figure is available).
    preconditions : dict
        :func:`toolkit.intake.register.load_preconditions` (labels of the letter and frameworks).
    handover_date, as_of : Timestamp
    promised_days : int or None
    as_of_source : str
        ``"forum.yml"`` (``follow_up.as_of``) or ``"latest_entry"`` (the latest date in the follow-up files).
    tally : DataFrame or None
        Aggregate counts per assessor (``inputs.tally``).
    """

    key_figures: dict
    register: pd.DataFrame
    rates_overall: pd.DataFrame
    rates_by_theme: pd.DataFrame
    rates_by_addressee: pd.DataFrame
    latency: pd.DataFrame
    timeline: pd.DataFrame
    current: pd.DataFrame
    commitments: pd.DataFrame | None
    parliament: pd.DataFrame | None
    scorecard: pd.DataFrame
    mapping: pd.DataFrame
    data_links: dict
    preconditions: dict
    handover_date: pd.Timestamp
    as_of: pd.Timestamp
    promised_days: int | None
    as_of_source: str = "forum.yml"
    tally: pd.DataFrame | None = None


# ------------------------------------------------------------------------------------ settings
_DATED = {"recommendations": ("response_date", "handover_date"), "implementation": ("date",), "parliament": ("date",),
          "preconditions": ("evidence_date",), "sessions": ("date",), "tally": ("date",)}


def latest_entry(forum) -> pd.Timestamp | None:
    """The latest date in the forum's follow-up files (a month alone counts as its last day), or None."""
    dates = []
    for key, cols in _DATED.items():
        frame = (forum.inputs or {}).get(key)
        for c in cols:
            if frame is not None and c in frame and frame[c].notna().any():
                d = pd.to_datetime(frame[c])
                month = (frame[f"{c}_precision"].eq("month").fillna(False).astype(bool) if f"{c}_precision" in frame
                         else pd.Series(False, index=d.index))   # a column without months (implementation dates)
                dates.append(d.where(~month, d + pd.offsets.MonthEnd(0)).max())
    return max(dates).normalize() if dates else None


def as_of_source(forum) -> str:
    """Where the follow-up's as-of date comes from: ``"forum.yml"`` or ``"latest_entry"``."""
    return "forum.yml" if (forum.config.get("follow_up") or {}).get("as_of") else "latest_entry"


def settings(forum) -> tuple[pd.Timestamp, int | None, pd.Timestamp]:
    """``(handover_date, promised_response_days, as_of)`` from forum.yml.

    ``follow_up.handover_date``, falling back to ``dates.handover``. ``as_of`` is
    ``follow_up.as_of``; without it, the latest date in the follow-up files (:func:`latest_entry`,
    else the handover), so that a report never ages with the machine's clock; the report says which
    date it used (:func:`as_of_source`).
    """
    cfg = forum.config
    fcfg = cfg.get("follow_up") or {}
    handover = fcfg.get("handover_date") or (cfg.get("dates") or {}).get("handover")
    as_of = fcfg.get("as_of") or latest_entry(forum) or handover
    days = fcfg.get("promised_response_days")
    return day(handover), (None if days is None else int(days)), day(as_of)


# ---------------------------------------------------------------------------------- data links
def information_rating(forum) -> float | None:
    """Share of members who rated the information as good (``members_rating_information_good``).

    Process items whose codebook ``criterion`` mentions information (``information``,
    ``accessible_information``, ``accessible_balanced_information``...); per member the mean of
    their answers to these items in the last wave that asked them; the share of members whose mean
    lies within the items' ``support`` range (default the top two points of the scale). None when
    the codebook has no such items, nobody answered them, or fewer members answered than the
    forum's ``min_cell_size``.
    """
    from toolkit.stats.attitudes.knowledge import process_quality

    items = {i: spec for i, spec in (forum.codebook.get("items") or {}).items()
             if spec.get("type") == "process" and "inform" in str(spec.get("criterion", "")).lower()}
    r = forum.responses
    if not items or r is None or r.empty:
        return None
    r = r[(r["group"] == "member") & r["item"].isin(list(items)) & r["value"].notna()]
    if r.empty:
        return None
    order = [w["id"] for w in forum.codebook.get("waves", [])]
    asked = [w for w in order if w in set(r["wave"])] or sorted(set(r["wave"]))
    wave = asked[-1]
    first = items[sorted(items)[0]]
    if first.get("support"):
        lo, hi = first["support"]
    elif first.get("scale"):
        lo, hi = first["scale"][1] - 1, first["scale"][1]
    else:
        return None
    r = r[r["wave"] == wave]
    pq = process_quality(r, {"information": sorted(set(r["item"]))}, agree=(lo, hi), wave=wave).iloc[0]
    if too_small(pq["n"], min_cell_size(forum.config), figure=True):
        return None
    return float(pq["share_agree"])


def own_data_links(forum) -> dict[str, Any]:
    """Data links this forum's own inputs give: public input count, session hours, information rating."""
    links: dict[str, Any] = {}
    inputs = forum.inputs or {}
    if inputs.get("public_input") is not None:
        links["public_input_count"] = int(len(inputs["public_input"]))
    sessions = inputs.get("sessions")
    if sessions is not None and len(sessions):
        links["session_hours"] = float(pd.to_numeric(sessions["hours"]).sum())
    info = information_rating(forum)
    if info is not None:
        links["members_rating_information_good"] = info
    return links


# ------------------------------------------------------------------------------------ analysis
def _compute(forum, extra_links: dict | None) -> FollowUpResult | None:
    from toolkit.intake.register import load_preconditions

    inputs = forum.inputs or {}
    register = inputs.get("recommendations")
    tally = inputs.get("tally")
    if register is None:
        return None
    handover, promised, as_of = settings(forum)
    implementation = inputs.get("implementation")
    parliament = inputs.get("parliament")
    if parliament is not None:
        parliament = parliament[pd.to_datetime(parliament["date"]) <= as_of]
    commitments, assessment, sessions = inputs.get("commitments"), inputs.get("preconditions"), inputs.get("sessions")
    framework = preconditions_framework(forum.config)
    pre = load_preconditions() if framework == "nl-2023" else None
    links = own_data_links(forum)
    links.update({k: v for k, v in (extra_links or {}).items() if v is not None})

    kf = FIG.key_figures(register, handover_date=handover, promised_days=promised, as_of=as_of,
                        implementation=implementation, parliament=parliament, commitments=commitments,
                        assessment=assessment, preconditions=pre, data_links=links, sessions=sessions,
                        tally=tally, as_of_source=as_of_source(forum))
    # The links key_figures used (it adds its own follow-up figures): the same for the scorecard frame.
    used = {"response_rate": kf["rates"]["overall"]["response_rate"],
            "adoption_rate_partial": kf["rates"]["overall"]["adoption_rate_partial"],
            "share_responded_on_time": kf["latency"]["share_responded_on_time"],
            "implementation_updates": kf["implementation"]["n_updates"],
            **({"session_hours": kf["sessions"]["hours"]} if kf["sessions"] else {}), **links}
    kf["data_links"] = jsonable(used)
    if pre is None:   # no framework applies: no scorecard and no mapping, not eleven "unknown" rows
        scorecard, mapping = pd.DataFrame(), pd.DataFrame()
    else:
        scorecard = pc.precondition_scorecard(assessment if assessment is not None else
                                              pd.DataFrame({"precondition_id": [], "assessment": []}), pre, used)
        mapping = pc.oecd_knoca_mapping(scorecard, pre, {
            "response_rate": kf["rates"]["overall"]["response_rate"],
            "adoption_rate_partial": kf["rates"]["overall"]["adoption_rate_partial"],
            "share_responded_on_time": kf["latency"]["share_responded_on_time"],
            "share_implemented": kf["implementation"]["share_implemented"],
            "motions_adopted": kf["parliament"]["n_motions_adopted"]})

    entries = implementation if implementation is not None else fu.empty_status_entries()
    entries = entries[pd.to_datetime(entries["date"]) <= as_of]
    ids = register["id"].tolist()
    lat = fu.latency(register, handover, promised, as_of)
    current = fu.current_status(entries, as_of, ids)
    timeline = fu.status_timeline(entries, as_of, ids, handover_date=handover)
    reg = lat.join(current.set_index("recommendation_id")[["status", "status_date"]], on="id")
    com = (cm.commitments_check(commitments, register, as_of, handover, parliament)
           if commitments is not None and len(commitments) else None)
    return FollowUpResult(
        key_figures=kf, register=reg, rates_overall=fu.response_rates(register),
        rates_by_theme=fu.response_rates(register, "theme"),
        rates_by_addressee=fu.response_rates(register, "addressed_to").sort_values(
            "addressed_to", key=lambda c: c.astype(str).str.casefold(), kind="stable").reset_index(drop=True),
        latency=lat, timeline=timeline, current=current, commitments=com, parliament=parliament,
        scorecard=scorecard, mapping=mapping, data_links=kf["data_links"], preconditions=pre,
        handover_date=handover, as_of=as_of, promised_days=promised, as_of_source=as_of_source(forum),
        tally=tally if tally is not None and len(tally) else None)


@cached
def analyse(forum, links: dict | None = None) -> FollowUpResult | None:
    """The follow-up section of a forum; None when the forum has no recommendations register.

    Parameters
    ----------
    forum : Forum
    links : dict, optional
        Data links from other sections beside the assessments, indicator -> value (differences of
        shares 0-1), e.g. :func:`toolkit.sections.links.follow_up_links`; None values are ignored. They
        override this section's own links (:func:`own_data_links`).

    Examples
    --------
    >>> from toolkit.forum.load import load_forum
    >>> res = analyse(load_forum("surveys/example"))
    >>> res.key_figures["latency"]["n_responded"], res.key_figures["latency"]["n_late"]
    (13, 11)
    >>> analyse(load_forum("surveys/example"), {"composition_max_gap": 0.12}).data_links["composition_max_gap"]
    0.12
    >>> analyse(load_forum("surveys/a1r")) is None
    True
    """
    return _compute(forum, links)


def figures(forum, links: dict | None = None) -> dict | None:
    """Key figures for results.json ``follow_up`` (plain JSON types), or None without a register."""
    res = analyse(forum, links)
    return None if res is None else res.key_figures


# ------------------------------------------------------------------------------ summary lines
def _count(x: Any) -> int:
    return 0 if x is None else int(x)


def _tally_date(t: dict, lang: str) -> str:
    if t.get("date_precision") == "month":
        return fmt_date(t["date"], lang).split(" ", 1)[1]
    return fmt_date(t["date"], lang)


def scorecard_lines(kf: dict, lang: str) -> list[tuple[str, str]]:
    """Lines of the summary scorecard, computed only from the key figures (results.json ``follow_up``).

    Examples
    --------
    >>> from toolkit.forum.load import load_forum
    >>> for topic, finding in scorecard_lines(figures(load_forum("surveys/example")), "en"):
    ...     print(f"{topic}: {finding}")
    Preconditions (2023 letter): Of the 11 preconditions: 4 met, 6 partly met, 0 not met, 1 unknown (the assessor's judgement).
    Formal response: 13 of the 16 recommendations (81%) had a formal response by 14 November 2025.
    Adopted: 5 of the 16 adopted in full and 4 in part: 44% when ‘in part’ counts half (45% weighted by the forum's support).
    Response on time: 2 of the 16 recommendations (13%) had a response within the promised 90 days (by 13 August 2025); 11 late.
    Still waiting: 3 of the 16 recommendations are still waiting for a formal response on 14 November 2025, 183 days after the handover.
    """
    n = _count(kf.get("n_recommendations"))
    tally = [(text("s_tally", lang), text("s_tally_line", lang, who=t["assessor"], d=_tally_date(t, lang),
                                          k=fmt_int(t["responded"], lang), n=fmt_int(t["n"], lang),
                                          unit=t.get("unit") or text("col_n", lang).lower()))
             for t in (kf.get("tally") or []) if t.get("responded") is not None]
    if not n:
        return tally or [(text("s_response", lang), text("s_empty", lang))]
    lines = []
    if kf.get("as_of_source") == "latest_entry":
        lines.append((text("s_as_of", lang), text("as_of_latest", lang, d=fmt_date(kf["as_of"], lang))))
    counts = (kf.get("preconditions") or {}).get("counts") or {}   # None: no framework applies
    if sum(counts.values()) and _count(counts.get("unknown")) == sum(counts.values()):
        lines.append((text("s_preconditions", lang), text("s_preconditions_none", lang, n=fmt_int(sum(counts.values()), lang))))
    elif sum(counts.values()):
        lines.append((text("s_preconditions", lang), text(
            "s_preconditions_line", lang, n=fmt_int(sum(counts.values()), lang), met=fmt_int(_count(counts.get("met")), lang),
            partly=fmt_int(_count(counts.get("partly_met")), lang), not_met=fmt_int(_count(counts.get("not_met")), lang),
            unknown=fmt_int(_count(counts.get("unknown")), lang))))
    o, lat, as_of = kf["rates"]["overall"], kf["latency"], fmt_date(kf["as_of"], lang)
    u = _count(o.get("n_unknown"))
    if u:
        lines.append((text("s_unknown", lang), text("s_unknown_all" if u == n else "s_unknown_line", lang,
                                                    u=fmt_int(u, lang), n=fmt_int(n, lang), k=fmt_int(n - u, lang))))
    known = n - u
    if known:
        lines.append((text("s_response", lang), text("s_response_line", lang, k=fmt_int(o["n_responded"], lang),
                                                     n=fmt_int(known, lang), p=fmt_pct(o["response_rate"], lang),
                                                     as_of=as_of)))
        weighted = o.get("weighted_adoption_rate_partial")   # None: no support figures, so no weighted part
        lines.append((text("s_adoption", lang), text("s_adoption_line" if weighted is not None else
                                                     "s_adoption_line_unweighted", lang, a=fmt_int(o["n_adopted"], lang),
                                                     b=fmt_int(o["n_adopted_in_part"], lang), n=fmt_int(known, lang),
                                                     p=fmt_pct(o["adoption_rate_partial"], lang),
                                                     w=fmt_pct(weighted, lang))))
    decided = lat.get("n_term_decided", n)
    if kf.get("promised_response_days") is None:
        lines.append((text("s_on_time", lang), text("s_no_term", lang)))
    elif not decided:
        lines.append((text("s_on_time", lang), text("s_on_time_none_due", lang, d=fmt_int(kf["promised_response_days"], lang),
                                                    as_of=as_of)))
    elif decided < n:
        lines.append((text("s_on_time", lang), text(
            "s_on_time_open", lang, k=fmt_int(lat["n_on_time"], lang), m=fmt_int(decided, lang),
            p=fmt_pct(lat["share_responded_on_time"], lang), d=fmt_int(kf["promised_response_days"], lang),
            late=fmt_int(lat["n_late"] + lat.get("n_waiting_overdue", 0), lang),
            y=fmt_int(n - decided - u, lang))))
    else:
        lines.append((text("s_on_time", lang), text(
            "s_on_time_line", lang, k=fmt_int(lat["n_on_time"], lang), n=fmt_int(n, lang),
            p=fmt_pct(lat["share_responded_on_time"], lang), d=fmt_int(kf["promised_response_days"], lang),
            due=fmt_date(kf["response_due_date"], lang), late=fmt_int(lat["n_late"], lang))))
    lines.extend(tally)
    k = _count(lat.get("n_waiting"))
    if k and lat.get("days_waiting") is None or not known:
        return lines
    key = "s_waiting_none" if not k else "s_waiting_one" if k == 1 else "s_waiting_line"
    lines.append((text("s_waiting", lang), text(key, lang, k=fmt_int(k, lang), n=fmt_int(n, lang), as_of=as_of,
                                                d=fmt_int(lat.get("days_waiting"), lang))))
    return lines
