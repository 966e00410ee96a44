"""Section glue for the political follow-up: a loaded forum -> the follow-up figures, tables and lines.

Calls the plain functions of :mod:`toolkit.follow_up` with the forum's frames
(``forum.inputs['recommendations']`` and the other frames read together by
:func:`toolkit.intake.register.read_follow_up`) and its settings (``forum.yml follow_up:``).
No file I/O and no plotting here; the notebook ``30_follow_up`` draws the charts with
:mod:`toolkit.views_follow_up` and shows everything through :mod:`toolkit.display` (which escapes).

Data links (docs/follow_up.md, "Data links"): the scorecard of preconditions puts a figure computed
from the forum's own data beside the assessor's judgement. This module computes those it can from
the forum alone: ``public_input_count`` (rows of ``inputs.public_input``), ``session_hours`` (sum of
``inputs.sessions.hours``) and ``members_rating_information_good`` (share of members whose mean
answer on the process items about information lies in the items' agree range, in the last wave that
asked them; the same definition as :func:`toolkit.knowledge.process_quality`). Figures from other
sections (``composition_max_gap``, ``priority_groups_max_gap`` from representativeness) come in
through :data:`LINK_PROVIDERS` (used by :func:`analyse`, so notebook and results.json agree) or
through :func:`figures_with_links`.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Any, Callable, NamedTuple

import pandas as pd

from toolkit import follow_up as fu
from toolkit.sections import cached

__all__ = [
    "FollowUpResult", "analyse", "analyse_with_links", "figures", "figures_with_links", "scorecard_lines",
    "own_data_links", "information_rating", "settings", "LINK_PROVIDERS", "TEXT", "text",
    "overview_table", "texts_table", "implementation_table", "commitments_table", "parliament_table",
    "mapping_table", "scorecard_display", "status_figure", "FIGURE_LABELS",
]

#: Functions ``forum -> {indicator: value}`` adding data links computed by other sections (e.g. the
#: representativeness section's ``composition_max_gap`` and ``priority_groups_max_gap``). Register
#: them before the first :func:`analyse` of a forum; a provider returns ``{}`` when it has no figure.
LINK_PROVIDERS: list[Callable[[Any], dict]] = []


def _representativeness_links(forum) -> dict:
    """Composition gaps from the representativeness section (glue to glue; the analyses stay apart)."""
    from toolkit.sections.representativeness import link_provider

    return link_provider(forum)


LINK_PROVIDERS.append(_representativeness_links)


class FollowUpResult(NamedTuple):
    """Everything the follow-up section shows, as tidy frames (full precision, codes not labels).

    Attributes
    ----------
    key_figures : dict
        :func:`toolkit.follow_up.key_figures` plus ``data_links`` (indicator -> value used).
    register : DataFrame
        One row per recommendation: the register's columns, the :func:`toolkit.follow_up.latency`
        columns (``days_to_response``, ``late``, ``days_waiting``, ``days_overdue``, ``due_date``...)
        and the current implementation ``status``, ``status_date``.
    rates_overall, rates_by_theme, rates_by_addressee : DataFrame
        :func:`toolkit.follow_up.response_rates` overall, by ``theme``, by ``addressed_to``.
    latency : DataFrame
        :func:`toolkit.follow_up.latency`.
    timeline : DataFrame
        :func:`toolkit.follow_up.status_timeline` (``date``, ``recommendation_id``, ``status``).
    current : DataFrame
        :func:`toolkit.follow_up.current_status` on ``as_of``.
    commitments : DataFrame or None
        :func:`toolkit.follow_up.commitments_check`; None without commitments.
    parliament : DataFrame or None
        The parliamentary follow-up as read (motions, debates, questions) up to ``as_of``.
    scorecard : DataFrame
        :func:`toolkit.follow_up.precondition_scorecard` with the data links.
    mapping : DataFrame
        :func:`toolkit.follow_up.oecd_knoca_mapping`.
    data_links : dict
        Indicator -> value beside the assessments (None where no figure is available).
    preconditions : dict
        :func:`toolkit.intake.register.load_preconditions` (labels of the letter and frameworks).
    handover_date, as_of : Timestamp
    promised_days : int or None
    """

    key_figures: dict
    register: pd.DataFrame
    rates_overall: pd.DataFrame
    rates_by_theme: pd.DataFrame
    rates_by_addressee: pd.DataFrame
    latency: pd.DataFrame
    timeline: pd.DataFrame
    current: pd.DataFrame
    commitments: pd.DataFrame | None
    parliament: pd.DataFrame | None
    scorecard: pd.DataFrame
    mapping: pd.DataFrame
    data_links: dict
    preconditions: dict
    handover_date: pd.Timestamp
    as_of: pd.Timestamp
    promised_days: int | None


# ------------------------------------------------------------------------------------ settings
def settings(forum) -> tuple[pd.Timestamp, int | None, pd.Timestamp]:
    """``(handover_date, promised_response_days, as_of)`` from forum.yml.

    ``follow_up.handover_date``, falling back to ``dates.handover``; ``as_of`` defaults to today
    (set it in forum.yml so the report says the same thing on every run).
    """
    cfg = forum.config
    fcfg = cfg.get("follow_up") or {}
    handover = fcfg.get("handover_date") or (cfg.get("dates") or {}).get("handover")
    as_of = fcfg.get("as_of") or dt.date.today()
    days = fcfg.get("promised_response_days")
    return fu._ts(handover), (None if days is None else int(days)), fu._ts(as_of)


# ---------------------------------------------------------------------------------- data links
def information_rating(forum) -> float | None:
    """Share of members who rated the information as good (``members_rating_information_good``).

    Process items whose codebook ``criterion`` mentions information (``information``,
    ``accessible_information``, ``accessible_balanced_information``...); per member the mean of
    their answers to these items in the last wave that asked them; the share of members whose mean
    lies within the items' ``support`` range (default the top two points of the scale). None when
    the codebook has no such items, nobody answered them, or fewer members answered than the
    forum's ``min_cell_size``.
    """
    from toolkit.knowledge import process_quality

    items = {i: spec for i, spec in (forum.codebook.get("items") or {}).items()
             if spec.get("type") == "process" and "inform" in str(spec.get("criterion", "")).lower()}
    r = forum.responses
    if not items or r is None or r.empty:
        return None
    r = r[(r["group"] == "member") & r["item"].isin(list(items)) & r["value"].notna()]
    if r.empty:
        return None
    order = [w["id"] for w in forum.codebook.get("waves", [])]
    asked = [w for w in order if w in set(r["wave"])] or sorted(set(r["wave"]))
    wave = asked[-1]
    first = items[sorted(items)[0]]
    if first.get("support"):
        lo, hi = first["support"]
    elif first.get("scale"):
        lo, hi = first["scale"][1] - 1, first["scale"][1]
    else:
        return None
    r = r[r["wave"] == wave]
    pq = process_quality(r, {"information": sorted(set(r["item"]))}, agree=(lo, hi), wave=wave).iloc[0]
    if pq["n"] < int(forum.config.get("min_cell_size", 5)):
        return None
    return float(pq["share_agree"])


def own_data_links(forum) -> dict[str, Any]:
    """Data links this forum's own inputs give: public input count, session hours, information rating."""
    links: dict[str, Any] = {}
    inputs = forum.inputs or {}
    if inputs.get("public_input") is not None:
        links["public_input_count"] = int(len(inputs["public_input"]))
    sessions = inputs.get("sessions")
    if sessions is not None and len(sessions):
        links["session_hours"] = float(pd.to_numeric(sessions["hours"]).sum())
    info = information_rating(forum)
    if info is not None:
        links["members_rating_information_good"] = info
    return links


