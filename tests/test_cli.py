from pathlib import Path

import pytest

from toolkit.cli import main


def test_new_scaffolds_then_refuses_to_overwrite(tmp_path, capsys):
    target = tmp_path / "my forum"
    assert main(["new", str(target)]) == 0
    assert (target / "forum.yml").is_file() and (target / "codebook.yml").is_file()
    assert main(["new", str(target)]) == 2
    assert "already exists; nothing was overwritten" in capsys.readouterr().err


def test_scaffold_check_names_the_missing_exports(tmp_path, capsys):
    target = tmp_path / "f"
    main(["new", str(target)])
    assert main(["check", str(target)]) == 2
    err = capsys.readouterr().err
    assert "file 'voormeting.csv' not found" in err and "file 'nameting.csv' not found" in err
    assert "Traceback" not in err


def test_missing_folder_exit_2(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope")]) == 2
    assert "forum folder not found" in capsys.readouterr().err


def test_new_never_overwrites_any_file(tmp_path, capsys):
    target = tmp_path / "f"
    target.mkdir()
    (target / "codebook.yml").write_text("mine", encoding="utf-8")  # no forum.yml yet
    assert main(["new", str(target)]) == 2
    assert "codebook.yml: already exists; nothing was overwritten" in capsys.readouterr().err
    assert (target / "codebook.yml").read_text(encoding="utf-8") == "mine"
    assert not (target / "forum.yml").exists()


def test_new_says_which_exports_to_put_where_and_they_pass_check(tmp_path, capsys):
    target = tmp_path / "f"
    assert main(["new", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"{target / 'voormeting.csv'}: the export of wave t0, one row per respondent, columns respondent_id, geslacht, Q1" in out
    assert f"{target / 'nameting.csv'}: the export of wave t1, one row per respondent, columns respondent_id, Q1" in out
    # exports with exactly the columns announced are valid
    (target / "voormeting.csv").write_text("respondent_id,geslacht,Q1\nr1,M,5\nr2,V,7\n", encoding="utf-8")
    (target / "nameting.csv").write_text("respondent_id,Q1\nr1,6\nr2,7\n", encoding="utf-8")
    assert main(["check", str(target)]) == 0


def test_help_of_every_command_has_examples_and_exit_codes(capsys):
    import pytest

    for cmd in ([], ["new"], ["check"], ["run"], ["compare"]):
        with pytest.raises(SystemExit) as exc:
            main([*cmd, "--help"])
        assert exc.value.code == 0
        out = capsys.readouterr().out
        assert "examples:" in out and "exit codes:" in out and "130  interrupted" in out, cmd


def test_version_and_python_dash_m(capsys):
    import subprocess
    import sys

    import pytest

    from toolkit import __version__

    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"forum-eval {__version__}"
    done = subprocess.run([sys.executable, "-m", "toolkit", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == f"forum-eval {__version__}"


def test_a_misspelt_folder_among_several_is_an_error_before_anything_runs(tmp_path, capsys):
    reports = tmp_path / "reports"
    code = main(["run", "surveys/example", "surveys/exmaple", "surveys/a1r", "--reports", str(reports)])
    err = capsys.readouterr().err
    assert code == 2
    assert "surveys/exmaple: forum folder not found. Did you mean surveys/example?" in err
    assert not reports.exists()  # nothing ran


def test_all_misspelt_and_folders_without_forum_yml(tmp_path, capsys):
    (tmp_path / "notes").mkdir()
    code = main(["run", str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "notes")])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "3 problems found" in err and "notes: is not a forum folder: it has no forum.yml" in err


def test_patterns_are_expanded_for_shells_that_do_not(tmp_path, capsys):
    import shutil

    for name in ("one", "two"):
        shutil.copytree("surveys/alleen-register", tmp_path / "surveys" / name)
    reports = tmp_path / "reports"
    code = main(["run", str(tmp_path / "surveys" / "*"), "--reports", str(reports), "--jobs", "1"])
    out = capsys.readouterr().out
    assert code == 0
    # a line as each forum starts and ends, with its report (stdout is not a terminal here)
    assert f"one: started -> {reports / 'one'}" in out
    assert "[1/2] one: done in " in out and f"-> {reports / 'one' / 'report.html'}" in out
    assert "[2/2] two: done in " in out
    assert main(["run", str(tmp_path / "surveys" / "z*")]) == 2
    assert "the pattern matches no folder" in capsys.readouterr().err


def test_a_single_forum_without_a_terminal_says_where_the_report_is(tmp_path, capsys):
    out_dir = tmp_path / "r"
    assert main(["run", "surveys/alleen-register", "--out", str(out_dir)]) == 0
    assert f"-> {out_dir / 'report.html'}" in capsys.readouterr().out
    assert main(["run", "surveys/alleen-register", "--out", str(out_dir)]) == 0
    assert "unchanged since the last good report" in capsys.readouterr().out


def test_the_package_lists_its_api_and_a_forum_has_a_short_repr():
    import toolkit

    assert {"representativeness", "attitudes", "follow_up", "load_forum"} <= set(dir(toolkit))
    assert callable(toolkit.attitudes.analyse) and callable(toolkit.follow_up.figures)
    forum = toolkit.load_forum("surveys/alleen-register")
    text = repr(forum)
    assert len(text) < 400 and text.startswith("Forum(") and "recommendations" in text


@pytest.mark.parametrize("name, note", [("gemeente-30", True), ("example", False)])
def test_check_tells_the_evaluator_of_a_local_forum_how_to_give_a_local_benchmark(name, note, capsys):
    # gemeente-30 is a municipal forum compared with national figures: the report cautions its readers,
    # and `check` (not the report) says what the evaluator can do about it
    assert main(["check", str(Path(__file__).resolve().parents[1] / "surveys" / name)]) == 0
    out = capsys.readouterr().out
    assert ("Note: this municipality forum is compared with population figures of Nederland" in out) is note
    assert ("inputs.benchmark in forum.yml" in out) is note


def test_check_lists_each_excluded_record_for_the_evaluator(capsys):
    # gemeente-rommelig: a duplicate submission (row 50 repeats row 5) and a test record 0999 not in the roster
    assert main(["check", str(Path(__file__).resolve().parents[1] / "surveys" / "gemeente-rommelig")]) == 0
    out = capsys.readouterr().out
    assert "voormeting.csv row 50, id 0282 (wave t0): exact duplicate submission: identical to row 5" in out
    assert "voormeting.csv row 51, id 0999 (wave t0): not in the roster" in out
    assert "more (forum-eval check --all" not in out


def test_check_shows_the_first_excluded_records_and_says_how_to_see_all(tmp_path, capsys):
    import shutil

    forum = tmp_path / "f"
    shutil.copytree(Path(__file__).resolve().parents[1] / "surveys" / "gemeente-rommelig", forum)
    lines = (forum / "voormeting.csv").read_bytes().splitlines(keepends=True)
    # 25 more exact copies of the first respondent's row: 26 duplicates in the ledger
    (forum / "voormeting.csv").write_bytes(b"".join(lines) + lines[1] * 25)
    assert main(["check", str(forum)]) == 0
    out = capsys.readouterr().out
    assert "and 7 more (forum-eval check --all lists every one)" in out
    assert main(["check", str(forum), "--all"]) == 0
    every = capsys.readouterr().out
    assert every.count("exact duplicate submission: identical") == 26 and "id 0999" in every and "more (" not in every


def _register_only(folder: Path) -> Path:
    """`forum-eval new`, then surveys: removed and a register added (the walkthrough's first forum, shortened)."""
    main(["new", str(folder)])
    text = (folder / "forum.yml").read_text(encoding="utf-8")
    start, end = text.index("surveys:"), text.index("inputs: {}")
    (folder / "forum.yml").write_text(text[:start] + "inputs:\n  recommendations: aanbevelingen.csv\n"
                                      "follow_up: {handover_date: 2025-04-15, as_of: 2025-06-01}\n"
                                      + text[end + len("inputs: {}"):], encoding="utf-8")
    (folder / "aanbevelingen.csv").write_text(
        "id;title;theme;addressed_to;response;response_date;response_source\n"
        "A1;Groen;groen;college;overgenomen;12-5-2025;Raadsbrief\n", encoding="utf-8")
    (folder / "stray.csv").write_text("a,b\n1,2\n", encoding="utf-8")   # in the folder, not named in forum.yml
    return folder


def test_check_of_a_forum_without_surveys_names_what_it_read_and_the_unread_codebook(tmp_path, capsys):
    folder = _register_only(tmp_path / "raad")
    capsys.readouterr()
    assert main(["check", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "No survey exports (a forum of counts and registers): read recommendations (aanbevelingen.csv)." in out
    assert "survey records" not in out
    # only what forum.yml names: no stray file, no follow-up file it does not name
    assert "stray" not in out and "implementation" not in out and "parliament" not in out
    assert "codebook.yml's waves, items, missing_codes are not read: forum.yml has no surveys: key" in out


def test_check_and_run_name_the_folder_dot_by_its_real_name(tmp_path, capsys, monkeypatch):
    folder = _register_only(tmp_path / "raad")
    monkeypatch.chdir(folder)
    capsys.readouterr()
    assert main(["check", "."]) == 0
    assert capsys.readouterr().out.startswith("raad: all inputs are valid.")
    from toolkit.run.batch import forum_name

    assert forum_name(".") == "raad" and forum_name(Path("..") / "raad") == "raad"
