"""Tables of the follow-up section, in Dutch or English.

Each function returns a DataFrame with translated headers (:mod:`toolkit.sections.follow_up.text`) and
formatted values, the only place where its numbers and dates are rounded and written out. Cells are
plain text, including what users supplied (titles, reasons, evidence): escape them when rendering
(:func:`toolkit.report.display.table` does). :func:`rates_table` and :func:`scorecard_table` take the frames
of :mod:`toolkit.stats.follow_up.register`; the others a :class:`~toolkit.sections.follow_up.result.FollowUpResult`.
"""
from __future__ import annotations

import math
from typing import Any

import pandas as pd

from toolkit.stats.follow_up.register import STATUS_ORDER
from toolkit.i18n import fmt_date, fmt_int, fmt_num, fmt_pct, fmt_pp
from toolkit.sections.follow_up.result import FollowUpResult
from toolkit.sections.follow_up.text import FIGURE_LABELS, label, text

__all__ = ["rates_table", "scorecard_table", "overview_table", "texts_table", "implementation_table",
           "commitments_table", "parliament_table", "events_table", "tally_table", "mapping_table", "scorecard_display"]

#: Kinds of the parliament file shown as dated events (bills, referendums, ...), not as parliamentary business.
EVENT_KINDS = ("bill", "referendum", "committee", "government", "other")


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _fmt_value(value: Any, unit: Any, lang: str) -> str:
    if _missing(value):
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
    """Response and adoption rates (:func:`toolkit.stats.follow_up.register.response_rates`) ready for rendering.

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
        if col == "weighted_adoption_rate_partial" and rates[col].isna().all():
            continue  # no support figures: no weighted column
        out[label(key, lang)] = rates[col].map(lambda v: fmt_pct(v, lang))
    return out


def _label(code: Any, lang: str) -> str:
    return "–" if _missing(code) else label(code, lang)


def _date(d: Any, lang: str) -> str:
    return "–" if d is None or pd.isna(d) else fmt_date(pd.Timestamp(d).date(), lang)


def _plain_text(v: Any) -> str:
    return "–" if _missing(v) or v is pd.NA or str(v).strip() == "" else str(v)


def _timing(row: pd.Series, lang: str) -> str:
    status = row.get("term_status")
    if status == "unknown":
        return text("t_unknown", lang)
    if row["waiting"]:
        if pd.isna(row["days_waiting"]):
            return text("t_waiting_no_days", lang)
        key = "t_not_yet_due" if status == "not_yet_due" else "t_waiting"
        return text(key, lang, d=fmt_int(row["days_waiting"], lang))
    if pd.notna(row.get("months_to_response", float("nan"))):
        return text("t_months", lang, m=fmt_int(row["months_to_response"], lang))
    d = fmt_int(row["days_to_response"], lang)
    if pd.isna(row["late"]):
        return text("t_no_term", lang, d=d)
    if bool(row["late"]):
        return text("t_late", lang, d=d, o=fmt_int(row["days_overdue"], lang))
    return text("t_on_time", lang, d=d)


def overview_table(res: FollowUpResult, lang: str) -> pd.DataFrame:
    """One row per recommendation: id, title, theme, addressee, support, response, date, timing, status.

    Plain text cells (escape when rendering: titles are user input)."""
    r = res.register
    status = [f"{_label(s, lang)} ({_date(d, lang)})" if s != "no_information" else _label(s, lang)
              for s, d in zip(r["status"], r["status_date"])]
    return pd.DataFrame({
        text("col_id", lang): r["id"].map(_plain_text),
        text("col_title", lang): r["title"].map(_plain_text),
        text("col_theme", lang): r["theme"].map(_plain_text),
        text("col_addressed", lang): r["addressed_to"].map(_plain_text),
        text("col_support", lang): r["support"].map(lambda v: fmt_pct(v, lang)),
        text("col_response", lang): r["response"].map(lambda v: _label(v, lang)),
        text("col_response_date", lang): r["response_date"].map(lambda d: _date(d, lang)),
        text("col_timing", lang): [_timing(row, lang) for _, row in r.iterrows()],
        text("col_implementation", lang): status,
    })


def texts_table(res: FollowUpResult, lang: str) -> pd.DataFrame:
    """One row per recommendation: id, its text, the reasons and source of the response (plain text)."""
    r = res.register
    col = lambda c: r[c].map(_plain_text) if c in r else pd.Series("–", index=r.index)  # noqa: E731
    return pd.DataFrame({text("col_id", lang): col("id"), text("col_text", lang): col("text"),
                         text("col_reasons", lang): col("reasons"), text("col_source", lang): col("response_source")})


def implementation_table(res: FollowUpResult, lang: str) -> pd.DataFrame:
    """Current implementation status: number of recommendations per status and which ones."""
    cur = res.current
    rows = []
    for s in reversed(STATUS_ORDER):
        ids = cur.loc[cur["status"] == s, "recommendation_id"].tolist()
        if ids:
            rows.append({text("col_status", lang): _label(s, lang), text("col_n", lang): fmt_int(len(ids), lang),
                         text("col_ids", lang): ", ".join(map(str, ids))})
    return pd.DataFrame(rows, columns=[text("col_status", lang), text("col_n", lang), text("col_ids", lang)])


def commitments_table(res: FollowUpResult, lang: str) -> pd.DataFrame | None:
    """Each commitment made up front, whether it was kept, and on what basis; None without commitments."""
    c = res.commitments
    if c is None:
        return None
    verdicts, details = [], []
    for _, row in c.iterrows():
        v = text(f"c_{row['status']}", lang)
        if row["status"] == "met" and pd.notna(row["fulfilled_date"]):
            v += " (" + text("c_on", lang, d=_date(row["fulfilled_date"], lang)) + ")"
        verdicts.append(v)
        d = ""
        if row["kind"] == "response_within_days" and row["detail"]:
            k, n = str(row["detail"]).split("/")
            d = text("c_on_time", lang, k=fmt_int(int(k), lang), n=fmt_int(int(n), lang))
        elif row["kind"] == "parliament_debate" and row["detail"] is not None:
            k = int(row["detail"])
            d = text("c_debate", lang) if k == 1 else text("c_debates", lang, n=fmt_int(k, lang))
        if pd.notna(row["consistent"]) and not bool(row["consistent"]):
            d = (d + "; " if d else "") + text("c_inconsistent", lang)
        details.append(d or "–")
    return pd.DataFrame({
        text("col_commitment", lang): c["description"].map(_plain_text),
        text("col_due", lang): c["due_date"].map(lambda d: _date(d, lang)),
        text("col_verdict", lang): verdicts,
        text("col_basis", lang): [text("basis_data" if comp else "basis_stated", lang) for comp in c["computed"]],
        text("col_detail", lang): details,
        text("col_where", lang): c["evidence"].map(_plain_text),
    })


def parliament_table(res: FollowUpResult, lang: str) -> pd.DataFrame | None:
    """Motions, debates and questions up to ``as_of``, by date; None when there are none."""
    p = res.parliament
    if p is None or p.empty:
        return None
    p = p[~p["kind"].isin(EVENT_KINDS)].sort_values("date", kind="stable")
    if p.empty:
        return None
    about = p["recommendation_id"].map(lambda v: text("whole_advice", lang) if _plain_text(v) == "–" else str(v))
    return pd.DataFrame({
        text("col_date", lang): p["date"].map(lambda d: _date(d, lang)),
        text("col_kind", lang): p["kind"].map(lambda k: text(str(k), lang)),
        text("col_about", lang): about,
        text("col_reference", lang): p["reference"].map(_plain_text) if "reference" in p else "–",
        text("col_outcome", lang): (p["outcome"].map(lambda o: "–" if _plain_text(o) == "–" else text(f"o_{o}", lang))
                                    if "outcome" in p else "–"),
    }).reset_index(drop=True)


def _event_date(d: Any, precision: Any, lang: str) -> str:
    if precision == "month":
        return fmt_date(pd.Timestamp(d).date(), lang).split(" ", 1)[1]
    return _date(d, lang)


def events_table(res: FollowUpResult, lang: str) -> pd.DataFrame | None:
    """Bills, referendums, committees and government plans, by date, with outcome, result and source."""
    p = res.parliament
    if p is None or p.empty:
        return None
    p = p[p["kind"].isin(EVENT_KINDS)].sort_values("date", kind="stable")
    if p.empty:
        return None
    prec = p["date_precision"] if "date_precision" in p else pd.Series(None, index=p.index)
    titles = dict(zip(res.register["id"], res.register["title"]))
    return pd.DataFrame({
        text("col_date", lang): [_event_date(d, q, lang) for d, q in zip(p["date"], prec)],
        text("col_about", lang): p["recommendation_id"].map(
            lambda v: text("whole_advice", lang) if _plain_text(v) == "–" else str(titles.get(v, v))),
        text("col_kind", lang): p["kind"].map(lambda k: text(str(k), lang)),
        text("col_reference", lang): p["reference"].map(_plain_text),
        text("col_outcome", lang): p["outcome"].map(lambda o: "–" if _plain_text(o) == "–" else text(f"o_{o}", lang)),
        text("col_result", lang): p["result"].map(_plain_text),
        text("col_where", lang): p["source"].map(_plain_text),
    }).reset_index(drop=True)


def tally_table(res: FollowUpResult, lang: str) -> pd.DataFrame | None:
    """The aggregate tallies side by side, one row per assessor; an empty count is '–' (not given), never 0."""
    t = res.tally
    if t is None or t.empty:
        return None

    def count(r: pd.Series, c: str) -> str:
        if pd.isna(r[c]):
            return "–"
        share = f" ({fmt_pct(r[c] / r['n'], lang)})" if pd.notna(r["n"]) and r["n"] > 0 else ""
        return fmt_int(r[c], lang) + share

    rows = []
    for _, r in t.iterrows():
        rows.append({
            text("col_assessor", lang): _plain_text(r["assessor"]),
            text("col_date", lang): _event_date(r["date"], r.get("date_precision"), lang),
            text("col_unit", lang): _plain_text(r["unit"]),
            text("col_total", lang): "–" if pd.isna(r["n"]) else fmt_int(r["n"], lang),
            text("col_responded", lang): count(r, "responded"),
            label("adopted", lang).capitalize(): count(r, "adopted"),
            label("adopted_in_part", lang).capitalize(): count(r, "adopted_in_part"),
            label("rejected", lang).capitalize(): count(r, "rejected"),
            text("col_implemented", lang): count(r, "implemented"),
            text("col_where", lang): _plain_text(r["source"]),
            text("col_note", lang): _plain_text(r["note"]),
        })
    return pd.DataFrame(rows)


def _figure_value(fig: str, value: Any, lang: str) -> str:
    return fmt_int(value, lang) if fig == "motions_adopted" else fmt_pct(value, lang)


def mapping_table(res: FollowUpResult, lang: str) -> pd.DataFrame:
    """One row per OECD criterion, KNOCA area and KNOCA type: its preconditions with their assessment,
    and the follow-up figures that are evidence for it."""
    m = res.mapping
    names = {p["id"]: (p.get("label") or {}).get(lang, p["id"]) for p in res.preconditions["preconditions"]}
    rows = []
    for (fw, cat), g in m.groupby(["framework", "category"], sort=False):
        pre = g[g["item_kind"] == "precondition"]
        figs = g[g["item_kind"] == "figure"]
        rows.append({
            text("col_framework", lang): text(f"fw_{fw}", lang),
            text("col_category", lang): g[f"category_label_{lang}"].iloc[0],
            text("col_preconditions", lang): "; ".join(f"{names.get(i, i)} ({_label(a, lang)})"
                                                       for i, a in zip(pre["item_id"], pre["assessment"])) or "–",
            text("col_figures", lang): "; ".join(f"{FIGURE_LABELS[f][lang]}: {_figure_value(f, v, lang)}"
                                                 for f, v in zip(figs["item_id"], figs["value"])) or text("no_figures", lang),
        })
    doc = res.preconditions
    order = {(fw, c): (i, j) for i, (fw, key) in enumerate((("oecd", "oecd_criteria"), ("knoca_area", "knoca_areas"),
                                                            ("knoca_type", "knoca_types")))
             for j, c in enumerate(doc.get(key) or {})}
    keys = [order.get(k, (9, 0)) for k, _ in m.groupby(["framework", "category"], sort=False)]
    out = pd.DataFrame(rows)
    return out.iloc[sorted(range(len(out)), key=lambda i: keys[i])].reset_index(drop=True)


def _indicator_value(value: Any, unit: Any, lang: str) -> str:
    """:func:`_fmt_value`, with hours written out ("57 uur")."""
    if unit == "hours":
        return text("hours", lang, h=fmt_num(value, lang, 0 if float(value).is_integer() else 1))
    return _fmt_value(value, unit, lang)


def scorecard_display(res: FollowUpResult, lang: str) -> pd.DataFrame:
    """The preconditions scorecard for reading: precondition, assessment, evidence, and the data beside it.

    Four columns, so that the evidence has room; the OECD criterion of each precondition is in
    :func:`mapping_table`. The data column names the figure and its value, says when no figure is
    available, or that only an assessor can judge the precondition (plain text; escape when rendering).
    """
    sc = res.scorecard
    data = []
    for _, row in sc.iterrows():
        name = row[f"indicator_label_{lang}"]
        if _missing(row["indicator"]):
            data.append(text("assessor_only", lang))
        elif pd.isna(row["indicator_value"]):
            data.append(f"{name}: {text('no_figure', lang)}")
        else:
            data.append(f"{name}: {_indicator_value(row['indicator_value'], row['indicator_unit'], lang)}")
    return pd.DataFrame({
        text("col_precondition_short", lang): sc[f"label_{lang}"],
        text("col_assessment", lang): sc["assessment"].map(lambda a: _label(a, lang)),
        text("col_evidence", lang): [e if n else text("no_evidence", lang) for e, n in zip(sc["evidence"], sc["evidence_count"])],
        text("col_data", lang): data,
    })
