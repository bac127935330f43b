"""The review queue tab: list and filter every claim, open one with its sentence marked in
the article, accept, reject or edit it (a reason required for a rejection or an edit),
accept many at once.

The rows come from :mod:`dashboard.curation.queue`. Article text reaches the page only
as text children (React escapes them): the sentence is a ``html.Mark`` between two
plain strings, never markup built from the article.
"""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update

from dashboard import ids
from dashboard.curation.context import CurationContext
from dashboard.curation.queue import REVIEW_STATES, Filters, filtered, queue_rows
from frontline.errors import FrontlineError, InputError
from timeline.curation import apply_decisions, check_changes, claim_decision, claims_of
from timeline.decisions import ClaimDecision
from timeline.new_places import with_new_places
from timeline.records import (
    EVENT_KINDS,
    EVENT_STATUSES,
    FIGURE_KINDS,
    PRECISIONS,
    QUALIFIERS,
    Event,
    Extraction,
    Figure,
)
from timeline.store.sql.decisions import new_decision_id
from timeline.store.sql.schema import SCOPE_CLAIM

LABEL = "Review queue"
CONTEXT_CHARS = 1200  # article text shown either side of the claim's sentence
LOW_FIRST = "low"
UNREVIEWED_ONLY = "unreviewed"
COLUMNS = (("review", "Review", 110), ("kind", "Kind", 150), ("what", "Claim", 340),
           ("places", "Places", 160), ("date", "Date", 105), ("outlet", "Outlet", 150),
           ("grade", "Grade", 70), ("credibility", "Credibility", 130), ("flags", "Flags", 70),
           ("article", "Article", 180), ("reviewed", "Reviewed", 220))
TEXT_FIELDS = ("date", "actor", "as_of", "subject", "claimant", "value", "low", "high")


def _dropdown(id_: str, options: list[str], placeholder: str) -> dcc.Dropdown:
    return dcc.Dropdown(id=id_, options=[{"label": o, "value": o} for o in options],
                        placeholder=placeholder, clearable=True, style={"minWidth": "11em"})


def filter_choices(cx: CurationContext) -> tuple[list[str], list[dict[str, str]]]:
    """The article and place filters' options: the stored reports, and the gazetteer's
    places with those analysts added."""
    places = with_new_places(cx.theatre, cx.decisions().places).places
    return (sorted(cx.store.article_ids()),
            [{"label": p.name, "value": p.id} for p in places])


