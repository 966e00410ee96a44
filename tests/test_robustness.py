"""Determinism, atomic output, timeouts, interrupts and property tests of the intake."""
import json
import re
import shutil

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toolkit.run.runner as runner
from faults import base_forum
from toolkit.forum.config import load_codebook, load_config
from toolkit.errors import InputError
from toolkit.intake.surveys import read_surveys

#: The run stamp, as ISO time and as the data section writes it ("26 November 2026, 02:42 UTC"):
#: two runs a minute apart differ there and nowhere else.
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00|\d{1,2} \w+ \d{4}, \d\d:\d\d UTC")


def test_two_runs_identical_but_for_the_run_stamp(tmp_path):
    a = runner.run_forum("surveys/a1r", tmp_path / "a")
    b = runner.run_forum("surveys/a1r", tmp_path / "b")
    ra, rb = (json.loads(r.results.read_text(encoding="utf-8")) for r in (a, b))
    for r in (ra, rb):
        r["provenance"].pop("run_started")
        r["provenance"]["parameters"].pop("run_started", None)
    assert ra == rb
    ha, hb = (STAMP.sub("STAMP", r.report.read_text(encoding="utf-8")) for r in (a, b))
    assert ha == hb


def _notebooks_with(tmp_path, code: str):
    """The light notebooks only (summary, data), with `code` put into the data notebook."""
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    for name in ("00_summary.ipynb", "90_data.ipynb"):
        shutil.copy(runner.NOTEBOOKS_DIR / name, nbdir / name)
    path = nbdir / "90_data.ipynb"
    path.write_text(path.read_text(encoding="utf-8").replace("show.heading(", code + "; show.heading(", 1), encoding="utf-8")
    return nbdir


def test_per_cell_timeout_names_notebook_and_cell(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "NOTEBOOKS_DIR", _notebooks_with(tmp_path, "import time; time.sleep(30)"))
    with pytest.raises(runner.RunFailed, match=r"notebook 90_data.ipynb, cell \d+ did not finish within 8 s \(per-cell timeout"):
        runner.run_forum("surveys/a1r", tmp_path / "out", timeout=8)
    assert not (tmp_path / "out").exists()
    assert (tmp_path / "out.failed" / "executed.ipynb").is_file()


def test_interrupt_leaves_no_half_written_report(tmp_path, monkeypatch):
    good = runner.run_forum("surveys/a1r", tmp_path / "out")
    before = good.report.read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "_assemble", interrupted)
    with pytest.raises(KeyboardInterrupt):
        runner.run_forum("surveys/a1r", tmp_path / "out")
    assert good.report.read_bytes() == before
    assert not list(tmp_path.glob(".out.staging-*"))


# --- property tests: records in = analysed + excluded; corruptions give an error or a ledger entry ---

answer = st.one_of(st.integers(0, 10), st.just(98), st.none())
row = st.tuples(st.sampled_from(["r1", "r2", "r3", "r4", "r5", "", "x9"]), st.sampled_from(["man", "vrouw"]),
                answer, answer, st.one_of(st.integers(1, 5), st.none()))


def _write(folder, t0_rows, t1_rows):
    def frame(rows, demo):
        df = pd.DataFrame(rows, columns=["respondent_id", "gender", "A", "C", "B"]).astype({"A": "Int64", "C": "Int64", "B": "Int64"})
        return df if demo else df.drop(columns="gender")
    frame(t0_rows, True).to_csv(folder / "t0.csv", index=False)
    frame(t1_rows, False).to_csv(folder / "t1.csv", index=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(t0=st.lists(row, min_size=1, max_size=12), t1=st.lists(row, min_size=1, max_size=12))
def test_property_records_in_equal_analysed_plus_excluded(tmp_path, t0, t1):
    folder = base_forum(tmp_path / "p")
    _write(folder, t0, t1)
    try:
        d = read_surveys(load_config(folder), load_codebook(folder))
    except InputError as exc:  # only the scale check may refuse a valid-typed export
        assert all("no respondent has a valid answer" in p.message for p in exc.problems)
        return
    acc = d.accounting
    assert (acc.records_in == acc.analysed + acc.excluded).all()
    assert acc.records_in.tolist() == [len(t0), len(t1)]
    assert d.responses.groupby("wave").respondent_id.nunique().reindex(["t0", "t1"], fill_value=0).tolist() == acc.analysed.tolist()


corruption = st.sampled_from(["", "abc", "-1", "11", "7,5", "99", "NA", "😀", "<script>", "1e309", " 5 ", "0x10"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cell=corruption, row_i=st.integers(0, 5), col=st.sampled_from(["respondent_id", "gender", "A", "C", "B"]))
def test_property_corruption_gives_error_or_ledger_never_crash(tmp_path, cell, row_i, col):
    folder = base_forum(tmp_path / "c")
    df = pd.read_csv(folder / "t0.csv", dtype=str, keep_default_na=False)
    df.loc[row_i, col] = cell
    df.to_csv(folder / "t0.csv", index=False)
    try:
        d = read_surveys(load_config(folder), load_codebook(folder))
    except InputError as exc:
        assert exc.problems and all(p.file for p in exc.problems)
        return
    acc = d.accounting
    assert (acc.records_in == acc.analysed + acc.excluded).all()
