"""Survey exports -> tidy responses, respondents and the exclusion ledger.

Three layouts (``surveys.layout`` in forum.yml): one file per wave (``per_wave``), one wide file whose
columns carry a wave prefix or suffix (``wide``, e.g. ``Q1`` and ``T2Q1``), or one row per answer
(``long``). Pseudonymous respondent ids link the waves.

Every data row of every wave is accounted for: it is analysed, or it is in the ledger with its
reason. Problems that make the data unreadable (missing columns, values that are not numbers,
answers outside the scale, unknown categories) are collected and raised together.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from toolkit.errors import InputError, Problem
from toolkit.intake.files import RawTable, read_table

__all__ = ["SurveyData", "read_surveys", "LEDGER_COLUMNS"]

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
            out.append(_Wave(w, path, read_table(path, **opts), {i: sp["column"] for i, sp in items.items()}))
    elif s["layout"] == "wide":
        table = read_table(s["file"], **opts)
        for w in wave_ids:
            pattern = s["columns"].get(w)
            if pattern is None:
                problems.append(Problem(str(cfg["folder"] / "forum.yml"), f"no column pattern for wave '{w}' under surveys.columns",
                                        "Add e.g. " + w + ": 'T2{item}'"))
                continue
            out.append(_Wave(w, s["file"], table, {i: pattern.format(item=sp["column"]) for i, sp in items.items()}))
    else:
        out.extend(_long_to_waves(cfg, cb, read_table(s["file"], **opts), problems))
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


def _parse_numeric(col: pd.Series, decimal: str) -> pd.Series:
    if pd.api.types.is_numeric_dtype(col):
        return col.astype(float)
    s = col.astype("string").str.strip()
    s = s.mask(s.isin(["", "NA", "NaN", "nan", "#N/A", "None"]))
    if decimal == ",":
        s = s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    return pd.to_numeric(s, errors="coerce").astype(float)


def _empty(col: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(col):
        return col.isna()
    s = col.astype("string").str.strip()
    return s.isna() | s.isin(["", "NA", "NaN", "nan", "#N/A", "None"])


def _ledger(rows: list, file, table: RawTable, idx, ids, wave, level, reason, detail=""):
    for i, rid in zip(idx, ids):
        rows.append({"file": str(file), "row": int(i) + table.first_row, "respondent_id": rid, "wave": wave,
                     "level": level, "reason": reason, "detail": detail})


def _one_wave(wv: _Wave, cfg: dict, cb: dict, problems: list, ledger: list):
    """Parse one wave: returns (frame of items per kept row, texts, group series)."""
    s = cfg["surveys"]
    f, file = wv.table.frame, str(wv.file)
    idc = s["id_column"]
    if idc not in f.columns:
        problems.append(Problem(file, f"respondent id column {idc!r} not found", "Set surveys.id_column in forum.yml to the id column's name",
                                row=1, column=idc))
        return None
    items = {i: sp for i, sp in cb["items"].items() if wv.wave in sp["waves"]}
    absent = [(i, wv.columns[i]) for i in items if wv.columns[i] not in f.columns]
    for item, colname in absent:
        problems.append(Problem(file, f"codebook item '{item}' (column {colname!r}, wave {wv.wave}) is not in the export",
                                "Correct the item's column in codebook.yml, restrict its 'waves', or export the column", row=1, column=colname))
    if absent:
        return None
    ids = f[idc].astype("string").str.strip()
    keep = pd.Series(True, index=f.index)
    empty_id = ids.isna() | (ids == "")
    _ledger(ledger, file, wv.table, f.index[empty_id], [None] * int(empty_id.sum()), wv.wave, "record", "empty respondent id")
    keep &= ~empty_id
    dup = ids.duplicated(keep=False) & keep
    _ledger(ledger, file, wv.table, f.index[dup], ids[dup], wv.wave, "record", "duplicate respondent id",
            "the id appears more than once in this wave; none of its rows is used")
    keep &= ~dup
    group = _groups(f, s, file, wv, problems)
    values, codes = {}, {}
    txt = []
    for item, spec in items.items():
        col = f[wv.columns[item]]
        if spec["type"] == "text":
            t = col.astype("string").str.strip()
            txt.append(pd.DataFrame({"respondent_id": ids, "wave": wv.wave, "item": item, "text": t})[keep & t.notna() & (t != "")])
            continue
        values[item], codes[item] = _item_values(col, item, spec, cb, wv, file, keep, ids, problems, ledger)
    vals = pd.DataFrame(values, index=f.index)
    no_answer = vals.isna().all(axis=1) & keep if len(vals.columns) else pd.Series(False, index=f.index)
    _ledger(ledger, file, wv.table, f.index[no_answer], ids[no_answer], wv.wave, "record", "no substantive answers",
            "every item is empty or a missing-value code")
    keep &= ~no_answer
    return ids, keep, group, vals, pd.DataFrame(codes, index=f.index), (pd.concat(txt) if txt else None)


def _groups(f, s, file, wv, problems) -> pd.Series:
    gc = s.get("group_column")
    if not gc:
        return pd.Series("member", index=f.index)
    if gc not in f.columns:
        problems.append(Problem(file, f"group column {gc!r} not found", "Correct surveys.group_column or remove it", row=1, column=gc))
        return pd.Series("member", index=f.index)
    mapping = {"member": "member", "control": "control"}
    for g, raws in (s.get("group_values") or {}).items():
        for raw in (raws if isinstance(raws, list) else [raws]):
            mapping[str(raw)] = g
    raw = f[gc].astype("string").str.strip()
    out = raw.map(mapping)
    bad = out.isna()
    for i in f.index[bad][:20]:
        problems.append(Problem(file, "unknown group value", "Map it to member or control with surveys.group_values in forum.yml",
                                row=int(i) + wv.table.first_row, column=gc, value=raw[i]))
    return out.fillna("member")


def _item_values(col, item, spec, cb, wv, file, keep, ids, problems, ledger):
    num = _parse_numeric(col, wv.table.decimal)
    bad = num.isna() & ~_empty(col) & keep
    for i in col.index[bad][:20]:
        hint = ("It looks like a decimal comma: set surveys.read.decimal: ',' in forum.yml"
                if wv.table.decimal == "." and re.fullmatch(r"\s*-?\d+,\d+\s*", str(col[i])) else
                "Correct the value, declare it as a missing code, or give the item another type in codebook.yml")
        problems.append(Problem(file, f"answer to '{item}' is not a number", hint,
                                row=int(i) + wv.table.first_row, column=wv.columns[item], value=col[i]))
    mcodes = set(cb["missing_codes"]) | set(spec["missing_codes"]) | set(map(float, wv.table.missing_values.get(wv.columns[item], [])))
    is_code = num.isin(list(mcodes))
    code = num.where(is_code)
    val = num.mask(is_code)
    sc = spec.get("scale")
    if sc:
        out = val.notna() & ((val < sc[0]) | (val > sc[1])) & keep
        if out.any():
            cname = wv.columns[item]
            if cfg_out_of_range(cb) == "exclude":
                for i in col.index[out]:
                    ledger.append({"file": file, "row": int(i) + wv.table.first_row, "respondent_id": ids[i], "wave": wv.wave,
                                   "level": "answer", "reason": "answer outside the scale",
                                   "detail": f"{item} = {val[i]:g}, scale {sc[0]}-{sc[1]}"})
                val = val.mask(out)
            else:
                for i in col.index[out][:20]:
                    problems.append(Problem(file, f"answer to '{item}' outside its scale {sc[0]}-{sc[1]}",
                                            "If it is a missing-value code, declare it under missing_codes in codebook.yml; otherwise correct it "
                                            "(or set surveys.out_of_range: exclude to ledger such answers)",
                                            row=int(i) + wv.table.first_row, column=cname, value=val[i]))
    return val, code


def cfg_out_of_range(cb: dict) -> str:
    return cb.get("_out_of_range", "error")


def _demographics(waves: list, parsed: dict, cb: dict, problems: list) -> pd.DataFrame:
    frames = []
    for name, d in cb["demographics"].items():
        col = None
        for wv in waves:
            if wv.wave in parsed and d["column"] in wv.table.frame.columns:
                ids, keep = parsed[wv.wave][0], parsed[wv.wave][1]
                raw = wv.table.frame[d["column"]]
                labels = wv.table.value_labels.get(d["column"])
                if labels:
                    raw = raw.map(lambda v: labels.get(v, v))
                raw = raw.astype("string").str.strip()
                raw = raw.map(lambda v: d["recode"].get(v, v) if v is not pd.NA else v).astype("string")
                cats = d.get("categories")
                if cats:
                    bad = raw.notna() & (raw != "") & ~raw.isin(list(cats)) & keep
                    for i in raw.index[bad][:20]:
                        problems.append(Problem(str(wv.file), f"unknown category for '{name}'",
                                                f"Add a recode in codebook.yml demographics.{name}.recode, or use one of: {', '.join(cats)}",
                                                row=int(i) + wv.table.first_row, column=d["column"], value=raw[i]))
                col = pd.DataFrame({"respondent_id": ids[keep], name: raw[keep].replace("", pd.NA)})
                break
        if col is None:
            problems.append(Problem("codebook.yml", f"demographic '{name}' (column {d['column']!r}) is in no survey file",
                                    "Correct demographics.{0}.column, or give it in the members roster".format(name)))
            continue
        frames.append(col.drop_duplicates("respondent_id").set_index("respondent_id"))
    return pd.concat(frames, axis=1) if frames else None


def _check_scales_answered(parsed: dict, cb: dict, problems: list) -> None:
    """A scale none of whose items anyone answered in a wave is almost always a wrong column mapping."""
    for name, sc in cb["scales"].items():
        for wave, res in parsed.items():
            vals, keep = res[3], res[1]
            items = [i for i in sc.get("items", []) if i in vals.columns]
            if items and keep.any() and vals.loc[keep, items].notna().sum().sum() == 0:
                problems.append(Problem("codebook.yml", f"scale '{name}': no respondent has a valid answer to any of its items "
                                        f"({', '.join(items)}) in wave {wave}",
                                        "Check the items' columns and missing codes, or restrict the items' 'waves'"))


def read_surveys(cfg: dict, cb: dict) -> SurveyData:
    """Read every survey export of a forum into tidy frames.

    Parameters
    ----------
    cfg : dict
        From :func:`toolkit.config.load_config`.
    cb : dict
        From :func:`toolkit.config.load_codebook`.

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
    parsed = {}
    for wv in waves:
        if len(wv.table.frame) == 0:
            problems.append(Problem(str(wv.file), f"no data rows (wave {wv.wave}); only a header",
                                    "Export the survey again with its responses"))
            continue
        res = _one_wave(wv, cfg, cb, problems, ledger)
        if res is not None:
            parsed[wv.wave] = res
    respondents_demo = _demographics(waves, parsed, cb, problems) if parsed else None
    _check_scales_answered(parsed, cb, problems)
    if problems:
        raise InputError(problems)
    data = _assemble(waves, parsed, respondents_demo, ledger, cb)
    rel = {str(wv.file): _relative(wv.file, cfg["folder"]) for wv in waves}
    data.ledger["file"] = data.ledger["file"].map(lambda f: rel.get(str(f), f))
    return data


def _relative(path, folder) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path(folder).resolve()))
    except ValueError:
        return Path(path).name


def _assemble(waves, parsed, demo, ledger, cb) -> SurveyData:
    first = waves[0]
    first_ids = set(parsed[first.wave][0].dropna()) if first.wave in parsed else set()
    long_parts, groups, texts, acc = [], [], [], []
    for wv in waves:
        ids, keep, group, vals, codes, txt = parsed[wv.wave]
        if wv is not first:
            orphan = keep & ~ids.isin(first_ids)
            _ledger(ledger, wv.file, wv.table, ids.index[orphan], ids[orphan], wv.wave, "record",
                    f"not in the first wave ({first.wave})", "the id has no first-wave record to link to")
            keep = keep & ~orphan
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
    respondents = respondents.reset_index()
    respondents["respondent_id"] = respondents["respondent_id"].astype(str)
    led = pd.DataFrame(ledger, columns=LEDGER_COLUMNS)
    tx = pd.concat(texts, ignore_index=True) if texts else pd.DataFrame(columns=["respondent_id", "wave", "item", "text"])
    files = sorted({str(wv.file) for wv in waves})
    return SurveyData(responses, respondents, tx, led, pd.DataFrame(acc), files)
