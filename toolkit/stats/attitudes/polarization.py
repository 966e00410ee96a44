"""Polarization and consensus: spread, van der Eijk's agreement A, the bimodality coefficient,
and whether the gap between subgroups narrowed.

References: van der Eijk, C. (2001). Measuring agreement in ordered rating scales. Quality &
Quantity 35: 325-341. Pfister, R. et al. (2013). Good things peak in pairs: a note on the
bimodality coefficient. Frontiers in Psychology 4: 700.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pingouin as pg
from scipy import stats

from toolkit.stats.attitudes.frames import (check_columns, check_present, check_wave_pairs, wide_values, welch,
                                     with_column)
from toolkit.errors import InputError, Problem

__all__ = ["agreement_a", "spread", "bimodality_coefficient", "polarization", "subgroup_gap"]


def _layer_agreement(pattern: np.ndarray) -> float:
    """Agreement of one layer (a 0/1 pattern over K categories), van der Eijk (2001) eq. 2-3."""
    k = pattern.size
    s = int(pattern.sum())
    if s == 1:
        return 1.0
    tu = tdu = 0
    for i, j, m in itertools.combinations(range(k), 3):
        triple = (pattern[i], pattern[j], pattern[m])
        if triple == (1, 0, 1):
            tdu += 1
        elif triple in ((1, 1, 0), (0, 1, 1)):
            tu += 1
    if tu + tdu == 0:  # only when every category is used (S == K): A = 0
        return 0.0
    u = ((k - 2) * tu - (k - 1) * tdu) / ((k - 2) * (tu + tdu))
    return u * (1 - (s - 1) / (k - 1))


def _counts(data: Sequence[float], categories: Sequence[float] | None) -> np.ndarray:
    if categories is None:
        counts = np.asarray(data, dtype=float)
    else:
        cats = list(categories)
        if len(cats) == 2:
            cats = list(np.arange(cats[0], cats[1] + 1))
        values = pd.Series(data, dtype=float).dropna()
        outside = sorted(set(values) - {float(c) for c in cats})
        if outside:
            raise InputError(Problem("agreement_a", f"values {outside[:10]} are not among the categories {cats}",
                                     "Recode missing codes to NaN, or give the full list of categories"))
        counts = values.value_counts().reindex([float(c) for c in cats], fill_value=0).to_numpy(float)
    if counts.ndim != 1 or counts.size < 3 or (counts < 0).any() or not np.isfinite(counts).all():
        raise ValueError(f"agreement_a: expected counts of at least 3 ordered categories, non-negative, "
                         f"found {counts.tolist()} (pass one count per category, zeros included)")
    return counts


def agreement_a(data: Sequence[float], categories: Sequence[float] | None = None) -> float:
    """Van der Eijk's (2001) agreement A of an ordered rating scale, from -1 to 1.

    The frequency distribution is split into layers of equal frequencies (each layer a 0/1
    pattern of which categories are used); each layer's agreement is
    ``A = U * (1 - (S - 1) / (K - 1))`` with S the number of used categories, K the number of
    categories and U the unimodality of the pattern, computed from the triples of categories
    that are unimodal (110, 011) or bimodal (101); A is the mean of the layers' agreement
    weighted by their share of cases. A = 1: everyone in one category; 0: uniform;
    -1: half at each extreme.

    Parameters
    ----------
    data : sequence of numbers
        Counts per category in scale order (zeros included) when `categories` is None;
        otherwise raw answers (NaN ignored).
    categories : sequence, optional
        The scale's categories, or ``(min, max)`` for whole numbers min..max (e.g. ``(0, 10)``).

    Returns
    -------
    float
        A, or NaN when there are no cases.

    Raises
    ------
    InputError
        For values outside `categories`.
    TypeError, ValueError
        The caller's mistake: fewer than 3 categories or negative counts.

    Examples
    --------
    >>> agreement_a([10, 10, 10, 10, 10])
    0.0
    >>> agreement_a([0, 0, 7, 0, 0]), agreement_a([5, 0, 0, 0, 5])
    (1.0, -1.0)
    >>> agreement_a([30, 40, 210, 130, 530, 50, 10])  # R agrmt::agreement documentation example
    0.6113333...
    >>> agreement_a([1, 1, 9, 10], categories=(0, 10))
    0.111...
    """
    counts = _counts(data, categories)
    total = counts.sum()
    if total == 0:
        return math.nan
    rest, a = counts.copy(), 0.0
    while rest.sum() > 0:
        pattern = (rest > 0).astype(int)
        m = rest[rest > 0].min()
        a += (m * pattern.sum() / total) * _layer_agreement(pattern)
        rest = rest - m * pattern
    return float(a)


def bimodality_coefficient(values: Sequence[float]) -> float:
    """Bimodality coefficient BC = (g^2 + 1) / (k + 3 (n-1)^2 / ((n-2)(n-3))).

    g and k are the sample skewness and excess kurtosis with small-sample corrections (as SAS and
    Pfister et al. 2013). BC > 5/9 (the value of a uniform distribution) hints at bimodality.

    Parameters
    ----------
    values : sequence of float
        Answers; NaN ignored.

    Returns
    -------
    float
        BC, or NaN with fewer than 4 answers or no variation.

    Examples
    --------
    >>> bimodality_coefficient([0, 0, 0, 0, 1, 9, 10, 10, 10, 10] * 3)
    0.821...
    """
    v = pd.Series(values, dtype=float).dropna().to_numpy()
    n = v.size
    if n < 4 or np.ptp(v) == 0:
        return math.nan
    g = stats.skew(v, bias=False)
    k = stats.kurtosis(v, fisher=True, bias=False)
    return float((g ** 2 + 1) / (k + 3 * (n - 1) ** 2 / ((n - 2) * (n - 3))))


def spread(values: Sequence[float]) -> dict:
    """Number, mean, SD, quartiles and interquartile range of the answers (NaN ignored).

    Examples
    --------
    >>> spread([1, 2, 3, 4, None])
    {'n': 4, 'mean': 2.5, 'sd': 1.29..., 'q25': 1.75, 'q75': 3.25, 'iqr': 1.5}
    """
    v = pd.Series(values, dtype=float).dropna()
    q25, q75 = (float(v.quantile(q)) for q in (0.25, 0.75)) if v.size else (math.nan, math.nan)
    return {"n": int(v.size), "mean": float(v.mean()) if v.size else math.nan,
            "sd": float(v.std(ddof=1)) if v.size > 1 else math.nan, "q25": q25, "q75": q75, "iqr": q75 - q25}


def polarization(responses: pd.DataFrame, item: str, waves: Sequence[str], categories: Sequence[float],
                 by: str | None = None, respondents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Spread, agreement A and bimodality of one item per wave (and per subgroup).

    Parameters
    ----------
    responses : DataFrame
        Tidy responses.
    item : str
        The item.
    waves : sequence of str
        Waves to describe (each wave's own answers).
    categories : sequence
        Answer categories or ``(min, max)`` (see :func:`agreement_a`).
    by : str, optional
        Subgroup column (in `responses` or `respondents`); rows for ``"all"`` come first.
    respondents : DataFrame, optional
        Respondents with the `by` column.

    Returns
    -------
    DataFrame
        Columns item, wave, subgroup, n, mean, sd, q25, q75, iqr, agreement_a, bimodality.

    Examples
    --------
    >>> r = pd.DataFrame({"respondent_id": list("abcd") * 2, "group": "member", "wave": ["t0"] * 4 + ["t1"] * 4,
    ...                   "item": "q", "value": [0.0, 1, 9, 10, 4, 5, 6, 5], "missing_code": None})
    >>> polarization(r, "q", ["t0", "t1"], (0, 10))[["wave", "sd", "agreement_a"]]
      wave        sd  agreement_a
    0   t0  5.228...    -0.285...
    1   t1  0.816...     0.850...
    """
    check_columns(responses, ["respondent_id", "wave", "item", "value"], "polarization")
    check_present([item], responses["item"].unique(), "item", "polarization", "Check the item id")
    check_present(list(waves), responses["wave"].unique(), "wave", "polarization", "Use wave ids from the data")
    data = responses[(responses["item"] == item) & responses["wave"].isin(waves)]
    parts = [("all", data)]
    if by:
        data = with_column(data, respondents, by, "polarization")
        parts += [(str(k), g) for k, g in data.groupby(by, sort=True)]
    rows = [{"item": item, "wave": w, "subgroup": name} | spread(g.loc[g["wave"] == w, "value"])
            | {"agreement_a": agreement_a(g.loc[g["wave"] == w, "value"], categories),
               "bimodality": bimodality_coefficient(g.loc[g["wave"] == w, "value"])}
            for name, g in parts for w in waves]
    return pd.DataFrame(rows)


