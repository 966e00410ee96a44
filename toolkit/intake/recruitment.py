"""Read and check the representativeness inputs (docs/representativeness.md).

One reader per file: members roster, member counts, funnel, benchmark, quotas, reference
attitudes and public input. Each takes a path (CSV or XLSX) and returns a tidy frame, or raises
:class:`~toolkit.errors.InputError` listing every problem found (file, row, column, value, what
to do). CSV files may be UTF-8 (with or without BOM) with ``,`` as separator, or Dutch Excel
style: ``;`` as separator, decimal comma, cp1252; this is detected.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd
import pandera.pandas as pa

from toolkit.errors import InputError, Problem, raise_if_problems
from toolkit.intake._validate import FIRST_DATA_ROW, validate_frame

__all__ = [
    "FUNNEL_STAGES", "SHARE_TOLERANCE", "MISSING_LABELS", "read_members", "read_member_counts",
    "read_funnel", "read_benchmark", "read_quotas", "read_reference_attitudes",
    "read_public_input", "categories_from_benchmark",
]

FUNNEL_STAGES = ("letters", "registrations", "pool", "drawn", "started", "completed")
#: Allowed deviation of a variable's shares from 1.
SHARE_TOLERANCE = 0.01
#: Public-input answers read as "not given".
MISSING_LABELS = ("", "-", "na", "n/a", "onbekend", "unknown", "wil ik niet zeggen",
                  "zeg ik liever niet", "prefer not to say")
_TRUE = {"true", "1", "1.0", "yes", "y", "ja", "j", "waar", "x"}
_FALSE = {"false", "0", "0.0", "no", "n", "nee", "onwaar"}
_MAX_LISTED = 20  # distinct bad values listed per column of a large file


# ----------------------------------------------------------------------------- reading
def _column_name(name) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def _sniff(path: Path) -> tuple[str, str]:
    """(encoding, separator) of a CSV file."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 20)
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"
    lines = head.decode(encoding, errors="replace").splitlines()
    first = lines[0] if lines else ""
    sep = max((";", ",", "\t"), key=first.count)
    return encoding, sep


def _cell_text(value):
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return str(value)


