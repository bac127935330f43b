"""The one atomic write: the destination is whole or untouched, no temporary file stays."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pytest

from frontline.atomic import atomic_target, write_atomic


def test_bytes_text_and_writer_functions_land_whole(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.bin", b"\x00\x01")
    write_atomic(tmp_path / "b.txt", "Mossoul é")
    write_atomic(tmp_path / "c.bin", lambda handle: handle.write(b"abc"), mode=0o644)
    assert (tmp_path / "a.bin").read_bytes() == b"\x00\x01"
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "Mossoul é"
    assert (tmp_path / "c.bin").stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin", "b.txt", "c.bin"]


def test_a_failing_writer_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "entry.json"
    target.write_text("old", encoding="utf-8")

    def broken(handle: BinaryIO) -> None:
        handle.write(b"half")
        raise RuntimeError("renderer died")

    with pytest.raises(RuntimeError):
        write_atomic(target, broken)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["entry.json"]


def test_atomic_target_renames_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "store.gpkg"
    with atomic_target(target) as tmp:
        assert not tmp.exists() and tmp.suffix == ".gpkg" and tmp.parent == tmp_path
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    with pytest.raises(ValueError), atomic_target(target) as tmp:
        tmp.write_bytes(b"broken")
        raise ValueError("GDAL failed")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["store.gpkg"]
