"""Change between waves per item: paired t and Wilcoxon tests, effect sizes with intervals,
multiple-testing corrections, support and don't-know shares, and transition tables.

Tidy ``responses`` (respondent_id, group, wave, item, value, missing_code) in, tidy DataFrames out,
full precision. Methods and references: docs/attitudes.md.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pingouin as pg
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.weightstats import DescrStatsW

from toolkit.stats.attitudes.frames import answered, check_columns, check_present, check_wave_pairs, share_in, wide_values
from toolkit.errors import InputError, Problem

__all__ = ["paired_changes", "transitions", "adjust_family", "CHANGE_COLUMNS", "DEFAULT_DONT_KNOW",
           "MCNEMAR_EXACT_BELOW"]

#: Missing codes counted as "don't know" unless the caller says otherwise (98 = weet niet).
DEFAULT_DONT_KNOW = (98,)

CHANGE_COLUMNS = [
    "item", "wave_from", "wave_to", "n_pairs", "n_from", "n_to", "mean_from", "mean_to", "sd_from", "sd_to",
    "mean_change", "sd_change", "ci_low", "ci_high", "t", "df", "p", "p_holm", "p_fdr_bh", "d_z",
    "d_z_ci_low", "d_z_ci_high", "g_av", "wilcoxon_W", "wilcoxon_p", "wilcoxon_method", "rank_biserial",
    "support_from", "support_to", "support_change", "dont_know_from", "dont_know_to", "dont_know_change",
    "support_pairs_from", "support_pairs_to", "support_gained", "support_lost", "mcnemar_stat", "mcnemar_p",
    "mcnemar_method", "n_given_from", "n_given_to",
]
#: Below this many discordant pairs McNemar's test is the exact binomial test (statsmodels' rule).
MCNEMAR_EXACT_BELOW = 25
_SM_ALT = {"two-sided": "two-sided", "greater": "larger", "less": "smaller"}


# --------------------------------------------------------------------------- paired changes
def _wilcoxon(x_to: np.ndarray, x_from: np.ndarray, alternative: str) -> dict:
    """Wilcoxon signed-rank via pingouin, choosing exact or normal approximation as R does."""
    d = x_to - x_from
    nz = d[d != 0]
    if nz.size == 0:
        return {"wilcoxon_W": math.nan, "wilcoxon_p": math.nan, "wilcoxon_method": None, "rank_biserial": math.nan}
    ties = np.unique(np.abs(nz)).size < nz.size
    method = "exact" if nz.size < 50 and not ties and nz.size == d.size else "approx"
    res = pg.wilcoxon(x_to, x_from, alternative=alternative, method=method, zero_method="wilcox",
                      correction=True)
    return {"wilcoxon_W": float(res["W_val"].iloc[0]), "wilcoxon_p": float(res["p_val"].iloc[0]),
            "wilcoxon_method": method, "rank_biserial": float(res["RBC"].iloc[0])}


def _paired_tests(x_to: np.ndarray, x_from: np.ndarray, alpha: float, alternative: str) -> dict:
    """t-test, interval, effect sizes and Wilcoxon for complete pairs (NaN where undefined)."""
    n = x_to.size
    d = x_to - x_from
    out = {k: math.nan for k in ("ci_low", "ci_high", "t", "df", "p", "d_z", "d_z_ci_low", "d_z_ci_high",
                                 "g_av")}
    if n > 1 and np.var(x_to) + np.var(x_from) > 0:
        out["g_av"] = float(pg.compute_effsize(x_to, x_from, paired=True, eftype="hedges"))
    if n < 2 or np.std(d) == 0:
        return out | _wilcoxon(x_to, x_from, alternative)
    tt = pg.ttest(x_to, x_from, paired=True, alternative=alternative, confidence=1 - alpha)
    ci = DescrStatsW(d).tconfint_mean(alpha=alpha, alternative=_SM_ALT[alternative])
    dz = float(pg.compute_effsize(x_to, x_from, paired=True, eftype="cohen_dz"))
    dz_ci = pg.compute_esci(dz, nx=n, paired=True, eftype="cohen", confidence=float(1 - alpha), decimals=15)
    out |= {"ci_low": float(ci[0]), "ci_high": float(ci[1]), "t": float(tt["T"].iloc[0]),
            "df": float(tt["dof"].iloc[0]), "p": float(tt["p_val"].iloc[0]), "d_z": dz,
            "d_z_ci_low": float(dz_ci[0]), "d_z_ci_high": float(dz_ci[1])}
    return out | _wilcoxon(x_to, x_from, alternative)


def _wave_shares(rows: pd.DataFrame, support: tuple | None, dont_know: set) -> tuple[int, float, float, int]:
    """n with a value, support share (own answers), don't-know share (among all answers incl. codes), and
    the number of all answers (its base)."""
    values = rows["value"]
    sup = share_in(values, *support) if support is not None else math.nan
    given = answered(rows)
    dk = float(rows.loc[given, "missing_code"].isin(dont_know).mean()) if given.any() else math.nan
    return int(values.notna().sum()), sup, dk, int(given.sum())


def _mcnemar(x_from: np.ndarray, x_to: np.ndarray, support: tuple | None) -> dict:
    """Support on complete pairs and McNemar's test of its shift (exact binomial at small counts).

    `lost` are the pairs in support at the first wave and not at the second (b), `gained` the reverse
    (c). Below :data:`MCNEMAR_EXACT_BELOW` discordant pairs the p-value is the exact two-sided binomial
    test of b against b + c with p = 1/2 (R ``binom.test(b, b + c)``); otherwise the chi-square statistic
    (|b - c| - 1)^2 / (b + c) with continuity correction (R ``mcnemar.test``).
    """
    out = {"support_pairs_from": math.nan, "support_pairs_to": math.nan, "support_gained": math.nan,
           "support_lost": math.nan, "mcnemar_stat": math.nan, "mcnemar_p": math.nan, "mcnemar_method": None}
    if support is None or x_from.size == 0:
        return out
    lo, hi = support
    s_from, s_to = (x_from >= lo) & (x_from <= hi), (x_to >= lo) & (x_to <= hi)
    lost, gained = int((s_from & ~s_to).sum()), int((~s_from & s_to).sum())
    table = [[int((s_from & s_to).sum()), lost], [gained, int((~s_from & ~s_to).sum())]]
    exact = lost + gained < MCNEMAR_EXACT_BELOW
    res = mcnemar(table, exact=exact, correction=True)
    return {"support_pairs_from": float(s_from.mean()), "support_pairs_to": float(s_to.mean()),
            "support_gained": gained, "support_lost": lost,
            "mcnemar_stat": math.nan if exact else float(res.statistic), "mcnemar_p": float(res.pvalue),
            "mcnemar_method": "exact" if exact else "chi2"}


def _one_change(rows: pd.DataFrame, item: str, pair: tuple, support: tuple | None, dont_know: set,
                alpha: float, alternative: str) -> dict:
    wf, wt = pair
    wide = wide_values(rows, [wf, wt], "paired_changes").dropna()
    x_from, x_to = wide[wf].to_numpy(), wide[wt].to_numpy()
    n_from, sup_from, dk_from, given_from = _wave_shares(rows[rows["wave"] == wf], support, dont_know)
    n_to, sup_to, dk_to, given_to = _wave_shares(rows[rows["wave"] == wt], support, dont_know)
    def sd(a):
        return (float(np.std(a, ddof=1)) if a.size > 1 else math.nan)
    def mean(a):
        return (float(np.mean(a)) if a.size else math.nan)
    row = {"item": item, "wave_from": wf, "wave_to": wt, "n_pairs": int(len(wide)), "n_from": n_from,
           "n_to": n_to, "mean_from": mean(x_from), "mean_to": mean(x_to), "sd_from": sd(x_from),
           "sd_to": sd(x_to), "mean_change": mean(x_to - x_from), "sd_change": sd(x_to - x_from),
           "support_from": sup_from, "support_to": sup_to, "support_change": sup_to - sup_from,
           "dont_know_from": dk_from, "dont_know_to": dk_to, "dont_know_change": dk_to - dk_from,
           "n_given_from": given_from, "n_given_to": given_to}
    return row | _mcnemar(x_from, x_to, support) | _paired_tests(x_to, x_from, alpha, alternative)


def _adjust(p: pd.Series, method: str) -> pd.Series:
    """Multiple-testing adjustment (pingouin) over the non-missing p-values.

    pingouin rather than statsmodels' ``multipletests``: the latter calls ``gc.collect()`` on every
    Holm adjustment (bench/README.md).
    """
    return pd.Series(pg.multicomp(p.to_numpy(dtype=float), method=method)[1], index=p.index)


def _check_support(support: Mapping | None, items: Sequence[str]) -> dict:
    support = dict(support or {})
    bad = [(i, s) for i, s in support.items()
           if not (isinstance(s, (list, tuple)) and len(s) == 2 and s[0] <= s[1])]
    if bad:
        raise InputError([Problem("paired_changes: support", f"support for {i!r} must be (lowest, highest) "
                                  f"answer that counts as support, found {s!r}", "Write e.g. {'Q1': (6, 10)}")
                          for i, s in bad])
    return {i: tuple(support[i]) if i in support else None for i in items}


def paired_changes(responses: pd.DataFrame, items: Sequence[str], wave_pairs: Sequence[Sequence[str]],
                   support: Mapping[str, tuple[float, float]] | None = None, alpha: float = 0.05,
                   dont_know_codes: Sequence[float] = DEFAULT_DONT_KNOW, by: str | None = None,
                   alternative: str = "two-sided") -> pd.DataFrame:
    """Change per item between pairs of waves, with paired tests and effect sizes.

    Parameters
    ----------
    responses : DataFrame
        Tidy responses (or :func:`toolkit.stats.attitudes.scales.scale_scores` output, to analyse scales).
    items : sequence of str
        Items (the family for the multiple-testing corrections).
    wave_pairs : sequence of (str, str)
        (wave_from, wave_to) pairs; change is ``to - from``.
    support : mapping item -> (lo, hi), optional
        Answers from lo to hi (inclusive) count as support, e.g. ``(6, 10)`` on 0-10.
    alpha : float
        1 - confidence level of the intervals.
    dont_know_codes : sequence of float
        Declared missing codes (``missing_code``) that mean "don't know".
    by : str, optional
        Column (e.g. ``"group"``) to analyse each of its values separately; it becomes the first
        output column and corrections are done within each value.
    alternative : {"two-sided", "greater", "less"}
        Alternative hypothesis of the t and Wilcoxon tests (``greater``: wave_to higher).

    Returns
    -------
    DataFrame
        One row per item x wave pair (x `by` value), columns :data:`CHANGE_COLUMNS`:
        n_pairs (respondents answering both waves), n_from / n_to (answers in each wave),
        means and SDs on the pairs, mean_change with its t interval (statsmodels), paired t,
        df and p (pingouin), p_holm and p_fdr_bh (statsmodels, across `items` within each wave
        pair), d_z (mean change / SD of changes) with pingouin's interval, g_av (Hedges'
        correction of d_av), wilcoxon_W and wilcoxon_p (pingouin/scipy; exact without ties
        or zero changes and n < 50, otherwise the normal approximation with continuity
        correction, as R's ``wilcox.test``; W is min(W+, W-) two-sided and W+ one-sided),
        rank_biserial, support_from / support_to (shares 0-1 of each wave's own non-missing
        answers), dont_know_from / dont_know_to (shares 0-1 of all answers, codes included, whose
        number is n_given_from / n_given_to);
        the paired test of the support shift on the n_pairs complete pairs: support_pairs_from /
        support_pairs_to (shares 0-1 of those pairs), support_gained / support_lost (discordant
        pairs), mcnemar_p with mcnemar_method "exact" (binomial, fewer than
        :data:`MCNEMAR_EXACT_BELOW` discordant pairs) or "chi2" (continuity-corrected, statistic in
        mcnemar_stat), as statsmodels ``mcnemar``.

    Raises
    ------
    InputError
        When items or waves are missing from the data, or `support` is malformed.
    TypeError, ValueError
        The caller's mistake: `responses` not a DataFrame or without its columns, malformed `wave_pairs` or `alternative`.

    Examples
    --------
    >>> r = pd.DataFrame({"respondent_id": [str(i) for i in range(6)] * 2, "group": "member",
    ...                   "wave": ["t0"] * 6 + ["t1"] * 6, "item": "q",
    ...                   "value": [2.0, 3, 5, 6, 4, 7, 5, 6, 7, 7, 5, 9], "missing_code": None})
    >>> out = paired_changes(r, ["q"], [("t0", "t1")], support={"q": (6, 10)})
    >>> out[["item", "n_pairs", "mean_change", "t", "p", "support_from", "support_to"]]
      item  n_pairs  mean_change         t         p  support_from  support_to
    0    q        6          2.0  5.477226  0.002765      0.333333    0.666667
    """
    check_columns(responses, ["respondent_id", "wave", "item", "value", "missing_code"] + ([by] if by else []),
                  "paired_changes")
    items = list(items)
    check_present(items, responses["item"].unique(), "item", "paired_changes", "Check the item ids")
    pairs = check_wave_pairs(wave_pairs, responses["wave"].unique(), "paired_changes")
    if alternative not in _SM_ALT:
        raise ValueError(f"paired_changes: alternative must be one of {list(_SM_ALT)}, found {alternative!r}")
    support = _check_support(support, items)
    dk = {float(c) for c in dont_know_codes}
    groups = responses.groupby(by, sort=True) if by else [(None, responses)]
    rows = []
    for level, part in groups:
        for item in items:
            sub = part[part["item"] == item]
            for pair in pairs:
                rows.append(({by: level[0] if isinstance(level, tuple) else level} if by else {})
                            | _one_change(sub, item, pair, support[item], dk, alpha, alternative))
    out = pd.DataFrame(rows, columns=([by] if by else []) + CHANGE_COLUMNS)
    return adjust_family(out, ([by] if by else []) + ["wave_from", "wave_to"])


def adjust_family(frame: pd.DataFrame, family: Sequence[str],
                  methods: Mapping[str, str] | None = None) -> pd.DataFrame:
    """`frame` with its p-values adjusted for multiple testing within each `family` (Holm, Benjamini-Hochberg).

    A missing p (a test not computed, or a row withheld) is not a member of the family: the adjustment
    is over the non-missing p-values of the rows that share the `family` columns.

    Parameters
    ----------
    frame : DataFrame
        With a ``p`` column.
    family : sequence of str
        Columns whose values form one family (e.g. group and wave pair); empty: the whole frame.
    methods : mapping column -> method, optional
        Default ``{"p_holm": "holm", "p_fdr_bh": "fdr_bh"}``.

    Returns
    -------
    DataFrame
        A copy with the adjusted columns.

    Examples
    --------
    >>> f = pd.DataFrame({"item": ["a", "b", "c"], "p": [0.01, float("nan"), 0.04]})
    >>> adjust_family(f, [], {"p_holm": "holm"})["p_holm"].round(3).tolist()
    [0.02, nan, 0.04]
    """
    methods = {"p_holm": "holm", "p_fdr_bh": "fdr_bh"} if methods is None else dict(methods)
    out = frame.copy()
    p = pd.to_numeric(out["p"], errors="coerce").astype(float)
    keys = [out[c] for c in family] if family else [pd.Series(0, index=out.index)]
    for col, method in methods.items():
        out[col] = p.groupby(keys, sort=False).transform(lambda v, m=method: _adjust(v, m)) if len(out) \
            else pd.Series(dtype=float)
    return out


# --------------------------------------------------------------------------- transitions
def _grouper(groups: Mapping | Sequence) -> tuple[list[str], Any]:
    """Labels and a function mapping values to labels (NaN outside every group)."""
    if isinstance(groups, Mapping):
        labels = [str(k) for k in groups]
        bounds = [tuple(v) for v in groups.values()]

        def assign(v: pd.Series) -> pd.Series:
            out = pd.Series(pd.NA, index=v.index, dtype="object")
            for label, (lo, hi) in zip(labels, bounds):
                out[v.between(lo, hi) & out.isna()] = label
            return out
        return labels, assign
    edges = [float(e) for e in groups]
    if len(edges) < 2 or any(b <= a for a, b in zip(edges, edges[1:])):
        raise ValueError(f"transitions: cut points must be at least two increasing numbers, found {groups!r}; "
                         "write e.g. [0, 4, 5, 10] (groups 0-4, 5, 6-10 with right-closed bins) or a "
                         "mapping {'oppose': (0, 4), 'neutral': (5, 5), 'support': (6, 10)}")
    cut = pd.cut(pd.Series(edges), edges, include_lowest=True)
    labels = [str(c) for c in cut.cat.categories]
    return labels, (lambda v: pd.cut(v, edges, include_lowest=True).astype(str).where(v.notna()))


def transitions(responses: pd.DataFrame, item: str, wave_from: str, wave_to: str,
                groups: Mapping[str, tuple[float, float]] | Sequence[float]) -> pd.DataFrame:
    """Transition table: how many respondents moved from each answer group to each other group.

    Parameters
    ----------
    responses : DataFrame
        Tidy responses.
    item, wave_from, wave_to : str
        The item and the two waves; only respondents answering both count.
    groups : mapping label -> (lo, hi), or sequence of cut points
        Answer groups, e.g. ``{"oppose": (0, 4), "neutral": (5, 5), "support": (6, 10)}``
        (inclusive bounds), or cut points for :func:`pandas.cut` (right-closed, lowest included).

    Returns
    -------
    DataFrame
        Every combination of groups (zero counts included), columns item, wave_from, wave_to,
        group_from, group_to, n, share_of_from (n / respondents in group_from; NaN if none),
        share_of_total.

    Raises
    ------
    InputError
        When the item or a wave is missing from the data.
    TypeError, ValueError
        The caller's mistake: `responses` not a DataFrame or without its columns, malformed `groups`.

    Examples
    --------
    >>> r = pd.DataFrame({"respondent_id": ["a", "b", "c"] * 2, "group": "member",
    ...                   "wave": ["t0"] * 3 + ["t1"] * 3, "item": "q",
    ...                   "value": [2.0, 8, 3, 7, 9, 3], "missing_code": None})
    >>> transitions(r, "q", "t0", "t1", {"low": (0, 5), "high": (6, 10)})[["group_from", "group_to", "n"]]
      group_from group_to  n
    0        low      low  1
    1        low     high  1
    2       high      low  0
    3       high     high  1
    """
    check_columns(responses, ["respondent_id", "wave", "item", "value"], "transitions")
    check_present([item], responses["item"].unique(), "item", "transitions", "Check the item id")
    check_wave_pairs([(wave_from, wave_to)], responses["wave"].unique(), "transitions")
    labels, assign = _grouper(groups)
    wide = wide_values(responses[responses["item"] == item], [wave_from, wave_to], "transitions").dropna()
    g_from, g_to = assign(wide[wave_from]), assign(wide[wave_to])
    ok = g_from.notna() & g_to.notna()
    counts = pd.crosstab(pd.Categorical(g_from[ok], labels), pd.Categorical(g_to[ok], labels), dropna=False)
    counts = counts.reindex(index=labels, columns=labels, fill_value=0)
    out = counts.stack().rename("n").reset_index()
    out.columns = ["group_from", "group_to", "n"]
    row_tot = out.groupby("group_from", sort=False)["n"].transform("sum")
    out["share_of_from"] = (out["n"] / row_tot.where(row_tot > 0)).astype(float)
    out["share_of_total"] = out["n"] / out["n"].sum() if out["n"].sum() else math.nan
    out.insert(0, "wave_to", wave_to)
    out.insert(0, "wave_from", wave_from)
    out.insert(0, "item", item)
    out["n"] = out["n"].astype(int)
    return out
