"""The follow-up section glue (toolkit.sections.follow_up.result) and its notebook (notebooks/30_follow_up).

Numbers checked against the synthetic register of surveys/example, worked out by hand from its CSVs:
handover 15 May 2025, promise 90 days -> due 13 August 2025, as_of 14 November 2025.
- Responses on 31 July 2025 (R03, R08): 16 (rest of May) + 30 + 31 = 77 days -> on time.
- Responses on 15 September 2025 (11 others): 77 + 15 (rest of July) + 31 = 123 days -> 33 days late.
- No response (R06, R10, R16): waiting 14 Nov - 15 May = 16 + 30 + 31 + 31 + 30 + 31 + 14 = 183 days.
- adopted: R02 R03 R08 R11 R13 (5); in part: R01 R05 R09 R14 (4); under consideration: R04 R15 (2);
  rejected: R07 R12 (2); none: 3. Response rate 13/16; adoption strict 5/16, partial 7/16, any 9/16.
- Sessions: 8 x 6.5 + 2 x 2.5 = 57 hours; public input: 3,000 rows.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import jupytext
import nbformat
import pandas as pd
import pytest

from conftest import MINI_CODEBOOK, REPO, mini_waves, write_forum
from toolkit.report import display
from toolkit.forum.load import load_forum
from toolkit.sections.follow_up import charts as charts
from toolkit.sections.follow_up import tables as tables
from toolkit.sections.follow_up import result as section
from toolkit.sections.links import follow_up_links

EXAMPLE = REPO / "surveys" / "example"
NOTEBOOKS = REPO / "notebooks"


@pytest.fixture(scope="module")
def example():
    return load_forum(EXAMPLE)


@pytest.fixture(scope="module")
def res(example):
    return section.analyse(example, follow_up_links(example))


# ------------------------------------------------------------------------------ analyse/figures
def test_example_latency_and_responses(res):
    lat = res.key_figures["latency"]
    assert (lat["n"], lat["n_responded"], lat["n_on_time"], lat["n_late"], lat["n_waiting"]) == (16, 13, 2, 11, 3)
    assert lat["days_waiting"] == 183 and lat["median_days_to_response"] == 123 and lat["n_waiting_overdue"] == 3
    assert lat["share_responded_on_time"] == pytest.approx(2 / 16)
    r = res.register.set_index("id")
    assert r.loc[["R03", "R08"], "days_to_response"].tolist() == [77, 77]
    assert not r.loc["R03", "late"] and r.loc["R01", "late"] and r.loc["R01", "days_overdue"] == 33
    assert sorted(r.index[r["waiting"]]) == ["R06", "R10", "R16"]
    assert res.key_figures["response_due_date"] == "2025-08-13"


def test_example_rates(res):
    o = res.key_figures["rates"]["overall"]
    assert (o["n_adopted"], o["n_adopted_in_part"], o["n_under_consideration"], o["n_rejected"], o["n_no_response"]) == (5, 4, 2, 2, 3)
    assert o["response_rate"] == pytest.approx(13 / 16)
    assert (o["adoption_rate_strict"], o["adoption_rate_partial"], o["adoption_rate_any"]) == pytest.approx((5 / 16, 7 / 16, 9 / 16))
    theme = res.rates_by_theme.set_index("theme")
    assert theme["n"].to_dict() == {"energie": 4, "mobiliteit": 4, "voedsel": 4, "wonen": 4}
    assert theme.loc["energie", "response_rate"] == 1.0  # R01-R04 all answered
    addr = res.rates_by_addressee.set_index("addressed_to")
    assert addr.loc["kabinet", "n"] == 7 and addr.loc["kabinet", "n_responded"] == 5  # R06, R10 wait
    assert addr.loc["Tweede Kamer", "response_rate"] == 0.0
    assert res.rates_overall["n"].iloc[0] == 16


def test_example_status_commitments_preconditions(res):
    kf = res.key_figures
    assert kf["implementation"]["counts"]["not_started"] == 2 and kf["implementation"]["counts"]["in_preparation"] == 1
    assert kf["implementation"]["counts"]["no_information"] == 13 and kf["implementation"]["n_updates"] == 3
    assert res.timeline["date"].max() == pd.Timestamp("2025-11-14")
    assert res.timeline["date"].min() == pd.Timestamp("2025-05-15")
    com = {c["id"]: c for c in kf["commitments"]}
    assert com["C1"]["status"] == "not_met" and com["C1"]["detail"] == "2/16"
    assert com["C2"]["status"] == "met" and com["C2"]["fulfilled_date"] == "2025-10-29"
    assert com["C3"]["status"] == "pending"
    pre = kf["preconditions"]
    assert pre["counts"] == {"met": 4, "partly_met": 6, "not_met": 0, "unknown": 1}
    items = {i["id"]: i for i in pre["items"]}
    assert len(items) == 11
    assert items["political_embedding"]["evidence_count"] == 2 and items["roles_expectations"]["evidence_count"] == 0
    # the scorecard frame shows the same indicator values as results.json
    sc = res.scorecard.set_index("precondition_id")
    for pid, item in items.items():
        v = sc.loc[pid, "indicator_value"]
        assert (item["indicator_value"] is None and pd.isna(v)) or item["indicator_value"] == pytest.approx(v)
    assert set(res.mapping["framework"]) == {"oecd", "knoca_area", "knoca_type"}


def test_example_own_data_links(example, res):
    links = res.key_figures["data_links"]
    assert links["public_input_count"] == len(pd.read_csv(EXAMPLE / "public_input.csv")) == 3000
    assert links["session_hours"] == pytest.approx(57.0)
    # members_rating_information_good: members' mean of the information items (PROC3, PROC4) at t1 within 4-5
    r = example.responses
    info = [i for i, s in example.codebook["items"].items() if "inform" in str(s.get("criterion", ""))]
    assert info == ["PROC3", "PROC4"]
    sub = r[(r["group"] == "member") & r["item"].isin(info) & r["value"].notna() & (r["wave"] == "t1")]
    score = sub.groupby("respondent_id")["value"].mean()
    assert links["members_rating_information_good"] == pytest.approx(score.between(4, 5).mean())
    # the composition gaps come from the representativeness section (toolkit.sections.links)
    from toolkit.sections.representativeness import result as rep

    rep_links = rep.data_links(rep.figures(example))
    assert links["composition_max_gap"] == pytest.approx(rep_links["composition_max_gap"])
    items = {i["id"]: i for i in res.key_figures["preconditions"]["items"]}
    assert items["time_support"]["indicator_value"] == pytest.approx(57.0)
    assert items["public_link"]["indicator_value"] == 3000
    assert items["cross_section"]["indicator_value"] == pytest.approx(rep_links["composition_max_gap"])


def test_figures_are_plain_json_and_cached(example, res):
    assert section.analyse(example, follow_up_links(example)) is res
    kf = section.figures(example, follow_up_links(example))
    assert kf is res.key_figures
    json.dumps(kf, allow_nan=False)
    rec = {r["id"]: r for r in kf["recommendations"]}
    assert rec["R04"]["status"] == "in_preparation" and rec["R04"]["status_date"] == "2025-11-06"
    assert rec["R06"]["response_date"] is None and rec["R01"]["response_date"] == "2025-09-15"


def test_links_are_shown_beside_the_assessments(example, res):
    kf = section.figures(example, {"composition_max_gap": 0.12, "priority_groups_max_gap": 0.07})
    items = {i["id"]: i for i in kf["preconditions"]["items"]}
    assert items["cross_section"]["indicator_value"] == pytest.approx(0.12)
    assert items["inclusion_effort"]["indicator_value"] == pytest.approx(0.07)
    assert kf["data_links"]["composition_max_gap"] == 0.12 and kf["data_links"]["session_hours"] == 57.0
    # the cached result is untouched
    cached = {i["id"]: i for i in res.key_figures["preconditions"]["items"]}["cross_section"]["indicator_value"]
    assert cached != pytest.approx(0.12)
    assert section.figures(example, follow_up_links(example)) is res.key_figures
    # without links from other sections the scorecard shows no figure where only they give one
    alone = {i["id"]: i for i in section.figures(example)["preconditions"]["items"]}
    assert alone["cross_section"]["indicator_value"] is None


def test_no_register_gives_none():
    a1r = load_forum(REPO / "surveys" / "a1r")
    assert section.analyse(a1r) is None and section.figures(a1r) is None
    assert section.figures(a1r, {"composition_max_gap": 0.1}) is None


def test_register_without_responses_or_optional_files(tmp_path):
    """A register alone (no commitments, assessment, sessions, no promise): nothing answered yet."""
    reg = ("id;title;theme;addressed_to;response\nR1;Een;a;kabinet;geen reactie\nR2;Twee;b;kabinet;nog geen reactie\n")
    forum = {"name": "Mini", "language": "nl", "surveys": {"layout": "per_wave", "files": {"t0": "t0.csv", "t1": "t1.csv"}},
             "inputs": {"recommendations": "recommendations.csv"},
             "follow_up": {"handover_date": "2025-01-15", "as_of": "2025-03-01"}}
    folder = write_forum(tmp_path / "mini", forum, MINI_CODEBOOK, {**mini_waves(), "recommendations.csv": reg})
    f = load_forum(folder)
    res = section.analyse(f)
    kf = res.key_figures
    assert kf["latency"]["n_responded"] == 0 and kf["latency"]["days_waiting"] == 45  # 16 + 28 + 1
    assert kf["promised_response_days"] is None and res.commitments is None
    assert kf["preconditions"]["counts"]["unknown"] == 11
    assert "members_rating_information_good" not in kf["data_links"]
    lines = dict(section.scorecard_lines(kf, "nl"))
    assert "geen termijn" in lines["Reactie op tijd"]
    assert lines["Formele reactie"].startswith("0 van de 2")
    assert tables.commitments_table(res, "nl") is None and tables.parliament_table(res, "nl") is None
    assert len(tables.overview_table(res, "en")) == 2 and len(tables.implementation_table(res, "en")) == 1
    fig, alt = charts.status_figure(res, "nl")
    assert "2 aanbevelingen" in alt


# ------------------------------------------------------------------------------ scorecard lines
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_scorecard_lines_are_plain_strings(res, lang):
    lines = section.scorecard_lines(res.key_figures, lang)
    assert len(lines) == 5
    assert all(isinstance(t, str) and isinstance(f, str) and t and f for t, f in lines)
    text = " ".join(f for _, f in lines)
    assert "13" in text and "16" in text and "183" in text and "81%" in text
    assert ("14 november 2025" if lang == "nl" else "14 November 2025") in text


def test_scorecard_lines_use_only_the_key_figures(res):
    kf = json.loads(json.dumps(res.key_figures))  # as read back from results.json
    kf["latency"]["n_waiting"] = 0
    kf["promised_response_days"] = None
    lines = dict(section.scorecard_lines(kf, "en"))
    assert lines["Still waiting"].startswith("None")
    assert lines["Response on time"] == "No term for the response was agreed."
    assert section.scorecard_lines({"n_recommendations": 0}, "en") == [("Formal response", "The register holds no recommendations.")]


def test_tables_keep_user_text_as_plain_text(res):
    texts = tables.texts_table(res, "nl")
    cell = texts.loc[texts["Nr."] == "R04", "Aanbeveling"].iloc[0]
    assert "<script>" in cell  # plain text here; display escapes it
    markup = display.html_table(texts, "caption")
    assert "&lt;script&gt;" in markup and "<script" not in markup
    mapping = tables.mapping_table(res, "en")
    assert mapping.iloc[0, 0] == "OECD criterion" and len(mapping) == 9


# ------------------------------------------------------------------------------ notebook
def _html_outputs(nb) -> list[str]:
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if "data" in o and "text/html" in o["data"]:
                html = o["data"]["text/html"]
                out.append("".join(html) if isinstance(html, list) else html)
    return out


def test_notebook_pair_in_sync_and_without_outputs():
    ipynb = nbformat.read(NOTEBOOKS / "30_follow_up.ipynb", as_version=4)
    py = jupytext.read(NOTEBOOKS / "30_follow_up.py")
    assert [c.source for c in ipynb.cells] == [c.source for c in py.cells]
    assert all(not c.get("outputs") for c in ipynb.cells if c.cell_type == "code")
    assert any("parameters" in c.metadata.get("tags", []) for c in ipynb.cells)


def _run(tmp_path, forum_dir: Path, lang: str):
    import papermill as pm

    out = tmp_path / f"30_{forum_dir.name}_{lang}.ipynb"
    pm.execute_notebook(str(NOTEBOOKS / "30_follow_up.ipynb"), str(out), kernel_name="python3",
                        parameters=dict(forum_dir=str(forum_dir.resolve()), lang=lang), cwd=str(NOTEBOOKS),
                        progress_bar=False, log_output=False)
    return nbformat.read(out, as_version=4)


PLACEHOLDER_ALTS = {"", "figure", "image", "plot", "chart", "alt", "grafiek", "afbeelding", "none"}


def test_notebook_end_to_end_example(tmp_path):
    nb = _run(tmp_path, EXAMPLE, "nl")
    kinds = {o["output_type"] for c in nb.cells for o in c.get("outputs", [])}
    assert kinds == {"display_data"}  # no errors, no bare expressions, no prints
    html = "\n".join(_html_outputs(nb))
    assert '<h2 id="follow_up">Politieke opvolging</h2>' in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script" not in html.lower()
    assert not re.search(r"<[^>]*onerror\s*=", html, re.I)
    imgs = re.findall(r"<img\b[^>]*>", html)
    assert len(imgs) == 2
    for img in imgs:
        alt = re.search(r'\balt="([^"]*)"', img)
        assert alt and alt.group(1).strip().lower() not in PLACEHOLDER_ALTS and len(alt.group(1)) > 40
    for h3 in ("Wat er beloofd is en wat er gebeurde", "Randvoorwaarden uit de Kamerbrief van 17 maart 2023",
               "OESO-criteria en KNOCA-impact", "De aanbevelingen"):
        assert h3 in html
    assert "Aantal uren in sessies: 57 uur" in html and "13 augustus 2025" in html


def test_notebook_without_register_says_so(tmp_path):
    nb = _run(tmp_path, REPO / "surveys" / "a1r", "en")
    html = _html_outputs(nb)
    assert len(html) == 2 and 'id="follow_up"' in html[0]
    assert "supplied no recommendations register" in html[1]


def test_irish_assembly_follow_up_from_published_figures_only():
    from pathlib import Path

    from toolkit.forum.load import load_forum
    from toolkit.sections.follow_up.result import analyse, scorecard_lines

    forum = load_forum(Path(__file__).resolve().parents[3] / "surveys" / "ierland-2016")
    res = analyse(forum)
    kf = res.key_figures
    # five topic reports laid on four dates (29 Jun 2017, Dec 2017, 18 Apr 2018, 21 Jun 2018: S_DOCSLIB_IE1,
    # S_POLREFORM_2018, S_CA_CLIMATE_PR, S_CA_FINAL_PR); no source states the government's response per topic
    assert (kf["n_recommendations"], kf["n_handover_dates"], kf["latency"]["n_unknown"]) == (5, 4, 5)
    assert kf["rates"]["overall"]["response_rate"] is None          # never 0% of an unknown
    assert kf["preconditions"] is None and res.scorecard.empty     # the Dutch 2023 letter does not apply
    assert kf["as_of_source"] == "latest_entry" and kf["as_of"] == "2019-06-17"   # Climate Action Plan (S_TRANSMON)
    # S_WIKI_IE_CA: government responses on 3 of 5 topics by April 2019; nothing on implementation (NOT_FOUND)
    (tally,) = kf["tally"]
    assert (tally["n"], tally["responded"], tally["share_responded"], tally["implemented"]) == (5, 3, 0.6, None)
    kinds = [e["kind"] for e in kf["parliament"]["events"]]
    assert kinds.count("referendum") == 1 and kinds.count("bill") == 1
    # S_REFIE: yes 1,429,981 and no 723,632 -> 66.4% of valid votes
    assert round(1429981 / (1429981 + 723632), 3) == 0.664
    lines = dict(scorecard_lines(kf, "en"))
    assert "Preconditions (2023 letter)" not in lines and lines["Response on time"] == "No term for the response was agreed."
    assert "17 June 2019" in lines["As of"]


# ------------------------------------------------------------------------------ a register without support, no as_of
def _register_forum(tmp_path, support: bool):
    """A forum of registers only (docs/walkthrough.md): five recommendations, two implementation entries, no as_of."""
    reg = pd.DataFrame({"id": ["A1", "A2", "A3"], "title": ["Groen", "Schoolstraten", "Wijkbudget"],
                        "theme": ["groen", "verkeer", "welzijn"], "addressed_to": ["college"] * 3,
                        "response": ["overgenomen", "deels overgenomen", "geen reactie"],
                        "response_date": ["12-7-2025", "12-7-2025", ""], "response_source": ["Brief", "Brief", ""]})
    if support:
        reg["support"] = ["80%", "60%", "90%"]
    impl = pd.DataFrame({"recommendation_id": ["A1", "A1"], "date": ["2025-08-01", "2025-10-15"],
                         "status": ["in voorbereiding", "in uitvoering"]})
    forum = {"name": "Register", "inputs": {"recommendations": "aanbevelingen.csv", "implementation": "uitvoering.csv"},
             "follow_up": {"handover_date": "2025-06-14", "promised_response_days": 60}}
    return load_forum(write_forum(tmp_path / f"f{support}", forum, {}, {"aanbevelingen.csv": reg, "uitvoering.csv": impl}))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_adoption_line_has_no_weighted_part_without_support(tmp_path, lang):
    forum = _register_forum(tmp_path, support=False)
    res = section.analyse(forum, follow_up_links(forum))
    assert res.key_figures["rates"]["overall"]["weighted_adoption_rate_partial"] is None
    lines = dict(section.scorecard_lines(res.key_figures, lang))
    adopted = lines["Overgenomen" if lang == "nl" else "Adopted"]
    # 1 adopted + 0.5 in part of 3 = 50%
    assert adopted.startswith("1 ") and "50%" in adopted and "gewogen" not in adopted and "weighted" not in adopted
    assert all("gewogen" not in c.lower() and "weighted" not in c.lower()
               for c in tables.rates_table(res.rates_overall, lang).columns)


def test_adoption_line_keeps_weighted_part_with_support(tmp_path):
    forum = _register_forum(tmp_path, support=True)
    res = section.analyse(forum, follow_up_links(forum))
    # (0.8*1 + 0.6*0.5 + 0.9*0) / (0.8 + 0.6 + 0.9) = 1.1 / 2.3 = 47.8%
    assert res.key_figures["rates"]["overall"]["weighted_adoption_rate_partial"] == pytest.approx(1.1 / 2.3)
    assert "(48% weighted by the forum's support)" in dict(section.scorecard_lines(res.key_figures, "en"))["Adopted"]


def test_without_as_of_the_latest_implementation_date_is_the_as_of(tmp_path):
    """Implementation dates hold no month-only dates (no precision column): the latest one is still found."""
    forum = _register_forum(tmp_path, support=False)
    res = section.analyse(forum, follow_up_links(forum))
    assert res.as_of == pd.Timestamp("2025-10-15") and res.as_of_source == "latest_entry"
