"""The curation panel: a tab per kind of decision, the sign-in line, and the refresh that
makes the open page show a decision at once.

The tabs are the modules of :data:`TABS` (see the CURATION-INTERFACE note in
:mod:`dashboard.curation`). An edit writes ``ids.CURATION_REFRESH``; :func:`register`
answers it by republishing the store (the control timeline rebuilt with the decision,
the page data with it) and sending the new page data to the open page, whose map and
lists redraw from it with no reload. ``ids.CURATION_VERSION`` then names the store
version the page shows, and the tabs' lists refresh on it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import ModuleType
from typing import Any

from dash import Dash, Input, Output, dcc, html, no_update

from dashboard import ids
from dashboard.auth import SIGN_IN, SIGN_OUT
from dashboard.curation import (
    add_report,
    audit,
    corrections,
    history,
    names,
    notes,
    review,
    sources,
)
from dashboard.curation.context import CurationContext
from frontline.errors import FrontlineError

TABS: list[ModuleType] = [review, add_report, names, corrections, notes, history,
                          sources, audit]

# (store version, page data JSON) of the store as it is now, rebuilt with the decisions.
Republish = Callable[[], tuple[str, dict[str, Any]]]


def layout(cx: CurationContext, version: str = "") -> html.Section:
    """The panel: who is signed in, the refresh stores, and one tab per module."""
    return html.Section(className="fl-curation", children=[
        html.Div(className="fl-curation-head", children=[
            html.H2("Curation", className="fl-h2"),
            html.Div(id=ids.CURATION_USER, className="fl-small"),
            html.Div(id=ids.CURATION_NOTICE, className="fl-small", role="status"),
        ]),
        dcc.Store(id=ids.CURATION_REFRESH, data=None),
        dcc.Store(id=ids.CURATION_VERSION, data=version),
        dcc.Tabs(id=ids.CURATION_TABS, className="fl-curation-tabs", children=[
            dcc.Tab(label=tab.LABEL, value=tab.__name__.rsplit(".", 1)[-1],
                    children=tab.layout(cx)) for tab in TABS]),
    ])


def user_line(who: str | None) -> list[Any]:
    """Who edits: the analyst and a sign-out link, or the sign-in link."""
    if who is None:
        return ["Viewing (no account needed). ",
                html.A("Sign in to edit", href=f"{SIGN_IN}?next=/", id="curation-sign-in")]
    return [f"Signed in as {who}. ", html.A("Sign out", href=SIGN_OUT, id="curation-sign-out")]


def register(app: Dash, cx: CurationContext, republish: Republish) -> None:
    """The panel's callbacks and every tab's."""

    @app.callback(Output(ids.CURATION_USER, "children"),
                  Input(ids.CURATION_VERSION, "data"))
    def _user(_version: Any) -> list[Any]:
        return user_line(cx.who())

    @app.callback(Output(ids.PAGE_DATA, "data", allow_duplicate=True),
                  Output(ids.CURATION_VERSION, "data"),
                  Output(ids.CURATION_NOTICE, "children"),
                  Input(ids.CURATION_REFRESH, "data"),
                  prevent_initial_call=True)
    def _refresh(saved: Any) -> tuple[Any, Any, str]:
        if not saved or cx.who() is None:  # only an analyst's save rebuilds the store
            return no_update, no_update, ""
        start = time.perf_counter()
        try:
            version, data = republish()
        except FrontlineError as exc:
            return no_update, no_update, f"Saved, but the map could not be rebuilt: {exc}"
        took = time.perf_counter() - start
        return data, version, f"Decision saved; the map shows it (rebuilt in {took:.1f} s)."

    for tab in TABS:
        tab.register(app, cx)
