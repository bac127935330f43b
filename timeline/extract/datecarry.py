"""Which date an event takes when its own clause does not say, and which dates it must not.

:func:`timeline.extract.dates.find_dates` reads the date expressions of a sentence; the
extractor then picks one for each event. These rules cover what that choice gets wrong
when taken word by word:

- **asides** (:func:`aside_spans`): a relative clause ("the city, which the militants
  seized in 2014, ...") dates only what happens inside it, never the main clause,
  unless its date is recent enough to carry (a "who launched the push on Monday"
  still dates the main clause);
- **counted back** (:func:`counted_back`): in "took the district on Saturday, three days
  after they opened a new front", the front opened three days before Saturday; in
  "the capture comes eight days after forces launched a push", eight days before the
  capture. The clause after "after" names no date and no known event, so the chain in
  :mod:`~timeline.extract.dates` stays unresolved, and the event inside it is counted
  back from the main clause's date;
- **from the previous date** (:func:`from_previous`): "Two days later, troops took the
  bridge" counts from the date the previous sentences stated;
- **stale carry** (:func:`carries`): a date carries to the following undated sentences
  only when it dates an action of the current news: a month or a year ("in January",
  "in 2014") is a summary of a period, and a date months before publication is
  history, so neither is lent to the next sentence;
- **day N of an operation** (:func:`operation_day`): "on Monday, the third day of the
  offensive" dates the offensive's launch two days before Monday;
- **dateline** (:func:`filed_date`): "MOSUL, May 18 (Xinhua) --" on a report published
  on 19 May was filed on the 18th, and its "Monday" or "yesterday" count from the 18th;
- **subordinate clauses of time** (:func:`~timeline.extract.clauses.subordinate_spans`):
  in "captured X and entered Y after they took Z on Monday", Monday dates Z only; X and Y
  take the main clause's date, or the report's;
- **history in an earlier conjunct** (:func:`history_conjunct`): in "retook X in January
  and launched a push on Y", January dates the retaking; the push, undated, is restated
  with it, not news of the day, so it gives no event;
- **background launches** (:func:`background_launch`): "the troops began their
  operation ..." with no date anywhere is a known operation restated, not news of the
  day, so it is not given the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from timeline.extract.dates import (
    COUNT_PATTERN,
    COUNT_WORDS,
    MONTH_PATTERN,
    MONTHS,
    YEAR_PATTERN,
    month_before,
)
from timeline.records import PartialDate

STALE_DAYS = 60  # a carried date older than this before publication is history
FILED_DAYS = 3  # a dateline at most this many days before publication is the filing day
DATELINE_REACH = 1500  # the dateline sits at the top of the report

# Relative clauses only: a "when" clause is adverbial ("captured by the militants when
# they overran the city in June 2014" dates the capture) and stays usable.
_ASIDE = re.compile(r"(?<=\S)\s+(?:which|who|whom|whose)\b", re.IGNORECASE)
_ASIDE_END = re.compile(r"\s*(?:[,;:()]|\s[–—-]\s)|\s+and\s+(?=the\b)", re.IGNORECASE)
_COUNTED = re.compile(
    rf"\b(?P<n>{COUNT_PATTERN})\s+(?P<unit>day|week)s?\s+(?P<dir>after|before)\s+", re.IGNORECASE)
# A sentence that goes on with the action before it: the previous paragraph's date carries.
CONTINUES = re.compile(r"\b(?:also|then|afterwards|subsequently)\b", re.IGNORECASE)
_FROM_PREVIOUS = re.compile(
    rf"\b(?:(?P<n>{COUNT_PATTERN})\s+(?P<unit>day|week)s?\s+(?P<dir>later|earlier)"
    r"|the\s+(?P<ctx>next|following|previous|preceding)\s+day)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;,]|\s+(?:and|but|while|as)\s+", re.IGNORECASE)
_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][\w'’.-]*(?:[ \t,]+[A-Z][\w'’.-]*){{0,3}}[ \t]*,[ \t]*"
    rf"(?:(?P<mon>{MONTH_PATTERN})[ \t]+(?P<d>\d{{1,2}})"
    rf"|(?P<d2>\d{{1,2}})[ \t]+(?P<mon2>{MONTH_PATTERN}))"
    rf"(?:,?[ \t]+(?P<y>{YEAR_PATTERN}))?[ \t]*(?:\([^)\n]{{1,30}}\))?[ \t]*(?:--|[—–-])",
    re.MULTILINE)
_DAY_OF = re.compile(
    r"\b(?:the\s+(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"\d{1,2}(?:st|nd|rd|th))\s+day|day\s+(?P<n>one|two|three|four|five|six|seven|eight|nine|"
    r"ten|\d{1,2}))\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:offensive|operation|assault|campaign|battle|push)\b", re.IGNORECASE)
_ORDINALS = {w: i for i, w in enumerate(("first", "second", "third", "fourth", "fifth", "sixth",
                                         "seventh", "eighth", "ninth", "tenth"), start=1)}
_LAUNCH = re.compile(r"\b(?:launched|began|begun|started|opened|kicked off)\b", re.IGNORECASE)
_OPERATION = re.compile(r"\b(?:offensive|operation|assault|campaign|push|drive)s?\b",
                        re.IGNORECASE)
_KNOWN = re.compile(r"\b(?:the|their|its|his|her|that)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_NEWS = re.compile(r"\b(?:new|fresh|latest|second|third|fourth|final|next|renewed|major|"
                   r"massive|surprise|huge|large-scale|wide-scale)\b", re.IGNORECASE)
_AND_BEFORE = re.compile(r"\band\s+$", re.IGNORECASE)
_FRONTED = re.compile(r"^\W*(?:[\w-]+\s+){0,2}$")  # "In January, ...", "On Monday, ..."
_RECENT = re.compile(r"\b(?:has|have|is|are|'s|’s)\s+(?:\w+ly\s+)?(?:been\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class CountedBack:
    """An unresolved "N days after <clause>": the clause's span and the shift to apply."""

    start: int
    end: int
    days: int

    def of(self, base: PartialDate) -> PartialDate:
        """The date of what the clause tells, counted from the main clause's ``base``."""
        return PartialDate(base.start + dt.timedelta(days=self.days), base.precision)


