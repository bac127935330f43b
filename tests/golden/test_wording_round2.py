"""Golden test: round two of the event reader (issue 13), on invented wording.

``tests/fixtures/wording/round2.md`` is a short invented article (published on a
Wednesday, 2017-05-10), one paragraph per wording an analyst reads the same way in any
city: a clause of time with its own subject ("after they seized X on Sunday") dates only
what it tells; a stale date in an earlier conjunct makes the undated rest history; "were
able to capture X and enter Y"; an unnamed unit named by the next sentence; fighting in a
fronted "In X,"; an air strike in a district whose name is written like a date; "X has
fallen"; victory announced now or to come; and a creed that is no place name. Every
expected event is listed, and nothing else may be read.
"""

from __future__ import annotations

import datetime as dt

from geodata.gazetteer import get_gazetteer
from tests.golden.wording import Want, both_ways, extract, places
from timeline.extract.dates import find_dates
from timeline.extract.elsewhere import FLAG_PLACE_FROM_NEXT
from timeline.extract.lexicon import dated_name, find_places

FIXTURE = "round2.md"


EXPECTED: list[Want] = [
    # the "after they ..." clause keeps Sunday to itself; the main clause is the report's
    ("capture", {"al-rifai"}, "2017-05-10", "reported", "able to capture al-Rifai"),
    ("attack", {"al-uraybi"}, "2017-05-10", "reported", "and enter al-Uraybi"),
    ("capture", {"al-mithaq"}, "2017-05-07", "reported", "after they seized al-Mithaq"),
    # history keeps its stated month; the push told with it is no event
    ("capture", {"al-quds"}, "2017-01", "reported", "retook al-Quds in January"),
    # the unit the next sentence names
    ("attack", {"al-arabi"}, "2017-05-09", "reported", "another neighbourhood"),
    ("capture", {"al-arabi"}, "2017-05-09", "reported", "took over a school"),
    ("capture", {"al-shifa"}, "2017-05-08", "reported", "seized the main hospital"),
    ("capture", {"al-karama"}, "2017-05-01", "reported", "was retaken last week"),
    # strikes on a base in a district, counter-attacks at or framed by a district
    ("attack", {"17-tammuz"}, "2017-05-09", "reported", "July 17 neighbourhood"),
    ("attack", {"al-ghabat"}, "2017-05-10", "reported", "bombed an IS base"),
    ("attack", {"al-najjar"}, "2017-05-10", "reported", "In al-Najjar, where"),
    ("attack", {"al-harmat"}, "2017-05-08", "reported", "repelled a counter-attack"),
    # a spokesman's word on a place as the subject
    ("capture", {"al-dandan"}, "2017-05-10", "reported", "has now fallen"),
    ("capture", {"al-mansour"}, "2017-05-10", "reported", "under the control of"),
    # victory: to come (expected), and announced now (the report's day)
    ("declaration", {"mosul"}, "2017-05-08", "expected", "announcement of victory"),
    ("declaration", {"mosul"}, "2017-05-10", "reported", "we announce victory"),
]


# Nothing else: "Units plan to ... enter al-Sihha" (planned), "pushed into a new
# neighbourhood" with a next sentence that names no neighbourhood, "another district"
# with two named next, "In al-Tanak, the troops found a depot" (no fight), a counter-
# attack framed by western Mosul (a bank), "prices in al-Zuhur have fallen", "victory in
# two more districts of Mosul", victory in a city off the map, "the first Shia
# district": none is an event.
test_every_expected_event_is_read, test_nothing_else_is_read = both_ways(FIXTURE, EXPECTED)


def test_a_place_from_the_next_sentence_is_flagged() -> None:
    flagged = {(e.kind, *sorted(places(e))) for e in extract(FIXTURE).events
               if FLAG_PLACE_FROM_NEXT in e.flags}
    assert flagged == {("attack", "al-arabi"), ("capture", "al-shifa")}


def test_a_creed_is_never_an_unresolved_place() -> None:
    assert not [e for e in extract(FIXTURE).events if any(p.id is None for p in e.places)]


def test_a_stale_conjunct_gives_the_undated_push_no_date() -> None:
    assert not [e for e in extract(FIXTURE).events if e.kind == "offensive"]


def test_a_place_written_like_a_date_is_a_date_without_its_place_noun() -> None:
    gaz = get_gazetteer()
    for text, is_place in (("Jets struck the July 17 district at dawn.", True),
                           ("Jets struck al-Tanak on July 17, officers said.", False),
                           ("On July 17, jets struck al-Tanak.", False)):
        spans = [(d.start, d.end) for d in find_dates(text, dt.date(2017, 5, 10))]
        named = [p for p in find_places(text, gaz) if p.id == "17-tammuz"]
        assert bool(named and dated_name(text, named[0], spans)) is is_place, text
