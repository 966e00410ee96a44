"""The words of the representativeness section, in Dutch and English: every phrase in one place.

- :data:`LABELS` names codes: variables, categories, funnel stages, flags and priority groups
  (:func:`label`, :func:`category_name`, :func:`group_label`). It is asked for codes that come from a
  forum's own data, so it holds nothing else: a category called "none" or "title" stays itself.
- :data:`TEXT` holds the phrases: headings, introductions, captions, column headers, sentence
  templates, figure labels and alt texts (:func:`t`).
- :data:`DEFAULT_NL_NOTES` says what each figure of the shipped Dutch benchmark covers.

Both tables are read with :func:`toolkit.i18n.tr`. They are Python dicts, as every other phrase table
of the toolkit (``toolkit.i18n.STRINGS``, ``toolkit.sections.attitudes.text``): nothing to read or parse
when the kernel imports the section, nothing extra to package, and a template's ``{placeholders}``
can be checked against the code that fills them in one search. No pandas or matplotlib here: the
section's scorecard lines need only these words.
"""
from __future__ import annotations

from typing import Any

from toolkit.forum.config import text as cfg_text
from toolkit.i18n import tr

__all__ = ["LABELS", "TEXT", "DEFAULT_NL_NOTES", "t", "area_text", "area_caution_text", "label", "category_name", "group_label",
           "join_and", "pooled_label", "intro", "step",
           "quota_count_text", "quota_hidden_text", "item_label"]

#: Codes in words: variables, categories, funnel stages, flags, priority groups (``group_<name>``).
LABELS: dict[str, dict[str, str]] = {
    "gender": {"nl": "geslacht", "en": "gender"}, "age_group": {"nl": "leeftijd", "en": "age"},
    "education": {"nl": "opleidingsniveau", "en": "level of education"},
    "migration_background": {"nl": "migratieachtergrond", "en": "migration background"},
    "region": {"nl": "landsdeel", "en": "region"},
    "social_class": {"nl": "sociale klasse", "en": "social class"},
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
    "lower_within_chance": {"nl": "lager dan de bevolking, binnen de toevalsmarge",
                            "en": "below the population share, within chance"},
    "higher_within_chance": {"nl": "hoger dan de bevolking, binnen de toevalsmarge",
                             "en": "above the population share, within chance"},
    "ok": {"nl": "in lijn", "en": "in line"}, "n/a": {"nl": "geen vergelijking", "en": "no comparison"},
}

