# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
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
from toolkit.forum.settings import min_cell_size
from toolkit.sections import section
from toolkit import load_forum
from toolkit.sections.attitudes import charts as att_view
from toolkit.sections.attitudes import tables as att_tab
from toolkit.sections.attitudes import sentences as att_sent
from toolkit.sections.attitudes import text as att_text
from toolkit.forum.config import text
from toolkit.i18n import tr
from toolkit.sections.attitudes import result as att_sec
from toolkit.sections.attitudes import dri as att_dri_sec
from toolkit.sections.attitudes import dri_charts as att_dri_view

forum = load_forum(forum_dir)
lang = lang or forum.config["language"]
att = att_sec.published(att_sec.analyse(forum))  # what may be published: the same decision as results.json
att_kf = att_sec.figures(forum)


def att_t(key, **kw):
    return att_text.t(key, lang, **kw)


def att_table(df, caption):
    """A table, followed by the small-cell note when a cell in it was suppressed."""
    show.table(df, caption)
    if att_tab.has_suppressed(df):
        show.paragraph(tr("suppressed_note", lang, n=min_cell_size(forum.config)))

# %%
show.heading(section("attitudes").title[lang], 2, "attitudes")
if att is None:
    show.paragraph(att_t("none" if forum.codebook["waves"] else "no_surveys"))

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
att_dri = att_dri_sec.published_dri(att_dri_sec.analyse_dri(forum)) if att is not None else None
if att is not None and att_dri is None:
    show.paragraph(att_t("dri_absent"))  # one line, no section: the surveys hold no DRI instrument

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
        if att_tab.shares_withheld(att, (wf, wt)):  # a support share of 1..min_cell-1 people: say why '–'
            show.paragraph(att_t("share_withheld", n=att_set["min_cell"]))

# %%
if att is not None:
    show.heading(att_t("distribution"), 3, "attitudes-distribution")
    show.paragraph(att_t("dist_intro"))
    for item in att_set["headline"]:
        label = att_text.short_label(att_set["labels"].get(item, item), lang, 120)
        shown = att.distribution is not None and item in set(att.distribution["item"])
        if not shown:  # every merge of answers would still give a small count away
            show.paragraph(att_t("dist_hidden", title=label, n=att_set["min_cell"]))
        else:
            spread = att.agreement[(att.agreement["item"] == item) & (att.agreement["subgroup"] == "all")] \
                if att.agreement is not None else None
            fig, alt = att_view.distribution_plot(att.distribution, item, att_waves, att_set["ranges"][item],
                                                  "\n".join(textwrap.wrap(label, 70)).replace("$", "\\$"), lang,
                                                  att_wl, dict(zip(spread["wave"], spread["mean"]))
                                                  if spread is not None else None, att_set["min_cell"])
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
        fig, alt = att_view.knowledge_plot(att.knowledge.scores, kn_waves, lang, att_wl, att_set["min_cell"])
        fig.axes[0].set_ylim(0, 1)  # shares: show the whole 0-100% range
        show.figure(fig, alt)
        att_table(att_tab.knowledge_table(att, lang), att_t("cap_kn"))

# %%
if att is not None:
    show.heading(att_t("h_control"), 3, "attitudes-control")
    if att.did is None:
        show.paragraph(att_t("no_control_did"))
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
                                                 y_label=att_t("trend_y", lo=lo, hi=hi), min_cell=att_set["min_cell"])
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
    withheld = att_tab.agreement_withheld(att)  # "all": the table has no A or bimodality, so no words on them
    show.paragraph(att_t("agree_withheld_all", n=att_set["min_cell"]) if withheld == "all" else att_t("pol_intro"))
    att_table(att_tab.agreement_table(att, lang), att_t("cap_agree"))
    if withheld == "some":
        show.paragraph(att_t("agree_withheld_some", n=att_set["min_cell"]))
    if att.gaps is not None:
        show.paragraph(att_t("gap_intro"))
        wf, wt = att_set["wave_pairs"][0]
        att_table(att_tab.gap_table(att, lang), att_t("cap_gap", wf=att_wl[wf], wt=att_wl[wt]))

# %%
if att_dri is not None:
    show.heading(att_t("dri"), 3, "attitudes-dri")
    for s in att_dri_sec.dri_sentences(att_dri, lang, att_wl):
        show.paragraph(s)
    att_dri_fig = att_dri_view.dri_plot(att_dri, lang, att_wl)
    if att_dri_fig is not None:
        show.figure(*att_dri_fig)
    att_table(att_dri_sec.dri_table(att_dri, lang, att_wl), att_t("cap_dri"))

# %%
if att is not None:
    show.heading(att_t("h_process"), 3, "attitudes-process")
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
