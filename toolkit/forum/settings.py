"""Settings of forum.yml that many parts of the toolkit read: each read here, with its default.

Examples
--------
>>> min_cell_size({"min_cell_size": 10}), min_cell_size({})
(10, 5)
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # forum.config imports this module without pandas (a skipped forum costs no import)
    from toolkit.intake.files import SheetLimits

__all__ = ["DEFAULT_MIN_CELL_SIZE", "min_cell_size", "sheet_limits"]

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
