"""``python -m timeline``: extract articles, ingest a corpus, build and query control."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

PROG = "timeline"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"python -m {PROG}",
        description="Events, figures and the control timeline, from articles.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="extract events and figures from one article")
    extract.add_argument("path")
    extract.add_argument("--published", help="YYYY-MM-DD (wins over front matter)")
    extract.add_argument("--json", action="store_true", help="print JSON")
    ingest = sub.add_parser("ingest", help="extract every article of a folder into the store")
    ingest.add_argument("dir", nargs="?", help="default: seeds/ (FRONTLINE_SEEDS_DIR)")
    sub.add_parser("build", help="compute the control timeline from the store")
    state = sub.add_parser("state", help="control state of every district on a date")
    state.add_argument("--date", required=True, help="YYYY-MM-DD")
    state.add_argument("--known-on", help="use only articles published by this date")
    state.add_argument("--json", action="store_true", help="print JSON")
    return parser


# Each command is a function ``f(args) -> int`` in the module that owns it.
COMMANDS = {
    "extract": ("timeline.cli_extract", "extract"),
    "ingest": ("timeline.cli_extract", "ingest"),
    "build": ("timeline.cli_control", "build"),
    "state": ("timeline.cli_control", "state"),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module_name, func_name = COMMANDS[args.command]  # imported lazily: extract needs no GIS
    return int(getattr(importlib.import_module(module_name), func_name)(args))
