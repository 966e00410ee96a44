"""Settings of forum.yml that many parts of the toolkit read: each read here, with its default.

Examples
--------
>>> min_cell_size({"min_cell_size": 10}), min_cell_size({})
(10, 5)
"""
from __future__ import annotations

from collections.abc import Mapping

__all__ = ["DEFAULT_MIN_CELL_SIZE", "min_cell_size"]

#: Smallest count that may be published when forum.yml sets none.
DEFAULT_MIN_CELL_SIZE = 5


def min_cell_size(config: Mapping) -> int:
    """The smallest count of people a published table, chart or figure may show (``min_cell_size``).

    Every part that publishes (the sections, results.json, the exports) reads it here and passes it on
    explicitly to :mod:`toolkit.disclosure`.
    """
    return int(config.get("min_cell_size", DEFAULT_MIN_CELL_SIZE))
