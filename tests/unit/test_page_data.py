"""The page's view model: codes per day, escaped hover texts, events, figure points.

Runs on the real Mosul districts with a SYNTHETIC timeline and article
(tests/unit/dashboard_synthetic.py).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from geodata.districts import build_districts
from geodata.theatre import load_theatre
from tests.unit.dashboard_synthetic import (
    ASSUMED,
    GOV,
    ISIS,
    REPORTED,
    synthetic_extractions,
    synthetic_timeline,
)
from timeline.records import (
    BASIS_ANALYST,
    Article,
    Event,
    Extraction,
    PartialDate,
    PlaceRef,
    Provenance,
)
from viewmodel.hover import safe
from viewmodel.page_control import N_BASIS, front_table, join_edges
from viewmodel.page_data import (
    KNOWN,
    MAIN,
    PageData,
    build_page_data,
    districts_geojson,
    event_opacity,
    frame,
    visible_events,
)
from viewmodel.page_events import figure_points, series_of


@pytest.fixture(scope="module")
def page() -> PageData:
    theatre = load_theatre()
    districts = build_districts(theatre)
    timeline = synthetic_timeline(tuple(districts["id"]))
    return build_page_data(theatre, districts, timeline, synthetic_extractions(theatre),
                           fade_days=7)


def day(page: PageData, iso: str) -> int:
    return page.day_of(dt.date.fromisoformat(iso))


def code(page: PageData, mode: str, iso: str, district: str) -> int:
    return int(page.views[mode].z[day(page, iso), page.district_ids.index(district)])


def test_page_covers_the_battle_window(page: PageData) -> None:
    assert page.dates[0] == "2016-10-17" and page.dates[-1] == "2017-07-21"
    assert page.views[MAIN].z.shape == (page.n_days, len(page.district_ids))


def test_geojson_has_one_rounded_feature_per_district(page: PageData) -> None:
    features = page.geojson["features"]
    assert [f["properties"]["id"] for f in features] == list(page.district_ids)
    ring = features[0]["geometry"]["coordinates"][0]
    assert all(round(x, 5) == x and round(y, 5) == y for x, y in ring)


def test_simplification_keeps_polygons_valid() -> None:
    theatre = load_theatre()
    districts = build_districts(theatre)
    geojson = districts_geojson(districts)
    import shapely.geometry

    shapes = [shapely.geometry.shape(f["geometry"]) for f in geojson["features"]]
    assert all(s.is_valid and not s.is_empty for s in shapes)


def test_codes_follow_the_timeline(page: PageData) -> None:
    assert code(page, MAIN, "2017-05-09", "al-maamel") == ISIS * N_BASIS + ASSUMED
    assert code(page, MAIN, "2017-05-11", "al-maamel") == GOV * N_BASIS + REPORTED
    assert code(page, MAIN, "2017-05-11", "al-zanjili") == ISIS * N_BASIS + ASSUMED
    assert day(page, "2017-05-10") in page.views[MAIN].changes


def test_known_view_uses_the_known_arrays(page: PageData) -> None:
    assert code(page, KNOWN, "2017-05-11", "al-maamel") == ISIS * N_BASIS + ASSUMED
    assert page.views[KNOWN].changes == ()


def test_district_hover_names_state_since_and_escaped_evidence(page: PageData) -> None:
    text = frame(page, day(page, "2017-05-11"))["text"][page.district_ids.index("al-maamel")]
    assert "al-Maamel" in text and "government (reported)" in text
    assert "since 2017-05-10" in text and "Synthetic News" in text
    assert "<img" not in text and "&lt;img src=x" in text and "alert(1)&gt;" in text


def test_known_view_hover_names_since_and_evidence_as_known_then(page: PageData) -> None:
    maamel = page.district_ids.index("al-maamel")
    text = frame(page, day(page, "2017-05-11"), known=True)["text"][maamel]
    assert "al-Maamel" in text and "isis (assumed)" in text
    assert "since 2016-10-01 (as known then)" in text
    assert "SYNTHETIC: ISIS holds the city." in text and "theatre, 2014-06-10" in text
    assert "Synthetic News" not in text


def test_front_line_per_day_rounded(page: PageData) -> None:
    before = frame(page, day(page, "2017-05-01"))["front"]
    after = frame(page, day(page, "2017-05-11"))["front"]
    assert before == {"lon": [], "lat": []}
    assert after["lon"] == [43.1, 43.12346]


def test_event_placed_at_district_point_and_area_centroid(page: PageData) -> None:
    theatre = load_theatre()
    capture = next(e for e in page.events if e.kind == "capture")
    maamel = theatre.place("al-maamel")
    assert (capture.lon, capture.lat) == ((round(maamel.lon, 5),), (round(maamel.lat, 5),))
    assert capture.day == day(page, "2017-05-10")
    declaration = next(e for e in page.events if e.kind == "declaration")
    assert len(declaration.lon) == 1 and 43.0 < declaration.lon[0] < 43.3
    assert declaration.end - declaration.day == 30  # January, shown all month


def test_event_hover_escapes_article_html(page: PageData) -> None:
    capture = next(e for e in page.events if e.kind == "capture")
    assert "<img" not in capture.hover and "&lt;img" in capture.hover
    assert "capture" in capture.hover and "Synthetic News" in capture.hover


def test_events_appear_on_their_date_and_fade(page: PageData) -> None:
    capture = next(e for e in page.events if e.kind == "capture")
    assert event_opacity(capture, capture.day - 1, 7) == 0
    assert event_opacity(capture, capture.day, 7) == 1
    fading = [event_opacity(capture, capture.day + k, 7) for k in range(1, 8)]
    assert fading == sorted(fading, reverse=True) and 0 < fading[-1] < 1
    assert event_opacity(capture, capture.day + 8, 7) == 0


def test_known_on_hides_events_published_later(page: PageData) -> None:
    idx = next(i for i, e in enumerate(page.events) if e.kind == "declaration")
    jan = day(page, "2017-01-15")
    assert idx in [i for i, _ in visible_events(page, jan)]
    assert idx not in [i for i, _ in visible_events(page, jan, known=True)]


def test_figures_become_series_points() -> None:
    points = figure_points(synthetic_extractions(load_theatre()))
    by_series = {p.series: p for p in points}
    assert set(by_series) == {"Killed: militants", "Killed: civilians",
                              "Territory held (claimed %)"}
    civilians = by_series["Killed: civilians"]
    assert (civilians.low, civilians.value, civilians.high) == (2000, 5500, 9000)
    assert civilians.date == dt.date(2017, 5, 10)  # month as_of clamped to publication


def test_series_of_unknown_kind_is_none() -> None:
    figure = synthetic_extractions(load_theatre())[0].figures[0]
    assert series_of(figure) == "Killed: militants"


def test_store_is_json_and_carries_no_raw_html_in_hovers(page: PageData) -> None:
    data = json.loads(json.dumps(page.to_json()))
    assert len(data["dates"]) == page.n_days
    assert all("<img" not in t for v in ("main", "known") for t in data["views"][v]["texts"])
    lines = [data["strings"][i] for i in data["events"]["lines"]]
    assert all("<img" not in t for t in lines) and any("&lt;img" in t for t in lines)


def json_hover(data: dict[str, Any], i: int) -> str:
    """An event's hover text from the store, as ``eventHover`` in frontline.js builds it."""
    col = {k: v[i] for k, v in data["events"].items()}
    text = {k: data["strings"][col[k]] for k in (
        "label", "status", "date", "places", "lines", "source", "pubdate", "grading")}
    return (f"<b>{safe(text['label'])}</b> ({safe(text['status'])}), {safe(text['date'])}"
            f"<br>{safe(text['places'])}<br><i>“{text['lines']}”</i><br>"
            f"— {safe(text['source'])}, {safe(text['pubdate'] or text['date'])}"
            + (f"<br>{safe(text['grading'])}" if text["grading"] else ""))


