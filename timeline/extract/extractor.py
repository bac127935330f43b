"""Events and figures from an article, each tied to the sentence it came from.

Rule-based on purpose: every output can be explained by a trigger word, a clause and
a lexicon entry, and analysts can read the rules. Per sentence (outside ignored
blocks) we find dates (:mod:`timeline.extract.dates`), places (:mod:`timeline.extract.lexicon` over
the gazetteer), actors and quantities, then:

- an event per trigger of :mod:`timeline.extract.triggers` ("took full control of",
  "was liberated", "clashes in", "pushed into", "launched ... offensive", "arrested",
  "killed <a commander>", "declared ... liberated"), with the places, date and actor of
  the trigger's own clause (:mod:`timeline.extract.clauses`, the actor by
  :mod:`timeline.extract.agents`);
- of those places, only what the event is about (:mod:`timeline.extract.areas`): no
  reference points ("near Mosul"), and the city or a bank only from a whole-area
  statement, never from a counted unit in it; a capture naming only places the gazetteer
  lacks keeps them unresolved (:mod:`timeline.extract.unnamed`); a clause naming none
  may take a fronted "In X," or the district the next sentence names for its unnamed
  unit (:mod:`timeline.extract.elsewhere`);
- nothing for negated, failed or habitual actions ("has not yet begun", "struggled to
  invade", "often launching"), for participles used as adjectives ("the liberated
  city"), or for history before the battle window (:mod:`timeline.extract.background`);
- ``status`` ``expected`` for forecasts and what is still to be done, ``claimed`` for
  claims and denials;
- an event without a date in its sentence takes the date of the previous event of the
  same paragraph ("It also said forces killed ..."), else the publication date with
  the flag ``date_from_published``; an undated declaration is not guessed, but victory
  announced now ("we announce victory") is the report's news;
- figures: see :mod:`timeline.extract.figures`;
- what the control rules need from the words, on the records
  (:mod:`timeline.extract.control_facts`): a place named only in part, when the fighting
  before an event began, and on territory percentages the places still held and the
  bank they are a share of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from geodata.gazetteer import get_gazetteer
from geodata.theatre import Theatre, load_theatre
from timeline.extract.agents import event_actor, written_as_actor
from timeline.extract.anchors import EventAnchors
from timeline.extract.areas import (
    area_event_kept,
    is_reference_point,
    list_head,
    subject_before,
    victory_places,
    whole_areas,
)
from timeline.extract.articles import Sentence, split_sentences
from timeline.extract.background import before_battle, restated_launch
from timeline.extract.clauses import (
    clause_end,
    clause_start,
    since_window,
    subordinate_spans,
)
from timeline.extract.control_facts import (
    fighting_since,
    named_in_part,
    share_bank,
    still_held,
)
from timeline.extract.datecarry import (
    CONTINUES,
    aside_spans,
    background_launch,
    carries,
    counted_back,
    filed_date,
    from_previous,
    history_conjunct,
    operation_day,
    outside_asides,
)
from timeline.extract.dates import (
    FLAG_DATE_FROM_CONTEXT,
    FLAG_DATE_FROM_PUBLISHED,
    DateMention,
    find_dates,
    shift,
)
from timeline.extract.elsewhere import FLAG_PLACE_FROM_NEXT, fronted_place, named_next
from timeline.extract.figures import SubjectLabels, merge_repeats, sentence_figures
from timeline.extract.lexicon import (
    ActorMention,
    PlaceMention,
    Scanner,
    actor_table,
    dated_name,
    find_actors,
    find_places,
    simplest_places,
    unresolved_names,
)
from timeline.extract.triggers import (
    ACCOMPLISHED_BEFORE,
    ACCOMPLISHED_IN,
    ADJECTIVE_BEFORE,
    CLAIMED,
    EXPECTED,
    HABITUAL,
    KILL_OBJECT,
    NEGATION,
    PASSIVE_BEFORE,
    PEOPLE_AFTER,
    POSITIONS_AFTER,
    PURPOSE_BEFORE,
    TRIGGER_RE,
    TRIGGER_STARTERS,
    TRIGGERS,
)
from timeline.extract.unnamed import unresolved_places
from timeline.extract.wordscan import find_at_words
from timeline.ids import assign_claim_ids
from timeline.records import (
    Article,
    Event,
    Extraction,
    Figure,
    PartialDate,
    PlaceRef,
    Provenance,
)

FLAG_DATE_ANCHORED = "date_anchored"  # a chain counted from an event; says which
_ANNOUNCED = re.compile(r"(?:announced|declared|confirmed)\b", re.IGNORECASE)
_NUMBER_AFTER = re.compile(r"\s*(?:\d|(?:at least|more than|about|some|dozens|hundreds|"
                           r"several|up to|nearly)\b)", re.IGNORECASE)


@dataclass(frozen=True)
class _Context:
    article: Article
    sentence: Sentence
    text: str
    dates: list[DateMention]
    places: list[PlaceMention]
    actors: list[ActorMention]
    parents: dict[str, str]
    kinds: dict[str, str]
    theatre: Theatre
    whole: frozenset[str]
    following: tuple[str, list[PlaceMention]] = ("", [])  # the next sentence, its places
    headline: str | None = None  # how the headline names the city, if it does


def extract_article(article: Article, gazetteer: Scanner | None = None) -> Extraction:
    """All events and figures of ``article``, with quotes, spans and unresolved names.

    Claims are numbered in reading order while the rules run (an anchored date names the
    earlier event it counted from); :func:`timeline.ids.assign_claim_ids` then gives
    each its content id, so the ids never depend on that numbering.
    """
    gaz = gazetteer or get_gazetteer()
    theatre: Theatre | None = getattr(gaz, "theatre", None)
    sides = theatre or load_theatre()
    actors = actor_table(sides)
    labels = SubjectLabels.of(sides)
    parents = {p.id: p.parent for p in theatre.places} if theatre else {}
    kinds = {p.id: p.kind for p in theatre.places} if theatre else {}
    whole = whole_areas(sides)
    events: list[Event] = []
    figures: list[Figure] = []
    unresolved: list[str] = []
    paragraph_date: dict[int, PartialDate] = {}
    read: list[str] = []
    all_places = find_places(article.text, gaz)
    headline = next((p.mention for p in find_places(article.title or "", gaz)
                     if p.id == sides.city_area), None)
    sentences = [s for s in split_sentences(article.text, article.ignored)
                 if not _ignored(article, s)]
    for sentence, after in zip(sentences, [*sentences[1:], None], strict=True):
        text = article.text[sentence.start:sentence.end]
        read.append(text)
        places = _shifted(all_places, sentence)
        following = ((article.text[after.start:after.end], _shifted(all_places, after))
                     if after else ("", []))
        anchors = EventAnchors(events, places, theatre.anchors if theatre else ())
        dates = find_dates(text, filed_date(article.text, article.published), anchors)
        places = [p for p in places  # "after the capture of X": X is no place of this event
                  if not any(d.basis and d.start <= p.start < d.end for d in dates)
                  and dated_name(text, p, [(d.start, d.end) for d in dates]) is not False]
        dates = [d for d in dates if not any(  # "the July 17 neighbourhood" is no date
            dated_name(text, p, [(d.start, d.end)]) for p in places)]
        named = [a for a in find_actors(text, actors) if written_as_actor(text, a)]
        ctx = _Context(article, sentence, text, dates, places, named,
                       parents, kinds, sides, whole, following, headline)
        for event in _sentence_events(ctx, paragraph_date, events):
            events.append(event)
        for fig in sentence_figures(ctx.text, ctx.dates, ctx.places, article.published,
                                    parents, kinds, labels, figures[-1:]):
            figures.append(_with_provenance(fig, article, sentence, text, len(figures)))
        unresolved += [n for n in unresolved_names(text, places, gaz) if n not in unresolved]
    held, corners = still_held(read, gaz)
    figures = merge_repeats(figures, article.title)
    figures = [replace(f, still_held=held, still_held_corners=corners,
                       bank=share_bank(theatre, f.places, f"{f.subject} {f.provenance.quote}"))
               if f.kind == "territory_percent" else f for f in figures]
    return assign_claim_ids(Extraction(article, tuple(events), tuple(figures),
                                       tuple(unresolved), article.warnings))


def _shifted(places: list[PlaceMention], sentence: Sentence) -> list[PlaceMention]:
    """The article's place mentions inside ``sentence``, with offsets into the sentence."""
    return [replace(p, start=p.start - sentence.start, end=p.end - sentence.start)
            for p in places if sentence.start <= p.start and p.end <= sentence.end]


