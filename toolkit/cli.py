"""``forum-eval``: scaffold, check and run forum folders.

Exit codes: 0 done, 2 the user's input is wrong (a message, no traceback), 1 anything else,
130 interrupted.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from toolkit.errors import InputError

__all__ = ["main"]

EXIT_OK, EXIT_ERROR, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


_EXITS = """exit codes:
  0    done
  2    the input needs correcting (the message names file, row, column and value)
  1    anything else (a failed notebook: its executed copy is kept in <out>.failed/)
  130  interrupted (Ctrl+C or SIGTERM); no report was replaced"""


def _sub(sub, name: str, summary: str, description: str, examples: str):
    return sub.add_parser(name, help=summary, description=f"{summary}.\n\n{description}",
                          epilog=f"examples:\n{examples}\n\n{_EXITS}", formatter_class=argparse.RawDescriptionHelpFormatter)


def _parser() -> argparse.ArgumentParser:
    from toolkit import __version__

    p = argparse.ArgumentParser(
        prog="forum-eval", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Evaluate citizen forums (burgerfora): representativeness, attitude shifts and political "
                    "follow-up,\nas a self-contained offline HTML report, results.json and the executed notebooks.",
        epilog="examples:\n  forum-eval new surveys/my-forum\n  forum-eval check surveys/my-forum\n"
               "  forum-eval run surveys/my-forum\n  forum-eval run surveys/*/ --jobs 2\n"
               "  forum-eval compare reports/*/results.json\n\n"
               "`forum-eval <command> --help` describes each command.\n\n" + _EXITS)
    p.add_argument("--version", action="version", version=f"forum-eval {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="{new,check,run,compare,benchmark}")
    new = _sub(sub, "new", "scaffold a forum folder with commented templates",
               "Writes forum.yml and codebook.yml templates into FOLDER and lists the exports to add.\n"
               "An existing file is never overwritten.",
               "  forum-eval new surveys/klimaat-2026")
    new.add_argument("folder", type=Path)
    chk = _sub(sub, "check", "validate every input of a forum folder and list every problem",
               "Reads forum.yml, codebook.yml and every export as a run would, and lists every problem at once\n"
               "(file, row, column, value and what to do), then the exclusion ledger: its counts per reason and\n"
               "each excluded record (file, row, id, reason). The ids are printed here, for you; the report\n"
               "shows only the counts.",
               "  forum-eval check surveys/example\n  forum-eval check surveys/example --all")
    chk.add_argument("folder", type=Path)
    chk.add_argument("--all", action="store_true", help=f"list every excluded record (default the first {_LISTED})")
    run = _sub(sub, "run", "run the analyses and write report.html, results.json and the executed notebooks",
               "Runs one or more forum folders. A report folder is replaced only when the run succeeds, and only\n"
               "if forum-eval wrote it. A forum whose inputs, config and toolkit are unchanged since its last\n"
               "good report is skipped (--force runs it anyway).",
               "  forum-eval run surveys/example                 # -> reports/example/report.html\n"
               "  forum-eval run surveys/example --out /tmp/r --lang en --pdf\n"
               "  forum-eval run 'surveys/*' --jobs 2            # many forums (patterns are expanded)")
    run.add_argument("folders", type=Path, nargs="+", metavar="folder", help="one or more forum folders (surveys/*)")
    run.add_argument("--out", type=Path, help="report folder for a single forum (default reports/<forum>)")
    run.add_argument("--reports", type=Path, default=Path("reports"), help="parent folder of the reports of many forums")
    run.add_argument("--force", action="store_true", help="run even when inputs, config and toolkit are unchanged")
    run.add_argument("--jobs", type=int, help="forums run in parallel (default: one per core)")
    run.add_argument("--pdf", action="store_true", help="also print report.pdf with Chromium (page breaks between sections)")
    run.add_argument("--docx", action="store_true", help="also write report.docx (the report as a Word document)")
    run.add_argument("--lang", choices=["nl", "en"], help="report language (default: the forum's)")
    run.add_argument("--timeout", type=int, help="per-cell timeout in seconds (default forum.yml timeout_seconds, 600)")
    cmp_ = _sub(sub, "compare", "put forums side by side from their results.json files",
                "Reads the results.json of earlier runs (checked against the schema) and writes one report.",
                "  forum-eval compare reports/*/results.json --out reports/compare")
    cmp_.add_argument("results", type=Path, nargs="+", help="results.json files (reports/*/results.json)")
    cmp_.add_argument("--out", type=Path, default=Path("reports") / "compare", help="report folder (default reports/compare)")
    cmp_.add_argument("--lang", choices=["nl", "en"], default="nl")
    bench = _sub(sub, "benchmark", "fetch a forum's local benchmark from CBS StatLine into its folder",
                 "For forum.yml inputs.benchmark: {cbs: {region: GM0344, table: 85984NED}}: fetches the region's\n"
                 "Kerncijfers wijken en buurten with cbsodata (needs internet) and caches them in the forum folder\n"
                 "as benchmark_cbs_<region>_<table>.csv (source, table, retrieval date in every row). A run reads\n"
                 "only that file and never fetches; an existing cache is kept unless --refresh is given.",
                 "  forum-eval benchmark fetch surveys/my-forum\n  forum-eval benchmark fetch surveys/my-forum --refresh")
    bench.add_argument("action", choices=["fetch"])
    bench.add_argument("folder", type=Path)
    bench.add_argument("--refresh", action="store_true", help="fetch again even when the cache exists")
    try:  # shell completion when argcomplete is installed: eval "$(register-python-argcomplete forum-eval)"
        import argcomplete

        argcomplete.autocomplete(p)
    except ImportError:
        pass
    return p


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def cmd_new(args) -> int:
    from toolkit.scaffold import next_steps, scaffold

    created = scaffold(args.folder)
    print(f"Created {', '.join(str(p) for p in created)}.")
    print("Fill them in (the comments say what each key means; docs/forum-folder.md has the reference), and put")
    print("the survey exports where forum.yml names them (csv, xlsx or sav):")
    for line in next_steps(args.folder):
        print(f"  {line}")
    print("Optional inputs (member counts, funnel, benchmark, quotas, recommendations...) go under `inputs:`;")
    print("a forum without surveys leaves out `surveys:` (docs/walkthrough.md goes through both, step by step).")
    print(f"Then run: forum-eval check {args.folder}")
    return EXIT_OK


#: excluded records `check` lists without --all
_LISTED = 20


def cmd_check(args) -> int:
    from toolkit.forum.load import load_forum

    from toolkit.forum.config import has_surveys

    forum = load_forum(args.folder)
    acc, led = forum.accounting, forum.ledger
    name = _shown_folder(args.folder)
    if not has_surveys(forum.config):
        print(f"{name}: all inputs are valid. No survey exports (a forum of counts and registers): read "
              f"{_inputs_read(forum)}.")
        unused = forum.codebook.get("not_read") or []
        if unused:
            print(f"Note: codebook.yml's {', '.join(unused)} are not read: forum.yml has no surveys: key, so there are "
                  "no survey exports for them to describe (only its demographics are used). Add surveys: to "
                  "forum.yml (docs/forum-folder.md), or remove them from codebook.yml.")
    else:
        print(f"{name}: all inputs are valid. {int(acc['records_in'].sum())} survey records: "
              f"{int(acc['analysed'].sum())} analysed, {int((led['level'] == 'record').sum())} excluded.")
    if len(led):
        print("Exclusion ledger (kept out of the analysis, listed in the report):")
        for (level, reason), n in led.groupby(["level", "reason"]).size().items():
            print(f"  {n} {'record' if level == 'record' else 'answer'}{'s' if n != 1 else ''}: {reason}")
        _list_excluded(led, everything=args.all)
    _area_note(forum)
    return EXIT_OK


def _shown_folder(folder: Path) -> str:
    """The forum folder as given, or its real name when it was given as ``.`` or ``..`` (or ends in them).

    Examples
    --------
    >>> _shown_folder(Path("surveys/example"))
    'surveys/example'
    >>> _shown_folder(Path(".")) == Path.cwd().name
    True
    """
    return str(folder) if folder.name not in ("", ".", "..") else folder.resolve().name


def _inputs_read(forum) -> str:
    """The files forum.yml names under ``inputs:`` (by kind and file name), as ``check`` lists them; the shipped
    benchmark by its name. Never a file the forum folder holds but forum.yml does not name."""
    from toolkit.forum.load import DEFAULT_BENCHMARKS

    shipped = {str(p): name for name, p in DEFAULT_BENCHMARKS.items()}
    named = [(k, v) for k, v in (forum.config.get("inputs") or {}).items() if v is not None]
    return ", ".join(f"{k} ({shipped.get(str(v), Path(str(v)).name)})" for k, v in sorted(named)) or "nothing"


def _list_excluded(ledger, everything: bool) -> None:
    """Each excluded record and answer by file, row and id, for the evaluator to look up (never in the report)."""
    shown = ledger if everything else ledger.head(_LISTED)
    print("Excluded, by file and row (local to you; the report shows only the counts):")
    for r in shown.itertuples(index=False):
        where = f"{r.file} row {r.row}" if r.row is not None and str(r.row) not in ("", "nan", "<NA>") else str(r.file)
        rid = "" if r.respondent_id is None or str(r.respondent_id) in ("", "nan", "<NA>") else f", id {r.respondent_id}"
        wave = "" if r.wave is None or str(r.wave) in ("", "nan", "<NA>") else f" (wave {r.wave})"
        detail = f": {r.detail}" if isinstance(r.detail, str) and r.detail else ""
        print(f"  {where}{rid}{wave}: {r.reason}{detail}")
    if len(shown) < len(ledger):
        print(f"  ... and {len(ledger) - len(shown)} more (forum-eval check --all lists every one)")


def _area_note(forum) -> None:
    """A note for a local forum compared with figures of another area: the report cautions its readers, and
    the evaluator can give a local benchmark instead."""
    from toolkit.sections.representativeness.result import figures

    kf = figures(forum)
    if kf and kf.get("area_caution"):
        print(f"Note: this {(kf.get('forum_area') or {}).get('level')} forum is compared with population figures of "
              f"{kf.get('benchmark_area') or 'an area the benchmark does not name'}; the report cautions its readers. "
              "For a local benchmark give inputs.benchmark in forum.yml (a file with an area column, or cbs: with the "
              "region code, then forum-eval benchmark fetch); see docs/forum-folder.md.")


def _forum_folders(paths: list[Path]) -> list[Path]:
    """The forum folders named on the command line: patterns expanded (shells on Windows do not), every
    folder checked before anything runs (a misspelt one among several is an error, not dropped)."""
    import difflib
    import glob

    from toolkit.errors import Problem

    folders, problems = [], []
    for p in paths:
        if any(c in str(p) for c in "*?[") and not p.exists():
            matched = sorted(Path(m) for m in glob.glob(str(p)) if Path(m).is_dir())
            if not matched:
                problems.append(Problem(str(p), "the pattern matches no folder", "Check the pattern, e.g. surveys/*"))
            folders += matched
        else:
            folders.append(p)
    seen, unique = set(), []
    for f in folders:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    for f in unique:
        if not f.is_dir():
            siblings = [d.name for d in f.parent.iterdir() if d.is_dir()] if f.parent.is_dir() else []
            near = difflib.get_close_matches(f.name, siblings, n=1)
            problems.append(Problem(str(f), "forum folder not found",
                                    f"Did you mean {f.parent / near[0]}?" if near else "Check the path"))
        elif not (f / "forum.yml").is_file():
            problems.append(Problem(str(f), "is not a forum folder: it has no forum.yml",
                                    f"Create one with: forum-eval new {f}, or leave the folder out"))
    if problems:
        raise InputError(problems)
    return unique


class _Progress:
    """A line as each forum starts and ends; on a terminal also a progress bar (tqdm)."""

    def __init__(self, total: int):
        self.total, self.finished = total, 0
        self.bar = None
        if sys.stderr.isatty() and total > 1:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="forum", file=sys.stderr, leave=False)

    def line(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=sys.stdout)
        else:
            print(text, flush=True)

    def start(self, forum: str, out: Path) -> None:
        self.line(f"{forum}: started -> {out}")

    def done(self, row) -> None:
        self.finished += 1
        what = {"done": f"done in {row.seconds:.1f} s -> {row.message}",
                "unchanged": f"unchanged since the last good report ({row.out_dir}); --force to run anyway",
                }.get(row.status, f"{row.status} (see below)")
        self.line(f"[{self.finished}/{self.total}] {row.forum}: {what}")
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def cmd_run(args) -> int:
    from toolkit.run.batch import run_many

    folders = _forum_folders(args.folders)
    if args.out and len(folders) > 1:
        raise InputError("--out names one report folder; with several forums use --reports (default reports/)")
    t0 = time.perf_counter()
    if len(folders) == 1 and sys.stderr.isatty():
        from toolkit.run.runner import run_forum  # one forum on a terminal: progress bar naming notebook and cell

        out = args.out or args.reports / folders[0].resolve().name
        if args.force or not _unchanged(folders[0], out, args.lang) or (args.docx and not (out / "report.docx").is_file()):
            res = run_forum(folders[0], out, lang=args.lang, timeout=args.timeout, pdf=args.pdf, docx=args.docx)
            _store_fingerprint(folders[0], out, args.lang)
            print(f"{_shown_folder(folders[0])}: done in {time.perf_counter() - t0:.1f} s -> {res.report}")
        else:
            print(f"{_shown_folder(folders[0])}: unchanged since the last good report ({out / 'report.html'}); --force to run anyway")
        return EXIT_OK
    progress = _Progress(len(folders))
    try:
        rows = run_many(folders, args.reports, lang=args.lang, timeout=args.timeout, force=args.force, jobs=args.jobs,
                        out_dir=args.out, pdf=args.pdf, docx=args.docx, on_start=progress.start, on_done=progress.done)
    finally:
        progress.close()
    if len(rows) > 1:
        width = max([5] + [len(r.forum) for r in rows])
        print(f"\n{'forum':<{width}}  {'status':<12} {'time':>7}")
        for r in rows:
            print(f"{r.forum:<{width}}  {r.status:<12} {r.seconds:6.1f}s")
    for r in rows:
        if r.status in ("input error", "failed"):
            _err(f"\n{r.forum}: {r.status}:\n{r.message}")
    print(f"{len(rows)} forum(s) in {time.perf_counter() - t0:.1f} s")
    if len(rows) == 1 and rows[0].status == "input error":
        return EXIT_INPUT
    return EXIT_ERROR if any(r.status in ("failed", "input error") for r in rows) else EXIT_OK


def cmd_benchmark(args) -> int:
    from toolkit.benchmarks.cbs import fetch_local_benchmark
    from toolkit.errors import Problem
    from toolkit.forum.config import cbs_cache_name, load_config

    problems: list = []
    cfg = load_config(args.folder, collect=problems)
    spec = cfg.get("benchmark_cbs")
    if not spec:
        wrong = [p for p in problems if "inputs.benchmark" in p.message]
        raise InputError(wrong or Problem(str(cfg["folder"] / "forum.yml"), "inputs.benchmark names no cbs: source",
                                          "Write inputs.benchmark: {cbs: {region: GM0344, table: 85984NED}} "
                                          "(see docs/forum-folder.md)"))
    path = cfg["folder"] / cbs_cache_name(spec)
    if path.is_file() and not args.refresh:
        print(f"{path} is already cached; forum-eval benchmark fetch {args.folder} --refresh fetches it again.")
        return EXIT_OK
    fetch_local_benchmark(path, spec["region"], table=spec["table"], year=spec["year"])
    print(f"wrote {path} (CBS {spec['table']}, region {spec['region']}). Check it: forum-eval check {args.folder}")
    return EXIT_OK


def cmd_compare(args) -> int:
    from toolkit.run.runner import run_compare

    report = run_compare(args.results, args.out, lang=args.lang)
    print(f"compared {len(args.results)} forums -> {report}")
    return EXIT_OK


def _unchanged(folder: Path, out: Path, lang: str | None) -> bool:
    from toolkit.run.batch import stored_fingerprint, fingerprint

    return (out / "report.html").is_file() and stored_fingerprint(out) == fingerprint(folder, lang)


def _store_fingerprint(folder: Path, out: Path, lang: str | None) -> None:
    import json

    from toolkit.run.batch import FINGERPRINT_FILE, fingerprint

    (out / FINGERPRINT_FILE).write_text(json.dumps({"fingerprint": fingerprint(folder, lang)}) + "\n", encoding="utf-8")


def _terminate_as_interrupt() -> None:
    """SIGTERM (a CI job cancelled, `kill`) ends a run as Ctrl+C does: staging folders, the helper's
    files and the kernel are cleaned up and the last good report stays."""
    import signal
    import threading

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``forum-eval`` command."""
    args = _parser().parse_args(argv)
    _terminate_as_interrupt()
    try:
        return {"new": cmd_new, "check": cmd_check, "run": cmd_run, "compare": cmd_compare,
                "benchmark": cmd_benchmark}[args.command](args)
    except InputError as exc:
        _err(f"forum-eval {args.command}: the input needs correcting.\n{exc}")
        return EXIT_INPUT
    except KeyboardInterrupt:
        _err("forum-eval: interrupted; no report was replaced.")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into e.g. `head`: stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - last line of defence: a message, not a traceback
        from toolkit.run.runner import RunFailed

        if isinstance(exc, RunFailed):
            _err(f"forum-eval {args.command}: the run failed: {exc}\nThe last good report was kept; the executed notebooks are in the .failed folder beside it.")
        else:
            import traceback

            traceback.print_exc()
            _err(f"forum-eval {args.command}: unexpected error ({type(exc).__name__}: {exc}). Please report it with the traceback above.")
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
