"""Read and check the lottery's pool: the registrants the panel was drawn from (docs/lottery.md).

The pool holds the features the organiser selected on (the quota variables) for everyone who could
be drawn: one row per registrant (``pool_id`` and the features), or one row per combination of
features with its number of registrants (the features and ``count``). :func:`read_pool` reads either
form into one row per registrant; :func:`lottery_problems` checks the pool against the quotas, the
roster and forum.yml ``lottery:`` (what ``forum-eval check`` lists).
"""
from __future__ import annotations

from typing import Mapping, Sequence

import pandas as pd
import pandera.pandas as pa

from toolkit.errors import Problem, raise_if_problems
from toolkit.intake.agreement import category_problems
from toolkit.intake.tables import count_column, duplicates, file_name, parse, read_cells, text_column, validate

__all__ = ["read_pool", "lottery_problems", "drawn_members", "POOL_ID", "POOL_COUNT", "METHODS", "REFUSED_METHODS"]

#: The pool's id column (one row per registrant) and count column (one row per combination of features).
POOL_ID, POOL_COUNT = "pool_id", "count"
#: Selection methods the audit computes with sortition-algorithms (forum.yml ``lottery.method``).
METHODS = ("maximin", "nash", "legacy")
#: Methods of sortition-algorithms the audit refuses, and why.
REFUSED_METHODS = {
    "leximin": "leximin needs the commercial solver Gurobi, which a fresh machine does not have; use maximin "
               "(leximin's first step: it maximises the lowest selection probability) or nash",
    "diversimax": "diversimax does not give selection probabilities (it returns one panel); use maximin, nash "
                  "or legacy",
}


def read_pool(path, features: Sequence[str] | None = None, collect: list | None = None) -> pd.DataFrame:
    """Read the pool: one row per registrant, or one row per combination of features with a count.

    Parameters
    ----------
    path : str or Path
        CSV or XLSX with ``pool_id`` and one column per feature (one row per registrant, the id as
        the roster's ``member_id`` gives it for those drawn), or the feature columns and ``count``
        (registrants with that combination; whole numbers >= 0).
    features : sequence of str, optional
        The features (the quota variables); these columns are then required and may not be empty.
    collect : list, optional
        When given, duplicate ids (or combinations) are appended to it instead of raised, so that
        ``forum-eval check`` lists them with the pool's other problems (the roster, the quotas).

    Returns
    -------
    DataFrame
        ``pool_id`` (str) and the feature columns (str), one row per registrant. A counts file's
        registrants get the ids ``<row>-<k>`` (row of the file, k = 1..count): they cannot be
        matched to the roster by id.

    Raises
    ------
    InputError
        Every problem: missing columns, empty features, counts that are not whole numbers,
        duplicate ids (or duplicate combinations in a counts file).

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "pool.csv")
    >>> _ = open(p, "w").write("pool_id,gender\\nP1,vrouw\\nP2,man\\n")
    >>> read_pool(p, ["gender"])
      pool_id gender
    0      P1  vrouw
    1      P2    man
    >>> _ = open(p, "w").write("gender,count\\nvrouw,2\\nman,1\\n")
    >>> read_pool(p, ["gender"])["pool_id"].tolist()
    ['2-1', '2-2', '3-1']
    """
    file = file_name(path)
    raw, comma = read_cells(path)
    feats = [str(f) for f in (features or [])]
    counted = POOL_COUNT in raw.columns and POOL_ID not in raw.columns
    cols = {f: text_column() for f in feats}
    if counted:
        df, problems = parse(raw, {POOL_COUNT: "int"}, file, comma)
        cols[POOL_COUNT] = count_column()
        valid, problems = validate(df, pa.DataFrameSchema(cols, strict=False), file, problems,
                                   {f: "Give every combination's value of each feature" for f in feats})
        dups = duplicates(df, feats, file) if feats else []
    else:
        cols = {POOL_ID: text_column(), **cols}
        valid, problems = validate(raw, pa.DataFrameSchema(cols, strict=False), file, [],
                                   {POOL_ID: "Give every registrant an id (the roster's member_id for those drawn), "
                                             "or give one row per combination of features with a column count",
                                    **{f: "Give every registrant's value of each feature used in the draw"
                                       for f in feats}})
        dups = duplicates(raw, [POOL_ID], file)
    if collect is None or problems:
        problems += dups
    else:
        collect.extend(dups)
    raise_if_problems(problems)
    out = valid
    if counted:
        rows = [(f"{r}-{k}", *vals) for r, n, vals in zip(out.index, out[POOL_COUNT],
                                                          out[feats].itertuples(index=False, name=None))
                for k in range(1, int(n) + 1)]
        expanded = pd.DataFrame(rows, columns=[POOL_ID, *feats])
        expanded.attrs["counted"] = True  # ids made here: not the roster's
        return expanded
    return out[[POOL_ID, *[c for c in out.columns if c != POOL_ID]]].reset_index(drop=True)


def drawn_members(members: pd.DataFrame) -> pd.DataFrame:
    """The members drawn in the lottery: the roster without those drawn later as replacements.

    Examples
    --------
    >>> m = pd.DataFrame({"member_id": ["a", "b", "c"], "replaces": [None, None, "a"]})
    >>> drawn_members(m)["member_id"].tolist()
    ['a', 'b']
    """
    if "replaces" not in members.columns:
        return members
    return members[members["replaces"].isna()]


