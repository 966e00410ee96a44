"""The synthetic example is reproducible from its seed and labelled synthetic everywhere."""
from pathlib import Path

import pandas as pd

from toolkit.synthetic import make_forum

EXAMPLE = Path(__file__).resolve().parents[1] / "surveys" / "example"


def test_generator_reproduces_the_committed_example(tmp_path):
    fresh = make_forum(tmp_path / "example")
    names = sorted(p.name for p in EXAMPLE.iterdir())
    assert names == sorted(p.name for p in fresh.iterdir())
    for name in names:
        if name.endswith(".xlsx"):  # workbooks carry a creation time: compare the cells
            pd.testing.assert_frame_equal(pd.read_excel(EXAMPLE / name), pd.read_excel(fresh / name))
        else:
            assert (EXAMPLE / name).read_bytes() == (fresh / name).read_bytes(), name


def test_example_is_labelled_synthetic():
    forum = (EXAMPLE / "forum.yml").read_text(encoding="utf-8")
    assert "synthetic: true" in forum and "(synthetisch voorbeeld)" in forum and "SYNTHETIC" in forum
    for name in ("members.csv", "funnel.csv", "public_input.csv"):
        assert "synthetic" in pd.read_csv(EXAMPLE / name)["source"].astype(str).str.lower().unique()[0]
