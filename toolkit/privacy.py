"""Small-cell suppression: no published cell describes fewer people than the forum's minimum."""
from __future__ import annotations

import pandas as pd

__all__ = ["suppress_small", "SUPPRESSED"]

SUPPRESSED = "<{n}"


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
