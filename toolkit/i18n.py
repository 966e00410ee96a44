"""The one place that decides how numbers, dates and fixed phrases are shown, in Dutch or English.

Analyses compute at full precision; only these functions round.
"""
from __future__ import annotations

import datetime as _dt
import math
from typing import Any

__all__ = ["fmt_num", "fmt_int", "fmt_pct", "fmt_pp", "fmt_p", "fmt_ci", "fmt_date", "tr", "STRINGS", "LANGS", "CSV_FORMAT", "MISSING"]

LANGS = ("nl", "en")
_MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}
MISSING = "–"
#: CSV files per language: (separator, decimal mark, thousands separator), as Excel in that language reads them.
CSV_FORMAT: dict[str, tuple[str, str, str]] = {"nl": (";", ",", "."), "en": (",", ".", ",")}


def _bad(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def _half_up(x: float, digits: int) -> float:
    """Round half away from zero, as readers expect (12.5% -> 13%), not half to even.

    Examples
    --------
    >>> _half_up(12.5, 0), _half_up(0.125, 2), _half_up(-2.5, 0)
    (13.0, 0.13, -3.0)
    """
    from decimal import ROUND_HALF_UP, Decimal

    q = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(float(x))).quantize(q, rounding=ROUND_HALF_UP))


def _sep(s: str, lang: str) -> str:
    """Swap en separators (1,234.5) to nl (1.234,5)."""
    if lang == "nl":
        return s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return s


def fmt_num(x: float | None, lang: str = "nl", digits: int = 2) -> str:
    """A number with `digits` decimals.

    Examples
    --------
    >>> fmt_num(1234.567, "nl"), fmt_num(1234.567, "en"), fmt_num(None)
    ('1.234,57', '1,234.57', '–')
    """
    if _bad(x):
        return MISSING
    x = _half_up(x, digits)
    return _sep(f"{x:,.{digits}f}", lang).replace("-", "−") if x != 0 else _sep(f"{0:,.{digits}f}", lang)


def fmt_int(n: int | float | None, lang: str = "nl") -> str:
    """A count with thousands separators.

    Examples
    --------
    >>> fmt_int(70000, "nl"), fmt_int(70000, "en")
    ('70.000', '70,000')
    """
    if _bad(n):
        return MISSING
    return _sep(f"{int(round(n)):,d}", lang)


def fmt_pct(x: float | None, lang: str = "nl", digits: int = 0) -> str:
    """A share 0-1 as a percentage.

    Examples
    --------
    >>> fmt_pct(0.3046, "nl", 1), fmt_pct(0.3046, "en"), fmt_pct(2 / 16, "nl"), fmt_pct(-0.001, "en")
    ('30,5%', '30%', '13%', '0%')
    """
    if _bad(x):
        return MISSING
    v = _half_up(100 * x, digits)
    return _sep(f"{v + 0.0:.{digits}f}", lang).replace("-", "−") + "%"


def fmt_pp(x: float | None, lang: str = "nl", digits: int = 0) -> str:
    """A difference of shares (0-1 scale) in percentage points, signed.

    Examples
    --------
    >>> fmt_pp(-0.152, "nl"), fmt_pp(0.3, "en"), fmt_pp(-0.001, "en")
    ('−15 procentpunt', '+30 percentage points', '0 percentage points')
    """
    if _bad(x):
        return MISSING
    unit = {"nl": "procentpunt", "en": "percentage points"}[lang]
    v = _half_up(100 * x, digits)
    text = f"{v:+.{digits}f}" if v != 0 else f"{0:.{digits}f}"
    return _sep(text, lang).replace("-", "−") + " " + unit


def fmt_p(p: float | None, lang: str = "nl") -> str:
    """A p-value as researchers report it.

    Examples
    --------
    >>> fmt_p(0.0000123, "nl"), fmt_p(0.04567, "en"), fmt_p(0.2, "nl")
    ('p < 0,001', 'p = 0.046', 'p = 0,20')
    """
    if _bad(p):
        return MISSING
    if p < 0.001:
        return "p < " + _sep("0.001", lang)
    digits = 3 if p < 0.1 else 2
    return "p = " + _sep(f"{_half_up(p, digits):.{digits}f}", lang)