def _read_raw(path, columns: Sequence[str] | None = None, categorical: bool = False,
              text: Sequence[str] = ()) -> tuple[pd.DataFrame, bool]:
    """Read a CSV/XLSX as text; returns (frame with normalised column names, decimal comma?).

    With `categorical`, columns are read as pandas categoricals except those in `text`.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(Problem(path.name, f"file not found: {path}",
                                 "Check the path under inputs: in forum.yml"))
    wanted = None if columns is None else set(columns)
    usecols = None if wanted is None else (lambda c: _column_name(c) in wanted)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        df = pd.read_excel(path, sheet_name=0, dtype=object, usecols=usecols)
        df = df.apply(lambda s: s.map(_cell_text)).astype("str")
        comma = False
    else:
        if path.stat().st_size == 0:
            raise InputError(Problem(path.name, "the file is empty", "Export the table again"))
        encoding, sep = _sniff(path)
        header = pd.read_csv(path, sep=sep, encoding=encoding, nrows=0).columns
        dtype = {c: ("category" if categorical and _column_name(c) not in text else "str")
                 for c in header}
        df = pd.read_csv(path, sep=sep, encoding=encoding, usecols=usecols, engine="c", dtype=dtype,
                         keep_default_na=False, na_values=[""], skipinitialspace=True)
        comma = sep == ";"
    df.columns = [_column_name(c) for c in df.columns]
    for col in df.columns:
        if not isinstance(df[col].dtype, pd.CategoricalDtype):
            df[col] = df[col].str.strip().replace("", np.nan)
    return df.reset_index(drop=True), comma


def _parse_numbers(s: pd.Series, decimal_comma: bool, whole: bool) -> tuple[pd.Series, pd.Series]:
    """Text to float. Returns (numbers, mask of cells that are not a (whole) number)."""
    t = s.astype("str").str.strip()
    percent = t.str.endswith("%").fillna(False)
    t = t.str.rstrip("%").str.strip()
    if decimal_comma:
        comma = t.str.contains(",", regex=False).fillna(False)
        t = t.mask(comma, t.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
        thousands = t.str.fullmatch(r"[+-]?[1-9]\d{0,2}(\.\d{3})+").fillna(False)
        t = t.mask(thousands, t.str.replace(".", "", regex=False))
    else:
        thousands = t.str.fullmatch(r"[+-]?[1-9]\d{0,2}(,\d{3})+").fillna(False)
        t = t.mask(thousands, t.str.replace(",", "", regex=False))
    num = pd.to_numeric(t, errors="coerce").astype("float64")
    num = num.mask(percent, num / 100)
    bad = s.notna() & num.isna()
    if whole:
        bad |= num.notna() & (num != np.round(num))
    return num.mask(bad), bad


def _parse_bools(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    low = s.astype("str").str.strip().str.lower()
    out = pd.Series(pd.NA, index=s.index, dtype="boolean")
    out[low.isin(_TRUE).fillna(False)] = True
    out[low.isin(_FALSE).fillna(False)] = False
    return out, s.notna() & out.isna()


_HINTS = {
    "int": "Use a whole number without decimals, e.g. 12",
    "float": "Use a number such as 0.25 (or 0,25 in a file separated by ';')",
    "bool": "Use ja/nee, yes/no, true/false or 1/0",
}
_WHAT = {"int": "not a whole number", "float": "not a number", "bool": "not yes or no"}


def _parse(df: pd.DataFrame, kinds: Mapping[str, str], file: str, decimal_comma: bool
           ) -> tuple[pd.DataFrame, list[Problem]]:
    """Convert typed columns; unreadable cells become NaN plus one Problem each."""
    out, problems = df.copy(), []
    for col, kind in kinds.items():
        if col not in out.columns:
            continue
        if kind == "bool":
            values, bad = _parse_bools(out[col])
        else:
            values, bad = _parse_numbers(out[col], decimal_comma, whole=kind == "int")
            values = values.round().astype("Int64") if kind == "int" else values
        for i in np.flatnonzero(bad.to_numpy()):
            problems.append(Problem(file, _WHAT[kind], _HINTS[kind], int(i) + FIRST_DATA_ROW,
                                    col, df[col].iloc[i]))
        out[col] = values
    return out, problems


def _validate(df: pd.DataFrame, schema: pa.DataFrameSchema, file: str,
              earlier: list[Problem], hints: Mapping[str, str] | None = None
              ) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Run pandera lazily; drop its reports of cells already reported as unreadable."""
    valid, problems = validate_frame(df, schema, file, dict(hints or {}))
    seen = {(p.row, p.column) for p in earlier}
    return valid, earlier + [p for p in problems if (p.row, p.column) not in seen]


def _file(path) -> str:
    return Path(path).name


def _rows(mask) -> list[int]:
    return [int(i) + FIRST_DATA_ROW for i in np.flatnonzero(np.asarray(mask))]


def _duplicates(df: pd.DataFrame, keys: Sequence[str], file: str) -> list[Problem]:
    if not set(keys) <= set(df.columns):
        return []
    dup = df.duplicated(list(keys), keep=False) & df[list(keys)].notna().all(axis=1)
    problems, seen = [], set()
    for i in np.flatnonzero(dup.to_numpy()):
        key = tuple(df[list(keys)].iloc[i])
        if key in seen:
            continue
        seen.add(key)
        rows = _rows((df[list(keys)] == pd.Series(key, index=list(keys))).all(axis=1))
        problems.append(Problem(file, f"{' / '.join(map(str, key))} appears more than once "
                                f"(rows {', '.join(map(str, rows))})",
                                "Keep one row per " + " and ".join(keys), rows[0], keys[-1]))
    return problems


def _finish(valid: pd.DataFrame | None, problems: list[Problem]) -> pd.DataFrame:
    raise_if_problems(problems)
    return valid.reset_index(drop=True)


def _text(nullable: bool = False, required: bool = True, checks=None) -> pa.Column:
    return pa.Column(str, checks, nullable=nullable, required=required)


def _count(nullable: bool = False, required: bool = True) -> pa.Column:
    return pa.Column("Int64", pa.Check.ge(0), nullable=nullable, required=required)


