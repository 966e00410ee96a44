"""Display tables of the attitudes section, in Dutch or English.

Each ``*_table(res, lang)`` turns part of an :class:`~toolkit.sections.attitudes.result.AttitudesResult` into a
DataFrame with translated headers (:data:`toolkit.sections.attitudes.text.TEXT`) and formatted values, the
only place where its numbers are rounded. Counts below the forum's ``min_cell_size`` are shown as
``"<n"`` with the figures computed from them blanked (:func:`toolkit.disclosure.suppress.suppress_small`); where a
group's total is published elsewhere, one more cell is blanked so that none can be recovered by
subtraction. Every table starts from :func:`toolkit.sections.attitudes.result.published`, the same
decision results.json is made from: a row with a small count shows none of its figures. Cells are plain text: escape when rendering (:func:`toolkit.report.display.table` does).
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from toolkit.forum.config import text
from toolkit.i18n import fmt_ci, fmt_int, fmt_num, fmt_p, fmt_pct, tr
from toolkit.disclosure.suppress import suppress_small, too_small
from toolkit.sections.attitudes.result import AttitudesResult, concat_frames, members_only, published, three_groups
from toolkit.sections.attitudes.sentences import item_name, wave_name
from toolkit.sections.attitudes.text import criterion_label, is_clear_change, is_value, span_text, t

__all__ = ["changes_table", "knowledge_table", "did_table", "subgroup_sizes_table", "heterogeneity_table",
           "agreement_table", "agreement_withheld", "gap_table", "process_table", "attrition_table", "dropouts_table", "weighted_table",
           "reliability_table", "transitions_table", "has_suppressed", "shares_withheld"]


def _est(est: Any, lo: Any, hi: Any, lang: str, pct: bool = False) -> str:
    """An estimate with its interval, or a dash when there is none."""
    if not is_value(est):
        return "–"
    if pct:
        return f"{fmt_pct(est, lang)} {fmt_ci(lo, hi, lang, pct=True)}" if is_value(lo) else fmt_pct(est, lang)
    return f"{fmt_num(est, lang)} {fmt_ci(lo, hi, lang)}" if is_value(lo) else fmt_num(est, lang)


def _count(v: Any, lang: str) -> str:
    """A count, "<n" as given, "–" for a count hidden so that a small one cannot be worked out."""
    if isinstance(v, str):
        return v
    return "–" if v is None or pd.isna(v) else fmt_int(v, lang)


def shares_withheld(res: AttitudesResult, pair: tuple) -> bool:
    """Whether the changes table of `pair` shows a support share of a published row as '–' because it was
    withheld (its supporters or non-supporters number 1..min_cell-1; :func:`toolkit.disclosure.rows.small_share`).

    Examples
    --------
    >>> res = AttitudesResult(settings={"support": {"q": (6, 10)}}, changes=pd.DataFrame(
    ...     {"group": ["member"], "item": ["q"], "wave_from": ["t0"], "wave_to": ["t1"], "n_pairs": [20],
    ...      "n_from": [20], "n_to": [20], "support_from": [0.5], "support_to": [float("nan")]}),
    ...     **dict.fromkeys(AttitudesResult.__dataclass_fields__.keys() - {"settings", "changes"}))
    >>> shares_withheld(res, ("t0", "t1"))
    True
    """
    ch = members_only(res.changes)
    if ch is None or ch.empty or "support_from" not in ch.columns:
        return False
    d = ch[(ch["wave_from"] == pair[0]) & (ch["wave_to"] == pair[1]) & ch["n_pairs"].notna()]
    sup = res.settings.get("support") or {}
    has = d["item"].map(lambda i: bool(sup.get(i))).astype(bool)
    gone = pd.Series(False, index=d.index)
    for share, base in (("support_from", "n_from"), ("support_to", "n_to"), ("support_pairs_from", "n_pairs"),
                        ("support_pairs_to", "n_pairs")):
        if share in d.columns and base in d.columns:
            gone |= d[share].isna() & (pd.to_numeric(d[base], errors="coerce") > 0)
    return bool((has & gone).any())


def changes_table(res: AttitudesResult, pair: tuple, lang: str, items: list | None = None) -> pd.DataFrame:
    """Members' change per scale and item for one wave pair (scales first)."""
    res = published(res)
    wf, wt = pair
    d = concat_frames([members_only(res.scale_changes), members_only(res.changes)])
    d = d[(d["wave_from"] == wf) & (d["wave_to"] == wt)]
    if items is not None:
        d = d[d["item"].isin(items)]
    d = suppress_small(d, ["n_pairs"], res.settings["min_cell"],
                       {"n_pairs": ["mean_from", "mean_to", "mean_change", "support_pairs_from", "support_pairs_to",
                                    "mcnemar_p"]})
    a, b = wave_name(res, wf, lang), wave_name(res, wt, lang)
    recs = d.to_dict("records")
    def arrow(x, y, f):
        return (f"{f(x, lang)} → {f(y, lang)}" if is_value(x) or is_value(y) else "–")
    def paired(r):  # support on the complete pairs and McNemar's test of its shift
        if not (is_value(r.get("support_pairs_from")) and is_value(r.get("mcnemar_p"))):
            return "–"
        return f"{arrow(r['support_pairs_from'], r['support_pairs_to'], fmt_pct)} ({fmt_p(r['mcnemar_p'], lang)})"
    return pd.DataFrame({
        t("question", lang): [item_name(res, r["item"], lang) for r in recs],
        t("n_pairs", lang): [_count(r["n_pairs"], lang) for r in recs],
        t("means", lang, a=a, b=b): [arrow(r["mean_from"], r["mean_to"], fmt_num) for r in recs],
        t("change", lang): [_est(r["mean_change"], r["ci_low"], r["ci_high"], lang) for r in recs],
        t("d_z", lang): [fmt_num(r["d_z"], lang) for r in recs],
        t("p_holm", lang): [fmt_p(r["p_holm"], lang) for r in recs],
        t("supports", lang, a=a, b=b): [arrow(r["support_from"], r["support_to"], fmt_pct) for r in recs],
        t("supports_paired", lang): [paired(r) for r in recs],
        t("clear", lang): [t("yes" if is_clear_change(r) else "no", lang) if is_value(r["p_holm"]) else "–"
                           for r in recs]})


