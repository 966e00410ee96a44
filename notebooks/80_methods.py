# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
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
from toolkit.sections.methods import methods_table

forum = load_forum(forum_dir)
lang = lang or forum.config["language"]
titles = {"representativeness": {"nl": "Representativiteit", "en": "Representativeness"},
          "attitudes": {"nl": "Verschuivingen", "en": "Attitude shifts"},
          "follow_up": {"nl": "Politieke opvolging", "en": "Political follow-up"},
          "data": {"nl": "Gegevens", "en": "Data"}}

# %%
show.heading({"nl": "Methoden", "en": "Methods"}[lang], 2, "methods")
for sec, title in titles.items():
    show.table(methods_table(lang, [sec]), title[lang])
