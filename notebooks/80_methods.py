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
from toolkit.sections.follow_up import result as fu_sec
from toolkit.sections.links import follow_up_links
from toolkit.sections.methods import methods_table
from toolkit.sections.representativeness import result as rep_sec

forum = load_forum(forum_dir)
lang = lang or forum.config["language"]

# %%
show.heading(section("methods").title[lang], 2, "methods")
# the methods of the sections this forum's data support (the same cached analyses the sections used)
evaluated = {"representativeness": rep_sec.analyse(forum) is not None, "attitudes": att_sec.analyse(forum) is not None,
             "follow_up": fu_sec.analyse(forum, follow_up_links(forum)) is not None, "data": True}
unused = () if preconditions_framework(forum.config) else ("preconditions",)  # a framework the forum never adopted
for sec in (s for s, present in evaluated.items() if present):
    show.table(methods_table(lang, [sec], unused), section(sec).short_title[lang])
