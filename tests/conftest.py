"""Shared fixtures: small forum folders written into a temporary directory."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

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
