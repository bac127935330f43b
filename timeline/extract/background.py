"""Restated history: what a report says happened before the battle it covers.

Reports remind the reader how things came to be ("the city, which the militants seized
in 2014", "In 2014, al-Baghdadi proclaimed a caliphate from its Grand Mosque"). Such a
sentence is context, not news: read as a fresh event it puts the 2014 fall of the city
on the map again, and its year leaks into the next sentences of the paragraph. The
theatre's ``initial`` state already says who held the city before the battle, with its
source, so an event whose own stated date ends before the battle window
(``battle.start`` in ``theatre.yaml``) is left out, and dates nothing after it.

History restated from inside the window keeps its stated date ("the offensive launched
in October", "eastern Mosul was declared liberated last month"): it is true, and dated as
said, never at the publication date: an undated declaration is not guessed at all (see
:mod:`timeline.extract.extractor`), and an undated launch of an operation the reader
already knows is left out (:func:`restated_launch`).
"""

from __future__ import annotations

import re

from geodata.theatre import Theatre
from timeline.extract.clauses import since_window
from timeline.records import PartialDate

_KNOWN_PUSH = re.compile(r"\b(?:the|their|its)\s+(?:[\w-]+\s+){0,2}?(?:offensive|operation|"
                         r"campaign|push|assault)\b", re.IGNORECASE)


def before_battle(date: PartialDate, theatre: Theatre | None) -> bool:
    """Whether a date ends before the theatre's battle window begins."""
    return theatre is not None and date.end < theatre.battle_start


def restated_launch(sentence: str, span: tuple[int, int]) -> bool:
    """Whether an offensive's launch is restated rather than reported: it is the start of
    a count ("two weeks since the new push started") or names the operation the reader
    already knows ("began their operation", "the offensive was launched"). Undated, such
    a launch is no event of the publication day."""
    since = since_window(sentence)
    if since and since[0] <= span[0] < since[1]:
        return True
    return _KNOWN_PUSH.search(sentence, span[0], span[1]) is not None


# The campaign's standing picture, not a push of the day: forces "advancing on the city
# from several directions", "other units are advancing", or an advance told as the
# circumstance of another fact ("as troops advance on the city", present tense).
_STANDING = re.compile(r"\bfrom\s+(?:several|different|other|all|many|multiple|various|"
                       r"two|three|four)\s+(?:directions|fronts|sides|axes)\b"
                       r"|\b(?:other|several|various)\s+(?:[\w-]+\s+){0,3}?(?:forces|units|"
                       r"troops|brigades|divisions|formations)\b", re.IGNORECASE)
# "are slowly surrounding the Old City": an encirclement in the present tense, undated, is
# the state of the front; "were surrounding X" (told of a day) is a push on X.
_SURROUNDING_NOW = re.compile(r"\b(?:is|are)\s+(?:(?:\w+ly|now|still)\s+)*"
                              r"(?:surrounding|encircling|besieging)\b", re.IGNORECASE)
_AS_PRESENT = re.compile(r"\bas\s+(?:[\w.’'-]+\s+){0,4}?(?:advance|close\s+in|converge|push)"
                         r"\s+(?:on|toward|towards|into|in)\b", re.IGNORECASE)


def campaign_backdrop(sentence: str, span: tuple[int, int]) -> bool:
    """Whether an undated advance is the campaign's backdrop rather than news: forces
    advancing "from several directions" or "other forces" advancing (a summary of the
    campaign), an encirclement in the present tense ("are slowly surrounding the Old
    City"), or an advance in the present tense that only frames another fact ("as troops
    advance on the city"). Such an advance is no event of the publication day."""
    if _STANDING.search(sentence):
        return True
    if any(m.end() > span[0] >= m.start() for m in _SURROUNDING_NOW.finditer(sentence)):
        return True
    return any(m.start() <= span[0] < m.end() for m in _AS_PRESENT.finditer(sentence))
