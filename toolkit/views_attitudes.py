"""Figures and sentences for the attitudes section, in Dutch or English.

Every figure function returns ``(matplotlib Figure, alt_text)``; :func:`sentences` returns plain text
(never markup; item labels come from the codebook, so escape when rendering). Colours come from
seaborn's colour-blind-safe palette, and changes are drawn with filled markers only where the
Holm-corrected p < .05 and the interval excludes zero, the same rule the sentences use.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from statsmodels.stats.weightstats import DescrStatsW  # noqa: E402

from toolkit.i18n import fmt_ci, fmt_int, fmt_num, fmt_p, fmt_pct, fmt_pp, tr  # noqa: E402

__all__ = ["LABELS", "is_clear_change", "forest_plot", "distribution_plot", "knowledge_plot", "group_trend_plot",
           "sentences"]

_CB = sns.color_palette("colorblind").as_hex()
GROUP_COLOURS = {"member": _CB[0], "control": _CB[1]}

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


def _l(key: str, lang: str, **kw: Any) -> str:
    return tr(key, lang, LABELS, **kw)


def _text(value: Any, lang: str) -> str:
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("nl") or next(iter(value.values()), ""))
    return str(value)


def _label(item: str, labels: Mapping | None, lang: str) -> str:
    if labels and item in labels:
        return _text(labels[item], lang)
    return _l(str(item), lang)


def _ok(x: Any) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def is_clear_change(record: Mapping, level: float = 0.05) -> bool:
    """True only when the Holm-corrected p < `level` and the interval of the change excludes zero.

    Examples
    --------
    >>> is_clear_change({"p_holm": 0.01, "ci_low": 0.2, "ci_high": 0.9})
    True
    >>> is_clear_change({"p_holm": 0.01, "ci_low": -0.1, "ci_high": 0.9}), is_clear_change({"p_holm": None})
    (False, False)
    """
    p, lo, hi = record.get("p_holm"), record.get("ci_low"), record.get("ci_high")
    if not (_ok(p) and _ok(lo) and _ok(hi)):
        return False
    return p < level and (lo > 0 or hi < 0)


def _pct_axis(ax, lang: str) -> None:
    """Percent tick labels, with one decimal only where a tick needs it."""
    def tick(v, _):
        whole = abs(100 * v - round(100 * v)) < 1e-9
        return fmt_pct(v, lang, 0 if whole else 1)
    ax.yaxis.set_major_formatter(FuncFormatter(tick))


def _empty(message: str) -> tuple[plt.Figure, str]:
    fig, ax = plt.subplots(figsize=(8, 1.5))
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center")
    return fig, message


def forest_plot(changes: pd.DataFrame, wave_from: str, wave_to: str, labels: Mapping | None = None,
                lang: str = "nl", wave_labels: Mapping | None = None) -> tuple[plt.Figure, str]:
    """Forest plot of d_z with its interval per item, members and control group side by side.

    Parameters
    ----------
    changes : DataFrame
        :func:`toolkit.changes.paired_changes` output (with a ``group`` column when available).
    wave_from, wave_to : str
        The wave pair to show.
    labels : mapping item -> str or {nl, en}, optional
        Short item labels.
    lang : {"nl", "en"}
    wave_labels : mapping wave -> str or {nl, en}, optional

    Returns
    -------
    (Figure, str)
        The figure and alt text naming the items with a clear change.
    """
    d = changes[(changes["wave_from"] == wave_from) & (changes["wave_to"] == wave_to)].copy()
    if d.empty:
        return _empty("Geen veranderingen om te tonen." if lang == "nl" else "No changes to show.")
    if "group" not in d.columns:
        d["group"] = "member"
    items = list(dict.fromkeys(d["item"]))
    groups = [g for g in ("member", "control") if g in set(d["group"])] or sorted(set(d["group"]))
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(items) * len(groups) + 2.4))
    for k, g in enumerate(groups):
        part = d[d["group"] == g].set_index("item").reindex(items)
        y = np.arange(len(items)) + (k - (len(groups) - 1) / 2) * 0.3
        clear = np.array([is_clear_change(r) for r in part.reset_index().to_dict("records")])
        colour = GROUP_COLOURS.get(g, _CB[2])
        ax.hlines(y, part["d_z_ci_low"], part["d_z_ci_high"], color=colour, linewidth=2)
        if clear.any():
            ax.scatter(part["d_z"][clear], y[clear], color=colour, s=45, zorder=3,
                       label=f"{_l(g, lang)}: {_l('clear', lang)}")
        if (~clear).any():
            ax.scatter(part["d_z"][~clear], y[~clear], facecolor="white", edgecolor=colour, s=45, zorder=3,
                       label=f"{_l(g, lang)}: {_l('unclear', lang)}")
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(np.arange(len(items)), [_label(i, labels, lang) for i in items])
    ax.invert_yaxis()
    wf, wt = (_label(w, wave_labels, lang) for w in (wave_from, wave_to))
    ax.set_title(_l("forest_title", lang, wf=wf, wt=wt))
    ax.set_xlabel(_l("forest_x", lang))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2,
              frameon=False, fontsize=8)
    fig.tight_layout()
    return fig, _forest_alt(d, items, labels, lang, wf, wt)


def _forest_alt(d: pd.DataFrame, items: list, labels, lang: str, wf: str, wt: str) -> str:
    mem = d[d["group"] == "member"]
    clear = [f"{_label(r['item'], labels, lang)} ({'d_z'} = {fmt_num(r['d_z'], lang)})"
             for r in mem.to_dict("records") if is_clear_change(r)]
    none = {"nl": "geen enkele vraag", "en": "no question"}[lang]
    if lang == "nl":
        return (f"Bosdiagram van de gestandaardiseerde verandering van {wf} naar {wt} voor {len(items)} vragen, "
                f"met 95%-intervallen. Bij forumleden duidelijk veranderd: {'; '.join(clear) or none}.")
    return (f"Forest plot of the standardized change from {wf} to {wt} for {len(items)} questions, with 95% "
            f"intervals. Clear changes among forum members: {'; '.join(clear) or none}.")


def distribution_plot(responses: pd.DataFrame, item: str, waves: Sequence[str], scale: Sequence[int],
                      label: Any = None, lang: str = "nl", wave_labels: Mapping | None = None,
                      group: str | None = "member") -> tuple[plt.Figure, str]:
    """Bars of the share of answers per category in each wave (each wave's own answers).

    Parameters
    ----------
    responses : DataFrame
        Tidy responses.
    item : str
    waves : sequence of str
    scale : (min, max)
        Whole-number answer range.
    label : str or {nl, en}, optional
    lang : {"nl", "en"}
    wave_labels : mapping, optional
    group : str, optional
        Only this group (default members); None for everyone.

    Returns
    -------
    (Figure, str)
    """
    d = responses[(responses["item"] == item) & responses["wave"].isin(waves) & responses["value"].notna()]
    if group is not None and "group" in d.columns:
        d = d[d["group"] == group]
    if d.empty:
        return _empty("Geen antwoorden om te tonen." if lang == "nl" else "No answers to show.")
    cats = np.arange(scale[0], scale[1] + 1)
    share = (d.groupby("wave")["value"].value_counts(normalize=True).unstack(fill_value=0)
             .reindex(index=list(waves), columns=cats, fill_value=0))
    n = d.groupby("wave").size().reindex(list(waves), fill_value=0)
    fig, ax = plt.subplots(figsize=(8, 3.8))
    width = 0.8 / len(waves)
    for k, w in enumerate(waves):
        ax.bar(cats + (k - (len(waves) - 1) / 2) * width, share.loc[w], width=width, color=_CB[k % len(_CB)],
               label=f"{_label(w, wave_labels, lang)} (n = {fmt_int(n[w], lang)})")
    title = _text(label, lang) if label is not None else item
    ax.set_title(title)
    ax.set_xticks(cats)
    ax.set_xlabel(_l("answer", lang))
    ax.set_ylabel(_l("share", lang))
    _pct_axis(ax, lang)
    ax.legend(frameon=False)
    fig.tight_layout()
    means = ", ".join(f"{_label(w, wave_labels, lang)} {fmt_num(d.loc[d['wave'] == w, 'value'].mean(), lang)}"
                      for w in waves if n[w])
    if lang == "nl":
        alt = f"Staafdiagram van de antwoorden op '{title}' ({scale[0]}-{scale[1]}) per meting. Gemiddelden: {means}."
    else:
        alt = f"Bar chart of the answers to '{title}' ({scale[0]}-{scale[1]}) per wave. Means: {means}."
    return fig, alt


def _mean_ci(values: pd.Series) -> tuple[float, float, float]:
    v = values.dropna().to_numpy(dtype=float)
    if v.size < 2 or v.std() == 0:
        return (float(v.mean()) if v.size else math.nan, math.nan, math.nan)
    lo, hi = DescrStatsW(v).tconfint_mean()
    return float(v.mean()), float(lo), float(hi)


def group_trend_plot(scores: pd.DataFrame, item: str, waves: Sequence[str], label: Any = None, lang: str = "nl",
                     wave_labels: Mapping | None = None, did: pd.DataFrame | None = None,
                     y_label: str | None = None, percent: bool = False) -> tuple[plt.Figure, str]:
    """Mean per wave for members and the control group (95% intervals): the control-group comparison.

    Means use each wave's own answers (everyone who answered that wave).

    Parameters
    ----------
    scores : DataFrame
        Tidy responses or scale scores (``group`` column).
    item : str
    waves : sequence of str
    label : str or {nl, en}, optional
    lang : {"nl", "en"}
    wave_labels : mapping, optional
    did : DataFrame, optional
        :func:`toolkit.panel.did_mixed` output for the item, quoted in the alt text.
    y_label : str, optional
    percent : bool
        Values are shares 0-1: show them as percentages.

    Returns
    -------
    (Figure, str)
    """
    d = scores[(scores["item"] == item) & scores["wave"].isin(waves)]
    if d.empty:
        return _empty("Geen antwoorden om te tonen." if lang == "nl" else "No answers to show.")
    fig, ax = plt.subplots(figsize=(7, 4))
    x = np.arange(len(waves))
    parts = []
    for k, g in enumerate([g for g in ("member", "control") if g in set(d["group"])]):
        stats = [_mean_ci(d.loc[(d["group"] == g) & (d["wave"] == w), "value"]) for w in waves]
        m, lo, hi = (np.array(s) for s in zip(*stats))
        colour = GROUP_COLOURS[g]
        ax.errorbar(x + (k - 0.5) * 0.06, m, yerr=[m - lo, hi - m], color=colour, marker="o" if k == 0 else "s",
                    capsize=3, label=_l(g, lang))
        show = (lambda v: fmt_pct(v, lang)) if percent else (lambda v: fmt_num(v, lang))
        parts.append(f"{_l(g, lang)}: " + ", ".join(show(v) for v in m))
    ax.set_xticks(x, [_label(w, wave_labels, lang) for w in waves])
    title = _text(label, lang) if label is not None else item
    ax.set_title(title)
    ax.set_ylabel(y_label or _l("mean_y", lang))
    if percent:
        _pct_axis(ax, lang)
    ax.legend(frameon=False)
    fig.tight_layout()
    alt = ("Lijngrafiek van het gemiddelde per meting voor " if lang == "nl" else "Line chart of the mean per wave for ")
    alt += f"'{title}'. " + "; ".join(parts) + "."
    if did is not None and not did.empty:
        alt += " " + " ".join(_did_sentence(r, title, lang, wave_labels) for r in did.to_dict("records"))
    return fig, alt


def knowledge_plot(scores: pd.DataFrame, waves: Sequence[str], lang: str = "nl",
                   wave_labels: Mapping | None = None) -> tuple[plt.Figure, str]:
    """Mean knowledge score per wave for members and the control group.

    Parameters
    ----------
    scores : DataFrame
        ``KnowledgeResult.scores`` (respondent_id, group, wave, score).
    waves : sequence of str
    lang : {"nl", "en"}
    wave_labels : mapping, optional

    Returns
    -------
    (Figure, str)
    """
    long = scores.assign(item="knowledge_score", value=scores["score"])
    return group_trend_plot(long, "knowledge_score", waves, _l("knowledge_title", lang), lang, wave_labels,
                            y_label=_l("knowledge_y", lang), percent=True)


# ----------------------------------------------------------------------------- sentences
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
    clear = r.get("converged", True) and _ok(r.get("p")) and r["p"] < 0.05 and (r["ci_low"] > 0 or r["ci_high"] < 0)
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
        :func:`toolkit.attitudes.key_figures` output.
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
