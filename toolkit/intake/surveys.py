"""Survey exports -> tidy responses, respondents and the exclusion ledger.

Three layouts (``surveys.layout`` in forum.yml): one file per wave (``per_wave``), one wide file whose
columns carry a wave prefix or suffix (``wide``, e.g. ``Q1`` and ``T2Q1``), or one row per answer
(``long``). Pseudonymous respondent ids link the waves.

Every data row of every wave is accounted for: it is analysed, or it is in the ledger with its
reason. Problems that make the data unreadable (missing columns, values that are not numbers,
answers outside the scale, unknown categories) are collected and raised together.

Each wave's export is checked with a pandera schema built from the codebook
(:func:`toolkit.intake.survey_schema.survey_schema`, run lazily by
:func:`toolkit.intake.validate.validate_frame`): ids, scales and missing codes, categories, group
values. What stays here: reading the cells (numbers, decimal commas, value labels, recodes), the
columns and files a wave needs, and the exclusion ledger's decisions on what the schema finds.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pandas as pd

from toolkit.errors import InputError, Problem, raise_if_problems
from toolkit.intake.cells import EMPTY, decimal_hint, numbers
from toolkit.intake.validate import validate_frame
from toolkit.intake.files import RawTable, read_table
from toolkit.intake.mapping import mapped
from toolkit.intake.rankings import preference_items, ranking_problems
from toolkit.intake.survey_schema import (DUPLICATE_ID, EMPTY_ID, GROUP_MESSAGE, category_message, scale_message,
                                          survey_schema)

__all__ = ["no_surveys", "SurveyData", "read_surveys", "LEDGER_COLUMNS"]

LEDGER_COLUMNS = ["file", "row", "respondent_id", "wave", "level", "reason", "detail"]
GROUPS = ("member", "control")


class SurveyData(NamedTuple):
    """Tidy survey data of one forum (columns in docs/architecture.md)."""

    responses: pd.DataFrame
    respondents: pd.DataFrame
    texts: pd.DataFrame
    ledger: pd.DataFrame
    accounting: pd.DataFrame
    files: list


class _Wave(NamedTuple):
    wave: str
    file: Path
    table: RawTable
    columns: dict  # item -> column name in the file


def _wave_frames(cfg: dict, cb: dict, problems: list) -> list[_Wave]:
    s = cfg["surveys"]
    opts = s.get("read") or {}
    items = cb["items"]
    wave_ids = [w["id"] for w in cb["waves"]]
    out = []
    if s["layout"] == "per_wave":
        for w in s["files"]:
            if str(w) not in wave_ids:
                problems.append(Problem(str(cfg["folder"] / "forum.yml"), f"surveys.files names wave '{w}', which codebook.yml does not declare",
                                        f"Use one of {', '.join(wave_ids)}", value=w))
        for w in wave_ids:
            path = s["files"].get(w)
            if path is None:
                problems.append(Problem(str(cfg["folder"] / "forum.yml"), f"no file for wave '{w}' under surveys.files",
                                        "Add the export of that wave, or remove the wave from codebook.yml"))
                continue
            table = read_table(mapped(cfg, f"surveys.files.{w}", path), **opts)
            out.append(_Wave(w, path, table, {i: sp["column"] for i, sp in items.items()}))
    elif s["layout"] == "wide":
        table = read_table(mapped(cfg, "surveys.file", s["file"]), **opts)
        for w in wave_ids:
            pattern = s["columns"].get(w)
            if pattern is None:
                problems.append(Problem(str(cfg["folder"] / "forum.yml"), f"no column pattern for wave '{w}' under surveys.columns",
                                        "Add e.g. " + w + ": 'T2{item}'"))
                continue
            out.append(_Wave(w, s["file"], table, {i: pattern.format(item=sp["column"]) for i, sp in items.items()}))
    else:
        out.extend(_long_to_waves(cfg, cb, read_table(mapped(cfg, "surveys.file", s["file"]), **opts), problems))
    return out


def _long_to_waves(cfg: dict, cb: dict, table: RawTable, problems: list) -> list[_Wave]:
    s = cfg["surveys"]
    f = table.frame
    idc, wc = s["id_column"], s.get("wave_column", "wave")
    ic, vc = s.get("item_column", "item"), s.get("value_column", "value")
    missing = [c for c in (idc, wc, ic, vc) if c not in f.columns]
    if missing:
        problems.append(Problem(str(s["file"]), f"column(s) {', '.join(missing)} missing for the long layout",
                                "Name them in forum.yml: surveys.id_column, wave_column, item_column, value_column", row=1))
        return []
    wave_values = {str(k): str(v) for k, v in (s.get("wave_values") or {}).items()}
    f = f.assign(**{wc: f[wc].astype(str).str.strip().replace(wave_values)})
    f["_row"] = f.index + table.first_row
    dup = f.duplicated([idc, wc, ic], keep=False)
    for i in f.index[dup][:20]:
        problems.append(Problem(str(s["file"]), "the same respondent, wave and item appear more than once",
                                "Keep one answer per respondent, wave and item", row=int(i) + table.first_row,
                                column=ic, value=f.at[i, ic]))
    other = [c for c in f.columns if c not in (idc, ic, vc, wc, "_row")]
    out = []
    for w in [w["id"] for w in cb["waves"]]:
        part = f[f[wc] == w].drop_duplicates([idc, ic])
        wide = part.pivot(index=idc, columns=ic, values=vc)
        firsts = part.groupby(idc, sort=False).agg({**{c: "first" for c in other}, "_row": "min"})
        wide = firsts.join(wide).reset_index().sort_values("_row")
        wide.index = (wide.pop("_row") - table.first_row).to_numpy()
        wide.columns = [str(c) for c in wide.columns]
        out.append(_Wave(w, s["file"], table._replace(frame=wide), {i: sp["column"] for i, sp in cb["items"].items()}))
    unknown = sorted(set(f[wc]) - {w["id"] for w in cb["waves"]})
    if unknown:
        problems.append(Problem(str(s["file"]), f"wave value(s) not in codebook.yml: {', '.join(unknown[:5])}",
                                "Map them with surveys.wave_values in forum.yml", column=wc, value=unknown[0]))
    return out


def _empty(col: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(col):
        return col.isna()
    s = col.astype("string").str.strip()
    return (s.isna() | s.str.lower().isin(EMPTY)).astype(bool)


#: Ledger reasons of the survey intake besides the schema's (EMPTY_ID, DUPLICATE_ID).
EXACT_DUPLICATE = "exact duplicate submission"
NOT_IN_ROSTER = "not in the roster"


def _ledger(rows: list, file, table: RawTable, idx, ids, wave, level, reason, detail=""):
    for i, rid in zip(idx, ids):
        rows.append({"file": str(file), "row": int(i) + table.first_row, "respondent_id": rid, "wave": wave,
                     "level": level, "reason": reason, "detail": detail})


class _Parsed(NamedTuple):
    ids: pd.Series        # stripped respondent ids
    keep: pd.Series       # rows analysed (before the first-wave link)
    group: pd.Series      # member / control
    values: pd.DataFrame  # item -> answer (NaN when missing or excluded)
    codes: pd.DataFrame   # item -> missing code given
    texts: pd.DataFrame | None
    demographics: pd.DataFrame  # demographic variable -> recoded value, for the variables this wave supplies


def _one_wave(wv: _Wave, cfg: dict, cb: dict, problems: list, ledger: list, claimed: set, demo_problems: dict):
    """Parse one wave and validate it with its schema (:func:`survey_schema`); None when it cannot be read.

    Reading the cells (numbers, decimal commas, value labels, recodes) is done here; the schema then
    finds empty and duplicate ids, answers outside their scale, unknown categories and group values.
    Which of those are errors and which are ledger entries is decided here. Demographic variables are
    checked in the first readable wave that has their column (`claimed` holds those taken); their
    problems go to `demo_problems` (variable -> problems), reported after every wave's.
    """
    s = cfg["surveys"]
    f, file = wv.table.frame, str(wv.file)
    idc = s["id_column"]
    if idc not in f.columns:
        cols = ", ".join(map(str, list(f.columns)[:12])) + (", ..." if len(f.columns) > 12 else "")
        problems.append(Problem(file, f"respondent id column {idc!r} not found",
                                "Set surveys.id_column in forum.yml to the id column's name (e.g. id_column: "
                                f"{next(iter(f.columns), 'Respondentnummer')}); the file's columns: {cols}",
                                row=1, column=idc))
        return None
    items = {i: sp for i, sp in cb["items"].items() if wv.wave in sp["waves"]}
    absent = [(i, wv.columns[i]) for i in items if wv.columns[i] not in f.columns]
    for item, colname in absent:
        problems.append(Problem(file, f"codebook item '{item}' (column {colname!r}, wave {wv.wave}) is not in the export",
                                "Correct the item's column in codebook.yml, restrict its 'waves', or export the column", row=1, column=colname))
    if absent:
        return None
    first = wv.table.first_row
    ids = f[idc].astype("string").str.strip()
    prepared = {idc: ids.mask(ids == "")}
    group_column, mapping = _group_mapping(f, s, file, problems)
    if group_column:
        prepared[group_column] = f[group_column].astype("string").str.strip()
    values, unreadable, txt = {}, {}, []
    for item, spec in items.items():
        col = f[wv.columns[item]]
        if spec["type"] == "text":
            t = col.astype("string").str.strip()
            txt.append((item, t))
            continue
        values[item], unreadable[item] = _parse_item(col, item, wv, file)
        prepared.setdefault(wv.columns[item], values[item])
    demo_names = [n for n, d in cb["demographics"].items() if n not in claimed and d["column"] in f.columns]
    claimed.update(demo_names)
    demo = pd.DataFrame({n: _recoded(wv, cb["demographics"][n]) for n in demo_names}, index=f.index)
    for n in demo_names:
        prepared.setdefault(cb["demographics"][n]["column"], demo[n])
    schema = survey_schema(cb, wv.wave, wv.columns, id_column=idc, demographics=demo_names,
                           group=(group_column, mapping) if group_column else None,
                           file_missing=wv.table.missing_values)
    _, found = validate_frame(pd.DataFrame(prepared, index=f.index), schema, file, first_row=first)
    failed: dict[tuple, list[Problem]] = {}
    for p in sorted(found, key=lambda p: -1 if p.row is None else p.row):  # pandera does not keep row order
        failed.setdefault((p.column, p.message), []).append(p)

    def rows(column, message) -> pd.Index:
        return pd.Index([p.row - first for p in failed.pop((column, message), [])], dtype="int64")

    empty_id, dup = rows(idc, EMPTY_ID), rows(idc, DUPLICATE_ID)
    _ledger(ledger, file, wv.table, empty_id, [None] * len(empty_id), wv.wave, "record", EMPTY_ID)
    dup, copies = _exact_copies(f, ids, dup, wv, file, ledger)
    _ledger(ledger, file, wv.table, dup, ids[dup], wv.wave, "record", DUPLICATE_ID,
            "the id appears more than once in this wave; none of its rows is used")
    keep = pd.Series(True, index=f.index)
    keep[empty_id.union(dup).union(copies)] = False
    if group_column:
        for p in failed.pop((group_column, GROUP_MESSAGE), [])[:20]:
            problems.append(p if p.value is not None else p._replace(value=pd.NA))
    group = prepared[group_column].map(mapping).fillna("member") if group_column else pd.Series("member", index=f.index)
    codes = {}
    for item, spec in items.items():
        if spec["type"] == "text":
            continue
        problems.extend([p for p in unreadable[item] if keep[p.row - first]][:20])
        num = values[item]
        mcodes = set(cb["missing_codes"]) | set(spec["missing_codes"]) | set(map(float, wv.table.missing_values.get(wv.columns[item], [])))
        is_code = num.isin(list(mcodes))
        codes[item], values[item] = num.where(is_code), num.mask(is_code)
        sc = spec.get("scale")
        if sc:
            out = [p for p in failed.pop((wv.columns[item], scale_message(item, sc)), []) if keep[p.row - first]]
            if out and cfg_out_of_range(cb) == "exclude":
                for p in out:
                    ledger.append({"file": file, "row": p.row, "respondent_id": ids[p.row - first], "wave": wv.wave,
                                   "level": "answer", "reason": "answer outside the scale",
                                   "detail": f"{item} = {p.value:g}, scale {sc[0]}-{sc[1]}"})
                values[item] = values[item].mask(values[item].index.isin([p.row - first for p in out]))
            else:
                problems.extend(out[:20])
    texts = [pd.DataFrame({"respondent_id": ids, "wave": wv.wave, "item": item, "text": t})[keep & t.notna() & (t != "")]
             for item, t in txt]
    vals = pd.DataFrame(values, index=f.index)
    known = {(p.row, p.column) for p in problems if p.file == file}
    problems.extend(p for p in ranking_problems(vals, keep, wv.columns, ids, file, first, preference_items(items, wv.wave))
                    if (p.row, p.column) not in known)
    no_answer = vals.isna().all(axis=1) & keep if len(vals.columns) else pd.Series(False, index=f.index)
    _ledger(ledger, file, wv.table, f.index[no_answer], ids[no_answer], wv.wave, "record", "no substantive answers",
            "every item is empty or a missing-value code")
    keep &= ~no_answer
    for n in demo_names:
        bad = [p for p in failed.pop((cb["demographics"][n]["column"], category_message(n)), []) if keep[p.row - first]]
        demo_problems[n] = bad[:20]
    for rest in failed.values():  # nothing else is expected from the schema; never drop a problem
        problems.extend(rest[:20])
    return _Parsed(ids, keep, group, vals, pd.DataFrame(codes, index=f.index), pd.concat(texts) if texts else None, demo)


def _exact_copies(f: pd.DataFrame, ids: pd.Series, dup: pd.Index, wv: _Wave, file: str, ledger: list
                  ) -> tuple[pd.Index, pd.Index]:
    """Of each id repeated with identical rows (a form sent twice), keep the first row; the copies go
    to the ledger as ``exact duplicate submission``. The rows of an id repeated with different answers
    stay excluded. Returns (rows of conflicting duplicates, rows of the copies left out)."""
    if not len(dup):
        return dup, pd.Index([], dtype="int64")
    rows = f.loc[dup].astype("string").fillna("")
    conflicting, copies = [], []
    for rid, part in rows.groupby(ids[dup], sort=False):
        if len(part.drop_duplicates()) == 1:
            first = part.index[0]
            copies.extend(part.index[1:])
            _ledger(ledger, file, wv.table, part.index[1:], [rid] * (len(part) - 1), wv.wave, "record",
                    EXACT_DUPLICATE, f"identical to row {int(first) + wv.table.first_row}; that row is used")
        else:
            conflicting.extend(part.index)
    return pd.Index(sorted(conflicting), dtype="int64"), pd.Index(sorted(copies), dtype="int64")


def _group_mapping(f, s, file, problems) -> tuple[str | None, dict]:
    """(group column or None, raw value -> member/control)."""
    gc = s.get("group_column")
    if not gc:
        return None, {}
    if gc not in f.columns:
        problems.append(Problem(file, f"group column {gc!r} not found", "Correct surveys.group_column or remove it", row=1, column=gc))
        return None, {}
    mapping = {"member": "member", "control": "control"}
    for g, raws in (s.get("group_values") or {}).items():
        for raw in (raws if isinstance(raws, list) else [raws]):
            mapping[str(raw)] = g
    return gc, mapping


def _parse_item(col: pd.Series, item: str, wv: _Wave, file: str) -> tuple[pd.Series, list[Problem]]:
    """Answers as numbers (missing codes still in them), and one Problem per cell that is not a number.

    Cells are read by :func:`toolkit.intake.cells.numbers` with the file's decimal mark; a cell
    whose decimal mark is ambiguous (``7.5`` in a decimal-comma file) is reported as such.
    """
    decimal = wv.table.decimal
    p = numbers(col, decimal)
    problems = []
    for i in col.index[p.bad]:
        message = f"answer to '{item}' is not a number"
        if not p.ambiguous[i]:
            hint = "Correct the value, declare it as a missing code, or give the item another type in codebook.yml"
        elif decimal == ".":
            hint = "It looks like a decimal comma: set surveys.read.decimal: ',' in forum.yml"
        else:
            message, hint = f"answer to '{item}' is ambiguous: {p.reason[i]}", decimal_hint(decimal)
        problems.append(Problem(file, message, hint, row=int(i) + wv.table.first_row, column=wv.columns[item],
                                value=col[i]))
    return p.values, problems


def _recoded(wv: _Wave, d: dict) -> pd.Series:
    """A demographic column as text: SPSS value labels and the codebook's recode applied, empty as missing."""
    raw = wv.table.frame[d["column"]]
    labels = wv.table.value_labels.get(d["column"])
    if labels:
        raw = raw.map(lambda v: labels.get(v, v))
    raw = raw.astype("string").str.strip()
    raw = raw.map(lambda v: d["recode"].get(v, v) if v is not pd.NA else v).astype("string")
    return raw.replace("", pd.NA)


