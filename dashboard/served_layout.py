"""The layout of one store version as it is sent: its JSON plain, gzipped and
Brotli-compressed, with the ETag that lets a returning browser keep its copy.

Compressed once per store version, so harder than per request: Brotli 11 is about a
seventh smaller than Brotli 6 on the page data, but takes seconds a megabyte (3.4 s
against 0.03 s on Mosul's 1.3 MB, on a busy core). The layout built when the app starts
(before any request waits) gets the best; a layout rebuilt after a change (an analyst's
decision, every few seconds on a busy team) gets quality :data:`BROTLI_REBUILD`, so
that the rebuild does not hold a core for seconds while readers wait.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from typing import Any

import brotli
from dash._utils import to_json

BROTLI_11_MAX = 2_000_000  # bytes of layout JSON compressed at Brotli's best at start
BROTLI_REBUILD = 6  # Brotli quality of a layout rebuilt while the app serves


@dataclass(frozen=True, eq=False)
class ServedLayout:
    """A layout and its JSON, plain, gzipped and Brotli-compressed, as sent for one
    store version. ``component`` is None for a layout read back from another
    process's build (:mod:`dashboard.reader_build`): only the bytes are served."""

    component: Any
    raw: bytes
    packed: bytes
    brotli: bytes
    etag: str

    @classmethod
    def of(cls, component: Any, *, best: bool = True) -> ServedLayout:
        """``best``: compress at Brotli's best quality (the layout built at start)."""
        raw = to_json(component).encode("utf-8")
        quality = 11 if best and len(raw) <= BROTLI_11_MAX else BROTLI_REBUILD
        return cls(component, raw, gzip.compress(raw, compresslevel=6),
                   brotli.compress(raw, quality=quality), hashlib.sha256(raw).hexdigest()[:32])

    def without_component(self) -> ServedLayout:
        """The bytes only (what another process needs to serve the same layout)."""
        return ServedLayout(None, self.raw, self.packed, self.brotli, self.etag)
