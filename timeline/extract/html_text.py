"""The readable text of an HTML page, without scripts, styles or page chrome.

Chrome is dropped by tag (``nav``, ``footer``, ``aside``, ``figcaption``, ...) and by the
class, id or ARIA role that names it (``class="related-links"``, ``role="navigation"``):
the rule-based counterpart of a main-text extractor such as trafilatura, which is not
installed here. What chrome is left as plain lines (a "Recommended" label, a share row)
is marked by :mod:`timeline.extract.boilerplate` when the article is loaded.

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
                     "template", "svg", "iframe", "button", "select", "figcaption", "video",
                     "audio", "dialog"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
BLOCKS = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5",
                    "h6", "li", "ul", "ol", "blockquote", "br", "tr", "table", "figure",
                    "figcaption", "pre", "hr", "dd", "dt"})
# Page chrome named by its class, id or ARIA role rather than its tag: related links,
# share bars, comment threads, menus, newsletters, captions, cookie notices.
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search",
                          "menu", "menubar", "dialog"})
CHROME_HINT = re.compile(
    r"(?:^|[\s_-])(?:related|share|sharing|social|comments?|newsletter|subscribe|breadcrumbs?|"
    r"menu|navbar|nav|footer|sidebar|promo|advert\w*|ads?|cookies?|captions?|video|tags|"
    r"most-read|popular|recommended|recirculation|more-stories|read-more|signup|sign-in|"
    r"login|paywall|toolbar|byline-tools)(?:$|[\s_-])", re.IGNORECASE)
META_FIELDS = {
    "article:published_time": "published", "date": "published", "pubdate": "published",
    "og:url": "url", "og:site_name": "source", "og:title": "title", "author": "author",
}


def is_chrome_element(tag: str, attrs: dict[str, str | None]) -> bool:
    """Whether an element is page chrome by its tag, class, id or ARIA role."""
    if tag in DROPPED:
        return True
    if (attrs.get("role") or "").lower() in CHROME_ROLES:
        return True
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    return CHROME_HINT.search(names) is not None and tag not in ("html", "body", "article",
                                                                 "main")


class _TextParser(HTMLParser):
    def __init__(self, hints: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.hints = hints
        self.parts: list[str] = []
        self.meta: dict[str, Any] = {}
        self.dropping: list[list[Any]] = []  # [tag, depth] of the chrome element being skipped
        self.scripts = 0
        self.in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"
        if self.dropping:
            if tag == self.dropping[-1][0] and tag not in VOID:
                self.dropping[-1][1] += 1
            return
        attr = dict(attrs)
        if tag not in VOID and (tag in DROPPED or (self.hints and is_chrome_element(tag, attr))):
            self.dropping.append([tag, 1])
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (attr.get("property") or attr.get("name") or "").lower()
            if key in META_FIELDS and attr.get("content"):
                self.meta.setdefault(META_FIELDS[key], attr["content"])
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED:
            self.scripts += tag == "script"
            return
        if tag in VOID:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[-1][0]:
                self.dropping[-1][1] -= 1
                if self.dropping[-1][1] == 0:
                    self.dropping.pop()
            return
        if tag == "title":
            self.in_title = False
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.dropping:
            self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        if not self.dropping and "frontline:ignore" in data:
            self.parts.append(f"\n\n<!--{data}-->\n\n")


def html_to_text(page: str) -> tuple[str, dict[str, Any], list[str]]:
    """Return the page's text, its metadata and warnings (scripts dropped).

    When the class and role hints would leave less than a quarter of the text (a page
    whose wrapper is named "has-sidebar"), the page is read by tag alone.
    """
    parser = _parse(page, hints=True)
    text = _text(parser)
    by_tag = _parse(page, hints=False)
    if len(text) * 4 < len(_text(by_tag)):
        parser, text = by_tag, _text(by_tag)
    meta = dict(parser.meta)
    if parser.title.strip():
        meta.setdefault("title", html.unescape(" ".join(parser.title.split())))
    warnings = []
    if parser.scripts:
        warnings.append(f"dropped {parser.scripts} <script> block(s) from the HTML")
    return text, meta, warnings


def _parse(page: str, hints: bool) -> _TextParser:
    parser = _TextParser(hints)
    parser.feed(page)
    parser.close()
    return parser


def _text(parser: _TextParser) -> str:
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
