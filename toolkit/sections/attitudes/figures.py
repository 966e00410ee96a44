"""The attitudes block of results.json: key figures of the attitude analyses (plain Python, NaN as None)."""
from __future__ import annotations

import pandas as pd

from toolkit.jsonable import records
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
                weighted: pd.DataFrame | None = None, polarization: pd.DataFrame | None = None) -> dict:
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
