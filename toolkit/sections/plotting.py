"""Matplotlib as every section's charts use it: drawn off-screen, and every text drawn as plain text.

Labels come from the user (wave labels, item labels, group and category names). Matplotlib reads a
text between two ``$`` as mathtext: a label such as "$7.25 to $15" would be typeset as a formula,
and an unbalanced one ends the run with a parse error. Importing this module turns that off for
every text a figure creates afterwards (``text.parse_math``); :func:`plain_text` does so for the
texts of one figure, whatever the settings were when it was drawn. The charts' own formatters
write numbers without mathtext.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> _ = ax.set_title("$a$ and $b$")
>>> plain_text(fig).axes[0].title.get_parse_math()
False
>>> plt.close(fig)
"""
from __future__ import annotations

import matplotlib
import matplotlib.text

matplotlib.use("Agg")
matplotlib.rcParams["text.parse_math"] = False
matplotlib.rcParams["text.usetex"] = False

__all__ = ["plain_text"]


def plain_text(fig):
    """Set every text of `fig` (titles, labels, ticks, legends, annotations) to plain text; returns `fig`."""
    for text in fig.findobj(matplotlib.text.Text):
        text.set_parse_math(False)
    return fig