def cfg_out_of_range(cb: dict) -> str:
    return cb.get("_out_of_range", "error")


def _demographics(parsed: dict, cb: dict, problems: list, roster: pd.DataFrame | None = None) -> pd.DataFrame:
    frames = []
    for name, d in cb["demographics"].items():
        res = next((r for r in parsed.values() if name in r.demographics.columns), None)
        if res is None and roster is not None and name in roster.columns:
            continue  # the roster's, joined by id (_assemble)
        if res is None:
            problems.append(Problem("codebook.yml", f"demographic '{name}' (column {d['column']!r}) is in no survey file",
                                    "Correct demographics.{0}.column, or give it in the members roster".format(name)))
            continue
        col = pd.DataFrame({"respondent_id": res.ids[res.keep], name: res.demographics[name][res.keep]})
        frames.append(col.drop_duplicates("respondent_id").set_index("respondent_id"))
    return pd.concat(frames, axis=1) if frames else None


def _check_scales_answered(parsed: dict, cb: dict, problems: list) -> None:
    """A scale none of whose items anyone answered in a wave is almost always a wrong column mapping."""
    for name, sc in cb["scales"].items():
        for wave, res in parsed.items():
            vals, keep = res.values, res.keep
            items = [i for i in sc.get("items", []) if i in vals.columns]
            if items and keep.any() and vals.loc[keep, items].notna().sum().sum() == 0:
                problems.append(Problem("codebook.yml", f"scale '{name}': no respondent has a valid answer to any of its items "
                                        f"({', '.join(items)}) in wave {wave}",
                                        "Check the items' columns and missing codes, or restrict the items' 'waves'"))


