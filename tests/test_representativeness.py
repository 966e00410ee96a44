"""Tests of toolkit.representativeness against values computed outside the project."""
from __future__ import annotations

import json
import math
import time
from itertools import product
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import representativeness as rp

DATA = Path(__file__).parent / "data"
Z975 = 1.959963984540054  # qnorm(0.975)


def wilson(x: int, n: int, z: float = Z975) -> tuple[float, float]:
    """Wilson (1927) score interval, textbook formula (Agresti & Coull 1998, eq. 2)."""
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def counts(variable: str, cats, started, completed=None, drawn=None) -> pd.DataFrame:
    completed = started if completed is None else completed
    drawn = started if drawn is None else drawn
    return pd.DataFrame({"variable": variable, "category": list(cats), "drawn": drawn,
                         "started": started, "completed": completed})


def bench(variable: str, cats, shares) -> pd.DataFrame:
    return pd.DataFrame({"variable": variable, "category": list(cats), "share": shares})


# ----------------------------------------------------------------------------- goodness of fit
def test_mendel_peas_chi_square_matches_r():
    # R: chisq.test(c(315,101,108,32), p=c(9,3,3,1)/16)
    #    X-squared = 0.47002, df = 3, p-value = 0.9254   (data: tests/data/mendel_peas_gof.csv)
    peas = pd.read_csv(DATA / "mendel_peas_gof.csv")
    comp = rp.composition(counts("pea", peas["phenotype"], peas["observed"]),
                          bench("pea", peas["phenotype"], peas["expected_ratio"] / 16))
    res = rp.goodness_of_fit(comp).iloc[0]
    assert res["method"] == "chi2"
    assert res["statistic"] == pytest.approx(0.47002, abs=5e-6)
    assert res["df"] == 3
    assert res["p"] == pytest.approx(0.9254, abs=5e-5)
    # Cohen (1988) w = sqrt(X^2 / N); TVD = half the sum of absolute share differences
    assert res["cohens_w"] == pytest.approx(math.sqrt(res["statistic"] / 556))
    expected_tvd = 0.5 * sum(abs(o / 556 - r / 16) for o, r in zip(peas["observed"], peas["expected_ratio"]))
    assert res["tvd"] == pytest.approx(expected_tvd)


def test_exact_multinomial_equals_binomial_test_for_two_categories():
    # R: binom.test(2, 10, p = 0.5)$p.value = 0.109375 (= 112/1024); with p = 0.5 ordering outcomes
    # by X^2 and by probability coincide, so the exact multinomial test must give the same.
    comp = rp.composition(counts("g", ["a", "b"], [2, 8]), bench("g", ["a", "b"], [0.5, 0.5]))
    res = rp.goodness_of_fit(comp, min_expected=5.0001).iloc[0]
    assert res["method"] == "exact"
    assert res["p"] == pytest.approx(112 / 1024, abs=1e-12)


def test_exact_multinomial_by_enumeration_and_monte_carlo_agree():
    obs, p = [1, 2, 5], [0.5, 0.3, 0.2]
    n = sum(obs)
    exp = [n * q for q in p]

    def x2(c):
        return sum((o - e) ** 2 / e for o, e in zip(c, exp))

    def pmf(c):  # multinomial probability, from factorials
        return math.factorial(n) / math.prod(math.factorial(k) for k in c) * math.prod(q ** k for q, k in zip(p, c))

    outcomes = [c for c in product(range(n + 1), repeat=3) if sum(c) == n]
    by_hand = sum(pmf(c) for c in outcomes if x2(c) >= x2(obs) - 1e-9)
    comp = rp.composition(counts("v", "abc", obs), bench("v", "abc", p))
    exact = rp.goodness_of_fit(comp).iloc[0]
    assert exact["method"] == "exact"
    assert exact["p"] == pytest.approx(by_hand, rel=1e-10)
    mc = rp.goodness_of_fit(comp, method="monte_carlo", n_resamples=40_000, seed=3).iloc[0]
    assert mc["p"] == pytest.approx(by_hand, abs=0.01)
    again = rp.goodness_of_fit(comp, method="monte_carlo", n_resamples=40_000, seed=3).iloc[0]
    assert again["p"] == mc["p"]  # seeded: reproducible


