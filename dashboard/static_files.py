"""Files served as they are: the page's plotly.js bundle, pre-compressed.

``dashboard/vendor/plotly-frontline-<version>.min.js`` is plotly.js with only the map
and scatter traces (built by ``scripts/build-plotly-bundle.sh``, committed with its
``.br`` and ``.gz``): about 0.67 MB with Brotli where Dash's full plotly.js is 1.4 MB.
It is loaded as an external script before Dash's components, so ``dcc.Graph`` finds
``window.Plotly`` and never fetches its own. Compressed once at the highest levels
(too slow per request), sent with a strong ETag; the versioned name lets browsers keep
it for a year. The route and the script's URL follow Dash's URL prefixes.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import brotli
from flask import Flask, Response, request

VENDOR = Path(__file__).resolve().parent / "vendor"
ROUTE = "frontline-static/"
YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class Packed:
    """A file's bytes, plain and pre-compressed, and its ETag."""

    raw: bytes
    encoded: dict[str, bytes]  # content coding ("br", "gzip") -> bytes
    etag: str
    mimetype: str

    @classmethod
    def read(cls, path: Path, mimetype: str) -> Packed:
        raw = path.read_bytes()
        encoded = {coding: Path(f"{path}.{ext}").read_bytes()
                   for coding, ext in (("br", "br"), ("gzip", "gz"))
                   if Path(f"{path}.{ext}").exists()}
        return cls(raw, encoded, hashlib.sha256(raw).hexdigest()[:32], mimetype)


def plotly_bundle() -> Path:
    """The committed plotly.js bundle (exactly one)."""
    found = sorted(VENDOR.glob("plotly-frontline-*.min.js"))
    if len(found) != 1:
        raise RuntimeError(f"expected one plotly-frontline bundle in {VENDOR}, found {found}")
    return found[0]


def respond(packed: Packed, cache_control: str) -> Response:
    """``packed`` for this request: 304 when the browser holds it, else the best coding
    it accepts (never re-compressed: flask-compress leaves encoded responses alone)."""
    headers = {"ETag": f'"{packed.etag}"', "Cache-Control": cache_control,
               "Vary": "Accept-Encoding"}
    if packed.etag in request.headers.get("If-None-Match", ""):
        return Response(status=304, headers=headers)
    accepted = request.headers.get("Accept-Encoding", "")
    for coding in ("br", "gzip"):
        if coding in accepted and coding in packed.encoded:
            response = Response(packed.encoded[coding], mimetype=packed.mimetype,
                                headers=headers)
            response.headers["Content-Encoding"] = coding
            return response
    return Response(packed.raw, mimetype=packed.mimetype, headers=headers)


def mount(server: Flask, routes_prefix: str, requests_prefix: str) -> str:
    """Serve the plotly.js bundle; returns its URL for the page."""
    path = plotly_bundle()
    packed = Packed.read(path, "application/javascript")

    def vendor() -> Response:
        return respond(packed, f"public, max-age={YEAR}, immutable")

    server.add_url_rule(f"{routes_prefix}{ROUTE}{path.name}", "frontline_plotly", vendor)
    return f"{requests_prefix}{ROUTE}{path.name}"


# Dash's own scripts and our assets: fixed for the life of the process, so compressed
# at Brotli's highest quality once and kept, where flask-compress would compress them
# again on every request at a level fast enough for that (about 20 % larger). Quality 11
# takes seconds a megabyte: done on the first request, 20 browsers opening the page at
# once each compressed the same 1.3 MB script, and every request queued behind them
# (p95 1.9 s). So :func:`warm` fills the copies before the server listens, each is
# made once (one lock per URL), and kept on disk under its content's hash
# (``CACHE_DIR``) so that later starts only read them.
# The page's HTML and its callback graph are fixed for the life of the process as well
# (the page's data changes come through the layout and the page data file): every page
# load asked Dash to render both again and flask-compress to compress them (about 30 ms
# of a busy core per load), and a returning browser now gets a 304. Keyed on the path
# alone: the page's address carries the day and the view in its query, the HTML not.
STATIC_PREFIXES = ("_dash-component-suites/", "assets/")
FIXED_PAGES = ("", "_dash-dependencies")
SUITES = "_dash-component-suites/"
NEVER_WARMED = ("async-enterprise",)  # AG Grid's enterprise modules: never enabled