def read_surveys(cfg: dict, cb: dict, roster: pd.DataFrame | None = None) -> SurveyData:
    """Read every survey export of a forum into tidy frames.

    Parameters
    ----------
    cfg : dict
        From :func:`toolkit.forum.config.load_config`.
    cb : dict
        From :func:`toolkit.forum.config.load_codebook`.
    roster : DataFrame, optional
        The members roster (:func:`toolkit.intake.recruitment.read_members`). A member-group
        record whose id is not in it goes to the ledger (``not in the roster``), and a demographic
        variable that no survey file has is taken from it, joined by id.

    Returns
    -------
    SurveyData
        ``responses`` (respondent_id, group, wave, item, value, missing_code), ``respondents``
        (respondent_id, group, demographic columns), ``texts`` (respondent_id, wave, item, text),
        ``ledger`` (file, row, respondent_id, wave, level, reason, detail), ``accounting`` (wave,
        file, records_in, analysed, excluded) and ``files`` (paths read).

    Raises
    ------
    InputError
        Every problem found in every file, at once.
    """
    problems: list[Problem] = []
    cb = dict(cb, _out_of_range=cfg["surveys"].get("out_of_range", "error"))
    waves = _wave_frames(cfg, cb, problems)
    ledger: list[dict] = []
    parsed: dict[str, _Parsed] = {}
    claimed: set = set()
    demo_problems: dict[str, list] = {}
    for wv in waves:
        if len(wv.table.frame) == 0:
            problems.append(Problem(str(wv.file), f"no data rows (wave {wv.wave}); only a header",
                                    "Export the survey again with its responses"))
            continue
        res = _one_wave(wv, cfg, cb, problems, ledger, claimed, demo_problems)
        if res is not None:
            parsed[wv.wave] = res
    for name in cb["demographics"]:
        problems.extend(demo_problems.get(name, []))
    respondents_demo = _demographics(parsed, cb, problems, roster) if parsed else None
    _check_scales_answered(parsed, cb, problems)
    if problems:
        raise InputError(problems)
    data = _assemble(waves, parsed, respondents_demo, ledger, cb, roster)
    raise_if_problems(_control_in_every_wave(data.responses, waves, cfg["surveys"].get("group_column")))
    rel = {str(wv.file): _relative(wv.file, cfg["folder"]) for wv in waves}
    data.ledger["file"] = data.ledger["file"].map(lambda f: rel.get(str(f), f))
    return data


