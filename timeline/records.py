"""Typed records of the timeline domain: articles, dates, events, figures.

Every :class:`Event` and :class:`Figure` carries its provenance: the quote it came
from, the character span of that quote in the article text (or the CSV line of an
analyst chronology), and the article's id, source and publication date. The JSON
shapes (``to_json``) are those of the command-line contract.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from frontline.links import safe_link

EVENT_KINDS = (
    "capture", "attack", "kill", "arrest", "offensive", "declaration", "destruction", "other",
)
EVENT_STATUSES = ("reported", "claimed", "expected")
CONFIDENCES = ("high", "medium", "low")
FIGURE_KINDS = (
    "killed", "wounded", "displaced", "trapped", "arrested", "territory_percent",
    "population", "fighters", "returned",
)
QUALIFIERS = ("exact", "about", "at_least", "at_most", "range", "vague")
PRECISIONS = ("day", "week", "month", "year")
BASIS_ARTICLE = "article"
BASIS_ANALYST = "analyst table"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a precision: ``start`` is the first day of the period.

    ``PartialDate(date(2017, 2, 1), "month")`` is "February 2017"; its ISO form is
    ``2017-02``. A week is given by its Monday and written as that day.
    """

    start: dt.date
    precision: str = "day"

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown precision {self.precision!r}")

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        s = self.start
        if self.precision == "day":
            return s
        if self.precision == "week":
            return s + dt.timedelta(days=6)
        if self.precision == "month":
            nxt = dt.date(s.year + (s.month == 12), s.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(s.year, 12, 31)

    def iso(self) -> str:
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        if self.precision == "year":
            return f"{self.start.year:04d}"
        return self.start.isoformat()

    @classmethod
    def parse(cls, text: str, precision: str | None = None) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (precision from the form)."""
        parts = text.strip().split("-")
        if len(parts) == 1:
            return cls(dt.date(int(parts[0]), 1, 1), precision or "year")
        if len(parts) == 2:
            return cls(dt.date(int(parts[0]), int(parts[1]), 1), precision or "month")
        return cls(dt.date.fromisoformat(text.strip()), precision or "day")

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class Article:
    """A loaded article: metadata from front matter and the text to extract from.

    ``text`` is the article body as received; ``ignored`` lists character spans
    (page chrome, marked opinion) that extraction must skip.
    """

    id: str
    path: str
    title: str
    source: str
    published: dt.date | None
    text: str
    url: str = ""
    language: str = "en"
    sha256: str = ""
    ignored: tuple[tuple[int, int], ...] = ()
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "url": self.url,
            "sha256": self.sha256,
            "language": self.language,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Article:
        """Rebuild an article's metadata (the text is not stored in the corpus)."""
        published = data.get("published")
        return cls(
            id=data["id"], path=data.get("path", ""), title=data.get("title", ""),
            source=data.get("source", ""),
            published=dt.date.fromisoformat(published) if published else None,
            text="", url=safe_link(data.get("url", "")), language=data.get("language", "en"),
            sha256=data.get("sha256", ""),
        )


@dataclass(frozen=True)
class PlaceRef:
    """A place named in a quote: the resolved id (None when unresolved) and the mention.

    ``partial`` says the quote names only part of the place ("another area in western
    Mosul"): an event's claim on it must not cover the whole place. Its JSON field is
    written only when true, so that a whole place keeps the contract's exact shape.
    """

    id: str | None
    mention: str
    partial: bool = False

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "mention": self.mention}
        if self.partial:
            data["partial"] = True
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlaceRef:
        return cls(data.get("id"), data.get("mention", ""), bool(data.get("partial", False)))


