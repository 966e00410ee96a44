"""The representativeness block of results.json: key figures, after disclosure control.

Every count that the report hides is hidden here too (the same :mod:`toolkit.disclosure.joint` decision).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from toolkit.disclosure.joint import (
    Disclosure, attrition_hidden, joint_disclosure, named_hidden, publishable_composition, publishable_funnel,
    publishable_intersections, publishable_quotas, publishable_replacements, suppress_small_cells,
)
from toolkit.jsonable import jsonable
from toolkit.stats.representativeness.public_input import PublicInput

__all__ = ["key_figures", "lottery_block"]

def _records(table: pd.DataFrame, cols: Sequence[str]) -> list[dict]:
    cols = [c for c in cols if c in table.columns]
    return [{c: jsonable(v) for c, v in zip(cols, row)} for row in table[cols].itertuples(index=False)]


def _nested(table: pd.DataFrame, cols: Sequence[str], key1="variable", key2="category") -> dict:
    out: dict = {}
    for rec in _records(table, [key1, key2, *cols]):
        out.setdefault(rec.pop(key1), {})[rec.pop(key2)] = rec
    return out


_CELL = ("n", "share", "ci_low", "ci_high", "pop_share", "diff_pp", "ratio", "flag", "suppressed")


def _variables_block(composition, gof, attrition_tests) -> dict:
    out = {}
    cells = _nested(composition, _CELL)
    for var, part in composition.groupby("variable", sort=False):
        known = int(part["pop_share"].notna().sum()) if "pop_share" in part else 0
        out[var] = {"n_total": jsonable(part["n_total"].iloc[0]),
                    "n_missing": jsonable(part["n_missing"].iloc[0]) if "n_missing" in part else None,
                    "pop_figures": "all" if known == len(part) else "some" if known else "none",
                    "categories": cells[var], "gof": None, "attrition_test": None}
    for key, table, cols in (("gof", gof, ["method", "statistic", "df", "p", "cohens_w", "tvd"]),
                             ("attrition_test", attrition_tests,
                              ["method", "statistic", "df", "p", "cramers_v", "reference", "compared"])):
        if table is not None:
            for rec in _records(table, ["variable", *cols]):
                if rec["variable"] in out:
                    out[rec.pop("variable")][key] = rec
    return out


def _funnel_block(funnel_table: pd.DataFrame, min_cell: int | None = None,
                  disclosure: Disclosure | None = None) -> dict:
    stages = list(dict.fromkeys(funnel_table["stage"]))
    # everyone at a stage: the sum over the strata of the first variable whose counts there are all known
    known = funnel_table.groupby(["stage", "variable"], sort=False)["count"].agg(
        lambda c: float(c.sum()) if c.notna().all() else np.nan)
    total = pd.Series({s: known[s].dropna().iloc[0] if known[s].notna().any() else np.nan for s in stages},
                      dtype=float)
    letters = total.get("letters", np.nan)
    total_block = {s: {"count": None if pd.isna(total[s]) else int(total[s]),
                       "rate_prev": jsonable(total[s] / total.iloc[i - 1]) if i else None,
                       "rate_letters": jsonable(total[s] / letters) if letters else None}
                   for i, s in enumerate(stages)}
    if min_cell is not None:  # strata counts of 0 < n < min_cell and those they could be worked out from
        funnel_table = publishable_funnel(funnel_table, min_cell, disclosure)
    strata: dict = {}
    for rec in _records(funnel_table, ["variable", "category", "stage", "count", "rate_prev",
                                       "rate_letters", "rel_rate_prev"]):
        var, cat, stage = rec.pop("variable"), rec.pop("category"), rec.pop("stage")
        strata.setdefault(var, {}).setdefault(cat, {})[stage] = rec
    return {"stages": stages, "total": total_block, "strata": strata}


def key_figures(
    composition: pd.DataFrame,
    *,
    gof: pd.DataFrame | None = None,
    named_groups: pd.DataFrame | None = None,
    intersections: pd.DataFrame | None = None,
    quotas: pd.DataFrame | None = None,
    funnel: pd.DataFrame | None = None,
    attrition: pd.DataFrame | None = None,
    attrition_tests: pd.DataFrame | None = None,
    replacement_match: pd.DataFrame | None = None,
    attitudes: pd.DataFrame | None = None,
    public: PublicInput | None = None,
    min_cell: int | None = None,
    stage: str = "started",
    disclosure: Disclosure | None = None,
) -> dict:
    """Key figures for results.json under ``representativeness`` (plain JSON types, NaN as None).

    Parameters
    ----------
    composition : DataFrame
        Output of :func:`composition`.
    gof, named_groups, intersections, quotas, funnel, attrition, attrition_tests,
    replacement_match, attitudes : DataFrame, optional
        Outputs of the functions of the same name (:func:`quota_check` for `quotas`,
        :func:`attrition_test` for `attrition_tests`).
    public : PublicInput, optional
    min_cell : int, optional
        Suppress cells with 0 < n < `min_cell` (their n, share, interval, difference, ratio), and the
        counts of the composition, funnel and drop-out from which one could be worked out, decided
        together (:func:`toolkit.disclosure.joint.joint_disclosure`).
    stage : str
        The stage of the composition's counts (for that decision).
    disclosure : Disclosure, optional
        That decision, when made already.

    Returns
    -------
    dict
        ``variables`` -> {variable: {n_total, n_missing, categories: {category: {n, share,
        ci_low, ci_high, pop_share, diff_pp, ratio, flag, suppressed}}, gof: {method,
        statistic, df, p, cohens_w, tvd}, attrition_test: {method, statistic, df, p,
        cramers_v}}}; optional ``named_groups``, ``intersections``, ``quotas``, ``funnel``,
        ``attrition``, ``replacements``, ``attitudes``, ``public_input`` (see
        docs/representativeness.md).

    Raises
    ------
    KeyError
        When a frame lacks the columns of the function that made it.

    Examples
    --------
    >>> from toolkit.stats.representativeness.composition import composition
    >>> counts = pd.DataFrame({"variable": "gender", "category": ["man", "vrouw"],
    ...     "drawn": [100, 75], "started": [100, 75], "completed": [90, 70]})
    >>> bench = pd.DataFrame({"variable": "gender", "category": ["man", "vrouw"], "share": 0.5})
    >>> kf = key_figures(composition(counts, bench))
    >>> kf["variables"]["gender"]["categories"]["vrouw"]["flag"], kf["variables"]["gender"]["n_total"]
    ('ok', 175)
    """
    def publishable(table, joint=None):
        if table is None or min_cell is None:
            return table if table is None or "suppressed" in table else table.assign(suppressed=False)
        return publishable_composition(table, min_cell, joint)

    if min_cell is not None and disclosure is None:
        disclosure = joint_disclosure(composition, funnel, attrition, min_cell, stage=stage)
    published = publishable(composition, disclosure)
    out: dict = {"variables": _variables_block(published, gof, attrition_tests), "min_cell": min_cell}
    if named_groups is not None:
        out["named_groups"] = {r.pop("group"): r for r in _records(
            named_hidden(suppress_small_cells(named_groups, min_cell), published, min_cell)
            if min_cell is not None else publishable(named_groups), ["group", "variable", "categories", *_CELL])}
    if intersections is not None:
        shown = (publishable_intersections(intersections, composition, min_cell) if min_cell is not None
                 else publishable(intersections))
        shown = shown[~shown["withheld"]] if "withheld" in shown else shown
        out["intersections"] = _nested(shown, _CELL)
    if quotas is not None:
        shown = quotas if min_cell is None else publishable_quotas(quotas, composition, min_cell, disclosure)
        unmet = shown[~quotas["met"] & shown["status"].notna()]  # a hidden status is not listed either
        out["quotas"] = {"n_quotas": len(quotas), "n_met": int((quotas["met"] & shown["status"].notna()).sum()),
                         "unmet": _records(unmet, ["variable", "category", "n", "min", "max", "status", "gap"])}
        if min_cell is not None and shown["status_hidden"].any():
            out["quotas"]["n_status_hidden"] = int(shown["status_hidden"].sum())
    if funnel is not None and len(funnel):
        out["funnel"] = _funnel_block(funnel, min_cell, disclosure)
    if attrition is not None:
        if min_cell is not None:  # small counts, those they could be worked out from, and the rates of both
            h = attrition_hidden(attrition, min_cell, disclosure)
            hide = {c: (h[f"small_{c}"] | h[f"linked_{c}"]).to_numpy() for c in ("started", "completed")}
            attrition = attrition.assign(
                n_started=attrition["n_started"].astype("Int64").mask(hide["started"]),
                n_completed=attrition["n_completed"].astype("Int64").mask(hide["completed"]),
                dropout_rate=attrition["dropout_rate"].mask(hide["started"] | hide["completed"]))
        out["attrition"] = _nested(attrition, ["n_started", "n_completed", "dropout_rate"])
    if replacement_match is not None:
        replacement_match = publishable_replacements(replacement_match, min_cell)
        out["replacements"] = {
            "n_replacements": jsonable(replacement_match["n_pairs"].max()) if len(replacement_match) else 0,
            "share_same": {r["variable"]: r["share_same"]
                           for r in _records(replacement_match, ["variable", "share_same"])}}
    if attitudes is not None:
        out["attitudes"] = _records(attitudes, ["item", "category", "n_total", "share", "ci_low",
                                                "ci_high", "ref_share", "diff_pp", "test", "p"])
    if public is not None:
        out["public_input"] = {**_records(public.summary, list(public.summary.columns))[0],
                               "volume": _records(public.volume, ["period", "count"]),
                               "composition": _nested(publishable(public.composition), _CELL)}
    return out


def lottery_block(lot) -> dict:
    """results.json ``representativeness.lottery``: the lottery audit, its hidden groups as null.

    Parameters
    ----------
    lot : LotteryResult
        :func:`toolkit.sections.representativeness.result.lottery`.

    Returns
    -------
    dict
        ``method, exact, draws, n_pool, panel_size, equal``; ``probabilities`` (min, quartiles, max,
        share_below_half, share_zero, min_ratio); ``groups`` {variable: {category: {n_pool,
        mean_probability, ratio, hidden}}}; ``quotas`` (n_quotas, n_met, n_status_hidden, all_met, unmet);
        ``typicality`` (distance, percentile, median_distance, p95_distance, n_panels). No pool
        member's probability, id or features; no count of the drawn panel per group.
    """
    s = lot.summary
    groups = lot.groups.assign(
        n_pool=lot.groups["n_pool"].astype("Int64").mask(lot.groups["hidden"]),
        mean_probability=lot.groups["mean_probability"].mask(lot.groups["hidden"]),
        ratio=lot.groups["ratio"].mask(lot.groups["hidden"]))
    q = lot.quotas
    shown = q[~q["hidden"]]
    unmet = shown[~shown["met"]]
    n_hidden = int(q["hidden"].sum())
    return {
        "method": lot.method, "exact": bool(lot.exact), "draws": lot.draws, "n_pool": int(s["n_pool"]),
        "panel_size": int(s["panel_size"]), "equal": jsonable(s["equal"]), "min_cell": int(lot.min_cell),
        "probabilities": {k: jsonable(s[k]) for k in ("min", "q1", "median", "q3", "max", "share_below_half",
                                                       "share_zero", "min_ratio")},
        "groups": _nested(groups, ["n_pool", "mean_probability", "ratio", "hidden"]),
        "quotas": {"n_quotas": int(len(q)), "n_met": int(shown["met"].sum()), "n_status_hidden": n_hidden,
                   "all_met": None if n_hidden and len(unmet) == 0 else bool(len(unmet) == 0),
                   "unmet": _records(unmet, ["variable", "category", "min", "max", "status"])},
        "typicality": {k: jsonable(lot.typicality[k]) for k in ("distance", "percentile", "median_distance",
                                                                 "p95_distance", "n_panels")},
    }
