"""The representativeness section: analyse/figures/scorecard on the example forum, None for America in One
Room, roster against counts, settings from forum.yml, small-cell suppression, and the notebook end to end."""
from __future__ import annotations

import json
import math
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
from conftest import wilson

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
        cfg["inputs"].pop("pool", None)  # these counts hold the replacements too: not the panel the lottery drew
        cfg.pop("lottery", None)
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


# ----------------------------------------------------------------------------- the Irish Citizens' Assembly
IRELAND = REPO / "surveys" / "ierland-2016"


@pytest.fixture(scope="module")
def ireland():
    forum = load_forum(IRELAND)
    return forum, S.analyse(forum), S.figures(forum)


def test_irish_assembly_composition_from_one_published_count_per_category(ireland):
    forum, res, kf = ireland
    s = res.settings
    assert (s["form"], s["stage"], s["one_stage"], s["n_members"]) == ("counts", "started", True, 99)
    # S_IRISHTIMES: sex 48/51; age 10/29/28/32; region 28/25/27/19; ABC1 45, C2DE 48, farmers 6
    n = {v: dict(zip(p["category"], p["n"])) for v, p in res.composition.groupby("variable", sort=False)}
    assert n["gender"] == {"man": 48, "vrouw": 51}
    assert n["age_group"] == {"18-24": 10, "25-39": 29, "40-54": 28, "55+": 32}
    assert n["region"] == {"Dublin": 28, "Rest of Leinster": 25, "Munster": 27, "Connacht-Ulster": 19}
    assert n["social_class"] == {"ABC1": 45, "C2DE": 48, "F (farmers)": 6}
    assert (res.composition["n_total"] == 99).all() and (res.composition["n_missing"] == 0).all()
    lo, hi = wilson(10, 99)
    young = res.composition.set_index("category").loc["18-24"]
    assert young["share"] == pytest.approx(10 / 99) and (young["ci_low"], young["ci_high"]) == pytest.approx((lo, hi))
    # one stage: nothing about drop-out, completion or attrition
    assert res.attrition is None and res.attrition_tests.empty
    assert "attrition" not in kf and kf["attrition_total"] is None and kf["settings"]["one_stage"] is True
    assert S.attrition_sentence(kf, "en") is None
    for lang in ("nl", "en"):
        assert t("topic_attr", lang) not in dict(S.scorecard_lines(kf, lang))
    lines = dict(S.scorecard_lines(kf, "en"))
    assert lines["Without population figures"] == ("Region (partly), age and social class: the forum's composition "
                                                    "only, no comparison.")
    assert "0 of 1 characteristics differ clearly" in lines["Composition"]  # only gender is tested


def test_irish_census_figures_only_where_the_sources_give_them(ireland):
    _, res, kf = ireland
    v = kf["variables"]
    # S_JOURNAL_IE: Census 2016, 2,354,428 men and 2,407,437 women of all ages
    assert v["gender"]["categories"]["man"]["pop_share"] == pytest.approx(2354428 / 4761865, abs=1e-15)
    assert v["region"]["categories"]["Dublin"]["pop_share"] == 0.283  # S_CSO_SDG: 28.3% of the total population
    for var, cat in [("region", "Munster"), ("age_group", "18-24"), ("social_class", "ABC1")]:
        cell = v[var]["categories"][cat]
        assert cell["pop_share"] is None and cell["diff_pp"] is None and cell["ratio"] is None, (var, cat)
    assert {k: b["pop_figures"] for k, b in v.items()} == {"gender": "all", "region": "some", "age_group": "none",
                                                         "social_class": "none"}
    assert kf["benchmark"]["gender"]["age_range"] == "all ages" and set(kf["benchmark"]) == {"gender", "region"}
    # R: chisq.test(c(48, 51), p = c(2354428, 2407437) / 4761865)  X-squared = 0.03639, df = 1, p-value = 0.8487
    expected = [99 * 2354428 / 4761865, 99 * 2407437 / 4761865]
    x2 = sum((o - e) ** 2 / e for o, e in zip([48, 51], expected))
    gof = v["gender"]["gof"]
    assert gof["method"] == "chi2" and gof["statistic"] == pytest.approx(x2, rel=1e-12)
    assert gof["p"] == pytest.approx(math.erfc(math.sqrt(x2 / 2)), rel=1e-9) and round(gof["p"], 4) == 0.8487
    for var in ("region", "age_group", "social_class"):  # no test against figures that are not there
        assert v[var]["gof"]["p"] is None


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_composition_without_population_figures_is_labelled_never_zero(ireland, lang):
    from toolkit.sections.representativeness import charts

    _, res, kf = ireland
    gaps = tables.gaps_display(res, lang)
    assert len(gaps) == 3  # men, women, Dublin: only what has a population figure
    assert not gaps[t("col_pop", lang, area="Ireland / Éire")].isin(["0%", "–", ""]).any()
    only = tables.composition_only_table(res, lang)
    assert list(only.columns) == [t(c, lang) for c in ("col_group", "col_n", "col_share", "col_ci")]
    assert len(only) == 3 + 4 + 3 and only[t("col_n", lang)].tolist()[-1] == "6"
    no_pop = tables.no_population_text(res, lang)
    assert no_pop.startswith({"nl": "Geen bevolkingscijfers", "en": "No population figures"}[lang])
    assert "Munster" in no_pop and "Dublin" not in no_pop
    said = charts.sentences(kf, lang)
    assert said["age_group"] == said["social_class"] == [t("sent_no_pop", lang)]
    region = " ".join(said["region"])
    assert "Munster" in region and t("sent_chance", lang) not in region and t("sent_no_under", lang) not in region
    pub = tables.publishable(res.composition, res.settings["min_cell"], S.disclosure(res))
    _, alt = charts.composition_chart(pub, "age_group", lang)
    assert t("no_pop", lang) in alt and " 0%" not in alt and t("against", lang) not in alt
    _, alt = charts.composition_chart(pub, "region", lang)
    assert alt.count(t("no_pop", lang)) == 3
    cover = tables.coverage_table(res, lang)
    note = dict(zip(cover[t("col_var", lang)], cover[t("col_note", lang)]))
    assert "Dublin" in note["Region" if lang == "en" else "Landsdeel"]  # the note of the row with a figure
    assert sorted(tables.gof_table(res, lang)[t("col_var", lang)]) == (  # age and class: nothing to test against
        ["Geslacht", "Landsdeel"] if lang == "nl" else ["Gender", "Region"])


