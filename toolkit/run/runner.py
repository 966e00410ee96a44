"""Run a forum's notebooks with papermill in ONE kernel and write the report atomically.

The section notebooks are joined into one notebook (cells keep their section and original cell
number in metadata), so a forum's run starts one kernel and imports the stack once. The summary
runs last (it reads the key figures the sections computed) and is shown first.
A run writes into a staging folder beside the output and renames it into place only when
everything succeeded: a failed or interrupted run never replaces the last good report; its
executed notebook is kept in ``<out>.failed/`` for diagnosis.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import html
import os
import re
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from toolkit.forum.config import check_links, input_files, load_config, text
from toolkit.run import output, prefetch
from toolkit import sections as registry
from toolkit.run.engine import preload_renderer, start_warm_kernel, stop_kernel
from toolkit.errors import InputError
from toolkit.i18n import tr

if TYPE_CHECKING:
    import nbformat  # imported where used, while the kernel starts

__all__ = ["run_forum", "run_compare", "RunResult", "SECTIONS", "NOTEBOOKS_DIR", "RunFailed", "combine_notebooks"]


def _notebooks_dir() -> Path:
    """The section notebooks: ``$FORUM_EVAL_NOTEBOOKS``, else the copy an installed wheel ships as
    package data (``toolkit/report/notebooks``, see setup.py), else ``notebooks/`` of the source checkout."""
    if os.environ.get("FORUM_EVAL_NOTEBOOKS"):
        return Path(os.environ["FORUM_EVAL_NOTEBOOKS"])
    from importlib import resources

    packaged = Path(str(resources.files("toolkit.report") / "notebooks"))
    if (packaged / "00_summary.ipynb").is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "notebooks"


NOTEBOOKS_DIR = _notebooks_dir()

#: (section id, notebook file, title nl, title en) in report order, from the registry (toolkit.sections).
SECTIONS = [(s.id, s.notebook, s.title["nl"], s.title["en"]) for s in registry.SECTIONS]
RUN_ORDER = registry.RUN_ORDER
RUN_LAST = ("summary",)


class RunFailed(Exception):
    """A notebook failed: names the notebook, the cell and the error."""


class RunResult(NamedTuple):
    out_dir: Path
    report: Path
    results: Path
    seconds: float


def _sections(notebooks_dir: Path) -> list[tuple]:
    return [s for s in SECTIONS if (notebooks_dir / s[1]).is_file()]


def combine_notebooks(notebooks_dir: Path = NOTEBOOKS_DIR) -> nbformat.NotebookNode:
    """Join the section notebooks into one, in execution order, keeping one parameters cell.

    Every cell gets ``metadata.section``, ``metadata.source_notebook`` and ``metadata.source_cell``
    (1-based), and code cells a ``papermill_description`` so the progress bar names them.
    """
    import nbformat

    sections = _sections(notebooks_dir)
    rank = {sid: i for i, sid in enumerate(RUN_ORDER)}
    order = sorted(sections, key=lambda s: (s[0] in RUN_LAST, rank.get(s[0], len(rank))))
    combined = None
    for sid, fname, *_ in order:
        nb = nbformat.read(notebooks_dir / fname, as_version=4)
        if combined is None:
            combined = nbformat.v4.new_notebook(metadata=nb.metadata)
            combined.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        for i, cell in enumerate(nb.cells, 1):
            tags = cell.metadata.get("tags", [])
            if "parameters" in tags and any("parameters" in c.metadata.get("tags", []) for c in combined.cells):
                continue  # the same parameters: papermill injects after the first parameters cell only
            cell = nbformat.from_dict(dict(cell))
            cell.metadata["section"], cell.metadata["source_notebook"], cell.metadata["source_cell"] = sid, fname, i
            if cell.cell_type == "code":
                cell.source = f"# papermill_description={fname}#cell{i}\n" + cell.source
                cell.outputs, cell.execution_count = [], None
            combined.cells.append(cell)
    if combined is None:
        raise RunFailed(f"no section notebooks found in {notebooks_dir}")
    return combined


def _failed_cell(nb: nbformat.NotebookNode) -> tuple[str, int, str]:
    for cell in nb.cells:
        pm = cell.metadata.get("papermill", {})
        if pm.get("exception") or pm.get("status") in ("failed", "running"):
            err = next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"), None)
            msg = f"{err['ename']}: {err['evalue']}" if err else "the cell did not finish"
            return cell.metadata.get("source_notebook", "?"), cell.metadata.get("source_cell", 0), msg
    started = [c for c in nb.cells if c.metadata.get("papermill", {}).get("start_time")]
    if started:  # a timed-out or killed run: the last cell that started is the one that did not finish
        cell = started[-1]
        return cell.metadata.get("source_notebook", "?"), cell.metadata.get("source_cell", 0), "the cell did not finish"
    return "?", 0, "unknown error"


def _execute(nb, params: dict, out_nb: Path, timeout: int, progress: bool, kernel=None,
             on_cell_done=None) -> nbformat.NotebookNode:
    import nbformat

    from papermill.exceptions import PapermillExecutionError

    from toolkit.run.engine import execute

    try:
        return execute(nb, out_nb, params, timeout, progress, NOTEBOOKS_DIR, kernel, on_cell_done)
    except PapermillExecutionError as exc:
        if exc.ename == "InputError":  # the forum's data were checked in the kernel: the user's input is wrong
            raise InputError.from_report(exc.evalue) from None
        executed = nbformat.read(out_nb, as_version=4)
        notebook, cell, _ = _failed_cell(executed)
        raise RunFailed(f"notebook {notebook}, cell {cell} failed: {exc.ename}: {exc.evalue}") from None
    except Exception as exc:  # nbclient's CellTimeoutError, DeadKernelError
        if out_nb.is_file():
            notebook, cell, msg = _failed_cell(nbformat.read(out_nb, as_version=4))
            if "timed out" in str(exc).lower() or type(exc).__name__ == "CellTimeoutError":
                raise RunFailed(f"notebook {notebook}, cell {cell} did not finish within {timeout} s "
                                f"(per-cell timeout; raise timeout_seconds in forum.yml or --timeout)") from None
            raise RunFailed(f"notebook {notebook}, cell {cell} failed: {type(exc).__name__}: {exc}") from None
        raise


def _split(nb, sid: str) -> nbformat.NotebookNode:
    import nbformat

    part = nbformat.v4.new_notebook(metadata=nb.metadata)
    part.cells = [c for c in nb.cells if c.metadata.get("section") == sid]
    return part


def _rerunnable(part, executed, params: dict) -> nbformat.NotebookNode:
    """A section's executed notebook as it is saved: it runs again on its own from where it lies.

    Every part gets the parameters cell (the one combined run kept it in one section only) and, after
    it, the values of this run, with ``out_dir`` empty so that running it again writes no results.json
    over the report's; the runner's bookkeeping lines are taken out of the sources.
    """
    import copy

    import nbformat

    part = copy.deepcopy(part)
    for cell in part.cells:
        if cell.cell_type == "code":
            cell.source = re.sub(r"\A# papermill_description=[^\n]*\n", "", cell.source)
    at = next((i for i, c in enumerate(part.cells) if "parameters" in c.metadata.get("tags", [])), None)
    if at is None:
        defaults = next((c for c in executed.cells if "parameters" in c.metadata.get("tags", [])), None)
        at = next((i for i, c in enumerate(part.cells) if c.cell_type != "markdown"), len(part.cells))
        if defaults is not None:
            cell = nbformat.from_dict(copy.deepcopy(dict(defaults)))
            cell.source = re.sub(r"\A# papermill_description=[^\n]*\n", "", cell.source)
            cell.outputs, cell.execution_count = [], None
            part.cells.insert(at, cell)
        else:
            at -= 1
    values = {**params, "out_dir": ""}
    injected = nbformat.v4.new_code_cell(
        "# Parameters of this run (forum-eval run); out_dir is empty: running again writes no results.json\n"
        + "".join(f"{k} = {v!r}\n" for k, v in values.items()),
        metadata={"tags": ["injected-parameters"]})
    part.cells.insert(at + 1, injected)
    return part


class _Page(NamedTuple):
    """What every page of a report shares."""

    title: str
    banner: str
    titles: dict
    preamble: str
    footer: str


_START, _END = "<!--forum-eval:section-start-->", "<!--forum-eval:section-end-->"


def _page_parts(cfg: dict, sections: list[tuple], lang: str) -> _Page:
    name = text(cfg["name"], lang)
    title = tr("report_title", lang, name=name)
    banner = (f'<p class="banner" role="note"><strong>{html.escape(tr("synthetic_banner", lang))}</strong></p>'
              if cfg.get("synthetic") else "")
    titles = {sid: registry.section(sid).title[lang] for sid, *_ in sections}
    toc = "".join(f'<li><a href="#{sid}">{html.escape(titles[sid])}</a></li>' for sid, *_ in sections)
    preamble = (f"<h1>{html.escape(title)}</h1>{banner}"
                f'<nav class="toc" aria-label="{html.escape(tr("toc", lang))}"><h2 id="toc">{html.escape(tr("toc", lang))}</h2><ol>{toc}</ol></nav>')
    footer = f'<footer class="report-footer">forum-eval · {html.escape(name)}</footer>'
    return _Page(title, banner, titles, preamble, footer)


def _render_section(section_nb, sid: str, parts: _Page, lang: str) -> str:
    """One section's page, rendered and checked (offline, alt texts) once; report.html reuses its body."""
    from toolkit.report.render import render_html

    return render_html(section_nb, lang, f"{parts.title} · {parts.titles[sid]}",
                       f'<p><a href="../report.html">{html.escape(parts.title)}</a></p>{parts.banner}{_START}',
                       f"{_END}{parts.footer}")


