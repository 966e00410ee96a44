"""The DRI part of the attitudes section on surveys/dri-voorbeeld, and its absence elsewhere."""
from __future__ import annotations

import dataclasses
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from toolkit.forum.load import load_forum
from toolkit.sections.attitudes import dri as DRIS
from toolkit.sections.attitudes.dri_charts import dri_plot
from toolkit.sections.attitudes.text import DRI_TEXT, TEXT
from toolkit.stats.attitudes import dri as DRI

SURVEYS = Path(__file__).resolve().parents[3] / "surveys"


@pytest.fixture(scope="module")
def forum():
    return load_forum(SURVEYS / "dri-voorbeeld")


def test_the_synthetic_forum_has_the_instrument_and_its_dri_rises(forum):
    res = DRIS.analyse_dri(forum)
    assert (res.considerations, res.options) == ([f"OVW{i}" for i in range(1, 9)], [f"OPT{i}" for i in range(1, 5)])
    assert res.waves == ["t0", "t1"]
    g = res.groups.set_index("wave")
    assert g.loc["t0", "n"] == 39  # one of the 40 left the ranking empty
    assert g.loc["t0", "n_pairs"] == 39 * 38 // 2
    assert 0 < g.loc["t0", "dri"] < g.loc["t1", "dri"] < 1
    ch = res.change
    assert (ch.wave_from, ch.wave_to, ch.method, ch.n_permutations, ch.seed) == ("t0", "t1", "monte_carlo", 9999, 1640)
    assert ch.difference > 0 and ch.p < 0.05


def test_the_block_is_the_stats_on_the_members_answers(forum):
    c, p = DRIS.instrument_frames(forum.responses, *DRIS.instrument(forum.codebook))
    block = DRIS.dri_block(forum)
    again = DRI.group_dri(DRI.pair_points(c, p))
    assert [w["dri"] for w in block["waves"]] == pytest.approx(again["dri"].tolist())
    assert block["n_considerations"] == 8 and block["n_options"] == 4
    assert set(block["change"]) == {"wave_from", "wave_to", "n", "dri_from", "dri_to", "difference", "p",
                                    "n_permutations", "method", "seed"}
    # pairs are of members only, and never published per member: no member id in the block
    assert "member_id" not in str(block) and not any(str(m) in str(block) for m in c["member_id"].unique())


def test_a_small_wave_publishes_no_dri_no_pairs_and_no_change(forum):
    res = DRIS.analyse_dri(forum)
    small = dataclasses.replace(res, min_cell=35)  # t1 has 34 members with the instrument
    pub = DRIS.published_dri(small)
    g = pub.groups.set_index("wave")
    assert not np.isnan(g.loc["t0", "dri"]) and np.isnan(g.loc["t1", "dri"])
    assert set(pub.pairs["wave"]) == {"t0"} and pub.change is None
    table = DRIS.dri_table(pub, "en", {"t0": "Before", "t1": "After"})
    assert table.iloc[1].tolist() == ["After", "<35", "–", "–", ""]
    text = " ".join(DRIS.dri_sentences(pub, "en", {"t0": "Before", "t1": "After"}))
    assert "fewer than 35 members" in text and "After" not in text.split("Group DRI")[1].split(".")[0]
    fig, alt = dri_plot(pub, "en", {"t0": "Before", "t1": "After"})
    assert len(fig.axes) == 1 and "After" not in alt


def test_sentences_table_and_figure_in_both_languages(forum):
    res = DRIS.published_dri(DRIS.analyse_dri(forum))
    en = DRIS.dri_sentences(res, "en", {"t0": "Before", "t1": "After"})
    assert en[0].startswith("The Deliberative Reason Index (DRI) asks whether members who agree on the reasons")
    assert "rose clearly" in en[2] and "permutation test: 9,999 times" in en[2]
    nl = DRIS.dri_sentences(res, "nl", {"t0": "Voormeting", "t1": "Nameting"})
    assert "steeg de DRI" in nl[2] and "9.999 keer" in nl[2]
    fig, alt = dri_plot(res, "nl", {"t0": "Voormeting", "t1": "Nameting"})
    assert len(fig.axes) == 2 and "741 paren" in alt and "561 paren" in alt
    assert fig.axes[0].get_yticklabels()[1].get_text() == "−0,5"
    tab = DRIS.dri_table(res, "nl", {"t0": "Voormeting", "t1": "Nameting"})
    assert list(tab.columns) == ["Meting", "Leden", "Paren", "Groeps-DRI", "p (permutatie)"]
    assert tab.iloc[2, 0] == "Verandering Voormeting → Nameting"


def test_no_instrument_no_block_and_a_one_line_note(mini_forum):
    from toolkit.sections.attitudes.result import figures
    forum = load_forum(mini_forum)
    assert DRIS.analyse_dri(forum) is None
    assert "dri" not in figures(forum)
    assert TEXT["dri_absent"]["en"].startswith("The surveys hold no DRI instrument")
    assert all(TEXT[k] is DRI_TEXT[k] for k in DRI_TEXT)  # no DRI key shadows a phrase of the section


def test_the_generator_reproduces_the_shipped_folder(tmp_path):
    from toolkit.synthetic.dri import make_dri_voorbeeld
    fresh = make_dri_voorbeeld(tmp_path / "d")
    shipped = SURVEYS / "dri-voorbeeld"
    names = sorted(p.name for p in shipped.iterdir())
    assert names == sorted(p.name for p in fresh.iterdir())
    for name in names:
        if name.endswith(".xlsx"):  # workbooks carry a creation time: compare the cells
            pd.testing.assert_frame_equal(pd.read_excel(shipped / name), pd.read_excel(fresh / name))
        else:
            assert (shipped / name).read_bytes() == (fresh / name).read_bytes(), name
    assert "SYNTHETIC" in (shipped / "codebook.yml").read_text(encoding="utf-8").splitlines()[0]
    assert "synthetic: true" in (shipped / "forum.yml").read_text(encoding="utf-8")


def test_an_instrument_that_nobody_completed_is_absent(forum):
    responses = forum.responses.copy()
    opts = DRIS.instrument(forum.codebook)[1]
    responses.loc[responses["item"].isin(opts), "value"] = np.nan
    fake = SimpleNamespace(codebook=forum.codebook, config=forum.config, responses=responses)
    assert DRIS.analyse_dri(fake) is None


def test_the_summary_line_comes_from_results_json_only(forum):
    from toolkit.sections.attitudes.result import scorecard_lines
    kf = {"dri": DRIS.dri_block(forum), "settings": {"wave_labels": {"t0": {"en": "Before"}, "t1": {"en": "After"}}}}
    assert scorecard_lines(kf, "en") == [("Reasoning together (DRI)", "Group DRI of the 33 members who completed it "
                                          "both times: 0.16 (Before) and 0.43 (After), p = 0.020.")]
    assert scorecard_lines({"settings": {}}, "en") == []
