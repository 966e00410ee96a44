"""The pandera schema of one survey export (one wave), built from the codebook.

The columns of a survey export are not fixed: the codebook says which items a wave has, on which
scale, with which missing-value codes, and which demographics with which categories. This module
turns that description into a :class:`pandera.DataFrameSchema` that
:func:`toolkit.intake.validate.validate_frame` runs lazily, so every problem is found at once.

The schema checks a *prepared* frame, not the raw cells (reading the cells stays in
:mod:`toolkit.intake.surveys`): respondent ids as stripped text with empty ids as missing, answers
as numbers (missing-value codes still in them), demographic values as stripped text after value
labels and ``recode``, with empty values as missing. Each check carries its user-facing message
(``error``) and what to do about it (``description``), which ``validate_frame`` reports as
:class:`~toolkit.errors.Problem` message and hint.

Not every failure is an error: an empty or duplicate respondent id, and with
``surveys.out_of_range: exclude`` an answer outside its scale, go into the exclusion ledger;
:mod:`toolkit.intake.surveys` decides that from the failures the schema finds.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import pandera.pandas as pa

__all__ = ["survey_schema", "scale_message", "category_message", "EMPTY_ID", "DUPLICATE_ID",
           "SCALE_HINT", "GROUP_MESSAGE", "GROUP_HINT"]

#: Message of an empty respondent id (also the exclusion ledger's reason).
EMPTY_ID = "empty respondent id"
#: Message of a respondent id that appears more than once in a wave (also the ledger's reason).
DUPLICATE_ID = "duplicate respondent id"
_EMPTY_ID_HINT = "Fill in the respondent id; a row without one cannot be linked to anyone"
_DUPLICATE_ID_HINT = "Keep one row per respondent and wave; none of the rows of a repeated id is used"
#: What to do about an answer outside its scale.
SCALE_HINT = ("If it is a missing-value code, declare it under missing_codes in codebook.yml; otherwise correct it "
              "(or set surveys.out_of_range: exclude to ledger such answers)")
#: Message and hint of a group value that surveys.group_values does not map.
GROUP_MESSAGE = "unknown group value"
GROUP_HINT = "Map it to member or control with surveys.group_values in forum.yml"


def scale_message(item: str, scale: Sequence[float]) -> str:
    """Message of an answer to `item` outside its `scale`.

    Examples
    --------
    >>> scale_message("A", [0, 10])
    "answer to 'A' outside its scale 0-10"
    """
    return f"answer to '{item}' outside its scale {scale[0]}-{scale[1]}"


def category_message(name: str) -> str:
    """Message of a value of demographic `name` that is not one of its categories.

    Examples
    --------
    >>> category_message("gender")
    "unknown category for 'gender'"
    """
    return f"unknown category for '{name}'"


def _scale_check(item: str, scale: Sequence[float], codes: list[float]) -> pa.Check:
    lo, hi = scale

    def within(s: pd.Series) -> pd.Series:
        return s.between(lo, hi) | s.isin(codes)

    return pa.Check(within, name=f"scale_{item}", error=scale_message(item, scale), description=SCALE_HINT)


def _not_empty(s: pd.Series) -> pd.Series:
    return s.notna()


def _unique(s: pd.Series) -> pd.Series:
    return ~s.duplicated(keep=False)


def survey_schema(
    codebook: Mapping,
    wave: str,
    columns: Mapping[str, str],
    *,
    id_column: str = "respondent_id",
    demographics: Iterable[str] | None = None,
    group: tuple[str, Iterable[str]] | None = None,
    file_missing: Mapping[str, Iterable[float]] | None = None,
) -> pa.DataFrameSchema:
    """Build the pandera schema of one wave's survey export from the codebook.

    Parameters
    ----------
    codebook : mapping
        From :func:`toolkit.forum.config.load_codebook`: ``items`` (``type``, ``scale``, ``waves``,
        ``missing_codes``), ``missing_codes`` and ``demographics`` (``column``, ``categories``).
    wave : str
        The wave id; only the items asked in this wave are in the schema.
    columns : mapping
        Item id -> its column name in the export (for wide layouts with the wave's prefix/suffix).
    id_column : str
        The respondent id column: never empty, unique within the wave.
    demographics : iterable of str, optional
        Demographic variables whose categories are checked in this export (default: all declared).
        Their columns are optional: a wave need not hold them.
    group : (str, iterable of str), optional
        The group column and the raw values surveys.group_values maps (missing values fail too).
    file_missing : mapping, optional
        Column -> missing-value codes the file itself declares (SPSS user-missing values).

    Returns
    -------
    pandera.DataFrameSchema
        Checks an export prepared as described in the module docstring. Items with a scale
        (``scale``, ``process``, a ``knowledge`` item given one) must lie on it or be a declared
        missing code; other items (``categorical``, ``knowledge`` without a scale) are numbers
        without a range; ``text`` items are not checked. Each check's ``error`` is the message
        and its ``description`` the hint.

    Examples
    --------
    >>> cb = {"missing_codes": {98.0: "dont_know"},
    ...       "items": {"A": {"type": "scale", "scale": [0, 10], "waves": ["t0"], "missing_codes": []}},
    ...       "demographics": {"gender": {"column": "sex", "categories": {"man": "man", "vrouw": "vrouw"}}}}
    >>> schema = survey_schema(cb, "t0", {"A": "A"})
    >>> df = pd.DataFrame({"respondent_id": pd.array(["r1", "r2", "r2", None], dtype="string"),
    ...                    "A": [5.0, 98.0, 11.0, 3.0], "sex": pd.array(["man", "X", None, "vrouw"], dtype="string")})
    >>> from toolkit.intake.validate import validate_frame
    >>> _, problems = validate_frame(df, schema, "t0.csv")
    >>> for p in problems:
    ...     print(p.row, p.column, p.message, repr(p.value))
    5 respondent_id empty respondent id None
    3 respondent_id duplicate respondent id 'r2'
    4 respondent_id duplicate respondent id 'r2'
    4 A answer to 'A' outside its scale 0-10 11.0
    3 sex unknown category for 'gender' 'X'
    """
    id_checks = [pa.Check(_not_empty, ignore_na=False, name="id_not_empty", error=EMPTY_ID, description=_EMPTY_ID_HINT),
                 pa.Check(_unique, name="id_unique", error=DUPLICATE_ID, description=_DUPLICATE_ID_HINT)]
    cols: dict[str, pa.Column] = {id_column: pa.Column(None, id_checks, nullable=True)}
    if group is not None:
        gc, raws = group
        cols[gc] = pa.Column(None, pa.Check.isin(list(raws), ignore_na=False, error=GROUP_MESSAGE, description=GROUP_HINT),
                             nullable=True)
    common = set(codebook["missing_codes"])
    file_missing = file_missing or {}
    for item, spec in codebook["items"].items():
        if wave not in spec["waves"] or spec["type"] == "text":
            continue
        col = columns[item]
        checks = []
        if spec.get("scale"):
            codes = sorted(common | set(spec["missing_codes"]) | set(map(float, file_missing.get(col, []))))
            checks.append(_scale_check(item, spec["scale"], codes))
        cols[col] = pa.Column(float, checks, nullable=True)
    names = codebook["demographics"] if demographics is None else demographics
    for name in names:
        d = codebook["demographics"][name]
        cats = d.get("categories")
        if cats and d["column"] not in cols:
            hint = f"Add a recode in codebook.yml demographics.{name}.recode, or use one of: {', '.join(cats)}"
            cols[d["column"]] = pa.Column(None, pa.Check.isin(list(cats), error=category_message(name), description=hint),
                                          nullable=True, required=False)
    return pa.DataFrameSchema(cols)
