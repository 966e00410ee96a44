"""toolkit.disclosure.suppress and toolkit.disclosure.joint: secondary (complementary) suppression. For each published table of
counts (composition and gaps, quotas, recruitment funnel, drop-out in results.json), and for all of them combined,
an attacker written here, who knows every shown count, the published totals and what "<5" and "–" mean, cannot pin
down a count below min_cell on the small synthetic forums, and does pin one down when only the small counts are
hidden, or each table is protected on its own (so the tests can fail)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp
from conftest import dropout_possible

from toolkit.disclosure.joint import attrition_hidden, publishable_composition, publishable_funnel, publishable_quotas
from toolkit.forum.load import load_forum
from toolkit.disclosure.suppress import complementary_suppression, recoverable
from toolkit.sections.representativeness import result as S
from toolkit.sections.representativeness.tables import attrition_table, gaps_display, quota_table
from toolkit.sections.representativeness.text import category_name, t

REPO = Path(__file__).resolve().parents[2]
MC = 5
SMALL = ["gemeente-30", "alleen-aantallen"]


# ----------------------------------------------------------------------------- the attacker
def attack(cells: list[list], totals: list[int], min_cell: int = MC, ordered: bool = False,
           lower: dict | None = None, upper: dict | None = None) -> dict:
    """For every "<n" cell of a block (rows x columns of shown counts, "<n" or "–"), the smallest and largest
    whole number it can be, given the shown counts, each column's total, "<n" = 1..n-1, "–" >= n, optionally
    each column at most the previous one per row (where the shown counts do not contradict it) and further
    known bounds per cell ({(row, col): value}).

    Subtraction from the total is the special case of one hidden cell in a column."""
    lower, upper = lower or {}, upper or {}
    k, m = len(cells), len(cells[0])
    cell = [[cells[i][j] for i in range(k)] for j in range(m)]  # column-major: variable j * k + i
    lo, hi = [], []
    for j in range(m):
        for i in range(k):
            v = cell[j][i]
            a, b = (v, v) if isinstance(v, (int, np.integer)) else (1, min_cell - 1) if v.startswith("<") \
                else (min_cell, np.inf)
            lo.append(max(a, lower.get((i, j), -np.inf)))
            hi.append(min(b, upper.get((i, j), np.inf)))
    sums = np.zeros((m, k * m))
    for j in range(m):
        sums[j, j * k:(j + 1) * k] = 1
    cons = [LinearConstraint(sums, totals, totals)]
    if ordered:
        rows = []
        for j in range(1, m):
            for i in range(k):
                a, b = cell[j - 1][i], cell[j][i]
                if isinstance(a, (int, np.integer)) and isinstance(b, (int, np.integer)) and b > a:
                    continue  # the data say otherwise for this row
                r = np.zeros(k * m)
                r[j * k + i], r[(j - 1) * k + i] = 1, -1
                rows.append(r)
        if rows:
            cons.append(LinearConstraint(np.array(rows), -np.inf, 0))
    out = {}
    for j in range(m):
        for i in range(k):
            if isinstance(cell[j][i], str) and cell[j][i].startswith("<"):
                x = j * k + i
                ends = []
                for sign in (1, -1):
                    c = np.zeros(k * m)
                    c[x] = sign
                    res = milp(c, constraints=cons, bounds=Bounds(lo, hi), integrality=np.ones(k * m))
                    assert res.success
                    ends.append(round(res.x[x]))
                out[(i, j)] = tuple(ends)
    return out


def _shown(n, small: bool, linked: bool):
    return f"<{MC}" if small else "–" if linked else int(n)


def _subtraction_fails(cells: list[list]) -> None:
    """A "<n" cell cannot be worked out as its column's total minus the other counts: another one is hidden."""
    for j in range(len(cells[0])):
        column = [row[j] for row in cells]
        hidden = [v for v in column if isinstance(v, str)]
        assert not any(v.startswith("<") for v in hidden) or len(hidden) > 1, column


def _load(name):
    forum = load_forum(REPO / "surveys" / name)
    return S.analyse(forum), S.figures(forum)


# ----------------------------------------------------------------------------- the general function
def test_complementary_suppression_on_a_block_with_two_small_counts():
    t = pd.DataFrame({"variable": "v", "n": [28, 1, 1]})
    linked = complementary_suppression(t, ["n"], MC, group_col="variable")
    assert linked["n"].tolist() == [True, False, False]  # 1 + 1 = 30 - 28 would give both away
    assert not recoverable(t, ["n"], MC, linked, group_col="variable")["n"].any()
    assert recoverable(t, ["n"], MC, group_col="variable")["n"].tolist() == [False, True, True]


