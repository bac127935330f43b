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

What a sentence names is read once per sentence
(:class:`~timeline.extract.sentence_context.SentenceContext`), not once per trigger word;
an event's places come from :mod:`timeline.extract.event_places` and its date from
:mod:`timeline.extract.event_dates`. A run-on without full stops is read in bounded pieces
(:data:`timeline.extract.articles.MAX_SENTENCE`), so extraction time grows linearly.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace

from geodata.gazetteer import get_gazetteer
from geodata.theatre import Theatre, load_theatre
from timeline.extract.agents import event_actor, written_as_actor
from timeline.extract.anchors import EventAnchors
from timeline.extract.areas import whole_areas
from timeline.extract.articles import Sentence, split_sentences
from timeline.extract.background import before_battle, campaign_backdrop, restated_launch
from timeline.extract.clauses import clause_end, clause_start
from timeline.extract.control_facts import (
    fighting_since,
    named_in_part,
    share_bank,
    still_held,
)
from timeline.extract.datecarry import filed_date
from timeline.extract.dates import FLAG_DATE_FROM_PUBLISHED, find_dates
from timeline.extract.elsewhere import FLAG_PLACE_FROM_NEXT, fronted_place
from timeline.extract.event_dates import (
    ParagraphDates,
    event_date,
    expected_date,
    state_since,
)
from timeline.extract.event_places import (
    borrowed_place,
    event_places,
    object_kind,
    share_only,
)
from timeline.extract.figures import SubjectLabels, merge_repeats, sentence_figures
from timeline.extract.lexicon import (
    PlaceMention,
    Scanner,
    actor_table,
    dated_name,
    find_actors,
    find_places,
    unresolved_names,
)
from timeline.extract.sentence_context import SentenceContext
from timeline.extract.triggers import (
    CLAIMED,
    EXPECTED,
    HABITUAL,
    NEGATION,
    TRIGGER_RE,
    TRIGGER_STARTERS,
    TRIGGERS,
)
from timeline.extract.wordscan import find_at_words
from timeline.ids import assign_claim_ids
from timeline.records import (
    Article,
    Event,
    Extraction,
    Figure,
    PlaceRef,
    Provenance,
)

__all__ = ["FLAG_DATE_ANCHORED", "FLAG_DATE_FROM_PUBLISHED", "extract_article"]

FLAG_DATE_ANCHORED = "date_anchored"  # a chain counted from an event; says which
# A figure placed in a whole country or region, in a sentence naming no place of the
# theatre, counts elsewhere (country and region names of the theatres' news).
_COUNTRY_WIDE = re.compile(
    r"\b(?:in|across|throughout|inside)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern|"
    r"-?(?:east|west)(?:ern)?)?\s+)?(?:Iraq|Syria|Turkey|Iran|Kurdistan|Lebanon|Jordan|"
    r"the country|the region)\b")
# Casualty and displacement counts belong where they happened; a force's strength in the
# country may be the campaign's ("a 100,000-strong force in Iraq").
_PLACED_KINDS = frozenset({"killed", "wounded", "displaced", "arrested"})
_ANNOUNCED = re.compile(r"(?:announced|declared|confirmed)\b", re.IGNORECASE)


