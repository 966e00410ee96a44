"""The DRI instrument in the codebook and its preference rankings in the survey exports."""
from __future__ import annotations

import copy

import pandas as pd
import pytest

from conftest import MINI_CODEBOOK, mini_waves, problems_of, write_forum
from toolkit.errors import InputError
from toolkit.forum.config import load_codebook, load_config
from toolkit.intake.surveys import read_surveys


def _codebook(**changes) -> dict:
    cb = copy.deepcopy(MINI_CODEBOOK)
    for i in (1, 2, 3):
        cb["items"][f"C{i}"] = {"type": "scale", "scale": [1, 7], "dri": "consideration"}
        cb["items"][f"P{i}"] = {"type": "scale", "scale": [1, 3], "dri": "preference"}
    for item, spec in changes.items():
        cb["items"][item] = spec
    return cb


def _waves(t0_ranks=None) -> dict[str, pd.DataFrame]:
    w = mini_waves()
    t0, t1 = w["t0.csv"], w["t1.csv"]
    for f in (t0, t1):
        for i in (1, 2, 3):
            f[f"C{i}"] = [(k + i) % 7 + 1 for k in range(len(f))]
    ranks = t0_ranks or [[1, 2, 3], [3, 1, 2], [2, 3, 1], [1, 3, 2]]
    for i in (1, 2, 3):
        t0[f"P{i}"] = [r[i - 1] for r in ranks]
        t1[f"P{i}"] = [r[i - 1] for r in ([1, 2, 3], [2, 1, 3], [3, 2, 1])]
    return {"t0.csv": t0, "t1.csv": t1}


def _read(tmp_path, codebook, files):
    folder = write_forum(tmp_path / "f", {"name": "T", "surveys": {"layout": "per_wave",
                                                                   "files": {"t0": "t0.csv", "t1": "t1.csv"}}},
                         codebook, files)
    return read_surveys(load_config(folder), load_codebook(folder))


def test_a_valid_instrument_is_read_and_an_empty_ranking_is_allowed(tmp_path):
    d = _read(tmp_path, _codebook(), _waves([[1, 2, 3], [3, 1, 2], ["", "", ""], [1, 3, 2]]))
    p = d.responses[d.responses["item"].isin(["P1", "P2", "P3"]) & (d.responses["wave"] == "t0")]
    assert p.groupby("respondent_id")["value"].count().to_dict() == {"r1": 3, "r2": 3, "r3": 0, "r4": 3}


def test_a_ranking_that_is_not_a_permutation_names_file_row_column_and_value(tmp_path):
    ranks = [[1, 2, 2], [3, 1, ""], [1, 2, 3], [1, 2.5, 3]]
    with pytest.raises(InputError) as exc:
        _read(tmp_path, _codebook(), _waves(ranks))
    found = [(p.file.rsplit("/", 1)[-1], p.row, p.column, p.value, p.message) for p in problems_of(exc)]
    assert found[0][:4] == ("t0.csv", 2, "P3", 2.0)
    assert found[0][4] == "respondent 'r1' gives rank 2 to more than one option (also P2)"
    assert found[1][:3] == ("t0.csv", 3, "P3") and pd.isna(found[1][3])
    assert found[1][4] == "respondent 'r2' ranked some options but not 'P3'"
    assert found[2][:4] == ("t0.csv", 5, "P2", 2.5)
    assert "ranks are whole numbers 1-3" in found[2][4]
    assert len(found) == 3
    assert all("different rank 1..k" in p.hint for p in problems_of(exc))


def test_a_rank_outside_1_k_is_reported_once(tmp_path):
    with pytest.raises(InputError) as exc:
        _read(tmp_path, _codebook(), _waves([[1, 2, 3], [3, 1, 4], [1, 2, 3], [1, 2, 3]]))
    found = [(p.row, p.column, p.value) for p in problems_of(exc)]
    assert found == [(3, "P3", 4.0)]
    assert problems_of(exc)[0].message == "answer to 'P3' outside its scale 1-3"


def test_dri_items_are_not_attitude_items():
    from toolkit.sections.attitudes.parameters import codebook_parameters
    assert codebook_parameters(_codebook())["attitude_items"] == ["A", "B"]


@pytest.mark.parametrize("changes, message", [
    ({"P3": {"type": "scale", "scale": [1, 3], "dri": "option"}}, "items.P3.dri is not a DRI role"),
    ({"P3": {"type": "categorical", "dri": "preference"}}, "items.P3 is a DRI preference but of type 'categorical'"),
    ({"P3": {"type": "scale", "scale": [0, 10]}},
     r"the DRI instrument has 2 item\(s\) with dri: preference; it needs at least 3"),
    ({"P4": {"type": "scale", "scale": [1, 3], "dri": "preference"}},
     r"items.P1 is one of 4 ranked options, so its scale should be \[1, 4\]"),
    ({"C3": {"type": "scale", "scale": [1, 7], "dri": "consideration", "waves": ["t0"]}},
     "the DRI items are asked in different waves"),
])
def test_codebook_errors_of_the_instrument(tmp_path, changes, message):
    folder = write_forum(tmp_path / "f", {"name": "T", "surveys": {"layout": "per_wave",
                                                                   "files": {"t0": "t0.csv", "t1": "t1.csv"}}},
                         _codebook(**changes), {})
    with pytest.raises(InputError, match=message) as exc:
        load_codebook(folder)
    assert problems_of(exc)[0].file.endswith("codebook.yml")


def test_check_of_a_broken_ranking_exits_2_naming_file_row_column_and_value(tmp_path, capsys):
    import shutil
    from pathlib import Path

    from toolkit.cli import main
    folder = tmp_path / "dri"
    shutil.copytree(Path(__file__).resolve().parents[2] / "surveys" / "dri-voorbeeld", folder)
    t0 = (folder / "meting_t0.csv").read_text(encoding="utf-8").splitlines()
    head = t0[0].split(",")
    row = t0[4].split(",")  # spreadsheet row 5
    row[head.index("OPT2")] = row[head.index("OPT1")]  # two options with the same rank
    t0[4] = ",".join(row)
    (folder / "meting_t0.csv").write_text("\n".join(t0) + "\n", encoding="utf-8")
    assert main(["check", str(folder)]) == 2
    out = capsys.readouterr()
    text = out.out + out.err
    assert "meting_t0.csv, row 5, column 'OPT2'" in text and "to more than one option (also OPT1)" in text
    assert "Traceback" not in text
