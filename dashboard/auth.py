"""Who may edit: viewing needs no account; every analyst decision needs a signed-in one.

- **Sign-in** is a plain form (``/sign-in``) checked against the store's analyst accounts
  (argon2 hashes, made with ``python -m timeline analysts add``); flask-login keeps the
  analyst in the signed session cookie. ``/sign-out`` (a POST) ends it.
- **Session key**: ``FRONTLINE_SECRET_KEY``, else a random key kept in
  ``<DATA_DIR>/secret_key`` (created once, mode 0600), so sessions survive a restart
  and every worker of one deployment signs alike.
- **CSRF**: each session carries a random token. It reaches the page in the cookie
  ``_csrf_token``; ``assets/csrf.js`` copies it into the ``X-CSRFToken`` header of every
  Dash callback POST, and the sign-in and sign-out forms carry it as a field. The server
  checks it (against the session, not the cookie) before any callback whose outputs
  include a ``curation-`` id runs, and before the forms are read. Another site can make
  the browser send the cookies, but it can read neither the cookie nor the session.
- **Edits**: a callback that writes :data:`dashboard.ids.CURATION_REFRESH` records a
  decision; the server refuses it (403) without a signed-in analyst, whatever the page
  sent. Edit callbacks ask :func:`current_analyst` again before writing.
- **Reverse proxy** (``FRONTLINE_AUTH_HEADER``, off by default): a deployment behind a
  proxy that authenticates users may name the header that carries the user (e.g.
  ``X-Forwarded-User``); that user counts as signed in when it is an active analyst
  account. Only enable it when the proxy strips that header from clients' requests.
"""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Callable, Iterator
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dash import Dash
from flask import Flask, Response, abort, redirect, request, session
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from dashboard import ids
from frontline.errors import FrontlineError
from frontline.settings import Settings

SECRET_FILE = "secret_key"
CSRF_COOKIE = "_csrf_token"
CSRF_HEADER = "X-CSRFToken"
CSRF_FIELD = "csrf_token"
CSRF_SESSION = "csrf"
SIGN_IN = "/sign-in"
SIGN_OUT = "/sign-out"
CURATION_PREFIX = "curation-"
DASH_UPDATE = "_dash-update-component"


class Analyst(UserMixin):
    """A signed-in analyst: the account name is the id flask-login keeps."""

    def __init__(self, name: str) -> None:
        self.id = name


def secret_key(settings: Settings) -> str:
    """``FRONTLINE_SECRET_KEY``, else the data folder's key file (made once, 0600)."""
    if settings.secret_key:
        return settings.secret_key
    path = Path(settings.data_dir) / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
        if not key:
            raise FrontlineError(f"{path} is empty: delete it to make a new key") from None
        return key
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key + "\n")
    return key


def current_analyst() -> str | None:
    """The signed-in analyst of this request, or None (viewing needs no account)."""
    try:
        user = current_user
        return str(user.id) if user and user.is_authenticated else None
    except RuntimeError:  # outside a request (a unit test calling a callback directly)
        return None


def csrf_token() -> str:
    """This session's CSRF token (made on first use)."""
    token = session.get(CSRF_SESSION)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        session[CSRF_SESSION] = token
    return token


def csrf_header_ok() -> bool:
    """Whether this request's ``X-CSRFToken`` header carries the session's token (for
    routes of their own, such as report uploads, that a page's script posts to)."""
    return _token_ok(request.headers.get(CSRF_HEADER))


def _token_ok(given: str | None) -> bool:
    token = session.get(CSRF_SESSION)
    return bool(given) and isinstance(token, str) and hmac.compare_digest(token, given or "")


def output_ids(body: Any) -> list[str]:
    """The component ids a Dash callback request writes (a pattern-matching id counts
    by its string values, e.g. its ``type``)."""
    if not isinstance(body, dict):
        return []
    outputs = body.get("outputs")
    listed = outputs if isinstance(outputs, list) else [outputs]
    found: list[str] = []
    for out in _flat(listed):
        ident = out.get("id") if isinstance(out, dict) else None
        if isinstance(ident, str):
            found.append(ident)
        elif isinstance(ident, dict):
            found.extend(v for v in ident.values() if isinstance(v, str))
    return found


def _flat(items: list[Any]) -> Iterator[Any]:
    for item in items:
        if isinstance(item, list):
            yield from _flat(item)
        else:
            yield item


def is_curation(body: Any) -> bool:
    """Whether a callback request writes a curation component (an id ``curation-...``).

    The ``output`` string is read too, so a request that names its outputs only there
    is not let through unchecked."""
    spelled = body.get("output", "") if isinstance(body, dict) else ""
    return any(i.startswith(CURATION_PREFIX) for i in output_ids(body)) or \
        CURATION_PREFIX in str(spelled)


def is_edit(body: Any) -> bool:
    """Whether a callback request records a decision (it writes ``CURATION_REFRESH``)."""
    spelled = str(body.get("output", "")) if isinstance(body, dict) else ""
    return ids.CURATION_REFRESH in output_ids(body) or \
        f"{ids.CURATION_REFRESH}." in spelled


