"""Synthetic survey answers for a climate-policy citizen forum in three waves.

t0 before the forum, t1 right after, t2 six months later. Members and a control group answer
eight 0-10 attitude items (four form the scale ``klimaatbeleid``, one reverse-coded), a six-question
knowledge quiz (codes 1-4), and members answer eight process-quality items (1-5) and a free-text
comment at t1. Some attitudes shift among members and not in the control group, some do not shift;
knowledge rises among members. Missing codes: 98 = weet niet / don't know, 99 = geen antwoord /
no answer. Members who did not complete the forum answer only t0; of those who did, a few skip
t1 and more skip t2; the control group loses about 20% per wave.

Everything here is invented for demonstrations and tests; no real person is described.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["make_waves", "to_responses", "demo_respondents", "WAVES", "MISSING_CODES", "DONT_KNOW", "NO_ANSWER"]

WAVES = ("t0", "t1", "t2")
DONT_KNOW, NO_ANSWER = 98, 99
MISSING_CODES = {DONT_KNOW: {"nl": "weet niet", "en": "don't know"},
                 NO_ANSWER: {"nl": "geen antwoord", "en": "no answer"}}

# id: (nl, en, mean at t0, loading on the climate attitude, member shift at t1, in scale, reverse)
ATTITUDES = {
    "CLIM1": ("De overheid moet meer doen om klimaatverandering tegen te gaan.",
              "The government should do more to fight climate change.", 6.2, 1.0, 0.9, True, False),
    "CLIM2": ("Ik ben bereid meer te betalen voor energie die duurzaam is opgewekt.",
              "I am willing to pay more for sustainably generated energy.", 5.0, 0.9, 0.8, True, False),
    "CLIM3": ("Klimaatmaatregelen gaan te ver.", "Climate measures go too far.", 4.6, -0.9, -0.9, True, True),
    "CLIM4": ("Nederland moet sneller stoppen met aardgas voor verwarming.",
              "The Netherlands should phase out natural gas for heating faster.", 5.2, 0.8, 0.7, True, False),
    "CLIM5": ("Bedrijven moeten een hogere CO2-heffing betalen.", "Companies should pay a higher carbon levy.",
              6.0, 0.8, 1.0, False, False),
    "CLIM6": ("Kernenergie moet deel uitmaken van de Nederlandse energiemix.",
              "Nuclear energy should be part of the Dutch energy mix.", 5.5, 0.1, 0.0, False, False),
    "CLIM7": ("Windturbines in mijn eigen gemeente vind ik aanvaardbaar.",
              "I find wind turbines in my own municipality acceptable.", 5.4, 0.6, 0.4, False, False),
    "CLIM8": ("Ik heb er vertrouwen in dat de politiek het klimaatbeleid goed uitvoert.",
              "I trust politicians to carry out climate policy well.", 4.2, 0.2, 0.0, False, False),
}
# id: (nl, en, correct code, difficulty on the logit scale)
QUIZ = {
    "KNOW1": ("Met hoeveel procent wil Nederland volgens de Klimaatwet de uitstoot van broeikasgassen in 2030 "
              "verminderen ten opzichte van 1990?", "By what percentage does the Dutch Climate Act aim to cut "
              "greenhouse gas emissions by 2030 compared with 1990?", 3, -0.6),
    "KNOW2": ("Welke sector stoot in Nederland de meeste broeikasgassen uit?",
              "Which sector emits the most greenhouse gases in the Netherlands?", 1, 0.1),
    "KNOW3": ("Wat is een CO2-heffing?", "What is a carbon levy?", 2, 0.6),
    "KNOW4": ("Welk deel van de elektriciteit kwam in 2023 ongeveer uit hernieuwbare bronnen?",
              "Roughly what share of electricity came from renewable sources in 2023?", 4, -0.9),
    "KNOW5": ("Wat betekent netcongestie?", "What does grid congestion mean?", 2, -0.3),
    "KNOW6": ("Wie stelt de Klimaatwet vast?", "Who adopts the Climate Act?", 1, 0.3),
}
# id: (nl, en, criterion, mean)
PROCESS = {
    "PROC1": ("De gespreksleiders waren neutraal.", "The facilitators were neutral.", "neutral_facilitation", 4.2),
    "PROC2": ("De gespreksleiders stuurden niet aan op een bepaalde uitkomst.",
              "The facilitators did not steer towards a particular outcome.", "neutral_facilitation", 4.0),
    "PROC3": ("De informatie was begrijpelijk.", "The information was easy to understand.",
              "accessible_balanced_information", 4.1),
    "PROC4": ("De informatie liet verschillende standpunten zien.", "The information showed different points of view.",
              "accessible_balanced_information", 3.9),
    "PROC5": ("Iedereen kreeg evenveel kans om te spreken.", "Everyone had an equal chance to speak.",
              "equal_chance_to_speak", 3.7),
    "PROC6": ("Ik kon mijn mening geven wanneer ik dat wilde.", "I could give my view whenever I wanted to.",
              "equal_chance_to_speak", 4.0),
    "PROC7": ("Deelnemers gingen respectvol met elkaar om.", "Members treated each other with respect.",
              "respect", 4.4),
    "PROC8": ("Ik kon vrij mijn eigen oordeel vormen.", "I could form my own judgement freely.", "free_decision", 4.3),
}
TEXT_ITEM = ("COMMENT", "Heeft u nog opmerkingen over het burgerforum?", "Any other comments on the citizens' forum?")
COMMENTS = [
    "Goed georganiseerd, maar de dagen waren lang.",
    "Meer tijd voor gesprekken in kleine groepen graag.",
    "De experts spraken elkaar soms tegen & dat was verwarrend.",
    "Kosten < baten? Dat werd niet duidelijk uitgelegd.",
    "Ik vond het <b>heel</b> leerzaam!",
    "Het tempo was > wat ik kon bijhouden bij sommige presentaties.",
    "Bedankt voor de kans om mee te denken.",
    "Graag terugkoppeling over wat er met ons advies gebeurt.",
    "Zie <https://voorbeeld.nl/advies> & de bijlage bij ons advies.",
    "Niet iedereen kwam evenveel aan het woord.",
    "Ik had graag meer jongeren in de groep gezien.",
    "<script>alert('test')</script> is wat mijn neef zou typen :-)",
]
_EDU_SHIFT = {"laag": -0.25, "middelbaar": 0.0, "hoog": 0.35}


def _codebook() -> dict:
    items: dict = {}
    for iid, (nl, en, _, _, _, _, rev) in ATTITUDES.items():
        items[iid] = {"label": {"nl": nl, "en": en}, "type": "scale", "scale": [0, 10], "reverse": rev,
                      "support": [6, 10]}
    for iid, (nl, en, key, _) in QUIZ.items():
        items[iid] = {"label": {"nl": nl, "en": en}, "type": "knowledge", "scale": [1, 4], "reverse": False,
                      "key": key}
    for iid, (nl, en, crit, _) in PROCESS.items():
        items[iid] = {"label": {"nl": nl, "en": en}, "type": "process", "scale": [1, 5], "reverse": False,
                      "support": [4, 5], "criterion": crit}
    items[TEXT_ITEM[0]] = {"label": {"nl": TEXT_ITEM[1], "en": TEXT_ITEM[2]}, "type": "text"}
    scales = {"klimaatbeleid": {"label": {"nl": "Steun voor klimaatbeleid", "en": "Support for climate policy"},
                                "items": [i for i, a in ATTITUDES.items() if a[5]], "min_items": 3}}
    return {"items": items, "scales": scales}


def _participation(rng: np.random.Generator, respondents: pd.DataFrame) -> pd.DataFrame:
    """Boolean respondent x wave: who answers which wave."""
    member = respondents["group"].eq("member").to_numpy()
    completed = respondents.get("completed", pd.Series(True, index=respondents.index))
    completed = completed.fillna(False).astype(bool).to_numpy()
    n = len(respondents)
    t1 = np.where(member, completed & (rng.random(n) < 0.96), rng.random(n) < 0.80)
    t2 = t1 & np.where(member, rng.random(n) < 0.82, rng.random(n) < 0.80)
    return pd.DataFrame({"t0": True, "t1": t1, "t2": t2}, index=respondents.index)


def _missing(rng: np.random.Generator, values: np.ndarray, p_dk: float, p_na: float) -> np.ndarray:
    u = rng.random(values.shape)
    return np.where(u < p_dk, DONT_KNOW, np.where(u < p_dk + p_na, NO_ANSWER, values))


def _edu_shift(persons: pd.DataFrame) -> np.ndarray:
    """Latent attitude / knowledge offset by education (0 when the column is absent)."""
    edu = persons["education"] if "education" in persons.columns else pd.Series("", index=persons.index)
    return edu.map(_EDU_SHIFT).fillna(0).to_numpy(dtype=float)


def _attitudes(rng, persons: pd.DataFrame) -> dict[str, np.ndarray]:
    """Wave -> (n x items) array of 0-10 answers with missing codes."""
    n = len(persons)
    member = persons["group"].eq("member").to_numpy()
    boost = np.where(_edu_shift(persons) < 0, 1.3, 1.0)  # lower educated members shift more
    theta = rng.normal(0, 1, n) + _edu_shift(persons)
    specs = list(ATTITUDES.values())
    person_item = rng.normal(0, 0.9, (n, len(specs)))
    out = {}
    for w, keep in zip(WAVES, (0.0, 1.0, 0.6)):
        cols = []
        for j, (_, _, mu, load, shift, _, _) in enumerate(specs):
            latent = mu + 1.6 * (load * theta + person_item[:, j]) + member * boost * shift * keep
            cols.append(np.clip(np.rint(latent + rng.normal(0, 1.1, n)), 0, 10))
        out[w] = _missing(rng, np.column_stack(cols), 0.03 if w == "t0" else 0.02, 0.01)
    return out


def _quiz(rng, persons: pd.DataFrame) -> dict[str, np.ndarray]:
    n = len(persons)
    member = persons["group"].eq("member").to_numpy()
    ability = rng.normal(0, 1, n) + _edu_shift(persons)
    out = {}
    for w, gain_m, gain_c, p_dk in zip(WAVES, (0.0, 1.3, 0.8), (0.0, 0.15, 0.1), (0.35, 0.2, 0.25)):
        cols = []
        for _, _, key, diff in QUIZ.values():
            p = 1 / (1 + np.exp(-(0.2 - diff + 0.9 * ability + np.where(member, gain_m, gain_c))))
            correct = rng.random(n) < p
            wrong = rng.choice([c for c in (1, 2, 3, 4) if c != key], size=n)
            answer = np.where(correct, key, np.where(rng.random(n) < p_dk, DONT_KNOW, wrong))
            cols.append(np.where(rng.random(n) < 0.01, NO_ANSWER, answer))
        out[w] = np.column_stack(cols)
    return out


def _process(rng, n: int) -> np.ndarray:
    satisfaction = rng.normal(0, 0.6, n)
    cols = [np.clip(np.rint(mu + satisfaction + rng.normal(0, 0.6, n)), 1, 5) for *_, mu in PROCESS.values()]
    return _missing(rng, np.column_stack(cols), 0.02, 0.01)


def make_waves(rng: np.random.Generator, respondents: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Synthetic answers of members and control group in waves t0, t1 and t2.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness (the same seed gives the same data).
    respondents : DataFrame
        respondent_id, group ("member"/"control"), gender, age_group, education ("laag",
        "middelbaar", "hoog"), migration_background, region and, for members, completed (bool;
        members who did not complete answer only t0).

    Returns
    -------
    (DataFrame, dict)
        Answers wide per wave: one row per respondent x wave answered, columns respondent_id, wave,
        then one column per item (nullable integers with codes 98/99; ``COMMENT`` is text, members
        at t1 only; process items members at t1 only, otherwise missing). Split per wave with
        ``{w: d for w, d in wide.groupby("wave")}``.
        The codebook: ``{"items": {id: {"label": {"nl", "en"}, "type": "scale" | "knowledge" |
        "process" | "text", "scale": [min, max], "reverse": bool, "support": [lo, hi],
        "key": code (knowledge), "criterion": name (process)}}, "scales": {name: {"label": {...},
        "items": [...], "min_items": n}}}``.

    Examples
    --------
    >>> people = pd.DataFrame({"respondent_id": [f"r{i}" for i in range(6)], "group": ["member"] * 3 + ["control"] * 3,
    ...                        "gender": "vrouw", "age_group": "40-64", "education": "hoog",
    ...                        "migration_background": "geen", "region": "West",
    ...                        "completed": [True, True, False, None, None, None]})
    >>> wide, codebook = make_waves(np.random.default_rng(1), people)
    >>> wide.loc[wide["respondent_id"] == "r2", "wave"].tolist()
    ['t0']
    >>> codebook["scales"]["klimaatbeleid"]["items"], codebook["items"]["CLIM3"]["reverse"]
    (['CLIM1', 'CLIM2', 'CLIM3', 'CLIM4'], True)
    """
    persons = respondents.reset_index(drop=True)
    took = _participation(rng, persons)
    att, quiz = _attitudes(rng, persons), _quiz(rng, persons)
    member_t1 = persons["group"].eq("member").to_numpy() & took["t1"].to_numpy()
    proc = _process(rng, len(persons))
    comments = pd.Series(rng.choice(COMMENTS, len(persons)), dtype="string").where(rng.random(len(persons)) < 0.6)
    frames = []
    for w in WAVES:
        d = pd.DataFrame(np.column_stack([att[w], quiz[w]]), columns=list(ATTITUDES) + list(QUIZ)).astype("Int64")
        p = pd.DataFrame(proc, columns=list(PROCESS)).astype("Int64")
        keep_proc = member_t1 if w == "t1" else np.zeros(len(persons), bool)
        d[list(PROCESS)] = p.where(pd.Series(keep_proc), pd.NA)
        d[TEXT_ITEM[0]] = comments.where(pd.Series(keep_proc), pd.NA)
        d.insert(0, "wave", w)
        d.insert(0, "respondent_id", persons["respondent_id"].astype("string"))
        frames.append(d[took[w].to_numpy()])
    return pd.concat(frames, ignore_index=True), _codebook()