def knowledge_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Members' share correct and share "don't know" per quiz question and wave."""
    res = published(res)
    it = res.knowledge.items
    it = it[it["group"] == "member"]
    out = {t("quiz", lang): [item_name(res, i, lang) for i in dict.fromkeys(it["item"])]}
    for w in dict.fromkeys(it["wave"]):
        part = it[it["wave"] == w].set_index("item")
        part = suppress_small(part.reset_index(), ["n"], res.settings["min_cell"],
                              {"n": ["share_correct", "share_dont_know"]}).set_index("item")
        keys = list(dict.fromkeys(it["item"]))
        out[t("correct", lang, w=wave_name(res, w, lang))] = [fmt_pct(part["share_correct"].get(k), lang) for k in keys]
        out[t("dont_know", lang, w=wave_name(res, w, lang))] = [fmt_pct(part["share_dont_know"].get(k), lang) for k in keys]
    return pd.DataFrame(out)


def did_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Difference-in-differences (mixed model) per scale / headline item and later wave."""
    res = published(res)
    d = res.did[res.did["converged"]].to_dict("records")
    return pd.DataFrame({
        t("question", lang): [item_name(res, r["item"], lang) for r in d],
        t("waves", lang): [f"{wave_name(res, r['wave_ref'], lang)} → {wave_name(res, r['wave'], lang)}" for r in d],
        t("did", lang): [_est(r['estimate'], r['ci_low'], r['ci_high'], lang) for r in d],
        t("p", lang): [fmt_p(r["p"], lang) for r in d],
        t("persons", lang): [fmt_int(r["n_subjects"], lang) for r in d]})


def subgroup_sizes_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Members per subgroup level (suppressed below min_cell; such levels are left out of the models)."""
    res = published(res)
    d = suppress_small(res.subgroup_sizes, ["n"], res.settings["min_cell"])
    dl = res.settings["demographic_labels"]
    return pd.DataFrame({t("variable", lang): [text(dl.get(m, m), lang) for m in d["moderator"]],
                         t("subgroup", lang): d["level"], t("n", lang): [_count(v, lang) for v in d["n"]],
                         t("in_model", lang): [t("analysed" if i else "excluded_small", lang) for i in d["included"]]})


def heterogeneity_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Did members' change differ between subgroups? One row per subgroup vs reference and later wave."""
    res = published(res)
    d = res.heterogeneity[res.heterogeneity["converged"]].to_dict("records")
    dl = res.settings["demographic_labels"]
    return pd.DataFrame({
        t("question", lang): [item_name(res, r["item"], lang, 60) for r in d],
        t("variable", lang): [text(dl.get(r["moderator"], r["moderator"]), lang) for r in d],
        t("compared", lang): [f"{r['level']} {t('vs', lang)} {r['level_ref']}" for r in d],
        t("waves", lang): [f"{wave_name(res, r['wave_ref'], lang)} → {wave_name(res, r['wave'], lang)}" for r in d],
        t("diff_change", lang): [_est(r['estimate'], r['ci_low'], r['ci_high'], lang) for r in d],
        t("p", lang): [fmt_p(r["p"], lang) for r in d]})


