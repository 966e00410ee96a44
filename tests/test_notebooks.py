"""notebooks/ stays clean: pairs in step, a save in Lab strips outputs, no edit in a .py silently lost."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "notebook_hygiene.py"
PAIRS = sorted(p.stem for p in (REPO / "notebooks").glob("*.py"))


def _sync(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "sync", *args, str(folder)], capture_output=True, text=True)


def test_every_pair_is_in_step_and_make_notebooks_changes_nothing():
    run = _sync(REPO / "notebooks", "--check")
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("name", PAIRS)
def test_saving_a_run_notebook_writes_back_the_committed_file(name):
    sys.path.insert(0, str(SCRIPT.parent))
    from notebook_hygiene import pre_save_hook

    committed = (REPO / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8")
    nb = json.loads(committed)
    for i, cell in enumerate(nb["cells"]):  # what a run in Lab leaves behind
        if cell["cell_type"] == "code":
            cell["execution_count"] = i
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["n = 3\n"]}]
            cell["metadata"]["execution"] = {"iopub.status.busy": "2026-12-02T10:00:00Z"}
    nb["metadata"]["language_info"] = {"name": "python", "version": "3.11.7"}
    model = {"type": "notebook", "content": nbformat.from_dict(nb)}
    pre_save_hook(model)
    assert nbformat.writes(model["content"]) + "\n" == committed


def test_an_edited_py_is_not_overwritten_by_a_newer_ipynb(tmp_path):
    folder = tmp_path / "nb"
    shutil.copytree(REPO / "notebooks", folder)
    py, ipynb = folder / "90_data.py", folder / "90_data.ipynb"
    py.write_text(py.read_text(encoding="utf-8") + "\n# %%\nprint('my edit')\n", encoding="utf-8")
    os.utime(ipynb, (py.stat().st_mtime + 10, py.stat().st_mtime + 10))
    run = _sync(folder)
    assert run.returncode == 2 and "would overwrite the edit" in run.stderr
    assert "my edit" in py.read_text(encoding="utf-8")
    os.utime(py, (ipynb.stat().st_mtime + 10, ipynb.stat().st_mtime + 10))  # the .py is the newer: it wins
    assert _sync(folder).returncode == 0
    assert "my edit" in ipynb.read_text(encoding="utf-8")


def test_lab_kernels_use_local_sockets_and_print_no_transport_warning():
    import sys
    import tempfile
    from pathlib import Path

    import pytest
    from jupyter_client import KernelManager
    from traitlets.config.loader import PyFileConfigLoader

    if sys.platform == "win32":
        pytest.skip("IPC transport is for Unix")
    scripts = Path(__file__).resolve().parents[1] / "scripts"
    config = PyFileConfigLoader("lab_config.py", path=str(scripts)).load_config()
    assert config.KernelManager.transport == "ipc"
    with tempfile.TemporaryFile() as log:
        km = KernelManager(config=config, kernel_name="python3")
        km.start_kernel(stdout=log, stderr=log)
        try:
            kc = km.client()
            kc.start_channels()
            kc.wait_for_ready(timeout=60)
            kc.stop_channels()
        finally:
            km.shutdown_kernel(now=True)
        log.seek(0)
        assert b"running over TCP" not in log.read()
