"""Adding a report from the app, as one job: read, extract, preview; then save or not.

:func:`draft_report` is the background job's body: it reads the form
(:func:`timeline.intake.read_report`), gives the article an id no stored article has,
extracts it with the theatre's gazetteer and the places analysts have added (so a
name an analyst has already added is found directly), and previews what it would
change (:func:`timeline.preview.preview`). It reports its steps to ``progress`` so the
page can show a progress bar. Nothing is stored in the corpus: the draft (text and
extraction) waits under ``DATA_DIR/drafts`` by a random token (:func:`keep_draft`), so
the page holds only that token and the text a save stores is the text that was
previewed, never one sent back by the browser.

:func:`keep_report` saves a draft the analyst accepted: the text under
``DATA_DIR/reports`` (who added it and when in its front matter), the extraction in
the store; the caller republishes (the app's curation panel rebuilds the timeline
and sends the open page the new map).

:func:`keep_form` and :func:`take_form` hand a form from the request that checked who
is signed in to the background job that reads it (the job runs in another process).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from frontline.atomic import write_atomic
from frontline.errors import InputError
from frontline.settings import Settings
from geodata.gazetteer import Gazetteer
from geodata.theatre import load_theatre
from timeline.control.build import ControlRules
from timeline.extract.extractor import extract_article
from timeline.intake import ReportForm, read_report, save_report, unique_id
from timeline.new_places import with_new_places
from timeline.preview import Preview, preview
from timeline.records import Extraction
from timeline.store.files import FileStore

if TYPE_CHECKING:
    from timeline.store.sql.store import SqlStore

Progress = Callable[[int, int, str], None]
DRAFTS_DIR = "drafts"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
STEPS = ("reading the report", "extracting claims", "comparing the map", "done")


def _quiet(_step: int, _of: int, _what: str) -> None:
    return None


def draft_report(store: FileStore | SqlStore, settings: Settings, form: ReportForm,
                 progress: Progress = _quiet) -> Preview:
    """The preview of the report ``form`` describes (a one-line ``InputError`` when it
    is refused); ``progress(step, steps, what)`` is called before each step."""
    total = len(STEPS) - 1
    progress(0, total, STEPS[0])
    article = unique_id(read_report(form, settings.max_upload_bytes),
                        set(store.article_ids()))
    decisions = store.decisions()
    theatre = with_new_places(load_theatre(settings.theatre), decisions.places)
    progress(1, total, STEPS[1])
    extraction = extract_article(article, Gazetteer(theatre))
    progress(2, total, STEPS[2])
    found = preview(theatre, store.districts(theatre), store.extractions(), extraction,
                    decisions, ControlRules.from_settings(settings))
    progress(3, total, STEPS[3])
    return found


def keep_report(store: FileStore | SqlStore, settings: Settings, extraction: Extraction,
                added_by: str, at: dt.datetime | None = None) -> Extraction:
    """Save an accepted draft (text, extraction); the stored extraction is returned
    (its article's path is the kept text)."""
    when = at or dt.datetime.now(dt.UTC)
    kept = save_report(extraction.article, settings.data_dir, added_by, when)
    stored = replace(extraction, article=kept)
    store.save_extraction(stored)
    return stored


def keep_form(data_dir: Path, form: ReportForm) -> str:
    """Keep a submitted form for the job that reads it; the token names it."""
    token = secrets.token_hex(16)
    payload = {"title": form.title, "outlet": form.outlet, "url": form.url,
               "published": form.published, "text": form.text, "filename": form.filename,
               "data": base64.b64encode(form.data).decode("ascii")}
    path = data_dir / DRAFTS_DIR / f"{token}.form.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(payload, ensure_ascii=False))
    return token


def take_form(data_dir: Path, token: str) -> ReportForm:
    """The form ``token`` names, forgotten as it is read (one line when there is none)."""
    path = _draft_path(data_dir, token).with_suffix(".form.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        form = ReportForm(data["title"], data["outlet"], data["url"], data["published"],
                          data["text"], data["filename"], base64.b64decode(data["data"]))
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError("this report was already read: add it again") from None
    path.unlink(missing_ok=True)
    return form


def keep_draft(data_dir: Path, extraction: Extraction) -> str:
    """Keep a previewed extraction (with its text) until it is saved or discarded; the
    token names it."""
    token = secrets.token_hex(16)
    payload = {"text": extraction.article.text, **extraction.to_json()}
    path = data_dir / DRAFTS_DIR / f"{token}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(payload, ensure_ascii=False))
    return token


def draft(data_dir: Path, token: str) -> Extraction:
    """The draft ``token`` names, its text restored (one line when there is none)."""
    path = _draft_path(data_dir, token)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        found = Extraction.from_json(data)
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError("this preview is no longer kept (saved or discarded already?): "
                         "add the report again") from None
    return replace(found, article=replace(found.article, text=data["text"]))


def discard_draft(data_dir: Path, token: str) -> None:
    """Forget a draft (discarding one already gone is not an error)."""
    _draft_path(data_dir, token).unlink(missing_ok=True)


def _draft_path(data_dir: Path, token: str) -> Path:
    if not _TOKEN.match(token or ""):
        raise InputError("not a preview token")
    return data_dir / DRAFTS_DIR / f"{token}.json"


def save_draft(store: FileStore | SqlStore, settings: Settings, token: str,
               added_by: str) -> Extraction:
    """Save the draft ``token`` names (:func:`keep_report`) and forget the draft."""
    stored = keep_report(store, settings, draft(settings.data_dir, token), added_by)
    discard_draft(settings.data_dir, token)
    return stored
