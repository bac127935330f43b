"""What a number in a sentence counts, read from the words around it.

A number is a figure of the battle only when it counts people (or is a share of
territory). The noun right after it says what it counts:

- a thing ("five booby-trapped cars", "two military vehicles", "9 priority sites",
  "40 districts", "19 camps", "43,000 more spaces" in camps) is no count of people,
  whatever kind word is near;
- families or households ("85 families were displaced") are counted in another unit:
  a families count is no people figure, and when a people count follows it ("350
  families totalling 1,900 people", "3,577 families, or 21,462 individuals") that count
  reads its kind from the families count's place in the sentence;
- armed men ("up to 4,000 Peshmerga", "4,000 to 8,000 Islamic State militants", "an
  N-strong force") are a strength, a ``fighters`` figure, unless a kind word says they
  were killed, wounded or arrested ("killed 37 militants", "eliminated 3 bombers");
  bombers sent into an attack ("six suicide bombers hit a post") are no strength;
- "booby-trapped" (however it is spelt: "boody-trapped") describes a thing: a
  hyphenated "-trapped" is never people trapped.

The words tried here are patterns of English news prose, not of any one report.
"""

from __future__ import annotations

import re

# Words that may stand between a number and its noun without ending the noun phrase:
# capitalised names ("IS", "Kurdish"), hyphenated modifiers ("booby-trapped",
# "ISIS-held") and a few plain adjectives.
_STOP = (r"killed|dead|died|wounded|injured|hurt|displaced|fled|fleeing|arrested|detained|"
         r"trapped|remain\w*|still|in|on|at|of|from|to|into|and|or|by|for|with|as|"
         r"were|are|was|is|have|has|had|be|been|who|which|that")
_MODIFIER = (rf"(?!(?i:{_STOP})\b)(?:[A-Z][\w'’-]*|\w+-[\w-]+|priority|other|more|military|"
             r"armou?red|family|emergency|reception|residential|new|main|key|small|large|separate|nearby|"
             r"additional|further|extra|armed|foreign|elite|tribal|government|federal|"
             r"suicide|regular|local|civilian|rival)")
_THINGS = (r"vehicles?|cars?|trucks?|tanks?|humvees?|bulldozers?|bombs?|car bombs?|"
           r"sites?|camps?|plots?|tents?|shelters?|districts?|neighbou?rhoods?|quarters|"
           r"villages?|towns?|cities|buildings?|houses|homes|bridges?|fronts|axes|schools?|"
           r"hospitals?|mosques?|weapons?|rockets?|mortars?|launchers?|drones?|boats?|"
           r"tunnels?|checkpoints?|positions|streets?|roads?|locations|areas|sectors|"
           r"governorates|provinces|centres|centers|points|routes|corridors|headquarters|"
           r"warehouses|factories|wells|facilities|operations|phases|stages|battalions|"
           r"brigades|divisions|regiments|units|airstrikes|air strikes|strikes|raids|"
           r"attacks|sorties|tonnes|tons|litres|liters|trucks|packages|parcels|kits|"
           r"meals|rations|beds|clinics|teams|partners|agencies|organi[sz]ations|"
           r"spaces|places|slots|caravans|containers|belts|vests|explosives|devices|IEDs|"
           r"mines|shells|missiles")
_FORCES = (r"fighters|militants|troops|soldiers|Peshmerga|peshmerga|gunmen|jihadists|"
           r"terrorists|insurgents|militiamen|militia\s+members|policemen|personnel|commandos|"
           r"paramilitaries|servicemen|recruits|snipers|bombers")
# ("12 of the 15 districts": the count out of a number of things is of things too)
_NOUN_AFTER = (rf"\s+(?:of\s+(?:(?:the|its|their|all)\s+)?(?:group's\s+)?(?:\d[\d,]*\s+)?)?"
               rf"(?:{_MODIFIER}[\s,]+){{0,3}}?")

THING_AFTER = re.compile(rf"{_NOUN_AFTER}(?i:{_THINGS})\b")
FAMILIES_AFTER = re.compile(
    rf"{_NOUN_AFTER}(?i:(?:newly\s+)?(?:displaced|IDP|refugee)\s+)?(?i:families|households)\b")
FORCE_AFTER = re.compile(rf"{_NOUN_AFTER}(?i:{_FORCES})\b")
# Bombers are spent in their attack, no strength of a force: "six suicide bombers hit a
# checkpoint" is no ``fighters`` figure (bombers killed or arrested keep that kind).
BOMBERS_AFTER = re.compile(rf"{_NOUN_AFTER}(?i:bombers)\b")
# "families, or 21,462 individuals", "families totalling 1,900 people", "families (...)"
FAMILIES_THEN_PEOPLE = re.compile(
    r"\s*(?:,\s*)?(?:or|totall?ing|corresponding to|comprising|amounting to|that is|i\.e\.,?|"
    r"making up|with a total of|of)?\s*$", re.IGNORECASE)
