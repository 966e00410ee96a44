"""The DRI figure: every pair of members as a point (q, r) per wave, with the 45° line (Niemeyer et al. 2024, fig. 2).

Pairs are not persons, and only waves whose group DRI may be published are drawn
(:func:`toolkit.sections.attitudes.dri.published_dri`).
"""
from __future__ import annotations

from collections.abc import Mapping

import matplotlib

matplotlib.use("Agg")
import toolkit.sections.plotting  # noqa: E402,F401  (every text drawn as plain text, "$" too)
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FixedLocator, FuncFormatter  # noqa: E402
import seaborn as sns  # noqa: E402

from toolkit.i18n import fmt_int, fmt_num  # noqa: E402
from toolkit.sections.attitudes.dri import DriResult  # noqa: E402
from toolkit.sections.attitudes.text import is_value, t  # noqa: E402

__all__ = ["dri_plot"]

_CB = sns.color_palette("colorblind").as_hex()


def dri_plot(res: DriResult, lang: str, wave_labels: Mapping) -> tuple[plt.Figure, str] | None:
    """One panel per published wave: pairs' agreement on considerations (x) and on preferences (y).

    Returns
    -------
    (Figure, str) or None
        The figure and its alt text; None when no wave may be shown.
    """
    groups = {r["wave"]: r for r in res.groups.to_dict("records") if is_value(r["dri"])}
    waves = [w for w in res.waves if w in groups]
    if not waves:
        return None
    fig, axes = plt.subplots(1, len(waves), figsize=(4.2 * len(waves), 4.4), sharex=True, sharey=True, squeeze=False)
    parts = []
    for ax, w in zip(axes[0], waves):
        pts = res.pairs[res.pairs["wave"] == w].dropna(subset=["q", "r"])
        ax.plot([-1, 1], [-1, 1], color="0.35", lw=1, ls="--", zorder=1)
        ax.scatter(pts["q"], pts["r"], s=9, alpha=0.35, color=_CB[0], edgecolors="none", zorder=2)
        d = fmt_num(groups[w]["dri"], lang)
        label = str(wave_labels.get(w, w))
        ax.set_title(t("dri_panel", lang, w=label, d=d), fontsize=10)
        ax.set_xlim(-1.05, 1.05)
        ax.set_ylim(-1.05, 1.05)
        ax.set_aspect("equal")
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_locator(FixedLocator([-1, -0.5, 0, 0.5, 1]))
            axis.set_major_formatter(FuncFormatter(lambda v, _: fmt_num(v, lang, 1)))
        ax.set_xlabel(t("dri_x", lang))
        ax.grid(alpha=0.3)
        parts.append(t("dri_alt_wave", lang, w=label, n=fmt_int(len(pts), lang), d=d))
    axes[0][0].set_ylabel(t("dri_y", lang))
    fig.tight_layout()
    return fig, t("dri_alt", lang, x="; ".join(parts))
