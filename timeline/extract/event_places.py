"""Which places an event read at a trigger word is about, and what its object makes of it.

Of the places of the trigger's clause (:mod:`timeline.extract.triggers` says where to
look), only what the event is about (:mod:`timeline.extract.areas`): no reference points
("near Mosul"), and the city or a bank only from a whole-area statement, never from a
counted unit in it; a capture naming only places the gazetteer lacks keeps them
unresolved (:mod:`timeline.extract.unnamed`); a clause naming none may take a fronted
"In X," or the district the next sentence names for its unnamed unit
(:mod:`timeline.extract.elsewhere`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from timeline.extract.areas import area_event_kept, subject_before, victory_places
from timeline.extract.clauses import list_start
from timeline.extract.elsewhere import fronted_place, named_next
from timeline.extract.lexicon import simplest_places
from timeline.extract.sentence_context import SentenceContext
from timeline.extract.triggers import (
    ACCOMPLISHED_BEFORE,
    ACCOMPLISHED_IN,
    ADJECTIVE_BEFORE,
    CAMPAIGN_AIM,
    KILL_OBJECT,
    ONGOING_BEFORE,
    PASSIVE_BEFORE,
    PEOPLE_AFTER,
    POSITIONS_AFTER,
    PURPOSE_BEFORE,
)
from timeline.extract.unnamed import unresolved_places
from timeline.records import PlaceRef

# "This town, Gogjali, is cleared": the place set off by commas before a passive verb.
_APPOSITION = re.compile(r"\s*,\s*")
_APPOSITION_BEFORE = re.compile(r"\b(?:this|the|that)\s+(?:[\w-]+\s+)?(?:town|district|"
                                r"neighbou?rhood|quarter|area|village|suburb|part)\s*,\s*$",
                                re.IGNORECASE)
_NUMBER_AFTER = re.compile(r"\s*(?:\d|(?:at least|more than|about|some|dozens|hundreds|"
                           r"several|up to|nearly)\b)", re.IGNORECASE)


def object_kind(text: str, match: re.Match[str], kind: str) -> str | None:
    """The kind its object makes of a trigger: people captured are arrested, positions
    overrun and places still being cleared are fought over, a purpose ("to drive IS out
    of") is a forecast at most."""
    after = match.end()
    if kind == "entry_done":  # "were able to capture X and enter Y"
        return "attack" if ACCOMPLISHED_IN.search(text, 0, match.start()) else None
    if kind == "capture_expected" and ACCOMPLISHED_BEFORE.search(text, 0, match.start()):
        return "capture"
    if kind == "capture_expected" and CAMPAIGN_AIM.search(text, 0, match.start()):
        return None  # "its battle to retake Mosul" names a campaign, forecasts nothing
    if kind == "capture":
        if ONGOING_BEFORE.search(text, 0, match.start()):
            return "attack"  # "is still being cleared": contested, not yet taken
        if PEOPLE_AFTER.match(text, after):
            return "arrest"
        if POSITIONS_AFTER.match(text, after):
            return "attack"
        if PURPOSE_BEFORE.search(text, 0, match.start()):
            return None if CAMPAIGN_AIM.search(text, 0, match.start()) else "capture_expected"
    if kind in ("capture", "destruction") and ADJECTIVE_BEFORE.search(text, 0, match.start()):
        return None
    if kind == "kill" and (_NUMBER_AFTER.match(text, after)
                           or not KILL_OBJECT.search(text, after)):
        return None
    return kind


def event_places(ctx: SentenceContext, match: re.Match[str], kind: str, where: str,
                 clause: tuple[int, int]) -> tuple[PlaceRef, ...]:
    """The places of the trigger's clause that the event is about: reference points
    ("near Mosul") and shares ("60 percent of eastern Mosul": a figure) left out, and a
    whole area only from a whole-area statement."""
    text = ctx.text
    start, end = clause
    usable = ctx.usable
    if where == "victory":
        return tuple(victory_places(text, usable, match.span(), end, ctx.theatre.city_area,
                                    ctx.headline))
    if where == "before":
        chosen = [p for p in usable if p.end <= match.start()][-1:]
    elif where == "subject":
        chosen = subject_before(text, usable, match.start())
    elif where == "clause":
        chosen = [p for p in usable if start <= p.start < end]
    else:
        chosen = [p for p in usable if match.start() <= p.start < end]
        if (not chosen and not match.group(0).lower().endswith("ing")
                and PASSIVE_BEFORE.search(text, 0, match.start())):
            start = list_start(text, start)  # "X and Y were retaken": X too
            chosen = [p for p in usable if start <= p.start < match.start()] or [
                p for p in usable if _APPOSITION.fullmatch(text, p.end, start)
                and _APPOSITION_BEFORE.search(text, 0, p.start)][-1:]
    kept = [p for p in chosen if not p.share and (
        p.id not in ctx.whole or area_event_kept(text, p, match.span(), kind, clause))]
    capture = kind in ("capture", "capture_expected")
    found = simplest_places(kept, ctx.parents, ctx.kinds)
    if found or not capture:
        return found
    # "recaptured X and Y neighbourhoods in the Old City": an area named only as the
    # container of places the gazetteer lacks is kept, marked partial (no district of it
    # is set), beside those places; a bank or the city is no such container.
    containers = tuple(replace(p.ref(), partial=True) for p in kept
                       if p.partial and p.id not in ctx.whole and ctx.kinds.get(p.id) == "area")
    if chosen and not containers:
        return ()
    taken = [(p.start, p.end) for p in ctx.places] + [(a.start, a.end) for a in ctx.actors]
    if where == "after" and not PASSIVE_BEFORE.search(text, 0, match.start()):
        names = unresolved_places(text, match.end(), end, True, taken)
    else:
        names = unresolved_places(text, start, end if where == "clause" else match.start(),
                                  False, taken)
    return (*names, *containers) if names else ()


def share_only(ctx: SentenceContext, clause: tuple[int, int]) -> bool:
    """Whether the clause names a share of a place ("over 60 percent of eastern Mosul had
    been recaptured"): with no other place it is a territory figure, no event, and no
    place may be borrowed for it from elsewhere."""
    start, end = clause
    return any(p.share and start <= p.start < end for p in ctx.places)


def borrowed_place(ctx: SentenceContext, kind: str, trigger_end: int) -> tuple[PlaceRef, ...]:
    """A place named outside the clause (:mod:`timeline.extract.elsewhere`): fighting in
    the sentence's fronted "In X,", or the one district the next sentence names."""
    fronted = fronted_place(ctx.text, ctx.places, ctx.whole) if kind == "attack" else None
    place = fronted or named_next(ctx.text, trigger_end, *ctx.following, ctx.kinds,
                                  ctx.whole)
    return (place.ref(),) if place else ()
