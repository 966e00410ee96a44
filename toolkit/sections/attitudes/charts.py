"""Figures of the attitudes section, in Dutch or English.

Every figure function returns ``(matplotlib Figure, alt_text)``; the helpers below them fit the
section's figures to the report (axis labels, legend, localized ticks). Colours come from seaborn's
colour-blind-safe palette, and changes are drawn with filled markers only where the Holm-corrected
p < .05 and the interval excludes zero, the same rule the sentences use
(:func:`toolkit.sections.attitudes.text.is_clear_change`). Labels and sentences are in
:mod:`toolkit.sections.attitudes.text`, display tables in :mod:`toolkit.sections.attitudes.tables`.
"""
from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")
import toolkit.sections.plotting  # noqa: E402,F401  (every text drawn as plain text, "$" too)
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, ScalarFormatter  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from statsmodels.stats.weightstats import DescrStatsW  # noqa: E402

from toolkit.disclosure.suppress import too_small  # noqa: E402
from toolkit.forum.config import text  # noqa: E402
from toolkit.i18n import fmt_int, fmt_num, fmt_pct  # noqa: E402
from toolkit.sections.attitudes.result import AttitudesResult, concat_frames  # noqa: E402
from toolkit.sections.attitudes.sentences import did_sentence  # noqa: E402
from toolkit.sections.attitudes.text import is_clear_change, is_value, item_label, label_phrase, short_label, t  # noqa: E402

__all__ = ["forest_plot", "distribution_plot", "knowledge_plot", "group_trend_plot", "forest_data", "figure_labels",
           "polish_forest", "localize_ticks"]

_CB = sns.color_palette("colorblind").as_hex()
GROUP_COLOURS = {"member": _CB[0], "control": _CB[1]}


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
        :func:`toolkit.stats.attitudes.changes.paired_changes` output (with a ``group`` column when available).
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
        return _empty(t("alt_no_changes", lang))
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
                       label=f"{label_phrase(g, lang)}: {label_phrase('clear', lang)}")
        if (~clear).any():
            ax.scatter(part["d_z"][~clear], y[~clear], facecolor="white", edgecolor=colour, s=45, zorder=3,
                       label=f"{label_phrase(g, lang)}: {label_phrase('unclear', lang)}")
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(np.arange(len(items)), [item_label(i, labels, lang) for i in items])
    ax.invert_yaxis()
    wf, wt = (item_label(w, wave_labels, lang) for w in (wave_from, wave_to))
    ax.set_title(label_phrase("forest_title", lang, wf=wf, wt=wt))
    ax.set_xlabel(label_phrase("forest_x", lang))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2,
              frameon=False, fontsize=8)
    fig.tight_layout()
    return fig, _forest_alt(d, items, labels, lang, wf, wt)


def _forest_alt(d: pd.DataFrame, items: list, labels, lang: str, wf: str, wt: str) -> str:
    mem = d[d["group"] == "member"]
    clear = [f"{item_label(r['item'], labels, lang)} ({'d_z'} = {fmt_num(r['d_z'], lang)})"
             for r in mem.to_dict("records") if is_clear_change(r)]
    return t("alt_forest", lang, wf=wf, wt=wt, k=len(items), x="; ".join(clear) or t("alt_no_question", lang))


