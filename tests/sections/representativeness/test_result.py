"""The representativeness section: analyse/figures/scorecard on the example forum, None for America in One
Room, roster against counts, settings from forum.yml, small-cell suppression, and the notebook end to end."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from toolkit.stats.representativeness.composition import member_counts
from toolkit.errors import InputError
from toolkit.forum.load import load_forum
from toolkit.sections.representativeness import tables as tables
from toolkit.sections.representativeness import result as S
from toolkit.sections.representativeness.text import t

REPO = Path(__file__).resolve().parents[3]
EXAMPLE = REPO / "surveys" / "example"


@pytest.fixture(scope="module")
def example():
    forum = load_forum(EXAMPLE)
    return forum, S.analyse(forum), S.figures(forum)


def _copy(tmp_path: Path, edit) -> Path:
    """A copy of the example forum with forum.yml changed by `edit(cfg, folder)`."""
    dst = tmp_path / "example"
    shutil.copytree(EXAMPLE, dst)
    cfg = yaml.safe_load((dst / "forum.yml").read_text(encoding="utf-8"))
    edit(cfg, dst)
    (dst / "forum.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return dst


# ----------------------------------------------------------------------------- the example's numbers
def test_example_composition_and_named_groups(example):
    forum, res, _ = example
    comp = res.composition
    assert res.settings["stage"] == "started" and res.settings["n_members"] == 175
    assert set(comp["variable"]) == {"gender", "age_group", "education", "migration_background", "region"}
    for _, part in comp.groupby("variable"):  # shares per variable add to 1, over the 175 who started
        assert part["share"].sum() == pytest.approx(1.0)
        assert part["n"].sum() == 175
    young = res.named_groups.set_index("group").loc["young_people"]
    assert (young["n"], young["flag"]) == (40, "under")
    assert young["share"] == pytest.approx(40 / 175)
    assert young["diff_pp"] == pytest.approx((40 / 175 - 0.31948726216751633) * 100)
    assert set(res.named_groups["flag"]) == {"under"}  # all three priority groups fall short
    migration = res.named_groups.set_index("group").loc["migration_background"]
    assert migration["n"] == 14 + 9 and migration["categories"] == "westers|niet-westers"
    gof = res.gof.set_index("variable")
    assert gof.loc["education", "method"] == "chi2" and gof.loc["education", "p"] < 0.001
    assert gof.loc["gender", "p"] > 0.05
    assert res.intersections is None  # the shipped benchmark has no joint (two-way) shares


def test_example_funnel_quotas_attrition_attitudes_public(example):
    forum, res, kf = example
    letters = res.funnel[res.funnel["stage"] == "letters"].groupby("variable")["count"].sum()
    assert (letters == 69_366).all()  # about 70,000 letters, the same total for every variable
    assert kf["funnel"]["total"]["letters"]["count"] == 69_366
    assert kf["funnel"]["total"]["started"]["count"] == 175
    weakest = res.falloff.set_index(["variable", "category"]).loc[("migration_background", "niet-westers")]
    assert weakest["weakest_stage"] == "registrations" and weakest["weakest_rel_rate"] < 0.5
    assert kf["quotas"]["n_quotas"] == 16 and kf["quotas"]["n_met"] == 10
    unmet = {(u["variable"], u["category"]): u["gap"] for u in kf["quotas"]["unmet"]}
    assert unmet[("education", "laag")] == -14 and unmet[("age_group", "18-39")] == -4
    assert kf["attrition_total"] == {"n_started": 175, "n_dropped": 12}
    assert kf["replacements"]["n_replacements"] == 12
    att = res.attitudes.set_index("item")
    assert set(att["wave"]) == {"t0"} and (att["n_total"] > 160).all()
    assert att.loc["CLIM8", "test"] == "two_proportion_z" and att.loc["CLIM8", "p"] < 0.01
    assert res.public.summary["n_rows"].iloc[0] == 3000 and res.public.volume["count"].sum() == 3000
    assert set(res.public.composition["variable"]) == {"gender", "age_group", "education", "region"}


def test_figures_are_plain_json_and_scorecard_uses_them(example):
    _, _, kf = example
    assert json.loads(json.dumps(kf, allow_nan=False)) == kf
    young = kf["named_groups"]["young_people"]
    assert young["flag"] == "under" and young["n"] == 40
    assert kf["variables"]["age_group"]["categories"]["18-39"]["flag"] == "under"
    assert kf["benchmark"]["education"] == {"source": "85525NED", "year": 2022, "age_range": "15-75"}
    links = S.data_links(kf)
    hoog = kf["variables"]["education"]["categories"]["hoog"]["diff_pp"]
    assert links["composition_max_gap"] == pytest.approx(abs(hoog) / 100)  # +15 points, the largest gap
    assert links["priority_groups_max_gap"] == pytest.approx(-kf["named_groups"]["practically_educated"]["diff_pp"] / 100)
    en = dict(S.scorecard_lines(kf, "en"))
    assert "young people 23% (population of Nederland 32%; −9 percentage points)" in en["Priority groups"]
    assert "69,366 letters" in en["Recruitment"] and "12 did not complete" in en["Drop-out during the forum"]
    assert "10 of 16 quotas met" in en["Quotas"]
    nl = dict(S.scorecard_lines(kf, "nl"))
    assert "jongeren 23% (bevolking van Nederland 32%; −9 procentpunt)" in nl["Aandachtsgroepen"]
    assert "69.366 brieven" in nl["Werving"]


def test_a1r_has_no_representativeness_data():
    forum = load_forum(REPO / "surveys" / "a1r")
    assert S.analyse(forum) is None and S.figures(forum) is None
    assert S.data_links(None) == {"composition_max_gap": None, "priority_groups_max_gap": None}


# ----------------------------------------------------------------------------- counts, settings, suppression
def test_roster_and_counts_give_the_same_composition(tmp_path, example):
    forum, res, _ = example
    roster = forum.inputs["members"]
    counts = pd.concat([member_counts(roster, stage=s).rename(columns={"n": s}).set_index(["variable", "category"])[s]
                        for s in ("drawn", "started", "completed")], axis=1).reset_index()

    def edit(cfg, folder):
        counts.to_csv(folder / "member_counts.csv", index=False)
        del cfg["inputs"]["members"]
        cfg["inputs"]["member_counts"] = "member_counts.csv"
    from_counts = S.analyse(load_forum(_copy(tmp_path, edit)))
    cols = ["variable", "category", "n", "n_total", "share", "ci_low", "ci_high", "pop_share", "diff_pp", "flag"]
    pd.testing.assert_frame_equal(from_counts.composition[cols], res.composition[cols])
    pd.testing.assert_frame_equal(from_counts.named_groups, res.named_groups)
    pd.testing.assert_frame_equal(from_counts.gof, res.gof)
    assert from_counts.settings["form"] == "counts"
    assert from_counts.replacement_match is None and from_counts.intersections is None  # need a roster


def test_settings_from_forum_yml_and_small_cells(tmp_path):
    def edit(cfg, folder):
        cfg["min_cell_size"] = 10
        cfg["representativeness"] = {"stage": "completed", "named_groups": {"practically_educated": {"education": ["laag"]}},
                                     "public_input_freq": "M"}
    forum = load_forum(_copy(tmp_path, edit))
    res, kf = S.analyse(forum), S.figures(forum)
    assert res.composition["n_total"].iloc[0] == 163  # completed
    assert list(res.named_groups["group"]) == ["practically_educated"]
    assert res.named_groups["n"].iloc[0] == 19
    assert len(res.public.volume) == 3  # January to March 2025
    cell = kf["variables"]["migration_background"]["categories"]["niet-westers"]  # 7 < 10
    assert cell["suppressed"] is True and cell["n"] is None and cell["share"] is None
    assert kf["attrition"]["migration_background"]["niet-westers"]["n_completed"] is None
    assert kf["funnel"]["strata"]["migration_background"]["niet-westers"]["completed"]["count"] is None
    table = tables.gaps_display(res, "en")
    assert "<10" in set(table["Members"])
    # "–": a larger count hidden so that no "<10" can be worked out from the total (toolkit.disclosure.suppress)
    assert all(v in ("<10", "–", "0") or int(v.replace(",", "")) >= 10 for v in table["Members"])


def test_bad_settings_are_reported_together(tmp_path):
    def edit(cfg, folder):
        cfg["representativeness"] = {"stage": "invited", "public_input_freq": "D",
                                     "named_groups": {"both": {"age_group": ["18-39"], "education": ["laag"]}}}
    with pytest.raises(InputError) as exc:
        S.analyse(load_forum(_copy(tmp_path, edit)))
    text = str(exc.value)
    for key in ("representativeness.stage", "public_input_freq", "named_groups.both"):
        assert key in text


# ----------------------------------------------------------------------------- the notebook
def test_notebook_runs_end_to_end_with_alt_texts_and_suppression(tmp_path):
    import nbformat
    import papermill as pm
    from bs4 import BeautifulSoup

    out = tmp_path / "10_representativeness.ipynb"
    pm.execute_notebook(str(REPO / "notebooks" / "10_representativeness.ipynb"), str(out), kernel_name="python3",
                        parameters=dict(forum_dir=str(EXAMPLE), lang="en"), cwd=str(REPO / "notebooks"),
                        progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert outputs and all(o["output_type"] == "display_data" and "text/html" in o["data"] for o in outputs)
    html = "\n".join(o["data"]["text/html"] for o in outputs)
    assert html.startswith('<h2 id="representativeness">Representativeness</h2>')
    soup = BeautifulSoup(html, "html.parser")
    imgs = soup.find_all("img")
    assert len(imgs) >= 5 + 1 + 5 + 2  # composition per variable, funnel total and per variable, views, volume
    for img in imgs:
        alt = img.get("alt", "")
        assert len(alt) > 60 and re.search(r"\d", alt) and alt != "No data to show.", alt
    caption = t("cap_gaps", "en", area="Nederland")
    gaps = next(t for t in soup.find_all("table") if t.caption and t.caption.get_text() == caption)
    head = [th.get_text() for th in gaps.thead.find_all("th")]
    members = [tr.find_all("td")[head.index("Members")].get_text() for tr in gaps.tbody.find_all("tr")]
    assert members[:3] == ["93", "23", "40"]  # the three priority groups first
    for v in members:
        assert v.startswith("<") or v == "0" or int(v.replace(",", "")) >= 5, v
    text = soup.get_text(" ")
    assert "aged 15 to 75" in text and "85525NED" in text  # benchmark coverage under the table
    for anchor in ("representativeness-gaps", "representativeness-funnel", "representativeness-attrition",
                   "representativeness-attitudes", "representativeness-public"):
        assert soup.find(id=anchor) is not None


def test_notebook_says_briefly_when_there_is_no_data(tmp_path):
    import nbformat
    import papermill as pm

    out = tmp_path / "10_representativeness.ipynb"
    pm.execute_notebook(str(REPO / "notebooks" / "10_representativeness.ipynb"), str(out), kernel_name="python3",
                        parameters=dict(forum_dir=str(REPO / "surveys" / "a1r"), lang="en"),
                        cwd=str(REPO / "notebooks"), progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    html = "\n".join(o["data"]["text/html"] for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert html == ('<h2 id="representativeness">Representativeness</h2>\n<p>' + t("none", "en") + "</p>")


def test_a_municipal_forum_against_national_figures_gets_a_caution():
    kf = S.figures(load_forum(REPO / "surveys" / "gemeente-30"))
    assert kf["benchmark_area"] == "Nederland" and kf["area_caution"] is True
    assert kf["forum_area"] == {"name": "Gemeente Noordwaard (fictief)", "level": "municipality", "code": None}
    topic, line = S.scorecard_lines(kf, "en")[0]
    assert topic == "Population figures" and line.startswith("Compared with Nederland, not with this municipal forum")
    long_nl = S.area_caution_text(kf, "nl")
    assert long_nl.startswith("Let op: dit is een forum op gemeenteniveau (Gemeente Noordwaard (fictief)), maar de "
                              "bevolkingscijfers gaan over Nederland.")
    assert "cbs:" in S.area_caution_text(kf, "en")


def test_a_local_benchmark_of_the_forums_own_area_names_it_without_caution():
    kf = S.figures(load_forum(REPO / "surveys" / "gemeente-rommelig"))
    assert kf["benchmark_area"] == "Gemeente Rommeldam (fictief)" and kf["area_caution"] is False
    assert all(topic != "Population figures" for topic, _ in S.scorecard_lines(kf, "en"))
    assert "bevolking van Gemeente Rommeldam (fictief)" in dict(S.scorecard_lines(kf, "nl"))["Samenstelling"]


def test_a_national_forum_is_compared_without_caution(example):
    _, res, kf = example
    assert kf["benchmark_area"] == "Nederland" and kf["forum_area"]["level"] == "national"
    assert kf["area_caution"] is False and S.area_caution_text(kf, "nl") is None
    gaps = tables.gaps_display(res, "nl")
    assert "Aandeel bevolking Nederland" in gaps.columns


def test_a_benchmark_without_area_is_named_as_such_and_cautions_a_local_forum(tmp_path):
    def edit(cfg, folder):
        bench = pd.read_csv(REPO / "toolkit" / "benchmarks" / "data" / "nl_default.csv").drop(columns="area")
        bench.to_csv(folder / "bench.csv", index=False)
        cfg["inputs"]["benchmark"] = "bench.csv"
        cfg["area"] = {"name": "Gemeente Utrecht", "level": "municipality", "code": "gm0344"}

    kf = S.figures(load_forum(_copy(tmp_path, edit)))
    assert kf["benchmark_area"] is None and kf["area_caution"] is True
    assert kf["forum_area"]["code"] == "GM0344"
    assert "the population figures cover an area the benchmark does not name" in S.area_caution_text(kf, "en")