def _control_in_every_wave(responses: pd.DataFrame, waves: list, group_column: str | None) -> list[Problem]:
    """A control group must have analysed records in every wave, or the comparison cannot be estimated.

    The attitude section compares members' change with the control group's between every pair of
    waves; without the control group in one of them that model has no solution. This is found here,
    so that ``forum-eval check`` and ``forum-eval run`` report the same problem.
    """
    control = responses.loc[responses["group"] == "control", "wave"]
    if control.empty:
        return []
    present = set(control.astype(str))
    return [Problem(str(wv.file), f"the control group has no analysed records in wave '{wv.wave}' "
                                  f"(it has in {', '.join(w.wave for w in waves if w.wave in present)})",
                    "The comparison with the control group needs its answers in every wave: add them, or "
                    "leave the control group's rows out of every wave", column=group_column)
            for wv in waves if wv.wave not in present]


def no_surveys(cb: dict) -> SurveyData:
    """The survey data of a forum without survey exports: empty frames with their columns.

    Examples
    --------
    >>> data = no_surveys({"demographics": {"gender": {}}})
    >>> list(data.respondents.columns), len(data.responses), len(data.ledger)
    (['respondent_id', 'group', 'gender'], 0, 0)
    """
    responses = pd.DataFrame({"respondent_id": pd.Series(dtype=str), "group": pd.Series(dtype=str),
                              "wave": pd.Series(dtype=str), "item": pd.Series(dtype=str),
                              "value": pd.Series(dtype=float), "missing_code": pd.Series(dtype=float)})
    respondents = pd.DataFrame({c: pd.Series(dtype=str)
                                for c in ["respondent_id", "group", *(cb.get("demographics") or {})]})
    return SurveyData(responses, respondents, pd.DataFrame(columns=["respondent_id", "wave", "item", "text"]),
                      pd.DataFrame(columns=LEDGER_COLUMNS),
                      pd.DataFrame(columns=["wave", "file", "records_in", "analysed", "excluded"]), [])


