"""The synthetic example is reproducible from its seed and labelled synthetic everywhere."""
from pathlib import Path

import pandas as pd

import pytest

from toolkit.synthetic.forums import COMPARISON_SET, make_forum

SURVEYS = Path(__file__).resolve().parents[2] / "surveys"
EXAMPLE = SURVEYS / "example"


@pytest.mark.parametrize("name, kwargs", [("example", {}), *COMPARISON_SET.items()])
def test_generator_reproduces_the_committed_forums(tmp_path, name, kwargs):
    committed = SURVEYS / name
    fresh = make_forum(tmp_path / name, **kwargs)
    names = sorted(p.name for p in committed.iterdir())
    assert names == sorted(p.name for p in fresh.iterdir())
    for name in names:
        if name.endswith(".xlsx"):  # workbooks carry a creation time: compare the cells
            pd.testing.assert_frame_equal(pd.read_excel(committed / name), pd.read_excel(fresh / name))
        else:
            assert (committed / name).read_bytes() == (fresh / name).read_bytes(), name


def test_example_is_labelled_synthetic():
    forum = (EXAMPLE / "forum.yml").read_text(encoding="utf-8")
    assert "synthetic: true" in forum and "(synthetisch voorbeeld)" in forum and "SYNTHETIC" in forum
    for name in ("members.csv", "funnel.csv", "public_input.csv"):
        assert "synthetic" in pd.read_csv(EXAMPLE / name)["source"].astype(str).str.lower().unique()[0]