#: The section's phrases (codes in words: :data:`LABELS`).
TEXT: dict[str, dict[str, str]] = {
    "none": {"nl": "Dit forum levert geen gegevens over representativiteit aan (geen ledenbestand of aantallen per "
                   "categorie), dus deze sectie blijft leeg.",
             "en": "This forum supplies no representativeness data (no member roster or counts per category), so "
                   "this section is empty."},
    "intro": {"nl": "Was het forum een doorsnede van de samenleving, en waar vielen welke groepen af? Deze sectie "
                    "{parts}.",
              "en": "Was the forum a cross-section of society, and where did which groups fall away? This section "
                    "{parts}."},
    "intro_one_stage": {"nl": "Deze sectie {parts}. Alleen de samenstelling is gepubliceerd, één aantal per categorie; "
                              "over uitval zegt dit rapport daarom niets.",
                        "en": "This section {parts}. Only the composition was published, one count per category, so "
                              "this report says nothing about drop-out."},
    "intro_compare": {"nl": "vergelijkt de {n} forumleden die {stage} met de bevolking van {area}, waar er "
                            "bevolkingscijfers zijn (de bronnen staan onder de tabel van verschillen)",
                      "en": "compares the {n} forum members who {stage} with the population of {area}, where there are "
                            "population figures (their sources are below the table of gaps)"},
    "intro_funnel": {"nl": "volgt de werving van brief tot laatste sessie", "en": "follows recruitment from letter to last session"},
    "intro_attitudes": {"nl": "vergelijkt de opvattingen van de leden bij de start met een referentie-onderzoek in de bevolking",
                        "en": "compares members' views at the start with a reference survey of the population"},
    "intro_public": {"nl": "zet de inzenders van de openbare consultatie naast de bevolking",
                     "en": "sets those who sent in public input beside the population"},
    "stage_drawn": {"nl": "werden geloot", "en": "were drawn"},
    "stage_started": {"nl": "aan de eerste sessie begonnen", "en": "came to the first session"},
    "stage_completed": {"nl": "het forum afrondden", "en": "completed the forum"},
    "findings": {"nl": "Kernbevindingen", "en": "Key findings"},
    "gaps": {"nl": "Verschillen met de bevolking", "en": "Gaps against the population"},
    "gaps_intro": {"nl": "Per groep het aandeel in het forum (met 95%-interval) tegenover het aandeel in de bevolking "
                         "van {area}. "
                         "Een groep heet ondervertegenwoordigd als haar aandeel in het forum kleiner is dan {under} keer "
                         "haar aandeel in de bevolking, en oververtegenwoordigd boven {over} keer. {order}",
                   "en": "Per group its share in the forum (with 95% interval) against its share in the population of "
                         "{area}. A "
                         "group is called under-represented when its forum share is below {under} times its population "
                         "share, over-represented above {over} times. {order}"},
    "order_letter": {"nl": "De aandachtsgroepen uit de kabinetsbrief van 17 maart 2023 staan bovenaan, daarna de groepen "
                           "met een oordeel, grootste verschil eerst.",
                     "en": "The priority groups of the Dutch government's letter of 17 March 2023 come first, then the "
                           "flagged groups, largest gap first."},
    "order_named": {"nl": "De aandachtsgroepen van dit forum staan bovenaan, daarna de groepen met een "
                          "oordeel, grootste verschil eerst.",
                    "en": "This forum's priority groups come first, then the flagged groups, largest gap first."},
    "order_flagged": {"nl": "De groepen met een oordeel staan bovenaan, grootste verschil eerst.",
                      "en": "The flagged groups come first, largest gap first."},
    "cap_findings": {"nl": "Kernbevindingen over de representativiteit", "en": "Key findings on representativeness"},
    "cap_gaps": {"nl": "Verschillen tussen forum en bevolking van {area}, aandachtsgroepen en afwijkende groepen eerst",
                 "en": "Gaps between forum and the population of {area}, priority groups and flagged groups first"},
    "cap_gaps_flagged": {"nl": "Verschillen tussen forum en bevolking van {area}, afwijkende groepen eerst",
                         "en": "Gaps between forum and the population of {area}, flagged groups first"},
    "coverage": {"nl": "Waar de bevolkingscijfers over gaan", "en": "What the population figures cover"},
    "coverage_intro": {"nl": "Geen van de gebruikte tabellen beschrijft precies de volwassenen uit wie het forum werd "
                             "geloot: let op het jaar en de leeftijden die elk cijfer dekt.",
                       "en": "None of the tables used describes exactly the adults the forum was drawn from: note the "
                             "year and the ages each figure covers."},
    "no_pop_line": {"nl": "Geen bevolkingscijfers (daarom alleen de samenstelling van het forum, zonder verschil): {x}.",
                    "en": "No population figures (so the forum's composition only, without a gap): {x}."},
    "unknown_line": {"nl": "Waarde onbekend, dus niet meegeteld in de aandelen: {x}.",
                     "en": "Value unknown, so left out of the shares: {x}."},
    "unknown_part": {"nl": "{v} bij {k} van de {n} leden", "en": "{v} for {k} of {n} members"},
    "fewer_than": {"nl": "minder dan {m}", "en": "fewer than {m}"},
    "cap_comp_only": {"nl": "Samenstelling zonder bevolkingscijfers: leden en aandeel in het forum",
                      "en": "Composition without population figures: members and share in the forum"},
    "no_pop_part": {"nl": "{v} ({x})", "en": "{v} ({x})"},
    "cap_coverage": {"nl": "Bronnen van de bevolkingscijfers ({area})", "en": "Sources of the population figures ({area})"},
    "per_variable": {"nl": "Samenstelling per kenmerk", "en": "Composition per characteristic"},
    "per_variable_intro": {"nl": "Elke stip is het aandeel in het forum, de balk eromheen het 95%-interval; het zwarte "
                                 "streepje is het aandeel in de bevolking van {area}. Ligt het streepje buiten de balk, dan is het "
                                 "verschil groter dan toeval bij een forum van deze omvang verklaart.",
                           "en": "Each dot is the share in the forum, the bar around it the 95% interval; the black tick "
                                 "is the share in the population of {area}. A tick outside the bar means the gap is larger than "
                                 "chance explains for a forum of this size."},
    "left_out": {"nl": "Niet getoond (minder dan {n} leden): {x}.", "en": "Not shown (fewer than {n} members): {x}."},
    "left_out_linked": {"nl": "Ook niet getoond, zodat geen kleiner aantal is terug te rekenen: {x}.",
                        "en": "Not shown either, so that no smaller count can be worked out: {x}."},
    "gof": {"nl": "Toets per kenmerk", "en": "Test per characteristic"},
    "gof_intro": {"nl": "Wijkt de samenstelling naar een kenmerk als geheel af van de bevolking? De toets vergelijkt "
                        "de aantallen met wat bij de bevolkingsaandelen te verwachten is (chi-kwadraat; exact of "
                        "Monte-Carlo als een verwacht aantal onder {m} ligt). Cohens w is de grootte van de afwijking "
                        "(0,1 klein, 0,3 middelgroot, 0,5 groot); het verschil in samenstelling is het deel van het "
                        "forum dat van groep zou moeten wisselen om de bevolking te weerspiegelen.",
                  "en": "Does the composition by a characteristic as a whole differ from the population? The test "
                        "compares the counts with those expected from the population shares (chi-square; exact or "
                        "Monte Carlo when an expected count is below {m}). Cohen's w is the size of the deviation (0.1 "
                        "small, 0.3 medium, 0.5 large); the composition gap is the share of the forum that would have "
                        "to change group to mirror the population."},
    "cap_gof": {"nl": "Toets van de samenstelling tegen de bevolking van {area}, per kenmerk",
                "en": "Test of the composition against the population of {area}, per characteristic"},
    "intersections": {"nl": "Combinaties van kenmerken", "en": "Combinations of characteristics"},
    "cap_intersections": {"nl": "Verschillen met de bevolking van {area} voor combinaties van twee kenmerken",
                          "en": "Gaps against the population of {area} for combinations of two characteristics"},
    "quotas": {"nl": "Quota van de organisator", "en": "The organiser's quotas"},
    "quota_line": {"nl": "{k} van de {n} quota zijn gehaald.", "en": "{k} of {n} quotas were met."},
    "quota_intro": {"nl": "De organisator loot met minimum- en maximumaantallen per groep (quota). Getoond is het aantal "
                          "leden dat {stage} tegen die grenzen.",
                    "en": "The organiser drew with minimum and maximum numbers of seats per group (quotas). Shown is the "
                          "number of members who {stage} against those bounds."},
    "cap_quotas": {"nl": "Quota: gehaald of niet, niet gehaalde eerst", "en": "Quotas: met or not, unmet first"},
    "funnel": {"nl": "Werving: waar vallen groepen af?", "en": "Recruitment: where do groups fall away?"},
    "funnel_intro": {"nl": "Van de verstuurde brieven tot de laatste sessie: eerst het aantal mensen per fase, daarna per "
                           "kenmerk het aandeel van elke groep in elke fase. Een dalende lijn betekent dat die groep in "
                           "die fase meer afvalt dan gemiddeld.",
                     "en": "From the letters sent to the last session: first the number of people at each stage, then per "
                           "characteristic each group's share at each stage. A falling line means that group falls away "
                           "more than average at that stage."},
    "funnel_note": {"nl": "Toelichting in het wervingsbestand: {x}", "en": "Note in the funnel file: {x}"},
    "falloff_intro": {"nl": "Per groep de stap waar zij het meest afvalt: de kans om die stap te halen, als percentage "
                            "van de kans voor iedereen (100% = gemiddeld), en het aantal dat het forum afrondde per "
                            "1.000 verstuurde brieven.",
                      "en": "Per group the step where it falls away most: the chance of passing that step, as a "
                            "percentage of everyone's chance (100% = average), and the number who completed the forum "
                            "per 1,000 letters sent."},
    "cap_falloff": {"nl": "Waar elke groep het meest afvalt", "en": "Where each group falls away most"},
    "falloff_none": {"nl": "Geen groep valt bij één stap duidelijk meer af dan gemiddeld (steeds minstens 80% van de "
                           "gemiddelde kans).",
                     "en": "No group falls away clearly more than average at any single step (always at least 80% of "
                           "the average chance)."},
    "falloff_some": {"nl": "Het meest vallen af: {x}.", "en": "Falling away most: {x}."},
    "falloff_item": {"nl": "{g} {s} ({r} van de gemiddelde kans)",
                     "en": "{g} {s} ({r} of the average chance)"},
    "replacements": {"nl": "Vervanging van leden", "en": "Replacement of members"},
    "repl_small": {"nl": "Minder dan {n} geloten leden haakten vóór de start af en werden vervangen; hoe vaak de "
                         "vervanger hetzelfde kenmerk had, is daarom niet getoond.",
                   "en": "Fewer than {n} drawn members withdrew before the start and were replaced; how often the "
                         "replacement had the same characteristic is therefore not shown."},
    "repl_line": {"nl": "{n} geloten leden haakten vóór de start af en werden vervangen. Per kenmerk had de vervanger "
                        "in {lo} ({vlo}) tot {hi} ({vhi}) van de gevallen hetzelfde kenmerk als wie hij of zij verving.",
                  "en": "{n} drawn members withdrew before the start and were replaced. Per characteristic, the "
                        "replacement had the same value as the person replaced in {lo} ({vlo}) to {hi} ({vhi}) of "
                        "cases."},
    "cap_repl_match": {"nl": "Vervangers met hetzelfde kenmerk als het vervangen lid", "en": "Replacements matching the member they replaced"},
    "cap_repl": {"nl": "Wie werd vervangen en door wie, per groep", "en": "Who was replaced and by whom, per group"},
    "attrition": {"nl": "Uitval tijdens het forum", "en": "Drop-out during the forum"},
    "attr_line_small": {"nl": "Van de {n} leden die begonnen, rondden er minder dan {m} het forum niet af.",
                        "en": "Of the {n} members who started, fewer than {m} did not complete."},
    "attr_line": {"nl": "Van de {n} leden die begonnen, rondden {k} het forum niet af ({r}).",
                  "en": "Of the {n} members who started, {k} did not complete the forum ({r})."},
    "attr_same": {"nl": "De uitval verschilde niet duidelijk tussen groepen (kleinste p bij {v}: {p}).",
                  "en": "Drop-out did not clearly differ between groups (smallest p, for {v}: {p})."},
    "attr_diff": {"nl": "De uitval verschilde duidelijk naar {v} ({p}).", "en": "Drop-out differed clearly by {v} ({p})."},
    "attr_or": {"nl": "Bij {c} was de uitval {dir} dan bij {r} (odds ratio {x}; boven 1: meer uitval).",
                "en": "Drop-out was {dir} for {c} than for {r} (odds ratio {x}; above 1: more drop-out)."},
    "attr_or_more": {"nl": "groter", "en": "higher"},
    "attr_or_less": {"nl": "kleiner", "en": "lower"},
    "attr_or_same": {"nl": "Bij {c} was de uitval even groot als bij {r} (odds ratio {x}).",
                     "en": "Drop-out was the same for {c} as for {r} (odds ratio {x})."},
    "attr_none": {"nl": "Niemand viel uit.", "en": "Nobody dropped out."},
    "cap_attr": {"nl": "Samenstelling bij de start en aan het eind, en uitval per groep",
                 "en": "Composition at the start and at the end, and drop-out per group"},
    "cap_attr_test": {"nl": "Toets of de uitval verschilt tussen groepen, per kenmerk",
                      "en": "Test whether drop-out differs between groups, per characteristic"},
    "attitudes": {"nl": "Opvattingen bij de start", "en": "Views at the start"},
    "att_intro": {"nl": "Dachten de leden bij de start (meting: {w}) anders dan de bevolking? Per opvatting het aandeel leden dat "
                        "haar deelde tegenover het aandeel in het referentie-onderzoek ({src}).",
                  "en": "Did members think differently from the population at the start (wave: {w})? Per view the share of "
                        "members holding it against the share in the reference survey ({src})."},
    "cap_att": {"nl": "Opvattingen van de leden bij de start tegenover het referentie-onderzoek",
                "en": "Members' views at the start against the reference survey"},
    "public": {"nl": "Inbreng van het bredere publiek", "en": "Input from the wider public"},
    "public_line": {"nl": "{n} inzendingen van {a} tot en met {b}{nd}. Wie meedoet aan een open consultatie kiest daar "
                          "zelf voor: vergelijk de samenstelling met de bevolking, maar lees de intervallen niet als "
                          "die van een steekproef.",
                    "en": "{n} submissions from {a} to {b}{nd}. People who take part in an open consultation choose to "
                          "do so: compare the composition with the population, but do not read the intervals as those "
                          "of a sample."},
    "public_nodate": {"nl": " ({n} zonder datum)", "en": " ({n} without a date)"},
    "cap_public": {"nl": "Samenstelling van de inzenders (wie het kenmerk opgaf) tegenover de bevolking van {area}",
                   "en": "Composition of those who submitted (who gave the characteristic) against the population "
                         "of {area}"},
    "suppressed": {"nl": "Aantallen kleiner dan {n} zijn niet getoond (‘<{n}’), net als de cijfers die ervan zijn afgeleid.",
                   "en": "Counts below {n} are not shown (‘<{n}’), nor are the figures derived from them."},
    # the benchmark's area (docs/forum-folder.md: forum.yml area, the benchmark's area column)
    "area_unknown": {"nl": "een niet genoemd gebied", "en": "an area the benchmark does not name"},
    "level_province": {"nl": "provincie", "en": "provincial"},
    "level_municipality": {"nl": "gemeente", "en": "municipal"},
    "level_district": {"nl": "wijk", "en": "district"},
    "topic_area": {"nl": "Bevolkingscijfers", "en": "Population figures"},
    "area_caution": {"nl": "Let op: dit is een forum op {level}niveau{own}, maar de bevolkingscijfers gaan over {area}. Elk "
                           "verschil met de bevolking in dit rapport is een verschil met {area}, niet met de eigen bevolking van het "
                           "forum, die in leeftijd, opleiding en herkomst flink kan afwijken.",
                     "en": "Caution: this is a {level} forum{own}, but the population figures cover {area}. Every gap "
                           "against the population in this report is a gap against {area}, not against the forum's own population, which "
                           "may differ considerably in age, education and background."},
    "area_own": {"nl": " ({x})", "en": " ({x})"},
    "area_caution_short": {"nl": "Vergeleken met {area}, niet met de eigen bevolking van dit forum op {level}niveau{own}: lees "
                                 "de verschillen met voorzichtigheid.",
                           "en": "Compared with {area}, not with this {level} forum's own population{own}: read the "
                                 "gaps with caution."},
    # scorecard
    "topic_groups": {"nl": "Aandachtsgroepen", "en": "Priority groups"},
    "topic_comp": {"nl": "Samenstelling", "en": "Composition"},
    "topic_no_pop": {"nl": "Zonder bevolkingscijfers", "en": "Without population figures"},
    "no_pop_score": {"nl": "{x}: alleen de samenstelling van het forum, geen vergelijking.",
                     "en": "{x}: the forum's composition only, no comparison."},
    "no_pop_partly": {"nl": "(deels)", "en": "(partly)"},
    "topic_quotas": {"nl": "Quota", "en": "Quotas"},
    "topic_funnel": {"nl": "Werving", "en": "Recruitment"},
    "topic_attr": {"nl": "Uitval tijdens het forum", "en": "Drop-out during the forum"},
    "groups_under": {"nl": "Ondervertegenwoordigd: {x}.", "en": "Under-represented: {x}."},
    "groups_lower_chance": {"nl": "Lager dan de bevolking, binnen de toevalsmarge: {x}.",
                            "en": "Below the population share, within chance: {x}."},
    "groups_none": {"nl": "Geen aandachtsgroep ondervertegenwoordigd ({x}).", "en": "No priority group under-represented ({x})."},
    "group_gap": {"nl": "{g} {a} (bevolking van {area} {b}; {d})", "en": "{g} {a} (population of {area} {b}; {d})"},
    "comp_line": {"nl": "Grootste verschil: {c} ({v}), {a} in het forum tegenover {b} in de bevolking van {area} ({d}); {k} van de {n} "
                        "kenmerken wijken als geheel duidelijk af.",
                  "en": "Largest gap: {c} ({v}), {a} in the forum against {b} in the population of {area} ({d}); {k} of {n} "
                        "characteristics differ clearly as a whole."},
    "quota_unmet": {"nl": "{k} van de {n} quota gehaald; het verst ernaast: {x}.", "en": "{k} of {n} quotas met; furthest off: {x}."},
    "quota_all": {"nl": "Alle {n} quota gehaald.", "en": "All {n} quotas met."},
    "quota_met_of": {"nl": "{k} van de {n} quota gehaald.", "en": "{k} of {n} quotas met."},
    "quota_hidden": {"nl": "Bij {h} quota is niet getoond of ze gehaald zijn, zodat geen aantal kleiner dan {m} is "
                           "terug te rekenen.",
                     "en": "For {h} quotas it is not shown whether they were met, so that no count below {m} can be "
                           "worked out."},
    "quota_hidden_one": {"nl": "Bij 1 quotum is niet getoond of het gehaald is, zodat geen aantal kleiner dan {m} is "
                               "terug te rekenen.",
                         "en": "For 1 quota it is not shown whether it was met, so that no count below {m} can be "
                               "worked out."},
    "quota_below": {"nl": "{c} ({g} te weinig)", "en": "{c} ({g} too few)"},
    "quota_above": {"nl": "{c} ({g} te veel)", "en": "{c} ({g} too many)"},
    # the lottery audit (docs/lottery.md)
    "lottery": {"nl": "De loting: was die eerlijk?", "en": "The draw: was it fair?"},
    "lottery_none": {"nl": "De loting is niet gecontroleerd: daarvoor zijn de aanmelders nodig waaruit geloot is (de pool), "
                           "en die zijn niet aangeleverd.",
                     "en": "The draw was not audited: that needs the registrants it was drawn from (the pool), which "
                           "were not supplied."},
    "lottery_intro": {"nl": "De organisator lootte {k} leden uit een pool van {n} aangemelden, binnen de quota, met de "
                            "methode {method}. Hier is met het pakket sortition-algorithms van de Sortition Foundation "
                            "berekend hoe groot ieders kans was om geloot te worden onder die methode{how}. Met gelijke "
                            "kansen had ieder in de pool {equal} kans gehad (panelgrootte gedeeld door poolgrootte).",
                      "en": "The organiser drew {k} members from a pool of {n} registrants, within the quotas, with the "
                            "method {method}. Here the Sortition Foundation's package sortition-algorithms computed how "
                            "likely each person was to be drawn under that method{how}. With equal chances everyone in "
                            "the pool would have had {equal} (panel size divided by pool size)."},
    "lottery_how_exact": {"nl": " (exact: de verdeling over panels die de methode zelf berekent)",
                          "en": " (exactly: the distribution over panels the method itself computes)"},
    "lottery_how_legacy": {"nl": " (geschat uit {d} gesimuleerde lotingen; wie dezelfde kenmerken heeft, heeft dezelfde "
                                 "kans, dus per combinatie van kenmerken gemiddeld)",
                           "en": " (estimated from {d} simulated draws; people with the same features have the same "
                                 "chance, so it is averaged per combination of features)"},
    "lottery_method_maximin": {"nl": "maximin (de kleinste kans zo groot mogelijk)",
                               "en": "maximin (the smallest chance as large as possible)"},
    "lottery_method_nash": {"nl": "nash (het product van alle kansen zo groot mogelijk)",
                            "en": "nash (the product of all chances as large as possible)"},
    "lottery_method_legacy": {"nl": "legacy (het oudere algoritme dat steeds uit de krapste groep trekt)",
                              "en": "legacy (the older algorithm that draws from the tightest group each time)"},
    "lottery_spread": {"nl": "De kansen liepen uiteen van {min} tot {max} (mediaan {median}); {below} van de pool had "
                             "minder dan de helft van de gelijke kans. De quota geven wie in de pool schaars is een "
                             "grotere kans, en wie er veel is een kleinere.",
                       "en": "The chances ranged from {min} to {max} (median {median}); {below} of the pool had less "
                             "than half the equal chance. The quotas give those who are scarce in the pool a larger "
                             "chance and those who are plentiful a smaller one."},
    "cap_lottery_summary": {"nl": "Selectiekansen in de pool", "en": "Selection probabilities in the pool"},
    "lottery_stat": {"nl": "Maat", "en": "Measure"},
    "lottery_value": {"nl": "Kans", "en": "Probability"},
    "lottery_min": {"nl": "Kleinste kans", "en": "Smallest"},
    "lottery_q1": {"nl": "Eerste kwartiel", "en": "First quartile"},
    "lottery_median": {"nl": "Mediaan", "en": "Median"},
    "lottery_q3": {"nl": "Derde kwartiel", "en": "Third quartile"},
    "lottery_max": {"nl": "Grootste kans", "en": "Largest"},
    "lottery_equal": {"nl": "Gelijke kans (panel / pool)", "en": "Equal chance (panel / pool)"},
    "lottery_below": {"nl": "Aandeel van de pool onder de helft van de gelijke kans",
                      "en": "Share of the pool below half the equal chance"},
    "lottery_zero": {"nl": "Aandeel van de pool zonder kans", "en": "Share of the pool with no chance"},
    "cap_lottery_groups": {"nl": "Gemiddelde selectiekans per groep tegen de gelijke kans",
                           "en": "Mean selection probability per group against the equal chance"},
    "lottery_col_var": {"nl": "Kenmerk", "en": "Feature"},
    "lottery_col_group": {"nl": "Groep", "en": "Group"},
    "lottery_col_pool": {"nl": "In de pool", "en": "In the pool"},
    "lottery_col_mean": {"nl": "Gemiddelde kans", "en": "Mean probability"},
    "lottery_col_ratio": {"nl": "Verhouding tot gelijke kans", "en": "Ratio to the equal chance"},
    "lottery_col_quota": {"nl": "Quotum", "en": "Quota"},
    "lottery_col_status": {"nl": "Geloot panel", "en": "Drawn panel"},
    "lottery_hidden": {"nl": "Groepen met minder dan {n} mensen in de pool of in het geloote panel zijn niet getoond (–), "
                             "net als de groepen waaruit zo'n aantal terug te rekenen zou zijn.",
                       "en": "Groups with fewer than {n} people in the pool or in the drawn panel are not shown (–), nor "
                             "the groups from which such a count could be worked out."},
    "lottery_quotas_all": {"nl": "Het geloote panel haalt alle {n} quota.", "en": "The drawn panel meets all {n} quotas."},
    "lottery_quotas_unmet": {"nl": "Het geloote panel haalt {u} van de {n} quota niet ({x}), terwijl elk panel van deze "
                                   "methode ze haalt.",
                             "en": "The drawn panel misses {u} of the {n} quotas ({x}), while every panel of this method "
                                   "meets them."},
    "lottery_quotas_hidden": {"nl": "Bij {h} quota is niet getoond of het panel ze haalt, zodat geen aantal kleiner dan {m} "
                                    "terug te rekenen is.",
                              "en": "For {h} quotas it is not shown whether the panel meets them, so that no count below "
                                    "{m} can be worked out."},
    "lottery_status_met": {"nl": "gehaald", "en": "met"},
    "lottery_status_below": {"nl": "te weinig", "en": "too few"},
    "lottery_status_above": {"nl": "te veel", "en": "too many"},
    "lottery_typical": {"nl": "Hoe gewoon is de samenstelling van het geloote panel? Het wijkt {d} leden af van de "
                              "samenstelling die de methode gemiddeld geeft (zoveel leden zouden van groep moeten wisselen); "
                              "de helft van de panels van de methode wijkt {m} of minder af, 95% {p} of minder. Het geloote "
                              "panel staat op percentiel {pct} van de panels van de methode{of}: {verdict}",
                        "en": "How typical is the drawn panel's composition? It is {d} members away from the composition "
                              "the method gives on average (so many members would have to change group); half the "
                              "method's panels are {m} or fewer away, 95% {p} or fewer. The drawn panel is at percentile "
                              "{pct} of the method's panels{of}: {verdict}"},
    "lottery_of_draws": {"nl": " (van {d} gesimuleerde lotingen)", "en": " (of {d} simulated draws)"},
    "lottery_verdict_ok": {"nl": "niet ongewoner dan wat de methode gewoonlijk oplevert.",
                           "en": "no more unusual than what the method usually produces."},
    "lottery_verdict_odd": {"nl": "ongewoner dan 95% van wat de methode oplevert. Het panel lijkt niet met deze methode uit "
                                  "deze pool en deze quota geloot; vraag de organisator hoe er geloot is.",
                            "en": "more unusual than 95% of what the method produces. The panel does not look drawn with "
                                  "this method from this pool and these quotas; ask the organiser how the draw was made."},
    "lottery_chart_title": {"nl": "Selectiekans van ieder in de pool, gesorteerd", "en": "Selection probability of everyone in "
                                                                                        "the pool, sorted"},
    "lottery_chart_x": {"nl": "Mensen in de pool, van kleinste naar grootste kans",
                        "en": "People in the pool, from smallest to largest chance"},
    "lottery_chart_y": {"nl": "Selectiekans", "en": "Selection probability"},
    "lottery_chart_equal": {"nl": "Gelijke kans ({x})", "en": "Equal chance ({x})"},
    "lottery_chart_half": {"nl": "Helft van de gelijke kans", "en": "Half the equal chance"},
    "lottery_chart_prob": {"nl": "Selectiekans onder de methode", "en": "Selection probability under the method"},
    "lottery_alt": {"nl": "Lijngrafiek van de selectiekansen van alle {n} mensen in de pool, gesorteerd van klein naar groot: "
                          "van {min} tot {max}, mediaan {median}. De horizontale lijn is de gelijke kans van {equal}; {below} "
                          "van de pool ligt onder de helft daarvan.",
                    "en": "Line chart of the selection probabilities of all {n} people in the pool, sorted from small to "
                          "large: from {min} to {max}, median {median}. The horizontal line is the equal chance of {equal}; "
                          "{below} of the pool is below half of it."},
    "topic_lottery": {"nl": "Loting", "en": "The draw"},
    "lottery_score": {"nl": "Kansen {min} tot {max} (gelijk: {equal}); {below} van de pool onder de helft van de gelijke "
                            "kans. {quotas} Samenstelling op percentiel {pct} van de panels van de methode ({method}){verdict}.",
                      "en": "Chances {min} to {max} (equal: {equal}); {below} of the pool below half the equal chance. "
                            "{quotas} Composition at percentile {pct} of the method's panels ({method}){verdict}."},
    "lottery_score_quotas_all": {"nl": "Het panel haalt alle quota.", "en": "The panel meets every quota."},
    "lottery_score_quotas_unmet": {"nl": "Het panel haalt {u} van de {n} quota niet.",
                                   "en": "The panel misses {u} of the {n} quotas."},
    "lottery_score_odd": {"nl": ": ongewoner dan 95% daarvan", "en": ": more unusual than 95% of them"},
    "funnel_line": {"nl": "{l} brieven, {r} aanmeldingen ({rr}), {s} leden begonnen.",
                    "en": "{l} letters, {r} registrations ({rr}), {s} members started."},
    "funnel_weak": {"nl": " Het meest vielen af: {x}.", "en": " Falling away most: {x}."},
    "named_def": {"nl": "Aandachtsgroepen: {x}.", "en": "Priority groups: {x}."},
    "named_omitted": {"nl": "Niet getoond, omdat de gegevens van dit forum geen van hun categorieën hebben: {x}.",
                      "en": "Not shown, because this forum's data have none of their categories: {x}."},
    # table headers
    "col_topic": {"nl": "Onderwerp", "en": "Topic"},
    "col_finding": {"nl": "Bevinding", "en": "Finding"},
    "col_diff_pp": {"nl": "Verschil (procentpunt)", "en": "Difference (percentage points)"},
    "col_shift_pp": {"nl": "Verschuiving (procentpunt)", "en": "Shift (percentage points)"},
    "col_chi_df": {"nl": "X² (vrijheidsgraden)", "en": "X² (degrees of freedom)"},
    "col_var": {"nl": "Kenmerk", "en": "Characteristic"},
    "col_source": {"nl": "Bron (tabel)", "en": "Source (table)"},
    "col_year": {"nl": "Jaar", "en": "Year"},
    "col_ages": {"nl": "Leeftijden", "en": "Ages"},
    "col_note": {"nl": "Wat het cijfer dekt", "en": "What the figure covers"},
    "col_test": {"nl": "Toets", "en": "Test"},
    "col_p": {"nl": "p", "en": "p"},
    "col_w": {"nl": "Cohens w", "en": "Cohen's w"},
    "col_tvd": {"nl": "Verschil in samenstelling", "en": "Composition gap"},
    "col_gof_verdict": {"nl": "Wijkt als geheel af?", "en": "Differs as a whole?"},
    "col_attr_verdict": {"nl": "Verschilt de uitval?", "en": "Does drop-out differ?"},
    "pooled_cats": {"nl": "{k} verborgen categorieën samengenomen", "en": "{k} hidden categories pooled"},
    "col_group": {"nl": "Groep", "en": "Group"},
    "col_members": {"nl": "Leden", "en": "Members"},
    "col_min": {"nl": "Minimum", "en": "Minimum"},
    "col_max": {"nl": "Maximum", "en": "Maximum"},
    "col_status": {"nl": "Quotum", "en": "Quota"},
    "col_short": {"nl": "Tekort (−) of overschot (+)", "en": "Short (−) or over (+)"},
    "col_weak": {"nl": "Grootste terugval bij de stap", "en": "Falls away most at the step"},
    "col_weak_rate": {"nl": "Kans bij die stap (% van gemiddeld)", "en": "Chance at that step (% of average)"},
    "col_per1000": {"nl": "Afgerond per 1.000 brieven", "en": "Completed per 1,000 letters"},
    "col_rel_overall": {"nl": "Van brief tot afgerond (% van gemiddeld)", "en": "Letter to completed (% of average)"},
    "col_replaced": {"nl": "Vervangen (afgehaakt)", "en": "Replaced (withdrew)"},
    "col_replacing": {"nl": "Vervanger", "en": "Replacement"},
    "col_net": {"nl": "Netto", "en": "Net"},
    "col_pairs": {"nl": "Vervangingen", "en": "Replacements"},
    "col_same": {"nl": "Zelfde kenmerk", "en": "Same value"},
    "col_started": {"nl": "Begonnen", "en": "Started"},
    "col_completed": {"nl": "Afgerond", "en": "Completed"},
    "col_share_started": {"nl": "Aandeel bij start", "en": "Share at start"},
    "col_share_completed": {"nl": "Aandeel aan het eind", "en": "Share at end"},
    "col_dropout": {"nl": "Uitval", "en": "Drop-out rate"},
    "col_v": {"nl": "Cramérs V", "en": "Cramér's V"},
    "col_statement": {"nl": "Stelling", "en": "Statement"},
    "col_view": {"nl": "Opvatting (referentie-onderzoek)", "en": "View (reference survey)"},
    "counts_as": {"nl": "antwoord {x}", "en": "answer {x}"},
    "col_forum_ci": {"nl": "Leden (95%-interval)", "en": "Members (95% interval)"},
    "att_note": {"nl": "Toets: {x}, die ook de onzekerheid van het referentie-onderzoek meeneemt (n = {n}).",
                 "en": "Test: {x}, which also accounts for the uncertainty of the reference survey (n = {n})."},
    "att_note_binom": {"nl": "Toets: {x} tegen het aandeel in het referentie-onderzoek (omvang onbekend).",
                       "en": "Test: {x} against the share in the reference survey (its size unknown)."},
    "col_ref": {"nl": "Referentie", "en": "Reference"},
    "col_diff": {"nl": "Verschil", "en": "Difference"},
    "col_n_ans": {"nl": "Antwoorden leden", "en": "Members answering"},
    # codes
    "met": {"nl": "gehaald", "en": "met"}, "below": {"nl": "te weinig", "en": "too few"},
    "above": {"nl": "te veel", "en": "too many"},
    "chi2": {"nl": "chi-kwadraat", "en": "chi-square"}, "exact": {"nl": "exact (multinomiaal)", "en": "exact (multinomial)"},
    "monte_carlo": {"nl": "Monte-Carlo", "en": "Monte Carlo"},
    "fisher_exact": {"nl": "Fisher exact", "en": "Fisher exact"},
    "fisher_monte_carlo": {"nl": "Fisher exact (Monte-Carlo)", "en": "Fisher exact (Monte Carlo)"},
    "binomial": {"nl": "binomiaal", "en": "binomial"}, "two_proportion_z": {"nl": "z-toets voor twee aandelen", "en": "two-proportion z-test"},
    "not applicable": {"nl": "niet van toepassing", "en": "not applicable"},
    "yes_clear": {"nl": "ja, duidelijk", "en": "yes, clearly"}, "no": {"nl": "niet duidelijk", "en": "not clearly"},
    "size_0": {"nl": "verwaarloosbaar", "en": "negligible"}, "size_1": {"nl": "klein", "en": "small"},
    "size_2": {"nl": "middelgroot", "en": "medium"}, "size_3": {"nl": "groot", "en": "large"},
    "all_ages": {"nl": "alle leeftijden", "en": "all ages"},
    "ages_plus": {"nl": "{a} jaar en ouder", "en": "aged {a} and over"},
    "ages_range": {"nl": "{a} tot en met {b} jaar", "en": "aged {a} to {b}"},
    "step": {"nl": "tussen {a} en {b}", "en": "between {a} and {b}"},
    "step_short": {"nl": "{a} → {b}", "en": "{a} → {b}"},
    # gaps table headers
    "col_n": {"nl": "Leden", "en": "Members"},
    "col_share": {"nl": "Aandeel forum", "en": "Share in forum"},
    "col_ci": {"nl": "95%-interval", "en": "95% interval"},
    "col_pop": {"nl": "Aandeel bevolking {area}", "en": "Share in population of {area}"},
    "col_flag": {"nl": "Oordeel", "en": "Assessment"},
    "col_submitters": {"nl": "Inzenders", "en": "Submissions"},
    "col_share_submitters": {"nl": "Aandeel inzenders", "en": "Share of submissions"},
    "suppressed_dropped": {"nl": "Ook hoeveel leden van een groep afvielen (begonnen min afgerond) is een aantal: "
                                 "1 tot {n} is niet terug te rekenen.",
                           "en": "How many members of a group dropped out (started minus completed) is a count "
                                 "too: 1 to {n} cannot be worked out."},
    "suppressed_linked": {"nl": "Ook een paar grotere aantallen zijn niet getoond (‘–’), zodat geen verborgen aantal "
                                "uit de andere gepubliceerde getallen (in deze of een andere tabel) is terug te "
                                "rekenen.",
                          "en": "A few larger counts are not shown either (‘–’), so that no hidden count can be "
                                "worked out from the other published numbers (in this table or another)."},
    "and_list": {"nl": "{a} en {b}", "en": "{a} and {b}"},
    "or_list": {"nl": "{a} of {b}", "en": "{a} or {b}"},
    # figures and their alt texts
    "no_data": {"nl": "Geen gegevens om te tonen.", "en": "No data to show."},
    "against": {"nl": "tegenover", "en": "against"},
    "comp_x": {"nl": "Aandeel (stip: forum, balk: 95%-interval; streepje: bevolking van {area})",
               "en": "Share (dot: forum, bar: 95% interval; tick: population of {area})"},
    "comp_population": {"nl": "bevolking van {area}", "en": "population of {area}"},
    "comp_x_only": {"nl": "Aandeel in het forum (stip, balk: 95%-interval)", "en": "Share in the forum (dot; bar: 95% interval)"},
    "no_pop": {"nl": "geen bevolkingscijfers", "en": "no population figures"},
    "comp_alt_only": {"nl": "Stippengrafiek van de samenstelling van het forum naar {v} (aandeel met 95%-interval); "
                            "geen bevolkingscijfers: {x}.",
                      "en": "Dot plot of the forum's composition by {v} (share with 95% interval); no population "
                            "figures: {x}."},
    "comp_alt": {"nl": "Stippengrafiek van de samenstelling van het forum naar {v} (aandeel met 95%-interval) "
                       "tegenover de bevolking van {area}: {x}.",
                 "en": "Dot plot of the forum's composition by {v} (share with 95% interval) against the "
                       "population of {area}: {x}."},
    "funnel_x": {"nl": "Aantal (logaritmische schaal)", "en": "Count (log scale)"},
    "funnel_alt": {"nl": "Staafdiagram van de werving, van brieven tot afgerond: {x}.",
                   "en": "Bar chart of recruitment, from letters to completed: {x}."},
    "funnel_y": {"nl": "Aandeel van iedereen in die fase", "en": "Share of everyone at that stage"},
    "funnel_var_alt": {"nl": "Lijngrafiek van het aandeel per groep ({v}) in elke wervingsfase, van eerste tot "
                             "laatste fase: {x}.",
                       "en": "Line chart of each group's share ({v}) at every recruitment stage, first to last "
                             "stage: {x}."},
    "att_x": {"nl": "Aandeel dat de opvatting deelt", "en": "Share holding the view"},
    "att_members": {"nl": "forumleden (95%-interval)", "en": "forum members (95% interval)"},
    "att_reference": {"nl": "referentie-onderzoek", "en": "reference survey"},
    "att_alt": {"nl": "Stippengrafiek van het aandeel forumleden dat bij de start een opvatting deelde (met "
                      "95%-interval), tegenover het referentie-onderzoek: {x}.",
                "en": "Dot plot of the share of forum members holding each view at the start (with 95% interval), "
                      "against the reference survey: {x}."},
    "period_W": {"nl": "week", "en": "week"}, "period_M": {"nl": "maand", "en": "month"},
    "volume_x_W": {"nl": "week (begint op maandag)", "en": "week (starting Monday)"},
    "volume_x_M": {"nl": "maand", "en": "month"},
    "volume_y": {"nl": "Inzendingen", "en": "Submissions"},
    "volume_alt": {"nl": "Staafdiagram van het aantal inzendingen van het bredere publiek per {p}, van {a} tot en "
                         "met {b}: {n} in totaal{peak}, de minste {m}.",
                   "en": "Bar chart of submissions from the wider public per {p}, from {a} to {b}: {n} in "
                         "total{peak}, the fewest {m}."},
    "volume_peak": {"nl": "; de meeste in de {p} van {d} ({k})", "en": "; the most in the {p} of {d} ({k})"},
    # two sentences per variable (toolkit.sections.representativeness.charts.sentences)
    "sent_gap": {"nl": "Naar {v} zit het grootste verschil bij {c}: {a} van het forum (95%-interval {ci}) "
                       "tegenover {b} van de bevolking van {area} ({d}).",
                 "en": "By {v}, the largest gap is for {c}: {a} of the forum (95% interval {ci}) against {b} "
                       "of the population of {area} ({d})."},
    "sent_under": {"nl": "Ondervertegenwoordigd: {x}", "en": "Under-represented: {x}"},
    "sent_no_pop": {"nl": "Geen bevolkingscijfers: alleen de samenstelling van het forum, zonder vergelijking.",
                    "en": "No population figures: the forum's composition only, without a comparison."},
    "sent_some_no_pop": {"nl": "Geen bevolkingscijfers voor {x}: daar alleen het aandeel in het forum, zonder "
                               "vergelijking en zonder toets van {v} als geheel.",
                         "en": "No population figures for {x}: there only the forum's share, without a comparison "
                               "and without a test of {v} as a whole."},
    "sent_under_only": {"nl": "Ondervertegenwoordigd: {x}.", "en": "Under-represented: {x}."},
    "sent_no_under": {"nl": "Geen groep is ondervertegenwoordigd", "en": "No group is under-represented"},
    "sent_lower_chance": {"nl": "Lager dan in de bevolking, maar binnen de toevalsmarge: {x}.",
                          "en": "Below the population share, but within chance: {x}."},
    "sent_clear": {"nl": "alles bij elkaar zijn de verschillen groter dan toeval verklaart",
                   "en": "taken together, the differences are larger than chance explains"},
    "sent_chance": {"nl": "alles bij elkaar vallen de verschillen binnen wat toeval kan verklaren",
                    "en": "taken together, the differences are within what chance can explain"},
}

