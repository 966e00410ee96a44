"""Phrases of the attitudes section, in Dutch or English, and the small rules that pick them.

All of the section's nl/en phrases are here, looked up with :func:`toolkit.i18n.tr`: :data:`LABELS`
(figure labels, groups and the OECD process criteria) and :data:`TEXT` (summary lines, table headers,
sentences; :func:`t`). The sentences built from them are in :mod:`toolkit.sections.attitudes.sentences`.
Everything is plain text, never markup (item labels come from the codebook: escape when rendering). A
change is called a change only where :func:`is_clear_change` holds.
"""
from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping
from typing import Any

from toolkit.forum.config import text
from toolkit.i18n import fmt_int, tr

__all__ = ["LABELS", "TEXT", "t", "label_phrase", "item_label", "is_value", "is_clear_change", "did_is_clear",
           "short_label", "criterion_label", "span_text"]

#: Figure labels, group names and the OECD (2021) process criteria.
LABELS: dict[str, dict[str, str]] = {
    "member": {"nl": "forumleden", "en": "forum members"},
    "control": {"nl": "controlegroep", "en": "control group"},
    "forest_title": {"nl": "Gestandaardiseerde verandering per vraag ({wf} → {wt})",
                     "en": "Standardized change per question ({wf} → {wt})"},
    "forest_x": {"nl": "Verandering in standaarddeviaties van de veranderingen (d_z), met 95%-interval",
                 "en": "Change in standard deviations of the changes (d_z), with 95% interval"},
    "clear": {"nl": "duidelijke verandering (Holm p < 0,05)", "en": "clear change (Holm p < .05)"},
    "unclear": {"nl": "geen duidelijke verandering", "en": "no clear change"},
    "share": {"nl": "Aandeel van de antwoorden", "en": "Share of answers"},
    "answer": {"nl": "Antwoord", "en": "Answer"},
    "knowledge_title": {"nl": "Kennisscore per meting", "en": "Knowledge score per wave"},
    "knowledge_y": {"nl": "Gemiddeld aandeel goede antwoorden (95%-interval)",
                    "en": "Mean share of correct answers (95% interval)"},
    "mean_y": {"nl": "Gemiddelde (95%-interval)", "en": "Mean (95% interval)"},
    "wave": {"nl": "Meting", "en": "Wave"},
    # OECD (2021) member-survey criteria, as the synthetic codebook names them
    "neutral_facilitation": {"nl": "neutrale gespreksleiding", "en": "neutral facilitation"},
    "accessible_balanced_information": {"nl": "toegankelijke en evenwichtige informatie",
                                        "en": "accessible and balanced information"},
    "equal_chance_to_speak": {"nl": "gelijke kans om te spreken", "en": "equal chance to speak"},
    "respect": {"nl": "respect", "en": "respect"},
    "free_decision": {"nl": "vrije oordeelsvorming", "en": "free decision-making"},
}

