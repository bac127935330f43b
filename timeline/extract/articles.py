"""Articles from disk: front matter, text, ignored blocks and sentences with offsets.

:func:`load_article` reads a ``.md``/``.txt`` file (optional YAML front matter) or an
``.html`` page (text only) into an :class:`~timeline.records.Article`. Everything an
analyst later clicks on is a character span into ``Article.text``, so the text is kept
as received (after decoding) and every sentence is a ``(start, end)`` into it.

Refused, with a one-line :class:`~frontline.errors.ArticleError` naming the file: an
empty file, a binary one (NUL bytes), one over ``FRONTLINE_MAX_ARTICLE_BYTES``, one that
decodes neither as UTF-8 nor as cp1252/Latin-1, and one without a publication date
whose text has relative dates ("on Wednesday"): those need ``--published``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from frontline import settings
from frontline.errors import ArticleError, DateError
from frontline.isodate import parse_iso_date
from frontline.links import link_problem, safe_link
from timeline.extract.boilerplate import chrome_spans
from timeline.extract.dates import has_relative_dates
from timeline.extract.front_matter import FrontMatterError, load_front_matter
from timeline.extract.html_text import html_to_text
from timeline.ids import article_id
from timeline.records import Article

TEXT_SUFFIXES = (".md", ".txt", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
IGNORE_OPEN = re.compile(r"<!--\s*frontline:ignore\b.*?-->", re.DOTALL)
IGNORE_CLOSE = re.compile(r"<!--\s*/frontline:ignore\s*-->")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "gen", "maj", "lt", "col", "capt", "cpt", "sgt", "brig",
    "adm", "gov", "sen", "rep", "st", "mt", "ft", "no", "nos", "vs", "etc", "approx", "est",
    "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "inc", "ltd", "co", "corp", "e.g", "i.e", "u.s", "u.n", "u.k", "a.m", "p.m",
))
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
# A line ending without sentence punctuation, then a line starting like a sentence.
_HEADLINE_BREAK = re.compile(r"(?<=[^\s.!?:;,\"'”’\-–—(\[/&])[ \t]*\n(?=[ \t]*[\"'“‘(\[]?[A-Z0-9])")
# A line ending in one of these words runs on into the next line: no headline.
_RUNS_ON = re.compile(r"\b(?:of|the|a|an|to|in|on|at|by|for|from|with|and|or|but|as|that|which|"
                      r"who|its|their|his|her|said|says|told)$", re.IGNORECASE)
_LINE_END = re.compile(r"(?<=[.!?\"'”’)\]])[ \t]*\n")
WRAP_WIDTH = 120  # no line longer than this: the text may be wrapped at a fixed width
_CLOSED = re.compile(r"[.!?:;\"'”’)\]]\s*$")
# A time of day after the day of a 'published:' value ("2017-05-10 14:05"): checked, so
# that an hour of 25 is an error naming the file rather than silently dropped.
_TIME_OF_DAY = re.compile(r"[T ](\d{1,2}):(\d{2})")
# No real sentence is this long (the longest in the development set is under 500
# characters): a longer run, pasted text without full stops, is read as pieces of at
# most this size, cut after a clause mark or a space, so that the work per trigger word
# stays bounded and extraction time grows linearly with the text.
MAX_SENTENCE = 1000
_PIECE_CUT = re.compile(r"[,;:]\s+|\s+")


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: its span in ``Article.text`` and its paragraph number."""

    start: int
    end: int
    paragraph: int


