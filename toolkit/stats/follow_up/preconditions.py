"""The cabinet's preconditions for citizen forums: scorecard, evidence, data links and mappings.

The letter to parliament of 17 March 2023 sets preconditions for national citizen forums
(``toolkit/data/preconditions.yml``, read by :func:`toolkit.intake.register.load_preconditions`).
Plain functions on the tidy ``preconditions`` assessment frame of
:func:`toolkit.intake.register.read_follow_up`: one row per precondition with the assessor's
judgement, its evidence and the figure that speaks to it, and the long mapping of the
preconditions and the follow-up figures to the OECD evaluation criteria and the KNOCA impact areas
and types (docs/follow_up.md). No file I/O, no plotting.
"""
from __future__ import annotations

import math
from typing import Any

import pandas as pd

from toolkit.jsonable import records

__all__ = ["ASSESSMENTS", "FIGURE_MAPPING", "precondition_scorecard", "oecd_knoca_mapping", "scorecard_summary"]

ASSESSMENTS = ("met", "partly_met", "not_met", "unknown")
#: Computed follow-up figures and the OECD criterion / KNOCA area and type they are evidence for.
FIGURE_MAPPING = {
    "response_rate": ("influential_recommendations", "state_actors", "instrumental"),
    "adoption_rate_partial": ("influential_recommendations", "state_actors", "instrumental"),
    "share_responded_on_time": ("influential_recommendations", "state_actors", "instrumental"),
    "share_implemented": ("influential_recommendations", "state_actors", "instrumental"),
    "motions_adopted": ("influential_recommendations", "state_actors", "conceptual"),
}


def _precondition_list(preconditions: Any) -> list[dict]:
    return list(preconditions["preconditions"] if isinstance(preconditions, dict) else preconditions)


def _label(obj: Any, lang: str) -> str | None:
    return obj.get(lang) if isinstance(obj, dict) else obj


def precondition_scorecard(assessment: pd.DataFrame, preconditions: Any, data_links: dict[str, Any] | None = None) -> pd.DataFrame:
    """One row per precondition of the letter: the assessor's judgement, its evidence, and the data.

    Parameters
    ----------
    assessment : DataFrame
        ``precondition_id``, ``assessment``, ``evidence``, ``evidence_date``, ``assessor``; several
        rows per precondition add evidence.
    preconditions : list of dict, or the dict of :func:`toolkit.intake.register.load_preconditions`
        Each with ``id``, ``label`` ({nl, en}), ``oecd``, ``knoca_areas``, ``data_link``.
    data_links : dict, optional
        Computed figures by indicator name (e.g. ``{"session_hours": 42.5}``); an indicator without
        a value gets NaN.

    Returns
    -------
    DataFrame
        In the letter's order: ``precondition_id``, ``label_nl``, ``label_en``, ``oecd``,
        ``knoca_areas`` (comma-separated), ``assessment`` (``unknown`` when not assessed),
        ``evidence_count`` (rows with evidence), ``evidence`` (texts joined by `` | ``),
        ``latest_evidence_date``, ``assessors``, ``indicator``, ``indicator_label_nl``,
        ``indicator_label_en``, ``indicator_unit``, ``indicator_value`` (float or NaN).

    Examples
    --------
    >>> pre = [{"id": "time_support", "label": {"nl": "Tijd", "en": "Time"}, "oecd": "sound_deliberation",
    ...         "knoca_areas": ["non_state_actors"], "data_link": {"indicator": "session_hours", "unit": "hours"}},
    ...        {"id": "public_link", "label": {"nl": "Publiek", "en": "Public"}, "oecd": "sound_deliberation",
    ...         "knoca_areas": [], "data_link": None}]
    >>> a = pd.DataFrame({"precondition_id": ["time_support"] * 2, "assessment": ["met"] * 2,
    ...                   "evidence": ["programme", "minutes"], "evidence_date": pd.to_datetime(["2024-10-01", "2024-11-01"]),
    ...                   "assessor": ["A", "A"]})
    >>> precondition_scorecard(a, pre, {"session_hours": 42.5})[["precondition_id", "assessment", "evidence_count", "indicator_value"]].values.tolist()
    [['time_support', 'met', 2, 42.5], ['public_link', 'unknown', 0, nan]]
    """
    data_links = data_links or {}
    rows = []
    for p in _precondition_list(preconditions):
        a = assessment[assessment["precondition_id"] == p["id"]]
        ev = a["evidence"].dropna() if "evidence" in a else pd.Series(dtype=object)
        link = p.get("data_link") or {}
        value = data_links.get(link.get("indicator")) if link else None
        rows.append({
            "precondition_id": p["id"], "label_nl": _label(p.get("label"), "nl"), "label_en": _label(p.get("label"), "en"),
            "oecd": p.get("oecd"), "knoca_areas": ", ".join(p.get("knoca_areas") or []),
            "assessment": a["assessment"].iloc[0] if len(a) else "unknown",
            "evidence_count": int(len(ev)), "evidence": " | ".join(map(str, ev)),
            "latest_evidence_date": pd.to_datetime(a["evidence_date"]).max() if "evidence_date" in a and len(a) else pd.NaT,
            "assessors": ", ".join(sorted(set(a["assessor"].dropna().map(str)))) if "assessor" in a else "",
            "indicator": link.get("indicator"), "indicator_label_nl": _label(link.get("label"), "nl"),
            "indicator_label_en": _label(link.get("label"), "en"), "indicator_unit": link.get("unit"),
            "indicator_value": math.nan if value is None else float(value),
        })
    return pd.DataFrame(rows)


