"""Export speed: cold and warm PNG snapshots, and a ten-change-slide briefing deck.

- ``cold_png_s``: one snapshot in a process with no browser (kaleido starts Chromium,
  renders, stops it); ``cli_png_s``: ``python -m dashboard export --format png`` as an
  analyst runs it (imports, data load, browser start, render, atomic write).
- ``warm_png_s``: median snapshot with the app's long-lived browser (what the PNG
  button costs); the targets: <= 1.5 s, and >= 3x faster than the CLI.
- ``deck10_*_s``: a deck with ten change slides (plus title and sources), started with
  no browser, as the app's background job runs it; target <= 20 s for PowerPoint.

Data: the seeds built into a temporary data directory, date 2017-05-11.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATE = dt.date(2017, 5, 11)


def build_data(folder: Path) -> dict[str, str]:
    """Build the seeds into ``folder`` (steps not implemented yet are skipped)."""
    env = {"FRONTLINE_DATA_DIR": str(folder)}
    for step in (("geodata", "build"), ("timeline", "ingest"), ("timeline", "build")):
        result = subprocess.run([sys.executable, "-m", *step], cwd=ROOT, capture_output=True,
                                text=True, env={**os.environ, **env}, timeout=600,
                                stdin=subprocess.DEVNULL, check=False)
        if result.returncode not in (0, 2):
            raise RuntimeError(f"{step}: {result.stderr.strip()}")
    return env


def _timed(fn: Any) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _ten_dates(ctx: Any) -> list[dt.date]:
    start, end = ctx.theatre.battle_start, ctx.theatre.battle_end
    step = (end - start) / 10
    return [start + step * (i + 1) for i in range(10)]


def run(smoke: bool = False) -> dict[str, Any]:
    from exports import renderer
    from exports.context import load_context
    from exports.registry import export_bytes

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="frontline-bench-export-") as tmp:
        env = build_data(Path(tmp) / "data")
        os.environ.update(env)
        ctx = load_context()
        out["cold_png_s"] = round(_timed(lambda: export_bytes(ctx, "png", DATE)), 2)
        png = Path(tmp) / "cli.png"
        cli = [sys.executable, "-m", "dashboard", "export", "--date", DATE.isoformat(),
               "--format", "png", "--out", str(png)]
        out["cli_png_s"] = round(_timed(lambda: subprocess.run(
            cli, cwd=ROOT, env={**os.environ, **env}, check=True, capture_output=True,
            timeout=300)), 2)
        renderer.start_warm()
        try:
            export_bytes(ctx, "png", DATE)  # first render loads plotly.js into the tab
            warm = [_timed(lambda: export_bytes(ctx, "png", DATE))
                    for _ in range(2 if smoke else 5)]
        finally:
            renderer.stop_warm()
        out["warm_png_s"] = round(statistics.median(warm), 3)
        out["warm_png_target"] = (out["warm_png_s"], 1.5, "<=")
        out["speedup_vs_cli_target"] = (round(out["cli_png_s"] / out["warm_png_s"], 2), 3, ">=")
        out["speedup_vs_cold_render"] = round(out["cold_png_s"] / out["warm_png_s"], 2)
        dates = _ten_dates(ctx)[: 2 if smoke else 10]
        out["deck_change_slides"] = len(dates)
        out["deck_pptx_s"] = round(_timed(
            lambda: export_bytes(ctx, "pptx", DATE, dates=dates)), 2)
        if not smoke:
            out["deck10_pptx_target"] = (out["deck_pptx_s"], 20.0, "<=")
            out["deck10_pdf_s"] = round(_timed(
                lambda: export_bytes(ctx, "pdf-deck", DATE, dates=dates)), 2)
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(run(smoke="--smoke" in sys.argv), indent=2, default=str))
