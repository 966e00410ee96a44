"""Category agreement: two sides of a comparison must name the same categories of a variable.

A composition compared with a benchmark whose age bands are not the forum's would read "jongeren
0% (bevolking 32%)" for a band nobody could be in. So every pair that is compared (roster, counts,
funnel or codebook categories against the benchmark; quotas against the benchmark) is checked
before anything is computed, and a category on one side that the other lacks is a Problem that
lists both sides and suggests a recode.
"""
from __future__ import annotations

from typing import Iterable, Mapping

from toolkit.errors import Problem

__all__ = ["UNKNOWN_CATEGORIES", "category_problems"]

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
        where = f" ({recode_key})" if recode_key else ""
        problems.append(Problem(
            file, f"categories of '{var}' differ: {side_name} has {', '.join(a)}; {benchmark_name} has "
            f"{', '.join(b)} ({'; '.join(parts)})",
            f"Recode one side so both use the same categories{where}, e.g. recode: {{{var}: "
            f"{{{(only_a or a or ['...'])[0]!r}: {(only_b or b or ['...'])[0]!r}}}}}, or give a benchmark with these "
            "categories; a comparison is never made with a category the other side lacks",
            column=var))
    return problems
