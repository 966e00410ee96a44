"""Small-cell suppression: no published cell describes fewer people than the forum's minimum, and none can be
worked out from the other published numbers (:func:`complementary_suppression`)."""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["suppress_small", "suppress_with_total", "suppressed_values", "complementary_suppression", "recoverable",
           "SUPPRESSED", "too_small"]

SUPPRESSED = "<{n}"


def too_small(n, min_cell: int | None, *, figure: bool = False):
    """Whether `n` people are too few to publish: the one small-cell test outside this package.

    Parameters
    ----------
    n : int, float, array-like or Series
        Counts of people (NaN: nothing to publish, never too small).
    min_cell : int or None
        Smallest number of people that may be published (``min_cell_size``), passed explicitly;
        None: no threshold (nothing is too small).
    figure : bool
        False: `n` is a published count; 0 < n < `min_cell` is too small (a count of 0 reveals
        nobody). True: `n` is how many people a figure (a share, a mean, a list of answers) is
        made from; n < `min_cell` is too small, 0 included (there is no figure to publish).

    Returns
    -------
    bool, or a boolean array / Series shaped like `n`

    Examples
    --------
    >>> too_small(3, 5), too_small(0, 5), too_small(0, 5, figure=True), too_small(3, None)
    (True, False, True, False)
    >>> too_small(pd.Series([0, 3, 5, None]), 5).tolist()
    [False, True, False, False]
    """
    scalar = np.ndim(n) == 0
    values = pd.to_numeric(pd.Series([n] if scalar else n), errors="coerce")
    if min_cell is None:
        small = pd.Series(False, index=values.index)
    else:
        small = values.notna() & (values < min_cell) & ((values >= 0) if figure else (values > 0))
    if scalar:
        return bool(small.iloc[0])
    if isinstance(n, pd.Series):
        return small.set_axis(n.index)
    return small.to_numpy()


