"""The report folder: only a folder forum-eval wrote is ever replaced; a killed run loses nothing."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.errors import InputError
from toolkit.run import output

ROOT = Path(__file__).resolve().parents[2]
FORUM = ROOT / "surveys" / "alleen-register"  # the smallest shipped forum: counts and registers only


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _report(folder: Path, text: str = "old report") -> Path:
    """A folder as a run leaves it."""
    folder.mkdir(parents=True)
    (folder / output.MARKER).write_text("{}", encoding="utf-8")
    (folder / "report.html").write_text(text, encoding="utf-8")
    return folder


def _run(out: Path, capsys) -> tuple[int, str]:
    code = main(["run", str(FORUM), "--out", str(out), "--force"])
    return code, capsys.readouterr().err


def test_a_folder_with_other_files_is_refused_and_left_alone(tmp_path, capsys):
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "chapter1.docx").write_bytes(b"years of work")
    code, err = _run(thesis, capsys)
    assert code == 2
    assert "is a folder with other files in it, not a report of forum-eval" in err
    assert "Traceback" not in err
    assert (thesis / "chapter1.docx").read_bytes() == b"years of work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis"]  # no staging folder, no .failed


def test_the_forum_folder_and_its_parent_are_refused(tmp_path, capsys):
    forum = tmp_path / "surveys" / "f"
    shutil.copytree(FORUM, forum)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    for out in (forum, forum.parent, tmp_path):
        code = main(["run", str(forum), "--out", str(out), "--force"])
        err = capsys.readouterr().err
        assert code == 2, out
        assert "is or contains the forum folder" in err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_a_folder_holding_an_input_is_refused(tmp_path):
    export = tmp_path / "exports" / "wave1.csv"
    export.parent.mkdir()
    export.write_text("id\n1\n", encoding="utf-8")
    with pytest.raises(InputError, match="is or contains an input of the forum"):
        output.prepare(tmp_path / "exports", [tmp_path / "forum", export])


def test_a_file_is_refused(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="is a file or a link, not a report folder"):
        output.prepare(target, [])
    assert target.read_text(encoding="utf-8") == "mine"


def test_a_failed_folder_the_toolkit_did_not_write_is_refused(tmp_path):
    (tmp_path / "r.failed").mkdir()
    (tmp_path / "r.failed" / "data.csv").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="r.failed exists and was not written by forum-eval"):
        output.prepare(tmp_path / "r", [])


def test_new_empty_and_earlier_report_folders_are_accepted(tmp_path):
    assert output.prepare(tmp_path / "new", []) == tmp_path / "new"
    (tmp_path / "empty").mkdir()
    output.prepare(tmp_path / "empty", [])
    legacy = tmp_path / "legacy"  # written by a version without the marker
    (legacy / "notebooks").mkdir(parents=True)
    (legacy / "report.html").write_text("<html>", encoding="utf-8")
    (legacy / "results.json").write_text(json.dumps({"provenance": {"toolkit_version": "0.1.0"}}), encoding="utf-8")
    output.prepare(legacy, [])
    (legacy / "my-notes.txt").write_text("x", encoding="utf-8")  # no longer only a report
    with pytest.raises(InputError, match="not a report of forum-eval"):
        output.prepare(legacy, [])


def test_a_run_replaces_its_own_report_and_marks_it(tmp_path, capsys):
    out = _report(tmp_path / "r")
    code, err = _run(out, capsys)
    assert code == 0, err
    assert (out / "report.html").read_text(encoding="utf-8") != "old report"
    assert json.loads((out / output.MARKER).read_text(encoding="utf-8"))["written_by"] == "forum-eval"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]


def test_a_kill_between_the_two_renames_is_repaired_by_the_next_run(tmp_path):
    out = tmp_path / "r"
    old = _report(tmp_path / f".r.old-{_dead_pid()}", "the last good report")
    stage = _report(tmp_path / f".r.staging-{_dead_pid()}", "half a run")
    output.prepare(out, [])
    assert (out / "report.html").read_text(encoding="utf-8") == "the last good report"
    assert not old.exists() and not stage.exists()


def test_leftovers_of_a_kill_after_the_swap_are_removed(tmp_path):
    out = _report(tmp_path / "r", "new")
    old = _report(tmp_path / f".r.old-{_dead_pid()}", "older")
    output.prepare(out, [])
    assert (out / "report.html").read_text(encoding="utf-8") == "new"
    assert not old.exists()


def test_a_live_runs_staging_folder_and_foreign_dot_folders_are_kept(tmp_path):
    live = _report(tmp_path / f".r.staging-{os.getpid()}", "running")
    foreign = tmp_path / f".r.staging-{_dead_pid()}"
    foreign.mkdir()
    (foreign / "mine.txt").write_text("x", encoding="utf-8")
    output.prepare(tmp_path / "r", [])
    assert live.exists() and (foreign / "mine.txt").exists()


def test_a_terminated_run_leaves_no_staging_folder_nor_helper_files(tmp_path):
    import tempfile

    out = tmp_path / "r"
    assert main(["run", str(FORUM), "--out", str(out)]) == 0
    before = (out / "report.html").read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "toolkit.cli", "run", str(FORUM), "--out", str(out), "--force"],
                            stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".r.staging-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # the kernel has started
    proc.send_signal(signal.SIGTERM)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == 130, err
    assert "interrupted; no report was replaced" in err and "Traceback" not in err
    assert (out / "report.html").read_bytes() == before
    assert not list(tmp_path.glob(".r.*"))
    assert not list(Path(tempfile.gettempdir()).glob(f"forum-eval-helper-{proc.pid}-*"))
