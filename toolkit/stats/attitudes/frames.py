"""Small shared helpers for the attitude analyses (not public API).

What the data lack (items, waves, too few answers) raises :class:`toolkit.errors.InputError` with
every problem found; a caller's mistake (not a DataFrame, a column the tidy frames always have
missing, a malformed argument) raises TypeError or ValueError.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pingouin as pg
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

from toolkit.errors import InputError, Problem

RESPONSE_COLUMNS = ("respondent_id", "group", "wave", "item", "value", "missing_code")


def check_columns(df: Any, required: Iterable[str], name: str) -> None:
    """Raise TypeError when `df` is not a DataFrame, ValueError when it lacks any of `required`.

    Both are the caller's mistake (the intake's tidy frames have these columns), not the user's.
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{name}: expected a pandas DataFrame, found {type(df).__name__} "
                        "(pass the tidy frame the intake produces, see docs/architecture.md)")
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise ValueError(f"{name}: column(s) {', '.join(map(repr, missing))} missing "
                         f"(columns found: {list(df.columns)})")


def check_present(wanted: Iterable[Any], found: Iterable[Any], what: str, name: str, hint: str) -> None:
    """Raise InputError listing every element of `wanted` that is not in `found`."""
    found = set(found)
    absent = [w for w in wanted if w not in found]
    if absent:
        shown = sorted(map(str, found))[:20]
        raise InputError([Problem(name, f"{what} {a!r} does not occur in the data (found: {shown})", hint,
                                  value=a) for a in absent])


def check_wave_pairs(wave_pairs: Sequence[Sequence[str]], waves_found: Iterable[str], name: str) -> list:
    """Validate `wave_pairs` as (from, to) pairs of waves that occur; return them as tuples."""
    pairs = [tuple(p) for p in wave_pairs] if not isinstance(wave_pairs, str) else []
    bad = [p for p in pairs if len(p) != 2 or p[0] == p[1]]
    if not pairs or bad:
        raise ValueError(f"{name}: wave_pairs must be (from, to) pairs of two different waves, found "
                         f"{wave_pairs!r}; write for example [('t0', 't1'), ('t0', 't2')]")
    check_present(sorted({w for p in pairs for w in p}), waves_found, "wave", name,
                  "Use wave ids as they appear in the 'wave' column")
    return pairs


def answered(df: pd.DataFrame) -> pd.Series:
    """True where a row holds an answer: a value or a declared missing code."""
    return df["value"].notna() | df["missing_code"].notna()


def check_unique(df: pd.DataFrame, keys: list[str], name: str) -> None:
    """Raise InputError when the `keys` combination repeats (e.g. two answers per person and item)."""
    dup = df.duplicated(keys, keep=False)
    if dup.any():
        first = df.loc[dup, keys].iloc[0].to_dict()
        raise InputError(Problem(name, f"{int(dup.sum())} rows repeat the same {' x '.join(keys)}, "
                                       f"for example {first}", "Keep one answer per respondent, wave and item"))


def wide_values(df: pd.DataFrame, waves: Sequence[str], name: str) -> pd.DataFrame:
    """Pivot one item's rows to respondent x wave values (NaN when missing)."""
    sub = df[df["wave"].isin(waves)]
    check_unique(sub, ["respondent_id", "wave"], name)
    wide = sub.pivot(index="respondent_id", columns="wave", values="value")
    return wide.reindex(columns=list(waves)).astype(float)


def share_in(values: pd.Series, lo: float, hi: float, weights: pd.Series | None = None) -> float:
    """Share of non-missing `values` within [lo, hi] (weighted when `weights` given); NaN if none."""
    ok = values.notna()
    if not ok.any():
        return math.nan
    inside = values[ok].between(lo, hi).astype(float)
    if weights is None:
        return float(inside.mean())
    w = weights.reindex(inside.index).astype(float)
    return float((inside * w).sum() / w.sum())


def welch(a: np.ndarray, b: np.ndarray, alpha: float = 0.05) -> dict:
    """Welch two-sample t-test of a - b: pingouin for t, df, p and Hedges' g; statsmodels for the interval."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    a, b = a[~np.isnan(a)], b[~np.isnan(b)]
    out = {"n_a": int(a.size), "n_b": int(b.size), "mean_a": float(a.mean()) if a.size else math.nan,
           "mean_b": float(b.mean()) if b.size else math.nan}
    out["diff"] = out["mean_a"] - out["mean_b"]
    nan = dict.fromkeys(["ci_low", "ci_high", "t", "df", "p", "hedges_g"], math.nan)
    if a.size < 2 or b.size < 2 or np.var(a) + np.var(b) == 0:
        return out | nan
    tt = pg.ttest(a, b, paired=False, correction=True)
    ci = CompareMeans(DescrStatsW(a), DescrStatsW(b)).tconfint_diff(alpha=alpha, usevar="unequal")
    g = pg.compute_effsize(a, b, paired=False, eftype="hedges")
    return out | {"ci_low": float(ci[0]), "ci_high": float(ci[1]), "t": float(tt["T"].iloc[0]),
                  "df": float(tt["dof"].iloc[0]), "p": float(tt["p_val"].iloc[0]), "hedges_g": float(g)}


def with_column(responses: pd.DataFrame, respondents: pd.DataFrame | None, column: str, name: str) -> pd.DataFrame:
    """`responses` with `column`, merged from `respondents` by respondent_id when needed."""
    if column in responses.columns:
        return responses
    if respondents is None or column not in respondents.columns:
        raise ValueError(f"{name}: column {column!r} is neither in responses nor in respondents "
                         "(pass respondents with that demographic column, or choose another column)")
    check_unique(respondents, ["respondent_id"], name)
    return responses.merge(respondents[["respondent_id", column]], on="respondent_id", how="left")
