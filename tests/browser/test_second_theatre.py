"""The app serves a second theatre: the SYNTHETIC Vellmar (three invented forces, one
bank, no river; ``tests/fixtures/theatres/vellmar``) loads in Chromium with its own
three-force legend and colours, and no console errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from dashboard import ids
from tests.browser.conftest import MAP, district_z, new_page, open_page
from tests.conftest import ROOT, Server, build_data, start_server, stop_server

pytestmark = pytest.mark.browser

VELLMAR = ROOT / "tests" / "fixtures" / "theatres" / "vellmar"
N_BASIS = 4  # len(BASIS_CODES): reported, inferred, assumed, analyst


@pytest.fixture(scope="module")
def vellmar_page(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    env = build_data(tmp_path_factory.mktemp("vellmar") / "data", VELLMAR / "articles",
                     theatre=VELLMAR)
    server: Server = start_server(env)
    pg = new_page(chromium, server.url)
    yield pg
    pg.context.close()
    stop_server(server)


def test_page_shows_the_three_force_legend_colours_and_front(vellmar_page: Any) -> None:
    pg = vellmar_page
    open_page(pg, "?date=2021-04-10")
    pg.wait_for_timeout(1500)  # let late map errors surface
    assert "Vellmar" in str(pg.text_content(f"#{ids.TITLE}"))
    legend = str(pg.text_content(f"#{ids.LEGEND}"))
    for label in ("Harbour Guard", "Free League", "Hill Union", "Contested"):
        assert label in legend
    # Every Vellmar district has a side from the first day: the key has no row for a
    # side no district takes (PageData.sides_on_map), though the page knows all five.
    assert "Unknown" not in legend
    assert "Tigris" not in legend and "Government" not in legend
    sides = pg.evaluate("() => window.dash_clientside.frontline.pageData.sides")
    assert [s["key"] for s in sides] == ["guard", "league", "union", "contested", "unknown"]
    assert sides[2]["color"] == "#CC79A7"
    assert district_z(pg, "dunmere") == 1 * N_BASIS  # league, reported
    assert district_z(pg, "elmgate") == 2 * N_BASIS  # union, reported
    pg.wait_for_function(
        f"async () => (await {MAP}.getSource('fl-front').getData()).features.length > 0")
    assert pg.log.console_errors == []
    assert pg.log.page_errors == []
    assert pg.log.failed_requests == []
    assert pg.log.foreign_requests == []
