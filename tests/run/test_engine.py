"""The runner's plumbing: a warmed kernel and a papermill engine that writes the notebook once."""
from __future__ import annotations

import nbformat
import papermill.engines
import pytest
from papermill.exceptions import PapermillExecutionError

from toolkit.run import engine


def _nb(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


def test_the_notebook_is_written_once_and_every_cell_is_reported(tmp_path, monkeypatch):
    writes, done = [], []
    real = papermill.engines.write_ipynb
    monkeypatch.setattr(papermill.engines, "write_ipynb", lambda nb, path: (writes.append(path), real(nb, path)))
    out = tmp_path / "out.ipynb"
    nb = engine.execute(_nb("y = x + 1", "print(y)"), out, {"x": 41}, 60, False, tmp_path,
                        on_cell_done=lambda nb, i: done.append(i))
    assert len(writes) == 1  # papermill's stock engine writes at the start and end of every cell
    assert nb.cells[-1].outputs[0]["text"] == "42\n"
    assert nbformat.read(out, as_version=4).cells[-1].outputs[0]["text"] == "42\n"
    assert done == list(range(len(nb.cells)))  # parameters, injected parameters, two cells


def test_a_failed_cell_still_leaves_the_executed_notebook(tmp_path):
    out = tmp_path / "out.ipynb"
    with pytest.raises(PapermillExecutionError, match="ZeroDivisionError"):
        engine.execute(_nb("1 / 0", "never = 1"), out, {}, 60, False, tmp_path)
    cells = nbformat.read(out, as_version=4).cells
    assert cells[-2].metadata["papermill"]["status"] == "failed"
    assert cells[-1].metadata["papermill"]["status"] == "pending"


def test_a_warmed_kernel_has_the_stack_imported_before_the_first_cell(tmp_path):
    kernel = engine.start_warm_kernel(tmp_path, env={"FORUM_EVAL_TEST_MARK": "yes"})
    try:
        nb = engine.execute(_nb("import os, sys; print('pandas' in sys.modules, os.environ['FORUM_EVAL_TEST_MARK'])"),
                            tmp_path / "out.ipynb", {}, 120, False, tmp_path, kernel)
    finally:
        engine.stop_kernel(kernel)
    assert nb.cells[-1].outputs[0]["text"] == "True yes\n"
    engine.stop_kernel(kernel)  # idempotent
