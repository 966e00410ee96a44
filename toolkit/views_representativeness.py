"""Figures, tables and sentences for the representativeness section, in Dutch or English.

Every figure function returns ``(matplotlib Figure, alt_text)``; the alt text states the numbers the
figure shows. Tables come back as DataFrames with translated headers and formatted values (escape
them when rendering); :func:`sentences` returns plain text. Colours come from seaborn's
colour-blind-safe palette; numbers are formatted by :mod:`toolkit.i18n`.
"""
from __future__ import annotations

import textwrap
from typing import Any

import matplotlib
import matplotlib.lines
import matplotlib.ticker

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from toolkit.i18n import fmt_ci, fmt_int, fmt_p, fmt_pct, fmt_pp, tr  # noqa: E402

__all__ = ["LABELS", "label", "category_name", "composition_chart", "funnel_chart", "gaps_table", "sentences"]

_CB = sns.color_palette("colorblind").as_hex()
FLAG_COLOURS = {"under": _CB[3], "over": _CB[0], "ok": _CB[7], "n/a": _CB[7]}

#: Translations of variables, categories, stages, flags and phrases used by this module.
LABELS: dict[str, dict[str, str]] = {
    "gender": {"nl": "geslacht", "en": "gender"}, "age_group": {"nl": "leeftijd", "en": "age"},
    "education": {"nl": "opleidingsniveau", "en": "level of education"},
    "migration_background": {"nl": "migratieachtergrond", "en": "migration background"},
    "region": {"nl": "landsdeel", "en": "region"},
    "man": {"nl": "mannen", "en": "men"}, "vrouw": {"nl": "vrouwen", "en": "women"},
    "laag": {"nl": "laag opgeleid", "en": "lower education"},
    "middelbaar": {"nl": "middelbaar opgeleid", "en": "intermediate education"},
    "hoog": {"nl": "hoog opgeleid", "en": "higher education"},
    "geen": {"nl": "geen migratieachtergrond", "en": "no migration background"},
    "westers": {"nl": "westerse migratieachtergrond", "en": "western migration background"},
    "niet-westers": {"nl": "niet-westerse migratieachtergrond", "en": "non-western migration background"},
    "18-39": {"nl": "18-39-jarigen", "en": "18-39-year-olds"}, "40-64": {"nl": "40-64-jarigen", "en": "40-64-year-olds"},
    "65-79": {"nl": "65-79-jarigen", "en": "65-79-year-olds"}, "80+": {"nl": "80-plussers", "en": "people aged 80+"},
    "Noord": {"nl": "Noord-Nederland", "en": "North Netherlands"}, "Oost": {"nl": "Oost-Nederland", "en": "East Netherlands"},
    "West": {"nl": "West-Nederland", "en": "West Netherlands"}, "Zuid": {"nl": "Zuid-Nederland", "en": "South Netherlands"},
    "group_young_people": {"nl": "jongeren", "en": "young people"},
    "group_migration_background": {"nl": "mensen met een migratieachtergrond", "en": "people with a migration background"},
    "group_practically_educated": {"nl": "praktisch opgeleiden", "en": "practically educated people"},
    "letters": {"nl": "brieven", "en": "letters"}, "registrations": {"nl": "aanmeldingen", "en": "registrations"},
    "pool": {"nl": "loting-pool", "en": "pool"}, "drawn": {"nl": "geloot", "en": "drawn"},
    "started": {"nl": "begonnen", "en": "started"}, "completed": {"nl": "afgerond", "en": "completed"},
    "under": {"nl": "ondervertegenwoordigd", "en": "under-represented"},
    "over": {"nl": "oververtegenwoordigd", "en": "over-represented"},
    "ok": {"nl": "in lijn", "en": "in line"}, "n/a": {"nl": "geen vergelijking", "en": "no comparison"},
    "forum": {"nl": "forum (95%-interval)", "en": "forum (95% interval)"},
    "population": {"nl": "bevolking", "en": "population"},
    "share": {"nl": "Aandeel", "en": "Share"}, "count": {"nl": "Aantal", "en": "Count"},
    "stage": {"nl": "Fase", "en": "Stage"},
    "col_group": {"nl": "Groep", "en": "Group"}, "col_n": {"nl": "Leden", "en": "Members"},
    "col_share": {"nl": "Aandeel forum", "en": "Share in forum"},
    "col_ci": {"nl": "95%-interval", "en": "95% interval"},
    "col_pop": {"nl": "Aandeel bevolking", "en": "Share in population"},
    "col_diff": {"nl": "Verschil", "en": "Difference"}, "col_ratio": {"nl": "Verhouding", "en": "Ratio"},
    "col_flag": {"nl": "Oordeel", "en": "Assessment"},
}