# ----------------------------------------------------------------------------- members
def _members_schema(categories: Mapping[str, Sequence[str]] | None) -> pa.DataFrameSchema:
    cols = {
        "member_id": _text(),
        "started": pa.Column("boolean", nullable=False),
        "completed": pa.Column("boolean", nullable=False),
        "replaces": _text(nullable=True, required=False),
        "sessions_attended": _count(nullable=True, required=False),
    }
    unknown = ["onbekend", "Onbekend", "unknown", "Unknown"]  # counted as missing by the analyses
    for var, cats in (categories or {}).items():
        cols[var] = _text(nullable=True, checks=pa.Check.isin([str(c) for c in cats] + unknown))
    return pa.DataFrameSchema(cols, strict=False)


def read_members(path, categories: Mapping[str, Sequence[str]] | None = None) -> pd.DataFrame:
    """Read a members roster: one row per member.

    Parameters
    ----------
    path : str or Path
        CSV or XLSX with ``member_id, started, completed`` (ja/nee, yes/no, true/false, 1/0),
        optional ``replaces`` (member_id of the member replaced), ``sessions_attended``, and one
        column per demographic variable (empty or "onbekend" = unknown).
    categories : mapping, optional
        ``{variable: allowed categories}``; these columns are then required and checked.

    Returns
    -------
    DataFrame
        ``member_id`` (str), demographic columns (str), ``started``, ``completed`` (bool),
        ``replaces`` (str or NA), ``sessions_attended`` (Int64), in the file's column order.

    Raises
    ------
    InputError
        Every problem: missing columns, unreadable values, unknown categories, duplicate ids,
        completed without started, ``replaces`` naming an unknown member.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "members.csv")
    >>> _ = open(p, "w").write("member_id,gender,started,completed\\nm1,vrouw,ja,nee\\nm2,man,1,1\\n")
    >>> read_members(p, {"gender": ["man", "vrouw"]})
      member_id gender  started  completed
    0        m1  vrouw     True      False
    1        m2    man     True       True
    """
    file = _file(path)
    raw, comma = _read_raw(path)
    df, problems = _parse(raw, {"started": "bool", "completed": "bool", "sessions_attended": "int"},
                          file, comma)
    valid, problems = _validate(df, _members_schema(categories), file, problems,
                                {c: f"Use one of: {', '.join(map(str, v))} (or onbekend)"
                                 for c, v in (categories or {}).items()})
    problems += _duplicates(df, ["member_id"], file) + _member_rules(df, file)
    if valid is not None:
        valid = valid.astype({"started": bool, "completed": bool})
    return _finish(valid, problems)


