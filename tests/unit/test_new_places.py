"""Places analysts add to the gazetteer, kept in the decision log, used by the control
rules; and the log as it stood at a chosen moment (the audit view). SYNTHETIC Toyville."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from frontline.errors import InputError
from geodata.theatre import Theatre
from tests.builders import (
    TOY_END,
    TOY_RULES,
    make_event,
    make_extraction,
    toy_districts,
    toy_theatre,
)
from timeline.control.build import build_timeline
from timeline.decisions import Decided, Decisions, NameDecision, NewPlace, applies_from
from timeline.new_places import check_new_place, new_place_id, with_new_places
from timeline.records import Extraction
from timeline.store.sql import embedded_url
from timeline.store.sql.decisions import SqlDecisionStore

AT = dt.datetime(2026, 12, 3, 5, 0, tzinfo=dt.UTC)
BY = Decided("rana", AT, "named in a report, not in the gazetteer")
# Toyville's w-south spans lat 36.33-36.34, lon 43.10-43.12 (west bank).
INSIDE = (36.335, 43.11)


def new_place(**kw: object) -> NewPlace:
    theatre = toy_theatre()
    args: dict[str, object] = {"name": "Synthetic Silo", "lat": INSIDE[0], "lon": INSIDE[1],
                               "bank": "west", "parent": "w-south"}
    args.update(kw)
    return check_new_place(theatre, toy_districts(theatre), decided=BY, **args)  # type: ignore[arg-type]


def test_a_new_place_gets_an_id_of_its_own() -> None:
    place = new_place()
    assert place.id == "added-synthetic-silo"
    assert new_place_id("Synthetic Silo", ["added-synthetic-silo"]) == "added-synthetic-silo-2"


@pytest.mark.parametrize(("kw", "message"), [
    ({"lat": 36.0, "lon": 44.0}, "lies in no district of Toyville"),
    ({"bank": "east"}, "on the west bank, not the east bank"),
    ({"bank": "north"}, "bank 'north' is not one of west, east"),
    ({"parent": "toy-mosque"}, "is not a district or area"),
    ({"name": " "}, "needs its name"),
])
def test_a_bad_new_place_is_refused_in_one_line(kw: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        new_place(**kw)


def side_on(theatre: Theatre, extraction: Extraction, district: str, day: dt.date) -> str:
    tl = build_timeline(theatre, toy_districts(), [extraction], end=TOY_END, rules=TOY_RULES)
    return tl.side_codes[int(tl.side[tl.district_ids.index(district), tl.day_index(day)])]


def test_a_claim_on_a_new_place_colours_the_district_its_point_is_in() -> None:
    place = new_place()
    theatre = with_new_places(toy_theatre(), [place])
    assert theatre.places_by_id[place.id].source.startswith("added by analyst rana")
    event = make_event("capture", "2017-03-06", (place.id,), mentions=("Synthetic Silo",))
    report = make_extraction((event,), published=dt.date(2017, 3, 6))
    day = dt.date(2017, 3, 6)
    # Without the analyst's place the claim colours nothing; with it, the landmark's
    # district is fought over from that day.
    assert side_on(toy_theatre(), report, "w-south", day) == "isis"
    assert side_on(theatre, report, "w-south", day) == "contested"


def test_a_new_place_applies_from_its_reports_date() -> None:
    assert applies_from(new_place(), dt.date(2017, 3, 6)) == dt.date(2017, 3, 6)


@pytest.fixture
def store(tmp_path: Path) -> SqlDecisionStore:
    s = SqlDecisionStore(embedded_url(tmp_path))
    s.add_analyst("rana", "correct horse battery")
    return s


def test_a_new_place_round_trips_through_the_log(store: SqlDecisionStore) -> None:
    place = new_place()
    done = store.record(place)
    store.record(NameDecision("", "Synthetic Silo", "new_place", BY, place.id))
    now = store.in_force()
    assert now.places == (place,)
    assert now.names[0].place_id == place.id
    (entry,) = list(store.history(place.id))
    assert (entry.id, entry.detail["lat"], entry.detail["parent"]) == (done.id, INSIDE[0],
                                                                        "w-south")


def test_in_force_as_of_shows_the_log_as_it_stood(store: SqlDecisionStore) -> None:
    first = NameDecision("", "Silo", "not_place", Decided("rana", AT, "a word"))
    store.record(first)
    later = AT + dt.timedelta(hours=1)
    second = NameDecision("", "Silo", "outside", Decided("rana", later, "south of the city"))
    done = store.record(second)
    store.undo(done.id, Decided("rana", later + dt.timedelta(hours=1), "wrong after all"))
    assert store.in_force(AT - dt.timedelta(minutes=1)) == Decisions()
    assert [d.action for d in store.in_force(AT).names] == ["not_place"]
    assert [d.action for d in store.in_force(later).names] == ["outside"]
    assert [d.action for d in store.in_force().names] == ["not_place"]


def test_a_new_place_cannot_be_named_after_nothing() -> None:
    with pytest.raises(ValueError, match="no point on Earth"):
        replace(new_place(), lat=123.0)
