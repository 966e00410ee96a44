"""Representativeness of a citizen forum: was it a cross-section of society, and where did who fall away?

Plain functions: tidy frames and column names in, tidy frames out. No file I/O, no plotting, no
rounding (round only when rendering). Member data comes in one of two forms, and every function
that takes ``members`` accepts both:

- a **roster**: one row per member, with a column per demographic variable and the booleans
  ``started`` and ``completed`` (and optionally ``replaces``, ``sessions_attended``);
- **counts**: one row per variable x category with the columns ``variable``, ``category``,
  ``drawn``, ``started``, ``completed`` (what a recruiting agency often hands over).

The benchmark has one row per variable x category with a population ``share`` (0-1). A two-way
benchmark uses a joint variable name ``"gender:age_group"`` and categories ``"vrouw:18-39"``.
Methods and references: docs/representativeness.md.
"""
from __future__ import annotations

from itertools import combinations
from math import comb
from typing import Mapping, NamedTuple, Sequence

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

__all__ = [
    "STAGES", "DEFAULT_NAMED_GROUPS", "JOINT_SEP", "NOT_DEMOGRAPHIC", "UNKNOWN_CATEGORIES",
    "member_counts", "composition", "goodness_of_fit", "quota_check", "intersections",
    "flag_named_groups", "funnel", "funnel_falloff", "replacements", "replacement_match",
    "attrition", "attrition_test", "attitudinal", "PublicInput", "public_input",
    "suppress_small_cells", "key_figures",
]

#: Recruitment stages in order, as columns of the funnel file.
STAGES = ("letters", "registrations", "pool", "drawn", "started", "completed")
#: Separator of joint (two-way) variables and categories in the benchmark.
JOINT_SEP = ":"
#: Groups the Dutch letter of 17 March 2023 asks extra effort for; override in forum.yml.
DEFAULT_NAMED_GROUPS: dict[str, dict[str, list[str]]] = {
    "young_people": {"age_group": ["18-39"]},
    "migration_background": {"migration_background": ["westers", "niet-westers"]},
    "practically_educated": {"education": ["laag", "middelbaar"]},
}
_EPS = 64 * np.finfo(float).eps  # tolerance R's chisq.test uses when comparing statistics
#: Roster columns that are not demographic variables.
NOT_DEMOGRAPHIC = frozenset({"member_id", "started", "completed", "replaces", "sessions_attended",
                             "source", "note"})
#: Categories read as "value unknown" (lower case): counted in ``n_missing``, not in shares.
UNKNOWN_CATEGORIES = frozenset({"onbekend", "unknown"})


# ----------------------------------------------------------------------------- member counts
def _is_counts(members: pd.DataFrame) -> bool:
    return {"variable", "category"} <= set(members.columns) and "member_id" not in members.columns


def _roster_rows(members: pd.DataFrame, stage: str | None) -> pd.DataFrame:
    if stage in (None, "drawn"):
        return members
    if stage not in members.columns:
        raise KeyError(f"members has no column {stage!r}; pass stage=None to use every row")
    return members[members[stage].fillna(False).astype(bool)]


def _unknown_values(s: pd.Series) -> list:
    values = s.cat.categories if isinstance(s.dtype, pd.CategoricalDtype) else s.dropna().unique()
    return [v for v in values if str(v).strip().lower() in UNKNOWN_CATEGORIES]


