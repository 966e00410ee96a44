"""The Deliberative Reason Index (DRI): do members who agree on the reasons also agree on what to do?

Each member rates (or Q-sorts) a set of *considerations* and ranks a set of policy *options*, before
and after deliberation. For every pair of members (i, j), ``q`` is the Spearman correlation of their
consideration ratings and ``r`` that of their preference rankings; the pair is the point (q, r). A
pair on the 45° line (r = q) agrees about what to do exactly as much as it agrees about the reasons:
it is *intersubjectively consistent*. The pair's distance from the line is ``|r - q| / √2`` and its
intersubjective consistency ``IC = 1 - |r - q| / √2``.

A member's DRI is the mean distance of their pairs from the line, rescaled as the published code does
(λ = 1 - √2/2)::

    DRI_i = 2 * ((1 - mean_j |r_ij - q_ij| / √2 - λ) / (1 - λ)) - 1  =  1 - 2 * mean_j |r_ij - q_ij|

so 1 when every pair lies on the line, 0 when the pairs are on average 0.5 off it (in r - q), -1 at 1
off (e.g. full agreement on the reasons, none on the options). The group's DRI is the mean of its
members' DRIs; with every pair defined this is the same as the rescaled mean over all pairs, which
is how the published code computes it.

The change between two waves is tested with a permutation null: under "deliberation changed nothing"
each member's two waves are exchangeable, so the wave labels are swapped within member (each member
independently, with probability 1/2) and the difference of the group DRIs recomputed. The p-value is
two-sided, ``(1 + #{|null| >= |observed|}) / (1 + B)`` over B seeded random swaps of the members in
canonical (sorted) order, or exact over all 2^n swap patterns when there are no more than B of them.

References: Niemeyer, S. & Veri, F. (2022). The Deliberative Reason Index. In Ercan et al. (eds.),
Research Methods in Deliberative Democracy, Oxford University Press, ch. 7. Niemeyer, S., Veri, F.,
Dryzek, J. S. & Bächtiger, A. (2024). How deliberation happens: enabling deliberative reason. American
Political Science Review 118(1): 345-362 (online appendix: the R code; its ``dri_calc`` scaling is
reproduced in github.com/social-protocols/dri-in-polis, reference-implementation.jl).
"""
from __future__ import annotations

import itertools
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from toolkit.errors import InputError, Problem
from toolkit.stats.attitudes.frames import check_columns

__all__ = ["LAMBDA", "CONSIDERATION_COLUMNS", "PREFERENCE_COLUMNS", "PAIR_COLUMNS", "INDIVIDUAL_COLUMNS",
           "GROUP_COLUMNS", "DriChange", "dri_scale", "complete_members", "pair_points", "individual_dri",
           "group_dri", "dri_change", "waves_with_instrument"]

#: The published code's λ = 1 - √2/2: the IC of a pair 1/√2 off the line (r - q = ±1), mapped to DRI -1.
LAMBDA = 1 - np.sqrt(2) / 2
CONSIDERATION_COLUMNS = ["member_id", "wave", "item", "rating"]
PREFERENCE_COLUMNS = ["member_id", "wave", "option", "rank"]
PAIR_COLUMNS = ["wave", "member_a", "member_b", "q", "r", "ic"]
INDIVIDUAL_COLUMNS = ["wave", "member_id", "n_pairs", "dri"]
GROUP_COLUMNS = ["wave", "n", "n_pairs", "dri"]


@dataclass(frozen=True)
class DriChange:
    """The change of the group DRI between two waves among the members with both, and its permutation p."""

    wave_from: str
    wave_to: str
    n: int                # members with the complete instrument in both waves
    dri_from: float
    dri_to: float
    difference: float     # dri_to - dri_from
    p: float              # two-sided permutation p (NaN with fewer than 2 members)
    n_permutations: int   # swap patterns evaluated (all 2^n when method is "exact")
    method: str           # "exact" or "monte_carlo"
    seed: int


def dri_scale(mean_abs_diff):
    """DRI from the mean of ``|r - q|`` over pairs, as the published code scales it.

    Examples
    --------
    >>> float(dri_scale(0.0)), float(dri_scale(0.5)), float(dri_scale(1.0))
    (1.0, 0.0, -1.0)
    """
    d = np.asarray(mean_abs_diff, dtype=float) / np.sqrt(2)
    return 2 * (((1 - d) - LAMBDA) / (1 - LAMBDA)) - 1