def test_monte_carlo_used_when_exact_is_too_large():
    comp = rp.composition(counts("v", "abcde", [150, 20, 3, 1, 1]),
                          bench("v", "abcde", [0.8, 0.1, 0.05, 0.03, 0.02]))
    res = rp.goodness_of_fit(comp, max_exact_outcomes=1000, n_resamples=999).iloc[0]
    assert res["method"] == "monte_carlo"
    assert 0 < res["p"] <= 1


def test_gof_leaves_out_categories_without_benchmark():
    comp = rp.composition(counts("g", ["man", "vrouw", "anders"], [50, 48, 2]),
                          bench("g", ["man", "vrouw"], [0.5, 0.5]))
    assert comp.set_index("category").loc["anders", "flag"] == "n/a"
    res = rp.goodness_of_fit(comp).iloc[0]
    assert res["n"] == 98 and res["n_excluded"] == 2


def test_gof_rejects_unknown_method():
    comp = rp.composition(counts("g", "ab", [1, 2]), bench("g", "ab", [0.5, 0.5]))
    with pytest.raises(ValueError, match="method"):
        rp.goodness_of_fit(comp, method="g-test")


# ----------------------------------------------------------------------------- composition
@pytest.mark.parametrize("x, n, low, high", [
    # Newcombe (1998), Statistics in Medicine 17:857-872, Table II, method 3 (Wilson score)
    (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0000, 0.1611), (1, 29, 0.0061, 0.1718),
])
def test_wilson_interval_matches_newcombe(x, n, low, high):
    comp = rp.composition(counts("v", "ab", [x, n - x]), bench("v", "ab", [0.5, 0.5]))
    row = comp.iloc[0]
    assert row["ci_low"] == pytest.approx(low, abs=5e-5)
    assert row["ci_high"] == pytest.approx(high, abs=5e-5)


def test_composition_columns_and_numbers_for_a_forum_of_175():
    comp = rp.composition(counts("age_group", ["18-39", "40-64", "65-79", "80+"], [15, 80, 60, 20]),
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
    args = (counts("g", "ab", [45, 55]), bench("g", "ab", [0.5, 0.5]))
    assert rp.composition(*args)["flag"].tolist() == ["ok", "ok"]
    assert rp.composition(*args, flag_ratio_under=0.95, flag_ratio_over=1.05)["flag"].tolist() == ["under", "over"]
    assert rp.composition(*args, flag_diff_pp=5)["flag"].tolist() == ["under", "over"]


def test_category_missing_from_members_counts_as_zero():
    roster = pd.DataFrame({"member_id": ["a", "b"], "age_group": ["40-64", "40-64"],
                           "started": True, "completed": True})
    comp = rp.composition(roster, bench("age_group", ["18-39", "40-64"], [0.4, 0.6]))
    assert comp["n"].tolist() == [0, 2]
    assert comp["flag"].tolist() == ["under", "over"]


def test_roster_and_counts_give_the_same_composition():
    roster = pd.DataFrame({"member_id": list("abcdef"), "gender": ["man", "vrouw", "vrouw", "man", "vrouw", None],
                           "started": [True, True, True, False, True, True],
                           "completed": [True, False, True, False, True, True]})
    from_roster = rp.composition(roster, bench("gender", ["man", "vrouw"], [0.5, 0.5]))
    from_counts = rp.composition(counts("gender", ["man", "vrouw"], [1, 3], [1, 2], [2, 3]),
                                 bench("gender", ["man", "vrouw"], [0.5, 0.5]))
    cols = ["category", "n", "n_total", "share", "ci_low", "ci_high", "flag"]
    pd.testing.assert_frame_equal(from_roster[cols], from_counts[cols])
    assert from_roster["n_missing"].iloc[0] == 1
    done = rp.composition(roster, bench("gender", ["man", "vrouw"], [0.5, 0.5]), stage="completed")
    assert done["n"].tolist() == [1, 2]


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.sampled_from(["a", "b", "c", None]), min_size=1, max_size=60),
       started=st.lists(st.booleans(), min_size=60, max_size=60),
       shares=st.lists(st.floats(0.05, 1), min_size=3, max_size=3))
