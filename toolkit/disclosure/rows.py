"""Rows of statistics as published: one decision for results.json, the tables, the charts and their alt texts.

A row of statistics (a paired change, a subgroup gap, a quiz question in one wave) describes the people
it counts. When one of its counts is 1..min_cell-1, the row is *hidden*: every figure computed from
those people is withheld (means, intervals, effect sizes, test statistics, p-values, shares), not only
the count and the mean, because an interval's midpoint is the mean and a share times the count is a
count. Only what names the row (item, waves, group, subgroup) stays. :func:`hidden_rows` decides,
:func:`publish_rows` applies the decision; the sections call them once and every output (results.json,
tables, charts, alt texts, the summary and ``forum-eval compare``, which read results.json) uses the
frame they return.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from toolkit.disclosure.suppress import too_small

__all__ = ["is_small", "hidden_rows", "publish_rows", "small_share"]


def is_small(values, min_cell: int | None) -> pd.Series | np.ndarray:
    """Whether counts lie in 1..min_cell-1 (a count of 0 reveals nobody; NaN is not small).

    Examples
    --------
    >>> is_small(pd.Series([0, 3, 5, None]), 5).tolist()
    [False, True, False, False]
    """
    v = pd.to_numeric(pd.Series(values) if not isinstance(values, pd.Series) else values, errors="coerce")
    if not min_cell:
        return pd.Series(False, index=v.index)
    return v.notna() & (v > 0) & (v < min_cell)


def small_share(share, n, min_cell: int | None) -> pd.Series:
    """Whether a share of `n` people gives a count of 1..min_cell-1 away: those it counts (share x n,
    rounded: the share is a count over `n`) or those it does not (n minus them).

    Parameters
    ----------
    share : array-like or Series
        Shares 0-1 (NaN: nothing published, never small).
    n : array-like or Series
        The number of people each share is of (treated as known: it is published, or follows from
        what is).
    min_cell : int or None

    Returns
    -------
    Series of bool

    Examples
    --------
    55% -> 33% of 3 people: 1 of 3 supports at the second wave; 60% of 10 is 6 of 10, 4 do not:

    >>> small_share(pd.Series([0.5, 1 / 3, 0.6, 0.5, None]), pd.Series([10, 3, 10, 20, 3]), 5).tolist()
    [False, True, True, False, False]
    """
    s = pd.to_numeric(pd.Series(share) if not isinstance(share, pd.Series) else share, errors="coerce")
    base = pd.to_numeric(pd.Series(n, index=s.index) if not isinstance(n, pd.Series) else n, errors="coerce")
    k = (s.astype(float) * base.astype(float)).round()
    return (too_small(k, min_cell) | too_small(base - k, min_cell)) & s.notna()


def hidden_rows(df: pd.DataFrame | None, counts: Sequence[str], min_cell: int | None,
                also: pd.Series | None = None) -> pd.Series:
    """The rows to hide: any of `counts` is small (:func:`is_small`), or `also` is True.

    Parameters
    ----------
    df : DataFrame or None
    counts : sequence of str
        Columns counting the people the row's statistics describe (those absent are skipped).
    min_cell : int or None
        The forum's ``min_cell_size``; None or 0: nothing is hidden (but `also`).
    also : Series of bool, optional
        Same index: rows hidden for another reason (e.g. a control group too small).

    Returns
    -------
    Series of bool

    Examples
    --------
    >>> d = pd.DataFrame({"n_a": [12, 3], "n_b": [8, 9]})
    >>> hidden_rows(d, ["n_a", "n_b"], 5).tolist()
    [False, True]
    """
    if df is None:
        return pd.Series(dtype=bool)
    mask = pd.Series(False, index=df.index)
    for c in counts:
        if c in df.columns:
            mask |= is_small(df[c], min_cell)
    if also is not None:
        mask |= also.reindex(df.index, fill_value=False).astype(bool)
    return mask


def publish_rows(df: pd.DataFrame | None, counts: Sequence[str], min_cell: int | None, keep: Sequence[str], *,
                 also: pd.Series | None = None, keep_counts: bool = True) -> pd.DataFrame | None:
    """`df` with every figure of a hidden row (:func:`hidden_rows`) missing, but the columns in `keep`.

    Parameters
    ----------
    df : DataFrame or None
    counts : sequence of str
        As :func:`hidden_rows`.
    min_cell : int or None
    keep : sequence of str
        Columns that name the row (item, waves, group); never blanked.
    also : Series of bool, optional
        As :func:`hidden_rows`.
    keep_counts : bool
        Keep the counts of a hidden row as they are (for a table that shows them as ``"<n"``,
        :func:`toolkit.disclosure.suppress.suppress_small`, or results.json, which nulls them with
        :func:`toolkit.disclosure.suppress.suppressed_values`); False: blank them too.

    Returns
    -------
    DataFrame or None
        A copy; blanked columns become float (NaN) or object (None) as their dtype allows.

    Examples
    --------
    >>> d = pd.DataFrame({"item": ["q", "r"], "n_pairs": [12, 3], "mean_change": [0.5, 2.0],
    ...                   "ci_low": [0.1, 1.0], "ci_high": [0.9, 3.0]})
    >>> publish_rows(d, ["n_pairs"], 5, ["item"])
      item  n_pairs  mean_change  ci_low  ci_high
    0    q       12          0.5     0.1      0.9
    1    r        3          NaN     NaN      NaN
    """
    if df is None:
        return None
    mask = hidden_rows(df, counts, min_cell, also)
    out = df.copy()
    if not mask.any():
        return out
    for c in out.columns:
        if c in keep or (keep_counts and c in counts):
            continue
        if pd.api.types.is_float_dtype(out[c]):
            out[c] = out[c].mask(mask)
        elif pd.api.types.is_integer_dtype(out[c]) and not pd.api.types.is_bool_dtype(out[c]):
            out[c] = out[c].astype(float).mask(mask)
        else:
            out[c] = out[c].astype(object).mask(mask, None)
    return out
