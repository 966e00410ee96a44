"""Seeded generator of surveys/dri-voorbeeld/: a small synthetic forum whose surveys hold the DRI instrument.

A municipal forum of 40 (made by :func:`toolkit.synthetic.forums.make_forum`, without control group),
whose before and after surveys also hold the Deliberative Reason Index instrument: eight
considerations rated 1-7 and a ranking of four energy options (1 = most preferred).

How the answers arise: each member has a position on two underlying dimensions (how urgent the climate
problem is, how much weight local say, costs and landscape get); each consideration and option points
in a direction on them, evenly spread around the circle. Considerations follow the position with
some noise. Before the forum, the ranking of the options follows the position only loosely (members
rank on other grounds too); after it, more closely: members' preferences line up a little better with
their reasons, so the DRI rises slightly. One member left the ranking empty before the forum.
Everything is invented and labelled synthetic; one seed gives the same files byte for byte.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import yaml

__all__ = ["make_dri_voorbeeld", "CONSIDERATIONS", "OPTIONS", "DRI_SEED"]

DRI_SEED = 1640

#: Consideration id -> (label {nl, en}, its direction on the two dimensions, in degrees).
CONSIDERATIONS = {
    "OVW1": ({"nl": "Klimaatverandering is een urgent probleem dat nu actie vraagt.",
              "en": "Climate change is an urgent problem that needs action now."}, 0),
    "OVW2": ({"nl": "De kosten van de energietransitie moeten eerlijk verdeeld worden over rijk en arm.",
              "en": "The costs of the energy transition must be shared fairly between rich and poor."}, 45),
    "OVW3": ({"nl": "Het landschap in onze gemeente moet zoveel mogelijk behouden blijven.",
              "en": "The landscape of our municipality should be preserved as much as possible."}, 135),
    "OVW4": ({"nl": "Energie moet vooral betaalbaar blijven voor huishoudens.",
              "en": "Above all, energy must stay affordable for households."}, 225),
    "OVW5": ({"nl": "Nederland moet minder afhankelijk worden van buitenlands gas.",
              "en": "The Netherlands should depend less on foreign gas."}, 270),
    "OVW6": ({"nl": "Bewoners moeten zelf kunnen meebeslissen over energieprojecten in hun buurt.",
              "en": "Residents should have a say in energy projects in their neighbourhood."}, 90),
    "OVW7": ({"nl": "Nieuwe technologie lost het klimaatprobleem grotendeels vanzelf op.",
              "en": "New technology will largely solve the climate problem by itself."}, 180),
    "OVW8": ({"nl": "De overheid moet het goede voorbeeld geven voordat ze iets van burgers vraagt.",
              "en": "Government should set the example before it asks anything of citizens."}, 315),
}
#: Option id -> (label {nl, en}, the direction on the two dimensions of the members who prefer it, in degrees).
OPTIONS = {
    "OPT1": ({"nl": "Meer windturbines en zonnevelden op land", "en": "More onshore wind turbines and solar farms"},
             -22.5),
    "OPT2": ({"nl": "Een nieuwe kerncentrale in de regio", "en": "A new nuclear power plant in the region"}, 247.5),
    "OPT3": ({"nl": "Subsidie voor isolatie en warmtepompen", "en": "Subsidies for insulation and heat pumps"}, 157.5),
    "OPT4": ({"nl": "Een hogere CO2-heffing voor bedrijven", "en": "A higher carbon levy for companies"}, 67.5),
}
#: Spread of what else drives a member's ranking, per wave: less after deliberation.
_PREFERENCE_NOISE = {"t0": 0.3, "t1": 0.25}
_HEADER = ("# SYNTHETIC: written by scripts/make_dri_voorbeeld.py (toolkit.synthetic.dri) from a fixed seed; no real "
           "forum.\n# Format: docs/forum-folder.md (the DRI instrument: items with dri: consideration / preference)\n")


def _instrument(rng: np.random.Generator, ids: pd.Series, position: np.ndarray, wave: str) -> pd.DataFrame:
    """Ratings 1-7 of the considerations and ranks 1-4 of the options of `ids` in `wave`."""
    load_c, load_o = (np.array([(np.cos(np.deg2rad(a)), np.sin(np.deg2rad(a))) for _, a in d.values()])
                      for d in (CONSIDERATIONS, OPTIONS))
    drift = rng.normal(0, 0.25, position.shape)  # members' views move a little between the waves
    pos = position + (drift if wave != "t0" else 0)
    ratings = np.clip(np.rint(4 + 2.0 * pos @ load_c.T + rng.normal(0, 0.6, (len(ids), len(load_c)))), 1, 7)
    own = pos + rng.normal(0, _PREFERENCE_NOISE[wave], pos.shape)
    utility = own @ load_o.T + rng.normal(0, 0.15, (len(ids), len(load_o)))
    ranks = np.argsort(np.argsort(-utility, axis=1), axis=1) + 1
    out = pd.DataFrame(ratings.astype(int), columns=list(CONSIDERATIONS), index=ids.index)
    return out.join(pd.DataFrame(ranks, columns=list(OPTIONS), index=ids.index))


def make_dri_voorbeeld(folder: str | Path, seed: int = DRI_SEED) -> Path:
    """Write the synthetic forum with the DRI instrument into `folder`.

    Parameters
    ----------
    folder : str or Path
        Created if needed; existing files are overwritten.
    seed : int
        One seed, the same files.

    Returns
    -------
    Path
        The folder.
    """
    from toolkit.synthetic.forums import make_forum

    folder = Path(folder)
    make_forum(folder, seed=seed, n_members=40, n_control=0, name="Burgerberaad Energie Dorpenland", municipal=True,
               flaws=False, pool=None)
    rng = np.random.default_rng(seed + 1)
    t0 = pd.read_csv(folder / "meting_t0.csv", dtype=str, keep_default_na=False, encoding="utf-8")
    t1 = pd.read_csv(folder / "meting_t1.csv", dtype=str, keep_default_na=False, sep=";", encoding="cp1252")
    ids = sorted(set(t0["respondent_id"]))
    position = pd.DataFrame(rng.normal(0, 1, (len(ids), 2)), index=ids)
    for frame, wave in ((t0, "t0"), (t1, "t1")):
        pos = position.loc[frame["respondent_id"]].to_numpy()
        inst = _instrument(rng, frame["respondent_id"], pos, wave).astype(str)
        for col in inst.columns:
            frame[col] = inst[col]
    t0.loc[t0.index[11], list(OPTIONS)] = ""  # one member did not rank the options before the forum
    t0.to_csv(folder / "meting_t0.csv", index=False, encoding="utf-8")
    t1.to_csv(folder / "meting_t1.csv", index=False, sep=";", encoding="cp1252")
    codebook = yaml.safe_load((folder / "codebook.yml").read_text(encoding="utf-8"))
    both = ["t0", "t1"]
    for item, (label, _) in CONSIDERATIONS.items():
        codebook["items"][item] = {"label": label, "type": "scale", "scale": [1, 7], "dri": "consideration",
                                   "waves": list(both)}
    for item, (label, _) in OPTIONS.items():
        codebook["items"][item] = {"label": label, "type": "scale", "scale": [1, len(OPTIONS)], "dri": "preference",
                                   "waves": list(both)}
    (folder / "codebook.yml").write_text(_HEADER + yaml.safe_dump(codebook, sort_keys=False, allow_unicode=True,
                                                                  width=110), encoding="utf-8")
    forum = (folder / "forum.yml").read_text(encoding="utf-8")
    (folder / "forum.yml").write_text(_HEADER + forum.split("\n", 2)[2], encoding="utf-8")
    return folder
