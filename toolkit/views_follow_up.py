"""Figures, tables and sentences for the follow-up section, in Dutch or English.

Every figure function returns ``(matplotlib Figure, alt_text)``; tables come back as DataFrames with
translated headers and formatted values (escape them when rendering, e.g. with
:func:`toolkit.display.html_table`); :func:`sentences` returns plain text, never markup. Colours come
from seaborn's colour-blind-safe palette; numbers and dates are formatted by :mod:`toolkit.i18n`.
"""
from __future__ import annotations

from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from toolkit.follow_up import STATUS_ORDER  # noqa: E402
from toolkit.i18n import fmt_date, fmt_int, fmt_num, fmt_pct, fmt_pp, tr  # noqa: E402

__all__ = ["LABELS", "label", "status_chart", "latency_chart", "scorecard_table", "rates_table", "sentences"]

_CB = sns.color_palette("colorblind").as_hex()
STATUS_COLOURS = {"no_information": _CB[7], "not_started": _CB[3], "in_preparation": _CB[8],
                  "in_progress": _CB[9], "implemented": _CB[2], "abandoned": _CB[4]}

#: Translations of codes and phrases used by this module.
LABELS: dict[str, dict[str, str]] = {
    "no_information": {"nl": "geen informatie", "en": "no information"},
    "not_started": {"nl": "niet gestart", "en": "not started"},
    "in_preparation": {"nl": "in voorbereiding", "en": "in preparation"},
    "in_progress": {"nl": "in uitvoering", "en": "in progress"},
    "implemented": {"nl": "uitgevoerd", "en": "implemented"},
    "abandoned": {"nl": "gestopt", "en": "abandoned"},
    "adopted": {"nl": "overgenomen", "en": "adopted"},
    "adopted_in_part": {"nl": "deels overgenomen", "en": "adopted in part"},
    "under_consideration": {"nl": "in overweging", "en": "under consideration"},
    "rejected": {"nl": "afgewezen", "en": "rejected"},
    "no_response": {"nl": "nog geen reactie", "en": "no response yet"},
    "met": {"nl": "voldaan", "en": "met"}, "partly_met": {"nl": "deels voldaan", "en": "partly met"},
    "not_met": {"nl": "niet voldaan", "en": "not met"}, "unknown": {"nl": "onbekend", "en": "unknown"},
    "design_integrity": {"nl": "integriteit van het ontwerp", "en": "design integrity"},
    "sound_deliberation": {"nl": "zorgvuldige deliberatie", "en": "sound deliberation"},
    "influential_recommendations": {"nl": "invloedrijke aanbevelingen", "en": "influential recommendations"},
    "n_recs": {"nl": "Aantal aanbevelingen", "en": "Number of recommendations"},
    "days_since": {"nl": "Dagen na overdracht van het advies", "en": "Days after the advice was handed over"},
    "on_time": {"nl": "reactie op tijd", "en": "response on time"},
    "late": {"nl": "reactie te laat", "en": "response late"},
    "waiting": {"nl": "wacht nog op reactie", "en": "still waiting for a response"},
    "promise": {"nl": "beloofd: {d} dagen", "en": "promised: {d} days"},
    "status_title": {"nl": "Uitvoering van de aanbevelingen door de tijd", "en": "Implementation of the recommendations over time"},
    "latency_title": {"nl": "Tijd tot de formele reactie per aanbeveling", "en": "Time to formal response per recommendation"},
    "col_precondition": {"nl": "Randvoorwaarde", "en": "Precondition"},
    "col_assessment": {"nl": "Oordeel", "en": "Assessment"},
    "col_evidence_n": {"nl": "Bewijsstukken", "en": "Pieces of evidence"},
    "col_evidence": {"nl": "Bewijs", "en": "Evidence"},
    "col_indicator": {"nl": "Wat de gegevens laten zien", "en": "What the data show"},
    "col_value": {"nl": "Waarde", "en": "Value"},
    "col_oecd": {"nl": "OESO-criterium", "en": "OECD criterion"},
    "col_n": {"nl": "Aanbevelingen", "en": "Recommendations"},
    "col_response_rate": {"nl": "Met formele reactie", "en": "With formal response"},
    "col_strict": {"nl": "Overgenomen", "en": "Adopted"},
    "col_partial": {"nl": "Overgenomen (deels telt half)", "en": "Adopted (in part counts half)"},
    "col_weighted": {"nl": "Idem, gewogen naar steun", "en": "Same, weighted by support"},
    "theme": {"nl": "Thema", "en": "Theme"}, "addressed_to": {"nl": "Gericht aan", "en": "Addressed to"},
}


