"""Display tables of the representativeness section, with the sentences that go with them, in Dutch or English.

Each ``*_table(res, lang)`` turns part of a :class:`~toolkit.sections.representativeness.result.RepresentativenessResult`
into a DataFrame with translated headers (:data:`toolkit.sections.representativeness.text.TEXT`) and values as
text, the only place where its numbers are rounded (through :mod:`toolkit.i18n`). Counts below the forum's
``min_cell_size`` are shown as ``"<n"`` with the figures computed from them left blank; the gaps, quota and
drop-out tables also hide (``"–"``) the counts from which a hidden one could be worked out with the published
totals, decided once for the composition, funnel and drop-out tables, which publish the same counts
(:func:`toolkit.disclosure.joint.joint_disclosure`, made by :func:`toolkit.sections.representativeness.result.analyse`, applied
by :func:`toolkit.disclosure.joint.publishable_composition`, :func:`~toolkit.disclosure.joint.publishable_quotas`,
:func:`~toolkit.disclosure.joint.publishable_funnel` and :func:`attrition_hidden`).
Cells are plain text: escape when rendering (:func:`toolkit.report.display.table` does).
"""
from __future__ import annotations

import re

import pandas as pd

from toolkit.disclosure.joint import Disclosure, named_hidden, publishable_composition, publishable_funnel, publishable_quotas, suppress_small_cells
from toolkit.stats.representativeness.composition import JOINT_SEP
from toolkit.disclosure.joint import attrition_hidden, publishable_intersections, publishable_replacements
from toolkit.disclosure.suppress import too_small
from toolkit.sections.representativeness.result import disclosure as _disclosure
from toolkit.i18n import fmt_ci, fmt_int, fmt_num, fmt_p, fmt_pct, fmt_pp
from toolkit.sections.representativeness.result import RepresentativenessResult, scorecard_lines, weak_groups_text
from toolkit.sections.representativeness.charts import gaps_table
from toolkit.sections.representativeness.text import (DEFAULT_NL_NOTES, category_name, group_label, item_label,
                                                   join_and, label, step, t)

__all__ = ["publishable", "funnel_publishable", "has_suppressed", "findings_table", "gaps_display", "named_definitions", "composition_only_table", "no_population_text", "unknown_text", "coverage_table",
           "benchmark_note", "gof_table", "intersections_table", "quota_table", "falloff_table", "falloff_sentences",
           "replacement_match_table", "replacement_sentence", "replacement_table", "attrition_hidden",
           "attrition_table", "attrition_note", "attrition_test_table", "attitudes_table", "attitudes_note",
           "public_table", "lottery_summary_table", "lottery_groups_table", "lottery_sentences"]

LINKED = "–"  # a count hidden so that a count below min_cell cannot be worked out from it


# ----------------------------------------------------------------------------- cells
def publishable(table: pd.DataFrame | None, min_cell: int, disclosure: Disclosure | None = None
                ) -> pd.DataFrame | None:
    """A composition-like table with cells 0 < n < `min_cell` blanked (for figures), and the counts from which
    one could be worked out with the variable's total (:func:`toolkit.disclosure.joint.publishable_composition`;
    ``suppressed`` marks both, ``linked`` the latter); for the forum's composition pass its `disclosure`
    (:func:`toolkit.sections.representativeness.result.disclosure`), so that the same counts are hidden as in the
    funnel and drop-out tables."""
    if table is None:
        return None
    return publishable_composition(table, min_cell, disclosure)


def funnel_publishable(res: RepresentativenessResult) -> pd.DataFrame | None:
    """The recruitment funnel with the counts hidden that every table hides (for the per-variable figures:
    shares of hidden counts blank; :func:`toolkit.disclosure.joint.publishable_funnel`)."""
    if res.funnel is None:
        return None
    return publishable_funnel(res.funnel, res.settings["min_cell"], _disclosure(res))


def has_suppressed(df: pd.DataFrame | None, min_cell: int) -> bool:
    """Whether a display table shows a "<min_cell" cell (then print the suppression note)."""
    if df is None or df.empty:
        return False
    return bool(df.astype(str).eq(f"<{min_cell}").any().any())


