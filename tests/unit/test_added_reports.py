"""Adding a report from the app as one job (draft, preview, save or discard), and the
audit view of the tool at a moment (SYNTHETIC texts, a temporary Mosul store)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from frontline.errors import InputError
from frontline.settings import Settings
from geodata.theatre import load_theatre
from timeline.added_reports import (
    DONE,
    STAGES,
    STALE_SECONDS,
    discard_draft,
    draft,
    draft_report,
    keep_draft,
    keep_form,
    keep_upload,
    kept_drafts,
    redo_preview,
    save_draft,
    sweep,
    take_form,
    upload_of,
)
from timeline.audit import added_at, audit_at
from timeline.decisions import Decided, NameDecision
from timeline.intake import ReportForm
from timeline.store.files import FileStore

TEXT = ("(Synthetic report) Iraqi forces took over the al-Maamel district on Wednesday "
        "after two days of fighting, the Joint Operations Command said in a statement. "
        "Troops were clearing the streets and searching houses for explosives, and "
        "residents began to return to their homes by the evening.")
FORM = ReportForm("Forces take al-Maamel", "Synthetic Wire", "https://example.org/a",
                  "2017-05-10", TEXT)


@pytest.fixture
def setup(tmp_path: Path) -> tuple[FileStore, Settings]:
    settings = replace(Settings.defaults(), data_dir=tmp_path)
    return FileStore.from_settings(settings), settings


def test_a_draft_reports_real_progress_through_each_stage_and_stores_nothing(
        setup: tuple[FileStore, Settings]) -> None:
    store, settings = setup
    seen: list[tuple[int, str]] = []
    got = draft_report(store, settings, FORM, lambda *a: seen.append(a))
    percents = [p for p, _ in seen]
    assert percents == sorted(percents) and percents[0] == 0 and percents[-1] == 100
    stages = [what.split(":")[0] for _, what in seen]
    # every stage, in order, each before the next starts; then done
    assert list(dict.fromkeys(stages)) == [s.what for s in STAGES] + [DONE]
    # one line per sentence read, counted: the bar moves with the text, not a timer
    per_sentence = [w for _, w in seen if w.startswith("matching places: sentence")]
    assert per_sentence[0] == "matching places: sentence 0 of 2"
    assert per_sentence[-1] == "matching places: sentence 2 of 2"
    assert got.marks and any(c.district == "al-maamel" for c in got.changes)
    assert store.article_ids() == []


def test_a_kept_draft_is_listed_survives_a_new_store_and_is_previewed_again(
        setup: tuple[FileStore, Settings]) -> None:
    store, settings = setup
    got = draft_report(store, settings, FORM)
    upload = keep_upload(settings.data_dir, "r.txt", TEXT.encode(), "rana")
    token = keep_draft(settings.data_dir, got.extraction, by="rana", upload=upload)
    # a restarted server: a new store on the same folder still lists and reads it
    again = FileStore.from_settings(settings)
    [kept] = kept_drafts(settings.data_dir)
    assert (kept.token, kept.title, kept.by) == (token, "Forces take al-Maamel", "rana")
    assert "previewed by rana" in kept.line()
    seen: list[str] = []
    redone = redo_preview(again, settings, draft(settings.data_dir, token),
                          lambda _p, what: seen.append(what))
    assert redone.changes == got.changes and seen[-1] == DONE
    # discarding it takes the upload it came from along
    discard_draft(settings.data_dir, token)
    assert kept_drafts(settings.data_dir) == []
    with pytest.raises(InputError, match="no longer kept"):
        upload_of(settings.data_dir, upload)
    assert sorted(p.name for p in (settings.data_dir / "drafts").iterdir()) == []


def test_forms_and_uploads_nobody_came_back_for_are_swept_drafts_stay(
        setup: tuple[FileStore, Settings]) -> None:
    store, settings = setup
    upload = keep_upload(settings.data_dir, "r.txt", b"text", "rana")
    form = keep_form(settings.data_dir, FORM)
    token = keep_draft(settings.data_dir, draft_report(store, settings, FORM).extraction)
    import time
    assert sweep(settings.data_dir, now=time.time() + 60) == []
    gone = sweep(settings.data_dir, now=time.time() + STALE_SECONDS + 60)
    assert sorted(p.name for p in gone) == sorted([f"{upload}.upload.json",
                                                   f"{form}.form.json"])
    assert [d.token for d in kept_drafts(settings.data_dir)] == [token]


def test_a_draft_is_kept_by_token_saved_once_and_then_gone(
        setup: tuple[FileStore, Settings]) -> None:
    store, settings = setup
    got = draft_report(store, settings, FORM)
    token = keep_draft(settings.data_dir, got.extraction)
    assert draft(settings.data_dir, token).article.text == TEXT
    stored = save_draft(store, settings, token, "rana")
    assert store.article_ids() == [stored.article.id]
    assert Path(stored.article.path).parent == settings.data_dir / "reports"
    with pytest.raises(InputError, match="no longer kept"):
        draft(settings.data_dir, token)
    # the same report again gets an id of its own, never overwriting the saved one
    assert draft_report(store, settings, FORM).extraction.article.id == stored.article.id + "-2"


def test_two_drafts_of_one_report_are_saved_as_two_never_one_over_the_other(
        setup: tuple[FileStore, Settings]) -> None:
    store, settings = setup
    first = keep_draft(settings.data_dir, draft_report(store, settings, FORM).extraction)
    second = keep_draft(settings.data_dir, draft_report(store, settings, FORM).extraction)
    assert draft(settings.data_dir, first).article.id == draft(settings.data_dir,
                                                               second).article.id
    one = save_draft(store, settings, first, "rana")
    two = save_draft(store, settings, second, "rana")
    assert two.article.id == one.article.id + "-2"
    assert sorted(store.article_ids()) == sorted([one.article.id, two.article.id])
    assert Path(one.article.path).exists() and Path(two.article.path) != Path(one.article.path)
    assert all(c.id.startswith(two.article.id + ":") for c in [*two.events, *two.figures])
    assert two.events and len(two.events) == len(one.events)


def test_a_discarded_draft_is_gone_and_a_forged_token_refused(
        setup: tuple[FileStore, Settings]) -> None:
    store, settings = setup
    token = keep_draft(settings.data_dir, draft_report(store, settings, FORM).extraction)
    discard_draft(settings.data_dir, token)
    with pytest.raises(InputError, match="no longer kept"):
        draft(settings.data_dir, token)
    with pytest.raises(InputError, match="not a preview token"):
        draft(settings.data_dir, "../../etc/passwd")


def test_the_audit_view_leaves_out_what_came_after_the_moment(
        setup: tuple[FileStore, Settings]) -> None:
    store, settings = setup
    token = keep_draft(settings.data_dir, draft_report(store, settings, FORM).extraction)
    before = dt.datetime.now(dt.UTC)
    stored = save_draft(store, settings, token, "rana")
    added = added_at(stored)
    assert added is not None and added >= before
    log = store.decision_store()
    log.add_analyst("rana", "correct horse battery")
    now = dt.datetime.now(dt.UTC)
    log.record(NameDecision("", "Gone Street", "not_place", Decided("rana", now, "a road")))
    theatre = load_theatre(settings.theatre)

    early = audit_at(store, theatre, settings, before - dt.timedelta(seconds=1))
    assert early.left_out == ("Forces take al-Maamel",) and early.timeline is None
    assert early.decisions.names == ()

    late = audit_at(store, theatre, settings, now + dt.timedelta(seconds=1))
    assert late.left_out == () and late.timeline is not None
    assert [d.name for d in late.decisions.names] == ["Gone Street"]
    assert any("Gone Street" in line for line in late.orphans)
    row = late.timeline.district_ids.index("al-maamel")
    day = late.timeline.day_index(dt.date(2017, 5, 20))
    assert late.timeline.side_codes[int(late.timeline.side[row, day])] == "government"


def test_a_form_is_handed_to_the_job_once(tmp_path: Path) -> None:
    form = replace(FORM, text="", filename="r.pdf", data=b"%PDF-1.4 \x00\xff")
    token = keep_form(tmp_path, form)
    assert take_form(tmp_path, token) == form
    with pytest.raises(InputError, match="already read"):
        take_form(tmp_path, token)


def test_a_place_an_analyst_added_is_found_by_later_reports(
        setup: tuple[FileStore, Settings]) -> None:
    from timeline.decisions import NewPlace
    store, settings = setup
    text = TEXT.replace("the al-Maamel district", "the Hay Zorbawi quarter")
    form = replace(FORM, text=text)
    assert "Hay Zorbawi" in draft_report(store, settings, form).unresolved
    log = store.decision_store()
    log.add_analyst("rana", "correct horse battery")
    by = Decided("rana", dt.datetime.now(dt.UTC), "a quarter of al-Zanjili")
    log.record(NewPlace("added-hay-zorbawi", "Hay Zorbawi", 36.3535, 43.11, "west",
                        "al-zanjili", by))
    later = draft_report(store, settings, form)
    places = {r.id for e in later.extraction.events for r in e.places}
    assert "added-hay-zorbawi" in places and later.unresolved == ()
    assert any(c.district == "al-zanjili" for c in later.changes)
