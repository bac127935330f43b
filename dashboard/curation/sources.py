"""The sources tab: each outlet's reliability on the Admiralty scale (A-F, F for an outlet
nobody has graded), set by analysts, beside the credibility (1-6) of its claims."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import dash_ag_grid as dag
from dash import Dash, Input, Output, State, dcc, html, no_update

from dashboard import ids
from dashboard.curation.context import CurationContext, unless_tab_switch
from frontline.errors import FrontlineError, InputError
from timeline.control.credibility import CREDIBILITY_MEANINGS, grade_for
from timeline.control.model import Evidence
from timeline.curation import claims_of
from timeline.decisions import GRADE_MEANINGS, GRADES, Decisions, SourceGrade
from timeline.records import Extraction

LABEL = "Sources"
COLUMNS = (("outlet", "Outlet", 240), ("grade", "Grade", 80), ("meaning", "Meaning", 190),
           ("graded", "Graded by", 220), ("claims", "Claims", 80),
           ("credibility", "Credibility of its claims (1-6: count)", 280))


def outlets(extractions: Sequence[Extraction]) -> list[str]:
    """Every outlet a stored claim comes from, sorted."""
    return sorted({c.provenance.source for ex in extractions for c in claims_of(ex)
                   if c.provenance.source})


def source_rows(extractions: Sequence[Extraction], decisions: Decisions,
                evidence: Mapping[str, Evidence]) -> list[dict[str, Any]]:
    """A row per outlet: its grade in force, who set it, and its claims' credibility."""
    claims: dict[str, list[str]] = {}
    for ex in extractions:
        for c in claims_of(ex):
            claims.setdefault(c.provenance.source, []).append(c.id)
    rows = []
    for outlet in outlets(extractions):
        grade = grade_for(decisions, outlet)
        by = next((g for g in reversed(decisions.grades) if g.outlet == outlet), None)
        counts = Counter(evidence[i].credibility for i in claims.get(outlet, ())
                         if i in evidence and evidence[i].credibility)
        rows.append({
            "outlet": outlet, "grade": grade, "meaning": GRADE_MEANINGS[grade],
            "graded": (f"{by.decided.author} {by.decided.at:%Y-%m-%d}"
                       + (f": {by.decided.reason}" if by.decided.reason else ""))
            if by else "nobody (F by default)",
            "claims": len(claims.get(outlet, ())),
            "credibility": ", ".join(f"{k}: {n}" for k, n in sorted(counts.items()))})
    return rows


def layout(cx: CurationContext) -> html.Div:
    names = outlets(cx.extractions())
    return html.Div(className="fl-curation-tab", children=[
        html.P("Reliability of the source (Admiralty scale): "
               + "; ".join(f"{g} {m}" for g, m in GRADE_MEANINGS.items())
               + ". Credibility of a claim, from corroboration: "
               + "; ".join(f"{k} {m}" for k, m in CREDIBILITY_MEANINGS.items())
               + ". A claim from an outlet graded E contests its districts at most.",
               className="fl-small"),
        dag.AgGrid(id=ids.CURATION_SOURCES, rowData=[], getRowId="params.data.outlet",
                   columnDefs=[{"field": f, "headerName": h, "width": w}
                               for f, h, w in COLUMNS],
                   defaultColDef={"resizable": True, "sortable": True},
                   dashGridOptions={"animateRows": False,
                                    "suppressColumnVirtualisation": True},
                   style={"height": "180px"}, className="ag-theme-quartz"),
        html.Div(className="fl-curation-row", children=[
            dcc.Dropdown(id=ids.CURATION_GRADE_OUTLET, placeholder="outlet",
                         options=[{"label": n, "value": n} for n in names],
                         style={"minWidth": "16em"}),
            dcc.Dropdown(id=ids.CURATION_GRADE, placeholder="grade", clearable=False,
                         options=[{"label": f"{g}: {GRADE_MEANINGS[g]}", "value": g}
                                  for g in GRADES], style={"minWidth": "16em"}),
            dcc.Input(id=ids.CURATION_GRADE_REASON, type="text", maxLength=500,
                      placeholder="why (optional)", style={"minWidth": "18em"}),
            html.Button("Save grade", id=ids.CURATION_GRADE_SAVE, n_clicks=0,
                        className="fl-button"),
        ]),
        html.Div(id=ids.CURATION_SOURCES_STATUS, className="fl-small", role="status"),
    ])


def register(app: Dash, cx: CurationContext) -> None:

    @app.callback(Output(ids.CURATION_SOURCES, "rowData"),
                  Output(ids.CURATION_GRADE_OUTLET, "options"),
                  Input(ids.CURATION_LISTED, "data"), Input(ids.CURATION_TABS, "value"))
    def _rows(_version: Any, _tab: Any) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
        unless_tab_switch()
        # An outlet of a report added meanwhile can be graded without a reload.
        extractions = cx.extractions()
        return (source_rows(extractions, cx.decisions(), cx.evidence()),
                [{"label": n, "value": n} for n in outlets(extractions)])

    @app.callback(Output(ids.CURATION_REFRESH, "data", allow_duplicate=True),
                  Output(ids.CURATION_SOURCES_STATUS, "children"),
                  Input(ids.CURATION_GRADE_SAVE, "n_clicks"),
                  State(ids.CURATION_GRADE_OUTLET, "value"),
                  State(ids.CURATION_GRADE, "value"),
                  State(ids.CURATION_GRADE_REASON, "value"),
                  prevent_initial_call=True)
    def _grade(_clicks: Any, outlet: str | None, grade: str | None,
               reason: str | None) -> tuple[Any, str]:
        try:
            decided = cx.decided_by(reason or "")
            if not outlet or not grade:
                raise InputError("choose an outlet and a grade")
            try:
                decision = SourceGrade(outlet, grade, decided)
            except ValueError as exc:
                raise InputError(str(exc)) from None
            done = cx.log().record(decision)
            cx.decided(done)
            return cx.saved(), f"{outlet} graded {grade} (decision {done.id})."
        except FrontlineError as exc:
            return no_update, f"Not saved: {' '.join(str(exc).split())}"
