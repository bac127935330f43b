"""``?layers=<script>`` in the address shows the notice used for unknown layers and
invalid dates, keeps every layer on, and runs nothing (issue 19), in real Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from dashboard import ids
from tests.browser.conftest import open_page, trace
from viewmodel.figures import TRACE_DISTRICTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_script_in_the_layers_parameter_is_named_not_run(page: Any) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_page(page, "?date=2017-01-10&layers=%3Cscript%3Ealert(1)%3C/script%3E")
    page.wait_for_function(f"() => document.getElementById('{ids.URL_NOTICE}')"
                           ".textContent.includes('No map layer named <script>')")
    notice = page.text_content(f"#{ids.URL_NOTICE}") or ""
    assert "showing every layer" in notice
    assert page.locator(f"#{ids.URL_NOTICE} script").count() == 0  # text, not markup
    assert trace(page, ids.MAP, TRACE_DISTRICTS, "visible") is not False
    assert page.is_checked(f"#{ids.LAYERS} input[value=districts]")
    assert dialogs == []
    assert page.log.page_errors == [] and page.log.console_errors == []
