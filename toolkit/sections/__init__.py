"""The report's sections, registered once: id, notebook, titles, run order, results.json block, summary lines.

Each analysed section is a package (``representativeness``, ``attitudes``, ``follow_up``) whose files
have one job each:

- ``result.py``: ``analyse(forum)`` (cached per forum, :mod:`toolkit.sections.cache`) calls the plain
  functions of :mod:`toolkit.stats` with the forum's frames and settings; ``figures(forum)`` is the
  section's block of results.json; ``scorecard_lines(key_figures, lang)`` the summary lines, computed
  from results.json only;
- ``figures.py``: that block's key figures, after disclosure control;
- ``tables.py``, ``charts.py``: what the notebook shows; ``text.py``: the nl/en phrases (and, for
  attitudes, ``sentences.py``: the sentences built from them).

What one section lends another goes through :mod:`toolkit.sections.links`. ``summary``, ``methods`` and
``data`` are single modules. Everything that needs to know the sections (the runner, the pipeline, the
helper process, the summary and methods notebooks) reads :data:`SECTIONS`; importing this module
imports no section (and no pandas), so the runner can read it on its fast path.

Examples
--------
>>> [s.id for s in SECTIONS]
['summary', 'representativeness', 'attitudes', 'follow_up', 'methods', 'data']
>>> section("attitudes").title["en"], section("attitudes").prefetch
('Attitude shifts', True)
>>> [s.id for s in analysed()]
['representativeness', 'attitudes', 'follow_up']
"""
from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any, Callable

__all__ = ["Section", "SECTIONS", "RUN_ORDER", "section", "analysed"]


def _representativeness() -> ModuleType:
    from toolkit.sections.representativeness import result

    return result


def _attitudes() -> ModuleType:
    from toolkit.sections.attitudes import result

    return result


def _follow_up() -> ModuleType:
    from toolkit.sections.follow_up import result

    return result


def _follow_up_figures(forum) -> dict | None:
    from toolkit.sections.links import follow_up_links

    return _follow_up().figures(forum, follow_up_links(forum))


@dataclass(frozen=True)
class Section:
    """One section of the report.

    Attributes
    ----------
    id : str
        The anchor in report.html, the key in results.json (analysed sections) and the notebook's name.
    notebook : str
        The section's notebook in ``notebooks/``.
    title, short_title : dict
        ``{"nl": ..., "en": ...}``: the heading, and the name in the summary and methods tables.
    result : callable or None
        Returns the section's ``result`` module (``analyse``, ``figures``, ``scorecard_lines``), imported
        on first use; None for a section without analyses of its own.
    figures : callable or None
        ``forum -> dict | None``: the section's block of results.json (what :mod:`toolkit.sections.links`
        lends it included); None: ``result().figures``.
    prefetch : bool
        Computed by the runner's helper process while the kernel does the other sections (the slowest).
    """

    id: str
    notebook: str
    title: dict[str, str]
    short_title: dict[str, str]
    result: Callable[[], ModuleType] | None = None
    figures: Callable[[Any], dict | None] | None = None
    prefetch: bool = False

    def key_figures(self, forum) -> dict | None:
        """The section's block of results.json for `forum` (None: no data for it)."""
        if self.figures is not None:
            return self.figures(forum)
        return None if self.result is None else self.result().figures(forum)

    def scorecard_lines(self, key_figures: dict, lang: str) -> list[tuple[str, str]]:
        """The section's lines of the summary scorecard, from its block of results.json only."""
        return [] if self.result is None else self.result().scorecard_lines(key_figures, lang)


#: The sections in report order.
SECTIONS: tuple[Section, ...] = (
    Section(id="summary", notebook="00_summary.ipynb", title={"nl": "Samenvatting", "en": "Summary"},
            short_title={"nl": "Samenvatting", "en": "Summary"}),
    Section(id="representativeness", notebook="10_representativeness.ipynb",
            title={"nl": "Representativiteit", "en": "Representativeness"},
            short_title={"nl": "Representativiteit", "en": "Representativeness"}, result=_representativeness),
    Section(id="attitudes", notebook="20_attitudes.ipynb",
            title={"nl": "Verschuivingen in kennis en opvattingen", "en": "Attitude shifts"},
            short_title={"nl": "Verschuivingen", "en": "Attitude shifts"}, result=_attitudes, prefetch=True),
    Section(id="follow_up", notebook="30_follow_up.ipynb", title={"nl": "Politieke opvolging", "en": "Political follow-up"},
            short_title={"nl": "Politieke opvolging", "en": "Political follow-up"}, result=_follow_up,
            figures=_follow_up_figures),
    Section(id="methods", notebook="80_methods.ipynb", title={"nl": "Methoden", "en": "Methods"},
            short_title={"nl": "Methoden", "en": "Methods"}),
    Section(id="data", notebook="90_data.ipynb", title={"nl": "Gegevens en herkomst", "en": "Data and provenance"},
            short_title={"nl": "Gegevens", "en": "Data"}),
)

#: Execution order (the report keeps the order of :data:`SECTIONS`): the sections that do not need the
#: prefetched one first, so that the helper process has computed it by the time the kernel gets there;
#: the summary last, as it reads what the others computed.
RUN_ORDER: tuple[str, ...] = ("representativeness", "follow_up", "attitudes", "methods", "data", "summary")


def section(section_id: str) -> Section:
    """The registered section `section_id` (``KeyError`` naming the known ones otherwise)."""
    for s in SECTIONS:
        if s.id == section_id:
            return s
    raise KeyError(f"no section {section_id!r}; the sections are {[s.id for s in SECTIONS]}")


def analysed() -> tuple[Section, ...]:
    """The sections with analyses of their own (a block in results.json each), in report order."""
    return tuple(s for s in SECTIONS if s.result is not None)
