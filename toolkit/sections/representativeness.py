"""Representativeness section glue: a forum's frames and settings -> the analyses, key figures, scorecard.

``analyse(forum)`` calls the plain functions of :mod:`toolkit.representativeness` with the forum's
inputs (``members`` or ``member_counts``, ``benchmark``, ``funnel``, ``quotas``,
``reference_attitudes``, ``public_input``) and its settings (forum.yml ``representativeness:``, see
docs/representativeness.md); ``figures(forum)`` gives results.json's ``representativeness``;
``scorecard_lines(kf, lang)`` the summary lines and ``data_links(kf)`` the figures the follow-up
section's scorecard of preconditions shows, both computed only from the key figures.

The ``*_table`` helpers turn the result into display tables in nl/en (values as text, headers
translated, counts below ``min_cell_size`` shown as "<5" with the figures computed from them left
blank); ``attitudes_chart`` and ``volume_chart`` draw what :mod:`toolkit.views_representativeness`
does not. Nothing here rounds except through :mod:`toolkit.i18n`.
"""
from __future__ import annotations

import math
import re
import textwrap
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from toolkit import representativeness as R
from toolkit.config import text as cfg_text
from toolkit.errors import InputError, Problem
from toolkit.i18n import fmt_ci, fmt_date, fmt_int, fmt_num, fmt_p, fmt_pct, fmt_pp, tr
from toolkit.sections import cached

__all__ = [
    "RepresentativenessResult", "DEFAULTS", "DEFAULT_NL_NOTES", "settings", "analyse", "figures", "scorecard_lines", "data_links",
    "TEXT", "t", "var_label", "group_label", "gaps_display", "findings_table", "named_definitions",
    "replacement_sentence", "attrition_test_table", "link_provider", "attitudes_note", "coverage_table", "gof_table", "intersections_table",
    "quota_table", "falloff_table", "falloff_sentences", "replacement_table", "replacement_match_table",
    "attrition_table", "attrition_sentence", "attitudes_table", "public_table", "publishable",
    "attitudes_chart", "volume_chart", "has_suppressed",
]

#: forum.yml ``representativeness:`` defaults (docs/representativeness.md).
DEFAULTS: dict[str, Any] = {
    "stage": "started", "alpha": 0.05, "flag_ratio_under": 0.8, "flag_ratio_over": 1.25, "flag_diff_pp": None,
    "named_groups": None, "intersections": None, "min_expected": 5, "n_resamples": 9999,
    "public_input_freq": "W", "public_input_date_column": "date",
}


class RepresentativenessResult(NamedTuple):
    """Tidy frames of the representativeness section (None where the forum has no input for a part).

    Full precision, codes not labels; counts are not suppressed here (see :func:`publishable`).
    """

    settings: dict                      # DEFAULTS filled in, plus n_members, form ("roster"/"counts"), min_cell, variables
    composition: pd.DataFrame           # R.composition at settings["stage"]
    gof: pd.DataFrame                   # R.goodness_of_fit per variable
    named_groups: pd.DataFrame          # R.flag_named_groups
    intersections: pd.DataFrame | None  # R.intersections (roster and joint benchmark rows only)
    quotas: pd.DataFrame | None         # R.quota_check
    funnel: pd.DataFrame | None         # R.funnel (long: stratum x stage)
    falloff: pd.DataFrame | None        # R.funnel_falloff
    replacements: pd.DataFrame | None   # R.replacements (roster with replacements only)
    replacement_match: pd.DataFrame | None
    attrition: pd.DataFrame             # R.attrition (started against completed)
    attrition_tests: pd.DataFrame       # R.attrition_test per variable
    attitudes: pd.DataFrame | None      # R.attitudinal (+ wave: the baseline wave used per item)
    public: R.PublicInput | None        # R.public_input
    benchmark: pd.DataFrame             # the benchmark rows of the compared variables (source, year, age_range, note)


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
    groups = cfg["named_groups"] if cfg["named_groups"] is not None else R.DEFAULT_NAMED_GROUPS
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
    cfg["min_cell"] = int(forum.config.get("min_cell_size", 5))
    cfg["seed"] = forum.config.get("seed")
    return cfg


