"""Seeded generator of ``surveys/gemeente-rommelig/``: a municipal forum of 48 as an agency exports it.

Everything is invented and labelled synthetic. The files are as messy as real ones, and forum.yml
alone describes them (docs/forum-folder.md, "Mapping an agency's file"):

- the recruiting agency's roster ``deelnemers_bureau.csv``: its own column names (``Deelnemer-ID``,
  ``Geslacht``, ``Leeftijdscategorie``, ``Afgehaakt``), its own values (``Vrouw``, ``Anders / zeg ik
  liever niet``), age bands 16-24/25-44/45-64/65+, ids with leading zeros, Dutch dates, cp1252, ``;``;
- a local benchmark ``bevolking_rommeldam.csv`` in the same age bands, with its ``area``;
- the before-survey ``voormeting.csv`` as Dutch Excel writes it (cp1252, ``;``, decimal comma), id
  column ``Respondentnummer``, one exact duplicate submission and a test record ``0999``;
- the after-survey ``nameting.sav`` (SPSS), id column ``DeelnemerID`` (SPSS allows no ``-``), a
  user-missing code 9 (weet niet) and value labels;
- a recommendations register with Dutch column names, statuses and dates.

The demographics live only in the roster; the surveys hold answers only.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

__all__ = ["make_gemeente_rommelig", "SEED"]

SEED = 4848
N_DRAWN = 52  # 48 started; 4 never came
AGE_BANDS = ["16-24", "25-44", "45-64", "65+"]
AGE_SHARES = [0.13, 0.31, 0.34, 0.22]           # the municipality's (invented) population aged 16+
FORUM_AGE_SHARES = [0.08, 0.29, 0.38, 0.25]     # who accepted: fewer young people
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]
ITEMS = {
    "VERTR1": "De gemeente luistert naar inwoners.",
    "VERTR2": "Ik vertrouw de gemeenteraad.",
    "GROEN1": "Er moet meer groen komen in de wijken, ook als dat parkeerplaatsen kost.",
    "GROEN2": "Bewoners moeten meebeslissen over de inrichting van hun straat.",
}
PROCESS = {"PROC1": ("De gespreksleiding was neutraal.", "neutral_facilitation"),
           "PROC2": ("Iedereen kwam evenveel aan het woord.", "equal_voice")}
NOTE = "synthetisch: verzonnen cijfers voor het voorbeeld gemeente-rommelig, geen echte bevolking"


def _dutch_date(d: _dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _roster(rng: np.random.Generator) -> pd.DataFrame:
    ids = [f"{i:04d}" for i in rng.choice(np.arange(1, 900), size=N_DRAWN, replace=False)]
    gender = rng.choice(["Vrouw", "Man"], size=N_DRAWN, p=[0.52, 0.48]).astype(object)
    gender[7] = "Anders / zeg ik liever niet"  # one member whose gender is unknown: still a member
    age = rng.choice(AGE_BANDS, size=N_DRAWN, p=FORUM_AGE_SHARES)
    started = np.ones(N_DRAWN, dtype=bool)
    started[rng.choice(np.arange(8, N_DRAWN), size=4, replace=False)] = False
    p_drop = np.where(age == "16-24", 0.25, 0.08)
    dropped = started & (rng.random(N_DRAWN) < p_drop)
    sessions = np.where(~started, 0, np.where(dropped, rng.integers(1, 4, N_DRAWN), 5))
    signed_up = [_dt.date(2025, 2, 1) + _dt.timedelta(days=int(d)) for d in rng.integers(0, 28, N_DRAWN)]
    return pd.DataFrame({
        "Deelnemer-ID": ids, "Geslacht": gender, "Leeftijdscategorie": age,
        "Aangemeld op": [_dutch_date(d) for d in signed_up],
        "Gestart": np.where(started, "ja", "nee"), "Afgehaakt": np.where(dropped | ~started, "ja", "nee"),
        "Aantal bijeenkomsten": sessions, "Bron": "synthetisch"})


def _answers(rng: np.random.Generator, n: int, shift: float) -> np.ndarray:
    base = rng.normal(3.0 + shift, 0.9, size=(n, len(ITEMS)))
    return np.clip(np.rint(base), 1, 5).astype(int)


def _surveys(rng: np.random.Generator, roster: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    members = roster[roster["Gestart"] == "ja"]
    t0 = pd.DataFrame(_answers(rng, len(members), 0.0), columns=list(ITEMS))
    t0.insert(0, "Respondentnummer", members["Deelnemer-ID"].to_numpy())
    t0.insert(1, "Ingevuld op", [_dutch_date(_dt.date(2025, 3, 8)) for _ in range(len(members))])
    t0["Reistijd (uur)"] = [f"{x:.1f}".replace(".", ",") for x in rng.uniform(0.1, 1.5, len(members))]
    t0["Toelichting"] = rng.choice(["", "Ik ben benieuwd naar de café-avonden.", "Goed initiatief, één keer eerder meegedaan."],
                                   size=len(members))
    t0 = pd.concat([t0, t0.iloc[[3]],  # the same form sent twice
                    pd.DataFrame([{"Respondentnummer": "0999", "Ingevuld op": _dutch_date(_dt.date(2025, 3, 1)),
                                   **dict.fromkeys(ITEMS, 4), "Reistijd (uur)": "0,0", "Toelichting": "testrecord"}])],
                   ignore_index=True)
    stayed = members[members["Afgehaakt"] == "nee"]
    t1 = pd.DataFrame(_answers(rng, len(stayed), 0.4), columns=list(ITEMS)).astype(float)
    t1.insert(0, "DeelnemerID", stayed["Deelnemer-ID"].to_numpy())
    for item in PROCESS:
        t1[item] = rng.choice([2, 3, 4, 5, 9], size=len(stayed), p=[0.05, 0.15, 0.45, 0.3, 0.05]).astype(float)
    t1.loc[2, "VERTR2"] = 9.0  # weet niet
    return t0, t1


def _benchmark() -> pd.DataFrame:
    rows = [("gender", "man", 0.49), ("gender", "vrouw", 0.51)] + [("age_group", a, s) for a, s in zip(AGE_BANDS, AGE_SHARES)]
    return pd.DataFrame([{"variable": v, "category": c, "share": s, "source": "synthetisch", "year": 2025,
                          "age_range": "16+", "area": "Gemeente Rommeldam (fictief)", "note": NOTE, "note_nl": NOTE}
                         for v, c, s in rows])


def _recommendations() -> pd.DataFrame:
    recs = [("A1", "Meer bomen in de Stationsbuurt", "groen", "78%", "overgenomen", _dt.date(2025, 7, 3)),
            ("A2", "Een bewonersbudget per wijk", "inspraak", "64%", "deels overgenomen", _dt.date(2025, 7, 3)),
            ("A3", "Autoluwe binnenstad op zaterdag", "verkeer", "55%", "afgewezen", _dt.date(2025, 7, 3)),
            ("A4", "Jaarlijks een burgerberaad", "inspraak", "81%", "geen reactie", None)]
    return pd.DataFrame([{"Nr": i, "Titel": t, "Advies": t + " (synthetisch voorbeeld).", "Thema": th, "Steun": s,
                          "Gericht aan": "college van B&W", "Reactie": r, "Datum reactie": _dutch_date(d) if d else "",
                          "Bron reactie": "Raadsinformatiebrief (synthetisch)" if d else "",
                          "Toelichting": "Synthetisch voorbeeld." if d else ""} for i, t, th, s, r, d in recs])


def _forum_yml() -> dict:
    return {
        "name": {"nl": "Burgerberaad Rommeldam (synthetisch, rommelige exports)",
                 "en": "Citizens' assembly Rommeldam (synthetic, messy exports)"},
        "synthetic": True,
        "description": {"nl": "Verzonnen gegevens zoals een wervingsbureau en enquêtetools ze aanleveren; beschrijft geen echt forum.",
                        "en": "Invented data as a recruiting agency and survey tools deliver them; describes no real forum."},
        "commissioned_by": [{"nl": "Gemeenteraad Rommeldam (fictief)", "en": "Rommeldam municipal council (fictitious)"}],
        "dates": {"start": "2025-03-08", "end": "2025-05-10", "handover": "2025-05-24"},
        "question": {"nl": "Hoe maken we de wijken groener en laten we bewoners meebeslissen?",
                     "en": "How do we make the neighbourhoods greener and let residents take part in decisions?"},
        "area": {"name": "Gemeente Rommeldam (fictief)", "level": "municipality"},
        "language": "nl", "min_cell_size": 5, "seed": SEED,
        "surveys": {
            "layout": "per_wave",
            "files": {"t0": {"file": "voormeting.csv", "read": {"sep": ";", "decimal": ",", "encoding": "cp1252"}},
                      "t1": "nameting.sav"},
            "id_column": {"t0": "Respondentnummer", "t1": "DeelnemerID"},
        },
        "inputs": {
            "members": {"file": "deelnemers_bureau.csv",
                        "columns": {"member_id": "Deelnemer-ID", "gender": "Geslacht", "age_group": "Leeftijdscategorie",
                                    "started": "Gestart", "completed": "Afgehaakt",
                                    "sessions_attended": "Aantal bijeenkomsten"},
                        "recode": {"gender": {"Vrouw": "vrouw", "Man": "man", "Anders / zeg ik liever niet": "onbekend"}},
                        "invert": ["completed"],
                        "read": {"sep": ";", "encoding": "cp1252"}},
            "benchmark": "bevolking_rommeldam.csv",
            "recommendations": {"file": "adviezen.csv",
                                "columns": {"id": "Nr", "title": "Titel", "text": "Advies", "theme": "Thema",
                                            "support": "Steun", "addressed_to": "Gericht aan", "response": "Reactie",
                                            "response_date": "Datum reactie", "response_source": "Bron reactie",
                                            "reasons": "Toelichting"}},
        },
        "follow_up": {"handover_date": "2025-05-24", "promised_response_days": 60, "as_of": "2025-11-01"},
    }


def _codebook() -> dict:
    items = {i: {"label": {"nl": t}, "type": "scale", "scale": [1, 5], "support": [4, 5]} for i, t in ITEMS.items()}
    items.update({i: {"label": {"nl": t}, "type": "process", "scale": [1, 5], "criterion": c, "waves": ["t1"]}
                  for i, (t, c) in PROCESS.items()})
    return {
        "waves": [{"id": "t0", "label": {"nl": "Voormeting", "en": "Before"}},
                  {"id": "t1", "label": {"nl": "Nameting", "en": "After"}}],
        "missing_codes": {9: "dont_know"},
        "demographics": {"gender": {"label": {"nl": "Geslacht", "en": "Gender"}, "categories": ["man", "vrouw"]},
                         "age_group": {"label": {"nl": "Leeftijd", "en": "Age"}, "categories": AGE_BANDS}},
        "items": items,
        "scales": {"vertrouwen": {"label": {"nl": "Vertrouwen in de gemeente", "en": "Trust in the municipality"},
                                  "items": ["VERTR1", "VERTR2"], "min_items": 1}},
    }


def make_gemeente_rommelig(folder: str | Path, seed: int = SEED) -> Path:
    """Write the forum folder; the same seed gives the same files byte for byte.

    Returns
    -------
    Path
        The folder written.
    """
    import pyreadstat

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    roster = _roster(rng)
    t0, t1 = _surveys(rng, roster)
    roster.to_csv(folder / "deelnemers_bureau.csv", sep=";", index=False, encoding="cp1252", lineterminator="\r\n")
    t0.to_csv(folder / "voormeting.csv", sep=";", index=False, encoding="cp1252", lineterminator="\r\n")
    labels = {"DeelnemerID": "Deelnemer", **{i: t for i, t in ITEMS.items()}, **{i: t for i, (t, _) in PROCESS.items()}}
    value_labels = {c: {1.0: "helemaal oneens", 2.0: "oneens", 3.0: "neutraal", 4.0: "eens", 5.0: "helemaal eens",
                        9.0: "weet niet"} for c in [*ITEMS, *PROCESS]}
    pyreadstat.write_sav(t1, str(folder / "nameting.sav"), column_labels=labels, variable_value_labels=value_labels,
                         missing_ranges={c: [9.0] for c in [*ITEMS, *PROCESS]})
    _benchmark().to_csv(folder / "bevolking_rommeldam.csv", index=False, encoding="utf-8", lineterminator="\n")
    _recommendations().to_csv(folder / "adviezen.csv", sep=";", index=False, encoding="cp1252", lineterminator="\r\n")
    head = ("# SYNTHETIC: written by scripts/make_gemeente_rommelig.py (toolkit.synthetic.messy) from a fixed seed;\n"
            "# no real forum. Every file is described here, none was edited: docs/forum-folder.md\n")
    (folder / "forum.yml").write_text(head + yaml.safe_dump(_forum_yml(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    (folder / "codebook.yml").write_text(head + yaml.safe_dump(_codebook(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder
