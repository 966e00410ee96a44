"""Render executed notebooks to offline, self-contained HTML with nbconvert.

One template (``templates/offline``) extends JupyterLab's but loads nothing from a network and runs
no script; code is hidden; the stylesheet is inlined. :func:`check_offline` and :func:`check_alt_text`
are the guards every written page passes.
"""
from __future__ import annotations

import html
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat

__all__ = ["render_html", "check_offline", "check_alt_text", "alt_text_problem", "PLACEHOLDER_ALT",
           "TEMPLATES", "REPORT_CSS"]

TEMPLATES = Path(__file__).parent / "templates"
REPORT_CSS = (TEMPLATES / "report.css").read_text(encoding="utf-8")

_URL_ATTRS = {"src", "href", "srcset", "poster", "data", "action", "formaction", "xlink:href", "background",
              "cite", "longdesc", "manifest", "ping", "icon", "lowsrc", "dynsrc"}
_EXTERNAL_URL = re.compile(r"^(?:https?:|ftp:|//|\\\\|javascript:|vbscript:)", re.I)
_CSS_URL = re.compile(r"""(?:url\(\s*["']?\s*(?:https?:|//)|@import)""", re.I)
#: Browsers ignore whitespace and control characters in a URL (``java\tscript:``); a regular
#: expression removes them at C speed (a figure's data: URI is hundreds of kilobytes).
_IGNORED = re.compile(r"[\x00-\x20]+")
_EMBEDDING = {"iframe", "frame", "frameset", "object", "embed", "base", "applet"}


class _OfflineScan(HTMLParser):
    """The start tags and style sheets of a page, as the browser will see them (text is not markup)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): v for k, v in attrs}
        if tag == "script":
            self.found.append("<script> element present")
        elif tag in _EMBEDDING:
            self.found.append(f"<{tag}> element present")
        elif tag == "html" and not re.match(r"[a-z]{2}\b", a.get("lang") or ""):
            self.found.append("<html> without a lang attribute")
        elif tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh> present")
        elif tag == "style":
            self._in_style = True
        for name, value in a.items():
            if value is None:
                continue
            urls = [u.split()[0] for u in value.split(",") if u.split()] if name == "srcset" else [value]
            if name in _URL_ATTRS and any(_EXTERNAL_URL.match(_IGNORED.sub("", u)) for u in urls):
                self.found.append(f'external or javascript: URL: {name}="{value.strip()[:40]}"')
            elif name.startswith("on"):
                self.found.append(f"event handler attribute {name} on <{tag}>")
            elif name == "style" and _CSS_URL.search(value):
                self.found.append(f"external CSS url(): {_CSS_URL.search(value).group(0)}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "style":
            self._in_style = False

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.found += [f"external CSS url(): {m.group(0)}" for m in _CSS_URL.finditer(data)]


def check_offline(markup: str) -> list[str]:
    """Problems that would make a page load something or run something.

    The page is parsed, so only real elements and attributes count: user text that *mentions* a
    link or a script (escaped, as it must be) is not a problem.

    Examples
    --------
    >>> check_offline('<html lang="nl"><img src="data:image/png;base64,AA" alt="x"></html>')
    []
    >>> check_offline('<script src="https://cdn.example/x.js"></script>')
    ['<script> element present', 'external or javascript: URL: src="https://cdn.example/x.js"']
    >>> check_offline('<a href=" java\tscript:alert(1)">x</a><p style="background: url(//evil/x.png)">')
    ['external or javascript: URL: href="java\tscript:alert(1)"', 'external CSS url(): url(//']
    >>> check_offline('<p>&lt;a href="javascript:alert(1)"&gt; and &lt;iframe src=//evil&gt;</p>')
    []
    >>> check_offline('<html><body></body></html>')
    ['<html> without a lang attribute']
    """
    scan = _OfflineScan()
    scan.feed(markup)
    scan.close()
    found = scan.found
    if re.search(r"<script\b", markup, re.I) and "<script> element present" not in found:
        found.insert(0, "<script> element present")  # however it got there
    return found


#: What nbconvert writes into an ``<img>`` without alt text (and it logs "Alternative text is missing").
PLACEHOLDER_ALT = "No description has been provided for this image"
_NON_DESCRIPTIVE = {"image", "img", "figure", "fig", "figuur", "afbeelding", "plot", "chart", "graph", "grafiek",
                    "picture", "photo", "foto", "png", "alt", "alt text", "untitled", "none", "null"}
_IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml", "image/gif", "image/webp")
_ALT_HINT = ("Every figure needs an alt text that says what it shows: show it with "
             "toolkit.report.display.figure(fig, alt=...), never with plt.show() or display(fig).")


def alt_text_problem(alt: str | None) -> str | None:
    """Why `alt` is not a real alt text, or None when it is.

    Examples
    --------
    >>> alt_text_problem("Steun per meting: van 43% naar 57%") is None
    True
    >>> alt_text_problem(None), alt_text_problem("  "), alt_text_problem("figure")
    ('no alt attribute', 'an empty alt text', "a non-descriptive alt text ('figure')")
    >>> alt_text_problem(PLACEHOLDER_ALT)
    "nbconvert's placeholder alt text"
    """
    if alt is None:
        return "no alt attribute"
    a = " ".join(alt.split())
    if not a:
        return "an empty alt text"
    if a.casefold() == PLACEHOLDER_ALT.casefold():
        return "nbconvert's placeholder alt text"
    if a.casefold() in _NON_DESCRIPTIVE or re.fullmatch(r"[\w.-]+\.(?:png|jpe?g|svg|gif|webp)", a, re.I):
        return f"a non-descriptive alt text ({a!r})"
    return None


class _ImageScan(HTMLParser):
    """Every ``<img>`` with the section heading (last ``<h2>``) it stands under."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images: list[tuple[str, str | None]] = []
        self.section, self._h2, self._h2_text = "", None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h2":
            self._h2, self._h2_text = a.get("id") or "", []
        elif tag == "img":
            self.images.append((self.section, a.get("alt")))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._h2 is not None:
            self._h2_text.append(data)

    def handle_endtag(self, tag):
        if tag == "h2" and self._h2 is not None:
            title = " ".join("".join(self._h2_text).split())
            self.section = f"{title} ({self._h2})" if self._h2 else title
            self._h2 = None