class Precompressed:
    """Brotli-11 copies of fixed GET responses, with their ETag, made once and reused."""

    def __init__(self, routes_prefix: str, cache_dir: Path | None) -> None:
        self.prefixes = tuple(routes_prefix + p for p in STATIC_PREFIXES)
        self.pages = frozenset(routes_prefix + p for p in FIXED_PAGES)
        self.cache_dir = cache_dir
        self.memo: dict[str, tuple[Packed, str]] = {}  # URL -> (copies, Cache-Control)
        self.locks: dict[str, threading.Lock] = {}
        self.lock = threading.Lock()

    def _wanted(self) -> bool:
        return request.method == "GET" and (request.path.startswith(self.prefixes)
                                            or request.path in self.pages)

    def _key(self) -> str:
        return request.path if request.path in self.pages else request.full_path

    def before(self) -> Response | None:
        if not self._wanted():
            return None
        hit = self.memo.get(self._key())
        return respond(*hit) if hit else None

    def after(self, response: Response) -> Response:
        # Assets come as streamed files (Flask's send_file): read whole, they are small.
        if (not self._wanted() or response.status_code != 200
                or "Content-Encoding" in response.headers):
            return response
        key = self._key()
        with self.lock:
            url_lock = self.locks.setdefault(key, threading.Lock())
        with url_lock:  # a second request for it waits for the first one's copy
            hit = self.memo.get(key)
            if hit is None:
                response.direct_passthrough = False
                raw = response.get_data()
                # The page's HTML is written anew by each process: never kept on disk.
                packed = (brotli.compress(raw, quality=11) if request.path in self.pages
                          else self._brotli(raw))
                hit = (Packed(raw, {"br": packed},
                              hashlib.sha256(raw).hexdigest()[:32], response.mimetype or ""),
                       response.headers.get("Cache-Control") or "no-cache")
                self.memo[key] = hit
        answer = respond(*hit)
        for cookie in response.headers.getlist("Set-Cookie"):  # the session's, if any
            answer.headers.add("Set-Cookie", cookie)
        return answer

    def _brotli(self, raw: bytes) -> bytes:
        """Brotli 11 of ``raw``, read from the disk cache when made before."""
        name = f"{hashlib.sha256(raw).hexdigest()}.br"
        cached = self.cache_dir / name if self.cache_dir else None
        if cached is not None and cached.is_file():
            return cached.read_bytes()
        body = brotli.compress(raw, quality=11)
        if cached is not None:
            with contextlib.suppress(OSError):  # a cache that cannot be written: no harm
                cached.parent.mkdir(parents=True, exist_ok=True)
                with tempfile.NamedTemporaryFile(dir=cached.parent, delete=False) as tmp:
                    tmp.write(body)
                Path(tmp.name).replace(cached)
        return body


def precompress(server: Flask, routes_prefix: str, cache_dir: Path | None) -> None:
    """Serve Dash's scripts and the assets Brotli-11 compressed (see :class:`Precompressed`);
    registered after flask-compress, so it runs first and flask-compress leaves the
    encoded response alone."""
    keeper = Precompressed(routes_prefix, cache_dir)
    server.before_request(keeper.before)
    server.after_request(keeper.after)


def warm(server: Flask, routes_prefix: str, more: Callable[[], Iterable[str]]) -> int:
    """Make the compressed copies of what page loads ask for, before serving: the page's
    scripts and styles, then ``more()`` (asked after the page is made: the libraries
    loaded on demand and the async chunks Dash registered while making it). Returns how
    many URLs were warmed."""
    client = server.test_client()
    text = client.get(routes_prefix, headers={"Accept-Encoding": "identity"}).get_data(
        as_text=True)
    static = tuple(routes_prefix + p for p in STATIC_PREFIXES)
    urls = {u for u in (*re.findall(r'(?:src|href)="([^"]+)"', text), *more())
            if u.startswith(static) and not any(n in u for n in NEVER_WARMED)}
    for url in sorted(urls):
        client.get(url, headers={"Accept-Encoding": "br"})
    return len(urls)
