"""Export destinations: checked before work, written atomically, safe download names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exports.files import check_destination, write_atomic
from exports.registry import download_name
from frontline.errors import ExportError


def test_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        check_destination(tmp_path / "nope" / "out.png")


def test_directory_as_output_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a directory"):
        check_destination(tmp_path)


def test_atomic_write_leaves_only_the_file(tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    write_atomic(out, b"id\n1\n")
    assert out.read_bytes() == b"id\n1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_empty_export_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="empty"):
        write_atomic(tmp_path / "a.png", b"")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_directory_leaves_no_file() -> None:
    # /sys refuses new files even to root: the temp file cannot be created.
    with pytest.raises(ExportError, match="not writable"):
        write_atomic(Path("/sys/frontline-export.png"), b"x")
    assert not Path("/sys/frontline-export.png").exists()


@pytest.mark.parametrize("theatre", ["mosul", "../../etc/passwd", "Mosul/..\\x", ""])
def test_download_name_is_built_from_trusted_parts(theatre: str) -> None:
    name = download_name(theatre, dt.date(2017, 5, 11), "png", suffix="../2x")
    assert name.startswith("frontline-") and name.endswith("-2017-05-11-2x.png")
    assert "/" not in name and "\\" not in name and ".." not in name


def test_download_name_of_each_format() -> None:
    assert download_name("mosul", dt.date(2017, 5, 11), "gpkg") == "frontline-mosul-2017-05-11.gpkg"