def _count(n, lang: str, min_cell: int | None) -> str:
    if pd.isna(n):
        return "–"
    return f"<{min_cell}" if too_small(n, min_cell) else fmt_int(n, lang)


def _signed(n, lang: str) -> str:
    """A whole-number difference with its sign: "+3", "0", "−2"."""
    return "0" if n == 0 else fmt_num(n, lang, 0) if n < 0 else "+" + fmt_int(n, lang)


def _nb(text: str) -> str:
    """Keep a short value on one line in a table cell (non-breaking spaces)."""
    return str(text).replace(" ", "\u00a0")


def _pp_num(x, lang: str, digits: int = 0) -> str:
    """A signed difference in percentage points without the unit (the unit is in the header)."""
    return fmt_pp(x, lang, digits).split(" ")[0] if pd.notna(x) else "–"


def _p(p, lang: str) -> str:
    """A p-value for a column headed "p": "0,032" or "< 0,001"."""
    s = fmt_p(p, lang)
    return s[4:] if s.startswith("p = ") else s[2:] if s.startswith("p <") else s


def _verdict(p, lang: str) -> str:
    if pd.isna(p):
        return "–"  # no test (not applicable)
    return _nb(t("yes_clear" if p < 0.05 else "no", lang))


def _test(method: str, lang: str) -> str:
    return _nb(t(method, lang)).replace("-", "\u2011")


