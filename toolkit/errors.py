"""Errors a user can act on.

Every problem with a user's input is a :class:`Problem`: where it is (file, row, column),
what was found (value) and what to do. Validation collects all problems first and raises
one :class:`InputError` holding them, so a user sees every problem at once. The CLI turns an
``InputError`` into a plain message and exit code 2, without a traceback.
"""
from __future__ import annotations

from typing import Any, Iterable, NamedTuple

__all__ = ["Problem", "InputError", "raise_if_problems", "format_problems"]


class Problem(NamedTuple):
    """One problem in one input file.

    Attributes
    ----------
    file : str
        The file (or config key) the problem is in.
    message : str
        What was found, in plain words.
    hint : str
        What the user should do about it.
    row : int or None
        1-based data row as a spreadsheet shows it (header = row 1), when known.
    column : str or None
        Column name, when known.
    value : Any
        The offending value, when known.
    """

    file: str
    message: str
    hint: str = ""
    row: int | None = None
    column: str | None = None
    value: Any = None

    def __str__(self) -> str:
        where = [str(self.file)]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        text = ", ".join(where) + ": " + self.message
        value = _plain(self.value)
        if value is not None:
            text += f" (value: {_short(repr(value))})"
        if self.hint:
            text += f". {self.hint}"
        return text


#: Longest value a message shows; a longer one is cut (a cell or a YAML value can be megabytes).
MAX_VALUE_CHARS = 200


def _short(text: str) -> str:
    """`text` cut to :data:`MAX_VALUE_CHARS` characters, saying how much was left out.

    Examples
    --------
    >>> _short("'" + "x" * 300 + "'")[-30:]
    'xxx... (302 characters in all)'
    """
    if len(text) <= MAX_VALUE_CHARS:
        return text
    return f"{text[:MAX_VALUE_CHARS]}... ({len(text)} characters in all)"


def _plain(value: Any) -> Any:
    """numpy scalars -> Python; whole floats -> int; NaN -> None (for messages)."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, TypeError):
            pass
    if isinstance(value, float):
        if value != value:
            return None
        if value.is_integer():
            return int(value)
    return value


def format_problems(problems: Iterable[Problem], limit: int = 200) -> str:
    """Number the problems one per line, at most `limit` of them.

    Examples
    --------
    >>> print(format_problems([Problem("a.csv", "not a number", "Use digits", row=3, column="age", value="x")]))
    1 problem found:
      1. a.csv, row 3, column 'age': not a number (value: 'x'). Use digits
    """
    problems = list(problems)
    n = len(problems)
    lines = [f"{n} problem{'s' if n != 1 else ''} found:"]
    for i, p in enumerate(problems[:limit], 1):
        lines.append(f"  {i}. {p}")
    if n > limit:
        lines.append(f"  ... and {n - limit} more of the same kinds.")
    return "\n".join(lines)


class InputError(Exception):
    """The user's input is wrong; carries every :class:`Problem` found.

    Examples
    --------
    >>> err = InputError([Problem("forum.yml", "missing key 'name'", "Add a name")])
    >>> err.problems[0].file
    'forum.yml'
    """

    def __init__(self, problems: Iterable[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("input", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__(format_problems(self.problems))

    @classmethod
    def from_report(cls, report: str) -> "InputError":
        """An InputError whose message is an already formatted problem list (e.g. raised in a kernel)."""
        err = cls([])
        err.args = (report,)
        return err


def raise_if_problems(problems: list[Problem]) -> None:
    """Raise :class:`InputError` if `problems` is not empty."""
    if problems:
        raise InputError(problems)
