"""Figures of the follow-up section, in Dutch or English.

Every figure function returns ``(matplotlib Figure, alt_text)``. Colours come from seaborn's
colour-blind-safe palette; numbers and dates are formatted by :mod:`toolkit.i18n`. Phrases and
sentences are in :mod:`toolkit.sections.follow_up.text`, tables in :mod:`toolkit.sections.follow_up.tables`;
:func:`rates_table`, :func:`scorecard_table` and :func:`sentences` are also importable from here.
"""
from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")
import toolkit.sections.plotting  # noqa: E402,F401  (every text drawn as plain text, "$" too)
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from toolkit.stats.follow_up.register import STATUS_ORDER  # noqa: E402
from toolkit.i18n import fmt_date, fmt_int, tr  # noqa: E402
from toolkit.sections.follow_up.result import FollowUpResult  # noqa: E402
from toolkit.sections.follow_up.text import LABELS, label  # noqa: E402

__all__ = ["status_chart", "status_figure", "latency_chart", "latency_histogram", "LONG_REGISTER", "has_latency"]

#: Above this many recommendations the latency chart is a histogram, not one bar per recommendation.
LONG_REGISTER = 40


def has_latency(lat: pd.DataFrame) -> bool:
    """Whether any recommendation has a time in days to show (not all unknown or month-only)."""
    return bool(lat["days_to_response"].notna().any() or lat["days_waiting"].notna().any())

_CB = sns.color_palette("colorblind").as_hex()
STATUS_COLOURS = {"no_information": _CB[7], "not_started": _CB[3], "in_preparation": _CB[8],
                  "in_progress": _CB[9], "implemented": _CB[2], "abandoned": _CB[4]}