def _tidy_gaps(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """gaps_table with the unit in the header of the difference and intervals kept on one line."""
    diff, ci, flag = t("col_diff", lang), t("col_ci", lang), t("col_flag", lang)
    out = table.copy()
    out[diff] = [v.split(" ")[0] if v else v for v in out[diff]]
    out[ci] = [_nb(v) for v in out[ci]]
    out[flag] = [v.replace("-", "\u2011") for v in out[flag]]  # long verdicts ("within chance") may wrap
    return out.rename(columns={diff: t("col_diff_pp", lang)})


# ----------------------------------------------------------------------------- composition
def findings_table(kf: dict, lang: str) -> pd.DataFrame:
    """The scorecard lines as a two-column table (topic, finding)."""
    lines = scorecard_lines(kf, lang)
    return pd.DataFrame({t("col_topic", lang): [a for a, _ in lines], t("col_finding", lang): [b for _, b in lines]})


def _gaps(table: pd.DataFrame | None, lang: str, min_cell: int, hidden: pd.Series | None, area: str | None = None
          ) -> pd.DataFrame | None:
    """gaps_table, with the rows in `hidden` (counts at or above min_cell hidden so that a small count cannot
    be worked out) shown as "–" with their share, interval, difference and flag blank, after the shown rows."""
    if table is None:
        return None
    return gaps_table(table, lang, min_cell, hidden if min_cell else None, area=area)


def _hidden(table: pd.DataFrame | None, min_cell: int, disclosure: Disclosure | None = None) -> pd.Series | None:
    return (None if table is None or not min_cell
            else publishable_composition(table, min_cell, disclosure)["suppressed"])


def gaps_display(res: RepresentativenessResult, lang: str) -> pd.DataFrame:
    """Named groups first (under-represented first), then every category (flagged first), formatted.

    Besides counts below min_cell (``"<n"``), counts from which one could be worked out with the
    variable's total or the funnel and drop-out tables are hidden (``"–"``,
    :func:`toolkit.disclosure.joint.publishable_composition` with the forum's
    :func:`~toolkit.sections.representativeness.result.disclosure`), as are named groups that add up a hidden count
    (:func:`toolkit.disclosure.joint.named_hidden`).
    """
    mc = res.settings["min_cell"]
    named = None
    joint = _disclosure(res) if mc else None
    if res.named_groups is not None and mc:
        pub = publishable_composition(res.composition, mc, joint)
        named = named_hidden(suppress_small_cells(res.named_groups, mc), pub, mc)["suppressed"]
    compared = res.composition[res.composition["pop_share"].notna()]  # the others: no_population_text
    area = res.settings.get("benchmark_area")
    return _tidy_gaps(pd.concat([_gaps(res.named_groups, lang, mc, named, area),
                                 _gaps(compared, lang, mc, _hidden(res.composition, mc, joint), area)],
                                ignore_index=True), lang)


def composition_only_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame | None:
    """The categories without a population figure: members and share in the forum with its interval, no
    population share, difference or assessment (never a 0% or a gap); counts hidden as in every table
    (:func:`gaps_display`). None when every category has a population figure."""
    mc = res.settings["min_cell"]
    only = res.composition[res.composition["pop_share"].isna()]
    if only.empty:
        return None
    joint = _disclosure(res) if mc else None
    table = _tidy_gaps(_gaps(only, lang, mc, _hidden(res.composition, mc, joint)), lang)
    return table[[t(c, lang) for c in ("col_group", "col_n", "col_share", "col_ci")]]


def unknown_text(res: RepresentativenessResult, lang: str) -> str | None:
    """"Value unknown, so left out of the shares: social class for 6 of 99 members." for the variables with
    members of unknown value (``n_missing``; fewer than min_cell_size said as such); None when there are none.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> comp = pd.DataFrame({"variable": ["sex", "class", "class"], "n_missing": [0, 6, 6]})
    >>> unknown_text(SimpleNamespace(composition=comp, settings={"n_members": 99, "min_cell": 5}), "en")
    'Value unknown, so left out of the shares: class for 6 of 99 members.'
    """
    mc, n = res.settings["min_cell"], res.settings["n_members"]
    parts = []
    for var, part in res.composition.groupby("variable", sort=False):
        k = int(part["n_missing"].iloc[0])
        if k:
            count = t("fewer_than", lang, m=fmt_int(mc, lang)) if too_small(k, mc or None) else fmt_int(k, lang)
            parts.append(t("unknown_part", lang, v=label(var, lang), k=count, n=fmt_int(n, lang)))
    return t("unknown_line", lang, x=join_and(parts, lang)) if parts else None


def no_population_text(res: RepresentativenessResult, lang: str) -> str | None:
    """"No population figures (...): age, class, region (Munster, ...)." for the variables and categories
    whose composition is shown without a population figure; None when every category has one.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> comp = pd.DataFrame({"variable": ["sex", "sex", "age", "region", "region"],
    ...                      "category": ["men", "women", "18-24", "Dublin", "Munster"],
    ...                      "pop_share": [0.49, 0.51, None, 0.283, None]})
    >>> no_population_text(SimpleNamespace(composition=comp), "en")
    "No population figures (so the forum's composition only, without a gap): age and region (Munster)."
    """
    parts = []
    for var, part in res.composition.groupby("variable", sort=False):
        missing = part.loc[part["pop_share"].isna(), "category"]
        if len(missing) == len(part):
            parts.append(label(var, lang))
        elif len(missing):
            parts.append(t("no_pop_part", lang, v=label(var, lang), x=join_and([label(c, lang) for c in missing], lang)))
    return t("no_pop_line", lang, x=join_and(parts, lang)) if parts else None


def named_definitions(res: RepresentativenessResult, lang: str) -> str | None:
    """"Priority groups: young people = 18-39-year-olds; ..." (the categories each named group adds up),
    and the groups left out because this forum's data have none of their categories."""
    out = []
    if res.named_groups is not None and not res.named_groups.empty:
        parts = [f"{group_label(g, lang)} = " + join_and([label(c, lang) for c in str(cats).split("|")], lang)
                 for g, cats in zip(res.named_groups["group"], res.named_groups["categories"])]
        out.append(t("named_def", lang, x="; ".join(parts)))
    omitted = res.settings.get("named_groups_omitted") or []
    if omitted:
        parts = [f"{group_label(g['group'], lang)} ({join_and([label(c, lang) for c in str(g['categories']).split('|')], lang)})"
                 for g in omitted]
        out.append(t("named_omitted", lang, x="; ".join(parts)))
    return " ".join(out) or None


def _ages(age_range, lang: str) -> str:
    s = str(age_range).strip() if pd.notna(age_range) else ""
    if not s:
        return "–"
    if s.lower() in ("all ages", "alle leeftijden"):
        return t("all_ages", lang)
    m = re.fullmatch(r"(\d+)\s*\+", s)
    if m:
        return t("ages_plus", lang, a=m.group(1))
    m = re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", s)
    if m:
        return t("ages_range", lang, a=m.group(1), b=m.group(2))
    return s


#: Per report language, the benchmark's note columns to try in turn (docs/forum-folder.md).
_NOTE_COLUMNS = {"nl": ["note_nl", "note"], "en": ["note"]}


def _text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value).strip()


