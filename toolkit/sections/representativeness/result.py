"""Representativeness section glue: a forum's frames and settings -> the analyses, key figures, scorecard.

``analyse(forum)`` calls the plain functions of :mod:`toolkit.stats.representativeness.start_attitudes` with the forum's
inputs (``members`` or ``member_counts``, ``benchmark``, ``funnel``, ``quotas``,
``reference_attitudes``, ``public_input``) and its settings (forum.yml ``representativeness:``, see
docs/representativeness.md); ``figures(forum)`` gives results.json's ``representativeness``;
``scorecard_lines(kf, lang)`` the summary lines and ``data_links(kf)`` the figures the follow-up
section's scorecard of preconditions shows, both computed only from the key figures.

What the section shows lives elsewhere: figures and sentences in :mod:`toolkit.sections.representativeness.charts`,
display tables in :mod:`toolkit.sections.representativeness.tables`, every nl/en word in
:mod:`toolkit.sections.representativeness.text`. Nothing here rounds.
"""
from __future__ import annotations

from dataclasses import dataclass

import math
from typing import Any

import numpy as np
import pandas as pd

from toolkit.disclosure import joint as J
from toolkit.disclosure.suppress import complementary_suppression, too_small
from toolkit.sections.representativeness import figures as FIG
from toolkit.stats.representativeness import composition as C
from toolkit.stats.representativeness import funnel as F
from toolkit.stats.representativeness import goodness_of_fit as G
from toolkit.disclosure.pooling import pool_hidden
from toolkit.stats.representativeness import public_input as P
from toolkit.stats.representativeness import start_attitudes as SA
from toolkit.stats.representativeness import lottery as LOT
from toolkit.errors import InputError, Problem
from toolkit.intake.cells import column_name
from toolkit.jsonable import jsonable
from toolkit.i18n import fmt_int, fmt_num, fmt_p, fmt_pct, fmt_pp
from toolkit.sections.cache import cached
from toolkit.sections.representativeness.text import (area_caution_text, area_text, group_label, join_and, label,
                                                        pooled_label, quota_hidden_text, step, t)
from toolkit.forum.settings import LOCAL_LEVELS, forum_area, min_cell_size

__all__ = ["RepresentativenessResult", "LotteryResult", "lottery", "lottery_line", "LOTTERY_DRAWS", "DEFAULTS", "settings", "analyse", "benchmark_area", "area_caution", "area_caution_text", "figures", "scorecard_lines", "data_links",
           "link_provider", "attrition_sentence", "weak_groups_text"]

#: forum.yml ``representativeness:`` defaults (docs/representativeness.md).
DEFAULTS: dict[str, Any] = {
    "stage": "started", "alpha": 0.05, "flag_ratio_under": 0.8, "flag_ratio_over": 1.25, "flag_diff_pp": None,
    "named_groups": None, "intersections": None, "min_expected": 5, "n_resamples": 9999,
    "public_input_freq": "W", "public_input_date_column": "date",
}


@dataclass(frozen=True, eq=False)
class RepresentativenessResult:
    """Tidy frames of the representativeness section (None where the forum has no input for a part).

    Full precision, codes not labels; counts are not suppressed here (see :func:`publishable`).
    """

    settings: dict                      # DEFAULTS filled in, plus n_members, form ("roster"/"counts"), min_cell, variables
    composition: pd.DataFrame           # C.composition at settings["stage"]
    gof: pd.DataFrame                   # G.goodness_of_fit per variable
    named_groups: pd.DataFrame          # C.flag_named_groups
    intersections: pd.DataFrame | None  # C.intersections (roster and joint benchmark rows only)
    quotas: pd.DataFrame | None         # C.quota_check
    funnel: pd.DataFrame | None         # F.funnel (long: stratum x stage)
    falloff: pd.DataFrame | None        # F.funnel_falloff
    replacements: pd.DataFrame | None   # F.replacements (roster with replacements only)
    replacement_match: pd.DataFrame | None
    attrition: pd.DataFrame | None      # F.attrition (started against completed); None: counts at one stage only
    attrition_tests: pd.DataFrame       # F.attrition_test per variable (empty without attrition)
    attitudes: pd.DataFrame | None      # SA.attitudinal (+ wave: the baseline wave used per item)
    public: P.PublicInput | None        # P.public_input
    benchmark: pd.DataFrame             # the benchmark rows of the compared variables (source, year, age_range, note)
    disclosure: J.Disclosure | None = None  # which counts every published table hides (J.joint_disclosure)


#: Runs of the legacy algorithm when forum.yml ``lottery.draws`` does not say (docs/lottery.md).
LOTTERY_DRAWS = 100


@dataclass(frozen=True, eq=False)
class LotteryResult:
    """The lottery audit (docs/lottery.md): full precision; ``hidden`` marks the groups not published.

    ``groups`` and ``quotas`` hide a row (its pool and panel counts, probability, ratio, status) when a
    count in it is below ``min_cell`` or could be worked out from the others
    (:func:`toolkit.disclosure.suppress.complementary_suppression`, per variable: the pool and the panel
    totals are published).
    """

    method: str
    exact: bool                  # maximin, nash: the package's optimum; legacy: simulated
    draws: int | None            # legacy runs
    probabilities: np.ndarray    # every pool member's, sorted (no ids, no features)
    summary: dict                # LOT.probability_summary
    groups: pd.DataFrame         # LOT.group_probabilities + hidden
    quotas: pd.DataFrame         # LOT.quota_satisfaction + hidden
    typicality: dict             # LOT.typicality
    min_cell: int
    seconds: float               # time the package took (not in results.json: it varies)


