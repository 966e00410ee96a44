"""forum-eval compare: forums side by side, from results.json only, with the same offline standard."""
import json
import shutil

import pytest

from faults import base_forum
from toolkit.cli import main
from toolkit.report.compare import comparison_table
from toolkit.report.render import check_offline


@pytest.fixture(scope="module")
def two_results(tmp_path_factory):
    root = tmp_path_factory.mktemp("cmp")
    a = base_forum(root / "surveys" / "alpha")
    b = shutil.copytree(a, root / "surveys" / "beta")
    (b / "forum.yml").write_text((b / "forum.yml").read_text(encoding="utf-8").replace("name: Fault", "name: Beta <b>forum</b>"), encoding="utf-8")
    assert main(["run", str(a), str(b), "--reports", str(root / "reports"), "--jobs", "2"]) == 0
    return [root / "reports" / n / "results.json" for n in ("alpha", "beta")]


def test_comparison_table_one_row_per_forum_and_measure(two_results):
    table = comparison_table([json.loads(p.read_text(encoding="utf-8")) for p in two_results])
    assert table.groupby("forum").size().tolist() == [table["measure"].nunique()] * 2
    # no roster or counts: the members are unknown; 6 answered the surveys
    assert table.query("measure == 'members'")["value"].isna().all()
    assert table.query("measure == 'respondents'")["value"].tolist() == [6.0, 6.0]


def test_compare_report_is_offline_and_escapes_names(two_results, tmp_path):
    out = tmp_path / "compare"
    assert main(["compare", *map(str, two_results), "--out", str(out), "--lang", "en"]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert check_offline(page) == []
    assert "Beta &lt;b&gt;forum&lt;/b&gt;" in page and "<b>forum</b>" not in page


def test_compare_rejects_a_missing_or_invalid_results_file(two_results, tmp_path, capsys):
    bad = tmp_path / "results.json"
    bad.write_text('{"forum": {}}', encoding="utf-8")
    assert main(["compare", str(two_results[0]), str(bad), str(tmp_path / "nope.json"), "--out", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert "not a valid results.json" in err and "nope.json: file not found" in err


def test_the_compare_notebook_without_reports_says_what_to_do(tmp_path):
    import papermill as pm

    from toolkit.run.runner import NOTEBOOKS_DIR

    out = tmp_path / "compare.ipynb"
    nb = pm.execute_notebook(str(NOTEBOOKS_DIR / "compare.ipynb"), str(out), cwd=str(NOTEBOOKS_DIR),
                             parameters={"results_paths": [str(tmp_path / "nope" / "results.json")], "lang": "en"},
                             progress_bar=False)
    shown = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))
    assert "No reports to compare yet" in shown and "nope/results.json does not exist" in shown
    assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))


def test_load_results_names_a_missing_file(tmp_path):
    import pytest

    from toolkit.errors import InputError
    from toolkit.report.compare import load_results

    with pytest.raises(InputError, match=r"nope\.json: file not found"):
        load_results([tmp_path / "nope.json"])


# ----------------------------------------------------------------------------- small results.json dicts
def _forum(name, *, synthetic=False, waves=("t0", "t1"), member=30, control=0, min_cell=5, rep=None, att=None, fu=None,
           folder=None):
    """A results.json dict with only the keys the comparison reads."""
    return {"forum": {"name": name, "folder": folder or name.lower(), "synthetic": synthetic, "waves": list(waves),
                      "min_cell_size": min_cell, "respondents": {"member": member, "control": control}},
            "representativeness": rep, "attitudes": att, "follow_up": fu}


def _rep(n_members=30, *, area="Nederland", own=None, level="national", caution=False, groups=None, stage="started"):
    return {"settings": {"n_members": n_members, "stage": stage, "named_groups": {}},
            "benchmark_area": area, "forum_area": {"name": own, "level": level, "code": None},
            "area_caution": caution, "variables": {}, "named_groups": groups or {}}


def _group(share, pop_share, n=10, suppressed=False):
    return {"variable": "age_group", "categories": "18-39", "n": None if suppressed else n,
            "share": None if suppressed else share, "pop_share": pop_share,
            "diff_pp": None if suppressed else (share - pop_share) * 100, "suppressed": suppressed}


