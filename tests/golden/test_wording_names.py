"""Names in prose (issue 13): each spelling a reporter uses and ``geocode`` resolves is
found in a sentence, and words that are no place never reach the unresolved list.

The sentences live in ``tests/fixtures/wording/names.md``, written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.gazetteer import get_gazetteer
from timeline.extract.lexicon import find_places, unresolved_names

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "wording" / "names.md"


def _section(title: str) -> list[tuple[str, str]]:
    lines = FIXTURE.read_text(encoding="utf-8").split(f"## {title}\n", 1)[1].split("\n## ")[0]
    return [tuple(part.strip() for part in line.split("|", 1))  # type: ignore[misc]
            for line in lines.splitlines() if "|" in line]


@pytest.mark.parametrize(("place_id", "sentence"), _section("resolves"))
def test_spelling_resolves_in_prose(place_id: str, sentence: str) -> None:
    gaz = get_gazetteer("mosul")
    assert place_id in {p.id for p in find_places(sentence, gaz)}, sentence


@pytest.mark.parametrize(("word", "sentence"), _section("not candidates"))
def test_non_places_are_never_unresolved(word: str, sentence: str) -> None:
    gaz = get_gazetteer("mosul")
    names = unresolved_names(sentence, find_places(sentence, gaz), gaz)
    assert not any(word in name for name in names), names


def test_a_name_never_runs_over_a_line_break() -> None:
    gaz = get_gazetteer("mosul")
    text = "Shelling went on in Kirkukli\nThu Nov 10 and in Badush."
    names = unresolved_names(text, find_places(text, gaz), gaz)
    assert all("\n" not in name for name in names)
    assert "Badush" in names  # a real candidate stays listed


def test_a_name_joined_by_ibn_is_listed_whole() -> None:
    gaz = get_gazetteer("mosul")
    text = "Troops were advancing towards Sharif ibn al-Hadi and Qubba areas on Sunday."
    names = unresolved_names(text, find_places(text, gaz), gaz)
    assert "Sharif ibn al-Hadi" in names and "Sharif" not in names and "al-Hadi" not in names
