"""Forums side by side: the comparable key figures of many results.json files in tidy tables.

Only figures that mean the same in every forum are compared: who the forum is compared with (its
own area and the benchmark's), its members, the composition gaps of the groups the government names
(young people, migration background, practically educated; forum share minus population share), the
lottery audit's smallest chance and typicality of the drawn panel (where a forum has a pool), the share of items whose change holds after correction, the knowledge gain, the response, adoption and
on-time rates, and the preconditions. Everything comes from results.json, as each forum published
it; nothing is recomputed, and a count of people below the forum's ``min_cell_size`` is never shown
(a forum's own results.json withholds it already; :func:`comparison_table` checks again).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.disclosure.suppress import too_small
from toolkit.forum.config import text
from toolkit.i18n import MISSING, fmt_int, fmt_num, fmt_pct, fmt_pp, tr
from toolkit.sections.representativeness.text import area_text, label

__all__ = ["MEASURES", "PARTS", "GROUPS", "comparison_table", "forum_profile", "part_table", "forums_without", "profile_table",
           "measure_label", "fmt_value", "chart_values", "synthetic_note", "group_definitions_note", "gaps_figure", "rates_figure",
           "load_results", "missing_results"]

#: measure id -> (part, kind); kind: "share" (0-1), "pp" (difference of shares, 0-1 scale),
#: "count" (of people: below min_cell_size never shown), "number", "percentile" (0-100, shown whole),
#: "tally" (a count of things, not people).
#: Labels: ``compare_m_<id>`` in :data:`toolkit.i18n.STRINGS`.
MEASURES: dict[str, tuple[str, str]] = {
    "members": ("forum", "count"),
    "respondents": ("forum", "count"),
    "control": ("forum", "count"),
    "gap_young": ("representativeness", "pp"),
    "gap_migration": ("representativeness", "pp"),
    "gap_practical": ("representativeness", "pp"),
    "max_tvd": ("representativeness", "share"),
    "lottery_min_ratio": ("representativeness", "number"),
    "lottery_below_half": ("representativeness", "share"),
    "lottery_percentile": ("representativeness", "percentile"),
    "items_changed": ("attitudes", "share"),
    "median_abs_dz": ("attitudes", "number"),
    "knowledge_gain": ("attitudes", "pp"),
    "response_rate": ("follow_up", "share"),
    "adoption_rate": ("follow_up", "share"),
    "on_time": ("follow_up", "share"),
    "preconditions_met": ("follow_up", "tally"),
    "preconditions_partly_met": ("follow_up", "tally"),
    "preconditions_not_met": ("follow_up", "tally"),
    "preconditions_unknown": ("follow_up", "tally"),
}
#: The parts of the comparison, each one table (the forum part is :func:`profile_table`).
PARTS = ("representativeness", "attitudes", "follow_up")
#: gap measure -> the named group (results.json representativeness.named_groups) it reads.
GROUPS = {"gap_young": "young_people", "gap_migration": "migration_background",
          "gap_practical": "practically_educated"}
_RATES = ("response_rate", "adoption_rate", "on_time")


def load_results(paths: list[str | Path]) -> list[dict]:
    """Read results.json files (in the order given).

    Raises
    ------
    InputError
        When a file does not exist (``forum-eval compare`` checks this before a kernel starts; in a
        notebook, :func:`missing_results` lets it say so without an error).
    """
    import json

    from toolkit.errors import InputError, Problem

    missing = missing_results(paths)
    if missing:
        raise InputError([Problem(str(p), "file not found", "Run the forum first: forum-eval run surveys/<forum>")
                          for p in missing])
    return [json.loads(Path(p).read_text(encoding="utf-8")) for p in paths]


def missing_results(paths: list[str | Path]) -> list[Path]:
    """The results.json files among `paths` that do not exist (yet)."""
    return [Path(p) for p in paths if not Path(p).is_file()]


def measure_label(measure: str, lang: str) -> str:
    """A measure's name in the report's language.

    Examples
    --------
    >>> measure_label("gap_young", "en"), measure_label("preconditions_met", "nl")
    ('Young people', 'Randvoorwaarden voldaan')
    """
    return tr(f"compare_m_{measure}", lang)


# ----------------------------------------------------------------------------- reading results.json
def _people(n: Any, min_cell: int) -> float | None:
    """A count of people as it may be shown: None when unknown or 1 to min_cell-1 (never published)."""
    if n is None:
        return None
    return None if too_small(n, min_cell) else float(n)


def _min_cell(res: dict) -> int:
    return int(res["forum"].get("min_cell_size") or 5)


def _forum_counts(res: dict) -> dict[str, Any]:
    """Members from the roster or counts (representativeness.settings.n_members), never from the survey
    respondents; respondents and the control group only when the forum has surveys (and, for the control
    group, one)."""
    forum, rep, mc = res["forum"], res.get("representativeness") or {}, _min_cell(res)
    resp = forum.get("respondents") or {}
    surveys = bool(forum.get("waves"))
    control = resp.get("control") if surveys else None
    return {"members": _people((rep.get("settings") or {}).get("n_members"), mc),
            "respondents": _people(resp.get("member"), mc) if surveys else None,
            "control": None if not control else _people(control, mc)}


def _named_gap(rep: dict, group: str) -> float | None:
    """The named group's gap as a difference of shares (forum share minus population share, 0-1 scale);
    None when withheld or without a population figure. results.json's diff_pp is in points."""
    g = (rep.get("named_groups") or {}).get(group) or {}
    if g.get("suppressed") or g.get("n") is None or g.get("diff_pp") is None:
        return None
    return g["diff_pp"] / 100


