"""Read one export file as text cells, whatever tool wrote it: the one reader of every input file.

CSV in UTF-8 (with or without BOM) or as Dutch Excel writes it (``;``, decimal comma, cp1252),
XLSX (one sheet, or the one named), SPSS ``.sav`` (value labels and user-missing codes kept), and
Qualtrics CSV exports with their three header rows. Cells come back as strings (or numbers from
SPSS/Excel) so that the caller can report a bad value with its row, instead of pandas silently
turning a column into text or NaN. Rows keep the number a spreadsheet shows: the frame's index
plus ``first_row``, also where blank lines were left out. CSV files: :mod:`toolkit.intake.delimited`.
"""
from __future__ import annotations

import contextlib
import contextvars
import re
import zipfile
from pathlib import Path
from typing import Any, Iterator, NamedTuple

import pandas as pd

from toolkit.errors import InputError, Problem
from toolkit.intake.delimited import Select, read_csv, unique_columns
from toolkit.intake.mapping import FileSpec, apply_spec, source_names, spec_of

__all__ = ["RawTable", "SheetLimits", "sheet_limits", "read_table"]


class RawTable(NamedTuple):
    """A file as read.

    Attributes
    ----------
    frame : DataFrame
        Data rows; column names stripped of whitespace. ``index + first_row`` is the row number a
        spreadsheet shows (index 0 is the first data row; blank rows are left out, not renumbered).
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


class SheetLimits(NamedTuple):
    """The largest workbook read: its unpacked size and a sheet's rows (forum.yml ``limits:``).

    An .xlsx file is a zip archive of XML; a few megabytes can unpack to gigabytes ("zip bomb"),
    which the Excel reader would build in memory. Both limits are checked on the archive's table of
    contents and the sheet's ``<dimension>`` before the sheet is read, and the rows again after.
    """

    megabytes: int = 100
    rows: int = 1_048_576  # Excel's own maximum


_LIMITS: contextvars.ContextVar[SheetLimits] = contextvars.ContextVar("sheet_limits", default=SheetLimits())
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]*\d*:?[A-Z]*(\d+)\"")


@contextlib.contextmanager
def sheet_limits(limits: SheetLimits) -> Iterator[SheetLimits]:
    """Read the workbooks of the ``with`` block under `limits` (the forum's ``limits:`` setting)."""
    token = _LIMITS.set(limits)
    try:
        yield limits
    finally:
        _LIMITS.reset(token)


def _too_large(path: Path, limits: SheetLimits, what: str) -> InputError:
    return InputError(Problem(str(path), f"the workbook {what}",
                              "Export the data as CSV, or raise the limit in forum.yml under limits: "
                              f"(xlsx_megabytes: {limits.megabytes}, xlsx_rows: {limits.rows}) if the file is trusted"))


def _guard_xlsx(path: Path) -> None:
    """Refuse a damaged archive, or one that unpacks beyond the limits, before any XML is parsed."""
    limits = _LIMITS.get()
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            unpacked = sum(m.file_size for m in members)
            if unpacked > limits.megabytes * 1_000_000:
                raise _too_large(path, limits,
                                 f"unpacks to {unpacked / 1e6:,.0f} MB, more than the limit of {limits.megabytes} MB")
            for m in members:
                if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml"):
                    with zf.open(m) as fh:
                        found = _DIMENSION.search(fh.read(4096))
                    if found and int(found.group(1)) > limits.rows + 1:  # + the header row
                        raise _too_large(path, limits, f"declares {int(found.group(1)):,} rows in "
                                         f"{m.filename.rsplit('/', 1)[-1]}, more than the limit of {limits.rows:,}")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise InputError(Problem(str(path), f"is not a complete Excel workbook ({type(exc).__name__}: {exc})",
                                 "The file may be truncated or damaged: save or download it again as .xlsx")) from None


def _read_xlsx(path: Path, opts: dict) -> RawTable:
    _guard_xlsx(path)
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
    try:
        frame = pd.read_excel(path, sheet_name=sheet, dtype=object, engine="openpyxl")
    except Exception as exc:  # noqa: BLE001  a damaged sheet: zlib, XML and openpyxl errors of many types
        raise InputError(Problem(str(path), f"sheet {sheet!r} cannot be read ({type(exc).__name__}: {exc})",
                                 "The file may be truncated or damaged: save or download it again as .xlsx")) from None
    limits = _LIMITS.get()
    if len(frame) > limits.rows:
        raise _too_large(path, limits, f"has {len(frame):,} rows, more than the limit of {limits.rows:,}")
    unnamed = [c for c in frame.columns if str(c).startswith("Unnamed:")]
    if unnamed:
        raise InputError(Problem(str(path), f"{len(unnamed)} column(s) without a header (merged or empty header cells)",
                                 "Give every column one header cell in the first row; unmerge merged header cells",
                                 row=1, column=str(unnamed[0])))
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.dropna(how="all")  # empty rows are no records; the others keep their row number
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


def read_table(path: str | Path, *, columns: Select | None = None, categorical: Select | None = None,
               skipinitialspace: bool = False, **opts: Any) -> RawTable:
    """Read a CSV, XLSX or SAV file into text/number cells.

    Parameters
    ----------
    path : str or Path
    columns : callable, optional
        Keep only the columns whose (stripped) header passes ``columns(name)``; a large CSV file
        reads faster. The whole header is still checked (no name twice).
    categorical : callable, optional
        CSV only: read the columns whose header passes as pandas categoricals, far faster and
        smaller for a large file with few distinct values per column. Other formats are small and
        keep their cells as read.
    skipinitialspace : bool
        CSV only: spaces after a delimiter are no part of the cell (``a, "b, c"`` is two cells).
    **opts
        ``sep``, ``decimal``, ``encoding`` (CSV), ``sheet`` (XLSX: name or position), ``header_rows``
        (CSV), as under ``surveys.read`` in forum.yml.

    Returns
    -------
    RawTable

    Raises
    ------
    InputError
        Empty file, unknown format, wrong number of cells in a row, several sheets, unnamed columns,
        a column name twice.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "w.csv")
    >>> _ = open(p, "wb").write("id;score\\nA;7,5\\n\\nB;8\\n".encode("cp1252"))
    >>> t = read_table(p)
    >>> t.frame.iloc[0].tolist(), t.decimal
    (['A', '7,5'], ',')
    >>> (t.frame.index + t.first_row).tolist()  # the blank line keeps its row number
    [2, 4]
    """
    spec = spec_of(path)
    if spec is not None:  # the file's mapping from forum.yml: its read options win, its names are the toolkit's
        opts = {**opts, **spec.read}
        rename = source_names(spec)
        columns = None if columns is None else _renamed(columns, rename)
        categorical = None if categorical is None else _renamed(categorical, rename)
    path = Path(path)
    if not path.is_file():
        raise InputError(Problem(str(path), "file not found", "Check the path in forum.yml"))
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        t = read_csv(path, opts, columns, categorical, skipinitialspace)
        table = RawTable(t.frame, t.first_row, t.decimal, {}, {}, t.description)
        return _mapped(table, spec, t.header)
    if suffix in (".xlsx", ".xlsm"):
        table = _read_xlsx(path, opts)
    elif suffix in (".sav", ".zsav"):
        table = _read_sav(path, opts)
    else:
        raise InputError(Problem(str(path), f"unknown file type {suffix!r}", "Use .csv, .xlsx or .sav"))
    unique_columns(path, list(table.frame.columns))
    header = list(table.frame.columns)
    if columns is not None:
        table = table._replace(frame=table.frame[[c for c in table.frame.columns if columns(c)]])
    return _mapped(table, spec, header)


def _renamed(select: Select, rename: dict) -> Select:
    """A column filter on the toolkit's names, applied to the file's names."""
    return lambda name: any(select(n) for n in rename.get(str(name).strip(), [name]))


def _mapped(table: RawTable, spec: FileSpec | None, header: list | None) -> RawTable:
    """The table with its forum.yml mapping applied (:func:`toolkit.intake.mapping.apply_spec`)."""
    if spec is None or spec.empty:
        return table
    rename = source_names(spec)
    return table._replace(
        frame=apply_spec(table.frame, spec, header),
        missing_values={n: v for c, v in table.missing_values.items() for n in rename.get(c, [c])},
        value_labels={n: v for c, v in table.value_labels.items() for n in rename.get(c, [c])})