def _lottery_hidden(groups: pd.DataFrame, min_cell: int) -> pd.Series:
    """Groups with 0 < pool or panel members < min_cell, and those the hidden counts could be worked out from."""
    counts = groups[["variable", "n_pool", "n_panel"]].astype({"n_pool": int, "n_panel": int})
    small = too_small(counts["n_pool"], min_cell) | too_small(counts["n_panel"], min_cell)
    # a group hidden for one count hides the other too (its whole row)
    hidden = pd.DataFrame({c: small & ~too_small(counts[c], min_cell) & (counts[c] > 0)
                           for c in ("n_pool", "n_panel")})
    linked = complementary_suppression(counts, ["n_pool", "n_panel"], min_cell, group_col="variable", hidden=hidden)
    return small | linked.any(axis=1)


@cached
def lottery(forum) -> LotteryResult | None:
    """The lottery audit of a forum with a pool (forum.yml ``inputs.pool`` and ``lottery:``); None without a pool.

    The selection probabilities come from sortition-algorithms under forum.yml ``lottery.method``
    (:func:`toolkit.stats.representativeness.lottery.selection_distribution`, seeded by forum.yml ``seed``);
    the drawn panel is the roster's members without ``replaces``.

    Raises
    ------
    InputError
        When the package cannot draw a panel under the quotas (its message), or the method is not auditable.
    """
    import time

    inputs = forum.inputs or {}
    pool, quotas, members = inputs.get("pool"), inputs.get("quotas"), inputs.get("members")
    counts = inputs.get("member_counts")
    if pool is None or quotas is None or (members is None and counts is None):
        return None
    cfg = forum.config.get("lottery") or {}
    method, size = cfg.get("method"), int(cfg.get("panel_size") or 0)
    draws = int(cfg.get("draws") or LOTTERY_DRAWS)
    features = list(dict.fromkeys(quotas["variable"].astype(str)))
    pool = pool[["pool_id", *features]].astype(str)
    start = time.perf_counter()
    try:
        dist = LOT.selection_distribution(pool, quotas, size, method, seed=int(forum.config.get("seed") or 0),
                                          draws=draws)
    except (LOT.LotteryError, ValueError) as exc:
        raise InputError([Problem(str(forum.folder / "forum.yml"),
                                  f"the lottery cannot be audited: sortition-algorithms says: {exc}",
                                  "Check the quotas (inputs.quotas), lottery.panel_size and the pool: the method must be "
                                  "able to draw a panel of that size from that pool", value=method)]) from None
    seconds = time.perf_counter() - start
    probs = LOT.member_probabilities(pool, dist)
    if members is None:  # member counts at the drawn stage: the panel's composition
        panel = counts
    else:
        drawn_ids = set(members.loc[members["replaces"].isna() if "replaces" in members else slice(None),
                                    "member_id"].astype(str))
        panel = pool[pool["pool_id"].isin(drawn_ids)]
        if len(panel) < len(drawn_ids):  # a pool given as counts: the roster's own features
            panel = members[members["member_id"].astype(str).isin(drawn_ids)]
    groups = LOT.group_probabilities(probs, quotas, panel)
    mc = min_cell_size(forum.config)
    hidden = _lottery_hidden(groups, mc).to_numpy()
    quota = LOT.quota_satisfaction(panel, quotas).assign(hidden=hidden)
    typ = LOT.typicality(pool, dist, quotas, panel, groups["expected_panel"])
    return LotteryResult(method=method, exact=dist.exact, draws=dist.draws,
                         probabilities=np.sort(probs["probability"].to_numpy()),
                         summary=LOT.probability_summary(probs["probability"], size), groups=groups.assign(hidden=hidden),
                         quotas=quota, typicality=typ, min_cell=mc, seconds=seconds)


