"""Sentences of the attitudes section: key figures (results.json) and an AttitudesResult in plain words.

:func:`sentences` describes key figures; the ``*_sentence(s)`` functions describe an
:class:`~toolkit.sections.attitudes.result.AttitudesResult`. The phrases come from
:mod:`toolkit.sections.attitudes.text`; numbers are rounded here, through :mod:`toolkit.i18n`, only.
"""
from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence


from toolkit.disclosure.suppress import too_small
from toolkit.forum.config import text
from toolkit.i18n import fmt_ci, fmt_int, fmt_num, fmt_p, fmt_pct, fmt_pp
from toolkit.sections.attitudes.result import AttitudesResult, members_only
from toolkit.forum.settings import min_cell_size
from toolkit.sections.attitudes.text import (
    did_is_clear, is_clear_change, is_value, item_label, short_label, span_text, t,
)

__all__ = ["wave_name", "item_name", "did_sentence", "sentences", "overview_sentences", "finding_sentences",
           "process_sentence", "weighting_sentence", "comment_excerpts"]


def wave_name(res: AttitudesResult, w: str, lang: str) -> str:
    return text(res.settings["wave_labels"].get(w, w), lang)


def item_name(res: AttitudesResult, item: str, lang: str, width: int = 90) -> str:
    return short_label(res.settings["labels"].get(item, item), lang, width)


# ----------------------------------------------------------------------------- sentences on key figures
def _change_sentence(r: Mapping, name: str, lang: str, wf: str, wt: str) -> str:
    support = is_value(r.get("support_from")) and is_value(r.get("support_to"))
    if is_clear_change(r):
        s = t("sent_change", lang, name=name, verb=t("sent_down" if r["mean_change"] < 0 else "sent_up", lang),
              a=fmt_num(r["mean_from"], lang), b=fmt_num(r["mean_to"], lang), wf=wf, wt=wt,
              d=fmt_num(r["mean_change"], lang), ci=fmt_ci(r["ci_low"], r["ci_high"], lang), dz=fmt_num(r["d_z"], lang),
              p=fmt_p(r["p_holm"], lang), n=fmt_int(r["n_pairs"], lang))
        s += (t("sent_support", lang, a=fmt_pct(r["support_from"], lang), b=fmt_pct(r["support_to"], lang))
              if support else "")
        if is_value(r.get("mcnemar_p")) and is_value(r.get("support_pairs_from")):  # the paired test of the shift
            s += t("sent_support_paired", lang, n=fmt_int(r["n_pairs"], lang), a=fmt_pct(r["support_pairs_from"], lang),
                   b=fmt_pct(r["support_pairs_to"], lang), p=fmt_p(r["mcnemar_p"], lang))
        return s
    return t("sent_no_change", lang, name=name, wf=wf, wt=wt, d=fmt_num(r.get("mean_change"), lang),
             ci=fmt_ci(r.get("ci_low"), r.get("ci_high"), lang))


def did_sentence(r: Mapping, name: str, lang: str, wave_labels: Mapping | None) -> str:
    """One difference-in-differences estimate in plain words (a change called clear only by :func:`did_is_clear`)."""
    wf, wt = (item_label(r[k], wave_labels, lang) for k in ("wave_ref", "wave"))
    return t("sent_did" if did_is_clear(r) else "sent_no_did", lang, wf=wf, wt=wt, name=name,
             est=fmt_num(r["estimate"], lang), ci=fmt_ci(r["ci_low"], r["ci_high"], lang))


def _knowledge_sentence(r: Mapping, lang: str, wf: str, wt: str) -> str:
    frm, to = fmt_pct(r.get("mean_from"), lang), fmt_pct(r.get("mean_to"), lang)
    ci = fmt_ci(r.get("ci_low"), r.get("ci_high"), lang, pct=True)
    if is_clear_change(r):
        return t("sent_knowledge", lang, a=frm, b=to, wf=wf, wt=wt, d=fmt_pp(r["mean_change"], lang), ci=ci,
                 p=fmt_p(r["p_holm"], lang), n=fmt_int(r["n_pairs"], lang))
    return t("sent_no_knowledge", lang, wf=wf, wt=wt, a=frm, b=to, ci=ci)


