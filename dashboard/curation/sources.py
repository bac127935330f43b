"""The Sources tab of the curation panel (filled in by issue 15)."""

from __future__ import annotations

from dash import Dash, html

from dashboard.curation.context import CurationContext

LABEL = "Sources"


def layout(cx: CurationContext) -> html.Div:
    return html.Div(className="fl-curation-tab")


def register(app: Dash, cx: CurationContext) -> None:
    """No callbacks yet."""
