"""The ``frontline`` console script (installed by ``make``: ``pip install -e .``) runs
the package command lines: the same output and exit codes as ``python -m``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

SCRIPT = Path(sys.executable).parent / "frontline"


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    if not SCRIPT.exists():
        pytest.fail(f"{SCRIPT} missing: `make test` installs the project into .venv")
    return subprocess.run([str(SCRIPT), *args], cwd=ROOT, env=dict(os.environ),
                          capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL, check=False)


def test_help_lists_the_commands() -> None:
    result = run_script("--help")
    assert result.returncode == 0
    for command in ("geocode", "extract", "ingest", "build", "state", "export", "serve"):
        assert f"  {command} " in result.stdout


def test_geocode_is_python_m_geodata_geocode() -> None:
    script = run_script("geocode", "Ma'amil", "--json")
    module = run_cli("geodata", "geocode", "Ma'amil", "--json")
    assert script.returncode == module.returncode == 0
    assert script.stdout == module.stdout and '"id": "al-maamel"' in script.stdout


def test_bad_input_is_one_line_and_the_packages_exit_code() -> None:
    result = run_script("extract", "no/such/article.md", "--json")
    module = run_cli("timeline", "extract", "no/such/article.md", "--json")
    assert result.returncode == module.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stderr == module.stderr.replace("timeline: error:", "frontline: error:")


def test_an_unknown_command_is_a_usage_error() -> None:
    result = run_script("retake", "mosul")
    assert result.returncode == 2 and "invalid choice: 'retake'" in result.stderr
