"""Keep notebooks/ clean: no outputs in git, pairs that stay in step, no edit silently lost.

- ``pre_save_hook``: JupyterLab's save (``make lab`` loads it through scripts/lab_config.py) strips
  outputs, execution counts and run metadata, so running a notebook and saving it changes no tracked
  file and no forum's fingerprint.
- ``sync``: ``make notebooks`` writes each ``.ipynb`` from its paired ``.py`` (jupytext, percent format,
  settings in jupytext.toml). It refuses a pair whose ``.ipynb`` is newer than its ``.py`` while their
  cells differ: syncing would then overwrite the edit in the ``.py`` (jupytext takes the newer file).

Usage: ``python scripts/notebook_hygiene.py sync [--check] [FOLDER]`` (exit 0 in step, 1 with --check
when a pair would change, 2 when a pair is refused).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jupytext
import nbformat
from jupytext.combine import combine_inputs_with_outputs

#: Top-level notebook metadata kept in git (the rest, e.g. language_info or papermill, is run state).
KEEP_METADATA = ("jupytext", "kernelspec")
#: Cell metadata that a run adds.
RUN_CELL_METADATA = ("execution", "papermill", "ExecuteTime", "collapsed", "scrolled")


def strip(nb) -> object:
    """`nb` without outputs, execution counts and run metadata (changed in place and returned)."""
    for cell in nb["cells"]:
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
        for key in RUN_CELL_METADATA:
            cell.get("metadata", {}).pop(key, None)
    for key in [k for k in nb.get("metadata", {}) if k not in KEEP_METADATA]:
        del nb["metadata"][key]
    return nb


def pre_save_hook(model, **kwargs) -> None:
    """Jupyter's ``ContentsManager.pre_save_hook``: strip a notebook before it is written."""
    if model.get("type") == "notebook" and model.get("content") is not None:
        strip(model["content"])


def _cells(nb) -> list[tuple[str, str]]:
    return [(c["cell_type"], c["source"].strip()) for c in nb["cells"]]


def sync(folder: Path, check: bool = False) -> int:
    """Write every ``.ipynb`` of `folder` from its ``.py``; see the module docstring for the exit codes."""
    refused, changed = [], []
    for py in sorted(folder.glob("*.py")):
        ipynb = py.with_suffix(".ipynb")
        text_nb = jupytext.read(py)
        if ipynb.exists():
            stored = nbformat.read(ipynb, as_version=4)
            if _cells(stored) != _cells(text_nb) and ipynb.stat().st_mtime > py.stat().st_mtime:
                refused.append(py)
                continue
            text_nb = combine_inputs_with_outputs(text_nb, stored)  # keeps the cell ids
        for path in (ipynb, py):
            new = jupytext.writes(strip(text_nb), fmt="ipynb" if path.suffix == ".ipynb" else "py:percent")
            new = new if new.endswith("\n") else new + "\n"
            if not path.exists() or path.read_text(encoding="utf-8") != new:
                changed.append(path)
                if not check:
                    path.write_text(new, encoding="utf-8")
    for py in refused:
        print(f"{py.with_suffix('.ipynb')} is newer than {py.name} and their cells differ: syncing would overwrite "
              f"the edit in {py.name}. Keep the one you want: `jupytext --to py:percent {py.with_suffix('.ipynb').name}` "
              f"(the notebook's cells win) or `touch {py.name}` (the .py wins), then `make notebooks` again.",
              file=sys.stderr)
    for path in changed:
        print(f"{'would update' if check else 'updated'} {path}")
    return 2 if refused else 1 if (check and changed) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sync", help="write each .ipynb from its paired .py")
    s.add_argument("folder", nargs="?", default=str(Path(__file__).resolve().parents[1] / "notebooks"))
    s.add_argument("--check", action="store_true", help="change nothing; exit 1 when a pair would change")
    args = parser.parse_args(argv)
    return sync(Path(args.folder), args.check)


if __name__ == "__main__":
    sys.exit(main())
