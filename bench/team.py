"""``python -m bench.team [--smoke]``: the team deployment under load, beside the embedded one.

1. **Web load**: V viewers (default 20) and E editors (default 2) for S seconds (default
   120), first against the embedded server (one waitress process on the files of a data
   folder, decisions in SQLite), then against the team server (gunicorn, 2 workers, on
   PostgreSQL) holding the same data (moved with ``timeline store copy-to``). A viewer
   loads the page, its layout, the page data file it names (once per file: a browser
   keeps it, ``Cache-Control: immutable``) and the callback graph, then asks three
   CSV exports of the view (the map's and chart's clicks run in the browser and ask the
   server nothing), with a second's pause between clicks, and starts again. An editor
   signs in and saves a decision (accept or reject a claim) every 10 seconds through
   the app, as the curation panel's buttons do (:mod:`bench.team_editor`): the review
   tab records it, naming the revision it read, and the panel's refresh republishes the
   store; each decision changes the store's version, so the servers build that
   version's page while viewers keep asking.
2. **Ingest jobs**: N SYNTHETIC labelled reports (default 2,000, ``bench/team_reports.py``)
   ingested through ``python -m timeline jobs ingest`` into an empty PostgreSQL store,
   with 1 and with 2 Celery worker processes; reports per second and their ratio.

Needs PostgreSQL/PostGIS and Redis on 127.0.0.1 (``make services``). Latencies are
printed and written to ``bench/team-results.json``, never asserted. Every request goes
to loopback; every loop stops by itself at its deadline.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.team_reports import write_reports

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "team-results.json"
ADMIN_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
REDIS_URL = "redis://127.0.0.1:6379/0"
PASSWORD = "bench-password-123\n"
EXPORT_OUTPUT = "..export-download.data...export-status.children.."
EDIT_EVERY_SECONDS = 10.0  # a fast analyst: a decision every 10 seconds
THINK_SECONDS = 1.0


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def _cli(env: dict[str, str], *args: str, stdin: str | None = None,
         timeout: float = 1800) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=_env(**env),
                          input=stdin, capture_output=True, text=True, timeout=timeout,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return done


@contextmanager
def _database(prefix: str) -> Iterator[str]:
    import psycopg

    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"'.encode())
    try:
        yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'.encode())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _server(env: dict[str, str], workers: int) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(workers)], cwd=ROOT, env=_env(**env), stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url + "_dash-layout", timeout=60) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            raise SystemExit("the server did not start")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class Tally:
    """Latencies (seconds) by kind of request, and the errors met."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)

    def timed(self, kind: str, call: Callable[[], Any]) -> None:
        started = time.perf_counter()
        try:
            call()
        except Exception as exc:  # every failure is counted, none stops the load
            with self.lock:
                self.errors.append(f"{kind}: {type(exc).__name__}: {str(exc)[:120]}")
            return
        with self.lock:
            self.seconds[kind].append(time.perf_counter() - started)

    def summary(self) -> dict[str, Any]:
        every = sorted(s for kind in self.seconds.values() for s in kind)
        out: dict[str, Any] = {"requests": len(every), "errors": len(self.errors),
                               "error_examples": self.errors[:5],
                               **_percentiles(every, "")}
        # The readers' requests alone: a decision's answer carries its republish.
        out.update(_percentiles(sorted(s for kind, values in self.seconds.items()
                                       if kind != "decision" for s in values), "viewers_"))
        for kind, values in sorted(self.seconds.items()):
            out.update(_percentiles(sorted(values), f"{kind}_"))
        return out


def _percentiles(values: list[float], prefix: str) -> dict[str, float]:
    if not values:
        return {}
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]  # noqa: E731
    return {f"{prefix}p50_ms": round(pick(0.50) * 1000, 1),
            f"{prefix}p95_ms": round(pick(0.95) * 1000, 1),
            f"{prefix}max_ms": round(values[-1] * 1000, 1)}


