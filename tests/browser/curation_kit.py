"""What the curation browser tests share: a server on SYNTHETIC reports with an analyst
account, signing in, and the panel's tabs, buttons and status lines.

Every report these tests write is SYNTHETIC. The account is made with the real
``timeline analysts add`` command, the way an administrator makes one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest

from dashboard import auth, ids
from tests.conftest import ROOT, build_data

ANALYST = "ana"
PASSWORD = "synthetic-pass-123"


def synthetic_data(factory: pytest.TempPathFactory, folder: str,
                   reports: dict[str, str]) -> dict[str, str]:
    """Data built by the real CLIs from ``reports`` (file name -> SYNTHETIC text), with
    the analyst's account made; the environment that serves it."""
    root = factory.mktemp(folder)
    seeds = root / "seeds"
    seeds.mkdir()
    for name, text in reports.items():
        (seeds / name).write_text(text, encoding="utf-8")
    env = build_data(root / "data", seeds)
    added = subprocess.run([sys.executable, "-m", "timeline", "analysts", "add", ANALYST,
                            "--password-stdin"], cwd=ROOT, env={**os.environ, **env},
                           input=PASSWORD + "\n", capture_output=True, text=True, timeout=120)
    assert added.returncode == 0, added.stderr
    return env


def sign_in(pg: Any, timeout: float = 120_000) -> None:
    """Sign in as the analyst and land on the map page (a first load on a busy 2-core
    machine builds and compresses the layout, hence the long wait)."""
    pg.goto(pg.base_url + auth.SIGN_IN.lstrip("/") + "?next=/", timeout=timeout)
    pg.fill("#sign-in-name", ANALYST)
    pg.fill("#sign-in-password", PASSWORD)
    pg.click("#sign-in-submit")
    pg.wait_for_url(pg.base_url, timeout=timeout)


def open_panel(pg: Any, signed_in: bool = False) -> None:
    """Unfold the curation panel under the map; ``signed_in``: and wait until it says so."""
    pg.click("summary.fl-curation-head")
    pg.wait_for_selector(f"#{ids.CURATION_TABS}", state="visible")
    if signed_in:
        status(pg, ids.CURATION_USER, f"Signed in as {ANALYST}")


def press(pg: Any, selector: str) -> None:
    """Click an element of the panel, brought into view at the bottom of the window: the
    map stays in view at the top while the page scrolls and may cover it."""
    target = pg.locator(selector).first
    target.evaluate("(el) => el.scrollIntoView({block: 'end'})")
    target.click()


def tab(pg: Any, label: str) -> None:
    """Open a curation tab."""
    press(pg, f"#{ids.CURATION_TABS} .tab:has-text('{label}')")


def status(pg: Any, ident: str, text: str, timeout: float = 60_000) -> str:
    """Wait until the element ``ident`` says ``text``; what it says then."""
    pg.wait_for_function("([i, t]) => (document.getElementById(i).textContent || '')"
                         ".includes(t)", arg=[ident, text], timeout=timeout)
    return str(pg.text_content(f"#{ident}") or "")


def refreshed(pg: Any) -> None:
    """Wait until the panel says the open map shows the last decision."""
    status(pg, ids.CURATION_NOTICE, "the map shows it", 90_000)


def clean(pg: Any) -> None:
    """No console or page error, and no request left the machine."""
    assert pg.log.console_errors == [] and pg.log.page_errors == []
    assert pg.log.foreign_requests == []


QUEUE_ROWS = f"#{ids.CURATION_QUEUE} .ag-center-cols-container .ag-row"
CODES = ("() => { const data = window.dash_clientside.frontline.pageData;"
         " const map = window.frontline.mapInstance();"
         " const src = window.frontline.mapView.sources.districts;"
         " return data.district_ids.map(d => map.getFeatureState({source: src, id: d}).code);"
         " }")


def zs(pg: Any) -> list[int]:
    """Every district's colour code as the map draws it (MapLibre's feature state)."""
    return [int(v) for v in pg.evaluate(CODES)]


def mark_page(pg: Any) -> None:
    """A flag that a reload would lose: the decision must reach this very page."""
    pg.evaluate("() => { window.__notReloaded = true; }")


def not_reloaded(pg: Any) -> bool:
    """Whether the flag of :func:`mark_page` is still there (the page was not reloaded)."""
    return bool(pg.evaluate("() => window.__notReloaded === true"))


def open_claim(pg: Any, text: str) -> None:
    """Open the review queue's first claim whose row says ``text``."""
    row = pg.locator(QUEUE_ROWS).filter(has_text=text).first
    row.wait_for(timeout=20_000)
    row.locator("[col-id=what]").click()
    pg.wait_for_selector(f"#{ids.CURATION_CLAIM} h3", timeout=20_000)


def wait_map_change(pg: Any, before: list[int]) -> None:
    """Wait until some district's colour code differs from ``before`` (see :func:`zs`)."""
    pg.wait_for_function(
        "(before) => { const now = (" + CODES + ")();"
        " return now.some((v, i) => v !== before[i]); }", arg=before, timeout=60_000)