# ----------------------------------------------------------------------------- settings
def settings(forum) -> dict:
    """forum.yml ``representativeness:`` with the defaults filled in, checked.

    Raises
    ------
    InputError
        For a stage, frequency, named group or intersection the toolkit cannot use.
    """
    cfg = {**DEFAULTS, **(forum.config.get("representativeness") or {})}
    file = str(forum.folder / "forum.yml")
    problems = []
    if cfg["stage"] not in ("drawn", "started", "completed"):
        problems.append(Problem(file, f"representativeness.stage must be drawn, started or completed, not {cfg['stage']!r}",
                                "Write stage: started (the members who came to the first session)", value=cfg["stage"]))
    if str(cfg["public_input_freq"]).upper() not in ("W", "M"):
        problems.append(Problem(file, "representativeness.public_input_freq must be W (weeks) or M (months)",
                                "Write public_input_freq: W", value=cfg["public_input_freq"]))
    cfg["public_input_freq"] = str(cfg["public_input_freq"]).upper()
    cfg["named_groups_default"] = cfg["named_groups"] is None  # the Dutch letter's groups, a setting
    groups = cfg["named_groups"] if cfg["named_groups"] is not None else C.DEFAULT_NAMED_GROUPS
    clean = {}
    for name, spec in (groups or {}).items():
        if not isinstance(spec, dict) or len(spec) != 1 or not isinstance(next(iter(spec.values())), (list, str)):
            problems.append(Problem(file, f"representativeness.named_groups.{name} must name one variable and its categories",
                                    "Write e.g. young_people: {age_group: ['18-39']}", value=spec))
            continue
        (var, cats), = spec.items()
        clean[str(name)] = {str(var): [str(c) for c in ([cats] if isinstance(cats, str) else cats)]}
    cfg["named_groups"] = clean
    pairs = cfg["intersections"]
    if pairs is not None:
        bad = [p for p in pairs if not (isinstance(p, (list, tuple)) and len(p) == 2)]
        problems += [Problem(file, "representativeness.intersections must list pairs of variables",
                             "Write e.g. intersections: [[gender, age_group]]", value=p) for p in bad]
        cfg["intersections"] = [tuple(map(str, p)) for p in pairs if p not in bad]
    if problems:
        raise InputError(problems)
    cfg["min_cell"] = min_cell_size(forum.config)
    cfg["seed"] = forum.config.get("seed")
    return cfg


def _members(forum) -> tuple[pd.DataFrame | None, str | None]:
    inputs = forum.inputs or {}
    if inputs.get("members") is not None:
        return inputs["members"], "roster"
    if inputs.get("member_counts") is not None:
        return inputs["member_counts"], "counts"
    return None, None


def _stage(forum, members: pd.DataFrame, form: str | None, stage: str) -> str:
    """The stage of the composition: forum.yml's, or for counts at one stage only that stage.

    Raises
    ------
    InputError
        When ``representativeness.stage`` names another stage than the counts file's one.
    """
    have = [st for st in ("drawn", "started", "completed") if st in members.columns]
    if form != "counts" or len(have) != 1:
        return stage
    asked = (forum.config.get("representativeness") or {}).get("stage")
    if asked is not None and asked != have[0]:
        raise InputError([Problem(str(forum.folder / "forum.yml"),
                                  f"representativeness.stage is {asked!r}, but the member counts count the members "
                                  f"at {have[0]!r} only (inputs.member_counts.stage)",
                                  f"Remove representativeness.stage or write stage: {have[0]}", value=asked)])
    return have[0]


def _compared(forum, members: pd.DataFrame, form: str | None, benchmark: pd.DataFrame) -> list[str]:
    """The variables whose composition is shown: the benchmark's that the members have, then the members'
    variables without population figures (every variable of a counts file; a roster's demographics declared
    in the codebook). Those are shown as composition only (no difference, no test)."""
    bench = [v for v in dict.fromkeys(benchmark["variable"].astype(str)) if C.JOINT_SEP not in v]
    if form == "counts":
        have = list(dict.fromkeys(members["variable"].astype(str)))
    else:
        declared = (forum.codebook.get("demographics") or {})
        have = [str(v) for v in declared if str(v) in members.columns]
        have += [v for v in bench if v in members.columns and v not in have]
    return [v for v in bench if v in have] + [v for v in have if v not in bench]


def _order(frame: pd.DataFrame, composition: pd.DataFrame) -> pd.DataFrame:
    """Rows in the composition's variable and category order (benchmark order)."""
    if frame is None or frame.empty:
        return frame
    pos = {(v, c): i for i, (v, c) in enumerate(zip(composition["variable"], composition["category"]))}
    key = [pos.get((v, str(c)), len(pos)) for v, c in zip(frame["variable"], frame["category"])]
    return frame.assign(_k=key).sort_values("_k", kind="stable").drop(columns="_k").reset_index(drop=True)


def _baseline_answers(forum, reference: pd.DataFrame) -> pd.DataFrame:
    """Members' answers to the reference items at the first wave that asked each item."""
    r = forum.responses
    r = r[(r["group"] == "member") & r["item"].isin(set(reference["item"].astype(str)))]
    order = {w["id"]: i for i, w in enumerate(forum.codebook["waves"])}
    parts = []
    for item, part in r.groupby("item", sort=False):
        answered = part[part["value"].notna()]
        waves = sorted(set(answered["wave"]), key=lambda w: order.get(w, len(order)))
        if waves:
            parts.append(part[part["wave"] == waves[0]])
    return pd.concat(parts, ignore_index=True) if parts else r.iloc[0:0]


