"""Attitudes section glue: a forum's frames and settings -> the attitude analyses, key figures, scorecard.

``analyse(forum)`` runs every analysis of :mod:`toolkit.stats.attitudes` that the forum has data for;
``figures(forum)`` gives results.json's ``attitudes``; ``scorecard_lines(kf, lang)`` the summary lines
(from the key figures only). Settings (forum.yml ``attitudes:``): ``wave_pairs``, ``subgroups``,
``weighting``, ``headline_items``, ``agree``, ``dont_know_codes``; see docs/attitudes.md. What the
notebook shows is made in :mod:`toolkit.sections.attitudes.charts` (figures), :mod:`toolkit.sections.attitudes.tables`
(display tables) and :mod:`toolkit.sections.attitudes.text` (phrases and sentences).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import itertools

import numpy as np
import pandas as pd

from toolkit.sections.attitudes import dri as DRIS
from toolkit.sections.attitudes import figures as FIG
from toolkit.sections.attitudes import parameters as PAR
from toolkit.stats.attitudes import answers as ANS
from toolkit.stats.attitudes import changes as CH
from toolkit.stats.attitudes import knowledge as KN
from toolkit.stats.attitudes import panel as PA
from toolkit.stats.attitudes import polarization as PO
from toolkit.stats.attitudes import raking as RK
from toolkit.stats.attitudes import scales as SC
from toolkit.jsonable import records
from toolkit.forum.config import text
from toolkit.errors import InputError, Problem
from toolkit.i18n import fmt_ci, fmt_num, fmt_p, fmt_pct, fmt_pp
from toolkit.disclosure.bins import merge_answers
from toolkit.disclosure.linear import exposed, protect
from toolkit.disclosure.rows import hidden_rows, publish_rows, small_share
from toolkit.disclosure.suppress import complementary_suppression, suppressed_values, too_small
from toolkit.sections.cache import cached
from toolkit.sections.attitudes.text import is_value, criterion_label, did_is_clear, is_clear_change, short_label, t
from toolkit.forum.settings import min_cell_size

__all__ = ["AttitudesResult", "analyse", "published", "group_sizes", "figures", "scorecard_lines", "members_only", "concat_frames", "three_groups"]

DEFAULT_SUBGROUPS = ("education", "age_group")


@dataclass(frozen=True, eq=False)
class AttitudesResult:
    """Tidy frames of the attitudes section (None or empty where the forum has no data for a part)."""

    settings: dict          # waves, wave_pairs, headline, scales, subgroups, labels, scale ranges, min_cell
    changes: pd.DataFrame   # paired_changes of attitude items, by group
    scale_changes: pd.DataFrame | None
    scores: pd.DataFrame | None       # scale scores (respondent level: never shown)
    knowledge: KN.KnowledgeResult | None
    reliability: pd.DataFrame | None
    did: pd.DataFrame | None          # members vs control, per scale and headline item
    heterogeneity: pd.DataFrame | None
    subgroup_sizes: pd.DataFrame | None  # moderator, level, n (members), included
    agreement: pd.DataFrame | None    # polarization(): spread, agreement A per headline item x wave (members)
    gaps: pd.DataFrame | None         # subgroup_gap() per headline item/scale x subgroup (members)
    transitions: pd.DataFrame | None  # headline items, first wave pair, members
    process: pd.DataFrame | None
    attrition: pd.DataFrame
    dropouts: pd.DataFrame | None
    weighting: dict | None            # variables, n, n_eff, problem
    weighted: pd.DataFrame | None
    #: answers per category and wave of the headline items (members); published: merged ranges
    distribution: pd.DataFrame | None = None


# ----------------------------------------------------------------------------- settings
def _settings(forum) -> dict:
    cfg, cb = forum.config.get("attitudes") or {}, forum.codebook
    par = PAR.codebook_parameters(cb)
    file = str(forum.folder / "forum.yml")
    items = cb["items"]
    present = set(forum.responses["wave"].unique())
    waves = [w["id"] for w in cb["waves"] if w["id"] in present]
    att = [i for i in par["attitude_items"] if i in set(forum.responses["item"])]
    problems = []
    if cfg.get("wave_pairs"):
        pairs = [tuple(map(str, p)) for p in cfg["wave_pairs"] if isinstance(p, (list, tuple))]
        bad = [p for p in cfg["wave_pairs"] if not (isinstance(p, (list, tuple)) and len(p) == 2
                                                    and all(str(w) in waves for w in p) and p[0] != p[1])]
        problems += [Problem(file, f"attitudes.wave_pairs: {p!r} is not a pair of two different waves of the data",
                             f"Write e.g. [[{waves[0]}, {waves[-1]}]] with waves from: {', '.join(waves)}", value=p)
                     for p in bad]
    else:
        pairs = list(itertools.combinations(waves, 2))
    headline = [str(i) for i in cfg.get("headline_items") or par["headline"]]
    problems += [Problem(file, f"attitudes.headline_items: {i!r} is not an attitude item (type scale) with answers",
                         f"Use items from: {', '.join(att[:12])}", value=i) for i in headline if i not in att]
    demog = [c for c in forum.respondents.columns if c not in ("respondent_id", "group")]
    subgroups = [str(s) for s in cfg.get("subgroups") or [s for s in DEFAULT_SUBGROUPS if s in demog]]
    problems += [Problem(file, f"attitudes.subgroups: {s!r} is not a demographic variable of the respondents",
                         f"Use one of: {', '.join(demog)}", value=s) for s in subgroups if s not in demog]
    agree = tuple(cfg.get("agree") or par["agree"])
    if len(agree) != 2 or agree[0] > agree[1]:
        problems.append(Problem(file, "attitudes.agree must be [lowest, highest] answer that counts as agreeing",
                                "Write e.g. [4, 5]", value=cfg.get("agree")))
    if problems:
        raise InputError(problems)
    lang_labels = {i: items[i].get("label", i) for i in items}
    lang_labels |= {s: sc.get("label", s) for s, sc in (cb.get("scales") or {}).items()}
    return {"waves": waves, "wave_pairs": pairs, "attitude_items": att, "headline": headline,
            "scales": par["scales"], "subgroups": subgroups, "agree": agree, "support": par["support"],
            "answer_key": {k: v for k, v in par["answer_key"].items() if k in set(forum.responses["item"])},
            "criteria": par["criteria"], "dont_know_codes": [float(c) for c in cfg.get("dont_know_codes") or
                                                             par["dont_know_codes"]],
            "ranges": {i: tuple(items[i]["scale"]) for i in items if items[i].get("scale")}
            | {s: (sp["scale_min"], sp["scale_max"]) for s, sp in par["scales"].items()},
            "labels": lang_labels, "wave_labels": {w["id"]: w["label"] for w in cb["waves"]},
            "demographic_labels": {m: d.get("label", m) for m, d in cb["demographics"].items()},
            "demographic_order": {m: [str(c) for c in d.get("categories") or []] for m, d in cb["demographics"].items()},
            "min_cell": min_cell_size(forum.config), "weighting": cfg.get("weighting"),
            "has_control": bool((forum.respondents["group"] == "control").any())}


# ----------------------------------------------------------------------------- analyses
def _try(func, *args, **kw):
    """Run an analysis that may not fit this forum's data (too few people, an item the control group
    was not asked); None instead of stopping the report."""
    try:
        return func(*args, **kw)
    except InputError:
        return None


def members_only(df: pd.DataFrame | None) -> pd.DataFrame | None:
    """The forum members' rows of a frame with a ``group`` column (the frame itself without one)."""
    return df if df is None or "group" not in df.columns else df[df["group"] == "member"]


