"""Applying analyst decisions to extractions (issue 15), on SYNTHETIC Toyville records."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from frontline.errors import InputError
from tests.builders import make_event, make_extraction, make_figure, toy_theatre
from timeline.curation import (
    apply_decisions,
    check_changes,
    claim_decision,
    find_claim,
    parse_changes,
    with_changes,
)
from timeline.decisions import ClaimDecision, Decided, Decisions, NameDecision
from timeline.records import Event, Extraction, Figure, PartialDate, PlaceRef

ANA = Decided("ana", dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC), "the report says otherwise")


def toy() -> Extraction:
    took = make_event(id="a:e-took", places=("w-north",), article_id="a")
    lost = make_event(id="a:e-lost", kind="attack", places=("e-south", None),
                      mentions=("e-south", "Maamli"), article_id="a")
    only = make_event(id="a:e-only", places=(None,), mentions=("Nowhereville",), article_id="a")
    share = make_figure(id="a:f-share", article_id="a")
    ex = make_extraction((took, lost, only), (share,))
    return replace(ex, unresolved_places=("Maamli", "Nowhereville"))


def claim(decision: str, claim_id: str, **changes: object) -> ClaimDecision:
    return ClaimDecision(f"d-{decision}-{claim_id}", claim_id, decision, ANA, dict(changes))


def only(extractions: list[Extraction]) -> Extraction:
    assert len(extractions) == 1
    return extractions[0]


def test_no_decisions_change_nothing() -> None:
    ex = toy()
    assert apply_decisions([ex], Decisions()) == ([ex], [])


def test_a_rejected_claim_leaves_and_others_stay() -> None:
    out, unapplied = apply_decisions([toy()], Decisions(claims=(claim("reject", "a:e-took"),
                                                               claim("reject", "a:f-share"))))
    ex = only(out)
    assert [e.id for e in ex.events] == ["a:e-lost", "a:e-only"]
    assert ex.figures == () and unapplied == []


def test_an_edit_replaces_its_fields_keeps_provenance_and_says_who_and_why() -> None:
    original = toy().events[0]
    edit = claim("edit", "a:e-took", places=["w-south"], date="2017-01", precision="month",
                 side="isis", status="claimed")
    ev = only(apply_decisions([toy()], Decisions(claims=(edit,)))[0]).events[0]
    assert ev.id == original.id and ev.provenance == original.provenance
    assert ev.places == (PlaceRef("w-south", "w-south"),)
    assert ev.date == PartialDate(dt.date(2017, 1, 1), "month")
    assert (ev.side, ev.status, ev.kind) == ("isis", "claimed", "capture")
    assert ev.reviewed == "edited by ana: the report says otherwise"


def test_an_edited_date_moves_the_fighting_with_it() -> None:
    ev = replace(toy().events[0], fighting_since=dt.date(2016, 10, 10))
    moved = with_changes(ev, {"date": "2017-01-20"})
    assert isinstance(moved, Event)
    assert moved.fighting_since == dt.date(2016, 10, 20)


def test_a_figure_edit_takes_numbers_and_dates() -> None:
    fig = with_changes(toy().figures[0], {"value": 60, "qualifier": "about", "as_of": "2017-05"})
    assert isinstance(fig, Figure)
    assert (fig.value, fig.qualifier, fig.as_of) == (
        60.0, "about", PartialDate(dt.date(2017, 5, 1), "month"))


def test_accept_marks_the_claim_reviewed() -> None:
    ev = only(apply_decisions([toy()], Decisions(claims=(claim("accept", "a:e-took"),)))[0])
    assert ev.events[0].reviewed == "accepted by ana"
    assert ev.events[0].to_json()["reviewed"] == "accepted by ana"


def test_a_mapped_name_resolves_its_mentions_in_any_casing() -> None:
    name = NameDecision("d-n", "MAAMLI", "map", ANA, "w-south")
    ex = only(apply_decisions([toy()], Decisions(names=(name,)))[0])
    assert ex.events[1].places == (PlaceRef("e-south", "e-south"), PlaceRef("w-south", "Maamli"))
    assert ex.unresolved_places == ("Nowhereville",)


@pytest.mark.parametrize("action", ["not_place", "outside"])
def test_a_name_ruled_out_leaves_the_list_and_its_claims(action: str) -> None:
    names = (NameDecision("d-1", "Maamli", action, ANA), NameDecision("d-2", "Nowhereville",
                                                                       action, ANA))
    ex = only(apply_decisions([toy()], Decisions(names=names))[0])
    assert ex.unresolved_places == ()
    assert ex.events[1].places == (PlaceRef("e-south", "e-south"),)
    assert ex.events[2].places == ()  # it named only the ruled-out name: kept, placeless


def test_decisions_that_find_nothing_are_listed() -> None:
    decisions = Decisions(claims=(claim("reject", "gone:e-0000000000"),),
                          names=(NameDecision("d-n", "Atlantis", "outside", ANA),))
    _, unapplied = apply_decisions([toy()], decisions)
    assert len(unapplied) == 2
    assert unapplied[0].startswith("claim gone:e-0000000000: not in any extraction")
    assert unapplied[1].startswith("name 'Atlantis': no extraction names it")


def test_reviewed_round_trips_and_old_claims_load_without_it() -> None:
    ex = only(apply_decisions([toy()], Decisions(claims=(claim("accept", "a:f-share"),)))[0])
    back = Extraction.from_json(ex.to_json())
    assert back.figures[0].reviewed == "accepted by ana"
    assert "reviewed" not in ex.events[0].to_json()  # unreviewed: the contract's shape
    assert Extraction.from_json(toy().to_json()).events[0].reviewed == ""


@pytest.mark.parametrize(("changes", "message"), [
    ({"kind": "teleport"}, "kind 'teleport' is not one of"),
    ({"status": "rumoured"}, "status 'rumoured'"),
    ({"side": "martians"}, "side 'martians'"),
    ({"precision": "decade"}, "precision 'decade'"),
    ({"places": ["atlantis"]}, "unknown place id"),
    ({"date": "10 May"}, "not YYYY, YYYY-MM or YYYY-MM-DD"),
    ({"value": 3}, "'value' is not a field of an event"),
    ({}, "at least one field"),
])
def test_a_bad_event_edit_is_refused_with_one_line(changes: dict[str, object],
                                                   message: str) -> None:
    with pytest.raises(InputError, match=message):
        check_changes(toy().events[0], changes, toy_theatre())


def test_a_bad_figure_edit_is_refused() -> None:
    with pytest.raises(InputError, match="'side' is not a field of a figure"):
        check_changes(toy().figures[0], {"side": "isis"}, toy_theatre())
    with pytest.raises(InputError, match="not a number"):
        check_changes(toy().figures[0], {"value": "seventy"}, toy_theatre())
    check_changes(toy().figures[0], {"value": 65, "kind": "territory_percent"}, toy_theatre())


def test_command_line_pairs_are_typed() -> None:
    assert parse_changes(["places=w-north, e-south", "value=1,200", "low=none",
                          "date=2017-05", "side=isis"]) == {
        "places": ["w-north", "e-south"], "value": 1200, "low": None, "date": "2017-05",
        "side": "isis"}
    with pytest.raises(InputError, match="field=value"):
        parse_changes(["side"])


def test_an_edit_adds_to_the_one_in_force_and_an_accept_keeps_it() -> None:
    first = claim_decision("d1", "a:e-took", "edit", ANA, {"side": "isis"}, None, None)
    second = claim_decision("d2", "a:e-took", "edit", ANA, {"status": "claimed"}, None, first)
    assert second.changes == {"side": "isis", "status": "claimed"}
    accepted = claim_decision("d3", "a:e-took", "accept", ANA, {}, None, second)
    assert accepted.changes == second.changes
    after_reject = claim_decision("d4", "a:e-took", "accept", ANA, {}, None,
                                  claim("reject", "a:e-took"))
    assert after_reject.changes == {}
    with pytest.raises(InputError, match="needs a reason"):
        claim_decision("d5", "a:e-took", "reject", Decided("ana", ANA.at), {}, None, None)


def test_find_claim_names_the_missing_id() -> None:
    assert find_claim([toy()], "a:f-share")[0].id == "a:f-share"
    with pytest.raises(InputError, match="no claim 'x:e-1'"):
        find_claim([toy()], "x:e-1")