def _value(table, forum, measure):
    v = table.query("forum == @forum and measure == @measure")["value"].iloc[0]
    return None if v != v else v


def _run_notebook(results, tmp_path, lang):
    """The compare notebook executed on `results` (written to tmp_path); the HTML it shows."""
    import papermill as pm

    from toolkit.run.runner import NOTEBOOKS_DIR

    paths = []
    for i, r in enumerate(results):
        p = tmp_path / f"f{i}" / "results.json"
        p.parent.mkdir()
        p.write_text(json.dumps(r), encoding="utf-8")
        paths.append(str(p))
    nb = pm.execute_notebook(str(NOTEBOOKS_DIR / "compare.ipynb"), str(tmp_path / f"compare-{lang}.ipynb"),
                             cwd=str(NOTEBOOKS_DIR), parameters={"results_paths": paths, "lang": lang},
                             progress_bar=False)
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not any(o.get("output_type") == "error" for o in outputs)
    return "".join(o.get("data", {}).get("text/html", "") for o in outputs)


def test_the_profile_names_the_population_each_forum_is_compared_with():
    from toolkit.report.compare import forum_profile, profile_table

    results = [_forum("Noord", rep=_rep(area="Nederland", own="Gemeente Noord", level="municipality", caution=True)),
               _forum("Eire", rep=_rep(area="Ireland", level="national")),
               _forum("Los", rep=None)]
    shown = profile_table(forum_profile(results, "en"), "en").set_index("Forum")
    assert shown["Compared with the population of"].to_dict() == {
        "Noord": "Nederland *", "Eire": "Ireland", "Los": "no population figures"}
    assert shown["Own area"].to_dict() == {"Noord": "Gemeente Noord", "Eire": "national", "Los": "–"}
    nl = profile_table(forum_profile(results, "nl"), "nl").set_index("Forum")
    assert nl.loc["Eire", "Vergeleken met de bevolking van"] == "Ireland" and nl.loc["Eire", "Eigen gebied"] == "landelijk"


def test_members_come_from_the_roster_or_counts_never_from_the_respondents():
    from toolkit.report.compare import comparison_table, forum_profile, profile_table

    results = [_forum("Counts", waves=(), member=0, rep=_rep(99, area="Ireland")),     # no surveys, 99 in counts
               _forum("Survey", member=1, rep=None),                                   # a respondent, no roster
               _forum("Roster", member=27, rep=_rep(30))]
    table = comparison_table(results, "nl")
    assert [_value(table, f, "members") for f in ("Counts", "Survey", "Roster")] == [99.0, None, 30.0]
    assert [_value(table, f, "respondents") for f in ("Counts", "Survey", "Roster")] == [None, None, 27.0]
    shown = profile_table(forum_profile(results, "nl"), "nl").set_index("Forum")
    assert shown["Forumleden"].to_dict() == {"Counts": "99 (begonnen)", "Survey": "–", "Roster": "30 (begonnen)"}
    assert "1" not in shown.loc["Survey"].tolist()   # 1 respondent is below min_cell_size: never shown


def test_the_control_group_is_missing_not_zero_without_surveys_or_a_control_group():
    from toolkit.report.compare import comparison_table

    results = [_forum("None", waves=(), control=0), _forum("Zero", control=0), _forum("Some", control=300),
               _forum("Hidden", control=None)]
    table = comparison_table(results, "en")
    assert [_value(table, f, "control") for f in ("None", "Zero", "Some", "Hidden")] == [None, None, 300.0, None]


def test_a_gap_is_the_forum_share_minus_the_population_share():
    from toolkit.report.compare import comparison_table, gaps_figure, part_table

    # young people: 20% of the forum, 32% of the population -> 20 - 32 = -12 points (fewer in the forum);
    # migration background 30% against 23% -> +7 points
    groups = {"young_people": _group(0.20, 0.32), "migration_background": _group(0.30, 0.23)}
    table = comparison_table([_forum("F", rep=_rep(groups=groups))], "en")
    assert _value(table, "F", "gap_young") == pytest.approx(-0.12)
    assert _value(table, "F", "gap_migration") == pytest.approx(0.07)
    shown = part_table(table, "representativeness", "en").set_index("Forum")
    assert shown.loc["F", "Young people"] == "−12 percentage points"
    assert shown.loc["F", "Migration background"] == "+7 percentage points"
    fig = gaps_figure(table, "en")
    xs = sorted(x for line in fig.axes[0].lines if line.get_marker() != "None" for x in line.get_xdata() if x == x)
    assert xs == pytest.approx([-12, 7]) and fig.axes[0].get_xlabel() == "Forum minus population (percentage points)"


