"""The history tab: every step of the decision log, newest first, with who, when and why,
and an undo for each (an undo is a step of its own; undoing it puts the decision back)."""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
from dash import Dash, Input, Output, State, dcc, html, no_update

from dashboard import ids
from dashboard.curation.context import CurationContext, unless_tab_switch
from frontline.errors import FrontlineError, InputError
from timeline.store.sql.decisions import HistoryEntry

LABEL = "History"
COLUMNS = (("at", "When (UTC)", 150), ("author", "Who", 100), ("action", "Action", 80),
           ("scope", "On", 90), ("subject", "Subject", 230), ("what", "What", 230),
           ("reason", "Why", 220), ("state", "State", 170), ("id", "Decision", 140))
HIDDEN = ("claim_id", "name", "override_id", "annotation_id", "outlet")


def layout(cx: CurationContext) -> html.Div:
    return html.Div(className="fl-curation-tab", children=[
        html.P("Every decision, newest first. Click one, give a reason, and undo it; an "
               "undo can be undone too.", className="fl-small"),
        dag.AgGrid(id=ids.CURATION_HISTORY, rowData=[], getRowId="params.data.id",
                   columnDefs=[{"field": f, "headerName": h, "width": w}
                               for f, h, w in COLUMNS],
                   defaultColDef={"resizable": True, "sortable": True},
                   dashGridOptions={"rowSelection": {"mode": "singleRow", "checkboxes": False,
                                                     "enableClickSelection": True},
                                    "animateRows": False,
                                    "suppressColumnVirtualisation": True},
                   style={"height": "200px"}, className="ag-theme-quartz"),
        html.Div(className="fl-curation-row", children=[
            dcc.Input(id=ids.CURATION_HISTORY_REASON, type="text", maxLength=500,
                      placeholder="why undo it (optional)", style={"minWidth": "24em"}),
            html.Button("Undo the selected decision", id=ids.CURATION_UNDO, n_clicks=0,
                        className="fl-button"),
        ]),
        html.Div(id=ids.CURATION_HISTORY_STATUS, className="fl-small", role="status"),
    ])


def history_row(entry: HistoryEntry) -> dict[str, Any]:
    """One step of the log as the table shows it."""
    what = " ".join(f"{k}={v}" for k, v in entry.detail.items()
                    if k not in HIDDEN and v not in (None, "", [], {}))
    if entry.retracts:
        what = f"undo of {entry.retracts}"
    state = "in force" if entry.in_force else (
        f"undone by {entry.retracted_by}" if entry.retracted_by else
        "undo" if entry.retracts else "superseded")
    return {"id": entry.id, "at": entry.decided.at.strftime("%Y-%m-%d %H:%M:%S"),
            "author": entry.decided.author, "action": entry.action, "scope": entry.scope,
            "subject": entry.subject, "what": what, "reason": entry.decided.reason,
            "state": state}


def register(app: Dash, cx: CurationContext) -> None:

    @app.callback(Output(ids.CURATION_HISTORY, "rowData"),
                  Input(ids.CURATION_LISTED, "data"), Input(ids.CURATION_TABS, "value"))
    def _rows(_version: Any, _tab: Any) -> list[dict[str, Any]]:
        unless_tab_switch()
        if not cx.has_log():
            return []
        return [history_row(e) for e in reversed(cx.log().history())]

    @app.callback(Output(ids.CURATION_REFRESH, "data", allow_duplicate=True),
                  Output(ids.CURATION_HISTORY_STATUS, "children"),
                  Input(ids.CURATION_UNDO, "n_clicks"),
                  State(ids.CURATION_HISTORY, "selectedRows"),
                  State(ids.CURATION_HISTORY_REASON, "value"),
                  prevent_initial_call=True)
    def _undo(_clicks: Any, selected: list[dict[str, Any]] | None,
              reason: str | None) -> tuple[Any, str]:
        try:
            decided = cx.decided_by(reason or "")
            chosen = [r["id"] for r in selected or [] if isinstance(r, dict) and "id" in r]
            if not chosen:
                raise InputError("click the decision to undo first")
            done = cx.log().undo(chosen[0], decided)
            cx.decided(done)
            return cx.saved(), f"Undid {chosen[0]} (decision {done.id})."
        except FrontlineError as exc:
            return no_update, f"Not undone: {' '.join(str(exc).split())}"
