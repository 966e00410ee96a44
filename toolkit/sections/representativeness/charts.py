"""Figures and sentences of the representativeness section, in Dutch or English.

Every figure function returns ``(matplotlib Figure, alt_text)``; the alt text states the numbers the
figure shows. :func:`gaps_table` is the formatted table of gaps the display tables
(:mod:`toolkit.sections.representativeness.tables`) build on; :func:`sentences` returns plain text.
Words come from :mod:`toolkit.sections.representativeness.text`, colours from seaborn's colour-blind-safe
palette; numbers are formatted (rounded) by :mod:`toolkit.i18n` only.
"""
from __future__ import annotations

import math
import textwrap

import matplotlib
import matplotlib.lines
import matplotlib.ticker

matplotlib.use("Agg")
import toolkit.sections.plotting  # noqa: E402,F401  (every text drawn as plain text, "$" too)
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from toolkit.disclosure.suppress import too_small
from toolkit.i18n import fmt_ci, fmt_date, fmt_int, fmt_p, fmt_pct, fmt_pp  # noqa: E402
from toolkit.stats.representativeness.composition import FLAGGED, WITHIN_CHANCE  # noqa: E402
from toolkit.sections.representativeness.text import (  # noqa: E402
    area_text, category_name, group_label, item_label, join_and, label, t)

__all__ = ["composition_chart", "funnel_chart", "lottery_chart", "attitudes_chart", "volume_chart", "gaps_table", "flag_order", "sentences",
           "FLAG_COLOURS", "NAMED_FLAGS", "NO_POP"]

_CB = sns.color_palette("colorblind").as_hex()
#: The chart's flag of a category without a population figure (its legend says so; never a 0% or a gap).
NO_POP = "no_pop"
FLAG_COLOURS = {"under": _CB[3], "lower_within_chance": _CB[1], "ok": _CB[7], "higher_within_chance": _CB[9],
                "over": _CB[0], "n/a": _CB[7], NO_POP: _CB[4]}
#: Flags that a table, chart and sentence name: under/over first, then the gaps within chance.
NAMED_FLAGS = (*FLAGGED, *WITHIN_CHANCE)


def flag_order(frame: pd.DataFrame) -> pd.Index:
    """The rows of `frame` in the gaps tables' order: under- and over-represented first, then the gaps
    within chance, then the rest; largest gap first within each."""
    rank = np.where(frame["flag"].isin(FLAGGED), 2, np.where(frame["flag"].isin(WITHIN_CHANCE), 1, 0))
    d = frame.assign(_flagged=rank, _gap=frame["diff_pp"].abs())
    return d.sort_values(["_flagged", "_gap"], ascending=[False, False], kind="stable").index


def _pct_axis(axis, lang: str) -> None:
    """Tick labels of a 0-1 axis as percentages."""
    axis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: fmt_pct(v, lang)))


def _fixed_margins(fig) -> None:
    """Invisible anchors in two corners: the saved image keeps the margins, so plots line up on the page."""
    for x, y in ((0, 0), (1, 1)):
        fig.text(x, y, "\u00a0", fontsize=1)


def _empty(lang: str) -> tuple[plt.Figure, str]:
    fig, ax = plt.subplots(figsize=(7, 1.2))
    ax.axis("off")
    alt = t("no_data", lang)
    ax.text(0.5, 0.5, alt, ha="center", va="center")
    return fig, alt


