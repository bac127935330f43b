"""The article store: one JSON file per article under ``$FRONTLINE_DATA_DIR/corpus/``.

Each file is ``Extraction.to_json()`` plus the source file's sha256 and the store's
``FORMAT``, so that ``ingest`` can skip unchanged files and the control timeline can be
rebuilt without re-reading articles. ``FORMAT`` goes up whenever what an entry means
changes (format 2: claim ids from content, :mod:`timeline.ids`; and the facts the
control rules need kept on the records: a percentage's bank and the places still held,
fighting since, places named in part). An entry of another format is not current, so
ingest extracts its file again instead of mixing the two or leaving the rules without
a fact.

Writes go to a temporary file in the same folder and are renamed over the old one: a
crash or a failed extraction never leaves a half-written or lost entry.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from frontline import settings
from frontline.errors import StoreError
from timeline.known import known_extraction
from timeline.records import Extraction

CORPUS_DIR = "corpus"
FORMAT = 2
KEY_SHA = "sha256"
KEY_FORMAT = "format"


def corpus_dir(data_dir: Path | None = None) -> Path:
    """The corpus folder, created on first use."""
    path = (data_dir or settings.data_dir()) / CORPUS_DIR
    path.mkdir(parents=True, exist_ok=True)
    return path


def entry_path(article_id: str, data_dir: Path | None = None) -> Path:
    return corpus_dir(data_dir) / f"{article_id}.json"


def stored_sha256(article_id: str, data_dir: Path | None = None) -> str | None:
    """The sha256 of the file an entry was extracted from (None when absent, unreadable or
    written in another format)."""
    path = entry_path(article_id, data_dir)
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        return str(entry[KEY_SHA]) if entry.get(KEY_FORMAT) == FORMAT else None
    except (OSError, ValueError, AttributeError, KeyError):
        return None


def is_current(article_id: str, sha256: str, source: Path,
               data_dir: Path | None = None) -> bool:
    """Whether the entry ``article_id`` holds ``source`` as it is now: this store format,
    this content (``sha256``) and this file. Only then may ingest skip the file."""
    try:
        data = json.loads(entry_path(article_id, data_dir).read_text(encoding="utf-8"))
        recorded = Path(data["article"]["path"])
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return (data.get(KEY_FORMAT) == FORMAT and data.get(KEY_SHA) == sha256
            and recorded.resolve() == source.resolve())


def entries_from(folder: Path, data_dir: Path | None = None) -> dict[str, Path]:
    """Stored article id -> source file, for the entries ingested from ``folder``.

    An entry counts when its recorded path, resolved, lies directly in ``folder``; a
    relative path recorded from another working directory never matches (such an
    entry is left alone rather than guessed at).
    """
    root = folder.resolve()
    out: dict[str, Path] = {}
    for path in sorted(corpus_dir(data_dir).glob("*.json")):
        try:
            source = Path(json.loads(path.read_text(encoding="utf-8"))["article"]["path"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if source.resolve().parent == root:
            out[path.stem] = source
    return out


def remove_entry(article_id: str, data_dir: Path | None = None) -> None:
    """Delete one article's entry (its source file is gone)."""
    entry_path(article_id, data_dir).unlink(missing_ok=True)


def save_extraction(extraction: Extraction, data_dir: Path | None = None) -> Path:
    """Write one article's extraction atomically (temp file, then rename)."""
    target = entry_path(extraction.article.id, data_dir)
    payload: dict[str, Any] = {KEY_FORMAT: FORMAT, KEY_SHA: extraction.article.sha256,
                               **extraction.to_json()}
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def load_extractions(data_dir: Path | None = None,
                     known_on: dt.date | None = None) -> list[Extraction]:
    """Every stored extraction, optionally only what was known on ``known_on`` (by the
    rule of :mod:`timeline.known`)."""
    out = []
    for path in sorted(corpus_dir(data_dir).glob("*.json")):
        try:
            extraction = Extraction.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"{path}: unreadable store entry ({exc}); run "
                             "`python -m timeline ingest` again") from None
        if known_on is not None:
            known = known_extraction(extraction, known_on)
            if known is not None:
                out.append(known)
            continue
        out.append(extraction)
    return out