#: Summary lines, table headers and sentences (:func:`t`).
TEXT: dict[str, dict[str, str]] = {
    # summary scorecard lines (toolkit.sections.attitudes.result.scorecard_lines)
    "topic_att": {"nl": "Opvattingen", "en": "Attitudes"},
    "topic_kn": {"nl": "Kennis", "en": "Knowledge"},
    "topic_did": {"nl": "Vergelijking met controlegroep", "en": "Comparison with control group"},
    "topic_proc": {"nl": "Proceskwaliteit (oordeel leden)", "en": "Process quality (members' view)"},
    "att_line": {"nl": "{k} van de {n} stellingen veranderden duidelijk bij forumleden ({wf} → {wt}, na Holm-correctie){ex}.",
                 "en": "{k} of {n} statements changed clearly among forum members ({wf} → {wt}, after Holm correction){ex}."},
    "att_ex": {"nl": "; o.a. {x}", "en": "; e.g. {x}"},
    "support_of": {"nl": "steun {a} → {b}", "en": "support {a} → {b}"},
    "kn_clear": {"nl": "Forumleden hadden {a} van de kennisvragen goed ({wf}) en {b} ({wt}): {pp}.",
                 "en": "Forum members answered {a} of the quiz questions correctly ({wf}) and {b} ({wt}): {pp}."},
    "kn_none": {"nl": "Geen duidelijke verandering in kennis van forumleden ({wf} → {wt}: {a} → {b}).",
                "en": "No clear change in members' knowledge ({wf} → {wt}: {a} → {b})."},
    "did_clear": {"nl": "'{x}' veranderde bij forumleden {d} punt meer dan in de controlegroep ({wf} → {wt}, 95%-interval {ci}).",
                  "en": "'{x}' changed by {d} points more among members than in the control group ({wf} → {wt}, 95% interval {ci})."},
    "did_none": {"nl": "De verandering in '{x}' verschilde niet duidelijk van die in de controlegroep ({wf} → {wt}: {d}, 95%-interval {ci}).",
                 "en": "The change in '{x}' did not clearly differ from the control group ({wf} → {wt}: {d}, 95% interval {ci})."},
    "proc_line": {"nl": "Per OESO-criterium was {lo} tot {hi} van de leden het eens (laagst: {low}).",
                  "en": "Per OECD criterion, {lo} to {hi} of members agreed (lowest: {low})."},
    "proc_line_one": {"nl": "{lo} van de leden was het eens over {low} (één OESO-criterium gevraagd).",
                      "en": "{lo} of members agreed on {low} (one OECD criterion asked)."},
    # headers of the display tables (toolkit.sections.attitudes.tables)
    "question": {"nl": "Vraag of schaal", "en": "Question or scale"},
    "n_pairs": {"nl": "n (beide metingen)", "en": "n (both waves)"},
    "n": {"nl": "n", "en": "n"},
    "mean_from": {"nl": "Gemiddelde {w}", "en": "Mean {w}"},
    "change": {"nl": "Verandering [95%-interval]", "en": "Change [95% interval]"},
    "d_z": {"nl": "d_z", "en": "d_z"},
    "p_holm": {"nl": "p (Holm)", "en": "p (Holm)"},
    "support": {"nl": "Steun {w}", "en": "Support {w}"},
    "means": {"nl": "Gemiddelde {a} → {b}", "en": "Mean {a} → {b}"},
    "supports": {"nl": "Steun {a} → {b}", "en": "Support {a} → {b}"},
    "supports_paired": {"nl": "Steun bij wie beide invulde (McNemar)", "en": "Support, answered both (McNemar)"},
    "clear": {"nl": "Duidelijke verandering", "en": "Clear change"},
    "vs": {"nl": "t.o.v.", "en": "vs"},
    "quiz": {"nl": "Kennisvraag", "en": "Quiz question"},
    "yes": {"nl": "ja", "en": "yes"}, "no": {"nl": "nee", "en": "no"},
    "waves": {"nl": "Metingen", "en": "Waves"},
    "did": {"nl": "Verschil-in-verschillen [95%-interval]", "en": "Difference-in-differences [95% interval]"},
    "p": {"nl": "p", "en": "p"},
    "persons": {"nl": "Personen", "en": "Persons"},
    "subgroup": {"nl": "Subgroep", "en": "Subgroup"},
    "variable": {"nl": "Kenmerk", "en": "Characteristic"},
    "compared": {"nl": "Vergeleken (t.o.v. referentie)", "en": "Compared (vs reference)"},
    "diff_change": {"nl": "Verschil in verandering [95%-interval]", "en": "Difference in change [95% interval]"},
    "wave": {"nl": "Meting", "en": "Wave"},
    "sd": {"nl": "Standaarddeviatie", "en": "Standard deviation"},
    "agreement": {"nl": "Overeenstemming A", "en": "Agreement A"},
    "bimodality": {"nl": "Bimodaliteit", "en": "Bimodality"},
    "mean": {"nl": "Gemiddelde", "en": "Mean"},
    "gap_from": {"nl": "Verschil {w}", "en": "Gap {w}"},
    "gap_change": {"nl": "Verandering verschil [95%-interval]", "en": "Change in gap [95% interval]"},
    "narrowed": {"nl": "Kleiner geworden?", "en": "Narrowed?"},
    "narrow_clear": {"nl": "ja, duidelijk", "en": "yes, clearly"},
    "narrow_weak": {"nl": "kleiner, niet duidelijk", "en": "smaller, not clearly"},
    "criterion": {"nl": "Criterium (OESO)", "en": "Criterion (OECD)"},
    "items": {"nl": "Vragen", "en": "Questions"},
    "mean_15": {"nl": "Gemiddelde [95%-interval]", "en": "Mean [95% interval]"},
    "agree": {"nl": "Eens [95%-interval]", "en": "Agree [95% interval]"},
    "group": {"nl": "Groep", "en": "Group"},
    "pattern": {"nl": "Deelgenomen aan", "en": "Took part in"},
    "share": {"nl": "Aandeel", "en": "Share"},
    "n_compl": {"nl": "n alle metingen", "en": "n all waves"},
    "n_drop": {"nl": "n uitgevallen", "en": "n dropped out"},
    "m_compl": {"nl": "Gemiddelde blijvers", "en": "Mean stayers"},
    "m_drop": {"nl": "Gemiddelde uitvallers", "en": "Mean drop-outs"},
    "diff": {"nl": "Verschil [95%-interval]", "en": "Difference [95% interval]"},
    "chg_unw": {"nl": "Verandering ongewogen", "en": "Change unweighted"},
    "chg_w": {"nl": "Verandering gewogen", "en": "Change weighted"},
    "sup_unw": {"nl": "Steun ongewogen (van → naar)", "en": "Support unweighted (from → to)"},
    "sup_w": {"nl": "Steun gewogen (van → naar)", "en": "Support weighted (from → to)"},
    "pairs_n": {"nl": "Subgroepen (n)", "en": "Subgroups (n)"},
    "n_eff": {"nl": "Effectieve n (Kish)", "en": "Effective n (Kish)"},
    "scale": {"nl": "Schaal", "en": "Scale"},
    "alpha": {"nl": "Cronbachs alfa [95%-interval]", "en": "Cronbach's alpha [95% interval]"},
    "n_items": {"nl": "Vragen", "en": "Items"},
    "correct": {"nl": "Goed {w}", "en": "Correct {w}"},
    "dont_know": {"nl": "Weet niet {w}", "en": "Don't know {w}"},
    "from": {"nl": "{w}: antwoordgroep", "en": "{w}: answer group"},
    "oppose": {"nl": "laag", "en": "low"}, "neutral": {"nl": "midden", "en": "middle"},
    "support_g": {"nl": "steun", "en": "support"}, "other": {"nl": "overig", "en": "other"},
    "excluded_small": {"nl": "niet geanalyseerd (te klein)", "en": "not analysed (too small)"},
    "analysed": {"nl": "geanalyseerd", "en": "analysed"},
    "in_model": {"nl": "In analyse", "en": "In analysis"},
    "all": {"nl": "iedereen", "en": "everyone"},
    # sentences on an AttitudesResult
    "rule": {"nl": "‘Duidelijk veranderd’ betekent hier: na Holm-correctie voor het aantal vragen is p kleiner dan 0,05 "
                   "én het 95%-interval van de verandering bevat geen nul. ‘Geen duidelijke verandering’ betekent niet "
                   "dat er niets veranderde, alleen dat deze gegevens het niet aantonen.",
             "en": "‘Changed clearly’ means here: after Holm correction for the number of questions p is below .05 "
                   "and the 95% interval of the change excludes zero. ‘No clear change’ does not mean nothing changed, "
                   "only that these data do not show it."},
    "pair": {"nl": "Van {wf} naar {wt} veranderden {k} van de {n} stellingen duidelijk bij forumleden ({up} omhoog, {down} omlaag).",
             "en": "From {wf} to {wt}, {k} of {n} statements changed clearly among forum members ({up} up, {down} down)."},
    "no_control": {"nl": "Dit forum heeft geen controlegroep. Veranderingen kunnen dus ook buiten het forum zijn ontstaan "
                         "(nieuws, het tijdstip) en zijn niet zonder meer aan het forum toe te schrijven.",
                   "en": "This forum has no control group. Changes may also have arisen outside the forum (news, "
                         "timing) and cannot simply be attributed to the forum."},
    "control": {"nl": "Een controlegroep van niet-deelnemers is op dezelfde momenten ondervraagd; de vergelijking "
                      "daarmee (verderop) laat zien welk deel van de verandering niet ook buiten het forum optrad.",
                "en": "A control group of non-members was surveyed at the same moments; the comparison with it (below) "
                      "shows which part of the change did not also happen outside the forum."},
    "weighted": {"nl": "Gewogen (raking) naar de bevolkingsverdeling van: {v}. De weging kost precisie: de effectieve "
                       "omvang is {neff} van {n} forumleden. De gewogen cijfers zijn een controle, geen hoofdresultaat.",
                 "en": "Weighted (raking) to the population margins of: {v}. Weighting costs precision: the effective "
                       "size is {neff} of {n} forum members. The weighted figures are a check, not the headline."},
    "process": {"nl": "Forumleden beoordeelden het proces na afloop ({w}). Per criterium telt het gemiddelde van de "
                      "bijbehorende vragen; ‘eens’ is een gemiddelde van {a} op een schaal van {r}.",
                "en": "Members judged the process afterwards ({w}). Per criterion the mean of its questions counts; "
                      "‘agree’ is a mean of {a} on a scale of {r}."},
    "weight_problem": {"nl": "Weging naar de bevolking was niet mogelijk: {p}.",
                       "en": "Weighting to the population was not possible: {p}."},
    "weight_missing": {"nl": "van sommige leden is {v} onbekend{c}", "en": "some members' {v} is unknown{c}"},
    "weight_extra": {"nl": "{v} van de leden heeft categorieën zonder bevolkingsaandeel ({c})",
                     "en": "members' {v} has categories without a population share ({c})"},
    "weight_empty": {"nl": "bij {v} hebben categorieën van de bevolking geen leden ({c})",
                     "en": "population categories of {v} have no members ({c})"},
    "weight_no_variable": {"nl": "de bevolkingscijfers hebben geen kenmerk dat de leden ook hebben{v}{c}",
                           "en": "the population figures have no characteristic that the members have{v}{c}"},
    "weight_other": {"nl": "de kenmerken van de leden sluiten niet aan op de bevolkingscijfers{v}{c}",
                     "en": "the members' characteristics do not match the population figures{v}{c}"},
    # sentences on key figures (toolkit.sections.attitudes.sentences)
    "sent_up": {"nl": "steeg", "en": "rose"},
    "sent_down": {"nl": "daalde", "en": "fell"},
    "sent_change": {"nl": "'{name}': het gemiddelde {verb} van {a} naar {b} ({wf} → {wt}; verschil {d}, 95%-interval {ci}, "
                          "d_z = {dz}, Holm-{p}, n = {n}).",
                    "en": "'{name}': the mean {verb} from {a} to {b} ({wf} → {wt}; change {d}, 95% interval {ci}, "
                          "d_z = {dz}, Holm {p}, n = {n})."},
    "sent_support": {"nl": " Steun: {a} → {b}.", "en": " Support: {a} → {b}."},
    "sent_support_paired": {"nl": " Bij de {n} leden met beide metingen: steun {a} → {b} (McNemar-toets, {p}).",
                            "en": " Among the {n} members who answered both waves: support {a} → {b} (McNemar test, {p})."},
    "sent_no_change": {"nl": "'{name}': geen duidelijke verandering van {wf} naar {wt} (verschil {d}, 95%-interval {ci}). "
                             "Dat bewijst niet dat er niets veranderde.",
                       "en": "'{name}': no clear change from {wf} to {wt} (change {d}, 95% interval {ci}). "
                             "This does not show that nothing changed."},
    "sent_did": {"nl": "Van {wf} tot {wt} veranderde '{name}' bij forumleden {est} punt meer dan in de controlegroep "
                       "(verschil-in-verschillen, 95%-interval {ci}).",
                 "en": "From {wf} to {wt}, '{name}' changed by {est} points more among forum members than in the control "
                       "group (difference-in-differences, 95% interval {ci})."},
    "sent_no_did": {"nl": "Van {wf} tot {wt} verschilde de verandering van '{name}' niet duidelijk van die in de "
                          "controlegroep ({est}, 95%-interval {ci}).",
                    "en": "From {wf} to {wt}, the change in '{name}' did not clearly differ from the control group "
                          "({est}, 95% interval {ci})."},
    "sent_knowledge": {"nl": "Kennis van forumleden: gemiddeld {a} van de kennisvragen goed ({wf}) en {b} ({wt}), "
                             "verschil {d} (95%-interval {ci}, Holm-{p}, n = {n}).",
                       "en": "Knowledge of forum members: on average {a} of the quiz questions correct ({wf}) and {b} "
                             "({wt}), change {d} (95% interval {ci}, Holm {p}, n = {n})."},
    "sent_no_knowledge": {"nl": "Kennis van forumleden: geen duidelijke verandering van {wf} naar {wt} ({a} → {b}, "
                                "95%-interval van het verschil {ci}).",
                          "en": "Knowledge of forum members: no clear change from {wf} to {wt} ({a} → {b}, 95% interval "
                                "of the change {ci})."},
    "sent_process": {"nl": "Aandeel forumleden dat het (gemiddeld) eens was met de uitspraken over het proces, per "
                           "criterium: {x}.",
                     "en": "Share of forum members who (on average) agreed with the statements on the process, per "
                           "criterion: {x}."},
    # alt texts of the charts (toolkit.sections.attitudes.charts)
    "alt_no_changes": {"nl": "Geen veranderingen om te tonen.", "en": "No changes to show."},
    "alt_no_answers": {"nl": "Geen antwoorden om te tonen.", "en": "No answers to show."},
    "alt_no_question": {"nl": "geen enkele vraag", "en": "no question"},
    "alt_forest": {"nl": "Bosdiagram van de gestandaardiseerde verandering van {wf} naar {wt} voor {k} vragen, met "
                         "95%-intervallen. Bij forumleden duidelijk veranderd: {x}.",
                   "en": "Forest plot of the standardized change from {wf} to {wt} for {k} questions, with 95% "
                         "intervals. Clear changes among forum members: {x}."},
    "alt_distribution": {"nl": "Staafdiagram van de antwoorden op '{title}' ({lo}-{hi}) per meting. Gemiddelden: {means}.",
                         "en": "Bar chart of the answers to '{title}' ({lo}-{hi}) per wave. Means: {means}."},
    "alt_dist_merged": {"nl": "Antwoorden samengenomen zodat elke staaf niemand of ten minste {n} personen telt: {x}.",
                        "en": "Answers merged so that each bar holds nobody or at least {n} people: {x}."},
    "dist_hidden": {"nl": "De verdeling van de antwoorden op '{title}' wordt niet getoond: ook met samengenomen antwoorden zou een aantal van minder dan {n} personen terug te rekenen zijn.",
                    "en": "The distribution of answers to '{title}' is not shown: even with answers merged, a count of fewer than {n} people could be worked out."},
    "share_withheld": {"nl": "‘–’ bij steun: dat aandeel wordt niet getoond, omdat het aandeel maal het aantal antwoorden zou laten zien dat de voorstanders of de anderen minder dan {n} personen zijn.",
                       "en": "‘–’ for support: that share is not shown, because the share times the number of answers would show that the supporters or the others number fewer than {n} people."},
    "alt_means": {"nl": "Lijngrafiek van het gemiddelde per meting voor '{title}'. {x}.",
                  "en": "Line chart of the mean per wave for '{title}'. {x}."},
    # the section's notebook
    "none": {"nl": "Dit forum heeft geen gegevens over opvattingen (geen vragen van het type ‘scale’ in het codeboek).",
             "en": "This forum has no attitude data (no questions of type ‘scale’ in the codebook)."},
    "no_surveys": {"nl": "Dit forum levert geen enquêtes aan, dus verschuivingen in kennis en opvattingen zijn niet "
                         "geëvalueerd.",
                   "en": "This forum supplies no surveys, so shifts in knowledge and opinions are not evaluated."},
    "findings": {"nl": "Kernbevindingen", "en": "Key findings"},
    "changes": {"nl": "Verandering per vraag", "en": "Change per question"},
    "changes_intro": {"nl": "Het bosdiagram toont per vraag de gestandaardiseerde verandering (d_z: de gemiddelde verandering gedeeld door de spreiding van de individuele veranderingen) met 95%-interval. Een gevulde stip is een duidelijke verandering; een open stip niet. Een interval dat de nullijn raakt, laat geen duidelijke verandering zien.",
                      "en": "The forest plot shows the standardized change per question (d_z: the mean change divided by the spread of the individual changes) with its 95% interval. A filled dot is a clear change; an open dot is not. An interval that touches the zero line shows no clear change."},
    "cap_changes": {"nl": "Verandering bij forumleden van {wf} naar {wt}: gemiddelden op de personen die beide metingen invulden; steun op alle antwoorden per meting",
                    "en": "Change among forum members from {wf} to {wt}: means on the people who answered both waves; support on all answers per wave"},
    "distribution": {"nl": "Verdeling van de antwoorden op de kernvragen", "en": "Distribution of answers to the headline questions"},
    "dist_intro": {"nl": "Per meting het aandeel forumleden per antwoord (aangrenzende antwoorden samengenomen waar een antwoord te weinig personen telt). De tabel eronder laat zien hoeveel forumleden van antwoordgroep wisselden: een kleine netto verandering kan grote bewegingen in beide richtingen verbergen.",
                   "en": "Per wave the share of forum members giving each answer (adjacent answers merged where an answer has too few people). The table below shows how many members moved between answer groups: a small net change can hide large movements both ways."},
    "cap_trans": {"nl": "Forumleden per antwoordgroep: {x}", "en": "Forum members by answer group: {x}"},
    "knowledge": {"nl": "Kennis", "en": "Knowledge"},
    "no_knowledge": {"nl": "Dit forum heeft geen kennisvragen gesteld.", "en": "This forum asked no knowledge questions."},
    "kn_intro": {"nl": "De kennisscore is het aandeel kennisvragen dat iemand goed beantwoordde; ‘weet niet’ telt als niet goed.",
                 "en": "The knowledge score is the share of quiz questions a person answered correctly; ‘don't know’ counts as not correct."},
    "cap_kn": {"nl": "Forumleden: aandeel goed en aandeel ‘weet niet’ per kennisvraag en meting",
               "en": "Forum members: share correct and share ‘don't know’ per quiz question and wave"},
    "h_control": {"nl": "Vergelijking met de controlegroep", "en": "Comparison with the control group"},
    "no_control_did": {"nl": "Dit forum heeft geen controlegroep; een verschil-in-verschillen kan niet worden berekend.",
                   "en": "This forum has no control group; a difference-in-differences cannot be computed."},
    "did_intro": {"nl": "Het verschil-in-verschillen is de verandering bij forumleden min de verandering in de controlegroep, geschat met een gemengd model dat alle beschikbare antwoorden gebruikt (ook van wie een meting miste).",
                  "en": "The difference-in-differences is the change among members minus the change in the control group, estimated with a mixed model that uses every available answer (also of those who missed a wave)."},
    "trend_y": {"nl": "Gemiddelde, schaal {lo}–{hi} (95%-interval)", "en": "Mean, {lo}–{hi} scale (95% interval)"},
    "cap_did": {"nl": "Verschil-in-verschillen: forumleden ten opzichte van de controlegroep", "en": "Difference-in-differences: forum members against the control group"},
    "subgroups": {"nl": "Verschillen tussen subgroepen", "en": "Differences between subgroups"},
    "no_subgroups": {"nl": "Er zijn geen subgroepen om te vergelijken.", "en": "There are no subgroups to compare."},
    "het_intro": {"nl": "Veranderden sommige groepen forumleden meer dan andere? Elk getal is de verandering in een subgroep min die in de referentiegroep, de grootste subgroep (gemengd model). Subgroepen met minder dan {n} forumleden zijn niet geanalyseerd. Deze vergelijkingen zijn niet gecorrigeerd voor het aantal toetsen: lees een enkele p onder 0,05 met voorzichtigheid.",
                 "en": "Did some groups of members change more than others? Each number is the change in a subgroup minus that in the reference group, the largest subgroup (mixed model). Subgroups with fewer than {n} members were not analysed. These comparisons are not corrected for the number of tests: read a single p below .05 with caution."},
    "cap_sizes": {"nl": "Forumleden per subgroep", "en": "Forum members per subgroup"},
    "cap_het": {"nl": "Verschil in verandering tussen subgroepen van forumleden", "en": "Difference in change between subgroups of members"},
    "polarization": {"nl": "Polarisatie en overeenstemming", "en": "Polarization and agreement"},
    "pol_intro": {"nl": "Overeenstemming A (van der Eijk) loopt van −1 (iedereen aan de twee uitersten) via 0 (antwoorden gelijk verdeeld) tot 1 (iedereen hetzelfde antwoord). Een bimodaliteit boven 0,555 wijst op twee kampen.",
                  "en": "Agreement A (van der Eijk) runs from −1 (everyone at the two extremes) through 0 (answers spread evenly) to 1 (everyone gives the same answer). A bimodality above 0.555 hints at two camps."},
    "agree_withheld_all": {"nl": "Overeenstemming A en bimodaliteit staan er niet bij: in elke meting gaven minder dan {n} leden een van de antwoorden, en met het aantal, het gemiddelde en de standaardafwijking zouden ze laten terugrekenen hoeveel.",
                           "en": "Agreement A and bimodality are not shown: in every wave some answer was given by fewer than {n} members, and with the number, mean and standard deviation they would let one work out how many."},
    "agree_withheld_some": {"nl": "– bij overeenstemming A en bimodaliteit: in die meting gaven minder dan {n} leden een van de antwoorden, en met het aantal, het gemiddelde en de standaardafwijking zouden ze laten terugrekenen hoeveel.",
                            "en": "– for agreement A and bimodality: in that wave some answer was given by fewer than {n} members, and with the number, mean and standard deviation they would let one work out how many."},
    "cap_agree": {"nl": "Spreiding en overeenstemming onder forumleden per meting", "en": "Spread and agreement among forum members per wave"},
    "gap_intro": {"nl": "Werd het verschil in gemiddelde tussen subgroepen kleiner? Alleen ‘ja, duidelijk’ als het interval van de verandering geen nul bevat en de Holm-gecorrigeerde p onder 0,05 ligt.",
                  "en": "Did the gap in mean between subgroups narrow? Only ‘yes, clearly’ when the interval of the change excludes zero and the Holm-corrected p is below .05."},
    "cap_gap": {"nl": "Verschil tussen subgroepen van forumleden, {wf} en {wt}", "en": "Gap between subgroups of members, {wf} and {wt}"},
    "h_process": {"nl": "Kwaliteit van het proces", "en": "Quality of the process"},
    "no_process": {"nl": "Dit forum heeft geen vragen over de kwaliteit van het proces gesteld.", "en": "This forum asked no questions on the quality of the process."},
    "cap_process": {"nl": "Oordeel van forumleden per criterium van de OESO-evaluatierichtlijnen (2021)",
                    "en": "Members' judgement per criterion of the OECD evaluation guidelines (2021)"},
    "attrition": {"nl": "Uitval", "en": "Attrition"},
    "attr_intro": {"nl": "Wie vulde welke metingen in? Als wie bleef verschilt van wie uitviel, beschrijven de cijfers over beide metingen vooral de blijvers.",
                   "en": "Who answered which waves? If those who stayed differ from those who left, the figures on both waves mainly describe the stayers."},
    "cap_attr": {"nl": "Deelname aan de metingen per groep", "en": "Participation in the waves per group"},
    "no_drop": {"nl": "Iedereen vulde alle metingen in; er is geen uitval om te vergelijken.", "en": "Everyone answered every wave; there is no attrition to compare."},
    "cap_drop": {"nl": "Antwoorden bij de eerste meting: wie alle metingen invulde tegenover wie uitviel", "en": "Answers at the first wave: those who answered every wave against those who dropped out"},
    "weighting": {"nl": "Gevoeligheid: gewogen naar de bevolking", "en": "Sensitivity: weighted to the population"},
    "no_weighting": {"nl": "Er is geen bevolkingsverdeling (benchmark) opgegeven; de cijfers zijn niet gewogen.",
                     "en": "No population margins (benchmark) were given; the figures are not weighted."},
    "cap_weighted": {"nl": "Forumleden: verandering en steun ongewogen en gewogen", "en": "Forum members: change and support unweighted and weighted"},
    "reliability": {"nl": "Betrouwbaarheid van de schalen", "en": "Reliability of the scales"},
    "no_scales": {"nl": "Het codeboek definieert geen schalen van meerdere vragen.", "en": "The codebook defines no scales of several questions."},
    "rel_intro": {"nl": "Cronbachs alfa zegt hoe consequent de vragen van een schaal hetzelfde meten; boven 0,7 heet doorgaans acceptabel.",
                  "en": "Cronbach's alpha says how consistently the questions of a scale measure the same thing; above 0.7 is commonly called acceptable."},
    "cap_rel": {"nl": "Cronbachs alfa per schaal en meting (alle respondenten)", "en": "Cronbach's alpha per scale and wave (all respondents)"},
    "comments": {"nl": "Opmerkingen van deelnemers", "en": "Comments from participants"},
    "n_comments": {"nl": "{n} opmerkingen in {w}. Enkele willekeurig gekozen fragmenten:", "en": "{n} comments in {w}. Some randomly chosen excerpts:"},
    "cap_comments": {"nl": "Fragmenten uit opmerkingen (ingekort)", "en": "Excerpts from comments (shortened)"},
    "excerpt": {"nl": "Fragment", "en": "Excerpt"},
}


