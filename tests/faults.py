"""The corpus of input faults: each a small forum with one thing wrong, the exit code and message it must give.

Every fault starts from the same small valid forum (:func:`base_forum`) and changes one thing.
``exit`` 2 means the input must be corrected (message, no traceback); ``exit`` 0 means the toolkit
copes (the record goes to the exclusion ledger, or the format is read correctly) and says so.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, NamedTuple

import pandas as pd
import yaml

CODEBOOK = {
    "waves": [{"id": "t0", "label": "Voor"}, {"id": "t1", "label": "Na"}],
    "missing_codes": {98: "dont_know"},
    "demographics": {"gender": {"categories": ["man", "vrouw"]}},
    "items": {"A": {"type": "scale", "scale": [0, 10], "support": [6, 10]},
              "C": {"type": "scale", "scale": [0, 10]},
              "B": {"type": "process", "scale": [1, 5]}},
    "scales": {"S": {"items": ["A", "C"], "min_items": 1}},
}
FORUM = {"name": "Fault", "language": "nl", "min_cell_size": 5,
         "surveys": {"layout": "per_wave", "files": {"t0": "t0.csv", "t1": "t1.csv"}, "id_column": "respondent_id"}}
T0 = ("respondent_id,gender,A,C,B\n"
      "r1,man,5,4,1\nr2,vrouw,7,6,2\nr3,vrouw,98,3,3\nr4,man,2,2,4\nr5,vrouw,9,8,5\nr6,man,4,5,3\n")
T1 = "respondent_id,A,C,B\nr1,6,5,2\nr2,8,7,2\nr3,4,4,3\nr4,3,3,4\nr5,9,9,5\n"


def base_forum(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "forum.yml").write_text(yaml.safe_dump(FORUM), encoding="utf-8")
    (folder / "codebook.yml").write_text(yaml.safe_dump(CODEBOOK), encoding="utf-8")
    (folder / "t0.csv").write_text(T0, encoding="utf-8")
    (folder / "t1.csv").write_text(T1, encoding="utf-8")
    return folder


def _yaml(folder: Path, name: str, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
    change(data)
    (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _csv(folder: Path, name: str, text: str, encoding: str = "utf-8") -> None:
    (folder / name).write_bytes(text.encode(encoding))


def _replace(folder: Path, name: str, old: str, new: str) -> None:
    text = (folder / name).read_text(encoding="utf-8")
    assert old in text, f"fault setup: {old!r} not in {name}"
    (folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")


def _xlsx(folder: Path, name: str, sheets: dict[str, pd.DataFrame]) -> None:
    with pd.ExcelWriter(folder / name) as xw:
        for sheet, df in sheets.items():
            df.to_excel(xw, sheet_name=sheet, index=False)


def _merged_header(folder: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["respondent_id", "Antwoorden", None, None])
    ws.merge_cells("B1:D1")
    ws.append(["r1", 6, 5, 2])
    wb.save(folder / "t1.xlsx")
    _yaml(folder, "forum.yml", lambda d: d["surveys"]["files"].update(t1="t1.xlsx"))


def _spss(folder: Path) -> None:
    import pyreadstat

    df = pd.read_csv(folder / "t0.csv").assign(A=[5, 7, 97, 2, 9, 4], gender=[1, 2, 2, 1, 2, 1])
    pyreadstat.write_sav(df, str(folder / "t0.sav"), missing_ranges={"A": [97]},
                         variable_value_labels={"gender": {1: "man", 2: "vrouw"}})
    _yaml(folder, "forum.yml", lambda d: d["surveys"]["files"].update(t0="t0.sav"))


def _qualtrics(folder: Path) -> None:
    lines = T0.splitlines()
    extra = ["Respondent,Geslacht,Vraag A,Vraag C,Vraag B",
             '{"ImportId":"id"},{"ImportId":"QID9"},{"ImportId":"QID1"},{"ImportId":"QID2"},{"ImportId":"QID3"}']
    _csv(folder, "t0.csv", "\n".join(lines[:1] + extra + lines[1:]) + "\n")


def _spaces_non_ascii(folder: Path) -> None:
    (folder / "t0.csv").rename(folder / "meting één.csv")
    _yaml(folder, "forum.yml", lambda d: d["surveys"]["files"].update(t0="meting één.csv"))


class Fault(NamedTuple):
    id: str
    setup: Callable[[Path], None]
    exit: int
    messages: tuple[str, ...]  # each must appear in the output (stderr for exit 2, stdout for 0)


def _f(id, setup, exit, *messages) -> Fault:
    return Fault(id, setup, exit, messages)


SURVEY_FAULTS = [
    _f("wrong_delimiter", lambda f: _csv(f, "t1.csv", T1.replace(",", ";").replace("respondent_id;A;C;B", "respondent_id,A,C,B")), 2,
       "t1.csv, row 2: row has 1 cells but the header has 4", "seems to use ';' as delimiter but the header uses ','"),
    _f("wrong_encoding_declared", lambda f: (_csv(f, "t1.csv", T1.replace("r1", "ré1"), "cp1252"),
                                             _yaml(f, "forum.yml", lambda d: d["surveys"].update(read={"encoding": "utf-8"}))), 2,
       "t1.csv: cannot be read as utf-8", "Fix surveys.read.encoding"),
    _f("cp1252_detected", lambda f: _csv(f, "t1.csv", T1.replace("r1", "ré1").replace("r5", "r1"), "cp1252"), 0,
       "1 record: not in the first wave (t0)"),
    _f("utf8_bom", lambda f: _csv(f, "t0.csv", "\ufeff" + T0), 0, "all inputs are valid"),
    _f("dutch_excel_csv", lambda f: _csv(f, "t1.csv", T1.replace(",", ";").replace("6;5;2", "6,5;5;2"), "cp1252"), 0, "all inputs are valid"),
    _f("decimal_comma_in_comma_csv", lambda f: _csv(f, "t1.csv", T1.replace("r1,6,5,2", 'r1,"6,5",5,2')), 2,
       "t1.csv, row 2, column 'A': answer to 'A' is not a number (value: '6,5')", "decimal comma"),
    _f("empty_file", lambda f: _csv(f, "t1.csv", ""), 2, "t1.csv: file is empty"),
    _f("header_only", lambda f: _csv(f, "t1.csv", "respondent_id,A,C,B\n"), 2, "no data rows (wave t1); only a header"),
    _f("missing_item_column", lambda f: _csv(f, "t1.csv", "respondent_id,A,B\nr1,6,2\n"), 2,
       "codebook item 'C' (column 'C', wave t1) is not in the export"),
    _f("duplicate_ids", lambda f: _csv(f, "t1.csv", T1 + "r2,8,7,3\n"), 0, "2 records: duplicate respondent id"),
    _f("duplicate_exact_copy", lambda f: _csv(f, "t1.csv", T1 + "r2,8,7,2\n"), 0, "1 record: exact duplicate submission"),
    _f("duplicate_exact_and_conflicting", lambda f: _csv(f, "t1.csv", T1 + "r2,8,7,2\nr3,4,4,4\n"), 0,
       "1 record: exact duplicate submission", "2 records: duplicate respondent id"),
    _f("empty_ids", lambda f: _csv(f, "t1.csv", T1 + ",5,5,5\n"), 0, "1 record: empty respondent id"),
    _f("id_not_in_first_wave", lambda f: _csv(f, "t1.csv", T1 + "r99,5,5,5\n"), 0, "1 record: not in the first wave (t0)"),
    _f("all_answers_missing", lambda f: _csv(f, "t1.csv", T1 + "r6,98,,\n"), 0, "1 record: no substantive answers"),
    _f("answer_outside_scale", lambda f: _csv(f, "t1.csv", T1.replace("r3,4,4,3", "r3,4,4,7")), 2,
       "t1.csv, row 4, column 'B': answer to 'B' outside its scale 1-5 (value: 7)"),
    _f("undeclared_missing_code", lambda f: _csv(f, "t1.csv", T1.replace("r4,3,3,4", "r4,99,3,4")), 2,
       "row 5, column 'A': answer to 'A' outside its scale 0-10 (value: 99)", "declare it under missing_codes"),
    _f("out_of_range_excluded", lambda f: (_csv(f, "t1.csv", T1.replace("r4,3,3,4", "r4,99,3,4")),
                                           _yaml(f, "forum.yml", lambda d: d["surveys"].update(out_of_range="exclude"))), 0,
       "1 answer: answer outside the scale"),
    _f("non_numeric_answer", lambda f: _csv(f, "t1.csv", T1.replace("r2,8,7,2", "r2,acht,7,2")), 2,
       "row 3, column 'A': answer to 'A' is not a number (value: 'acht')"),
    _f("unknown_category", lambda f: _csv(f, "t0.csv", T0.replace("r4,man", "r4,M")), 2,
       "row 5, column 'gender': unknown category for 'gender' (value: 'M')", "Add a recode"),
    _f("codebook_item_not_in_export", lambda f: _yaml(f, "codebook.yml", lambda d: d["items"].update(Z={"scale": [0, 10]})), 2,
       "codebook item 'Z' (column 'Z', wave t0) is not in the export"),
    _f("scale_all_items_missing", lambda f: _csv(f, "t1.csv", "respondent_id,A,C,B\nr1,98,98,2\nr2,98,,2\n"), 2,
       "scale 'S': no respondent has a valid answer to any of its items (A, C) in wave t1"),
    _f("wave_missing_entirely", lambda f: _yaml(f, "codebook.yml", lambda d: d["waves"].append({"id": "t2"})), 2,
       "no file for wave 't2' under surveys.files"),
    _f("qualtrics_three_header_rows", _qualtrics, 0, "all inputs are valid"),
    _f("xlsx_merged_header", _merged_header, 2, "t1.xlsx, row 1, column 'Unnamed: 2': 2 column(s) without a header",
       "unmerge merged header cells"),
    _f("xlsx_several_sheets", lambda f: (_xlsx(f, "t1.xlsx", {"Blad1": pd.read_csv(f / "t1.csv"), "Toelichting": pd.DataFrame({"x": [1]})}),
                                         _yaml(f, "forum.yml", lambda d: d["surveys"]["files"].update(t1="t1.xlsx"))), 2,
       "workbook has 2 sheets: Blad1, Toelichting", "surveys.read.sheet"),
    _f("spss_user_missing", _spss, 0, "all inputs are valid"),
    _f("xlsx_named_csv", lambda f: (_xlsx(f, "t1.xlsx", {"Blad1": pd.read_csv(f / "t1.csv")}), (f / "t1.xlsx").rename(f / "t1.csv")), 2,
       "t1.csv: is an Excel workbook (a zip file), not a text CSV"),
    _f("unknown_file_type", lambda f: ((f / "t1.csv").rename(f / "t1.ods"),
                                       _yaml(f, "forum.yml", lambda d: d["surveys"]["files"].update(t1="t1.ods"))), 2,
       "unknown file type '.ods'", "Use .csv, .xlsx or .sav"),
    _f("duplicate_column_names", lambda f: _csv(f, "t1.csv", T1.replace("respondent_id,A,C,B", "respondent_id,A,A,B")), 2,
       "column name(s) appear twice: A"),
    _f("id_column_missing", lambda f: _csv(f, "t1.csv", T1.replace("respondent_id", "ID")), 2,
       "t1.csv, row 1, column 'respondent_id': respondent id column 'respondent_id' not found", "surveys.id_column"),
    _f("unknown_group_value", lambda f: (_csv(f, "t1.csv", T1.replace("respondent_id,A,C,B", "respondent_id,groep,A,C,B").replace("r1,", "r1,forum,").replace("r2,", "r2,ctrl,").replace("r3,", "r3,forum,").replace("r4,", "r4,forum,").replace("r5,", "r5,forum,")),
                                         _csv(f, "t0.csv", T0.replace("respondent_id,", "respondent_id,groep,").replace("\nr", "\nforum,r").replace("forum,r", "r", 0)),
                                         _yaml(f, "forum.yml", lambda d: d["surveys"].update(group_column="groep", group_values={"member": "forum"}))), 2,
       "column 'groep': unknown group value (value: 'ctrl')", "surveys.group_values"),
]

CONFIG_FAULTS = [
    _f("forum_folder_missing", lambda f: [p.unlink() for p in f.iterdir()] and None or f.rmdir(), 2, "forum folder not found"),
    _f("forum_yml_missing", lambda f: (f / "forum.yml").unlink(), 2, "forum.yml: file not found"),
    _f("forum_yml_empty", lambda f: (f / "forum.yml").write_text("", encoding="utf-8"), 2, "forum.yml: file is empty"),
    _f("forum_yml_not_yaml", lambda f: (f / "forum.yml").write_text("name: x\nsurveys: {files: [\n", encoding="utf-8"), 2,
       "not valid YAML"),
    _f("unknown_key_nearest", lambda f: _yaml(f, "forum.yml", lambda d: d.update(langauge="nl")), 2,
       "unknown key 'langauge'. Did you mean 'language'?"),
    _f("unknown_nested_key", lambda f: _yaml(f, "forum.yml", lambda d: d["surveys"].update(id_colum="x")), 2,
       "unknown key 'surveys.id_colum'. Did you mean 'surveys.id_column'?"),
    _f("wrong_type", lambda f: _yaml(f, "forum.yml", lambda d: d.update(min_cell_size="vijf")), 2,
       "key 'min_cell_size' should be a whole number, found text (value: 'vijf')"),
    _f("wrong_bool_type", lambda f: _yaml(f, "forum.yml", lambda d: d.update(free_text="ja")), 2,
       "key 'free_text' should be true/false, found text"),
    _f("missing_required_key", lambda f: _yaml(f, "forum.yml", lambda d: d.pop("name")), 2, "required key 'name' is missing"),
    _f("missing_export_file", lambda f: (f / "t1.csv").unlink(), 2, "key 'surveys.files.t1': file 't1.csv' not found"),
    _f("paths_with_spaces_non_ascii", _spaces_non_ascii, 0, "all inputs are valid"),
    _f("bad_language", lambda f: _yaml(f, "forum.yml", lambda d: d.update(language="de")), 2,
       "key 'language' must be 'nl' or 'en' (value: 'de')"),
    _f("min_cell_size_zero", lambda f: _yaml(f, "forum.yml", lambda d: d.update(min_cell_size=0)), 2,
       "key 'min_cell_size' must be 1 or more"),
    _f("unknown_layout", lambda f: _yaml(f, "forum.yml", lambda d: d["surveys"].update(layout="breed")), 2,
       "key 'surveys.layout' must be one of per_wave, wide, long (value: 'breed')"),
    _f("wide_pattern_missing", lambda f: _yaml(f, "forum.yml", lambda d: d.update(surveys={"layout": "wide", "file": "t0.csv"})), 2,
       "key 'surveys.columns' is missing (layout wide)"),
    _f("codebook_unknown_item_type", lambda f: _yaml(f, "codebook.yml", lambda d: d["items"]["A"].update(type="schaal")), 2,
       "items.A.type is not a known type", "Did you mean 'scale'?"),
    _f("codebook_scale_range_bad", lambda f: _yaml(f, "codebook.yml", lambda d: d["items"]["A"].update(scale=[10, 0])), 2,
       "items.A.scale should be [min, max]"),
    _f("codebook_undeclared_wave", lambda f: _yaml(f, "codebook.yml", lambda d: d["items"]["A"].update(waves=["t0", "t9"])), 2,
       "items.A.waves names wave 't9'"),
    _f("codebook_scale_unknown_item", lambda f: _yaml(f, "codebook.yml", lambda d: d["scales"]["S"]["items"].append("Q")), 2,
       "scales.S names item 'Q', which is not under 'items'"),
    _f("codebook_missing_code_text", lambda f: _yaml(f, "codebook.yml", lambda d: d["missing_codes"].update({"weet niet": "dont_know"})), 2,
       "missing code 'weet niet' is not a number"),
    _f("unknown_input_kind", lambda f: (_csv(f, "x.csv", "a\n1\n"), _yaml(f, "forum.yml", lambda d: d.update(inputs={"funel": "x.csv"}))), 2,
       "unknown input 'inputs.funel'. Did you mean 'inputs.funnel'?"),
]




# --- faults in the other inputs (recruitment and follow-up registers) ---
FUNNEL = ("variable,category,letters,registrations,pool,drawn,started,completed\n"
          "gender,man,3000,200,150,10,9,8\ngender,vrouw,3000,210,160,11,10,9\n")
BENCH = ("variable,category,share,source,year,age_range\n"
         "gender,man,0.497,85496NED,2023,all ages\ngender,vrouw,0.503,85496NED,2023,all ages\n")
RECS = ("id,title,text,theme,support,addressed_to,response,response_date,response_source,reasons\n"
        "R1,Titel,Tekst,energie,0.8,kabinet,adopted,2025-06-01,Brief,Redenen\n"
        "R2,Titel 2,Tekst,wonen,0.7,kabinet,no_response,,,\n")


def _with(folder: Path, inputs: dict[str, str], files: dict[str, str], follow_up: dict | None = None) -> None:
    for name, content in files.items():
        _csv(folder, name, content)

    def change(d):
        d["inputs"] = inputs
        if follow_up:
            d["follow_up"] = follow_up
    _yaml(folder, "forum.yml", change)


def _funnel(text: str):
    return lambda f: _with(f, {"funnel": "funnel.csv", "benchmark": "bench.csv"}, {"funnel.csv": text, "bench.csv": BENCH})


def _bench(text: str):
    return lambda f: _with(f, {"benchmark": "bench.csv", "funnel": "funnel.csv"}, {"bench.csv": text, "funnel.csv": FUNNEL})


FU = {"handover_date": "2025-05-01", "as_of": "2025-11-01", "promised_response_days": 90}


def _register(text: str, extra: dict | None = None):
    files = {"recs.csv": text, **(extra or {})}
    inputs = {"recommendations": "recs.csv", **{k: v for k, v in {"implementation": "impl.csv"}.items() if "impl.csv" in files}}
    return lambda f: _with(f, inputs, files, FU)


DOMAIN_FAULTS = [
    _f("domain_inputs_valid", _funnel(FUNNEL), 0, "all inputs are valid"),
    _f("funnel_negative_count", _funnel(FUNNEL.replace("3000,200", "-3000,200", 1)), 2, "funnel.csv", "-3000"),
    _f("funnel_non_integer_count", _funnel(FUNNEL.replace(",10,9,8", ",10.5,9,8", 1)), 2, "funnel.csv", "10.5"),
    _f("funnel_grows_between_stages", _funnel(FUNNEL.replace("150,10,9,8", "150,10,12,8", 1)), 2, "funnel.csv", "started"),
    _f("funnel_missing_column", _funnel(FUNNEL.replace(",pool", "").replace(",150,", ",").replace(",160,", ",")), 2, "funnel.csv", "pool"),
    _f("funnel_extra_column_ignored", _funnel(FUNNEL.replace("completed\n", "completed,opmerking\n").replace(",8\n", ",8,x\n").replace(",9\n", ",9,y\n")), 0,
       "all inputs are valid"),
    _f("benchmark_shares_do_not_add_up", _bench(BENCH.replace("0.503", "0.603")), 2, "bench.csv", "gender"),
    _f("benchmark_unknown_category_in_funnel", _bench(BENCH.replace("vrouw", "vrouwen")), 2,
       "funnel.csv, column 'gender': categories of 'gender' differ: funnel.csv has man, vrouw; the benchmark (bench.csv) "
       "has man, vrouwen (only in funnel.csv: vrouw; only in the benchmark (bench.csv): vrouwen)",
       "Recode the values in forum.yml: inputs: {funnel: {file: funnel.csv, recode: {gender: {vrouw: <one of man, vrouwen>}}}}"),
    _f("register_unknown_status", _register(RECS.replace("adopted,2025", "adopteed,2025")), 2, "recs.csv", "adopteed", "adopted"),
    _f("register_response_before_handover", _register(RECS.replace("2025-06-01", "2025-04-01")), 2, "recs.csv", "2025-04-01"),
    _f("register_date_in_the_future", _register(RECS.replace("2025-06-01", "2026-06-01")), 2, "recs.csv", "2026-06-01"),
    _f("register_unparseable_date", _register(RECS.replace("2025-06-01", "31-02-2025")), 2, "recs.csv", "31-02-2025"),
    _f("register_dutch_dates_accepted", _register(RECS.replace("2025-06-01", "1 juni 2025")), 0, "all inputs are valid"),
    _f("register_duplicate_ids", _register(RECS.replace("R2,", "R1,")), 2, "recs.csv", "R1"),
    _f("register_status_for_unknown_id", _register(RECS, {"impl.csv": "recommendation_id,date,status,source,note\nR9,2025-07-01,in_progress,x,\n"}), 2,
       "impl.csv", "R9"),
    _f("register_without_handover_date", lambda f: (_with(f, {"recommendations": "recs.csv"}, {"recs.csv": RECS})), 2,
       "no handover date"),
]

def _members(folder: Path, text: str, spec) -> None:
    """A roster with the agency's own column names, and its mapping in forum.yml."""
    _csv(folder, "leden.csv", text)
    _yaml(folder, "forum.yml", lambda d: d.update(inputs={"members": spec}))