# ------------------------------------------------------------------------------------ analysis
def _compute(forum, extra_links: dict | None) -> FollowUpResult | None:
    from toolkit.intake.register import load_preconditions

    inputs = forum.inputs or {}
    register = inputs.get("recommendations")
    if register is None:
        return None
    handover, promised, as_of = settings(forum)
    implementation = inputs.get("implementation")
    parliament = inputs.get("parliament")
    if parliament is not None:
        parliament = parliament[pd.to_datetime(parliament["date"]) <= as_of]
    commitments, assessment, sessions = inputs.get("commitments"), inputs.get("preconditions"), inputs.get("sessions")
    pre = load_preconditions()
    links = own_data_links(forum)
    for provider in LINK_PROVIDERS:
        links.update({k: v for k, v in (provider(forum) or {}).items() if v is not None})
    links.update({k: v for k, v in (extra_links or {}).items() if v is not None})

    kf = fu.key_figures(register, handover_date=handover, promised_days=promised, as_of=as_of,
                        implementation=implementation, parliament=parliament, commitments=commitments,
                        assessment=assessment, preconditions=pre, data_links=links, sessions=sessions)
    # The links key_figures used (it adds its own follow-up figures): the same for the scorecard frame.
    used = {"response_rate": kf["rates"]["overall"]["response_rate"],
            "adoption_rate_partial": kf["rates"]["overall"]["adoption_rate_partial"],
            "share_responded_on_time": kf["latency"]["share_responded_on_time"],
            "implementation_updates": kf["implementation"]["n_updates"],
            **({"session_hours": kf["sessions"]["hours"]} if kf["sessions"] else {}), **links}
    kf["data_links"] = fu._plain(used)
    scorecard = fu.precondition_scorecard(assessment if assessment is not None else
                                          pd.DataFrame({"precondition_id": [], "assessment": []}), pre, used)
    mapping = fu.oecd_knoca_mapping(scorecard, pre, {
        "response_rate": kf["rates"]["overall"]["response_rate"],
        "adoption_rate_partial": kf["rates"]["overall"]["adoption_rate_partial"],
        "share_responded_on_time": kf["latency"]["share_responded_on_time"],
        "share_implemented": kf["implementation"]["share_implemented"],
        "motions_adopted": kf["parliament"]["n_motions_adopted"]})

    entries = implementation if implementation is not None else fu._empty_entries()
    entries = entries[pd.to_datetime(entries["date"]) <= as_of]
    ids = register["id"].tolist()
    lat = fu.latency(register, handover, promised, as_of)
    current = fu.current_status(entries, as_of, ids)
    timeline = fu.status_timeline(entries, as_of, ids, handover_date=handover)
    reg = lat.join(current.set_index("recommendation_id")[["status", "status_date"]], on="id")
    com = (fu.commitments_check(commitments, register, as_of, handover, parliament)
           if commitments is not None and len(commitments) else None)
    return FollowUpResult(
        key_figures=kf, register=reg, rates_overall=fu.response_rates(register),
        rates_by_theme=fu.response_rates(register, "theme"),
        rates_by_addressee=fu.response_rates(register, "addressed_to").sort_values(
            "addressed_to", key=lambda c: c.astype(str).str.casefold(), kind="stable").reset_index(drop=True),
        latency=lat, timeline=timeline, current=current, commitments=com, parliament=parliament,
        scorecard=scorecard, mapping=mapping, data_links=kf["data_links"], preconditions=pre,
        handover_date=handover, as_of=as_of, promised_days=promised)


