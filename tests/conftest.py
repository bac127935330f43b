"""Shared fixtures: a built data directory, the served app, a headless Chromium page.

The app is the real one (``python -m dashboard`` under waitress) started as a
subprocess on a free loopback port, on data built from ``seeds/`` into a temporary
FRONTLINE_DATA_DIR. The browser is Debian's ``/usr/bin/chromium`` driven by Playwright.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# Hypothesis' default 200 ms deadline per example is a timing assertion: on a loaded
# 2-core CI machine it fails correct code. Speed is measured in bench/, never here.
settings.register_profile("frontline", deadline=None)
settings.load_profile("frontline")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_cli(*args: str, env: dict[str, str] | None = None, check: bool = False,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``python -m <args>`` from the repository root, as an analyst would."""
    result = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True,
        timeout=timeout, stdin=subprocess.DEVNULL,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"{args} exited {result.returncode}: {result.stderr}")
    return result


def build_data(data_dir: Path, seeds: Path | None = None,
               theatre: Path | None = None) -> dict[str, str]:
    """Build the data from ``seeds`` (default seeds/) into ``data_dir`` with the CLIs, as
    ``make data`` does; return the environment that points a server at it (and at the
    theatre folder ``theatre``, default Mosul)."""
    env = {"FRONTLINE_DATA_DIR": str(data_dir)}
    if theatre is not None:
        env["FRONTLINE_THEATRE"] = str(theatre)
    ingest: tuple[str, ...] = ("timeline", "ingest")
    if seeds is not None:
        env["FRONTLINE_SEEDS_DIR"] = str(seeds)
        ingest = (*ingest, str(seeds))
    for step in (("geodata", "build"), ingest, ("timeline", "build")):
        result = run_cli(*step, env=env)
        assert result.returncode == 0, f"{step} failed: {result.stderr}"
    return env


@pytest.fixture(scope="session")
def data_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment pointing FRONTLINE_DATA_DIR at data built from seeds/ for this run."""
    return build_data(tmp_path_factory.mktemp("data"))


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str]


def start_server(env: dict[str, str], timeout: float = 60) -> Server:
    """Serve the app with ``env`` and wait up to ``timeout`` seconds for its page."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env={**os.environ, **env}, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out = process.stdout.read() if process.stdout else ""
            raise AssertionError(f"server exited {process.returncode}: {out}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return Server(url, process)
        except OSError:
            time.sleep(0.2)
    process.kill()
    process.wait()  # never left a zombie of the test run
    raise AssertionError(f"server did not answer within {timeout:g} s")


def stop_server(server: Server) -> None:
    """Stop a server started by :func:`start_server` (killed if it will not stop)."""
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    if server.process.stdout:
        server.process.stdout.close()


@pytest.fixture(scope="session")
def server(data_env: dict[str, str]) -> Iterator[Server]:
    srv = start_server(data_env)
    yield srv
    stop_server(srv)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: run `make test` (it installs Debian chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class PageLog:
    """What a page did that a test may assert on: console errors and network requests."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture
def page(chromium: Any, server: Server) -> Iterator[Any]:
    """A fresh 1280x800 page whose console and network activity is logged on ``page.log``."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    pg = context.new_page()
    log = PageLog()

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            log.console_errors.append(msg.text)

    def on_request(request: Any) -> None:
        url = request.url
        if not url.startswith((server.url, "data:", "blob:", "about:")):
            log.foreign_requests.append(url)

    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
    pg.on("request", on_request)
    pg.on("requestfailed", lambda r: log.failed_requests.append(r.url))
    pg.log = log
    pg.base_url = server.url
    yield pg
    context.close()