LEDEN = "Deelnemer-ID;Geslacht;Afgehaakt\n001;Vrouw;nee\n002;Man;ja\n003;Anders / zeg ik liever niet;nee\n"
LEDEN_SPEC = {"file": "leden.csv", "columns": {"member_id": "Deelnemer-ID", "gender": "Geslacht", "completed": "Afgehaakt"},
              "recode": {"gender": {"Vrouw": "vrouw", "Man": "man", "Anders / zeg ik liever niet": "onbekend"}},
              "invert": ["completed"]}


def _leden(**change):
    return lambda f: _members(f, LEDEN.replace("Deelnemer-ID;", "Deelnemer-ID;Gestart;").replace("\n0", "\n0").replace(";Vrouw", ";ja;Vrouw").replace(";Man", ";ja;Man").replace(";Anders", ";ja;Anders"),
                              {**LEDEN_SPEC, "columns": {**LEDEN_SPEC["columns"], "started": "Gestart"}, **change})


TYPE_FAULTS = [
    _f("type_id_column_list", lambda f: _yaml(f, "forum.yml", lambda d: d["surveys"].update(id_column=["respondent_id", "ID"])), 2,
       "key 'surveys.id_column' should be text or a mapping, found a list"),
    _f("type_id_column_per_wave_number", lambda f: _yaml(f, "forum.yml", lambda d: d["surveys"].update(id_column={"t0": "respondent_id", "t1": 5})), 2,
       "key 'surveys.id_column.t1' should be text (the id column of that wave), found a whole number"),
    _f("type_id_column_unknown_wave", lambda f: _yaml(f, "forum.yml", lambda d: d["surveys"].update(id_column={"t0": "respondent_id", "t9": "ID"})), 2,
       "key 'surveys.id_column' names wave 't9', which is not under surveys.files"),
    _f("type_input_file_missing", lambda f: _members(f, LEDEN, {"columns": {"member_id": "Deelnemer-ID"}}), 2,
       "key 'inputs.members.file' is missing"),
    _f("type_input_file_empty", lambda f: _members(f, LEDEN, {"file": None}), 2, "key 'inputs.members.file' is missing"),
    _f("type_input_list", lambda f: _members(f, LEDEN, ["leden.csv"]), 2, "key 'inputs.members' should be a file path"),
    _f("type_input_columns_list", lambda f: _members(f, LEDEN, {"file": "leden.csv", "columns": ["Deelnemer-ID"]}), 2,
       "key 'inputs.members.columns' should be a mapping, found a list"),
    _f("type_input_column_mapping", lambda f: _members(f, LEDEN, {"file": "leden.csv", "columns": {"member_id": {"x": 1}}}), 2,
       "key 'inputs.members.columns.member_id' should be text (the file's column name), found a mapping"),
    _f("type_recode_not_mapping", lambda f: _members(f, LEDEN, {**LEDEN_SPEC, "recode": {"gender": ["Vrouw"]}}), 2,
       "key 'inputs.members.recode.gender' should be a mapping"),
    _f("type_read_sep_long", lambda f: _yaml(f, "forum.yml", lambda d: d["surveys"].update(read={"sep": "tab"})), 2,
       "key 'surveys.read.sep' should be one character"),
    _f("type_read_encoding_unknown", lambda f: _yaml(f, "forum.yml", lambda d: d["surveys"].update(read={"encoding": "utf-9"})), 2,
       "key 'surveys.read.encoding' should be a known encoding"),
    _f("type_read_not_mapping", lambda f: _yaml(f, "forum.yml", lambda d: d["surveys"].update(read=[";"])), 2,
       "key 'surveys.read' should be a mapping, found a list"),
    _f("type_inputs_list", lambda f: _yaml(f, "forum.yml", lambda d: d.update(inputs=["members.csv"])), 2,
       "key 'inputs' should be a mapping, found a list"),
    _f("type_codebook_items_list", lambda f: _yaml(f, "codebook.yml", lambda d: d.update(items=["A", "B"])), 2,
       "key 'items' should be a mapping, found a list"),
    _f("type_codebook_missing_codes_list", lambda f: _yaml(f, "codebook.yml", lambda d: d.update(missing_codes=[98])), 2,
       "key 'missing_codes' should be a mapping, found a list"),
    _f("type_codebook_item_scale_mapping", lambda f: _yaml(f, "codebook.yml", lambda d: d["items"]["A"].update(scale={"min": 0})), 2,
       "key 'items.A.scale' should be a list, found a mapping"),
    _f("type_codebook_scale_items_number", lambda f: _yaml(f, "codebook.yml", lambda d: d["scales"]["S"].update(items=5)), 2,
       "key 'scales.S.items' should be a list, found a whole number"),
    _f("type_codebook_demographics_list", lambda f: _yaml(f, "codebook.yml", lambda d: d.update(demographics=["gender"])), 2,
       "key 'demographics' should be a mapping, found a list"),
]

