"""Where an export goes: checked destinations, atomic writes and download names.

An export is rendered to bytes first and written last, through a temporary file in
the destination's own directory that is renamed into place: an analyst never finds a
half-written briefing file, even when the renderer fails or the run is interrupted.
File stems are built from the theatre and the date only, never from user text.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
from pathlib import Path

from frontline import atomic
from frontline.errors import ExportError

_SAFE = re.compile(r"[^a-z0-9]+")


def check_destination(path: Path) -> Path:
    """Refuse a destination whose directory is missing or not writable, before rendering."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path()
    if path.is_dir():
        raise ExportError(f"output {path} is a directory; give a file name")
    if not parent.is_dir():
        raise ExportError(f"output directory {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ExportError(f"output directory {parent} is not writable")
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same directory and a rename.

    The destination is checked first and every failure is one :class:`ExportError`
    line; the write itself is :func:`frontline.atomic.write_atomic`, readable by all
    (an export is handed to colleagues).
    """
    if not data:
        raise ExportError(f"nothing to write to {path}: the export came out empty")
    path = check_destination(Path(path))
    try:
        atomic.write_atomic(path, data, mode=0o644)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise ExportError(f"output directory {path.parent} is not writable: "
                              f"{exc.strerror}") from None
        raise ExportError(f"cannot write {path}: {exc.strerror}") from None


def safe_stem(theatre_name: str, date: dt.date, suffix: str = "") -> str:
    """``frontline-mosul-2017-05-11``: a file stem from trusted parts only (no user text)."""
    theatre = _SAFE.sub("-", theatre_name.lower()).strip("-") or "theatre"
    extra = _SAFE.sub("-", suffix.lower()).strip("-")
    return f"frontline-{theatre}-{date.isoformat()}" + (f"-{extra}" if extra else "")
