"""Attitude change: paired tests against R, corrections against p.adjust, support shares on the
America in One Room data, transitions, knowledge, process quality and key figures."""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.sections.attitudes import figures as FIG
from toolkit.sections.attitudes import parameters as PAR
from toolkit.stats.attitudes import changes as CH
from toolkit.stats.attitudes import knowledge as KN
from toolkit.stats.attitudes import panel as PA
from toolkit.stats.attitudes import scales as SC
from toolkit.stats.attitudes.changes import _adjust
from toolkit.errors import InputError
from toolkit.synthetic.attitudes import demo_respondents, make_waves, to_responses

DATA = Path(__file__).resolve().parents[2] / "data"
REPO = Path(__file__).resolve().parents[3]


def responses(ids, wave, item, values, codes=None, group="member") -> pd.DataFrame:
    """Tidy responses of one item in one wave."""
    n = len(ids)
    return pd.DataFrame({"respondent_id": [str(i) for i in ids], "group": group, "wave": wave, "item": item,
                         "value": np.asarray(values, dtype=float),
                         "missing_code": np.asarray(codes if codes is not None else [np.nan] * n, dtype=float)})


def two_waves(before, after, item="q", waves=("t0", "t1")) -> pd.DataFrame:
    ids = range(len(before))
    return pd.concat([responses(ids, waves[0], item, before), responses(ids, waves[1], item, after)],
                     ignore_index=True)


def test_g_av_is_what_docs_attitudes_md_says():
    # by hand: d_av = (mean_to - mean_from) / sqrt((sd_from^2 + sd_to^2) / 2), times 1 - 3 / (8n - 9)
    before, after = [3, 5, 4, 6, 7, 5], [4, 7, 4, 8, 9, 6]
    row = CH.paired_changes(two_waves(before, after), ["q"], [("t0", "t1")]).iloc[0]
    a, b, n = np.array(before, float), np.array(after, float), 6
    d_av = (b.mean() - a.mean()) / math.sqrt((a.var(ddof=1) + b.var(ddof=1)) / 2)
    assert row["g_av"] == pytest.approx(d_av * (1 - 3 / (8 * n - 9)), rel=1e-12)
    assert row["g_av"] == pytest.approx(0.695301763527424, rel=1e-12)
    average_of_sds = (b.mean() - a.mean()) / ((a.std(ddof=1) + b.std(ddof=1)) / 2) * (1 - 3 / (8 * n - 9))
    assert row["g_av"] != pytest.approx(average_of_sds, rel=1e-3)  # not the average of the two SDs


# ----------------------------------------------------------------------------- support shift: McNemar
def test_support_shift_mcnemar_exact_at_small_counts_matches_r_binom_test():
    # 12 complete pairs, support = 6-10: 3 stay in support, 1 stays out, 1 leaves (b), 7 join (c); one
    # more respondent answered only the first wave and is not a pair.
    # R: binom.test(1, 8)$p.value = 0.0703125 (= 2 * (1 + 8) / 2^8 by hand)
    before = [7, 8, 9, 2, 6, 1, 2, 3, 4, 5, 0, 1, 9]
    after = [8, 6, 7, 3, 2, 6, 7, 8, 9, 10, 6, 7, np.nan]
    row = CH.paired_changes(two_waves(before, after), ["q"], [("t0", "t1")], support={"q": (6, 10)}).iloc[0]
    assert row["n_pairs"] == 12
    assert (row["support_lost"], row["support_gained"]) == (1, 7)
    assert row["mcnemar_method"] == "exact"
    assert row["mcnemar_p"] == pytest.approx(0.0703125, abs=1e-12)
    assert row["support_pairs_from"] == pytest.approx(4 / 12) and row["support_pairs_to"] == pytest.approx(10 / 12)
    assert row["support_from"] == pytest.approx(5 / 13)  # each wave's own answers, beside the paired shares


