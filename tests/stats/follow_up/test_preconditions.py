"""Preconditions scorecard and OECD/KNOCA mapping on small assessments whose answers were worked out by hand."""
from __future__ import annotations

import math

import pandas as pd

from conftest import assessment
from toolkit.stats.follow_up import preconditions as pc
from toolkit.intake.register import VOCABULARY, load_preconditions


def test_scorecard_follows_the_letter_and_links_data():
    pre = load_preconditions()
    sc = pc.precondition_scorecard(assessment(), pre, {"session_hours": 42.5, "composition_max_gap": 0.07})
    assert sc["precondition_id"].tolist() == [p["id"] for p in pre["preconditions"]]
    s = sc.set_index("precondition_id")
    assert s.loc["time_support", "evidence_count"] == 2 and s.loc["time_support", "assessors"] == "A, B"
    assert s.loc["time_support", "latest_evidence_date"] == pd.Timestamp("2024-11-01")
    assert s.loc["time_support", "indicator_value"] == 42.5 and s.loc["cross_section", "indicator_value"] == 0.07
    assert s.loc["public_link", "evidence_count"] == 0 and s.loc["question_mandate", "assessment"] == "unknown"
    assert math.isnan(s.loc["public_link", "indicator_value"])


def test_mapping_covers_every_precondition_and_figure():
    pre = load_preconditions()
    sc = pc.precondition_scorecard(assessment(), pre)
    m = pc.oecd_knoca_mapping(sc, pre, {"response_rate": 0.8})
    oecd = m[(m.framework == "oecd") & (m.item_kind == "precondition")]
    assert sorted(oecd["item_id"]) == sorted(p["id"] for p in pre["preconditions"])
    assert set(m.loc[m.framework == "oecd", "category"]) == set(pre["oecd_criteria"])
    assert set(m.loc[m.framework == "knoca_area", "category"]) <= set(pre["knoca_areas"])
    assert m.loc[(m.item_id == "response_rate") & (m.framework == "oecd"), "value"].item() == 0.8


def test_preconditions_file_is_complete_in_both_languages():
    pre = load_preconditions()
    ids = [p["id"] for p in pre["preconditions"]]
    assert ids == ["question_mandate", "policy_design_influence", "political_embedding", "clarity_follow_up",
                   "roles_expectations", "public_link", "cross_section", "inclusion_effort", "factual_information",
                   "time_support", "learning_evaluation"]
    for p in pre["preconditions"]:
        assert set(p["label"]) == set(p["description"]) == {"nl", "en"}, p["id"]
        assert p["source"]["quote_nl"] and p["source"]["quote_en"] and p["source"]["section"]
        assert p["oecd"] in pre["oecd_criteria"]
        assert set(p["knoca_areas"]) <= set(pre["knoca_areas"]) and set(p["knoca_types"]) <= set(pre["knoca_types"])
        if p["data_link"]:
            assert set(p["data_link"]["label"]) == {"nl", "en"} and p["data_link"]["indicator"]
    for section in ("oecd_criteria", "knoca_areas", "knoca_types", "assessments"):
        assert all(set(v) == {"nl", "en"} for v in pre[section].values()), section



def test_assessment_codes_agree_with_the_reader():
    assert pc.ASSESSMENTS == VOCABULARY["assessment"]


def test_summary_by_hand():
    pre = load_preconditions()
    s = pc.scorecard_summary(pc.precondition_scorecard(assessment(), pre))
    # 11 preconditions: time_support met, cross_section partly met, public_link and the 8 not assessed unknown
    assert s["counts"] == {"met": 1, "partly_met": 1, "not_met": 0, "unknown": 9}
    assert sum(sum(c.values()) for c in s["by_oecd"].values()) == 11
    assert [i["id"] for i in s["items"]] == [p["id"] for p in pre["preconditions"]]
    assert pc.scorecard_summary(pd.DataFrame()) == {"counts": {}, "by_oecd": {}, "items": []}
