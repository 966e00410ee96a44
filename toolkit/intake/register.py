"""Read the political follow-up of a forum: recommendations register and what happened to it.

Five files, each CSV (UTF-8 with or without BOM, or Dutch Excel: ``;`` and cp1252) or XLSX, are
documented in docs/follow_up.md: ``recommendations`` (required), ``implementation``, ``parliament``,
``commitments`` and ``preconditions`` (the assessment). Every file is checked with a pandera schema
(lazily) and with domain checks; all problems of all files are raised together as one
:class:`~toolkit.errors.InputError`. Values may be written in English codes or Dutch words
("deels overgenomen" -> ``adopted_in_part``); dates in ISO or Dutch formats (:func:`parse_dutch_date`).
"""
from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, NamedTuple

import pandas as pd
import pandera.pandas as pa
import yaml

from toolkit.errors import InputError, Problem, raise_if_problems
from toolkit.intake._validate import FIRST_DATA_ROW, validate_frame
from toolkit.intake.files import read_table

__all__ = [
    "parse_dutch_date", "load_preconditions", "read_recommendations", "read_implementation",
    "read_parliament", "read_commitments", "read_preconditions", "read_sessions",
    "read_follow_up", "check_follow_up", "VOCABULARY", "INPUT_KEYS",
]

#: Allowed values per coded column (the analyses in toolkit.follow_up use the same codes).
VOCABULARY: dict[str, tuple[str, ...]] = {
    "response": ("adopted", "adopted_in_part", "under_consideration", "rejected", "no_response"),
    "status": ("not_started", "in_preparation", "in_progress", "implemented", "abandoned"),
    "kind_parliament": ("motion", "debate", "question"),
    "outcome": ("adopted", "rejected", "withdrawn", "pending", "held", "answered"),
    "kind_commitment": ("response_within_days", "parliament_debate", "other"),
    "met": ("yes", "no", "unknown"),
    "assessment": ("met", "partly_met", "not_met", "unknown"),
    "format": ("in_person", "online", "hybrid"),
}
#: Dutch (and loose English) words accepted for the codes, after lower-casing.
ALIASES: dict[str, dict[str, str]] = {
    "response": {"overgenomen": "adopted", "deels overgenomen": "adopted_in_part",
                 "gedeeltelijk overgenomen": "adopted_in_part", "in overweging": "under_consideration",
                 "wordt onderzocht": "under_consideration", "afgewezen": "rejected",
                 "niet overgenomen": "rejected", "geen reactie": "no_response", "nog geen reactie": "no_response"},
    "status": {"niet gestart": "not_started", "in voorbereiding": "in_preparation",
               "in uitvoering": "in_progress", "uitgevoerd": "implemented", "gestopt": "abandoned"},
    "kind_parliament": {"motie": "motion", "debat": "debate", "kamervraag": "question", "kamervragen": "question"},
    "outcome": {"aangenomen": "adopted", "verworpen": "rejected", "ingetrokken": "withdrawn",
                "aangehouden": "pending", "gevoerd": "held", "gehouden": "held", "beantwoord": "answered"},
    "kind_commitment": {"reactie binnen dagen": "response_within_days", "kamerdebat": "parliament_debate",
                        "overig": "other"},
    "met": {"ja": "yes", "nee": "no", "onbekend": "unknown", "true": "yes", "false": "no"},
    "assessment": {"voldaan": "met", "deels voldaan": "partly_met", "niet voldaan": "not_met", "onbekend": "unknown"},
    "format": {"fysiek": "in_person", "op locatie": "in_person", "hybride": "hybrid"},
}
#: forum.yml ``inputs:`` keys read by :func:`read_follow_up`.
INPUT_KEYS = ("recommendations", "implementation", "parliament", "commitments", "preconditions", "sessions")
_STAGE = {"not_started": 0, "in_preparation": 1, "in_progress": 2, "implemented": 3}
DATE_HINT = "Write dates as 2025-02-03, 3-2-2025, 03-02-2025, 3 februari 2025 or 3 feb 2025 (day first)"