def _column(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def _members(forum) -> tuple[pd.DataFrame | None, str | None]:
    inputs = forum.inputs or {}
    if inputs.get("members") is not None:
        return inputs["members"], "roster"
    if inputs.get("member_counts") is not None:
        return inputs["member_counts"], "counts"
    return None, None


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
    >>> from toolkit.forum import load_forum
    >>> res = analyse(load_forum("surveys/example"))
    >>> res.named_groups.set_index("group").loc["young_people", ["n", "flag"]].tolist()
    [40, 'under']
    >>> analyse(load_forum("surveys/a1r")) is None
    True
    """
    members, form = _members(forum)
    benchmark = (forum.inputs or {}).get("benchmark")
    if members is None or benchmark is None:
        return None
    s = settings(forum)
    thresholds = {k: s[k] for k in ("alpha", "flag_ratio_under", "flag_ratio_over", "flag_diff_pp")}
    comp = R.composition(members, benchmark, stage=s["stage"], **thresholds)
    variables = list(dict.fromkeys(comp["variable"]))
    from toolkit.forum import DEFAULT_BENCHMARKS

    bench_path = (forum.config.get("inputs") or {}).get("benchmark")
    s.update(form=form, variables=variables,
             benchmark_default=bench_path is not None and str(bench_path) == str(DEFAULT_BENCHMARKS["default:nl"]),
             n_members=int(comp["n_total"].iloc[0] + comp["n_missing"].iloc[0]) if len(comp) else 0)
    gof = R.goodness_of_fit(comp, min_expected=s["min_expected"], n_resamples=s["n_resamples"], seed=s["seed"])
    named = R.flag_named_groups(comp, s["named_groups"], **thresholds)
    inter = None
    if form == "roster":
        inter = R.intersections(members, benchmark, s["intersections"], stage=s["stage"], **thresholds)
        inter = inter if len(inter) else None
    quotas = None
    if (forum.inputs or {}).get("quotas") is not None:
        quotas = R.quota_check(comp, forum.inputs["quotas"])
    fun = falloff = None
    if (forum.inputs or {}).get("funnel") is not None:
        fun = R.funnel(forum.inputs["funnel"])
        falloff = R.funnel_falloff(fun) if len(fun) else None
    repl = match = None
    if form == "roster":
        repl = _order(R.replacements(members, variables), comp)
        match = R.replacement_match(members, variables)
        repl, match = (repl, match) if len(match) else (None, None)
    attr = _order(R.attrition(members, variables), comp)
    attr_tests = R.attrition_test(members, variables, min_expected=s["min_expected"], n_resamples=s["n_resamples"],
                                  seed=s["seed"])
    att = None
    reference = (forum.inputs or {}).get("reference_attitudes")
    if reference is not None and len(reference):
        answers = _baseline_answers(forum, reference)
        att = R.attitudinal(answers, reference, alpha=s["alpha"])
        first = answers.groupby("item")["wave"].first() if len(answers) else pd.Series(dtype=str)
        att["wave"] = att["item"].astype(str).map(first)
    public = None
    pub = (forum.inputs or {}).get("public_input")
    if pub is not None:
        # the reader names the parsed date column "date" whatever the file called it
        date_col = "date" if "date" in pub.columns else _column(s["public_input_date_column"])
        pub_vars = [v for v in dict.fromkeys(benchmark["variable"].astype(str))
                    if R.JOINT_SEP not in v and v in pub.columns]
        public = R.public_input(pub, benchmark, pub_vars, date_col=date_col, freq=s["public_input_freq"],
                                **thresholds)
    bench = benchmark[benchmark["variable"].astype(str).isin(variables)].reset_index(drop=True)
    return RepresentativenessResult(s, comp, gof, named, inter, quotas, fun, falloff, repl, match, attr, attr_tests,
                                    att, public, bench)


# ----------------------------------------------------------------------------- key figures
def _plain(value):
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return None if not np.isfinite(value) else float(value)
    return value


def figures(forum) -> dict | None:
    """Key figures for results.json ``representativeness``; None without members or benchmark.

    :func:`toolkit.representativeness.key_figures` (cells with 0 < n < ``min_cell_size``
    suppressed) plus ``settings`` (stage, thresholds, form, n_members, named group definitions),
    ``falloff`` (per stratum the stage where it falls away most, relative to everyone) and
    ``benchmark`` (per variable: source, year, age_range), so the scorecard needs nothing else.
    """
    res = analyse(forum)
    if res is None:
        return None
    s = res.settings
    kf = R.key_figures(res.composition, gof=res.gof, named_groups=res.named_groups, intersections=res.intersections,
                       quotas=res.quotas, funnel=res.funnel, attrition=res.attrition,
                       attrition_tests=res.attrition_tests, replacement_match=res.replacement_match,
                       attitudes=res.attitudes, public=res.public, min_cell=s["min_cell"])
    kf["settings"] = {k: _plain(s[k]) for k in ("stage", "alpha", "flag_ratio_under", "flag_ratio_over", "flag_diff_pp",
                                                 "form", "n_members")}
    kf["settings"]["named_groups"] = s["named_groups"]
    if res.falloff is not None:
        small = _small_funnel_cells(res.funnel, s["min_cell"])
        kf["falloff"] = {}
        for r in res.falloff.itertuples():
            hidden = small.get((r.variable, r.category), set())
            weak_hidden = r.weakest_stage in hidden or _prev_stage(res.funnel, r.weakest_stage) in hidden
            kf["falloff"].setdefault(r.variable, {})[r.category] = {
                "weakest_stage": None if weak_hidden else r.weakest_stage,
                "weakest_rel_rate": None if weak_hidden else _plain(float(r.weakest_rel_rate)),
                "overall_rate": None if hidden else _plain(float(r.overall_rate)),
                "rel_overall_rate": None if hidden else _plain(float(r.rel_overall_rate))}
    tests = res.attrition_tests
    kf["attrition_total"] = ({"n_started": int(tests["n_started"].iloc[0]), "n_dropped": int(tests["n_dropped"].iloc[0])}
                             if len(tests) else None)
    kf["benchmark"] = {v: {"source": _plain(part["source"].iloc[0]) if "source" in part else None,
                           "year": _plain(part["year"].iloc[0]) if "year" in part else None,
                           "age_range": _plain(part["age_range"].iloc[0]) if "age_range" in part else None}
                       for v, part in res.benchmark.groupby("variable", sort=False)}
    return kf


def _small_funnel_cells(funnel: pd.DataFrame, min_cell: int) -> dict:
    small = funnel[(funnel["count"].fillna(0) > 0) & (funnel["count"].fillna(0) < min_cell)]
    out: dict = {}
    for r in small.itertuples():
        out.setdefault((r.variable, r.category), set()).add(r.stage)
    return out


def _prev_stage(funnel: pd.DataFrame, stage) -> str | None:
    stages = list(dict.fromkeys(funnel["stage"]))
    i = stages.index(stage) if stage in stages else 0
    return stages[i - 1] if i > 0 else None


# ----------------------------------------------------------------------------- text
#: Phrases of this section (variable and category names: :data:`toolkit.views_representativeness.LABELS`).
TEXT: dict[str, dict[str, str]] = {
    "title": {"nl": "Representativiteit", "en": "Representativeness"},
    "none": {"nl": "Dit forum levert geen gegevens over representativiteit aan (geen ledenbestand of aantallen per "
                   "categorie), dus deze sectie blijft leeg.",
             "en": "This forum supplies no representativeness data (no member roster or counts per category), so "
                   "this section is empty."},
    "intro": {"nl": "Was het forum een doorsnede van de samenleving, en waar vielen welke groepen af? Deze sectie "
                    "vergelijkt de {n} forumleden die {stage} met de bevolking (de bronnen van de bevolkingscijfers staan "
                    "onder de tabel van verschillen), volgt de werving van brief tot laatste sessie en vergelijkt de "
                    "opvattingen van de leden bij de start met een landelijk onderzoek.",
              "en": "Was the forum a cross-section of society, and where did which groups fall away? This section "
                    "compares the {n} forum members who {stage} with the population (the sources of the population "
                    "figures are below the table of gaps), follows recruitment from letter to last session, and compares members' views "
                    "at the start with a national survey."},
    "stage_drawn": {"nl": "werden geloot", "en": "were drawn"},
    "stage_started": {"nl": "aan de eerste sessie begonnen", "en": "came to the first session"},
    "stage_completed": {"nl": "het forum afrondden", "en": "completed the forum"},
    "findings": {"nl": "Kernbevindingen", "en": "Key findings"},
    "gaps": {"nl": "Verschillen met de bevolking", "en": "Gaps against the population"},
    "gaps_intro": {"nl": "Per groep het aandeel in het forum (met 95%-interval) tegenover het aandeel in de bevolking. "
                         "Een groep heet ondervertegenwoordigd als haar aandeel in het forum kleiner is dan {under} keer "
                         "haar aandeel in de bevolking, en oververtegenwoordigd boven {over} keer. De aandachtsgroepen "
                         "uit de kabinetsbrief van 17 maart 2023 staan bovenaan, daarna de groepen met een oordeel, "
                         "grootste verschil eerst.",
                   "en": "Per group its share in the forum (with 95% interval) against its share in the population. A "
                         "group is called under-represented when its forum share is below {under} times its population "
                         "share, over-represented above {over} times. The priority groups of the Dutch government's "
                         "letter of 17 March 2023 come first, then the flagged groups, largest gap first."},
    "cap_findings": {"nl": "Kernbevindingen over de representativiteit", "en": "Key findings on representativeness"},
    "cap_gaps": {"nl": "Verschillen tussen forum en bevolking, aandachtsgroepen en afwijkende groepen eerst",
                 "en": "Gaps between forum and population, priority groups and flagged groups first"},
    "coverage": {"nl": "Waar de bevolkingscijfers over gaan", "en": "What the population figures cover"},
    "coverage_intro": {"nl": "Geen van de gebruikte tabellen beschrijft precies de volwassenen uit wie het forum werd "
                             "geloot: let op het jaar en de leeftijden die elk cijfer dekt.",
                       "en": "None of the tables used describes exactly the adults the forum was drawn from: note the "
                             "year and the ages each figure covers."},
    "cap_coverage": {"nl": "Bronnen van de bevolkingscijfers", "en": "Sources of the population figures"},
    "per_variable": {"nl": "Samenstelling per kenmerk", "en": "Composition per characteristic"},
    "per_variable_intro": {"nl": "Elke stip is het aandeel in het forum, de balk eromheen het 95%-interval; het zwarte "
                                 "streepje is het aandeel in de bevolking. Ligt het streepje buiten de balk, dan is het "
                                 "verschil groter dan toeval bij een forum van deze omvang verklaart.",
                           "en": "Each dot is the share in the forum, the bar around it the 95% interval; the black tick "
                                 "is the share in the population. A tick outside the bar means the gap is larger than "
                                 "chance explains for a forum of this size."},
    "left_out": {"nl": "Niet getoond (minder dan {n} leden): {x}.", "en": "Not shown (fewer than {n} members): {x}."},
    "gof": {"nl": "Toets per kenmerk", "en": "Test per characteristic"},
    "gof_intro": {"nl": "Wijkt de samenstelling naar een kenmerk als geheel af van de bevolking? De toets vergelijkt "
                        "de aantallen met wat bij de bevolkingsaandelen te verwachten is (chi-kwadraat; exact of "
                        "Monte-Carlo als een verwacht aantal onder {m} ligt). Cohens w is de grootte van de afwijking "
                        "(0,1 klein, 0,3 middelgroot, 0,5 groot); het verschil in samenstelling is het deel van het "
                        "forum dat van groep zou moeten wisselen om de bevolking te weerspiegelen.",
                  "en": "Does the composition by a characteristic as a whole differ from the population? The test "
                        "compares the counts with those expected from the population shares (chi-square; exact or "
                        "Monte Carlo when an expected count is below {m}). Cohen's w is the size of the deviation (0.1 "
                        "small, 0.3 medium, 0.5 large); the composition gap is the share of the forum that would have "
                        "to change group to mirror the population."},
    "cap_gof": {"nl": "Toets van de samenstelling tegen de bevolking, per kenmerk",
                "en": "Test of the composition against the population, per characteristic"},
    "intersections": {"nl": "Combinaties van kenmerken", "en": "Combinations of characteristics"},
    "cap_intersections": {"nl": "Verschillen voor combinaties van twee kenmerken", "en": "Gaps for combinations of two characteristics"},
    "quotas": {"nl": "Quota van de organisator", "en": "The organiser's quotas"},
    "quota_line": {"nl": "{k} van de {n} quota zijn gehaald.", "en": "{k} of {n} quotas were met."},
    "quota_intro": {"nl": "De organisator loot met minimum- en maximumaantallen per groep (quota). Getoond is het aantal "
                          "leden dat {stage} tegen die grenzen.",
                    "en": "The organiser drew with minimum and maximum numbers of seats per group (quotas). Shown is the "
                          "number of members who {stage} against those bounds."},
    "cap_quotas": {"nl": "Quota: gehaald of niet, niet gehaalde eerst", "en": "Quotas: met or not, unmet first"},
    "funnel": {"nl": "Werving: waar vallen groepen af?", "en": "Recruitment: where do groups fall away?"},
    "funnel_intro": {"nl": "Van de verstuurde brieven tot de laatste sessie: eerst het aantal mensen per fase, daarna per "
                           "kenmerk het aandeel van elke groep in elke fase. Een dalende lijn betekent dat die groep in "
                           "die fase meer afvalt dan gemiddeld.",
                     "en": "From the letters sent to the last session: first the number of people at each stage, then per "
                           "characteristic each group's share at each stage. A falling line means that group falls away "
                           "more than average at that stage."},
    "funnel_note": {"nl": "Toelichting in het wervingsbestand: {x}", "en": "Note in the funnel file: {x}"},
    "falloff_intro": {"nl": "Per groep de stap waar zij het meest afvalt: de kans om die stap te halen, als percentage "
                            "van de kans voor iedereen (100% = gemiddeld), en het aantal dat het forum afrondde per "
                            "1.000 verstuurde brieven.",
                      "en": "Per group the step where it falls away most: the chance of passing that step, as a "
                            "percentage of everyone's chance (100% = average), and the number who completed the forum "
                            "per 1,000 letters sent."},
    "cap_falloff": {"nl": "Waar elke groep het meest afvalt", "en": "Where each group falls away most"},
    "falloff_none": {"nl": "Geen groep valt bij één stap duidelijk meer af dan gemiddeld (steeds minstens 80% van de "
                           "gemiddelde kans).",
                     "en": "No group falls away clearly more than average at any single step (always at least 80% of "
                           "the average chance)."},
    "falloff_some": {"nl": "Het meest vallen af: {x}.", "en": "Falling away most: {x}."},
    "falloff_item": {"nl": "{g} {s} ({r} van de gemiddelde kans)",
                     "en": "{g} {s} ({r} of the average chance)"},
    "replacements": {"nl": "Vervanging van leden", "en": "Replacement of members"},
    "repl_line": {"nl": "{n} geloten leden haakten vóór de start af en werden vervangen. Per kenmerk had de vervanger "
                        "in {lo} ({vlo}) tot {hi} ({vhi}) van de gevallen hetzelfde kenmerk als wie hij of zij verving.",
                  "en": "{n} drawn members withdrew before the start and were replaced. Per characteristic, the "
                        "replacement had the same value as the person replaced in {lo} ({vlo}) to {hi} ({vhi}) of "
                        "cases."},
    "cap_repl_match": {"nl": "Vervangers met hetzelfde kenmerk als het vervangen lid", "en": "Replacements matching the member they replaced"},
    "cap_repl": {"nl": "Wie werd vervangen en door wie, per groep", "en": "Who was replaced and by whom, per group"},
    "attrition": {"nl": "Uitval tijdens het forum", "en": "Drop-out during the forum"},
    "attr_line": {"nl": "Van de {n} leden die begonnen, rondden {k} het forum niet af ({r}).",
                  "en": "Of the {n} members who started, {k} did not complete the forum ({r})."},
    "attr_same": {"nl": "De uitval verschilde niet duidelijk tussen groepen (kleinste p bij {v}: {p}).",
                  "en": "Drop-out did not clearly differ between groups (smallest p, for {v}: {p})."},
    "attr_diff": {"nl": "De uitval verschilde duidelijk naar {v} ({p}).", "en": "Drop-out differed clearly by {v} ({p})."},
    "attr_none": {"nl": "Niemand viel uit.", "en": "Nobody dropped out."},
    "cap_attr": {"nl": "Samenstelling bij de start en aan het eind, en uitval per groep",
                 "en": "Composition at the start and at the end, and drop-out per group"},
    "cap_attr_test": {"nl": "Toets of de uitval verschilt tussen groepen, per kenmerk",
                      "en": "Test whether drop-out differs between groups, per characteristic"},
    "attitudes": {"nl": "Opvattingen bij de start", "en": "Views at the start"},
    "att_intro": {"nl": "Dachten de leden bij de start (meting: {w}) anders dan Nederland? Per opvatting het aandeel leden dat "
                        "haar deelde tegenover het aandeel in het referentie-onderzoek ({src}).",
                  "en": "Did members think differently from the Netherlands at the start (wave: {w})? Per view the share of "
                        "members holding it against the share in the reference survey ({src})."},
    "cap_att": {"nl": "Opvattingen van de leden bij de start tegenover het referentie-onderzoek",
                "en": "Members' views at the start against the reference survey"},
    "public": {"nl": "Inbreng van het bredere publiek", "en": "Input from the wider public"},
    "public_line": {"nl": "{n} inzendingen van {a} tot en met {b}{nd}. Wie meedoet aan een open consultatie kiest daar "
                          "zelf voor: vergelijk de samenstelling met de bevolking, maar lees de intervallen niet als "
                          "die van een steekproef.",
                    "en": "{n} submissions from {a} to {b}{nd}. People who take part in an open consultation choose to "
                          "do so: compare the composition with the population, but do not read the intervals as those "
                          "of a sample."},
    "public_nodate": {"nl": " ({n} zonder datum)", "en": " ({n} without a date)"},
    "cap_public": {"nl": "Samenstelling van de inzenders (wie het kenmerk opgaf) tegenover de bevolking",
                   "en": "Composition of those who submitted (who gave the characteristic) against the population"},
    "suppressed": {"nl": "Aantallen kleiner dan {n} zijn niet getoond (‘<{n}’), net als de cijfers die ervan zijn afgeleid.",
                   "en": "Counts below {n} are not shown (‘<{n}’), nor are the figures derived from them."},
    # scorecard
    "topic_groups": {"nl": "Aandachtsgroepen", "en": "Priority groups"},
    "topic_comp": {"nl": "Samenstelling", "en": "Composition"},
    "topic_quotas": {"nl": "Quota", "en": "Quotas"},
    "topic_funnel": {"nl": "Werving", "en": "Recruitment"},
    "topic_attr": {"nl": "Uitval tijdens het forum", "en": "Drop-out during the forum"},
    "groups_under": {"nl": "Ondervertegenwoordigd: {x}.", "en": "Under-represented: {x}."},
    "groups_none": {"nl": "Geen aandachtsgroep ondervertegenwoordigd ({x}).", "en": "No priority group under-represented ({x})."},
    "group_gap": {"nl": "{g} {a} (bevolking {b}; {d})", "en": "{g} {a} (population {b}; {d})"},
    "comp_line": {"nl": "Grootste verschil: {c} ({v}), {a} in het forum tegenover {b} in de bevolking ({d}); {k} van de {n} "
                        "kenmerken wijken als geheel duidelijk af.",
                  "en": "Largest gap: {c} ({v}), {a} in the forum against {b} in the population ({d}); {k} of {n} "
                        "characteristics differ clearly as a whole."},
    "quota_unmet": {"nl": "{k} van de {n} quota gehaald; het verst ernaast: {x}.", "en": "{k} of {n} quotas met; furthest off: {x}."},
    "quota_all": {"nl": "Alle {n} quota gehaald.", "en": "All {n} quotas met."},
    "quota_below": {"nl": "{c} ({g} te weinig)", "en": "{c} ({g} too few)"},
    "quota_above": {"nl": "{c} ({g} te veel)", "en": "{c} ({g} too many)"},
    "funnel_line": {"nl": "{l} brieven, {r} aanmeldingen ({rr}), {s} leden begonnen.",
                    "en": "{l} letters, {r} registrations ({rr}), {s} members started."},
    "funnel_weak": {"nl": " Het meest vielen af: {x}.", "en": " Falling away most: {x}."},
    "named_def": {"nl": "Aandachtsgroepen: {x}.", "en": "Priority groups: {x}."},
    # table headers
    "col_topic": {"nl": "Onderwerp", "en": "Topic"},
    "col_finding": {"nl": "Bevinding", "en": "Finding"},
    "col_diff_pp": {"nl": "Verschil (procentpunt)", "en": "Difference (percentage points)"},
    "col_shift_pp": {"nl": "Verschuiving (procentpunt)", "en": "Shift (percentage points)"},
    "col_chi_df": {"nl": "X² (vrijheidsgraden)", "en": "X² (degrees of freedom)"},
    "col_var": {"nl": "Kenmerk", "en": "Characteristic"},
    "col_source": {"nl": "Bron (tabel)", "en": "Source (table)"},
    "col_year": {"nl": "Jaar", "en": "Year"},
    "col_ages": {"nl": "Leeftijden", "en": "Ages"},
    "col_note": {"nl": "Wat het cijfer dekt", "en": "What the figure covers"},
    "col_test": {"nl": "Toets", "en": "Test"},
    "col_p": {"nl": "p", "en": "p"},
    "col_w": {"nl": "Cohens w", "en": "Cohen's w"},
    "col_tvd": {"nl": "Verschil in samenstelling", "en": "Composition gap"},
    "col_gof_verdict": {"nl": "Wijkt als geheel af?", "en": "Differs as a whole?"},
    "col_attr_verdict": {"nl": "Verschilt de uitval?", "en": "Does drop-out differ?"},
    "col_group": {"nl": "Groep", "en": "Group"},
    "col_members": {"nl": "Leden", "en": "Members"},
    "col_min": {"nl": "Minimum", "en": "Minimum"},
    "col_max": {"nl": "Maximum", "en": "Maximum"},
    "col_status": {"nl": "Quotum", "en": "Quota"},
    "col_short": {"nl": "Tekort (−) of overschot (+)", "en": "Short (−) or over (+)"},
    "col_weak": {"nl": "Grootste terugval bij de stap", "en": "Falls away most at the step"},
    "col_weak_rate": {"nl": "Kans bij die stap (% van gemiddeld)", "en": "Chance at that step (% of average)"},
    "col_per1000": {"nl": "Afgerond per 1.000 brieven", "en": "Completed per 1,000 letters"},
    "col_rel_overall": {"nl": "Van brief tot afgerond (% van gemiddeld)", "en": "Letter to completed (% of average)"},
    "col_replaced": {"nl": "Vervangen (afgehaakt)", "en": "Replaced (withdrew)"},
    "col_replacing": {"nl": "Vervanger", "en": "Replacement"},
    "col_net": {"nl": "Netto", "en": "Net"},
    "col_pairs": {"nl": "Vervangingen", "en": "Replacements"},
    "col_same": {"nl": "Zelfde kenmerk", "en": "Same value"},
    "col_started": {"nl": "Begonnen", "en": "Started"},
    "col_completed": {"nl": "Afgerond", "en": "Completed"},
    "col_share_started": {"nl": "Aandeel bij start", "en": "Share at start"},
    "col_share_completed": {"nl": "Aandeel aan het eind", "en": "Share at end"},
    "col_dropout": {"nl": "Uitval", "en": "Drop-out rate"},
    "col_v": {"nl": "Cramérs V", "en": "Cramér's V"},
    "col_statement": {"nl": "Stelling", "en": "Statement"},
    "col_view": {"nl": "Opvatting (referentie-onderzoek)", "en": "View (reference survey)"},
    "counts_as": {"nl": "antwoord {x}", "en": "answer {x}"},
    "col_forum_ci": {"nl": "Leden (95%-interval)", "en": "Members (95% interval)"},
    "att_note": {"nl": "Toets: {x}, die ook de onzekerheid van het referentie-onderzoek meeneemt (n = {n}).",
                 "en": "Test: {x}, which also accounts for the uncertainty of the reference survey (n = {n})."},
    "att_note_binom": {"nl": "Toets: {x} tegen het aandeel in het referentie-onderzoek (omvang onbekend).",
                       "en": "Test: {x} against the share in the reference survey (its size unknown)."},
    "col_ref": {"nl": "Referentie", "en": "Reference"},
    "col_diff": {"nl": "Verschil", "en": "Difference"},
    "col_n_ans": {"nl": "Antwoorden leden", "en": "Members answering"},
    # codes
    "met": {"nl": "gehaald", "en": "met"}, "below": {"nl": "te weinig", "en": "too few"},
    "above": {"nl": "te veel", "en": "too many"},
    "chi2": {"nl": "chi-kwadraat", "en": "chi-square"}, "exact": {"nl": "exact (multinomiaal)", "en": "exact (multinomial)"},
    "monte_carlo": {"nl": "Monte-Carlo", "en": "Monte Carlo"},
    "fisher_exact": {"nl": "Fisher exact", "en": "Fisher exact"},
    "fisher_monte_carlo": {"nl": "Fisher exact (Monte-Carlo)", "en": "Fisher exact (Monte Carlo)"},
    "binomial": {"nl": "binomiaal", "en": "binomial"}, "two_proportion_z": {"nl": "z-toets voor twee aandelen", "en": "two-proportion z-test"},
    "not applicable": {"nl": "niet van toepassing", "en": "not applicable"},
    "yes_clear": {"nl": "ja, duidelijk", "en": "yes, clearly"}, "no": {"nl": "niet duidelijk", "en": "not clearly"},
    "size_0": {"nl": "verwaarloosbaar", "en": "negligible"}, "size_1": {"nl": "klein", "en": "small"},
    "size_2": {"nl": "middelgroot", "en": "medium"}, "size_3": {"nl": "groot", "en": "large"},
    "all_ages": {"nl": "alle leeftijden", "en": "all ages"},
    "ages_plus": {"nl": "{a} jaar en ouder", "en": "aged {a} and over"},
    "ages_range": {"nl": "{a} tot en met {b} jaar", "en": "aged {a} to {b}"},
    "step": {"nl": "tussen {a} en {b}", "en": "between {a} and {b}"},
    "step_short": {"nl": "{a} → {b}", "en": "{a} → {b}"},
}


def t(key: str, lang: str, **kw) -> str:
    """A phrase of :data:`TEXT` in `lang`, filled in (:func:`toolkit.i18n.tr` on this section's table)."""
    return tr(key, lang, TEXT, **kw)


def _view():
    from toolkit import views_representativeness as vr  # matplotlib only when tables/labels are asked for

    return vr


def var_label(code, lang: str) -> str:
    """A variable or category code in words (``education`` -> ``opleidingsniveau``)."""
    return _view().label(code, lang)


def group_label(group: str, lang: str, categories: str | None = None, variable: str | None = None) -> str:
    """A named group in words, with its categories: ``jongeren (18-39-jarigen)``."""
    vr = _view()
    key = f"group_{group}"
    name = vr.tr(key, lang, vr.LABELS) if key in vr.LABELS else str(group).replace("_", " ")
    if categories:
        cats = [vr.label(c, lang) for c in str(categories).split("|")]
        joiner = " en " if lang == "nl" else " and "
        name += f" ({joiner.join([', '.join(cats[:-1]), cats[-1]] if len(cats) > 1 else cats)})"
    return name


def _ok(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x)) and x is not pd.NA


def _small(n, min_cell: int | None) -> bool:
    return bool(min_cell) and _ok(n) and 0 < n < min_cell


def _count(n, lang: str, min_cell: int | None) -> str:
    if not _ok(n):
        return "–"
    return f"<{min_cell}" if _small(n, min_cell) else fmt_int(n, lang)


def has_suppressed(df: pd.DataFrame | None, min_cell: int) -> bool:
    """Whether a display table shows a "<min_cell" cell (then print the suppression note)."""
    if df is None or df.empty:
        return False
    return bool(df.astype(str).eq(f"<{min_cell}").any().any())


# ----------------------------------------------------------------------------- scorecard and data links
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
    """``forum -> data_links(figures(forum))``: register in :data:`toolkit.sections.follow_up.LINK_PROVIDERS`."""
    kf = figures(forum)
    return {} if kf is None else {k: v for k, v in data_links(kf).items() if v is not None}


def scorecard_lines(kf: dict, lang: str) -> list[tuple[str, str]]:
    """Summary lines (topic, finding), computed only from the key figures ``kf`` (results.json).

    Examples
    --------
    >>> kf = {"variables": {}, "named_groups": {"young_people": {"variable": "age_group", "categories": "18-39",
    ...        "share": 0.23, "pop_share": 0.32, "diff_pp": -9.1, "flag": "under"}}}
    >>> scorecard_lines(kf, "en")
    [('Priority groups', 'Under-represented: young people 23% (population 32%; −9 percentage points).')]
    """
    out = []
    named = _named(kf)
    if named:
        def gap(g, v):
            return t("group_gap", lang, g=group_label(g, lang), a=fmt_pct(v["share"], lang),
                     b=fmt_pct(v["pop_share"], lang), d=fmt_pp(v["diff_pp"] / 100, lang))
        under = sorted([(g, v) for g, v in named if v.get("flag") == "under"], key=lambda gv: gv[1]["diff_pp"])
        if under:
            out.append((t("topic_groups", lang), t("groups_under", lang, x="; ".join(gap(g, v) for g, v in under))))
        else:
            out.append((t("topic_groups", lang), t("groups_none", lang, x="; ".join(gap(g, v) for g, v in named))))
    cells = list(_cells(kf))
    if cells:
        var, cat, c = max(cells, key=lambda x: abs(x[2]["diff_pp"]))
        gofs = [b["gof"] for b in (kf.get("variables") or {}).values() if b.get("gof") and _ok(b["gof"].get("p"))]
        out.append((t("topic_comp", lang), t("comp_line", lang, c=var_label(cat, lang), v=var_label(var, lang),
                                             a=fmt_pct(c["share"], lang), b=fmt_pct(c["pop_share"], lang),
                                             d=fmt_pp(c["diff_pp"] / 100, lang),
                                             k=sum(g["p"] < 0.05 for g in gofs), n=len(gofs))))
    q = kf.get("quotas")
    if q and q.get("n_quotas"):
        if q["unmet"]:
            far = sorted([u for u in q["unmet"] if u["status"] in ("below", "above") and _ok(u.get("gap"))],
                         key=lambda u: -abs(u["gap"]))[:2]
            items = "; ".join(t(f"quota_{u['status']}", lang, c=var_label(u["category"], lang),
                                g=fmt_int(abs(u["gap"]), lang)) for u in far)
            out.append((t("topic_quotas", lang), t("quota_unmet", lang, k=q["n_met"], n=q["n_quotas"], x=items)))
        else:
            out.append((t("topic_quotas", lang), t("quota_all", lang, n=q["n_quotas"])))
    fun = kf.get("funnel")
    if fun and fun.get("total"):
        tot = fun["total"]
        stages = [st for st in (fun.get("stages") or list(tot)) if st in tot]  # JSON objects keep no order
        first = stages[0]
        reg = tot.get("registrations") or {}
        start = tot.get("started") or tot[stages[-1]]
        line = t("funnel_line", lang, l=fmt_int(tot[first]["count"], lang), r=fmt_int(reg.get("count"), lang),
                 rr=fmt_pct(reg.get("rate_prev"), lang, 1), s=fmt_int(start.get("count"), lang))
        weak = _weak_strata(kf.get("falloff") or {}, n=2)
        if weak:
            line += t("funnel_weak", lang, x="; ".join(
                t("falloff_item", lang, g=var_label(c, lang), s=_step(st, fun["stages"], lang), r=fmt_pct(r, lang))
                for _, c, st, r in weak))
        out.append((t("topic_funnel", lang), line))
    attr = kf.get("attrition")
    if attr:
        line = attrition_sentence(kf, lang)
        if line:
            out.append((t("topic_attr", lang), line))
    return out


def _weak_strata(falloff: dict, n: int | None = None, threshold: float = 0.8) -> list[tuple]:
    rows = [(v, c, r["weakest_stage"], r["weakest_rel_rate"]) for v, cats in falloff.items() for c, r in cats.items()
            if _ok(r.get("weakest_rel_rate")) and r["weakest_rel_rate"] < threshold]
    rows.sort(key=lambda x: x[3])
    return rows[:n] if n else rows


def _step(stage: str, stages: list[str], lang: str, key: str = "step") -> str:
    i = stages.index(stage) if stage in stages else 0
    prev = stages[i - 1] if i > 0 else stage
    return t(key, lang, a=var_label(prev, lang), b=var_label(stage, lang))


def attrition_sentence(kf: dict, lang: str) -> str | None:
    """"Of the 175 members who started, 12 did not complete (7%). Drop-out did not clearly differ..." from kf."""
    attr = kf.get("attrition") or {}
    if not attr:
        return None
    total = kf.get("attrition_total") or {}
    n, k = total.get("n_started"), total.get("n_dropped")
    if not (_ok(n) and _ok(k)):
        return None
    line = t("attr_line", lang, n=fmt_int(n, lang), k=fmt_int(k, lang), r=fmt_pct(k / n if n else None, lang))
    if k == 0:
        return line + " " + t("attr_none", lang)
    tests = [(v, b["attrition_test"]) for v, b in (kf.get("variables") or {}).items()
             if b.get("attrition_test") and _ok(b["attrition_test"].get("p"))]
    if tests:
        clear = [(v, tt) for v, tt in tests if tt["p"] < 0.05]
        if clear:
            line += " " + t("attr_diff", lang, v=", ".join(var_label(v, lang) for v, _ in clear),
                            p=", ".join(fmt_p(tt["p"], lang) for _, tt in clear))
        else:
            v, tt = min(tests, key=lambda x: x[1]["p"])
            line += " " + t("attr_same", lang, v=var_label(v, lang), p=fmt_p(tt["p"], lang))
    return line


# ----------------------------------------------------------------------------- display tables
def publishable(table: pd.DataFrame | None, min_cell: int) -> pd.DataFrame | None:
    """A composition-like table with cells 0 < n < `min_cell` blanked (for figures)."""
    if table is None:
        return None
    return R.suppress_small_cells(table, min_cell)


def _nb(text: str) -> str:
    """Keep a short value on one line in a table cell (non-breaking spaces)."""
    return str(text).replace(" ", "\u00a0")


def _pp_num(x, lang: str, digits: int = 0) -> str:
    """A signed difference in percentage points without the unit (the unit is in the header)."""
    return fmt_pp(x, lang, digits).split(" ")[0] if _ok(x) else "–"


def _tidy_gaps(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """gaps_table with the unit in the header of the difference and intervals kept on one line."""
    vr = _view()
    diff, ci = vr.label("col_diff", lang), vr.label("col_ci", lang)
    out = table.copy()
    out[diff] = [v.split(" ")[0] if v else v for v in out[diff]]
    out[ci] = [_nb(v) for v in out[ci]]
    out[vr.label("col_flag", lang)] = [_nb(v).replace("-", "\u2011") for v in out[vr.label("col_flag", lang)]]
    return out.rename(columns={diff: t("col_diff_pp", lang)})


def findings_table(kf: dict, lang: str) -> pd.DataFrame:
    """The scorecard lines as a two-column table (topic, finding)."""
    lines = scorecard_lines(kf, lang)
    return pd.DataFrame({t("col_topic", lang): [a for a, _ in lines], t("col_finding", lang): [b for _, b in lines]})


def gaps_display(res: RepresentativenessResult, lang: str) -> pd.DataFrame:
    """Named groups first (under-represented first), then every category (flagged first), formatted."""
    vr = _view()
    mc = res.settings["min_cell"]
    named = res.named_groups.assign(group=[group_label(g, lang) for g in res.named_groups["group"]])
    return _tidy_gaps(pd.concat([vr.gaps_table(named, lang, mc), vr.gaps_table(res.composition, lang, mc)],
                                ignore_index=True), lang)


def named_definitions(res: RepresentativenessResult, lang: str) -> str | None:
    """"Priority groups: young people = 18-39-year-olds; ..." (the categories each named group adds up)."""
    if res.named_groups is None or res.named_groups.empty:
        return None
    joiner = " en " if lang == "nl" else " and "
    parts = []
    for g, cats in zip(res.named_groups["group"], res.named_groups["categories"]):
        names = [var_label(c, lang) for c in str(cats).split("|")]
        parts.append(f"{group_label(g, lang)} = " + (", ".join(names[:-1]) + joiner + names[-1] if len(names) > 1
                                                      else names[0]))
    return t("named_def", lang, x="; ".join(parts))


def _ages(age_range, lang: str) -> str:
    s = str(age_range).strip() if _ok(age_range) else ""
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


#: What each figure of the shipped Dutch benchmark covers (docs/representativeness.md), in nl and en.
DEFAULT_NL_NOTES: dict[str, dict[str, str]] = {
    "gender": {"nl": "Mannen en vrouwen van alle leeftijden (ook kinderen) op 1 januari 2023, niet alleen volwassenen.",
               "en": "Men and women of all ages (children included) on 1 January 2023, not adults only."},
    "age_group": {"nl": "Aandeel van de bevolking van 20 jaar en ouder op 1 januari 2019. De groep 18-39 dekt alleen "
                        "20-39 jaar: 18- en 19-jarigen ontbreken.",
                  "en": "Share of the population aged 20 and over on 1 January 2019. The group 18-39 covers ages "
                        "20-39 only: 18- and 19-year-olds are missing."},
    "migration_background": {"nl": "Alle leeftijden (ook kinderen) op 1 januari 2018, in de toenmalige CBS-indeling "
                                   "westers/niet-westers (die het CBS inmiddels heeft vervangen).",
                             "en": "All ages (children included) on 1 January 2018, in CBS's former westers/niet-westers "
                                   "classification (since replaced by CBS)."},
    "education": {"nl": "Hoogst behaald niveau, 15-75 jaar (niet 18+), 2022 (voorlopig); laag = CBS-niveaus 11+12, "
                        "middelbaar = 21, hoog = 31+32.",
                  "en": "Highest level attained, ages 15-75 (not 18+), 2022 (provisional); lower = CBS levels 11+12, "
                        "intermediate = 21, higher = 31+32."},
    "region": {"nl": "Bevolking van 15-75 jaar in de vier landsdelen, 2022.",
               "en": "Population aged 15-75 in the four landsdelen (parts of the country), 2022."},
}


def coverage_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame:
    """Per compared variable: the benchmark's source table, year, ages covered and what the figure covers.

    For the shipped Dutch benchmark the note is :data:`DEFAULT_NL_NOTES` in the report's language; for
    a benchmark of one's own, the first category's ``note`` from the file.
    """
    rows = []
    for var, part in res.benchmark.groupby("variable", sort=False):
        first = part.iloc[0]
        notes = [str(x) for x in part.get("note", pd.Series(dtype=str)).dropna() if str(x).strip()]
        note = (DEFAULT_NL_NOTES[var][lang] if res.settings.get("benchmark_default") and var in DEFAULT_NL_NOTES
                else notes[0] if notes else "–")
        rows.append({t("col_var", lang): var_label(var, lang).capitalize(),
                     t("col_source", lang): str(first["source"]) if _ok(first.get("source")) else "–",
                     t("col_year", lang): str(int(first["year"])) if _ok(first.get("year")) else "–",
                     t("col_ages", lang): _ages(first.get("age_range"), lang),
                     t("col_note", lang): note})
    return pd.DataFrame(rows)


def _p(p, lang: str) -> str:
    """A p-value for a column headed "p": "0,032" or "< 0,001"."""
    s = fmt_p(p, lang)
    return s[4:] if s.startswith("p = ") else s[2:] if s.startswith("p <") else s


def _effect_size(w) -> str:
    if not _ok(w):
        return "size_0"
    return "size_0" if w < 0.1 else "size_1" if w < 0.3 else "size_2" if w < 0.5 else "size_3"


def gof_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame:
    """Goodness of fit per variable: test, X² (df), p, Cohen's w with its size, composition gap, verdict."""
    rows = []
    for r in res.gof.itertuples():
        rows.append({t("col_var", lang): var_label(r.variable, lang).capitalize(),
                     t("col_test", lang): _nb(t(r.method, lang)).replace("-", "\u2011"),
                     t("col_chi_df", lang): _nb(f"{fmt_num(r.statistic, lang, 2)} ({fmt_int(r.df, lang)})"),
                     t("col_p", lang): _nb(_p(r.p, lang)),
                     t("col_w", lang): _nb(f"{fmt_num(r.cohens_w, lang, 2)} ({t(_effect_size(r.cohens_w), lang)})"),
                     t("col_tvd", lang): fmt_pct(r.tvd, lang),
                     t("col_gof_verdict", lang): _nb(t("yes_clear" if _ok(r.p) and r.p < 0.05 else "no", lang))})
    return pd.DataFrame(rows)


def intersections_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame | None:
    """Gaps for two-way groups (flagged first), or None."""
    if res.intersections is None:
        return None
    vr = _view()
    inter = res.intersections.copy()
    inter["category"] = [" × ".join(vr.label(c, lang) for c in str(cat).split(R.JOINT_SEP)) for cat in inter["category"]]
    inter["variable"] = [" × ".join(vr.label(v, lang) for v in str(var).split(R.JOINT_SEP)) for var in inter["variable"]]
    return _tidy_gaps(vr.gaps_table(inter, lang, res.settings["min_cell"]), lang)


def quota_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame | None:
    """Quotas, unmet first: group, members, min, max, status, gap."""
    if res.quotas is None:
        return None
    mc = res.settings["min_cell"]
    q = res.quotas.assign(_unmet=~res.quotas["met"]).sort_values("_unmet", ascending=False, kind="stable")
    return pd.DataFrame({
        t("col_group", lang): [_view().category_name(v, c, lang) for v, c in zip(q["variable"], q["category"])],
        t("col_members", lang): [_count(n, lang, mc) for n in q["n"]],
        t("col_min", lang): [fmt_int(x, lang) if _ok(x) else "–" for x in q["min"]],
        t("col_max", lang): [fmt_int(x, lang) if _ok(x) else "–" for x in q["max"]],
        t("col_status", lang): [_nb(t(s, lang)) for s in q["status"]],
        t("col_short", lang): ["" if _small(n, mc) else ("0" if g == 0 else fmt_num(g, lang, 0) if g < 0 else "+" + fmt_int(g, lang))
                               for n, g in zip(q["n"], q["gap"])],
    })


def falloff_table(res: RepresentativenessResult, lang: str, kf: dict) -> pd.DataFrame | None:
    """Per stratum: the step where it falls away most and its chance there, completed per 1,000 letters."""
    fall = (kf or {}).get("falloff")
    if not fall or res.funnel is None:
        return None
    stages = list(dict.fromkeys(res.funnel["stage"]))
    rows = []
    for var, cats in fall.items():
        for cat, r in cats.items():
            per1000 = r["overall_rate"] * 1000 if _ok(r.get("overall_rate")) and stages[0] == "letters" else None
            rows.append({t("col_group", lang): _view().category_name(var, cat, lang),
                         t("col_weak", lang): _step(r["weakest_stage"], stages, lang, "step_short")
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
    stages = list(dict.fromkeys(res.funnel["stage"]))
    weak = _weak_strata(fall)
    if not weak:
        return [t("falloff_none", lang)]
    return [t("falloff_some", lang, x="; ".join(
        t("falloff_item", lang, g=var_label(c, lang), s=_step(s, stages, lang), r=fmt_pct(r, lang))
        for _, c, s, r in weak))]


def replacement_match_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame | None:
    """Per variable: replacements and the share matching the member they replaced."""
    if res.replacement_match is None:
        return None
    m = res.replacement_match
    return pd.DataFrame({t("col_var", lang): [var_label(v, lang).capitalize() for v in m["variable"]],
                         t("col_pairs", lang): [fmt_int(n, lang) for n in m["n_pairs"]],
                         t("col_same", lang): [fmt_pct(s, lang) for s in m["share_same"]]})


def replacement_sentence(res: RepresentativenessResult, lang: str) -> str | None:
    """How many were replaced, and the range of the matching share over the variables."""
    m = res.replacement_match
    if m is None or m.empty:
        return None
    lo, hi = m.loc[m["share_same"].idxmin()], m.loc[m["share_same"].idxmax()]
    return t("repl_line", lang, n=fmt_int(m["n_pairs"].max(), lang), lo=fmt_pct(lo["share_same"], lang),
             vlo=var_label(lo["variable"], lang), hi=fmt_pct(hi["share_same"], lang), vhi=var_label(hi["variable"], lang))


def replacement_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame | None:
    """Per category: replaced (withdrew) and replacing; counts below min_cell as "<5", net blank then."""
    if res.replacements is None:
        return None
    mc = res.settings["min_cell"]
    r = res.replacements
    hide = [_small(a, mc) or _small(b, mc) for a, b in zip(r["n_replaced"], r["n_replacing"])]
    return pd.DataFrame({
        t("col_group", lang): [_view().category_name(v, c, lang) for v, c in zip(r["variable"], r["category"])],
        t("col_replaced", lang): [_count(n, lang, mc) for n in r["n_replaced"]],
        t("col_replacing", lang): [_count(n, lang, mc) for n in r["n_replacing"]],
        t("col_net", lang): ["" if h else ("0" if n == 0 else fmt_num(n, lang, 0) if n < 0 else "+" + fmt_int(n, lang))
                             for n, h in zip(r["net"], hide)],
    })


def attrition_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame:
    """Per category: started, completed, share at start and end, shift, drop-out rate (small cells hidden)."""
    mc = res.settings["min_cell"]
    a = res.attrition
    hide = [_small(s, mc) or _small(c, mc) for s, c in zip(a["n_started"], a["n_completed"])]
    return pd.DataFrame({
        t("col_group", lang): [_view().category_name(v, c, lang) for v, c in zip(a["variable"], a["category"])],
        t("col_started", lang): [_count(n, lang, mc) for n in a["n_started"]],
        t("col_completed", lang): [_count(n, lang, mc) for n in a["n_completed"]],
        t("col_share_started", lang): ["" if h else fmt_pct(x, lang) for x, h in zip(a["share_started"], hide)],
        t("col_share_completed", lang): ["" if h else fmt_pct(x, lang) for x, h in zip(a["share_completed"], hide)],
        t("col_shift_pp", lang): ["" if h else _pp_num(x / 100, lang, 1) for x, h in zip(a["diff_pp"], hide)],
        t("col_dropout", lang): ["" if h else fmt_pct(x, lang) for x, h in zip(a["dropout_rate"], hide)],
    })


def attrition_test_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame:
    """Per variable: test of drop-out by group, p, Cramér's V, verdict."""
    rows = []
    for r in res.attrition_tests.itertuples():
        rows.append({t("col_var", lang): var_label(r.variable, lang).capitalize(),
                     t("col_test", lang): _nb(t(r.method, lang)).replace("-", "\u2011"),
                     t("col_p", lang): _nb(_p(r.p, lang)),
                     t("col_v", lang): fmt_num(r.cramers_v, lang, 2),
                     t("col_attr_verdict", lang): _nb(t("yes_clear" if _ok(r.p) and r.p < 0.05 else "no", lang))})
    return pd.DataFrame(rows)


def _item_label(forum, item: str, lang: str) -> str:
    meta = (forum.codebook.get("items") or {}).get(item) or {}
    return cfg_text(meta.get("label", item), lang) if meta else str(item)


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
        return f"{c} ({t('counts_as', lang, x=code)})" if _ok(code) and str(code).strip() else str(c)
    return pd.DataFrame({
        t("col_statement", lang): [_item_label(forum, i, lang) for i in a["item"]],
        t("col_view", lang): [view(i, c) for i, c in zip(a["item"], a["category"])],
        t("col_n_ans", lang): [fmt_int(n, lang) for n in a["n_total"]],
        t("col_forum_ci", lang): [f"{fmt_pct(s_, lang)} {_nb(fmt_ci(lo, hi, lang, pct=True))}"
                                  for s_, lo, hi in zip(a["share"], a["ci_low"], a["ci_high"])],
        t("col_ref", lang): [fmt_pct(s_, lang) for s_ in a["ref_share"]],
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
    return t("att_note", lang, x=tests, n=fmt_int(max(ns), lang) if ns else "–") if ns else t("att_note_binom", lang, x=tests)


def public_table(res: RepresentativenessResult, lang: str) -> pd.DataFrame | None:
    """Composition of the wider public's submissions against the population (flagged first)."""
    if res.public is None:
        return None
    vr = _view()
    table = _tidy_gaps(vr.gaps_table(res.public.composition, lang, res.settings["min_cell"]), lang)
    table = table.drop(columns=[vr.label("col_ci", lang)])  # self-selected: no sampling interval (see docs)
    return table.rename(columns={vr.label("col_n", lang): "Inzenders" if lang == "nl" else "Submissions",
                                 vr.label("col_share", lang): "Aandeel inzenders" if lang == "nl" else "Share of submissions"})


# ----------------------------------------------------------------------------- figures
def attitudes_chart(res: RepresentativenessResult, forum, lang: str):
    """Dot plot: members' share holding each view (95% interval) against the reference survey's share.

    Returns
    -------
    (Figure, str)
        The figure and an alt text with every share.
    """
    import matplotlib.lines
    import matplotlib.pyplot as plt
    import matplotlib.ticker
    import seaborn as sns

    a = res.attitudes
    cb = sns.color_palette("colorblind").as_hex()
    labels = ["\n".join(textwrap.wrap(textwrap.shorten(_item_label(forum, i, lang), 120, placeholder=" …"), 42))
              .replace("$", r"\$") for i in a["item"]]
    y = np.arange(len(a))[::-1]
    fig, ax = plt.subplots(figsize=(8.5, 0.85 * len(a) + 1.4))
    ax.hlines(y, a["ci_low"], a["ci_high"], color=cb[0], linewidth=3, alpha=0.6)
    ax.scatter(a["share"], y, color=cb[0], s=60, zorder=3)
    has_ref_ci = a["ref_ci_low"].notna()
    ax.hlines(y[has_ref_ci] - 0.18, a.loc[has_ref_ci, "ref_ci_low"], a.loc[has_ref_ci, "ref_ci_high"], color="black",
              linewidth=1.5)
    ax.scatter(a["ref_share"], y - 0.18, marker="D", s=36, color="black", zorder=4)
    ax.set_yticks(y, labels)
    ax.set_ylim(y.min() - 0.6, y.max() + 0.5)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: fmt_pct(v, lang)))
    ax.set_xlim(0, 1)
    ax.set_xlabel("Aandeel dat de opvatting deelt" if lang == "nl" else "Share holding the view")
    handles = [matplotlib.lines.Line2D([], [], color=cb[0], marker="o", linewidth=3, alpha=0.8,
                                       label="forumleden (95%-interval)" if lang == "nl" else "forum members (95% interval)"),
               matplotlib.lines.Line2D([], [], color="black", marker="D", linewidth=1.5,
                                       label="referentie-onderzoek" if lang == "nl" else "reference survey")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.22 if len(a) < 3 else -0.12), ncol=2,
              frameon=False)
    sns.despine(fig)
    fig.tight_layout()
    against = "tegenover" if lang == "nl" else "against"
    items = "; ".join(f"{_item_label(forum, r.item, lang)} {fmt_pct(r.share, lang)} "
                      f"{fmt_ci(r.ci_low, r.ci_high, lang, pct=True)} {against} {fmt_pct(r.ref_share, lang)}"
                      for r in a.itertuples())
    head = ("Stippengrafiek van het aandeel forumleden dat bij de start een opvatting deelde (met 95%-interval), "
            "tegenover het referentie-onderzoek: " if lang == "nl" else
            "Dot plot of the share of forum members holding each view at the start (with 95% interval), against the "
            "reference survey: ")
    return fig, head + items + "."


def volume_chart(res: RepresentativenessResult, lang: str):
    """Bars of the wider public's submissions per week or month.

    Returns
    -------
    (Figure, str)
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    vol = res.public.volume
    cb = sns.color_palette("colorblind").as_hex()
    monthly = res.settings["public_input_freq"] == "M"
    fig, ax = plt.subplots(figsize=(8.5, 3.4))
    x = np.arange(len(vol))
    ax.bar(x, vol["count"], color=cb[0], width=0.8)
    step = max(1, int(math.ceil(len(vol) / 12)))

    def tick(d):
        d = pd.Timestamp(d).date()
        return fmt_date(d, lang).split(" ", 1)[1] if monthly else " ".join(fmt_date(d, lang).split(" ")[:2])
    ax.set_xticks(x[::step], [tick(d) for d in vol["start"]][::step], rotation=0 if len(vol) <= 8 else 45,
                  ha="center" if len(vol) <= 8 else "right")
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: fmt_int(v, lang)))
    unit = ("maand" if monthly else "week (begint op maandag)") if lang == "nl" else ("month" if monthly else "week (starting Monday)")
    ax.set_xlabel(unit.capitalize() if lang == "nl" else unit.capitalize())
    ax.set_ylabel("Inzendingen" if lang == "nl" else "Submissions")
    sns.despine(fig)
    fig.tight_layout()
    peak = vol.loc[vol["count"].idxmax()] if len(vol) else None
    s = res.public.summary.iloc[0]
    if lang == "nl":
        alt = (f"Staafdiagram van het aantal inzendingen van het bredere publiek per {'maand' if monthly else 'week'}, "
               f"van {fmt_date(s['first_date'], lang)} tot en met {fmt_date(s['last_date'], lang)}: "
               f"{fmt_int(vol['count'].sum(), lang)} in totaal")
        if peak is not None:
            alt += f"; de meeste in de {'maand' if monthly else 'week'} van {fmt_date(peak['start'], lang)} ({fmt_int(peak['count'], lang)})"
        alt += f", de minste {fmt_int(vol['count'].min(), lang)}."
    else:
        alt = (f"Bar chart of submissions from the wider public per {'month' if monthly else 'week'}, "
               f"from {fmt_date(s['first_date'], lang)} to {fmt_date(s['last_date'], lang)}: "
               f"{fmt_int(vol['count'].sum(), lang)} in total")
        if peak is not None:
            alt += f"; the most in the {'month' if monthly else 'week'} of {fmt_date(peak['start'], lang)} ({fmt_int(peak['count'], lang)})"
        alt += f", the fewest {fmt_int(vol['count'].min(), lang)}."
    return fig, alt
