"""An analyst deciding through the app over HTTP, as the curation panel's buttons do.

The team bench's editors must cost the server what an analyst costs it: signing in,
then for each decision the two requests the page sends, the review tab's Accept or
Reject (:func:`dashboard.curation.review.register`, which records the decision naming
the revision it read) and the panel's refresh (:func:`dashboard.curation.panel.register`,
which republishes the store and answers with the changed parts of the page data).
Writing to the decision store directly would skip the republish, the server's largest
part of a decision. The callbacks are found in ``_dash-dependencies`` by their inputs,
as the page's renderer finds them; every request goes to the given loopback URL.
"""

from __future__ import annotations

import gzip
import http.cookiejar
import json
import re
import urllib.parse
import urllib.request
from typing import Any

from dashboard import ids
from dashboard.auth import CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, SIGN_IN

TIMEOUT_S = 300.0
REASON = "SYNTHETIC bench decision"


class AppEditor:
    """One signed-in analyst's browser session on the app at ``url``."""

    def __init__(self, url: str, name: str, password: str) -> None:
        self.url = url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self._sign_in(name, password)
        deps = json.loads(self._get("_dash-dependencies"))
        self.decide = _callback(deps, ids.CURATION_REJECT, "n_clicks")
        self.refresh = _callback(deps, ids.CURATION_REFRESH, "data")
        self.shown: str | None = _shown_version(json.loads(self._get("_dash-layout")))

    def decision(self, claim: str, action: str) -> str:
        """Accept or reject ``claim`` and take the page's update; the store version the
        page then shows."""
        button = {"accept": ids.CURATION_ACCEPT, "reject": ids.CURATION_REJECT}[action]
        values = {ids.CURATION_OPEN: claim, ids.CURATION_REASON: REASON, button: 1}
        answer = self._call(self.decide, values, button, "n_clicks")
        saved = answer.get(ids.CURATION_REFRESH, {}).get("data")
        if not saved:
            status = answer.get(ids.CURATION_REVIEW_STATUS, {}).get("children")
            raise OSError(f"decision not saved: {status!r}")
        answer = self._call(self.refresh, {ids.CURATION_REFRESH: saved,
                                           ids.CURATION_VERSION: self.shown},
                            ids.CURATION_REFRESH, "data")
        version = answer.get(ids.CURATION_VERSION, {}).get("data")
        if not isinstance(version, str):
            notice = answer.get(ids.CURATION_NOTICE, {}).get("children")
            raise OSError(f"the page got no new version: {notice!r}")
        self.shown = version
        return version

    def _sign_in(self, name: str, password: str) -> None:
        page = self._get(SIGN_IN.lstrip("/")).decode("utf-8")
        token = re.search(rf'name="{CSRF_FIELD}" value="([^"]+)"', page)
        if token is None:
            raise OSError("no sign-in form")
        form = urllib.parse.urlencode({CSRF_FIELD: token.group(1), "username": name,
                                       "password": password, "next": "/"}).encode()
        with self.opener.open(self.url + SIGN_IN.lstrip("/"), data=form,
                              timeout=TIMEOUT_S) as response:
            response.read()
        if not any(c.name == CSRF_COOKIE for c in self.jar):
            raise OSError("sign-in set no CSRF cookie")

    def _get(self, path: str) -> bytes:
        request = urllib.request.Request(self.url + path, headers={"Accept-Encoding": "gzip"})
        with self.opener.open(request, timeout=TIMEOUT_S) as response:
            return _body(response)

    def _call(self, callback: dict[str, Any], values: dict[str, Any], changed: str,
              prop: str) -> dict[str, Any]:
        token = next((c.value for c in self.jar if c.name == CSRF_COOKIE), "")
        request = urllib.request.Request(
            self.url + "_dash-update-component", method="POST",
            data=json.dumps(update_body(callback, values, f"{changed}.{prop}")).encode(),
            headers={"Content-Type": "application/json", "Accept-Encoding": "gzip",
                     CSRF_HEADER: token})
        with self.opener.open(request, timeout=TIMEOUT_S) as response:
            found = json.loads(_body(response)).get("response", {})
        return found if isinstance(found, dict) else {}


def _body(response: Any) -> bytes:
    data: bytes = response.read()
    return gzip.decompress(data) if response.headers.get("Content-Encoding") == "gzip" else data


def _callback(deps: list[dict[str, Any]], component: str, prop: str) -> dict[str, Any]:
    """The server callback with ``component.prop`` among its inputs."""
    for cb in deps:
        if cb.get("clientside_function"):
            continue
        if any(i.get("id") == component and i.get("property") == prop
               for i in cb.get("inputs", [])):
            return cb
    raise OSError(f"no callback on {component}.{prop}")


def update_body(callback: dict[str, Any], values: dict[str, Any],
                changed: str) -> dict[str, Any]:
    """The ``_dash-update-component`` request the page sends for ``callback``: the
    given values by component id, nothing elsewhere (an empty list for a
    pattern-matching ``ALL``)."""
    def prop(dep: dict[str, Any]) -> Any:
        if isinstance(dep.get("id"), dict):
            return []
        return {"id": dep["id"], "property": dep["property"], "value": values.get(dep["id"])}

    parts = [p for p in callback["output"].strip(".").split("...") if p]
    outputs = [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in parts]
    return {"output": callback["output"], "outputs": outputs,
            "inputs": [prop(d) for d in callback.get("inputs", [])],
            "state": [prop(d) for d in callback.get("state", [])],
            "changedPropIds": [changed]}


def _shown_version(layout: Any) -> str | None:
    """The store version a page loaded now shows (its ``CURATION_VERSION`` store)."""
    stack = [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            props = node.get("props")
            if isinstance(props, dict) and props.get("id") == ids.CURATION_VERSION:
                data = props.get("data")
                return data if isinstance(data, str) else None
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return None
