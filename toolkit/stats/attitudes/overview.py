"""Attitude shifts: the public entry point for notebooks and the pipeline.

Re-exports the analysis functions (``from toolkit import attitudes``):
:mod:`toolkit.stats.attitudes.changes` (paired changes, transitions), :mod:`toolkit.stats.attitudes.scales` (scale scores,
reliability), :mod:`toolkit.stats.attitudes.knowledge` (quiz, process quality), :mod:`toolkit.stats.attitudes.polarization`,
:mod:`toolkit.stats.attitudes.panel` (difference-in-differences, heterogeneity, attrition) and
:mod:`toolkit.stats.attitudes.raking`; adds :func:`codebook_parameters` and :func:`key_figures` for results.json.
Methods and references: docs/attitudes.md.
"""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from toolkit.stats.attitudes.frames import records
from toolkit.stats.attitudes.changes import CHANGE_COLUMNS, DEFAULT_DONT_KNOW, paired_changes, transitions
from toolkit.errors import InputError, Problem
from toolkit.stats.attitudes.knowledge import KnowledgeResult, knowledge, process_quality
from toolkit.stats.attitudes.panel import attrition_waves, completers_vs_dropouts, did_mixed, heterogeneity
from toolkit.stats.attitudes.polarization import agreement_a, bimodality_coefficient, polarization, spread, subgroup_gap
from toolkit.stats.attitudes.raking import kish_effective_n, rake, weighted_changes
from toolkit.stats.attitudes.scales import reliability, reverse_code, scale_scores

_DONT_KNOW_WORDS = ("dont_know", "don't know", "dont know", "weet niet", "weet_niet")

__all__ = [
    "codebook_parameters", "key_figures", "KEY_CHANGE_FIELDS",
    # re-exported
    "paired_changes", "transitions", "CHANGE_COLUMNS", "DEFAULT_DONT_KNOW", "knowledge", "KnowledgeResult",
    "process_quality", "scale_scores", "reliability", "reverse_code", "agreement_a", "spread",
    "bimodality_coefficient", "polarization", "subgroup_gap", "did_mixed", "heterogeneity", "attrition_waves",
    "completers_vs_dropouts", "rake", "weighted_changes", "kish_effective_n",
]

# --------------------------------------------------------------------------- key figures
KEY_CHANGE_FIELDS = ["group", "item", "kind", "wave_from", "wave_to", "n_pairs", "mean_from", "mean_to",
                     "mean_change", "ci_low", "ci_high", "t", "df", "p", "p_holm", "p_fdr_bh", "d_z",
                     "d_z_ci_low", "d_z_ci_high", "g_av", "wilcoxon_p", "rank_biserial", "support_from",
                     "support_to", "dont_know_from", "dont_know_to"]


def key_figures(changes: pd.DataFrame, *, scale_changes: pd.DataFrame | None = None,
                knowledge: KnowledgeResult | None = None, reliability: pd.DataFrame | None = None,
                did: pd.DataFrame | None = None, heterogeneity: pd.DataFrame | None = None,
                process: pd.DataFrame | None = None, attrition: pd.DataFrame | None = None,
                weighted: pd.DataFrame | None = None, polarization: pd.DataFrame | None = None) -> dict:
    """Key figures for ``results.json`` under ``attitudes``: plain Python, NaN as None.

    Parameters
    ----------
    changes : DataFrame
        :func:`paired_changes` of items (with or without a ``group`` column).
    scale_changes : DataFrame, optional
        :func:`paired_changes` of :func:`~toolkit.stats.attitudes.scales.scale_scores`.
    knowledge, reliability, did, heterogeneity, process, attrition, weighted, polarization : optional
        Outputs of :func:`knowledge`, :func:`~toolkit.stats.attitudes.scales.reliability`,
        :func:`~toolkit.stats.attitudes.panel.did_mixed`, :func:`~toolkit.stats.attitudes.panel.heterogeneity`,
        :func:`process_quality`, :func:`~toolkit.stats.attitudes.panel.attrition_waves`,
        :func:`~toolkit.stats.attitudes.raking.weighted_changes`, :func:`~toolkit.stats.attitudes.polarization.subgroup_gap`.

    Returns
    -------
    dict
        ``{"changes": [...], "knowledge": {"scores": [...], "gains": [...], "items": [...]},
        "reliability": [...], "did": [...], "heterogeneity": [...], "process_quality": [...],
        "attrition": [...], "weighted": [...], "polarization": [...]}``. ``changes`` holds one
        record per item or scale (``kind``) x wave pair (x group) with the fields of
        ``KEY_CHANGE_FIELDS`` that exist. Absent inputs give empty lists.

    Examples
    --------
    >>> ch = pd.DataFrame({"item": ["q"], "wave_from": ["t0"], "wave_to": ["t1"], "n_pairs": [6],
    ...                    "mean_change": [2.0], "p": [float("nan")]})
    >>> key_figures(ch)["changes"]
    [{'item': 'q', 'kind': 'item', 'wave_from': 't0', 'wave_to': 't1', 'n_pairs': 6, 'mean_change': 2.0, 'p': None}]
    """
    frames = [changes.assign(kind="item")]
    if scale_changes is not None:
        frames.append(scale_changes.assign(kind="scale"))
    out = {"changes": records(pd.concat(frames, ignore_index=True), KEY_CHANGE_FIELDS)}
    out["knowledge"] = _knowledge_summary(knowledge)
    for key, df in (("reliability", reliability), ("did", did), ("heterogeneity", heterogeneity),
                    ("process_quality", process), ("attrition", attrition), ("weighted", weighted),
                    ("polarization", polarization)):
        out[key] = records(df)
    return out


