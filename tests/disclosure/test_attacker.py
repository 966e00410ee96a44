"""Attackers on what a report publishes: results.json, the rendered tables, and the differences between them.

Each attacker knows what the report publishes and the rules it states (methods section), and tries to
work out a count of 1..4 people (min_cell_size 5): by reading results.json for counts and figures of
hidden rows, by multiplying a share by its count, by inverting goodness-of-fit statistics over every
table of whole numbers that agrees with what is shown, and by integer programs over the rendered
tables with every total published elsewhere. Forums: a synthetic forum of 12 members with a control
group of 4, the shipped gemeente-30 (30 members, groups of 1 to 4), the example (175 members) and a1r
(America in One Room, real data).
"""
from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from toolkit.forum.load import load_forum
from toolkit.report.results import exclusions, forum_facts
from toolkit.sections.attitudes import result as A
from toolkit.sections.attitudes import tables as AT
from toolkit.sections.representativeness import result as R
from toolkit.synthetic.forums import make_forum

REPO = Path(__file__).resolve().parents[2]
MC = 5
#: a1r: America in One Room, real data (500+ members, two waves, no representativeness inputs).
FORUMS = ["small-12", "gemeente-30", "example", "a1r"]

#: Keys of results.json that count people (the follow-up block counts recommendations, not people).
COUNT_KEYS = {"n", "n_pairs", "n_a", "n_b", "n_started", "n_completed", "n_dropped", "n_correct", "n_completers",
              "n_dropouts", "n_replacements", "n_same", "member", "control", "n_subjects", "n_missing", "n_total"}


class _Forums(dict):
    """name -> (forum, results.json blocks, attitudes result as published, representativeness result),
    each forum loaded when a test first asks for it."""

    def __init__(self, paths):
        super().__init__()
        self.paths = paths

    def __missing__(self, name):
        forum = load_forum(self.paths[name]())
        results = {"forum": forum_facts(forum), "exclusions": exclusions(forum),
                   "representativeness": R.figures(forum), "attitudes": A.figures(forum)}
        self[name] = (forum, results, A.published(A.analyse(forum)), R.analyse(forum))
        return self[name]


@pytest.fixture(scope="module")
def forums(tmp_path_factory):
    """The forums attacked (:class:`_Forums`): the synthetic 12, gemeente-30, the example and a1r."""
    def small():
        return make_forum(tmp_path_factory.mktemp("f12") / "small-12", n_members=12, n_control=4, municipal=True,
                          seed=7)

    return _Forums({"small-12": small, "gemeente-30": lambda: REPO / "surveys" / "gemeente-30",
                    "example": lambda: REPO / "surveys" / "example", "a1r": lambda: REPO / "surveys" / "a1r"})


