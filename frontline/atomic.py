"""One atomic write for every file Frontline keeps: stores, timelines and exports.

A reader (the app, an export, a background job) must never see half a file, and a
failed or interrupted write must leave the previous file in place. So every file is
written under a temporary name in its destination's own folder (a rename across
file systems is not atomic), flushed to disk, then renamed over the destination. The
temporary name starts with a dot, so a folder listing of stored entries skips it, and
carries the writer's process id (``.NAME.pid<PID>.<random>.tmp``), so that the next run
can remove the temporaries of a writer that was killed (:func:`remove_stale_temporaries`)
without touching those of a writer still at work.

:func:`write_atomic` takes the content (bytes, text, or a function that writes to a
binary handle); :func:`atomic_target` is for writers that insist on opening a path
themselves (GDAL writing a GeoPackage).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

Content = bytes | str | Callable[[BinaryIO], object]
UNTAGGED_STALE_SECONDS = 3600
_UNTAGGED = re.compile(r"^\..+\.tmp(\.[^./]*)?$")
_PID_TAG = re.compile(r"^\..*\.pid(\d+)[.-][^/]*\.tmp(\.[^./]*)?$")


def _tag() -> str:
    return f"pid{os.getpid()}"


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporaries in ``folder`` left by writers that are no longer running.

    A temporary whose writer (by its tagged process id) is alive is kept: it is a write
    in progress. One from before the tag was added is removed once it is an hour old.
    Returns the paths removed.
    """
    removed: list[Path] = []
    if not Path(folder).is_dir():
        return removed
    for path in Path(folder).iterdir():
        match = _PID_TAG.match(path.name)
        if match is None:
            if not _UNTAGGED.match(path.name) or not _older_than(path, UNTAGGED_STALE_SECONDS):
                continue
        elif _alive(int(match.group(1))):
            continue
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime > seconds
    except FileNotFoundError:
        return False


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive, not ours to judge
    return True


def write_atomic(path: Path, content: Content, *, mode: int | None = None) -> Path:
    """Write ``content`` to ``path`` through a temporary file and a rename.

    Parameters
    ----------
    path
        The destination; its folder must exist.
    content
        Bytes, text (written as UTF-8), or a function given the open binary handle.
    mode
        File permissions to set before the rename (``mkstemp`` creates files 0600,
        which a briefing file handed to colleagues should not keep).

    Raises
    ------
    OSError
        When the temporary file cannot be created or written; the destination is
        then untouched and no temporary file is left behind.
    """
    path = Path(path)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{_tag()}.",
                                suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(content, str):
                handle.write(content.encode("utf-8"))
            elif isinstance(content, bytes):
                handle.write(content)
            else:
                content(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            tmp.chmod(mode)
        tmp.replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return path


@contextlib.contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """A fresh temporary path beside ``path``, renamed over it when the block succeeds.

    The temporary path does not exist when the block starts (GDAL refuses to create a
    GeoPackage over an empty file) and keeps ``path``'s suffix (drivers guess from it).
    On any error it is removed and ``path`` is left as it was.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.stem}.{_tag()}-{uuid.uuid4().hex}.tmp{path.suffix}")
    try:
        yield tmp
        with open(tmp, "rb+") as handle:  # noqa: PTH123 - fsync needs the descriptor
            os.fsync(handle.fileno())
        tmp.replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
