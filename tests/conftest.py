"""Shared fixtures: small forum folders written into a temporary directory."""
from __future__ import annotations

import math
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from scipy.optimize import Bounds, LinearConstraint, milp

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write `text` to `path` in `encoding` (as a spreadsheet program in that locale would) and return it."""
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(exc: pytest.ExceptionInfo) -> list:
    """The Problems of a raised InputError."""
    return exc.value.problems


def write_forum(folder: Path, forum: dict, codebook: dict, files: dict[str, pd.DataFrame | str | bytes]) -> Path:
    """Write forum.yml, codebook.yml and data files (DataFrame -> CSV, str/bytes -> as is)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "forum.yml").write_text(yaml.safe_dump(forum, allow_unicode=True), encoding="utf-8")
    (folder / "codebook.yml").write_text(yaml.safe_dump(codebook, allow_unicode=True), encoding="utf-8")
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, pd.DataFrame):
            content.to_csv(path, index=False)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


MINI_CODEBOOK = {
    "waves": [{"id": "t0", "label": {"nl": "Voor", "en": "Before"}}, {"id": "t1", "label": {"nl": "Na", "en": "After"}}],
    "missing_codes": {98: "dont_know", 99: "no_answer"},
    "demographics": {"gender": {"categories": ["man", "vrouw"]}},
    "items": {"A": {"type": "scale", "scale": [0, 10], "support": [6, 10]},
              "B": {"type": "scale", "scale": [1, 5]}},
}


def mini_waves() -> dict[str, pd.DataFrame]:
    t0 = pd.DataFrame({"respondent_id": ["r1", "r2", "r3", "r4"], "gender": ["man", "vrouw", "vrouw", "man"],
                       "A": [5, 7, 98, 2], "B": [1, 2, 3, 4]})
    t1 = pd.DataFrame({"respondent_id": ["r1", "r2", "r3"], "A": [6, 8, 4], "B": [2, 2, 99]})
    return {"t0.csv": t0, "t1.csv": t1}


@pytest.fixture
def mini_forum(tmp_path) -> Path:
    """A valid two-wave forum of four respondents, one file per wave."""
    forum = {"name": "Mini", "language": "nl", "surveys": {"layout": "per_wave", "files": {"t0": "t0.csv", "t1": "t1.csv"}}}
    return write_forum(tmp_path / "mini", forum, MINI_CODEBOOK, mini_waves())


@pytest.fixture
def a1r_copy(tmp_path) -> Path:
    """A copy of surveys/a1r to break."""
    dst = tmp_path / "a1r"
    shutil.copytree(REPO / "surveys" / "a1r", dst)
    return dst


# --- small frames shared by the representativeness statistics tests
Z975 = 1.959963984540054  # qnorm(0.975)
def wilson(x: int, n: int, z: float = Z975) -> tuple[float, float]:
    """Wilson (1927) score interval, textbook formula (Agresti & Coull 1998, eq. 2)."""
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half
def counts(variable: str, cats, started, completed=None, drawn=None) -> pd.DataFrame:
    completed = started if completed is None else completed
    drawn = started if drawn is None else drawn
    return pd.DataFrame({"variable": variable, "category": list(cats), "drawn": drawn,
                         "started": started, "completed": completed})
def bench(variable: str, cats, shares) -> pd.DataFrame:
    return pd.DataFrame({"variable": variable, "category": list(cats), "share": shares})


# --- follow-up registers shared by the follow-up statistics tests
def assessment():
    return pd.DataFrame({"precondition_id": ["time_support", "time_support", "cross_section", "public_link"],
                         "assessment": ["met", "met", "partly_met", "unknown"],
                         "evidence": ["Programma", "Notulen", "Samenstelling", None],
                         "evidence_date": pd.to_datetime(["2024-10-01", "2024-11-01", None, None]),
                         "assessor": ["A", "B", "A", None]})
HANDOVER, AS_OF = "2025-01-15", "2025-06-01"
def register():
    """Five recommendations, handover 15 January 2025, promise 90 days -> due 15 April 2025.

    Days from 15 Jan: 1 Mar = 16 (rest of Jan) + 28 (Feb) + 1 = 45; 15 Apr = 45 + 31 + 14 = 90 (on time,
    the last day counts); 16 Apr = 91 (1 day late); 1 May = 90 + 16 = 106 (16 late).
    R5 waits until 1 Jun: 106 + 31 = 137 days, 137 - 90 = 47 days overdue.
    """
    return pd.DataFrame({
        "id": ["R1", "R2", "R3", "R4", "R5"], "title": list("ABCDE"),
        "theme": ["energy", "energy", "mobility", "mobility", "mobility"],
        "addressed_to": ["cabinet", "ministry", "cabinet", "ministry", "cabinet"],
        "support": [0.9, 0.8, 0.5, 0.6, 0.7],
        "response": ["adopted", "adopted_in_part", "rejected", "under_consideration", "no_response"],
        "response_date": pd.to_datetime(["2025-03-01", "2025-04-15", "2025-04-16", "2025-05-01", None]),
        "response_source": ["d", "d", "d", "d", None],
    })
def no_responses():
    return pd.DataFrame({"id": ["R1", "R2", "R3"], "title": list("ABC"), "theme": ["a", "a", "b"],
                         "addressed_to": ["k"] * 3, "support": [np.nan] * 3, "response": ["no_response"] * 3,
                         "response_date": pd.to_datetime([None] * 3), "response_source": [None] * 3})
def commitments(met=(None, None, "yes")):
    return pd.DataFrame({"id": ["C1", "C2", "C3"], "kind": ["response_within_days", "parliament_debate", "other"],
                         "description": ["90 dagen", "debat", "jaarlijks"], "days": [90, np.nan, np.nan],
                         "due_date": pd.to_datetime([None, "2025-07-14", "2026-01-15"]), "met": list(met),
                         "evidence": [None] * 3})


# --- the drop-out attacker (integer program) shared by the disclosure and view tests
def shown_count(cell: str):
    """A shown count as a number; None for a hidden one."""
    return None if cell.startswith("<") or cell == "–" else int(cell.replace(",", ""))


def dropout_possible(started: list[str], completed: list[str], n_started: int, n_completed: int, min_cell: int,
              row: int, column: str) -> tuple[int, int]:
    """The smallest and largest whole number a hidden count of one variable's block can be, given every
    shown count, the published totals, completed <= started per group, "<n" = 1..n-1 and "–" >= n."""
    cells = started + completed
    k = len(started)
    lo, hi = [], []
    for cell in cells:
        v = shown_count(cell)
        lo.append(v if v is not None else 1 if cell.startswith("<") else min_cell)
        hi.append(v if v is not None else min_cell - 1 if cell.startswith("<") else np.inf)
    sums = np.zeros((2, 2 * k))
    sums[0, :k] = sums[1, k:] = 1
    order = np.hstack([-np.eye(k), np.eye(k)])  # completed - started <= 0
    cons = [LinearConstraint(sums, [n_started, n_completed], [n_started, n_completed]),
            LinearConstraint(order, -np.inf, 0)]
    i = row + (k if column == "completed" else 0)
    ends = []
    for sign in (1, -1):
        c = np.zeros(2 * k)
        c[i] = sign
        res = milp(c, constraints=cons, bounds=Bounds(lo, hi), integrality=np.ones(2 * k))
        assert res.success
        ends.append(round(res.x[i]))
    return ends[0], ends[1]


@pytest.fixture(autouse=True)
def _close_figures():
    """Figures a test made are closed after it (pyplot keeps them open otherwise)."""
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
