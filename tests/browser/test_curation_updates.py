"""A decision reaches every part of the open page without a reload (SYNTHETIC report,
issue 15 points 2, 3 and 7): the figures chart, the page data (only its changed parts
travel) and the other curation tabs.

The server is the real ``python -m dashboard`` on data built by the real CLIs from one
synthetic report; the analyst account is made with ``timeline analysts add``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from dashboard import ids
from tests.browser.conftest import GD, choose, new_page, open_page
from tests.browser.curation_kit import (
    mark_page,
    not_reloaded,
    open_claim,
    open_panel,
    sign_in,
    status,
    synthetic_data,
    tab,
    wait_map_change,
    zs,
)
from tests.conftest import Server, start_server, stop_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPORT = """---
title: "SYNTHETIC report of a capture and a toll"
source: "Synthetic Wire"
published: 2017-05-10
---
The Counter-Terrorism Service took over al-Maamel on Wednesday.

More than 3,320 militants have been killed since February, the Joint Operations Command said.

Iraqi forces also captured the Hay Zorbawi district on Wednesday after heavy clashes.
"""
TOLL = 3320
CHART_VALUES = (f"() => {{ const gd = ({GD})('{ids.CHART}'); if (!gd || !gd.data) return [];"
                " return gd.data.flatMap(t => { const y = t.y || [];"
                " return Array.from(y._inputArray || y); }); }")


@pytest.fixture(scope="module")
def updates_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    env = synthetic_data(tmp_path_factory, "curation-updates",
                         {"2017-05-10-synthetic-toll.md": REPORT})
    # Open pages ask every 2 s whether the store changed elsewhere (30 s by default).
    server = start_server({**env, "FRONTLINE_FOLLOW_SECONDS": "2"})
    yield server
    stop_server(server)


@pytest.fixture
def upage(chromium: Any, updates_server: Server) -> Iterator[Any]:
    pg = new_page(chromium, updates_server.url)
    pg.set_viewport_size({"width": 1280, "height": 1000})
    pg.set_default_navigation_timeout(120_000)  # a first load on a busy 2-core machine
    yield pg
    pg.context.close()


def offered(pg: Any, ident: str, search: str, option: str) -> None:
    """Wait until the dropdown ``ident`` offers ``option`` when ``search`` is typed."""
    pg.click(f"#{ident}")
    pg.locator("input.dash-dropdown-search:visible").fill(search)
    pg.locator(f".dash-dropdown-option:visible:has-text('{option}')").first.wait_for(
        timeout=30_000)
    pg.keyboard.press("Escape")


def test_a_rejected_figure_leaves_the_open_chart_and_only_changed_parts_travel(
        upage: Any) -> None:
    sign_in(upage)
    open_page(upage, "?date=2017-05-13")
    open_panel(upage)
    upage.wait_for_function(f"(v) => ({CHART_VALUES})().includes(v)", arg=TOLL,
                            timeout=60_000)
    mark_page(upage)
    open_claim(upage, "3320")
    upage.fill(f"#{ids.CURATION_REASON}", "the toll is the command's own claim")
    with upage.expect_response(lambda r: "_dash-update-component" in r.url
                               and ids.CURATION_REFRESH in (r.request.post_data or "")
                               and ids.PAGE_DATA in (r.request.post_data or ""),
                               timeout=120_000) as answer:
        upage.click(f"#{ids.CURATION_REJECT}")
    sent = json.loads(answer.value.text())["response"]
    # The page data travels as a patch of the parts that changed (the figures), not whole.
    data = sent[ids.PAGE_DATA]["data"]
    assert "__dash_patch_update" in data
    assigned = {tuple(op["location"]) for op in data["operations"]}
    assert ("figures",) in assigned and ("views", "main", "z") not in assigned
    assert ids.CHART in sent  # ... and the chart, which the figure changed
    upage.wait_for_function(f"(v) => !({CHART_VALUES})().includes(v)", arg=TOLL,
                            timeout=60_000)
    assert not_reloaded(upage)
    # The page's own copy of the data has the figure gone too, all else in place.
    figures = upage.evaluate("() => window.dash_clientside.frontline.pageData.figures")
    assert TOLL not in [f["value"] for f in figures]
    assert upage.evaluate("() => window.dash_clientside.frontline.pageData.views.main.z"
                          ".length") > 0
    assert upage.log.page_errors == [] and upage.log.console_errors == []


def test_a_place_added_in_one_tab_is_offered_by_the_others_without_a_reload(
        upage: Any) -> None:
    sign_in(upage)
    open_page(upage, "?date=2017-05-13")
    open_panel(upage)
    mark_page(upage)
    tab(upage, "Names")
    status(upage, ids.CURATION_NAMES, "Hay Zorbawi")
    choose(upage, ids.CURATION_NAME, "Zorb", "Hay Zorbawi")
    upage.click(f"#{ids.CURATION_NAME_ACTION} label:has-text('Add as a new place')")
    upage.click("summary:has-text('New place')")
    upage.fill(f"#{ids.CURATION_NAME_LAT}", "36.3535")
    upage.fill(f"#{ids.CURATION_NAME_LON}", "43.1100")
    choose(upage, ids.CURATION_NAME_BANK, "west", "west")
    choose(upage, ids.CURATION_NAME_PARENT, "Zanjili", "al-Zanjili")
    upage.fill(f"#{ids.CURATION_NAME_REASON}", "a quarter of al-Zanjili (synthetic)")
    upage.click(f"#{ids.CURATION_NAME_SAVE}")
    status(upage, ids.CURATION_NAME_STATUS, "add as a new place")
    status(upage, ids.CURATION_NOTICE, "the map shows it")
    # The Annotations tab's place chooser offers the new place ...
    tab(upage, "Annotations")
    offered(upage, ids.CURATION_NOTE_PLACE, "Zorbawi", "Hay Zorbawi")
    # ... the review queue's place filter too ...
    tab(upage, "Review queue")
    offered(upage, ids.CURATION_QUEUE_PLACE, "Zorbawi", "Hay Zorbawi")
    # ... and the audit's "now" holds the decision just made.
    tab(upage, "Audit")
    upage.click(f"#{ids.CURATION_AUDIT_SHOW}")
    status(upage, ids.CURATION_AUDIT_SUMMARY, "1 added place(s)")
    assert not_reloaded(upage)
    assert upage.log.page_errors == [] and upage.log.console_errors == []


def test_a_decision_made_in_another_session_reaches_an_open_viewer_page(
        chromium: Any, updates_server: Server, upage: Any) -> None:
    # A reader with no account keeps the map open on 13 May, al-Maamel government-held.
    viewer = new_page(chromium, updates_server.url)
    viewer.set_default_navigation_timeout(120_000)
    try:
        open_page(viewer, "?date=2017-05-13")
        mark_page(viewer)
        before = zs(viewer)
        # An analyst, in a session of their own, rejects the capture behind it ...
        sign_in(upage)
        open_page(upage, "?date=2017-05-13")
        open_panel(upage)
        open_claim(upage, "al-Maamel")
        upage.fill(f"#{ids.CURATION_REASON}", "the report names another district")
        upage.click(f"#{ids.CURATION_REJECT}")
        status(upage, ids.CURATION_NOTICE, "the map shows it", 90_000)
        # ... and the reader's map follows on its own, saying why, with no reload.
        wait_map_change(viewer, before)
        assert not_reloaded(viewer)
        assert "decisions made elsewhere" in (
            viewer.text_content(f"#{ids.CURATION_NOTICE}") or "")
        assert viewer.log.page_errors == [] and viewer.log.console_errors == []
    finally:
        viewer.context.close()