def benchmark_note(part: pd.DataFrame, lang: str) -> str | None:
    """The first category's note on a variable's benchmark rows in `lang`, None when no row has one.

    In Dutch a row's ``note_nl`` when it is filled in, else its ``note``; in English its ``note``.

    Examples
    --------
    >>> part = pd.DataFrame({"note": ["Ages 20+", "Ages 20+"], "note_nl": ["20 jaar en ouder", None]})
    >>> benchmark_note(part, "nl"), benchmark_note(part, "en"), benchmark_note(part[["note"]], "nl")
    ('20 jaar en ouder', 'Ages 20+', 'Ages 20+')
    >>> benchmark_note(pd.DataFrame({"note": [None]}), "en") is None
    True
    """
    for _, row in part.iterrows():
        for col in _NOTE_COLUMNS.get(lang, ["note"]):
            if text := _text(row.get(col)):
                return text
    return None


def coverage_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame:
    """Per compared variable: the benchmark's source table, year, ages covered and what the figure covers.

    For the shipped Dutch benchmark the note is :data:`~toolkit.sections.representativeness.text.DEFAULT_NL_NOTES`
    in the report's language (one summary per variable); for a benchmark of one's own, the first
    category's note from the file (:func:`benchmark_note`: ``note_nl`` in the Dutch report when filled in,
    else ``note``).
    """
    rows = []
    for var, part in res.benchmark.groupby("variable", sort=False):
        known = part[part["share"].notna()] if "share" in part else part  # rows marked not found: no_population_text
        if known.empty:
            continue
        first = known.iloc[0]
        note = (DEFAULT_NL_NOTES[var][lang] if res.settings.get("benchmark_default") and var in DEFAULT_NL_NOTES
                else benchmark_note(known, lang) or "–")
        rows.append({t("col_var", lang): label(var, lang).capitalize(),
                     t("col_source", lang): str(first["source"]) if pd.notna(first.get("source")) else "–",
                     t("col_year", lang): str(int(first["year"])) if pd.notna(first.get("year")) else "–",
                     t("col_ages", lang): _ages(first.get("age_range"), lang),
                     t("col_note", lang): note})
    return pd.DataFrame(rows)


def _effect_size(w) -> str:
    if pd.isna(w):
        return "size_0"
    return "size_0" if w < 0.1 else "size_1" if w < 0.3 else "size_2" if w < 0.5 else "size_3"


def _pooled_name(r, lang: str) -> str:
    """The variable's name, with "(k hidden categories pooled)" when its test was computed that way."""
    name = label(r.variable, lang).capitalize()
    k = getattr(r, "pooled", 0)
    return f"{name} ({t('pooled_cats', lang, k=k)})" if k else name


def gof_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame:
    """Goodness of fit per variable: test, X² (df), p, Cohen's w with its size, composition gap, verdict.
    A variable with hidden counts is tested with them pooled (:func:`toolkit.disclosure.pooling.pool_hidden`)."""
    rows = []
    compared = set(res.composition.loc[res.composition["pop_share"].notna(), "variable"])
    for r in res.gof.itertuples():
        if r.variable not in compared:  # no population figure at all: nothing to test against
            continue
        rows.append({t("col_var", lang): _pooled_name(r, lang),
                     t("col_test", lang): _test(r.method, lang),
                     t("col_chi_df", lang): _nb(f"{fmt_num(r.statistic, lang, 2)} ({fmt_int(r.df, lang)})"),
                     t("col_p", lang): _nb(_p(r.p, lang)),
                     t("col_w", lang): (_nb(f"{fmt_num(r.cohens_w, lang, 2)} ({t(_effect_size(r.cohens_w), lang)})")
                                        if pd.notna(r.cohens_w) else "–"),
                     t("col_tvd", lang): fmt_pct(r.tvd, lang),
                     t("col_gof_verdict", lang): _verdict(r.p, lang)})
    return pd.DataFrame(rows)


