"""Save a screenshot of the page at 2017-05-11 (1280x800), for the README.

    python scripts/screenshot.py docs/screenshot.png [--url http://127.0.0.1:8050/]
        [--date 2017-05-11]

Without ``--url`` it serves the built data (``FRONTLINE_DATA_DIR``, run ``make data``
first) with ``python -m dashboard`` on a free loopback port, and stops it afterwards.
The browser is Debian's ``/usr/bin/chromium`` (never downloaded).
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
WIDTH, HEIGHT = 1280, 800
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server() -> tuple[subprocess.Popen[bytes], str]:
    """Serve the built data on a free port; return the process and its URL once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise SystemExit(f"screenshot: error: the server exited: {err.strip()[-300:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit(f"screenshot: error: the server did not answer within {STARTUP_SECONDS} s")


def shoot(url: str, date: str, out: Path) -> None:
    """Open ``url?date=DATE``, wait for the map and that day's frame, save a PNG."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-dev-shm-usage"])
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.goto(f"{url.rstrip('/')}/?date={date}")
        page.wait_for_selector("#control-map canvas.maplibregl-canvas", timeout=30_000)
        page.wait_for_function(
            "(d) => (document.getElementById('date-label').textContent || '').startsWith(d)",
            arg=date, timeout=30_000)
        page.wait_for_function(
            "() => { const gd = document.querySelector('#control-map .js-plotly-plot');"
            " const m = gd && gd._fullLayout.map && gd._fullLayout.map._subplot.map;"
            " return m && m.loaded() && !m.isMoving(); }", timeout=30_000)
        page.wait_for_timeout(500)  # one more paint of the WebGL canvas
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="PNG file to write")
    parser.add_argument("--url", help="an already running app (default: start one)")
    parser.add_argument("--date", default="2017-05-11", help="YYYY-MM-DD (default %(default)s)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"screenshot: error: {CHROMIUM} is missing (make browser)", file=sys.stderr)
        return 1
    process, url = (None, args.url) if args.url else start_server()
    try:
        shoot(url, args.date, args.path)
    except Exception as exc:  # a one-line message, not a traceback
        print(f"screenshot: error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)
    print(f"wrote {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
