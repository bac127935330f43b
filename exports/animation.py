"""A date range as an animated GIF or an MP4: one frame per day or per change of control.

Every frame is a map page (:mod:`exports.map_page`) of one date: the map large, the
date in large type on the map, the key, and a footer with the caveat. The frames are
rendered together by one batch browser (:func:`exports.renderer.render_many`) and
encoded by imageio: Pillow writes the GIF, the ffmpeg binary that the imageio-ffmpeg
wheel carries writes the MP4 (H.264, yuv420p so that every player opens it). Nothing
is fetched at run time.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import plotly.graph_objects as go

from exports import map_page, renderer, selection
from exports.context import ExportContext
from frontline.errors import ExportError
from viewmodel.figures import APPROX_TEXT
from viewmodel.hover import safe

# 1280 x 720: 16:9 and a multiple of 16 both ways (H.264's macro blocks: no resizing)
WIDTH, HEIGHT = map_page.SLIDE_W, map_page.SLIDE_H
MAP_BOX = map_page.SLIDE_MAP
DATE_PX = map_page.SLIDE_DATE_PX
EVERY = ("day", "change")
FPS_RANGE = (1, 30)
MAX_FRAMES = 400
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class AnimationOptions:
    """What the analyst chose: the range, frames per second, and which days get a frame."""

    start: dt.date
    end: dt.date
    fps: int = 2
    every: str = "day"
    known: bool = False


def check_options(ctx: ExportContext, opts: AnimationOptions) -> AnimationOptions:
    """``opts``, or a one-line error naming what is wrong with them."""
    ctx.check_date(opts.start)
    ctx.check_date(opts.end)
    if opts.start > opts.end:
        raise ExportError(f"--from {opts.start.isoformat()} is after --to "
                          f"{opts.end.isoformat()}")
    if not FPS_RANGE[0] <= opts.fps <= FPS_RANGE[1]:
        raise ExportError(f"--fps must be a whole number from {FPS_RANGE[0]} to "
                          f"{FPS_RANGE[1]}, got {opts.fps}")
    if opts.every not in EVERY:
        raise ExportError(f"--every must be one of {', '.join(EVERY)}, got {opts.every!r}")
    return opts


def frame_dates(ctx: ExportContext, opts: AnimationOptions) -> list[dt.date]:
    """The date of each frame: every day of the range, or its first day and then each
    day control changed hands in it (the timeline's significant changes; "as known on",
    each day a change became knowable)."""
    if opts.every == "day":
        days = [opts.start + dt.timedelta(days=i)
                for i in range((opts.end - opts.start).days + 1)]
    else:
        days = [opts.start] + [d for d in selection.change_dates(ctx, opts.known)
                               if opts.start < d <= opts.end]
    if len(days) > MAX_FRAMES:
        raise ExportError(f"{len(days)} frames asked for, at most {MAX_FRAMES}: shorten the "
                          "range or use --every change")
    return days


def frame_figure(ctx: ExportContext, date: dt.date, known: bool = False,
                 index: int = 0, total: int = 1) -> go.Figure:
    """The frame of ``date``: title, the map with the date on it, the key, the caveat."""
    mode = "as known on each day" if known else "as reported, with later reports"
    caveat = APPROX_TEXT if ctx.page.approximate else "Imported district boundaries."
    sources = len(selection.sources_of(ctx, date, known))
    return map_page.slide_figure(
        ctx, date, title=f"<b>{safe(ctx.theatre.title)}</b>: control",
        subtitle=f"frame {index + 1} of {total} · {mode}",
        footer=(f"{caveat} Lighter colours: inferred or assumed, not reported. Evidence: "
                f"{sources} source(s) up to this date, listed in the PDF and data exports."),
        known=known, kinds=map_page.window_kinds(ctx, date, known))


def animation_bytes(ctx: ExportContext, fmt: str, opts: AnimationOptions,
                    progress: Progress | None = None) -> bytes:
    """The animation of ``opts``' range as ``fmt`` (``gif`` or ``mp4``) bytes."""
    opts = check_options(ctx, opts)
    days = frame_dates(ctx, opts)
    if progress:  # drawing the frames and starting the renderer come before any frame
        progress(0, len(days) + 1)
    figures = [frame_figure(ctx, d, opts.known, i, len(days)) for i, d in enumerate(days)]
    pngs = renderer.render_many(figures, "png", WIDTH, HEIGHT, progress=progress)
    frames = [_rgb(png) for png in pngs]
    data = _gif(frames, opts.fps) if fmt == "gif" else _mp4(frames, opts.fps)
    if progress:
        progress(len(days) + 1, len(days) + 1)
    return data


def _rgb(png: bytes) -> np.ndarray:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        rgb = np.asarray(image.convert("RGB"))
    if rgb.shape[:2] != (HEIGHT, WIDTH):
        raise ExportError(f"a frame came out {rgb.shape[1]}x{rgb.shape[0]}, "
                          f"not {WIDTH}x{HEIGHT}")
    return rgb


def _gif(frames: list[np.ndarray], fps: int) -> bytes:
    import imageio.v3 as iio

    # Pillow's GIF writer takes each frame's duration in milliseconds; loop=0 repeats
    return bytes(iio.imwrite("<bytes>", np.stack(frames), extension=".gif",
                             duration=round(1000 / fps), loop=0))


def _mp4(frames: list[np.ndarray], fps: int) -> bytes:
    import imageio.v2 as iio2

    # the ffmpeg writer wants a file: a private temporary one, removed in every case
    handle, name = tempfile.mkstemp(suffix=".mp4")
    os.close(handle)
    path = Path(name)
    try:
        with iio2.get_writer(name, format="FFMPEG", mode="I", fps=fps, codec="libx264",
                             pixelformat="yuv420p", macro_block_size=16,
                             ffmpeg_log_level="error",
                             output_params=["-movflags", "+faststart"]) as writer:
            for frame in frames:
                writer.append_data(frame)  # type: ignore[attr-defined]
        return path.read_bytes()
    except (OSError, RuntimeError) as exc:
        raise ExportError(f"mp4 encoder failed: {' '.join(str(exc).split())[:200]}") from None
    finally:
        path.unlink(missing_ok=True)
