"""Exports beside report.html: the report's tables as CSV and as one workbook, its figures as SVG and
print PNG, and the report as a Word document.

Everything here is made from the record :mod:`toolkit.report.display` keeps of what the report shows
(:class:`toolkit.report.display.Block`), so an export holds exactly the report's tables, after
disclosure control, in the report's order and with its captions: never a raw frame. Outside a run,
:func:`publishable_tables` makes that record by running the section notebooks' code in this process.

Every text cell written to CSV, XLSX or DOCX is guarded against formula injection (:func:`guard_cell`);
numbers are written as numbers.
"""
from __future__ import annotations

import io
import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from toolkit.forum.config import text as lang_text
from toolkit.forum.settings import min_cell_size
from toolkit.i18n import CSV_FORMAT, MISSING, fmt_pp, tr
from toolkit.report.display import Block, start_recording, stop_recording, stop_rendering
from toolkit.sections import RUN_ORDER, SECTIONS, section

__all__ = ["ReportTable", "publishable_tables", "report_blocks", "order_blocks", "tables_of", "guard_cell",
           "parse_number", "csv_cell", "write_tables", "write_workbook", "write_figures", "write_docx",
           "write_exports", "export_cells", "notebooks_dir", "TABLES_DIR", "WORKBOOK", "FIGURES_DIR", "DOCX"]

TABLES_DIR, WORKBOOK, FIGURES_DIR, DOCX = "tables", "tables.xlsx", "figures", "report.docx"

#: A text cell starting with one of these is read as a formula by a spreadsheet (OWASP: CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, eq=False)
class ReportTable:
    """One table of the report, as shown (cells as displayed, after suppression).

    Attributes
    ----------
    number : int
        Its place among the report's tables (1-based, report order).
    section : str
        The section's id.
    title : str
        Its caption in the report.
    frame : pandas.DataFrame
        The table as shown.
    name : str
        The file stem of its CSV: number, section and title, slugified.
    sheet : str
        Its sheet in tables.xlsx (at most 31 characters, unique).
    """

    number: int
    section: str
    title: str
    frame: pd.DataFrame
    name: str
    sheet: str


def notebooks_dir() -> Path:
    """The section notebooks: ``$FORUM_EVAL_NOTEBOOKS``, else the copy a wheel ships, else ``notebooks/``."""
    if os.environ.get("FORUM_EVAL_NOTEBOOKS"):
        return Path(os.environ["FORUM_EVAL_NOTEBOOKS"])
    packaged = Path(__file__).resolve().parent / "notebooks"
    if (packaged / "00_summary.ipynb").is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "notebooks"


