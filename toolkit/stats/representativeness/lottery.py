"""Lottery audit: was the draw fair? Selection probabilities under the organiser's method (docs/lottery.md).

The organiser drew the panel from a pool of registrants with quotas per feature value, using one of
the Sortition Foundation's methods. :func:`selection_distribution` asks sortition-algorithms
(https://github.com/sortitionfoundation/sortition-algorithms) for the method's distribution over panels:
``maximin`` (the lowest selection probability as high as it can be) and ``nash`` (the product of the
probabilities as high as it can be) give panels with their probabilities; ``legacy`` (the older greedy
algorithm) gives one panel per run, so it is run ``draws`` times. From the distribution:

- :func:`member_probabilities`: each pool member's selection probability;
- :func:`probability_summary`: minimum, quartiles, maximum against the equal chance panel_size / pool_size,
  and the share of the pool below half of it;
- :func:`group_probabilities`: per feature value the mean probability against the equal chance;
- :func:`quota_satisfaction`: whether the drawn panel meets each quota;
- :func:`typicality`: how typical the drawn panel's composition is among the panels the method produces.

Plain functions: tidy frames in and out, no words, no suppression (the section does that).
"""
from __future__ import annotations

import contextlib
import logging
import os
import sys
from dataclasses import dataclass
from typing import Iterator, Sequence

import numpy as np
import pandas as pd

__all__ = ["Distribution", "LotteryError", "selection_distribution", "member_probabilities", "probability_summary",
           "group_probabilities", "quota_satisfaction", "panel_counts", "typicality", "EXACT_METHODS"]

#: Methods whose distribution over panels sortition-algorithms computes exactly (an optimisation).
EXACT_METHODS = ("maximin", "nash")


class LotteryError(ValueError):
    """The quotas, pool or panel size do not allow the method to draw a panel (the package's message)."""


@dataclass(frozen=True)
class Distribution:
    """A method's distribution over panels.

    Attributes
    ----------
    method : str
    committees : tuple of frozenset of str
        The panels (pool ids) the method produces.
    probabilities : ndarray
        Each panel's probability (sums to 1). For ``legacy``: each of the `draws` runs' panel 1/draws.
    exact : bool
        True for maximin and nash (the package's optimum); False for legacy (simulated).
    draws : int or None
        Number of legacy runs.
    """

    method: str
    committees: tuple
    probabilities: np.ndarray
    exact: bool
    draws: int | None = None


def _features(quotas: pd.DataFrame, panel_size: int):
    """The package's FeatureCollection from the quotas (an empty min is 0, an empty max the panel size)."""
    from sortition_algorithms import errors as sa_errors
    from sortition_algorithms.features import read_in_features

    body = [{"feature": str(r.variable), "value": str(r.category),
             "min": str(0 if pd.isna(r.min) else int(r.min)),
             "max": str(panel_size if pd.isna(r.max) else int(r.max))} for r in quotas.itertuples()]
    try:
        fc, _, _ = read_in_features(["feature", "value", "min", "max"], body, panel_size)
    except sa_errors.SortitionBaseError as exc:
        raise LotteryError(_message(exc)) from None
    return fc