#: What each figure of the shipped Dutch benchmark covers (docs/representativeness.md), in nl and en.
DEFAULT_NL_NOTES: dict[str, dict[str, str]] = {
    "gender": {"nl": "Mannen en vrouwen van alle leeftijden (ook kinderen) op 1 januari 2023, niet alleen volwassenen.",
               "en": "Men and women of all ages (children included) on 1 January 2023, not adults only."},
    "age_group": {"nl": "Aandeel van de bevolking van 20 jaar en ouder op 1 januari 2019. De groep 18-39 dekt alleen "
                        "20-39 jaar: 18- en 19-jarigen ontbreken.",
                  "en": "Share of the population aged 20 and over on 1 January 2019. The group 18-39 covers ages "
                        "20-39 only: 18- and 19-year-olds are missing."},
    "migration_background": {"nl": "Alle leeftijden (ook kinderen) op 1 januari 2018, in de toenmalige CBS-indeling "
                                   "westers/niet-westers (die het CBS inmiddels heeft vervangen).",
                             "en": "All ages (children included) on 1 January 2018, in CBS's former westers/niet-westers "
                                   "classification (since replaced by CBS)."},
    "education": {"nl": "Hoogst behaald niveau, 15-75 jaar (niet 18+), 2022 (voorlopig); laag = CBS-niveaus 11+12, "
                        "middelbaar = 21, hoog = 31+32.",
                  "en": "Highest level attained, ages 15-75 (not 18+), 2022 (provisional); lower = CBS levels 11+12, "
                        "intermediate = 21, higher = 31+32."},
    "region": {"nl": "Bevolking van 15-75 jaar in de vier landsdelen, 2022.",
               "en": "Population aged 15-75 in the four landsdelen (parts of the country), 2022."},
}