@cached
def analyse(forum) -> FollowUpResult | None:
    """The follow-up section of a forum; None when the forum has no recommendations register.

    Examples
    --------
    >>> from toolkit.forum import load_forum
    >>> res = analyse(load_forum("surveys/example"))
    >>> res.key_figures["latency"]["n_responded"], res.key_figures["latency"]["n_late"]
    (13, 11)
    >>> analyse(load_forum("surveys/a1r")) is None
    True
    """
    return _compute(forum, None)


def analyse_with_links(forum, extra_links: dict | None = None) -> FollowUpResult | None:
    """:func:`analyse` with extra data links (e.g. ``{"composition_max_gap": 0.12}``); not cached."""
    return analyse(forum) if not extra_links else _compute(forum, extra_links)


def figures(forum) -> dict | None:
    """Key figures for results.json ``follow_up`` (plain JSON types), or None without a register."""
    res = analyse(forum)
    return None if res is None else res.key_figures


def figures_with_links(forum, extra_links: dict | None = None) -> dict | None:
    """:func:`figures` with data links from other sections beside the assessments.

    Parameters
    ----------
    forum : Forum
    extra_links : dict, optional
        Indicator -> value, e.g. ``{"composition_max_gap": 0.12, "priority_groups_max_gap": 0.08}``
        (differences of shares 0-1); None values are ignored. They override this module's own links.
    """
    res = analyse_with_links(forum, extra_links)
    return None if res is None else res.key_figures