def _get(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=120) as response:
        body = response.read()
        if response.status != 200:
            raise OSError(f"HTTP {response.status}")
        return gzip.decompress(body) if response.headers.get("Content-Encoding") == "gzip" \
            else body


def _export_csv(url: str, day: int) -> None:
    from dashboard.export_panel import BUTTONS

    button = {"format": "csv", "type": "export-button"}
    body = {
        "output": EXPORT_OUTPUT,
        "outputs": [{"id": "export-download", "property": "data"},
                    {"id": "export-status", "property": "children"}],
        "inputs": [[{"id": {"format": key, "type": "export-button"}, "property": "n_clicks",
                     "value": 1 if key == "csv" else 0} for key, _ in BUTTONS]],
        "state": [{"id": "date-slider", "property": "value", "value": day},
                  {"id": "known-on", "property": "value", "value": []},
                  {"id": "layers", "property": "value", "value": None},
                  {"id": "names-language", "property": "value", "value": "en"}],
        "changedPropIds": [json.dumps(button, separators=(",", ":"), sort_keys=True)
                           + ".n_clicks"],
    }
    request = urllib.request.Request(
        url + "_dash-update-component", data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", "Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=120) as response:
        payload = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            payload = gzip.decompress(payload)
    if b"Exported" not in payload:  # the status line the page shows after a download
        raise OSError(f"no CSV in the answer: {payload[:160]!r}")


def _viewer(url: str, tally: Tally, until: float, seed: int) -> None:
    from dashboard.page_data_file import address

    rng = random.Random(seed)
    kept: set[str] = set()  # page data files this viewer's browser keeps (immutable)
    while time.monotonic() < until:
        tally.timed("page", lambda: _get(url))
        got: list[bytes] = []
        tally.timed("layout", lambda got=got: got.append(_get(url + "_dash-layout")))  # type: ignore[misc]
        path = address(got[0].decode("utf-8", "replace")) if got else None
        if path is not None and path not in kept:  # as assets/page_data.js asks, once
            tally.timed("page_data", lambda p=path: _get(url + p.lstrip("/")))  # type: ignore[misc]
            kept.add(path)
        tally.timed("dependencies", lambda: _get(url + "_dash-dependencies"))
        for _ in range(3):
            if time.monotonic() >= until:
                return
            time.sleep(THINK_SECONDS)
            day = rng.randrange(800, 1200)
            tally.timed("export_csv", lambda d=day: _export_csv(url, d))  # type: ignore[misc]


def _editor(url: str, claims: list[str], who: str, tally: Tally, until: float,
            seed: int) -> None:
    from bench.team_editor import AppEditor

    rng = random.Random(seed)
    try:
        editor = AppEditor(url, who, PASSWORD.strip())
    except Exception as exc:  # counted as the viewers' errors are
        with tally.lock:
            tally.errors.append(f"sign-in: {type(exc).__name__}: {str(exc)[:120]}")
        return
    while time.monotonic() < until:
        claim = rng.choice(claims)
        action = rng.choice(("accept", "reject"))
        tally.timed("decision", lambda c=claim, a=action: editor.decision(c, a))  # type: ignore[misc]
        time.sleep(EDIT_EVERY_SECONDS)


def _load(url: str, claims: list[str], viewers: int, editors: int,
          seconds: float) -> dict[str, Any]:
    tally = Tally()
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=_viewer, args=(url, tally, until, i))
               for i in range(viewers)]
    threads += [threading.Thread(target=_editor,
                                 args=(url, claims, f"editor{i + 1}", tally, until, i))
                for i in range(editors)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 300)
    return tally.summary()


