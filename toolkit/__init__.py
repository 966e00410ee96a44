"""forum-eval: evaluate citizen forums (burgerfora).

Representativeness, attitude shifts and political follow-up of a forum, from its survey exports and
registers, as a self-contained offline HTML report and a machine-readable results.json.

Example
-------
>>> import toolkit
>>> forum = toolkit.load_forum("surveys/example")       # read and check every input once
>>> toolkit.representativeness.analyse(forum).composition.columns[:3].tolist()
['variable', 'category', 'n']
>>> results = toolkit.compute_results(forum)            # every section's results.json block
>>> sorted(results)
['attitudes', 'exclusions', 'follow_up', 'forum', 'provenance', 'representativeness']

Public API
----------
load_forum, Forum
    Read a forum folder (``surveys/<forum>``); ``Forum`` holds tidy frames.
representativeness, attitudes, follow_up
    The sections: ``analyse(forum)`` returns the section's result (frozen dataclass of tidy frames,
    before disclosure control: for analysis, not for publication); ``figures(forum)`` its
    results.json block (after disclosure control); ``scorecard_lines(...)`` its summary lines.
compute_results, write_results, read_results
    Every section's block; results.json written and read, checked against the schema.
InputError, Problem
    What a user's input got wrong (file, row, column, value, what to do).

The command line is ``forum-eval`` (``python -m toolkit``). The public names are imported on first
use, so that ``forum-eval`` starts fast (a rerun with nothing changed needs no pandas).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["InputError", "Problem", "Forum", "load_forum", "compute_results", "read_results", "write_results",
           "representativeness", "attitudes", "follow_up"]
__version__ = "0.1.0"

if TYPE_CHECKING:  # for type checkers and IDEs: the same names, imported eagerly
    from toolkit.errors import InputError, Problem
    from toolkit.forum.load import Forum, load_forum
    from toolkit.report.pipeline import compute_results
    from toolkit.report.results import read_results, write_results
    from toolkit.sections.attitudes import result as attitudes
    from toolkit.sections.follow_up import result as follow_up
    from toolkit.sections.representativeness import result as representativeness


def _public(name: str):
    if name == "representativeness":
        from toolkit.sections.representativeness import result
        return result
    if name == "attitudes":
        from toolkit.sections.attitudes import result
        return result
    if name == "follow_up":
        from toolkit.sections.follow_up import result
        return result
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
