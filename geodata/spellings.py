"""Every way a gazetteer row spells its place, and which spellings prose may use.

A ``places.csv`` row packs several spellings into its columns: ``name`` may carry a
bracketed alternative ("Gogjali (Kokjali)") or a note ("al-Sihha (west)", "Bash Tapia
Castle (in al-Shifa)"), ``name`` and ``name_ar`` may hold two names split by ``/``, and
``variants`` mixes transliterations with English translations that the ``glosses``
column marks. Only bracketed parts written like a name (a capital or an article, not
"NOT ...") count: a note such as "in al-Shifa" must not become a spelling of the castle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geodata.normalize import normalise
from geodata.theatre import Place

# English words one edit or one vowel away from a place's key ("Arab" / al-Arabi,
# "Shia" / al-Shifa, "Syrian" / al-Tayaran, "Some" / Sumer), towns elsewhere a step from
# one ("Najaf" / al-Najafi) and the enemy's names ("ISIS"): news prose capitalises them
# (at a sentence start, as a people, a creed or a place elsewhere), so they never
# resolve by skeleton or fuzzy score, in ``geocode`` or in prose. Exact spellings of a
# place are unaffected.
_NOT_NAME_WORDS = """
arab arabs arabic syrian syrians iraqi iraqis kurd kurds kurdish turkish turkmen iranian
american americans british french russian russia shia shiite shiites sunni sunnis muslim
muslims islam islamic christian christians yazidi yazidis jewish
some same many most more much also after amid among under until when while where then
there these those this that they their them since such still earlier later late last
near north south east west northern southern eastern western central other others
again about above below before behind between both each every few from into only over
salam slam alam sami samir tamer saadi said sayed madaen
najaf isis isil daesh
"""
NOT_NAMES = frozenset(map(normalise, _NOT_NAME_WORDS.split()))

_BRACKETED = re.compile(r"\(([^)]*)\)")
_PART_SPLIT = re.compile(r"[/;,]")
_NAME_SPLIT = re.compile(r"\s+/\s+|/")


@dataclass(frozen=True)
class Spelling:
    """One spelling of a place, its matching key, and whether it is a translation gloss."""

    place_id: str
    text: str
    key: str
    gloss: bool = False
    bracketed: bool = False
    primary: bool = False

    @property
    def scannable(self) -> bool:
        """Glosses are checked word by word when scanning; names by their key alone."""
        return bool(self.key)


def spellings(place: Place) -> list[Spelling]:
    """The spellings of ``place``: name parts, name-like bracketed parts, variants, Arabic."""
    texts: list[tuple[str, bool, bool]] = []
    bare = _BRACKETED.sub(" ", place.name)
    primary = {" ".join(part.split()) for part in _NAME_SPLIT.split(bare)}
    texts += [(part, False, False) for part in _NAME_SPLIT.split(bare)]
    glosses = set(place.glosses)
    for inner in _BRACKETED.findall(place.name):
        parts = _PART_SPLIT.split(inner)
        texts += [(part, part.strip() in glosses, True) for part in parts
                  if _looks_like_name(part)]
    texts += [(v, v in glosses, False) for v in place.variants]
    texts += [(g, True, False) for g in place.glosses if g not in place.variants]
    texts += [(part, False, False) for part in _NAME_SPLIT.split(place.name_ar)]
    seen: set[str] = set()
    out = []
    for text, gloss, bracketed in texts:
        text = " ".join(text.split())
        key = normalise(text)
        if key and text not in seen:
            seen.add(text)
            out.append(Spelling(place.id, text, key, gloss, bracketed, text in primary))
    return out


def drop_clashing_notes(spelled: list[Spelling]) -> list[Spelling]:
    """Bracketed parts whose key another place also uses are notes, not names: drop them.

    ("Old City riverside" is written beside both al-Maidan and Qara Saray.)
    """
    owners: dict[str, set[str]] = {}
    for s in spelled:
        owners.setdefault(s.key, set()).add(s.place_id)
    return [s for s in spelled if not (s.bracketed and len(owners[s.key]) > 1)]


def _looks_like_name(part: str) -> bool:
    part = part.strip()
    if not part or part.startswith("NOT"):
        return False
    return part[0].isupper() or part.lower().startswith(("al-", "el-"))
