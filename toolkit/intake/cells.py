"""Every cell parser of the intake: column names, text, numbers, booleans and dates.

Each parser takes a column as read (a Series of text cells, or numbers and dates from SPSS and
Excel) and returns a :class:`Parsed`: the values, a mask of the cells that could not be read and,
for those, why. The callers turn the mask into Problems naming file, row, column and value; no
parser guesses.

Numbers and the decimal mark
----------------------------
A file has one decimal mark (``","`` for Dutch Excel CSV, ``"."`` otherwise); the other mark
(``"."`` or ``","``) is a thousands separator **only in a well-formed group**: ``1.234``,
``1.234.567`` and ``1.234,5`` in a decimal-comma file, ``1,234`` and ``1,234.5`` in a
decimal-point file. A cell that uses the other mark in any other way (``7.5`` in a decimal-comma
file, ``6,5`` in a decimal-point file) is ambiguous: it is read with the other mark as its decimal
mark when the column's other cells say so (at least one other such cell, and no cell with the
file's own decimal mark: then the whole column is read with the other mark, so ``1.234`` there is
1.234), and is reported otherwise (:attr:`Parsed.ambiguous`). So in a decimal-comma file:

========== ======================================== ==========================================
cell        column with decimal commas or integers   column whose other cells use ``.`` (7.25)
========== ======================================== ==========================================
``7,5``     7.5                                      (a mixed column: ``7.25`` is reported)
``7.5``     reported: ambiguous                      7.5
``1.234``   1234                                     1.234
``1.234,5`` 1234.5                                   1234.5
========== ======================================== ==========================================

Empty cells, and ``NA``, ``NaN``, ``#N/A`` and ``None`` (any case), are missing, not bad.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "Parsed", "EMPTY", "DATE_HINT", "column_name", "text", "texts", "numbers", "number", "booleans",
    "parse_date", "parse_month", "MONTH_HINT", "dates", "decimal_hint",
]

#: Cells read as missing in a number column (compared in lower case, after stripping).
EMPTY = frozenset({"", "na", "nan", "#n/a", "none"})
#: What to tell a user whose date could not be read.
DATE_HINT = "Write dates as 2025-02-03, 3-2-2025, 03-02-2025, 3 februari 2025 or 3 feb 2025 (day first)"

NOT_A_NUMBER = "not a number"
NOT_WHOLE = "not a whole number"
NOT_BOOLEAN = "not yes or no"

_TRUE = frozenset({"true", "1", "1.0", "yes", "y", "ja", "j", "waar", "x"})
_FALSE = frozenset({"false", "0", "0.0", "no", "n", "nee", "onwaar"})
_OTHER = {",": ".", ".": ","}


@dataclass(frozen=True)
class Parsed:
    """A column parsed.

    Attributes
    ----------
    values : Series
        The parsed values on the input's index (missing where the cell is empty or bad).
    bad : Series of bool
        Cells that hold something that could not be read.
    reason : Series of object
        Why each bad cell is bad (e.g. ``"not a number"``, ``"no such date (...)"``); None elsewhere.
    ambiguous : Series of bool
        Numbers only: bad cells whose decimal mark is ambiguous (``7.5`` in a decimal-comma file).
    """

    values: pd.Series
    bad: pd.Series
    reason: pd.Series
    ambiguous: pd.Series


def _parsed(values: pd.Series, bad: pd.Series, reason: pd.Series | None = None,
            ambiguous: pd.Series | None = None) -> Parsed:
    bad = bad.astype(bool)
    if reason is None:
        reason = pd.Series(None, index=values.index, dtype=object)
    if ambiguous is None:
        ambiguous = pd.Series(False, index=values.index)
    return Parsed(values=values, bad=bad, reason=reason.where(bad, None).astype(object),
                  ambiguous=ambiguous & bad)


# ----------------------------------------------------------------------------- names and text
def column_name(name: Any) -> str:
    """A column header as the readers compare it: lower case, runs of spaces and hyphens as ``_``.

    Examples
    --------
    >>> column_name(" Age-group "), column_name("sessions attended"), column_name("\\ufeffResponse  date")
    ('age_group', 'sessions_attended', 'response_date')
    """
    return re.sub(r"[\s\-]+", "_", str(name).replace("\ufeff", "").strip().lower())


def text(value: Any) -> str | None:
    """One cell as stripped text; None when empty. Excel numbers lose a spurious ``.0``.

    Examples
    --------
    >>> text(" man "), text(12.0), text(float("nan")), text(pd.Timestamp("2024-03-01")), text(pd.NA)
    ('man', '12', None, '2024-03-01T00:00:00', None)
    """
    if isinstance(value, str):
        return value.strip() or None
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (float, np.floating)):
        if np.isnan(value):
            return None
        if float(value).is_integer():
            return str(int(value))
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return str(value).strip() or None


def texts(s: pd.Series) -> pd.Series:
    """A column as stripped text (:func:`text` per cell), missing where empty; dtype ``str``."""
    # a loop in Python: ten times faster than .str.strip() on a million cells
    values = [(v.strip() or None) if type(v) is str else text(v) for v in s.to_numpy(dtype=object)]
    return pd.Series(values, index=s.index, dtype="str")


# ----------------------------------------------------------------------------- numbers
def _patterns(decimal: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(plain number with the file's mark, well-formed thousands groups, the other mark as decimal)."""
    d, g = re.escape(decimal), re.escape(_OTHER[decimal])
    plain = re.compile(rf"[+-]?(?:\d+(?:{d}\d*)?|{d}\d+)(?:[eE][+-]?\d+)?")
    grouped = re.compile(rf"[+-]?[1-9]\d{{0,2}}(?:{g}\d{{3}})+(?:{d}\d*)?")
    other = re.compile(rf"[+-]?\d*{g}\d+")
    return plain, grouped, other