def _safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this site only (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    parts = urlsplit(target)
    return "/" if parts.scheme or parts.netloc else target


def sign_in_page(token: str, next_path: str, message: str = "") -> str:
    """The sign-in form (every value escaped)."""
    note = f'<p class="fl-error" role="alert">{escape(message)}</p>' if message else ""
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Frontline: sign in</title></head><body>"
        "<main style=\"font-family:sans-serif;max-width:24rem;margin:3rem auto\">"
        "<h1>Sign in to edit</h1>"
        "<p>Viewing needs no account. Analysts' accounts are made with "
        "<code>python -m timeline analysts add NAME</code>.</p>"
        f"{note}<form method=\"post\" action=\"{SIGN_IN}\">"
        f"<input type=\"hidden\" name=\"{CSRF_FIELD}\" value=\"{escape(token)}\">"
        f"<input type=\"hidden\" name=\"next\" value=\"{escape(next_path)}\">"
        "<p><label>Analyst <input name=\"username\" id=\"sign-in-name\" required "
        "autocomplete=\"username\"></label></p>"
        "<p><label>Password <input name=\"password\" id=\"sign-in-password\" "
        "type=\"password\" required autocomplete=\"current-password\"></label></p>"
        "<p><button type=\"submit\" id=\"sign-in-submit\">Sign in</button> "
        "<a href=\"/\">back to the map</a></p></form></main></body></html>")


def sign_out_page(token: str, name: str | None) -> str:
    """The sign-out form (a POST, so a link on another site cannot sign anyone out)."""
    who = f"Signed in as {escape(name)}." if name else "Not signed in."
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Frontline: sign out</title></head><body>"
        "<main style=\"font-family:sans-serif;max-width:24rem;margin:3rem auto\">"
        f"<h1>Sign out</h1><p>{who}</p><form method=\"post\" action=\"{SIGN_OUT}\">"
        f"<input type=\"hidden\" name=\"{CSRF_FIELD}\" value=\"{escape(token)}\">"
        "<p><button type=\"submit\" id=\"sign-out-submit\">Sign out</button> "
        "<a href=\"/\">back to the map</a></p></form></main></body></html>")


def mount(app: Dash, settings: Settings, check_password: Callable[[str, str], bool],
          is_active: Callable[[str], bool]) -> None:
    """Sign-in, sessions and CSRF on ``app``'s server.

    ``check_password(name, password)`` and ``is_active(name)`` ask the store's accounts.
    """
    server: Flask = app.server
    server.secret_key = secret_key(settings)
    server.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                         REMEMBER_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_SAMESITE="Lax")
    manager = LoginManager()
    manager.init_app(server)
    header = settings.auth_header

    @manager.user_loader
    def _load(name: str) -> Analyst | None:
        return Analyst(name) if _active(is_active, name) else None

    if header:
        @manager.request_loader
        def _from_proxy(req: Any) -> Analyst | None:
            name = (req.headers.get(header) or "").strip()
            return Analyst(name) if name and _active(is_active, name) else None

    @server.before_request
    def _guard() -> None:
        if request.method != "POST" or DASH_UPDATE not in request.path:
            return
        body = request.get_json(silent=True)
        if not is_curation(body):
            return
        if not _token_ok(request.headers.get(CSRF_HEADER)):
            abort(403, description="missing or wrong CSRF token: reload the page")
        if is_edit(body) and current_analyst() is None:
            abort(403, description="sign in to edit")

    @server.after_request
    def _mirror_token(response: Response) -> Response:
        token = csrf_token()
        if request.cookies.get(CSRF_COOKIE) != token:
            # Readable by the page's script (not HttpOnly): it copies it into a header.
            response.set_cookie(CSRF_COOKIE, token, samesite="Strict", httponly=False,
                                secure=request.is_secure)
        return response

    @server.route(SIGN_IN, methods=["GET", "POST"])
    def _sign_in() -> Any:
        token = csrf_token()
        next_path = _safe_next(request.values.get("next"))
        if request.method == "GET":
            return _html(sign_in_page(token, next_path))
        if not _token_ok(request.form.get(CSRF_FIELD)):
            return _html(sign_in_page(token, next_path, "The form expired: try again."), 403)
        name = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        try:
            ok = bool(name) and check_password(name, password)
        except FrontlineError:
            ok = False
        if not ok:
            return _html(sign_in_page(token, next_path, "Wrong analyst name or password."),
                         401)
        session.pop(CSRF_SESSION, None)  # a new token for the signed-in session
        login_user(Analyst(name))
        csrf_token()
        return redirect(next_path)

    @server.route(SIGN_OUT, methods=["GET", "POST"])
    def _sign_out() -> Any:
        if request.method == "GET":  # the page's layout is shared: the form carries the token
            return _html(sign_out_page(csrf_token(), current_analyst()))
        if not _token_ok(request.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)):
            abort(403, description="missing or wrong CSRF token")
        logout_user()
        return redirect(_safe_next(request.form.get("next")))


def _active(is_active: Callable[[str], bool], name: str) -> bool:
    try:
        return is_active(name)
    except FrontlineError:
        return False


def _html(text: str, status: int = 200) -> Response:
    return Response(text, status=status, mimetype="text/html")

