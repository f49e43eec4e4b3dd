"""The package's layout: imports point down the layers only, and every module reads in one sitting.

The layers, lowest first (backprop_lib/__init__.py and each subpackage's docstring say the same):
  core         backprop_lib's top-level modules: NumPy only
  derivations  SymPy derivations          } each imports the core and itself,
  studies      measurements               } never one another
  figures      static matplotlib figures  }
  playground   the live playground: the core and the layer above it
  exercises    the exercise checkers: anything below them
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "backprop_lib"
# room -> the rooms it may import (its own included)
MAY_IMPORT = {
    "core": {"core"},
    "derivations": {"core", "derivations"},
    "studies": {"core", "studies"},
    "figures": {"core", "figures"},
    "playground": {"core", "derivations", "studies", "figures", "playground"},
    "exercises": {"core", "derivations", "studies", "figures", "playground", "exercises"},
}
MAX_LINES = 300
# Modules still over MAX_LINES, each with the change that splits it; the list only shrinks.
BEING_SPLIT = {}


def modules():
    """{dotted name: path} of every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def room(dotted):
    """The layer a dotted module name of the package lies in."""
    parts = dotted.split(".")
    if len(parts) > 1 and parts[1] in MAY_IMPORT:
        return parts[1]
    return "core"


def imported(dotted, path):
    """The package modules that one module imports (absolute names), with their line numbers."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = dotted if path.name == "__init__.py" else dotted.rpartition(".")[0]
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            names.append((base, node.lineno))
            # `from . import graphs` names a module too
            names += [(f"{base}.{alias.name}", node.lineno) for alias in node.names]
    known = modules()
    return [(n, line) for n, line in names if n in known]


def test_the_walk_finds_every_layer():
    rooms = {room(name) for name in modules()}
    assert rooms == set(MAY_IMPORT)


def test_a_wrong_import_is_caught(tmp_path):
    """The check itself can fail: a figure importing the playground is found."""
    fake = tmp_path / "plot.py"
    fake.write_text("from ..playground.boundary import BoundaryView\nfrom ..data import xor\n")
    found = imported("backprop_lib.figures.plot", fake)
    assert ("backprop_lib.playground.boundary", 1) in found
    assert room("backprop_lib.playground.boundary") not in MAY_IMPORT["figures"]


@pytest.mark.parametrize("name", sorted(modules()))
def test_imports_point_down(name):
    path = modules()[name]
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}"
        for target, line in imported(name, path)
        if room(target) not in MAY_IMPORT[room(name)]
    ]
    assert wrong == [], f"{room(name)} may import only {sorted(MAY_IMPORT[room(name)])}"


def test_the_core_needs_no_sympy_or_matplotlib():
    for name, path in modules().items():
        if room(name) != "core":
            continue
        tops = {target.split(".")[0] for target, _ in _all_imports(path)}
        assert not tops & {"sympy", "matplotlib", "ipywidgets", "PIL"}, name


def _all_imports(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level:
            yield node.module, node.lineno


def test_no_module_is_longer_than_one_sitting():
    lines = {
        str(path.relative_to(PACKAGE.parent)): len(path.read_text().splitlines())
        for path in modules().values()
    }
    too_long = {p: n for p, n in lines.items() if n > MAX_LINES}
    assert set(too_long) <= set(BEING_SPLIT), too_long
    # an entry of BEING_SPLIT that has been split goes from the list
    assert set(BEING_SPLIT) <= set(too_long), set(BEING_SPLIT) - set(too_long)
