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
from toolkit.report.compare import MEASURES, comparison_table, load_results
from toolkit.i18n import fmt_int, fmt_num, fmt_pct, fmt_pp

results = load_results(results_paths)
table = comparison_table(results, lang)
label = {m: (nl if lang == "nl" else en) for m, (_, nl, en) in MEASURES.items()}
T = {"nl": {"title": "Forums naast elkaar", "intro": "{n} forums vergeleken op cijfers die in elk forum hetzelfde betekenen. Een streepje betekent dat het forum er geen gegevens voor heeft.",
            "synthetic": "Let op: {k} van deze forums zijn synthetisch (verzonnen voorbeeldgegevens).",
            "table": "Kerncijfers per forum", "measure": "Kerncijfer", "gaps": "Samenstelling: verschil met de bevolking voor de groepen die extra inzet vragen",
            "gaps_alt": "Puntgrafiek van het verschil in procentpunten tussen forum en bevolking voor jongeren, mensen met een migratieachtergrond en praktisch opgeleiden, per forum.",
            "rates": "Politieke opvolging: reactie, overname en tijdigheid",
            "rates_alt": "Staafgrafiek van reactiepercentage, overname en tijdig beantwoord per forum.",
            "pp": "procentpunt"},
     "en": {"title": "Forums side by side", "intro": "{n} forums compared on figures that mean the same in every forum. A dash means the forum has no data for it.",
            "synthetic": "Note: {k} of these forums are synthetic (invented example data).",
            "table": "Key figures per forum", "measure": "Key figure", "gaps": "Composition: gap with the population for the groups that need extra effort",
            "gaps_alt": "Dot plot of the gap in percentage points between forum and population for young people, people with a migration background and practically educated people, per forum.",
            "rates": "Political follow-up: response, adoption and timeliness",
            "rates_alt": "Bar chart of response rate, adoption and answered on time per forum.",
            "pp": "percentage points"}}[lang]


def fmt(kind, v):
    if v is None or v != v:
        return "–"
    return {"share": lambda x: fmt_pct(x, lang), "pp": lambda x: fmt_pp(x, lang), "count": lambda x: fmt_int(x, lang),
            "number": lambda x: fmt_num(x, lang, 2)}[kind](v)


# %%
show.heading(T["title"], 1, "compare")
show.paragraph(T["intro"].format(n=table["forum"].nunique()))
k = int(table.drop_duplicates("forum")["synthetic"].sum())
if k:
    show.banner(T["synthetic"].format(k=k))
wide = table.assign(text=[fmt(kd, v) for kd, v in zip(table["kind"], table["value"])]).pivot(index="measure", columns="forum", values="text")
wide = wide.reindex(list(MEASURES)).reset_index()
wide["measure"] = wide["measure"].map(label)
show.table(wide.rename(columns={"measure": T["measure"]}), T["table"])

# %%
palette = sns.color_palette("colorblind")
gaps = table[table["measure"].isin(["gap_young", "gap_migration", "gap_practical"]) & table["value"].notna()]
if len(gaps):
    fig, ax = plt.subplots(figsize=(8, 0.6 + 0.45 * gaps["forum"].nunique() * 3))
    sns.pointplot(data=gaps.assign(pp=100 * gaps["value"], group=gaps["measure"].map(label)), x="pp", y="forum", hue="group",
                  dodge=0.4, linestyle="none", palette=palette[:3], markers=["o", "s", "D"], ax=ax)
    ax.axvline(0, color="black", linewidth=1)
    ax.set_xlabel(T["pp"])
    ax.set_ylabel("")
    ax.legend(title="", loc="best")
    show.heading(T["gaps"], 2, "compare-gaps")
    show.figure(fig, T["gaps_alt"])

# %%
rates = table[table["measure"].isin(["response_rate", "adoption_rate", "on_time"]) & table["value"].notna()]
if len(rates):
    fig, ax = plt.subplots(figsize=(8, 0.8 + 0.5 * rates["forum"].nunique() * 3))
    sns.barplot(data=rates.assign(pct=100 * rates["value"], m=rates["measure"].map(label)), x="pct", y="forum", hue="m",
                palette=palette[3:6], ax=ax)
    ax.set_xlim(0, 100)
    ax.set_xlabel("%")
    ax.set_ylabel("")
    ax.legend(title="", loc="lower right")
    show.heading(T["rates"], 2, "compare-rates")
    show.figure(fig, T["rates_alt"])
