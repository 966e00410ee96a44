"""End to end: forum-eval run on real data (America in One Room) into a temporary folder."""
import json
import re

import pytest

from toolkit.cli import main
from toolkit.report.render import check_offline


@pytest.fixture(scope="module")
def a1r_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports") / "a1r"
    assert main(["run", "surveys/a1r", "--out", str(out)]) == 0
    return out


def test_a1r_results_json(a1r_report):
    res = json.loads((a1r_report / "results.json").read_text(encoding="utf-8"))
    assert set(res) == {"forum", "provenance", "exclusions", "representativeness", "attitudes", "follow_up"}
    assert res["forum"]["respondents"] == {"member": 523, "control": 0}
    ex = res["exclusions"]
    assert ex["records_in"] == 1046 and ex["analysed"] + ex["excluded_records"] == 1046
    assert ex["excluded_answers"] == 5
    assert {i["file"] for i in res["provenance"]["inputs"]} >= {"forum.yml", "codebook.yml", "a1r_delegates_pre_post.csv"}


def test_a1r_reproduces_published_support_shares(a1r_report):
    """Published: democracy 'working well' 30% -> 60%, reduce refugees 37% -> 22% (support = 6-10,
    each wave's own non-missing answers; Ms. Magazine 2019-10-04, Fishkin & Diamond NYT 2019, Axios)."""
    res = json.loads((a1r_report / "results.json").read_text(encoding="utf-8"))
    changes = {c["item"]: c for c in res["attitudes"]["changes"] if c["wave_from"] == "pre" and c["wave_to"] == "post"}
    assert round(100 * changes["Q1"]["support_from"]) == 30 and round(100 * changes["Q1"]["support_to"]) == 60
    assert round(100 * changes["Q2A"]["support_from"]) == 37 and round(100 * changes["Q2A"]["support_to"]) == 22
    assert res["representativeness"] is None and res["follow_up"] is None  # A1R supplies neither


def test_a1r_html_is_offline_and_has_lang(a1r_report):
    page = (a1r_report / "report.html").read_text(encoding="utf-8")
    assert check_offline(page) == []
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page, re.I)
    assert '<html lang="en">' in page
    for section in ("summary", "data"):
        assert (a1r_report / "sections" / f"{section}.html").is_file()
    assert (a1r_report / "notebooks" / "00_summary.ipynb").is_file()


def test_failed_run_keeps_last_good_report(a1r_report, tmp_path, monkeypatch):
    import shutil

    import toolkit.run.runner as runner

    out = tmp_path / "a1r"
    shutil.copytree(a1r_report, out)
    before = (out / "report.html").read_bytes()
    nbdir = tmp_path / "nbs"
    shutil.copytree(runner.NOTEBOOKS_DIR, nbdir)
    broken = (nbdir / "90_data.ipynb").read_text(encoding="utf-8").replace("show.heading(", "1/0; show.heading(", 1)
    (nbdir / "90_data.ipynb").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(runner, "NOTEBOOKS_DIR", nbdir)
    with pytest.raises(runner.RunFailed, match=r"notebook 90_data.ipynb, cell \d+ failed: ZeroDivisionError"):
        runner.run_forum("surveys/a1r", out)
    assert (out / "report.html").read_bytes() == before
    assert (tmp_path / "a1r.failed" / "executed.ipynb").is_file()
    assert not list(tmp_path.glob(".a1r.staging-*"))


def test_check_on_broken_copy_lists_every_problem_and_exits_2(a1r_copy, capsys):
    forum = (a1r_copy / "forum.yml").read_text(encoding="utf-8")
    (a1r_copy / "forum.yml").write_text(forum.replace("min_cell_size: 5", "min_cel_size: 5").replace("out_of_range: exclude", ""), encoding="utf-8")
    data = (a1r_copy / "a1r_delegates_pre_post.csv").read_text(encoding="utf-8").splitlines()
    data[3] = data[3].replace(",7,", ",x,", 1)
    (a1r_copy / "a1r_delegates_pre_post.csv").write_text("\n".join(data) + "\n", encoding="utf-8")
    assert main(["check", str(a1r_copy)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "unknown key 'min_cel_size'. Did you mean 'min_cell_size'?" in err
    # with out_of_range no longer 'exclude', the five undocumented -8 codes are errors, each named
    assert err.count("outside its scale 0-10 (value: -8)") == 5
    assert "row 4, column 'Q1': answer to 'Q1' is not a number (value: 'x')" in err


def test_check_valid_forum_exits_0(capsys):
    assert main(["check", "surveys/a1r"]) == 0
    assert "all inputs are valid" in capsys.readouterr().out


@pytest.mark.skipif(__import__("a11y").MISSING is not None, reason=str(__import__("a11y").MISSING))
def test_a1r_report_has_no_wcag_aa_violations(a1r_report):
    from a11y import axe_violations

    violations = axe_violations(a1r_report / "report.html")
    assert [(v["id"], len(v["nodes"])) for v in violations] == []


@pytest.mark.skipif(__import__("a11y").CHROMIUM is None, reason="needs Debian's chromium")
def test_pdf_print_with_page_breaks(a1r_report, tmp_path):
    from toolkit.run.runner import print_pdf

    pdf = print_pdf(a1r_report / "report.html", tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages >= 4  # title and contents, then summary, methods and data each start a new page


def test_the_executed_notebooks_run_again_on_their_own(a1r_report, tmp_path):
    import shutil

    import nbformat
    from nbclient import NotebookClient

    copy = shutil.copytree(a1r_report, tmp_path / "a1r")  # where a reader would open them
    before = (copy / "results.json").read_bytes()
    for path in sorted((copy / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        params = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert len(params) == 1 and "forum_dir = " in params[0].source, path.name
        assert not any("papermill_description" in c.source for c in nb.cells)
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    assert (copy / "results.json").read_bytes() == before  # running them again replaced nothing
