"""The benchmark's measures run (bench/run.py): a renamed module or function fails here, not in `make bench`."""
from __future__ import annotations

import importlib.util

from conftest import REPO


def _bench():
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_wider_public_measure_runs_on_a_small_input(tmp_path):
    got = _bench().bench_public(tmp_path, 2_000)
    assert got["rows"] == 2_000 and got["ours"] > 0 and got["rss_mb"] > got["bare_rss_mb"] * 0.5
