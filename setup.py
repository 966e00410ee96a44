"""Build hook (metadata lives in pyproject.toml): ship the section notebooks inside the wheel.

The notebooks stay at the top of the repository (``notebooks/``, where evaluators open them in
JupyterLab, paired with jupytext); a built wheel carries a copy as package data,
``toolkit/report/notebooks/*.ipynb``, which :mod:`toolkit.run.runner` finds through
``importlib.resources`` when the toolkit is installed without its source checkout.
"""
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithNotebooks(build_py):
    """``build_py`` that also copies ``notebooks/*.ipynb`` into the package."""

    def run(self):
        super().run()
        if self.editable_mode:  # an editable install runs the checkout's notebooks/ directly
            return
        target = Path(self.build_lib) / "toolkit" / "report" / "notebooks"
        self.mkpath(str(target))
        for notebook in sorted((HERE / "notebooks").glob("*.ipynb")):
            self.copy_file(str(notebook), str(target / notebook.name))


setup(cmdclass={"build_py": BuildPyWithNotebooks})