def test_a_stage_other_than_the_counts_one_is_refused(tmp_path):
    dst = tmp_path / "ierland-2016"
    shutil.copytree(IRELAND, dst)
    cfg = yaml.safe_load((dst / "forum.yml").read_text(encoding="utf-8"))
    cfg["representativeness"]["stage"] = "completed"
    (dst / "forum.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match="count the members at 'started' only"):
        S.analyse(load_forum(dst))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_irish_notebook_shows_the_composition_and_nothing_about_drop_out(tmp_path, lang):
    import nbformat
    import papermill as pm
    from bs4 import BeautifulSoup

    out = tmp_path / "10_representativeness.ipynb"
    pm.execute_notebook(str(REPO / "notebooks" / "10_representativeness.ipynb"), str(out), kernel_name="python3",
                        parameters=dict(forum_dir=str(IRELAND), lang=lang), cwd=str(REPO / "notebooks"),
                        progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    html = "\n".join(o["data"]["text/html"] for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    soup = BeautifulSoup(html, "html.parser")
    text = soup.get_text(" ")
    from toolkit.sections.representativeness.text import intro

    assert intro("99", t("stage_started", lang), lang, area="Ireland / Éire", funnel=False, attitudes=False,
                 public=False, one_stage=True) in text
    assert soup.find(id="representativeness-attrition") is None
    for phrase in ("attr_none", "attr_line", "attrition", "cap_attr", "topic_attr"):
        assert t(phrase, lang, n=99, k=0, r="0%").split("{")[0] not in text, phrase
    assert {"en": "dropped out", "nl": "viel uit"}[lang] not in text
    assert t("cap_comp_only", lang) in text and len(soup.find_all("img")) == 4  # gender, region, age, class


def test_a_remainder_stated_as_unknown_is_left_out_of_the_shares_and_said(tmp_path):
    dst = tmp_path / "ierland-2016"
    shutil.copytree(IRELAND, dst)
    comp = (dst / "composition.csv").read_text(encoding="utf-8")
    comp = "\n".join(line for line in comp.splitlines() if not line.startswith("class,F"))
    (dst / "composition.csv").write_text(comp + "\nclass,onbekend,6,none,class not published for 6\n",
                                         encoding="utf-8")
    res = S.analyse(load_forum(dst))
    cls = res.composition[res.composition["variable"] == "social_class"].set_index("category")
    assert cls["n_total"].eq(93).all() and cls["n_missing"].eq(6).all() and "onbekend" not in cls.index
    assert cls.loc["ABC1", "share"] == pytest.approx(45 / 93)
    assert res.settings["n_members"] == 99
    assert tables.unknown_text(res, "en") == "Value unknown, so left out of the shares: social class for 6 of 99 members."
    assert tables.unknown_text(res, "nl") == ("Waarde onbekend, dus niet meegeteld in de aandelen: sociale klasse bij 6 "
                                              "van de 99 leden.")


def test_a_municipal_forum_against_national_figures_gets_a_caution():
    kf = S.figures(load_forum(REPO / "surveys" / "gemeente-30"))
    assert kf["benchmark_area"] == "Nederland" and kf["area_caution"] is True
    assert kf["forum_area"] == {"name": "Gemeente Noordwaard (fictief)", "level": "municipality", "code": None}
    topic, line = S.scorecard_lines(kf, "en")[0]
    assert topic == "Population figures" and line.startswith("Compared with Nederland, not with this municipal forum")
    long_nl = S.area_caution_text(kf, "nl")
    assert long_nl.startswith("Let op: dit is een forum op gemeenteniveau (Gemeente Noordwaard (fictief)), maar de "
                              "bevolkingscijfers gaan over Nederland.")
    assert "forum.yml" not in S.area_caution_text(kf, "en")  # the reader's caution; `check` tells the evaluator


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


def test_without_priority_groups_no_letter_is_said_to_come_first(tmp_path):
    import nbformat
    import papermill as pm

    out = tmp_path / "10.ipynb"
    pm.execute_notebook(str(REPO / "notebooks" / "10_representativeness.ipynb"), str(out), kernel_name="python3",
                        parameters=dict(forum_dir=str(IRELAND), lang="en"), cwd=str(REPO / "notebooks"),
                        progress_bar=False, log_output=False)
    html = " ".join("".join(o["data"]["text/html"]) for c in nbformat.read(out, as_version=4).cells
                    for o in c.get("outputs", []) if "text/html" in o.get("data", {}))
    assert "The flagged groups come first, largest gap first." in html  # ierland-2016: named_groups: {}
    assert "17 March 2023" not in html and "priority groups" not in html
