"""Overrides and annotations as an analyst enters them: checks, and an override marked
superseding naming exactly the reports it overrules (SYNTHETIC Toyville)."""

from __future__ import annotations

import datetime as dt

import pytest

from frontline.errors import InputError
from tests.builders import make_event, make_extraction, toy_theatre, toy_timeline
from timeline.corrections import new_annotation, new_override, reported_claims
from timeline.decisions import Decided, Decisions

BY = Decided("rana", dt.datetime(2026, 12, 3, 5, 0, tzinfo=dt.UTC), "imagery of the day")
IDS = ("w-north", "w-south", "e-north", "e-south")
D = dt.date


def report() -> object:
    event = make_event("capture", "2017-03-06", ("w-north",), id="cap-1", article_id="a1")
    return make_extraction((event,), published=D(2017, 3, 6), article_id="a1")


def override(**kw: object) -> object:
    args: dict[str, object] = {"district": "w-north", "side": "isis", "start": "2017-03-10",
                               "end": "2017-03-20", "source": "drone footage",
                               "source_date": "2017-03-11", "note": "flag back up"}
    args.update(kw)
    return new_override(toy_theatre(), IDS, decided=BY, **args)  # type: ignore[arg-type]


@pytest.mark.parametrize(("kw", "message"), [
    ({"district": "nowhere"}, "is not a district of Toyville"),
    ({"side": "martians"}, "side 'martians' is not one of"),
    ({"start": ""}, "start date is required"),
    ({"start": "10/03/2017"}, "is not a date"),
    ({"end": "2017-03-01"}, "ends 2017-03-01 before it starts 2017-03-10"),
    ({"source": ""}, "a source date needs the source"),
    ({"note": "x" * 3000}, "over 2000"),
])
def test_a_bad_override_is_refused_in_one_line(kw: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        override(**kw)


def test_an_override_over_a_report_applies_only_when_marked_superseding() -> None:
    tl = toy_timeline(report())
    assert reported_claims(tl, "w-north", D(2017, 3, 10), D(2017, 3, 20)) == ("cap-1",)
    plain = override()
    assert plain.supersedes == ()
    marked = override(supersede=True, timeline=tl)
    assert marked.supersedes == ("cap-1",)

    def on(o: object) -> tuple[str, str, tuple[str, ...]]:
        built = toy_timeline(report(), decisions=Decisions(overrides=(o,)))  # type: ignore[arg-type]
        state = next(s for s in built.state_at(D(2017, 3, 12)) if s.id == "w-north")
        return state.side, state.basis, tuple(e.id for e in state.evidence)

    assert on(plain)[:2] == ("government", "reported")
    side, basis, evidence = on(marked)
    assert (side, basis) == ("isis", "analyst")
    assert evidence[0].startswith("analyst:") and "cap-1" in evidence


def test_an_annotation_is_pinned_to_a_known_place_with_text() -> None:
    note = new_annotation(toy_theatre(), "toy-mosque", "2017-03-12", " minaret down ", "", "",
                          BY)
    assert (note.place, note.day, note.text) == ("toy-mosque", D(2017, 3, 12), "minaret down")
    with pytest.raises(InputError, match="needs its text"):
        new_annotation(toy_theatre(), "toy-mosque", "2017-03-12", "  ", "", "", BY)
    with pytest.raises(InputError, match="is not a place"):
        new_annotation(toy_theatre(), "atlantis", "2017-03-12", "x", "", "", BY)


def test_unresolved_names_are_listed_once_with_their_count_and_a_sentence() -> None:
    from dataclasses import replace

    from timeline.unresolved import unresolved_names
    a = make_event("capture", "2017-03-06", (None,), mentions=("Zorba",), article_id="a",
                   quote="(synthetic) forces took Zorba")
    first = replace(make_extraction((a,), article_id="a"), unresolved_places=("Zorba",))
    second = replace(make_extraction((), article_id="b"), unresolved_places=("ZORBA", "Kip"))
    rows = unresolved_names([first, second])
    assert [(u.name, u.reports) for u in rows] == [("Zorba", 2), ("Kip", 1)]
    assert rows[0].example == "(synthetic) forces took Zorba"
