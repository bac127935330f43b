"""``python -m dashboard export --format gif|mp4 --from --to`` and ``--format pdf --page``,
run as an analyst would, on the data built from seeds/; the files opened."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from exports.animation import HEIGHT, WIDTH
from tests.cli.test_export_cli import assert_one_line_failure
from tests.conftest import run_cli


def export(out: Path, *args: str, env: dict[str, str] | None = None) -> object:
    return run_cli("dashboard", "export", "--out", str(out), *args, env=env)


@pytest.mark.slow
def test_gif_from_to_per_day(data_env: dict[str, str], tmp_path: Path) -> None:
    import imageio.v3 as iio

    out = tmp_path / "week.gif"
    result = export(out, "--format", "gif", "--from", "2017-05-08", "--to", "2017-05-11",
                    "--fps", "5", env=data_env)
    assert result.returncode == 0, result.stderr
    frames = [np.asarray(f)[..., :3] for f in iio.imiter(out, extension=".gif")]
    assert len(frames) == 4 and frames[0].shape[:2] == (HEIGHT, WIDTH)
    assert iio.immeta(out, extension=".gif")["duration"] == 200
    assert all(np.abs(a.astype(int) - b.astype(int)).max() > 60
               for a, b in itertools.pairwise(frames))
    assert [p.name for p in tmp_path.iterdir()] == ["week.gif"]


@pytest.mark.slow
def test_mp4_per_change(data_env: dict[str, str], tmp_path: Path) -> None:
    import imageio.v3 as iio

    from exports.animation import AnimationOptions, frame_dates
    from exports.context import load_context
    from frontline.settings import Settings

    out = tmp_path / "changes.mp4"
    result = export(out, "--format", "mp4", "--from", "2017-01-01", "--to", "2017-03-31",
                    "--every", "change", "--fps", "1", env=data_env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().startswith("wrote ")  # no encoder chatter
    frames = list(iio.imiter(out, extension=".mp4", plugin="FFMPEG"))
    import datetime as dt
    import os

    os.environ.update(data_env)
    try:
        ctx = load_context(settings=Settings.from_env())
    finally:
        for key in data_env:
            os.environ.pop(key, None)
    want = frame_dates(ctx, AnimationOptions(dt.date(2017, 1, 1), dt.date(2017, 3, 31),
                                             every="change"))
    assert 1 < len(want) < 90  # fewer frames than days: one per change
    assert len(frames) == len(want)
    assert frames[0].shape[:2] == (HEIGHT, WIDTH)


@pytest.mark.parametrize(("args", "words"), [
    (("--format", "gif", "--from", "2017-05-11"), ("--to YYYY-MM-DD is required",)),
    (("--format", "gif", "--to", "2017-05-11"), ("--from YYYY-MM-DD is required",)),
    (("--format", "mp4", "--from", "2017-05-11", "--to", "2017-05-01"), ("is after --to",)),
    (("--format", "gif", "--from", "2015-01-01", "--to", "2017-05-01"),
     ("outside the battle",)),
    (("--format", "gif", "--from", "2017-02-30", "--to", "2017-05-01"),
     ("February 2017 has 28 days",)),
    (("--format", "gif", "--from", "2017-05-01", "--to", "2017-05-02", "--fps", "fast"),
     ("--fps must be",)),
    (("--format", "gif", "--from", "2017-05-01", "--to", "2017-05-02", "--every", "week"),
     ("--every must be one of day, change",)),
    (("--format", "gif", "--date", "2017-05-01"), ("takes --from and --to",)),
    (("--format", "png", "--from", "2017-05-01", "--to", "2017-05-02"),
     ("--from applies to gif and mp4",)),
    (("--format", "png"), ("--date is required for png",)),
    (("--format", "png", "--date", "2017-05-01", "--page", "a4"),
     ("--page applies to a pdf",)),
    (("--format", "pdf", "--date", "2017-05-01", "--page", "a3"),
     ("--page must be one of screen, a4, letter",)),
])
def test_bad_animation_and_page_options_fail_on_one_line(tmp_path: Path, args: tuple[str, ...],
                                                          words: tuple[str, ...]) -> None:
    suffix = {"gif": "gif", "mp4": "mp4", "png": "png", "pdf": "pdf"}[args[1]]
    assert_one_line_failure(export(tmp_path / f"x.{suffix}", *args), *words)
    assert not list(tmp_path.iterdir())


@pytest.mark.slow
@pytest.mark.parametrize(("extra", "size"), [((), (595.28, 841.89)),
                                             (("--page", "letter"), (612.0, 792.0))])
def test_pdf_is_an_a4_print_page_by_default(data_env: dict[str, str], tmp_path: Path,
                                            extra: tuple[str, ...],
                                            size: tuple[float, float]) -> None:
    from pypdf import PdfReader

    out = tmp_path / "page.pdf"
    result = export(out, "--format", "pdf", "--date", "2017-05-11", *extra, env=data_env)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.05)
    text = reader.pages[0].extract_text()
    assert "Sources" in text and "Front line" in text and "km" in text
    assert reader.metadata is not None and reader.metadata.title.endswith("2017-05-11")
