"""Component libraries the page loads only when one of their components is shown.

Dash puts every imported component library's bundle in the page, used or not. The
curation panel's grids (dash-ag-grid: 0.28 MB with Brotli, and its grid chunk 0.2 MB
more) sit in a panel folded under the map that most readers never open, and Dash's
DataTable (dash_table) is not used at all: together they were a third of a first load.

So these libraries' bundles are left out of the page's scripts (still registered, so
Dash serves them at their fingerprinted URLs) and named instead in one ``<meta>``
(:data:`META_NAME`: ``{namespace: url}``). ``assets/lazy_libraries.js`` stands in for
each such namespace: a component of it is rendered as an empty placeholder that loads
the real bundle once it is shown (its folded ``<details>`` opened, or at once when not
folded), then renders the real component with the same props. The library's own async
chunks then load from beside its bundle, as before.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any

# Namespaces (``window[namespace]`` in the browser) whose bundles load on demand.
LAZY_NAMESPACES = frozenset({"dash_ag_grid", "dash_table"})
META_NAME = "frontline-lazy-scripts"


def namespace_of(resource: dict[str, Any]) -> str:
    """The browser namespace a script resource fills. Dash ships DataTable inside the
    ``dash`` package (namespace "dash"), at ``dash_table/...``; its global is dash_table."""
    path = str(resource.get("relative_package_path", ""))
    if resource.get("namespace") == "dash" and path.startswith("dash_table/"):
        return "dash_table"
    return str(resource.get("namespace", ""))


def is_lazy(resource: dict[str, Any]) -> bool:
    """A library's main bundle that the page loads on demand (its async chunks and
    source maps are already left out of the page by Dash)."""
    return (namespace_of(resource) in LAZY_NAMESPACES and not resource.get("dynamic")
            and "async" not in resource and "relative_package_path" in resource)


def split(resources: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]],
                                                           list[dict[str, Any]]]:
    """(resources for the page, lazy main bundles)."""
    eager: list[dict[str, Any]] = []
    lazy: list[dict[str, Any]] = []
    for resource in resources:
        (lazy if is_lazy(resource) else eager).append(resource)
    return eager, lazy


def meta_tag(urls: dict[str, str]) -> str:
    """The ``<meta>`` naming each lazy namespace's bundle URL."""
    content = html.escape(json.dumps(urls, sort_keys=True), quote=True)
    return f'<meta name="{META_NAME}" content="{content}">'
