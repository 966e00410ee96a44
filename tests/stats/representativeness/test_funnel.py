"""Tests of toolkit.stats.representativeness.funnel against values computed outside the project."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from conftest import counts
from toolkit.stats.representativeness.funnel import attrition, attrition_test, funnel, funnel_falloff, replacement_match, replacements


# ----------------------------------------------------------------------------- funnel
def test_funnel_rates_and_falloff():
    f = pd.DataFrame({"variable": "age_group", "category": ["18-39", "40+"], "letters": [20_000, 50_000],
                      "registrations": [600, 3_400], "pool": [500, 2_900], "drawn": [40, 150],
                      "started": [36, 139], "completed": [30, 133]})
    t = funnel(f)
    young = t[t["category"] == "18-39"].set_index("stage")
    assert young.loc["registrations", "rate_prev"] == pytest.approx(600 / 20_000)
    assert young.loc["registrations", "rate_letters"] == pytest.approx(0.03)
    assert young.loc["registrations", "rel_rate_prev"] == pytest.approx((600 / 20_000) / (4_000 / 70_000))
    assert young.loc["completed", "share_of_stage"] == pytest.approx(30 / 163)
    assert np.isnan(young.loc["letters", "rate_prev"])
    fall = funnel_falloff(t).set_index("category")
    assert fall.loc["18-39", "weakest_stage"] == "registrations"
    assert fall.loc["18-39", "overall_rate"] == pytest.approx(30 / 20_000)
    assert fall.loc["18-39", "rel_overall_rate"] == pytest.approx((30 / 20_000) / (163 / 70_000))


def test_funnel_with_unknown_letters():
    f = pd.DataFrame({"variable": "education", "category": ["laag", "hoog"], "letters": pd.array([None, None], "Int64"),
                      "registrations": [100, 300], "pool": [90, 280], "drawn": [10, 20], "started": [9, 20],
                      "completed": [8, 19]})
    t = funnel(f)
    assert t["rate_letters"].isna().all()
    assert t[t["stage"] == "pool"]["rate_prev"].tolist() == pytest.approx([0.9, 280 / 300])
    assert funnel_falloff(t).set_index("category").loc["laag", "overall_rate"] == pytest.approx(0.08)


# ----------------------------------------------------------------------------- replacements, attrition
def test_replacements_and_match():
    roster = pd.DataFrame({"member_id": ["a", "b", "c", "d"], "gender": ["man", "vrouw", "man", "vrouw"],
                           "age_group": ["18-39", "40-64", "40-64", "40-64"],
                           "replaces": [None, None, "a", "b"], "source": "synthetic",
                           "started": [False, False, True, True], "completed": [False, False, True, True]})
    out = replacements(roster).set_index(["variable", "category"])
    assert set(out.index.get_level_values(0)) == {"gender", "age_group"}  # 'source' is not a variable
    assert out.loc[("age_group", "18-39"), ["n_replaced", "n_replacing", "net"]].tolist() == [1, 0, -1]
    match = replacement_match(roster).set_index("variable")
    assert match.loc["gender", "share_same"] == 1.0 and match.loc["age_group", "share_same"] == 0.5
    assert replacements(counts("g", "a", [1])).empty


def test_attrition_fisher_exact_tea_tasting():
    # R ?fisher.test, TeaTasting = matrix(c(3, 1, 1, 3), 2): two-sided p-value = 0.4857 (= 34/70)
    members = counts("gender", ["man", "vrouw"], started=[4, 4], completed=[3, 1])
    res = attrition_test(members).iloc[0]
    assert res["method"] == "fisher_exact"
    assert res["p"] == pytest.approx(34 / 70, abs=1e-12)
    table = attrition(members).set_index("category")
    assert table.loc["vrouw", ["n_dropped", "dropout_rate"]].tolist() == [3, 0.75]
    assert table["share_started"].tolist() == [0.5, 0.5]
    assert table.loc["man", "diff_pp"] == pytest.approx((3 / 4 - 0.5) * 100)


def test_attrition_chi_square_and_monte_carlo():
    started, completed = [60, 60, 55], [50, 45, 52]
    members = counts("age_group", ["a", "b", "c"], started=started, completed=completed)
    res = attrition_test(members).iloc[0]
    # Pearson X^2 of the 2 x 3 table, by hand
    table = np.array([completed, [s - c for s, c in zip(started, completed)]], dtype=float)
    expected = table.sum(1, keepdims=True) * table.sum(0, keepdims=True) / table.sum()
    x2 = ((table - expected) ** 2 / expected).sum()
    assert res["method"] == "chi2" and res["df"] == 2
    assert res["statistic"] == pytest.approx(x2)
    assert res["cramers_v"] == pytest.approx(math.sqrt(x2 / table.sum()))
    small = attrition_test(counts("v", "abc", started=[10, 10, 10], completed=[9, 6, 10]), seed=1).iloc[0]
    assert small["method"] == "fisher_monte_carlo" and 0 < small["p"] <= 1
    none = attrition_test(counts("v", "ab", started=[10, 10], completed=[10, 10])).iloc[0]
    assert none["method"] == "not applicable" and np.isnan(none["p"])


def test_attrition_odds_ratio_points_from_the_codebook_order_not_the_row_order():
    # R: fisher.test(matrix(c(3, 1, 1, 3), 2))$estimate = 6.408309 (conditional MLE); scipy gives the
    # sample odds ratio: dropped out 3 of 4 women against 1 of 4 men, (3/1) / (1/3) = 9
    members = counts("gender", ["vrouw", "man"], started=[4, 4], completed=[1, 3])
    res = attrition_test(members, categories={"gender": ["man", "vrouw"]}).iloc[0]
    assert (res["reference"], res["compared"]) == ("man", "vrouw")
    assert res["statistic"] == pytest.approx(9.0)
    flipped = attrition_test(members, categories={"gender": ["vrouw", "man"]}).iloc[0]
    assert (flipped["reference"], flipped["compared"]) == ("vrouw", "man")
    assert flipped["statistic"] == pytest.approx(1 / 9)
    assert attrition_test(members).iloc[0]["reference"] == "man"  # no codebook order: natural order


def test_attrition_monte_carlo_does_not_depend_on_the_row_order():
    started, completed = [10, 10, 10, 8], [9, 6, 10, 5]
    a = attrition_test(counts("v", ["a", "b", "c", "d"], started=started, completed=completed), seed=3)
    b = attrition_test(counts("v", ["d", "c", "b", "a"], started=started[::-1], completed=completed[::-1]), seed=3)
    assert a.iloc[0]["method"] == "fisher_monte_carlo"
    assert a.iloc[0]["p"] == b.iloc[0]["p"]
