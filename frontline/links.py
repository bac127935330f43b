"""The one owner of links: which addresses Frontline ever turns into a link.

A source's address comes from people (an article's ``url:`` front matter, a
chronology's ``url`` column, a report pasted into the app), and ends up in the app, the
KML a colleague opens in Google Earth, and the briefing files. Only ``http`` and
``https`` addresses with a host are kept: ``javascript:``, ``data:``, ``file:`` and
their look-alikes (upper case, leading spaces, control characters inside the scheme)
never become a link anywhere. Every place that records or renders an address goes
through :func:`safe_link`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

SCHEMES = ("http", "https")
MAX_LINK_CHARS = 2000


def safe_link(url: object) -> str:
    """``url`` when it is an http(s) address with a host, else ``""``."""
    if not isinstance(url, str):
        return ""
    text = url.strip()
    if not text or len(text) > MAX_LINK_CHARS:
        return ""
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F or ch.isspace() for ch in text):
        return ""  # a browser drops these inside a scheme: "java\tscript:" is javascript:
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        return ""
    return text


def link_problem(url: object) -> str | None:
    """Why ``url`` is not kept as a link (one phrase), or None when it is kept or empty."""
    if url is None or (isinstance(url, str) and not url.strip()):
        return None
    if safe_link(url):
        return None
    return f"url {str(url)[:80]!r} is not an http(s) address; dropped"
