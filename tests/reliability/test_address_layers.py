"""``?layers=<script>`` in the address shows the notice used for unknown layers and
invalid dates, keeps every layer on, and runs nothing (issue 19), in real Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from dashboard import ids
from tests.browser.conftest import layer_visible, open_page

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
    assert layer_visible(page, "fl-district-fill")
    assert page.is_checked(f"#{ids.LAYERS} input[value=districts]")
    assert dialogs == []
    assert page.log.page_errors == [] and page.log.console_errors == []
