"""Initial page payload and frame time in headless Chromium: our app against the baseline.

``python -m bench.page [--smoke]`` prints the figures; ``run`` returns them. For each
size (Mosul, built from ``seeds/``; the SYNTHETIC stress theatre of :mod:`bench.stress`):

- **ours**: the real ``python -m dashboard`` (waitress) on a loopback port;
- **baseline**: :mod:`bench.baseline`, Plotly's own ``animation_frame`` map of the same
  data in a minimal Dash page.

Payload is the bytes over the wire for the first load of a fresh browser context (the
sum of CDP ``Network.loadingFinished`` ``encodedDataLength``: headers and bodies of
the page, scripts, styles and Dash's JSON); ``data_bytes`` counts only the page and
Dash's JSON (``Document``/``Fetch``/``XHR``), not the JS libraries. Frame time is, for
each of 50 steps (smoke: 5), from the step to the next animation frame after the map
graph's ``plotly_afterplot``. Ours is stepped as a user does: ArrowRight on the focused
slider thumb (timed from the keydown event). The baseline is stepped the way its slider
steps: ``Plotly.animate`` with the slider step's own arguments (duration 0, redraw).
Steps never overlap: each waits for MapLibre to be idle before the next. (MapLibre's
``idle`` was tried as a "paint" time and dropped: it fires on renders unrelated to the
step, sometimes before the step's data is set.)
"""

from __future__ import annotations

import statistics
import sys
import time
from typing import Any

from bench import baseline
from bench.server import data_env, running_app
from dashboard import ids

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--js-flags=--max-old-space-size=16384"]
VIEWPORT = {"width": 1280, "height": 800}
SIZES = ("mosul", "stress")
SMOKE_SIZES = ("stress",)  # smoke: the tiny SYNTHETIC theatre only (seconds, for CI)
PAYLOAD_LIMIT = {"mosul": 1_000_000, "stress": 8_000_000}
FRAME_LIMIT_MS = {"mosul": 16.0, "stress": 50.0}
ABOVE_FLOOR_X_FASTER = 3.0  # issue 18: a step above the repaint floor, against the baseline's
SCRIPTING_LIMIT_MS = {"stress": 16.0}
PLAY_DAYS_PER_S = {"mosul": 12.0}
PAYLOAD_X_SMALLER = 10.0
STEP_TIMEOUT_MS = 60_000
STEPS_BUDGET_S = 180.0  # a slow page stops stepping after this; the steps made are reported
DATA_TYPES = ("Document", "Fetch", "XHR")  # the page and Dash's JSON, not the libraries

# Installed once the map is drawn: records one {t0, frame} per step.
HARNESS = """([graphId, onKey]) => {
  const gd = document.querySelector('#' + graphId + ' .js-plotly-plot');
  const B = window.__bench = {gd: gd, results: [], pending: null};
  B.start = () => {
    const rec = {t0: performance.now(), frame: null};
    B.pending = rec;
    B.results.push(rec);
  };
  const done = () => {
    const rec = B.pending;
    if (!rec || rec.frame !== null || rec.afterplot) { return; }
    rec.afterplot = true;
    requestAnimationFrame(() => { rec.frame = performance.now() - rec.t0; });
  };
  // The baseline: Plotly has drawn the frame. Ours draws the map through MapLibre
  // (assets/mapview.js) and says when MapLibre is idle again, i.e. has painted the day.
  if (onKey) { document.addEventListener('frontline:map-drawn', done); } else {
    gd.on('plotly_afterplot', done);
  }
  if (onKey) {
    window.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowRight') { B.start(); }
    }, true);
  }
  B.animate = (i) => {
    const steps = gd.layout.sliders[0].steps;
    const step = steps[i % steps.length];
    B.start();
    window.Plotly.animate(gd, step.args[0], step.args[1]);
  };
  return gd.layout.sliders ? gd.layout.sliders[0].steps.length : null;
}"""
FRAME_DONE = """(n) => { const r = window.__bench.results;
  return r.length >= n && r[n - 1].frame !== null; }"""
OURS_READY = f"""() => Boolean(window.frontline && window.frontline.mapView
  && window.frontline.mapView.drawnDay() !== null && !window.frontline.mapView.busy()
  && document.querySelector('#{ids.MAP} canvas.maplibregl-canvas'))"""