def _people(pool: pd.DataFrame, features: Sequence[str], fc):
    from sortition_algorithms.people import People

    people = People([])
    for row, (pid, *values) in enumerate(pool[["pool_id", *features]].itertuples(index=False, name=None), start=2):
        people.add(str(pid), dict(zip(features, map(str, values))), fc, row)
    return people


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """The package's progress messages (its loggers write to stdout) and the solver's banner (printed by
    HiGHS itself, on file descriptor 1) are not the report's: both are silenced while it computes."""
    loggers = [logging.getLogger(n) for n in ("sortition_algorithms", "sortition_algorithms_user")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)  # legacy logs each attempt ("Trial number: 1") as a warning
    saved = None
    try:
        sys.stdout.flush()
        saved = os.dup(1)
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
    except (OSError, ValueError, AttributeError):  # no file descriptor 1 to silence
        saved = None
    try:
        with contextlib.redirect_stdout(open(os.devnull, "w")) as sink:
            try:
                yield
            finally:
                sink.close()
    finally:
        if saved is not None:
            os.dup2(saved, 1)
            os.close(saved)
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def _message(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def selection_distribution(pool: pd.DataFrame, quotas: pd.DataFrame, panel_size: int, method: str, *,
                           seed: int, draws: int = 200) -> Distribution:
    """The method's distribution over panels, computed by sortition-algorithms.

    Parameters
    ----------
    pool : DataFrame
        ``pool_id`` and one column per quota variable (one row per registrant).
    quotas : DataFrame
        ``variable, category, min, max`` (min or max may be missing: no bound).
    panel_size : int
    method : {"maximin", "nash", "legacy"}
    seed : int
        Seeds the package's random numbers (its multiplicative weights, the solver, legacy's choices), so
        the same inputs give the same distribution.
    draws : int
        Runs of the legacy algorithm (ignored for maximin and nash).

    Returns
    -------
    Distribution

    Raises
    ------
    LotteryError
        When the package cannot draw a panel (infeasible quotas, too few people in a category), with its message.
    ValueError
        For another method.

    Examples
    --------
    The package's own example (its tests/test_committee_generation.py, ``example1``): maximin gives
    lisa, louie, dewey and scrooge 1/3 each and marge 2/3.

    >>> pool = pd.DataFrame({"pool_id": ["lisa", "marge", "louie", "dewey", "scrooge"],
    ...                      "age": ["child", "adult", "child", "child", "adult"],
    ...                      "franchise": ["simpsons", "simpsons", "ducktales", "ducktales", "ducktales"]})
    >>> q = pd.DataFrame({"variable": ["age", "age", "franchise", "franchise"],
    ...                   "category": ["child", "adult", "simpsons", "ducktales"], "min": 1, "max": 2})
    >>> d = selection_distribution(pool, q, 2, "maximin", seed=1)
    >>> member_probabilities(pool, d)["probability"].round(4).tolist()
    [0.3333, 0.6667, 0.3333, 0.3333, 0.3333]
    """
    if method not in (*EXACT_METHODS, "legacy"):
        raise ValueError(f"unknown method {method!r}: use maximin, nash or legacy")
    from sortition_algorithms import errors as sa_errors
    from sortition_algorithms.utils import set_random_provider

    features = list(dict.fromkeys(quotas["variable"].astype(str)))
    fc = _features(quotas, panel_size)
    set_random_provider(seed)
    try:
        with _quiet():
            people = _people(pool, features, fc)
            if method == "legacy":
                from sortition_algorithms.committee_generation import find_random_sample_legacy

                committees = [find_random_sample_legacy(people, fc, panel_size, [], max_attempts=100)[0][0]
                              for _ in range(draws)]
                return Distribution(method, tuple(committees), np.full(draws, 1 / draws), exact=False, draws=draws)
            from sortition_algorithms.committee_generation import (find_distribution_maximin, find_distribution_nash,
                                                                   standardize_distribution)

            find = find_distribution_maximin if method == "maximin" else find_distribution_nash
            committees, probabilities, _ = find(fc, people, panel_size, [])
            committees, probabilities = standardize_distribution(committees, probabilities)
    except (sa_errors.SortitionBaseError, RuntimeError) as exc:
        raise LotteryError(_message(exc)) from None
    finally:
        set_random_provider(None)  # the package's default again: the secrets module
    return Distribution(method, tuple(committees), np.asarray(probabilities, dtype=float), exact=True)


def member_probabilities(pool: pd.DataFrame, dist: Distribution) -> pd.DataFrame:
    """Each pool member's selection probability: the total probability of the panels that hold them.

    For ``legacy`` (simulated), the probability is the share of the draws that held a member of the same
    combination of features, per member of it: the algorithm treats members with the same features
    alike, so this is the same probability with less simulation noise. ``frequency`` is the member's own
    share of the draws.

    Returns
    -------
    DataFrame
        The pool's columns, ``probability`` (0-1) and for legacy ``frequency``.
    """
    ids = pool["pool_id"].astype(str)
    pos = pd.Series(np.arange(len(pool)), index=ids.to_numpy())
    prob = np.zeros(len(pool))
    for committee, p in zip(dist.committees, dist.probabilities):
        prob[pos.loc[list(committee)].to_numpy()] += p
    out = pool.copy()
    if dist.exact:
        out["probability"] = prob
        return out
    features = [c for c in pool.columns if c != "pool_id"]
    out["frequency"] = prob
    out["probability"] = out.groupby(features, sort=False, dropna=False)["frequency"].transform("mean") \
        if features else prob.mean()
    return out


def probability_summary(probability: pd.Series, panel_size: int) -> dict:
    """Minimum, quartiles and maximum of the selection probabilities against the equal chance.

    Returns
    -------
    dict
        ``n_pool``, ``panel_size``, ``equal`` (panel_size / pool size), ``min``, ``q1``, ``median``,
        ``q3``, ``max``, ``share_below_half`` (share of the pool whose probability is below half the
        equal chance), ``share_zero`` (share that no panel of the method holds), ``min_ratio`` (min / equal).

    Examples
    --------
    >>> s = probability_summary(pd.Series([0.0, 0.0, .4, .4, .4, .4, .4, .4, .4, .4, .4, .4]), 4)
    >>> round(s["equal"], 4), s["min"], s["median"], round(s["share_below_half"], 4)
    (0.3333, 0.0, 0.4, 0.1667)
    """
    p = pd.Series(probability, dtype=float)
    equal = panel_size / len(p)
    q = p.quantile([0.25, 0.5, 0.75]).to_numpy()
    return {"n_pool": int(len(p)), "panel_size": int(panel_size), "equal": equal, "min": float(p.min()),
            "q1": float(q[0]), "median": float(q[1]), "q3": float(q[2]), "max": float(p.max()),
            "share_below_half": float((p < equal / 2 - 1e-9).mean()), "share_zero": float((p < 1e-9).mean()),
            "min_ratio": float(p.min() / equal)}


def panel_counts(panel: pd.DataFrame, quotas: pd.DataFrame) -> pd.Series:
    """Members of `panel` per quota category (index: variable, category), 0 where none.

    `panel` is one row per member with the feature columns, or counts per category (``variable,
    category, drawn``: member counts at the drawn stage).
    """
    idx = pd.MultiIndex.from_arrays([quotas["variable"].astype(str), quotas["category"].astype(str)],
                                    names=["variable", "category"])
    if {"variable", "category", "drawn"} <= set(panel.columns):
        counts = pd.Series(pd.to_numeric(panel["drawn"]).to_numpy(),
                           index=pd.MultiIndex.from_arrays([panel["variable"].astype(str), panel["category"].astype(str)]))
        return counts.reindex(idx, fill_value=0).fillna(0).astype(int)
    parts = []
    for var in dict.fromkeys(quotas["variable"].astype(str)):
        vc = panel[var].astype(str).value_counts() if var in panel.columns else pd.Series(dtype=int)
        parts.append(pd.Series(vc.to_numpy(), index=pd.MultiIndex.from_product([[var], vc.index])))
    counts = pd.concat(parts) if parts else pd.Series(dtype=int)
    return counts.reindex(idx, fill_value=0).astype(int)


def group_probabilities(members: pd.DataFrame, quotas: pd.DataFrame, panel: pd.DataFrame) -> pd.DataFrame:
    """Per feature value (quota category): pool members, drawn members, mean probability against the equal chance.

    Parameters
    ----------
    members : DataFrame
        :func:`member_probabilities`.
    quotas : DataFrame
        The categories, in their order.
    panel : DataFrame
        The drawn panel, with the feature columns.

    Returns
    -------
    DataFrame
        ``variable, category, n_pool, n_panel, expected_panel`` (the members the method draws from the
        group on average: the sum of its probabilities), ``mean_probability``, ``equal``,
        ``ratio`` (mean_probability / equal; NaN for an empty group).
    """
    equal = members["probability"].sum() / len(members)  # panel_size / pool size
    pool = panel_counts(members, quotas)
    drawn = panel_counts(panel, quotas)
    expected = []
    for var, cat in pool.index:
        expected.append(float(members.loc[members[var].astype(str) == cat, "probability"].sum())
                        if var in members.columns else np.nan)
    out = pd.DataFrame({"variable": pool.index.get_level_values(0), "category": pool.index.get_level_values(1),
                        "n_pool": pool.to_numpy(), "n_panel": drawn.to_numpy(), "expected_panel": expected})
    with np.errstate(invalid="ignore", divide="ignore"):
        out["mean_probability"] = np.where(out["n_pool"] > 0, out["expected_panel"] / out["n_pool"], np.nan)
    out["equal"] = equal
    out["ratio"] = out["mean_probability"] / equal
    return out


def quota_satisfaction(panel: pd.DataFrame, quotas: pd.DataFrame) -> pd.DataFrame:
    """Whether the drawn panel meets each quota.

    Returns
    -------
    DataFrame
        ``variable, category, min, max, n_panel, met`` (bool), ``status`` (``met``, ``below``, ``above``).

    Examples
    --------
    >>> q = pd.DataFrame({"variable": ["g", "g"], "category": ["m", "v"], "min": [2, 1], "max": [2, pd.NA]})
    >>> quota_satisfaction(pd.DataFrame({"g": ["m", "v", "v"]}), q)[["n_panel", "status"]].values.tolist()
    [[1, 'below'], [2, 'met']]
    """
    n = panel_counts(panel, quotas).to_numpy()
    lo = pd.to_numeric(quotas["min"], errors="coerce").to_numpy(dtype=float)
    hi = pd.to_numeric(quotas["max"], errors="coerce").to_numpy(dtype=float)
    below = ~np.isnan(lo) & (n < lo)
    above = ~np.isnan(hi) & (n > hi)
    return pd.DataFrame({"variable": quotas["variable"].astype(str).to_numpy(),
                         "category": quotas["category"].astype(str).to_numpy(),
                         "min": quotas["min"].to_numpy(), "max": quotas["max"].to_numpy(), "n_panel": n,
                         "met": ~(below | above), "status": np.where(below, "below", np.where(above, "above", "met"))})


def typicality(pool: pd.DataFrame, dist: Distribution, quotas: pd.DataFrame, panel: pd.DataFrame,
               expected: pd.Series) -> dict:
    """How typical the drawn panel's composition is among the panels the method produces.

    The distance of a panel is the sum over the quota categories of |members in the category - the
    members the method draws from it on average| (`expected`), halved: how many members would have to
    change category to reach the expected composition. The drawn panel's percentile is the probability
    that a panel of the method is closer to the expected composition, plus half the probability that
    it is as close (mid-rank): 50 means as typical as the median panel, above 95 more unusual than 95%
    of the method's panels. For maximin and nash this is exact (over the package's panels and their
    probabilities); for legacy it is over the simulated draws.

    Parameters
    ----------
    pool : DataFrame
        ``pool_id`` and the features.
    dist : Distribution
    quotas : DataFrame
    panel : DataFrame
        The drawn panel with the feature columns.
    expected : Series
        Expected members per quota category, in the quotas' order (:func:`group_probabilities`
        ``expected_panel``).

    Returns
    -------
    dict
        ``distance`` (the drawn panel's), ``percentile`` (0-100), ``median_distance`` and ``p95_distance``
        of the method's panels, ``n_panels`` (distinct panels, or draws for legacy), ``exact``.

    Examples
    --------
    Two panels of one member each from a pool of a man and a woman, the man drawn: both panels are
    1 member from the expected composition (0.5 men, 0.5 women), so the drawn one is the median.

    >>> pool = pd.DataFrame({"pool_id": ["a", "b"], "g": ["m", "v"]})
    >>> d = Distribution("nash", (frozenset("a"), frozenset("b")), np.array([.5, .5]), exact=True)
    >>> q = pd.DataFrame({"variable": ["g", "g"], "category": ["m", "v"], "min": 0, "max": 1})
    >>> typicality(pool, d, q, pool.iloc[:1], pd.Series([.5, .5]))["percentile"]
    50.0
    """
    ids = pool["pool_id"].astype(str).to_numpy()
    pos = pd.Series(np.arange(len(ids)), index=ids)
    cells = list(zip(quotas["variable"].astype(str), quotas["category"].astype(str)))
    indicator = np.column_stack([(pool[v].astype(str).to_numpy() == c) if v in pool.columns
                                 else np.zeros(len(pool), bool) for v, c in cells]).astype(float)
    exp = np.asarray(expected, dtype=float)
    dists = np.array([np.abs(indicator[pos.loc[list(c)].to_numpy()].sum(axis=0) - exp).sum() / 2
                      for c in dist.committees])
    drawn = np.abs(panel_counts(panel, quotas).to_numpy(dtype=float) - exp).sum() / 2
    w = np.asarray(dist.probabilities, dtype=float)
    tol = 1e-9
    pct = 100 * (w[dists < drawn - tol].sum() + 0.5 * w[np.abs(dists - drawn) <= tol].sum())
    order = np.argsort(dists, kind="stable")
    cum = np.cumsum(w[order])

    def quantile(q: float) -> float:
        return float(dists[order][min(np.searchsorted(cum, q - tol), len(order) - 1)])

    return {"distance": float(drawn), "percentile": float(pct), "median_distance": quantile(0.5),
            "p95_distance": quantile(0.95), "n_panels": int(len(dist.committees)), "exact": bool(dist.exact)}
