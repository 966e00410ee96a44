"""Dates as Dutch officials and spreadsheets write them, read strictly (one value at a time).

Used by the follow-up readers (:mod:`toolkit.intake.register`), whose files are typed by hand:
a date that is not clearly one is reported, never guessed.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd

__all__ = ["parse_dutch_date", "parse_month", "DATE_HINT", "MONTH_HINT"]

#: What to tell a user whose date could not be read.
DATE_HINT = "Write dates as 2025-02-03, 3-2-2025, 03-02-2025, 3 februari 2025 or 3 feb 2025 (day first)"

_MONTHS = {"januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "february": 2, "maart": 3,
           "mrt": 3, "mar": 3, "march": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "jun": 6,
           "june": 6, "juli": 7, "jul": 7, "july": 7, "augustus": 8, "aug": 8, "august": 8, "september": 9,
           "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "october": 10, "november": 11,
           "nov": 11, "december": 12, "dec": 12}
#: What to tell a user whose date could not be read where a month alone is allowed.
MONTH_HINT = DATE_HINT + ", or a month alone: 2021-04, 4-2021 or april 2021"
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?")
_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})")
_WORDS = re.compile(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{2}|\d{4})")


def parse_dutch_date(value: Any) -> dt.date:
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
    >>> parse_dutch_date("3-2-2025"), parse_dutch_date("3 februari 2025") == parse_dutch_date("2025-02-03")
    (datetime.date(2025, 2, 3), True)
    >>> parse_dutch_date("31-2-2025")
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