def intersections_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame | None:
    """Gaps for two-way groups (flagged first), or None."""
    if res.intersections is None:
        return None
    mc = res.settings["min_cell"]
    pub = publishable_intersections(res.intersections, res.composition, mc) if mc else None
    keep = ~pub["withheld"] if pub is not None else pd.Series(True, index=res.intersections.index)
    inter = res.intersections[keep].copy()
    if inter.empty:
        return None
    for col in ("category", "variable"):
        inter[col] = [" × ".join(label(c, lang) for c in str(x).split(JOINT_SEP)) for x in inter[col]]
    return _tidy_gaps(_gaps(inter, lang, mc, pub["suppressed"][keep] if pub is not None else None,
                            res.settings.get("benchmark_area")), lang)


def quota_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame | None:
    """Quotas, unmet first: group, members, min, max, status, gap.

    Members hidden as in the composition (``"<n"``, ``"–"``) with their gap blank, and the status
    blank (``"–"``) where it would give a hidden count away
    (:func:`toolkit.disclosure.joint.publishable_quotas`); the unmet ones with a hidden status are
    sorted with the met ones.
    """
    if res.quotas is None:
        return None
    mc = res.settings["min_cell"]
    p = publishable_quotas(res.quotas, res.composition, mc, _disclosure(res) if mc else None)
    q = res.quotas.assign(_unmet=~res.quotas["met"] & ~p["status_hidden"]).sort_values(
        "_unmet", ascending=False, kind="stable")
    p = p.loc[q.index]
    return pd.DataFrame({
        t("col_group", lang): [category_name(v, c, lang) for v, c in zip(q["variable"], q["category"])],
        t("col_members", lang): [_count(n, lang, mc) if s or not h else LINKED
                                 for n, s, h in zip(q["n"], p["small"], p["suppressed"])],
        t("col_min", lang): [fmt_int(x, lang) if pd.notna(x) else "–" for x in q["min"]],
        t("col_max", lang): [fmt_int(x, lang) if pd.notna(x) else "–" for x in q["max"]],
        t("col_status", lang): ["–" if h else _nb(t(s, lang)) for s, h in zip(q["status"], p["status_hidden"])],
        t("col_short", lang): ["" if h else _signed(g, lang) for h, g in zip(p["suppressed"], q["gap"])],
    })


# ----------------------------------------------------------------------------- recruitment and replacements
def falloff_table(res: RepresentativenessResult, lang: str, kf: dict) -> pd.DataFrame | None:
    """Per stratum: the step where it falls away most and its chance there, completed per 1,000 letters."""
    fall = (kf or {}).get("falloff")
    if not fall or res.funnel is None:
        return None
    stages = list(dict.fromkeys(res.funnel["stage"]))
    rows = []
    for var, cats in fall.items():
        for cat, r in cats.items():
            per1000 = r["overall_rate"] * 1000 if pd.notna(r.get("overall_rate")) and stages[0] == "letters" else None
            rows.append({t("col_group", lang): category_name(var, cat, lang),
                         t("col_weak", lang): step(r["weakest_stage"], stages, lang, "step_short")
                         if r.get("weakest_stage") else "–",
                         t("col_weak_rate", lang): fmt_pct(r.get("weakest_rel_rate"), lang),
                         t("col_per1000", lang): fmt_num(per1000, lang, 1),
                         t("col_rel_overall", lang): fmt_pct(r.get("rel_overall_rate"), lang)})
    return pd.DataFrame(rows)


