"""The readable text of an HTML page, without scripts, styles or page chrome.

Blocks (paragraphs, headings, list items) become paragraphs separated by a blank
line so that sentence splitting and paragraph context work as for Markdown.
``frontline:ignore`` comments are kept in the text, so marked blocks stay marked.
The page ``<title>`` and ``<meta>`` tags (``article:published_time``, ``og:url``,
``og:site_name``) fill the same fields as Markdown front matter.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

DROPPED = frozenset({"script", "style", "noscript", "nav", "footer", "header", "aside", "form",
                     "template", "svg", "iframe", "button", "select"})
BLOCKS = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5",
                    "h6", "li", "ul", "ol", "blockquote", "br", "tr", "table", "figure",
                    "figcaption", "pre", "hr", "dd", "dt"})
META_FIELDS = {
    "article:published_time": "published", "date": "published", "pubdate": "published",
    "og:url": "url", "og:site_name": "source", "og:title": "title", "author": "author",
}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, Any] = {}
        self.skip_depth = 0
        self.scripts = 0
        self.in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED:
            self.skip_depth += 1
            self.scripts += tag == "script"
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            attr = dict(attrs)
            key = (attr.get("property") or attr.get("name") or "").lower()
            if key in META_FIELDS and attr.get("content"):
                self.meta.setdefault(META_FIELDS[key], attr["content"])
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED:
            self.scripts += tag == "script"
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skip_depth:
            self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        if not self.skip_depth and "frontline:ignore" in data:
            self.parts.append(f"\n\n<!--{data}-->\n\n")


def html_to_text(page: str) -> tuple[str, dict[str, Any], list[str]]:
    """Return the page's text, its metadata and warnings (scripts dropped)."""
    parser = _TextParser()
    parser.feed(page)
    parser.close()
    raw = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
    meta = dict(parser.meta)
    if parser.title.strip():
        meta.setdefault("title", html.unescape(" ".join(parser.title.split())))
    warnings = []
    if parser.scripts:
        warnings.append(f"dropped {parser.scripts} <script> block(s) from the HTML")
    return text, meta, warnings
