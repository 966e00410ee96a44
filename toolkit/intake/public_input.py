"""Read a wider-public consultation export: one row per submission, up to millions of rows.

Unlike the other representativeness inputs (:mod:`toolkit.intake.recruitment`), this file can be
large, so it is read column by column: demographic answers as pandas categoricals (cleaned per
distinct value, not per row) and dates vectorised (ISO 8601; other formats per distinct value).
Bad values are reported once per distinct value, with their count and first row.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd
import pandera.pandas as pa

from toolkit.errors import InputError, Problem
from toolkit.intake.cells import column_name, dates
from toolkit.intake.tables import file_name, finish, read_cells, validate

__all__ = ["MISSING_LABELS", "read_public_input"]

#: Public-input answers read as "not given".
MISSING_LABELS = ("", "-", "na", "n/a", "onbekend", "unknown", "wil ik niet zeggen",
                  "zeg ik liever niet", "prefer not to say")
_MAX_LISTED = 20  # distinct bad values listed per column of a large file


def _value_problems(raw: pd.Series, bad: pd.Series, file: str, column: str, message: str,
                    hint: str) -> list[Problem]:
    """One problem per distinct bad value (count and first row), at most _MAX_LISTED."""
    if not bad.any():
        return []
    values = raw[bad].astype(str)
    first = values.groupby(values, observed=True).head(1)
    counts = values.value_counts()
    problems = [Problem(file, f"{message} ({counts[v]} row{'s' if counts[v] > 1 else ''})", hint,
                        int(row), column, v) for row, v in first.items()]
    if len(problems) > _MAX_LISTED:
        rest = len(problems) - _MAX_LISTED
        problems = problems[:_MAX_LISTED] + [Problem(file, f"... and {rest} other values of this kind",
                                                     hint, column=column)]
    return problems


def _clean_categories(s: pd.Series, missing: set[str]) -> pd.Series:
    s = s.astype("category")
    stripped = s.cat.categories.astype(str).str.strip()
    if stripped.duplicated().any():
        s = s.astype(str).str.strip().astype("category")
        stripped = s.cat.categories.astype(str)
    else:
        s = s.cat.rename_categories(stripped)
    drop = [c for c in stripped if c.lower() in missing]
    return s.cat.remove_categories(drop) if drop else s


def read_public_input(
    path,
    variables: Sequence[str] | None = None,
    *,
    categories: Mapping[str, Sequence[str]] | None = None,
    date_column: str = "date",
    missing_labels: Sequence[str] = MISSING_LABELS,
) -> pd.DataFrame:
    """Read a wider-public consultation export (fast: fit for 1,000,000 rows).

    Parameters
    ----------
    path : str or Path
        One row per submission: a date column (ISO 8601 such as 2024-03-01 or
        2024-03-01T10:15:00, or as :func:`toolkit.intake.cells.dates` reads it with a time of day:
        01-03-2024, 1 maart 2024 10:15; always day first) and any demographic columns.
    variables : sequence of str, optional
        Demographic columns to read; default all columns. Columns the file lacks are skipped.
    categories : mapping, optional
        ``{variable: allowed categories}``; other values are reported (one problem per value).
    date_column : str
    missing_labels : sequence of str
        Answers read as "not given" (case-insensitive), e.g. "onbekend", "wil ik niet zeggen".

    Returns
    -------
    DataFrame
        ``date`` (datetime64, NaT where empty) and the demographic columns (categorical).

    Raises
    ------
    InputError
        Missing date column; unreadable dates; values outside `categories`.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "pub.csv")
    >>> _ = open(p, "w").write("date,gender,x\\n2024-03-01,man,1\\n02-03-2024,Onbekend,2\\n,vrouw,3\\n")
    >>> df = read_public_input(p, ["gender"])
    >>> df["date"].dt.strftime("%Y-%m-%d").tolist(), df["gender"].tolist()
    (['2024-03-01', '2024-03-02', nan], ['man', nan, 'vrouw'])
    """
    file = file_name(path)
    date_column = column_name(date_column)
    wanted = None if variables is None else [date_column, *map(column_name, variables)]
    raw, _ = read_cells(path, wanted, categorical=lambda c: c != date_column)
    if date_column not in raw.columns:
        raise InputError(Problem(file, f"required column {date_column!r} is missing",
                                 "Add the submission date column, or map its name in forum.yml",
                                 column=date_column))
    missing = {m.lower() for m in missing_labels}
    df = pd.DataFrame(index=raw.index)
    parsed = dates(raw[date_column], times=True)
    df["date"] = parsed.values
    problems = _value_problems(raw[date_column], parsed.bad, file,
                               date_column, "date cannot be read",
                               "Write dates as 2024-03-01 (or 01-03-2024)")
    for col in [c for c in raw.columns if c != date_column]:
        df[col] = _clean_categories(raw[col], missing)
        allowed = (categories or {}).get(col)
        if allowed is not None:
            bad = df[col].notna() & ~df[col].isin([str(a) for a in allowed])
            problems += _value_problems(df[col], bad, file, col, "value not among the allowed values",
                                        f"Use one of: {', '.join(map(str, allowed))}, or map it in forum.yml")
    schema = pa.DataFrameSchema({"date": pa.Column("datetime64[ns]", nullable=True),
                                 **{c: pa.Column("category", nullable=True) for c in df.columns[1:]}})
    valid, problems = validate(df, schema, file, problems)
    return finish(valid, problems)
