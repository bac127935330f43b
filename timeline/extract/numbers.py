"""Quantities in running text: digits, number words, vague amounts, percentages.

:func:`find_quantities` turns "3,320", "twenty", "half a million", "a fifth",
"dozens", "several thousands", "70 percent" and their qualifiers ("at least", "up
to", "close to", ...) into :class:`Quantity` records. Analysts compare figures from
different sources, so a vague amount is kept vague: ``qualifier="vague"`` with a
``low``/``high`` range instead of an invented point value.

Vague ranges (documented so that charts can show them honestly): "dozens" 24-99,
"scores" 40-99, "hundreds" 200-999, "thousands" 2,000-9,999, "tens of thousands"
20,000-99,999, "hundreds of thousands" 200,000-999,999, "several N" 3N-9N, "a few N"
2N-5N. The ``value`` of a vague quantity is None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from timeline.extract.wordscan import find_at_words, starters

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fourth": 0.25, "fifth": 0.2,
             "tenth": 0.1}
# "three quarters", "two-thirds": a count of parts, each the singular's share
PLURAL_FRACTIONS = {"halves": 0.5, "thirds": 1 / 3, "quarters": 0.25, "fourths": 0.25,
                    "fifths": 0.2, "tenths": 0.1}
VAGUE = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
}
# "several thousand", "a few hundred": the word's multiples of its unit(s)
SEVERAL = {"several": (3, 9), "a few": (2, 5)}
SEVERAL_UNITS = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000}


def several_words() -> dict[tuple[int, int], str]:
    """Every "several N" / "a few N" (N a unit, or two: "several hundred thousand") by
    the range it reads as, so that a printed amount can say the word again."""
    words: dict[tuple[int, int], str] = {}
    for word, (lo, hi) in SEVERAL.items():
        for unit, scale in SEVERAL_UNITS.items():
            words[(lo * scale, hi * scale)] = f"{word} {unit}"
            for unit2 in ("thousand", "million"):
                big = scale * SEVERAL_UNITS[unit2]
                words.setdefault((lo * big, hi * big), f"{word} {unit} {unit2}")
    return words


QUALIFIERS = {
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "nearly": "about", "almost": "about", "close to": "about",
    "an estimated": "about", "estimated": "about", "more than": "at_least",
    "at least": "at_least", "over": "at_least", "upwards of": "at_least",
    "in excess of": "at_least", "up to": "at_most", "fewer than": "at_most",
    "less than": "at_most", "at most": "at_most", "no more than": "at_most",
    "as many as": "at_most", "under": "at_most",
}

_STARTERS = starters([
    *UNITS, *TENS, *SCALES, *(q.split()[0] for q in QUALIFIERS), "dozens", "scores", "hundreds",
    "thousands", "tens", "several", "a", "half", "one", "between",
])
_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
_WORDS = rf"(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*"
# (the plain form may not stop before ",000": "2,000-square-metre" is no "2")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?![,.]?\d)"
_SCALE = r"(?:\s+(?P<scale>million|thousand|hundred)s?)?"
_QUAL = "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True))
_CORE = (
    rf"(?P<vague>tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands)"
    rf"|(?P<several>several|a few)\s+(?P<vscale>dozen|hundred|thousand|million)s?"
    rf"(?:\s+(?P<vscale2>thousand|million)s?)?"
    rf"|(?P<half>half a million|a quarter of a million)"
    rf"|(?:a|one)\s+(?P<frac>half|third|quarter|fourth|fifth|tenth)"
    rf"|(?P<barehalf>half)(?=\s+of\b)"
    rf"|(?P<parts>two|three|four)[\s-]+(?P<pfrac>thirds|quarters|fourths|fifths|tenths)"
    rf"|(?P<digits>{_DIGITS}){_SCALE}"
    rf"|(?P<words>{_WORDS})"
)
_QUANTITY_RE = re.compile(
    rf"(?<![\w.,/-])(?:(?P<qual>{_QUAL})\s+)?(?P<between>between\s+)?(?:{_CORE})"
    rf"(?:\s*(?P<sep>-|to|and)\s*(?P<high>{_DIGITS}|{_WORDS})(?P<hscale>\s+(?:million|thousand))?)?"
    rf"(?P<pct>\s*(?:%|percent\b|per cent\b))?(?P<strong>-strong\b)?(?![\w/-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """A number found in text, with its qualifier and (for vague amounts) a range."""

    start: int
    end: int
    value: float | None
    qualifier: str
    low: float | None = None
    high: float | None = None
    percent: bool = False
    fraction: bool = False
    words: bool = False
    strong: bool = False
    """Written "an N-strong (force)": the size of an armed force."""


def tidy(value: float | None) -> float | None:
    """3320.0 -> 3320: counts print as integers in JSON, shares keep their decimals."""
    if value is not None and float(value).is_integer():
        return int(value)
    return value


def words_to_number(text: str) -> int | None:
    """"three hundred and twenty" -> 320; None when ``text`` is not a number in words."""
    total, current = 0, 0
    seen = False
    for word in re.split(r"[\s-]+", text.lower().strip()):
        if word == "and":
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """A number in digits ("3,320", "2.5") or words ("twenty"); None otherwise."""
    text = text.strip()
    if re.fullmatch(_DIGITS, text):
        return float(text.replace(",", ""))
    value = words_to_number(text)
    return float(value) if value is not None else None


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order (years and ordinals are the caller's to mask)."""
    matches = find_at_words(_QUANTITY_RE, text, _STARTERS, digits=True)
    return [q for m in matches if (q := _quantity(m)) is not None]


