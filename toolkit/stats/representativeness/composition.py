"""Composition of a citizen forum against the population: who took part, per variable and category.

Members counted per category (:func:`member_counts`), their shares with Wilson intervals against
the population benchmark, with gaps and flags (:func:`composition`), quotas
(:func:`quota_check`), two-way groups (:func:`intersections`) and named groups
(:func:`flag_named_groups`). Whether a variable's counts fit the benchmark as a whole is in
:mod:`toolkit.stats.representativeness.goodness_of_fit`; the recruitment funnel, replacements and drop-out in
:mod:`toolkit.stats.representativeness.funnel`.

Plain functions: tidy frames and column names in, tidy frames out. No file I/O, no plotting, no
rounding (round only when rendering).

Member data comes in one of two forms, and every function that takes ``members`` accepts both
(here and in :mod:`toolkit.stats.representativeness.funnel`):

- a **roster**: one row per member, with a column per demographic variable and the booleans
  ``started`` and ``completed`` (and optionally ``replaces``, ``sessions_attended``);
- **counts**: one row per variable x category with the columns ``variable``, ``category``,
  ``drawn``, ``started``, ``completed`` (what a recruiting agency often hands over).

The benchmark has one row per variable x category with a population ``share`` (0-1). A two-way
benchmark uses a joint variable name ``"gender:age_group"`` and categories ``"vrouw:18-39"``.
Methods and references: docs/representativeness.md.
"""
from __future__ import annotations

import re
from typing import Mapping, Sequence

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

__all__ = [
    "DEFAULT_NAMED_GROUPS", "JOINT_SEP", "NOT_DEMOGRAPHIC", "UNKNOWN_CATEGORIES",
    "FLAGGED", "WITHIN_CHANCE", "member_counts", "category_rank", "composition", "quota_check", "intersections",
    "flag_named_groups", "is_counts", "demographic_columns", "wilson_interval", "n_at_stage",
]

#: Separator of joint (two-way) variables and categories in the benchmark.
JOINT_SEP = ":"
#: Groups the Dutch letter of 17 March 2023 asks extra effort for; override in forum.yml.
DEFAULT_NAMED_GROUPS: dict[str, dict[str, list[str]]] = {
    "young_people": {"age_group": ["18-39"]},
    "migration_background": {"migration_background": ["westers", "niet-westers"]},
    "practically_educated": {"education": ["laag", "middelbaar"]},
}
#: Roster columns that are not demographic variables.
NOT_DEMOGRAPHIC = frozenset({"member_id", "started", "completed", "replaces", "sessions_attended",
                             "source", "note"})
#: Categories read as "value unknown" (lower case): counted in ``n_missing``, not in shares.
UNKNOWN_CATEGORIES = frozenset({"onbekend", "unknown"})


# ----------------------------------------------------------------------------- member counts
def is_counts(members: pd.DataFrame) -> bool:
    """True for member data given as counts per category (``variable``, ``category``), not as a roster."""
    return {"variable", "category"} <= set(members.columns) and "member_id" not in members.columns


def _roster_rows(members: pd.DataFrame, stage: str | None) -> pd.DataFrame:
    if stage in (None, "drawn"):
        return members
    if stage not in members.columns:
        raise KeyError(f"members has no column {stage!r}; pass stage=None to use every row")
    return members[members[stage].fillna(False).astype(bool)]


def n_at_stage(members: pd.DataFrame, stage: str | None) -> int:
    """The number of members at `stage`: the roster's rows, or a counts table's total of one variable
    (every category, unknown ones too); never the number with a known value of some variable.

    Examples
    --------
    >>> roster = pd.DataFrame({"member_id": ["a", "b", "c"], "gender": ["man", None, "vrouw"],
    ...                        "started": [True, True, False]})
    >>> n_at_stage(roster, "started"), n_at_stage(roster, None)
    (2, 3)
    >>> counts = pd.DataFrame({"variable": ["gender"] * 3, "category": ["man", "vrouw", "onbekend"],
    ...                        "drawn": [20, 27, 1], "started": [20, 27, 1]})
    >>> n_at_stage(counts, "started")
    48
    """
    if is_counts(members):
        column = stage or "drawn"
        if members.empty:
            return 0
        first = members["variable"].astype(str).iloc[0]
        return int(members.loc[members["variable"].astype(str) == first, column].sum())
    return int(len(_roster_rows(members, stage)))


