"""The report upload route, posted to directly as a client would (SYNTHETIC files).

The real app (``create_app``) on a temporary FileStore through Flask's test client:
an upload needs the session's CSRF token and a signed-in analyst, is kept by token
under the data folder, and one over ``FRONTLINE_MAX_UPLOAD_BYTES`` or of a type the
reader does not read is refused with a one-line JSON message. The app-wide request
cap stays as it is for every other route.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from dashboard import auth, limits
from dashboard.app import create_app
from dashboard.curation.uploads import MULTIPART_SLACK, UPLOAD_PATH
from frontline.errors import InputError
from tests.unit.test_curation_app import make_store, sign_in, token_of
from timeline.added_reports import upload_of

CAP = 2_000


@pytest.fixture
def client(tmp_path: Path) -> Any:
    store, settings = make_store(tmp_path, max_upload_bytes=CAP, max_request_bytes=1_000)
    app = create_app(store=store, settings=settings)
    client = app.server.test_client()
    client.settings = settings
    return client


def post(client: Any, name: str, data: bytes, token: str | None = None) -> Any:
    headers = {auth.CSRF_HEADER: token} if token is not None else {}
    return client.post(UPLOAD_PATH, headers=headers, content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), name)})


def test_an_upload_needs_the_token_and_a_signed_in_analyst(client: Any) -> None:
    token = token_of(client)
    answer = post(client, "r.txt", b"text")
    assert answer.status_code == 403 and "CSRF" in answer.json["error"]
    answer = post(client, "r.txt", b"text", token)
    assert answer.status_code == 403 and answer.json["error"].startswith("sign in to edit")


def test_an_upload_is_kept_by_token_for_the_form(client: Any) -> None:
    sign_in(client)
    token = token_of(client)
    data = b"SYNTHETIC report text " * 80  # under the upload cap, over the request cap
    assert len(data) > client.settings.max_request_bytes
    answer = post(client, "../../r.txt", data, token)
    assert answer.status_code == 200, answer.data
    assert answer.json["name"] == "r.txt" and answer.json["bytes"] == len(data)
    assert upload_of(client.settings.data_dir, answer.json["token"]) == ("r.txt", data)


def test_an_upload_over_the_cap_gets_a_message_and_the_request_cap_stays(
        client: Any) -> None:
    sign_in(client)
    token = token_of(client)
    answer = post(client, "big.pdf", b"x" * (CAP + 1), token)
    assert answer.status_code == 413
    assert answer.json["error"].startswith("big.pdf is 2,")
    assert "over the upload limit of 2,000 bytes (FRONTLINE_MAX_UPLOAD_BYTES)" in \
        answer.json["error"]
    # far over: refused before the body is read, and the page's script says why
    answer = post(client, "huge.pdf", b"x" * (CAP + MULTIPART_SLACK + 10), token)
    assert answer.status_code == 413
    assert limits.body_limit(UPLOAD_PATH, 1_000) == CAP + MULTIPART_SLACK
    assert limits.body_limit("/_dash-update-component", 1_000) == 1_000
    answer = client.post("/_dash-update-component", data=b"{" + b" " * 1_100 + b"}",
                         content_type="application/json",
                         headers={auth.CSRF_HEADER: token})
    assert answer.status_code == 413


def test_an_unread_type_or_no_file_is_refused_saying_so(client: Any) -> None:
    sign_in(client)
    token = token_of(client)
    answer = post(client, "r.docx", b"PK\x03\x04", token)
    assert answer.status_code == 415
    assert answer.json["error"].startswith("r.docx: cannot read .docx; upload .md, .txt")
    assert answer.json["error"].endswith(".html, .htm, .pdf")
    answer = client.post(UPLOAD_PATH, headers={auth.CSRF_HEADER: token}, data={})
    assert answer.status_code == 400 and "no file" in answer.json["error"]


def test_an_upload_that_replaces_another_forgets_it(client: Any) -> None:
    sign_in(client)
    token = token_of(client)
    first = post(client, "one.txt", b"SYNTHETIC one", token).json["token"]
    answer = client.post(UPLOAD_PATH, headers={auth.CSRF_HEADER: token},
                         content_type="multipart/form-data",
                         data={"file": (io.BytesIO(b"SYNTHETIC two"), "two.txt"),
                               "replaces": first})
    assert answer.status_code == 200
    with pytest.raises(InputError, match="no longer kept"):
        upload_of(client.settings.data_dir, first)
    assert upload_of(client.settings.data_dir, answer.json["token"]) == \
        ("two.txt", b"SYNTHETIC two")
