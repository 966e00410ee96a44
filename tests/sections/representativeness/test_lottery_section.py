"""The lottery audit in the representativeness section: disclosure, results.json, words, summary, methods."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from toolkit.errors import InputError
from toolkit.forum.load import load_forum
from toolkit.sections.methods import methods_used
from toolkit.sections.representativeness import charts, result as R, tables, text

SURVEYS = Path(__file__).resolve().parents[3] / "surveys"


@pytest.fixture(scope="module")
def town():
    forum = load_forum(SURVEYS / "gemeente-30")
    return forum, R.lottery(forum), R.figures(forum)


def test_small_groups_and_those_they_could_be_worked_out_from_are_hidden(town):
    forum, lot, kf = town
    g = lot.groups.set_index(["variable", "category"])
    small = (g["n_pool"].between(1, 4)) | (g["n_panel"].between(1, 4))
    assert small.any()  # gemeente-30's pool has groups below 5 (the hiding is visible)
    assert g.loc[small, "hidden"].all()
    # per variable the pool and panel totals are published: one hidden group alone would be given away
    for var, part in g.groupby(level=0):
        assert part["hidden"].sum() != 1, var
    block = kf["lottery"]["groups"]
    for (var, cat), row in g.iterrows():
        cell = block[var][cat]
        assert cell["hidden"] == bool(row["hidden"])
        if row["hidden"]:
            assert cell["n_pool"] is None and cell["mean_probability"] is None and cell["ratio"] is None


def test_results_json_holds_no_pool_member(town):
    forum, lot, kf = town
    dumped = json.dumps(kf["lottery"])
    ids = forum.inputs["pool"]["pool_id"].astype(str)
    assert not any(f'"{i}"' in dumped for i in ids)
    assert '"n_panel"' not in dumped  # no count of the drawn panel per group
    assert kf["lottery"]["n_pool"] == len(ids) and kf["lottery"]["panel_size"] == 30


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chart_table_and_sentences_in_both_languages(town, lang):
    forum, lot, kf = town
    fig, alt = charts.lottery_chart(lot.probabilities, lot.summary, lang)
    assert fig.axes and str(lot.summary["n_pool"]) in alt
    assert not any(i in alt for i in forum.inputs["pool"]["pool_id"].astype(str))
    shown = tables.lottery_groups_table(lot, lang)
    hidden_rows = shown[lot.groups["hidden"].to_numpy()]
    assert (hidden_rows.iloc[:, 1:4] == tables.LINKED).all().all()  # pool, mean, ratio
    lines = tables.lottery_sentences(kf["lottery"], lang)
    assert len(lines) == 4 and all("{" not in x for x in lines)
    assert ("legacy" in lines[0]) and ("200" in lines[0])


def test_scorecard_line_and_methods_row_only_with_the_audit(town):
    forum, lot, kf = town
    topics = [topic for topic, _ in R.scorecard_lines(kf, "en")]
    assert text.t("topic_lottery", "en") in topics
    assert "lottery" in methods_used({"representativeness": kf, "attitudes": None, "follow_up": None})
    without = {k: v for k, v in kf.items() if k != "lottery"}
    assert "lottery" not in methods_used({"representativeness": without, "attitudes": None, "follow_up": None})
    assert text.t("topic_lottery", "en") not in [t for t, _ in R.scorecard_lines(without, "en")]


def test_without_a_pool_there_is_no_audit_and_one_line_says_why():
    forum = load_forum(SURVEYS / "zonder-controlegroep")
    assert R.lottery(forum) is None and "lottery" not in R.figures(forum)
    for lang in ("nl", "en"):
        note = text.t("lottery_none", lang)
        assert "\n" not in note and note.count(".") == 1 and "pool" in note


def test_check_names_a_panel_size_that_is_not_the_rosters(tmp_path):
    folder = shutil.copytree(SURVEYS / "gemeente-30", tmp_path / "g30")
    yml = (folder / "forum.yml").read_text(encoding="utf-8")
    (folder / "forum.yml").write_text(yml.replace("panel_size: 30", "panel_size: 31"), encoding="utf-8")
    with pytest.raises(InputError, match="panel_size is 31, but the roster has 30 drawn members"):
        load_forum(folder)