def test_property_shares_add_to_one_and_no_record_is_lost(values, started, shares):
    roster = pd.DataFrame({"member_id": [f"m{i}" for i in range(len(values))], "v": values,
                           "started": started[: len(values)], "completed": False})
    total = sum(shares)
    comp = rp.composition(roster, bench("v", "abc", [s / total for s in shares]))
    n_started = int(roster["started"].sum())
    assert comp["n"].sum() + comp["n_missing"].iloc[0] == n_started
    if comp["n_total"].iloc[0] > 0:
        assert comp["share"].sum() == pytest.approx(1.0)
        assert ((comp["ci_low"] <= comp["share"] + 1e-12) & (comp["share"] <= comp["ci_high"] + 1e-12)).all()
    everyone = rp.composition(roster, bench("v", "abc", [s / total for s in shares]), stage=None)
    assert everyone["n"].sum() + everyone["n_missing"].iloc[0] == len(values)


# ----------------------------------------------------------------------------- quotas, groups, intersections
def test_quota_check():
    comp = rp.composition(counts("age_group", ["18-39", "40-64", "80+"], [30, 120, 25]),
                          bench("age_group", ["18-39", "40-64", "80+"], [0.3, 0.6, 0.1]))
    quotas = pd.DataFrame({"variable": "age_group", "category": ["18-39", "40-64", "80+", "65-79"],
                           "min": [40, 90, None, 1], "max": [70, 130, 20, None]})
    out = rp.quota_check(comp, quotas).set_index("category")
    assert out.loc["18-39", ["status", "gap"]].tolist() == ["below", -10]
    assert out.loc["40-64", "met"]
    assert out.loc["80+", ["status", "gap"]].tolist() == ["above", 5]
    assert out.loc["65-79", ["n", "status"]].tolist() == [0, "below"]


def test_named_groups_sum_categories_and_use_wilson():
    comp = rp.composition(counts("education", ["laag", "middelbaar", "hoog"], [20, 60, 95]),
                          bench("education", ["laag", "middelbaar", "hoog"], [0.26, 0.42, 0.32]))
    groups = rp.flag_named_groups(comp, {"practical": {"education": ["laag", "middelbaar"]},
                                         "young": {"age_group": ["18-39"]}})
    practical = groups.set_index("group").loc["practical"]
    assert practical["n"] == 80 and practical["pop_share"] == pytest.approx(0.68)
    assert (practical["ci_low"], practical["ci_high"]) == pytest.approx(wilson(80, 175), abs=1e-12)
    assert practical["flag"] == "under"  # ratio 0.672 < 0.8
    assert practical["ratio"] == pytest.approx(80 / 175 / 0.68)
    assert groups.set_index("group").loc["young", "flag"] == "n/a"
    with pytest.raises(ValueError, match="exactly one variable"):
        rp.flag_named_groups(comp, {"x": {"a": ["1"], "b": ["2"]}})


def test_intersections_use_joint_benchmark_rows():
    roster = pd.DataFrame({"member_id": list("abcde"), "gender": ["man", "vrouw", "vrouw", "man", "vrouw"],
                           "age_group": ["18-39", "18-39", "40+", "40+", None], "started": True, "completed": True})
    joint = bench("gender:age_group", ["man:18-39", "vrouw:18-39", "man:40+", "vrouw:40+"], [0.2, 0.2, 0.3, 0.3])
    out = rp.intersections(roster, pd.concat([bench("gender", ["man", "vrouw"], [0.5, 0.5]), joint]))
    assert out["variable"].unique().tolist() == ["gender:age_group"]
    assert out["n"].tolist() == [1, 1, 1, 1] and out["n_missing"].iloc[0] == 1
    assert rp.intersections(counts("gender", ["man"], [1]), joint).empty


# ----------------------------------------------------------------------------- funnel
def test_funnel_rates_and_falloff():
    f = pd.DataFrame({"variable": "age_group", "category": ["18-39", "40+"], "letters": [20_000, 50_000],
                      "registrations": [600, 3_400], "pool": [500, 2_900], "drawn": [40, 150],
                      "started": [36, 139], "completed": [30, 133]})
    t = rp.funnel(f)
    young = t[t["category"] == "18-39"].set_index("stage")
    assert young.loc["registrations", "rate_prev"] == pytest.approx(600 / 20_000)
    assert young.loc["registrations", "rate_letters"] == pytest.approx(0.03)
    assert young.loc["registrations", "rel_rate_prev"] == pytest.approx((600 / 20_000) / (4_000 / 70_000))
    assert young.loc["completed", "share_of_stage"] == pytest.approx(30 / 163)
    assert np.isnan(young.loc["letters", "rate_prev"])
    fall = rp.funnel_falloff(t).set_index("category")
    assert fall.loc["18-39", "weakest_stage"] == "registrations"
    assert fall.loc["18-39", "overall_rate"] == pytest.approx(30 / 20_000)
    assert fall.loc["18-39", "rel_overall_rate"] == pytest.approx((30 / 20_000) / (163 / 70_000))