def _knowledge_sentences(kn: Mapping, lang: str, wave_labels: Mapping | None) -> list[str]:
    out = []
    for r in kn.get("gains") or []:
        if r.get("group", "member") == "member" and is_value(r.get("mean_from")):
            wf, wt = (item_label(r[k], wave_labels, lang) for k in ("wave_from", "wave_to"))
            out.append(_knowledge_sentence(r, lang, wf, wt))
    return out


def _process_sentences(rows: Sequence[Mapping], labels: Mapping | None, lang: str) -> list[str]:
    parts = [f"{item_label(r['criterion'], labels, lang)} {fmt_pct(r['share_agree'], lang)}" for r in rows
             if is_value(r.get("share_agree"))]
    if not parts:
        return []
    return [t("sent_process", lang, x="; ".join(parts))]


def sentences(key_figures: Mapping, lang: str = "nl", labels: Mapping | None = None,
              wave_labels: Mapping | None = None, items: Sequence[str] | None = None) -> list[str]:
    """Plain-language findings that do not overclaim.

    A change is called a change only where :func:`is_clear_change` holds (Holm-corrected p < .05 and
    the interval excludes zero); otherwise the sentence says there was no clear change and that this
    does not prove there was none. Only members' changes are described; the control group enters
    through the difference-in-differences.

    Parameters
    ----------
    key_figures : mapping
        :func:`toolkit.sections.attitudes.figures.key_figures` output.
    lang : {"nl", "en"}
    labels : mapping item / scale / criterion -> str or {nl, en}, optional
    wave_labels : mapping wave -> str or {nl, en}, optional
    items : sequence of str, optional
        Items or scales to describe (default: all).

    Returns
    -------
    list of str

    Examples
    --------
    >>> kf = {"changes": [
    ...     {"item": "Q1", "group": "member", "wave_from": "t0", "wave_to": "t1", "n_pairs": 120,
    ...      "mean_from": 5.0, "mean_to": 6.0, "mean_change": 1.0, "ci_low": 0.6, "ci_high": 1.4, "p_holm": 0.0001,
    ...      "d_z": 0.5, "support_from": 0.3, "support_to": 0.6},
    ...     {"item": "Q2", "group": "member", "wave_from": "t0", "wave_to": "t1", "n_pairs": 120,
    ...      "mean_from": 5.0, "mean_to": 5.3, "mean_change": 0.3, "ci_low": 0.01, "ci_high": 0.6, "p_holm": 0.09}]}
    >>> for s in sentences(kf, "en"): print(s)
    'Q1': the mean rose from 5.00 to 6.00 (t0 → t1; change 1.00, 95% interval [0.60, 1.40], d_z = 0.50, Holm p < 0.001, n = 120). Support: 30% → 60%.
    'Q2': no clear change from t0 to t1 (change 0.30, 95% interval [0.01, 0.60]). This does not show that nothing changed.
    """
    out = []
    for r in key_figures.get("changes") or []:
        if r.get("group", "member") != "member" or (items is not None and r["item"] not in items):
            continue
        if not is_value(r.get("n_pairs")) and not is_value(r.get("mean_change")):
            continue  # a hidden row (too few pairs): nothing is said about it
        wf, wt = (item_label(r[k], wave_labels, lang) for k in ("wave_from", "wave_to"))
        out.append(_change_sentence(r, item_label(r["item"], labels, lang), lang, wf, wt))
    out += _knowledge_sentences(key_figures.get("knowledge") or {}, lang, wave_labels)
    for r in key_figures.get("did") or []:
        if not is_value(r.get("estimate")):
            continue  # not published (a group too small)
        if items is None or r.get("item") in items:
            out.append(did_sentence(r, item_label(r.get("item"), labels, lang), lang, wave_labels))
    return out + _process_sentences(key_figures.get("process_quality") or [], labels, lang)