def _read(t: pd.Series, decimal: str) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """Text -> (numbers, unreadable, uses the other mark as decimal, uses the file's decimal mark)."""
    plain, grouped, other = _patterns(decimal)
    is_plain = t.str.fullmatch(plain).fillna(False).astype(bool)
    is_grouped = t.str.fullmatch(grouped).fillna(False).astype(bool) & ~is_plain
    is_other = t.str.fullmatch(other).fillna(False).astype(bool) & ~is_grouped & ~is_plain
    own = (is_plain | is_grouped) & t.str.contains(decimal, regex=False).fillna(False).astype(bool)
    s = t.where(is_plain | is_grouped)
    s = s.mask(is_grouped, s.str.replace(_OTHER[decimal], "", regex=False))
    if decimal == ",":
        s = s.str.replace(",", ".", regex=False)
    num = pd.to_numeric(s, errors="coerce").astype("float64")
    return num, t.notna() & num.isna(), is_other, own


def numbers(s: pd.Series, decimal: str = ".", *, whole: bool = False, percent: bool = False) -> Parsed:
    """Read a column of numbers (the rule for the decimal mark is in the module's docstring).

    Parameters
    ----------
    s : Series
        Text cells as read, or numbers (SPSS, Excel); both may be mixed in one column.
    decimal : {".", ","}
        The file's decimal mark.
    whole : bool
        Only whole numbers are readable.
    percent : bool
        A trailing ``%`` divides by 100 (``49,7%`` is 0.497); otherwise it makes the cell bad.

    Returns
    -------
    Parsed
        ``values`` float64 (NaN where empty or bad).

    Examples
    --------
    >>> cells = pd.Series(["7,5", "1.234", "1.234,5", "7.5", "", "NA", "x"])
    >>> p = numbers(cells, ",")
    >>> p.values.tolist()
    [7.5, 1234.0, 1234.5, nan, nan, nan, nan]
    >>> p.bad.tolist(), p.ambiguous.tolist()[3]
    ([False, False, False, True, False, False, True], True)
    >>> numbers(pd.Series(["7.5", "7.25", "1.234"]), ",").values.tolist()  # the column uses "."
    [7.5, 7.25, 1.234]
    """
    if decimal not in _OTHER:
        raise ValueError(f"decimal must be '.' or ',', not {decimal!r}")
    index = s.index
    if pd.api.types.is_bool_dtype(s.dtype):
        raise TypeError("a column of booleans is not a column of numbers")
    if pd.api.types.is_numeric_dtype(s.dtype):
        values = s.astype("float64")
        bad = pd.Series(False, index=index)
    else:
        raw = s.astype(object)
        given = raw.map(lambda v: isinstance(v, (int, float, np.integer, np.floating))
                        and not isinstance(v, (bool, np.bool_))).astype(bool)
        t = raw.where(~given).map(lambda v: v.strip() if isinstance(v, str) else v)
        t = t.map(lambda v: str(v).strip() if v is not None and not pd.isna(v) else None)
        t = pd.Series(t, index=index, dtype="str")
        t = t.mask(t.str.lower().isin(EMPTY).fillna(False).astype(bool))
        pct = pd.Series(False, index=index)
        if percent:
            pct = t.str.endswith("%").fillna(False).astype(bool)
            t = t.mask(pct, t.str[:-1].str.strip())
        num, bad, other, own = _read(t, decimal)
        ambiguous = bad & other
        if ambiguous.sum() >= 2 and not own.any():  # the column's cells agree on the other mark
            num, bad, _, _ = _read(t, _OTHER[decimal])
            ambiguous = pd.Series(False, index=index)
        num = num.mask(pct, num / 100)
        values = num.where(~given, pd.to_numeric(raw.where(given), errors="coerce").astype("float64"))
        reason = pd.Series(np.where(ambiguous, f"decimal mark {_OTHER[decimal]!r} in a file that uses "
                                    f"{decimal!r}", NOT_A_NUMBER), index=index, dtype=object)
        if whole:
            fraction = ~bad & values.notna() & (values != np.round(values))
            reason = reason.mask(fraction, NOT_WHOLE)
            bad = bad | fraction
        values = values.where(~bad)
        return _parsed(values, bad, reason, ambiguous)
    infinite = values.isin([np.inf, -np.inf])
    bad = bad | infinite
    if whole:
        bad = bad | (values.notna() & ~infinite & (values != np.round(values)))
    reason = pd.Series(np.where(infinite, NOT_A_NUMBER, NOT_WHOLE), index=index, dtype=object)
    return _parsed(values.where(~bad), bad, reason)