def subgroup_gap(responses: pd.DataFrame, item: str, wave_from: str, wave_to: str, by: str,
                 respondents: pd.DataFrame | None = None, alpha: float = 0.05) -> pd.DataFrame:
    """Did the gap between subgroups narrow? Mean gap per pair of subgroups before and after.

    Uses respondents who answered both waves. ``gap = mean(a) - mean(b)``; the change of the gap
    equals the difference of the mean changes of a and b and is tested with a Welch t-test of the
    change scores (pingouin; interval from statsmodels); Holm across the pairs of subgroups.

    Parameters
    ----------
    responses : DataFrame
        Tidy responses.
    item, wave_from, wave_to : str
        The item and the two waves.
    by : str
        Subgroup column (in `responses` or `respondents`), e.g. party or education.
    respondents : DataFrame, optional
        Respondents with the `by` column.
    alpha : float
        1 - confidence level.

    Returns
    -------
    DataFrame
        One row per pair of subgroups: item, by, subgroup_a, subgroup_b, wave_from, wave_to, n_a,
        n_b, gap_from, gap_to, gap_change (gap_to - gap_from), narrowed (|gap_to| < |gap_from|),
        ci_low, ci_high, t, df, p, p_holm.

    Raises
    ------
    InputError
        When the item or waves are missing from the data, or fewer than two subgroups answered.
    TypeError, ValueError
        The caller's mistake: the `by` column found nowhere, a frame without its columns.

    Examples
    --------
    >>> r = pd.DataFrame({"respondent_id": list("abcdef") * 2, "group": "member",
    ...                   "wave": ["t0"] * 6 + ["t1"] * 6, "item": "q", "edu": list("llhhlh") * 2,
    ...                   "value": [2.0, 3, 8, 9, 2, 8, 5, 5, 7, 6, 4, 7], "missing_code": None})
    >>> subgroup_gap(r, "q", "t0", "t1", "edu")[["subgroup_a", "subgroup_b", "gap_from", "gap_to", "narrowed"]]
      subgroup_a subgroup_b  gap_from  gap_to  narrowed
    0          h          l  6.0   2.0      True
    """
    check_columns(responses, ["respondent_id", "wave", "item", "value"], "subgroup_gap")
    check_present([item], responses["item"].unique(), "item", "subgroup_gap", "Check the item id")
    check_wave_pairs([(wave_from, wave_to)], responses["wave"].unique(), "subgroup_gap")
    data = with_column(responses[responses["item"] == item], respondents, by, "subgroup_gap")
    wide = wide_values(data, [wave_from, wave_to], "subgroup_gap").dropna()
    sub = data.drop_duplicates("respondent_id").set_index("respondent_id")[by].reindex(wide.index)
    levels = sorted(sub.dropna().astype(str).unique())
    if len(levels) < 2:
        raise InputError(Problem("subgroup_gap", f"fewer than two subgroups of {by!r} answered both waves "
                                 f"(found {levels})", "Choose another subgroup column or check the data"))
    rows = [_gap_row(wide, sub.astype(str), a, b, wave_from, wave_to, alpha)
            for a, b in itertools.combinations(levels, 2)]
    out = pd.DataFrame(rows)
    out.insert(0, "by", by)
    out.insert(0, "item", item)
    out["p_holm"] = pg.multicomp(out["p"].to_numpy(dtype=float), method="holm")[1]  # NaN stays NaN
    return out


def _gap_row(wide: pd.DataFrame, sub: pd.Series, a: str, b: str, wf: str, wt: str, alpha: float) -> dict:
    wa, wb = wide[sub == a], wide[sub == b]
    gap_from = wa[wf].mean() - wb[wf].mean()
    gap_to = wa[wt].mean() - wb[wt].mean()
    test = welch((wa[wt] - wa[wf]).to_numpy(), (wb[wt] - wb[wf]).to_numpy(), alpha)
    return {"subgroup_a": a, "subgroup_b": b, "wave_from": wf, "wave_to": wt, "n_a": len(wa), "n_b": len(wb),
            "gap_from": float(gap_from), "gap_to": float(gap_to), "gap_change": float(gap_to - gap_from),
            "narrowed": bool(abs(gap_to) < abs(gap_from)),
            **{k: test[k] for k in ("ci_low", "ci_high", "t", "df", "p")}}
