"""The layout of one store version as it is sent: its JSON plain, gzipped and
Brotli-compressed, with the ETag that lets a returning browser keep its copy.

Compressed once per store version, so harder than per request: Brotli 11 is about a
seventh smaller than Brotli 6 on the page data, but takes seconds a megabyte (3.4 s
against 0.03 s on Mosul's 1.3 MB, on a busy core). The layout built when the app starts
(before any request waits) gets the best; a layout rebuilt after a change (an analyst's
decision, every few seconds on a busy team) gets quality :data:`BROTLI_REBUILD`, so
that the rebuild does not hold a core for seconds while readers wait.

Given a folder, the page data leaves the layout for a static file of its own
(:mod:`dashboard.page_data_file`): the layout then holds its address, and ``page_data``
names the file.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import brotli
from dash._utils import to_json

from dashboard import ids, page_data_file
from dashboard.layout import find_component
from dashboard.page_data_file import PageDataFile

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
    page_data: PageDataFile | None = None  # the page data's own file (None: inside)

    @classmethod
    def of(cls, component: Any, *, best: bool = True, page_files: Path | None = None,
           requests_prefix: str = "/") -> ServedLayout:
        """``best``: compress at Brotli's best quality (the layout built at start);
        ``page_files``: the folder of the page data's own file (None: keep it inside)."""
        store = _page_data_store(component) if page_files is not None else None
        written = None
        if store is not None and page_files is not None:
            written = page_data_file.write(page_files, to_json(store.data).encode("utf-8"))
        if store is not None and written is not None:
            data = store.data
            store.data = page_data_file.MARK + written.url(requests_prefix)
            try:
                raw = to_json(component).encode("utf-8")
            finally:
                store.data = data  # the component keeps its data: the app reads it
        else:
            raw = to_json(component).encode("utf-8")
        quality = 11 if best and len(raw) <= BROTLI_11_MAX else BROTLI_REBUILD
        return cls(component, raw, gzip.compress(raw, compresslevel=6),
                   brotli.compress(raw, quality=quality), hashlib.sha256(raw).hexdigest()[:32],
                   written)

    def without_component(self) -> ServedLayout:
        """The bytes only (what another process needs to serve the same layout)."""
        return ServedLayout(None, self.raw, self.packed, self.brotli, self.etag,
                            self.page_data)


def _page_data_store(component: Any) -> Any:
    store = find_component(component, ids.PAGE_DATA)
    return store if store is not None and isinstance(getattr(store, "data", None), dict) \
        else None
