"""Side codes come from the theatre: a SYNTHETIC three-force Toyville (forces ``red``,
``blue``, ``green``, invented names) runs the same rules, shares and front as Mosul's two."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from frontline.errors import GeodataError
from geodata.sides import MOSUL_ORDER, SideCodes
from geodata.theatre import Side, Theatre, load_theatre
from tests.builders import (
    TOY_END,
    make_event,
    make_extraction,
    make_figure,
    toy_districts,
    toy_theatre,
)
from tests.unit.timeline_pair import edit_document
from timeline.control.build import build_timeline
from timeline.control.model import ControlTimeline
from timeline.extract.lexicon import actor_table, find_actors, opponents_named
from timeline.store.timeline_files import load_timeline, save_timeline
from viewmodel.page_events import series_of

D = dt.date
VELLMAR = Path(__file__).resolve().parents[1] / "fixtures" / "theatres" / "vellmar"
COLOURS = {"red": "#D55E00", "blue": "#0072B2", "green": "#009E73", "contested": "#F0E442",
           "unknown": "#BBBBBB"}


@pytest.fixture(autouse=True)
def _defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_CONTESTED_DAYS", "7")
    monkeypatch.setenv("FRONTLINE_ASSUMED_AFTER_DAYS", "30")


def three_forces() -> Theatre:
    """Toyville (synthetic) held by ``red`` at first, fought over by three forces."""
    return dataclasses.replace(toy_theatre(), initial_side="red",
                               sides={k: Side(k, k.title(), c) for k, c in COLOURS.items()})


def build(*events: object) -> ControlTimeline:
    theatre = three_forces()
    return build_timeline(theatre, toy_districts(theatre),
                          [make_extraction(tuple(events))], end=TOY_END)  # type: ignore[arg-type]


def side(tl: ControlTimeline, district: str, date: dt.date) -> str:
    return next(s.side for s in tl.state_at(date) if s.id == district)


def test_codes_are_the_forces_then_contested_and_unknown() -> None:
    codes = three_forces().side_codes
    assert codes.names == ("red", "blue", "green", "contested", "unknown")
    assert (codes.contested, codes.unknown) == (3, 4)
    assert codes.code("green") == 2 and codes.code("purple") == codes.unknown
    assert codes.actor("contested") == codes.unknown  # no force can take a district
    assert codes.held(np.array([0, 2, 3, 4])).tolist() == [True, True, False, False]
    assert load_theatre("mosul").side_codes.names == MOSUL_ORDER
    with pytest.raises(GeodataError):
        SideCodes(("red", "unknown", "contested"))
    with pytest.raises(GeodataError):
        SideCodes(("contested", "unknown"))


def test_a_capture_by_any_force_sets_it_and_the_timeline_names_the_sides() -> None:
    tl = build(make_event("capture", "2017-01-10", ("w-north",), side="green"),
               make_event("capture", "2017-02-10", ("w-north",), side="blue"))
    assert tl.side_codes == ("red", "blue", "green", "contested", "unknown")
    assert side(tl, "w-north", D(2017, 1, 9)) == "red"
    assert side(tl, "w-north", D(2017, 1, 10)) == "green"
    assert side(tl, "w-north", D(2017, 2, 10)) == "blue"
    share = tl.share_at(D(2017, 1, 10))
    assert set(share) == {"west", "east", "city"}
    assert share["west"]["green"] == pytest.approx(0.5, abs=0.01)
    assert set(share["city"]) == set(COLOURS)


def test_fighting_by_any_other_force_contests_but_the_holders_own_does_not() -> None:
    tl = build(make_event("capture", "2017-01-10", ("w-north",), side="green"),
               make_event("attack", "2017-01-20", ("w-north",), side="blue"),
               make_event("attack", "2017-03-01", ("w-north",), side="green"),
               make_event("capture", "2017-04-01", ("e-south",), side="blue",
                          status="claimed"))
    assert side(tl, "w-north", D(2017, 1, 20)) == "contested"
    assert side(tl, "w-north", D(2017, 1, 28)) == "green"
    assert side(tl, "w-north", D(2017, 3, 1)) == "green"
    assert side(tl, "e-south", D(2017, 4, 1)) == "contested"  # claimed: contests at most


def test_the_front_runs_between_any_two_forces() -> None:
    # Toyville has no river: its banks meet nowhere, each bank's north and south do.
    # One report per district: one report turning a whole bank over on its own is only
    # a claim (rule 9, plausibility).
    north_blue_south_green = [
        make_event("capture", "2017-01-10", (d,), side="blue" if "north" in d else "green",
                   article_id=f"report-{d}", source=f"Outlet {d}")
        for d in ("w-north", "w-south", "e-north", "e-south")]
    tl = build(*north_blue_south_green)
    assert tl.frontline_km_at(D(2017, 1, 9)) == 0.0  # all red: no front
    both_banks = tl.frontline_km_at(D(2017, 1, 10))
    assert 3.4 < both_banks < 3.8  # two borders of 0.02 degrees of longitude at 36.34 N
    tl = build(*north_blue_south_green, make_event("capture", "2017-02-01", ("w-north",),
                                                   side="green"))
    assert tl.frontline_km_at(D(2017, 2, 1)) == pytest.approx(both_banks / 2, rel=1e-3)


def test_side_codes_round_trip_and_an_old_file_reads_as_mosul(tmp_path: Path) -> None:
    tl = build(make_event("capture", "2017-01-10", ("w-north",), side="green"))
    save_timeline(tl, tmp_path)
    assert load_timeline(tmp_path).side_codes == tl.side_codes
    edit_document(tmp_path, lambda doc: doc.pop("side_codes"))
    assert load_timeline(tmp_path).side_codes == MOSUL_ORDER


def test_actor_names_come_from_the_theatre() -> None:
    vellmar = load_theatre(str(VELLMAR))
    found = find_actors("Unionists shelled Guardsmen near the Free League lines.",
                        actor_table(vellmar))
    assert [(a.actor, a.side) for a in found] == [
        ("Hill Union", "union"), ("Harbour Guard", "guard"), ("Free League", "league")]
    assert find_actors("ISIS militants attacked", actor_table(vellmar)) == []
    assert vellmar.river == "" and vellmar.share_keys == ("harbour", "city")
    assert vellmar.advancing_side == "league"


def test_the_opposing_forces_are_named_by_the_theatres_actors() -> None:
    mosul, vellmar = load_theatre("mosul"), load_theatre(str(VELLMAR))
    assert opponents_named("Daesh", mosul) and not opponents_named("Iraqi forces", mosul)
    assert not opponents_named("territory", mosul) and not opponents_named("Daesh", vellmar)
    assert opponents_named("Guardsmen", vellmar)  # the League advances in Vellmar
    killed = make_figure(kind="killed", value=40, subject="Daesh")
    assert series_of(killed, mosul) == "Killed: militants"
    assert series_of(killed) == "Killed: all / unspecified"  # no theatre, no actor names


def test_figure_subjects_are_named_by_the_theatre() -> None:
    """A count of soldiers is the advancing side's forces and a count of fighters is the
    fighters of the force it faces: Mosul's words in Mosul, the SYNTHETIC Vellmar's in
    Vellmar (three forces: whose fighters, the noun alone does not say)."""
    from geodata.gazetteer import Gazetteer
    from timeline.extract.extractor import extract_article
    from timeline.records import Article

    text = ("(Synthetic) On Monday 40 soldiers were killed in Dunmere. "
            "The next day 25 fighters were killed in Elmgate.")
    article = Article(id="synthetic", path="synthetic.md", title="(synthetic)",
                      source="Synthetic News", published=dt.date(2021, 4, 7), text=text)

    def subjects(theatre: Theatre) -> list[str]:
        return [f.subject for f in extract_article(article, Gazetteer(theatre)).figures]

    assert subjects(load_theatre("mosul")) == ["Iraqi forces", "ISIS fighters"]
    assert subjects(load_theatre(str(VELLMAR))) == ["Free League", "fighters"]