@cached
def analyse(forum) -> RepresentativenessResult | None:
    """Every representativeness analysis the forum has inputs for; None without members or benchmark.

    Parameters
    ----------
    forum : Forum

    Returns
    -------
    RepresentativenessResult or None

    Raises
    ------
    InputError
        When forum.yml ``representativeness:`` holds a setting the toolkit cannot use.

    Examples
    --------
    >>> from toolkit.forum.load import load_forum
    >>> res = analyse(load_forum("surveys/example"))
    >>> [str(v) for v in res.named_groups.set_index("group").loc["young_people", ["n", "flag"]]]
    ['40', 'under']
    >>> analyse(load_forum("surveys/a1r")) is None
    True
    """
    members, form = _members(forum)
    benchmark = (forum.inputs or {}).get("benchmark")
    if members is None or benchmark is None:
        return None
    s = settings(forum)
    s["stage"] = _stage(forum, members, form, s["stage"])
    thresholds = {k: s[k] for k in ("alpha", "flag_ratio_under", "flag_ratio_over", "flag_diff_pp")}
    comp = C.composition(members, benchmark, _compared(forum, members, form, benchmark), stage=s["stage"],
                         **thresholds)
    variables = list(dict.fromkeys(comp["variable"]))
    from toolkit.forum.load import DEFAULT_BENCHMARKS

    bench_path = (forum.config.get("inputs") or {}).get("benchmark")
    s.update(form=form, variables=variables,
             benchmark_default=bench_path is not None and str(bench_path) == str(DEFAULT_BENCHMARKS["default:nl"]),
             n_members=C.n_at_stage(members, s["stage"]))  # the roster's, not those with a known first variable
    if {"started", "completed"} <= set(members.columns):  # drop-out over every member, also those of unknown value
        s.update(n_started=C.n_at_stage(members, "started"), n_completed=C.n_at_stage(members, "completed"))
    # the codebook's category order: cells are ordered by it before any draw, and it orients the odds ratio
    s["categories"] = {str(v): [str(c) for c in (d or {}).get("categories") or []]
                       for v, d in (forum.codebook.get("demographics") or {}).items()}
    named = C.flag_named_groups(comp, s["named_groups"], **thresholds)
    # a group none of whose categories this forum's data have (the Dutch default 18-39 against age
    # bands 16-24/25-44/...) is not defined here: omitted with a note, never "0 members, 0%"
    present = set(zip(comp["variable"].astype(str), comp["category"].astype(str)))
    defined = [any((str(v), c) in present for c in str(cats).split("|"))
               for v, cats in zip(named["variable"], named["categories"])]
    s["named_groups_omitted"] = named.loc[[not d for d in defined], ["group", "variable", "categories"]] \
        .to_dict("records")
    named = named[pd.Series(defined, index=named.index, dtype=bool)].reset_index(drop=True)  # none: no columns lost
    inter = None
    if form == "roster":
        inter = C.intersections(members, benchmark, s["intersections"], stage=s["stage"], **thresholds)
        inter = inter if len(inter) else None
    quotas = None
    if (forum.inputs or {}).get("quotas") is not None:
        quotas = C.quota_check(comp, forum.inputs["quotas"])
    fun = falloff = None
    if (forum.inputs or {}).get("funnel") is not None:
        fun = F.funnel(forum.inputs["funnel"])
        falloff = F.funnel_falloff(fun) if len(fun) else None
    repl = match = None
    if form == "roster":
        repl = _order(F.replacements(members, variables), comp)
        match = F.replacement_match(members, variables)
        repl, match = (repl, match) if len(match) else (None, None)
    one_stage = form == "counts" and not {"started", "completed"} <= set(members.columns)
    s["one_stage"] = one_stage  # only the composition at one stage: nothing about drop-out is computed
    attr = None if one_stage else _order(F.attrition(members, variables), comp)
    att = None
    reference = (forum.inputs or {}).get("reference_attitudes")
    if reference is not None and len(reference):
        answers = _baseline_answers(forum, reference)
        att = SA.attitudinal(answers, reference, alpha=s["alpha"])
        first = answers.groupby("item")["wave"].first() if len(answers) else pd.Series(dtype=str)
        att["wave"] = att["item"].astype(str).map(first)
    public = None
    pub = (forum.inputs or {}).get("public_input")
    if pub is not None:
        # the reader names the parsed date column "date" whatever the file called it
        date_col = "date" if "date" in pub.columns else column_name(s["public_input_date_column"])
        pub_vars = [v for v in dict.fromkeys(benchmark["variable"].astype(str))
                    if C.JOINT_SEP not in v and v in pub.columns]
        public = P.public_input(pub, benchmark, pub_vars, date_col=date_col, freq=s["public_input_freq"],
                                **thresholds)
    bench = benchmark[benchmark["variable"].astype(str).isin(variables)].reset_index(drop=True)
    area = forum_area(forum.config)
    s.update(benchmark_area=benchmark_area(benchmark), forum_area=area,
             area_caution=area_caution(area, benchmark_area(benchmark), (forum.config.get("benchmark_cbs") or {}).get("region")))
    joint = J.joint_disclosure(comp, fun, attr, s["min_cell"], stage=s["stage"])
    gof, attr_tests = _tests(comp, attr, members, variables, joint, s)
    return RepresentativenessResult(settings=s, composition=comp, gof=gof, named_groups=named, intersections=inter,
                                    quotas=quotas, funnel=fun, falloff=falloff, replacements=repl,
                                    replacement_match=match, attrition=attr, attrition_tests=attr_tests,
                                    attitudes=att, public=public, benchmark=bench, disclosure=joint)


