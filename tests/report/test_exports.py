"""Exports beside report.html (issue 15): tables as CSV and xlsx, figures as SVG and print PNG, --docx.

One run is shared by the module: gemeente-30 (a municipal forum of 30 with small groups, where the
analysis frames hold n = 1, 1, 2, 4) with --docx. The exports must hold exactly the report's tables,
after suppression: every exported cell is compared with the cell report.html shows.
"""
from __future__ import annotations

import csv
import html
import io
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from toolkit.report.display import start_recording, stop_recording
from toolkit.report.exports import (ReportTable, csv_cell, guard_cell, parse_number, publishable_tables, tables_of,
                                    write_docx, write_tables, write_workbook)

REPO = Path(__file__).resolve().parents[2]
GEMEENTE = REPO / "surveys" / "gemeente-30"
MIN_CELL = 5  # surveys/gemeente-30/forum.yml min_cell_size


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    from toolkit.run.runner import run_forum

    return run_forum(GEMEENTE, tmp_path_factory.mktemp("gemeente") / "report", lang="nl", progress=False, docx=True)


def html_tables(page: str) -> dict[str, list[list[str]]]:
    """caption -> rows of cell texts (header first) of every table in report.html (first of a caption)."""
    out = {}
    for body in re.findall(r"<table.*?</table>", page, flags=re.S):
        cap = re.search(r"<caption>(.*?)</caption>", body, flags=re.S)
        rows = [[re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<a [^>]*>.*?</a>", "", c)))).strip()
                 for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, flags=re.S)]
                for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)]
        out.setdefault(html.unescape(cap.group(1)) if cap else "", [r for r in rows if r])
    return out


def read_csv(path: Path, sep: str) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: no BOM"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=sep))


def shown(cell: str) -> str:
    """What report.html shows for an exported cell: numbers back in the report's notation."""
    cell = cell[1:] if cell.startswith("'") else cell
    return cell


def same_number(a: str, b: str) -> bool:
    pa, pb = parse_number(a, "nl"), parse_number(b, "nl")
    return pa is not None and pb is not None and abs(pa[0] - pb[0]) < 1e-12


# ---------------------------------------------------------------- the cells (no run)

@pytest.mark.parametrize("payload", ["=1+1", "+31 6 1234", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)",
                                     "\t=1", "\r=1", "=HYPERLINK(\"http://evil\";\"x\")"])
def test_a_text_cell_that_a_spreadsheet_would_run_is_prefixed(payload):
    assert guard_cell(payload) == "'" + payload
    assert csv_cell(payload, "nl") == "'" + payload
    assert csv_cell(payload, "en") == "'" + payload


@pytest.mark.parametrize("cell, lang, written", [("-0,25", "nl", "-0,25"), ("−0,25", "nl", "-0,25"),
                                                 ("−1.234,5", "nl", "-1234,5"), ("-1,234.5", "en", "-1234.5"),
                                                 ("12%", "nl", "12%"), ("−3,5%", "nl", "-3,5%"),
                                                 (-0.25, "nl", "-0,25"), (7, "en", "7")])
def test_a_negative_number_is_a_number_not_a_guarded_text(cell, lang, written):
    assert csv_cell(cell, lang) == written


def test_plain_text_and_the_missing_mark_pass_unchanged():
    assert csv_cell("Gemeente Zuid", "nl") == "Gemeente Zuid"
    assert csv_cell("<5", "nl") == "<5"
    assert csv_cell(None, "nl") == csv_cell(float("nan"), "en") == "–"


def test_a_version_or_a_date_is_not_read_as_a_number():
    assert parse_number("2.1.3", "nl") is None and parse_number("3 maart 2025", "nl") is None
    assert parse_number("1.234", "nl") == (1234.0, 0, False) and parse_number("1.234", "en") == (1.234, 3, False)


def _table(frame, caption="T", section="data"):
    start_recording(figures=False, quiet=True)
    from toolkit.report import display

    display.heading("S", 2, section)
    display.table(frame, caption)
    return tables_of(stop_recording())[0]


def test_csv_en_uses_comma_and_point_nl_semicolon_and_comma(tmp_path):
    t = _table(pd.DataFrame({"Groep": ["a", "=b"], "Aandeel": ["−0,5", "1.234,25"]}))
    write_tables([t], tmp_path / "nl", "nl")
    assert read_csv(tmp_path / "nl" / f"{t.name}.csv", ";") == [["Groep", "Aandeel"], ["a", "-0,5"],
                                                              ["'=b", "1234,25"]]
    t = _table(pd.DataFrame({"Group": ["a"], "Share": ["−1,234.5"]}))
    write_tables([t], tmp_path / "en", "en")
    assert read_csv(tmp_path / "en" / f"{t.name}.csv", ",") == [["Group", "Share"], ["a", "-1234.5"]]
    back = pd.read_csv(tmp_path / "en" / f"{t.name}.csv", encoding="utf-8-sig")
    assert back["Share"].iloc[0] == -1234.5


