"""Forums side by side: the comparable key figures of many results.json files in one tidy table.

Only figures that mean the same in every forum are compared: the composition gaps of the groups the
government names (young people, migration background, practically educated), the lottery audit's
smallest chance and typicality of the drawn panel (where a forum has a pool), the share of items
whose change holds after correction, the knowledge gain, the response, adoption and on-time rates,
and the preconditions met. Everything comes from results.json; nothing is recomputed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.forum.config import text

__all__ = ["MEASURES", "comparison_table", "load_results"]

#: measure id -> (kind, label nl, label en); kind: "share" (0-1), "pp" (difference of shares), "count", "number"
MEASURES: dict[str, tuple[str, str, str]] = {
    "members": ("count", "Forumleden", "Forum members"),
    "control": ("count", "Controlegroep", "Control group"),
    "gap_young": ("pp", "Verschil jongeren t.o.v. bevolking", "Gap young people vs population"),
    "gap_migration": ("pp", "Verschil migratieachtergrond", "Gap migration background"),
    "gap_practical": ("pp", "Verschil praktisch opgeleiden", "Gap practically educated"),
    "max_tvd": ("share", "Grootste afwijking samenstelling (TVD)", "Largest composition distance (TVD)"),
    "lottery_min_ratio": ("number", "Loting: kleinste kans t.o.v. gelijke kans", "Draw: smallest chance vs equal chance"),
    "lottery_below_half": ("share", "Loting: pool onder de helft van de gelijke kans",
                           "Draw: pool below half the equal chance"),
    "lottery_percentile": ("number", "Loting: percentiel van het geloote panel (>95 ongewoon)",
                           "Draw: percentile of the drawn panel (>95 unusual)"),
    "items_changed": ("share", "Aandeel items met duidelijke verschuiving", "Share of items with a clear shift"),
    "median_abs_dz": ("number", "Mediane |d_z| van verschuivingen", "Median |d_z| of shifts"),
    "knowledge_gain": ("number", "Kennistoename leden (punten)", "Members' knowledge gain (points)"),
    "response_rate": ("share", "Reactiepercentage", "Response rate"),
    "adoption_rate": ("share", "Overname (deels telt half)", "Adoption (partial counts half)"),
    "on_time": ("share", "Tijdig beantwoord", "Answered on time"),
    "preconditions_met": ("count", "Randvoorwaarden voldaan", "Preconditions met"),
    "preconditions_not_met": ("count", "Randvoorwaarden niet voldaan", "Preconditions not met"),
}
_GROUPS = {"gap_young": "young", "gap_migration": "migration", "gap_practical": "practical"}


def load_results(paths: list[str | Path]) -> list[dict]:
    """Read results.json files (in the order given).

    Raises
    ------
    InputError
        When a file does not exist (``forum-eval compare`` checks this before a kernel starts; in a
        notebook, :func:`missing_results` lets it say so without an error).
    """
    import json

    from toolkit.errors import InputError, Problem

    missing = missing_results(paths)
    if missing:
        raise InputError([Problem(str(p), "file not found", "Run the forum first: forum-eval run surveys/<forum>")
                          for p in missing])
    return [json.loads(Path(p).read_text(encoding="utf-8")) for p in paths]


def missing_results(paths: list[str | Path]) -> list[Path]:
    """The results.json files among `paths` that do not exist (yet)."""
    return [Path(p) for p in paths if not Path(p).is_file()]


def _named_gap(rep: dict | None, key: str) -> float | None:
    groups = (rep or {}).get("named_groups") or {}
    for name, g in groups.items():
        if key in name:
            return g.get("diff_pp")
    return None


def _representativeness(rep: dict | None) -> dict[str, Any]:
    out = {m: _named_gap(rep, key) for m, key in _GROUPS.items()}
    tvds = [v["gof"]["tvd"] for v in ((rep or {}).get("variables") or {}).values() if v.get("gof") and v["gof"].get("tvd") is not None]
    out["max_tvd"] = max(tvds) if tvds else None
    lot = (rep or {}).get("lottery") or {}  # the lottery audit, where the forum has a pool
    out["lottery_min_ratio"] = (lot.get("probabilities") or {}).get("min_ratio")
    out["lottery_below_half"] = (lot.get("probabilities") or {}).get("share_below_half")
    out["lottery_percentile"] = (lot.get("typicality") or {}).get("percentile")
    return out


def _attitudes(att: dict | None) -> dict[str, Any]:
    changes = [c for c in (att or {}).get("changes", []) if c.get("kind", "item") == "item" and c.get("group", "member") == "member"]
    if not changes:
        return {"items_changed": None, "median_abs_dz": None, "knowledge_gain": None}
    first = (changes[0]["wave_from"], changes[0]["wave_to"])
    pair = [c for c in changes if (c["wave_from"], c["wave_to"]) == first
            and c.get("n_pairs") is not None]  # a hidden row (too few pairs) is not counted either way
    clear = [c for c in pair if c.get("p_holm") is not None and c["p_holm"] < 0.05
             and c.get("ci_low") is not None and (c["ci_low"] > 0 or c["ci_high"] < 0)]
    dz = pd.Series([abs(c["d_z"]) for c in pair if c.get("d_z") is not None], dtype=float)
    gains = [g for g in ((att or {}).get("knowledge") or {}).get("gains", []) if g.get("group", "member") == "member"]
    return {"items_changed": len(clear) / len(pair) if pair else None,
            "median_abs_dz": float(dz.median()) if len(dz) else None,
            "knowledge_gain": gains[0].get("mean_change") if gains else None}


def _follow_up(fu: dict | None) -> dict[str, Any]:
    if not fu:
        return {"response_rate": None, "adoption_rate": None, "on_time": None, "preconditions_met": None,
                "preconditions_not_met": None}
    overall = (fu.get("rates") or {}).get("overall") or {}
    pre = (fu.get("preconditions") or {}).get("counts") or {}
    return {"response_rate": overall.get("response_rate"), "adoption_rate": overall.get("adoption_rate_partial"),
            "on_time": (fu.get("latency") or {}).get("share_responded_on_time"),
            "preconditions_met": pre.get("met"), "preconditions_not_met": pre.get("not_met")}


def comparison_table(results: list[dict], lang: str = "nl") -> pd.DataFrame:
    """One row per forum and measure.

    Parameters
    ----------
    results : list of dict
        Parsed results.json files.
    lang : str
        Language of the forum names.

    Returns
    -------
    DataFrame
        Columns ``forum``, ``synthetic``, ``measure``, ``kind``, ``value`` (float or None: the forum
        has no data for it).

    Examples
    --------
    >>> r = {"forum": {"name": "F", "synthetic": True, "respondents": {"member": 30, "control": 0}},
    ...      "representativeness": None, "attitudes": None, "follow_up": None}
    >>> comparison_table([r]).query("measure == 'members'")[["forum", "value"]].to_dict("records")
    [{'forum': 'F', 'value': 30.0}]
    """
    rows = []
    for res in results:
        name = text(res["forum"]["name"], lang)
        values = {"members": res["forum"]["respondents"]["member"], "control": res["forum"]["respondents"]["control"]}
        values.update(_representativeness(res.get("representativeness")))
        values.update(_attitudes(res.get("attitudes")))
        values.update(_follow_up(res.get("follow_up")))
        for measure, (kind, *_) in MEASURES.items():
            v = values.get(measure)
            rows.append({"forum": name, "synthetic": bool(res["forum"].get("synthetic")), "measure": measure,
                         "kind": kind, "value": None if v is None else float(v)})
    return pd.DataFrame(rows)
