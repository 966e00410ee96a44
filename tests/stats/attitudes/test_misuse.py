"""A caller's mistake in toolkit.stats raises TypeError/ValueError; InputError stays for what the user's data lack."""
from __future__ import annotations

import pandas as pd
import pytest

from toolkit.errors import InputError
from toolkit.stats.attitudes import changes as CH
from toolkit.stats.attitudes import knowledge as KN
from toolkit.stats.attitudes import scales as SC
from toolkit.stats.attitudes.raking import rake

RESPONSES = pd.DataFrame({"respondent_id": ["a", "a", "b", "b"], "group": "member", "wave": ["t0", "t1"] * 2,
                          "item": "q", "value": [1.0, 2.0, 3.0, 3.0], "missing_code": float("nan")})


def test_a_frame_that_is_not_one_is_a_type_error():
    with pytest.raises(TypeError, match=r"paired_changes: expected a pandas DataFrame, found dict"):
        CH.paired_changes({"value": [1]}, ["q"], [("t0", "t1")])


def test_a_column_the_tidy_frame_always_has_is_a_value_error():
    with pytest.raises(ValueError, match=r"column\(s\) 'wave' missing"):
        CH.paired_changes(RESPONSES.drop(columns="wave"), ["q"], [("t0", "t1")])


def test_malformed_arguments_are_value_or_type_errors():
    with pytest.raises(ValueError, match="alternative must be one of"):
        CH.paired_changes(RESPONSES, ["q"], [("t0", "t1")], alternative="bigger")
    with pytest.raises(TypeError, match="answer_key must be a non-empty mapping"):
        KN.knowledge(RESPONSES, ["q", "r"], waves=["t0", "t1"])
    with pytest.raises(TypeError, match="scales must be a non-empty mapping"):
        SC.scale_scores(RESPONSES, [])


def test_what_the_data_lack_stays_an_input_error():
    with pytest.raises(InputError, match="item 'nope' does not occur in the data"):
        CH.paired_changes(RESPONSES, ["nope"], [("t0", "t1")])
    with pytest.raises(InputError, match="add up to 1"):
        rake(pd.DataFrame({"respondent_id": ["a", "b"], "gender": ["man", "vrouw"]}),
             {"gender": {"man": 0.5, "vrouw": 0.6}})
