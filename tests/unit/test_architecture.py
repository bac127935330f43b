"""The pipeline flows one way, and the layout shows it.

Layers, lowest first (a module may import its own layer and those below, never above):

    frontline (settings, errors)  <  geodata  <  timeline  <  viewmodel  <  exports  <  dashboard
        <  frontline.main (the ``frontline`` console script, over every package's CLI)

Inside ``timeline`` the stages keep the same rule: records, ids, decisions and curation,
then ``extract``, then ``control``, then ``store``, then the pipeline and the command
lines. Only ``dashboard`` imports Dash or Flask; nothing below ``viewmodel`` imports
Plotly or kaleido; only ``timeline.store`` imports the database stack (SQLAlchemy,
Alembic, argon2), so every other stage sees decisions as plain records.
Imports inside functions count: a cycle hidden in a function is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("frontline", "geodata", "timeline", "viewmodel", "exports", "dashboard")

# Sub-layers, lowest first: the first prefix a module name starts with decides its layer.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("frontline.errors", "frontline.isodate", "frontline.settings", "frontline"),
    ("geodata.normalize", "geodata.theatre", "geodata.spellings", "geodata.gazetteer",
     "geodata.context", "geodata.districts", "geodata.front", "geodata.store",
     "geodata.boundaries", "geodata"),
    ("timeline.records", "timeline.known", "timeline.ids", "timeline.duplicates",
     "timeline.decisions", "timeline.curation"),
    ("timeline.extract",),
    ("timeline.control",),
    ("timeline.store",),
    ("timeline",),
    ("viewmodel",),
    ("exports",),
    ("dashboard",),
    ("frontline.main",),
)
APP_STACK = {"dash", "dash_ag_grid", "flask", "flask_compress", "flask_login", "waitress"}
DRAWING = {"plotly", "kaleido"}
DATABASE = {"sqlalchemy", "alembic", "argon2"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    found = {module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
    assert found, "no modules found"
    return found


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth of the file (absolute imports only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out.update(f"{node.module}.{alias.name}" for alias in node.names)
    return out


def layer_of(name: str) -> int | None:
    best: tuple[int, int] | None = None  # (prefix length, layer)
    for rank, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and (
                    best is None or len(prefix) > best[0]):
                best = (len(prefix), rank)
    return None if best is None else best[1]


def project_edges() -> dict[str, set[str]]:
    """Module -> the project modules it imports (names resolved to real modules)."""
    mods = modules()
    return {name: {m for m in imports_of(path) if m in mods and m != name}
            for name, path in mods.items()}


def test_every_module_has_a_layer() -> None:
    assert [m for m in modules() if layer_of(m) is None] == []


def test_no_module_imports_a_higher_layer() -> None:
    upward = []
    for name, targets in project_edges().items():
        own = layer_of(name)
        assert own is not None
        for target in targets:
            other = layer_of(target)
            # A package's __init__ may describe its own modules; entry points sit on top.
            if other is not None and other > own and not target.startswith(name + "."):
                upward.append(f"{name} -> {target}")
    assert sorted(upward) == []


def test_no_import_cycles() -> None:
    edges = project_edges()
    # Tarjan's strongly connected components: any component of two or more is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            # ``import a.b`` also loads package ``a``; a package importing its own
            # submodules is not a cycle for that reason alone.
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
                cycles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    assert cycles == []


@pytest.mark.parametrize("package", ["frontline", "geodata", "timeline", "viewmodel", "exports"])
def test_only_the_dashboard_imports_the_web_stack(package: str) -> None:
    offenders = {
        name: sorted({m.split(".")[0] for m in imports_of(path)} & APP_STACK)
        for name, path in modules().items() if name.split(".")[0] == package
    }
    assert {k: v for k, v in offenders.items() if v} == {}


@pytest.mark.parametrize("package", ["frontline", "geodata", "timeline"])
def test_stages_do_not_draw(package: str) -> None:
    offenders = {
        name: sorted({m.split(".")[0] for m in imports_of(path)} & DRAWING)
        for name, path in modules().items() if name.split(".")[0] == package
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_checks_can_fail() -> None:
    """The layer rule would catch an upward import and the cycle rule a loop."""
    assert layer_of("timeline.extract.dates") < layer_of("timeline.control.model")  # type: ignore[operator]
    assert layer_of("timeline.store.corpus") > layer_of("timeline.control.build")  # type: ignore[operator]
    assert layer_of("dashboard.app") == len(LAYERS) - 2
    assert layer_of("frontline.main") == len(LAYERS) - 1 > layer_of("frontline.cli")  # type: ignore[operator]
    assert "timeline.control.model" in imports_of(ROOT / "timeline" / "control" / "build.py")


def test_only_the_store_imports_the_database_stack() -> None:
    offenders = {
        name: sorted({m.split(".")[0] for m in imports_of(path)} & DATABASE)
        for name, path in modules().items()
        if not (name == "timeline.store" or name.startswith("timeline.store."))
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert "sqlalchemy" in {m.split(".")[0] for m in imports_of(
        ROOT / "timeline" / "store" / "sql" / "schema.py")}
