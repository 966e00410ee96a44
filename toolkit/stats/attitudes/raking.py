"""Raking (iterative proportional fitting) of respondents to population margins, and attitude
changes reweighted with those weights as a sensitivity check beside the unweighted ones.

No raking implementation is installed (statsmodels has none), so :func:`rake` implements the
classic algorithm of Deming and Stephan (1940): adjust the weights to each variable's margin in
turn, until every weighted margin is within `tol` of its target.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from toolkit.stats.attitudes.frames import (check_columns, check_present, check_unique, check_wave_pairs, share_in,
                                     wide_values)
from toolkit.errors import InputError, Problem

__all__ = ["rake", "kish_effective_n", "weighted_changes"]


def _margin_problems(respondents: pd.DataFrame, margins: Mapping[str, Mapping]) -> list[Problem]:
    problems = []
    for var, shares in margins.items():
        where = f"margins[{var!r}]"
        total = sum(float(s) for s in shares.values())
        if any(float(s) < 0 for s in shares.values()) or abs(total - 1) > 1e-6:
            problems.append(Problem(where, f"shares must be >= 0 and add up to 1, they add up to {total!r}",
                                    "Give shares 0-1 per category that sum to 1"))
        values = respondents[var].astype("string")
        if values.isna().any():
            problems.append(Problem(where, f"{int(values.isna().sum())} respondents have no value for {var!r}",
                                    "Fill in the category, or drop those respondents before raking"))
        counts = values.value_counts()
        extra = sorted(set(counts.index) - {str(c) for c in shares})
        if extra:
            problems.append(Problem(where, f"respondents have categories without a target share: {extra}",
                                    "Add those categories to the margin (or recode them)"))
        empty = [c for c, s in shares.items() if float(s) > 0 and counts.get(str(c), 0) == 0]
        problems += [Problem(where, f"category {c!r} has a target share of {shares[c]!r} but no respondents",
                             "Merge the category with a neighbouring one, or leave the variable out")
                     for c in empty]
    return problems


def _max_deviation(w: np.ndarray, codes: list[tuple[np.ndarray, np.ndarray]]) -> float:
    total = w.sum()
    return max(float(np.max(np.abs(np.bincount(c, weights=w, minlength=t.size) / total - t))) for c, t in codes)


def rake(respondents: pd.DataFrame, margins: Mapping[str, Mapping[str, float]], max_iter: int = 1000,
         tol: float = 1e-10) -> pd.DataFrame:
    """Raking weights that make the respondents' weighted shares match population margins.

    Parameters
    ----------
    respondents : DataFrame
        One row per respondent with ``respondent_id`` and the margin variables (categories as str).
    margins : mapping variable -> {category: share}
        Population shares (0-1, summing to 1 per variable), e.g. from the benchmark.
    max_iter : int
        Maximum number of full cycles over the variables.
    tol : float
        Convergence: largest absolute difference between a weighted share and its target.

    Returns
    -------
    DataFrame
        respondent_id, weight (mean 1 over the respondents). ``attrs["iterations"]`` holds the
        number of cycles and ``attrs["n_eff"]`` Kish's effective sample size.

    Raises
    ------
    TypeError, ValueError
        The caller's mistake: `margins` not a mapping, a margin variable not a column of
        `respondents`.
    InputError
        When shares do not sum to 1, respondents lack a value or
        have a category without a target, a category with a target has no respondents, or the
        algorithm does not converge (margins that cannot be met together).

    Examples
    --------
    >>> resp = pd.DataFrame({"respondent_id": list("abcd"), "gender": ["man", "man", "man", "vrouw"]})
    >>> w = rake(resp, {"gender": {"man": 0.5, "vrouw": 0.5}})
    >>> w["weight"].round(4).tolist()
    [0.6667, 0.6667, 0.6667, 2.0]
    """
    check_columns(respondents, ["respondent_id"], "rake")
    check_unique(respondents, ["respondent_id"], "rake")
    if not isinstance(margins, Mapping) or not margins:
        raise TypeError(f"rake: margins must be a non-empty mapping variable -> {{category: share}}, "
                        f"found {margins!r}; write e.g. {{'gender': {{'man': 0.49, 'vrouw': 0.51}}}}")
    absent = [var for var in margins if var not in respondents.columns]
    if absent:
        raise ValueError(f"rake: respondents have no column {', '.join(map(repr, absent))} for the margins")
    problems = _margin_problems(respondents, margins)
    if problems:
        raise InputError(problems)
    codes = []
    for var, shares in margins.items():
        cats = [str(c) for c in shares]
        idx = respondents[var].astype("string").map({c: i for i, c in enumerate(cats)}).to_numpy(int)
        codes.append((idx, np.array([float(shares[c]) for c in shares])))
    w = np.ones(len(respondents))
    for it in range(1, max_iter + 1):
        for idx, target in codes:
            current = np.bincount(idx, weights=w, minlength=target.size) / w.sum()
            factor = np.divide(target, current, out=np.zeros_like(target), where=current > 0)
            w = w * factor[idx]
        if _max_deviation(w, codes) < tol:
            break
    else:
        raise InputError(Problem("rake", f"raking did not converge in {max_iter} cycles (largest deviation "
                                 f"{_max_deviation(w, codes):.3g})", "The margins cannot be met together with these "
                                 "respondents: merge sparse categories or rake on fewer variables"))
    out = pd.DataFrame({"respondent_id": respondents["respondent_id"].to_numpy(), "weight": w / w.mean()})
    out.attrs.update(iterations=it, n_eff=kish_effective_n(out["weight"]))
    return out


def kish_effective_n(weights: Sequence[float]) -> float:
    """Kish's effective sample size ``(sum w)^2 / sum w^2`` (NaN when empty).

    Examples
    --------
    >>> kish_effective_n([1, 1, 1, 1]), kish_effective_n([0.5, 0.5, 0.5, 2.5])
    (4.0, 2.285...)
    """
    w = np.asarray(weights, dtype=float)
    w = w[~np.isnan(w)]
    return float(w.sum() ** 2 / (w ** 2).sum()) if w.size and (w ** 2).sum() > 0 else math.nan


def _weighted_row(rows: pd.DataFrame, w: pd.Series, item: str, pair: tuple, support: tuple | None) -> dict:
    wf, wt = pair
    wide = wide_values(rows, [wf, wt], "weighted_changes").dropna()
    diff = wide[wt] - wide[wf]
    wp = w.reindex(wide.index)
    row = {"item": item, "wave_from": wf, "wave_to": wt, "n_pairs": int(len(wide)),
           "n_eff_pairs": kish_effective_n(wp), "mean_change": float(diff.mean()) if len(diff) else math.nan,
           "mean_change_weighted": float(np.average(diff, weights=wp)) if len(diff) else math.nan}
    for label, wave in (("from", wf), ("to", wt)):
        vals = rows.loc[rows["wave"] == wave].set_index("respondent_id")["value"]
        lo_hi = support if support is not None else (math.nan, math.nan)
        row[f"support_{label}"] = share_in(vals, *lo_hi) if support else math.nan
        row[f"support_{label}_weighted"] = share_in(vals, *lo_hi, weights=w) if support else math.nan
    return row


def weighted_changes(responses: pd.DataFrame, weights: pd.DataFrame, items: Sequence[str],
                     wave_pairs: Sequence[Sequence[str]],
                     support: Mapping[str, tuple[float, float]] | None = None) -> pd.DataFrame:
    """Mean changes and support shares, unweighted and weighted side by side (sensitivity).

    Definitions as in :func:`toolkit.stats.attitudes.changes.paired_changes`: changes on complete pairs, support
    shares on each wave's own non-missing answers. Weighted versions use each respondent's weight.

    Parameters
    ----------
    responses : DataFrame
        Tidy responses of the weighted respondents (usually members).
    weights : DataFrame
        respondent_id, weight (as :func:`rake` returns).
    items : sequence of str
        Items or scales.
    wave_pairs : sequence of (str, str)
        (from, to) pairs.
    support : mapping item -> (lo, hi), optional
        Range of answers that counts as support.

    Returns
    -------
    DataFrame
        item, wave_from, wave_to, n_pairs, n_eff_pairs (Kish), mean_change, mean_change_weighted,
        support_from, support_from_weighted, support_to, support_to_weighted.

    Raises
    ------
    InputError
        When respondents in `responses` have no weight, or items or waves are missing from the data.
    TypeError, ValueError
        The caller's mistake: a frame that is not one or lacks its columns.

    Examples
    --------
    >>> r = pd.DataFrame({"respondent_id": list("abcd") * 2, "group": "member", "wave": ["t0"] * 4 + ["t1"] * 4,
    ...                   "item": "q", "value": [2.0, 3, 4, 8, 6, 5, 4, 9], "missing_code": None})
    >>> w = pd.DataFrame({"respondent_id": list("abcd"), "weight": [0.5, 0.5, 0.5, 2.5]})
    >>> weighted_changes(r, w, ["q"], [("t0", "t1")], {"q": (6, 10)})[["mean_change", "mean_change_weighted"]]
       mean_change  mean_change_weighted
    0         1.75                 1.375
    """
    check_columns(responses, ["respondent_id", "wave", "item", "value"], "weighted_changes")
    check_columns(weights, ["respondent_id", "weight"], "weighted_changes: weights")
    check_unique(weights, ["respondent_id"], "weighted_changes: weights")
    unweighted = sorted(set(responses["respondent_id"]) - set(weights["respondent_id"]))
    if unweighted:
        raise InputError(Problem("weighted_changes", f"{len(unweighted)} respondents have no weight, e.g. "
                                 f"{unweighted[:5]}", "Filter responses to the weighted respondents (e.g. members)"))
    check_present(list(items), responses["item"].unique(), "item", "weighted_changes", "Check the item ids")
    pairs = check_wave_pairs(wave_pairs, responses["wave"].unique(), "weighted_changes")
    w = weights.set_index("respondent_id")["weight"].astype(float)
    support = dict(support or {})
    rows = [_weighted_row(responses[responses["item"] == item], w, item, pair, support.get(item))
            for item in items for pair in pairs]
    return pd.DataFrame(rows)
