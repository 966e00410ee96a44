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
    run.add_argument("folder", type=Path)
    run.add_argument("--out", type=Path, help="report folder (default reports/<forum>)")
    run.add_argument("--lang", choices=["nl", "en"], help="report language (default: the forum's)")
    run.add_argument("--timeout", type=int, help="per-cell timeout in seconds (default forum.yml timeout_seconds, 600)")
    return p


def _err(msg: str) -> None:
    print(msg, file=sys.stderr)


def cmd_new(args) -> int:
    from toolkit.scaffold import scaffold

    created = scaffold(args.folder)
    print(f"Created {args.folder} with {len(created)} template files. Fill them in, then run: forum-eval check {args.folder}")
    return EXIT_OK


def cmd_check(args) -> int:
    from toolkit.forum import load_forum

    forum = load_forum(args.folder)
    acc, led = forum.accounting, forum.ledger
    print(f"{args.folder}: all inputs are valid. {int(acc['records_in'].sum())} survey records: "
          f"{int(acc['analysed'].sum())} analysed, {int((led['level'] == 'record').sum())} excluded.")
    if len(led):
        print("Exclusion ledger (kept out of the analysis, listed in the report):")
        for (level, reason), n in led.groupby(["level", "reason"]).size().items():
            print(f"  {n} {'record' if level == 'record' else 'answer'}{'s' if n != 1 else ''}: {reason}")
    return EXIT_OK


def cmd_run(args) -> int:
    from toolkit.runner import run_forum

    out = args.out or Path("reports") / args.folder.resolve().name
    t0 = time.perf_counter()
    print(f"{args.folder}: running ...", flush=True)
    res = run_forum(args.folder, out, lang=args.lang, timeout=args.timeout)
    print(f"{args.folder}: done in {time.perf_counter() - t0:.1f} s -> {res.report}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``forum-eval`` command."""
    args = _parser().parse_args(argv)
    try:
        return {"new": cmd_new, "check": cmd_check, "run": cmd_run}[args.command](args)
    except InputError as exc:
        _err(f"forum-eval {args.command}: the input needs correcting.\n{exc}")
        return EXIT_INPUT
    except KeyboardInterrupt:
        _err("forum-eval: interrupted; no report was replaced.")
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - last line of defence: a message, not a traceback
        from toolkit.runner import RunFailed

        if isinstance(exc, RunFailed):
            _err(f"forum-eval {args.command}: the run failed: {exc}\nThe last good report was kept; the executed notebooks are in the .failed folder beside it.")
        else:
            import traceback

            traceback.print_exc()
            _err(f"forum-eval {args.command}: unexpected error ({type(exc).__name__}: {exc}). Please report it with the traceback above.")
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
