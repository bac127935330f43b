"""``pyproject.toml`` installs what the app needs: every package, the data files they
read (theatres, browser assets), the pinned dependencies and the ``frontline`` script."""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PROJECT["tool"]["setuptools"]
PACKAGES = ("frontline", "geodata", "timeline", "viewmodel", "exports", "dashboard")


def test_every_package_is_included() -> None:
    include = SETUPTOOLS["packages"]["find"]["include"]
    assert sorted(include) == sorted(f"{p}*" for p in PACKAGES)


def test_every_data_file_of_the_packages_is_package_data() -> None:
    """A file the code reads that is not a module (a theatre's CSV, frontline.js) must
    match a package-data glob, or an installed wheel would lack it."""
    data = SETUPTOOLS["package-data"]
    missing = []
    for package in PACKAGES:
        shipped = {f for glob in data.get(package, []) for f in (ROOT / package).glob(glob)}
        for path in (ROOT / package).rglob("*"):
            if path.is_dir() or path.suffix in {".py", ".pyc"} or "__pycache__" in path.parts:
                continue
            if path not in shipped:
                missing.append(str(path.relative_to(ROOT)))
    assert missing == []
    assert any((ROOT / "geodata" / "theatres").rglob("theatre.yaml"))


def test_dependencies_are_the_pinned_requirements() -> None:
    assert "dependencies" in PROJECT["project"]["dynamic"]
    assert SETUPTOOLS["dynamic"]["dependencies"] == {"file": ["requirements.txt"]}
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pins = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    assert pins and all("==" in ln and not ln.startswith("-") for ln in pins)


def test_the_console_script_names_a_callable() -> None:
    module, func = PROJECT["project"]["scripts"]["frontline"].split(":")
    assert callable(getattr(importlib.import_module(module), func))
