"""The analyses of a forum in one process: the same calls the notebooks make, without notebooks.

:func:`compute_results` is what results.json holds; it is also the benchmark's "floor".
Each analysed section of the registry (:data:`toolkit.sections.SECTIONS`) gives its block; its
``analyse`` is cached per forum, so a notebook and the summary never compute the same thing twice in one
kernel.
"""
from __future__ import annotations

from typing import Any

from toolkit.jsonable import jsonable
from toolkit.report import results as _results
from toolkit.sections import analysed

__all__ = ["compute_results", "scorecard_lines"]


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
    for sec in analysed():
        out[sec.id] = sec.key_figures(forum)
    return jsonable(out)


def scorecard_lines() -> dict:
    """results.json key -> function(section key figures, lang) -> [(topic, finding)], for the summary scorecard."""
    return {sec.id: sec.scorecard_lines for sec in analysed()}
