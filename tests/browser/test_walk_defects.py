"""Defects an analyst found walking the page (issue 17), each in real headless Chromium:
keys after a checkbox click, the player's icons, impossible dates, unreadable address
parameters, the slider's labels at 1024 px and the map hover near the river.

Runs against the real app on data built from ``seeds/``; waits are for state changes.
"""

from __future__ import annotations

import io
import math
from typing import Any

import numpy as np
import pytest
from PIL import Image

from dashboard import ids
from tests.browser.conftest import GD, date_label, layer_visible, open_page, trace, wait_date
from viewmodel.figures import TRACE_BRIDGES

pytestmark = pytest.mark.browser


def assert_clean(pg: Any) -> None:
    assert pg.log.console_errors == [] and pg.log.page_errors == []
    assert pg.log.failed_requests == [] and pg.log.foreign_requests == []


def playing(pg: Any) -> bool:
    return "Pause" in (pg.text_content(f"#{ids.PLAY}") or "")


def known_on(pg: Any) -> bool:
    return bool(pg.is_checked(f"#{ids.KNOWN_ON} input[type=checkbox]"))


def test_after_a_checkbox_click_arrows_step_and_space_plays(page: Any) -> None:
    open_page(page, "?date=2017-01-10")
    page.get_by_label("As known on the date").click()  # focus is now on the checkbox
    page.wait_for_function(f"() => document.getElementById('{ids.DATE_LABEL}')"
                           ".textContent.includes('as known')")
    page.keyboard.press("ArrowRight")
    wait_date(page, "2017-01-11")
    page.keyboard.press("Shift+ArrowLeft")  # previous change of control
    page.wait_for_function(f"() => !document.getElementById('{ids.DATE_LABEL}')"
                           ".textContent.startsWith('2017-01-11')")
    assert date_label(page) < "2017-01-11"
    page.get_by_label("Bridges").click()  # a layer box too, and Space after it
    page.keyboard.press(" ")
    page.wait_for_function(f"() => document.getElementById('{ids.PLAY}')"
                           ".textContent.includes('Pause')")
    assert known_on(page)  # Space played: it did not switch "as known on" off
    assert not page.is_checked(f"#{ids.LAYERS} input[value=bridges]")  # the click's own
    page.keyboard.press(" ")
    page.wait_for_function(f"() => document.getElementById('{ids.PLAY}')"
                           ".textContent.includes('Play')")
    assert known_on(page)
    assert_clean(page)


def test_a_checkbox_reached_with_tab_keeps_space(page: Any) -> None:
    """A keyboard user who tabs to a box still toggles it with Space."""
    open_page(page, "?date=2017-01-10")
    box = page.get_by_label("As known on the date")
    box.click()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # back on the box, now by keyboard
    assert page.evaluate("() => document.activeElement.matches(':focus-visible')")
    page.keyboard.press(" ")
    page.wait_for_function(f"() => !document.getElementById('{ids.DATE_LABEL}')"
                           ".textContent.includes('as known')")
    assert not known_on(page) and not playing(page)
    page.keyboard.press("ArrowRight")  # the arrows still step the day
    wait_date(page, "2017-01-11")
    assert_clean(page)


def dark_pixels(png: bytes) -> int:
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=int)
    return int((rgb < 100).sum())


def test_the_player_icons_are_drawn_not_taken_from_a_font(page: Any) -> None:
    """A missing glyph shows as a box: the buttons hold no character a font may lack, and
    the drawn icon has ink (a screenshot of it is not blank)."""
    open_page(page, "?date=2017-01-10")
    controls = page.evaluate(
        "() => [...document.querySelectorAll('.fl-controls button')].map(b => b.textContent)")
    assert all(ord(ch) < 0x100 for text in controls for ch in text), controls
    play = page.locator(f"#{ids.PLAY} .fl-icon-play")
    assert dark_pixels(play.screenshot()) > 20
    page.click(f"#{ids.PLAY}")
    pause = page.locator(f"#{ids.PLAY} .fl-icon-pause")
    pause.wait_for()
    assert (page.text_content(f"#{ids.PLAY}") or "").strip() == "Pause"
    box = pause.bounding_box()
    assert box and box["width"] >= 8 and box["height"] >= 8
    shot = np.asarray(Image.open(io.BytesIO(pause.screenshot())).convert("L"), dtype=int)
    dark = shot < 100
    assert dark.sum() > 20
    # two bars: a column without ink between two columns with ink
    ink = dark.any(axis=0)
    assert ink[0] and ink[-1] and not ink[len(ink) // 2]
    page.click(f"#{ids.PLAY}")
    assert_clean(page)


def test_an_impossible_date_names_the_month_and_the_box_follows_the_map(page: Any) -> None:
    open_page(page, "?date=2017-01-10")
    box = page.locator(f"#{ids.DATE_INPUT}")
    box.fill("2017-02-30")
    box.press("Enter")
    wait_date(page, "2017-02-28")
    notice = page.text_content(f"#{ids.URL_NOTICE}") or ""
    assert notice == "February 2017 has 28 days; showing 2017-02-28."
    assert box.input_value() == "2017-02-28"
    box.fill("next tuesday")
    box.press("Enter")
    page.wait_for_function(f"() => document.getElementById('{ids.URL_NOTICE}')"
                           ".textContent.includes('still showing 2017-02-28')")
    assert box.input_value() == "2017-02-28"  # not left beside a map of another day
    assert date_label(page) == "2017-02-28"
    page.click(f"#{ids.NEXT_DAY}")  # the day moves on: the notice no longer holds
    wait_date(page, "2017-03-01")
    assert (page.text_content(f"#{ids.URL_NOTICE}") or "") == ""
    assert_clean(page)


def test_an_unknown_layer_in_the_address_is_named_and_the_map_not_blank(page: Any) -> None:
    open_page(page, "?date=2017-01-10&layers=foo&known=yes")
    page.wait_for_function(f"() => document.getElementById('{ids.URL_NOTICE}')"
                           ".textContent.includes('No map layer named foo')")
    assert layer_visible(page, "fl-district-fill")
    assert page.is_checked(f"#{ids.LAYERS} input[value=districts]")
    assert known_on(page)  # known=yes is read as yes
    assert "as known" in (page.text_content(f"#{ids.DATE_LABEL}") or "")
    assert_clean(page)


def overlaps(boxes: list[dict[str, float]], gap: float = 4) -> list[tuple[int, int]]:
    return [(i, i + 1) for i in range(len(boxes) - 1)
            if boxes[i]["x"] + boxes[i]["width"] + gap > boxes[i + 1]["x"]]


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1280, 800), (1440, 900)])
def test_the_slider_labels_never_run_into_each_other(page: Any, width: int,
                                                      height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, "?date=2017-02-28")
    marks = page.locator(f"#{ids.SLIDER} .dash-slider-mark")
    boxes = [marks.nth(i).bounding_box() for i in range(marks.count())]
    assert len(boxes) >= 8 and all(boxes)
    assert overlaps(boxes) == [], [marks.nth(i).text_content() for i in range(marks.count())]
    assert_clean(page)


