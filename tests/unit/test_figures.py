"""Pure figure builders: the control map and the figures chart, without a browser.

Runs on the real Mosul districts with a SYNTHETIC timeline and article
(tests/unit/dashboard_synthetic.py).
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import pytest

from geodata.districts import build_districts
from geodata.theatre import Theatre, load_theatre
from tests.unit.dashboard_synthetic import (
    GOV,
    ISIS,
    REPORTED,
    synthetic_extractions,
    synthetic_timeline,
)
from viewmodel.chart import figures_chart
from viewmodel.figures import (
    APPROX_TEXT,
    TRACE_DISTRICTS,
    TRACE_EVENTS,
    TRACE_FRONT,
    TRACE_HIGHLIGHT,
    code_colors,
    control_map,
    stepped_colorscale,
    tint,
)
from viewmodel.page_control import N_BASIS
from viewmodel.page_data import PageData, build_page_data


@pytest.fixture(scope="module")
def theatre() -> Theatre:
    return load_theatre()


@pytest.fixture(scope="module")
def page(theatre: Theatre) -> PageData:
    districts = build_districts(theatre)
    return build_page_data(theatre, districts, synthetic_timeline(tuple(districts["id"])),
                           synthetic_extractions(theatre), fade_days=7)


def day(page: PageData, iso: str) -> int:
    return page.day_of(dt.date.fromisoformat(iso))


def color_of(fig: go.Figure, z: float) -> str:
    """The colour the stepped scale gives a code (what Plotly will paint)."""
    trace = fig.data[TRACE_DISTRICTS]
    position = (z - trace.zmin) / (trace.zmax - trace.zmin)
    scale = trace.colorscale
    return next(c for (lo, c), (hi, _) in zip(scale[::2], scale[1::2], strict=True)
                if lo <= position <= hi)


def test_tint_mixes_with_white() -> None:
    assert tint("#000000", 0.5) == "#808080"
    assert tint("#0072B2", 0) == "#0072B2"


def test_each_code_gets_its_own_flat_band(theatre: Theatre) -> None:
    colors = code_colors(theatre)
    scale = stepped_colorscale(colors)
    for k, color in enumerate(colors):
        position = (k + 0.5) / len(colors)
        band = [c for (lo, c), (hi, _) in zip(scale[::2], scale[1::2], strict=True)
                if lo <= position <= hi]
        assert band == [color]


def test_weaker_bases_are_lighter(theatre: Theatre) -> None:
    colors = code_colors(theatre)
    reported, inferred, assumed = colors[0:3]
    assert reported == theatre.sides["government"].color.upper()
    brightness = [sum(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in colors[0:3]]
    assert brightness[0] < brightness[1] < brightness[2]
    assert len({reported, inferred, assumed}) == 3


def test_map_colours_al_maamel_government_after_capture(page: PageData,
                                                        theatre: Theatre) -> None:
    fig = control_map(page, theatre, day(page, "2017-05-11"))
    trace = fig.data[TRACE_DISTRICTS]
    z = trace.z[list(trace.locations).index("al-maamel")]
    assert z == GOV * N_BASIS + REPORTED
    assert color_of(fig, z) == theatre.sides["government"].color.upper()
    before = control_map(page, theatre, day(page, "2017-05-01")).data[TRACE_DISTRICTS]
    assert before.z[list(before.locations).index("al-maamel")] // N_BASIS == ISIS


def test_map_is_offline_and_says_boundaries_are_approximate(page: PageData,
                                                            theatre: Theatre) -> None:
    fig = control_map(page, theatre, 0)
    assert fig.layout.map.style == "white-bg"
    assert all(getattr(t, "mode", None) != "text" for t in fig.data)
    assert any(a.text == APPROX_TEXT for a in fig.layout.annotations)
    assert not control_map(page, theatre, 0, note=False).layout.annotations
    assert len(fig.data[TRACE_DISTRICTS].geojson["features"]) == len(page.district_ids)


def test_events_show_on_their_day_with_escaped_hover(page: PageData, theatre: Theatre) -> None:
    on_day = control_map(page, theatre, day(page, "2017-05-10")).data[TRACE_EVENTS]
    later = control_map(page, theatre, day(page, "2017-06-10")).data[TRACE_EVENTS]
    assert len(on_day.lon) == 1 and list(on_day.marker.opacity) == [1.0]
    assert "&lt;img" in on_day.text[0] and "<img" not in on_day.text[0]
    assert len(later.lon) == 0


def test_front_line_is_bold_and_dated(page: PageData, theatre: Theatre) -> None:
    fig = control_map(page, theatre, day(page, "2017-05-11"))
    front = fig.data[TRACE_FRONT]
    assert front.mode == "lines" and front.line.width >= 3 and len(front.lon) == 2
    assert len(control_map(page, theatre, 0).data[TRACE_FRONT].lon) == 0


def test_layers_and_selection(page: PageData, theatre: Theatre) -> None:
    fig = control_map(page, theatre, day(page, "2017-05-10"), layers=("districts",),
                      selected=next(i for i, e in enumerate(page.events) if e.kind == "capture"))
    assert fig.data[TRACE_DISTRICTS].visible is True
    assert fig.data[TRACE_FRONT].visible is False and fig.data[TRACE_EVENTS].visible is False
    assert all(layer.visible is False for layer in fig.layout.map.layers)
    assert len(fig.data[TRACE_HIGHLIGHT].lon) == 1


def test_chart_cursor_sits_on_the_day(page: PageData) -> None:
    fig = figures_chart(page, day(page, "2017-05-11"))
    cursor = fig.layout.shapes[0]
    assert cursor.x0 == cursor.x1 == "2017-05-11" and cursor.yref == "paper"


def test_chart_tells_claimants_apart_and_shows_ranges(page: PageData) -> None:
    fig = figures_chart(page, 0)
    points = [t for t in fig.data if t.mode == "markers"]
    assert len({t.marker.symbol for t in points}) == len(points) == 3
    civilians = next(t for t in points if t.name.startswith("Killed: civilians"))
    assert civilians.error_y.visible and list(civilians.error_y.array) == [3500]
    assert list(civilians.error_y.arrayminus) == [3500]
    militants = next(t for t in points if t.name.startswith("Killed: militants"))
    assert militants.customdata[0][0] == day(page, "2017-05-08")
    assert militants.yaxis == "y" and next(
        t for t in points if t.name.startswith("Territory")).yaxis == "y2"


def test_chart_has_government_share_lines(page: PageData) -> None:
    fig = figures_chart(page, 0)
    west = next(t for t in fig.data if t.name == "Government share: West bank")
    assert west.y[day(page, "2017-05-11")] == 10.0 and west.y[0] == 0.0


def test_empty_chart_says_so(theatre: Theatre) -> None:
    empty = build_page_data(theatre, build_districts(theatre), None, [])
    fig = figures_chart(empty, 0)
    assert any("No figures" in a.text for a in fig.layout.annotations)
    assert control_map(empty, theatre, 0).data[TRACE_DISTRICTS].z[0] == 3 * N_BASIS + 2


def test_the_map_style_is_the_runs_setting(page: PageData, theatre: Theatre) -> None:
    """The page carries Settings.map_style into the figure: offline by default, a tile
    style only when the analyst configures one."""
    from dataclasses import replace

    assert control_map(page, theatre, 0).layout.map.style == "white-bg"
    tiles = replace(page, map_style="carto-positron")
    assert control_map(tiles, theatre, 0).layout.map.style == "carto-positron"


def test_the_page_map_leaves_districts_front_and_events_to_the_browser(
        page: PageData, theatre: Theatre) -> None:
    """The page draws these through MapLibre (assets/mapview.js): Plotly gets them hidden
    and empty, except the districts' GeoJSON, ids and colour scale, which it reads."""
    from viewmodel.figures import CLIENT_DRAWN, TRACE_INDEX, page_map

    fig = page_map(page, theatre)
    full = control_map(page, theatre, 0, note=False)
    for name in CLIENT_DRAWN:
        assert fig.data[TRACE_INDEX[name]].visible is False
    districts = fig.data[TRACE_INDEX["districts"]]
    assert districts.geojson == full.data[TRACE_INDEX["districts"]].geojson
    assert list(districts.locations) == list(page.district_ids)
    assert districts.colorscale == full.data[TRACE_INDEX["districts"]].colorscale
    assert districts.text is None
    assert len(fig.data[TRACE_INDEX["events"]].lon) == 0
    assert fig.data[TRACE_INDEX["bridges"]].visible is not False


def test_the_time_axis_leaves_room_past_the_first_and_last_points(page: PageData) -> None:
    fig = figures_chart(page, 0)
    start, end = (dt.date.fromisoformat(x[:10]) for x in fig.layout.xaxis.range)
    firsts = [dt.date.fromisoformat(page.dates[0])] + [p.date for p in page.figures]
    lasts = [dt.date.fromisoformat(page.dates[-1])] + [p.date for p in page.figures]
    assert start < min(firsts) and end > max(lasts)


def test_a_chart_point_names_its_own_date(page: PageData) -> None:
    assert all(f"({p.date.isoformat()})" in p.hover for p in page.figures)
