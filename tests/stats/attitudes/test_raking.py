"""Raking weights (iterative proportional fitting) and weighted changes."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.errors import InputError
from toolkit.stats.attitudes.raking import kish_effective_n, rake, weighted_changes


def people(rng, n=400):
    return pd.DataFrame({"respondent_id": [f"r{i}" for i in range(n)],
                         "gender": rng.choice(["man", "vrouw"], n, p=[0.6, 0.4]),
                         "education": rng.choice(["laag", "middelbaar", "hoog"], n, p=[0.1, 0.4, 0.5])})


MARGINS = {"gender": {"man": 0.49, "vrouw": 0.51}, "education": {"laag": 0.3, "middelbaar": 0.37, "hoog": 0.33}}


def weighted_share(resp, w, var):
    return w.groupby(resp[var].to_numpy()).sum() / w.sum()


def test_rake_meets_every_margin():
    resp = people(np.random.default_rng(0))
    w = rake(resp, MARGINS)
    assert w["weight"].mean() == pytest.approx(1)
    for var, shares in MARGINS.items():
        got = weighted_share(resp, w["weight"], var)
        for cat, share in shares.items():
            assert got[cat] == pytest.approx(share, abs=1e-9)
    assert 0 < w.attrs["n_eff"] < len(resp) and w.attrs["iterations"] >= 2


def test_one_variable_is_post_stratification():
    resp = pd.DataFrame({"respondent_id": list("abcde"), "gender": ["man"] * 4 + ["vrouw"]})
    w = rake(resp, {"gender": {"man": 0.5, "vrouw": 0.5}})["weight"].tolist()
    assert w == pytest.approx([0.625] * 4 + [2.5])  # 0.5 * 5 / 4 and 0.5 * 5 / 1


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.floats(0.2, 0.8))
def test_rake_property_any_sample_reaches_margins(seed, share):
    resp = people(np.random.default_rng(seed), n=200)
    margins = {"gender": {"man": share, "vrouw": 1 - share}, "education": MARGINS["education"]}
    w = rake(resp, margins)
    assert weighted_share(resp, w["weight"], "gender")["man"] == pytest.approx(share, abs=1e-8)


def test_rake_errors_are_clear():
    resp = pd.DataFrame({"respondent_id": list("abc"), "gender": ["man", "man", "x"],
                         "education": ["laag", "hoog", "hoog"]})
    with pytest.raises(InputError) as err:
        rake(resp, {"gender": {"man": 0.5, "vrouw": 0.5}, "education": {"laag": 0.5, "middelbaar": 0.3, "hoog": 0.3}})
    text = str(err.value)
    assert "categories without a target share: ['x']" in text
    assert "category 'vrouw' has a target share of 0.5 but no respondents" in text
    assert "category 'middelbaar'" in text and "add up to 1" in text
    with pytest.raises(ValueError, match="respondents have no column 'region'"):
        rake(resp, {"region": {"West": 1.0}})
    with pytest.raises(TypeError, match="non-empty mapping"):
        rake(resp, {})


def test_rake_reports_non_convergence():
    # Margins that contradict the sample structure: everyone 'man' is 'laag', everyone 'vrouw' is 'hoog'.
    resp = pd.DataFrame({"respondent_id": list("abcd"), "gender": ["man", "man", "vrouw", "vrouw"],
                         "education": ["laag", "laag", "hoog", "hoog"]})
    with pytest.raises(InputError, match="did not converge"):
        rake(resp, {"gender": {"man": 0.5, "vrouw": 0.5}, "education": {"laag": 0.9, "hoog": 0.1}}, max_iter=50)


def test_kish():
    assert kish_effective_n([1, 1, 1, 1]) == 4
    assert kish_effective_n([0.5, 0.5, 0.5, 2.5]) == pytest.approx(16 / 7)


def test_weighted_changes_equal_unweighted_with_equal_weights():
    r = pd.DataFrame({"respondent_id": list("abcd") * 2, "group": "member", "wave": ["t0"] * 4 + ["t1"] * 4,
                      "item": "q", "value": [2.0, 3, 4, 8, 6, 5, 4, 9], "missing_code": np.nan})
    w = pd.DataFrame({"respondent_id": list("abcd"), "weight": 1.0})
    out = weighted_changes(r, w, ["q"], [("t0", "t1")], {"q": (6, 10)}).iloc[0]
    assert out["mean_change_weighted"] == out["mean_change"] == 1.75
    assert out["support_to_weighted"] == out["support_to"] == 0.5
    with pytest.raises(InputError, match="1 respondents have no weight"):
        weighted_changes(r, w.iloc[:3], ["q"], [("t0", "t1")])