def suppress_small(table: pd.DataFrame, count_columns: list[str], min_cell: int,
                   linked_columns: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """Replace counts below `min_cell` (and the figures derived from them) by ``"<min_cell"``.

    A count of 0 is not suppressed: it reveals nobody. Figures computed from a suppressed count
    (shares, means) are blanked too when named in `linked_columns`.

    Parameters
    ----------
    table : DataFrame
    count_columns : list of str
        Columns holding counts of people.
    min_cell : int
        Smallest count that may be published (forum.yml ``min_cell_size``, default 5).
    linked_columns : dict, optional
        Count column -> columns to blank when that count is suppressed.

    Returns
    -------
    DataFrame
        A copy, with object dtype in the touched columns.

    Examples
    --------
    >>> df = pd.DataFrame({"category": ["a", "b", "c"], "n": [12, 3, 0], "share": [0.8, 0.2, 0.0]})
    >>> suppress_small(df, ["n"], 5, {"n": ["share"]})
      category   n share
    0        a  12   0.8
    1        b  <5   NaN
    2        c   0   0.0
    """
    out = table.copy()
    linked_columns = linked_columns or {}
    for col in count_columns:
        if col not in out.columns:
            continue
        small = out[col].notna() & (out[col] > 0) & (out[col] < min_cell)
        if small.any():
            out[col] = out[col].astype(object)
            out.loc[small, col] = SUPPRESSED.format(n=min_cell)
            for linked in linked_columns.get(col, []):
                if linked in out.columns:
                    out[linked] = out[linked].astype(object)
                    out.loc[small, linked] = float("nan")
    return out


# ----------------------------------------------------------------------------- secondary suppression
def suppress_with_total(df: pd.DataFrame | None, by: str, count: str, linked: list[str], min_cell: int,
                          display: bool = True) -> pd.DataFrame | None:
    """Small-cell suppression for tables whose totals per `by` are published elsewhere (group sizes):
    where a `by` group has exactly one suppressed cell, the next smallest cell is blanked too, so the
    suppressed one cannot be recovered by subtraction. `display`: "<min_cell" / "–" markers
    (:func:`suppress_small`); otherwise None for results.json."""
    if df is None:
        return None
    small = df[count].notna() & (df[count] > 0) & (df[count] < min_cell)
    extra = pd.Series(False, index=df.index)
    for _, idx in df.groupby(by, sort=False).groups.items():
        if small[idx].sum() == 1:
            rest = df.loc[idx][~small[idx] & (df.loc[idx, count] > 0)]
            if not rest.empty:
                extra[rest[count].idxmin()] = True
    out = suppress_small(df, [count], min_cell, {count: linked}) if display else suppressed_values(df, {count: linked}, min_cell)
    out[count] = out[count].astype(object)
    for c in [count] + linked:
        if c in out.columns:
            out[c] = out[c].astype(object)
            out.loc[extra, c] = "–" if (display and c == count) else None
    return out


def suppressed_values(df: pd.DataFrame | None, counts: dict[str, list[str]], min_cell: int) -> pd.DataFrame | None:
    """Counts in 1..min_cell-1 (and the figures computed from them) as missing, for results.json."""
    if df is None:
        return None
    out = df.copy()
    for col, linked in counts.items():
        if col in out.columns:
            small = out[col].notna() & (out[col] > 0) & (out[col] < min_cell)
            out[col] = out[col].astype(object)
            for c in [col] + linked:
                if c in out.columns:
                    out[c] = out[c].astype(object)
                    out.loc[small, c] = None
    return out


def _fixed(table: pd.DataFrame, cols: list[str]) -> np.ndarray:
    """The counts of `cols` as whole numbers, column after column (a missing count is taken as known: 0)."""
    values = table[cols].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    return np.nan_to_num(values).astype(int).T.ravel()


def _extra(frame: pd.DataFrame | None, index, cols: list[str], fill: float) -> np.ndarray:
    if frame is None:
        return np.full(len(index) * len(cols), fill)
    part = frame.reindex(index=index, columns=cols).to_numpy(dtype=float)
    return np.where(np.isnan(part), fill, part).T.ravel()


class _Block:
    """One group's counts as the attacker sees them: unknowns are the hidden counts, shown counts are fixed,
    per column the total is known, optional order between columns and bounds per cell."""

    def __init__(self, counts, k, m, min_cell, ordered, lower, upper):
        self.counts, self.k, self.m, self.min_cell = counts, k, m, min_cell
        self.lower, self.upper = lower, upper
        self.small = (counts > 0) & (counts < min_cell)
        a_eq = np.zeros((m, k * m))
        for j in range(m):
            a_eq[j, j * k:(j + 1) * k] = 1
        self.a_eq, self.b_eq = a_eq, [counts[j * k:(j + 1) * k].sum() for j in range(m)]
        rows = []
        for j in range(1, m if ordered else 1):
            prev, cur = counts[(j - 1) * k:j * k], counts[j * k:(j + 1) * k]
            for i in np.flatnonzero(cur <= prev):  # later column <= earlier one, where it holds
                row = np.zeros(k * m)
                row[j * k + i], row[(j - 1) * k + i] = 1, -1
                rows.append(row)
        self.a_ub = np.array(rows) if rows else None

    def pinned(self, linked: np.ndarray, i: int) -> bool:
        """Whether hidden count `i` takes a single value in every table that agrees with what is shown."""
        from scipy.optimize import linprog

        bounds = []
        for v, s, h, lo, hi in zip(self.counts, self.small, self.small | linked, self.lower, self.upper):
            if s:
                bounds.append((max(1, lo), min(self.min_cell - 1, hi)))
            elif h:
                bounds.append((max(self.min_cell, lo), None if np.isinf(hi) else hi))
            else:
                bounds.append((v, v))
        ends = []
        for sign in (1, -1):
            c = np.zeros(len(self.counts))
            c[i] = sign
            sol = linprog(c, A_ub=self.a_ub, b_ub=None if self.a_ub is None else np.zeros(len(self.a_ub)),
                          A_eq=self.a_eq, b_eq=self.b_eq, bounds=bounds, integrality=np.ones(len(self.counts)),
                          method="highs")
            ends.append(round(sol.x[i]) if sol.success else None)
        return ends[0] == ends[1]

    def linked(self, start: np.ndarray | None = None) -> np.ndarray:
        counts, small = self.counts, self.small
        linked = np.zeros_like(small) if start is None else start & ~small & (counts > 0)
        if not small.any():
            return linked
        while True:
            exposed = [i for i in np.flatnonzero(small) if self.pinned(linked, i)]
            free = [i for i in np.argsort(counts, kind="stable") if counts[i] > 0 and not (small[i] or linked[i])]
            if not exposed or not free:
                return linked
            helps = [i for i in free if not self.pinned(linked | (np.arange(len(counts)) == i), exposed[0])]
            linked[(helps or free)[0]] = True


def complementary_suppression(table: pd.DataFrame, count_cols: list[str], min_cell: int | None, *,
                              group_col: str | None = None, ordered: bool = False,
                              lower: pd.DataFrame | None = None, upper: pd.DataFrame | None = None,
                              hidden: pd.DataFrame | None = None) -> pd.DataFrame:
    """Which shown counts to hide as well, so that no count with 0 < n < `min_cell` can be worked out
    (secondary or complementary suppression).

    The attacker is assumed to know, per group of rows (``group_col``, e.g. the categories of one
    variable, or the whole table) and per count column, the total (published elsewhere or derivable),
    every shown count, that a count shown as ``"<n"`` lies in 1..n-1 and that a count hidden by this
    function is at least n; with `ordered`, that in each row a count column is at most the one before
    it (completed <= started, a later funnel stage <= an earlier one), where that holds for the row;
    and any further bounds per cell that are published (`lower`, `upper`, e.g. a quota's minimum
    when it is reported as met). Counts already hidden for another reason (`hidden`, e.g. because
    another table that publishes the same count hides it) are hidden from the start. While a small
    count takes one value only in every table of whole numbers that agrees with all that (an integer
    program, :func:`scipy.optimize.linprog` with HiGHS),
    the smallest shown count whose hiding gives it a second possible value is hidden too, the smallest
    shown count when no single one does. Counts of 0 stay shown: they reveal nobody.

    Parameters
    ----------
    table : DataFrame
        One row per cell line (category, stratum); the counts in `count_cols`.
    count_cols : list of str
        Columns of counts of people; each is summed per group for its total.
    min_cell : int or None
        The forum's ``min_cell_size``; None or 0: nothing is hidden.
    group_col : str, optional
        Rows with the same value form one block with its own totals (default: the whole table).
    ordered : bool
        Whether each count column is at most the previous one in every row (where the data agree).
    lower, upper : DataFrame, optional
        Same index and `count_cols` as `table`: further published bounds per cell (NaN: none).
    hidden : DataFrame, optional
        Same index and `count_cols`, bool: counts hidden already (those at or above `min_cell` are
        marked in the result; counts of 0 stay shown).

    Returns
    -------
    DataFrame
        Same index, columns `count_cols`, bool: True for a count at or above `min_cell` to hide as
        well (with those of `hidden`). The small counts themselves are not marked (primary suppression, see
        :func:`suppress_small`).

    Examples
    --------
    The 65-79-year-olds (4) could be worked out as 30 - 12 - 14; hiding the 12 leaves 4..11 possible:

    >>> t = pd.DataFrame({"variable": "age_group", "category": ["18-39", "40-64", "65-79"], "n": [12, 14, 4]})
    >>> complementary_suppression(t, ["n"], 5, group_col="variable")["n"].tolist()
    [True, False, False]

    When another table hides the 14 already, nothing more is needed:

    >>> complementary_suppression(t, ["n"], 5, group_col="variable",
    ...                           hidden=pd.DataFrame({"n": [False, True, False]}))["n"].tolist()
    [False, True, False]
    """
    out = pd.DataFrame(False, index=table.index, columns=list(count_cols))
    if not min_cell or table.empty:
        return out
    groups = table.groupby(group_col, sort=False).groups.values() if group_col else [table.index]
    for idx in groups:
        counts = _fixed(table.loc[idx], list(count_cols))
        block = _Block(counts, len(idx), len(count_cols), min_cell, ordered,
                       _extra(lower, idx, list(count_cols), -np.inf), _extra(upper, idx, list(count_cols), np.inf))
        start = None if hidden is None else hidden.loc[idx, list(count_cols)].to_numpy(dtype=bool).T.ravel()
        linked = block.linked(start).reshape(len(count_cols), len(idx))
        for j, col in enumerate(count_cols):
            out.loc[idx, col] = linked[j]
    return out


def recoverable(table: pd.DataFrame, count_cols: list[str], min_cell: int, linked: pd.DataFrame | None = None, *,
                group_col: str | None = None, ordered: bool = False, lower: pd.DataFrame | None = None,
                upper: pd.DataFrame | None = None) -> pd.DataFrame:
    """Which counts with 0 < n < `min_cell` take one value only, given what is published.

    The same attacker as :func:`complementary_suppression`, with the counts hidden as well given in
    `linked` (e.g. its result); used to check a table, or whether a further published bound (a
    quota's status) gives a hidden count away.

    Parameters
    ----------
    table, count_cols, min_cell, group_col, ordered, lower, upper
        As :func:`complementary_suppression`.
    linked : DataFrame, optional
        Same index, `count_cols`: True for a count at or above `min_cell` that is hidden too.

    Returns
    -------
    DataFrame
        Same index, columns `count_cols`, bool: True for a small count that can be worked out.

    Examples
    --------
    >>> t = pd.DataFrame({"n": [12, 14, 4]})
    >>> recoverable(t, ["n"], 5)["n"].tolist()
    [False, False, True]
    >>> recoverable(t, ["n"], 5, pd.DataFrame({"n": [True, False, False]}))["n"].tolist()
    [False, False, False]
    """
    cols = list(count_cols)
    out = pd.DataFrame(False, index=table.index, columns=cols)
    if not min_cell or table.empty:
        return out
    linked = pd.DataFrame(False, index=table.index, columns=cols) if linked is None else linked
    groups = table.groupby(group_col, sort=False).groups.values() if group_col else [table.index]
    for idx in groups:
        block = _Block(_fixed(table.loc[idx], cols), len(idx), len(cols), min_cell, ordered,
                       _extra(lower, idx, cols, -np.inf), _extra(upper, idx, cols, np.inf))
        hidden = linked.loc[idx, cols].to_numpy(dtype=bool).T.ravel()
        pinned = np.array([bool(s) and block.pinned(hidden, i) for i, s in enumerate(block.small)])
        pinned = pinned.reshape(len(cols), len(idx))
        for j, col in enumerate(cols):
            out.loc[idx, col] = pinned[j]
    return out
