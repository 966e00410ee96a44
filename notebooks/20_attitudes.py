# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Attitude shifts
# Did deliberation change what members know and think, for whom, and did it last? Changes per item
# and scale, knowledge, the control group, subgroups, polarization, process quality, attrition,
# weighting and reliability. All numbers come from `toolkit.sections.attitudes.result`; this notebook only
# shows them (methods: docs/attitudes.md).

# %% tags=["parameters"]
forum_dir = "../surveys/example"  # the forum folder
out_dir = ""  # where results.json goes; empty: do not write
lang = ""  # nl or en; empty: the forum's language
run_started = ""  # ISO time stamp of the run, set by forum-eval

# %%
import textwrap

import pandas as pd

from toolkit.report import display as show
from toolkit import load_forum
from toolkit.sections.attitudes import charts as att_view
from toolkit.sections.attitudes import tables as att_tab
from toolkit.sections.attitudes import sentences as att_sent
from toolkit.sections.attitudes import text as att_text
from toolkit.forum.config import text
from toolkit.i18n import tr
from toolkit.sections.attitudes import result as att_sec

forum = load_forum(forum_dir)
lang = lang or forum.config["language"]
att = att_sec.analyse(forum)
att_kf = att_sec.figures(forum)
ATT = {
    "title": {"nl": "Verschuivingen in kennis en opvattingen", "en": "Attitude shifts"},
    "none": {"nl": "Dit forum heeft geen gegevens over opvattingen (geen vragen van het type ‘scale’ in het codeboek).",
             "en": "This forum has no attitude data (no questions of type ‘scale’ in the codebook)."},
    "findings": {"nl": "Kernbevindingen", "en": "Key findings"},
    "changes": {"nl": "Verandering per vraag", "en": "Change per question"},
    "changes_intro": {"nl": "Het bosdiagram toont per vraag de gestandaardiseerde verandering (d_z: de gemiddelde verandering gedeeld door de spreiding van de individuele veranderingen) met 95%-interval. Een gevulde stip is een duidelijke verandering; een open stip niet. Een interval dat de nullijn raakt, laat geen duidelijke verandering zien.",
                      "en": "The forest plot shows the standardized change per question (d_z: the mean change divided by the spread of the individual changes) with its 95% interval. A filled dot is a clear change; an open dot is not. An interval that touches the zero line shows no clear change."},
    "cap_changes": {"nl": "Verandering bij forumleden van {wf} naar {wt}: gemiddelden op de personen die beide metingen invulden; steun op alle antwoorden per meting",
                    "en": "Change among forum members from {wf} to {wt}: means on the people who answered both waves; support on all answers per wave"},
    "distribution": {"nl": "Verdeling van de antwoorden op de kernvragen", "en": "Distribution of answers to the headline questions"},
    "dist_intro": {"nl": "Per meting het aandeel forumleden per antwoord. De tabel eronder laat zien hoeveel forumleden van antwoordgroep wisselden: een kleine netto verandering kan grote bewegingen in beide richtingen verbergen.",
                   "en": "Per wave the share of forum members giving each answer. The table below shows how many members moved between answer groups: a small net change can hide large movements both ways."},
    "cap_trans": {"nl": "Forumleden per antwoordgroep: {x}", "en": "Forum members by answer group: {x}"},
    "knowledge": {"nl": "Kennis", "en": "Knowledge"},
    "no_knowledge": {"nl": "Dit forum heeft geen kennisvragen gesteld.", "en": "This forum asked no knowledge questions."},
    "kn_intro": {"nl": "De kennisscore is het aandeel kennisvragen dat iemand goed beantwoordde; ‘weet niet’ telt als niet goed.",
                 "en": "The knowledge score is the share of quiz questions a person answered correctly; ‘don't know’ counts as not correct."},
    "cap_kn": {"nl": "Forumleden: aandeel goed en aandeel ‘weet niet’ per kennisvraag en meting",
               "en": "Forum members: share correct and share ‘don't know’ per quiz question and wave"},
    "control": {"nl": "Vergelijking met de controlegroep", "en": "Comparison with the control group"},
    "no_control": {"nl": "Dit forum heeft geen controlegroep; een verschil-in-verschillen kan niet worden berekend.",
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
    "cap_agree": {"nl": "Spreiding en overeenstemming onder forumleden per meting", "en": "Spread and agreement among forum members per wave"},
    "gap_intro": {"nl": "Werd het verschil in gemiddelde tussen subgroepen kleiner? Alleen ‘ja, duidelijk’ als het interval van de verandering geen nul bevat en de Holm-gecorrigeerde p onder 0,05 ligt.",
                  "en": "Did the gap in mean between subgroups narrow? Only ‘yes, clearly’ when the interval of the change excludes zero and the Holm-corrected p is below .05."},
    "cap_gap": {"nl": "Verschil tussen subgroepen van forumleden, {wf} en {wt}", "en": "Gap between subgroups of members, {wf} and {wt}"},
    "process": {"nl": "Kwaliteit van het proces", "en": "Quality of the process"},
    "no_process": {"nl": "Dit forum heeft geen vragen over de kwaliteit van het proces gesteld.", "en": "This forum asked no questions on the quality of the process."},
    "cap_process": {"nl": "Oordeel van forumleden per criterium van de OECD-evaluatierichtlijnen (2021)",
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


def att_t(key, **kw):
    return tr(key, lang, ATT, **kw)


def att_table(df, caption):
    """A table, followed by the small-cell note when a cell in it was suppressed."""
    show.table(df, caption)
    if att_tab.has_suppressed(df):
        show.paragraph(tr("suppressed_note", lang, n=forum.config["min_cell_size"]))

# %%
show.heading(att_t("title"), 2, "attitudes")
if att is None:
    show.paragraph(att_t("none"))

# %%
if att is not None:
    att_set = att.settings
    att_waves = att_set["waves"]
    att_wl = {w: text(lab, lang) for w, lab in att_set["wave_labels"].items()}
    att_short = {i: att_text.short_label(lab, lang, 55) for i, lab in att_set["labels"].items()}
    att_fig_labels = att_view.figure_labels(att, lang, lines=2 if att_set["has_control"] else 1)
    show.heading(att_t("findings"), 3, "attitudes-findings")
    for s in att_sent.overview_sentences(att, lang):
        show.paragraph(s)
    for s in att_sent.finding_sentences(att, att_kf, lang):
        show.paragraph(s)

# %%
if att is not None and att_set["wave_pairs"]:
    show.heading(att_t("changes"), 3, "attitudes-changes")
    show.paragraph(att_t("changes_intro"))
    att_all = att_view.forest_data(att)
    for wf, wt in att_set["wave_pairs"]:
        fig, alt = att_view.forest_plot(att_all, wf, wt, att_fig_labels, lang, att_wl)
        att_view.localize_ticks(fig, lang)
        att_view.polish_forest(fig)
        show.figure(fig, " ".join(alt.replace("\\$", "$").split()))
        att_table(att_tab.changes_table(att, (wf, wt), lang), att_t("cap_changes", wf=att_wl[wf], wt=att_wl[wt]))

# %%
if att is not None:
    show.heading(att_t("distribution"), 3, "attitudes-distribution")
    show.paragraph(att_t("dist_intro"))
    for item in att_set["headline"]:
        label = att_text.short_label(att_set["labels"].get(item, item), lang, 120)
        fig, alt = att_view.distribution_plot(forum.responses, item, att_waves, att_set["ranges"][item],
                                              "\n".join(textwrap.wrap(label, 70)).replace("$", "\\$"), lang, att_wl)
        show.figure(fig, " ".join(alt.replace("\\$", "$").split()))
        if att.transitions is not None and item in set(att.transitions["item"]):
            att_table(att_tab.transitions_table(att, item, lang), att_t("cap_trans", x=label))

# %%
if att is not None:
    show.heading(att_t("knowledge"), 3, "attitudes-knowledge")
    if att.knowledge is None:
        show.paragraph(att_t("no_knowledge"))
    else:
        show.paragraph(att_t("kn_intro"))
        for s in att_sent.sentences({"knowledge": att_kf["knowledge"]}, lang, att_short, att_wl):
            show.paragraph(s)
        kn_waves = [w for w in att_waves if w in set(att.knowledge.scores["wave"])]
        fig, alt = att_view.knowledge_plot(att.knowledge.scores, kn_waves, lang, att_wl)
        fig.axes[0].set_ylim(0, 1)  # shares: show the whole 0-100% range
        show.figure(fig, alt)
        att_table(att_tab.knowledge_table(att, lang), att_t("cap_kn"))

# %%
if att is not None:
    show.heading(att_t("control"), 3, "attitudes-control")
    if att.did is None:
        show.paragraph(att_t("no_control"))
    else:
        show.paragraph(att_t("did_intro"))
        for s in att_sent.sentences({"did": att_kf["did"]}, lang, att_short, att_wl):
            show.paragraph(s)
        for item in dict.fromkeys(att.did["item"]):
            data = att.scores if item in att_set["scales"] else forum.responses
            lo, hi = att_set["ranges"][item]
            fig, alt = att_view.group_trend_plot(data, item, att_waves, att_short.get(item, item).replace("$", "\\$"),
                                                 lang, att_wl,
                                                 did=att.did[att.did["item"] == item],
                                                 y_label=att_t("trend_y", lo=lo, hi=hi))
            att_view.localize_ticks(fig, lang)
            show.figure(fig, alt)
        att_table(att_tab.did_table(att, lang), att_t("cap_did"))

# %%
if att is not None:
    show.heading(att_t("subgroups"), 3, "attitudes-subgroups")
    if att.heterogeneity is None:
        show.paragraph(att_t("no_subgroups"))
    else:
        show.paragraph(att_t("het_intro", n=att_set["min_cell"]))
        att_table(att_tab.subgroup_sizes_table(att, lang), att_t("cap_sizes"))
        att_table(att_tab.heterogeneity_table(att, lang), att_t("cap_het"))

# %%
if att is not None and att.agreement is not None:
    show.heading(att_t("polarization"), 3, "attitudes-polarization")
    show.paragraph(att_t("pol_intro"))
    att_table(att_tab.agreement_table(att, lang), att_t("cap_agree"))
    if att.gaps is not None:
        show.paragraph(att_t("gap_intro"))
        wf, wt = att_set["wave_pairs"][0]
        att_table(att_tab.gap_table(att, lang), att_t("cap_gap", wf=att_wl[wf], wt=att_wl[wt]))

# %%
if att is not None:
    show.heading(att_t("process"), 3, "attitudes-process")
    if att.process is None:
        show.paragraph(att_t("no_process"))
    else:
        show.paragraph(att_sent.process_sentence(att, lang))
        att_table(att_tab.process_table(att, lang), att_t("cap_process"))

# %%
if att is not None:
    show.heading(att_t("attrition"), 3, "attitudes-attrition")
    show.paragraph(att_t("attr_intro"))
    att_table(att_tab.attrition_table(att, lang), att_t("cap_attr"))
    if att.dropouts is None or not (att.dropouts["n_dropouts"] > 0).any():
        show.paragraph(att_t("no_drop"))
    else:
        att_table(att_tab.dropouts_table(att, lang), att_t("cap_drop"))

# %%
if att is not None:
    show.heading(att_t("weighting"), 3, "attitudes-weighting")
    if att.weighting is None:
        show.paragraph(att_t("no_weighting"))
    else:
        show.paragraph(att_sent.weighting_sentence(att, lang))
        if att.weighted is not None:
            att_table(att_tab.weighted_table(att, lang), att_t("cap_weighted"))

# %%
if att is not None:
    show.heading(att_t("reliability"), 3, "attitudes-reliability")
    if att.reliability is None:
        show.paragraph(att_t("no_scales"))
    else:
        show.paragraph(att_t("rel_intro"))
        att_table(att_tab.reliability_table(att, lang), att_t("cap_rel"))

# %%
if att is not None and forum.config["free_text"] and not forum.texts.empty:
    show.heading(att_t("comments"), 3, "attitudes-comments")
    for w, n, excerpts in att_sent.comment_excerpts(forum):
        show.paragraph(att_t("n_comments", n=n, w=att_wl.get(w, w)))
        show.table(pd.DataFrame({att_t("excerpt"): excerpts}), att_t("cap_comments"))
