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
# # Methods
# Each test and measure the report uses, its definition in plain words, and its reference.

# %% tags=["parameters"]
forum_dir = "../surveys/example"  # the forum folder
out_dir = ""  # where results.json goes; empty: do not write
lang = ""  # nl or en; empty: the forum's language
run_started = ""  # ISO time stamp of the run, set by forum-eval

# %%
from toolkit import load_forum
from toolkit.forum.settings import preconditions_framework
from toolkit.report import display as show
from toolkit.sections import section
from toolkit.sections.attitudes import result as att_sec
from toolkit.sections.attitudes.dri import analyse_dri
from toolkit.sections.follow_up import result as fu_sec
from toolkit.sections.links import follow_up_links
from toolkit.sections.methods import methods_table
from toolkit.sections.representativeness import result as rep_sec

forum = load_forum(forum_dir)
lang = lang or forum.config["language"]
rep = rep_sec.analyse(forum)  # the same cached analyses the sections used

# %%
show.heading(section("methods").title[lang], 2, "methods")
# the methods of the sections this forum's data support, without those its report does not use
evaluated = {"representativeness": rep is not None, "attitudes": att_sec.analyse(forum) is not None,
             "follow_up": fu_sec.analyse(forum, follow_up_links(forum)) is not None, "data": True}
omit = set()
if rep is not None and rep.settings["one_stage"]:
    omit.add("attrition")  # counts at one stage: no drop-out computed
if not preconditions_framework(forum.config):
    omit.add("preconditions")  # a framework the forum never adopted
if evaluated["attitudes"] and analyse_dri(forum) is None:
    omit.add("dri")  # the surveys hold no DRI instrument
if not evaluated["attitudes"]:
    omit |= {"disclosure_distribution", "disclosure_shares"}  # rules of the attitudes' charts and shares only
for sec in (s for s, present in evaluated.items() if present):
    show.table(methods_table(lang, [sec], omit), section(sec).short_title[lang])
