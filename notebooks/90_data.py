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
# # Data and provenance
# Forum facts, responses per wave, the exclusion ledger in summary, every input file with its rows
# and SHA-256, where the benchmark's population figures come from, the run's settings and the software
# versions. Everything shown comes from results.json (`compute_results`).

# %% tags=["parameters"]
forum_dir = "../surveys/example"  # the forum folder
out_dir = ""  # where results.json goes; empty: do not write
lang = ""  # nl or en; empty: the forum's language
run_started = ""  # ISO time stamp of the run, set by forum-eval

# %%
from toolkit import compute_results, load_forum
from toolkit.report import display as show
from toolkit.sections import section
from toolkit.sections import data as view
from toolkit.forum.config import text
from toolkit.i18n import tr

forum = load_forum(forum_dir)
lang = lang or forum.config["language"]
results = compute_results(forum, {"lang": lang}, run_started or None)
wave_labels = {w["id"]: text(w["label"], lang) for w in forum.codebook["waves"]}
variable_labels = {name: text(d.get("label") or name, lang) for name, d in forum.codebook["demographics"].items()}

# %%
show.heading(section("data").title[lang], 2, "data")
show.heading(tr("forum_facts", lang), 3, "forum-facts")
show.table(view.facts_table(results, lang), view.STRINGS["cap_facts"][lang])

# %%
show.heading(tr("responses_per_wave", lang), 3, "responses-per-wave")
if results["forum"]["waves"]:
    show.table(view.accounting_table(results, lang, wave_labels), view.STRINGS["cap_accounting"][lang])
else:
    show.paragraph(view.STRINGS["no_surveys"][lang])

# %%
if results["forum"]["waves"]:
    show.heading(tr("ledger", lang), 3, "ledger")
    show.paragraph(view.ledger_sentence(results, lang))
    if results["exclusions"]["by_reason"]:
        show.table(view.ledger_table(results, lang, wave_labels), view.STRINGS["cap_ledger"][lang])

# %%
show.heading(view.STRINGS["h_inputs"][lang], 3, "provenance")
show.paragraph(view.STRINGS["inputs_sentence"][lang])
show.table(view.inputs_table(results, lang, wave_labels), view.STRINGS["cap_inputs"][lang])

# %%
show.heading(view.STRINGS["h_benchmark"][lang], 3, "data-benchmark")
show.paragraph(view.benchmark_sentence(results, lang))
bench = view.benchmark_table(results, lang, variable_labels)
if bench is not None:
    show.table(bench, view.STRINGS["cap_benchmark"][lang])

# %%
show.heading(view.STRINGS["h_run"][lang], 3, "data-run")
show.table(view.run_table(results, lang), view.STRINGS["cap_run"][lang])
show.table(view.software_table(results, lang), view.STRINGS["cap_software"][lang])
