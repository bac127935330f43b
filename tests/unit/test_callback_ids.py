"""Every id a callback names is on the page or in the curation tabs (SYNTHETIC article).

The curation panel's tabs reach the page when it is first opened (``panel.body``), so
the app turns off Dash's own check of callback ids against the first layout: this test
does that check instead, against the layout and the tabs together.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dash.development.base_component import Component

from dashboard import ids
from dashboard.app import create_app
from dashboard.curation import panel
from dashboard.curation.context import CurationContext
from geodata.theatre import load_theatre
from tests.unit.test_curation_app import make_store


def _ids(component: Any) -> set[str]:
    found = {str(component.id)} if getattr(component, "id", None) else set()
    for child in component._traverse():
        if isinstance(child, Component) and getattr(child, "id", None):
            found.add(str(child.id))
    return found


def _named(dep: dict[str, Any]) -> set[str]:
    # Pattern-matching ids (JSON, matched at run time) are not fixed ids: left out.
    named = {str(i["id"]) for i in [*dep.get("inputs", []), *dep.get("state", [])]
             if isinstance(i["id"], str) and not i["id"].startswith("{")}
    for part in dep["output"].strip(".").split("..."):
        if part and not part.startswith("{"):
            named.add(part.rsplit(".", 1)[0])
    return named


def test_every_callback_id_is_in_the_layout_or_the_curation_tabs(tmp_path: Path) -> None:
    store, settings = make_store(tmp_path)
    app = create_app(store=store, settings=settings)
    client = app.server.test_client()
    deps = json.loads(client.get("/_dash-dependencies").data)
    layout = app.builds.get().layout.component if app.builds else app.layout
    cx = CurationContext(store, settings, load_theatre(settings.theatre))
    known = _ids(layout)
    tabs: set[str] = set()
    for part in panel.body(cx):
        tabs |= _ids(part)
    assert ids.CURATION_TABS in tabs and ids.CURATION_TABS not in known
    missing = {name for dep in deps for name in _named(dep)} - known - tabs
    assert missing == set()
