"""``python -m timeline``: extract articles, ingest a corpus, build and query control, and
record analysts' decisions (``analysts``, ``review``, ``names``, ``decisions``), and send
ingest and build to the Celery workers of a team deployment (``jobs``)."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence
from typing import Any

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
    jobs = sub.add_parser("jobs", help="run ingest or build on the Celery workers "
                                        "(FRONTLINE_BROKER_URL) and wait for it")
    j_sub = jobs.add_subparsers(dest="jobs_command", required=True)
    j_ingest = j_sub.add_parser("ingest", help="ingest a folder, shared across the workers")
    j_ingest.add_argument("dir", nargs="?", help="default: seeds/ (FRONTLINE_SEEDS_DIR)")
    j_build = j_sub.add_parser("build", help="build the control timeline on a worker")
    for parser_ in (j_ingest, j_build):
        parser_.add_argument("--timeout", type=float, default=3600,
                             help="seconds to wait for the job (default %(default)s)")
        parser_.add_argument("--json", action="store_true", help="print JSON")
    store = sub.add_parser("store", help="move the store into a team database")
    s_sub = store.add_subparsers(dest="store_command", required=True)
    copy_to = s_sub.add_parser("copy-to", help="copy the configured store (articles, "
                               "districts, timeline, accounts, the whole decision log) "
                               "into an empty PostgreSQL database")
    copy_to.add_argument("url", metavar="URL", help="postgresql://user@host:5432/db")
    copy_to.add_argument("--json", action="store_true", help="print JSON")
    add_curation_parsers(sub)
    return parser


def add_curation_parsers(sub: Any) -> None:
    """The curation commands, under ``python -m timeline``."""
    analysts = sub.add_parser("analysts", help="analyst accounts (who may decide)")
    a_sub = analysts.add_subparsers(dest="analysts_command", required=True)
    add = a_sub.add_parser("add", help="create an account (asks for the password)")
    add.add_argument("name")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of stdin")
    a_sub.add_parser("list", help="the accounts")

    review = sub.add_parser("review", help="accept, reject or edit one extracted claim")
    review.add_argument("action", choices=["accept", "reject", "edit"])
    review.add_argument("claim_id", metavar="CLAIM_ID")
    _who(review, reason_required=False)
    review.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                        help="an edited field (repeat); places=ID,ID")

    names = sub.add_parser("names", help="say what an unresolved name is")
    names.add_argument("action", choices=["map", "not-place", "outside"])
    names.add_argument("name", metavar="NAME")
    names.add_argument("--place", help="the gazetteer place id (map)")
    _who(names, reason_required=True)

    decisions = sub.add_parser("decisions", help="history, undo and orphans of decisions")
    d_sub = decisions.add_subparsers(dest="decisions_command", required=True)
    history = d_sub.add_parser("history", help="every step, oldest first")
    history.add_argument("subject", nargs="?", help="a claim id, name, override id or outlet")
    history.add_argument("--json", action="store_true", help="print JSON")
    undo = d_sub.add_parser("undo", help="retract a decision (or an undo)")
    undo.add_argument("decision_id", metavar="DECISION_ID")
    _who(undo, reason_required=True)
    orphans = d_sub.add_parser("orphans", help="decisions whose claim or name is gone")
    orphans.add_argument("--json", action="store_true", help="print JSON")


def _who(parser: argparse.ArgumentParser, reason_required: bool) -> None:
    parser.add_argument("--by", required=True, metavar="NAME", help="the deciding analyst")
    parser.add_argument("--reason", required=reason_required, default="", help="why")
    parser.add_argument("--expect-revision", type=int, metavar="N",
                        help="refuse if the subject moved since revision N")
    parser.add_argument("--json", action="store_true", help="print JSON")


# Each command is a function ``f(args) -> int`` in the module that owns it.
COMMANDS = {
    "extract": ("timeline.cli_extract", "extract"),
    "ingest": ("timeline.cli_extract", "ingest"),
    "build": ("timeline.cli_control", "build"),
    "state": ("timeline.cli_control", "state"),
    "analysts": ("timeline.cli_curation", "analysts"),
    "review": ("timeline.cli_curation", "review"),
    "names": ("timeline.cli_curation", "names"),
    "decisions": ("timeline.cli_curation", "decisions"),
    "jobs": ("timeline.cli_jobs", "jobs"),
    "store": ("timeline.cli_store", "store"),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module_name, func_name = COMMANDS[args.command]  # imported lazily: extract needs no GIS
    return int(getattr(importlib.import_module(module_name), func_name)(args))
