"""The package's layers (docs/architecture.md): no import cycle, imports only go down.

The imports are read from the source (``ast``), function-local ones included, so a cycle
cannot hide inside a function body.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from analysis import config

PACKAGE = config.PROJECT_ROOT / "analysis"
ARCHITECTURE = config.PROJECT_ROOT / "docs" / "architecture.md"


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def own_imports(path: Path, known: set[str], root: Path = PACKAGE) -> list[tuple[str, bool]]:
    """``(module, local)`` for every import of a module of the package in ``path``;
    ``local``: inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path, root)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found = []

    def visit(node, local: bool):
        for child in ast.iter_child_nodes(node):
            inner = local or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")
                    anchor = anchor[:len(anchor) - child.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                for alias in child.names:
                    target = f"{base}.{alias.name}"
                    found.append((target if target in known else base, inner))
            elif isinstance(child, ast.Import):
                found.extend((alias.name, inner) for alias in child.names)
            visit(child, inner)

    visit(tree, False)
    return [(m, local) for m, local in found if m in known and m != here]


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: {m for m, _ in own_imports(path, set(mods))} for name, path in mods.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def strong(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return out


def test_cycle_finder_finds_a_planted_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]


def test_the_parser_sees_local_relative_and_absolute_imports(tmp_path):
    root = tmp_path / "analysis"
    (root / "entities").mkdir(parents=True)
    source = ("from . import config\nfrom .model import Annotations\nimport analysis.tokens\n\n"
              "def f():\n    from .entities import merges\n    from ..elsewhere import x\n")
    (root / "terms.py").write_text(source)
    (root / "entities" / "__init__.py").write_text("from .merges import merge_table\n")
    known = {"analysis.config", "analysis.model", "analysis.tokens", "analysis.entities",
             "analysis.entities.merges"}
    assert own_imports(root / "terms.py", known, root) == [
        ("analysis.config", False), ("analysis.model", False), ("analysis.tokens", False),
        ("analysis.entities.merges", True)]
    assert own_imports(root / "entities" / "__init__.py", known, root) == [
        ("analysis.entities.merges", False)]


def test_no_import_cycle():
    found = cycles(import_graph())
    assert not found, f"import cycles: {found}"


def test_no_function_local_import_of_the_package():
    mods = modules()
    local = sorted((name, m) for name, path in mods.items()
                   for m, inner in own_imports(path, set(mods)) if inner)
    assert not local, f"function-local imports of the package's own modules: {local}"


def layer_table() -> list[tuple[str, list[str]]]:
    """``(layer, modules)`` rows of the table in docs/architecture.md, bottom first."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    block = text.split("<!-- layers -->")[1]
    rows = []
    for line in block.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].isdigit():
            rows.append((cells[1], re.findall(r"`([\w.]+)`", cells[2])))
    return rows


def test_every_module_is_in_one_layer_and_imports_only_below_or_beside():
    rows = layer_table()
    level = {}
    for i, (_, mods) in enumerate(rows):
        for m in mods:
            assert m not in level, f"{m} is in two layers"
            level[m] = i
    graph = import_graph()
    names = {n.removeprefix("analysis.") for n in graph if n != "analysis"}
    # a package's submodules sit in the package's layer
    top = {n: n.split(".")[0] for n in names}
    missing = sorted({top[n] for n in names} - set(level))
    assert not missing, f"modules missing from docs/architecture.md: {missing}"
    upward = sorted((a, b) for a, targets in graph.items() if a != "analysis"
                    for b in targets if b != "analysis"
                    and level[top[b.removeprefix('analysis.')]]
                    > level[top[a.removeprefix('analysis.')]])
    assert not upward, f"imports that go up a layer: {upward}"


@pytest.mark.parametrize("name", sorted(n for n in modules() if n != "analysis"))
def test_no_module_is_huge(name):
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= 700, f"{name} has {lines} lines: split it by job"


def test_no_module_shares_a_name_with_what_the_package_exports():
    """``analysis.quotes`` must be the function everywhere: a module of that name would be
    shadowed by it (``import analysis.quotes`` would give the function)."""
    import types

    import analysis

    exported = {n for n in analysis.__all__
                if n != "plots" and not isinstance(getattr(analysis, n), types.ModuleType)}
    clash = sorted(n for n in (m.removeprefix("analysis.") for m in modules())
                   if "." not in n and n in exported)
    assert not clash, f"modules named like an exported function or object: {clash}"