def status_chart(timeline: pd.DataFrame, lang: str = "nl") -> tuple[plt.Figure, str]:
    """Stacked step chart: number of recommendations per implementation status over time.

    Parameters
    ----------
    timeline : DataFrame
        Output of :func:`toolkit.stats.follow_up.register.status_timeline` (``date``, ``recommendation_id``, ``status``).
    lang : {"nl", "en"}

    Returns
    -------
    (Figure, str)
        The figure and its alt text, which states the counts on the last date.
    """
    if timeline.empty:
        fig, ax = plt.subplots(figsize=(8, 1.5))
        ax.axis("off")
        alt = label("alt_no_recs", lang)
        ax.text(0.5, 0.5, alt, ha="center", va="center")
        return fig, alt
    counts = (timeline.groupby(["date", "status"]).size().unstack(fill_value=0)
              .reindex(columns=list(STATUS_ORDER), fill_value=0).sort_index())
    counts = counts.loc[:, counts.sum() > 0]
    fig, ax = plt.subplots(figsize=(8, 4))
    base = np.zeros(len(counts))
    for status in counts.columns:
        top = base + counts[status].to_numpy()
        ax.fill_between(counts.index, base, top, step="post", color=STATUS_COLOURS.get(status, _CB[0]),
                        label=label(status, lang), linewidth=0)
        base = top
    ax.set_ylabel(label("n_recs", lang))
    ax.set_title(label("status_title", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.set_ylim(0, max(1, base.max()))
    fig.autofmt_xdate()
    fig.tight_layout()
    last = counts.iloc[-1] if len(counts) else pd.Series(dtype=int)
    parts = ", ".join(f"{fmt_int(v, lang)} {label(s, lang)}" for s, v in last.items() if v)
    alt = tr("alt_status", lang, LABELS, n=fmt_int(base.max(), lang), a=fmt_date(counts.index.min(), lang),
             b=fmt_date(counts.index.max(), lang), x=parts)
    return fig, alt


def latency_chart(lat: pd.DataFrame, promised_days: int | None, lang: str = "nl") -> tuple[plt.Figure, str]:
    """Horizontal bars: days from handover to formal response (or days waiting), against the promise.

    Parameters
    ----------
    lat : DataFrame
        Output of :func:`toolkit.stats.follow_up.register.latency`.
    promised_days : int or None
        Drawn as a dashed line when given.
    lang : {"nl", "en"}

    Returns
    -------
    (Figure, str)
    """
    if len(lat) > LONG_REGISTER:
        return latency_histogram(lat, promised_days, lang)
    lat = lat.sort_values("id").reset_index(drop=True)
    y = np.arange(len(lat))
    days = lat["days_to_response"].fillna(lat["days_waiting"]).to_numpy(dtype=float)
    kind = np.where(lat["waiting"], "waiting", np.where(lat["late"].fillna(False).astype(bool), "late", "on_time"))
    colours = {"on_time": _CB[0], "late": _CB[1], "waiting": _CB[7]}
    fig, ax = plt.subplots(figsize=(8, 0.32 * len(lat) + 1.4))
    for k in ("on_time", "late", "waiting"):
        m = kind == k
        if m.any():
            ax.barh(y[m], days[m], color=colours[k], hatch="//" if k == "waiting" else None,
                    edgecolor="white", label=label(k, lang))
    ax.set_yticks(y, lat["id"].astype(str).tolist())
    ax.invert_yaxis()
    if promised_days is not None:
        ax.axvline(promised_days, color="black", linestyle="--", linewidth=1,
                   label=tr("promise", lang, LABELS, d=promised_days))
    ax.set_xlabel(label("days_since", lang))
    ax.set_title(label("latency_title", lang))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    fig.tight_layout()
    n = {k: int((kind == k).sum()) for k in ("on_time", "late", "waiting")}
    wait = lat["days_waiting"].max()
    alt = tr("alt_latency", lang, LABELS, n=len(lat), on_time=n["on_time"], late=n["late"], waiting=n["waiting"],
             verb=label("alt_waits" if n["waiting"] == 1 else "alt_wait", lang),
             since=tr("alt_since", lang, LABELS, d=fmt_int(wait, lang)) if n["waiting"] else "",
             term=tr("alt_term", lang, LABELS, d=promised_days) if promised_days is not None else ".")
    return fig, alt


def latency_histogram(lat: pd.DataFrame, promised_days: int | None, lang: str = "nl") -> tuple[plt.Figure, str]:
    """Histogram of the days to formal response (a long register), with the promised term dashed.

    Returns
    -------
    (Figure, str)
    """
    days = lat["days_to_response"].dropna().to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(8, 3.6))
    if len(days):
        ax.hist(days, bins=min(30, max(5, int(np.sqrt(len(days))) * 2)), color=_CB[0], edgecolor="white")
    if promised_days is not None:
        ax.axvline(promised_days, color="black", linestyle="--", linewidth=1,
                   label=tr("promise", lang, LABELS, d=promised_days))
        ax.legend(frameon=False)
    ax.set_xlabel(label("days_since", lang))
    ax.set_ylabel(label("n_recs", lang))
    ax.set_title(label("hist_title", lang))
    fig.tight_layout()
    alt = tr("alt_hist", lang, LABELS, k=fmt_int(len(days), lang), w=fmt_int(int(lat["waiting"].sum()), lang),
             u=fmt_int(int(lat["response"].eq("unknown").sum()), lang))
    return fig, alt


def status_figure(res: FollowUpResult, lang: str):
    """:func:`status_chart` with the months on the time axis written out in `lang`.

    Returns
    -------
    (Figure, str)
        The figure and its alt text.
    """
    fig, alt = status_chart(res.timeline, lang)
    if not res.timeline.empty:
        ax = fig.axes[0]
        span = (res.timeline["date"].max() - res.timeline["date"].min()).days
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=max(1, math.ceil(span / 30 / 8))))
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda x, pos: fmt_date(mdates.num2date(x).date().replace(day=1), lang).split(" ", 1)[1]))
        for tick in ax.get_xticklabels():
            tick.set_rotation(30)
            tick.set_horizontalalignment("right")
        fig.tight_layout()
    return fig, alt
