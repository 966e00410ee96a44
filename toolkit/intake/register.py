"""Read the political follow-up of a forum: recommendations register and what happened to it.

Five files, each CSV (UTF-8 with or without BOM, or Dutch Excel: ``;`` and cp1252) or XLSX, read by
:func:`toolkit.intake.files.read_table`, are documented in docs/follow_up.md: ``recommendations``
(required), ``implementation``, ``parliament``, ``commitments`` and ``preconditions`` (the
assessment), and the forum's ``sessions``. Every file is checked with a pandera schema (lazily) and
with domain checks; all problems of all files are raised together as one
:class:`~toolkit.errors.InputError`. Values may be written in English codes or Dutch words
("deels overgenomen" -> ``adopted_in_part``); dates in ISO or Dutch formats (:func:`toolkit.intake.cells.parse_date`).
The columns and how their cells are read: :mod:`toolkit.intake.register_columns`; the rules the
rows must keep: :mod:`toolkit.intake.register_rules`.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from toolkit.errors import InputError, Problem, raise_if_problems
from toolkit.intake.validate import FIRST_DATA_ROW, validate_frame
from toolkit.intake.cells import parse_date
from toolkit.intake.files import read_table
from toolkit.intake.register_columns import SPECS, VOCABULARY, Ctx, clean, complete, suggest
from toolkit.intake.register_rules import CHECKS, Env

__all__ = [
    "load_preconditions", "read_recommendations", "read_implementation",
    "read_parliament", "read_commitments", "read_preconditions", "read_sessions", "read_tally",
    "read_follow_up", "check_follow_up", "VOCABULARY", "INPUT_KEYS",
]

#: forum.yml ``inputs:`` keys read by :func:`read_follow_up`.
INPUT_KEYS = ("recommendations", "implementation", "parliament", "commitments", "preconditions", "sessions", "tally")


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


# ------------------------------------------------------------------------------ readers
def _read(key: str, path: str | Path, env: Env, problems: list) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """(validated frame or None, cleaned frame or None); problems are appended to `problems`."""
    spec = SPECS[key]
    try:
        table = read_table(path)
    except InputError as exc:
        problems.extend(exc.problems)
        return None, None
    ctx = Ctx(str(path), table.first_row, [], table.decimal)
    df = clean(table.frame, spec, ctx)
    validated, found = validate_frame(df, spec.schema, ctx.file, spec.hints, first_row=ctx.first_row)
    ctx.problems.extend(suggest(p, spec) for p in found)
    CHECKS[key](complete(df.copy(), spec), ctx, env)   # missing columns come in empty: checks skip them
    problems.extend(sorted(ctx.problems, key=lambda p: p.row or 0))
    return (None if validated is None else complete(validated, spec)), df


def _empty(key: str) -> pd.DataFrame:
    return complete(pd.DataFrame(index=pd.RangeIndex(0)), SPECS[key])


def _env(handover_date: Any = None, as_of: Any = None, recommendation_ids: Any = None,
         precondition_ids: Any = None) -> Env:
    handover = None if handover_date is None else pd.Timestamp(parse_date(handover_date))
    as_of = pd.Timestamp(parse_date(as_of if as_of is not None else dt.date.today()))
    ids = None if recommendation_ids is None else frozenset(map(str, recommendation_ids))
    pids = tuple(precondition_ids) if precondition_ids is not None else \
        tuple(p["id"] for p in load_preconditions()["preconditions"])
    return Env(handover, as_of, ids, pids)


def _one(key: str, path: str | Path, env: Env) -> pd.DataFrame:
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


def read_tally(path: str | Path, *, as_of: Any = None) -> pd.DataFrame:
    """Read aggregate tallies of the follow-up (``assessor``, ``date``, ``unit``, ``n``, ``responded``,
    ``adopted``, ``adopted_in_part``, ``under_consideration``, ``rejected``, ``no_response``,
    ``implemented``, ``source``, ``note``), for when the per-recommendation list is not public.

    One row per assessment: the government's own count and an independent one (a newspaper's, a
    researcher's) side by side. Counts left empty were not given (never read as 0); ``date`` may be a
    month alone (``2019-04``).

    Raises
    ------
    InputError
        Every problem found: counts that are not whole numbers, larger than ``n``, or adding up to
        more than the responses; dates after `as_of`.
    """
    return _one("tally", path, _env(None, as_of))


def check_follow_up(frames: dict[str, pd.DataFrame], *, handover_date: Any, as_of: Any = None,
                    files: dict[str, Any] | None = None, precondition_ids: Any = None) -> None:
    """Check frames read one by one (e.g. by ``toolkit.forum.load``) against each other and the dates.

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
            ctx = Ctx(str((files or {}).get(key, key)), FIRST_DATA_ROW, [])
            CHECKS[key](complete(frames[key].copy(), SPECS[key]), ctx, env)
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
    if not inputs.get("recommendations") and not inputs.get("tally"):
        raise InputError(Problem("forum.yml", "inputs.recommendations is missing",
                                 "Name the recommendations register under inputs: (see the follow-up chapter of the "
                                 "documentation), or, when the list is not public, a tally (inputs.tally)"))
    env = _env(handover_date, as_of, None, precondition_ids)
    out: dict[str, pd.DataFrame] = {}
    if inputs.get("recommendations"):
        out["recommendations"], cleaned = _read("recommendations", inputs["recommendations"], env, problems)
    else:
        out["recommendations"], cleaned = _empty("recommendations"), None
    ids = None if cleaned is None or "id" not in cleaned else frozenset(cleaned["id"].dropna())
    env = env._replace(recommendation_ids=ids)
    for key in INPUT_KEYS[1:]:
        out[key] = _read(key, inputs[key], env, problems)[0] if inputs.get(key) else _empty(key)
    raise_if_problems(problems)
    return out
