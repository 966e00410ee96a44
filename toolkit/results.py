"""results.json: the key figures of a run, the single source for the summary and for comparisons.

Top-level keys: ``forum``, ``provenance``, ``exclusions``, ``representativeness``, ``attitudes``,
``follow_up``. The JSON Schema is ``toolkit/schemas/results.schema.json``; every write is checked.
"""
from __future__ import annotations

import datetime as _dt
import json
import math
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["forum_facts", "provenance", "exclusions", "to_jsonable", "validate_results",
           "write_results", "read_results", "SCHEMA_PATH", "KEY_LIBRARIES"]

SCHEMA_PATH = Path(__file__).parent / "schemas" / "results.schema.json"
KEY_LIBRARIES = ("pandas", "numpy", "scipy", "statsmodels", "pingouin", "pandera", "matplotlib",
                 "seaborn", "papermill", "nbconvert", "pyreadstat")


def to_jsonable(obj: Any) -> Any:
    """Plain JSON types: NaN/NA -> None, numpy scalars -> Python, dates -> ISO strings.

    Examples
    --------
    >>> to_jsonable({"a": np.float64("nan"), "b": np.int64(3), "c": _dt.date(2025, 1, 2)})
    {'a': None, 'b': 3, 'c': '2025-01-02'}
    """
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, pd.DataFrame):
        return to_jsonable(obj.to_dict("records"))
    if isinstance(obj, (np.bool_, bool)):
        return bool(obj)
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        return None if math.isnan(obj) or math.isinf(obj) else float(obj)
    if isinstance(obj, (pd.Timestamp, _dt.datetime, _dt.date)):
        return obj.isoformat()[:10] if not isinstance(obj, _dt.datetime) or obj.time() == _dt.time() else obj.isoformat()
    if isinstance(obj, Path):
        return str(obj)
    if obj is pd.NA or obj is pd.NaT:
        return None
    return obj


def forum_facts(forum) -> dict:
    """The forum block of results.json."""
    cfg = forum.config
    return to_jsonable({
        "name": cfg["name"], "folder": forum.folder.name, "synthetic": cfg["synthetic"],
        "language": cfg["language"], "commissioned_by": cfg.get("commissioned_by"),
        "dates": {k: str(v) for k, v in (cfg.get("dates") or {}).items()},
        "question": cfg.get("question"), "mandate": cfg.get("mandate"),
        "min_cell_size": cfg["min_cell_size"],
        "waves": [w["id"] for w in forum.codebook["waves"]],
        "respondents": {g: int((forum.respondents["group"] == g).sum()) for g in ("member", "control")},
    })


def _version(pkg: str) -> str | None:
    try:
        return metadata.version(pkg)
    except metadata.PackageNotFoundError:
        return None


def provenance(forum, parameters: dict, run_started: str | None = None) -> dict:
    """Inputs (name, bytes, sha256), versions and parameters of the run."""
    return to_jsonable({
        "run_started": run_started or _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "toolkit_version": _version("forum-eval-toolkit"),
        "python": platform.python_version(),
        "libraries": {lib: _version(lib) for lib in KEY_LIBRARIES},
        "parameters": parameters,
        "seed": forum.config["seed"],
        "inputs": forum.files,
    })


def exclusions(forum) -> dict:
    """The exclusion ledger in summary: per wave records in/analysed/excluded, and counts per reason."""
    led = forum.ledger
    reasons = (led.groupby(["level", "reason"]).size().rename("count").reset_index()
               if len(led) else pd.DataFrame(columns=["level", "reason", "count"]))
    return to_jsonable({
        "accounting": forum.accounting,
        "records_in": int(forum.accounting["records_in"].sum()),
        "analysed": int(forum.accounting["analysed"].sum()),
        "excluded_records": int((led["level"] == "record").sum()) if len(led) else 0,
        "excluded_answers": int((led["level"] == "answer").sum()) if len(led) else 0,
        "by_reason": reasons,
    })


def validate_results(results: dict) -> None:
    """Check `results` against the JSON Schema; raise ``jsonschema.ValidationError`` if it fails."""
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(results, schema)


def write_results(results: dict, out_dir: str | Path) -> Path:
    """Validate and write ``results.json`` (sorted keys, UTF-8) into `out_dir`."""
    results = to_jsonable(results)
    validate_results(results)
    path = Path(out_dir) / "results.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_results(path: str | Path) -> dict:
    """Read a results.json."""
    return json.loads(Path(path).read_text(encoding="utf-8"))
