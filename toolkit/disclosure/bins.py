"""Answer distributions that give no count of 1..min_cell-1 away: adjacent answer categories merged.

A chart of the share of each answer per wave, with each wave's number of respondents beside it, publishes
every category's count (share times n). So the categories are merged into ranges of adjacent answers
(the same ranges in every wave shown) until each range holds nobody or at least ``min_cell_size``
answers in every wave; a wave answered by fewer than ``min_cell_size`` people is not shown. The report
also publishes each wave's mean and standard deviation of the same answers (the spread table) and the
share in the item's support range: sums over the categories that, with the ranges, could pin down how
many gave one answer inside a range. :func:`merge_answers` checks that with an integer program and merges
further while a count of 1..min_cell-1 takes one value only. Fewer than two ranges left: the
distribution is not shown (ranges nobody gave do not count).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from toolkit.disclosure.suppress import too_small

__all__ = ["merge_answers", "pinned_answers"]


def _ok(counts: np.ndarray, min_cell: int) -> bool:
    """Whether every wave's count of a range (one per wave) is 0 or at least min_cell."""
    return not too_small(pd.Series(counts), min_cell).any()


def _greedy(table: np.ndarray, min_cell: int) -> list[list[int]]:
    bins, cur = [], []
    for i in range(table.shape[0]):
        cur.append(i)
        if _ok(table[cur].sum(axis=0), min_cell):
            bins.append(cur)
            cur = []
    while cur and bins and not _ok(table[cur].sum(axis=0), min_cell):
        cur = bins.pop() + cur
    if cur:
        bins.append(cur)
    return bins


def _fold_empty(bins: list[list[int]], data: np.ndarray) -> list[list[int]]:
    """Ranges nobody gave, joined to the next range (the last to the one before): an unknown more for
    the attacker, one bar less for the reader."""
    out: list[list[int]] = []
    carry: list[int] = []
    for b in bins:
        if data[b].sum() == 0:
            carry += b
            continue
        out.append(carry + b)
        carry = []
    if carry and out:
        out[-1] = out[-1] + carry
    return out or bins


