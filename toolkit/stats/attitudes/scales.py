"""Scale scores and their reliability (Cronbach's alpha) per wave.

A *scale* combines several items that measure one attitude. Its score for a respondent in a wave
is the mean of the answered items after reverse-coding (``min + max - x``), provided at least
``min_items`` items were answered. The score frame has the same columns as ``responses`` (the scale
name in ``item``), so every change analysis also runs on scales.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import pingouin as pg

from toolkit.stats.attitudes.frames import check_columns, check_present, check_unique
from toolkit.errors import InputError, Problem

__all__ = ["scale_scores", "reliability", "reverse_code"]

SCORE_COLUMNS = ["respondent_id", "group", "wave", "item", "value", "missing_code", "n_items"]
RELIABILITY_COLUMNS = ["scale", "group", "wave", "n", "n_complete", "n_items", "alpha", "ci_low", "ci_high",
                       "nan_policy"]


def reverse_code(values: pd.Series, scale_min: float, scale_max: float) -> pd.Series:
    """Reverse-code answers on a scale from `scale_min` to `scale_max`: ``min + max - x``.

    Examples
    --------
    >>> reverse_code(pd.Series([0.0, 3.0, 10.0]), 0, 10).tolist()
    [10.0, 7.0, 0.0]
    """
    return scale_min + scale_max - values


def _spec_problems(name: str, spec: Mapping) -> list[Problem]:
    where = f"scales[{name!r}]"
    items = list(spec.get("items", []))
    problems = []
    if len(items) < 2:
        problems.append(Problem(where, f"a scale needs at least two items, found {items}",
                                "List the items of the scale under 'items'"))
    extra = [r for r in spec.get("reverse", []) if r not in items]
    if extra:
        problems.append(Problem(where, f"reverse-coded items {extra} are not among the scale's items",
                                "List reverse-coded items under 'items' too"))
    if spec.get("reverse") and ("scale_min" not in spec or "scale_max" not in spec):
        problems.append(Problem(where, "reverse coding needs 'scale_min' and 'scale_max'",
                                "Give the lowest and highest possible answer, e.g. 0 and 10"))
    k = spec.get("min_items", len(items))
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= max(len(items), 1):
        problems.append(Problem(where, f"min_items must be a whole number from 1 to {len(items)}, found {k!r}",
                                "Set min_items to how many answered items a score needs"))
    return problems


def _checked(responses: pd.DataFrame, scales: Mapping[str, Mapping], name: str) -> None:
    check_columns(responses, ["respondent_id", "group", "wave", "item", "value"], name)
    if not isinstance(scales, Mapping) or not scales:
        raise TypeError(f"{name}: scales must be a non-empty mapping name -> spec, found {scales!r}; "
                        "pass e.g. {'climate': {'items': [...], 'min_items': 3}}")
    problems = [p for n, s in scales.items() for p in _spec_problems(n, s)]
    if problems:
        raise InputError(problems)
    items = sorted({i for s in scales.values() for i in s["items"]})
    check_present(items, responses["item"].unique(), "item", name, "Check the item ids of the scale")


def _item_matrix(responses: pd.DataFrame, spec: Mapping, name: str) -> pd.DataFrame:
    """(respondent_id, group, wave) x item values, reverse-coded where the spec says so."""
    sub = responses[responses["item"].isin(spec["items"])]
    check_unique(sub, ["respondent_id", "wave", "item"], name)
    wide = sub.pivot(index=["respondent_id", "group", "wave"], columns="item", values="value")
    wide = wide.reindex(columns=list(spec["items"])).astype(float)
    for item in spec.get("reverse", []):
        wide[item] = reverse_code(wide[item], spec["scale_min"], spec["scale_max"])
    return wide


def scale_scores(responses: pd.DataFrame, scales: Mapping[str, Mapping]) -> pd.DataFrame:
    """Mean score per respondent, wave and scale.

    Parameters
    ----------
    responses : DataFrame
        Tidy responses (respondent_id, group, wave, item, value, missing_code).
    scales : mapping
        Scale name -> ``{"items": [...], "reverse": [...], "scale_min": 0, "scale_max": 10,
        "min_items": 3}``. ``reverse`` (default none) lists items to reverse-code as
        ``scale_min + scale_max - x``; ``min_items`` (default: all items) is how many answered
        items a score needs, otherwise the score is missing.

    Returns
    -------
    DataFrame
        One row per respondent x wave x scale with columns respondent_id, group, wave,
        item (the scale name), value (mean of answered items, NaN below ``min_items``),
        missing_code (always NaN) and n_items (items answered).

    Raises
    ------
    InputError
        When a scale spec (from the codebook) is incomplete or names items not in the data.
    TypeError, ValueError
        The caller's mistake: `scales` not a mapping, a frame that is not one or lacks its columns.

    Examples
    --------
    >>> r = pd.DataFrame({"respondent_id": ["a", "a", "b", "b"], "group": "member", "wave": "t0",
    ...                   "item": ["x", "y", "x", "y"], "value": [8.0, 1.0, 5.0, None],
    ...                   "missing_code": [None, None, None, 98.0]})
    >>> spec = {"att": {"items": ["x", "y"], "reverse": ["y"], "scale_min": 0, "scale_max": 10,
    ...                 "min_items": 2}}
    >>> scale_scores(r, spec)[["respondent_id", "item", "value", "n_items"]]
      respondent_id item  value  n_items
    0             a  att    8.5        2
    1             b  att    NaN        1
    """
    _checked(responses, scales, "scale_scores")
    frames = []
    for name, spec in scales.items():
        wide = _item_matrix(responses, spec, "scale_scores")
        n = wide.notna().sum(axis=1)
        score = wide.mean(axis=1).where(n >= spec.get("min_items", len(spec["items"])))
        out = pd.DataFrame({"item": name, "value": score, "missing_code": np.nan, "n_items": n})
        frames.append(out.reset_index())
    out = pd.concat(frames, ignore_index=True)
    out["n_items"] = out["n_items"].astype(int)
    return out[SCORE_COLUMNS]


def _alpha_row(wide: pd.DataFrame, nan_policy: str, confidence: float) -> dict:
    wide = wide.dropna(how="all")
    n, k = wide.shape
    row = {"n": n, "n_complete": int(wide.notna().all(axis=1).sum()), "n_items": k}
    usable = row["n_complete"] if nan_policy == "listwise" else n
    if usable < 3:
        return row | {"alpha": math.nan, "ci_low": math.nan, "ci_high": math.nan}
    alpha, ci = pg.cronbach_alpha(data=wide, nan_policy=nan_policy, ci=confidence)
    return row | {"alpha": float(alpha), "ci_low": float(ci[0]), "ci_high": float(ci[1])}


def reliability(responses: pd.DataFrame, scales: Mapping[str, Mapping], waves: Sequence[str] | None = None,
                nan_policy: str = "pairwise", confidence: float = 0.95, by_group: bool = True) -> pd.DataFrame:
    """Cronbach's alpha with confidence interval per scale, group and wave (pingouin).

    Members and the control group are different samples (the forum may change how members answer);
    alpha is computed within each group, never over both pooled.

    Parameters
    ----------
    responses : DataFrame
        Tidy responses.
    scales : mapping
        As in :func:`scale_scores`; items are reverse-coded before alpha is computed.
    waves : sequence of str, optional
        Waves to report (default: every wave in `responses`, sorted).
    nan_policy : {"pairwise", "listwise"}
        How pingouin treats missing answers: covariances from all available pairs (as R
        ``psych::alpha(use="pairwise")``), or only respondents who answered every item.
    confidence : float
        Confidence level of the interval (Feldt's F-based interval as pingouin computes it;
        pingouin rounds its limits to 3 decimals).
    by_group : bool
        One alpha per value of ``group`` (default); False pools them (``group`` is then "all").

    Returns
    -------
    DataFrame
        Columns scale, group, wave, n (respondents with at least one item answered), n_complete
        (all items answered), n_items, alpha, ci_low, ci_high, nan_policy. Alpha is NaN when
        fewer than 3 respondents can be used.

    Raises
    ------
    InputError
        As :func:`scale_scores`; also for a wave not in the data.
    TypeError, ValueError
        As :func:`scale_scores`; also for an unknown `nan_policy`.

    Examples
    --------
    >>> r = pd.DataFrame({"respondent_id": [str(i) for i in range(5)] * 2, "group": "member",
    ...                   "wave": "t0", "item": ["x"] * 5 + ["y"] * 5,
    ...                   "value": [1.0, 2, 3, 4, 5, 2, 2, 4, 4, 5], "missing_code": None})
    >>> reliability(r, {"att": {"items": ["x", "y"]}})[["scale", "group", "wave", "n", "alpha"]]
      scale   group wave  n     alpha
    0   att  member   t0  5  0.963...
    """
    _checked(responses, scales, "reliability")
    if nan_policy not in ("pairwise", "listwise"):
        raise ValueError(f"reliability: nan_policy must be 'pairwise' or 'listwise', found {nan_policy!r}")
    all_waves = sorted(responses["wave"].unique())
    waves = list(waves) if waves is not None else all_waves
    check_present(waves, all_waves, "wave", "reliability", "Use wave ids as in the 'wave' column")
    order = {"member": 0, "control": 1}
    groups = sorted(responses["group"].astype(str).unique(), key=lambda g: (order.get(g, 2), g)) if by_group else ["all"]
    rows = []
    for name, spec in scales.items():
        wide = _item_matrix(responses[responses["wave"].isin(waves)], spec, "reliability")
        in_group = wide.index.get_level_values("group").astype(str)
        for group in groups:
            for wave in waves:
                keep = (wide.index.get_level_values("wave") == wave) & ((in_group == group) if by_group else True)
                rows.append({"scale": name, "group": group, "wave": wave}
                            | _alpha_row(wide[keep], nan_policy, float(confidence)) | {"nan_policy": nan_policy})
    return pd.DataFrame(rows, columns=RELIABILITY_COLUMNS)
