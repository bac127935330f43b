"""The article files of :class:`timeline.store.files.FileStore`: one JSON per article.

Each file, ``DATA_DIR/corpus/<article id>.json``, is ``Extraction.to_json()`` plus the
source file's sha256 and the store's ``FORMAT``, so that ingest can skip unchanged files
and the control timeline can be rebuilt without re-reading articles. ``FORMAT`` goes up
whenever what an entry means changes (format 2: claim ids from content,
:mod:`timeline.ids`; and the facts the control rules need kept on the records: a
percentage's bank and the places still held, fighting since, places named in part;
format 3: "is held by" no longer read as ISIS-held, figure subjects in the theatre's
words). An entry of another format is not current, so ingest extracts its file again
instead of mixing the two or leaving the rules without a fact. Writes are
:func:`frontline.atomic.write_atomic`: a crash or a failed extraction never leaves a
half-written or lost entry. Every function takes the data folder: which folder is the
configured one is decided once, by the caller's :class:`frontline.settings.Settings`,
never here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from frontline.atomic import write_atomic
from frontline.errors import StoreError
from timeline.known import known_extractions
from timeline.records import Extraction

CORPUS_DIR = "corpus"
FORMAT = 3
KEY_SHA = "sha256"
KEY_FORMAT = "format"


def corpus_dir(data_dir: Path) -> Path:
    """The corpus folder, created on first use."""
    path = data_dir / CORPUS_DIR
    path.mkdir(parents=True, exist_ok=True)
    return path


def entry_path(article_id: str, data_dir: Path) -> Path:
    """Where an article's entry is written (the corpus folder is created)."""
    return corpus_dir(data_dir) / f"{article_id}.json"


def _existing(article_id: str, data_dir: Path) -> Path:
    """Where an article's entry is read (nothing is created by looking)."""
    return data_dir / CORPUS_DIR / f"{article_id}.json"


def article_ids(data_dir: Path) -> list[str]:
    """The ids of the stored articles, sorted (an absent corpus folder holds none)."""
    folder = data_dir / CORPUS_DIR
    return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []


def stored_sha256(article_id: str, data_dir: Path) -> str | None:
    """The sha256 of the file an entry was extracted from (None when absent, unreadable or
    written in another format)."""
    path = _existing(article_id, data_dir)
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        return str(entry[KEY_SHA]) if entry.get(KEY_FORMAT) == FORMAT else None
    except (OSError, ValueError, AttributeError, KeyError):
        return None


def sources(data_dir: Path) -> dict[str, str]:
    """Stored article id -> the source path recorded at ingest (unreadable entries skipped)."""
    out: dict[str, str] = {}
    for article_id in article_ids(data_dir):
        try:
            doc = json.loads(_existing(article_id, data_dir).read_text(encoding="utf-8"))
            out[article_id] = str(doc["article"]["path"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return out


def remove_entry(article_id: str, data_dir: Path) -> None:
    """Delete one article's entry (its source file is gone)."""
    _existing(article_id, data_dir).unlink(missing_ok=True)


def save_extraction(extraction: Extraction, data_dir: Path) -> Path:
    """Write one article's extraction atomically (temp file, then rename)."""
    target = entry_path(extraction.article.id, data_dir)
    payload: dict[str, Any] = {KEY_FORMAT: FORMAT, KEY_SHA: extraction.article.sha256,
                               **extraction.to_json()}
    return write_atomic(target, json.dumps(payload, ensure_ascii=False, indent=1))


def read_extraction(article_id: str, data_dir: Path) -> Extraction | None:
    """One stored extraction (None when absent), or a :class:`StoreError` when unreadable."""
    path = _existing(article_id, data_dir)
    if not path.is_file():
        return None
    return _read(path)


def _read(path: Path) -> Extraction:
    try:
        return Extraction.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"{path}: unreadable store entry ({exc}); run "
                         "`python -m timeline ingest` again") from None


def load_extractions(data_dir: Path,
                     known_on: dt.date | None = None) -> list[Extraction]:
    """Every stored extraction, optionally only what was known on ``known_on`` (by the
    rule of :mod:`timeline.known`)."""
    every = [_read(path) for path in sorted((data_dir / CORPUS_DIR).glob("*.json"))]
    return known_extractions(every, known_on)
