"""The attitudes section: analyse/figures/scorecard on the example forum and on America in One Room,
settings from forum.yml, small-cell suppression, and the notebook end to end (papermill)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import write_forum
from toolkit.sections.attitudes import tables as VT
from toolkit.errors import InputError
from toolkit.forum.load import load_forum
from toolkit.sections.attitudes import result as S
from toolkit.sections.attitudes.sentences import item_name

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def example():
    forum = load_forum(REPO / "surveys" / "example")
    return forum, S.analyse(forum), S.figures(forum)


@pytest.fixture(scope="module")
def a1r():
    forum = load_forum(REPO / "surveys" / "a1r")
    return forum, S.analyse(forum), S.figures(forum)


def _change(kf, item, wf, wt, group="member"):
    return next(r for r in kf["changes"] if (r["item"], r["wave_from"], r["wave_to"], r.get("group")) == (item, wf, wt, group))


def test_a1r_reproduces_published_support_through_figures(a1r):
    _, res, kf = a1r
    q1, q2a = _change(kf, "Q1", "pre", "post"), _change(kf, "Q2A", "pre", "post")
    assert round(q1["support_from"], 2) == 0.30 and round(q1["support_to"], 2) == 0.60
    assert round(q2a["support_from"], 2) == 0.37 and round(q2a["support_to"], 2) == 0.22
    assert q1["p_holm"] < 0.001 and q1["ci_low"] > 0 and q2a["ci_high"] < 0
    # configuration alone: no control group, knowledge or process items in this forum
    assert kf["settings"]["wave_pairs"] == [["pre", "post"]] and kf["settings"]["headline"] == ["Q1", "Q2A", "Q2D", "Q3A"]
    assert kf["settings"]["n_attitude_items"] == 48 and len([r for r in kf["changes"] if r["kind"] == "item"]) == 48
    assert kf["did"] == [] and kf["knowledge"]["gains"] == [] and kf["process_quality"] == []
    assert res.did is None and res.scores is None and res.weighting is None
    assert {r["moderator"] for r in kf["heterogeneity"]} == {"education", "age_group"}
    json.dumps(kf, allow_nan=False)


def test_example_has_did_knowledge_process_and_weighting(example):
    _, res, kf = example
    did = {(r["item"], r["wave"]): r for r in kf["did"]}
    scale = did[("klimaatbeleid", "t1")]
    assert scale["converged"] and scale["level"] == "member" and scale["level_ref"] == "control"
    assert 0.6 < scale["estimate"] < 1.1 and scale["ci_low"] > 0 and scale["n_subjects"] > 600
    gain = next(g for g in kf["knowledge"]["gains"] if g["group"] == "member" and g["wave_to"] == "t1")
    assert gain["mean_change"] > 0.1 and gain["ci_low"] > 0
    assert {r["group"] for r in kf["knowledge"]["items"]} == {"member", "control"}
    assert len(kf["process_quality"]) == 5 and all(0 < r["share_agree"] < 1 for r in kf["process_quality"])
    assert kf["weighting"]["problem"] is None and 50 < kf["weighting"]["n_eff"] < kf["weighting"]["n"] == 175
    assert {r["item"] for r in kf["weighted"]} == {"klimaatbeleid", "CLIM1", "CLIM2"}
    # one alpha per group and wave: members and the control group are never pooled
    assert [(r["group"], r["alpha"] > 0.6) for r in kf["reliability"]] == [("member", True)] * 3 + [("control", True)] * 3
    assert {(r["wave_from"], r["wave_to"]) for r in kf["changes"]} == {("t0", "t1"), ("t0", "t2"), ("t1", "t2")}
    assert {r["kind"] for r in kf["changes"]} == {"item", "scale"}
    json.dumps(kf, allow_nan=False)


def test_no_small_counts_are_published(example):
    _, res, kf = example
    mc = kf["settings"]["min_cell_size"]
    for key, fields in (("attrition", ["n"]), ("subgroup_sizes", ["n"]), ("subgroup_gap", ["n_a", "n_b"]),
                        ("dropouts", ["n_completers", "n_dropouts"])):
        for rec in kf[key]:
            for f in fields:
                assert rec[f] is None or rec[f] == 0 or rec[f] >= mc, (key, rec)
    # gemeente-30 has a member pattern below the minimum (4 took part at t0 only): it and the cells it could
    # be worked out from are blanked, knowing the members' total and each wave's number of respondents
    # (published in other tables); where nothing can be shown safely, the breakdown is left out
    # (the example has no small pattern since an exact duplicate submission is kept once)
    forum = load_forum("surveys/gemeente-30")
    res30, kf30 = S.analyse(forum), S.figures(forum)
    waves = kf30["settings"]["waves"]
    truth = res30.attrition[res30.attrition["group"] == "member"]
    small = [0 < n < mc for n in truth["n"]]
    assert any(small)
    members = [r for r in kf30["attrition"] if r["group"] == "member"]
    if members:
        assert sum(r["n"] is None for r in members) >= 2
        lo, hi = _pattern_range(truth, waves, [r["n"] is None for r in members], mc)
        assert all(a < b for a, b, s in zip(lo, hi, small) if s), (lo, hi)
    assert all(r["n"] is None or r["n"] == 0 or r["n"] >= mc for r in kf30["attrition"])
    for func in (VT.changes_table, VT.transitions_table):
        args = (res, ("t0", "t1"), "en") if func is VT.changes_table else (res, "CLIM1", "en")
        out = func(*args)
        assert "respondent_id" not in out.columns and len(out) < 20


def test_scorecard_lines_come_from_key_figures(example, a1r):
    for _, _, kf in (example, a1r):
        for lang in ("nl", "en"):
            lines = S.scorecard_lines(json.loads(json.dumps(kf)), lang)
            assert lines and all(isinstance(t, str) and isinstance(f, str) and f for t, f in lines)
    en = dict(S.scorecard_lines(a1r[2], "en"))
    assert en["Attitudes"].startswith("36 of 48 statements changed clearly") and "30% → 60%" in en["Attitudes"]
    nl = dict(S.scorecard_lines(example[2], "nl"))
    assert set(nl) == {"Opvattingen", "Kennis", "Vergelijking met controlegroep", "Proceskwaliteit (oordeel leden)"}
    assert "meer dan in de controlegroep" in nl["Vergelijking met controlegroep"]


def test_forum_without_attitude_items_gives_none(tmp_path):
    cb = {"waves": ["t0", "t1"], "items": {"K": {"type": "knowledge", "key": 1, "scale": [1, 4]}}}
    t0 = "respondent_id,K\nr1,1\nr2,2\n"
    folder = write_forum(tmp_path / "f", {"name": "F", "surveys": {"layout": "per_wave", "files": {"t0": "t0.csv", "t1": "t1.csv"}}},
                         cb, {"t0.csv": t0, "t1.csv": t0})
    forum = load_forum(folder)
    assert S.analyse(forum) is None and S.figures(forum) is None


def test_wrong_settings_are_named(a1r_copy):
    cfg = yaml.safe_load((a1r_copy / "forum.yml").read_text(encoding="utf-8"))
    cfg["attitudes"] = {"headline_items": ["Q1", "NOPE"], "subgroups": ["religion"], "wave_pairs": [["pre", "later"]]}
    (a1r_copy / "forum.yml").write_text(yaml.safe_dump(cfg), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        S.analyse(load_forum(a1r_copy))
    text = str(exc.value)
    for key in ("attitudes.headline_items", "'NOPE'", "attitudes.subgroups", "'religion'", "attitudes.wave_pairs"):
        assert key in text


def test_notebook_runs_end_to_end_with_alt_texts(tmp_path):
    import nbformat
    import papermill as pm

    out = tmp_path / "20_attitudes.ipynb"
    pm.execute_notebook(str(REPO / "notebooks" / "20_attitudes.ipynb"), str(out), kernel_name="python3",
                        parameters=dict(forum_dir=str(REPO / "surveys" / "example"), lang="en"),
                        cwd=str(REPO / "notebooks"), progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert outputs and all(o["output_type"] == "display_data" and "text/html" in o["data"] for o in outputs)
    html = "\n".join(o["data"]["text/html"] for o in outputs)
    assert html.startswith('<h2 id="attitudes">Attitude shifts</h2>')
    assert len(re.findall(r'<img [^>]*alt="[^"]{40,}"', html)) >= 8
    assert "No description has been provided" not in html
    for anchor in ("attitudes-changes", "attitudes-knowledge", "attitudes-control", "attitudes-process"):
        assert f'id="{anchor}"' in html
    assert "<script" not in html.lower()  # the free-text answer with a script tag is not shown (free_text: false)


def _pattern_range(patterns, waves, hidden, mc):
    """Per pattern the smallest and largest count an attacker allows (integer program): shown counts fixed,
    hidden ones 1..mc-1 when small else >= mc, the group's total and each wave's respondents known."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    n = patterns["n"].to_numpy(dtype=float)
    a = np.vstack([np.ones(len(n))] + [patterns[w].astype(float).to_numpy() for w in waves])
    b = a @ n
    lo_b = [(1 if 0 < v < mc else mc) if h else v for v, h in zip(n, hidden)]
    hi_b = [(mc - 1 if 0 < v < mc else np.inf) if h else v for v, h in zip(n, hidden)]
    lo, hi = [], []
    for i in range(len(n)):
        ends = []
        for sign in (1, -1):
            c = np.zeros(len(n))
            c[i] = sign
            r = milp(c, constraints=LinearConstraint(a, b, b), bounds=Bounds(lo_b, hi_b), integrality=np.ones(len(n)))
            assert r.success
            ends.append(round(r.x[i]))
        lo.append(ends[0])
        hi.append(ends[1])
    return lo, hi


