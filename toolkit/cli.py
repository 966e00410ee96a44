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


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="forum-eval", description="Evaluate citizen forums: representativeness, attitude shifts, political follow-up.")
    sub = p.add_subparsers(dest="command", required=True)
    new = sub.add_parser("new", help="scaffold a forum folder with commented templates")
    new.add_argument("folder", type=Path)
    chk = sub.add_parser("check", help="validate every input of a forum folder and list every problem")
    chk.add_argument("folder", type=Path)
    run = sub.add_parser("run", help="run the analyses and write report.html, results.json and the executed notebooks")
    run.add_argument("folders", type=Path, nargs="+", metavar="folder", help="one or more forum folders (surveys/*)")
    run.add_argument("--out", type=Path, help="report folder for a single forum (default reports/<forum>)")
    run.add_argument("--reports", type=Path, default=Path("reports"), help="parent folder of the reports of many forums")
    run.add_argument("--force", action="store_true", help="run even when inputs, config and toolkit are unchanged")
    run.add_argument("--jobs", type=int, help="forums run in parallel (default: one per core)")
    run.add_argument("--pdf", action="store_true", help="also print report.pdf with Chromium (page breaks between sections)")
    run.add_argument("--docx", action="store_true", help="also write report.docx (the report as a Word document)")
    run.add_argument("--lang", choices=["nl", "en"], help="report language (default: the forum's)")
    run.add_argument("--timeout", type=int, help="per-cell timeout in seconds (default forum.yml timeout_seconds, 600)")
    cmp_ = sub.add_parser("compare", help="put forums side by side from their results.json files")
    cmp_.add_argument("results", type=Path, nargs="+", help="results.json files (reports/*/results.json)")
    cmp_.add_argument("--out", type=Path, default=Path("reports") / "compare", help="report folder (default reports/compare)")
    cmp_.add_argument("--lang", choices=["nl", "en"], default="nl")
    return p


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def cmd_new(args) -> int:
    from toolkit.scaffold import scaffold

    created = scaffold(args.folder)
    print(f"Created {args.folder} with {len(created)} template files. Fill them in, then run: forum-eval check {args.folder}")
    return EXIT_OK


def cmd_check(args) -> int:
    from toolkit.forum.load import load_forum

    forum = load_forum(args.folder)
    acc, led = forum.accounting, forum.ledger
    if not forum.codebook["waves"]:
        read = ", ".join(sorted(forum.inputs)) or "nothing"
        print(f"{args.folder}: all inputs are valid. No survey exports (a forum of counts and registers): read {read}.")
    else:
        print(f"{args.folder}: all inputs are valid. {int(acc['records_in'].sum())} survey records: "
              f"{int(acc['analysed'].sum())} analysed, {int((led['level'] == 'record').sum())} excluded.")
    if len(led):
        print("Exclusion ledger (kept out of the analysis, listed in the report):")
        for (level, reason), n in led.groupby(["level", "reason"]).size().items():
            print(f"  {n} {'record' if level == 'record' else 'answer'}{'s' if n != 1 else ''}: {reason}")
    return EXIT_OK


def cmd_run(args) -> int:
    from toolkit.run.batch import run_many

    folders = [f for f in args.folders if (f / "forum.yml").is_file()] if len(args.folders) > 1 else args.folders
    if args.out and len(folders) > 1:
        raise InputError("--out names one report folder; with several forums use --reports (default reports/)")
    t0 = time.perf_counter()
    interactive = sys.stderr.isatty()
    if len(folders) == 1 and interactive:
        from toolkit.run.runner import run_forum  # one forum on a terminal: progress bar naming notebook and cell

        out = args.out or args.reports / folders[0].resolve().name
        if args.force or not _unchanged(folders[0], out, args.lang) or (args.docx and not (out / "report.docx").is_file()):
            res = run_forum(folders[0], out, lang=args.lang, timeout=args.timeout, pdf=args.pdf, docx=args.docx)
            _store_fingerprint(folders[0], out, args.lang)
            print(f"{folders[0]}: done in {time.perf_counter() - t0:.1f} s -> {res.report}")
        else:
            print(f"{folders[0]}: unchanged since the last good report ({out / 'report.html'}); --force to run anyway")
        return EXIT_OK
    rows = run_many(folders, args.reports, lang=args.lang, timeout=args.timeout, force=args.force, jobs=args.jobs,
                    out_dir=args.out, pdf=args.pdf, docx=args.docx)
    width = max([5] + [len(r.forum) for r in rows])
    print(f"{'forum':<{width}}  {'status':<12} {'time':>7}")
    for r in rows:
        print(f"{r.forum:<{width}}  {r.status:<12} {r.seconds:6.1f}s")
    for r in rows:
        if r.status in ("input error", "failed"):
            _err(f"\n{r.forum}: {r.status}:\n{r.message}")
    print(f"{len(rows)} forum(s) in {time.perf_counter() - t0:.1f} s")
    if len(rows) == 1 and rows[0].status == "input error":
        return EXIT_INPUT
    return EXIT_ERROR if any(r.status in ("failed", "input error") for r in rows) else EXIT_OK


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


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``forum-eval`` command."""
    args = _parser().parse_args(argv)
    try:
        return {"new": cmd_new, "check": cmd_check, "run": cmd_run, "compare": cmd_compare}[args.command](args)
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
