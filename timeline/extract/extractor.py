"""Events and figures from an article, each tied to the sentence it came from.

Rule-based on purpose: every output can be explained by a trigger word, a clause and
a lexicon entry, and analysts can read the rules. Per sentence (outside ignored
blocks) we find dates (:mod:`timeline.extract.dates`), places (:mod:`timeline.extract.lexicon` over
the gazetteer), actors and quantities, then:

- an event per trigger ("took over", "recaptured", "fell to", "launched ... offensive",
  "arrested", "killed <a commander>", "declared ... caliphate"), with the places,
  date and actor of the trigger's own clause (:mod:`timeline.extract.clauses`);
- nothing for negated or failed actions ("has not yet begun", "struggled to invade");
- ``status`` ``expected`` for forecasts, ``claimed`` for claims and denials;
- an event without a date in its sentence takes the date of the previous event of the
  same paragraph ("It also said forces killed ..."), else the publication date with
  the flag ``date_from_published``; an undated declaration is not guessed;
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
from timeline.extract.anchors import EventAnchors
from timeline.extract.articles import Sentence, split_sentences
from timeline.extract.clauses import clause_end, clause_start, since_window
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
from timeline.extract.figures import SubjectLabels, sentence_figures
from timeline.extract.lexicon import (
    ActorMention,
    PlaceMention,
    Scanner,
    actor_table,
    find_actors,
    find_places,
    simplest_places,
    unresolved_names,
)
from timeline.extract.wordscan import find_at_words, starters
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

# (kind, pattern, where the places are): "after" the trigger, or "before" ("Mosul ... fell to").
_TRIGGERS: tuple[tuple[str, str, str], ...] = (
    ("capture", r"\b(?:fell|fallen)\s+to\b|\bcame under\s+(?:the\s+)?control\s+of\b", "before"),
    ("capture", r"\b(?:took over|took control of|taken control of|seized|captured|recaptured|"
                r"retook|retaken|regained|liberated|freed|overran|overrun)\b", "after"),
    ("capture", r"\bunder\s+(?:(?:the|full|fully|complete)\s+)*(?:[\w’'-]+\s+){0,3}control\b",
     "clause"),
    ("capture_expected", r"\b(?:to|will)\s+(?:fully\s+)?(?:retake|recapture|capture|liberate|"
                         r"take|seize|free)\b", "after"),
    ("offensive", r"\b(?:launched|began|begun|started|opened|kicked off)\b[^.;,]{0,40}?"
                  r"\b(?:offensive|operation|front|assault|campaign)\b"
                  r"|\b(?:offensive|operation|assault|campaign|front)\b[^.;,]{0,50}?"
                  r"\b(?:was |were |is |has |had )?(?:been |not |not yet |yet )*"
                  r"(?:launched|began|begun|started|opened)\b", "after"),
    ("arrest", r"\b(?:arrested|detained|apprehended)\b", "after"),
    ("kill", r"\bkilled\b", "kill"),
    ("attack", r"\b(?:attacked|stormed|shelled|bombed|launched an attack on|entered|"
               r"pushed into|advanced into|broke into)\b", "after"),
    ("destruction", r"\b(?:blew up|blown up|destroyed|demolished)\b", "after"),
    ("declaration", r"\b(?:declared|proclaimed|announced)\b(?=[^.;]{0,80}"
                    r"(?:caliphate|liberat|victory|from\s))", "after"),
)
TRIGGER_RE = re.compile("|".join(f"(?P<t{i}>{p})" for i, (_, p, _) in enumerate(_TRIGGERS)),
                        re.IGNORECASE)
_TRIGGER_STARTERS = starters(
    "fell fallen came took taken seized captured recaptured retook retaken regained liberated "
    "freed overran overrun under to will launched began begun started opened kicked offensive "
    "operation assault campaign front arrested detained apprehended killed attacked stormed "
    "shelled bombed entered pushed advanced broke blew blown destroyed demolished declared "
    "proclaimed announced")
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|yet to|failed to|fail to|struggl\w+|attempt\w*|tried to|"
    r"trying to|try to|seeking to|sought to|aim\w* to|bid to|unable to|could not|couldn['’]t|"
    r"did not|didn['’]t|hasn['’]t|haven['’]t|wasn['’]t|weren['’]t)\b", re.IGNORECASE)
_EXPECTED = re.compile(r"\b(?:expect\w*|will|forecast\w*|predict\w*|set to|poised to|"
                       r"likely to|hop(?:e|es|ed|ing) to|plan\w* to)\b", re.IGNORECASE)
_CLAIMED = re.compile(r"\bclaim(?:s|ed|ing)?\b|\bden(?:y|ies|ied)\b|\bAmaq\b|"
                      r"\b(?:ISIS|Islamic State|militants)\s+said\b", re.IGNORECASE)
_KILL_OBJECT = re.compile(r"\b(?:commander|leader|emir|wali|chief|official|governor|"
                          r"deputy|aide|spokesman|(?:Abu|al-)\s?[A-Z]\w+)", re.IGNORECASE)
_NUMBER_AFTER = re.compile(r"\s*(?:\d|(?:at least|more than|about|some|dozens|hundreds|"
                           r"several|up to|nearly)\b)", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|is|are|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_RETAKE = re.compile(r"retook|retaken|recaptur|regain|liberat|freed|took over", re.IGNORECASE)


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
    events: list[Event] = []
    figures: list[Figure] = []
    unresolved: list[str] = []
    paragraph_date: dict[int, PartialDate] = {}
    read: list[str] = []
    all_places = find_places(article.text, gaz)
    for sentence in split_sentences(article.text, article.ignored):
        if _ignored(article, sentence):
            continue
        text = article.text[sentence.start:sentence.end]
        read.append(text)
        places = _shifted(all_places, sentence)
        anchors = EventAnchors(events, places, theatre.anchors if theatre else ())
        dates = find_dates(text, filed_date(article.text, article.published), anchors)
        places = [p for p in places  # "after the capture of X": X is no place of this event
                  if not any(d.basis and d.start <= p.start < d.end for d in dates)]
        ctx = _Context(article, sentence, text, dates, places, find_actors(text, actors),
                       parents, kinds, sides)
        for event in _sentence_events(ctx, paragraph_date, events):
            events.append(event)
        for fig in sentence_figures(ctx.text, ctx.dates, ctx.places, article.published,
                                    parents, kinds, labels):
            figures.append(_with_provenance(fig, article, sentence, text, len(figures)))
        unresolved += [n for n in unresolved_names(text, places, gaz) if n not in unresolved]
    held, corners = still_held(read, gaz)
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
    for match in find_at_words(TRIGGER_RE, ctx.text, _TRIGGER_STARTERS):
        kind, _, where = _TRIGGERS[int((match.lastgroup or "t0")[1:])]
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
    if _NEGATION.search(text[max(start, match.start() - 40):match.end()]):
        return None
    if kind == "declaration" and re.search(r"['’]s\s+$", text[:match.start()]):
        return None
    if kind == "capture" and _NUMBER_AFTER.match(text, match.end()):
        kind = "arrest"
    if kind == "kill" and (_NUMBER_AFTER.match(text, match.end())
                           or not _KILL_OBJECT.search(text, match.end())):
        return None
    end = len(text) if kind == "kill" else clause_end(text, match.end(), ctx.places)
    places = _event_places(ctx, match, where, end)
    if not places:
        return None
    date, flags, basis = _event_date(ctx, match, start, end, paragraph_date)
    if date is None or (kind == "declaration" and flags):
        return None
    actor, side = _actor(ctx, match, start, kind)
    status = _status(text, start, match)
    if kind == "capture_expected":
        if status != "expected":
            return None
        kind = "capture"
    if status == "expected" and kind == "capture":
        date = _expected_date(ctx, match) or date
    key = (kind, tuple(sorted(str(p.id) for p in places)))
    if any((e.kind, tuple(sorted(str(p.id) for p in e.places))) == key
           and (e.date == date or flags) for e in earlier):
        return None
    quote_span = (ctx.sentence.start, ctx.sentence.end)
    prov = _provenance(ctx.article, text, quote_span)
    notes = (f"{FLAG_DATE_ANCHORED}: {basis}",) if basis else ()
    places = tuple(replace(p, partial=named_in_part(text, p.mention)) for p in places)
    return Event(f"{ctx.article.id}:e{len(earlier) + 1}", kind, date, places, actor, side,
                 status, prov, (*flags, *notes), fighting_since=fighting_since(date, text))


def _event_places(ctx: _Context, match: re.Match[str], where: str, end: int,
                  ) -> tuple[PlaceRef, ...]:
    if where == "before":
        before = [p for p in ctx.places if p.end <= match.start()]
        chosen = before[-1:]
    elif where == "clause":
        start = clause_start(ctx.text, match.start())
        chosen = [p for p in ctx.places if start <= p.start < end]
    else:
        chosen = [p for p in ctx.places if match.start() <= p.start < end]
        if not chosen and _PASSIVE.search(ctx.text, 0, match.start()):
            start = clause_start(ctx.text, match.start())
            chosen = [p for p in ctx.places if start <= p.start < match.start()]
    return simplest_places(chosen, ctx.parents, ctx.kinds)


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
    usable = [d for d in ctx.dates
              if not (since and since[0] <= d.start < since[1]
                      and not since[0] <= match.start() < since[1])
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


def _expected_date(ctx: _Context, match: re.Match[str]) -> PartialDate | None:
    """A forecast's deadline: the first date after the trigger ("before the end of May")."""
    later = [d for d in ctx.dates if d.start >= match.start()]
    return later[0].date if later else None


