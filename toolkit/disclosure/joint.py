"""Disclosure control for the representativeness tables: which counts each published table hides, decided
once per forum for every table that publishes the same count.

The members per category (the composition at its stage), the recruitment funnel per stratum and stage, and
the drop-out table (members who started and completed per category) publish the same counts more than once:
the composition's "Members" is the funnel's count at the composition's stage (``started`` by default), and
the drop-out table's started and completed columns are the funnel's ``started`` and ``completed`` stages.
Each table protected on its own is not enough: a count hidden in one table but shown in another, together
with the totals, gives a small count away. :func:`joint_disclosure` therefore decides once, for all of
them, which counts to hide (:class:`Disclosure`), and :func:`publishable_composition`,
:func:`publishable_funnel`, :func:`attrition_hidden`, :func:`publishable_quotas` and :func:`named_hidden`
apply that one decision (in the report and in results.json). Without it (``disclosure=None``) each
function protects its own table only (used for tables that share no counts: two-way groups, the wider
public).

The integer programs live in :mod:`toolkit.disclosure.suppress`. Methods: docs/representativeness.md.
"""
from __future__ import annotations

from dataclasses import dataclass

from typing import Sequence

import numpy as np
import pandas as pd

from toolkit.stats.representativeness.funnel import STAGES
from toolkit.disclosure.linear import exposed, protect
from toolkit.disclosure.suppress import complementary_suppression, recoverable

__all__ = ["Disclosure", "joint_disclosure", "suppress_small_cells", "publishable_composition",
           "publishable_quotas", "publishable_funnel", "named_hidden", "attrition_hidden", "publishable_replacements",
           "publishable_intersections"]


# ----------------------------------------------------------------------------- one decision per forum
@dataclass(frozen=True, eq=False)
class Disclosure:
    """Which counts the representativeness tables of one forum hide (:func:`joint_disclosure`)."""

    min_cell: int | None
    stage: str                # the stage of the composition's counts
    table: pd.DataFrame       # variable, category and one column per stage: every count the tables publish
    hidden: frozenset         # (variable, category, stage) of every hidden count, small or not

    def hides(self, variable, category, stage) -> bool:
        """Whether the count of `category` of `variable` at `stage` is hidden (in every table)."""
        return (str(variable), str(category), str(stage)) in self.hidden


def _small(values, min_cell: int) -> pd.Series:
    n = pd.to_numeric(pd.Series(values), errors="coerce").fillna(0)
    return (n > 0) & (n < min_cell)


def _sources(composition, funnel, attrition, stage) -> list[tuple[pd.DataFrame, dict, bool]]:
    """Each table as (frame with variable, category and counts, count column -> stage, ordered)."""
    out = []
    if composition is not None and len(composition):
        out.append((composition[["variable", "category", "n"]], {"n": stage}, False))
    if funnel is not None and len(funnel):
        stages = list(dict.fromkeys(funnel["stage"]))
        wide = funnel.pivot_table(index=["variable", "category"], columns="stage", values="count", sort=False,
                                  aggfunc="first", dropna=False)[stages].reset_index()
        wide.columns = [str(c) for c in wide.columns]
        out.append((wide, {s: s for s in stages}, True))
    if attrition is not None and len(attrition):
        out.append((attrition[["variable", "category", "n_started", "n_completed"]],
                    {"n_started": "started", "n_completed": "completed"}, True))
    return out


def _union(sources) -> pd.DataFrame:
    """Every published count once: one row per category, one column per stage (in funnel order); where
    tables disagree the first one's count (funnel before composition before drop-out)."""
    cells: dict = {}
    for frame, cols, _ in sorted(sources, key=lambda s: len(s[1]), reverse=True):
        for col, stage in cols.items():
            for v, c, n in zip(frame["variable"], frame["category"], frame[col]):
                cells.setdefault((str(v), str(c)), {}).setdefault(stage, n)
    stages = [s for s in STAGES if any(s in row for row in cells.values())]
    stages += [s for row in cells.values() for s in row if s not in stages]
    rows = [{"variable": v, "category": c, **{s: row.get(s, np.nan) for s in stages}} for (v, c), row in cells.items()]
    return pd.DataFrame(rows, columns=["variable", "category", *dict.fromkeys(stages)])


def _keys(frame: pd.DataFrame, col: str, stage: str) -> list[tuple[str, str, str]]:
    return [(str(v), str(c), stage) for v, c in zip(frame["variable"], frame["category"])]