def _walk(obj, path=()):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _walk(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _walk(v, path + (i,))
    else:
        yield path, obj


def _records(obj, path=()):
    """Every dict inside `obj` with its path."""
    if isinstance(obj, dict):
        yield path, obj
        for k, v in obj.items():
            yield from _records(v, path + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _records(v, path + (i,))


def _small(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v < MC


# ----------------------------------------------------------------------------- results.json on its own
@pytest.mark.parametrize("name", FORUMS)
def test_results_json_publishes_no_count_of_1_to_4(forums, name):
    _, results, _, _ = forums[name]
    found = [(p, v) for p, v in _walk(results) if p and p[-1] in COUNT_KEYS and _small(v)]
    assert not found, found[:10]


@pytest.mark.parametrize("name", FORUMS)
def test_no_share_times_its_count_gives_1_to_4(forums, name):
    """A share in the same record as its count (share x n) must not be a whole number of 1..4."""
    _, results, _, _ = forums[name]
    found = []
    for path, rec in _records(results):
        for count_key, share_keys in (("n", ("share_correct", "share_agree", "share_dont_know")),
                                      ("n_started", ("dropout_rate",))):
            n = rec.get(count_key)
            if not isinstance(n, (int, float)) or isinstance(n, bool) or not n:
                continue
            for k in share_keys:
                s = rec.get(k)
                if isinstance(s, float) and 0 < s < 1:
                    x = s * n
                    if abs(x - round(x)) < 1e-6 and (0 < round(x) < MC or 0 < n - round(x) < MC):
                        found.append((path, k, n, s))
    assert not found, found[:10]


@pytest.mark.parametrize("name", FORUMS)
def test_no_support_share_times_its_base_gives_1_to_4(forums, name):
    """Support and don't-know shares of the changes: times the number they are of (each wave's answers,
    the pairs; known from the other tables) neither those counted nor those not counted are 1..4."""
    forum, results, _, _ = forums[name]
    raw = A.analyse(forum)
    changes = pd.concat([raw.changes.assign(kind="item")]
                        + ([raw.scale_changes.assign(kind="scale")] if raw.scale_changes is not None else []),
                        ignore_index=True)
    found = []
    for (_, r), rec in zip(changes.iterrows(), results["attitudes"]["changes"]):
        for share, base in (("support_from", "n_from"), ("support_to", "n_to"), ("support_pairs_from", "n_pairs"),
                            ("support_pairs_to", "n_pairs"), ("dont_know_from", "n_given_from"),
                            ("dont_know_to", "n_given_to")):
            s, n = rec.get(share), r.get(base)
            if s is None or n is None or pd.isna(n):
                continue
            k = round(s * n)
            if 0 < k < MC or 0 < n - k < MC:
                found.append((rec["group"], rec["item"], rec["wave_from"], rec["wave_to"], share, s, int(n)))
    for rec in results["attitudes"]["weighted"]:
        twin = next((c for c in results["attitudes"]["changes"] if c["group"] == "member" and c["item"] == rec["item"]
                     and (c["wave_from"], c["wave_to"]) == (rec["wave_from"], rec["wave_to"])), None)
        for side in ("from", "to"):
            if twin is not None and twin[f"support_{side}"] is None:
                assert rec[f"support_{side}"] is None and rec[f"support_{side}_weighted"] is None, rec
    assert not found, found[:10]


def _holm(p):
    """Holm's step-down adjustment, written out (R: p.adjust(p, "holm"))."""
    order = sorted(range(len(p)), key=lambda i: p[i])
    out, run = [0.0] * len(p), 0.0
    for rank, i in enumerate(order):
        run = max(run, min(1.0, (len(p) - rank) * p[i]))
        out[i] = run
    return out


@pytest.mark.parametrize("name", FORUMS)
def test_holm_family_is_the_published_rows(forums, name):
    """The attacker reads results.json's changes: within a family (group, wave pair; items and scales
    apart) the adjusted p-values are Holm over the p-values published beside them, and nothing else, so
    a withheld row's p cannot be solved for from them; a row without p has no adjusted p."""
    _, results, _, _ = forums[name]
    families = {}
    for rec in results["attitudes"]["changes"]:
        families.setdefault((rec["kind"], rec["group"], rec["wave_from"], rec["wave_to"]), []).append(rec)
    checked = 0
    for key, rows in families.items():
        shown = [r for r in rows if r["p"] is not None]
        assert all(r["p_holm"] is None for r in rows if r["p"] is None), key
        assert [r["p_holm"] for r in shown] == pytest.approx(_holm([r["p"] for r in shown]), rel=1e-9), key
        checked += len(shown) > 1
    assert checked


_HIDDEN_ROW_BLOCKS = {"changes": ["n_pairs"], "reliability": ["n"], "agreement": ["n"], "subgroup_gap": ["n_a", "n_b"],
                      "process_quality": ["n"], "dropouts": ["n_completers", "n_dropouts"], "weighted": ["n_pairs"]}
_NAMES = {"group", "item", "kind", "wave", "wave_from", "wave_to", "scale", "by", "subgroup", "subgroup_a", "subgroup_b",
          "criterion", "items", "n_items", "nan_policy"}


def _rows(att: dict):
    for key, counts in _HIDDEN_ROW_BLOCKS.items():
        for r in att.get(key) or []:
            yield key, counts, r
    kn = att.get("knowledge") or {}
    for key, counts in (("gains", ["n_pairs"]), ("scores", ["n"]), ("items", ["n"])):
        for r in kn.get(key) or []:
            yield "knowledge." + key, counts, r


@pytest.mark.parametrize("name", FORUMS)
def test_a_hidden_row_publishes_no_statistic(forums, name):
    """Means, intervals (whose midpoint is the mean), d_z, Holm p, support shares: none for a hidden row."""
    _, results, _, _ = forums[name]
    att = results["attitudes"]
    leaks, hidden = [], 0
    for key, counts, r in _rows(att):
        if any(c in r and r[c] is None for c in counts):
            hidden += 1
            leaks += [(key, r.get("item"), f, v) for f, v in r.items()
                      if f not in _NAMES and f not in counts and v is not None and not isinstance(v, bool)]
    assert not leaks, leaks[:10]
    if name == "small-12":
        assert hidden  # the forum of 12 has rows to hide


@pytest.mark.parametrize("name", FORUMS)
def test_every_row_with_a_small_count_is_hidden(forums, name):
    """Against the unpublished analysis: each row whose count is 1..4 is hidden in results.json."""
    forum, results, _, _ = forums[name]
    raw = A.analyse(forum)
    changes = pd.concat([raw.changes.assign(kind="item")]
                        + ([raw.scale_changes.assign(kind="scale")] if raw.scale_changes is not None else []),
                        ignore_index=True)
    published = results["attitudes"]["changes"]
    assert len(published) == len(changes)
    for n, rec in zip(changes["n_pairs"], published):
        if 0 < n < MC:
            assert rec["mean_change"] is None and rec["ci_low"] is None and rec["d_z"] is None, rec
            assert rec["p_holm"] is None and rec["support_from"] is None, rec
    for (_, r), rec in zip(raw.gaps.iterrows() if raw.gaps is not None else [], results["attitudes"]["subgroup_gap"]):
        if 0 < r["n_a"] < MC or 0 < r["n_b"] < MC:
            assert rec["ci_low"] is None and rec["ci_high"] is None and rec["gap_change"] is None, rec
            assert rec["t"] is None and rec["p_holm"] is None, rec


@pytest.mark.parametrize("name", FORUMS)
def test_a_control_group_of_1_to_4_is_not_compared(forums, name):
    forum, results, _, _ = forums[name]
    n_control = int((forum.respondents["group"] == "control").sum())
    if not 0 < n_control < MC:
        pytest.skip("no small control group")
    assert results["forum"]["respondents"]["control"] is None
    assert all(d["estimate"] is None and d["ci_low"] is None for d in results["attitudes"]["did"])
    assert all(r["n_pairs"] is None and r["mean_from"] is None for r in results["attitudes"]["changes"]
               if r["group"] == "control")


@pytest.mark.parametrize("name", FORUMS)
def test_subgroup_models_do_not_count_the_people_left_out(forums, name):
    """n_subjects = all members - a subgroup too small (30 - 26 = 4): not published then."""
    _, results, _, _ = forums[name]
    att = results["attitudes"]
    cut = {s["moderator"] for s in att["subgroup_sizes"] if not s["included"]}
    for h in att["heterogeneity"]:
        if h["moderator"] in cut:
            assert h["n_subjects"] is None and h["n_obs"] is None, h


# ----------------------------------------------------------------------------- the answer-distribution charts
@pytest.mark.parametrize("name", FORUMS)
def test_distribution_bars_times_n_give_no_count_of_1_to_4(forums, name):
    """Read each drawn bar's height and its wave's n from the legend, as a reader of the chart can."""
    import re

    import matplotlib.pyplot as plt

    from toolkit.sections.attitudes import charts as AC

    _, _, pub, _ = forums[name]
    s = pub.settings
    drawn = found = 0
    for item in s["headline"]:
        fig, alt = AC.distribution_plot(pub.distribution, item, s["waves"], s["ranges"][item], lang="en",
                                        min_cell=s["min_cell"])
        ax = fig.axes[0]
        legend = ax.get_legend()
        if legend is None:
            assert "not shown" in alt
            plt.close(fig)
            continue
        ns = [int(re.search(r"n = ([\d,]+)", t.get_text()).group(1).replace(",", "")) for t in legend.get_texts()]
        assert all(n >= MC for n in ns), ns
        for container, n in zip(ax.containers, ns):
            for bar in container:
                k = bar.get_height() * n
                drawn += 1
                found += abs(k - round(k)) < 1e-6 and 0 < round(k) < MC
        plt.close(fig)
    assert not found
    if name in ("gemeente-30", "example", "a1r"):
        assert drawn  # the forum's distributions are shown, merged where needed


@pytest.mark.parametrize("name", FORUMS)
def test_distribution_ranges_with_mean_sd_and_support_pin_no_answer(forums, name):
    """The attacker reads results.json: per wave the ranges' counts, the spread table's n, mean and SD of the
    same answers, and the support share; an integer program over the answers' counts must leave every
    count of 1..4 (the true ones, unpublished) at least two possible values."""
    from toolkit.stats.attitudes.answers import answer_counts

    forum, results, pub, _ = forums[name]
    att = results["attitudes"]
    s = pub.settings
    members = forum.responses[forum.responses["group"] == "member"]
    tried = 0
    for item in s["headline"]:
        rows = [r for r in att["distribution"] if r["item"] == item]
        true = answer_counts(members, item, s["waves"], s["ranges"][item])
        for wave in dict.fromkeys(r["wave"] for r in rows):
            ranges = [r for r in rows if r["wave"] == wave]
            tc = true[true["wave"] == wave]
            values, counts = tc["answer"].to_numpy(float), tc["n"].to_numpy(float)
            eq = [(np.array([r["answer_from"] <= v <= r["answer_to"] for v in values], float), r["n"]) for r in ranges]
            spread = next(a for a in att["agreement"] if a["item"] == item and a["wave"] == wave
                          and a["subgroup"] == "all")
            n = spread["n"]
            eq.append((values, round(n * spread["mean"])))
            eq.append((values ** 2, round((n - 1) * spread["sd"] ** 2 + n * spread["mean"] ** 2)))
            sup = s["support"].get(item)
            share = next((c[f"support_{side}"] for c in att["changes"] for side in ("from", "to")
                          if c["group"] == "member" and c["item"] == item and c[f"wave_{side}"] == wave
                          and c[f"support_{side}"] is not None), None)
            if sup and share is not None:
                eq.append((((values >= sup[0]) & (values <= sup[1])).astype(float), round(share * n)))
            a = np.vstack([e for e, _ in eq])
            b = np.array([v for _, v in eq], float)
            assert np.allclose(a @ counts, b)  # the published facts are what the attacker says they are
            for i, c in enumerate(counts):
                if 0 < c < MC:
                    tried += 1
                    low, high = _range(np.zeros(len(counts)), np.full(len(counts), np.inf), a, b, i)
                    assert low < high, (name, item, wave, values[i], c)
    if name in ("gemeente-30", "a1r"):
        assert tried  # the merged ranges hold small counts that the attacker tries (a1r: Q2D post, answer 1 = 4)


# ----------------------------------------------------------------------------- results.json against the tables
@pytest.mark.parametrize("name", FORUMS)
def test_the_changes_table_and_results_json_hide_the_same_rows(forums, name):
    _, results, pub, _ = forums[name]
    for wf, wt in pub.settings["wave_pairs"]:
        table = AT.changes_table(pub, (wf, wt), "en")
        rows = [r for r in results["attitudes"]["changes"] if r["group"] == "member"
                and (r["wave_from"], r["wave_to"]) == (wf, wt)]
        rows.sort(key=lambda r: r["kind"] != "scale")  # the table shows scales first
        assert len(rows) == len(table)
        for r, dz, p, sup in zip(rows, table["d_z"], table.iloc[:, 5], table.iloc[:, 6]):
            assert (dz == "–") == (r["d_z"] is None), (r["item"], dz, r["d_z"])
            if r["n_pairs"] is None:
                assert dz == p == sup == "–", (r["item"], dz, p, sup)


# ----------------------------------------------------------------------------- inverting goodness of fit
def _completions(shown: list, total: int, limit: int = 200_000):
    """Every assignment of whole numbers to the hidden cells ("<5": 1..4, "–": >= 5) adding up to `total`."""
    known = sum(v for v in shown if isinstance(v, int))
    free = [i for i, v in enumerate(shown) if not isinstance(v, int)]
    rest = total - known
    ranges = [range(1, MC) if shown[i] == "small" else range(MC, rest + 1) for i in free]
    out = []
    for combo in itertools.product(*ranges):
        if sum(combo) == rest:
            out.append(dict(zip(free, combo)))
            if len(out) >= limit:
                break
    return out


def _chi2(n, p):
    n, p = np.asarray(n, float), np.asarray(p, float)
    e = n.sum() * p / p.sum()
    return float(((n - e) ** 2 / e).sum()), float(0.5 * np.abs(n / n.sum() - p / p.sum()).sum())


@pytest.mark.parametrize("name", FORUMS)
def test_goodness_of_fit_gives_no_hidden_cell_away(forums, name):
    """Try every table the published composition allows; keep those whose X² and TVD, to two decimals, are
    the published ones (computed on all cells, or with the hidden ones pooled as the methods say). Each
    small cell must keep at least two possible values, and the true table must not be the only match."""
    _, results, _, _ = forums[name]
    rep = results["representativeness"]
    if rep is None:
        pytest.skip("no representativeness")
    tried = 0
    for var, block in rep["variables"].items():
        cats = {c: v for c, v in block["categories"].items() if v["pop_share"]}
        if not any(v["suppressed"] for v in cats.values()) or not block["gof"] or block["gof"]["statistic"] is None:
            continue
        shown = [v["n"] if v["n"] is not None else ("small" if _was_small(forums[name][3], var, c) else "linked")
                 for c, v in cats.items()]
        pop = [v["pop_share"] for v in cats.values()]
        total = block["n_total"] - sum(v["n"] or 0 for c, v in block["categories"].items() if not v["pop_share"])
        stat, tvd = round(block["gof"]["statistic"], 2), round(block["gof"]["tvd"], 2)
        matches = []
        for comp in _completions(shown, total):
            n = [comp.get(i, v) for i, v in enumerate(shown)]
            full = _chi2(n, pop)
            hid = [i for i in comp]
            pooled_n = [v for i, v in enumerate(n) if i not in comp] + [sum(n[i] for i in hid)]
            pooled_p = [v for i, v in enumerate(pop) if i not in comp] + [sum(pop[i] for i in hid)]
            pooled = _chi2(pooled_n, pooled_p) if len(pooled_n) > 1 else (math.nan, math.nan)
            if any(round(a, 2) == stat and round(b, 2) == tvd for a, b in (full, pooled)):
                matches.append(comp)
        small = [i for i, v in enumerate(shown) if v == "small"]
        tried += bool(small)
        for i in small:
            assert len({m[i] for m in matches}) >= 2, (name, var, i, matches[:5])
    if name == "gemeente-30":
        assert tried >= 2  # age and region (migration background: one pooled category, no test)


def _was_small(res, var, cat) -> bool:
    row = res.composition[(res.composition["variable"] == var) & (res.composition["category"].astype(str) == cat)]
    return bool(len(row)) and 0 < int(row["n"].iloc[0]) < MC


# ----------------------------------------------------------------------------- integer programs on the tables
def _range(lo, hi, a_eq, b_eq, i, a_ub=None):
    """Smallest and largest whole-number value of cell `i` with bounds lo..hi and the known sums."""
    cons = [LinearConstraint(a_eq, b_eq, b_eq)]
    if a_ub is not None:
        cons.append(LinearConstraint(a_ub, -np.inf, 0))
    ends = []
    for sign in (1, -1):
        c = np.zeros(len(lo))
        c[i] = sign
        res = milp(c, constraints=cons, bounds=Bounds(lo, hi), integrality=np.ones(len(lo)))
        assert res.success
        ends.append(round(res.x[i]))
    return ends


def _cell_bounds(cells):
    lo, hi = [], []
    for cell in cells:
        if cell.startswith("<"):
            lo.append(1), hi.append(MC - 1)
        elif cell == "–":
            lo.append(MC), hi.append(np.inf)
        else:
            v = int(cell.replace(",", "").replace(".", ""))
            lo.append(v), hi.append(v)
    return np.array(lo, float), np.array(hi, float)


@pytest.mark.parametrize("name", FORUMS)
def test_wave_participation_table_with_every_wave_total(forums, name):
    """The rendered table of who answered which waves, per group, with the group's size and each wave's
    number of respondents known (the true ones: published in other tables or not)."""
    _, _, pub, _ = forums[name]
    table = AT.attrition_table(pub, "en")
    raw = A.analyse(forums[name][0]).attrition
    waves = pub.settings["waves"]
    tried = 0
    for g, idx in raw.groupby("group", sort=False).groups.items():
        if 0 < raw.loc[idx, "n"].sum() < MC:
            continue  # a group of 1..4: every count is "<5" and nothing about it is analysed
        part = raw.loc[idx]
        if not set(idx) <= set(pub.attrition.index):  # left out: any pattern of waves may have anybody
            tried += _patterns_unknown(part, waves)
            continue
        cells = list(table.loc[idx].iloc[:, 2])
        lo, hi = _cell_bounds(cells)
        a = np.vstack([np.ones(len(part))] + [part[w].astype(float).to_numpy() for w in waves])
        b = a @ part["n"].to_numpy(dtype=float)
        for i, cell in enumerate(cells):
            if cell.startswith("<"):
                tried += 1
                low, high = _range(lo, hi, a, b, i)
                assert low < high, (name, g, cells, i)
    if name not in ("example", "a1r"):  # the large forums: no pattern of waves holds 1..4 people
        assert tried


def _patterns_unknown(part, waves) -> int:
    """The attacker knows the group's size and each wave's respondents, not which patterns occur: every
    pattern with the first wave (later waves need the first: the ledger) is 0 or more."""
    patterns = [p for p in itertools.product([True, False], repeat=len(waves)) if p[0]]
    a = np.vstack([np.ones(len(patterns))] + [np.array([p[j] for p in patterns], float) for j in range(len(waves))])
    true = {tuple(bool(r[w]) for w in waves): int(r["n"]) for _, r in part.iterrows()}
    b = a @ np.array([true.get(p, 0) for p in patterns], float)
    lo, hi = np.zeros(len(patterns)), np.full(len(patterns), np.inf)
    for i, p in enumerate(patterns):
        if 0 < true.get(p, 0) < MC:
            low, high = _range(lo, hi, a, b, i)
            assert low < high, (p, true)
    return 1


@pytest.mark.parametrize("name", FORUMS)
def test_transition_tables_with_their_total(forums, name):
    """Members moving between answer groups: the cells add up to the pairs (published)."""
    _, _, pub, _ = forums[name]
    if pub.transitions is None:
        pytest.skip("no transitions")
    raw = A.analyse(forums[name][0]).transitions
    for item in dict.fromkeys(pub.transitions["item"]):
        table = AT.transitions_table(pub, item, "en")
        cells = [str(c) for c in table.iloc[:, 1:].to_numpy().T.ravel()]
        true = raw[raw["item"] == item]
        total = float(true["n"].sum())
        lo, hi = _cell_bounds(cells)
        a = np.ones((1, len(cells)))
        for i, cell in enumerate(cells):
            if cell.startswith("<"):
                low, high = _range(lo, hi, a, np.array([total]), i)
                assert low < high, (name, item, cells, i)


@pytest.mark.parametrize("name", FORUMS)
def test_drop_out_table_hides_every_small_number_who_dropped_out(forums, name):
    """Started and completed per category (rendered), both totals known, completed <= started: no
    started - completed of 1..4 takes one value only."""
    _, _, _, res = forums[name]
    if res is None:
        pytest.skip("no representativeness")
    from toolkit.sections.representativeness.tables import attrition_table

    table = attrition_table(res, "en")
    n_s = int(res.attrition["n_started"].sum() / res.attrition["variable"].nunique())
    n_c = int(res.attrition["n_completed"].sum() / res.attrition["variable"].nunique())
    for _, idx in res.attrition.groupby("variable", sort=False).groups.items():
        part = table.loc[idx]
        cells = list(part.iloc[:, 1]) + list(part.iloc[:, 2])
        k = len(idx)
        lo, hi = _cell_bounds(cells)
        a = np.zeros((2, 2 * k))
        a[0, :k] = a[1, k:] = 1
        a_ub = np.hstack([-np.eye(k), np.eye(k)])
        for i in range(k):
            target = np.eye(2 * k)[i] - np.eye(2 * k)[k + i]
            ends = []
            for sign in (1, -1):
                r = milp(sign * target, constraints=[LinearConstraint(a, [n_s, n_c], [n_s, n_c]),
                                                     LinearConstraint(a_ub, -np.inf, 0)],
                         bounds=Bounds(lo, hi), integrality=np.ones(2 * k))
                assert r.success
                ends.append(round(sign * r.fun))
            assert not (ends[0] == ends[1] and 0 < ends[0] < MC), (name, cells, i, ends)


# ----------------------------------------------------------------------------- two-way groups against the margins
@pytest.mark.parametrize("name", ["small-12", "gemeente-30"])
@pytest.mark.parametrize("pair", [("gender", "age_group"), ("region", "education")])
def test_two_way_groups_against_the_one_way_margins(forums, name, pair):
    """man:65-79 = men - man:18-39 - man:40-64: with every one-way count and the total known (even those
    the composition hides), no two-way cell of 1..4 takes one value only (a joint variable withheld
    altogether leaves every cell 0 or more)."""
    from toolkit.disclosure.joint import publishable_intersections
    from toolkit.stats.representativeness.composition import intersections

    forum, _, _, res = forums[name]
    comp = res.composition
    a, b = pair
    pa = comp[comp["variable"] == a].set_index("category")["pop_share"]
    pb = comp[comp["variable"] == b].set_index("category")["pop_share"]
    bench = pd.DataFrame([{"variable": f"{a}:{b}", "category": f"{x}:{y}", "share": pa[x] * pb[y]}
                          for x in pa.index for y in pb.index])
    inter = intersections(forum.inputs["members"], bench, [pair], stage=res.settings["stage"])
    shown = publishable_intersections(inter, comp, MC)
    counts = inter["n"].to_numpy(dtype=float)
    cats = [str(c).split(":") for c in inter["category"]]
    rows = [np.ones(len(inter))]
    for j, v in ((0, a), (1, b)):
        for c in dict.fromkeys(x[j] for x in cats):
            rows.append(np.array([x[j] == c for x in cats], dtype=float))
    a_eq = np.vstack(rows)
    b_eq = a_eq @ counts
    if shown["withheld"].all():  # not published: any cell may be 0 or more
        lo, hi = np.zeros(len(counts)), np.full(len(counts), np.inf)
    else:
        assert not shown["withheld"].any()
        lo = np.where(shown["suppressed"], np.where((counts > 0) & (counts < MC), 1, MC), counts)
        hi = np.where(shown["suppressed"], np.where((counts > 0) & (counts < MC), MC - 1, np.inf), counts)
    small = [i for i, n in enumerate(counts) if 0 < n < MC]
    assert small, "the forum has small two-way cells"
    for i in small:
        low, high = _range(lo.astype(float), hi.astype(float), a_eq, b_eq, i)
        assert low < high, (name, pair, inter.loc[:, ["category", "n"]].to_dict("records"), i)
    # the attacker wins against primary suppression alone
    lo1 = np.where((counts > 0) & (counts < MC), 1, counts)
    hi1 = np.where((counts > 0) & (counts < MC), MC - 1, counts)
    pinned = [i for i in small if len(set(_range(lo1.astype(float), hi1.astype(float), a_eq, b_eq, i))) == 1]
    assert pinned or len(small) > 1


# ----------------------------------------------------------------------------- agreement A, bimodality, quartiles
def _compositions(total: int, k: int) -> np.ndarray:
    """Every way of putting `total` people into `k` ordered answers: one row each."""
    cuts = np.array(list(itertools.combinations(range(total + k - 1), k - 1)), dtype=int).reshape(-1, k - 1)
    edges = np.hstack([np.full((len(cuts), 1), -1), cuts, np.full((len(cuts), 1), total + k - 1)])
    return np.diff(edges, axis=1) - 1


def _shape_attack(values, ranges, n, mean, sd, stats, limit: int = 1_000_000):
    """Every whole-number distribution of the answers that agrees with the published ranges' counts, n,
    mean and SD and the published shape statistics in `stats` (agreement A, bimodality, q25, q75; None ones
    unknown). Returns the distributions (one row each), or None when there are more than `limit` to try."""
    from toolkit.stats.attitudes.polarization import agreement_a, bimodality_coefficient

    spans = [(idx, int(c)) for lo, hi, c in ranges if (idx := [i for i, v in enumerate(values) if lo <= v <= hi])]
    if math.prod(math.comb(c + len(idx) - 1, len(idx) - 1) for idx, c in spans) > limit:
        return None  # counted before any is made: an 11-point item of 30 answers has 10^10
    parts = [(idx, _compositions(c, len(idx))) for idx, c in spans]
    grid = np.zeros((1, len(values)))
    for idx, comp in parts:  # every combination of the ranges' compositions
        new = np.repeat(grid, len(comp), axis=0)
        new[:, idx] = np.tile(comp, (len(grid), 1))
        grid = new
    sx, sxx = round(n * mean), round((n - 1) * sd ** 2 + n * mean ** 2)
    grid = grid[(np.rint(grid @ values) == sx) & (np.rint(grid @ values ** 2) == sxx)]
    cum = grid.cumsum(axis=1)
    for q in ("q25", "q75"):  # numpy's default (linear) quantile, for every distribution at once
        if stats.get(q) is None or (isinstance(stats[q], float) and math.isnan(stats[q])):
            continue
        h = (n - 1) * (0.25 if q == "q25" else 0.75)
        lo_v = values[np.minimum((cum <= math.floor(h)).sum(axis=1), len(values) - 1)]
        hi_v = values[np.minimum((cum <= math.ceil(h)).sum(axis=1), len(values) - 1)]
        keep = np.isclose(lo_v + (h - math.floor(h)) * (hi_v - lo_v), stats[q])
        grid, cum = grid[keep], cum[keep]
    out = []
    for counts in grid:
        raw = np.repeat(values, counts.astype(int))
        got = {"agreement_a": agreement_a(counts), "bimodality": bimodality_coefficient(raw),
               "q25": float(np.quantile(raw, 0.25)), "q75": float(np.quantile(raw, 0.75))}
        if all(v is None or (isinstance(v, float) and math.isnan(v)) or math.isclose(got[k], v, rel_tol=1e-9, abs_tol=1e-12)
               for k, v in stats.items()):
            out.append(counts)
    return out


def _shape_attacks(forum, pub, agreement_rows):
    """(item, wave, answer, true count, every value the attacker finds) for each small true count."""
    from toolkit.stats.attitudes.answers import answer_counts

    s = pub.settings
    members = forum.responses[forum.responses["group"] == "member"]
    found = []
    dist = pub.distribution
    for item in s["headline"]:
        true = answer_counts(members, item, s["waves"], s["ranges"][item])
        rows = dist[dist["item"] == item] if dist is not None else pd.DataFrame(columns=["wave"])
        for a in agreement_rows:
            if a["item"] != item or a["subgroup"] != "all" or a["n"] is None or a["mean"] is None or a["sd"] is None:
                continue
            wave = a["wave"]
            tc = true[true["wave"] == wave]
            values, counts = tc["answer"].to_numpy(float), tc["n"].to_numpy(float)
            ranges = [(r["answer_from"], r["answer_to"], r["n"]) for r in rows[rows["wave"] == wave].to_dict("records")] \
                or [(values.min(), values.max(), a["n"])]  # no distribution shown: n is known
            stats = {k: a.get(k) for k in ("agreement_a", "bimodality", "q25", "q75")}
            cands = _shape_attack(values, ranges, a["n"], a["mean"], a["sd"], stats)
            if cands is None:
                continue
            assert any(np.array_equal(c, counts) for c in cands)  # the attacker's facts are the published ones
            for i, c in enumerate(counts):
                if 0 < c < MC:
                    found.append((item, wave, values[i], c, {x[i] for x in cands}))
    return found


@pytest.mark.parametrize("name", ["small-12"])  # gemeente-30's items have 10^7 or more distributions each
def test_agreement_bimodality_and_quartiles_pin_no_answer(forums, name):
    """The attacker of the distribution above, now also with agreement A, bimodality and the quartiles as
    results.json publishes them: every whole-number distribution within the published ranges that agrees
    with all of them must leave each small answer count (1..4, the true ones) at least two values. The
    same attacker on the unpublished figures (full precision, nothing withheld) recovers small counts, so
    the test can fail."""
    forum, results, pub, _ = forums[name]
    attacked = _shape_attacks(forum, pub, results["attitudes"]["agreement"])
    pinned = [f for f in attacked if len(f[4]) == 1]
    assert attacked  # the attack ran: some small count was tried
    assert not pinned, pinned
    raw = A.analyse(forum).agreement.to_dict("records")
    before = _shape_attacks(forum, pub, raw)
    assert any(len(f[4]) == 1 for f in before), before  # without the rule the attacker wins


# ----------------------------------------------------------------------------- McNemar's test of the support shift
def _mcnemar_attack(row) -> list[tuple[str, set]]:
    """Every paired table (supporters at both waves, lost, gained, at neither) that agrees with a change
    row's published n_pairs, support shares on the pairs and McNemar p; per cell its possible values."""
    from statsmodels.stats.contingency_tables import mcnemar

    from toolkit.stats.attitudes.changes import MCNEMAR_EXACT_BELOW

    n = row["n_pairs"]
    f, t = round(row["support_pairs_from"] * n), round(row["support_pairs_to"] * n)
    tables = []
    for lost in range(f + 1):
        gained, both = lost + t - f, f - lost
        neither = n - both - lost - gained
        if gained < 0 or neither < 0:
            continue
        p = mcnemar([[both, lost], [gained, neither]], exact=lost + gained < MCNEMAR_EXACT_BELOW, correction=True).pvalue
        if math.isclose(p, row["mcnemar_p"], rel_tol=1e-9, abs_tol=1e-15):
            tables.append((both, lost, gained, neither))
    return [(cell, {tb[i] for tb in tables}) for i, cell in enumerate(("both", "lost", "gained", "neither"))]


def _mcnemar_pinned(rows, true) -> list:
    """The small true cells (1..4) that the attacker finds to take one value only."""
    pinned = []
    for r in rows:
        if r["group"] != "member" or None in (r.get("mcnemar_p"), r.get("support_pairs_from"), r.get("support_pairs_to")) \
                or any(isinstance(r[k], float) and math.isnan(r[k]) for k in ("mcnemar_p", "support_pairs_from")):
            continue
        tr = true[(true["item"] == r["item"]) & (true["wave_from"] == r["wave_from"]) & (true["wave_to"] == r["wave_to"])
                  & (true["group"] == "member")].iloc[0]
        n = int(tr["n_pairs"])
        both = round(tr["support_pairs_from"] * n) - int(tr["support_lost"])
        cells = {"both": both, "lost": int(tr["support_lost"]), "gained": int(tr["support_gained"])}
        cells["neither"] = n - sum(cells.values())
        for cell, values in _mcnemar_attack({**r, "n_pairs": int(r["n_pairs"])}):
            if 0 < cells[cell] < MC and values == {cells[cell]}:
                pinned.append((r["item"], r["wave_from"], r["wave_to"], cell, cells[cell]))
    return pinned


@pytest.mark.parametrize("name", FORUMS)
def test_mcnemar_p_with_the_pair_shares_pins_no_cell(forums, name):
    """The attacker reads a change row of results.json (n_pairs, support on the pairs before and after,
    McNemar p) and solves for the paired table: no cell of 1..4 may take one value only. Unpublished (the
    rule off), the same attacker pins small cells on gemeente-30, so the test can fail."""
    forum, results, pub, _ = forums[name]
    true = A.analyse(forum).changes
    assert not _mcnemar_pinned(results["attitudes"]["changes"], true)
    if name == "gemeente-30":
        raw = A.analyse(forum).changes.to_dict("records")
        assert _mcnemar_pinned(raw, true)
