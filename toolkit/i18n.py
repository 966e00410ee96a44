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
    "compare_intro": {"nl": "{n} forums vergeleken op cijfers die in elk forum hetzelfde betekenen, zoals elk forum ze zelf publiceerde; niets is opnieuw berekend. Een streepje betekent dat het forum er geen gegevens voor heeft, of dat het getal niet wordt gepubliceerd omdat het over te weinig mensen gaat.",
                      "en": "{n} forums compared on figures that mean the same in every forum, as each forum published them; nothing is recomputed. A dash means the forum has no data for it, or that the figure is not published because it is about too few people."},
    "compare_synthetic_single": {"nl": "Let op: dit forum is synthetisch (verzonnen voorbeeldgegevens).",
                                 "en": "Note: this forum is synthetic (invented example data)."},
    "compare_synthetic_one": {"nl": "Let op: 1 van deze {n} forums is synthetisch (verzonnen voorbeeldgegevens).",
                              "en": "Note: 1 of these {n} forums is synthetic (invented example data)."},
    "compare_synthetic": {"nl": "Let op: {k} van deze {n} forums zijn synthetisch (verzonnen voorbeeldgegevens).",
                          "en": "Note: {k} of these {n} forums are synthetic (invented example data)."},
    "compare_synthetic_all": {"nl": "Let op: alle {n} forums zijn synthetisch (verzonnen voorbeeldgegevens).",
                              "en": "Note: all {n} forums are synthetic (invented example data)."},
    "compare_profile": {"nl": "De forums en de bevolking waarmee ze vergeleken worden",
                        "en": "The forums and the population each is compared with"},
    "compare_profile_note": {"nl": "De samenstelling van elk forum is vergeleken met de bevolking van het gebied dat zijn bevolkingscijfers beschrijven. Het aantal forumleden komt uit het ledenbestand of de aantallen per categorie van het forum (niet uit de vragenlijsten), geteld in de genoemde fase; de controlegroep staat er alleen bij een forum met vragenlijsten en een controlegroep.",
                             "en": "Each forum's composition is compared with the population of the area its population figures describe. The number of forum members comes from the forum's member list or its counts per category (not from the surveys), counted at the stage named; a control group is shown only for a forum with surveys and a control group."},
    "compare_caution": {"nl": "* Een lokaal forum dat vergeleken is met cijfers van een ander gebied: de verschillen met de bevolking zeggen dan niet hoe het forum zijn eigen bevolking weerspiegelt. Lees ze met voorzichtigheid.",
                        "en": "* A local forum compared with figures of another area: its gaps with the population then do not say how the forum mirrors its own population. Read them with caution."},
    "compare_no_benchmark": {"nl": "geen bevolkingscijfers", "en": "no population figures"},
    "compare_col_forum": {"nl": "Forum", "en": "Forum"},
    "compare_col_synthetic": {"nl": "Synthetisch", "en": "Synthetic"},
    "compare_col_own_area": {"nl": "Eigen gebied", "en": "Own area"},
    "compare_col_population": {"nl": "Vergeleken met de bevolking van", "en": "Compared with the population of"},
    "compare_yes": {"nl": "ja", "en": "yes"},
    "compare_no": {"nl": "nee", "en": "no"},
    "compare_level_national": {"nl": "landelijk", "en": "national"},
    "compare_level_province": {"nl": "een provincie", "en": "a province"},
    "compare_level_municipality": {"nl": "een gemeente", "en": "a municipality"},
    "compare_level_district": {"nl": "een wijk", "en": "a district"},
    "compare_m_members": {"nl": "Forumleden", "en": "Forum members"},
    "compare_m_respondents": {"nl": "Leden die een vragenlijst invulden", "en": "Members who answered a survey"},
    "compare_m_control": {"nl": "Controlegroep", "en": "Control group"},
    "compare_m_gap_young": {"nl": "Jongeren", "en": "Young people"},
    "compare_m_gap_migration": {"nl": "Migratieachtergrond", "en": "Migration background"},
    "compare_m_gap_practical": {"nl": "Praktisch opgeleiden", "en": "Practically educated"},
    "compare_m_max_tvd": {"nl": "Grootste verschil in samenstelling (TVD)", "en": "Largest composition gap (TVD)"},
    "compare_m_lottery_min_ratio": {"nl": "Loting: kleinste kans t.o.v. gelijke kans", "en": "Draw: smallest chance vs equal chance"},
    "compare_m_lottery_below_half": {"nl": "Loting: pool onder de helft van de gelijke kans",
                                     "en": "Draw: pool below half the equal chance"},
    "compare_m_lottery_percentile": {"nl": "Loting: percentiel van het gelote panel (>95 ongewoon)",
                                     "en": "Draw: percentile of the drawn panel (>95 unusual)"},
    "compare_m_items_changed": {"nl": "Items met een duidelijke verschuiving", "en": "Items with a clear shift"},
    "compare_m_median_abs_dz": {"nl": "Mediane |d_z| van de verschuivingen", "en": "Median |d_z| of the shifts"},
    "compare_m_knowledge_gain": {"nl": "Kennistoename van de leden", "en": "Members' knowledge gain"},
    "compare_m_response_rate": {"nl": "Reactiepercentage", "en": "Response rate"},
    "compare_m_adoption_rate": {"nl": "Overname (deels telt half)", "en": "Adoption (partial counts half)"},
    "compare_m_on_time": {"nl": "Tijdig beantwoord", "en": "Answered on time"},
    "compare_m_preconditions_met": {"nl": "Randvoorwaarden voldaan", "en": "Preconditions met"},
    "compare_m_preconditions_partly_met": {"nl": "Deels voldaan", "en": "Partly met"},
    "compare_m_preconditions_not_met": {"nl": "Niet voldaan", "en": "Not met"},
    "compare_m_preconditions_unknown": {"nl": "Niet te beoordelen", "en": "Cannot be assessed"},
    "compare_representativeness": {"nl": "Samenstelling: verschil met de bevolking voor de groepen die extra inzet vragen",
                                   "en": "Composition: gap with the population for the groups that need extra effort"},
    "compare_representativeness_table": {"nl": "Verschil per groep: aandeel in het forum min aandeel in de bevolking",
                                         "en": "Gap per group: share in the forum minus share in the population"},
    "compare_representativeness_note": {"nl": "Een verschil is het aandeel van de groep onder de forumleden min haar aandeel in de bevolking waarmee het forum vergeleken is: negatief betekent minder in het forum dan in de bevolking. De grootste TVD is het verschil in samenstelling van het kenmerk dat het verst van de bevolking af ligt.",
                                        "en": "A gap is the group's share among the forum members minus its share in the population the forum is compared with: negative means fewer in the forum than in the population. The largest TVD is the composition gap of the characteristic furthest from the population."},
    "compare_attitudes": {"nl": "Opvattingen en kennis: verschuivingen bij de leden", "en": "Views and knowledge: shifts among the members"},
    "compare_attitudes_table": {"nl": "Verschuivingen tussen de eerste twee metingen", "en": "Shifts between the first two waves"},
    "compare_attitudes_note": {"nl": "Items met een duidelijke verschuiving: het aandeel van de items waarvan de verandering bij de leden tussen de eerste twee metingen standhoudt na correctie voor het aantal toetsen (Holm, p < 0,05, interval zonder 0). Kennistoename: de verandering in het aandeel goede antwoorden op de kennisvragen.",
                               "en": "Items with a clear shift: the share of items whose change among the members between the first two waves holds after correcting for the number of tests (Holm, p < 0.05, interval without 0). Knowledge gain: the change in the share of knowledge questions answered correctly."},
    "compare_follow_up": {"nl": "Politieke opvolging: reactie, overname, tijdigheid en randvoorwaarden",
                          "en": "Political follow-up: response, adoption, timeliness and preconditions"},
    "compare_follow_up_table": {"nl": "Opvolging van de aanbevelingen en de randvoorwaarden (Kamerbrief 17 maart 2023)",
                                "en": "Follow-up of the recommendations and the preconditions (Kamerbrief of 17 March 2023)"},
    "compare_follow_up_note": {"nl": "Randvoorwaarden: het aantal randvoorwaarden per oordeel; een streepje bij voldaan, deels en niet voldaan wanneer er geen is beoordeeld.",
                               "en": "Preconditions: the number of preconditions per verdict; a dash for met, partly and not met when none could be assessed."},
    "compare_without": {"nl": "Zonder gegevens hiervoor: {forums}.", "en": "No data for this: {forums}."},
    "compare_group_defs": {"nl": "Let op: niet elk forum telt dezelfde groep {group}: {defs}.",
                           "en": "Note: the forums do not all count the same group {group}: {defs}."},
    "compare_gaps": {"nl": "Verschil met de bevolking per forum", "en": "Gap with the population per forum"},
    "compare_gaps_alt": {"nl": "Puntgrafiek van het verschil in procentpunten tussen het aandeel in het forum en in de bevolking (links van 0: minder in het forum) voor jongeren, mensen met een migratieachtergrond en praktisch opgeleiden, per forum: {values}.",
                         "en": "Dot plot of the gap in percentage points between the share in the forum and in the population (left of 0: fewer in the forum) for young people, people with a migration background and practically educated people, per forum: {values}."},
    "compare_gap_axis": {"nl": "Forum min bevolking (procentpunt)", "en": "Forum minus population (percentage points)"},
    "compare_rates": {"nl": "Reactie, overname en tijdigheid per forum", "en": "Response, adoption and timeliness per forum"},
    "compare_rates_alt": {"nl": "Staafgrafiek van reactiepercentage, overname en tijdig beantwoord per forum, naast elkaar: {values}.",
                          "en": "Bar chart of response rate, adoption and answered on time per forum, side by side: {values}."},
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
