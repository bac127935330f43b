"""Figures in a sentence: what was counted, by whom, since when and as of when.

A quantity becomes a figure when a kind word sits next to it in its clause ("killed
3320", "400,000 displaced", "70 percent of territory", "half a million people
remain"). Numbers inside dates, durations ("three months of fighting") and ordinals are
not figures. "400,000 of whom ..." takes the kind of the figure before it. A fraction of
the population ("about a fifth of the population before its capture") is not a count:
it is kept as a note on the figure before it.

``as_of`` is the sentence's own date outside any "since ..." clause, else the
publication date; ``since`` is the first date inside the "since ..." clause.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from geodata.theatre import Theatre
from timeline.extract.clauses import clause_end, clause_start, since_window
from timeline.extract.dates import DateMention
from timeline.extract.lexicon import PlaceMention, find_claimant, simplest_places
from timeline.extract.numbers import Quantity, find_quantities, tidy
from timeline.records import Figure, PartialDate, Provenance

_KINDS: tuple[tuple[str, str], ...] = (
    ("killed", r"\b(?:killed|dead|deaths?|died|slain|killing)\b"),
    ("wounded", r"\b(?:wounded|injured|hurt)\b"),
    ("displaced", r"\b(?:displaced|fled|uprooted|refugees|displacement)\b"),
    ("trapped", r"\b(?:trapped|besieged)\b"),
    ("arrested", r"\b(?:arrested|detained|apprehended|taken prisoner)\b"),
    ("population", r"\b(?:population|(?:people|civilians|residents|inhabitants)\s+"
                   r"(?:remain|remained|still|live|living|are in|were in|in the))"),
    ("fighters", r"\b(?:fighters|militants|jihadists)\s+(?:in|defending|holed|remain|left)\b"),
)
KIND_RES = tuple((kind, re.compile(p, re.IGNORECASE)) for kind, p in _KINDS)
_TERRITORY = re.compile(r"\b(?:territory|of the (?:city|west|east|western|eastern)|area|"
                        r"control|retaken|liberated|neighbou?rhoods)\b", re.IGNORECASE)
_UNIT_AFTER = re.compile(r"\s*(?:-\s*)?(?:days?|weeks?|months?|years?|hours?|km|kilomet\w*|"
                         r"miles?|met(?:er|re)s?|am\b|pm\b|a\.m|p\.m|times|of (?:his|her|their))",
                         re.IGNORECASE)
# The nouns a count names, and what the figure's subject is then called: FIGHTERS and
# FORCES are the theatre's own words (:class:`SubjectLabels`), the others are plain.
FIGHTERS, FORCES = "<fighters>", "<forces>"
_SUBJECTS: tuple[tuple[str, str], ...] = (
    (r"ISIS|ISIL|Islamic State|Daesh|militants?|terrorists|jihadists|fighters|insurgents",
     FIGHTERS),
    (r"civilians", "civilians"),
    (r"people|residents|individuals|inhabitants", "people"),
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


def sentence_figures(text: str, dates: list[DateMention], places: list[PlaceMention],
                     published: dt.date | None, parents: dict[str, str],
                     kinds: dict[str, str],
                     labels: SubjectLabels = SubjectLabels()) -> list[Figure]:
    """Figures of one sentence (ids and provenance are the caller's to set); ``labels``
    name the theatre's fighters and forces in subjects."""
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
    for q in quantities:
        share = _OF_POPULATION.match(text, q.end)
        if q.fraction:
            if share and out:
                note = f"{text[q.start:share.end()].strip()} ({q.value:.2f})"
                out[-1] = _replace_note(out[-1], note)
            continue
        kind = _kind(text, q, out)
        if kind is None:
            continue
        of_whom = _OF_WHOM.match(text, q.end) is not None and bool(out)
        start, end = clause_start(text, q.start), clause_end(text, q.end, places)
        if since and since[0] <= start <= since[1] < q.start:
            start = clause_start(text, since[0])
        scope = [p for p in places if start <= p.start < end
                 and not (since and since[0] <= p.start < since[1])]
        out.append(Figure(
            id="", kind=kind, value=tidy(q.value), qualifier=q.qualifier,
            subject="territory" if kind == "territory_percent" else (
                out[-1].subject if of_whom else labels.name(_subject(text, q))),
            claimant=claimant, provenance=_EMPTY, as_of=as_of, since=since_date,
            low=tidy(q.low), high=tidy(q.high), places=simplest_places(scope, parents, kinds),
        ))
    return out


def _countable(text: str, q: Quantity, dates: list[DateMention]) -> bool:
    if any(d.start <= q.start < d.end or q.start <= d.start < q.end for d in dates):
        return False
    if _UNIT_AFTER.match(text, q.end) and not q.percent:
        return False
    return q.fraction or q.value is None or q.value >= 2 or q.percent


def _kind(text: str, q: Quantity, previous: list[Figure]) -> str | None:
    if q.percent:
        return "territory_percent" if _TERRITORY.search(text[q.end:q.end + WINDOW]) else None
    if _OF_WHOM.match(text, q.end) and previous:
        return previous[-1].kind
    after = text[q.end:clause_end(text, q.end)][:WINDOW].split(",")[0]
    before = text[max(0, q.start - WINDOW):q.start]
    before = re.split(r"[;,]", before)[-1]
    hits = [(m.start(), kind) for kind, rx in KIND_RES if (m := rx.search(after))]
    specific = [hit for hit in hits if hit[1] != "population"]
    if hits:
        return min(specific or hits)[1]
    hits = [(m.start(), kind) for kind, rx in KIND_RES for m in rx.finditer(before)]
    return max(hits)[1] if hits else None


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


def _replace_note(fig: Figure, note: str) -> Figure:
    from dataclasses import replace

    return replace(fig, note=f"{fig.note}; {note}" if fig.note else note)


_EMPTY = Provenance("", "", None, "", (0, 0))