def test_the_rate_bars_of_each_forum_stand_side_by_side():
    import matplotlib.pyplot as plt

    from toolkit.report.compare import comparison_table, rates_figure

    def follow_up(response, adoption, on_time):
        return {"rates": {"overall": {"response_rate": response, "adoption_rate_partial": adoption}},
                "latency": {"share_responded_on_time": on_time}, "preconditions": None}

    table = comparison_table([_forum("A", fu=follow_up(0.8, 0.4, 0.5)), _forum("B", fu=follow_up(0.6, 0.3, None))], "en")
    fig = rates_figure(table, "en")
    bars = [(p.get_y(), p.get_y() + p.get_height(), p.get_width()) for p in fig.axes[0].patches if p.get_width() > 0]
    plt.close(fig)
    assert sorted(round(w) for *_, w in bars) == [30, 40, 50, 60, 80]   # every rate one bar, in per cent
    spans = sorted((lo, hi) for lo, hi, _ in bars)
    assert all(a_hi <= b_lo + 1e-9 for (_, a_hi), (b_lo, _) in zip(spans, spans[1:])), "bars drawn over each other"


def test_synthetic_forums_get_one_note_singular_or_plural():
    from toolkit.report.compare import synthetic_note

    real, synth = _forum("R"), _forum("S", synthetic=True)
    assert synthetic_note([real, real], "en") is None
    assert synthetic_note([synth, real, real], "en") == "Note: 1 of these 3 forums is synthetic (invented example data)."
    assert synthetic_note([synth, synth, real], "en") == "Note: 2 of these 3 forums are synthetic (invented example data)."
    assert synthetic_note([synth, real], "nl") == "Let op: 1 van deze 2 forums is synthetisch (verzonnen voorbeeldgegevens)."
    assert synthetic_note([synth, synth], "nl") == "Let op: alle 2 forums zijn synthetisch (verzonnen voorbeeldgegevens)."
    assert synthetic_note([synth], "en") == "Note: this forum is synthetic (invented example data)."


def test_compare_shows_nothing_a_forum_withholds():
    from toolkit.report.compare import comparison_table

    groups = {"young_people": {**_group(0.1, 0.32, n=3), "suppressed": True},   # hidden, even if a value were left
              "practically_educated": _group(0.5, 0.68, suppressed=True)}
    results = [_forum("Small", member=4, control=3, rep=_rep(4, groups=groups)),
               _forum("Strict", member=8, min_cell=10, rep=_rep(9))]
    table = comparison_table(results, "en")
    for measure in ("members", "respondents", "control", "gap_young", "gap_practical"):
        assert _value(table, "Small", measure) is None, measure
    assert _value(table, "Strict", "members") is None and _value(table, "Strict", "respondents") is None


def test_preconditions_none_assessed_are_not_shown_as_zero_met():
    from toolkit.report.compare import comparison_table

    fu = {"preconditions": {"counts": {"met": 0, "partly_met": 0, "not_met": 0, "unknown": 11}}}
    table = comparison_table([_forum("F", fu=fu)], "en")
    assert _value(table, "F", "preconditions_met") is None and _value(table, "F", "preconditions_unknown") == 11


