"""results.json: the key figures of a run, the single source for the summary and for comparisons.

Top-level keys: ``forum``, ``provenance``, ``exclusions``, ``representativeness``, ``attitudes``,
``follow_up``. The JSON Schema is ``toolkit/report/schemas/results.schema.json``; every write is checked.
"""
from __future__ import annotations

import datetime as _dt
import json
from functools import lru_cache
import math
import platform
from typing import Any
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.forum.settings import min_cell_size
from toolkit.jsonable import dumps, jsonable
from toolkit.disclosure.suppress import complementary_suppression, too_small

__all__ = ["forum_facts", "provenance", "input_rows", "benchmark_provenance", "exclusions", "undescribed_keys", "validate_results",
           "write_results", "read_results", "SCHEMA_PATH", "KEY_LIBRARIES"]

SCHEMA_PATH = Path(__file__).parent / "schemas" / "results.schema.json"
KEY_LIBRARIES = ("pandas", "numpy", "scipy", "statsmodels", "pingouin", "pandera", "matplotlib",
                 "seaborn", "papermill", "nbconvert", "pyreadstat")


def forum_facts(forum) -> dict:
    """The forum block of results.json."""
    cfg = forum.config
    return jsonable({
        "name": cfg["name"], "folder": forum.folder.name, "synthetic": cfg["synthetic"],
        "language": cfg["language"], "commissioned_by": cfg.get("commissioned_by"),
        "dates": {k: str(v) for k, v in (cfg.get("dates") or {}).items()},
        "question": cfg.get("question"), "mandate": cfg.get("mandate"),
        "description": cfg.get("description"), "source": cfg.get("source"),
        "min_cell_size": min_cell_size(cfg), "free_text": bool(cfg.get("free_text", False)),
        "waves": [w["id"] for w in forum.codebook["waves"]],
        "respondents": {g: _count_or_none(int((forum.respondents["group"] == g).sum()), min_cell_size(cfg))
                        for g in ("member", "control")},
    })


def _count_or_none(n: int, min_cell: int | None) -> int | None:
    """A group's size, or None when it is 1..min_cell-1 (a control group of 4 is not published)."""
    return None if too_small(n, min_cell or None) else n


def _version(pkg: str) -> str | None:
    try:
        return metadata.version(pkg)
    except metadata.PackageNotFoundError:
        return None


def _file_name(path, folder: Path) -> str:
    """A file's name as :class:`~toolkit.forum.load.Forum` ``files`` gives it (relative to the forum folder)."""
    path = Path(path)
    return str(path.relative_to(folder)) if path.is_relative_to(folder) else path.name


def _survey_rows(forum) -> dict[str, tuple[str, int | None]]:
    """file name -> (role, data rows) of the survey exports.

    ``per_wave``: the records read from each wave's file. ``wide``: every wave is read from the same
    rows, so the file holds as many data rows as its largest wave. ``long``: one line per answer, so the
    lines are counted in the file itself (the accounting counts respondents per wave).
    """
    cfg, folder = forum.config, Path(forum.config["folder"])
    s, acc = cfg.get("surveys"), forum.accounting
    if s is None:  # a forum of counts and registers only
        return {}
    per_wave = dict(zip(acc["wave"].astype(str), acc["records_in"].astype(int)))
    if s["layout"] == "per_wave":
        return {_file_name(path, folder): (f"surveys.{wave}", per_wave.get(str(wave)))
                for wave, path in s["files"].items()}
    if s["layout"] == "wide":
        return {_file_name(s["file"], folder): ("surveys", max(per_wave.values()) if per_wave else None)}
    from toolkit.intake.files import read_table

    try:
        rows = len(read_table(s["file"], **(s.get("read") or {})).frame)
    except Exception:  # noqa: BLE001 - the file was read once already; a count is not worth failing the run
        rows = None
    return {_file_name(s["file"], folder): ("surveys", rows)}


def input_rows(forum) -> list[dict]:
    """Every input file with its role, data rows, bytes and SHA-256 (``provenance.inputs``).

    ``rows`` counts data rows: for survey exports the records read (see :func:`_survey_rows`), for
    the other inputs the rows of the frame read from them, for the yml files ``None``.

    Examples
    --------
    >>> from toolkit.forum.load import load_forum
    >>> [(i["file"], i["role"], i["rows"]) for i in input_rows(load_forum("surveys/a1r"))]
    [('forum.yml', 'forum', None), ('codebook.yml', 'codebook', None), ('a1r_delegates_pre_post.csv', 'surveys', 523)]
    """
    folder = Path(forum.config["folder"])
    known: dict[str, tuple[str, int | None]] = {"forum.yml": ("forum", None), "codebook.yml": ("codebook", None)}
    for name, info in _survey_rows(forum).items():
        known.setdefault(name, info)
    for key, path in (forum.config.get("inputs") or {}).items():
        if isinstance(path, Path) and key in forum.inputs:
            known.setdefault(_file_name(path, folder), (f"inputs.{key}", int(len(forum.inputs[key]))))
    out = []
    for rec in forum.files.to_dict("records"):
        role, rows = known.get(rec["file"], (None, None))
        out.append({"file": rec["file"], "role": role, "rows": rows, "bytes": int(rec["bytes"]), "sha256": rec["sha256"]})
    return out