def _wide(df: pd.DataFrame, key: str, value: str, name: str) -> dict[str, pd.DataFrame]:
    """Per wave: members x keys (canonically sorted), values as float."""
    out = {}
    for wave, part in df.groupby("wave", sort=True):
        dup = part.duplicated(["member_id", key], keep=False)
        if dup.any():
            r = part[dup].iloc[0]
            raise InputError(Problem(name, f"member {r['member_id']!r} has more than one {value} for {key} "
                                     f"{r[key]!r} in wave {wave!r}", "Give one row per member, wave and " + key,
                                     value=r[value]))
        w = part.pivot(index="member_id", columns=key, values=value).astype(float)
        out[str(wave)] = w.sort_index().reindex(sorted(w.columns), axis=1)
    return out


def complete_members(considerations: pd.DataFrame, preferences: pd.DataFrame) -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    """Per wave, the members who rated every consideration and ranked every option of that wave.

    Returns
    -------
    dict
        wave -> (considerations, preferences): members x items and members x options (rows sorted by
        member_id, columns by name), only members with no missing value in either.
    """
    check_columns(considerations, CONSIDERATION_COLUMNS, "complete_members")
    check_columns(preferences, PREFERENCE_COLUMNS, "complete_members")
    c = _wide(considerations, "item", "rating", "considerations")
    p = _wide(preferences, "option", "rank", "preferences")
    out = {}
    for wave in sorted(set(c) & set(p)):
        cw, pw = c[wave].dropna(how="any"), p[wave].dropna(how="any")
        ids = cw.index.intersection(pw.index).sort_values()
        out[wave] = (cw.loc[ids], pw.loc[ids])
    return out


def _standardized_ranks(x: np.ndarray) -> np.ndarray:
    """Rows -> average ranks (ties share their mean rank), centred and scaled to unit length; a row
    without variation (every rating the same) becomes NaN, so that its correlations are undefined."""
    ranks = pd.DataFrame(x).rank(axis=1, method="average").to_numpy(float, copy=True)
    ranks -= ranks.mean(axis=1, keepdims=True)
    norm = np.sqrt((ranks ** 2).sum(axis=1, keepdims=True))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(norm > 0, ranks / np.where(norm > 0, norm, 1), np.nan)