# ----------------------------------------------------------------------------- the Holm family and support shares
def _holm(p):
    """Holm's step-down adjustment, written out (R: p.adjust(p, "holm"))."""
    order = sorted(range(len(p)), key=lambda i: p[i])
    out, run = [0.0] * len(p), 0.0
    for rank, i in enumerate(order):
        run = max(run, min(1.0, (len(p) - rank) * p[i]))
        out[i] = run
    return out


def test_holm_family_is_the_published_rows(example):
    """A row withheld (1..4 pairs) is no member of the Holm family: the shown rows' adjusted p-values are
    Holm over the shown p-values alone, so they say nothing about the withheld row's p."""
    import dataclasses

    _, res, _ = example
    ch = res.changes.copy()
    fam = (ch["group"] == "member") & (ch["wave_from"] == "t0") & (ch["wave_to"] == "t1")
    first = ch.index[fam][0]
    ch.loc[first, "n_pairs"] = 3  # as if only 3 members answered both waves: withheld
    ch.loc[first, "p"] = 1e-9     # its p would have moved every other row's Holm p had it counted
    pub = S.published(dataclasses.replace(res, changes=ch)).changes
    shown = pub[fam & pub["p"].notna()]
    assert first not in shown.index and pd.isna(pub.loc[first, "p_holm"])
    assert shown["p_holm"].tolist() == pytest.approx(_holm(shown["p"].tolist()))
    # the published rows' family differs from the full one: the full family would leak the hidden row
    assert shown["p_holm"].tolist() != pytest.approx(res.changes.loc[shown.index, "p_holm"].tolist())


