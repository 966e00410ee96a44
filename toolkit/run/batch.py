"""Many forums: parallel runs (one process per forum), skipping forums whose inputs are unchanged.

A forum's fingerprint is the SHA-256 over its input files, the report language, the toolkit version
and the toolkit's own code and notebooks. A run whose fingerprint equals the one stored beside the
last good report (``fingerprint.json``) is skipped unless forced.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

from toolkit.errors import InputError

__all__ = ["fingerprint", "run_many", "forum_name", "BatchRow", "FINGERPRINT_FILE"]

FINGERPRINT_FILE = "fingerprint.json"
_CODE = Path(__file__).resolve().parents[1]


def _code_digest() -> str:
    from toolkit.run.runner import NOTEBOOKS_DIR

    h = hashlib.sha256()
    files = sorted(p for p in _CODE.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".css", ".csv", ".yml", ".json"))
    files += sorted(Path(NOTEBOOKS_DIR).glob("*.ipynb"))
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def fingerprint(forum_dir: str | Path, lang: str | None) -> str:
    """SHA-256 of everything a forum's report depends on.

    Raises
    ------
    InputError
        If forum.yml cannot be read (the run would fail the same way).
    """
    from toolkit import __version__
    from toolkit.forum.config import input_files, load_config, sha256  # no pandas: a skipped forum costs no import

    cfg = load_config(forum_dir)
    h = hashlib.sha256(f"{__version__}|{lang or cfg['language']}|{_code_digest()}".encode())
    for f in input_files(cfg):
        h.update(f"{f.name}:{sha256(f)}".encode())
    return h.hexdigest()


class BatchRow(NamedTuple):
    forum: str
    status: str  # done, unchanged, input error, failed
    seconds: float
    message: str  # done: the report's path; an error: the message
    out_dir: str = ""


def stored_fingerprint(out_dir: Path) -> str | None:
    """The fingerprint stored beside the last good report in `out_dir` (None when there is none)."""
    try:
        return json.loads((out_dir / FINGERPRINT_FILE).read_text(encoding="utf-8"))["fingerprint"]
    except (OSError, ValueError, KeyError):
        return None


def forum_name(forum_dir: str | Path) -> str:
    """A forum's name in messages and its report folder's default name: its folder's real name (``.`` resolved).

    Examples
    --------
    >>> forum_name("surveys/example"), forum_name(".") == Path.cwd().name
    ('example', True)
    """
    return Path(forum_dir).resolve().name


def _one(args: tuple) -> BatchRow:
    forum_dir, out_dir, lang, timeout, force, pdf, helper, docx = args
    from toolkit.run.runner import RunFailed, run_forum

    t0 = time.perf_counter()
    name = forum_name(forum_dir)
    try:
        fp = fingerprint(forum_dir, lang)
        if not force and (Path(out_dir) / "report.html").is_file() and stored_fingerprint(Path(out_dir)) == fp \
                and (not docx or (Path(out_dir) / "report.docx").is_file()):
            return BatchRow(name, "unchanged", time.perf_counter() - t0,
                            "inputs, config and toolkit unchanged since the last good report", str(out_dir))
        res = run_forum(forum_dir, out_dir, lang=lang, timeout=timeout, progress=False, pdf=pdf, helper=helper,
                        docx=docx)
        (res.out_dir / FINGERPRINT_FILE).write_text(json.dumps({"fingerprint": fp}) + "\n", encoding="utf-8")
        return BatchRow(name, "done", time.perf_counter() - t0, str(res.report), str(out_dir))
    except InputError as exc:
        return BatchRow(name, "input error", time.perf_counter() - t0, str(exc), str(out_dir))
    except RunFailed as exc:
        return BatchRow(name, "failed", time.perf_counter() - t0, str(exc), str(out_dir))


def run_many(forum_dirs: list[Path], reports_dir: Path, lang: str | None = None, timeout: int | None = None,
             force: bool = False, jobs: int | None = None, out_dir: Path | None = None, pdf: bool = False,
             docx: bool = False, on_start=None, on_done=None) -> list[BatchRow]:
    """Run several forums in parallel (``jobs`` processes, default one per core).

    Each forum's report goes to ``reports_dir/<forum folder name>`` (or `out_dir` for a single forum).
    ``on_start(forum, out_dir)`` is called as each forum starts and ``on_done(row)`` as each ends (in the
    order they end). An interrupt (Ctrl+C, SIGTERM) cancels the queued forums at once and stops the
    running ones, which clean up after themselves. Returns one :class:`BatchRow` per forum, in the
    order given.
    """
    from concurrent.futures import FIRST_COMPLETED, wait

    jobs = jobs or os.cpu_count() or 1
    tasks = [(str(f), str(out_dir if (out_dir and len(forum_dirs) == 1) else Path(reports_dir) / forum_name(f)),
              lang, timeout, force, pdf, None if len(forum_dirs) == 1 else False, docx) for f in forum_dirs]
    on_start = on_start or (lambda forum, out: None)
    on_done = on_done or (lambda row: None)
    rows: list[BatchRow | None] = [None] * len(tasks)
    if len(tasks) == 1 or jobs == 1:
        for i, t in enumerate(tasks):
            on_start(forum_name(t[0]), Path(t[1]))
            rows[i] = _one(t)
            on_done(rows[i])
        return rows
    workers = min(jobs, len(tasks))
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        futures = {pool.submit(_one, t): i for i, t in enumerate(tasks)}
        started = 0
        for t in tasks[:workers]:  # the pool starts tasks in the order they were given
            on_start(forum_name(t[0]), Path(t[1]))
            started += 1
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                rows[futures[fut]] = fut.result()
                on_done(rows[futures[fut]])
                if started < len(tasks):
                    on_start(forum_name(tasks[started][0]), Path(tasks[started][1]))
                    started += 1
    except BaseException:
        import multiprocessing

        pool.shutdown(wait=False, cancel_futures=True)
        children = multiprocessing.active_children()
        for child in children:
            child.terminate()  # SIGTERM: the run cleans up as for Ctrl+C
        deadline = time.monotonic() + 20
        for child in children:  # let each remove its staging folder and helper files before we exit
            child.join(max(0.0, deadline - time.monotonic()))
        raise
    pool.shutdown()
    return rows