def test_support_shift_mcnemar_chi_square_matches_r_mcnemar_test():
    # 10 stay in, 10 stay out, 5 leave, 25 join (30 discordant pairs: the chi-square test)
    # R: mcnemar.test(matrix(c(10, 25, 5, 10), 2)): McNemar's chi-squared = 12.033, df = 1, p-value = 0.0005226
    #    (= (|5 - 25| - 1)^2 / 30 by hand)
    before = [8] * 10 + [2] * 10 + [8] * 5 + [2] * 25
    after = [8] * 10 + [2] * 10 + [2] * 5 + [8] * 25
    row = CH.paired_changes(two_waves(before, after), ["q"], [("t0", "t1")], support={"q": (6, 10)}).iloc[0]
    assert row["mcnemar_method"] == "chi2"
    assert row["mcnemar_stat"] == pytest.approx(361 / 30)
    assert row["mcnemar_p"] == pytest.approx(0.0005225754, rel=1e-6)
    none = CH.paired_changes(two_waves(before, after), ["q"], [("t0", "t1")]).iloc[0]
    assert none["mcnemar_method"] is None and math.isnan(none["mcnemar_p"])


# ----------------------------------------------------------------------------- paired tests vs R
def test_paired_t_matches_r_sleep():
    # R: t.test(extra ~ group, data = sleep, paired = TRUE)
    #    t = -4.0621, df = 9, p-value = 0.002833, 95 percent CI -2.4598858 -0.7001142, mean difference -1.58
    sleep = pd.read_csv(DATA / "sleep_R_datasets.csv")
    r = two_waves(sleep["group2_extra"], sleep["group1_extra"], waves=("drug2", "drug1"))
    row = CH.paired_changes(r, ["q"], [("drug2", "drug1")]).iloc[0]
    assert row["n_pairs"] == 10
    assert row["t"] == pytest.approx(-4.0621, abs=5e-5)
    assert row["df"] == 9
    assert row["p"] == pytest.approx(0.002833, abs=5e-7)
    assert row["ci_low"] == pytest.approx(-2.4598858, abs=5e-8)
    assert row["ci_high"] == pytest.approx(-0.7001142, abs=5e-8)
    assert row["mean_change"] == pytest.approx(-1.58)
    # d_z = t / sqrt(n) (Lakens 2013, eq. 7)
    assert row["d_z"] == pytest.approx(row["t"] / math.sqrt(10))
    assert row["d_z_ci_low"] < row["d_z"] < row["d_z_ci_high"] < 0


def test_wilcoxon_matches_r_sleep_normal_approximation():
    # R: wilcox.test(extra ~ group, data = sleep, paired = TRUE)  (ties and a zero difference, so R uses
    #    the normal approximation with continuity correction): V = 0, p-value = 0.009091
    sleep = pd.read_csv(DATA / "sleep_R_datasets.csv")
    r = two_waves(sleep["group2_extra"], sleep["group1_extra"], waves=("drug2", "drug1"))
    row = CH.paired_changes(r, ["q"], [("drug2", "drug1")]).iloc[0]
    assert row["wilcoxon_W"] == 0
    assert row["wilcoxon_p"] == pytest.approx(0.009091, abs=5e-7)
    assert row["wilcoxon_method"] == "approx"
    assert row["rank_biserial"] == -1


def test_wilcoxon_exact_matches_r_hollander_wolfe():
    # R: wilcox.test(x, y, paired = TRUE, alternative = "greater")  -> V = 40, p-value = 0.01953 (= 10/512)
    # two-sided exact p = 0.0390625
    hw = pd.read_csv(DATA / "hollander_wolfe_depression_paired.csv")
    r = two_waves(hw["y_second_visit"], hw["x_first_visit"], waves=("second", "first"))
    greater = CH.paired_changes(r, ["q"], [("second", "first")], alternative="greater").iloc[0]
    assert greater["wilcoxon_W"] == 40
    assert greater["wilcoxon_p"] == pytest.approx(10 / 512)
    assert greater["wilcoxon_method"] == "exact"
    two_sided = CH.paired_changes(r, ["q"], [("second", "first")]).iloc[0]
    assert two_sided["wilcoxon_p"] == pytest.approx(0.0390625)
    assert two_sided["wilcoxon_W"] == 5  # min(V+, V-) = min(40, 5)


