"""Compare two dates in real Chromium on the Mosul data: the list, the outline on the
map, the map moved to D2, the CSV and the snapshot; hindsight against "as known on" for
one date; a bad date named in one line. Screenshots at 1440x900 and 1024x768.
"""

from __future__ import annotations

import csv
import io
import struct
from pathlib import Path
from typing import Any

import pytest

from dashboard import ids
from tests.browser.conftest import MAP, date_label, open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screens"
STATUS = f"#{ids.COMPARE_STATUS}"


def compare(pg: Any, first: str, last: str, hindsight: bool = False) -> str:
    pg.locator(f"#{ids.COMPARE} summary").click()
    if hindsight:
        pg.get_by_label("one date: as known then against later reports").check()
    if first:
        pg.locator(f"#{ids.COMPARE_FROM}").fill(first)
    pg.locator(f"#{ids.COMPARE_TO}").fill(last)
    pg.locator(f"#{ids.COMPARE_GO}").click()
    pg.wait_for_function(f"() => document.querySelector('{STATUS}').textContent !== ''",
                         timeout=30_000)
    return str(pg.text_content(STATUS))


def outlined(pg: Any) -> list[str]:
    return list(pg.evaluate(
        f"async () => {{ const s = {MAP}.getSource('fl-compare');"
        " if (!s) return []; const d = await s.getData();"
        " return d.features.map(f => f.properties.id); }"))


def download(pg: Any, button: str, tmp_path: Path) -> Path:
    with pg.expect_download(timeout=90_000) as info:
        pg.locator(f"#{button}").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


def test_changes_between_two_dates_listed_outlined_and_exported(page: Any,
                                                                tmp_path: Path) -> None:
    open_page(page, "?date=2016-11-15")
    status = compare(page, "2016-12-01", "2017-01-24")
    n = int(status.split()[0])
    assert n > 5 and "between 2016-12-01 and 2017-01-24" in status
    items = page.locator(f"#{ids.COMPARE_LIST} li")
    assert items.count() == n
    assert "→" in str(items.first.text_content())
    page.wait_for_function(
        f"(iso) => document.getElementById('{ids.DATE_LABEL}').textContent.startsWith(iso)",
        arg="2017-01-24", timeout=15_000)
    page.wait_for_function(f"async (n) => {{ const s = {MAP}.getSource('fl-compare');"
                           " return s && (await s.getData()).features.length === n; }",
                           arg=n, timeout=15_000)
    ids_on_map = sorted(outlined(page))
    path = download(page, ids.COMPARE_CSV, tmp_path)
    assert path.name == "mosul-compare-2016-12-01-to-2017-01-24.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert sorted(r["district"] for r in rows) == ids_on_map
    assert all(r["from"] != r["to"] and r["evidence"] and r["when"] for r in rows)
    assert all("2016-12-01" < r["when"] <= "2017-01-24" for r in rows)
    png = download(page, ids.COMPARE_PNG, tmp_path)
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (1400, 860)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "compare-snapshot.png").write_bytes(png.read_bytes())
    assert page.log.console_errors == [] and page.log.page_errors == []


def test_hindsight_against_as_known_on_for_one_date(page: Any, tmp_path: Path) -> None:
    open_page(page)
    status = compare(page, "", "2017-01-10", hindsight=True)
    assert "on 2017-01-10 look different with hindsight" in status
    n = int(status.split()[0])
    assert date_label(page) == "2017-01-10"
    rows = list(csv.DictReader(io.StringIO(download(page, ids.COMPARE_CSV, tmp_path)
                                           .read_text(encoding="utf-8"))))
    assert len(rows) == n
    assert all(r["when"] == "" for r in rows)


def test_a_bad_date_is_named_and_nothing_is_outlined(page: Any) -> None:
    open_page(page)
    status = compare(page, "2017-02-30", "2017-03-10")
    assert status.startswith("Cannot compare:") and "2017-02-30" in status
    assert "\n" not in status
    assert outlined(page) == []


@pytest.mark.parametrize("sized", [(1440, 900), (1024, 768)], indirect=True)
def test_the_comparison_at_both_sizes(sized: Any) -> None:
    pg = sized
    open_page(pg)
    compare(pg, "2017-02-19", "2017-03-15")
    pg.wait_for_function(f"async () => {{ const s = {MAP}.getSource('fl-compare');"
                         " return s && (await s.getData()).features.length > 0; }",
                         timeout=15_000)
    pg.wait_for_timeout(500)
    pg.locator(f"#{ids.COMPARE}").scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"compare-{pg.viewport_size['width']}.png"))
    assert pg.log.console_errors == [] and pg.log.page_errors == []


def test_the_legend_explains_how_sure_each_colour_is(page: Any) -> None:
    open_page(page)
    page.locator(f"#{ids.UNCERTAINTY} summary").click()
    rows = page.locator(f"#{ids.UNCERTAINTY} .fl-basis").all_text_contents()
    assert [r.split(" ")[0] for r in rows] == ["reported", "inferred", "assumed", "analyst"]
    text = str(page.text_content(f"#{ids.UNCERTAINTY}"))
    assert "days" in text and "Evidence age" in text and "oundaries" in text
    colours = page.eval_on_selector_all(f"#{ids.UNCERTAINTY} .fl-swatch",
                                        "els => els.map(e => getComputedStyle(e).backgroundColor)")
    assert len(set(colours)) == 4
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(f"#{ids.LEGEND}").screenshot(path=str(SHOTS / "uncertainty-legend.png"))
