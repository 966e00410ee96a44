"""The summary: a one-screen scorecard whose every line comes from results.json and links to its section."""
from __future__ import annotations

import html

from toolkit.i18n import fmt_int, tr
from toolkit.sections import section

__all__ = ["scorecard_rows", "scorecard_html", "scorecard_table", "STRINGS"]

STRINGS = {
    "topic": {"nl": "Onderwerp", "en": "Topic"},
    "finding": {"nl": "Bevinding", "en": "Finding"},
    "cap": {"nl": "Scorekaart: de kern van deze evaluatie", "en": "Scorecard: the core of this evaluation"},
    "data": {"nl": "Gegevens", "en": "Data"},
    "data_line": {"nl": "{n_in} records ingelezen, {n_an} geanalyseerd, {n_ex} uitgesloten{answers}.",
                  "en": "{n_in} records read, {n_an} analysed, {n_ex} excluded{answers}."},
    "data_answers": {"nl": "; daarnaast {n} losse antwoorden buiten beschouwing", "en": "; {n} single answers left out besides"},
    "respondents": {"nl": "Deelnemers", "en": "Participants"},
    "resp_line": {"nl": "{m} forumleden{c}.", "en": "{m} forum members{c}."},
    "resp_control": {"nl": " en {c} personen in de controlegroep", "en": " and {c} people in the control group"},
    "no_surveys": {"nl": "Geen enquêtes: dit forum levert geen antwoorden van deelnemers aan.",
                   "en": "No surveys: this forum supplies no participants' answers."},
    "not_available": {"nl": "Niet beschikbaar: dit forum levert hiervoor geen gegevens aan.",
                      "en": "Not available: this forum supplies no data for it."},
    "see": {"nl": "naar de sectie", "en": "go to section"},
}


def _row(topic: str, finding: str, anchor: str | None) -> tuple[str, str, str | None]:
    return topic, finding, anchor


def scorecard_rows(results: dict, lang: str, section_lines: dict | None = None) -> list[tuple[str, str, str | None]]:
    """(topic, finding, anchor) lines of the scorecard.

    `section_lines` maps a results key (``representativeness``...) to a function
    ``f(section_results, lang) -> list of (topic, finding)`` supplied by that section's views.
    """
    e, f = results["exclusions"], results["forum"]
    c = f["respondents"]["control"]
    surveys = bool(f["waves"])  # without survey exports nobody answered: no count of respondents, no records
    rows = [_row(tr("respondents", lang, STRINGS),
                 tr("resp_line", lang, STRINGS, m=fmt_int(f["respondents"]["member"], lang),
                    c=tr("resp_control", lang, STRINGS, c=fmt_int(c, lang)) if c else "")
                 if surveys else tr("no_surveys", lang, STRINGS), "data")]
    for key, func in (section_lines or {}).items():
        sec = results.get(key)
        if sec is None:
            rows.append(_row(section(key).short_title[lang], tr("not_available", lang, STRINGS), None))
            continue
        rows += [_row(t, fnd, key) for t, fnd in func(sec, lang)]
    if not surveys:
        return rows
    rows.append(_row(tr("data", lang, STRINGS),
                     tr("data_line", lang, STRINGS, n_in=fmt_int(e["records_in"], lang), n_an=fmt_int(e["analysed"], lang),
                        n_ex=fmt_int(e["excluded_records"], lang),
                        answers=tr("data_answers", lang, STRINGS, n=fmt_int(e["excluded_answers"], lang)) if e["excluded_answers"] else ""),
                     "data"))
    return rows


def scorecard_html(rows: list[tuple[str, str, str | None]], lang: str) -> str:
    """The scorecard as an accessible table; each finding links to its section."""
    body = []
    for topic, finding, anchor in rows:
        link = (f' <a href="#{html.escape(anchor)}" aria-label="{html.escape(tr("see", lang, STRINGS))}: {html.escape(topic)}">→</a>'
                if anchor else "")
        body.append(f"<tr><th scope=\"row\">{html.escape(topic)}</th><td>{html.escape(finding)}{link}</td></tr>")
    head = f'<thead><tr><th scope="col">{html.escape(tr("topic", lang, STRINGS))}</th><th scope="col">{html.escape(tr("finding", lang, STRINGS))}</th></tr></thead>'
    return (f'<table class="report-table scorecard"><caption>{html.escape(tr("cap", lang, STRINGS))}</caption>'
            f"{head}<tbody>{''.join(body)}</tbody></table>")


def scorecard_table(rows: list[tuple[str, str, str | None]], lang: str):
    """The scorecard as ``(frame, caption)``: what the exports keep of :func:`scorecard_html`.

    Examples
    --------
    >>> frame, caption = scorecard_table([("Data", "10 records read.", "data")], "en")
    >>> frame.to_dict("records"), caption
    ([{'Topic': 'Data', 'Finding': '10 records read.'}], 'Scorecard: the core of this evaluation')
    """
    import pandas as pd

    frame = pd.DataFrame([(topic, finding) for topic, finding, _ in rows],
                         columns=[tr("topic", lang, STRINGS), tr("finding", lang, STRINGS)])
    return frame, tr("cap", lang, STRINGS)
