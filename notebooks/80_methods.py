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
from toolkit.report import display as show
from toolkit.sections import analysed, section
from toolkit.sections.methods import methods_table, methods_used

forum = load_forum(forum_dir)
lang = lang or forum.config["language"]
# only the methods this forum's report uses (each section's key figures are computed once per forum)
methods_in_use = methods_used({sec.id: sec.key_figures(forum) for sec in analysed()})

# %%
show.heading(section("methods").title[lang], 2, "methods")
for sec in ("representativeness", "attitudes", "follow_up", "data"):
    methods_shown = methods_table(lang, [sec], used=methods_in_use)
    if len(methods_shown):
        show.table(methods_shown, section(sec).short_title[lang])