def benchmark_area(benchmark: pd.DataFrame) -> str | None:
    """The area the benchmark covers (its ``area`` column: one per file), None when the file names none.

    Examples
    --------
    >>> benchmark_area(pd.DataFrame({"area": [" Nederland", "Nederland"]})), benchmark_area(pd.DataFrame({"x": [1]}))
    ('Nederland', None)
    """
    if "area" not in benchmark.columns:
        return None
    named = benchmark["area"].dropna().astype(str).str.strip()
    named = named[named != ""]
    return str(named.iloc[0]) if len(named) else None


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def area_caution(area: dict, bench_area: str | None, cbs_region: str | None = None) -> bool:
    """Whether a forum below the country (forum.yml ``area.level``: province, municipality, district) is
    compared with figures that are not its own area's: a benchmark of another area (national figures), or
    one that names no area. The forum's own area is its ``area.name``, or the CBS region of a ``cbs:``
    benchmark when it is the forum's ``area.code``.

    Examples
    --------
    >>> town = {"name": "Gemeente Utrecht", "level": "municipality", "code": "GM0344"}
    >>> area_caution(town, "Nederland"), area_caution(town, "gemeente  utrecht"), area_caution(town, None)
    (True, False, True)
    >>> area_caution(town, "Utrecht", "GM0344"), area_caution({"name": None, "level": "national"}, "Nederland")
    (False, False)
    """
    if area.get("level") not in LOCAL_LEVELS:
        return False
    if _same(area.get("name"), bench_area):
        return False
    code = area.get("code")
    return not (bench_area is not None and code and cbs_region and str(code).upper() == str(cbs_region).upper())