# ----------------------------------------------------------------------------- lookups and labels
def t(key: str, lang: str, **kw: Any) -> str:
    """A phrase of :data:`TEXT` in `lang`, filled in (:func:`toolkit.i18n.tr` on this section's table).

    Examples
    --------
    >>> t("means", "en", a="Before", b="After")
    'Mean Before → After'
    """
    return tr(key, lang, TEXT, **kw)


def label_phrase(key: str, lang: str, **kw: Any) -> str:
    return tr(key, lang, LABELS, **kw)


def item_label(item: str, labels: Mapping | None, lang: str) -> str:
    if labels and item in labels:
        return text(labels[item], lang)
    return label_phrase(str(item), lang)


def is_value(x: Any) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def is_clear_change(record: Mapping, level: float = 0.05, p_key: str = "p_holm") -> bool:
    """True only when the p-value (`p_key`: Holm-corrected by default) < `level` and the interval of
    the change excludes zero.

    Examples
    --------
    >>> is_clear_change({"p_holm": 0.01, "ci_low": 0.2, "ci_high": 0.9})
    True
    >>> is_clear_change({"p_holm": 0.01, "ci_low": -0.1, "ci_high": 0.9}), is_clear_change({"p_holm": None})
    (False, False)
    >>> is_clear_change({"p": 0.01, "ci_low": -0.9, "ci_high": -0.2}, p_key="p")
    True
    """
    p, lo, hi = record.get(p_key), record.get("ci_low"), record.get("ci_high")
    if not (is_value(p) and is_value(lo) and is_value(hi)):
        return False
    return p < level and (lo > 0 or hi < 0)


