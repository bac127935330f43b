"""Figures in a sentence: what was counted, by whom, since when and as of when.

A quantity becomes a figure when a kind word sits next to it in its clause ("killed
3320", "400,000 displaced", "70 percent of territory", "half a million people
remain"). Numbers inside dates, durations ("three months of fighting") and ordinals are
not figures. "400,000 of whom ..." takes the kind of the figure before it. A fraction of
the population ("about a fifth of the population before its capture") is not a count:
it is kept as a note on the figure before it.

What the number counts comes first (:mod:`timeline.extract.figure_nouns`): things and
families are no people figure, armed men are a ``fighters`` strength unless killed,
wounded or arrested, and an active verb before the number ("killed 37 militants") gives
its kind. "killed, injured" is a casualty total (no figure); "a city of N people" is a
population; "three quarters of the old city" (retaken) and "9 percent remains under IS"
(91 retaken) are territory shares; "hundreds fled" is a crowd, not a displacement count;
"The numbers fell to N" counts what the article's last figure counted. Across the
article, :func:`merge_repeats` keeps one figure per fact and lets the body beat the
headline.

``as_of`` is the sentence's own date outside any "since ..." clause, else the
publication date; ``since`` is the first date inside the "since ..." clause.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from geodata.theatre import Theatre
from timeline.extract.clauses import clause_end, clause_start, since_window
from timeline.extract.dates import DateMention
from timeline.extract.figure_nouns import (
    BACK_REFERENCE,
    CASUALTY_TOTAL,
    CITY_OF,
    FAMILIES_THEN_PEOPLE,
    FRACTION_OF_PLACE,
    HELD_BEFORE,
    RETURNED,
    STILL_HELD,
    TAKEN,
    bombers_counted,
    families_counted,
    force_counted,
    thing_counted,
    verb_kind,
)
from timeline.extract.lexicon import PlaceMention, find_claimant, simplest_places
from timeline.extract.numbers import Quantity, find_quantities, tidy
from timeline.records import Figure, PartialDate, Provenance

_KINDS: tuple[tuple[str, str], ...] = (
    ("killed", r"\b(?:killed|dead|deaths?|died|slain|killing|bodies|eliminated|"
               r"neutrali[sz]ed)\b"),
    ("wounded", r"\b(?:wounded|injured|hurt|injuries|trauma|referred\b[^,;.]{0,40}"
                r"\bhospitals?)\b"),
    ("displaced", r"\b(?:displaced|fled|fleeing|uprooted|refugees|displacement|IDPs?|"
                  r"escaped|evacuated|shelter(?:ed|ing)\s+in|in\s+camps)\b"),
    ("returned", RETURNED.pattern),
    ("trapped", r"(?<![\w-])(?:trapped|besieged)\b"),  # "boody-trapped cars" are things
    ("arrested", r"\b(?:arrested|detained|apprehended|taken prisoner|surrendered|(?:were|was|"
                 r"been|being)\s+(?:\w+\s+)?(?:captured|taken captive))\b"),
    ("population", r"\b(?:population|(?:people|civilians|residents|inhabitants)\s+"
                   r"(?:remain|remained|(?:are |were )?still|live|living|are in|were in|"
                   r"in the))"),
    ("fighters", r"\b(?:fighters|militants|jihadists)\s+(?:in|defending|holed|remain|left)\b"),
)
KIND_RES = tuple((kind, re.compile(p, re.IGNORECASE)) for kind, p in _KINDS)
_TERRITORY = re.compile(r"\b(?:territory|of (?:the )?(?:city|west|east|western|eastern|old city)|"
                        r"area|control|retaken|liberated|neighbou?rhoods)\b", re.IGNORECASE)
_UNIT_AFTER = re.compile(r"\s*(?:-\s*)?(?:days?|weeks?|months?|years?|hours?|km|kilomet\w*|"
                         r"miles?|met(?:er|re)s?|am\b|pm\b|a\.m|p\.m|times)",
                         re.IGNORECASE)
# The nouns a count names, and what the figure's subject is then called: FIGHTERS and
# FORCES are the theatre's own words (:class:`SubjectLabels`), the others are plain.
FIGHTERS, FORCES = "<fighters>", "<forces>"
_SUBJECTS: tuple[tuple[str, str], ...] = (
    (r"ISIS|ISIL|Islamic State|Daesh|militants?|terrorists|jihadists|fighters|insurgents",
     FIGHTERS),
    (r"civilians", "civilians"),
    (r"people|residents|individuals|inhabitants", "people"),
    (r"Peshmerga", "Peshmerga"),
    (r"families", "families"),
    (r"soldiers|troops|security forces|policemen|officers", FORCES),
)


@dataclass(frozen=True)
class SubjectLabels:
    """What a theatre calls the armed men a count names: the fighters of the force the
    advancing side faces (Mosul: "ISIS fighters") and the advancing side's own forces
    (Mosul: "Iraqi forces", its ``advancing`` actor). With several opposing forces the
    fighters stay plain "fighters": the noun alone does not say whose."""

    fighters: str = "fighters"
    forces: str = "security forces"

    @classmethod
    def of(cls, theatre: Theatre) -> SubjectLabels:
        others = [s for s in theatre.side_codes.forces if s != theatre.advancing_side]
        fighters = (f"{theatre.sides[others[0]].label} fighters" if len(others) == 1
                    else cls.fighters)
        return cls(fighters, theatre.advancing_actor or cls.forces)

    def name(self, key: str) -> str:
        return {FIGHTERS: self.fighters, FORCES: self.forces}.get(key, key)
SUBJECT_RE = re.compile("|".join(f"(?P<s{i}>\\b(?:{p})\\b)" for i, (p, _) in enumerate(_SUBJECTS)),
                        re.IGNORECASE)
_OF_WHOM = re.compile(r"\s+of\s+(?:whom|them)\b", re.IGNORECASE)
_OF_POPULATION = re.compile(r"\s+of\s+(?:the|its|their)\s+(?:pre-\w+\s+)?population\b[^,;.]*",
                            re.IGNORECASE)
WINDOW = 50
AFTER_WINDOW = 70  # "8,103 people referred from frontline areas to hospitals": the kind
                   # word can stand a long noun phrase after the number
CROWD_BELOW = 10_000
HEADLINE_WORDS = 4  # a title shorter than this (a file's stem) is not looked for in the text
_OF_POSSESSIVE = re.compile(r"\s+of\s+(?:his|her|their|its)\b", re.IGNORECASE)
_POINTS_BACK = re.compile(r"\s*(?:where|of whom|of which|among them|including|or)?\s*",
                         re.IGNORECASE)
_AS_KIND = re.compile(r"\s+as\s+(?:newly\s+|internally\s+)?(?:displaced|IDPs?|refugees|dead|"
                      r"killed|wounded|injured|arrested|detained)\b", re.IGNORECASE)
_PARENS = re.compile(r"\s*\([^()]*\)")
_APPOSITIVE_END = re.compile(r"\s*(?:have|has|had|are|were|is|was|remain\w*|still|now|already)\b",
                             re.IGNORECASE)


def sentence_figures(text: str, dates: list[DateMention], places: list[PlaceMention],
                     published: dt.date | None, parents: dict[str, str],
                     kinds: dict[str, str],
                     labels: SubjectLabels = SubjectLabels(),
                     earlier: Sequence[Figure] = ()) -> list[Figure]:
    """Figures of one sentence (ids and provenance are the caller's to set); ``labels``
    name the theatre's fighters and forces in subjects; ``earlier`` are the article's
    figures before this sentence ("The numbers fell to 2,500" counts what the last one
    counted)."""
    quantities = [q for q in find_quantities(text) if _countable(text, q, dates)]
    if not quantities:
        return []
    since = since_window(text)
    since_date = next((d.date for d in dates if since and since[0] <= d.start < since[1]), None)
    as_of_dates = [d for d in dates if not (since and since[0] <= d.start < since[1])]
    as_of = as_of_dates[0].date if as_of_dates else (PartialDate(published) if published
                                                      else None)
    claimant = find_claimant(text)
    out: list[Figure] = []
    families: Quantity | None = None  # the last families count, for "N families, or M people"
    for q in quantities:
        share = _OF_POPULATION.match(text, q.end)
        value, note, back = q.value, "", None
        if families_counted(text, q.end):  # another unit: no people figure
            families = q
            continue
        if q.fraction:
            if share and out:
                note = f"{text[q.start:share.end()].strip()} ({q.value:.2f})"
                out[-1] = _replace_note(out[-1], note)
                continue
            kind = "territory_percent" if _place_share(text, q) else None
            value = round((q.value or 0) * 100, 1)  # "three quarters of the old city": 75
        else:
            kind = _counted_kind(text, q, out, families)
            if kind is None and earlier and BACK_REFERENCE.search(text, 0, q.start):
                kind, back = earlier[-1].kind, earlier[-1]
        if kind is None or _crowd(kind, q):
            continue
        if kind == "territory_percent" and (rest := _rest_retaken(text, q)):
            value, note = rest
        of_whom = _OF_WHOM.match(text, q.end) is not None and bool(out)
        start, end = clause_start(text, q.start), clause_end(text, q.end, places)
        if since and since[0] <= start <= since[1] < q.start:
            start = clause_start(text, since[0])
        scope = [p for p in places if start <= p.start < end
                 and not (since and since[0] <= p.start < since[1])]
        out.append(Figure(
            id="", kind=kind, value=tidy(value), qualifier=q.qualifier,
            subject="territory" if kind == "territory_percent" else (
                out[-1].subject if of_whom else back.subject if back
                else labels.name(_subject(text, q))),
            claimant=claimant, provenance=_EMPTY, as_of=as_of, since=since_date,
            low=tidy(q.low), high=tidy(q.high), places=simplest_places(scope, parents, kinds),
            note=note,
        ))
    return out


def _counted_kind(text: str, q: Quantity, out: list[Figure],
                  families: Quantity | None) -> str | None:
    """The kind of a count (or percentage): none when it counts things ("five
    booby-trapped cars", "19 camps"); a people count paired with a families count before
    it ("350 families totalling 1,900 people") reads its kind from there."""
    if not q.percent and thing_counted(text, q.end):
        return None
    paired = families is not None and FAMILIES_THEN_PEOPLE.match(
        text[:q.start], _families_end(text, families))
    return _kind(text, q, out, families.start if paired and families else q.start)


def _place_share(text: str, q: Quantity) -> bool:
    """Whether a fraction in words is a share of a retaken place."""
    return q.value is not None and bool(FRACTION_OF_PLACE.match(text, q.end)
                                        and TAKEN.search(text))


def _rest_retaken(text: str, q: Quantity) -> tuple[float, str] | None:
    """"9 percent remains under IS", "ISIS still controls 30 percent": the share given is
    what is still held, so the figure is the rest (91, 70), with what was said as note."""
    if q.value is None or not q.percent:
        return None
    held = STILL_HELD.match(text, q.end)
    by = HELD_BEFORE.search(text, max(0, q.start - WINDOW), q.start)
    said = (by.start(), q.end) if by else (q.start, held.end()) if held else None
    if said is None:
        return None
    return 100 - q.value, f"{text[said[0]:said[1]].strip()}: the rest retaken"


def _countable(text: str, q: Quantity, dates: list[DateMention]) -> bool:
    if any(d.start <= q.start < d.end or q.start <= d.start < q.end for d in dates):
        return False
    if _UNIT_AFTER.match(text, q.end) and not q.percent:
        return False
    return q.fraction or q.value is None or q.value >= 2 or q.percent


def _families_end(text: str, families: Quantity) -> int:
    match = families_counted(text, families.end)
    return match.end() if match else families.end


def _crowd(kind: str, q: Quantity) -> bool:
    """"hundreds of civilians fled", "thousands more have fled": a crowd in the story, not
    a displacement count (the analysts' facts leave these out; "hundreds of thousands"
    and counted ranges stay)."""
    return (kind == "displaced" and q.qualifier == "vague" and q.high is not None
            and q.high < CROWD_BELOW)


def _kind(text: str, q: Quantity, previous: list[Figure], anchor: int) -> str | None:
    """The figure kind of ``q``; ``anchor`` is where its noun phrase starts (a families
    count before it: "350 families totalling 1,900 people" reads from "350")."""
    if q.percent:
        return "territory_percent" if _TERRITORY.search(text[q.end:q.end + WINDOW]) else None
    if _OF_WHOM.match(text, q.end) and previous:
        return previous[-1].kind
    after = _after(text, q.end)
    before = _before(text, anchor)
    hits = [(m.start(), kind) for kind, rx in KIND_RES if (m := rx.search(after))]
    armed = q.strong or force_counted(text, q.end)
    if armed:  # a strength, unless they were killed, wounded or taken
        hits = [hit for hit in hits if hit[1] in ("killed", "wounded", "arrested")]
    specific = [hit for hit in hits if hit[1] != "population"]
    if hits:
        kind = min(specific or hits)[1]
        if kind in ("killed", "wounded") and CASUALTY_TOTAL.search(text, q.end, q.end + WINDOW):
            return None  # "26 killed, injured": a casualty total, neither kind alone
        return "returned" if kind == "displaced" and RETURNED.search(after) else kind
    if _OF_POSSESSIVE.match(text, q.end):  # "fled with three of his aides": company, no count
        return None
    if CITY_OF.search(before):
        return "population"
    if verb := verb_kind(before):
        return verb
    if armed:
        return None if bombers_counted(text, q.end) else "fighters"
    hits = [(m.start(), kind) for kind, rx in KIND_RES for m in rx.finditer(before)]
    return max(hits)[1] if hits else None


def _before(text: str, start: int) -> str:
    """The words before a number back to its clause's comma; a clause that only points
    back ("..., where 3,577 families ...", "..., of whom 400 ...") reads the one before."""
    parts = re.split(r"[;,]", text[max(0, start - 2 * WINDOW):start])
    if len(parts) >= 2 and _POINTS_BACK.fullmatch(parts[-1]):
        return f"{parts[-2]} {parts[-1]}"
    return parts[-1][-WINDOW:]


def _after(text: str, end: int) -> str:
    """The words after a number up to its clause's first comma, parentheses left out; an
    appositive between commas is skipped ("800,000 people, a third of the population,
    have fled")."""
    masked = _PARENS.sub(lambda m: " " * len(m.group()), text)  # "(57,967 families)"
    stop = clause_end(masked, end)
    if kind_as := _AS_KIND.match(masked, stop):  # "recorded as newly displaced"
        stop = kind_as.end()
    clause = " ".join(masked[end:stop].split())
    parts = clause.split(",")
    if len(parts) >= 3 and _APPOSITIVE_END.match(parts[2]):
        return f"{parts[0]} {parts[2]}"[:AFTER_WINDOW]
    if len(parts) >= 2 and _APPOSITIVE_END.match(parts[1]):  # "..., or 6,900 people, were"
        return f"{parts[0]} {parts[1]}"[:AFTER_WINDOW]
    return parts[0][:AFTER_WINDOW]


def _subject(text: str, q: Quantity) -> str:
    """The noun counted: right after the number ("3320 ISIS terrorists", "dozens of deaths
    among militants"), else the nearest before it in the clause ("people displaced ...")."""
    after = text[q.end:min(len(text), q.end + 60)].split(",")[0]
    match = SUBJECT_RE.search(after)
    if match is None:
        before = text[max(0, q.start - 100):q.start]
        matches = list(SUBJECT_RE.finditer(before))
        match = matches[-1] if matches else None
    if match is None:
        return ""
    return _SUBJECTS[int((match.lastgroup or "s0")[1:])][1]


def merge_repeats(figures: Sequence[Figure], title: str) -> list[Figure]:
    """One figure per fact of an article, in reading order.

    A figure the article repeats (same kind and numbers, places that agree) is kept once,
    from its first telling, taking the places a later one names. A figure of the
    headline (the sentence that is the article's ``title``) gives way to the body, which
    says it more exactly: it is dropped when the body has a figure of its kind with the
    same numbers ("90 percent of eastern Mosul" beats "90 percent of Mosul"), or when
    the headline's is only vague ("Thousands displaced" beside "144,500 displaced").
    """
    head = _normal(title)
    head = f" {head} " if len(head.split()) >= HEADLINE_WORDS else ""  # "TEST" is no headline
    kept: dict[int, Figure] = {}
    headline: list[tuple[int, Figure]] = []
    for i, fig in enumerate(figures):
        if head and head in f" {_normal(fig.provenance.quote)} ":
            headline.append((i, fig))
            continue
        twin = next((j for j, g in kept.items() if _same_figure(g, fig)), None)
        if twin is None:
            kept[i] = fig
        elif fig.places and not kept[twin].places:
            kept[twin] = replace(kept[twin], places=fig.places)
    for i, fig in headline:
        body = [g for g in kept.values() if g.kind == fig.kind]
        if not any(_same_numbers(g, fig) for g in body) and not (body and fig.qualifier == "vague"):
            kept[i] = fig
    return [kept[i] for i in sorted(kept)]


def _same_figure(a: Figure, b: Figure) -> bool:
    places_a = {p.id or p.mention for p in a.places}
    places_b = {p.id or p.mention for p in b.places}
    return (a.kind == b.kind and _same_numbers(a, b)
            and (not places_a or not places_b or places_a == places_b))


def _same_numbers(a: Figure, b: Figure) -> bool:
    return (a.value, a.low, a.high) == (b.value, b.low, b.high)


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", text.lower()).split())


def _replace_note(fig: Figure, note: str) -> Figure:
    return replace(fig, note=f"{fig.note}; {note}" if fig.note else note)


_EMPTY = Provenance("", "", None, "", (0, 0))
