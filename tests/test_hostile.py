"""Hostile inputs (issue 14): each refused through the CLI with exit 2, a message and no traceback.

The corpus is generated into `tmp_path` from the small valid forum of tests/faults.py, each case
changing one thing: paths leading out of the forum folder, YAML alias bombs and deep nesting, an
XLSX zip bomb, a truncated workbook, a corrupt SPSS file.
"""
import os
import time

import pytest
import yaml

from faults import base_forum
from toolkit.cli import main


def _check(folder, capsys) -> str:
    """Run ``forum-eval check``, assert exit 2 without a traceback; the messages on stderr."""
    code = main(["check", str(folder)])
    out = capsys.readouterr()
    assert code == 2, out.err + out.out
    assert "Traceback" not in out.err
    return out.err


def _forum_yml(folder, change) -> None:
    data = yaml.safe_load((folder / "forum.yml").read_text(encoding="utf-8"))
    change(data)
    (folder / "forum.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


SECRET = "respondent_id,A,C,B\nGEHEIM-1,6,5,zeven\n"


# ----------------------------------------------------------------------------- paths out of the folder
def _outside(tmp_path):
    """A forum folder and, beside it, a file that is not part of it."""
    folder = base_forum(tmp_path / "forums" / "f")
    (tmp_path / "secret.csv").write_text(SECRET, encoding="utf-8")
    return folder


@pytest.mark.parametrize("how", ["dotdot", "absolute", "symlink", "absolute_missing"])
def test_path_outside_the_forum_folder_is_refused(tmp_path, capsys, how):
    folder = _outside(tmp_path)
    target = {"dotdot": "../../secret.csv", "absolute": str(tmp_path / "secret.csv"), "symlink": "link.csv",
              "absolute_missing": str(tmp_path / "nothing-here.csv")}[how]
    if how == "symlink":
        os.symlink(tmp_path / "secret.csv", folder / "link.csv")
    _forum_yml(folder, lambda d: d["surveys"]["files"].update(t1=target))
    err = _check(folder, capsys)
    assert "key 'surveys.files.t1': the path leads outside the forum folder" in err
    assert "allow_outside_paths: true" in err
    assert "not found" not in err  # refused before its existence is looked at
    assert "GEHEIM" not in err and "zeven" not in err


def test_input_path_outside_is_refused_too(tmp_path, capsys):
    folder = _outside(tmp_path)
    _forum_yml(folder, lambda d: d.update(inputs={"funnel": "../../secret.csv"}))
    assert "key 'inputs.funnel': the path leads outside the forum folder" in _check(folder, capsys)


def test_outside_paths_allowed_explicitly_read_but_never_echo_values(tmp_path, capsys):
    folder = _outside(tmp_path)
    _forum_yml(folder, lambda d: (d["surveys"]["files"].update(t1="../../secret.csv"), d.update(allow_outside_paths=True)))
    err = _check(folder, capsys)
    assert "secret.csv, row 2: this file does not pass the checks (details are not shown" in err
    assert "GEHEIM" not in err and "zeven" not in err and "outside the forum folder" in err


def test_outside_paths_allowed_read_a_valid_file(tmp_path, capsys):
    folder = _outside(tmp_path)
    (folder / "t1.csv").rename(tmp_path / "t1.csv")
    _forum_yml(folder, lambda d: (d["surveys"]["files"].update(t1="../../t1.csv"), d.update(allow_outside_paths=True)))
    assert main(["check", str(folder)]) == 0, capsys.readouterr().err


def test_allow_outside_paths_must_be_true_or_false(tmp_path, capsys):
    folder = _outside(tmp_path)
    _forum_yml(folder, lambda d: d.update(allow_outside_paths="ja"))
    assert "key 'allow_outside_paths' should be true/false" in _check(folder, capsys)


# ----------------------------------------------------------------------------- YAML
BOMB = "\n".join(["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
                 + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)])  # 10^9 values


@pytest.mark.parametrize("where", ["wrong_type", "accepted_value", "codebook"])
def test_yaml_alias_bomb_is_refused_before_it_expands(tmp_path, capsys, where):
    folder = base_forum(tmp_path / "f")
    if where == "codebook":
        path, text = folder / "codebook.yml", (folder / "codebook.yml").read_text(encoding="utf-8") + "\nx:\n  " + BOMB.replace("\n", "\n  ")
    else:
        key = "min_cell_size" if where == "wrong_type" else "description"  # an int, or any text/mapping
        path = folder / "forum.yml"
        text = path.read_text(encoding="utf-8").replace("min_cell_size: 5\n", "") + BOMB + f"\n{key}: *a8\n"
    path.write_text(text, encoding="utf-8")
    t0 = time.perf_counter()
    err = _check(folder, capsys)
    assert time.perf_counter() - t0 < 5  # expanded, it would take minutes and gigabytes
    row = next(i for i, line in enumerate(text.splitlines(), 1) if "&a0" in line)
    assert f"{path.name}, row {row}: uses a YAML anchor or alias (&name or *name)" in err
    assert len(err) < 2000


def test_yaml_loader_refuses_a_single_alias(tmp_path, capsys):
    folder = base_forum(tmp_path / "f")
    (folder / "forum.yml").write_text((folder / "forum.yml").read_text(encoding="utf-8")
                                      + "description: &d tekst\nsource: *d\n", encoding="utf-8")
    lines = (folder / "forum.yml").read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines, 1) if "&d" in line)
    assert f"forum.yml, row {row}: uses a YAML anchor or alias" in _check(folder, capsys)


@pytest.mark.parametrize("file", ["forum.yml", "codebook.yml"])
def test_yaml_nested_20000_deep_is_refused(tmp_path, capsys, file):
    folder = base_forum(tmp_path / "f")
    (folder / file).write_text("name: x\nwaves: " + "[" * 20000 + "\n", encoding="utf-8")
    assert f"{file}, row 2: not valid YAML: exceeded maximum nesting depth" in _check(folder, capsys)


def test_yaml_nested_deeper_than_the_files_need_is_refused(tmp_path, capsys):
    folder = base_forum(tmp_path / "f")
    (folder / "codebook.yml").write_text("waves: " + "[" * 40 + "t0" + "]" * 40 + "\n", encoding="utf-8")
    assert "codebook.yml, row 1: lists and mappings are nested more than 32 levels deep" in _check(folder, capsys)


def test_long_values_are_cut_in_messages(tmp_path, capsys):
    folder = base_forum(tmp_path / "f")
    _forum_yml(folder, lambda d: d.update(min_cell_size="x" * 100_000))
    err = _check(folder, capsys)
    assert "characters in all)" in err and len(err) < 2000


def test_json_nested_20000_deep_is_refused_by_compare(tmp_path, capsys):
    (tmp_path / "results.json").write_text("[" * 20000, encoding="utf-8")
    code = main(["compare", str(tmp_path / "results.json"), "--out", str(tmp_path / "cmp")])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "results.json: not a valid results.json (maximum recursion depth exceeded" in err