def _assemble(pages: dict[str, str], sections: list[tuple], parts: _Page, stage: Path) -> Path:
    """Write sections/*.html and report.html, assembled from the checked section bodies."""
    from toolkit.report.render import check_offline

    (stage / "sections").mkdir(exist_ok=True)
    bodies, head = [], None
    for sid, *_ in sections:
        page = pages[sid]
        (stage / "sections" / f"{sid}.html").write_text(page, encoding="utf-8")
        before, rest = page.split(_START, 1)
        bodies.append(rest.split(_END, 1)[0])
        head = head or before[: before.index("<main>") + len("<main>")]
    head = re.sub(r"<title>.*?</title>", f"<title>{html.escape(parts.title)}</title>", head, count=1, flags=re.S)
    page = f"{head}\n{parts.preamble}\n{''.join(bodies)}\n{parts.footer}\n</main>\n</body>\n</html>\n"
    problems = check_offline(page)
    if problems:
        raise RuntimeError("refusing to write a report that is not self-contained: " + "; ".join(problems[:5]))
    report = stage / "report.html"
    report.write_text(page, encoding="utf-8")
    return report


def _render_as_sections_finish(parts: _Page, lang: str):
    """A hook for the engine and a pool: each section is rendered in a thread as soon as its last cell
    has run, while the kernel computes the next section on the other core."""
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(1, thread_name_prefix="forum-eval-render")
    pool.submit(preload_renderer)
    pages: dict = {}

    def section_done(nb, index: int) -> None:
        sid = nb.cells[index].metadata.get("section")
        # papermill's injected-parameters cell has no section: the next cell that has one decides
        following = next((c.metadata["section"] for c in nb.cells[index + 1:] if c.metadata.get("section")), None)
        if sid and sid != following and sid not in pages:
            pages[sid] = pool.submit(_render_section, _split(nb, sid), sid, parts, lang)

    return pool, pages, section_done


