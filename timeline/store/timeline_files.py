"""The stored control timeline: one file, ``timeline.npz``, switched by one rename.

Arrays stay arrays (int8 codes, int32 days, float shares); evidence, cause lists,
changes and front geometries are JSON, stored inside the same archive as the member
``timeline_json`` (UTF-8 bytes). The file is written atomically
(:func:`frontline.atomic.write_atomic`), so a reader sees the old timeline or the new
one, never arrays of one build with the JSON of another, whatever moment a crash or a
``kill -9`` strikes.

Timelines saved before this kept the JSON beside the arrays in ``timeline.json``,
which recorded the sha256 of the arrays it was saved with (``build``); such a pair still
loads, and one whose halves come from different builds is refused in one line saying to
build again. Saving removes that old ``timeline.json``. A timeline saved before the "as
known on" replay kept ``since_known``, ``cause_known`` and ``causes_known`` still loads,
without them (the map's known view then shows side and basis only until ``python -m
timeline build`` runs again); one saved before it named its side codes loads with
Mosul's (``government``, ``isis``, ``contested``, ``unknown``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import time
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from frontline.atomic import write_atomic
from frontline.errors import StoreError
from geodata.sides import MOSUL_ORDER
from timeline.control.model import OVERLAY_FIELDS, Change, ControlTimeline, Evidence
from timeline.store.timeline_decisions import decisions_from_json, decisions_json

NPZ_FILE = "timeline.npz"
JSON_FILE = "timeline.json"  # the JSON half of a timeline saved before it moved inside
JSON_MEMBER = "timeline_json"
FORMAT = 1
ARRAYS = ("side", "basis", "since", "base_cause", "frontline_km", "front_index",
          "side_known", "basis_known", "area_km2", "front_index_known", "frontline_km_known",
          "since_known", "cause_known")


KEY_BUILD = "build"
READ_ATTEMPTS = 3
RETRY_SECONDS = 0.05  # far longer than the switch between the two renames


def timeline_paths(data_dir: Path) -> tuple[Path, Path]:
    return data_dir / NPZ_FILE, data_dir / JSON_FILE


def has_timeline(data_dir: Path) -> bool:
    return timeline_paths(data_dir)[0].is_file()


def pack(tl: ControlTimeline, with_json: bool = True) -> tuple[bytes, dict[str, Any]]:
    """The timeline as an npz archive and its JSON document; with ``with_json`` the
    archive holds the document too (member ``timeline_json``), as the file store keeps
    it. A database store keeps the document in a column of its own instead."""
    arrays = {name: getattr(tl, name) for name in ARRAYS if getattr(tl, name) is not None}
    arrays |= {f"share_{k}": v for k, v in tl.share.items()}
    arrays |= dict(tl.overlays)
    doc = {
        "format": FORMAT,
        "start": tl.start.isoformat(),
        "side_codes": list(tl.side_codes),
        "district_ids": list(tl.district_ids),
        "known_on": tl.known_on.isoformat() if tl.known_on else None,
        "evidence": [e.to_json() for e in tl.evidence.values()],
        "causes": [list(c) for c in tl.causes],
        "changes": {d: [[c.day, c.side, c.basis, list(c.evidence)] for c in cs]
                    for d, cs in tl.changes.items()},
        "fronts": tl.fronts,
        "causes_known": [list(c) for c in tl.causes_known],
        "decisions": decisions_json(tl.decisions),
    }
    if with_json:
        text = json.dumps(doc, ensure_ascii=False)
        arrays[JSON_MEMBER] = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    packed = io.BytesIO()
    np.savez_compressed(packed, **arrays)
    return packed.getvalue(), doc


def unpack(raw: bytes, doc: dict[str, Any] | None = None) -> ControlTimeline:
    """The timeline of :func:`pack`'s archive (and document, when kept apart); errors
    of the ValueError/KeyError family when unreadable."""
    with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    member = arrays.pop(JSON_MEMBER, None)
    if member is not None:
        doc = json.loads(member.tobytes().decode("utf-8"))
    if doc is None:
        raise ValueError("the timeline's JSON document is missing")
    return _from_parts(doc, arrays)


def save_timeline(tl: ControlTimeline, data_dir: Path) -> Path:
    """Write the timeline, arrays and JSON in one file, by one atomic rename; returns
    its path."""
    npz_path, json_path = timeline_paths(data_dir)
    npz_path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(npz_path, pack(tl)[0])
    with contextlib.suppress(FileNotFoundError):
        json_path.unlink()  # an old pair's JSON half: the archive now holds it
    return npz_path


def load_timeline(data_dir: Path) -> ControlTimeline:
    """Read the stored timeline, or a :class:`StoreError` saying how to build it."""
    npz_path, json_path = timeline_paths(data_dir)
    if not npz_path.is_file():
        raise StoreError(f"no control timeline in {npz_path.parent}: run "
                         "`python -m timeline build`")
    for attempt in range(READ_ATTEMPTS):
        if attempt:
            time.sleep(RETRY_SECONDS)
        try:
            raw = npz_path.read_bytes()
            with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
                arrays = {name: npz[name] for name in npz.files}
            member = arrays.pop(JSON_MEMBER, None)
            if member is not None:
                doc = json.loads(member.tobytes().decode("utf-8"))
            else:  # a pair saved before the JSON moved inside the archive
                if not json_path.is_file():
                    raise StoreError(f"{npz_path}: a timeline without its JSON half; run "
                                     "`python -m timeline build` again")
                doc = json.loads(json_path.read_text(encoding="utf-8"))
                if doc.get(KEY_BUILD) not in (None, hashlib.sha256(raw).hexdigest()):
                    continue  # an old build switched the pair between the two reads
            return _from_parts(doc, arrays)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError,
                zipfile.BadZipFile) as exc:
            raise StoreError(f"{npz_path}: unreadable timeline ({exc}); run "
                             "`python -m timeline build` again") from None
    raise StoreError(f"{npz_path.name} and {json_path.name} in {data_dir} come from different "
                     "builds; run `python -m timeline build` again")


def _from_parts(doc: dict[str, Any], arrays: dict[str, np.ndarray]) -> ControlTimeline:
    evidence = [Evidence.from_json(e) for e in doc["evidence"]]
    return ControlTimeline(
        start=dt.date.fromisoformat(doc["start"]),
        district_ids=tuple(doc["district_ids"]),
        side=arrays["side"], basis=arrays["basis"], since=arrays["since"],
        changes={d: [Change(int(c[0]), int(c[1]), int(c[2]), tuple(c[3])) for c in cs]
                 for d, cs in doc["changes"].items()},
        evidence={e.id: e for e in evidence},
        known_on=dt.date.fromisoformat(doc["known_on"]) if doc.get("known_on") else None,
        share={k[len("share_"):]: v for k, v in arrays.items() if k.startswith("share_")},
        frontline_km=arrays.get("frontline_km"),
        base_cause=arrays.get("base_cause"),
        causes=[tuple(c) for c in doc["causes"]],
        overlays={k: arrays[k] for k in OVERLAY_FIELDS if k in arrays},
        front_index=arrays.get("front_index"),
        fronts=list(doc.get("fronts", [])),
        side_known=arrays.get("side_known"),
        basis_known=arrays.get("basis_known"),
        area_km2=arrays.get("area_km2"),
        front_index_known=arrays.get("front_index_known"),
        frontline_km_known=arrays.get("frontline_km_known"),
        since_known=arrays.get("since_known"),
        cause_known=arrays.get("cause_known"),
        causes_known=[tuple(c) for c in doc.get("causes_known", [])],
        side_codes=tuple(doc.get("side_codes", MOSUL_ORDER)),
        decisions=decisions_from_json(doc.get("decisions")),
    )
