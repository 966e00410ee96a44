"""Panel analyses across waves: difference-in-differences against the control group and
heterogeneity by subgroup (statsmodels MixedLM, random intercept per person), and attrition
(who answered which waves; completers against drop-outs at the start).

A mixed model uses every available answer, so respondents who missed a wave still count (valid
when drop-out depends on what was observed, "missing at random").
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np  # noqa: F401  (used by the examples)
import pandas as pd
import statsmodels.formula.api as smf
from statsmodels.tools.sm_exceptions import ConvergenceWarning

from toolkit.stats.attitudes.frames import answered, check_columns, check_present, welch, with_column
from toolkit.errors import InputError, Problem

__all__ = ["did_mixed", "heterogeneity", "attrition_waves", "completers_vs_dropouts"]

MODEL_COLUMNS = ["item", "term", "wave", "wave_ref", "level", "level_ref", "estimate", "se", "z", "p", "ci_low",
                 "ci_high", "n_obs", "n_subjects", "converged", "warning"]


def _levels(values: pd.Series, order: Sequence[str] | None, what: str, name: str) -> list[str]:
    found = sorted(values.dropna().astype(str).unique())
    if order is None:
        return found
    check_present(list(order), found, what, name, f"Use {what} values as they appear in the data")
    return [str(o) for o in order]


def _fit_interactions(frame: pd.DataFrame, waves: list[str], levels: list[str], item: str | None,
                      alpha: float, name: str) -> pd.DataFrame:
    """Fit _y ~ C(_w) * C(_g) with a random intercept per _s; tidy the interaction terms."""
    if frame["_s"].nunique() < 3 or len(waves) < 2 or len(levels) < 2:
        raise InputError(Problem(name, f"too little data for the mixed model: {frame['_s'].nunique()} persons, "
                                 f"waves {waves}, levels {levels}", "Needs two waves, two groups and answers"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fit = smf.mixedlm("_y ~ C(_w) * C(_g)", frame, groups=frame["_s"]).fit(reml=True)
    ci = fit.conf_int(alpha=alpha)
    notes = sorted({str(c.message) for c in caught if issubclass(c.category, (ConvergenceWarning, RuntimeWarning))})
    rows = []
    for i, w in enumerate(waves[1:], 1):
        for j, g in enumerate(levels[1:], 1):
            term = f"C(_w)[T.{i}]:C(_g)[T.{j}]"
            rows.append({"item": item, "term": f"{g} vs {levels[0]}: {w} - {waves[0]}", "wave": w,
                         "wave_ref": waves[0], "level": g, "level_ref": levels[0],
                         "estimate": float(fit.params[term]), "se": float(fit.bse[term]),
                         "z": float(fit.tvalues[term]), "p": float(fit.pvalues[term]),
                         "ci_low": float(ci.loc[term, 0]), "ci_high": float(ci.loc[term, 1]),
                         "n_obs": int(fit.nobs), "n_subjects": int(fit.model.n_groups),
                         "converged": bool(fit.converged) and not any("converge" in m.lower() for m in notes),
                         "warning": "; ".join(notes) or None})
    return pd.DataFrame(rows, columns=MODEL_COLUMNS)


def _model_frame(data: pd.DataFrame, dv: str, wave: str, level_col: str, subject: str,
                 waves: list[str], levels: list[str]) -> pd.DataFrame:
    d = data[data[wave].astype(str).isin(waves) & data[level_col].astype(str).isin(levels)]
    d = d[d[dv].notna()]
    return pd.DataFrame({"_y": d[dv].astype(float).to_numpy(),
                         "_w": d[wave].astype(str).map({w: i for i, w in enumerate(waves)}).to_numpy(),
                         "_g": d[level_col].astype(str).map({g: i for i, g in enumerate(levels)}).to_numpy(),
                         "_s": d[subject].astype(str).to_numpy()})


def _filter_item(data: pd.DataFrame, item: str | None, name: str) -> pd.DataFrame:
    if item is None:
        return data
    check_columns(data, ["item"], name)
    check_present([item], data["item"].unique(), "item", name, "Check the item or scale id")
    return data[data["item"] == item]


def did_mixed(data: pd.DataFrame, item: str | None = None, dv: str = "value", group: str = "group",
              wave: str = "wave", subject: str = "respondent_id", waves: Sequence[str] | None = None,
              groups: Sequence[str] = ("control", "member"), alpha: float = 0.05) -> pd.DataFrame:
    """Difference-in-differences of members against the control group with a mixed model.

    Fits ``dv ~ C(wave) * C(group)`` with a random intercept per person (statsmodels MixedLM,
    REML). Each interaction term is the change from the first wave to a later wave among
    members minus the same change in the control group.

    Parameters
    ----------
    data : DataFrame
        Tidy responses or :func:`toolkit.stats.attitudes.scales.scale_scores` (one row per person x wave x item).
    item : str, optional
        Item or scale to analyse (when `data` holds several).
    dv, group, wave, subject : str
        Column names of the outcome, group, wave and person.
    waves : sequence of str, optional
        Wave order; the first is the reference (default: sorted wave ids).
    groups : (reference, treated, ...)
        Group order; the first is the reference (default control, then member).
    alpha : float
        1 - confidence level.

    Returns
    -------
    DataFrame
        One row per later wave x non-reference group: item, term, wave, wave_ref, level, level_ref,
        estimate (difference in differences), se, z, p, ci_low, ci_high (Wald), n_obs, n_subjects,
        converged (False when the optimizer did not converge: do not report the row) and warning
        (statsmodels' convergence or boundary warnings, e.g. a random-intercept variance of zero).

    Raises
    ------
    InputError
        When the item, waves or groups are missing from the data, or there is too little data.
    TypeError, ValueError
        The caller's mistake: a frame that is not one or lacks its columns.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> d = pd.DataFrame({"respondent_id": np.repeat(np.arange(40), 2).astype(str), "wave": ["t0", "t1"] * 40,
    ...                   "group": np.repeat(["member", "control"], 40)})
    >>> person = np.repeat(rng.normal(0, 1, 40), 2)
    >>> d["value"] = 5 + person + ((d.group == "member") & (d.wave == "t1")) * 1.0 + rng.normal(0, 0.5, 80)
    >>> res = did_mixed(d)
    >>> res[["term", "n_subjects"]]
                              term  n_subjects
    0  member vs control: t1 - t0          40
    >>> bool(res["ci_low"].iloc[0] > 0)
    True
    """
    check_columns(data, [dv, group, wave, subject], "did_mixed")
    data = _filter_item(data, item, "did_mixed")
    waves = _levels(data[wave], waves, "wave", "did_mixed")
    groups = _levels(data[group], groups, "group", "did_mixed")
    frame = _model_frame(data, dv, wave, group, subject, waves, groups)
    return _fit_interactions(frame, waves, groups, item, alpha, "did_mixed")


def heterogeneity(data: pd.DataFrame, moderator: str, item: str | None = None, respondents: pd.DataFrame | None = None,
                  dv: str = "value", wave: str = "wave", subject: str = "respondent_id",
                  waves: Sequence[str] | None = None, levels: Sequence[str] | None = None,
                  only: tuple[str, str] | None = ("group", "member"), alpha: float = 0.05) -> pd.DataFrame:
    """Did the change differ by subgroup? Wave x moderator interaction among members (MixedLM).

    Fits ``dv ~ C(wave) * C(moderator)`` with a random intercept per person. Each interaction
    term is the change in a subgroup minus the change in the reference subgroup.

    Parameters
    ----------
    data : DataFrame
        Tidy responses or scale scores.
    moderator : str
        Subgroup column (e.g. ``"education"``), in `data` or in `respondents`.
    item : str, optional
        Item or scale to analyse.
    respondents : DataFrame, optional
        Respondents with the moderator column.
    dv, wave, subject, waves, alpha
        As in :func:`did_mixed`.
    levels : sequence of str, optional
        Moderator levels; the first is the reference (default: sorted).
    only : (column, value), optional
        Keep only these rows (default: members); None keeps all.

    Returns
    -------
    DataFrame
        As :func:`did_mixed`; ``level`` and ``level_ref`` are moderator levels.

    Raises
    ------
    InputError
        As :func:`did_mixed`.
    TypeError, ValueError
        The caller's mistake: as :func:`did_mixed`, or the moderator column found nowhere.

    Examples
    --------
    >>> d = pd.DataFrame({"respondent_id": np.repeat(np.arange(30), 2).astype(str), "wave": ["t0", "t1"] * 30,
    ...                   "group": "member", "edu": np.repeat(["hoog", "laag"] * 15, 2)})
    >>> d["value"] = np.random.default_rng(1).normal(5, 1, 60)
    >>> heterogeneity(d, "edu")[["term", "n_subjects"]]
                       term  n_subjects
    0  laag vs hoog: t1 - t0          30
    """
    check_columns(data, [dv, wave, subject], "heterogeneity")
    data = _filter_item(data, item, "heterogeneity")
    if only is not None:
        check_columns(data, [only[0]], "heterogeneity")
        data = data[data[only[0]] == only[1]]
    data = with_column(data, respondents, moderator, "heterogeneity")
    waves = _levels(data[wave], waves, "wave", "heterogeneity")
    levels = _levels(data[moderator], levels, "level", "heterogeneity")
    frame = _model_frame(data, dv, wave, moderator, subject, waves, levels)
    out = _fit_interactions(frame, waves, levels, item, alpha, "heterogeneity")
    out.insert(1, "moderator", moderator)
    return out


def _took_part(responses: pd.DataFrame, waves: list[str]) -> pd.DataFrame:
    """Respondent x wave booleans: gave at least one answer (value or declared code) in the wave."""
    given = responses[answered(responses) & responses["wave"].isin(waves)]
    took = pd.crosstab([given["respondent_id"], given["group"]], given["wave"]).reindex(columns=waves, fill_value=0) > 0
    everyone = responses[["respondent_id", "group"]].drop_duplicates().set_index(["respondent_id", "group"])
    return took.reindex(everyone.index, fill_value=False)


def attrition_waves(responses: pd.DataFrame, waves: Sequence[str] | None = None) -> pd.DataFrame:
    """Who answered which waves: counts of participation patterns per group.

    Parameters
    ----------
    responses : DataFrame
        Tidy responses; a respondent took part in a wave when they gave any answer there
        (a value or a declared missing code).
    waves : sequence of str, optional
        Wave order (default: sorted wave ids).

    Returns
    -------
    DataFrame
        One row per group x pattern: group, pattern (e.g. ``"t0 t1 -"``), one boolean column per
        wave, n, share (of the group).

    Examples
    --------
    >>> r = pd.DataFrame({"respondent_id": ["a", "a", "b", "c", "c"], "group": "member",
    ...                   "wave": ["t0", "t1", "t0", "t0", "t1"], "item": "q",
    ...                   "value": [1.0, 2, 3, None, None], "missing_code": [None, None, None, 98, None]})
    >>> attrition_waves(r)[["group", "pattern", "n", "share"]]
        group pattern  n     share
    0  member   t0 t1  1  0.333...
    1  member    t0 -  2  0.666...
    """
    check_columns(responses, ["respondent_id", "group", "wave", "value", "missing_code"], "attrition_waves")
    waves = _levels(responses["wave"], waves, "wave", "attrition_waves")
    took = _took_part(responses, waves).reset_index()
    took["pattern"] = took[waves].apply(lambda r: " ".join(w if t else "-" for w, t in r.items()), axis=1)
    out = took.groupby(["group", "pattern"] + waves, sort=False).size().rename("n").reset_index()
    out["share"] = out["n"] / out.groupby("group")["n"].transform("sum")
    return out.sort_values(["group"] + waves, ascending=[True] + [False] * len(waves), ignore_index=True)


def completers_vs_dropouts(responses: pd.DataFrame, items: Sequence[str], waves: Sequence[str] | None = None,
                           alpha: float = 0.05) -> pd.DataFrame:
    """Baseline answers of those who answered every wave against those who did not (Welch t).

    Parameters
    ----------
    responses : DataFrame
        Tidy responses (or scale scores with ``missing_code``).
    items : sequence of str
        Items or scales to compare at the first wave.
    waves : sequence of str, optional
        Waves that make a completer; the first is the baseline (default: sorted wave ids).
    alpha : float
        1 - confidence level.

    Returns
    -------
    DataFrame
        One row per group x item: group, item, wave, n_completers, n_dropouts, mean_completers,
        mean_dropouts, diff (completers - drop-outs), ci_low, ci_high, t, df, p, hedges_g.

    Examples
    --------
    >>> r = pd.DataFrame({"respondent_id": list("abcdef") + list("abc"), "group": "member",
    ...                   "wave": ["t0"] * 6 + ["t1"] * 3, "item": "q",
    ...                   "value": [6.0, 7, 8, 3, 4, 6, 7, 7, 8], "missing_code": None})
    >>> completers_vs_dropouts(r, ["q"])[["n_completers", "n_dropouts", "diff"]]
       n_completers  n_dropouts  diff
    0             3           3   2.66...
    """
    check_columns(responses, ["respondent_id", "group", "wave", "item", "value", "missing_code"],
                  "completers_vs_dropouts")
    check_present(list(items), responses["item"].unique(), "item", "completers_vs_dropouts", "Check the item ids")
    waves = _levels(responses["wave"], waves, "wave", "completers_vs_dropouts")
    took = _took_part(responses, waves).reset_index(level="group", drop=True)
    complete = took.all(axis=1)
    base = responses[responses["wave"] == waves[0]]
    rows = []
    for (grp, item), part in base[base["item"].isin(items)].groupby(["group", "item"], sort=True):
        values = part.set_index("respondent_id")["value"]
        is_c = complete.reindex(values.index, fill_value=False)
        test = welch(values[is_c].to_numpy(), values[~is_c].to_numpy(), alpha)
        rows.append({"group": grp, "item": item, "wave": waves[0], "n_completers": test.pop("n_a"),
                     "n_dropouts": test.pop("n_b"), "mean_completers": test.pop("mean_a"),
                     "mean_dropouts": test.pop("mean_b")} | test)
    return pd.DataFrame(rows)
