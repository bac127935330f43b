"""The analysts' decisions on the page and in the exports (issue 15), SYNTHETIC data: an
override and an annotation on the synthetic Mosul context, read back from the page data,
the CSV, the GeoJSON, the GeoPackage, the snapshot figure and the deck's speaker notes."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pyogrio
import pytest

from exports.context import ExportContext
from exports.curation import decision_lines
from exports.data import csv_bytes, geojson_bytes, gpkg_bytes
from exports.snapshot import snapshot_figure
from tests.unit.export_support import SYNTH_DATE, synthetic_context
from timeline.control.model import BASIS_CODES, Evidence
from timeline.decisions import Annotation, Decided, Decisions, Override
from viewmodel.page_data import build_page_data, frame
from viewmodel.page_notes import note_hover, notes_in_force

BY = Decided("rana", dt.datetime(2024, 5, 2, 9, 30))
NOTE_DAY = dt.date(2017, 5, 1)
OVERRIDE_FROM = dt.date(2017, 4, 1)


def curated_context() -> tuple[ExportContext, str]:
    """The synthetic context with one district overridden from 2017-04-01 (by rana) and a
    note at al-Maamel from 2017-05-01, known from its source's date 2017-05-03."""
    base = synthetic_context()
    tl = base.timeline
    assert tl is not None
    banks = list(base.districts["bank"])
    row = [i for i, b in enumerate(banks) if b == "west"][5]
    district = tl.district_ids[row]
    o = Override("o1", district, "government", OVERRIDE_FROM, BY, source="drone footage",
                 source_date=OVERRIDE_FROM, note="SYNTHETIC: flag seen on the school")
    note = Annotation("n1", "al-maamel", NOTE_DAY, "SYNTHETIC: checkpoint moved south", BY,
                      source="SYNTHETIC OCHA", source_date=dt.date(2017, 5, 3))
    day = tl.day_index(OVERRIDE_FROM)
    side, basis = tl.side.copy(), tl.basis.copy()
    side[row, day:] = 0
    basis[row, day:] = BASIS_CODES.index("analyst")
    cause = tl.base_cause.copy() if tl.base_cause is not None else None
    assert cause is not None
    cause[row, day:] = 1
    ev = Evidence("analyst:o1", o.note, o.source, OVERRIDE_FROM.isoformat(), basis="analyst",
                  published=OVERRIDE_FROM.isoformat(), author="rana", decided="2024-05-02")
    timeline = replace(tl, side=side, basis=basis, base_cause=cause,
                       causes=[*tl.causes, ("analyst:o1",)],
                       evidence={**tl.evidence, ev.id: ev},
                       decisions=Decisions(overrides=(o,), annotations=(note,)))
    page = build_page_data(base.theatre, base.districts, timeline, list(base.extractions),
                           fade_days=7)
    return ExportContext(base.theatre, base.districts, timeline, base.extractions, page), district


@pytest.fixture(scope="module")
def curated() -> tuple[ExportContext, str]:
    return curated_context()


def test_the_page_carries_the_notes_and_draws_them_from_their_day(
        curated: tuple[ExportContext, str]) -> None:
    ctx, _ = curated
    page = ctx.page
    (note,) = page.notes
    assert (note.author, note.place, note.text) == ("rana", "al-Maamel",
                                                    "SYNTHETIC: checkpoint moved south")
    assert note.lon is not None and note.lat is not None
    day = page.day_of(NOTE_DAY)
    assert frame(page, day - 1)["notes"] == [] and frame(page, day)["notes"] == [0]
    assert notes_in_force(page.notes, day + 1, known=True) == []  # its source: two days on
    assert notes_in_force(page.notes, day + 2, known=True) == [0]
    data = json.loads(json.dumps(page.to_json()))
    cols, strings = data["notes"], data["strings"]
    assert strings[cols["author"][0]] == "rana" and cols["day"] == [day]
    assert "rana, citing SYNTHETIC OCHA" in note_hover(note)


def test_the_legend_codes_give_the_analyst_basis_its_own_colour(
        curated: tuple[ExportContext, str]) -> None:
    from viewmodel.figures import code_colors

    ctx, district = curated
    colors = code_colors(ctx.theatre)
    n = len(BASIS_CODES)
    assert len(colors) == n * len(ctx.theatre.side_codes.names)
    assert len(set(colors[:n])) == n  # reported, inferred, assumed, analyst all differ
    row = ctx.page.district_ids.index(district)
    z = frame(ctx.page, ctx.page.day_of(SYNTH_DATE))["z"][row]
    assert z == 0 * n + BASIS_CODES.index("analyst")