def _ignored(article: Article, sentence: Sentence) -> bool:
    return any(s < sentence.end and sentence.start < e for s, e in article.ignored)


def _sentence_events(ctx: _Context, paragraph_date: dict[int, PartialDate],
                     earlier: list[Event]) -> list[Event]:
    out: list[Event] = []
    for match in find_at_words(TRIGGER_RE, ctx.text, TRIGGER_STARTERS):
        kind, _, where = TRIGGERS[int((match.lastgroup or "t0")[1:])]
        event = _event(ctx, match, kind, where, paragraph_date, [*earlier, *out])
        if event is not None:
            out.append(event)
            # a forecast's date is no date for what follows, nor is the publication
            # date given to an undated event: only a stated date carries
            if event.status != "expected" and FLAG_DATE_FROM_PUBLISHED not in event.flags:
                paragraph_date[ctx.sentence.paragraph] = event.date
    return out


def _event(ctx: _Context, match: re.Match[str], kind: str, where: str,
           paragraph_date: dict[int, PartialDate], earlier: list[Event]) -> Event | None:
    text = ctx.text
    start = clause_start(text, match.start())
    if (NEGATION.search(text[max(start, match.start() - 40):match.end()])
            or HABITUAL.search(text, start, match.start())):
        return None
    if kind == "declaration" and re.search(r"['’]s\s+$", text[:match.start()]):
        return None
    object_kind = _object_kind(text, match, kind)
    if object_kind is None:
        return None
    kind = object_kind
    end = len(text) if kind == "kill" else clause_end(text, match.end(), ctx.places)
    places = _event_places(ctx, match, kind, where, (start, end))
    borrowed = () if places else _borrowed_place(ctx, kind, match.end())
    places = places or borrowed
    if not places:
        return None
    if kind == "capture" and _ANNOUNCED.match(match.group(0)) and all(
            p.id in ctx.whole for p in places):  # "announced the liberation of Mosul"
        kind = "declaration"
    date, flags, basis = _event_date(ctx, match, start, end, paragraph_date)
    if date is None or (kind == "declaration" and flags) or before_battle(date, ctx.theatre):
        return None  # an undated declaration is restated; a victory announced is news
    kind = "declaration" if kind == "victory" else kind
    if kind == "offensive" and flags and restated_launch(text, match.span()):
        return None
    if kind == "capture" and where == "clause":  # "under IS control since June 2014"
        date = _state_since(ctx, match) or date
        if before_battle(date, ctx.theatre):
            return None
    actor, side = event_actor(text, ctx.actors, match, start, kind, ctx.theatre)
    status = _status(text, start, match)
    if kind == "capture_expected":
        if status != "expected":
            return None
        kind = "capture"
    if status == "expected" and kind == "capture":
        date = _expected_date(ctx, match) or date
    key = (kind, _place_key(places), status == "expected")  # a forecast is no repeat
    if any((e.kind, _place_key(e.places), e.status == "expected") == key
           and (e.date == date or flags) for e in earlier):
        return None
    quote_span = (ctx.sentence.start, ctx.sentence.end)
    prov = _provenance(ctx.article, text, quote_span)
    notes = (f"{FLAG_DATE_ANCHORED}: {basis}",) if basis else ()
    if borrowed and not fronted_place(text, ctx.places, ctx.whole):
        notes = (FLAG_PLACE_FROM_NEXT, *notes)
    places = tuple(replace(p, partial=named_in_part(text, p.mention)) for p in places)
    return Event(f"{ctx.article.id}:e{len(earlier) + 1}", kind, date, places, actor, side,
                 status, prov, (*flags, *notes), fighting_since=fighting_since(date, text))