def _representativeness(rep: dict | None) -> dict[str, Any]:
    rep = rep or {}
    out: dict[str, Any] = {m: _named_gap(rep, group) for m, group in GROUPS.items()}
    tvds = [v["gof"]["tvd"] for v in (rep.get("variables") or {}).values()
            if v.get("gof") and v["gof"].get("tvd") is not None]
    out["max_tvd"] = max(tvds) if tvds else None
    lot = rep.get("lottery") or {}  # the lottery audit, where the forum has a pool
    out["lottery_min_ratio"] = (lot.get("probabilities") or {}).get("min_ratio")
    out["lottery_below_half"] = (lot.get("probabilities") or {}).get("share_below_half")
    out["lottery_percentile"] = (lot.get("typicality") or {}).get("percentile")
    return out


def _shown(row: dict) -> bool:
    """A change row a forum published (a row withheld for too few pairs has no n_pairs)."""
    return row.get("n_pairs") is not None


def _attitudes(att: dict | None, waves: list[str]) -> dict[str, Any]:
    """Shifts between the first two waves (forum.waves), members only, rows the forum published."""
    out: dict[str, Any] = dict.fromkeys(("items_changed", "median_abs_dz", "knowledge_gain"))
    if not att or len(waves) < 2:
        return out

    def first_pair(rows: list[dict]) -> list[dict]:
        return [r for r in rows if r.get("group", "member") == "member" and _shown(r)
                and (r.get("wave_from"), r.get("wave_to")) == (waves[0], waves[1])]

    pair = first_pair([c for c in att.get("changes") or [] if c.get("kind", "item") == "item"])
    gains = first_pair((att.get("knowledge") or {}).get("gains") or [])
    clear = [c for c in pair if c.get("p_holm") is not None and c["p_holm"] < 0.05
             and c.get("ci_low") is not None and c.get("ci_high") is not None and (c["ci_low"] > 0 or c["ci_high"] < 0)]
    dz = pd.Series([abs(c["d_z"]) for c in pair if c.get("d_z") is not None], dtype=float)
    out.update(items_changed=len(clear) / len(pair) if pair else None,
               median_abs_dz=float(dz.median()) if len(dz) else None,
               knowledge_gain=gains[0].get("mean_change") if gains else None)  # a share correct: points
    return out