# ------------------------------------------------------------------------------- text & labels
#: Phrases of this section (the chart labels and code translations are in toolkit.views_follow_up).
TEXT: dict[str, dict[str, str]] = {
    "title": {"nl": "Politieke opvolging", "en": "Political follow-up"},
    "no_register": {"nl": "Dit forum heeft geen aanbevelingenregister aangeleverd, dus over de politieke opvolging "
                          "kan deze evaluatie niets zeggen. Zie docs/follow_up.md om het register toe te voegen.",
                    "en": "This forum supplied no recommendations register, so this evaluation cannot say anything "
                          "about the political follow-up. See docs/follow_up.md to add one."},
    "h_promised": {"nl": "Wat er beloofd is en wat er gebeurde", "en": "What was promised and what happened"},
    "h_rates": {"nl": "Reacties en overgenomen aanbevelingen", "en": "Responses and adopted recommendations"},
    "h_latency": {"nl": "Tijd tot de reactie", "en": "Time to the response"},
    "h_status": {"nl": "Uitvoering door de tijd", "en": "Implementation over time"},
    "h_commitments": {"nl": "Toezeggingen en parlement", "en": "Commitments and parliament"},
    "h_preconditions": {"nl": "Randvoorwaarden uit de Kamerbrief van 17 maart 2023",
                        "en": "Preconditions of the letter to parliament of 17 March 2023"},
    "h_frameworks": {"nl": "OESO-criteria en KNOCA-impact", "en": "OECD criteria and KNOCA impact"},
    "h_recommendations": {"nl": "De aanbevelingen", "en": "The recommendations"},
    "rates_intro": {"nl": "Een formele reactie is elk antwoord van de geadresseerde, ook ‘in overweging’. "
                          "‘Overgenomen (deels telt half)’ telt een geheel overgenomen aanbeveling als 1 en een deels "
                          "overgenomen als 0,5; dat is een afspraak, geen meting. ‘Gewogen naar steun’ telt zwaarder wat "
                          "een groter deel van het forum steunde. Aanbevelingen zonder reactie tellen mee als niet overgenomen.",
                    "en": "A formal response is any answer from the addressee, including ‘under consideration’. "
                          "‘Adopted (in part counts half)’ counts a recommendation adopted in full as 1 and one adopted "
                          "in part as 0.5; that is a convention, not a measurement. ‘Weighted by support’ gives more "
                          "weight to what more of the forum backed. Recommendations without a response count as not adopted."},
    "cap_rates_overall": {"nl": "Reacties en overname, alle aanbevelingen", "en": "Responses and adoption, all recommendations"},
    "cap_rates_theme": {"nl": "Reacties en overname per thema", "en": "Responses and adoption by theme"},
    "cap_rates_addressee": {"nl": "Reacties en overname per geadresseerde", "en": "Responses and adoption by addressee"},
    "cap_latency": {"nl": "Elke balk is een aanbeveling: het aantal dagen van de overdracht tot de formele reactie, "
                          "of tot {as_of} als er nog geen reactie is. De nummers staan in de tabel ‘De aanbevelingen’.",
                    "en": "Each bar is one recommendation: days from the handover to the formal response, or to "
                          "{as_of} when there is no response yet. The numbers are listed in the table ‘The recommendations’."},
    "cap_status": {"nl": "Aantal aanbevelingen per uitvoeringsstatus, van de overdracht ({h}) tot {as_of}.",
                   "en": "Number of recommendations per implementation status, from the handover ({h}) to {as_of}."},
    "cap_current": {"nl": "Stand van de uitvoering op {as_of}", "en": "State of implementation on {as_of}"},
    "col_status": {"nl": "Status", "en": "Status"},
    "col_precondition_short": {"nl": "Randvoorwaarde", "en": "Precondition"},
    "col_assessment": {"nl": "Oordeel", "en": "Assessment"},
    "col_n": {"nl": "Aantal aanbevelingen", "en": "Number of recommendations"},
    "col_ids": {"nl": "Aanbevelingen", "en": "Recommendations"},
    "no_commitments": {"nl": "Er zijn geen toezeggingen vooraf aangeleverd.",
                       "en": "No commitments made up front were supplied."},
    "cap_commitments": {"nl": "Toezeggingen vooraf en of ze zijn nagekomen (stand op {as_of})",
                        "en": "Commitments made up front and whether they were kept (as of {as_of})"},
    "col_commitment": {"nl": "Toezegging", "en": "Commitment"},
    "col_due": {"nl": "Uiterlijk", "en": "Due"},
    "col_verdict": {"nl": "Nagekomen?", "en": "Kept?"},
    "col_basis": {"nl": "Vastgesteld uit", "en": "Decided from"},
    "col_detail": {"nl": "Toelichting", "en": "Detail"},
    "col_where": {"nl": "Vindplaats", "en": "Source"},
    "basis_data": {"nl": "de gegevens", "en": "the data"},
    "basis_stated": {"nl": "opgave van de gebruiker", "en": "the user's statement"},
    "c_met": {"nl": "ja", "en": "yes"}, "c_not_met": {"nl": "nee", "en": "no"},
    "c_pending": {"nl": "nog niet; termijn loopt", "en": "not yet; term still running"},
    "c_unknown": {"nl": "onbekend", "en": "unknown"},
    "c_on": {"nl": "op {d}", "en": "on {d}"},
    "c_on_time": {"nl": "{k} van de {n} aanbevelingen op tijd beantwoord", "en": "{k} of {n} recommendations answered on time"},
    "c_debates": {"nl": "{n} debatten gevoerd", "en": "{n} debates held"},
    "c_debate": {"nl": "1 debat gevoerd", "en": "1 debate held"},
    "c_inconsistent": {"nl": "wijkt af van de opgave van de gebruiker", "en": "differs from the user's statement"},
    "cap_parliament": {"nl": "Moties, debatten en Kamervragen", "en": "Motions, debates and parliamentary questions"},
    "col_date": {"nl": "Datum", "en": "Date"},
    "col_kind": {"nl": "Soort", "en": "Kind"},
    "col_about": {"nl": "Over", "en": "About"},
    "col_reference": {"nl": "Kenmerk", "en": "Reference"},
    "col_outcome": {"nl": "Uitkomst", "en": "Outcome"},
    "whole_advice": {"nl": "het hele advies", "en": "the advice as a whole"},
    "motion": {"nl": "motie", "en": "motion"}, "debate": {"nl": "debat", "en": "debate"},
    "question": {"nl": "Kamervragen", "en": "parliamentary questions"},
    "o_adopted": {"nl": "aangenomen", "en": "adopted"}, "o_rejected": {"nl": "verworpen", "en": "rejected"},
    "o_withdrawn": {"nl": "ingetrokken", "en": "withdrawn"}, "o_pending": {"nl": "aangehouden", "en": "pending"},
    "o_held": {"nl": "gevoerd", "en": "held"}, "o_answered": {"nl": "beantwoord", "en": "answered"},
    "preconditions_intro": {"nl": "De Kamerbrief ‘Aanpak burgerparticipatie en burgerfora’ (17 maart 2023) noemt de "
                                  "randvoorwaarden waaraan een burgerforum moet voldoen. Per randvoorwaarde staat hier het "
                                  "oordeel van de beoordelaar met het bewijs, en waar de gegevens iets kunnen zeggen het cijfer "
                                  "uit deze evaluatie ernaast. Het cijfer vervangt het oordeel niet.",
                            "en": "The letter to parliament ‘Aanpak burgerparticipatie en burgerfora’ (17 March 2023) sets "
                                  "out the preconditions a citizen forum must meet. For each precondition this shows the "
                                  "assessor's judgement with its evidence and, where the data can speak, the figure from "
                                  "this evaluation beside it. The figure does not replace the judgement."},
    "cap_scorecard": {"nl": "Randvoorwaarden: oordeel, bewijs en wat de gegevens laten zien",
                      "en": "Preconditions: assessment, evidence and what the data show"},
    "frameworks_intro": {"nl": "De OESO-richtlijnen voor de evaluatie van deliberatieve processen (2021) beoordelen een "
                                 "forum op drie criteria; het KNOCA-raamwerk (2024) beschrijft waar een forum effect heeft "
                                 "(gebieden) en wat voor effect (typen). Hieronder staat welke randvoorwaarden en cijfers "
                                 "bij elk criterium, gebied en type horen. Die indeling is een keuze van deze toolkit.",
                         "en": "The OECD evaluation guidelines for deliberative processes (2021) judge a forum on three "
                               "criteria; the KNOCA framework (2024) describes where a forum has impact (areas) and what "
                               "kind of impact (types). Below is which preconditions and figures belong to each criterion, "
                               "area and type. The mapping is this toolkit's judgement."},
    "cap_mapping": {"nl": "Randvoorwaarden en cijfers per OESO-criterium en KNOCA-gebied en -type",
                    "en": "Preconditions and figures by OECD criterion and KNOCA area and type"},
    "col_framework": {"nl": "Kader", "en": "Framework"},
    "col_category": {"nl": "Criterium, gebied of type", "en": "Criterion, area or type"},
    "col_preconditions": {"nl": "Randvoorwaarden (oordeel)", "en": "Preconditions (assessment)"},
    "col_figures": {"nl": "Cijfers uit deze evaluatie", "en": "Figures from this evaluation"},
    "no_figures": {"nl": "geen cijfers uit de opvolging", "en": "no follow-up figures"},
    "fw_oecd": {"nl": "OESO-criterium", "en": "OECD criterion"},
    "fw_knoca_area": {"nl": "KNOCA-gebied", "en": "KNOCA area"},
    "fw_knoca_type": {"nl": "KNOCA-type", "en": "KNOCA type"},
    "cap_overview": {"nl": "Aanbevelingen, reactie en uitvoering (stand op {as_of})",
                     "en": "Recommendations, response and implementation (as of {as_of})"},
    "cap_texts": {"nl": "Tekst van de aanbevelingen en de redenen in de reactie",
                  "en": "Text of the recommendations and the reasons given in the response"},
    "col_id": {"nl": "Nr.", "en": "No."},
    "col_title": {"nl": "Titel", "en": "Title"},
    "col_theme": {"nl": "Thema", "en": "Theme"},
    "col_addressed": {"nl": "Gericht aan", "en": "Addressed to"},
    "col_support": {"nl": "Steun in het forum", "en": "Support in the forum"},
    "col_response": {"nl": "Reactie", "en": "Response"},
    "col_response_date": {"nl": "Datum reactie", "en": "Date of response"},
    "col_timing": {"nl": "Dagen tot reactie", "en": "Days to response"},
    "col_implementation": {"nl": "Uitvoering", "en": "Implementation"},
    "col_text": {"nl": "Aanbeveling", "en": "Recommendation"},
    "col_reasons": {"nl": "Redenen in de reactie", "en": "Reasons given"},
    "col_source": {"nl": "Bron van de reactie", "en": "Source of the response"},
    "t_on_time": {"nl": "{d} (op tijd)", "en": "{d} (on time)"},
    "t_late": {"nl": "{d} ({o} te laat)", "en": "{d} ({o} late)"},
    "t_no_term": {"nl": "{d}", "en": "{d}"},
    "t_waiting": {"nl": "wacht nog ({d})", "en": "still waiting ({d})"},
    "col_evidence": {"nl": "Bewijs", "en": "Evidence"},
    "col_data": {"nl": "Wat de gegevens laten zien", "en": "What the data show"},
    "no_evidence": {"nl": "geen bewijs aangeleverd", "en": "no evidence supplied"},
    "no_figure": {"nl": "geen cijfer beschikbaar", "en": "no figure available"},
    "assessor_only": {"nl": "alleen door een beoordelaar te beoordelen", "en": "only an assessor can judge this"},
    "hours": {"nl": "{h} uur", "en": "{h} hours"},
    # scorecard lines
    "s_preconditions": {"nl": "Randvoorwaarden (Kamerbrief 2023)", "en": "Preconditions (2023 letter)"},
    "s_preconditions_line": {"nl": "Van de {n} randvoorwaarden: {met} voldaan, {partly} deels voldaan, {not_met} niet voldaan, {unknown} onbekend (oordeel van de beoordelaar).",
                             "en": "Of the {n} preconditions: {met} met, {partly} partly met, {not_met} not met, {unknown} unknown (the assessor's judgement)."},
    "s_response": {"nl": "Formele reactie", "en": "Formal response"},
    "s_response_line": {"nl": "{k} van de {n} aanbevelingen ({p}) kregen tot {as_of} een formele reactie.",
                        "en": "{k} of the {n} recommendations ({p}) had a formal response by {as_of}."},
    "s_adoption": {"nl": "Overgenomen", "en": "Adopted"},
    "s_adoption_line": {"nl": "{a} van de {n} geheel en {b} deels overgenomen: {p} als ‘deels’ half telt ({w} gewogen naar de steun in het forum).",
                        "en": "{a} of the {n} adopted in full and {b} in part: {p} when ‘in part’ counts half ({w} weighted by the forum's support)."},
    "s_on_time": {"nl": "Reactie op tijd", "en": "Response on time"},
    "s_on_time_line": {"nl": "{k} van de {n} aanbevelingen ({p}) kregen een reactie binnen de beloofde {d} dagen (uiterlijk {due}); {late} te laat.",
                       "en": "{k} of the {n} recommendations ({p}) had a response within the promised {d} days (by {due}); {late} late."},
    "s_no_term": {"nl": "Er was geen termijn voor de reactie afgesproken.", "en": "No term for the response was agreed."},
    "s_waiting": {"nl": "Wacht nog op reactie", "en": "Still waiting"},
    "s_waiting_line": {"nl": "{k} van de {n} aanbevelingen wachten op {as_of} nog op een formele reactie, {d} dagen na de overdracht.",
                       "en": "{k} of the {n} recommendations are still waiting for a formal response on {as_of}, {d} days after the handover."},
    "s_waiting_one": {"nl": "1 van de {n} aanbevelingen wacht op {as_of} nog op een formele reactie, {d} dagen na de overdracht.",
                      "en": "1 of the {n} recommendations is still waiting for a formal response on {as_of}, {d} days after the handover."},
    "s_waiting_none": {"nl": "Geen: op alle {n} aanbevelingen is formeel gereageerd.",
                       "en": "None: all {n} recommendations had a formal response."},
    "s_empty": {"nl": "Het register bevat geen aanbevelingen.", "en": "The register holds no recommendations."},
}

