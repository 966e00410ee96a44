"""Category agreement: two sides of a comparison must name the same categories of a variable.

A composition compared with a benchmark whose age bands are not the forum's would read "jongeren
0% (bevolking 32%)" for a band nobody could be in. So every pair that is compared (roster, counts,
funnel or codebook categories against the benchmark; quotas against the benchmark; the public
input's answers against the benchmark; the reference survey's opinions against the codebook's
items and their answer values) is checked before anything is computed, and a category on one side
that the other lacks is a Problem that lists both sides and suggests a recode.
"""
from __future__ import annotations

import re
from pathlib import PurePath
from typing import Iterable, Mapping

from toolkit.errors import Problem

__all__ = ["UNKNOWN_CATEGORIES", "category_problems", "reference_problems"]

#: Categories that stand for an unknown value: no population share is expected for them.
UNKNOWN_CATEGORIES = frozenset({"onbekend", "unknown", "missing", "zeg ik liever niet", "wil ik niet zeggen"})


def _known(cats: Iterable) -> list[str]:
    return list(dict.fromkeys(str(c) for c in cats if str(c).strip().lower() not in UNKNOWN_CATEGORIES))


def category_problems(side: Mapping[str, Iterable], benchmark: Mapping[str, Iterable], *, file: str,
                      side_name: str, benchmark_name: str, both_ways: bool = True, recode_key: str = "") -> list[Problem]:
    """One Problem per variable whose categories differ between `side` and `benchmark`.

    Parameters
    ----------
    side, benchmark : mapping
        Variable -> its categories. Only variables in both are compared; unknown-value categories
        (``onbekend``) are left out.
    file : str
        The file (or forum.yml key) the problem is reported in.
    side_name, benchmark_name : str
        How the message names each side (``members.csv``, ``the benchmark (nl_default.csv)``).
    both_ways : bool
        Also a benchmark category that `side` lacks (False for quotas, which may bound a few
        categories only).
    recode_key : str
        Where a recode goes in forum.yml or codebook.yml, for the hint.

    Returns
    -------
    list of Problem

    Examples
    --------
    >>> p = category_problems({"age_group": ["16-24", "25-44", "45-64", "65+"]},
    ...                       {"age_group": ["18-39", "40-64", "65-79", "80+"]}, file="leden.csv",
    ...                       side_name="leden.csv", benchmark_name="the benchmark")
    >>> print(p[0].message)
    categories of 'age_group' differ: leden.csv has 16-24, 25-44, 45-64, 65+; the benchmark has 18-39, 40-64, 65-79, 80+ (only in leden.csv: 16-24, 25-44, 45-64, 65+; only in the benchmark: 18-39, 40-64, 65-79, 80+)
    """
    problems = []
    for var, cats in side.items():
        if var not in benchmark:
            continue
        a, b = _known(cats), _known(benchmark[var])
        only_a = [c for c in a if c not in b]
        only_b = [c for c in b if c not in a] if both_ways else []
        if not only_a and not only_b:
            continue
        parts = ([f"only in {side_name}: {', '.join(only_a)}"] if only_a else []) + (
            [f"only in {benchmark_name}: {', '.join(only_b)}"] if only_b else [])
        problems.append(Problem(
            file, f"categories of '{var}' differ: {side_name} has {', '.join(a)}; {benchmark_name} has "
            f"{', '.join(b)} ({'; '.join(parts)})", _recode_hint(var, only_a, b, only_b, recode_key, side_name),
            column=var))
    return problems


def _yaml_text(value: str) -> str:
    """`value` as a YAML scalar in a flow mapping: quoted when YAML would read it otherwise.

    Examples
    --------
    >>> _yaml_text("midden"), _yaml_text("65+"), _yaml_text("ja"), _yaml_text("Anders: zeg ik niet")
    ('midden', '65+', '"ja"', '"Anders: zeg ik niet"')
    """
    plain = (value and not any(c in value for c in ",[]{}#&*!|>'\"%@`:?") and value[0] not in "-?: "
             and value.strip() == value and value.lower() not in ("yes", "no", "ja", "nee", "true", "false", "on",
                                                                  "off", "null", "~"))
    return value if plain else '"' + value.replace('"', '\\"') + '"'


def _recode_hint(var: str, only_side: list, benchmark: list, only_benchmark: list, recode_key: str,
                 side_file: str = "") -> str:
    """What to write, in the syntax of the file the recode goes in: each category only one side has, mapped
    onto a placeholder listing the categories allowed.

    Examples
    --------
    >>> print(_recode_hint("education", ["midden"], ["laag", "middelbaar", "hoog"], [], "forum.yml inputs.members.recode",
    ...                    "leden.csv"))
    Recode the values in forum.yml: inputs: {members: {file: leden.csv, recode: {education: {midden: <one of laag, middelbaar, hoog>}}}}; or give a benchmark with these categories. A comparison is never made with a category the other side lacks
    """
    allowed = f"<one of {', '.join(benchmark)}>"
    pairs = ", ".join(f"{_yaml_text(str(c))}: {allowed}" for c in only_side[:3]) or \
        f"<the category you use>: {_yaml_text(str(only_benchmark[0]))}"
    if recode_key.startswith("forum.yml inputs."):
        kind = recode_key.removeprefix("forum.yml inputs.").split(".")[0]
        where = (f"in forum.yml: inputs: {{{kind}: {{file: {_yaml_text(side_file or '<the file>')}, "
                 f"recode: {{{var}: {{{pairs}}}}}}}}}")
    elif recode_key.startswith("codebook.yml"):
        where = f"in codebook.yml: demographics: {{{var}: {{recode: {{{pairs}}}}}}}"
    else:
        where = f"(e.g. recode: {{{var}: {{{pairs}}}}})"
    return (f"Recode the values {where}; or give a benchmark with these categories. A comparison is never made with a "
            "category the other side lacks")