def test_nothing_is_hidden_without_min_cell_or_small_counts():
    t = pd.DataFrame({"variable": ["a", "a", "b"], "n": [12, 4, 9]})
    assert not complementary_suppression(t, ["n"], None, group_col="variable").to_numpy().any()
    assert not complementary_suppression(t.assign(n=[12, 0, 9]), ["n"], MC, group_col="variable").to_numpy().any()


# ----------------------------------------------------------------------------- composition and gaps
def _composition_blocks(res):
    """Per variable: the members column as shown in the gaps table (and results.json), and the total."""
    display = gaps_display(res, "en")
    shown = dict(zip(display["Group"], display["Members"]))
    comp = res.composition
    names = [category_name(v, c, "en") for v, c in zip(comp["variable"], comp["category"])]
    for var, part in comp.groupby("variable", sort=False):
        cells = [shown[names[i]] for i in part.index]
        yield var, [[v if not v.replace(",", "").isdigit() else int(v.replace(",", ""))] for v in cells], \
            int(part["n_total"].iloc[0])


@pytest.mark.parametrize("name", SMALL)
def test_no_hidden_composition_count_can_be_worked_out(name):
    res, kf = _load(name)
    tried = 0
    for var, cells, total in _composition_blocks(res):
        _subtraction_fails(cells)
        for (i, _), (lo, hi) in attack(cells, [total]).items():
            tried += 1
            assert lo < hi, (name, var, cells)
        # results.json hides the same counts (null), with the figures computed from them
        json_cells = kf["variables"][var]["categories"]
        for cell, (cat, rec) in zip(cells, json_cells.items()):
            assert (rec["n"] is None) == isinstance(cell[0], str), (var, cat)
            if rec["n"] is None:
                assert rec["share"] is None and rec["ci_low"] is None and rec["diff_pp"] is None
                assert rec["suppressed"] is True
    assert tried >= (4 if name == "gemeente-30" else 1)  # the forum has small cells to protect


def test_the_composition_attacker_wins_under_primary_suppression_only():
    res, _ = _load("gemeente-30")
    comp = res.composition
    age = comp[comp["variable"] == "age_group"]
    cells = [[f"<{MC}" if 0 < n < MC else int(n)] for n in age["n"]]
    assert attack(cells, [30])[(2, 0)] == (4, 4)  # 65-79 = 30 - 12 - 14 - 0
    shown = gaps_display(res, "en").set_index("Group")["Members"]
    assert shown[category_name("age_group", "65-79", "en")] == "<5"
    assert shown[category_name("age_group", "18-39", "en")] == "–"


def test_named_groups_do_not_give_a_hidden_category_away():
    res, kf = _load("gemeente-30")
    young = kf["named_groups"]["young_people"]  # 18-39 only: its count is hidden in the composition
    assert young["n"] is None and young["share"] is None and young["suppressed"] is True


# ----------------------------------------------------------------------------- quotas
def _status_bounds(status, qmin, qmax):
    """What a shown status says about the count (the English phrases of the quota table)."""
    return {"met": (qmin, qmax), "too few": (-np.inf, qmin - 1), "too many": (qmax + 1, np.inf)}[status]


def _quota_attack(res, table):
    """Per variable: the composition as shown plus the bounds from each shown quota status."""
    comp = res.composition
    shown = gaps_display(res, "en").set_index("Group")["Members"]
    q = table.set_index("Group")
    out = {}
    for var, part in comp.groupby("variable", sort=False):
        cells, lower, upper = [], {}, {}
        for i, cat in enumerate(part["category"]):
            name = category_name(var, cat, "en")
            v = shown[name]
            cells.append([v if v in (f"<{MC}", "–") else int(v.replace(",", ""))])
            if name in q.index and q.loc[name, "Quota"] != "–":
                members = q.loc[name, "Members"]
                assert members == v, (name, members, v)  # the same count as in the gaps table
                lo, hi = _status_bounds(q.loc[name, "Quota"].replace("\u00a0", " "),
                                        int(q.loc[name, "Minimum"]), int(q.loc[name, "Maximum"]))
                lower[(i, 0)], upper[(i, 0)] = lo, hi
        out[var] = attack(cells, [int(part["n_total"].iloc[0])], lower=lower, upper=upper)
    return out


