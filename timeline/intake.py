"""A report an analyst adds in the app: the form's fields and text to an article.

The analyst pastes the text or uploads a ``.md``, ``.txt``, ``.html`` or ``.pdf`` file,
and gives the title, outlet, URL and publication date (all required: every claim
cites its report, and "as known on" needs the date). :func:`read_report` turns that
into an :class:`~timeline.records.Article` ready for extraction, or refuses it with a
one-line :class:`~frontline.errors.InputError` saying why, before anything is stored:

- a missing field, a URL that is not ``http(s)://host/...``, a date not ``YYYY-MM-DD``;
- both a paste and a file, or neither;
- more bytes than ``FRONTLINE_MAX_UPLOAD_BYTES`` (checked before the file is parsed);
- a file type the reader does not read, a binary or undecodable text file;
- a PDF that cannot be opened, is encrypted, or has no text layer (a scan: the reader
  reads text, it does not do OCR);
- text in a language the reader does not handle. The extraction rules are English
  patterns, so a report in Arabic (or any non-Latin script), or Latin-script text with
  almost none of English's commonest words, would give no claims or wrong ones: it is
  refused rather than read silently as nothing. The check needs
  :data:`MIN_WORDS_TO_JUDGE` words; a shorter English paste passes.

:func:`save_report` keeps the text, as a Markdown file with front matter under
``DATA_DIR/reports/`` (so the article can be shown again and re-extracted like any
seed), and its extraction in the store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from frontline.atomic import write_atomic
from frontline.errors import ArticleError, DateError, InputError
from frontline.isodate import parse_iso_date
from frontline.links import safe_link
from timeline.extract.articles import (
    HTML_SUFFIXES,
    TEXT_SUFFIXES,
    decode,
    ignored_spans,
    merge_spans,
    split_front_matter,
)
from timeline.extract.boilerplate import chrome_spans
from timeline.extract.html_text import html_to_text
from timeline.ids import article_id
from timeline.records import Article

PDF_SUFFIX = ".pdf"
UPLOAD_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, PDF_SUFFIX)
REPORTS_DIR = "reports"
MIN_WORDS_TO_JUDGE = 25
MIN_ENGLISH_SHARE = 0.12   # English prose runs at 0.3-0.45 of these words
MAX_OTHER_SCRIPT = 0.2     # share of letters outside the Latin script
MIN_PDF_CHARS = 40         # less text than this in a whole PDF: a scan, not a text layer
ENGLISH_WORDS = frozenset((
    "the", "of", "and", "to", "in", "a", "is", "was", "were", "on", "for", "that", "with",
    "by", "from", "as", "at", "said", "has", "have", "had", "it", "its", "are", "been",
    "after", "an", "they", "their", "who", "which", "into", "over", "this", "be", "but",
))
_WORD = re.compile(r"[a-z']+")


@dataclass(frozen=True)
class ReportForm:
    """What the analyst gave: the fields, and the pasted text or the uploaded file."""

    title: str
    outlet: str
    url: str
    published: str
    text: str = ""
    filename: str = ""
    data: bytes = b""


def read_report(form: ReportForm, max_bytes: int) -> Article:
    """The article ``form`` describes (its id from date, outlet and title; its path
    empty until :func:`save_report` keeps it), or a one-line :class:`InputError`."""
    title, outlet, url = form.title.strip(), form.outlet.strip(), form.url.strip()
    for value, what in ((title, "title"), (outlet, "outlet"), (url, "URL"),
                        (form.published.strip(), "published date")):
        if not value:
            raise InputError(f"the report needs its {what}")
    _check_url(url)
    try:
        published = parse_iso_date(form.published.strip(), "published date")
    except DateError as exc:
        raise InputError(str(exc)) from None
    pasted = form.text.strip()
    if pasted and form.data:
        raise InputError("paste the text or upload a file, not both")
    if not pasted and not form.data:
        raise InputError("paste the report's text or upload its file")
    raw = form.data if form.data else form.text.encode("utf-8")
    if len(raw) > max_bytes:
        raise InputError(f"the report is {len(raw)} bytes, over FRONTLINE_MAX_UPLOAD_BYTES="
                         f"{max_bytes}")
    text, warnings = _text_of(form) if form.data else (form.text, [])
    if not text.strip():
        raise InputError("the report has no text")
    problem = language_problem(text)
    if problem:
        raise InputError(problem)
    marked, ignore_warnings = ignored_spans(text)
    return Article(
        id=article_id(f"{published.isoformat()} {outlet} {title}.md"), path="", title=title,
        source=outlet, published=published, text=text, url=url, language="en",
        sha256=hashlib.sha256(raw).hexdigest(),
        ignored=merge_spans([*marked, *chrome_spans(text)]),
        warnings=(*warnings, *ignore_warnings))


def _check_url(url: str) -> None:
    if not safe_link(url):
        raise InputError(f"the URL {url!r} is not an http(s) address")


def check_upload_name(filename: str) -> str:
    """The suffix of an uploaded file's name, or a one-line refusal naming the types
    the reader reads."""
    name = Path(filename or "report")
    suffix = name.suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise InputError(f"{name.name}: cannot read {suffix or 'a file without a suffix'}; "
                         f"upload {', '.join(UPLOAD_SUFFIXES)}")
    return suffix


def _text_of(form: ReportForm) -> tuple[str, list[str]]:
    name = Path(form.filename or "report")
    suffix = check_upload_name(form.filename)
    if suffix == PDF_SUFFIX:
        return pdf_text(form.data, name.name), []
    if b"\x00" in form.data:
        raise InputError(f"{name.name}: binary file (NUL bytes), not a text report")
    try:
        text, warnings = decode(form.data, name)
    except ArticleError as exc:
        raise InputError(str(exc)) from None
    if suffix in HTML_SUFFIXES:
        text, _meta, html_warnings = html_to_text(text)
        return text, [*warnings, *html_warnings]
    try:
        body, _meta = split_front_matter(text, name)  # the form's fields win
    except ArticleError:
        body = text  # not front matter after all: keep the text as given
    return body, warnings


def pdf_text(data: bytes, name: str = "report.pdf") -> str:
    """The text layer of a PDF, page by page; refused when there is none (a scan)."""
    from pypdf import PdfReader  # only a PDF upload needs it
    from pypdf.errors import PdfReadError
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(f"{name}: the PDF is encrypted; upload an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"{name}: not a readable PDF ({exc})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if len(text.strip()) < MIN_PDF_CHARS:
        raise InputError(f"{name}: the PDF has no text layer (a scanned image?); the reader "
                         f"does not do OCR: paste the text or upload a text PDF")
    return text


def language_problem(text: str) -> str | None:
    """Why the reader cannot read ``text`` (see the module docstring), or None."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "the report has no words to read"
    scripts: dict[str, int] = {}
    for ch in letters:
        script = unicodedata.name(ch, "UNKNOWN").split()[0]
        scripts[script] = scripts.get(script, 0) + 1
    other = {s: n for s, n in scripts.items() if s != "LATIN"}
    if sum(other.values()) > MAX_OTHER_SCRIPT * len(letters):
        main = max(other, key=lambda s: other[s]).title()
        return (f"the report is written in {main} script; the reader handles English only "
                f"(add an English translation, citing the original)")
    words = _WORD.findall(text.lower())
    if len(words) >= MIN_WORDS_TO_JUDGE:
        share = sum(w in ENGLISH_WORDS for w in words) / len(words)
        if share < MIN_ENGLISH_SHARE:
            return ("the report does not read as English (almost none of words such as "
                    "'the', 'and', 'of'); the reader handles English only")
    return None


def report_path(data_dir: Path, article_id_: str) -> Path:
    return data_dir / REPORTS_DIR / f"{article_id_}.md"


def save_report(article: Article, data_dir: Path, added_by: str,
                at: dt.datetime) -> Article:
    """Keep the report's text under ``DATA_DIR/reports`` and return the article with
    that path (front matter: the form's fields, who added it and when)."""
    path = report_path(data_dir, article.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"title": article.title, "source": article.source, "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "added_by": added_by, "added_at": at.isoformat()}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    # The body is kept as received: every claim's span points into it, after the
    # front matter is split off again on reading.
    write_atomic(path, f"---\n{front}---\n{article.text}")
    return replace(article, path=str(path))


def unique_id(article: Article, taken: set[str]) -> Article:
    """``article`` with an id none of ``taken`` has (``-2``, ``-3`` ... appended)."""
    if article.id not in taken:
        return article
    n = 2
    while f"{article.id}-{n}" in taken:
        n += 1
    return replace(article, id=f"{article.id}-{n}")
