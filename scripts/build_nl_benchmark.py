"""Build toolkit/benchmarks/data/nl_default.csv from the copied CBS files in toolkit/benchmarks/data/cbs_raw/.

Run from the repository root:  python scripts/build_nl_benchmark.py
What each figure covers is written into the ``note`` column (see toolkit/benchmarks/data/SOURCES.md).
"""
from __future__ import annotations

from pathlib import Path

from toolkit.benchmarks.cbs import benchmark_from_tables, default_benchmark_path, load_raw_tables

RAW = Path(__file__).resolve().parents[1] / "toolkit" / "benchmarks" / "data" / "cbs_raw"


def main() -> Path:
    bench = benchmark_from_tables(**load_raw_tables(RAW))
    out = default_benchmark_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    bench.to_csv(out, index=False, encoding="utf-8", lineterminator="\n")
    return out


if __name__ == "__main__":
    print(f"wrote {main()}")
