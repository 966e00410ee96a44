"""Read one export file as text cells, whatever tool wrote it.

CSV in UTF-8 (with or without BOM) or as Dutch Excel writes it (``;``, decimal comma, cp1252),
XLSX (one sheet, or the one named), SPSS ``.sav`` (value labels and user-missing codes kept), and
Qualtrics CSV exports with their three header rows. Cells come back as strings (or numbers from
SPSS/Excel) so that the caller can report a bad value with its row, instead of pandas silently
turning a column into text or NaN.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from toolkit.errors import InputError, Problem

__all__ = ["RawTable", "read_table", "to_number"]


class RawTable(NamedTuple):
    """A file as read.

    Attributes
    ----------
    frame : DataFrame
        Data rows, 0-based index; column names stripped of whitespace.
    first_row : int
        Row number a spreadsheet shows for ``frame.index == 0`` (2 after one header row).
    decimal : str
        Decimal mark of text numbers (``","`` for Dutch Excel CSV).
    missing_values : dict
        SPSS user-missing codes per column ({column: [codes]}); empty for other formats.
    value_labels : dict
        SPSS value labels per column ({column: {code: label}}).
    description : str
        How the file was read (format, encoding, delimiter), for the provenance table.
    """

    frame: pd.DataFrame
    first_row: int
    decimal: str
    missing_values: dict
    value_labels: dict
    description: str


def _decode(path: Path, encoding: str | None) -> tuple[str, str]:
    raw = path.read_bytes()
    if raw.startswith(b"PK\x03\x04"):
        raise InputError(Problem(str(path), "is an Excel workbook (a zip file), not a text CSV",
                                 "Rename it to .xlsx, or save it from Excel as CSV"))
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(Problem(str(path), "is a binary file, not a text CSV",
                                 "Export the survey as CSV (UTF-8), XLSX or SPSS .sav"))
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(Problem(str(path), f"cannot be read as {encoding} ({exc})",
                                     "Fix surveys.read.encoding in forum.yml or save the file as UTF-8"))
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw.decode("utf-8-sig"), "utf-8 (BOM)"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def _sniff_sep(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (";", ",", "\t", "|")}
    return max(counts, key=counts.get) if max(counts.values()) > 0 else ","


def _read_csv(path: Path, opts: dict) -> RawTable:
    text, enc = _decode(path, opts.get("encoding"))
    if not text.strip():
        raise InputError(Problem(str(path), "file is empty", "Export the survey again; the file has no header and no rows"))
    first_line = text.splitlines()[0]
    sep = opts.get("sep") or _sniff_sep(first_line)
    decimal = opts.get("decimal") or ("," if sep == ";" else ".")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    header = [h.strip() for h in rows[0]]
    body = rows[1:]
    first_row = 2
    skip = _qualtrics_rows(body, opts.get("header_rows"))
    if skip:
        body, first_row = body[skip:], first_row + skip
    problems = []
    width = len(header)
    # a blank line is no record, but it still takes a row number, as a spreadsheet shows it
    kept = {i: r for i, r in enumerate(body) if r and not (len(r) == 1 and not r[0].strip())}
    for i, r in kept.items():
        if len(r) != width:
            other = [d for d in (";", ",", "\t", "|") if d != sep and d in sep.join(r)]
            hint = (f"The row seems to use {other[0]!r} as delimiter but the header uses {sep!r}: use one delimiter throughout"
                    if len(r) == 1 and other else f"Check the delimiter ({sep!r} was used) and quotes in that row")
            problems.append(Problem(str(path), f"row has {len(r)} cells but the header has {width}", hint, row=i + first_row))
    if problems:
        raise InputError(problems[:20] + ([Problem(str(path), f"... {len(problems) - 20} more rows with a wrong number of cells")] if len(problems) > 20 else []))
    frame = pd.DataFrame(list(kept.values()), columns=header, index=list(kept.keys()), dtype=object)
    desc = f"CSV, {enc}, delimiter {sep!r}, decimal {decimal!r}" + (", Qualtrics header rows skipped" if skip else "")
    return RawTable(frame, first_row, decimal, {}, {}, desc)


def _qualtrics_rows(body: list[list[str]], header_rows: Any) -> int:
    """Number of extra header rows: 2 for a Qualtrics export (question text + ImportId rows)."""
    if isinstance(header_rows, int):
        return max(0, header_rows - 1)
    if len(body) >= 2 and any(c.strip().startswith('{"ImportId"') for c in body[1]):
        return 2
    return 0


def _read_xlsx(path: Path, opts: dict) -> RawTable:
    try:
        sheets = pd.ExcelFile(path, engine="openpyxl").sheet_names
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise InputError(Problem(str(path), f"cannot be opened as an Excel workbook ({exc})", "Save it again as .xlsx"))
    sheet = opts.get("sheet")
    if sheet is None:
        if len(sheets) > 1:
            raise InputError(Problem(str(path), f"workbook has {len(sheets)} sheets: {', '.join(sheets)}",
                                     "Name the sheet to read in forum.yml under surveys.read.sheet (or inputs)"))
        sheet = sheets[0]
    elif sheet not in sheets and not isinstance(sheet, int):
        raise InputError(Problem(str(path), f"sheet {sheet!r} not found; sheets: {', '.join(sheets)}", "Correct surveys.read.sheet"))
    frame = pd.read_excel(path, sheet_name=sheet, dtype=object, engine="openpyxl")
    unnamed = [c for c in frame.columns if str(c).startswith("Unnamed:")]
    if unnamed:
        raise InputError(Problem(str(path), f"{len(unnamed)} column(s) without a header (merged or empty header cells)",
                                 "Give every column one header cell in the first row; unmerge merged header cells",
                                 row=1, column=str(unnamed[0])))
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.dropna(how="all")
    frame.index = range(len(frame))
    return RawTable(frame, 2, ".", {}, {}, f"XLSX, sheet {sheet!r}")


def _read_sav(path: Path, opts: dict) -> RawTable:
    import pyreadstat

    try:
        frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    except Exception as exc:  # pyreadstat.ReadstatError and others
        raise InputError(Problem(str(path), f"cannot be read as an SPSS file ({exc})", "Export it again from SPSS as .sav"))
    missing = {}
    for col, codes in (meta.missing_user_values or {}).items():
        missing.setdefault(col, []).extend(codes)
    for col, ranges in (meta.missing_ranges or {}).items():
        for r in ranges:
            if r.get("lo") == r.get("hi"):
                missing.setdefault(col, []).append(r["lo"])
    frame = frame.astype(object)
    return RawTable(frame, 2, ".", missing, dict(meta.variable_value_labels or {}), "SPSS .sav (user-missing kept)")


def read_table(path: str | Path, **opts: Any) -> RawTable:
    """Read a CSV, XLSX or SAV file into text/number cells.

    Parameters
    ----------
    path : str or Path
    **opts
        ``sep``, ``decimal``, ``encoding`` (CSV), ``sheet`` (XLSX), ``header_rows`` (CSV).

    Returns
    -------
    RawTable

    Raises
    ------
    InputError
        Empty file, unknown format, wrong number of cells in a row, several sheets, unnamed columns.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "w.csv")
    >>> _ = open(p, "wb").write("id;score\\nA;7,5\\n".encode("cp1252"))
    >>> t = read_table(p)
    >>> t.frame.iloc[0].tolist(), t.decimal
    (['A', '7,5'], ',')
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(Problem(str(path), "file not found", "Check the path in forum.yml"))
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        table = _read_csv(path, opts)
    elif suffix in (".xlsx", ".xlsm"):
        table = _read_xlsx(path, opts)
    elif suffix in (".sav", ".zsav"):
        table = _read_sav(path, opts)
    else:
        raise InputError(Problem(str(path), f"unknown file type {suffix!r}", "Use .csv, .xlsx or .sav"))
    dup = table.frame.columns[table.frame.columns.duplicated()].tolist()
    if dup:
        raise InputError(Problem(str(path), f"column name(s) appear twice: {', '.join(map(str, dup))}",
                                 "Give every column a unique name", row=1, column=str(dup[0])))
    return table


def to_number(value: Any, decimal: str = ".") -> float | None:
    """Parse one cell as a number; None for an empty cell; raise ValueError if not a number.

    Examples
    --------
    >>> to_number("7,5", ","), to_number(" ", "."), to_number(3)
    (7.5, None, 3.0)
    """
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None if value != value else float(value)
    s = str(value).strip()
    if s == "" or s.upper() in ("NA", "NAN", "#N/A"):
        return None
    if decimal == "," and "," in s:
        s = s.replace(".", "").replace(",", ".")
    return float(s)
