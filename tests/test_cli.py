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