@dataclass(frozen=True)
class Provenance:
    """Where a claim comes from: the article (or chronology) and the exact quote.

    An analyst chronology row may name its source's address (``url``), the day that
    source was published (``source_date``, which may be later than the event: a summary
    written months after) and the analyst's ``confidence`` in the row (one of
    :data:`CONFIDENCES`, or empty when not given). ``published`` stays the day the claim
    is known from, which the known-on rule reads.
    """

    article_id: str
    source: str
    published: dt.date | None
    quote: str
    span: tuple[int, int]
    basis: str = BASIS_ARTICLE
    title: str = ""
    url: str = ""
    source_date: dt.date | None = None
    confidence: str = ""

    def excerpt(self, note: str = "") -> str:
        """What a reader is shown: the article's sentence, or for an analyst chronology the
        row's note with its line (the raw row stays the ``quote``, the provenance)."""
        if self.basis == BASIS_ANALYST and note:
            return f"{note} (analyst chronology: {self.article_id})"
        return self.quote


@dataclass(frozen=True)
class Event:
    """Something that happened (or was claimed or expected) at a date and places.

    ``fighting_since`` is the first day of the fighting that the quote says led to the
    event ("after three months of fighting"), None when it gives no duration: a capture
    known only to the month contests its districts from then.

    ``reviewed`` says what an analyst made of the claim ("accepted by ana", "edited by
    ana: the report names another district"); empty while nobody has reviewed it (not
    to be confused with the control build's ``Evidence.review``, a claim held back
    *for* review).
    """

    id: str
    kind: str
    date: PartialDate
    places: tuple[PlaceRef, ...]
    actor: str
    side: str
    status: str
    provenance: Provenance
    flags: tuple[str, ...] = field(default=())
    note: str = ""
    fighting_since: dt.date | None = None
    reviewed: str = ""

    def to_json(self) -> dict[str, Any]:
        p = self.provenance
        return {
            "id": self.id,
            "kind": self.kind,
            "date": self.date.iso(),
            "date_precision": self.date.precision,
            "places": [ref.to_json() for ref in self.places],
            "actor": self.actor,
            "side": self.side,
            "status": self.status,
            "quote": p.quote,
            "span": list(p.span),
            "source": p.source,
            "article": p.article_id,
            "basis": p.basis,
            "flags": list(self.flags),
            "note": self.note,
            "fighting_since": self.fighting_since.isoformat() if self.fighting_since else None,
            **_provenance_extras(p),
            **_reviewed(self.reviewed),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], article: Article) -> Event:
        """Rebuild an event from :meth:`to_json` output (the article gives provenance)."""
        fighting = data.get("fighting_since")
        return cls(
            id=data["id"], kind=data["kind"],
            date=PartialDate.parse(data["date"], data.get("date_precision")),
            places=tuple(PlaceRef.from_json(r) for r in data["places"]),
            actor=data.get("actor", ""), side=data.get("side", "unknown"),
            status=data.get("status", "reported"),
            provenance=_provenance_from_json(data, article),
            flags=tuple(data.get("flags", ())), note=data.get("note", ""),
            fighting_since=dt.date.fromisoformat(fighting) if fighting else None,
            reviewed=data.get("reviewed", ""),
        )


def _provenance_extras(p: Provenance) -> dict[str, Any]:
    """A chronology row's own source address, source date and confidence, when it gives
    them (absent keys keep older stores and article claims as they were)."""
    extras: dict[str, Any] = {}
    if p.url:
        extras["url"] = p.url
    if p.source_date:
        extras["source_date"] = p.source_date.isoformat()
    if p.confidence:
        extras["confidence"] = p.confidence
    return extras


def _reviewed(reviewed: str) -> dict[str, Any]:
    """An analyst's review, written only when there is one (unreviewed claims keep the
    contract's shape, and stores written before reviews existed load unchanged)."""
    return {"reviewed": reviewed} if reviewed else {}


def _provenance_from_json(data: dict[str, Any], article: Article) -> Provenance:
    start, end = data.get("span", (0, 0))
    source_date = data.get("source_date")
    return Provenance(
        article_id=data.get("article", article.id), source=data.get("source", article.source),
        published=article.published, quote=data.get("quote", ""), span=(int(start), int(end)),
        basis=data.get("basis", BASIS_ARTICLE), title=article.title,
        url=safe_link(data.get("url")) or article.url,
        source_date=dt.date.fromisoformat(source_date) if source_date else None,
        confidence=data.get("confidence", ""),
    )


