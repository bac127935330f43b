"""The "Add a report" tab: paste or upload a report, preview what it says, save or discard.

The analyst gives the title, outlet, URL and publication date and pastes the text or
uploads a ``.md``, ``.txt``, ``.html`` or ``.pdf`` file. "Read and preview" (signed-in
analysts only) hands the form to a Dash background job (:func:`timeline.added_reports.
draft_report`) that reports its steps on a progress bar and ends in the preview: the
article with each claim highlighted in its sentence (text children only: an article's
text is never HTML here), the claims listed, the names it could not place, and the
districts it would change on the map. "Save" keeps it (the panel then republishes the
map); "Discard" forgets it. A refused report says why in one line.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Any

import diskcache
from dash import Dash, DiskcacheManager, Input, Output, State, dcc, html, no_update

from dashboard import ids
from dashboard.curation.context import CurationContext
from frontline.errors import FrontlineError, InputError
from timeline.added_reports import (
    STEPS,
    discard_draft,
    draft_report,
    keep_draft,
    keep_form,
    save_draft,
    take_form,
)
from timeline.intake import UPLOAD_SUFFIXES, ReportForm
from timeline.preview import Preview, segments

LABEL = "Add a report"
JOBS_DIR = "curation-jobs"


def _field(label: str, ident: str, **kw: Any) -> html.Label:
    return html.Label([label, " ", dcc.Input(id=ident, type="text", debounce=False, **kw)])


def layout(cx: CurationContext) -> html.Div:
    return html.Div(className="fl-curation-tab", children=[
        html.Div(className="fl-curation-row", children=[
            _field("Title", ids.CURATION_REPORT_TITLE, size="40"),
            _field("Outlet", ids.CURATION_REPORT_OUTLET, size="20"),
            _field("URL", ids.CURATION_REPORT_URL, size="30", placeholder="https://"),
            _field("Published", ids.CURATION_REPORT_PUBLISHED, size="10",
                   placeholder="YYYY-MM-DD"),
        ]),
        html.Label(["Paste the text ",
                    dcc.Textarea(id=ids.CURATION_REPORT_TEXT, style={"width": "100%",
                                                                     "height": "6em"})]),
        html.Div(className="fl-curation-row", children=[
            dcc.Upload(id=ids.CURATION_REPORT_UPLOAD, multiple=False,
                       accept=",".join(UPLOAD_SUFFIXES),
                       children=html.Button("or upload a file (.md .txt .html .pdf)",
                                            type="button")),
            html.Span(id=ids.CURATION_REPORT_FILE, className="fl-small"),
            html.Button("Read and preview", id=ids.CURATION_REPORT_READ, n_clicks=0),
            html.Progress(id=ids.CURATION_REPORT_PROGRESS, value="0",
                          max=str(len(STEPS) - 1)),
            html.Span(id=ids.CURATION_REPORT_STEP, className="fl-small"),
        ]),
        dcc.Store(id=ids.CURATION_REPORT_JOB, data=None),
        dcc.Store(id=ids.CURATION_REPORT_DRAFT, data=None),
        html.Div(id=ids.CURATION_REPORT_STATUS, role="status"),
        html.Div(id=ids.CURATION_REPORT_CHANGES),
        html.Div(id=ids.CURATION_REPORT_PREVIEW, className="fl-curation-article"),
        html.Div(className="fl-curation-row", children=[
            html.Button("Save the report", id=ids.CURATION_REPORT_SAVE, n_clicks=0,
                        disabled=True),
            html.Button("Discard", id=ids.CURATION_REPORT_DISCARD, n_clicks=0,
                        disabled=True),
        ]),
    ])


def upload_bytes(contents: str | None) -> bytes:
    """The bytes of a ``dcc.Upload`` data URL (empty when nothing was uploaded)."""
    if not contents:
        return b""
    _, _, payload = contents.partition(",")
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise InputError("the uploaded file did not arrive whole: upload it again") from None


def preview_view(found: Preview) -> tuple[list[Any], list[Any]]:
    """(changes and claims, the article with its claims highlighted), as components."""
    labels = {m.claim_id: m.label for m in found.marks}
    article: list[Any] = []
    for run, claims in segments(found.extraction.article.text, found.marks):
        if claims:
            article.append(html.Mark(run, title="; ".join(labels[c] for c in claims),
                                     className="fl-curation-claim"))
        else:
            article.append(run)
    changes = [html.Li(c.line()) for c in found.changes]
    summary: list[Any] = [
        html.P(f"{len(found.marks)} claim(s) read in “{found.extraction.article.title}” "
               f"({found.extraction.article.source}, {found.extraction.article.published})."),
        html.Ol([html.Li(m.label) for m in found.marks]) if found.marks else
        html.P("No claim was read in this report: saving it changes nothing."),
        html.H4("What it would change on the map"),
        html.Ul(changes) if changes else html.P("No district would change holder."),
    ]
    if found.unresolved:
        summary.append(html.P("Names not placed (decide them in the Names tab): "
                              + ", ".join(found.unresolved)))
    return summary, article


def register(app: Dash, cx: CurationContext) -> None:
    folder = Path(cx.settings.data_dir) / JOBS_DIR
    manager = DiskcacheManager(diskcache.Cache(str(folder)))

    @app.callback(Output(ids.CURATION_REPORT_FILE, "children"),
                  Input(ids.CURATION_REPORT_UPLOAD, "filename"),
                  prevent_initial_call=True)
    def _chosen(name: Any) -> str:
        return f"File: {name}" if name else ""

    @app.callback(Output(ids.CURATION_REPORT_JOB, "data"),
                  Output(ids.CURATION_REPORT_STATUS, "children"),
                  Input(ids.CURATION_REPORT_READ, "n_clicks"),
                  State(ids.CURATION_REPORT_TITLE, "value"),
                  State(ids.CURATION_REPORT_OUTLET, "value"),
                  State(ids.CURATION_REPORT_URL, "value"),
                  State(ids.CURATION_REPORT_PUBLISHED, "value"),
                  State(ids.CURATION_REPORT_TEXT, "value"),
                  State(ids.CURATION_REPORT_UPLOAD, "filename"),
                  State(ids.CURATION_REPORT_UPLOAD, "contents"),
                  prevent_initial_call=True)
    def _submit(clicks: int, title: Any, outlet: Any, url: Any, published: Any, text: Any,
                filename: Any, contents: Any) -> tuple[Any, Any]:
        if not clicks:
            return no_update, no_update
        try:
            cx.decided_by()  # reading a report for saving is an analyst's step
            data = upload_bytes(contents)
            if len(data) > cx.settings.max_upload_bytes:
                raise InputError(f"the file is {len(data)} bytes, over "
                                 f"FRONTLINE_MAX_UPLOAD_BYTES={cx.settings.max_upload_bytes}")
            form = ReportForm(str(title or ""), str(outlet or ""), str(url or ""),
                              str(published or ""), str(text or ""),
                              str(filename or "") if data else "", data)
            return keep_form(cx.settings.data_dir, form), "Reading the report…"
        except FrontlineError as exc:
            return no_update, html.Span(str(exc), className="fl-curation-error")

    @app.callback(Output(ids.CURATION_REPORT_DRAFT, "data"),
                  Output(ids.CURATION_REPORT_STATUS, "children", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_CHANGES, "children"),
                  Output(ids.CURATION_REPORT_PREVIEW, "children"),
                  Input(ids.CURATION_REPORT_JOB, "data"),
                  background=True, manager=manager,
                  progress=[Output(ids.CURATION_REPORT_PROGRESS, "value"),
                            Output(ids.CURATION_REPORT_STEP, "children")],
                  running=[(Output(ids.CURATION_REPORT_READ, "disabled"), True, False)],
                  prevent_initial_call=True)
    def _read(set_progress: Any, token: Any) -> tuple[Any, Any, Any, Any]:
        if not token:
            return no_update, no_update, no_update, no_update
        try:
            cx.store.decision_store().engine.dispose(close=False)  # a forked job's own pool
            form = take_form(cx.settings.data_dir, str(token))
            found = draft_report(cx.store, cx.settings, form,
                                 lambda step, _of, what: set_progress((str(step), what)))
            kept = keep_draft(cx.settings.data_dir, found.extraction)
        except FrontlineError as exc:
            return None, html.Span(str(exc), className="fl-curation-error"), [], []
        summary, article = preview_view(found)
        return kept, "Preview ready: save the report or discard it.", summary, article

    @app.callback(Output(ids.CURATION_REPORT_SAVE, "disabled"),
                  Output(ids.CURATION_REPORT_DISCARD, "disabled"),
                  Input(ids.CURATION_REPORT_DRAFT, "data"))
    def _buttons(token: Any) -> tuple[bool, bool]:
        return not token, not token

    @app.callback(Output(ids.CURATION_REFRESH, "data", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_DRAFT, "data", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_STATUS, "children", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_PREVIEW, "children", allow_duplicate=True),
                  Input(ids.CURATION_REPORT_SAVE, "n_clicks"),
                  State(ids.CURATION_REPORT_DRAFT, "data"),
                  prevent_initial_call=True)
    def _save(clicks: int, token: Any) -> tuple[Any, Any, Any, Any]:
        if not clicks or not token:
            return no_update, no_update, no_update, no_update
        try:
            who = cx.decided_by().author
            stored = save_draft(cx.store, cx.settings, str(token), who)
        except FrontlineError as exc:
            return no_update, no_update, html.Span(str(exc), className="fl-curation-error"), \
                no_update
        cx.decided(None)
        n = len(stored.events) + len(stored.figures)
        return cx.saved(), None, f"Saved “{stored.article.title}” as {stored.article.id} " \
                                 f"({n} claim(s)).", []

    @app.callback(Output(ids.CURATION_REPORT_DRAFT, "data", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_STATUS, "children", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_PREVIEW, "children", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_CHANGES, "children", allow_duplicate=True),
                  Input(ids.CURATION_REPORT_DISCARD, "n_clicks"),
                  State(ids.CURATION_REPORT_DRAFT, "data"),
                  prevent_initial_call=True)
    def _discard(clicks: int, token: Any) -> tuple[Any, Any, Any, Any]:
        if not clicks or not token:
            return no_update, no_update, no_update, no_update
        try:
            discard_draft(cx.settings.data_dir, str(token))
        except FrontlineError as exc:
            return no_update, html.Span(str(exc), className="fl-curation-error"), \
                no_update, no_update
        return None, "Discarded: nothing was saved.", [], []