def _follow_up(fu: dict | None) -> dict[str, Any]:
    keys = ("response_rate", "adoption_rate", "on_time", "preconditions_met", "preconditions_partly_met",
            "preconditions_not_met", "preconditions_unknown")
    if not fu:
        return dict.fromkeys(keys)
    overall = (fu.get("rates") or {}).get("overall") or {}
    pre = (fu.get("preconditions") or {}).get("counts")
    out = {"response_rate": overall.get("response_rate"), "adoption_rate": overall.get("adoption_rate_partial"),
           "on_time": (fu.get("latency") or {}).get("share_responded_on_time")}
    if pre:
        assessed = sum(pre.get(k) or 0 for k in ("met", "partly_met", "not_met"))
        # none assessed: "0 met" would read as a verdict the data do not give
        out.update({f"preconditions_{k}": (pre.get(k) if assessed else None) for k in ("met", "partly_met", "not_met")},
                   preconditions_unknown=pre.get("unknown"))
    return {k: out.get(k) for k in keys}


def _names(results: list[dict], lang: str) -> list[str]:
    """Each forum's name; a name two forums share gets its folder added, so no two rows merge."""
    names = [str(text(r["forum"]["name"], lang)) for r in results]
    return [f"{n} ({r['forum'].get('folder', i + 1)})" if names.count(n) > 1 else n
            for i, (n, r) in enumerate(zip(names, results))]


def comparison_table(results: list[dict], lang: str = "nl") -> pd.DataFrame:
    """One row per forum and measure.

    Parameters
    ----------
    results : list of dict
        Parsed results.json files.
    lang : str
        Language of the forum names.

    Returns
    -------
    DataFrame
        Columns ``forum``, ``synthetic``, ``part``, ``measure``, ``kind``, ``value`` (float, NaN:
        the forum has no data for it, or withholds it). Gaps (``pp``) and shares are on the 0-1 scale;
        a gap is the forum's share minus the population's.

    Examples
    --------
    >>> r = {"forum": {"name": "F", "synthetic": True, "waves": [], "min_cell_size": 5,
    ...                "respondents": {"member": 0, "control": 0}},
    ...      "representativeness": {"settings": {"n_members": 30, "stage": "started"}},
    ...      "attitudes": None, "follow_up": None}
    >>> comparison_table([r]).query("part == 'forum'")[["measure", "value"]].to_dict("records")
    [{'measure': 'members', 'value': 30.0}, {'measure': 'respondents', 'value': nan}, {'measure': 'control', 'value': nan}]
    """
    rows = []
    for name, res in zip(_names(results, lang), results):
        values = _forum_counts(res)
        values.update(_representativeness(res.get("representativeness")))
        values.update(_attitudes(res.get("attitudes"), list(res["forum"].get("waves") or [])))
        values.update(_follow_up(res.get("follow_up")))
        for measure, (part, kind) in MEASURES.items():
            v = values.get(measure)
            rows.append({"forum": name, "synthetic": bool(res["forum"].get("synthetic")), "part": part,
                         "measure": measure, "kind": kind, "value": None if v is None else float(v)})
    return pd.DataFrame(rows)


def forum_profile(results: list[dict], lang: str = "nl") -> pd.DataFrame:
    """Per forum, whom it is compared with and how many took part.

    Returns
    -------
    DataFrame
        One row per forum: ``forum``, ``synthetic``, ``forum_area`` (forum.yml area name, None when it
        names none), ``level`` (national, province, municipality, district), ``benchmark_area`` (the
        population the composition is compared with; None without a benchmark or when the file names
        no area), ``has_benchmark``, ``area_caution``, ``stage`` (at which the members are counted),
        ``members``, ``respondents``, ``control`` (as :func:`comparison_table`).
    """
    rows = []
    for name, res in zip(_names(results, lang), results):
        rep = res.get("representativeness") or {}
        own = rep.get("forum_area") or {}
        rows.append({"forum": name, "synthetic": bool(res["forum"].get("synthetic")),
                     "forum_area": own.get("name"), "level": own.get("level") or "national",
                     "benchmark_area": rep.get("benchmark_area"), "has_benchmark": bool(rep),
                     "area_caution": bool(rep.get("area_caution")),
                     "stage": (rep.get("settings") or {}).get("stage"), **_forum_counts(res)})
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- what the report shows
def fmt_value(kind: str, v: float | None, lang: str) -> str:
    """A measure's value as the comparison shows it (a dash when the forum has no figure).

    Examples
    --------
    >>> fmt_value("pp", -0.0909, "nl"), fmt_value("count", None, "en"), fmt_value("share", 0.75, "en")
    ('−9 procentpunt', '–', '75%')
    >>> fmt_value("percentile", 99.6, "nl"), fmt_value("number", 0.0712, "nl")
    ('100', '0,07')
    """
    if v is None or v != v:
        return MISSING
    if kind == "share":
        return fmt_pct(v, lang)
    if kind == "pp":
        return fmt_pp(v, lang)
    if kind in ("count", "tally"):
        return fmt_int(v, lang)
    return fmt_num(v, lang, 0 if kind == "percentile" else 2)


