"""The preview of a report before it is saved: its claims in their sentences, and the
districts it would change (SYNTHETIC Toyville reports and one synthetic Mosul text)."""

from __future__ import annotations

import datetime as dt

from geodata.districts import build_districts
from geodata.gazetteer import Gazetteer
from geodata.theatre import load_theatre
from tests.builders import TOY_RULES, make_event, make_extraction, toy_districts, toy_theatre
from timeline.decisions import Decided, Decisions, NameDecision
from timeline.extract.extractor import extract_article
from timeline.intake import ReportForm, read_report
from timeline.preview import ClaimMark, preview, segments

BY = Decided("rana", dt.datetime(2026, 12, 3, 5, 0, tzinfo=dt.UTC), "a village of the east")


def capture(district: str, date: str, article: str) -> object:
    event = make_event("capture", date, (district,), article_id=article)
    return make_extraction((event,), published=dt.date.fromisoformat(date), article_id=article)


def run(stored: list, new: object, decisions: Decisions = Decisions()) -> object:
    theatre = toy_theatre()
    return preview(theatre, toy_districts(theatre), stored, new, decisions, TOY_RULES)


def test_a_capture_shows_the_district_it_would_flip_and_from_when() -> None:
    got = run([], capture("w-north", "2017-03-06", "new"))
    (change,) = got.changes
    assert (change.district, change.day, change.before, change.after) == (
        "w-north", dt.date(2017, 3, 6), "isis", "government")
    assert change.line().startswith("W North: isis -> government from 2017-03-06")


def test_a_report_that_repeats_what_is_stored_changes_nothing() -> None:
    stored = [capture("w-north", "2017-03-06", "old")]
    assert run(stored, capture("w-north", "2017-03-06", "new")).changes == ()


def test_a_report_saved_again_is_compared_with_the_store_without_itself() -> None:
    again = capture("w-north", "2017-03-06", "same")
    assert [c.district for c in run([again], again).changes] == ["w-north"]


def test_names_already_decided_apply_to_the_new_report() -> None:
    event = make_event("capture", "2017-03-06", (None,), mentions=("Zorba",), article_id="n")
    report = make_extraction((event,), published=dt.date(2017, 3, 6), article_id="n")
    assert run([], report).changes == ()
    mapped = Decisions(names=(NameDecision("d-1", "Zorba", "map", BY, "e-south"),))
    assert [c.district for c in run([], report, mapped).changes] == ["e-south"]


def test_segments_cut_the_text_at_each_claim_sentence() -> None:
    text = "One. Two three. Four."
    marks = [ClaimMark("c1", "event", "x", 5, 15), ClaimMark("c2", "figure", "y", 9, 15)]
    assert segments(text, marks) == [("One. ", ()), ("Two ", ("c1",)), ("three.", ("c1", "c2")),
                                     (" Four.", ())]
    assert "".join(run for run, _ in segments(text, marks)) == text


def test_a_pasted_mosul_report_previews_its_claims_and_changes() -> None:
    text = ("(Synthetic report) Iraqi forces took over the al-Maamel district on Wednesday "
            "after two days of fighting, the Joint Operations Command said in a statement. "
            "Troops were clearing the streets and searching houses for explosives, and "
            "residents began to return to their homes by the evening.")
    form = ReportForm("Forces take al-Maamel", "Synthetic Wire", "https://example.org/a",
                      "2017-05-10", text)
    theatre = load_theatre("mosul")
    extraction = extract_article(read_report(form, 10_000), Gazetteer(theatre))
    got = preview(theatre, build_districts(theatre), [], extraction, Decisions(), TOY_RULES)
    assert got.marks and got.marks[0].start == 0
    assert "al-Maamel" in text[got.marks[0].start:got.marks[0].end]
    assert any(c.district == "al-maamel" and c.after == "government" for c in got.changes)


def test_a_name_already_decided_is_not_listed_as_unplaced_again() -> None:
    from dataclasses import replace as _replace
    event = make_event("capture", "2017-03-06", (None,), mentions=("Zorba",), article_id="m")
    report = _replace(make_extraction((event,), published=dt.date(2017, 3, 6), article_id="m"),
                      unresolved_places=("Zorba",))
    assert run([], report).unresolved == ("Zorba",)
    mapped = Decisions(names=(NameDecision("d-1", "ZORBA", "map", BY, "e-south"),))
    got = run([], report, mapped)
    assert got.unresolved == () and got.extraction.unresolved_places == ("Zorba",)