BASELINE_READY = f"""() => {{
  const gd = document.querySelector('#{baseline.GRAPH_ID} .js-plotly-plot');
  return Boolean(gd && gd._transitionData && gd._transitionData._frames.length
    && gd._fullLayout.map
    && document.querySelector('#{baseline.GRAPH_ID} canvas.maplibregl-canvas')); }}"""
MAP_IDLE = """(graphId) => new Promise((resolve) => {
  const gd = document.querySelector('#' + graphId + ' .js-plotly-plot');
  const map = gd._fullLayout.map._subplot.map;
  if (map.loaded() && !map.isMoving()) { resolve(true); return; }
  map.once('idle', () => resolve(true));
  setTimeout(() => resolve(false), 30000);
})"""

# The floor under any frame time on this machine (software WebGL): a forced repaint of
# the same map with nothing changed (MapLibre's triggerRepaint), from the call to the
# animation frame after the map's next render. Measured on each page, in the same run.
REPAINT_FLOOR = """async ([graphId, n]) => {
  const gd = document.querySelector('#' + graphId + ' .js-plotly-plot');
  const map = gd._fullLayout.map._subplot.map;
  const out = [];
  for (let k = 0; k < n; k++) {
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    await new Promise((r) => { map.once('render', () => requestAnimationFrame(r));
                               map.triggerRepaint(); });
    out.push(performance.now() - t0);
  }
  return out;
}"""
# Play at 8x on our page: the days MapLibre has painted (frontline:map-drawn), for
# `seconds`, from the first painted day after Play.
PLAY_RATE = """async ([playId, seconds]) => {
  const drawn = [];
  const on = (e) => drawn.push([performance.now(), e.detail]);
  document.addEventListener('frontline:map-drawn', on);
  document.getElementById(playId).click();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  document.getElementById(playId).click();
  document.removeEventListener('frontline:map-drawn', on);
  const days = [...new Set(drawn.map((d) => d[1]))].length;
  if (drawn.length < 2) { return {days_per_s: 0, painted: days}; }
  const span = (drawn[drawn.length - 1][0] - drawn[0][0]) / 1000;
  return {days_per_s: (drawn[drawn.length - 1][1] - drawn[0][1]) / span, painted: days,
          span_s: span};
}"""
# Main-thread JavaScript in a Chrome trace: the union of these events' spans on the
# renderer's main thread (nested events are counted once).
SCRIPT_EVENTS = {"FunctionCall", "EvaluateScript", "V8.Execute", "RunMicrotasks",
                 "EventDispatch", "TimerFire", "FireAnimationFrame", "v8.compile",
                 "v8.run", "V8.ScriptCompiler", "FireIdleCallback"}
TRACE_CATEGORIES = ["devtools.timeline", "v8", "disabled-by-default-devtools.timeline"]
TRACED_STEPS = 10