MAPPING_FAULTS = [
    _f("mapping_roster_valid", _leden(), 0, "all inputs are valid"),
    _f("mapping_column_not_in_file", _leden(columns={"member_id": "DeelnemerID", "started": "Gestart", "completed": "Afgehaakt"}), 2,
       "leden.csv, row 1, column 'DeelnemerID': column 'DeelnemerID' (mapped to 'member_id' under inputs.members.columns) is not in the file",
       "The file's columns are: Deelnemer-ID, Gestart, Geslacht, Afgehaakt"),
    _f("mapping_recode_unknown_column", _leden(recode={"geslacht_x": {"Vrouw": "vrouw"}}), 2,
       "inputs.members recodes or inverts column 'geslacht_x', which the file does not have"),
    _f("mapping_invert_not_yes_no", lambda f: _members(f, LEDEN.replace(";nee\n001", ";misschien\n001").replace("003;Anders / zeg ik liever niet;nee", "003;Anders / zeg ik liever niet;misschien"),
                                                        {**LEDEN_SPEC, "columns": {"member_id": "Deelnemer-ID", "gender": "Geslacht", "completed": "Afgehaakt", "started": "Afgehaakt"}}), 2,
       "column 'completed': not yes or no (value: 'misschien')"),
    _f("mapping_per_wave_id_column", lambda f: (_csv(f, "t1.csv", T1.replace("respondent_id", "DeelnemerID")),
                                                _yaml(f, "forum.yml", lambda d: d["surveys"].update(id_column={"t0": "respondent_id", "t1": "DeelnemerID"}))), 0,
       "all inputs are valid"),
    _f("mapping_wave_file_spec", lambda f: (_csv(f, "t1.csv", T1.replace("respondent_id", "Nr").replace(",", ";"), "cp1252"),
                                            _yaml(f, "forum.yml", lambda d: d["surveys"]["files"].update(t1={"file": "t1.csv", "columns": {"respondent_id": "Nr"}, "read": {"sep": ";"}}))), 0,
       "all inputs are valid"),
]