def label(key: Any, lang: str) -> str:
    """Translate a code (variable, category, stage, flag) or return it unchanged.

    Examples
    --------
    >>> label("niet-westers", "en"), label("18-39", "nl"), label("Noord", "en"), label("Utrecht", "en")
    ('non-western migration background', '18-39-jarigen', 'North Netherlands', 'Utrecht')
    """
    return tr(str(key), lang, LABELS)


def category_name(variable: Any, category: Any, lang: str) -> str:
    """A category as a reader names it: its own label when that says what it is ("hoog opgeleid"),
    else "variable: category" ("landsdeel: Utrecht").

    Examples
    --------
    >>> category_name("education", "hoog", "nl"), category_name("region", "Utrecht", "en")
    ('hoog opgeleid', 'region: Utrecht')
    """
    own = label(category, lang)
    return own if str(category) in LABELS else f"{label(variable, lang)}: {own}"


def _tex(text: str) -> str:
    """User text for a matplotlib label: a "$" is shown, not read as the start of mathtext."""
    return str(text).replace("$", r"\$")


def _empty(lang: str) -> tuple[plt.Figure, str]:
    fig, ax = plt.subplots(figsize=(7, 1.2))
    ax.axis("off")
    alt = "Geen gegevens om te tonen." if lang == "nl" else "No data to show."
    ax.text(0.5, 0.5, alt, ha="center", va="center")
    return fig, alt


def composition_chart(composition: pd.DataFrame, variable: str, lang: str = "nl") -> tuple[plt.Figure, str]:
    """Dot plot for one variable: forum share with its Wilson interval against the population mark.

    Parameters
    ----------
    composition : DataFrame
        Output of :func:`toolkit.representativeness.composition` (suppressed cells are left out).
    variable : str
    lang : {"nl", "en"}

    Returns
    -------
    (Figure, str)
        The figure and an alt text that lists every category's shares.
    """
    part = composition[(composition["variable"] == variable) & composition["share"].notna()]
    if part.empty:
        return _empty(lang)
    n = len(part)
    y = np.arange(n)[::-1]
    height = 0.42 * n + 1.45
    fig, ax = plt.subplots(figsize=(8, height))
    # fixed margins (inches), so every variable's plot area has the same width and scale on the page
    fig.subplots_adjust(left=0.3, right=0.97, top=1 - 0.72 / height, bottom=0.62 / height)
    colours = [FLAG_COLOURS.get(f, _CB[7]) for f in part["flag"]]
    ax.hlines(y, part["ci_low"], part["ci_high"], color=colours, linewidth=4, alpha=0.55)
    ax.scatter(part["share"], y, color=colours, s=70, zorder=3, edgecolor="white", linewidth=0.8)
    ax.scatter(part["pop_share"], y, marker="|", s=500, linewidths=2, color="black", zorder=4)
    handles = [matplotlib.lines.Line2D([], [], color=FLAG_COLOURS[f], marker="o", linewidth=4, alpha=0.8,
                                       label=label(f, lang))
               for f in ("under", "ok", "over", "n/a") if f in set(part["flag"])]
    handles.append(matplotlib.lines.Line2D([], [], color="black", marker="|", markersize=16, markeredgewidth=2,
                                           linestyle="", label=label("population", lang)))
    ax.set_yticks(y, [_tex(textwrap.fill(label(c, lang), 24, break_on_hyphens=False)) for c in part["category"]])
    ax.set_ylim(-0.6, n - 0.4)
    top = max(part["ci_high"].max(), part["pop_share"].max())
    ax.set_xlim(0, min(1.0, np.ceil((top + 0.03) * 10) / 10))
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: fmt_pct(v, lang)))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel("Aandeel (stip: forum, balk: 95%-interval; streepje: bevolking)" if lang == "nl" else
                  "Share (dot: forum, bar: 95% interval; tick: population)")
    ax.set_title(_tex(label(variable, lang).capitalize()), loc="left", fontweight="bold", pad=26)
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(handles), frameon=False,
              handlelength=1.8, columnspacing=1.2, borderaxespad=0.2, fontsize=9)
    sns.despine(fig)
    for x, y_ in ((0, 0), (1, 1)):  # invisible anchors: the saved image keeps the margins, so plots line up
        fig.text(x, y_, "\u00a0", fontsize=1)
    items = "; ".join(
        f"{label(r.category, lang)} {fmt_pct(r.share, lang)} {fmt_ci(r.ci_low, r.ci_high, lang, pct=True)}"
        f" {'tegenover' if lang == 'nl' else 'against'} {fmt_pct(r.pop_share, lang)}"
        + (f" ({label(r.flag, lang)})" if r.flag in ("under", "over") else "")
        for r in part.itertuples())
    head = (f"Stippengrafiek van de samenstelling van het forum naar {label(variable, lang)} "
            f"(aandeel met 95%-interval) tegenover de bevolking: " if lang == "nl" else
            f"Dot plot of the forum's composition by {label(variable, lang)} "
            f"(share with 95% interval) against the population: ")
    return fig, head + items + "."


