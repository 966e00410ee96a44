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
# # Summary
# The scorecard on one screen. `forum-eval run` executes this notebook last (it reads the key figures
# of the other sections) and shows it first. It also writes `results.json` when `out_dir` is set.

# %% tags=["parameters"]
forum_dir = "../surveys/example"  # the forum folder
out_dir = ""  # where results.json goes; empty: do not write
lang = ""  # nl or en; empty: the forum's language
run_started = ""  # ISO time stamp of the run, set by forum-eval

# %%
from toolkit import compute_results, load_forum, write_results
from toolkit.report import display as show
from toolkit.report.pipeline import scorecard_lines
from toolkit.sections import section
from toolkit.sections.representativeness.text import area_caution_text
from toolkit.sections.summary import scorecard_html, scorecard_rows, scorecard_table

forum = load_forum(forum_dir)
lang = lang or forum.config["language"]
results = compute_results(forum, {"lang": lang, "forum": forum.folder.name}, run_started or None)
if out_dir:
    write_results(results, out_dir)

# %%
show.heading(section("summary").title[lang], 2, "summary")
summary_caution = area_caution_text(results.get("representativeness"), lang)  # a local forum, other figures
if summary_caution:
    show.banner(summary_caution)
summary_rows = scorecard_rows(results, lang, scorecard_lines())
show.show_html(scorecard_html(summary_rows, lang), table=scorecard_table(summary_rows, lang))  # kept by the exports
