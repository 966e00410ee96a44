"""Jupyter server settings for ``make lab``: saving a notebook strips its outputs (scripts/notebook_hygiene.py),
so running and saving a notebook leaves ``git status`` clean and no forum's fingerprint changes."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from notebook_hygiene import pre_save_hook  # noqa: E402

c = get_config()  # noqa: F821  (defined by Jupyter when it loads this file)
c.ContentsManager.pre_save_hook = pre_save_hook

# Kernels talk to the server over local sockets (IPC), not unencrypted TCP: no "Kernel is running over
# TCP without encryption" warning in the terminal, and no port that another user of the machine can reach.
if sys.platform != "win32":
    c.KernelManager.transport = "ipc"
