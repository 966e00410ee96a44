"""The columns of the follow-up files: schemas, vocabularies, and how their cells are read.

Each file of :data:`SPECS` is a pandera schema (validated lazily by
:func:`toolkit.intake.validate.validate_frame`), the columns holding dates and coded values, and
hints. :func:`clean` turns the cells as read into typed columns: English codes or Dutch words
("deels overgenomen" -> ``adopted_in_part``), dates in ISO or Dutch formats
(:func:`~toolkit.intake.cells.dates`), shares and numbers with the file's decimal mark
(:func:`~toolkit.intake.cells.numbers`). Every cell that cannot be read is a Problem with its row and column. The readers are in
:mod:`toolkit.intake.register`, the rules rows must keep in :mod:`toolkit.intake.register_rules`.
"""
from __future__ import annotations

import difflib
from typing import Any, NamedTuple

import pandas as pd
import pandera.pandas as pa

from toolkit.errors import Problem
from toolkit.intake.cells import (DATE_HINT, MONTH_HINT, column_name, dates, decimal_hint, numbers, parse_date,
                                  parse_month, text, texts)

__all__ = ["VOCABULARY", "ALIASES", "SPECS", "DATE", "TALLY_COUNTS", "Spec", "Ctx", "row", "clean", "complete",
           "suggest", "precision_column"]

#: Allowed values per coded column (the analyses in toolkit.stats.follow_up.register use the same codes).
VOCABULARY: dict[str, tuple[str, ...]] = {
    "response": ("adopted", "adopted_in_part", "under_consideration", "rejected", "no_response", "unknown"),
    "status": ("not_started", "in_preparation", "in_progress", "implemented", "abandoned"),
    "kind_parliament": ("motion", "debate", "question", "bill", "referendum", "committee", "government", "other"),
    "outcome": ("adopted", "rejected", "withdrawn", "pending", "held", "answered", "passed", "defeated",
                "published", "established"),
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
                 "niet overgenomen": "rejected", "geen reactie": "no_response", "nog geen reactie": "no_response",
                 "onbekend": "unknown", "niet bekend": "unknown", "not known": "unknown"},
    "status": {"niet gestart": "not_started", "in voorbereiding": "in_preparation",
               "in uitvoering": "in_progress", "uitgevoerd": "implemented", "gestopt": "abandoned"},
    "kind_parliament": {"motie": "motion", "debat": "debate", "kamervraag": "question", "kamervragen": "question",
                        "wetsvoorstel": "bill", "wet": "bill", "commissie": "committee", "kabinet": "government",
                        "overig": "other"},
    "outcome": {"aangenomen": "adopted", "verworpen": "rejected", "ingetrokken": "withdrawn",
                "aangehouden": "pending", "gevoerd": "held", "gehouden": "held", "beantwoord": "answered",
                "aangenomen in referendum": "passed", "gepubliceerd": "published", "ingesteld": "established"},
    "kind_commitment": {"reactie binnen dagen": "response_within_days", "kamerdebat": "parliament_debate",
                        "overig": "other"},
    "met": {"ja": "yes", "nee": "no", "onbekend": "unknown", "true": "yes", "false": "no"},
    "assessment": {"voldaan": "met", "deels voldaan": "partly_met", "niet voldaan": "not_met", "onbekend": "unknown"},
    "format": {"fysiek": "in_person", "op locatie": "in_person", "hybride": "hybrid"},
}


#: Count columns of the aggregate tally (``inputs.tally``): the total ``n`` and how many of them had each outcome.
TALLY_COUNTS = ("n", "responded", "adopted", "adopted_in_part", "under_consideration", "rejected", "no_response",
                "implemented")


# ------------------------------------------------------------------------------ file specs
def _col(dtype: Any, required: bool = True, nullable: bool = False, checks: Any = None) -> pa.Column:
    return pa.Column(dtype, checks, required=required, nullable=nullable, coerce=True)


DATE = "datetime64[ns]"


class Spec(NamedTuple):
    schema: pa.DataFrameSchema
    dates: tuple[str, ...] = ()
    vocab: dict[str, str] = {}          # column -> VOCABULARY key
    hints: dict[str, str] = {}
    months: tuple[str, ...] = ()        # date columns that may hold a month alone ("2021-04")