def test_csv_has_the_analyst_basis_author_grade_and_credibility_columns(
        curated: tuple[ExportContext, str]) -> None:
    ctx, district = curated
    table = pd.read_csv(io.BytesIO(csv_bytes(ctx, SYNTH_DATE)), keep_default_na=False)
    assert list(table.columns)[-3:] == ["grade", "credibility", "analyst"]
    row = table[table["id"] == district].iloc[0]
    assert row["basis"] == "analyst"
    assert "rana, decided 2024-05-02" in row["analyst"] and "flag seen" in row["analyst"]


def test_geojson_has_the_annotation_layer_and_graded_events(
        curated: tuple[ExportContext, str]) -> None:
    ctx, district = curated
    doc = json.loads(geojson_bytes(ctx, SYNTH_DATE))
    (note,) = [f for f in doc["features"] if f["properties"]["layer"] == "annotation"]
    assert note["properties"]["author"] == "rana" and note["geometry"]["type"] == "Point"
    events = [f for f in doc["features"] if f["properties"]["layer"] == "event"]
    assert events and all("grade" in f["properties"] and "credibility" in f["properties"]
                          for f in events)
    (d,) = [f for f in doc["features"]
            if f["properties"]["layer"] == "district" and f["properties"]["id"] == district]
    assert d["properties"]["basis"] == "analyst"
    before = json.loads(geojson_bytes(ctx, NOTE_DAY - dt.timedelta(days=1)))
    assert not [f for f in before["features"] if f["properties"]["layer"] == "annotation"]


def test_gpkg_has_an_annotations_layer_with_authors(
        curated: tuple[ExportContext, str], tmp_path: object) -> None:
    from pathlib import Path

    ctx, _ = curated
    assert isinstance(tmp_path, Path)
    path = tmp_path / "out.gpkg"
    path.write_bytes(gpkg_bytes(ctx, SYNTH_DATE))
    notes = pyogrio.read_dataframe(path, layer="annotations")
    assert list(notes["author"]) == ["rana"] and list(notes["id"]) == ["n1"]
    districts = pyogrio.read_dataframe(path, layer="districts")
    assert "analyst" in set(districts["basis"]) and "credibility" in districts.columns


def test_snapshot_marks_the_note_and_lists_overrides_and_notes_with_authors(
        curated: tuple[ExportContext, str]) -> None:
    ctx, _ = curated
    lines = decision_lines(ctx, SYNTH_DATE)
    assert any(line.startswith("Analyst override:") and "by rana" in line for line in lines)
    assert any(line.startswith("Note 1, al-Maamel") and "by rana" in line for line in lines)
    fig = snapshot_figure(ctx, SYNTH_DATE)
    notes = [t for t in fig.data if t.name == "Analysts' notes"]
    assert len(notes) == 1 and list(notes[0].text) == ["note 1"]
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "analyst note" in texts and "analyst" in texts and "Analysts" in texts
    assert decision_lines(ctx, dt.date(2017, 3, 1)) == []
    # as known on the note's day its source was not out yet
    assert not any(line.startswith("Note") for line in decision_lines(ctx, NOTE_DAY, True))


@pytest.mark.slow
def test_the_deck_speaker_notes_name_the_overrides_and_notes(
        curated: tuple[ExportContext, str]) -> None:
    from pptx import Presentation

    from exports.deck import deck_pptx

    ctx, _ = curated
    deck = Presentation(io.BytesIO(deck_pptx(ctx, SYNTH_DATE, [SYNTH_DATE])))
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    assert any("Analyst override" in n and "by rana" in n and "Note 1" in n for n in notes)


def test_no_decisions_adds_no_notes_and_keeps_the_columns_empty() -> None:
    ctx = synthetic_context()
    assert ctx.page.notes == () and decision_lines(ctx, SYNTH_DATE) == []
    table = pd.read_csv(io.BytesIO(csv_bytes(ctx, SYNTH_DATE)), keep_default_na=False)
    assert set(table["analyst"]) == {""}
    assert np.all(table["basis"] != "analyst")
