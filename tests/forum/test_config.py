from pathlib import Path

import pytest
import yaml

from toolkit.forum.config import load_codebook, load_config
from toolkit.errors import InputError

REPO = Path(__file__).resolve().parents[2]


def _edit(folder, name, **changes):
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data), encoding="utf-8")


def test_valid_config_has_defaults(mini_forum):
    cfg = load_config(mini_forum)
    assert cfg["min_cell_size"] == 5 and cfg["language"] == "nl" and cfg["free_text"] is False
    assert cfg["surveys"]["files"]["t0"].name == "t0.csv"


def test_unknown_key_names_nearest_valid_key(mini_forum):
    _edit(mini_forum, "forum.yml", min_cel_size=5)
    with pytest.raises(InputError, match=r"unknown key 'min_cel_size'.*Did you mean 'min_cell_size'"):
        load_config(mini_forum)


def test_wrong_type_and_missing_file_reported_together(mini_forum):
    _edit(mini_forum, "forum.yml", min_cell_size="five", surveys={"layout": "per_wave", "files": {"t0": "nope.csv", "t1": "t1.csv"}})
    with pytest.raises(InputError) as err:
        load_config(mini_forum)
    text = str(err.value)
    assert "2 problems found" in text
    assert "'min_cell_size' should be a whole number, found text" in text
    assert "file 'nope.csv' not found" in text


def test_missing_forum_yml(tmp_path):
    (tmp_path / "f").mkdir()
    with pytest.raises(InputError, match="forum.yml: file not found. Create it"):
        load_config(tmp_path / "f")