def agreement_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Spread and agreement A of the headline items per wave (members' own answers in each wave)."""
    res = published(res)
    d = suppress_small(res.agreement, ["n"], res.settings["min_cell"],
                       {"n": ["mean", "sd", "agreement_a", "bimodality"]}).to_dict("records")
    table = pd.DataFrame({
        t("question", lang): [item_name(res, r["item"], lang, 60) for r in d],
        t("wave", lang): [wave_name(res, r["wave"], lang) for r in d],
        t("n", lang): [_count(r["n"], lang) for r in d],
        t("mean", lang): [fmt_num(r["mean"], lang) for r in d],
        t("sd", lang): [fmt_num(r["sd"], lang) for r in d],
        t("agreement", lang): [fmt_num(r["agreement_a"], lang) for r in d],
        t("bimodality", lang): [fmt_num(r["bimodality"], lang) for r in d]})
    if agreement_withheld(res) == "all":  # a column of dashes says nothing; the note says why
        table = table.drop(columns=[t("agreement", lang), t("bimodality", lang)])
    return table


def agreement_withheld(res: AttitudesResult) -> str | None:
    """Whether agreement A is withheld (:func:`toolkit.sections.attitudes.result.published`) in ``"all"``
    or ``"some"`` of the shown rows (those with n of at least min_cell), or in none (None)."""
    res = published(res)
    a, mc = res.agreement, res.settings["min_cell"]
    if a is None or a.empty:
        return None
    shown = a[~too_small(pd.to_numeric(a["n"], errors="coerce"), mc) & pd.to_numeric(a["n"], errors="coerce").gt(0)]
    gone = shown["agreement_a"].isna()
    if shown.empty or not gone.any():
        return None
    return "all" if gone.all() else "some"


def gap_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Gap between pairs of subgroups before and after (members who answered both waves)."""
    res = published(res)
    mc = res.settings["min_cell"]
    d = suppress_small(res.gaps, ["n_a", "n_b"], mc, {c: ["gap_from", "gap_to", "gap_change", "ci_low", "ci_high", "p_holm"]
                                                      for c in ("n_a", "n_b")}).to_dict("records")
    dl = res.settings["demographic_labels"]

    def narrowed(r):
        if not is_value(r.get("gap_change")) or not r["narrowed"]:
            return t("no", lang) if is_value(r.get("gap_change")) else "–"
        return t("narrow_clear" if is_clear_change(r) else "narrow_weak", lang)
    return pd.DataFrame({
        t("question", lang): [item_name(res, r["item"], lang, 60) for r in d],
        t("variable", lang): [text(dl.get(r["by"], r["by"]), lang) for r in d],
        t("pairs_n", lang): [f"{r['subgroup_a']} – {r['subgroup_b']} (n = {_count(r['n_a'], lang)}; {_count(r['n_b'], lang)})"
                              for r in d],
        t("gap_from", lang, w=wave_name(res, d[0]["wave_from"], lang) if d else ""): [fmt_num(r["gap_from"], lang) for r in d],
        t("gap_from", lang, w=wave_name(res, d[0]["wave_to"], lang) if d else ""): [fmt_num(r["gap_to"], lang) for r in d],
        t("gap_change", lang): [_est(r['gap_change'], r['ci_low'], r['ci_high'], lang) for r in d],
        t("p_holm", lang): [fmt_p(r["p_holm"], lang) for r in d],
        t("narrowed", lang): [narrowed(r) for r in d]})


def process_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Members' judgement of the process per OECD criterion."""
    res = published(res)
    d = suppress_small(res.process, ["n"], res.settings["min_cell"],
                       {"n": ["mean", "ci_low", "ci_high", "share_agree", "share_agree_ci_low",
                              "share_agree_ci_high"]}).to_dict("records")
    return pd.DataFrame({
        t("criterion", lang): [criterion_label(r["criterion"], lang) for r in d],
        t("items", lang): [r["items"] for r in d],
        t("n", lang): [_count(r["n"], lang) for r in d],
        t("mean_15", lang): [_est(r['mean'], r['ci_low'], r['ci_high'], lang) for r in d],
        t("agree", lang): [_est(r["share_agree"], r["share_agree_ci_low"], r["share_agree_ci_high"], lang, pct=True)
                            for r in d]})


def attrition_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Who answered which waves, per group (suppressed below min_cell)."""
    res = published(res)
    waves = res.settings["waves"]
    d = suppress_small(res.attrition, ["n"], res.settings["min_cell"], {"n": ["share"]}).to_dict("records")
    return pd.DataFrame({
        t("group", lang): [tr(r["group"], lang) for r in d],
        t("pattern", lang): [" + ".join(wave_name(res, w, lang) for w in waves if r[w]) for r in d],
        t("n", lang): [_count(r["n"], lang) for r in d],
        t("share", lang): [fmt_pct(r["share"], lang) for r in d]})


def dropouts_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """First-wave answers of those who answered every wave against those who missed one."""
    res = published(res)
    mc = res.settings["min_cell"]
    linked = ["mean_completers", "mean_dropouts", "diff", "ci_low", "ci_high", "p"]
    d = suppress_small(res.dropouts, ["n_completers", "n_dropouts"], mc,
                       {"n_completers": linked, "n_dropouts": linked}).to_dict("records")
    return pd.DataFrame({
        t("group", lang): [tr(r["group"], lang) for r in d],
        t("question", lang): [item_name(res, r["item"], lang, 60) for r in d],
        t("n_compl", lang): [_count(r["n_completers"], lang) for r in d],
        t("n_drop", lang): [_count(r["n_dropouts"], lang) for r in d],
        t("m_compl", lang): [fmt_num(r["mean_completers"], lang) for r in d],
        t("m_drop", lang): [fmt_num(r["mean_dropouts"], lang) for r in d],
        t("diff", lang): [_est(r['diff'], r['ci_low'], r['ci_high'], lang) for r in d],
        t("p", lang): [fmt_p(r["p"], lang) for r in d]})


def weighted_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Members' changes and support, unweighted beside raked to the population margins."""
    res = published(res)
    d = res.weighted.to_dict("records")
    return pd.DataFrame({
        t("question", lang): [item_name(res, r["item"], lang, 60) for r in d],
        t("waves", lang): [f"{wave_name(res, r['wave_from'], lang)} → {wave_name(res, r['wave_to'], lang)}" for r in d],
        t("chg_unw", lang): [fmt_num(r["mean_change"], lang) for r in d],
        t("chg_w", lang): [fmt_num(r["mean_change_weighted"], lang) for r in d],
        t("sup_unw", lang): [f"{fmt_pct(r['support_from'], lang)} → {fmt_pct(r['support_to'], lang)}"
                            if is_value(r["support_from"]) else "–" for r in d],
        t("sup_w", lang): [f"{fmt_pct(r['support_from_weighted'], lang)} → {fmt_pct(r['support_to_weighted'], lang)}"
                          if is_value(r["support_from_weighted"]) else "–" for r in d],
        t("n_eff", lang): [fmt_num(r["n_eff_pairs"], lang, 0) for r in d]})


def reliability_table(res: AttitudesResult, lang: str) -> pd.DataFrame:
    """Cronbach's alpha per scale, group (members, control group) and wave."""
    res = published(res)
    d = suppress_small(res.reliability, ["n"], res.settings["min_cell"], {"n": ["alpha", "ci_low", "ci_high"]})
    d = d[d["n"].astype(str) != "0"].to_dict("records")  # a group absent from a wave has no row
    return pd.DataFrame({
        t("scale", lang): [item_name(res, r["scale"], lang, 60) for r in d],
        t("group", lang): [tr(r["group"], lang) for r in d],
        t("wave", lang): [wave_name(res, r["wave"], lang) for r in d],
        t("n", lang): [_count(r["n"], lang) for r in d],
        t("n_items", lang): [fmt_int(r["n_items"], lang) for r in d],
        t("alpha", lang): [_est(r['alpha'], r['ci_low'], r['ci_high'], lang) for r in d]})


def transitions_table(res: AttitudesResult, item: str, lang: str) -> pd.DataFrame:
    """Members moving between answer groups (with their answer ranges) within the first wave pair (counts)."""
    res = published(res)
    d = res.transitions[res.transitions["item"] == item]
    d = suppress_small(d, ["n"], res.settings["min_cell"])
    ranges = three_groups(res.settings["ranges"][item], res.settings["support"][item]) or {}
    def name(g):
        return (t("support_g" if g == "support" else g, lang)
                + (f" ({span_text(ranges[g], lang)})" if g in ranges else ""))
    wf, wt = wave_name(res, d["wave_from"].iloc[0], lang), wave_name(res, d["wave_to"].iloc[0], lang)
    groups = list(dict.fromkeys(d["group_from"]))
    table = {t("from", lang, w=wf): [name(g) for g in groups]}
    for g in groups:
        col = d[d["group_to"] == g].set_index("group_from")["n"]
        table[f"{wt}: {name(g)}"] = [_count(col[x], lang) for x in groups]
    return pd.DataFrame(table)


def has_suppressed(table: pd.DataFrame) -> bool:
    """True when a display table holds a suppressed cell ("<n" or a blanked count)."""
    return bool(table.map(lambda v: isinstance(v, str) and (v.startswith("<") or "(n = <" in v or "; <" in v)).any().any())
