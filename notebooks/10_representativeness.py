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
# # Representativeness
# Was the forum a cross-section of society, and where did which groups fall away? Composition against
# the population with intervals, goodness of fit, quotas, the recruitment funnel, replacements,
# drop-out, views at the start against a reference survey, and the wider public's input. All numbers
# come from `toolkit.sections.representativeness.result`; the figures, tables and words from
# `toolkit.sections.representativeness.charts`, `toolkit.sections.representativeness.tables` and
# `toolkit.sections.representativeness.text`; this notebook only shows them (methods:
# docs/representativeness.md). Counts below `min_cell_size` are suppressed in every table and label.

# %% tags=["parameters"]
forum_dir = "../surveys/example"  # the forum folder
out_dir = ""  # where results.json goes; empty: do not write
lang = ""  # nl or en; empty: the forum's language
run_started = ""  # ISO time stamp of the run, set by forum-eval

# %%
from toolkit.report import display as show
from toolkit.forum.settings import min_cell_size
from toolkit.sections import section
from toolkit import load_forum
from toolkit.sections.representativeness import charts as rep_view
from toolkit.sections.representativeness import tables as rep_tab
from toolkit.sections.representativeness import text as rep_words
from toolkit.i18n import fmt_date, fmt_int, fmt_num
from toolkit.sections.representativeness import result as rep_sec

forum = load_forum(forum_dir)
lang = lang or forum.config["language"]
rep = rep_sec.analyse(forum)
rep_kf = rep_sec.figures(forum)
rep_mc = min_cell_size(forum.config)


def rep_t(key, **kw):
    """A phrase of the section; ``{area}`` is the benchmark's area (results.json benchmark_area)."""
    return rep_words.t(key, lang, **{"area": rep_words.area_text((rep_kf or {}).get("benchmark_area"), lang), **kw})


def rep_table(df, caption):
    """A table, followed by the small-cell note when a cell in it was suppressed."""
    show.table(df, caption)
    if rep_tab.has_suppressed(df, rep_mc):
        show.paragraph(rep_t("suppressed", n=rep_mc))


# %%
show.heading(section("representativeness").title[lang], 2, "representativeness")
if rep is None:
    show.paragraph(rep_t("none"))
else:
    rep_set = rep.settings
    show.paragraph(rep_words.intro(fmt_int(rep_set["n_members"], lang), rep_t("stage_" + rep_set["stage"]), lang,
                                   area=rep_words.area_text(rep_kf.get("benchmark_area"), lang),
                                   funnel=rep.funnel is not None, attitudes=rep.attitudes is not None,
                                   public=rep.public is not None, one_stage=rep_set["one_stage"]))
    if rep_kf.get("area_caution"):  # a local forum compared with figures of another area
        show.banner(rep_words.area_caution_text(rep_kf, lang))
    show.heading(rep_t("findings"), 3, "representativeness-findings")
    show.table(rep_tab.findings_table(rep_kf, lang), rep_t("cap_findings"))

# %%
if rep is not None:
    show.heading(rep_t("gaps"), 3, "representativeness-gaps")
    rep_order = ("order_flagged" if rep.named_groups.empty  # no priority groups: none is said to come first
                 else "order_letter" if rep_set["named_groups_default"] else "order_named")
    show.paragraph(rep_t("gaps_intro", under=fmt_num(rep_set["flag_ratio_under"], lang, 2),
                         over=fmt_num(rep_set["flag_ratio_over"], lang, 2), order=rep_t(rep_order)))
    rep_table(rep_tab.gaps_display(rep, lang), rep_t("cap_gaps_flagged" if rep.named_groups.empty else "cap_gaps"))
    rep_unknown = rep_tab.unknown_text(rep, lang)  # the shares are of those whose value is known
    if rep_unknown:
        show.paragraph(rep_unknown)
    rep_no_pop = rep_tab.no_population_text(rep, lang)  # shown as composition only, never as 0% or a gap
    if rep_no_pop:
        show.paragraph(rep_no_pop)
        rep_table(rep_tab.composition_only_table(rep, lang), rep_t("cap_comp_only"))
    rep_def = rep_tab.named_definitions(rep, lang)
    if rep_def:
        show.paragraph(rep_def)
    show.paragraph(rep_t("coverage_intro"))
    show.table(rep_tab.coverage_table(rep, lang), rep_t("cap_coverage"))

