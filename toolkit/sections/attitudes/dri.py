"""The Deliberative Reason Index in the attitudes section: a forum's DRI instrument -> figures, table, sentences.

Optional: only forums whose codebook marks items ``dri: consideration`` and ``dri: preference``
(docs/forum-folder.md) have it; elsewhere the section says so in one line (``dri_absent``). The
statistics are :mod:`toolkit.stats.attitudes.dri`; here the forum's members' answers are put into its
frames, what may be published is decided (a wave's group DRI, and the change, only with at least
``min_cell_size`` members; never a member's own DRI), and results.json's ``attitudes.dri`` is built.
The figure is in :mod:`toolkit.sections.attitudes.dri_charts`, the phrases in
:mod:`toolkit.sections.attitudes.text` (keys ``dri_*``).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from toolkit.disclosure.suppress import too_small
from toolkit.forum.settings import min_cell_size
from toolkit.i18n import fmt_int, fmt_num, fmt_p
from toolkit.sections.attitudes.text import is_value, t
from toolkit.sections.cache import cached
from toolkit.stats.attitudes import dri as DRI

__all__ = ["DriResult", "instrument", "instrument_frames", "analyse_dri", "published_dri", "dri_block",
           "dri_sentences", "dri_table", "N_PERMUTATIONS", "ALPHA"]

#: Random wave-label swaps of the permutation test (exact over all 2^n patterns when there are fewer).
N_PERMUTATIONS = 9999
#: The level at which the change is called clear in the sentences.
ALPHA = 0.05


@dataclass(frozen=True)
class DriResult:
    """The DRI of a forum's members (pairs: pair level, for the figure; never a member's own DRI)."""

    waves: list            # waves with the instrument, in codebook order
    groups: pd.DataFrame   # wave, n, n_pairs, dri (group DRI per wave; NaN where not published)
    pairs: pd.DataFrame    # wave, member_a, member_b, q, r, ic (empty for a wave not published)
    change: DRI.DriChange | None   # first -> last wave with the instrument (None: fewer than 2 waves, or too few)
    considerations: list
    options: list
    min_cell: int | None
    seed: int


def instrument(codebook: Mapping) -> tuple[list, list]:
    """The items marked ``dri: consideration`` and ``dri: preference``, in codebook order.

    Examples
    --------
    >>> instrument({"items": {"C1": {"dri": "consideration"}, "A": {}, "P1": {"dri": "preference"}}})
    (['C1'], ['P1'])
    """
    items = codebook.get("items") or {}
    return ([i for i, s in items.items() if s.get("dri") == "consideration"],
            [i for i, s in items.items() if s.get("dri") == "preference"])


def instrument_frames(responses: pd.DataFrame, considerations: list, options: list) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The members' answers as the tidy frames of :mod:`toolkit.stats.attitudes.dri` (missing codes as NaN).

    Examples
    --------
    >>> r = pd.DataFrame({"respondent_id": ["a", "a", "b"], "group": ["member", "member", "control"],
    ...                   "wave": "t0", "item": ["C1", "P1", "C1"], "value": [5.0, 1.0, 3.0]})
    >>> c, p = instrument_frames(r, ["C1"], ["P1"])
    >>> c.to_dict("records"), p.to_dict("records")
    ([{'member_id': 'a', 'wave': 't0', 'item': 'C1', 'rating': 5.0}], [{'member_id': 'a', 'wave': 't0', 'option': 'P1', 'rank': 1.0}])
    """
    m = responses[responses["group"] == "member"]
    base = m.rename(columns={"respondent_id": "member_id"})
    c = base[base["item"].isin(considerations)].rename(columns={"value": "rating"})
    p = base[base["item"].isin(options)].rename(columns={"item": "option", "value": "rank"})
    return (c[DRI.CONSIDERATION_COLUMNS].reset_index(drop=True), p[DRI.PREFERENCE_COLUMNS].reset_index(drop=True))


@cached
def analyse_dri(forum) -> DriResult | None:
    """The DRI of the forum's members per wave and its change (None: the surveys hold no DRI instrument)."""
    cons, opts = instrument(forum.codebook)
    if not cons or not opts:
        return None
    c, p = instrument_frames(forum.responses, cons, opts)
    order = [w["id"] for w in forum.codebook["waves"]]
    waves = DRI.waves_with_instrument(c, p, order)
    if not waves:
        return None
    pairs = DRI.pair_points(c, p)
    pairs = pairs[pairs["wave"].isin(waves)]
    groups = DRI.group_dri(pairs).set_index("wave").reindex(waves).reset_index()
    seed = int(forum.config["seed"])  # forum.yml seed (its default when it gives none)
    change = DRI.dri_change(c, p, waves[0], waves[-1], n_permutations=N_PERMUTATIONS, seed=seed) \
        if len(waves) > 1 else None
    return DriResult(waves=waves, groups=groups, pairs=pairs.reset_index(drop=True), change=change,
                     considerations=cons, options=opts, min_cell=min_cell_size(forum.config), seed=seed)


