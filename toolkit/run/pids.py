"""Whether a process id still names a running process (for the folders and files a run leaves behind)."""
from __future__ import annotations

import os

__all__ = ["alive"]


def alive(pid: int, *, foreign: bool) -> bool:
    """True while process `pid` runs.

    Parameters
    ----------
    pid : int
        The process id written into a folder or file name by the run that made it.
    foreign : bool
        What a process of another user counts as (``os.kill`` is refused): alive for a staging
        folder that may be another user's run, not alive for a helper this run started itself.

    Examples
    --------
    >>> alive(os.getpid(), foreign=False)
    True
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return foreign
    return True
