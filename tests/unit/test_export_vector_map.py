"""The exports' vector map: projection, fitting, paths and the day's content (SYNTHETIC)."""

from __future__ import annotations

import math

import pytest
from shapely.geometry import MultiPolygon, Polygon, mapping

from exports.canvas import Box
from exports.context import ExportContext
from exports.vector_map import fit, merc_y, svg_path, vector_map
from tests.unit.export_support import CHANGE_DAY, synthetic_context
from viewmodel.figures import FRONT_COLOR, code_colors
from viewmodel.page_data import frame

BOX = Box(0, 0, 800, 600)


@pytest.fixture(scope="module")
def ctx() -> ExportContext:
    return synthetic_context()


def _haversine_m(lon0: float, lat0: float, lon1: float, lat1: float) -> float:
    r = 6_371_008.8
    p0, p1 = math.radians(lat0), math.radians(lat1)
    a = (math.sin((p1 - p0) / 2) ** 2
         + math.cos(p0) * math.cos(p1) * math.sin(math.radians(lon1 - lon0) / 2) ** 2)
    return 2 * r * math.asin(math.sqrt(a))


def test_mercator_ordinate_is_zero_at_the_equator_and_grows_faster_than_latitude() -> None:
    assert merc_y(0.0) == pytest.approx(0.0)
    assert merc_y(36.0) == pytest.approx(38.633, abs=0.001)  # ln(tan 63°) in degrees
    assert merc_y(None) is None


def test_fit_keeps_the_bounds_inside_at_one_scale_on_both_axes() -> None:
    bounds = (43.05, 36.28, 43.25, 36.42)
    view = fit(bounds, BOX)
    (x0, x1), (y0, y1) = view.x_range, view.y_range
    assert x0 < 43.05 and x1 > 43.25
    assert y0 < merc_y(36.28) < merc_y(36.42) < y1  # type: ignore[operator]
    assert (x1 - x0) / BOX.width == pytest.approx((y1 - y0) / BOX.height)


def test_scale_is_the_ground_distance_across_the_map() -> None:
    view = fit((43.05, 36.28, 43.25, 36.42), BOX)
    lat = 36.35
    x0, x1 = view.x_range
    ground = _haversine_m(x0, lat, x1, lat)
    assert view.metres_per_px * BOX.width == pytest.approx(ground, rel=0.01)


def test_svg_path_keeps_holes_and_parts() -> None:
    square = [(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)]
    hole = [(1, 1), (2, 1), (2, 2), (1, 2), (1, 1)]
    assert svg_path(mapping(Polygon(square, [hole]))).count("M") == 2
    far = [(10, 10), (11, 10), (11, 11), (10, 10)]
    assert svg_path(mapping(MultiPolygon([Polygon(square), Polygon(far)]))).count("Z") == 2
    assert svg_path({"type": "Point", "coordinates": [0, 0]}) == ""
    repaired = {"type": "GeometryCollection", "geometries": [
        mapping(Polygon(square)), {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}]}
    assert svg_path(repaired) == svg_path(mapping(Polygon(square)))


def test_each_district_is_a_shape_in_the_colour_of_its_state(ctx: ExportContext) -> None:
    page = ctx.page
    colors = code_colors(ctx.theatre)
    for day in (0, CHANGE_DAY):
        _, shapes = vector_map(page, ctx.theatre, day, axes=("x3", "y3"))
        districts = shapes[1:]  # the city outline's fill comes first, under them
        assert len(districts) == len(page.district_ids)
        z = frame(page, day)["z"]
        assert [s["fillcolor"] for s in districts] == [colors[int(c)] for c in z]
        assert all(s["xref"] == "x3" and s["yref"] == "y3" for s in shapes)
    before = vector_map(page, ctx.theatre, 0)[1]
    after = vector_map(page, ctx.theatre, CHANGE_DAY)[1]
    assert before != after  # the synthetic west-bank change recolours three districts


def test_front_and_events_are_drawn_on_the_map_axes(ctx: ExportContext) -> None:
    day = ctx.page.events[0].day
    traces, _ = vector_map(ctx.page, ctx.theatre, day, axes=("x3", "y3"))
    by_name = {t.name: t for t in traces}
    front = by_name["Front line"]
    assert front.line.color == FRONT_COLOR and len(front.x) > 1
    assert len(by_name["Events"].x) == len(ctx.page.events[0].lon) >= 1
    assert {t.xaxis for t in traces} == {"x3"}
    late = vector_map(ctx.page, ctx.theatre, ctx.page.n_days - 1)[0]
    assert len({t.name: t for t in late}["Events"].x) == 0  # faded out


def test_layers_left_off_in_the_app_are_drawn_invisible(ctx: ExportContext) -> None:
    day = ctx.page.events[0].day
    traces, shapes = vector_map(ctx.page, ctx.theatre, day, layers=("districts",))
    visible = {t.name: t.visible for t in traces}
    assert visible == {"City outline": False, "Front line": False, "River": False,
                       "Bridges": False, "Event halos": False, "Events": False}
    assert shapes[0]["visible"] is False  # the city outline's fill is context
    assert all(s["visible"] for s in shapes[1:])
    everything = vector_map(ctx.page, ctx.theatre, day)[0]
    assert all(t.visible for t in everything)


def test_a_snapshot_names_the_layers_it_leaves_out(ctx: ExportContext) -> None:
    from exports.snapshot import snapshot_figure

    date = ctx.page.date_of(ctx.page.events[0].day)
    notes = " ".join(a.text for a in snapshot_figure(ctx, date, layers=(
        "districts", "front")).layout.annotations)
    assert "not shown: events, bridges, context" in notes
    assert "not shown" not in " ".join(a.text for a in snapshot_figure(ctx, date)
                                       .layout.annotations)
