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