#: Labels of the follow-up figures in the OECD/KNOCA mapping.
FIGURE_LABELS = {
    "response_rate": {"nl": "met formele reactie", "en": "with a formal response"},
    "adoption_rate_partial": {"nl": "overgenomen (deels telt half)", "en": "adopted (in part counts half)"},
    "share_responded_on_time": {"nl": "reactie op tijd", "en": "response on time"},
    "share_implemented": {"nl": "uitgevoerd", "en": "implemented"},
    "motions_adopted": {"nl": "aangenomen moties", "en": "motions adopted"},
}


def text(key: str, lang: str, **kw: Any) -> str:
    """A phrase of this section in `lang`, with `kw` filled in.

    Examples
    --------
    >>> text("title", "en")
    'Political follow-up'
    """
    from toolkit.i18n import tr

    return tr(key, lang, TEXT, **kw)


# ------------------------------------------------------------------------------ summary lines
def _count(x: Any) -> int:
    return 0 if x is None else int(x)


def scorecard_lines(kf: dict, lang: str) -> list[tuple[str, str]]:
    """Lines of the summary scorecard, computed only from the key figures (results.json ``follow_up``).

    Examples
    --------
    >>> from toolkit.forum import load_forum
    >>> for topic, finding in scorecard_lines(figures(load_forum("surveys/example")), "en"):
    ...     print(f"{topic}: {finding}")
    Preconditions (2023 letter): Of the 11 preconditions: 4 met, 6 partly met, 0 not met, 1 unknown (the assessor's judgement).
    Formal response: 13 of the 16 recommendations (81%) had a formal response by 14 November 2025.
    Adopted: 5 of the 16 adopted in full and 4 in part: 44% when ‘in part’ counts half (45% weighted by the forum's support).
    Response on time: 2 of the 16 recommendations (13%) had a response within the promised 90 days (by 13 August 2025); 11 late.
    Still waiting: 3 of the 16 recommendations are still waiting for a formal response on 14 November 2025, 183 days after the handover.
    """
    from toolkit.i18n import fmt_date, fmt_int, fmt_pct

    n = _count(kf.get("n_recommendations"))
    if not n:
        return [(text("s_response", lang), text("s_empty", lang))]
    lines = []
    counts = (kf.get("preconditions") or {}).get("counts") or {}
    if sum(counts.values()):
        lines.append((text("s_preconditions", lang), text(
            "s_preconditions_line", lang, n=fmt_int(sum(counts.values()), lang), met=fmt_int(_count(counts.get("met")), lang),
            partly=fmt_int(_count(counts.get("partly_met")), lang), not_met=fmt_int(_count(counts.get("not_met")), lang),
            unknown=fmt_int(_count(counts.get("unknown")), lang))))
    o, lat, as_of = kf["rates"]["overall"], kf["latency"], fmt_date(kf["as_of"], lang)
    lines.append((text("s_response", lang), text("s_response_line", lang, k=fmt_int(o["n_responded"], lang),
                                                 n=fmt_int(n, lang), p=fmt_pct(o["response_rate"], lang), as_of=as_of)))
    lines.append((text("s_adoption", lang), text("s_adoption_line", lang, a=fmt_int(o["n_adopted"], lang),
                                                 b=fmt_int(o["n_adopted_in_part"], lang), n=fmt_int(n, lang),
                                                 p=fmt_pct(o["adoption_rate_partial"], lang),
                                                 w=fmt_pct(o.get("weighted_adoption_rate_partial"), lang))))
    if kf.get("promised_response_days") is None:
        lines.append((text("s_on_time", lang), text("s_no_term", lang)))
    else:
        lines.append((text("s_on_time", lang), text(
            "s_on_time_line", lang, k=fmt_int(lat["n_on_time"], lang), n=fmt_int(n, lang),
            p=fmt_pct(lat["share_responded_on_time"], lang), d=fmt_int(kf["promised_response_days"], lang),
            due=fmt_date(kf["response_due_date"], lang), late=fmt_int(lat["n_late"], lang))))
    k = _count(lat.get("n_waiting"))
    key = "s_waiting_none" if not k else "s_waiting_one" if k == 1 else "s_waiting_line"
    lines.append((text("s_waiting", lang), text(key, lang, k=fmt_int(k, lang), n=fmt_int(n, lang), as_of=as_of,
                                                d=fmt_int(lat.get("days_waiting"), lang))))
    return lines