@pytest.mark.parametrize("name", SMALL)
def test_no_hidden_count_can_be_worked_out_from_the_quota_table(name):
    res, kf = _load(name)
    table = quota_table(res, "en")
    for var, ranges in _quota_attack(res, table).items():
        for cell, (lo, hi) in ranges.items():
            assert lo < hi, (name, var, cell)
    hidden_status = (table["Quota"] == "–").sum()
    assert kf["quotas"]["n_met"] + len(kf["quotas"]["unmet"]) + kf["quotas"].get("n_status_hidden", 0) \
        == kf["quotas"]["n_quotas"]
    assert kf["quotas"].get("n_status_hidden", 0) == hidden_status
    for u in kf["quotas"]["unmet"]:
        assert u["n"] is None or u["n"] >= MC or u["n"] == 0
        assert u["gap"] is None or u["n"] is not None


def test_the_quota_attacker_wins_when_the_statuses_are_all_shown():
    """65-79: "<5" and met with a minimum of 4: exactly 4; westers: "<5" and below a minimum of 2: exactly 1."""
    res, _ = _load("gemeente-30")
    q = res.quotas.set_index("category")
    assert (q.loc["65-79", "status"], q.loc["65-79", "min"]) == ("met", 4)
    assert attack([[f"<{MC}"]], [4], lower={(0, 0): 4}, upper={(0, 0): 7}) == {(0, 0): (4, 4)}
    assert attack([[f"<{MC}"]], [1], upper={(0, 0): 1}) == {(0, 0): (1, 1)}
    table = quota_table(res, "en").set_index("Group")
    for cat in ("65-79",):
        assert table.loc[category_name("age_group", cat, "en"), "Quota"] == "–"
    assert table.loc[category_name("migration_background", "westers", "en"), "Quota"] == "–"


# ----------------------------------------------------------------------------- the recruitment funnel
def _funnel_blocks(res, kf, primary_only=False):
    fun = res.funnel
    stages = list(dict.fromkeys(fun["stage"]))
    # the true totals (worst case: the completed total is withheld when 1..4 dropped out)
    first = fun[fun["variable"] == fun["variable"].iloc[0]]
    totals = [int(first.loc[first["stage"] == s, "count"].sum()) for s in stages]
    pub = publishable_funnel(fun, MC, S.disclosure(res))
    for var, part in fun.groupby("variable", sort=False):
        cells = []
        for cat in dict.fromkeys(part["category"]):
            row = []
            for s in stages:
                r = part[(part["category"] == cat) & (part["stage"] == s)].iloc[0]
                n = int(r["count"])
                rec = kf["funnel"]["strata"][var][cat][s]
                small = 0 < n < MC
                linked = False if primary_only else bool(pub.loc[r.name, "linked"])
                if not primary_only:
                    assert (rec["count"] is None) == (small or linked), (var, cat, s)
                row.append(_shown(n, small, linked))
            cells.append(row)
        yield var, cells, totals


@pytest.mark.parametrize("name", SMALL)
def test_no_hidden_funnel_count_can_be_worked_out(name):
    res, kf = _load(name)
    tried = 0
    for var, cells, totals in _funnel_blocks(res, kf):
        _subtraction_fails(cells)
        for cell, (lo, hi) in attack(cells, totals, ordered=True).items():
            tried += 1
            assert lo < hi, (name, var, cell, cells)
    assert tried >= 1
    # no rate computed from a hidden count is published
    stages = kf["funnel"]["stages"]
    for var, cats in kf["funnel"]["strata"].items():
        for cat, recs in cats.items():
            for i, s in enumerate(stages):
                hidden = recs[s]["count"] is None or (i and recs[stages[i - 1]]["count"] is None)
                if hidden:
                    assert recs[s]["rate_prev"] is None and recs[s]["rel_rate_prev"] is None, (var, cat, s)
                if recs[s]["count"] is None or recs[stages[0]]["count"] is None:
                    assert recs[s]["rate_letters"] is None
            if any(r["count"] is None for r in recs.values()):
                assert kf["falloff"][var][cat]["overall_rate"] is None


def test_the_funnel_attacker_wins_under_primary_suppression_only():
    res, kf = _load("gemeente-30")
    pinned = [cell for _, cells, totals in _funnel_blocks(res, kf, primary_only=True)
              for cell, (lo, hi) in attack(cells, totals, ordered=True).items() if lo == hi]
    assert pinned


