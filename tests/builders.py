"""Builders of synthetic test records: events, figures, extractions and a toy city.

Everything here is SYNTHETIC test data, labelled as such: the toy city "Toyville" has
four square districts, two per bank of a north-south river, and its quotes are made up.
The records carry what extraction reads from their words
(:mod:`timeline.extract.control_facts`), read from the made-up quotes and text the same
way, so that a test can state a rule's input as prose.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import geopandas as gpd
from shapely.geometry import box

from geodata.gazetteer import Gazetteer
from geodata.theatre import Place, Side, Theatre
from timeline.control.build import ControlRules, build_timeline
from timeline.control.model import ControlTimeline
from timeline.decisions import Decisions
from timeline.extract.articles import split_sentences
from timeline.extract.control_facts import (
    fighting_since,
    named_in_part,
    share_bank,
    still_held,
)
from timeline.records import (
    BASIS_ANALYST,
    Article,
    Event,
    Extraction,
    Figure,
    PartialDate,
    PlaceRef,
    Provenance,
)

_ids = itertools.count(1)

# Toyville (synthetic): west bank w-north, w-south; east bank e-north, e-south.
TOY_START = dt.date(2014, 6, 10)
TOY_END = dt.date(2017, 7, 21)
TOY_DISTRICTS = {
    "w-north": ("west", (43.10, 36.34, 43.12, 36.35)),
    "w-south": ("west", (43.10, 36.33, 43.12, 36.34)),
    "e-north": ("east", (43.12, 36.34, 43.14, 36.35)),
    "e-south": ("east", (43.12, 36.33, 43.14, 36.34)),
}


def toy_theatre(folder: Path | None = None, initial_side: str = "isis") -> Theatre:
    """A synthetic four-district theatre (no river file: fronts use shared borders)."""
    places = [
        Place(pid, "district", pid.replace("-", " ").title(), lat=(b[1] + b[3]) / 2,
              lon=(b[0] + b[2]) / 2, bank=bank)
        for pid, (bank, b) in TOY_DISTRICTS.items()
    ]
    places += [
        Place("toyville", "area", "Toyville"),
        Place("west-toy", "area", "West Toyville", variants=("western Toyville",), bank="west",
              parent="toyville"),
        Place("east-toy", "area", "East Toyville", variants=("eastern Toyville",), bank="east",
              parent="toyville"),
        Place("toy-mosque", "landmark", "Toy Mosque", lat=36.345, lon=43.11, bank="west",
              parent="w-north"),
        Place("toy-bridge", "bridge", "Toy Bridge", lat=36.345, lon=43.12),
    ]
    colours = {"government": "#0072B2", "isis": "#D55E00", "contested": "#F0E442",
               "unknown": "#BBBBBB"}
    return Theatre(
        name="toyville", title="Toyville (synthetic)", city="Toyville",
        folder=folder or Path("/nonexistent-toyville"), crs="EPSG:32638",
        sides={k: Side(k, k, c) for k, c in colours.items()}, initial_side=initial_side,
        initial_since=TOY_START, initial_evidence="Toyville fell on 2014-06-10 (synthetic).",
        battle_start=dt.date(2016, 10, 17), battle_end=TOY_END, center=(36.34, 43.12),
        zoom=12.0, banks=("west", "east"), city_area="toyville", places=tuple(places),
    )


def toy_districts(theatre: Theatre | None = None) -> gpd.GeoDataFrame:
    """The four synthetic square districts, EPSG:4326, with ``id, bank, area_km2``."""
    theatre = theatre or toy_theatre()
    gdf = gpd.GeoDataFrame(
        {"id": list(TOY_DISTRICTS), "bank": [v[0] for v in TOY_DISTRICTS.values()]},
        geometry=[box(*v[1]) for v in TOY_DISTRICTS.values()], crs="EPSG:4326",
    )
    gdf["area_km2"] = gdf.to_crs(theatre.crs).area / 1e6
    return gdf


def _date(value: str | dt.date | PartialDate) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate(value)
    return PartialDate.parse(value)


def make_event(kind: str = "capture", date: str | dt.date | PartialDate = "2017-01-10",
               places: tuple[str | None, ...] = ("w-north",), side: str = "government",
               status: str = "reported", quote: str = "", *, id: str | None = None,
               article_id: str = "article-1", published: dt.date | None = None,
               source: str = "Synthetic News", mentions: tuple[str, ...] = ()) -> Event:
    """A synthetic event; ``None`` in ``places`` is an unresolved mention. ``mentions``
    are the names the quote gives the places (default: their ids)."""
    names = mentions or tuple(p or "Nowhereville" for p in places)
    quote = quote or f"(synthetic) {side} {kind} at {', '.join(names)}"
    refs = tuple(PlaceRef(p, m, named_in_part(quote, m))
                 for p, m in zip(places, names, strict=True))
    pd = _date(date)
    return Event(
        id=id or f"e{next(_ids)}", kind=kind, date=pd, places=refs, actor=side, side=side,
        status=status,
        provenance=Provenance(article_id, source, published or pd.end, quote, (0, len(quote))),
        fighting_since=fighting_since(pd, quote),
    )


def make_figure(value: float = 70.0, as_of: str | None = "2017-05-10",
                places: tuple[str, ...] = ("west-toy",), qualifier: str = "at_least",
                subject: str = "territory in western Toyville", quote: str = "", *,
                kind: str = "territory_percent", id: str | None = None,
                article_id: str = "article-1", published: dt.date | None = None) -> Figure:
    """A synthetic figure (by default a territory percentage)."""
    quote = quote or f"(synthetic) forces control {qualifier} {value} percent of {subject}"
    refs = tuple(PlaceRef(p, p) for p in places)
    return Figure(
        id=id or f"f{next(_ids)}", kind=kind, value=value, qualifier=qualifier, subject=subject,
        claimant="commanders",
        provenance=Provenance(article_id, "Synthetic News", published, quote, (0, len(quote))),
        as_of=PartialDate.parse(as_of) if as_of else None, places=refs,
        bank=share_bank(toy_theatre(), refs, f"{subject} {quote}")
        if kind == "territory_percent" else None,
    )


def make_extraction(events: tuple[Event, ...] = (), figures: tuple[Figure, ...] = (), *,
                    published: dt.date | None = dt.date(2017, 5, 10), text: str = "",
                    article_id: str | None = None) -> Extraction:
    """A synthetic article's extraction; event/figure article ids are taken as given.

    Its article items carry the article's publication, as every extraction read from the
    store does (an article's claims are known from its publication), and its territory
    percentages the Toyville places and corners that ``text`` says ISIS still holds, as
    extraction would find them.
    """
    aid = article_id or (events[0].provenance.article_id if events else
                         figures[0].provenance.article_id if figures else "article-1")
    article = Article(id=aid, path=f"{aid}.md", title="(synthetic)", source="Synthetic News",
                      published=published, text=text)
    if text:
        held, corners = still_held([text[s.start:s.end] for s in split_sentences(text)],
                                   Gazetteer(toy_theatre()))
        figures = tuple(replace(f, still_held=held, still_held_corners=corners)
                        if f.kind == "territory_percent" else f for f in figures)
    return Extraction(article=article, events=tuple(_published_in(e, published) for e in events),
                      figures=tuple(_published_in(f, published) for f in figures))


Item = TypeVar("Item", Event, Figure)


def _published_in(item: Item, published: dt.date | None) -> Item:
    if item.provenance.basis == BASIS_ANALYST:
        return item
    return replace(item, provenance=replace(item.provenance, published=published))


# The control rules the toy-city tests are written against: a contest lasts a week, a
# state older than a month is only assumed, one source may flip at most five districts.
TOY_RULES = ControlRules(contested_days=7, assumed_after_days=30, plausible_flips=5)


def toy_timeline(*extractions: Extraction, rules: ControlRules | None = TOY_RULES,
                 decisions: Decisions | None = None) -> ControlTimeline:
    """The control timeline of Toyville from ``extractions`` up to :data:`TOY_END`.

    ``rules=None`` takes the configured rules (the settings' defaults), as the app would.
    """
    theatre = toy_theatre()
    return build_timeline(theatre, toy_districts(theatre), list(extractions), end=TOY_END,
                          rules=rules, decisions=decisions or Decisions())


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica, a hand-written
    content stream): a SYNTHETIC report as a PDF with text, not a scan."""
    def literal(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = ("BT /F1 11 Tf 14 TL 40 750 Td "
              + " ".join(f"({literal(line)}) Tj T*" for line in lines) + " ET").encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R"
        b" >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
              .encode())
    return out.getvalue()
