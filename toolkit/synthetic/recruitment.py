"""Synthetic recruitment inputs for the example forum (everything written here is made up).

:func:`make_recruitment` takes the example forum's member roster and writes a recruitment
funnel, quotas, reference attitudes and a wider-public consultation export that agree with it.
Every file says it is synthetic (a ``source`` column with the value ``synthetic``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

import numpy as np
import pandas as pd

from toolkit.benchmarks.cbs import default_benchmark_path

__all__ = ["SYNTHETIC", "DEFAULT_ATTITUDE_ITEMS", "POOL_SHARES", "make_recruitment", "make_pool", "roster_to_counts"]

SYNTHETIC = "synthetic"
#: Relative chance to register after a letter (1 = average); groups the Dutch letter of 2023
#: names as hard to reach fall away more.
_PROPENSITY = {
    ("age_group", "18-39"): 0.55, ("age_group", "80+"): 0.6, ("age_group", "65-79"): 1.2,
    ("migration_background", "westers"): 0.8, ("migration_background", "niet-westers"): 0.45,
    ("education", "laag"): 0.45, ("education", "middelbaar"): 0.8, ("education", "hoog"): 1.6,
    ("gender", "man"): 1.05, ("region", "West"): 1.1, ("region", "Noord"): 0.9,
}
#: Reference opinions for the example forum's 0-10 items (toolkit.synthetic.attitudes):
#: item -> category, answer codes that count, invented national share.
DEFAULT_ATTITUDE_ITEMS: dict[str, dict] = {
    "CLIM1": {"category": "eens: de overheid moet meer doen tegen klimaatverandering", "codes": "6-10",
              "share": 0.62},
    "CLIM6": {"category": "eens: kernenergie hoort in de energiemix", "codes": "6-10", "share": 0.52},
    "CLIM8": {"category": "vertrouwen in de uitvoering van het klimaatbeleid", "codes": "6-10", "share": 0.34},
}
_PUBLIC_SKEW = {
    "gender": {"man": 0.58, "vrouw": 0.42},
    "age_group": {"18-39": 0.18, "40-64": 0.45, "65-79": 0.30, "80+": 0.07},
    "education": {"laag": 0.12, "middelbaar": 0.30, "hoog": 0.58},
    "region": {"Noord": 0.08, "Oost": 0.19, "West": 0.55, "Zuid": 0.18},
}
_PUBLIC_MISSING = {"gender": 0.08, "age_group": 0.15, "education": 0.40, "region": 0.05}


def _write(df: pd.DataFrame, out_dir: Path, name: str) -> str:
    df.to_csv(out_dir / name, index=False, encoding="utf-8", lineterminator="\n")
    return name


def _allocate(rng: np.random.Generator, total: int, weights: np.ndarray) -> np.ndarray:
    weights = np.clip(np.asarray(weights, dtype=float), 1e-9, None)
    return rng.multinomial(total, weights / weights.sum())


def _funnel(rng, members, bench, letters, registrations) -> pd.DataFrame:
    pool = int(round(registrations * rng.uniform(0.82, 0.88)))
    rows = []
    for var, part in bench.groupby("variable", sort=False):
        values = members[var].astype("string").fillna("onbekend")
        cats = list(dict.fromkeys([*part["category"], *values.unique()]))
        pop = part.set_index("category")["share"].reindex(cats).fillna(0.01).to_numpy()
        drawn = values.value_counts().reindex(cats, fill_value=0).to_numpy()
        started = values[members["started"]].value_counts().reindex(cats, fill_value=0).to_numpy()
        done = values[members["completed"]].value_counts().reindex(cats, fill_value=0).to_numpy()
        w = pop * np.array([_PROPENSITY.get((var, c), 1.0) for c in cats]) * rng.uniform(0.95, 1.05, len(cats))
        pool_c = drawn + _allocate(rng, pool - drawn.sum(), w)
        reg_c = pool_c + _allocate(rng, registrations - pool, w)
        letters_c = reg_c + _allocate(rng, letters - registrations, np.clip(pop * letters - reg_c, 1, None))
        rows.append(pd.DataFrame({"variable": var, "category": cats, "letters": letters_c,
                                  "registrations": reg_c, "pool": pool_c, "drawn": drawn,
                                  "started": started, "completed": done}))
    out = pd.concat(rows, ignore_index=True)
    return out.assign(source=SYNTHETIC,
                      note="synthetic; letters per stratum estimated from population shares")


def _quotas(members, bench) -> pd.DataFrame:
    seats = int(members["started"].sum())
    target = bench["share"] * seats
    one_way = ~bench["variable"].str.contains(":", regex=False)
    return pd.DataFrame({"variable": bench["variable"], "category": bench["category"],
                         "min": np.floor(target * 0.8).astype(int), "max": np.ceil(target * 1.2).astype(int),
                         "source": SYNTHETIC})[one_way.to_numpy()]


def _attitudes(items: Mapping[str, Mapping]) -> pd.DataFrame:
    return pd.DataFrame([{"item": item, "category": spec["category"], "share": spec["share"],
                          "n": spec.get("n", 2000), "codes": spec["codes"], "source": SYNTHETIC,
                          "year": spec.get("year", 2024),
                          "note": "synthetic reference survey for the example; not real figures"}
                         for item, spec in items.items()])


def _public(rng, n: int, start: pd.Timestamp, weeks: int) -> pd.DataFrame:
    week = np.arange(weeks)
    volume = np.exp(-week / 3.0) + np.where(week == 2, 1.2, 0)  # media attention in week 3
    offsets = rng.choice(weeks, size=n, p=volume / volume.sum()) * 7 + rng.integers(0, 7, n)
    seconds = rng.integers(7 * 3600, 23 * 3600, n)
    dates = start + pd.to_timedelta(offsets, unit="D") + pd.to_timedelta(seconds, unit="s")
    df = pd.DataFrame({"submission_id": [f"S{i:05d}" for i in range(1, n + 1)],
                       "date": dates.strftime("%Y-%m-%dT%H:%M:%S")})
    for var, shares in _PUBLIC_SKEW.items():
        values = rng.choice(list(shares), size=n, p=list(shares.values())).astype(object)
        gone = rng.random(n) < _PUBLIC_MISSING[var]
        values[gone] = np.where(rng.random(gone.sum()) < 0.3, "wil ik niet zeggen", "")
        df[var] = values
    return df.sort_values("date", kind="stable").assign(source=SYNTHETIC)


def roster_to_counts(members: pd.DataFrame, variables=None) -> pd.DataFrame:
    """Aggregate a roster to the counts a recruiting agency hands over.

    Parameters
    ----------
    members : DataFrame
        Roster with demographic columns and ``started``, ``completed`` (every row was drawn).
    variables : sequence of str, optional
        Default: every column except id, status and source columns.

    Returns
    -------
    DataFrame
        ``variable, category, drawn, started, completed, source`` (source "synthetic"); a
        missing value counts as category "onbekend".

    Raises
    ------
    KeyError
        When the roster lacks ``started``, ``completed`` or a requested variable.

    Examples
    --------
    >>> m = pd.DataFrame({"member_id": ["a", "b", "c"], "gender": ["man", "vrouw", "man"],
    ...                   "started": [True, True, False], "completed": [True, False, False]})
    >>> roster_to_counts(m)
      variable category  drawn  started  completed     source
    0   gender      man      2        1          1  synthetic
    1   gender    vrouw      1        1          0  synthetic
    """
    skip = {"member_id", "started", "completed", "replaces", "sessions_attended", "source", "note"}
    variables = [c for c in members.columns if c not in skip] if variables is None else list(variables)
    started, completed = members["started"].astype(bool), members["completed"].astype(bool)
    parts = []
    for var in variables:
        values = members[var].astype("string").fillna("onbekend")
        t = pd.DataFrame({"drawn": values.value_counts(sort=False),
                          "started": values[started].value_counts(sort=False),
                          "completed": values[completed].value_counts(sort=False)})
        t = t.fillna(0).astype("int64").rename_axis("category").reset_index()
        parts.append(t.assign(variable=var))
    out = pd.concat(parts, ignore_index=True)
    return out[["variable", "category", "drawn", "started", "completed"]].assign(source=SYNTHETIC)


def make_recruitment(
    rng: np.random.Generator,
    members: pd.DataFrame,
    out_dir: Path,
    *,
    benchmark: pd.DataFrame | None = None,
    letters: int = 70_000,
    registrations: int = 4_000,
    attitude_items: Mapping[str, Mapping] | None = None,
    n_public: int = 3_000,
    public_start: str = "2025-01-06",
    public_weeks: int = 8,
) -> dict[str, str]:
    """Write synthetic recruitment inputs that agree with `members`.

    Parameters
    ----------
    rng : numpy.random.Generator
    members : DataFrame
        Roster: ``member_id``, demographic columns (gender, age_group, education,
        migration_background, region), ``started``, ``completed`` (bool), ``replaces``,
        ``sessions_attended``. Drawn = every row; started/completed from the booleans.
    out_dir : Path
    benchmark : DataFrame, optional
        Population shares; default the shipped Dutch benchmark.
    letters, registrations : int
        About how many invitation letters and registrations (randomised slightly).
    attitude_items : mapping, optional
        ``{item: {"category", "codes", "share"}}`` with the forum's codebook item ids;
        default :data:`DEFAULT_ATTITUDE_ITEMS`.
    n_public : int
        Rows of the consultation export.
    public_start : str
        First day of the consultation (a Monday).
    public_weeks : int

    Returns
    -------
    dict
        The forum.yml ``inputs:`` entries: ``funnel``, ``quotas``, ``reference_attitudes``,
        ``public_input`` -> file names inside `out_dir`.

    Raises
    ------
    KeyError
        When the roster lacks ``started`` or ``completed``.

    Examples
    --------
    >>> import tempfile
    >>> m = pd.DataFrame({"member_id": ["m1", "m2"], "gender": ["man", "vrouw"],
    ...                   "started": [True, True], "completed": [True, False]})
    >>> b = pd.DataFrame({"variable": "gender", "category": ["man", "vrouw"], "share": [0.5, 0.5]})
    >>> make_recruitment(np.random.default_rng(1), m, Path(tempfile.mkdtemp()), benchmark=b, n_public=10)
    {'funnel': 'funnel.csv', 'quotas': 'quotas.csv', 'reference_attitudes': 'reference_attitudes.csv', 'public_input': 'public_input.csv'}
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    bench = pd.read_csv(default_benchmark_path()) if benchmark is None else benchmark
    bench = bench[bench["variable"].isin(members.columns)]
    members = members.assign(started=members["started"].astype(bool),
                             completed=members["completed"].astype(bool))
    letters = int(round(letters * rng.uniform(0.97, 1.03)))
    registrations = int(round(registrations * rng.uniform(0.95, 1.05)))
    return {
        "funnel": _write(_funnel(rng, members, bench, letters, registrations), out_dir, "funnel.csv"),
        "quotas": _write(_quotas(members, bench), out_dir, "quotas.csv"),
        "reference_attitudes": _write(_attitudes(attitude_items or DEFAULT_ATTITUDE_ITEMS), out_dir,
                                      "reference_attitudes.csv"),
        "public_input": _write(_public(rng, n_public, pd.Timestamp(public_start), public_weeks),
                               out_dir, "public_input.csv"),
    }


