"""Analyst decision records: who, when and why travel with every decision (issue 15)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.decisions import (
    Annotation,
    ClaimDecision,
    Decided,
    Decisions,
    NameDecision,
    Override,
    SourceGrade,
    applies_from,
)

WHO = Decided("ana", dt.datetime(2026, 12, 2, 9, 0), "the report names another district")


def test_a_decision_needs_its_author() -> None:
    with pytest.raises(ValueError, match="author"):
        Decided(" ", dt.datetime(2026, 12, 2))


def test_rejections_and_edits_need_a_reason_and_edits_their_fields() -> None:
    bare = Decided("ana", dt.datetime(2026, 12, 2))
    ClaimDecision("d1", "a:e-0123456789", "accept", bare)
    with pytest.raises(ValueError, match="reason"):
        ClaimDecision("d2", "a:e-0123456789", "reject", bare)
    with pytest.raises(ValueError, match="corrected fields"):
        ClaimDecision("d3", "a:e-0123456789", "edit", WHO)
    with pytest.raises(ValueError, match="unknown claim action"):
        ClaimDecision("d4", "a:e-0123456789", "delete", WHO)


def test_a_name_mapped_or_added_names_its_place() -> None:
    NameDecision("n1", "Maamli", "not_place", WHO)
    with pytest.raises(ValueError, match="place it names"):
        NameDecision("n2", "Maamli", "map", WHO)


def test_an_override_covers_its_days_and_cannot_end_before_it_starts() -> None:
    o = Override("o1", "al-maamel", "government", dt.date(2017, 5, 10), WHO,
                 end=dt.date(2017, 5, 12))
    assert [o.covers(dt.date(2017, 5, d)) for d in (9, 10, 12, 13)] == [False, True, True, False]
    assert Override("o2", "al-maamel", "isis", dt.date(2017, 5, 1), WHO).covers(dt.date(2030, 1, 1))
    with pytest.raises(ValueError, match="before it starts"):
        Override("o3", "al-maamel", "isis", dt.date(2017, 5, 10), WHO, end=dt.date(2017, 5, 9))


def test_an_ungraded_outlet_is_f_and_the_latest_grade_wins() -> None:
    later = Decided("ben", dt.datetime(2026, 12, 3))
    d = Decisions(grades=(SourceGrade("Rudaw", "C", WHO), SourceGrade("Rudaw", "B", later)))
    assert d.grade_of("Rudaw") == "B" and d.grade_of("Nobody's Gazette") == "F"
    with pytest.raises(ValueError, match="grade must be"):
        SourceGrade("Rudaw", "G", WHO)


def test_when_decisions_apply_as_known_on() -> None:
    published = dt.date(2017, 5, 11)
    review = ClaimDecision("d1", "a:e-0123456789", "accept", WHO, published=published)
    assert applies_from(review) == published
    mapped = NameDecision("n1", "Maamli", "map", WHO, "al-maamel")
    assert applies_from(mapped, published) == published
    cited = Override("o1", "al-maamel", "government", dt.date(2017, 5, 10), WHO,
                     source="a field report", source_date=dt.date(2017, 5, 12))
    assert applies_from(cited) == dt.date(2017, 5, 12)
    note = Annotation("a1", "al-maamel", dt.date(2017, 5, 10), "checkpoint moved", WHO)
    assert applies_from(note) is None  # cites no source: hindsight only
