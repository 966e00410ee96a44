import pandas as pd

from toolkit.intake.validate import validate_frame
from toolkit.intake.survey_schema import (DUPLICATE_ID, EMPTY_ID, GROUP_MESSAGE, SCALE_HINT, category_message,
                                          scale_message, survey_schema)

CB = {
    "missing_codes": {98.0: "dont_know"},
    "items": {"A": {"type": "scale", "scale": [0, 10], "waves": ["t0", "t1"], "missing_codes": [-1.0]},
              "K": {"type": "knowledge", "key": 2, "waves": ["t0"], "missing_codes": []},
              "P": {"type": "process", "scale": [1, 5], "waves": ["t1"], "missing_codes": []},
              "T": {"type": "text", "waves": ["t0"], "missing_codes": []}},
    "demographics": {"gender": {"column": "sex", "categories": {"man": "man", "vrouw": "vrouw"}}},
}


def _problems(df, **kw):
    _, problems = validate_frame(df, survey_schema(CB, "t0", {"A": "A", "K": "K", "P": "P", "T": "T"}, **kw), "t0.csv")
    return sorted(problems, key=lambda p: (p.column, p.row))


def test_columns_follow_the_codebook_and_the_wave():
    t0 = survey_schema(CB, "t0", {"A": "A", "K": "K", "P": "P", "T": "T"}, id_column="id")
    t1 = survey_schema(CB, "t1", {"A": "T2A", "K": "T2K", "P": "T2P", "T": "T2T"}, id_column="id", demographics=[])
    assert list(t0.columns) == ["id", "A", "K", "sex"]          # text items are not checked
    assert list(t1.columns) == ["id", "T2A", "T2P"]
    assert not t0.columns["sex"].required                        # a wave need not hold the demographics


def test_scale_allows_declared_and_file_missing_codes():
    df = pd.DataFrame({"respondent_id": pd.array(["a", "b", "c", "d", "e"], dtype="string"),
                       "A": [0.0, 10.0, 98.0, -1.0, 97.0], "K": [1.0, 2.0, 500.0, None, 3.0]})
    [p] = _problems(df)                                          # K = 500: a knowledge item without a scale has no range
    assert (p.row, p.column, p.message, p.hint, p.value) == (6, "A", scale_message("A", [0, 10]), SCALE_HINT, 97.0)
    assert _problems(df, file_missing={"A": [97]}) == []         # SPSS user-missing value of that column


def test_ids_and_categories():
    df = pd.DataFrame({"respondent_id": pd.array(["a", None, "b", "b"], dtype="string"), "A": [1.0, 2.0, 3.0, 4.0],
                       "K": [1.0] * 4, "sex": pd.array(["man", "M", None, "vrouw"], dtype="string")})
    got = [(p.row, p.column, p.message) for p in _problems(df)]
    assert got == [(3, "respondent_id", EMPTY_ID), (4, "respondent_id", DUPLICATE_ID), (5, "respondent_id", DUPLICATE_ID),
                   (3, "sex", category_message("gender"))]
    assert "demographics.gender.recode" in _problems(df)[-1].hint


def test_group_values_missing_ones_fail_too():
    df = pd.DataFrame({"respondent_id": pd.array(["a", "b", "c"], dtype="string"), "A": [1.0] * 3, "K": [1.0] * 3,
                       "g": pd.array(["forum", "x", None], dtype="string")})
    got = [(p.row, p.message, p.value) for p in _problems(df, group=("g", ["forum", "member", "control"]))]
    assert got == [(3, GROUP_MESSAGE, "x"), (4, GROUP_MESSAGE, None)]