# ----------------------------------------------------------------------------- drop-out in results.json
@pytest.mark.parametrize("name", SMALL)
def test_no_hidden_drop_out_count_in_results_json(name):
    res, kf = _load(name)
    # the attacker is given both totals (the number who completed is withheld when 1..4 dropped out)
    n_started = int(res.attrition["n_started"].sum() / res.attrition["variable"].nunique())
    n_completed = int(res.attrition["n_completed"].sum() / res.attrition["variable"].nunique())
    h = attrition_hidden(res.attrition, MC, S.disclosure(res))
    tried = 0
    for var, idx in res.attrition.groupby("variable", sort=False).groups.items():
        a, hv = res.attrition.loc[idx], h.loc[idx]
        cols = {}
        for col in ("started", "completed"):
            cols[col] = [str(_shown(n, s, li)) for n, s, li in zip(a[f"n_{col}"], hv[f"small_{col}"],
                                                                   hv[f"linked_{col}"])]
            for cat, shown in zip(a["category"], cols[col]):
                rec = kf["attrition"][var][cat]
                assert (rec[f"n_{col}"] is None) == (shown in (f"<{MC}", "–"))
                if rec[f"n_{col}"] is None:
                    assert rec["dropout_rate"] is None
        for col in ("started", "completed"):
            for row, cell in enumerate(cols[col]):
                if cell.startswith("<"):
                    tried += 1
                    lo, hi = dropout_possible(cols["started"], cols["completed"], n_started, n_completed, MC, row, col)
                    assert lo < hi, (name, var, col, row)
    assert tried >= 1


def test_the_drop_out_attacker_wins_on_primary_suppression_only_json():
    res, _ = _load("gemeente-30")
    a = res.attrition[res.attrition["variable"] == "age_group"]
    started = [str(n) if n >= MC else f"<{MC}" for n in a["n_started"]]
    completed = [str(n) if n >= MC else f"<{MC}" for n in a["n_completed"]]
    assert dropout_possible(started, completed, 30, 27, MC, 2, "started") == (4, 4)


# ----------------------------------------------------------------------------- the example forum
def test_the_example_forum_hides_only_completed_counts():
    """The example has no count below 5 at any stage, but 1..4 members of some groups dropped out (65-79:
    44 -> 43): only completed counts are hidden for them (the started counts are the composition's)."""
    res, kf = _load("example")
    joint = S.disclosure(res)
    assert joint.hidden and {stage for _, _, stage in joint.hidden} == {"completed"}
    assert ("age_group", "65-79", "completed") in joint.hidden
    assert not publishable_composition(res.composition, MC, joint)["linked"].any()
    assert not publishable_funnel(res.funnel, MC, joint).query("stage != 'completed'")["linked"].any()
    assert not publishable_quotas(res.quotas, res.composition, MC, joint)["status_hidden"].any()
    assert not attrition_hidden(res.attrition, MC, joint)["linked_started"].any()
    assert "–" not in set(gaps_display(res, "en")["Members"])
    assert not quota_table(res, "en")[["Members", "Quota"]].isin(["–"]).any().any()
    assert "n_status_hidden" not in kf["quotas"]