def load_article(path: str | Path, published: dt.date | str | None = None, *,
                 id: str | None = None, max_bytes: int | None = None) -> Article:
    """Read one article; ``published`` (the ``--published`` flag) wins over front matter.

    ``id`` is the article's id among the files of its folder
    (:func:`timeline.ids.article_ids`); without it, the file's own slug. ``max_bytes`` is
    the run's ``Settings.max_article_bytes`` (the configured value when None).
    """
    path = Path(path)
    data = _read_bytes(path, max_bytes)
    text, warnings = decode(data, path)
    meta: dict[str, Any] = {}
    if path.suffix.lower() in HTML_SUFFIXES:
        text, meta, html_warnings = html_to_text(text)
        warnings += [f"{path}: {w}" for w in html_warnings]
    else:
        text, meta = split_front_matter(text, path)
    date = _published(published, meta.get("published"), path)
    if not text.strip():
        raise ArticleError(f"{path}: the article has no text")
    if date is None and has_relative_dates(text):
        raise ArticleError(
            f"{path}: no published date and the text has relative dates; pass --published "
            "YYYY-MM-DD or add 'published:' to the front matter"
        )
    problem = link_problem(meta.get("url"))
    if problem:
        warnings.append(f"{path}: {problem}")
    marked, ignore_warnings = ignored_spans(text)
    warnings += [f"{path}: {w}" for w in ignore_warnings]
    ignored = merge_spans([*marked, *chrome_spans(text)])
    return Article(
        id=id or article_id(path), path=str(path), title=str(meta.get("title") or path.stem),
        source=str(meta.get("source") or ""), published=date, text=text,
        url=safe_link(meta.get("url")), language=str(meta.get("language") or "en"),
        sha256=hashlib.sha256(data).hexdigest(), ignored=ignored, warnings=tuple(warnings),
    )


def decode(data: bytes, path: Path) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM), else cp1252, else Latin-1 with a warning."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, [f"{path}: not UTF-8, decoded as {encoding}"]
    raise ArticleError(f"{path}: cannot decode the file as UTF-8, cp1252 or Latin-1")


def split_front_matter(text: str, path: Path) -> tuple[str, dict[str, Any]]:
    """Split YAML front matter from the body; bad YAML is an error naming the file."""
    match = FRONT_MATTER.match(text)
    if not match:
        return text, {}
    try:
        meta = load_front_matter(match.group(1)) or {}
    except FrontMatterError as exc:
        raise ArticleError(f"{path}: {exc}") from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f" (line {line + 2})" if line is not None else ""
        raise ArticleError(f"{path}: front matter is not valid YAML{where}") from None
    if not isinstance(meta, dict):
        raise ArticleError(f"{path}: front matter must be a mapping of fields")
    return text[match.end():], meta


def ignored_spans(text: str) -> tuple[tuple[tuple[int, int], ...], list[str]]:
    """Spans of ``frontline:ignore`` blocks (markers included); an unclosed one runs to the end."""
    spans: list[tuple[int, int]] = []
    warnings: list[str] = []
    pos = 0
    while (opening := IGNORE_OPEN.search(text, pos)) is not None:
        closing = IGNORE_CLOSE.search(text, opening.end())
        if closing is None:
            warnings.append("unclosed frontline:ignore block runs to the end of the text")
            spans.append((opening.start(), len(text)))
            break
        spans.append((opening.start(), closing.end()))
        pos = closing.end()
    return tuple(spans), warnings