def test_funnel_with_unknown_letters():
    f = pd.DataFrame({"variable": "education", "category": ["laag", "hoog"], "letters": pd.array([None, None], "Int64"),
                      "registrations": [100, 300], "pool": [90, 280], "drawn": [10, 20], "started": [9, 20],
                      "completed": [8, 19]})
    t = rp.funnel(f)
    assert t["rate_letters"].isna().all()
    assert t[t["stage"] == "pool"]["rate_prev"].tolist() == pytest.approx([0.9, 280 / 300])
    assert rp.funnel_falloff(t).set_index("category").loc["laag", "overall_rate"] == pytest.approx(0.08)


# ----------------------------------------------------------------------------- replacements, attrition
def test_replacements_and_match():
    roster = pd.DataFrame({"member_id": ["a", "b", "c", "d"], "gender": ["man", "vrouw", "man", "vrouw"],
                           "age_group": ["18-39", "40-64", "40-64", "40-64"],
                           "replaces": [None, None, "a", "b"], "source": "synthetic",
                           "started": [False, False, True, True], "completed": [False, False, True, True]})
    out = rp.replacements(roster).set_index(["variable", "category"])
    assert set(out.index.get_level_values(0)) == {"gender", "age_group"}  # 'source' is not a variable
    assert out.loc[("age_group", "18-39"), ["n_replaced", "n_replacing", "net"]].tolist() == [1, 0, -1]
    match = rp.replacement_match(roster).set_index("variable")
    assert match.loc["gender", "share_same"] == 1.0 and match.loc["age_group", "share_same"] == 0.5
    assert rp.replacements(counts("g", "a", [1])).empty


def test_attrition_fisher_exact_tea_tasting():
    # R ?fisher.test, TeaTasting = matrix(c(3, 1, 1, 3), 2): two-sided p-value = 0.4857 (= 34/70)
    members = counts("gender", ["man", "vrouw"], started=[4, 4], completed=[3, 1])
    res = rp.attrition_test(members).iloc[0]
    assert res["method"] == "fisher_exact"
    assert res["p"] == pytest.approx(34 / 70, abs=1e-12)
    table = rp.attrition(members).set_index("category")
    assert table.loc["vrouw", ["n_dropped", "dropout_rate"]].tolist() == [3, 0.75]
    assert table["share_started"].tolist() == [0.5, 0.5]
    assert table.loc["man", "diff_pp"] == pytest.approx((3 / 4 - 0.5) * 100)


def test_attrition_chi_square_and_monte_carlo():
    started, completed = [60, 60, 55], [50, 45, 52]
    members = counts("age_group", ["a", "b", "c"], started=started, completed=completed)
    res = rp.attrition_test(members).iloc[0]
    # Pearson X^2 of the 2 x 3 table, by hand
    table = np.array([completed, [s - c for s, c in zip(started, completed)]], dtype=float)
    expected = table.sum(1, keepdims=True) * table.sum(0, keepdims=True) / table.sum()
    x2 = ((table - expected) ** 2 / expected).sum()
    assert res["method"] == "chi2" and res["df"] == 2
    assert res["statistic"] == pytest.approx(x2)
    assert res["cramers_v"] == pytest.approx(math.sqrt(x2 / table.sum()))
    small = rp.attrition_test(counts("v", "abc", started=[10, 10, 10], completed=[9, 6, 10]), seed=1).iloc[0]
    assert small["method"] == "fisher_monte_carlo" and 0 < small["p"] <= 1
    none = rp.attrition_test(counts("v", "ab", started=[10, 10], completed=[10, 10])).iloc[0]
    assert none["method"] == "not applicable" and np.isnan(none["p"])


