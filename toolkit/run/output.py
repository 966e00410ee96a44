"""The report folder: what a run may replace, and how it replaces it without losing anything.

A run writes into a staging folder beside the report folder and swaps it into place when everything
succeeded. Only a folder this toolkit wrote is ever replaced or removed: every folder it writes (the
report, its staging copy, the ``.failed`` notebooks) holds a marker file, :data:`MARKER`. A report folder
written before markers existed is recognised by its contents (only names a report holds, and a
results.json with the toolkit's provenance). Anything else is refused with an :class:`InputError`:

- an output path that is, or contains, the forum folder or one of its inputs;
- an output path that is a file, or a non-empty folder the toolkit did not write.

A run killed between the two renames of the swap leaves the last good report in ``.<name>.old-<pid>``;
:func:`prepare` moves it back before the next run, and removes the staging folders of runs that are no
longer alive.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from toolkit.errors import InputError, Problem
from toolkit.run.pids import alive

__all__ = ["MARKER", "prepare", "new_stage", "swap_into_place", "keep_failed", "remove_stage", "is_ours"]

#: The file every folder written by the toolkit holds.
MARKER = ".forum-eval"

#: What a report folder written before markers existed may hold.
_REPORT_NAMES = {"report.html", "results.json", "notebooks", "sections", "fingerprint.json", "report.pdf",
                 "tables", "tables.xlsx", "figures", "report.docx"}


def _write_marker(folder: Path, kind: str) -> None:
    from toolkit import __version__

    (folder / MARKER).write_text(json.dumps({"written_by": "forum-eval", "kind": kind, "version": __version__}) + "\n",
                                 encoding="utf-8")


def _legacy_report(folder: Path) -> bool:
    """A report folder of a toolkit version that wrote no marker."""
    names = {p.name for p in folder.iterdir()}
    if not names or not names <= _REPORT_NAMES or "results.json" not in names:
        return False
    try:
        stamp = json.loads((folder / "results.json").read_text(encoding="utf-8"))["provenance"]["toolkit_version"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return isinstance(stamp, str)


def _legacy_failed(folder: Path) -> bool:
    """A ``.failed`` folder of a toolkit version that wrote no marker: executed notebooks only."""
    entries = list(folder.iterdir())
    return bool(entries) and all(p.is_file() and p.suffix == ".ipynb" for p in entries)


def is_ours(folder: Path) -> bool:
    """Whether `folder` is a folder this toolkit wrote (a marker, or an older report's contents)."""
    folder = Path(folder)
    if not folder.is_dir() or folder.is_symlink():
        return False
    return (folder / MARKER).is_file() or _legacy_report(folder) or (
        folder.name.endswith(".failed") and _legacy_failed(folder))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _leftovers(out_dir: Path, kind: str) -> list[tuple[Path, int]]:
    """``.<name>.<kind>-<pid>`` folders beside `out_dir`, with their pids."""
    found = []
    for p in out_dir.parent.glob(f".{out_dir.name}.{kind}-*"):
        pid = p.name.rsplit("-", 1)[-1]
        if pid.isdigit() and p.is_dir() and not p.is_symlink():
            found.append((p, int(pid)))
    return found


def prepare(out_dir: str | Path, inputs: list[Path], what: str = "--out") -> Path:
    """Check that a run may write `out_dir`, and recover from an interrupted earlier run.

    Parameters
    ----------
    out_dir : str or Path
        The report folder.
    inputs : list of Path
        The forum folder and every file the run reads; none may lie inside `out_dir`.
    what : str
        How the user named `out_dir` (the option), for the message.

    Returns
    -------
    Path
        `out_dir`, resolved.

    Raises
    ------
    InputError
        When `out_dir` is or contains an input, is a file, or is a non-empty folder the toolkit did not write.
    """
    out_dir = Path(out_dir).absolute()
    resolved = out_dir.resolve()
    for p in inputs:
        p = Path(p).resolve()
        if _inside(p, resolved):
            kind = "the forum folder" if p.is_dir() else "an input of the forum"
            raise InputError([Problem(str(out_dir), f"the report folder {what} {out_dir} is or contains {kind} ({p})",
                                      "Write the report elsewhere, e.g. reports/<forum>: a run replaces its report folder")])
    if out_dir.is_symlink() or (out_dir.exists() and not out_dir.is_dir()):
        raise InputError([Problem(str(out_dir), f"{what} {out_dir} is a file or a link, not a report folder",
                                  "Name a new folder or an earlier report folder of forum-eval")])
    _recover(out_dir)
    if out_dir.is_dir() and any(out_dir.iterdir()) and not is_ours(out_dir):
        raise InputError([Problem(str(out_dir), f"{what} {out_dir} is a folder with other files in it, not a report of forum-eval "
                                  f"(it has no {MARKER} file)",
                                  "forum-eval replaces the whole report folder: name a new or empty folder, "
                                  "or move the files away")])
    failed = out_dir.with_name(out_dir.name + ".failed")
    if failed.exists() and not is_ours(failed):
        raise InputError([Problem(str(failed), f"{failed} exists and was not written by forum-eval; a failed run keeps "
                                  "its notebooks there", "Move or rename that folder")])
    return out_dir


def _recover(out_dir: Path) -> bool:
    """Put back the last good report of a run killed mid-swap; remove dead runs' staging folders."""
    recovered = False
    olds = sorted(((p, pid) for p, pid in _leftovers(out_dir, "old") if is_ours(p) and not alive(pid, foreign=True)),
                  key=lambda t: t[0].stat().st_mtime, reverse=True)
    if olds and not out_dir.exists():
        olds[0][0].rename(out_dir)
        recovered = True
        olds = olds[1:]
    for p, _ in olds:
        shutil.rmtree(p, ignore_errors=True)
    for p, pid in _leftovers(out_dir, "staging"):
        if (p / MARKER).is_file() and not alive(pid, foreign=True):
            shutil.rmtree(p, ignore_errors=True)
    return recovered


def new_stage(out_dir: Path) -> Path:
    """An empty staging folder beside `out_dir` (with the marker), named after this process."""
    stage = out_dir.with_name(f".{out_dir.name}.staging-{os.getpid()}")
    if stage.exists() and is_ours(stage):
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    try:
        _write_marker(stage, "report")
    except BaseException:  # an interrupt between the two steps: no unmarked folder is left behind
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return stage


def swap_into_place(stage: Path, out_dir: Path) -> None:
    """Replace `out_dir` by `stage`: two renames; :func:`prepare` repairs a kill between them."""
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    if out_dir.is_dir() and not any(out_dir.iterdir()):
        out_dir.rmdir()
    if out_dir.exists():
        if not is_ours(out_dir):  # written by someone else while the run worked
            raise InputError([Problem(str(out_dir), f"{out_dir} was changed during the run and is no longer a report folder",
                                      "Move the files away and run again")])
        out_dir.rename(old)
    stage.rename(out_dir)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def keep_failed(stage: Path, out_dir: Path) -> None:
    """Move a failed run's executed notebooks to ``<out_dir>.failed/`` and remove the staging folder."""
    failed = out_dir.with_name(out_dir.name + ".failed")
    notebooks = list((stage / "notebooks").glob("*.ipynb")) if (stage / "notebooks").is_dir() else []
    if notebooks and (not failed.exists() or is_ours(failed)):
        shutil.rmtree(failed, ignore_errors=True)
        failed.mkdir(parents=True)
        _write_marker(failed, "failed")
        for f in notebooks:
            shutil.move(str(f), failed / f.name)
    remove_stage(stage)


def remove_stage(stage: Path) -> None:
    """Remove a staging folder this process made."""
    if stage.exists() and is_ours(stage):
        shutil.rmtree(stage, ignore_errors=True)
