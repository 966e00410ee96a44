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
