"""Helpers to handle the stored timeline's embedded JSON, and to write the old two-file
layout (``timeline.npz`` + ``timeline.json``) that stores built before the switch hold."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from timeline.store.timeline_files import JSON_FILE, JSON_MEMBER, KEY_BUILD, NPZ_FILE


def _split(data_dir: Path) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    with np.load(data_dir / NPZ_FILE, allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    doc = json.loads(arrays.pop(JSON_MEMBER).tobytes().decode("utf-8"))
    return arrays, doc


def edit_document(data_dir: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    """Rewrite the JSON inside a stored timeline (an older build's document)."""
    arrays, doc = _split(data_dir)
    edit(doc)
    arrays[JSON_MEMBER] = np.frombuffer(json.dumps(doc).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(data_dir / NPZ_FILE, **arrays)


def to_old_pair(data_dir: Path, *, build_hash: bool = True) -> None:
    """Turn a stored timeline into the old pair: arrays alone, the JSON beside them."""
    arrays, doc = _split(data_dir)
    packed = io.BytesIO()
    np.savez_compressed(packed, **arrays)
    (data_dir / NPZ_FILE).write_bytes(packed.getvalue())
    if build_hash:
        doc[KEY_BUILD] = hashlib.sha256(packed.getvalue()).hexdigest()
    (data_dir / JSON_FILE).write_text(json.dumps(doc), encoding="utf-8")
