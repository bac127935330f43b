"""Clause windows inside a sentence: the stretch of text a trigger word governs.

A sentence often carries two facts ("forces took over al-Maamel on Wednesday, and
raised flags"; "killed 3320 militants since the offensive ... was launched in
February"). Extraction reads a trigger's place, date and actor from its own clause,
bounded by conjunctions and subordinating words, so that facts do not bleed into each
other: a participle after a comma (", tightening the noose around the Old City"), "in
order to", a second verb ("captured X and entered Y", "retook X in January and launched
Y") and "after they ..." end one. A list of places ("Karamah, Khadra and the Kokceli
district") does not end a clause.

A subordinate clause of time with its own subject ("after they captured X on Monday",
"before troops entered Y") is a window of its own (:func:`subordinate_spans`): its date
dates what it tells, not the main clause around it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline.extract.lexicon import PlaceMention

_FORWARD_END = re.compile(
    r";|,\s*(?=\d)|,\s*(?=\w+ing\b)|\s+in order to\b"
    r"|,\s*(?=(?:having|and|which|who|while|as|after|but|where|from where|along|both|"
    r"including|often|the largest)\b)"
    r"|\s+and\s+(?=(?:is|are|was|were|has|have|had|raised|the|then|enter|entered|push|pushed|"
    r"advance|advanced|move|moved|storm|stormed|launched|began|started|opened)\b)"
    r"|\s+after\s+(?=(?:they|it|he|she|we|forces|troops)\b)"
    r"|\s+(?:as|while|whereas|because)\s+|\s+since\s+")
_BACKWARD_START = re.compile(
    r"[;,]\s*|\b(?:since|after|when|while|that|which|as|and|who)\s+", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)
# "after they captured", "before the troops entered": a clause of time with a subject.
_SUBORDINATE = re.compile(
    r"\b(?:after|before|until|once)\s+(?=(?:they|it|he|she|we|(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:forces|troops|army|soldiers|police|units|militants|fighters|jihadists))\b)",
    re.IGNORECASE)
_SUBORDINATE_END = re.compile(r"[;,]|\s+(?:and|but|while|as|whereas)\s+")
_SINCE_END = re.compile(r"[;,]|\s+(?:and|but|while)\s+|\s+(?:is|was|are|were)\s+(?!launched)")


def clause_end(sentence: str, pos: int, places: Sequence[PlaceMention] = ()) -> int:
    """Where the clause that ``pos`` lies in ends (a list of places does not end it)."""
    starts = {p.start for p in places}
    for match in _FORWARD_END.finditer(sentence, pos):
        if any(0 <= s - match.end() <= len("the ") for s in starts):
            continue
        return match.start()
    return len(sentence)


def clause_start(sentence: str, pos: int) -> int:
    """Where the clause that ``pos`` lies in starts."""
    start = 0
    for match in _BACKWARD_START.finditer(sentence, 0, pos):
        start = match.end()
    return start


# "al-Zahraa and al-Tanak were retaken": a name, then "and", right before a clause start.
_NAME_AND = re.compile(r"(?:al-|el-)?[A-Z][\w’'-]*\s+and\s+$")
_NAME_COMMA = re.compile(r"(?:al-|el-)?[A-Z][\w’'-]*\s*,\s*$")


def list_start(sentence: str, start: int) -> int:
    """Where the subject of a passive verb begins when it is a list of names: the clause
    of "were retaken" starts after the "and" of "al-Zahraa and al-Tanak", but its subject
    takes in al-Zahraa too, and after an "and" so does a list before it ("X, Y and Z");
    a comma alone is no list ("In X, Y was retaken"). ``start`` is the clause start
    :func:`clause_start` gives."""
    match = _NAME_AND.search(sentence, 0, start)
    while match is not None:
        start = clause_start(sentence, match.start())
        match = _NAME_COMMA.search(sentence, 0, start)
    return start


def since_window(sentence: str) -> tuple[int, int] | None:
    """The "since ..." clause of a sentence, which dates the start of a count."""
    match = _SINCE.search(sentence)
    if match is None:
        return None
    end = _SINCE_END.search(sentence, match.end())
    return match.start(), end.start() if end else len(sentence)


def subordinate_spans(sentence: str) -> list[tuple[int, int]]:
    """The "after/before/until/once <subject> ..." clauses of a sentence: what they tell
    has its own date ("captured X after they took Y on Monday": Monday is Y's)."""
    spans = []
    for match in _SUBORDINATE.finditer(sentence):
        end = _SUBORDINATE_END.search(sentence, match.end())
        spans.append((match.start(), end.start() if end else len(sentence)))
    return spans