def _relative(path, folder) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path(folder).resolve()))
    except ValueError:
        return Path(path).name


def _assemble(waves, parsed, demo, ledger, cb, roster=None) -> SurveyData:
    first = waves[0]
    roster_ids = None if roster is None else set(roster["member_id"].astype(str).str.strip())
    first_ids = set(parsed[first.wave].ids.dropna()) if first.wave in parsed else set()
    long_parts, groups, texts, acc = [], [], [], []
    for wv in waves:
        ids, keep, group, vals, codes, txt, _ = parsed[wv.wave]
        if wv is not first:
            orphan = keep & ~ids.isin(first_ids)
            _ledger(ledger, wv.file, wv.table, ids.index[orphan], ids[orphan], wv.wave, "record",
                    f"not in the first wave ({first.wave})", "the id has no first-wave record to link to")
            keep = keep & ~orphan
        if roster_ids is not None:
            stranger = keep & (group == "member") & ~ids.isin(roster_ids)
            _ledger(ledger, wv.file, wv.table, ids.index[stranger], ids[stranger], wv.wave, "record", NOT_IN_ROSTER,
                    "a member-group record whose id the members roster does not have (a test record, or a typo)")
            keep = keep & ~stranger
        n_in = len(ids)
        n_out = sum(1 for r in ledger if r["wave"] == wv.wave and r["level"] == "record" and str(r["file"]) == str(wv.file))
        acc.append({"wave": wv.wave, "file": Path(wv.file).name, "records_in": n_in, "analysed": int(keep.sum()), "excluded": n_out})
        v = vals[keep].assign(respondent_id=ids[keep]).melt(id_vars="respondent_id", var_name="item", value_name="value")
        c = codes[keep].assign(respondent_id=ids[keep]).melt(id_vars="respondent_id", var_name="item", value_name="missing_code")
        v["missing_code"] = c["missing_code"].to_numpy()
        v["wave"] = wv.wave
        v["group"] = group[keep].reindex(vals[keep].index).tolist() * len(vals.columns)
        long_parts.append(v)
        groups.append(pd.DataFrame({"respondent_id": ids[keep], "group": group[keep]}))
        if txt is not None:
            texts.append(txt[txt["respondent_id"].isin(set(ids[keep]))])
    responses = pd.concat(long_parts, ignore_index=True)[["respondent_id", "group", "wave", "item", "value", "missing_code"]]
    responses["respondent_id"] = responses["respondent_id"].astype(str)
    respondents = pd.concat(groups).drop_duplicates("respondent_id").set_index("respondent_id")
    if demo is not None:
        respondents = respondents.join(demo, how="left")
    from_roster = [] if roster is None else [n for n in cb["demographics"] if n in roster.columns and n not in respondents.columns]
    if from_roster:  # demographics that live in the roster only: the members' by id, none for the control group
        r = roster.assign(member_id=roster["member_id"].astype(str).str.strip()).drop_duplicates("member_id")
        joined = r.set_index("member_id")[from_roster].reindex(respondents.index)
        joined[respondents["group"] != "member"] = pd.NA
        respondents = respondents.join(joined)
    respondents = respondents.reset_index()
    respondents["respondent_id"] = respondents["respondent_id"].astype(str)
    led = pd.DataFrame(ledger, columns=LEDGER_COLUMNS)
    tx = pd.concat(texts, ignore_index=True) if texts else pd.DataFrame(columns=["respondent_id", "wave", "item", "text"])
    files = sorted({str(wv.file) for wv in waves})
    return SurveyData(responses, respondents, tx, led, pd.DataFrame(acc), files)