def _unique(values) -> list:
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
            continue
        v = int(v) if isinstance(v, (int, np.integer)) or (isinstance(v, float) and v.is_integer()) else str(v).strip()
        if v != "" and v not in out:
            out.append(v)
    return out


def benchmark_provenance(forum) -> dict | None:
    """Where the population figures come from: per variable its source table(s), year(s), age range(s).

    ``notes`` are the distinct ``note`` texts (English); ``notes_nl``, only when the file has a filled-in
    ``note_nl`` column, the distinct Dutch ones. ``None`` when the forum uses no benchmark.

    Examples
    --------
    >>> from toolkit.forum.load import load_forum
    >>> b = benchmark_provenance(load_forum("surveys/example"))
    >>> b["file"], b["shipped"], b["variables"][1]["variable"], b["variables"][1]["sources"], b["variables"][1]["age_ranges"]
    ('nl_default.csv', 'default:nl', 'age_group', ['37296ned'], ['20+'])
    >>> b["variables"][0]["notes_nl"]
    ['Mannen en vrouwen van alle leeftijden (ook kinderen) op 1 januari 2023, niet alleen volwassenen.']
    """
    bench = (forum.inputs or {}).get("benchmark")
    if bench is None or not len(bench):
        return None
    from toolkit.forum.load import DEFAULT_BENCHMARKS

    path = Path(forum.config["inputs"]["benchmark"])
    shipped = next((key for key, p in DEFAULT_BENCHMARKS.items() if Path(p).resolve() == path.resolve()), None)
    variables = []
    for var, part in bench.groupby("variable", sort=False):
        entry = {
            "variable": str(var), "categories": [str(c) for c in part["category"]],
            "sources": _unique(part["source"]), "years": _unique(part["year"]),
            "age_ranges": _unique(part["age_range"]),
            "notes": _unique(part["note"]) if "note" in part else [],
        }
        notes_nl = _unique(part["note_nl"]) if "note_nl" in part else []
        if notes_nl:  # only when the file gives Dutch notes (optional column note_nl)
            entry["notes_nl"] = notes_nl
        variables.append(entry)
    return {"file": _file_name(path, Path(forum.config["folder"])), "shipped": shipped, "variables": variables}


def provenance(forum, parameters: dict, run_started: str | None = None) -> dict:
    """Inputs (name, role, rows, bytes, sha256), the benchmark's sources, versions and parameters of the run."""
    return jsonable({
        "run_started": run_started or _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "toolkit_version": _version("forum-eval-toolkit"),
        "python": platform.python_version(),
        "libraries": {lib: _version(lib) for lib in KEY_LIBRARIES},
        "parameters": parameters,
        "seed": forum.config["seed"],
        "inputs": input_rows(forum),
        "benchmark": benchmark_provenance(forum),
    })


def exclusions(forum) -> dict:
    """The exclusion ledger in summary: per wave records in/analysed/excluded, and counts per reason."""
    led = forum.ledger
    reasons = (led.groupby(["level", "reason"]).size().rename("count").reset_index()
               if len(led) else pd.DataFrame(columns=["level", "reason", "count"]))
    reasons = _reasons_published(reasons, min_cell_size(forum.config))
    return jsonable({
        "accounting": forum.accounting,
        "records_in": int(forum.accounting["records_in"].sum()),
        "analysed": int(forum.accounting["analysed"].sum()),
        "excluded_records": int((led["level"] == "record").sum()) if len(led) else 0,
        "excluded_answers": int((led["level"] == "answer").sum()) if len(led) else 0,
        "by_reason": reasons,
    })


