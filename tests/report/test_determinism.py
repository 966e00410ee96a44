"""Same data, same figures (issue 14): results.json depends on the exports' content, not their order.

A shipped forum is copied twice; in one copy every CSV and every sheet of every XLSX gets its rows
and its columns shuffled (delimiter, encoding, byte-order mark and quoting as they were). Both copies
must give the same results.json, byte for byte, once the run stamp and the files' own bytes and hashes
(which differ because the files differ) are masked.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from toolkit.forum.load import load_forum
from toolkit.report.pipeline import compute_results
from toolkit.jsonable import jsonable as to_jsonable
from toolkit.report.results import validate_results

REPO = Path(__file__).resolve().parents[2]
BOM = b"\xef\xbb\xbf"


def _shuffle_csv(path: Path, rng: np.random.Generator) -> None:
    raw = path.read_bytes()
    bom = raw.startswith(BOM)
    text = raw[len(BOM) if bom else 0:].decode("utf-8")
    header = text.splitlines()[0]
    delim = ";" if header.count(";") > header.count(",") else ","
    rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delim) if r]
    head, body = rows[0], [r + [""] * (len(rows[0]) - len(r)) for r in rows[1:]]
    cols, order = rng.permutation(len(head)), rng.permutation(len(body))
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delim, lineterminator="\n")
    writer.writerow([head[c] for c in cols])
    writer.writerows([body[i][c] for c in cols] for i in order)
    path.write_bytes((BOM if bom else b"") + out.getvalue().encode("utf-8"))


def _shuffle_xlsx(path: Path, rng: np.random.Generator) -> None:
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        if not rows:
            continue
        head, body = rows[0], rows[1:]
        cols, order = rng.permutation(len(head)), rng.permutation(len(body))
        sheet.delete_rows(1, sheet.max_row)
        sheet.append([head[c] for c in cols])
        for i in order:
            sheet.append([body[i][c] for c in cols])
    book.save(path)


def shuffled_copy(src: Path, dst: Path, seed: int) -> Path:
    """A copy of forum folder `src` at `dst` whose every CSV and XLSX has its rows and columns shuffled."""
    shutil.copytree(src, dst)
    rng = np.random.default_rng(seed)
    for path in sorted(dst.rglob("*")):
        if path.suffix == ".csv":
            _shuffle_csv(path, rng)
        elif path.suffix == ".xlsx":
            _shuffle_xlsx(path, rng)
    return dst


def _results_text(folder: Path) -> str:
    """results.json as write_results writes it, run stamp and the input files' bytes and hashes masked."""
    res = to_jsonable(compute_results(load_forum(folder), run_started="2000-01-01T00:00:00+00:00"))
    validate_results(res)
    for row in res["provenance"]["inputs"]:
        row["sha256"] = row["bytes"] = "masked"
    return json.dumps(res, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def test_shuffled_copy_moves_rows_and_columns(tmp_path):
    src = REPO / "surveys" / "gemeente-30"
    dst = shuffled_copy(src, tmp_path / "gemeente-30", seed=1)
    for name in ("members.csv", "meting_t1.csv", "recommendations.csv"):
        before, after = ((p / name).read_bytes().splitlines() for p in (src, dst))
        assert before[0] != after[0] and sorted(before[0]) == sorted(after[0])  # same header, other order
        assert before[1:] != after[1:] and len(before) == len(after)


@pytest.mark.parametrize("forum, seed", [("gemeente-30", 1), ("example", 2)])
def test_shuffled_exports_give_the_same_results_json(tmp_path, forum, seed):
    plain = tmp_path / "plain" / forum
    shutil.copytree(REPO / "surveys" / forum, plain)
    shuffled = shuffled_copy(REPO / "surveys" / forum, tmp_path / "shuffled" / forum, seed)
    a, b = _results_text(plain), _results_text(shuffled)
    assert a == b
    gender = json.loads(a)["representativeness"]["variables"]["gender"]["attrition_test"]
    if gender.get("compared") is not None:  # gemeente-30: its few drop-outs are pooled, no odds ratio
        assert (gender["reference"], gender["compared"]) == ("man", "vrouw")  # odds ratio in codebook order
    else:
        assert forum == "gemeente-30"
