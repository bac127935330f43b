"""The movie row of the export panel: a date range as an animated GIF or MP4.

A movie is one render per frame (a month of days is thirty renders), so it runs as a
Dash background job, like the deck, with a progress bar and a line saying what it
does. The range defaults to the thirty days up to the map's date (never before the
battle); the status line names the range and frames the file holds. Built by
:func:`exports.registry.export_bytes` (:mod:`exports.animation`), named from the
theatre and the dates only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
from dash import Input, Output, State, dcc, html

from dashboard import ids
from dashboard.export_context import (
    context,
    job_manager,
    known_mode,
    names_language,
    run_export_job,
    view_date,
)
from exports.animation import EVERY, FPS_RANGE, AnimationOptions, frame_dates
from exports.context import parse_date
from exports.registry import download_name, export_bytes, names_of
from frontline.errors import ExportError

DEFAULT_DAYS = 30
DEFAULT_FPS = 2
FORMATS = tuple((name, name.upper()) for name in names_of("animation"))
STARTING_TEXT = "Starting the movie job…"


def movie_row() -> html.Div:
    """The movie controls: format, range, frames per second, a frame per day or change."""
    return html.Div(className="fl-export-movie", children=[
        dcc.RadioItems(id=ids.MOVIE_FORMAT, value="gif", inline=True,
                       options=[{"label": label, "value": key} for key, label in FORMATS]),
        html.Label(["from ", dcc.Input(id=ids.MOVIE_FROM, type="text", debounce=True,
                                       maxLength=10, placeholder="30 days before")],
                   className="fl-small fl-movie-date"),
        html.Label(["to ", dcc.Input(id=ids.MOVIE_TO, type="text", debounce=True,
                                     maxLength=10, placeholder="the map's date")],
                   className="fl-small fl-movie-date"),
        html.Label(["fps ", dcc.Input(id=ids.MOVIE_FPS, type="number", value=DEFAULT_FPS,
                                      min=FPS_RANGE[0], max=FPS_RANGE[1], step=1)],
                   className="fl-small fl-movie-fps"),
        dcc.RadioItems(id=ids.MOVIE_EVERY, value="day", inline=True, options=[
            {"label": "each day", "value": "day"},
            {"label": "each change", "value": "change"}]),
        html.Button("Movie", id=ids.MOVIE_BUTTON, n_clicks=0, className="fl-button",
                    title="Download the date range as an animation"),
        html.Label(["Frames rendered ", html.Progress(id=ids.MOVIE_PROGRESS, value="0",
                                                       max="1")], className="fl-small"),
        html.Div(id=ids.MOVIE_STEP, className="fl-small", role="status"),
        html.Div(id=ids.MOVIE_STATUS, className="fl-small", role="status"),
        dcc.Download(id=ids.MOVIE_DOWNLOAD),
    ])


def movie_progress(done: int, total: int, fmt: str) -> tuple[str | None, str, str]:
    """The bar's value and max and the step text after ``done`` of ``total`` steps (the
    frames, then the encoding). Before the first frame the bar has no value: busy."""
    frames = max(total - 1, 1)
    if done <= 0:
        return None, str(max(total, 1)), (f"Drawing {frames} frames and starting the "
                                          "renderer…")
    if done >= total:
        return str(done), str(total), f"Encoded the {fmt.upper()}; sending the file…"
    if done >= frames:
        return str(done), str(total), f"Rendered {frames} frames; encoding the {fmt.upper()}…"
    return str(done), str(total), f"Rendered {done} of {frames} frames…"


def movie_range(from_text: Any, to_text: Any, day: Any) -> tuple[dt.date, dt.date]:
    """The range asked for: typed dates, else the 30 days up to the map's date
    (a DateError names a bad typed date)."""
    ctx = context()
    end = parse_date(str(to_text).strip()) if str(to_text or "").strip() else view_date(ctx, day)
    if str(from_text or "").strip():
        start = parse_date(str(from_text).strip())
    else:
        start = max(ctx.theatre.battle_start, end - dt.timedelta(days=DEFAULT_DAYS))
    return start, end


def movie_download(fmt: str, from_text: Any, to_text: Any, fps: Any, every: Any, day: Any,
                   known_value: Any, progress: Any = None, names_value: Any = None,
                   ) -> tuple[dict[str, Any], str]:
    """Build the movie download (pure of Dash state: tests call it directly)."""
    ctx = context()
    fmt = fmt if fmt in dict(FORMATS) else "gif"
    every = str(every) if every in EVERY else "day"
    try:
        rate = int(fps)
    except (TypeError, ValueError):
        raise ExportError(f"frames per second must be a whole number, got {fps!r}") from None
    start, end = movie_range(from_text, to_text, day)
    known = known_mode(known_value)
    frames = len(frame_dates(ctx, AnimationOptions(start, end, rate, every, known)))
    data = export_bytes(ctx, fmt, end, known=known, start=start, fps=rate, every=every,
                        progress=progress, names=names_language(names_value))
    name = download_name(ctx.theatre.name, end, fmt,
                         f"from-{start.isoformat()}" + ("-known" if known else ""))
    return dcc.send_bytes(data, name), (
        f"Movie ready: {name} ({frames} frames, {start.isoformat()} to {end.isoformat()}, "
        f"{len(data):,} bytes).")


@dash.callback(
    Output(ids.MOVIE_DOWNLOAD, "data"),
    Output(ids.MOVIE_STATUS, "children"),
    Input(ids.MOVIE_BUTTON, "n_clicks"),
    State(ids.MOVIE_FORMAT, "value"),
    State(ids.MOVIE_FROM, "value"),
    State(ids.MOVIE_TO, "value"),
    State(ids.MOVIE_FPS, "value"),
    State(ids.MOVIE_EVERY, "value"),
    State(ids.SLIDER, "value"),
    State(ids.KNOWN_ON, "value"),
    State(ids.NAMES_LANG, "value"),
    background=True,
    manager=job_manager(),
    progress=[Output(ids.MOVIE_PROGRESS, "value"), Output(ids.MOVIE_PROGRESS, "max"),
              Output(ids.MOVIE_STEP, "children")],
    running=[(Output(ids.MOVIE_BUTTON, "disabled"), True, False),
             (Output(ids.MOVIE_STEP, "children"), STARTING_TEXT, "")],
    prevent_initial_call=True,
)
def _on_movie(set_progress: Any, clicks: int, fmt: Any, from_text: Any, to_text: Any,
              fps: Any, every: Any, day: Any, known_value: Any,
              names_value: Any) -> tuple[Any, str]:
    if not clicks:
        return dash.no_update, ""
    name = str(fmt)
    # a movie takes a slot of the export pool, as every export does
    return run_export_job(set_progress, "movie", lambda: movie_download(
        name, from_text, to_text, fps, every, day, known_value,
        lambda done, total: set_progress(movie_progress(done, total, name)), names_value))


