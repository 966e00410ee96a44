"""Attitudes at the start: the members' answers against a reference survey of the population.

Plain functions: tidy frames and column names in, tidy frames out. No file I/O, no plotting, no
rounding (round only when rendering). Methods and references: docs/representativeness.md.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import proportions_ztest

from toolkit.stats.representativeness.composition import wilson_interval

__all__ = ["attitudinal"]

_RANGE = r"^(-?\d+(?:\.\d+)?)\s*(?:-|\.\.)\s*(-?\d+(?:\.\d+)?)$"


def _holds(values: pd.Series, codes) -> pd.Series:
    """Which answers hold the opinion: codes like "4|5", a range "6-10", or labels "eens|zeer eens"."""
    wanted = [c.strip() for c in str(codes).split("|") if c.strip()]
    ranges = pd.Series(wanted, dtype="str").str.extract(_RANGE).astype(float)
    numeric = pd.to_numeric(pd.Series(wanted), errors="coerce")
    if (numeric.notna() | ranges[0].notna()).all():
        x = pd.to_numeric(values, errors="coerce")
        hit = x.isin(numeric.dropna().tolist())
        for lo, hi in ranges.dropna().itertuples(index=False):
            hit |= x.between(lo, hi)
        return hit
    return values.astype(str).isin(wanted)


def attitudinal(
    answers: pd.DataFrame,
    reference: pd.DataFrame,
    *,
    alpha: float = 0.05,
    item_col: str = "item",
    value_col: str = "value",
) -> pd.DataFrame:
    """Members' baseline opinions against a reference survey.

    Parameters
    ----------
    answers : DataFrame
        Members' baseline answers, one row per member x item (``item``, ``value``; NaN = no
        answer). Filter to members and the baseline wave first.
    reference : DataFrame
        ``item, category, share`` and optionally ``n`` (survey sample size) and ``codes``
        (answer values that count as holding the opinion, separated by "|", or a range such
        as "6-10"; default: the value equals ``category``).
    alpha : float
    item_col, value_col : str

    Returns
    -------
    DataFrame
        One row per reference row: ``item, category, n, n_total, share, ci_low, ci_high,
        ref_share, ref_n, ref_ci_low, ref_ci_high, diff_pp, test, statistic, p``. The test is
        the exact binomial test against ``ref_share`` when the survey's ``n`` is unknown, else
        the two-sample z-test for proportions (as R ``prop.test(correct=FALSE)``, statistic z).

    Raises
    ------
    KeyError
        When `answers` lacks `item_col`/`value_col` or `reference` lacks ``item, category, share``.

    Examples
    --------
    >>> ans = pd.DataFrame({"item": "climate", "value": [5, 4, 2, 5, 1, 4, 4, 3, 5, 2]})
    >>> ref = pd.DataFrame({"item": ["climate"], "category": ["concerned"], "share": [0.5],
    ...                     "codes": ["4|5"]})
    >>> attitudinal(ans, ref)[["n", "n_total", "share", "test", "p"]]
       n  n_total  share      test         p
    0  6       10    0.6  binomial  0.753906
    """
    rows = []
    for rec in reference.to_dict("records"):
        values = answers.loc[answers[item_col].astype(str) == str(rec["item"]), value_col].dropna()
        codes = rec.get("codes")
        hit = _holds(values, codes if isinstance(codes, str) and codes.strip() else rec["category"])
        n, n_total = int(hit.sum()), int(len(values))
        ref_n = rec.get("n")
        ref_n = None if ref_n is None or pd.isna(ref_n) else int(ref_n)
        test, stat, p = _attitude_test(n, n_total, float(rec["share"]), ref_n)
        rows.append({"item": rec["item"], "category": rec["category"], "n": n, "n_total": n_total,
                     "ref_share": float(rec["share"]), "ref_n": ref_n, "test": test,
                     "statistic": stat, "p": p})
    t = pd.DataFrame(rows, columns=["item", "category", "n", "n_total", "ref_share", "ref_n",
                                    "test", "statistic", "p"])
    t["share"] = t["n"] / t["n_total"].where(t["n_total"] > 0)
    t["ci_low"], t["ci_high"] = wilson_interval(t["n"], t["n_total"], alpha)
    ref_n = t["ref_n"].astype(float).fillna(0)
    t["ref_ci_low"], t["ref_ci_high"] = wilson_interval(t["ref_share"] * ref_n, ref_n, alpha)
    t["diff_pp"] = (t["share"] - t["ref_share"]) * 100
    return t[["item", "category", "n", "n_total", "share", "ci_low", "ci_high", "ref_share",
              "ref_n", "ref_ci_low", "ref_ci_high", "diff_pp", "test", "statistic", "p"]]


def _attitude_test(k: int, n: int, ref_share: float, ref_n: int | None) -> tuple[str, float, float]:
    if n == 0:
        return "not applicable", np.nan, np.nan
    if ref_n:
        ref_k = int(round(ref_share * ref_n))
        z, p = proportions_ztest(np.array([k, ref_k]), np.array([n, ref_n]))
        return "two_proportion_z", float(z), float(p)
    return "binomial", k / n, float(stats.binomtest(k, n, ref_share).pvalue)