def falloff_sentences(res: RepresentativenessResult, lang: str, kf: dict) -> list[str]:
    """Which groups fall away most (chance below 80% of average at one step), weakest first."""
    fall = (kf or {}).get("falloff")
    if not fall or res.funnel is None:
        return []
    weak = weak_groups_text(fall, list(dict.fromkeys(res.funnel["stage"])), lang)
    return [t("falloff_some", lang, x=weak) if weak else t("falloff_none", lang)]


def replacement_match_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame | None:
    """Per variable: replacements and the share matching the member they replaced."""
    if res.replacement_match is None:
        return None
    mc = res.settings["min_cell"]
    m = publishable_replacements(res.replacement_match, mc)
    return pd.DataFrame({t("col_var", lang): [label(v, lang).capitalize() for v in m["variable"]],
                         t("col_pairs", lang): [f"<{mc}" if s else _count(n, lang, mc)
                                                for n, s in zip(m["n_pairs"], m["small"])],
                         t("col_same", lang): [fmt_pct(s, lang) for s in m["share_same"]]})


def replacement_sentence(res: RepresentativenessResult, lang: str) -> str | None:
    """How many were replaced, and the range of the matching share over the variables."""
    mc = res.settings["min_cell"]
    m = publishable_replacements(res.replacement_match, mc)
    if m is None or m.empty:
        return None
    if m["small"].any():
        return t("repl_small", lang, n=mc)
    if m["share_same"].isna().all():
        return None
    lo, hi = m.loc[m["share_same"].idxmin()], m.loc[m["share_same"].idxmax()]
    return t("repl_line", lang, n=fmt_int(m["n_pairs"].max(), lang), lo=fmt_pct(lo["share_same"], lang),
             vlo=label(lo["variable"], lang), hi=fmt_pct(hi["share_same"], lang), vhi=label(hi["variable"], lang))


def replacement_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame | None:
    """Per category: replaced (withdrew) and replacing; counts below min_cell as "<5", net blank then."""
    if res.replacements is None:
        return None
    mc = res.settings["min_cell"]
    r = res.replacements
    hide = [too_small(a, mc) or too_small(b, mc) for a, b in zip(r["n_replaced"], r["n_replacing"])]
    return pd.DataFrame({
        t("col_group", lang): [category_name(v, c, lang) for v, c in zip(r["variable"], r["category"])],
        t("col_replaced", lang): [_count(n, lang, mc) for n in r["n_replaced"]],
        t("col_replacing", lang): [_count(n, lang, mc) for n in r["n_replacing"]],
        t("col_net", lang): ["" if h else _signed(n, lang) for n, h in zip(r["net"], hide)],
    })


# ----------------------------------------------------------------------------- drop-out
def attrition_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame:
    """Per category: started, completed, share at start and end, shift, drop-out rate.

    Counts hidden by :func:`attrition_hidden` show as ``"<n"`` (small) or ``"–"`` (linked: hidden in
    every table that publishes them, :func:`toolkit.sections.representativeness.result.disclosure`), and the
    figures of their row are left blank.
    """
    mc = res.settings["min_cell"]
    a = res.attrition
    h = attrition_hidden(a, mc, _disclosure(res) if mc else None)
    hide = h.any(axis=1).tolist()

    def counts(col):
        return [f"<{mc}" if small else LINKED if linked else fmt_int(n, lang)
                for n, small, linked in zip(a[f"n_{col}"], h[f"small_{col}"], h[f"linked_{col}"])]
    return pd.DataFrame({
        t("col_group", lang): [category_name(v, c, lang) for v, c in zip(a["variable"], a["category"])],
        t("col_started", lang): counts("started"),
        t("col_completed", lang): counts("completed"),
        t("col_share_started", lang): ["" if x else fmt_pct(v, lang) for v, x in zip(a["share_started"], hide)],
        t("col_share_completed", lang): ["" if x else fmt_pct(v, lang) for v, x in zip(a["share_completed"], hide)],
        t("col_shift_pp", lang): ["" if x else _pp_num(v / 100, lang, 1) for v, x in zip(a["diff_pp"], hide)],
        t("col_dropout", lang): ["" if x else fmt_pct(v, lang) for v, x in zip(a["dropout_rate"], hide)],
    })