# Plotly's hover label (the bridges), or the map's own (districts and events, drawn
# through MapLibre by assets/mapview.js) while it is shown.
HOVER = ".hoverlayer .hovertext, .fl-map-hover:not([style*='display: none'])"


def hover_text(pg: Any, x: float, y: float) -> str:
    pg.mouse.move(x, y)
    pg.wait_for_timeout(120)
    texts = pg.eval_on_selector_all(HOVER, "els => els.map(e => e.textContent)")
    return " | ".join(texts)


def test_hovering_beside_a_bridge_shows_the_district(page: Any) -> None:
    """Plotly's default 20 px hover reach let a bridge win over the district under the
    pointer along the whole river; the bridge now wins only on its marker."""
    page.set_viewport_size({"width": 1024, "height": 768})
    open_page(page, "?date=2017-01-10")
    names = trace(page, ids.MAP, TRACE_BRIDGES, "hovertext")
    lons = trace(page, ids.MAP, TRACE_BRIDGES, "lon")
    lats = trace(page, ids.MAP, TRACE_BRIDGES, "lat")
    points = page.evaluate(
        "([gd, lons, lats]) => { const el = (" + GD + ")(gd);"
        " const m = el._fullLayout.map._subplot.map;"
        " const r = el.querySelector('canvas.maplibregl-canvas').getBoundingClientRect();"
        " return lons.map((lon, i) => { const p = m.project([lon, lats[i]]);"
        " return [r.left + p.x, r.top + p.y, p.x > 20 && p.y > 20 && p.x < r.width - 20"
        " && p.y < r.height - 20]; }); }", [ids.MAP, lons, lats])
    shown = [(name, x, y) for name, (x, y, inside) in zip(names, points, strict=True) if inside]
    assert shown, "no bridge on the map"
    checked = 0
    for name, x, y in shown[:3]:
        bridge = name.split("<br>")[0].replace("<b>", "").replace("</b>", "")
        assert bridge in hover_text(page, x, y)  # on the marker: the bridge
        for angle in range(0, 360, 45):
            dx, dy = 14 * math.cos(math.radians(angle)), 14 * math.sin(math.radians(angle))
            text = hover_text(page, x + dx, y + dy)
            assert bridge not in text, (bridge, angle)
            checked += bool(text)
    assert checked > 0  # beside the bridges the districts answered
    assert_clean(page)


@pytest.mark.slow
def test_the_deck_job_says_what_it_does_from_the_first_second(page: Any) -> None:
    """The bar sat at 0 for about 9 s with no word: the step text shows at once, and
    until the first page is rendered the bar has no value (the browser's busy bar)."""
    open_page(page, "?date=2017-01-24")
    page.fill(f"#{ids.DECK_DATES}", "2017-01-24")
    page.press(f"#{ids.DECK_DATES}", "Enter")
    step = page.locator(f"#{ids.DECK_STEP}")
    with page.expect_download(timeout=120_000):
        page.click(f"#{ids.DECK_BUTTON}")
        page.wait_for_function(f"() => document.getElementById('{ids.DECK_STEP}')"
                               ".textContent.length > 0", timeout=1500)
        seen = {step.text_content()}
        page.wait_for_function(f"() => document.getElementById('{ids.DECK_STEP}')"
                               ".textContent.startsWith('Drawing')", timeout=30_000)
        seen.add(step.text_content())
        assert page.locator(f"#{ids.DECK_PROGRESS}").get_attribute("value") is None
    assert any(text and "Starting" in text for text in seen) or any(
        text and "Drawing" in text for text in seen)
    assert "Deck ready" in (page.text_content(f"#{ids.DECK_STATUS}") or "")
    assert page.log.page_errors == []