def _spearman_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Spearman correlation of every row of `a` with every row of `b` (Pearson of the average ranks)."""
    return np.clip(_standardized_ranks(a) @ _standardized_ranks(b).T, -1.0, 1.0)


def pair_points(considerations: pd.DataFrame, preferences: pd.DataFrame) -> pd.DataFrame:
    """Every pair of members per wave as a point (q, r), with its intersubjective consistency.

    Parameters
    ----------
    considerations : DataFrame
        One row per member x wave x consideration: ``member_id``, ``wave``, ``item``, ``rating``
        (a rating or a Q-sort position; NaN when not given).
    preferences : DataFrame
        One row per member x wave x option: ``member_id``, ``wave``, ``option``, ``rank`` (1 = most
        preferred; NaN when not given).

    Returns
    -------
    DataFrame
        :data:`PAIR_COLUMNS`: ``wave``, ``member_a`` < ``member_b``, ``q`` (Spearman of their
        ratings), ``r`` (Spearman of their rankings), ``ic`` = 1 - |r - q| / √2. Only members with
        the complete instrument in the wave; q (and ic) NaN for a member who gave every
        consideration the same rating.

    Examples
    --------
    >>> c = pd.DataFrame({"member_id": list("AAAABBBBCCCC"), "wave": "t0", "item": list("wxyz") * 3,
    ...                   "rating": [1, 2, 3, 4, 1, 2, 3, 4, 4, 3, 2, 1]})
    >>> p = pd.DataFrame({"member_id": list("AAABBBCCC"), "wave": "t0", "option": list("xyz") * 3,
    ...                   "rank": [1, 2, 3, 1, 3, 2, 3, 2, 1]})
    >>> pair_points(c, p).round(3)
      wave member_a member_b    q    r     ic
    0   t0        A        B  1.0  0.5  0.646
    1   t0        A        C -1.0 -1.0  1.000
    2   t0        B        C -1.0 -0.5  0.646
    """
    rows = []
    for wave, (cw, pw) in complete_members(considerations, preferences).items():
        ids = list(cw.index)
        if len(ids) < 2:
            continue
        q, r = _spearman_matrix(cw.to_numpy(), cw.to_numpy()), _spearman_matrix(pw.to_numpy(), pw.to_numpy())
        i, j = np.triu_indices(len(ids), k=1)
        rows.append(pd.DataFrame({"wave": wave, "member_a": np.array(ids, dtype=object)[i],
                                  "member_b": np.array(ids, dtype=object)[j], "q": q[i, j], "r": r[i, j]}))
    out = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=PAIR_COLUMNS[:-1])
    out["ic"] = 1 - (out["r"] - out["q"]).abs() / np.sqrt(2)
    return out[PAIR_COLUMNS]


def individual_dri(pairs: pd.DataFrame) -> pd.DataFrame:
    """Each member's DRI per wave from their pairs (:func:`pair_points`).

    Returns
    -------
    DataFrame
        :data:`INDIVIDUAL_COLUMNS`: ``wave``, ``member_id``, ``n_pairs`` (pairs with q and r
        defined), ``dri`` (:func:`dri_scale` of the mean |r - q| over them; NaN without any).

    Examples
    --------
    >>> pairs = pd.DataFrame({"wave": "t0", "member_a": ["A", "A", "B"], "member_b": ["B", "C", "C"],
    ...                       "q": [1.0, -1.0, -1.0], "r": [0.5, -1.0, -0.5], "ic": 0.0})
    >>> individual_dri(pairs)
      wave member_id  n_pairs  dri
    0   t0         A        2  0.5
    1   t0         B        2  0.0
    2   t0         C        2  0.5
    """
    check_columns(pairs, ["wave", "member_a", "member_b", "q", "r"], "individual_dri")
    d = (pairs["r"] - pairs["q"]).abs()
    both = pd.concat([pd.DataFrame({"wave": pairs["wave"], "member_id": pairs[m], "d": d})
                      for m in ("member_a", "member_b")], ignore_index=True)
    out = both.groupby(["wave", "member_id"], sort=True)["d"].agg(n_pairs="count", mean_d="mean").reset_index()
    out["dri"] = dri_scale(out["mean_d"].to_numpy())
    return out[INDIVIDUAL_COLUMNS]


def group_dri(pairs: pd.DataFrame) -> pd.DataFrame:
    """The group's DRI per wave: the mean of its members' DRIs.

    Returns
    -------
    DataFrame
        :data:`GROUP_COLUMNS`: ``wave``, ``n`` (members with a DRI), ``n_pairs`` (pairs with q and r
        defined), ``dri``.

    Examples
    --------
    >>> pairs = pd.DataFrame({"wave": "t0", "member_a": ["A", "A", "B"], "member_b": ["B", "C", "C"],
    ...                       "q": [1.0, -1.0, -1.0], "r": [0.5, -1.0, -0.5], "ic": 0.0})
    >>> group_dri(pairs).round(4)
      wave  n  n_pairs     dri
    0   t0  3        3  0.3333
    """
    ind = individual_dri(pairs).dropna(subset=["dri"])
    n_pairs = pairs.dropna(subset=["q", "r"]).groupby("wave", sort=True).size()
    out = ind.groupby("wave", sort=True)["dri"].agg(n="count", dri="mean").reset_index()
    out["n_pairs"] = out["wave"].map(n_pairs).fillna(0).astype(int)
    return out[GROUP_COLUMNS]


def _group_from_d(d: np.ndarray) -> np.ndarray:
    """Group DRI from |r - q| matrices (..., n, n) with NaN on the diagonal: mean of individual DRIs."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a member or wave without any defined pair: NaN
        return np.nanmean(dri_scale(np.nanmean(d, axis=-1)), axis=-1)


