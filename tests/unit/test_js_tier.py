"""The browser code's pure functions, run by Node without a browser.

``node --test tests/js/`` is the JS test tier; it runs here so that ``make test`` and
``make test-fast`` run it. The parity tests below call ``frontline.js`` through
``tests/js/bridge.js`` (JSON in, JSON out) and compare it with its Python twins, on
the real Mosul districts with a SYNTHETIC timeline and article. Without Node the tier
is skipped on a developer's machine, and fails under CI (``CI=true``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from geodata.districts import build_districts
from geodata.theatre import load_theatre
from tests.unit.dashboard_synthetic import synthetic_extractions, synthetic_timeline
from timeline.known import known_by as rule_known_by
from viewmodel.hover import safe
from viewmodel.page_data import PageData, build_page_data, frame
from viewmodel.page_events import FigurePoint

ROOT = Path(__file__).resolve().parents[2]
JS_TESTS = ROOT / "tests" / "js"


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        message = "node not found: the JS test tier needs Node.js (20 or later)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def call_js(node: str, calls: list[tuple[str, list[Any]]],
            data: dict[str, Any] | None = None) -> list[Any]:
    """Results of ``frontline.js`` functions called by name with JSON arguments, after
    the page data store ``data`` when one is given."""
    result = subprocess.run(
        [node, str(JS_TESTS / "bridge.js")], input=json.dumps({"data": data, "calls": calls}),
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


@pytest.fixture(scope="module")
def page() -> PageData:
    theatre = load_theatre()
    districts = build_districts(theatre)
    return build_page_data(theatre, districts, synthetic_timeline(tuple(districts["id"])),
                           synthetic_extractions(theatre), fade_days=7)


def test_node_test_tier_passes(node: str) -> None:
    result = subprocess.run([node, "--test", str(JS_TESTS)], cwd=ROOT, capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout


def test_safe_is_pythons_safe_for_every_character(node: str) -> None:
    """Every character of the Basic Multilingual Plane between two words (whitespace is
    where the two languages disagree most), and a few strings of markup."""
    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    texts = [f"a{c}b" for c in chars] + [
        "  <img src=x onerror=alert(1)>\t&amp; \"q\" 'a'\n\u00a0<b>x</b>\x1c\ufeff ",
        "", " ", "R&D < 5 > 3", "\u2028line\u2029para\x85", "٣٬٣٢٠ قتيل",
    ]
    got = call_js(node, [("safe", [t]) for t in texts])
    assert [t for t, g in zip(texts, got, strict=True) if g != safe(t)] == []


def test_frame_is_pythons_frame(node: str, page: PageData) -> None:
    data = page.to_json()
    days = sorted({*range(0, page.n_days, 9), page.n_days - 1,
                   *page.views["main"].changes, *page.views["known"].changes})
    days = [d for d in days if 0 <= d < page.n_days]
    calls = [("frame", [d, known]) for d in days for known in (False, True)]
    got = call_js(node, calls, data)
    for (_, (d, known)), js in zip(calls, got, strict=True):
        want = frame(page, d, known)
        assert js["z"] == want["z"], (d, known)
        assert js["text"] == want["text"], (d, known)
        assert js["front"] == want["front"], (d, known)
        assert js["events"] == [[i, o] for i, o in want["events"]], (d, known)
    assert any(js["events"] for js in got) and any(js["front"]["lon"] for js in got)


def test_event_hovers_are_pythons(node: str, page: PageData) -> None:
    data = page.to_json()
    got = call_js(node, [("eventHover", [i]) for i in range(len(page.events))], data)
    assert got == [e.hover for e in page.events] and got


def known_by(point: FigurePoint, date: dt.date) -> bool:
    """The one known-on rule (:func:`timeline.known.known_by`) on a chart point."""
    return rule_known_by(point.known_from, date)


def published_differences(node: str, page: PageData) -> list[tuple[int, int]]:
    """(day, figure) pairs where ``isPublished`` on the page data's ``pub`` and ``day``
    disagrees with the exports' rule on the figure's dates."""
    figures = page.to_json()["figures"]
    calls = [("isPublished", [f, d]) for d in range(page.n_days) for f in figures]
    got = iter(call_js(node, calls))
    return [(d, i) for d in range(page.n_days) for i, point in enumerate(page.figures)
            if next(got) != known_by(point, page.date_of(d))]


def test_is_published_is_the_exports_known_on_rule(node: str, page: PageData) -> None:
    """On every day, ``isPublished`` keeps exactly the figures the export of that day,
    as known, keeps. Beside the article's figures: one reported before the day it is
    dated (a forecast) and one with no publication date."""
    point = page.figures[0]
    mixed = replace(page, figures=(
        *page.figures,
        replace(point, date=page.date_of(page.n_days // 2), known_from=page.date_of(3)),
        replace(point, known_from=None)))
    assert published_differences(node, mixed) == []
    assert any(known_by(p, page.date_of(page.n_days - 1)) for p in page.figures)
    assert not all(known_by(p, page.date_of(0)) for p in page.figures)


def test_is_published_on_a_figure_dated_after_the_battle(node: str, page: PageData) -> None:
    """The page clamps a figure's chart day into the battle window; knowability does not
    depend on it, so a figure dated after the battle is known once published, in the
    browser as in the exports."""
    last = page.n_days - 1
    late = replace(page.figures[0], date=page.date_of(last + 5), known_from=page.date_of(last))
    assert published_differences(node, replace(page, figures=(late,))) == []
