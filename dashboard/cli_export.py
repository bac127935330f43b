"""``python -m dashboard export``: one export of a date to a file, per the CLI contract.

Checks come before any work, so bad input fails in well under a second: the date
(ISO, inside the battle), the format, the destination directory. The file is written
atomically: a failed run leaves nothing at ``--out``. Extra flags beyond the contract:
``--scale 2`` (PNG at twice the pixels), ``--known-on`` (the state as known on the
date), ``--dates`` (the deck's slide dates), ``--deck`` (``pdf`` as a deck) and
``--layers`` (a snapshot's map layers, as the app's toggles name them).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exports.context import check_in_battle, load_context, parse_date
from exports.files import check_destination
from exports.registry import (
    CLI_FORMATS,
    IMAGE,
    check_layers,
    check_suffix,
    export_format,
    write_export,
)
from frontline.errors import ExportError, StoreError
from frontline.settings import Settings
from geodata.theatre import load_theatre
from timeline.store.files import FileStore
from timeline.store.protocol import Store


def export(args: argparse.Namespace) -> int:
    """Run one export; domain errors propagate to the one-line error boundary."""
    settings = Settings.from_env()
    theatre = load_theatre(settings.theatre)
    date = check_in_battle(theatre, parse_date(args.date))
    fmt = str(args.format)
    if fmt not in CLI_FORMATS:
        raise ExportError(f"unknown format {fmt!r}; expected one of {', '.join(CLI_FORMATS)}")
    out = check_destination(Path(args.out))
    check_suffix(out, fmt)
    dates = [parse_date(d) for d in args.dates.split(",") if d.strip()]
    if fmt == "pdf" and (args.deck or dates):
        fmt = "pdf-deck"
    scale = _scale(args.scale)
    layers = None
    if args.layers is not None:
        if export_format(fmt).family != IMAGE:
            raise ExportError(f"--layers applies to png, svg and pdf, not {fmt}")
        layers = check_layers([n.strip() for n in str(args.layers).split(",") if n.strip()])
    store = FileStore.from_settings(settings)
    _check_built(store)
    ctx = load_context(theatre, store=store, settings=settings)
    size = write_export(out, ctx, fmt, date, known=args.known_on,
                        scale=scale, dates=dates or None, layers=layers)
    print(f"wrote {out} ({size:,} bytes)", file=sys.stderr)
    return 0


def _check_built(store: Store) -> None:
    """Refuse to export an empty store: a script would get a grey map and exit 0.
    (Looking creates nothing: an unbuilt data folder is left alone.)"""
    if not store.article_ids():
        raise StoreError(f"no articles in {store}: build the data first "
                         "(`make data`, or `python -m timeline ingest` then "
                         "`python -m timeline build`)")


def _scale(raw: object) -> float:
    try:
        scale = float(str(raw))
    except ValueError:
        scale = 0.0
    if scale not in (1.0, 2.0):
        raise ExportError(f"--scale must be 1 or 2, got {raw!r}")
    return scale
