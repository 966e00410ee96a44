"""Tests of toolkit.stats.representativeness.start_attitudes against values computed outside the project.

Composition, goodness of fit and the funnel are tested in their own files; here the attitudes at the
start, public input, and the key figures of results.json built from all of them.
"""
from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from conftest import bench, counts, wilson
from toolkit.disclosure.joint import suppress_small_cells
from toolkit.sections.representativeness.figures import key_figures
from toolkit.stats.representativeness.composition import composition, flag_named_groups, quota_check
from toolkit.stats.representativeness.funnel import attrition, attrition_test, funnel
from toolkit.stats.representativeness.goodness_of_fit import goodness_of_fit
from toolkit.stats.representativeness.public_input import public_input
from toolkit.stats.representativeness.start_attitudes import attitudinal


# ----------------------------------------------------------------------------- attitudes
def test_attitudinal_binomial_and_two_sample_z():
    answers = pd.DataFrame({"item": "CLIM1", "value": [8, 7, 2, 6, 9, 1, 10, 3, 6, 5, np.nan]})
    ref = pd.DataFrame({"item": ["CLIM1", "CLIM1"], "category": ["eens", "eens (survey n)"], "share": [0.5, 0.5],
                        "n": [None, 50], "codes": ["6-10", "6|7|8|9|10"]})
    out = attitudinal(answers, ref)
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
    assert attitudinal(answers, ref).iloc[0][["n", "n_total"]].tolist() == [2, 4]


# ----------------------------------------------------------------------------- public input
def _public(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.Timestamp("2024-03-04") + pd.to_timedelta(rng.integers(0, 28 * 86_400, n), unit="s")
    gender = pd.Categorical(rng.choice(["man", "vrouw", None], n, p=[0.5, 0.4, 0.1]))
    return pd.DataFrame({"date": dates, "gender": gender})


def test_public_input_volume_and_composition():
    df = _public(1_000)
    df.loc[0, "date"] = pd.NaT
    res = public_input(df, bench("gender", ["man", "vrouw"], [0.5, 0.5]))
    assert res.volume["count"].sum() == 999 and len(res.volume) == 4
    assert res.volume["period"].iloc[0] == "2024-03-04/2024-03-10"
    assert res.summary["n_without_date"].iloc[0] == 1
    comp = res.composition
    assert comp["n"].sum() + comp["n_missing"].iloc[0] == 1_000
    months = public_input(df, bench("gender", ["man", "vrouw"], [0.5, 0.5]), freq="M").volume
    assert months["period"].tolist() == ["2024-03"] and months["count"].sum() == 999


def test_public_input_on_a_million_rows():  # its speed is measured in bench/run.py
    df = _public(1_000_000, seed=1)
    res = public_input(df, bench("gender", ["man", "vrouw"], [0.5, 0.5]))
    assert res.summary["n_rows"].iloc[0] == 1_000_000


# ----------------------------------------------------------------------------- key figures
def test_key_figures_are_plain_json_with_none_for_nan():
    members = counts("gender", ["man", "vrouw", "anders"], started=[100, 73, 2], completed=[95, 70, 2])
    b = bench("gender", ["man", "vrouw"], [0.5, 0.5])
    comp = composition(members, b)
    f = pd.DataFrame({"variable": "gender", "category": ["man", "vrouw", "anders"], "letters": [35_000, 34_000, 1_000],
                      "registrations": [2_000, 1_900, 100], "pool": [1_700, 1_600, 80], "drawn": [100, 73, 2],
                      "started": [100, 73, 2], "completed": [95, 70, 2]})
    quotas = quota_check(comp, pd.DataFrame({"variable": "gender", "category": ["man"], "min": [80], "max": [90]}))
    kf = key_figures(comp, gof=goodness_of_fit(comp), named_groups=flag_named_groups(comp),
                        quotas=quotas, funnel=funnel(f), attrition=attrition(members),
                        attrition_tests=attrition_test(members), min_cell=5)
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
    out = suppress_small_cells(t, 5)
    assert out["suppressed"].tolist() == [False, True, False]
    assert out["share"].isna().tolist() == [False, True, False]


# ----------------------------------------------------------------------------- views
def test_views_give_alt_text_with_the_numbers_in_both_languages():
    from toolkit.sections.representativeness import charts as vr

    comp = composition(counts("age_group", ["18-39", "40-64", "65-79", "80+"], [30, 80, 50, 15]),
                          bench("age_group", ["18-39", "40-64", "65-79", "80+"], [0.32, 0.43, 0.19, 0.06]))
    kf = key_figures(comp, gof=goodness_of_fit(comp))
    f = pd.DataFrame({"variable": "age_group", "category": ["18-39", "40+"], "letters": [20_000, 50_000],
                      "registrations": [600, 3_400], "pool": [500, 2_900], "drawn": [40, 150],
                      "started": [36, 139], "completed": [30, 133]})
    for lang, word in (("nl", "tegenover"), ("en", "against")):
        fig, alt = vr.composition_chart(comp, "age_group", lang)
        assert word in alt and ("17%" in alt) and fig.axes
        _, alt = vr.funnel_chart(funnel(f), None, lang)
        assert ("70.000" if lang == "nl" else "70,000") in alt
        _, alt = vr.funnel_chart(funnel(f), "age_group", lang)
        assert "29%" in alt and "18%" in alt  # 20,000 / 70,000 -> 30 / 163
        said = vr.sentences(kf, lang)["age_group"]
        assert len(said) == 2 and all(s.endswith(".") for s in said)
    table = vr.gaps_table(comp, "en")
    assert table.iloc[0]["Assessment"] in ("under-represented", "over-represented")
    _, alt = vr.composition_chart(comp, "gender", "en")
    assert alt == "No data to show."
