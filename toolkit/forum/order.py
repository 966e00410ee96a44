"""The canonical order of a forum's frames, so that every figure depends on the data's content only.

An export with its rows or columns in another order holds the same data, and must give the same
results.json. :func:`canonical_frames` puts every frame the loader produces into one order that the
content decides: respondents by id, survey answers by id, the codebook's wave order and item order,
recruitment tables by the codebook's variable and category order, register files by their ids and dates.
Values that the codebook does not order come after those it does, in natural order ("R2" before "R10").
Columns of the other inputs are put in a fixed order too: the reader's own columns are named by the file's
header, so a file whose columns were moved comes out with the same frame.
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np
import pandas as pd

__all__ = ["natural_key", "rank", "sort_frame", "canonical_frames", "INPUT_KEYS"]

_DIGITS = re.compile(r"(\d+)")


def natural_key(value) -> tuple:
    """A sort key that orders "R2" before "R10" and is total over str, numbers and missing values.

    Examples
    --------
    >>> sorted(["R10", "R2", "r1"], key=natural_key)
    ['R2', 'R10', 'r1']
    """
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return (2,)
    if isinstance(value, (bool, np.bool_)):
        return (0, (0, int(value)))
    if isinstance(value, (int, float, np.integer, np.floating)):
        return (0, (0, float(value)))
    parts = _DIGITS.split(str(value))
    return (1, tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p != ""))


def rank(values: pd.Series, order: Sequence | None = None) -> np.ndarray:
    """Integer rank of each value: its place in `order` first, then the other values in natural order.

    Parameters
    ----------
    values : Series
    order : sequence, optional
        The values in their declared order (e.g. a codebook's categories); compared as strings.

    Returns
    -------
    ndarray of int64, one per value; equal values get equal ranks, missing values the last.

    Examples
    --------
    >>> rank(pd.Series(["vrouw", "x", "man", None]), ["man", "vrouw"]).tolist()
    [1, 2, 0, 3]
    """
    if pd.api.types.is_datetime64_any_dtype(values) or pd.api.types.is_numeric_dtype(values) \
            and not pd.api.types.is_bool_dtype(values):
        codes, uniques = pd.factorize(values, sort=True)  # missing -> -1
        codes = codes.astype(np.int64)
        return np.where(codes < 0, len(uniques), codes)
    declared = {str(v): i for i, v in enumerate(order or [])}
    uniques = pd.unique(values.astype(object))
    ranked = sorted(uniques, key=lambda v: (0, declared[str(v)]) if str(v) in declared and not pd.isna(v)
                    else (1, natural_key(v)))
    pos = {_hashable(v): i for i, v in enumerate(ranked)}
    return np.fromiter((pos[_hashable(v)] for v in values.astype(object)), dtype=np.int64, count=len(values))


def _hashable(v):
    return ("<missing>",) if v is None or (not isinstance(v, str) and pd.isna(v)) else v


def sort_frame(frame: pd.DataFrame, keys: Sequence[str], orders: dict | None = None) -> pd.DataFrame:
    """`frame` sorted by `keys` (each ranked by :func:`rank`), ties broken by every other column by name.

    Parameters
    ----------
    frame : DataFrame
    keys : sequence of str
        Columns to sort by first; those `frame` lacks are skipped.
    orders : dict, optional
        Column -> declared order of its values, or a callable (frame -> dict row value -> order) for
        orders that depend on another column (categories per variable).

    Returns
    -------
    DataFrame with a fresh index (its columns unchanged).
    """
    if frame is None or len(frame) < 2:
        return frame if frame is None else frame.reset_index(drop=True)
    orders = orders or {}
    cols = [k for k in keys if k in frame.columns]
    cols += sorted(c for c in frame.columns if c not in cols)
    ranks = []
    for c in cols:
        order = orders.get(c)
        if callable(order):
            ranks.append(order(frame))
        else:
            try:
                ranks.append(rank(frame[c], order))
            except TypeError:  # unhashable cells (lists): compare their text
                ranks.append(rank(frame[c].astype(str), order))
    idx = np.lexsort(ranks[::-1])
    return frame.iloc[idx].reset_index(drop=True)


def _category_rank(categories: dict[str, list]):
    """Rank of (variable, category) rows: the codebook's variable order, then its category order."""
    variables = list(categories)

    def by(frame: pd.DataFrame) -> np.ndarray:
        var_rank = rank(frame["variable"], variables)
        out = np.empty(len(frame), dtype=np.int64)
        cat = frame["category"].astype(object)
        for r in np.unique(var_rank):
            mask = var_rank == r
            var = frame["variable"].iloc[np.flatnonzero(mask)[0]]
            out[mask] = rank(cat[mask], categories.get(str(var)))
        return var_rank * (len(frame) + 1) + out

    return by


#: forum.yml input -> the columns it is sorted by first (then every other column, by name).
INPUT_KEYS: dict[str, tuple[str, ...]] = {
    "members": ("member_id",),
    "member_counts": ("variable", "category"),
    "funnel": ("variable", "category"),
    "benchmark": ("variable", "category"),
    "quotas": ("variable", "category"),
    "pool": ("pool_id",),
    "reference_attitudes": ("item", "category"),
    "public_input": ("date", "submission_id"),
    "recommendations": ("id",),
    "implementation": ("recommendation_id", "date"),
    "parliament": ("recommendation_id", "date"),
    "commitments": ("id",),
    "preconditions": ("precondition_id",),
    "sessions": ("date",),
}


def _columns(frame: pd.DataFrame, first: Sequence[str]) -> pd.DataFrame:
    """Columns in a content-only order: `first` (those present), then the others by name."""
    lead = [c for c in first if c in frame.columns]
    return frame[lead + sorted((c for c in frame.columns if c not in lead), key=natural_key)]


def canonical_frames(codebook: dict, responses: pd.DataFrame, respondents: pd.DataFrame, texts: pd.DataFrame,
                     inputs: dict) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict]:
    """The survey frames and the other inputs in canonical order (see the module's docstring).

    Parameters
    ----------
    codebook : dict
        The checked codebook (its ``waves``, ``items`` and ``demographics`` give the declared orders).
    responses, respondents, texts : DataFrame
        From :func:`toolkit.intake.surveys.read_surveys`.
    inputs : dict
        forum.yml input key -> DataFrame.

    Returns
    -------
    tuple
        ``(responses, respondents, texts, inputs)``, each sorted; the frames' columns keep their
        names, the other inputs' columns come in :func:`_columns` order.
    """
    waves = [w["id"] for w in codebook.get("waves") or []]
    items = list(codebook.get("items") or {})
    demographics = codebook.get("demographics") or {}
    categories = {str(v): [str(c) for c in (d or {}).get("categories") or []] for v, d in demographics.items()}
    answer_orders = {"wave": waves, "item": items, "group": ["member", "control"]}
    responses = sort_frame(responses, ("respondent_id", "wave", "item"), answer_orders)
    respondents = sort_frame(respondents, ("respondent_id",), answer_orders)
    texts = sort_frame(texts, ("respondent_id", "wave", "item"), answer_orders)
    out = {}
    for key, frame in inputs.items():
        if not isinstance(frame, pd.DataFrame):
            out[key] = frame
            continue
        lead = INPUT_KEYS.get(key, ())
        orders: dict = {"item": items}
        if {"variable", "category"} <= set(frame.columns):
            orders["variable"] = list(categories)
            orders["category"] = _category_rank(categories)
        else:
            orders.update({c: cats for c, cats in categories.items() if c in frame.columns})
        demo = [c for c in categories if c in frame.columns]
        out[key] = _columns(sort_frame(frame, lead, orders), list(lead) + demo)
    return responses, respondents, texts, out