def distribution_plot(distribution: pd.DataFrame, item: str, waves: Sequence[str], scale: Sequence[int],
                      label: Any = None, lang: str = "nl", wave_labels: Mapping | None = None,
                      means: Mapping | None = None, min_cell: int | None = None) -> tuple[plt.Figure, str]:
    """Bars of the share of answers per answer range in each wave, as published.

    Parameters
    ----------
    distribution : DataFrame
        ``AttitudesResult.distribution`` after :func:`toolkit.sections.attitudes.result.published`
        (item, wave, answer_from, answer_to, n, share): adjacent answers merged where one has too few
        people, waves of too few answers left out.
    item : str
    waves : sequence of str
    scale : (min, max)
        The item's answer range (for the alt text).
    label : str or {nl, en}, optional
    lang : {"nl", "en"}
    wave_labels : mapping, optional
    means : mapping wave -> float, optional
        Each wave's mean as published (the spread table), quoted in the alt text.
    min_cell : int, optional
        The forum's ``min_cell_size``, named in the alt text when answers are merged.

    Returns
    -------
    (Figure, str)
    """
    d = distribution[(distribution["item"] == item) & distribution["wave"].isin(waves)] \
        if distribution is not None and not distribution.empty else pd.DataFrame()
    title = text(label, lang) if label is not None else item
    if d.empty:
        return _empty(t("dist_hidden", lang, title=title, n=min_cell))
    shown = [w for w in waves if w in set(d["wave"])]
    ranges = list(dict.fromkeys(zip(d["answer_from"], d["answer_to"])))

    def span(a, b):
        return fmt_int(a, lang) if a == b else f"{fmt_int(a, lang)}–{fmt_int(b, lang)}"
    ticks = [span(a, b) for a, b in ranges]
    x = np.arange(len(ranges))
    fig, ax = plt.subplots(figsize=(8, 3.8))
    width = 0.8 / len(shown)
    for k, w in enumerate(shown):
        part = d[d["wave"] == w].set_index(["answer_from", "answer_to"]).reindex(ranges)
        n = int(part["n"].sum())
        ax.bar(x + (k - (len(shown) - 1) / 2) * width, part["share"].to_numpy(dtype=float), width=width,
               color=_CB[k % len(_CB)], label=f"{item_label(w, wave_labels, lang)} (n = {fmt_int(n, lang)})")
    ax.set_title(title)
    ax.set_xticks(x, ticks)
    ax.set_xlabel(label_phrase("answer", lang))
    ax.set_ylabel(label_phrase("share", lang))
    _pct_axis(ax, lang)
    ax.legend(frameon=False)
    fig.tight_layout()
    means = means or {}
    listed = ", ".join(f"{item_label(w, wave_labels, lang)} {fmt_num(means[w], lang)}" for w in shown
                       if is_value(means.get(w)))
    alt = t("alt_distribution", lang, title=title, lo=scale[0], hi=scale[1], means=listed or "–")
    if any(a != b for a, b in ranges):
        alt += " " + t("alt_dist_merged", lang, n=min_cell, x=", ".join(ticks))
    return fig, alt


def _mean_ci(values: pd.Series) -> tuple[float, float, float]:
    v = values.dropna().to_numpy(dtype=float)
    if v.size < 2 or v.std() == 0:
        return (float(v.mean()) if v.size else math.nan, math.nan, math.nan)
    lo, hi = DescrStatsW(v).tconfint_mean()
    return float(v.mean()), float(lo), float(hi)


