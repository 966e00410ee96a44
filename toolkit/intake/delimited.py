"""CSV files for :func:`toolkit.intake.files.read_table`: how a file is written, and two readers.

The fast reader is pandas' C parser (in parallel for a large UTF-8 file), checked against the file's
bytes: every record must have as many cells as the header, and a blank line must be found as such.
Where the check fails, or cannot vouch for the table (UTF-16, a lone CR ending lines, a quote
character inside a cell), the exact reader, Python's csv module, reads the file again and names
every bad row. Both give the same table; tests/test_intake_files.py holds them to it.
"""
from __future__ import annotations

import codecs
import csv
import io
import warnings
from pathlib import Path
from typing import Any, Callable, NamedTuple

import numpy as np
import pandas as pd

from toolkit.errors import InputError, Problem

__all__ = ["CsvTable", "read_csv", "unique_columns"]

#: Decoders in which every byte below 0x80 is that ASCII character (so bytes can be counted).
_ASCII_SAFE = frozenset({"utf-8", "utf-8-sig", "cp1252", "iso8859-1", "iso8859-15", "ascii"})
_HEAD = 1 << 16  # bytes decoded to find the header line
Select = Callable[[str], bool]


class CsvTable(NamedTuple):
    """A CSV file as read: `frame` indexed as :class:`~toolkit.intake.files.RawTable` is, and the
    whole header (also the columns not read)."""

    frame: pd.DataFrame
    header: list
    first_row: int
    decimal: str
    description: str


class _Csv(NamedTuple):
    """How a CSV file is written."""

    codec: str       # Python codec name
    errors: str      # "strict", or "replace" for guessed cp1252
    label: str       # encoding as shown in the description
    sep: str
    decimal: str


class _Bytes(NamedTuple):
    """What the fast reader's check needs to know of the bytes (counted before pandas reads)."""

    delimiters: int          # how often the delimiter occurs
    quoted: bool             # whether a quote character occurs
    space_starts_cell: bool  # whether a cell may start with a space


# ----------------------------------------------------------------------------- CSV: sniffing
def _encoding(path: Path, raw: bytes, encoding: str | None) -> tuple[str, str, str]:
    """(codec, errors, label) of a text file; raise for a workbook, a binary file or a wrong encoding."""
    if raw.startswith(b"PK\x03\x04"):
        raise InputError(Problem(str(path), "is an Excel workbook (a zip file), not a text CSV",
                                 "Rename it to .xlsx, or save it from Excel as CSV"))
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(Problem(str(path), "is a binary file, not a text CSV",
                                 "Export the survey as CSV (UTF-8), XLSX or SPSS .sav"))
    if encoding:
        try:
            raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(Problem(str(path), f"cannot be read as {encoding} ({exc})",
                                     "Fix surveys.read.encoding in forum.yml or save the file as UTF-8"))
        return encoding, "strict", encoding
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "strict", "utf-8 (BOM)"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "strict", "utf-16"
    if not raw.isascii():
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return "cp1252", "replace", "cp1252"
    return "utf-8", "strict", "utf-8"


def _head(raw: bytes, codec: str, errors: str) -> str:
    """The text up to past its first line break, or the whole text (short or blank files)."""
    if len(raw) > _HEAD:
        head = codecs.getincrementaldecoder(codec)(errors).decode(raw[:_HEAD])
        if head.strip() and len(head.splitlines()) > 1:
            return head
    return raw.decode(codec, errors)


def _sniff_sep(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (";", ",", "\t", "|")}
    return max(counts, key=counts.get) if max(counts.values()) > 0 else ","


def _qualtrics_rows(body: list[list[str]], header_rows: Any) -> int:
    """Number of extra header rows: 2 for a Qualtrics export (question text + ImportId rows)."""
    if isinstance(header_rows, int):
        return max(0, header_rows - 1)
    if len(body) >= 2 and any(c.strip().startswith('{"ImportId"') for c in body[1]):
        return 2
    return 0


