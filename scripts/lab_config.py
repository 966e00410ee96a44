"""Jupyter server settings for ``make lab``: saving a notebook strips its outputs (scripts/notebook_hygiene.py),
so running and saving a notebook leaves ``git status`` clean and no forum's fingerprint changes."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from notebook_hygiene import pre_save_hook  # noqa: E402

c = get_config()  # noqa: F821  (defined by Jupyter when it loads this file)
c.ContentsManager.pre_save_hook = pre_save_hook