def test_invalid_yaml_names_line(mini_forum):
    (mini_forum / "forum.yml").write_text("name: x\nsurveys: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"not valid YAML"):
        load_config(mini_forum)


def test_paths_with_spaces_and_non_ascii(tmp_path):
    from conftest import MINI_CODEBOOK, mini_waves, write_forum

    waves = mini_waves()
    folder = write_forum(tmp_path / "forum één", {"name": "Één", "surveys": {"files": {"t0": "meting één.csv", "t1": "t1.csv"}}},
                         MINI_CODEBOOK, {"meting één.csv": waves["t0.csv"], "t1.csv": waves["t1.csv"]})
    assert load_config(folder)["surveys"]["files"]["t0"].name == "meting één.csv"


def test_codebook_unknown_item_type_and_scale_item(mini_forum):
    _edit(mini_forum, "codebook.yml", items={"A": {"type": "scael", "scale": [0, 10]}},
          scales={"s": {"items": ["A", "Z"]}})
    with pytest.raises(InputError) as err:
        load_codebook(mini_forum)
    assert "Did you mean 'scale'" in str(err.value)
    assert "scales.s names item 'Z'" in str(err.value)


def test_a_forum_without_surveys_loads_and_says_so():
    """Counts and registers only (issue: real assemblies publish no respondent data): no survey, no codebook."""
    from toolkit.forum.load import load_forum
    from toolkit.report.pipeline import compute_results, scorecard_lines
    from toolkit.sections.summary import scorecard_rows

    forum = load_forum(REPO / "surveys" / "alleen-register")
    assert forum.codebook["waves"] == [] and forum.responses.empty and forum.respondents.empty
    results = compute_results(forum)
    assert results["forum"]["waves"] == [] and results["attitudes"] is None and results["representativeness"] is None
    assert results["follow_up"]["n_recommendations"] > 0
    rows = scorecard_rows(results, "nl", scorecard_lines())
    findings = dict((topic, finding) for topic, finding, _ in rows)
    assert findings["Deelnemers"].startswith("Geen enquêtes") and "0 forumleden" not in " ".join(findings.values())
    assert "Gegevens" not in findings  # no '0 records read' line for a forum that has no records


def test_a_codebook_is_still_required_with_surveys(tmp_path):
    from conftest import MINI_CODEBOOK, mini_waves, write_forum

    forum = {"name": "Mini", "surveys": {"layout": "per_wave", "files": {"t0": "t0.csv", "t1": "t1.csv"}}}
    folder = write_forum(tmp_path / "mini", forum, MINI_CODEBOOK, mini_waves())
    (folder / "codebook.yml").unlink()
    with pytest.raises(InputError, match="file not found"):
        load_codebook(folder)


# ----------------------------------------------------------------------------- symbolic links out of the folder
def _link_out(folder, name, allow=False):
    """Move `name` out of the forum folder and leave a symbolic link to it in its place."""
    import os

    outside = folder.parent / "elsewhere"
    outside.mkdir(exist_ok=True)
    if allow:
        _edit(folder, name, allow_outside_paths=True)
    (folder / name).rename(outside / name)
    os.symlink(outside / name, folder / name)


@pytest.mark.parametrize("name", ["forum.yml", "codebook.yml"])
def test_settings_file_linking_outside_the_folder_is_refused(mini_forum, name):
    from toolkit.forum.load import load_forum

    _link_out(mini_forum, name)
    pattern = rf"{name} is a symbolic link that leads outside the forum folder.*allow_outside_paths: true"
    for load in (load_config, load_codebook, load_forum):
        with pytest.raises(InputError, match=pattern):
            load(mini_forum)


def test_forum_yml_linking_outside_is_read_when_it_allows_outside_paths(mini_forum):
    _link_out(mini_forum, "forum.yml", allow=True)
    assert load_config(mini_forum)["allow_outside_paths"] is True


def test_forum_yml_linking_outside_exits_2_without_echoing_it(mini_forum, capsys):
    from toolkit.cli import main

    _link_out(mini_forum, "forum.yml")
    (mini_forum.parent / "elsewhere" / "forum.yml").write_text("GEHEIM: [1, 2\n", encoding="utf-8")  # not even YAML
    assert main(["check", str(mini_forum)]) == 2
    err = capsys.readouterr().err
    assert "forum.yml is a symbolic link that leads outside the forum folder" in err
    assert "Traceback" not in err and "GEHEIM" not in err and "not valid YAML" not in err


def test_forum_folder_link_chain_leading_out_is_refused(mini_forum):
    """surveys/a -> surveys/b -> <elsewhere>/mini: the folder named lies outside surveys/."""
    import os

    from toolkit.forum.load import load_forum

    surveys = mini_forum.parent / "surveys"
    surveys.mkdir()
    os.symlink(mini_forum, surveys / "b")
    os.symlink(surveys / "b", surveys / "a")
    for load in (load_config, load_forum):
        with pytest.raises(InputError, match=r"the forum folder is a symbolic link \(or a chain of them\) that "
                                             r"leads outside .*surveys"):
            load(surveys / "a")
    _edit(mini_forum, "forum.yml", allow_outside_paths=True)
    assert load_config(surveys / "a")["folder"] == mini_forum.resolve()


def test_forum_folder_link_within_its_folder_is_accepted(mini_forum):
    import os

    os.symlink(mini_forum, mini_forum.parent / "alias")
    assert load_config(mini_forum.parent / "alias")["folder"] == mini_forum.resolve()


def test_member_counts_stage_is_checked_and_only_for_member_counts(mini_forum):
    (mini_forum / "c.csv").write_text("variable,category,members\nsex,men,4\n", encoding="utf-8")
    _edit(mini_forum, "forum.yml", inputs={"member_counts": {"file": "c.csv", "stage": "begun"},
                                           "funnel": {"file": "c.csv", "stage": "started"}})
    with pytest.raises(InputError) as err:
        load_config(mini_forum)
    text = str(err.value)
    assert "key 'inputs.member_counts.stage' must be one of drawn, started, completed" in text
    assert "key 'inputs.funnel.stage' is only for inputs.member_counts" in text
    _edit(mini_forum, "forum.yml", inputs={"member_counts": {"file": "c.csv", "stage": "started"}})
    assert load_config(mini_forum)["file_specs"]["inputs.member_counts"]["stage"] == "started"


def test_the_forums_area_is_checked_and_read(mini_forum):
    from toolkit.forum.settings import forum_area

    _edit(mini_forum, "forum.yml", area={"name": "Gemeente Utrecht", "level": "gemeente", "cod": "GM0344"})
    with pytest.raises(InputError, match="unknown area.level 'gemeente'") as err:
        load_config(mini_forum)
    assert "Use one of national, province, municipality, district" in str(err.value)
    assert "Did you mean 'area.code'" in str(err.value)
    _edit(mini_forum, "forum.yml", area={"name": "Gemeente Utrecht", "level": "municipality", "code": "GM0344"})
    assert forum_area(load_config(mini_forum)) == {"name": "Gemeente Utrecht", "level": "municipality", "code": "GM0344"}
