"""Glue between a loaded :class:`~toolkit.forum.load.Forum` and the plain analysis functions, per section.

Each module here (``representativeness``, ``attitudes``, ``follow_up``) exposes:

- ``analyse(forum) -> <Section>Result | None``: calls the analysis functions with the forum's frames
  and settings; cached per forum object (see :func:`cached`), so the section's notebook and the
  summary compute it once per kernel. None when the forum has no data for the section.
- ``figures(forum) -> dict | None``: the section's key figures for results.json (plain JSON types).
- ``scorecard_lines(key_figures, lang) -> list[(topic, finding)]``: lines of the summary scorecard,
  computed only from the key figures (so every number in the summary comes from results.json).

The notebooks and :func:`toolkit.report.pipeline.compute_results` call only these.
"""
from __future__ import annotations

import functools
from typing import Any, Callable

__all__ = ["cached"]

_CACHE: dict[tuple[str, int], tuple[Any, Any]] = {}


def _prefetched(func: Callable, forum) -> tuple[bool, Any]:
    """A section's ``analyse`` result computed by the runner's helper process, if there is one."""
    if func.__name__ != "analyse":
        return False, None
    from toolkit.run.prefetch import fetch

    return fetch(func.__module__.split(".")[2], forum)


def cached(func: Callable) -> Callable:
    """Cache ``func(forum)`` per forum object (the forum is kept alive with its result).

    On a miss, a section's ``analyse`` first asks :func:`toolkit.run.prefetch.fetch` whether the
    runner's helper process computed it already (only in a forum-eval run; see toolkit.run.prefetch).
    """

    def wrapper(forum):
        key = (func.__module__ + "." + func.__qualname__, id(forum))
        hit = _CACHE.get(key)
        if hit is not None and hit[0] is forum:
            return hit[1]
        found, result = _prefetched(func, forum)
        if not found:
            result = func(forum)
        _CACHE[key] = (forum, result)
        return result

    return functools.update_wrapper(wrapper, func)  # also __module__, so doctest finds its Examples