def composition_chart(composition: pd.DataFrame, variable: str, lang: str = "nl", area: str | None = None
                      ) -> tuple[plt.Figure, str]:
    """Dot plot for one variable: forum share with its Wilson interval against the population mark.

    Parameters
    ----------
    composition : DataFrame
        Output of :func:`toolkit.stats.representativeness.composition.composition` (suppressed cells are left out).
    variable : str
    lang : {"nl", "en"}
    area : str, optional
        The benchmark's area (results.json ``representativeness.benchmark_area``), named in the legend,
        axis and alt text; None: the benchmark names none.

    Returns
    -------
    (Figure, str)
        The figure and an alt text that lists every category's shares.
    """
    where = area_text(area, lang)
    part = composition[(composition["variable"] == variable) & composition["share"].notna()]
    if part.empty:
        return _empty(lang)
    n = len(part)
    y = np.arange(n)[::-1]
    height = 0.42 * n + 1.45
    fig, ax = plt.subplots(figsize=(8, height))
    # fixed margins (inches), so every variable's plot area has the same width and scale on the page
    fig.subplots_adjust(left=0.3, right=0.97, top=1 - 0.72 / height, bottom=0.62 / height)
    part = part.assign(flag=part["flag"].where(part["pop_share"].notna(), NO_POP))
    has_pop = bool(part["pop_share"].notna().any())
    colours = [FLAG_COLOURS.get(f, _CB[7]) for f in part["flag"]]
    ax.hlines(y, part["ci_low"], part["ci_high"], color=colours, linewidth=4, alpha=0.55)
    ax.scatter(part["share"], y, color=colours, s=70, zorder=3, edgecolor="white", linewidth=0.8)
    known = part["pop_share"].notna().to_numpy()
    if has_pop:
        ax.scatter(part["pop_share"][known], y[known], marker="|", s=500, linewidths=2, color="black", zorder=4)
    handles = [matplotlib.lines.Line2D([], [], color=FLAG_COLOURS[f], marker="o", linewidth=4, alpha=0.8,
                                       label=t("no_pop", lang) if f == NO_POP else label(f, lang))
               for f in FLAG_COLOURS if f in set(part["flag"])]
    if has_pop:
        handles.append(matplotlib.lines.Line2D([], [], color="black", marker="|", markersize=16, markeredgewidth=2,
                                               linestyle="", label=t("comp_population", lang, area=where)))
    ax.set_yticks(y, [textwrap.fill(label(c, lang), 24, break_on_hyphens=False) for c in part["category"]])
    ax.set_ylim(-0.6, n - 0.4)
    top = max(part["ci_high"].max(), part["pop_share"].max() if has_pop else 0)
    ax.set_xlim(0, min(1.0, np.ceil((top + 0.03) * 10) / 10))
    _pct_axis(ax.xaxis, lang)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel(textwrap.fill(t("comp_x" if has_pop else "comp_x_only", lang, area=where), 90))
    ax.set_title(label(variable, lang).capitalize(), loc="left", fontweight="bold", pad=26)
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(handles), frameon=False,
              handlelength=1.8, columnspacing=1.2, borderaxespad=0.2, fontsize=9)
    sns.despine(fig)
    _fixed_margins(fig)
    items = "; ".join(
        f"{label(r.category, lang)} {fmt_pct(r.share, lang)} {fmt_ci(r.ci_low, r.ci_high, lang, pct=True)}"
        + (f" {t('against', lang)} {fmt_pct(r.pop_share, lang)}" if pd.notna(r.pop_share)
           else f" ({t('no_pop', lang)})" if has_pop else "")
        + (f" ({label(r.flag, lang)})" if r.flag in NAMED_FLAGS else "")
        for r in part.itertuples())
    return fig, t("comp_alt" if has_pop else "comp_alt_only", lang, area=where, v=label(variable, lang), x=items)


