"""Analyst curation in real Chromium: sign in, review claims, undo, grade sources, and the
open map following each decision without a reload (SYNTHETIC articles, issue 15).

The server is the real ``python -m dashboard`` on data built by the real CLIs from two
synthetic reports; the analyst account is made with ``timeline analysts add``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from dashboard import ids
from tests.browser.conftest import choose, new_page, open_page
from tests.browser.curation_kit import (
    QUEUE_ROWS,
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

TAKEN = """---
title: "SYNTHETIC report of a capture"
source: "Synthetic Wire"
published: 2017-05-10
---
The Counter-Terrorism Service took over al-Maamel on Wednesday <b>as planned</b>.
"""
SECOND = """---
title: "SYNTHETIC second report"
source: "Synthetic Herald"
published: 2017-05-12
---
Iraqi forces recaptured al-Islah al-Zirai on Friday after heavy clashes.
"""


@pytest.fixture(scope="module")
def curation_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_server(synthetic_data(tmp_path_factory, "curation", {
        "2017-05-10-synthetic-capture.md": TAKEN, "2017-05-12-synthetic-second.md": SECOND}))
    yield server
    stop_server(server)


@pytest.fixture
def cpage(chromium: Any, curation_server: Server) -> Iterator[Any]:
    pg = new_page(chromium, curation_server.url)
    pg.set_default_navigation_timeout(120_000)  # a first load on a busy 2-core machine
    yield pg
    pg.context.close()


EVENTS = f"#{ids.TL_LIST} button.fl-event"


def events_listed(pg: Any) -> list[str]:
    """The texts of the events panel's list as the page shows it."""
    return [str(t) for t in pg.locator(EVENTS).all_text_contents()]


def test_viewing_needs_no_account_and_the_server_refuses_an_edit(cpage: Any) -> None:
    open_page(cpage, "?date=2017-05-13")
    open_panel(cpage)
    assert "Sign in to edit" in (cpage.text_content(f"#{ids.CURATION_USER}") or "")
    open_claim(cpage, "al-Maamel")
    with cpage.expect_response(lambda r: "_dash-update-component" in r.url
                               and r.request.post_data is not None
                               and ids.CURATION_REFRESH in r.request.post_data) as answer:
        cpage.click(f"#{ids.CURATION_ACCEPT}")
    assert answer.value.status == 403
    # ... and nothing was recorded: the history is empty.
    tab(cpage, "History")
    assert cpage.locator(f"#{ids.CURATION_HISTORY} .ag-center-cols-container .ag-row").count() == 0


def test_reject_needs_a_reason_and_the_open_map_follows_then_undo(cpage: Any) -> None:
    sign_in(cpage)
    open_page(cpage, "?date=2017-05-13")
    open_panel(cpage)
    assert "Signed in as ana" in (cpage.text_content(f"#{ids.CURATION_USER}") or "")
    open_claim(cpage, "al-Maamel")
    # The sentence is marked in the article, its markup shown as text.
    mark = cpage.locator(f"#{ids.CURATION_CLAIM_TEXT} mark")
    assert "<b>as planned</b>" in (mark.text_content() or "")
    assert cpage.locator(f"#{ids.CURATION_CLAIM_TEXT} b").count() == 0
    cpage.click(f"#{ids.CURATION_REJECT}")
    assert "needs a reason" in status(cpage, ids.CURATION_REVIEW_STATUS, "Not saved")
    assert any("took over al-Maamel" in t for t in events_listed(cpage))
    before = zs(cpage)
    mark_page(cpage)
    cpage.fill(f"#{ids.CURATION_REASON}", "the capture was denied the next day")
    cpage.click(f"#{ids.CURATION_REJECT}")
    status(cpage, ids.CURATION_REVIEW_STATUS, "Rejected")
    wait_map_change(cpage, before)
    assert not_reloaded(cpage)
    # The events panel drops the rejected capture at once, no filter touched.
    cpage.wait_for_function(
        "(sel) => ![...document.querySelectorAll(sel)].some(e => e.textContent.includes("
        "'took over al-Maamel'))", arg=EVENTS, timeout=20_000)
    row = cpage.locator(QUEUE_ROWS).filter(has_text="al-Maamel").first
    cpage.wait_for_function(
        "(sel) => [...document.querySelectorAll(sel)].some(r => r.textContent.includes("
        "'rejected by ana'))", arg=QUEUE_ROWS, timeout=20_000)
    assert "rejected" in (row.text_content() or "")
    rejected = zs(cpage)
    # Undo from the history tab puts the claim, and the map, back.
    tab(cpage, "History")
    hist = f"#{ids.CURATION_HISTORY} .ag-center-cols-container .ag-row"
    cpage.locator(hist).filter(has_text="reject").first.locator("[col-id=action]").click()
    cpage.fill(f"#{ids.CURATION_HISTORY_REASON}", "rejected the wrong claim")
    cpage.click(f"#{ids.CURATION_UNDO}")
    status(cpage, ids.CURATION_HISTORY_STATUS, "Undid")
    wait_map_change(cpage, rejected)
    assert zs(cpage) == before and not_reloaded(cpage)
    cpage.wait_for_function(
        "(sel) => [...document.querySelectorAll(sel)].some(r => r.textContent.includes("
        "'undone by'))", arg=hist, timeout=20_000)
    assert cpage.log.page_errors == []


