"""Presentation of the representativeness section: the drop-out table's secondary suppression (an attacker
who knows the published totals cannot work out a hidden count), and the nl/en phrase table."""
from __future__ import annotations

import dataclasses

import re
import string
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import dropout_possible, shown_count
from toolkit.forum.load import load_forum
from toolkit.sections.representativeness import result as S
from toolkit.disclosure.joint import joint_disclosure
from toolkit.sections.representativeness.tables import attrition_hidden, attrition_note, attrition_table
from toolkit.sections.representativeness.text import DEFAULT_NL_NOTES, LABELS, TEXT, t

REPO = Path(__file__).resolve().parents[3]
MC = 5


# ----------------------------------------------------------------------------- the attacker
def _blocks(res, lang="en"):
    """Per variable: the displayed started and completed columns of the drop-out table."""
    table = attrition_table(res, lang)
    for _, idx in res.attrition.groupby("variable", sort=False).groups.items():
        part = table.loc[idx]
        yield list(part.iloc[:, 1]), list(part.iloc[:, 2])


# ----------------------------------------------------------------------------- the drop-out table
@pytest.mark.parametrize("name", ["gemeente-30", "alleen-aantallen"])
def test_no_hidden_drop_out_count_can_be_worked_out(name):
    forum = load_forum(REPO / "surveys" / name)
    res = S.analyse(forum)
    # the attacker is given both totals (the number who completed is withheld when 1..4 dropped out)
    n_started = int(res.attrition["n_started"].sum() / res.attrition["variable"].nunique())
    n_completed = int(res.attrition["n_completed"].sum() / res.attrition["variable"].nunique())
    tried = 0
    for started, completed in _blocks(res):
        for column, cells in (("started", started), ("completed", completed)):
            for row, cell in enumerate(cells):
                if not cell.startswith("<"):
                    continue
                tried += 1
                # subtraction from the total: needs every other count of the column
                others = [shown_count(c) for j, c in enumerate(cells) if j != row]
                assert None in others, (column, row, cells)
                lo, hi = dropout_possible(started, completed, n_started, n_completed, MC, row, column)
                assert lo < hi, (name, column, row, started, completed)
    assert tried >= 2  # the forum has small cells to protect


def test_the_attacker_recovers_a_count_under_primary_suppression_only():
    """Without the linked cells the same attacker finds the 65-79-year-olds: 4 started, 4 completed."""
    forum = load_forum(REPO / "surveys" / "gemeente-30")
    res = S.analyse(forum)
    a = res.attrition[res.attrition["variable"] == "age_group"]
    assert a["category"].tolist() == ["18-39", "40-64", "65-79"]
    started = [str(n) if n >= MC else f"<{MC}" for n in a["n_started"]]
    completed = [str(n) if n >= MC else f"<{MC}" for n in a["n_completed"]]
    assert started == ["12", "14", "<5"] and completed == ["10", "13", "<5"]
    assert dropout_possible(started, completed, 30, 27, MC, 2, "started") == (4, 4)
    assert dropout_possible(started, completed, 30, 27, MC, 2, "completed") == (4, 4)
    # with secondary suppression the 18-39 row is hidden too, and 40-64 started: the funnel publishes the same
    # counts and shows that at most 12 of the 12 18-39-year-olds drawn started (toolkit.disclosure.joint.joint_disclosure)
    shown = attrition_table(res, "en").loc[a.index]
    assert shown["Started"].tolist() == ["–", "–", "<5"] and shown["Completed"].tolist() == ["–", "13", "<5"]
    assert shown.iloc[0, 3:].tolist() == ["", "", "", ""]  # its shares, shift and drop-out rate too
    note = attrition_note(attrition_table(res, "en"), MC, "en")
    assert "(‘<5’)" in note and "(‘–’)" in note


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), min_size=2, max_size=5))
def test_secondary_suppression_on_any_block(pairs):
    started = [max(a, b) for a, b in pairs]
    completed = [min(a, b) for a, b in pairs]
    frame = pd.DataFrame({"variable": "v", "n_started": started, "n_completed": completed})
    hidden = attrition_hidden(frame, MC)
    small_s, small_c = hidden["small_started"].to_numpy(), hidden["small_completed"].to_numpy()
    link_s, link_c = hidden["linked_started"].to_numpy(), hidden["linked_completed"].to_numpy()
    counts = np.array(started + completed)
    small, linked = np.concatenate([small_s, small_c]), np.concatenate([link_s, link_c])
    assert (small == ((counts > 0) & (counts < MC))).all()
    assert not (linked & small).any() and (counts[linked] >= MC).all()  # a linked cell is a shown-size count
    shown = [f"<{MC}" if s else "–" if li else str(n) for n, s, li in zip(counts, small, linked)]
    k = len(started)
    everything_hidden = all(s or li for n, s, li in zip(counts, small, linked) if n > 0)
    for i in np.flatnonzero(small):
        lo, hi = dropout_possible(shown[:k], shown[k:], sum(started), sum(completed), MC, i % k,
                           "completed" if i >= k else "started")
        assert lo < hi or everything_hidden, (started, completed, shown)


