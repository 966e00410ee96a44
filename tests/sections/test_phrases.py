"""The phrase tables of the attitudes and follow-up sections: every phrase in Dutch and English, with
the same placeholders, so that a report in either language can fill in every one."""
from __future__ import annotations

import string

import pytest

from toolkit.sections.attitudes import text as att_text
from toolkit.sections.follow_up import text as fu_text

TABLES = {
    "attitudes.LABELS": att_text.LABELS,
    "attitudes.TEXT": att_text.TEXT,
    "follow_up.LABELS": fu_text.LABELS,
    "follow_up.TEXT": fu_text.TEXT,
    "follow_up.FIGURE_LABELS": fu_text.FIGURE_LABELS,
}


def _fields(phrase: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(phrase) if name}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_phrase_in_both_languages_with_the_same_placeholders(name):
    for key, entry in TABLES[name].items():
        assert set(entry) == {"nl", "en"}, (name, key)
        assert all(isinstance(v, str) and v.strip() for v in entry.values()), (name, key)
        assert _fields(entry["nl"]) == _fields(entry["en"]), (name, key)


def test_lookups_go_through_the_phrase_tables():
    assert att_text.t("topic_att", "en") == "Attitudes" and att_text.t("topic_att", "nl") == "Opvattingen"
    assert att_text.t("pair", "en", wf="a", wt="b", k=1, n=2, up=1, down=0).startswith("From a to b, 1 of 2")
    assert fu_text.text("cap_current", "nl", as_of="1 mei 2025") == "Stand van de uitvoering op 1 mei 2025"
    assert fu_text.label("partly_met", "en") == "partly met" and fu_text.label("R7", "nl") == "R7"