def did_is_clear(record: Mapping) -> bool:
    """True for a difference-in-differences from a converged model with p < .05 whose interval
    excludes zero (one test per estimate: p, not Holm)."""
    return bool(record.get("converged", True)) and is_clear_change(record, p_key="p")


def short_label(label: Any, lang: str, width: int = 60) -> str:
    """A one-line label for figures: the bracketed statement when the label starts with one, cut at `width`.

    Examples
    --------
    >>> short_label("[Reduce the number of refugees.] How strongly would you oppose or favor these?", "en")
    'Reduce the number of refugees.'
    >>> short_label({"nl": "Een heel lange stelling " * 5}, "nl", 30)
    'Een heel lange stelling Een…'
    """
    s = " ".join(text(label, lang).split())
    if s.startswith("[") and "]" in s:
        s = s[1:s.index("]")]
    return s if len(s) <= width else textwrap.shorten(s, width - 1, placeholder="").rstrip(" ,;:") + "…"


def criterion_label(criterion: str, lang: str) -> str:
    """The name of an OECD process criterion in `lang` (the code with spaces when it is not a known one).

    Examples
    --------
    >>> criterion_label("free_decision", "nl"), criterion_label("own_criterion", "en")
    ('vrije oordeelsvorming', 'own criterion')
    """
    return tr(criterion, lang, LABELS) if criterion in LABELS else criterion.replace("_", " ")