def t(key: str, lang: str, **kw: Any) -> str:
    """A phrase of :data:`TEXT` in `lang`, filled in (:func:`toolkit.i18n.tr`).

    Examples
    --------
    >>> t("quota_line", "en", k=10, n=16)
    '10 of 16 quotas were met.'
    """
    return tr(key, lang, TEXT, **kw)


def area_text(area: str | None, lang: str) -> str:
    """The benchmark's area as the phrases name it (``{area}``): its name, or that the file names none.

    Examples
    --------
    >>> area_text("Nederland", "en"), area_text(None, "nl")
    ('Nederland', 'een niet genoemd gebied')
    """
    return str(area) if area else t("area_unknown", lang)


def area_caution_text(key_figures: dict | None, lang: str, short: bool = False) -> str | None:
    """The caution for a local forum compared with figures of another area (results.json
    ``representativeness.area_caution``), None when there is none to give.

    Examples
    --------
    >>> kf = {"area_caution": True, "benchmark_area": "Nederland",
    ...       "forum_area": {"name": "Gemeente Noordwaard", "level": "municipality"}}
    >>> area_caution_text(kf, "en", short=True)
    "Compared with Nederland, not with this municipal forum's own population (Gemeente Noordwaard): read the gaps with caution."
    >>> area_caution_text({"area_caution": False}, "nl") is None
    True
    """
    if not key_figures or not key_figures.get("area_caution"):
        return None
    own = (key_figures.get("forum_area") or {})
    name = own.get("name")
    return t("area_caution_short" if short else "area_caution", lang, area=area_text(key_figures.get("benchmark_area"), lang),
             level=t(f"level_{own.get('level')}", lang), own=t("area_own", lang, x=name) if name else "")


