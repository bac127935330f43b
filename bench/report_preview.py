"""Adding a report in the app: the preview job against a full rebuild, and the audit view.

On the seed corpus (SYNTHETIC report text: one paragraph written for this benchmark,
not data), side by side in one run:

- ``preview_s``: :func:`timeline.added_reports.draft_report` (read the form, extract,
  build the timeline with and without the report, no replay, and diff them): what the
  analyst waits for behind the progress bar;
- ``rebuild_s`` (the baseline): :func:`timeline.pipeline.build` on the same store, the
  full build with its "as known on" replay that saving then triggers;
- ``audit_s``: :func:`timeline.audit.audit_at` now (decisions as of now, replay included);
- ``stages_s`` and ``long_stages_s``: the seconds each stage of the progress bar took
  (reading the file, finding sentences, matching places, building the preview), for
  the paragraph and for a long report (``LONG_COPIES`` copies of it, a
  SYNTHETIC ~40 KB text): where the bar's shares (``timeline.added_reports.STAGES``)
  should lie.

Wall seconds, best of ``REPEATS``; printed, never asserted.
"""

from __future__ import annotations

import datetime as dt
import itertools
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
LONG_COPIES = 200
FORM = ReportForm("Troops take al-Zanjili (synthetic)", "Synthetic Wire",
                  "https://example.org/bench", "2017-06-09", TEXT)


def stage_seconds(store: FileStore, settings: Settings, form: ReportForm) -> dict[str, float]:
    """Seconds spent in each stage of the job's progress, by the stage's words."""
    marks: list[tuple[float, str]] = []
    draft_report(store, settings, form,
                 lambda _p, what: marks.append((time.perf_counter(), what.split(":")[0])))
    spent: dict[str, float] = {}
    for (t0, what), (t1, _) in itertools.pairwise(marks):
        spent[what] = spent.get(what, 0.0) + t1 - t0
    return {k: round(v, 3) for k, v in spent.items()}


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
            "stages_s": stage_seconds(store, settings, FORM),
            "long_stages_s": stage_seconds(store, settings, replace(
                FORM, text="\n\n".join([TEXT] * (LONG_COPIES // (10 if smoke else 1))))),
            "audit_s": _best(lambda: audit_at(store, theatre, settings,
                                              dt.datetime.now(dt.UTC))),
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)