def test_store_events_rebuild_the_events_and_their_hovers(page: PageData) -> None:
    data = json.loads(json.dumps(page.to_json()))
    events, strings = data["events"], data["strings"]
    assert len(strings) == len(set(strings))  # each text sent once
    assert len(events["day"]) == len(page.events) > 0
    for i, e in enumerate(page.events):
        assert (events["day"][i], events["end"][i], events["pub"][i]) == (
            e.day, e.end, e.published)
        assert [strings[events[k][i]] for k in ("kind", "status", "date", "places", "source")
                ] == [e.kind, e.status, e.date, e.places, e.source]
        assert strings[events["quote"][i]] == e.quote
        assert (events["lon"][i], events["lat"][i]) == (list(e.lon), list(e.lat))
        assert json_hover(data, i) == e.hover


def test_store_fronts_are_shared_edges_joining_to_the_frame_front(page: PageData) -> None:
    data = json.loads(json.dumps(page.to_json()))
    edges = data["front_edges"]
    table = tuple(zip(edges["lon"], edges["lat"], strict=True))
    for d in range(page.n_days):
        fi = int(page.views[MAIN].front[d])
        want = frame(page, d)["front"]
        got = (join_edges(table, tuple(data["fronts"][fi]))
               if 0 <= fi < len(data["fronts"]) else {"lon": [], "lat": []})
        assert got == want