def merge_spans(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted spans with overlapping or touching ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def split_sentences(text: str, ignored: Iterable[tuple[int, int]] = ()) -> list[Sentence]:
    """Sentences with offsets into ``text``, aware of "Maj. Gen.", "U.S.-led", "3,320".

    A sentence also ends at a line break after a line with no closing punctuation (a
    headline, a byline, a caption above the first paragraph of a pasted page), unless
    the text is hard-wrapped; and at the edges of ``ignored`` spans, so that a chrome
    line or a store's date stamp never joins the sentence next to it. Paragraphs are
    split by blank lines and, in text that is not hard-wrapped, by the line breaks
    that end a sentence too: a pasted page puts one paragraph on each line.
    """
    wrapped = _hard_wrapped(text)
    lines = set() if wrapped else _line_cuts(text)
    cuts = sorted({c for span in ignored for c in span} | lines)
    breaks = {m.start() for m in _PARAGRAPH.finditer(text)}
    if not wrapped:  # a pasted page: each line is a paragraph
        breaks |= lines | {m.start() for m in _LINE_END.finditer(text)}
    sentences: list[Sentence] = []
    para_start = 0
    for number, para_end in enumerate([*sorted(breaks), len(text)]):
        start = para_start
        ends = [b.end() for b in _BOUNDARY.finditer(text, para_start, para_end)
                if not _is_abbreviation(text, b.start())]
        ends += [c for c in cuts if para_start < c < para_end]
        for end in sorted(set(ends)):
            if end > start:
                _add(sentences, text, start, end, number)
                start = end
        _add(sentences, text, start, para_end, number)
        para_start = para_end
    return sentences


def _line_cuts(text: str) -> set[int]:
    """Line breaks that end a sentence: the line has no closing mark, the next one starts one."""
    return {m.start() for m in _HEADLINE_BREAK.finditer(text)
            if not _RUNS_ON.search(text, max(0, m.start() - 8), m.start())}


def _hard_wrapped(text: str) -> bool:
    """True for text wrapped at a fixed width: long lines stop mid-sentence.

    Either most long lines are open-ended at one width, or no line is longer than
    WRAP_WIDTH and several long ones are open-ended (a Markdown file wrapped at 88 or
    100 columns). A pasted page keeps each paragraph on one, usually longer, line.
    """
    lines = [line for line in text.splitlines() if len(line) >= 40]
    open_ended = [line for line in lines if not _CLOSED.search(line)]
    widths = {len(line) // 10 for line in open_ended}
    if len(open_ended) >= 5 and len(open_ended) * 2 > len(lines) and len(widths) <= 2:
        return True
    longest = max((len(line) for line in text.splitlines()), default=0)
    return longest <= WRAP_WIDTH and sum(len(line) >= 60 for line in open_ended) >= 3


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    start += len(chunk) - len(chunk.lstrip())
    end = start + len(stripped)
    while end - start > MAX_SENTENCE:  # a run-on: pieces cut at the last clause mark
        cut = _piece_end(text, start, start + MAX_SENTENCE)
        _add(out, text, start, cut, paragraph)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    out.append(Sentence(start, end, paragraph))


def _piece_end(text: str, start: int, limit: int) -> int:
    """Where a piece of an over-long sentence ends: after the last clause mark (else the
    last space) in its second half, or at ``limit`` in a run without either."""
    half = start + (limit - start) // 2
    marks = [m for m in _PIECE_CUT.finditer(text, half, limit) if m.group(0)[0] in ",;:"]
    spaces = marks or list(_PIECE_CUT.finditer(text, half, limit))
    return spaces[-1].end() if spaces else limit


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 12):dot])
    if word is None:
        return False
    token = word.group(1).lower().strip(".")
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _read_bytes(path: Path, max_bytes: int | None) -> bytes:
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    if path.is_dir():
        raise ArticleError(f"{path}: is a directory, not an article")
    limit = settings.get_int("MAX_ARTICLE_BYTES") if max_bytes is None else max_bytes
    data = read_bounded(path, limit)
    if not data.strip():
        raise ArticleError(f"{path}: the file is empty")
    if b"\x00" in data:
        raise ArticleError(f"{path}: binary file (NUL bytes), not a text article")
    return data


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, refused before reading when its size is over ``limit``.

    The size is checked with ``stat`` first (a 2 GB sparse file is never read), and the
    read itself stops at ``limit + 1`` bytes, so a file growing under us cannot slip by.
    """
    size = path.stat().st_size
    if size > limit:
        raise ArticleError(f"{path}: {size} bytes is over FRONTLINE_MAX_ARTICLE_BYTES={limit}")
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ArticleError(f"{path}: over FRONTLINE_MAX_ARTICLE_BYTES={limit} bytes")
    return data


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls <= len(text) // 100


def _published(flag: dt.date | str | None, meta: Any, path: Path) -> dt.date | None:
    for value, origin in ((flag, "--published"), (meta, "front matter 'published'")):
        if value is None or value == "":
            continue
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        raw = str(value).strip()
        try:
            day = parse_iso_date(raw[:10], origin)
            time = _TIME_OF_DAY.match(raw, 10)
            if time and (int(time.group(1)) > 23 or int(time.group(2)) > 59):
                raise DateError(f"{origin} {raw!r} has no such time of day")
            return day
        except DateError as exc:
            raise ArticleError(f"{path}: {exc}") from None
    return None
