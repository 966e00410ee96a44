"""forum-eval compare: forums side by side, from results.json only, with the same offline standard."""
import json
import shutil

import pytest

from faults import base_forum
from toolkit.cli import main
from toolkit.report.compare import comparison_table
from toolkit.report.render import check_offline


@pytest.fixture(scope="module")
def two_results(tmp_path_factory):
    root = tmp_path_factory.mktemp("cmp")
    a = base_forum(root / "surveys" / "alpha")
    b = shutil.copytree(a, root / "surveys" / "beta")
    (b / "forum.yml").write_text((b / "forum.yml").read_text(encoding="utf-8").replace("name: Fault", "name: Beta <b>forum</b>"), encoding="utf-8")
    assert main(["run", str(a), str(b), "--reports", str(root / "reports"), "--jobs", "2"]) == 0
    return [root / "reports" / n / "results.json" for n in ("alpha", "beta")]


def test_comparison_table_one_row_per_forum_and_measure(two_results):
    table = comparison_table([json.loads(p.read_text(encoding="utf-8")) for p in two_results])
    assert table.groupby("forum").size().tolist() == [table["measure"].nunique()] * 2
    assert table.query("measure == 'members'")["value"].tolist() == [6.0, 6.0]


def test_compare_report_is_offline_and_escapes_names(two_results, tmp_path):
    out = tmp_path / "compare"
    assert main(["compare", *map(str, two_results), "--out", str(out), "--lang", "en"]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert check_offline(page) == []
    assert "Beta &lt;b&gt;forum&lt;/b&gt;" in page and "<b>forum</b>" not in page


def test_compare_rejects_a_missing_or_invalid_results_file(two_results, tmp_path, capsys):
    bad = tmp_path / "results.json"
    bad.write_text('{"forum": {}}', encoding="utf-8")
    assert main(["compare", str(two_results[0]), str(bad), str(tmp_path / "nope.json"), "--out", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert "not a valid results.json" in err and "nope.json: file not found" in err


def test_the_compare_notebook_without_reports_says_what_to_do(tmp_path):
    import papermill as pm

    from toolkit.run.runner import NOTEBOOKS_DIR

    out = tmp_path / "compare.ipynb"
    nb = pm.execute_notebook(str(NOTEBOOKS_DIR / "compare.ipynb"), str(out), cwd=str(NOTEBOOKS_DIR),
                             parameters={"results_paths": [str(tmp_path / "nope" / "results.json")], "lang": "en"},
                             progress_bar=False)
    shown = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))
    assert "No reports to compare yet" in shown and "nope/results.json does not exist" in shown
    assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))


def test_load_results_names_a_missing_file(tmp_path):
    import pytest

    from toolkit.errors import InputError
    from toolkit.report.compare import load_results

    with pytest.raises(InputError, match=r"nope\.json: file not found"):
        load_results([tmp_path / "nope.json"])


@pytest.fixture(scope="module")
def municipal_results(tmp_path_factory):
    out = tmp_path_factory.mktemp("g30") / "gemeente-30"
    assert main(["run", "surveys/gemeente-30", "--out", str(out)]) == 0
    return out / "results.json"


def test_forums_with_one_named_group_only_are_compared(municipal_results, tmp_path, capsys):
    """Municipal forums whose data hold education only (no age or migration categories of the named groups):
    the one gap is charted without dodging (seaborn divides by the number of groups - 1)."""
    paths = []
    for i in range(2):
        data = json.loads(municipal_results.read_text(encoding="utf-8"))
        groups = data["representativeness"]["named_groups"]
        data["representativeness"]["named_groups"] = {"practically_educated": groups["practically_educated"]}
        data["forum"]["name"] = f"Gemeente {i}"
        paths.append(tmp_path / f"{i}.json")
        paths[-1].write_text(json.dumps(data), encoding="utf-8")
    table = comparison_table([json.loads(p.read_text(encoding="utf-8")) for p in paths])
    gaps = table[table["measure"].str.startswith("gap_") & table["value"].notna()]
    assert set(gaps["measure"]) == {"gap_practical"}
    assert main(["compare", *map(str, paths), "--out", str(tmp_path / "cmp")]) == 0, capsys.readouterr().err
    assert (tmp_path / "cmp" / "report.html").is_file()
