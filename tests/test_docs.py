"""The documentation agrees with the code: every key forum.yml and codebook.yml accept, every column and
code of the follow-up files, every relative link. Each list is read from the code's own constants, so a
key, column or code added to the code without a word in docs/ fails here."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit.forum import config
from toolkit.forum.load import FOLLOW_UP_INPUTS, INPUT_READERS
from toolkit.forum.settings import AREA_LEVELS, PRECONDITION_FRAMEWORKS
from toolkit.intake.register import load_preconditions
from toolkit.intake.register_columns import ALIASES, SPECS, TALLY_COUNTS, VOCABULARY

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
FORUM_FOLDER = DOCS / "forum-folder.md"
FOLLOW_UP = DOCS / "follow_up.md"


def _code_words(path: Path) -> set[str]:
    """Every word written as code in a Markdown file: in `backticks` or in a fenced block."""
    text = path.read_text(encoding="utf-8")
    spans = re.findall(r"```.*?```", text, flags=re.S)
    spans += re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S))
    return {w for span in spans for w in re.findall(r"[A-Za-z_][A-Za-z0-9_.+-]*", span)} | \
        {w.rstrip(".") for span in spans for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", span)}


def _key_tables() -> dict[str, dict]:
    """config.py's ``*_KEYS`` dicts of accepted keys (SECTION_KEYS holds one dict per analysis)."""
    tables = {name: value for name, value in vars(config).items() if name.endswith("_KEYS") and isinstance(value, dict)}
    assert {"FORUM_KEYS", "SURVEY_KEYS", "SECTION_KEYS", "CODEBOOK_KEYS", "ITEM_KEYS"} <= set(tables)
    return tables


def _keys() -> list[tuple[str, str]]:
    out = []
    for name, table in _key_tables().items():
        if name == "SECTION_KEYS":
            out += [(name, f"{section}.{key}") for section, keys in table.items() for key in keys]
        else:
            out += [(name, key) for key in table]
    return out


@pytest.mark.parametrize("table, key", _keys())
def test_every_key_config_accepts_is_in_forum_folder_md(table, key):
    assert key in _code_words(FORUM_FOLDER), f"{table}: '{key}' is accepted by toolkit/forum/config.py but " \
                                             "docs/forum-folder.md does not name it (in `backticks`)"


def test_every_input_kind_and_fixed_value_is_in_forum_folder_md():
    words = _code_words(FORUM_FOLDER)
    named = set(INPUT_READERS) | set(FOLLOW_UP_INPUTS)
    values = set(config.LAYOUTS) | set(config.ITEM_TYPES) | set(config.DRI_ROLES) | set(config.COUNT_STAGES) \
        | set(AREA_LEVELS)
    assert not (named | values) - words, sorted((named | values) - words)
    assert all(f in _code_words(FOLLOW_UP) for f in PRECONDITION_FRAMEWORKS)


@pytest.mark.parametrize("kind", sorted(SPECS))
def test_every_column_of_the_follow_up_files_is_in_follow_up_md(kind):
    words = _code_words(FOLLOW_UP)
    assert kind in words
    missing = [c for c in SPECS[kind].schema.columns if c not in words]
    assert not missing, f"columns of {kind} not documented in docs/follow_up.md: {missing}"


def test_every_code_and_count_of_the_follow_up_files_is_in_follow_up_md():
    words = _code_words(FOLLOW_UP)
    codes = {c for allowed in VOCABULARY.values() for c in allowed} | set(TALLY_COUNTS)
    assert not codes - words, sorted(codes - words)


def test_every_dutch_word_the_readers_accept_is_in_follow_up_md():
    text = FOLLOW_UP.read_text(encoding="utf-8").lower()
    missing = sorted({w for words in ALIASES.values() for w in words if w not in text})
    assert not missing, f"accepted but not documented in docs/follow_up.md: {missing}"


def test_every_precondition_id_is_in_follow_up_md():
    words = _code_words(FOLLOW_UP)
    ids = [p["id"] for p in load_preconditions()["preconditions"]]
    assert len(ids) == 11 and not [i for i in ids if i not in words]


# ------------------------------------------------------------------------------ links
def _slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, code marks and punctuation dropped, spaces as ``-``.

    >>> _slug("The benchmark's area"), _slug("`tally`: counts without a list")
    ('the-benchmarks-area', 'tally-counts-without-a-list')
    """
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {_slug(h) for h in re.findall(r"^#+\s+(.+?)\s*$", text, flags=re.M)}


def _links() -> list[tuple[str, str]]:
    out = []
    for md in [REPO / "README.md", *sorted(DOCS.glob("*.md"))]:
        text = re.sub(r"```.*?```", "", md.read_text(encoding="utf-8"), flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if not re.match(r"[a-z]+:", target):   # http:, https:, mailto: are not files
                out.append((str(md.relative_to(REPO)), target))
    return out


def test_the_docs_have_relative_links_to_check():
    assert len(_links()) >= 10 and any(t.startswith("docs/walkthrough.md") for _, t in _links())


@pytest.mark.parametrize("source, target", _links())
def test_every_relative_link_resolves(source, target):
    path, _, anchor = target.partition("#")
    file = (REPO / source).parent / path if path else REPO / source
    assert file.exists(), f"{source} links to {target}, which does not exist"
    if anchor and file.suffix == ".md":
        assert anchor in _anchors(file), f"{source} links to {target}: {file.name} has no heading with that anchor"