def _actor(ctx: _Context, match: re.Match[str], start: int, kind: str) -> tuple[str, str]:
    text = ctx.text
    inside = [a for a in ctx.actors if start <= a.start < match.end()
              and not _is_victim(text, a)]
    if inside:
        return inside[-1].actor, inside[-1].side
    after = [a for a in ctx.actors if match.end() <= a.start < match.end() + 60]
    passive = re.search(r"\b(?:to|by)\s*$", match.group(0)) or re.match(r"\s+by\b",
                                                                         text[match.end():])
    if passive and after:
        return after[0].actor, after[0].side
    earlier = [a for a in ctx.actors if a.end <= match.start() and not _is_victim(text, a)]
    if earlier:
        return earlier[-1].actor, earlier[-1].side
    if kind in ("capture", "offensive") and _RETAKE.search(text):
        return ctx.theatre.advancing_actor, ctx.theatre.advancing_side
    return "", "unknown"


def _is_victim(text: str, actor: ActorMention) -> bool:
    """"killed 3320 ISIS terrorists": the actor right after a number is the object."""
    return re.search(r"\d[\d,]*\s+$|\b(?:of|among|against)\s+$",
                     text[max(0, actor.start - 12):actor.start]) is not None


def _status(text: str, start: int, match: re.Match[str]) -> str:
    if _EXPECTED.search(text[start:match.start()]) or _EXPECTED.search(match.group(0)):
        return "expected"
    if _CLAIMED.search(text):
        return "claimed"
    return "reported"


def _provenance(article: Article, quote: str, span: tuple[int, int]) -> Provenance:
    return Provenance(article.id, article.source, article.published, quote, span,
                      title=article.title, url=article.url)


def _with_provenance(fig: Figure, article: Article, sentence: Sentence, text: str,
                     n: int) -> Figure:
    return replace(fig, id=f"{article.id}:f{n + 1}",
                   provenance=_provenance(article, text, (sentence.start, sentence.end)))
