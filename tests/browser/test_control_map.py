"""The control map, time controls, chart and event list, in real headless Chromium.

Runs against the real app served on data built from ``seeds/`` (the al-Maamel report
of 2017-05-10). Waits are for state changes, never for a fixed animation frame.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any

import pytest

from dashboard import ids
from geodata.store import load_districts
from tests.browser.conftest import (
    GD,
    MAP,
    date_label,
    district_hover,
    district_z,
    go_to,
    layer_visible,
    map_points,
    open_page,
    trace,
    wait_date,
)
from viewmodel.figures import TRACE_DISTRICTS
from viewmodel.page_data import frame, load_page_data

pytestmark = pytest.mark.browser

GOVERNMENT_REPORTED = 0  # side code 0 * 4 + basis code 0
MAAMEL_QUOTE = "took over al-Maamel"


def assert_clean(pg: Any) -> None:
    assert pg.log.console_errors == []
    assert pg.log.page_errors == []
    assert pg.log.failed_requests == []
    assert pg.log.foreign_requests == []


def test_one_polygon_per_district_and_no_console_errors(page: Any) -> None:
    open_page(page)
    page.wait_for_timeout(1000)  # let late map errors (glyphs, tiles) surface
    n_features = page.evaluate(
        f"() => ({GD})('{ids.MAP}').data[{TRACE_DISTRICTS}].geojson.features.length")
    locations = trace(page, ids.MAP, TRACE_DISTRICTS, "locations")
    assert n_features == len(locations) == len(load_districts())
    assert len(set(locations)) == len(locations)
    assert "Approximate boundaries" in (page.text_content(f"#{ids.APPROX_NOTE}") or "")
    assert_clean(page)


def test_going_to_2017_05_11_colours_al_maamel_government(page: Any) -> None:
    open_page(page)
    assert district_z(page, "al-maamel") // 4 != 0  # ISIS-held when the battle opens
    go_to(page, "2017-05-11")
    page.wait_for_function(
        f"() => {MAP}.getFeatureState({{source: 'fl-districts', id: 'al-maamel'}}).code === 0")
    assert district_z(page, "al-maamel") == GOVERNMENT_REPORTED
    slider = page.locator(f"#{ids.SLIDER} [role=slider]")
    assert slider.get_attribute("aria-valuenow") == "206"
    assert "date=2017-05-11" in page.url
    assert_clean(page)


def test_play_advances_the_date_and_pause_stops_it(page: Any) -> None:
    open_page(page, "?date=2017-01-01")
    to_server: list[str] = []
    page.on("request", lambda r: to_server.append(r.url) if "_dash-update" in r.url else None)
    page.click(f"#{ids.PLAY}")
    # Play takes the day from the clock: on a busy machine it may skip a day, never stall.
    page.wait_for_function(
        f"() => document.getElementById('{ids.DATE_LABEL}').textContent.slice(0, 10)"
        " >= '2017-01-03'", timeout=30_000)
    assert to_server == []  # frames are drawn in the page, with no server round trip
    page.click(f"#{ids.PLAY}")
    page.wait_for_function(
        f"() => document.getElementById('{ids.PLAY}').textContent.includes('Play')")
    stopped = date_label(page)
    page.wait_for_timeout(1200)
    assert date_label(page) == stopped
    assert_clean(page)


def test_faster_speed_steps_more_days_per_frame(page: Any) -> None:
    open_page(page, "?date=2016-10-17")
    page.get_by_label("8×").check()
    page.evaluate(
        f"() => {{ window.seen = []; const el = document.getElementById('{ids.DATE_LABEL}');"
        " new MutationObserver(() => window.seen.push(el.textContent.slice(0, 10)))"
        ".observe(el, {childList: true, characterData: true, subtree: true}); }")
    page.click(f"#{ids.PLAY}")
    page.wait_for_function(
        f"() => document.getElementById('{ids.DATE_LABEL}').textContent.slice(0, 10)"
        " >= '2016-10-29'", timeout=15_000)
    page.click(f"#{ids.PLAY}")
    seen = [dt.date.fromisoformat(d) for d in page.evaluate("() => window.seen")]
    steps = [(b - a).days for a, b in itertools.pairwise(seen)]
    # The player takes the day from the clock (16 days a second at 8x): it may skip
    # days a slow frame could not draw, and never goes back.
    assert seen and all(s >= 0 for s in steps), steps
    assert_clean(page)


def test_chart_cursor_follows_the_slider(page: Any) -> None:
    open_page(page)
    for iso in ("2016-12-01", "2017-05-11"):
        go_to(page, iso)
        page.wait_for_function(
            f"(iso) => ({GD})('{ids.CHART}').layout.shapes[0].x0 === iso", arg=iso)
    slider = page.locator(f"#{ids.SLIDER} [role=slider]")
    slider.focus()
    slider.press("ArrowRight")
    wait_date(page, "2017-05-12")
    page.wait_for_function(
        f"() => ({GD})('{ids.CHART}').layout.shapes[0].x0 === '2017-05-12'")


def test_clicking_a_chart_point_moves_the_slider_and_shows_its_quote(page: Any) -> None:
    open_page(page)
    point = page.locator(f"#{ids.CHART} .scatterlayer .trace .points path").first
    point.wait_for()
    target = page.evaluate(
        f"() => {{ const gd = ({GD})('{ids.CHART}');"
        " const t = gd.data.find(d => d.mode === 'markers');"
        " return t.text[0].match(/\\((\\d{4}-\\d{2}-\\d{2})\\)/)[1]; }")
    point.click(force=True)
    wait_date(page, target)  # the point's own date (its x may be set off a piled day)
    quote = page.locator(f"#{ids.CHART_QUOTE}")
    assert "“" in (quote.text_content() or "")
    assert_clean(page)


def test_url_date_opens_there(page: Any) -> None:
    open_page(page, "?date=2016-11-05")
    wait_date(page, "2016-11-05")
    assert page.locator(f"#{ids.SLIDER} [role=slider]").get_attribute("aria-valuenow") == "19"
    assert (page.text_content(f"#{ids.URL_NOTICE}") or "") == ""


@pytest.mark.parametrize(("query", "expected"), [
    ("?date=2020-01-01", "2017-07-21"),
    ("?date=2015-02-30", "2016-10-17"),
    ("?date=not-a-date", "2016-10-17"),
    ("?date=2016-11-31", "2016-11-30"),
])
def test_bad_url_date_falls_back_with_a_notice(page: Any, query: str, expected: str) -> None:
    open_page(page, query)
    wait_date(page, expected)
    assert "showing" in (page.text_content(f"#{ids.URL_NOTICE}") or "")
    assert_clean(page)


def test_go_to_a_date_outside_the_battle_says_which_date_it_shows(page: Any) -> None:
    open_page(page, "?date=2017-01-01")
    box = page.locator(f"#{ids.DATE_INPUT}")
    box.fill("2019-01-01")
    box.press("Enter")
    wait_date(page, "2017-07-21")
    assert "No data for 2019-01-01" in (page.text_content(f"#{ids.URL_NOTICE}") or "")
    go_to(page, "2017-05-11")
    assert (page.text_content(f"#{ids.URL_NOTICE}") or "") == ""


def test_event_hover_contains_its_quote(page: Any) -> None:
    open_page(page, "?date=2017-05-10")
    page.wait_for_function(
        f"async () => (await {MAP}.getSource('fl-events').getData()).features.length > 0")
    points = map_points(page)
    texts = [p["hover"] for p in points]
    assert any(MAAMEL_QUOTE in t for t in texts)
    # Hover the marker for real: MapLibre projects its point to pixels.
    index = next(i for i, t in enumerate(texts) if MAAMEL_QUOTE in t)
    xy = page.evaluate(
        f"([lon, lat]) => {{ const m = {MAP}; const p = m.project([lon, lat]);"
        " const r = m.getCanvas().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }",
        [points[index]["lon"], points[index]["lat"]])
    # The analyst chronology dates al-Maamel's capture too, so markers may share the
    # point: the hover shows one of them, and it must carry that marker's own quote.
    here = [p["hover"] for p in points
            if (p["lon"], p["lat"]) == (points[index]["lon"], points[index]["lat"])]
    quotes = [m.group(1) for t in here if (m := re.search(r"“([^”<]{10,40})", t))]
    assert len(quotes) == len(here)
    page.mouse.move(xy[0] + 1, xy[1] + 1)
    page.mouse.move(xy[0], xy[1])
    page.wait_for_function(
        f"(qs) => Array.from(document.querySelectorAll('#{ids.MAP} .fl-map-hover'))"
        ".some(n => n.style.display !== 'none' && qs.some(q => n.textContent.includes(q)))",
        arg=quotes, timeout=10_000)


def test_event_list_shows_quotes_and_click_highlights_the_place(page: Any) -> None:
    open_page(page, "?date=2017-05-11")
    item = page.locator(f"#{ids.EVENT_LIST} button").filter(has_text=MAAMEL_QUOTE).first
    item.wait_for()
    assert "Iraqi News" in (item.text_content() or "")
    assert map_points(page, "ring") == []
    item.click()
    page.wait_for_function(
        f"async () => (await {MAP}.getSource('fl-ring').getData()).features.length > 0")
    assert "fl-selected" in (item.get_attribute("class") or "") or page.locator(
        f"#{ids.EVENT_LIST} .fl-selected").count() == 1
    page.get_by_label("Events").uncheck()  # the ring goes with the events layer
    page.wait_for_function(
        f"() => {MAP}.getLayoutProperty('fl-event-ring', 'visibility') === 'none'")


def test_keyboard_arrows_and_change_buttons(page: Any) -> None:
    open_page(page, "?date=2017-05-01")
    page.locator("body").press("ArrowRight")
    wait_date(page, "2017-05-02")
    page.locator("body").press("ArrowLeft")
    wait_date(page, "2017-05-01")
    page.locator("body").press("Shift+ArrowRight")
    page.wait_for_function(
        f"() => document.getElementById('{ids.DATE_LABEL}').textContent.slice(0, 10)"
        " > '2017-05-01'")
    changed_on = date_label(page)
    assert district_z(page, "al-maamel") == GOVERNMENT_REPORTED or changed_on <= "2017-05-10"


def test_layers_and_known_on_live_in_the_url(page: Any) -> None:
    open_page(page, "?date=2017-05-11")
    page.get_by_label("Events").uncheck()
    page.wait_for_function(
        f"() => {MAP}.getLayoutProperty('fl-event-dot', 'visibility') === 'none'")
    assert not layer_visible(page, "fl-event-halo")
    page.get_by_label("As known on the date", exact=False).check()
    page.wait_for_function("() => window.location.search.includes('known=1')")
    assert "layers=" in page.url and "events" not in page.url.split("layers=")[1].split("&")[0]
    url = page.url
    open_page(page, url[len(page.base_url):])
    wait_date(page, "2017-05-11")
    assert "as known" in (page.text_content(f"#{ids.DATE_LABEL}") or "")
    assert page.get_by_label("Events").is_checked() is False
    hover = district_hover(page, "al-maamel")
    assert "government (reported)" in hover and "since 2017-05-10 (as known then)" in hover
    assert "“" in hover and ", 2017-05-1" in hover  # a quote, with its source and date


def test_browser_frame_matches_the_python_frame(page: Any, data_env: dict[str, str]) -> None:
    """The JS twin of ``page_data.frame`` draws exactly what the exports draw."""
    expected = load_page_data(data_dir=Path(data_env["FRONTLINE_DATA_DIR"]))
    open_page(page)
    page.wait_for_function("() => !!window.dash_clientside.frontline.pageData")
    for day in (0, 100, 206, expected.n_days - 1):
        for known in (False, True):
            got = page.evaluate(
                "([d, k]) => { const f = window.dash_clientside.frontline;"
                " return f.frame(f.pageData, d, k); }", [day, known])
            want = frame(expected, day, known)
            assert got["z"] == want["z"] and got["text"] == want["text"]
            assert got["front"] == want["front"]
            assert got["events"] == [[i, o] for i, o in want["events"]]
    hovers = page.evaluate(
        "(n) => { const f = window.dash_clientside.frontline; const out = [];"
        " for (let i = 0; i < n; i++) { out.push(f.eventHover(f.pageData, i)); }"
        " return out; }", len(expected.events))
    assert hovers == [e.hover for e in expected.events]


def test_known_on_chart_shows_only_figures_published_by_then(page: Any) -> None:
    open_page(page, "?date=2017-01-24&known=1")
    wait_date(page, "2017-01-24")
    chart = f"({GD})('{ids.CHART}')"
    page.wait_for_function(f"() => {chart}.data.some(t => t.mode === 'lines' && !t.visible)")
    data = page.evaluate("() => window.dash_clientside.frontline.pageData")
    day = data["dates"].index("2017-01-24")
    traces = page.evaluate(f"() => {chart}.data.map(t => [t.mode, t.y, t.visible])")
    points = traces[:len(data["chart_points"])]
    shown = [i for members, (_, ys, _) in zip(data["chart_points"], points, strict=True)
             for i, y in zip(members, ys, strict=True) if y is not None]
    assert shown and all(data["figures"][i]["pub"] <= day for i in shown)
    assert len(shown) < len(data["figures"])  # later reports are not known yet
    assert all(visible is False for mode, _, visible in traces if mode == "lines")
    page.get_by_label("As known on the date", exact=False).uncheck()
    page.wait_for_function(f"() => {chart}.data.every(t => t.visible !== false)")
    ys = page.evaluate(f"() => {chart}.data.filter(t => t.mode === 'markers').map(t => t.y)")
    assert all(y is not None for trace_ys in ys for y in trace_ys)


def test_at_1024x600_the_city_fits_the_map_and_the_controls_fit_the_row(page: Any) -> None:
    page.set_viewport_size({"width": 1024, "height": 600})
    open_page(page, "?date=2017-05-11")
    data = page.evaluate("() => window.dash_clientside.frontline.pageData")
    page.wait_for_function(f"() => !!({GD})('{ids.MAP}')._fullLayout.map._subplot")
    page.wait_for_timeout(500)
    view = page.evaluate(f"() => ({GD})('{ids.MAP}')._fullLayout.map._subplot.map"
                         ".getBounds().toArray().flat()")
    minx, miny, maxx, maxy = data["bounds"]
    assert view[0] <= minx and view[1] <= miny and view[2] >= maxx and view[3] >= maxy
    right = page.evaluate(f"() => document.getElementById('{ids.DATE_INPUT}')"
                          ".getBoundingClientRect().right")
    assert right <= 1024
    play = page.locator(f"#{ids.PLAY}").bounding_box()
    assert play is not None and play["height"] < 40  # one line, not wrapped