def check_alt_text(markup: str) -> list[str]:
    """Images without a real alt text, each named with the section (``<h2>``) it stands in.

    Examples
    --------
    >>> check_alt_text('<h2 id="attitudes">Shifts</h2><img src="data:image/png;base64,AA" alt="Support rose from 43% to 57%">')
    []
    >>> check_alt_text('<h2 id="attitudes">Shifts</h2><p><img src="x.png" alt="No description has been provided for this image"></p>')
    ["section 'Shifts (attitudes)': an image with nbconvert's placeholder alt text"]
    """
    scan = _ImageScan()
    scan.feed(markup)
    scan.close()
    return [f"section '{section or '(before the first section)'}': an image with {why}"
            for section, alt in scan.images if (why := alt_text_problem(alt))]


def _where(cell, fallback: str) -> str:
    md = cell.get("metadata", {})
    if md.get("section"):
        return f"section '{md['section']}' (notebook {md.get('source_notebook', '?')}, cell {md.get('source_cell', '?')})"
    return f"page '{fallback}'"


def _cell_alt_problems(nb, title: str) -> list[str]:
    """Figures in the executed cells' outputs without a real alt text, named by section, notebook and cell."""
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data") or {}
            if "text/html" in data:
                markup = data["text/html"]
                markup = "".join(markup) if isinstance(markup, list) else str(markup)
                scan = _ImageScan()
                scan.feed(markup)
                scan.close()
                found += [f"{_where(cell, title)}: an image with {why}" for _, alt in scan.images
                          if (why := alt_text_problem(alt))]
            elif any(t in data for t in _IMAGE_TYPES):
                found.append(f"{_where(cell, title)}: a figure shown without alt text (a bare image output)")
    return found


def _without_stderr(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """`nb` without the stderr streams of its cells (warnings, log lines: server paths and source lines).

    Examples
    --------
    >>> cell = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("stream", name="stderr", text="/srv/x.py:1: W"),
    ...                                          nbformat.v4.new_output("stream", name="stdout", text="ok")])
    >>> [o.name for o in _without_stderr(nbformat.v4.new_notebook(cells=[cell])).cells[0].outputs]
    ['stdout']
    """
    for cell in nb.cells:
        if "outputs" in cell:
            cell.outputs = [o for o in cell.outputs if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    return nb


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def render_html(nb: nbformat.NotebookNode, lang: str, title: str, preamble: str = "", postamble: str = "") -> str:
    """Executed notebook -> one self-contained HTML page (code and markdown cells hidden).

    Parameters
    ----------
    nb : NotebookNode
        Executed notebook; only outputs are shown.
    lang : str
        ``nl`` or ``en``: the ``<html lang>`` (nbconvert's ``language_code``; its resource is overwritten).
    title : str
        Page title (escaped here).
    preamble, postamble : str
        Trusted markup put before and after the outputs (title block, table of contents, footer).

    Raises
    ------
    RuntimeError
        If the page would load or run anything (see :func:`check_offline`), or a figure lacks a real
        alt text (see :func:`check_alt_text`; also when nbconvert logs "Alternative text is missing").
        The message names the section, and for a notebook cell its notebook and cell number.
    """
    from nbconvert import HTMLExporter

    log = logging.Logger("forum_eval.render")  # not registered: nbconvert's warnings are ours to judge
    collected = _Collect()
    log.addHandler(collected)
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)], language_code=lang,
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                            exclude_markdown=True, exclude_raw=True, log=log)
    nb = _without_stderr(nbformat.from_dict(nb))
    missing_alt = _cell_alt_problems(nb, title)
    nb.metadata["title"] = title
    resources = {"language_code": lang, "report_css": REPORT_CSS, "report_preamble": preamble,
                 "report_postamble": postamble, "metadata": {"name": html.escape(title)}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    problems = check_offline(body)
    if problems:
        raise RuntimeError("refusing to write a report that is not self-contained: " + "; ".join(problems[:5]))
    missing_alt = missing_alt or check_alt_text(body)
    nbconvert_says = [m for m in collected.messages if "alternative text" in m.lower()]
    if nbconvert_says and not missing_alt:
        missing_alt = [f"page '{title}': nbconvert: {m}" for m in nbconvert_says]
    if missing_alt:
        more = f" (and {len(missing_alt) - 5} more)" if len(missing_alt) > 5 else ""
        raise RuntimeError("refusing to write a report with a figure that has no real alt text: "
                           + "; ".join(missing_alt[:5]) + more + ". " + _ALT_HINT)
    return body
