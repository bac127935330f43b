"""The page data of one build as a static file: written once, pre-compressed, served as is.

The page data (``ids.PAGE_DATA``) is most of a page load: Mosul's is a megabyte of JSON,
the stress theatre's fifteen. Inside the layout it travelled with every page load's
``/_dash-layout``, through Dash's view, and twenty sessions reloading at once queued
behind each other's copies. So each build writes it apart, under its content's hash,
with its Brotli and gzip copies beside it (:func:`write`), and the layout carries only
its address (:data:`MARK` + URL, in place of the data). The browser fetches the file
and puts it back where the address stood before Dash reads the layout
(``assets/page_data.js``), so every callback sees the page data exactly as before. The
file is served from disk with a strong ETag and, as its name changes with its
content, kept by browsers for a year (:func:`mount`): a reload asks nothing for it.

Files are kept per data folder (``DATA_DIR/reader-builds/page-data``, shared by the
web worker processes of one host); the newest :data:`KEEP` stay. A build that cannot
write there sends the page data inside the layout, as before.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import brotli
from flask import Flask, Response, request

from frontline.atomic import write_atomic

ROUTE = "frontline-page-data/"
MARK = "frontline-page-data:"  # the layout's stand-in for the data: MARK + the file's URL
KEEP = 12  # files kept: a page whose layout came before the newest builds still loads
YEAR = 365 * 24 * 3600
BROTLI_QUALITY = 6  # per build, while readers are served: seconds a megabyte at 11
CODINGS = (("br", ".br"), ("gzip", ".gz"))
NAME = re.compile(r"^[0-9a-f]{32}\.json$")


@dataclass(frozen=True)
class PageDataFile:
    """One build's page data on disk: ``<etag>.json`` and its ``.br`` and ``.gz``."""

    folder: Path
    etag: str

    @property
    def name(self) -> str:
        return f"{self.etag}.json"

    def url(self, requests_prefix: str) -> str:
        return f"{requests_prefix}{ROUTE}{self.name}"


def write(folder: Path, raw: bytes) -> PageDataFile | None:
    """The file of ``raw`` (page data JSON) in ``folder``, written unless it is there
    (the same content, the same name: another process may have written it); None when
    the folder cannot be written."""
    etag = hashlib.sha256(raw).hexdigest()[:32]
    found = PageDataFile(Path(folder), etag)
    path = found.folder / found.name
    try:
        found.folder.mkdir(parents=True, exist_ok=True)
        # The compressed copies first: the plain file's presence says all three are there.
        if not path.exists():
            for body, ext in ((brotli.compress(raw, quality=BROTLI_QUALITY), ".br"),
                              (gzip.compress(raw, compresslevel=6), ".gz")):
                write_atomic(Path(f"{path}{ext}"), body)
            write_atomic(path, raw)
        path.touch()  # the newest kept
    except OSError:
        return None
    _prune(found.folder)
    return found


def _prune(folder: Path) -> None:
    kept = sorted(folder.glob("*.json"), key=_mtime, reverse=True)
    for old in kept[KEEP:]:
        for suffix in ("", *(ext for _, ext in CODINGS)):
            with contextlib.suppress(OSError):
                Path(f"{old}{suffix}").unlink()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def mount(server: Flask, routes_prefix: str, folder: Path) -> None:
    """Serve the page data files of ``folder``: 304 when the browser holds the one it
    names, else the best coding it accepts, as written (never compressed per request:
    flask-compress leaves encoded responses alone). The bytes of the last files asked
    for are kept in memory: waitress sends a file response by re-reading the file for
    every part the socket takes, and twenty first visits at once queued behind that."""

    kept = functools.lru_cache(maxsize=2 * len(CODINGS) + 2)(Path.read_bytes)

    def read(path: Path) -> bytes | None:
        try:
            return kept(path)  # a missing file is not remembered: it may come later
        except OSError:
            return None

    def page_data(name: str) -> Response:
        if not NAME.match(name):
            return Response(status=404)
        path = folder / name
        etag = name.removesuffix(".json")
        headers = {"ETag": f'"{etag}"', "Cache-Control": f"public, max-age={YEAR}, immutable",
                   "Vary": "Accept-Encoding"}
        if etag in request.headers.get("If-None-Match", ""):
            return Response(status=304, headers=headers)
        accepted = request.headers.get("Accept-Encoding", "")
        for coding, ext in CODINGS:
            packed = read(Path(f"{path}{ext}")) if coding in accepted else None
            if packed is not None:
                response = Response(packed, mimetype="application/json", headers=headers)
                response.headers["Content-Encoding"] = coding
                return response
        raw = read(path)
        if raw is None:
            return Response(status=404)
        return Response(raw, mimetype="application/json", headers=headers)

    server.add_url_rule(f"{routes_prefix}{ROUTE}<name>", "frontline_page_data", page_data)


def address(layout: str) -> str | None:
    """The URL of the page data file that ``layout`` (its JSON text) names, if any."""
    at = layout.find('"' + MARK)
    if at < 0:
        return None
    end = layout.find('"', at + 1)
    # A JSON string: Dash's encoder writes "/" as "\u002f".
    return str(json.loads(layout[at:end + 1]))[len(MARK):]


def spliced(layout: str, fetch_text: Callable[[str], str]) -> str:
    """The layout's text with the page data put back where its address stands (the
    twin of ``spliced`` in ``assets/page_data.js``: what the browser hands Dash)."""
    url = address(layout)
    if url is None:
        return layout
    at = layout.find('"' + MARK)
    end = layout.find('"', at + 1)
    return layout[:at] + fetch_text(url) + layout[end + 1:]
