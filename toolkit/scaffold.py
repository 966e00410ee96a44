"""``forum-eval new``: a forum folder with commented templates of forum.yml and codebook.yml."""
from __future__ import annotations

import shutil
from pathlib import Path

from toolkit.errors import InputError, Problem

__all__ = ["scaffold", "TEMPLATES"]

TEMPLATES = Path(__file__).parent / "scaffold"


def scaffold(folder: str | Path) -> list[Path]:
    """Create `folder` with commented ``forum.yml`` and ``codebook.yml`` templates.

    Raises
    ------
    InputError
        If the folder already holds a forum.yml (nothing is overwritten).
    """
    folder = Path(folder)
    if (folder / "forum.yml").exists():
        raise InputError(Problem(str(folder / "forum.yml"), "already exists; nothing was overwritten",
                                 "Choose a new folder, or edit the existing files"))
    folder.mkdir(parents=True, exist_ok=True)
    created = []
    for src in sorted(TEMPLATES.glob("*.yml")):
        dst = folder / src.name
        shutil.copyfile(src, dst)
        created.append(dst)
    return created
