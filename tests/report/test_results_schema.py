"""results.json's JSON Schema: every key described, generated from results_fields.yml and in step.

The shipped forums' results.json (computed in-process, as the summary notebook does, once per forum
for the module) validate against it; a key without a description fails and says which and how to
describe it; null passes only where the schema says when.
"""
from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from fastjsonschema import JsonSchemaValueException

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "results_schema.py"
FORUMS = sorted(p.name for p in (REPO / "surveys").iterdir() if (p / "forum.yml").is_file())
_RESULTS: dict[str, dict] = {}


def _script():
    sys.path.insert(0, str(SCRIPT.parent))
    import results_schema

    return results_schema


def results_of(name: str) -> dict:
    """results.json of a shipped forum (as the run writes it, run stamp fixed), computed once per module."""
    if name not in _RESULTS:
        from toolkit import compute_results, load_forum
        from toolkit.jsonable import jsonable as to_jsonable

        res = compute_results(load_forum(REPO / "surveys" / name), {"lang": "nl", "forum": name},
                              "2026-01-01T00:00:00+00:00")
        _RESULTS[name] = json.loads(json.dumps(to_jsonable(res)))
    return copy.deepcopy(_RESULTS[name])


def _schema() -> dict:
    from toolkit.report.results import SCHEMA_PATH

    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- generated and in step

def test_schema_and_data_dictionary_are_what_the_description_file_gives():
    run = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_key_has_a_description_and_fixed_objects_admit_no_other_key():
    nodes = _script().schema_nodes(_schema())
    assert len(nodes) > 400
    for path, s in nodes:
        if path.endswith("[]") and "properties" in s:  # an array's row: its keys are described
            assert s["additionalProperties"] is False or "x-keys" in s, path
            continue
        assert s.get("description", "").strip(), f"{path} has no description"
        if "properties" in s:
            assert s["additionalProperties"] is False or "x-keys" in s, f"{path} admits undescribed keys"
        nullable = "null" in (s.get("type") if isinstance(s.get("type"), list) else [s.get("type")]) or any(
            p.get("type") == "null" for p in s.get("anyOf", []))
        assert nullable == ("x-null-when" in s), f"{path}: null allowed without saying when, or the reverse"
    assert _schema()["properties"]["provenance"]["properties"]["parameters"]["additionalProperties"] is True


def test_the_description_file_refuses_an_entry_without_description_or_with_an_unknown_unit(tmp_path):
    rs = _script()
    bad = tmp_path / "fields.yml"
    bad.write_text("forum:\n  type: object\n  description: x\nforum.n:\n  type: integer\n  unit: people\n"
                   "  description: x\nforum.m:\n  type: number\n", encoding="utf-8")
    with pytest.raises(rs.DescriptionError, match=r"forum.n: unit 'people' is not one of .*\n  forum.m: no description"):
        rs.load_fields(bad)


def test_a_null_entry_must_say_when(tmp_path):
    rs = _script()
    bad = tmp_path / "fields.yml"
    bad.write_text("forum:\n  type: object\n  description: x\nforum.n:\n  type: integer\n  null_when: ''\n"
                   "  description: x\n", encoding="utf-8")
    with pytest.raises(rs.DescriptionError, match=r"forum.n: null_when says when, in words"):
        rs.load_fields(bad)


# ----------------------------------------------------------------------------- the shipped forums

@pytest.mark.parametrize("name", FORUMS)
def test_results_json_of_every_shipped_forum_validates(name):
    import jsonschema

    from toolkit.report.results import undescribed_keys, validate_results

    results = results_of(name)
    assert undescribed_keys(results) == [], (
        f"surveys/{name}: results.json keys without a description: {undescribed_keys(results)}; add them to "
        "toolkit/report/schemas/results_fields.yml (python scripts/results_schema.py --stub <results.json> "
        "prints the entries), then run python scripts/results_schema.py")
    validate_results(results)
    jsonschema.validate(results, _schema())  # an independent validator agrees


SMALL = ["base", "mini", "domain_inputs_valid", "register_dutch_dates_accepted", "duplicate_ids", "out_of_range_excluded"]


@pytest.mark.parametrize("name", SMALL)
def test_results_json_of_the_test_suites_small_forums_validates(name, tmp_path):
    """Six respondents, min_cell_size 5: most counts are suppressed, so most figures are null."""
    from conftest import MINI_CODEBOOK, mini_waves, write_forum
    from faults import FAULTS, base_forum
    from toolkit import compute_results, load_forum
    from toolkit.report.results import undescribed_keys, validate_results

    if name == "mini":
        folder = write_forum(tmp_path / "mini", {"name": "Mini", "language": "nl", "surveys": {
            "layout": "per_wave", "files": {"t0": "t0.csv", "t1": "t1.csv"}}}, MINI_CODEBOOK, mini_waves())
    else:
        folder = base_forum(tmp_path / name)
        for fault in FAULTS:
            if fault.id == name:
                fault.setup(folder)
    results = json.loads(json.dumps(compute_results(load_forum(folder))))
    assert undescribed_keys(results) == []
    validate_results(results)