def label(code: Any, lang: str) -> str:
    """A code (variable, category, stage, flag) in words, or the code itself when it has none.

    Examples
    --------
    >>> label("niet-westers", "en"), label("18-39", "nl"), label("Noord", "en"), label("Utrecht", "en")
    ('non-western migration background', '18-39-jarigen', 'North Netherlands', 'Utrecht')
    """
    return tr(str(code), lang, LABELS)


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


def intro(n: str, stage: str, lang: str, *, area: str, funnel: bool, attitudes: bool, public: bool,
          one_stage: bool = False) -> str:
    """The section's opening: what it compares, naming only the parts this forum has.

    `area` is the benchmark's area in words (:func:`area_text`); `one_stage`: only the composition at one
    stage was published, so nothing is said about drop-out.

    Examples
    --------
    >>> intro("48", "came to the first session", "en", area="Nederland", funnel=False, attitudes=False,
    ...       public=False).endswith("the population of Nederland, where there are population figures (their "
    ...                              "sources are below the table of gaps).")
    True
    >>> intro("48", "aan de eerste sessie begonnen", "nl", area="Nederland", funnel=True, attitudes=True,
    ...       public=False).split("), ")[1]
    'volgt de werving van brief tot laatste sessie en vergelijkt de opvattingen van de leden bij de start met een referentie-onderzoek in de bevolking.'
    >>> intro("99", "were drawn", "en", area="Ireland", funnel=False, attitudes=False, public=False,
    ...       one_stage=True).split(". ")[1]
    'Only the composition was published, one count per category, so this report says nothing about drop-out.'
    """
    parts = [t("intro_compare", lang, n=n, stage=stage, area=area)]
    parts += [t(key, lang) for key, on in (("intro_funnel", funnel), ("intro_attitudes", attitudes),
                                            ("intro_public", public)) if on]
    return t("intro_one_stage" if one_stage else "intro", lang, parts=join_and(parts, lang))


