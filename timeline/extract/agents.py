"""Who did what a trigger tells: the actor of its clause, and which actor mentions are not.

Of the actors the sentence names, the event's actor is the last one in the trigger's own
clause that is not its object ("killed 3320 ISIS terrorists", "battling Daesh", "took X
from Daesh", "drove IS out of"); else the agent of a passive ("was retaken by the
army"); else the subject the clause refers back to ("..., as they captured X"); else the
nearest one before. An unattributed capture, offensive or declaration worded as a
retaking ("retook", "liberated", "victory") is the advancing side's.
"""

from __future__ import annotations

import re

from geodata.theatre import Theatre
from timeline.extract.lexicon import ActorMention
from timeline.extract.triggers import RETAKE

_PRONOUN_SUBJECT = re.compile(r"\s*(?:they|it|he|she|we)\b", re.IGNORECASE)


def event_actor(text: str, actors: list[ActorMention], match: re.Match[str], start: int,
                kind: str, theatre: Theatre) -> tuple[str, str]:
    """The actor and side of the event the trigger ``match`` tells, its clause at ``start``."""
    ousted = re.search(r"\b(?:out of|from)$", match.group(0)) is not None  # "drove IS out of"
    inside = [a for a in actors if start <= a.start < match.end()
              and not is_victim(text, a) and not (ousted and a.start >= match.start())]
    if inside:
        return inside[-1].actor, inside[-1].side
    after = [a for a in actors if match.end() <= a.start < match.end() + 60]
    passive = re.search(r"\b(?:to|by)\s*$", match.group(0)) or re.match(r"\s+by\b",
                                                                         text[match.end():])
    if passive and after:
        return after[0].actor, after[0].side
    earlier = [a for a in actors if a.end <= match.start() and not is_victim(text, a)]
    if earlier and _PRONOUN_SUBJECT.match(text, start):  # "..., as they captured X"
        return earlier[0].actor, earlier[0].side
    if earlier:
        return earlier[-1].actor, earlier[-1].side
    if kind in ("capture", "offensive", "declaration") and RETAKE.search(text):
        return theatre.advancing_actor, theatre.advancing_side
    return "", "unknown"


def written_as_actor(text: str, actor: ActorMention) -> bool:
    """"IS" in capitals is the group; "is" is the verb ("the district is cleared")."""
    return text[actor.start:actor.end].lower() != "is" or text[actor.start:actor.end] == "IS"


def is_victim(text: str, actor: ActorMention) -> bool:
    """"killed 3320 ISIS terrorists", "battling Daesh", "took X from Daesh": the actor
    right after a number, a preposition or a verb of fighting is its object."""
    return re.search(r"(?<![-/.:\d])\d[\d,]*\s+$|\b(?:of|among|against|from|battling|fighting|"
                     r"attacking|attacked|targeting|targeted|shelled)\s+$",
                     text[max(0, actor.start - 12):actor.start]) is not None