def _ingest_jobs(reports: int, workers: int, folder: Path, data: Path) -> dict[str, Any]:
    with _database("frontline_bench_jobs") as url:
        queue = f"frontline-bench-{secrets.token_hex(4)}"
        env = {"FRONTLINE_DATABASE_URL": url, "FRONTLINE_BROKER_URL": REDIS_URL,
               "FRONTLINE_JOB_QUEUE": queue, "FRONTLINE_DATA_DIR": str(data)}
        _cli(env, "timeline", "state", "--date", "2017-03-01")  # migrates the database once
        procs = [subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "dashboard.worker", "worker", "-Q", queue,
             "--concurrency", "1", "--loglevel", "warning", "--without-gossip",
             "--without-mingle", "-n", f"{queue}-{i}@%h"],
            cwd=ROOT, env=_env(**env), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for i in range(workers)]
        try:
            time.sleep(8)  # the workers connect (a job sent before simply waits for them)
            started = time.perf_counter()
            done = json.loads(_cli(env, "timeline", "jobs", "ingest", str(folder), "--json",
                                   "--timeout", "3600").stdout)
            seconds = time.perf_counter() - started
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()
    return {"workers": workers, "reports": reports, "extracted": done["extracted"],
            "failures": len(done["failures"]), "seconds": round(seconds, 1),
            "reports_per_s": round(reports / seconds, 1)}


def run(smoke: bool = False, seconds: float = 120, viewers: int = 20, editors: int = 2,
        reports: int = 2000) -> dict[str, Any]:
    if smoke:
        seconds, viewers, reports = 10, 4, 60
    from timeline.store.files import FileStore

    results: dict[str, Any] = {"seconds": seconds, "viewers": viewers, "editors": editors}
    with tempfile.TemporaryDirectory() as tmp, _database("frontline_bench") as url:
        data = Path(tmp) / "data"
        # Both servers may queue one export per viewer (FRONTLINE_EXPORT_QUEUE): the
        # default queue of 8 refuses the 20 viewers' clicks as "busy" under this load.
        queue = str(viewers)
        embedded = {"FRONTLINE_DATA_DIR": str(data), "FRONTLINE_DATABASE_URL": "",
                    "FRONTLINE_BROKER_URL": "", "FRONTLINE_EXPORT_QUEUE": queue}
        for step in (("geodata", "build"), ("timeline", "ingest"), ("timeline", "build")):
            _cli(embedded, *step)
        for i in range(editors):
            _cli(embedded, "timeline", "analysts", "add", f"editor{i + 1}", "--password-stdin",
                 stdin=PASSWORD)
        _cli(embedded, "timeline", "store", "copy-to", url)
        claims = [e.id for x in FileStore(data).extractions() for e in x.events]
        team = {"FRONTLINE_DATA_DIR": str(Path(tmp) / "team"), "FRONTLINE_DATABASE_URL": url,
                "FRONTLINE_BROKER_URL": "", "FRONTLINE_EXPORT_QUEUE": queue}
        with _server(embedded, workers=1) as served:
            results["embedded"] = _load(served, claims, viewers, editors, seconds)
        print("embedded:", json.dumps(results["embedded"]), flush=True)
        with _server(team, workers=2) as served:
            results["team"] = _load(served, claims, viewers, editors, seconds)
        print("team:", json.dumps(results["team"]), flush=True)
        if reports <= 0:
            return results
        folder = Path(tmp) / "reports"
        write_reports(folder, reports)
        one = _ingest_jobs(reports, 1, folder, Path(tmp) / "jobs1")
        print("ingest, 1 worker:", json.dumps(one), flush=True)
        two = _ingest_jobs(reports, 2, folder, Path(tmp) / "jobs2")
        print("ingest, 2 workers:", json.dumps(two), flush=True)
        results["ingest"] = {"one_worker": one, "two_workers": two,
                             "throughput_ratio": round(two["reports_per_s"]
                                                       / one["reports_per_s"], 2)}
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.team", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="10 s, 4 viewers, 60 reports")
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--viewers", type=int, default=20)
    parser.add_argument("--editors", type=int, default=2)
    parser.add_argument("--reports", type=int, default=2000,
                        help="SYNTHETIC reports of the ingest jobs (0: no ingest part)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    results = run(args.smoke, args.seconds, args.viewers, args.editors, args.reports)
    results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    out = args.out or (RESULTS if not args.smoke else RESULTS.with_name("team-results-smoke.json"))
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
