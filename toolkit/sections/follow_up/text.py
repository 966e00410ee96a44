"""Phrases and sentences of the follow-up section, in Dutch or English.

All of the section's nl/en phrase tables are here, looked up with :func:`toolkit.i18n.tr`:
:data:`LABELS` (codes such as statuses, responses and assessments, figure labels and the headers of
:func:`~toolkit.sections.follow_up.tables.rates_table` and :func:`~toolkit.sections.follow_up.tables.scorecard_table`;
:func:`label`), :data:`TEXT` (headings, captions, the notebook's table headers and the summary lines;
:func:`text`) and :data:`FIGURE_LABELS` (the follow-up figures in the OECD/KNOCA mapping).
:func:`sentences` states what was promised and what happened: plain text, never markup.
"""
from __future__ import annotations

from typing import Any

from toolkit.stats.follow_up.register import STATUS_ORDER
from toolkit.i18n import fmt_date, fmt_int, tr

__all__ = ["LABELS", "TEXT", "FIGURE_LABELS", "label", "text", "sentences"]

#: Codes (statuses, responses, assessments, OECD criteria), figure labels and the headers of the rates
#: and scorecard tables (:func:`label`).
LABELS: dict[str, dict[str, str]] = {
    # alt texts of the charts (toolkit.sections.follow_up.charts)
    "alt_no_recs": {"nl": "Geen aanbevelingen om te tonen.", "en": "No recommendations to show."},
    "alt_status": {"nl": "Gestapelde grafiek van de uitvoeringsstatus van {n} aanbevelingen van {a} tot {b}. Stand op de "
                         "laatste datum: {x}.",
                   "en": "Stacked chart of the implementation status of {n} recommendations from {a} to {b}. State on "
                         "the last date: {x}."},
    "alt_latency": {"nl": "Staafdiagram van {n} aanbevelingen: {on_time} kregen op tijd een formele reactie, {late} te "
                          "laat en {waiting} {verb} nog{since}{term}",
                    "en": "Bar chart of {n} recommendations: {on_time} got a formal response on time, {late} late and "
                          "{waiting} {verb} still waiting{since}{term}"},
    "alt_waits": {"nl": "wacht", "en": "is"},
    "alt_wait": {"nl": "wachten", "en": "are"},
    "alt_since": {"nl": " (al {d} dagen)", "en": " ({d} days so far)"},
    "alt_term": {"nl": ". De stippellijn is de beloofde termijn van {d} dagen.",
                 "en": ". The dashed line is the promised term of {d} days."},
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
    "hist_title": {"nl": "Tijd tot de formele reactie: aantal aanbevelingen", "en": "Time to formal response: number of recommendations"},
    "alt_hist": {"nl": "Histogram van de tijd tot de formele reactie van {k} aanbevelingen (in dagen); {w} wachten nog, {u} onbekend.",
                 "en": "Histogram of the time to formal response of {k} recommendations (in days); {w} still waiting, {u} unknown."},
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


#: Headings, captions, the notebook's table headers and the summary lines (:func:`text`).
TEXT: dict[str, dict[str, str]] = {
    "no_register": {"nl": "Dit forum heeft geen aanbevelingenregister aangeleverd, dus over de politieke opvolging "
                          "kan deze evaluatie niets zeggen.",
                    "en": "This forum supplied no recommendations register, so this evaluation cannot say anything "
                          "about the political follow-up."},
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
    "rates_intro_unweighted": {"nl": "Een formele reactie is elk antwoord van de geadresseerde, ook ‘in overweging’. "
                                     "‘Overgenomen (deels telt half)’ telt een geheel overgenomen aanbeveling als 1 en een "
                                     "deels overgenomen als 0,5; dat is een afspraak, geen meting. Aanbevelingen zonder "
                                     "reactie tellen mee als niet overgenomen. Het register geeft geen steun per "
                                     "aanbeveling, dus er is geen cijfer gewogen naar steun.",
                               "en": "A formal response is any answer from the addressee, including ‘under consideration’. "
                                     "‘Adopted (in part counts half)’ counts a recommendation adopted in full as 1 and one "
                                     "adopted in part as 0.5; that is a convention, not a measurement. Recommendations "
                                     "without a response count as not adopted. The register gives no support per "
                                     "recommendation, so there is no figure weighted by support."},
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
    "preconditions_intro_unassessed": {
        "nl": "De Kamerbrief ‘Aanpak burgerparticipatie en burgerfora’ (17 maart 2023) noemt de randvoorwaarden "
              "waaraan een burgerforum moet voldoen. Voor dit forum is geen beoordeling aangeleverd: per randvoorwaarde "
              "staat hier alleen wat de gegevens erover zeggen, waar ze iets kunnen zeggen. Het oordeel blijft open.",
        "en": "The letter to parliament ‘Aanpak burgerparticipatie en burgerfora’ (17 March 2023) sets out the "
              "preconditions a citizen forum must meet. No assessment was supplied for this forum: for each precondition "
              "this shows only what the data say about it, where they can. The judgement is left open."},
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
    "t_waiting_no_days": {"nl": "wacht nog", "en": "still waiting"},
    "t_not_yet_due": {"nl": "wacht nog ({d}; termijn loopt)", "en": "still waiting ({d}; term not ended)"},
    "t_unknown": {"nl": "onbekend", "en": "unknown"},
    "t_months": {"nl": "{m} mnd (alleen maand bekend)", "en": "{m} months (month only)"},
    "col_handover": {"nl": "Overgedragen", "en": "Handed over"},
    "as_of_forum": {"nl": "De opvolging is beoordeeld op {d}, de peildatum van deze evaluatie.",
                    "en": "The follow-up is assessed as of {d}, the reference date of this evaluation."},
    "as_of_latest": {"nl": "De opvolging is beoordeeld op {d}: de laatste datum in de aangeleverde gegevens, omdat "
                           "de evaluatie geen peildatum noemt. Wat daarna gebeurde, is niet meegenomen.",
                     "en": "The follow-up is assessed as of {d}: the latest date in the data supplied, because the "
                           "evaluation names no reference date. Anything later is not included."},
    "h_events": {"nl": "Wetsvoorstellen, referenda en andere stappen", "en": "Bills, referendums and other steps"},
    "cap_events": {"nl": "Gedateerde stappen na de overdracht, met hun uitkomst en bron",
                   "en": "Dated steps after the handover, with their outcome and source"},
    "col_result": {"nl": "Resultaat", "en": "Result"},
    "bill": {"nl": "wetsvoorstel", "en": "bill"}, "referendum": {"nl": "referendum", "en": "referendum"},
    "committee": {"nl": "commissie", "en": "committee"}, "government": {"nl": "regering", "en": "government"},
    "other": {"nl": "overig", "en": "other"},
    "o_passed": {"nl": "aangenomen", "en": "passed"}, "o_defeated": {"nl": "verworpen", "en": "defeated"},
    "o_published": {"nl": "gepubliceerd", "en": "published"}, "o_established": {"nl": "ingesteld", "en": "established"},
    "h_tally": {"nl": "Telling van de reacties", "en": "Tally of the responses"},
    "tally_intro": {"nl": "Een telling zonder lijst per aanbeveling: wie telde, wanneer, en wat. Een leeg vakje is "
                          "niet opgegeven, geen nul. Tellingen van verschillende beoordelaars staan naast elkaar; "
                          "deze evaluatie kiest er geen uit.",
                    "en": "A tally without a list per recommendation: who counted, when, and what. An empty cell was "
                          "not given, not zero. Tallies of different assessors stand side by side; this evaluation "
                          "does not choose between them."},
    "cap_tally": {"nl": "Tellingen per beoordelaar", "en": "Tallies by assessor"},
    "col_assessor": {"nl": "Beoordelaar", "en": "Assessor"}, "col_unit": {"nl": "Eenheid", "en": "Unit"},
    "col_total": {"nl": "Totaal", "en": "Total"}, "col_responded": {"nl": "Met reactie", "en": "Responded"},
    "col_implemented": {"nl": "Uitgevoerd", "en": "Implemented"}, "col_note": {"nl": "Toelichting", "en": "Note"},
    "h_long": {"nl": "Samenvatting van het register", "en": "Summary of the register"},
    "cap_long": {"nl": "Reactie per thema: aantal aanbevelingen", "en": "Response by theme: number of recommendations"},
    "no_framework": {"nl": "De randvoorwaarden van de Nederlandse Kamerbrief van 17 maart 2023 zijn niet op dit forum "
                           "toegepast: het is geen Nederlands forum en de evaluatie vraagt er niet om.",
                     "en": "The preconditions of the Dutch letter to parliament of 17 March 2023 are not applied to "
                           "this forum: it is not a Dutch forum and the evaluation does not ask for them."},
    "col_evidence": {"nl": "Bewijs", "en": "Evidence"},
    "col_data": {"nl": "Wat de gegevens laten zien", "en": "What the data show"},
    "no_evidence": {"nl": "geen bewijs aangeleverd", "en": "no evidence supplied"},
    "no_figure": {"nl": "geen cijfer beschikbaar", "en": "no figure available"},
    "assessor_only": {"nl": "alleen door een beoordelaar te beoordelen", "en": "only an assessor can judge this"},
    "hours": {"nl": "{h} uur", "en": "{h} hours"},
    # scorecard lines
    "s_preconditions": {"nl": "Randvoorwaarden (Kamerbrief 2023)", "en": "Preconditions (2023 letter)"},
    "s_preconditions_none": {"nl": "Geen van de {n} randvoorwaarden is beoordeeld (geen beoordeling aangeleverd).",
                             "en": "None of the {n} preconditions was assessed (no assessment supplied)."},
    "s_preconditions_line": {"nl": "Van de {n} randvoorwaarden: {met} voldaan, {partly} deels voldaan, {not_met} niet voldaan, {unknown} onbekend (oordeel van de beoordelaar).",
                             "en": "Of the {n} preconditions: {met} met, {partly} partly met, {not_met} not met, {unknown} unknown (the assessor's judgement)."},
    "s_response": {"nl": "Formele reactie", "en": "Formal response"},
    "s_response_line": {"nl": "{k} van de {n} aanbevelingen ({p}) kregen tot {as_of} een formele reactie.",
                        "en": "{k} of the {n} recommendations ({p}) had a formal response by {as_of}."},
    "s_adoption": {"nl": "Overgenomen", "en": "Adopted"},
    "s_adoption_line_unweighted": {"nl": "{a} van de {n} geheel en {b} deels overgenomen: {p} als ‘deels’ half telt.",
                                   "en": "{a} of the {n} adopted in full and {b} in part: {p} when ‘in part’ counts half."},
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
    "s_unknown": {"nl": "Reactie onbekend", "en": "Response unknown"},
    "s_unknown_line": {"nl": "Van {u} van de {n} aanbevelingen is niet bekend of er een reactie kwam; de percentages gaan over de andere {k}.",
                       "en": "For {u} of the {n} recommendations it is not known whether a response came; the percentages are of the other {k}."},
    "s_unknown_all": {"nl": "Van geen van de {n} aanbevelingen is bekend of er een reactie kwam.",
                      "en": "For none of the {n} recommendations is it known whether a response came."},
    "s_on_time_open": {"nl": "{k} van de {m} aanbevelingen waarvan de termijn verstreken is ({p}) kregen een reactie binnen de beloofde {d} dagen; {late} te laat, bij {y} loopt de termijn nog.",
                       "en": "{k} of the {m} recommendations whose term has ended ({p}) had a response within the promised {d} days; {late} late, {y} still within the term."},
    "s_on_time_none_due": {"nl": "Nog niet te zeggen: de beloofde termijn van {d} dagen is op {as_of} nog niet verstreken.",
                           "en": "Not yet possible to say: the promised term of {d} days has not ended on {as_of}."},
    "s_as_of": {"nl": "Peildatum", "en": "As of"},
    "s_tally": {"nl": "Telling", "en": "Tally"},
    "s_tally_line": {"nl": "{who} ({d}): {k} van de {n} {unit} met een reactie.",
                     "en": "{who} ({d}): {k} of the {n} {unit} had a response."},
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
    """A phrase of :data:`TEXT` in `lang`, with `kw` filled in.

    Examples
    --------
    >>> text("s_response", "en")
    'Formal response'
    """
    return tr(key, lang, TEXT, **kw)


# ------------------------------------------------------------------------------ sentences
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
    handovers = sorted({r["handover"] for r in kf.get("recommendations", []) if r.get("handover")})
    if len(handovers) > 1:
        a, b, k = fmt_date(handovers[0], lang), fmt_date(handovers[-1], lang), fmt_int(len(handovers), lang)
        term = ((f" Beloofd was een formele reactie binnen {days} dagen na elke overdracht." if lang == "nl" else
                 f" A formal response was promised within {days} days of each handover.") if days is not None else
                (" Er was geen termijn voor de reactie afgesproken." if lang == "nl" else " No term for the response was agreed."))
        return (f"Het advies is op {k} data overhandigd, van {a} tot {b}; elke aanbeveling telt vanaf haar eigen overdracht."
                if lang == "nl" else
                f"The advice was handed over on {k} dates, from {a} to {b}; each recommendation counts from its own handover.") + term
    if lang == "nl":
        s = f"Het advies is op {h} overhandigd."
        return s + (f" Beloofd was een formele reactie binnen {days} dagen, dus uiterlijk {fmt_date(due, lang)}."
                    if days is not None else " Er was geen termijn voor de reactie afgesproken.")
    s = f"The advice was handed over on {h}."
    return s + (f" A formal response was promised within {days} days, that is by {fmt_date(due, lang)}."
                if days is not None else " No term for the response was agreed.")


def _as_of(kf: dict, lang: str) -> str:
    return text("as_of_latest" if kf.get("as_of_source") == "latest_entry" else "as_of_forum", lang,
                d=fmt_date(kf["as_of"], lang))


def _responses(kf: dict, lang: str) -> list[str]:
    lat, n, a = kf["latency"], kf["n_recommendations"], fmt_date(kf["as_of"], lang)
    nl = lang == "nl"
    if lat.get("n_unknown"):
        u, k = lat["n_unknown"], n - lat["n_unknown"]
        unknown = [text("s_unknown_all" if not k else "s_unknown_line", lang, u=fmt_int(u, lang), n=fmt_int(n, lang),
                        k=fmt_int(k, lang))]
        if lat["n_unknown"] == n:
            return unknown
    else:
        unknown = []
    if not lat["n_responded"]:
        return [f"Op {a} was op geen van de {n} aanbevelingen formeel gereageerd." if nl else
                f"By {a}, none of the {n} recommendations had received a formal response."]
    timing = ""
    if kf["promised_response_days"] is not None and lat.get("n_term_decided", 1):
        timing = (f": {fmt_int(lat['n_on_time'], lang)} binnen de termijn en {fmt_int(lat['n_late'], lang)} te laat" if nl
                  else f": {fmt_int(lat['n_on_time'], lang)} within the term and {fmt_int(lat['n_late'], lang)} late")
    med = fmt_int(lat["median_days_to_response"], lang)
    median = "" if lat["median_days_to_response"] is None else (
        f" De helft van de reacties kwam binnen {med} dagen na de overdracht (mediaan)." if nl else
        f" Half of the responses came within {med} days of the handover (median).")
    out = unknown + [(f"Op {a} was op {lat['n_responded']} van de {n} aanbevelingen formeel gereageerd{timing}." if nl else
                      f"By {a}, {lat['n_responded']} of the {n} recommendations had received a formal response{timing}.")
                     + median]
    if lat["n_waiting"] and lat.get("days_waiting") is not None:
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
    line = (f"Stand van de uitvoering op {a}: " if lang == "nl" else f"State of implementation on {a}: ") + _list(parts, lang)
    if none:
        line += (f"; van {fmt_int(none, lang)} is niets bekend" if lang == "nl" else f"; nothing is known about {fmt_int(none, lang)}")
    return [line + "."]


def _events(kf: dict, lang: str) -> list[str]:
    out = []
    for e in (kf["parliament"].get("events") or []):
        if e["kind"] not in ("bill", "referendum"):
            continue
        what = label(e["kind"], lang) if e["kind"] not in TEXT else text(e["kind"], lang)
        outcome = f" ({text('o_' + e['outcome'], lang)})" if e.get("outcome") else ""
        ref = f" ‘{e['reference']}’" if e.get("reference") else ""
        res = f": {e['result']}" if e.get("result") else ""
        out.append(f"{fmt_date(e['date'], lang)}: {what}{ref}{outcome}{res}.")
    return out


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
    single = p["n_motions"] + p["n_debates"] + p["n_questions"] == 1
    return [("In het parlement volgde" + ("" if single else "n") + " " if nl else "In parliament there followed ")
            + _list(parts, lang) + "."]


def _preconditions(kf: dict, lang: str) -> list[str]:
    if kf.get("preconditions") is None:
        return []
    c = kf["preconditions"]["counts"]
    total = sum(c.values())
    if not total:
        return []
    if c["unknown"] == total:
        return [f"Geen van de {total} randvoorwaarden uit de Kamerbrief van 17 maart 2023 is beoordeeld: er is geen "
                "beoordeling aangeleverd." if lang == "nl" else
                f"None of the {total} preconditions in the letter to parliament of 17 March 2023 was assessed: no "
                "assessment was supplied."]
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
        Output of :func:`toolkit.stats.follow_up.register.key_figures`.
    lang : {"nl", "en"}

    Returns
    -------
    list of str
        Plain text (user-supplied descriptions included as they are: escape when rendering).

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.sections.follow_up.figures import key_figures
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
    return ([_promise(key_figures, lang)] + ([_as_of(key_figures, lang)] if key_figures.get("as_of_source") ==
                                             "latest_entry" else [])
            + (_responses(key_figures, lang) if key_figures["n_recommendations"] else [])
            + _outcomes(key_figures, lang) + _commitments(key_figures, lang) + _implementation(key_figures, lang)
            + _parliament(key_figures, lang) + _events(key_figures, lang) + _preconditions(key_figures, lang))