def _tests(comp, attr, members, variables, joint: J.Disclosure, s: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Goodness of fit per variable and the drop-out test, as published: where a variable has hidden counts
    (:func:`toolkit.disclosure.joint.joint_disclosure`), computed with its hidden categories pooled into one
    (:func:`toolkit.disclosure.pooling.pool_hidden`), so that no statistic gives a hidden count away.
    Column ``pooled``: how many categories were pooled (0: none)."""
    kw = dict(min_expected=s["min_expected"], n_resamples=s["n_resamples"], seed=s["seed"],
              categories=s.get("categories"))
    at_stage = {(v, c) for v, c, st in joint.hidden if st == s["stage"]}
    in_attr = {(v, c) for v, c, st in joint.hidden if st in ("started", "completed")}
    if not at_stage:
        gof = G.goodness_of_fit(comp, **kw)
    else:
        gof = G.goodness_of_fit(pool_hidden(comp, at_stage, ["n", "pop_share"]), **kw)
    gof["pooled"] = gof["variable"].map(_n_pooled(at_stage)).fillna(0).astype(int)
    if attr is None:
        tests = pd.DataFrame(columns=["variable", "method", "statistic", "df", "p", "cramers_v", "reference",
                                      "compared"])
    elif not in_attr or attr.empty:
        tests = F.attrition_test(members, variables, **kw)
    else:
        pooled = pool_hidden(attr, in_attr, ["n_started", "n_completed"])
        counts = pooled.rename(columns={"n_started": "started", "n_completed": "completed"}) \
            .assign(drawn=lambda d: d["started"])[["variable", "category", "drawn", "started", "completed"]]
        tests = F.attrition_test(counts, **kw)
    tests["pooled"] = tests["variable"].map(_n_pooled(in_attr)).fillna(0).astype(int)
    return gof, tests


def _n_pooled(cells) -> dict:
    out: dict = {}
    for v, _ in cells:
        out[v] = out.get(v, 0) + 1
    return out


def disclosure(res: RepresentativenessResult) -> J.Disclosure:
    """Which counts of the composition, funnel and drop-out tables are hidden, in every table that publishes
    them (:func:`toolkit.disclosure.joint.joint_disclosure`; made by :func:`analyse`)."""
    if res.disclosure is not None:
        return res.disclosure
    return J.joint_disclosure(res.composition, res.funnel, res.attrition, res.settings["min_cell"],
                              stage=res.settings["stage"])


# ----------------------------------------------------------------------------- key figures
def figures(forum) -> dict | None:
    """Key figures for results.json ``representativeness``; None without members or benchmark.

    :func:`toolkit.sections.representativeness.figures.key_figures` (cells with 0 < n < ``min_cell_size``
    suppressed) plus ``settings`` (stage, thresholds, form, n_members, named group definitions),
    ``falloff`` (per stratum the stage where it falls away most, relative to everyone) and
    ``benchmark`` (per variable: source, year, age_range), so the scorecard needs nothing else.
    """
    res = analyse(forum)
    if res is None:
        return None
    s = res.settings
    kf = FIG.key_figures(res.composition, gof=res.gof, named_groups=res.named_groups, intersections=res.intersections,
                       quotas=res.quotas, funnel=res.funnel, attrition=res.attrition,
                       attrition_tests=res.attrition_tests, replacement_match=res.replacement_match,
                       attitudes=res.attitudes, public=res.public, min_cell=s["min_cell"], stage=s["stage"],
                       disclosure=disclosure(res))
    kf["settings"] = {k: jsonable(s[k]) for k in ("stage", "alpha", "flag_ratio_under", "flag_ratio_over", "flag_diff_pp",
                                                 "form", "n_members", "one_stage")}
    kf["settings"]["named_groups"] = s["named_groups"]
    if res.falloff is not None:
        small = _small_funnel_cells(res.funnel, s["min_cell"], disclosure(res))
        kf["falloff"] = {}
        for r in res.falloff.itertuples():
            hidden = small.get((r.variable, r.category), set())
            weak_hidden = r.weakest_stage in hidden or _prev_stage(res.funnel, r.weakest_stage) in hidden
            kf["falloff"].setdefault(r.variable, {})[r.category] = {
                "weakest_stage": None if weak_hidden else r.weakest_stage,
                "weakest_rel_rate": None if weak_hidden else jsonable(float(r.weakest_rel_rate)),
                "overall_rate": None if hidden else jsonable(float(r.overall_rate)),
                "rel_overall_rate": None if hidden else jsonable(float(r.rel_overall_rate))}
    tests = res.attrition_tests
    started, completed = res.settings.get("n_started"), res.settings.get("n_completed")
    kf["attrition_total"] = ({"n_started": int(started), "n_dropped": int(started - completed)}  # the roster's count
                             if len(tests) and started is not None else None)
    mc = s["min_cell"]
    if kf["attrition_total"] and too_small(kf["attrition_total"]["n_dropped"], mc or None):
        # 1..min_cell-1 drop-outs: not their number, nor everyone who completed (started - completed gives it)
        kf["attrition_total"] = {"n_started": kf["attrition_total"]["n_started"], "n_dropped": None,
                                 "n_dropped_below": mc}
        total = (kf.get("funnel") or {}).get("total") or {}
        if "completed" in total:
            total["completed"] = {k: None for k in total["completed"]}
    lot = lottery(forum)
    if lot is not None:
        kf["lottery"] = FIG.lottery_block(lot)
    kf["benchmark_area"] = s.get("benchmark_area")
    kf["forum_area"] = s.get("forum_area")
    kf["area_caution"] = bool(s.get("area_caution"))
    kf["benchmark"] = {v: {"source": jsonable(part["source"].iloc[0]) if "source" in part else None,
                           "year": jsonable(part["year"].iloc[0]) if "year" in part else None,
                           "age_range": jsonable(part["age_range"].iloc[0]) if "age_range" in part else None}
                       for v, part in _with_figures(res.benchmark).groupby("variable", sort=False)}
    return kf


def _with_figures(benchmark: pd.DataFrame) -> pd.DataFrame:
    """The benchmark rows with a population figure (rows marked 'not found' describe no figure)."""
    return benchmark[benchmark["share"].notna()] if "share" in benchmark else benchmark


def _small_funnel_cells(funnel: pd.DataFrame, min_cell: int, joint: J.Disclosure | None = None) -> dict:
    """Per stratum the stages whose count is not published: below min_cell, or one it could be worked out from."""
    small = funnel[J.publishable_funnel(funnel, min_cell, joint)["suppressed"].to_numpy()]
    out: dict = {}
    for r in small.itertuples():
        out.setdefault((r.variable, r.category), set()).add(r.stage)
    return out


def _prev_stage(funnel: pd.DataFrame, stage) -> str | None:
    stages = list(dict.fromkeys(funnel["stage"]))
    i = stages.index(stage) if stage in stages else 0
    return stages[i - 1] if i > 0 else None


# ----------------------------------------------------------------------------- scorecard and data links
def _ok(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x)) and x is not pd.NA


def _named(kf: dict) -> list[tuple[str, dict]]:
    return [(g, v) for g, v in (kf.get("named_groups") or {}).items() if _ok(v.get("diff_pp"))]


def _cells(kf: dict):
    for var, block in (kf.get("variables") or {}).items():
        for cat, cell in (block.get("categories") or {}).items():
            if _ok(cell.get("diff_pp")) and _ok(cell.get("share")) and _ok(cell.get("pop_share")):
                yield var, cat, cell


def data_links(kf: dict | None) -> dict[str, float | None]:
    """Figures for the follow-up section's scorecard of preconditions (differences of shares, 0-1).

    ``composition_max_gap``: the largest absolute difference between a forum share and the population
    share over all categories with a published share. ``priority_groups_max_gap``: the largest
    shortfall of a named group (young people, migration background, practically educated): the
    largest population share minus forum share, 0 when none falls short (docs/follow_up.md, "Data
    links"). None when there is no figure.

    Examples
    --------
    >>> kf = {"variables": {"age": {"categories": {"young": {"share": .2, "pop_share": .3, "diff_pp": -10.0},
    ...                                            "old": {"share": .8, "pop_share": .7, "diff_pp": 10.0}}}},
    ...       "named_groups": {"young_people": {"diff_pp": -10.0}, "practically_educated": {"diff_pp": 4.0}}}
    >>> data_links(kf)
    {'composition_max_gap': 0.1, 'priority_groups_max_gap': 0.1}
    """
    kf = kf or {}
    gaps = [abs(c["diff_pp"]) / 100 for _, _, c in _cells(kf)]
    named = [v["diff_pp"] for _, v in _named(kf)]
    return {"composition_max_gap": max(gaps) if gaps else None,
            "priority_groups_max_gap": max(0.0, max(-d for d in named) / 100) if named else None}


def link_provider(forum) -> dict:
    """``data_links(figures(forum))`` without missing values: what :mod:`toolkit.sections.links` lends the follow-up."""
    kf = figures(forum)
    return {} if kf is None else {k: v for k, v in data_links(kf).items() if v is not None}


def scorecard_lines(kf: dict, lang: str) -> list[tuple[str, str]]:
    """Summary lines (topic, finding), computed only from the key figures ``kf`` (results.json).

    Examples
    --------
    >>> kf = {"variables": {}, "named_groups": {"young_people": {"variable": "age_group", "categories": "18-39",
    ...        "share": 0.23, "pop_share": 0.32, "diff_pp": -9.1, "flag": "under"}}, "benchmark_area": "Nederland"}
    >>> scorecard_lines(kf, "en")
    [('Priority groups', 'Under-represented: young people 23% (population of Nederland 32%; −9 percentage points).')]
    """
    out = []
    area = area_text(kf.get("benchmark_area"), lang)
    caution = area_caution_text(kf, lang, short=True)
    if caution:
        out.append((t("topic_area", lang), caution))
    named = _named(kf)
    if named:
        def gap(g, v):
            return t("group_gap", lang, area=area, g=group_label(g, lang), a=fmt_pct(v["share"], lang),
                     b=fmt_pct(v["pop_share"], lang), d=fmt_pp(v["diff_pp"] / 100, lang))
        under = sorted([(g, v) for g, v in named if v.get("flag") == "under"], key=lambda gv: gv[1]["diff_pp"])
        lower = sorted([(g, v) for g, v in named if v.get("flag") == "lower_within_chance"],
                       key=lambda gv: gv[1]["diff_pp"])  # below the population, but chance explains it
        found = ([t("groups_under", lang, x="; ".join(gap(g, v) for g, v in under))] if under else []) + \
                ([t("groups_lower_chance", lang, x="; ".join(gap(g, v) for g, v in lower))] if lower else [])
        if found:
            out.append((t("topic_groups", lang), " ".join(found)))
        else:
            out.append((t("topic_groups", lang), t("groups_none", lang, x="; ".join(gap(g, v) for g, v in named))))
    cells = list(_cells(kf))
    if cells:
        var, cat, c = max(cells, key=lambda x: abs(x[2]["diff_pp"]))
        gofs = [b["gof"] for b in (kf.get("variables") or {}).values() if b.get("gof") and _ok(b["gof"].get("p"))]
        out.append((t("topic_comp", lang), t("comp_line", lang, area=area, c=label(cat, lang), v=label(var, lang),
                                             a=fmt_pct(c["share"], lang), b=fmt_pct(c["pop_share"], lang),
                                             d=fmt_pp(c["diff_pp"] / 100, lang),
                                             k=sum(g["p"] < 0.05 for g in gofs), n=len(gofs))))
    lacking = [(v, b["pop_figures"]) for v, b in (kf.get("variables") or {}).items()
               if b.get("pop_figures") in ("none", "some")]
    if lacking:  # shown as composition only: say so where the findings are read
        line = t("no_pop_score", lang, x=join_and(
            [label(v, lang) + (" " + t("no_pop_partly", lang) if f == "some" else "") for v, f in lacking], lang))
        out.append((t("topic_no_pop", lang), line[:1].upper() + line[1:]))
    q = kf.get("quotas")
    if q and q.get("n_quotas"):
        items = ""
        if q["unmet"]:
            far = sorted([u for u in q["unmet"] if u["status"] in ("below", "above") and _ok(u.get("gap"))],
                         key=lambda u: -abs(u["gap"]))[:2]
            items = "; ".join(t(f"quota_{u['status']}", lang, c=label(u["category"], lang),
                                g=fmt_int(abs(u["gap"]), lang)) for u in far)
        hidden = q.get("n_status_hidden", 0)  # statuses not shown: say how many
        line = t("quota_unmet", lang, k=q["n_met"], n=q["n_quotas"], x=items) if items else \
            t("quota_met_of", lang, k=q["n_met"], n=q["n_quotas"]) if q["unmet"] or hidden else \
            t("quota_all", lang, n=q["n_quotas"])
        if hidden:
            line += " " + quota_hidden_text(hidden, kf.get("min_cell"), lang)
        out.append((t("topic_quotas", lang), line))
    lot = kf.get("lottery")
    if lot:
        out.append((t("topic_lottery", lang), lottery_line(lot, lang)))
    fun = kf.get("funnel")
    if fun and fun.get("total"):
        tot = fun["total"]
        stages = [st for st in (fun.get("stages") or list(tot)) if st in tot]  # JSON objects keep no order
        first = stages[0]
        reg = tot.get("registrations") or {}
        start = tot.get("started") or tot[stages[-1]]
        line = t("funnel_line", lang, l=fmt_int(tot[first]["count"], lang), r=fmt_int(reg.get("count"), lang),
                 rr=fmt_pct(reg.get("rate_prev"), lang, 1), s=fmt_int(start.get("count"), lang))
        weak = weak_groups_text(kf.get("falloff") or {}, fun["stages"], lang, n=2)
        if weak:
            line += t("funnel_weak", lang, x=weak)
        out.append((t("topic_funnel", lang), line))
    attr = kf.get("attrition")
    if attr:
        line = attrition_sentence(kf, lang)
        if line:
            out.append((t("topic_attr", lang), line))
    return out


def lottery_line(lot: dict, lang: str) -> str:
    """The scorecard's line on the draw's fairness, from results.json ``representativeness.lottery``.

    Examples
    --------
    >>> lot = {"method": "nash", "equal": 0.1, "probabilities": {"min": 0.05, "max": 0.2, "share_below_half": 0.1},
    ...        "quotas": {"n_quotas": 4, "unmet": [], "n_status_hidden": 0}, "typicality": {"percentile": 40.0}}
    >>> print(lottery_line(lot, "en"))
    Chances 5.0% to 20.0% (equal: 10.0%); 10% of the pool below half the equal chance. The panel meets every quota. Composition at percentile 40 of the method's panels (nash).
    """
    p, q, pct = lot["probabilities"], lot["quotas"], lot["typicality"]["percentile"]
    if q["unmet"]:
        quotas = t("lottery_score_quotas_unmet", lang, u=len(q["unmet"]), n=q["n_quotas"])
    else:
        quotas = t("lottery_score_quotas_all", lang) if not q.get("n_status_hidden") else ""
    line = t("lottery_score", lang, min=fmt_pct(p["min"], lang, 1), max=fmt_pct(p["max"], lang, 1),
             equal=fmt_pct(lot["equal"], lang, 1), below=fmt_pct(p["share_below_half"], lang), quotas=quotas,
             pct=fmt_num(pct, lang, 0), method=lot["method"],
             verdict=t("lottery_score_odd", lang) if pct > 95 else "")
    return " ".join(line.split())


def weak_groups_text(falloff: dict, stages: list[str], lang: str, n: int | None = None) -> str:
    """The groups whose chance at one funnel step is below 80% of everyone's, weakest first, in words
    ("niet-westerse migratieachtergrond tussen brieven en aanmeldingen (45% van de gemiddelde kans); ...");
    at most `n`; "" when there are none. `falloff` is results.json's ``falloff``.

    Examples
    --------
    >>> fall = {"age_group": {"18-39": {"weakest_stage": "registrations", "weakest_rel_rate": 0.6}}}
    >>> weak_groups_text(fall, ["letters", "registrations"], "en")
    '18-39-year-olds between letters and registrations (60% of the average chance)'
    """
    rows = sorted([(v, c, r["weakest_stage"], r["weakest_rel_rate"]) for v, cats in falloff.items()
                   for c, r in cats.items() if _ok(r.get("weakest_rel_rate")) and r["weakest_rel_rate"] < 0.8],
                  key=lambda x: x[3])
    return "; ".join(t("falloff_item", lang, g=label(c, lang), s=step(st, stages, lang), r=fmt_pct(r, lang))
                     for _, c, st, r in (rows[:n] if n else rows))


def attrition_sentence(kf: dict, lang: str) -> str | None:
    """"Of the 175 members who started, 12 did not complete (7%). Drop-out did not clearly differ..." from kf."""
    attr = kf.get("attrition") or {}
    if not attr:
        return None
    total = kf.get("attrition_total") or {}
    n, k = total.get("n_started"), total.get("n_dropped")
    if _ok(n) and not _ok(k) and _ok(total.get("n_dropped_below")):
        line = t("attr_line_small", lang, n=fmt_int(n, lang), m=fmt_int(total["n_dropped_below"], lang))
        k = -1  # some, fewer than min_cell
    elif not (_ok(n) and _ok(k)):
        return None
    else:
        line = t("attr_line", lang, n=fmt_int(n, lang), k=fmt_int(k, lang), r=fmt_pct(k / n if n else None, lang))
    if k == 0:
        return line + " " + t("attr_none", lang)
    tests = [(v, b["attrition_test"]) for v, b in (kf.get("variables") or {}).items()
             if b.get("attrition_test") and _ok(b["attrition_test"].get("p"))]
    if tests:
        clear = [(v, tt) for v, tt in tests if tt["p"] < 0.05]
        if clear:
            line += " " + t("attr_diff", lang, v=", ".join(label(v, lang) for v, _ in clear),
                            p=", ".join(fmt_p(tt["p"], lang) for _, tt in clear))
        else:
            clear = [min(tests, key=lambda x: x[1]["p"])]
            v, tt = clear[0]
            line += " " + t("attr_same", lang, v=label(v, lang), p=fmt_p(tt["p"], lang))
        for v, tt in clear:  # which way an odds ratio points: `compared` against `reference` (codebook order)
            if tt.get("compared") and _ok(tt.get("statistic")):
                odds = tt["statistic"]
                key = "attr_or_same" if odds == 1 else "attr_or"
                line += " " + t(key, lang, x=fmt_num(odds, lang, 2), dir=t("attr_or_more" if odds > 1 else "attr_or_less", lang),
                                c=pooled_label(tt["compared"], lang), r=pooled_label(tt["reference"], lang))
    return line
