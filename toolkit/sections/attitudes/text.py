"""Phrases and sentences of the attitudes section, in Dutch or English.

All of the section's nl/en phrases are here, looked up with :func:`toolkit.i18n.tr`: :data:`LABELS`
(figure labels, groups and the OECD process criteria) and :data:`TEXT` (summary lines, table headers,
sentences; :func:`t`). :func:`sentences` describes key figures (results.json); the ``*_sentence(s)``
functions describe an :class:`~toolkit.sections.attitudes.result.AttitudesResult`. Everything is plain text,
never markup (item labels come from the codebook: escape when rendering). A change is called a change
only where :func:`is_clear_change` holds. Numbers are rounded here, through :mod:`toolkit.i18n`, only.
"""
from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from toolkit.forum.config import text
from toolkit.i18n import fmt_ci, fmt_int, fmt_num, fmt_p, fmt_pct, fmt_pp, tr

if TYPE_CHECKING:
    from toolkit.sections.attitudes.result import AttitudesResult

__all__ = ["LABELS", "TEXT", "t", "is_clear_change", "did_is_clear", "short_label", "criterion_label", "sentences",
           "overview_sentences", "finding_sentences", "process_sentence", "weighting_sentence", "comment_excerpts"]

#: Figure labels, group names and the OECD (2021) process criteria.
LABELS: dict[str, dict[str, str]] = {
    "member": {"nl": "forumleden", "en": "forum members"},
    "control": {"nl": "controlegroep", "en": "control group"},
    "forest_title": {"nl": "Gestandaardiseerde verandering per vraag ({wf} → {wt})",
                     "en": "Standardized change per question ({wf} → {wt})"},
    "forest_x": {"nl": "Verandering in standaarddeviaties van de veranderingen (d_z), met 95%-interval",
                 "en": "Change in standard deviations of the changes (d_z), with 95% interval"},
    "clear": {"nl": "duidelijke verandering (Holm p < 0,05)", "en": "clear change (Holm p < .05)"},
    "unclear": {"nl": "geen duidelijke verandering", "en": "no clear change"},
    "share": {"nl": "Aandeel van de antwoorden", "en": "Share of answers"},
    "answer": {"nl": "Antwoord", "en": "Answer"},
    "knowledge_title": {"nl": "Kennisscore per meting", "en": "Knowledge score per wave"},
    "knowledge_y": {"nl": "Gemiddeld aandeel goede antwoorden (95%-interval)",
                    "en": "Mean share of correct answers (95% interval)"},
    "mean_y": {"nl": "Gemiddelde (95%-interval)", "en": "Mean (95% interval)"},
    "wave": {"nl": "Meting", "en": "Wave"},
    # OECD (2021) member-survey criteria, as the synthetic codebook names them
    "neutral_facilitation": {"nl": "neutrale gespreksleiding", "en": "neutral facilitation"},
    "accessible_balanced_information": {"nl": "toegankelijke en evenwichtige informatie",
                                        "en": "accessible and balanced information"},
    "equal_chance_to_speak": {"nl": "gelijke kans om te spreken", "en": "equal chance to speak"},
    "respect": {"nl": "respect", "en": "respect"},
    "free_decision": {"nl": "vrije oordeelsvorming", "en": "free decision-making"},
}

