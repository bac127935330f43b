"""The curation panel: a tab per kind of decision, the sign-in line, and the refresh that
makes the open page show a decision at once.

The tabs are the modules of :data:`TABS` (see the CURATION-INTERFACE note in
:mod:`dashboard.curation`). An edit writes ``ids.CURATION_REFRESH``; :func:`register`
answers it by republishing the store (the control timeline rebuilt with the decision,
the page data with it) and sending the open page the parts of its page data that
changed, and the figures chart when it changed (:mod:`dashboard.page_updates`); its
map, chart and lists redraw from them with no reload. ``ids.CURATION_VERSION`` then
names the store version the page shows, and the tabs' lists refresh on it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from dash import Dash, Input, Output, State, dcc, html, no_update

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
from dashboard.page_updates import PageUpdate
from frontline.errors import FrontlineError

TABS: list[ModuleType] = [review, add_report, names, corrections, notes, history,
                          sources, audit]

POLL_MS = 1000
FILLED = "fl-curation-body"  # the body's class once its tabs have come


@dataclass(frozen=True)
class Publisher:
    """How the panel republishes: ``republish`` rebuilds with the decisions in force
    and returns what a page showing the given store version is sent
    (:mod:`dashboard.page_updates`); ``pending`` is the first day of the "as known on"
    replay still being caught up in the background (None: none); ``current`` is what
    such a page is sent to show the store as it is now (None: it shows it already);
    ``warm`` readies the fast path (run once, in the background); ``follow`` is what
    a page showing the given version is sent when the store changed elsewhere (None:
    nothing new, or the new version is still being loaded); ``busy`` says whether this
    process is building a decision's timeline now."""

    republish: Callable[[str | None], PageUpdate]
    pending: Callable[[], dt.date | None]
    current: Callable[[str | None], PageUpdate | None]
    warm: Callable[[], None] | None = None
    follow: Callable[[str | None], PageUpdate | None] = lambda _shown: None
    busy: Callable[[], bool] = lambda: False


def layout(cx: CurationContext, version: str = "") -> html.Details:
    """The panel, folded under the map until opened: who is signed in and the refresh
    stores. Its tabs (:func:`body`) come when it is first opened: most readers never
    open it, and the tabs' lists, pickers and grids were a tenth of the page's data and
    nine requests of every page load."""
    follow = cx.settings.follow_seconds
    return html.Details(className="fl-curation", open=False, children=[
        html.Summary(id=ids.CURATION_HEAD, className="fl-curation-head", n_clicks=0,
                     children=[
            html.Span("Curation: review claims, history, sources", className="fl-h2"),
            html.Span(id=ids.CURATION_USER, className="fl-small"),
            html.Span(id=ids.CURATION_NOTICE, className="fl-small", role="status"),
        ]),
        dcc.Store(id=ids.CURATION_VERSION, data=version),
        dcc.Interval(id=ids.CURATION_POLL, interval=POLL_MS, disabled=True),
        # Decisions made elsewhere (another analyst, tab, worker, the CLI) reach the
        # open page at this pace, viewers' pages included.
        dcc.Interval(id=ids.CURATION_FOLLOW, interval=max(1, follow) * 1000,
                     disabled=follow == 0),
        html.Div(id=ids.CURATION_BODY),
    ])


def body(cx: CurationContext) -> list[Any]:
    """One tab per module, and the store their edits write; their callbacks run when the
    tabs arrive, as at a page load. The store comes with them: Dash runs a callback whose
    inputs arrive while its outputs were already there, ``prevent_initial_call`` or not,
    so an edit callback must not find its output waiting."""
    return [dcc.Store(id=ids.CURATION_REFRESH, data=None),
            dcc.Store(id=ids.CURATION_LISTED, data=cx.store.version()),
            dcc.Tabs(id=ids.CURATION_TABS, className="fl-curation-tabs",
                     value=TABS[0].__name__.rsplit(".", 1)[-1], children=[
                dcc.Tab(label=tab.LABEL, value=tab.__name__.rsplit(".", 1)[-1],
                        children=tab.layout(cx)) for tab in TABS])]


def user_line(who: str | None) -> list[Any]:
    """Who edits: the analyst and a sign-out link, or the sign-in link."""
    if who is None:
        return ["Viewing (no account needed). ",
                html.A("Sign in to edit", href=f"{SIGN_IN}?next=/", id="curation-sign-in")]
    return [f"Signed in as {who}. ", html.A("Sign out", href=SIGN_OUT, id="curation-sign-out")]