def funnel_chart(funnel_table: pd.DataFrame, variable: str | None = None, lang: str = "nl"
                 ) -> tuple[plt.Figure, str]:
    """The recruitment funnel: everyone per stage (log scale), or one variable's shares per stage.

    Parameters
    ----------
    funnel_table : DataFrame
        Output of :func:`toolkit.stats.representativeness.funnel.funnel`.
    variable : str, optional
        None: bars of the number of people at each stage. A variable: each category's share of
        everyone at each stage, so a falling line shows where that group falls away.
    lang : {"nl", "en"}

    Returns
    -------
    (Figure, str)
    """
    if funnel_table.empty:
        return _empty(lang)
    if variable is None:
        first = funnel_table["variable"].iloc[0]
        total = funnel_table[funnel_table["variable"] == first].groupby("stage", sort=False)["count"].sum()
        fig, ax = plt.subplots(figsize=(7, 3.2))
        ax.barh([label(s, lang) for s in total.index][::-1], total.to_numpy(dtype=float)[::-1], color=_CB[0])
        ax.set_xscale("log")
        ax.set_xlim(right=float(total.max()) * 3)
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: fmt_int(v, lang)))
        ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        for i, v in enumerate(total.to_numpy()[::-1]):
            ax.text(float(v) * 1.05, i, fmt_int(v, lang), va="center")
        ax.set_xlabel(t("funnel_x", lang))
        sns.despine(fig)
        fig.tight_layout()
        steps = ", ".join(f"{fmt_int(v, lang)} {label(s, lang)}" for s, v in total.items())
        return fig, t("funnel_alt", lang, x=steps)
    part = funnel_table[funnel_table["variable"] == variable]
    n_cat = part["category"].nunique()
    names = [label(c, lang) for c in dict.fromkeys(part["category"])]
    ncol = n_cat if sum(len(x) + 6 for x in names) <= 80 else max(1, (n_cat + 1) // 2)
    rows_legend = -(-n_cat // ncol)
    height = 3.6 + 0.25 * rows_legend
    fig, ax = plt.subplots(figsize=(8, height))
    # fixed margins (inches): same plot area for every variable, legend above the plot
    fig.subplots_adjust(left=0.11, right=0.97, top=1 - (0.5 + 0.25 * rows_legend) / height, bottom=0.45 / height)
    full = sns.color_palette("colorblind")
    palette = [full[i] for i in (0, 1, 2, 4, 9, 5, 8, 6)] * 2  # orange and vermillion (1, 3) not side by side
    markers = ["o", "s", "D", "^", "v", "P", "X", "*"]  # shape as well as colour: readable without colour
    for i, (colour, (cat, rows)) in enumerate(zip(palette, part.groupby("category", sort=False))):
        ax.plot([label(s, lang) for s in rows["stage"]], rows["share_of_stage"], marker=markers[i % len(markers)],
                color=colour, label=label(cat, lang), linewidth=2)
    _pct_axis(ax.yaxis, lang)
    ax.set_ylim(0, min(1, part["share_of_stage"].max() * 1.1))
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_ylabel(t("funnel_y", lang))
    ax.set_title(label(variable, lang).capitalize(), loc="left", fontweight="bold", pad=8 + 18 * rows_legend)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=ncol, frameon=False, fontsize=9,
              borderaxespad=0.2, columnspacing=1.2)
    sns.despine(fig)
    _fixed_margins(fig)
    ends = "; ".join(f"{label(cat, lang)} {fmt_pct(rows['share_of_stage'].iloc[0], lang)} → "
                     f"{fmt_pct(rows['share_of_stage'].iloc[-1], lang)}"
                     for cat, rows in part.groupby("category", sort=False))
    return fig, t("funnel_var_alt", lang, v=label(variable, lang), x=ends)


def lottery_chart(probabilities, summary: dict, lang: str = "nl") -> tuple[plt.Figure, str]:
    """Every pool member's selection probability, sorted, with the equal chance as a horizontal line.

    Parameters
    ----------
    probabilities : array-like
        The selection probabilities (0-1), sorted or not; no ids and no features are drawn, so no pool
        member can be told apart by anything but their rank.
    summary : dict
        :func:`toolkit.stats.representativeness.lottery.probability_summary` (n_pool, equal, min, median,
        max, share_below_half): the alt text states these, never a person's probability.
    lang : {"nl", "en"}

    Returns
    -------
    (Figure, str)
    """
    p = np.sort(np.asarray(probabilities, dtype=float))
    if not len(p):
        return _empty(lang)
    fig, ax = plt.subplots(figsize=(8, 3.6))
    x = np.arange(1, len(p) + 1)
    ax.fill_between(x, p, step="mid", color=_CB[0], alpha=0.25, linewidth=0)
    ax.step(x, p, where="mid", color=_CB[0], linewidth=1.6, label=t("lottery_chart_prob", lang))
    equal = summary["equal"]
    ax.axhline(equal, color=_CB[3], linestyle="--", linewidth=1.6,
               label=t("lottery_chart_equal", lang, x=fmt_pct(equal, lang, 1)))
    ax.axhline(equal / 2, color="#666666", linestyle=":", linewidth=1.2, label=t("lottery_chart_half", lang))
    _pct_axis(ax.yaxis, lang)
    ax.set_xlim(0, len(p) + 1)
    ax.set_ylim(0, max(float(p.max()), equal) * 1.08)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: fmt_int(v, lang)))
    ax.set_xlabel(t("lottery_chart_x", lang))
    ax.set_ylabel(t("lottery_chart_y", lang))
    ax.set_title(t("lottery_chart_title", lang), loc="left", fontweight="bold")
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    sns.despine(fig)
    fig.tight_layout()
    _fixed_margins(fig)
    alt = t("lottery_alt", lang, n=fmt_int(summary["n_pool"], lang), min=fmt_pct(summary["min"], lang, 1),
            max=fmt_pct(summary["max"], lang, 1), median=fmt_pct(summary["median"], lang, 1),
            equal=fmt_pct(equal, lang, 1), below=fmt_pct(summary["share_below_half"], lang))
    return fig, alt


