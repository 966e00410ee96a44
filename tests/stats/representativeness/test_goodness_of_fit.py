"""Tests of toolkit.stats.representativeness.goodness_of_fit against values computed outside the project."""
from __future__ import annotations

import math
from itertools import product
from pathlib import Path

import pandas as pd
import pytest

from conftest import bench, counts
from toolkit.stats.representativeness.composition import composition
from toolkit.stats.representativeness.goodness_of_fit import goodness_of_fit

DATA = Path(__file__).resolve().parents[2] / "data"


# ----------------------------------------------------------------------------- goodness of fit
def test_mendel_peas_chi_square_matches_r():
    # R: chisq.test(c(315,101,108,32), p=c(9,3,3,1)/16)
    #    X-squared = 0.47002, df = 3, p-value = 0.9254   (data: tests/data/mendel_peas_gof.csv)
    peas = pd.read_csv(DATA / "mendel_peas_gof.csv")
    comp = composition(counts("pea", peas["phenotype"], peas["observed"]),
                          bench("pea", peas["phenotype"], peas["expected_ratio"] / 16))
    res = goodness_of_fit(comp).iloc[0]
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
    comp = composition(counts("g", ["a", "b"], [2, 8]), bench("g", ["a", "b"], [0.5, 0.5]))
    res = goodness_of_fit(comp, min_expected=5.0001).iloc[0]
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
    comp = composition(counts("v", "abc", obs), bench("v", "abc", p))
    exact = goodness_of_fit(comp).iloc[0]
    assert exact["method"] == "exact"
    assert exact["p"] == pytest.approx(by_hand, rel=1e-10)
    mc = goodness_of_fit(comp, method="monte_carlo", n_resamples=40_000, seed=3).iloc[0]
    assert mc["p"] == pytest.approx(by_hand, abs=0.01)
    again = goodness_of_fit(comp, method="monte_carlo", n_resamples=40_000, seed=3).iloc[0]
    assert again["p"] == mc["p"]  # seeded: reproducible


def test_monte_carlo_used_when_exact_is_too_large():
    comp = composition(counts("v", "abcde", [150, 20, 3, 1, 1]),
                          bench("v", "abcde", [0.8, 0.1, 0.05, 0.03, 0.02]))
    res = goodness_of_fit(comp, max_exact_outcomes=1000, n_resamples=999).iloc[0]
    assert res["method"] == "monte_carlo"
    assert 0 < res["p"] <= 1


def test_gof_leaves_out_categories_without_benchmark():
    comp = composition(counts("g", ["man", "vrouw", "anders"], [50, 48, 2]),
                          bench("g", ["man", "vrouw"], [0.5, 0.5]))
    assert comp.set_index("category").loc["anders", "flag"] == "n/a"
    res = goodness_of_fit(comp).iloc[0]
    assert res["n"] == 98 and res["n_excluded"] == 2


def test_gof_rejects_unknown_method():
    comp = composition(counts("g", "ab", [1, 2]), bench("g", "ab", [0.5, 0.5]))
    with pytest.raises(ValueError, match="method"):
        goodness_of_fit(comp, method="g-test")


def test_monte_carlo_p_does_not_depend_on_the_row_order():
    cats, n, share = ["a", "b", "c", "d", "e"], [3, 1, 6, 2, 30], [0.05, 0.05, 0.1, 0.1, 0.7]
    fwd = composition(counts("v", cats, n), bench("v", cats, share))
    rev = composition(counts("v", cats[::-1], n[::-1]), bench("v", cats[::-1], share[::-1]))
    kw = {"method": "monte_carlo", "seed": 7, "n_resamples": 999}
    a, b = goodness_of_fit(fwd, **kw).iloc[0], goodness_of_fit(rev, **kw).iloc[0]
    assert a["method"] == "monte_carlo"
    assert a["p"] == b["p"]
    assert goodness_of_fit(rev, categories={"v": cats[::-1]}, **kw).iloc[0]["p"] != a["p"]