def test_nothing_is_hidden_without_small_counts():
    """No count of people (started, completed, or dropped out: started - completed) is 1..4: nothing hidden."""
    a = pd.DataFrame({"variable": "v", "category": ["a", "b", "c"], "n_started": [40, 30, 20],
                      "n_completed": [35, 30, 14]})
    joint = joint_disclosure(None, None, a, MC)
    assert not joint.hidden
    assert not attrition_hidden(a, MC, joint).to_numpy().any()


def test_a_small_drop_out_count_is_protected_in_the_example():
    """The example (175 members) has categories where 1..4 members dropped out (65-79: 44 -> 43): the
    drop-out table hides a count of them, and none can be worked out from what is shown."""
    forum = load_forum(REPO / "surveys" / "example")
    res = S.analyse(forum)
    table = attrition_table(res, "nl")
    assert table.isin(["–"]).any().any()
    assert attrition_note(table, MC, "nl") is not None
    total = {"n_started": int(res.attrition["n_started"].sum() / res.attrition["variable"].nunique())}
    total["n_dropped"] = total["n_started"] - int(res.attrition["n_completed"].sum() / res.attrition["variable"].nunique())
    for started, completed in _blocks(res, "nl"):
        k = len(started)
        for i in range(k):
            s, c = shown_count(started[i]), shown_count(completed[i])
            if s is not None and c is not None:
                assert not 0 < s - c < MC, (started, completed)  # a shown drop-out count is 0 or >= 5
            lo, hi = _dropped_range(started, completed, total["n_started"], total["n_started"] - total["n_dropped"], i)
            assert not (lo == hi and 0 < lo < MC), (i, started, completed, lo, hi)  # no small one pinned


def _dropped_range(started, completed, n_started, n_completed, i):
    """Smallest and largest started - completed of row `i` the attacker allows (integer program): shown
    counts fixed, "<5" in 1..4, "–" at least 5, the published totals, completed <= started."""
    from scipy.optimize import linprog

    k = len(started)
    cells = started + completed
    counts = np.array([shown_count(c) if shown_count(c) is not None else (1 if c.startswith("<") else MC)
                       for c in cells], dtype=float)
    hidden = np.array([shown_count(c) is None for c in cells])
    a_eq = np.zeros((2, 2 * k))
    a_eq[0, :k] = a_eq[1, k:] = 1
    rhs = np.array([n_started, n_completed], dtype=float)
    small = np.array([c.startswith("<") for c in cells])
    bounds = [((1, MC - 1) if s else (MC, None)) if h else (v, v) for v, s, h in zip(counts, small, hidden)]
    target = np.eye(2 * k)[i] - np.eye(2 * k)[k + i]
    ends = []
    for sign in (1, -1):
        sol = linprog(sign * target, A_ub=np.hstack([-np.eye(k), np.eye(k)]), b_ub=np.zeros(k), A_eq=a_eq, b_eq=rhs,
                      bounds=bounds, integrality=np.ones(2 * k), method="highs")
        assert sol.success
        ends.append(round(sol.fun * sign))
    return ends[0], ends[1]


# ----------------------------------------------------------------------------- words
def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("table", [TEXT, LABELS], ids=["TEXT", "LABELS"])
def test_every_phrase_in_both_languages_with_the_same_placeholders(table):
    for key, entry in table.items():
        assert set(entry) == {"nl", "en"}, key
        assert _fields(entry["nl"]) == _fields(entry["en"]), key


def test_nl_en_phrases_are_not_written_inline():
    """Every nl/en phrase of the section is in views_representativeness_text (none as `if lang == "nl"`)."""
    for module in ("toolkit/sections/representativeness/result.py", "toolkit/sections/representativeness/charts.py",
                   "toolkit/sections/representativeness/tables.py"):
        source = (REPO / module).read_text(encoding="utf-8")
        assert not re.search(r"lang\s*==\s*[\"'](nl|en)[\"']", source), module


