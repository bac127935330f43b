"""Browser-tier helpers: extra servers on SYNTHETIC corpora, and page-reading helpers.

``xss_page`` serves data built from one synthetic article whose text holds HTML and a
script attempt; ``empty_page`` serves data built from an empty seeds folder. Both run
the same build commands as ``make data`` and the real ``python -m dashboard``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard import ids
from tests.conftest import PageLog, Server, build_data, start_server, stop_server

XSS = "<img src=x onerror=alert(1)>"
XSS_ARTICLE = f"""---
title: "SYNTHETIC test article with HTML in its text"
source: "Synthetic Wire <b>bold</b>"
published: 2017-05-10
---
The Counter-Terrorism Service took over al-Maamel on Wednesday {XSS} and raised flags.

On Monday, the Interior Ministry said forces had killed 3320 {XSS} militants since February.
"""
DEV_URL = os.environ.get("FRONTLINE_TEST_DEV_URL", "")


@pytest.fixture(scope="session")
def xss_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("xss")
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / "2017-05-10-synthetic-xss.md").write_text(XSS_ARTICLE, encoding="utf-8")
    server = start_server(build_data(root / "data", seeds))
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("empty")
    seeds = root / "seeds"
    seeds.mkdir()
    server = start_server(build_data(root / "data", seeds))
    yield server
    stop_server(server)


def new_page(chromium: Any, base_url: str) -> Any:
    """A logged 1280x800 page like the shared ``page`` fixture, for another server."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    return logged(context.new_page(), base_url)


def logged(pg: Any, base_url: str) -> Any:
    """``pg`` with its console errors, page errors and requests kept on ``pg.log``."""
    log = PageLog()
    pg.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
    pg.on("requestfailed", lambda r: log.failed_requests.append(r.url))
    pg.on("request", lambda r: None if r.url.startswith((base_url, "data:", "blob:"))
          else log.foreign_requests.append(r.url))
    pg.log = log
    pg.base_url = base_url
    return pg


@pytest.fixture
def sized(chromium: Any, server: Server, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A logged page at the viewport ``request.param`` (width, height): the issue's
    1440x900 and 1024x768 looks, parametrised with ``indirect=True``."""
    width, height = request.param
    pg = new_page(chromium, server.url)
    pg.set_viewport_size({"width": width, "height": height})
    yield pg
    pg.context.close()


@pytest.fixture
def xss_page(chromium: Any, xss_server: Server) -> Iterator[Any]:
    pg = new_page(chromium, xss_server.url)
    yield pg
    pg.context.close()


@pytest.fixture
def empty_page(chromium: Any, empty_server: Server) -> Iterator[Any]:
    pg = new_page(chromium, empty_server.url)
    yield pg
    pg.context.close()


if DEV_URL:  # local development only: point the shared fixtures at a running server
    @pytest.fixture(scope="session")
    def server() -> Iterator[Server]:
        yield Server(DEV_URL, None)  # type: ignore[arg-type]


# --- reading the page -------------------------------------------------------------

GD = "(id) => document.querySelector('#' + id + ' .js-plotly-plot')"


def open_page(pg: Any, query: str = "", timeout: float = 30_000) -> None:
    """Open the app and wait until the map is drawn and the first frame applied."""
    pg.goto(pg.base_url + query, timeout=timeout)
    pg.wait_for_selector(f"#{ids.MAP} canvas.maplibregl-canvas", timeout=timeout)
    pg.wait_for_function(
        "() => window.frontline && window.frontline.mapView"
        " && window.frontline.mapView.drawnDay() !== null", timeout=timeout)


def date_label(pg: Any) -> str:
    return str(pg.text_content(f"#{ids.DATE_LABEL}") or "").split(" ")[0]


def wait_date(pg: Any, iso: str) -> None:
    pg.wait_for_function(
        f"(iso) => (document.getElementById('{ids.DATE_LABEL}').textContent || '')"
        ".startsWith(iso)", arg=iso, timeout=15_000)


def go_to(pg: Any, iso: str) -> None:
    """Type a date into the "Go to" box, as a keyboard user would."""
    box = pg.locator(f"#{ids.DATE_INPUT}")
    box.fill(iso)
    box.press("Enter")
    wait_date(pg, iso)


def choose(pg: Any, ident: str, search: str, option: str, *, exact: bool = False) -> None:
    """Pick an option of a Dash dropdown by typing into its search box, as a person does,
    and wait until the dropdown shows it chosen (both matched as Playwright's
    ``has-text`` does, ignoring case; with ``exact`` the option's whole text must be
    ``option``, so "capture" never picks "recapture"): a click that landed while the
    options were still loading picks nothing, and the form would then be sent without it."""
    shown = re.compile(rf"^\s*{re.escape(option)}\s*$", re.IGNORECASE) if exact else option
    for attempt in range(3):
        pg.click(f"#{ident}")
        box = pg.locator("input.dash-dropdown-search:visible")
        box.fill(search)
        wanted = pg.locator(".dash-dropdown-option:visible").filter(has_text=shown).first
        try:
            wanted.click(timeout=10_000)
            pg.keyboard.press("Escape")
            pg.wait_for_function(
                "([i, t]) => (document.getElementById(i).textContent || '').toLowerCase()"
                ".includes(t)", arg=[ident, option.lower()], timeout=5_000)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            pg.keyboard.press("Escape")


MAP = "window.frontline.mapInstance()"


def district_z(pg: Any, district: str) -> int:
    """The district's colour code as MapLibre holds it (its feature state)."""
    js = (f"(d) => {MAP}.getFeatureState("
          "{source: window.frontline.mapView.sources.districts, id: d}).code")
    return int(pg.evaluate(js, district))


def district_hover(pg: Any, district: str) -> str:
    """The hover text the map shows over ``district`` on the drawn day."""
    return str(pg.evaluate("(d) => window.frontline.mapView.districtText(d)", district))


def map_points(pg: Any, source: str = "events") -> list[dict[str, Any]]:
    """The points of a MapLibre GeoJSON source (events, ring) as the map holds them:
    ``{lon, lat, hover, **properties}`` each, ``hover`` the text the map's hover label
    shows for the point (looked up by the index the point carries)."""
    js = (f"async (s) => {{ const src = {MAP}.getSource(window.frontline.mapView.sources[s]);"
          " const d = await src.getData(); return d.features.map(f => Object.assign("
          "{lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1],"
          " hover: window.frontline.mapView.pointText(f.properties)}, f.properties)); }")
    return list(pg.evaluate(js, source))


def layer_visible(pg: Any, layer: str) -> bool:
    js = f"(l) => {MAP}.getLayoutProperty(l, 'visibility') !== 'none'"
    return bool(pg.evaluate(js, layer))


def trace(pg: Any, graph: str, index: int, prop: str) -> Any:
    """A property of a trace as the page holds it (typed arrays read as plain lists)."""
    js = ("([gd, i, p]) => { const v = (" + GD + ")(gd).data[i][p];"
          " return v && v._inputArray ? Array.from(v._inputArray) : v; }")
    return pg.evaluate(js, [graph, index, prop])
