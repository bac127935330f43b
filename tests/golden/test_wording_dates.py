"""Dates as reports word them, and page chrome never read (issue 13, failure class 5).

The fixtures in ``tests/fixtures/wording/`` are written for these tests: each paragraph
of ``dates.md`` dates one action in one of the ways reports do, ``dateline.md`` is a wire
report filed the day before it was published, and ``pasted-page.txt`` /
``chrome-page.html`` carry a site's chrome around a one-sentence article.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from timeline.extract.articles import load_article
from timeline.extract.dates import FLAG_DATE_FROM_CONTEXT, FLAG_DATE_FROM_PUBLISHED
from timeline.extract.extractor import extract_article
from timeline.records import Event, Extraction

WORDING = Path(__file__).resolve().parents[1] / "fixtures" / "wording"


def extraction(name: str) -> Extraction:
    return extract_article(load_article(WORDING / name))


def event(x: Extraction, kind: str, place: str) -> Event:
    found = [e for e in x.events if e.kind == kind and place in {str(p.id) for p in e.places}]
    assert len(found) == 1, [(e.kind, e.date.iso(), e.provenance.quote) for e in x.events]
    return found[0]


@pytest.fixture(scope="module")
def dates() -> Extraction:
    return extraction("dates.md")


@pytest.mark.parametrize(("kind", "place", "iso", "precision"), [
    ("capture", "al-tanak", "2017-05-08", "day"),  # "on Monday" in a Wednesday report
    ("capture", "al-rifai", "2017-05-08", "day"),  # the next sentence: carried
    ("capture", "al-risala", "2017-05-08", "day"),  # next paragraph, "also": carried
    ("offensive", "al-zanjili", "2017-05-06", "day"),  # "over the weekend": the Saturday
    ("capture", "al-sihha", "2017-05-08", "week"),  # "earlier this week"
    ("offensive", "al-thawra", "2017-05-01", "day"),  # Tuesday's capture "comes 8 days after"
    ("capture", "al-mushairfa", "2017-05-06", "day"),  # "on Saturday, three days after ..."
    ("offensive", "hawi-al-kanisa", "2017-05-03", "day"),  # ... "they launched": 3 days before
    ("capture", "bab-al-tob", "2017-05-02", "day"),
    ("capture", "al-dawasa", "2017-05-04", "day"),  # "Two days later", next paragraph
    ("capture", "al-yarmouk", "2017-05-10", "day"),  # "which ... seized in 2014" is an aside
    ("capture", "al-najjar", "2017-05-10", "day"),  # after a June 2014 sentence: no carry
])
def test_each_action_takes_its_own_date(dates: Extraction, kind: str, place: str, iso: str,
                                        precision: str) -> None:
    found = event(dates, kind, place)
    assert (found.date.iso(), found.date.precision) == (iso, precision)


def test_carried_and_fallback_dates_are_flagged(dates: Extraction) -> None:
    assert FLAG_DATE_FROM_CONTEXT in event(dates, "capture", "al-rifai").flags
    assert FLAG_DATE_FROM_CONTEXT in event(dates, "capture", "al-risala").flags
    assert FLAG_DATE_FROM_PUBLISHED in event(dates, "capture", "al-najjar").flags
    counted = event(dates, "offensive", "al-thawra")
    assert any("counted -8 day(s) from 2017-05-09" in f for f in counted.flags)
    later = event(dates, "capture", "al-dawasa")
    assert any("counted +2 day(s) from 2017-05-02" in f for f in later.flags)


def test_no_action_takes_a_date_told_as_2014_history(dates: Extraction) -> None:
    """The main clause beside a 2014 aside and the sentence after the history keep their
    own dates; the 2014 seizures themselves, before the battle, are background and give
    no event (``timeline.extract.background``)."""
    assert not [e for e in dates.events if e.date.start.year == 2014]
    assert event(dates, "capture", "al-yarmouk").date.start.year == 2017
    assert event(dates, "capture", "al-najjar").date.start.year == 2017


def test_an_undated_restated_operation_is_not_given_the_publication_date(
        dates: Extraction) -> None:
    assert not [e for e in dates.events
                if "al-islah-al-zirai" in {str(p.id) for p in e.places}]


def test_a_dateline_filed_the_day_before_publication_dates_relative_words() -> None:
    x = extraction("dateline.md")
    assert x.article.published == dt.date(2017, 5, 19)
    assert event(x, "capture", "al-najjar").date.iso() == "2017-05-17"  # "yesterday" of the 18th
    assert event(x, "capture", "al-zanjili").date.iso() == "2017-05-12"  # Friday before the 18th
    undated = event(x, "capture", "al-thawra")
    assert undated.date.iso() == "2017-05-18"
    assert FLAG_DATE_FROM_PUBLISHED in undated.flags


@pytest.mark.parametrize("name", ["pasted-page.txt", "chrome-page.html"])
def test_chrome_yields_nothing(name: str) -> None:
    x = extraction(name)
    assert [(e.kind, [str(p.id) for p in e.places], e.date.iso()) for e in x.events] == [
        ("capture", ["al-rifai"], "2017-06-19")]
    assert x.figures == ()


def test_chrome_lines_are_ignored_spans_and_the_text_is_kept() -> None:
    article = load_article(WORDING / "pasted-page.txt")
    ignored = [article.text[s:e] for s, e in article.ignored]
    for line in ("Sign In / Up", "4 MIN READ", "A+ A-", "Recommended",
                 "Police seized al-Shifa in a night raid", "Share this article"):
        assert line in ignored
    assert "Iraqi troops retook al-Rifai on Monday, the army said." not in " ".join(ignored)
    assert "Police seized al-Shifa in a night raid" in article.text