# ----------------------------------------------------------------------------- multiple testing vs R
def test_adjust_matches_r_p_adjust():
    # R: p.adjust(c(0.01, 0.04, 0.03, 0.20), "holm") -> 0.04 0.09 0.09 0.20
    #    p.adjust(c(0.01, 0.04, 0.03, 0.20), "BH")   -> 0.04 0.05333333 0.05333333 0.20
    # By R's documented algorithm: Holm = cummax((m - i + 1) * p(i)) over sorted p;
    # BH = cummin(m / i * p(i)) from the largest p down.
    p = pd.Series([0.01, 0.04, 0.03, 0.20])
    assert _adjust(p, "holm").tolist() == pytest.approx([0.04, 0.09, 0.09, 0.20])
    assert _adjust(p, "fdr_bh").tolist() == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.20])
    with_nan = _adjust(pd.Series([0.01, np.nan, 0.04]), "holm")
    assert math.isnan(with_nan[1]) and with_nan[[0, 2]].tolist() == pytest.approx([0.02, 0.04])


def holm(p):
    """Holm by hand, as R's p.adjust documents it."""
    p = np.asarray(p)
    order = np.argsort(p)
    m = p.size
    adj = np.minimum(1, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    out = np.empty(m)
    out[order] = adj
    return out


def test_corrections_are_within_each_wave_pair_and_group(synthetic):
    r, cb, _ = synthetic
    items = [i for i, s in cb["items"].items() if s["type"] == "scale"]
    out = CH.paired_changes(r, items, [("t0", "t1"), ("t0", "t2")], by="group")
    for _, fam in out.groupby(["group", "wave_from", "wave_to"]):
        assert len(fam) == len(items)
        assert fam["p_holm"].to_numpy() == pytest.approx(holm(fam["p"]))
        assert (fam["p_fdr_bh"] <= fam["p_holm"] + 1e-15).all()


# ----------------------------------------------------------------------------- support and don't know
def test_support_uses_each_waves_own_answers_and_dont_know_counts_codes():
    before = responses(["a", "b", "c", "d"], "t0", "q", [7, 2, np.nan, 8], [np.nan, np.nan, 98, np.nan])
    after = responses(["a", "b", "e"], "t1", "q", [6, 6, np.nan], [np.nan, np.nan, 99])
    row = CH.paired_changes(pd.concat([before, after]), ["q"], [("t0", "t1")], support={"q": (6, 10)}).iloc[0]
    assert row["n_pairs"] == 2 and row["n_from"] == 3 and row["n_to"] == 2
    assert row["support_from"] == pytest.approx(2 / 3)  # a, d of a, b, d (c said don't know)
    assert row["support_to"] == 1.0
    assert row["dont_know_from"] == pytest.approx(1 / 4)  # c of a, b, c, d
    assert row["dont_know_to"] == 0.0  # 99 is no answer, not don't know
    row99 = CH.paired_changes(pd.concat([before, after]), ["q"], [("t0", "t1")], dont_know_codes=(98, 99)).iloc[0]
    assert row99["dont_know_to"] == pytest.approx(1 / 3)


def a1r_file() -> Path:
    for path in (REPO / "surveys" / "a1r" / "a1r_delegates_pre_post.csv",
                 REPO.parent / "shared" / "realdata" / "a1r" / "a1r_delegates_pre_post.csv"):
        if path.exists():
            return path
    pytest.skip("America in One Room file not found")


def a1r_responses(items) -> pd.DataFrame:
    """Melt the wide A1R file: Q* -> wave pre, T2Q* -> wave post; 77 and 98 are missing codes; the five
    undocumented -8 answers are left out (as surveys/a1r/forum.yml does with out_of_range: exclude)."""
    wide = pd.read_csv(a1r_file())
    frames = []
    for item in items:
        for wave, col in (("pre", item), ("post", f"T2{item}")):
            raw = wide[col].astype(float)
            code = raw.isin([77, 98])
            frames.append(pd.DataFrame({"respondent_id": wide["ID"].astype(str), "group": "member", "wave": wave,
                                        "item": item, "value": raw.where(~code), "missing_code": raw.where(code),
                                        "party": wide["PARTYBEFORE"]})[raw >= 0])
    return pd.concat(frames, ignore_index=True)


def test_a1r_reproduces_published_support_shares():
    # Published (Ms. Magazine 2019-10-04; Fishkin & Diamond, NYT 2019; see surveys/a1r/SOURCE.md):
    # democracy "working well" 30% -> 60%, reduce refugees 37% -> 22% (support = 6-10, all delegates)
    r = a1r_responses(["Q1", "Q2A", "Q2D"])
    out = CH.paired_changes(r, ["Q1", "Q2A"], [("pre", "post")], support={"Q1": (6, 10), "Q2A": (6, 10)},
                           dont_know_codes=(98,)).set_index("item")
    assert round(out.loc["Q1", "support_from"] * 100) == 30
    assert round(out.loc["Q1", "support_to"] * 100) == 60
    assert round(out.loc["Q2A", "support_from"] * 100) == 37
    assert round(out.loc["Q2A", "support_to"] * 100) == 22
    # Republicans, "increase visas for skilled workers": +21 points, from 50% (A1R_EXPECTED.md)
    rep = CH.paired_changes(r[r["party"] == "Republican"], ["Q2D"], [("pre", "post")], support={"Q2D": (6, 10)})
    assert round(rep["support_from"].iloc[0] * 100) == 50
    assert round(rep["support_change"].iloc[0] * 100) == 21


# ----------------------------------------------------------------------------- errors
def test_paired_changes_errors_say_what_and_what_to_do():
    r = two_waves([1, 2, 3], [2, 3, 4])
    with pytest.raises(InputError, match=r"item 'nope' does not occur.*Check the item ids"):
        CH.paired_changes(r, ["nope"], [("t0", "t1")])
    with pytest.raises(InputError, match=r"wave 't9' does not occur"):
        CH.paired_changes(r, ["q"], [("t0", "t9")])
    with pytest.raises(ValueError, match=r"wave_pairs must be \(from, to\) pairs"):
        CH.paired_changes(r, ["q"], "t0")
    with pytest.raises(InputError, match=r"support for 'q' must be \(lowest, highest\)"):
        CH.paired_changes(r, ["q"], [("t0", "t1")], support={"q": (10, 6)})
    with pytest.raises(ValueError, match=r"column\(s\) 'missing_code' missing"):
        CH.paired_changes(r.drop(columns="missing_code"), ["q"], [("t0", "t1")])
    with pytest.raises(InputError, match=r"repeat the same respondent_id x wave.*one answer per respondent"):
        CH.paired_changes(pd.concat([r, r]), ["q"], [("t0", "t1")])


def test_degenerate_pairs_give_nan_not_errors():
    out = CH.paired_changes(two_waves([5, 5, 5], [5, 5, 5]), ["q"], [("t0", "t1")]).iloc[0]
    assert out["mean_change"] == 0 and math.isnan(out["t"]) and math.isnan(out["wilcoxon_p"])
    one = CH.paired_changes(two_waves([1, np.nan], [2, 3]), ["q"], [("t0", "t1")]).iloc[0]
    assert one["n_pairs"] == 1 and math.isnan(one["p"]) and math.isnan(one["p_holm"])


# ----------------------------------------------------------------------------- transitions
def test_transitions_counts_and_cut_points():
    r = two_waves([0, 2, 5, 7, 9, 10], [6, 2, 7, 7, 4, np.nan])
    groups = {"oppose": (0, 4), "neutral": (5, 5), "support": (6, 10)}
    t = CH.transitions(r, "q", "t0", "t1", groups).set_index(["group_from", "group_to"])["n"]
    assert t.sum() == 5  # the last respondent has no answer at t1
    assert t[("oppose", "support")] == 1 and t[("oppose", "oppose")] == 1
    assert t[("neutral", "support")] == 1 and t[("support", "support")] == 1 and t[("support", "oppose")] == 1
    cut = CH.transitions(r, "q", "t0", "t1", [0, 4, 5, 10])
    assert cut["n"].sum() == 5 and cut["group_from"].nunique() == 3
    with pytest.raises(ValueError, match="cut points must be at least two increasing numbers"):
        CH.transitions(r, "q", "t0", "t1", [5, 1])


# ----------------------------------------------------------------------------- knowledge
def test_knowledge_counts_dont_know_as_not_correct():
    k1 = pd.concat([responses(["a", "b"], "t0", "k1", [1, np.nan], [np.nan, 98]),
                    responses(["a", "b"], "t1", "k1", [2, 2])])
    k2 = pd.concat([responses(["a", "b"], "t0", "k2", [3, 4]), responses(["a", "b"], "t1", "k2", [3, 1])])
    res = KN.knowledge(pd.concat([k1, k2]), {"k1": 2, "k2": [3, 4]})
    s = res.scores.set_index(["respondent_id", "wave"])["score"]
    assert s[("a", "t0")] == 0.5 and s[("b", "t0")] == 0.5 and s[("a", "t1")] == 1 and s[("b", "t1")] == 0.5
    items = res.items.set_index(["item", "wave"])
    assert items.loc[("k1", "t0"), "share_correct"] == 0 and items.loc[("k1", "t0"), "share_dont_know"] == 0.5
    assert res.gains["mean_change"].iloc[0] == 0.25
    with pytest.raises(InputError, match="quiz item 'k9' does not occur"):
        KN.knowledge(k1, {"k9": 1})


def test_knowledge_gain_among_synthetic_members(synthetic):
    r, cb, _ = synthetic
    key = {i: s["key"] for i, s in cb["items"].items() if s["type"] == "knowledge"}
    gains = KN.knowledge(r, key, by="group").gains.set_index(["group", "wave_to"])
    assert gains.loc[("member", "t1"), "mean_change"] > 0.1 and gains.loc[("member", "t1"), "p_holm"] < 0.001
    assert gains.loc[("member", "t1"), "mean_change"] > 2 * gains.loc[("control", "t1"), "mean_change"]


# ----------------------------------------------------------------------------- process quality
def test_process_quality_per_criterion():
    r = pd.concat([responses(["a", "b", "c", "d"], "t1", "p1", [5, 4, 2, np.nan], [np.nan] * 3 + [98]),
                   responses(["a", "b", "c", "d"], "t1", "p2", [5, 3, 2, 4])])
    out = KN.process_quality(r, {"neutral_facilitation": ["p1", "p2"]}, agree=(4, 5)).iloc[0]
    # scores a 5, b 3.5, c 2, d 4 -> agree: a, d
    assert out["n"] == 4 and out["mean"] == pytest.approx(14.5 / 4) and out["share_agree"] == 0.5
    assert out["share_agree_ci_low"] < 0.5 < out["share_agree_ci_high"]
    assert out["ci_low"] < out["mean"] < out["ci_high"]


# ----------------------------------------------------------------------------- key figures
def test_key_figures_are_json_safe_and_complete(synthetic):
    r, cb, resp = synthetic
    par = PAR.codebook_parameters(cb)
    pairs = [("t0", "t1"), ("t0", "t2"), ("t1", "t2")]
    changes = CH.paired_changes(r, par["attitude_items"], pairs, support=par["support"], by="group")
    scores = SC.scale_scores(r, par["scales"])
    kf = FIG.key_figures(
        changes, scale_changes=CH.paired_changes(scores, list(par["scales"]), pairs, by="group"),
        knowledge=KN.knowledge(r, par["answer_key"], by="group"), reliability=SC.reliability(r, par["scales"]),
        did=PA.did_mixed(scores, "klimaatbeleid"),
        process=KN.process_quality(r[r["group"] == "member"], par["criteria"], par["agree"], wave="t1"),
        attrition=PA.attrition_waves(r))
    text = json.dumps(kf, allow_nan=False)
    assert "NaN" not in text
    rec = kf["changes"][0]
    for field in ("item", "wave_from", "wave_to", "n_pairs", "mean_from", "mean_to", "mean_change", "ci_low",
                  "ci_high", "t", "p", "p_holm", "d_z", "support_from", "support_to"):
        assert field in rec
    assert len(kf["changes"]) == 2 * 3 * (len(par["attitude_items"]) + 1)
    assert {c["kind"] for c in kf["changes"]} == {"item", "scale"}
    assert set(kf) >= {"knowledge", "reliability", "did", "process_quality", "attrition"}
    assert kf["did"][0]["converged"] is True and kf["knowledge"]["gains"]


def test_codebook_parameters_rejects_mixed_scale_ranges():
    cb = {"items": {"A": {"type": "scale", "scale": [0, 10]}, "B": {"type": "scale", "scale": [1, 5]}},
          "scales": {"s": {"items": ["A", "B"]}}}
    with pytest.raises(InputError, match="different or no answer ranges"):
        PAR.codebook_parameters(cb)


@pytest.fixture(scope="module")
def synthetic():
    rng = np.random.default_rng(20240611)
    resp = demo_respondents(rng, 150, 300)
    wide, cb = make_waves(rng, resp)
    return to_responses(wide, resp, cb), cb, resp
