"""Report text follows the data: what every shipped forum's report says, in Dutch and in English.

The report's words come from the section notebooks' code (:func:`toolkit.report.exports.report_blocks`
runs it in this process, as the report does, without rendering figures). A Dutch report holds no
English sentence of the toolkit's own, no report names a repository path (``docs/...md``), and none
but the example's carries the example's size (175). What the forum's own files say (item labels,
notes in a benchmark, recommendation titles) is left out of the scan: it is quoted, not written by
the toolkit.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest

from toolkit import load_forum
from toolkit.forum.config import text
from toolkit.report.exports import report_blocks

REPO = Path(__file__).resolve().parents[2]
FORUMS = sorted(p.name for p in (REPO / "surveys").iterdir() if (p / "forum.yml").is_file())

#: Words of the toolkit's English sentences that no Dutch sentence has (not "of", "is", "in": Dutch too).
ENGLISH = ("the", "and", "with", "which", "without", "members", "member", "survey", "population", "respondents",
           "categories", "should", "checked", "against", "see", "share", "shares", "effective", "sample", "only",
           "not", "from", "have", "has", "were", "national")
_ENGLISH = re.compile(r"\b(" + "|".join(ENGLISH) + r")\b")
#: repository paths, and the evaluator's settings files named in a sentence (the provenance table lists them as files)
_DOCS = re.compile(r"\bdocs/|\b[\w-]+\.md\b|^(?=.*\s).*\b(?:forum|codebook)\.yml\b")
#: the example's size written as the toolkit's own (a data figure of 175, a week's submissions, is not it)
_EXAMPLE_SIZE = re.compile(r"\bn\s*[≈~=]\s*175(?![\d.,])|(?<![\d.,])175 (?:forumleden|leden|forum members|members)\b")
_QUOTED = re.compile(r"'[^']*'|‘[^’]*’|\"[^\"]*\"|“[^”]*”")


def _cells(path: Path) -> set[str]:
    """Every text in one of the forum's own files: cells of its tables, lines of its yml files."""
    if path.suffix in (".yml", ".yaml", ".md"):
        return {line.split(":", 1)[-1].strip().strip("'\"") for line in path.read_text(encoding="utf-8").splitlines()}
    if path.suffix == ".csv":
        raw = path.read_bytes()
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            content = raw.decode("cp1252")
        sep = ";" if content.split("\n", 1)[0].count(";") > content.split("\n", 1)[0].count(",") else ","
        frame = pd.read_csv(pd.io.common.StringIO(content), sep=sep, dtype=str, keep_default_na=False)
        return {str(v) for col in frame.columns for v in frame[col].unique()} | set(frame.columns)
    return set()


@lru_cache(maxsize=None)
def _own_texts(name: str) -> tuple[str, ...]:
    """The forum's own texts with a letter in them, longest first (so that a long one is removed whole)."""
    texts = set()
    for path in (REPO / "surveys" / name).iterdir():
        texts |= _cells(path)
    codebook = load_forum(REPO / "surveys" / name).codebook
    for part in ("items", "scales", "demographics"):
        for spec in (codebook.get(part) or {}).values():
            for lang in ("nl", "en"):
                label = text(spec.get("label", ""), lang)
                for shown in [label, *re.findall(r"\[([^\]]+)\]", label)]:  # "[statement] question": the statement
                    words = shown.split()  # and shortened at a word, as a sentence or a caption shows it
                    texts |= {shown} | {" ".join(words[:k]).rstrip(cut) + "…" for k in range(2, len(words))
                                         for cut in ("", ",;:.")}
    return tuple(sorted((t for t in texts if len(t) >= 4 and re.search(r"[A-Za-z]{3}", t)), key=len, reverse=True))


def _toolkit_words(fragment: str, own: tuple[str, ...]) -> str:
    """A fragment of the report without what the forum's own files say (quoted labels, cells, notes)."""
    stem = fragment.rstrip("…").strip()
    if any(stem and stem in t for t in own):  # a cell that is (the start of) one of the forum's texts
        return ""
    for t in own:
        if t in fragment:
            fragment = fragment.replace(t, " ")
    return _QUOTED.sub(" ", fragment)  # a label quoted in a sentence, perhaps shortened ('How poorly or…')


@lru_cache(maxsize=None)
def report_text(name: str, lang: str) -> tuple[str, ...]:
    """Every fragment the report of `name` shows in `lang`: headings, paragraphs, captions, table headers and
    cells, alt texts; with the forum's own texts taken out."""
    own = _own_texts(name)
    out = []
    for block in report_blocks(REPO / "surveys" / name, lang):
        fragments = [block.text or "", block.alt or ""]
        if block.frame is not None:
            fragments += [str(c) for c in block.frame.columns]
            fragments += [str(v) for v in block.frame.astype(str).to_numpy().ravel()]
        out += [f for f in (_toolkit_words(x, own) for x in fragments) if f.strip()]
    return tuple(out)


def _hits(pattern: re.Pattern, fragments: tuple[str, ...]) -> list[str]:
    return sorted({f for f in fragments if pattern.search(f)})


@pytest.mark.parametrize("name", FORUMS)
def test_a_dutch_report_has_no_english_sentences_of_the_toolkit(name):
    assert _hits(_ENGLISH, report_text(name, "nl")) == []


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", FORUMS)
def test_no_report_names_a_repository_path_or_the_example_size(name, lang):
    fragments = report_text(name, lang)
    assert _hits(_DOCS, fragments) == []
    if name != "example":
        assert _hits(_EXAMPLE_SIZE, fragments) == []


def test_the_scan_finds_what_it_looks_for():
    own = ("How poorly or well would you say the system of democracy in the US works these days?",)
    assert _ENGLISH.search("Weging was niet mogelijk: respondents have categories without a target share")
    assert not _ENGLISH.search("Van de 48 leden die begonnen, rondden 5 het forum niet af (10%).")
    assert _toolkit_words("'How poorly or well would you say the system of…': het gemiddelde steeg", own).strip() \
        == ": het gemiddelde steeg"
    assert _toolkit_words("How poorly or well would you say the system of…", own) == ""
    assert _DOCS.search("Zie docs/follow_up.md om het register toe te voegen.")
    assert _DOCS.search("The follow-up is assessed as of 1 May 2024 (follow_up.as_of in forum.yml).")
    assert not _DOCS.search("forum.yml")  # a provenance row
    assert _EXAMPLE_SIZE.search("blijft betrouwbaar bij kleine aantallen (n ≈ 175).")
    assert not _EXAMPLE_SIZE.search("1.175 inzendingen; 17,5%")
    assert _EXAMPLE_SIZE.search("Van de 175 leden die begonnen")
    assert not _EXAMPLE_SIZE.search("the most in the week of 20 January 2025 (175), the fewest 8.")
