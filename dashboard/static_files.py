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

import hashlib
import threading
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
# once at Brotli's highest quality and kept, where flask-compress would compress them
# again on every request at a level fast enough for that (about 20 % larger).
STATIC_PREFIXES = ("_dash-component-suites/", "assets/")


class Precompressed:
    """Brotli-11 copies of fixed GET responses, made on first request and reused."""

    def __init__(self, routes_prefix: str) -> None:
        self.prefixes = tuple(routes_prefix + p for p in STATIC_PREFIXES)
        self.memo: dict[str, tuple[bytes, dict[str, str], str]] = {}
        self.lock = threading.Lock()

    def _wanted(self) -> bool:
        return (request.method == "GET" and request.path.startswith(self.prefixes)
                and "br" in request.headers.get("Accept-Encoding", ""))

    def before(self) -> Response | None:
        if not self._wanted():
            return None
        hit = self.memo.get(request.full_path)
        if hit is None:
            return None
        body, headers, mimetype = hit
        return Response(body, mimetype=mimetype, headers=headers)

    def after(self, response: Response) -> Response:
        if (not self._wanted() or response.status_code != 200 or response.is_streamed
                or "Content-Encoding" in response.headers):
            return response
        response.direct_passthrough = False
        body = brotli.compress(response.get_data(), quality=11)
        headers = {k: v for k, v in response.headers.items()
                   if k in ("Cache-Control", "ETag", "Last-Modified", "Expires")}
        headers |= {"Content-Encoding": "br", "Vary": "Accept-Encoding"}
        with self.lock:
            self.memo[request.full_path] = (body, headers, response.mimetype or "")
        response.set_data(body)
        response.headers.update(headers)
        return response


def precompress(server: Flask, routes_prefix: str) -> None:
    """Serve Dash's scripts and the assets Brotli-11 compressed (see :class:`Precompressed`);
    registered after flask-compress, so it runs first and flask-compress leaves the
    encoded response alone."""
    keeper = Precompressed(routes_prefix)
    server.before_request(keeper.before)
    server.after_request(keeper.after)