def print_pdf(html_path: Path, pdf_path: Path, timeout: int = 120) -> Path:
    """Chromium's print to PDF of a rendered page (Debian's chromium; no browser download).

    Raises
    ------
    RunFailed
        When no chromium is installed or printing fails.
    """
    import subprocess
    import tempfile

    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if exe is None:
        raise RunFailed("--pdf needs Chromium: install it (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer",
               f"--print-to-pdf={pdf_path}", Path(html_path).resolve().as_uri()]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or not Path(pdf_path).is_file():
        raise RunFailed(f"Chromium could not print the report to PDF: {done.stderr.strip()[-300:]}")
    return Path(pdf_path)


def run_forum(forum_dir: str | Path, out_dir: str | Path, lang: str | None = None,
              timeout: int | None = None, progress: bool | None = None, pdf: bool = False,
              helper: bool | None = None, docx: bool = False) -> RunResult:
    """Validate a forum, execute its notebooks, render the report, write results.json.

    Parameters
    ----------
    forum_dir : str or Path
        ``surveys/<forum>``.
    out_dir : str or Path
        Report folder; replaced only when the run succeeds.
    lang : {"nl", "en"}, optional
        Report language; default the forum's ``language``.
    timeout : int, optional
        Per-cell timeout in seconds; default forum.yml ``timeout_seconds`` (600).
    progress : bool, optional
        Show a progress bar naming notebook and cell; default: when stderr is a terminal.
    pdf : bool
        Also print ``report.pdf`` with Chromium (page breaks between sections).
    helper : bool, optional
        Compute the slowest analysis in a second process while the kernel works (toolkit.run.prefetch);
        default: when there is a second core. Batch runs of several forums turn it off (their pool
        already uses every core).
    docx : bool
        Also write ``report.docx`` (the report as a Word document). ``tables/``, ``tables.xlsx`` and
        ``figures/`` are always written (:mod:`toolkit.report.exports`).

    Returns
    -------
    RunResult

    Raises
    ------
    InputError
        The forum's input is wrong: forum.yml problems before a kernel starts; problems in the data
        from the kernel's first load (the same message ``forum-eval check`` gives). No report is written.
    RunFailed
        A notebook failed; its executed notebook is kept in ``<out_dir>.failed/``.
    """
    t0 = time.perf_counter()
    check_links(forum_dir)  # as named, before resolving: a forum folder that is a link leading out of it
    forum_dir, out_dir = Path(forum_dir).resolve(), Path(out_dir).resolve()
    # forum.yml is checked here, before a kernel starts; the data are read and checked once, in the
    # kernel (an InputError there ends the run with the same message and exit code 2)
    cfg = load_config(forum_dir)
    lang = lang or cfg["language"]
    if lang not in ("nl", "en"):
        raise InputError(f"--lang must be nl or en, not {lang!r}")
    timeout = timeout or cfg["timeout_seconds"]
    progress = sys.stderr.isatty() if progress is None else progress
    out_dir = output.prepare(out_dir, [forum_dir, *input_files(cfg)])
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    kernel = pool = helper_proc = scratch = None
    stage = output.new_stage(out_dir)  # removes what it made if interrupted while making it
    try:
        (stage / "notebooks").mkdir()
        run_started = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
        params = {"forum_dir": str(forum_dir), "out_dir": str(stage), "lang": lang, "run_started": run_started}
        executed_path = stage / "notebooks" / "executed.ipynb"
        scratch = prefetch.scratch_folder()
        # a helper process computes the slowest analysis; the kernel starts and imports the stack
        # while this process imports papermill; each section is rendered in a thread while the kernel
        # computes the next one
        env = {}
        if helper if helper is not None else prefetch.available():
            helper_proc, env[prefetch.ENV] = prefetch.start(forum_dir, scratch)
        kernel = start_warm_kernel(NOTEBOOKS_DIR, forum_dir, env)
        import nbformat  # while the kernel starts (its jsonschema format checkers are slow to import)

        sections = _sections(NOTEBOOKS_DIR)
        parts = _page_parts(cfg, sections, lang)
        pool, pages, section_done = _render_as_sections_finish(parts, lang)
        combined = combine_notebooks(NOTEBOOKS_DIR)
        _add_export_cells(combined, docx)
        executed = _execute(combined, params, executed_path, timeout, progress, kernel, section_done)
        stop_kernel(kernel)
        results = stage / "results.json"
        if not results.is_file():
            raise RunFailed("the notebooks finished but wrote no results.json (the summary notebook must call write_results)")
        for sid, fname, *_ in sections:
            nbformat.write(_rerunnable(_split(executed, sid), executed, {**params, "forum_dir": str(forum_dir)}),
                           stage / "notebooks" / fname)
        executed_path.unlink()
        rendered = {sid: pages[sid].result() if sid in pages else _render_section(_split(executed, sid), sid, parts, lang)
                    for sid, *_ in sections}
        report = _assemble(rendered, sections, parts, stage)
        if pdf:
            print_pdf(report, stage / "report.pdf")
    except InputError:
        output.remove_stage(stage)
        raise
    except BaseException:
        with _no_second_interrupt():  # Ctrl+C reaches a batch's workers twice (terminal, then parent)
            output.keep_failed(stage, out_dir)
        raise
    finally:
        with _no_second_interrupt():
            stop_kernel(kernel)
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            if helper_proc is not None and helper_proc.poll() is None:
                helper_proc.terminate()  # an interrupted or failed run leaves nothing behind
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)
    output.swap_into_place(stage, out_dir)
    return RunResult(out_dir, out_dir / "report.html", out_dir / "results.json", time.perf_counter() - t0)