def span_text(rng: tuple, lang: str) -> str:
    lo, hi = rng
    return fmt_int(lo, lang) if lo == hi else f"{fmt_int(lo, lang)}–{fmt_int(hi, lang)}"


# ----------------------------------------------------------------------------- the DRI (toolkit.sections.attitudes.dri)
#: Phrases of the Deliberative Reason Index part (looked up with :func:`t`, like :data:`TEXT`).
DRI_TEXT: dict[str, dict[str, str]] = {
    "dri": {"nl": "Samen redeneren: de Deliberative Reason Index (DRI)",
            "en": "Reasoning together: the Deliberative Reason Index (DRI)"},
    "dri_absent": {"nl": "De vragenlijsten bevatten geen DRI-instrument (overwegingen en een rangorde van beleidsopties), "
                         "dus de Deliberative Reason Index is niet berekend.",
                   "en": "The surveys hold no DRI instrument (considerations and a ranking of policy options), so the "
                         "Deliberative Reason Index was not computed."},
    "dri_intro": {"nl": "De Deliberative Reason Index (DRI) gaat na of leden die het eens zijn over de redenen, ook "
                        "hetzelfde willen. De leden beoordeelden {k} overwegingen en zetten {m} beleidsopties op volgorde. "
                        "Voor elk paar leden is vergeleken hoe sterk hun oordelen over de overwegingen overeenkomen en hoe "
                        "sterk hun volgorde van de opties overeenkomt (beide van −1 tot 1). Een paar dat het over de opties "
                        "evenveel eens is als over de overwegingen, redeneert consistent. De DRI is 1 als dat voor elk paar "
                        "geldt, 0 als de paren er gemiddeld een half punt naast zitten, en −1 bij een hele punt (bijvoorbeeld: "
                        "eens over de redenen, geen enkel verband in wat ze willen).",
                  "en": "The Deliberative Reason Index (DRI) asks whether members who agree on the reasons also agree on "
                        "what should be done. Members rated {k} considerations and ranked {m} policy options. For every pair "
                        "of members, how much their ratings of the considerations agree was compared with how much their "
                        "rankings of the options agree (both from −1 to 1). A pair that agrees on the options exactly as much "
                        "as on the considerations reasons consistently. The DRI is 1 when that holds for every pair, 0 when "
                        "pairs are off by half a point on average, and −1 when they are off by a whole point (for example: "
                        "agreeing on the reasons, with no link at all in what they want)."},
    "dri_levels": {"nl": "Groeps-DRI van de forumleden: {x}.", "en": "Group DRI of the forum members: {x}."},
    "dri_wave": {"nl": "{w} {d} ({n} leden)", "en": "{w} {d} ({n} members)"},
    "dri_small": {"nl": "Een meting met minder dan {n} leden die het hele instrument invulden, wordt niet getoond.",
                  "en": "A wave with fewer than {n} members who completed the whole instrument is not shown."},
    "dri_rise": {"nl": "Van {wf} naar {wt} steeg de DRI van de {n} leden die beide keren alles invulden duidelijk, van {a} "
                       "naar {b} (+{d}; {p}): hun voorkeuren passen na het beraad beter bij hun redenen.",
                 "en": "From {wf} to {wt} the DRI of the {n} members who completed it both times rose clearly, from {a} to "
                       "{b} (+{d}; {p}): after deliberating, their preferences fit their reasons better."},
    "dri_fall": {"nl": "Van {wf} naar {wt} daalde de DRI van de {n} leden die beide keren alles invulden duidelijk, van "
                       "{a} naar {b} ({d}; {p}).",
                 "en": "From {wf} to {wt} the DRI of the {n} members who completed it both times fell clearly, from {a} to "
                       "{b} ({d}; {p})."},
    "dri_no_change": {"nl": "Van {wf} naar {wt} veranderde de DRI van de {n} leden die beide keren alles invulden niet "
                            "duidelijk: {a} en {b} (verschil {d}; {p}).",
                      "en": "From {wf} to {wt} the DRI of the {n} members who completed it both times did not change "
                            "clearly: {a} and {b} (difference {d}; {p})."},
    "dri_mc": {"nl": "De p-waarde komt uit een permutatietoets: {k} keer zijn bij elk lid de twee metingen willekeurig "
                     "wel of niet verwisseld, zoals het zou kunnen als het beraad niets veranderde.",
               "en": "The p-value comes from a permutation test: {k} times, each member's two waves were swapped or not at "
                     "random, as they could be if deliberation changed nothing."},
    "dri_exact": {"nl": "De p-waarde komt uit een exacte permutatietoets over alle {k} manieren om bij elk lid de twee "
                        "metingen wel of niet te verwisselen.",
                  "en": "The p-value comes from an exact permutation test over all {k} ways of swapping or not swapping "
                        "each member's two waves."},
    "dri_caveat": {"nl": "De DRI zegt niet welke opvattingen juist zijn, alleen of voorkeuren en redenen bij elkaar passen. "
                         "Zijn hoogte hangt af van het aantal overwegingen en opties: vergelijk hem tussen metingen van "
                         "hetzelfde forum, niet tussen fora.",
                   "en": "The DRI does not say which views are right, only whether preferences fit reasons. Its level "
                         "depends on the number of considerations and options: compare it between the waves of one forum, "
                         "not between forums."},
    "topic_dri": {"nl": "Samen redeneren (DRI)", "en": "Reasoning together (DRI)"},
    "dri_line": {"nl": "Groeps-DRI van de {n} leden die beide keren alles invulden: {a} ({wf}) en {b} ({wt}), {p}.",
                 "en": "Group DRI of the {n} members who completed it both times: {a} ({wf}) and {b} ({wt}), {p}."},
    "dri_members": {"nl": "Leden", "en": "Members"},
    "dri_pairs": {"nl": "Paren", "en": "Pairs"},
    "dri_group": {"nl": "Groeps-DRI", "en": "Group DRI"},
    "dri_p": {"nl": "p (permutatie)", "en": "p (permutation)"},
    "dri_change_row": {"nl": "Verandering {wf} → {wt}", "en": "Change {wf} → {wt}"},
    "cap_dri": {"nl": "Groeps-DRI per meting (forumleden die het hele instrument invulden)",
                "en": "Group DRI per wave (forum members who completed the whole instrument)"},
    "dri_panel": {"nl": "{w}: DRI {d}", "en": "{w}: DRI {d}"},
    "dri_x": {"nl": "Overeenstemming over overwegingen (q)", "en": "Agreement on considerations (q)"},
    "dri_y": {"nl": "Overeenstemming over voorkeuren (r)", "en": "Agreement on preferences (r)"},
    "dri_alt": {"nl": "Spreidingsdiagram per meting: elk punt is een paar leden, met hun overeenstemming over de "
                      "overwegingen horizontaal en over de voorkeuren verticaal, en de diagonaal waarop die gelijk zijn. {x}.",
                "en": "Scatter plot per wave: each point is a pair of members, their agreement on the considerations "
                      "across and on the preferences up, with the diagonal where the two are equal. {x}."},
    "dri_alt_wave": {"nl": "{w}: {n} paren, groeps-DRI {d}", "en": "{w}: {n} pairs, group DRI {d}"},
}
TEXT.update({k: v for k, v in DRI_TEXT.items() if k not in TEXT})  # never replaces a phrase of TEXT