def _description(fmt: _Csv, skip: int) -> str:
    return (f"CSV, {fmt.label}, delimiter {fmt.sep!r}, decimal {fmt.decimal!r}"
            + (", Qualtrics header rows skipped" if skip else ""))


def _categorical(frame: pd.DataFrame, names: list[str], categorical: Select | None) -> pd.DataFrame:
    if categorical is None:
        return frame
    return frame.astype({c: "category" for c in names if categorical(c)})


# ----------------------------------------------------------------------------- CSV: exact reader
def _read_csv_exact(path: Path, text: str, fmt: _Csv, header_rows: Any, columns: Select | None,
                    categorical: Select | None, skipinitialspace: bool) -> CsvTable:
    """Python's csv module: slow, names every row whose number of cells differs from the header's."""
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=fmt.sep, skipinitialspace=skipinitialspace))
    header = [h.strip() for h in rows[0]]
    body = rows[1:]
    first_row = 2
    skip = _qualtrics_rows(body, header_rows)
    if skip:
        body, first_row = body[skip:], first_row + skip
    problems = []
    width = len(header)
    sep = fmt.sep
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
    unique_columns(path, header)
    names = [h for h in header if columns is None or columns(h)]
    frame = _categorical(frame[names] if columns is not None else frame, names, categorical)
    return CsvTable(frame, header, first_row, fmt.decimal, _description(fmt, skip))


# ----------------------------------------------------------------------------- CSV: fast reader
def _count(raw: bytes, fmt: _Csv) -> _Bytes | None:
    """The bytes' facts, or None when pandas may read `raw` otherwise than the csv module does or its
    delimiters cannot be counted as bytes."""
    codec, sep = codecs.lookup(fmt.codec).name, fmt.sep
    if not (codec in _ASCII_SAFE and len(sep) == 1 and sep.isascii() and sep not in '"\r\n'
            and b"\x00" not in raw and (codec == "utf-8-sig" or not raw.startswith(codecs.BOM_UTF8))):
        return None
    return _Bytes(int(np.count_nonzero(np.frombuffer(raw, np.uint8) == ord(sep))), b'"' in raw,
                  _cell_starts_with_space(raw, sep))


def _cell_starts_with_space(raw: bytes, sep: str) -> bool:
    """Whether a cell may start with a space (only then does ``skipinitialspace`` change anything)."""
    return b" " in raw and (raw.startswith((b" ", codecs.BOM_UTF8 + b" "))
            or any(s in raw for s in (sep.encode() + b" ", b"\n ", b"\r ")))


def _quotes_are_quotes(a: np.ndarray, quotes: np.ndarray, sep: str, skipinitialspace: bool) -> bool:
    """Whether every quote character opens, closes or doubles a quote, as the csv module reads it:
    then a character lies inside quotes exactly when an odd number of quote characters precede it."""
    if len(quotes) % 2:
        return False
    opening = quotes[::2]
    first = 3 if a[:3].tobytes() == codecs.BOM_UTF8 else 0
    starts = [ord(sep), ord("\n"), ord("\r")]
    ok = (opening == first) | np.isin(a[np.maximum(opening - 1, 0)], starts + [ord('"')])
    for i in np.flatnonzero(~ok):  # after a delimiter and spaces, or inside a cell (ab"c)
        j = opening[i] - 1
        while skipinitialspace and j >= first and a[j] == ord(" "):
            j -= 1
        if not skipinitialspace or (j >= first and a[j] not in starts):
            return False
    return True


def _records(raw: bytes, sep: str, skipinitialspace: bool) -> tuple[np.ndarray, np.ndarray] | None:
    """(delimiters in each record, byte offset of each record's end) as the csv module reads `raw`;
    None where bytes cannot tell: lines ended by a lone CR, a quote character inside a cell."""
    if b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n"):
        return None
    a = np.frombuffer(raw, np.uint8)
    seps, ends = np.flatnonzero(a == ord(sep)), np.flatnonzero(a == ord("\n"))
    quotes = np.flatnonzero(a == ord('"'))
    if len(quotes):
        if not _quotes_are_quotes(a, quotes, sep, skipinitialspace):
            return None
        step = np.zeros(len(a), np.int8)
        step[quotes[::2]], step[quotes[1::2]] = 1, -1
        inside = np.cumsum(step, dtype=np.int8)
        seps, ends = seps[inside[seps] == 0], ends[inside[ends] == 0]
    if not len(ends) or ends[-1] < len(raw) - 1:  # the last record has no line break
        ends = np.append(ends, len(raw))
    return np.diff(np.searchsorted(seps, ends), prepend=0), ends


