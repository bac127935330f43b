"""Serve the app, after checking the port: waitress in one process (the embedded
default), gunicorn with several worker processes for a team (``--workers N``).

gunicorn loads the app once in its master (``preload_app``) and forks the workers from
it, so the page data is built once at start; each worker then serves with threads
(``gthread``), as waitress does, and follows the store's version: the first worker to
need a new version builds its page and the others read that build
(:mod:`dashboard.reader_build`). Database
pools are not shared across the fork (:mod:`timeline.store.sql.engine`). With several
workers the store should be PostgreSQL (``FRONTLINE_DATABASE_URL``): every worker then
reads and writes the one database.

A port outside 1..65535 is a one-line error; a host that is not a loopback address
prints a warning first: the map has no sign-in for readers, so serving it on
``0.0.0.0`` shows it to the whole network. Waitress itself refuses request bodies over
the app's largest allowance (:mod:`dashboard.limits`), so it never spools them.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import sys
from dataclasses import replace
from typing import Any

from frontline.errors import InputError

MIN_PORT, MAX_PORT = 1, 65535


def check_port_free(host: str, port: int) -> None:
    """Raise a one-line error when ``host:port`` cannot be bound."""
    if not MIN_PORT <= port <= MAX_PORT:
        raise InputError(f"port {port} is not a TCP port: use {MIN_PORT} to {MAX_PORT} "
                         "(--port or FRONTLINE_PORT)")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise InputError(
                    f"port {port} on {host} is already in use; "
                    "pass --port or set FRONTLINE_PORT"
                ) from None
            raise InputError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
        except (OverflowError, socket.gaierror) as exc:
            raise InputError(f"cannot listen on {host}:{port}: {exc}") from None


def exposure_warning(host: str) -> str | None:
    """The warning printed when ``host`` serves beyond this machine (None on loopback)."""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if loopback:
        return None
    return (f"warning: serving on {host} exposes the map to every machine that can reach "
            "this one, without sign-in; use --host 127.0.0.1 unless that is intended")


THREADS = 8
WORKER_TIMEOUT_SECONDS = 180  # a deck rendered in the request must not be killed


def serve(host: str, port: int, workers: int = 1) -> None:
    """Check the port, build the app and serve it until interrupted."""
    check_port_free(host, port)
    if workers > 1:
        serve_gunicorn(host, port, workers)
        return
    from waitress import serve as waitress_serve

    from dashboard.app import create_app
    from dashboard.limits import largest_body
    from frontline.settings import Settings

    warning = exposure_warning(host)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    settings = Settings.from_env()
    app = create_app(settings=settings)
    app.warm()
    print(f"Frontline serving on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    waitress_serve(app.server, host=host, port=port, threads=THREADS, _quiet=True,
                   max_request_body_size=largest_body(settings.max_request_bytes))


def serve_gunicorn(host: str, port: int, workers: int) -> None:
    """Serve with gunicorn: ``workers`` processes of :data:`THREADS` threads each (the
    app's own body cap, :mod:`dashboard.limits`, refuses oversized requests)."""
    from gunicorn.app.base import BaseApplication

    from dashboard.app import create_app
    from frontline.settings import Settings

    warning = exposure_warning(host)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    settings = Settings.from_env()

    class Frontline(BaseApplication):
        def load_config(self) -> None:
            for key, value in {
                "bind": f"{host}:{port}", "workers": workers, "worker_class": "gthread",
                "threads": THREADS, "preload_app": True, "timeout": WORKER_TIMEOUT_SECONDS,
                "graceful_timeout": 10, "accesslog": None, "loglevel": "warning",
            }.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            # The app knows it has sibling processes: they share each page build.
            app = create_app(settings=replace(settings, workers=workers))
            app.warm()  # in the master, before the workers fork: they share the copies
            return app.server

    print(f"Frontline serving on http://{host}:{port}/ with {workers} gunicorn workers "
          "(Ctrl+C to stop)", flush=True)
    Frontline().run()
