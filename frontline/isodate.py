"""ISO dates typed by people (flags, front matter, URLs): one parser, one kind of message."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from frontline.errors import DateError

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_iso_date(text: object, what: str = "date") -> dt.date:
    """``YYYY-MM-DD`` as a date, or a one-line :class:`DateError` that says what is wrong.

    ``what`` names the value in the message ("--date", "front matter 'published'").
    """
    raw = str(text).strip()
    match = _ISO.fullmatch(raw)
    if match is None:
        raise DateError(f"{what} {raw!r} is not a date: expected YYYY-MM-DD")
    year, month, day = (int(g) for g in match.groups())
    if year < 1:
        raise DateError(f"{what} {raw!r} is not a date: there is no year 0")
    if not 1 <= month <= 12:
        raise DateError(f"{what} {raw!r} is not a date: there is no month {month}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateError(f"{what} {raw!r} is not a date: {calendar.month_name[month]} {year} "
                        f"has {days} days")
    return dt.date(year, month, day)