# ----------------------------------------------------------------------------- benchmark notes
def test_coverage_table_notes_in_the_report_language():
    """An own benchmark: the Dutch report shows note_nl (else note), the English one note."""
    from toolkit.benchmarks.cbs import default_benchmark_path
    from toolkit.intake.benchmark import read_benchmark
    from toolkit.sections.representativeness.tables import coverage_table

    res = S.analyse(load_forum(REPO / "surveys" / "example"))
    bench = read_benchmark(default_benchmark_path())  # the shipped file as if it were one's own
    bench = bench[bench["variable"].isin(res.benchmark["variable"])].reset_index(drop=True)
    own = dataclasses.replace(res, benchmark=bench, settings={**res.settings, "benchmark_default": False})

    def notes(r, lang):
        table = coverage_table(r, lang)
        return dict(zip(table.iloc[:, 0], table[t("col_note", lang)]))

    nl, en = notes(own, "nl"), notes(own, "en")
    assert nl["Geslacht"] == ("Mannen en vrouwen van alle leeftijden (ook kinderen) op 1 januari 2023, "
                              "niet alleen volwassenen.")
    assert nl["Opleidingsniveau"].startswith("Hoogst behaald opleidingsniveau, 15-75 jaar (niet 18+), 2022 "
                                             "(voorlopige cijfers), Nederland; CBS-niveaus 11+12 = 26,2%")
    assert en["Gender"] == "Men and women of all ages (children included) on 1 January 2023; not adults only."
    assert en["Level of education"].startswith("Highest level attained, ages 15-75 (not 18+), 2022 (provisional)")
    # a benchmark without note_nl, or with it partly empty: the Dutch report falls back to note
    no_nl = dataclasses.replace(own, benchmark=bench.drop(columns="note_nl"))
    assert list(notes(no_nl, "nl").values()) == list(en.values())
    partly = bench.assign(note_nl=bench["note_nl"].where(bench["variable"] != "gender", ""))
    mixed = notes(dataclasses.replace(own, benchmark=partly), "nl")
    assert mixed["Geslacht"] == en["Gender"] and mixed["Opleidingsniveau"] == nl["Opleidingsniveau"]
    # the shipped benchmark keeps its one-line summary per variable in each language
    assert notes(res, "nl")["Geslacht"] == DEFAULT_NL_NOTES["gender"]["nl"]
    assert notes(res, "en")["Gender"] == DEFAULT_NL_NOTES["gender"]["en"]


# ----------------------------------------------------------------------------- flags within chance
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_gap_within_chance_has_one_honest_wording_everywhere(lang):
    # example forum: westerse migratieachtergrond 8% [5%; 13%] against 10%, Noord 13% [9%; 19%] against 10%:
    # ratios past 0.8 and 1.25, intervals that hold the population share
    from toolkit.sections.representativeness.charts import composition_chart, sentences
    from toolkit.sections.representativeness.tables import gaps_display
    from toolkit.sections.representativeness.text import category_name

    forum = load_forum(REPO / "surveys" / "example")
    res, kf = S.analyse(forum), S.figures(forum)
    cells = kf["variables"]
    assert cells["migration_background"]["categories"]["westers"]["flag"] == "lower_within_chance"
    assert cells["region"]["categories"]["Noord"]["flag"] == "higher_within_chance"
    lower, higher = LABELS["lower_within_chance"][lang], LABELS["higher_within_chance"][lang]
    table = gaps_display(res, lang)
    flags = dict(zip(table.iloc[:, 0], table[t("col_flag", lang)].str.replace("\u2011", "-")))
    west = LABELS["westers"][lang]
    assert flags[category_name("migration_background", "westers", lang)] == lower
    assert flags[category_name("region", "Noord", lang)] == higher
    _, alt = composition_chart(res.composition, "migration_background", lang)
    item = re.search(r"(?<![-\w])" + re.escape(west) + r" \d[^()]*\(([^)]*)\)", alt)
    assert item.group(1) == lower
    said = sentences(kf, lang)["migration_background"]
    assert t("sent_lower_chance", lang, x=west) in said
    under = next(x for x in said if x.startswith(t("sent_under", lang, x="")))
    assert west not in under.split(";")[0].split(": ")[1].split(", ")


def test_summary_does_not_call_a_priority_group_within_chance_under_represented():
    kf = {"variables": {}, "named_groups": {"young_people": {
        "variable": "age_group", "categories": "18-39", "share": 0.24, "pop_share": 0.32, "diff_pp": -8.0,
        "flag": "lower_within_chance"}}}
    (topic, line), = S.scorecard_lines(kf, "en")
    assert line.startswith("Below the population share, within chance: young people 24%")
    assert "Under-represented" not in line and "No priority group" not in line