def pooled_label(code: Any, lang: str) -> str:
    """Categories pooled into one (``westers|niet-westers``) in words: ``a, b or c``.

    Examples
    --------
    >>> pooled_label("westers|niet-westers", "nl"), pooled_label("man", "en")
    ('westerse migratieachtergrond of niet-westerse migratieachtergrond', 'men')
    """
    words = [label(c, lang) for c in str(code).split("|")]
    return t("or_list", lang, a=", ".join(words[:-1]), b=words[-1]) if len(words) > 1 else words[0]


def join_and(words: list[str], lang: str) -> str:
    """``a, b and c`` (``a, b en c``).

    Examples
    --------
    >>> join_and(["a", "b", "c"], "nl"), join_and(["a"], "en")
    ('a, b en c', 'a')
    """
    return t("and_list", lang, a=", ".join(words[:-1]), b=words[-1]) if len(words) > 1 else "".join(words)


def group_label(group: str, lang: str, categories: str | None = None) -> str:
    """A priority group in words, with its categories (``|``-separated codes) when given.

    Examples
    --------
    >>> group_label("young_people", "nl", "18-39"), group_label("my_group", "en")
    ('jongeren (18-39-jarigen)', 'my group')
    """
    key = f"group_{group}"
    name = label(key, lang) if key in LABELS else str(group).replace("_", " ")
    if categories:
        name += f" ({join_and([label(c, lang) for c in str(categories).split('|')], lang)})"
    return name


