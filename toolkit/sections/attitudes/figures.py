"""The attitudes block of results.json: key figures of the attitude analyses (plain Python, NaN as None)."""
from __future__ import annotations

import pandas as pd

from toolkit.jsonable import records
from toolkit.disclosure.rows import publish_rows
from toolkit.disclosure.suppress import suppressed_values
from toolkit.stats.attitudes.knowledge import KnowledgeResult

__all__ = ["key_figures", "KEY_CHANGE_FIELDS"]

KEY_CHANGE_FIELDS = ["group", "item", "kind", "wave_from", "wave_to", "n_pairs", "mean_from", "mean_to",
                     "mean_change", "ci_low", "ci_high", "t", "df", "p", "p_holm", "p_fdr_bh", "d_z",
                     "d_z_ci_low", "d_z_ci_high", "g_av", "wilcoxon_p", "rank_biserial", "support_from",
                     "support_to", "dont_know_from", "dont_know_to", "support_pairs_from", "support_pairs_to",
                     "mcnemar_p", "mcnemar_method"]


def key_figures(changes: pd.DataFrame, *, scale_changes: pd.DataFrame | None = None,
                knowledge: KnowledgeResult | None = None, reliability: pd.DataFrame | None = None,
                did: pd.DataFrame | None = None, heterogeneity: pd.DataFrame | None = None,
                process: pd.DataFrame | None = None, attrition: pd.DataFrame | None = None,
                weighted: pd.DataFrame | None = None, polarization: pd.DataFrame | None = None,
                min_cell: int | None = None) -> dict:
    """Key figures for ``results.json`` under ``attitudes``: plain Python, NaN as None.

    Parameters
    ----------
    changes : DataFrame
        :func:`~toolkit.stats.attitudes.changes.paired_changes` of items (with or without a ``group`` column).
    scale_changes : DataFrame, optional
        :func:`~toolkit.stats.attitudes.changes.paired_changes` of :func:`~toolkit.stats.attitudes.scales.scale_scores`.
    knowledge, reliability, did, heterogeneity, process, attrition, weighted, polarization : optional
        Outputs of :func:`~toolkit.stats.attitudes.knowledge.knowledge`, :func:`~toolkit.stats.attitudes.scales.reliability`,
        :func:`~toolkit.stats.attitudes.panel.did_mixed`, :func:`~toolkit.stats.attitudes.panel.heterogeneity`,
        :func:`~toolkit.stats.attitudes.knowledge.process_quality`, :func:`~toolkit.stats.attitudes.panel.attrition_waves`,
        :func:`~toolkit.stats.attitudes.raking.weighted_changes`, :func:`~toolkit.stats.attitudes.polarization.subgroup_gap`.
        Pass them as published (:func:`toolkit.sections.attitudes.result.published`): the figures of a
        hidden row already blank.
    min_cell : int, optional
        The forum's ``min_cell_size``: counts of 1..min_cell-1 become null (the knowledge scores'
        summary per group and wave: its mean and sd too).

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
    def null(df, *cols):
        return suppressed_values(df, dict.fromkeys(cols, []), min_cell) if min_cell else df
    frames = [changes.assign(kind="item")]
    if scale_changes is not None:
        frames.append(scale_changes.assign(kind="scale"))
    out = {"changes": records(null(pd.concat(frames, ignore_index=True), "n_pairs"), KEY_CHANGE_FIELDS)}
    out["knowledge"] = _knowledge_summary(knowledge, min_cell)
    for key, df, cols in (("reliability", reliability, ["n"]), ("did", did, []), ("heterogeneity", heterogeneity, []),
                          ("process_quality", process, ["n"]), ("attrition", attrition, ["n"]),
                          ("weighted", weighted, ["n_pairs"]), ("polarization", polarization, ["n_a", "n_b"])):
        out[key] = records(null(df, *cols))
    return out


def _knowledge_summary(res: KnowledgeResult | None, min_cell: int | None = None) -> dict:
    if res is None:
        return {"scores": [], "gains": [], "items": []}
    by = [c for c in ("group", "wave") if c in res.scores.columns]
    summary = res.scores.groupby(by, sort=True)["score"].agg(n="count", mean="mean", sd="std").reset_index()
    if min_cell:
        summary = suppressed_values(publish_rows(summary, ["n"], min_cell, by), {"n": []}, min_cell)
        return {"scores": records(summary),
                "gains": records(suppressed_values(res.gains, {"n_pairs": []}, min_cell), ["group"] + KEY_CHANGE_FIELDS),
                "items": records(suppressed_values(res.items, {"n": []}, min_cell))}
    return {"scores": records(summary), "gains": records(res.gains, ["group"] + KEY_CHANGE_FIELDS),
            "items": records(res.items)}