def aside_spans(sentence: str) -> list[tuple[int, int]]:
    """Relative clauses of ``sentence`` ("..., which the militants seized in 2014,")."""
    spans = []
    for match in _ASIDE.finditer(sentence):
        end = _ASIDE_END.search(sentence, match.end())
        spans.append((match.start(), end.start() if end else len(sentence)))
    return spans


def outside_asides(position: int, date_start: int, asides: list[tuple[int, int]]) -> bool:
    """False when the date sits in an aside that does not hold ``position`` (the trigger)."""
    return not any(a <= date_start < b and not a <= position < b for a, b in asides)


def counted_back(sentence: str, position: int, resolved: list[tuple[int, int]],
                 ) -> CountedBack | None:
    """The "N days after <clause>" that ``position`` lies in, when no date resolved it.

    ``resolved`` are the spans of the sentence's date mentions: a chain that
    :func:`~timeline.extract.dates.find_dates` resolved (to a date or a known event) is
    one of them, and is not counted back.
    """
    return counted_at(counted_clauses(sentence, resolved), position)


def counted_clauses(sentence: str, resolved: list[tuple[int, int]],
                    ) -> list[tuple[int, CountedBack]]:
    """Every unresolved "N days after <clause>" of ``sentence``: where its clause starts
    (after the phrase) and what it counts; read once for all the sentence's triggers."""
    out = []
    for match in _COUNTED.finditer(sentence):
        if any(s <= match.start() < e for s, e in resolved):
            continue
        end = _CLAUSE_END.search(sentence, match.end())
        stop = end.start() if end else len(sentence)
        raw = match.group("n").lower()
        n = COUNT_WORDS[raw] if raw in COUNT_WORDS else int(raw)
        days = n * (7 if match.group("unit").lower() == "week" else 1)
        sign = -1 if match.group("dir").lower() == "after" else 1
        out.append((match.end(), CountedBack(match.start(), stop, sign * days)))
    return out


def counted_at(clauses: list[tuple[int, CountedBack]], position: int) -> CountedBack | None:
    """The first of :func:`counted_clauses` whose clause holds ``position``."""
    return next((back for begin, back in clauses if begin <= position < back.end), None)


