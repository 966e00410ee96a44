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
# # Political follow-up
# What was promised and what happened to each recommendation: response and adoption rates, time to
# the response against the promise, implementation over time, the commitments made up front, the
# preconditions of the 2023 letter to parliament with their evidence and data, and the mapping to the
# OECD criteria and KNOCA impact. All figures come from `toolkit.sections.follow_up.result.analyse`; names
# start with `fu_` because all sections share one kernel.

# %% tags=["parameters"]
forum_dir = "../surveys/example"  # the forum folder
out_dir = ""  # where results.json goes; empty: do not write
lang = ""  # nl or en; empty: the forum's language
run_started = ""  # ISO time stamp of the run, set by forum-eval

# %%
from toolkit.report import display as show
from toolkit.sections import section
from toolkit import load_forum
from toolkit.sections.follow_up import charts as fu_view
from toolkit.sections.follow_up import tables as fu_tab
from toolkit.sections.follow_up import text as fu_text
from toolkit.i18n import fmt_date
from toolkit.sections.follow_up import result as fu_section
from toolkit.sections.links import follow_up_links

forum = load_forum(forum_dir)
lang = lang or forum.config["language"]
fu_res = fu_section.analyse(forum, follow_up_links(forum))  # with the representativeness gaps


def fu_t(key, **kw):
    return fu_text.text(key, lang, **kw)


# %%
show.heading(section("follow_up").title[lang], 2, "follow_up")
if fu_res is None:
    show.paragraph(fu_t("no_register"))

# %%
if fu_res is not None:
    fu_as_of = fmt_date(fu_res.as_of.date(), lang)
    show.heading(fu_t("h_promised"), 3, "follow-up-promised")
    for fu_sentence in fu_text.sentences(fu_res.key_figures, lang):
        show.paragraph(fu_sentence)
    fu_table = fu_tab.tally_table(fu_res, lang)
    if fu_table is not None:
        show.heading(fu_t("h_tally"), 3, "follow-up-tally")
        show.paragraph(fu_t("tally_intro"))
        show.table(fu_table, fu_t("cap_tally"))

# %%
if fu_res is not None and fu_res.key_figures["rates"]["overall"]["n_known"]:
    show.heading(fu_t("h_rates"), 3, "follow-up-rates")
    show.paragraph(fu_t("rates_intro" if fu_res.key_figures["rates"]["overall"].get("weighted_adoption_rate_partial")
                        is not None else "rates_intro_unweighted"))
    show.table(fu_tab.rates_table(fu_res.rates_overall, lang), fu_t("cap_rates_overall"))
    show.table(fu_tab.rates_table(fu_res.rates_by_theme, lang, by="theme"), fu_t("cap_rates_theme"))
    show.table(fu_tab.rates_table(fu_res.rates_by_addressee, lang, by="addressed_to"), fu_t("cap_rates_addressee"))

# %%
if fu_res is not None and len(fu_res.register) and fu_view.has_latency(fu_res.latency):
    show.heading(fu_t("h_latency"), 3, "follow-up-latency")
    fu_fig, fu_alt = fu_view.latency_chart(fu_res.latency, fu_res.promised_days, lang)
    show.figure(fu_fig, fu_alt, None if len(fu_res.latency) > fu_view.LONG_REGISTER else fu_t("cap_latency", as_of=fu_as_of))

# %%
if fu_res is not None and len(fu_res.register) and (fu_res.current["status"] != "no_information").any():
    show.heading(fu_t("h_status"), 3, "follow-up-status")
    fu_fig, fu_alt = fu_view.status_figure(fu_res, lang)
    show.figure(fu_fig, fu_alt, fu_t("cap_status", h=fmt_date(fu_res.handover_date.date(), lang), as_of=fu_as_of))
    show.table(fu_tab.implementation_table(fu_res, lang), fu_t("cap_current", as_of=fu_as_of))

# %%
if fu_res is not None:
    show.heading(fu_t("h_commitments"), 3, "follow-up-commitments")
    fu_table = fu_tab.commitments_table(fu_res, lang)
    if fu_table is None:
        show.paragraph(fu_t("no_commitments"))
    else:
        show.table(fu_table, fu_t("cap_commitments", as_of=fu_as_of))
    fu_table = fu_tab.parliament_table(fu_res, lang)
    if fu_table is not None:
        show.table(fu_table, fu_t("cap_parliament"))
    fu_table = fu_tab.events_table(fu_res, lang)
    if fu_table is not None:
        show.heading(fu_t("h_events"), 3, "follow-up-events")
        show.table(fu_table, fu_t("cap_events"))

# %%
if fu_res is not None and fu_res.preconditions is None:
    show.paragraph(fu_t("no_framework"))
if fu_res is not None and fu_res.preconditions is not None:
    show.heading(fu_t("h_preconditions"), 3, "follow-up-preconditions")
    show.paragraph(fu_t("preconditions_intro" if (forum.inputs or {}).get("preconditions") is not None
                        else "preconditions_intro_unassessed"))
    show.table(fu_tab.scorecard_display(fu_res, lang), fu_t("cap_scorecard"))

# %%
if fu_res is not None and fu_res.preconditions is not None:
    show.heading(fu_t("h_frameworks"), 3, "follow-up-frameworks")
    show.paragraph(fu_t("frameworks_intro"))
    show.table(fu_tab.mapping_table(fu_res, lang), fu_t("cap_mapping"))

# %%
if fu_res is not None and len(fu_res.register):
    show.heading(fu_t("h_recommendations"), 3, "follow-up-recommendations")
    show.table(fu_tab.overview_table(fu_res, lang), fu_t("cap_overview", as_of=fu_as_of))
    show.table(fu_tab.texts_table(fu_res, lang), fu_t("cap_texts"))
