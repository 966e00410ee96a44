"""The section cache: a section's analysis is computed once per forum object (and set of arguments).

The section's notebook and the summary (results.json) call the same ``analyse(forum)``, so nothing is
computed twice in one kernel. A *source* (:func:`add_source`) may supply a result computed elsewhere:
:func:`toolkit.run.prefetch.install` adds the runner's helper process, which computes the slowest
section while the kernel works. Without a source (JupyterLab, tests) the cache computes.
"""
from __future__ import annotations

import functools
from typing import Any, Callable

__all__ = ["cached", "add_source", "remove_source", "clear"]

_CACHE: dict[tuple, tuple[Any, Any]] = {}
#: Functions ``(section id, forum) -> (found, result)`` asked before ``analyse(forum)`` is computed.
_SOURCES: list[Callable[[str, Any], tuple[bool, Any]]] = []


def add_source(source: Callable[[str, Any], tuple[bool, Any]]) -> None:
    """Ask `source` for a section's ``analyse(forum)`` result before computing it (once per source)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def remove_source(source: Callable[[str, Any], tuple[bool, Any]]) -> None:
    """Stop asking `source` (no error when it was not added)."""
    if source in _SOURCES:
        _SOURCES.remove(source)


def clear() -> None:
    """Forget every cached result (and the forums they keep alive)."""
    _CACHE.clear()


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


def _from_sources(func: Callable, forum) -> tuple[bool, Any]:
    section = func.__module__.split(".")[2]  # toolkit.sections.<section>.result
    for source in _SOURCES:
        found, result = source(section, forum)
        if found:
            return True, result
    return False, None


def cached(func: Callable) -> Callable:
    """Cache ``func(forum, *args)`` per forum object and arguments (the forum is kept alive with its result).

    On a miss, a section's ``analyse(forum)`` without further arguments first asks the sources
    (:func:`add_source`) whether it was computed already.
    """

    def wrapper(forum, *args, **kwargs):
        key = (func.__module__ + "." + func.__qualname__, id(forum), _freeze(args), _freeze(kwargs))
        hit = _CACHE.get(key)
        if hit is not None and hit[0] is forum:
            return hit[1]
        found, result = (_from_sources(func, forum) if func.__name__ == "analyse" and not args and not kwargs
                         else (False, None))
        if not found:
            result = func(forum, *args, **kwargs)
        _CACHE[key] = (forum, result)
        return result

    return functools.update_wrapper(wrapper, func)  # also __module__, so doctest finds its Examples