def label(key: Any, lang: str) -> str:
    """Translate a code (status, response, assessment, ...) or return it unchanged.

    Examples
    --------
    >>> label("adopted_in_part", "nl"), label("R1", "en")
    ('deels overgenomen', 'R1')
    """
    return tr(str(key), lang, LABELS)


def status_chart(timeline: pd.DataFrame, lang: str = "nl") -> tuple[plt.Figure, str]:
    """Stacked step chart: number of recommendations per implementation status over time.

    Parameters
    ----------
    timeline : DataFrame
        Output of :func:`toolkit.follow_up.status_timeline` (``date``, ``recommendation_id``, ``status``).
    lang : {"nl", "en"}

    Returns
    -------
    (Figure, str)
        The figure and its alt text, which states the counts on the last date.
    """
    if timeline.empty:
        fig, ax = plt.subplots(figsize=(8, 1.5))
        ax.axis("off")
        alt = "Geen aanbevelingen om te tonen." if lang == "nl" else "No recommendations to show."
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
    if lang == "nl":
        alt = (f"Gestapelde grafiek van de uitvoeringsstatus van {fmt_int(base.max(), lang)} aanbevelingen van "
               f"{fmt_date(counts.index.min(), lang)} tot {fmt_date(counts.index.max(), lang)}. Stand op de laatste datum: {parts}.")
    else:
        alt = (f"Stacked chart of the implementation status of {fmt_int(base.max(), lang)} recommendations from "
               f"{fmt_date(counts.index.min(), lang)} to {fmt_date(counts.index.max(), lang)}. State on the last date: {parts}.")
    return fig, alt


def latency_chart(lat: pd.DataFrame, promised_days: int | None, lang: str = "nl") -> tuple[plt.Figure, str]:
    """Horizontal bars: days from handover to formal response (or days waiting), against the promise.

    Parameters
    ----------
    lat : DataFrame
        Output of :func:`toolkit.follow_up.latency`.
    promised_days : int or None
        Drawn as a dashed line when given.
    lang : {"nl", "en"}

    Returns
    -------
    (Figure, str)
    """
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
    if lang == "nl":
        alt = (f"Staafdiagram van {len(lat)} aanbevelingen: {n['on_time']} kregen op tijd een formele reactie, "
               f"{n['late']} te laat en {n['waiting']} {'wacht' if n['waiting'] == 1 else 'wachten'} nog" + (f" (al {fmt_int(wait, lang)} dagen)" if n["waiting"] else "")
               + (f". De stippellijn is de beloofde termijn van {promised_days} dagen." if promised_days is not None else "."))
    else:
        alt = (f"Bar chart of {len(lat)} recommendations: {n['on_time']} got a formal response on time, "
               f"{n['late']} late and {n['waiting']} {'is' if n['waiting'] == 1 else 'are'} still waiting" + (f" ({fmt_int(wait, lang)} days so far)" if n["waiting"] else "")
               + (f". The dashed line is the promised term of {promised_days} days." if promised_days is not None else "."))
    return fig, alt


def _fmt_value(value: Any, unit: Any, lang: str) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    if unit == "share":
        return fmt_pct(value, lang)
    if unit == "percentage_points":
        return fmt_pp(value, lang)
    if unit == "count":
        return fmt_int(value, lang)
    return fmt_num(value, lang, 1)


