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