AGE_BENCH = ("variable,category,share,source,year,age_range,area\n"
             "age_group,16-24,0.14,wijken,2024,16+,Gemeente X\nage_group,25-44,0.31,wijken,2024,16+,Gemeente X\n"
             "age_group,45-64,0.33,wijken,2024,16+,Gemeente X\nage_group,65+,0.22,wijken,2024,16+,Gemeente X\n")
COUNTS = ("variable,category,drawn,started,completed\n"
          "gender,man,10,9,8\ngender,vrouw,11,10,9\n")


def _age_codebook(cats):
    return lambda d: d["demographics"].update(age_group={"categories": cats})


ROSTER = "member_id,started,completed\nr1,ja,ja\nr2,ja,ja\nr3,ja,nee\nr4,ja,ja\nr5,ja,ja\nr6,ja,ja\n"


ROSTER_G = (ROSTER.replace("member_id,", "member_id,gender,").replace("\nr1,", "\nr1,man,").replace("\nr2,", "\nr2,vrouw,")
            .replace("\nr3,", "\nr3,vrouw,").replace("\nr4,", "\nr4,man,").replace("\nr5,", "\nr5,vrouw,").replace("\nr6,", "\nr6,man,"))


def _roster(text: str, t0: str = T0):
    return lambda f: (_with(f, {"members": "members.csv", "benchmark": "bench.csv"}, {"members.csv": text, "bench.csv": BENCH}),
                      _csv(f, "t0.csv", t0))