def to_responses(wide: pd.DataFrame, respondents: pd.DataFrame, codebook: dict,
                 missing_codes: Sequence[int] = (DONT_KNOW, NO_ANSWER)) -> pd.DataFrame:
    """Melt :func:`make_waves` output into the tidy ``responses`` frame (text items left out).

    A stand-in for the intake in tests and demonstrations: declared missing codes move from
    ``value`` to ``missing_code``; process items and the quiz keep their codes 1-5 / 1-4.

    Examples
    --------
    >>> wide = pd.DataFrame({"respondent_id": ["a"], "wave": ["t0"], "CLIM1": [98], "COMMENT": ["x"]})
    >>> cb = {"items": {"CLIM1": {"type": "scale"}, "COMMENT": {"type": "text"}}}
    >>> to_responses(wide, pd.DataFrame({"respondent_id": ["a"], "group": ["member"]}), cb)
      respondent_id   group wave   item  value  missing_code
    0             a  member   t0  CLIM1    NaN          98.0
    """
    items = [i for i, spec in codebook["items"].items() if spec.get("type") != "text" and i in wide.columns]
    long = wide.melt(id_vars=["respondent_id", "wave"], value_vars=items, var_name="item", value_name="raw")
    raw = pd.to_numeric(long["raw"], errors="coerce").astype(float)
    is_code = raw.isin([float(c) for c in missing_codes])
    long["value"] = raw.where(~is_code)
    long["missing_code"] = raw.where(is_code)
    groups = respondents[["respondent_id", "group"]].astype({"respondent_id": "string"})
    long = long.astype({"respondent_id": "string"}).merge(groups, on="respondent_id", how="left")
    return long[["respondent_id", "group", "wave", "item", "value", "missing_code"]]


