"""``python -m timeline build`` and ``python -m timeline state`` (the CLI contract).

``build`` runs :func:`timeline.pipeline.build` on the configured store (the control
timeline, its "as known on" replay and series, saved); ``state`` answers from
:func:`timeline.pipeline.timeline_on`: the saved timeline, or one computed on the fly
when none is saved or ``--known-on`` asks for an earlier state of knowledge.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from frontline.cli import print_json
from frontline.isodate import parse_iso_date
from frontline.settings import Settings
from geodata.theatre import load_theatre
from timeline import pipeline
from timeline.store.configured import configured_store


def parse_date(raw: str, flag: str) -> dt.date:
    """An ISO date from the command line, or a one-line :class:`DateError`."""
    return parse_iso_date(raw, flag)


def build(args: argparse.Namespace) -> int:
    """Build, replay "as known on", save, and print a one-paragraph summary."""
    started = time.perf_counter()
    settings = Settings.from_env()
    store = configured_store(settings)
    tl = pipeline.build(store, load_theatre(settings.theatre), settings)
    flagged = sum(1 for e in tl.evidence.values() if e.flags)
    print(
        f"built control timeline: {len(tl.district_ids)} districts x {tl.n_days} days "
        f"({tl.start} to {tl.end}) from {len(store.article_ids())} articles, "
        f"{len(tl.evidence) - 1} pieces of evidence ({flagged} flagged), "
        f"{len(tl.fronts)} distinct fronts, {len(tl.significant_changes())} significant "
        f"changes; saved {store.timeline_location()} "
        f"({time.perf_counter() - started:.2f} s)"
    )
    return 0


def state(args: argparse.Namespace) -> int:
    """Print every district's control on ``--date`` (JSON with ``--json``)."""
    date = parse_date(args.date, "--date")
    known_on = parse_date(args.known_on, "--known-on") if args.known_on else None
    settings = Settings.from_env()
    tl = pipeline.timeline_on(configured_store(settings), load_theatre(settings.theatre),
                              settings, known_on)
    doc = tl.state_json(date)
    if args.json:
        print_json(doc)
        return 0
    _print_table(doc)
    return 0


def _print_table(doc: dict[str, object]) -> None:
    out = sys.stdout
    known = f" (as known on {doc['known_on']})" if doc.get("known_on") else ""
    out.write(f"control on {doc['date']}{known}\n")
    districts = doc["districts"]
    assert isinstance(districts, list)
    for d in districts:
        out.write(f"  {d['id']:<28} {d['side']:<11} {d['basis']:<9} since {d['since']}\n")
    share = doc["share"]
    assert isinstance(share, dict)
    for key, sides in share.items():
        parts = ", ".join(f"{side} {value:.0%}" for side, value in sides.items() if value)
        out.write(f"{key}: {parts}\n")
    out.write(f"front line: {doc['frontline_km']} km\n")
