"""Concurrent scrubbing sessions against the production server, on loopback only.

``python -m bench.server [--smoke]`` prints the figures; ``run`` returns them. For each
size (Mosul, built from ``seeds/``; the SYNTHETIC stress theatre of
:mod:`bench.stress`) the real ``python -m dashboard`` (waitress) is started as a
subprocess on a free 127.0.0.1 port, and 20 simulated sessions (smoke: 3) run
concurrently for 60 s (smoke: 3 s). Each session does what a browser scrubbing the
slider asks of the server:

1. open the page: ``GET /``, then every script and stylesheet the HTML references
   (only on a session's first visit: later visits have them cached, as Dash serves
   them with fingerprinted URLs), ``GET /_dash-layout``, the page data file the layout
   names (``assets/page_data.js``; a browser keeps it, as its ``Cache-Control`` says
   ``immutable``, so only a new one is asked for), ``GET /_dash-dependencies``;
2. scrub: 50 slider steps at 10 steps/s; each step POSTs ``/_dash-update-component``
   for every *server-side* callback that the slider value feeds (read from
   ``_dash-dependencies``; today every callback is clientside, so there are none);
3. reload, and repeat until the time is up.

Every request has a 30 s socket timeout, the run stops by itself, and the server is
terminated at the end. Latency is per request, wall-clock from send to last byte.
"""

from __future__ import annotations

import atexit
import contextlib
import gzip
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import brotli

