"""The "Audit" tab: the map as it stood in the tool at a chosen moment.

The analyst picks a moment of the tool's own history (UTC) and a day of the battle; the
tab rebuilds the control map from the decisions in force at that moment and the
reports the tool then held (:mod:`timeline.audit`), says what it left out, and lists
the decisions in force now whose claim or name no extraction holds any more (orphans,
listed, never silently dropped). It records nothing: viewing needs no account.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dash import Dash, Input, Output, State, dcc, html, no_update

from dashboard import ids
from dashboard.curation.context import CurationContext
from frontline.errors import FrontlineError, InputError
from timeline.audit import Audit, audit_at
from viewmodel.figures import control_map
from viewmodel.page_data import build_page_data

LABEL = "Audit"
MOMENT_FORMAT = "%Y-%m-%d %H:%M"


def now_moment() -> str:
    """Now, as the moment field shows it: the next whole minute, so that a decision
    made this minute is in the tool "as it stood" then (minutes are the field's unit)."""
    now = dt.datetime.now(dt.UTC)
    ceiling = now.replace(second=0, microsecond=0)
    if ceiling < now:
        ceiling += dt.timedelta(minutes=1)
    return ceiling.strftime(MOMENT_FORMAT)


def layout(cx: CurationContext) -> html.Div:
    now = now_moment()
    return html.Div(className="fl-curation-tab", children=[
        dcc.Store(id=ids.CURATION_AUDIT_NOW, data=now),
        html.Div(className="fl-curation-row", children=[
            html.Label(["The tool as it stood at (UTC) ", dcc.Input(
                id=ids.CURATION_AUDIT_MOMENT, type="text", size="16",
                value=now, placeholder="YYYY-MM-DD HH:MM")]),
            html.Label(["showing the battle on ", dcc.Input(
                id=ids.CURATION_AUDIT_DAY, type="text", size="10",
                value=cx.theatre.battle_end.isoformat(), placeholder="YYYY-MM-DD")]),
            html.Button("Show", id=ids.CURATION_AUDIT_SHOW, n_clicks=0),
        ]),
        html.Div(id=ids.CURATION_AUDIT_STATUS, role="status"),
        html.Div(id=ids.CURATION_AUDIT_SUMMARY),
        dcc.Graph(id=ids.CURATION_AUDIT_MAP, config={"displayModeBar": False},
                  style={"height": "380px"}),
        html.Div(id=ids.CURATION_AUDIT_ORPHANS),
    ])


def parse_moment(raw: Any) -> dt.datetime:
    text = str(raw or "").strip()
    try:
        return dt.datetime.strptime(text, MOMENT_FORMAT).replace(tzinfo=dt.UTC)
    except ValueError:
        try:
            return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
        except ValueError:
            raise InputError(f"the moment {text!r} is not YYYY-MM-DD HH:MM (UTC)") from None


def summary_view(audit: Audit) -> list[Any]:
    d = audit.decisions
    counts = (f"{len(d.claims)} claim decision(s), {len(d.names)} name decision(s), "
              f"{len(d.overrides)} override(s), {len(d.annotations)} annotation(s), "
              f"{len(d.grades)} source grade(s), {len(d.places)} added place(s)")
    lines: list[Any] = [html.P(f"At {audit.moment:%Y-%m-%d %H:%M} UTC the tool held "
                               f"{len(audit.extractions)} report(s) and {counts} in force.")]
    if audit.left_out:
        lines.append(html.P("Added later, so left out: " + "; ".join(audit.left_out)))
    if audit.untimed:
        lines.append(html.P(f"{audit.untimed} report(s) ingested from files carry no time "
                            f"of adding and are shown as present."))
    if audit.unapplied:
        lines.append(html.P("Decisions then in force that found nothing: "
                            + "; ".join(audit.unapplied)))
    return lines


def orphans_view(audit: Audit) -> list[Any]:
    if not audit.orphans:
        return [html.P("Orphaned decisions: none (every decision in force finds its claim "
                       "or name).")]
    return [html.P(f"Orphaned decisions ({len(audit.orphans)}): in force, but no "
                   f"extraction holds their claim or name any more:"),
            html.Ul([html.Li(line) for line in audit.orphans])]


def show(cx: CurationContext, moment_raw: Any, day_raw: Any) -> tuple[Any, Any, Any]:
    """(figure, summary, orphans) of the tool at the moment, on the battle day."""
    moment = parse_moment(moment_raw)
    try:
        day = dt.date.fromisoformat(str(day_raw or "").strip())
    except ValueError:
        raise InputError(f"the day {day_raw!r} is not YYYY-MM-DD") from None
    audit = audit_at(cx.store, cx.theatre, cx.settings, moment)
    page = build_page_data(audit.theatre, cx.store.districts(cx.theatre), audit.timeline,
                           list(audit.extractions), cx.settings.event_fade_days,
                           cx.settings.map_style)
    index = min(max((day - page.start).days, 0), page.n_days - 1)
    figure = control_map(page, audit.theatre, index,
                         layers=("districts", "front", "bridges", "context"))
    return figure, summary_view(audit), orphans_view(audit)


def register(app: Dash, cx: CurationContext) -> None:

    @app.callback(Output(ids.CURATION_AUDIT_MOMENT, "value"),
                  Output(ids.CURATION_AUDIT_NOW, "data"),
                  Input(ids.CURATION_VERSION, "data"),
                  State(ids.CURATION_AUDIT_MOMENT, "value"),
                  State(ids.CURATION_AUDIT_NOW, "data"),
                  prevent_initial_call=True)
    def _now(_version: Any, moment: Any, filled: Any) -> tuple[Any, Any]:
        # A decision was made: "now" moves past it, unless the analyst chose a moment.
        if moment != filled:
            return no_update, no_update
        now = now_moment()
        return now, now

    @app.callback(Output(ids.CURATION_AUDIT_MAP, "figure"),
                  Output(ids.CURATION_AUDIT_SUMMARY, "children"),
                  Output(ids.CURATION_AUDIT_ORPHANS, "children"),
                  Output(ids.CURATION_AUDIT_STATUS, "children"),
                  Input(ids.CURATION_AUDIT_SHOW, "n_clicks"),
                  State(ids.CURATION_AUDIT_MOMENT, "value"),
                  State(ids.CURATION_AUDIT_DAY, "value"),
                  prevent_initial_call=True)
    def _show(clicks: int, moment: Any, day: Any) -> tuple[Any, Any, Any, Any]:
        if not clicks:
            return no_update, no_update, no_update, no_update
        try:
            figure, summary, orphans = show(cx, moment, day)
        except FrontlineError as exc:
            return no_update, no_update, no_update, html.Span(
                str(exc), className="fl-curation-error")
        return figure, summary, orphans, ""
