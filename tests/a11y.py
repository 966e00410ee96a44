"""Run axe-core in Debian's headless Chromium (no browser download) on a rendered page."""
from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]



def _missing() -> str | None:
    """Why the accessibility tests cannot run here (None when they can)."""
    import importlib.util

    if CHROMIUM is None:
        return "needs Debian's chromium (apt-get install chromium); .ci/run installs it"
    for module in ("playwright", "axe_playwright_python"):
        if importlib.util.find_spec(module) is None:
            return f"needs {module} (pip install -e '.[test]')"
    return None


#: Why the axe tests are skipped, or None.
MISSING = _missing()
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page_path: Path) -> list[dict]:
    """WCAG 2.1 A/AA violations axe-core finds in the page (list of axe result dicts)."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.goto(Path(page_path).resolve().as_uri())
            res = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
            return res.response["violations"]
        finally:
            browser.close()


def screenshot(page_path: Path, png: Path, width: int = 1280) -> Path:
    """Full-page PNG of a rendered page, to look at it as a reader would."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(Path(page_path).resolve().as_uri())
            page.screenshot(path=str(png), full_page=True)
        finally:
            browser.close()
    return png


def print_pdf(page_path: Path, pdf: Path) -> Path:
    """Chromium's print to PDF of a rendered page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.goto(Path(page_path).resolve().as_uri())
            page.pdf(path=str(pdf), format="A4", print_background=True,
                     margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
        finally:
            browser.close()
    return pdf
