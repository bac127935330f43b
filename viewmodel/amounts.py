"""How a reported figure reads, everywhere it is shown: one function, :func:`amount_text`.

A figure is a point value, a range (low-high) or a vague amount ("dozens": 24-99, see
:mod:`timeline.extract.numbers`), with a qualifier ("about", "at least", "up to").
Analysts compare claims across sources, so a range stays a range and a vague word stays
the word: "dozens" is never printed as the mid-point the chart plots it at (62).
Hovers, export slides and tables of text all call :func:`amount_text`.
"""

from __future__ import annotations

from timeline.extract.numbers import VAGUE, several_words

# "dozens", "several thousand" back from their ranges: the extractor's own tables, read
# the other way round.
VAGUE_WORDS = {(float(lo), float(hi)): word for (lo, hi), word in several_words().items()}
VAGUE_WORDS.update({(float(lo), float(hi)): word for word, (lo, hi) in VAGUE.items()})
QUALIFIER_WORDS = {"about": "about", "at_least": "at least", "at_most": "up to"}


def _number(x: float, percent: bool) -> str:
    return f"{x:g} %" if percent else f"{x:,.0f}"


def amount_text(value: float | None, low: float | None, high: float | None,
                qualifier: str, percent: bool = False) -> str:
    """A figure as words and numbers: "3,320", "about 5,000", "200–300",
    "dozens (24–99)", "at least 70 %"; "unknown amount" when nothing was given."""
    spread = low is not None and high is not None and low != high
    if qualifier == "vague" and spread:
        assert low is not None and high is not None
        word = VAGUE_WORDS.get((float(low), float(high)))
        span = f"{_number(low, percent)}–{_number(high, percent)}"
        return f"{word} ({span})" if word else f"vague: {span}"
    if spread:
        assert low is not None and high is not None
        text = f"{_number(low, percent)}–{_number(high, percent)}"
    elif value is not None:
        text = _number(value, percent)
    elif low is not None:
        text = _number(low, percent)
    else:
        return "unknown amount"
    word = QUALIFIER_WORDS.get(qualifier)
    return f"{word} {text}" if word else text
