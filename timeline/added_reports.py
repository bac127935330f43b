"""Adding a report from the app, as one job: read, extract, preview; then save or not.

:func:`draft_report` is the background job's body: it reads the form
(:func:`timeline.intake.read_report`), gives the article an id no stored article has,
extracts it with the theatre's gazetteer and the places analysts have added (so a
name an analyst has already added is found directly), and previews what it would
change (:func:`timeline.preview.preview`). It tells ``progress`` how far it is, in
percent with the stage's words (:data:`STAGES`: reading the file, finding sentences,
matching places sentence by sentence, building the preview), so the page's progress
bar follows the real work.

Everything the app keeps between requests waits under ``DATA_DIR/drafts``, each file
named by a random token and written with :func:`frontline.atomic.write_atomic`:

- an uploaded file (:func:`keep_upload`), taken by its own route so the callback
  bodies stay small; kept until the draft made from it is saved or discarded, or the
  analyst removes or replaces it (a form refused for a missing field is sent again
  without uploading again);
- a submitted form (:func:`keep_form`, :func:`take_form`), handed from the request that
  checked who is signed in to the background job that reads it (another process);
- a previewed draft (:func:`keep_draft`): its text and extraction, who previewed it and
  when. A draft outlives the server: after a restart the tab lists the drafts still
  kept (:func:`kept_drafts`) and reopens one (:func:`redo_preview` rebuilds its preview
  against the map as it is then). The page holds only tokens, and the text a save
  stores is the text that was previewed, never one sent back by the browser.

Uploads and forms nobody came back for are removed after :data:`STALE_SECONDS`
(:func:`sweep`); drafts stay until an analyst saves or discards them.

:func:`keep_report` saves a draft the analyst accepted: the text under
``DATA_DIR/reports`` (who added it and when in its front matter), the extraction in
the store, under an id no stored report has even if one took the draft's id since
its preview (the text is then read again under the new id); the caller republishes
(the app's curation panel rebuilds the timeline and sends the open page the new map).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from frontline.atomic import remove_stale_temporaries, write_atomic
from frontline.errors import InputError
from frontline.settings import Settings
from geodata.gazetteer import Gazetteer
from geodata.theatre import load_theatre
from timeline.control.build import ControlRules
from timeline.extract.extractor import extract_article
from timeline.intake import ReportForm, read_report, save_report, unique_id
from timeline.new_places import with_new_places
from timeline.preview import PREVIEW_STEPS, Preview, preview
from timeline.records import Extraction
from timeline.store.files import FileStore

if TYPE_CHECKING:
    from timeline.store.sql.store import SqlStore

Progress = Callable[[int, str], None]  # (percent done, what is being done)
DRAFTS_DIR = "drafts"
STALE_SECONDS = 24 * 3600
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
_DRAFT_FILE = re.compile(r"^([0-9a-f]{32})\.json$")
FORM_SUFFIX = ".form.json"
UPLOAD_SUFFIX = ".upload.json"


@dataclass(frozen=True)
class Stage:
    """A stage of the job and the share of the progress bar it runs over."""

    what: str
    start: int
    end: int

    def at(self, done: int, of: int) -> int:
        """The bar's percent when ``done`` of ``of`` parts of this stage are done."""
        return self.start + (self.end - self.start) * done // max(of, 1)


# The shares follow where the time goes on the Mosul seeds (bench/report_preview.py,
# stages_s): a paragraph spent 0.5 s matching places and 1.5 s building the preview, a
# 40 KB report 0.9 s and 0.8 s; reading and finding sentences take a tenth of a second.
READING = Stage("reading the file", 0, 5)
SENTENCES = Stage("finding sentences", 5, 10)
PLACES = Stage("matching places", 10, 60)
PREVIEW = Stage("building the preview", 60, 100)
STAGES = (READING, SENTENCES, PLACES, PREVIEW)
DONE = "done"


def _quiet(_percent: int, _what: str) -> None:
    return None


