"""``python -m timeline build`` and ``python -m timeline state`` (the CLI contract).

``build`` computes the control timeline from the article store (plus the "as known on"
replay) and saves it; ``state`` answers from the saved timeline, or computes on the fly
when none is saved or ``--known-on`` asks for an earlier state of knowledge.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from frontline.cli import print_json
from frontline.isodate import parse_iso_date
from timeline.control.build import add_known_replay, build_timeline
from timeline.control.model import ControlTimeline


def parse_date(raw: str, flag: str) -> dt.date:
    """An ISO date from the command line, or a one-line :class:`DateError`."""
    return parse_iso_date(raw, flag)


def compute(known_on: dt.date | None = None) -> ControlTimeline:
    """The timeline computed now from the stored districts and extractions."""
    from geodata.store import load_districts
    from geodata.theatre import load_theatre
    from timeline.store.corpus import load_extractions

    theatre = load_theatre()
    districts = load_districts(theatre=theatre)
    return build_timeline(theatre, districts, load_extractions(known_on=known_on),
                          known_on=known_on)


def build(args: argparse.Namespace) -> int:
    """Build, replay "as known on", save, and print a one-paragraph summary."""
    from geodata.store import load_districts
    from geodata.theatre import load_theatre
    from timeline.control.series import add_series
    from timeline.store.corpus import load_extractions
    from timeline.store.timeline_files import save_timeline

    started = time.perf_counter()
    theatre = load_theatre()
    districts = load_districts(theatre=theatre)
    extractions = load_extractions()
    tl = build_timeline(theatre, districts, extractions, series=False)
    add_known_replay(tl, theatre, districts, extractions)
    add_series(tl, theatre, districts)
    path = save_timeline(tl)
    flagged = sum(1 for e in tl.evidence.values() if e.flags)
    print(
        f"built control timeline: {len(tl.district_ids)} districts x {tl.n_days} days "
        f"({tl.start} to {tl.end}) from {len(extractions)} articles, "
        f"{len(tl.evidence) - 1} pieces of evidence ({flagged} flagged), "
        f"{len(tl.fronts)} distinct fronts, {len(tl.significant_changes())} significant "
        f"changes; saved {path.with_suffix('.npz').name} + {path.name} in {path.parent} "
        f"({time.perf_counter() - started:.2f} s)"
    )
    return 0


def state(args: argparse.Namespace) -> int:
    """Print every district's control on ``--date`` (JSON with ``--json``)."""
    from timeline.store.timeline_files import has_timeline, load_timeline

    date = parse_date(args.date, "--date")
    known_on = parse_date(args.known_on, "--known-on") if args.known_on else None
    tl = compute(known_on) if known_on or not has_timeline() else load_timeline()
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
