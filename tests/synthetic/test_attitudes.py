"""The synthetic three-wave generator: structure, codebook, drop-out and the effects it builds in."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.sections.attitudes import parameters as PAR
from toolkit.stats.attitudes import changes as CH
from toolkit.stats.attitudes import panel as PA
from toolkit.stats.attitudes import scales as SC
from toolkit.synthetic.attitudes import DONT_KNOW, NO_ANSWER, demo_respondents, make_waves, to_responses


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(7)
    resp = demo_respondents(rng, 160, 320)
    wide, cb = make_waves(rng, resp)
    return resp, wide, cb, to_responses(wide, resp, cb)


def test_same_seed_same_data():
    resp = demo_respondents(np.random.default_rng(1), 20, 20)
    a, _ = make_waves(np.random.default_rng(2), resp)
    b, _ = make_waves(np.random.default_rng(2), resp)
    pd.testing.assert_frame_equal(a, b)


def test_codebook_structure(data):
    _, wide, cb, _ = data
    types = pd.Series({i: s["type"] for i, s in cb["items"].items()}).value_counts().to_dict()
    assert types == {"scale": 8, "knowledge": 6, "process": 8, "text": 1}
    for spec in cb["items"].values():
        assert set(spec["label"]) == {"nl", "en"} and all(spec["label"].values())
    assert sum(s.get("reverse", False) for s in cb["items"].values()) == 1
    assert all(1 <= s["key"] <= 4 for s in cb["items"].values() if s["type"] == "knowledge")
    assert {s["criterion"] for s in cb["items"].values() if s["type"] == "process"} == {
        "neutral_facilitation", "accessible_balanced_information", "equal_chance_to_speak", "respect",
        "free_decision"}
    assert cb["scales"]["klimaatbeleid"]["min_items"] == 3 and len(cb["scales"]["klimaatbeleid"]["items"]) == 4
    assert list(wide.columns[:2]) == ["respondent_id", "wave"] and set(cb["items"]) == set(wide.columns[2:])


def test_dropout_and_who_answers_what(data):
    resp, wide, _, _ = data
    quit_ids = set(resp.loc[(resp["group"] == "member") & ~resp["completed"].astype(bool), "respondent_id"])
    assert set(wide.loc[wide["wave"] != "t0", "respondent_id"]).isdisjoint(quit_ids)
    control = resp.loc[resp["group"] == "control", "respondent_id"]
    per_wave = wide[wide["respondent_id"].isin(control)].groupby("wave").size()
    assert 0.7 < per_wave["t1"] / per_wave["t0"] < 0.9 and 0.7 < per_wave["t2"] / per_wave["t1"] < 0.9
    proc = wide[wide["PROC1"].notna()]
    assert set(proc["wave"]) == {"t1"} and proc["respondent_id"].isin(control).sum() == 0
    comments = wide["COMMENT"].dropna()
    assert set(wide.loc[wide["COMMENT"].notna(), "wave"]) == {"t1"}
    assert comments.str.contains("<").any() and comments.str.contains("&").any() and comments.str.contains(">").any()
    codes = wide[["CLIM1", "KNOW1"]].stack()
    assert (codes == DONT_KNOW).any() and (codes == NO_ANSWER).any()


def test_built_in_effects_are_recovered(data):
    resp, _, cb, r = data
    par = PAR.codebook_parameters(cb)
    scores = SC.scale_scores(r, par["scales"])
    did = PA.did_mixed(scores, "klimaatbeleid").set_index("wave")
    assert did.loc["t1", "ci_low"] > 0.3 and did.loc["t2", "estimate"] < did.loc["t1", "estimate"]
    flat = PA.did_mixed(r, "CLIM6")  # nuclear energy: no shift built in
    assert (flat["ci_low"] < 0.25).all()
    ch = CH.paired_changes(r[r["group"] == "member"], par["attitude_items"], [("t0", "t1")], par["support"])
    ch = ch.set_index("item")
    assert ch.loc["CLIM3", "mean_change"] < 0 < ch.loc["CLIM1", "mean_change"]
    assert ch.loc["CLIM5", "p_holm"] < 0.001 and ch.loc["CLIM8", "p_holm"] > 0.01
    alpha = SC.reliability(r, par["scales"])["alpha"]
    assert (alpha > 0.6).all()
