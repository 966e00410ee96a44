"""The data and provenance section: forum facts, responses per wave, exclusion ledger, inputs, benchmark.

Every function reads results.json (``results``), so the section shows what the run recorded.
"""
from __future__ import annotations

import re

import pandas as pd

from toolkit.forum.config import text
from toolkit.i18n import MISSING, fmt_date, fmt_int, tr

__all__ = ["facts_table", "accounting_table", "ledger_sentence", "ledger_table", "inputs_table", "role_label",
           "benchmark_sentence", "benchmark_table", "age_range_label", "sha_groups", "software_table", "run_table", "reason_label", "STRINGS"]

STRINGS = {
    "item": {"nl": "Onderdeel", "en": "Item"},
    "value": {"nl": "Waarde", "en": "Value"},
    "level": {"nl": "Niveau", "en": "Level"},
    "record": {"nl": "hele record", "en": "whole record"},
    "answer": {"nl": "één antwoord", "en": "one answer"},
    "bytes": {"nl": "Bytes", "en": "Bytes"},
    "rows": {"nl": "Rijen", "en": "Rows"},
    "what": {"nl": "Wat", "en": "What"},
    "software": {"nl": "Software", "en": "Software"},
    "version": {"nl": "Versie", "en": "Version"},
    "respondents": {"nl": "Respondenten", "en": "Respondents"},
    "description": {"nl": "Omschrijving", "en": "Description"},
    "data_source": {"nl": "Herkomst van de gegevens", "en": "Source of the data"},
    "run_started": {"nl": "Rapport gemaakt op", "en": "Report made at"},
    "report_language": {"nl": "Taal van het rapport", "en": "Language of the report"},
    "language_name": {"nl": "Nederlands", "en": "English"},
    "min_cell_size": {"nl": "Kleinste getoonde aantal personen (kleinere cellen onderdrukt)",
                      "en": "Smallest number of people shown (smaller cells suppressed)"},
    "free_text": {"nl": "Vrije-tekstantwoorden in het rapport", "en": "Free-text answers in the report"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    "seed": {"nl": "Startgetal voor toevalsstappen (seed)", "en": "Seed of every random step"},
    "parameter": {"nl": "Parameter", "en": "Parameter"},
    "variable": {"nl": "Kenmerk", "en": "Characteristic"},
    "source_table": {"nl": "Brontabel", "en": "Source table"},
    "year": {"nl": "Jaar", "en": "Year"},
    "age_range": {"nl": "Leeftijden", "en": "Ages"},
    "categories": {"nl": "Categorieën", "en": "Categories"},
    "all ages": {"nl": "alle leeftijden", "en": "all ages"},
    "ages_plus": {"nl": "{a} jaar en ouder", "en": "aged {a} and over"},
    "ages_range": {"nl": "{a} tot en met {b} jaar", "en": "aged {a} to {b}"},
    "cap_facts": {"nl": "Kerngegevens van het forum", "en": "Key facts of the forum"},
    "no_surveys": {"nl": "Dit forum levert geen enquêtes aan: er zijn geen antwoorden ingelezen, en verschuivingen "
                         "in kennis en opvattingen worden niet geëvalueerd.",
                   "en": "This forum supplies no surveys: no answers were read, and shifts in knowledge and "
                         "opinions are not evaluated."},
    "cap_accounting": {"nl": "Records per meting: in het bestand = geanalyseerd + uitgesloten",
                       "en": "Records per wave: in the file = analysed + excluded"},
    "cap_ledger": {"nl": "Uitgesloten records en antwoorden, per reden", "en": "Excluded records and answers, by reason"},
    "cap_inputs": {"nl": "Invoerbestanden: wat ze bevatten, aantal rijen en SHA-256-controlegetal",
                   "en": "Input files: what they hold, number of rows and SHA-256 checksum"},
    "cap_benchmark": {"nl": "Herkomst van de bevolkingscijfers per kenmerk", "en": "Source of the population figures per characteristic"},
    "cap_run": {"nl": "Instellingen van deze run", "en": "Settings of this run"},
    "cap_software": {"nl": "Gebruikte software en versies", "en": "Software used and its versions"},
    "h_inputs": {"nl": "Invoerbestanden", "en": "Input files"},
    "h_benchmark": {"nl": "Bevolkingscijfers (benchmark)", "en": "Population figures (benchmark)"},
    "h_run": {"nl": "Run en software", "en": "Run and software"},
    "inputs_sentence": {
        "nl": "Dit zijn alle bestanden die de evaluatie heeft gelezen. Met het SHA-256-controlegetal kan iedereen nagaan of een bestand precies hetzelfde is als het bestand waarop dit rapport berust: verandert er één teken, dan verandert het hele getal. Het getal staat hier in groepjes van acht tekens; results.json bevat het zonder spaties. Rijen: de gegevensregels zonder kopregel.",
        "en": "These are all the files the evaluation read. With the SHA-256 checksum anyone can check that a file is exactly the one this report rests on: change one character and the whole number changes. It is shown in groups of eight characters; results.json holds it without spaces. Rows: the data rows, without the header."},
    "benchmark_sentence": {
        "nl": "De vergelijking met de bevolking{area} gebruikt de cijfers in {file} ({how}). Per kenmerk staat hieronder uit welke brontabel en welk jaar de cijfers komen en op welke leeftijden ze betrekking hebben.",
        "en": "The comparison with the population{area} uses the figures in {file} ({how}). Below, per characteristic, the source table and year of the figures and the ages they cover."},
    "shipped": {"nl": "meegeleverd met de toolkit als {name}", "en": "shipped with the toolkit as {name}"},
    "own": {"nl": "aangeleverd bij het forum", "en": "supplied with the forum"},
    "of_area": {"nl": " van {area}", "en": " of {area}"},
    "no_benchmark": {"nl": "Dit forum gebruikt geen bevolkingscijfers (benchmark).",
                     "en": "This forum uses no population figures (benchmark)."},
    "no_exclusions": {"nl": "Er is geen enkel record uitgesloten.", "en": "No record was excluded."},
    "ledger_sentence": {
        "nl": "Van de {n_in} ingelezen records (één per respondent per meting) zijn er {n_an} geanalyseerd en {n_ex} uitgesloten.",
        "en": "Of the {n_in} records read (one per respondent and wave), {n_an} were analysed and {n_ex} excluded."},
    "ledger_answers": {"nl": "Daarnaast {verb} {n_ans} los{e} antwoord{en} buiten beschouwing gelaten.",
                       "en": "In addition {n_ans} single answer{s} {verb} left out."},
    "ledger_register": {"nl": "Elke uitsluiting staat met haar reden in het uitsluitingsregister; hieronder de aantallen per reden.",
                        "en": "Every exclusion is listed with its reason in the exclusion ledger; below, the counts per reason."},
}

#: forum.yml role of an input file -> what it is, in plain words.
ROLES = {
    "forum": {"nl": "Forumdefinitie", "en": "Forum definition"},
    "codebook": {"nl": "Codeboek (vragen en codes)", "en": "Codebook (questions and codes)"},
    "surveys": {"nl": "Vragenlijst, alle metingen", "en": "Survey, all waves"},
    "surveys.wave": {"nl": "Vragenlijst: {wave}", "en": "Survey: {wave}"},
    "members": {"nl": "Ledenlijst", "en": "Member roster"},
    "member_counts": {"nl": "Aantallen leden per categorie", "en": "Member counts per category"},
    "funnel": {"nl": "Wervingstrechter", "en": "Recruitment funnel"},
    "benchmark": {"nl": "Bevolkingscijfers (benchmark)", "en": "Population figures (benchmark)"},
    "quotas": {"nl": "Quota van de loting", "en": "Quotas of the draw"},
    "pool": {"nl": "Loting-pool (aangemelden)", "en": "Lottery pool (registrants)"},
    "reference_attitudes": {"nl": "Opvattingen in de bevolking (referentie)", "en": "Attitudes in the population (reference)"},
    "public_input": {"nl": "Publieke inbreng", "en": "Public input"},
    "recommendations": {"nl": "Aanbevelingen en reacties", "en": "Recommendations and responses"},
    "implementation": {"nl": "Stand van de uitvoering", "en": "Implementation status"},
    "parliament": {"nl": "Behandeling in het parlement", "en": "Parliamentary follow-up"},
    "commitments": {"nl": "Toezeggingen vooraf", "en": "Commitments made beforehand"},
    "preconditions": {"nl": "Randvoorwaarden (oordeel)", "en": "Preconditions (assessment)"},
    "sessions": {"nl": "Bijeenkomsten", "en": "Sessions"},
}

#: Exclusion reasons the intake writes (English) -> the report's words.
REASONS = {
    "empty respondent id": {"nl": "respondent-id ontbreekt", "en": "respondent id missing"},
    "duplicate respondent id": {"nl": "respondent-id komt dubbel voor", "en": "duplicate respondent id"},
    "exact duplicate submission": {"nl": "zelfde inzending dubbel (één exemplaar gebruikt)",
                                   "en": "exact duplicate submission (one copy used)"},
    "not in the roster": {"nl": "niet in de deelnemerslijst", "en": "not in the roster"},
    "no substantive answers": {"nl": "geen inhoudelijke antwoorden", "en": "no substantive answers"},
    "answer outside the scale": {"nl": "antwoord buiten de schaal", "en": "answer outside the scale"},
    "not in the first wave": {"nl": "niet in de eerste meting ({wave})", "en": "not in the first wave ({wave})"},
}


def _t(key: str, lang: str, **kw) -> str:
    return tr(key, lang, STRINGS, **kw) if key in STRINGS else tr(key, lang, **kw)


def facts_table(results: dict, lang: str) -> pd.DataFrame:
    """Two-column table of the forum's key facts (name, commissioners, question, dates, sizes)."""
    f = results["forum"]
    dates = f.get("dates") or {}
    rows = [(tr("name", lang), text(f["name"], lang))]
    if f.get("description"):
        rows.append((_t("description", lang), text(f["description"], lang)))
    if f.get("commissioned_by"):
        cb = f["commissioned_by"]
        rows.append((tr("commissioned_by", lang), ", ".join(text(c, lang) for c in cb) if isinstance(cb, list)
                     else text(cb, lang)))
    if f.get("question"):
        rows.append((tr("question", lang), text(f["question"], lang)))
    if f.get("mandate"):
        rows.append((tr("mandate", lang), text(f["mandate"], lang)))
    if dates.get("start"):
        rows.append((tr("period", lang), f"{fmt_date(dates['start'], lang)} – {fmt_date(dates.get('end'), lang)}"))
    if dates.get("handover"):
        rows.append((tr("handover", lang), fmt_date(dates["handover"], lang)))
    for g in ("member", "control"):
        if f["respondents"][g]:
            rows.append((f"{_t('respondents', lang)}: {tr(g, lang).lower()}", fmt_int(f["respondents"][g], lang)))
    if f.get("source"):
        rows.append((_t("data_source", lang), text(f["source"], lang)))
    return pd.DataFrame(rows, columns=[_t("item", lang), _t("value", lang)])


def accounting_table(results: dict, lang: str, wave_labels: dict[str, str]) -> pd.DataFrame:
    """Per wave and file: records in, analysed, excluded."""
    acc = pd.DataFrame(results["exclusions"]["accounting"])
    return pd.DataFrame({
        tr("wave", lang): acc["wave"].map(lambda w: wave_labels.get(w, w)),
        tr("file", lang): acc["file"],
        tr("records_in", lang): acc["records_in"].map(lambda n: fmt_int(n, lang)),
        tr("analysed", lang): acc["analysed"].map(lambda n: fmt_int(n, lang)),
        tr("excluded", lang): acc["excluded"].map(lambda n: fmt_int(n, lang)),
    })


def ledger_sentence(results: dict, lang: str) -> str:
    """Records in = analysed + excluded, answers left out (when any), and where the reasons are.

    Examples
    --------
    >>> res = {"exclusions": {"records_in": 1046, "analysed": 1046, "excluded_records": 0, "excluded_answers": 5, "by_reason": [1]}}
    >>> ledger_sentence(res, "en")
    'Of the 1,046 records read (one per respondent and wave), 1,046 were analysed and 0 excluded. In addition 5 single answers were left out. Every exclusion is listed with its reason in the exclusion ledger; below, the counts per reason.'
    >>> ledger_sentence(dict(res, exclusions=dict(res["exclusions"], excluded_answers=1, by_reason=[1])), "nl").split(". ")[1]
    'Daarnaast is 1 los antwoord buiten beschouwing gelaten'
    """
    e = results["exclusions"]
    out = [tr("ledger_sentence", lang, STRINGS, n_in=fmt_int(e["records_in"], lang), n_an=fmt_int(e["analysed"], lang),
              n_ex=fmt_int(e["excluded_records"], lang))]
    n = e["excluded_answers"]
    if n:
        one = n == 1
        out.append(tr("ledger_answers", lang, STRINGS, n_ans=fmt_int(n, lang), s="" if one else "s", e="" if one else "se",
                      en="" if one else "en", verb=({"nl": "is", "en": "was"} if one else {"nl": "zijn", "en": "were"})[lang]))
    if e.get("by_reason"):
        out.append(tr("ledger_register", lang, STRINGS))
    return " ".join(out)


def reason_label(reason: str, lang: str, wave_labels: dict[str, str] | None = None) -> str:
    """An exclusion reason in the report's language (unknown reasons as given).

    Examples
    --------
    >>> reason_label("not in the first wave (t0)", "nl", {"t0": "Voormeting"})
    'niet in de eerste meting (Voormeting)'
    >>> reason_label("something new", "nl")
    'something new'
    """
    m = re.fullmatch(r"not in the first wave \((.*)\)", str(reason))
    if m:
        return tr("not in the first wave", lang, REASONS, wave=(wave_labels or {}).get(m.group(1), m.group(1)))
    return tr(reason, lang, REASONS) if reason in REASONS else str(reason)


def ledger_table(results: dict, lang: str, wave_labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Counts of excluded records and answers per reason (no respondent-level rows)."""
    by = pd.DataFrame(results["exclusions"]["by_reason"], columns=["level", "reason", "count", "hidden"])
    mc = results.get("forum", {}).get("min_cell_size")
    return pd.DataFrame({
        _t("level", lang): by["level"].map(lambda v: _t(v, lang)),
        tr("reason", lang): by["reason"].map(lambda r: reason_label(r, lang, wave_labels)),
        tr("count", lang): [f"<{mc}" if h == "small" else "–" if h == "linked" else fmt_int(n, lang)
                            for n, h in zip(by["count"], by["hidden"])],
    })


def role_label(role: str | None, lang: str, wave_labels: dict[str, str] | None = None) -> str:
    """What an input file is, from its role in results.json (``surveys.t0``, ``inputs.funnel``...).

    Examples
    --------
    >>> role_label("surveys.t1", "nl", {"t1": "Nameting"}), role_label("inputs.benchmark", "en")
    ('Vragenlijst: Nameting', 'Population figures (benchmark)')
    """
    if not role:
        return MISSING
    if role.startswith("surveys."):
        wave = role.split(".", 1)[1]
        return tr("surveys.wave", lang, ROLES, wave=(wave_labels or {}).get(wave, wave))
    key = role.split(".", 1)[1] if role.startswith("inputs.") else role
    return tr(key, lang, ROLES) if key in ROLES else key


def inputs_table(results: dict, lang: str, wave_labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Input files: name, what they hold, data rows, size and SHA-256."""
    inp = pd.DataFrame(results["provenance"]["inputs"])
    return pd.DataFrame({
        tr("file", lang): inp["file"],
        _t("what", lang): inp["role"].map(lambda r: role_label(r, lang, wave_labels)),
        _t("rows", lang): inp["rows"].map(lambda n: fmt_int(n, lang) if n is not None and n == n else MISSING),
        _t("bytes", lang): inp["bytes"].map(lambda n: fmt_int(n, lang)),
        "SHA-256": inp["sha256"].map(sha_groups),
    })


def sha_groups(digest: str, size: int = 8) -> str:
    """A SHA-256 in groups of `size` characters, as fingerprints are printed: easy to compare by eye,
    and it wraps in a narrow column or on paper (results.json holds it without spaces).

    Examples
    --------
    >>> sha_groups("e202abe0272243302d35c0810cb160d5494ac8be95399610ac29451a874e36e0")
    'e202abe0 27224330 2d35c081 0cb160d5 494ac8be 95399610 ac29451a 874e36e0'
    """
    return " ".join(digest[i:i + size] for i in range(0, len(digest), size))


def benchmark_sentence(results: dict, lang: str) -> str:
    """Which benchmark file the population comparison uses, and its area (or that there is none).

    Examples
    --------
    >>> res = {"provenance": {"benchmark": {"file": "b.csv", "shipped": None}},
    ...        "representativeness": {"benchmark_area": "Gemeente Utrecht"}}
    >>> benchmark_sentence(res, "en").split(" (")[0]
    'The comparison with the population of Gemeente Utrecht uses the figures in b.csv'
    """
    b = results["provenance"].get("benchmark")
    if not b:
        return _t("no_benchmark", lang)
    how = _t("shipped", lang, name=b["shipped"]) if b.get("shipped") else _t("own", lang)
    area = (results.get("representativeness") or {}).get("benchmark_area")  # the file's area column
    return _t("benchmark_sentence", lang, file=b["file"], how=how, area=_t("of_area", lang, area=area) if area else "")


def age_range_label(age_range: str, lang: str) -> str:
    """A benchmark's age range in words (the wording the representativeness section uses).

    Examples
    --------
    >>> [age_range_label(a, "nl") for a in ("all ages", "20+", "15-75", "adults")]
    ['alle leeftijden', '20 jaar en ouder', '15 tot en met 75 jaar', 'adults']
    >>> age_range_label("18+", "en")
    'aged 18 and over'
    """
    a = str(age_range).strip()
    if a.lower() in ("all ages", "alle leeftijden"):
        return _t("all ages", lang)
    if m := re.fullmatch(r"(\d+)\s*\+", a):
        return _t("ages_plus", lang, a=m.group(1))
    if m := re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", a):
        return _t("ages_range", lang, a=m.group(1), b=m.group(2))
    return a


def _variable_label(var: str, labels: dict[str, str]) -> str:
    return " × ".join(labels.get(v, v) for v in var.split(":"))


def benchmark_table(results: dict, lang: str, variable_labels: dict[str, str] | None = None) -> pd.DataFrame | None:
    """Per benchmark variable: source table(s), year(s), age range(s) and categories; None without a benchmark.

    Examples
    --------
    >>> res = {"provenance": {"benchmark": {"file": "b.csv", "shipped": None, "variables": [
    ...     {"variable": "gender", "categories": ["man", "vrouw"], "sources": ["85496NED"], "years": [2023],
    ...      "age_ranges": ["all ages"], "notes": []}]}}}
    >>> benchmark_table(res, "nl", {"gender": "Geslacht"}).iloc[0].tolist()
    ['Geslacht', '85496NED', '2023', 'alle leeftijden', 'man, vrouw']
    """
    b = results["provenance"].get("benchmark")
    if not b:
        return None
    labels = variable_labels or {}
    rows = [(_variable_label(v["variable"], labels), ", ".join(v["sources"]), ", ".join(str(y) for y in v["years"]),
             ", ".join(age_range_label(a, lang) for a in v["age_ranges"]), ", ".join(v["categories"]))
            for v in b["variables"]]
    return pd.DataFrame(rows, columns=[_t(c, lang) for c in ("variable", "source_table", "year", "age_range", "categories")])


def _stamp(iso: str, lang: str) -> str:
    """``2025-03-01T14:05:09+00:00`` -> ``1 maart 2025, 14:05 UTC``."""
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(?::\d\d(?:\.\d+)?)?(\+00:00|Z)?", str(iso))
    if not m:
        return str(iso)
    return f"{fmt_date(m.group(1), lang)}, {m.group(2)}{' UTC' if m.group(3) else ''}"


def run_table(results: dict, lang: str) -> pd.DataFrame:
    """The settings of this run: language, cell-size threshold, free text, seed, parameters, time."""
    p, f = results["provenance"], results["forum"]
    params = p.get("parameters") or {}
    report_lang = params.get("lang") or f.get("language")
    rows = [(_t("report_language", lang), tr("language_name", report_lang or lang, STRINGS))]
    rows.append((_t("min_cell_size", lang), fmt_int(f["min_cell_size"], lang)))
    if "free_text" in f:
        rows.append((_t("free_text", lang), _t("yes" if f["free_text"] else "no", lang)))
    rows.append((_t("seed", lang), str(p["seed"])))
    rows += [(f"{_t('parameter', lang)} {k}", str(v)) for k, v in sorted(params.items())
             if k not in ("forum_dir", "out_dir", "lang", "run_started")]
    rows.append((_t("run_started", lang), _stamp(p["run_started"], lang)))
    return pd.DataFrame(rows, columns=[_t("item", lang), _t("value", lang)])


def software_table(results: dict, lang: str) -> pd.DataFrame:
    """Toolkit, Python and key library versions."""
    p = results["provenance"]
    rows = [("forum-eval toolkit", p.get("toolkit_version") or MISSING), ("Python", p.get("python") or MISSING)]
    rows += [(k, v or MISSING) for k, v in sorted(p["libraries"].items())]
    return pd.DataFrame(rows, columns=[_t("software", lang), _t("version", lang)])