def attrition_note(table: pd.DataFrame, min_cell: int, lang: str) -> str | None:
    """The note under :func:`attrition_table`'s `table` when it hides a count (None when it hides none)."""
    small = has_suppressed(table, min_cell)
    linked = table[[t("col_started", lang), t("col_completed", lang)]].eq(LINKED).any().any()
    if not (small or linked):
        return None
    parts = [t("suppressed", lang, n=min_cell)] if small else []
    if linked:
        parts += [t("suppressed_linked", lang), t("suppressed_dropped", lang, n=min_cell)]
    return " ".join(parts)


def attrition_test_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame:
    """Per variable: test of drop-out by group, p, Cramér's V, verdict."""
    rows = []
    for r in res.attrition_tests.itertuples():
        rows.append({t("col_var", lang): _pooled_name(r, lang),
                     t("col_test", lang): _test(r.method, lang),
                     t("col_p", lang): _nb(_p(r.p, lang)),
                     t("col_v", lang): fmt_num(r.cramers_v, lang, 2),
                     t("col_attr_verdict", lang): _verdict(r.p, lang)})
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- views at the start, wider public
def attitudes_table(res: RepresentativenessResult, forum, lang: str) -> pd.DataFrame | None:
    """Per reference view: statement, view (and the answers that count), members' share with interval,
    reference share, difference, p."""
    a = res.attitudes
    if a is None:
        return None
    ref = forum.inputs["reference_attitudes"]
    codes = dict(zip(zip(ref["item"].astype(str), ref["category"].astype(str)),
                     ref["codes"] if "codes" in ref else [None] * len(ref)))

    def view(i, c):
        code = codes.get((str(i), str(c)))
        return f"{c} ({t('counts_as', lang, x=code)})" if pd.notna(code) and str(code).strip() else str(c)
    return pd.DataFrame({
        t("col_statement", lang): [item_label(forum, i, lang) for i in a["item"]],
        t("col_view", lang): [view(i, c) for i, c in zip(a["item"], a["category"])],
        t("col_n_ans", lang): [fmt_int(n, lang) for n in a["n_total"]],
        t("col_forum_ci", lang): [f"{fmt_pct(s, lang)} {_nb(fmt_ci(lo, hi, lang, pct=True))}"
                                  for s, lo, hi in zip(a["share"], a["ci_low"], a["ci_high"])],
        t("col_ref", lang): [fmt_pct(s, lang) for s in a["ref_share"]],
        t("col_diff_pp", lang): [_pp_num(d / 100, lang) for d in a["diff_pp"]],
        t("col_p", lang): [_nb(_p(p, lang)) for p in a["p"]],
    })


def attitudes_note(res: RepresentativenessResult, lang: str) -> str | None:
    """Which test compared members with the reference survey."""
    a = res.attitudes
    if a is None or a.empty:
        return None
    tests = ", ".join(t(m, lang) for m in dict.fromkeys(a["test"]))
    ns = [int(n) for n in a["ref_n"].dropna()]
    return t("att_note", lang, x=tests, n=fmt_int(max(ns), lang)) if ns else t("att_note_binom", lang, x=tests)


def public_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame | None:
    """Composition of the wider public's submissions against the population (flagged first)."""
    if res.public is None:
        return None
    mc = res.settings["min_cell"]
    table = _tidy_gaps(_gaps(res.public.composition, lang, mc, _hidden(res.public.composition, mc),
                             res.settings.get("benchmark_area")), lang)
    table = table.drop(columns=[t("col_ci", lang)])  # self-selected: no sampling interval (see docs)
    return table.rename(columns={t("col_n", lang): t("col_submitters", lang),
                                 t("col_share", lang): t("col_share_submitters", lang)})


# ----------------------------------------------------------------------------- the lottery audit
def _prob(x, lang: str) -> str:
    return "–" if x is None or pd.isna(x) else fmt_pct(x, lang, 1)