#: Who registered for the lottery (the pool beyond those drawn): older and higher educated people more
#: often, as after a letter; the quotas then give the others a higher chance to be drawn.
POOL_SHARES = {
    "gender": {"man": 0.52, "vrouw": 0.48},
    "age_group": {"18-39": 0.17, "40-64": 0.45, "65-79": 0.32, "80+": 0.06},
    "education": {"laag": 0.12, "middelbaar": 0.33, "hoog": 0.55},
    "migration_background": {"geen": 0.88, "westers": 0.07, "niet-westers": 0.05},
    "region": {"Noord": 0.10, "Oost": 0.20, "West": 0.50, "Zuid": 0.20},
}


def make_pool(seed: int, members: pd.DataFrame, out_dir: Path, size: int,
              shares: Mapping[str, Mapping[str, float]] | None = None) -> str:
    """Write a synthetic lottery pool (``pool.csv``) that holds every member of the roster.

    Parameters
    ----------
    seed : int
        The forum's seed; the pool has a random stream of its own (``[seed, 7]``), so adding it leaves
        every other file of the forum as it was.
    members : DataFrame
        The roster (``member_id`` and the demographic columns): everyone in it was drawn from the pool.
    out_dir : Path
    size : int
        Registrants in the pool (at least the roster's size).
    shares : mapping, optional
        Variable -> {category: share} of the registrants who were not drawn; default :data:`POOL_SHARES`.

    Returns
    -------
    str
        The file name (forum.yml ``inputs.pool``).

    Examples
    --------
    >>> import tempfile
    >>> m = pd.DataFrame({"member_id": ["M1", "M2"], "gender": ["man", "vrouw"]})
    >>> d = Path(tempfile.mkdtemp())
    >>> make_pool(1, m, d, 5)
    'pool.csv'
    >>> pd.read_csv(d / "pool.csv")["pool_id"].tolist()
    ['M1', 'M2', 'R1', 'R2', 'R3']
    """
    rng = np.random.default_rng([seed, 7])
    shares = POOL_SHARES if shares is None else shares
    variables = [v for v in shares if v in members.columns]
    n = max(0, size - len(members))
    others = pd.DataFrame({v: rng.choice(list(shares[v]), size=n, p=np.array(list(shares[v].values()))
                                         / sum(shares[v].values())) for v in variables})
    others.insert(0, "pool_id", [f"R{i:0{len(str(n))}d}" for i in range(1, n + 1)])
    drawn = members[["member_id", *variables]].rename(columns={"member_id": "pool_id"})
    pool = pd.concat([drawn, others], ignore_index=True).assign(source=SYNTHETIC)
    return _write(pool, Path(out_dir), "pool.csv")
