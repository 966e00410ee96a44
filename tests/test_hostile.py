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


# ----------------------------------------------------------------------------- workbooks and SPSS files
def _as_xlsx(folder) -> None:
    """Wave t1 as an .xlsx export (valid)."""
    import pandas as pd

    pd.read_csv(folder / "t1.csv").to_excel(folder / "t1.xlsx", index=False)
    _forum_yml(folder, lambda d: d["surveys"]["files"].update(t1="t1.xlsx"))


def _rewrite_sheet(path, sheet_xml_chunks) -> None:
    """Replace the first worksheet of `path` by the XML the iterable yields (streamed, deflated)."""
    import zipfile

    members = {}
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            members[info.filename] = zf.read(info)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            if name == "xl/worksheets/sheet1.xml":
                with zf.open(name, "w", force_zip64=True) as fh:
                    for chunk in sheet_xml_chunks:
                        fh.write(chunk)
            else:
                zf.writestr(name, data)


def test_xlsx_zip_bomb_is_refused_before_it_is_read(tmp_path, capsys):
    folder = base_forum(tmp_path / "f")
    _as_xlsx(folder)
    row = b'<row><c t="inlineStr"><is><t>r1</t></is></c><c><v>6</v></c><c><v>5</v></c><c><v>2</v></c></row>' * 10_000
    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    _rewrite_sheet(folder / "t1.xlsx", [head] + [row] * 110 + [b"</sheetData></worksheet>"])  # ~110 MB unpacked
    assert (folder / "t1.xlsx").stat().st_size < 2_000_000
    t0 = time.perf_counter()
    err = _check(folder, capsys)
    assert time.perf_counter() - t0 < 10
    assert "t1.xlsx: the workbook unpacks to 105 MB, more than the limit of 100 MB" in err
    assert "limits:" in err


def test_xlsx_limits_are_a_forum_setting(tmp_path, capsys):
    folder = base_forum(tmp_path / "f")
    _as_xlsx(folder)
    assert main(["check", str(folder)]) == 0
    _forum_yml(folder, lambda d: d.update(limits={"xlsx_megabytes": 1, "xlsx_rows": 3}))
    assert "t1.xlsx: the workbook declares 6 rows in sheet1.xml, more than the limit of 3" in _check(folder, capsys)


def test_xlsx_declaring_too_many_rows_is_refused_before_it_is_read(tmp_path, capsys):
    folder = base_forum(tmp_path / "f")
    _as_xlsx(folder)
    head = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<dimension ref="A1:D2000000"/><sheetData></sheetData></worksheet>')
    _rewrite_sheet(folder / "t1.xlsx", [head])
    assert "t1.xlsx: the workbook declares 2,000,000 rows in sheet1.xml, more than the limit of 1,048,576" in _check(folder, capsys)