def oecd_knoca_mapping(scorecard: pd.DataFrame, preconditions: Any, figures: dict[str, Any] | None = None) -> pd.DataFrame:
    """Map the preconditions and the follow-up figures to the OECD criteria and KNOCA areas and types.

    Parameters
    ----------
    scorecard : DataFrame
        Output of :func:`precondition_scorecard`.
    preconditions : list of dict, or the dict of ``load_preconditions()``
        With ``oecd``, ``knoca_areas``, ``knoca_types`` per precondition. When the dict is given,
        category labels are taken from its ``oecd_criteria``, ``knoca_areas``, ``knoca_types``.
    figures : dict, optional
        Values of the figures in :data:`FIGURE_MAPPING` (e.g. ``{"response_rate": 0.75}``).

    Returns
    -------
    DataFrame
        Long: ``framework`` (``oecd``, ``knoca_area``, ``knoca_type``), ``category``,
        ``category_label_nl``, ``category_label_en``, ``item_kind`` (``precondition`` or
        ``figure``), ``item_id``, ``assessment`` (preconditions), ``value`` (indicator or figure).

    Examples
    --------
    >>> pre = [{"id": "p1", "oecd": "design_integrity", "knoca_areas": ["state_actors"], "knoca_types": ["capacity"]}]
    >>> sc = pd.DataFrame({"precondition_id": ["p1"], "assessment": ["met"], "indicator_value": [math.nan]})
    >>> m = oecd_knoca_mapping(sc, pre, {"response_rate": 0.5})
    >>> m[m.item_id == "p1"][["framework", "category"]].values.tolist()
    [['oecd', 'design_integrity'], ['knoca_area', 'state_actors'], ['knoca_type', 'capacity']]
    """
    labels = preconditions if isinstance(preconditions, dict) else {}
    lab = {"oecd": labels.get("oecd_criteria", {}), "knoca_area": labels.get("knoca_areas", {}),
           "knoca_type": labels.get("knoca_types", {})}
    sc = scorecard.set_index("precondition_id")
    rows = []

    def add(fw: str, cat: str, kind: str, item: str, assessment: Any, value: Any) -> None:
        rows.append({"framework": fw, "category": cat, "category_label_nl": _label(lab[fw].get(cat), "nl") or cat,
                     "category_label_en": _label(lab[fw].get(cat), "en") or cat, "item_kind": kind,
                     "item_id": item, "assessment": assessment, "value": value})

    for p in _precondition_list(preconditions):
        a = sc["assessment"].get(p["id"], "unknown")
        v = sc["indicator_value"].get(p["id"], math.nan) if "indicator_value" in sc else math.nan
        for fw, cats in (("oecd", [p.get("oecd")]), ("knoca_area", p.get("knoca_areas") or []),
                         ("knoca_type", p.get("knoca_types") or [])):
            for c in cats:
                if c:
                    add(fw, c, "precondition", p["id"], a, v)
    for fig, (oecd, area, typ) in FIGURE_MAPPING.items():
        v = (figures or {}).get(fig)
        for fw, c in (("oecd", oecd), ("knoca_area", area), ("knoca_type", typ)):
            add(fw, c, "figure", fig, None, math.nan if v is None else float(v))
    return pd.DataFrame(rows)


def scorecard_summary(scorecard: pd.DataFrame) -> dict[str, Any]:
    """Summary of :func:`precondition_scorecard` as plain types (results.json ``follow_up.preconditions``).

    Returns
    -------
    dict
        ``counts`` (preconditions per assessment, in the order of :data:`ASSESSMENTS`),
        ``by_oecd`` (the same per OECD criterion), ``items`` (list: id, assessment,
        evidence_count, latest_evidence_date, indicator, indicator_value). Empty counts and
        items for a scorecard without rows.

    Examples
    --------
    >>> pre = [{"id": "p1", "oecd": "design_integrity"}, {"id": "p2", "oecd": "design_integrity"}]
    >>> sc = precondition_scorecard(pd.DataFrame({"precondition_id": ["p1"], "assessment": ["met"]}), pre)
    >>> s = scorecard_summary(sc)
    >>> s["counts"], s["items"][1]["assessment"]
    ({'met': 1, 'partly_met': 0, 'not_met': 0, 'unknown': 1}, 'unknown')
    >>> scorecard_summary(precondition_scorecard(pd.DataFrame({"precondition_id": [], "assessment": []}), []))
    {'counts': {}, 'by_oecd': {}, 'items': []}
    """
    if not len(scorecard):
        return {"counts": {}, "by_oecd": {}, "items": []}
    return {
        "counts": {a: int((scorecard["assessment"] == a).sum()) for a in ASSESSMENTS},
        "by_oecd": {c: {a: int((g["assessment"] == a).sum()) for a in ASSESSMENTS} for c, g in scorecard.groupby("oecd")},
        "items": records(scorecard.rename(columns={"precondition_id": "id"}),
                         ["id", "assessment", "evidence_count", "latest_evidence_date", "indicator", "indicator_value"]),
    }