def test_support_shares_of_1_to_4_people_are_withheld(example):
    """55% -> 33% of 3 is 1 of 3: a share whose supporters or non-supporters number 1..4 is withheld
    (table, sentences, summary, results.json); the other side of the arrow stays."""
    import dataclasses

    _, res, _ = example
    ch = res.changes.copy()
    row = ch.index[(ch["group"] == "member") & ch["support_from"].notna()][0]
    ch.loc[row, ["support_from", "n_from", "support_to", "n_to"]] = [0.9, 40, 0.5, 40]  # 4 of 40 do not support
    pub = S.published(dataclasses.replace(res, changes=ch))
    assert pd.isna(pub.changes.loc[row, "support_from"]) and pub.changes.loc[row, "support_to"] == 0.5
    assert pd.isna(pub.changes.loc[row, "support_change"])
    item, wf, wt = ch.loc[row, ["item", "wave_from", "wave_to"]]
    table = VT.changes_table(pub, (wf, wt), "en")
    name = item_name(pub, item, "en")
    cell = table.loc[table.iloc[:, 0] == name].iloc[0, 6]
    assert cell.startswith("–") and "90" not in cell, cell


def test_a_withheld_support_share_is_flagged_for_the_note_under_its_table(example):
    """The changes table says why a support share shows '–' (shares_withheld), and only when one was withheld."""
    import dataclasses

    _, res, _ = example
    pairs = res.settings["wave_pairs"]
    assert not any(VT.shares_withheld(S.published(res), p) for p in pairs)  # example: none withheld
    ch = res.changes.copy()
    row = ch.index[(ch["group"] == "member") & ch["support_from"].notna()][0]
    ch.loc[row, ["support_from", "n_from"]] = [0.9, 40]  # 4 of 40 do not support
    pub = S.published(dataclasses.replace(res, changes=ch))
    pair = tuple(ch.loc[row, ["wave_from", "wave_to"]])
    assert VT.shares_withheld(pub, pair)
    assert not any(VT.shares_withheld(pub, p) for p in pairs if p != pair)


