"""The report upload route: a file an analyst adds comes here, not in a callback body.

``POST /curation/upload`` (multipart, field ``file``; ``replaces``, the token of the
upload it replaces, which is then forgotten) keeps the file under ``DATA_DIR/drafts``
(:func:`timeline.added_reports.keep_upload`) and answers JSON:
``{"token", "name", "bytes"}``, or ``{"error": "one line"}`` with the status saying
why (403 without the session's CSRF token or a signed-in analyst, 413 over
``FRONTLINE_MAX_UPLOAD_BYTES``, 415 a type the reader does not read, 400 no file).
The page's script (``assets/upload.js``) posts the file the analyst chose and shows
that line; the form's callback then carries only the token.

Why a route of its own: the app caps every request body at
``FRONTLINE_MAX_REQUEST_BYTES`` (:mod:`dashboard.limits`). A file sent inside a Dash
callback body (as base64, a third larger) would either need that cap raised for every
callback or be refused with a bare 413 the page never shows. This route alone takes
bodies up to the upload cap plus :data:`MULTIPART_SLACK` for the form's envelope, and
checks the file's own size against the cap exactly, with a message.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from dashboard import limits
from dashboard.auth import csrf_header_ok, current_analyst
from dashboard.curation.context import SIGN_IN_FIRST
from frontline.errors import InputError
from frontline.settings import Settings
from timeline.added_reports import forget_upload, keep_upload
from timeline.intake import check_upload_name

UPLOAD_PATH = "/curation/upload"
MULTIPART_SLACK = 64 * 1024  # the multipart envelope: boundaries, headers, the name


def too_big(name: str, size: int, cap: int) -> str:
    """The one line an upload over the cap gets (the page's script says the same)."""
    return (f"{name} is {size:,} bytes, over the upload limit of {cap:,} bytes "
            f"(FRONTLINE_MAX_UPLOAD_BYTES): upload a smaller file or paste the part "
            f"that matters")


def mount(server: Flask, settings: Settings) -> None:
    """The upload route on ``server``, with its own body allowance."""
    cap = settings.max_upload_bytes
    limits.allow_body(UPLOAD_PATH, cap + MULTIPART_SLACK)

    @server.route(UPLOAD_PATH, methods=["POST"])
    def _upload() -> Any:
        if not csrf_header_ok():
            return _answer(403, error="missing or wrong CSRF token: reload the page")
        who = current_analyst()
        if who is None:
            return _answer(403, error=SIGN_IN_FIRST)
        try:
            sent = request.files.get("file")
        except RequestEntityTooLarge:
            return _answer(413, error=too_big("the file", request.content_length or 0, cap))
        if sent is None:
            return _answer(400, error="no file was sent: choose a file to upload")
        name = Path(sent.filename or "").name or "report"
        data = sent.stream.read(cap + 1)
        if len(data) > cap:
            return _answer(413, error=too_big(name, request.content_length or len(data), cap))
        if not data:
            return _answer(400, error=f"{name} is empty")
        try:
            check_upload_name(name)
        except InputError as exc:
            return _answer(415, error=str(exc))
        token = keep_upload(settings.data_dir, name, data, who)
        replaced = request.form.get("replaces", "")
        if replaced:
            with contextlib.suppress(InputError):  # not a token: nothing of ours to forget
                forget_upload(settings.data_dir, replaced)
        return _answer(200, token=token, name=name, bytes=len(data))


def _answer(status: int, **body: Any) -> Response:
    response = jsonify(body)
    response.status_code = status
    return response