# ----------------------------------------------------------------------------- sentences on a result
def overview_sentences(res: AttitudesResult, lang: str) -> list[str]:
    """Plain-language overview: how many statements changed clearly per wave pair, the rule, control group."""
    out = []
    ch = members_only(res.changes)
    for wf, wt in res.settings["wave_pairs"]:
        rows = ch[(ch["wave_from"] == wf) & (ch["wave_to"] == wt)].to_dict("records")
        clear = [r for r in rows if is_clear_change(r)]
        out.append(t("pair", lang, wf=wave_name(res, wf, lang), wt=wave_name(res, wt, lang), k=len(clear), n=len(rows),
                     up=sum(r["mean_change"] > 0 for r in clear), down=sum(r["mean_change"] < 0 for r in clear)))
    out.append(t("rule", lang))
    out.append(t("control" if res.did is not None else "no_control", lang))
    return out


def process_sentence(res: AttitudesResult, lang: str) -> str:
    """When and how the process questionnaire was scored."""
    items = [i for v in res.settings["criteria"].values() for i in v]
    rng = res.settings["ranges"].get(items[0], ("?", "?")) if items else ("?", "?")
    return t("process", lang, w=wave_name(res, res.settings.get("process_wave", ""), lang),
             a=span_text(res.settings["agree"], lang), r=span_text(rng, lang))


def weighting_sentence(res: AttitudesResult, lang: str) -> str | None:
    """What the weights were raked to and what they cost (None when not weighted)."""
    w = res.weighting
    if w is None:
        return None
    if w["problem"]:
        dl = res.settings["demographic_labels"]
        parts = [t(f"weight_{kind}", lang, v=text(dl.get(var, var), lang).lower(), c=", ".join(cats))
                 for kind, var, cats in w.get("reasons") or [("other", "", [])]]
        return t("weight_problem", lang, p="; ".join(parts))
    dl = res.settings["demographic_labels"]
    return t("weighted", lang, v=", ".join(text(dl.get(v, v), lang).lower() for v in w["variables"]),
             neff=fmt_num(w["n_eff"], lang, 0), n=fmt_int(w["n"], lang))


def finding_sentences(res: AttitudesResult, kf: dict, lang: str) -> list[str]:
    """Sentences on the scales and headline items, for the wave pairs that start at the first wave
    (the change, and whether it lasted); scales first. Only "changed" where Holm and the interval agree."""
    s = res.settings
    first = s["wave_pairs"][0][0] if s["wave_pairs"] else None
    keep = list(s["scales"]) + s["headline"]
    rows = [r for r in kf["changes"] if r["wave_from"] == first and r["item"] in keep]
    rows.sort(key=lambda r: (keep.index(r["item"]), s["waves"].index(r["wave_to"])))
    labels = {i: short_label(lab, lang, 60) for i, lab in s["labels"].items()}
    wave_labels = {w: text(lab, lang) for w, lab in s["wave_labels"].items()}
    return sentences({"changes": rows}, lang, labels, wave_labels)


def comment_excerpts(forum, k: int = 5, width: int = 120) -> list[tuple[str, int, list[str]]]:
    """(wave, number of comments, up to `k` shortened excerpts) per wave with at least min_cell comments.

    Only call when forum.yml ``free_text`` is true; excerpts are a seeded random choice, never linked
    to a respondent. The caller escapes them (``toolkit.report.display`` does).
    """
    out = []
    for wave, part in forum.texts.groupby("wave", sort=False):
        texts = part["text"].dropna().astype(str)
        texts = texts[texts.str.strip() != ""]
        if not too_small(len(texts), min_cell_size(forum.config), figure=True):
            picks = texts.sample(min(k, len(texts)), random_state=forum.config["seed"])
            out.append((str(wave), int(len(texts)),
                        [s if len(s) <= width else textwrap.shorten(s, width - 1, placeholder="") + "…"
                         for s in (" ".join(x.split()) for x in picks)]))
    return out
