"""The data and provenance section: forum facts, responses per wave, exclusion ledger, inputs."""
from __future__ import annotations

import pandas as pd

from toolkit.config import text
from toolkit.i18n import fmt_date, fmt_int, tr

__all__ = ["facts_table", "accounting_table", "ledger_table", "inputs_table", "versions_table", "STRINGS"]

STRINGS = {
    "item": {"nl": "Onderdeel", "en": "Item"},
    "value": {"nl": "Waarde", "en": "Value"},
    "level": {"nl": "Niveau", "en": "Level"},
    "record": {"nl": "hele record", "en": "whole record"},
    "answer": {"nl": "één antwoord", "en": "one answer"},
    "bytes": {"nl": "Bytes", "en": "Bytes"},
    "library": {"nl": "Bibliotheek", "en": "Library"},
    "version": {"nl": "Versie", "en": "Version"},
    "respondents": {"nl": "Respondenten", "en": "Respondents"},
    "run_started": {"nl": "Rapport gemaakt op (UTC)", "en": "Report made at (UTC)"},
    "cap_facts": {"nl": "Kerngegevens van het forum", "en": "Key facts of the forum"},
    "cap_accounting": {"nl": "Records per meting: in het bestand = geanalyseerd + uitgesloten",
                       "en": "Records per wave: in the file = analysed + excluded"},
    "cap_ledger": {"nl": "Uitgesloten records en antwoorden, per reden", "en": "Excluded records and answers, by reason"},
    "cap_inputs": {"nl": "Invoerbestanden met hun SHA-256", "en": "Input files with their SHA-256"},
    "cap_versions": {"nl": "Gebruikte software", "en": "Software used"},
    "no_exclusions": {"nl": "Er is geen enkel record uitgesloten.", "en": "No record was excluded."},
    "ledger_sentence": {
        "nl": "Van de {n_in} records in de bestanden zijn er {n_an} geanalyseerd en {n_ex} uitgesloten; daarnaast zijn {n_ans} losse antwoorden buiten beschouwing gelaten. Elke uitsluiting staat met haar reden in het uitsluitingsregister.",
        "en": "Of the {n_in} records in the files, {n_an} were analysed and {n_ex} excluded; in addition {n_ans} single answers were left out. Every exclusion is listed with its reason in the exclusion ledger."},
}


def _t(key: str, lang: str, **kw) -> str:
    return tr(key, lang, STRINGS) if key in STRINGS else tr(key, lang, **kw)


def facts_table(results: dict, lang: str) -> pd.DataFrame:
    """Two-column table of the forum's key facts (name, commissioners, question, dates, sizes)."""
    f = results["forum"]
    dates = f.get("dates") or {}
    rows = [(tr("name", lang), text(f["name"], lang))]
    if f.get("commissioned_by"):
        cb = f["commissioned_by"]
        rows.append((tr("commissioned_by", lang), ", ".join(cb) if isinstance(cb, list) else str(cb)))
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
    """One sentence: records in = analysed + excluded, and answers left out."""
    e = results["exclusions"]
    return tr("ledger_sentence", lang, STRINGS, n_in=fmt_int(e["records_in"], lang), n_an=fmt_int(e["analysed"], lang),
              n_ex=fmt_int(e["excluded_records"], lang), n_ans=fmt_int(e["excluded_answers"], lang))


def ledger_table(results: dict, lang: str) -> pd.DataFrame:
    """Counts of excluded records and answers per reason (no respondent-level rows)."""
    by = pd.DataFrame(results["exclusions"]["by_reason"], columns=["level", "reason", "count"])
    return pd.DataFrame({
        _t("level", lang): by["level"].map(lambda v: _t(v, lang)),
        tr("reason", lang): by["reason"],
        tr("count", lang): by["count"].map(lambda n: fmt_int(n, lang)),
    })


def inputs_table(results: dict, lang: str) -> pd.DataFrame:
    """Input files with size and SHA-256."""
    inp = pd.DataFrame(results["provenance"]["inputs"])
    return pd.DataFrame({tr("file", lang): inp["file"], _t("bytes", lang): inp["bytes"].map(lambda n: fmt_int(n, lang)),
                         "SHA-256": inp["sha256"]})


def versions_table(results: dict, lang: str) -> pd.DataFrame:
    """Toolkit, Python and key library versions, and the run's parameters."""
    p = results["provenance"]
    rows = [("forum-eval toolkit", p.get("toolkit_version") or "–"), ("Python", p.get("python") or "–")]
    rows += [(k, v or "–") for k, v in sorted(p["libraries"].items())]
    rows += [(f"parameter: {k}", str(v)) for k, v in sorted(p["parameters"].items()) if k not in ("forum_dir", "out_dir")]
    rows.append(("seed", str(p["seed"])))
    rows.append((_t("run_started", lang), p["run_started"]))
    return pd.DataFrame(rows, columns=[_t("library", lang), _t("version", lang)])