def concat_frames(frames) -> pd.DataFrame | None:
    frames = [f for f in frames if f is not None and not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else None


def _subgroup_sizes(forum, s: dict, members: pd.DataFrame) -> pd.DataFrame | None:
    if not s["subgroups"]:
        return None
    ids = set(members["respondent_id"])
    resp = forum.respondents[forum.respondents["respondent_id"].isin(ids)]
    rows = []
    for m in s["subgroups"]:
        counts = resp[m].dropna().astype(str).value_counts()
        order = [c for c in s["demographic_order"].get(m, []) if c in counts.index]
        order += sorted(set(counts.index) - set(order))
        rows += [{"moderator": m, "level": c, "n": int(counts[c]), "included": not too_small(counts[c], s["min_cell"], figure=True)}
                 for c in order]
    return pd.DataFrame(rows, columns=["moderator", "level", "n", "included"])


def _subgroup_models(forum, s, members, scores, sizes):
    """Heterogeneity (MixedLM wave x subgroup) and subgroup gaps, on subgroups of at least min_cell members."""
    het, gaps = [], []
    if scores is not None:
        scores = scores[scores["group"] == "member"]
    targets = [(t, scores) for t in s["scales"]] + [(h, members) for h in s["headline"]]
    first = s["wave_pairs"][0] if s["wave_pairs"] else None
    for m in s["subgroups"]:
        part = sizes[(sizes["moderator"] == m) & sizes["included"]]
        levels = part["level"].tolist()
        if levels:  # the reference is the largest subgroup: the most precise comparisons
            ref = part.loc[part["n"].idxmax(), "level"]
            levels = [ref] + [x for x in levels if x != ref]
        if len(levels) < 2:
            continue
        keep = forum.respondents.loc[forum.respondents[m].astype("string").isin(levels), ["respondent_id", m]]
        for item, data in targets:
            sub = data[data["respondent_id"].isin(keep["respondent_id"])]
            het.append(_try(PA.heterogeneity, sub, m, item, respondents=keep, waves=s["waves"], levels=levels))
            if first is not None:
                gaps.append(_try(PO.subgroup_gap, sub, item, first[0], first[1], m, respondents=keep))
    return concat_frames(het), concat_frames(gaps)


def three_groups(rng: tuple, support: tuple) -> dict | None:
    lo, hi = rng
    s_lo, s_hi = support
    if s_hi != hi or not lo < s_lo <= hi:
        return None
    mirror = lo + hi - s_lo
    if mirror >= s_lo - 1:
        return {"other": (lo, s_lo - 1), "support": (s_lo, hi)} if mirror >= s_lo else \
            {"oppose": (lo, mirror), "support": (s_lo, hi)}
    return {"oppose": (lo, mirror), "neutral": (mirror + 1, s_lo - 1), "support": (s_lo, hi)}


def _weighting_reasons(resp: pd.DataFrame, margins: dict) -> list[tuple[str, str, list[str]]]:
    """Why the members cannot be raked to `margins`, per variable: members without a value ("missing"),
    categories without a population share ("extra"), population categories without members ("empty")."""
    reasons = []
    for var, shares in margins.items():
        values = resp[var].astype("string")
        cats = set(values.dropna())
        if values.isna().any():
            reasons.append(("missing", var, []))
        extra = sorted(cats - set(shares))
        if extra:
            reasons.append(("extra", var, extra))
        empty = [c for c, share in shares.items() if share > 0 and c not in cats]
        if empty:
            reasons.append(("empty", var, empty))
    return reasons or [("other", "", [])]


def _weighting(forum, s, members, scores) -> tuple[dict | None, pd.DataFrame | None]:
    bench = forum.inputs.get("benchmark")
    on = s["weighting"] if s["weighting"] is not None else bench is not None
    if not on or bench is None or not s["wave_pairs"]:
        return None, None
    resp = forum.respondents[forum.respondents["group"] == "member"]
    variables = [v for v in dict.fromkeys(bench["variable"]) if v in resp.columns]
    # "reasons" (kind, variable, categories) say in the reader's language why raking failed; results.json
    # keeps "problem" only (figures())
    info = {"variables": variables, "n": int(len(resp)), "n_eff": None, "problem": None, "reasons": []}
    if not variables:
        info["problem"] = "the benchmark has no variable that the respondents have"
        info["reasons"] = [("no_variable", "", [])]
        return info, None
    margins = {v: dict(zip(bench.loc[bench["variable"] == v, "category"].astype(str),
                           bench.loc[bench["variable"] == v, "share"].astype(float))) for v in variables}
    try:
        w = RK.rake(resp, margins)
    except InputError as exc:
        info["problem"] = "; ".join(p.message for p in exc.problems)
        info["reasons"] = _weighting_reasons(resp, margins)
        return info, None
    info["n_eff"] = float(w.attrs["n_eff"])
    if scores is not None:
        scores = scores.loc[scores["group"] == "member", members.columns]
    data = pd.concat([members, scores] if scores is not None else [members], ignore_index=True)
    items = list(s["scales"]) + s["headline"]
    return info, RK.weighted_changes(data, w, items, s["wave_pairs"], s["support"])


def _process(s, members) -> pd.DataFrame | None:
    items = [i for v in s["criteria"].values() for i in v]
    data = members[members["item"].isin(items) & members["value"].notna()]
    if data.empty:
        return None
    wave = [w for w in s["waves"] if w in set(data["wave"])][-1]
    s["process_wave"] = wave
    return KN.process_quality(data, s["criteria"], s["agree"], wave=wave)


@cached
def analyse(forum) -> AttitudesResult | None:
    """All attitude analyses the forum has data for; None when it has no attitude (scale) items.

    Parameters
    ----------
    forum : Forum

    Returns
    -------
    AttitudesResult or None

    Raises
    ------
    InputError
        When forum.yml ``attitudes:`` names waves, items or subgroups the data do not have.
    """
    s = _settings(forum)
    if not s["attitude_items"]:
        return None
    r, pairs, waves = forum.responses, s["wave_pairs"], s["waves"]
    members = r[r["group"] == "member"]
    support, dk = s["support"], s["dont_know_codes"]
    changes = CH.paired_changes(r, s["attitude_items"], pairs, support=support, dont_know_codes=dk, by="group") \
        if pairs else pd.DataFrame(columns=["group"] + CH.CHANGE_COLUMNS)
    scores = SC.scale_scores(r, s["scales"]) if s["scales"] else None
    scale_changes = (CH.paired_changes(scores, list(s["scales"]), pairs, by="group")
                     if scores is not None and pairs else None)
    kn = None
    if s["answer_key"]:
        quiz_waves = [w for w in waves if w in set(r.loc[r["item"].isin(s["answer_key"]), "wave"])]
        kn = KN.knowledge(r, s["answer_key"], waves=quiz_waves, by="group", dont_know_codes=dk,
                         wave_pairs=[p for p in pairs if p[0] in quiz_waves and p[1] in quiz_waves])
        per_group = [KN.knowledge(part, s["answer_key"], waves=quiz_waves, wave_pairs=[], dont_know_codes=dk)
                     .items.assign(group=g) for g, part in r.groupby("group", sort=True)]
        items = pd.concat(per_group, ignore_index=True)
        kn = dataclasses.replace(kn, items=items[["group"] + [c for c in items.columns if c != "group"]])
    did = None
    if s["has_control"] and len(waves) > 1:
        did = concat_frames([_try(PA.did_mixed, scores, t, waves=waves) for t in s["scales"]]
                      + [_try(PA.did_mixed, r, h, waves=waves) for h in s["headline"]])
    sizes = _subgroup_sizes(forum, s, members)
    het, gaps = _subgroup_models(forum, s, members, scores, sizes) if sizes is not None and len(waves) > 1 \
        else (None, None)
    agreement = concat_frames([PO.polarization(members, h, waves, s["ranges"][h]) for h in s["headline"]
                         if h in s["ranges"]])
    trans = []
    if pairs:
        for h in s["headline"]:
            groups = three_groups(s["ranges"].get(h, (0, 0)), support[h]) if h in support else None
            if groups:
                trans.append(CH.transitions(members, h, pairs[0][0], pairs[0][1], groups))
    attrition = PA.attrition_waves(r, waves)
    both = concat_frames([r, scores[r.columns]] if scores is not None else [r])
    dropouts = _try(PA.completers_vs_dropouts, both, list(s["scales"]) + s["headline"], waves) \
        if len(waves) > 1 else None
    weighting, weighted = _weighting(forum, s, members, scores)
    rel = SC.reliability(r, s["scales"], waves) if s["scales"] else None
    return AttitudesResult(settings=s, changes=changes, scale_changes=scale_changes, scores=scores, knowledge=kn,
                           reliability=rel, did=did, heterogeneity=het, subgroup_sizes=sizes, agreement=agreement,
                           gaps=gaps, transitions=concat_frames(trans), process=_process(s, members),
                           attrition=attrition, dropouts=dropouts, weighting=weighting, weighted=weighted,
                           distribution=concat_frames([ANS.answer_counts(members, h, waves, s["ranges"][h])
                                                       for h in s["headline"] if h in s["ranges"]]))


# ----------------------------------------------------------------------------- what may be published
#: Per frame of an AttitudesResult: the counts of the people its rows describe, and the columns that name a
#: row. A row with a count of 1..min_cell-1 publishes none of its other figures (toolkit.disclosure.rows).
_CHANGE_KEYS = ["group", "item", "kind", "wave_from", "wave_to"]
PUBLICATION: dict[str, tuple[list[str], list[str]]] = {
    "changes": (["n_pairs"], _CHANGE_KEYS),
    "scale_changes": (["n_pairs"], _CHANGE_KEYS),
    "gains": (["n_pairs"], _CHANGE_KEYS),
    "reliability": (["n"], ["scale", "group", "wave", "n_items", "nan_policy"]),
    "agreement": (["n"], ["item", "wave", "subgroup"]),
    "gaps": (["n_a", "n_b"], ["by", "item", "subgroup_a", "subgroup_b", "wave_from", "wave_to"]),
    "process": (["n"], ["criterion", "items"]),
    "dropouts": (["n_completers", "n_dropouts"], ["group", "item", "wave"]),
    "weighted": (["n_pairs"], ["item", "wave_from", "wave_to"]),
}


def group_sizes(res: AttitudesResult) -> dict[tuple[str, str], int]:
    """Respondents per (group, wave) who answered anything in that wave (from the wave-participation table).

    Examples
    --------
    >>> a = pd.DataFrame({"group": ["control", "control"], "n": [3, 1], "t0": [True, True], "t1": [True, False]})
    >>> r = AttitudesResult(**{**dict.fromkeys(f.name for f in dataclasses.fields(AttitudesResult)),
    ...                        "settings": {"waves": ["t0", "t1"]}, "attrition": a})
    >>> group_sizes(r)
    {('control', 't0'): 4, ('control', 't1'): 3}
    """
    a = res.attrition
    out = {}
    if a is None or a.empty:
        return out
    for g, part in a.groupby("group", sort=False):
        for w in res.settings["waves"]:
            if w in part.columns:
                out[(str(g), w)] = int(part.loc[part[w].astype(bool), "n"].sum())
    return out


def _small_group(res: AttitudesResult, waves) -> bool:
    """Whether some group has 1..min_cell-1 respondents in one of `waves`."""
    mc = res.settings["min_cell"]
    return bool(mc) and any(too_small(n, mc) for (g, w), n in group_sizes(res).items() if w in set(waves))


def _knowledge_items(items: pd.DataFrame | None, mc: int | None) -> pd.DataFrame | None:
    """Quiz questions per group and wave: hidden with n small; the number correct (and its share) also
    when it, or the number not correct (n - n_correct), is small; the share "don't know" when its count is."""
    if items is None or not mc:
        return items
    out = publish_rows(items, ["n"], mc, ["group", "item", "wave"])
    n = pd.to_numeric(items["n"], errors="coerce")
    if "n_correct" in items.columns:
        k = pd.to_numeric(items["n_correct"], errors="coerce")
        bad = too_small(k, mc) | too_small(n - k, mc)
        out["n_correct"] = out["n_correct"].astype(object).mask(bad, None)
        out["share_correct"] = out["share_correct"].astype(float).mask(bad)
    if "share_dont_know" in items.columns:
        dk = (pd.to_numeric(items["share_dont_know"], errors="coerce") * n).round()
        out["share_dont_know"] = out["share_dont_know"].astype(float).mask(too_small(dk, mc))
    return out


def _participation(attrition: pd.DataFrame, waves: list, mc: int) -> pd.DataFrame:
    """Who answered which waves, as published: per group the counts of 1..min_cell-1 keep their value (shown
    as "<n") and lose their share; counts from which one could be worked out are NaN ("–"). The attacker
    knows the group's size and its number of respondents in each wave (published in other tables:
    records per wave, n per wave), so the patterns containing a wave add up to a known number
    (:func:`toolkit.disclosure.linear.protect`). Where even with every count hidden the wave totals give
    a small one away (the rows say which patterns occur), the group's patterns are left out altogether:
    then a pattern may also have nobody, and the totals leave more than one possibility."""
    if attrition["n"].isna().any():  # published already
        return attrition
    out = attrition.copy()
    out["n"] = out["n"].astype("Int64")
    out["share"] = out["share"].astype(float)
    drop = []
    for _, part in attrition.groupby("group", sort=False):
        ws = [w for w in waves if w in part.columns]
        a_eq = np.vstack([np.ones(len(part))] + [part[w].astype(bool).to_numpy(dtype=float) for w in ws])
        counts = part["n"].to_numpy(dtype=float)
        linked = protect(counts, mc, a_eq=a_eq)
        small = hidden_rows(part, ["n"], mc).to_numpy()
        if exposed(counts, linked | small, mc, a_eq=a_eq):
            drop += list(part.index)  # the wave totals alone give a small count: which patterns occur is not shown
            continue
        out.loc[part.index[linked], "n"] = pd.NA
        out.loc[part.index[linked | small], "share"] = np.nan
    return out.drop(index=drop)


#: Shares of people published with the changes, and the number each is of.
_SHARES = (("support_from", "n_from"), ("support_to", "n_to"), ("support_pairs_from", "n_pairs"),
           ("support_pairs_to", "n_pairs"), ("dont_know_from", "n_given_from"), ("dont_know_to", "n_given_to"))


def _shares(changes: pd.DataFrame, mc: int) -> pd.DataFrame:
    """Support and don't-know shares withheld where those they count, or those they do not, number
    1..min_cell-1 (share times its base gives them); a change between two shares goes with either."""
    out = changes.copy()
    for share, base in _SHARES:
        if share in out.columns and base in out.columns:
            out[share] = out[share].astype(float).mask(small_share(out[share], out[base], mc))
    for change, a, b in (("support_change", "support_from", "support_to"),
                         ("dont_know_change", "dont_know_from", "dont_know_to")):
        if change in out.columns:
            out[change] = out[change].astype(float).mask(out[a].isna() | out[b].isna())
    return out


def _paired_test(changes: pd.DataFrame, mc: int) -> pd.DataFrame:
    """McNemar's test of the support shift withheld where a cell of its paired table (supporters at both
    waves, lost, gained, at neither) holds 1..min_cell-1 pairs. With the shares on complete pairs and the
    number of pairs (published) the p-value gives the number of discordant pairs back (an exact binomial
    p takes few values), and with it every cell; a small cell would follow."""
    need = {"support_gained", "support_lost", "support_pairs_from", "n_pairs", "mcnemar_p"}
    if not need <= set(changes.columns):
        return changes
    n = pd.to_numeric(changes["n_pairs"], errors="coerce")
    lost = pd.to_numeric(changes["support_lost"], errors="coerce")
    gained = pd.to_numeric(changes["support_gained"], errors="coerce")
    both = (pd.to_numeric(changes["support_pairs_from"], errors="coerce") * n).round() - lost
    neither = n - both - lost - gained
    bad = too_small(both, mc) | too_small(lost, mc) | too_small(gained, mc) | too_small(neither, mc)
    out = changes.copy()
    for c in ("mcnemar_p", "mcnemar_stat"):
        if c in out.columns:
            out[c] = out[c].astype(float).mask(bad)
    if "mcnemar_method" in out.columns:
        out["mcnemar_method"] = out["mcnemar_method"].astype(object).mask(bad, None)
    return out


def _weighted_shares(weighted: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """The weighting table's support shares (unweighted: the same as the changes'; weighted: beside them)
    withheld where the changes withhold the unweighted share."""
    keys = ["item", "wave_from", "wave_to"]
    ref = changes.drop_duplicates(keys).set_index(keys)
    out = weighted.copy()
    for side in ("from", "to"):
        col = f"support_{side}"
        if col not in out.columns or col not in ref.columns:
            continue
        idx = pd.MultiIndex.from_frame(out[keys])
        gone = pd.Series(ref[col].reindex(idx).isna().to_numpy() & idx.isin(ref.index), index=out.index)
        for c in (col, f"{col}_weighted"):
            if c in out.columns:
                out[c] = out[c].astype(float).mask(gone)
    return out


_DISTRIBUTION_COLUMNS = ["item", "wave", "answer_from", "answer_to", "n", "share"]


def _distribution(res: AttitudesResult, mc: int | None) -> pd.DataFrame | None:
    """The headline items' answers per wave in ranges of adjacent answers (:func:`toolkit.disclosure.bins.merge_answers`):
    each range nobody or at least min_cell answers in every wave shown, none pinned down by the wave's
    n, mean and SD (the spread table) and support share; a wave of 1..min_cell-1 answers not shown, an
    item left with fewer than two ranges not shown at all."""
    d = res.distribution
    if d is None or "answer_from" in d.columns:  # none, or published already
        return d
    parts = []
    for item, part in d.groupby("item", sort=False):
        sup = res.settings["support"].get(item)
        sums = [list(np.arange(sup[0], sup[1] + 1, dtype=float))] if sup else []
        parts.append(merge_answers(part, mc, sums))
    parts = [p for p in parts if not p.empty]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=_DISTRIBUTION_COLUMNS)


#: Statistics of the agreement table that depend on more of the answers' distribution than n, mean and SD.
_SHAPE_COLUMNS = ("agreement_a", "bimodality", "q25", "q75", "iqr")


def _agreement_shape(agreement: pd.DataFrame | None, answers: pd.DataFrame | None, mc: int) -> pd.DataFrame | None:
    """Agreement A, bimodality and quartiles of an item in a wave withheld where some answer was given by
    1..min_cell-1 members in that wave.

    With n, mean and SD (published, and taken into account by :func:`_distribution`) they are further
    equations in the answer counts: the bimodality coefficient fixes the third and fourth moments, A and
    the quartiles the shape; on an item of five or eleven answers they can give the counts back, a small
    one included. They cannot be merged as the distribution's answers are (A over merged ranges is
    another, much lower, number), so they are withheld; so is a row whose answers are not counted (an
    item or wave `answers` lacks, a subgroup). `answers` is the full distribution
    (:func:`toolkit.stats.attitudes.answers.answer_counts`); when it is published already (ranges),
    `agreement` is returned as it is.
    """
    if agreement is None or agreement.empty or (answers is not None and "answer_from" in answers.columns):
        return agreement
    if answers is None:
        answers = pd.DataFrame({"item": pd.Series(dtype=str), "wave": pd.Series(dtype=str), "n": pd.Series(dtype=float)})
    small = too_small(pd.to_numeric(answers["n"], errors="coerce"), mc)
    keys = pd.MultiIndex.from_frame(agreement[["item", "wave"]].astype(str))
    counted = keys.isin(pd.MultiIndex.from_frame(answers[["item", "wave"]].astype(str)))
    hit = keys.isin(pd.MultiIndex.from_frame(answers.loc[small, ["item", "wave"]].astype(str))) | ~counted
    if "subgroup" in agreement.columns:  # a subgroup's answers are not counted here: nothing to check them by
        hit |= agreement["subgroup"].astype(str).ne("all").to_numpy()
    hit = pd.Series(hit, index=agreement.index)
    if not hit.any():
        return agreement
    out = agreement.copy()
    for c in _SHAPE_COLUMNS:
        if c in out.columns:
            out[c] = out[c].astype(float).mask(hit)
    return out


def published(res: AttitudesResult | None) -> AttitudesResult | None:
    """`res` as it may be published: the one decision behind results.json, the tables, charts and alt texts.

    Rules (stated in the methods section):

    - a row of statistics whose count (pairs, respondents, either subgroup of a gap, completers or
      drop-outs) is 1..min_cell-1 publishes only what names it (:data:`PUBLICATION`): no means,
      intervals, d_z, p-values (Holm), support shares, test statistics;
    - the multiple-testing adjustment (Holm, Benjamini-Hochberg) is over the published rows of a family
      only (:func:`toolkit.stats.attitudes.changes.adjust_family`): a withheld row's p-value is no
      member, so the shown adjusted p-values say nothing about it;
    - McNemar's test of the support shift is withheld where a cell of its paired table holds
      1..min_cell-1 pairs (:func:`_paired_test`);
    - a support or don't-know share is withheld when those it counts, or those it does not, number
      1..min_cell-1 (:func:`toolkit.disclosure.rows.small_share`; the weighting table follows the
      unweighted share);
    - members vs control (difference in differences) is not published when a group has 1..min_cell-1
      respondents in one of the waves compared: the member change is published, so the difference would
      give the control group's change;
    - the number of people in a subgroup model (``n_subjects``, ``n_obs``) is withheld when a level of
      its variable was left out as too small (total members minus it gives the small count away);
    - the share who agree with a process criterion is withheld when those who agree, or those who do not,
      number 1..min_cell-1 (share times n gives them);
    - quiz questions: see :func:`_knowledge_items`; the transition table's counts get complementary
      suppression (its total, the pairs, is published);
    - who answered which waves: :func:`_participation` (each wave's number of respondents is known);
    - the distribution of a headline item's answers: :func:`_distribution` (ranges of adjacent answers);
    - agreement A, bimodality and quartiles of an item in a wave: withheld where some answer was given by
      1..min_cell-1 members (:func:`_agreement_shape`);
    - members per subgroup level: when a level of a variable is 1..min_cell-1, no level of it shows
      its count (only whether it was analysed): the representativeness tables publish counts of the
      same members, hidden there so that a small one cannot be worked out.

    Idempotent: ``published(published(res))`` equals ``published(res)``.
    """
    if res is None:
        return None
    mc = res.settings["min_cell"]
    if not mc:
        return dataclasses.replace(res, distribution=_distribution(res, mc))
    rep = {"distribution": _distribution(res, mc)}
    for name in ("changes", "scale_changes", "reliability", "agreement", "gaps", "process", "dropouts",
                 "weighted"):
        counts, keep = PUBLICATION[name]
        rep[name] = publish_rows(getattr(res, name), counts, mc, keep)
    rep["agreement"] = _agreement_shape(rep["agreement"], res.distribution, mc)
    for name in ("changes", "scale_changes"):
        if rep[name] is not None and not rep[name].empty:
            family = [c for c in ("group",) if c in rep[name].columns] + ["wave_from", "wave_to"]
            rep[name] = _shares(_paired_test(CH.adjust_family(rep[name], family), mc), mc)
    if rep["gaps"] is not None and not rep["gaps"].empty:
        rep["gaps"] = CH.adjust_family(rep["gaps"], ["item", "by"], {"p_holm": "holm"})
    if rep["weighted"] is not None and not rep["weighted"].empty and rep["changes"] is not None:
        rep["weighted"] = _weighted_shares(rep["weighted"], members_only(rep["changes"]))
    if rep["process"] is not None and "share_agree" in rep["process"].columns:
        pr = rep["process"]
        k = (pd.to_numeric(pr["share_agree"], errors="coerce") * pd.to_numeric(pr["n"], errors="coerce")).round()
        bad = too_small(k, mc) | too_small(pr["n"] - k, mc)
        rep["process"] = pr.assign(**{c: pr[c].astype(float).mask(bad) for c in
                                      ("share_agree", "share_agree_ci_low", "share_agree_ci_high") if c in pr})
    if res.knowledge is not None:
        counts, keep = PUBLICATION["gains"]
        kn = res.knowledge
        rep["knowledge"] = dataclasses.replace(kn, gains=publish_rows(kn.gains, counts, mc, keep),
                                               items=_knowledge_items(kn.items, mc))
    if res.did is not None:
        also = pd.Series([_small_group(res, (r["wave_ref"], r["wave"])) for r in res.did.to_dict("records")],
                         index=res.did.index, dtype=bool)
        rep["did"] = publish_rows(res.did, [], mc, ["item", "wave", "wave_ref", "term"], also=also) \
            .assign(converged=res.did["converged"].where(~also, False))
    if res.subgroup_sizes is not None and not res.subgroup_sizes["n"].isna().any():
        sz = res.subgroup_sizes
        cut = set(sz.loc[hidden_rows(sz, ["n"], mc), "moderator"])
        rep["subgroup_sizes"] = sz.assign(n=sz["n"].astype("Int64").mask(sz["moderator"].isin(cut)
                                                                       & ~hidden_rows(sz, ["n"], mc)))
    if res.heterogeneity is not None and res.subgroup_sizes is not None:
        sz = res.subgroup_sizes
        cut = set(sz.loc[hidden_rows(sz, ["n"], mc), "moderator"])
        het = res.heterogeneity.copy()
        for c in ("n_subjects", "n_obs"):
            if c in het.columns:
                het[c] = het[c].astype(object).mask(het["moderator"].isin(cut), None)
        rep["heterogeneity"] = het
    if res.attrition is not None and not res.attrition.empty:
        rep["attrition"] = _participation(res.attrition, res.settings["waves"], mc)
    if res.transitions is not None and not res.transitions.empty:
        tr_ = res.transitions.copy()
        parts = []
        for _, part in tr_.groupby("item", sort=False):
            if part["n"].isna().any():  # published already
                parts.append(part)
                continue
            linked = complementary_suppression(part, ["n"], mc)["n"]
            parts.append(part.assign(n=part["n"].astype(float).mask(linked)))
        rep["transitions"] = pd.concat(parts).loc[tr_.index]
    return dataclasses.replace(res, **rep)


# ----------------------------------------------------------------------------- key figures
def figures(forum) -> dict | None:
    """Key figures for results.json ``attitudes`` (None when the forum has no attitude items).

    :func:`toolkit.sections.attitudes.figures.key_figures` plus ``settings`` (waves, wave pairs, headline items,
    scales, labels), ``agreement`` (spread and agreement A per headline item and wave),
    ``subgroup_gap``, ``subgroup_sizes``, ``dropouts`` and ``weighting``. Counts below the forum's
    ``min_cell_size`` are null, with the figures computed from them.
    """
    res = published(analyse(forum))
    if res is None:
        return None
    s, mc = res.settings, res.settings["min_cell"]
    kf = FIG.key_figures(res.changes, scale_changes=res.scale_changes, knowledge=res.knowledge,
                       reliability=res.reliability, did=res.did, heterogeneity=res.heterogeneity,
                       process=res.process,
                       attrition=suppressed_values(res.attrition, {"n": ["share"]}, mc),
                       weighted=res.weighted, polarization=res.gaps, min_cell=mc)
    shown = list(s["scales"]) + s["headline"]
    kf["settings"] = {"waves": s["waves"], "wave_pairs": [list(p) for p in s["wave_pairs"]],
                      "headline": s["headline"], "scales": list(s["scales"]), "subgroups": s["subgroups"],
                      "n_attitude_items": len(s["attitude_items"]), "has_control": s["has_control"],
                      "labels": {k: s["labels"].get(k, k) for k in shown},
                      "wave_labels": s["wave_labels"], "min_cell_size": mc}
    kf["agreement"] = records(suppressed_values(res.agreement, {"n": []}, mc))
    kf["subgroup_gap"] = kf["polarization"]
    kf["subgroup_sizes"] = records(suppressed_values(res.subgroup_sizes, {"n": []}, mc))
    kf["dropouts"] = records(suppressed_values(res.dropouts, {"n_completers": [], "n_dropouts": []}, mc))
    kf["weighting"] = None if res.weighting is None else {k: v for k, v in res.weighting.items() if k != "reasons"}
    kf["distribution"] = records(res.distribution)
    dri = DRIS.dri_block(forum)
    if dri is not None:  # no DRI instrument: the key is left out (the report says so in one line)
        kf["dri"] = dri
    return kf


# ----------------------------------------------------------------------------- scorecard
def scorecard_lines(kf: dict, lang: str) -> list[tuple[str, str]]:
    """Summary lines (topic, finding), computed only from the key figures ``kf`` (results.json)."""
    st = kf.get("settings") or {}
    labels, wl = st.get("labels") or {}, st.get("wave_labels") or {}
    def lab(i):
        return (short_label(labels.get(i, i), lang, 50))
    def wlab(w):
        return (text(wl.get(w, w), lang))
    pairs = st.get("wave_pairs") or []
    out = []
    if pairs:
        wf, wt = pairs[0]
        rows = [r for r in kf.get("changes") or [] if r.get("group", "member") == "member" and r["kind"] == "item"
                and (r["wave_from"], r["wave_to"]) == (wf, wt)]
        clear = [r for r in rows if is_clear_change(r)]
        heads = [r for r in clear if r["item"] in (st.get("headline") or [])][:2]
        ex = "; ".join(f"'{lab(r['item'])}' " + (t("support_of", lang, a=fmt_pct(r["support_from"], lang),
                                                   b=fmt_pct(r["support_to"], lang))
                                                 if is_value(r.get("support_from")) and is_value(r.get("support_to"))
                                                 else fmt_num(r["mean_change"], lang))
                       for r in heads)
        out.append((t("topic_att", lang), t("att_line", lang, k=len(clear), n=len(rows), wf=wlab(wf), wt=wlab(wt),
                                            ex=t("att_ex", lang, x=ex) if ex else "")))
    gains = [g for g in (kf.get("knowledge") or {}).get("gains") or [] if g.get("group", "member") == "member"]
    if gains and is_value(gains[0].get("mean_from")):
        g = gains[0]
        kw = dict(wf=wlab(g["wave_from"]), wt=wlab(g["wave_to"]), a=fmt_pct(g["mean_from"], lang),
                  b=fmt_pct(g["mean_to"], lang), pp=fmt_pp(g["mean_change"], lang))
        out.append((t("topic_kn", lang), t("kn_clear" if is_clear_change(g) else "kn_none", lang, **kw)))
    did = [d for d in kf.get("did") or [] if d.get("converged")]
    if did:
        main = next((x for x in (st.get("scales") or []) + (st.get("headline") or []) if any(d["item"] == x for d in did)),
                    did[0]["item"])
        parts = [t("did_clear" if did_is_clear(d) else "did_none", lang, x=lab(main), wf=wlab(d["wave_ref"]),
                   wt=wlab(d["wave"]), d=fmt_num(d["estimate"], lang), ci=fmt_ci(d["ci_low"], d["ci_high"], lang))
                 for d in did if d["item"] == main]
        out.append((t("topic_did", lang), " ".join(parts)))
    proc = [p for p in kf.get("process_quality") or [] if is_value(p.get("share_agree"))]
    if proc:
        low = min(proc, key=lambda p: p["share_agree"])
        out.append((t("topic_proc", lang), t("proc_line" if len(proc) > 1 else "proc_line_one", lang,
                                             lo=fmt_pct(low["share_agree"], lang),
                                             hi=fmt_pct(max(p["share_agree"] for p in proc), lang),
                                             low=criterion_label(low["criterion"], lang))))
    ch = (kf.get("dri") or {}).get("change")
    if ch:  # the DRI instrument (toolkit.sections.attitudes.dri)
        out.append((t("topic_dri", lang), t("dri_line", lang, wf=wlab(ch["wave_from"]), wt=wlab(ch["wave_to"]),
                                            a=fmt_num(ch["dri_from"], lang), b=fmt_num(ch["dri_to"], lang),
                                            p=fmt_p(ch["p"], lang), n=ch["n"])))
    return out
