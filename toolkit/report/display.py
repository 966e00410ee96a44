"""Show text, tables and figures in a notebook as safe, accessible HTML.

Everything a user supplied (forum names, labels, recommendation texts, free text) is escaped here,
so it reaches the report as text, never as markup. Figures are embedded as PNG with a real alt text.
"""
from __future__ import annotations

import base64
import html
import io
import re

import pandas as pd

__all__ = ["heading", "paragraph", "table", "figure", "banner", "html_table", "figure_html", "show_html"]


def show_html(markup: str) -> None:
    """Display trusted markup (built by this module) as a notebook output."""
    from IPython.display import HTML, display

    display(HTML(markup))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def heading(text: str, level: int = 2, anchor: str | None = None) -> None:
    """A heading; `anchor` becomes its id (for the table of contents and summary links)."""
    show_html(f'<h{level} id="{html.escape(anchor or _slug(text))}">{html.escape(text)}</h{level}>')


def paragraph(text: str, css_class: str | None = None) -> None:
    """A paragraph of plain text (escaped)."""
    cls = f' class="{css_class}"' if css_class else ""
    show_html(f"<p{cls}>{html.escape(text)}</p>")


def banner(text: str) -> None:
    """A prominent notice, e.g. that the data are synthetic."""
    show_html(f'<p class="banner" role="note"><strong>{html.escape(text)}</strong></p>')


def html_table(df: pd.DataFrame, caption: str, index: bool = False) -> str:
    """An escaped HTML table with a caption and header cells scoped to columns.

    Examples
    --------
    >>> print(html_table(pd.DataFrame({"a<b": ["<script>"]}), "T & C"))
    <table class="report-table">
    <caption>T &amp; C</caption>
      <thead>
        <tr style="text-align: right;">
          <th scope="col">a&lt;b</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>&lt;script&gt;</td>
        </tr>
      </tbody>
    </table>
    """
    markup = df.to_html(index=index, escape=True, border=0, classes="report-table", na_rep="–")
    markup = markup.replace('<table border="0" class="dataframe report-table">', '<table class="report-table">', 1)
    markup = markup.replace('<table class="dataframe report-table">', '<table class="report-table">', 1)
    markup = re.sub(r"<th>", '<th scope="col">', markup)
    return markup.replace('<table class="report-table">', f'<table class="report-table">\n<caption>{html.escape(caption)}</caption>', 1)


def table(df: pd.DataFrame, caption: str, index: bool = False) -> None:
    """Display :func:`html_table`."""
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
    """Display :func:`figure_html`."""
    show_html(figure_html(fig, alt, caption))
