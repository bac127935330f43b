"""The pipeline flows one way: nothing below the app imports Dash or Plotly."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_ONLY = ("dash", "plotly", "flask", "kaleido")


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", ["frontline", "geodata", "timeline"])
def test_stage_packages_do_not_import_the_app_stack(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & set(APP_ONLY))
        for path in sorted((ROOT / package).rglob("*.py"))
    }
    assert {k: v for k, v in offenders.items() if v} == {}
    assert offenders, f"no modules found under {package}"


def test_stage_packages_do_not_import_the_dashboard() -> None:
    for package in ("frontline", "geodata", "timeline"):
        for path in (ROOT / package).rglob("*.py"):
            assert "dashboard" not in imported_roots(path), path
