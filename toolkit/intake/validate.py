"""Turn pandera's lazy validation failures into :class:`~toolkit.errors.Problem` lists."""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from toolkit.errors import Problem

__all__ = ["validate_frame", "FIRST_DATA_ROW"]

#: Row number (as a spreadsheet shows it) of the first data row when the header is one row.
FIRST_DATA_ROW = 2


def _hint(check: str, column: str | None, hints: dict[str, str]) -> str:
    if column in hints:
        return hints[column]
    if check == "column_in_dataframe":
        return "Add the column to the file, or map its name in forum.yml"
    if "not_nullable" in check:
        return "Fill in the empty cells or remove the rows"
    if check.startswith("isin"):
        return "Use one of the allowed values (see docs/)"
    if "dtype" in check or "coerce" in check:
        return "Use a value of the right type"
    if check.startswith(("greater", "less", "in_range")):
        return "Correct the value; it is outside the allowed range"
    return "Correct the value (see docs/)"


def _missing_column_hint(column: str) -> str:
    """What to do about a required column the file lacks: add it, or map the file's own name onto it.

    Examples
    --------
    >>> print(_missing_column_hint("member_id"))
    Add the column to the file, or map the file's own column onto it in forum.yml: give the file's inputs entry as file: <its path> and columns: {member_id: <the column's name as the file's header row writes it>} (docs/forum-folder.md, "Mapping an agency's file")
    """
    return (f"Add the column to the file, or map the file's own column onto it in forum.yml: give the file's inputs "
            f"entry as file: <its path> and columns: {{{column}: <the column's name as the file's header row writes it>}} "
            "(docs/forum-folder.md, \"Mapping an agency's file\")")


def _custom_checks(schema: pa.DataFrameSchema) -> dict[str, str]:
    """Error text -> description of every check in `schema` declared with ``error=`` and ``description=``.

    (Pandera fills in ``error`` for its built-in checks, e.g. ``isin(['a'])``; a description is
    only there when the schema's author wrote one.)
    """
    checks = list(schema.checks)
    for col in schema.columns.values():
        checks.extend(col.checks)
    return {c.error: c.description for c in checks if c.error and c.description}


def validate_frame(
    df: pd.DataFrame,
    schema: pa.DataFrameSchema,
    file: str,
    hints: dict[str, str] | None = None,
    first_row: int = FIRST_DATA_ROW,
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Validate `df` lazily against `schema`.

    Parameters
    ----------
    df : DataFrame
        Frame as read, with a 0-based positional index.
    schema : pandera.DataFrameSchema
    file : str
        File name shown in messages.
    hints : dict, optional
        Column -> what the user should do when that column fails.
        A check declared with both ``error=`` and ``description=`` reports the error text as its
        message and the description as its hint, before these.
    first_row : int
        Spreadsheet row number of ``df.index == 0``.

    Returns
    -------
    (DataFrame or None, list of Problem)
        The validated (coerced) frame, or None when there were problems, and the problems.

    Examples
    --------
    >>> schema = pa.DataFrameSchema({"n": pa.Column(int, pa.Check.ge(0))})
    >>> _, problems = validate_frame(pd.DataFrame({"n": [1, -2]}), schema, "f.csv")
    >>> print(problems[0])
    f.csv, row 3, column 'n': failed check greater_than_or_equal_to(0) (value: -2). Correct the value; it is outside the allowed range
    >>> schema = pa.DataFrameSchema({"n": pa.Column(int, pa.Check.ge(0, error="a count below zero",
    ...                                                              description="Counts start at 0"))})
    >>> print(validate_frame(pd.DataFrame({"n": [1, -2]}), schema, "f.csv")[1][0])
    f.csv, row 3, column 'n': a count below zero (value: -2). Counts start at 0
    """
    hints = hints or {}
    try:
        return schema.validate(df, lazy=True), []
    except SchemaErrors as exc:
        problems = []
        custom = _custom_checks(schema)
        fc = exc.failure_cases
        for rec in fc.to_dict("records"):
            column = rec.get("column")
            check = str(rec.get("check"))
            index = rec.get("index")
            value = rec.get("failure_case")
            row = None
            if index is not None and not (isinstance(index, float) and pd.isna(index)):
                try:
                    row = int(index) + first_row
                except (TypeError, ValueError):
                    row = None
            if check in custom:
                problems.append(Problem(file, check, custom[check], row, column, value))
                continue
            if check == "column_in_dataframe":
                message, column, value = f"required column {value!r} is missing", value, None
                problems.append(Problem(file, message, _missing_column_hint(column), row, column, value))
                continue
            elif check == "column_in_schema":
                message, column, value = f"unexpected column {value!r}", value, None
            elif "not_nullable" in check:
                message, value = "empty cell where a value is required", None
            elif check.startswith("isin"):
                message = "value not among the allowed values"
            else:
                message = f"failed check {check}"
            problems.append(Problem(file, message, _hint(check, column, hints), row, column, value))
        return None, problems
