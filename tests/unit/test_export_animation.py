"""The animated export (issue 17 point 7): frame dates, checks, and the GIF and MP4
opened with imageio: frame count, size, the date drawn on every frame. SYNTHETIC data."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pytest

from exports.animation import (
    DATE_PX,
    HEIGHT,
    MAP_BOX,
    WIDTH,
    AnimationOptions,
    check_options,
    frame_dates,
    frame_figure,
)
from exports.context import ExportContext
from exports.registry import FORMATS, export_bytes
from frontline.errors import DateError, ExportError
from tests.unit.export_support import (
    CHANGE_DAY,
    KNOWN_DELAY,
    known_later_context,
    synthetic_context,
)


@pytest.fixture(scope="module")
def ctx() -> ExportContext:
    return synthetic_context()


def change_date(ctx: ExportContext) -> dt.date:
    return ctx.theatre.battle_start + dt.timedelta(days=CHANGE_DAY)


def test_gif_and_mp4_are_registered_formats() -> None:
    assert FORMATS["gif"].media_type == "image/gif" and FORMATS["gif"].cli
    assert FORMATS["mp4"].media_type == "video/mp4" and FORMATS["mp4"].cli


def test_a_frame_per_day_or_per_change(ctx: ExportContext) -> None:
    change = change_date(ctx)
    start, end = change - dt.timedelta(days=3), change + dt.timedelta(days=2)
    daily = frame_dates(ctx, AnimationOptions(start, end))
    assert daily == [start + dt.timedelta(days=i) for i in range(6)]
    # per change: the first day, then each day control changed hands (the SYNTHETIC
    # timeline changes once, on CHANGE_DAY)
    assert frame_dates(ctx, AnimationOptions(start, end, every="change")) == [start, change]
    assert frame_dates(ctx, AnimationOptions(start, start, every="change")) == [start]


def test_known_on_frames_per_change_fall_on_the_day_a_change_became_knowable() -> None:
    """A capture reported KNOWN_DELAY days late: "as known on", the per-change frame is
    the day of its report (the hindsight day showed nothing changed to anyone then)."""
    ctx = known_later_context()
    change = change_date(ctx)
    start, end = change - dt.timedelta(days=3), change + dt.timedelta(days=KNOWN_DELAY + 2)
    hindsight = frame_dates(ctx, AnimationOptions(start, end, every="change"))
    known = frame_dates(ctx, AnimationOptions(start, end, every="change", known=True))
    assert hindsight == [start, change]
    assert known == [start, change + dt.timedelta(days=KNOWN_DELAY)]


@pytest.mark.parametrize(("opts", "words"), [
    (AnimationOptions(dt.date(2017, 5, 2), dt.date(2017, 5, 1)), "is after --to"),
    (AnimationOptions(dt.date(2017, 5, 1), dt.date(2017, 5, 2), fps=0), "--fps"),
    (AnimationOptions(dt.date(2017, 5, 1), dt.date(2017, 5, 2), fps=31), "--fps"),
    (AnimationOptions(dt.date(2017, 5, 1), dt.date(2017, 5, 2), every="week"), "--every"),
])
def test_bad_options_are_one_line_errors(ctx: ExportContext, opts: AnimationOptions,
                                         words: str) -> None:
    with pytest.raises(ExportError, match=words):
        check_options(ctx, opts)


def test_a_range_outside_the_battle_is_refused(ctx: ExportContext) -> None:
    with pytest.raises(DateError, match="outside the battle"):
        check_options(ctx, AnimationOptions(dt.date(2015, 1, 1), dt.date(2017, 5, 1)))


def test_every_frame_carries_its_date_and_the_caveat(ctx: ExportContext) -> None:
    fig = frame_figure(ctx, dt.date(2017, 5, 11), known=True, index=2, total=5)
    texts = [str(a.text) for a in fig.layout.annotations]
    badge = next(t for t in texts if "11 May 2017" in t)
    assert "as known that day" in badge
    assert any("frame 3 of 5" in t for t in texts)
    assert any("Approximate boundaries" in t for t in texts)
    sizes = [a.font.size for a in fig.layout.annotations if "11 May 2017" in str(a.text)]
    assert sizes == [DATE_PX]


def frames_of(data: bytes, ext: str) -> list[np.ndarray]:
    import imageio.v3 as iio

    if ext == ".mp4":
        return [np.asarray(f) for f in iio.imiter(data, extension=ext, plugin="FFMPEG")]
    return [np.asarray(f)[..., :3] for f in iio.imiter(data, extension=ext)]


def badge_box() -> tuple[slice, slice]:
    top, left = int(MAP_BOX.top) + 8, int(MAP_BOX.left) + 8
    return slice(top, top + DATE_PX + 16), slice(left, left + 260)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["gif", "mp4"])
def test_the_file_has_a_frame_per_day_each_with_its_own_date(ctx: ExportContext,
                                                             fmt: str) -> None:
    """Opened with imageio: four frames of 1280x720; outside a change of control the
    map is the same day to day, so what differs between frames is their date badge."""
    steps: list[tuple[int, int]] = []
    start, end = dt.date(2017, 5, 1), dt.date(2017, 5, 4)
    data = export_bytes(ctx, fmt, end, start=start, fps=4, every="day",
                        progress=lambda done, total: steps.append((done, total)))
    frames = frames_of(data, f".{fmt}")
    assert len(frames) == 4
    assert all(f.shape[:2] == (HEIGHT, WIDTH) for f in frames)
    rows, cols = badge_box()
    map_rows = slice(int(MAP_BOX.top) + 120, int(MAP_BOX.bottom) - 60)
    for a, b in itertools.pairwise(frames):
        diff = np.abs(a.astype(int) - b.astype(int)).max(axis=2) > 60
        assert diff[rows, cols].sum() > 100  # the date changed
        assert diff[map_rows, :].sum() < 0.002 * diff[map_rows, :].size  # the map did not
    assert steps[0] == (0, 5) and steps[-1] == (5, 5)
    if fmt == "gif":
        import imageio.v3 as iio

        meta = iio.immeta(data, extension=".gif")
        assert meta.get("duration") == 250 and meta.get("loop") == 0
