"""Recruitment funnel of a citizen forum: where did who fall away, who was replaced, who dropped out?

Response rates per stratum at each recruitment stage (:func:`funnel`) and where each stratum falls
away most (:func:`funnel_falloff`); replacements and whether they matched the member they replaced
(:func:`replacements`, :func:`replacement_match`); drop-out between start and end
(:func:`attrition`, :func:`attrition_test`). Member data is a roster or counts, as described in
:mod:`toolkit.stats.representativeness.composition`.

Plain functions: tidy frames and column names in, tidy frames out; no file I/O, no plotting, no
rounding. Methods and references: docs/representativeness.md.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from toolkit.stats.representativeness.composition import (category_rank, demographic_columns, is_counts,
                                                          member_counts)

__all__ = [
    "STAGES", "funnel", "funnel_falloff", "replacements", "replacement_match", "attrition",
    "attrition_test",
]

#: Recruitment stages in order, as columns of the funnel file.
STAGES = ("letters", "registrations", "pool", "drawn", "started", "completed")


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
    if is_counts(members) or "replaces" not in members.columns:
        return pd.DataFrame()
    new = members[members["replaces"].notna() & (members["replaces"].astype(str) != "")]
    return new.merge(members, left_on="replaces", right_on="member_id", suffixes=("", "_old"))


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
    for var in demographic_columns(members, variables):
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
    for var in demographic_columns(members, variables):
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


def _attrition_test_one(table: np.ndarray, names: list, min_expected: float, n_resamples: int, seed) -> dict:
    keep = table.sum(axis=0) > 0
    table, names = table[:, keep], [n for n, k in zip(names, keep) if k]
    na = {"method": "not applicable", "statistic": np.nan, "df": np.nan, "p": np.nan,
          "cramers_v": np.nan, "reference": None, "compared": None}
    if table.shape[1] < 2 or (table.sum(axis=1) == 0).any():
        return na
    v = float(stats.contingency.association(table, method="cramer"))
    if table.shape[1] == 2:
        # rows completed/dropped, columns reference/compared: the odds ratio is
        # (dropped_c / completed_c) / (dropped_r / completed_r), the odds of dropping out in `compared`
        # relative to `reference`
        res = stats.fisher_exact(table)
        return {"method": "fisher_exact", "statistic": float(res.statistic), "df": 1,
                "p": float(res.pvalue), "cramers_v": v, "reference": names[0], "compared": names[1]}
    chi = stats.chi2_contingency(table, correction=False)
    if chi.expected_freq.min() >= min_expected:
        return {"method": "chi2", "statistic": float(chi.statistic), "df": int(chi.dof),
                "p": float(chi.pvalue), "cramers_v": v, "reference": None, "compared": None}
    mc = stats.MonteCarloMethod(n_resamples=n_resamples, rng=np.random.default_rng(seed))
    res = stats.fisher_exact(table, method=mc)
    return {"method": "fisher_monte_carlo", "statistic": float(chi.statistic), "df": int(chi.dof),
            "p": float(res.pvalue), "cramers_v": v, "reference": None, "compared": None}


def _category_order(part: pd.DataFrame, declared) -> pd.DataFrame:
    """`part`'s rows in the declared category order, the other categories after them in natural order."""
    return part.iloc[np.argsort(category_rank(part["category"], declared), kind="stable")]


def attrition_test(
    members: pd.DataFrame,
    variables: Sequence[str] | None = None,
    *,
    min_expected: float = 5.0,
    n_resamples: int = 9_999,
    seed: int | None = 0,
    categories: dict[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Test per variable whether drop-out (started but not completed) differs between categories.

    Two categories: Fisher's exact test; its statistic is the sample odds ratio of dropping out in
    the second category (``compared``) relative to the first (``reference``), in the declared
    category order. More: Pearson's chi-square test of independence when every expected count is at
    least `min_expected`, otherwise Fisher's exact test for r x c tables by seeded Monte Carlo
    (scipy), statistic X^2 in both cases. The categories are put in the declared order (then the
    others in natural order) before anything is computed or drawn, so the result depends on the
    counts only, not on the order of the roster's rows.

    Parameters
    ----------
    members : DataFrame
        Roster or counts.
    variables : sequence of str, optional
    min_expected : float
    n_resamples : int
    seed : int or None
    categories : dict, optional
        Variable -> its categories in the codebook's order; default: natural order of the labels.

    Returns
    -------
    DataFrame
        ``variable, method, statistic, df, p, cramers_v, reference, compared, n_started,
        n_dropped``; ``reference`` and ``compared`` name the categories of an odds ratio (None
        otherwise); method "not applicable" (p NaN) when nobody or everybody dropped out.

    Raises
    ------
    KeyError
        When a roster lacks ``started``, ``completed`` or a requested variable.

    Examples
    --------
    >>> counts = pd.DataFrame({"variable": "gender", "category": ["man", "vrouw"],
    ...     "drawn": [90, 90], "started": [88, 87], "completed": [80, 85]})
    >>> attrition_test(counts)[["method", "p", "reference", "compared"]]
             method         p reference compared
    0  fisher_exact  0.099335       man    vrouw
    """
    t = attrition(members, variables)
    rows = []
    for var, part in t.groupby("variable", sort=False):
        part = _category_order(part, (categories or {}).get(var))
        table = np.vstack([part["n_completed"].to_numpy(), part["n_dropped"].to_numpy()])
        res = _attrition_test_one(table.astype(np.int64), list(part["category"].astype(str)),
                                  min_expected, n_resamples, seed)
        rows.append({"variable": var, **res, "n_started": int(part["n_started"].sum()),
                     "n_dropped": int(part["n_dropped"].sum())})
    return pd.DataFrame(rows, columns=["variable", "method", "statistic", "df", "p", "cramers_v",
                                       "reference", "compared", "n_started", "n_dropped"])