def layout(cx: CurationContext) -> html.Div:
    kinds = ["event", "figure", *(f"event: {k}" for k in EVENT_KINDS),
             *(f"figure: {k}" for k in FIGURE_KINDS)]
    articles, places = filter_choices(cx)
    return html.Div(className="fl-curation-tab", children=[
        html.Div(className="fl-curation-row", children=[
            _dropdown(ids.CURATION_QUEUE_KIND, kinds, "kind"),
            dcc.Dropdown(id=ids.CURATION_QUEUE_PLACE, placeholder="place", clearable=True,
                         options=places, style={"minWidth": "12em"}),
            _dropdown(ids.CURATION_QUEUE_STATUS, [*EVENT_STATUSES, "figure", *REVIEW_STATES],
                      "status"),
            _dropdown(ids.CURATION_QUEUE_ARTICLE, articles, "article"),
            dcc.Checklist(id=ids.CURATION_QUEUE_OPTIONS, inline=True, value=[], options=[
                {"label": "unreviewed only", "value": UNREVIEWED_ONLY},
                {"label": "low confidence first", "value": LOW_FIRST}]),
            html.Span(id=ids.CURATION_QUEUE_COUNT, className="fl-small", role="status"),
        ]),
        dag.AgGrid(
            id=ids.CURATION_QUEUE, rowData=[],
            columnDefs=[{"field": f, "headerName": h, "width": w} for f, h, w in COLUMNS],
            defaultColDef={"resizable": True, "sortable": True},
            getRowId="params.data.id",
            dashGridOptions={"rowSelection": {"mode": "multiRow", "checkboxes": True,
                                              "headerCheckbox": True,
                                              "enableClickSelection": False},
                             "animateRows": False,
                             "suppressColumnVirtualisation": True},
            style={"height": "240px"}, className="ag-theme-quartz"),
        html.Div(className="fl-curation-row", children=[
            html.Button("Accept the ticked claims", id=ids.CURATION_BULK_ACCEPT, n_clicks=0,
                        className="fl-button")]),
        dcc.Store(id=ids.CURATION_OPEN, data=None),
        html.Div(id=ids.CURATION_CLAIM, className="fl-curation-claim"),
        html.Div(id=ids.CURATION_CLAIM_TEXT, className="fl-curation-article"),
        html.Div(className="fl-curation-row", children=[
            dcc.Input(id=ids.CURATION_REASON, type="text", maxLength=500, debounce=False,
                      placeholder="reason (required to reject or edit)",
                      style={"minWidth": "24em"}),
            html.Button("Accept", id=ids.CURATION_ACCEPT, n_clicks=0, className="fl-button"),
            html.Button("Reject", id=ids.CURATION_REJECT, n_clicks=0, className="fl-button"),
            html.Button("Save edit", id=ids.CURATION_EDIT, n_clicks=0, className="fl-button"),
        ]),
        html.Div(id=ids.CURATION_REVIEW_STATUS, className="fl-small", role="status"),
    ])


