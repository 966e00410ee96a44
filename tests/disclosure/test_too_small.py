"""The one small-cell test outside toolkit/disclosure (toolkit.disclosure.suppress.too_small)."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.disclosure.suppress import too_small

ROOT = Path(__file__).resolve().parents[2] / "toolkit"


@pytest.mark.parametrize("n, figure, expected", [
    (0, False, False), (1, False, True), (4, False, True), (5, False, False), (float("nan"), False, False),
    (0, True, True), (4, True, True), (5, True, False), (12, True, False),
])
def test_counts_and_figures(n, figure, expected):
    assert too_small(n, 5, figure=figure) is expected


def test_shapes_follow_the_input_and_none_means_no_threshold():
    s = pd.Series([0, 3, 7], index=[10, 11, 12])
    assert too_small(s, 5).equals(pd.Series([False, True, False], index=[10, 11, 12]))
    assert too_small(np.array([2, 9]), 5).tolist() == [True, False]
    assert not too_small([2, 9], None).any()


def test_no_small_cell_comparison_outside_the_disclosure_package():
    pattern = re.compile(r"[<>]=?\s*(?:s\[\"min_cell\"\]|min_cell_size\(|min_cell\b|mc\b)")
    found = [f"{p.relative_to(ROOT)}:{i}" for p in ROOT.rglob("*.py") if "disclosure" not in p.parts
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line.split("#")[0]) and "`" not in line and '"' * 3 not in line and not line.strip().startswith(("``", ">>>"))]
    assert not found, f"compare with toolkit.disclosure.suppress.too_small instead: {found}"