def scripting_ms(trace: bytes) -> float:
    """Milliseconds of JavaScript on the renderer's main thread in a Chrome trace."""
    import json

    events = json.loads(trace)
    events = events.get("traceEvents", events) if isinstance(events, dict) else events
    main = {(e["pid"], e["tid"]) for e in events
            if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"}
    spans = sorted((e["ts"], e["ts"] + e.get("dur", 0)) for e in events
                   if e.get("ph") == "X" and e.get("name") in SCRIPT_EVENTS
                   and (e.get("pid"), e.get("tid")) in main)
    total, end = 0.0, float("-inf")
    for start, stop in spans:
        if stop <= end:
            continue
        total += stop - max(start, end)
        end = stop
    return total / 1000


def traced_scripting(browser: Any, loaded: Loaded, step: Any) -> float:
    """Main-thread scripting per step (ms) over :data:`TRACED_STEPS` steps."""
    browser.start_tracing(page=loaded.page, categories=TRACE_CATEGORIES)
    try:
        base = len(loaded.page.evaluate("() => window.__bench.results"))
        for k in range(1, TRACED_STEPS + 1):
            step(base + k)
            loaded.page.wait_for_function(FRAME_DONE, arg=base + k, timeout=STEP_TIMEOUT_MS,
                                          polling="raf")
    finally:
        trace = browser.stop_tracing()
    return scripting_ms(trace) / TRACED_STEPS


def _pct(values: list[float], pct: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


class Loaded:
    """A fresh browser context with one page loaded from ``url``; payload counted by CDP."""

    def __init__(self, browser: Any, url: str, ready_js: str, timeout_ms: int) -> None:
        self.context = browser.new_context(viewport=VIEWPORT)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.bytes = 0
        self.data_bytes = 0
        self.requests = 0
        self.types: dict[str, str] = {}
        cdp = self.context.new_cdp_session(self.page)
        cdp.send("Network.enable")
        cdp.on("Network.responseReceived",
               lambda e: self.types.__setitem__(e["requestId"], e.get("type", "")))
        cdp.on("Network.loadingFinished", self._finished)
        started = time.perf_counter()
        self.page.goto(url, timeout=timeout_ms)
        self.page.wait_for_function(ready_js, timeout=timeout_ms, polling=100)
        self.load_s = time.perf_counter() - started
        self.page.wait_for_load_state("networkidle", timeout=timeout_ms)

    def _finished(self, event: dict[str, Any]) -> None:
        size = int(event.get("encodedDataLength") or 0)
        self.bytes += size
        self.requests += 1
        if self.types.get(event["requestId"]) in DATA_TYPES:
            self.data_bytes += size

    def close(self) -> None:
        self.context.close()


def _steps(loaded: Loaded, graph_id: str, n: int, step: Any) -> dict[str, Any]:
    """Time ``n`` steps made by ``step(k)``; median and p95 of the frame time (ms).

    A step slower than :data:`STEP_TIMEOUT_MS` ends the run (it counts as that long: a
    lower bound), as does :data:`STEPS_BUDGET_S`; the steps made are reported.
    """
    from playwright.sync_api import Error as PlaywrightError

    pg = loaded.page
    pg.evaluate(MAP_IDLE, graph_id)
    deadline = time.monotonic() + STEPS_BUDGET_S
    timed_out = False
    for k in range(1, n + 1):
        if time.monotonic() > deadline:
            break
        try:
            step(k)
            pg.wait_for_function(FRAME_DONE, arg=k, timeout=STEP_TIMEOUT_MS, polling="raf")
        except PlaywrightError:
            timed_out = True
            break
        pg.evaluate(MAP_IDLE, graph_id)  # let the map finish drawing before the next step
    results = pg.evaluate("() => window.__bench.results")
    frames = [r["frame"] if r["frame"] is not None else float(STEP_TIMEOUT_MS)
              for r in results]
    return {"steps": len(frames), "timed_out": timed_out,
            "frame_median_ms": statistics.median(frames), "frame_p95_ms": _pct(frames, 95)}


def measure_ours(browser: Any, env: dict[str, str], n: int, size: str) -> dict[str, Any]:
    with running_app(env) as url:
        loaded = Loaded(browser, url, OURS_READY, 120_000)
        try:
            loaded.page.evaluate(HARNESS, [ids.MAP, True])
            thumb = loaded.page.locator(f"#{ids.SLIDER} [role=slider]")
            thumb.focus()
            press = lambda _k: thumb.press("ArrowRight", timeout=STEP_TIMEOUT_MS)  # noqa: E731
            figures = _steps(loaded, ids.MAP, n, press)
            day = loaded.page.text_content(f"#{ids.DATE_LABEL}")
            floor = loaded.page.evaluate(REPAINT_FLOOR, [ids.MAP, 10]) or [float("nan")]
            thumb.focus()
            scripting = traced_scripting(browser, loaded, press)
            loaded.page.get_by_label("8×").check()
            loaded.page.evaluate(MAP_IDLE, ids.MAP)
            play = loaded.page.evaluate(PLAY_RATE, [ids.PLAY, 4])
        finally:
            loaded.close()
    return {"payload_bytes": loaded.bytes, "data_bytes": loaded.data_bytes,
            "requests": loaded.requests, "load_s": loaded.load_s,
            "page_errors": len(loaded.errors), "last_day": day,
            "repaint_floor_ms": statistics.median(floor), "scripting_ms_per_step": scripting,
            "play_8x_days_per_s": play["days_per_s"], "play_8x_days_painted": play["painted"],
            **figures}


def measure_baseline(browser: Any, env: dict[str, str], n: int,
                     timeout_ms: int) -> dict[str, Any]:
    app, info = baseline.build(env)
    out: dict[str, Any] = {"layout_bytes": info["layout_bytes"], "frames": info["frames"],
                           "build_s": info["figure_s"] + info["serialise_s"]}
    with baseline.serving(app) as url:
        try:
            loaded = Loaded(browser, url, BASELINE_READY, timeout_ms)
        except Exception as exc:  # the baseline may not load at all: that is a result
            out["error"] = f"did not load within {timeout_ms / 1000:.0f} s: {type(exc).__name__}"
            return out
        try:
            loaded.page.evaluate(HARNESS, [baseline.GRAPH_ID, False])
            animate = lambda k: loaded.page.evaluate(  # noqa: E731
                "(k) => window.__bench.animate(k)", k)
            figures = _steps(loaded, baseline.GRAPH_ID, n, animate)
            floor = loaded.page.evaluate(REPAINT_FLOOR, [baseline.GRAPH_ID, 10]) or [
                float("nan")]
            scripting = traced_scripting(browser, loaded, animate)
        finally:
            loaded.close()
    return {**out, "payload_bytes": loaded.bytes, "data_bytes": loaded.data_bytes,
            "requests": loaded.requests, "repaint_floor_ms": statistics.median(floor),
            "scripting_ms_per_step": scripting,
            "load_s": loaded.load_s, "page_errors": len(loaded.errors), **figures}


def compare(size: str, ours: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """The flat figures of one size: ours, the baseline's, the ratios and the targets."""
    out: dict[str, Any] = {}
    r3 = lambda v: round(v, 3) if isinstance(v, float) else v  # noqa: E731
    out[f"{size}_payload_bytes_target"] = (ours["payload_bytes"], PAYLOAD_LIMIT[size], "<=")
    out[f"{size}_frame_median_ms_target"] = (r3(ours["frame_median_ms"]),
                                             FRAME_LIMIT_MS[size], "<=")
    for key in ("data_bytes", "frame_p95_ms", "repaint_floor_ms", "scripting_ms_per_step",
                "play_8x_days_per_s", "play_8x_days_painted", "load_s", "requests",
                "page_errors", "steps", "timed_out"):
        out[f"{size}_{key}"] = r3(ours[key])
    for key in ("payload_bytes", "data_bytes", "frame_median_ms", "frame_p95_ms", "load_s",
                "repaint_floor_ms", "scripting_ms_per_step",
                "steps", "timed_out", "frames", "build_s", "error"):
        if key in base:
            out[f"{size}_baseline_{key}"] = r3(base[key])
    base_payload = base.get("payload_bytes") or base.get("layout_bytes")
    if base_payload:
        out[f"{size}_payload_ratio"] = round(ours["payload_bytes"] / base_payload, 4)
        out[f"{size}_payload_x_smaller_target"] = (
            round(base_payload / ours["payload_bytes"], 1), PAYLOAD_X_SMALLER, ">=")
    if base.get("data_bytes"):
        out[f"{size}_data_ratio"] = round(ours["data_bytes"] / base["data_bytes"], 4)
    if "frame_median_ms" in base:
        out[f"{size}_frame_ratio"] = round(ours["frame_median_ms"] / base["frame_median_ms"], 4)
        out[f"{size}_frame_vs_baseline_target"] = (out[f"{size}_frame_ratio"], 1.0, "<=")
        # Above the floor: each page's step median less its own repaint floor.
        mine = ours["frame_median_ms"] - ours["repaint_floor_ms"]
        theirs = base["frame_median_ms"] - base["repaint_floor_ms"]
        out[f"{size}_frame_median_above_floor_ms"] = r3(mine)
        out[f"{size}_baseline_frame_median_above_floor_ms"] = r3(theirs)
        out[f"{size}_frame_above_floor_x_faster_target"] = (
            round(theirs / mine, 3) if mine > 0 else float("inf"), ABOVE_FLOOR_X_FASTER, ">=")
    if size in SCRIPTING_LIMIT_MS:
        out[f"{size}_scripting_ms_per_step_target"] = (
            r3(ours["scripting_ms_per_step"]), SCRIPTING_LIMIT_MS[size], "<=")
    if size in PLAY_DAYS_PER_S:
        out[f"{size}_play_8x_days_per_s_target"] = (
            r3(ours["play_8x_days_per_s"]), PLAY_DAYS_PER_S[size], ">=")
    return out


def run(smoke: bool = False) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    n = 5 if smoke else 50
    out: dict[str, Any] = {"steps": n, "stress_data": "SYNTHETIC"}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=CHROMIUM_ARGS)
        try:
            for size in SMOKE_SIZES if smoke else SIZES:
                env = data_env(size, smoke)
                ours = measure_ours(browser, env, n, size)
                base = measure_baseline(browser, env, n, 60_000 if smoke else 600_000)
                out |= compare(size, ours, base)
                print(f"page: {size} measured", file=sys.stderr, flush=True)
        finally:
            browser.close()
    return out


if __name__ == "__main__":
    for key, value in run(smoke="--smoke" in sys.argv).items():
        print(f"{key:36} {value}")
