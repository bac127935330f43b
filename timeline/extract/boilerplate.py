"""Page chrome in pasted or stored text: lines that are never read.

A page copied from a browser, or stored by a crawler, keeps the site around the
article: a sign-in form before the headline, a navigation menu, a date and hit-counter
bar, "A+ A-", "3 MIN READ", "Recommended" in the middle, a ticker of other headlines,
related-article titles, share buttons, photo and video captions, a copyright footer.
Read as text, that chrome yields events ("a famine-hit country" in a ticker; a caption
dated the day a photo was taken). :func:`chrome_spans` returns the character spans of
such lines so the loader lists them with the ``frontline:ignore`` blocks
(``Article.ignored``): the text stays as received, offsets and quotes stay true, and the
extractor never reads them.

Rules work line by line, on the line's own words, never on a site's name:

- a line that is only a chrome phrase (sign-in and comment forms, share and print
  buttons, "A+ A-", "N min read", "Recommended", "You are here", a copyright line);
- a section label: one to three words in capitals with no sentence punctuation;
- a ticker or date bar: several " • "-separated items, or three or more numeric dates;
- a photo or video caption: a line ending in a credit ("/ Reuters", "[Anadolu]") or
  starting with "VIDEO:", "Photo:", "WATCH:";
- a menu: a run of three or more short label lines (no sentence punctuation), unless a
  line ending in a colon introduces it as a list;
- the titles under a "Related" / "Read more" header, up to the next sentence;
- a store's ``date YYYY-MM-DD`` prefix at the start of the body (only the prefix).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_PHRASES = (
    r"sign\s*in(?:\s*/\s*(?:up|register))?|sign\s*up|log\s*in|log\s*out|register|"
    r"forgot(?:ten)?\s+(?:your\s+)?password\??|not a member\b.*|or connect using|"
    r"(?:add|post|leave)\s+(?:a\s+)?(?:contribution|comment|reply)\b.*|"
    r"comment as a guest|your email (?:address )?will not be (?:displayed|published)\b.*|"
    r"benefit of signing in\b.*|comments?|\d*\s*comments?|"
    r"a\s*\+\s*a\s*-|adjust font size:?|font size|print|email|e-mail|share(?: this(?: article"
    r"| story| page)?)?(?: on \w+)?|tweet|whatsapp|facebook|twitter|linkedin|"
    r"\d+\s+min(?:ute)?s?\s+read|reading time:?.*|listen|listen to (?:this )?article|"
    r"recommended(?: for you| stories| articles)?|related(?: articles| stories| news| content|"
    r" posts| coverage)?:?|read more:?|more from .{0,40}|more on this(?: story)?:?|"
    r"you may also like:?|most (?:read|popular|viewed)|trending(?: now)?|top stories|"
    r"advertisement|sponsored(?: content)?|subscribe\b.{0,60}|newsletter\b.{0,60}|"
    r"follow us\b.{0,40}|you are here:?.{0,80}|home|menu|search(?: news)?|"
    r"close (?:this )?search box\.?|skip to (?:main )?content|back to top|"
    r"previous (?:article|post|story)|next (?:article|post|story)|tags?:.*|topics?:.*|"
    r"informing humanitarians worldwide\b.*|originally published|view original|"
    r"download (?:pdf|report|document).*|off the wire|"
    r"(?:©|\(c\)|copyright)\s.*|all rights reserved\.?.*|terms of (?:use|service)|"
    r"privacy policy|cookie policy|contact us|about us"
)
_PHRASE_LINE = re.compile(rf"(?:{_PHRASES})", re.IGNORECASE)
_RELATED_HEADER = re.compile(
    r"(?:related(?: articles| stories| news| content| posts| coverage)?|read more|"
    r"more on this(?: story)?|you may also like|recommended(?: for you| stories)?|"
    r"most (?:read|popular|viewed)|more from .{0,40})\s*:?", re.IGNORECASE)
_CAPTION = re.compile(
    r"^(?:new\s+)?(?:video|watch|photos?|gallery|file photo|picture)\s*:"
    r"|\s/\s*(?-i:[A-Z])[\w .&'-]{1,60}$|\[\s*(?-i:[A-Z])[\w .&'-]{1,40}\]$"
    r"|\((?:photo|picture|image|file)\b[^)]{0,60}\)$|\b(?:getty images|afp photo)\b",
    re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
_STORE_PREFIX = re.compile(r"\A\s*date\s+\d{4}-\d{2}-\d{2}\s+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
MENU_RUN = 3  # consecutive label lines that make a menu
LABEL_WORDS = 5  # a menu label has at most this many words


def chrome_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are page chrome (whole lines, or the store's date prefix)."""
    spans: list[tuple[int, int]] = []
    prefix = _STORE_PREFIX.match(text)
    if prefix:
        spans.append((prefix.start(), prefix.end()))
    lines = list(_lines(text))
    flags = [_is_chrome(line) for _, _, line in lines]
    _mark_menus(lines, flags)
    _mark_related(lines, flags)
    for (start, _, line), chrome in zip(lines, flags, strict=True):
        if chrome and line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((start + lead, start + lead + len(line.strip())))
    return _merged(spans)


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body), body
        pos += len(line)


