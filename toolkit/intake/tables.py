"""Typed tables of the representativeness inputs: text cells in, checked columns and Problems out.

Shared by :mod:`toolkit.intake.recruitment` and :mod:`toolkit.intake.public_input`. Files are read
by :func:`toolkit.intake.files.read_table`; column names are normalised, cells stripped (empty ->
NaN), and the frame's index is the row number a spreadsheet shows, so every Problem names its row.
Problems name the file by its name only.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
import pandera.pandas as pa

from toolkit.errors import InputError, Problem, raise_if_problems
from toolkit.intake.cells import booleans, column_name, decimal_hint, numbers, texts
from toolkit.intake.validate import validate_frame
from toolkit.intake.files import read_table

__all__ = [
    "read_cells", "parse", "validate", "file_name", "rows", "duplicates",
    "finish", "text_column", "count_column",
]

_HINTS = {
    "int": "Use a whole number without decimals, e.g. 12",
    "float": "Use a number such as 0.25 (or 0,25 in a file separated by ';')",
    "bool": "Use ja/nee, yes/no, true/false or 1/0",
}
_WHAT = {"int": "not a whole number", "float": "not a number", "bool": "not yes or no"}


# ----------------------------------------------------------------------------- reading
def read_cells(path, columns: Sequence[str] | None = None,
               categorical: Callable[[str], bool] | None = None) -> tuple[pd.DataFrame, bool]:
    """Read a CSV or XLSX (first sheet) as text; (frame, decimal comma?).

    Parameters
    ----------
    path : str or Path
    columns : sequence of str, optional
        Normalised names of the columns to read; default all.
    categorical : callable, optional
        CSV: the (normalised) columns to read as pandas categoricals, as read (not stripped).

    Returns
    -------
    (DataFrame, bool)
        Columns named by :func:`toolkit.intake.cells.column_name`; cells stripped text, NaN when
        empty; the index is the
        row number a spreadsheet shows (header = row 1).

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "q.csv")
    >>> _ = open(p, "w").write("Variable;Min\\ngender; 3\\n\\nregion;\\n")
    >>> df, comma = read_cells(p)
    >>> df.to_dict("index"), comma
    ({2: {'variable': 'gender', 'min': '3'}, 4: {'variable': 'region', 'min': nan}}, True)
    """
    source, path = path, Path(path)  # `source` keeps the file's forum.yml mapping (a FileSpec)
    if not path.is_file():
        raise InputError(Problem(path.name, f"file not found: {path}", "Check the path under inputs: in forum.yml"))
    size = path.stat().st_size
    if size == 0 or (size < 1024 and not path.read_bytes().strip()):
        raise InputError(Problem(path.name, "the file is empty", "Export the table again"))
    wanted = None if columns is None else set(columns)
    try:
        table = read_table(source, sheet=0, skipinitialspace=True,
                           columns=None if wanted is None else (lambda c: column_name(c) in wanted),
                           categorical=None if categorical is None else (lambda c: categorical(column_name(c))))
    except InputError as exc:  # these readers name a file by its name
        raise InputError([p._replace(file=path.name) for p in exc.problems]) from None
    df = table.frame
    df.columns = [column_name(c) for c in df.columns]
    for col in df.columns:
        if not isinstance(df[col].dtype, pd.CategoricalDtype):
            df[col] = texts(df[col])
    df.index = df.index + table.first_row
    return df, table.decimal == ","


# ----------------------------------------------------------------------------- parsing
def parse(df: pd.DataFrame, kinds: Mapping[str, str], file: str, decimal_comma: bool
          ) -> tuple[pd.DataFrame, list[Problem]]:
    """Convert typed columns (``int``, ``float``, ``bool``); unreadable cells become NaN plus one Problem each.

    Numbers are read by :func:`toolkit.intake.cells.numbers` (a trailing ``%`` divides by 100),
    yes/no cells by :func:`toolkit.intake.cells.booleans`.

    Examples
    --------
    >>> df = pd.DataFrame({"n": ["1.320.800", "12,5", "x"]}, index=[2, 3, 4])
    >>> out, problems = parse(df, {"n": "float"}, "f.csv", decimal_comma=True)
    >>> out["n"].tolist(), [str(p) for p in problems]
    ([1320800.0, 12.5, nan], ["f.csv, row 4, column 'n': not a number (value: 'x'). Use a number such as 0.25 (or 0,25 in a file separated by ';')"])
    """
    out, problems, decimal = df.copy(), [], "," if decimal_comma else "."
    for col, kind in kinds.items():
        if col not in out.columns:
            continue
        if kind == "bool":
            p = booleans(out[col])
        else:
            p = numbers(out[col], decimal, whole=kind == "int", percent=True)
        for i in np.flatnonzero(p.bad.to_numpy()):
            hint = decimal_hint(decimal) if p.ambiguous.iloc[i] else _HINTS[kind]
            what = p.reason.iloc[i] if p.ambiguous.iloc[i] else _WHAT[kind]
            problems.append(Problem(file, what, hint, int(df.index[i]), col, df[col].iloc[i]))
        out[col] = p.values.round().astype("Int64") if kind == "int" else p.values
    return out, problems


# ----------------------------------------------------------------------------- checking
def validate(df: pd.DataFrame, schema: pa.DataFrameSchema, file: str,
             earlier: list[Problem], hints: Mapping[str, str] | None = None
             ) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Run pandera lazily; drop its reports of cells already reported as unreadable."""
    valid, problems = validate_frame(df, schema, file, dict(hints or {}), first_row=0)
    seen = {(p.row, p.column) for p in earlier}
    return valid, earlier + [p for p in problems if (p.row, p.column) not in seen]


def file_name(path) -> str:
    return Path(path).name


def rows(df: pd.DataFrame, mask) -> list[int]:
    """Row numbers (as a spreadsheet shows them) where `mask` is True."""
    return [int(r) for r in df.index[np.asarray(mask, dtype=bool)]]


def duplicates(df: pd.DataFrame, keys: Sequence[str], file: str) -> list[Problem]:
    """One Problem per key that appears in more than one row."""
    if not set(keys) <= set(df.columns):
        return []
    dup = df.duplicated(list(keys), keep=False) & df[list(keys)].notna().all(axis=1)
    problems, seen = [], set()
    for i in np.flatnonzero(dup.to_numpy()):
        key = tuple(df[list(keys)].iloc[i])
        if key in seen:
            continue
        seen.add(key)
        where = rows(df, (df[list(keys)] == pd.Series(key, index=list(keys))).all(axis=1))
        problems.append(Problem(file, f"{' / '.join(map(str, key))} appears more than once "
                                f"(rows {', '.join(map(str, where))})",
                                "Keep one row per " + " and ".join(keys), where[0], keys[-1]))
    return problems


def finish(valid: pd.DataFrame | None, problems: list[Problem]) -> pd.DataFrame:
    """Raise every problem, or return the valid frame with a 0-based index."""
    raise_if_problems(problems)
    return valid.reset_index(drop=True)


def text_column(nullable: bool = False, required: bool = True, checks=None) -> pa.Column:
    return pa.Column(str, checks, nullable=nullable, required=required)


def count_column(nullable: bool = False, required: bool = True) -> pa.Column:
    return pa.Column("Int64", pa.Check.ge(0), nullable=nullable, required=required)
