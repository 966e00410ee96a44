"""Plumbing for the runner: a kernel started early and warmed while the parent works, and a papermill
engine that writes the executed notebook once instead of twice per cell.

papermill's stock engine writes and validates the whole, growing notebook at the start and at the end
of every cell; this one writes it when execution ends (also after a failure, a timeout or an
interrupt). The kernel starts and imports the scientific stack on the second core while the parent
imports papermill and nbconvert. The timings are in bench/README.md.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import NamedTuple

__all__ = ["WarmKernel", "start_warm_kernel", "stop_kernel", "execute", "preload_renderer", "route_warnings",
           "ENGINE_NAME"]

ENGINE_NAME = "forum-eval"

#: What the kernel imports and loads before the first cell arrives. Silent: an error here (say, the
#: forum's data are wrong) shows up where it belongs, in the notebook cell that loads the forum.
WARM_IMPORTS = """\
import toolkit.run.engine; toolkit.run.engine.route_warnings()
import matplotlib, pandas, numpy, scipy.stats, statsmodels.formula.api, pingouin, seaborn
import toolkit.report.display, toolkit.forum.load, toolkit.sections.representativeness.result, toolkit.sections.attitudes.result
import toolkit.sections.follow_up.result, toolkit.sections.representativeness.charts, toolkit.sections.representativeness.tables
import toolkit.sections.attitudes.charts, toolkit.sections.attitudes.tables, toolkit.sections.follow_up.charts, toolkit.sections.follow_up.tables
import toolkit.sections.links, toolkit.run.prefetch
toolkit.run.prefetch.install()
"""
WARM_LOAD = ("try:\n    toolkit.forum.load.load_forum({forum_dir!r})\n"
             "except Exception:\n    pass  # the notebook's first load reports the problem\n")

KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]  # no transport chatter on stderr
WARM_TIMEOUT = 120


def route_warnings(stream=None) -> None:
    """Send Python warnings to the kernel process's own stderr (`stream`), not into the notebook.

    In a kernel, ``sys.stderr`` is a cell's output: a warning would be stored in the executed notebook
    and rendered into the report as a ``<pre>`` with a server path and a line of source. The kernel's
    warm-up calls this first, so a warning goes to the log of the run (the terminal of
    ``forum-eval run``) instead; the renderer drops any stderr output that still reaches a cell.
    """
    import sys
    import warnings

    def show(message, category, filename, lineno, file=None, line=None):
        target = stream or sys.__stderr__
        if target is not None:
            try:
                target.write(warnings.formatwarning(message, category, filename, lineno, line))
                target.flush()
            except (OSError, ValueError):  # a closed log: the warning is dropped, the run goes on
                pass

    warnings.showwarning = show


class WarmKernel(NamedTuple):
    """A started kernel (an ``AsyncKernelManager`` for nbclient) and the thread that warms it."""

    km: object
    warm_client: object
    warming: threading.Thread


def start_warm_kernel(cwd: str | Path, forum_dir: str | Path | None = None, env: dict | None = None) -> WarmKernel:
    """Start a ``python3`` kernel in `cwd` and have a thread send it the imports and the forum's loading.

    `env` is added to the kernel's environment. Returns at once: the kernel works on the second core while the caller goes on (imports papermill,
    prepares the notebook). :func:`execute` waits for the warm-up before the first cell, so the two
    clients' messages cannot arrive in the wrong order.
    """
    from jupyter_client.blocking import BlockingKernelClient
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    km = AsyncKernelManager(kernel_name="python3")
    run_sync(km.start_kernel)(cwd=str(cwd), extra_arguments=KERNEL_ARGS, env={**os.environ, **(env or {})})
    client = BlockingKernelClient()
    client.load_connection_info(km.get_connection_info())
    code = WARM_IMPORTS + (WARM_LOAD.format(forum_dir=str(forum_dir)) if forum_dir else "")

    # the heartbeat's default second is missed on a busy machine, and the client then takes a live
    # kernel for dead ("Kernel died before replying to kernel_info"): the warm-up would silently not run
    client.hb_channel.time_to_dead = 30.0

    def warm():
        try:
            client.start_channels()
            client.wait_for_ready(timeout=WARM_TIMEOUT)
            client.execute_interactive(code, silent=True, store_history=False, timeout=WARM_TIMEOUT,
                                       output_hook=lambda msg: None)  # nothing of the warm-up is printed
        except Exception:  # noqa: BLE001  a failed warm-up only costs time; the notebook reports errors
            pass

    thread = threading.Thread(target=warm, name="forum-eval-warm-kernel", daemon=True)
    thread.start()
    return WarmKernel(km, client, thread)


def stop_kernel(kernel: WarmKernel | None) -> None:
    """Close the warm-up client and shut the kernel down (idempotent, never raises)."""
    if kernel is None:
        return
    from jupyter_core.utils import run_sync

    try:
        kernel.warming.join(5)
        kernel.warm_client.stop_channels()
    finally:
        try:
            if run_sync(kernel.km.is_alive)():
                run_sync(kernel.km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001  a kernel that already died needs no shutdown
            pass


def preload_renderer() -> None:
    """Import nbconvert; meant for a background thread while the kernel computes."""
    try:
        import nbconvert.exporters.html  # noqa: F401  (imported for its side effect: the module cache)
    except Exception:  # noqa: BLE001  the render step imports it again and reports properly
        pass


def _engine():
    """The papermill engine, registered on first use (papermill is imported lazily)."""
    from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

    class _SaveAtEnd(NotebookExecutionManager):
        """Writes the notebook when execution ends, also after a failure, a timeout or an interrupt
        (papermill's ``notebook_complete`` runs in a ``finally``), not at the start and end of every cell."""

        on_cell_done = None  # called with (notebook, cell index) after a cell ran without error

        def save(self, **kwargs):
            if self.end_time is not None:
                super().save(**kwargs)

        def cell_complete(self, cell, cell_index=None, **kwargs):
            super().cell_complete(cell, cell_index=cell_index, **kwargs)
            if self.on_cell_done is not None and cell.metadata.papermill.get("status") != self.FAILED:
                self.on_cell_done(self.nb, cell_index)

    class ForumEvalEngine(NBClientEngine):
        @classmethod
        def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False,
                             autosave_cell_every=30, on_cell_done=None, **kwargs):
            nb_man = _SaveAtEnd(nb, output_path=output_path, progress_bar=progress_bar, log_output=log_output,
                                autosave_cell_every=autosave_cell_every)
            nb_man.on_cell_done = on_cell_done
            nb_man.notebook_start()
            try:
                cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
            finally:
                nb_man.cleanup_pbar()
                nb_man.notebook_complete()
            return nb_man.nb

    if ENGINE_NAME not in papermill_engines._engines:
        papermill_engines.register(ENGINE_NAME, ForumEvalEngine)
    return ENGINE_NAME


def execute(nb, out_nb: str | Path, parameters: dict, timeout: int, progress: bool, cwd: str | Path,
            kernel: WarmKernel | None = None, on_cell_done=None):
    """papermill.execute_notebook with the forum-eval engine, on `kernel` when one was started early.

    `on_cell_done(notebook, index)` is called in this thread after each cell that ran without error
    (its outputs are final then); keep it short.
    """
    import papermill as pm

    extra = {"km": kernel.km} if kernel is not None else {"extra_arguments": KERNEL_ARGS}
    if kernel is not None:
        kernel.warming.join(WARM_TIMEOUT)
    if on_cell_done is not None:
        extra["on_cell_done"] = on_cell_done
    return pm.execute_notebook(nb, str(out_nb), parameters=parameters, kernel_name="python3",
                               engine_name=_engine(), execution_timeout=timeout, progress_bar=progress,
                               log_output=False, cwd=str(cwd), start_timeout=120, **extra)
