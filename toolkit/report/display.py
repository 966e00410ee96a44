"""Show text, tables and figures in a notebook as safe, accessible HTML.

Everything a user supplied (forum names, labels, recommendation texts, free text) is escaped here,
so it reaches the report as text, never as markup. Figures are embedded as PNG with a real alt text.

While :func:`start_recording` is on, every heading, paragraph, table and figure shown is also recorded
as a :class:`Block`, in the order shown: the exports beside report.html (:mod:`toolkit.report.exports`)
are made from that record, so they hold exactly what the report shows, after disclosure control.
"""
from __future__ import annotations

import base64
import html
import io
import re
from concurrent.futures import Future
from dataclasses import dataclass

import pandas as pd

__all__ = ["heading", "paragraph", "table", "figure", "banner", "html_table", "figure_html", "show_html",
           "Block", "start_recording", "stop_recording", "stop_rendering", "recorded", "EXPORT_DPI"]

#: Resolution of the PNG exports (print); the report embeds figures at 110 dpi.
EXPORT_DPI = 300


@dataclass(frozen=True, eq=False)
class Block:
    """One thing the report shows, as recorded by :func:`start_recording`.

    Attributes
    ----------
    kind : {"heading", "paragraph", "banner", "table", "figure"}
    section : str or None
        The section it belongs to: the anchor of the last level-2 heading shown (the section's id).
    text : str
        The heading or paragraph text, the table's caption, the figure's caption ("" when none).
    level : int
        The heading level (0 for other kinds).
    anchor : str or None
        The heading's id.
    frame : pandas.DataFrame or None
        The table as shown (cells as displayed, after suppression).
    alt : str
        The figure's alt text.
    rendering : concurrent.futures.Future or None
        The figure's ``(svg, png)`` bytes being rendered (None when recorded without figures); read
        them as :attr:`svg` and :attr:`png`.
    """

    kind: str
    section: str | None = None
    text: str = ""
    level: int = 0
    anchor: str | None = None
    frame: pd.DataFrame | None = None
    alt: str = ""
    rendering: Future | None = None

    @property
    def svg(self) -> bytes | None:
        """The figure as SVG (waits for its rendering)."""
        return None if self.rendering is None else self.rendering.result()[0]

    @property
    def png(self) -> bytes | None:
        """The figure as PNG at :data:`EXPORT_DPI` (waits for its rendering)."""
        return None if self.rendering is None else self.rendering.result()[1]


class _Recorder:
    """The record being made: blocks, the current section, and what to keep."""

    def __init__(self, figures: bool, quiet: bool):
        self.blocks: list[Block] = []
        self.section: str | None = None
        self.figures, self.quiet = figures, quiet

    def add(self, kind: str, **kw) -> None:
        self.blocks.append(Block(kind=kind, section=self.section, **kw))


_RECORDER: _Recorder | None = None


def start_recording(figures: bool = True, quiet: bool = False) -> None:
    """Record everything shown from now on (a new record; the previous one is dropped).

    Parameters
    ----------
    figures : bool
        Keep each figure as SVG and as PNG at :data:`EXPORT_DPI` (takes time); False: its alt text only.
    quiet : bool
        Record only, display nothing (to collect a report's tables outside a notebook).
    """
    global _RECORDER
    _RECORDER = _Recorder(figures, quiet)


def stop_recording() -> list[Block]:
    """End the recording and return its blocks in the order shown (empty when none was on)."""
    global _RECORDER
    blocks = _RECORDER.blocks if _RECORDER is not None else []
    _RECORDER = None
    return blocks


def recorded() -> list[Block]:
    """The blocks recorded so far (a copy; empty when no recording is on)."""
    return list(_RECORDER.blocks) if _RECORDER is not None else []


def show_html(markup: str, table: tuple[pd.DataFrame, str] | None = None) -> None:
    """Display trusted markup (built by this module) as a notebook output.

    `table` is ``(frame, caption)`` when the markup shows a table built outside :func:`html_table`
    (the summary's scorecard): the frame is what a recording keeps of it.
    """
    if _RECORDER is not None and table is not None:
        _RECORDER.add("table", frame=table[0].copy(), text=table[1])
    if _RECORDER is not None and _RECORDER.quiet:
        return
    from IPython.display import HTML, display

    display(HTML(markup))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def heading(text: str, level: int = 2, anchor: str | None = None) -> None:
    """A heading; `anchor` becomes its id (for the table of contents and summary links).

    A level-2 heading opens a section: its anchor is the section's id in a recording.
    """
    if _RECORDER is not None:
        if level == 2:
            _RECORDER.section = anchor or _slug(text)
        _RECORDER.add("heading", text=text, level=level, anchor=anchor or _slug(text))
    show_html(f'<h{level} id="{html.escape(anchor or _slug(text))}">{html.escape(text)}</h{level}>')


def paragraph(text: str, css_class: str | None = None) -> None:
    """A paragraph of plain text (escaped)."""
    if _RECORDER is not None:
        _RECORDER.add("paragraph", text=text)
    cls = f' class="{css_class}"' if css_class else ""
    show_html(f"<p{cls}>{html.escape(text)}</p>")


def banner(text: str) -> None:
    """A prominent notice, e.g. that the data are synthetic."""
    if _RECORDER is not None:
        _RECORDER.add("banner", text=text)
    show_html(f'<p class="banner" role="note"><strong>{html.escape(text)}</strong></p>')


def _cell_style(text: str) -> str:
    """Left-aligned; a figure (digits and at most the letter of ``p <``/``n =``) stays on one line."""
    text = html.unescape(text)
    nowrap = len(text) <= 40 and any(c.isdigit() for c in text) and sum(c.isalpha() for c in text) <= 1
    return ' style="text-align: left; white-space: nowrap"' if nowrap else ' style="text-align: left"'


