"""Render executed notebooks to offline, self-contained HTML with nbconvert.

One template (``templates/offline``) extends JupyterLab's but loads nothing from a network and runs
no script; code is hidden; the stylesheet is inlined. :func:`check_offline` is the guard every
written page passes.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat

__all__ = ["render_html", "check_offline", "TEMPLATES", "REPORT_CSS"]

TEMPLATES = Path(__file__).parent / "templates"
REPORT_CSS = (TEMPLATES / "report.css").read_text(encoding="utf-8")

_EXTERNAL = re.compile(r"""\b(?:src|href|srcset|poster|data|action|formaction)\s*=\s*["']?\s*(?:https?:|//|javascript:)""", re.I)
_CSS_URL = re.compile(r"""url\(\s*["']?\s*(?:https?:|//)""", re.I)


def check_offline(markup: str) -> list[str]:
    """Problems that would make a page load something or run something.

    Examples
    --------
    >>> check_offline('<img src="data:image/png;base64,AA" alt="x">')
    []
    >>> check_offline('<script src="https://cdn.example/x.js"></script>')
    ['<script> element present', 'external or javascript: URL: src="https:']
    """
    found = []
    if re.search(r"<script\b", markup, re.I):
        found.append("<script> element present")
    found += [f"external or javascript: URL: {m.group(0)}" for m in _EXTERNAL.finditer(markup)]
    found += [f"external CSS url(): {m.group(0)}" for m in _CSS_URL.finditer(markup)]
    if re.search(r"""<html(?![^>]*\blang=["'][a-z]{2})""", markup, re.I):
        found.append("<html> without a lang attribute")
    return found


def render_html(nb: nbformat.NotebookNode, lang: str, title: str, preamble: str = "", postamble: str = "") -> str:
    """Executed notebook -> one self-contained HTML page (code and markdown cells hidden).

    Parameters
    ----------
    nb : NotebookNode
        Executed notebook; only outputs are shown.
    lang : str
        ``nl`` or ``en``: the ``<html lang>``.
    title : str
        Page title (escaped here).
    preamble, postamble : str
        Trusted markup put before and after the outputs (title block, table of contents, footer).

    Raises
    ------
    RuntimeError
        If the page would load or run anything (see :func:`check_offline`).
    """
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                            exclude_markdown=True, exclude_raw=True)
    nb = nbformat.from_dict(nb)
    nb.metadata["title"] = title
    resources = {"language_code": lang, "report_css": REPORT_CSS, "report_preamble": preamble,
                 "report_postamble": postamble, "metadata": {"name": html.escape(title)}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    problems = check_offline(body)
    if problems:
        raise RuntimeError("refusing to write a report that is not self-contained: " + "; ".join(problems[:5]))
    return body
