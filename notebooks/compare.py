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
# # Forums side by side
# Run by `forum-eval compare reports/*/results.json --out reports/compare`; reads only results.json files.

# %% tags=["parameters"]
results_paths = ["../reports/example/results.json"]  # results.json of each forum
lang = "nl"  # nl or en
out_dir = ""  # unused here; the runner renders the report
run_started = ""

# %%
from pathlib import Path

from toolkit.i18n import tr
from toolkit.report import compare as C
from toolkit.report import display as show

missing = C.missing_results(results_paths)
if missing:  # opened in Lab before any report was made
    show.paragraph(tr("compare_missing", lang, missing=", ".join(str(p) for p in missing)))
results = C.load_results([p for p in results_paths if Path(p) not in missing])
table = C.comparison_table(results, lang) if results else None

# %%
if table is not None:
    show.heading(tr("compare_title", lang), 1, "compare")
    show.paragraph(tr("compare_intro", lang, n=len(results)))
    note = C.synthetic_note(results, lang)
    if note:
        show.banner(note)
    profile = C.forum_profile(results, lang)
    show.heading(tr("compare_profile", lang), 2, "compare-forums")
    show.paragraph(tr("compare_profile_note", lang))
    show.table(C.profile_table(profile, lang), tr("compare_profile", lang))
    if profile["area_caution"].any():
        show.paragraph(tr("compare_caution", lang))

# %%
part = None if table is None else C.part_table(table, "representativeness", lang)
if part is not None:
    show.heading(tr("compare_representativeness", lang), 2, "compare-gaps")
    show.paragraph(tr("compare_representativeness_note", lang))
    defs = C.group_definitions_note(results, lang)
    if defs:
        show.paragraph(defs)
    show.table(part, tr("compare_representativeness_table", lang))
    without = C.forums_without(table, "representativeness")
    if without:
        show.paragraph(tr("compare_without", lang, forums="; ".join(without)))
    fig = C.gaps_figure(table, lang)
    if fig is not None:
        show.heading(tr("compare_gaps", lang), 3)
        show.figure(fig, tr("compare_gaps_alt", lang, values=C.chart_values(table, list(C.GROUPS), lang)))

# %%
part = None if table is None else C.part_table(table, "attitudes", lang)
if part is not None:
    show.heading(tr("compare_attitudes", lang), 2, "compare-attitudes")
    show.paragraph(tr("compare_attitudes_note", lang))
    show.table(part, tr("compare_attitudes_table", lang))
    without = C.forums_without(table, "attitudes")
    if without:
        show.paragraph(tr("compare_without", lang, forums="; ".join(without)))

# %%
part = None if table is None else C.part_table(table, "follow_up", lang)
if part is not None:
    show.heading(tr("compare_follow_up", lang), 2, "compare-rates")
    show.paragraph(tr("compare_follow_up_note", lang))
    show.table(part, tr("compare_follow_up_table", lang))
    without = C.forums_without(table, "follow_up")
    if without:
        show.paragraph(tr("compare_without", lang, forums="; ".join(without)))
    fig = C.rates_figure(table, lang)
    if fig is not None:
        show.heading(tr("compare_rates", lang), 3)
        show.figure(fig, tr("compare_rates_alt", lang, values=C.chart_values(
            table, ["response_rate", "adoption_rate", "on_time"], lang)))