def _reasons_published(reasons: pd.DataFrame, min_cell: int | None) -> pd.DataFrame:
    """Counts per reason as published: 1..min_cell-1 null with ``hidden`` "small", and per level (whose
    total is published) the counts it could be worked out from null with ``hidden`` "linked"
    (:func:`toolkit.disclosure.suppress.complementary_suppression`)."""
    out = reasons.assign(hidden=None)
    if not min_cell or reasons.empty:
        return out
    n = pd.to_numeric(reasons["count"])
    small = too_small(n, min_cell)
    linked = complementary_suppression(reasons.assign(count=n), ["count"], min_cell, group_col="level")["count"]
    out["hidden"] = np.where(small, "small", np.where(linked, "linked", None))
    out["count"] = n.astype(object).where(~(small | linked), None)
    return out


@lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator():
    import fastjsonschema

    return fastjsonschema.compile(_schema())


def _object_schema(schema: dict) -> dict | None:
    for part in schema.get("anyOf", [schema]):
        t = part.get("type")
        if t == "object" or (isinstance(t, list) and "object" in t):
            return part
    return None


def _array_schema(schema: dict) -> dict | None:
    for part in schema.get("anyOf", [schema]):
        t = part.get("type")
        if t == "array" or (isinstance(t, list) and "array" in t):
            return part
    return None


def undescribed_keys(results: dict, schema: dict | None = None, values: bool = False) -> list:
    """The keys of `results` that the schema does not describe, as paths of the description file.

    A path names an array's row ``[]`` and a key that is data by its name in the schema
    (``representativeness.variables.{variable}.n_total``), as ``results_fields.yml`` does.

    Parameters
    ----------
    results : dict
        A results.json as read.
    schema : dict, optional
        The JSON Schema; by default ``results.schema.json``.
    values : bool
        Give ``(path, value)`` pairs (one value seen there) instead of paths.

    Returns
    -------
    list
        Each undescribed path once, in the order met.

    Examples
    --------
    >>> schema = {"type": "object", "properties": {"rows": {"type": "array", "items": {"type": "object",
    ...           "properties": {"p": {"type": "number"}}, "additionalProperties": False}}}}
    >>> undescribed_keys({"rows": [{"p": 0.5, "q": 1}]}, schema)
    ['rows[].q']
    """
    found: dict[str, Any] = {}

    def walk(value, s: dict, path: str) -> None:
        if isinstance(value, dict) and (obj := _object_schema(s)) is not None:
            props, extra = obj.get("properties") or {}, obj.get("additionalProperties", True)
            for key, sub in value.items():
                here = f"{path}.{key}" if path else key
                if key in props:
                    walk(sub, props[key], here)
                elif isinstance(extra, dict):
                    walk(sub, extra, f"{path}.{{{obj.get('x-keys', 'key')}}}")
                elif extra is False:
                    found.setdefault(here, sub)
        elif isinstance(value, list) and (arr := _array_schema(s)) is not None and isinstance(arr.get("items"), dict):
            for item in value:
                walk(item, arr["items"], f"{path}[]")

    walk(results, _schema() if schema is None else schema, "")
    return list(found.items()) if values else list(found)


def validate_results(results: dict) -> None:
    """Check `results` against the JSON Schema.

    fastjsonschema compiles the schema once (milliseconds, where importing ``jsonschema`` costs
    most of a second in every run); the tests check the same files with ``jsonschema`` too.

    Raises
    ------
    fastjsonschema.JsonSchemaValueException
        A ValueError naming the path and the rule that failed; for keys the schema does not
        describe, each key's path and how to describe it.
    """
    from fastjsonschema import JsonSchemaValueException

    try:
        _validator()(results)
    except JsonSchemaValueException as exc:
        missing = undescribed_keys(results)
        if not missing:
            raise
        raise JsonSchemaValueException(
            f"results.json has {len(missing)} key(s) that toolkit/report/schemas/results.schema.json does "
            f"not describe: {', '.join(missing)}\n"
            "Describe each in toolkit/report/schemas/results_fields.yml (an entry "
            "per path, e.g. 'attitudes.changes[].p: {type: number, unit: p-value, null_when: <when>, description: "
            "<what it is>}'; `python scripts/results_schema.py --stub results.json` prints them to fill in), "
            "then run `python scripts/results_schema.py` to write the schema and docs/results-json.md.",
            exc.value, exc.name, exc.definition, exc.rule) from exc


def write_results(results: dict, out_dir: str | Path) -> Path:
    """Validate and write ``results.json`` (sorted keys, UTF-8) into `out_dir`.

    Values are converted by :func:`toolkit.jsonable.jsonable` (NaN and infinities -> null: not
    defined) and written with ``allow_nan=False``: results.json never holds ``NaN`` or ``Infinity``.
    """
    results = jsonable(results)
    validate_results(results)
    path = Path(out_dir) / "results.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(results, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_results(path: str | Path) -> dict:
    """Read a results.json."""
    return json.loads(Path(path).read_text(encoding="utf-8"))