def number(value: Any, decimal: str = ".", *, whole: bool = False) -> float | None:
    """One cell as a number (:func:`numbers`); None when empty; ValueError saying why when bad.

    Examples
    --------
    >>> number("7,5", ","), number(" ", "."), number(3), number("1.234", ",")
    (7.5, None, 3.0, 1234.0)
    >>> number("7.5", ",")
    Traceback (most recent call last):
    ValueError: decimal mark '.' in a file that uses ','
    """
    p = numbers(pd.Series([value], dtype=object), decimal, whole=whole)
    if p.bad.iloc[0]:
        raise ValueError(p.reason.iloc[0])
    x = p.values.iloc[0]
    return None if np.isnan(x) else float(x)


def decimal_hint(decimal: str) -> str:
    """The hint for an ambiguous decimal mark in a file whose decimal mark is `decimal`."""
    other = _OTHER[decimal]
    return (f"This file writes decimals with {decimal!r} (e.g. 7{decimal}5); {other!r} is read only as "
            f"a thousands separator in groups of three (1{other}234). Write the value with {decimal!r}, "
            f"or write every decimal of the column with {other!r}")


# ----------------------------------------------------------------------------- booleans
def booleans(s: pd.Series) -> Parsed:
    """Read a column of yes/no cells (ja/nee, yes/no, true/false, 1/0, waar/onwaar, x).

    Examples
    --------
    >>> p = booleans(pd.Series(["Ja", "nee", None, "misschien"]))
    >>> p.values.tolist(), p.bad.tolist()
    ([True, False, <NA>, <NA>], [False, False, False, True])
    """
    low = s.astype("str").str.strip().str.lower()
    out = pd.Series(pd.NA, index=s.index, dtype="boolean")
    out[low.isin(_TRUE).fillna(False).astype(bool)] = True
    out[low.isin(_FALSE).fillna(False).astype(bool)] = False
    given = s.notna() & (low != "").fillna(False).astype(bool)
    bad = given & out.isna()
    return _parsed(out, bad, pd.Series(NOT_BOOLEAN, index=s.index, dtype=object))


