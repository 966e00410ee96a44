"""Markup and script payloads for the report's safety tests: user text must reach the report as text.

Each payload is something a forum name, label, recommendation or free-text answer could hold; the
report must show it escaped, never as an element, an event handler or a ``javascript:`` link.
"""
from __future__ import annotations

import html
from html.parser import HTMLParser

#: One line each: script element, event handlers, javascript: link, attribute break-out, frame,
#: template injection (Jinja renders the report), and the bare special characters.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '"><svg onload=alert(1)>',
    "<iframe src=//evil>",
    "{{7*7}}",
    "& < > \" '",
]

#: All payloads in one string, for a single label.
ALL = " ".join(PAYLOADS)

#: Elements no payload may turn into.
FORBIDDEN_TAGS = {"script", "iframe", "svg", "object", "embed", "frame", "frameset", "base", "form"}


def escaped(text: str) -> str:
    """`text` as it appears in the rendered report: ``&``, ``<``, ``>`` escaped, quotes as they are
    (nbconvert re-serialises the page with BeautifulSoup's minimal formatter).

    Examples
    --------
    >>> escaped('<script>alert(1)</script> & "x"')
    '&lt;script&gt;alert(1)&lt;/script&gt; &amp; "x"'
    """
    return html.escape(text, quote=False)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]], int]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs, self.getpos()[0]))

    handle_startendtag = handle_starttag


def start_tags(markup: str) -> list[tuple[str, list[tuple[str, str | None]], int]]:
    """(tag, attributes, line) of every start tag, parsed with the standard library's HTML parser."""
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser.tags


def markup_problems(markup: str) -> list[str]:
    """Every place where text became markup: forbidden elements, ``on*`` handlers, ``javascript:`` URLs.

    Examples
    --------
    >>> markup_problems('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><img src="data:," alt="a chart">')
    []
    >>> markup_problems('<p><img src=x onerror=alert(1)><a href=" JavaScript:alert(1)">x</a></p>')
    ['line 1: <img> has an event handler onerror', 'line 1: <a href> is a javascript: URL']
    """
    found = []
    for tag, attrs, line in start_tags(markup):
        if tag in FORBIDDEN_TAGS:
            found.append(f"line {line}: a <{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                found.append(f"line {line}: <{tag}> has an event handler {name}")
            if name in ("href", "src", "action", "formaction", "xlink:href", "data", "srcset", "poster") and value \
                    and "".join(value.split()).lower().startswith(("javascript:", "vbscript:")):
                found.append(f"line {line}: <{tag} {name}> is a javascript: URL")
    return found
