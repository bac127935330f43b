"""``python -m geodata``: geocode names, build the theatre's GeoPackage, import boundaries."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from frontline.cli import not_implemented

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
    imp = sub.add_parser("import-boundaries", help="use authoritative district boundaries")
    imp.add_argument("file")
    imp.add_argument("--name-column", required=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return not_implemented(PROG, args.command)