def funnel_chart(funnel_table: pd.DataFrame, variable: str | None = None, lang: str = "nl"
                 ) -> tuple[plt.Figure, str]:
    """The recruitment funnel: everyone per stage (log scale), or one variable's shares per stage.

    Parameters
    ----------
    funnel_table : DataFrame
        Output of :func:`toolkit.representativeness.funnel`.
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
        ax.set_xlabel(label("count", lang) + (" (logaritmische schaal)" if lang == "nl" else " (log scale)"))
        sns.despine(fig)
        fig.tight_layout()
        steps = ", ".join(f"{fmt_int(v, lang)} {label(s, lang)}" for s, v in total.items())
        alt = ("Staafdiagram van de werving, van brieven tot afgerond: " if lang == "nl"
               else "Bar chart of recruitment, from letters to completed: ") + steps + "."
        return fig, alt
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
                color=colour, label=_tex(label(cat, lang)), linewidth=2)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: fmt_pct(v, lang)))
    ax.set_ylim(0, min(1, part["share_of_stage"].max() * 1.1))
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_ylabel((label("share", lang) + " van iedereen in die fase") if lang == "nl"
                  else (label("share", lang) + " of everyone at that stage"))
    ax.set_title(_tex(label(variable, lang).capitalize()), loc="left", fontweight="bold", pad=8 + 18 * rows_legend)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=ncol, frameon=False, fontsize=9,
              borderaxespad=0.2, columnspacing=1.2)
    sns.despine(fig)
    for x, y_ in ((0, 0), (1, 1)):  # invisible anchors: the saved image keeps the margins, so plots line up
        fig.text(x, y_, "\u00a0", fontsize=1)
    ends = "; ".join(f"{label(cat, lang)} {fmt_pct(rows['share_of_stage'].iloc[0], lang)} → "
                     f"{fmt_pct(rows['share_of_stage'].iloc[-1], lang)}"
                     for cat, rows in part.groupby("category", sort=False))
    alt = (f"Lijngrafiek van het aandeel per groep ({label(variable, lang)}) in elke wervingsfase, "
           f"van eerste tot laatste fase: " if lang == "nl" else
           f"Line chart of each group's share ({label(variable, lang)}) at every recruitment stage, "
           f"first to last stage: ") + ends + "."
    return fig, alt


def gaps_table(composition: pd.DataFrame, lang: str = "nl", min_cell: int | None = None) -> pd.DataFrame:
    """Table of gaps, flagged categories first (largest gap first), formatted for display.

    Parameters
    ----------
    composition : DataFrame
        Output of :func:`toolkit.representativeness.composition` or of
        :func:`~toolkit.representativeness.flag_named_groups` (``group`` instead of category).
    lang : {"nl", "en"}
    min_cell : int, optional
        Counts with 0 < n < `min_cell` are shown as "<min_cell" with no share.

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
    t = composition.assign(_flagged=composition["flag"].isin(["under", "over"]), _gap=composition["diff_pp"].abs())
    t = t.sort_values(["_flagged", "_gap"], ascending=[False, False], kind="stable")
    small = (t["n"] > 0) & (t["n"] < min_cell) if min_cell else pd.Series(False, index=t.index)
    if "group" in t.columns:
        names = [tr(f"group_{g}", lang, LABELS) if f"group_{g}" in LABELS else str(g) for g in t["group"]]
    else:
        names = [category_name(v, c, lang) for v, c in zip(t["variable"], t["category"])]
    rows = {
        label("col_group", lang): names,
        label("col_n", lang): [f"<{min_cell}" if s else fmt_int(n, lang) for n, s in zip(t["n"], small)],
        label("col_share", lang): ["" if s else fmt_pct(v, lang) for v, s in zip(t["share"], small)],
        label("col_ci", lang): ["" if s else fmt_ci(lo, hi, lang, pct=True)
                                for lo, hi, s in zip(t["ci_low"], t["ci_high"], small)],
        label("col_pop", lang): [fmt_pct(v, lang) for v in t["pop_share"]],
        label("col_diff", lang): ["" if s else fmt_pp(v / 100, lang) for v, s in zip(t["diff_pp"], small)],
        label("col_flag", lang): [label(f, lang) for f in t["flag"]],
    }
    return pd.DataFrame(rows)


