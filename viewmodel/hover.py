"""Hover and list text: article text made safe for Plotly's pseudo-HTML labels.

Plotly hover labels understand a few tags (``<br>``, ``<b>``). Article text may hold
anything, including ``<img src=x onerror=...>``: every piece of it is escaped here,
after wrapping, so the browser shows it as text and an entity is never cut in two.
"""

from __future__ import annotations

import html
import textwrap
from functools import lru_cache

HOVER_WIDTH = 64
MAX_QUOTE_CHARS = 360


def clip(text: str, limit: int = MAX_QUOTE_CHARS) -> str:
    """Shorten ``text`` to ``limit`` characters at a word boundary, marking the cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


@lru_cache(maxsize=8192)
def safe_lines(text: str, width: int = HOVER_WIDTH) -> str:
    """Wrap ``text`` into hover lines, each HTML-escaped, joined by ``<br>``.

    Kept per text: an analyst's decision rebuilds the page, whose quotes are mostly
    those of the last build (wrapping is the slow part of a hover)."""
    lines = textwrap.wrap(clip(text), width=width) or [""]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def safe(text: str) -> str:
    """One escaped line (names, sources, dates)."""
    return html.escape(" ".join(str(text).split()), quote=False)


def quote_block(quote: str, source: str, date: str) -> str:
    """An escaped, wrapped quote followed by its source and date, for a hover label."""
    return f"<i>“{safe_lines(quote)}”</i><br>— {safe(source)}, {safe(date)}"
