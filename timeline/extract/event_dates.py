"""The date of an event read at one trigger word of a sentence.

The trigger's own clause wins, then a date before it in the sentence, then any date of
the sentence (:func:`event_date`). Dates in a relative clause about the past ("the
city, which IS seized in 2014") do not date the main clause; an event inside an
unresolved "N days after <clause>" is counted back from the main clause's date
(:mod:`timeline.extract.datecarry`). An undated sentence takes the date of the event
it continues, else the report's filing date, flagged.
"""

from __future__ import annotations

import re

from timeline.extract.datecarry import (
    CONTINUES,
    background_launch,
    carries,
    counted_at,
    filed_date,
    history_conjunct,
    operation_day,
    outside_asides,
)
from timeline.extract.dates import (
    COUNT_PATTERN,
    COUNT_WORDS,
    FLAG_DATE_FROM_CONTEXT,
    FLAG_DATE_FROM_PUBLISHED,
    shift,
)
from timeline.extract.sentence_context import SentenceContext
from timeline.records import PartialDate

ParagraphDates = dict[int, PartialDate]


def event_date(ctx: SentenceContext, match: re.Match[str], start: int, end: int,
               paragraph_date: ParagraphDates,
               ) -> tuple[PartialDate | None, list[str], str]:
    """The event's date, flags saying it was taken from context, and a chain's basis."""
    clauses = ctx.clauses
    since = clauses.since
    usable = [d for d in ctx.dates
              if not (since and since[0] <= d.start < since[1]
                      and not since[0] <= match.start() < since[1])
              and outside_asides(match.start(), d.start, clauses.subordinate)
              and (carries(d.date, ctx.article.published)
                   or outside_asides(match.start(), d.start, clauses.asides))]
    back = counted_at(clauses.counted, match.start())
    if back is not None and not any(back.start <= d.start < back.end for d in usable):
        main = [d for d in usable if not back.start <= d.start < back.end]
        base, flags, _ = ((main[0].date, [], "") if main else undated(ctx, paragraph_date))
        if base is None:
            return None, [], ""
        return back.of(base), flags, (f"counted {back.days:+d} day(s) from {base.iso()}, "
                                      "the date of the sentence's main clause")
    in_clause = [d for d in usable if match.start() <= d.start < end]
    before = [d for d in usable if start <= d.start < match.start()]
    chosen = in_clause[:1] or before[-1:] or usable[:1]
    if chosen and not (in_clause or before) and history_conjunct(
            ctx.text, start, chosen[0].date, chosen[0].start, ctx.article.published):
        return None, [], ""
    if chosen:
        date, basis = chosen[0].date, chosen[0].basis
        day = operation_day(ctx.text, match.start(), match.group(0))
        if day and day > 1:
            date = shift(date, 1 - day, "day")
            basis = f"day {day} of the operation is {chosen[0].date.iso()}"
        return date, [], basis
    step = clauses.step
    if step is not None and (base := carried(ctx, paragraph_date, continues=True)):
        return (shift(base, step, "day"), [FLAG_DATE_FROM_CONTEXT],
                f"counted {step:+d} day(s) from {base.iso()}, the previous date stated")
    filed = filed_date(ctx.article.text, ctx.article.published)
    if step is not None and step < 0 and filed:  # "began five days earlier", nothing before
        return (shift(PartialDate(filed), step, "day"), [],
                f"counted {step:+d} day(s) from {filed.isoformat()}, the report's date")
    if background_launch(ctx.text, match.start(), match.group(0)):
        continued = carried(ctx, paragraph_date)
        return (continued, [FLAG_DATE_FROM_CONTEXT], "") if continued else (None, [], "")
    return undated(ctx, paragraph_date)


def carried(ctx: SentenceContext, paragraph_date: ParagraphDates,
            continues: bool = False) -> PartialDate | None:
    """The date of an earlier event that this undated sentence continues, if it may carry.

    The previous event of the same paragraph; across paragraphs only when the sentence
    says it goes on with the same action ("also", "then") or counts from the previous
    date (``continues``: "two days later"). Months, years and dates long
    before publication never carry (:func:`timeline.extract.datecarry.carries`).
    """
    para = ctx.sentence.paragraph
    date = paragraph_date.get(para)
    if date is None and (continues or CONTINUES.search(ctx.text)):
        earlier = [p for p in paragraph_date if p < para]
        date = paragraph_date[max(earlier)] if earlier else None
    return date if date is not None and carries(date, ctx.article.published) else None


def undated(ctx: SentenceContext, paragraph_date: ParagraphDates,
            ) -> tuple[PartialDate | None, list[str], str]:
    """An undated sentence's date: the one it continues, else the filing date, flagged."""
    date = carried(ctx, paragraph_date)
    if date is not None:
        return date, [FLAG_DATE_FROM_CONTEXT], ""
    filed = filed_date(ctx.article.text, ctx.article.published)
    if filed:
        return PartialDate(filed), [FLAG_DATE_FROM_PUBLISHED], ""
    return None, [], ""


def state_since(ctx: SentenceContext, match: re.Match[str]) -> PartialDate | None:
    """When a state of control began: the date of the "since" clause after the trigger."""
    since = ctx.clauses.since
    if since is None or since[0] < match.end():
        return None
    inside = [d for d in ctx.dates if since[0] <= d.start < since[1]]
    return inside[0].date if inside else None


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_HORIZON = re.compile(rf"\b(?:within|in\s+the\s+next|in\s+the\s+coming|in)\s+(?:about\s+)?"
                      rf"(?P<n>{COUNT_PATTERN})\s+(?P<unit>day|week)s?\b", re.IGNORECASE)


def expected_date(ctx: SentenceContext, match: re.Match[str]) -> PartialDate | None:
    """A forecast's deadline: the first date after the trigger ("before the end of May",
    "by Friday": the coming one), or a horizon counted from the report ("within ten
    days")."""
    later = [d for d in ctx.dates if d.start >= match.start()]
    published = ctx.article.published
    if later:
        first = later[0]
        if published and not _YEAR.search(first.text):
            # a forecast's "by Friday", "before the end of May" is still to come
            if first.form == "weekday" and first.date.start < published:
                return shift(first.date, 7, "day")
            if (first.form in ("dmy", "mdy") and first.date.start < published) or (
                    first.form == "month" and first.date.start < published.replace(day=1)):
                return shift(first.date, 1, "year")
        return first.date
    horizon = _HORIZON.search(ctx.text, match.end())
    filed = filed_date(ctx.article.text, ctx.article.published)
    if horizon is None or filed is None:
        return None
    raw = horizon.group("n").lower()
    n = COUNT_WORDS[raw] if raw in COUNT_WORDS else int(raw)
    return shift(PartialDate(filed), n * (7 if horizon.group("unit").lower() == "week" else 1),
                 "day")
