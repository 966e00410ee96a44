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
import matplotlib.pyplot as plt
import seaborn as sns

from toolkit.report import display as show
from pathlib import Path

from toolkit.report.compare import MEASURES, comparison_table, load_results, missing_results
from toolkit.i18n import fmt_int, fmt_num, fmt_pct, fmt_pp

from toolkit.i18n import tr

missing = missing_results(results_paths)
if missing:  # opened in Lab before any report was made
    show.paragraph(tr("compare_missing", lang, missing=", ".join(str(p) for p in missing)))
results = load_results([p for p in results_paths if Path(p) not in missing])
table = comparison_table(results, lang) if results else None
label = {m: (nl if lang == "nl" else en) for m, (_, nl, en) in MEASURES.items()}


def fmt(kind, v):
    if v is None or v != v:
        return "–"
    return {"share": lambda x: fmt_pct(x, lang), "pp": lambda x: fmt_pp(x, lang), "count": lambda x: fmt_int(x, lang),
            "number": lambda x: fmt_num(x, lang, 2)}[kind](v)


# %%
if table is not None:
    show.heading(tr("compare_title", lang), 1, "compare")
    show.paragraph(tr("compare_intro", lang, n=table["forum"].nunique()))
    k = int(table.drop_duplicates("forum")["synthetic"].sum())
    if k:
        show.banner(tr("compare_synthetic", lang, k=k))
    wide = table.assign(text=[fmt(kd, v) for kd, v in zip(table["kind"], table["value"])]).pivot(index="measure", columns="forum", values="text")
    wide = wide.reindex(list(MEASURES)).reset_index()
    wide["measure"] = wide["measure"].map(label)
    show.table(wide.rename(columns={"measure": tr("compare_measure", lang)}), tr("compare_table", lang))

# %%
palette = sns.color_palette("colorblind")
gaps = None if table is None else table[table["measure"].isin(["gap_young", "gap_migration", "gap_practical"]) & table["value"].notna()]
if gaps is not None and len(gaps):
    fig, ax = plt.subplots(figsize=(8, 0.6 + 0.45 * gaps["forum"].nunique() * 3))
    k = gaps["measure"].nunique()  # one named group only (a forum without age or migration data): nothing to dodge
    sns.pointplot(data=gaps.assign(pp=100 * gaps["value"], group=gaps["measure"].map(label)), x="pp", y="forum", hue="group",
                  dodge=0.4 if k > 1 else False, linestyle="none", palette=palette[:k], markers=["o", "s", "D"][:k], ax=ax)
    ax.axvline(0, color="black", linewidth=1)
    ax.set_xlabel(tr("compare_pp", lang))
    ax.set_ylabel("")
    ax.legend(title="", loc="best")
    show.heading(tr("compare_gaps", lang), 2, "compare-gaps")
    show.figure(fig, tr("compare_gaps_alt", lang))

# %%
rates = None if table is None else table[table["measure"].isin(["response_rate", "adoption_rate", "on_time"]) & table["value"].notna()]
if rates is not None and len(rates):
    fig, ax = plt.subplots(figsize=(8, 0.8 + 0.5 * rates["forum"].nunique() * 3))
    sns.barplot(data=rates.assign(pct=100 * rates["value"], m=rates["measure"].map(label)), x="pct", y="forum", hue="m",
                palette=palette[3:6], ax=ax)
    ax.set_xlim(0, 100)
    ax.set_xlabel("%")
    ax.set_ylabel("")
    ax.legend(title="", loc="lower right")
    show.heading(tr("compare_rates", lang), 2, "compare-rates")
    show.figure(fig, tr("compare_rates_alt", lang))