def test_the_process_line_with_one_criterion_gives_one_share_not_a_range():
    from toolkit.sections.attitudes.result import scorecard_lines

    one = {"process_quality": [{"criterion": "respect", "share_agree": 0.27, "n": 33}]}
    (topic, line), = scorecard_lines(one, "nl")
    assert line == "27% van de leden was het eens over respect (één OESO-criterium gevraagd)." and "tot" not in line
    two = {"process_quality": [{"criterion": "respect", "share_agree": 0.27, "n": 33},
                               {"criterion": "neutral_facilitation", "share_agree": 0.5, "n": 33}]}
    assert scorecard_lines(two, "en")[0][1] == "Per OECD criterion, 27% to 50% of members agreed (lowest: respect)."


def test_agreement_shape_is_withheld_where_an_answer_was_given_by_1_to_4(example):
    """A, bimodality and quartiles with n, mean and SD give answer counts back (tests/disclosure/
    test_attacker.py): withheld for an item in a wave with an answer of 1..4 members, kept where every
    answer is 0 or 5+, and the table drops the columns only when every row lost them."""
    import dataclasses

    _, res, _ = example
    pub = S.published(res)
    assert pub.agreement["agreement_a"].isna().all() and pub.agreement["q25"].isna().all()  # example: 1..4 everywhere
    assert pub.agreement["mean"].notna().all()
    assert VT.agreement_withheld(res) == "all"
    assert "Agreement A" not in VT.agreement_table(res, "en").columns
    dist = res.distribution.copy()
    first = tuple(res.agreement.loc[0, ["item", "wave"]])
    rows = (dist["item"] == first[0]) & (dist["wave"] == first[1])
    dist.loc[rows, "n"] = dist.loc[rows, "n"].where(~dist.loc[rows, "n"].between(1, 4), 5)
    some = dataclasses.replace(res, distribution=dist)
    shape = S.published(some).agreement
    assert shape.loc[0, "agreement_a"] == res.agreement.loc[0, "agreement_a"]
    assert shape.loc[0, "iqr"] == res.agreement.loc[0, "iqr"]
    assert shape.loc[1:, "agreement_a"].isna().all()
    assert VT.agreement_withheld(some) == "some"
    assert "Agreement A" in VT.agreement_table(some, "en").columns
    assert S.published(dataclasses.replace(res, distribution=None)).agreement["agreement_a"].isna().all()


def test_mcnemar_is_withheld_where_a_cell_of_the_paired_table_is_1_to_4(example):
    """With n_pairs and the support shares on the pairs, McNemar's p gives the discordant pairs back:
    withheld where supporters at both waves, lost, gained or at neither number 1..4; kept otherwise."""
    import dataclasses

    _, res, _ = example
    ch = res.changes
    row = ch.index[(ch["group"] == "member") & ch["mcnemar_p"].notna()][0]
    assert S.published(res).changes.loc[row, "mcnemar_p"] == ch.loc[row, "mcnemar_p"]  # every cell 5+
    small = ch.copy()
    small.loc[row, "support_lost"] = 3
    pub = S.published(dataclasses.replace(res, changes=small)).changes
    assert pd.isna(pub.loc[row, "mcnemar_p"]) and pd.isna(pub.loc[row, "mcnemar_stat"])
    assert pub.loc[row, "mcnemar_method"] is None
    other = ch.index[(ch["group"] == "member") & ch["mcnemar_p"].notna() & (ch.index != row)][0]
    assert pub.loc[other, "mcnemar_p"] == ch.loc[other, "mcnemar_p"]