# ---------------------------------------------------------------------------------------- dates
_MONTHS = {"januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "february": 2, "maart": 3,
           "mrt": 3, "mar": 3, "march": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "jun": 6,
           "june": 6, "juli": 7, "jul": 7, "july": 7, "augustus": 8, "aug": 8, "august": 8, "september": 9,
           "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "october": 10, "november": 11,
           "nov": 11, "december": 12, "dec": 12}
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?")
_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})")
_WORDS = re.compile(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{2}|\d{4})")


def parse_dutch_date(value: Any) -> dt.date:
    """Read one date written in ISO or a Dutch format, strictly.

    Accepted: ``2025-02-03``, ``3-2-2025``, ``03-02-2025`` (also with ``/`` or ``.``; always day
    first), ``3 februari 2025``, ``3 feb 2025``, ``3 feb. 2025`` (Dutch or English month names and
    abbreviations), and date cells from Excel.

    Parameters
    ----------
    value : str, datetime.date, datetime.datetime or pandas.Timestamp

    Returns
    -------
    datetime.date

    Raises
    ------
    ValueError
        The value is not one of the formats, has a two-digit year, or names a day that does not
        exist (31-2-2025). The message says which.

    Examples
    --------
    >>> parse_dutch_date("3-2-2025"), parse_dutch_date("3 februari 2025") == parse_dutch_date("2025-02-03")
    (datetime.date(2025, 2, 3), True)
    >>> parse_dutch_date("31-2-2025")
    Traceback (most recent call last):
    ValueError: no such date (day 31 of month 2 in 2025)
    """
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError("a number or other value where a date was expected (format the cell as a date)")
    s = " ".join(value.strip().lower().split())
    if m := _ISO.fullmatch(s):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _NUMERIC.fullmatch(s):
        d, mo, y = int(m[1]), int(m[3]), m[4]
    elif (m := _WORDS.fullmatch(s)) and m[2] in _MONTHS:
        d, mo, y = int(m[1]), _MONTHS[m[2]], m[3]
    else:
        raise ValueError("not a date in a format the toolkit reads")
    if isinstance(y, str):
        if len(y) == 2:
            raise ValueError("two-digit year; write the year in full (2025)")
        y = int(y)
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValueError(f"no such date (day {d} of month {mo} in {y})") from None