def _separators_in_cells(frame: pd.DataFrame, header: list[str], sep: str) -> int:
    """How often `sep` occurs inside the cells (quoted) of the header and of `frame`."""
    n = sum(h.count(sep) for h in header)
    for col in frame.columns:
        s = frame[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            per = np.array([str(c).count(sep) for c in s.cat.categories])
            if per.any():
                codes = s.cat.codes.to_numpy()
                n += int(per @ np.bincount(codes[codes >= 0], minlength=len(per)))
        else:
            n += "".join(s.to_numpy()).count(sep)
    return n


def _blank_rows(path: Path, facts: _Bytes, fmt: _Csv, frame: pd.DataFrame, header: list[str], skip: int,
                skipinitialspace: bool) -> list[int] | None:
    """Positions of the blank lines among the data rows pandas read (Qualtrics rows included), or
    None when a record has another number of cells than the header: the exact reader names it."""
    width = len(header)
    every_column = frame.shape[1] == width
    if width > 1 and every_column and not skip:
        # pandas raised for any row longer than the header, and every delimiter in the file either
        # split two cells or lies inside a quoted cell: so a shorter row or a blank line shows as
        # fewer than (width - 1) delimiters per record
        delimiters = facts.delimiters
        if facts.quoted:
            delimiters -= _separators_in_cells(frame, header, fmt.sep)
        if delimiters == (width - 1) * (len(frame) + 1):
            return []
    raw = path.read_bytes()  # blank lines, a Qualtrics export or some columns read: count per record
    found = _records(raw, fmt.sep, skipinitialspace)
    if found is None or len(found[0]) != len(frame) + 1 or found[0][0] != width - 1:
        return None
    per_record, ends = found[0][1:], found[1]
    odd = np.flatnonzero(per_record != width - 1)
    odd = odd[odd >= skip]
    if (per_record[odd] != 0).any():
        return None
    if width == 1:  # every record is one cell: blank when that cell is
        if not every_column:
            return None
        cells = frame.iloc[:, 0].astype(str).to_numpy()
        return [i for i in range(skip, len(frame)) if not cells[i].strip()]
    blank = []  # the records without a delimiter: blank lines, or rows of one cell
    for i in odd:
        text = raw[ends[i] + 1:ends[i + 1]].decode(fmt.codec, fmt.errors)
        cells = next(csv.reader(io.StringIO(text, newline=""), delimiter=fmt.sep,
                                skipinitialspace=skipinitialspace), [])
        if cells and not (len(cells) == 1 and not cells[0].strip()):
            return None
        blank.append(int(i))
    return blank


def _pandas_read(path: Path, kw: dict, header_rows: Any, columns: Select | None,
                 categorical: Select | None) -> tuple[pd.DataFrame, list[str], int] | None:
    """(frame with the header's positions as columns, header, Qualtrics rows) as pandas reads it."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)  # a row longer than the header
        head = pd.read_csv(path, header=None, nrows=3, dtype=object, **kw)
        if len(head) < 2:  # no data rows: nothing to gain
            return None
        header = list(head.iloc[0])
        width = len(header)
        use = [i for i, h in enumerate(header) if columns is None or columns(h.strip())]
        if not use:
            return None
        dtype = {i: "category" if categorical is not None and categorical(header[i].strip()) else object
                 for i in use}
        frame = pd.read_csv(path, header=0, names=range(width), usecols=None if len(use) == width else use,
                            dtype=dtype, **kw)
        # pandas makes numbers of categories that all look like numbers ("012" -> 12): read their text
        numeric = [i for i in use if isinstance(frame[i].dtype, pd.CategoricalDtype)
                   and not pd.api.types.is_string_dtype(frame[i].cat.categories)]
        if numeric:
            text = pd.read_csv(path, header=0, names=range(width), usecols=numeric, dtype=object, **kw)
            for i in numeric:
                frame[i] = text[i].astype("category")
    return frame, header, _qualtrics_rows(head.iloc[1:].values.tolist(), header_rows)


def _read_csv_fast(path: Path, facts: _Bytes, fmt: _Csv, header_rows: Any, columns: Select | None,
                   categorical: Select | None, skipinitialspace: bool) -> CsvTable | None:
    """pandas' C parser (in parallel for a large UTF-8 file), checked against the bytes; None where
    the check cannot vouch for the table."""
    skipinitialspace = skipinitialspace and facts.space_starts_cell
    kw = dict(sep=fmt.sep, encoding=fmt.codec, encoding_errors=fmt.errors, engine="c", quotechar='"',
              index_col=False, na_filter=False, skip_blank_lines=False, skipinitialspace=skipinitialspace)
    try:
        read = _pandas_read(path, kw, header_rows, columns, categorical)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, pd.errors.ParserWarning, UnicodeDecodeError):
        return None
    if read is None:
        return None
    frame, header, skip = read
    blank = _blank_rows(path, facts, fmt, frame, header, skip, skipinitialspace)
    if blank is None:
        return None
    header = [h.strip() for h in header]
    unique_columns(path, header)
    drop = sorted(set(range(skip)) | set(blank))
    if len(drop) == len(frame):  # no data rows: nothing to gain
        return None
    if drop:
        frame = frame.drop(index=drop)
        for i in frame.columns:
            if isinstance(frame[i].dtype, pd.CategoricalDtype):
                frame[i] = frame[i].cat.remove_unused_categories()
    frame.columns = [header[i] for i in frame.columns]
    frame.index = frame.index - skip
    return CsvTable(frame, header, 2 + skip, fmt.decimal, _description(fmt, skip))


def read_csv(path: Path, opts: dict, columns: Select | None = None, categorical: Select | None = None,
             skipinitialspace: bool = False) -> CsvTable:
    """Read a CSV file as text cells (``opts``: ``sep``, ``decimal``, ``encoding``, ``header_rows``).

    Raises
    ------
    InputError
        A workbook or binary file, a wrong encoding, an empty file, rows with another number of
        cells than the header, a column name twice.
    """
    fmt, facts = _sniff(path, opts)  # the bytes are let go before pandas reads the file
    args = (fmt, opts.get("header_rows"), columns, categorical, skipinitialspace)
    table = None if facts is None else _read_csv_fast(path, facts, *args)
    if table is None:
        table = _read_csv_exact(path, path.read_bytes().decode(fmt.codec, fmt.errors), *args)
    return table


def _sniff(path: Path, opts: dict) -> tuple[_Csv, _Bytes | None]:
    """How the file is written, and the facts of its bytes for the fast reader (None: not fit)."""
    raw = path.read_bytes()
    codec, errors, label = _encoding(path, raw, opts.get("encoding"))
    head = _head(raw, codec, errors)
    if not head.strip():
        raise InputError(Problem(str(path), "file is empty", "Export the survey again; the file has no header and no rows"))
    sep = opts.get("sep") or _sniff_sep(head.splitlines()[0])
    fmt = _Csv(codec, errors, label, sep, opts.get("decimal") or ("," if sep == ";" else "."))
    return fmt, _count(raw, fmt)


def unique_columns(path: Path, names: list) -> None:
    """Raise when a column name appears twice."""
    index = pd.Index(names, dtype=object)
    dup = index[index.duplicated()].tolist()
    if dup:
        raise InputError(Problem(str(path), f"column name(s) appear twice: {', '.join(map(str, dup))}",
                                 "Give every column a unique name", row=1, column=str(dup[0])))