ROSTER_FAULTS = [
    _f("roster_survey_id_not_in_roster", _roster(ROSTER_G, T0 + "0999,man,4,4,4\n"), 0, "1 record: not in the roster"),
    _f("roster_demographics_only_in_roster", _roster(ROSTER_G, T0.replace(",gender", "").replace(",man", "").replace(",vrouw", "")), 0,
       "all inputs are valid"),
    _f("roster_demographic_nowhere", _roster(ROSTER, T0.replace(",gender", "").replace(",man", "").replace(",vrouw", "")), 2,
       "demographic 'gender' (column 'gender') is in no survey file"),
]

AGREEMENT_FAULTS = [
    _f("agreement_codebook_age_bands", lambda f: (_with(f, {"benchmark": "bench.csv", "funnel": "funnel.csv"},
                                                        {"bench.csv": BENCH + AGE_BENCH.split("\n", 1)[1].replace(",Gemeente X", ""), "funnel.csv": FUNNEL}),
                                                  _yaml(f, "codebook.yml", _age_codebook(["18-39", "40-64", "65-79", "80+"]))), 2,
       "codebook.yml, column 'age_group': categories of 'age_group' differ: codebook.yml has 18-39, 40-64, 65-79, 80+; "
       "the benchmark (bench.csv) has 16-24, 25-44, 45-64, 65+", "in codebook.yml: demographics: {age_group: {recode: {"),
    _f("agreement_counts_category_not_in_benchmark", lambda f: _with(f, {"benchmark": "bench.csv", "member_counts": "counts.csv"},
                                                                     {"bench.csv": BENCH, "counts.csv": COUNTS.replace("vrouw", "Vrouw")}), 2,
       "counts.csv, column 'gender': categories of 'gender' differ", "only in counts.csv: Vrouw", "in forum.yml: inputs: {member_counts: {file: "),
    _f("agreement_benchmark_category_not_in_counts", lambda f: _with(f, {"benchmark": "bench.csv", "member_counts": "counts.csv"},
                                                                     {"bench.csv": BENCH.replace("all ages\n", "all ages\n", 1).replace("0.503", "0.403") + "gender,anders,0.1,x,2023,all ages\n",
                                                                      "counts.csv": COUNTS}), 2,
       "only in the benchmark (bench.csv): anders", "never made with a category the other side lacks"),
    _f("agreement_quota_category_not_in_benchmark", lambda f: _with(f, {"benchmark": "bench.csv", "funnel": "funnel.csv", "quotas": "quotas.csv"},
                                                                    {"bench.csv": BENCH, "funnel.csv": FUNNEL, "quotas.csv": "variable,category,min,max\ngender,vrouwen,3,\n"}), 2,
       "quotas.csv, column 'gender': categories of 'gender' differ", "only in quotas.csv: vrouwen"),
    _f("agreement_quota_subset_ok", lambda f: _with(f, {"benchmark": "bench.csv", "funnel": "funnel.csv", "quotas": "quotas.csv"},
                                                    {"bench.csv": BENCH, "funnel.csv": FUNNEL, "quotas.csv": "variable,category,min,max\ngender,vrouw,3,\n"}), 0,
       "all inputs are valid"),
    _f("agreement_unknown_category_exempt", lambda f: _with(f, {"benchmark": "bench.csv", "member_counts": "counts.csv"},
                                                            {"bench.csv": BENCH, "counts.csv": COUNTS + "gender,onbekend,1,1,1\n".replace("1,1,1", "0,0,0")}), 0,
       "all inputs are valid"),
]