def test_sheet_names_are_short_and_unique_even_for_one_caption_repeated(tmp_path):
    start_recording(figures=False, quiet=True)
    from toolkit.report import display

    for _ in range(12):
        display.table(pd.DataFrame({"a": [1]}), "Een heel lang bijschrift: [met] tekens die Excel weigert / ? *")
    tables = tables_of(stop_recording())
    sheets = [t.sheet for t in tables]
    assert all(len(s) <= 31 and not re.search(r"[\[\]:*?/\\]", s) for s in sheets)
    assert len({s.lower() for s in sheets}) == 12
    assert [t.number for t in tables] == list(range(1, 13)) and tables[0].name.startswith("01-report-een-heel-lang")
    write_workbook(tables, tmp_path / "t.xlsx", "nl", 5)
    assert len(pd.ExcelFile(tmp_path / "t.xlsx").sheet_names) == 13


def test_workbook_writes_numbers_as_numbers_and_text_guarded(tmp_path):
    from openpyxl import load_workbook

    t = _table(pd.DataFrame({"Groep": ["=cmd", "b"], "n": ["12", "<5"], "Aandeel": ["−12%", "40%"]}))
    write_workbook([t], tmp_path / "t.xlsx", "nl", 5)
    ws = load_workbook(tmp_path / "t.xlsx")[t.sheet]
    assert [c.value for c in ws[3]] == ["'=cmd", 12, -0.12] and ws["C3"].number_format == "0%"
    assert [c.value for c in ws[4]] == ["b", "<5", 0.4]
    assert ws["A3"].data_type == "s"  # text, not a formula
    d = pd.read_excel(tmp_path / "t.xlsx", sheet_name="woordenlijst")
    units = dict(zip(d["Kolom"], d["Eenheid"]))
    assert units == {"Groep": "tekst", "n": "aantal (geheel getal)", "Aandeel": "percentage (%)"}
    assert "onder 5" in d.loc[d["Kolom"] == "n", "Basis"].iloc[0]
    assert "‘n’" in d.loc[d["Kolom"] == "Aandeel", "Basis"].iloc[0]


def test_docx_has_headings_tables_and_figures_with_alt_text_in_order(tmp_path):
    import docx
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from toolkit.report import display

    start_recording(figures=True, quiet=True)
    display.heading("Sectie", 2, "data")
    display.paragraph("Een zin.")
    display.table(pd.DataFrame({"a": ["=1", "x"]}), "Tabel 1")
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    display.figure(fig, "Een lijn die stijgt van 3 naar 4.", "Figuur 1")
    blocks = stop_recording()
    assert [b.kind for b in blocks] == ["heading", "paragraph", "table", "figure"]
    assert blocks[3].svg.startswith(b"<?xml") and blocks[3].png.startswith(b"\x89PNG")
    write_docx(blocks, tmp_path / "r.docx", "Evaluatie", "SYNTHETISCH")
    d = docx.Document(str(tmp_path / "r.docx"))
    assert [p.text for p in d.paragraphs if p.style.name.startswith(("Title", "Heading"))] == ["Evaluatie", "Sectie"]
    assert [[c.text for c in r.cells] for r in d.tables[0].rows] == [["a"], ["'=1"], ["x"]]
    descr = [e.get("descr") for e in d.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert descr == ["Een lijn die stijgt van 3 naar 4."]


def test_a_figure_without_alt_text_is_refused_while_recording():
    import matplotlib.pyplot as plt

    from toolkit.report import display

    start_recording(figures=False, quiet=True)
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="alt text"):
        display.figure(fig, "  ")
    stop_recording()
    plt.close(fig)


# ---------------------------------------------------------------- a real run: gemeente-30 with --docx

def test_the_run_writes_the_exports_beside_report_html(run):
    out = run.out_dir
    for name in ("report.html", "tables.xlsx", "report.docx"):
        assert (out / name).is_file(), name
    csvs = sorted((out / "tables").glob("*.csv"))
    assert csvs and csvs[0].name.startswith("01-summary-")
    assert [int(p.name[:2]) for p in csvs] == list(range(1, len(csvs) + 1))
    svgs, pngs = sorted((out / "figures").glob("*.svg")), sorted((out / "figures").glob("*.png"))
    page = run.report.read_text(encoding="utf-8")
    assert len(svgs) == len(pngs) == page.count("<img") > 0
    from PIL import Image

    with Image.open(pngs[0]) as im:
        assert round(im.info["dpi"][0]) == 300
    assert not any(c.metadata.get("source_notebook") == "exports"
                   for nb in (out / "notebooks").glob("*.ipynb") for c in __import__("nbformat").read(nb, 4).cells)