def test_edit_moves_the_claim_and_bulk_accept_marks_the_rest(cpage: Any) -> None:
    sign_in(cpage)
    # On 10 May the second report's capture (12 May) has not happened yet ...
    open_page(cpage, "?date=2017-05-10")
    open_panel(cpage)
    open_claim(cpage, "al-Islah al-Zirai")
    before = zs(cpage)
    # ... an analyst dates it two days earlier: the district flips on the open map.
    date = cpage.locator(f"#{ids.CURATION_CLAIM} label").filter(has_text="date").locator(
        "input").first
    assert date.input_value() == "2017-05-12"
    date.fill("2017-05-09")
    cpage.click(f"#{ids.CURATION_EDIT}")
    assert "reason" in status(cpage, ids.CURATION_REVIEW_STATUS, "Not saved")
    cpage.fill(f"#{ids.CURATION_REASON}", "the report names another district")
    cpage.click(f"#{ids.CURATION_EDIT}")
    status(cpage, ids.CURATION_REVIEW_STATUS, "Edited")
    wait_map_change(cpage, before)
    # Bulk: tick every row, accept them all.
    cpage.locator(f"#{ids.CURATION_QUEUE} .ag-header-select-all input").first.check()
    cpage.click(f"#{ids.CURATION_BULK_ACCEPT}")
    status(cpage, ids.CURATION_REVIEW_STATUS, "Accepted")
    cpage.wait_for_function(
        "(sel) => { const rows = [...document.querySelectorAll(sel)];"
        " return rows.length > 0 && rows.every(r => r.textContent.includes('accepted by ana')"
        " || r.textContent.includes('edited by ana')); }", arg=QUEUE_ROWS, timeout=60_000)


def test_grade_a_source(cpage: Any) -> None:
    sign_in(cpage)
    open_page(cpage)
    open_panel(cpage)
    tab(cpage, "Sources")
    grid = f"#{ids.CURATION_SOURCES} .ag-center-cols-container .ag-row"
    row = cpage.locator(grid).filter(has_text="Synthetic Herald").first
    row.wait_for(timeout=20_000)
    assert "nobody (F by default)" in (row.text_content() or "")
    choose(cpage, ids.CURATION_GRADE_OUTLET, "Herald", "Synthetic Herald")
    choose(cpage, ids.CURATION_GRADE, "unreliable", "E: unreliable")
    cpage.fill(f"#{ids.CURATION_GRADE_REASON}", "fabricated reports before")
    cpage.click(f"#{ids.CURATION_GRADE_SAVE}")
    status(cpage, ids.CURATION_SOURCES_STATUS, "graded E")
    cpage.wait_for_function(
        "(sel) => [...document.querySelectorAll(sel)].some(r => r.textContent.includes("
        "'Synthetic Herald') && r.textContent.includes('unreliable'))", arg=grid,
        timeout=60_000)