# ----------------------------------------------------------------------------- dates
_MONTHS = {"januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "february": 2, "maart": 3,
           "mrt": 3, "mar": 3, "march": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "jun": 6,
           "june": 6, "juli": 7, "jul": 7, "july": 7, "augustus": 8, "aug": 8, "august": 8, "september": 9,
           "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "october": 10, "november": 11,
           "nov": 11, "december": 12, "dec": 12}
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?")
_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})")
_WORDS = re.compile(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{2}|\d{4})")
_TIME = re.compile(r"(.*?)(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def parse_date(value: Any) -> dt.date:
    """Read one date written in ISO or a Dutch format, strictly.

    Accepted: ``2025-02-03``, ``3-2-2025``, ``03-02-2025`` (also with ``/`` or ``.``; always day
    first), ``3 februari 2025``, ``3 feb 2025``, ``3 feb. 2025`` (Dutch or English month names and
    abbreviations), and date cells from Excel.

    Parameters
    ----------
    value : str, datetime.date, datetime.datetime or pandas.Timestamp

    Returns
    -------
    datetime.date

    Raises
    ------
    ValueError
        The value is not one of the formats, has a two-digit year, or names a day that does not
        exist (31-2-2025). The message says which.

    Examples
    --------
    >>> parse_date("3-2-2025"), parse_date("3 februari 2025") == parse_date("2025-02-03")
    (datetime.date(2025, 2, 3), True)
    >>> parse_date("31-2-2025")
    Traceback (most recent call last):
    ValueError: no such date (day 31 of month 2 in 2025)
    """
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError("a number or other value where a date was expected (format the cell as a date)")
    s = " ".join(value.strip().lower().split())
    if m := _ISO.fullmatch(s):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _NUMERIC.fullmatch(s):
        d, mo, y = int(m[1]), int(m[3]), m[4]
    elif (m := _WORDS.fullmatch(s)) and m[2] in _MONTHS:
        d, mo, y = int(m[1]), _MONTHS[m[2]], m[3]
    else:
        raise ValueError("not a date in a format the toolkit reads")
    if isinstance(y, str):
        if len(y) == 2:
            raise ValueError("two-digit year; write the year in full (2025)")
        y = int(y)
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValueError(f"no such date (day {d} of month {mo} in {y})") from None


#: What to tell a user whose date could not be read where a month alone is allowed.
MONTH_HINT = DATE_HINT + ", or a month alone: 2021-04, 4-2021 or april 2021"
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_NUMERIC_MONTH = re.compile(r"(\d{1,2})[-/.](\d{4})")
_WORDS_MONTH = re.compile(r"([a-z]+)\.?\s+(\d{4})")


def parse_month(value: Any) -> tuple[int, int] | None:
    """``(year, month)`` of a value that names a month but no day, else None.

    Accepted: ``2021-04``, ``4-2021`` (also ``/`` or ``.``), ``april 2021``, ``apr 2021`` (Dutch or
    English month names). Text after the month in brackets is a note and ignored
    (``2017-12 (day not found)``).

    Raises
    ------
    ValueError
        The value names month 13 or 0.

    Examples
    --------
    >>> parse_month("2021-04"), parse_month("december 2017"), parse_month("2017-12 (day not found)")
    ((2021, 4), (2017, 12), (2017, 12))
    >>> parse_month("2021-04-03") is None
    True
    """
    if not isinstance(value, str):
        return None
    s = " ".join(re.sub(r"\s*\(.*\)\s*$", "", value).strip().lower().split())
    if m := _ISO_MONTH.fullmatch(s):
        y, mo = int(m[1]), int(m[2])
    elif m := _NUMERIC_MONTH.fullmatch(s):
        mo, y = int(m[1]), int(m[2])
    elif (m := _WORDS_MONTH.fullmatch(s)) and m[1] in _MONTHS:
        mo, y = _MONTHS[m[1]], int(m[2])
    else:
        return None
    if not 1 <= mo <= 12:
        raise ValueError(f"no such month ({mo})")
    return y, mo


def _moment(value: str) -> pd.Timestamp:
    """A date (:func:`parse_date`) with an optional time of day (``HH:MM`` or ``HH:MM:SS``)."""
    m = _TIME.fullmatch(" ".join(value.strip().split()))
    day = parse_date(m[1])
    if m[2] is None:
        return pd.Timestamp(day)
    h, mi, sec = int(m[2]), int(m[3]), int(m[4] or 0)
    if h > 23 or mi > 59 or sec > 59:
        raise ValueError(f"no such time of day ({m[2]}:{m[3]}{':' + m[4] if m[4] else ''})")
    return pd.Timestamp(dt.datetime.combine(day, dt.time(h, mi, sec)))


def dates(s: pd.Series, *, times: bool = False) -> Parsed:
    """Read a column of dates (:func:`parse_date`), each distinct value once.

    Parameters
    ----------
    s : Series
        Text cells, or dates and Timestamps from Excel.
    times : bool
        Cells may carry a time of day: ISO 8601 (``2024-03-01T10:15:00``, with or without an
        offset, read as Dutch local time) or a date of :func:`parse_date` followed by ``10:15``.
        The values keep the time. Without `times`, a time other than 00:00 makes the cell bad.

    Returns
    -------
    Parsed
        ``values`` datetime64[ns] (NaT where empty or bad); ``reason`` what :func:`parse_date` says.

    Examples
    --------
    >>> p = dates(pd.Series(["3 feb 2025", "2025-02-03", None, "31-2-2025"]))
    >>> p.values.dt.strftime("%Y-%m-%d").tolist(), p.reason.tolist()[3]
    (['2025-02-03', '2025-02-03', nan, nan], 'no such date (day 31 of month 2 in 2025)')
    >>> dates(pd.Series(["2024-03-01T10:15:00+01:00", "02-03-2024 9:30"]), times=True).values.tolist()
    [Timestamp('2024-03-01 10:15:00'), Timestamp('2024-03-02 09:30:00')]
    """
    index = s.index
    out = pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    reason = pd.Series(None, index=index, dtype=object)
    raw = s.astype(object)
    todo = s.notna()
    if times:
        textual = s if pd.api.types.is_string_dtype(s.dtype) else raw.map(lambda v: v if isinstance(v, str) else None)
        textual = pd.Series(textual, index=index, dtype="str")
        try:
            fast = pd.to_datetime(textual, format="ISO8601", errors="coerce")
        except (ValueError, TypeError):  # offsets mixed with naive times: a time without one is local
            offset = textual.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", regex=True).fillna(False).astype(bool)
            fast = pd.to_datetime(textual.where(~offset), format="ISO8601", errors="coerce")
            aware = pd.to_datetime(textual.where(offset), format="ISO8601", errors="coerce", utc=True)
            fast = fast.where(~offset, aware.dt.tz_convert("Europe/Amsterdam").dt.tz_localize(None))
        if getattr(fast.dt, "tz", None) is not None:  # every time with an offset: Dutch local time
            fast = fast.dt.tz_convert("Europe/Amsterdam").dt.tz_localize(None)
        # ISO 8601 also has 2024 and 2024-03, which are no day: those go to the strict reader
        out = fast.astype("datetime64[ns]").where(textual.str.len().fillna(0).to_numpy() >= 10)
        todo &= out.isna()
    one = _moment if times else (lambda v: pd.Timestamp(parse_date(v)))
    rest, read, why = raw[todo], {}, {}
    for value in pd.unique(rest.to_numpy(dtype=object)):
        if isinstance(value, str) and not value.strip():
            continue  # an empty cell
        try:
            read[value] = one(value) if isinstance(value, str) else pd.Timestamp(parse_date(value))
        except ValueError as exc:
            why[value] = str(exc)
    if len(rest):
        out[todo] = pd.to_datetime(rest.map(read)).astype("datetime64[ns]")
        reason[todo] = rest.map(why)
    return _parsed(out, todo & out.isna() & reason.notna(), reason)
