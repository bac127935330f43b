"""News-relative dates, resolved against the publication date, with their precision.

A news report says "on Wednesday", "last week", "in January", "since October": what
those mean depends on when the report was published, and how precise they are matters
as much as the day itself ("in January" is a month, not 10 January). :func:`find_dates`
returns every date expression of a text as a :class:`DateMention` holding a
:class:`~timeline.records.PartialDate`.

Rules (news usage: "Wednesday" in a Wednesday report is that same day, not a week early):

- a weekday ("on Wednesday") is the latest such day on or before publication;
  "last Wednesday" is the same, but never the publication day itself;
- "yesterday" / "today": the day before / the day of publication; "five days ago",
  "two weeks ago": counted back from publication;
- "last week": the Monday of the previous week, precision ``week``; "this week" the
  Monday of the publication week; "last month", "this month", "earlier this month",
  "last year", "this year" likewise at month or year precision;
- a month without a year ("in January", "since October", "the end of May") is the
  latest such month on or before the publication month: a month later than the
  publication month means the previous year;
- explicit dates: ``2017-05-10``, ``10 May 2017``, ``May 10, 2017``, ``May 10`` (year
  as for a bare month), ``June 2014`` (month), ``in 2014`` (year);
- numeric ``d/m/yyyy`` forms: when one field is above 12 it is the day; when both are
  12 or less the form is read day-first (the usage of the region's sources), and the
  mention is flagged ``ambiguous``;
- chains: "N days/weeks/months/years after|before <explicit date>" shifts that date;
  "N days later" shifts the previous date found in the same text. A chain counted from
  an event ("eight days after the capture of al-Maamel") needs an anchor resolver
  (:mod:`timeline.extract.anchors`); without one, or when it finds no such event, the chain
  is left unresolved.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from timeline.extract.numbers import UNITS
from timeline.extract.wordscan import find_at_words, starters
from timeline.records import PartialDate

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|" \
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19|20)\d\d"
# Counts of days, weeks, months or years in a date chain: "a" and the number words up to
# twelve, from the one number-word table (``numbers.UNITS``).
_NUM_WORDS = {"a": 1, "an": 1, **{w: n for w, n in UNITS.items() if 1 <= n <= 12}}
_COUNT = r"(?:\d{1,3}|" + "|".join(_NUM_WORDS) + r")"
_UNIT_DAYS = {"day": 1, "week": 7}
# The same word patterns for the modules that read dates around these (datecarry).
MONTH_PATTERN, YEAR_PATTERN, COUNT_PATTERN, COUNT_WORDS = _MONTH, _YEAR, _COUNT, _NUM_WORDS

# Alternatives in priority order: the longest and most explicit forms first.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("chain", rf"\b(?P<n>{_COUNT})\s+(?P<unit>day|week|month|year)s?\s+"
              rf"(?P<dir>after|before|later|earlier)\b"),
    ("ago", rf"\b(?P<n>{_COUNT})\s+(?P<unit>day|week)s?\s+ago\b"),
    ("iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    ("numeric", r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})\b"),
    ("dmy", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH})"
            rf"(?:,?\s+(?P<y>{_YEAR}))?\b"),
    ("mdy", rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
            rf"(?:,?\s+(?P<y>{_YEAR}))?\b"),
    ("month_year", rf"\b(?P<mon>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
    ("month_rel", rf"\b(?P<pre>(?:in|since|from|by|until|till|of|during|early|late|mid|"
                  rf"end of|beginning of|start of)\s+|mid-)?(?P<mon>(?-i:{_MONTH}))\s+"
                  r"(?P<which>last|this)\s+year\b"),
    ("month", rf"\b(?P<pre>(?:in|since|from|by|until|till|of|during|early|late|mid|"
              rf"end of|beginning of|start of|last|this)\s+|mid-)(?P<mon>{_MONTH})(?![\w-])"
              r"(?![.,]?\s+\d)"),
    ("year", rf"\b(?P<pre>(?:in|since|from|by|until|till|of|during|early|late|mid|"
             rf"end of)\s+|mid-)(?P<y>{_YEAR})\b"),
    ("weekday", rf"\b(?P<last>last\s+)?(?P<wd>{_WEEKDAY})\b"),
    ("relative", r"\b(?P<rel>the\s+day\s+before\s+yesterday|yesterday|"
                 r"(?:early\s+|earlier\s+|later\s+)?today|"
                 r"(?:early\s+|earlier\s+|late\s+|later\s+)?this\s+(?:morning|afternoon|"
                 r"evening)|tonight|last\s+night|"
                 r"(?:over|at|during)\s+the\s+weekend|(?:this|last)\s+weekend|"
                 r"(?:early\s+|earlier\s+|late\s+|later\s+)?(?:last|this)\s+week|"
                 r"last\s+month|earlier\s+this\s+month|this\s+month|last\s+year|this\s+year|"
                 r"earlier\s+this\s+year)\b"),
    ("context", r"\b(?P<ctx>(?:later\s+|earlier\s+)?(?:on\s+)?(?:that|the)\s+same\s+day|"
                r"(?:later\s+|earlier\s+)?that\s+day|the\s+(?:next|following)\s+day|"
                r"the\s+(?:previous|preceding)\s+day|"
                r"the\s+day\s+(?:before|after)(?=\s*(?:[,.;:)]|$|and\b|when\b|as\b)))"),
)
_DATE_RE = re.compile(
    "|".join(f"(?P<{name}>{body.replace('(?P<', f'(?P<{name}_')})" for name, body in _PATTERNS),
    re.IGNORECASE,
)
_RELATIVE_RE = re.compile(
    rf"\b(?:{_WEEKDAY}|yesterday|today|tonight|last\s+(?:night|week|weekend|month|year)|"
    rf"{_COUNT}\s+(?:day|week)s?\s+ago|"
    r"this\s+(?:morning|afternoon|evening|week|weekend|month|year)|the\s+weekend)\b"
    rf"|\b(?:in|since|from|by|until|during|of)\s+{_MONTH}(?![\w.])(?!\s*,?\s*\d)",
    re.IGNORECASE,
)
_STARTERS = starters([
    *MONTHS, *WEEKDAYS, *_NUM_WORDS, "yesterday", "today", "last", "this", "earlier", "in",
    "since", "from", "by", "until", "till", "of", "during", "early", "late", "mid", "end",
    "beginning", "start", "the", "that", "over", "at", "tonight", "later",
])
_QUICK_RE = re.compile(r"\d|day|week|month|year|morning|afternoon|evening|night|" + _MONTH,
                       re.IGNORECASE)


# An event's flags when its sentence held no date: taken from the paragraph, or the
# publication date. Such a date is a fallback: nothing may be counted from it.
FLAG_DATE_FROM_PUBLISHED = "date_from_published"
FLAG_DATE_FROM_CONTEXT = "date_from_context"
FALLBACK_FLAGS = (FLAG_DATE_FROM_PUBLISHED, FLAG_DATE_FROM_CONTEXT)


@dataclass(frozen=True)
class DateMention:
    """A date expression in text: its span, the resolved date and how it was read."""

    start: int
    end: int
    date: PartialDate
    text: str
    form: str
    ambiguous: bool = False
    basis: str = ""  # for a chain counted from an event: what it was counted from


@dataclass(frozen=True)
class Anchor:
    """A chain's anchor event resolved to a date: where its phrase ends, and its basis."""

    date: PartialDate
    end: int
    basis: str