def _member_rules(df: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    if {"started", "completed"} <= set(df.columns):
        wrong = (df["completed"].fillna(False) & ~df["started"].fillna(True)).to_numpy(dtype=bool)
        problems += [Problem(file, "completed is yes but started is no", "Correct started or completed",
                             r, "completed") for r in _rows(wrong)]
    if {"replaces", "member_id"} <= set(df.columns):
        given = df["replaces"].notna()
        unknown = given & ~df["replaces"].isin(df["member_id"])
        self_ref = given & (df["replaces"] == df["member_id"])
        for r in _rows(unknown):
            problems.append(Problem(file, "replaces names a member_id that is not in the roster",
                                    "Use the member_id of the member who was replaced, or leave it empty",
                                    r, "replaces", df["replaces"].iloc[r - FIRST_DATA_ROW]))
        problems += [Problem(file, "a member cannot replace themselves", "Correct replaces", r, "replaces")
                     for r in _rows(self_ref)]
    return problems


_COUNTS_SCHEMA = pa.DataFrameSchema({
    "variable": _text(), "category": _text(),
    "drawn": _count(), "started": _count(), "completed": _count(),
}, strict=False)


def read_member_counts(path) -> pd.DataFrame:
    """Read member counts per category (instead of a roster).

    Parameters
    ----------
    path : str or Path
        ``variable, category, drawn, started, completed``: whole numbers >= 0 with
        drawn >= started >= completed; every variable must add up to the same totals
        (add a category such as ``onbekend`` for members whose value is unknown).

    Returns
    -------
    DataFrame
        ``variable, category`` (str), ``drawn, started, completed`` (Int64).

    Raises
    ------
    InputError

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "counts.csv")
    >>> _ = open(p, "w").write("variable;category;drawn;started;completed\\ngender;man;90;88;80\\n"
    ...                        "gender;vrouw;90;87;85\\n")
    >>> read_member_counts(p)
      variable category  drawn  started  completed
    0   gender      man     90       88         80
    1   gender    vrouw     90       87         85
    """
    file = _file(path)
    raw, comma = _read_raw(path)
    stages = ["drawn", "started", "completed"]
    df, problems = _parse(raw, dict.fromkeys(stages, "int"), file, comma)
    valid, problems = _validate(df, _COUNTS_SCHEMA, file, problems)
    problems += _duplicates(df, ["variable", "category"], file)
    problems += _stage_rules(df, stages, file) + _equal_totals(df, stages, file)
    return _finish(valid, problems)


def _stage_rules(df: pd.DataFrame, stages: Sequence[str], file: str) -> list[Problem]:
    problems = []
    have = [s for s in stages if s in df.columns]
    for earlier, later in zip(have, have[1:]):
        grew = (df[later] > df[earlier]).fillna(False).to_numpy(dtype=bool)
        for r in _rows(grew):
            i = r - FIRST_DATA_ROW
            problems.append(Problem(
                file, f"{later} ({df[later].iloc[i]}) is larger than {earlier} ({df[earlier].iloc[i]})",
                f"Each stage can only keep or lose people: {' >= '.join(have)}", r, later,
                df[later].iloc[i]))
    return problems


def _equal_totals(df: pd.DataFrame, stages: Sequence[str], file: str) -> list[Problem]:
    if "variable" not in df.columns:
        return []
    problems = []
    for stage in [s for s in stages if s in df.columns]:
        complete = df.groupby("variable", sort=False)[stage].apply(lambda s: s.notna().all())
        totals = df.groupby("variable", sort=False)[stage].sum()[complete]
        if totals.nunique() > 1:
            listed = ", ".join(f"{v}: {int(t)}" for v, t in totals.items())
            problems.append(Problem(
                file, f"the variables add up to different totals of {stage} ({listed})",
                "Every variable describes the same people: add a category such as 'onbekend' "
                "for those whose value is unknown", column=stage))
    return problems


# ----------------------------------------------------------------------------- funnel
_FUNNEL_SCHEMA = pa.DataFrameSchema({
    "variable": _text(), "category": _text(), "letters": _count(nullable=True),
    **{s: _count() for s in FUNNEL_STAGES[1:]},
}, strict=False)


def read_funnel(path) -> pd.DataFrame:
    """Read the recruitment funnel: one row per stratum, one column per stage.

    Parameters
    ----------
    path : str or Path
        ``variable, category, letters, registrations, pool, drawn, started, completed``;
        whole numbers >= 0, never increasing from one stage to the next; ``letters`` may be
        empty when unknown for a stratum (e.g. education of addressees).

    Returns
    -------
    DataFrame
        ``variable, category`` (str) and the stage counts (Int64), plus any other columns.

    Raises
    ------
    InputError

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "funnel.csv")
    >>> _ = open(p, "w").write("variable,category,letters,registrations,pool,drawn,started,completed\\n"
    ...                        "gender,man,35000,1900,1700,90,88,80\\n")
    >>> read_funnel(p)[["category", "letters", "registrations", "completed"]]
      category  letters  registrations  completed
    0      man    35000           1900         80
    """
    file = _file(path)
    raw, comma = _read_raw(path)
    df, problems = _parse(raw, dict.fromkeys(FUNNEL_STAGES, "int"), file, comma)
    valid, problems = _validate(df, _FUNNEL_SCHEMA, file, problems)
    problems += _duplicates(df, ["variable", "category"], file)
    problems += _stage_rules(df, FUNNEL_STAGES, file) + _equal_totals(df, FUNNEL_STAGES, file)
    return _finish(valid, problems)


# ----------------------------------------------------------------------------- benchmark
_BENCHMARK_SCHEMA = pa.DataFrameSchema({
    "variable": _text(), "category": _text(),
    "share": pa.Column(float, pa.Check.ge(0), nullable=True),
    "count": pa.Column(float, pa.Check.ge(0), nullable=True),
    "source": _text(), "year": _count(), "age_range": _text(),
    "note": _text(nullable=True, required=False),
}, strict=False)


def read_benchmark(path) -> pd.DataFrame:
    """Read a population benchmark: one row per variable x category.

    Parameters
    ----------
    path : str or Path
        ``variable, category, share`` (0-1) and/or ``count``, ``source`` (table id),
        ``year``, ``age_range``, optional ``note``. Per variable give shares for every category
        (adding to 1 +- 0.01) or counts for every category (turned into shares). Two-way
        benchmarks: variable ``gender:age_group``, category ``vrouw:18-39``.

    Returns
    -------
    DataFrame
        ``variable, category, share, count, source, year, age_range, note``.

    Raises
    ------
    InputError

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "b.csv")
    >>> _ = open(p, "w").write("variable,category,count,source,year,age_range\\n"
    ...                        "gender,man,30,T1,2023,all ages\\ngender,vrouw,70,T1,2023,all ages\\n")
    >>> read_benchmark(p)[["category", "share", "count"]]
      category  share  count
    0      man    0.3   30.0
    1    vrouw    0.7   70.0
    """
    file = _file(path)
    raw, comma = _read_raw(path)
    if "share" not in raw.columns and "count" not in raw.columns:
        raise InputError(Problem(file, "neither a 'share' nor a 'count' column",
                                 "Add a column share (0-1) or count per category"))
    for col in ("share", "count", "note"):
        if col not in raw.columns:
            raw[col] = pd.Series(np.nan, index=raw.index, dtype="str" if col == "note" else float)
    df, problems = _parse(raw, {"share": "float", "count": "float", "year": "int"}, file, comma)
    valid, problems = _validate(df, _BENCHMARK_SCHEMA, file, problems)
    problems += _duplicates(df, ["variable", "category"], file)
    shares, more = _benchmark_shares(df, raw, file)
    problems += more
    out = _finish(valid, problems).assign(share=shares.to_numpy())
    return out[["variable", "category", "share", "count", "source", "year", "age_range", "note"]]


def _benchmark_shares(df: pd.DataFrame, raw: pd.DataFrame, file: str
                      ) -> tuple[pd.Series, list[Problem]]:
    shares, problems = df["share"].copy(), []
    if "variable" not in df.columns:
        return shares, problems
    unreadable = (raw["share"].notna() & df["share"].isna()) | (raw["count"].notna() & df["count"].isna())
    for var, part in df.groupby("variable", sort=False):
        row = _rows(df.index.isin(part.index))[0]
        if unreadable[part.index].any():
            continue
        if part["share"].notna().all():
            total = part["share"].sum()
            if abs(total - 1) > SHARE_TOLERANCE:
                hint = ("These look like percentages: divide by 100 (or write 51.2%)"
                        if abs(total - 100) <= 100 * SHARE_TOLERANCE else
                        "Correct the shares so they add to 1 (within 0.01), or give counts instead")
                problems.append(Problem(file, f"the shares of {var!r} add up to {total:.4g}, not 1",
                                        hint, row, "share"))
        elif part["count"].notna().all() and part["count"].sum() > 0:
            shares[part.index] = part["count"] / part["count"].sum()
        else:
            problems.append(Problem(file, f"{var!r} has categories without a share or count",
                                    "Give a share for every category of a variable, or a count "
                                    "for every category", row, "share"))
    return shares, problems


def categories_from_benchmark(benchmark: pd.DataFrame) -> dict[str, list[str]]:
    """``{variable: [categories]}`` of the one-way variables in a benchmark.

    Examples
    --------
    >>> b = pd.DataFrame({"variable": ["gender", "gender", "gender:age_group"],
    ...                   "category": ["man", "vrouw", "man:18-39"]})
    >>> categories_from_benchmark(b)
    {'gender': ['man', 'vrouw']}
    """
    one_way = benchmark[~benchmark["variable"].astype(str).str.contains(":", regex=False)]
    return {v: part["category"].astype(str).tolist() for v, part in one_way.groupby("variable", sort=False)}


# ----------------------------------------------------------------------------- quotas
_QUOTA_SCHEMA = pa.DataFrameSchema({
    "variable": _text(), "category": _text(),
    "min": _count(nullable=True), "max": _count(nullable=True),
}, strict=False)


def read_quotas(path) -> pd.DataFrame:
    """Read the organiser's quotas: min and max number of members per category.

    Parameters
    ----------
    path : str or Path
        ``variable, category, min, max``; whole numbers >= 0; one of min/max may be empty
        (no bound), min <= max.

    Returns
    -------
    DataFrame
        ``variable, category`` (str), ``min, max`` (Int64).

    Raises
    ------
    InputError

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "q.csv")
    >>> _ = open(p, "w").write("variable,category,min,max\\nage_group,80+,5,\\n")
    >>> read_quotas(p)
        variable category  min   max
    0  age_group      80+    5  <NA>
    """
    file = _file(path)
    raw, comma = _read_raw(path)
    df, problems = _parse(raw, {"min": "int", "max": "int"}, file, comma)
    valid, problems = _validate(df, _QUOTA_SCHEMA, file, problems)
    problems += _duplicates(df, ["variable", "category"], file)
    if {"min", "max"} <= set(df.columns):
        for r in _rows((df["min"] > df["max"]).fillna(False)):
            i = r - FIRST_DATA_ROW
            problems.append(Problem(file, f"min ({df['min'].iloc[i]}) is larger than max "
                                    f"({df['max'].iloc[i]})", "Swap or correct min and max", r, "min"))
        for r in _rows(df["min"].isna() & df["max"].isna()):
            problems.append(Problem(file, "neither min nor max given", "Give min, max or both", r, "min"))
    return _finish(valid, problems)


# ----------------------------------------------------------------------------- attitudes
_ATTITUDE_SCHEMA = pa.DataFrameSchema({
    "item": _text(), "category": _text(),
    "share": pa.Column(float, pa.Check.in_range(0, 1), nullable=False),
    "n": _count(nullable=True, required=False), "codes": _text(nullable=True, required=False),
    "source": _text(), "year": _count(), "note": _text(nullable=True, required=False),
}, strict=False)


def read_reference_attitudes(path) -> pd.DataFrame:
    """Read reference-survey shares for baseline opinions.

    Parameters
    ----------
    path : str or Path
        ``item`` (the item id in the forum's codebook), ``category`` (the opinion, e.g.
        "(zeer) bezorgd"), ``share`` (0-1), optional ``n`` (survey sample size), optional
        ``codes`` (answer values that count as this opinion, separated by ``|``), ``source``,
        ``year``, optional ``note``. Shares of one item add to at most 1.

    Returns
    -------
    DataFrame

    Raises
    ------
    InputError

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "ref.csv")
    >>> _ = open(p, "w").write("item,category,share,n,codes,source,year\\n"
    ...                        "climate,concerned,0.62,1500,4|5,survey X,2023\\n")
    >>> read_reference_attitudes(p)[["item", "share", "n", "codes"]]
          item  share     n codes
    0  climate   0.62  1500   4|5
    """
    file = _file(path)
    raw, comma = _read_raw(path)
    df, problems = _parse(raw, {"share": "float", "n": "int", "year": "int"}, file, comma)
    valid, problems = _validate(df, _ATTITUDE_SCHEMA, file, problems)
    problems += _duplicates(df, ["item", "category"], file)
    if {"item", "share"} <= set(df.columns):
        for item, total in df.groupby("item", sort=False)["share"].sum().items():
            if total > 1 + SHARE_TOLERANCE:
                problems.append(Problem(file, f"the shares of item {item!r} add up to {total:.4g}, "
                                        "more than 1", "Give shares as fractions of respondents (0-1)",
                                        column="share"))
    return _finish(valid, problems)


# ----------------------------------------------------------------------------- public input
def _parse_dates(s: pd.Series) -> pd.Series:
    """Dates as text to datetime64 (ISO 8601 first, then day-first such as 31-12-2024)."""
    text = s.astype("str")
    try:
        parsed = pd.to_datetime(text, format="ISO8601", errors="coerce")
    except (ValueError, TypeError):  # offsets mixed with naive times
        parsed = pd.to_datetime(text, format="ISO8601", errors="coerce", utc=True)
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_convert("Europe/Amsterdam").dt.tz_localize(None)
    parsed = parsed.astype("datetime64[ns]")
    retry = text.notna() & parsed.isna()
    if retry.any():
        parsed[retry] = pd.to_datetime(text[retry], dayfirst=True, format="mixed", errors="coerce")
    return parsed


def _value_problems(raw: pd.Series, bad: pd.Series, file: str, column: str, message: str,
                    hint: str) -> list[Problem]:
    """One problem per distinct bad value (count and first row), at most _MAX_LISTED."""
    if not bad.any():
        return []
    values = raw[bad].astype(str)
    first = values.groupby(values, observed=True).head(1)
    counts = values.value_counts()
    problems = [Problem(file, f"{message} ({counts[v]} row{'s' if counts[v] > 1 else ''})", hint,
                        int(i) + FIRST_DATA_ROW, column, v) for i, v in first.items()]
    if len(problems) > _MAX_LISTED:
        rest = len(problems) - _MAX_LISTED
        problems = problems[:_MAX_LISTED] + [Problem(file, f"... and {rest} other values of this kind",
                                                     hint, column=column)]
    return problems


def _clean_categories(s: pd.Series, missing: set[str]) -> pd.Series:
    s = s.astype("category")
    stripped = s.cat.categories.astype(str).str.strip()
    if stripped.duplicated().any():
        s = s.astype(str).str.strip().astype("category")
        stripped = s.cat.categories.astype(str)
    else:
        s = s.cat.rename_categories(stripped)
    drop = [c for c in stripped if c.lower() in missing]
    return s.cat.remove_categories(drop) if drop else s


def read_public_input(
    path,
    variables: Sequence[str] | None = None,
    *,
    categories: Mapping[str, Sequence[str]] | None = None,
    date_column: str = "date",
    missing_labels: Sequence[str] = MISSING_LABELS,
) -> pd.DataFrame:
    """Read a wider-public consultation export (fast: fit for 1,000,000 rows).

    Parameters
    ----------
    path : str or Path
        One row per submission: a date column (ISO 8601 such as 2024-03-01 or
        2024-03-01T10:15:00, or day-first such as 01-03-2024) and any demographic columns.
    variables : sequence of str, optional
        Demographic columns to read; default all columns. Columns the file lacks are skipped.
    categories : mapping, optional
        ``{variable: allowed categories}``; other values are reported (one problem per value).
    date_column : str
    missing_labels : sequence of str
        Answers read as "not given" (case-insensitive), e.g. "onbekend", "wil ik niet zeggen".

    Returns
    -------
    DataFrame
        ``date`` (datetime64, NaT where empty) and the demographic columns (categorical).

    Raises
    ------
    InputError
        Missing date column; unreadable dates; values outside `categories`.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "pub.csv")
    >>> _ = open(p, "w").write("date,gender,x\\n2024-03-01,man,1\\n02-03-2024,Onbekend,2\\n,vrouw,3\\n")
    >>> df = read_public_input(p, ["gender"])
    >>> df["date"].dt.strftime("%Y-%m-%d").tolist(), df["gender"].tolist()
    (['2024-03-01', '2024-03-02', nan], ['man', nan, 'vrouw'])
    """
    file = _file(path)
    date_column = _column_name(date_column)
    wanted = None if variables is None else [date_column, *map(_column_name, variables)]
    raw, _ = _read_raw(path, wanted, categorical=True, text=[date_column])
    if date_column not in raw.columns:
        raise InputError(Problem(file, f"required column {date_column!r} is missing",
                                 "Add the submission date column, or map its name in forum.yml",
                                 column=date_column))
    missing = {m.lower() for m in missing_labels}
    df = pd.DataFrame(index=raw.index)
    df["date"] = _parse_dates(raw[date_column])
    problems = _value_problems(raw[date_column], raw[date_column].notna() & df["date"].isna(), file,
                               date_column, "date cannot be read",
                               "Write dates as 2024-03-01 (or 01-03-2024)")
    for col in [c for c in raw.columns if c != date_column]:
        df[col] = _clean_categories(raw[col], missing)
        allowed = (categories or {}).get(col)
        if allowed is not None:
            bad = df[col].notna() & ~df[col].isin([str(a) for a in allowed])
            problems += _value_problems(df[col], bad, file, col, "value not among the allowed values",
                                        f"Use one of: {', '.join(map(str, allowed))}, or map it in forum.yml")
    schema = pa.DataFrameSchema({"date": pa.Column("datetime64[ns]", nullable=True),
                                 **{c: pa.Column("category", nullable=True) for c in df.columns[1:]}})
    valid, problems = _validate(df, schema, file, problems)
    return _finish(valid, problems)
