"""A synthetic follow-up register for the example forum (a national climate forum). SYNTHETIC DATA.

Nothing here describes a real forum, response or parliamentary document: every source and evidence
cell says "synthetisch". The register has the cases the report must handle: responses on time and
late, adopted, adopted in part, under consideration, rejected and still pending; implementation
status over time; motions, a question and a debate; commitments; and a preconditions assessment.
The files use the formats users send (Dutch Excel ``;`` CSV, cp1252, Dutch dates) so that the
example also exercises the readers in :mod:`toolkit.intake.register`.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["make_follow_up", "RECOMMENDATIONS"]

SRC = "(synthetisch voorbeeld)"
# id, theme, addressed_to, title, text, response, early (True: ministry answered early), reasons
RECOMMENDATIONS = [
    ("R01", "energie", "kabinet", "Energiebelasting eerlijker verdelen",
     "Verlaag de belasting op de eerste kilowatturen en verhoog die op groot verbruik.", "adopted_in_part", False,
     "Eerste schijf wordt verlaagd; verhoging voor grootverbruik wordt niet overgenomen."),
    ("R02", "energie", "Ministerie van Klimaat en Groene Groei", "Zonnepanelen op alle geschikte daken",
     "Verplicht zonnepanelen op geschikte daken van bedrijfspanden vanaf 2027.", "adopted", False,
     "Wordt opgenomen in het Bouwbesluit."),
    ("R03", "energie", "Ministerie van Klimaat en Groene Groei", "Lokale energie-initiatieven steunen",
     "Geef energiecoöperaties een vast loket en startkapitaal.", "adopted", True, "Fonds wordt uitgebreid."),
    # Escaping test: the text below holds a script tag; the report must show it as text, never run it.
    ("R04", "energie", "kabinet", "Energiearmoede binnen vijf jaar uitbannen",
     "Zorg dat geen huishouden meer dan 10% van het inkomen aan energie kwijt is. <script>alert(1)</script>",
     "under_consideration", False, "Wordt betrokken bij de koopkrachtbesluitvorming."),
    ("R05", "mobiliteit", "Ministerie van Infrastructuur en Waterstaat", "Betaalbaar openbaar vervoer in de regio",
     "Garandeer elk uur een bus of trein in elke kern met meer dan 2.000 inwoners.", "adopted_in_part", False,
     "Pilot in drie regio's; landelijke garantie is te duur."),
    ("R06", "mobiliteit", "kabinet", "Vliegen duurder, de trein goedkoper",
     "Verhoog de vliegbelasting en gebruik de opbrengst voor internationale treinkaartjes.", "no_response", False, ""),
    ("R07", "mobiliteit", "kabinet", "Betalen naar gebruik op de weg",
     "Voer vóór 2030 een kilometerheffing in die afhangt van tijd en plaats.", "rejected", False,
     "Het kabinet kiest voor een vlakke heffing per kilometer."),
    ("R08", "mobiliteit", "Ministerie van Infrastructuur en Waterstaat", "Veilige fietsroutes tussen kernen",
     "Investeer in snelfietspaden tussen kernen en stations.", "adopted", True, "Extra middelen in het MIRT."),
    ("R09", "voedsel", "Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur", "Plantaardig eten in overheidskantines",
     "Maak plantaardig het standaardmenu in kantines van de overheid.", "adopted_in_part", False,
     "Rijksoverheid begint; andere overheden worden uitgenodigd."),
    ("R10", "voedsel", "kabinet", "Eerlijke prijs voor duurzame boeren",
     "Garandeer boeren die duurzaam produceren een minimumprijs.", "no_response", False, ""),
    # Escaping test: an image tag with an onerror handler; it must be escaped downstream.
    ("R11", "voedsel", "Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur", "Voedselverspilling halveren",
     "Halveer voedselverspilling in 2030 <img src=x onerror=alert(1)> met afspraken met supermarkten.", "adopted", False,
     "Sluit aan bij bestaand beleid."),
    ("R12", "voedsel", "kabinet", "Klimaatlabel op voedsel",
     "Zet de klimaatimpact op de verpakking van alle voedingsmiddelen.", "rejected", False,
     "Europese regels laten een nationaal label niet toe."),
    ("R13", "wonen", "Ministerie van Volkshuisvesting en Ruimtelijke Ordening", "Eerst huurwoningen isoleren",
     "Isoleer eerst de slechtst geïsoleerde huurwoningen, zonder huurverhoging.", "adopted", False,
     "Prestatieafspraken met corporaties."),
    ("R14", "wonen", "kabinet", "Warmtenetten in publieke handen",
     "Leg warmtenetten in handen van publieke bedrijven.", "adopted_in_part", False,
     "Meerderheid publiek belang, geen volledig publiek eigendom."),
    ("R15", "wonen", "Ministerie van Volkshuisvesting en Ruimtelijke Ordening", "Klimaatbestendig bouwen verplicht",
     "Bouw alleen nog waar wateroverlast en hitte zijn meegewogen.", "under_consideration", False,
     "Wordt meegenomen in de Nota Ruimte."),
    ("R16", "wonen", "Tweede Kamer", "Jaarlijks debat over de voortgang",
     "Debatteer elk jaar in de Tweede Kamer over de uitvoering van dit advies.", "no_response", False, ""),
]
_STAGES = {"adopted": ["in_preparation", "in_progress", "implemented"],
           "adopted_in_part": ["in_preparation", "in_progress"], "under_consideration": ["in_preparation"],
           "rejected": ["not_started"]}
# precondition id, assessment, [(evidence, days relative to handover)]
ASSESSMENT = [
    ("question_mandate", "partly_met", [("Opdrachtbrief kabinet; Kamer stemde in, maar de vraag bleef breed", -300)]),
    ("policy_design_influence", "partly_met", [("Vraag ging over de aanpak 2030; de doelen lagen vast", -300)]),
    ("political_embedding", "partly_met", [("Kamerleden bij twee sessies aanwezig", -60),
                                           ("Kabinetsreactie kwam later dan de beloofde drie maanden", 125)]),
    ("clarity_follow_up", "partly_met", [("Kabinetsreactie per aanbeveling met redenen", 125),
                                         ("Drie aanbevelingen nog zonder reactie", 200)]),
    ("roles_expectations", "unknown", []),
    ("public_link", "partly_met", [("Online consultatie met 4.812 bijdragen", -120),
                                   ("Geen terugkoppeling aan deelnemers van de consultatie", -10)]),
    ("cross_section", "met", [("Loting in twee stappen met stratificatie; samenstelling gepubliceerd", -250)]),
    ("inclusion_effort", "partly_met", [("Huisbezoeken bij niet-reageerders in vier gemeenten", -240)]),
    ("factual_information", "met", [("Informatiepakket door kennisraad getoetst", -200),
                                    ("Deskundigen van uiteenlopende standpunten gehoord", -150)]),
    ("time_support", "met", [("Acht weekenden, reiskosten en kinderopvang vergoed", -100)]),
    ("learning_evaluation", "met", [("Evaluatieplan vooraf vastgesteld; onafhankelijke evaluator", -320)]),
]


def _dnl(d: dt.date) -> str:
    return f"{d.day}-{d.month}-{d.year}"


_MAAND = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]


def _dlong(d: dt.date) -> str:
    return f"{d.day} {_MAAND[d.month - 1]} {d.year}"


def _recommendations(rng: np.random.Generator, handover: dt.date, as_of: dt.date) -> tuple[pd.DataFrame, dict]:
    main = handover + dt.timedelta(days=118 + int(rng.integers(0, 8)))    # the cabinet's letter: late
    early = handover + dt.timedelta(days=68 + int(rng.integers(0, 10)))   # two ministries: on time
    rows, answered = [], {}
    for rid, theme, to, title, text, response, is_early, reasons in RECOMMENDATIONS:
        day = early if is_early else main
        if response == "no_response" or day > as_of:
            response, day, reasons = "no_response", None, ""
        else:
            answered[rid] = (response, day)
        source = "" if day is None else ("Brief van de minister " if is_early else "Kabinetsreactie ") + SRC
        rows.append({"id": rid, "title": title, "text": text, "theme": theme,
                     "support": f"{int(rng.integers(58, 97))}%", "addressed_to": to, "response": response,
                     "response_date": "" if day is None else _dnl(day), "response_source": source, "reasons": reasons})
    return pd.DataFrame(rows), answered


def _implementation(rng: np.random.Generator, answered: dict, as_of: dt.date) -> pd.DataFrame:
    rows = []
    for rid, (response, day) in answered.items():
        offsets = np.cumsum(rng.integers(25, 160, size=len(_STAGES[response])))
        for k, (stage, off) in enumerate(zip(_STAGES[response], offsets)):
            d = day + dt.timedelta(days=int(off) if stage != "not_started" else 1)
            if d > as_of:
                break
            rows.append({"recommendation_id": rid, "date": d.isoformat() if k % 2 == 0 else _dlong(d),
                         "status": stage, "source": f"Voortgangsrapportage {SRC}", "note": ""})
    return pd.DataFrame(rows, columns=["recommendation_id", "date", "status", "source", "note"])


def _parliament(answered: dict, handover: dt.date, as_of: dt.date) -> pd.DataFrame:
    main = max((d for _, d in answered.values()), default=handover + dt.timedelta(days=118))
    events = [("R10", handover + dt.timedelta(days=80), "question", "Kamervragen over minimumprijs", "answered"),
              ("R06", main + dt.timedelta(days=21), "motion", "Motie: alsnog reageren op R06", "adopted"),
              ("R07", main + dt.timedelta(days=21), "motion", "Motie: kilometerheffing naar tijd en plaats", "rejected"),
              ("", main + dt.timedelta(days=44), "debate", "Commissiedebat Klimaat en Energie", "held")]
    rows = [{"recommendation_id": r, "date": d.isoformat(), "kind": k, "reference": f"{ref} {SRC}", "outcome": o}
            for r, d, k, ref, o in events if d <= as_of]
    return pd.DataFrame(rows, columns=["recommendation_id", "date", "kind", "reference", "outcome"])


def _commitments(handover: dt.date) -> pd.DataFrame:
    return pd.DataFrame([
        {"id": "C1", "description": "Het kabinet reageert binnen drie maanden op het advies", "kind": "response_within_days",
         "days": "90", "due_date": "", "met": "", "evidence": f"Opdrachtbrief aan het burgerforum {SRC}"},
        {"id": "C2", "description": "De Tweede Kamer debatteert over het advies", "kind": "parliament_debate",
         "days": "", "due_date": _dlong(handover + dt.timedelta(days=180)), "met": "",
         "evidence": f"Motie bij de instelling van het forum {SRC}"},
        {"id": "C3", "description": "Het kabinet informeert de Kamer jaarlijks over de uitvoering", "kind": "other",
         "days": "", "due_date": _dlong(handover + dt.timedelta(days=365)), "met": "", "evidence": ""},
    ])


def _assessment(handover: dt.date, as_of: dt.date) -> pd.DataFrame:
    rows = []
    for pid, assessment, evidence in ASSESSMENT:
        for text, off in evidence or [("", None)]:
            d = None if off is None else handover + dt.timedelta(days=off)
            if d is not None and d > as_of:
                continue
            rows.append({"precondition_id": pid, "assessment": assessment, "evidence": f"{text} {SRC}" if text else "",
                         "evidence_date": "" if d is None else _dnl(d), "assessor": "Evaluatieteam (synthetisch)"})
    return pd.DataFrame(rows)


def _sessions(handover: dt.date) -> pd.DataFrame:
    """Eight Saturdays, 13 days apart, the last 33 days before the handover; two online evenings."""
    rows = []
    for k in range(8):
        d = handover - dt.timedelta(days=33 + 13 * (7 - k))
        rows.append({"date": _dnl(d), "hours": "6,5", "format": "fysiek", "topic": f"Sessie {k + 1} {SRC}"})
        if k in (2, 5):
            rows.append({"date": _dnl(d + dt.timedelta(days=5)), "hours": "2,5", "format": "online",
                         "topic": f"Online verdieping {SRC}"})
    return pd.DataFrame(rows)


def make_follow_up(rng: np.random.Generator, out_dir: Path, handover_date: dt.date, as_of: dt.date) -> dict[str, str]:
    """Write a synthetic follow-up register for a national climate forum into `out_dir`.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of all randomness (support shares, response and status dates).
    out_dir : Path
        Forum folder; six files are written (overwritten) there.
    handover_date : datetime.date
        Day the advice was handed over.
    as_of : datetime.date
        Day of assessment; nothing is dated later (responses due later stay pending).

    Returns
    -------
    dict
        forum.yml ``inputs:`` entries: ``recommendations``, ``implementation``, ``parliament``,
        ``commitments``, ``preconditions``, ``sessions`` -> file names relative to `out_dir`.

    Examples
    --------
    >>> import tempfile
    >>> from toolkit.intake.register import read_follow_up
    >>> d = Path(tempfile.mkdtemp())
    >>> inputs = make_follow_up(np.random.default_rng(1), d, dt.date(2025, 1, 15), dt.date(2025, 12, 1))
    >>> frames = read_follow_up({k: d / v for k, v in inputs.items()}, handover_date=dt.date(2025, 1, 15), as_of=dt.date(2025, 12, 1))
    >>> len(frames["recommendations"]), sorted(frames["recommendations"]["response"].unique())
    (16, ['adopted', 'adopted_in_part', 'no_response', 'rejected', 'under_consideration'])
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    register, answered = _recommendations(rng, handover_date, as_of)
    files = {
        # Dutch Excel style: semicolons, BOM, day-first dates, percentages.
        "recommendations": ("recommendations.csv", register, ";", "utf-8-sig"),
        "implementation": ("implementation.csv", _implementation(rng, answered, as_of), ",", "utf-8"),
        "parliament": ("parliament.csv", _parliament(answered, handover_date, as_of), ",", "utf-8"),
        # Old Excel on Windows: semicolons and cp1252, dates written out ("15 juli 2025").
        "commitments": ("commitments.csv", _commitments(handover_date), ";", "cp1252"),
        "preconditions": ("preconditions_assessment.csv", _assessment(handover_date, as_of), ",", "utf-8"),
        "sessions": ("sessions.csv", _sessions(handover_date), ";", "utf-8-sig"),
    }
    for name, frame, sep, enc in files.values():
        frame.to_csv(out_dir / name, sep=sep, encoding=enc, index=False)
    return {key: spec[0] for key, spec in files.items()}