_RANGE = re.compile(r"^(-?\d+(?:\.\d+)?)\s*(?:-|\.\.)\s*(-?\d+(?:\.\d+)?)$")


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _outside(codes: str, lo: float | None, hi: float | None) -> list[str]:
    """The parts of `codes` ("4|5", "6-10") that are no answer value of a scale [lo, hi] (all
    non-numeric parts; with an unknown scale only those)."""
    bad = []
    for part in (c.strip() for c in codes.split("|")):
        if not part:
            continue
        m = _RANGE.match(part)
        bounds = [float(m.group(1)), float(m.group(2))] if m else [_number(part)]
        if None in bounds or (m and bounds[0] > bounds[1]):
            bad.append(part)
        elif lo is not None and hi is not None and not all(lo <= b <= hi for b in bounds):
            bad.append(part)
    return bad


def reference_problems(reference, items: Mapping[str, Mapping], *, file: str) -> list[Problem]:
    """Problems where the reference survey's opinions do not match the forum's items.

    A reference row compares the share of members holding an opinion (their answers in ``codes``,
    or equal to ``category`` without codes) with the survey's share. An item the codebook lacks,
    a free-text item, or codes that are no answer value of the item (a label, a value outside the
    item's scale) would give the members a share of 0% that no answer supports.

    Parameters
    ----------
    reference : DataFrame
        ``reference_attitudes.csv`` as read: ``item``, ``category``, optional ``codes``.
    items : mapping
        The codebook's ``items`` (id -> spec with ``type`` and ``scale``).
    file : str
        The reference file, for the message.

    Returns
    -------
    list of Problem

    Examples
    --------
    >>> import pandas as pd
    >>> ref = pd.DataFrame({"item": ["CLIM1", "CLIM9"], "category": ["eens", "eens"], "codes": ["6-12", "6-10"]})
    >>> items = {"CLIM1": {"type": "scale", "scale": [0, 10]}, "CLIM2": {"type": "scale", "scale": [0, 10]}}
    >>> for p in reference_problems(ref, items, file="ref.csv"):
    ...     print(p.row, p.message)
    2 codes of item 'CLIM1' (eens) are no answer values of the item: 6-12 (the codebook's scale of 'CLIM1' is 0-10)
    3 item 'CLIM9' (eens) is not an item of the codebook (ref.csv has CLIM1, CLIM9; the codebook has CLIM1, CLIM2; only in ref.csv: CLIM9)
    """
    if reference is None or not {"item", "category"} <= set(reference.columns):
        return []
    problems = []
    name = PurePath(file).name
    listed = list(dict.fromkeys(reference["item"].astype(str)))
    usable = [i for i, spec in items.items() if (spec or {}).get("type") != "text"]
    missing = [i for i in listed if i not in items]
    for row, rec in enumerate(reference.to_dict("records"), start=2):
        item, category = str(rec["item"]), str(rec["category"])
        codes = rec.get("codes")
        codes = str(codes).strip() if isinstance(codes, str) and codes.strip() else ""
        if item not in items:
            problems.append(Problem(
                file, f"item {item!r} ({category}) is not an item of the codebook ({name} has "
                f"{', '.join(listed)}; the codebook has {', '.join(usable) or 'no items'}; only in {name}: "
                f"{', '.join(missing)})",
                "Use the item's id as codebook.yml names it under items:, or leave the row out; a share is "
                "never shown for an item the members were not asked", row=row, column="item", value=item))
            continue
        spec = items[item] or {}
        if spec.get("type") == "text":
            problems.append(Problem(file, f"item {item!r} is a free-text item: no share of members can hold "
                                    f"the opinion {category!r}", "Compare a scale or categorical item",
                                    row=row, column="item", value=item))
            continue
        scale = spec.get("scale") if isinstance(spec.get("scale"), list) and len(spec["scale"]) == 2 else None
        lo, hi = (float(scale[0]), float(scale[1])) if scale else (None, None)
        shown = f"{scale[0]}-{scale[1]}" if scale else ""
        bad = _outside(codes or category, lo, hi)
        if not bad:
            continue
        where = f" (the codebook's scale of {item!r} is {shown})" if shown else " (the answers are numbers)"
        if codes:
            problems.append(Problem(
                file, f"codes of item {item!r} ({category}) are no answer values of the item: {', '.join(bad)}{where}",
                f"Give the answer values that hold this opinion ({'within ' + shown + ', ' if shown else ''}e.g. "
                "6-10 or 4|5); a share is never computed from values the item does not have",
                row=row, column="codes", value=codes))
        else:
            problems.append(Problem(
                file, f"item {item!r}: the opinion {category!r} has no codes and is no answer value of the "
                f"item{where}",
                "Add a codes column with the answer values that hold this opinion (e.g. 6-10 or 4|5)",
                row=row, column="codes", value=category))
    return problems
