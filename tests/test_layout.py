"""The project's shape, checked from its source: imports run one way (ui -> assistant -> rerank,
ingest), evaluation, benchmarks and training are leaves the serving path never imports, no two
modules import each other through any chain, and no module grows past 500 lines.

Every import counts, also the lazy ones inside functions: a lazy import is still a dependency."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("assistant", "ingest", "rerank", "ui")
# Leaves: they may import the serving path, never the other way round.
LEAVES = ("assistant.evaluation", "assistant.bench", "assistant.training", "assistant.ranker_training")
# The serving path: what `MovieAssistant` and the UI run for a person.
SERVING = (
    "assistant.api",
    "assistant.chain",
    "assistant.engine",
    "assistant.catalogue",
    "assistant.retrieval",
    "assistant.conversation",
    "assistant.understand",
    "ui",
)
MAX_LINES = 500


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {module_name(p): p for pkg in PACKAGES for p in (REPO / pkg).rglob("*.py")}


def imports_of(path: Path, modules: dict[str, Path]) -> set[str]:
    """Project modules imported anywhere in the file (module level or inside functions)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = project_modules()
    # A package's __init__ is imported with any of its modules; it is not a dependency of its own.
    return {name: imports_of(path, modules) - {name} for name, path in modules.items()}


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_no_import_cycle(graph: dict[str, set[str]]) -> None:
    def parent_packages(name: str) -> set[str]:
        parts = name.split(".")
        return {".".join(parts[:i]) for i in range(1, len(parts))}

    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        stack.append(name)
        # Importing assistant.x runs assistant/__init__ first, which imports nothing of the project.
        for dep in sorted(graph[name] - parent_packages(name)):
            if state.get(dep) == 1:
                cycle = [*stack[stack.index(dep) :], dep]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if dep not in state:
                visit(dep)
        stack.pop()
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)


def test_imports_run_one_way(graph: dict[str, set[str]]) -> None:
    wrong = []
    for name, deps in graph.items():
        for dep in deps:
            if _under(name, ("ingest", "rerank")) and _under(dep, ("assistant", "ui")):
                wrong.append(f"{name} imports {dep}")
            if _under(name, ("assistant",)) and _under(dep, ("ui",)):
                wrong.append(f"{name} imports {dep} (the core must not import the presentation layer)")
            if _under(name, SERVING) and _under(dep, LEAVES):
                wrong.append(f"{name} imports {dep} (evaluation, benchmarks and training are leaves)")
    assert not wrong, "\n".join(sorted(wrong))


def test_the_core_never_imports_gradio() -> None:
    offenders = [
        name
        for name, path in project_modules().items()
        if not name.startswith("ui") and "gradio" in {a.split(".")[0] for a in _all_imports(path)}
    ]
    assert not offenders


def _all_imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def test_no_module_over_500_lines() -> None:
    long = {
        name: n
        for name, path in project_modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


def test_the_package_root_names_the_public_api() -> None:
    import assistant

    for name in ("MovieAssistant", "Recommendation", "Reply", "Event", "Settings", "ReelchatError"):
        assert name in assistant.__all__ and getattr(assistant, name).__name__ == name
