"""Agreement A (van der Eijk 2001), bimodality coefficient, spread and subgroup gaps."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.errors import InputError
from toolkit.stats.attitudes.polarization import agreement_a, bimodality_coefficient, polarization, spread, subgroup_gap


@pytest.mark.parametrize("k", [3, 5, 7, 11])
def test_agreement_known_values(k):
    # van der Eijk (2001): uniform distribution A = 0, all in one category A = 1,
    # half at each extreme A = -1 (complete polarization)
    assert agreement_a([4] * k) == 0
    assert agreement_a([0] * (k - 1) + [9]) == 1
    assert agreement_a([5] + [0] * (k - 2) + [5]) == pytest.approx(-1)


def test_agreement_documented_and_hand_computed_examples():
    # R agrmt::agreement(c(30,40,210,130,530,50,10)) = 0.6113333 (agrmt documentation example)
    assert agreement_a([30, 40, 210, 130, 530, 50, 10]) == pytest.approx(0.6113333, abs=5e-8)
    # One layer 110 on K = 3: one unimodal triple, U = 1, A = U * (1 - (S-1)/(K-1)) = 0.5
    assert agreement_a([50, 50, 0]) == pytest.approx(0.5)
    # Pattern {0, 1, 9, 10} on 0-10 (K = 11, S = 4): TU = 14, TDU = 28,
    # U = (9*14 - 10*28) / (9*42), A = U * (1 - 3/10)
    assert agreement_a([0, 1, 9, 10], categories=(0, 10)) == pytest.approx((9 * 14 - 10 * 28) / (9 * 42) * 0.7)
    # raw values with categories equal the counts
    assert agreement_a([1, 1, 2, 3, 3, 3], categories=[1, 2, 3, 4]) == agreement_a([2, 1, 3, 0])


def test_agreement_errors():
    with pytest.raises(ValueError, match="at least 3 ordered categories"):
        agreement_a([3, 4])
    with pytest.raises(InputError, match=r"values \[98.0\] are not among the categories"):
        agreement_a([1, 5, 98], categories=(0, 10))
    assert np.isnan(agreement_a([0, 0, 0]))


def test_bimodality_coefficient_reference_points():
    # Pfister et al. (2013): BC of a uniform distribution is 5/9, of a normal distribution 1/3
    rng = np.random.default_rng(0)
    assert bimodality_coefficient(rng.uniform(size=200_000)) == pytest.approx(5 / 9, abs=0.01)
    assert bimodality_coefficient(rng.normal(size=200_000)) == pytest.approx(1 / 3, abs=0.01)
    assert bimodality_coefficient(np.r_[rng.normal(0, 1, 5000), rng.normal(8, 1, 5000)]) > 5 / 9
    assert np.isnan(bimodality_coefficient([1, 2, 3]))


def test_spread():
    s = spread([1, 2, 3, 4, np.nan])
    assert s["n"] == 4 and s["iqr"] == pytest.approx(1.5) and s["sd"] == pytest.approx(np.std([1, 2, 3, 4], ddof=1))


def frame(values_t0, values_t1, edu):
    n = len(values_t0)
    ids = [str(i) for i in range(n)]
    return pd.DataFrame({"respondent_id": ids * 2, "group": "member", "wave": ["t0"] * n + ["t1"] * n,
                         "item": "q", "value": np.r_[values_t0, values_t1].astype(float), "missing_code": np.nan,
                         "edu": list(edu) * 2})


def test_subgroup_gap_narrowing():
    d = frame([2, 3, 2, 8, 9, 8], [5, 6, 4, 6, 7, 7], "lllhhh")
    out = subgroup_gap(d, "q", "t0", "t1", "edu").iloc[0]
    assert (out["subgroup_a"], out["subgroup_b"]) == ("h", "l")
    assert out["gap_from"] == pytest.approx(25 / 3 - 7 / 3) and out["gap_to"] == pytest.approx(20 / 3 - 5)
    # the change of the gap is the difference of the mean changes: (-5/3) - (8/3)
    assert out["gap_change"] == pytest.approx(-13 / 3) and out["narrowed"]
    assert out["ci_low"] < -13 / 3 < out["ci_high"] < 0 and out["p"] < 0.01


def test_subgroup_gap_uses_respondents_and_explains_missing_column():
    d = frame([2, 3, 8, 9], [5, 6, 6, 7], "llhh").drop(columns="edu")
    resp = pd.DataFrame({"respondent_id": ["0", "1", "2", "3"], "edu": list("llhh")})
    assert subgroup_gap(d, "q", "t0", "t1", "edu", respondents=resp)["narrowed"].iloc[0]
    with pytest.raises(ValueError, match="column 'edu' is neither in responses nor in respondents"):
        subgroup_gap(d, "q", "t0", "t1", "edu")
    with pytest.raises(InputError, match="fewer than two subgroups"):
        subgroup_gap(d, "q", "t0", "t1", "edu", respondents=resp.assign(edu="l"))


def test_polarization_rows_per_wave_and_subgroup():
    d = frame([0, 1, 9, 10], [4, 5, 6, 5], "lhlh")
    out = polarization(d, "q", ["t0", "t1"], (0, 10), by="edu")
    assert len(out) == 6 and list(out["subgroup"].unique()) == ["all", "h", "l"]
    all_t1 = out[(out["subgroup"] == "all") & (out["wave"] == "t1")].iloc[0]
    assert all_t1["agreement_a"] == pytest.approx(0.85)  # layers {4,5,6} (3/4, A = .8) and {5} (1/4, A = 1)
