"""Difference-in-differences and heterogeneity (MixedLM), attrition patterns, completers vs drop-outs."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.errors import InputError
from toolkit.stats.attitudes.panel import attrition_waves, completers_vs_dropouts, did_mixed, heterogeneity


def panel(rng, n=120, effect=1.0, waves=("t0", "t1", "t2"), drop=0.0):
    ids = np.arange(n).astype(str)
    group = np.where(np.arange(n) < n // 2, "member", "control")
    person = rng.normal(0, 1.0, n)
    rows = []
    for k, w in enumerate(waves):
        keep = rng.random(n) >= (drop if k else 0)
        y = 5 + person + 0.2 * k + (group == "member") * effect * (k > 0) + rng.normal(0, 0.7, n)
        rows.append(pd.DataFrame({"respondent_id": ids, "group": group, "wave": w, "item": "s", "value": y,
                                  "missing_code": np.nan, "edu": np.where(np.arange(n) % 2, "laag", "hoog")})[keep])
    return pd.concat(rows, ignore_index=True)


def test_did_equals_difference_of_cell_means_when_balanced():
    # Balanced complete panel, saturated fixed effects: the GLS estimate of the interaction equals the
    # difference-in-differences of the cell means.
    d = panel(np.random.default_rng(5))
    out = did_mixed(d, "s").set_index("wave")
    m = d.groupby(["group", "wave"])["value"].mean()
    for w in ("t1", "t2"):
        expected = (m["member", w] - m["member", "t0"]) - (m["control", w] - m["control", "t0"])
        assert out.loc[w, "estimate"] == pytest.approx(expected, abs=1e-6)
        assert out.loc[w, "ci_low"] < 1.0 < out.loc[w, "ci_high"]
    assert out["converged"].all() and (out["n_subjects"] == 120).all()


def test_did_uses_incomplete_respondents_and_no_effect_is_not_found():
    d = panel(np.random.default_rng(6), n=200, effect=0.0, drop=0.25)
    out = did_mixed(d, "s")
    assert out["n_obs"].iloc[0] == len(d) and out["n_subjects"].iloc[0] == 200
    assert (out["ci_low"] < 0).all() and (out["ci_high"] > 0).all()


def test_did_errors():
    d = panel(np.random.default_rng(1), n=20)
    with pytest.raises(InputError, match="group 'treated' does not occur"):
        did_mixed(d, groups=("control", "treated"))
    with pytest.raises(InputError, match="item 'x' does not occur"):
        did_mixed(d, "x")
    with pytest.raises(InputError, match="group 'control' does not occur in the data"):
        did_mixed(d[d["group"] == "member"])
    with pytest.raises(InputError, match="too little data for the mixed model: 2 persons"):
        did_mixed(d[d["respondent_id"].isin(["0", "19"])])


def test_heterogeneity_among_members():
    d = panel(np.random.default_rng(2))
    boost = (d["edu"] == "laag") & (d["wave"] != "t0") & (d["group"] == "member")
    d.loc[boost, "value"] += 1.5
    out = heterogeneity(d, "edu", "s").set_index("wave")
    assert (out["level"] == "laag").all() and (out["level_ref"] == "hoog").all()
    assert out.loc["t1", "ci_low"] > 0.5 and out.loc["t1", "n_subjects"] == 60


def test_attrition_patterns_and_completers():
    d = panel(np.random.default_rng(3), n=100, drop=0.3)
    pat = attrition_waves(d)
    assert pat.groupby("group")["n"].sum().to_dict() == {"control": 50, "member": 50}
    assert pat.groupby("group")["share"].sum().tolist() == pytest.approx([1, 1])
    assert pat["pattern"].iloc[0] == "t0 t1 t2"
    cmp = completers_vs_dropouts(d, ["s"])
    assert set(cmp["group"]) == {"control", "member"}
    assert (cmp["n_completers"] + cmp["n_dropouts"]).tolist() == [50, 50]
    assert (cmp["diff"] - cmp["mean_completers"] + cmp["mean_dropouts"]).abs().max() < 1e-12
