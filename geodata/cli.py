"""``python -m geodata``: geocode names, build the theatre's GeoPackage, import boundaries."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from frontline.cli import print_json
from frontline.errors import InputError
from geodata.gazetteer import Match, get_gazetteer
from geodata.normalize import MAX_NAME_CHARS
from geodata.theatre import load_theatre

PROG = "geodata"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"python -m {PROG}",
        description="Gazetteer, district polygons and front line of a theatre.",
    )
    parser.add_argument(
        "--theatre", default=None, help="theatre name or folder (FRONTLINE_THEATRE)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    geocode = sub.add_parser("geocode", help="resolve a place name to a gazetteer id")
    geocode.add_argument("name")
    geocode.add_argument("--json", action="store_true", help="print JSON")
    build = sub.add_parser("build", help="write the theatre GeoPackage to the data directory")
    build.add_argument("--force", action="store_true", help="rebuild even when unchanged")
    build.add_argument("--json", action="store_true", help="print JSON")
    imp = sub.add_parser("import-boundaries", help="use authoritative district boundaries")
    imp.add_argument("file")
    imp.add_argument("--name-column", required=True)
    imp.add_argument("--json", action="store_true", help="print JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "geocode":
        return _geocode(args.name, args.theatre, args.json)
    if args.command == "build":
        return _build(args.theatre, args.force, args.json)
    return _import(Path(args.file), args.name_column, args.theatre, args.json)


def _geocode(name: str, theatre_name: str | None, as_json: bool) -> int:
    if not name.strip():
        raise InputError("empty place name: give a name, e.g. geocode \"al-Maamel\"")
    if len(name) > MAX_NAME_CHARS:
        raise InputError(f"place name is {len(name):,} characters long; "
                         f"names longer than {MAX_NAME_CHARS} are refused")
    match = get_gazetteer(theatre_name).match(name)
    if as_json:
        print_json(match.to_json())
    else:
        print(describe(match))
    return 0


def describe(match: Match) -> str:
    """One readable line for a geocode answer."""
    query = json.dumps(match.query, ensure_ascii=False)
    others = ", ".join(f"{c.id} ({c.score:.2f})" for c in match.candidates[:3]) or "none"
    p = match.place
    if p is None:
        return f"{query}: no place in this theatre (score {match.score:.2f}); closest: {others}"
    where = f" at {p.lat:.4f}, {p.lon:.4f}" if p.lat is not None and p.lon is not None else ""
    bank = f", {p.bank} bank" if p.bank else ""
    return f"{query} -> {p.id} ({p.name}; {p.kind}{bank}{where}; score {match.score:.2f})"


def _build(theatre_name: str | None, force: bool, as_json: bool) -> int:
    from geodata.store import build_store

    result = build_store(theatre=load_theatre(theatre_name), force=force)
    if as_json:
        print_json({"path": str(result.path), "built": result.built, "reason": result.reason,
                    "counts": result.counts, "seconds": round(result.seconds, 3),
                    "boundaries": str(result.boundaries) if result.boundaries else None})
    else:
        print(result.summary())
    return 0


def _import(path: Path, name_column: str, theatre_name: str | None, as_json: bool) -> int:
    from geodata.boundaries import import_boundaries
    from geodata.store import build_store

    theatre = load_theatre(theatre_name)
    report = import_boundaries(path, name_column, theatre)
    result = build_store(theatre=theatre)
    if as_json:
        print_json({**report.to_json(), "store": str(result.path), "rebuilt": result.built})
    else:
        print(report.summary())
        print(result.summary())
    return 0