def attitudes_chart(res, forum, lang: str) -> tuple[plt.Figure, str]:
    """Dot plot: members' share holding each view (95% interval) against the reference survey's share.

    Parameters
    ----------
    res : RepresentativenessResult
        With ``attitudes`` (:func:`toolkit.stats.representativeness.start_attitudes.attitudinal` and the wave used).
    forum : Forum
        For the items' labels (codebook).
    lang : {"nl", "en"}

    Returns
    -------
    (Figure, str)
        The figure and an alt text with every share.
    """
    a = res.attitudes
    labels = ["\n".join(textwrap.wrap(textwrap.shorten(item_label(forum, i, lang), 120, placeholder=" …"), 42))
              for i in a["item"]]
    y = np.arange(len(a))[::-1]
    fig, ax = plt.subplots(figsize=(8.5, 0.85 * len(a) + 1.4))
    ax.hlines(y, a["ci_low"], a["ci_high"], color=_CB[0], linewidth=3, alpha=0.6)
    ax.scatter(a["share"], y, color=_CB[0], s=60, zorder=3)
    has_ref_ci = a["ref_ci_low"].notna()
    ax.hlines(y[has_ref_ci] - 0.18, a.loc[has_ref_ci, "ref_ci_low"], a.loc[has_ref_ci, "ref_ci_high"], color="black",
              linewidth=1.5)
    ax.scatter(a["ref_share"], y - 0.18, marker="D", s=36, color="black", zorder=4)
    ax.set_yticks(y, labels)
    ax.set_ylim(y.min() - 0.6, y.max() + 0.5)
    _pct_axis(ax.xaxis, lang)
    ax.set_xlim(0, 1)
    ax.set_xlabel(t("att_x", lang))
    handles = [matplotlib.lines.Line2D([], [], color=_CB[0], marker="o", linewidth=3, alpha=0.8,
                                       label=t("att_members", lang)),
               matplotlib.lines.Line2D([], [], color="black", marker="D", linewidth=1.5,
                                       label=t("att_reference", lang))]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.22 if len(a) < 3 else -0.12), ncol=2,
              frameon=False)
    sns.despine(fig)
    fig.tight_layout()
    items = "; ".join(f"{item_label(forum, r.item, lang)} {fmt_pct(r.share, lang)} "
                      f"{fmt_ci(r.ci_low, r.ci_high, lang, pct=True)} {t('against', lang)} {fmt_pct(r.ref_share, lang)}"
                      for r in a.itertuples())
    return fig, t("att_alt", lang, x=items)


