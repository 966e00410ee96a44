"""Attitudes section glue: a forum's frames and settings -> the attitude analyses, key figures, scorecard.

``analyse(forum)`` runs every analysis of :mod:`toolkit.attitudes` that the forum has data for;
``figures(forum)`` gives results.json's ``attitudes``; ``scorecard_lines(kf, lang)`` the summary lines
(from the key figures only). The ``*_table`` helpers turn the result into display tables in nl/en,
with counts below ``min_cell_size`` suppressed. Settings (forum.yml ``attitudes:``): ``wave_pairs``,
``subgroups``, ``weighting``, ``headline_items``, ``agree``, ``dont_know_codes``; see docs/attitudes.md.
"""
from __future__ import annotations

import itertools
import math
import textwrap
from typing import Any, NamedTuple

import pandas as pd

from toolkit import attitudes as A
from toolkit._attitudes_util import records
from toolkit.config import text
from toolkit.errors import InputError, Problem
from toolkit.i18n import fmt_ci, fmt_int, fmt_num, fmt_p, fmt_pct, fmt_pp, tr
from toolkit.privacy import suppress_small
from toolkit.sections import cached

__all__ = ["AttitudesResult", "analyse", "figures", "scorecard_lines", "short_label", "changes_table",
           "did_table", "heterogeneity_table", "agreement_table", "gap_table", "process_table", "attrition_table",
           "dropouts_table", "weighted_table", "reliability_table", "knowledge_table", "transitions_table",
           "subgroup_sizes_table", "has_suppressed", "forest_data", "comment_excerpts", "overview_sentences", "finding_sentences",
           "figure_labels", "localize_ticks", "polish_forest", "weighting_sentence", "process_sentence", "T", "H"]

DEFAULT_SUBGROUPS = ("education", "age_group")


class AttitudesResult(NamedTuple):
    """Tidy frames of the attitudes section (None or empty where the forum has no data for a part)."""

    settings: dict          # waves, wave_pairs, headline, scales, subgroups, labels, scale ranges, min_cell
    changes: pd.DataFrame   # paired_changes of attitude items, by group
    scale_changes: pd.DataFrame | None
    scores: pd.DataFrame | None       # scale scores (respondent level: never shown)
    knowledge: A.KnowledgeResult | None
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


# ----------------------------------------------------------------------------- settings
def _settings(forum) -> dict:
    cfg, cb = forum.config.get("attitudes") or {}, forum.codebook
    par = A.codebook_parameters(cb)
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
            "min_cell": int(forum.config["min_cell_size"]), "weighting": cfg.get("weighting"),
            "has_control": bool((forum.respondents["group"] == "control").any())}


# ----------------------------------------------------------------------------- analyses
def _try(func, *args, **kw):
    """Run an analysis that may not fit this forum's data (too few people, an item the control group
    was not asked); None instead of stopping the report."""
    try:
        return func(*args, **kw)
    except InputError:
        return None