def register(app: Dash, cx: CurationContext, publisher: Publisher) -> None:
    """The panel's callbacks and every tab's. ``publisher.warm`` runs once, in the
    background, when a signed-in analyst first opens the page."""
    warming: list[threading.Thread] = []

    @app.callback(Output(ids.CURATION_USER, "children"),
                  Input(ids.CURATION_VERSION, "data"))
    def _user(_version: Any) -> list[Any]:
        who = cx.who()
        # Warmed when an analyst first opens the page: viewers never pay for it.
        if who is not None and publisher.warm is not None and not warming:
            warming.append(threading.Thread(target=_quietly, args=(publisher.warm,),
                                            name="curation-warm-up", daemon=True))
            warming[0].start()
        return user_line(who)

    @app.callback(Output(ids.CURATION_BODY, "children"),
                  Output(ids.CURATION_BODY, "className"),
                  Input(ids.CURATION_HEAD, "n_clicks"),
                  State(ids.CURATION_BODY, "className"), prevent_initial_call=True)
    def _body(_clicks: Any, filled: Any) -> tuple[Any, Any]:
        # The summary's first click opens the panel; later ones fold and unfold it, and
        # the tabs stay as the analyst left them. (A quick second click may drop the
        # first one's answer, so what decides is whether the tabs came, not the count.)
        if filled == FILLED:
            return no_update, no_update
        return body(cx), FILLED

    @app.callback(Output(ids.PAGE_DATA, "data", allow_duplicate=True),
                  Output(ids.CHART, "figure", allow_duplicate=True),
                  Output(ids.CURATION_VERSION, "data"),
                  Output(ids.CURATION_LISTED, "data"),
                  Output(ids.CURATION_NOTICE, "children"),
                  Output(ids.CURATION_POLL, "disabled"),
                  Input(ids.CURATION_REFRESH, "data"),
                  State(ids.CURATION_VERSION, "data"),
                  prevent_initial_call=True)
    def _refresh(saved: Any, shown: Any) -> tuple[Any, Any, Any, Any, str, bool]:
        if not saved or cx.who() is None:  # only an analyst's save rebuilds the store
            return no_update, no_update, no_update, no_update, "", True
        start = time.perf_counter()
        try:
            update = publisher.republish(shown if isinstance(shown, str) else None)
        except FrontlineError as exc:
            return (no_update, no_update, no_update, no_update,
                    f"Saved, but the map could not be rebuilt: {exc}", True)
        took = time.perf_counter() - start
        pending = publisher.pending()
        return (update.data, update.chart, update.version, update.version,
                notice(took, pending), pending is None)

    @app.callback(Output(ids.PAGE_DATA, "data", allow_duplicate=True),
                  Output(ids.CHART, "figure", allow_duplicate=True),
                  Output(ids.CURATION_VERSION, "data", allow_duplicate=True),
                  Output(ids.CURATION_LISTED, "data", allow_duplicate=True),
                  Output(ids.CURATION_NOTICE, "children", allow_duplicate=True),
                  Output(ids.CURATION_POLL, "disabled", allow_duplicate=True),
                  Input(ids.CURATION_POLL, "n_intervals"),
                  State(ids.CURATION_VERSION, "data"),
                  prevent_initial_call=True)
    def _caught_up(_tick: Any, shown: Any) -> tuple[Any, Any, Any, Any, Any, bool]:
        if publisher.pending() is not None:
            return no_update, no_update, no_update, no_update, no_update, False
        update = publisher.current(shown if isinstance(shown, str) else None)
        if update is None:
            return no_update, no_update, no_update, no_update, no_update, True
        return (update.data, update.chart, update.version, update.version,
                "Decision saved; the map shows it in both views.", True)

    @app.callback(Output(ids.PAGE_DATA, "data", allow_duplicate=True),
                  Output(ids.CHART, "figure", allow_duplicate=True),
                  Output(ids.CURATION_VERSION, "data", allow_duplicate=True),
                  Output(ids.CURATION_NOTICE, "children", allow_duplicate=True),
                  Input(ids.CURATION_FOLLOW, "n_intervals"),
                  State(ids.CURATION_VERSION, "data"),
                  prevent_initial_call=True)
    def _followed(_tick: Any, shown: Any) -> tuple[Any, Any, Any, Any]:
        # This process's own decision answers its page itself (_refresh, _caught_up):
        # while it is built, the store may name a decision its saved timeline lacks.
        if publisher.busy() or publisher.pending() is not None:
            return no_update, no_update, no_update, no_update
        update = publisher.follow(shown if isinstance(shown, str) else None)
        if update is None:
            return no_update, no_update, no_update, no_update
        return (update.data, update.chart, update.version,
                f"The map now shows decisions made elsewhere ({clock()} UTC).")

    # The tabs' lists follow the version the page shows, whoever changed it.
    @app.callback(Output(ids.CURATION_LISTED, "data", allow_duplicate=True),
                  Input(ids.CURATION_VERSION, "data"),
                  State(ids.CURATION_LISTED, "data"), prevent_initial_call=True)
    def _listed(version: Any, listed: Any) -> Any:
        return no_update if version == listed else version

    for tab in TABS:
        tab.register(app, cx)


def clock() -> str:
    """The time of day now, to the minute, as the panel's notices give it."""
    return dt.datetime.now(dt.UTC).strftime("%H:%M")


def notice(took: float, pending: dt.date | None) -> str:
    """What the analyst is told once the page shows a decision."""
    said = f"Decision saved; the map shows it (published in {took:.1f} s)."
    if pending is None:
        return said
    return (f"{said} The \"as known on\" view from {pending.isoformat()} on is being "
            "recomputed; it follows by itself.")


def _quietly(run: Callable[[], None]) -> None:
    """A warm-up that fails leaves the first decision to a full build (no harm done)."""
    with contextlib.suppress(FrontlineError, OSError, ValueError):
        run()
