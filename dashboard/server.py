"""Serve the app with waitress (a production WSGI server), after checking the port."""

from __future__ import annotations

import errno
import socket

from frontline.errors import InputError


def check_port_free(host: str, port: int) -> None:
    """Raise a one-line error when ``host:port`` cannot be bound."""
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


def serve(host: str, port: int) -> None:
    """Check the port, build the app and serve it until interrupted."""
    from waitress import serve as waitress_serve

    from dashboard.app import create_app

    check_port_free(host, port)
    app = create_app()
    print(f"Frontline serving on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    waitress_serve(app.server, host=host, port=port, threads=8, _quiet=True)
