"""The benchmark: one command, one machine, ratios (absolute times on shared machines are noise).

    python bench/run.py [--quick]

Measures (a) `forum-eval run` of the example forum end to end; (b) the naive pipeline a user would
script (papermill CLI then nbconvert CLI per notebook); (c) the floor: one process that imports the
toolkit, computes every section's key figures and writes results.json; the wider-public input of
1,000,000 rows against a bare pandas.read_csv (and peak RSS); 20 forums on 2 cores against one after
another; a rerun with nothing changed. Prints a table and writes bench/results.md.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PY = sys.executable


def timed(cmd: list[str], **kw) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t0


def best(n: int, func) -> float:
    return min(func() for _ in range(n))


def peak_rss_mb(code: str) -> tuple[float, float]:
    """Run `code` in a fresh Python; return (seconds, peak RSS in MB) measured by the child itself."""
    wrapper = ("import resource, time\nt0 = time.perf_counter()\n" + code +
               "\nprint(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    out = subprocess.run([PY, "-c", wrapper], check=True, capture_output=True, text=True, cwd=REPO).stdout.split()
    return float(out[-2]), float(out[-1])


FLOOR = """
import sys
from toolkit import compute_results, load_forum, write_results
forum = load_forum(sys.argv[1])
write_results(compute_results(forum, {"lang": "nl"}), sys.argv[2])
"""


def bench_report(work: Path, reps: int) -> dict:
    example = REPO / "surveys" / "example"
    a = best(reps, lambda: timed([str(BIN / "forum-eval"), "run", str(example), "--out", str(work / "a"), "--force"], cwd=REPO))
    floor = work / "floor.py"
    floor.write_text(FLOOR, encoding="utf-8")
    c = best(reps, lambda: timed([PY, str(floor), str(example), str(work / "c")], cwd=REPO))

    def naive() -> float:
        from toolkit.run.runner import NOTEBOOKS_DIR, SECTIONS

        t0 = time.perf_counter()
        for _, fname, *_ in SECTIONS:
            nb = NOTEBOOKS_DIR / fname
            if not nb.is_file():
                continue
            out = work / "b" / fname
            out.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([str(BIN / "papermill"), str(nb), str(out), "-p", "forum_dir", str(example), "-k", "python3",
                            "--cwd", str(NOTEBOOKS_DIR)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out)], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - t0

    b = best(1, naive)
    return {"a": a, "b": b, "c": c}


def bench_public(work: Path, rows: int) -> dict:
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(1)
    path = work / "public.csv"
    pd.DataFrame({
        "date": pd.Timestamp("2025-01-06") + pd.to_timedelta(rng.integers(0, 70, rows), unit="D"),
        "gender": rng.choice(["man", "vrouw", ""], rows, p=[0.47, 0.49, 0.04]),
        "age_group": rng.choice(["18-39", "40-64", "65-79", "80+"], rows),
        "education": rng.choice(["laag", "middelbaar", "hoog", ""], rows),
        "region": rng.choice(["Noord", "Oost", "West", "Zuid"], rows),
    }).to_csv(path, index=False)
    bare, bare_rss = peak_rss_mb(f"import pandas as pd\npd.read_csv({str(path)!r})")
    ours, rss = peak_rss_mb(
        "from toolkit.intake.public_input import read_public_input\n"
        "from toolkit.intake.benchmark import read_benchmark\n"
        "from toolkit.stats.representativeness.public_input import public_input\n"
        f"df = read_public_input({str(path)!r})\n"
        f"bench = read_benchmark({str(REPO / 'toolkit/benchmarks/data/nl_default.csv')!r})\n"
        "res = public_input(df, bench)")
    return {"rows": rows, "bare": bare, "ours": ours, "rss_mb": rss, "bare_rss_mb": bare_rss}


def bench_many(work: Path, n: int) -> dict:
    from toolkit.synthetic.forums import make_forum

    forums = [make_forum(work / "surveys" / f"gemeente-{i:02d}", seed=1000 + i, n_members=30, n_control=0,
                         name=f"Gemeentelijk forum {i:02d}", municipal=True, pool=None)  # as measured before the lottery audit
              for i in range(n)]
    cli = [str(BIN / "forum-eval"), "run", *map(str, forums), "--reports", str(work / "reports")]
    seq = timed(cli + ["--jobs", "1", "--force"], cwd=REPO)
    par = timed(cli + ["--jobs", "2", "--force"], cwd=REPO)
    rerun = timed(cli + ["--jobs", "2"], cwd=REPO)
    return {"n": n, "sequential": seq, "parallel": par, "rerun": rerun}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, one repetition: proves the benchmark works")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results.md")
    args = ap.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    work = Path(tempfile.mkdtemp(prefix="forum-eval-bench-"))
    try:
        rep = bench_report(work, 1 if args.quick else 3)
        pub = bench_public(work, 100_000 if args.quick else 1_000_000)
        many = bench_many(work, 4 if args.quick else 20)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = [
        ("(a) forum-eval run, example, to HTML", f"{rep['a']:.1f} s", f"{rep['a'] / rep['c']:.2f}x (c)", "<= 2x (c)"),
        ("(a) against (b) naive papermill + nbconvert CLI", f"{rep['b']:.1f} s", f"{rep['a'] / rep['b']:.2f}x (b)", "<= 0.2x (b)"),
        ("(c) floor: one process, results.json", f"{rep['c']:.1f} s", "1.00x", ""),
        (f"wider public, {pub['rows']:,} rows", f"{pub['ours']:.1f} s", f"{pub['ours'] / pub['bare']:.2f}x bare read ({pub['bare']:.1f} s)", "<= 3x"),
        ("  peak RSS", f"{pub['rss_mb']:.0f} MB", f"bare read {pub['bare_rss_mb']:.0f} MB", "<= 2048 MB"),
        (f"{many['n']} forums on 2 cores", f"{many['parallel']:.1f} s", f"{many['parallel'] / many['sequential']:.2f}x sequential ({many['sequential']:.1f} s)", "<= 0.6x"),
        ("  rerun with nothing changed", f"{many['rerun']:.1f} s", f"{many['rerun'] / many['sequential']:.3f}x cold", "<= 0.05x"),
    ]
    head = "| measure | time | ratio | target |\n|---|---|---|---|\n"
    table = head + "\n".join(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows)
    text = (f"# Benchmark ({'quick' if args.quick else 'full'})\n\nMachine: {os.cpu_count()} cores; "
            f"Python {sys.version.split()[0]}. Best of repetitions where repeated.\n\n{table}\n")
    print(text)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
