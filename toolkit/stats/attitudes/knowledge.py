"""Knowledge quiz (score per respondent and wave, share correct per question, gains) and the
member questionnaire on process quality (summarised per criterion).

Methods and references: docs/attitudes.md.
"""
from __future__ import annotations

from dataclasses import dataclass

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.weightstats import DescrStatsW

from toolkit.stats.attitudes.frames import answered, check_columns, check_present
from toolkit.stats.attitudes.changes import CHANGE_COLUMNS, DEFAULT_DONT_KNOW, paired_changes

__all__ = ["knowledge", "KnowledgeResult", "process_quality"]


# --------------------------------------------------------------------------- knowledge
@dataclass(frozen=True, eq=False)
class KnowledgeResult:
    """Result of :func:`knowledge`: ``scores`` per respondent x wave, ``items`` share correct per
    question x wave, ``gains`` paired change of the score (as :func:`paired_changes`)."""

    scores: pd.DataFrame
    items: pd.DataFrame
    gains: pd.DataFrame


def _key_sets(answer_key: Mapping) -> dict[str, set]:
    if not isinstance(answer_key, Mapping) or not answer_key:
        raise TypeError(f"knowledge: answer_key must be a non-empty mapping item -> correct answer(s), "
                        f"found {answer_key!r}; write e.g. {{'K1': 2, 'K2': [1, 3]}}")
    out = {}
    for item, key in answer_key.items():
        vals = key if isinstance(key, (list, tuple, set)) else [key]
        out[item] = {float(v) for v in vals}
    return out


def knowledge(responses: pd.DataFrame, answer_key: Mapping[str, Any], waves: Sequence[str] | None = None,
              wave_pairs: Sequence[Sequence[str]] | None = None, alpha: float = 0.05,
              by: str | None = None, dont_know_codes: Sequence[float] = DEFAULT_DONT_KNOW) -> KnowledgeResult:
    """Knowledge quiz: score per respondent and wave, share correct per question, and gains.

    A respondent is scored in every wave in which they gave any answer (to any item). The score
    is the share of quiz questions answered correctly; "don't know", no answer and skipped
    questions count as not correct (as in Deliberative Polling).

    Parameters
    ----------
    responses : DataFrame
        Tidy responses.
    answer_key : mapping item -> value or list of values
        The correct answer code(s) per quiz question.
    waves : sequence of str, optional
        Waves to score (default: all, sorted).
    wave_pairs : sequence of (str, str), optional
        Pairs for the gains (default: first wave to each later wave).
    alpha, by
        As in :func:`~toolkit.stats.attitudes.changes.paired_changes`.
    dont_know_codes : sequence of float
        Missing codes that mean "don't know" (for ``share_dont_know``).

    Returns
    -------
    KnowledgeResult
        ``scores``: respondent_id, group, wave, n_questions, n_answered, n_correct, score (0-1);
        ``items``: item, wave, n (answers incl. codes), n_correct, share_correct,
        share_dont_know (share of `dont_know_codes` among the answers);
        ``gains``: :func:`~toolkit.stats.attitudes.changes.paired_changes` of the score (item ``"knowledge_score"``).

    Raises
    ------
    InputError
        When quiz items or waves are missing from the data.
    TypeError, ValueError
        The caller's mistake: `answer_key` not a mapping, a frame without its columns.

    Examples
    --------
    >>> r = pd.DataFrame({"respondent_id": ["a", "a", "b", "b"] * 2, "group": "member",
    ...                   "wave": ["t0"] * 4 + ["t1"] * 4, "item": ["k1", "k2"] * 4,
    ...                   "value": [1.0, 3, None, 2, 2, 3, 2, 2],
    ...                   "missing_code": [None, None, 98, None, None, None, None, None]})
    >>> res = knowledge(r, {"k1": 2, "k2": [2, 3]})
    >>> res.scores[["respondent_id", "wave", "score"]]
      respondent_id wave  score
    0             a   t0    0.5
    1             a   t1    1.0
    2             b   t0    0.5
    3             b   t1    1.0
    >>> res.gains[["wave_from", "wave_to", "mean_change"]]
      wave_from wave_to  mean_change
    0        t0      t1          0.5
    """
    check_columns(responses, ["respondent_id", "group", "wave", "item", "value", "missing_code"], "knowledge")
    key = _key_sets(answer_key)
    check_present(list(key), responses["item"].unique(), "quiz item", "knowledge", "Check the answer key's item ids")
    all_waves = sorted(responses["wave"].unique())
    waves = list(waves) if waves is not None else all_waves
    check_present(waves, all_waves, "wave", "knowledge", "Use wave ids as in the 'wave' column")
    data = responses[responses["wave"].isin(waves)]
    took = data[answered(data)][["respondent_id", "group", "wave"]].drop_duplicates()
    quiz = data[data["item"].isin(list(key))].copy()
    quiz["correct"] = [v in key[i] for i, v in zip(quiz["item"], quiz["value"])]
    per = quiz.groupby(["respondent_id", "wave"]).agg(n_answered=("value", "count"), n_correct=("correct", "sum"))
    scores = took.merge(per.reset_index(), on=["respondent_id", "wave"], how="left").fillna(
        {"n_answered": 0, "n_correct": 0})
    scores.insert(3, "n_questions", len(key))
    scores = scores.astype({"n_answered": int, "n_correct": int})
    scores["score"] = scores["n_correct"] / len(key)
    scores = scores.sort_values(["respondent_id", "wave"], ignore_index=True)
    pairs = wave_pairs if wave_pairs is not None else [(waves[0], w) for w in waves[1:]]
    gains = _score_gains(scores, pairs, alpha, by)
    return KnowledgeResult(scores=scores, items=_knowledge_items(quiz, dont_know_codes), gains=gains)