def test_the_shipped_forums_write_nearly_every_described_key():
    """A key described but written by no shipped forum is either one of these (inputs no shipped forum
    has) or a description left behind when the code stopped writing the key."""
    seen: set[str] = set()

    def walk(value, s: dict, path: str):
        seen.add(path)
        for part in s.get("anyOf", [s]):
            if isinstance(value, dict) and part.get("type") in ("object", ["object", "null"]):
                props = part.get("properties") or {}
                for k, v in value.items():
                    if k in props:
                        walk(v, props[k], f"{path}.{k}")
                    elif isinstance(part.get("additionalProperties"), dict) and "x-keys" in part:
                        walk(v, part["additionalProperties"], f"{path}.{{{part['x-keys']}}}")
            if isinstance(value, list) and isinstance(part.get("items"), dict):
                for v in value:
                    walk(v, part["items"], f"{path}[]")

    schema = _schema()
    for name in FORUMS:
        walk(results_of(name), schema, "")
    written = {p.lstrip(".") for p in seen}
    never = [k for k in _script().load_fields() if k not in written]
    # no shipped forum has two-way groups (a roster and joint benchmark shares): see the next test
    assert [k for k in never if not k.startswith("representativeness.intersections")] == []


def test_two_way_groups_validate_too():
    """Intersections are frames of :func:`composition`'s shape with a joint variable name."""
    import pandas as pd

    from toolkit.report.results import validate_results
    from toolkit.sections.representativeness.figures import key_figures
    from toolkit.stats.representativeness.composition import composition

    counts = pd.DataFrame({"variable": "gender:age_group", "category": ["man:18-39", "vrouw:18-39", "man:40+"],
                           "drawn": [40, 3, 30], "started": [40, 3, 30], "completed": [38, 3, 29]})
    bench = pd.DataFrame({"variable": "gender:age_group", "category": ["man:18-39", "vrouw:18-39", "man:40+"],
                          "share": [0.3, 0.3, 0.4]})
    two_way = composition(counts, bench)
    kf = key_figures(two_way, intersections=two_way, min_cell=5)
    results = results_of("alleen-aantallen")
    results["representativeness"]["intersections"] = json.loads(json.dumps(kf["intersections"]))
    assert results["representativeness"]["intersections"]["gender:age_group"]["vrouw:18-39"]["n"] is None
    validate_results(results)


# ----------------------------------------------------------------------------- what fails, and how

def test_an_undescribed_key_fails_naming_its_path_and_how_to_describe_it():
    from toolkit.report.results import validate_results

    results = results_of("example")
    results["attitudes"]["changes"][0]["brand_new_figure"] = 0.5
    results["representativeness"]["variables"]["gender"]["categories"]["man"]["disclosed"] = True
    with pytest.raises(JsonSchemaValueException,
                       match=r"2 key\(s\) that .* does not describe: representativeness\.variables\.\{variable\}"
                             r"\.categories\.\{category\}\.disclosed, attitudes\.changes\[\]\.brand_new_figure\nDescribe each in "
                             r"toolkit/report/schemas/results_fields\.yml .*python scripts/results_schema\.py"):
        validate_results(results)


def test_a_new_top_level_key_in_a_section_fails_too():
    from toolkit.report.results import undescribed_keys, validate_results

    results = results_of("alleen-register")
    results["follow_up"]["disclosure"] = {"hidden": 0}
    assert undescribed_keys(results) == ["follow_up.disclosure"]
    with pytest.raises(JsonSchemaValueException, match=r"does not describe: follow_up\.disclosure\n"):
        validate_results(results)


def test_null_passes_only_where_the_schema_says_when():
    from toolkit.report.results import validate_results

    results = results_of("alleen-register")
    rec = results["follow_up"]["recommendations"][0]
    rec["response_date"] = rec["days_to_response"] = None  # null when: no response yet
    validate_results(results)
    rec["id"] = None
    with pytest.raises(JsonSchemaValueException, match=r"data\.follow_up\.recommendations\[0\]\.id must be string"):
        validate_results(results)
    results = results_of("alleen-register")
    results["follow_up"]["n_recommendations"] = None
    with pytest.raises(JsonSchemaValueException, match=r"n_recommendations must be integer"):
        validate_results(results)


def test_a_value_outside_its_enum_fails():
    from toolkit.report.results import validate_results

    results = results_of("alleen-register")
    results["follow_up"]["recommendations"][0]["response"] = "adopted_partly"
    with pytest.raises(JsonSchemaValueException, match=r"response must be one of"):
        validate_results(results)


def test_stub_prints_an_entry_for_each_undescribed_key(tmp_path):
    results = results_of("alleen-register")
    results["follow_up"]["recommendations"][0]["days_late"] = 3
    path = tmp_path / "results.json"
    path.write_text(json.dumps(results), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SCRIPT), "--stub", str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("follow_up.recommendations[].days_late:\n  type: integer\n  description:"), run.stdout


def test_the_stub_entries_once_filled_in_describe_the_new_keys(tmp_path):
    """The way to add a key: --stub, fill in, regenerate; a nested new block comes with its keys."""
    import fastjsonschema
    import yaml

    rs = _script()
    results = results_of("alleen-register")
    results["follow_up"]["disclosure"] = {"hidden": 0, "rows": [{"table": "rates", "n": None}, {"table": "x", "n": 3}]}
    stub = rs.stubs(results, _schema())
    assert list(stub) == ["follow_up.disclosure", "follow_up.disclosure.hidden", "follow_up.disclosure.rows",
                          "follow_up.disclosure.rows[].table", "follow_up.disclosure.rows[].n"]
    assert stub["follow_up.disclosure.rows[].n"]["type"] == "integer" and "null_when" in stub["follow_up.disclosure.rows[].n"]
    fields = tmp_path / "fields.yml"
    fields.write_text(rs.FIELDS.read_text(encoding="utf-8") + "\n" + yaml.safe_dump(stub, sort_keys=False),
                      encoding="utf-8")
    fastjsonschema.compile(rs.build_schema(rs.load_fields(fields)))(results)