def joint_disclosure(composition: pd.DataFrame | None, funnel: pd.DataFrame | None = None,
                     attrition: pd.DataFrame | None = None, min_cell: int | None = 5, *,
                     stage: str = "started") -> Disclosure:
    """One decision, for the composition, the recruitment funnel and the drop-out table together, which
    counts to hide.

    A count is known by its variable, category and stage (the composition's counts are those at
    `stage`; the drop-out table's are those at ``started`` and ``completed``). It is hidden in every
    table that publishes it when it is hidden in one. Starting from the small counts (0 < n <
    `min_cell`) of every table, each table's complementary suppression
    (:func:`toolkit.disclosure.suppress.complementary_suppression`, per variable, with the totals and, for the
    funnel and drop-out, a later stage at most the earlier one) sees the counts already hidden in the
    others as hidden, and its choices are added; then the same for all counts together in one table
    (a column per stage); until nothing changes. An attacker who combines all three tables then has
    a second possible value for every small count.

    Parameters
    ----------
    composition : DataFrame or None
        :func:`toolkit.stats.representativeness.composition.composition` (``variable, category, n``) at `stage`.
    funnel : DataFrame, optional
        :func:`toolkit.stats.representativeness.funnel.funnel` (long: ``variable, category, stage, count``).
    attrition : DataFrame, optional
        :func:`toolkit.stats.representativeness.funnel.attrition` (``variable, category, n_started, n_completed``).
    min_cell : int or None
        The forum's ``min_cell_size``; None or 0: nothing is hidden.
    stage : str
        The stage of the composition's counts (forum.yml ``representativeness.stage``).

    Returns
    -------
    Disclosure

    Examples
    --------
    The composition alone would hide 18-39 only (65-79 = 30 - 12 - 14); but the funnel shows that at
    most 12 of the 18-39-year-olds drawn started, so with 18-39 hidden 65-79 is still 4 there. Together
    40-64 is hidden as well, in both tables:

    >>> comp = pd.DataFrame({"variable": "age", "category": ["18-39", "40-64", "65-79"], "n": [12, 14, 4]})
    >>> fun = pd.DataFrame({"variable": "age", "category": ["18-39", "40-64", "65-79"] * 2,
    ...                     "stage": ["drawn"] * 3 + ["started"] * 3, "count": [12, 15, 5, 12, 14, 4]})
    >>> d = joint_disclosure(comp, fun, None, 5)
    >>> sorted(d.hidden)
    [('age', '18-39', 'started'), ('age', '40-64', 'started'), ('age', '65-79', 'started')]
    >>> publishable_composition(comp, 5)["n"].tolist(), publishable_composition(comp, 5, d)["n"].tolist()
    ([<NA>, 14, <NA>], [<NA>, <NA>, <NA>])
    """
    sources = _sources(composition, funnel, attrition, stage)
    union = _union(sources) if sources else pd.DataFrame(columns=["variable", "category"])
    if not min_cell or not sources:
        return Disclosure(min_cell=min_cell, stage=stage, table=union, hidden=frozenset())
    blocks = [*sources, (union, {s: s for s in union.columns[2:]}, True)]
    hidden = {k for frame, cols, _ in blocks for col, s in cols.items()
              for k, small in zip(_keys(frame, col, s), _small(frame[col].to_numpy(), min_cell)) if small}
    while True:
        before = len(hidden)
        for frame, cols, ordered in blocks:
            frame = frame.reset_index(drop=True)
            start = pd.DataFrame({col: [k in hidden for k in _keys(frame, col, s)] for col, s in cols.items()})
            table = frame.assign(**{c: pd.to_numeric(frame[c], errors="coerce") for c in cols})
            linked = complementary_suppression(table, list(cols), min_cell, group_col="variable", ordered=ordered,
                                               hidden=start)
            for col, s in cols.items():
                hidden.update(k for k, h in zip(_keys(frame, col, s), linked[col]) if h)
        if attrition is not None and len(attrition):
            hidden.update(_dropped_linked(attrition, hidden, min_cell))
        if len(hidden) == before:
            return Disclosure(min_cell=min_cell, stage=stage, table=union, hidden=frozenset(hidden))