# An active verb right before the count: "killed 37 militants", "eliminate 3 bombers",
# "arrested 15 suspects" ("a total of" may stand between).
VERB_BEFORE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"\b(?:{verbs})\s+(?:a\s+total\s+of\s+|an?\s+(?:further|additional)\s+)?$",
                      re.IGNORECASE))
    for kind, verbs in (
        ("killed", r"kill(?:ed|ing|s)?|eliminat(?:ed|ing|es?)|neutrali[sz](?:ed|ing|es?)|"
                   r"slew|slain|(?:shot|gunned)\s+(?:dead|down)|"
                   r"(?:deaths?|bodies|killing|remains)\s+of"),
        ("wounded", r"wound(?:ed|ing|s)?|injur(?:ed|ing|es?)|wounding\s+of"),
        ("arrested", r"arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|captur(?:ed|ing|es?)|"
                     r"apprehend(?:ed|ing|s)?|(?:arrest|detention|capture|surrender)\s+of"),
    ))
# "killed, injured", "killed and wounded": a casualty total, neither kind alone
CASUALTY_TOTAL = re.compile(
    r"\b(?:killed|dead)\s*(?:,|and|or|/|&)\s*(?:injured|wounded)\b"
    r"|\b(?:injured|wounded)\s*(?:,|and|or|/|&)\s*(?:killed|dead)\b", re.IGNORECASE)
# "The numbers fell to 2,500": the count the sentence before gave, on another day
BACK_REFERENCE = re.compile(
    r"\b(?:the|these|those|their)\s+(?:numbers?|figures?|totals?|counts?|tolls?)\s+"
    r"(?:\w+\s+){0,3}?(?:fell|dropped|declined|decreased|rose|increased|climbed|jumped|"
    r"reached|stood|grew)\s*(?:to|at|by)?\s*$", re.IGNORECASE)
# "3,300 IDPs returned home", "12,000 residents have gone back": people home again, a
# ``returned`` count, never a displacement ("returned fire" is fighting, no return)
RETURNED = re.compile(r"\b(?:returned(?!\s+fire\b)|returnees?|returning(?!\s+fire\b)|"
                      r"(?:went|gone|going|came|come|coming)\s+back(?:\s+home)?)\b",
                      re.IGNORECASE)
# "Mosul, a city of 1.5 million people", "home to 1.5 million": the place's population
CITY_OF = re.compile(r"\b(?:(?:city|town|metropolis)\s+of|home\s+to)\s+$", re.IGNORECASE)
# "9 percent remains under IS control": the share still held, the rest is retaken
STILL_HELD = re.compile(
    r"[^,;]{0,40}?\b(?:(?:remains?|is|are|still)\s+(?:\w+\s+)?(?:under|in the hands of|"
    r"held by)|held by)\s+(?:the\s+)?(?:control\s+of\s+(?:the\s+)?)?"
    r"(?:IS|ISIS|ISIL|Daesh|Islamic State|militants?|jihadists|insurgents|the group)\b")
# "ISIS still controls 30 percent": the same, said from the other side
HELD_BEFORE = re.compile(
    r"\b(?:IS|ISIS|ISIL|Daesh|Islamic State|militants|jihadists|insurgents|the group)\s+"
    r"(?:still\s+|now\s+|only\s+)*(?:controls?|holds?|controlled|held)\s+(?:only\s+)?$")
# "three quarters of the old city": a fraction of a place is a share of territory
FRACTION_OF_PLACE = re.compile(
    r"\s+of\s+(?:the\s+)?(?:[\w,’'-]+\s+){0,3}?(?:old city|city|town|district|"
    r"neighbou?rhood|quarter|east|west|eastern|western|territory|bank|side)\b(?!['’]s)",
    re.IGNORECASE)
TAKEN = re.compile(r"\b(?:captured|retaken|retook|recaptured|liberated|seized|freed|"
                   r"cleared|controls?|under (?:\w+\s+){0,3}control|taken|regained|reclaimed|"
                   r"(?:clawed|won|taken|took)\s+back)\b", re.IGNORECASE)


def thing_counted(text: str, end: int) -> bool:
    """Whether the number ending at ``end`` counts things ("five booby-trapped cars")."""
    thing = THING_AFTER.match(text, end)
    force = FORCE_AFTER.match(text, end)
    return thing is not None and (force is None or thing.end() < force.end())


def families_counted(text: str, end: int) -> re.Match[str] | None:
    """The families noun when the number ending at ``end`` counts families."""
    return FAMILIES_AFTER.match(text, end)


def force_counted(text: str, end: int) -> bool:
    """Whether the number ending at ``end`` counts armed men ("4,000 Peshmerga")."""
    return FORCE_AFTER.match(text, end) is not None


def bombers_counted(text: str, end: int) -> bool:
    """Whether the number ending at ``end`` counts bombers ("six suicide bombers")."""
    return BOMBERS_AFTER.match(text, end) is not None


def verb_kind(before: str) -> str | None:
    """The kind an active verb right before the number gives it ("killed 37 ...")."""
    return next((kind for kind, rx in VERB_BEFORE if rx.search(before)), None)