def test_shifts_are_between_the_first_two_waves_among_members():
    from toolkit.report.compare import comparison_table

    def change(item, d_z, p_holm, lo, hi, waves=("t0", "t1"), group="member", n_pairs=30):
        return {"kind": "item", "item": item, "group": group, "wave_from": waves[0], "wave_to": waves[1],
                "n_pairs": n_pairs, "d_z": d_z, "p_holm": p_holm, "ci_low": lo, "ci_high": hi}

    att = {"changes": [change("a", 0.5, 0.01, 0.2, 0.9), change("b", -0.1, 0.6, -0.5, 0.3),
                       change("c", 0.3, 0.2, -0.1, 0.7), change("d", 2.0, 0.001, 1.0, 2.0, waves=("t1", "t2")),
                       change("e", 2.0, 0.001, 1.0, 2.0, group="control"),
                       change("f", None, None, None, None, n_pairs=None)],   # withheld: too few pairs
           "knowledge": {"gains": [{"group": "member", "wave_from": "t0", "wave_to": "t1", "n_pairs": 30,
                                    "mean_change": 0.125}]}}
    table = comparison_table([_forum("F", waves=("t0", "t1", "t2"), att=att)], "en")
    # items a, b, c: only a holds (Holm p < 0.05 and interval without 0) -> 1/3; median |d_z| of 0.5, 0.1, 0.3 = 0.3
    assert _value(table, "F", "items_changed") == pytest.approx(1 / 3)
    assert _value(table, "F", "median_abs_dz") == pytest.approx(0.3)
    assert _value(table, "F", "knowledge_gain") == pytest.approx(0.125)   # a share correct: +13 points shown


def test_two_forums_of_the_same_name_stay_two_rows():
    from toolkit.report.compare import comparison_table

    table = comparison_table([_forum("F", folder="a"), _forum("F", folder="b")], "en")
    assert sorted(table["forum"].unique()) == ["F (a)", "F (b)"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_compare_report_reads_right_in_both_languages(tmp_path, lang):
    groups = {"young_people": _group(0.20, 0.32), "practically_educated": _group(0.5, 0.68, suppressed=True)}
    results = [_forum("Noord", synthetic=True, rep=_rep(30, own="Gemeente Noord", level="municipality", caution=True,
                                                         groups=groups)),
               _forum("Eire", waves=(), member=0, rep=_rep(99, area="Ireland"))]
    page = _run_notebook(results, tmp_path, lang)
    words = {"nl": ["1 van deze 2 forums is synthetisch", "Vergeleken met de bevolking van", "Nederland *",
                    "Ireland", "99 (begonnen)", "−12 procentpunt", "Een lokaal forum"],
             "en": ["1 of these 2 forums is synthetic", "Compared with the population of", "Nederland *",
                    "Ireland", "99 (started)", "−12 percentage points", "A local forum"]}[lang]
    assert [w for w in words if w not in page] == []
    assert "−18" not in page and "-18" not in page   # the withheld group's gap (50% − 68%) is nowhere
    assert "−1200" not in page


def test_forums_that_count_a_named_group_differently_are_told_apart():
    from toolkit.report.compare import group_definitions_note

    def with_young(name, cats):
        rep = _rep()
        rep["settings"]["named_groups"] = {"young_people": {"age_group": cats}}
        return _forum(name, rep=rep)

    assert group_definitions_note([with_young("A", ["18-39"]), with_young("B", ["18-39"])], "en") is None
    note = group_definitions_note([with_young("A", ["18-39"]), with_young("B", ["16-24"])], "en")
    assert note.startswith("Note: the forums do not all count the same group young people: A (")
    assert "B (" in note and "16-24" in note


@pytest.fixture(scope="module")
def municipal_results(tmp_path_factory):
    out = tmp_path_factory.mktemp("g30") / "gemeente-30"
    assert main(["run", "surveys/gemeente-30", "--out", str(out)]) == 0
    return out / "results.json"


def test_forums_with_one_named_group_only_are_compared(municipal_results, tmp_path, capsys):
    """Municipal forums whose data hold education only (no age or migration categories of the named groups):
    the one gap is charted without dodging (seaborn divides by the number of groups - 1)."""
    paths = []
    for i in range(2):
        data = json.loads(municipal_results.read_text(encoding="utf-8"))
        groups = data["representativeness"]["named_groups"]
        data["representativeness"]["named_groups"] = {"practically_educated": groups["practically_educated"]}
        data["forum"]["name"] = f"Gemeente {i}"
        paths.append(tmp_path / f"{i}.json")
        paths[-1].write_text(json.dumps(data), encoding="utf-8")
    table = comparison_table([json.loads(p.read_text(encoding="utf-8")) for p in paths])
    gaps = table[table["measure"].str.startswith("gap_") & table["value"].notna()]
    assert set(gaps["measure"]) == {"gap_practical"}
    assert main(["compare", *map(str, paths), "--out", str(tmp_path / "cmp")]) == 0, capsys.readouterr().err
    assert (tmp_path / "cmp" / "report.html").is_file()