def profile_table(profile: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The forums and the population each is compared with, one row per forum, in words.

    A local forum compared with figures of another area is marked ``*`` (see ``compare_caution``)."""
    def own(r) -> str:
        if not r.has_benchmark:  # results.json names the forum's area only beside a comparison
            return MISSING
        return r.forum_area if pd.notna(r.forum_area) else tr(f"compare_level_{r.level}", lang)

    def pop(r) -> str:
        if not r.has_benchmark:
            return tr("compare_no_benchmark", lang)
        return area_text(r.benchmark_area, lang) + (" *" if r.area_caution else "")

    return pd.DataFrame({
        tr("compare_col_forum", lang): profile["forum"],
        tr("compare_col_synthetic", lang): [tr("compare_yes" if s else "compare_no", lang) for s in profile["synthetic"]],
        tr("compare_col_own_area", lang): [own(r) for r in profile.itertuples()],
        tr("compare_col_population", lang): [pop(r) for r in profile.itertuples()],
        measure_label("members", lang): [fmt_value("count", r.members, lang)
                                         + (f" ({label(r.stage, lang)})" if pd.notna(r.stage) and pd.notna(r.members) else "")
                                         for r in profile.itertuples()],
        measure_label("respondents", lang): [fmt_value("count", v, lang) for v in profile["respondents"]],
        measure_label("control", lang): [fmt_value("count", v, lang) for v in profile["control"]],
    })


def part_table(table: pd.DataFrame, part: str, lang: str) -> pd.DataFrame | None:
    """One part's measures in words: a row per forum that has a figure for any of them, a column per
    measure; None when no forum has one."""
    rows = table[table["part"] == part]
    shown = rows.groupby("forum", sort=False)["value"].apply(lambda v: v.notna().any())
    keep = [f for f, has in shown.items() if has]
    if not keep:
        return None
    rows = rows[rows["forum"].isin(keep)]
    wide = rows.assign(text=[fmt_value(k, v, lang) for k, v in zip(rows["kind"], rows["value"])]).pivot(
        index="forum", columns="measure", values="text")
    measures = [m for m, (p, _) in MEASURES.items() if p == part]
    wide = wide.reindex(index=keep, columns=measures)
    wide.columns = [measure_label(m, lang) for m in measures]
    return wide.reset_index().rename(columns={"forum": tr("compare_col_forum", lang)})


def forums_without(table: pd.DataFrame, part: str) -> list[str]:
    """The forums with no figure for any of the part's measures (left out of :func:`part_table`)."""
    rows = table[table["part"] == part]
    has = rows.groupby("forum", sort=False)["value"].apply(lambda v: v.notna().any())
    return [f for f, h in has.items() if not h]


def synthetic_note(results: list[dict], lang: str) -> str | None:
    """The one note on synthetic forums (singular or plural), None when none is.

    Examples
    --------
    >>> one = [{"forum": {"synthetic": True}}, {"forum": {"synthetic": False}}]
    >>> synthetic_note(one, "en"), synthetic_note(one * 2, "nl")
    ('Note: 1 of these 2 forums is synthetic (invented example data).', 'Let op: 2 van deze 4 forums zijn synthetisch (verzonnen voorbeeldgegevens).')
    """
    k, n = sum(bool(r["forum"].get("synthetic")) for r in results), len(results)
    if not k:
        return None
    if n == 1:
        return tr("compare_synthetic_single", lang)
    key = "compare_synthetic_all" if k == n else "compare_synthetic_one" if k == 1 else "compare_synthetic"
    return tr(key, lang, k=k, n=n)


def group_definitions_note(results: list[dict], lang: str) -> str | None:
    """When forums define a named group differently (forum.yml), which categories each adds up: their
    gaps then compare different groups. None when every forum that has the group defines it alike."""
    parts = []
    for measure, group in GROUPS.items():
        defs: dict[str, list[str]] = {}
        for name, res in zip(_names(results, lang), results):
            spec = (((res.get("representativeness") or {}).get("settings") or {}).get("named_groups") or {}).get(group)
            if spec:
                words = "; ".join(f"{label(v, lang)}: {', '.join(label(c, lang) for c in cats)}" for v, cats in spec.items())
                defs.setdefault(words, []).append(name)
        if len(defs) > 1:
            parts.append(tr("compare_group_defs", lang, group=measure_label(measure, lang).lower(),
                            defs="; ".join(f"{', '.join(names)} ({words})" for words, names in defs.items())))
    return " ".join(parts) or None


# ----------------------------------------------------------------------------- charts
def chart_values(table: pd.DataFrame, measures: list[str] | tuple[str, ...], lang: str) -> str:
    """What a chart shows, for its alt text: per forum with a figure, each measure's value.

    Examples
    --------
    >>> t = pd.DataFrame({"forum": ["A", "A"], "measure": ["gap_young", "gap_practical"], "kind": "pp",
    ...                   "value": [-0.09, None]})
    >>> chart_values(t, list(GROUPS), "en")
    'A: Young people −9 percentage points'
    """
    rows = table[table["measure"].isin(list(measures)) & table["value"].notna()]
    parts = []
    for forum, part in rows.groupby("forum", sort=False):
        parts.append(f"{forum}: " + ", ".join(f"{measure_label(r.measure, lang)} {fmt_value(r.kind, r.value, lang)}"
                                              for r in part.itertuples()))
    return "; ".join(parts)


def _wrapped(name: str) -> str:
    """A forum's name on lines of at most 26 characters: long names leave the plot its width."""
    import textwrap

    return "\n".join(textwrap.wrap(str(name), 26)) or str(name)


def gaps_figure(table: pd.DataFrame, lang: str):
    """Dot plot of the named groups' gaps (forum share minus population share, in points), a row per
    forum that has one; None when none has."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    gaps = table[table["measure"].isin(list(GROUPS)) & table["value"].notna()]
    if gaps.empty:
        return None
    gaps = gaps.assign(forum=gaps["forum"].map(_wrapped))
    forums = list(dict.fromkeys(gaps["forum"]))
    levels = [measure_label(m, lang) for m in GROUPS]
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.6 * len(forums)))
    sns.pointplot(data=gaps.assign(pp=100 * gaps["value"], group=gaps["measure"].map(lambda m: measure_label(m, lang))),
                  x="pp", y="forum", hue="group", order=forums, hue_order=levels, dodge=0.5, linestyle="none",
                  palette=sns.color_palette("colorblind")[:3], markers=["o", "s", "D"], ax=ax)
    ax.axvline(0, color="black", linewidth=1)
    lo, hi = 100 * gaps["value"].min(), 100 * gaps["value"].max()
    ax.set_xlim(min(lo, 0) - 5, max(hi, 0) + 5)  # zero (no gap) inside the frame, not on its edge
    ax.set_xlabel(tr("compare_gap_axis", lang))
    ax.set_ylabel("")
    ax.legend(title="", loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False)
    fig.tight_layout()
    return fig


def rates_figure(table: pd.DataFrame, lang: str):
    """Grouped bars of the follow-up rates: per forum one bar per rate, side by side (``dodge``); None
    when no forum has a rate."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    rates = table[table["measure"].isin(_RATES) & table["value"].notna()]
    if rates.empty:
        return None
    rates = rates.assign(forum=rates["forum"].map(_wrapped))
    forums = list(dict.fromkeys(rates["forum"]))
    levels = [measure_label(m, lang) for m in _RATES]
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.75 * len(forums)))
    sns.barplot(data=rates.assign(pct=100 * rates["value"], m=rates["measure"].map(lambda m: measure_label(m, lang))),
                x="pct", y="forum", hue="m", order=forums, hue_order=levels, dodge=True, orient="h",
                palette=sns.color_palette("colorblind")[3:6], ax=ax)
    ax.set_xlim(0, 100)
    ax.set_xlabel("%")
    ax.set_ylabel("")
    ax.legend(title="", loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False)
    fig.tight_layout()
    return fig
