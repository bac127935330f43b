"""The three command-line programs exist, answer --help, and fail on one line."""

from __future__ import annotations

import socket

import pytest

from tests.conftest import run_cli


@pytest.mark.parametrize("package", ["geodata", "timeline", "dashboard"])
def test_help(package: str) -> None:
    result = run_cli(package, "--help")
    assert result.returncode == 0
    assert f"python -m {package}" in result.stdout


def test_extract_missing_file_is_one_line_error() -> None:
    result = run_cli("timeline", "extract", "no/such/article.md", "--json")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "no/such/article.md" in result.stderr


def test_serve_on_port_in_use_names_the_port() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("dashboard", "--port", str(port), timeout=60)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(port) in lines[0] and "in use" in lines[0]
