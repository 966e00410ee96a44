"""Goodness of fit of a forum's composition to the population, per variable.

Pearson's X^2 with its p-value from the chi-square distribution, the exact multinomial
distribution or a seeded Monte Carlo simulation, and two effect sizes: Cohen's w and the total
variation distance. Input: the output of :func:`toolkit.stats.representativeness.composition.composition`.

Plain functions: tidy frames in, tidy frames out; no file I/O, no plotting, no rounding.
Methods and references: docs/representativeness.md.
"""
from __future__ import annotations

from itertools import combinations
from math import comb
from typing import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from toolkit.stats.representativeness.composition import category_rank

__all__ = ["goodness_of_fit"]

_EPS = 64 * np.finfo(float).eps  # tolerance R's chisq.test uses when comparing statistics


def _chi2_stat(counts: np.ndarray, expected: np.ndarray, axis: int = -1) -> np.ndarray:
    return ((counts - expected) ** 2 / expected).sum(axis=axis)


def _exact_multinomial_p(observed: np.ndarray, p: np.ndarray) -> float:
    """Exact multinomial test, outcomes ordered by Pearson's X^2 (as R's EMT with useChisq)."""
    n, k = int(observed.sum()), len(observed)
    bars = np.fromiter((i for c in combinations(range(n + k - 1), k - 1) for i in c),
                       dtype=np.int64).reshape(-1, k - 1)
    edges = np.hstack([np.full((len(bars), 1), -1), bars, np.full((len(bars), 1), n + k - 1)])
    outcomes = np.diff(edges, axis=1) - 1
    expected = n * p
    extreme = _chi2_stat(outcomes, expected) >= _chi2_stat(observed, expected) * (1 - _EPS)
    return float(min(1.0, stats.multinomial.pmf(outcomes[extreme], n, p).sum()))


def _monte_carlo_p(observed: np.ndarray, p: np.ndarray, n_resamples: int, seed) -> float:
    rng = np.random.default_rng(seed)
    n = int(observed.sum())
    expected = n * p

    def rvs(size):
        return rng.multinomial(n, p, size=size[:-1])

    def statistic(counts, axis):
        return _chi2_stat(counts, expected, axis=axis)

    res = stats.monte_carlo_test(observed, rvs, statistic, vectorized=True,
                                 n_resamples=n_resamples, alternative="greater")
    return float(res.pvalue)


def _gof_one(observed: np.ndarray, pop: np.ndarray, method: str, min_expected: float,
             max_exact_outcomes: int, n_resamples: int, seed) -> dict:
    n, k = int(observed.sum()), len(observed)
    if n == 0 or k < 2:
        return {"method": "not applicable", "statistic": np.nan, "df": np.nan, "p": np.nan,
                "cohens_w": np.nan, "tvd": np.nan, "n": n, "k": k, "min_expected": np.nan}
    p = pop / pop.sum()
    expected = n * p
    chi = stats.chisquare(observed, expected)
    if method == "auto":
        if expected.min() >= min_expected:
            method = "chi2"
        elif comb(n + k - 1, k - 1) <= max_exact_outcomes:
            method = "exact"
        else:
            method = "monte_carlo"
    pvalue = {"chi2": lambda: float(chi.pvalue),
              "exact": lambda: _exact_multinomial_p(observed, p),
              "monte_carlo": lambda: _monte_carlo_p(observed, p, n_resamples, seed)}[method]()
    return {"method": method, "statistic": float(chi.statistic), "df": k - 1, "p": pvalue,
            "cohens_w": float(np.sqrt(chi.statistic / n)),
            "tvd": float(0.5 * np.abs(observed / n - p).sum()),
            "n": n, "k": k, "min_expected": float(expected.min())}


def goodness_of_fit(
    composition: pd.DataFrame,
    *,
    method: str = "auto",
    min_expected: float = 5.0,
    max_exact_outcomes: int = 1_000_000,
    n_resamples: int = 9_999,
    seed: int | None = 0,
    categories: dict[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Test per variable whether the members' counts fit the population shares.

    Pearson's X^2 is the statistic throughout. With `method` "auto" its p-value comes from the
    chi-square distribution when every expected count is at least `min_expected` (Cochran's
    rule), otherwise from the exact multinomial distribution (outcomes at least as extreme in
    X^2), or from a seeded Monte Carlo simulation when there are more than
    `max_exact_outcomes` possible outcomes (as R's ``chisq.test(simulate.p.value=TRUE)``).

    Parameters
    ----------
    composition : DataFrame
        Output of :func:`~toolkit.stats.representativeness.composition.composition`; rows without a (positive)
        population share are left out (their count is reported as ``n_excluded``); shares
        are rescaled to add to 1.
    method : {"auto", "chi2", "exact", "monte_carlo"}
    min_expected : float
    max_exact_outcomes : int
    n_resamples : int
        Monte Carlo samples.
    seed : int or None
        Seed of the Monte Carlo generator (reproducible by default).
    categories : dict, optional
        Variable -> its categories in the codebook's order. The cells are put in this order (the
        others after them, in natural order) before anything is summed or drawn, so the p-value
        depends on the counts only, not on the order of the rows of `composition`.

    Returns
    -------
    DataFrame
        One row per variable: ``variable, method, statistic`` (X^2), ``df, p, cohens_w``
        (Cohen's w = sqrt(X^2 / n)), ``tvd`` (total variation distance, 0-1), ``n, k,
        min_expected, n_excluded``.

    Raises
    ------
    ValueError
        For an unknown `method`.

    Examples
    --------
    Mendel's peas against 9:3:3:1 (R: X-squared = 0.47002, df = 3, p-value = 0.9254):

    >>> comp = pd.DataFrame({"variable": "pea", "category": list("abcd"),
    ...                      "n": [315, 108, 101, 32], "pop_share": [9/16, 3/16, 3/16, 1/16]})
    >>> goodness_of_fit(comp)[["method", "statistic", "df", "p"]]
      method  statistic  df         p
    0   chi2   0.470024   3  0.925426
    """
    if method not in ("auto", "chi2", "exact", "monte_carlo"):
        raise ValueError(f"method must be auto, chi2, exact or monte_carlo, not {method!r}")
    rows = []
    for var, part in composition.groupby("variable", sort=False):
        part = part.iloc[np.argsort(category_rank(part["category"], (categories or {}).get(var)), kind="stable")]
        known = part["pop_share"].fillna(0) > 0
        res = _gof_one(part.loc[known, "n"].to_numpy(dtype=np.int64),
                       part.loc[known, "pop_share"].to_numpy(dtype=float), method,
                       min_expected, max_exact_outcomes, n_resamples, seed)
        rows.append({"variable": var, **res, "n_excluded": int(part.loc[~known, "n"].sum())})
    return pd.DataFrame(rows, columns=["variable", "method", "statistic", "df", "p", "cohens_w",
                                       "tvd", "n", "k", "min_expected", "n_excluded"])
