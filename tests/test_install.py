"""A non-editable install (a wheel built from the tree, in a fresh venv) runs the example forum to HTML.

The wheel must carry everything a run needs as package data: the section notebooks (copied from
notebooks/ by setup.py), the report template, the results.json schema, the shipped benchmark.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(*cmd, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    """Run `cmd` without PYTHONPATH: the fresh venv must import the wheel, not a checkout on the path."""
    env = {k: v for k, v in (env or os.environ).items() if k != "PYTHONPATH"}
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=600, env=env, **kw)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """A new venv holding only the wheel; its dependencies come from this environment's site-packages."""
    tmp = tmp_path_factory.mktemp("install")
    src = tmp / "src"  # build from a copy, so the checkout gets no build/ or egg-info folders
    for name in ("toolkit", "notebooks"):
        shutil.copytree(REPO / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy(REPO / name, src / name)
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist", src)
    if built.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{built.stderr[-3000:]}")
    (wheel,) = (tmp / "dist").glob("*.whl")
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    purelib = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    # the dependencies (pandas, papermill...) from this environment; a plain path entry, so this
    # environment's own .pth files (the editable install of the checkout) are not processed
    (purelib / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel)
    if installed.returncode != 0:
        pytest.fail(f"installing the wheel failed:\n{installed.stderr[-3000:]}")
    return python


def test_the_wheel_ships_the_notebooks_and_runs_from_them(fresh):
    where = _run(fresh, "-c", "import toolkit.run.runner as r; print(r.__file__); print(r.NOTEBOOKS_DIR)",
                 cwd=fresh.parents[2])
    module, notebooks = where.stdout.split()
    assert str(fresh.parents[1]) in module, "toolkit was imported from the checkout, not from the wheel"
    assert Path(notebooks).is_relative_to(fresh.parents[1]) and (Path(notebooks) / "00_summary.ipynb").is_file()


def test_a_non_editable_install_runs_the_example_to_html(fresh, tmp_path):
    out = tmp_path / "report"
    # nbconvert's templates are data files of this environment (share/jupyter), not importable modules
    env = {**os.environ, "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter")}
    run = _run(fresh, "-m", "toolkit.cli", "run", REPO / "surveys" / "example", "--out", out, cwd=tmp_path, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Representativiteit" in html and "Politieke opvolging" in html
    assert (out / "results.json").is_file()


def test_environment_yml_lists_every_dependency_of_pyproject():
    import re

    import yaml

    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"]) + [d for extra in ("lab", "test") for d in project["optional-dependencies"][extra]]
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))["dependencies"]
    listed = [d for d in env if isinstance(d, str)] + [d for d in env if isinstance(d, dict) for d in d.get("pip", [])]

    def split(spec: str) -> tuple[str, str]:
        name, bounds = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", spec).groups()
        return name.lower().replace("_", "-"), bounds.replace(" ", "")

    have = dict(split(d) for d in listed)
    for spec in wanted:
        name, bounds = split(spec)
        assert name in have, f"{name} (pyproject.toml) is missing from environment.yml"
        assert have[name] == bounds, f"{name}: pyproject.toml says {bounds!r}, environment.yml {have[name]!r}"