def _unknown_values(s: pd.Series) -> list:
    values = s.cat.categories if isinstance(s.dtype, pd.CategoricalDtype) else s.dropna().unique()
    return [v for v in values if str(v).strip().lower() in UNKNOWN_CATEGORIES]


def _natural(label: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", label) if p)


def category_rank(categories: pd.Series, declared: Sequence[str] | None = None) -> np.ndarray:
    """Place of each category: its position in `declared` (the codebook's order), then the others in
    natural order of their labels ("R2" before "R10"); compared as strings.

    Examples
    --------
    >>> category_rank(pd.Series(["vrouw", "x10", "man", "x9"]), ["man", "vrouw"]).tolist()
    [1, 3, 0, 2]
    """
    labels = categories.astype(str)
    pos = {str(c): i for i, c in enumerate(declared or [])}
    ordered = sorted(set(labels), key=lambda c: (0, pos[c], ()) if c in pos else (1, 0, _natural(c)))
    where = {c: i for i, c in enumerate(ordered)}
    return labels.map(where).to_numpy(dtype=np.int64)


def demographic_columns(members: pd.DataFrame, variables: Sequence[str] | None) -> list[str]:
    """`variables`, or every column of a roster that is not one of :data:`NOT_DEMOGRAPHIC`."""
    return list(variables) if variables is not None else [c for c in members.columns if c not in NOT_DEMOGRAPHIC]


def _counts_and_missing(members: pd.DataFrame, variables: Sequence[str] | None, stage: str | None
                        ) -> tuple[pd.DataFrame, dict[str, int]]:
    """(variable, category, n) of known values, and per variable the number unknown."""
    if is_counts(members):
        column = stage or "drawn"
        out = members.loc[:, ["variable", "category", column]].rename(columns={column: "n"})
        out = out.astype({"variable": str, "category": str}).assign(n=lambda t: t["n"].astype("int64"))
        if variables is not None:
            out = out[out["variable"].isin(list(variables))]
        unknown = out["category"].str.strip().str.lower().isin(UNKNOWN_CATEGORIES)
        missing = out[unknown].groupby("variable")["n"].sum()
        names = list(dict.fromkeys(out["variable"])) if variables is None else list(variables)
        return out[~unknown].reset_index(drop=True), {v: int(missing.get(v, 0)) for v in names}
    rows = _roster_rows(members, stage)
    variables = demographic_columns(members, variables)
    parts, missing = [], {}
    for var in variables:
        unknown = _unknown_values(rows[var])
        counts = rows[var].value_counts(dropna=True, sort=False)
        counts = counts[~counts.index.isin(unknown)]
        missing[var] = int(rows[var].isna().sum() + rows[var].isin(unknown).sum())
        parts.append(pd.DataFrame({"variable": var, "category": counts.index.astype(str),
                                   "n": counts.to_numpy(dtype="int64")}))
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["variable", "category", "n"])
    return out, missing


