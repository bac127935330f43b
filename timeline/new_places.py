"""Places analysts add to the gazetteer, and the theatre that knows them.

A report may name a place the gazetteer lacks (a street, a mosque, a hamlet). An
analyst adds it by clicking its point on the map and giving its bank and parent
district (:class:`timeline.decisions.NewPlace`); a name decision ``new_place`` then
resolves the reports' mentions to it. The added place is a landmark: the control
rules put it, as any landmark, in the district whose polygon holds its point
(:func:`geodata.districts.members`), so it colours the map like a named landmark does.

:func:`check_new_place` refuses, when the decision is made, a point outside every
district of the theatre (that is a name "outside the theatre", not a new place), a
point on the other bank from the one given, and an unknown parent or bank.
:func:`with_new_places` is the theatre every stage reads once decisions are applied.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import geopandas as gpd
from shapely.geometry import Point

from frontline.errors import InputError
from geodata.districts import BANK, ID, containing_district
from geodata.theatre import Place, Theatre
from timeline.decisions import Decided, NewPlace
from timeline.ids import normalise

ID_PREFIX = "added-"
KIND = "landmark"


def place_of(new: NewPlace) -> Place:
    """The gazetteer entry a new place stands for (its source names the analyst)."""
    return Place(id=new.id, kind=KIND, name=new.name, lat=new.lat, lon=new.lon,
                 bank=new.bank, parent=new.parent, confidence="analyst",
                 source=f"added by analyst {new.decided.author} "
                        f"({new.decided.at:%Y-%m-%d})",
                 note=new.decided.reason)


def with_new_places(theatre: Theatre, places: Iterable[NewPlace]) -> Theatre:
    """``theatre`` with the analysts' places added (an id the theatre has is kept as
    the theatre's: a gazetteer entry is never replaced by a decision)."""
    known = theatre.places_by_id
    added = tuple(place_of(p) for p in places if p.id not in known)
    if not added:
        return theatre
    return dataclasses.replace(theatre, places=(*theatre.places, *added))


def new_place_id(name: str, taken: Iterable[str]) -> str:
    """An id for a new place named ``name``: ``added-`` and its slug, unique."""
    slug = "-".join(normalise(name).replace("'", "").split()) or "place"
    base = f"{ID_PREFIX}{slug}"[:80]
    used = set(taken)
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def check_new_place(theatre: Theatre, districts: gpd.GeoDataFrame, name: str, lat: float,
                    lon: float, bank: str, parent: str, decided: Decided,
                    taken: Iterable[str] = ()) -> NewPlace:
    """The :class:`NewPlace` to record, or a one-line :class:`InputError` saying why not.

    ``taken``: ids of places analysts have already added (a new id is chosen beside
    them and the theatre's own).
    """
    if not name.strip():
        raise InputError("the new place needs its name")
    if bank not in theatre.banks:
        raise InputError(f"bank {bank!r} is not one of {', '.join(theatre.banks)}")
    known = theatre.places_by_id
    if parent not in known or known[parent].kind not in ("district", "area"):
        raise InputError(f"parent {parent!r} is not a district or area of {theatre.title}")
    inside = containing_district(districts, Point(lon, lat), bank)
    if inside is None:
        raise InputError(f"({lat:.5f}, {lon:.5f}) lies in no district of {theatre.title}: "
                         f"mark the name 'outside the theatre' instead")
    found_bank = str(districts.loc[districts[ID] == inside, BANK].iloc[0])
    if found_bank and found_bank != bank:
        raise InputError(f"the point lies in {known[inside].label if inside in known else inside}"
                         f" on the {found_bank} bank, not the {bank} bank")
    try:
        return NewPlace(new_place_id(name, [*known, *taken]), name.strip(), lat, lon, bank,
                        parent, decided)
    except ValueError as exc:
        raise InputError(str(exc)) from None
