"""Figures (with alt text) and sentences of the attitudes section; sentences must not overclaim."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from toolkit.disclosure.bins import merge_answers
from toolkit.sections.attitudes import figures as FIG
from toolkit.stats.attitudes.answers import answer_counts
from toolkit.sections.attitudes import parameters as PAR
from toolkit.stats.attitudes import changes as CH
from toolkit.stats.attitudes import knowledge as KN
from toolkit.stats.attitudes import panel as PA
from toolkit.stats.attitudes import scales as SC
from toolkit.sections.attitudes import charts as V
from toolkit.sections.attitudes import sentences as VS
from toolkit.sections.attitudes import text as VX
from toolkit.synthetic.attitudes import demo_respondents, make_waves, to_responses


@pytest.fixture(scope="module")
def forum():
    rng = np.random.default_rng(11)
    resp = demo_respondents(rng, 120, 240)
    wide, cb = make_waves(rng, resp)
    r = to_responses(wide, resp, cb)
    par = PAR.codebook_parameters(cb)
    ch = CH.paired_changes(r, par["attitude_items"], [("t0", "t1")], support=par["support"], by="group")
    scores = SC.scale_scores(r, par["scales"])
    kn = KN.knowledge(r, par["answer_key"], by="group")
    did = PA.did_mixed(scores, "klimaatbeleid")
    kf = FIG.key_figures(ch, knowledge=kn, did=did,
                       process=KN.process_quality(r[r["group"] == "member"], par["criteria"], wave="t1"))
    return r, cb, ch, scores, kn, did, kf


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_figures_come_with_alt_text(forum, lang):
    r, cb, ch, scores, kn, did, _ = forum
    dist = merge_answers(answer_counts(r[r["group"] == "member"], "CLIM1", ["t0", "t1"], (0, 10)), 5)
    figs = [V.forest_plot(ch, "t0", "t1", lang=lang),
            V.distribution_plot(dist, "CLIM1", ["t0", "t1"], (0, 10), lang=lang, means={"t0": 5.5}, min_cell=5),
            V.knowledge_plot(kn.scores, ["t0", "t1", "t2"], lang), V.group_trend_plot(scores, "klimaatbeleid",
                                                                                      ["t0", "t1", "t2"], lang=lang, did=did)]
    for fig, alt in figs:
        assert isinstance(fig, plt.Figure) and len(alt) > 40
        plt.close(fig)
    assert ("Bosdiagram" in figs[0][1]) == (lang == "nl")
    empty, alt = V.forest_plot(ch, "t1", "t2", lang=lang)
    plt.close(empty)
    assert alt in ("Geen veranderingen om te tonen.", "No changes to show.")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_distribution_chart_draws_the_published_ranges_only(lang):
    """Bars per merged range, their labels in the alt text; an item without a publishable distribution says so."""
    import pandas as pd

    d = pd.DataFrame({"item": "q", "wave": ["t0", "t0"], "answer_from": [0.0, 6.0], "answer_to": [5.0, 10.0],
                      "n": [11, 11], "share": [0.5, 0.5]})
    fig, alt = V.distribution_plot(d, "q", ["t0", "t1"], (0, 10), lang=lang, means={"t0": 5.25}, min_cell=5)
    assert [tl.get_text() for tl in fig.axes[0].get_xticklabels()] == ["0–5", "6–10"]
    assert len(fig.axes[0].patches) == 2 and "0–5, 6–10" in alt and ("5,25" if lang == "nl" else "5.25") in alt
    plt.close(fig)
    fig, alt = V.distribution_plot(d.iloc[:0], "q", ["t0"], (0, 10), label="Q", lang=lang, min_cell=5)
    plt.close(fig)
    assert "'Q'" in alt and "5" in alt and ("niet getoond" in alt or "not shown" in alt)


def test_clear_change_needs_both_holm_and_interval():
    assert VX.is_clear_change({"p_holm": 0.049, "ci_low": 0.1, "ci_high": 0.5})
    assert not VX.is_clear_change({"p_holm": 0.051, "ci_low": 0.1, "ci_high": 0.5})
    assert not VX.is_clear_change({"p_holm": 0.01, "ci_low": -0.1, "ci_high": 0.5})
    assert VX.is_clear_change({"p_holm": 0.01, "ci_low": -0.9, "ci_high": -0.2})


def test_sentences_do_not_overclaim():
    rec = {"item": "Q", "group": "member", "wave_from": "t0", "wave_to": "t1", "n_pairs": 50, "mean_from": 5.0,
           "mean_to": 5.4, "mean_change": 0.4, "ci_low": 0.05, "ci_high": 0.75, "p": 0.02, "p_holm": 0.08, "d_z": 0.3}
    for lang, word in (("nl", "steeg"), ("en", "rose")):
        (text,) = VS.sentences({"changes": [rec]}, lang)
        assert word not in text and ("geen duidelijke" in text or "no clear change" in text)
        (text,) = VS.sentences({"changes": [rec | {"p_holm": 0.01}]}, lang)
        assert word in text
    control = rec | {"group": "control", "p_holm": 0.001}
    assert VS.sentences({"changes": [control]}, "en") == []


def test_sentences_cover_knowledge_did_and_process(forum):
    *_, kf = forum
    labels = {"klimaatbeleid": {"nl": "Steun voor klimaatbeleid", "en": "Support for climate policy"}}
    en = VS.sentences(kf, "en", labels)
    assert any(s.startswith("Knowledge of forum members") for s in en)
    assert any("more among forum members than in the control group" in s for s in en)
    assert any("neutral facilitation" in s for s in en)
    nl = VS.sentences(kf, "nl", labels)
    assert any("Steun voor klimaatbeleid" in s and "controlegroep" in s for s in nl)