def _counts_and_missing(members: pd.DataFrame, variables: Sequence[str] | None, stage: str | None
                        ) -> tuple[pd.DataFrame, dict[str, int]]:
    """(variable, category, n) of known values, and per variable the number unknown."""
    if _is_counts(members):
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
    if variables is None:
        variables = [c for c in members.columns if c not in NOT_DEMOGRAPHIC]
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
def _wilson(count, nobs, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    count = np.asarray(count, dtype=float)
    nobs = np.asarray(nobs, dtype=float)
    ok = nobs > 0
    low = np.full(count.shape, np.nan)
    high = np.full(count.shape, np.nan)
    if ok.any():
        lo, hi = proportion_confint(count[ok], nobs[ok], alpha=alpha, method="wilson")
        low[ok], high[ok] = lo, hi
    return low, high


def _flags(ratio: pd.Series, diff_pp: pd.Series, under: float, over: float,
           diff_threshold: float | None) -> np.ndarray:
    tol = 1e-9  # a difference of exactly the threshold counts, despite floating point
    is_under = ratio < under - tol
    is_over = ratio > over + tol
    if diff_threshold is not None:
        is_under |= diff_pp <= -diff_threshold + tol
        is_over |= diff_pp >= diff_threshold - tol
    flag = np.where(is_under, "under", np.where(is_over, "over", "ok"))
    return np.where(ratio.isna(), "n/a", flag)


def _add_shares(table: pd.DataFrame, alpha: float, under: float, over: float,
                diff_threshold: float | None) -> pd.DataFrame:
    t = table
    t["share"] = np.where(t["n_total"] > 0, t["n"] / t["n_total"].where(t["n_total"] > 0), np.nan)
    t["ci_low"], t["ci_high"] = _wilson(t["n"], t["n_total"], alpha)
    t["diff_pp"] = (t["share"] - t["pop_share"]) * 100
    t["ratio"] = t["share"] / t["pop_share"].where(t["pop_share"] > 0)
    t["flag"] = _flags(t["ratio"], t["diff_pp"], under, over, diff_threshold)
    t["pop_outside_ci"] = (t["pop_share"] < t["ci_low"]) | (t["pop_share"] > t["ci_high"])
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
        ``flag`` is "under" when ``ratio`` < `flag_ratio_under`, "over" when > `flag_ratio_over`.
    flag_diff_pp : float, optional
        Also flag when the difference is at least this many percentage points.

    Returns
    -------
    DataFrame
        One row per variable x category (benchmark order; categories the benchmark lacks last):
        ``variable, category, n, n_total, n_missing, share, ci_low, ci_high, pop_share,
        diff_pp`` (percentage points), ``ratio`` (share / pop_share), ``flag`` ("under", "over",
        "ok", or "n/a" without a population share), ``pop_outside_ci`` (bool).

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
        have = (set(members["variable"].astype(str)) if _is_counts(members)
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


# ----------------------------------------------------------------------------- goodness of fit
def _chi2_stat(counts: np.ndarray, expected: np.ndarray, axis: int = -1) -> np.ndarray:
    return ((counts - expected) ** 2 / expected).sum(axis=axis)


def _exact_multinomial_p(observed: np.ndarray, p: np.ndarray) -> float:
    """Exact multinomial test, outcomes ordered by Pearson's X^2 (as R's EMT with useChisq)."""
    n, k = int(observed.sum()), len(observed)
    bars = np.fromiter((i for c in combinations(range(n + k - 1), k - 1) for i in c),
                       dtype=np.int64).reshape(-1, k - 1)
    edges = np.hstack([np.full((len(bars), 1), -1), bars, np.full((len(bars), 1), n + k - 1)])
    outcomes = np.diff(edges, axis=1) - 1
    expected = n * p
    extreme = _chi2_stat(outcomes, expected) >= _chi2_stat(observed, expected) * (1 - _EPS)
    return float(min(1.0, stats.multinomial.pmf(outcomes[extreme], n, p).sum()))


def _monte_carlo_p(observed: np.ndarray, p: np.ndarray, n_resamples: int, seed) -> float:
    rng = np.random.default_rng(seed)
    n = int(observed.sum())
    expected = n * p

    def rvs(size):
        return rng.multinomial(n, p, size=size[:-1])

    def statistic(counts, axis):
        return _chi2_stat(counts, expected, axis=axis)

    res = stats.monte_carlo_test(observed, rvs, statistic, vectorized=True,
                                 n_resamples=n_resamples, alternative="greater")
    return float(res.pvalue)


def _gof_one(observed: np.ndarray, pop: np.ndarray, method: str, min_expected: float,
             max_exact_outcomes: int, n_resamples: int, seed) -> dict:
    n, k = int(observed.sum()), len(observed)
    if n == 0 or k < 2:
        return {"method": "not applicable", "statistic": np.nan, "df": np.nan, "p": np.nan,
                "cohens_w": np.nan, "tvd": np.nan, "n": n, "k": k, "min_expected": np.nan}
    p = pop / pop.sum()
    expected = n * p
    chi = stats.chisquare(observed, expected)
    if method == "auto":
        if expected.min() >= min_expected:
            method = "chi2"
        elif comb(n + k - 1, k - 1) <= max_exact_outcomes:
            method = "exact"
        else:
            method = "monte_carlo"
    pvalue = {"chi2": lambda: float(chi.pvalue),
              "exact": lambda: _exact_multinomial_p(observed, p),
              "monte_carlo": lambda: _monte_carlo_p(observed, p, n_resamples, seed)}[method]()
    return {"method": method, "statistic": float(chi.statistic), "df": k - 1, "p": pvalue,
            "cohens_w": float(np.sqrt(chi.statistic / n)),
            "tvd": float(0.5 * np.abs(observed / n - p).sum()),
            "n": n, "k": k, "min_expected": float(expected.min())}


def goodness_of_fit(
    composition: pd.DataFrame,
    *,
    method: str = "auto",
    min_expected: float = 5.0,
    max_exact_outcomes: int = 1_000_000,
    n_resamples: int = 9_999,
    seed: int | None = 0,
) -> pd.DataFrame:
    """Test per variable whether the members' counts fit the population shares.

    Pearson's X^2 is the statistic throughout. With `method` "auto" its p-value comes from the
    chi-square distribution when every expected count is at least `min_expected` (Cochran's
    rule), otherwise from the exact multinomial distribution (outcomes at least as extreme in
    X^2), or from a seeded Monte Carlo simulation when there are more than
    `max_exact_outcomes` possible outcomes (as R's ``chisq.test(simulate.p.value=TRUE)``).

    Parameters
    ----------
    composition : DataFrame
        Output of :func:`composition`; rows without a (positive) population share are left out
        (their count is reported as ``n_excluded``); shares are rescaled to add to 1.
    method : {"auto", "chi2", "exact", "monte_carlo"}
    min_expected : float
    max_exact_outcomes : int
    n_resamples : int
        Monte Carlo samples.
    seed : int or None
        Seed of the Monte Carlo generator (reproducible by default).

    Returns
    -------
    DataFrame
        One row per variable: ``variable, method, statistic`` (X^2), ``df, p, cohens_w``
        (Cohen's w = sqrt(X^2 / n)), ``tvd`` (total variation distance, 0-1), ``n, k,
        min_expected, n_excluded``.

    Raises
    ------
    ValueError
        For an unknown `method`.

    Examples
    --------
    Mendel's peas against 9:3:3:1 (R: X-squared = 0.47002, df = 3, p-value = 0.9254):

    >>> comp = pd.DataFrame({"variable": "pea", "category": list("abcd"),
    ...                      "n": [315, 108, 101, 32], "pop_share": [9/16, 3/16, 3/16, 1/16]})
    >>> goodness_of_fit(comp)[["method", "statistic", "df", "p"]]
      method  statistic  df         p
    0   chi2   0.470024   3  0.925426
    """
    if method not in ("auto", "chi2", "exact", "monte_carlo"):
        raise ValueError(f"method must be auto, chi2, exact or monte_carlo, not {method!r}")
    rows = []
    for var, part in composition.groupby("variable", sort=False):
        known = part["pop_share"].fillna(0) > 0
        res = _gof_one(part.loc[known, "n"].to_numpy(dtype=np.int64),
                       part.loc[known, "pop_share"].to_numpy(dtype=float), method,
                       min_expected, max_exact_outcomes, n_resamples, seed)
        rows.append({"variable": var, **res, "n_excluded": int(part.loc[~known, "n"].sum())})
    return pd.DataFrame(rows, columns=["variable", "method", "statistic", "df", "p", "cohens_w",
                                       "tvd", "n", "k", "min_expected", "n_excluded"])


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
    if _is_counts(members):
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


# ----------------------------------------------------------------------------- funnel
def funnel(funnel_df: pd.DataFrame, stages: Sequence[str] = STAGES) -> pd.DataFrame:
    """Response rates per stratum at each recruitment stage.

    Parameters
    ----------
    funnel_df : DataFrame
        One row per stratum: ``variable, category`` and one count column per stage (a missing
        ``letters`` count means unknown for that stratum).
    stages : sequence of str
        Stage columns in order; stages the frame lacks are skipped.

    Returns
    -------
    DataFrame
        One row per stratum x stage: ``variable, category, stage, stage_index, count,
        rate_prev`` (count / count at the previous stage), ``rate_letters`` (count / letters),
        ``rel_rate_prev`` (rate_prev / the same rate for everyone), ``share_of_stage`` (the
        stratum's share of everyone at that stage).

    Raises
    ------
    KeyError
        When `funnel_df` lacks ``variable`` or ``category``.

    Examples
    --------
    >>> f = pd.DataFrame({"variable": "age_group", "category": ["18-39", "40+"],
    ...     "letters": [300, 700], "registrations": [6, 34], "drawn": [4, 16]})
    >>> funnel(f)[["category", "stage", "count", "rate_prev", "rel_rate_prev"]]
      category          stage  count  rate_prev  rel_rate_prev
    0    18-39        letters    300        NaN            NaN
    1    18-39  registrations      6   0.020000       0.500000
    2    18-39          drawn      4   0.666667       1.333333
    3      40+        letters    700        NaN            NaN
    4      40+  registrations     34   0.048571       1.214286
    5      40+          drawn     16   0.470588       0.941176
    """
    stages = [s for s in stages if s in funnel_df.columns]
    wide = funnel_df.loc[:, ["variable", "category", *stages]].astype({"variable": str, "category": str})
    counts = wide[stages].astype("float64")
    totals = counts.groupby(wide["variable"]).transform(lambda s: s.sum(min_count=len(s)))
    prev = counts.shift(1, axis=1)
    prev_total = totals.shift(1, axis=1)
    parts = {
        "count": counts,
        "rate_prev": counts / prev.where(prev > 0),
        "rate_letters": (counts.div(counts["letters"].where(counts["letters"] > 0), axis=0)
                         if "letters" in stages else counts * np.nan),
        "rel_rate_prev": (counts / prev.where(prev > 0)) / (totals / prev_total.where(prev_total > 0)),
        "share_of_stage": counts / totals.where(totals > 0),
    }
    long = pd.concat({k: v.stack(future_stack=True) for k, v in parts.items()}, axis=1)
    long.index = long.index.set_names(["row", "stage"])
    long = long.reset_index()
    long = long.join(wide[["variable", "category"]], on="row")
    long["stage_index"] = long["stage"].map({s: i for i, s in enumerate(stages)})
    long["count"] = long["count"].astype("Int64")
    return long[["variable", "category", "stage", "stage_index", "count", "rate_prev",
                 "rate_letters", "rel_rate_prev", "share_of_stage"]]


def funnel_falloff(funnel_table: pd.DataFrame) -> pd.DataFrame:
    """Where each stratum falls away most, relative to everyone.

    Parameters
    ----------
    funnel_table : DataFrame
        Output of :func:`funnel`.

    Returns
    -------
    DataFrame
        One row per stratum: ``variable, category, weakest_stage`` (stage with the lowest
        ``rel_rate_prev``), ``weakest_rel_rate``, ``overall_rate`` (last stage / first stage with
        a count) and ``rel_overall_rate`` (against everyone).

    Raises
    ------
    KeyError
        When `funnel_table` is not the output of :func:`funnel`.

    Examples
    --------
    >>> f = pd.DataFrame({"variable": "age_group", "category": ["18-39", "40+"],
    ...     "letters": [300, 700], "registrations": [6, 34], "drawn": [4, 16]})
    >>> funnel_falloff(funnel(f))[["category", "weakest_stage", "weakest_rel_rate", "overall_rate"]]
      category  weakest_stage  weakest_rel_rate  overall_rate
    0    18-39  registrations          0.500000      0.013333
    1      40+          drawn          0.941176      0.022857
    """
    rows = []
    for (var, cat), part in funnel_table.groupby(["variable", "category"], sort=False):
        rel = part.set_index("stage")["rel_rate_prev"].dropna()
        known = part.dropna(subset=["count"])
        first, last = known["count"].iloc[0], known["count"].iloc[-1]
        rows.append({"variable": var, "category": cat,
                     "weakest_stage": rel.idxmin() if len(rel) else None,
                     "weakest_rel_rate": rel.min() if len(rel) else np.nan,
                     "overall_rate": last / first if first > 0 else np.nan,
                     "first_stage": known["stage"].iloc[0], "last_stage": known["stage"].iloc[-1]})
    t = pd.DataFrame(rows)
    totals = funnel_table.groupby(["variable", "stage"], sort=False)["count"].agg(
        lambda c: c.sum() if c.notna().all() else np.nan)
    everyone = [totals[(r.variable, r.last_stage)] / totals[(r.variable, r.first_stage)]
                for r in t.itertuples()]
    t["rel_overall_rate"] = t["overall_rate"] / np.asarray(everyone, dtype=float)
    return t.drop(columns=["first_stage", "last_stage"])


# ----------------------------------------------------------------------------- replacements
def _pairs(members: pd.DataFrame) -> pd.DataFrame:
    if _is_counts(members) or "replaces" not in members.columns:
        return pd.DataFrame()
    new = members[members["replaces"].notna() & (members["replaces"].astype(str) != "")]
    return new.merge(members, left_on="replaces", right_on="member_id", suffixes=("", "_old"))


def _demographics(members: pd.DataFrame, variables: Sequence[str] | None) -> list[str]:
    return list(variables) if variables is not None else [c for c in members.columns if c not in NOT_DEMOGRAPHIC]


def replacements(members: pd.DataFrame, variables: Sequence[str] | None = None) -> pd.DataFrame:
    """Who was replaced, and by whom, per variable and category (roster with ``replaces``).

    Parameters
    ----------
    members : DataFrame
        Roster; ``replaces`` holds the member_id of the member a replacement stood in for.
    variables : sequence of str, optional
        Default: every demographic column.

    Returns
    -------
    DataFrame
        ``variable, category, n_replaced, n_replacing, net`` (n_replacing - n_replaced); empty
        for counts or a roster without replacements.

    Raises
    ------
    KeyError
        When a requested variable is not a column of the roster.

    Examples
    --------
    >>> r = pd.DataFrame({"member_id": ["a", "b", "c"], "gender": ["man", "vrouw", "vrouw"],
    ...                   "replaces": [None, None, "a"]})
    >>> replacements(r, ["gender"])
      variable category  n_replaced  n_replacing  net
    0   gender      man           1            0   -1
    1   gender    vrouw           0            1    1
    """
    pairs = _pairs(members)
    cols = ["variable", "category", "n_replaced", "n_replacing", "net"]
    if pairs.empty:
        return pd.DataFrame(columns=cols)
    parts = []
    for var in _demographics(members, variables):
        old = pairs[f"{var}_old"].value_counts().rename("n_replaced")
        new = pairs[var].value_counts().rename("n_replacing")
        t = pd.concat([old, new], axis=1).fillna(0).astype("int64").sort_index()
        parts.append(t.rename_axis("category").reset_index().assign(variable=var))
    t = pd.concat(parts, ignore_index=True)
    t["category"] = t["category"].astype(str)
    t["net"] = t["n_replacing"] - t["n_replaced"]
    return t[cols]


def replacement_match(members: pd.DataFrame, variables: Sequence[str] | None = None) -> pd.DataFrame:
    """Per variable, how many replacements matched the member they replaced.

    Parameters
    ----------
    members : DataFrame
        Roster with ``replaces`` (counts give an empty result).
    variables : sequence of str, optional
        Default: every demographic column.

    Returns
    -------
    DataFrame
        ``variable, n_pairs, n_same, share_same``; empty without replacements.

    Raises
    ------
    KeyError
        When a requested variable is not a column of the roster.

    Examples
    --------
    >>> r = pd.DataFrame({"member_id": ["a", "b", "c"], "gender": ["man", "vrouw", "vrouw"],
    ...                   "replaces": [None, None, "a"]})
    >>> replacement_match(r, ["gender"])
      variable  n_pairs  n_same  share_same
    0   gender        1       0         0.0
    """
    pairs = _pairs(members)
    cols = ["variable", "n_pairs", "n_same", "share_same"]
    if pairs.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for var in _demographics(members, variables):
        same = int((pairs[var].astype(str) == pairs[f"{var}_old"].astype(str)).sum())
        rows.append({"variable": var, "n_pairs": len(pairs), "n_same": same,
                     "share_same": same / len(pairs)})
    return pd.DataFrame(rows, columns=cols)


# ----------------------------------------------------------------------------- attrition
def attrition(members: pd.DataFrame, variables: Sequence[str] | None = None) -> pd.DataFrame:
    """Composition of those who started against those who completed.

    Parameters
    ----------
    members : DataFrame
        Roster (``started``, ``completed`` booleans) or counts.
    variables : sequence of str, optional

    Returns
    -------
    DataFrame
        ``variable, category, n_started, n_completed, n_dropped, dropout_rate, share_started,
        share_completed, diff_pp`` (share_completed - share_started, percentage points).

    Raises
    ------
    KeyError
        When a roster lacks ``started``, ``completed`` or a requested variable.

    Examples
    --------
    >>> counts = pd.DataFrame({"variable": "gender", "category": ["man", "vrouw"],
    ...     "drawn": [90, 90], "started": [88, 87], "completed": [80, 85]})
    >>> attrition(counts)[["category", "n_dropped", "dropout_rate", "diff_pp"]]
      category  n_dropped  dropout_rate   diff_pp
    0      man          8      0.090909 -1.800866
    1    vrouw          2      0.022989  1.800866
    """
    started = member_counts(members, variables, "started")
    done = member_counts(members, variables, "completed")
    t = started.merge(done, how="left", on=["variable", "category"], suffixes=("_started", "_completed"))
    t["n_completed"] = t["n_completed"].fillna(0).astype("int64")
    t["n_dropped"] = t["n_started"] - t["n_completed"]
    t["dropout_rate"] = t["n_dropped"] / t["n_started"].where(t["n_started"] > 0)
    by = t.groupby("variable")
    t["share_started"] = t["n_started"] / by["n_started"].transform("sum")
    t["share_completed"] = t["n_completed"] / by["n_completed"].transform("sum").where(lambda s: s > 0)
    t["diff_pp"] = (t["share_completed"] - t["share_started"]) * 100
    return t[["variable", "category", "n_started", "n_completed", "n_dropped", "dropout_rate",
              "share_started", "share_completed", "diff_pp"]]


def _attrition_test_one(table: np.ndarray, min_expected: float, n_resamples: int, seed) -> dict:
    table = table[:, table.sum(axis=0) > 0]
    na = {"method": "not applicable", "statistic": np.nan, "df": np.nan, "p": np.nan,
          "cramers_v": np.nan}
    if table.shape[1] < 2 or (table.sum(axis=1) == 0).any():
        return na
    v = float(stats.contingency.association(table, method="cramer"))
    if table.shape[1] == 2:
        res = stats.fisher_exact(table)
        return {"method": "fisher_exact", "statistic": float(res.statistic), "df": 1,
                "p": float(res.pvalue), "cramers_v": v}
    chi = stats.chi2_contingency(table, correction=False)
    if chi.expected_freq.min() >= min_expected:
        return {"method": "chi2", "statistic": float(chi.statistic), "df": int(chi.dof),
                "p": float(chi.pvalue), "cramers_v": v}
    mc = stats.MonteCarloMethod(n_resamples=n_resamples, rng=np.random.default_rng(seed))
    res = stats.fisher_exact(table, method=mc)
    return {"method": "fisher_monte_carlo", "statistic": float(chi.statistic), "df": int(chi.dof),
            "p": float(res.pvalue), "cramers_v": v}


def attrition_test(
    members: pd.DataFrame,
    variables: Sequence[str] | None = None,
    *,
    min_expected: float = 5.0,
    n_resamples: int = 9_999,
    seed: int | None = 0,
) -> pd.DataFrame:
    """Test per variable whether drop-out (started but not completed) differs between categories.

    Two categories: Fisher's exact test (statistic: odds ratio). More: Pearson's chi-square test
    of independence when every expected count is at least `min_expected`, otherwise Fisher's
    exact test for r x c tables by seeded Monte Carlo (scipy), statistic X^2 in both cases.

    Parameters
    ----------
    members : DataFrame
        Roster or counts.
    variables : sequence of str, optional
    min_expected : float
    n_resamples : int
    seed : int or None

    Returns
    -------
    DataFrame
        ``variable, method, statistic, df, p, cramers_v, n_started, n_dropped``; method "not
        applicable" (p NaN) when nobody or everybody dropped out.

    Raises
    ------
    KeyError
        When a roster lacks ``started``, ``completed`` or a requested variable.

    Examples
    --------
    >>> counts = pd.DataFrame({"variable": "gender", "category": ["man", "vrouw"],
    ...     "drawn": [90, 90], "started": [88, 87], "completed": [80, 85]})
    >>> attrition_test(counts)[["method", "p"]]
             method         p
    0  fisher_exact  0.099335
    """
    t = attrition(members, variables)
    rows = []
    for var, part in t.groupby("variable", sort=False):
        table = np.vstack([part["n_completed"].to_numpy(), part["n_dropped"].to_numpy()])
        res = _attrition_test_one(table.astype(np.int64), min_expected, n_resamples, seed)
        rows.append({"variable": var, **res, "n_started": int(part["n_started"].sum()),
                     "n_dropped": int(part["n_dropped"].sum())})
    return pd.DataFrame(rows, columns=["variable", "method", "statistic", "df", "p", "cramers_v",
                                       "n_started", "n_dropped"])


# ----------------------------------------------------------------------------- attitudes
_RANGE = r"^(-?\d+(?:\.\d+)?)\s*(?:-|\.\.)\s*(-?\d+(?:\.\d+)?)$"


def _holds(values: pd.Series, codes) -> pd.Series:
    """Which answers hold the opinion: codes like "4|5", a range "6-10", or labels "eens|zeer eens"."""
    wanted = [c.strip() for c in str(codes).split("|") if c.strip()]
    ranges = pd.Series(wanted, dtype="str").str.extract(_RANGE).astype(float)
    numeric = pd.to_numeric(pd.Series(wanted), errors="coerce")
    if (numeric.notna() | ranges[0].notna()).all():
        x = pd.to_numeric(values, errors="coerce")
        hit = x.isin(numeric.dropna().tolist())
        for lo, hi in ranges.dropna().itertuples(index=False):
            hit |= x.between(lo, hi)
        return hit
    return values.astype(str).isin(wanted)


def attitudinal(
    answers: pd.DataFrame,
    reference: pd.DataFrame,
    *,
    alpha: float = 0.05,
    item_col: str = "item",
    value_col: str = "value",
) -> pd.DataFrame:
    """Members' baseline opinions against a reference survey.

    Parameters
    ----------
    answers : DataFrame
        Members' baseline answers, one row per member x item (``item``, ``value``; NaN = no
        answer). Filter to members and the baseline wave first.
    reference : DataFrame
        ``item, category, share`` and optionally ``n`` (survey sample size) and ``codes``
        (answer values that count as holding the opinion, separated by "|", or a range such
        as "6-10"; default: the value equals ``category``).
    alpha : float
    item_col, value_col : str

    Returns
    -------
    DataFrame
        One row per reference row: ``item, category, n, n_total, share, ci_low, ci_high,
        ref_share, ref_n, ref_ci_low, ref_ci_high, diff_pp, test, statistic, p``. The test is
        the exact binomial test against ``ref_share`` when the survey's ``n`` is unknown, else
        the two-sample z-test for proportions (as R ``prop.test(correct=FALSE)``, statistic z).

    Raises
    ------
    KeyError
        When `answers` lacks `item_col`/`value_col` or `reference` lacks ``item, category, share``.

    Examples
    --------
    >>> ans = pd.DataFrame({"item": "climate", "value": [5, 4, 2, 5, 1, 4, 4, 3, 5, 2]})
    >>> ref = pd.DataFrame({"item": ["climate"], "category": ["concerned"], "share": [0.5],
    ...                     "codes": ["4|5"]})
    >>> attitudinal(ans, ref)[["n", "n_total", "share", "test", "p"]]
       n  n_total  share      test         p
    0  6       10    0.6  binomial  0.753906
    """
    rows = []
    for rec in reference.to_dict("records"):
        values = answers.loc[answers[item_col].astype(str) == str(rec["item"]), value_col].dropna()
        codes = rec.get("codes")
        hit = _holds(values, codes if isinstance(codes, str) and codes.strip() else rec["category"])
        n, n_total = int(hit.sum()), int(len(values))
        ref_n = rec.get("n")
        ref_n = None if ref_n is None or pd.isna(ref_n) else int(ref_n)
        test, stat, p = _attitude_test(n, n_total, float(rec["share"]), ref_n)
        rows.append({"item": rec["item"], "category": rec["category"], "n": n, "n_total": n_total,
                     "ref_share": float(rec["share"]), "ref_n": ref_n, "test": test,
                     "statistic": stat, "p": p})
    t = pd.DataFrame(rows, columns=["item", "category", "n", "n_total", "ref_share", "ref_n",
                                    "test", "statistic", "p"])
    t["share"] = t["n"] / t["n_total"].where(t["n_total"] > 0)
    t["ci_low"], t["ci_high"] = _wilson(t["n"], t["n_total"], alpha)
    ref_n = t["ref_n"].astype(float).fillna(0)
    t["ref_ci_low"], t["ref_ci_high"] = _wilson(t["ref_share"] * ref_n, ref_n, alpha)
    t["diff_pp"] = (t["share"] - t["ref_share"]) * 100
    return t[["item", "category", "n", "n_total", "share", "ci_low", "ci_high", "ref_share",
              "ref_n", "ref_ci_low", "ref_ci_high", "diff_pp", "test", "statistic", "p"]]


def _attitude_test(k: int, n: int, ref_share: float, ref_n: int | None) -> tuple[str, float, float]:
    if n == 0:
        return "not applicable", np.nan, np.nan
    if ref_n:
        ref_k = int(round(ref_share * ref_n))
        z, p = proportions_ztest(np.array([k, ref_k]), np.array([n, ref_n]))
        return "two_proportion_z", float(z), float(p)
    return "binomial", k / n, float(stats.binomtest(k, n, ref_share).pvalue)


# ----------------------------------------------------------------------------- public input
class PublicInput(NamedTuple):
    """Result of :func:`public_input`."""

    volume: pd.DataFrame
    composition: pd.DataFrame
    summary: pd.DataFrame


def public_input(
    df: pd.DataFrame,
    benchmark: pd.DataFrame,
    variables: Sequence[str] | None = None,
    *,
    date_col: str = "date",
    freq: str = "W",
    **kwargs,
) -> PublicInput:
    """Volume over time and composition of a wider-public consultation (vectorised; 10^6 rows fine).

    Parameters
    ----------
    df : DataFrame
        One row per submission: a datetime column `date_col` and demographic columns
        (categorical or str; NaN = not given).
    benchmark : DataFrame
    variables : sequence of str, optional
        Default: the benchmark variables present in `df`.
    date_col : str
    freq : {"W", "M"}
        Weeks (Monday to Sunday) or calendar months.
    **kwargs
        Passed to :func:`composition` (thresholds, alpha). Intervals treat submissions as a
        sample, which self-selected input is not: read them as a lower bound on uncertainty.

    Returns
    -------
    PublicInput
        ``volume``: ``period, start, end, count, cumulative`` (periods without submissions
        included); ``composition``: as :func:`composition`; ``summary``: one row ``n_rows,
        n_without_date, first_date, last_date``.

    Raises
    ------
    KeyError
        When `df` has no column `date_col`.

    Examples
    --------
    >>> d = pd.DataFrame({"date": pd.to_datetime(["2024-03-04", "2024-03-05", "2024-03-20"]),
    ...                   "gender": pd.Categorical(["man", None, "vrouw"])})
    >>> b = pd.DataFrame({"variable": "gender", "category": ["man", "vrouw"], "share": 0.5})
    >>> public_input(d, b).volume[["period", "count", "cumulative"]]
                      period  count  cumulative
    0  2024-03-04/2024-03-10      2           2
    1  2024-03-11/2024-03-17      0           2
    2  2024-03-18/2024-03-24      1           3
    """
    dates = df[date_col]
    periods = dates.dropna().dt.to_period(freq)
    counts = periods.value_counts().sort_index()
    if len(counts):
        counts = counts.reindex(pd.period_range(counts.index.min(), counts.index.max(), freq=freq),
                                fill_value=0)
    index = pd.PeriodIndex(counts.index, freq=freq)
    volume = pd.DataFrame({"period": index.astype(str), "start": index.start_time,
                           "end": index.end_time.normalize(), "count": counts.to_numpy(dtype="int64")})
    volume["cumulative"] = volume["count"].cumsum()
    comp = composition(df, benchmark, variables, stage=None, **kwargs)
    summary = pd.DataFrame({"n_rows": [len(df)], "n_without_date": [int(dates.isna().sum())],
                            "first_date": [dates.min()], "last_date": [dates.max()]})
    return PublicInput(volume, comp, summary)


# ----------------------------------------------------------------------------- publishing
def suppress_small_cells(
    table: pd.DataFrame,
    min_cell: int,
    count_col: str = "n",
    columns: Sequence[str] = ("n", "share", "ci_low", "ci_high", "diff_pp", "ratio"),
) -> pd.DataFrame:
    """Blank out cells with 0 < count < `min_cell` before publishing.

    Parameters
    ----------
    table : DataFrame
    min_cell : int
    count_col : str
    columns : sequence of str
        Columns to blank (those present).

    Returns
    -------
    DataFrame
        A copy with those cells NaN and a bool column ``suppressed``.

    Raises
    ------
    KeyError
        When `table` has no column `count_col`.

    Examples
    --------
    >>> t = pd.DataFrame({"category": ["a", "b"], "n": [2, 40], "share": [0.05, 0.95]})
    >>> suppress_small_cells(t, 5)
      category     n  share  suppressed
    0        a  <NA>    NaN        True
    1        b    40   0.95       False
    """
    out = table.copy()
    small = (out[count_col] > 0) & (out[count_col] < min_cell)
    for col in columns:
        if col in out.columns:
            whole = pd.api.types.is_integer_dtype(out[col])
            out[col] = out[col].astype("Int64" if whole else float).mask(small)
    out["suppressed"] = small.to_numpy()
    return out


def _json(value):
    """A plain JSON value: numpy scalars to Python, NaN/NA to None, timestamps to ISO text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        return pd.Timestamp(value).isoformat()
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if not np.isfinite(value) else float(value)
    return str(value)


def _records(table: pd.DataFrame, cols: Sequence[str]) -> list[dict]:
    cols = [c for c in cols if c in table.columns]
    return [{c: _json(v) for c, v in zip(cols, row)} for row in table[cols].itertuples(index=False)]


def _nested(table: pd.DataFrame, cols: Sequence[str], key1="variable", key2="category") -> dict:
    out: dict = {}
    for rec in _records(table, [key1, key2, *cols]):
        out.setdefault(rec.pop(key1), {})[rec.pop(key2)] = rec
    return out


_CELL = ("n", "share", "ci_low", "ci_high", "pop_share", "diff_pp", "ratio", "flag", "suppressed")


def _variables_block(composition, gof, attrition_tests) -> dict:
    out = {}
    cells = _nested(composition, _CELL)
    for var, part in composition.groupby("variable", sort=False):
        out[var] = {"n_total": _json(part["n_total"].iloc[0]),
                    "n_missing": _json(part["n_missing"].iloc[0]) if "n_missing" in part else None,
                    "categories": cells[var], "gof": None, "attrition_test": None}
    for key, table, cols in (("gof", gof, ["method", "statistic", "df", "p", "cohens_w", "tvd"]),
                             ("attrition_test", attrition_tests,
                              ["method", "statistic", "df", "p", "cramers_v"])):
        if table is not None:
            for rec in _records(table, ["variable", *cols]):
                if rec["variable"] in out:
                    out[rec.pop("variable")][key] = rec
    return out


def _funnel_block(funnel_table: pd.DataFrame, min_cell: int | None = None) -> dict:
    stages = list(dict.fromkeys(funnel_table["stage"]))
    # everyone at a stage: the sum over the strata of the first variable whose counts there are all known
    known = funnel_table.groupby(["stage", "variable"], sort=False)["count"].agg(
        lambda c: float(c.sum()) if c.notna().all() else np.nan)
    total = pd.Series({s: known[s].dropna().iloc[0] if known[s].notna().any() else np.nan for s in stages},
                      dtype=float)
    letters = total.get("letters", np.nan)
    total_block = {s: {"count": None if pd.isna(total[s]) else int(total[s]),
                       "rate_prev": _json(total[s] / total.iloc[i - 1]) if i else None,
                       "rate_letters": _json(total[s] / letters) if letters else None}
                   for i, s in enumerate(stages)}
    if min_cell is not None:  # strata counts of 0 < n < min_cell, with the rates computed from them
        funnel_table = suppress_small_cells(funnel_table, min_cell, count_col="count",
                                            columns=("count", "rate_prev", "rate_letters", "rel_rate_prev",
                                                     "share_of_stage"))
    strata: dict = {}
    for rec in _records(funnel_table, ["variable", "category", "stage", "count", "rate_prev",
                                       "rate_letters", "rel_rate_prev"]):
        var, cat, stage = rec.pop("variable"), rec.pop("category"), rec.pop("stage")
        strata.setdefault(var, {}).setdefault(cat, {})[stage] = rec
    return {"stages": stages, "total": total_block, "strata": strata}


def key_figures(
    composition: pd.DataFrame,
    *,
    gof: pd.DataFrame | None = None,
    named_groups: pd.DataFrame | None = None,
    intersections: pd.DataFrame | None = None,
    quotas: pd.DataFrame | None = None,
    funnel: pd.DataFrame | None = None,
    attrition: pd.DataFrame | None = None,
    attrition_tests: pd.DataFrame | None = None,
    replacement_match: pd.DataFrame | None = None,
    attitudes: pd.DataFrame | None = None,
    public: PublicInput | None = None,
    min_cell: int | None = None,
) -> dict:
    """Key figures for results.json under ``representativeness`` (plain JSON types, NaN as None).

    Parameters
    ----------
    composition : DataFrame
        Output of :func:`composition`.
    gof, named_groups, intersections, quotas, funnel, attrition, attrition_tests,
    replacement_match, attitudes : DataFrame, optional
        Outputs of the functions of the same name (:func:`quota_check` for `quotas`,
        :func:`attrition_test` for `attrition_tests`).
    public : PublicInput, optional
    min_cell : int, optional
        Suppress cells with 0 < n < `min_cell` (their n, share, interval, difference, ratio).

    Returns
    -------
    dict
        ``variables`` -> {variable: {n_total, n_missing, categories: {category: {n, share,
        ci_low, ci_high, pop_share, diff_pp, ratio, flag, suppressed}}, gof: {method,
        statistic, df, p, cohens_w, tvd}, attrition_test: {method, statistic, df, p,
        cramers_v}}}; optional ``named_groups``, ``intersections``, ``quotas``, ``funnel``,
        ``attrition``, ``replacements``, ``attitudes``, ``public_input`` (see
        docs/representativeness.md).

    Raises
    ------
    KeyError
        When a frame lacks the columns of the function that made it.

    Examples
    --------
    >>> counts = pd.DataFrame({"variable": "gender", "category": ["man", "vrouw"],
    ...     "drawn": [100, 75], "started": [100, 75], "completed": [90, 70]})
    >>> bench = pd.DataFrame({"variable": "gender", "category": ["man", "vrouw"], "share": 0.5})
    >>> kf = key_figures(composition(counts, bench))
    >>> kf["variables"]["gender"]["categories"]["vrouw"]["flag"], kf["variables"]["gender"]["n_total"]
    ('ok', 175)
    """
    def publishable(table):
        if table is None or min_cell is None:
            return table if table is None or "suppressed" in table else table.assign(suppressed=False)
        return suppress_small_cells(table, min_cell)

    out: dict = {"variables": _variables_block(publishable(composition), gof, attrition_tests),
                 "min_cell": min_cell}
    if named_groups is not None:
        out["named_groups"] = {r.pop("group"): r for r in _records(
            publishable(named_groups), ["group", "variable", "categories", *_CELL])}
    if intersections is not None:
        out["intersections"] = _nested(publishable(intersections), _CELL)
    if quotas is not None:
        unmet = quotas[~quotas["met"]]
        if min_cell is not None:  # the gap reveals n: blank both
            unmet = suppress_small_cells(unmet, min_cell, columns=("n", "gap")).drop(columns="suppressed")
        out["quotas"] = {"n_quotas": len(quotas), "n_met": int(quotas["met"].sum()),
                         "unmet": _records(unmet, ["variable", "category", "n", "min", "max", "status", "gap"])}
    if funnel is not None and len(funnel):
        out["funnel"] = _funnel_block(funnel, min_cell)
    if attrition is not None:
        if min_cell is not None:  # a small count of starters or completers hides the rate computed from it
            small = {c: (attrition[c] > 0) & (attrition[c] < min_cell) for c in ("n_started", "n_completed")}
            attrition = attrition.assign(
                n_started=attrition["n_started"].astype("Int64").mask(small["n_started"]),
                n_completed=attrition["n_completed"].astype("Int64").mask(small["n_completed"]),
                dropout_rate=attrition["dropout_rate"].mask(small["n_started"] | small["n_completed"]))
        out["attrition"] = _nested(attrition, ["n_started", "n_completed", "dropout_rate"])
    if replacement_match is not None:
        out["replacements"] = {
            "n_replacements": _json(replacement_match["n_pairs"].max()) if len(replacement_match) else 0,
            "share_same": {r["variable"]: r["share_same"]
                           for r in _records(replacement_match, ["variable", "share_same"])}}
    if attitudes is not None:
        out["attitudes"] = _records(attitudes, ["item", "category", "n_total", "share", "ci_low",
                                                "ci_high", "ref_share", "diff_pp", "test", "p"])
    if public is not None:
        out["public_input"] = {**_records(public.summary, list(public.summary.columns))[0],
                               "volume": _records(public.volume, ["period", "count"]),
                               "composition": _nested(publishable(public.composition), _CELL)}
    return out