def order_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks in report order: sections as the registry orders them, each in the order shown.

    The run executes the sections in :data:`toolkit.sections.RUN_ORDER` (the summary last); the report
    shows them in the registry's order (the summary first).
    """
    rank = {s.id: i for i, s in enumerate(SECTIONS)}
    return sorted(blocks, key=lambda b: rank.get(b.section, -1))


def report_blocks(forum, lang: str | None = None, figures: bool = False) -> list[Block]:
    """Everything the report of `forum` shows, by running the section notebooks' code in this process.

    Parameters
    ----------
    forum : Forum or str or Path
        A loaded forum (:func:`toolkit.load_forum`) or its folder.
    lang : {"nl", "en"}, optional
        Default the forum's language.
    figures : bool
        Also render each figure as SVG and print PNG (slower).

    Returns
    -------
    list of Block
        In report order.
    """
    folder = Path(getattr(forum, "folder", forum)).resolve()
    nb_dir = notebooks_dir()
    namespace: dict = {"__name__": "forum_eval_exports"}
    start_recording(figures=figures, quiet=True)
    try:
        for sid in RUN_ORDER:
            path = nb_dir / section(sid).notebook
            if not path.is_file():
                continue
            for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
                if cell["cell_type"] != "code":
                    continue
                source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                exec(compile(source, str(path), "exec"), namespace)  # noqa: S102 - the toolkit's own notebooks
                if "parameters" in cell.get("metadata", {}).get("tags", []):
                    namespace.update(forum_dir=str(folder), out_dir="", lang=lang or "", run_started="")
    finally:
        blocks = stop_recording()
    return order_blocks(blocks)


def _slug(text: str, width: int) -> str:
    """ASCII, lower case, words joined by '-', cut at a word boundary within `width`.

    Examples
    --------
    >>> _slug("Samenstelling: forum × bevolking (één)", 30)
    'samenstelling-forum-bevolking'
    """
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > width:
        slug = slug[:width].rsplit("-", 1)[0] if "-" in slug[:width] else slug[:width]
    return slug or "table"


def tables_of(blocks: list[Block]) -> list[ReportTable]:
    """The table blocks as numbered :class:`ReportTable` with file and sheet names (report order)."""
    out, sheets = [], set()
    for n, b in enumerate((b for b in blocks if b.kind == "table"), 1):
        sid = b.section or "report"
        sheet = re.sub(r"\s+", " ", re.sub(r"[\[\]:*?/\\']", " ", f"{n:02d} {b.text}"))[:31].strip()
        while sheet.lower() in sheets:  # unique even if a caption repeats (the number makes it so)
            sheet = sheet[:-1] + "_"
        sheets.add(sheet.lower())
        out.append(ReportTable(number=n, section=sid, title=b.text, frame=b.frame,
                               name=f"{n:02d}-{sid.replace('_', '-')}-{_slug(b.text, 60)}", sheet=sheet))
    return out


def publishable_tables(forum, lang: str | None = None) -> list[ReportTable]:
    """The report's tables, and only those: disclosure-controlled, as the report shows them.

    Use these, not the analysis frames (``analyse(forum)``), to publish or pass on figures: those are
    unsuppressed (small groups included); these are what report.html shows, after suppression.

    Parameters
    ----------
    forum : Forum or str or Path
        A loaded forum or its folder.
    lang : {"nl", "en"}, optional
        Default the forum's language.

    Returns
    -------
    list of ReportTable
        In report order, each with its caption, section and the names its exports get.

    Examples
    --------
    >>> tables = publishable_tables("surveys/gemeente-30", "en")  # doctest: +SKIP
    >>> tables[0].title, list(tables[0].frame.columns)  # doctest: +SKIP
    ('Scorecard: the core of this evaluation', ['Topic', 'Finding'])
    """
    return tables_of(report_blocks(forum, lang))


def _number_pattern(lang: str) -> re.Pattern:
    sep, dec, thou = CSV_FORMAT[lang]
    d, t = re.escape(dec), re.escape(thou)
    return re.compile(rf"^([+\-−]?)(\d{{1,3}}(?:{t}\d{{3}})+|\d+)(?:{d}(\d+))?(%?)$")


def parse_number(value: str, lang: str) -> tuple[float, int, bool] | None:
    """A cell written as a number in `lang` (thousands separators, '−' minus, a trailing '%').

    Returns ``(value, decimals, percent)`` (a percentage as a share: '12%' -> 0.12), or None when
    the cell is not just a number.

    Examples
    --------
    >>> parse_number("−1.234,5", "nl"), parse_number("12%", "en"), parse_number("p < 0,001", "nl")
    ((-1234.5, 1, False), (0.12, 0, True), None)
    >>> parse_number("1.234", "en"), parse_number("2.1.3", "en")
    ((1.234, 3, False), None)
    """
    m = _number_pattern(lang).match(value.strip())
    if not m:
        return None
    sign, whole, frac, pct = m.groups()
    x = float(whole.replace(CSV_FORMAT[lang][2], "") + ("." + frac if frac else ""))
    x = -x if sign in ("-", "−") else x
    return (x / 100 if pct else x), len(frac or ""), bool(pct)


def guard_cell(value: str) -> str:
    """A text cell that a spreadsheet will not run as a formula: prefixed with ``'`` when it starts
    with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return.

    Only for text: write real numbers as numbers (:func:`csv_cell` does), so ``-0,25`` stays a number.

    Examples
    --------
    >>> guard_cell("=HYPERLINK(\\"http://x\\")"), guard_cell("@SUM(A1)"), guard_cell("Gemeente")
    ('\\'=HYPERLINK("http://x")', "'@SUM(A1)", 'Gemeente')
    """
    return "'" + value if value.startswith(FORMULA_START) else value


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and not (
        isinstance(value, float) and math.isnan(value))


def csv_cell(value, lang: str) -> str:
    """A cell as written to CSV: numbers plain (no thousands separator, '-' minus, the language's
    decimal mark: what Excel in that language reads as a number), text guarded (:func:`guard_cell`).

    Examples
    --------
    >>> csv_cell("−1.234,5", "nl"), csv_cell(0.25, "nl"), csv_cell("-cmd|' /C calc'!A0", "en")
    ('-1234,5', '0,25', "'-cmd|' /C calc'!A0")
    >>> csv_cell("12%", "nl"), csv_cell("+30 procentpunt", "nl"), csv_cell(None, "en")
    ('12%', "'+30 procentpunt", '–')
    """
    dec = CSV_FORMAT[lang][1]
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return MISSING
    if _is_number(value):
        return (str(int(value)) if float(value).is_integer() and isinstance(value, int) else repr(float(value))).replace(".", dec)
    text = str(value)
    parsed = parse_number(text, lang)
    if parsed is not None:
        x, digits, pct = parsed
        shown = x * 100 if pct else x
        return f"{shown:.{digits}f}".replace(".", dec) + ("%" if pct else "")
    return guard_cell(text)


def write_tables(tables: list[ReportTable], folder: Path, lang: str) -> list[Path]:
    """Every table as ``<folder>/<name>.csv``: UTF-8 with BOM (Excel reads the encoding), the
    language's separator (nl ``;``, en ``,``) and decimal mark; the header row is the table's."""
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    sep = CSV_FORMAT[lang][0]
    paths = []
    for t in tables:
        path = folder / f"{t.name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh, delimiter=sep, lineterminator="\r\n")
            out.writerow([guard_cell(str(c)) for c in t.frame.columns])
            for row in t.frame.itertuples(index=False):
                out.writerow([csv_cell(v, lang) for v in row])
        paths.append(path)
    return paths


def _unit(cells: list, lang: str) -> str:
    """What a column's cells are: percentages, percentage points, p-values, intervals, counts, text."""
    texts = [str(c).strip() for c in cells if c is not None and str(c).strip() not in ("", MISSING, "nan")]
    texts = [c for c in texts if not re.fullmatch(r"<\s*\d+", c)]  # suppressed cells say nothing of the unit
    if not texts:
        return tr("export_unit_none", lang)
    parsed = [parse_number(c, lang) if not _is_number(c) else (float(c), 0, False) for c in cells
              if str(c).strip() in texts]
    pp_unit = fmt_pp(0.1, lang).split(" ", 1)[1]
    if all(p is not None and p[2] for p in parsed):
        return tr("export_unit_pct", lang)
    if all(c.endswith(pp_unit) for c in texts):
        return tr("export_unit_pp", lang)
    if all(c.startswith("p ") for c in texts):
        return tr("export_unit_p", lang)
    if all(c.startswith("[") and c.endswith("]") for c in texts):
        return tr("export_unit_ci", lang)
    if all(p is not None and not p[2] and p[1] == 0 for p in parsed):
        return tr("export_unit_count", lang)
    if all(p is not None for p in parsed):
        return tr("export_unit_number", lang)
    return tr("export_unit_text", lang)


def dictionary(tables: list[ReportTable], lang: str, min_cell: int) -> pd.DataFrame:
    """The data dictionary: per table and column its meaning, unit and base."""
    rows = []
    for t in tables:
        counts = [c for c in t.frame.columns if _unit(list(t.frame[c]), lang) == tr("export_unit_count", lang)]
        for col in t.frame.columns:
            cells = list(t.frame[col])
            unit = _unit(cells, lang)
            suppressed = any(re.fullmatch(r"<\s*\d+", str(c).strip()) for c in cells)
            if unit == tr("export_unit_pct", lang):
                base = tr("export_base_pct", lang, cols=", ".join(f"‘{c}’" for c in counts)) if counts \
                    else tr("export_base_caption", lang)
            elif unit == tr("export_unit_count", lang) or suppressed:
                base = tr("export_base_count", lang, n=min_cell)
            else:
                base = MISSING
            rows.append({tr("export_col_sheet", lang): t.sheet, tr("export_col_table", lang): t.title,
                         tr("export_col_column", lang): str(col),
                         tr("export_col_meaning", lang): tr("export_meaning", lang, column=col, title=t.title,
                                                            section=section(t.section).title[lang]
                                                            if t.section in {s.id for s in SECTIONS} else t.section),
                         tr("export_col_unit", lang): unit, tr("export_col_base", lang): base})
    return pd.DataFrame(rows)


def _xlsx_value(value, lang: str):
    """(value, number_format) for a workbook cell: numbers as numbers, text guarded."""
    if _is_number(value):
        return value, None
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING, None
    parsed = parse_number(str(value), lang)
    if parsed is None:
        return guard_cell(str(value)), None
    x, digits, pct = parsed
    fmt = ("0" + ("." + "0" * digits if digits else "")) if not pct else ("0" + ("." + "0" * digits if digits else "") + "%")
    return x, (fmt if digits or pct else "0")


def write_workbook(tables: list[ReportTable], path: Path, lang: str, min_cell: int) -> Path:
    """One sheet per table (its caption in the first row, then the table) and the data dictionary."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for t in tables:
        ws = wb.create_sheet(t.sheet)
        ws.append([guard_cell(t.title)])
        ws["A1"].font = Font(bold=True)
        ws.append([guard_cell(str(c)) for c in t.frame.columns])
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for row in t.frame.itertuples(index=False):
            values = [_xlsx_value(v, lang) for v in row]
            ws.append([v for v, _ in values])
            for cell, (_, fmt) in zip(ws[ws.max_row], values):
                if fmt:
                    cell.number_format = fmt
        for i, col in enumerate(t.frame.columns, 1):
            width = max([len(str(col))] + [len(str(v)) for v in t.frame[col]])
            ws.column_dimensions[ws.cell(2, i).column_letter].width = min(60, max(8, width + 2))
    ws = wb.create_sheet(tr("export_dictionary", lang)[:31])
    d = dictionary(tables, lang, min_cell)
    ws.append([guard_cell(c) for c in d.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in d.itertuples(index=False):
        ws.append([guard_cell(str(v)) for v in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def write_figures(blocks: list[Block], folder: Path, lang: str) -> list[Path]:
    """Every figure as SVG and as PNG at print resolution, numbered in report order, and
    ``index.csv`` with each file's alt text and caption."""
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    paths, index = [], []
    for n, b in enumerate((b for b in blocks if b.kind == "figure"), 1):
        if b.svg is None or b.png is None:
            continue
        stem = f"{n:02d}-{(b.section or 'report').replace('_', '-')}-{_slug(b.alt, 50)}"
        (folder / f"{stem}.svg").write_bytes(b.svg)
        (folder / f"{stem}.png").write_bytes(b.png)
        paths += [folder / f"{stem}.svg", folder / f"{stem}.png"]
        index.append([stem, guard_cell(b.alt), guard_cell(b.text)])
    with (folder / "index.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh, delimiter=CSV_FORMAT[lang][0], lineterminator="\r\n")
        out.writerow([tr("export_col_file", lang), tr("export_col_alt", lang), tr("export_col_caption", lang)])
        out.writerows(index)
    return paths


def write_docx(blocks: list[Block], path: Path, title: str, banner: str | None = None) -> Path:
    """The report as a Word document: its title, headings, paragraphs, tables as Word tables (with
    their captions) and figures with their alt texts, in the report's order."""
    from docx import Document
    from docx.shared import Inches

    doc = Document()
    doc.core_properties.title = title
    doc.add_heading(title, 0)
    if banner:
        doc.add_paragraph().add_run(banner).bold = True
    for b in blocks:
        if b.kind == "heading":
            doc.add_heading(b.text, max(1, min(b.level - 1, 9)))
        elif b.kind == "paragraph":
            doc.add_paragraph(b.text)
        elif b.kind == "banner":
            doc.add_paragraph().add_run(b.text).bold = True
        elif b.kind == "table":
            doc.add_paragraph(b.text, style="Caption")
            frame = b.frame
            table = doc.add_table(rows=1, cols=max(1, len(frame.columns)), style="Table Grid")
            for cell, col in zip(table.rows[0].cells, frame.columns):
                cell.text = guard_cell(str(col))
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in frame.itertuples(index=False):
                for cell, v in zip(table.add_row().cells, row):
                    cell.text = MISSING if v is None or (isinstance(v, float) and math.isnan(v)) else guard_cell(str(v))
        elif b.kind == "figure":
            if b.png is not None:
                shape = doc.add_paragraph().add_run().add_picture(io.BytesIO(b.png), width=Inches(6.3))
                shape._inline.docPr.set("descr", b.alt)  # the alt text Word shows and reads aloud
                shape._inline.docPr.set("title", b.text or b.alt[:80])
            else:
                doc.add_paragraph(b.alt)
            if b.text:
                doc.add_paragraph(b.text, style="Caption")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def write_exports(forum, out_dir: str | Path, lang: str, docx: bool = False,
                  blocks: list[Block] | None = None) -> list[Path]:
    """Write ``tables/``, ``tables.xlsx``, ``figures/`` (and ``report.docx``) into `out_dir`.

    Parameters
    ----------
    forum : Forum
        The forum the report is about (its name, whether it is synthetic, its min_cell_size).
    out_dir : str or Path
        The report folder (the run's staging folder).
    lang : {"nl", "en"}
    docx : bool
        Also write the report as a Word document.
    blocks : list of Block, optional
        What the report shows; default the recording this kernel made (which this ends).

    Returns
    -------
    list of Path
        The files and folders written.
    """
    out_dir = Path(out_dir)
    blocks = order_blocks(stop_recording()) if blocks is None else blocks
    tables = tables_of(blocks)
    mc = min_cell_size(forum.config)
    write_tables(tables, out_dir / TABLES_DIR, lang)
    write_workbook(tables, out_dir / WORKBOOK, lang, mc)
    write_figures(blocks, out_dir / FIGURES_DIR, lang)
    written = [out_dir / TABLES_DIR, out_dir / WORKBOOK, out_dir / FIGURES_DIR]
    if docx:
        title = tr("report_title", lang, name=lang_text(forum.config["name"], lang))
        banner = tr("synthetic_banner", lang) if forum.config.get("synthetic") else None
        written.append(write_docx(blocks, out_dir / DOCX, title, banner))
    stop_rendering()  # every figure is written: the rendering process ends before the kernel does
    return written


def export_cells(docx: bool = False) -> tuple[str, str]:
    """The code of the first and the last cell a run adds to its joined notebook: start recording
    what is shown; write the exports into the run's ``out_dir``."""
    first = "from toolkit.report.display import start_recording\nstart_recording()"
    last = ("from toolkit.report.exports import write_exports\n"
            f"write_exports(forum, out_dir, lang, docx={bool(docx)!r})")
    return first, last
