"""Golden test: the seed article against what an analyst takes from it, written by hand.

Read ``seeds/2017-05-10-iraqinews-al-maamel.md`` (published Wednesday 2017-05-10) and
write down every event and figure in it. The extraction must find each of them and
must not invent anything else: a missed event is bad, an invented one is worse.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from timeline.extract.articles import load_article
from timeline.extract.extractor import extract_article
from timeline.records import Event, Extraction, Figure

SEED = Path(__file__).resolve().parents[2] / "seeds" / "2017-05-10-iraqinews-al-maamel.md"

# (kind, date, place ids, actor, side, status, words of the quote)
EVENTS: list[tuple[str, str, set[str], str | None, str, str, str]] = [
    ("capture", "2017-05-10", {"al-maamel"}, "Counter-Terrorism Service", "government",
     "reported", "took over al-Maamel"),
    ("kill", "2017-05-10", {"al-islah-al-zirai"}, None, "government", "reported",
     "three of his aides"),
    ("offensive", "2017-05-01", {"old-city"}, "Iraqi forces", "government", "reported",
     "opened last week a new front"),
    ("offensive", "2017-02", {"west-mosul"}, None, "government", "reported",
     "was launched in February"),
    ("capture", "2017-01", {"east-mosul"}, "Iraqi forces", "government", "reported",
     "recaptured eastern Mosul in January"),
    ("capture", "2017-05", {"mosul"}, None, "government", "expected",
     "before the end of May"),
    ("arrest", "2017-05-10", {"al-karama", "al-khadra", "gogjali"}, "Federal Police",
     "government", "reported", "arrested 20 Daesh terrorists"),
]
# Restated history before the battle window is context, not an event (issue 13): "which
# fell to hardline Sunni Muslim fighters in June 2014" and the 2014 caliphate speech are
# what the theatre's initial state already says (ISIS from 2014-06-10), so they are not
# extracted.
# Acceptable but not required: the offensive "began in October" (no place named).
ALLOWED_EXTRA_EVENTS = [("offensive", "2016-10")]

# (kind, value, qualifier, low, high, as_of, since, claimant, place ids, words of the quote)
FIGURES: list[tuple[Any, ...]] = [
    ("killed", None, "vague", 24, 99, "2017-05-10", None, "Iraqi commanders", set(),
     "dozens of deaths"),
    ("killed", 3320, "exact", None, None, "2017-05-08", "2017-02", "Interior Ministry", set(),
     "killed 3320 ISIS"),
    ("territory_percent", 70, "at_least", None, None, "2017-05-10", None, "Iraqi commanders",
     {"west-mosul"}, "70 percent"),
    ("arrested", 20, "exact", None, None, "2017-05-10", None, "Wasiq al-Hamdani",
     {"al-karama", "al-khadra", "gogjali"}, "arrested 20"),
    ("population", 500000, "at_most", None, None, "2017-05-10", None, "United Nations",
     set(), "half a million"),
    ({"population", "trapped"}, 400000, "exact", None, None, "2017-05-10", None,
     "United Nations", {"old-city"}, "400,000 of whom"),
    ("killed", None, "vague", 3000, 9000, "2017-05-10", None, "international aid organizations",
     set(), "Several thousands"),
    ("displaced", 400000, "about", None, None, "2017-05-10", "2016-10", "", {"mosul"},
     "close to 400,000"),
]


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract_article(load_article(SEED))


def _event_matches(event: Event, want: tuple[Any, ...]) -> bool:
    kind, date, places, actor, side, status, words = want
    return (event.kind == kind and event.date.iso() == date
            and {p.id for p in event.places} == places
            and (actor is None or event.actor == actor) and event.side == side
            and event.status == status and words in event.provenance.quote)


def _figure_matches(fig: Figure, want: tuple[Any, ...]) -> bool:
    kind, value, qualifier, low, high, as_of, since, claimant, places, words = want
    kinds = kind if isinstance(kind, set) else {kind}
    return (fig.kind in kinds and fig.value == value and fig.qualifier == qualifier
            and fig.low == low and fig.high == high
            and (fig.as_of.iso() if fig.as_of else None) == as_of
            and (fig.since.iso() if fig.since else None) == since
            and claimant in fig.claimant and (claimant or fig.claimant == "")
            and {p.id for p in fig.places} == places and words in fig.provenance.quote)


@pytest.mark.parametrize("want", EVENTS, ids=lambda w: f"{w[0]}-{w[1]}-{sorted(w[2])[0]}")
def test_every_expected_event_is_found(extraction: Extraction, want: tuple[Any, ...]) -> None:
    found = [e for e in extraction.events if _event_matches(e, want)]
    assert len(found) == 1, [e.to_json() for e in extraction.events]


@pytest.mark.parametrize("want", FIGURES, ids=lambda w: f"{w[0]}-{w[1]}-{w[2]}")
def test_every_expected_figure_is_found(extraction: Extraction, want: tuple[Any, ...]) -> None:
    found = [f for f in extraction.figures if _figure_matches(f, want)]
    assert len(found) == 1, [f.to_json() for f in extraction.figures]


def test_no_invented_events(extraction: Extraction) -> None:
    for event in extraction.events:
        expected = any(_event_matches(event, want) for want in EVENTS)
        allowed = (event.kind, event.date.iso()) in ALLOWED_EXTRA_EVENTS
        assert expected or allowed, event.to_json()


def test_no_invented_figures(extraction: Extraction) -> None:
    for fig in extraction.figures:
        assert any(_figure_matches(fig, want) for want in FIGURES), fig.to_json()


def test_the_failed_southern_push_is_not_a_capture(extraction: Extraction) -> None:
    assert not [e for e in extraction.events
                if e.kind == "capture" and "struggled" in e.provenance.quote]


def test_displaced_figure_keeps_the_fifth_of_the_population(extraction: Extraction) -> None:
    displaced = [f for f in extraction.figures if f.kind == "displaced"]
    assert "a fifth of the population before its capture" in displaced[0].note


def test_quotes_are_sentences_of_the_text_outside_ignored_blocks(extraction: Extraction) -> None:
    text = extraction.article.text
    for record in (*extraction.events, *extraction.figures):
        start, end = record.provenance.span
        assert text[start:end] == record.provenance.quote
        for s, e in extraction.article.ignored:
            assert end <= s or start >= e, record.provenance.quote
    assert not any("scumbag" in r.provenance.quote or "Leave a Reply" in r.provenance.quote
                   for r in (*extraction.events, *extraction.figures))


def test_ids_are_stable_and_unique(extraction: Extraction) -> None:
    ids = [r.id for r in (*extraction.events, *extraction.figures)]
    assert len(set(ids)) == len(ids)
    assert extraction.events[0].id == "2017-05-10-iraqinews-al-maamel:e-9915466947"
    again = extract_article(load_article(SEED))
    assert [e.to_json() for e in again.events] == [e.to_json() for e in extraction.events]


def test_contract_shape(extraction: Extraction) -> None:
    data = extraction.to_json()
    assert set(data) >= {"article", "events", "figures", "unresolved_places"}
    assert data["article"]["published"] == "2017-05-10"
    event = data["events"][0]
    assert set(event) >= {"kind", "date", "date_precision", "places", "actor", "side",
                          "status", "quote", "span"}
    figure = next(f for f in data["figures"] if f["value"] == 3320)
    assert set(figure) >= {"kind", "value", "qualifier", "as_of", "since", "subject",
                           "claimant", "places", "quote", "span"}
    assert figure["subject"] == "ISIS fighters"
