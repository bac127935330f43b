"""The briefing deck, built for projection: a title slide, one map slide per change of
control, and the sources.

Slides are dated by the timeline's significant changes up to the export date (a
period in which no district changed hands gets no slide), or by the dates an analyst
picks (each gets its slide, named as picked, even when nothing changed). Each map slide
shows the map of its date large, its key, and one takeaway line: what changed hands,
where, on whose report. The evidence behind it (every changed district's quote and
source, the period's events and figures, the analysts' decisions) goes into the speaker
notes with full citations. PowerPoint (python-pptx) places the map as a picture with
native text beside it; the PDF variant renders each slide with kaleido and joins the
pages with pypdf. One browser serves the whole deck.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from exports import map_page, renderer, selection
from exports.context import ExportContext
from exports.curation import decision_lines
from exports.pdf import titled_pdf
from geodata.districts import BANK, ID
from geodata.sides import CONTESTED
from timeline.control.model import DistrictState
from viewmodel.figures import APPROX_TEXT
from viewmodel.page_events import place_label

Progress = Callable[[int, int], None]
MAX_SLIDES = 40
TAKEAWAY_CHARS = 100  # one line of 18 pt across the slide
NAMED = 3  # at most this many districts named in a takeaway before "and N more"
CAVEATS = (
    APPROX_TEXT,
    "Lighter colours: control inferred or assumed (carried forward), not reported; "
    "darker: an analyst's override.",
    "Figures are each claimant's, as reported; a range stays a range.",
    "Every takeaway's quotes and sources are in the speaker notes; the sources close the deck.",
)


@dataclass(frozen=True)
class Slide:
    """One map slide: its date, the period it covers, what changed and the evidence."""

    index: int
    date: dt.date
    start: dt.date
    changed: tuple[str, ...]
    events: tuple[str, ...]
    figures: tuple[str, ...]
    hands: int = 0  # how many of ``changed`` changed hands (the rest: fighting began)
    takeaway: str = ""
    notes: tuple[str, ...] = ()
    picked: bool = False
    kinds: tuple[str, ...] = ()

    def name(self, total: int) -> str:
        """The slide's title: a change, or the analyst's picked date, i of n."""
        what = "Picked date" if self.picked else "Change"
        return f"{what} {self.index} of {total}: {self.date:%-d %B %Y}"


def slide_dates(ctx: ExportContext, date: dt.date,
                dates: Sequence[dt.date] | None = None, known: bool = False) -> list[dt.date]:
    """The candidate slide dates: picked ones, else the changes up to ``date`` and it
    (:func:`plan` drops an automatic one in whose period nothing changed hands);
    ``known``: the days each change became knowable."""
    if dates:
        chosen = sorted({ctx.check_date(d) for d in dates})
    else:
        chosen = [d for d in selection.change_dates(ctx, known) if d <= date]
        if not chosen or chosen[-1] != date:
            chosen.append(date)
    return chosen[-MAX_SLIDES:]


def plan(ctx: ExportContext, date: dt.date, dates: Sequence[dt.date] | None = None,
         known: bool = False) -> list[Slide]:
    """The map slides of a deck, each with its period's changes, events and figures.

    Chosen automatically, a date in whose period no district changed hands gets no
    slide (its period joins the next one's); should none be left, the export date
    gets one, named for what it is. Picked dates always get theirs."""
    names = dict(zip(ctx.page.district_ids, ctx.page.district_names, strict=True))
    picked = bool(dates)
    slides: list[Slide] = []
    # the first period is measured from the battle's first day (the state before it is
    # not on record); a change on that very day is the initial state, not a change
    previous = ctx.theatre.battle_start
    candidates = [d for d in slide_dates(ctx, date, dates, known) if d > previous or picked]
    for day in candidates:
        before = {s.id: s for s in selection.states_at(ctx, previous, known)}
        after = selection.states_at(ctx, day, known)
        hands, fights = changed_hands(before, after)
        if not picked and not hands and not (day == candidates[-1] and not slides):
            continue
        start = (previous + dt.timedelta(days=1)) if slides else ctx.theatre.battle_start
        slides.append(_slide(ctx, len(slides) + 1, start, day, hands, fights, names, known,
                             picked))
        previous = day
    return slides


def _slide(ctx: ExportContext, index: int, start: dt.date, day: dt.date,
           hands: list[tuple[DistrictState, DistrictState]],
           fights: list[DistrictState], names: Mapping[str, str], known: bool,
           picked: bool) -> Slide:
    changed = tuple([f"{names.get(new.id, new.id)}: {_holder(old)} → {_holder(new)}"
                     for old, new in hands]
                    + [f"{names.get(s.id, s.id)}: fighting began ({_holder(s)} holds it)"
                       for s in fights])
    found = selection.events_between(ctx, start, day, known, day if known else None)
    events = tuple(
        f"{ev.date.iso()} {ev.kind} ({ev.status}), "
        f"{', '.join(place_label(ctx.theatre, r) for r in ev.places) or 'no place named'}: "
        f"“{ev.provenance.excerpt(ev.note)}” ({_cite(ev.provenance)})" for ev in found)
    figures = tuple(f"{p.series}: {p.amount} ({p.date.isoformat()}, {p.claimant}; "
                    f"{p.source})" for p in selection.latest_figures(ctx, day, known))
    takeaway = takeaway_line(ctx, hands, names, start, day)
    notes = (f"Takeaway: {takeaway}", "", "What changed, with the evidence:",
             *(_evidence_lines(names, hands, fights) or ["no district changed hands"]),
             "", f"Events {start.isoformat()} to {day.isoformat()}:",
             *(events or ["none reported"]), "", "Key figures (latest of each series):",
             *(figures or ["none reported yet"]),
             *(["", "Analysts' decisions:", *decision_lines(ctx, day, known)]
               if decision_lines(ctx, day, known) else []))
    return Slide(index, day, start, changed, events, figures, len(hands), takeaway, notes,
                 picked, tuple(sorted({ev.kind for ev in found})))


def changed_hands(before: Mapping[str, DistrictState], after: Sequence[DistrictState],
                  ) -> tuple[list[tuple[DistrictState, DistrictState]], list[DistrictState]]:
    """(was, now) pairs of the districts that changed holder, and the districts where
    fighting began (same holder, now contested)."""
    hands, fights = [], []
    for s in after:
        was = before.get(s.id)
        if was is None:
            continue
        if _holder(was) != _holder(s):
            hands.append((was, s))
        elif s.side == CONTESTED and was.side != CONTESTED:
            fights.append(s)
    return hands, fights


def _holder(s: DistrictState) -> str:
    return s.holder or s.side


def _cite(prov: object) -> str:
    """A full citation of a provenance: source, title, date, address."""
    source = str(getattr(prov, "source", "") or "unknown source")
    title = str(getattr(prov, "title", "") or "")
    published = getattr(prov, "published", None)
    url = str(getattr(prov, "url", "") or "")
    parts = [source, f"“{title}”" if title else "",
             published.isoformat() if published else "undated", url]
    return ", ".join(p for p in parts if p)


def _evidence_lines(names: Mapping[str, str],
                    hands: Sequence[tuple[DistrictState, DistrictState]],
                    fights: Sequence[DistrictState]) -> list[str]:
    lines = []
    for was, s in [*hands, *((f, f) for f in fights)]:
        what = (f"{_holder(was)} → {_holder(s)}" if was is not s
                else f"fighting began ({_holder(s)} holds it)")
        lines.append(f"{names.get(s.id, s.id)}: {what}, {s.basis} since {s.since.isoformat()}")
        for e in s.evidence:
            when = f"published {e.published}" if e.published else ""
            by = f", decided by {e.author}" if e.author else ""
            lines.append(f"  “{e.quote}” ({', '.join(p for p in (e.source, e.date, when) if p)}"
                         f"{by})")
    return lines


def takeaway_line(ctx: ExportContext, hands: Sequence[tuple[DistrictState, DistrictState]],
                  names: Mapping[str, str], start: dt.date, day: dt.date) -> str:
    """One line: who took which districts (where), on whose report; or that nothing
    changed hands in the period."""
    if not hands:
        return (f"No district changed hands from {start:%-d %b} to {day:%-d %b %Y}; "
                "the map shows the state of the date.")
    sides = ctx.theatre.sides
    by_new: dict[str, list[DistrictState]] = {}
    for _, s in hands:
        by_new.setdefault(_holder(s), []).append(s)
    reporters: list[str] = []
    for _, s in hands:
        for e in s.evidence[:1]:
            outlet = _outlet(e.source)
            if outlet and outlet not in reporters:
                reporters.append(outlet)
    inferred = all(s.basis != "reported" for _, s in hands)
    line = ""
    # shorter and shorter: fewer districts named, then fewer outlets (the notes cite all)
    for named, cited in ((NAMED, 2), (NAMED, 1), (2, 1), (1, 1), (1, 0), (0, 0)):
        parts = []
        for side, states in by_new.items():
            label = sides[side].short_label if side in sides else side
            listed = [names.get(s.id, s.id) for s in states]
            if named == 0:
                what = f"{len(listed)} district{'s' if len(listed) > 1 else ''}"
            elif len(listed) > named:
                what = ", ".join(listed[:named]) + f" and {len(listed) - named} more"
            else:
                what = " and ".join([", ".join(listed[:-1]), listed[-1]] if len(listed) > 1
                                    else listed)
            parts.append(f"{label} took {what}{_where(ctx, states)}")
        if not reporters:
            whose = "on no named report"
        elif cited == 0:
            whose = (f"on the reports of {len(reporters)} outlets" if len(reporters) > 1
                     else "on one outlet's report")
        else:
            whose = ("on the report" + ("s" if len(reporters) > 1 else "") + " of "
                     + ", ".join(reporters[:cited])
                     + (f" and {len(reporters) - cited} more" if len(reporters) > cited
                        else ""))
        line = "; ".join(parts) + f", {'inferred, ' if inferred else ''}{whose}"
        if len(line) <= TAKEAWAY_CHARS:
            return line
    return line[:TAKEAWAY_CHARS - 1].rstrip() + "…"


def _outlet(source: str) -> str:
    """The outlet of a source line ("UPI, 'headline'" is UPI): the takeaway names who
    reported; the notes cite the report in full."""
    outlet = source.split(",")[0].strip()
    return outlet if len(outlet) <= 40 else outlet[:39].rstrip() + "…"


def _where(ctx: ExportContext, states: Sequence[DistrictState]) -> str:
    """", west bank" when the districts all lie on one bank, else nothing."""
    if BANK not in ctx.districts or ID not in ctx.districts:
        return ""
    banks = dict(zip(ctx.districts[ID].astype(str), ctx.districts[BANK].astype(str),
                     strict=True))
    found = {banks.get(s.id, "") for s in states}
    return f" on the {found.pop()} bank" if len(found) == 1 and "" not in found else ""


def changed_lines(before: Mapping[str, DistrictState], after: Sequence[DistrictState],
                  names: Mapping[str, str]) -> tuple[str, ...]:
    """What changed between two slides: the districts that changed hands (their holder,
    :func:`timeline.control.model.holders`), then those where fighting began, labelled
    as such. A district contested and back with its holder has not changed."""
    hands, fights = changed_hands(before, after)
    return (*(f"{names.get(s.id, s.id)}: {_holder(was)} → {_holder(s)}" for was, s in hands),
            *(f"{names.get(s.id, s.id)}: fighting began ({_holder(s)} holds it)"
              for s in fights))


def title_lines(ctx: ExportContext, date: dt.date, slides: Sequence[Slide],
                known: bool, picked: bool = False) -> list[str]:
    """The title slide: the period, the mode, what the slides are, the caveats."""
    first = slides[0].start if slides else ctx.theatre.battle_start
    mode = ("as known on each slide's date (only what was published by then)" if known
            else "as reported, including later reports (hindsight)")
    which = ("dates picked by the analyst" if picked else
             "each change of control (periods in which nothing changed hands have no slide)")
    return [f"Period: {first:%-d %B %Y} to {date:%-d %B %Y}",
            f"Control {mode}",
            f"{len(slides)} map slide(s): {which}",
            "Caveats:", *(f"• {c}" for c in CAVEATS)]


def source_lines(ctx: ExportContext, date: dt.date, known: bool) -> list[str]:
    return [f"[{i}] {s.label()}"
            for i, s in enumerate(selection.sources_of(ctx, date, known), start=1)]


def _deck_title(ctx: ExportContext, date: dt.date, known: bool) -> str:
    mode = " (as known on each slide's date)" if known else ""
    return f"{ctx.theatre.title}: briefing as of {date.isoformat()}{mode}"


def deck_pdf(ctx: ExportContext, date: dt.date, dates: Sequence[dt.date] | None = None,
             known: bool = False, progress: Progress | None = None) -> bytes:
    """The deck as one PDF of 16:9 pages (13.33 x 7.5 in, text of 14 pt and more),
    rendered by kaleido and joined by pypdf."""
    from exports.pdf_slides import map_page_figure, text_page

    slides = plan(ctx, date, dates, known)
    sources = source_lines(ctx, date, known)
    text_pages = [text_page(f"{ctx.theatre.title}: briefing",
                            title_lines(ctx, date, slides, known, bool(dates)))]
    source_pages = [text_page(title, chunk) for title, chunk in source_chunks(sources)]
    if progress:  # drawing the slides and starting the renderer come before any page
        progress(0, len(slides) + len(text_pages) + len(source_pages))
    figures = [*text_pages, *(map_page_figure(ctx, s, len(slides), known) for s in slides),
               *source_pages]
    pages = renderer.render_many(figures, "pdf", map_page.SLIDE_W, map_page.SLIDE_H,
                                 progress=progress)
    return titled_pdf(pages, _deck_title(ctx, date, known), subject="briefing deck")


SOURCES_PER_SLIDE = 14


def source_chunks(lines: Sequence[str]) -> list[tuple[str, list[str]]]:
    """The sources split over as many slides as their 14-pt lines need, titled i of n."""
    chunks = [list(lines[i:i + SOURCES_PER_SLIDE])
              for i in range(0, len(lines), SOURCES_PER_SLIDE)] or [["no sources"]]
    if len(chunks) == 1:
        return [("Sources", chunks[0])]
    return [(f"Sources ({i} of {len(chunks)})", chunk)
            for i, chunk in enumerate(chunks, start=1)]


def deck_pptx(ctx: ExportContext, date: dt.date, dates: Sequence[dt.date] | None = None,
              known: bool = False, progress: Progress | None = None) -> bytes:
    """The deck as PowerPoint: each map a picture, every word native text of 14 pt or
    more, the evidence in the speaker notes."""
    from exports.pptx_slides import (
        MAP_PX,
        map_picture_figure,
        map_slide,
        new_deck,
        text_slide,
    )

    slides = plan(ctx, date, dates, known)
    if progress:  # drawing the slides and starting the renderer come before any picture
        progress(0, len(slides))
    figures = [map_picture_figure(ctx, s.date, known) for s in slides]
    pictures = renderer.render_many(figures, "png", *MAP_PX, progress=progress)
    deck = new_deck(_deck_title(ctx, date, known))
    text_slide(deck, f"{ctx.theatre.title}: briefing",
               title_lines(ctx, date, slides, known, bool(dates)),
               notes="Sources are listed on the closing slides; each map slide's notes hold "
                     "its evidence with full citations.")
    for slide, png in zip(slides, pictures, strict=True):
        map_slide(deck, ctx, slide.name(len(slides)), png, slide.takeaway, slide.kinds,
                  [*slide.notes, "", "Sources of this slide's state:",
                   *source_lines(ctx, slide.date, known)])
    for title, chunk in source_chunks(source_lines(ctx, date, known)):
        text_slide(deck, title, chunk, notes="\n".join(chunk))
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
