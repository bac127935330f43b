"""``python -m dashboard``: serve the app (default) or export a snapshot."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from exports.registry import CLI_FORMATS
from frontline import settings

PROG = "dashboard"
EXPORT_FORMATS = CLI_FORMATS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"python -m {PROG}",
        description="Serve the Frontline map (default) or export a snapshot for briefings.",
    )
    parser.add_argument("--host", default=settings.get("HOST"), help="default: %(default)s")
    parser.add_argument("--workers", type=int, default=None,
                        help="web worker processes; more than 1 serves with gunicorn "
                             "(default: FRONTLINE_WORKERS or 1)")
    parser.add_argument("--port", type=int, default=None,
                        help="default: FRONTLINE_PORT or 8050")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("serve", help="serve the app (the default command)")
    export = sub.add_parser("export", help="write a snapshot of one date to a file")
    # --date is required by every format but gif and mp4, which take --from and --to
    # (checked by cli_export, with a one-line error)
    export.add_argument("--date", default=None, help="YYYY-MM-DD")
    # Formats are checked by cli_export (a one-line error, not argparse's usage block).
    export.add_argument("--format", required=True, help="|".join(EXPORT_FORMATS))
    export.add_argument("--out", required=True, help="output file")
    export.add_argument("--scale", default="1", help="PNG pixel scale: 1 or 2 (default 1)")
    export.add_argument("--known-on", action="store_true",
                        help="the state as known on --date (what was known by then: "
                             "articles published, chronology rows dated)")
    export.add_argument("--dates", default="",
                        help="deck: comma-separated slide dates instead of the changes")
    export.add_argument("--deck", action="store_true",
                        help="with --format pdf: the briefing deck instead of one page")
    export.add_argument("--layers", default=None,
                        help="png/svg/pdf: map layers shown, comma-separated, of "
                             "districts,front,events,bridges,context,names (default all)")
    export.add_argument("--from", dest="start", default=None,
                        help="gif/mp4: the first date of the animation, YYYY-MM-DD")
    export.add_argument("--to", dest="end", default=None,
                        help="gif/mp4: the last date of the animation, YYYY-MM-DD")
    export.add_argument("--fps", default="2", help="gif/mp4: frames per second (default 2)")
    export.add_argument("--every", default="day",
                        help="gif/mp4: a frame per day or per change (default day)")
    export.add_argument("--compare", default=None, metavar="D1|known",
                        help="png/csv: the districts that changed hands between D1 and "
                             "--date (outlined on the map of --date, or listed with their "
                             "evidence), or with 'known' those whose side on --date later "
                             "reports changed")
    export.add_argument("--names", default="en",
                        help="the map's district names: en (default) or ar (Arabic, "
                             "right to left, as the app's names switch)")
    export.add_argument("--page", default=None,
                        help="pdf: a4 or letter (a one-page print layout, default a4) or "
                             "screen (the app's snapshot layout)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "export":
        from dashboard.cli_export import export

        return export(args)
    from dashboard.server import serve

    port = args.port if args.port is not None else settings.get_int("PORT")
    workers = args.workers if args.workers is not None else settings.get_int("WORKERS")
    if workers < 1:
        from frontline.errors import InputError
        raise InputError(f"--workers must be at least 1, got {workers}")
    serve(args.host, port, workers)
    return 0