def _place_key(places: tuple[PlaceRef, ...]) -> tuple[str, ...]:
    return tuple(sorted(p.id or p.mention for p in places))


def _object_kind(text: str, match: re.Match[str], kind: str) -> str | None:
    """The kind its object makes of a trigger: people captured are arrested, positions
    overrun are fought over, a purpose ("to drive IS out of") is a forecast at most."""
    after = match.end()
    if kind == "entry_done":  # "were able to capture X and enter Y"
        return "attack" if ACCOMPLISHED_IN.search(text, 0, match.start()) else None
    if kind == "capture_expected" and ACCOMPLISHED_BEFORE.search(text, 0, match.start()):
        return "capture"
    if kind == "capture":
        if PEOPLE_AFTER.match(text, after):
            return "arrest"
        if POSITIONS_AFTER.match(text, after):
            return "attack"
        if PURPOSE_BEFORE.search(text, 0, match.start()):
            return "capture_expected"
    if kind in ("capture", "destruction") and ADJECTIVE_BEFORE.search(text, 0, match.start()):
        return None
    if kind == "kill" and (_NUMBER_AFTER.match(text, after)
                           or not KILL_OBJECT.search(text, after)):
        return None
    return kind


def _event_places(ctx: _Context, match: re.Match[str], kind: str, where: str,
                  clause: tuple[int, int]) -> tuple[PlaceRef, ...]:
    """The places of the trigger's clause that the event is about: reference points
    ("near Mosul") left out, and a whole area only from a whole-area statement."""
    text = ctx.text
    start, end = clause
    usable = [list_head(text, p, ctx.kinds) for p in ctx.places
              if not is_reference_point(text, p, ctx.whole)]
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
            chosen = [p for p in usable if start <= p.start < match.start()]
    kept = [p for p in chosen if p.id not in ctx.whole
            or area_event_kept(text, p, match.span(), kind, clause)]
    if kept or chosen or kind not in ("capture", "capture_expected"):
        return simplest_places(kept, ctx.parents, ctx.kinds)
    taken = [(p.start, p.end) for p in ctx.places] + [(a.start, a.end) for a in ctx.actors]
    if where == "after" and not PASSIVE_BEFORE.search(text, 0, match.start()):
        return unresolved_places(text, match.end(), end, True, taken)
    return unresolved_places(text, start, end if where == "clause" else match.start(), False,
                             taken)