def _dropped_linked(attrition: pd.DataFrame, hidden: set, min_cell: int) -> set:
    """Counts of the drop-out table to hide as well so that no number who dropped out (started - completed)
    of 1..min_cell-1 in a category can be worked out (:func:`toolkit.disclosure.linear.protect`: per
    variable the totals of started and completed, completed <= started); a completed count is hidden
    before a started one (the started counts are the composition's)."""
    out = set()
    for var, part in attrition.groupby("variable", sort=False):
        k = len(part)
        counts = np.concatenate([pd.to_numeric(part["n_started"], errors="coerce").fillna(0).to_numpy(),
                                 pd.to_numeric(part["n_completed"], errors="coerce").fillna(0).to_numpy()])
        keys = ([(str(var), str(c), "started") for c in part["category"]]
                + [(str(var), str(c), "completed") for c in part["category"]])
        a_eq = np.zeros((2, 2 * k))
        a_eq[0, :k] = a_eq[1, k:] = 1
        a_ub = np.hstack([-np.eye(k), np.eye(k)])
        targets = [np.eye(2 * k)[i] - np.eye(2 * k)[k + i] for i in range(k)]
        linked = protect(counts, min_cell, a_eq=a_eq, a_ub=a_ub, targets=targets,
                         start=np.array([key in hidden for key in keys]),
                         cost=np.r_[np.ones(k), np.zeros(k)])  # completed first: started is the composition
        out.update(key for key, h in zip(keys, linked) if h)
    return out


def _linked(frame: pd.DataFrame, counts, stages, disclosure: Disclosure, min_cell: int) -> pd.Series:
    """Rows whose count (0 < n, not small) is hidden by `disclosure` at the stage of the row."""
    stages = [stages] * len(frame) if isinstance(stages, str) else list(stages)
    n = pd.to_numeric(pd.Series(list(counts), index=frame.index), errors="coerce").fillna(0)
    hid = pd.Series([disclosure.hides(v, c, s) for v, c, s in zip(frame["variable"], frame["category"], stages)],
                    index=frame.index, dtype=bool)
    return hid & (n >= min_cell)


# ----------------------------------------------------------------------------- the tables
def suppress_small_cells(
    table: pd.DataFrame,
    min_cell: int,
    count_col: str = "n",
    columns: Sequence[str] = ("n", "share", "ci_low", "ci_high", "diff_pp", "ratio", "flag"),
    *,
    group_col: str | None = None,
    lower: pd.DataFrame | None = None,
    upper: pd.DataFrame | None = None,
    linked: pd.Series | None = None,
) -> pd.DataFrame:
    """Blank out cells with 0 < count < `min_cell` before publishing, and with `group_col` also the counts
    from which one of them could be worked out.

    Parameters
    ----------
    table : DataFrame
    min_cell : int
    count_col : str
    columns : sequence of str
        Columns to blank (those present).
    group_col : str, optional
        Rows whose counts add up to a published total (e.g. ``"variable"``): secondary suppression
        within each group (:func:`toolkit.disclosure.suppress.complementary_suppression`). Default: primary only.
    lower, upper : DataFrame, optional
        Further published bounds per count (column `count_col`), passed on.
    linked : Series of bool, optional
        Instead of `group_col`: the counts to hide as well, decided already (:func:`joint_disclosure`).

    Returns
    -------
    DataFrame
        A copy with those cells NaN and bool columns ``suppressed`` (small or linked) and, with
        `group_col`, ``linked`` (hidden only so that a small count cannot be worked out).

    Raises
    ------
    KeyError
        When `table` has no column `count_col`.

    Examples
    --------
    >>> t = pd.DataFrame({"category": ["a", "b"], "n": [2, 40], "share": [0.05, 0.95]})
    >>> suppress_small_cells(t, 5)
      category     n  share  suppressed
    0        a  <NA>    NaN        True
    1        b    40   0.95       False
    """
    out = table.copy()
    small = (out[count_col] > 0) & (out[count_col] < min_cell)
    if linked is None and group_col:
        linked = complementary_suppression(out, [count_col], min_cell, group_col=group_col, lower=lower,
                                           upper=upper)[count_col]
    hide = small | linked if linked is not None else small
    for col in columns:
        if col in out.columns:
            out[col] = _blank(out[col], hide)
    out["suppressed"] = hide.to_numpy()
    if linked is not None:
        out["linked"] = linked.to_numpy()
    return out