#: Summary lines, table headers and sentences (:func:`t`).
TEXT: dict[str, dict[str, str]] = {
    # summary scorecard lines (toolkit.sections.attitudes.result.scorecard_lines)
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
    # headers of the display tables (toolkit.sections.attitudes.tables)
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
    # sentences on an AttitudesResult
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


# ----------------------------------------------------------------------------- lookups and labels
# (the underscored helpers are shared with toolkit.sections.attitudes.charts and toolkit.sections.attitudes.tables)
def t(key: str, lang: str, **kw: Any) -> str:
    """A phrase of :data:`TEXT` in `lang`, filled in (:func:`toolkit.i18n.tr` on this section's table).

    Examples
    --------
    >>> t("means", "en", a="Before", b="After")
    'Mean Before → After'
    """
    return tr(key, lang, TEXT, **kw)


def _l(key: str, lang: str, **kw: Any) -> str:
    return tr(key, lang, LABELS, **kw)


def _label(item: str, labels: Mapping | None, lang: str) -> str:
    if labels and item in labels:
        return text(labels[item], lang)
    return _l(str(item), lang)


def _ok(x: Any) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def is_clear_change(record: Mapping, level: float = 0.05, p_key: str = "p_holm") -> bool:
    """True only when the p-value (`p_key`: Holm-corrected by default) < `level` and the interval of
    the change excludes zero.

    Examples
    --------
    >>> is_clear_change({"p_holm": 0.01, "ci_low": 0.2, "ci_high": 0.9})
    True
    >>> is_clear_change({"p_holm": 0.01, "ci_low": -0.1, "ci_high": 0.9}), is_clear_change({"p_holm": None})
    (False, False)
    >>> is_clear_change({"p": 0.01, "ci_low": -0.9, "ci_high": -0.2}, p_key="p")
    True
    """
    p, lo, hi = record.get(p_key), record.get("ci_low"), record.get("ci_high")
    if not (_ok(p) and _ok(lo) and _ok(hi)):
        return False
    return p < level and (lo > 0 or hi < 0)


def did_is_clear(record: Mapping) -> bool:
    """True for a difference-in-differences from a converged model with p < .05 whose interval
    excludes zero (one test per estimate: p, not Holm)."""
    return bool(record.get("converged", True)) and is_clear_change(record, p_key="p")


def short_label(label: Any, lang: str, width: int = 60) -> str:
    """A one-line label for figures: the bracketed statement when the label starts with one, cut at `width`.

    Examples
    --------
    >>> short_label("[Reduce the number of refugees.] How strongly would you oppose or favor these?", "en")
    'Reduce the number of refugees.'
    >>> short_label({"nl": "Een heel lange stelling " * 5}, "nl", 30)
    'Een heel lange stelling Een…'
    """
    s = " ".join(text(label, lang).split())
    if s.startswith("[") and "]" in s:
        s = s[1:s.index("]")]
    return s if len(s) <= width else textwrap.shorten(s, width - 1, placeholder="").rstrip(" ,;:") + "…"


def criterion_label(criterion: str, lang: str) -> str:
    """The name of an OECD process criterion in `lang` (the code with spaces when it is not a known one).

    Examples
    --------
    >>> criterion_label("free_decision", "nl"), criterion_label("own_criterion", "en")
    ('vrije oordeelsvorming', 'own criterion')
    """
    return tr(criterion, lang, LABELS) if criterion in LABELS else criterion.replace("_", " ")


def _wl(res: AttitudesResult, w: str, lang: str) -> str:
    return text(res.settings["wave_labels"].get(w, w), lang)


def _il(res: AttitudesResult, item: str, lang: str, width: int = 90) -> str:
    return short_label(res.settings["labels"].get(item, item), lang, width)


def _span(rng: tuple, lang: str) -> str:
    lo, hi = rng
    return fmt_int(lo, lang) if lo == hi else f"{fmt_int(lo, lang)}–{fmt_int(hi, lang)}"


def _member(df: pd.DataFrame | None) -> pd.DataFrame | None:
    return df if df is None or "group" not in df.columns else df[df["group"] == "member"]


# ----------------------------------------------------------------------------- sentences on key figures
def _change_sentence(r: Mapping, name: str, lang: str, wf: str, wt: str) -> str:
    support = _ok(r.get("support_from")) and _ok(r.get("support_to"))
    if is_clear_change(r):
        verb = {"nl": ("steeg", "daalde"), "en": ("rose", "fell")}[lang][r["mean_change"] < 0]
        if lang == "nl":
            s = (f"'{name}': het gemiddelde {verb} van {fmt_num(r['mean_from'], lang)} naar {fmt_num(r['mean_to'], lang)} "
                 f"({wf} → {wt}; verschil {fmt_num(r['mean_change'], lang)}, 95%-interval "
                 f"{fmt_ci(r['ci_low'], r['ci_high'], lang)}, d_z = {fmt_num(r['d_z'], lang)}, Holm-{fmt_p(r['p_holm'], lang)}, "
                 f"n = {fmt_int(r['n_pairs'], lang)}).")
            return s + (f" Steun: {fmt_pct(r['support_from'], lang)} → {fmt_pct(r['support_to'], lang)}." if support else "")
        s = (f"'{name}': the mean {verb} from {fmt_num(r['mean_from'], lang)} to {fmt_num(r['mean_to'], lang)} "
             f"({wf} → {wt}; change {fmt_num(r['mean_change'], lang)}, 95% interval "
             f"{fmt_ci(r['ci_low'], r['ci_high'], lang)}, d_z = {fmt_num(r['d_z'], lang)}, Holm {fmt_p(r['p_holm'], lang)}, "
             f"n = {fmt_int(r['n_pairs'], lang)}).")
        return s + (f" Support: {fmt_pct(r['support_from'], lang)} → {fmt_pct(r['support_to'], lang)}." if support else "")
    if lang == "nl":
        return (f"'{name}': geen duidelijke verandering van {wf} naar {wt} (verschil {fmt_num(r.get('mean_change'), lang)}, "
                f"95%-interval {fmt_ci(r.get('ci_low'), r.get('ci_high'), lang)}). Dat bewijst niet dat er niets veranderde.")
    return (f"'{name}': no clear change from {wf} to {wt} (change {fmt_num(r.get('mean_change'), lang)}, 95% interval "
            f"{fmt_ci(r.get('ci_low'), r.get('ci_high'), lang)}). This does not show that nothing changed.")


def _did_sentence(r: Mapping, name: str, lang: str, wave_labels: Mapping | None) -> str:
    wf, wt = (_label(r[k], wave_labels, lang) for k in ("wave_ref", "wave"))
    est, ci = fmt_num(r["estimate"], lang), fmt_ci(r["ci_low"], r["ci_high"], lang)
    clear = did_is_clear(r)
    if lang == "nl":
        if clear:
            return (f"Van {wf} tot {wt} veranderde '{name}' bij forumleden {est} punt meer dan in de controlegroep "
                    f"(verschil-in-verschillen, 95%-interval {ci}).")
        return f"Van {wf} tot {wt} verschilde de verandering van '{name}' niet duidelijk van die in de controlegroep ({est}, 95%-interval {ci})."
    if clear:
        return (f"From {wf} to {wt}, '{name}' changed by {est} points more among forum members than in the control group "
                f"(difference-in-differences, 95% interval {ci}).")
    return f"From {wf} to {wt}, the change in '{name}' did not clearly differ from the control group ({est}, 95% interval {ci})."


def _knowledge_sentence(r: Mapping, lang: str, wf: str, wt: str) -> str:
    frm, to = fmt_pct(r.get("mean_from"), lang), fmt_pct(r.get("mean_to"), lang)
    ci = fmt_ci(r.get("ci_low"), r.get("ci_high"), lang, pct=True)
    if is_clear_change(r):
        if lang == "nl":
            return (f"Kennis van forumleden: gemiddeld {frm} van de kennisvragen goed ({wf}) en {to} ({wt}), "
                    f"verschil {fmt_pp(r['mean_change'], lang)} (95%-interval {ci}, Holm-{fmt_p(r['p_holm'], lang)}, "
                    f"n = {fmt_int(r['n_pairs'], lang)}).")
        return (f"Knowledge of forum members: on average {frm} of the quiz questions correct ({wf}) and {to} ({wt}), "
                f"change {fmt_pp(r['mean_change'], lang)} (95% interval {ci}, Holm {fmt_p(r['p_holm'], lang)}, "
                f"n = {fmt_int(r['n_pairs'], lang)}).")
    if lang == "nl":
        return (f"Kennis van forumleden: geen duidelijke verandering van {wf} naar {wt} ({frm} → {to}, 95%-interval van "
                f"het verschil {ci}).")
    return f"Knowledge of forum members: no clear change from {wf} to {wt} ({frm} → {to}, 95% interval of the change {ci})."


def _knowledge_sentences(kn: Mapping, lang: str, wave_labels: Mapping | None) -> list[str]:
    out = []
    for r in kn.get("gains") or []:
        if r.get("group", "member") == "member" and _ok(r.get("mean_from")):
            wf, wt = (_label(r[k], wave_labels, lang) for k in ("wave_from", "wave_to"))
            out.append(_knowledge_sentence(r, lang, wf, wt))
    return out


def _process_sentences(rows: Sequence[Mapping], labels: Mapping | None, lang: str) -> list[str]:
    parts = [f"{_label(r['criterion'], labels, lang)} {fmt_pct(r['share_agree'], lang)}" for r in rows
             if _ok(r.get("share_agree"))]
    if not parts:
        return []
    if lang == "nl":
        return ["Aandeel forumleden dat het (gemiddeld) eens was met de uitspraken over het proces, per criterium: "
                + "; ".join(parts) + "."]
    return ["Share of forum members who (on average) agreed with the statements on the process, per criterion: "
            + "; ".join(parts) + "."]


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
        :func:`toolkit.stats.attitudes.overview.key_figures` output.
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
        wf, wt = (_label(r[k], wave_labels, lang) for k in ("wave_from", "wave_to"))
        out.append(_change_sentence(r, _label(r["item"], labels, lang), lang, wf, wt))
    out += _knowledge_sentences(key_figures.get("knowledge") or {}, lang, wave_labels)
    for r in key_figures.get("did") or []:
        if items is None or r.get("item") in items:
            out.append(_did_sentence(r, _label(r.get("item"), labels, lang), lang, wave_labels))
    return out + _process_sentences(key_figures.get("process_quality") or [], labels, lang)


# ----------------------------------------------------------------------------- sentences on a result
def overview_sentences(res: AttitudesResult, lang: str) -> list[str]:
    """Plain-language overview: how many statements changed clearly per wave pair, the rule, control group."""
    out = []
    ch = _member(res.changes)
    for wf, wt in res.settings["wave_pairs"]:
        rows = ch[(ch["wave_from"] == wf) & (ch["wave_to"] == wt)].to_dict("records")
        clear = [r for r in rows if is_clear_change(r)]
        out.append(t("pair", lang, wf=_wl(res, wf, lang), wt=_wl(res, wt, lang), k=len(clear), n=len(rows),
                     up=sum(r["mean_change"] > 0 for r in clear), down=sum(r["mean_change"] < 0 for r in clear)))
    out.append(t("rule", lang))
    out.append(t("control" if res.did is not None else "no_control", lang))
    return out


def process_sentence(res: AttitudesResult, lang: str) -> str:
    """When and how the process questionnaire was scored."""
    items = [i for v in res.settings["criteria"].values() for i in v]
    rng = res.settings["ranges"].get(items[0], ("?", "?")) if items else ("?", "?")
    return t("process", lang, w=_wl(res, res.settings.get("process_wave", ""), lang),
             a=_span(res.settings["agree"], lang), r=_span(rng, lang))


def weighting_sentence(res: AttitudesResult, lang: str) -> str | None:
    """What the weights were raked to and what they cost (None when not weighted)."""
    w = res.weighting
    if w is None:
        return None
    if w["problem"]:
        return t("weight_problem", lang, p=w["problem"])
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
        if len(texts) >= forum.config["min_cell_size"]:
            picks = texts.sample(min(k, len(texts)), random_state=forum.config["seed"])
            out.append((str(wave), int(len(texts)),
                        [s if len(s) <= width else textwrap.shorten(s, width - 1, placeholder="") + "…"
                         for s in (" ".join(x.split()) for x in picks)]))
    return out