# ----------------------------------------------------------------------------- across tables
def _number(v):
    """A published count as a whole number, or None when it is not shown ("<5", "–", null)."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    text = str(v).replace(",", "")
    return int(text) if text.isdigit() else None


def _reveal(shown: dict, key, value, truth) -> None:
    n = _number(value)
    if n is not None:
        assert n == truth[key], (key, value)  # a shown count is the true one
        shown[key] = n


def _truth(res) -> dict:
    out = {(v, str(c), s): int(n) for v, c, s, n in zip(res.funnel["variable"], res.funnel["category"],
                                                        res.funnel["stage"], res.funnel["count"])}
    out.update({(v, str(c), res.settings["stage"]): int(n) for v, c, n in
                zip(res.composition["variable"], res.composition["category"], res.composition["n"])})
    for col in ("started", "completed"):
        out.update({(v, str(c), col): int(n) for v, c, n in
                    zip(res.attrition["variable"], res.attrition["category"], res.attrition[f"n_{col}"])})
    return out


def _published(res, kf) -> dict:
    """Every count the report (HTML tables) and results.json show, by (variable, category, stage): the gaps
    table and ``variables`` (members at the composition's stage), ``funnel.strata`` (every stage), the
    drop-out table and ``attrition`` (started, completed)."""
    truth, shown, stage = _truth(res), {}, res.settings["stage"]
    gaps = dict(zip(gaps_display(res, "en")["Group"], gaps_display(res, "en")["Members"]))
    for var, block in kf["variables"].items():
        for cat, rec in block["categories"].items():
            _reveal(shown, (var, cat, stage), rec["n"], truth)
            _reveal(shown, (var, cat, stage), gaps[category_name(var, cat, "en")], truth)
    for var, cats in kf["funnel"]["strata"].items():
        for cat, recs in cats.items():
            for s, rec in recs.items():
                _reveal(shown, (var, cat, s), rec["count"], truth)
    table = attrition_table(res, "en")
    for i, (var, cat) in enumerate(zip(res.attrition["variable"], res.attrition["category"])):
        for col in ("started", "completed"):
            _reveal(shown, (var, str(cat), col), kf["attrition"][var][str(cat)][f"n_{col}"], truth)
            _reveal(shown, (var, str(cat), col), table[t(f"col_{col}", "en")].iloc[i], truth)
    return shown


def _per_table(res) -> dict:
    """What the previous, per-table suppression published: each table protected on its own."""
    truth, shown, stage = _truth(res), {}, res.settings["stage"]
    comp = publishable_composition(res.composition, MC)
    for v, c, n in zip(comp["variable"], comp["category"], comp["n"]):
        _reveal(shown, (v, str(c), stage), n, truth)
    fun = publishable_funnel(res.funnel, MC)
    for v, c, s, n in zip(fun["variable"], fun["category"], fun["stage"], fun["count"]):
        _reveal(shown, (v, str(c), s), n, truth)
    h = attrition_hidden(res.attrition, MC)
    for col in ("started", "completed"):
        hide = h[f"small_{col}"] | h[f"linked_{col}"]
        for v, c, n, x in zip(res.attrition["variable"], res.attrition["category"], res.attrition[f"n_{col}"], hide):
            _reveal(shown, (v, str(c), col), None if x else n, truth)
    return shown


def _cross_attack(res, kf, shown: dict, quotas: pd.DataFrame | None = None) -> list:
    """Per variable one block: a row per category, a column per funnel stage, each cell the count if any table
    shows it, else "<5" or "–" (the attacker is even told which); each stage's total (results.json), later
    stages at most earlier ones, and the bounds from the shown quota statuses on the composition's stage.
    Returns the small counts pinned to one value."""
    truth, stage = _truth(res), res.settings["stage"]
    stages = kf["funnel"]["stages"]
    # the true totals (worst case: the completed total is withheld when 1..4 dropped out)
    fun = res.funnel
    first = fun[fun["variable"] == fun["variable"].iloc[0]]
    totals = [int(first.loc[first["stage"] == s, "count"].sum()) for s in stages]
    q = None if quotas is None else quotas.set_index("Group")
    pinned, tried = [], 0
    for var, cats in kf["funnel"]["strata"].items():
        cells, lower, upper = [], {}, {}
        for i, cat in enumerate(cats):
            row = []
            for s in stages:
                n = truth[(var, cat, s)]
                row.append(shown[(var, cat, s)] if (var, cat, s) in shown else f"<{MC}" if 0 < n < MC else
                           "–" if n else 0)
            cells.append(row)
            name = category_name(var, cat, "en")
            if q is not None and name in q.index and q.loc[name, "Quota"] != "–":
                lo, hi = _status_bounds(q.loc[name, "Quota"].replace("\u00a0", " "),
                                        int(q.loc[name, "Minimum"]), int(q.loc[name, "Maximum"]))
                lower[(i, stages.index(stage))], upper[(i, stages.index(stage))] = lo, hi
        for cell, (lo, hi) in attack(cells, totals, ordered=True, lower=lower, upper=upper).items():
            tried += 1
            if lo == hi:
                pinned.append((var, list(cats)[cell[0]], stages[cell[1]], lo))
    assert tried >= 1
    return pinned


@pytest.mark.parametrize("name", SMALL)
def test_no_small_count_can_be_worked_out_across_tables(name):
    """Composition, funnel and drop-out (HTML and results.json) together, with the quota statuses: every
    count below min_cell keeps a second possible value, and a count hidden in one table is shown in none."""
    res, kf = _load(name)
    shown = _published(res, kf)
    assert not _cross_attack(res, kf, shown, quota_table(res, "en"))
    for key in S.disclosure(res).hidden:
        assert key not in shown, key


def test_the_cross_table_attacker_wins_on_per_table_suppression():
    """Each table protected on its own (the previous commit): the funnel shows 18-39 started = 12, which the
    composition and drop-out tables hide, so 65-79 = 30 - 12 - 14 = 4."""
    res, kf = _load("gemeente-30")
    pinned = _cross_attack(res, kf, _per_table(res))
    assert ("age_group", "65-79", "started", 4) in pinned
    assert _per_table(res)[("age_group", "18-39", "started")] == 12
