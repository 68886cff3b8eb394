"""The layout the architecture promises, read from the source: imports point down, no circles,
small modules, and a top level of packages.

Every import counts: module level, inside functions, under ``TYPE_CHECKING`` and
``importlib.import_module("...")`` with a literal name.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import REPO

SRC = REPO / "src"
PACKAGE = SRC / "glocal"

# Lower number = lower layer. A module may import its own package freely (but not in a
# circle), and any package of a strictly lower layer. Packages of one layer never import
# each other: calendars and the report never call the solver, the solver never formats text;
# the report may read what the calendars would send.
LAYERS: dict[str, int] = {
    "glocal.errors": 0,
    "glocal.values": 0,
    "glocal.model": 1,
    "glocal.workspace": 2,
    "glocal.localization": 3,
    "glocal.scheduling": 4,
    "glocal.calendars": 4,
    "glocal.report": 5,  # shows what the outputs hold (which invites to send), never solves
    "glocal.output": 4,
    "glocal.evaluation": 4,
    "glocal.cli": 9,
    "glocal.__main__": 10,
}
# Inside scheduling: problem and the independent validator at the bottom, then the CP-SAT
# model, then diagnosis, then search (which may ask diagnosis why).
SCHEDULING: dict[str, int] = {
    "glocal.scheduling.problem": 0,
    "glocal.scheduling.validate": 0,
    "glocal.scheduling.model": 1,
    "glocal.scheduling.diagnose": 2,
    "glocal.scheduling.search": 3,
}
LINE_LIMIT = 400


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """Every glocal module ``name`` imports, resolved to a module of the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from a import b`` imports the module a.b when b is one, else module a
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", ""))
              == "import_module" and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)):
            targets = [node.args[0].value]
        for target in targets:
            if target == "glocal" or target.startswith("glocal."):
                while target not in known and "." in target:
                    target = target.rpartition(".")[0]
                if target in known and target != name:
                    found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(path, name, known) for name, path in modules.items()}


def _rank(name: str, table: dict[str, int]) -> tuple[str, int] | None:
    for prefix in sorted(table, key=len, reverse=True):
        if name == prefix or name.startswith(prefix + "."):
            return prefix, table[prefix]
    return None


NEVER = [("glocal.report", "glocal.scheduling"), ("glocal.calendars", "glocal.scheduling"),
         ("glocal.evaluation", "glocal.scheduling")]  # outputs never call the solver


def _upward(source: str, target: str) -> str | None:
    """Why ``source`` may not import ``target``, or None when it may."""
    for low, high in NEVER:
        if (source == low or source.startswith(low + ".")) and (target == high or target.startswith(high + ".")):
            return f"{low} never calls {high}"
    if target == "glocal":
        return None  # the top package holds only ``__version__``
    src, dst = _rank(source, LAYERS), _rank(target, LAYERS)
    if src is None or dst is None:
        return f"{source if src is None else target} has no layer in LAYERS"
    if src[0] == dst[0]:
        inner_src, inner_dst = _rank(source, SCHEDULING), _rank(target, SCHEDULING)
        if inner_src and inner_dst and inner_src[0] != inner_dst[0] and inner_src[1] <= inner_dst[1]:
            return f"{inner_src[0]} (layer {inner_src[1]}) reaches {inner_dst[0]} (layer {inner_dst[1]})"
        return None
    if dst[1] >= src[1]:
        return f"{src[0]} (layer {src[1]}) reaches {dst[0]} (layer {dst[1]})"
    return None


def test_imports_point_down() -> None:
    wrong = [
        f"{source} -> {target}: {why}"
        for source, targets in sorted(_graph().items())
        for target in sorted(targets)
        if (why := _upward(source, target))
        # a package's face re-exports its own parts
        and not (target.startswith(source + "."))
    ]
    assert not wrong, "\n".join(wrong)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circles() -> None:
    assert _cycles(_graph()) == []


def test_the_circle_finder_finds_circles() -> None:
    # the check above can fail: a made-up graph with a circle is caught
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _upward("glocal.model", "glocal.workspace")
    assert _upward("glocal.calendars", "glocal.scheduling")
    assert _upward("glocal.report", "glocal.scheduling.validate")
    assert _upward("glocal.calendars", "glocal.report")
    assert _upward("glocal.scheduling.model.assemble", "glocal.scheduling.search.lns")
    assert _upward("glocal.scheduling.search.lns", "glocal.scheduling.model.assemble") is None


def test_modules_stay_small() -> None:
    big = {name: n for name, path in _modules().items()
           if (n := len(path.read_text(encoding="utf-8").splitlines())) > LINE_LIMIT}
    assert not big, f"modules over {LINE_LIMIT} lines: {big}"


def test_top_level_holds_packages_and_three_modules() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert set(loose) <= {"__init__.py", "__main__.py", "errors.py", "values.py"}, loose
    top = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    assert not [n for n in ast.walk(top) if isinstance(n, ast.Import | ast.ImportFrom)]