def _borrowed_place(ctx: _Context, kind: str, trigger_end: int) -> tuple[PlaceRef, ...]:
    """A place named outside the clause (:mod:`timeline.extract.elsewhere`): fighting in
    the sentence's fronted "In X,", or the one district the next sentence names."""
    fronted = fronted_place(ctx.text, ctx.places, ctx.whole) if kind == "attack" else None
    place = fronted or named_next(ctx.text, trigger_end, *ctx.following, ctx.kinds,
                                  ctx.whole)
    return (place.ref(),) if place else ()


def _event_date(ctx: _Context, match: re.Match[str], start: int, end: int,
                paragraph_date: dict[int, PartialDate],
                ) -> tuple[PartialDate | None, list[str], str]:
    """The event's date, flags saying it was taken from context, and a chain's basis.

    Dates in a relative clause about the past ("the city, which IS seized in 2014") do
    not date the main clause; an event inside an unresolved "N days after <clause>" is
    counted back from the main clause's date (:mod:`timeline.extract.datecarry`).
    """
    since = since_window(ctx.text)
    asides = aside_spans(ctx.text)
    subordinate = subordinate_spans(ctx.text)
    usable = [d for d in ctx.dates
              if not (since and since[0] <= d.start < since[1]
                      and not since[0] <= match.start() < since[1])
              and outside_asides(match.start(), d.start, subordinate)
              and (carries(d.date, ctx.article.published)
                   or outside_asides(match.start(), d.start, asides))]
    resolved = [(d.start, d.end) for d in ctx.dates]
    back = counted_back(ctx.text, match.start(), resolved)
    if back is not None and not any(back.start <= d.start < back.end for d in usable):
        main = [d for d in usable if not back.start <= d.start < back.end]
        base, flags, _ = ((main[0].date, [], "") if main else _undated(ctx, paragraph_date))
        if base is None:
            return None, [], ""
        return back.of(base), flags, (f"counted {back.days:+d} day(s) from {base.iso()}, "
                                      "the date of the sentence's main clause")
    in_clause = [d for d in usable if match.start() <= d.start < end]
    before = [d for d in usable if start <= d.start < match.start()]
    chosen = in_clause[:1] or before[-1:] or usable[:1]
    if chosen and not (in_clause or before) and history_conjunct(
            ctx.text, start, chosen[0].date, chosen[0].start, ctx.article.published):
        return None, [], ""
    if chosen:
        date, basis = chosen[0].date, chosen[0].basis
        day = operation_day(ctx.text, match.start(), match.group(0))
        if day and day > 1:
            date = shift(date, 1 - day, "day")
            basis = f"day {day} of the operation is {chosen[0].date.iso()}"
        return date, [], basis
    step = from_previous(ctx.text, resolved)
    if step is not None and (base := _carried(ctx, paragraph_date, continues=True)):
        return (shift(base, step, "day"), [FLAG_DATE_FROM_CONTEXT],
                f"counted {step:+d} day(s) from {base.iso()}, the previous date stated")
    if background_launch(ctx.text, match.start(), match.group(0)):
        carried = _carried(ctx, paragraph_date)
        return (carried, [FLAG_DATE_FROM_CONTEXT], "") if carried else (None, [], "")
    return _undated(ctx, paragraph_date)


