"""Adding a report in the app: the preview job against a full rebuild, and the audit view.

On the seed corpus (SYNTHETIC report text: one paragraph written for this benchmark,
not data), side by side in one run:

- ``preview_s``: :func:`timeline.added_reports.draft_report` (read the form, extract,
  build the timeline with and without the report, no replay, and diff them): what the
  analyst waits for behind the progress bar;
- ``rebuild_s`` (the baseline): :func:`timeline.pipeline.build` on the same store, the
  full build with its "as known on" replay that saving then triggers;
- ``audit_s``: :func:`timeline.audit.audit_at` now (decisions as of now, replay included).

Wall seconds, best of ``REPEATS``; printed, never asserted.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from frontline.settings import Settings
from geodata.theatre import load_theatre
from timeline.added_reports import draft_report
from timeline.audit import audit_at
from timeline.intake import ReportForm
from timeline.pipeline import build, ingest
from timeline.store.files import FileStore

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 3
TEXT = ("(SYNTHETIC benchmark report) Iraqi troops took over the al-Zanjili district on "
        "Thursday after two days of fighting, officers said. Residents were told to stay "
        "indoors while engineers searched the streets for explosives left behind.")
FORM = ReportForm("Troops take al-Zanjili (synthetic)", "Synthetic Wire",
                  "https://example.org/bench", "2017-06-09", TEXT)


def _best(fn: Any) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return round(min(times), 3)


def run(smoke: bool = False) -> dict[str, Any]:
    root = Path(tempfile.mkdtemp(prefix="bench-report-preview-"))
    try:
        seeds = root / "seeds"
        seeds.mkdir()
        files = sorted(p for p in (ROOT / "seeds").iterdir() if p.is_file()
                       and not p.name.startswith((".", "README")))
        for p in files[:5] if smoke else files:
            shutil.copy(p, seeds / p.name)
        settings = replace(Settings.defaults(), data_dir=root / "data", seeds_dir=seeds)
        store = FileStore.from_settings(settings)
        theatre = load_theatre(settings.theatre)
        ingest(store, seeds, settings)
        build(store, theatre, settings)
        found = draft_report(store, settings, FORM)
        return {
            "articles": len(store.article_ids()),
            "claims_in_report": len(found.marks),
            "districts_changed": len(found.changes),
            "preview_s": _best(lambda: draft_report(store, settings, FORM)),
            "rebuild_s": _best(lambda: build(store, theatre, settings)),
            "audit_s": _best(lambda: audit_at(store, theatre, settings,
                                              dt.datetime.now(dt.UTC))),
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)