def _concat(frames) -> pd.DataFrame | None:
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
        rows += [{"moderator": m, "level": c, "n": int(counts[c]), "included": bool(counts[c] >= s["min_cell"])}
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
            het.append(_try(A.heterogeneity, sub, m, item, respondents=keep, waves=s["waves"], levels=levels))
            if first is not None:
                gaps.append(_try(A.subgroup_gap, sub, item, first[0], first[1], m, respondents=keep))
    return _concat(het), _concat(gaps)


def _three_groups(rng: tuple, support: tuple) -> dict | None:
    lo, hi = rng
    s_lo, s_hi = support
    if s_hi != hi or not lo < s_lo <= hi:
        return None
    mirror = lo + hi - s_lo
    if mirror >= s_lo - 1:
        return {"other": (lo, s_lo - 1), "support": (s_lo, hi)} if mirror >= s_lo else \
            {"oppose": (lo, mirror), "support": (s_lo, hi)}
    return {"oppose": (lo, mirror), "neutral": (mirror + 1, s_lo - 1), "support": (s_lo, hi)}


def _weighting(forum, s, members, scores) -> tuple[dict | None, pd.DataFrame | None]:
    bench = forum.inputs.get("benchmark")
    on = s["weighting"] if s["weighting"] is not None else bench is not None
    if not on or bench is None or not s["wave_pairs"]:
        return None, None
    resp = forum.respondents[forum.respondents["group"] == "member"]
    variables = [v for v in dict.fromkeys(bench["variable"]) if v in resp.columns]
    info = {"variables": variables, "n": int(len(resp)), "n_eff": None, "problem": None}
    if not variables:
        info["problem"] = "the benchmark has no variable that the respondents have"
        return info, None
    margins = {v: dict(zip(bench.loc[bench["variable"] == v, "category"].astype(str),
                           bench.loc[bench["variable"] == v, "share"].astype(float))) for v in variables}
    try:
        w = A.rake(resp, margins)
    except InputError as exc:
        info["problem"] = "; ".join(p.message for p in exc.problems)
        return info, None
    info["n_eff"] = float(w.attrs["n_eff"])
    if scores is not None:
        scores = scores.loc[scores["group"] == "member", members.columns]
    data = pd.concat([members, scores] if scores is not None else [members], ignore_index=True)
    items = list(s["scales"]) + s["headline"]
    return info, A.weighted_changes(data, w, items, s["wave_pairs"], s["support"])


def _process(s, members) -> pd.DataFrame | None:
    items = [i for v in s["criteria"].values() for i in v]
    data = members[members["item"].isin(items) & members["value"].notna()]
    if data.empty:
        return None
    wave = [w for w in s["waves"] if w in set(data["wave"])][-1]
    s["process_wave"] = wave
    return A.process_quality(data, s["criteria"], s["agree"], wave=wave)


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
    changes = A.paired_changes(r, s["attitude_items"], pairs, support=support, dont_know_codes=dk, by="group") \
        if pairs else pd.DataFrame(columns=["group"] + A.CHANGE_COLUMNS)
    scores = A.scale_scores(r, s["scales"]) if s["scales"] else None
    scale_changes = (A.paired_changes(scores, list(s["scales"]), pairs, by="group")
                     if scores is not None and pairs else None)
    kn = None
    if s["answer_key"]:
        quiz_waves = [w for w in waves if w in set(r.loc[r["item"].isin(s["answer_key"]), "wave"])]
        kn = A.knowledge(r, s["answer_key"], waves=quiz_waves, by="group", dont_know_codes=dk,
                         wave_pairs=[p for p in pairs if p[0] in quiz_waves and p[1] in quiz_waves])
        per_group = [A.knowledge(part, s["answer_key"], waves=quiz_waves, wave_pairs=[], dont_know_codes=dk)
                     .items.assign(group=g) for g, part in r.groupby("group", sort=True)]
        items = pd.concat(per_group, ignore_index=True)
        kn = kn._replace(items=items[["group"] + [c for c in items.columns if c != "group"]])
    did = None
    if s["has_control"] and len(waves) > 1:
        did = _concat([_try(A.did_mixed, scores, t, waves=waves) for t in s["scales"]]
                      + [_try(A.did_mixed, r, h, waves=waves) for h in s["headline"]])
    sizes = _subgroup_sizes(forum, s, members)
    het, gaps = _subgroup_models(forum, s, members, scores, sizes) if sizes is not None and len(waves) > 1 \
        else (None, None)
    agreement = _concat([A.polarization(members, h, waves, s["ranges"][h]) for h in s["headline"]
                         if h in s["ranges"]])
    trans = []
    if pairs:
        for h in s["headline"]:
            groups = _three_groups(s["ranges"].get(h, (0, 0)), support[h]) if h in support else None
            if groups:
                trans.append(A.transitions(members, h, pairs[0][0], pairs[0][1], groups))
    attrition = A.attrition_waves(r, waves)
    both = _concat([r, scores[r.columns]] if scores is not None else [r])
    dropouts = _try(A.completers_vs_dropouts, both, list(s["scales"]) + s["headline"], waves) \
        if len(waves) > 1 else None
    weighting, weighted = _weighting(forum, s, members, scores)
    rel = A.reliability(r, s["scales"], waves) if s["scales"] else None
    return AttitudesResult(s, changes, scale_changes, scores, kn, rel, did, het, sizes, agreement, gaps,
                           _concat(trans), _process(s, members), attrition, dropouts, weighting, weighted)


# ----------------------------------------------------------------------------- key figures
def _suppress_with_total(df: pd.DataFrame | None, by: str, count: str, linked: list[str], min_cell: int,
                         display: bool = True) -> pd.DataFrame | None:
    """Small-cell suppression for tables whose totals per `by` are published elsewhere (group sizes):
    where a `by` group has exactly one suppressed cell, the next smallest cell is blanked too, so the
    suppressed one cannot be recovered by subtraction. `display`: "<min_cell" / "–" markers
    (:func:`toolkit.privacy.suppress_small`); otherwise None for results.json."""
    if df is None:
        return None
    small = df[count].notna() & (df[count] > 0) & (df[count] < min_cell)
    extra = pd.Series(False, index=df.index)
    for _, idx in df.groupby(by, sort=False).groups.items():
        if small[idx].sum() == 1:
            rest = df.loc[idx][~small[idx] & (df.loc[idx, count] > 0)]
            if not rest.empty:
                extra[rest[count].idxmin()] = True
    out = suppress_small(df, [count], min_cell, {count: linked}) if display else _suppressed(df, {count: linked}, min_cell)
    out[count] = out[count].astype(object)
    for c in [count] + linked:
        if c in out.columns:
            out[c] = out[c].astype(object)
            out.loc[extra, c] = "–" if (display and c == count) else None
    return out


def _suppressed(df: pd.DataFrame | None, counts: dict[str, list[str]], min_cell: int) -> pd.DataFrame | None:
    """Counts in 1..min_cell-1 (and the figures computed from them) as missing, for results.json."""
    if df is None:
        return None
    out = df.copy()
    for col, linked in counts.items():
        if col in out.columns:
            small = out[col].notna() & (out[col] > 0) & (out[col] < min_cell)
            out[col] = out[col].astype(object)
            for c in [col] + linked:
                if c in out.columns:
                    out[c] = out[c].astype(object)
                    out.loc[small, c] = None
    return out


def figures(forum) -> dict | None:
    """Key figures for results.json ``attitudes`` (None when the forum has no attitude items).

    :func:`toolkit.attitudes.key_figures` plus ``settings`` (waves, wave pairs, headline items,
    scales, labels), ``agreement`` (spread and agreement A per headline item and wave),
    ``subgroup_gap``, ``subgroup_sizes``, ``dropouts`` and ``weighting``. Counts below the forum's
    ``min_cell_size`` are null, with the figures computed from them.
    """
    res = analyse(forum)
    if res is None:
        return None
    s, mc = res.settings, res.settings["min_cell"]
    kf = A.key_figures(res.changes, scale_changes=res.scale_changes, knowledge=res.knowledge,
                       reliability=res.reliability, did=res.did, heterogeneity=res.heterogeneity,
                       process=res.process,
                       attrition=_suppress_with_total(res.attrition, "group", "n", ["share"], mc, display=False),
                       weighted=res.weighted,
                       polarization=_suppressed(res.gaps, {"n_a": ["gap_from", "gap_to", "gap_change"],
                                                           "n_b": ["gap_from", "gap_to", "gap_change"]}, mc))
    shown = list(s["scales"]) + s["headline"]
    kf["settings"] = {"waves": s["waves"], "wave_pairs": [list(p) for p in s["wave_pairs"]],
                      "headline": s["headline"], "scales": list(s["scales"]), "subgroups": s["subgroups"],
                      "n_attitude_items": len(s["attitude_items"]), "has_control": s["has_control"],
                      "labels": {k: s["labels"].get(k, k) for k in shown},
                      "wave_labels": s["wave_labels"], "min_cell_size": mc}
    kf["agreement"] = records(res.agreement)
    kf["subgroup_gap"] = kf["polarization"]
    kf["subgroup_sizes"] = records(_suppress_with_total(res.subgroup_sizes, "moderator", "n", [], mc, display=False))
    kf["dropouts"] = records(_suppressed(res.dropouts, {"n_completers": ["mean_completers", "diff", "ci_low",
                                                                         "ci_high", "t", "p", "hedges_g"],
                                                        "n_dropouts": ["mean_dropouts", "diff", "ci_low",
                                                                       "ci_high", "t", "p", "hedges_g"]}, mc))
    kf["weighting"] = res.weighting
    return kf


# ----------------------------------------------------------------------------- scorecard
T: dict[str, dict[str, str]] = {
    "topic_att": {"nl": "Opvattingen", "en": "Attitudes"},
    "topic_kn": {"nl": "Kennis", "en": "Knowledge"},
    "topic_did": {"nl": "Vergelijking met controlegroep", "en": "Comparison with control group"},
    "topic_proc": {"nl": "Proceskwaliteit (oordeel leden)", "en": "Process quality (members' view)"},
    "att_line": {"nl": "{k} van de {n} stellingen veranderden duidelijk bij forumleden ({wf} → {wt}, na Holm-correctie){ex}.",
                 "en": "{k} of {n} statements changed clearly among forum members ({wf} → {wt}, after Holm correction){ex}."},
    "att_ex": {"nl": "; o.a. {x}", "en": "; e.g. {x}"},
    "support_of": {"nl": "steun {a} → {b}", "en": "support {a} → {b}"},
    "kn_clear": {"nl": "Forumleden hadden {a} van de kennisvragen goed ({wf}) en {b} ({wt}): {pp}.",
                 "en": "Forum members answered {a} of the quiz questions correctly ({wf}) and {b} ({wt}): {pp}."},
    "kn_none": {"nl": "Geen duidelijke verandering in kennis van forumleden ({wf} → {wt}: {a} → {b}).",
                "en": "No clear change in members' knowledge ({wf} → {wt}: {a} → {b})."},
    "did_clear": {"nl": "'{x}' veranderde bij forumleden {d} punt meer dan in de controlegroep ({wf} → {wt}, 95%-interval {ci}).",
                  "en": "'{x}' changed by {d} points more among members than in the control group ({wf} → {wt}, 95% interval {ci})."},
    "did_none": {"nl": "De verandering in '{x}' verschilde niet duidelijk van die in de controlegroep ({wf} → {wt}: {d}, 95%-interval {ci}).",
                 "en": "The change in '{x}' did not clearly differ from the control group ({wf} → {wt}: {d}, 95% interval {ci})."},
    "proc_line": {"nl": "Per OECD-criterium was {lo} tot {hi} van de leden het eens (laagst: {low}).",
                  "en": "Per OECD criterion, {lo} to {hi} of members agreed (lowest: {low})."},
}


def _ok(x: Any) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def short_label(label: Any, lang: str, width: int = 60) -> str:
    """A one-line label for figures: the bracketed statement when the label starts with one, cut at `width`.

    Examples
    --------
    >>> short_label("[Reduce the number of refugees.] How strongly would you oppose or favor these?", "en")
    'Reduce the number of refugees.'
    >>> short_label({"nl": "Een heel lange stelling " * 5}, "nl", 30)
    'Een heel lange stelling Een…'
    """
    t = " ".join(text(label, lang).split())
    if t.startswith("[") and "]" in t:
        t = t[1:t.index("]")]
    return t if len(t) <= width else textwrap.shorten(t, width - 1, placeholder="") .rstrip(" ,;:") + "…"


def _clear(r: dict) -> bool:
    p, lo, hi = r.get("p_holm"), r.get("ci_low"), r.get("ci_high")
    return _ok(p) and _ok(lo) and _ok(hi) and p < 0.05 and (lo > 0 or hi < 0)


def scorecard_lines(kf: dict, lang: str) -> list[tuple[str, str]]:
    """Summary lines (topic, finding), computed only from the key figures ``kf`` (results.json)."""
    st = kf.get("settings") or {}
    labels, wl = st.get("labels") or {}, st.get("wave_labels") or {}
    lab = (lambda i: short_label(labels.get(i, i), lang, 50))
    wlab = (lambda w: text(wl.get(w, w), lang))
    pairs = st.get("wave_pairs") or []
    out = []
    if pairs:
        wf, wt = pairs[0]
        rows = [r for r in kf.get("changes") or [] if r.get("group", "member") == "member" and r["kind"] == "item"
                and (r["wave_from"], r["wave_to"]) == (wf, wt)]
        clear = [r for r in rows if _clear(r)]
        heads = [r for r in clear if r["item"] in (st.get("headline") or [])][:2]
        ex = "; ".join(f"'{lab(r['item'])}' " + (tr("support_of", lang, T, a=fmt_pct(r["support_from"], lang),
                                                     b=fmt_pct(r["support_to"], lang))
                                                  if _ok(r.get("support_from")) and _ok(r.get("support_to"))
                                                  else fmt_num(r["mean_change"], lang))
                       for r in heads)
        out.append((tr("topic_att", lang, T), tr("att_line", lang, T, k=len(clear), n=len(rows), wf=wlab(wf), wt=wlab(wt),
                                                 ex=tr("att_ex", lang, T, x=ex) if ex else "")))
    gains = [g for g in (kf.get("knowledge") or {}).get("gains") or [] if g.get("group", "member") == "member"]
    if gains and _ok(gains[0].get("mean_from")):
        g = gains[0]
        kw = dict(wf=wlab(g["wave_from"]), wt=wlab(g["wave_to"]), a=fmt_pct(g["mean_from"], lang),
                  b=fmt_pct(g["mean_to"], lang), pp=fmt_pp(g["mean_change"], lang))
        out.append((tr("topic_kn", lang, T), tr("kn_clear" if _clear(g) else "kn_none", lang, T, **kw)))
    did = [d for d in kf.get("did") or [] if d.get("converged")]
    if did:
        main = next((x for x in (st.get("scales") or []) + (st.get("headline") or []) if any(d["item"] == x for d in did)),
                    did[0]["item"])
        parts = []
        for d in (d for d in did if d["item"] == main):
            clear = _ok(d.get("p")) and d["p"] < 0.05 and (d["ci_low"] > 0 or d["ci_high"] < 0)
            parts.append(tr("did_clear" if clear else "did_none", lang, T, x=lab(main), wf=wlab(d["wave_ref"]),
                            wt=wlab(d["wave"]), d=fmt_num(d["estimate"], lang), ci=fmt_ci(d["ci_low"], d["ci_high"], lang)))
        out.append((tr("topic_did", lang, T), " ".join(parts)))
    proc = [p for p in kf.get("process_quality") or [] if _ok(p.get("share_agree"))]
    if proc:
        low = min(proc, key=lambda p: p["share_agree"])
        out.append((tr("topic_proc", lang, T), tr("proc_line", lang, T, lo=fmt_pct(low["share_agree"], lang),
                                                  hi=fmt_pct(max(p["share_agree"] for p in proc), lang),
                                                  low=_criterion(low["criterion"], lang))))
    return out


def _criterion(c: str, lang: str) -> str:
    from toolkit.views_attitudes import LABELS
    return tr(c, lang, LABELS) if c in LABELS else c.replace("_", " ")


# ----------------------------------------------------------------------------- display tables (nl/en)
H: dict[str, dict[str, str]] = {
    "question": {"nl": "Vraag of schaal", "en": "Question or scale"},
    "n_pairs": {"nl": "n (beide metingen)", "en": "n (both waves)"},
    "n": {"nl": "n", "en": "n"},
    "mean_from": {"nl": "Gemiddelde {w}", "en": "Mean {w}"},
    "change": {"nl": "Verandering [95%-interval]", "en": "Change [95% interval]"},
    "d_z": {"nl": "d_z", "en": "d_z"},
    "p_holm": {"nl": "p (Holm)", "en": "p (Holm)"},
    "support": {"nl": "Steun {w}", "en": "Support {w}"},
    "means": {"nl": "Gemiddelde {a} → {b}", "en": "Mean {a} → {b}"},
    "supports": {"nl": "Steun {a} → {b}", "en": "Support {a} → {b}"},
    "clear": {"nl": "Duidelijke verandering", "en": "Clear change"},
    "vs": {"nl": "t.o.v.", "en": "vs"},
    "quiz": {"nl": "Kennisvraag", "en": "Quiz question"},
    "yes": {"nl": "ja", "en": "yes"}, "no": {"nl": "nee", "en": "no"},
    "waves": {"nl": "Metingen", "en": "Waves"},
    "did": {"nl": "Verschil-in-verschillen [95%-interval]", "en": "Difference-in-differences [95% interval]"},
    "p": {"nl": "p", "en": "p"},
    "persons": {"nl": "Personen", "en": "Persons"},
    "subgroup": {"nl": "Subgroep", "en": "Subgroup"},
    "variable": {"nl": "Kenmerk", "en": "Characteristic"},
    "compared": {"nl": "Vergeleken (t.o.v. referentie)", "en": "Compared (vs reference)"},
    "diff_change": {"nl": "Verschil in verandering [95%-interval]", "en": "Difference in change [95% interval]"},
    "wave": {"nl": "Meting", "en": "Wave"},
    "sd": {"nl": "Standaarddeviatie", "en": "Standard deviation"},
    "agreement": {"nl": "Overeenstemming A", "en": "Agreement A"},
    "bimodality": {"nl": "Bimodaliteit", "en": "Bimodality"},
    "mean": {"nl": "Gemiddelde", "en": "Mean"},
    "gap_from": {"nl": "Verschil {w}", "en": "Gap {w}"},
    "gap_change": {"nl": "Verandering verschil [95%-interval]", "en": "Change in gap [95% interval]"},
    "narrowed": {"nl": "Kleiner geworden?", "en": "Narrowed?"},
    "narrow_clear": {"nl": "ja, duidelijk", "en": "yes, clearly"},
    "narrow_weak": {"nl": "kleiner, niet duidelijk", "en": "smaller, not clearly"},
    "criterion": {"nl": "Criterium (OECD)", "en": "Criterion (OECD)"},
    "items": {"nl": "Vragen", "en": "Questions"},
    "mean_15": {"nl": "Gemiddelde [95%-interval]", "en": "Mean [95% interval]"},
    "agree": {"nl": "Eens [95%-interval]", "en": "Agree [95% interval]"},
    "group": {"nl": "Groep", "en": "Group"},
    "pattern": {"nl": "Deelgenomen aan", "en": "Took part in"},
    "share": {"nl": "Aandeel", "en": "Share"},
    "n_compl": {"nl": "n alle metingen", "en": "n all waves"},
    "n_drop": {"nl": "n uitgevallen", "en": "n dropped out"},
    "m_compl": {"nl": "Gemiddelde blijvers", "en": "Mean stayers"},
    "m_drop": {"nl": "Gemiddelde uitvallers", "en": "Mean drop-outs"},
    "diff": {"nl": "Verschil [95%-interval]", "en": "Difference [95% interval]"},
    "chg_unw": {"nl": "Verandering ongewogen", "en": "Change unweighted"},
    "chg_w": {"nl": "Verandering gewogen", "en": "Change weighted"},
    "sup_unw": {"nl": "Steun ongewogen (van → naar)", "en": "Support unweighted (from → to)"},
    "sup_w": {"nl": "Steun gewogen (van → naar)", "en": "Support weighted (from → to)"},
    "pairs_n": {"nl": "Subgroepen (n)", "en": "Subgroups (n)"},
    "n_eff": {"nl": "Effectieve n (Kish)", "en": "Effective n (Kish)"},
    "scale": {"nl": "Schaal", "en": "Scale"},
    "alpha": {"nl": "Cronbachs alfa [95%-interval]", "en": "Cronbach's alpha [95% interval]"},
    "n_items": {"nl": "Vragen", "en": "Items"},
    "correct": {"nl": "Goed {w}", "en": "Correct {w}"},
    "dont_know": {"nl": "Weet niet {w}", "en": "Don't know {w}"},
    "from": {"nl": "{w}: antwoordgroep", "en": "{w}: answer group"},
    "oppose": {"nl": "laag", "en": "low"}, "neutral": {"nl": "midden", "en": "middle"},
    "support_g": {"nl": "steun", "en": "support"}, "other": {"nl": "overig", "en": "other"},
    "excluded_small": {"nl": "niet geanalyseerd (te klein)", "en": "not analysed (too small)"},
    "analysed": {"nl": "geanalyseerd", "en": "analysed"},
    "in_model": {"nl": "In analyse", "en": "In analysis"},
    "all": {"nl": "iedereen", "en": "everyone"},
}


def _h(key: str, lang: str, **kw) -> str:
    return tr(key, lang, H, **kw)


def _wl(res: AttitudesResult, w: str, lang: str) -> str:
    return text(res.settings["wave_labels"].get(w, w), lang)


def _il(res: AttitudesResult, item: str, lang: str, width: int = 90) -> str:
    return short_label(res.settings["labels"].get(item, item), lang, width)


def _est(est: Any, lo: Any, hi: Any, lang: str, pct: bool = False) -> str:
    """An estimate with its interval, or a dash when there is none."""
    if not _ok(est):
        return "–"
    if pct:
        return f"{fmt_pct(est, lang)} {fmt_ci(lo, hi, lang, pct=True)}" if _ok(lo) else fmt_pct(est, lang)
    return f"{fmt_num(est, lang)} {fmt_ci(lo, hi, lang)}" if _ok(lo) else fmt_num(est, lang)


def _count(v: Any, lang: str) -> str:
    return v if isinstance(v, str) else fmt_int(v, lang)


def _member(df: pd.DataFrame | None) -> pd.DataFrame | None:
    return df if df is None or "group" not in df.columns else df[df["group"] == "member"]


def changes_table(res: AttitudesResult, pair: tuple, lang: str, items: list | None = None) -> pd.DataFrame:
    """Members' change per scale and item for one wave pair (scales first)."""
    wf, wt = pair
    d = _concat([_member(res.scale_changes), _member(res.changes)])
    d = d[(d["wave_from"] == wf) & (d["wave_to"] == wt)]
    if items is not None:
        d = d[d["item"].isin(items)]
    d = suppress_small(d, ["n_pairs"], res.settings["min_cell"], {"n_pairs": ["mean_from", "mean_to", "mean_change"]})
    a, b = _wl(res, wf, lang), _wl(res, wt, lang)
    recs = d.to_dict("records")
    arrow = (lambda x, y, f: f"{f(x, lang)} → {f(y, lang)}" if _ok(x) or _ok(y) else "–")
    return pd.DataFrame({
        _h("question", lang): [_il(res, r["item"], lang) for r in recs],
        _h("n_pairs", lang): [_count(r["n_pairs"], lang) for r in recs],
        _h("means", lang, a=a, b=b): [arrow(r["mean_from"], r["mean_to"], fmt_num) for r in recs],
        _h("change", lang): [_est(r["mean_change"], r["ci_low"], r["ci_high"], lang) for r in recs],
        _h("d_z", lang): [fmt_num(r["d_z"], lang) for r in recs],
        _h("p_holm", lang): [fmt_p(r["p_holm"], lang) for r in recs],
        _h("supports", lang, a=a, b=b): [arrow(r["support_from"], r["support_to"], fmt_pct) for r in recs],
        _h("clear", lang): [_h("yes" if _clear(r) else "no", lang) for r in recs]})


def knowledge_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Members' share correct and share "don't know" per quiz question and wave."""
    it = res.knowledge.items
    it = it[it["group"] == "member"]
    out = {_h("quiz", lang): [_il(res, i, lang) for i in dict.fromkeys(it["item"])]}
    for w in dict.fromkeys(it["wave"]):
        part = it[it["wave"] == w].set_index("item")
        part = suppress_small(part.reset_index(), ["n"], res.settings["min_cell"],
                              {"n": ["share_correct", "share_dont_know"]}).set_index("item")
        keys = list(dict.fromkeys(it["item"]))
        out[_h("correct", lang, w=_wl(res, w, lang))] = [fmt_pct(part["share_correct"].get(k), lang) for k in keys]
        out[_h("dont_know", lang, w=_wl(res, w, lang))] = [fmt_pct(part["share_dont_know"].get(k), lang) for k in keys]
    return pd.DataFrame(out)


def did_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Difference-in-differences (mixed model) per scale / headline item and later wave."""
    d = res.did[res.did["converged"]].to_dict("records")
    return pd.DataFrame({
        _h("question", lang): [_il(res, r["item"], lang) for r in d],
        _h("waves", lang): [f"{_wl(res, r['wave_ref'], lang)} → {_wl(res, r['wave'], lang)}" for r in d],
        _h("did", lang): [_est(r['estimate'], r['ci_low'], r['ci_high'], lang) for r in d],
        _h("p", lang): [fmt_p(r["p"], lang) for r in d],
        _h("persons", lang): [fmt_int(r["n_subjects"], lang) for r in d]})


def subgroup_sizes_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Members per subgroup level (suppressed below min_cell; such levels are left out of the models)."""
    d = _suppress_with_total(res.subgroup_sizes, "moderator", "n", [], res.settings["min_cell"])
    dl = res.settings["demographic_labels"]
    return pd.DataFrame({_h("variable", lang): [text(dl.get(m, m), lang) for m in d["moderator"]],
                         _h("subgroup", lang): d["level"], _h("n", lang): [_count(v, lang) for v in d["n"]],
                         _h("in_model", lang): [_h("analysed" if i else "excluded_small", lang) for i in d["included"]]})


def heterogeneity_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Did members' change differ between subgroups? One row per subgroup vs reference and later wave."""
    d = res.heterogeneity[res.heterogeneity["converged"]].to_dict("records")
    dl = res.settings["demographic_labels"]
    return pd.DataFrame({
        _h("question", lang): [_il(res, r["item"], lang, 60) for r in d],
        _h("variable", lang): [text(dl.get(r["moderator"], r["moderator"]), lang) for r in d],
        _h("compared", lang): [f"{r['level']} {_h('vs', lang)} {r['level_ref']}" for r in d],
        _h("waves", lang): [f"{_wl(res, r['wave_ref'], lang)} → {_wl(res, r['wave'], lang)}" for r in d],
        _h("diff_change", lang): [_est(r['estimate'], r['ci_low'], r['ci_high'], lang) for r in d],
        _h("p", lang): [fmt_p(r["p"], lang) for r in d]})


def agreement_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Spread and agreement A of the headline items per wave (members' own answers in each wave)."""
    d = suppress_small(res.agreement, ["n"], res.settings["min_cell"],
                       {"n": ["mean", "sd", "agreement_a", "bimodality"]}).to_dict("records")
    return pd.DataFrame({
        _h("question", lang): [_il(res, r["item"], lang, 60) for r in d],
        _h("wave", lang): [_wl(res, r["wave"], lang) for r in d],
        _h("n", lang): [_count(r["n"], lang) for r in d],
        _h("mean", lang): [fmt_num(r["mean"], lang) for r in d],
        _h("sd", lang): [fmt_num(r["sd"], lang) for r in d],
        _h("agreement", lang): [fmt_num(r["agreement_a"], lang) for r in d],
        _h("bimodality", lang): [fmt_num(r["bimodality"], lang) for r in d]})


def gap_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Gap between pairs of subgroups before and after (members who answered both waves)."""
    mc = res.settings["min_cell"]
    d = suppress_small(res.gaps, ["n_a", "n_b"], mc, {c: ["gap_from", "gap_to", "gap_change", "ci_low", "ci_high", "p_holm"]
                                                      for c in ("n_a", "n_b")}).to_dict("records")
    dl = res.settings["demographic_labels"]

    def narrowed(r):
        if not _ok(r.get("gap_change")) or not r["narrowed"]:
            return _h("no", lang) if _ok(r.get("gap_change")) else "–"
        return _h("narrow_clear" if _ok(r["p_holm"]) and r["p_holm"] < 0.05 and (r["ci_low"] > 0 or r["ci_high"] < 0)
                  else "narrow_weak", lang)
    return pd.DataFrame({
        _h("question", lang): [_il(res, r["item"], lang, 60) for r in d],
        _h("variable", lang): [text(dl.get(r["by"], r["by"]), lang) for r in d],
        _h("pairs_n", lang): [f"{r['subgroup_a']} – {r['subgroup_b']} (n = {_count(r['n_a'], lang)}; {_count(r['n_b'], lang)})"
                               for r in d],
        _h("gap_from", lang, w=_wl(res, d[0]["wave_from"], lang) if d else ""): [fmt_num(r["gap_from"], lang) for r in d],
        _h("gap_from", lang, w=_wl(res, d[0]["wave_to"], lang) if d else ""): [fmt_num(r["gap_to"], lang) for r in d],
        _h("gap_change", lang): [_est(r['gap_change'], r['ci_low'], r['ci_high'], lang) for r in d],
        _h("p_holm", lang): [fmt_p(r["p_holm"], lang) for r in d],
        _h("narrowed", lang): [narrowed(r) for r in d]})


def process_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Members' judgement of the process per OECD criterion."""
    d = suppress_small(res.process, ["n"], res.settings["min_cell"],
                       {"n": ["mean", "ci_low", "ci_high", "share_agree", "share_agree_ci_low",
                              "share_agree_ci_high"]}).to_dict("records")
    return pd.DataFrame({
        _h("criterion", lang): [_criterion(r["criterion"], lang) for r in d],
        _h("items", lang): [r["items"] for r in d],
        _h("n", lang): [_count(r["n"], lang) for r in d],
        _h("mean_15", lang): [_est(r['mean'], r['ci_low'], r['ci_high'], lang) for r in d],
        _h("agree", lang): [_est(r["share_agree"], r["share_agree_ci_low"], r["share_agree_ci_high"], lang, pct=True)
                            for r in d]})


def attrition_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Who answered which waves, per group (suppressed below min_cell)."""
    waves = res.settings["waves"]
    d = _suppress_with_total(res.attrition, "group", "n", ["share"], res.settings["min_cell"]).to_dict("records")
    return pd.DataFrame({
        _h("group", lang): [tr(r["group"], lang) for r in d],
        _h("pattern", lang): [" + ".join(_wl(res, w, lang) for w in waves if r[w]) for r in d],
        _h("n", lang): [_count(r["n"], lang) for r in d],
        _h("share", lang): [fmt_pct(r["share"], lang) for r in d]})


def dropouts_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """First-wave answers of those who answered every wave against those who missed one."""
    mc = res.settings["min_cell"]
    linked = ["mean_completers", "mean_dropouts", "diff", "ci_low", "ci_high", "p"]
    d = suppress_small(res.dropouts, ["n_completers", "n_dropouts"], mc,
                       {"n_completers": linked, "n_dropouts": linked}).to_dict("records")
    return pd.DataFrame({
        _h("group", lang): [tr(r["group"], lang) for r in d],
        _h("question", lang): [_il(res, r["item"], lang, 60) for r in d],
        _h("n_compl", lang): [_count(r["n_completers"], lang) for r in d],
        _h("n_drop", lang): [_count(r["n_dropouts"], lang) for r in d],
        _h("m_compl", lang): [fmt_num(r["mean_completers"], lang) for r in d],
        _h("m_drop", lang): [fmt_num(r["mean_dropouts"], lang) for r in d],
        _h("diff", lang): [_est(r['diff'], r['ci_low'], r['ci_high'], lang) for r in d],
        _h("p", lang): [fmt_p(r["p"], lang) for r in d]})


def weighted_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Members' changes and support, unweighted beside raked to the population margins."""
    d = res.weighted.to_dict("records")
    return pd.DataFrame({
        _h("question", lang): [_il(res, r["item"], lang, 60) for r in d],
        _h("waves", lang): [f"{_wl(res, r['wave_from'], lang)} → {_wl(res, r['wave_to'], lang)}" for r in d],
        _h("chg_unw", lang): [fmt_num(r["mean_change"], lang) for r in d],
        _h("chg_w", lang): [fmt_num(r["mean_change_weighted"], lang) for r in d],
        _h("sup_unw", lang): [f"{fmt_pct(r['support_from'], lang)} → {fmt_pct(r['support_to'], lang)}"
                                     if _ok(r["support_from"]) else "–" for r in d],
        _h("sup_w", lang): [f"{fmt_pct(r['support_from_weighted'], lang)} → {fmt_pct(r['support_to_weighted'], lang)}"
                                   if _ok(r["support_from_weighted"]) else "–" for r in d],
        _h("n_eff", lang): [fmt_num(r["n_eff_pairs"], lang, 0) for r in d]})


def reliability_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Cronbach's alpha per scale and wave."""
    d = suppress_small(res.reliability, ["n"], res.settings["min_cell"], {"n": ["alpha", "ci_low", "ci_high"]})
    d = d.to_dict("records")
    return pd.DataFrame({
        _h("scale", lang): [_il(res, r["scale"], lang, 60) for r in d],
        _h("wave", lang): [_wl(res, r["wave"], lang) for r in d],
        _h("n", lang): [_count(r["n"], lang) for r in d],
        _h("n_items", lang): [fmt_int(r["n_items"], lang) for r in d],
        _h("alpha", lang): [_est(r['alpha'], r['ci_low'], r['ci_high'], lang) for r in d]})


def _span(rng: tuple, lang: str) -> str:
    lo, hi = rng
    return fmt_int(lo, lang) if lo == hi else f"{fmt_int(lo, lang)}–{fmt_int(hi, lang)}"


def transitions_table(res: AttitudesResult, item: str, lang: str) -> pd.DataFrame:
    """Members moving between answer groups (with their answer ranges) within the first wave pair (counts)."""
    d = res.transitions[res.transitions["item"] == item]
    d = suppress_small(d, ["n"], res.settings["min_cell"])
    ranges = _three_groups(res.settings["ranges"][item], res.settings["support"][item]) or {}
    name = (lambda g: _h("support_g" if g == "support" else g, lang)
            + (f" ({_span(ranges[g], lang)})" if g in ranges else ""))
    wf, wt = _wl(res, d["wave_from"].iloc[0], lang), _wl(res, d["wave_to"].iloc[0], lang)
    groups = list(dict.fromkeys(d["group_from"]))
    table = {_h("from", lang, w=wf): [name(g) for g in groups]}
    for g in groups:
        col = d[d["group_to"] == g].set_index("group_from")["n"]
        table[f"{wt}: {name(g)}"] = [_count(col[x], lang) for x in groups]
    return pd.DataFrame(table)

S: dict[str, dict[str, str]] = {
    "rule": {"nl": "‘Duidelijk veranderd’ betekent hier: na Holm-correctie voor het aantal vragen is p kleiner dan 0,05 "
                   "én het 95%-interval van de verandering bevat geen nul. ‘Geen duidelijke verandering’ betekent niet "
                   "dat er niets veranderde, alleen dat deze gegevens het niet aantonen.",
             "en": "‘Changed clearly’ means here: after Holm correction for the number of questions p is below .05 "
                   "and the 95% interval of the change excludes zero. ‘No clear change’ does not mean nothing changed, "
                   "only that these data do not show it."},
    "pair": {"nl": "Van {wf} naar {wt} veranderden {k} van de {n} stellingen duidelijk bij forumleden ({up} omhoog, {down} omlaag).",
             "en": "From {wf} to {wt}, {k} of {n} statements changed clearly among forum members ({up} up, {down} down)."},
    "no_control": {"nl": "Dit forum heeft geen controlegroep. Veranderingen kunnen dus ook buiten het forum zijn ontstaan "
                         "(nieuws, het tijdstip) en zijn niet zonder meer aan het forum toe te schrijven.",
                   "en": "This forum has no control group. Changes may also have arisen outside the forum (news, "
                         "timing) and cannot simply be attributed to the forum."},
    "control": {"nl": "Een controlegroep van niet-deelnemers is op dezelfde momenten ondervraagd; de vergelijking "
                      "daarmee (verderop) laat zien welk deel van de verandering niet ook buiten het forum optrad.",
                "en": "A control group of non-members was surveyed at the same moments; the comparison with it (below) "
                      "shows which part of the change did not also happen outside the forum."},
    "weighted": {"nl": "Gewogen (raking) naar de bevolkingsverdeling van: {v}. De weging kost precisie: de effectieve "
                       "omvang is {neff} van {n} forumleden. De gewogen cijfers zijn een controle, geen hoofdresultaat.",
                 "en": "Weighted (raking) to the population margins of: {v}. Weighting costs precision: the effective "
                       "size is {neff} of {n} forum members. The weighted figures are a check, not the headline."},
    "process": {"nl": "Forumleden beoordeelden het proces na afloop ({w}). Per criterium telt het gemiddelde van de "
                      "bijbehorende vragen; ‘eens’ is een gemiddelde van {a} op een schaal van {r}.",
                "en": "Members judged the process afterwards ({w}). Per criterion the mean of its questions counts; "
                      "‘agree’ is a mean of {a} on a scale of {r}."},
    "weight_problem": {"nl": "Weging naar de bevolking was niet mogelijk: {p}.",
                       "en": "Weighting to the population was not possible: {p}."},
}


def overview_sentences(res: AttitudesResult, lang: str) -> list[str]:
    """Plain-language overview: how many statements changed clearly per wave pair, the rule, control group."""
    out = []
    ch = _member(res.changes)
    for wf, wt in res.settings["wave_pairs"]:
        rows = ch[(ch["wave_from"] == wf) & (ch["wave_to"] == wt)].to_dict("records")
        clear = [r for r in rows if _clear(r)]
        out.append(tr("pair", lang, S, wf=_wl(res, wf, lang), wt=_wl(res, wt, lang), k=len(clear), n=len(rows),
                      up=sum(r["mean_change"] > 0 for r in clear), down=sum(r["mean_change"] < 0 for r in clear)))
    out.append(tr("rule", lang, S))
    out.append(tr("control" if res.did is not None else "no_control", lang, S))
    return out


def process_sentence(res: AttitudesResult, lang: str) -> str:
    """When and how the process questionnaire was scored."""
    items = [i for v in res.settings["criteria"].values() for i in v]
    rng = res.settings["ranges"].get(items[0], ("?", "?")) if items else ("?", "?")
    return tr("process", lang, S, w=_wl(res, res.settings.get("process_wave", ""), lang),
              a=_span(res.settings["agree"], lang), r=_span(rng, lang))


def weighting_sentence(res: AttitudesResult, lang: str) -> str | None:
    """What the weights were raked to and what they cost (None when not weighted)."""
    w = res.weighting
    if w is None:
        return None
    if w["problem"]:
        return tr("weight_problem", lang, S, p=w["problem"])
    dl = res.settings["demographic_labels"]
    return tr("weighted", lang, S, v=", ".join(text(dl.get(v, v), lang).lower() for v in w["variables"]),
              neff=fmt_num(w["n_eff"], lang, 0), n=fmt_int(w["n"], lang))


def has_suppressed(table: pd.DataFrame) -> bool:
    """True when a display table holds a suppressed cell ("<n" or a blanked count)."""
    return bool(table.map(lambda v: isinstance(v, str) and (v.startswith("<") or "(n = <" in v or "; <" in v)).any().any())


def forest_data(res: AttitudesResult) -> pd.DataFrame:
    """Changes of scales and items together (both groups), for the forest plot."""
    return _concat([res.scale_changes, res.changes])


def comment_excerpts(forum, k: int = 5, width: int = 120) -> list[tuple[str, int, list[str]]]:
    """(wave, number of comments, up to `k` shortened excerpts) per wave with at least min_cell comments.

    Only call when forum.yml ``free_text`` is true; excerpts are a seeded random choice, never linked
    to a respondent. The caller escapes them (``toolkit.display`` does).
    """
    out = []
    for wave, part in forum.texts.groupby("wave", sort=False):
        texts = part["text"].dropna().astype(str)
        texts = texts[texts.str.strip() != ""]
        if len(texts) >= forum.config["min_cell_size"]:
            picks = texts.sample(min(k, len(texts)), random_state=forum.config["seed"])
            out.append((str(wave), int(len(texts)),
                        [t if len(t) <= width else textwrap.shorten(t, width - 1, placeholder="") + "…"
                         for t in (" ".join(x.split()) for x in picks)]))
    return out


def finding_sentences(res: AttitudesResult, kf: dict, lang: str) -> list[str]:
    """Sentences on the scales and headline items, for the wave pairs that start at the first wave
    (the change, and whether it lasted); scales first. Only "changed" where Holm and the interval agree."""
    from toolkit.views_attitudes import sentences

    s = res.settings
    first = s["wave_pairs"][0][0] if s["wave_pairs"] else None
    keep = list(s["scales"]) + s["headline"]
    rows = [r for r in kf["changes"] if r["wave_from"] == first and r["item"] in keep]
    rows.sort(key=lambda r: (keep.index(r["item"]), s["waves"].index(r["wave_to"])))
    labels = {i: short_label(lab, lang, 60) for i, lab in s["labels"].items()}
    wave_labels = {w: text(lab, lang) for w, lab in s["wave_labels"].items()}
    return sentences({"changes": rows}, lang, labels, wave_labels)


def figure_labels(res: AttitudesResult, lang: str, lines: int = 2, width: int = 38) -> dict[str, str]:
    r"""Item and scale labels for figure axes: at most `lines` lines of about `width` characters
    (one line when the forest plot has one row per item), with ``$`` escaped for matplotlib.

    Examples
    --------
    >>> res = AttitudesResult({"labels": {"Q": "Raise the minimum wage from $7.25 to $15 per hour."}},
    ...                       *([None] * 16))
    >>> figure_labels(res, "en", lines=1, width=30)
    {'Q': 'Raise the minimum wage from \\$7.25 to \\$15…'}
    """
    width = width if lines > 1 else int(width * 1.4)
    out = {}
    for i, lab in res.settings["labels"].items():
        t = short_label(lab, lang, lines * width)
        wrapped = textwrap.wrap(t, width)
        if len(wrapped) > lines:
            wrapped = wrapped[:lines - 1] + [textwrap.shorten(" ".join(wrapped[lines - 1:]), width - 1, placeholder="")
                                             .rstrip(" ,;:…") + "…"]
        out[i] = "\n".join(wrapped).replace("$", "\\$")
    return out


def polish_forest(fig) -> None:
    """Keep the forest plot's legend just under the x-axis label, whatever the figure's height."""
    ax = fig.axes[0]
    legend = ax.get_legend()
    if legend is not None:
        height = ax.get_position().height * fig.get_figheight()
        legend.set_bbox_to_anchor((0.5, -0.75 / height))


def localize_ticks(fig, lang: str) -> None:
    """Number tick labels of a figure's plain numeric axes in the report language (0,25 in Dutch).

    Axes that already have their own formatter (percentages, category labels) are left alone.
    """
    from matplotlib.ticker import FuncFormatter, ScalarFormatter

    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not isinstance(axis.get_major_formatter(), ScalarFormatter):
                continue
            ticks = [t for t in axis.get_majorticklocs()]
            digits = next((d for d in range(3) if all(abs(t * 10 ** d - round(t * 10 ** d)) < 1e-6 for t in ticks)), 2)
            axis.set_major_formatter(FuncFormatter(lambda v, _, d=digits: fmt_num(v, lang, d)))