def _is_chrome(line: str) -> bool:
    stripped = " ".join(line.split())
    if not stripped:
        return False
    stamp = _STORE_PREFIX.match(stripped + " ")
    if stamp and len(stripped[stamp.end():].split()) <= 3 and not _SENTENCE_END.search(stripped):
        return True  # "date 2017-04-20 WORLD": the store's stamp and a section label
    if _PHRASE_LINE.fullmatch(stripped):
        return True
    if stripped.count("•") >= 2 or stripped.count(" | ") >= 3:
        return True  # a ticker of other headlines, or a bar of links
    if len(_NUMERIC_DATE.findall(stripped)) >= 3:
        return True  # a date and hit-counter bar
    if _CAPTION.search(stripped):
        return True
    words = stripped.split()
    return (len(words) <= 3 and stripped.upper() == stripped and any(c.isalpha() for c in stripped)
            and not _SENTENCE_END.search(stripped) and not any(c.isdigit() for c in stripped)
            and "," not in stripped)


def _is_label(line: str) -> bool:
    """A short line with no sentence punctuation: a menu entry, a button, a heading."""
    stripped = line.strip(" \t-•*|")
    if not stripped:
        return True  # a bare "-" or bullet between menu entries
    return (len(_WORD.findall(stripped)) <= LABEL_WORDS and not _SENTENCE_END.search(stripped)
            and not stripped.endswith(":") and not any(c.isdigit() for c in stripped))


def _mark_menus(lines: list[tuple[int, int, str]], flags: list[bool]) -> None:
    """Runs of MENU_RUN or more consecutive label lines (blank lines end a run).

    A run right after a line ending in a colon is the article's own list ("Districts
    still held:" and their names), not a menu.
    """
    run: list[int] = []
    for i, (_, _, line) in enumerate([*lines, (0, 0, "")]):
        if line.strip() and (_is_label(line) or (i < len(flags) and flags[i])):
            run.append(i)
            continue
        if sum(1 for j in run if lines[j][2].strip(" \t-•*|")) >= MENU_RUN and not (
                run[0] > 0 and lines[run[0] - 1][2].rstrip().endswith(":")):
            for j in run:
                flags[j] = True
        run = []


def _mark_related(lines: list[tuple[int, int, str]], flags: list[bool]) -> None:
    """Titles after a "Related" header, up to the first line that is a sentence."""
    i = 0
    while i < len(lines):
        if not _RELATED_HEADER.fullmatch(" ".join(lines[i][2].split())):
            i += 1
            continue
        flags[i] = True
        i += 1
        while i < len(lines):
            line = lines[i][2].strip()
            if line and (_SENTENCE_END.search(line) or line.startswith(("“", '"'))):
                break  # the article goes on
            if line:
                flags[i] = True
            i += 1


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
