"""Analyst chronologies: a CSV of dated events and figures, one a row.

Analysts keep spreadsheets. A chronology CSV has the columns ``date, precision, kind,
places, actor, side, status, value, source, note`` (optional extra columns, in this order
after them: ``since``, ``subject``, ``claimant``, ``url``, ``source_date``,
``confidence``). ``kind`` is an event kind (``capture``, ``offensive``, ...)
or a figure kind (``killed``, ``displaced``, ...); a figure row needs a ``value``:
``5000`` (exact), ``~5000`` (about), ``>=3200`` (at least), ``<=500000`` (at most),
``9000-11000`` (a range). ``places`` are ``;``-separated gazetteer ids or names; a
name the gazetteer cannot resolve is kept with ``id: null`` and listed as unresolved.
``date`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``precision`` (day, week, month,
year) may be left empty to follow the date's form; ``week`` is how a row says
"approximate, within a few days of this date" (the date is moved to its week's Monday).
``url`` is the source's address; ``source_date`` the day the source was published
(``YYYY-MM-DD``, possibly long after the event: a later summary); ``confidence`` is
``high`` (a dated report of the time naming the place), ``medium`` (a later summary, or a
day inferred from "on Wednesday") or ``low`` (an approximate or month-level date). They
travel on the row's :class:`~timeline.records.Provenance`; the day the claim is known
from stays the row's date. ``side`` is one of the theatre's
sides (Mosul: ``government``, ``isis``) or ``contested`` / ``unknown``.

Each row becomes an event or figure whose provenance basis is ``analyst table`` and
whose quote and span are the CSV line. Bad rows are skipped and reported by line
number in ``Extraction.warnings``. A row's ``fighting_since`` and a territory
percentage's ``bank`` are read from the line like an article's sentence ("after three
months of fighting" in the note); a place column names whole places, never a part of
one, and no row says what is still held.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from frontline import settings
from frontline.errors import ArticleError
from frontline.links import safe_link
from geodata.gazetteer import get_gazetteer
from geodata.theatre import load_theatre
from timeline.extract.articles import decode, read_bounded
from timeline.extract.control_facts import fighting_since, share_bank
from timeline.extract.numbers import tidy
from timeline.ids import article_id, assign_claim_ids
from timeline.records import (
    BASIS_ANALYST,
    CONFIDENCES,
    EVENT_KINDS,
    EVENT_STATUSES,
    FIGURE_KINDS,
    Article,
    Event,
    Extraction,
    Figure,
    PartialDate,
    PlaceRef,
    Provenance,
)

COL_DATE, COL_PRECISION, COL_KIND, COL_PLACES = "date", "precision", "kind", "places"
COL_ACTOR, COL_SIDE, COL_STATUS, COL_VALUE = "actor", "side", "status", "value"
COL_SOURCE, COL_NOTE, COL_SINCE = "source", "note", "since"
COL_SUBJECT, COL_CLAIMANT = "subject", "claimant"
COL_URL, COL_SOURCE_DATE, COL_CONFIDENCE = "url", "source_date", "confidence"
REQUIRED = (COL_DATE, COL_PRECISION, COL_KIND, COL_PLACES, COL_ACTOR, COL_SIDE, COL_STATUS,
            COL_VALUE, COL_SOURCE, COL_NOTE)
_VALUE_RE = re.compile(
    r"^\s*(?P<op>~|>=|<=|>|<)?\s*(?P<a>\d[\d,.]*)\s*(?:-\s*(?P<b>\d[\d,.]*))?\s*$")
# Above the world's population: no casualty, displacement or population figure is larger.
MAX_FIGURE_VALUE = 10_000_000_000
_ISO_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_OPS = {None: "exact", "~": "about", ">=": "at_least", ">": "at_least", "<=": "at_most",
        "<": "at_most"}


class RowError(ValueError):
    """One bad row: the message names the column."""


def load_chronology(path: str | Path, gazetteer: object | None = None, *,
                    id: str | None = None, max_bytes: int | None = None) -> Extraction:
    """Read an analyst chronology CSV into an :class:`Extraction`.

    ``id`` is the chronology's id among the files of its folder
    (:func:`timeline.ids.article_ids`); without it, the file's own slug. Rows get their
    ids from what they say (:func:`timeline.ids.assign_claim_ids`), not their line.
    ``max_bytes`` is the run's article size limit (the configured one when None): a
    chronology obeys the same cap as an article.
    """
    path = Path(path)
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    limit = settings.get_int("MAX_ARTICLE_BYTES") if max_bytes is None else max_bytes
    data = read_bounded(path, limit)
    if not data.strip():
        raise ArticleError(f"{path}: the file is empty")
    text, warnings = decode(data, path)
    lines = text.splitlines(keepends=True)
    names = _header(lines[0] if lines else "")
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise ArticleError(f"{path}: chronology is missing column(s) {', '.join(missing)}")
    article = Article(
        id=id or article_id(path), path=str(path), title=f"Analyst chronology {path.name}",
        source=BASIS_ANALYST, published=None, text=text,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    gaz = gazetteer or get_gazetteer()
    events: list[Event] = []
    figures: list[Figure] = []
    unresolved: list[str] = []
    for number, row, span in _rows(lines, names):
        quote = text[span[0]:span[1]]
        try:
            if isinstance(row, csv.Error):
                raise RowError(f"not readable as CSV ({row})")
            record = _record(row, article, quote, span, gaz, len(events), len(figures))
        except RowError as exc:
            warnings.append(f"{path}: line {number}: {exc}; row skipped")
            continue
        if isinstance(record, Event):
            events.append(record)
        else:
            figures.append(record)
        unresolved += [r.mention for r in record.places
                       if r.id is None and r.mention not in unresolved]
    return assign_claim_ids(Extraction(article, tuple(events), tuple(figures),
                                       tuple(unresolved), tuple(warnings)))


def _header(line: str) -> list[str]:
    """The column names of the header line, read as CSV (a quoted header is valid CSV)."""
    try:
        return [h.strip() for h in next(csv.reader([line]), [])]
    except csv.Error:
        return []


def _rows(lines: list[str], names: list[str]
          ) -> Iterator[tuple[int, dict[str, str] | csv.Error, tuple[int, int]]]:
    """(first line number, row or the CSV error that spoiled it, character span) of each
    record after the header. A quoted field may span lines (a note of two paragraphs): the
    record's span then covers all its lines. Blank records and ``#`` comments are skipped.
    """
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    reader = csv.reader(iter(lines[1:]))
    consumed = 0  # lines of ``lines[1:]`` read so far
    while True:
        first = consumed
        try:
            values: list[str] | csv.Error = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            values = exc
        consumed = reader.line_num
        start = starts[first + 1]
        end = start + len("".join(lines[first + 1:consumed + 1]).rstrip("\r\n"))
        if isinstance(values, csv.Error):
            yield first + 2, values, (start, end)
            continue
        if not any(v.strip() for v in values) or values[0].lstrip().startswith("#"):
            continue
        row = {name: (values[i].strip() if i < len(values) else "")
               for i, name in enumerate(names)}
        yield first + 2, row, (start, end)


def _record(row: dict[str, str], article: Article, quote: str, span: tuple[int, int],
            gaz: object, n_events: int, n_figures: int) -> Event | Figure:
    kind = row[COL_KIND].lower()
    date = _date(row[COL_DATE], row[COL_PRECISION])
    if row.get(COL_URL) and not safe_link(row[COL_URL]):
        raise RowError(f"url {row[COL_URL][:80]!r} is not an http(s) address")
    prov = Provenance(article.id, row[COL_SOURCE] or article.source, date.start, quote, span,
                      basis=BASIS_ANALYST, title=article.title, url=row.get(COL_URL, ""),
                      source_date=_source_date(row.get(COL_SOURCE_DATE, "")),
                      confidence=_confidence(row.get(COL_CONFIDENCE, "")))
    if not row[COL_SOURCE]:
        raise RowError("the source column is empty (every row must name its source)")
    places = _places(row[COL_PLACES], gaz)
    if kind in EVENT_KINDS:
        side = (row[COL_SIDE] or "unknown").lower()
        status = (row[COL_STATUS] or "reported").lower()
        sides = (getattr(gaz, "theatre", None) or load_theatre()).side_codes.names
        if side not in sides:
            raise RowError(f"side {row[COL_SIDE]!r} is not one of {', '.join(sides)}")
        if status not in EVENT_STATUSES:
            raise RowError(f"status {row[COL_STATUS]!r} is not one of "
                           f"{', '.join(EVENT_STATUSES)}")
        if not places:
            raise RowError("an event row needs at least one place")
        return Event(f"{article.id}:e{n_events + 1}", kind, date, places, row[COL_ACTOR],
                     side, status, prov, note=row[COL_NOTE],
                     fighting_since=fighting_since(date, quote))
    if kind in FIGURE_KINDS:
        value, qualifier, low, high = _value(row[COL_VALUE])
        since = row.get(COL_SINCE, "")
        return Figure(
            f"{article.id}:f{n_figures + 1}", kind, value, qualifier,
            subject=row.get(COL_SUBJECT, ""), claimant=row.get(COL_CLAIMANT, "") or row[COL_ACTOR],
            provenance=prov, as_of=date, since=_date(since, "") if since else None,
            low=low, high=high, places=places, note=row[COL_NOTE],
            bank=share_bank(getattr(gaz, "theatre", None), places,
                            f"{row.get(COL_SUBJECT, '')} {quote}")
            if kind == "territory_percent" else None,
        )
    raise RowError(f"kind {row[COL_KIND]!r} is neither an event nor a figure kind")


def _date(text: str, precision: str) -> PartialDate:
    try:
        date = PartialDate.parse(text, precision.lower() or None)
    except (ValueError, IndexError):
        raise RowError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD with a valid "
                       "precision") from None
    if date.precision == "week":
        date = PartialDate(date.start - dt.timedelta(days=date.start.weekday()), "week")
    return date


def _source_date(text: str) -> dt.date | None:
    if not text:
        return None
    try:
        if not _ISO_DAY_RE.match(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RowError(f"source_date {text!r} is not YYYY-MM-DD") from None


def _confidence(text: str) -> str:
    confidence = text.lower()
    if confidence and confidence not in CONFIDENCES:
        raise RowError(f"confidence {text!r} is not one of {', '.join(CONFIDENCES)}")
    return confidence


def _value(text: str) -> tuple[float | None, str, float | None, float | None]:
    match = _VALUE_RE.match(text)
    if not match:
        raise RowError(f"value {text!r} is not a number (~N, >=N, <=N or N-M allowed)")
    try:
        low = float(match.group("a").replace(",", ""))
        high = float(match.group("b").replace(",", "")) if match.group("b") else None
    except ValueError:
        raise RowError(f"value {text!r} is not a number") from None
    if max(low, high or 0.0) > MAX_FIGURE_VALUE:
        raise RowError(f"value {text!r} is larger than any count a chronology can hold "
                       f"({MAX_FIGURE_VALUE:,.0f})")
    if high is not None:
        if low > high:
            raise RowError(f"value {text!r} is a range whose low end is above its high end")
        return None, "range", tidy(low), tidy(high)
    return tidy(low), _OPS[match.group("op")], None, None


def _places(text: str, gaz: object) -> tuple[PlaceRef, ...]:
    theatre = getattr(gaz, "theatre", None)
    ids = {p.id for p in theatre.places} if theatre else set()
    refs = []
    for token in (t.strip() for t in text.split(";")):
        if not token:
            continue
        if token in ids:
            refs.append(PlaceRef(token, token))
        else:
            refs.append(PlaceRef(gaz.match(token).id, token))  # type: ignore[attr-defined]
    return tuple(refs)