REF = "item,category,share,n,codes,source,year\nA,eens,0.6,1000,6-10,enquête X,2024\n"
PUBLIC = "submission_id,date,gender\nS1,2025-01-06,man\nS2,2025-01-07,vrouw\nS3,2025-01-08,\n"


def _reference(text: str):
    return lambda f: _with(f, {"benchmark": "bench.csv", "funnel": "funnel.csv", "reference_attitudes": "ref.csv"},
                           {"bench.csv": BENCH, "funnel.csv": FUNNEL, "ref.csv": text})


def _public(text: str, bench: str = BENCH):
    return lambda f: _with(f, {"benchmark": "bench.csv", "funnel": "funnel.csv", "public_input": "public.csv"},
                           {"bench.csv": bench, "funnel.csv": FUNNEL, "public.csv": text})


#: The other compared pairs: the reference survey against the codebook's items and answer values, the public
#: input against the benchmark. Each mismatch is an error naming both sides, never a share of 0% (issue 13).
COMPARED_PAIR_FAULTS = [
    _f("agreement_reference_valid", _reference(REF), 0, "all inputs are valid"),
    _f("agreement_reference_item_not_in_codebook", _reference(REF.replace("\nA,", "\nQ9,")), 2,
       "ref.csv, row 2, column 'item': item 'Q9' (eens) is not an item of the codebook (ref.csv has Q9; "
       "the codebook has A, B, C; only in ref.csv: Q9)", "Use the item's id as codebook.yml names it"),
    _f("agreement_reference_codes_outside_scale", _reference(REF.replace("6-10", "6-12")), 2,
       "ref.csv, row 2, column 'codes': codes of item 'A' (eens) are no answer values of the item: 6-12 "
       "(the codebook's scale of 'A' is 0-10)", "within 0-10"),
    _f("agreement_reference_codes_are_labels", _reference(REF.replace("6-10", "eens|zeer eens")), 2,
       "codes of item 'A' (eens) are no answer values of the item: eens, zeer eens", "never computed from values"),
    _f("agreement_reference_category_without_codes", _reference(REF.replace("6-10", "")), 2,
       "item 'A': the opinion 'eens' has no codes and is no answer value of the item", "Add a codes column"),
    _f("agreement_reference_text_item", lambda f: (_reference(REF)(f), _yaml(f, "codebook.yml", lambda d: d["items"]["A"].update(type="text"))),
       2, "item 'A' is a free-text item"),
    _f("agreement_public_category_not_in_benchmark", _public(PUBLIC.replace("vrouw", "Vrouw")), 2,
       "public.csv, column 'gender': categories of 'gender' differ: public.csv has man, Vrouw; the benchmark (bench.csv) "
       "has man, vrouw (only in public.csv: Vrouw)", "in forum.yml: inputs: {public_input: {file: "),
    _f("agreement_public_category_nobody_chose_ok", _public(PUBLIC.replace("S2,2025-01-07,vrouw", "S2,2025-01-07,man")), 0,
       "all inputs are valid"),
]

FAULTS = (SURVEY_FAULTS + CONFIG_FAULTS + DOMAIN_FAULTS + TYPE_FAULTS + MAPPING_FAULTS + AGREEMENT_FAULTS + ROSTER_FAULTS
          + COMPARED_PAIR_FAULTS)