def _blank(values: pd.Series, mask) -> pd.Series:
    """`values` missing where `mask`: Int64 for whole numbers, float for numbers, None for text (a flag)."""
    if pd.api.types.is_integer_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.astype("Int64").mask(mask)
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.astype(float).mask(mask)
    return values.astype(object).mask(mask, None)


def _status_bounds(quotas: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """What a quota's status with its minimum and maximum tells about its count: lowest and highest value."""
    lo = pd.Series(-np.inf, index=quotas.index)
    hi = pd.Series(np.inf, index=quotas.index)
    qmin, qmax = quotas["min"].astype(float), quotas["max"].astype(float)
    met, below, above = (quotas["status"] == s for s in ("met", "below", "above"))
    lo[met], hi[met] = qmin[met].fillna(-np.inf), qmax[met].fillna(np.inf)
    hi[below] = qmin[below] - 1
    lo[above] = qmax[above] + 1
    return lo, hi


def _quota_index(composition: pd.DataFrame, quotas: pd.DataFrame) -> pd.Series:
    """For each quota row the composition row of the same variable and category (NaN when none)."""
    where = {(v, str(c)): i for i, v, c in zip(composition.index, composition["variable"], composition["category"])}
    return pd.Series([where.get((v, str(c))) for v, c in zip(quotas["variable"], quotas["category"])],
                     index=quotas.index, dtype=object)


def publishable_composition(composition: pd.DataFrame, min_cell: int | None,
                            disclosure: Disclosure | None = None) -> pd.DataFrame:
    """Members per category as published: small counts and the counts they could be worked out from hidden.

    Per variable the total (``n_total``) is published, so besides the counts with 0 < n < `min_cell`
    (primary) the counts chosen by :func:`toolkit.disclosure.suppress.complementary_suppression` are hidden
    (secondary), with the figures computed from them. Works for any table of counts per category of
    a variable whose total is published (composition, two-way groups, the wider public). With
    `disclosure` the counts it hides at its stage are hidden instead (the members per category are
    published in the funnel and drop-out tables too).

    Parameters
    ----------
    composition : DataFrame
        :func:`toolkit.stats.representativeness.composition.composition` (``variable, category, n`` and the figures of :func:`suppress_small_cells`).
    min_cell : int or None
    disclosure : Disclosure, optional
        :func:`joint_disclosure` of the forum (for its composition only).

    Returns
    -------
    DataFrame
        As :func:`suppress_small_cells`, ``suppressed`` True for small and linked counts, plus a bool
        column ``linked`` (hidden only because a small count could be worked out from it).

    Examples
    --------
    >>> c = pd.DataFrame({"variable": "age_group", "category": ["18-39", "40-64", "65-79"], "n": [12, 14, 4],
    ...                   "share": [0.4, 0.47, 0.13]})
    >>> publishable_composition(c, 5)[["n", "share", "suppressed", "linked"]]
          n  share  suppressed  linked
    0  <NA>    NaN        True    True
    1    14   0.47       False   False
    2  <NA>    NaN        True   False
    """
    if not min_cell:
        return composition.assign(suppressed=False, linked=False)
    if disclosure is not None:
        return suppress_small_cells(composition, min_cell, linked=_linked(composition, composition["n"],
                                                                         disclosure.stage, disclosure, min_cell))
    return suppress_small_cells(composition, min_cell, group_col="variable")


def publishable_quotas(quotas: pd.DataFrame, composition: pd.DataFrame, min_cell: int | None,
                       disclosure: Disclosure | None = None) -> pd.DataFrame:
    """The quota table as published: n and gap blank where the composition hides the count, and the status
    blank where, with its minimum and maximum, it would give a hidden count away.

    A status bounds the count (met: min..max, below: < min, above: > max). Per variable, while some
    small count takes one value only given the published composition (shown counts, total, hidden
    counts) and the shown statuses of hidden counts (:func:`toolkit.disclosure.suppress.recoverable`), the status
    of that count is hidden, or else the status of another hidden count of the variable. With
    `disclosure`, the counts hidden are its own and the attacker also knows every other table it
    covers (funnel, drop-out: :attr:`Disclosure.table`, each stage's total, later stages at most
    earlier ones).

    Parameters
    ----------
    quotas : DataFrame
        :func:`toolkit.stats.representativeness.composition.quota_check`.
    composition : DataFrame
        The composition the quotas were checked on (before suppression); what is hidden of it is
        :func:`publishable_composition`.
    min_cell : int or None
    disclosure : Disclosure, optional
        :func:`joint_disclosure` of the forum.

    Returns
    -------
    DataFrame
        A copy with ``n`` and ``gap`` (Int64) and ``status`` masked (NA/None), and bool columns
        ``suppressed`` (n hidden, small or linked), ``small`` and ``status_hidden``.

    Examples
    --------
    "<5" and met with a minimum of 4 would mean exactly 4:

    >>> c = pd.DataFrame({"variable": "v", "category": ["a", "b", "c"], "n": [20, 6, 4]})
    >>> q = pd.DataFrame({"variable": "v", "category": ["a", "c"], "n": [20, 4], "min": [10, 4],
    ...                   "max": [25, 8], "met": True, "status": "met", "gap": 0})
    >>> publishable_quotas(q, c, 5)[["category", "n", "status", "gap"]]
      category     n status   gap
    0        a    20    met     0
    1        c  <NA>   None  <NA>
    """
    out = quotas.copy()
    if not min_cell:
        return out.assign(suppressed=False, small=False, status_hidden=False)
    published = publishable_composition(composition, min_cell, disclosure)
    rows = _quota_index(published, quotas)
    n = pd.to_numeric(quotas["n"], errors="coerce").fillna(0)
    small = (n > 0) & (n < min_cell)
    hidden = small | pd.Series([bool(pd.notna(r) and published.loc[r, "suppressed"]) for r in rows],
                               index=quotas.index)
    status_hidden = pd.Series(False, index=quotas.index)
    lo, hi = _status_bounds(quotas)
    with_comp = rows.notna() & hidden
    if with_comp.any():
        views = [(composition[["variable", "category", "n"]], {"n": None}, False,
                  published[["linked"]].rename(columns={"linked": "n"}).astype(bool))]
        if disclosure is not None and len(disclosure.table):
            u = disclosure.table
            cols = [c for c in u.columns[2:]]
            mask = pd.DataFrame({c: _linked(u, u[c], c, disclosure, min_cell).to_numpy() for c in cols}, index=u.index)
            views.append((u.assign(**{c: pd.to_numeric(u[c], errors="coerce") for c in cols}),
                          {c: c for c in cols}, True, mask))
        while True:
            use = with_comp & ~status_hidden
            pinned = None
            for frame, cols, ordered, linked in views:
                where = {(str(v), str(c)): i for i, v, c in zip(frame.index, frame["variable"], frame["category"])}
                lower = pd.DataFrame(np.nan, index=frame.index, columns=list(cols))
                upper = lower.copy()
                col = next((c for c, st in cols.items() if st in (None, disclosure.stage if disclosure else None)),
                           None)
                if col is not None:
                    for q in use[use].index:
                        r = where.get((str(quotas.loc[q, "variable"]), str(quotas.loc[q, "category"])))
                        if r is not None:
                            lower.loc[r, col], upper.loc[r, col] = lo[q], hi[q]
                got = recoverable(frame, list(cols), min_cell, linked, group_col="variable", ordered=ordered,
                                  lower=lower, upper=upper).any(axis=1)
                if got.any():
                    first = got[got].index[0]
                    pinned = (str(frame.loc[first, "variable"]), str(frame.loc[first, "category"]))
                    break
            if pinned is None:
                break
            mine = use & (quotas["variable"].astype(str) == pinned[0]) & (quotas["category"].astype(str) == pinned[1])
            same = use & (quotas["variable"].astype(str) == pinned[0])
            if not (mine.any() or same.any()):
                break  # cannot happen: the tables alone protect their counts
            status_hidden[mine[mine].index[0] if mine.any() else same[same].index[0]] = True
    out["n"] = out["n"].astype("Int64").mask(hidden)
    out["gap"] = out["gap"].astype("Int64").mask(hidden)  # n - min or n - max: gives n away
    out["status"] = out["status"].astype(object).mask(status_hidden, None)
    return out.assign(suppressed=hidden.to_numpy(), small=small.to_numpy(), status_hidden=status_hidden.to_numpy())


_FUNNEL_FIGURES = ("count", "rate_prev", "rate_letters", "rel_rate_prev", "share_of_stage")


def publishable_funnel(funnel_table: pd.DataFrame, min_cell: int | None,
                       disclosure: Disclosure | None = None) -> pd.DataFrame:
    """The strata of the recruitment funnel as published.

    Everyone at each stage is published, so per variable each stage's total is known; counts with
    0 < n < `min_cell` are hidden, with the counts chosen by
    :func:`toolkit.disclosure.suppress.complementary_suppression` (a later stage counting at most as many as the
    one before it, where it does). Blank with a hidden count: its rates and share, the rates of the
    next stage (computed from it), and a stratum's rates against letters when its letters are hidden.
    With `disclosure` the counts it hides are hidden instead (the same counts as in the composition
    and drop-out tables).

    Parameters
    ----------
    funnel_table : DataFrame
        :func:`toolkit.stats.representativeness.funnel.funnel` (long: ``variable, category, stage, count`` and the rates).
    min_cell : int or None
    disclosure : Disclosure, optional
        :func:`joint_disclosure` of the forum.

    Returns
    -------
    DataFrame
        A copy with hidden figures NaN (``count`` Int64) and bool columns ``suppressed`` (count
        hidden), ``linked`` (hidden though not small).

    Examples
    --------
    >>> f = pd.DataFrame({"variable": "v", "category": ["a"] * 2 + ["b"] * 2 + ["c"] * 2,
    ...                   "stage": ["letters", "started"] * 3, "count": [500, 12, 400, 14, 300, 4]})
    >>> publishable_funnel(f, 5)["count"].tolist()
    [500, <NA>, 400, 14, 300, <NA>]
    """
    out = funnel_table.copy()
    if not min_cell or out.empty:
        return out.assign(suppressed=False, linked=False)
    stages = list(dict.fromkeys(out["stage"]))
    key = list(zip(out["variable"], out["category"]))
    if disclosure is not None:
        linked = _linked(out, out["count"], out["stage"], disclosure, min_cell)
    else:
        wide = out.pivot_table(index=["variable", "category"], columns="stage", values="count", sort=False,
                               aggfunc="first", dropna=False)[stages]
        wide = wide.reset_index()
        linked_wide = complementary_suppression(wide, stages, min_cell, group_col="variable", ordered=True)
        linked_wide.index = pd.MultiIndex.from_frame(wide[["variable", "category"]])
        linked = pd.Series([bool(linked_wide.loc[k, s]) for k, s in zip(key, out["stage"])], index=out.index)
    n = pd.to_numeric(out["count"], errors="coerce").fillna(0)
    hidden = ((n > 0) & (n < min_cell)) | linked
    by_cell = dict(zip(zip(key, out["stage"]), hidden))
    prev = {s: stages[i - 1] for i, s in enumerate(stages) if i}
    prev_hidden = pd.Series([bool(by_cell.get((k, prev.get(s)), False)) for k, s in zip(key, out["stage"])],
                            index=out.index)
    first_hidden = pd.Series([bool(by_cell.get((k, stages[0]), False)) for k in key], index=out.index)
    blank = {"count": hidden, "share_of_stage": hidden, "rate_prev": hidden | prev_hidden,
             "rel_rate_prev": hidden | prev_hidden, "rate_letters": hidden | first_hidden}
    for col, mask in blank.items():
        if col in out.columns:
            whole = pd.api.types.is_integer_dtype(out[col])
            out[col] = out[col].astype("Int64" if whole else float).mask(mask)
    return out.assign(suppressed=hidden.to_numpy(), linked=linked.to_numpy())


def named_hidden(named_groups: pd.DataFrame, published: pd.DataFrame, min_cell: int | None) -> pd.DataFrame:
    """Named groups as published: a group adds up categories of one variable, so its count (and figures)
    is hidden when one of its categories' counts is (else it would give that count away).

    Parameters
    ----------
    named_groups : DataFrame
        :func:`toolkit.stats.representativeness.composition.flag_named_groups`, after :func:`suppress_small_cells` (``suppressed``).
    published : DataFrame
        :func:`publishable_composition` of the composition.
    min_cell : int or None

    Returns
    -------
    DataFrame
        A copy with the figures NaN and ``suppressed`` True for those groups.
    """
    if not min_cell or named_groups is None or named_groups.empty:
        return named_groups
    hidden = {(v, str(c))
              for v, c, h in zip(published["variable"], published["category"], published["suppressed"]) if h}
    extra = pd.Series([any((v, c) in hidden for c in str(cats).split("|"))
                       for v, cats in zip(named_groups["variable"], named_groups["categories"])],
                      index=named_groups.index)
    out = named_groups.copy()
    for col in ("n", "share", "ci_low", "ci_high", "diff_pp", "ratio", "flag"):
        if col in out.columns:
            out[col] = _blank(out[col], extra)
    out["suppressed"] = out["suppressed"].astype(bool) | extra
    return out


def attrition_hidden(attrition: pd.DataFrame, min_cell: int | None,
                     disclosure: Disclosure | None = None) -> pd.DataFrame:
    """Which counts of the drop-out table are not shown, and why.

    *Small*: a count of members who started or completed with 0 < n < `min_cell` (shown as ``"<n"``).
    *Linked* (secondary suppression, :func:`toolkit.disclosure.suppress.complementary_suppression`): per variable
    the counts obey started = completed + dropped in every group, and the totals of started and completed members are published (through the other variables
    and in the section's text), so one hidden count could be worked out from the others. While a small
    count takes one value only in every table of whole numbers that agrees with what is shown (the shown
    counts, the totals, dropped >= 0, 1..n-1 for a small count, at least n for a linked one), the smallest
    shown count whose hiding gives it a second possible value is hidden too (shown as ``"–"``), the
    smallest shown count when no single one does.

    Parameters
    ----------
    attrition : DataFrame
        :func:`toolkit.stats.representativeness.funnel.attrition` (``variable``, ``n_started``, ``n_completed``).
    min_cell : int or None
        The forum's ``min_cell_size``; None or 0: nothing is hidden.
    disclosure : Disclosure, optional
        :func:`joint_disclosure` of the forum: its hidden counts at ``started`` and ``completed`` are the
        linked ones (the same counts as in the funnel and the composition).

    Returns
    -------
    DataFrame
        Same index; bool columns ``small_started``, ``small_completed``, ``linked_started``,
        ``linked_completed``.

    Examples
    --------
    The 65-79-year-olds (4 started, 4 completed) could be worked out as 30 - 12 - 14 and 27 - 10 - 13:

    >>> a = pd.DataFrame({"variable": "age_group", "n_started": [12, 14, 4], "n_completed": [10, 13, 4]})
    >>> attrition_hidden(a, 5)
       small_started  small_completed  linked_started  linked_completed
    0          False            False            True              True
    1          False            False           False             False
    2           True             True           False             False
    """
    cols = ["small_started", "small_completed", "linked_started", "linked_completed"]
    out = pd.DataFrame(False, index=attrition.index, columns=cols)
    if not min_cell:
        return out
    counts = ["n_started", "n_completed"]
    if disclosure is not None:
        linked = pd.DataFrame({c: _linked(attrition, attrition[c], c.replace("n_", ""), disclosure, min_cell)
                               for c in counts}, index=attrition.index)
    else:
        linked = complementary_suppression(attrition, counts, min_cell, group_col="variable", ordered=True)
    for col in counts:
        n = pd.to_numeric(attrition[col], errors="coerce").fillna(0)
        out[col.replace("n_", "small_")] = ((n > 0) & (n < min_cell)).to_numpy()
        out[col.replace("n_", "linked_")] = linked[col].to_numpy()
    return out




def publishable_replacements(match: pd.DataFrame | None, min_cell: int | None) -> pd.DataFrame | None:
    """Replacements as published: how many drawn members were replaced, and per variable the share whose
    replacement had the same category.

    With 1..min_cell-1 replacements their number and every share are hidden (a share of 2 pairs is a
    count of 0, 1 or 2). Otherwise a share is hidden where the pairs that match, or those that do not,
    number 1..min_cell-1 (share times the number of pairs gives them).

    Parameters
    ----------
    match : DataFrame or None
        :func:`toolkit.stats.representativeness.funnel.replacement_match` (``variable, n_pairs, n_same, share_same``).
    min_cell : int or None

    Returns
    -------
    DataFrame or None
        A copy, ``n_pairs`` and ``n_same`` Int64 and ``share_same`` float with hidden values missing, and a
        bool column ``small`` (1..min_cell-1 replacements).

    Examples
    --------
    >>> m = pd.DataFrame({"variable": ["gender", "region"], "n_pairs": 2, "n_same": [2, 1], "share_same": [1.0, 0.5]})
    >>> publishable_replacements(m, 5)[["n_pairs", "share_same", "small"]]
       n_pairs  share_same  small
    0     <NA>         NaN   True
    1     <NA>         NaN   True
    >>> m = pd.DataFrame({"variable": ["gender", "region"], "n_pairs": 12, "n_same": [10, 6], "share_same": [10 / 12, 0.5]})
    >>> publishable_replacements(m, 5)["share_same"].round(2).tolist()
    [nan, 0.5]
    """
    if match is None:
        return None
    out = match.copy()
    n = pd.to_numeric(out["n_pairs"], errors="coerce").fillna(0)
    same = pd.to_numeric(out["n_same"], errors="coerce").fillna(0)
    small = _small(n.to_numpy(), min_cell).to_numpy() if min_cell else np.zeros(len(out), dtype=bool)
    share = (_small(same.to_numpy(), min_cell) | _small((n - same).to_numpy(), min_cell)).to_numpy() \
        if min_cell else np.zeros(len(out), dtype=bool)
    out["n_pairs"] = out["n_pairs"].astype("Int64").mask(small)
    out["n_same"] = out["n_same"].astype("Int64").mask(small | share)
    out["share_same"] = out["share_same"].astype(float).mask(small | share)
    return out.assign(small=small)


def publishable_intersections(intersections: pd.DataFrame, composition: pd.DataFrame, min_cell: int | None,
                              sep: str = ":") -> pd.DataFrame:
    """Two-way groups (``variable`` "a:b", ``category`` "x:y") as published, against their one-way margins.

    The attacker knows, per joint variable, the members in each category of either part (the composition,
    assumed known even where it hides them) and the total, so a two-way cell is a row or column margin
    minus the other cells of its row or column (man:65-79 = men - man:18-39 - man:40-64). Small cells are
    hidden, and further cells (:func:`toolkit.disclosure.linear.protect` with every margin as an equation)
    until none can be worked out; when even every cell hidden does not do (its zeros and the margins give
    one away), the joint variable is withheld: column ``withheld``, its rows are not published at all.

    Parameters
    ----------
    intersections : DataFrame
        :func:`toolkit.stats.representativeness.composition.intersections`.
    composition : DataFrame
        The one-way composition (``variable, category, n``).
    min_cell : int or None
    sep : str
        Separator of the joint names (``toolkit.stats.representativeness.composition.JOINT_SEP``).

    Returns
    -------
    DataFrame
        As :func:`suppress_small_cells` with ``linked`` set, and ``withheld``.

    Examples
    --------
    Men 10 (of them 9 young, 1 old), women 10 (6 young, 4 old): a shown 9 gives the man's 1 as 10 - 9:

    >>> inter = pd.DataFrame({"variable": "g:a", "category": ["m:y", "m:o", "v:y", "v:o"], "n": [9, 1, 6, 4],
    ...                       "share": [.45, .05, .3, .2]})
    >>> comp = pd.DataFrame({"variable": ["g", "g", "a", "a"], "category": ["m", "v", "y", "o"], "n": [10, 10, 15, 5]})
    >>> publishable_intersections(inter, comp, 5)["n"].tolist()
    [<NA>, <NA>, <NA>, <NA>]
    """
    if not min_cell or intersections is None or intersections.empty:
        return intersections if intersections is None else intersections.assign(suppressed=False, linked=False,
                                                                                withheld=False)
    margins = {(str(v), str(c)): float(n) for v, c, n in zip(composition["variable"], composition["category"],
                                                              pd.to_numeric(composition["n"], errors="coerce").fillna(0))}
    linked = pd.Series(False, index=intersections.index)
    withheld = pd.Series(False, index=intersections.index)
    for var, part in intersections.groupby("variable", sort=False):
        va, vb = str(var).split(sep, 1)
        cats = [str(c).split(sep, 1) for c in part["category"]]
        counts = pd.to_numeric(part["n"], errors="coerce").fillna(0).to_numpy(dtype=float)
        rows = [np.ones(len(part))]
        for j, v in ((0, va), (1, vb)):
            for c in dict.fromkeys(x[j] for x in cats):
                if (v, c) in margins:
                    rows.append(np.array([x[j] == c for x in cats], dtype=float))
        a_eq = np.vstack(rows)
        hide = protect(counts, min_cell, a_eq=a_eq)
        small = (counts > 0) & (counts < min_cell)
        if exposed(counts, hide | small, min_cell, a_eq=a_eq):
            withheld[part.index] = True  # even every count hidden gives one away (its zeros, the margins)
        linked[part.index] = hide & ~small
    return suppress_small_cells(intersections, min_cell, linked=linked).assign(withheld=withheld.to_numpy())
