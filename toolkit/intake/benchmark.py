"""Read and check the population the forum is compared with (docs/representativeness.md).

The benchmark: the population's shares per category (the shipped Dutch one is built from CBS
tables by :mod:`toolkit.benchmarks.cbs`), and reference attitudes: baseline opinions in a national survey.
Read like the recruitment files (:mod:`toolkit.intake.recruitment`): every problem is raised at
once, with file, row, column, value and what to do.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from toolkit.errors import InputError, Problem
from toolkit.intake.tables import (
    count_column, duplicates, file_name, finish, parse, read_cells, text_column, validate,
)

__all__ = ["SHARE_TOLERANCE", "NOT_FOUND", "read_benchmark", "read_reference_attitudes", "categories_from_benchmark"]

#: Allowed deviation of a variable's shares from 1.
SHARE_TOLERANCE = 0.01
#: What a ``share`` cell may say when the sources give no population figure for that category (lower case).
NOT_FOUND = frozenset({"not found", "not_found", "niet gevonden"})


# ----------------------------------------------------------------------------- benchmark
_BENCHMARK_SCHEMA = pa.DataFrameSchema({
    "variable": text_column(), "category": text_column(),
    "share": pa.Column(float, pa.Check.ge(0), nullable=True),
    "count": pa.Column(float, pa.Check.ge(0), nullable=True),
    "source": text_column(), "year": count_column(), "age_range": text_column(),
    "area": text_column(nullable=True, required=False),
    "note": text_column(nullable=True, required=False),
    "note_nl": text_column(nullable=True, required=False),
}, strict=False)
#: The columns :func:`read_benchmark` returns, in order.
_BENCHMARK_COLUMNS = ["variable", "category", "share", "count", "source", "year", "age_range", "area", "note",
                      "note_nl"]


def read_benchmark(path) -> pd.DataFrame:
    """Read a population benchmark: one row per variable x category.

    Parameters
    ----------
    path : str or Path
        ``variable, category, share`` (0-1) and/or ``count``, ``source`` (table id),
        ``year``, ``age_range``, optional ``area`` (the population's area, e.g. ``Nederland`` or
        ``Gemeente Utrecht``: one area for the whole file), optional ``note`` (what the figure covers, in English or the
        file's one language) and optional ``note_nl`` (the same in Dutch; the Dutch report shows it
        when it is filled in, else ``note``). Per variable give shares for every category
        (adding to 1 +- 0.01) or counts for every category (turned into shares). A share of
        ``not found`` (:data:`NOT_FOUND`) says the sources give no figure for that category: its
        share stays empty (never 0) and the others of the variable then add up to at most 1.
        Two-way benchmarks: variable ``gender:age_group``, category ``vrouw:18-39``.

    Returns
    -------
    DataFrame
        ``variable, category, share, count, source, year, age_range, area, note, note_nl`` (area and
        notes empty when the file has none).

    Raises
    ------
    InputError

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "b.csv")
    >>> _ = open(p, "w").write("variable,category,count,source,year,age_range\\n"
    ...                        "gender,man,30,T1,2023,all ages\\ngender,vrouw,70,T1,2023,all ages\\n")
    >>> read_benchmark(p)[["category", "share", "count"]]
      category  share  count
    0      man    0.3   30.0
    1    vrouw    0.7   70.0
    """
    file = file_name(path)
    raw, comma = read_cells(path)
    if "share" not in raw.columns and "count" not in raw.columns:
        raise InputError(Problem(file, "neither a 'share' nor a 'count' column",
                                 "Add a column share (0-1) or count per category"))
    for col in ("share", "count", "area", "note", "note_nl"):
        if col not in raw.columns:
            raw[col] = pd.Series(np.nan, index=raw.index, dtype=float if col in ("share", "count") else "str")
    not_found = raw["share"].map(lambda v: isinstance(v, str) and v.strip().lower() in NOT_FOUND)
    raw["share"] = raw["share"].mask(not_found.astype(bool))
    df, problems = parse(raw, {"share": "float", "count": "float", "year": "int"}, file, comma)
    valid, problems = validate(df, _BENCHMARK_SCHEMA, file, problems)
    problems += duplicates(df, ["variable", "category"], file)
    problems += _one_area(df, file)
    shares, more = _benchmark_shares(df, raw, file, not_found.astype(bool))
    problems += more
    out = finish(valid, problems).assign(share=shares.to_numpy())
    return out[_BENCHMARK_COLUMNS]


def _one_area(df: pd.DataFrame, file: str) -> list[Problem]:
    """One area per file: every row names the same ``area``, or none does (the column left out)."""
    area = df["area"].astype("string").str.strip()
    if area.isna().all():
        return []
    first = area.dropna().iloc[0]
    problems = []
    for i, value in area.items():
        if pd.isna(value) or value == "":
            problems.append(Problem(file, "empty area: one benchmark file covers one area, named in every row",
                                    f"Write {first!r} here, as in the other rows", int(i), "area"))
        elif value != first:
            problems.append(Problem(file, f"area {value!r} differs from {first!r}: one benchmark file covers one area",
                                    "Give each area's figures their own file (forum.yml inputs.benchmark names one)",
                                    int(i), "area", value))
    return problems


def _benchmark_shares(df: pd.DataFrame, raw: pd.DataFrame, file: str, not_found: pd.Series
                      ) -> tuple[pd.Series, list[Problem]]:
    shares, problems = df["share"].copy(), []
    if "variable" not in df.columns:
        return shares, problems
    unreadable = (raw["share"].notna() & df["share"].isna()) | (raw["count"].notna() & df["count"].isna())
    for var, part in df.groupby("variable", sort=False):
        row = int(part.index[0])
        if unreadable[part.index].any():
            continue
        missing = not_found[part.index]
        if missing.any():
            known = part.loc[~missing.to_numpy(), "share"]
            if known.isna().any():
                problems.append(Problem(file, f"{var!r} has categories without a share",
                                        "Give a share or 'not found' for every category of a variable "
                                        "('not found' cannot be mixed with counts)", row, "share"))
            elif known.sum() > 1 + SHARE_TOLERANCE:
                problems.append(Problem(file, f"the known shares of {var!r} add up to {known.sum():.4g}, "
                                        "more than 1", "Correct the shares (0-1)", row, "share"))
            shares[part.index[missing.to_numpy()]] = np.nan
        elif part["share"].notna().all():
            total = part["share"].sum()
            if abs(total - 1) > SHARE_TOLERANCE:
                hint = ("These look like percentages: divide by 100 (or write 51.2%)"
                        if abs(total - 100) <= 100 * SHARE_TOLERANCE else
                        "Correct the shares so they add to 1 (within 0.01), or give counts instead")
                problems.append(Problem(file, f"the shares of {var!r} add up to {total:.4g}, not 1",
                                        hint, row, "share"))
        elif part["count"].notna().all() and part["count"].sum() > 0:
            shares[part.index] = part["count"] / part["count"].sum()
        else:
            problems.append(Problem(file, f"{var!r} has categories without a share or count",
                                    "Give a share for every category of a variable, or a count "
                                    "for every category", row, "share"))
    return shares, problems


def categories_from_benchmark(benchmark: pd.DataFrame) -> dict[str, list[str]]:
    """``{variable: [categories]}`` of the one-way variables in a benchmark.

    Examples
    --------
    >>> b = pd.DataFrame({"variable": ["gender", "gender", "gender:age_group"],
    ...                   "category": ["man", "vrouw", "man:18-39"]})
    >>> categories_from_benchmark(b)
    {'gender': ['man', 'vrouw']}
    """
    one_way = benchmark[~benchmark["variable"].astype(str).str.contains(":", regex=False)]
    return {v: part["category"].astype(str).tolist() for v, part in one_way.groupby("variable", sort=False)}


# ----------------------------------------------------------------------------- attitudes
_ATTITUDE_SCHEMA = pa.DataFrameSchema({
    "item": text_column(), "category": text_column(),
    "share": pa.Column(float, pa.Check.in_range(0, 1), nullable=False),
    "n": count_column(nullable=True, required=False), "codes": text_column(nullable=True, required=False),
    "source": text_column(), "year": count_column(), "note": text_column(nullable=True, required=False),
}, strict=False)


def read_reference_attitudes(path) -> pd.DataFrame:
    """Read reference-survey shares for baseline opinions.

    Parameters
    ----------
    path : str or Path
        ``item`` (the item id in the forum's codebook), ``category`` (the opinion, e.g.
        "(zeer) bezorgd"), ``share`` (0-1), optional ``n`` (survey sample size), optional
        ``codes`` (answer values that count as this opinion, separated by ``|``), ``source``,
        ``year``, optional ``note``. Shares of one item add to at most 1.

    Returns
    -------
    DataFrame

    Raises
    ------
    InputError

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "ref.csv")
    >>> _ = open(p, "w").write("item,category,share,n,codes,source,year\\n"
    ...                        "climate,concerned,0.62,1500,4|5,survey X,2023\\n")
    >>> read_reference_attitudes(p)[["item", "share", "n", "codes"]]
          item  share     n codes
    0  climate   0.62  1500   4|5
    """
    file = file_name(path)
    raw, comma = read_cells(path)
    df, problems = parse(raw, {"share": "float", "n": "int", "year": "int"}, file, comma)
    valid, problems = validate(df, _ATTITUDE_SCHEMA, file, problems)
    problems += duplicates(df, ["item", "category"], file)
    if {"item", "share"} <= set(df.columns):
        for item, total in df.groupby("item", sort=False)["share"].sum().items():
            if total > 1 + SHARE_TOLERANCE:
                problems.append(Problem(file, f"the shares of item {item!r} add up to {total:.4g}, "
                                        "more than 1", "Give shares as fractions of respondents (0-1)",
                                        column="share"))
    return finish(valid, problems)
