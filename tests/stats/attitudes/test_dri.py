"""The Deliberative Reason Index (Niemeyer & Veri 2022; Niemeyer, Veri, Dryzek & Bächtiger 2024)."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from toolkit.errors import InputError
from toolkit.stats.attitudes.dri import (LAMBDA, complete_members, dri_change, dri_scale, group_dri, individual_dri,
                                         pair_points, waves_with_instrument)


def _long(ratings: dict, ranks: dict, wave: str = "t0") -> tuple[pd.DataFrame, pd.DataFrame]:
    c = pd.DataFrame([{"member_id": m, "wave": wave, "item": f"C{k + 1}", "rating": v}
                      for m, vals in ratings.items() for k, v in enumerate(vals)])
    p = pd.DataFrame([{"member_id": m, "wave": wave, "option": f"P{k + 1}", "rank": v}
                      for m, vals in ranks.items() for k, v in enumerate(vals)])
    return c, p


# Three members, four considerations, three options (worked by hand):
#   ratings A 1 2 3 4, B 1 2 3 4, C 4 3 2 1  -> q_AB = 1, q_AC = -1, q_BC = -1
#   ranks   A 1 2 3,   B 1 3 2,   C 3 2 1    -> r_AB = 1 - 6*2/(3*8) = 0.5, r_AC = -1,
#                                               r_BC: d = (-2, 1, 1), 1 - 6*6/24 = -0.5
#   |r - q|: AB 0.5, AC 0, BC 0.5;  IC = 1 - |r - q|/sqrt(2): 0.64645, 1, 0.64645
#   published scaling (dri_calc, lambda = 1 - sqrt(2)/2): DRI_i = 2*((1 - mean|r-q|/sqrt(2) - lambda)/(1 - lambda)) - 1
#   DRI_A = 2*((1 - 0.25/sqrt(2) - 0.29289)/0.70711) - 1 = 2*0.75 - 1 = 0.5;  DRI_B = 0;  DRI_C = 0.5
#   group DRI = (0.5 + 0 + 0.5)/3 = 1/3
HAND = _long({"A": [1, 2, 3, 4], "B": [1, 2, 3, 4], "C": [4, 3, 2, 1]},
             {"A": [1, 2, 3], "B": [1, 3, 2], "C": [3, 2, 1]})


def test_pairs_individual_and_group_dri_of_the_hand_worked_case():
    pairs = pair_points(*HAND)
    assert list(zip(pairs["member_a"], pairs["member_b"])) == [("A", "B"), ("A", "C"), ("B", "C")]
    assert pairs["q"].tolist() == pytest.approx([1, -1, -1])
    assert pairs["r"].tolist() == pytest.approx([0.5, -1, -0.5])
    assert pairs["ic"].tolist() == pytest.approx([1 - 0.5 / np.sqrt(2), 1, 1 - 0.5 / np.sqrt(2)])
    ind = individual_dri(pairs)
    assert ind["dri"].tolist() == pytest.approx([0.5, 0.0, 0.5])
    assert ind["n_pairs"].tolist() == [2, 2, 2]
    g = group_dri(pairs)
    assert g.to_dict("records") == [{"wave": "t0", "n": 3, "n_pairs": 3, "dri": pytest.approx(1 / 3)}]


def test_the_scaling_is_the_published_codes():
    # dri_calc in the published code: 2 * (((1 - mean_diff) - lambda) / (1 - lambda)) - 1, mean_diff = mean |r-q|/sqrt(2)
    assert LAMBDA == pytest.approx(1 - np.sqrt(2) / 2)
    for m in (0.0, 0.13, 0.5, 1.0, 2.0):
        assert dri_scale(m) == pytest.approx(2 * (((1 - m / np.sqrt(2)) - LAMBDA) / (1 - LAMBDA)) - 1)
        assert dri_scale(m) == pytest.approx(1 - 2 * m)
    # on the 45 degree line: 1; a pair at (1, 0) (agree on reasons, not on options): -1 ... (1, -1): -3
    assert [float(dri_scale(m)) for m in (0, 1, 2)] == pytest.approx([1.0, -1.0, -3.0])


def test_spearman_with_ties_matches_scipy():
    rng = np.random.default_rng(7)
    ratings = {f"m{i}": rng.integers(1, 6, size=8).tolist() for i in range(6)}  # 1-5 ratings: many ties
    ranks = {f"m{i}": (rng.permutation(4) + 1).tolist()
             for i in range(6)}
    pairs = pair_points(*_long(ratings, ranks))
    for row in pairs.itertuples():
        # scipy.stats.spearmanr: Pearson of average ranks, as R cor(x, y, method = "spearman")
        assert row.q == pytest.approx(stats.spearmanr(ratings[row.member_a], ratings[row.member_b])[0])
        assert row.r == pytest.approx(stats.spearmanr(ranks[row.member_a], ranks[row.member_b])[0])


def test_a_member_without_variation_has_undefined_pairs_and_no_dri():
    c, p = _long({"A": [1, 2, 3, 4], "B": [1, 2, 3, 4], "C": [4, 3, 2, 1], "D": [3, 3, 3, 3]},
                 {"A": [1, 2, 3], "B": [1, 3, 2], "C": [3, 2, 1], "D": [1, 2, 3]})
    pairs = pair_points(c, p)
    assert pairs.loc[pairs["member_b"] == "D", "q"].isna().all()
    ind = individual_dri(pairs).set_index("member_id")
    assert np.isnan(ind.loc["D", "dri"]) and ind.loc["D", "n_pairs"] == 0
    assert ind.loc["A", "dri"] == pytest.approx(0.5)  # D's pairs do not count
    assert group_dri(pairs)[["n", "n_pairs"]].iloc[0].tolist() == [3, 3]


def test_only_members_with_the_complete_instrument_count():
    c, p = HAND
    extra_c, extra_p = _long({"E": [1, 2, np.nan, 4]}, {"E": [1, 2, 3]})
    both = complete_members(pd.concat([c, extra_c]), pd.concat([p, extra_p]))
    assert list(both["t0"][0].index) == ["A", "B", "C"]
    assert group_dri(pair_points(pd.concat([c, extra_c]), pd.concat([p, extra_p])))["dri"].iloc[0] == pytest.approx(1 / 3)


def _two_waves(seed=3, n=6):
    rng = np.random.default_rng(seed)
    frames = []
    for w in ("t0", "t1"):
        ratings = {f"m{i}": rng.integers(1, 8, size=6).tolist() for i in range(n)}
        ranks = {f"m{i}": (rng.permutation(4) + 1).tolist() for i in range(n)}
        frames.append(_long(ratings, ranks, w))
    return pd.concat([frames[0][0], frames[1][0]]), pd.concat([frames[0][1], frames[1][1]])


def _brute_force_group(rat: dict, rk: dict) -> float:
    """Group DRI with loops and scipy: mean over members of 1 - 2 * mean_j |r_ij - q_ij|."""
    ids = sorted(rat)
    dri = []
    for i in ids:
        d = [abs(stats.spearmanr(rk[i], rk[j])[0] - stats.spearmanr(rat[i], rat[j])[0]) for j in ids if j != i]
        dri.append(1 - 2 * np.mean(d))
    return float(np.mean(dri))


def test_change_and_exact_permutation_p_agree_with_a_brute_force_enumeration():
    c, p = _two_waves()
    ch = dri_change(c, p, "t0", "t1", n_permutations=10_000)
    assert (ch.n, ch.method, ch.n_permutations) == (6, "exact", 64)
    get = {w: ({m: g.sort_values("item")["rating"].tolist() for m, g in c[c["wave"] == w].groupby("member_id")},
               {m: g.sort_values("option")["rank"].tolist() for m, g in p[p["wave"] == w].groupby("member_id")})
           for w in ("t0", "t1")}
    assert ch.dri_from == pytest.approx(_brute_force_group(*get["t0"]))
    assert ch.dri_to == pytest.approx(_brute_force_group(*get["t1"]))
    assert ch.difference == pytest.approx(ch.dri_to - ch.dri_from)
    assert ch.dri_from == pytest.approx(group_dri(pair_points(c, p))["dri"].iloc[0])
    ids = sorted(get["t0"][0])
    null = []
    for swap in itertools.product((0, 1), repeat=len(ids)):
        waves = [{m: get["t1" if s else "t0"] for m, s in zip(ids, swap)},
                 {m: get["t0" if s else "t1"] for m, s in zip(ids, swap)}]
        g = [_brute_force_group({m: wv[m][0][m] for m in ids}, {m: wv[m][1][m] for m in ids}) for wv in waves]
        null.append(g[1] - g[0])
    assert ch.p == pytest.approx(np.mean(np.abs(null) >= abs(ch.difference) - 1e-12))


def test_monte_carlo_p_is_seeded_and_close_to_the_exact_one():
    c, p = _two_waves(seed=11, n=9)  # 512 patterns
    exact = dri_change(c, p, "t0", "t1", n_permutations=512)
    mc = dri_change(c, p, "t0", "t1", n_permutations=511, seed=5)
    assert (exact.method, mc.method, mc.n_permutations) == ("exact", "monte_carlo", 511)
    assert mc == dri_change(c, p, "t0", "t1", n_permutations=511, seed=5)
    assert mc.p == pytest.approx(exact.p, abs=0.06)
    # the data in another row order give the same figures (canonical order)
    assert dri_change(c.sample(frac=1, random_state=1), p.sample(frac=1, random_state=2), "t0", "t1",
                      n_permutations=511, seed=5) == mc


def test_a_rise_in_consistency_gives_a_small_p():
    rng = np.random.default_rng(2)
    n, frames = 30, []
    for w, noise in (("t0", 3.0), ("t1", 0.3)):
        pos = np.linspace(-1, 1, n)
        ratings = {f"m{i:02d}": (pos[i] * np.arange(8) + rng.normal(0, 1, 8)).tolist() for i in range(n)}
        ranks = {f"m{i:02d}": (np.argsort(np.argsort(-(pos[i] * np.arange(4) + rng.normal(0, noise, 4)))) + 1).tolist()
                 for i in range(n)}
        frames.append(_long(ratings, ranks, w))
    c, p = pd.concat([frames[0][0], frames[1][0]]), pd.concat([frames[0][1], frames[1][1]])
    ch = dri_change(c, p, "t0", "t1", n_permutations=999)
    assert ch.difference > 0.2 and ch.p < 0.01


def test_errors():
    c, p = HAND
    with pytest.raises(InputError, match="no member has the complete DRI instrument in wave 't1'"):
        dri_change(c, p, "t0", "t1")
    c2 = pd.concat([c, c.assign(wave="t1")])
    p2 = pd.concat([p, p.assign(wave="t1")])
    with pytest.raises(InputError, match=r"1 member\(s\) with the complete DRI instrument in both"):
        dri_change(c2[(c2["wave"] == "t0") | (c2["member_id"] == "A")], p2, "t0", "t1")
    with pytest.raises(InputError, match="more than one rating for item 'C1'"):
        pair_points(pd.concat([c, c.iloc[[0]]]), p)
    with pytest.raises(ValueError, match="column\\(s\\) 'rank' missing"):
        pair_points(c, p.drop(columns="rank"))
    with pytest.raises(ValueError, match="n_permutations must be at least 1"):
        dri_change(c2, p2, "t0", "t1", n_permutations=0)
    assert waves_with_instrument(c2, p2, ["t1", "t0", "t2"]) == ["t1", "t0"]