def lottery_summary_table(kf: dict, lang: str) -> pd.DataFrame:
    """The distribution of the selection probabilities (results.json ``representativeness.lottery``)."""
    p = kf["probabilities"]
    rows = [(t(f"lottery_{k}", lang), _prob(p[k], lang)) for k in ("min", "q1", "median", "q3", "max")]
    rows += [(t("lottery_equal", lang), _prob(kf["equal"], lang)),
             (t("lottery_below", lang), fmt_pct(p["share_below_half"], lang)),
             (t("lottery_zero", lang), fmt_pct(p["share_zero"], lang))]
    return pd.DataFrame(rows, columns=[t("lottery_stat", lang), t("lottery_value", lang)])


def lottery_groups_table(lot, lang: str) -> pd.DataFrame:
    """Per group (quota category): pool members, mean probability, ratio to the equal chance, the quota and
    whether the drawn panel meets it; a hidden group (:class:`LotteryResult` ``hidden``) shows only its
    name and quota."""
    g, q = lot.groups, lot.quotas

    def quota(lo, hi) -> str:
        return f"{fmt_int(lo, lang) if pd.notna(lo) else '0'}–{fmt_int(hi, lang) if pd.notna(hi) else '…'}"

    return pd.DataFrame({
        t("col_group", lang): [category_name(v, c, lang) for v, c in zip(g["variable"], g["category"])],
        t("lottery_col_pool", lang): [LINKED if h else fmt_int(n, lang) for n, h in zip(g["n_pool"], g["hidden"])],
        t("lottery_col_mean", lang): [LINKED if h else _prob(m, lang) for m, h in zip(g["mean_probability"], g["hidden"])],
        t("lottery_col_ratio", lang): [LINKED if h or pd.isna(r) else fmt_num(r, lang, 2)
                                       for r, h in zip(g["ratio"], g["hidden"])],
        t("lottery_col_quota", lang): [quota(lo, hi) for lo, hi in zip(q["min"], q["max"])],
        t("lottery_col_status", lang): [LINKED if h else _nb(t(f"lottery_status_{st}", lang))
                                        for st, h in zip(q["status"], q["hidden"])],
    })


def lottery_sentences(kf: dict, lang: str) -> list[str]:
    """The audit in words, from results.json ``representativeness.lottery`` only: method, spread, quotas,
    typicality."""
    method = t(f"lottery_method_{kf['method']}", lang)
    how = t("lottery_how_exact", lang) if kf["exact"] else t("lottery_how_legacy", lang, d=fmt_int(kf["draws"], lang))
    p = kf["probabilities"]
    out = [t("lottery_intro", lang, k=fmt_int(kf["panel_size"], lang), n=fmt_int(kf["n_pool"], lang), method=method,
             how=how, equal=_prob(kf["equal"], lang)),
           t("lottery_spread", lang, min=_prob(p["min"], lang), max=_prob(p["max"], lang), median=_prob(p["median"], lang),
             below=fmt_pct(p["share_below_half"], lang))]
    q = kf["quotas"]
    unmet = q["unmet"]
    if unmet:
        x = join_and([f"{category_name(u['variable'], u['category'], lang)}: {t('lottery_status_' + u['status'], lang)}"
                      for u in unmet], lang)
        line = t("lottery_quotas_unmet", lang, u=len(unmet), n=q["n_quotas"], x=x)
    else:
        line = t("lottery_quotas_all", lang, n=q["n_quotas"]) if not q["n_status_hidden"] else ""
    if q["n_status_hidden"]:
        line = (line + " " if line else "") + t("lottery_quotas_hidden", lang, h=q["n_status_hidden"],
                                                m=kf.get("min_cell") or "")
    out.append(line)
    ty = kf["typicality"]
    pct = ty["percentile"]
    out.append(t("lottery_typical", lang, d=fmt_num(ty["distance"], lang, 1), m=fmt_num(ty["median_distance"], lang, 1),
                 p=fmt_num(ty["p95_distance"], lang, 1), pct=fmt_num(pct, lang, 0),
                 of="" if kf["exact"] else t("lottery_of_draws", lang, d=fmt_int(kf["draws"], lang)),
                 verdict=t("lottery_verdict_odd" if pct > 95 else "lottery_verdict_ok", lang)))
    return out
