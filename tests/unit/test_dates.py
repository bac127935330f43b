"""News-relative dates against the publication date (issue 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extract.datecarry import (
    FILED_DAYS,
    STALE_DAYS,
    aside_spans,
    background_launch,
    carries,
    counted_back,
    filed_date,
    from_previous,
    operation_day,
    outside_asides,
)
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
    ("launched a push over the weekend", "2017-05-06", "day"),
    ("at the weekend", "2017-05-06", "day"),
    ("earlier this week", "2017-05-08", "week"),
    ("late last week", "2017-05-01", "week"),
    ("started early this morning", "2017-05-10", "day"),
    ("shelled the district tonight", "2017-05-10", "day"),
    ("clashes last night", "2017-05-09", "day"),
    ("the day before yesterday", "2017-05-08", "day"),
    ("in mid-October last year", "2016-10", "month"),
    ("in March this year", "2017-03", "month"),
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


def test_modal_may_before_this_year_is_no_month() -> None:
    assert [d.text for d in find_dates("the fighting may this year end", WED)] == ["this year"]


def test_weekend_is_flagged_as_a_guess() -> None:
    (found,) = find_dates("over the weekend", WED)
    assert found.ambiguous


@pytest.mark.parametrize(("text", "isos"), [
    ("entered on Monday and left the next day", ["2017-05-08", "2017-05-09"]),
    ("entered on Monday and, later that day, left", ["2017-05-08", "2017-05-08"]),
    ("took it on Monday; the previous day it was shelled", ["2017-05-08", "2017-05-07"]),
    ("left on 3 May, and the day before, it was shelled", ["2017-05-03", "2017-05-02"]),
])
def test_that_day_and_the_next_day_count_from_the_previous_date(text: str,
                                                                isos: list[str]) -> None:
    assert [d.date.iso() for d in find_dates(text, WED)] == isos


def test_that_day_with_nothing_before_it_is_not_guessed() -> None:
    assert find_dates("the next day the army entered", WED) == []
    assert find_dates("the day before the offensive", WED) == []


def test_relative_words_of_the_day_need_a_publication_date() -> None:
    assert has_relative_dates("an assault over the weekend")
    assert has_relative_dates("started this morning")
    assert has_relative_dates("fighting last night")


@settings(deadline=None)  # a shared machine: time is no property here
@given(published=days)
def test_the_weekend_is_the_latest_saturday_on_or_before_publication(
        published: dt.date) -> None:
    date = one("over the weekend", published).start
    assert date.weekday() == 5 and 0 <= (published - date).days <= 6


# -- which date an event takes (timeline.extract.datecarry) --

def test_a_relative_clause_is_an_aside() -> None:
    text = "Troops retook the town, which the militants seized in 2014, on Monday."
    (span,) = aside_spans(text)
    assert text[span[0]:span[1]].strip() == "which the militants seized in 2014"
    year = text.index("2014")
    assert not outside_asides(text.index("retook"), year, [span])
    assert outside_asides(text.index("seized"), year, [span])


def test_a_when_clause_is_not_an_aside() -> None:
    assert aside_spans("They were captured when militants overran the city in 2014.") == []
    assert aside_spans("Who took the bridge is unclear.") == []


def test_counted_back_from_the_main_clause() -> None:
    text = "Troops took the district on Saturday, three days after they opened a new front."
    back = counted_back(text, text.index("opened"), [])
    assert back is not None and back.days == -3
    assert back.of(PartialDate(dt.date(2017, 5, 6))).iso() == "2017-05-03"
    assert counted_back(text, text.index("took"), []) is None


def test_counted_back_forward_and_in_weeks() -> None:
    text = "The raid came two weeks before troops launched the offensive"
    back = counted_back(text, text.index("launched"), [])
    assert back is not None and back.days == 14


@pytest.mark.parametrize(("text", "days"), [
    ("Two days later they took the bridge.", 2),
    ("A week earlier the army had shelled it.", -7),
    ("The next day troops entered the district.", 1),
    ("The previous day the militants withdrew.", -1),
    ("Troops took the bridge after two days of fighting.", None),
])
def test_counted_from_the_previous_stated_date(text: str, days: int | None) -> None:
    assert from_previous(text, []) == days


def test_a_resolved_chain_is_not_counted_back() -> None:
    text = "They pushed on eight days after 10 May 2017 and opened a front"
    (chain,) = find_dates(text, WED)
    assert counted_back(text, text.index("opened"), [(chain.start, chain.end)]) is None


@pytest.mark.parametrize(("date", "carry"), [
    (PartialDate(dt.date(2017, 5, 8)), True),
    (PartialDate(dt.date(2017, 5, 1), "week"), True),
    (PartialDate(dt.date(2017, 1, 1), "month"), False),  # "in January": a period
    (PartialDate(dt.date(2014, 1, 1), "year"), False),
    (PartialDate(dt.date(2014, 6, 10)), False),  # history
])
def test_only_recent_day_or_week_dates_carry(date: PartialDate, carry: bool) -> None:
    assert carries(date, WED) is carry


@pytest.mark.parametrize(("text", "filed"), [
    ("MOSUL, May 18 (Test Wire) -- Troops advanced.", "2017-05-18"),
    ("ERBIL, Iraq, May 17 — Troops advanced.", "2017-05-17"),
    ("Baghdad, 18 May (Test) – Troops advanced.", "2017-05-18"),
    ("MOSUL, May 19 (Test Wire) -- Troops advanced.", "2017-05-19"),  # same day
    ("MOSUL, May 2 (Test Wire) -- Troops advanced.", "2017-05-19"),  # too far: ignored
    ("Troops advanced on May 18 -- a source said.", "2017-05-19"),  # no dateline
])
def test_a_dateline_just_before_publication_is_the_filing_day(text: str, filed: str) -> None:
    assert str(filed_date(text, dt.date(2017, 5, 19))) == filed


@settings(deadline=None)  # a shared machine: time is no property here
@given(published=days, back=st.integers(0, 40))
def test_the_filing_day_is_never_after_publication(published: dt.date, back: int) -> None:
    day = published - dt.timedelta(days=back)
    filed = filed_date(f"MOSUL, {day:%B} {day.day} (Test) -- Text.", published)
    assert filed is not None and 0 <= (published - filed).days <= FILED_DAYS
    assert filed == (day if 0 < back <= FILED_DAYS else published)


@pytest.mark.parametrize(("text", "background"), [
    ("The troops began their operation to clear the west from the south.", True),
    ("The army launched the offensive to retake the city.", True),
    ("The army launched a new offensive to retake the district.", False),
    ("The army began the second phase of the operation.", False),
    ("The army has launched its offensive on the old city.", False),
    ("Troops captured the district.", False),
])
def test_a_restated_launch_is_background(text: str, background: bool) -> None:
    verb = next(w for w in ("began", "launched", "captured") if w in text)
    start = text.index(verb)
    end = max(text.find(n) + len(n) for n in ("operation", "offensive", "district"))
    assert background_launch(text, start, text[start:end]) is background


def test_stale_days_is_about_two_months() -> None:
    assert 30 <= STALE_DAYS <= 92


@pytest.mark.parametrize(("text", "trigger", "day"), [
    ("Troops launched the offensive on Monday, the third day of the campaign",
     "launched the offensive", 3),
    ("On day two of the operation, the army launched an assault", "launched an assault", 2),
    ("Troops took the village on Monday, the first day of the offensive", "took", None),
    ("The offensive began on Monday, the first day of the campaign", "offensive began", 1),
])
def test_day_n_of_an_operation(text: str, trigger: str, day: int | None) -> None:
    assert operation_day(text, text.index(trigger), trigger) == day