def scorecard_table(scorecard: pd.DataFrame, lang: str = "nl") -> pd.DataFrame:
    """The preconditions scorecard ready for rendering (translated headers, formatted values).

    Examples
    --------
    >>> sc = pd.DataFrame({"precondition_id": ["time_support"], "label_nl": ["Tijd"], "label_en": ["Time"],
    ...     "oecd": ["sound_deliberation"], "assessment": ["met"], "evidence_count": [2], "evidence": ["a | b"],
    ...     "indicator_label_nl": ["Uren"], "indicator_label_en": ["Hours"], "indicator_unit": ["hours"],
    ...     "indicator_value": [42.5]})
    >>> scorecard_table(sc, "nl").iloc[0].tolist()
    ['Tijd', 'zorgvuldige deliberatie', 'voldaan', '2', 'a | b', 'Uren', '42,5']
    """
    return pd.DataFrame({
        label("col_precondition", lang): scorecard[f"label_{lang}"],
        label("col_oecd", lang): scorecard["oecd"].map(lambda v: label(v, lang)),
        label("col_assessment", lang): scorecard["assessment"].map(lambda v: label(v, lang)),
        label("col_evidence_n", lang): scorecard["evidence_count"].map(lambda v: fmt_int(v, lang)),
        label("col_evidence", lang): scorecard["evidence"],
        label("col_indicator", lang): scorecard[f"indicator_label_{lang}"].fillna("–"),
        label("col_value", lang): [_fmt_value(v, u, lang) for v, u in
                                   zip(scorecard["indicator_value"], scorecard["indicator_unit"])],
    })


def rates_table(rates: pd.DataFrame, lang: str = "nl", by: str | None = None) -> pd.DataFrame:
    """Response and adoption rates (:func:`toolkit.follow_up.response_rates`) ready for rendering.

    Examples
    --------
    >>> r = pd.DataFrame({"theme": ["wonen"], "n": [4], "response_rate": [0.75], "adoption_rate_strict": [0.25],
    ...                   "adoption_rate_partial": [0.375], "weighted_adoption_rate_partial": [0.4]})
    >>> rates_table(r, "nl", by="theme").iloc[0].tolist()
    ['wonen', '4', '75%', '25%', '38%', '40%']
    """
    out = pd.DataFrame({label(by, lang): rates[by]}) if by else pd.DataFrame(index=rates.index)
    out[label("col_n", lang)] = rates["n"].map(lambda v: fmt_int(v, lang))
    for col, key in (("response_rate", "col_response_rate"), ("adoption_rate_strict", "col_strict"),
                     ("adoption_rate_partial", "col_partial"), ("weighted_adoption_rate_partial", "col_weighted")):
        out[label(key, lang)] = rates[col].map(lambda v: fmt_pct(v, lang))
    return out


def _n(count: int, one: str, many: str, lang: str) -> str:
    return f"{fmt_int(count, lang)} {one if count == 1 else many}"


