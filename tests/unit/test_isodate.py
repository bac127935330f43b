"""One ISO date parser for every date a person types, with messages that say what is wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from frontline.errors import DateError
from frontline.isodate import parse_iso_date


def test_a_real_day_parses() -> None:
    assert parse_iso_date(" 2017-05-11 ") == dt.date(2017, 5, 11)
    assert parse_iso_date("2016-02-29") == dt.date(2016, 2, 29)


@pytest.mark.parametrize(("raw", "says"), [
    ("2017-02-30", "February 2017 has 28 days"),
    ("2017-13-01", "no month 13"),
    ("0000-01-01", "no year 0"),
    ("20170511", "expected YYYY-MM-DD"),
    ("11/05/2017", "expected YYYY-MM-DD"),
    ("", "expected YYYY-MM-DD"),
])
def test_a_bad_day_says_why(raw: str, says: str) -> None:
    with pytest.raises(DateError, match=says) as err:
        parse_iso_date(raw, "--date")
    assert str(err.value).startswith("--date ")
