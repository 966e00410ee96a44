"""The analyses of a forum in one process: the same calls the notebooks make, without notebooks.

:func:`compute_results` is what results.json holds; it is also the benchmark's "floor".
Each section's glue (``*_section``) takes a :class:`~toolkit.forum.load.Forum`, calls the plain analysis
functions with the forum's frames and settings, and is cached per forum so that a notebook and the
summary never compute the same thing twice in one kernel.
"""
from __future__ import annotations

from typing import Any

from toolkit.report import results as _results

__all__ = ["compute_results", "SECTION_FIGURES", "SCORECARD_LINES"]


def _representativeness(forum) -> dict | None:
    from toolkit.sections.representativeness import result as representativeness

    return representativeness.figures(forum)


def _attitudes(forum) -> dict | None:
    from toolkit.sections.attitudes import result as attitudes

    return attitudes.figures(forum)


def _follow_up(forum) -> dict | None:
    from toolkit.sections.follow_up import result as follow_up

    return follow_up.figures(forum)


#: results.json key -> function(forum) returning that section's key figures (None: no data for it).
SECTION_FIGURES = {
    "representativeness": _representativeness,
    "attitudes": _attitudes,
    "follow_up": _follow_up,
}


def compute_results(forum, parameters: dict[str, Any] | None = None, run_started: str | None = None) -> dict:
    """All key figures of a forum, as results.json holds them.

    Parameters
    ----------
    forum : Forum
        From :func:`toolkit.forum.load.load_forum`.
    parameters : dict, optional
        The run's parameters (language, output folder...), recorded in provenance.
    run_started : str, optional
        ISO timestamp of the run; the only value that differs between two runs on the same inputs.

    Returns
    -------
    dict
        Keys ``forum``, ``provenance``, ``exclusions``, ``representativeness``, ``attitudes``,
        ``follow_up``; plain JSON types.
    """
    out = {
        "forum": _results.forum_facts(forum),
        "provenance": _results.provenance(forum, parameters or {}, run_started),
        "exclusions": _results.exclusions(forum),
    }
    for key, func in SECTION_FIGURES.items():
        out[key] = func(forum)
    return _results.to_jsonable(out)


def _lines(section: str):
    def lines(key_figures: dict, lang: str):
        import importlib

        return importlib.import_module(f"toolkit.sections.{section}.result").scorecard_lines(key_figures, lang)
    return lines


#: results.json key -> function(section key figures, lang) -> [(topic, finding)] for the summary scorecard.
SCORECARD_LINES: dict = {"representativeness": _lines("representativeness"), "attitudes": _lines("attitudes"),
                         "follow_up": _lines("follow_up")}
