"""Plumbing: compute the slowest section's analysis in a second process while the kernel works.

A forum's run executes its notebooks in one kernel, which keeps one core busy; the other core is
idle. For a single forum the runner therefore starts this module as a helper process
(``python -m toolkit.run.prefetch <forum> <folder> attitudes``). It loads the forum and computes
the analyses of the sections the registry marks ``prefetch`` (attitudes: the mixed models), then pickles the
result into `folder`. The kernel finds the folder in its environment (:data:`ENV`); the section
cache (:func:`toolkit.sections.cache.cached`, through :func:`install`) takes the helper's result instead of computing it again,
after checking that it was computed from the same input files.

Nothing depends on the helper: if it fails, is slow to start or is absent (JupyterLab, batch runs,
one core, Windows), the kernel computes the analysis itself, and any error appears where it belongs,
in the notebook. What it saves is measured in bench/.
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path

from toolkit.run.pids import alive
from toolkit.sections import SECTIONS, section

__all__ = ["ENV", "PREFETCHED", "available", "start", "fetch", "install", "forum_key"]

#: Set in the kernel's environment: ``<folder><os.pathsep><helper pid>``.
ENV = "FORUM_EVAL_PREFETCH"
#: Sections the helper computes (``prefetch`` in the registry, :mod:`toolkit.sections`: the slowest only;
#: the kernel computes the others while the helper runs).
PREFETCHED = tuple(s.id for s in SECTIONS if s.prefetch)
#: The kernel never waits longer than this for the helper; then it computes the analysis itself.
MAX_WAIT = 600.0


def available() -> bool:
    """A helper pays off when a second core is free; its liveness check needs POSIX."""
    return os.name == "posix" and (os.cpu_count() or 1) >= 2


def forum_key(forum) -> tuple:
    """What a prefetched result must have been computed from: the folder and every input file's hash."""
    return str(forum.folder), tuple(forum.files["sha256"])


_SCRATCH_PREFIX = "forum-eval-helper-"


def scratch_folder() -> Path:
    """A private temporary folder (mode 0700) for the helper's results, named after this process.

    The results are respondent-level (scale scores): the runner removes the folder on every exit it
    sees; the folders of runs that were killed outright are removed here, by the next run.
    """
    import shutil
    import tempfile

    for p in Path(tempfile.gettempdir()).glob(f"{_SCRATCH_PREFIX}*-*"):
        pid = p.name[len(_SCRATCH_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and p.is_dir() and not p.is_symlink() and not alive(int(pid), foreign=False):
            shutil.rmtree(p, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{_SCRATCH_PREFIX}{os.getpid()}-"))


def start(forum_dir: str | Path, folder: str | Path) -> tuple[subprocess.Popen, str]:
    """Start the helper; return it and the value of :data:`ENV` for the kernel's environment.

    A thread reaps the helper when it ends, so that a crashed helper does not linger as a zombie
    that still looks alive to the kernel.
    """
    proc = subprocess.Popen([sys.executable, "-m", "toolkit.run.prefetch", str(forum_dir), str(folder), *PREFETCHED],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    threading.Thread(target=proc.wait, name="forum-eval-prefetch-reaper", daemon=True).start()
    return proc, f"{folder}{os.pathsep}{proc.pid}"


def fetch(name: str, forum) -> tuple[bool, object]:
    """The helper's result for section `name` of `forum`: ``(True, result)``, or ``(False, None)``
    when there is no helper, it failed or ended without a result, or its inputs differ."""
    spec = os.environ.get(ENV)
    if not spec or name not in PREFETCHED:
        return False, None
    folder, _, pid = spec.rpartition(os.pathsep)
    done, failed = Path(folder) / f"{name}.pkl", Path(folder) / f"{name}.failed"
    deadline = time.monotonic() + MAX_WAIT
    while not done.exists():
        if failed.exists() or not pid.isdigit() or not alive(int(pid), foreign=False) or time.monotonic() > deadline:
            return False, None
        time.sleep(0.01)
    try:
        with open(done, "rb") as fh:
            payload = pickle.load(fh)  # written by our own helper, seconds ago, in a private temp folder
    except Exception:  # noqa: BLE001  a torn or unreadable file: compute instead
        return False, None
    if payload.get("key") != forum_key(forum):
        return False, None
    return True, payload["result"]


def install() -> None:
    """Let the section cache take the helper's results (the runner's kernel calls this when it warms up).

    Without a helper (no :data:`ENV` in the environment) :func:`fetch` finds nothing and the kernel
    computes every analysis itself.
    """
    from toolkit.sections.cache import add_source

    add_source(fetch)


def _compute(forum_dir: str, folder: str, names: list[str]) -> None:
    from toolkit.forum.load import load_forum

    parent = os.getppid()

    try:
        forum = load_forum(forum_dir)
    except Exception:  # noqa: BLE001  the kernel loads the forum too and reports the problem
        for name in names:
            (Path(folder) / f"{name}.failed").touch()
        return
    for name in names:
        target = Path(folder) / f"{name}.pkl"
        try:
            result = section(name).result().analyse.__wrapped__(forum)
            tmp = target.with_suffix(".tmp")
            with open(tmp, "wb") as fh:
                pickle.dump({"key": forum_key(forum), "result": result}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)  # the kernel sees the whole file or none
        except Exception:  # noqa: BLE001  the kernel computes it and shows the error in the notebook
            (Path(folder) / f"{name}.failed").touch()
        if os.getppid() != parent:  # the runner was killed: leave no respondent-level file behind
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
            return


if __name__ == "__main__":
    _compute(sys.argv[1], sys.argv[2], sys.argv[3:])
