"""What import-linter (the contracts in pyproject.toml, run by ``make test``) cannot see.

- no private name imported from another module (``from toolkit.x import _private``);
- no module found through a string (``"toolkit.x:func"``, ``import_module("toolkit...")``);
- nl/en phrases only in toolkit/i18n.py and the sections' text modules;
- ``min_cell_size`` read from a forum's configuration in one place (toolkit/forum/settings.py);
- tests import no other test module (shared helpers live in conftest.py);
- no import cycle between the modules.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TOOLKIT = REPO / "toolkit"
MODULES = sorted(p for p in TOOLKIT.rglob("*.py") if "__pycache__" not in p.parts)
#: Where nl/en phrases may be written: the shared phrases, each section's text module, the registry's
#: section titles, and the three single-module sections (summary, methods, data) whose phrases are what
#: they are made of.
PHRASE_MODULES = {"toolkit/i18n.py", "toolkit/sections/__init__.py", "toolkit/sections/summary.py",
                  "toolkit/sections/methods.py", "toolkit/sections/data.py"}


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_the_modules_are_found():
    assert len(MODULES) > 60 and TOOLKIT / "sections" / "__init__.py" in MODULES


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_no_private_name_is_imported_from_another_module(path):
    private = [f"{node.module}.{alias.name} (line {node.lineno})"
               for node in ast.walk(_tree(path)) if isinstance(node, ast.ImportFrom) and node.module
               and node.module.startswith("toolkit") for alias in node.names
               if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert not private, f"{_rel(path)} imports private names: {private}; make them public or move them"


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_no_module_is_found_through_a_string(path):
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and re.fullmatch(r"toolkit(\.\w+)+:\w+", node.value):
            found.append(f"{node.value!r} (line {node.lineno})")
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module":
            found.append(f"import_module(...) (line {node.lineno})")
    assert not found, f"{_rel(path)}: {found}; import the module (a tool can follow an import, not a string)"


def _phrases(path: Path) -> list[str]:
    """Dicts of nl and en text, and branches on the language, outside the phrase modules."""
    out = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Dict):
            values = dict(zip([k.value for k in node.keys if isinstance(k, ast.Constant)], node.values))
            if {"nl", "en"} <= set(values) and all(isinstance(values[k], ast.Constant) and isinstance(values[k].value, str)
                                                   for k in ("nl", "en")):
                out.append(f"{{'nl': {values['nl'].value!r}, ...}} (line {node.lineno})")
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Name) and node.left.id == "lang" \
                and any(isinstance(c, ast.Constant) and c.value in ("nl", "en") for c in node.comparators):
            out.append(f"a branch on lang (line {node.lineno})")
    return out


@pytest.mark.parametrize("path", [p for p in MODULES if _rel(p) not in PHRASE_MODULES
                                  and not (p.name == "text.py" and "sections" in p.parts)
                                  and "synthetic" not in p.parts], ids=_rel)
def test_nl_en_phrases_live_in_the_text_modules(path):
    assert not _phrases(path), (f"{_rel(path)} writes phrases inline: {_phrases(path)}; put them in the "
                                "section's text.py (or toolkit/i18n.py) and look them up with tr()")


def test_min_cell_size_is_read_from_the_configuration_in_one_place():
    readers = []
    for path in MODULES:
        for node in ast.walk(_tree(path)):
            key = None
            if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
                key, target = node.slice.value, node.value
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("get", "setdefault") and node.args \
                    and isinstance(node.args[0], ast.Constant):
                key, target = node.args[0].value, node.func.value
            if key == "min_cell_size" and re.search(r"config|cfg", ast.unparse(target)):
                readers.append(f"{_rel(path)}:{node.lineno}")
    allowed = {"toolkit/forum/settings.py", "toolkit/forum/config.py"}  # the reader; the validator of forum.yml
    assert readers and all(r.split(":")[0] in allowed for r in readers), readers


def test_tests_import_no_other_test_module():
    offenders = []
    for path in sorted((REPO / "tests").rglob("test_*.py")):
        for node in ast.walk(_tree(path)):
            names = [node.module] if isinstance(node, ast.ImportFrom) and node.module else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            offenders += [f"{_rel(path)}: {n}" for n in names if n.split(".")[-1].startswith("test_")]
    assert not offenders, offenders


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, known: set[str]) -> set[str]:
    """The toolkit modules `path` imports (``from pkg import module`` counts as importing the module)."""
    out = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("toolkit"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                out.add(sub if sub in known else node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in known}
    return out & known


def test_no_import_cycle_between_modules():
    known = {_module_name(p) for p in MODULES}
    graph = {_module_name(p): _imports(p, known) - {_module_name(p)} for p in MODULES}
    # a package's __init__ is imported with each of its modules: an edge to a package is not a cycle
    # through its modules, so only module -> module edges count
    graph = {m: {d for d in deps if not any(k.startswith(d + ".") for k in known)} for m, deps in graph.items()}
    cycles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == "open":
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep not in state:
                visit(dep, stack + [dep])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, f"import cycles: {cycles}"
