"""Serve the app with waitress (a production WSGI server), after checking the port.

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


def serve(host: str, port: int) -> None:
    """Check the port, build the app and serve it until interrupted."""
    from waitress import serve as waitress_serve

    from dashboard.app import create_app
    from dashboard.limits import largest_body
    from frontline.settings import Settings

    check_port_free(host, port)
    warning = exposure_warning(host)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    settings = Settings.from_env()
    app = create_app(settings=settings)
    print(f"Frontline serving on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    waitress_serve(app.server, host=host, port=port, threads=8, _quiet=True,
                   max_request_body_size=largest_body(settings.max_request_bytes))
