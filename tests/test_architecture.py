"""The layering, read from the source: services import each other only at the top of a module and without cycles,
and nothing below the entry points commits (db/transaction.py's unit of work does)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVICES = "mentorship.services"


def _modules(package: str) -> dict[str, Path]:
    """Dotted module name → file, for every module of a package (sub-packages included)."""
    base = ROOT / package.replace(".", "/")
    found = {}
    for path in sorted(base.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported(node: ast.Import | ast.ImportFrom, known: set[str]) -> set[str]:
    """The modules an import statement brings in; `from pkg import name` counts `pkg.name` when that is a module."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names}
    assert node.level == 0, "the project uses absolute imports only"
    base = node.module or ""
    return {f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names}


def _nested_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports inside a function or class body (anything but module level, `if TYPE_CHECKING:` included there)."""
    nested = []
    for scope in ast.walk(tree):
        if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            nested.extend(n for n in ast.walk(scope) if isinstance(n, ast.Import | ast.ImportFrom))
    return nested


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in the graph, as the path that closes it, or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = "done"
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_mentorship_module_imports_another_inside_a_function():
    modules = _modules("mentorship")
    found = []
    for name, path in modules.items():
        for node in _nested_imports(ast.parse(path.read_text(), str(path))):
            targets = {t for t in _imported(node, set(modules)) if t == "mentorship" or t.startswith("mentorship.")}
            if targets:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {', '.join(sorted(targets))}")
    assert found == []


def test_services_import_each_other_without_a_cycle():
    # Every import counts, at the top or not: an import moved into a function hides a cycle, it does not remove it.
    modules = _modules("mentorship")
    services = {n for n in modules if n.startswith(SERVICES + ".")}
    graph = {
        name: {t for node in ast.walk(ast.parse(modules[name].read_text())) if isinstance(node, ast.Import | ast.ImportFrom)
               for t in _imported(node, set(modules)) if t in services and t != name}
        for name in services
    }
    assert sum(len(v) for v in graph.values()) > 5, "the graph was not read (no imports between services found)"
    assert _cycle(graph) is None


@pytest.mark.parametrize("package", ["mentorship", "db.repositories"])
def test_services_and_repositories_never_commit(package):
    found = []
    for path in _modules(package).values():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "commit":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "d": {"a", "c"}}) is None


def test_a_nested_import_is_seen():
    tree = ast.parse("import os\n\ndef f():\n    from mentorship.services import pairs\n\nclass C:\n    import json\n")
    assert [n.lineno for n in _nested_imports(tree)] == [4, 7]


def _imports_of(package: str) -> dict[str, set[str]]:
    """Module file (relative) → every module it imports, at any depth of the file."""
    found = {}
    for path in _modules(package).values():
        tree = ast.parse(path.read_text())
        found[str(path.relative_to(ROOT))] = {
            alias.name if isinstance(node, ast.Import) else (node.module or "")
            for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
    return found


def _under(module: str, *roots: str) -> bool:
    return any(module == root or module.startswith(root + ".") for root in roots)


def test_the_domain_knows_no_database_and_no_telegram():
    found = {
        path: sorted(m for m in imported if _under(m, "sqlalchemy", "aiogram", "aiogram_dialog", "db", "bot"))
        for path, imported in _imports_of("mentorship").items() if not path.startswith("mentorship/services/")
    }
    assert {path: found for path, found in found.items() if found} == {}


#: The SQL dialog storage is the one piece of the Telegram side that is itself data access (aiogram's storage API
#: over the fsm_records table).
DATA_ACCESS_IN_BOT = {"bot/storage.py"}


@pytest.mark.parametrize("package", ["bot", "scheduler"])
def test_entry_points_reach_the_database_only_through_services(package):
    """bot → services → repositories: the Telegram side and the scheduler open transactions (db.transaction, the
    engine) but read and write through mentorship.services, never a repository or a model."""
    found = {
        path: sorted(m for m in imported if _under(m, "db.repositories", "db.models"))
        for path, imported in _imports_of(package).items() if path not in DATA_ACCESS_IN_BOT
    }
    assert {path: found for path, found in found.items() if found} == {}