def member_counts(
    members: pd.DataFrame, variables: Sequence[str] | None = None, stage: str | None = "started"
) -> pd.DataFrame:
    """Count members per variable and category, from a roster or from counts.

    Parameters
    ----------
    members : DataFrame
        Roster (one row per member) or counts (``variable, category, drawn, started, completed``).
    variables : sequence of str, optional
        Variables to count; default every variable in the counts, or for a roster every column
        except the id, status and source columns (:data:`NOT_DEMOGRAPHIC`).
    stage : {"started", "completed", "drawn", None}
        Who counts: for a roster the rows where this boolean column is true (``"drawn"`` or None:
        every row); for counts the column with this name.

    Returns
    -------
    DataFrame
        ``variable, category, n, n_missing``; ``n_missing`` counts members whose value is empty or
        one of :data:`UNKNOWN_CATEGORIES` ("onbekend", "unknown"), who are not in ``n``.

    Raises
    ------
    KeyError
        When a roster lacks a requested variable or the `stage` column.

    Examples
    --------
    >>> roster = pd.DataFrame({"member_id": ["a", "b", "c", "d"], "gender": ["man", "vrouw", None, "onbekend"],
    ...                        "started": True, "completed": [True, False, True, True]})
    >>> member_counts(roster, ["gender"])
      variable category  n  n_missing
    0   gender      man  1          2
    1   gender    vrouw  1          2
    """
    counts, missing = _counts_and_missing(members, variables, stage)
    return counts.assign(n_missing=counts["variable"].map(missing).astype("int64"))


