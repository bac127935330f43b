"""Server limits and safe defaults, against the real app (``python -m dashboard`` under
waitress, on data built from ``seeds/``) over real HTTP (issue 19).

- request bodies over ``FRONTLINE_MAX_REQUEST_BYTES`` get 413 and are never read;
- garbage callback bodies get 400 and one log line, never a 500 or a traceback;
- exports run in a bounded pool: past it they are refused as busy, not piled up;
- ``--port 99999`` is a one-line error; ``--host 0.0.0.0`` warns the map is exposed.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard import ids
from tests.conftest import ROOT, Server, free_port, run_cli, start_server, stop_server

pytestmark = pytest.mark.slow
CAP = 100_000
CALLBACK = "_dash-update-component"
GARBAGE_VALUES: list[Any] = [1e308, -1e308, 10**30, -1, [], {}, [[1]], "x" * 2000, None, True,
                             {"$": ["nested", {"deep": []}]}, "2017-02-30", "NaN"]


@pytest.fixture(scope="module")
def limited(data_env: dict[str, str]) -> Iterator[tuple[Server, list[str]]]:
    """The real app with a small body cap; the log lines it prints are collected."""
    env = {**data_env, "FRONTLINE_MAX_REQUEST_BYTES": str(CAP), "PYTHONPATH": str(ROOT)}
    server = start_server(env)
    lines: list[str] = []

    def collect() -> None:
        assert server.process.stdout is not None
        for line in server.process.stdout:
            lines.append(line)

    reader = threading.Thread(target=collect, daemon=True)
    reader.start()
    yield server, lines
    stop_server(server)


@pytest.fixture(scope="module")
def pooled(data_env: dict[str, str],
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The real app with an export pool of one slot and one queue place, on its own copy
    of the data (the pool is per data folder: other tests' jobs do not count here)."""
    data = tmp_path_factory.mktemp("pooled") / "data"
    shutil.copytree(data_env["FRONTLINE_DATA_DIR"], data,
                    ignore=shutil.ignore_patterns("export-jobs"))
    env = {**data_env, "FRONTLINE_DATA_DIR": str(data), "FRONTLINE_EXPORT_JOBS": "1",
           "FRONTLINE_EXPORT_QUEUE": "1", "PYTHONPATH": str(ROOT)}
    server = start_server(env)
    yield server
    stop_server(server)