@contextlib.contextmanager
def _no_second_interrupt():
    """Hold SIGINT and SIGTERM while a run cleans up, so that a second one cannot leave half of it."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def _add_export_cells(nb, docx: bool) -> None:
    """The kernel records what the sections show and writes the exports beside report.html at the end
    (cells outside every section: no page shows them)."""
    import nbformat

    from toolkit.report.exports import export_cells

    first, last = export_cells(docx)
    nb.cells.insert(0, nbformat.v4.new_code_cell(first, metadata={"source_notebook": "exports", "source_cell": 1}))
    nb.cells.append(nbformat.v4.new_code_cell("# papermill_description=exports\n" + last,
                                              metadata={"source_notebook": "exports", "source_cell": 2}))


def run_compare(results_paths: list[str | Path], out_dir: str | Path, lang: str = "nl",
                timeout: int = 600, progress: bool | None = None) -> Path:
    """Execute notebooks/compare.ipynb on several results.json files and write ``report.html``.

    Raises
    ------
    InputError
        A results file is missing or not valid against the schema.
    RunFailed
        The notebook failed (its executed copy is kept in ``<out_dir>.failed/``).
    """
    import nbformat

    import json

    from toolkit.errors import Problem
    from toolkit.report.render import render_html
    from toolkit.report.results import validate_results

    paths = [Path(p).resolve() for p in results_paths]
    problems = []
    for p in paths:
        try:
            validate_results(json.loads(p.read_text(encoding="utf-8")))
        except FileNotFoundError:
            problems.append(Problem(str(p), "file not found", "Run the forum first: forum-eval run surveys/<forum>"))
        except Exception as exc:  # ValueError: bad JSON or a schema violation
            problems.append(Problem(str(p), f"not a valid results.json ({str(exc).splitlines()[0]})",
                                    "Regenerate it with forum-eval run"))
    if problems:
        raise InputError(problems)
    out_dir = output.prepare(out_dir, paths)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = output.new_stage(out_dir)
    (stage / "notebooks").mkdir()
    nb = nbformat.read(NOTEBOOKS_DIR / "compare.ipynb", as_version=4)
    for i, cell in enumerate(nb.cells, 1):
        cell.metadata["section"], cell.metadata["source_notebook"], cell.metadata["source_cell"] = "compare", "compare.ipynb", i
    try:
        executed = _execute(nb, {"results_paths": [str(p) for p in paths], "lang": lang}, stage / "notebooks" / "compare.ipynb",
                            timeout, sys.stderr.isatty() if progress is None else progress)
        title = tr("compare_title", lang)
        (stage / "report.html").write_text(render_html(executed, lang, title), encoding="utf-8")
    except BaseException:
        output.keep_failed(stage, out_dir)
        raise
    output.swap_into_place(stage, out_dir)
    return out_dir / "report.html"
