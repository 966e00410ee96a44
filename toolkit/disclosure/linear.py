"""Complementary suppression against an attacker who knows linear facts about a table's counts.

:func:`toolkit.disclosure.suppress.complementary_suppression` knows per column a total. Some tables tell
more: who answered which waves (each wave's number of respondents is published in other tables: the
counts of a pattern table add up per wave), and the drop-out table, whose started minus completed per
category is a count of people too (those who dropped out). :func:`protect` takes the facts as equations
(``a_eq @ x == a_eq @ counts``) and inequalities (``a_ub @ x <= 0``) and the counts to protect as
*targets*: a cell, or a linear combination of cells (dropped = started - completed). While a target with
a value of 1..min_cell-1 takes one value only in every table of whole numbers that agrees with what is
published (shown counts fixed, a count shown as ``"<n"`` in 1..n-1, one hidden as well at least n), the
smallest shown count whose hiding gives it a second value is hidden too (the smallest one when no single
count does).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["protect", "value_range", "exposed"]


def value_range(target: np.ndarray, counts: np.ndarray, hidden: np.ndarray, min_cell: int,
                a_eq: np.ndarray | None = None, a_ub: np.ndarray | None = None) -> tuple[float, float]:
    """The smallest and largest value of ``target @ x`` over the whole-number tables `x` the attacker allows.

    Parameters
    ----------
    target : array
        Coefficients over the cells.
    counts : array of int
        The true counts (shown ones are fixed to them; the right-hand sides come from them).
    hidden : array of bool
        Cells not shown: small ones (1..min_cell-1) are bounded to that range, others to >= min_cell.
    min_cell : int
    a_eq, a_ub : array, optional
        Known equations ``a_eq @ x = a_eq @ counts`` and inequalities ``a_ub @ x <= 0``.

    Returns
    -------
    (float, float)

    Examples
    --------
    Three categories adding up to 30, the last (4) hidden: 30 - 12 - 14; with the first (12) hidden too,
    it can be 1..4:

    >>> c = np.array([12, 14, 4])
    >>> value_range(np.array([0, 0, 1]), c, np.array([False, False, True]), 5, np.ones((1, 3)))
    (4.0, 4.0)
    >>> value_range(np.array([0, 0, 1]), c, np.array([True, False, True]), 5, np.ones((1, 3)))
    (1.0, 4.0)
    """
    from scipy.optimize import linprog

    counts = np.asarray(counts, dtype=float)
    small = (counts > 0) & (counts < min_cell)
    bounds = [((1, min_cell - 1) if s else (min_cell, None)) if h else (v, v)
              for v, s, h in zip(counts, small, hidden)]
    ends = []
    for sign in (1, -1):
        sol = linprog(sign * np.asarray(target, dtype=float),
                      A_ub=a_ub, b_ub=None if a_ub is None else np.zeros(len(a_ub)),
                      A_eq=a_eq, b_eq=None if a_eq is None else a_eq @ counts, bounds=bounds,
                      integrality=np.ones(len(counts)), method="highs")
        ends.append(float(round(sol.fun * sign)) if sol.success else float("nan"))
    return ends[0], ends[1]


def protect(counts: np.ndarray, min_cell: int | None, *, a_eq: np.ndarray | None = None,
            a_ub: np.ndarray | None = None, targets: Sequence[np.ndarray] = (),
            start: np.ndarray | None = None, cost: np.ndarray | None = None) -> np.ndarray:
    """Which shown counts to hide as well, so that no cell and no target of 1..min_cell-1 can be worked out.

    Parameters
    ----------
    counts : array of int
        The cells' counts (a count of 0 is never hidden: it reveals nobody).
    min_cell : int or None
        None or 0: nothing is hidden.
    a_eq, a_ub : array, optional
        What the attacker knows (see :func:`value_range`).
    targets : sequence of array
        Further counts of people, as coefficients over the cells (e.g. started - completed); each cell
        with 1..min_cell-1 is a target anyway.
    start : array of bool, optional
        Cells hidden already (e.g. by another table that publishes the same count).
    cost : array, optional
        Which cells to hide first: lower cost first, then the smaller count (default: the smaller count).

    Returns
    -------
    array of bool
        Cells at or above `min_cell` to hide (with those of `start`); the small ones are hidden anyway.

    Examples
    --------
    Started and completed per category (totals 30 and 27 published, completed <= started): nothing is
    small, but 2 of 16 men and 1 of 14 women dropped out. With two categories a hidden count follows from
    the total, so both completed counts are hidden; each drop-out count can then be 0..3:

    >>> s, c = [16, 14], [14, 13]
    >>> counts = np.array(s + c)
    >>> a_eq = np.array([[1, 1, 0, 0], [0, 0, 1, 1]])
    >>> a_ub = np.array([[-1, 0, 1, 0], [0, -1, 0, 1]])
    >>> protect(counts, 5, a_eq=a_eq, a_ub=a_ub, targets=[np.array([1, 0, -1, 0]), np.array([0, 1, 0, -1])]).tolist()
    [False, False, True, True]
    """
    counts = np.asarray(counts, dtype=float)
    n = len(counts)
    small = (counts > 0) & (counts < min_cell) if min_cell else np.zeros(n, dtype=bool)
    linked = np.zeros(n, dtype=bool) if start is None else np.asarray(start, dtype=bool) & ~small & (counts > 0)
    if not min_cell or n == 0:
        return linked
    goals = [np.eye(n)[i] for i in np.flatnonzero(small)]
    goals += [np.asarray(t, dtype=float) for t in targets if 0 < float(np.asarray(t) @ counts) < min_cell]
    if not goals:
        return linked

    order = np.lexsort((counts, np.zeros(n) if cost is None else np.asarray(cost, dtype=float)))

    def pinned(hide, goal):
        lo, hi = value_range(goal, counts, hide, min_cell, a_eq, a_ub)
        return lo == hi
    while True:
        hide = small | linked
        exposed = [g for g in goals if pinned(hide, g)]
        free = [i for i in order if counts[i] > 0 and not hide[i]]
        if not exposed or not free:
            return linked
        helps = [i for i in free if not pinned(hide | (np.arange(n) == i), exposed[0])]
        linked[(helps or free)[0]] = True


def exposed(counts: np.ndarray, hidden: np.ndarray, min_cell: int | None, *, a_eq: np.ndarray | None = None,
            a_ub: np.ndarray | None = None, targets: Sequence[np.ndarray] = ()) -> bool:
    """Whether some cell or target of 1..min_cell-1 still takes one value only with `hidden` not shown
    (when :func:`protect` ran out of counts to hide: the equations alone give it away).

    Examples
    --------
    Patterns of waves answered (all, first two, first and third, first only: 8, 2, 1, 1) with 12
    members, 10 in the second wave and 9 in the third: even with every count hidden, 8 is the only
    value that leaves each small one at least 1:

    >>> a_eq = np.array([[1, 1, 1, 1], [1, 1, 0, 0], [1, 0, 1, 0]])
    >>> exposed(np.array([8, 2, 1, 1]), np.ones(4, dtype=bool), 5, a_eq=a_eq)
    True
    """
    counts = np.asarray(counts, dtype=float)
    if not min_cell:
        return False
    hidden = np.asarray(hidden, dtype=bool)
    n = len(counts)
    goals = [np.eye(n)[i] for i in np.flatnonzero((counts > 0) & (counts < min_cell))]
    goals += [np.asarray(t, dtype=float) for t in targets if 0 < float(np.asarray(t) @ counts) < min_cell]
    for g in goals:
        lo, hi = value_range(g, counts, hidden, min_cell, a_eq, a_ub)
        if lo == hi:
            return True
    return False