def register(app: Dash, cx: CurationContext) -> None:

    @app.callback(Output(ids.CURATION_QUEUE, "rowData"),
                  Output(ids.CURATION_QUEUE_COUNT, "children"),
                  Input(ids.CURATION_LISTED, "data"),
                  Input(ids.CURATION_QUEUE_KIND, "value"),
                  Input(ids.CURATION_QUEUE_PLACE, "value"),
                  Input(ids.CURATION_QUEUE_STATUS, "value"),
                  Input(ids.CURATION_QUEUE_ARTICLE, "value"),
                  Input(ids.CURATION_QUEUE_OPTIONS, "value"))
    def _rows(_version: Any, kind: str | None, place: str | None, status: str | None,
              article: str | None, options: list[str] | None) -> tuple[list[Any], str]:
        rows = queue_rows(cx.extractions(), cx.decisions(), cx.theatre, cx.evidence())
        shown = filtered(rows, Filters(kind or "", place or "", status or "", article or "",
                                       UNREVIEWED_ONLY in (options or []),
                                       LOW_FIRST in (options or [])))
        return [r.to_json() for r in shown], f"{len(shown)} of {len(rows)} claims"

    @app.callback(Output(ids.CURATION_QUEUE_ARTICLE, "options"),
                  Output(ids.CURATION_QUEUE_PLACE, "options"),
                  Input(ids.CURATION_VERSION, "data"),
                  prevent_initial_call=True)
    def _choices(_version: Any) -> tuple[list[str], list[dict[str, str]]]:
        # A report added, a place added: the filters offer them without a reload.
        return filter_choices(cx)

    @app.callback(Output(ids.CURATION_OPEN, "data"),
                  Input(ids.CURATION_QUEUE, "cellClicked"),
                  prevent_initial_call=True)
    def _open(cell: dict[str, Any] | None) -> Any:
        return (cell or {}).get("rowId") or no_update

    @app.callback(Output(ids.CURATION_CLAIM, "children"),
                  Output(ids.CURATION_CLAIM_TEXT, "children"),
                  Input(ids.CURATION_OPEN, "data"),
                  Input(ids.CURATION_LISTED, "data"))
    def _show(claim_id: str | None, _version: Any) -> tuple[Any, Any]:
        if not claim_id:
            return html.P("Click a claim to open it.", className="fl-small"), ""
        found = _find(cx, claim_id)
        if found is None:
            return html.P(f"No claim {claim_id} in the store.", className="fl-small"), ""
        claim, extraction = found
        return claim_form(cx, claim, extraction), article_text(claim, extraction)

    @app.callback(Output(ids.CURATION_REFRESH, "data", allow_duplicate=True),
                  Output(ids.CURATION_REVIEW_STATUS, "children"),
                  Input(ids.CURATION_ACCEPT, "n_clicks"),
                  Input(ids.CURATION_REJECT, "n_clicks"),
                  Input(ids.CURATION_EDIT, "n_clicks"),
                  Input(ids.CURATION_BULK_ACCEPT, "n_clicks"),
                  State(ids.CURATION_OPEN, "data"),
                  State(ids.CURATION_REASON, "value"),
                  State({"type": ids.CURATION_EDIT_FIELD, "field": ALL}, "value"),
                  State({"type": ids.CURATION_EDIT_FIELD, "field": ALL}, "id"),
                  State(ids.CURATION_QUEUE, "selectedRows"),
                  prevent_initial_call=True)
    def _decide(_a: Any, _r: Any, _e: Any, _b: Any, claim_id: str | None,
                reason: str | None, values: list[Any], fields: list[dict[str, str]],
                selected: list[dict[str, Any]] | None) -> tuple[Any, str]:
        trigger = ctx.triggered_id
        try:
            if trigger == ids.CURATION_BULK_ACCEPT:
                chosen = [r["id"] for r in selected or [] if isinstance(r, dict) and "id" in r]
                if not chosen:
                    raise InputError("tick the claims to accept first")
                for cid in chosen:
                    _record(cx, cid, "accept", reason or "", {})
                return cx.saved(), f"Accepted {len(chosen)} claim(s)."
            if not claim_id:
                raise InputError("open a claim first (click it in the list)")
            action = {ids.CURATION_ACCEPT: "accept", ids.CURATION_REJECT: "reject",
                      ids.CURATION_EDIT: "edit"}[str(trigger)]
            changes = {}
            if action == "edit":
                found = _find(cx, claim_id)
                if found is None:
                    raise InputError(f"no claim {claim_id} in the store")
                changes = edit_changes(found[0], {f["field"]: v for f, v in zip(
                    fields, values, strict=False)})
            done = _record(cx, claim_id, action, reason or "", changes)
            return cx.saved(), f"{action.capitalize()}ed {claim_id} (decision {done})." \
                if action != "edit" else f"Edited {claim_id} (decision {done})."
        except FrontlineError as exc:
            return no_update, f"Not saved: {' '.join(str(exc).split())}"


def _find(cx: CurationContext, claim_id: str) -> tuple[Event | Figure, Extraction] | None:
    """The claim as the decisions in force correct it (as extracted when rejected)."""
    raw = cx.extractions()
    corrected, _ = apply_decisions(raw, cx.decisions())
    for source in (corrected, raw):
        for ex in source:
            for claim in claims_of(ex):
                if claim.id == claim_id:
                    return claim, ex
    return None


def _record(cx: CurationContext, claim_id: str, action: str, reason: str,
            changes: dict[str, Any]) -> str:
    """Record one claim decision as the CLI does, naming the revision read."""
    decided = cx.decided_by(reason)
    found = _find(cx, claim_id)
    if found is None:
        raise InputError(f"no claim {claim_id} in the store")
    claim, extraction = found
    if action == "edit":
        check_changes(claim, changes, cx.theatre)
    log = cx.log()
    revision = log.revision(SCOPE_CLAIM, claim_id)
    previous = log.in_force_on(SCOPE_CLAIM, claim_id)
    decision = claim_decision(new_decision_id(), claim_id, action, decided, changes,
                              extraction.article.published,
                              previous if isinstance(previous, ClaimDecision) else None)
    done = log.record(decision, revision)
    cx.decided(done)
    return done.id


