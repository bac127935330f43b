"""Who may edit in the app, and the store version the page follows (SYNTHETIC articles).

The real app (``create_app``) on a FileStore in a temporary folder, driven through
Flask's test client: the callback endpoint is posted to directly, as an attacker would,
not only through the page.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from dashboard import auth, ids
from dashboard.app import create_app
from frontline.settings import Settings
from geodata.theatre import load_theatre
from timeline import pipeline
from timeline.decisions import Decided, SourceGrade
from timeline.store.files import FileStore

PASSWORD = "correct horse battery"
ARTICLE = """---
title: "SYNTHETIC report one"
source: "Synthetic Wire"
published: 2017-05-10
---
The Counter-Terrorism Service took over al-Maamel on Wednesday.
"""
UPDATE = "/_dash-update-component"


@dataclass
class Served:
    app: Any
    store: FileStore
    settings: Settings


def make_store(tmp_path: Path, **changes: Any) -> tuple[FileStore, Settings]:
    settings = replace(Settings.from_env(), data_dir=tmp_path / "data",
                       seeds_dir=tmp_path / "in", **changes)
    settings.seeds_dir.mkdir()
    (settings.seeds_dir / "one.md").write_text(ARTICLE, encoding="utf-8")
    store = FileStore.from_settings(settings)
    pipeline.ingest(store, settings.seeds_dir, settings)
    pipeline.build(store, load_theatre(settings.theatre), settings)
    store.decision_store().add_analyst("ana", PASSWORD)
    return store, settings


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    store, settings = make_store(tmp_path)
    yield Served(create_app(store=store, settings=settings), store, settings)


def edit_body() -> dict[str, Any]:
    """A callback request writing ``CURATION_REFRESH``, as the page sends for an edit."""
    return {"output": f"..{ids.CURATION_REFRESH}.data@1a2b...{ids.CURATION_HISTORY_STATUS}"
                      ".children..",
            "outputs": [{"id": ids.CURATION_REFRESH, "property": "data@1a2b"},
                        {"id": ids.CURATION_HISTORY_STATUS, "property": "children"}],
            "inputs": [], "state": [], "changedPropIds": []}


def token_of(client: Any) -> str:
    client.get("/")
    cookie = client.get_cookie(auth.CSRF_COOKIE)
    assert cookie is not None, "the page sets no CSRF cookie"
    return str(cookie.value)


def sign_in(client: Any, name: str = "ana", password: str = PASSWORD,
            token: str | None = None) -> Any:
    token = token_of(client) if token is None else token
    return client.post(auth.SIGN_IN, data={"username": name, "password": password,
                                           auth.CSRF_FIELD: token, "next": "/"})


def test_the_secret_key_is_made_once_with_mode_0600(tmp_path: Path) -> None:
    settings = replace(Settings.defaults(), data_dir=tmp_path / "d")
    key = auth.secret_key(settings)
    path = tmp_path / "d" / auth.SECRET_FILE
    assert len(key) == 64 and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert auth.secret_key(settings) == key  # kept: sessions survive a restart
    assert auth.secret_key(replace(settings, secret_key="from-env")) == "from-env"


def test_viewing_needs_no_account(served: Served) -> None:
    client = served.app.server.test_client()
    assert client.get("/").status_code == 200
    layout = client.get("/_dash-layout").get_data(as_text=True)
    # The tabs come on the panel's first opening (panel.body), to a viewer too.
    assert ids.CURATION_HEAD in layout and ids.CURATION_TABS not in layout
    body = {"output": f"..{ids.CURATION_BODY}.children...{ids.CURATION_BODY}.className..",
            "outputs": [{"id": ids.CURATION_BODY, "property": "children"},
                        {"id": ids.CURATION_BODY, "property": "className"}],
            "inputs": [{"id": ids.CURATION_HEAD, "property": "n_clicks", "value": 1}],
            "state": [{"id": ids.CURATION_BODY, "property": "className", "value": None}],
            "changedPropIds": [f"{ids.CURATION_HEAD}.n_clicks"]}
    opened = client.post(UPDATE, json=body, headers={auth.CSRF_HEADER: token_of(client)})
    assert opened.status_code == 200
    text = opened.get_data(as_text=True)
    assert ids.CURATION_TABS in text and "Review queue" in text
    assert client.get(auth.SIGN_IN).status_code == 200


def test_a_curation_callback_without_the_csrf_token_is_refused(served: Served) -> None:
    client = served.app.server.test_client()
    token_of(client)
    refused = client.post(UPDATE, json=edit_body())
    assert refused.status_code == 403 and b"CSRF" in refused.data
    wrong = client.post(UPDATE, json=edit_body(), headers={auth.CSRF_HEADER: "forged"})
    assert wrong.status_code == 403


def test_an_edit_without_a_signed_in_analyst_is_refused(served: Served) -> None:
    client = served.app.server.test_client()
    token = token_of(client)
    refused = client.post(UPDATE, json=edit_body(), headers={auth.CSRF_HEADER: token})
    assert refused.status_code == 403 and b"sign in" in refused.data


def test_an_edit_named_only_in_the_output_string_is_refused_too(served: Served) -> None:
    client = served.app.server.test_client()
    token = token_of(client)
    body = {**edit_body(), "outputs": []}
    assert client.post(UPDATE, json=body, headers={auth.CSRF_HEADER: token}).status_code == 403


def test_sign_in_checks_the_password_and_the_form_token(served: Served) -> None:
    client = served.app.server.test_client()
    assert sign_in(client, password="wrong password").status_code == 401
    assert sign_in(client, name="nobody").status_code == 401
    assert sign_in(client, token="forged").status_code == 403
    done = sign_in(client)
    assert done.status_code == 302 and done.headers["Location"] == "/"


def test_a_signed_in_analyst_passes_the_guard(served: Served) -> None:
    client = served.app.server.test_client()
    sign_in(client)
    token = token_of(client)  # a new token came with the signed-in session
    answer = client.post(UPDATE, json=edit_body(), headers={auth.CSRF_HEADER: token})
    assert answer.status_code != 403


def test_sign_out_is_a_post_with_the_token(served: Served) -> None:
    client = served.app.server.test_client()
    sign_in(client)
    token = token_of(client)
    assert client.post(auth.SIGN_OUT, data={}).status_code == 403
    assert client.post(auth.SIGN_OUT, data={auth.CSRF_FIELD: token}).status_code == 302
    token = token_of(client)
    assert client.post(UPDATE, json=edit_body(),
                       headers={auth.CSRF_HEADER: token}).status_code == 403


def test_the_proxy_header_is_trusted_only_when_configured(tmp_path: Path) -> None:
    store, settings = make_store(tmp_path, auth_header="X-Forwarded-User")
    client = create_app(store=store, settings=settings).server.test_client()
    token = token_of(client)
    as_ana = {auth.CSRF_HEADER: token, "X-Forwarded-User": "ana"}
    assert client.post(UPDATE, json=edit_body(), headers=as_ana).status_code != 403
    as_nobody = {auth.CSRF_HEADER: token, "X-Forwarded-User": "mallory"}
    assert client.post(UPDATE, json=edit_body(), headers=as_nobody).status_code == 403


def test_the_proxy_header_is_ignored_by_default(served: Served) -> None:
    client = served.app.server.test_client()
    token = token_of(client)
    headers = {auth.CSRF_HEADER: token, "X-Forwarded-User": "ana"}
    assert client.post(UPDATE, json=edit_body(), headers=headers).status_code == 403


@pytest.mark.parametrize("target,expected", [
    ("/", "/"), ("/?date=2017-05-10", "/?date=2017-05-10"), ("//evil.example/", "/"),
    ("https://evil.example/", "/"), ("", "/"), (None, "/")])
def test_sign_in_returns_only_to_this_site(target: str | None, expected: str) -> None:
    assert auth._safe_next(target) == expected


def test_output_ids_read_plain_and_pattern_ids() -> None:
    body = {"outputs": [{"id": "map", "property": "figure"},
                        [{"id": {"type": "curation-x", "index": 1}, "property": "value"}]]}
    assert auth.output_ids(body) == ["map", "curation-x"]
    assert auth.is_curation(body) and not auth.is_edit(body)
    assert not auth.is_curation({"outputs": {"id": "map", "property": "figure"}})
    assert auth.is_edit(edit_body())


def test_the_store_version_changes_on_every_decision_and_undo(tmp_path: Path) -> None:
    store, _ = make_store(tmp_path)
    log = store.decision_store()
    seen = {store.version()}
    at = dt.datetime(2026, 12, 3, 6, 0, tzinfo=dt.UTC)
    done = log.record(SourceGrade("Synthetic Wire", "B", Decided("ana", at, "known outlet")))
    seen.add(store.version())
    log.record(SourceGrade("Synthetic Wire", "C", Decided("ana", at, "second look")))
    seen.add(store.version())
    log.undo(done.id, Decided("ana", at, "too hasty"))
    seen.add(store.version())
    assert len(seen) == 4
