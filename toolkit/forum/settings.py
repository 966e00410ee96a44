"""Settings of forum.yml that many parts of the toolkit read: each read here, with its default.

National defaults are settings, not facts: the Dutch frameworks (the preconditions of the letter
of 17 March 2023) apply to a forum whose ``country`` is NL, which is the default only for a forum
whose language is Dutch; any forum can ask for them or switch them off
(``follow_up.preconditions: nl-2023 | none``).

Examples
--------
>>> min_cell_size({"min_cell_size": 10}), min_cell_size({})
(10, 5)
>>> country({"language": "nl"}), country({"language": "en"}), country({"country": "ie", "language": "en"})
('NL', None, 'IE')
>>> preconditions_framework({"language": "en"}), preconditions_framework({"country": "IE", "follow_up": {"preconditions": "nl-2023"}})
(None, 'nl-2023')
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # forum.config imports this module without pandas (a skipped forum costs no import)
    from toolkit.intake.files import SheetLimits

__all__ = ["AREA_LEVELS", "LOCAL_LEVELS", "forum_area", "DEFAULT_MIN_CELL_SIZE", "PRECONDITION_FRAMEWORKS", "min_cell_size", "sheet_limits", "country",
           "preconditions_framework"]

#: Frameworks of preconditions a forum's follow-up can be assessed against (``follow_up.preconditions``).
PRECONDITION_FRAMEWORKS = ("nl-2023", "none")

#: Levels of the area a forum (forum.yml ``area.level``) or a benchmark covers.
AREA_LEVELS = ("national", "province", "municipality", "district")
#: Levels below the country: compared with national figures, such a forum gets a caution.
LOCAL_LEVELS = ("province", "municipality", "district")

#: Smallest count that may be published when forum.yml sets none.
DEFAULT_MIN_CELL_SIZE = 5


def min_cell_size(config: Mapping) -> int:
    """The smallest count of people a published table, chart or figure may show (``min_cell_size``).

    Every part that publishes (the sections, results.json, the exports) reads it here and passes it on
    explicitly to :mod:`toolkit.disclosure`.
    """
    return int(config.get("min_cell_size", DEFAULT_MIN_CELL_SIZE))


def sheet_limits(config: Mapping) -> SheetLimits:
    """The largest workbook a forum's readers open (``limits: {xlsx_megabytes, xlsx_rows}``).

    Examples
    --------
    >>> sheet_limits({"limits": {"xlsx_megabytes": 500}})
    SheetLimits(megabytes=500, rows=1048576)
    """
    from toolkit.intake.files import SheetLimits

    limits = config.get("limits") or {}
    default = SheetLimits()
    return SheetLimits(megabytes=int(limits.get("xlsx_megabytes", default.megabytes)),
                       rows=int(limits.get("xlsx_rows", default.rows)))


def country(config: Mapping) -> str | None:
    """The forum's country (ISO 3166 code, upper case): forum.yml ``country``; NL for a Dutch-language
    forum that names none; None (not known) otherwise."""
    value = config.get("country")
    if value:
        return str(value).strip().upper()
    return "NL" if config.get("language", "nl") == "nl" else None


def forum_area(config: Mapping) -> dict:
    """The forum's own area: forum.yml ``area: {name, level, code}``; without it a national forum.

    Returns
    -------
    dict
        ``name`` (str or None: not stated), ``level`` (one of :data:`AREA_LEVELS`, default
        ``national``), ``code`` (e.g. the CBS code ``GM0344``, or None).

    Examples
    --------
    >>> forum_area({"area": {"name": "Gemeente Utrecht", "level": "municipality"}})
    {'name': 'Gemeente Utrecht', 'level': 'municipality', 'code': None}
    >>> forum_area({})["level"]
    'national'
    """
    area = config.get("area") or {}
    name, code = area.get("name"), area.get("code")
    return {"name": str(name).strip() if name else None, "level": str(area.get("level") or "national"),
            "code": str(code).strip().upper() if code else None}


def preconditions_framework(config: Mapping) -> str | None:
    """The preconditions the follow-up is assessed against: ``follow_up.preconditions``, by default
    ``nl-2023`` (the Dutch letter of 17 March 2023) for a Dutch forum and none for any other.

    Returns
    -------
    str or None
        ``"nl-2023"``, or None when no framework applies (no scorecard, no "unknown" rows).
    """
    chosen = (config.get("follow_up") or {}).get("preconditions")
    if chosen is None:
        chosen = "nl-2023" if country(config) == "NL" else "none"
    return None if chosen == "none" else str(chosen)