def test_truncated_xlsx(tmp_path, capsys):
    folder = base_forum(tmp_path / "f")
    _as_xlsx(folder)
    data = (folder / "t1.xlsx").read_bytes()
    (folder / "t1.xlsx").write_bytes(data[: len(data) // 2])
    err = _check(folder, capsys)
    assert "t1.xlsx: is not a complete Excel workbook (BadZipFile" in err and "truncated or damaged" in err


def test_xlsx_with_a_damaged_sheet(tmp_path, capsys):
    folder = base_forum(tmp_path / "f")
    _as_xlsx(folder)
    _rewrite_sheet(folder / "t1.xlsx", [b'<?xml version="1.0"?><worksheet><sheetData><row><c>'])
    assert "t1.xlsx: cannot be opened as an Excel workbook (no element found" in _check(folder, capsys)


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_corrupt_sav(tmp_path, capsys, damage):
    import pandas as pd
    import pyreadstat

    folder = base_forum(tmp_path / "f")
    pyreadstat.write_sav(pd.read_csv(folder / "t1.csv"), str(folder / "t1.sav"))
    data = (folder / "t1.sav").read_bytes()
    (folder / "t1.sav").write_bytes(data[: len(data) // 2] if damage == "truncated" else data[:64] + os.urandom(len(data) - 64))
    _forum_yml(folder, lambda d: d["surveys"]["files"].update(t1="t1.sav"))
    assert "t1.sav: cannot be read as an SPSS file" in _check(folder, capsys)


# ----------------------------------------------------------------------------- reports: labels and warnings
def test_dollar_signs_in_labels_are_plain_text_in_a_run(tmp_path, capsys):
    folder = base_forum(tmp_path / "f")
    _forum_yml(folder, lambda d: d.update(min_cell_size=1))  # every chart drawn
    cb = yaml.safe_load((folder / "codebook.yml").read_text(encoding="utf-8"))
    cb["waves"] = [{"id": "t0", "label": "voor $^$"}, {"id": "t1", "label": "na $_$"}]  # mathtext that cannot parse
    cb["items"]["A"]["label"] = "Kost $5 of $10, $t_0_1$"
    cb["demographics"]["gender"]["categories"] = {"man": "man $^$", "vrouw": "vrouw ($\\x$)"}
    cb["scales"]["S"]["label"] = "schaal $_$"
    (folder / "codebook.yml").write_text(yaml.safe_dump(cb, allow_unicode=True), encoding="utf-8")
    code = main(["run", str(folder), "--out", str(tmp_path / "out"), "--force"])
    out = capsys.readouterr()
    assert code == 0, out.err
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "voor $^$" in report and "<img" in report


def test_a_warning_in_a_section_is_not_rendered_into_the_report(tmp_path, monkeypatch):
    import shutil

    import toolkit.run.runner as runner

    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    for name in ("00_summary.ipynb", "90_data.ipynb"):
        shutil.copy(runner.NOTEBOOKS_DIR / name, nbdir / name)
    path = nbdir / "90_data.ipynb"
    code = "import warnings; warnings.warn('HOSTILE-WARNING from /srv/secret/path.py')"
    path.write_text(path.read_text(encoding="utf-8").replace("show.heading(", code + "; show.heading(", 1), encoding="utf-8")
    monkeypatch.setattr(runner, "NOTEBOOKS_DIR", nbdir)
    res = runner.run_forum("surveys/a1r", tmp_path / "out")
    assert "HOSTILE-WARNING" in path.read_text(encoding="utf-8")  # the warning was raised in the section
    for page in [res.report, *(tmp_path / "out").rglob("*.html")]:
        text = page.read_text(encoding="utf-8")
        assert "HOSTILE-WARNING" not in text and "/srv/secret" not in text, page


# ----------------------------------------------------------------------------- check and run agree
def _control_only_at_t0(folder) -> None:
    t0 = ["respondent_id,groep,gender,A,C,B"] + [f"r{i},{'forum' if i <= 10 else 'controle'},{'man' if i % 2 else 'vrouw'},"
                                                 f"{i % 11},{(3 * i) % 11},{1 + i % 5}" for i in range(1, 21)]
    t1 = ["respondent_id,groep,A,C,B"] + [f"r{i},forum,{(i + 2) % 11},{(5 * i) % 11},{1 + (i + 1) % 5}" for i in range(1, 11)]
    (folder / "t0.csv").write_text("\n".join(t0) + "\n", encoding="utf-8")
    (folder / "t1.csv").write_text("\n".join(t1) + "\n", encoding="utf-8")
    _forum_yml(folder, lambda d: d["surveys"].update(group_column="groep", group_values={"member": "forum", "control": "controle"}))


def test_control_group_absent_from_a_wave_fails_check_and_run_alike(tmp_path, capsys):
    folder = base_forum(tmp_path / "f")
    _control_only_at_t0(folder)
    message = "t1.csv, column 'groep': the control group has no analysed records in wave 't1' (it has in t0)"
    assert message in _check(folder, capsys)
    code = main(["run", str(folder), "--out", str(tmp_path / "out"), "--force"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    assert message in err
