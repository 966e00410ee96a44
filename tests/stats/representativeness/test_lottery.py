"""The lottery audit's statistics against a hand-worked pool and the package's own example."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.stats.representativeness import lottery as L

# A pool of 12 with two features, a panel of 4, quotas of exactly 2 per category:
#   5 men aged 65+ (m,o), 5 young women (f,y), 2 older women (f,o), no young men.
# A panel has x older women and x young men (gender 2/2 and age 2/2 force #(m,y) = #(f,o) = x), and there
# are no young men, so x = 0: every feasible panel is 2 of the 5 (m,o) and 2 of the 5 (f,y) (C(5,2)^2 =
# 100 panels). Within a type the members are interchangeable, and each type's probabilities add up to
# 2 (two of them in every panel): nash (unique marginals, symmetric) gives each 2/5; maximin's minimum over
# the 10 who can be drawn is at most 2/5 in each type and reaches it only when all are 2/5; legacy picks
# uniformly within a category, so 2/5 too. The 2 older women are in no feasible panel: 0.
# Equal chance: 4/12 = 1/3; half of it 1/6: the 2 of 12 (1/6 of the pool) below it.
# Mean per group: men 5 x 2/5 / 5 = 2/5 (ratio 1.2); women (5 x 2/5 + 2 x 0) / 7 = 2/7 (ratio 6/7);
# young 2/5; 65+ 2/7. Every panel has the same composition, so the drawn one is the median (50).
POOL = pd.DataFrame({"pool_id": [f"p{i:02d}" for i in range(12)],
                     "gender": ["m"] * 5 + ["f"] * 7, "age": ["o"] * 5 + ["y"] * 5 + ["o"] * 2})
QUOTAS = pd.DataFrame({"variable": ["gender", "gender", "age", "age"], "category": ["m", "f", "y", "o"],
                       "min": [2, 2, 2, 2], "max": [2, 2, 2, 2]})
HAND = np.array([0.4] * 10 + [0.0] * 2)


@pytest.mark.parametrize("method", ["maximin", "nash"])
def test_exact_methods_give_the_hand_worked_probabilities(method):
    dist = L.selection_distribution(POOL, QUOTAS, 4, method, seed=3)
    assert dist.exact and dist.probabilities.sum() == pytest.approx(1)
    probs = L.member_probabilities(POOL, dist)["probability"].to_numpy()
    np.testing.assert_allclose(probs, HAND, atol=1e-5)


def test_legacy_is_simulated_and_close_to_the_hand_worked_probabilities():
    dist = L.selection_distribution(POOL, QUOTAS, 4, "legacy", seed=3, draws=300)
    assert not dist.exact and len(dist.committees) == 300
    members = L.member_probabilities(POOL, dist)
    # per type the probability is exactly 2/5 (each panel holds 2 of 5): averaging within type leaves no noise
    np.testing.assert_allclose(members["probability"].to_numpy(), HAND, atol=1e-12)
    assert members["frequency"].iloc[:10].between(0.25, 0.55).all()  # each member's own share: noisy
    again = L.selection_distribution(POOL, QUOTAS, 4, "legacy", seed=3, draws=300)
    assert again.committees == dist.committees  # seeded: the same draws


def test_summary_groups_quotas_and_typicality_by_hand():
    dist = L.selection_distribution(POOL, QUOTAS, 4, "nash", seed=1)
    members = L.member_probabilities(POOL, dist)
    s = L.probability_summary(members["probability"], 4)
    assert s["equal"] == pytest.approx(1 / 3)
    assert s["min"] == pytest.approx(0, abs=1e-6) and s["max"] == pytest.approx(0.4, abs=1e-6)
    assert s["share_below_half"] == pytest.approx(2 / 12) and s["share_zero"] == pytest.approx(2 / 12)
    panel = POOL.iloc[[0, 1, 5, 6]]
    groups = L.group_probabilities(members, QUOTAS, panel).set_index("category")
    assert groups["n_pool"].tolist() == [5, 7, 5, 7] and groups["n_panel"].tolist() == [2, 2, 2, 2]
    assert groups["mean_probability"].to_numpy() == pytest.approx([2 / 5, 2 / 7, 2 / 5, 2 / 7], abs=1e-6)
    assert groups["ratio"].to_numpy() == pytest.approx([1.2, 6 / 7, 1.2, 6 / 7], abs=1e-5)
    assert L.quota_satisfaction(panel, QUOTAS)["met"].all()
    typ = L.typicality(POOL, dist, QUOTAS, panel, groups["expected_panel"].reset_index(drop=True))
    assert typ["distance"] == pytest.approx(0, abs=1e-5) and typ["percentile"] == pytest.approx(50)


def test_a_panel_off_its_quotas_is_untypical_and_fails_them():
    dist = L.selection_distribution(POOL, QUOTAS, 4, "maximin", seed=1)
    members = L.member_probabilities(POOL, dist)
    panel = POOL.iloc[[0, 1, 2, 10]]  # three men and an older woman: gender and age quotas broken
    q = L.quota_satisfaction(panel, QUOTAS).set_index("category")
    assert q.loc["m", "status"] == "above" and q.loc["f", "status"] == "below" and q.loc["y", "status"] == "below"
    expected = L.group_probabilities(members, QUOTAS, panel)["expected_panel"]
    typ = L.typicality(POOL, dist, QUOTAS, panel, expected)
    # |3-2| + |1-2| + |0-2| + |4-2| = 6, halved: 3 members; every panel of the method is at 0
    assert typ["distance"] == pytest.approx(3, abs=1e-5) and typ["percentile"] == pytest.approx(100)


def test_the_packages_own_example1():
    """sortition-algorithms' tests/test_committee_generation.py, test_maximin_no_address_example1: maximin
    is 1/3, reached uniquely by 1/3 {louie, marge}, 1/3 {dewey, marge}, 1/3 {scrooge, lisa}."""
    pool = pd.DataFrame({"pool_id": ["lisa", "marge", "louie", "dewey", "scrooge"],
                         "age": ["child", "adult", "child", "child", "adult"],
                         "franchise": ["simpsons", "simpsons", "ducktales", "ducktales", "ducktales"]})
    q = pd.DataFrame({"variable": ["age", "age", "franchise", "franchise"],
                      "category": ["child", "adult", "simpsons", "ducktales"], "min": 1, "max": 2})
    probs = L.member_probabilities(pool, L.selection_distribution(pool, q, 2, "maximin", seed=5))
    assert probs.set_index("pool_id")["probability"].to_dict() == pytest.approx(
        {"lisa": 1 / 3, "marge": 2 / 3, "louie": 1 / 3, "dewey": 1 / 3, "scrooge": 1 / 3}, abs=1e-5)


def test_infeasible_quotas_raise_the_packages_message():
    q = QUOTAS.assign(min=[3, 2, 2, 2], max=[3, 2, 2, 2])  # 3 + 2 men and women in a panel of 4
    with pytest.raises(L.LotteryError, match=r"\S"):
        L.selection_distribution(POOL, q, 4, "maximin", seed=1)
    with pytest.raises(ValueError, match="unknown method"):
        L.selection_distribution(POOL, QUOTAS, 4, "leximin", seed=1)


def test_the_package_prints_nothing(capfd):
    L.selection_distribution(POOL, QUOTAS, 4, "nash", seed=1)
    out, _ = capfd.readouterr()
    assert out == ""


def test_a_panel_given_as_counts_at_the_drawn_stage_counts_the_same():
    panel = POOL.iloc[[0, 1, 5, 6]]
    counts = pd.DataFrame({"variable": ["gender", "gender", "age", "age"], "category": ["m", "f", "y", "o"],
                           "drawn": [2, 2, 2, 2]})
    assert L.panel_counts(counts, QUOTAS).tolist() == L.panel_counts(panel, QUOTAS).tolist() == [2, 2, 2, 2]


def test_legacy_prints_nothing_either(capfd):
    L.selection_distribution(POOL, QUOTAS, 4, "legacy", seed=1, draws=3)
    out, _ = capfd.readouterr()
    assert out == ""
