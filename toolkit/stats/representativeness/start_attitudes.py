"""Representativeness of a citizen forum: was it a cross-section of society, and where did who fall away?

The analyses of the question are cut by concept into three modules; this one holds what ties them
together, and re-exports their public names (``from toolkit import representativeness as R``,
then ``R.composition``, ``R.funnel``, ...):

- :mod:`toolkit.stats.representativeness.composition`: members per category against the population benchmark (Wilson
  intervals, gaps, flags), quotas, two-way groups, named groups; the two forms of member data
  (roster or counts) are described there;
- :mod:`toolkit.stats.representativeness.goodness_of_fit`: per variable, whether the counts fit the population shares
  (chi-square, exact multinomial or Monte Carlo; Cohen's w, total variation distance);
- :mod:`toolkit.stats.representativeness.funnel`: the recruitment funnel and where each stratum falls away, replacements,
  drop-out (attrition) with Fisher's exact or the chi-square test;
- here: attitudes at the start against a reference survey (:func:`attitudinal`), wider-public
  input (:func:`public_input`), which combine the above with other data, and the key figures for
  results.json (:func:`key_figures`);
- :mod:`toolkit.disclosure.joint`: what is published of all of them: small-cell and complementary
  suppression, decided once per forum for the tables that publish the same counts
  (:func:`joint_disclosure`, :func:`publishable_composition`, ...).

Plain functions: tidy frames and column names in, tidy frames out. No file I/O, no plotting, no
rounding (round only when rendering). Methods and references: docs/representativeness.md.
"""
from __future__ import annotations

from typing import NamedTuple, Sequence

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import proportions_ztest

from toolkit.stats.representativeness.composition import (
    DEFAULT_NAMED_GROUPS, JOINT_SEP, NOT_DEMOGRAPHIC, UNKNOWN_CATEGORIES, _wilson, composition,
    flag_named_groups, intersections, member_counts, quota_check,
)
from toolkit.stats.representativeness.funnel import (
    STAGES, attrition, attrition_test, funnel, funnel_falloff, replacement_match, replacements,
)
from toolkit.disclosure.joint import (
    Disclosure, attrition_hidden, joint_disclosure, named_hidden, publishable_composition, publishable_funnel,
    publishable_quotas, suppress_small_cells,
)
from toolkit.stats.representativeness.goodness_of_fit import goodness_of_fit

__all__ = [
    "STAGES", "DEFAULT_NAMED_GROUPS", "JOINT_SEP", "NOT_DEMOGRAPHIC", "UNKNOWN_CATEGORIES",
    "member_counts", "composition", "goodness_of_fit", "quota_check", "intersections",
    "flag_named_groups", "funnel", "funnel_falloff", "replacements", "replacement_match",
    "attrition", "attrition_test", "attitudinal", "PublicInput", "public_input",
    "suppress_small_cells", "publishable_composition", "publishable_quotas", "publishable_funnel",
    "named_hidden", "attrition_hidden", "Disclosure", "joint_disclosure", "key_figures",
]


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


# ----------------------------------------------------------------------------- results.json
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


def _funnel_block(funnel_table: pd.DataFrame, min_cell: int | None = None,
                  disclosure: Disclosure | None = None) -> dict:
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
    if min_cell is not None:  # strata counts of 0 < n < min_cell and those they could be worked out from
        funnel_table = publishable_funnel(funnel_table, min_cell, disclosure)
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
    stage: str = "started",
    disclosure: Disclosure | None = None,
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
        Suppress cells with 0 < n < `min_cell` (their n, share, interval, difference, ratio), and the
        counts of the composition, funnel and drop-out from which one could be worked out, decided
        together (:func:`toolkit.disclosure.joint.joint_disclosure`).
    stage : str
        The stage of the composition's counts (for that decision).
    disclosure : Disclosure, optional
        That decision, when made already.

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
    def publishable(table, joint=None):
        if table is None or min_cell is None:
            return table if table is None or "suppressed" in table else table.assign(suppressed=False)
        return publishable_composition(table, min_cell, joint)

    if min_cell is not None and disclosure is None:
        disclosure = joint_disclosure(composition, funnel, attrition, min_cell, stage=stage)
    published = publishable(composition, disclosure)
    out: dict = {"variables": _variables_block(published, gof, attrition_tests), "min_cell": min_cell}
    if named_groups is not None:
        out["named_groups"] = {r.pop("group"): r for r in _records(
            named_hidden(suppress_small_cells(named_groups, min_cell), published, min_cell)
            if min_cell is not None else publishable(named_groups), ["group", "variable", "categories", *_CELL])}
    if intersections is not None:
        out["intersections"] = _nested(publishable(intersections), _CELL)
    if quotas is not None:
        shown = quotas if min_cell is None else publishable_quotas(quotas, composition, min_cell, disclosure)
        unmet = shown[~quotas["met"] & shown["status"].notna()]  # a hidden status is not listed either
        out["quotas"] = {"n_quotas": len(quotas), "n_met": int((quotas["met"] & shown["status"].notna()).sum()),
                         "unmet": _records(unmet, ["variable", "category", "n", "min", "max", "status", "gap"])}
        if min_cell is not None and shown["status_hidden"].any():
            out["quotas"]["n_status_hidden"] = int(shown["status_hidden"].sum())
    if funnel is not None and len(funnel):
        out["funnel"] = _funnel_block(funnel, min_cell, disclosure)
    if attrition is not None:
        if min_cell is not None:  # small counts, those they could be worked out from, and the rates of both
            h = attrition_hidden(attrition, min_cell, disclosure)
            hide = {c: (h[f"small_{c}"] | h[f"linked_{c}"]).to_numpy() for c in ("started", "completed")}
            attrition = attrition.assign(
                n_started=attrition["n_started"].astype("Int64").mask(hide["started"]),
                n_completed=attrition["n_completed"].astype("Int64").mask(hide["completed"]),
                dropout_rate=attrition["dropout_rate"].mask(hide["started"] | hide["completed"]))
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