def from_previous(sentence: str, resolved: list[tuple[int, int]]) -> int | None:
    """Days from the previous stated date for "two days later", "the next day" and the like.

    Only a phrase that :func:`~timeline.extract.dates.find_dates` left unresolved (its
    previous date is in an earlier sentence): ``resolved`` are the spans it did resolve.
    """
    for match in _FROM_PREVIOUS.finditer(sentence):
        if any(s <= match.start() < e for s, e in resolved):
            continue
        if match.group("ctx"):
            return 1 if match.group("ctx").lower() in ("next", "following") else -1
        raw = match.group("n").lower()
        n = COUNT_WORDS[raw] if raw in COUNT_WORDS else int(raw)
        days = n * (7 if match.group("unit").lower() == "week" else 1)
        return days if match.group("dir").lower() == "later" else -days
    return None


def carries(date: PartialDate, published: dt.date | None) -> bool:
    """Whether ``date``, found for an earlier event, may date the next undated sentences."""
    if date.precision in ("month", "year"):
        return False
    return published is None or (published - date.start).days <= STALE_DAYS


def history_conjunct(sentence: str, clause_start: int, date: PartialDate, date_start: int,
                     published: dt.date | None) -> bool:
    """Whether a date too old to carry lies in the conjunct before the clause at
    ``clause_start`` ("retook X in January and launched Y"): it dates that conjunct only,
    and the clause, which states none, is history told with it. A date fronted at the
    sentence's start ("In January, troops retook X and ...") dates both conjuncts."""
    return (date_start < clause_start and not carries(date, published)
            and _AND_BEFORE.search(sentence, 0, clause_start) is not None
            and _FRONTED.match(sentence, 0, date_start) is None)


def filed_date(text: str, published: dt.date | None) -> dt.date | None:
    """The day a report was filed, from its dateline, when just before publication.

    Without a dateline, or with one on the publication day or too far from it, this is
    ``published``: relative dates count from it.
    """
    if published is None:
        return None
    match = _DATELINE.search(text, 0, DATELINE_REACH)
    if match is None:
        return published
    month = MONTHS[(match.group("mon") or match.group("mon2")).lower().rstrip(".")]
    day = int(match.group("d") or match.group("d2"))
    try:
        year = int(match.group("y")) if match.group("y") else month_before(published, month).year
        filed = dt.date(year, month, day)
    except ValueError:
        return published
    return filed if 0 < (published - filed).days <= FILED_DAYS else published


def background_launch(sentence: str, start: int, trigger: str) -> bool:
    """An operation restated ("began their operation") rather than launched in the news.

    ``trigger`` is the matched trigger text at ``start``. True when it launches an
    operation in the simple past, named with a definite or possessive word ("the",
    "their") and no word that makes it news ("a new", "the second", "a major").
    """
    verb = _LAUNCH.search(trigger)
    noun = _OPERATION.search(trigger)
    if verb is None or noun is None:
        return False
    v, n = start + verb.start(), start + noun.start()
    if _RECENT.search(sentence[max(0, v - 25):v]) or _RECENT.search(sentence[max(0, n):v]):
        return False  # "has launched", "the offensive has been launched": today's news
    lead = sentence[v:n] if v < n else sentence[max(0, n - 30):n]
    known = _KNOWN.search(lead)
    return known is not None and not _NEWS.search(lead)


def operation_day(sentence: str, start: int, trigger: str) -> int | None:
    """N of "the Nth day of the offensive" / "day N of the operation" by an operation trigger.

    Only a trigger about an operation (``trigger`` names an offensive, an operation, a
    push) that the phrase overlaps or stands within 60 characters of; a day number above
    one puts the launch N - 1 days before the date the sentence gives.
    """
    end = start + len(trigger)
    if _OPERATION.search(trigger) is None and _DAY_OF.search(trigger) is None:
        return None
    for match in _DAY_OF.finditer(sentence):
        if match.end() < start - 60 or match.start() > end + 60:
            continue
        raw = (match.group("ord") or match.group("n")).lower()
        if raw in _ORDINALS:
            return _ORDINALS[raw]
        if raw in COUNT_WORDS:
            return COUNT_WORDS[raw]
        return int(re.sub(r"\D", "", raw))
    return None