# ------------------------------------------------------------------------ tables for the notebook
def _label(code: Any, lang: str) -> str:
    from toolkit.views_follow_up import label

    return "–" if code is None or (isinstance(code, float) and math.isnan(code)) else label(code, lang)


def _date(d: Any, lang: str) -> str:
    from toolkit.i18n import fmt_date

    return "–" if d is None or pd.isna(d) else fmt_date(pd.Timestamp(d).date(), lang)


def _plain_text(v: Any) -> str:
    return "–" if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or str(v).strip() == "" else str(v)


def _timing(row: pd.Series, lang: str) -> str:
    from toolkit.i18n import fmt_int

    if row["waiting"]:
        return text("t_waiting", lang, d=fmt_int(row["days_waiting"], lang))
    d = fmt_int(row["days_to_response"], lang)
    if pd.isna(row["late"]):
        return text("t_no_term", lang, d=d)
    if bool(row["late"]):
        return text("t_late", lang, d=d, o=fmt_int(row["days_overdue"], lang))
    return text("t_on_time", lang, d=d)


def overview_table(res: FollowUpResult, lang: str) -> pd.DataFrame:
    """One row per recommendation: id, title, theme, addressee, support, response, date, timing, status.

    Plain text cells (escape when rendering: titles are user input)."""
    from toolkit.i18n import fmt_pct

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
    from toolkit.i18n import fmt_int

    cur = res.current
    rows = []
    for s in reversed(fu.STATUS_ORDER):
        ids = cur.loc[cur["status"] == s, "recommendation_id"].tolist()
        if ids:
            rows.append({text("col_status", lang): _label(s, lang), text("col_n", lang): fmt_int(len(ids), lang),
                         text("col_ids", lang): ", ".join(map(str, ids))})
    return pd.DataFrame(rows, columns=[text("col_status", lang), text("col_n", lang), text("col_ids", lang)])


