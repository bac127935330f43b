"""The curation schema: analysts, and every analyst decision as an append-only log.

One table, ``decisions``, is the log: one row per step an analyst took, never updated
or deleted. Each row names its ``scope`` (what kind of thing it decides: a claim, a
name, an override, an annotation, an outlet's grade, a place added
to the gazetteer) and its ``subject`` within that
scope (the claim id, the normalised name, the override id, the annotation id, the
outlet, the new place's id), with who (``author``), when (``decided_at``) and why (``reason``).

``revision`` counts the steps on one subject (1, 2, 3 ...; unique per scope and
subject): a writer names the revision it read, and a write on a subject that has moved
since is refused (optimistic concurrency, :class:`frontline.errors.ConflictError`).

An undo is a row like the others (``action`` = ``undo``, its own who/when/why) whose
``retracts`` names the row it takes back; an undo can itself be undone, which puts the
row back in force. The decision in force on a subject is its latest row that is not an
undo and that no undo in force retracts.

What a decision says sits in one detail table per scope, keyed by the log row's id and
written in the same transaction: a row of the log has its detail, or it is an undo.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SCOPE_CLAIM = "claim"
SCOPE_NAME = "name"
SCOPE_OVERRIDE = "override"
SCOPE_ANNOTATION = "annotation"
SCOPE_GRADE = "grade"
SCOPE_PLACE = "place"
SCOPES = (SCOPE_CLAIM, SCOPE_NAME, SCOPE_OVERRIDE, SCOPE_ANNOTATION, SCOPE_GRADE, SCOPE_PLACE)
ACTION_UNDO = "undo"
ACTION_SET = "set"  # an override, annotation or grade set (or set again) on its subject

ID_LEN = 40
NAME_LEN = 80
SUBJECT_LEN = 400


class Base(DeclarativeBase):
    pass


class AnalystRow(Base):
    """An account allowed to decide: the password is kept only as an argon2 hash."""

    __tablename__ = "analysts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(NAME_LEN), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class DecisionRow(Base):
    """One step of the log (see the module docstring)."""

    __tablename__ = "decisions"
    __table_args__ = (
        UniqueConstraint("scope", "subject", "revision", name="uq_decisions_subject_revision"),
        Index("ix_decisions_retracts", "retracts"),
    )

    id: Mapped[str] = mapped_column(String(ID_LEN), primary_key=True)
    scope: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(SUBJECT_LEN))
    revision: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))
    author: Mapped[str] = mapped_column(String(NAME_LEN))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    retracts: Mapped[str | None] = mapped_column(ForeignKey("decisions.id"), nullable=True)


class ClaimDecisionRow(Base):
    """Accept, reject or edit one claim; ``changes`` holds an edit's corrected fields."""

    __tablename__ = "claim_decisions"

    decision_id: Mapped[str] = mapped_column(ForeignKey("decisions.id"), primary_key=True)
    claim_id: Mapped[str] = mapped_column(String(SUBJECT_LEN))
    changes: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    published: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class NameDecisionRow(Base):
    """What an unresolved name means (the name as the analyst gave it)."""

    __tablename__ = "name_decisions"

    decision_id: Mapped[str] = mapped_column(ForeignKey("decisions.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(SUBJECT_LEN))
    place_id: Mapped[str | None] = mapped_column(String(SUBJECT_LEN), nullable=True)


class OverrideRow(Base):
    """A district's side set by an analyst over a span of days."""

    __tablename__ = "overrides"

    decision_id: Mapped[str] = mapped_column(ForeignKey("decisions.id"), primary_key=True)
    override_id: Mapped[str] = mapped_column(String(SUBJECT_LEN))
    district: Mapped[str] = mapped_column(String(SUBJECT_LEN))
    side: Mapped[str] = mapped_column(String(NAME_LEN))
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    source: Mapped[str] = mapped_column(Text, default="")
    source_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    supersedes: Mapped[list[str]] = mapped_column(JSON, default=list)


class AnnotationRow(Base):
    """A dated note pinned to a place."""

    __tablename__ = "annotations"

    decision_id: Mapped[str] = mapped_column(ForeignKey("decisions.id"), primary_key=True)
    annotation_id: Mapped[str] = mapped_column(String(SUBJECT_LEN))
    place: Mapped[str] = mapped_column(String(SUBJECT_LEN))
    day: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, default="")
    source_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class SourceGradeRow(Base):
    """An outlet's grade on the Admiralty scale."""

    __tablename__ = "source_grades"

    decision_id: Mapped[str] = mapped_column(ForeignKey("decisions.id"), primary_key=True)
    outlet: Mapped[str] = mapped_column(String(SUBJECT_LEN))
    grade: Mapped[str] = mapped_column(String(2))


class NewPlaceRow(Base):
    """A place an analyst added to the gazetteer: a point, its bank and parent district."""

    __tablename__ = "new_places"

    decision_id: Mapped[str] = mapped_column(ForeignKey("decisions.id"), primary_key=True)
    place_id: Mapped[str] = mapped_column(String(SUBJECT_LEN))
    name: Mapped[str] = mapped_column(String(SUBJECT_LEN))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    bank: Mapped[str] = mapped_column(String(NAME_LEN), default="")
    parent: Mapped[str] = mapped_column(String(SUBJECT_LEN), default="")


# The content of a SQL store (:mod:`timeline.store.sql.store`, migration 0003). On
# PostgreSQL ``geom`` is a PostGIS column the migration creates (districts:
# MultiPolygon, places: Point, SRID 4326); these models describe the SQLite twin, which
# keeps WKB bytes.


class ArticleRow(Base):
    """One article's extraction (its JSON), the sha256 and location of its source."""

    __tablename__ = "articles"

    article_id: Mapped[str] = mapped_column(String(SUBJECT_LEN), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(Text)
    format: Mapped[int] = mapped_column(Integer)
    extraction: Mapped[dict[str, object]] = mapped_column(
        JSON().with_variant(JSONB(), "postgresql"))


class DistrictRow(Base):
    """A district polygon of a theatre, with the columns of the GeoPackage layer."""

    __tablename__ = "districts"

    theatre: Mapped[str] = mapped_column(String(200), primary_key=True)
    id: Mapped[str] = mapped_column(String(SUBJECT_LEN), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_ar: Mapped[str] = mapped_column(Text)
    bank: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(40))
    confidence: Mapped[str] = mapped_column(String(40))
    uncertainty_km: Mapped[float | None] = mapped_column(Float, nullable=True)
    area_km2: Mapped[float | None] = mapped_column(Float, nullable=True)
    approximate: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    geom: Mapped[bytes] = mapped_column(LargeBinary)


class PlaceRow(Base):
    """A gazetteer entry with a point (the events layer places events at it)."""

    __tablename__ = "places"

    theatre: Mapped[str] = mapped_column(String(200), primary_key=True)
    id: Mapped[str] = mapped_column(String(SUBJECT_LEN), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_ar: Mapped[str] = mapped_column(Text)
    bank: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(40))
    confidence: Mapped[str] = mapped_column(String(40))
    geom: Mapped[bytes] = mapped_column(LargeBinary)


class TimelineRow(Base):
    """The built timeline, one row: its arrays (npz) and JSON document, saved together."""

    __tablename__ = "timelines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    build: Mapped[str] = mapped_column(String(64))
    doc: Mapped[str] = mapped_column(Text)
    arrays: Mapped[bytes] = mapped_column(LargeBinary)
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime)


class StoreStateRow(Base):
    """The change counter every content write raises (the store's version)."""

    __tablename__ = "store_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    changes: Mapped[int] = mapped_column(BigInteger)


DETAIL_TABLES = {
    SCOPE_CLAIM: ClaimDecisionRow, SCOPE_NAME: NameDecisionRow, SCOPE_OVERRIDE: OverrideRow,
    SCOPE_ANNOTATION: AnnotationRow, SCOPE_GRADE: SourceGradeRow, SCOPE_PLACE: NewPlaceRow,
}