def volume_chart(res, lang: str) -> tuple[plt.Figure, str]:
    """Bars of the wider public's submissions per week or month.

    Parameters
    ----------
    res : RepresentativenessResult
        With ``public`` (:func:`toolkit.stats.representativeness.public_input.public_input`) and
        ``settings["public_input_freq"]`` ("W" or "M").
    lang : {"nl", "en"}

    Returns
    -------
    (Figure, str)
    """
    vol = res.public.volume
    freq = res.settings["public_input_freq"]
    fig, ax = plt.subplots(figsize=(8.5, 3.4))
    x = np.arange(len(vol))
    ax.bar(x, vol["count"], color=_CB[0], width=0.8)
    every = max(1, int(math.ceil(len(vol) / 12)))

    def tick(d):
        d = pd.Timestamp(d).date()
        return fmt_date(d, lang).split(" ", 1)[1] if freq == "M" else " ".join(fmt_date(d, lang).split(" ")[:2])
    ax.set_xticks(x[::every], [tick(d) for d in vol["start"]][::every], rotation=0 if len(vol) <= 8 else 45,
                  ha="center" if len(vol) <= 8 else "right")
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: fmt_int(v, lang)))
    ax.set_xlabel(t(f"volume_x_{freq}", lang).capitalize())
    ax.set_ylabel(t("volume_y", lang))
    sns.despine(fig)
    fig.tight_layout()
    period = t(f"period_{freq}", lang)
    s = res.public.summary.iloc[0]
    peak = ""
    if len(vol):
        top = vol.loc[vol["count"].idxmax()]
        peak = t("volume_peak", lang, p=period, d=fmt_date(top["start"], lang), k=fmt_int(top["count"], lang))
    return fig, t("volume_alt", lang, p=period, a=fmt_date(s["first_date"], lang), b=fmt_date(s["last_date"], lang),
                  n=fmt_int(vol["count"].sum(), lang), peak=peak, m=fmt_int(vol["count"].min(), lang))


def gaps_table(composition: pd.DataFrame, lang: str = "nl", min_cell: int | None = None,
               hidden: pd.Series | None = None, area: str | None = None) -> pd.DataFrame:
    """Table of gaps, flagged categories first (largest gap first), formatted for display.

    Parameters
    ----------
    composition : DataFrame
        Output of :func:`toolkit.stats.representativeness.composition.composition` or of
        :func:`~toolkit.stats.representativeness.composition.flag_named_groups` (``group`` instead of category).
    lang : {"nl", "en"}
    min_cell : int, optional
        Counts with 0 < n < `min_cell` are shown as "<min_cell" with no share.
    hidden : Series of bool, optional
        Same index: counts at or above `min_cell` hidden as well (shown as "–"). A hidden row shows no
        share, interval, difference or flag (the flag bounds the count), and hidden rows come last in
        the order of `composition` (their place in an order by gap would bound their gap too).
    area : str, optional
        The benchmark's area, named in the population column's header (None: the benchmark names none).

    Returns
    -------
    DataFrame
        Translated headers; values as text.

    Examples
    --------
    >>> comp = pd.DataFrame({"variable": "age_group", "category": ["18-39", "80+"], "n": [30, 3],
    ...     "share": [0.17, 0.02], "ci_low": [0.12, 0.006], "ci_high": [0.24, 0.05],
    ...     "pop_share": [0.32, 0.06], "diff_pp": [-15.0, -4.0], "ratio": [0.53, 0.33], "flag": ["under", "under"]})
    >>> gaps_table(comp, "en", min_cell=5)["Members"].tolist()
    ['30', '<5']
    """
    small_all = too_small(composition["n"], min_cell or None)
    linked_all = (hidden.reindex(composition.index).fillna(False).astype(bool) & ~small_all if hidden is not None
                  else pd.Series(False, index=composition.index))
    hide_all = small_all | linked_all
    d = composition.assign(_hidden=hide_all, _flagged=composition["flag"].isin(["under", "over"]) & ~hide_all,
                           _gap=composition["diff_pp"].abs().where(~hide_all, 0))
    d = d.sort_values(["_hidden", "_flagged", "_gap"], ascending=[True, False, False], kind="stable")
    small, linked = d["_hidden"] & small_all.reindex(d.index), d["_hidden"] & linked_all.reindex(d.index)
    if "group" in d.columns:
        names = [group_label(g, lang) for g in d["group"]]
    else:
        names = [category_name(v, c, lang) for v, c in zip(d["variable"], d["category"])]
    rows = {
        t("col_group", lang): names,
        t("col_n", lang): [f"<{min_cell}" if s else "–" if k else fmt_int(n, lang)
                           for n, s, k in zip(d["n"], small, linked)],
        t("col_share", lang): ["" if h else fmt_pct(v, lang) for v, h in zip(d["share"], d["_hidden"])],
        t("col_ci", lang): ["" if h else fmt_ci(lo, hi, lang, pct=True)
                            for lo, hi, h in zip(d["ci_low"], d["ci_high"], d["_hidden"])],
        t("col_pop", lang, area=area_text(area, lang)): [fmt_pct(v, lang) for v in d["pop_share"]],
        t("col_diff", lang): ["" if h else fmt_pp(v / 100, lang) for v, h in zip(d["diff_pp"], d["_hidden"])],
        t("col_flag", lang): ["" if h else label(f, lang) for f, h in zip(d["flag"], d["_hidden"])],
    }
    return pd.DataFrame(rows)


