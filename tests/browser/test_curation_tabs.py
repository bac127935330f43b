"""The curation tabs in real Chromium: add a report (background job, progress, preview,
save), map an unresolved name to a new place clicked on the map, override a district,
pin a note, and look at the tool as it stood at a moment (audit, orphans listed).

The app is the real ``python -m dashboard`` on data built by the real CLIs from one
SYNTHETIC article written for these tests; the analyst signs in through the page's
form. The tests run in order on one server: each flow builds on the last.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard import ids
from tests.browser.conftest import (
    GD,
    choose,
    district_hover,
    district_z,
    go_to,
    map_points,
    new_page,
    open_page,
)
from tests.browser.curation_kit import (
    ANALYST,
    clean,
    open_panel,
    press,
    refreshed,
    sign_in,
    status,
    synthetic_data,
    tab,
)
from tests.conftest import Server, start_server, stop_server
from timeline.decisions import Decided, NameDecision
from timeline.store.sql import embedded_url
from timeline.store.sql.decisions import SqlDecisionStore

pytestmark = pytest.mark.slow

SEED = """---
title: "SYNTHETIC report one"
source: "Synthetic Wire"
published: 2017-05-10
---
The Counter-Terrorism Service took over al-Maamel on Wednesday.

Iraqi forces also captured the Hay Zorbawi district on Wednesday after heavy clashes, officers said.
"""
PASTED = ("(SYNTHETIC report) Iraqi troops took over the al-Zanjili district on Thursday "
          "after two days of fighting, officers said. <b>bold?</b> Residents were told to stay "
          "indoors while engineers searched the streets for explosives left behind.")
BY_ANALYST = 3  # basis code of an analyst's override (z = side * 4 + basis)


@pytest.fixture(scope="module")
def curation_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    env = synthetic_data(tmp_path_factory, "curation", {"2017-05-10-synthetic-one.md": SEED})
    log = SqlDecisionStore(embedded_url(Path(env["FRONTLINE_DATA_DIR"])))
    # A decision on a name no report gives (as after a re-extraction): an orphan.
    log.record(NameDecision("", "Ghost Street", "not_place",
                            Decided(ANALYST, dt.datetime.now(dt.UTC), "a road, not a place")))
    log.engine.dispose()
    server = start_server(env)
    server.started = dt.datetime.now(dt.UTC)  # type: ignore[attr-defined]
    yield server
    stop_server(server)


@pytest.fixture(scope="module")
def pg(chromium: Any, curation_server: Server) -> Iterator[Any]:
    page = new_page(chromium, curation_server.url)
    page.set_viewport_size({"width": 1280, "height": 1000})
    sign_in(page)
    open_page(page, "?date=2017-05-20", timeout=120_000)
    open_panel(page, signed_in=True)  # the panel is folded under the map
    yield page
    page.context.close()


def test_a_report_in_another_language_is_refused_saying_why(pg: Any) -> None:
    tab(pg, "Add a report")
    pg.fill(f"#{ids.CURATION_REPORT_TITLE}", "Rapport synthétique")
    pg.fill(f"#{ids.CURATION_REPORT_OUTLET}", "Synthetic Wire")
    pg.fill(f"#{ids.CURATION_REPORT_URL}", "https://example.org/fr")
    pg.fill(f"#{ids.CURATION_REPORT_PUBLISHED}", "2017-05-11")
    pg.fill(f"#{ids.CURATION_REPORT_TEXT}",
            "Les forces irakiennes ont pris le contrôle du quartier al-Zanjili jeudi après deux "
            "jours de combats, a indiqué le commandement dans un communiqué. Les soldats "
            "fouillaient les maisons et les habitants commençaient à rentrer chez eux le soir.")
    press(pg, f"#{ids.CURATION_REPORT_READ}")
    status(pg, ids.CURATION_REPORT_STATUS, "does not read as English")
    assert pg.locator(f"#{ids.CURATION_REPORT_SAVE}").is_disabled()


def test_add_a_report_preview_and_save(pg: Any) -> None:
    tab(pg, "Add a report")
    pg.fill(f"#{ids.CURATION_REPORT_TITLE}", "Troops take al-Zanjili")
    pg.fill(f"#{ids.CURATION_REPORT_OUTLET}", "Synthetic Wire")
    pg.fill(f"#{ids.CURATION_REPORT_URL}", "https://example.org/zanjili")
    pg.fill(f"#{ids.CURATION_REPORT_PUBLISHED}", "2017-05-12")
    pg.fill(f"#{ids.CURATION_REPORT_TEXT}", PASTED)
    go_to(pg, "2017-05-20")
    before = district_z(pg, "al-zanjili")
    press(pg, f"#{ids.CURATION_REPORT_READ}")
    status(pg, ids.CURATION_REPORT_STATUS, "Preview ready", 60_000)
    assert pg.get_attribute(f"#{ids.CURATION_REPORT_PROGRESS}", "value") == "100"
    marks = pg.locator(f"#{ids.CURATION_REPORT_PREVIEW} mark")
    assert marks.count() >= 1 and "al-Zanjili" in marks.first.text_content()
    # The article is text: its markup shows as characters, never as elements.
    assert "<b>bold?</b>" in pg.text_content(f"#{ids.CURATION_REPORT_PREVIEW}")
    assert pg.locator(f"#{ids.CURATION_REPORT_PREVIEW} b").count() == 0
    changes = pg.text_content(f"#{ids.CURATION_REPORT_CHANGES}") or ""
    assert "al-Zanjili: isis -> government from 2017-05-11" in changes
    press(pg, f"#{ids.CURATION_REPORT_SAVE}")
    status(pg, ids.CURATION_REPORT_STATUS, "Saved “Troops take al-Zanjili”")
    refreshed(pg)
    # The page holds the new data (no reload); the next frame drawn shows the report.
    go_to(pg, "2017-05-21")
    pg.wait_for_function("(b) => window.frontline.mapInstance().getFeatureState({source: "
                         "window.frontline.mapView.sources.districts, id: 'al-zanjili'})"
                         ".code !== b", arg=before)
    assert before // 4 != 0 and district_z(pg, "al-zanjili") // 4 == 0  # now government
    clean(pg)


def test_map_an_unresolved_name_to_a_new_place_clicked_on_the_map(pg: Any) -> None:
    tab(pg, "Names")
    status(pg, ids.CURATION_NAMES, "Hay Zorbawi")
    # The type-ahead knows the Arabic spelling of every place.
    pg.click(f"#{ids.CURATION_NAME_PLACE}")
    pg.locator("input.dash-dropdown-search:visible").fill("المعامل")
    assert pg.locator(".dash-dropdown-option:visible:has-text('al-Maamel')").count() == 1
    pg.keyboard.press("Escape")
    choose(pg, ids.CURATION_NAME, "Zorb", "Hay Zorbawi")
    pg.click("summary:has-text('New place')")
    pg.wait_for_selector(f"#{ids.CURATION_NAME_MAP} canvas.maplibregl-canvas")
    pg.wait_for_timeout(1000)
    xy = pg.evaluate(
        f"() => {{ const gd = ({GD})('{ids.CURATION_NAME_MAP}');"
        " const m = gd._fullLayout.map._subplot.map; const p = m.project([43.1100, 36.3535]);"
        " const r = m.getCanvas().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }")
    pg.mouse.move(xy[0], xy[1])
    pg.mouse.click(xy[0], xy[1])
    pg.wait_for_function(f"() => document.getElementById('{ids.CURATION_NAME_LAT}').value")
    lat = float(pg.input_value(f"#{ids.CURATION_NAME_LAT}"))
    lon = float(pg.input_value(f"#{ids.CURATION_NAME_LON}"))
    assert abs(lat - 36.3535) < 0.003 and abs(lon - 43.11) < 0.003
    assert "al-Zanjili" in (pg.text_content(f"#{ids.CURATION_NAME_PARENT}") or "")
    pg.fill(f"#{ids.CURATION_NAME_REASON}", "a quarter of al-Zanjili (synthetic)")
    press(pg, f"#{ids.CURATION_NAME_SAVE}")
    status(pg, ids.CURATION_NAME_STATUS, "add as a new place (added-hay-zorbawi)")
    refreshed(pg)
    status(pg, ids.CURATION_NAMES, "Every name the reports give is placed or decided")
    clean(pg)


def test_override_a_district_over_its_report_when_marked_superseding(pg: Any) -> None:
    tab(pg, "Corrections")
    choose(pg, ids.CURATION_OVERRIDE_DISTRICT, "Maamel", "al-Maamel")
    choose(pg, ids.CURATION_OVERRIDE_SIDE, "isis", "isis")
    pg.fill(f"#{ids.CURATION_OVERRIDE_START}", "2017-05-14")
    pg.fill(f"#{ids.CURATION_OVERRIDE_END}", "2017-05-25")
    pg.fill(f"#{ids.CURATION_OVERRIDE_SOURCE}", "synthetic drone footage")
    pg.fill(f"#{ids.CURATION_OVERRIDE_SOURCE_DATE}", "2017-05-15")
    pg.fill(f"#{ids.CURATION_OVERRIDE_NOTE}", "the flag went back up (synthetic)")
    pg.click(f"#{ids.CURATION_OVERRIDE_SUPERSEDE} input")
    press(pg, f"#{ids.CURATION_OVERRIDE_SAVE}")
    status(pg, ids.CURATION_OVERRIDE_STATUS, "Saved: al-Maamel: isis from 2017-05-14")
    assert "supersedes" in (pg.text_content(f"#{ids.CURATION_OVERRIDE_STATUS}") or "")
    refreshed(pg)
    status(pg, ids.CURATION_OVERRIDES, "1 override(s) in force")
    go_to(pg, "2017-05-19")
    pg.wait_for_function("(a) => window.frontline.mapInstance().getFeatureState({source: "
                         "window.frontline.mapView.sources.districts, id: 'al-maamel'})"
                         ".code % 4 === a", arg=BY_ANALYST)
    hover = district_hover(pg, "al-maamel")
    # The hover shows both: the analyst's override and the report it set aside.
    assert "analyst" in hover and "synthetic drone footage" in hover
    assert "took over al-Maamel" in hover
    clean(pg)


def test_pin_a_note_shown_on_the_map(pg: Any) -> None:
    tab(pg, "Annotations")
    choose(pg, ids.CURATION_NOTE_PLACE, "Maamel", "al-Maamel")
    pg.fill(f"#{ids.CURATION_NOTE_DAY}", "2017-05-16")
    pg.fill(f"#{ids.CURATION_NOTE_TEXT}", "SYNTHETIC note: the approach road is mined")
    press(pg, f"#{ids.CURATION_NOTE_SAVE}")
    status(pg, ids.CURATION_NOTE_STATUS, "Pinned: al-Maamel, 2017-05-16")
    refreshed(pg)
    status(pg, ids.CURATION_NOTES, "the approach road is mined, by ana")
    go_to(pg, "2017-05-17")
    pg.wait_for_function(
        "async () => { const m = window.frontline.mapInstance(); const src = m.getSource("
        "window.frontline.mapView.sources.events); const d = await src.getData();"
        " return JSON.stringify(d).includes('the approach road is mined'); }")
    assert any("the approach road is mined" in str(p) for p in map_points(pg))
    clean(pg)


def test_the_csv_export_carries_the_override_with_its_author(pg: Any, tmp_path: Path) -> None:
    go_to(pg, "2017-05-19")
    button = pg.locator(".fl-export-buttons button:text-is('CSV')")
    with pg.expect_download(timeout=60_000) as info:
        button.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))}
    assert rows["al-maamel"]["basis"] == "analyst"
    assert "ana" in rows["al-maamel"]["analyst"]
    assert "synthetic drone footage" in rows["al-maamel"]["analyst"]


def test_audit_shows_the_tool_as_it_stood_and_lists_orphans(pg: Any,
                                                            curation_server: Server) -> None:
    tab(pg, "Audit")
    started = curation_server.started  # type: ignore[attr-defined]
    pg.fill(f"#{ids.CURATION_AUDIT_MOMENT}", started.strftime("%Y-%m-%d %H:%M"))
    pg.fill(f"#{ids.CURATION_AUDIT_DAY}", "2017-05-20")
    press(pg, f"#{ids.CURATION_AUDIT_SHOW}")
    status(pg, ids.CURATION_AUDIT_SUMMARY, "0 override(s)", 60_000)
    summary = pg.text_content(f"#{ids.CURATION_AUDIT_SUMMARY}") or ""
    assert "Added later, so left out: Troops take al-Zanjili" in summary
    orphans = pg.text_content(f"#{ids.CURATION_AUDIT_ORPHANS}") or ""
    assert "'Ghost Street'" in orphans and "no extraction holds it" in orphans
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    pg.fill(f"#{ids.CURATION_AUDIT_MOMENT}", later.strftime("%Y-%m-%d %H:%M"))
    press(pg, f"#{ids.CURATION_AUDIT_SHOW}")
    status(pg, ids.CURATION_AUDIT_SUMMARY, "1 override(s)", 60_000)
    assert "left out" not in (pg.text_content(f"#{ids.CURATION_AUDIT_SUMMARY}") or "")
    z = pg.evaluate(f"() => {{ const t = ({GD})('{ids.CURATION_AUDIT_MAP}').data[0];"
                    " return t.z[t.locations.indexOf('al-maamel')]; }")
    assert int(z) % 4 == BY_ANALYST
    clean(pg)
