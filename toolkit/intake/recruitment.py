"""Read and check the representativeness inputs (docs/representativeness.md).

One reader per file: members roster, member counts, funnel and quotas. The population they are
compared with: :mod:`toolkit.intake.benchmark` (benchmark, reference attitudes); the wider public's
input: :mod:`toolkit.intake.public_input`; their readers are importable from here too. Each takes
a path (CSV or XLSX, read by :func:`toolkit.intake.files.read_table`) and returns a tidy frame, or
raises :class:`~toolkit.errors.InputError` listing every problem found (file, row, column, value,
what to do). CSV files may be UTF-8 (with or without BOM) with ``,`` as separator, or Dutch Excel
style: ``;`` as separator, decimal comma, cp1252; this is detected.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd
import pandera.pandas as pa

from toolkit.errors import InputError, Problem
from toolkit.intake.tables import (
    count_column, duplicates, file_name, finish, parse, read_cells, rows, text_column, validate,
)
from toolkit.intake.benchmark import (
    SHARE_TOLERANCE, categories_from_benchmark, read_benchmark, read_reference_attitudes,
)
from toolkit.intake.public_input import MISSING_LABELS, read_public_input

__all__ = [
    "FUNNEL_STAGES", "COUNT_STAGES", "ONE_COUNT_COLUMN", "SHARE_TOLERANCE", "MISSING_LABELS", "read_members", "read_member_counts",
    "read_funnel", "read_benchmark", "read_quotas", "read_reference_attitudes",
    "read_public_input", "categories_from_benchmark",
]

FUNNEL_STAGES = ("letters", "registrations", "pool", "drawn", "started", "completed")


# ----------------------------------------------------------------------------- members
def _members_schema(categories: Mapping[str, Sequence[str]] | None) -> pa.DataFrameSchema:
    cols = {
        "member_id": text_column(),
        "started": pa.Column("boolean", nullable=False),
        "completed": pa.Column("boolean", nullable=False),
        "replaces": text_column(nullable=True, required=False),
        "sessions_attended": count_column(nullable=True, required=False),
    }
    unknown = ["onbekend", "Onbekend", "unknown", "Unknown"]  # counted as missing by the analyses
    for var, cats in (categories or {}).items():
        cols[var] = text_column(nullable=True, checks=pa.Check.isin([str(c) for c in cats] + unknown))
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
    file = file_name(path)
    raw, comma = read_cells(path)
    df, problems = parse(raw, {"started": "bool", "completed": "bool", "sessions_attended": "int"},
                         file, comma)
    valid, problems = validate(df, _members_schema(categories), file, problems,
                               {c: f"Use one of: {', '.join(map(str, v))} (or onbekend)"
                                for c, v in (categories or {}).items()})
    problems += duplicates(df, ["member_id"], file) + _member_rules(df, file)
    if valid is not None:
        valid = valid.astype({"started": bool, "completed": bool})
    return finish(valid, problems)


def _member_rules(df: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    if {"started", "completed"} <= set(df.columns):
        wrong = (df["completed"].fillna(False) & ~df["started"].fillna(True)).to_numpy(dtype=bool)
        problems += [Problem(file, "completed is yes but started is no", "Correct started or completed",
                             r, "completed") for r in rows(df, wrong)]
    if {"replaces", "member_id"} <= set(df.columns):
        given = df["replaces"].notna()
        unknown = given & ~df["replaces"].isin(df["member_id"])
        self_ref = given & (df["replaces"] == df["member_id"])
        for r in rows(df, unknown):
            problems.append(Problem(file, "replaces names a member_id that is not in the roster",
                                    "Use the member_id of the member who was replaced, or leave it empty",
                                    r, "replaces", df.at[r, "replaces"]))
        problems += [Problem(file, "a member cannot replace themselves", "Correct replaces", r, "replaces")
                     for r in rows(df, self_ref)]
    return problems


#: The stages a counts file may count (its columns, or the ``stage`` of its one ``members`` column).
COUNT_STAGES = ("drawn", "started", "completed")
#: The one count column of a counts file that counts the members at one stage only.
ONE_COUNT_COLUMN = "members"


def _counts_schema(stages: Sequence[str]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema({"variable": text_column(), "category": text_column(),
                               **{s: count_column() for s in stages}}, strict=False)


def read_member_counts(path, stage: str | None = None) -> pd.DataFrame:
    """Read member counts per category (instead of a roster).

    Parameters
    ----------
    path : str or Path
        Either ``variable, category, drawn, started, completed``: whole numbers >= 0 with
        drawn >= started >= completed; or ``variable, category, members``: one count per
        category, the members at one `stage` (what a forum often publishes: its composition).
        Every variable must add up to the same total at each stage (add a category such as
        ``onbekend`` for members whose value is unknown).
    stage : {"drawn", "started", "completed"}, optional
        Which members the one ``members`` column counts (forum.yml
        ``inputs.member_counts.stage``); required for such a file, not allowed for the other.

    Returns
    -------
    DataFrame
        ``variable, category`` (str), ``drawn, started, completed`` (Int64); for a one-count
        file ``variable, category`` and the column `stage` only (nothing about the other stages).

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
    >>> _ = open(p, "w").write("variable,category,members\\nsex,men,48\\nsex,women,51\\n")
    >>> read_member_counts(p, stage="started")
      variable category  started
    0      sex      men       48
    1      sex    women       51
    """
    file = file_name(path)
    raw, comma = read_cells(path)
    have = [s for s in COUNT_STAGES if s in raw.columns]
    one = ONE_COUNT_COLUMN in raw.columns or stage is not None
    if one:
        _one_count_form(raw, have, stage, file)
    stages = [ONE_COUNT_COLUMN] if one else list(COUNT_STAGES)  # problems name the file's column
    df, problems = parse(raw, dict.fromkeys(stages, "int"), file, comma)
    valid, problems = validate(df, _counts_schema(stages), file, problems)
    problems += duplicates(df, ["variable", "category"], file)
    problems += _stage_rules(df, stages, file) + _equal_totals(df, stages, file)
    out = finish(valid, problems)
    return out.rename(columns={ONE_COUNT_COLUMN: stage}) if one else out


def _one_count_form(raw: pd.DataFrame, have: list[str], stage: str | None, file: str) -> None:
    """A counts file with one ``members`` column: a stage for it, and no stage columns beside it."""
    problems = []
    if ONE_COUNT_COLUMN not in raw.columns:
        problems.append(Problem(
            file, f"forum.yml gives inputs.member_counts.stage ({stage}), but the file has no column "
            f"'{ONE_COUNT_COLUMN}'", f"Name the one count column '{ONE_COUNT_COLUMN}' (or map it: "
            f"columns: {{{ONE_COUNT_COLUMN}: <the file's name>}}), or remove stage for a file with "
            f"{', '.join(COUNT_STAGES)}", row=1, column=ONE_COUNT_COLUMN))
    elif have:
        problems.append(Problem(
            file, f"the file has a column '{ONE_COUNT_COLUMN}' and stage columns ({', '.join(have)})",
            f"Give either one count column '{ONE_COUNT_COLUMN}' (with inputs.member_counts.stage in "
            f"forum.yml) or the columns {', '.join(COUNT_STAGES)}", row=1, column=ONE_COUNT_COLUMN))
    elif stage is None:
        problems.append(Problem(
            file, f"the file has one count column '{ONE_COUNT_COLUMN}', but forum.yml does not say which "
            "members it counts", "Add stage under inputs.member_counts in forum.yml: "
            "{file: ..., stage: started} (or drawn, completed)", row=1, column=ONE_COUNT_COLUMN))
    elif stage not in COUNT_STAGES:
        problems.append(Problem(file, f"unknown stage {stage!r} of the column '{ONE_COUNT_COLUMN}'",
                                f"Use one of {', '.join(COUNT_STAGES)}", column=ONE_COUNT_COLUMN, value=stage))
    if problems:
        raise InputError(problems)


def _stage_rules(df: pd.DataFrame, stages: Sequence[str], file: str) -> list[Problem]:
    problems = []
    have = [s for s in stages if s in df.columns]
    for earlier, later in zip(have, have[1:]):
        grew = (df[later] > df[earlier]).fillna(False).to_numpy(dtype=bool)
        for r in rows(df, grew):
            problems.append(Problem(
                file, f"{later} ({df.at[r, later]}) is larger than {earlier} ({df.at[r, earlier]})",
                f"Each stage can only keep or lose people: {' >= '.join(have)}", r, later,
                df.at[r, later]))
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
    "variable": text_column(), "category": text_column(), "letters": count_column(nullable=True),
    **{s: count_column() for s in FUNNEL_STAGES[1:]},
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
    file = file_name(path)
    raw, comma = read_cells(path)
    df, problems = parse(raw, dict.fromkeys(FUNNEL_STAGES, "int"), file, comma)
    valid, problems = validate(df, _FUNNEL_SCHEMA, file, problems)
    problems += duplicates(df, ["variable", "category"], file)
    problems += _stage_rules(df, FUNNEL_STAGES, file) + _equal_totals(df, FUNNEL_STAGES, file)
    return finish(valid, problems)


# ----------------------------------------------------------------------------- quotas
_QUOTA_SCHEMA = pa.DataFrameSchema({
    "variable": text_column(), "category": text_column(),
    "min": count_column(nullable=True), "max": count_column(nullable=True),
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
    file = file_name(path)
    raw, comma = read_cells(path)
    df, problems = parse(raw, {"min": "int", "max": "int"}, file, comma)
    valid, problems = validate(df, _QUOTA_SCHEMA, file, problems)
    problems += duplicates(df, ["variable", "category"], file)
    if {"min", "max"} <= set(df.columns):
        for r in rows(df, (df["min"] > df["max"]).fillna(False)):
            problems.append(Problem(file, f"min ({df.at[r, 'min']}) is larger than max "
                                    f"({df.at[r, 'max']})", "Swap or correct min and max", r, "min"))
        for r in rows(df, df["min"].isna() & df["max"].isna()):
            problems.append(Problem(file, "neither min nor max given", "Give min, max or both", r, "min"))
    return finish(valid, problems)