# (sentence, offset just after "after"/"before") -> the anchor event there, if any
AnchorResolver = Callable[[str, int], Anchor | None]


def has_relative_dates(text: str) -> bool:
    """True when ``text`` holds a date that needs a publication date to be resolved."""
    return _RELATIVE_RE.search(text) is not None


def month_before(published: dt.date, month: int) -> dt.date:
    """The first day of the latest ``month`` on or before the publication month."""
    year = published.year - (month > published.month)
    return dt.date(year, month, 1)


def weekday_before(published: dt.date, weekday: int, strictly: bool = False) -> dt.date:
    """The latest ``weekday`` (0 = Monday) on or before ``published`` (before, if strictly)."""
    back = (published.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def find_dates(text: str, published: dt.date | None,
               anchor: AnchorResolver | None = None) -> list[DateMention]:
    """Every date expression in ``text``, in order; relative ones need ``published``.

    Relative expressions are skipped when ``published`` is None (the loader refuses
    such articles before extraction). Expressions that are not dates after all (a
    "May 32") are skipped silently. ``anchor`` resolves chains counted from an event
    ("eight days after the capture of al-Maamel"; see :mod:`timeline.extract.anchors`).
    """
    if not _QUICK_RE.search(text):
        return []
    found: list[DateMention] = []
    skip_until = -1
    for match in find_at_words(_DATE_RE, text, _STARTERS, digits=True):
        form = match.lastgroup or ""
        if match.start() < skip_until:
            continue
        groups = {k[len(form) + 1:]: v for k, v in match.groupdict().items()
                  if v is not None and k.startswith(form + "_")}
        previous = found[-1].date if found else None
        resolved = _resolve(form, groups, published, previous, text, match.end(), anchor)
        if resolved is None:
            continue
        date, ambiguous, end, basis = resolved
        found.append(DateMention(match.start(), end, date, text[match.start():end], form,
                                 ambiguous, basis))
        skip_until = end
    return found


def _resolve(form: str, g: dict[str, str], published: dt.date | None,
             previous: PartialDate | None, text: str, end: int, anchor: AnchorResolver | None,
             ) -> tuple[PartialDate, bool, int, str] | None:
    if form == "chain":
        chained = _chain(g, previous, text, end, published, anchor)
        return (chained[0], False, chained[1], chained[2]) if chained else None
    if form == "ago":  # "five days ago": counted back from the report's date
        if published is None:
            return None
        raw = g["n"].lower()
        n = _NUM_WORDS[raw] if raw in _NUM_WORDS else int(raw)
        return (PartialDate(published - dt.timedelta(days=n * _UNIT_DAYS[g["unit"].lower()])),
                False, end, "")
    if form == "context":
        moved = _from_context(g["ctx"], previous)
        return (moved, False, end, "") if moved else None
    if form == "relative" and "weekend" in g["rel"].lower() and published is not None:
        # "over the weekend": the latest Saturday on or before publication, a guess
        # within two days, so flagged ambiguous
        return PartialDate(weekday_before(published, 5)), True, end, ""
    plain = _resolve_plain(form, g, published)
    return (plain[0], plain[1], end, "") if plain else None


def _resolve_plain(form: str, g: dict[str, str], published: dt.date | None,
                   ) -> tuple[PartialDate, bool] | None:
    try:
        if form == "iso":
            return PartialDate(dt.date(int(g["y"]), int(g["m"]), int(g["d"]))), False
        if form == "numeric":
            return _numeric(int(g["a"]), int(g["b"]), int(g["y"]))
        if form in ("dmy", "mdy"):
            month = MONTHS[g["mon"].lower().rstrip(".")]
            if "y" in g:
                return PartialDate(dt.date(int(g["y"]), month, int(g["d"]))), False
            if published is None:
                return None
            year = month_before(published, month).year
            return PartialDate(dt.date(year, month, int(g["d"]))), False
        if form == "month_rel" and published is not None:
            month = MONTHS[g["mon"].lower().rstrip(".")]
            year = published.year - (g["which"].lower() == "last")
            return PartialDate(dt.date(year, month, 1), "month"), False
        if form == "month_year":
            month = MONTHS[g["mon"].lower().rstrip(".")]
            return PartialDate(dt.date(int(g["y"]), month, 1), "month"), False
        if form == "year":
            return PartialDate(dt.date(int(g["y"]), 1, 1), "year"), False
    except (ValueError, KeyError):
        return None
    if published is None:
        return None
    return _relative(form, g, published)


def _numeric(a: int, b: int, year: int) -> tuple[PartialDate, bool]:
    if a > 12:
        return PartialDate(dt.date(year, b, a)), False
    if b > 12:
        return PartialDate(dt.date(year, a, b)), False
    return PartialDate(dt.date(year, b, a)), a != b


def _relative(form: str, g: dict[str, str], published: dt.date,
              ) -> tuple[PartialDate, bool] | None:
    if form == "month":
        month = MONTHS[g["mon"].lower().rstrip(".")]
        start = month_before(published, month)
        if g["pre"].strip().lower() == "last" and start.month == published.month:
            start = dt.date(start.year - 1, month, 1)
        return PartialDate(start, "month"), False
    if form == "weekday":
        day = weekday_before(published, WEEKDAYS[g["wd"].lower()], strictly="last" in g)
        return PartialDate(day), False
    rel = " ".join(g["rel"].lower().split())
    rel = re.sub(r"^(?:early|earlier|late|later) ", "", rel)
    if rel in ("this morning", "this afternoon", "this evening", "tonight"):
        rel = "today"
    monday = published - dt.timedelta(days=published.weekday())
    this_month = published.replace(day=1)
    table = {
        "yesterday": PartialDate(published - dt.timedelta(days=1)),
        "last night": PartialDate(published - dt.timedelta(days=1)),
        "the day before yesterday": PartialDate(published - dt.timedelta(days=2)),
        "today": PartialDate(published),
        "last week": PartialDate(monday - dt.timedelta(days=7), "week"),
        "this week": PartialDate(monday, "week"),
        "this month": PartialDate(this_month, "month"),
        "earlier this month": PartialDate(this_month, "month"),
        "last month": PartialDate((this_month - dt.timedelta(days=1)).replace(day=1), "month"),
        "this year": PartialDate(dt.date(published.year, 1, 1), "year"),
        "earlier this year": PartialDate(dt.date(published.year, 1, 1), "year"),
        "last year": PartialDate(dt.date(published.year - 1, 1, 1), "year"),
    }
    return table[rel], False


def _from_context(phrase: str, previous: PartialDate | None) -> PartialDate | None:
    """ "that day", "the next day", "the day before": counted from the previous date."""
    if previous is None:
        return None
    words = phrase.lower()
    if any(w in words for w in ("next", "following", "after")):
        return shift(previous, 1, "day")
    if any(w in words for w in ("previous", "preceding", "before")):
        return shift(previous, -1, "day")
    return previous


def _chain(g: dict[str, str], previous: PartialDate | None, text: str, end: int,
           published: dt.date | None, resolver: AnchorResolver | None,
           ) -> tuple[PartialDate, int, str] | None:
    raw = g["n"].lower()
    n = _NUM_WORDS[raw] if raw in _NUM_WORDS else int(raw)
    direction = g["dir"].lower()
    sign = 1 if direction in ("after", "later") else -1
    basis = ""
    if direction in ("after", "before"):
        rest = text[end:end + 40]
        following = find_dates(rest, published)
        if following and not rest[:following[0].start].strip(" ,"):
            anchor, end = following[0].date, end + following[0].end
        else:
            event = resolver(text, end) if resolver else None
            if event is None:
                return None
            anchor, end, basis = event.date, event.end, event.basis
            moved = shift(anchor, n * sign, g["unit"].lower())
            if published is not None and moved.start > published:
                return None  # counted past the article's own date: a misread anchor
            return moved, end, basis
    else:
        if previous is None:
            return None
        anchor = previous
    return shift(anchor, n * sign, g["unit"].lower()), end, basis


def shift(anchor: PartialDate, n: int, unit: str) -> PartialDate:
    """``anchor`` moved by ``n`` days, weeks or months, keeping the coarser precision."""
    if unit in ("month", "year"):
        index = anchor.start.year * 12 + anchor.start.month - 1 + n * (12 if unit == "year" else 1)
        day = min(anchor.start.day, calendar.monthrange(index // 12, index % 12 + 1)[1])
        return PartialDate(dt.date(index // 12, index % 12 + 1, day), anchor.precision)
    moved = anchor.start + dt.timedelta(days=n * _UNIT_DAYS[unit])
    return PartialDate(moved, anchor.precision)