def group_trend_plot(scores: pd.DataFrame, item: str, waves: Sequence[str], label: Any = None, lang: str = "nl",
                     wave_labels: Mapping | None = None, did: pd.DataFrame | None = None,
                     y_label: str | None = None, percent: bool = False,
                     min_cell: int | None = None) -> tuple[plt.Figure, str]:
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
        :func:`toolkit.stats.attitudes.panel.did_mixed` output for the item, quoted in the alt text.
    y_label : str, optional
    percent : bool
        Values are shares 0-1: show them as percentages.
    min_cell : int, optional
        The forum's ``min_cell_size``: a group's mean in a wave answered by 1..min_cell-1 people is
        neither drawn nor in the alt text (:func:`toolkit.sections.attitudes.result.published`), nor is a
        difference in differences without an estimate.

    Returns
    -------
    (Figure, str)
    """
    d = scores[(scores["item"] == item) & scores["wave"].isin(waves)]
    if d.empty:
        return _empty(t("alt_no_answers", lang))
    fig, ax = plt.subplots(figsize=(7, 4))
    x = np.arange(len(waves))
    parts = []
    for k, g in enumerate([g for g in ("member", "control") if g in set(d["group"])]):
        stats = [_mean_ci(v) if not too_small(v.notna().sum(), min_cell or None) else (math.nan,) * 3
                 for v in (d.loc[(d["group"] == g) & (d["wave"] == w), "value"] for w in waves)]
        m, lo, hi = (np.array(s) for s in zip(*stats))
        colour = GROUP_COLOURS[g]
        ax.errorbar(x + (k - 0.5) * 0.06, m, yerr=[m - lo, hi - m], color=colour, marker="o" if k == 0 else "s",
                    capsize=3, label=label_phrase(g, lang))
        show = (lambda v: fmt_pct(v, lang)) if percent else (lambda v: fmt_num(v, lang))
        parts.append(f"{label_phrase(g, lang)}: " + ", ".join(show(v) if is_value(v) and not np.isnan(v) else "–"
                                                               for v in m))
    ax.set_xticks(x, [item_label(w, wave_labels, lang) for w in waves])
    title = text(label, lang) if label is not None else item
    ax.set_title(title)
    ax.set_ylabel(y_label or label_phrase("mean_y", lang))
    if percent:
        _pct_axis(ax, lang)
    ax.legend(frameon=False)
    fig.tight_layout()
    alt = t("alt_means", lang, title=title, x="; ".join(parts))
    if did is not None and not did.empty:
        alt += " " + " ".join(did_sentence(r, title, lang, wave_labels) for r in did.to_dict("records")
                              if is_value(r.get("estimate")))
    return fig, alt


def knowledge_plot(scores: pd.DataFrame, waves: Sequence[str], lang: str = "nl",
                   wave_labels: Mapping | None = None, min_cell: int | None = None) -> tuple[plt.Figure, str]:
    """Mean knowledge score per wave for members and the control group.

    Parameters
    ----------
    scores : DataFrame
        ``KnowledgeResult.scores`` (respondent_id, group, wave, score).
    waves : sequence of str
    lang : {"nl", "en"}
    wave_labels : mapping, optional
    min_cell : int, optional
        As :func:`group_trend_plot`.

    Returns
    -------
    (Figure, str)
    """
    long = scores.assign(item="knowledge_score", value=scores["score"])
    return group_trend_plot(long, "knowledge_score", waves, label_phrase("knowledge_title", lang), lang, wave_labels,
                            y_label=label_phrase("knowledge_y", lang), percent=True, min_cell=min_cell)


# ----------------------------------------------------------------------------- fitting figures to the report
def forest_data(res: AttitudesResult) -> pd.DataFrame:
    """Changes of scales and items together (both groups), for the forest plot."""
    return concat_frames([res.scale_changes, res.changes])


def figure_labels(res: AttitudesResult, lang: str, lines: int = 2, width: int = 38) -> dict[str, str]:
    r"""Item and scale labels for figure axes: at most `lines` lines of about `width` characters
    (one line when the forest plot has one row per item); a ``$`` is plain text (toolkit.sections.plotting).

    Examples
    --------
    >>> import dataclasses
    >>> fields = [f.name for f in dataclasses.fields(AttitudesResult)]
    >>> labels = {"labels": {"Q": "Raise the minimum wage from $7.25 to $15 per hour."}}
    >>> res = AttitudesResult(**{**dict.fromkeys(fields), "settings": labels})
    >>> figure_labels(res, "en", lines=1, width=30)
    {'Q': 'Raise the minimum wage from $7.25 to $15…'}
    """
    width = width if lines > 1 else int(width * 1.4)
    out = {}
    for i, lab in res.settings["labels"].items():
        t = short_label(lab, lang, lines * width)
        wrapped = textwrap.wrap(t, width)
        if len(wrapped) > lines:
            wrapped = wrapped[:lines - 1] + [textwrap.shorten(" ".join(wrapped[lines - 1:]), width - 1, placeholder="")
                                             .rstrip(" ,;:…") + "…"]
        out[i] = "\n".join(wrapped)
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
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not isinstance(axis.get_major_formatter(), ScalarFormatter):
                continue
            ticks = [t for t in axis.get_majorticklocs()]
            digits = next((d for d in range(3) if all(abs(t * 10 ** d - round(t * 10 ** d)) < 1e-6 for t in ticks)), 2)
            axis.set_major_formatter(FuncFormatter(lambda v, _, d=digits: fmt_num(v, lang, d)))
