"""Article text is shown as text, never run; an empty corpus still gives a page.

Both run on SYNTHETIC corpora built in tests/browser/conftest.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from dashboard import ids
from tests.browser.conftest import MAP, XSS, district_hover, map_points, open_page, trace
from viewmodel.figures import TRACE_DISTRICTS
from viewmodel.hover import safe

pytestmark = pytest.mark.browser


def test_html_in_articles_is_shown_as_text_never_executed(xss_page: Any) -> None:
    dialogs: list[str] = []
    xss_page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_page(xss_page, "?date=2017-05-11")
    item = xss_page.locator(f"#{ids.EVENT_LIST} button").filter(has_text="al-Maamel").first
    item.wait_for()
    # The list shows the markup literally, as characters, and adds no element for it.
    assert XSS in (item.text_content() or "")
    assert "Synthetic Wire <b>bold</b>" in (item.text_content() or "")
    assert xss_page.locator("img[src=x]").count() == 0
    assert xss_page.locator(f"#{ids.EVENT_LIST} b").count() == 0
    # Hover texts reach the map escaped; the district hover cites the same quote.
    xss_page.wait_for_function(
        f"async () => (await {MAP}.getSource('fl-events').getData()).features.length > 0")
    for point in map_points(xss_page):
        assert "<img" not in point["hover"] and "&lt;img" in point["hover"]
    districts = [district_hover(xss_page, d)
                 for d in trace(xss_page, ids.MAP, TRACE_DISTRICTS, "locations")]
    assert any("&lt;img" in t for t in districts)
    assert not any("<img" in t for t in districts)
    # The page builds event hovers in JS: its escaping is Python's, character for character.
    tricky = f" {XSS}\t&amp; \"q\" 'a'\n\u00a0<b>x</b>\x1c\ufeff "
    assert xss_page.evaluate("(s) => window.dash_clientside.frontline.safe(s)", tricky) == safe(
        tricky)
    # Clicking a chart point shows its quote as text, too.
    xss_page.locator(f"#{ids.CHART} .scatterlayer .trace .points path").first.click(force=True)
    xss_page.wait_for_function(
        f"(x) => document.getElementById('{ids.CHART_QUOTE}').textContent.includes(x)", arg=XSS)
    assert xss_page.locator("img[src=x]").count() == 0
    xss_page.wait_for_timeout(500)
    assert dialogs == []
    assert xss_page.log.page_errors == [] and xss_page.log.console_errors == []


def test_empty_corpus_loads_and_says_there_is_nothing_to_show(empty_page: Any) -> None:
    open_page(empty_page)
    notice = empty_page.text_content(f"#{ids.EMPTY_NOTICE}") or ""
    assert "Nothing to show" in notice
    empty_page.wait_for_selector(f"#{ids.EVENT_LIST} li")
    assert "No events" in (empty_page.text_content(f"#{ids.EVENT_LIST}") or "")
    empty_page.click(f"#{ids.NEXT_DAY}")
    empty_page.wait_for_function(
        f"() => document.getElementById('{ids.DATE_LABEL}').textContent.startsWith('2016-10-18')")
    assert empty_page.log.console_errors == [] and empty_page.log.page_errors == []
    assert empty_page.log.foreign_requests == [] and empty_page.log.failed_requests == []
