"""Scale scores and Cronbach's alpha, checked against pingouin's published values (R psych::alpha)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.errors import InputError
from toolkit.stats.attitudes.scales import reliability, scale_scores

DATA = Path(__file__).resolve().parents[2] / "data"


def long_from_wide(wide: pd.DataFrame, wave: str = "w1") -> pd.DataFrame:
    long = wide.reset_index(names="respondent_id").melt(id_vars="respondent_id", var_name="item", value_name="value")
    return long.assign(respondent_id=long["respondent_id"].astype(str), group="member", wave=wave,
                       missing_code=np.nan, value=long["value"].astype(float))


def test_alpha_matches_pingouin_long_dataset():
    # pingouin.cronbach_alpha(data, items="Items", scores="Scores", subject="Subj")
    #   -> (0.5917188485995826, array([0.195, 0.84 ])) (pingouin docs and tests, checked there against R)
    d = pd.read_csv(DATA / "pingouin_cronbach_alpha.csv")
    r = pd.DataFrame({"respondent_id": d["Subj"].astype(str), "group": "member", "wave": "w1", "item": d["Items"],
                      "value": d["Scores"].astype(float), "missing_code": np.nan})
    out = reliability(r, {"s": {"items": sorted(d["Items"].unique())}}).iloc[0]
    assert out["alpha"] == pytest.approx(0.5917188485995826, rel=1e-12)
    assert (out["ci_low"], out["ci_high"]) == pytest.approx((0.195, 0.840))
    assert out["n"] == 15 and out["n_items"] == 10


def test_alpha_with_missing_pairwise_and_listwise():
    # R: psych::alpha(data, use = "pairwise") -> 0.732660835214447, CI [0.435, 0.909]
    #    listwise (complete.obs)             -> 0.8016949152542373, CI [0.581, 0.933]
    wide = pd.read_csv(DATA / "pingouin_cronbach_wide_missing.csv", encoding="utf-8-sig")
    r = long_from_wide(wide)
    spec = {"s": {"items": list(wide.columns)}}
    pair = reliability(r, spec).iloc[0]
    assert pair["alpha"] == pytest.approx(0.732660835214447, rel=1e-12)
    assert (pair["ci_low"], pair["ci_high"]) == pytest.approx((0.435, 0.909))
    listwise = reliability(r, spec, nan_policy="listwise").iloc[0]
    assert listwise["alpha"] == pytest.approx(0.8016949152542373, rel=1e-12)
    assert (listwise["ci_low"], listwise["ci_high"]) == pytest.approx((0.581, 0.933))
    assert listwise["n_complete"] == 9


def test_reverse_coding_and_min_items():
    r = pd.DataFrame({"respondent_id": ["a", "a", "a", "b", "b", "b"], "group": "member", "wave": "t0",
                      "item": ["x", "y", "z"] * 2, "value": [8, 2, np.nan, 4, np.nan, np.nan],
                      "missing_code": [np.nan, np.nan, 98, np.nan, 99, 98]})
    spec = {"s": {"items": ["x", "y", "z"], "reverse": ["y"], "scale_min": 0, "scale_max": 10, "min_items": 2}}
    out = scale_scores(r, spec).set_index("respondent_id")
    assert out.loc["a", "value"] == 8  # (8 + (0 + 10 - 2)) / 2
    assert np.isnan(out.loc["b", "value"]) and out.loc["b", "n_items"] == 1
    assert list(out.columns) == ["group", "wave", "item", "value", "missing_code", "n_items"]


def test_reverse_coding_changes_alpha_sign():
    rng = np.random.default_rng(3)
    latent = rng.normal(size=200)
    wide = pd.DataFrame({"a": 5 + 2 * latent + rng.normal(size=200), "b": 5 - 2 * latent + rng.normal(size=200)})
    r = long_from_wide(wide)
    raw = reliability(r, {"s": {"items": ["a", "b"]}})["alpha"].iloc[0]
    rev = reliability(r, {"s": {"items": ["a", "b"], "reverse": ["b"], "scale_min": 0, "scale_max": 10}})
    assert raw < 0 < rev["alpha"].iloc[0]


def test_scale_errors_are_collected():
    r = long_from_wide(pd.DataFrame({"x": [1.0, 2], "y": [2.0, 3]}))
    with pytest.raises(InputError, match=r"at least two items") as err:
        scale_scores(r, {"s": {"items": ["x"]}, "t": {"items": ["x", "y"], "reverse": ["y"]}})
    assert len(err.value.problems) == 2
    assert "needs 'scale_min' and 'scale_max'" in str(err.value)
    with pytest.raises(InputError, match="item 'q' does not occur"):
        scale_scores(r, {"s": {"items": ["x", "q"]}})
    with pytest.raises(ValueError, match="nan_policy must be"):
        reliability(r, {"s": {"items": ["x", "y"]}}, nan_policy="mean")
    with pytest.raises(InputError, match="min_items must be a whole number from 1 to 2"):
        scale_scores(r, {"s": {"items": ["x", "y"], "min_items": 5}})


def test_alpha_per_group_is_not_pooled():
    # the wide data set with missing answers: control = every respondent (R psych::alpha pairwise:
    # 0.732660835214447), members = the respondents who answered every item (R psych::alpha on
    # complete.obs: 0.8016949152542373)
    wide = pd.read_csv(DATA / "pingouin_cronbach_wide_missing.csv", encoding="utf-8-sig")
    complete = wide.dropna().reset_index(drop=True)
    members = long_from_wide(complete).assign(respondent_id=lambda t: "m" + t["respondent_id"])
    control = long_from_wide(wide).assign(group="control", respondent_id=lambda t: "c" + t["respondent_id"])
    spec = {"s": {"items": list(wide.columns)}}
    both = pd.concat([control, members], ignore_index=True)
    out = reliability(both, spec).set_index("group")
    assert list(out.index) == ["member", "control"]
    assert out.loc["member", "alpha"] == pytest.approx(0.8016949152542373, rel=1e-12)
    assert out.loc["control", "alpha"] == pytest.approx(0.732660835214447, rel=1e-12)
    assert (out.loc["member", "n"], out.loc["control", "n"]) == (len(complete), len(wide))
    pooled = reliability(both, spec, by_group=False).iloc[0]
    assert pooled["group"] == "all" and pooled["n"] == len(complete) + len(wide)
    assert pooled["alpha"] != pytest.approx(out.loc["member", "alpha"], abs=1e-3)