# %%
if rep is not None:
    show.heading(rep_t("per_variable"), 3, "representativeness-composition")
    show.paragraph(rep_t("per_variable_intro"))
    rep_published = rep_tab.publishable(rep.composition, rep_mc, rep_sec.disclosure(rep))  # as in every table
    rep_sentences = rep_view.sentences(rep_kf, lang)
    for rep_var in rep_set["variables"]:
        rep_fig, rep_alt = rep_view.composition_chart(rep_published, rep_var, lang, area=rep_kf["benchmark_area"])
        show.figure(rep_fig, rep_alt)
        for rep_line in rep_sentences.get(rep_var, []):
            show.paragraph(rep_line)
        rep_hidden = rep_published[(rep_published["variable"] == rep_var) & rep_published["suppressed"]]
        rep_small = rep_hidden[~rep_hidden["linked"]]["category"]
        rep_linked = rep_hidden[rep_hidden["linked"]]["category"]
        if len(rep_small):
            show.paragraph(rep_t("left_out", n=rep_mc, x=", ".join(rep_words.label(c, lang) for c in rep_small)))
        if len(rep_linked):
            show.paragraph(rep_t("left_out_linked", x=", ".join(rep_words.label(c, lang) for c in rep_linked)))

# %%
if rep is not None:
    show.heading(rep_t("gof"), 3, "representativeness-gof")
    show.paragraph(rep_t("gof_intro", m=rep_set["min_expected"]))
    show.table(rep_tab.gof_table(rep, lang), rep_t("cap_gof"))
    if rep.intersections is not None:
        show.heading(rep_t("intersections"), 3, "representativeness-intersections")
        rep_table(rep_tab.intersections_table(rep, lang), rep_t("cap_intersections"))

# %%
if rep is not None and rep.quotas is not None:
    show.heading(rep_t("quotas"), 3, "representativeness-quotas")
    show.paragraph(rep_t("quota_intro", stage=rep_t("stage_" + rep_set["stage"])) + " "
                   + rep_words.quota_count_text(rep_kf["quotas"], rep_mc, lang))  # published statuses only
    rep_table(rep_tab.quota_table(rep, lang), rep_t("cap_quotas"))

# %%
if rep is not None:  # the lottery audit (docs/lottery.md); without a pool file one line says so
    rep_lot = rep_sec.lottery(forum)
    if rep_lot is None:
        show.paragraph(rep_t("lottery_none"))
    else:
        rep_lkf = rep_kf["lottery"]
        rep_lines = rep_tab.lottery_sentences(rep_lkf, lang)
        show.heading(rep_t("lottery"), 3, "representativeness-lottery")
        show.paragraph(rep_lines[0])
        rep_fig, rep_alt = rep_view.lottery_chart(rep_lot.probabilities, rep_lot.summary, lang)
        show.figure(rep_fig, rep_alt)
        show.paragraph(rep_lines[1])
        show.table(rep_tab.lottery_summary_table(rep_lkf, lang), rep_t("cap_lottery_summary"))
        show.table(rep_tab.lottery_groups_table(rep_lot, lang), rep_t("cap_lottery_groups"))
        if rep_lot.groups["hidden"].any():
            show.paragraph(rep_t("lottery_hidden", n=rep_mc))
        for rep_line in rep_lines[2:]:
            if rep_line:
                show.paragraph(rep_line)

