"""Plotly figures to PNG, SVG or PDF bytes with kaleido 1.x and Debian's Chromium.

A cold render starts a browser (2-4 s). :func:`start_warm` keeps one running for the
life of the app, so a snapshot costs only its own drawing (about 0.4 s). The browser
lives in a :class:`Browser`: a ``kaleido.Kaleido`` driven from its own event-loop
thread, so that every call has a deadline. (kaleido's ``start_sync_server`` does the
same but waits forever if its browser failed to start, and its single pair of queues
is not safe for waitress' concurrent threads.)
MathJax is disabled: kaleido would otherwise point the page at a CDN.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import os
import threading
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go

from frontline.errors import ExportError

# kaleido and choreographer log their own warnings ("Wait expired, Browser is being closed
# by watchdog") when a browser dies; with no handler Python prints them on stderr, beside
# the one-line ExportError that already says what went wrong. Handled here: not printed.
for _name in ("choreographer", "kaleido"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

IMAGE_FORMATS = ("png", "svg", "pdf")
Progress = Callable[[int, int], None]
KALEIDO_OPTIONS: dict[str, Any] = {"n": 1, "timeout": 90, "mathjax": False}
START_TIMEOUT_S = 60.0
BATCH_TABS = 2  # two renders at once: about 1.3x faster on two cores
RENDER_TIMEOUT_S = 120.0
BROWSER_ENV = "BROWSER_PATH"  # choreographer's override of the Chromium it starts


class Browser:
    """One kaleido browser on a private event loop; calls block with a deadline."""

    def __init__(self, tabs: int = 1) -> None:
        import kaleido

        self._kaleido = kaleido.Kaleido(**{**KALEIDO_OPTIONS, "n": tabs})
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="kaleido",
                                        daemon=True)
        self._thread.start()
        self._lock = threading.Lock()
        self.pid = os.getpid()
        try:
            self._call(self._kaleido.open(), START_TIMEOUT_S, "start the browser")
        except BaseException:
            self.close()
            raise

    def _call(self, coro: Any, timeout: float, what: str) -> Any:
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        try:
            return future.result(timeout=timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise ExportError(f"renderer did not {what} within {timeout:.0f} s") from None

    def render(self, spec: dict[str, Any], opts: dict[str, Any]) -> bytes:
        with self._lock:  # one tab: one figure at a time
            return bytes(self._call(self._kaleido.calc_fig(spec, opts=opts), RENDER_TIMEOUT_S,
                                    f"finish a {opts['format']} render"))

    def render_all(self, specs: list[dict[str, Any]], opts: dict[str, Any],
                   progress: Progress | None = None) -> list[bytes]:
        """Render every spec, as many at once as the browser has tabs, in order."""
        done = 0

        async def one(spec: dict[str, Any]) -> bytes:
            nonlocal done
            data = await self._kaleido.calc_fig(spec, opts=opts)
            done += 1
            if progress:
                progress(done, len(specs))
            return bytes(data)

        async def every() -> list[bytes]:
            return list(await asyncio.gather(*(one(spec) for spec in specs)))

        with self._lock:
            return list(self._call(every(), RENDER_TIMEOUT_S * max(1, len(specs)),
                                   f"finish {len(specs)} {opts['format']} renders"))

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._call(self._kaleido.close(), 30, "close")
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)


_WARM: Browser | None = None
_WARM_LOCK = threading.Lock()
_WANT_WARM = False  # set by start_warm: a crashed shared browser is replaced on next use


def _current() -> Browser | None:
    """The shared browser if this process owns it.

    A process forked from the app (a Dash background job) inherits the reference but
    not the browser's thread: it must start its own, never wait on the parent's.
    """
    global _WARM
    if _WARM is not None and _WARM.pid != os.getpid():
        _WARM = None
    return _WARM


def _forget_after_fork() -> None:
    """In a forked child, drop the parent's browser and a lock another thread may hold."""
    global _WARM, _WARM_LOCK, _WANT_WARM
    _WARM = None
    _WARM_LOCK = threading.Lock()
    _WANT_WARM = False


os.register_at_fork(after_in_child=_forget_after_fork)


def is_warm() -> bool:
    """True while a shared browser is running in this process."""
    with _WARM_LOCK:
        return _current() is not None


def start_warm() -> None:
    """Start the shared browser (a no-op when it already runs); blocks until it is ready."""
    global _WARM, _WANT_WARM
    with _WARM_LOCK:
        _WANT_WARM = True
        if _current() is None:
            _WARM = _open()


def stop_warm() -> None:
    """Stop the shared browser (a no-op when none runs)."""
    global _WARM, _WANT_WARM
    with _WARM_LOCK:
        _WANT_WARM = False
        if _current() is not None and _WARM is not None:
            _WARM.close()
            _WARM = None


def _discard(browser: Browser) -> None:
    """Drop a shared browser that failed, so that the next export starts a fresh one."""
    global _WARM
    with _WARM_LOCK:
        if _WARM is browser:
            _WARM = None
    browser.close()


def _open(tabs: int = 1) -> Browser:
    try:
        return Browser(tabs)
    except ExportError:
        raise
    except Exception as exc:  # kaleido/choreographer raise plain errors
        raise ExportError(f"cannot start the renderer (Chromium): {_one_line(exc)} "
                          f"(install it with `make browser`, or point {BROWSER_ENV} at it)"
                          ) from None


def _one_line(exc: BaseException) -> str:
    """The gist of ``exc`` on one line (choreographer packs advice into extra args)."""
    first = exc.args[0] if len(exc.args) > 1 and isinstance(exc.args[0], str) else str(exc)
    return (" ".join(first.split()) or type(exc).__name__)[:300]


def render(fig: go.Figure, fmt: str, width: int, height: int, scale: float = 1.0) -> bytes:
    """Render ``fig`` to ``fmt`` bytes at ``width`` x ``height`` CSS pixels times ``scale``."""
    if fmt not in IMAGE_FORMATS:
        raise ExportError(f"cannot render format {fmt!r}; expected one of {IMAGE_FORMATS}")
    opts = {"format": fmt, "width": int(width), "height": int(height), "scale": float(scale)}
    spec = fig.to_dict()
    if _WANT_WARM and not is_warm():
        start_warm()
    with _WARM_LOCK:
        browser = _current()
    cold = browser is None
    browser = browser or _open()
    try:
        data = browser.render(spec, opts)
    except Exception as exc:
        if not cold:
            _discard(browser)
        if isinstance(exc, ExportError):
            raise
        raise ExportError(f"{fmt} renderer failed: {_one_line(exc)}") from None
    finally:
        if cold:
            browser.close()
    if not data:
        raise ExportError(f"{fmt} renderer returned nothing")
    return data


def render_many(figs: list[go.Figure], fmt: str, width: int, height: int, scale: float = 1.0,
                progress: Progress | None = None) -> list[bytes]:
    """Render a batch (a deck) on a browser of its own with :data:`BATCH_TABS` tabs."""
    if fmt not in IMAGE_FORMATS:
        raise ExportError(f"cannot render format {fmt!r}; expected one of {IMAGE_FORMATS}")
    opts = {"format": fmt, "width": int(width), "height": int(height), "scale": float(scale)}
    specs = [fig.to_dict() for fig in figs]
    browser = _open(BATCH_TABS)
    try:
        out = browser.render_all(specs, opts, progress)
    except ExportError:
        raise
    except Exception as exc:
        raise ExportError(f"{fmt} renderer failed: {_one_line(exc)}") from None
    finally:
        browser.close()
    if not all(out):
        raise ExportError(f"{fmt} renderer returned an empty page")
    return out