def current_values(claim: Event | Figure) -> dict[str, Any]:
    """The claim's editable fields in the form's terms."""
    places = [r.id for r in claim.places if r.id]
    if isinstance(claim, Event):
        return {"kind": claim.kind, "date": claim.date.start.isoformat(),
                "precision": claim.date.precision, "places": places, "status": claim.status,
                "side": claim.side, "actor": claim.actor}
    return {"kind": claim.kind, "value": claim.value, "low": claim.low, "high": claim.high,
            "qualifier": claim.qualifier,
            "as_of": claim.as_of.start.isoformat() if claim.as_of else None,
            "precision": claim.as_of.precision if claim.as_of else None, "places": places,
            "subject": claim.subject, "claimant": claim.claimant}


def edit_changes(claim: Event | Figure, form: dict[str, Any]) -> dict[str, Any]:
    """The fields the form changes (typed as :func:`timeline.curation.check_changes`
    expects); an unreadable number is one line naming it."""
    now = current_values(claim)
    changes: dict[str, Any] = {}
    for key, value in form.items():
        if key not in now:
            continue
        if key in ("value", "low", "high"):
            value = _number(key, value)
        elif isinstance(value, str):
            value = value.strip() or None
        if key == "places":
            value = list(value or [])
        if value != now[key] and not (value is None and now[key] in ("", None)):
            changes[key] = value
    if not changes:
        raise InputError("the edit changes nothing: change a field first")
    return changes


def _number(key: str, raw: Any) -> float | int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        number = float(str(raw).replace(",", ""))
    except ValueError:
        raise InputError(f"{key} {raw!r} is not a number") from None
    return int(number) if number.is_integer() else number


def _field(cx: CurationContext, key: str, value: Any, is_event: bool) -> Any:
    fid = {"type": ids.CURATION_EDIT_FIELD, "field": key}
    choices: dict[str, tuple[str, ...]] = {
        "kind": EVENT_KINDS if is_event else FIGURE_KINDS, "precision": PRECISIONS,
        "status": EVENT_STATUSES, "side": tuple(cx.theatre.sides), "qualifier": QUALIFIERS}
    if key == "places":
        control: Any = dcc.Dropdown(id=fid, multi=True, value=value, style={"minWidth": "18em"},
                                    options=[{"label": p.name, "value": p.id}
                                             for p in cx.theatre.places])
    elif key in choices:
        control = dcc.Dropdown(id=fid, value=value, clearable=False,
                               options=[{"label": c, "value": c} for c in choices[key]],
                               style={"minWidth": "9em"})
    else:
        control = dcc.Input(id=fid, type="text", value="" if value is None else str(value),
                            style={"width": "9em"})
    return html.Label([f"{key} ", control])


def claim_form(cx: CurationContext, claim: Event | Figure, extraction: Extraction) -> Any:
    """The opened claim: where it comes from, how it is reviewed, and its fields to edit."""
    art = extraction.article
    is_event = isinstance(claim, Event)
    values = current_values(claim)
    return html.Div([
        html.H3(f"{'Event' if is_event else 'Figure'} {claim.id}", className="fl-h2"),
        html.P([f"{art.source}, {art.published or 'undated'}: ", html.I(art.title),
                f" · {claim.reviewed or 'not reviewed'}"
                + (f" · flags: {'; '.join(claim.flags)}" if claim.flags else "")],
               className="fl-small"),
        html.Div(className="fl-curation-row",
                 children=[_field(cx, key, value, is_event) for key, value in values.items()]),
    ])


def article_text(claim: Event | Figure, extraction: Extraction) -> list[Any]:
    """The article around the claim's sentence, the sentence marked (text children only)."""
    text = extraction.article.text
    start, end = claim.provenance.span
    if not (0 <= start < end <= len(text)):
        return [html.Mark(claim.provenance.quote)]
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    return [("…" if lo else "") + text[lo:start], html.Mark(text[start:end]),
            text[end:hi] + ("…" if hi < len(text) else "")]
