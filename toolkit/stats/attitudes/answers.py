"""How many respondents gave each answer of an item, per wave: the frequencies behind a distribution chart."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from toolkit.stats.attitudes.frames import check_columns

__all__ = ["answer_counts"]


def answer_counts(responses: pd.DataFrame, item: str, waves: Sequence[str], scale: Sequence[float]) -> pd.DataFrame:
    """Number of answers per answer category and wave (each wave's own non-missing answers).

    Parameters
    ----------
    responses : DataFrame
        Tidy responses (respondent_id, wave, item, value); filter the group before.
    item : str
    waves : sequence of str
    scale : (min, max)
        Whole-number answer range; every category in it gets a row, 0 where nobody gave it.

    Returns
    -------
    DataFrame
        Columns item, wave, answer (float), n (int): one row per wave x category, waves and answers in order.

    Examples
    --------
    >>> r = pd.DataFrame({"respondent_id": list("abc"), "wave": "t0", "item": "q", "value": [1.0, 3, 3]})
    >>> answer_counts(r, "q", ["t0"], (1, 3))["n"].tolist()
    [1, 0, 2]
    """
    check_columns(responses, ["respondent_id", "wave", "item", "value"], "answer_counts")
    cats = np.arange(scale[0], scale[1] + 1, dtype=float)
    d = responses[(responses["item"] == item) & responses["wave"].isin(waves) & responses["value"].notna()]
    counts = d.groupby("wave")["value"].value_counts().unstack(fill_value=0)
    counts = counts.reindex(index=list(waves), columns=cats, fill_value=0)
    rows = [{"item": item, "wave": w, "answer": float(a), "n": int(counts.loc[w, a])} for w in waves for a in cats]
    return pd.DataFrame(rows, columns=["item", "wave", "answer", "n"])
