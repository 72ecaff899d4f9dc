"""How the `eva` package is layered: an import graph with no cycles, layers that point one way,
and one owner for the state that decides which tier runs a function.

The graph has an edge A -> B for every `import` of B written anywhere in A: at module level,
and also inside functions. A function-level import is there to delay loading (llvmlite, the
translator, the benchmark harness), not to hide a dependency: A still needs B, and a cycle
through one (cli -> jit.dump -> cli was one) is a layering cycle all the same. What is not an
edge is Python's implicit import of a package's `__init__` when one of its modules is
imported: `eva/__init__.py` imports the VM for the public API, so counting it would put every
module on a cycle with the VM.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "eva"

FRONT_END = ("eva.reader", "eva.parser", "eva.ast", "eva.scope", "eva.compiler", "eva.bytecode",
             "eva.peephole", "eva.opcodes", "eva.flow", "eva.disassembler", "eva.objects",
             "eva.errors")
"""The modules that make code objects and describe them: they sit below every tier."""
TIERS = ("eva.interp", "eva.jit")


def module_names(package: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module of `package` (a package is its
    `__init__`)."""
    names = {}
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def imports(name: str, path: Path, modules: dict) -> set[str]:
    """The modules of `modules` that module `name` imports, anywhere in its source."""
    found = set()
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package the module is in
                package = name.split(".") if is_package else name.split(".")[:-1]
                package = package[:len(package) - (node.level - 1)]
                base = ".".join(package + ([base] if base else []))
            for alias in node.names:  # `from eva.jit import interrupts` imports a module
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in modules else base)
    return {target for target in found if target in modules and target != name}


def import_graph(package: Path) -> dict[str, set[str]]:
    modules = module_names(package)
    return {name: imports(name, path, modules) for name, path in modules.items()}


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """The modules `start` imports, directly or through others."""
    seen: set[str] = set()
    work = [start]
    while work:
        for target in graph[work.pop()]:
            if target not in seen:
                seen.add(target)
                work.append(target)
    return seen


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle, as a path A -> ... -> A, for each set of modules that import each other."""
    reach = {name: reachable(graph, name) for name in graph}
    found, placed = [], set()
    for name in sorted(graph):
        if name in reach[name] and name not in placed:
            component = {other for other in reach[name] if name in reach[other]}
            placed |= component
            found.append(path_through(graph, component, name))
    return found


def path_through(graph: dict[str, set[str]], component: set[str], start: str) -> list[str]:
    """The shortest cycle from `start` back to itself inside `component`."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for name in frontier:
            for target in sorted(graph[name] & component):
                if target == start:
                    path = [name]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if target not in previous:
                    previous[target] = name
                    following.append(target)
        frontier = following
    raise AssertionError(f"{start} is on no cycle in {sorted(component)}")


def test_the_package_has_no_import_cycles():
    found = cycles(import_graph(PACKAGE))
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in found)


def test_the_front_end_imports_no_tier():
    """Code objects are made before any tier runs them: bytecode.py used to import the
    interpreter's quickening to fuse superinstructions while building a code object."""
    graph = import_graph(PACKAGE)
    upward = {name: sorted(target for target in graph[name]
                           if any(target == tier or target.startswith(tier + ".") for tier in TIERS))
              for name in FRONT_END}
    assert {name: targets for name, targets in upward.items() if targets} == {}


@pytest.mark.parametrize("lazy", [False, True])
def test_the_checker_finds_a_cycle_through_lazy_imports(tmp_path, lazy):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("from pkg import a\n")  # not an edge of a.py's
    (package / "a.py").write_text("import os\nfrom pkg.sub import b\n")
    (package / "sub" / "__init__.py").write_text("")
    back = "def f():\n    from pkg import a\n" if lazy else "from .. import a\n"
    (package / "sub" / "b.py").write_text(back)
    assert cycles(import_graph(package)) == [["pkg.a", "pkg.sub.b", "pkg.a"]]
    (package / "sub" / "b.py").write_text("import pkg\n")  # only the package's __init__
    assert cycles(import_graph(package)) == [["pkg", "pkg.a", "pkg.sub.b", "pkg"]]


ENTRY_POINTS = {"native", "translated", "direct", "counters"}
"""A code object's attributes that say how calls enter it (interp/tiers.py)."""


def attribute_writes(path: Path) -> set[tuple[str, str]]:
    """(object, attribute) of every attribute a module assigns: `code.native = ...` gives
    ("code", "native"), `code.counters.calls += 1` ("counters", "calls")."""
    writes = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            owner = node.value
            name = owner.id if isinstance(owner, ast.Name) else \
                owner.attr if isinstance(owner, ast.Attribute) else ""
            writes.add((name, node.attr))
    return writes


def test_only_the_tiers_owner_sets_how_calls_enter_a_function():
    """The JIT used to set `code.native` and the translator `code.translated`; both now ask
    `Tiers` (the code object's constructor sets them to None)."""
    writers = {name for name, path in module_names(PACKAGE).items()
               if any(attribute in ENTRY_POINTS for _, attribute in attribute_writes(path))}
    assert writers == {"eva.bytecode", "eva.interp.tiers"}


def test_only_the_interpreter_writes_its_counts():
    """Calls and back-edges are counted by the interpreter (inline in its dispatch loop and in
    translated code, else through `Tiers.count_call`) and re-armed by `Tiers`; the JIT says
    what it wants of a loop's count and never writes one."""
    writers = {name for name, path in module_names(PACKAGE).items()
               if any(owner == "counters" for owner, _ in attribute_writes(path))}
    assert writers == {"eva.interp.interpreter", "eva.interp.tiers"}