def _variable_sentences(var: str, block: dict, lang: str) -> list[str]:
    cats = {c: v for c, v in block["categories"].items() if v.get("share") is not None and v.get("pop_share") is not None}
    if not cats:
        return []
    cat, big = max(cats.items(), key=lambda kv: abs(kv[1]["diff_pp"]))
    under = [label(c, lang) for c, v in cats.items() if v["flag"] == "under"]
    gof = block.get("gof") or {}
    ci = fmt_ci(big["ci_low"], big["ci_high"], lang, pct=True)
    diff = fmt_pp(big["diff_pp"] / 100, lang)
    clear = gof.get("p") is not None and gof["p"] < 0.05
    if lang == "nl":
        first = (f"Naar {label(var, lang)} zit het grootste verschil bij {label(cat, lang)}: {fmt_pct(big['share'], lang)} "
                 f"van het forum (95%-interval {ci}) tegenover {fmt_pct(big['pop_share'], lang)} van de bevolking ({diff}).")
        lead = (f"Ondervertegenwoordigd: {', '.join(under)}; " if under else "Geen groep is ondervertegenwoordigd; ")
        whole = ("alles bij elkaar zijn de verschillen groter dan toeval verklaart" if clear else
                 "alles bij elkaar vallen de verschillen binnen wat toeval kan verklaren")
    else:
        first = (f"By {label(var, lang)}, the largest gap is for {label(cat, lang)}: {fmt_pct(big['share'], lang)} of the "
                 f"forum (95% interval {ci}) against {fmt_pct(big['pop_share'], lang)} of the population ({diff}).")
        lead = (f"Under-represented: {', '.join(under)}; " if under else "No group is under-represented; ")
        whole = ("taken together, the differences are larger than chance explains" if clear else
                 "taken together, the differences are within what chance can explain")
    test = f" ({fmt_p(gof['p'], lang)})" if gof.get("p") is not None else ""
    return [first, lead + whole + test + "."]


def sentences(key_figures: dict, lang: str = "nl") -> dict[str, list[str]]:
    """Two plain sentences per variable saying what the numbers mean.

    Parameters
    ----------
    key_figures : dict
        Output of :func:`toolkit.representativeness.key_figures`.
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
    ...     "gof": {"p": 0.008}}}}
    >>> print("\\n".join(sentences(kf, "en")["gender"]))
    By gender, the largest gap is for men: 60% of the forum (95% interval [53%, 67%]) against 50% of the population (+10 percentage points).
    Under-represented: women; taken together, the differences are larger than chance explains (p = 0.008).
    """
    return {var: s for var, block in key_figures.get("variables", {}).items()
            if (s := _variable_sentences(var, block, lang))}
