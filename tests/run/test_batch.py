"""Many forums: parallel runs, skipping unchanged forums, a summary table."""
import shutil

from faults import base_forum
from toolkit.run.batch import fingerprint, run_many
from toolkit.cli import main


def test_run_many_in_parallel_then_skip_unchanged(tmp_path, capsys):
    a = base_forum(tmp_path / "surveys" / "mini")
    b = shutil.copytree(a, tmp_path / "surveys" / "mini2")
    bad = base_forum(tmp_path / "surveys" / "broken")
    (bad / "t1.csv").write_text("respondent_id,A\n", encoding="utf-8")
    reports = tmp_path / "reports"
    code = main(["run", str(a), str(b), str(bad), "--reports", str(reports), "--jobs", "2"])
    out = capsys.readouterr()
    assert code == 1  # one forum's input is wrong; the others still ran
    assert "mini    done" in out.out and "mini2   done" in out.out and "broken  input error" in out.out
    assert "broken: input error" in out.err and "no data rows" in out.err
    assert (reports / "mini" / "report.html").is_file() and (reports / "mini2" / "report.html").is_file()
    rows = run_many([a, b], reports, jobs=2)
    assert [r.status for r in rows] == ["unchanged", "unchanged"]
    (b / "t1.csv").write_text((b / "t1.csv").read_text(encoding="utf-8") + "r6,1,1,1\n", encoding="utf-8")
    rows = run_many([a, b], reports, jobs=2)
    assert [r.status for r in rows] == ["unchanged", "done"]
    assert [r.status for r in run_many([a], reports, force=True)] == ["done"]


def test_fingerprint_depends_on_inputs_and_language(tmp_path):
    f = base_forum(tmp_path / "f")
    nl, en = fingerprint(f, "nl"), fingerprint(f, "en")
    assert nl != en and nl == fingerprint(f, None)
    (f / "t0.csv").write_text((f / "t0.csv").read_text(encoding="utf-8") + "r7,man,1,1,1\n", encoding="utf-8")
    assert fingerprint(f, "nl") != nl


def test_an_interrupt_cancels_queued_forums_and_leaves_no_traceback(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for name in ("a", "b", "c", "d"):
        shutil.copytree(root / "surveys" / "alleen-register", tmp_path / "surveys" / name)
    reports = tmp_path / "reports"
    proc = subprocess.Popen([sys.executable, "-m", "toolkit", "run", str(tmp_path / "surveys" / "*"), "--reports",
                             str(reports), "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(root)})
    deadline = time.monotonic() + 60
    while not list(reports.glob(".*.staging-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    t0 = time.monotonic()
    out, err = proc.communicate(timeout=60)
    assert time.monotonic() - t0 < 30
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted; no report was replaced" in err
    assert "c: started" not in out and "d: started" not in out  # the queued forums never started
    assert not list(reports.glob(".*"))  # no staging folder left