def _schema(columns: dict[str, pa.Column]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(columns, strict=False)


def _isin(key: str) -> pa.Check:
    return pa.Check.isin(VOCABULARY[key])


SPECS: dict[str, Spec] = {
    "recommendations": Spec(_schema({
        "id": _col(str), "title": _col(str), "text": _col(str, False, True), "theme": _col(str),
        "support": _col(float, False, True, pa.Check.in_range(0, 1)), "addressed_to": _col(str),
        "response": _col(str, checks=_isin("response")), "response_date": _col(DATE, False, True),
        "response_source": _col(str, False, True), "reasons": _col(str, False, True),
        "report": _col(str, False, True), "handover_date": _col(DATE, False, True)}),
        ("response_date", "handover_date"), {"response": "response"}, {},
        ("response_date", "handover_date")),
    "implementation": Spec(_schema({
        "recommendation_id": _col(str), "date": _col(DATE), "status": _col(str, checks=_isin("status")),
        "source": _col(str, False, True), "note": _col(str, False, True)}),
        ("date",), {"status": "status"}),
    "parliament": Spec(_schema({
        "recommendation_id": _col(str, False, True), "date": _col(DATE),
        "kind": _col(str, checks=_isin("kind_parliament")), "reference": _col(str, False, True),
        "outcome": _col(str, False, True, _isin("outcome")), "result": _col(str, False, True),
        "source": _col(str, False, True)}),
        ("date",), {"kind": "kind_parliament", "outcome": "outcome"}, {}, ("date",)),
    "commitments": Spec(_schema({
        "id": _col(str), "description": _col(str), "kind": _col(str, checks=_isin("kind_commitment")),
        "days": _col(float, False, True, pa.Check.ge(0)), "due_date": _col(DATE, False, True),
        "met": _col(str, False, True, _isin("met")), "evidence": _col(str, False, True)}),
        ("due_date",), {"kind": "kind_commitment", "met": "met"}),
    "preconditions": Spec(_schema({
        "precondition_id": _col(str), "assessment": _col(str, checks=_isin("assessment")),
        "evidence": _col(str, False, True), "evidence_date": _col(DATE, False, True),
        "assessor": _col(str, False, True)}),
        ("evidence_date",), {"assessment": "assessment"}),
    "sessions": Spec(_schema({
        "date": _col(DATE), "hours": _col(float, checks=pa.Check.in_range(0, 24, include_min=False)),
        "format": _col(str, False, True, _isin("format")), "attendance": _col(float, False, True, pa.Check.ge(0)),
        "topic": _col(str, False, True), "note": _col(str, False, True)}),
        ("date",), {"format": "format"}, {"hours": "Give the session's length in hours, more than 0 and at most 24 (e.g. 6,5)"}),
    "tally": Spec(_schema({
        "assessor": _col(str), "date": _col(DATE), "unit": _col(str, False, True),
        **{c: _col(float, c == "n", True, pa.Check.ge(0)) for c in TALLY_COUNTS},
        "source": _col(str), "note": _col(str, False, True)}),
        ("date",), {}, {"n": "Give the number of recommendations (or topics) the count is about, e.g. 13"}, ("date",)),
}
#: Number columns: column -> whole numbers only?
_NUMBERS = {"days": True, "hours": False, "attendance": True, **{c: True for c in TALLY_COUNTS}}


# ------------------------------------------------------------------------------ cell cleaning
def _norm_token(value: Any, key: str) -> Any:
    if pd.isna(value):
        return value
    s = " ".join(str(value).strip().lower().replace("_", " ").replace("-", " ").split())
    return ALIASES.get(key, {}).get(s, s.replace(" ", "_"))


class Ctx(NamedTuple):
    """One file being read: its name in messages, the row number of index 0, its problems so far,
    and its decimal mark."""

    file: str
    first_row: int
    problems: list
    decimal: str = "."


def row(ctx: Ctx, idx: int) -> int:
    """Row number a spreadsheet shows for index label `idx`."""
    return int(idx) + ctx.first_row


def precision_column(col: str) -> str:
    """Name of the column saying whether date column `col` holds a ``day`` or only a ``month``."""
    return f"{col}_precision"


def _parse_dates(df: pd.DataFrame, col: str, ctx: Ctx, months: bool = False) -> None:
    """Dates of `col` (datetime64); where `months`, a month alone is the month's first day and
    ``<col>_precision`` says ``month`` (``day`` for a full date, empty where no date)."""
    if not months:
        p = dates(df[col])
        for idx in df.index[p.bad]:
            ctx.problems.append(Problem(ctx.file, p.reason[idx], DATE_HINT, row(ctx, idx), col, df.at[idx, col]))
        df[col] = p.values
        return
    out, precision = {}, {}
    for idx, v in df[col].items():
        if pd.isna(v) or (isinstance(v, str) and not v.strip()):
            out[idx], precision[idx] = pd.NaT, pd.NA
            continue
        try:
            month = parse_month(v)
            out[idx] = pd.Timestamp(*month, 1) if month else pd.Timestamp(parse_date(v))
            precision[idx] = "month" if month else "day"
        except ValueError as exc:
            ctx.problems.append(Problem(ctx.file, str(exc), MONTH_HINT, row(ctx, idx), col, v))
            out[idx], precision[idx] = pd.NaT, pd.NA
    df[col] = pd.Series(out, index=df.index, dtype=DATE)
    df[precision_column(col)] = pd.Series(precision, index=df.index, dtype="object")


def _number_problem(p, idx, message: str, hint: str, col: str, value, ctx: Ctx) -> None:
    if p.ambiguous[idx]:
        message, hint = p.reason[idx], decimal_hint(ctx.decimal)
    ctx.problems.append(Problem(ctx.file, message, hint, row(ctx, idx), col, value))


def _parse_support(df: pd.DataFrame, ctx: Ctx) -> None:
    """Shares 0-1 or percentages (a ``%`` sign or any value above 1 makes the column percentages)."""
    cells = texts(df["support"])
    pct = cells.str.endswith("%").fillna(False).astype(bool)
    p = numbers(cells.mask(pct, cells.str[:-1].str.strip()), ctx.decimal)
    for idx in df.index[p.bad]:
        _number_problem(p, idx, "not a number", "Write the share voting for as 0.85, 0,85 or 85%", "support",
                        df.at[idx, "support"], ctx)
    x = p.values
    percent = bool((pct & ~p.bad).any() or (x > 1).any())
    for idx in df.index[x.notna()]:
        if percent and not pct[idx] and 0 < x[idx] <= 1:
            ctx.problems.append(Problem(ctx.file, "looks like a share (0-1) while other rows are percentages",
                                        "Write all support values the same way: all as shares 0-1 or all as percentages",
                                        row(ctx, idx), "support", df.at[idx, "support"]))
        value = x[idx] / 100 if percent else x[idx]
        if not 0 <= value <= 1:
            ctx.problems.append(Problem(ctx.file, "support must lie between 0 and 1 (0% and 100%)",
                                        "Correct the share voting for", row(ctx, idx), "support", df.at[idx, "support"]))
    df["support"] = x / 100 if percent else x


def _parse_number(df: pd.DataFrame, col: str, whole: bool, ctx: Ctx) -> None:
    p = numbers(df[col], ctx.decimal, whole=whole)
    for idx in df.index[p.bad]:
        _number_problem(p, idx, "not a whole number" if whole else "not a number",
                        "Write a number, e.g. 90" if whole else "Write a number, e.g. 6,5", col, df.at[idx, col], ctx)
    df[col] = p.values


def _unknown_columns(df: pd.DataFrame, spec: Spec, ctx: Ctx) -> None:
    known = list(spec.schema.columns)
    for c in df.columns:
        near = difflib.get_close_matches(c, known, n=1, cutoff=0.75)
        if c not in known and near and near[0] not in df.columns:
            ctx.problems.append(Problem(ctx.file, f"unknown column {c!r}", f"Did you mean {near[0]!r}? Rename the column",
                                        1, c))


def suggest(p: Problem, spec: Spec) -> Problem:
    """Replace the generic hint of a not-allowed value by the nearest allowed value."""
    if p.message != "value not among the allowed values" or p.column not in spec.vocab:
        return p
    allowed = VOCABULARY[spec.vocab[p.column]]
    near = difflib.get_close_matches(str(p.value), allowed, n=1, cutoff=0.5)
    hint = (f"Did you mean {near[0]!r}? " if near else "") + "Allowed: " + ", ".join(allowed)
    return p._replace(message=f"unknown value in {p.column!r}", hint=hint)


def clean(raw: pd.DataFrame, spec: Spec, ctx: Ctx) -> pd.DataFrame:
    """Cells as read -> typed columns of `spec`; every unreadable cell is added to ``ctx.problems``.

    Examples
    --------
    >>> ctx = Ctx("r.csv", 2, [])
    >>> raw = pd.DataFrame({"ID": ["R1"], "Response": ["deels overgenomen"], "Response date": ["3 maart 2025"],
    ...                     "Support": ["85%"]})
    >>> df = clean(raw, SPECS["recommendations"], ctx)
    >>> df.loc[0, ["id", "response"]].tolist(), float(df.loc[0, "support"]), df.loc[0, "response_date"].date(), ctx.problems
    (['R1', 'adopted_in_part'], 0.85, datetime.date(2025, 3, 3), [])
    """
    df = raw.copy()
    df.columns = [column_name(c) for c in df.columns]
    _unknown_columns(df, spec, ctx)
    for c in df.columns:
        if c not in spec.dates:
            df[c] = df[c].map(text).astype("object")
    for c, key in spec.vocab.items():
        if c in df:
            df[c] = df[c].map(lambda v, k=key: _norm_token(v, k))
    for c in spec.dates:
        if c in df:
            _parse_dates(df, c, ctx, c in spec.months)
    if "support" in spec.schema.columns and "support" in df:
        _parse_support(df, ctx)
    for col, whole in _NUMBERS.items():
        if col in spec.schema.columns and col in df:
            _parse_number(df, col, whole, ctx)
    return df


def complete(df: pd.DataFrame, spec: Spec) -> pd.DataFrame:
    """Add absent optional columns (empty) and put the columns in schema order."""
    for name, col in spec.schema.columns.items():
        if name not in df:
            df[name] = pd.Series(pd.NaT if name in spec.dates else None, index=df.index,
                                 dtype=DATE if name in spec.dates else ("float64" if col.dtype and "float" in str(col.dtype) else "str"))
    for c in spec.months:
        p = precision_column(c)
        if p not in df:
            df[p] = pd.Series(pd.NA, index=df.index, dtype="object").where(df[c].isna(), "day")
    return df[list(spec.schema.columns) + [precision_column(c) for c in spec.months]]
