"""The helper process that computes the attitudes analysis while the kernel works (toolkit.run.prefetch)."""
from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from toolkit.run import prefetch
from toolkit.forum.load import load_forum
from toolkit.sections.attitudes import result as attitudes

A1R = "surveys/a1r"


def _helper(folder, forum_dir=A1R):
    proc, spec = prefetch.start(forum_dir, folder)
    proc.wait(timeout=300)
    return spec


def test_without_a_helper_nothing_is_fetched(monkeypatch):
    monkeypatch.delenv(prefetch.ENV, raising=False)
    assert prefetch.fetch("attitudes", load_forum(A1R)) == (False, None)


def test_helper_result_equals_the_kernels_own(tmp_path, monkeypatch):
    monkeypatch.setenv(prefetch.ENV, _helper(tmp_path))
    assert (tmp_path / "attitudes.pkl").is_file()
    forum = load_forum(A1R)
    found, result = prefetch.fetch("attitudes", forum)
    assert found
    own = attitudes.analyse.__wrapped__(forum)
    assert result.settings == own.settings
    pd.testing.assert_frame_equal(result.changes, own.changes)
    pd.testing.assert_frame_equal(result.attrition, own.attrition)


def test_a_result_from_other_inputs_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv(prefetch.ENV, _helper(tmp_path))
    other = load_forum("surveys/example")
    assert prefetch.fetch("attitudes", other) == (False, None)


def test_a_failed_or_dead_helper_means_compute_it_yourself(tmp_path, monkeypatch):
    forum = load_forum(A1R)
    monkeypatch.setenv(prefetch.ENV, _helper(tmp_path, forum_dir=tmp_path / "no-such-forum"))
    assert (tmp_path / "attitudes.failed").is_file()
    assert prefetch.fetch("attitudes", forum) == (False, None)
    # a helper that ended without writing anything (killed): its pid is gone, so no waiting
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv(prefetch.ENV, f"{empty}{os.pathsep}{dead.stdout.strip()}")
    assert prefetch.fetch("attitudes", forum) == (False, None)


def test_only_the_prefetched_sections_are_looked_up(tmp_path, monkeypatch):
    monkeypatch.setenv(prefetch.ENV, f"{tmp_path}{os.pathsep}{os.getpid()}")
    assert "representativeness" not in prefetch.PREFETCHED
    assert prefetch.fetch("representativeness", load_forum(A1R)) == (False, None)


def test_the_section_cache_takes_the_helpers_result(tmp_path, monkeypatch, forum_dir=A1R):
    monkeypatch.setenv(prefetch.ENV, _helper(tmp_path, forum_dir))
    forum = load_forum(forum_dir)
    from toolkit.sections import cache

    def computed_here(*args):
        raise AssertionError("the analysis was computed again instead of taken from the helper")

    monkeypatch.setattr(attitudes, "_settings", computed_here)
    cache.clear()
    with pytest.raises(AssertionError, match="computed again"):  # not installed (JupyterLab): computes
        attitudes.analyse(forum)
    prefetch.install()
    try:
        cache.clear()
        result = attitudes.analyse(forum)
        assert result is not None and result.changes is not None
        monkeypatch.delenv(prefetch.ENV)
        cache.clear()
        with pytest.raises(AssertionError, match="computed again"):
            attitudes.analyse(forum)
    finally:
        cache.remove_source(prefetch.fetch)
        cache.clear()
