"""The analysis parameters a forum's codebook implies for the attitude analyses."""
from __future__ import annotations

from collections.abc import Mapping

from toolkit.errors import InputError, Problem
from toolkit.stats.attitudes.changes import DEFAULT_DONT_KNOW

__all__ = ["codebook_parameters"]

_DONT_KNOW_WORDS = ("dont_know", "don't know", "dont know", "weet niet", "weet_niet")


def _scale_spec(name: str, scale: Mapping, items: Mapping) -> tuple[dict, list[Problem]]:
    members = list(scale.get("items") or [])
    ranges = {tuple(items[i].get("scale") or ()) for i in members if i in items}
    reverse = [i for i in members if i in items and items[i].get("reverse")]
    spec = {"items": members, "reverse": reverse, "min_items": scale.get("min_items", max(1, (len(members) + 1) // 2))}
    if len(ranges) != 1 or not all(ranges):
        return spec, [Problem(f"codebook: scales.{name}", f"the items of scale {name!r} have different or no answer "
                              f"ranges: {sorted(ranges)}", "Give every item of a scale the same 'scale: [min, max]'")]
    spec["scale_min"], spec["scale_max"] = next(iter(ranges))
    return spec, []


def codebook_parameters(codebook: Mapping) -> dict:
    """The analysis parameters a codebook implies, ready to pass to the functions here.

    Parameters
    ----------
    codebook : mapping
        ``{"items": {id: {type, scale, reverse, support, key, criterion, headline}}, "scales":
        {name: {items, min_items}}, "missing_codes": {code: meaning}}`` (as
        :func:`toolkit.forum.config.load_codebook` returns it).

    Returns
    -------
    dict
        ``attitude_items`` (type ``scale``, not part of the DRI instrument), ``headline`` (items marked ``headline``, else the first
        two attitude items), ``support`` ({item: (lo, hi)}), ``scales`` (specs for
        :func:`~toolkit.stats.attitudes.scales.scale_scores`, reverse coding and range taken from the items),
        ``answer_key``, ``criteria`` ({criterion: [process items]}), ``agree`` (support range of the
        process items, default (4, 5)) and ``dont_know_codes`` (codes whose meaning is "don't know";
        default (98,)).

    Raises
    ------
    InputError
        When the items of a scale have different answer ranges.

    Examples
    --------
    >>> cb = {"items": {"A": {"type": "scale", "scale": [0, 10], "support": [6, 10]},
    ...                 "B": {"type": "scale", "scale": [0, 10], "reverse": True},
    ...                 "K": {"type": "knowledge", "key": 2},
    ...                 "P": {"type": "process", "scale": [1, 5], "support": [4, 5], "criterion": "respect"}},
    ...       "scales": {"s": {"items": ["A", "B"], "min_items": 2}}, "missing_codes": {98.0: "dont_know"}}
    >>> par = codebook_parameters(cb)
    >>> par["scales"]
    {'s': {'items': ['A', 'B'], 'reverse': ['B'], 'min_items': 2, 'scale_min': 0, 'scale_max': 10}}
    >>> par["support"], par["criteria"], par["answer_key"], par["dont_know_codes"]
    ({'A': (6, 10), 'P': (4, 5)}, {'respect': ['P']}, {'K': 2}, [98.0])
    """
    items = dict(codebook.get("items") or {})
    def of_type(t):
        return ([i for i, s in items.items() if s.get("type", "scale") == t])
    attitude = [i for i in of_type("scale") if not items[i].get("dri")]  # the DRI instrument: toolkit.sections.attitudes.dri
    problems, scales = [], {}
    for name, scale in (codebook.get("scales") or {}).items():
        scales[name], found = _scale_spec(name, scale, items)
        problems += found
    if problems:
        raise InputError(problems)
    criteria: dict[str, list[str]] = {}
    for i in of_type("process"):
        criteria.setdefault(str(items[i].get("criterion", i)), []).append(i)
    agree = next((tuple(items[i]["support"]) for i in of_type("process") if items[i].get("support")), (4, 5))
    codes = [float(c) for c, m in (codebook.get("missing_codes") or {}).items()
             if str(m).strip().lower() in _DONT_KNOW_WORDS]
    return {"attitude_items": attitude,
            "headline": [i for i in attitude if items[i].get("headline")] or attitude[:2],
            "support": {i: tuple(s["support"]) for i, s in items.items() if s.get("support")},
            "scales": scales, "answer_key": {i: items[i]["key"] for i in of_type("knowledge")},
            "criteria": criteria, "agree": agree, "dont_know_codes": codes or [float(c) for c in DEFAULT_DONT_KNOW]}
