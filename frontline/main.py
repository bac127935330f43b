"""``frontline``: one command for the three package command lines.

``frontline geocode NAME`` is ``python -m geodata geocode NAME``, and so on for the
commands below; ``frontline geodata|timeline|dashboard ARGS`` reach the whole of a
package's command line. Each runs the package's own ``main`` behind the same error
boundary (:func:`frontline.cli.run_cli`), so output, JSON and exit codes are those
of ``python -m``, the stable contract (``shared/CONTRACT.md``).

This entry point sits above every layer (it imports the command lines of all of
them), although it lives in the ``frontline`` package that is the lowest layer.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from frontline.cli import run_cli

PROG = "frontline"

# command -> (package whose command line runs it, the arguments put before the user's)
COMMANDS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "geocode": ("geodata", ("geocode",), "resolve a place name to a gazetteer id"),
    "extract": ("timeline", ("extract",), "extract events and figures from one article"),
    "ingest": ("timeline", ("ingest",), "extract every article of a folder into the store"),
    "build": ("timeline", ("build",), "compute the control timeline from the store"),
    "state": ("timeline", ("state",), "control state of every district on a date"),
    "analysts": ("timeline", ("analysts",), "analyst accounts: `analysts add NAME`"),
    "review": ("timeline", ("review",), "accept, reject or edit one extracted claim"),
    "names": ("timeline", ("names",), "say what an unresolved name is (map, not-place, outside)"),
    "decisions": ("timeline", ("decisions",), "history, undo and orphans of decisions"),
    "export": ("dashboard", ("export",), "write a snapshot, deck or animation to a file"),
    "serve": ("dashboard", (), "serve the map (--host, --port)"),
    "geodata": ("geodata", (), "python -m geodata ARGS (e.g. `build`, `import-boundaries`)"),
    "timeline": ("timeline", (), "python -m timeline ARGS"),
    "dashboard": ("dashboard", (), "python -m dashboard ARGS"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Frontline: articles in, control map and briefing exports out. "
                    "`frontline COMMAND --help` describes a command.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="commands:\n" + "\n".join(f"  {name:<10} {help_}"
                                         for name, (_, _, help_) in COMMANDS.items()),
    )
    parser.add_argument("command", choices=list(COMMANDS), metavar="COMMAND")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="the command's own arguments")
    return parser


def dispatch(argv: Sequence[str] | None = None) -> int:
    """Run the package command line that owns ``argv``'s command."""
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    package, prefix, _ = COMMANDS[args.command]
    cli = importlib.import_module(f"{package}.cli")  # only the package asked for is loaded
    return int(cli.main([*prefix, *args.args]))


def main() -> None:
    """The ``frontline`` console script."""
    run_cli(PROG, dispatch)
