"""District names: label points, search spellings, and their placement on exports.

The Mosul theatre and its districts are real; the placement checks use the exports'
fitted view of them, as a snapshot does.
"""

from __future__ import annotations

import pytest
from shapely.geometry import Point, Polygon

from exports.canvas import Box
from exports.name_layer import PlacedName, name_trace, place_names, text_width
from exports.vector_map import fit, merc_y, vector_map
from geodata.districts import build_districts
from geodata.theatre import load_theatre
from viewmodel.page_data import build_page_data
from viewmodel.place_names import PlaceName, label_point, names_json
from viewmodel.place_names import place_names as page_place_names

BOX = Box(0, 0, 800, 660)


@pytest.fixture(scope="module")
def names() -> tuple[PlaceName, ...]:
    theatre = load_theatre()
    return page_place_names(theatre, build_districts(theatre))


def test_a_label_point_lies_inside_even_a_crescent_district() -> None:
    # a C shape whose centroid falls in its mouth, outside the polygon
    crescent = Polygon([(0, 0), (10, 0), (10, 2), (2, 2), (2, 8), (10, 8), (10, 10), (0, 10)])
    assert not crescent.contains(crescent.centroid)
    assert crescent.contains(Point(label_point(crescent)))


def test_every_district_is_named_largest_first_and_inside_itself(names: tuple[PlaceName, ...]
                                                                  ) -> None:
    theatre = load_theatre()
    districts = build_districts(theatre)
    labelled = [p for p in names if p.labelled]
    assert len(labelled) == len(districts)
    areas = [p.area_km2 for p in labelled]
    assert areas == sorted(areas, reverse=True)
    geometry = dict(zip(districts["id"], districts.geometry, strict=True))
    for p in labelled:
        assert geometry[p.id].buffer(1e-6).contains(Point(p.lon, p.lat)), p.id
        minx, miny, maxx, maxy = p.bbox
        assert minx <= p.lon <= maxx and miny <= p.lat <= maxy


def test_search_spellings_hold_name_variants_and_arabic(names: tuple[PlaceName, ...]) -> None:
    by_id = {p.id: p for p in names}
    zirai = by_id["al-hay-al-zirai"]
    assert zirai.label == "al-Hay al-Zira'i"  # the bracketed note is not shown
    assert zirai.arabic == "الحي الزراعي"
    assert {"al-Hay al-Zira'i", "Hay al-Zeraie", "الحي الزراعي"} <= set(zirai.spellings)
    # landmarks and bridges can be searched, never labelled
    assert by_id["al-nuri-mosque"].labelled is False
    assert any(p.kind == "bridge" for p in names)
    cols = names_json(names)
    assert len(cols["id"]) == len(names) and cols["names"][0] == list(names[0].spellings)


def _px(view_x: tuple[float, float], view_y: tuple[float, float], n: PlacedName,
        size: float = 11) -> tuple[float, float, float, float]:
    sx = BOX.width / (view_x[1] - view_x[0])
    sy = BOX.height / (view_y[1] - view_y[0])
    x, y = (n.x - view_x[0]) * sx, (view_y[1] - n.y) * sy
    w = text_width(n.text, size)
    return x - w / 2, y - size / 2, x + w / 2, y + size / 2


def test_export_names_never_overlap_and_stay_inside_the_map(names: tuple[PlaceName, ...]
                                                            ) -> None:
    theatre = load_theatre()
    view = fit(tuple(build_districts(theatre).total_bounds), BOX)
    placed = place_names(names, view.x_range, view.y_range, BOX)
    assert len(placed) >= 30  # most of the city's 81 districts at a briefing page's size
    rects = [_px(view.x_range, view.y_range, n) for n in placed]
    for i, a in enumerate(rects):
        assert a[0] >= 0 and a[2] <= BOX.width and a[1] >= 0 and a[3] <= BOX.height
        for b in rects[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    # the largest district always keeps its name; a smaller map shows fewer names
    assert placed[0].place == next(p for p in names if p.labelled)
    small = Box(0, 0, 400, 330)
    view_small = fit(tuple(build_districts(theatre).total_bounds), small)
    assert len(place_names(names, view_small.x_range, view_small.y_range, small)) < len(placed)


def test_arabic_names_on_exports_when_asked(names: tuple[PlaceName, ...]) -> None:
    theatre = load_theatre()
    view = fit(tuple(build_districts(theatre).total_bounds), BOX)
    placed = place_names(names, view.x_range, view.y_range, BOX, arabic=True)
    assert placed and all(n.text == (n.place.arabic or n.place.label) for n in placed)


def test_the_vector_map_carries_the_names_and_hides_them_with_their_layer() -> None:
    theatre = load_theatre()
    districts = build_districts(theatre)
    page = build_page_data(theatre, districts, None, [])
    view = fit(tuple(districts.total_bounds), BOX)
    traces, _ = vector_map(page, theatre, 0, box=BOX, view=view)
    trace = traces[-1]
    assert trace.name == "District names" and trace.mode == "text"
    assert len(trace.text) >= 30 and trace.visible is True
    assert trace.y[0] == pytest.approx(merc_y(page.places[0].lat))
    hidden, _ = vector_map(page, theatre, 0, box=BOX, view=view, layers=("districts",))
    assert hidden[-1].visible is False
    without_view, _ = vector_map(page, theatre, 0)
    assert all(t.name != "District names" for t in without_view)
    assert name_trace([], ("x", "y")).mode == "text"


def test_an_export_in_arabic_names_the_map_in_arabic_and_nothing_else() -> None:
    """``names="ar"`` (the app's بالعربية, ``--names ar``): the map's name trace holds
    the Arabic names; the page's other texts and the shared context are untouched."""
    from exports.context import ExportContext
    from exports.snapshot import snapshot_figure
    from frontline.errors import ExportError
    from tests.unit.export_support import SYNTH_DATE, synthetic_context

    ctx: ExportContext = synthetic_context()
    arabic = ctx.named_in("ar")

    def shown(c: ExportContext) -> list[str]:
        fig = snapshot_figure(c, SYNTH_DATE)
        (trace,) = [t for t in fig.data if t.name == "District names"]
        return list(trace.text)

    english, in_arabic = shown(ctx), shown(arabic)
    assert "al-Maamel" in english and "حي المعامل" not in english
    assert "حي المعامل" in in_arabic and "al-Maamel" not in in_arabic
    assert arabic.page.district_names == ctx.page.district_names  # takeaways, tables
    assert ctx.named_in("en") is ctx and shown(ctx) == english
    with pytest.raises(ExportError, match="names must be one of en, ar"):
        ctx.named_in("fr")