def dri_change(considerations: pd.DataFrame, preferences: pd.DataFrame, wave_from: str, wave_to: str, *,
               n_permutations: int = 9999, seed: int = 20250111) -> DriChange:
    """The change of the group DRI from `wave_from` to `wave_to` with a permutation p-value.

    Only members with the complete instrument in both waves count (the panel), so both DRIs are of
    the same people. Under the null, each member's two waves are exchangeable: the labels are swapped
    within member and the difference recomputed (see the module docstring).

    Parameters
    ----------
    considerations, preferences : DataFrame
        As for :func:`pair_points`.
    wave_from, wave_to : str
        The waves compared.
    n_permutations : int
        Random swap patterns B; when 2^n <= B every pattern is evaluated instead (exact).
    seed : int
        Seed of the random patterns (members in sorted order, so the same data give the same p).

    Returns
    -------
    DriChange

    Raises
    ------
    InputError
        When fewer than 2 members have the complete instrument in both waves.

    Examples
    --------
    >>> c = pd.DataFrame({"member_id": list("AAABBBCCC") * 2, "wave": ["t0"] * 9 + ["t1"] * 9,
    ...                   "item": list("xyz") * 6, "rating": [1, 2, 3, 3, 2, 1, 1, 3, 2] * 2})
    >>> p = c.rename(columns={"item": "option", "rating": "rank"}).assign(
    ...     rank=[3, 2, 1, 1, 2, 3, 2, 1, 3] + [1, 2, 3, 3, 2, 1, 1, 3, 2])
    >>> ch = dri_change(c, p, "t0", "t1")
    >>> ch.n, round(ch.dri_from, 3), round(ch.dri_to, 3), ch.method, ch.n_permutations, round(ch.p, 3)
    (3, -0.333, 1.0, 'exact', 8, 0.5)
    """
    if n_permutations < 1:
        raise ValueError(f"dri_change: n_permutations must be at least 1, found {n_permutations}")
    waves = complete_members(considerations, preferences)
    absent = [w for w in (wave_from, wave_to) if w not in waves]
    if absent:
        raise InputError([Problem("dri_change", f"no member has the complete DRI instrument in wave {w!r}",
                                  "Check the waves of the considerations and preferences", value=w) for w in absent])
    (c0, p0), (c1, p1) = waves[wave_from], waves[wave_to]
    ids = c0.index.intersection(c1.index).sort_values()
    n = len(ids)
    if n < 2:
        raise InputError(Problem("dri_change", f"{n} member(s) with the complete DRI instrument in both "
                                 f"{wave_from!r} and {wave_to!r}; a DRI needs at least 2",
                                 "The change can only be estimated with two or more members in both waves", value=n))
    c = [c0.loc[ids].to_numpy(), c1.loc[ids].to_numpy()]
    p = [p0.loc[ids].to_numpy(), p1.loc[ids].to_numpy()]
    # |r - q| of member i in wave a with member j in wave b, for a, b in {0, 1}: shape (2, 2, n, n)
    d = np.empty((2, 2, n, n))
    for a, b in itertools.product((0, 1), repeat=2):
        d[a, b] = np.abs(_spearman_matrix(p[a], p[b]) - _spearman_matrix(c[a], c[b]))
    d[:, :, np.arange(n), np.arange(n)] = np.nan
    rows, cols = np.arange(n)[:, None], np.arange(n)[None, :]

    def difference(swaps: np.ndarray) -> np.ndarray:
        """Group DRI difference for swap patterns (k, n) of 0 (kept) and 1 (swapped)."""
        s = swaps[:, :, None], swaps[:, None, :]
        before = d[s[0], s[1], rows, cols]
        after = d[1 - s[0], 1 - s[1], rows, cols]
        return _group_from_d(after) - _group_from_d(before)

    dri_from, dri_to = float(_group_from_d(d[0, 0])), float(_group_from_d(d[1, 1]))
    observed = dri_to - dri_from
    if 2 ** n <= n_permutations:
        swaps = np.array(list(itertools.product((0, 1), repeat=n)), dtype=int)
        null = np.concatenate([difference(chunk) for chunk in np.array_split(swaps, max(1, len(swaps) // 2000))])
        pval, count, method = float(np.mean(np.abs(null) >= abs(observed) - 1e-12)), len(swaps), "exact"
    else:
        rng = np.random.default_rng(seed)
        swaps = rng.integers(0, 2, size=(n_permutations, n))
        null = np.concatenate([difference(chunk) for chunk in np.array_split(swaps, max(1, n_permutations // 2000))])
        pval = float((1 + np.sum(np.abs(null) >= abs(observed) - 1e-12)) / (1 + n_permutations))
        count, method = n_permutations, "monte_carlo"
    return DriChange(wave_from=str(wave_from), wave_to=str(wave_to), n=int(n), dri_from=dri_from, dri_to=dri_to,
                     difference=observed, p=pval, n_permutations=int(count), method=method, seed=int(seed))


def waves_with_instrument(considerations: pd.DataFrame, preferences: pd.DataFrame,
                          waves: Sequence[str]) -> list[str]:
    """The waves of `waves` (in that order) in which at least two members have the complete instrument."""
    found = complete_members(considerations, preferences)
    return [w for w in waves if w in found and len(found[w][0]) >= 2]