# %%
if rep is not None and rep.funnel is not None and len(rep.funnel):
    show.heading(rep_t("funnel"), 3, "representativeness-funnel")
    show.paragraph(rep_t("funnel_intro"))
    rep_fig, rep_alt = rep_view.funnel_chart(rep.funnel, None, lang)
    show.figure(rep_fig, rep_alt)
    rep_funnel_pub = rep_tab.funnel_publishable(rep)  # the counts every table hides, with their shares
    for rep_var in dict.fromkeys(rep.funnel["variable"]):
        rep_fig, rep_alt = rep_view.funnel_chart(rep_funnel_pub, rep_var, lang)
        show.figure(rep_fig, rep_alt)
    for rep_line in rep_tab.falloff_sentences(rep, lang, rep_kf):
        show.paragraph(rep_line)
    show.paragraph(rep_t("falloff_intro"))
    rep_table(rep_tab.falloff_table(rep, lang, rep_kf), rep_t("cap_falloff"))
    rep_notes = forum.inputs["funnel"].get("note")
    rep_notes = [] if rep_notes is None else list(dict.fromkeys(str(x) for x in rep_notes.dropna() if str(x).strip()))
    if rep_notes:
        show.paragraph(rep_t("funnel_note", x="; ".join(rep_notes[:3])))

# %%
if rep is not None and rep.replacement_match is not None:
    show.heading(rep_t("replacements"), 3, "representativeness-replacements")
    show.paragraph(rep_tab.replacement_sentence(rep, lang))
    show.table(rep_tab.replacement_match_table(rep, lang), rep_t("cap_repl_match"))

# %%
if rep is not None and rep.attrition is not None:  # counts at one stage only: nothing about drop-out
    show.heading(rep_t("attrition"), 3, "representativeness-attrition")
    rep_line = rep_sec.attrition_sentence(rep_kf, lang)
    if rep_line:
        show.paragraph(rep_line)
    rep_attr = rep_tab.attrition_table(rep, lang)  # hides counts below min_cell and those that give them away
    show.table(rep_attr, rep_t("cap_attr"))
    rep_note = rep_tab.attrition_note(rep_attr, rep_mc, lang)
    if rep_note:
        show.paragraph(rep_note)
    show.table(rep_tab.attrition_test_table(rep, lang), rep_t("cap_attr_test"))

# %%
if rep is not None and rep.attitudes is not None and len(rep.attitudes):
    show.heading(rep_t("attitudes"), 3, "representativeness-attitudes")
    rep_ref = forum.inputs["reference_attitudes"]
    rep_src = ", ".join(dict.fromkeys(
        " ".join(str(x) for x in (r.get("source"), r.get("year")) if x is not None and str(x) not in ("", "nan", "<NA>"))
        for r in rep_ref.to_dict("records"))) or "–"
    rep_waves = {w["id"]: forum.lang_text(w["label"], lang) for w in forum.codebook["waves"]}
    rep_w = ", ".join(dict.fromkeys(rep_waves.get(w, str(w)) for w in rep.attitudes["wave"].dropna()))
    show.paragraph(rep_t("att_intro", w=rep_w or "–", src=rep_src))
    rep_fig, rep_alt = rep_view.attitudes_chart(rep, forum, lang)
    show.figure(rep_fig, rep_alt)
    show.table(rep_tab.attitudes_table(rep, forum, lang), rep_t("cap_att"))
    show.paragraph(rep_tab.attitudes_note(rep, lang))

# %%
if rep is not None and rep.public is not None:
    show.heading(rep_t("public"), 3, "representativeness-public")
    rep_sum = rep.public.summary.iloc[0]
    show.paragraph(rep_t("public_line", n=fmt_int(rep_sum["n_rows"], lang),
                         a=fmt_date(rep_sum["first_date"], lang), b=fmt_date(rep_sum["last_date"], lang),
                         nd=rep_t("public_nodate", n=fmt_int(rep_sum["n_without_date"], lang))
                         if rep_sum["n_without_date"] else ""))
    if len(rep.public.volume):
        rep_fig, rep_alt = rep_view.volume_chart(rep, lang)
        show.figure(rep_fig, rep_alt)
    rep_table(rep_tab.public_table(rep, lang), rep_t("cap_public"))
