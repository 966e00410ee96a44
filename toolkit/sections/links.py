"""What one section lends another, passed explicitly: the section packages never import each other.

The follow-up's scorecard of preconditions puts figures from the forum's own data beside the assessor's
judgement; two of them come from the representativeness section (``composition_max_gap``, the largest
gap between a category's share and the population's, and ``priority_groups_max_gap``, the same for the
named priority groups, as differences of shares 0-1; see docs/follow_up.md, "Data links"). The caller
(the notebook, :mod:`toolkit.report.pipeline`) computes them here and hands them to the follow-up:

>>> from toolkit.forum.load import load_forum
>>> from toolkit.sections.follow_up import result as follow_up
>>> forum = load_forum("surveys/example")
>>> sorted(follow_up_links(forum))
['composition_max_gap', 'priority_groups_max_gap']
>>> res = follow_up.analyse(forum, follow_up_links(forum))
>>> res.data_links["composition_max_gap"] == follow_up_links(forum)["composition_max_gap"]
True
"""
from __future__ import annotations

from toolkit.sections.representativeness.result import link_provider

__all__ = ["follow_up_links"]


def follow_up_links(forum) -> dict:
    """The representativeness figures the follow-up section shows beside its assessments (None left out)."""
    return link_provider(forum)
