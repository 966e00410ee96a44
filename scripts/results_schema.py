"""results.json's JSON Schema and its data dictionary, generated from one description file.

The source is ``toolkit/report/schemas/results_fields.yml``: one entry per key of results.json, named
by its path (``attitudes.changes[].p``: ``[]`` is an array's row, ``{variable}`` a key that is data,
such as a demographic variable). From it this script writes

- ``toolkit/report/schemas/results.schema.json``: the JSON Schema every run checks results.json
  against (``additionalProperties: false`` wherever the keys are fixed, so a key without a description
  fails the tests), with each key's description, ``x-unit``, ``x-null-when`` and ``x-absent-when``;
- ``docs/results-json.md``: the data dictionary for readers, a table per section, made from that schema.

Usage::

    python scripts/results_schema.py            # write both files
    python scripts/results_schema.py --check    # exit 1 when either is not what the description file gives
    python scripts/results_schema.py --stub reports/*/results.json
                                                # print entries to paste for keys not described yet

An entry (every field but ``description`` and ``type`` optional)::

    attitudes.changes[].p:
      type: number            # string number integer boolean object array, or text (a text or nl/en
                              # texts), date (ISO 8601 day), datetime; a list for more than one
      unit: p-value           # one of UNITS below
      null_when: the test cannot be computed (fewer than two pairs)   # null allowed, and when
      absent_when: the forum has no control group                   # the key may be absent, and when
      enum: [ok, under, over]
      items: string           # an array of plain values (else: describe its row as path[].key)
      open: true              # an object whose keys are free (e.g. the run's parameters)
      like: <path>            # the same keys as the entry at <path> (besides its own entries)
      without: [key, ...]     # with like: keys of <path> left out
      description: Two-sided p-value of the paired t test.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
FIELDS = REPO / "toolkit" / "report" / "schemas" / "results_fields.yml"
SCHEMA = REPO / "toolkit" / "report" / "schemas" / "results.schema.json"
DOCS = REPO / "docs" / "results-json.md"

#: unit -> what it means (the data dictionary's legend).
UNITS = {
    "share": "a proportion from 0 to 1 (0.25 is 25%)",
    "percentage points": "a difference of two percentages, in points (share difference x 100)",
    "count": "a number of people, records or items",
    "days": "calendar days",
    "hours": "hours",
    "p-value": "a p-value from 0 to 1",
    "scale points": "points on the item's or scale's own answer scale",
    "standardized": "a standardized effect size or correlation (no unit)",
    "ratio": "a ratio of two shares (1 = equal)",
    "test statistic": "the value of a test statistic (chi-square, t, z)",
    "degrees of freedom": "degrees of freedom of a test",
}
TYPES = {"string", "number", "integer", "boolean", "object", "array", "text", "date", "datetime"}
FIELD_KEYS = {"like", "without", "type", "unit", "null_when", "absent_when", "enum", "items", "open", "description", "minimum", "pattern"}
SECTIONS = ("forum", "provenance", "exclusions", "representativeness", "attitudes", "follow_up")


class DescriptionError(ValueError):
    """The description file has an entry that cannot become a schema."""


def load_fields(path: Path = FIELDS) -> dict[str, dict]:
    """The entries of the description file, checked (every entry has a type and a description)."""
    fields = _expand(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    problems = []
    for key, entry in fields.items():
        if not isinstance(entry, dict):
            problems.append(f"{key}: an entry is a mapping with type and description")
            continue
        unknown = set(entry) - FIELD_KEYS
        types = entry.get("type") if isinstance(entry.get("type"), list) else [entry.get("type")]
        if unknown:
            problems.append(f"{key}: unknown field(s) {sorted(unknown)} (allowed: {sorted(FIELD_KEYS)})")
        if not set(types) <= TYPES:
            problems.append(f"{key}: type {entry.get('type')!r} is not one of {sorted(TYPES)}")
        if not str(entry.get("description") or "").strip():
            problems.append(f"{key}: no description")
        if "unit" in entry and entry["unit"] not in UNITS:
            problems.append(f"{key}: unit {entry['unit']!r} is not one of {sorted(UNITS)}")
        for flag in ("null_when", "absent_when"):
            if flag in entry and not (isinstance(entry[flag], str) and entry[flag].strip()):
                problems.append(f"{key}: {flag} says when, in words (e.g. 'null_when: fewer than two pairs')")
        parent = _parent(key)
        if parent and parent not in fields and not parent.endswith("[]"):
            problems.append(f"{key}: its parent {parent} has no entry")
    if problems:
        name = path.relative_to(REPO) if path.is_relative_to(REPO) else path
        raise DescriptionError(f"{name}:\n  " + "\n  ".join(problems))
    return fields


def _expand(fields: dict) -> dict:
    """Entries with ``like: <path>`` get the keys described under that path (their own entries win)."""
    out: dict = {}
    for key, entry in fields.items():
        if isinstance(entry, dict) and "like" in entry:
            entry = dict(entry)
            like, without = entry.pop("like"), set(entry.pop("without", []))
            if like not in fields:
                raise DescriptionError(f"{key}: like: {like} has no entry")
            entry = {**{k: v for k, v in fields[like].items() if k not in ("description", "absent_when", "null_when")},
                     **entry}
            out[key] = entry
            for other, sub in fields.items():
                rest = other[len(like):]
                if other.startswith((like + ".", like + "[]")) and re.split(r"[.\[]", rest.lstrip(".[]"))[0] not in without:
                    out.setdefault(key + rest, sub)
        else:
            out[key] = entry
    return out


def _parent(key: str) -> str | None:
    if key.endswith("[]"):
        return key[:-2]
    return key.rsplit(".", 1)[0] if "." in key else None


def _children(fields: dict, key: str) -> list[str]:
    return [k for k in fields if _parent(k) == key]


def _base(t: str) -> dict:
    if t == "text":
        return {"anyOf": [{"type": "string"},
                          {"type": "object", "propertyNames": {"enum": ["nl", "en"]},
                           "additionalProperties": {"type": "string"}}]}
    if t == "date":
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if t == "datetime":
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"}
    return {"type": t}


def node_schema(fields: dict, key: str) -> dict:
    """The JSON Schema of the entry `key` and everything under it."""
    e = fields[key]
    types = e["type"] if isinstance(e["type"], list) else [e["type"]]
    out: dict = {"description": " ".join(str(e["description"]).split())}
    for field, tag in (("unit", "x-unit"), ("null_when", "x-null-when"), ("absent_when", "x-absent-when")):
        if field in e:
            out[tag] = " ".join(str(e[field]).split())
    parts = []
    for t in types:
        s = _base(t)
        if t == "object":
            s.update(_object(fields, key, e))
        elif t == "array":
            s["items"] = _items(fields, key, e)
        parts.append(s)
    if "null_when" in e:
        if len(parts) == 1 and isinstance(parts[0].get("type"), str):
            parts[0]["type"] = [parts[0]["type"], "null"]
        else:
            parts.append({"type": "null"})
    if len(parts) == 1:
        out.update(parts[0])
    elif all(set(p) == {"type"} for p in parts):
        out["type"] = [p["type"] for p in parts]
    else:
        out["anyOf"] = parts
    if "enum" in e:
        out["enum"] = list(e["enum"]) + ([None] if "null_when" in e else [])
    for field in ("minimum", "pattern"):
        if field in e:
            out[field] = e[field]
    return out


def _object(fields: dict, key: str, e: dict) -> dict:
    kids = _children(fields, key)
    if not kids and not e.get("open"):
        raise DescriptionError(f"{key}: an object needs its keys described ({key}.<key> entries) or open: true")
    return _keys(fields, key, kids, bool(e.get("open", False)))


def _keys(fields: dict, key: str, kids: list[str], open_: bool) -> dict:
    """properties, required and additionalProperties of an object whose keys are `kids`."""
    maps = [k for k in kids if re.fullmatch(r"\{\w+\}", k.rsplit(".", 1)[-1])]
    if len(maps) > 1:
        raise DescriptionError(f"{key}: at most one entry for keys that are data, not {maps}")
    fixed = [k for k in kids if k not in maps]
    out: dict = {}
    if fixed:
        out["required"] = [k.rsplit(".", 1)[-1] for k in fixed if "absent_when" not in fields[k]]
        out["properties"] = {k.rsplit(".", 1)[-1]: node_schema(fields, k) for k in fixed}
    if maps:
        out["x-keys"] = maps[0].rsplit(".", 1)[-1][1:-1]
        out["additionalProperties"] = node_schema(fields, maps[0])
    else:
        out["additionalProperties"] = open_
    return out


def _items(fields: dict, key: str, e: dict) -> dict:
    row = key + "[]"
    if row in fields:
        return node_schema(fields, row)
    if "items" in e:
        return _base(e["items"])
    cols = _children(fields, row)
    if not cols:
        raise DescriptionError(f"{key}: an array needs items: <type> or its row's keys ({row}.<key> entries)")
    return {"type": "object", **_keys(fields, row, cols, False)}


def build_schema(fields: dict) -> dict:
    """The whole JSON Schema of results.json."""
    top = [k for k in fields if "." not in k and not k.endswith("[]")]
    if tuple(top) != SECTIONS:
        raise DescriptionError(f"the top-level entries are {top}, expected {list(SECTIONS)} in that order")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Generated by scripts/results_schema.py from results_fields.yml: edit that file, then run the script.",
        "title": "forum-eval results.json",
        "description": "The key figures of one run of forum-eval: one block per section. The data dictionary "
                       "is docs/results-json.md. null means not defined (nothing to compute it from, e.g. a rate "
                       "with nothing to divide by, or a figure withheld by disclosure control); results.json never "
                       "holds NaN or Infinity. Dates and times are ISO 8601: a day as 2025-03-01, a moment as "
                       "2025-03-01T10:15:00+00:00 (written by toolkit.jsonable).",
        "type": "object",
        "required": list(SECTIONS),
        "additionalProperties": False,
        "properties": {k: node_schema(fields, k) for k in top},
    }


# ----------------------------------------------------------------------------- the data dictionary

def _type_text(s: dict) -> str:
    if "anyOf" in s:
        names = [_type_text(p) for p in s["anyOf"]]
        if names[:2] == ["string", "nl/en texts"]:
            names[:2] = ["text"]
        return " or ".join(dict.fromkeys(names))
    t = s.get("type")
    if isinstance(t, list) and "enum" in s:
        return _type_text({**s, "type": t[0]})
    if isinstance(t, list):
        return " or ".join(_type_text({**s, "type": x}) for x in t)
    if t == "string" and s.get("pattern", "").startswith(r"^\d{4}-\d{2}-\d{2}$"):
        return "date"
    if t == "string" and s.get("pattern", "").startswith(r"^\d{4}-\d{2}-\d{2}T"):
        return "date-time"
    if t == "object" and "propertyNames" in s:
        return "nl/en texts"
    if "enum" in s and t in ("string", "integer"):
        return "one of " + ", ".join(f"`{v}`" for v in s["enum"] if v is not None) + (
            " or null" if None in s["enum"] else "")
    if t == "object" and "x-keys" in s:
        return f"object by {s['x-keys']}"
    if t == "array":
        it = s.get("items", {})
        if it.get("type") == "object" and "properties" in it:
            return "array of rows"
        inner = _type_text(it)
        return f"array of ({inner})" if " or " in inner else f"array of {inner}"
    return str(t)


def schema_nodes(s: dict, path: str = "") -> list[tuple[str, dict]]:
    """Every described key under `s`, as (path, its schema), parents first; rows of arrays as ``path[]``."""
    rows = []
    for name, sub in _members(s):
        p = f"{path}.{name}" if path and name != "[]" else (path + name if name == "[]" else name)
        rows.append((p, sub))
        rows += schema_nodes(sub, p)
    return rows


def _members(s: dict):
    parts = s["anyOf"] if "anyOf" in s else [s]
    for part in parts:
        for name, sub in (part.get("properties") or {}).items():
            yield name, sub
        if isinstance(part.get("additionalProperties"), dict) and "x-keys" in part:
            yield "{" + part["x-keys"] + "}", part["additionalProperties"]
        it = part.get("items")
        if isinstance(it, dict) and ("properties" in it or "anyOf" in it or "additionalProperties" in it):
            yield "[]", it


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def build_docs(schema: dict) -> str:
    """docs/results-json.md: a table per section (key, type, unit, description), from `schema`."""
    out = ["# results.json: the data dictionary", "",
           "<!-- Generated by scripts/results_schema.py from toolkit/report/schemas/results_fields.yml; "
           "do not edit by hand. -->", "",
           "Every run writes `results.json` beside `report.html`: the key figures of the report, after disclosure",
           "control (a count below `min_cell_size` is null, with every figure computed from it). Its JSON Schema is",
           "`toolkit/report/schemas/results.schema.json` (checked on every write); `forum-eval compare` and",
           "dashboards read it. Keys are written as paths: `changes[].p` is the key `p` of each row of the array",
           "`changes`; `{variable}` stands for a key that is data (a demographic variable, a category, ...).",
           "A key that may be absent says when under *absent when*; `null` is written only where *null when*",
           "says so. Numbers are at full precision (the report rounds them). A *text* is a string or an object of",
           "texts by language (`{\"nl\": ..., \"en\": ...}`); a *date* is `YYYY-MM-DD`.", "", "Units:", ""]
    out += [f"- **{u}**: {d}" for u, d in UNITS.items()]
    for section, sub in schema["properties"].items():
        out += ["", f"## `{section}`", "", _cell(sub.get("description", "")), "",
                "| key | type | unit | description | null when | absent when |", "|---|---|---|---|---|---|"]
        for path, s in schema_nodes(sub):
            if path.endswith("[]"):
                continue
            out.append(f"| `{path}` | {_type_text(s)} | {s.get('x-unit', '')} | {_cell(s.get('description', ''))} | "
                       f"{_cell(s.get('x-null-when', ''))} | {_cell(s.get('x-absent-when', ''))} |")
    return "\n".join(out) + "\n"


def schema_text(schema: dict) -> str:
    return json.dumps(schema, indent=1, ensure_ascii=False) + "\n"


# ----------------------------------------------------------------------------- stubs for new keys

def stubs(results: dict, schema: dict) -> dict[str, dict]:
    """Entries for the keys of `results` that `schema` does not describe (and the keys under them),
    with the type seen; description, unit and when null are left to fill in."""
    sys.path.insert(0, str(REPO))
    from toolkit.report.results import undescribed_keys

    out: dict[str, dict] = {}

    def add(path: str, value) -> None:
        t = {bool: "boolean", int: "integer", float: "number", str: "string", dict: "object",
             list: "array"}.get(type(value))
        entry = {"type": t or "number", "description": "WHAT IT IS (of whom, at which stage)"}
        if value is None:
            entry["null_when"] = "WHEN IT IS NULL"
        if t == "array" and value and not isinstance(value[0], (dict, list)):
            entry["items"] = {bool: "boolean", int: "integer", float: "number"}.get(type(value[0]), "string")
        prev = out.get(path)
        if prev is None or (value is not None and prev["type"] == "number" and "null_when" in prev):
            out[path] = {**entry, **({"null_when": prev["null_when"]} if prev else {})}
        elif value is None:
            prev.setdefault("null_when", "WHEN IT IS NULL")
        if isinstance(value, dict):
            for k, v in value.items():
                add(f"{path}.{k}", v)
        elif isinstance(value, list):
            for v in value:
                if isinstance(v, dict):
                    for k, x in v.items():
                        add(f"{path}[].{k}", x)
                elif isinstance(v, list):
                    add(f"{path}[]", v)

    for path, value in undescribed_keys(results, schema, values=True):
        add(path, value)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when the schema or the docs are out of step")
    ap.add_argument("--stub", nargs="+", metavar="RESULTS_JSON", help="print entries for undescribed keys")
    args = ap.parse_args(argv)
    try:
        schema = build_schema(load_fields())
    except DescriptionError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.stub:
        found: dict = {}
        for f in args.stub:
            found.update(stubs(json.loads(Path(f).read_text(encoding="utf-8")), schema))
        print(yaml.safe_dump(found, sort_keys=False, allow_unicode=True, width=110) if found else "# every key is described")
        return 0
    wanted = {SCHEMA: schema_text(schema), DOCS: build_docs(schema)}
    stale = [p for p, text in wanted.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for p in stale:
            print(f"{p.relative_to(REPO)} is not what {FIELDS.relative_to(REPO)} gives: "
                  f"run python scripts/results_schema.py", file=sys.stderr)
        return 1 if stale else 0
    for p in stale:
        p.write_text(wanted[p], encoding="utf-8")
        print(f"wrote {p.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