def lottery_problems(pool: pd.DataFrame, quotas: pd.DataFrame | None, members: pd.DataFrame | None,
                     lottery: Mapping | None, *, pool_file: str, forum_file: str, quotas_file: str = "quotas",
                     counted: bool = False, member_counts: pd.DataFrame | None = None) -> list[Problem]:
    """The pool against the quotas, the roster and forum.yml ``lottery:``.

    Parameters
    ----------
    pool : DataFrame
        From :func:`read_pool`.
    quotas : DataFrame or None
        From :func:`toolkit.intake.recruitment.read_quotas`; its variables are the features.
    members : DataFrame or None
        The roster (``member_id``, ``replaces``); those without ``replaces`` are the drawn panel.
    member_counts : DataFrame, optional
        Without a roster: member counts per category whose ``drawn`` column is the drawn panel.
    lottery : mapping or None
        forum.yml ``lottery:`` (``panel_size``, ``method``), checked for its keys and types already.
    pool_file, forum_file, quotas_file : str
        How the problems name the files.
    counted : bool
        Whether the pool came as counts per combination (its ids cannot be matched to the roster).

    Returns
    -------
    list of Problem
        The pool has every quota variable as a column; pool and quotas name the same categories (both
        ways); ``lottery.method`` is given and one of :data:`METHODS`; ``lottery.panel_size`` equals the
        number of drawn members in the roster; every drawn member is in the pool (how many are not,
        never which).

    Examples
    --------
    >>> pool = pd.DataFrame({"pool_id": ["a", "b", "c"], "gender": ["man", "vrouw", "man"]})
    >>> q = pd.DataFrame({"variable": ["gender", "gender"], "category": ["man", "vrouw"], "min": [1, 1], "max": [1, 1]})
    >>> m = pd.DataFrame({"member_id": ["a", "x"], "replaces": [None, None]})
    >>> [p.message for p in lottery_problems(pool, q, m, {"panel_size": 2, "method": "nash"}, pool_file="pool.csv",
    ...                                      forum_file="forum.yml")]
    ['1 of the 2 drawn members in the roster are not in the pool (by member_id against pool_id)']
    """
    problems: list[Problem] = []
    lottery = dict(lottery or {})
    method, size = lottery.get("method"), lottery.get("panel_size")
    if method is None:
        problems.append(Problem(forum_file, "a pool is given (inputs.pool) but no lottery.method",
                                f"Add lottery: {{method: maximin}} (one of {', '.join(METHODS)}): the method the "
                                "organiser drew the panel with"))
    elif method in REFUSED_METHODS:
        problems.append(Problem(forum_file, f"lottery.method {method!r} cannot be audited",
                                REFUSED_METHODS[method][:1].upper() + REFUSED_METHODS[method][1:], value=method))
    elif method not in METHODS:
        problems.append(Problem(forum_file, f"unknown lottery.method {method!r}", f"Use one of {', '.join(METHODS)}",
                                value=method))
    if size is None:
        problems.append(Problem(forum_file, "a pool is given (inputs.pool) but no lottery.panel_size",
                                "Add lottery: {panel_size: <the number drawn>}"))
    if quotas is None or quotas.empty:
        problems.append(Problem(forum_file, "a pool is given (inputs.pool) but no quotas (inputs.quotas)",
                                "Give the quotas the panel was drawn with: their variables are the features of the draw"))
        return problems
    features = list(dict.fromkeys(quotas["variable"].astype(str)))
    lacking = [f for f in features if f not in pool.columns]
    if lacking:
        problems.append(Problem(pool_file, f"the pool has no column for the quota variable(s) {', '.join(lacking)}",
                                "Give every registrant's value of each quota variable (or map the column: "
                                "inputs.pool.columns)", row=1, column=lacking[0]))
    q_cats = quotas.groupby("variable", sort=False)["category"].agg(lambda c: list(map(str, c))).to_dict()
    p_cats = {f: list(dict.fromkeys(pool[f].astype(str))) for f in features if f in pool.columns}
    problems += category_problems(p_cats, q_cats, file=pool_file, side_name=pool_file, benchmark_name=quotas_file,
                                  recode_key="forum.yml inputs.pool.recode")
    if members is None and member_counts is not None and "drawn" in member_counts.columns:
        totals = member_counts.groupby("variable", sort=False)["drawn"].sum()
        total = int(totals.iloc[0]) if len(totals) else 0
        if isinstance(size, int) and not isinstance(size, bool) and size != total:
            problems.append(Problem(forum_file, f"lottery.panel_size is {size}, but the member counts have {total} "
                                    "drawn members", f"Write panel_size: {total}, or correct the counts", value=size))
        return problems
    if members is None:
        problems.append(Problem(forum_file, "a pool is given (inputs.pool) but no roster (inputs.members) and no "
                                "member counts at the drawn stage (inputs.member_counts with a column drawn)",
                                "Give the roster of the members drawn, or their counts per category: the audit "
                                "compares the drawn panel with the panels the method produces"))
        return problems
    drawn = drawn_members(members)
    if isinstance(size, int) and not isinstance(size, bool) and size != len(drawn):
        problems.append(Problem(forum_file, f"lottery.panel_size is {size}, but the roster has {len(drawn)} drawn "
                                "members (members without replaces)",
                                f"Write panel_size: {len(drawn)}, or complete the roster", value=size))
    if not counted:
        missing = int((~drawn["member_id"].astype(str).isin(set(pool[POOL_ID].astype(str)))).sum())
        if missing:
            problems.append(Problem(pool_file, f"{missing} of the {len(drawn)} drawn members in the roster are not in "
                                    "the pool (by member_id against pool_id)",
                                    "Give every drawn member's pool_id as the roster's member_id (or map the "
                                    "column: inputs.pool.columns)"))
    return problems