def post(server: Server, path: str, body: bytes,
         headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(server.url + path, data=body, method="POST",
                                     headers={"Content-Type": "application/json",
                                              **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def connect(server: Server) -> http.client.HTTPConnection:
    host, port = server.url.split("//")[1].strip("/").split(":")
    return http.client.HTTPConnection(host, int(port), timeout=60)


def test_a_body_over_the_cap_is_refused_without_being_read(
        limited: tuple[Server, list[str]]) -> None:
    """A 200 MB POST is announced; the server answers 413 after the first chunk and
    closes, so it never holds the body (its memory stays where it was)."""
    server, _ = limited
    before = rss_kb(server.process.pid)
    conn = connect(server)
    conn.putrequest("POST", "/" + CALLBACK)
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(200 * 1024 * 1024))
    conn.endheaders()
    try:
        for _ in range(64):  # 4 MB of the 200: the server has answered long before
            conn.send(b" " * 65536)
    except OSError:
        pass  # the server closed the connection on us: refused
    assert conn.getresponse().status == 413
    conn.close()
    assert rss_kb(server.process.pid) - before < 40 * 1024
    with urllib.request.urlopen(server.url, timeout=30) as response:
        assert response.status == 200  # still serving


def test_a_body_just_over_the_cap_is_refused_with_413(
        limited: tuple[Server, list[str]]) -> None:
    server, _ = limited
    assert post(server, CALLBACK, b"{" + b" " * CAP + b"}")[0] == 413
    assert post(server, CALLBACK, b"[]")[0] == 400  # under the cap: read and judged


def test_a_chunked_body_over_the_cap_is_refused(limited: tuple[Server, list[str]]) -> None:
    server, _ = limited
    conn = connect(server)
    conn.putrequest("POST", "/" + CALLBACK)
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    try:
        for _ in range(64):  # 4 MB without a Content-Length
            conn.send(b"10000\r\n" + b" " * 65536 + b"\r\n")
        conn.send(b"0\r\n\r\n")
    except OSError:
        pass  # refused before the end
    assert conn.getresponse().status == 413
    conn.close()


def test_garbage_callback_bodies_get_400_and_one_log_line(
        limited: tuple[Server, list[str]]) -> None:
    server, lines = limited
    with urllib.request.urlopen(server.url + "_dash-dependencies", timeout=30) as response:
        dependencies = json.loads(response.read())
    bodies: list[bytes] = [b"", b"garbage", b"[]", b"null", b'{"output": 5}',
                           json.dumps({"output": "x", "inputs": "y"}).encode(),
                           json.dumps({"output": "nope.value", "inputs": []}).encode()]
    for dep in dependencies:
        for value, outputs in ((v, o) for v in GARBAGE_VALUES for o in ([], _outputs(dep))):
            inputs = [{"id": _id(i["id"]), "property": i["property"], "value": value}
                      for i in dep["inputs"]]
            state = [{"id": _id(s["id"]), "property": s["property"], "value": value}
                     for s in dep["state"]]
            bodies.append(json.dumps({
                "output": dep["output"], "outputs": outputs, "inputs": inputs, "state": state,
                "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"]
                if inputs else []}).encode())
    start = len(lines)
    statuses = [post(server, CALLBACK, body)[0] for body in bodies]
    assert 500 not in statuses
    assert statuses.count(400) >= 7  # at least the plainly malformed ones
    time.sleep(0.5)
    log = lines[start:]
    assert not any("Traceback" in line for line in log), "".join(log)[:2000]
    assert sum("bad callback request" in line for line in log) == statuses.count(400)


def _outputs(dep: dict[str, Any]) -> Any:
    """The outputs a page sends for a dependency ("..a.b...c.d.." is several)."""
    spec = dep["output"]
    parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
    outputs = [{"id": _id(p.rsplit(".", 1)[0]), "property": p.rsplit(".", 1)[1]}
               for p in parts]
    return outputs if spec.startswith("..") else outputs[0]


def _id(raw: Any) -> Any:
    """A dependency's id as the page sends it (pattern ids with ALL become one match)."""
    if isinstance(raw, str) and raw.startswith("{"):
        return {k: (v if not isinstance(v, list) else "png")
                for k, v in json.loads(raw).items()}
    return raw


def export_body(fmt: str) -> bytes:
    button = {"format": fmt, "type": ids.EXPORT_BUTTON}
    key = json.dumps(button, separators=(",", ":"), sort_keys=True)
    return json.dumps({
        "output": f"..{ids.EXPORT_DOWNLOAD}.data...{ids.EXPORT_STATUS}.children..",
        "outputs": [{"id": ids.EXPORT_DOWNLOAD, "property": "data"},
                    {"id": ids.EXPORT_STATUS, "property": "children"}],
        "inputs": [[{"id": button, "property": "n_clicks", "value": 1}]],
        "changedPropIds": [f"{key}.n_clicks"],
        "state": [{"id": ids.SLIDER, "property": "value", "value": 960},
                  {"id": ids.KNOWN_ON, "property": "value", "value": []},
                  {"id": ids.LAYERS, "property": "value", "value": None},
                  {"id": ids.NAMES_LANG, "property": "value", "value": "en"}],
    }).encode()


def test_exports_beyond_the_pool_are_refused_as_busy(pooled: Server) -> None:
    server = pooled
    results: list[str] = []

    def export() -> None:
        status, data = post(server, CALLBACK, export_body("png"))
        assert status == 200, data[:300]
        results.append(json.loads(data)["response"][ids.EXPORT_STATUS]["children"])

    threads = [threading.Thread(target=export) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=170)
    assert len(results) == 5
    done = [r for r in results if r.startswith("Exported")]
    busy = [r for r in results if r.startswith("Export not started: busy")]
    assert done and busy, results  # one runs, one waits, the rest are told the server is busy
    assert len(done) + len(busy) == 5
    assert "FRONTLINE_EXPORT_JOBS" in busy[0]


def test_a_port_out_of_range_is_a_one_line_error() -> None:
    result = run_cli("dashboard", "--port", "99999", timeout=120)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "99999" in line and "65535" in line


def test_serving_on_every_interface_warns_the_map_is_exposed(
        data_env: dict[str, str]) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--host", "0.0.0.0", "--port", str(port)],
        cwd=ROOT, env={**os.environ, **data_env, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        first = process.stderr.readline()
    finally:
        process.kill()
        process.wait()
        if process.stderr:
            process.stderr.close()
    assert "warning" in first and "0.0.0.0" in first and "without sign-in" in first
