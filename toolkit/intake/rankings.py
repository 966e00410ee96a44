"""Preference rankings of the DRI instrument: each respondent ranks the k options 1..k, each rank once.

Items marked ``dri: preference`` in the codebook (docs/forum-folder.md) are the options of one
ranking. A respondent who ranked none of them did not answer the ranking (fine); one who ranked some
must have ranked all, with every rank 1..k exactly once. Anything else is a problem naming the file,
the row, the column and the value.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from toolkit.errors import Problem

__all__ = ["preference_items", "ranking_problems", "RANKING_HINT"]

#: What to do about a ranking that is not a permutation of 1..k.
RANKING_HINT = ("Give each option of the ranking a different rank 1..k (1 = most preferred), or leave the whole "
                "ranking empty when the respondent did not rank")


def preference_items(items: Mapping[str, Mapping], wave: str) -> list[str]:
    """The items marked ``dri: preference`` asked in `wave`, in codebook order.

    Examples
    --------
    >>> preference_items({"P1": {"dri": "preference", "waves": ["t0"]}, "C1": {"dri": "consideration", "waves": ["t0"]},
    ...                   "P2": {"dri": "preference", "waves": ["t0", "t1"]}}, "t1")
    ['P2']
    """
    return [i for i, s in items.items() if s.get("dri") == "preference" and wave in s.get("waves", [wave])]


def ranking_problems(values: pd.DataFrame, keep: pd.Series, columns: Mapping[str, str], ids: pd.Series,
                     file: str, first_row: int, options: Sequence[str], limit: int = 20) -> list[Problem]:
    """Rows of `values` whose ranking of `options` is neither empty nor a permutation of 1..k.

    Parameters
    ----------
    values : DataFrame
        Item -> answer per export row (missing-value codes already NaN), index the row's position.
    keep : Series of bool
        The rows analysed (others, e.g. duplicates, are in the ledger and not checked).
    columns : mapping
        Item -> its column name in the export.
    ids : Series
        The respondent ids per row.
    file : str
        The export, for the problems.
    first_row : int
        Spreadsheet row of position 0 (header = row 1).
    options : sequence of str
        The items of the ranking (:func:`preference_items`).
    limit : int
        At most this many problems.

    Returns
    -------
    list of Problem
        One per faulty row: the first option left empty, ranked with a number that is not a whole
        number in 1..k, or given a rank another option already has.

    Examples
    --------
    >>> nan = float("nan")
    >>> v = pd.DataFrame({"P1": [1, 2, nan, 1, 1.5], "P2": [2, 2, nan, nan, 2], "P3": [3, 1, nan, 2, 3]})
    >>> ids = pd.Series(["a", "b", "c", "d", "e"])
    >>> for p in ranking_problems(v, pd.Series(True, index=v.index), {c: c for c in v}, ids, "t0.csv", 2, list(v)):
    ...     print(p.row, p.column, repr(p.value), p.message)
    3 P2 2.0 respondent 'b' gives rank 2 to more than one option (also P1)
    5 P2 <NA> respondent 'd' ranked some options but not 'P2'
    6 P1 1.5 respondent 'e' gives 'P1' the rank 1.5; ranks are whole numbers 1-3
    """
    options = [o for o in options if o in values.columns]
    k = len(options)
    if not k:
        return []
    block = values[options]
    answered = block.notna().any(axis=1) & keep
    out = []
    for pos in block.index[answered]:
        row = block.loc[pos]
        rid, line = ids.loc[pos], int(pos) + first_row
        seen: dict[float, str] = {}
        for opt in options:
            v = row[opt]
            col = columns.get(opt, opt)
            if pd.isna(v):
                out.append(Problem(file, f"respondent {rid!r} ranked some options but not {opt!r}", RANKING_HINT,
                                   row=line, column=col, value=pd.NA))
                break
            if not (float(v).is_integer() and 1 <= v <= k):
                out.append(Problem(file, f"respondent {rid!r} gives {opt!r} the rank {v:g}; ranks are whole numbers 1-{k}",
                                   RANKING_HINT, row=line, column=col, value=float(v)))
                break
            if float(v) in seen:
                out.append(Problem(file, f"respondent {rid!r} gives rank {v:g} to more than one option "
                                   f"(also {seen[float(v)]})", RANKING_HINT, row=line, column=col, value=float(v)))
                break
            seen[float(v)] = col
        if len(out) >= limit:
            break
    return out