def published_dri(res: DriResult | None) -> DriResult | None:
    """`res` as it may be published: a wave with 1..min_cell-1 members shows neither its DRI nor its
    pairs, and the change is withheld when the members with both waves are that few."""
    if res is None or not res.min_cell:
        return res
    mc = res.min_cell
    small = too_small(res.groups["n"].astype(float), mc).to_numpy(bool)
    groups = res.groups.assign(dri=res.groups["dri"].mask(small))
    hidden = set(res.groups.loc[small, "wave"])
    pairs = res.pairs[~res.pairs["wave"].isin(hidden)]
    change = res.change
    if change is not None and too_small(change.n, mc):
        change = None
    return dataclasses.replace(res, groups=groups, pairs=pairs, change=change)


def dri_block(forum) -> dict | None:
    """results.json ``attitudes.dri`` (None when the surveys hold no DRI instrument: the key is left out)."""
    res = published_dri(analyse_dri(forum))
    if res is None:
        return None
    mc = res.min_cell
    waves = []
    for r in res.groups.to_dict("records"):
        n = int(r["n"]) if is_value(r["n"]) else None
        small = n is not None and bool(too_small(n, mc))
        waves.append({"wave": r["wave"], "n": None if small else n,
                      "n_pairs": None if small else int(r["n_pairs"]),
                      "dri": None if small or not is_value(r["dri"]) else float(r["dri"])})
    ch = res.change
    change = None if ch is None else {
        "wave_from": ch.wave_from, "wave_to": ch.wave_to, "n": ch.n, "dri_from": ch.dri_from, "dri_to": ch.dri_to,
        "difference": ch.difference, "p": None if not np.isfinite(ch.p) else ch.p,
        "n_permutations": ch.n_permutations, "method": ch.method, "seed": ch.seed}
    return {"n_considerations": len(res.considerations), "n_options": len(res.options), "waves": waves,
            "change": change}


def dri_sentences(res: DriResult, lang: str, wave_labels: Mapping) -> list[str]:
    """What the DRI means, the group DRI per wave, and whether it changed (plain words)."""
    wl = {w: str(wave_labels.get(w, w)) for w in res.waves}
    out = [t("dri_intro", lang, k=len(res.considerations), m=len(res.options))]
    shown = [r for r in res.groups.to_dict("records") if is_value(r["dri"])]
    if shown:
        parts = [t("dri_wave", lang, w=wl[r["wave"]], d=fmt_num(r["dri"], lang), n=fmt_int(r["n"], lang)) for r in shown]
        out.append(t("dri_levels", lang, x="; ".join(parts)))
    if len(shown) < len(res.groups):
        out.append(t("dri_small", lang, n=res.min_cell))
    ch = res.change
    if ch is not None and np.isfinite(ch.p):
        kw = dict(wf=wl[ch.wave_from], wt=wl[ch.wave_to], a=fmt_num(ch.dri_from, lang), b=fmt_num(ch.dri_to, lang),
                  d=fmt_num(ch.difference, lang), p=fmt_p(ch.p, lang), n=fmt_int(ch.n, lang),
                  k=fmt_int(ch.n_permutations, lang))
        key = ("dri_rise" if ch.difference > 0 else "dri_fall") if ch.p < ALPHA else "dri_no_change"
        out.append(t(key, lang, **kw) + " " + t("dri_exact" if ch.method == "exact" else "dri_mc", lang, **kw))
    out.append(t("dri_caveat", lang))
    return out


def dri_table(res: DriResult, lang: str, wave_labels: Mapping) -> pd.DataFrame:
    """Group DRI per wave (members with the complete instrument, their pairs), and the change."""
    rows = []
    for r in res.groups.to_dict("records"):
        small = not is_value(r["dri"])
        rows.append({t("wave", lang): str(wave_labels.get(r["wave"], r["wave"])),
                     t("dri_members", lang): f"<{res.min_cell}" if small and res.min_cell else fmt_int(r["n"], lang),
                     t("dri_pairs", lang): "–" if small else fmt_int(r["n_pairs"], lang),
                     t("dri_group", lang): fmt_num(r["dri"], lang), t("dri_p", lang): ""})
    ch = res.change
    if ch is not None:
        rows.append({t("wave", lang): t("dri_change_row", lang, wf=str(wave_labels.get(ch.wave_from, ch.wave_from)),
                                        wt=str(wave_labels.get(ch.wave_to, ch.wave_to))),
                     t("dri_members", lang): fmt_int(ch.n, lang), t("dri_pairs", lang): "",
                     t("dri_group", lang): fmt_num(ch.difference, lang), t("dri_p", lang): fmt_p(ch.p, lang)})
    return pd.DataFrame(rows)
