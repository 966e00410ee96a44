"""Tests of toolkit.stats.representativeness.composition against values computed outside the project.

The helpers ``wilson``, ``counts`` and ``bench`` live in conftest.py (shared with test_goodness_of_fit.py,
test_funnel.py and test_start_attitudes.py).
"""
from __future__ import annotations


import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import bench, counts, wilson
from toolkit.stats.representativeness.composition import composition, flag_named_groups, intersections, quota_check

# ----------------------------------------------------------------------------- composition
@pytest.mark.parametrize("x, n, low, high", [
    # Newcombe (1998), Statistics in Medicine 17:857-872, Table II, method 3 (Wilson score)
    (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0000, 0.1611), (1, 29, 0.0061, 0.1718),
])
def test_wilson_interval_matches_newcombe(x, n, low, high):
    comp = composition(counts("v", "ab", [x, n - x]), bench("v", "ab", [0.5, 0.5]))
    row = comp.iloc[0]
    assert row["ci_low"] == pytest.approx(low, abs=5e-5)
    assert row["ci_high"] == pytest.approx(high, abs=5e-5)


def test_composition_columns_and_numbers_for_a_forum_of_175():
    comp = composition(counts("age_group", ["18-39", "40-64", "65-79", "80+"], [15, 80, 60, 20]),
                          bench("age_group", ["18-39", "40-64", "65-79", "80+"], [0.32, 0.43, 0.19, 0.06]))
    young = comp.iloc[0]
    assert (young["n"], young["n_total"]) == (15, 175)
    assert young["share"] == pytest.approx(15 / 175)
    assert (young["ci_low"], young["ci_high"]) == pytest.approx(wilson(15, 175), abs=1e-12)
    assert young["diff_pp"] == pytest.approx((15 / 175 - 0.32) * 100)
    assert young["ratio"] == pytest.approx(15 / 175 / 0.32)
    assert young["flag"] == "under" and young["pop_outside_ci"]
    assert comp.set_index("category").loc["80+", "flag"] == "over"
    assert list(comp.columns) == ["variable", "category", "n", "n_total", "n_missing", "share", "ci_low",
                                  "ci_high", "pop_share", "diff_pp", "ratio", "flag", "pop_outside_ci"]


def test_flag_thresholds_are_configurable():
    # 450 of 1000 against 50%: Wilson 95% interval [0.419, 0.481] (wilson(450, 1000)) excludes 0.5
    args = (counts("g", "ab", [450, 550]), bench("g", "ab", [0.5, 0.5]))
    assert wilson(450, 1000)[1] < 0.5
    assert composition(*args)["flag"].tolist() == ["ok", "ok"]
    assert composition(*args, flag_ratio_under=0.95, flag_ratio_over=1.05)["flag"].tolist() == ["under", "over"]
    assert composition(*args, flag_diff_pp=5)["flag"].tolist() == ["under", "over"]


def test_a_gap_within_chance_is_not_called_under_or_over_represented():
    # 45 of 100 against 50%: past the thresholds below, but the Wilson interval [0.356, 0.548] holds 0.5
    args = (counts("g", "ab", [45, 55]), bench("g", "ab", [0.5, 0.5]))
    lo, hi = wilson(45, 100)
    assert lo < 0.5 < hi
    comp = composition(*args, flag_ratio_under=0.95, flag_ratio_over=1.05)
    assert comp["flag"].tolist() == ["lower_within_chance", "higher_within_chance"]
    assert not comp["pop_outside_ci"].any()
    assert composition(*args, flag_diff_pp=5)["flag"].tolist() == ["lower_within_chance", "higher_within_chance"]
    # the case: 14 of 175 with a western migration background (8% [5; 13]) against 10.06%
    west = composition(counts("m", ["geen", "westers"], [161, 14]), bench("m", ["geen", "westers"], [0.8994, 0.1006]))
    assert west.set_index("category").loc["westers", "ratio"] < 0.8
    assert west.set_index("category").loc["westers", "flag"] == "lower_within_chance"


def test_category_missing_from_members_counts_as_zero():
    roster = pd.DataFrame({"member_id": ["a", "b"], "age_group": ["40-64", "40-64"],
                           "started": True, "completed": True})
    comp = composition(roster, bench("age_group", ["18-39", "40-64"], [0.4, 0.6]))
    assert comp["n"].tolist() == [0, 2]
    # with two members the Wilson interval of 0 of 2, [0, 0.66], holds 40%: chance explains the gap
    assert comp["flag"].tolist() == ["lower_within_chance", "higher_within_chance"]