def draft_report(store: FileStore | SqlStore, settings: Settings, form: ReportForm,
                 progress: Progress = _quiet) -> Preview:
    """The preview of the report ``form`` describes (a one-line ``InputError`` when it
    is refused); ``progress(percent, what)`` follows the stages of :data:`STAGES`."""
    progress(READING.start, READING.what)
    article = unique_id(read_report(form, settings.max_upload_bytes),
                        set(store.article_ids()))
    decisions = store.decisions()
    theatre = with_new_places(load_theatre(settings.theatre), decisions.places)
    progress(SENTENCES.start, SENTENCES.what)

    def sentence(done: int, of: int) -> None:
        progress(PLACES.at(done, of), f"{PLACES.what}: sentence {done} of {of}")

    extraction = extract_article(article, Gazetteer(theatre), on_sentence=sentence)
    return redo_preview(store, settings, extraction, progress)


def redo_preview(store: FileStore | SqlStore, settings: Settings, extraction: Extraction,
                 progress: Progress = _quiet) -> Preview:
    """The preview of ``extraction`` against the store as it is now (a kept draft
    reopened later sees the map of that moment)."""
    decisions = store.decisions()
    theatre = with_new_places(load_theatre(settings.theatre), decisions.places)

    def step(i: int, what: str) -> None:
        progress(PREVIEW.at(i, len(PREVIEW_STEPS)), f"{PREVIEW.what}: {what}")

    found = preview(theatre, store.districts(theatre), store.extractions(), extraction,
                    decisions, ControlRules.from_settings(settings), step)
    progress(PREVIEW.end, DONE)
    return found


def keep_report(store: FileStore | SqlStore, settings: Settings, extraction: Extraction,
                added_by: str, at: dt.datetime | None = None) -> Extraction:
    """Save an accepted draft (text, extraction); the stored extraction is returned
    (its article's path is the kept text)."""
    when = at or dt.datetime.now(dt.UTC)
    extraction = _own_id(store, settings, extraction)
    kept = save_report(extraction.article, settings.data_dir, added_by, when)
    stored = replace(extraction, article=kept)
    store.save_extraction(stored)
    return stored


def _own_id(store: FileStore | SqlStore, settings: Settings,
            extraction: Extraction) -> Extraction:
    """``extraction``, or, when a report saved since its preview took its article id
    (two drafts of one report, or a draft reopened later), the same text read again
    under an id of its own: saving must never overwrite another report."""
    taken = set(store.article_ids())
    if extraction.article.id not in taken:
        return extraction
    article = unique_id(extraction.article, taken)
    decisions = store.decisions()
    theatre = with_new_places(load_theatre(settings.theatre), decisions.places)
    return extract_article(article, Gazetteer(theatre))  # claim ids carry the article id


def _keep(data_dir: Path, suffix: str, payload: dict[str, object]) -> str:
    token = secrets.token_hex(16)
    folder = data_dir / DRAFTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / f"{token}{suffix}", json.dumps(payload, ensure_ascii=False))
    return token


def _path(data_dir: Path, token: str, suffix: str) -> Path:
    if not _TOKEN.match(token or ""):
        raise InputError("not a preview token")
    return data_dir / DRAFTS_DIR / f"{token}{suffix}"


def keep_upload(data_dir: Path, filename: str, data: bytes, by: str) -> str:
    """Keep an uploaded file until the report made from it is saved or discarded;
    the token names it. Uploads and forms left for :data:`STALE_SECONDS` go first."""
    sweep(data_dir)
    return _keep(data_dir, UPLOAD_SUFFIX, {
        "filename": Path(filename).name, "data": base64.b64encode(data).decode("ascii"),
        "by": by, "at": dt.datetime.now(dt.UTC).isoformat()})


def upload_of(data_dir: Path, token: str) -> tuple[str, bytes]:
    """(file name, bytes) of the upload ``token`` names (one line when it is gone)."""
    try:
        data = json.loads(_path(data_dir, token, UPLOAD_SUFFIX).read_text(encoding="utf-8"))
        return str(data["filename"]), base64.b64decode(data["data"])
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError("the uploaded file is no longer kept: upload it again") from None


def forget_upload(data_dir: Path, token: str) -> None:
    """Forget an upload the analyst removed or replaced (one already gone is no error)."""
    _path(data_dir, token, UPLOAD_SUFFIX).unlink(missing_ok=True)


