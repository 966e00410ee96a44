"""A local benchmark from CBS's Kerncijfers wijken en buurten (toolkit.benchmarks.cbs), fetched only by
``forum-eval benchmark fetch`` and cached in the forum folder; the run reads the cache only. No network:
cbsodata.get_data is replaced by a recorded response (tests/data/cbs_recorded/README.md)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from toolkit.benchmarks import cbs
from toolkit.cli import main
from toolkit.errors import InputError
from toolkit.forum.config import CBS_DEFAULT_TABLE, load_config
from toolkit.forum.load import load_forum
from toolkit.intake.benchmark import read_benchmark
from conftest import problems_of

REPO = Path(__file__).resolve().parents[2]
RECORDED = REPO / "tests" / "data" / "cbs_recorded" / "85984NED_GM0344.json"
CACHE = "benchmark_cbs_GM0344_85984NED.csv"


def _recorded(table_id, filters=None, **kwargs):
    # a stand-in recording of cbsodata.get_data("85984NED", ...): the table's field names, illustrative numbers
    return json.loads(RECORDED.read_text(encoding="utf-8"))


@pytest.fixture
def cbsodata(monkeypatch):
    module = pytest.importorskip("cbsodata")
    calls = []

    def fake(table_id, filters=None, **kwargs):
        calls.append((table_id, filters))
        return _recorded(table_id, filters)

    monkeypatch.setattr(module, "get_data", fake)
    return calls


def _rommelig(tmp_path: Path, cbs_spec: dict | None = None) -> Path:
    """gemeente-rommelig with a cbs: benchmark for Utrecht, its roster recoded to CBS's youngest band."""
    dst = tmp_path / "rommelig"
    shutil.copytree(REPO / "surveys" / "gemeente-rommelig", dst)
    cfg = yaml.safe_load((dst / "forum.yml").read_text(encoding="utf-8"))
    cfg["inputs"]["benchmark"] = {"cbs": cbs_spec or {"region": "GM0344", "table": "85984NED"}}
    cfg["area"] = {"name": "Gemeente Utrecht", "level": "municipality", "code": "GM0344"}
    (dst / "forum.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dst


def _recode_to_cbs_bands(folder: Path) -> None:
    cfg = yaml.safe_load((folder / "forum.yml").read_text(encoding="utf-8"))
    cfg["inputs"]["members"]["recode"]["age_group"] = {"16-24": "15-24"}
    (folder / "forum.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    cb = yaml.safe_load((folder / "codebook.yml").read_text(encoding="utf-8"))
    cb["demographics"]["age_group"]["categories"] = ["15-24", "25-44", "45-64", "65+"]
    (folder / "codebook.yml").write_text(yaml.safe_dump(cb, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_default_table_is_the_same_in_config_and_builder():
    assert CBS_DEFAULT_TABLE == cbs.KWB_DEFAULT_TABLE and cbs.KWB_TABLES[CBS_DEFAULT_TABLE] == 2024


def test_local_benchmark_from_a_recorded_response(cbsodata):
    bench = cbs.local_benchmark_from_cbs("gm0344", retrieved="2026-12-03").set_index(["variable", "category"])
    assert cbsodata == [("85984NED", "startswith(WijkenEnBuurten,'GM0344')")]
    # by hand from the recording: men 182,000 of 370,000; 15-24: 62,000 of those aged 15+ (370,000 - 58,000)
    assert bench.loc[("gender", "man"), "share"] == pytest.approx(182_000 / 370_000)
    assert bench.loc[("age_group", "15-24"), "share"] == pytest.approx(62_000 / 312_000)
    assert bench.loc[("age_group", "65+"), "count"] == 42_000
    assert list(bench.loc["age_group"].index) == ["15-24", "25-44", "45-64", "65+"]  # CBS's bands, no 0-14
    assert set(bench["area"]) == {"Gemeente Utrecht"} and set(bench["source"]) == {"85984NED"}
    assert set(bench["year"]) == {2024} and set(bench["retrieved"]) == {"2026-12-03"}
    assert "opgehaald 2026-12-03" in bench.loc[("age_group", "15-24"), "note_nl"]


def test_a_renamed_field_or_a_missing_region_is_a_clear_error(monkeypatch):
    def renamed(table_id, filters=None, **kwargs):
        return [{k.replace("k_15Tot25Jaar", "k_15Tot24Jaar"): v for k, v in r.items()} for r in _recorded(table_id)]

    with pytest.raises(InputError, match="no field for 'k_15Tot25Jaar' in the response") as exc:
        cbs.local_benchmark_from_cbs("GM0344", get_data=renamed)
    assert "KWB_FIELDS" in problems_of(exc)[0].hint
    with pytest.raises(InputError, match="region GM0363 is not in the table"):
        cbs.local_benchmark_from_cbs("GM0363", get_data=lambda table_id, filters=None: [])
    with pytest.raises(InputError, match="the year of CBS table 99999NED is not known"):
        cbs.local_benchmark_from_cbs("GM0344", table="99999NED", get_data=_recorded)


def test_without_the_cache_the_run_stops_and_says_what_to_run(tmp_path, capsys):
    folder = _rommelig(tmp_path)
    with pytest.raises(InputError, match="has not been fetched") as exc:
        load_config(folder)
    assert f"forum-eval benchmark fetch {folder}" in problems_of(exc)[0].hint
    assert main(["check", str(folder)]) == 2
    assert "forum-eval benchmark fetch" in capsys.readouterr().err


def test_a_wrong_region_code_is_reported(tmp_path):
    with pytest.raises(InputError, match="'0344' is not a CBS region code"):
        load_config(_rommelig(tmp_path, {"region": "0344"}))


def test_fetch_caches_once_and_the_run_reads_only_the_cache(tmp_path, cbsodata, capsys):
    folder = _rommelig(tmp_path)
    assert main(["benchmark", "fetch", str(folder)]) == 0
    assert (folder / CACHE).is_file() and len(cbsodata) == 1
    cached = pd.read_csv(folder / CACHE)
    assert {"source", "year", "area", "region", "retrieved"} <= set(cached.columns)
    assert read_benchmark(folder / CACHE)["area"].unique().tolist() == ["Gemeente Utrecht"]
    assert main(["benchmark", "fetch", str(folder)]) == 0 and len(cbsodata) == 1  # kept: no second fetch
    assert "already cached" in capsys.readouterr().out
    assert main(["benchmark", "fetch", str(folder), "--refresh"]) == 0 and len(cbsodata) == 2
    # the roster's 16-24 is not CBS's 15-24: the agreement check says to recode the roster
    with pytest.raises(InputError) as exc:
        load_forum(folder)
    hints = [p.hint for p in problems_of(exc) if p.column == "age_group"]
    assert hints and all(h.startswith("CBS's age bands are fixed (15-24, 25-44, 45-64, 65+)") for h in hints)
    _recode_to_cbs_bands(folder)
    cbsodata.clear()
    from toolkit.sections.representativeness import result as S

    kf = S.figures(load_forum(folder))
    assert cbsodata == []  # the run never fetches
    assert kf["benchmark_area"] == "Gemeente Utrecht" and kf["area_caution"] is False
    assert kf["benchmark"]["age_group"] == {"source": "85984NED", "year": 2024, "age_range": "15+"}


def test_fetch_without_a_cbs_source_says_how_to_give_one(capsys):
    assert main(["benchmark", "fetch", str(REPO / "surveys" / "gemeente-30")]) == 2
    assert "inputs.benchmark names no cbs: source" in capsys.readouterr().err
