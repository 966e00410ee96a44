"""Read and check a forum's definition: ``forum.yml`` and ``codebook.yml``.

Both files are documented in docs/forum-folder.md. Every problem found is collected and raised
at once as :class:`~toolkit.errors.InputError`, naming the file, the key and what to do; an unknown
key is answered with the nearest valid one.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import re
import difflib
import os
from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import InputError, Problem
from toolkit.forum.settings import AREA_LEVELS, DEFAULT_MIN_CELL_SIZE, PRECONDITION_FRAMEWORKS

__all__ = ["load_config", "cbs_cache_name", "load_codebook", "has_surveys", "text", "input_files", "sha256", "is_outside", "check_links", "FORUM_KEYS", "CODEBOOK_KEYS", "ITEM_TYPES", "DRI_ROLES"]

#: Top-level keys of forum.yml and the type(s) each must have.
FORUM_KEYS: dict[str, tuple[type, ...]] = {
    "name": (str, dict), "synthetic": (bool,), "commissioned_by": (list, str),
    "dates": (dict,), "question": (str, dict), "mandate": (str, dict), "language": (str,),
    "min_cell_size": (int,), "seed": (int,), "free_text": (bool,), "description": (str, dict),
    "source": (str, dict), "surveys": (dict,), "inputs": (dict,),
    "representativeness": (dict,), "attitudes": (dict,), "follow_up": (dict,),
    "timeout_seconds": (int,), "allow_outside_paths": (bool,), "limits": (dict,), "country": (str,),
    "area": (dict,), "lottery": (dict,),
}
#: forum.yml ``lottery:``: how the panel was drawn from the pool (docs/lottery.md).
LOTTERY_KEYS = {"panel_size": (int,), "method": (str,), "draws": (int,)}
#: forum.yml ``area:``: the forum's own area (docs/forum-folder.md); ``level`` one of settings.AREA_LEVELS.
AREA_KEYS = {"name": (str,), "level": (str,), "code": (str,)}
#: forum.yml ``inputs.benchmark: {cbs: {...}}``: a local benchmark from CBS's Kerncijfers wijken en buurten.
CBS_KEYS = {"region": (str,), "table": (str,), "year": (int,)}
#: The default CBS table of a ``cbs:`` benchmark (toolkit.benchmarks.cbs.KWB_DEFAULT_TABLE, 2024).
CBS_DEFAULT_TABLE = "85984NED"
_CBS_REGION = re.compile(r"^(NL\d{2}|GM\d{4}|WK\d{6}|BU\d{8})$")
#: forum.yml ``limits:``: the largest workbook read (toolkit.intake.files.SheetLimits).
LIMIT_KEYS = {"xlsx_megabytes": (int,), "xlsx_rows": (int,)}
REQUIRED_FORUM_KEYS = ("name",)
SURVEY_KEYS = {
    "layout": (str,), "files": (dict,), "file": (str, dict), "columns": (dict,), "id_column": (str, dict),
    "group_column": (str,), "group_values": (dict,), "wave_column": (str,), "item_column": (str,),
    "value_column": (str,), "read": (dict,), "out_of_range": (str,), "wave_values": (dict,),
}
READ_KEYS = {"sep": (str,), "decimal": (str,), "encoding": (str,), "sheet": (str, int),
             "header_rows": (int, str)}
LAYOUTS = ("per_wave", "wide", "long")
#: An input file given as a mapping (docs/forum-folder.md, "Mapping an agency's file").
FILE_SPEC_KEYS = {"file": (str,), "columns": (dict,), "recode": (dict,), "invert": (list, str), "read": (dict,),
                  "stage": (str,)}
#: ``inputs.member_counts.stage``: which members a counts file with one count column (``members``) counts.
COUNT_STAGES = ("drawn", "started", "completed")
CODEBOOK_KEYS = {"waves": (list,), "missing_codes": (dict,), "demographics": (dict,),
                 "items": (dict,), "scales": (dict,)}
#: The keys of codebook.yml that describe survey exports: not read when forum.yml has no ``surveys:``.
SURVEY_PART = ("waves", "items", "scales", "missing_codes")
ITEM_KEYS = {"label": (str, dict), "type": (str,), "scale": (list,), "reverse": (bool,),
             "support": (list,), "key": (int, float, str, list), "criterion": (str,),
             "construct": (str,), "waves": (list,), "missing_codes": (list,), "headline": (bool,),
             "column": (str,), "dri": (str,)}
ITEM_TYPES = ("scale", "knowledge", "process", "text", "categorical")
#: Roles of an item in the Deliberative Reason Index instrument (``dri:`` of an item; docs/forum-folder.md).
DRI_ROLES = ("consideration", "preference")
DEMOGRAPHIC_KEYS = {"label": (str, dict), "column": (str,), "categories": (dict, list),
                    "recode": (dict,)}
SCALE_KEYS = {"label": (str, dict), "items": (list,), "min_items": (int,)}
WAVE_KEYS = {"id": (str,), "label": (str, dict), "date": (str, _dt.date)}
#: Settings of each analysis section (forum.yml ``follow_up:``, ``attitudes:``, ``representativeness:``).
SECTION_KEYS = {
    "follow_up": {"handover_date": (str, _dt.date), "promised_response_days": (int,), "as_of": (str, _dt.date),
                  "preconditions": (str,)},
    "representativeness": {"stage": (str,), "alpha": (float,), "flag_ratio_under": (float,), "flag_ratio_over": (float,),
                           "flag_diff_pp": (float, type(None)), "named_groups": (dict,), "intersections": (list,),
                           "min_expected": (int, float), "n_resamples": (int,), "public_input_freq": (str,),
                           "public_input_date_column": (str,)},
    "attitudes": {"wave_pairs": (list,), "subgroups": (list,), "weighting": (bool,), "headline_items": (list,),
                  "agree": (list,), "dont_know_codes": (list,)},
}


def text(value: Any, lang: str) -> str:
    """Pick the `lang` text of a string or ``{nl:, en:}`` mapping.

    Examples
    --------
    >>> text({"nl": "Voormeting", "en": "Before"}, "en")
    'Before'
    >>> text("Q1", "nl")
    'Q1'
    """
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("nl") or value.get("en") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


#: Deepest nesting of lists and mappings a forum.yml or codebook.yml may have (the templates need 4).
MAX_YAML_DEPTH = 32
#: Largest forum.yml or codebook.yml read, in bytes (a codebook of a thousand items is ~200 kB).
MAX_YAML_BYTES = 5_000_000


def _yaml_shape_problem(path: Path, text: str) -> Problem | None:
    """Refuse anchors, aliases and deep nesting on the parser's events, before anything is built.

    An alias repeats a node without copying it in the file: a few lines of nested aliases ("billion
    laughs") expand to billions of values when loaded, printed or validated. The forum's files never
    need one, so the first anchor or alias is refused with its line, and so is nesting deeper than
    :data:`MAX_YAML_DEPTH` (20,000 ``[`` would overflow the loader's recursion).
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            return Problem(str(path), "uses a YAML anchor or alias (&name or *name)",
                           "Write the values out in full; anchors and aliases are not accepted", row=line)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                return Problem(str(path), f"lists and mappings are nested more than {MAX_YAML_DEPTH} levels deep",
                               "Check the brackets on that line; see docs/forum-folder.md", row=line)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _read_yaml(path: Path) -> dict:
    if not path.is_file():
        raise InputError(Problem(str(path), "file not found",
                                 "Create it (forum-eval new makes a commented template)"))
    if path.stat().st_size > MAX_YAML_BYTES:
        raise InputError(Problem(str(path), f"file is larger than {MAX_YAML_BYTES // 1_000_000} MB",
                                 "forum.yml and codebook.yml hold settings and labels only; data go in the exports"))
    try:
        text = path.read_text(encoding="utf-8-sig")
        shape = _yaml_shape_problem(path, text)
        if shape is not None:
            raise InputError(shape)
        data = yaml.safe_load(text)
    except UnicodeDecodeError as exc:
        raise InputError(Problem(str(path), f"not UTF-8 text ({exc.reason})", "Save the file as UTF-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark else None
        raise InputError(Problem(str(path), f"not valid YAML: {getattr(exc, 'problem', exc)}",
                                 "Check the indentation on that line, and put text that holds : , ? # [ ] { } in "
                                 "quotes (label: \"Hoeveel bomen?\")", row=row))
    if data is None:
        raise InputError(Problem(str(path), "file is empty", "Fill it in; see docs/forum-folder.md"))
    if not isinstance(data, dict):
        raise InputError(Problem(str(path), "top level is not a mapping of keys",
                                 "Start with 'name: ...'; see docs/forum-folder.md"))
    return data


def _check_keys(mapping: dict, allowed: dict, file: str, where: str, problems: list) -> None:
    """Unknown keys (with the nearest valid one) and wrong types."""
    for key, value in mapping.items():
        path = f"{where}{key}"
        if key not in allowed:
            near = difflib.get_close_matches(str(key), list(allowed), n=1, cutoff=0.6)
            hint = f"Did you mean '{where}{near[0]}'?" if near else f"Valid keys: {', '.join(allowed)}"
            problems.append(Problem(file, f"unknown key '{path}'", hint))
            continue
        types = allowed[key]
        if value is not None and not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            want = " or ".join(_type_name(t) for t in types)
            problems.append(Problem(file, f"key '{path}' should be {want}, found {_type_name(type(value))}",
                                    "Correct the value", value=value))


def _type_name(t: type) -> str:
    return {str: "text", dict: "a mapping", list: "a list", int: "a whole number", bool: "true/false",
            float: "a number", _dt.date: "a date"}.get(t, t.__name__)


def is_outside(folder: Path, path: Path) -> bool:
    """Whether `path` (symbolic links followed) lies outside the resolved forum `folder`.

    Examples
    --------
    >>> f = Path("/srv/forums/a")
    >>> is_outside(f, f / "t0.csv"), is_outside(f, f / "../b/t0.csv"), is_outside(f, Path("/etc/passwd"))
    (False, True, True)
    """
    return not Path(path).resolve().is_relative_to(folder)


def _outside_allowed(yml: Path) -> bool:
    """Whether `yml` (a forum.yml) sets ``allow_outside_paths: true``; read quietly (False when it cannot be
    read: its own problems are reported where it is read, once its place is accepted)."""
    try:
        if not yml.is_file() or yml.stat().st_size > MAX_YAML_BYTES:
            return False
        raw = yml.read_text(encoding="utf-8-sig")
        if _yaml_shape_problem(yml, raw) is not None:
            return False
        data = yaml.safe_load(raw)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and data.get("allow_outside_paths") is True


def check_links(folder: str | Path) -> None:
    """Refuse a forum folder reached through symbolic links that lead out of where it is named.

    The forum folder as given (not resolved) may not be a symbolic link, or a chain of them, to a folder
    outside the folder that holds the link; its ``forum.yml`` and ``codebook.yml`` may not be links to
    files outside the forum folder. Either is accepted when that ``forum.yml`` sets
    ``allow_outside_paths: true`` (the setting that lets inputs lie outside the folder too).

    Parameters
    ----------
    folder : str or Path
        The forum folder as the user named it.

    Raises
    ------
    InputError
        Naming the folder or file and the setting; the link's target is not looked at further.
    """
    given = Path(os.path.abspath(folder))
    real = given.resolve()
    allowed: list[bool] = []

    def ok() -> bool:
        if not allowed:
            allowed.append(_outside_allowed(real / "forum.yml"))
        return allowed[0]
    problems = []
    if given.is_symlink() and not real.is_relative_to(given.parent.resolve()) and not ok():
        problems.append(Problem(str(given), "the forum folder is a symbolic link (or a chain of them) that leads "
                                f"outside {given.parent}",
                                "Give the forum folder's own path, move the folder here, or set "
                                "allow_outside_paths: true in its forum.yml (see docs/forum-folder.md)"))
    for name in ("forum.yml", "codebook.yml"):
        link = real / name
        if link.is_symlink() and is_outside(real, link) and not ok():
            problems.append(Problem(str(link), f"{name} is a symbolic link that leads outside the forum folder",
                                    "Copy the file into the forum folder in place of the link, or set "
                                    "allow_outside_paths: true in forum.yml (see docs/forum-folder.md)"))
    if problems:
        raise InputError(problems)


def _check_path(folder: Path, rel: Any, file: str, key: str, problems: list, outside_ok: bool = False) -> Path | None:
    if not isinstance(rel, str) or not rel:
        problems.append(Problem(file, f"key '{key}' should be a file path", "Give a path relative to the forum folder", value=rel))
        return None
    p = (folder / rel)
    if not outside_ok and is_outside(folder, p):  # before looking at the file: no probing of other folders
        problems.append(Problem(file, f"key '{key}': the path leads outside the forum folder",
                                "Copy the file into the forum folder and give its path relative to it, or set "
                                "allow_outside_paths: true in forum.yml (see docs/forum-folder.md)", value=rel))
        return None
    if not p.is_file():
        problems.append(Problem(file, f"key '{key}': file '{rel}' not found in {folder}",
                                "Check the spelling (paths are relative to the forum folder)", value=rel))
        return None
    return p


def load_config(folder: str | Path, collect: list | None = None) -> dict:
    """Read and check ``forum.yml`` of a forum folder.

    Parameters
    ----------
    folder : str or Path
        The forum folder (``surveys/<forum>``).

    Returns
    -------
    dict
        The configuration with defaults filled in, ``folder`` (absolute Path) added, and every path
        in ``surveys`` and ``inputs`` resolved to an absolute Path.

    collect : list, optional
        When given, problems that do not stop the rest of the forum from being read (an unknown
        key, a wrong type) are appended to it instead of raised, so that ``forum-eval check``
        can list them with the problems in the data.

    Raises
    ------
    InputError
        With every problem found: unknown keys (and the nearest valid key), wrong types, missing
        required keys, files that do not exist; a forum folder or forum.yml that is a symbolic link
        leading out of it (:func:`check_links`).
    """
    check_links(folder)
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise InputError(Problem(str(folder), "forum folder not found",
                                 "Give the folder that holds forum.yml, e.g. surveys/example"))
    file = str(folder / "forum.yml")
    cfg = _read_yaml(folder / "forum.yml")
    problems: list[Problem] = []
    _check_keys(cfg, FORUM_KEYS, file, "", problems)
    for key in REQUIRED_FORUM_KEYS:
        if key not in cfg:
            problems.append(Problem(file, f"required key '{key}' is missing", "Add it; see docs/forum-folder.md"))
    cfg.setdefault("language", "nl")
    cfg.setdefault("min_cell_size", DEFAULT_MIN_CELL_SIZE)
    cfg.setdefault("seed", 20240317)
    cfg.setdefault("free_text", False)
    cfg.setdefault("synthetic", False)
    cfg.setdefault("timeout_seconds", 600)
    cfg.setdefault("dates", {})
    if cfg.get("language") not in ("nl", "en"):
        problems.append(Problem(file, "key 'language' must be 'nl' or 'en'", "Use nl or en", value=cfg.get("language")))
    if isinstance(cfg.get("min_cell_size"), int) and cfg["min_cell_size"] < 1:
        problems.append(Problem(file, "key 'min_cell_size' must be 1 or more", "Use at least 5 for publication", value=cfg["min_cell_size"]))
    if isinstance(cfg.get("limits"), dict):
        _check_keys(cfg["limits"], LIMIT_KEYS, file, "limits.", problems)
        for key, value in cfg["limits"].items():
            if key in LIMIT_KEYS and isinstance(value, int) and not isinstance(value, bool) and value < 1:
                problems.append(Problem(file, f"key 'limits.{key}' must be 1 or more", "Raise it, or remove it for the default",
                                        value=value))
    if isinstance(cfg.get("area"), dict):
        _check_keys(cfg["area"], AREA_KEYS, file, "area.", problems)
        level = cfg["area"].get("level")
        if level is not None and level not in AREA_LEVELS:
            problems.append(Problem(file, f"unknown area.level {level!r}", f"Use one of {', '.join(AREA_LEVELS)}",
                                    value=level))
    for section, keys in SECTION_KEYS.items():
        if isinstance(cfg.get(section), dict):
            _check_keys(cfg[section], keys, file, f"{section}.", problems)
    if isinstance(cfg.get("lottery"), dict):
        _check_keys(cfg["lottery"], LOTTERY_KEYS, file, "lottery.", problems)
        for key in ("panel_size", "draws"):
            value = cfg["lottery"].get(key)
            if isinstance(value, int) and not isinstance(value, bool) and value < 1:
                problems.append(Problem(file, f"key 'lottery.{key}' must be 1 or more", "Correct the value", value=value))
    outside_ok = cfg.get("allow_outside_paths") is True
    framework = (cfg.get("follow_up") or {}).get("preconditions") if isinstance(cfg.get("follow_up"), dict) else None
    if isinstance(framework, str) and framework not in PRECONDITION_FRAMEWORKS:
        problems.append(Problem(file, f"unknown follow_up.preconditions {framework!r}",
                                f"Use one of {', '.join(PRECONDITION_FRAMEWORKS)}", value=framework))
    surveys = cfg.get("surveys")
    _cbs_benchmark(cfg, file, problems)
    cfg["file_specs"] = _file_specs(cfg, file, problems)
    if isinstance(surveys, dict):
        _check_surveys(folder, surveys, file, problems, outside_ok)
    inputs = cfg.get("inputs") or {}
    if isinstance(inputs, dict):
        resolved = {}
        for key, rel in inputs.items():
            if isinstance(rel, str) and rel.startswith("default:"):
                resolved[key] = rel
                continue
            if key == "benchmark" and cfg.get("benchmark_cbs") and not (folder / str(rel)).is_file():
                spec = cfg["benchmark_cbs"]
                problems.append(Problem(file, f"the CBS benchmark (region {spec['region']}, table {spec['table']}) has "
                                        f"not been fetched: {rel} is not in the forum folder",
                                        f"Run: forum-eval benchmark fetch {folder} (needs internet; a run only reads "
                                        "the cached file and never fetches)", value=rel))
                resolved[key] = None
                continue
            p = _check_path(folder, rel, file, f"inputs.{key}", problems, outside_ok)
            resolved[key] = p
        cfg["inputs"] = resolved
    cfg["folder"] = folder
    return _finish(cfg, problems, collect, lambda c: _config_usable(c) and not _wrong_shapes(problems))


def cbs_cache_name(spec: dict) -> str:
    """File name of a ``cbs:`` benchmark's cache in the forum folder.

    Examples
    --------
    >>> cbs_cache_name({"region": "GM0344", "table": "85984NED"})
    'benchmark_cbs_GM0344_85984NED.csv'
    """
    return f"benchmark_cbs_{spec['region']}_{spec['table']}.csv"


def _cbs_benchmark(cfg: dict, file: str, problems: list) -> None:
    """``inputs.benchmark: {cbs: {region, table, year}}`` -> ``cfg["benchmark_cbs"]`` (checked) and the
    cached file's name as ``inputs.benchmark``; the cache is written by ``forum-eval benchmark fetch``."""
    inputs = cfg.get("inputs")
    bench = inputs.get("benchmark") if isinstance(inputs, dict) else None
    if not (isinstance(bench, dict) and "cbs" in bench):
        return
    extra = [k for k in bench if k != "cbs"]
    if extra:
        problems.append(Problem(file, f"inputs.benchmark.cbs cannot be combined with {', '.join(map(str, extra))}",
                                "Give either cbs: {region: ...} or a file"))
    spec = bench["cbs"]
    if not isinstance(spec, dict):
        problems.append(Problem(file, "key 'inputs.benchmark.cbs' should be a mapping",
                                "E.g. cbs: {region: GM0344, table: 85984NED}", value=spec))
        inputs.pop("benchmark")
        return
    _check_keys(spec, CBS_KEYS, file, "inputs.benchmark.cbs.", problems)
    region = str(spec.get("region") or "").strip().upper()
    table = str(spec.get("table") or CBS_DEFAULT_TABLE).strip()
    if not _CBS_REGION.match(region):
        problems.append(Problem(file, f"inputs.benchmark.cbs.region {spec.get('region')!r} is not a CBS region code",
                                "Write GM + 4 digits for a municipality (GM0344), WK + 6 for a district (WK034401)",
                                value=spec.get("region")))
        inputs.pop("benchmark")
        return
    if not re.fullmatch(r"[0-9A-Za-z]{5,12}", table):
        problems.append(Problem(file, f"inputs.benchmark.cbs.table {table!r} is not a CBS table id",
                                "E.g. table: 85984NED (Kerncijfers wijken en buurten 2024)", value=table))
        inputs.pop("benchmark")
        return
    cfg["benchmark_cbs"] = {"region": region, "table": table, "year": spec.get("year")}
    inputs["benchmark"] = cbs_cache_name(cfg["benchmark_cbs"])


def has_surveys(cfg: dict) -> bool:
    """Whether the forum has survey exports (``surveys:`` in forum.yml); without, only counts and registers."""
    return cfg.get("surveys") is not None


def _config_usable(cfg: dict) -> bool:
    s = cfg.get("surveys")
    if s is None:
        return True  # a forum of counts and registers only
    if not isinstance(s, dict) or s.get("layout") not in LAYOUTS:
        return False
    if s["layout"] == "per_wave":
        return isinstance(s.get("files"), dict) and all(p is not None for p in s["files"].values())
    return s.get("file") is not None and (s["layout"] != "wide" or isinstance(s.get("columns"), dict))


def _wrong_shapes(problems: list) -> bool:
    """Whether a value has the wrong type: then nothing else is read (it could not be read as meant)."""
    return any(" should be " in p.message for p in problems)


def _file_specs(cfg: dict, file: str, problems: list) -> dict:
    """Input files given as mappings, replaced by their path; their mappings by forum.yml key.

    ``inputs.members: {file: leden.csv, columns: {...}}`` becomes ``inputs.members: leden.csv``
    and ``{"inputs.members": {"columns": {...}, "recode": {}, "invert": [], "read": {}}}``.
    ``surveys.id_column: {t0: respondent_id, t1: DeelnemerID}`` (one file per wave) becomes a
    column mapping of each wave's file onto ``respondent_id``.
    """
    specs: dict[str, dict] = {}
    s, inputs = cfg.get("surveys"), cfg.get("inputs")
    if isinstance(s, dict):
        if isinstance(s.get("files"), dict):
            for wave, value in s["files"].items():
                s["files"][wave] = _file_spec(value, f"surveys.files.{wave}", file, problems, specs)
        if "file" in s:
            s["file"] = _file_spec(s["file"], "surveys.file", file, problems, specs)
        idc = s.get("id_column")
        if isinstance(idc, dict):
            _id_columns(s, idc, file, problems, specs)
    if isinstance(inputs, dict):
        for kind, value in inputs.items():
            inputs[kind] = _file_spec(value, f"inputs.{kind}", file, problems, specs)
    return specs


def _file_spec(value: Any, key: str, file: str, problems: list, specs: dict) -> Any:
    if not isinstance(value, dict):
        return value
    _check_keys(value, FILE_SPEC_KEYS, file, f"{key}.", problems)
    if value.get("file") is None:
        problems.append(Problem(file, f"key '{key}.file' is missing", "Give the file's path, e.g. file: deelnemers.csv"))
    spec = {"columns": {}, "recode": {}, "invert": [], "read": {}}
    for dst, src in (value.get("columns") if isinstance(value.get("columns"), dict) else {}).items():
        if not isinstance(src, (str, int)) or isinstance(src, bool):
            problems.append(Problem(file, f"key '{key}.columns.{dst}' should be text (the file's column name), "
                                    f"found {_type_name(type(src))}", "Give the column's name as the file has it", value=src))
        else:
            spec["columns"][str(dst)] = str(src)
    for col, table in (value.get("recode") if isinstance(value.get("recode"), dict) else {}).items():
        if not isinstance(table, dict):
            problems.append(Problem(file, f"key '{key}.recode.{col}' should be a mapping (value in the file -> value "
                                    f"expected), found {_type_name(type(table))}", "E.g. recode: {gender: {Vrouw: vrouw}}",
                                    value=table))
            continue
        spec["recode"][str(col)] = {_scalar_text(k): _scalar_text(v) for k, v in table.items()}
    invert = value.get("invert") or []
    invert = [invert] if isinstance(invert, str) else invert
    if isinstance(invert, list):
        for col in invert:
            if not isinstance(col, str):
                problems.append(Problem(file, f"key '{key}.invert' should be a list of column names, found "
                                        f"{_type_name(type(col))}", "E.g. invert: [completed]", value=col))
        spec["invert"] = [c for c in invert if isinstance(c, str)]
    if isinstance(value.get("read"), dict):
        _check_read(value["read"], f"{key}.read", file, problems)
        spec["read"] = dict(value["read"])
    if "stage" in value:
        stage = value["stage"]
        if key != "inputs.member_counts":
            problems.append(Problem(file, f"key '{key}.stage' is only for inputs.member_counts",
                                    "Remove it", value=stage))
        elif isinstance(stage, str) and stage not in COUNT_STAGES:
            problems.append(Problem(file, f"key '{key}.stage' must be one of {', '.join(COUNT_STAGES)}",
                                    "Write the stage the file's one count column counts, e.g. stage: started",
                                    value=stage))
        elif isinstance(stage, str):
            spec["stage"] = stage
    specs[key] = spec
    return value.get("file")


def _check_read(read: dict, key: str, file: str, problems: list) -> None:
    """Read options: known keys, their types, one-character delimiters, a known encoding."""
    import codecs

    _check_keys(read, READ_KEYS, file, f"{key}.", problems)
    for opt in ("sep", "decimal"):
        v = read.get(opt)
        if isinstance(v, str) and len(v) != 1:
            problems.append(Problem(file, f"key '{key}.{opt}' should be one character, found text of {len(v)}",
                                    "E.g. sep: ';' and decimal: ','", value=v))
    enc = read.get("encoding")
    if isinstance(enc, str):
        try:
            codecs.lookup(enc)
        except LookupError:
            problems.append(Problem(file, f"key '{key}.encoding' should be a known encoding",
                                    "E.g. utf-8, cp1252 or latin-1", value=enc))


def _scalar_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "ja" if value else "nee"  # YAML reads an unquoted ja/yes as true
    return "" if value is None else str(value).strip()


def _id_columns(s: dict, idc: dict, file: str, problems: list, specs: dict) -> None:
    """``surveys.id_column`` per wave: each wave's id column mapped onto ``respondent_id``."""
    files = s.get("files") if isinstance(s.get("files"), dict) else {}
    if s.get("layout", "per_wave") != "per_wave":
        problems.append(Problem(file, "key 'surveys.id_column' should be text (one id column) with layout "
                                f"{s.get('layout')}", "A different id column per wave needs one file per wave (layout per_wave)",
                                value=idc))
        return
    for wave, column in idc.items():
        if not isinstance(column, str) or not column:
            problems.append(Problem(file, f"key 'surveys.id_column.{wave}' should be text (the id column of that wave), "
                                    f"found {_type_name(type(column))}", "E.g. id_column: {t0: respondent_id, t1: DeelnemerID}",
                                    value=column))
        elif wave not in files:
            problems.append(Problem(file, f"key 'surveys.id_column' names wave '{wave}', which is not under surveys.files",
                                    f"Use one of {', '.join(map(str, files))}", value=wave))
        else:
            spec = specs.setdefault(f"surveys.files.{wave}", {"columns": {}, "recode": {}, "invert": [], "read": {}})
            spec["columns"].setdefault("respondent_id", column)
    s["id_column"] = "respondent_id"


def _finish(data: dict, problems: list, collect: list | None, usable) -> dict:
    if problems and (collect is None or not usable(data)):
        raise InputError((collect or []) + problems if collect is not None else problems)
    if collect is not None:
        collect.extend(problems)
    return data


def _check_surveys(folder: Path, s: dict, file: str, problems: list, outside_ok: bool) -> None:
    _check_keys(s, SURVEY_KEYS, file, "surveys.", problems)
    if isinstance(s.get("read"), dict):
        _check_read(s["read"], "surveys.read", file, problems)
    layout = s.setdefault("layout", "per_wave")
    s.setdefault("id_column", "respondent_id")
    s.setdefault("out_of_range", "error")
    if s["out_of_range"] not in ("error", "exclude"):
        problems.append(Problem(file, "key 'surveys.out_of_range' must be 'error' or 'exclude'",
                                "Use error (stop the run) or exclude (ledger the answer)", value=s["out_of_range"]))
    if layout not in LAYOUTS:
        problems.append(Problem(file, f"key 'surveys.layout' must be one of {', '.join(LAYOUTS)}",
                                "per_wave: one file per wave; wide: one file, wave prefix/suffix; long: one row per answer",
                                value=layout))
        return
    if layout == "per_wave":
        files = s.get("files")
        if not isinstance(files, dict) or not files:
            problems.append(Problem(file, "key 'surveys.files' (wave id -> file) is missing", "Add e.g. files: {t0: wave1.csv}"))
            return
        s["files"] = {w: _check_path(folder, rel, file, f"surveys.files.{w}", problems, outside_ok)
                      for w, rel in files.items()}
    else:
        if "file" not in s:
            problems.append(Problem(file, f"key 'surveys.file' is missing (layout {layout})", "Name the export file"))
            return
        s["file"] = _check_path(folder, s["file"], file, "surveys.file", problems, outside_ok)
        if layout == "wide" and not isinstance(s.get("columns"), dict):
            problems.append(Problem(file, "key 'surveys.columns' is missing (layout wide)",
                                    "Map each wave to a column pattern, e.g. {t0: '{item}', t1: 'T2{item}'}"))


def load_codebook(folder: str | Path, collect: list | None = None, surveys: bool = True) -> dict:
    """Read and check ``codebook.yml`` of a forum folder.

    A forum without survey exports (`surveys` False) needs no codebook; when it has one (for the
    demographic categories of its roster), it needs no waves and items.

    Returns
    -------
    dict
        ``waves`` (list of {id, label}), ``missing_codes`` ({code (float): meaning}),
        ``demographics``, ``items`` (each with ``type`` filled in) and ``scales``; without surveys
        (`surveys` False) waves, items, scales and missing codes are empty whatever the file says, and
        ``not_read`` lists those the file fills in (``forum-eval check`` names them).

    Raises
    ------
    InputError
        With every problem found; a codebook.yml that links out of the folder (:func:`check_links`).
    """
    check_links(folder)
    folder = Path(folder).resolve()
    file = str(folder / "codebook.yml")
    cb = _read_yaml(folder / "codebook.yml") if surveys or (folder / "codebook.yml").is_file() else {}
    problems: list[Problem] = []
    _check_keys(cb, CODEBOOK_KEYS, file, "", problems)
    if not surveys:  # the survey part of a codebook (the template's, say) describes exports the forum has not
        unused = [k for k in SURVEY_PART if cb.get(k)]
        cb = {k: v for k, v in cb.items() if k not in SURVEY_PART}
        cb["not_read"] = unused
    for key, want in (("waves", list), ("missing_codes", dict), ("demographics", dict), ("items", dict), ("scales", dict)):
        if not isinstance(cb.get(key), want):
            cb[key] = None  # a wrong type is reported by _check_keys; nothing else is read from it
    waves = cb.get("waves") or []
    if not waves and surveys:
        problems.append(Problem(file, "key 'waves' is missing or empty", "List the waves, e.g. - {id: t0, label: Before}"))
    norm_waves = []
    for i, w in enumerate(waves):
        if isinstance(w, str):
            w = {"id": w, "label": w}
        if not isinstance(w, dict) or "id" not in w:
            problems.append(Problem(file, f"waves[{i}] has no 'id'", "Give each wave an id", value=w))
            continue
        _check_keys(w, WAVE_KEYS, file, f"waves[{i}].", problems)
        w = dict(w, id=str(w["id"]))
        w.setdefault("label", w["id"])
        norm_waves.append(w)
    cb["waves"] = norm_waves
    wave_ids = [w["id"] for w in norm_waves]
    missing = {}
    for code, meaning in (cb.get("missing_codes") or {}).items():
        try:
            missing[float(code)] = str(meaning)
        except (TypeError, ValueError):
            problems.append(Problem(file, f"missing code {code!r} is not a number", "Use numeric codes such as 98", value=code))
    cb["missing_codes"] = missing
    cb["demographics"] = cb.get("demographics") or {}
    for name, d in cb["demographics"].items():
        if not isinstance(d, dict):
            problems.append(Problem(file, f"demographics.{name} should be a mapping", "Give at least 'categories'", value=d))
            continue
        _check_keys(d, DEMOGRAPHIC_KEYS, file, f"demographics.{name}.", problems)
        d.setdefault("column", name)
        cats = d.get("categories")
        if isinstance(cats, list):
            d["categories"] = {str(c): str(c) for c in cats}
        elif isinstance(cats, dict):
            d["categories"] = {str(k): v for k, v in cats.items()}
        d["recode"] = {str(k): str(v) for k, v in (d.get("recode") or {}).items()}
    cb["items"] = cb.get("items") or {}
    if not cb["items"] and surveys:
        problems.append(Problem(file, "key 'items' is missing or empty", "Declare the survey items"))
    for item, spec in cb["items"].items():
        _check_item(str(item), spec, wave_ids, file, problems)
    cb["scales"] = cb.get("scales") or {}
    for name, sc in cb["scales"].items():
        if not isinstance(sc, dict):
            problems.append(Problem(file, f"scales.{name} should be a mapping", "Give 'items'", value=sc))
            continue
        _check_keys(sc, SCALE_KEYS, file, f"scales.{name}.", problems)
        for it in sc.get("items") if isinstance(sc.get("items"), list) else []:
            if not isinstance(it, str):
                problems.append(Problem(file, f"scales.{name}.items should be a list of item ids, found "
                                        f"{_type_name(type(it))}", "E.g. items: [q1, q2]", value=it))
            elif it not in cb["items"]:
                problems.append(Problem(file, f"scales.{name} names item '{it}', which is not under 'items'",
                                        "Declare the item or remove it from the scale", value=it))
        if not isinstance(sc.get("items"), list):
            sc["items"] = []
        sc.setdefault("min_items", max(1, (len(sc["items"]) + 1) // 2))
    _check_dri(cb["items"], file, problems)
    usable = lambda c: not _wrong_shapes(problems) and (not surveys or (bool(c["waves"]) and bool(c["items"])))  # noqa: E731
    return _finish(cb, problems, collect, usable)


def _check_item(item: str, spec: Any, wave_ids: list, file: str, problems: list) -> None:
    if not isinstance(spec, dict):
        problems.append(Problem(file, f"items.{item} should be a mapping", "Give at least 'type' and 'scale'", value=spec))
        return
    _check_keys(spec, ITEM_KEYS, file, f"items.{item}.", problems)
    spec.setdefault("type", "scale")
    spec.setdefault("label", item)
    spec.setdefault("column", item)
    if spec["type"] not in ITEM_TYPES:
        near = difflib.get_close_matches(str(spec["type"]), ITEM_TYPES, n=1)
        problems.append(Problem(file, f"items.{item}.type is not a known type",
                                f"Did you mean '{near[0]}'?" if near else f"Use one of {', '.join(ITEM_TYPES)}",
                                value=spec["type"]))
    if spec["type"] in ("scale", "process", "knowledge"):
        sc = spec.get("scale")
        if spec["type"] != "knowledge" or sc is not None:
            if not (isinstance(sc, list) and len(sc) == 2 and all(isinstance(x, (int, float)) for x in sc) and sc[0] < sc[1]):
                problems.append(Problem(file, f"items.{item}.scale should be [min, max]", "E.g. scale: [0, 10]", value=sc))
    if spec["type"] == "knowledge" and "key" not in spec:
        problems.append(Problem(file, f"items.{item} is a knowledge question without 'key'", "Give the correct answer code(s)"))
    for w in spec.get("waves") or []:
        if str(w) not in wave_ids:
            problems.append(Problem(file, f"items.{item}.waves names wave '{w}', which is not under 'waves'",
                                    f"Use one of {', '.join(wave_ids)}", value=w))
    spec["waves"] = [str(w) for w in (spec.get("waves") or wave_ids)]
    spec["missing_codes"] = [float(c) for c in (spec.get("missing_codes") or [])]


def _check_dri(items: dict, file: str, problems: list) -> None:
    """The DRI instrument: scale items marked ``dri: consideration`` (rated) and ``dri: preference``
    (ranked 1..k, k the number of options), at least three of each, asked in the same waves."""
    roles: dict[str, list[str]] = {r: [] for r in DRI_ROLES}
    for item, spec in items.items():
        if not isinstance(spec, dict) or "dri" not in spec:
            continue
        role = spec["dri"]
        if role not in DRI_ROLES:
            problems.append(Problem(file, f"items.{item}.dri is not a DRI role", f"Use one of {', '.join(DRI_ROLES)}",
                                    value=role))
            continue
        if spec.get("type") != "scale":
            problems.append(Problem(file, f"items.{item} is a DRI {role} but of type {spec.get('type')!r}",
                                    "Give DRI items type: scale (a rating, or a rank 1..k)", value=spec.get("type")))
            continue
        roles[role].append(item)
    if not any(roles.values()):
        return
    for role, found in roles.items():
        if len(found) < 3:
            problems.append(Problem(file, f"the DRI instrument has {len(found)} item(s) with dri: {role}; it needs at "
                                    "least 3 considerations and 3 preference options",
                                    "Mark every consideration and every option of the instrument, or none", value=len(found)))
    k = len(roles["preference"])
    for item in roles["preference"]:
        sc = items[item].get("scale")
        if isinstance(sc, list) and len(sc) == 2 and list(sc) != [1, k]:
            problems.append(Problem(file, f"items.{item} is one of {k} ranked options, so its scale should be [1, {k}]",
                                    f"Write scale: [1, {k}] (rank 1 = most preferred)", value=sc))
    waves = {tuple(items[i]["waves"]) for r in DRI_ROLES for i in roles[r]}
    if len(waves) > 1:
        problems.append(Problem(file, "the DRI items are asked in different waves",
                                "Ask every consideration and option in the same waves (give them the same 'waves')",
                                value=sorted(map(list, waves))))


def input_files(cfg: dict) -> list[Path]:
    """Every file a forum's run reads: forum.yml, codebook.yml, exports and other inputs."""
    folder = Path(cfg["folder"])
    files = [folder / "forum.yml"] + [folder / "codebook.yml"] * (folder / "codebook.yml").is_file()
    s = cfg.get("surveys")
    if isinstance(s, dict):
        files += list((s.get("files") or {}).values()) if s.get("layout") == "per_wave" else [s.get("file")]
    files += [p for p in cfg.get("inputs", {}).values() if isinstance(p, Path)]
    seen, out = set(), []
    for f in files:
        if f is not None and str(f) not in seen:
            seen.add(str(f))
            out.append(Path(f))
    return out


def sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, hex."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
