"""forum-eval: evaluate citizen forums (burgerfora).

Representativeness, attitude shifts and political follow-up of a forum, from its survey exports and
registers, as a self-contained offline HTML report and a machine-readable results.json.

The public names below are imported on first use, so that ``forum-eval`` starts fast (a rerun
with nothing changed needs no pandas).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["InputError", "Problem", "Forum", "load_forum", "compute_results", "read_results", "write_results"]
__version__ = "0.1.0"

if TYPE_CHECKING:  # for type checkers and IDEs: the same names, imported eagerly
    from toolkit.errors import InputError, Problem
    from toolkit.forum.load import Forum, load_forum
    from toolkit.report.pipeline import compute_results
    from toolkit.report.results import read_results, write_results


def _public(name: str):
    if name in ("InputError", "Problem"):
        from toolkit import errors as module
    elif name in ("Forum", "load_forum"):
        from toolkit.forum import load as module
    elif name == "compute_results":
        from toolkit.report import pipeline as module
    else:
        from toolkit.report import results as module
    return getattr(module, name)


def __getattr__(name: str):
    if name in __all__:
        value = _public(name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")


def __dir__():
    return sorted(__all__ + ["__version__"])