def pinned_answers(counts: np.ndarray, values: np.ndarray, bins: Sequence[Sequence[int]], min_cell: int,
                   sums: Sequence[Sequence[int]] = ()) -> list[int]:
    """Categories of one wave whose count (1..min_cell-1) takes one value only in every whole-number
    distribution that agrees with the ranges' counts, n, the sum and the sum of squares of the answers
    (mean and SD), and the counts over the categories in `sums` (e.g. the support range).

    Parameters
    ----------
    counts : array of int
        The true count per category.
    values : array of float
        The answer of each category.
    bins : sequence of sequences of int
        The ranges shown (category indices).
    min_cell : int
    sums : sequence of sequences of int
        Further sets of categories whose total is published.

    Returns
    -------
    list of int
        Indices of the categories given away.

    Examples
    --------
    Answers 1..3, counts 5, 2, 3 shown as "1" and "2-3", with the mean (2.8 / 10 ... the sum 18) known:
    2 x2 + 3 x3 = 13 and x2 + x3 = 5 leave x2 = 2 only.

    >>> pinned_answers(np.array([5, 2, 3]), np.array([1.0, 2, 3]), [[0], [1, 2]], 5)
    [1, 2]
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    counts, values = np.asarray(counts, dtype=float), np.asarray(values, dtype=float)
    k = len(counts)
    rows = [np.isin(np.arange(k), list(b)).astype(float) for b in list(bins) + list(sums)]
    rows += [values, values ** 2]
    a = np.vstack(rows)
    b = a @ counts
    lo = np.zeros(k)
    hi = np.full(k, np.inf)
    for group in bins:
        if len(group) == 1:
            lo[group[0]] = hi[group[0]] = counts[group[0]]
    out = []
    for i in range(k):
        if lo[i] == hi[i] or not too_small(counts[i], min_cell):
            continue
        ends = []
        for sign in (1, -1):
            c = np.zeros(k)
            c[i] = sign
            res = milp(c, constraints=[LinearConstraint(a, b, b)], bounds=Bounds(lo, hi), integrality=np.ones(k))
            ends.append(round(res.x[i]) if res.success else None)
        if ends[0] == ends[1]:
            out.append(i)
    return out


def merge_answers(counts: pd.DataFrame, min_cell: int | None, sums: Sequence[Sequence[float]] = ()) -> pd.DataFrame:
    """One item's answer distribution per wave, as it may be published.

    Parameters
    ----------
    counts : DataFrame
        :func:`toolkit.stats.attitudes.answers.answer_counts` of one item (wave, answer, n).
    min_cell : int or None
        The forum's ``min_cell_size``; None or 0: every category and wave as it is.
    sums : sequence of sequences of float
        Sets of answers whose total per wave is published elsewhere (the support range).

    Returns
    -------
    DataFrame
        Columns item, wave, answer_from, answer_to (the range, both ends included), n, share (of the
        wave's answers); the waves shown only. Empty when no wave may be shown or fewer than two ranges
        remain.

    Examples
    --------
    Counts 6, 2, 3, 1, 2, 8 of answers 1..6: "1", "2-3" and "4-6" would each hold 5 or more, but with
    the mean and SD known "2-3" and "4-6" give their counts away; two ranges of 11 do not:

    >>> c = pd.DataFrame({"item": "q", "wave": "t0", "answer": [1.0, 2, 3, 4, 5, 6], "n": [6, 2, 3, 1, 2, 8]})
    >>> merge_answers(c, 5)[["answer_from", "answer_to", "n", "share"]].to_dict("records")
    [{'answer_from': 1.0, 'answer_to': 3.0, 'n': 11, 'share': 0.5}, {'answer_from': 4.0, 'answer_to': 6.0, 'n': 11, 'share': 0.5}]

    Answers 1..4 counted 6, 2, 3, 7: every merge leaves a count pinned by n, mean and SD, so nothing is shown:

    >>> merge_answers(c.iloc[:4].assign(n=[6, 2, 3, 7]), 5).empty
    True
    """
    cols = ["item", "wave", "answer_from", "answer_to", "n", "share"]
    if counts is None or counts.empty:
        return pd.DataFrame(columns=cols)
    item = counts["item"].iloc[0]
    table = counts.pivot_table(index="answer", columns="wave", values="n", aggfunc="sum", sort=False)
    table = table.reindex(columns=list(dict.fromkeys(counts["wave"]))).sort_index().fillna(0)
    values = table.index.to_numpy(dtype=float)
    waves = [w for w in table.columns if not (min_cell and too_small(table[w].sum(), min_cell, figure=True))]
    if not waves:
        return pd.DataFrame(columns=cols)
    data = table[waves].to_numpy(dtype=float)
    if not min_cell:
        bins = [[i] for i in range(len(values))]
    else:
        sets = [[i for i, v in enumerate(values) if v in set(map(float, s))] for s in sums]
        bins = _greedy(data, min_cell)
        while len(bins) >= 2:
            hit = next((i for w in range(len(waves))
                        for i in pinned_answers(data[:, w], values, bins, min_cell, sets)), None)
            if hit is None:
                break
            j = next(j for j, b in enumerate(bins) if hit in b)
            left = data[bins[j - 1]].sum() if j > 0 else np.inf
            right = data[bins[j + 1]].sum() if j + 1 < len(bins) else np.inf
            k = j - 1 if left <= right else j + 1
            bins[min(j, k)] = bins[min(j, k)] + bins[max(j, k)]
            del bins[max(j, k)]
    if sum(data[b].sum() > 0 for b in bins) < 2:  # one range with anybody in it: nothing to compare
        return pd.DataFrame(columns=cols)
    bins = _fold_empty(bins, data)
    rows = []
    for w_i, w in enumerate(waves):
        total = data[:, w_i].sum()
        for b in bins:
            n = int(data[b, w_i].sum())
            rows.append({"item": item, "wave": w, "answer_from": float(values[b[0]]), "answer_to": float(values[b[-1]]),
                         "n": n, "share": n / total})
    return pd.DataFrame(rows, columns=cols)
