"""Tests over a table with hidden cells, computed so that they cannot give a hidden cell away.

A goodness-of-fit statistic (X², total variation distance, Cohen's w) or a test of independence
computed on every cell of a variable, with the total and the shown cells, lets an attacker try every
value the hidden cells could take and keep those that give the published statistic: with two
decimals this pins them down. So where a variable has hidden cells, the statistic is computed on the
table in which its hidden categories are *pooled* into one category (their count is the total minus
the shown counts, published already; their population share the sum of theirs). The statistic is then
a function of published numbers only and says nothing more about the hidden cells than the tables do.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

__all__ = ["pool_hidden", "POOL_SEP"]

#: Separator of the categories of a pooled row (``"65-79|80+"``).
POOL_SEP = "|"


def pool_hidden(frame: pd.DataFrame, hidden: Iterable[tuple[str, str]], sums: Sequence[str],
                by: str = "variable", category: str = "category") -> pd.DataFrame:
    """`frame` with the rows of each variable whose (variable, category) is in `hidden` summed into one row.

    Parameters
    ----------
    frame : DataFrame
        One row per variable and category.
    hidden : iterable of (variable, category)
        The hidden cells (small or hidden as well so that a small one cannot be worked out).
    sums : sequence of str
        Columns to add up (counts, population shares); the other columns but `by` and `category` are
        dropped.
    by, category : str
        The variable and category columns.

    Returns
    -------
    DataFrame
        Columns `by`, `category`, `sums` and ``pooled`` (how many categories the row holds); a pooled
        row comes where the first of its categories was, its category the names joined by ``"|"``.

    Examples
    --------
    >>> c = pd.DataFrame({"variable": "age", "category": ["18-39", "40-64", "65-79"], "n": [12, 14, 4],
    ...                   "pop_share": [0.3, 0.5, 0.2]})
    >>> pool_hidden(c, {("age", "18-39"), ("age", "65-79")}, ["n", "pop_share"])
      variable     category   n  pop_share  pooled
    0      age  18-39|65-79  16        0.5       2
    1      age        40-64  14        0.5       1
    """
    hidden = {(str(v), str(c)) for v, c in hidden}
    rows = []
    for var, part in frame.groupby(by, sort=False):
        mask = pd.Series([(str(var), str(c)) in hidden for c in part[category]], index=part.index)
        first = True
        for i, r in part.iterrows():
            if not mask[i]:
                rows.append({by: var, category: r[category], **{c: r[c] for c in sums}, "pooled": 1})
            elif first:
                pool = part[mask]
                rows.append({by: var, category: POOL_SEP.join(map(str, pool[category])),
                             **{c: pool[c].sum(min_count=1) for c in sums}, "pooled": int(mask.sum())})
                first = False
    return pd.DataFrame(rows, columns=[by, category, *sums, "pooled"])
