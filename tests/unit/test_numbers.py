"""Numbers in digits and words, qualifiers and vague amounts (issue 4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.extract.numbers import find_quantities, tidy, words_to_number

ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def int_to_words(n: int) -> str:
    """Test helper: 3320 -> "three thousand three hundred and twenty"."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10 - 2] + (f"-{ONES[n % 10]}" if n % 10 else "")
    for scale, name in ((1_000_000, "million"), (1_000, "thousand"), (100, "hundred")):
        if n >= scale:
            head, rest = divmod(n, scale)
            words = f"{int_to_words(head)} {name}"
            if rest:
                joiner = " and " if rest < 100 else " "
                words += joiner + int_to_words(rest)
            return words
    raise AssertionError(n)  # pragma: no cover


def one(text: str) -> tuple[object, ...]:
    (q,) = find_quantities(text)
    return text[q.start:q.end], tidy(q.value), q.qualifier, q.low, q.high, q.percent


@pytest.mark.parametrize(("text", "expected"), [
    ("killed 3320 ISIS", ("3320", 3320, "exact", None, None, False)),
    ("killed 3,320 ISIS", ("3,320", 3320, "exact", None, None, False)),
    ("close to 400,000, about", ("close to 400,000", 400000, "about", None, None, False)),
    ("twenty people", ("twenty", 20, "exact", None, None, False)),
    ("up to half a million people", ("up to half a million", 500000, "at_most", None, None,
                                     False)),
    ("at least 70 percent of", ("at least 70 percent", 70, "at_least", None, None, True)),
    ("some 100,000 civilians", ("some 100,000", 100000, "about", None, None, False)),
    ("roughly 2.5 million", ("roughly 2.5 million", 2500000, "about", None, None, False)),
    ("more than 200 militants", ("more than 200", 200, "at_least", None, None, False)),
    ("fewer than twenty", ("fewer than twenty", 20, "at_most", None, None, False)),
    ("nearly 6,000 fighters", ("nearly 6,000", 6000, "about", None, None, False)),
    ("dozens of deaths", ("dozens", None, "vague", 24, 99, False)),
    ("Several thousands of people", ("Several thousands", None, "vague", 3000, 9000, False)),
    ("several thousand people", ("several thousand", None, "vague", 3000, 9000, False)),
    ("tens of thousands fled", ("tens of thousands", None, "vague", 20000, 99999, False)),
    ("between 9,000 and 11,000 killed", ("between 9,000 and 11,000", None, "range", 9000,
                                         11000, False)),
    ("20-30 % of the city", ("20-30 %", None, "range", 20, 30, True)),
])
def test_quantities(text: str, expected: tuple[object, ...]) -> None:
    assert one(text) == expected


def test_a_fifth_is_a_fraction() -> None:
    (q,) = find_quantities("about a fifth of the population")
    assert q.fraction and q.value == pytest.approx(0.2) and q.qualifier == "about"


def test_and_without_between_is_two_numbers() -> None:
    found = find_quantities("killed 3,320 and 400,000 displaced")
    assert [tidy(q.value) for q in found][:1] == [3320]


def test_ordinals_and_hyphenated_words_are_not_numbers() -> None:
    assert find_quantities("the 9th Armoured Division and the U.S.-led coalition") == []


@given(st.integers(min_value=0, max_value=999_999_999))
def test_number_words_round_trip(n: int) -> None:
    assert words_to_number(int_to_words(n)) == n


@given(st.integers(min_value=2, max_value=999_999))
def test_number_words_are_found_in_text(n: int) -> None:
    text = f"they said {int_to_words(n)} people were killed"
    (q,) = find_quantities(text)
    assert q.value == n
