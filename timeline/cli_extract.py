"""``python -m timeline extract`` and ``python -m timeline ingest``.

``extract PATH [--published D] [--json]`` prints one article's events and figures (the
contract's JSON with ``--json``). ``ingest [DIR]`` runs :func:`timeline.pipeline.ingest`
on DIR (default ``FRONTLINE_SEEDS_DIR``) into the configured store, with a progress bar
and a summary: every ``.md``, ``.txt``, ``.html`` article and ``.csv`` chronology is
extracted unless its stored extraction is current, each under its id among the files of
DIR (names that read alike are kept apart and named in the summary), and the entries of
deleted files are dropped.
A bad file is reported and its earlier entry kept while the others go on; the exit code
is 1 only when every file failed (or DIR is missing), so that one broken article does
not stop ``make run``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from tqdm import tqdm

from frontline.cli import print_json
from frontline.isodate import parse_iso_date
from frontline.settings import Settings
from geodata.gazetteer import get_gazetteer
from timeline.extract.sources import extract_path

PROG = "timeline"


def extract(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    extraction = extract_path(args.path, _date_flag(args.published),
                              max_bytes=settings.max_article_bytes,
                              gazetteer=get_gazetteer(settings.theatre))
    _warn(extraction.warnings)
    if args.json:
        print_json(extraction.to_json())
        return 0
    art = extraction.article
    print(f"{art.title} ({art.source or 'no source'}, published {art.published or 'unknown'})")
    for event in extraction.events:
        places = ", ".join(p.id or f"?{p.mention}" for p in event.places)
        print(f"  event  {event.date.iso():10} {event.kind:11} {places} "
              f"[{event.actor or '?'}, {event.side}, {event.status}]")
    for fig in extraction.figures:
        value = fig.value if fig.value is not None else f"{fig.low}-{fig.high}"
        print(f"  figure {fig.as_of.iso() if fig.as_of else '?':10} {fig.kind:11} {value} "
              f"({fig.qualifier}) {fig.subject} [{fig.claimant or 'article'}]")
    if extraction.unresolved_places:
        print("  unresolved places: " + ", ".join(extraction.unresolved_places))
    return 0


def ingest(args: argparse.Namespace) -> int:
    from timeline import pipeline  # the GIS stack: not loaded for ``extract``
    from timeline.store.configured import configured_store

    settings = Settings.from_env()
    folder = Path(args.dir) if args.dir else settings.seeds_dir
    report = pipeline.ingest(configured_store(settings), folder, settings,
                             progress=_progress_bar)
    _warn(tuple(report.warnings))
    for line in report.lines():
        print(line)
    for failure in report.failures:
        print(f"{PROG}: error: {failure}", file=sys.stderr)
    return 1 if report.all_failed else 0


def _progress_bar(files: Sequence[Path]) -> Iterable[Path]:
    return tqdm(files, desc="ingest", unit="file", file=sys.stderr, leave=False)


def _date_flag(value: str | None) -> dt.date | None:
    if value is None:
        return None
    return parse_iso_date(value, "--published")


def _warn(warnings: tuple[str, ...]) -> None:
    for warning in warnings:
        print(f"{PROG}: warning: {' '.join(warning.split())}", file=sys.stderr)