def _carried(ctx: _Context, paragraph_date: dict[int, PartialDate],
             continues: bool = False) -> PartialDate | None:
    """The date of an earlier event that this undated sentence continues, if it may carry.

    The previous event of the same paragraph; across paragraphs only when the sentence
    says it goes on with the same action ("also", "then") or counts from the previous
    date (``continues``: "two days later"). Months, years and dates long
    before publication never carry (:func:`timeline.extract.datecarry.carries`).
    """
    para = ctx.sentence.paragraph
    date = paragraph_date.get(para)
    if date is None and (continues or CONTINUES.search(ctx.text)):
        earlier = [p for p in paragraph_date if p < para]
        date = paragraph_date[max(earlier)] if earlier else None
    return date if date is not None and carries(date, ctx.article.published) else None


def _undated(ctx: _Context, paragraph_date: dict[int, PartialDate],
             ) -> tuple[PartialDate | None, list[str], str]:
    carried = _carried(ctx, paragraph_date)
    if carried is not None:
        return carried, [FLAG_DATE_FROM_CONTEXT], ""
    filed = filed_date(ctx.article.text, ctx.article.published)
    if filed:
        return PartialDate(filed), [FLAG_DATE_FROM_PUBLISHED], ""
    return None, [], ""


def _state_since(ctx: _Context, match: re.Match[str]) -> PartialDate | None:
    """When a state of control began: the date of the "since" clause after the trigger."""
    since = since_window(ctx.text)
    if since is None or since[0] < match.end():
        return None
    inside = [d for d in ctx.dates if since[0] <= d.start < since[1]]
    return inside[0].date if inside else None


def _expected_date(ctx: _Context, match: re.Match[str]) -> PartialDate | None:
    """A forecast's deadline: the first date after the trigger ("before the end of May")."""
    later = [d for d in ctx.dates if d.start >= match.start()]
    return later[0].date if later else None


def _status(text: str, start: int, match: re.Match[str]) -> str:
    if EXPECTED.search(text[start:match.start()]) or EXPECTED.search(match.group(0)):
        return "expected"
    if CLAIMED.search(text):
        return "claimed"
    return "reported"


def _provenance(article: Article, quote: str, span: tuple[int, int]) -> Provenance:
    return Provenance(article.id, article.source, article.published, quote, span,
                      title=article.title, url=article.url)


def _with_provenance(fig: Figure, article: Article, sentence: Sentence, text: str,
                     n: int) -> Figure:
    return replace(fig, id=f"{article.id}:f{n + 1}",
                   provenance=_provenance(article, text, (sentence.start, sentence.end)))
