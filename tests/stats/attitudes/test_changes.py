"""Multiple-testing adjustment within a family (toolkit.stats.attitudes.changes.adjust_family)."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from toolkit.stats.attitudes.changes import adjust_family


def test_a_missing_p_is_no_member_of_the_family():
    f = pd.DataFrame({"wave_from": ["t0"] * 4, "p": [0.01, float("nan"), 0.04, 0.03]})
    out = adjust_family(f, ["wave_from"])
    # R: p.adjust(c(0.01, 0.04, 0.03), "holm") -> 0.03 0.06 0.06; p.adjust(..., "BH") -> 0.03 0.04 0.04
    assert out["p_holm"].tolist()[0] == pytest.approx(0.03) and math.isnan(out["p_holm"].iloc[1])
    assert out["p_holm"].tolist()[2:] == pytest.approx([0.06, 0.06])
    assert out["p_fdr_bh"].tolist()[2:] == pytest.approx([0.04, 0.04])


def test_each_family_is_adjusted_on_its_own():
    f = pd.DataFrame({"group": ["member", "member", "control", "control"], "p": [0.01, 0.04, 0.01, 0.5]})
    out = adjust_family(f, ["group"], {"p_holm": "holm"})
    # R: p.adjust(c(0.01, 0.04), "holm") -> 0.02 0.04; p.adjust(c(0.01, 0.5), "holm") -> 0.02 0.5
    assert out["p_holm"].tolist() == pytest.approx([0.02, 0.04, 0.02, 0.5])
    assert "p_fdr_bh" not in out.columns