def keep_form(data_dir: Path, form: ReportForm) -> str:
    """Keep a submitted form for the job that reads it; the token names it."""
    return _keep(data_dir, FORM_SUFFIX, {
        "title": form.title, "outlet": form.outlet, "url": form.url,
        "published": form.published, "text": form.text, "filename": form.filename,
        "data": base64.b64encode(form.data).decode("ascii")})


def take_form(data_dir: Path, token: str) -> ReportForm:
    """The form ``token`` names, forgotten as it is read (one line when there is none)."""
    path = _path(data_dir, token, FORM_SUFFIX)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        form = ReportForm(data["title"], data["outlet"], data["url"], data["published"],
                          data["text"], data["filename"], base64.b64decode(data["data"]))
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError("this report was already read: add it again") from None
    path.unlink(missing_ok=True)
    return form


@dataclass(frozen=True)
class KeptDraft:
    """A previewed draft waiting for a save or a discard."""

    token: str
    title: str
    outlet: str
    published: str
    by: str
    at: str

    def line(self) -> str:
        when = self.at[:16].replace("T", " ")
        return f"“{self.title}” ({self.outlet}, {self.published}), previewed by " \
               f"{self.by or 'an analyst'} at {when} UTC"


def keep_draft(data_dir: Path, extraction: Extraction, by: str = "",
               upload: str | None = None) -> str:
    """Keep a previewed extraction (with its text, who previewed it and when, and the
    upload it came from) until it is saved or discarded; the token names it."""
    return _keep(data_dir, ".json", {
        "text": extraction.article.text, "by": by, "upload": upload,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        **extraction.to_json()})


def _draft_data(data_dir: Path, token: str) -> dict[str, object]:
    try:
        data = json.loads(_path(data_dir, token, ".json").read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return data
    except (OSError, ValueError):
        raise InputError("this preview is no longer kept (saved or discarded already?): "
                         "add the report again") from None


def draft(data_dir: Path, token: str) -> Extraction:
    """The draft ``token`` names, its text restored (one line when there is none)."""
    data = _draft_data(data_dir, token)
    try:
        found = Extraction.from_json(data)
        text = str(data["text"])
    except (ValueError, KeyError, TypeError):
        raise InputError("this preview is no longer kept (saved or discarded already?): "
                         "add the report again") from None
    return replace(found, article=replace(found.article, text=text))


def kept_drafts(data_dir: Path) -> list[KeptDraft]:
    """The drafts kept now, oldest first (one that cannot be read is left out)."""
    folder = data_dir / DRAFTS_DIR
    found = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        match = _DRAFT_FILE.match(path.name)
        if not match:
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            article = data["article"]
            found.append(KeptDraft(match.group(1), str(article["title"]),
                                   str(article["source"]), str(article["published"]),
                                   str(data.get("by") or ""), str(data.get("at") or "")))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(found, key=lambda d: (d.at, d.token))


def discard_draft(data_dir: Path, token: str) -> None:
    """Forget a draft and the upload it came from (discarding one already gone is not
    an error)."""
    path = _path(data_dir, token, ".json")
    try:
        upload = json.loads(path.read_text(encoding="utf-8")).get("upload")
    except (OSError, ValueError, AttributeError):
        upload = None
    if isinstance(upload, str) and _TOKEN.match(upload):
        forget_upload(data_dir, upload)
    path.unlink(missing_ok=True)


def sweep(data_dir: Path, now: float | None = None) -> list[Path]:
    """Remove uploads and forms older than :data:`STALE_SECONDS` (nobody came back for
    them) and the temporaries of killed writers; drafts are kept. Returns what went."""
    folder = data_dir / DRAFTS_DIR
    if not folder.is_dir():
        return []
    limit = (time.time() if now is None else now) - STALE_SECONDS
    gone = remove_stale_temporaries(folder)
    for path in folder.iterdir():
        if path.name.endswith((FORM_SUFFIX, UPLOAD_SUFFIX)):
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
                    gone.append(path)
            except FileNotFoundError:
                continue
    return gone


def save_draft(store: FileStore | SqlStore, settings: Settings, token: str,
               added_by: str) -> Extraction:
    """Save the draft ``token`` names (:func:`keep_report`) and forget the draft."""
    stored = keep_report(store, settings, draft(settings.data_dir, token), added_by)
    discard_draft(settings.data_dir, token)
    return stored
