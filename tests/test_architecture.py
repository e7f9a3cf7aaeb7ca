"""The package keeps its shape: short functions, no import cycles, unique class names, one
package per stage with a short `__init__`, and no table that fights the formatter."""

from __future__ import annotations

import ast
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
STAGES = ("blocks", "entities", "times", "places", "quotes", "events")
MAX_FUNCTION_LINES = 80


@cache
def modules() -> dict[str, tuple[Path, ast.Module]]:
    """Every module of the package by dotted name, parsed once."""
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")
        found[name] = (path, ast.parse(path.read_text(encoding="utf-8")))
    return found


def packages() -> set[str]:
    """Dotted names of the packages (their `__init__` modules)."""
    return {name for name, (path, _) in modules().items() if path.name == "__init__.py"}


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports, at the top or inside a function; a name a
    package re-exports counts as an import of the module that defines it."""
    mods, pkgs = modules(), packages()
    reexported = {
        (pkg, alias.asname or alias.name): node.module
        for pkg in pkgs
        for node in mods[pkg][1].body
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }
    graph: dict[str, set[str]] = defaultdict(set)
    for name, (_, tree) in mods.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dateline"):
                for alias in node.names:
                    target = f"{node.module}.{alias.name}"
                    if target not in mods:
                        target = reexported.get((node.module, alias.name), node.module)
                    if target in mods and target not in pkgs and target != name:
                        graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}}, []),
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ],
)
def test_cycles_are_found(graph: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert cycles(graph) == expected


def test_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_no_long_function() -> None:
    long = [
        f"{name}.{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for name, (_, tree) in modules().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_class_names_are_unique() -> None:
    where: dict[str, list[str]] = defaultdict(list)
    for name, (_, tree) in modules().items():
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                where[node.name].append(name)
    assert {cls: mods for cls, mods in where.items() if len(mods) > 1} == {}


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_is_a_package_naming_its_component(stage: str) -> None:
    path, tree = modules()[f"dateline.stages.{stage}"]
    exported = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__"
    )
    names = [element.value for element in exported.elts]
    assert f"{stage}_component" in names or any(n.startswith("find_") for n in names)
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 20


def test_no_table_fights_the_formatter() -> None:
    marked = [
        str(path.relative_to(SRC))
        for path, _ in modules().values()
        if "fmt: skip" in path.read_text(encoding="utf-8")
    ]
    assert marked == []
