"""The "Add a report" tab: paste or upload a report, preview what it says, save or discard.

The analyst gives the title, outlet, URL and publication date and pastes the text or
uploads a ``.md``, ``.txt``, ``.html`` or ``.pdf`` file. The file goes to its own route
(:mod:`dashboard.curation.uploads`, posted by ``assets/upload.js``), so the form's
callbacks carry a token, never the file; a file or a paste over
``FRONTLINE_MAX_UPLOAD_BYTES`` is refused in the page, saying so, before it is sent.

"Read and preview" (signed-in analysts only) hands the form to a Dash background job
(:func:`timeline.added_reports.draft_report`) whose progress bar and status line
follow the real work: reading the file, finding sentences, matching places sentence by
sentence, building the preview. It ends in the preview: the article with each claim
highlighted in its sentence (text children only: an article's text is never HTML
here), the claims listed, the names it could not place, and the districts it would
change on the map. "Save" keeps it (the panel then republishes the map); "Discard"
forgets it. A refused report says why in one line.

Previewed drafts are kept under ``FRONTLINE_DATA_DIR`` until saved or discarded: after
a server restart (or in another tab) the tab lists them, and "Reopen" previews one
again against the map as it is then.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

from dash import (
    ClientsideFunction,
    Dash,
    Input,
    Output,
    State,
    dcc,
    html,
    no_update,
)

from dashboard import ids
from dashboard.curation import uploads
from dashboard.curation.context import CurationContext
from dashboard.export_context import job_manager
from frontline.errors import FrontlineError
from timeline.added_reports import (
    DONE,
    discard_draft,
    draft,
    draft_report,
    forget_upload,
    keep_draft,
    keep_form,
    kept_drafts,
    redo_preview,
    save_draft,
    take_form,
    upload_of,
)
from timeline.intake import UPLOAD_SUFFIXES, ReportForm
from timeline.preview import Preview, segments

LABEL = "Add a report"
JOBS_DIR = "curation-jobs"
NAMESPACE = "frontlineUpload"  # assets/upload.js
PROGRESS_MS = 300              # how often the page asks the job how far it is
PROGRESS_EVERY_S = 0.25        # the job writes its progress at most this often


def _field(label: str, ident: str, wide: bool = False, **kw: Any) -> html.Label:
    return html.Label([label, " ", dcc.Input(id=ident, type="text", debounce=False, **kw)],
                      className="fl-wide" if wide else "")


def layout(cx: CurationContext) -> html.Div:
    cap = cx.settings.max_upload_bytes
    return html.Div(className="fl-curation-tab", children=[
        # A row of its own inside: the row's flex display would override ``hidden``.
        html.Div(id=ids.CURATION_REPORT_DRAFTS, hidden=True, children=html.Div(
            className="fl-curation-row", children=[
                html.Span("Drafts kept from earlier previews:"),
                dcc.Dropdown(id=ids.CURATION_REPORT_KEPT, options=[], clearable=True,
                             placeholder="choose a draft to reopen",
                             style={"minWidth": "36em"}),
                html.Button("Reopen", id=ids.CURATION_REPORT_REOPEN, n_clicks=0,
                            disabled=True)])),
        html.Div(className="fl-curation-row", children=[
            _field("Title", ids.CURATION_REPORT_TITLE, wide=True, size="40"),
            _field("Outlet", ids.CURATION_REPORT_OUTLET, size="20"),
            _field("URL", ids.CURATION_REPORT_URL, wide=True, size="30",
                   placeholder="https://"),
            _field("Published", ids.CURATION_REPORT_PUBLISHED, size="10",
                   placeholder="YYYY-MM-DD"),
        ]),
        html.Label(["Paste the text ",
                    dcc.Textarea(id=ids.CURATION_REPORT_TEXT, style={"width": "100%",
                                                                     "height": "6em"})]),
        html.Div(className="fl-curation-row", children=[
            dcc.Upload(id=ids.CURATION_REPORT_UPLOAD, multiple=False,
                       accept=",".join(UPLOAD_SUFFIXES),
                       children=html.Button(f"or upload a file ({' '.join(UPLOAD_SUFFIXES)}, "
                                            f"up to {cap // 1000:,} kB)", type="button")),
            html.Span(id=ids.CURATION_REPORT_FILE, className="fl-small"),
            html.Button("Remove the file", id=ids.CURATION_REPORT_CLEAR_FILE, n_clicks=0,
                        hidden=True, type="button"),
        ]),
        html.Div(className="fl-curation-row", children=[
            html.Button("Read and preview", id=ids.CURATION_REPORT_READ, n_clicks=0),
            html.Progress(id=ids.CURATION_REPORT_PROGRESS, value="0", max="100"),
            html.Span(id=ids.CURATION_REPORT_STEP, className="fl-small", role="status"),
        ]),
        dcc.Store(id=ids.CURATION_REPORT_LIMIT,
                  data={"maxBytes": cap, "url": uploads.UPLOAD_PATH,
                        "store": ids.CURATION_REPORT_UPLOADED,
                        "upload": ids.CURATION_REPORT_UPLOAD}),
        dcc.Store(id=ids.CURATION_REPORT_UPLOADED, data=None),
        dcc.Store(id=ids.CURATION_REPORT_SUBMIT, data=None),
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


def _error(text: str) -> html.Span:
    return html.Span(text, className="fl-curation-error")


def file_line(uploaded: Any) -> tuple[Any, bool]:
    """What the page says about the uploaded file (the upload route's answer), and
    whether the "Remove the file" button is hidden."""
    if not isinstance(uploaded, dict):
        return "", True
    if uploaded.get("error"):
        return _error(str(uploaded["error"])), True
    if uploaded.get("pending"):
        return f"Uploading {uploaded['pending']}…", True
    if uploaded.get("token"):
        return f"File: {uploaded.get('name')} ({int(uploaded.get('bytes') or 0):,} bytes), " \
               "uploaded.", False
    return "", True


class Throttled:
    """A job's progress, written to the page's store at most every
    :data:`PROGRESS_EVERY_S` seconds, except when the stage changes (a long report's
    sentences would otherwise write hundreds of times a second)."""

    def __init__(self, set_progress: Any, clock: Any = None) -> None:
        self._set = set_progress
        self._clock = clock or time.monotonic
        self._last = -1e9
        self._stage = ""

    def __call__(self, percent: int, what: str) -> None:
        stage = what.split(":", 1)[0]
        now = self._clock()
        if stage == self._stage and now - self._last < PROGRESS_EVERY_S:
            return
        self._stage, self._last = stage, now
        self._set((str(percent), what.capitalize() + ("" if what == DONE else "…")))


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
    uploads.mount(app.server, cx.settings)

    app.clientside_callback(
        ClientsideFunction(namespace=NAMESPACE, function_name="upload"),
        Output(ids.CURATION_REPORT_UPLOADED, "data"),
        Input(ids.CURATION_REPORT_UPLOAD, "contents"),
        State(ids.CURATION_REPORT_UPLOAD, "filename"),
        State(ids.CURATION_REPORT_LIMIT, "data"),
        State(ids.CURATION_REPORT_UPLOADED, "data"),
        prevent_initial_call=True)
    app.clientside_callback(
        ClientsideFunction(namespace=NAMESPACE, function_name="guardPaste"),
        Output(ids.CURATION_REPORT_SUBMIT, "data"),
        Output(ids.CURATION_REPORT_STATUS, "children", allow_duplicate=True),
        Input(ids.CURATION_REPORT_READ, "n_clicks"),
        State(ids.CURATION_REPORT_TEXT, "value"),
        State(ids.CURATION_REPORT_LIMIT, "data"),
        prevent_initial_call=True)

    @app.callback(Output(ids.CURATION_REPORT_FILE, "children"),
                  Output(ids.CURATION_REPORT_CLEAR_FILE, "hidden"),
                  Input(ids.CURATION_REPORT_UPLOADED, "data"))
    def _file(uploaded: Any) -> tuple[Any, bool]:
        return file_line(uploaded)

    @app.callback(Output(ids.CURATION_REPORT_UPLOADED, "data", allow_duplicate=True),
                  Input(ids.CURATION_REPORT_CLEAR_FILE, "n_clicks"),
                  State(ids.CURATION_REPORT_UPLOADED, "data"),
                  prevent_initial_call=True)
    def _clear_file(clicks: int, uploaded: Any) -> Any:
        if not clicks:
            return no_update
        token = uploaded.get("token") if isinstance(uploaded, dict) else None
        if token and cx.who() is not None:
            with contextlib.suppress(FrontlineError):
                forget_upload(cx.settings.data_dir, str(token))
        return None

    @app.callback(Output(ids.CURATION_REPORT_KEPT, "options"),
                  Output(ids.CURATION_REPORT_DRAFTS, "hidden"),
                  Input(ids.CURATION_VERSION, "data"),
                  Input(ids.CURATION_REPORT_DRAFT, "data"))
    def _kept(_version: Any, shown: Any) -> tuple[list[dict[str, str]], bool]:
        if cx.who() is None:  # drafts are unpublished work: analysts only
            return [], True
        options = [{"label": d.line(), "value": d.token}
                   for d in kept_drafts(cx.settings.data_dir) if d.token != shown]
        return options, not options

    @app.callback(Output(ids.CURATION_REPORT_REOPEN, "disabled"),
                  Input(ids.CURATION_REPORT_KEPT, "value"))
    def _can_reopen(token: Any) -> bool:
        return not token

    @app.callback(Output(ids.CURATION_REPORT_JOB, "data"),
                  Output(ids.CURATION_REPORT_STATUS, "children"),
                  Input(ids.CURATION_REPORT_SUBMIT, "data"),
                  State(ids.CURATION_REPORT_TITLE, "value"),
                  State(ids.CURATION_REPORT_OUTLET, "value"),
                  State(ids.CURATION_REPORT_URL, "value"),
                  State(ids.CURATION_REPORT_PUBLISHED, "value"),
                  State(ids.CURATION_REPORT_TEXT, "value"),
                  State(ids.CURATION_REPORT_UPLOADED, "data"),
                  prevent_initial_call=True)
    def _submit(clicks: Any, title: Any, outlet: Any, url: Any, published: Any, text: Any,
                uploaded: Any) -> tuple[Any, Any]:
        if not clicks:
            return no_update, no_update
        try:
            who = cx.decided_by().author  # reading a report for saving is an analyst's step
            upload = uploaded.get("token") if isinstance(uploaded, dict) else None
            filename, data = upload_of(cx.settings.data_dir, str(upload)) if upload \
                else ("", b"")
            form = ReportForm(str(title or ""), str(outlet or ""), str(url or ""),
                              str(published or ""), str(text or ""), filename, data)
            token = keep_form(cx.settings.data_dir, form)
        except FrontlineError as exc:
            return no_update, _error(str(exc))
        return {"form": token, "upload": upload, "by": who}, "Reading the report…"

    @app.callback(Output(ids.CURATION_REPORT_JOB, "data", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_STATUS, "children", allow_duplicate=True),
                  Input(ids.CURATION_REPORT_REOPEN, "n_clicks"),
                  State(ids.CURATION_REPORT_KEPT, "value"),
                  prevent_initial_call=True)
    def _reopen(clicks: int, token: Any) -> tuple[Any, Any]:
        if not clicks or not token:
            return no_update, no_update
        try:
            cx.decided_by()
        except FrontlineError as exc:
            return no_update, _error(str(exc))
        return {"draft": str(token)}, "Reopening the draft…"

    register_reader(app, cx)

    @app.callback(Output(ids.CURATION_REPORT_SAVE, "disabled"),
                  Output(ids.CURATION_REPORT_DISCARD, "disabled"),
                  Input(ids.CURATION_REPORT_DRAFT, "data"))
    def _buttons(token: Any) -> tuple[bool, bool]:
        return not token, not token

    @app.callback(Output(ids.CURATION_REFRESH, "data", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_DRAFT, "data", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_STATUS, "children", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_PREVIEW, "children", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_UPLOADED, "data", allow_duplicate=True),
                  Input(ids.CURATION_REPORT_SAVE, "n_clicks"),
                  State(ids.CURATION_REPORT_DRAFT, "data"),
                  prevent_initial_call=True)
    def _save(clicks: int, token: Any) -> tuple[Any, ...]:
        if not clicks or not token:
            return no_update, no_update, no_update, no_update, no_update
        try:
            who = cx.decided_by().author
            stored = save_draft(cx.store, cx.settings, str(token), who)
        except FrontlineError as exc:
            return no_update, no_update, _error(str(exc)), no_update, no_update
        cx.decided(None)
        n = len(stored.events) + len(stored.figures)
        return cx.saved(), None, f"Saved “{stored.article.title}” as {stored.article.id} " \
                                 f"({n} claim(s)).", [], None

    @app.callback(Output(ids.CURATION_REPORT_DRAFT, "data", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_STATUS, "children", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_PREVIEW, "children", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_CHANGES, "children", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_UPLOADED, "data", allow_duplicate=True),
                  Input(ids.CURATION_REPORT_DISCARD, "n_clicks"),
                  State(ids.CURATION_REPORT_DRAFT, "data"),
                  prevent_initial_call=True)
    def _discard(clicks: int, token: Any) -> tuple[Any, ...]:
        if not clicks or not token:
            return no_update, no_update, no_update, no_update, no_update
        try:
            cx.decided_by()
            discard_draft(cx.settings.data_dir, str(token))
        except FrontlineError as exc:
            return no_update, _error(str(exc)), no_update, no_update, no_update
        return None, "Discarded: nothing was saved.", [], [], None


def register_reader(app: Dash, cx: CurationContext) -> None:
    """The background job that reads a submitted report into its preview. It runs where
    the app's other long jobs run (:func:`dashboard.export_context.job_manager`): a
    diskcache job process beside the app, or, with a broker set, a Celery worker, which
    registers this same job on its own context (:mod:`dashboard.worker`). The form and
    the draft pass through ``DATA_DIR``, so the workers share the web processes' data
    folder."""
    manager = job_manager(cx.settings.data_dir / JOBS_DIR, cx.settings)

    @app.callback(Output(ids.CURATION_REPORT_DRAFT, "data"),
                  Output(ids.CURATION_REPORT_STATUS, "children", allow_duplicate=True),
                  Output(ids.CURATION_REPORT_CHANGES, "children"),
                  Output(ids.CURATION_REPORT_PREVIEW, "children"),
                  Input(ids.CURATION_REPORT_JOB, "data"),
                  background=True, manager=manager, interval=PROGRESS_MS,
                  progress=[Output(ids.CURATION_REPORT_PROGRESS, "value"),
                            Output(ids.CURATION_REPORT_STEP, "children")],
                  running=[(Output(ids.CURATION_REPORT_READ, "disabled"), True, False),
                           (Output(ids.CURATION_REPORT_REOPEN, "disabled"), True, False)],
                  prevent_initial_call=True)
    def _read(set_progress: Any, job: Any) -> tuple[Any, Any, Any, Any]:
        if not isinstance(job, dict):
            return no_update, no_update, no_update, no_update
        progress = Throttled(set_progress)
        try:
            cx.store.decision_store().engine.dispose(close=False)  # a forked job's own pool
            if job.get("draft"):
                kept = str(job["draft"])
                found = redo_preview(cx.store, cx.settings, draft(cx.settings.data_dir, kept),
                                     progress)
            else:
                form = take_form(cx.settings.data_dir, str(job.get("form")))
                found = draft_report(cx.store, cx.settings, form, progress)
                kept = keep_draft(cx.settings.data_dir, found.extraction,
                                  by=str(job.get("by") or ""), upload=job.get("upload"))
        except FrontlineError as exc:
            set_progress(("0", ""))
            return None, _error(str(exc)), [], []
        summary, article = preview_view(found)
        return kept, "Preview ready: save the report or discard it.", summary, article