# ----------------------------------------------------------------------------- attitudes
def test_attitudinal_binomial_and_two_sample_z():
    answers = pd.DataFrame({"item": "CLIM1", "value": [8, 7, 2, 6, 9, 1, 10, 3, 6, 5, np.nan]})
    ref = pd.DataFrame({"item": ["CLIM1", "CLIM1"], "category": ["eens", "eens (survey n)"], "share": [0.5, 0.5],
                        "n": [None, 50], "codes": ["6-10", "6|7|8|9|10"]})
    out = rp.attitudinal(answers, ref)
    first, second = out.iloc[0], out.iloc[1]
    assert (first["n"], first["n_total"]) == (6, 10)
    # R: binom.test(6, 10, p = 0.5)$p.value = 0.7539063 (= 772/1024)
    assert first["test"] == "binomial" and first["p"] == pytest.approx(772 / 1024, abs=1e-12)
    assert (first["ci_low"], first["ci_high"]) == pytest.approx(wilson(6, 10), abs=1e-12)
    # two-sample z test = R prop.test(c(6, 25), c(10, 50), correct = FALSE); z by hand
    pooled = 31 / 60
    z = (0.6 - 0.5) / math.sqrt(pooled * (1 - pooled) * (1 / 10 + 1 / 50))
    assert second["test"] == "two_proportion_z"
    assert second["statistic"] == pytest.approx(z)
    assert second["p"] == pytest.approx(2 * (1 - 0.5 * (1 + math.erf(abs(z) / math.sqrt(2)))))
    assert (second["ref_ci_low"], second["ref_ci_high"]) == pytest.approx(wilson(25, 50), abs=1e-12)


def test_attitudinal_labels_as_codes():
    answers = pd.DataFrame({"item": "q", "value": ["eens", "oneens", "eens", "weet niet"]})
    ref = pd.DataFrame({"item": ["q"], "category": ["eens"], "share": [0.4]})
    assert rp.attitudinal(answers, ref).iloc[0][["n", "n_total"]].tolist() == [2, 4]


