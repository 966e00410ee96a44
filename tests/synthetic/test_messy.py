"""surveys/gemeente-rommelig: the messy municipal exports, configured by forum.yml alone."""
import filecmp
from pathlib import Path

import pandas as pd
import pyreadstat

from toolkit.cli import main
from toolkit.forum.load import load_forum
from toolkit.sections.representativeness.result import analyse
from toolkit.synthetic.messy import make_gemeente_rommelig

SHIPPED = Path(__file__).resolve().parents[2] / "surveys" / "gemeente-rommelig"


def test_the_shipped_folder_is_what_the_seeded_generator_writes(tmp_path):
    folder = make_gemeente_rommelig(tmp_path / "g")
    names = sorted(p.name for p in SHIPPED.iterdir())
    assert names == sorted(p.name for p in folder.iterdir())
    text = [n for n in names if not n.endswith(".sav")]  # SPSS stamps its header with the time written
    match, mismatch, errors = filecmp.cmpfiles(SHIPPED, folder, text, shallow=False)
    assert mismatch == [] and errors == []
    (a, meta_a), (b, meta_b) = (pyreadstat.read_sav(str(f / "nameting.sav"), user_missing=True) for f in (SHIPPED, folder))
    pd.testing.assert_frame_equal(a, b)
    assert meta_a.variable_value_labels == meta_b.variable_value_labels and meta_a.missing_ranges == meta_b.missing_ranges


def test_check_passes_and_names_the_two_excluded_records(capsys):
    assert main(["check", str(SHIPPED)]) == 0
    out = capsys.readouterr().out
    assert "1 record: exact duplicate submission" in out and "1 record: not in the roster" in out


def test_roster_demographics_reach_the_respondents_and_the_count_is_the_rosters():
    forum = load_forum(SHIPPED)
    members = forum.inputs["members"]
    assert members["member_id"].str.fullmatch(r"0\d{3}").all()  # leading zeros kept
    assert int(members["started"].sum()) == 48
    res = analyse(forum)
    assert res.settings["n_members"] == 48  # one member's gender is unknown: still 48, not 47
    comp = res.composition.set_index(["variable", "category"])
    assert comp.loc["age_group"].index.tolist() == ["16-24", "25-44", "45-64", "65+"]
    assert (comp["pop_share"] > 0).all()  # no band without a population figure, so no invented 0%
    resp = forum.respondents.set_index("respondent_id")
    joined = members.set_index("member_id").loc[resp.index, "age_group"]
    assert (resp["age_group"] == joined).all()
    assert sorted(forum.responses["wave"].unique()) == ["t0", "t1"]
    assert "0999" not in set(forum.responses["respondent_id"])


def test_drop_out_counts_every_member_who_started_also_one_of_unknown_gender():
    from toolkit.sections.representativeness.result import figures

    assert figures(load_forum(SHIPPED))["attrition_total"] == {"n_started": 48, "n_dropped": 5}