def step(stage: str, stages: list[str], lang: str, key: str = "step") -> str:
    """The funnel step that ends at `stage`: "tussen aanmeldingen en loting-pool" (or ``step_short``).

    Examples
    --------
    >>> step("registrations", ["letters", "registrations", "pool"], "en", "step_short")
    'letters → registrations'
    """
    i = stages.index(stage) if stage in stages else 0
    prev = stages[i - 1] if i > 0 else stage
    return t(key, lang, a=label(prev, lang), b=label(stage, lang))


def quota_count_text(quotas: dict, min_cell, lang: str) -> str:
    """"8 of 16 quotas met." from results.json ``quotas`` (the published statuses), with how many statuses
    are not shown.

    >>> quota_count_text({"n_quotas": 16, "n_met": 8, "unmet": [], "n_status_hidden": 2}, 5, "en")
    '8 of 16 quotas met. For 2 quotas it is not shown whether they were met, so that no count below 5 can be worked out.'
    """
    line = t("quota_met_of", lang, k=quotas["n_met"], n=quotas["n_quotas"])
    hidden = quotas.get("n_status_hidden", 0)
    return line + " " + quota_hidden_text(hidden, min_cell, lang) if hidden else line


def quota_hidden_text(hidden: int, min_cell, lang: str) -> str:
    """How many quota statuses are not shown (:func:`toolkit.disclosure.joint.publishable_quotas`), and why."""
    return t("quota_hidden_one", lang, m=min_cell) if hidden == 1 else t("quota_hidden", lang, h=hidden, m=min_cell)


def item_label(forum, item: str, lang: str) -> str:
    """A survey item's label from the codebook (the item code when it has none)."""
    meta = (forum.codebook.get("items") or {}).get(item) or {}
    return cfg_text(meta.get("label", item), lang) if meta else str(item)
