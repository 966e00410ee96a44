"""The lottery's pool: reading both forms, and its checks against quotas, roster and forum.yml."""
from __future__ import annotations

import pandas as pd
import pytest

from toolkit.errors import InputError
from toolkit.intake import pool as P
from conftest import write, problems_of

QUOTAS = pd.DataFrame({"variable": ["gender", "gender"], "category": ["man", "vrouw"], "min": [1, 1], "max": [2, 2]})
ROSTER = pd.DataFrame({"member_id": ["a", "b", "c"], "replaces": [None, None, "a"]})


def test_reads_one_row_per_registrant_and_counts_per_combination(tmp_path):
    rows = P.read_pool(write(tmp_path / "p.csv", "pool_id;gender\na;man\nb;vrouw\n"), ["gender"])
    assert rows.to_dict("list") == {"pool_id": ["a", "b"], "gender": ["man", "vrouw"]}
    counts = P.read_pool(write(tmp_path / "c.csv", "gender,count\nman,2\nvrouw,0\nonbekend,1\n"), ["gender"])
    assert counts["pool_id"].tolist() == ["2-1", "2-2", "4-1"] and counts.attrs["counted"]


def test_duplicate_ids_empty_features_and_bad_counts_are_named(tmp_path):
    with pytest.raises(InputError) as exc:
        P.read_pool(write(tmp_path / "p.csv", "pool_id,gender\na,man\na,vrouw\nb,\n"), ["gender"])
    msgs = [(p.row, p.column, p.message) for p in problems_of(exc)]
    assert any("appears more than once" in m and r == 2 for r, _, m in msgs)
    assert any(c == "gender" and r == 4 for r, c, _ in msgs)
    with pytest.raises(InputError, match="not a whole number"):
        P.read_pool(write(tmp_path / "c.csv", "gender,count\nman,2.5\n"), ["gender"])


def test_lottery_block_and_roster_agree_or_say_how_not():
    pool = pd.DataFrame({"pool_id": ["a", "x", "y"], "gender": ["man", "vrouw", "anders"]})
    found = P.lottery_problems(pool, QUOTAS, ROSTER, {"panel_size": 3}, pool_file="pool.csv", forum_file="forum.yml")
    text = " | ".join(p.message for p in found)
    assert "no lottery.method" in text
    assert "categories of 'gender' differ" in text and "anders" in text  # the agreement check, both ways
    assert "panel_size is 3, but the roster has 2 drawn members" in text
    assert "1 of the 2 drawn members in the roster are not in the pool" in text
    assert "'b'" not in text and " b " not in text  # a count, never the ids


def test_leximin_is_refused_with_the_reason_and_unknown_methods_named():
    pool = pd.DataFrame({"pool_id": ["a", "b"], "gender": ["man", "vrouw"]})
    for method, expect in (("leximin", "Gurobi"), ("lexmin", "unknown lottery.method")):
        found = P.lottery_problems(pool, QUOTAS, ROSTER, {"panel_size": 2, "method": method},
                                   pool_file="pool.csv", forum_file="forum.yml")
        assert any(expect in p.message or expect in p.hint for p in found), found
    ok = P.lottery_problems(pool, QUOTAS, ROSTER, {"panel_size": 2, "method": "maximin"}, pool_file="pool.csv",
                            forum_file="forum.yml")
    assert ok == []


def test_a_pool_without_the_quota_variables_or_quotas():
    pool = pd.DataFrame({"pool_id": ["a", "b"]})
    found = P.lottery_problems(pool, QUOTAS, ROSTER, {"panel_size": 2, "method": "nash"}, pool_file="pool.csv",
                               forum_file="forum.yml")
    assert any("no column for the quota variable(s) gender" in p.message for p in found)
    found = P.lottery_problems(pool, None, ROSTER, {"panel_size": 2, "method": "nash"}, pool_file="pool.csv",
                               forum_file="forum.yml")
    assert any("no quotas" in p.message for p in found)