def commitments_table(res: FollowUpResult, lang: str) -> pd.DataFrame | None:
    """Each commitment made up front, whether it was kept, and on what basis; None without commitments."""
    from toolkit.i18n import fmt_int

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
    p = p.sort_values("date", kind="stable")
    about = p["recommendation_id"].map(lambda v: text("whole_advice", lang) if _plain_text(v) == "–" else str(v))
    return pd.DataFrame({
        text("col_date", lang): p["date"].map(lambda d: _date(d, lang)),
        text("col_kind", lang): p["kind"].map(lambda k: text(str(k), lang)),
        text("col_about", lang): about,
        text("col_reference", lang): p["reference"].map(_plain_text) if "reference" in p else "–",
        text("col_outcome", lang): (p["outcome"].map(lambda o: "–" if _plain_text(o) == "–" else text(f"o_{o}", lang))
                                    if "outcome" in p else "–"),
    }).reset_index(drop=True)


def _figure_value(fig: str, value: Any, lang: str) -> str:
    from toolkit.i18n import fmt_int, fmt_pct

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
    from toolkit.i18n import fmt_int, fmt_num, fmt_pct, fmt_pp

    if unit == "share":
        return fmt_pct(value, lang)
    if unit == "percentage_points":
        return fmt_pp(value, lang)
    if unit == "count":
        return fmt_int(value, lang)
    if unit == "hours":
        return text("hours", lang, h=fmt_num(value, lang, 0 if float(value).is_integer() else 1))
    return fmt_num(value, lang, 1)


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
        if row["indicator"] is None or (isinstance(row["indicator"], float) and math.isnan(row["indicator"])):
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


def status_figure(res: FollowUpResult, lang: str):
    """:func:`toolkit.views_follow_up.status_chart` with the months on the time axis written out in `lang`.

    Returns
    -------
    (Figure, str)
        The figure and its alt text.
    """
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    from toolkit.i18n import fmt_date
    from toolkit.views_follow_up import status_chart

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
