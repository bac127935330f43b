"""``python -m timeline extract`` and ``python -m timeline ingest``.

``extract PATH [--published D] [--json]`` prints one article's events and figures (the
contract's JSON with ``--json``). ``ingest [DIR]`` extracts every ``.md``, ``.txt``,
``.html`` article and ``.csv`` chronology of DIR (default ``FRONTLINE_SEEDS_DIR``) into
the store, skipping files whose entry is current (same content, same file, same store
format: :func:`timeline.store.corpus.is_current`), and drops the entries of files
that were deleted from DIR (so the map never shows claims whose article is gone). Each
file is stored under its id among the files of DIR (:func:`timeline.ids.article_ids`):
files whose names read alike are kept apart, never merged, and the summary names each
such collision on one line; ``extract`` gives a file the same id. A
bad file is reported and its earlier entry kept while the others go on; the exit code
is 1 only when every file failed (or DIR is missing), so that one broken article does
not stop ``make run``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from frontline import settings
from frontline.cli import print_json
from frontline.errors import FrontlineError, InputError
from frontline.isodate import parse_iso_date
from timeline.extract.articles import ARTICLE_SUFFIXES, load_article
from timeline.extract.chronology import load_chronology
from timeline.extract.extractor import extract_article
from timeline.ids import article_ids
from timeline.records import Extraction
from timeline.store.corpus import (
    entries_from,
    is_current,
    remove_entry,
    save_extraction,
    stored_sha256,
)

PROG = "timeline"
CHRONOLOGY_SUFFIXES = (".csv",)
INGEST_SUFFIXES = ARTICLE_SUFFIXES + CHRONOLOGY_SUFFIXES


def extract_path(path: str | Path, published: str | None = None, *,
                 id: str | None = None) -> Extraction:
    """Extract one article or chronology file (the ``--published`` flag wins).

    ``id`` is the file's article id; by default its id among the files of its folder,
    the one ingest stores it under.
    """
    path = Path(path)
    id = id or folder_article_id(path)
    if path.suffix.lower() in CHRONOLOGY_SUFFIXES:
        return load_chronology(path, id=id)
    return extract_article(load_article(path, _date_flag(published), id=id))


def ingest_files(folder: Path) -> list[Path]:
    """The files of ``folder`` that ingest reads: articles and chronologies."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in INGEST_SUFFIXES
                  and not p.name.startswith((".", "README")))


def folder_article_id(path: Path) -> str:
    """``path``'s id among the files ingest would read beside it."""
    siblings = ingest_files(path.parent) if path.parent.is_dir() else []
    return article_ids([*(p.name for p in siblings), path.name]).ids[path.name]


def extract(args: argparse.Namespace) -> int:
    extraction = extract_path(args.path, args.published)
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


@dataclass
class IngestReport:
    """What an ingest run did, printed as the summary."""

    extracted: int = 0
    unchanged: int = 0
    events: int = 0
    figures: int = 0
    unresolved: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    collisions: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"articles: {self.extracted} extracted, {self.unchanged} unchanged, "
            f"{len(self.failures)} failed, {len(self.removed)} removed"
            + (f" (no longer in the folder: {', '.join(self.removed)})" if self.removed else ""),
            *self.collisions,
            f"from the extracted articles: {self.events} events, {self.figures} figures",
            f"unresolved names: {len(self.unresolved)}"
            + (f" ({', '.join(sorted(self.unresolved))})" if self.unresolved else ""),
        ]


def ingest_dir(folder: Path, data_dir: Path | None = None, progress: bool = True,
               ) -> IngestReport:
    """Extract every new or changed file of ``folder`` into the store."""
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder of articles")
    files = ingest_files(folder)
    ids = article_ids(p.name for p in files)
    report = IngestReport(collisions=[c.line() for c in ids.collisions])
    for path in tqdm(files, desc="ingest", unit="file", file=sys.stderr, disable=not progress,
                     leave=False):
        try:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            if is_current(ids.ids[path.name], sha, path, data_dir):
                report.unchanged += 1
                continue
            extraction = extract_path(path, id=ids.ids[path.name])
        except (FrontlineError, OSError) as exc:
            report.failures.append(" ".join(str(exc).split()))
            continue
        save_extraction(extraction, data_dir)
        _warn(extraction.warnings)
        report.extracted += 1
        report.events += len(extraction.events)
        report.figures += len(extraction.figures)
        report.unresolved.update(extraction.unresolved_places)
    present = {p.resolve() for p in files}
    for stored_id, source in entries_from(folder, data_dir).items():
        if source.resolve() not in present and not source.exists():
            remove_entry(stored_id, data_dir)
            report.removed.append(source.name)
        elif _superseded(stored_id, ids.ids.get(source.name, stored_id), data_dir):
            remove_entry(stored_id, data_dir)
    return report


def _superseded(stored_id: str, current_id: str, data_dir: Path | None) -> bool:
    """An entry stored under an id its file no longer has (a file beside it now reads
    alike), once the entry under the current id exists: one file, one entry."""
    return current_id != stored_id and stored_sha256(current_id, data_dir) is not None


def ingest(args: argparse.Namespace) -> int:
    folder = Path(args.dir) if args.dir else settings.get_path("SEEDS_DIR")
    report = ingest_dir(folder)
    for line in report.lines():
        print(line)
    for failure in report.failures:
        print(f"{PROG}: error: {failure}", file=sys.stderr)
    total = report.extracted + report.unchanged + len(report.failures)
    return 1 if report.failures and len(report.failures) == total else 0


def _date_flag(value: str | None) -> dt.date | None:
    if value is None:
        return None
    return parse_iso_date(value, "--published")


def _warn(warnings: tuple[str, ...]) -> None:
    for warning in warnings:
        print(f"{PROG}: warning: {' '.join(warning.split())}", file=sys.stderr)