def _knowledge_items(quiz: pd.DataFrame, dont_know_codes: Sequence[float]) -> pd.DataFrame:
    quiz = quiz[answered(quiz)]
    g = quiz.assign(dk=quiz["missing_code"].isin([float(c) for c in dont_know_codes])).groupby(["item", "wave"])
    out = g.agg(n=("correct", "size"), n_correct=("correct", "sum"), share_dont_know=("dk", "mean")).reset_index()
    out["share_correct"] = out["n_correct"] / out["n"]
    return out[["item", "wave", "n", "n_correct", "share_correct", "share_dont_know"]]


def _score_gains(scores: pd.DataFrame, pairs, alpha: float, by: str | None) -> pd.DataFrame:
    if not pairs:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    long = scores.assign(item="knowledge_score", value=scores["score"].astype(float), missing_code=math.nan)
    return paired_changes(long, ["knowledge_score"], pairs, alpha=alpha, by=by)


# --------------------------------------------------------------------------- process quality
def process_quality(responses: pd.DataFrame, criteria: Mapping[str, Sequence[str]],
                    agree: tuple[float, float] = (4, 5), wave: str | None = None,
                    alpha: float = 0.05) -> pd.DataFrame:
    """Member questionnaire on the deliberative experience, summarised per criterion.

    A member's criterion score is the mean of their answers to the criterion's items; a member
    "agrees" when that score lies within `agree` (e.g. 4-5 on a 1-5 Likert scale).

    Parameters
    ----------
    responses : DataFrame
        Tidy responses (pass members only).
    criteria : mapping criterion -> list of items
        E.g. the OECD criteria ``{"neutral_facilitation": ["P1", "P2"], ...}``.
    agree : (lo, hi)
        Inclusive range of criterion scores that counts as agreeing.
    wave : str, optional
        Wave of the questionnaire (default: all rows of the items).
    alpha : float
        1 - confidence level.

    Returns
    -------
    DataFrame
        One row per criterion: criterion, items (comma-separated), n, mean, sd, ci_low, ci_high
        (t interval of the mean), share_agree, share_agree_ci_low, share_agree_ci_high (Wilson).

    Raises
    ------
    InputError
        When items or the wave are missing from the data.
    TypeError, ValueError
        The caller's mistake: a frame that is not one or lacks its columns.

    Examples
    --------
    >>> r = pd.DataFrame({"respondent_id": ["a", "b", "c", "d"], "group": "member", "wave": "t1",
    ...                   "item": "p1", "value": [5.0, 4, 2, 4], "missing_code": None})
    >>> process_quality(r, {"respect": ["p1"]})[["criterion", "n", "mean", "share_agree"]]
      criterion  n  mean  share_agree
    0   respect  4  3.75         0.75
    """
    check_columns(responses, ["respondent_id", "wave", "item", "value"], "process_quality")
    check_present(sorted({i for v in criteria.values() for i in v}), responses["item"].unique(), "item",
                  "process_quality", "Check the items listed per criterion")
    if wave is not None:
        check_present([wave], responses["wave"].unique(), "wave", "process_quality", "Use a wave id from the data")
        responses = responses[responses["wave"] == wave]
    rows = [_criterion_row(responses, name, list(items), agree, alpha) for name, items in criteria.items()]
    return pd.DataFrame(rows)


def _criterion_row(responses: pd.DataFrame, name: str, items: list[str], agree: tuple, alpha: float) -> dict:
    sub = responses[responses["item"].isin(items) & responses["value"].notna()]
    score = sub.groupby("respondent_id")["value"].mean()
    n = int(score.size)
    row = {"criterion": name, "items": ", ".join(items), "n": n,
           "mean": float(score.mean()) if n else math.nan, "sd": float(score.std(ddof=1)) if n > 1 else math.nan}
    ci = DescrStatsW(score.to_numpy()).tconfint_mean(alpha) if n > 1 and score.std() > 0 else (math.nan,) * 2
    k = int(score.between(*agree).sum())
    p_ci = proportion_confint(k, n, alpha=alpha, method="wilson") if n else (math.nan,) * 2
    return row | {"ci_low": float(ci[0]), "ci_high": float(ci[1]), "share_agree": k / n if n else math.nan,
                  "share_agree_ci_low": float(p_ci[0]), "share_agree_ci_high": float(p_ci[1])}
