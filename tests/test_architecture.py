"""The house rules: one direction of flow between stages, no import cycles, small rule functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dyadscope"

# Rank of each top-level module or package in the flow ingest -> nlp -> actors -> quotes ->
# events/assessments -> store -> analysis -> report/web -> cli (docs/architecture.md). A module may
# import only modules of its own package or of a lower rank.
RANKS = {
    "records": 0, "errors": 0, "settings": 0, "rules": 0, "dates": 0,
    "knowledge": 1,
    "ingest": 2, "nlp": 2,
    "actors": 3,
    "quotes": 4,
    "events": 5, "assessments": 5,
    "pipeline": 6,
    "export": 7, "store": 7,
    "batch": 8,
    "analysis": 9,
    "report": 10, "web": 10, "spark": 10,
    "cli": 11, "__main__": 11, "": 12,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every dyadscope module this file imports, at any depth (function-level imports too)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "dyadscope":
                continue
            found.add(target)
            # "from . import x" / "from .pkg import mod" import submodules too.
            for alias in node.names:
                if (PACKAGE.parent / Path(*target.split("."), alias.name)).with_suffix(".py").exists() or (
                    PACKAGE.parent / Path(*target.split("."), alias.name) / "__init__.py"
                ).exists():
                    found.add(f"{target}.{alias.name}")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "dyadscope")
    found.discard(name)
    return found


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in PACKAGE.rglob("*.py")}


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_architecture_modules_have_a_rank():
    unranked = sorted({_top(m) for m in _graph()} - set(RANKS))
    assert not unranked, f"give these top-level modules a rank in RANKS: {unranked}"


def test_architecture_no_import_from_a_later_stage():
    wrong = [
        f"{module} imports {target}"
        for module, targets in _graph().items()
        for target in targets
        if _top(target) != _top(module) and RANKS.get(_top(target), 99) > RANKS.get(_top(module), 99)
    ]
    assert not wrong, "imports against the flow:\n" + "\n".join(sorted(wrong))


def test_architecture_no_import_cycles():
    graph = _graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


STAGES = ("actors", "events", "quotes", "assessments")
MAX_FUNCTION_LINES = 60
MAX_WORDS_IN_CODE = 5


def _stage_files():
    return [p for stage in STAGES for p in sorted((PACKAGE / stage).rglob("*.py"))]


@pytest.mark.parametrize("path", _stage_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_architecture_stage_functions_are_small(path):
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"split these into named rules: {long}"


@pytest.mark.parametrize("path", _stage_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_architecture_no_word_lists_in_stage_code(path):
    """Word lists live in knowledge/data/lexicon, not in Python."""
    lists = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            words = [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(words) > MAX_WORDS_IN_CODE:
                lists.append(f"line {node.lineno}: {[w.value for w in words][:6]}...")
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "split":
            target = node.func.value
            if isinstance(target, ast.Constant) and isinstance(target.value, str) and len(target.value.split()) > MAX_WORDS_IN_CODE:
                lists.append(f"line {node.lineno}: {target.value[:40]!r}.split()")
    assert not lists, "move these word lists to knowledge/data/lexicon:\n" + "\n".join(lists)


def test_architecture_stage_package_faces_only_hand_names_on():
    """Stage logic lives in modules; a stage's __init__.py only imports and re-exports."""
    heavy = []
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        if not init.exists():
            continue
        for node in ast.parse(init.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef):
                heavy.append(f"{stage}/__init__.py: {node.name}")
    assert not heavy, "move these out of the package faces:\n" + "\n".join(heavy)
