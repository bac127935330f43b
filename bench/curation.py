"""An analyst's decision reaching the open page: ours against a rebuild and a reload.

``python -m bench.curation [--smoke]`` prints the figures; ``run`` returns them. On the
Mosul theatre (built from ``seeds/`` into a copy, so the decisions stay there):

- **ours**: the real app; a signed-in analyst opens a claim in the review queue, gives a
  reason and rejects it. Timed from the click to the open page holding the new page
  data (its store version changed) with MapLibre idle on the day, no reload.
- **baseline**: the same kind of decision through the CLI (``timeline review reject``),
  then a full ``python -m timeline build`` and a page reload until the map is drawn,
  which is what an analyst had to do before the app could decide.

The first decision after a start is reported on its own (``first_s``): it may wait for
the background warm-up; the medians are over the decisions after it. Each decision is
made once the previous one's "as known on" replay has caught up in the background
(``caught_up_median_s``: click to the page holding the caught-up replay), as an analyst
reading the next claim would; decisions made faster than that share the machine with
the catch-up. ``ours_server_median_s`` is the server's part of ``ours``: the time to
publish that the panel's notice gives.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.server import ROOT, data_env, running_app
from dashboard import auth, ids

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "bench-password-1"
DAY = "2017-03-01"
QUEUE_ROWS = f"#{ids.CURATION_QUEUE} .ag-center-cols-container .ag-row"
SHOWN = """(old) => { const d = window.dash_clientside.frontline.pageData;
  const v = window.frontline.mapView;
  return d && d.version !== old && v && !v.busy(); }"""
CAUGHT_UP = f"""() => !(document.getElementById('{ids.CURATION_NOTICE}').textContent || '')
  .includes('being recomputed')"""
DRAWN = """() => window.frontline && window.frontline.mapView
  && window.frontline.mapView.drawnDay() !== null && !window.frontline.mapView.busy()"""
TARGET_S = 2.0
PUBLISHED = re.compile(r"published in ([0-9.]+) s")


def _cli(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env={**os.environ, **env},
                          input=stdin, capture_output=True, text=True, timeout=900, check=True)


def _version(pg: Any) -> str:
    return str(pg.evaluate("() => window.dash_clientside.frontline.pageData.version"))


def _published_s(pg: Any) -> float:
    """The server's own time to publish the decision, as the panel's notice gives it."""
    found = PUBLISHED.search(pg.text_content(f"#{ids.CURATION_NOTICE}") or "")
    return float(found.group(1)) if found else float("nan")


def _ours(url: str, n: int) -> tuple[list[float], list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    times, caught, server = [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        pg.goto(url + auth.SIGN_IN.lstrip("/"))
        pg.fill("#sign-in-name", "bench")
        pg.fill("#sign-in-password", PASSWORD)
        pg.click("#sign-in-submit")
        pg.goto(url + f"?date={DAY}")
        pg.wait_for_function(DRAWN, timeout=120_000)
        pg.click("summary.fl-curation-head")
        for i in range(n):
            row = pg.locator(QUEUE_ROWS).nth(2 * i)
            row.wait_for(timeout=120_000)
            row.locator("[col-id=what]").click()
            pg.wait_for_selector(f"#{ids.CURATION_CLAIM} h3", timeout=60_000)
            pg.fill(f"#{ids.CURATION_REASON}", "SYNTHETIC benchmark decision")
            old = _version(pg)
            start = time.perf_counter()
            pg.click(f"#{ids.CURATION_REJECT}")
            pg.wait_for_function(SHOWN, arg=old, timeout=300_000)
            times.append(time.perf_counter() - start)
            server.append(_published_s(pg))
            pg.wait_for_function(CAUGHT_UP, timeout=600_000, polling=200)
            caught.append(time.perf_counter() - start)
        browser.close()
    return times, caught, server


def _baseline(url: str, env: dict[str, str], claims: list[str], n: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        pg.goto(url + f"?date={DAY}")
        pg.wait_for_function(DRAWN, timeout=120_000)
        for claim in claims[:n]:
            _cli(env, "timeline", "review", "reject", claim, "--by", "bench",
                 "--reason", "SYNTHETIC benchmark decision")
            start = time.perf_counter()
            _cli(env, "timeline", "build")
            pg.reload()
            pg.wait_for_function(DRAWN, timeout=300_000)
            times.append(time.perf_counter() - start)
        browser.close()
    return times


def _claims(env: dict[str, str]) -> list[str]:
    """Claim ids of the Mosul record, from the store (the odd ones: ours takes the even
    rows of the queue)."""
    from frontline.settings import Settings
    from timeline.curation import claims_of
    from timeline.store.files import FileStore

    store = FileStore.from_settings(Settings.from_env(env))
    ids_ = [c.id for ex in store.extractions() for c in claims_of(ex)]
    return ids_[1::2]


def run(smoke: bool = False) -> dict[str, Any]:
    n = 2 if smoke else 6
    built = data_env("mosul", smoke)
    with tempfile.TemporaryDirectory(prefix="bench-curation-") as tmp:
        results: dict[str, Any] = {}
        for side in ("ours", "baseline"):
            data = Path(tmp) / side
            shutil.copytree(built["FRONTLINE_DATA_DIR"], data)
            env = {**built, "FRONTLINE_DATA_DIR": str(data)}
            _cli(env, "timeline", "analysts", "add", "bench", "--password-stdin",
                 stdin=PASSWORD + "\n")
            with running_app(env) as url:
                if side == "ours":
                    times, caught, server = _ours(url, n)
                else:
                    times = _baseline(url, env, _claims(env), n - 1)
            if side == "ours":
                results["first_s"] = round(times[0], 2)
                times = times[1:]
                results["caught_up_median_s"] = round(statistics.median(caught[1:]), 2)
                # Of which the server's publish (the rest: requests, the browser applying
                # the changed parts, MapLibre drawing).
                results["ours_server_median_s"] = round(statistics.median(server[1:]), 2)
            results[f"{side}_median_s"] = round(statistics.median(times), 2)
            results[f"{side}_max_s"] = round(max(times), 2)
            results[f"{side}_runs"] = len(times)
        results["x_faster"] = round(results["baseline_median_s"] / results["ours_median_s"], 1)
        results["decision_shown_target"] = (results["ours_median_s"], TARGET_S, "<=")
    return results


if __name__ == "__main__":
    import json

    print(json.dumps(run(smoke="--smoke" in sys.argv), indent=2))
