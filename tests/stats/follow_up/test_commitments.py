"""Commitments checked against small registers whose answers were worked out by hand."""
from __future__ import annotations

import pandas as pd

from conftest import AS_OF, HANDOVER, commitments, no_responses, register
from toolkit.stats.follow_up import commitments as cm


def test_commitments_by_hand():
    debate = pd.DataFrame({"kind": ["motion", "debate"], "date": pd.to_datetime(["2025-05-01", "2025-05-20"])})
    c = cm.commitments_check(commitments(("yes", None, "yes")), register(), AS_OF, HANDOVER, debate).set_index("id")
    # C1: only R1 and R2 answered by 15 April -> 2/5, due date passed -> not met; stated "yes" contradicts
    assert c.loc["C1", "status"] == "not_met" and c.loc["C1", "detail"] == "2/5" and not c.loc["C1", "consistent"]
    assert c.loc["C2", "status"] == "met" and c.loc["C2", "fulfilled_date"] == pd.Timestamp("2025-05-20")
    assert c.loc["C3", "status"] == "met" and not c.loc["C3", "computed"]


def test_commitments_pending_and_all_on_time():
    early = cm.commitments_check(commitments(), no_responses(), "2025-02-14", HANDOVER).set_index("id")
    assert early["status"].tolist() == ["pending", "pending", "met"]
    on_time = register().iloc[:2]
    c = cm.commitments_check(commitments(), on_time, AS_OF, HANDOVER).set_index("id")
    assert c.loc["C1", "status"] == "met" and c.loc["C1", "fulfilled_date"] == pd.Timestamp("2025-04-15")
    late_debate = pd.DataFrame({"kind": ["debate"], "date": pd.to_datetime(["2025-08-01"])})
    c = cm.commitments_check(commitments(), on_time, "2025-09-01", HANDOVER, late_debate).set_index("id")
    assert c.loc["C2", "status"] == "not_met"

