"""Dates as Dutch users write them (toolkit.intake.dutch_dates): accepted formats, and strictness."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from toolkit.intake import register
from toolkit.intake.dutch_dates import parse_dutch_date


@pytest.mark.parametrize("text", ["2025-02-03", "3-2-2025", "03-02-2025", "3/2/2025", "3.2.2025", "3 februari 2025",
                                  "3 feb 2025", "3 feb. 2025", "3 Februari 2025", " 03  FEB  2025 ", "3 February 2025",
                                  "2025-02-03 00:00:00"])
def test_parse_dutch_date_accepts_iso_and_dutch_formats(text):
    assert parse_dutch_date(text) == dt.date(2025, 2, 3)


def test_parse_dutch_date_month_names_and_excel_cells():
    assert parse_dutch_date("1 mrt 2025") == dt.date(2025, 3, 1)
    assert parse_dutch_date("31 okt 2024") == dt.date(2024, 10, 31)
    assert parse_dutch_date("17 maart 2023") == dt.date(2023, 3, 17)
    assert parse_dutch_date(pd.Timestamp("2025-02-03")) == dt.date(2025, 2, 3)
    assert parse_dutch_date(dt.datetime(2025, 2, 3)) == dt.date(2025, 2, 3)


@pytest.mark.parametrize("text, message", [
    ("31-2-2025", "no such date"), ("2025-02-30", "no such date"), ("3-2-25", "two-digit year"),
    ("februari 2025", "not a date"), ("3 febr 2025", "not a date"), ("2025/02/03", "not a date"),
    ("45691", "not a date"), (45691.0, "a number"), ("2025-02-03 14:00", "not a date"), ("", "not a date"),
])
def test_parse_dutch_date_is_strict(text, message):
    with pytest.raises(ValueError, match=message):
        parse_dutch_date(text)


def test_still_importable_from_the_register_module():
    assert register.parse_dutch_date is parse_dutch_date