def demo_respondents(rng: np.random.Generator, n_members: int = 150, n_control: int = 300,
                     completion: float = 0.9) -> pd.DataFrame:
    """Invented respondents for :func:`make_waves` in tests and demonstrations.

    Examples
    --------
    >>> demo_respondents(np.random.default_rng(0), 4, 2)[["respondent_id", "group"]].tail(2)
      respondent_id    group
    4         R0005  control
    5         R0006  control
    """
    n = n_members + n_control
    def pick(cats, p):
        return (rng.choice(cats, n, p=p))
    return pd.DataFrame({
        "respondent_id": [f"R{i:04d}" for i in range(1, n + 1)],
        "group": ["member"] * n_members + ["control"] * n_control,
        "gender": pick(["man", "vrouw"], [0.49, 0.51]),
        "age_group": pick(["18-39", "40-64", "65-79", "80+"], [0.35, 0.40, 0.20, 0.05]),
        "education": pick(["laag", "middelbaar", "hoog"], [0.25, 0.40, 0.35]),
        "migration_background": pick(["geen", "westers", "niet-westers"], [0.75, 0.10, 0.15]),
        "region": pick(["Noord", "Oost", "West", "Zuid"], [0.10, 0.21, 0.47, 0.22]),
        "completed": [bool(x) for x in rng.random(n_members) < completion] + [None] * n_control,
    })