def test_every_exported_csv_cell_is_the_cell_report_html_shows(run):
    """Same tables, same order, same captions, same cells: the exports are as disclosure-controlled
    as the report (numbers written plainly, -0,25 for −0,25, are the same number)."""
    page = run.report.read_text(encoding="utf-8")
    shown_tables = html_tables(page)
    captions_in_order = [c for c in re.findall(r"<caption>(.*?)</caption>", page, flags=re.S)]
    exported = sorted((run.out_dir / "tables").glob("*.csv"))
    assert len(exported) == len(captions_in_order)
    wb = pd.ExcelFile(run.out_dir / "tables.xlsx")
    for path, caption in zip(exported, captions_in_order):
        caption = html.unescape(caption)
        rows, html_rows = read_csv(path, ";"), shown_tables[caption]
        assert len(rows) == len(html_rows), path.name
        for r, h in zip(rows, html_rows):
            for a, b in zip(r, h):
                a = shown(a)
                assert a == b or same_number(a, b), f"{path.name}: {a!r} != {b!r}"
        sheet = next(s for s in wb.sheet_names if s.startswith(path.name[:2] + " "))
        frame = pd.read_excel(wb, sheet_name=sheet, header=None, dtype=str)
        assert frame.iloc[0, 0] == caption and len(frame) == len(html_rows) + 1


def test_no_count_below_min_cell_size_is_exported(run):
    """The composition frame holds n = 1, 1, 2, 4 on gemeente-30; no people column of an export does."""
    from toolkit import load_forum
    from toolkit.sections.representativeness import result

    raw = result.analyse(load_forum(GEMEENTE)).composition
    assert ((raw["n"] > 0) & (raw["n"] < MIN_CELL)).any()  # the raw frame has small cells: the test can fail
    # the columns that count people, as tests/report/test_report.py reads report.html
    people = re.compile(r"^(n|n\b.*|.*\(n\)|.*\bn\)|personen|respondenten|deelnemers|leden|forumleden|gestart|afgerond|"
                        r"getrokken|aantal (personen|leden|respondenten))$", re.I)
    found = []
    for path in sorted((run.out_dir / "tables").glob("*.csv")):
        frame = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        for col in [c for c in frame.columns if people.match(c)]:
            found += [f"{path.name} {col}: {v}" for v in frame[col] if re.fullmatch(r"\d+", v) and 0 < int(v) < MIN_CELL]
    assert found == []


def test_publishable_tables_are_the_exported_tables(run):
    tables = publishable_tables(GEMEENTE, "nl")
    exported = sorted((run.out_dir / "tables").glob("*.csv"))
    assert [t.name + ".csv" for t in tables] == [p.name for p in exported]
    for t, path in zip(tables, exported):
        assert isinstance(t, ReportTable)
        def stamp(rows):  # the run's time stamp differs
            return [[re.sub(r"\d{2}:\d{2} UTC", "hh:mm UTC", c) for c in r] for r in rows]
        assert stamp(read_csv(path, ";")[1:]) == stamp([[csv_cell(v, "nl") for v in row]
                                                         for row in t.frame.itertuples(index=False)])


def test_docx_opens_with_the_report_s_headings_and_tables_in_order(run):
    import docx

    d = docx.Document(str(run.out_dir / "report.docx"))
    page = run.report.read_text(encoding="utf-8")
    h2 = [" ".join(html.unescape(re.sub(r"<[^>]+>", "", h)).split())
          for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page, flags=re.S)]
    heading1 = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert heading1 == [h for h in h2 if h != "Inhoud"]
    assert len(d.tables) == len(list((run.out_dir / "tables").glob("*.csv")))
    assert len(d.inline_shapes) == page.count("<img")
    descr = [e.get("descr") for e in d.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert all(a and a.strip() for a in descr)


@pytest.mark.skipif(not (shutil.which("libreoffice") or shutil.which("soffice")), reason="LibreOffice is not installed")
def test_libreoffice_converts_the_docx_to_pdf(run, tmp_path):
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    done = subprocess.run([exe, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(run.out_dir / "report.docx")],
                          capture_output=True, text=True, timeout=300)
    pdf = tmp_path / "report.pdf"
    assert done.returncode == 0 and pdf.is_file(), done.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


def test_a_figure_rendered_in_the_second_process_is_the_one_rendered_here():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from toolkit.report import display

    def make():
        fig, ax = plt.subplots(figsize=(4, 3))
        ax.plot([1, 2, 3], [2, 1, 3], marker="o")
        ax.set_title("Voormeting → Nameting")
        return fig

    with matplotlib.rc_context({"font.size": 14, "axes.grid": True}):  # settings travel with the figure
        here = display._render(make())
        elsewhere = display._render_elsewhere(make()).result(timeout=120)
    assert elsewhere == here
    assert here[1].startswith(b"\x89PNG") and b"<svg" in here[0]