def fmt_ci(lo: float | None, hi: float | None, lang: str = "nl", digits: int = 2, pct: bool = False) -> str:
    """An interval.

    Examples
    --------
    >>> fmt_ci(0.2, 0.35, "nl", pct=True), fmt_ci(-0.5, 1.25, "en")
    ('[20%; 35%]', '[−0.50, 1.25]')
    """
    f = (lambda v: fmt_pct(v, lang, 0)) if pct else (lambda v: fmt_num(v, lang, digits))
    sep = "; " if lang == "nl" else ", "
    return f"[{f(lo)}{sep}{f(hi)}]"


def fmt_date(d: _dt.date | str | None, lang: str = "nl") -> str:
    """A date written out.

    Examples
    --------
    >>> fmt_date("2025-03-03", "nl"), fmt_date(_dt.date(2025, 3, 3), "en")
    ('3 maart 2025', '3 March 2025')
    """
    if d is None or (isinstance(d, float) and math.isnan(d)):
        return MISSING
    if isinstance(d, str):
        d = _dt.date.fromisoformat(d[:10])
    if isinstance(d, _dt.datetime):
        d = d.date()
    return f"{d.day} {_MONTHS[lang][d.month - 1]} {d.year}"


#: Phrases shared by all sections. Domain views keep their own tables and call :func:`tr` on them.
STRINGS: dict[str, dict[str, str]] = {
    "report_title": {"nl": "Evaluatie van {name}", "en": "Evaluation of {name}"},
    "compare_title": {"nl": "Forums naast elkaar", "en": "Forums side by side"},
    "compare_intro": {"nl": "{n} forums vergeleken op cijfers die in elk forum hetzelfde betekenen. Een streepje betekent dat het forum er geen gegevens voor heeft.",
                      "en": "{n} forums compared on figures that mean the same in every forum. A dash means the forum has no data for it."},
    "compare_synthetic": {"nl": "Let op: {k} van deze forums zijn synthetisch (verzonnen voorbeeldgegevens).",
                          "en": "Note: {k} of these forums are synthetic (invented example data)."},
    "compare_table": {"nl": "Kerncijfers per forum", "en": "Key figures per forum"},
    "compare_measure": {"nl": "Kerncijfer", "en": "Key figure"},
    "compare_gaps": {"nl": "Samenstelling: verschil met de bevolking voor de groepen die extra inzet vragen",
                     "en": "Composition: gap with the population for the groups that need extra effort"},
    "compare_gaps_alt": {"nl": "Puntgrafiek van het verschil in procentpunten tussen forum en bevolking voor jongeren, mensen met een migratieachtergrond en praktisch opgeleiden, per forum.",
                         "en": "Dot plot of the gap in percentage points between forum and population for young people, people with a migration background and practically educated people, per forum."},
    "compare_rates": {"nl": "Politieke opvolging: reactie, overname en tijdigheid",
                      "en": "Political follow-up: response, adoption and timeliness"},
    "compare_rates_alt": {"nl": "Staafgrafiek van reactiepercentage, overname en tijdig beantwoord per forum.",
                          "en": "Bar chart of response rate, adoption and answered on time per forum."},
    "compare_pp": {"nl": "procentpunt", "en": "percentage points"},
    "compare_missing": {"nl": "Nog geen rapporten om te vergelijken: {missing} bestaat niet. Maak ze eerst, bijvoorbeeld met make compare of forum-eval run surveys/<forum>, en geef dan de results.json-bestanden op in results_paths.",
                        "en": "No reports to compare yet: {missing} does not exist. Make them first, e.g. with make compare or forum-eval run surveys/<forum>, then list their results.json files in results_paths."},
    "synthetic_banner": {"nl": "SYNTHETISCHE GEGEVENS: dit voorbeeld beschrijft geen echt burgerforum.",
                         "en": "SYNTHETIC DATA: this example does not describe a real citizen forum."},
    "toc": {"nl": "Inhoud", "en": "Contents"},
    "summary": {"nl": "Samenvatting", "en": "Summary"},
    "forum_facts": {"nl": "Het forum", "en": "The forum"},
    "responses_per_wave": {"nl": "Respons per meting", "en": "Responses per wave"},
    "ledger": {"nl": "Uitgesloten records", "en": "Excluded records"},
    "wave": {"nl": "Meting", "en": "Wave"},
    "file": {"nl": "Bestand", "en": "File"},
    "records_in": {"nl": "Records in bestand", "en": "Records in file"},
    "analysed": {"nl": "Geanalyseerd", "en": "Analysed"},
    "excluded": {"nl": "Uitgesloten", "en": "Excluded"},
    "reason": {"nl": "Reden", "en": "Reason"},
    "count": {"nl": "Aantal", "en": "Count"},
    "group": {"nl": "Groep", "en": "Group"},
    "member": {"nl": "Forumleden", "en": "Forum members"},
    "control": {"nl": "Controlegroep", "en": "Control group"},
    "name": {"nl": "Naam", "en": "Name"},
    "commissioned_by": {"nl": "Opdrachtgever(s)", "en": "Commissioned by"},
    "question": {"nl": "Vraag", "en": "Question"},
    "mandate": {"nl": "Mandaat", "en": "Mandate"},
    "period": {"nl": "Periode", "en": "Period"},
    "handover": {"nl": "Overdracht advies", "en": "Advice handed over"},
    "export_dictionary": {"nl": "woordenlijst", "en": "dictionary"},
    "export_col_sheet": {"nl": "Blad", "en": "Sheet"},
    "export_col_table": {"nl": "Tabel", "en": "Table"},
    "export_col_column": {"nl": "Kolom", "en": "Column"},
    "export_col_meaning": {"nl": "Betekenis", "en": "Meaning"},
    "export_col_unit": {"nl": "Eenheid", "en": "Unit"},
    "export_col_base": {"nl": "Basis", "en": "Base"},
    "export_col_file": {"nl": "Bestand", "en": "File"},
    "export_col_alt": {"nl": "Alternatieve tekst", "en": "Alt text"},
    "export_col_caption": {"nl": "Bijschrift", "en": "Caption"},
    "export_meaning": {"nl": "‘{column}’ in de tabel ‘{title}’ (sectie {section})",
                       "en": "‘{column}’ in the table ‘{title}’ (section {section})"},
    "export_unit_pct": {"nl": "percentage (%)", "en": "percentage (%)"},
    "export_unit_pp": {"nl": "procentpunt", "en": "percentage points"},
    "export_unit_p": {"nl": "p-waarde", "en": "p-value"},
    "export_unit_ci": {"nl": "interval [onder; boven]", "en": "interval [lower, upper]"},
    "export_unit_count": {"nl": "aantal (geheel getal)", "en": "count (whole number)"},
    "export_unit_number": {"nl": "getal", "en": "number"},
    "export_unit_text": {"nl": "tekst", "en": "text"},
    "export_unit_none": {"nl": "– (geen gepubliceerde waarden)", "en": "– (no published values)"},
    "export_base_pct": {"nl": "de groep in dezelfde rij (zie {cols})", "en": "the group in the same row (see {cols})"},
    "export_base_caption": {"nl": "zie het bijschrift van de tabel", "en": "see the table's caption"},
    "export_base_count": {"nl": "personen of records; aantallen onder {n} zijn onderdrukt (‘<{n}’)",
                          "en": "people or records; counts below {n} are suppressed (‘<{n}’)"},
    "suppressed_note": {"nl": "Cellen met minder dan {n} personen zijn onderdrukt (‘<{n}’).",
                        "en": "Cells with fewer than {n} people are suppressed (‘<{n}’)."},
}


def tr(key: str, lang: str = "nl", table: dict | None = None, **kw: Any) -> str:
    """Translate `key` from `table` (default :data:`STRINGS`) and fill in `kw`.

    Examples
    --------
    >>> tr("report_title", "en", name="X")
    'Evaluation of X'
    """
    entry = (table or STRINGS).get(key)
    if entry is None:
        return key
    return entry.get(lang, entry.get("nl", key)).format(**kw)