from dashboard import ids, page_data_file

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
STEPS, STEP_S = 50, 0.1
TIMEOUT_S = 30.0
SIZES = ("mosul", "stress")
_TMP = Path(tempfile.mkdtemp(prefix="frontline-bench-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)


# --- data and server, shared with bench.page -------------------------------------------

@cache
def data_env(size: str, smoke: bool) -> dict[str, str]:
    """The environment serving ``size`` ("mosul" or "stress"), built once per process."""
    if size == "stress":
        from bench.stress import build_stress

        return build_stress(_TMP / f"stress-{'smoke' if smoke else 'full'}", smoke).env
    env = {"FRONTLINE_DATA_DIR": str(_TMP / "mosul"), "FRONTLINE_THEATRE": "mosul",
           "FRONTLINE_BOUNDARIES": ""}
    for step in (("geodata", "build"), ("timeline", "ingest"), ("timeline", "build")):
        subprocess.run([sys.executable, "-m", *step], cwd=ROOT, env={**os.environ, **env},
                       check=True, capture_output=True, timeout=600, stdin=subprocess.DEVNULL)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_app(env: dict[str, str], timeout: float = 300) -> Iterator[str]:
    """``python -m dashboard`` on a free loopback port; yields its URL, stops it after."""
    port = free_port()
    url = f"http://{HOST}:{port}/"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "dashboard", "--host", HOST, "--port", str(port)],
            cwd=ROOT, env={**os.environ, **env}, stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_up(url, process, log, timeout)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_up(url: str, process: subprocess.Popen[bytes], log: Any, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"server exited {process.returncode}: {log.read()[-2000:]!r}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer within {timeout:.0f} s")


# --- one simulated session ---------------------------------------------------------------

@dataclass
class Tally:
    """Latencies (ms) per request kind, errors, and bytes read: shared by all sessions."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    bytes_read: int = 0
    page_loads: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, ms: float, size: int) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(ms)
            self.bytes_read += size

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


class Session:
    """One browser tab, on one keep-alive connection (reopened after an error)."""

    def __init__(self, port: int, tally: Tally, deadline: float) -> None:
        self.port, self.tally, self.deadline = port, tally, deadline
        self.conn: http.client.HTTPConnection | None = None
        self.cached = False
        self.etags: dict[str, str] = {}  # what a browser's cache holds, by path
        self.bodies: dict[str, bytes] = {}
        self.immutable: set[str] = set()  # kept without asking again (Cache-Control)

    def request(self, kind: str, method: str, path: str, body: bytes | None = None) -> bytes:
        # What a browser sends: its encodings, and the ETag of the copy it holds (the
        # layout, which carries the page data, answers 304 while the store is unchanged).
        if method == "GET" and path in self.immutable:
            return self.bodies[path]
        headers = {"Accept-Encoding": "gzip, br"}
        if method == "GET" and path in self.etags:
            headers["If-None-Match"] = self.etags[path]
        if body is not None:
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=TIMEOUT_S)
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            self.tally.error(f"{kind} {path}: {type(exc).__name__}: {exc}")
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            return b""
        ms = (time.perf_counter() - started) * 1000
        if response.status not in (200, 304):
            self.tally.error(f"{kind} {path}: HTTP {response.status}")
        self.tally.add(kind, ms, len(data))
        if response.getheader("ETag"):
            self.etags[path] = response.getheader("ETag") or ""
        if "immutable" in (response.getheader("Cache-Control") or ""):
            self.immutable.add(path)
        if response.status == 304:
            return self.bodies.get(path, b"")
        if response.getheader("Content-Encoding") == "gzip":
            data = gzip.decompress(data)
        elif response.getheader("Content-Encoding") == "br":
            data = brotli.decompress(data)
        self.bodies[path] = data
        return data

    def open_page(self) -> list[dict[str, Any]]:
        html = self.request("page", "GET", "/").decode("utf-8", "replace")
        if not self.cached:
            for asset in sorted(set(re.findall(r'(?:src|href)="(/[^"]+)"', html))):
                self.request("asset", "GET", asset)
            self.cached = True
        layout = self.request("layout", "GET", "/_dash-layout").decode("utf-8", "replace")
        url = page_data_file.address(layout)
        if url is not None:  # what assets/page_data.js asks for (nothing when kept)
            self.request("page_data", "GET", url)
        deps = self.request("dependencies", "GET", "/_dash-dependencies")
        with self.tally.lock:
            self.tally.page_loads += 1
        try:
            return server_callbacks(json.loads(deps or b"[]"))
        except ValueError:
            self.tally.error("dependencies: not JSON")
            return []

    def run(self) -> None:
        while time.monotonic() < self.deadline:
            callbacks = self.open_page()
            for step in range(1, STEPS + 1):
                if time.monotonic() >= self.deadline:
                    break
                tick = time.monotonic()
                for cb in callbacks:
                    self.request("callback", "POST", "/_dash-update-component",
                                 json.dumps(update_body(cb, step)).encode())
                time.sleep(max(0.0, STEP_S - (time.monotonic() - tick)))
        if self.conn is not None:
            self.conn.close()


def server_callbacks(dependencies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The server-side callbacks (not clientside) that the slider's value triggers."""
    return [cb for cb in dependencies
            if not cb.get("clientside_function")
            and any(i.get("id") == ids.SLIDER and i.get("property") == "value"
                    for i in cb.get("inputs", []))]


def update_body(callback: dict[str, Any], day: int) -> dict[str, Any]:
    """The ``_dash-update-component`` request a slider step sends for ``callback``."""
    def prop(dep: dict[str, Any]) -> dict[str, Any]:
        value = day if dep.get("id") == ids.SLIDER and dep.get("property") == "value" else None
        return {"id": dep["id"], "property": dep["property"], "value": value}

    return {"output": callback["output"], "outputs": _outputs(callback["output"]),
            "inputs": [prop(d) for d in callback.get("inputs", [])],
            "state": [prop(d) for d in callback.get("state", [])],
            "changedPropIds": [f"{ids.SLIDER}.value"]}


def _outputs(output: str) -> Any:
    parts = [p for p in output.strip(".").split("...") if p]
    outs = [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in parts]
    return outs[0] if len(outs) == 1 and not output.startswith("..") else outs


# --- the load run ------------------------------------------------------------------------

def load(url: str, sessions: int, seconds: float) -> dict[str, Any]:
    """``sessions`` concurrent scrubbing sessions for ``seconds`` against ``url``."""
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    tally = Tally()
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=Session(port, tally, deadline).run, daemon=True)
               for _ in range(sessions)]
    started = time.perf_counter()
    for k, thread in enumerate(threads):
        thread.start()
        time.sleep(min(0.05, seconds / 100) if k < len(threads) - 1 else 0)
    for thread in threads:
        thread.join(timeout=seconds + TIMEOUT_S * 8)
    wall = time.perf_counter() - started
    every = [ms for values in tally.latencies.values() for ms in values]
    out: dict[str, Any] = {
        "sessions": sessions,
        "seconds": round(wall, 1),
        "requests": len(every),
        "page_loads": tally.page_loads,
        "server_callbacks_per_step": 0,
        "mb_read": round(tally.bytes_read / 1e6, 1),
        "p50_ms": round(_pct(every, 50), 1),
        "p95_ms": round(_pct(every, 95), 1),
        "errors": len(tally.errors),
    }
    for kind in ("page", "layout", "page_data", "dependencies", "callback"):
        if tally.latencies.get(kind):
            out[f"{kind}_p95_ms"] = round(_pct(tally.latencies[kind], 95), 1)
    if tally.errors:
        out["first_error"] = tally.errors[0][:200]
    return out


def _pct(values: list[float], pct: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def run(smoke: bool = False) -> dict[str, Any]:
    sessions, seconds = (3, 3.0) if smoke else (20, 60.0)
    out: dict[str, Any] = {}
    for size in SIZES:
        with running_app(data_env(size, smoke)) as url:
            with urllib.request.urlopen(url + "_dash-dependencies", timeout=TIMEOUT_S) as r:
                per_step = len(server_callbacks(json.loads(r.read())))
            figures = load(url, sessions, seconds)
        figures["server_callbacks_per_step"] = per_step
        p95, errors = figures.pop("p95_ms"), figures.pop("errors")
        out |= {f"{size}_{k}": v for k, v in figures.items() if k != "first_error"}
        out[f"{size}_p95_ms_target"] = (p95, 150, "<=")
        out[f"{size}_errors_target"] = (errors, 0, "<=")
        if "first_error" in figures:
            out[f"{size}_first_error"] = figures["first_error"]
    return out


if __name__ == "__main__":
    for key, value in run(smoke="--smoke" in sys.argv).items():
        print(f"{key:34} {value}")
