"""``python -m dashboard export``: one export of a date to a file, per the CLI contract.

Checks come before any work, so bad input fails in well under a second: the date
(ISO, inside the battle), the format, the destination directory. The file is written
atomically: a failed run leaves nothing at ``--out``. Extra flags beyond the contract:
``--scale 2`` (PNG at twice the pixels), ``--known-on`` (the state as known on the
date), ``--dates`` (the deck's slide dates), ``--deck`` (``pdf`` as a deck) and
``--layers`` (a snapshot's map layers, as the app's toggles name them), ``--page``
(a PDF's page: ``a4`` by default, ``letter``, or ``screen``). ``gif`` and ``mp4`` take
``--from`` and ``--to`` instead of ``--date``, with ``--fps`` and ``--every``.
``--names ar`` draws the map's names in Arabic (any format with a map).
``--compare D1`` (``png`` or ``csv``): the app's comparison of two dates, D1 to
``--date``; ``--compare known``: ``--date`` as known then against later reports.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exports.context import ExportContext, check_in_battle, load_context, parse_date
from exports.files import check_destination, write_atomic
from exports.registry import (
    ANIMATION,
    CLI_FORMATS,
    DATA,
    IMAGE,
    PAGES,
    check_layers,
    check_suffix,
    export_format,
    write_export,
)
from frontline.errors import ExportError, StoreError
from frontline.settings import Settings
from geodata.theatre import Theatre, load_theatre
from timeline.store.configured import configured_store
from timeline.store.protocol import Store


def export(args: argparse.Namespace) -> int:
    """Run one export; domain errors propagate to the one-line error boundary."""
    settings = Settings.from_env()
    theatre = load_theatre(settings.theatre)
    fmt = str(args.format)
    if fmt not in CLI_FORMATS:
        raise ExportError(f"unknown format {fmt!r}; expected one of {', '.join(CLI_FORMATS)}")
    names = _names(args.names, fmt)
    if export_format(fmt).family == ANIMATION:
        return _animation(args, settings, theatre, fmt)
    if args.compare is not None:
        return _compare(args, settings, theatre, fmt)
    for flag, value in (("--from", args.start), ("--to", args.end)):
        if value is not None:
            raise ExportError(f"{flag} applies to gif and mp4; {fmt} takes --date")
    if args.date is None:
        raise ExportError(f"--date is required for {fmt}")
    date = check_in_battle(theatre, parse_date(args.date))
    out = check_destination(Path(args.out))
    check_suffix(out, fmt)
    dates = [parse_date(d) for d in args.dates.split(",") if d.strip()]
    if fmt == "pdf" and (args.deck or dates):
        fmt = "pdf-deck"
    page = _page(args.page, fmt)
    scale = _scale(args.scale)
    layers = None
    if args.layers is not None:
        if export_format(fmt).family != IMAGE:
            raise ExportError(f"--layers applies to png, svg and pdf, not {fmt}")
        layers = check_layers([n.strip() for n in str(args.layers).split(",") if n.strip()])
    ctx = _built_context(theatre, settings)
    size = write_export(out, ctx, fmt, date, known=args.known_on, scale=scale,
                        dates=dates or None, layers=layers, page=page, names=names)
    print(f"wrote {out} ({size:,} bytes)", file=sys.stderr)
    return 0


def _names(raw: object, fmt: str) -> str:
    """The map names' language; a one-line error for a bad one, or for Arabic names
    asked of a data export (it carries ``name`` and ``name_ar`` both, and no map)."""
    from exports.context import NAME_LANGUAGES

    names = str(raw)
    if names not in NAME_LANGUAGES:
        raise ExportError(f"--names must be one of {', '.join(NAME_LANGUAGES)}, got {names!r}")
    if names != "en" and export_format(fmt).family == DATA:
        raise ExportError(f"--names applies to exports with a map, not {fmt} "
                          "(its rows carry the Arabic names already)")
    return names


def _page(raw: str | None, fmt: str) -> str:
    """The PDF page asked for: A4 print by default; a one-line error for other formats."""
    if raw is None:
        return "a4" if fmt == "pdf" else "screen"
    if fmt != "pdf":
        raise ExportError(f"--page applies to a pdf snapshot, not {fmt}")
    if raw not in PAGES:
        raise ExportError(f"--page must be one of {', '.join(PAGES)}, got {raw!r}")
    return raw


def _animation(args: argparse.Namespace, settings: Settings, theatre: Theatre,
               fmt: str) -> int:
    """``--format gif|mp4 --from D1 --to D2``: every check before any rendering."""
    from exports.animation import EVERY, FPS_RANGE

    if args.date is not None:
        raise ExportError(f"{fmt} takes --from and --to, not --date")
    for flag, value in (("--from", args.start), ("--to", args.end)):
        if value is None:
            raise ExportError(f"{flag} YYYY-MM-DD is required for {fmt}")
    start, end = parse_date(args.start), parse_date(args.end)
    if start > end:
        raise ExportError(f"--from {start.isoformat()} is after --to {end.isoformat()}")
    check_in_battle(theatre, start)
    check_in_battle(theatre, end)
    try:
        fps = int(str(args.fps))
    except ValueError:
        fps = 0
    if not FPS_RANGE[0] <= fps <= FPS_RANGE[1]:
        raise ExportError(f"--fps must be a whole number from {FPS_RANGE[0]} to "
                          f"{FPS_RANGE[1]}, got {args.fps!r}")
    if args.every not in EVERY:
        raise ExportError(f"--every must be one of {', '.join(EVERY)}, got {args.every!r}")
    for flag, value in (("--layers", args.layers), ("--page", args.page)):
        if value is not None:
            raise ExportError(f"{flag} does not apply to {fmt}")
    out = check_destination(Path(args.out))
    check_suffix(out, fmt)
    ctx = _built_context(theatre, settings)
    size = write_export(out, ctx, fmt, end, known=args.known_on, start=start, fps=fps,
                        every=args.every, names=args.names)
    print(f"wrote {out} ({size:,} bytes)", file=sys.stderr)
    return 0


COMPARE_FORMATS = ("png", "csv")
HINDSIGHT = "known"


def _compare(args: argparse.Namespace, settings: Settings, theatre: Theatre,
             fmt: str) -> int:
    """``--compare D1|known --date D2``: the comparison the app's panel downloads, as a
    PNG snapshot (changed districts outlined, listed) or a CSV (with the evidence)."""
    from exports.compare import compare_csv, compare_png

    if fmt not in COMPARE_FORMATS:
        raise ExportError(f"--compare exports png or csv, not {fmt}")
    if args.date is None:
        raise ExportError("--date is required with --compare (the later date)")
    for flag, given in (("--known-on", args.known_on), ("--deck", args.deck),
                        ("--dates", bool(args.dates)), ("--layers", args.layers is not None),
                        ("--page", args.page is not None), ("--from", args.start is not None),
                        ("--to", args.end is not None), ("--scale", str(args.scale) != "1")):
        if given:
            raise ExportError(f"{flag} does not apply to --compare")
    last = check_in_battle(theatre, parse_date(args.date))
    hindsight = str(args.compare).strip().lower() == HINDSIGHT
    first = last if hindsight else check_in_battle(theatre, parse_date(str(args.compare)))
    if first > last:  # before loading anything (exports.compare refuses it too)
        raise ExportError(f"--compare {first.isoformat()} is after --date {last.isoformat()}")
    out = check_destination(Path(args.out))
    check_suffix(out, fmt)
    ctx = _built_context(theatre, settings).named_in(str(args.names))
    data = (compare_png if fmt == "png" else compare_csv)(ctx, first, last, hindsight)
    write_atomic(out, data)
    print(f"wrote {out} ({len(data):,} bytes)", file=sys.stderr)
    return 0


def _built_context(theatre: Theatre, settings: Settings) -> ExportContext:
    """The export context of the configured store, once it is known to hold data."""
    store = configured_store(settings)
    _check_built(store)
    return load_context(theatre, store=store, settings=settings)


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