def _quantity(m: re.Match[str]) -> Quantity | None:
    qualifier = QUALIFIERS.get(" ".join((m.group("qual") or "").lower().split()), "exact")
    common: dict[str, Any] = {"start": m.start(), "end": m.end(),
                              "percent": bool(m.group("pct")), "strong": bool(m.group("strong"))}
    if m.group("vague"):
        lo, hi = VAGUE[" ".join(m.group("vague").lower().split())]
        return Quantity(value=None, qualifier="vague", low=lo, high=hi, words=True, **common)
    if m.group("several"):
        scale = SEVERAL_UNITS[m.group("vscale").lower()]
        if m.group("vscale2"):  # "several hundred thousand": a range in the hundred-thousands
            scale *= SEVERAL_UNITS[m.group("vscale2").lower()]
        lo, hi = SEVERAL[" ".join(m.group("several").lower().split())]
        return Quantity(value=None, qualifier="vague", low=lo * scale, high=hi * scale,
                        words=True, **common)
    if m.group("half"):
        half = 500_000 if m.group("half").lower().startswith("half") else 250_000
        return Quantity(value=half, qualifier=qualifier, words=True, **common)
    if m.group("pfrac"):
        parts = UNITS[m.group("parts").lower()] * PLURAL_FRACTIONS[m.group("pfrac").lower()]
        return Quantity(value=parts, qualifier=qualifier, fraction=True, words=True, **common)
    if m.group("frac") or m.group("barehalf"):  # "a third of", "more than half of"
        share = FRACTIONS[(m.group("frac") or m.group("barehalf")).lower()]
        return Quantity(value=share, qualifier=qualifier,
                        fraction=True, words=True, **common)
    raw = m.group("digits") or m.group("words")
    value = parse_number(raw)
    if value is None:
        return None
    if m.group("scale") and not _doubled_thousand(m):
        value *= SCALES[m.group("scale").lower()]
    if m.group("high") and m.group("sep").lower() == "and" and not m.group("between"):
        common["end"] = len(m.string[:m.start("sep")].rstrip())
        common["percent"] = False
    elif m.group("high"):
        high = parse_number(m.group("high"))
        if high is None:
            return None
        if m.group("hscale"):
            high *= SCALES[m.group("hscale").strip().lower()]
            if not m.group("scale") and value < high / 1000:
                value *= SCALES[m.group("hscale").strip().lower()]
        return Quantity(value=None, qualifier="range", low=value, high=high,
                        words=bool(m.group("words")), **common)
    return Quantity(value=value, qualifier=qualifier, words=bool(m.group("words")), **common)


def _doubled_thousand(m: re.Match[str]) -> bool:
    """"350,000 thousand": a source wrote the thousands twice; the digits already say it
    (no report counts people in the hundreds of millions)."""
    return m.group("scale").lower() == "thousand" and "," in (m.group("digits") or "")
