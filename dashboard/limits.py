"""The app's request limits: body size, and one short answer to garbage callback bodies.

- Every request body is capped at ``FRONTLINE_MAX_REQUEST_BYTES`` (413 beyond, read no
  further). A route that needs more (report uploads) declares its own documented
  allowance with :func:`allow_body` when it is mounted; nothing else may exceed the cap.
- A callback request whose body is not what Dash's own page sends (not JSON, not an
  object, ``inputs`` not a list, values that overflow the callbacks) is answered 400 with
  one log line naming the problem, never a 500 with a traceback in the log: such a body
  comes from a broken or hostile client, not from the page.
"""

from __future__ import annotations

import logging
from typing import Any

from dash.exceptions import CallbackException
from flask import Flask, Response, abort, request
from werkzeug.exceptions import HTTPException

CALLBACK_PATH = "_dash-update-component"
LOG = logging.getLogger("frontline.requests")
# Exceptions a callback raises when fed values the page never sends (a day of 1e308,
# an id that is a list, a property of the wrong type): the request is bad, not the app.
# Dash's CallbackException: the body's outputs do not match the callback it names.
GARBAGE = (OverflowError, IndexError, AttributeError, KeyError, TypeError, ValueError,
           UnicodeDecodeError, CallbackException)
_ALLOWANCES: dict[str, int] = {}


def allow_body(path_prefix: str, max_bytes: int) -> None:
    """Let requests under ``path_prefix`` carry bodies up to ``max_bytes`` (a route's own
    documented limit, e.g. report uploads), above the app-wide cap."""
    _ALLOWANCES[path_prefix] = max_bytes


def body_limit(path: str, default: int) -> int:
    """The body limit of a request to ``path``: the longest matching allowance, else
    ``default``."""
    matches = [p for p in _ALLOWANCES if path.startswith(p)]
    return _ALLOWANCES[max(matches, key=len)] if matches else default


def largest_body(default: int) -> int:
    """The largest body any route accepts (the server refuses bigger ones outright)."""
    return max([default, *_ALLOWANCES.values()])


def mount(server: Flask, max_request_bytes: int) -> None:
    """Cap request bodies and answer garbage callback bodies with 400 on ``server``."""

    @server.before_request
    def _cap_body() -> None:
        limit = body_limit(request.path, max_request_bytes)
        request.max_content_length = limit  # also stops a chunked body without a length
        if request.content_length is not None and request.content_length > limit:
            LOG.warning("refused %s %s: body of %d bytes is over the %d-byte limit "
                        "(FRONTLINE_MAX_REQUEST_BYTES)", request.method, request.path,
                        request.content_length, limit)
            abort(413)
        if request.method == "POST" and request.path.endswith(CALLBACK_PATH):
            problem = callback_body_problem(request.get_json(silent=True))
            if problem:
                _bad(problem)

    @server.errorhandler(Exception)
    def _garbage(exc: Exception) -> Any:
        if isinstance(exc, HTTPException):
            return exc
        if request.path.endswith(CALLBACK_PATH) and isinstance(exc, GARBAGE):
            return _bad(f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}",
                        raise_=False)
        raise exc


def _bad(problem: str, *, raise_: bool = True) -> Response:
    LOG.warning("bad callback request from %s: %s", request.remote_addr, problem)
    response = Response(f"Bad request: {problem}\n", status=400, mimetype="text/plain")
    if raise_:
        abort(response)
    return response


def callback_body_problem(body: Any) -> str | None:
    """What makes ``body`` something Dash's page never sends, or None when it looks right."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    if not isinstance(body.get("output"), str):
        return "'output' is not a string"
    for key in ("inputs", "state"):
        items = body.get(key, [])
        if not isinstance(items, list):
            return f"'{key}' is not a list"
        for item in items:
            entries = item if isinstance(item, list) else [item]
            if not all(isinstance(e, dict) and "id" in e and isinstance(e.get("property"), str)
                       for e in entries):
                return f"an entry of '{key}' has no id and property"
    if not isinstance(body.get("changedPropIds", []), list):
        return "'changedPropIds' is not a list"
    return None
