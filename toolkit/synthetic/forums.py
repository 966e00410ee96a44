"""Seeded generator of synthetic forums: the example forum and the forums of the comparison set.

Everything it writes is invented and labelled synthetic (forum name, ``synthetic: true``, a
``source`` column or note in every file). One seed gives the same files byte for byte.

Layers: :func:`make_people` draws members (with drop-out and replacements) and a control group;
survey answers come from :mod:`toolkit.synthetic.attitudes`, recruitment files from
:mod:`toolkit.synthetic.recruitment`, the recommendations register from
:mod:`toolkit.synthetic.follow_up`; :func:`make_forum` writes the folder with forum.yml and
codebook.yml.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

__all__ = ["make_people", "make_forum", "make_comparison_set", "COMPARISON_SET", "FORUM_SHARES", "POPULATION_SHARES",
           "DEMOGRAPHICS"]

#: Variable -> categories (the NL benchmark's; see docs/architecture.md).
DEMOGRAPHICS = {
    "gender": ["man", "vrouw"],
    "age_group": ["18-39", "40-64", "65-79", "80+"],
    "education": ["laag", "middelbaar", "hoog"],
    "migration_background": ["geen", "westers", "niet-westers"],
    "region": ["Noord", "Oost", "West", "Zuid"],
}
LABELS = {
    "gender": {"nl": "Geslacht", "en": "Gender"},
    "age_group": {"nl": "Leeftijd", "en": "Age"},
    "education": {"nl": "Opleidingsniveau", "en": "Level of education"},
    "migration_background": {"nl": "Migratieachtergrond", "en": "Migration background"},
    "region": {"nl": "Landsdeel", "en": "Region"},
}
#: Roughly the Dutch adult population (for the control group).
POPULATION_SHARES = {
    "gender": [0.497, 0.503], "age_group": [0.33, 0.43, 0.18, 0.06], "education": [0.26, 0.42, 0.32],
    "migration_background": [0.77, 0.10, 0.13], "region": [0.10, 0.21, 0.48, 0.21],
}
#: Who accepted the invitation: young, practically educated and non-western people less often.
FORUM_SHARES = {
    "gender": [0.48, 0.52], "age_group": [0.22, 0.46, 0.26, 0.06], "education": [0.15, 0.38, 0.47],
    "migration_background": [0.86, 0.08, 0.06], "region": [0.11, 0.21, 0.46, 0.22],
}


def _draw(rng: np.random.Generator, n: int, shares: dict) -> pd.DataFrame:
    return pd.DataFrame({v: rng.choice(DEMOGRAPHICS[v], size=n, p=np.array(p) / sum(p)) for v, p in shares.items()})


def _dropout_p(people: pd.DataFrame) -> np.ndarray:
    """Chance to drop out during the forum: higher for young and practically educated members."""
    p = np.full(len(people), 0.05)
    p += np.where(people["age_group"].eq("18-39"), 0.10, 0.0)
    p += np.where(people["education"].eq("laag"), 0.09, 0.0)
    p += np.where(people["migration_background"].eq("niet-westers"), 0.06, 0.0)
    return p


def make_people(rng: np.random.Generator, n_members: int = 175, n_control: int = 500,
                n_withdrawn: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Members roster and the survey respondents (members who started plus the control group).

    Returns
    -------
    (DataFrame, DataFrame)
        Roster: member_id, demographics, started, completed, replaces, sessions_attended (one row
        per person drawn, withdrawn ones included). Respondents: respondent_id, group, demographics,
        completed.

    Examples
    --------
    >>> roster, people = make_people(np.random.default_rng(1), 30, 0)
    >>> int(roster["started"].sum()), bool((people["group"] == "member").sum() == roster["started"].sum())
    (30, True)
    """
    n_withdrawn = max(1, round(n_members * 0.07)) if n_withdrawn is None else n_withdrawn
    drawn = _draw(rng, n_members + n_withdrawn, FORUM_SHARES)
    width = len(str(n_members + n_withdrawn))
    drawn.insert(0, "member_id", [f"M{i:0{width}d}" for i in range(1, len(drawn) + 1)])
    withdrawn = np.zeros(len(drawn), bool)
    withdrawn[rng.choice(n_members, n_withdrawn, replace=False)] = True
    drawn["started"] = ~withdrawn
    drawn.loc[n_members:, "started"] = True  # the reserves who replaced them
    drawn["replaces"] = ""
    drawn.loc[n_members:, "replaces"] = drawn.loc[withdrawn, "member_id"].to_numpy()[: len(drawn) - n_members]
    drop = rng.random(len(drawn)) < _dropout_p(drawn)
    drawn["completed"] = drawn["started"] & ~drop
    sessions = 8
    drawn["sessions_attended"] = np.where(drawn["completed"], sessions - rng.binomial(2, 0.15, len(drawn)),
                                          np.where(drawn["started"], rng.integers(1, sessions // 2 + 1, len(drawn)), 0))
    members = drawn[drawn["started"]].rename(columns={"member_id": "respondent_id"})
    control = _draw(rng, n_control, POPULATION_SHARES)
    control.insert(0, "respondent_id", [f"C{i:04d}" for i in range(1, n_control + 1)])
    people = pd.concat([members.assign(group="member"), control.assign(group="control", completed=pd.NA)], ignore_index=True)
    cols = ["respondent_id", "group", *DEMOGRAPHICS, "completed"]
    return drawn.reset_index(drop=True), people[cols]


def _exports(rng, wide: pd.DataFrame, people: pd.DataFrame, codebook: dict, flaws: bool) -> dict[str, pd.DataFrame]:
    """One export per wave; demographics in the first; a few realistic flaws for the ledger."""
    per_item_waves = {i: spec.get("waves") for i, spec in codebook["items"].items()}
    out = {}
    for w, part in wide.groupby("wave", sort=True):
        cols = [i for i, ws in per_item_waves.items() if ws is None or w in ws]
        part = part[["respondent_id", *cols]].copy()
        part.insert(1, "groep", part["respondent_id"].map(people.set_index("respondent_id")["group"]).map(
            {"member": "forum", "control": "controle"}))
        if w == "t0":
            part = part.merge(people[["respondent_id", *DEMOGRAPHICS]], on="respondent_id", how="left")
        out[w] = part.reset_index(drop=True)
    if flaws:
        t1, t2 = out["t1"], out["t2"]
        out["t1"] = pd.concat([t1, t1.iloc[[3]]], ignore_index=True)  # exported twice by the agency
        typo = t2.iloc[[5]].assign(respondent_id="M9999")  # an id that was never in the first wave
        blank = t2.iloc[[7]].copy()
        blank.loc[:, [c for c in blank.columns if c not in ("respondent_id", "groep")]] = 99  # everything 'no answer'
        blank["respondent_id"] = "C9998"
        out["t2"] = pd.concat([t2, typo, blank], ignore_index=True)
    return out


def _codebook(items_cb: dict) -> dict:
    items = {}
    for item, spec in items_cb["items"].items():
        spec = dict(spec)
        if spec.get("type") in ("process", "text"):
            spec["waves"] = ["t1"]
        items[item] = spec
    return {
        "waves": [{"id": "t0", "label": {"nl": "Voormeting", "en": "Before"}},
                  {"id": "t1", "label": {"nl": "Nameting", "en": "After"}},
                  {"id": "t2", "label": {"nl": "Na zes maanden", "en": "Six months later"}}],
        "missing_codes": {98: "dont_know", 99: "no_answer"},
        "demographics": {v: {"label": LABELS[v], "categories": cats} for v, cats in DEMOGRAPHICS.items()},
        "items": items,
        "scales": items_cb.get("scales", {}),
    }


def make_forum(folder: str | Path, seed: int = 20250111, n_members: int = 175, n_control: int = 500,
               name: str = "Burgerforum Klimaat", municipal: bool = False, counts_only: bool = False,
               flaws: bool = True, register_only: bool = False, pool: int | str | None = "auto",
               lottery: dict | None = None) -> Path:
    """Write a complete synthetic forum folder.

    Parameters
    ----------
    folder : str or Path
        Created if needed; existing files are overwritten.
    seed : int
        One seed, the same files.
    n_members, n_control : int
        Seats in the forum and size of the control group (0: no control group).
    name : str
        Forum name; " (synthetisch voorbeeld)" is appended.
    municipal : bool
        A municipal forum (smaller funnel, no national commissioners).
    counts_only : bool
        Give member counts per category instead of a roster (as recruiting agencies often do).
    flaws : bool
        Add a few realistic flaws (a duplicated record, an unknown id, an empty record) for the ledger.
    register_only : bool
        Only the follow-up register (recommendations, responses, implementation, parliament...): no
        surveys, no codebook, no recruitment data, as for an assembly evaluated after the fact.
    pool : int, "auto" or None
        Registrants in the lottery pool (``pool.csv``, audited with forum.yml ``lottery:``; docs/lottery.md);
        "auto": 1,500 for 175 members, in proportion for another size; None: no pool. Needs a roster.
    lottery : dict, optional
        forum.yml ``lottery:`` besides ``panel_size`` (the members drawn); default ``{method: legacy, draws: 25}``.

    Returns
    -------
    Path
        The folder.
    """
    from toolkit.synthetic.attitudes import make_waves
    from toolkit.synthetic.follow_up import make_follow_up
    from toolkit.synthetic.recruitment import make_recruitment

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    handover, as_of = _dt.date(2025, 5, 15), _dt.date(2025, 11, 14)
    if register_only:
        inputs = make_follow_up(rng, folder, handover, as_of)
        config = _forum_yml(name, municipal, seed, inputs, handover, as_of, False)
        del config["surveys"]
        (folder / "forum.yml").write_text(_HEADER + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=110),
                                          encoding="utf-8")
        return folder
    roster, people = make_people(rng, n_members, n_control)
    wide, items_cb = make_waves(rng, people)
    codebook = _codebook(items_cb)
    exports = _exports(rng, wide, people, codebook, flaws)
    exports["t0"].to_csv(folder / "meting_t0.csv", index=False, encoding="utf-8")
    # the second wave arrives as Dutch Excel writes CSV: ';', decimal comma, cp1252
    exports["t1"].to_csv(folder / "meting_t1.csv", index=False, sep=";", decimal=",", encoding="cp1252")
    exports["t2"].to_excel(folder / "meting_t2.xlsx", index=False, sheet_name="antwoorden")
    inputs = {}
    if counts_only:
        from toolkit.synthetic.recruitment import roster_to_counts
        roster_to_counts(roster).to_csv(folder / "member_counts.csv", index=False)
        inputs["member_counts"] = "member_counts.csv"
    else:
        roster.assign(source="synthetic").to_csv(folder / "members.csv", index=False)
        inputs["members"] = "members.csv"
    inputs["benchmark"] = "default:nl"  # the shipped CBS benchmark (docs/representativeness.md)
    sizes = {"letters": 4_000, "registrations": 300, "n_public": 400} if municipal else {}
    inputs.update(make_recruitment(rng, roster, folder, **sizes))
    inputs.update(make_follow_up(rng, folder, handover, as_of))
    if pool and not counts_only:  # its own random stream: the other files stay as they were
        from toolkit.synthetic.recruitment import make_pool
        size = round(1500 * n_members / 175) if pool == "auto" else int(pool)
        inputs["pool"] = make_pool(seed, roster, folder, size)
    config = _forum_yml(name, municipal, seed, inputs, handover, as_of, n_control > 0)
    if "pool" in inputs:
        drawn = int((roster["replaces"].fillna("") == "").sum())
        config["lottery"] = {"panel_size": drawn, **(lottery or {"method": "legacy", "draws": 25})}
    (folder / "forum.yml").write_text(_HEADER + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")
    (folder / "codebook.yml").write_text(_HEADER + yaml.safe_dump(codebook, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")
    return folder


_HEADER = "# SYNTHETIC: written by scripts/make_example.py (toolkit.synthetic) from a fixed seed; no real forum.\n# Format: docs/forum-folder.md\n"


def _forum_yml(name, municipal, seed, inputs, handover, as_of, control) -> dict:
    return {
        "name": {"nl": f"{name} (synthetisch voorbeeld)", "en": f"{name} (synthetic example)"},
        "synthetic": True,
        "description": {"nl": "Verzonnen gegevens om de toolkit te tonen en te testen; beschrijft geen echt forum.",
                        "en": "Invented data to show and test the toolkit; describes no real forum."},
        "commissioned_by": ([{"nl": "Gemeenteraad (fictief)", "en": "Municipal council (fictitious)"}] if municipal else
                            [{"nl": "Tweede Kamer (fictief in dit voorbeeld)", "en": "House of Representatives (fictitious here)"},
                             {"nl": "Kabinet (fictief in dit voorbeeld)", "en": "Cabinet (fictitious here)"}]),
        "dates": {"start": "2025-01-11", "end": "2025-04-12", "handover": str(handover)},
        "question": {"nl": "Hoe bereikt Nederland de klimaatdoelen voor 2030 op een manier die eerlijk is voor iedereen?",
                     "en": "How can the Netherlands reach its 2030 climate targets in a way that is fair to everyone?"},
        "mandate": {"nl": "Het kabinet reageert binnen drie maanden inhoudelijk op elk advies; de Kamer debatteert erover.",
                    "en": "Cabinet responds to each recommendation within three months; parliament debates the advice."},
        **({"area": {"name": f"{name.split(' ', 1)[-1]} (fictief)", "level": "municipality"}} if municipal else {}),
        "language": "nl",
        "min_cell_size": 5,
        "seed": seed,
        "free_text": False,
        "surveys": {
            "layout": "per_wave",
            "files": {"t0": "meting_t0.csv", "t1": "meting_t1.csv", "t2": "meting_t2.xlsx"},
            "id_column": "respondent_id",
            "group_column": "groep",
            "group_values": {"member": "forum", **({"control": "controle"} if control else {})},
        },
        "inputs": inputs,
        "follow_up": {"handover_date": str(handover), "promised_response_days": 90, "as_of": str(as_of)},
    }


#: The synthetic forums of the comparison set (folder name -> make_forum arguments); the national
#: forum of 175 with a control group is surveys/example itself.
COMPARISON_SET = {
    "gemeente-30": dict(seed=3030, n_members=30, n_control=0, name="Burgerberaad Gemeente Noordwaard", municipal=True,
                        pool=140, lottery={"method": "legacy", "draws": 200}),
    "zonder-controlegroep": dict(seed=4040, n_members=150, n_control=0, name="Burgerforum Energie", pool=None),
    "alleen-aantallen": dict(seed=5050, n_members=100, n_control=300, name="Burgerforum Wonen", counts_only=True,
                             pool=None),
    "alleen-register": dict(seed=6060, name="Burgerforum Mobiliteit", register_only=True, pool=None),
}


def make_comparison_set(parent: str | Path) -> list[Path]:
    """Write the synthetic forums of :data:`COMPARISON_SET` under `parent` (e.g. ``surveys/``)."""
    return [make_forum(Path(parent) / name, **kw) for name, kw in COMPARISON_SET.items()]
