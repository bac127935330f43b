"""``python -m bench [--smoke]``: run every benchmark, print one table, write results.json.

Each benchmark module has ``run(smoke: bool) -> dict`` returning a flat mapping of
measured figures; those whose name ends in ``_target`` hold a ``(value, limit, op)``
triple printed as pass/fail. Figures are printed, never asserted: tests assert behaviour.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
import traceback
from pathlib import Path
from typing import Any

MODULES = ("geocode", "districts", "ingest", "pathological", "timeline", "export", "page",
           "server", "curation", "report_preview")
RESULTS = Path(__file__).resolve().parent / "results.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: seconds, for CI")
    parser.add_argument("--only", nargs="*", choices=MODULES, help="run only these")
    parser.add_argument("--out", type=Path, default=None, help="results file")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "smoke": args.smoke,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    out = args.out or (RESULTS if not args.smoke else RESULTS.with_name("results-smoke.json"))
    if args.only:  # a partial rerun replaces its own sections and keeps the others
        results.update(_previous(out, args.smoke))
    failed = []
    for name in args.only or MODULES:
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"bench.{name}":
                raise
            continue
        print(f"== {name}", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            results[name] = module.run(smoke=args.smoke)
        except Exception:  # a benchmark failing must not hide the others' figures
            traceback.print_exc()
            failed.append(name)
            results[name] = {"error": traceback.format_exc(limit=1).strip().splitlines()[-1]}
        results[name]["_seconds"] = round(time.perf_counter() - started, 2)
        results[name]["_measured"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    print_table(results)
    out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nwritten {out}")
    return 1 if failed else 0


def _previous(path: Path, smoke: bool) -> dict[str, Any]:
    """The sections of an earlier run of the same size in ``path`` (none if unreadable)."""
    try:
        previous = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(previous, dict) or previous.get("smoke") != smoke:
        return {}
    return {k: v for k, v in previous.items() if k in MODULES}


def print_table(results: dict[str, Any]) -> None:
    rows = []
    for section, figures in results.items():
        if not isinstance(figures, dict) or section == "machine":
            continue
        for key, value in figures.items():
            if key.endswith("_target") and isinstance(value, list | tuple) and len(value) == 3:
                measured, limit, op = value
                ok = measured <= limit if op == "<=" else measured >= limit
                rows.append((section, key[: -len("_target")], _fmt(measured),
                             f"{op} {_fmt(limit)}", "PASS" if ok else "FAIL"))
            elif not key.startswith("_") or key in ("_seconds", "_measured"):
                rows.append((section, key, _fmt(value), "", ""))
    header = ("bench", "figure", "value", "target", "")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(5)]
    for row in (header, *rows):
        print("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


if __name__ == "__main__":
    sys.exit(main())
