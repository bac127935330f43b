"""The event timeline panel in real Chromium on the Mosul data: every event, text search,
filters (kind, actor, side, status, source, dates), the count, clicks that move the map,
filters in the shareable address, and the CSV of the filtered list.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from dashboard import ids
from tests.browser.conftest import MAP, choose, date_label, map_points, open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screens"
COUNT = f"#{ids.TL_COUNT}"
ITEMS = f"#{ids.TL_LIST} button.fl-event"


def count_text(pg: Any) -> str:
    return str(pg.text_content(COUNT) or "")


def matches(pg: Any) -> int:
    return int(count_text(pg).split(" of ")[0])


def total(pg: Any) -> int:
    return int(count_text(pg).split(" of ")[1].split()[0])


def wait_count(pg: Any, test: str) -> None:
    pg.wait_for_function(f"() => {{ const t = document.querySelector('{COUNT}').textContent;"
                         f" const n = parseInt(t); return t && ({test}); }}", timeout=15_000)


def assert_clean(pg: Any) -> None:
    assert pg.log.console_errors == []
    assert pg.log.page_errors == []
    assert pg.log.foreign_requests == []


def test_every_event_is_listed_and_text_search_narrows_it(page: Any) -> None:
    open_page(page, "?date=2016-11-01")
    wait_count(page, "n > 100")
    everything = matches(page)
    assert everything == total(page)  # all of the battle, not only the window
    assert page.locator(ITEMS).count() >= 100
    box = page.locator(f"#{ids.TL_TEXT}")
    box.fill("Federal Police")
    box.press("Enter")
    wait_count(page, f"n < {everything} && n > 0")
    heads = page.locator(ITEMS).all_text_contents()
    assert heads and all("federal police" in h.lower() for h in heads)
    assert "q=Federal+Police" in page.url or "q=Federal%20Police" in page.url
    assert_clean(page)


def test_filters_combine_and_live_in_the_address(page: Any) -> None:
    open_page(page, "?date=2017-03-01")
    wait_count(page, "n > 100")
    everything = matches(page)
    choose(page, ids.TL_ACTOR, "Counter-Terrorism", "Counter-Terrorism Service", exact=True)
    wait_count(page, f"n < {everything}")
    cts = matches(page)
    assert cts > 10
    assert all("Counter-Terrorism Service" in t for t in page.locator(ITEMS).all_text_contents())
    choose(page, ids.TL_KIND, "capture", "capture", exact=True)
    wait_count(page, f"n < {cts} && n > 0")
    choose(page, ids.TL_STATUS, "claimed", "claimed", exact=True)
    both = page.locator(f"#{ids.TL_FROM}")
    both.fill("2017-01-01")
    both.press("Enter")
    page.locator(f"#{ids.TL_TO}").fill("2017-03-31")
    page.locator(f"#{ids.TL_TO}").press("Enter")
    page.wait_for_function("() => location.search.includes('to=2017-03-31')")
    narrowed = matches(page)
    for head in page.locator(f"{ITEMS} .fl-event-head").all_text_contents():
        assert " · capture (claimed) · " in head and "2017-01" <= head[:10] <= "2017-03-31"
    url = page.url
    for part in ("actor=Counter-Terrorism+Service", "kind=capture", "status=claimed",
                 "from=2017-01-01", "date=2017-03-01"):
        assert part in url, (part, url)
    # the same address on a fresh page: the same filters, the same count
    open_page(page, url[len(page.base_url):])
    wait_count(page, f"n === {narrowed}")
    assert page.locator(f"#{ids.TL_ACTOR}").inner_text().count("Counter-Terrorism Service") == 1
    assert_clean(page)


def test_a_bad_date_or_unknown_value_in_the_address_is_named(page: Any) -> None:
    open_page(page, "?from=5%20Jan&kind=parade")
    page.wait_for_function(f"() => document.querySelector('{COUNT}').textContent"
                           ".includes('ignored')")
    assert "“5 Jan”" in count_text(page)
    note = str(page.text_content(f"#{ids.TL_NOTE}"))
    assert "kind “parade”" in note and "left out" in note


def test_clicking_an_event_moves_the_map_to_its_date_and_rings_it(page: Any) -> None:
    open_page(page, "?date=2016-11-01")
    page.locator(f"#{ids.TL_TEXT}").fill("al-Maamel")
    page.locator(f"#{ids.TL_TEXT}").press("Enter")
    wait_count(page, "n > 0")
    item = page.locator(ITEMS).first
    head = str(item.locator(".fl-event-head").text_content())
    item.click()
    page.wait_for_function(
        f"(iso) => document.getElementById('{ids.DATE_LABEL}').textContent.startsWith(iso)",
        arg=head[:10], timeout=10_000)
    page.wait_for_function(
        f"async () => (await {MAP}.getSource('fl-ring').getData()).features.length > 0")
    ring = map_points(page, "ring")
    assert ring and all(43.0 < p["lon"] < 43.3 for p in ring)
    # drawn as a deep magenta stroke over a white edge (seen on the darkest fill too)
    edge = page.evaluate(
        f"() => {MAP}.getPaintProperty('fl-event-ring-edge', 'circle-stroke-color')")
    assert str(edge).upper() == "#FFFFFF"
    assert page.locator(f"#{ids.TL_LIST} .fl-selected").count() == 1
    assert page.text_content(f"#{ids.TL_NOTE}") == ""
    assert_clean(page)


def test_an_event_with_no_place_on_the_map_says_so(page: Any) -> None:
    open_page(page, "?date=2017-03-01&q=Albu+Saif")
    wait_count(page, "n > 0")
    page.locator(ITEMS).first.click()
    page.wait_for_function(f"() => document.getElementById('{ids.TL_NOTE}').textContent"
                           ".includes('no place on the map')")
    assert "Albu Saif" in str(page.text_content(f"#{ids.TL_NOTE}"))
    assert date_label(page) == "2017-02-20"


def test_the_filtered_list_downloads_as_csv(page: Any, tmp_path: Path) -> None:
    open_page(page, "?date=2017-03-01&actor=Federal+Police&status=reported")
    wait_count(page, "n > 0")
    expected = matches(page)
    heads = page.locator(f"{ITEMS} .fl-event-head").all_text_contents()
    with page.expect_download(timeout=60_000) as info:
        page.locator(f"#{ids.TL_CSV}").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name.endswith("-events.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert len(rows) == expected
    assert {r["actor"] for r in rows} == {"Federal Police"}
    assert {r["status"] for r in rows} == {"reported"}
    assert [r["date"] for r in rows][:5] == [h[:len(r["date"])] for h, r in zip(heads, rows,
                                                                                  strict=False)][:5]
    assert all(r["quote"] and r["source"] for r in rows)
    assert_clean(page)


@pytest.mark.parametrize("sized", [(1440, 900), (1024, 768)], indirect=True)
def test_the_panel_at_both_sizes(sized: Any) -> None:
    pg = sized
    open_page(pg, "?date=2017-01-20&kind=capture")
    wait_count(pg, "n > 0")
    pg.locator(f"#{ids.TIMELINE}").scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"timeline-{pg.viewport_size['width']}.png"))
    panel = pg.locator(f"#{ids.TIMELINE}").bounding_box()
    assert panel["width"] >= 380  # the filters have room at 1024 px too
    assert_clean(pg)


def test_the_windows_list_says_which_event_has_no_place_to_ring(page: Any) -> None:
    """Events in the window: a click rings an event's place, so an event with none
    (Albu Saif is not in the gazetteer) says so in its item; one with a place does not."""
    open_page(page, "?date=2017-02-20")
    items = page.locator(f"#{ids.EVENT_LIST} .fl-event")
    items.first.wait_for(timeout=20_000)
    texts = items.all_inner_texts()
    # the item's head names its places: "date · kind (status) · places"
    unplaced = [t for t in texts if t.splitlines()[0].endswith("· Albu Saif")]
    placed = [t for t in texts if not t.splitlines()[0].endswith("· Albu Saif")]
    assert len(unplaced) == 1 and placed, texts
    assert "No place on the map to ring." in unplaced[0]
    assert all("No place on the map" not in t for t in placed)
    assert_clean(page)
