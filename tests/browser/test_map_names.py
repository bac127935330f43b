"""District names over the map and the place search, in real Chromium on the Mosul data.

Names are HTML over the MapLibre map (assets/labels.js): they must be legible (never on
top of each other), grow in number as the reader zooms in, follow the names layer and
the language switch (Arabic right to left), and need nothing from the network. The
search finds a place by a variant or its Arabic name, moves the map there and rings it.
Screenshots at 1440x900 and 1024x768 are written to the test's folder for a person to
look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dashboard import ids
from tests.browser.conftest import open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NAMES = f"#{ids.NAME_LAYER} .fl-name"
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screens"


def wait_names(pg: Any, at_least: int = 1) -> None:
    """Wait until ``at_least`` names are drawn and shown (a page still laying itself out
    under load may hold them in a box of no size for a moment)."""
    pg.wait_for_function(f"(n) => Array.from(document.querySelectorAll('{NAMES}'))"
                         ".filter(e => e.getBoundingClientRect().width > 0).length >= n",
                         arg=at_least, timeout=20_000)


def settled_boxes(pg: Any, at_least: int = 1) -> list[dict[str, Any]]:
    """The names seen once the map stands still with ``at_least`` of them shown: under
    load the map may still be fitting the city when the first names appear, and the
    names are placed again (hidden a moment) when it stops."""
    for _ in range(5):
        pg.wait_for_function(
            f"(n) => {{ const m = window.frontline.mapInstance();"
            f" return m && m.loaded() && !m.isMoving() &&"
            f" Array.from(document.querySelectorAll('{NAMES}'))"
            f".filter(e => e.getBoundingClientRect().width > 0).length >= n; }}",
            arg=at_least, timeout=20_000)
        boxes = name_boxes(pg)
        if len(boxes) >= at_least:
            return boxes
    raise AssertionError(f"fewer than {at_least} names stayed shown on a still map")


def name_boxes(pg: Any) -> list[dict[str, Any]]:
    """The names a person sees (a name being hidden has no box)."""
    return pg.eval_on_selector_all(NAMES, """els => els.map(e => {
        const r = e.getBoundingClientRect();
        return {text: e.textContent, x0: r.left, x1: r.right, y0: r.top, y1: r.bottom,
                dir: e.dir, lang: e.lang, w: r.width};
    }).filter(b => b.w > 0)""")


def overlapping(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]:
                out.append((a["text"], b["text"]))
    return out


def zoom_by(pg: Any, delta: float) -> None:
    pg.evaluate("(d) => { const m = window.frontline.mapInstance();"
                " m.jumpTo({zoom: m.getZoom() + d}); }", delta)
    pg.wait_for_timeout(400)


def assert_clean(pg: Any) -> None:
    assert pg.log.console_errors == []
    assert pg.log.page_errors == []
    assert pg.log.foreign_requests == []


@pytest.mark.parametrize("sized", [(1440, 900), (1024, 768)], indirect=True)
def test_names_are_legible_and_more_appear_as_one_zooms_in(sized: Any) -> None:
    pg = sized
    open_page(pg, "?date=2017-01-20")
    far = settled_boxes(pg, 5)
    assert overlapping(far) == []
    frame = pg.locator(f"#{ids.MAP_FRAME}").bounding_box()
    for box in far:  # every name inside the map, none cut by its edge
        assert frame["x"] <= box["x0"] and box["x1"] <= frame["x"] + frame["width"]
    width = pg.viewport_size["width"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"names-{width}.png"))
    # zoomed out the whole city still shows, with fewer names; back in, more return
    zoom_by(pg, -1.3)
    out = settled_boxes(pg, 1)
    assert 1 <= len(out) < len(far), (len(out), len(far))
    assert overlapping(out) == []
    zoom_by(pg, 1.3)
    assert len(settled_boxes(pg, len(far))) == len(far)  # back where it was: the same
    assert_clean(pg)


def test_the_names_layer_hides_and_shows_the_names(page: Any) -> None:
    open_page(page, "?layers=districts,front")
    page.wait_for_timeout(800)
    assert page.locator(NAMES).count() == 0  # not asked for in the address
    page.get_by_label("Names", exact=True).check()
    wait_names(page, 3)
    assert "names" in page.url  # the choice is in the shareable address
    page.get_by_label("Names", exact=True).uncheck()
    page.wait_for_function(f"() => document.querySelectorAll('{NAMES}').length === 0")
    assert_clean(page)


def test_arabic_names_read_right_to_left(page: Any) -> None:
    open_page(page)
    wait_names(page, 3)
    page.get_by_label("بالعربية").check()
    page.wait_for_function(f"() => document.querySelector('{NAMES}[dir=rtl]') !== null")
    boxes = name_boxes(page)
    arabic = [b for b in boxes if b["dir"] == "rtl"]
    assert len(arabic) >= 3
    assert all(b["lang"] == "ar" for b in arabic)
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in b["text"]) for b in arabic)
    assert overlapping(boxes) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "names-arabic.png"))
    assert_clean(page)


def map_centre(pg: Any) -> tuple[float, float]:
    c = pg.evaluate("() => window.frontline.mapInstance().getCenter()")
    return c["lng"], c["lat"]


def test_search_finds_a_variant_moves_the_map_and_rings_the_place(page: Any) -> None:
    open_page(page)
    box = page.locator(f"#{ids.PLACE_SEARCH}")
    box.fill("zeraie")  # a variant: "Hay al-Zeraie" for al-Hay al-Zira'i
    results = page.locator(f"#{ids.PLACE_RESULTS} .fl-place")
    results.first.wait_for(timeout=10_000)
    texts = results.all_text_contents()
    assert any(t.startswith("al-Hay al-Zira'i") for t in texts), texts
    page.locator(f"#{ids.PLACE_RESULTS} .fl-place",
                 has_text="al-Hay al-Zira'i").first.click()
    ring = page.locator(f"#{ids.NAME_LAYER} .fl-place-ring")
    ring.wait_for(timeout=10_000)
    assert ring.get_attribute("data-place") == "al-hay-al-zirai"
    lon, lat = map_centre(page)
    assert abs(lon - 43.145) < 0.02 and abs(lat - 36.357) < 0.02, (lon, lat)
    assert page.evaluate("() => window.frontline.mapInstance().getZoom()") > 13
    # the ring sits on the place's label point, inside the map
    frame = page.locator(f"#{ids.MAP_FRAME}").bounding_box()
    r = ring.bounding_box()
    assert frame["x"] < r["x"] < frame["x"] + frame["width"]
    assert page.locator(f"#{ids.PLACE_RESULTS} .fl-place").count() == 0  # the list closed
    page.screenshot(path=str(SHOTS / "search-ring.png"))
    assert_clean(page)


def test_search_by_arabic_name_and_enter_takes_the_best_match(page: Any) -> None:
    open_page(page)
    box = page.locator(f"#{ids.PLACE_SEARCH}")
    box.fill("الإصلاح الزراعي")
    page.locator(f"#{ids.PLACE_RESULTS} .fl-place").first.wait_for(timeout=10_000)
    assert "al-Islah al-Zira'i" in page.locator(f"#{ids.PLACE_RESULTS}").inner_text()
    box.press("Enter")
    ring = page.locator(f"#{ids.NAME_LAYER} .fl-place-ring")
    ring.wait_for(timeout=10_000)
    assert ring.get_attribute("data-place") == "al-islah-al-zirai"
    box.fill("nowhere-at-all")
    page.wait_for_function(f"() => (document.getElementById('{ids.PLACE_RESULTS}')"
                           ".textContent || '').includes('No place named')")
    # moving on folds the list away (it covered the map's top); back in the box, it returns
    listing = page.locator(f"#{ids.PLACE_RESULTS}")
    assert listing.is_visible()
    page.locator(f"#{ids.TITLE}").click()
    page.mouse.move(5, 5)
    listing.wait_for(state="hidden", timeout=10_000)
    box.focus()
    listing.wait_for(state="visible", timeout=10_000)
    assert_clean(page)