def html_table(df: pd.DataFrame, caption: str, index: bool = False) -> str:
    """An escaped HTML table with a caption and header cells scoped to columns.

    Examples
    --------
    >>> print(html_table(pd.DataFrame({"a<b": ["<script>"], "p": ["p < 0,001"]}), "T & C"))
    <table class="report-table">
    <caption>T &amp; C</caption>
      <thead>
        <tr>
          <th scope="col" style="text-align: left">a&lt;b</th>
          <th scope="col" style="text-align: left">p</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td style="text-align: left">&lt;script&gt;</td>
          <td style="text-align: left; white-space: nowrap">p &lt; 0,001</td>
        </tr>
      </tbody>
    </table>
    """
    markup = df.to_html(index=index, escape=True, border=0, classes="report-table", na_rep="–")
    markup = markup.replace('<table border="0" class="dataframe report-table">', '<table class="report-table">', 1)
    markup = markup.replace('<table class="dataframe report-table">', '<table class="report-table">', 1)
    markup = re.sub(r"<th>", '<th scope="col" style="text-align: left">', markup)
    markup = markup.replace('<tr style="text-align: right;">', "<tr>")
    # as in the report, also in JupyterLab (whose style right-aligns cells): text left, and a short
    # figure (p < 0,001, an interval [0,12; 0,34]) never broken over two lines
    markup = re.sub(r"<td>([^<]*)</td>", lambda m: f"<td{_cell_style(m.group(1))}>{m.group(1)}</td>", markup)
    return markup.replace('<table class="report-table">', f'<table class="report-table">\n<caption>{html.escape(caption)}</caption>', 1)


def table(df: pd.DataFrame, caption: str, index: bool = False) -> None:
    """Display :func:`html_table` (recorded as shown: with its index as columns when `index`)."""
    if _RECORDER is not None:
        _RECORDER.add("table", frame=(df.reset_index() if index else df).copy(), text=caption)
        if _RECORDER.quiet:
            return
    show_html(html_table(df, caption, index))


def figure_html(fig, alt: str, caption: str | None = None, dpi: int = 110) -> str:
    """A matplotlib figure as an embedded PNG ``<figure>`` with alt text; closes the figure."""
    import matplotlib.pyplot as plt

    from toolkit.sections.plotting import plain_text

    if not alt or not alt.strip():
        raise ValueError("Every figure needs an alt text that says what it shows.")
    plain_text(fig)  # a "$" in a label is a dollar sign, not mathtext
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    cap = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
            f'style="max-width:100%;height:auto">{cap}</figure>')


def figure(fig, alt: str, caption: str | None = None) -> None:
    """Display :func:`figure_html`; a recording keeps the figure as SVG and print PNG."""
    if _RECORDER is not None:
        if not alt or not alt.strip():
            raise ValueError("Every figure needs an alt text that says what it shows.")
        rendering = _render_elsewhere(fig) if _RECORDER.figures else None
        _RECORDER.add("figure", text=caption or "", alt=alt, rendering=rendering)
        if _RECORDER.quiet:
            import matplotlib.pyplot as plt

            plt.close(fig)
            return
    show_html(figure_html(fig, alt, caption))


_RENDERER = None  # a process that renders the recorded figures on another core


def _render_elsewhere(fig) -> Future:
    """Start rendering `fig` as SVG and print PNG in a second process, so that the run's kernel goes on
    with the next cell; in this process when the figure cannot be sent there."""
    global _RENDERER
    import atexit
    import pickle

    import matplotlib as mpl

    try:
        payload = pickle.dumps((fig, dict(mpl.rcParams)), protocol=pickle.HIGHEST_PROTOCOL)
        if _RENDERER is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            _RENDERER = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_quiet_worker)
            atexit.register(stop_rendering)  # a process that never exported still ends its renderer
        return _RENDERER.submit(_render_pickled, payload)
    except Exception:  # noqa: BLE001  an unpicklable artist, no second process: render it here
        done: Future = Future()
        done.set_result(_render(fig))
        return done


def _quiet_worker() -> None:
    """The rendering process leaves interrupts to its parent (a run's Ctrl+C, the kernel's shutdown):
    it ends with it, printing no traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def stop_rendering() -> None:
    """End the rendering process once every figure is rendered (a new recording starts another)."""
    global _RENDERER
    if _RENDERER is not None:
        _RENDERER.shutdown(wait=True)
        _RENDERER = None


def _render(fig) -> tuple[bytes, bytes]:
    return _save(fig, "svg"), _save(fig, "png", EXPORT_DPI)


def _render_pickled(payload: bytes) -> tuple[bytes, bytes]:
    """In the rendering process: the figure with the rc settings it was made under."""
    import pickle

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, rc = pickle.loads(payload)
    with matplotlib.rc_context({k: v for k, v in rc.items() if k != "backend"}):
        out = _render(fig)
    plt.close(fig)
    return out


def _save(fig, fmt: str, dpi: int | None = None) -> bytes:
    """The figure as `fmt` bytes, reproducible (no software stamp, fixed SVG ids, no date)."""
    buf = io.BytesIO()
    meta = {"Software": None} if fmt == "png" else {"Creator": None, "Date": None}
    if fmt == "svg":
        import matplotlib as mpl

        with mpl.rc_context({"svg.hashsalt": "forum-eval"}):
            fig.savefig(buf, format="svg", bbox_inches="tight", metadata=meta)
    else:
        fig.savefig(buf, format=fmt, dpi=dpi, bbox_inches="tight", metadata=meta)
    return buf.getvalue()