@dataclass(frozen=True)
class Figure:
    """A number reported about the battle: casualties, displaced, share of territory.

    On a territory percentage, ``bank`` is the bank it is a share of (None: the whole
    city), and ``still_held`` and ``still_held_corners`` are the places and compass
    corners ("northwest") its article says ISIS still holds: the control rules infer the
    districts farthest from them, so they travel with the figure. ``reviewed`` is as on
    :class:`Event`.
    """

    id: str
    kind: str
    value: float | None
    qualifier: str
    subject: str
    claimant: str
    provenance: Provenance
    as_of: PartialDate | None = None
    since: PartialDate | None = None
    low: float | None = None
    high: float | None = None
    places: tuple[PlaceRef, ...] = ()
    flags: tuple[str, ...] = ()
    note: str = ""
    still_held: tuple[PlaceRef, ...] = ()
    still_held_corners: tuple[str, ...] = ()
    bank: str | None = None
    reviewed: str = ""

    def to_json(self) -> dict[str, Any]:
        p = self.provenance
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "value": self.value,
            "qualifier": self.qualifier,
            "as_of": self.as_of.iso() if self.as_of else None,
            "since": self.since.iso() if self.since else None,
            "subject": self.subject,
            "claimant": self.claimant,
            "places": [ref.to_json() for ref in self.places],
            "quote": p.quote,
            "span": list(p.span),
            "source": p.source,
            "article": p.article_id,
            "basis": p.basis,
            "flags": list(self.flags),
            "note": self.note,
            "still_held": [ref.to_json() for ref in self.still_held],
            "still_held_corners": list(self.still_held_corners),
            "bank": self.bank,
            **_provenance_extras(p),
            **_reviewed(self.reviewed),
        }
        if self.low is not None or self.high is not None:
            data["low"] = self.low
            data["high"] = self.high
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], article: Article) -> Figure:
        """Rebuild a figure from :meth:`to_json` output."""
        as_of, since = data.get("as_of"), data.get("since")
        return cls(
            id=data["id"], kind=data["kind"], value=data.get("value"),
            qualifier=data.get("qualifier", "exact"), subject=data.get("subject", ""),
            claimant=data.get("claimant", ""),
            provenance=_provenance_from_json(data, article),
            as_of=PartialDate.parse(as_of) if as_of else None,
            since=PartialDate.parse(since) if since else None,
            low=data.get("low"), high=data.get("high"),
            places=tuple(PlaceRef.from_json(r) for r in data["places"]),
            flags=tuple(data.get("flags", ())), note=data.get("note", ""),
            still_held=tuple(PlaceRef.from_json(r) for r in data.get("still_held", ())),
            still_held_corners=tuple(data.get("still_held_corners", ())),
            bank=data.get("bank"),
            reviewed=data.get("reviewed", ""),
        )


@dataclass(frozen=True)
class Extraction:
    """What one article (or chronology) yields."""

    article: Article
    events: tuple[Event, ...]
    figures: tuple[Figure, ...]
    unresolved_places: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article.to_json(),
            "events": [e.to_json() for e in self.events],
            "figures": [f.to_json() for f in self.figures],
            "unresolved_places": list(self.unresolved_places),
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Extraction:
        """Rebuild an extraction from :meth:`to_json` output (the article text is not kept)."""
        article = Article.from_json(data["article"])
        return cls(
            article=article,
            events=tuple(Event.from_json(e, article) for e in data.get("events", ())),
            figures=tuple(Figure.from_json(f, article) for f in data.get("figures", ())),
            unresolved_places=tuple(data.get("unresolved_places", ())),
            warnings=tuple(data.get("warnings", ())),
        )
