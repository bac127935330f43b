"""News-relative dates against the publication date (issue 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.extract.dates import WEEKDAYS, find_dates, has_relative_dates, month_before, shift
from timeline.records import PartialDate

WED = dt.date(2017, 5, 10)  # the seed's publication day, a Wednesday


def one(text: str, published: dt.date | None = WED) -> PartialDate:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0].date


@pytest.mark.parametrize(("text", "iso", "precision"), [
    ("took over al-Maamel on Wednesday", "2017-05-10", "day"),
    ("On Monday, a spokesperson said", "2017-05-08", "day"),
    ("on Thursday", "2017-05-04", "day"),
    ("last Wednesday", "2017-05-03", "day"),
    ("yesterday", "2017-05-09", "day"),
    ("today", "2017-05-10", "day"),
    ("opened last week a new front", "2017-05-01", "week"),
    ("this week", "2017-05-08", "week"),
    ("earlier this month", "2017-05", "month"),
    ("last month", "2017-04", "month"),
    ("recaptured eastern Mosul in January", "2017-01", "month"),
    ("displaced since October", "2016-10", "month"),
    ("launched in February", "2017-02", "month"),
    ("before the end of May", "2017-05", "month"),
    ("in mid-March", "2017-03", "month"),
    ("fell in June 2014", "2014-06", "month"),
    ("declared in 2014", "2014", "year"),
    ("on 10 May 2017", "2017-05-10", "day"),
    ("on May 10, 2017", "2017-05-10", "day"),
    ("dated 2017-05-10", "2017-05-10", "day"),
    ("on 10th of May", "2017-05-10", "day"),
    ("since May 3", "2017-05-03", "day"),
    ("eight days after 10 May 2017", "2017-05-18", "day"),
    ("two weeks before 10 May 2017", "2017-04-26", "day"),
    ("last year", "2016", "year"),
])
def test_relative_and_explicit_dates(text: str, iso: str, precision: str) -> None:
    date = one(text)
    assert (date.iso(), date.precision) == (iso, precision)


def test_month_after_publication_month_is_last_year() -> None:
    assert one("in December", dt.date(2017, 1, 5)).iso() == "2016-12"
    assert one("in January", dt.date(2017, 1, 5)).iso() == "2017-01"


def test_weekday_across_a_year_boundary() -> None:
    assert one("on Friday", dt.date(2017, 1, 2)).iso() == "2016-12-30"


def test_last_week_across_a_month_boundary() -> None:
    date = one("last week", dt.date(2017, 3, 2))
    assert (date.iso(), date.precision) == ("2017-02-20", "week")


def test_numeric_dates_are_day_first_unless_impossible() -> None:
    found = find_dates("on 3/4/2017 and 13/4/2017 and 4/13/2017", WED)
    assert [d.date.iso() for d in found] == ["2017-04-03", "2017-04-13", "2017-04-13"]
    assert [d.ambiguous for d in found] == [True, False, False]


def test_chain_later_uses_the_previous_date() -> None:
    found = find_dates("On 3 May 2017 they entered. Two days later they left.", WED)
    assert [d.date.iso() for d in found] == ["2017-05-03", "2017-05-05"]


def test_chain_on_an_event_is_not_guessed() -> None:
    assert find_dates("eight days after the fall of the city", WED) == []


def test_chain_in_years_keeps_the_anchor_precision() -> None:
    found = find_dates("In June 2014 the city fell. Three years later it was retaken.", WED)
    assert [d.date.iso() for d in found] == ["2014-06", "2017-06"]
    assert one("a year after 29 February 2016", WED).iso() == "2017-02-28"


def test_durations_and_modal_may_are_not_dates() -> None:
    assert find_dates("after three months of fighting, it may end", WED) == []


def test_relative_dates_need_a_publication_date() -> None:
    assert find_dates("on Wednesday", None) == []
    assert one("in June 2014", None).iso() == "2014-06"
    assert has_relative_dates("took it on Wednesday")
    assert has_relative_dates("since October")
    assert not has_relative_dates("on 10 May 2017, in June 2014")


def test_spans_point_into_the_text() -> None:
    text = "Iraqi forces recaptured eastern Mosul in January after three months."
    (found,) = find_dates(text, WED)
    assert text[found.start:found.end] == found.text == "in January"


def test_shift_keeps_precision() -> None:
    assert shift(PartialDate(dt.date(2017, 1, 31)), 1, "month").iso() == "2017-02-28"
    assert shift(PartialDate(dt.date(2017, 1, 1), "month"), -2, "month").iso() == "2016-11"


days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


@given(published=days, weekday=st.sampled_from(sorted(WEEKDAYS)))
def test_a_weekday_is_that_weekday_within_a_week_before(published: dt.date,
                                                        weekday: str) -> None:
    date = one(f"on {weekday.capitalize()}", published).start
    assert date.weekday() == WEEKDAYS[weekday]
    assert 0 <= (published - date).days <= 6


@given(published=days, month=st.integers(1, 12))
def test_a_bare_month_is_the_latest_on_or_before_publication(published: dt.date,
                                                             month: int) -> None:
    start = month_before(published, month)
    assert start.month == month and start <= published
    assert (published - start).days < 366