# ----------------------------------------------------------------------------- composition
def wilson_interval(count, nobs, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of ``count`` successes in ``nobs`` trials (vectorised; NaN where nobs is 0).

    Examples
    --------
    >>> low, high = wilson_interval([1], [29], 0.05)  # Newcombe (1998), table I: 0.0061 to 0.1718
    >>> round(float(low[0]), 4), round(float(high[0]), 4)
    (0.0061, 0.1718)
    """
    count = np.asarray(count, dtype=float)
    nobs = np.asarray(nobs, dtype=float)
    ok = nobs > 0
    low = np.full(count.shape, np.nan)
    high = np.full(count.shape, np.nan)
    if ok.any():
        lo, hi = proportion_confint(count[ok], nobs[ok], alpha=alpha, method="wilson")
        low[ok], high[ok] = lo, hi
    return low, high


#: Flags of a share past a threshold whose interval excludes the population share: the evidence
#: supports calling the group under- or over-represented.
FLAGGED = ("under", "over")
#: Flags of a share past a threshold whose interval holds the population share: lower or higher than
#: the population, but within what chance explains for a forum of this size.
WITHIN_CHANCE = ("lower_within_chance", "higher_within_chance")


def _flags(ratio: pd.Series, diff_pp: pd.Series, under: float, over: float,
           diff_threshold: float | None, pop_inside_ci: pd.Series) -> np.ndarray:
    tol = 1e-9  # a difference of exactly the threshold counts, despite floating point
    is_under = ratio < under - tol
    is_over = ratio > over + tol
    if diff_threshold is not None:
        is_under |= diff_pp <= -diff_threshold + tol
        is_over |= diff_pp >= diff_threshold - tol
    chance = pop_inside_ci.to_numpy(dtype=bool)
    flag = np.where(is_under, np.where(chance, "lower_within_chance", "under"),
                    np.where(is_over, np.where(chance, "higher_within_chance", "over"), "ok"))
    return np.where(ratio.isna(), "n/a", flag)


def _add_shares(table: pd.DataFrame, alpha: float, under: float, over: float,
                diff_threshold: float | None) -> pd.DataFrame:
    t = table
    t["share"] = np.where(t["n_total"] > 0, t["n"] / t["n_total"].where(t["n_total"] > 0), np.nan)
    t["ci_low"], t["ci_high"] = wilson_interval(t["n"], t["n_total"], alpha)
    t["diff_pp"] = (t["share"] - t["pop_share"]) * 100
    t["ratio"] = t["share"] / t["pop_share"].where(t["pop_share"] > 0)
    t["pop_outside_ci"] = (t["pop_share"] < t["ci_low"]) | (t["pop_share"] > t["ci_high"])
    inside = (t["pop_share"] >= t["ci_low"]) & (t["pop_share"] <= t["ci_high"])
    t["flag"] = _flags(t["ratio"], t["diff_pp"], under, over, diff_threshold, inside)
    return t


_COMPOSITION_COLUMNS = ["variable", "category", "n", "n_total", "n_missing", "share", "ci_low", "ci_high",
                        "pop_share", "diff_pp", "ratio", "flag", "pop_outside_ci"]


def composition(
    members: pd.DataFrame,
    benchmark: pd.DataFrame,
    variables: Sequence[str] | None = None,
    *,
    stage: str | None = "started",
    alpha: float = 0.05,
    flag_ratio_under: float = 0.8,
    flag_ratio_over: float = 1.25,
    flag_diff_pp: float | None = None,
) -> pd.DataFrame:
    """Members' share per category against the population share.

    Parameters
    ----------
    members : DataFrame
        Roster or counts (see the module docstring).
    benchmark : DataFrame
        ``variable, category, share`` (other columns ignored).
    variables : sequence of str, optional
        Default: the benchmark's variables that the members have.
    stage : {"started", "completed", "drawn", None}
        Which members count (see :func:`member_counts`).
    alpha : float
        1 - confidence level of the Wilson interval (Wilson 1927).
    flag_ratio_under, flag_ratio_over : float
        ``flag`` is "under" when ``ratio`` < `flag_ratio_under` and the interval lies wholly below
        the population share, "over" when ``ratio`` > `flag_ratio_over` and the interval lies wholly
        above it. A ratio past a threshold whose interval holds the population share is
        "lower_within_chance" or "higher_within_chance": chance can explain the gap, so the group is
        not called under- or over-represented.
    flag_diff_pp : float, optional
        Also flag when the difference is at least this many percentage points (same rule).

    Returns
    -------
    DataFrame
        One row per variable x category (benchmark order; categories the benchmark lacks last):
        ``variable, category, n, n_total, n_missing, share, ci_low, ci_high, pop_share,
        diff_pp`` (percentage points), ``ratio`` (share / pop_share), ``flag`` ("under", "over",
        "lower_within_chance", "higher_within_chance", "ok", or "n/a" without a population share),
        ``pop_outside_ci`` (bool).

    Raises
    ------
    KeyError
        When a roster lacks a requested variable or the `stage` column.

    Examples
    --------
    >>> counts = pd.DataFrame({"variable": ["gender", "gender"], "category": ["man", "vrouw"],
    ...                        "drawn": [100, 75], "started": [100, 75], "completed": [90, 70]})
    >>> bench = pd.DataFrame({"variable": ["gender", "gender"], "category": ["man", "vrouw"],
    ...                       "share": [0.5, 0.5]})
    >>> composition(counts, bench)[["category", "n", "share", "ci_low", "ci_high", "ratio", "flag"]]
      category    n     share    ci_low   ci_high     ratio flag
    0      man  100  0.571429  0.497350  0.642439  1.142857   ok
    1    vrouw   75  0.428571  0.357561  0.502650  0.857143   ok
    """
    bench = benchmark.loc[:, ["variable", "category", "share"]].astype(
        {"variable": str, "category": str})
    if variables is None:
        have = (set(members["variable"].astype(str)) if is_counts(members)
                else set(members.columns))
        variables = [v for v in dict.fromkeys(bench["variable"]) if v in have]
    counts, missing = _counts_and_missing(members, variables, stage)
    bench = bench[bench["variable"].isin(list(variables))].rename(columns={"share": "pop_share"})
    table = bench.merge(counts[["variable", "category", "n"]], how="left", on=["variable", "category"])
    extra = counts.merge(bench[["variable", "category"]], how="left", indicator=True,
                         on=["variable", "category"])
    extra = extra.loc[extra["_merge"] == "left_only", ["variable", "category", "n"]]
    table = pd.concat([table, extra.assign(pop_share=np.nan)], ignore_index=True)
    order = {v: i for i, v in enumerate(variables)}
    table = table.sort_values("variable", key=lambda s: s.map(order), kind="stable")
    table["n"] = table["n"].fillna(0).astype("int64")
    table["n_total"] = table.groupby("variable")["n"].transform("sum")
    table["n_missing"] = table["variable"].map(missing).fillna(0).astype("int64")
    table = _add_shares(table, alpha, flag_ratio_under, flag_ratio_over, flag_diff_pp)
    return table[_COMPOSITION_COLUMNS].reset_index(drop=True)


# ----------------------------------------------------------------------------- quotas, groups
def quota_check(composition: pd.DataFrame, quotas: pd.DataFrame) -> pd.DataFrame:
    """Whether each quota (min/max number of members per category) was met.

    Parameters
    ----------
    composition : DataFrame
        Output of :func:`composition` (its ``n`` is compared).
    quotas : DataFrame
        ``variable, category, min, max`` (a missing min is 0, a missing max has no upper bound).

    Returns
    -------
    DataFrame
        One row per quota: ``variable, category, n, min, max, met`` (bool), ``status``
        ("below", "above", "met") and ``gap`` (n - min when below, n - max when above, else 0).

    Raises
    ------
    KeyError
        When `quotas` lacks ``variable, category, min, max`` or `composition` lacks ``n``.

    Examples
    --------
    >>> comp = pd.DataFrame({"variable": ["age_group"] * 2, "category": ["18-39", "80+"], "n": [40, 15]})
    >>> q = pd.DataFrame({"variable": ["age_group"] * 2, "category": ["18-39", "80+"],
    ...                   "min": [50, 5], "max": [70, 12]})
    >>> quota_check(comp, q)[["category", "n", "status", "gap"]]
      category   n status  gap
    0    18-39  40  below  -10
    1      80+  15  above    3
    """
    q = quotas.loc[:, ["variable", "category", "min", "max"]].astype({"variable": str, "category": str})
    t = q.merge(composition[["variable", "category", "n"]], how="left", on=["variable", "category"])
    t["n"] = t["n"].fillna(0).astype("int64")
    low = t["min"].fillna(0).astype(float)
    high = t["max"].astype(float)
    below, above = t["n"] < low, t["n"] > high
    t["met"] = ~(below | above)
    t["status"] = np.where(below, "below", np.where(above, "above", "met"))
    t["gap"] = np.where(below, t["n"] - low, np.where(above, t["n"] - high, 0)).astype("int64")
    return t[["variable", "category", "n", "min", "max", "met", "status", "gap"]]


def intersections(
    members: pd.DataFrame,
    benchmark: pd.DataFrame,
    pairs: Sequence[tuple[str, str]] | None = None,
    **kwargs,
) -> pd.DataFrame:
    """Composition for two-way groups (e.g. young women) where the benchmark has joint shares.

    Parameters
    ----------
    members : DataFrame
        A roster (counts carry no joint information: the result is then empty).
    benchmark : DataFrame
        Joint rows have variable ``"a:b"`` and category ``"x:y"`` (see :data:`JOINT_SEP`).
    pairs : sequence of (str, str), optional
        Default: every joint variable in the benchmark whose parts the roster has.
    **kwargs
        Passed to :func:`composition` (``stage``, ``alpha``, thresholds).

    Returns
    -------
    DataFrame
        As :func:`composition`, with ``variable`` the joint name.

    Raises
    ------
    KeyError
        When a roster lacks the `stage` column.

    Examples
    --------
    >>> roster = pd.DataFrame({"member_id": list("abcd"), "gender": ["man", "vrouw", "vrouw", "man"],
    ...     "age_group": ["18-39", "18-39", "40+", "40+"], "started": True, "completed": True})
    >>> bench = pd.DataFrame({"variable": "gender:age_group",
    ...     "category": ["man:18-39", "vrouw:18-39", "man:40+", "vrouw:40+"], "share": 0.25})
    >>> intersections(roster, bench)[["category", "n", "share"]]
          category  n  share
    0    man:18-39  1   0.25
    1  vrouw:18-39  1   0.25
    2      man:40+  1   0.25
    3    vrouw:40+  1   0.25
    """
    joint = [v for v in dict.fromkeys(benchmark["variable"].astype(str)) if JOINT_SEP in v]
    if pairs is not None:
        joint = [JOINT_SEP.join(p) for p in pairs if JOINT_SEP.join(p) in joint]
    if is_counts(members):
        joint = []
    joint = [v for v in joint if all(part in members.columns for part in v.split(JOINT_SEP))]
    frame = members.copy()
    for v in joint:
        a, b = v.split(JOINT_SEP)
        both = frame[a].notna() & frame[b].notna()
        frame[v] = (frame[a].astype(str) + JOINT_SEP + frame[b].astype(str)).where(both)
    if not joint:
        return pd.DataFrame(columns=_COMPOSITION_COLUMNS)
    return composition(frame, benchmark, joint, **kwargs)


def flag_named_groups(
    composition: pd.DataFrame,
    named_groups: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    *,
    alpha: float = 0.05,
    flag_ratio_under: float = 0.8,
    flag_ratio_over: float = 1.25,
    flag_diff_pp: float | None = None,
) -> pd.DataFrame:
    """Share and flag of named groups (young people, migration background, practically educated).

    Parameters
    ----------
    composition : DataFrame
        Output of :func:`composition`.
    named_groups : mapping, optional
        ``{group: {variable: [categories]}}`` (one variable per group); default
        :data:`DEFAULT_NAMED_GROUPS`. Set under ``representativeness: named_groups:`` in forum.yml.
    alpha, flag_ratio_under, flag_ratio_over, flag_diff_pp
        As in :func:`composition`.

    Returns
    -------
    DataFrame
        One row per group: ``group, variable, categories`` (joined with "|"), ``n, n_total,
        share, ci_low, ci_high, pop_share, diff_pp, ratio, flag``; flag "n/a" when the variable
        is absent.

    Raises
    ------
    ValueError
        When a group names more than one variable.

    Examples
    --------
    >>> comp = pd.DataFrame({"variable": "age_group", "category": ["18-39", "40-64", "65+"],
    ...     "n": [30, 80, 65], "n_total": 175, "pop_share": [0.32, 0.43, 0.25]})
    >>> flag_named_groups(comp, {"young": {"age_group": ["18-39"]}})[["group", "share", "ratio", "flag"]]
       group     share     ratio   flag
    0  young  0.171429  0.535714  under
    """
    named_groups = DEFAULT_NAMED_GROUPS if named_groups is None else named_groups
    rows = []
    for group, spec in named_groups.items():
        if len(spec) != 1:
            raise ValueError(f"named group {group!r} must name exactly one variable, got {list(spec)}")
        (var, cats), = spec.items()
        part = composition[composition["variable"] == var]
        picked = part[part["category"].isin([str(c) for c in cats])]
        n_total = int(part["n_total"].iloc[0]) if len(part) else 0
        pop = picked["pop_share"].sum(min_count=1) if len(picked) else np.nan
        rows.append({"group": group, "variable": var, "categories": "|".join(map(str, cats)),
                     "n": int(picked["n"].sum()), "n_total": n_total, "pop_share": pop})
    t = pd.DataFrame(rows, columns=["group", "variable", "categories", "n", "n_total", "pop_share"])
    t["pop_share"] = t["pop_share"].astype(float)
    t = _add_shares(t, alpha, flag_ratio_under, flag_ratio_over, flag_diff_pp)
    return t[["group", "variable", "categories", "n", "n_total", "share", "ci_low", "ci_high",
              "pop_share", "diff_pp", "ratio", "flag"]]
