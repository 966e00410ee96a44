"""``forum-eval new``: a forum folder with commented templates of forum.yml and codebook.yml."""
from __future__ import annotations

from pathlib import Path

from toolkit.errors import InputError, Problem

__all__ = ["scaffold", "next_steps", "TEMPLATES"]

TEMPLATES = Path(__file__).parent / "scaffold"


def scaffold(folder: str | Path) -> list[Path]:
    """Create `folder` with commented ``forum.yml`` and ``codebook.yml`` templates.

    Raises
    ------
    InputError
        If any template's file already exists in the folder (nothing is written then).
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(Problem(str(folder), "is a file, not a folder", "Name a new folder for the forum"))
    sources = sorted(TEMPLATES.glob("*.yml"))
    existing = [folder / src.name for src in sources if (folder / src.name).exists()]
    if existing:
        raise InputError([Problem(str(p), "already exists; nothing was overwritten", "Choose a new folder, or edit the existing files")
                          for p in existing])
    folder.mkdir(parents=True, exist_ok=True)
    created = []
    for src in sources:
        dst = folder / src.name
        with open(dst, "xb") as fh:  # exclusive: never replaces a file that appeared meanwhile
            fh.write(src.read_bytes())
        created.append(dst)
    return created


def next_steps(folder: str | Path) -> list[str]:
    """What to put where after :func:`scaffold`: each export the template names, with its required columns."""
    import yaml

    folder = Path(folder)
    forum = yaml.safe_load((folder / "forum.yml").read_text(encoding="utf-8"))
    codebook = yaml.safe_load((folder / "codebook.yml").read_text(encoding="utf-8"))
    surveys = forum.get("surveys") or {}
    id_col = surveys.get("id_column", "respondent_id")
    demo = [d.get("column", key) for key, d in (codebook.get("demographics") or {}).items()]
    waves = {w["id"]: w for w in codebook.get("waves") or []}
    lines = []
    for wave, file in (surveys.get("files") or {}).items():
        items = [i.get("column", key) for key, i in (codebook.get("items") or {}).items()
                 if wave in i.get("waves", list(waves))]
        cols = [id_col] + (demo if wave == next(iter(waves), None) else []) + items
        lines.append(f"{folder / file}: the export of wave {wave}, one row per respondent, columns {', '.join(cols)}")
    return lines