def _list(parts: list[str], lang: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + (" en " if lang == "nl" else " and ") + parts[-1]


_COMMITMENT = {
    "met": {"nl": "nagekomen{on}", "en": "kept{on}"},
    "not_met": {"nl": "niet nagekomen", "en": "not kept"},
    "pending": {"nl": "nog niet nagekomen; de termijn loopt nog", "en": "not yet kept; the term has not passed"},
    "unknown": {"nl": "onbekend of die is nagekomen", "en": "unknown whether it was kept"},
}


def _promise(kf: dict, lang: str) -> str:
    h, days, due = fmt_date(kf["handover_date"], lang), kf["promised_response_days"], kf["response_due_date"]
    if lang == "nl":
        s = f"Het advies is op {h} overhandigd."
        return s + (f" Beloofd was een formele reactie binnen {days} dagen, dus uiterlijk {fmt_date(due, lang)}."
                    if days is not None else " Er was geen termijn voor de reactie afgesproken.")
    s = f"The advice was handed over on {h}."
    return s + (f" A formal response was promised within {days} days, that is by {fmt_date(due, lang)}."
                if days is not None else " No term for the response was agreed.")


def _responses(kf: dict, lang: str) -> list[str]:
    lat, n, a = kf["latency"], kf["n_recommendations"], fmt_date(kf["as_of"], lang)
    nl = lang == "nl"
    if not lat["n_responded"]:
        return [f"Op {a} was op geen van de {n} aanbevelingen formeel gereageerd." if nl else
                f"By {a}, none of the {n} recommendations had received a formal response."]
    timing = ""
    if kf["promised_response_days"] is not None:
        timing = (f": {fmt_int(lat['n_on_time'], lang)} binnen de termijn en {fmt_int(lat['n_late'], lang)} te laat" if nl
                  else f": {fmt_int(lat['n_on_time'], lang)} within the term and {fmt_int(lat['n_late'], lang)} late")
    med = fmt_int(lat["median_days_to_response"], lang)
    out = [(f"Op {a} was op {lat['n_responded']} van de {n} aanbevelingen formeel gereageerd{timing}. "
            f"De helft van de reacties kwam binnen {med} dagen na de overdracht (mediaan).") if nl else
           (f"By {a}, {lat['n_responded']} of the {n} recommendations had received a formal response{timing}. "
            f"Half of the responses came within {med} days of the handover (median).")]
    if lat["n_waiting"]:
        w = fmt_int(lat["days_waiting"], lang)
        out.append(f"{_n(lat['n_waiting'], 'aanbeveling wacht', 'aanbevelingen wachten', lang)} nog op een reactie, "
                   f"inmiddels {w} dagen na de overdracht." if nl else
                   f"{_n(lat['n_waiting'], 'recommendation is', 'recommendations are', lang)} still waiting for a response, "
                   f"{w} days after the handover.")
    return out


def _outcomes(kf: dict, lang: str) -> list[str]:
    o = kf["rates"]["overall"]
    parts = [f"{fmt_int(o['n_' + r], lang)} {label(r, lang)}" for r in
             ("adopted", "adopted_in_part", "under_consideration", "rejected") if o["n_" + r]]
    if not parts:
        return []
    return [("Van de formele reacties: " if lang == "nl" else "Of the formal responses: ") + _list(parts, lang) + "."]


def _commitments(kf: dict, lang: str) -> list[str]:
    out = []
    for c in kf["commitments"]:
        on = f" op {fmt_date(c['fulfilled_date'], lang)}" if lang == "nl" else f" on {fmt_date(c['fulfilled_date'], lang)}"
        verdict = _COMMITMENT[c["status"]][lang].format(on=on if c["fulfilled_date"] else "")
        due = (f" (uiterlijk {fmt_date(c['due_date'], lang)})" if lang == "nl" else f" (by {fmt_date(c['due_date'], lang)})") \
            if c["due_date"] else ""
        extra = ""
        if c["kind"] == "response_within_days" and c["detail"] and c["status"] != "met":
            k, n = c["detail"].split("/")
            extra = (f"; {k} van de {n} aanbevelingen kregen op tijd een formele reactie" if lang == "nl"
                     else f"; {k} of the {n} recommendations received a formal response on time")
        out.append((f"Toezegging ‘{c['description']}’{due}: {verdict}{extra}." if lang == "nl"
                    else f"Commitment ‘{c['description']}’{due}: {verdict}{extra}."))
    return out


def _implementation(kf: dict, lang: str) -> list[str]:
    counts = kf["implementation"]["counts"]
    parts = [f"{fmt_int(v, lang)} {label(s, lang)}" for s in reversed(STATUS_ORDER[1:]) if (v := counts.get(s))]
    if not kf["implementation"]["n_updates"]:
        return []
    a, none = fmt_date(kf["as_of"], lang), counts.get("no_information", 0)
    text = (f"Stand van de uitvoering op {a}: " if lang == "nl" else f"State of implementation on {a}: ") + _list(parts, lang)
    if none:
        text += (f"; van {fmt_int(none, lang)} is niets bekend" if lang == "nl" else f"; nothing is known about {fmt_int(none, lang)}")
    return [text + "."]


def _parliament(kf: dict, lang: str) -> list[str]:
    p = kf["parliament"]
    nl = lang == "nl"
    parts = []
    if p["n_motions"]:
        parts.append(_n(p["n_motions"], "motie", "moties", lang) + f" ({p['n_motions_adopted']} aangenomen)" if nl else
                     _n(p["n_motions"], "motion", "motions", lang) + f" ({p['n_motions_adopted']} adopted)")
    if p["n_debates"]:
        parts.append(_n(p["n_debates"], "debat", "debatten", lang) if nl else _n(p["n_debates"], "debate", "debates", lang))
    if p["n_questions"]:
        parts.append(_n(p["n_questions"], "keer Kamervragen", "keer Kamervragen", lang) if nl else
                     _n(p["n_questions"], "set of parliamentary questions", "sets of parliamentary questions", lang))
    if not parts:
        return []
    return [("In het parlement volgden " if nl else "In parliament there followed ") + _list(parts, lang) + "."]


def _preconditions(kf: dict, lang: str) -> list[str]:
    c = kf["preconditions"]["counts"]
    total = sum(c.values())
    if not total:
        return []
    if lang == "nl":
        return [f"Van de {total} randvoorwaarden uit de Kamerbrief van 17 maart 2023 zijn er volgens de beoordeling "
                f"{c['met']} voldaan, {c['partly_met']} deels voldaan en {c['not_met']} niet voldaan; "
                f"van {c['unknown']} is het oordeel onbekend."]
    return [f"Of the {total} preconditions in the letter to parliament of 17 March 2023, the assessment finds "
            f"{c['met']} met, {c['partly_met']} partly met and {c['not_met']} not met; {c['unknown']} could not be assessed."]


def sentences(key_figures: dict, lang: str = "nl") -> list[str]:
    """Plain sentences stating what was promised and what happened, with dates.

    Parameters
    ----------
    key_figures : dict
        Output of :func:`toolkit.follow_up.key_figures`.
    lang : {"nl", "en"}

    Returns
    -------
    list of str
        Plain text (user-supplied descriptions included as they are: escape when rendering).

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.follow_up import key_figures
    >>> reg = pd.DataFrame({"id": ["R1", "R2"], "title": ["a", "b"], "theme": ["x", "x"], "addressed_to": ["k", "k"],
    ...                     "support": [0.8, 0.6], "response": ["adopted", "no_response"],
    ...                     "response_date": pd.to_datetime(["2025-03-03", None]), "response_source": ["doc", None]})
    >>> kf = key_figures(reg, handover_date="2025-01-15", promised_days=90, as_of="2025-06-01")
    >>> print("\\n".join(sentences(kf, "nl")))
    Het advies is op 15 januari 2025 overhandigd. Beloofd was een formele reactie binnen 90 dagen, dus uiterlijk 15 april 2025.
    Op 1 juni 2025 was op 1 van de 2 aanbevelingen formeel gereageerd: 1 binnen de termijn en 0 te laat. De helft van de reacties kwam binnen 47 dagen na de overdracht (mediaan).
    1 aanbeveling wacht nog op een reactie, inmiddels 137 dagen na de overdracht.
    Van de formele reacties: 1 overgenomen.
    """
    return ([_promise(key_figures, lang)] + _responses(key_figures, lang) + _outcomes(key_figures, lang)
            + _commitments(key_figures, lang) + _implementation(key_figures, lang) + _parliament(key_figures, lang)
            + _preconditions(key_figures, lang))