def _knowledge_summary(res: KnowledgeResult | None) -> dict:
    if res is None:
        return {"scores": [], "gains": [], "items": []}
    by = [c for c in ("group", "wave") if c in res.scores.columns]
    summary = res.scores.groupby(by, sort=True)["score"].agg(n="count", mean="mean", sd="std").reset_index()
    return {"scores": records(summary), "gains": records(res.gains, ["group"] + KEY_CHANGE_FIELDS),
            "items": records(res.items)}


def _scale_spec(name: str, scale: Mapping, items: Mapping) -> tuple[dict, list[Problem]]:
    members = list(scale.get("items") or [])
    ranges = {tuple(items[i].get("scale") or ()) for i in members if i in items}
    reverse = [i for i in members if i in items and items[i].get("reverse")]
    spec = {"items": members, "reverse": reverse, "min_items": scale.get("min_items", max(1, (len(members) + 1) // 2))}
    if len(ranges) != 1 or not all(ranges):
        return spec, [Problem(f"codebook: scales.{name}", f"the items of scale {name!r} have different or no answer "
                              f"ranges: {sorted(ranges)}", "Give every item of a scale the same 'scale: [min, max]'")]
    spec["scale_min"], spec["scale_max"] = next(iter(ranges))
    return spec, []


def codebook_parameters(codebook: Mapping) -> dict:
    """The analysis parameters a codebook implies, ready to pass to the functions here.

    Parameters
    ----------
    codebook : mapping
        ``{"items": {id: {type, scale, reverse, support, key, criterion, headline}}, "scales":
        {name: {items, min_items}}, "missing_codes": {code: meaning}}`` (as
        :func:`toolkit.forum.config.load_codebook` returns it).

    Returns
    -------
    dict
        ``attitude_items`` (type ``scale``), ``headline`` (items marked ``headline``, else the first
        two attitude items), ``support`` ({item: (lo, hi)}), ``scales`` (specs for
        :func:`~toolkit.stats.attitudes.scales.scale_scores`, reverse coding and range taken from the items),
        ``answer_key``, ``criteria`` ({criterion: [process items]}), ``agree`` (support range of the
        process items, default (4, 5)) and ``dont_know_codes`` (codes whose meaning is "don't know";
        default (98,)).

    Raises
    ------
    InputError
        When the items of a scale have different answer ranges.

    Examples
    --------
    >>> cb = {"items": {"A": {"type": "scale", "scale": [0, 10], "support": [6, 10]},
    ...                 "B": {"type": "scale", "scale": [0, 10], "reverse": True},
    ...                 "K": {"type": "knowledge", "key": 2},
    ...                 "P": {"type": "process", "scale": [1, 5], "support": [4, 5], "criterion": "respect"}},
    ...       "scales": {"s": {"items": ["A", "B"], "min_items": 2}}, "missing_codes": {98.0: "dont_know"}}
    >>> par = codebook_parameters(cb)
    >>> par["scales"]
    {'s': {'items': ['A', 'B'], 'reverse': ['B'], 'min_items': 2, 'scale_min': 0, 'scale_max': 10}}
    >>> par["support"], par["criteria"], par["answer_key"], par["dont_know_codes"]
    ({'A': (6, 10), 'P': (4, 5)}, {'respect': ['P']}, {'K': 2}, [98.0])
    """
    items = dict(codebook.get("items") or {})
    of_type = (lambda t: [i for i, s in items.items() if s.get("type", "scale") == t])
    attitude = of_type("scale")
    problems, scales = [], {}
    for name, scale in (codebook.get("scales") or {}).items():
        scales[name], found = _scale_spec(name, scale, items)
        problems += found
    if problems:
        raise InputError(problems)
    criteria: dict[str, list[str]] = {}
    for i in of_type("process"):
        criteria.setdefault(str(items[i].get("criterion", i)), []).append(i)
    agree = next((tuple(items[i]["support"]) for i in of_type("process") if items[i].get("support")), (4, 5))
    codes = [float(c) for c, m in (codebook.get("missing_codes") or {}).items()
             if str(m).strip().lower() in _DONT_KNOW_WORDS]
    return {"attitude_items": attitude,
            "headline": [i for i in attitude if items[i].get("headline")] or attitude[:2],
            "support": {i: tuple(s["support"]) for i, s in items.items() if s.get("support")},
            "scales": scales, "answer_key": {i: items[i]["key"] for i in of_type("knowledge")},
            "criteria": criteria, "agree": agree, "dont_know_codes": codes or [float(c) for c in DEFAULT_DONT_KNOW]}