def _variable_sentences(var: str, block: dict, lang: str, area: str | None = None) -> list[str]:
    cats = {c: v for c, v in block["categories"].items() if v.get("share") is not None and v.get("pop_share") is not None}
    no_pop = [label(c, lang) for c, v in block["categories"].items() if v.get("pop_share") is None]
    if not cats:
        return [t("sent_no_pop", lang)] if no_pop else []
    cat, big = max(cats.items(), key=lambda kv: abs(kv[1]["diff_pp"]))
    under = [label(c, lang) for c, v in cats.items() if v["flag"] == "under"]
    lower = [label(c, lang) for c, v in cats.items() if v["flag"] == "lower_within_chance"]
    gof = block.get("gof") or {}
    first = t("sent_gap", lang, area=area_text(area, lang), v=label(var, lang), c=label(cat, lang), a=fmt_pct(big["share"], lang),
              ci=fmt_ci(big["ci_low"], big["ci_high"], lang, pct=True), b=fmt_pct(big["pop_share"], lang),
              d=fmt_pp(big["diff_pp"] / 100, lang))
    lead = t("sent_under", lang, x=", ".join(under)) if under else t("sent_no_under", lang)
    whole = t("sent_clear" if gof.get("p") is not None and gof["p"] < 0.05 else "sent_chance", lang)
    test = f" ({fmt_p(gof['p'], lang)})" if gof.get("p") is not None else ""
    chance = [t("sent_lower_chance", lang, x=", ".join(lower))] if lower else []
    if no_pop:  # some categories without a population figure: no statement about the variable as a whole
        return [first, *([t("sent_under_only", lang, x=", ".join(under))] if under else []), *chance,
                t("sent_some_no_pop", lang, x=join_and(no_pop, lang), v=label(var, lang))]
    if gof.get("p") is None:  # no test: nothing said about the differences taken together
        return [first, f"{lead}.", *chance]
    return [first, f"{lead}; {whole}{test}.", *chance]


def sentences(key_figures: dict, lang: str = "nl") -> dict[str, list[str]]:
    """Two plain sentences per variable saying what the numbers mean.

    Parameters
    ----------
    key_figures : dict
        Output of :func:`toolkit.sections.representativeness.figures.key_figures`.
    lang : {"nl", "en"}

    Returns
    -------
    dict
        ``{variable: [sentence, sentence]}``.

    Examples
    --------
    >>> kf = {"variables": {"gender": {"categories": {
    ...     "man": {"share": 0.6, "ci_low": 0.53, "ci_high": 0.67, "pop_share": 0.5, "diff_pp": 10.0, "flag": "ok"},
    ...     "vrouw": {"share": 0.4, "ci_low": 0.33, "ci_high": 0.47, "pop_share": 0.5, "diff_pp": -10.0, "flag": "under"}},
    ...     "gof": {"p": 0.008}}}, "benchmark_area": "Nederland"}
    >>> print("\\n".join(sentences(kf, "en")["gender"]))
    By gender, the largest gap is for men: 60% of the forum (95% interval [53%, 67%]) against 50% of the population of Nederland (+10 percentage points).
    Under-represented: women; taken together, the differences are larger than chance explains (p = 0.008).
    """
    return {var: s for var, block in key_figures.get("variables", {}).items()
            if (s := _variable_sentences(var, block, lang, key_figures.get("benchmark_area")))}
