"""The curation tabs' own pieces, without a browser: the upload line, progress written
at a bounded rate, the preview built
as text components, clicks on the pick map read, moments parsed, place options carrying
every spelling (SYNTHETIC data)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from dash import html

from dashboard.curation.add_report import Throttled, file_line, preview_view
from dashboard.curation.audit import parse_moment
from dashboard.curation.names import clicked_point, place_option
from frontline.errors import InputError
from geodata.theatre import Place
from tests.builders import make_event, make_extraction
from timeline.preview import DistrictChange, Preview, marks_of

TEXT = "Intro. Forces took <b>X</b> today. End."


def test_the_upload_line_says_what_the_route_answered() -> None:
    assert file_line(None) == ("", True)
    assert file_line({"pending": "r.pdf"})[0] == "Uploading r.pdf…"
    said, hidden = file_line({"token": "ab" * 16, "name": "r.pdf", "bytes": 12345})
    assert said == "File: r.pdf (12,345 bytes), uploaded." and hidden is False
    said, hidden = file_line({"error": "r.pdf is 2,000,000 bytes, over the upload limit"})
    assert isinstance(said, html.Span) and "over the upload limit" in said.children
    assert hidden is True


def test_progress_is_written_at_a_bounded_rate_but_every_stage_change_shows() -> None:
    now = [0.0]
    wrote: list[tuple[str, str]] = []
    throttled = Throttled(wrote.append, clock=lambda: now[0])
    throttled(0, "reading the file")
    throttled(10, "matching places: sentence 0 of 500")
    for i in range(1, 501):  # 500 sentences within 0.1 s: one more line at most
        now[0] += 0.0002
        throttled(10 + i // 10, f"matching places: sentence {i} of 500")
    throttled(60, "building the preview: the map with the report")
    throttled(100, "done")
    assert wrote[0] == ("0", "Reading the file…")
    assert wrote[1] == ("10", "Matching places: sentence 0 of 500…")
    assert len(wrote) == 4 and wrote[-1] == ("100", "Done")
    assert wrote[2] == ("60", "Building the preview: the map with the report…")


def test_the_preview_marks_claims_as_text_never_as_markup() -> None:
    quote = "Forces took <b>X</b> today."
    start = TEXT.index(quote)
    event = make_event("capture", "2017-03-06", ("w-north",), quote=quote, article_id="a")
    event = replace(event, provenance=replace(event.provenance,
                                              span=(start, start + len(quote))))
    ex = make_extraction((event,), text=TEXT, article_id="a")
    found = Preview(ex, marks_of(ex), (DistrictChange("w-north", "W North", dt.date(2017, 3, 6),
                                                      "isis", "government", 3),), ("Zorba",))
    summary, article = preview_view(found)
    marks = [c for c in article if isinstance(c, html.Mark)]
    assert [m.children for m in marks] == [quote]  # a string: React escapes it
    assert "".join(c if isinstance(c, str) else c.children for c in article) == TEXT
    text = str(summary)
    assert "W North: isis -> government from 2017-03-06 (3 days)" in text
    assert "Zorba" in text


def test_a_click_on_the_pick_map_gives_its_point() -> None:
    assert clicked_point({"points": [{"lat": 36.35, "lon": 43.11}]}) == (36.35, 43.11)
    assert clicked_point({"points": [{"location": "al-shifa"}]}) is None
    assert clicked_point(None) is None


def test_a_moment_is_read_as_utc_and_junk_refused() -> None:
    assert parse_moment("2026-12-03 05:30") == dt.datetime(2026, 12, 3, 5, 30, tzinfo=dt.UTC)
    with pytest.raises(InputError, match="not YYYY-MM-DD HH:MM"):
        parse_moment("yesterday")


def test_a_place_option_carries_variants_and_arabic() -> None:
    place = Place("al-maamel", "district", "al-Maamel", name_ar="حي المعامل",
                  variants=("Maamil", "Factories"))
    option = place_option(place)
    assert option["value"] == "al-maamel"
    assert "Maamil" in option["label"] and "حي المعامل" in option["label"]
