"""The standardized report (issue 6): traceable, self-contained, accessible, private and safe.

Four runs are shared by the whole module (a run takes about 15 s): the example forum in nl and en,
and a copy of it whose names, labels and free text carry script and markup payloads, in nl and en.
"""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
import yaml

import a11y
from payloads import ALL, PAYLOADS, escaped, markup_problems, start_tags
from toolkit.report.render import PLACEHOLDER_ALT, check_alt_text, check_offline, render_html

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "surveys" / "example"
TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


# ---------------------------------------------------------------- the runs, shared by the module

def _run(forum_dir: Path, out: Path, lang: str, helper: bool | None = None):
    from toolkit.run.runner import run_forum

    res = run_forum(forum_dir, out, lang=lang, progress=False, helper=helper)
    return res, res.report.read_text(encoding="utf-8"), json.loads(res.results.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def example_nl(tmp_path_factory):
    return _run(EXAMPLE, tmp_path_factory.mktemp("example") / "nl", "nl")


@pytest.fixture(scope="module")
def example_en(tmp_path_factory):
    return _run(EXAMPLE, tmp_path_factory.mktemp("example") / "en", "en")


@pytest.fixture(params=["nl", "en"])
def example(request):
    """The example forum's run in each language."""
    return request.param, request.getfixturevalue(f"example_{request.param}")


def _poison(folder: Path) -> None:
    """Payloads into the forum's texts and labels; the data stay valid (labels only), free text on."""
    forum = yaml.safe_load((folder / "forum.yml").read_text(encoding="utf-8"))
    forum["name"] = {"nl": f"Forum {ALL}", "en": f"Forum {ALL}"}
    forum["question"] = {"nl": f"Vraag {PAYLOADS[1]} {PAYLOADS[2]}", "en": f"Question {PAYLOADS[1]} {PAYLOADS[2]}"}
    forum["mandate"] = {"nl": f"Mandaat {PAYLOADS[3]} {PAYLOADS[4]}", "en": f"Mandate {PAYLOADS[3]} {PAYLOADS[4]}"}
    forum["commissioned_by"] = [f"Ministerie {PAYLOADS[0]}"]
    forum["source"] = f"Export {PAYLOADS[2]} {PAYLOADS[5]}"
    forum["free_text"] = True
    (folder / "forum.yml").write_text(yaml.safe_dump(forum, allow_unicode=True, sort_keys=False), encoding="utf-8")
    cb = yaml.safe_load((folder / "codebook.yml").read_text(encoding="utf-8"))
    cb["items"]["CLIM1"]["label"] = {"nl": f"Klimaat {ALL}", "en": f"Climate {ALL}"}
    cb["demographics"]["gender"]["categories"] = {"man": f"man {PAYLOADS[1]}", "vrouw": f"vrouw {PAYLOADS[0]}"}
    cb["demographics"]["region"]["label"] = {"nl": f"Landsdeel {PAYLOADS[3]}", "en": f"Region {PAYLOADS[3]}"}
    (folder / "codebook.yml").write_text(yaml.safe_dump(cb, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def poisoned_forum(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("poisoned") / "forum"
    shutil.copytree(EXAMPLE, folder)
    _poison(folder)
    return folder


@pytest.fixture(scope="module")
def poisoned_nl(poisoned_forum, tmp_path_factory):
    return _run(poisoned_forum, tmp_path_factory.mktemp("poisoned-out") / "nl", "nl")


@pytest.fixture(scope="module")
def poisoned_en(poisoned_forum, tmp_path_factory):
    return _run(poisoned_forum, tmp_path_factory.mktemp("poisoned-out") / "en", "en")


@pytest.fixture(params=["nl", "en"])
def poisoned(request):
    return request.param, request.getfixturevalue(f"poisoned_{request.param}")


# ---------------------------------------------------------------- helpers

class _Tables(HTMLParser):
    """Every <table>: caption, header texts and body rows (cell texts)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self._cell, self._where = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "head": [], "rows": []})
        elif not self.tables:
            return
        elif tag == "caption":
            self._where = "caption"
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = (tag, [])

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1].append(data)
        elif self._where == "caption":
            self.tables[-1]["caption"] += data

    def handle_endtag(self, tag):
        if tag == "caption":
            self._where = None
        elif tag in ("td", "th") and self._cell is not None:
            kind, parts = self._cell
            self.tables[-1]["rows"][-1].append((kind, " ".join("".join(parts).split())))
            self._cell = None


def tables(markup: str) -> list[dict]:
    parser = _Tables()
    parser.feed(markup)
    for t in parser.tables:
        rows = [r for r in t["rows"] if r]
        t["head"] = [text for _, text in rows[0]] if rows and all(k == "th" for k, _ in rows[0]) else []
        t["rows"] = rows[1:] if t["head"] else rows
    return parser.tables


#: Column headers that count people (the forum's minimum cell size applies to them).
PEOPLE = re.compile(r"^(n|n\b.*|.*\(n\)|.*\bn\)|personen|respondenten|deelnemers|leden|people|persons|respondents|"
                    r"participants|members|aantal (personen|leden|respondenten)|number of (people|members|respondents))$", re.I)


def small_people_counts(markup: str, min_cell: int) -> list[str]:
    """Cells holding a whole number from 1 to min_cell - 1 in a column that counts people."""
    found = []
    for t in tables(markup):
        cols = [i for i, h in enumerate(t["head"]) if PEOPLE.match(h)]
        for row in t["rows"]:
            for i in cols:
                if i < len(row) and re.fullmatch(r"\d+", row[i][1]) and 0 < int(row[i][1]) < min_cell:
                    found.append(f"{t['caption']!r}, column {t['head'][i]!r}: {row[i][1]}")
    return found


def ids_and_links(markup: str) -> tuple[set[str], list[str]]:
    ids, toc_links, in_toc = set(), [], False
    for tag, attrs, _ in start_tags(markup):
        a = dict(attrs)
        if a.get("id"):
            ids.add(a["id"])
        if tag == "nav" and "toc" in (a.get("class") or ""):
            in_toc = True
        elif tag == "a" and in_toc and (a.get("href") or "").startswith("#"):
            toc_links.append(a["href"][1:])
        elif tag in ("h2", "main") and in_toc and a.get("id") != "toc":
            in_toc = False
    return ids, toc_links


# ---------------------------------------------------------------- the alt-text guard (no run needed)

def _nb(*outputs, section="attitudes", notebook="20_attitudes.ipynb", cell=7):
    nb = nbformat.v4.new_notebook()
    c = nbformat.v4.new_code_cell("x = 1", outputs=list(outputs))
    c.metadata.update(section=section, source_notebook=notebook, source_cell=cell)
    nb.cells.append(c)
    return nb


def _html(markup: str):
    return nbformat.v4.new_output("display_data", data={"text/html": markup, "text/plain": "<HTML>"})


def test_render_accepts_a_figure_with_a_real_alt_text():
    from toolkit.report.display import figure_html
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    page = render_html(_nb(_html(figure_html(fig, "Bar chart: b is twice a"))), "en", "T")
    assert 'alt="Bar chart: b is twice a"' in page and check_alt_text(page) == []


def test_render_refuses_a_bare_image_output_naming_section_notebook_and_cell():
    bare = nbformat.v4.new_output("display_data", data={"image/png": TINY_PNG, "text/plain": "<Figure>"})
    with pytest.raises(RuntimeError, match=r"section 'attitudes' \(notebook 20_attitudes\.ipynb, cell 7\).*without alt text"):
        render_html(_nb(bare), "nl", "T")


@pytest.mark.parametrize("img, why", [
    (f'<img src="data:image/png;base64,{TINY_PNG}">', "no alt attribute"),
    (f'<img src="data:image/png;base64,{TINY_PNG}" alt="  ">', "an empty alt text"),
    (f'<img src="data:image/png;base64,{TINY_PNG}" alt="{PLACEHOLDER_ALT}">', "nbconvert's placeholder alt text"),
    (f'<img src="data:image/png;base64,{TINY_PNG}" alt="figure">', "non-descriptive"),
])
def test_render_refuses_an_html_image_without_a_real_alt_text(img, why):
    with pytest.raises(RuntimeError, match=rf"section 'follow_up' \(notebook 30_follow_up\.ipynb, cell 3\).*{re.escape(why)}"):
        render_html(_nb(_html(f"<figure>{img}</figure>"), section="follow_up", notebook="30_follow_up.ipynb", cell=3), "en", "T")


def test_render_refuses_an_image_without_alt_outside_the_cells_naming_its_section():
    """An <img> in trusted markup (not a cell): nbconvert puts in its placeholder; the page check names the section."""
    nb = _nb(_html('<h2 id="data">Data and provenance</h2><p>text</p>'), section="data", notebook="90_data.ipynb", cell=2)
    with pytest.raises(RuntimeError, match=r"section 'Data and provenance \(data\)': an image with nbconvert's placeholder"):
        render_html(nb, "en", "T", postamble=f'<img src="data:image/png;base64,{TINY_PNG}">')


def test_render_fails_when_nbconvert_logs_missing_alt_text(monkeypatch):
    """The exporter's own warning is captured: even if the page check missed it, the render fails."""
    import toolkit.report.render as render

    monkeypatch.setattr(render, "check_alt_text", lambda markup: [])
    with pytest.raises(RuntimeError, match=r"page 'T': nbconvert: Alternative text is missing on 1 image"):
        render.render_html(_nb(_html("<p>x</p>")), "en", "T", preamble=f'<img src="data:image/png;base64,{TINY_PNG}">')


# ---------------------------------------------------------------- the example forum, end to end

def test_results_json_validates_with_an_independent_validator(example):
    import jsonschema

    from toolkit.report.results import SCHEMA_PATH

    _, (_, _, results) = example
    jsonschema.validate(results, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_results_json_validates_and_records_provenance(example):
    from toolkit.report.results import validate_results

    lang, (res, page, results) = example
    validate_results(results)
    assert results["provenance"]["parameters"]["lang"] == lang
    inputs = {i["file"]: i for i in results["provenance"]["inputs"]}
    assert inputs["forum.yml"]["rows"] is None and inputs["codebook.yml"]["role"] == "codebook"
    acc = {a["file"]: a["records_in"] for a in results["exclusions"]["accounting"]}
    assert {f: inputs[f]["rows"] for f in acc} == acc  # one export per wave: rows = records read
    assert inputs["members.csv"]["rows"] == 187 and inputs["public_input.csv"]["rows"] == 3000
    assert all(re.fullmatch(r"[0-9a-f]{64}", i["sha256"]) for i in inputs.values())
    bench = results["provenance"]["benchmark"]
    assert bench["shipped"] == "default:nl" and bench["file"] in inputs
    by_var = {v["variable"]: v for v in bench["variables"]}
    assert set(by_var) == {"gender", "age_group", "education", "migration_background", "region"}
    assert by_var["age_group"]["sources"] == ["37296ned"] and by_var["age_group"]["years"] == [2019]
    assert by_var["education"]["age_ranges"] == ["15-75"]


def test_data_section_shows_rows_sha_and_benchmark_sources(example):
    from toolkit.sections.data import sha_groups

    lang, (res, page, results) = example
    data = (res.out_dir / "sections" / "data.html").read_text(encoding="utf-8")
    for item in results["provenance"]["inputs"]:
        assert sha_groups(item["sha256"]) in data
    for v in results["provenance"]["benchmark"]["variables"]:
        assert all(s in data for s in v["sources"]) and all(str(y) in data for y in v["years"])
    assert {"nl": "Herkomst van de bevolkingscijfers", "en": "Source of the population figures"}[lang] in data
    assert {"nl": "Uitgesloten records en antwoorden", "en": "Excluded records and answers"}[lang] in data


def test_report_is_self_contained_with_language_and_contents(example):
    from toolkit.run.runner import NOTEBOOKS_DIR, _sections

    lang, (res, page, results) = example
    assert check_offline(page) == []
    assert "<script" not in page.lower()
    assert re.search(rf'<html[^>]*\blang="{lang}"', page)
    ids, toc = ids_and_links(page)
    sections = [s[0] for s in _sections(NOTEBOOKS_DIR)]
    assert toc == sections, "the table of contents links to every section, in report order"
    assert set(sections) <= ids, "every section has its anchor"
    for sid in sections:
        part = res.out_dir / "sections" / f"{sid}.html"
        assert part.is_file()
        body = part.read_text(encoding="utf-8")
        assert check_offline(body) == [] and f'lang="{lang}"' in body


def test_every_figure_has_a_real_alt_text(example):
    lang, (res, page, results) = example
    assert PLACEHOLDER_ALT not in page
    assert check_alt_text(page) == []
    assert page.count("<img") >= 5  # the attitudes and follow-up figures are there


def test_no_published_count_of_people_below_the_minimum_cell_size(example):
    """Pragmatic: whole numbers 1..min-1 in table columns that count people (n, persons...).
    The exclusion ledger's counts of excluded records are not counts of people with a trait."""
    lang, (res, page, results) = example
    assert small_people_counts(page, results["forum"]["min_cell_size"]) == []


def test_small_people_count_check_finds_a_small_n():
    bad = ('<table><caption>Forum members per subgroup</caption><thead><tr><th>Group</th><th>n</th></tr></thead>'
           '<tbody><tr><td>a</td><td>3</td></tr><tr><td>b</td><td>&lt;5</td></tr></tbody></table>')
    assert small_people_counts(bad, 5) == ["'Forum members per subgroup', column 'n': 3"]


def test_scorecard_numbers_come_from_results_json(example):
    from toolkit.report.pipeline import scorecard_lines
    from toolkit.sections.summary import scorecard_rows

    lang, (res, page, results) = example
    rows = scorecard_rows(results, lang, scorecard_lines())
    assert len(rows) >= 5
    for topic, finding, anchor in rows:
        assert escaped(finding) in page, finding
        assert escaped(topic) in page
        if anchor:
            assert f'href="#{anchor}"' in page


def test_no_free_text_unless_the_forum_asks(example_nl, poisoned_nl, poisoned_forum):
    from toolkit.forum.load import load_forum
    from toolkit.sections.attitudes.sentences import comment_excerpts

    _, page, results = example_nl
    assert results["forum"]["free_text"] is False
    texts = {t for t in load_forum(EXAMPLE).texts["text"].dropna() if len(t) >= 25}
    assert texts and not [t for t in texts if escaped(t) in page]
    assert 'id="attitudes-comments"' not in page
    # the same answers, with free_text: true, do appear: escaped
    _, shown, results = poisoned_nl
    assert results["forum"]["free_text"] is True and 'id="attitudes-comments"' in shown
    excerpts = [e for _, _, picked in comment_excerpts(load_forum(poisoned_forum)) for e in picked]
    assert excerpts and all(escaped(e) in shown for e in excerpts)


@pytest.mark.skipif(a11y.MISSING is not None, reason=str(a11y.MISSING))
def test_no_wcag_aa_violations_in_chromium(example):
    lang, (res, page, results) = example
    violations = a11y.axe_violations(res.report)
    assert [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"]) for v in violations] == []


# ---------------------------------------------------------------- payloads: text, never markup

def test_payloads_reach_the_report_as_text(poisoned):
    lang, (res, page, results) = poisoned
    pages = {"report.html": page} | {p.name: p.read_text(encoding="utf-8") for p in (res.out_dir / "sections").glob("*.html")}
    for name, body in pages.items():
        assert "<script" not in body.lower(), name
        assert markup_problems(body) == [], name
        assert check_offline(body) == [], name
    assert escaped(f"Forum {ALL}") in page  # the title, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert escaped('<a href="javascript:alert(1)">x</a>') in page
    assert "{{7*7}}" in page  # not evaluated by the template
    label = {"nl": f"Klimaat {ALL}", "en": f"Climate {ALL}"}[lang]
    assert escaped(label)[:60] in page  # the item label (tables may shorten it)
    assert escaped({"nl": "Mandaat ", "en": "Mandate "}[lang] + PAYLOADS[3]) in page
    assert escaped(f"Export {PAYLOADS[2]} {PAYLOADS[5]}") in page  # forum.yml source, in the data section


def test_example_rerun_gives_identical_results_and_html_but_for_the_stamp(example_nl, tmp_path):
    """Determinism on the forum with seeded random procedures (Monte Carlo goodness of fit, raking);
    also: the attitudes analysis from the helper process (toolkit.run.prefetch, on by default with two
    cores) gives the same report as the kernel's own computation (helper=False)."""
    import re

    _, html_a, res_a = example_nl
    _, html_b, res_b = _run(EXAMPLE, tmp_path / "again", "nl", helper=False)
    for r in (res_a, res_b):
        r["provenance"].pop("run_started")
    assert res_a == res_b
    stamp = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00|\d{1,2} \w+ \d{4}, \d\d:\d\d UTC")
    assert stamp.sub("STAMP", html_a) == stamp.sub("STAMP", html_b)