# ------------------------------------------------------------------------------ preconditions
@lru_cache(maxsize=1)
def _preconditions_doc() -> dict:
    text = resources.files("toolkit").joinpath("data/preconditions.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def load_preconditions() -> dict:
    """The preconditions of the 2023 letter and the OECD/KNOCA labels (toolkit/data/preconditions.yml).

    Returns
    -------
    dict
        Keys ``document``, ``oecd_criteria``, ``knoca_areas``, ``knoca_types``, ``assessments`` and
        ``preconditions`` (list of dicts with ``id``, ``label``, ``description``, ``source``,
        ``oecd``, ``knoca_areas``, ``knoca_types``, ``data_link``).

    Examples
    --------
    >>> [p["id"] for p in load_preconditions()["preconditions"]][:3]
    ['question_mandate', 'policy_design_influence', 'political_embedding']
    """
    return _preconditions_doc()


# ------------------------------------------------------------------------------ file specs
def _col(dtype: Any, required: bool = True, nullable: bool = False, checks: Any = None) -> pa.Column:
    return pa.Column(dtype, checks, required=required, nullable=nullable, coerce=True)


_DATE = "datetime64[ns]"


class _Spec(NamedTuple):
    schema: pa.DataFrameSchema
    dates: tuple[str, ...] = ()
    vocab: dict[str, str] = {}          # column -> VOCABULARY key
    hints: dict[str, str] = {}


def _schema(columns: dict[str, pa.Column]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(columns, strict=False)


def _isin(key: str) -> pa.Check:
    return pa.Check.isin(VOCABULARY[key])


SPECS: dict[str, _Spec] = {
    "recommendations": _Spec(_schema({
        "id": _col(str), "title": _col(str), "text": _col(str, False, True), "theme": _col(str),
        "support": _col(float, False, True, pa.Check.in_range(0, 1)), "addressed_to": _col(str),
        "response": _col(str, checks=_isin("response")), "response_date": _col(_DATE, False, True),
        "response_source": _col(str, False, True), "reasons": _col(str, False, True)}),
        ("response_date",), {"response": "response"}),
    "implementation": _Spec(_schema({
        "recommendation_id": _col(str), "date": _col(_DATE), "status": _col(str, checks=_isin("status")),
        "source": _col(str, False, True), "note": _col(str, False, True)}),
        ("date",), {"status": "status"}),
    "parliament": _Spec(_schema({
        "recommendation_id": _col(str, False, True), "date": _col(_DATE),
        "kind": _col(str, checks=_isin("kind_parliament")), "reference": _col(str, False, True),
        "outcome": _col(str, False, True, _isin("outcome"))}),
        ("date",), {"kind": "kind_parliament", "outcome": "outcome"}),
    "commitments": _Spec(_schema({
        "id": _col(str), "description": _col(str), "kind": _col(str, checks=_isin("kind_commitment")),
        "days": _col(float, False, True, pa.Check.ge(0)), "due_date": _col(_DATE, False, True),
        "met": _col(str, False, True, _isin("met")), "evidence": _col(str, False, True)}),
        ("due_date",), {"kind": "kind_commitment", "met": "met"}),
    "preconditions": _Spec(_schema({
        "precondition_id": _col(str), "assessment": _col(str, checks=_isin("assessment")),
        "evidence": _col(str, False, True), "evidence_date": _col(_DATE, False, True),
        "assessor": _col(str, False, True)}),
        ("evidence_date",), {"assessment": "assessment"}),
    "sessions": _Spec(_schema({
        "date": _col(_DATE), "hours": _col(float, checks=pa.Check.in_range(0, 24, include_min=False)),
        "format": _col(str, False, True, _isin("format")), "attendance": _col(float, False, True, pa.Check.ge(0)),
        "topic": _col(str, False, True), "note": _col(str, False, True)}),
        ("date",), {"format": "format"}, {"hours": "Give the session's length in hours, more than 0 and at most 24 (e.g. 6,5)"}),
}
#: Number columns: column -> whole numbers only?
_NUMBERS = {"days": True, "hours": False, "attendance": True}


# ------------------------------------------------------------------------------ cell cleaning
def _norm_header(name: Any) -> str:
    return "_".join(str(name).replace("\ufeff", "").replace("-", " ").strip().lower().split())


def _norm_token(value: Any, key: str) -> Any:
    if pd.isna(value):
        return value
    s = " ".join(str(value).strip().lower().replace("_", " ").replace("-", " ").split())
    return ALIASES.get(key, {}).get(s, s.replace(" ", "_"))


def _as_text(value: Any) -> Any:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return pd.NA
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    s = str(value).strip()
    return s if s else pd.NA


def _to_float(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    s = str(value).strip().replace(" ", "")
    if "," in s and "." not in s:
        s = s.replace(",", ".")
    x = float(s)
    if not math.isfinite(x):
        raise ValueError(s)
    return x


class _Ctx(NamedTuple):
    file: str
    first_row: int
    problems: list


def _row(ctx: _Ctx, idx: int) -> int:
    return int(idx) + ctx.first_row


def _parse_dates(df: pd.DataFrame, col: str, ctx: _Ctx) -> None:
    out = {}
    for idx, v in df[col].items():
        if pd.isna(v) or (isinstance(v, str) and not v.strip()):
            out[idx] = pd.NaT
            continue
        try:
            out[idx] = pd.Timestamp(parse_dutch_date(v))
        except ValueError as exc:
            ctx.problems.append(Problem(ctx.file, str(exc), DATE_HINT, _row(ctx, idx), col, v))
            out[idx] = pd.NaT
    df[col] = pd.Series(out, index=df.index, dtype=_DATE)


def _parse_support(df: pd.DataFrame, ctx: _Ctx) -> None:
    """Shares 0-1 or percentages (a ``%`` sign or any value above 1 makes the column percentages)."""
    parsed = {}
    for idx, v in df["support"].dropna().items():
        s = str(v).strip()
        try:
            parsed[idx] = (_to_float(s.rstrip("%")), s.endswith("%"))
        except ValueError:
            ctx.problems.append(Problem(ctx.file, "not a number", "Write the share voting for as 0.85, 0,85 or 85%",
                                        _row(ctx, idx), "support", v))
    percent = any(pct or x > 1 for x, pct in parsed.values())
    out = pd.Series(float("nan"), index=df.index)
    for idx, (x, pct) in parsed.items():
        if percent and not pct and 0 < x <= 1:
            ctx.problems.append(Problem(ctx.file, "looks like a share (0-1) while other rows are percentages",
                                        "Write all support values the same way: all as shares 0-1 or all as percentages",
                                        _row(ctx, idx), "support", df.at[idx, "support"]))
        value = x / 100 if percent else x
        if not 0 <= value <= 1:
            ctx.problems.append(Problem(ctx.file, "support must lie between 0 and 1 (0% and 100%)",
                                        "Correct the share voting for", _row(ctx, idx), "support", df.at[idx, "support"]))
        out[idx] = value
    df["support"] = out


def _parse_number(df: pd.DataFrame, col: str, whole: bool, ctx: _Ctx) -> None:
    out = pd.Series(float("nan"), index=df.index)
    for idx, v in df[col].dropna().items():
        try:
            x = _to_float(v)
            if whole and not x.is_integer():
                raise ValueError
            out[idx] = x
        except ValueError:
            ctx.problems.append(Problem(ctx.file, "not a whole number" if whole else "not a number",
                                        "Write a number, e.g. 90" if whole else "Write a number, e.g. 6,5",
                                        _row(ctx, idx), col, v))
    df[col] = out


def _unknown_columns(df: pd.DataFrame, spec: _Spec, ctx: _Ctx) -> None:
    known = list(spec.schema.columns)
    for c in df.columns:
        near = difflib.get_close_matches(c, known, n=1, cutoff=0.75)
        if c not in known and near and near[0] not in df.columns:
            ctx.problems.append(Problem(ctx.file, f"unknown column {c!r}", f"Did you mean {near[0]!r}? Rename the column",
                                        1, c))


def _suggest(p: Problem, spec: _Spec) -> Problem:
    """Replace the generic hint of a not-allowed value by the nearest allowed value."""
    if p.message != "value not among the allowed values" or p.column not in spec.vocab:
        return p
    allowed = VOCABULARY[spec.vocab[p.column]]
    near = difflib.get_close_matches(str(p.value), allowed, n=1, cutoff=0.5)
    hint = (f"Did you mean {near[0]!r}? " if near else "") + "Allowed: " + ", ".join(allowed)
    return p._replace(message=f"unknown value in {p.column!r}", hint=hint)


def _clean(raw: pd.DataFrame, spec: _Spec, ctx: _Ctx) -> pd.DataFrame:
    df = raw.copy()
    df.columns = [_norm_header(c) for c in df.columns]
    _unknown_columns(df, spec, ctx)
    for c in df.columns:
        if c not in spec.dates:
            df[c] = df[c].map(_as_text).astype("object")
    for c, key in spec.vocab.items():
        if c in df:
            df[c] = df[c].map(lambda v, k=key: _norm_token(v, k))
    for c in spec.dates:
        if c in df:
            _parse_dates(df, c, ctx)
    if "support" in spec.schema.columns and "support" in df:
        _parse_support(df, ctx)
    for col, whole in _NUMBERS.items():
        if col in spec.schema.columns and col in df:
            _parse_number(df, col, whole, ctx)
    return df


def _complete(df: pd.DataFrame, spec: _Spec) -> pd.DataFrame:
    """Add absent optional columns (empty) and put the columns in schema order."""
    for name, col in spec.schema.columns.items():
        if name not in df:
            df[name] = pd.Series(pd.NaT if name in spec.dates else None, index=df.index,
                                 dtype=_DATE if name in spec.dates else ("float64" if col.dtype and "float" in str(col.dtype) else "str"))
    return df[list(spec.schema.columns)]


# ------------------------------------------------------------------------------ domain checks
class _Env(NamedTuple):
    handover: pd.Timestamp | None
    as_of: pd.Timestamp
    recommendation_ids: frozenset | None
    precondition_ids: tuple


def _fmt(ts: pd.Timestamp) -> str:
    return ts.date().isoformat()


def _duplicates(df: pd.DataFrame, col: str, ctx: _Ctx, what: str) -> None:
    first: dict[Any, int] = {}
    for idx, v in df[col].dropna().items():
        if v in first:
            ctx.problems.append(Problem(ctx.file, f"{what} id {v!r} appears more than once (also in row {_row(ctx, first[v])})",
                                        f"Give every {what} its own id, or remove the duplicate row", _row(ctx, idx), col, v))
        else:
            first[v] = idx


def _date_bounds(df: pd.DataFrame, col: str, ctx: _Ctx, env: _Env, mask: pd.Series | None = None) -> None:
    """Dates after `as_of` are impossible; so are dates before the handover where `mask` is True."""
    for idx, d in df[col].dropna().items():
        if d > env.as_of:
            ctx.problems.append(Problem(ctx.file, f"date lies in the future (after the as-of date {_fmt(env.as_of)})",
                                        "Correct the date, or set follow_up.as_of in forum.yml to a later date",
                                        _row(ctx, idx), col, _fmt(d)))
        elif env.handover is not None and (mask is None or mask[idx]) and d < env.handover:
            ctx.problems.append(Problem(ctx.file, f"date lies before the advice was handed over ({_fmt(env.handover)})",
                                        "Correct the date, or check follow_up.handover_date in forum.yml",
                                        _row(ctx, idx), col, _fmt(d)))


def _unknown_ids(df: pd.DataFrame, col: str, known: Any, ctx: _Ctx, where: str) -> None:
    if known is None:
        return
    for idx, v in df[col].dropna().items():
        if v not in known:
            near = difflib.get_close_matches(str(v), sorted(map(str, known)), n=1, cutoff=0.6)
            hint = (f"Did you mean {near[0]!r}? " if near else "") + f"Use an id from {where}"
            ctx.problems.append(Problem(ctx.file, f"unknown id {v!r}", hint, _row(ctx, idx), col, v))


def _check_recommendations(df: pd.DataFrame, ctx: _Ctx, env: _Env) -> None:
    _duplicates(df, "id", ctx, "recommendation")
    for idx, r in df.iterrows():
        responded = pd.notna(r["response"]) and r["response"] != "no_response"
        if responded and pd.isna(r["response_date"]) and not _date_failed(ctx, idx, "response_date"):
            ctx.problems.append(Problem(ctx.file, f"response {r['response']!r} has no date", "Fill in response_date",
                                        _row(ctx, idx), "response_date"))
        if responded and pd.isna(r["response_source"]):
            ctx.problems.append(Problem(ctx.file, f"response {r['response']!r} has no source",
                                        "Fill in response_source: the document or link of the response",
                                        _row(ctx, idx), "response_source"))
        if r["response"] == "no_response" and pd.notna(r["response_date"]):
            ctx.problems.append(Problem(ctx.file, "a response date is given but the response is 'no_response'",
                                        "Fill in the response, or empty response_date", _row(ctx, idx), "response_date",
                                        _fmt(r["response_date"])))
    _date_bounds(df, "response_date", ctx, env)


def _date_failed(ctx: _Ctx, idx: int, col: str) -> bool:
    return any(p.row == _row(ctx, idx) and p.column == col for p in ctx.problems if p.file == ctx.file)


def _check_implementation(df: pd.DataFrame, ctx: _Ctx, env: _Env) -> None:
    _unknown_ids(df, "recommendation_id", env.recommendation_ids, ctx, "the recommendations register")
    _date_bounds(df, "date", ctx, env)
    ok = df.dropna(subset=["recommendation_id", "date", "status"])
    for rid, g in ok.sort_values("date", kind="stable").groupby("recommendation_id", sort=False):
        prev = None
        for idx, r in g.iterrows():
            if prev is not None and r["date"] == prev[1]["date"]:
                ctx.problems.append(Problem(ctx.file, f"two status entries for {rid!r} on the same date (also row {_row(ctx, prev[0])})",
                                            "Keep one entry per recommendation and date", _row(ctx, idx), "date", _fmt(r["date"])))
            elif prev is not None and _STAGE.get(r["status"], 9) < _STAGE.get(prev[1]["status"], -1):
                ctx.problems.append(Problem(
                    ctx.file, f"status of {rid!r} goes back from {prev[1]['status']!r} ({_fmt(prev[1]['date'])}, row "
                    f"{_row(ctx, prev[0])}) to {r['status']!r} ({_fmt(r['date'])}); the dates look out of order",
                    "Check the dates and statuses; if work really stopped, use 'abandoned'", _row(ctx, idx), "status", r["status"]))
            prev = (idx, r)


def _check_parliament(df: pd.DataFrame, ctx: _Ctx, env: _Env) -> None:
    if "recommendation_id" in df:
        _unknown_ids(df, "recommendation_id", env.recommendation_ids, ctx,
                     "the recommendations register (or leave it empty for the advice as a whole)")
    _date_bounds(df, "date", ctx, env, mask=df["recommendation_id"].notna())


def _check_commitments(df: pd.DataFrame, ctx: _Ctx, env: _Env) -> None:
    _duplicates(df, "id", ctx, "commitment")
    for idx, r in df.iterrows():
        if r["kind"] == "response_within_days" and pd.isna(r["days"]) and pd.isna(r["due_date"]) \
                and not _date_failed(ctx, idx, "days"):
            ctx.problems.append(Problem(ctx.file, "a 'response_within_days' commitment needs its number of days",
                                        "Fill in days (e.g. 90) or due_date", _row(ctx, idx), "days"))


def _check_preconditions(df: pd.DataFrame, ctx: _Ctx, env: _Env) -> None:
    _unknown_ids(df, "precondition_id", env.precondition_ids, ctx, "docs/follow_up.md (the letter's preconditions)")
    _date_bounds(df, "evidence_date", ctx, env, mask=pd.Series(False, index=df.index))
    first: dict[str, tuple[int, str]] = {}
    for idx, r in df.dropna(subset=["precondition_id", "assessment"]).iterrows():
        if r["assessment"] != "unknown" and pd.isna(r["evidence"]):
            ctx.problems.append(Problem(ctx.file, f"assessment {r['assessment']!r} without evidence",
                                        "Name the evidence (document, date, observation), or assess it as 'unknown'",
                                        _row(ctx, idx), "evidence"))
        pid = r["precondition_id"]
        if pid in first and first[pid][1] != r["assessment"]:
            ctx.problems.append(Problem(ctx.file, f"{pid!r} is assessed as {r['assessment']!r} here but as "
                                        f"{first[pid][1]!r} in row {_row(ctx, first[pid][0])}",
                                        "Give one assessment per precondition; extra rows only add evidence",
                                        _row(ctx, idx), "assessment", r["assessment"]))
        first.setdefault(pid, (idx, r["assessment"]))


def _check_sessions(df: pd.DataFrame, ctx: _Ctx, env: _Env) -> None:
    _date_bounds(df, "date", ctx, env, mask=pd.Series(False, index=df.index))


_CHECKS: dict[str, Callable[[pd.DataFrame, _Ctx, _Env], None]] = {
    "recommendations": _check_recommendations, "implementation": _check_implementation,
    "parliament": _check_parliament, "commitments": _check_commitments, "preconditions": _check_preconditions,
    "sessions": _check_sessions,
}


# ------------------------------------------------------------------------------ readers
def _read(key: str, path: str | Path, env: _Env, problems: list) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """(validated frame or None, cleaned frame or None); problems are appended to `problems`."""
    spec = SPECS[key]
    try:
        table = read_table(path)
    except InputError as exc:
        problems.extend(exc.problems)
        return None, None
    ctx = _Ctx(str(path), table.first_row, [])
    df = _clean(table.frame, spec, ctx)
    validated, found = validate_frame(df, spec.schema, ctx.file, spec.hints, first_row=ctx.first_row)
    ctx.problems.extend(_suggest(p, spec) for p in found)
    _CHECKS[key](_complete(df.copy(), spec), ctx, env)   # missing columns come in empty: checks skip them
    problems.extend(sorted(ctx.problems, key=lambda p: p.row or 0))
    return (None if validated is None else _complete(validated, spec)), df


def _empty(key: str) -> pd.DataFrame:
    return _complete(pd.DataFrame(index=pd.RangeIndex(0)), SPECS[key])


def _env(handover_date: Any = None, as_of: Any = None, recommendation_ids: Any = None,
         precondition_ids: Any = None) -> _Env:
    handover = None if handover_date is None else pd.Timestamp(parse_dutch_date(handover_date))
    as_of = pd.Timestamp(parse_dutch_date(as_of if as_of is not None else dt.date.today()))
    ids = None if recommendation_ids is None else frozenset(map(str, recommendation_ids))
    pids = tuple(precondition_ids) if precondition_ids is not None else \
        tuple(p["id"] for p in load_preconditions()["preconditions"])
    return _Env(handover, as_of, ids, pids)


def _one(key: str, path: str | Path, env: _Env) -> pd.DataFrame:
    problems: list[Problem] = []
    frame, _ = _read(key, path, env, problems)
    raise_if_problems(problems)
    return frame


def read_recommendations(path: str | Path, *, handover_date: Any = None, as_of: Any = None) -> pd.DataFrame:
    """Read the recommendations register.

    Parameters
    ----------
    path : str or Path
        CSV or XLSX with columns ``id``, ``title``, ``theme``, ``addressed_to``, ``response`` and
        optionally ``text``, ``support``, ``response_date``, ``response_source``, ``reasons``.
    handover_date, as_of : date or str, optional
        Response dates before the handover or after `as_of` (default today) are reported.

    Returns
    -------
    DataFrame
        One row per recommendation: ``id``, ``title``, ``text``, ``theme``, ``support`` (float
        0-1, NaN if not given), ``addressed_to``, ``response`` (code), ``response_date``
        (datetime64, NaT if none), ``response_source``, ``reasons``.

    Raises
    ------
    InputError
        Every problem found: missing columns, empty required cells, unknown response values (with
        the nearest valid one), unreadable or impossible dates, duplicate ids, responses without
        date or source.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "r.csv")
    >>> _ = open(p, "w", encoding="utf-8").write(
    ...     "id;title;theme;addressed_to;response;response_date;response_source;support\\n"
    ...     "R1;Isoleren;wonen;kabinet;deels overgenomen;3 maart 2025;Kabinetsreactie;85%\\n")
    >>> r = read_recommendations(p, handover_date="2025-01-15", as_of="2025-06-01")
    >>> r.loc[0, "response"], float(r.loc[0, "support"]), r.loc[0, "response_date"].date().isoformat()
    ('adopted_in_part', 0.85, '2025-03-03')
    """
    return _one("recommendations", path, _env(handover_date, as_of))


def read_implementation(path: str | Path, *, recommendation_ids: Any = None, handover_date: Any = None,
                        as_of: Any = None) -> pd.DataFrame:
    """Read dated implementation-status entries (``recommendation_id``, ``date``, ``status``, ``source``, ``note``).

    Statuses: not_started, in_preparation, in_progress, implemented, abandoned. Reported: unknown
    statuses (nearest valid one suggested), ids not in `recommendation_ids`, dates before the
    handover or after `as_of`, two entries on one date, and a status going back (e.g. implemented,
    later in_preparation), which means the dates are out of order.

    Raises
    ------
    InputError
        Every problem found.
    """
    return _one("implementation", path, _env(handover_date, as_of, recommendation_ids))


def read_parliament(path: str | Path, *, recommendation_ids: Any = None, handover_date: Any = None,
                    as_of: Any = None) -> pd.DataFrame:
    """Read parliamentary follow-up (``recommendation_id`` (empty: the advice as a whole), ``date``,
    ``kind`` motion/debate/question, ``reference``, ``outcome``).

    Raises
    ------
    InputError
        Every problem found.
    """
    return _one("parliament", path, _env(handover_date, as_of, recommendation_ids))


def read_commitments(path: str | Path, *, as_of: Any = None) -> pd.DataFrame:
    """Read commitments made up front (``id``, ``description``, ``kind``, ``days``, ``due_date``, ``met``, ``evidence``).

    Raises
    ------
    InputError
        Every problem found; a ``response_within_days`` commitment needs ``days`` or ``due_date``.
    """
    return _one("commitments", path, _env(None, as_of))


def read_preconditions(path: str | Path, *, precondition_ids: Any = None, as_of: Any = None) -> pd.DataFrame:
    """Read the preconditions assessment (``precondition_id``, ``assessment``, ``evidence``, ``evidence_date``, ``assessor``).

    Several rows per precondition add evidence; they must give the same assessment. Ids are
    checked against `precondition_ids` (default: the letter's, :func:`load_preconditions`).

    Raises
    ------
    InputError
        Every problem found: unknown precondition ids (nearest suggested), unknown assessments,
        assessments other than 'unknown' without evidence, conflicting assessments, future dates.
    """
    return _one("preconditions", path, _env(None, as_of, None, precondition_ids))


def read_sessions(path: str | Path, *, as_of: Any = None) -> pd.DataFrame:
    """Read the forum's sessions (``date``, ``hours``, ``format`` in_person/online/hybrid, ``attendance``, ``topic``, ``note``).

    The total of ``hours`` speaks to the precondition "enough time and support".

    Raises
    ------
    InputError
        Every problem found: unreadable dates or numbers, hours not in (0, 24], unknown formats,
        dates after `as_of`.
    """
    return _one("sessions", path, _env(None, as_of))


def check_follow_up(frames: dict[str, pd.DataFrame], *, handover_date: Any, as_of: Any = None,
                    files: dict[str, Any] | None = None, precondition_ids: Any = None) -> None:
    """Check frames read one by one (e.g. by ``toolkit.forum``) against each other and the dates.

    Reports what a single file cannot show: status entries and parliamentary rows for unknown
    recommendation ids, dates before the handover or after `as_of`. Rows are numbered from the
    frames' index (0 = spreadsheet row 2), as the readers keep it.

    Parameters
    ----------
    frames : dict of DataFrame
        By :data:`INPUT_KEYS` (other keys are ignored); ``recommendations`` gives the valid ids.
    handover_date, as_of : date or str
        forum.yml ``follow_up.handover_date`` and ``follow_up.as_of`` (default today).
    files : dict, optional
        File names per key, for the messages.

    Raises
    ------
    InputError
        Every problem found.
    """
    reg = frames.get("recommendations")
    ids = None if reg is None or "id" not in reg else frozenset(reg["id"].dropna())
    env = _env(handover_date, as_of, ids, precondition_ids)
    problems: list[Problem] = []
    for key in INPUT_KEYS:
        if frames.get(key) is not None:
            ctx = _Ctx(str((files or {}).get(key, key)), FIRST_DATA_ROW, [])
            _CHECKS[key](_complete(frames[key].copy(), SPECS[key]), ctx, env)
            problems.extend(sorted(ctx.problems, key=lambda p: p.row or 0))
    raise_if_problems(problems)


def read_follow_up(inputs: dict[str, Any], *, handover_date: Any, as_of: Any = None,
                   precondition_ids: Any = None) -> dict[str, pd.DataFrame]:
    """Read all follow-up files named in forum.yml ``inputs:`` and check them against each other.

    Parameters
    ----------
    inputs : dict
        Paths under the keys of :data:`INPUT_KEYS`; ``recommendations`` is required, other keys of
        ``inputs`` are ignored.
    handover_date : date or str
        Day the advice was handed over (forum.yml ``follow_up.handover_date``).
    as_of : date or str, optional
        Day the follow-up is assessed (``follow_up.as_of``; default today).
    precondition_ids : sequence of str, optional
        Valid precondition ids; default the letter's.

    Returns
    -------
    dict of DataFrame
        One frame per key of :data:`INPUT_KEYS`; absent optional files give empty frames with the
        same columns.

    Raises
    ------
    InputError
        Every problem of every file at once.
    """
    problems: list[Problem] = []
    if not inputs.get("recommendations"):
        raise InputError(Problem("forum.yml", "inputs.recommendations is missing",
                                 "Name the recommendations register under inputs: (see docs/follow_up.md)"))
    env = _env(handover_date, as_of, None, precondition_ids)
    out: dict[str, pd.DataFrame] = {}
    out["recommendations"], cleaned = _read("recommendations", inputs["recommendations"], env, problems)
    ids = None if cleaned is None or "id" not in cleaned else frozenset(cleaned["id"].dropna())
    env = env._replace(recommendation_ids=ids)
    for key in INPUT_KEYS[1:]:
        out[key] = _read(key, inputs[key], env, problems)[0] if inputs.get(key) else _empty(key)
    raise_if_problems(problems)
    return out