# ----------------------------------------------------------------------------- public input
def _public(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.Timestamp("2024-03-04") + pd.to_timedelta(rng.integers(0, 28 * 86_400, n), unit="s")
    gender = pd.Categorical(rng.choice(["man", "vrouw", None], n, p=[0.5, 0.4, 0.1]))
    return pd.DataFrame({"date": dates, "gender": gender})


def test_public_input_volume_and_composition():
    df = _public(1_000)
    df.loc[0, "date"] = pd.NaT
    res = rp.public_input(df, bench("gender", ["man", "vrouw"], [0.5, 0.5]))
    assert res.volume["count"].sum() == 999 and len(res.volume) == 4
    assert res.volume["period"].iloc[0] == "2024-03-04/2024-03-10"
    assert res.summary["n_without_date"].iloc[0] == 1
    comp = res.composition
    assert comp["n"].sum() + comp["n_missing"].iloc[0] == 1_000
    months = rp.public_input(df, bench("gender", ["man", "vrouw"], [0.5, 0.5]), freq="M").volume
    assert months["period"].tolist() == ["2024-03"] and months["count"].sum() == 999


def test_public_input_is_fast_on_a_million_rows():
    df = _public(1_000_000, seed=1)
    start = time.perf_counter()
    res = rp.public_input(df, bench("gender", ["man", "vrouw"], [0.5, 0.5]))
    assert time.perf_counter() - start < 3
    assert res.summary["n_rows"].iloc[0] == 1_000_000


# ----------------------------------------------------------------------------- key figures
def test_key_figures_are_plain_json_with_none_for_nan():
    members = counts("gender", ["man", "vrouw", "anders"], started=[100, 73, 2], completed=[95, 70, 2])
    b = bench("gender", ["man", "vrouw"], [0.5, 0.5])
    comp = rp.composition(members, b)
    f = pd.DataFrame({"variable": "gender", "category": ["man", "vrouw", "anders"], "letters": [35_000, 34_000, 1_000],
                      "registrations": [2_000, 1_900, 100], "pool": [1_700, 1_600, 80], "drawn": [100, 73, 2],
                      "started": [100, 73, 2], "completed": [95, 70, 2]})
    quotas = rp.quota_check(comp, pd.DataFrame({"variable": "gender", "category": ["man"], "min": [80], "max": [90]}))
    kf = rp.key_figures(comp, gof=rp.goodness_of_fit(comp), named_groups=rp.flag_named_groups(comp),
                        quotas=quotas, funnel=rp.funnel(f), attrition=rp.attrition(members),
                        attrition_tests=rp.attrition_test(members), min_cell=5)
    text = json.dumps(kf, allow_nan=False)  # raises on NaN
    assert json.loads(text) == kf
    gender = kf["variables"]["gender"]
    assert gender["n_total"] == 175 and isinstance(gender["n_total"], int)
    assert gender["categories"]["man"]["share"] == pytest.approx(100 / 175)
    assert gender["categories"]["anders"]["pop_share"] is None  # NaN -> None
    assert gender["categories"]["anders"]["suppressed"] is True  # 2 < min_cell
    assert gender["categories"]["anders"]["n"] is None
    assert gender["gof"]["method"] == "chi2" and gender["gof"]["df"] == 1
    assert kf["quotas"] == {"n_quotas": 1, "n_met": 0, "unmet": [
        {"variable": "gender", "category": "man", "n": 100, "min": 80, "max": 90, "status": "above", "gap": 10}]}
    assert kf["funnel"]["total"]["registrations"] == {"count": 4_000, "rate_prev": 4_000 / 70_000,
                                                      "rate_letters": 4_000 / 70_000}
    assert kf["named_groups"]["young_people"]["flag"] == "n/a"


def test_suppress_small_cells_keeps_zero_and_large():
    t = pd.DataFrame({"n": [0, 3, 5], "share": [0.0, 0.1, 0.2]})
    out = rp.suppress_small_cells(t, 5)
    assert out["suppressed"].tolist() == [False, True, False]
    assert out["share"].isna().tolist() == [False, True, False]


# ----------------------------------------------------------------------------- views
def test_views_give_alt_text_with_the_numbers_in_both_languages():
    from toolkit import views_representativeness as vr

    comp = rp.composition(counts("age_group", ["18-39", "40-64", "65-79", "80+"], [30, 80, 50, 15]),
                          bench("age_group", ["18-39", "40-64", "65-79", "80+"], [0.32, 0.43, 0.19, 0.06]))
    kf = rp.key_figures(comp, gof=rp.goodness_of_fit(comp))
    f = pd.DataFrame({"variable": "age_group", "category": ["18-39", "40+"], "letters": [20_000, 50_000],
                      "registrations": [600, 3_400], "pool": [500, 2_900], "drawn": [40, 150],
                      "started": [36, 139], "completed": [30, 133]})
    for lang, word in (("nl", "tegenover"), ("en", "against")):
        fig, alt = vr.composition_chart(comp, "age_group", lang)
        assert word in alt and ("17%" in alt) and fig.axes
        _, alt = vr.funnel_chart(rp.funnel(f), None, lang)
        assert ("70.000" if lang == "nl" else "70,000") in alt
        _, alt = vr.funnel_chart(rp.funnel(f), "age_group", lang)
        assert "29%" in alt and "18%" in alt  # 20,000 / 70,000 -> 30 / 163
        said = vr.sentences(kf, lang)["age_group"]
        assert len(said) == 2 and all(s.endswith(".") for s in said)
    table = vr.gaps_table(comp, "en")
    assert table.iloc[0]["Assessment"] in ("under-represented", "over-represented")
    _, alt = vr.composition_chart(comp, "gender", "en")
    assert alt == "No data to show."


def test_unknown_category_counts_as_missing_in_both_forms():
    b = bench("gender", ["man", "vrouw"], [0.5, 0.5])
    from_counts = rp.composition(counts("gender", ["man", "vrouw", "onbekend"], [60, 50, 5]), b)
    roster = pd.DataFrame({"member_id": range(115), "gender": ["man"] * 60 + ["vrouw"] * 50 + ["Onbekend"] * 3 + [None] * 2,
                           "started": True, "completed": True})
    from_roster = rp.composition(roster, b)
    for comp in (from_counts, from_roster):
        assert comp["category"].tolist() == ["man", "vrouw"]
        assert comp["n_total"].iloc[0] == 110 and comp["n_missing"].iloc[0] == 5
        assert comp["share"].sum() == pytest.approx(1)