def test_front_table_sends_each_shared_edge_once() -> None:
    a = [[43.1, 36.3], [43.2, 36.35]]
    b = [[43.2, 36.35], [43.300000001, 36.4]]
    c = [[43.0, 36.2], [43.1, 36.3]]
    fronts = [None, {"type": "MultiLineString", "coordinates": [a, b]},
              {"type": "MultiLineString", "coordinates": [c, a]},
              {"type": "LineString", "coordinates": b}]
    edges, ids = front_table(fronts)
    assert len(edges) == 3 and ids == ((), (0, 1), (2, 0), (1,))
    assert edges[1] == ([43.2, 43.3], [36.35, 36.4])
    assert join_edges(edges, ids[1]) == {"lon": [43.1, 43.2, None, 43.2, 43.3],
                                         "lat": [36.3, 36.35, None, 36.35, 36.4]}
    assert join_edges(edges, ids[0]) == {"lon": [], "lat": []}


def test_no_timeline_gives_an_unknown_map() -> None:
    theatre = load_theatre()
    page = build_page_data(theatre, build_districts(theatre), None, [])
    assert not page.has_timeline and not page.events
    assert set(page.views[MAIN].z.ravel().tolist()) == {3 * N_BASIS + ASSUMED}
    assert page.sides_on_map == ("unknown",)  # the key's one row: all is unknown


def _one_event_page(event: Event) -> PageData:
    theatre = load_theatre()
    article = Article(id=event.provenance.article_id, path="synthetic.csv", title="SYNTHETIC",
                      source="SYNTHETIC", published=None, text="(synthetic)")
    return build_page_data(theatre, build_districts(theatre), None,
                           [Extraction(article, (event,), ())], fade_days=7)


def test_an_analyst_row_is_known_from_its_own_date_and_named_by_labels() -> None:
    row = "2017-01-17,day,capture,al-hay-al-zirai,..."  # SYNTHETIC chronology row
    prov = Provenance("chronology", "analyst table", None, row, (0, len(row)),
                      basis=BASIS_ANALYST)
    event = Event("c1", "capture", PartialDate(dt.date(2017, 1, 17)),
                  (PlaceRef("al-hay-al-zirai", "al-hay-al-zirai"),), "ISF", "government",
                  "reported", prov, note="SYNTHETIC: announced liberated")
    page = _one_event_page(event)
    shown = page.events[0]
    assert shown.published == shown.day  # known on its own date, not never
    assert shown.places == "al-Hay al-Zira'i"  # the label: no id, no gazetteer note
    assert shown.quote.startswith("SYNTHETIC: announced liberated")
    assert [i for i, _ in visible_events(page, shown.day, known=True)] == [0]


def test_a_forecast_is_listed_but_not_drawn() -> None:
    quote = "SYNTHETIC: the city is expected to be fully freed before the end of May."
    prov = Provenance("a1", "SYNTHETIC", dt.date(2017, 5, 10), quote, (0, len(quote)))
    event = Event("x1", "capture", PartialDate(dt.date(2017, 5, 31)),
                  (PlaceRef("old-city", "Old City"),), "ISF", "government", "expected", prov)
    shown = _one_event_page(event).events[0]
    assert shown.status == "expected" and shown.lon == () and shown.lat == ()


def test_place_labels_drop_bracketed_notes_and_stay_unique() -> None:
    theatre = load_theatre()
    assert theatre.place("al-hay-al-zirai").label == "al-Hay al-Zira'i"
    assert theatre.place("third-bridge").label == "Third Bridge / al-Shuhada Bridge"
    labels = [p.label for p in theatre.places]
    assert len(labels) == len(set(labels))