def extract_article(article: Article, gazetteer: Scanner | None = None,
                    on_sentence: Callable[[int, int], None] | None = None) -> Extraction:
    """All events and figures of ``article``, with quotes, spans and unresolved names.

    ``on_sentence(done, of)``, when given, is told once the sentences are found
    (``done`` 0) and after each sentence is read, so a page can show real progress.

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
    paragraph_date: ParagraphDates = {}
    read: list[str] = []
    sentences = [s for s in split_sentences(article.text, article.ignored)
                 if not _ignored(article, s)]
    if on_sentence:
        on_sentence(0, len(sentences))
    all_places = find_places(article.text, gaz)
    place_starts = [p.start for p in all_places]
    headline = next((p.mention for p in find_places(article.title or "", gaz)
                     if p.id == sides.city_area), None)
    for done, (sentence, after) in enumerate(
            zip(sentences, [*sentences[1:], None], strict=True), start=1):
        text = article.text[sentence.start:sentence.end]
        read.append(text)
        places = _shifted(all_places, place_starts, sentence)
        following = ((article.text[after.start:after.end],
                      _shifted(all_places, place_starts, after)) if after else ("", []))
        anchors = EventAnchors(events, places, theatre.anchors if theatre else ())
        dates = find_dates(text, filed_date(article.text, article.published), anchors)
        places = [p for p in places  # "after the capture of X": X is no place of this event
                  if not any(d.basis and d.start <= p.start < d.end for d in dates)
                  and dated_name(text, p, [(d.start, d.end) for d in dates]) is not False]
        dates = [d for d in dates if not any(  # "the July 17 neighbourhood" is no date
            dated_name(text, p, [(d.start, d.end)]) for p in places)]
        named = [a for a in find_actors(text, actors) if written_as_actor(text, a)]
        ctx = SentenceContext(article, sentence, text, dates, places, named,
                              parents, kinds, sides, whole, following, headline)
        for event in _sentence_events(ctx, paragraph_date, events):
            events.append(event)
        for fig in sentence_figures(ctx.text, ctx.dates, ctx.places, article.published,
                                    parents, kinds, labels, figures[-1:]):
            if fig.kind in _PLACED_KINDS and not places and _COUNTRY_WIDE.search(text):
                continue  # "killed in air raids in northern Iraq": not the city's
            figures.append(_with_provenance(fig, article, sentence, text, len(figures)))
        unresolved += [n for n in unresolved_names(text, places, gaz) if n not in unresolved]
        if on_sentence:
            on_sentence(done, len(sentences))
    held, corners = still_held(read, gaz)
    figures = merge_repeats(figures, article.title)
    figures = [replace(f, still_held=held, still_held_corners=corners,
                       bank=share_bank(theatre, f.places, f"{f.subject} {f.provenance.quote}"))
               if f.kind == "territory_percent" else f for f in figures]
    return assign_claim_ids(Extraction(article, tuple(events), tuple(figures),
                                       tuple(unresolved), article.warnings))


def _shifted(places: list[PlaceMention], starts: list[int], sentence: Sentence,
             ) -> list[PlaceMention]:
    """The article's place mentions inside ``sentence``, with offsets into the sentence
    (``starts``: the mentions' sorted starts, so each sentence looks only at its own)."""
    out = []
    for p in places[bisect_left(starts, sentence.start):]:
        if p.start >= sentence.end:
            break
        if p.end <= sentence.end:
            out.append(replace(p, start=p.start - sentence.start, end=p.end - sentence.start))
    return out


def _ignored(article: Article, sentence: Sentence) -> bool:
    return any(s < sentence.end and sentence.start < e for s, e in article.ignored)


def _sentence_events(ctx: SentenceContext, paragraph_date: ParagraphDates,
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


def _event(ctx: SentenceContext, match: re.Match[str], kind: str, where: str,
           paragraph_date: ParagraphDates, earlier: list[Event]) -> Event | None:
    text = ctx.text
    start = clause_start(text, match.start())
    if (NEGATION.search(text[max(start, match.start() - 40):match.end()])
            or HABITUAL.search(text, start, match.start())):
        return None
    if kind == "declaration" and re.search(r"['’]s\s+$", text[:match.start()]):
        return None
    found_kind = object_kind(text, match, kind)
    if found_kind is None:
        return None
    kind = found_kind
    end = len(text) if kind == "kill" else clause_end(text, match.end(), ctx.places)
    places = event_places(ctx, match, kind, where, (start, end))
    if not places and share_only(ctx, (start, end)):
        return None  # a share retaken is a figure, never the whole area's capture
    borrowed = () if places else borrowed_place(ctx, kind, match.end())
    places = places or borrowed
    if not places:
        return None
    if kind == "capture" and _ANNOUNCED.match(match.group(0)) and all(
            p.id in ctx.whole for p in places):  # "announced the liberation of Mosul"
        kind = "declaration"
    date, flags, basis = event_date(ctx, match, start, end, paragraph_date)
    status = _status(text, start, match)
    if date is not None and status == "expected" and kind in ("capture", "capture_expected"):
        date = expected_date(ctx, match) or date  # "before the end of May": next May
    if date is None or (kind == "declaration" and flags) or before_battle(date, ctx.theatre):
        return None  # an undated declaration is restated; a victory announced is news
    kind = "declaration" if kind == "victory" else kind
    if kind == "offensive" and flags and (restated_launch(text, match.span())
                                            or campaign_backdrop(text, match.span())):
        return None
    if kind == "capture" and where == "clause":  # "under IS control since June 2014"
        date = state_since(ctx, match) or date
        if before_battle(date, ctx.theatre):
            return None
    actor, side = event_actor(text, ctx.actors, match, start, kind, ctx.theatre)
    if kind == "capture_expected":
        if status != "expected":
            return None
        kind = "capture"
    key = (kind, _place_key(places), status == "expected")  # a forecast is no repeat
    if any((e.kind, _place_key(e.places), e.status == "expected") == key
           and (e.date == date or flags) for e in earlier):
        return None
    quote_span = (ctx.sentence.start, ctx.sentence.end)
    prov = _provenance(ctx.article, text, quote_span)
    notes = (f"{FLAG_DATE_ANCHORED}: {basis}",) if basis else ()
    if borrowed and not fronted_place(text, ctx.places, ctx.whole):
        notes = (FLAG_PLACE_FROM_NEXT, *notes)
    places = tuple(replace(p, partial=p.partial or named_in_part(text, p.mention)) for p in places)
    return Event(f"{ctx.article.id}:e{len(earlier) + 1}", kind, date, places, actor, side,
                 status, prov, (*flags, *notes), fighting_since=fighting_since(date, text))


def _place_key(places: tuple[PlaceRef, ...]) -> tuple[str, ...]:
    return tuple(sorted(p.id or p.mention for p in places))


def _status(text: str, start: int, match: re.Match[str]) -> str:
    if EXPECTED.search(text, start, match.end()):  # "will retake", "plans to retake"
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
