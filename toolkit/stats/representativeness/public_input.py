"""The wider public's input (a consultation beside the forum): volume over time and composition.

Plain functions: tidy frames and column names in, tidy frames out.
"""
from __future__ import annotations

from dataclasses import dataclass

from typing import Sequence

import pandas as pd

from toolkit.stats.representativeness.composition import composition

__all__ = ["PublicInput", "public_input"]

@dataclass(frozen=True, eq=False)
class PublicInput:
    """Result of :func:`public_input`."""

    volume: pd.DataFrame
    composition: pd.DataFrame
    summary: pd.DataFrame


def public_input(
    df: pd.DataFrame,
    benchmark: pd.DataFrame,
    variables: Sequence[str] | None = None,
    *,
    date_col: str = "date",
    freq: str = "W",
    **kwargs,
) -> PublicInput:
    """Volume over time and composition of a wider-public consultation (vectorised; 10^6 rows fine).

    Parameters
    ----------
    df : DataFrame
        One row per submission: a datetime column `date_col` and demographic columns
        (categorical or str; NaN = not given).
    benchmark : DataFrame
    variables : sequence of str, optional
        Default: the benchmark variables present in `df`.
    date_col : str
    freq : {"W", "M"}
        Weeks (Monday to Sunday) or calendar months.
    **kwargs
        Passed to :func:`composition` (thresholds, alpha). Intervals treat submissions as a
        sample, which self-selected input is not: read them as a lower bound on uncertainty.

    Returns
    -------
    PublicInput
        ``volume``: ``period, start, end, count, cumulative`` (periods without submissions
        included); ``composition``: as :func:`composition`; ``summary``: one row ``n_rows,
        n_without_date, first_date, last_date``.

    Raises
    ------
    KeyError
        When `df` has no column `date_col`.

    Examples
    --------
    >>> d = pd.DataFrame({"date": pd.to_datetime(["2024-03-04", "2024-03-05", "2024-03-20"]),
    ...                   "gender": pd.Categorical(["man", None, "vrouw"])})
    >>> b = pd.DataFrame({"variable": "gender", "category": ["man", "vrouw"], "share": 0.5})
    >>> public_input(d, b).volume[["period", "count", "cumulative"]]
                      period  count  cumulative
    0  2024-03-04/2024-03-10      2           2
    1  2024-03-11/2024-03-17      0           2
    2  2024-03-18/2024-03-24      1           3
    """
    dates = df[date_col]
    periods = dates.dropna().dt.to_period(freq)
    counts = periods.value_counts().sort_index()
    if len(counts):
        counts = counts.reindex(pd.period_range(counts.index.min(), counts.index.max(), freq=freq),
                                fill_value=0)
    index = pd.PeriodIndex(counts.index, freq=freq)
    volume = pd.DataFrame({"period": index.astype(str), "start": index.start_time,
                           "end": index.end_time.normalize(), "count": counts.to_numpy(dtype="int64")})
    volume["cumulative"] = volume["count"].cumsum()
    comp = composition(df, benchmark, variables, stage=None, **kwargs)
    summary = pd.DataFrame({"n_rows": [len(df)], "n_without_date": [int(dates.isna().sum())],
                            "first_date": [dates.min()], "last_date": [dates.max()]})
    return PublicInput(volume=volume, composition=comp, summary=summary)