def test_roster_and_counts_give_the_same_composition():
    roster = pd.DataFrame({"member_id": list("abcdef"), "gender": ["man", "vrouw", "vrouw", "man", "vrouw", None],
                           "started": [True, True, True, False, True, True],
                           "completed": [True, False, True, False, True, True]})
    from_roster = composition(roster, bench("gender", ["man", "vrouw"], [0.5, 0.5]))
    from_counts = composition(counts("gender", ["man", "vrouw"], [1, 3], [1, 2], [2, 3]),
                                 bench("gender", ["man", "vrouw"], [0.5, 0.5]))
    cols = ["category", "n", "n_total", "share", "ci_low", "ci_high", "flag"]
    pd.testing.assert_frame_equal(from_roster[cols], from_counts[cols])
    assert from_roster["n_missing"].iloc[0] == 1
    done = composition(roster, bench("gender", ["man", "vrouw"], [0.5, 0.5]), stage="completed")
    assert done["n"].tolist() == [1, 2]


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.sampled_from(["a", "b", "c", None]), min_size=1, max_size=60),
       started=st.lists(st.booleans(), min_size=60, max_size=60),
       shares=st.lists(st.floats(0.05, 1), min_size=3, max_size=3))
def test_property_shares_add_to_one_and_no_record_is_lost(values, started, shares):
    roster = pd.DataFrame({"member_id": [f"m{i}" for i in range(len(values))], "v": values,
                           "started": started[: len(values)], "completed": False})
    total = sum(shares)
    comp = composition(roster, bench("v", "abc", [s / total for s in shares]))
    n_started = int(roster["started"].sum())
    assert comp["n"].sum() + comp["n_missing"].iloc[0] == n_started
    if comp["n_total"].iloc[0] > 0:
        assert comp["share"].sum() == pytest.approx(1.0)
        assert ((comp["ci_low"] <= comp["share"] + 1e-12) & (comp["share"] <= comp["ci_high"] + 1e-12)).all()
    everyone = composition(roster, bench("v", "abc", [s / total for s in shares]), stage=None)
    assert everyone["n"].sum() + everyone["n_missing"].iloc[0] == len(values)


def test_unknown_category_counts_as_missing_in_both_forms():
    b = bench("gender", ["man", "vrouw"], [0.5, 0.5])
    from_counts = composition(counts("gender", ["man", "vrouw", "onbekend"], [60, 50, 5]), b)
    roster = pd.DataFrame({"member_id": range(115), "gender": ["man"] * 60 + ["vrouw"] * 50 + ["Onbekend"] * 3 + [None] * 2,
                           "started": True, "completed": True})
    from_roster = composition(roster, b)
    for comp in (from_counts, from_roster):
        assert comp["category"].tolist() == ["man", "vrouw"]
        assert comp["n_total"].iloc[0] == 110 and comp["n_missing"].iloc[0] == 5
        assert comp["share"].sum() == pytest.approx(1)


# ----------------------------------------------------------------------------- quotas, groups, intersections
def test_quota_check():
    comp = composition(counts("age_group", ["18-39", "40-64", "80+"], [30, 120, 25]),
                          bench("age_group", ["18-39", "40-64", "80+"], [0.3, 0.6, 0.1]))
    quotas = pd.DataFrame({"variable": "age_group", "category": ["18-39", "40-64", "80+", "65-79"],
                           "min": [40, 90, None, 1], "max": [70, 130, 20, None]})
    out = quota_check(comp, quotas).set_index("category")
    assert out.loc["18-39", ["status", "gap"]].tolist() == ["below", -10]
    assert out.loc["40-64", "met"]
    assert out.loc["80+", ["status", "gap"]].tolist() == ["above", 5]
    assert out.loc["65-79", ["n", "status"]].tolist() == [0, "below"]


def test_named_groups_sum_categories_and_use_wilson():
    comp = composition(counts("education", ["laag", "middelbaar", "hoog"], [20, 60, 95]),
                          bench("education", ["laag", "middelbaar", "hoog"], [0.26, 0.42, 0.32]))
    groups = flag_named_groups(comp, {"practical": {"education": ["laag", "middelbaar"]},
                                         "young": {"age_group": ["18-39"]}})
    practical = groups.set_index("group").loc["practical"]
    assert practical["n"] == 80 and practical["pop_share"] == pytest.approx(0.68)
    assert (practical["ci_low"], practical["ci_high"]) == pytest.approx(wilson(80, 175), abs=1e-12)
    assert practical["flag"] == "under"  # ratio 0.672 < 0.8
    assert practical["ratio"] == pytest.approx(80 / 175 / 0.68)
    assert groups.set_index("group").loc["young", "flag"] == "n/a"
    with pytest.raises(ValueError, match="exactly one variable"):
        flag_named_groups(comp, {"x": {"a": ["1"], "b": ["2"]}})


def test_intersections_use_joint_benchmark_rows():
    roster = pd.DataFrame({"member_id": list("abcde"), "gender": ["man", "vrouw", "vrouw", "man", "vrouw"],
                           "age_group": ["18-39", "18-39", "40+", "40+", None], "started": True, "completed": True})
    joint = bench("gender:age_group", ["man:18-39", "vrouw:18-39", "man:40+", "vrouw:40+"], [0.2, 0.2, 0.3, 0.3])
    out = intersections(roster, pd.concat([bench("gender", ["man", "vrouw"], [0.5, 0.5]), joint]))
    assert out["variable"].unique().tolist() == ["gender:age_group"]
    assert out["n"].tolist() == [1, 1, 1, 1] and out["n_missing"].iloc[0] == 1
    assert intersections(counts("gender", ["man"], [1]), joint).empty
