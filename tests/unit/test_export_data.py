"""Data exports of the state at a date, opened the way GIS tools open them (SYNTHETIC data)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyogrio
import pytest
import shapely
from shapely.geometry import shape

from exports.context import ExportContext
from exports.kml import KML_NS, kml_color
from exports.registry import export_bytes
from exports.tables import DISTRICT_COLUMNS
from frontline.errors import DateError, ExportError
from tests.unit.export_support import CHANGE_DAY, SYNTH_DATE, SYNTH_SOURCE, synthetic_context


@pytest.fixture(scope="module")
def ctx() -> ExportContext:
    return synthetic_context()


def test_geojson_has_one_valid_feature_per_district(ctx: ExportContext) -> None:
    doc = json.loads(export_bytes(ctx, "geojson", SYNTH_DATE))
    districts = [f for f in doc["features"] if f["properties"]["layer"] == "district"]
    assert sorted(f["properties"]["id"] for f in districts) == sorted(ctx.page.district_ids)
    assert all(shape(f["geometry"]).is_valid and not shape(f["geometry"]).is_empty
               for f in districts)
    rings = [shape(f["geometry"]) for f in districts]
    polygons = [p for g in rings for p in getattr(g, "geoms", [g])]
    assert all(p.exterior.is_ccw for p in polygons)  # RFC 7946 winding
    sides = {f["properties"]["side"] for f in districts}
    assert {"government", "isis", "contested"} <= sides
    assert all(f["properties"]["evidence"] == "SYNTHETIC evidence quote" for f in districts)
    fronts = [f for f in doc["features"] if f["properties"]["layer"] == "front"]
    assert len(fronts) == 1 and fronts[0]["properties"]["length_km"] > 1
    events = [f for f in doc["features"] if f["properties"]["layer"] == "event"]
    assert [e["properties"]["kind"] for e in events] == ["capture"]
    # what a reader is shown, and the exact text it was read from (equal for an article)
    assert events[0]["properties"]["quote"] == events[0]["properties"]["source_text"]
    assert doc["figures"][0]["value"] == 3320
    assert doc["figures"][0]["source_text"].startswith("SYNTHETIC: 3320")
    assert doc["frontline"]["as_of"] == "2017-05-11"
    assert any(SYNTH_SOURCE in s for s in doc["frontline"]["sources"])
    assert "Approximate" in doc["frontline"]["caveat"]


def test_events_and_figures_stop_at_the_date(ctx: ExportContext) -> None:
    doc = json.loads(export_bytes(ctx, "geojson", dt.date(2017, 5, 9)))
    assert not [f for f in doc["features"] if f["properties"]["layer"] == "event"]
    assert [f["id"] for f in doc["figures"]] == ["fig-1"]  # as of 2017-05-08
    doc = json.loads(export_bytes(ctx, "geojson", dt.date(2017, 5, 7)))
    assert doc["figures"] == []


def test_state_follows_the_timeline(ctx: ExportContext) -> None:
    before = ctx.theatre.battle_start + dt.timedelta(days=CHANGE_DAY - 1)
    after = before + dt.timedelta(days=1)
    rows_before = list(csv.DictReader(io.StringIO(export_bytes(ctx, "csv", before).decode())))
    rows_after = list(csv.DictReader(io.StringIO(export_bytes(ctx, "csv", after).decode())))
    gov = [sum(r["side"] == "government" for r in rows) for rows in (rows_before, rows_after)]
    assert gov[1] == gov[0] + 3
    changed = [r for r in rows_after if r["since"] == after.isoformat()]
    assert len(changed) == 3


def test_csv_has_its_documented_columns(ctx: ExportContext) -> None:
    text = export_bytes(ctx, "csv", SYNTH_DATE).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0].keys()) == DISTRICT_COLUMNS
    assert len(rows) == len(ctx.page.district_ids)
    assert {r["basis"] for r in rows} >= {"reported", "inferred"}
    assert all(r["as_of"] == "2017-05-11" for r in rows)


def test_kml_parses_and_is_styled_by_side(ctx: ExportContext) -> None:
    root = ET.fromstring(export_bytes(ctx, "kml", SYNTH_DATE))
    ns = {"k": KML_NS}
    styles = {s.get("id"): s.find("k:PolyStyle/k:color", ns)
              for s in root.iter(f"{{{KML_NS}}}Style")}
    assert styles["side-government"] is not None
    assert styles["side-government"].text == "b0b27200"  # #0072B2 as aabbggrr
    marks = root.findall(".//k:Folder/k:Placemark", ns)
    districts = [m for m in marks if (m.get("id") or "").startswith("district-")]
    assert len(districts) == len(ctx.page.district_ids)
    assert {m.find("k:styleUrl", ns).text for m in districts} >= {"#side-government", "#side-isis"}
    assert all(m.find(".//k:coordinates", ns).text for m in districts)


def test_kml_colour_order_is_alpha_blue_green_red() -> None:
    assert kml_color("#D55E00") == "ff005ed5"
    assert kml_color("#0072B2", 0x80) == "80b27200"


def test_geopackage_lists_its_layers(ctx: ExportContext, tmp_path: Path) -> None:
    path = tmp_path / "state.gpkg"
    path.write_bytes(export_bytes(ctx, "gpkg", SYNTH_DATE))
    layers = dict(pyogrio.list_layers(path))
    assert layers["districts"] == "MultiPolygon"
    assert layers["front_line"] == "MultiLineString"
    assert layers["events"] == "MultiPoint"
    assert "figures" in layers and "sources" in layers
    districts = pyogrio.read_dataframe(path, layer="districts")
    assert len(districts) == len(ctx.page.district_ids)
    assert shapely.is_valid(districts.geometry.values).all()
    assert set(DISTRICT_COLUMNS) <= set(districts.columns)


def test_bad_format_and_dates_are_refused(ctx: ExportContext) -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        export_bytes(ctx, "docx", SYNTH_DATE)
    with pytest.raises(DateError, match="outside the battle"):
        export_bytes(ctx, "csv", dt.date(2015, 1, 1))


def test_exports_without_timeline_or_articles_say_unknown(ctx: ExportContext,
                                                         tmp_path: Path) -> None:
    import dataclasses

    from viewmodel.page_data import build_page_data

    empty = dataclasses.replace(ctx, timeline=None, extractions=(),
                                page=build_page_data(ctx.theatre, ctx.districts, None, []))
    day = ctx.theatre.battle_start
    rows = list(csv.DictReader(io.StringIO(export_bytes(empty, "csv", day).decode())))
    assert {r["side"] for r in rows} == {"unknown"} and {r["basis"] for r in rows} == {"assumed"}
    path = tmp_path / "empty.gpkg"
    path.write_bytes(export_bytes(empty, "gpkg", day))
    assert len(pyogrio.read_dataframe(path, layer="events")) == 0
    doc = json.loads(export_bytes(empty, "geojson", day))
    assert doc["figures"] == [] and not [f for f in doc["features"]
                                         if f["properties"]["layer"] != "district"]
    ET.fromstring(export_bytes(empty, "kml", day))



def test_event_and_figure_tables_carry_each_claims_review(ctx: ExportContext) -> None:
    """Issue 15: the data exports say which claims an analyst reviewed, and how."""
    from dataclasses import replace

    from exports.tables import EVENT_COLUMNS, FIGURE_COLUMNS, event_table, figure_table

    # appended after the earlier columns, then the address (columns only ever appended)
    assert EVENT_COLUMNS[-2:] == ("reviewed", "url") and FIGURE_COLUMNS[-2:] == ("reviewed", "url")
    (x,) = ctx.extractions
    reviewed = replace(x, events=tuple(replace(e, reviewed="accepted by ana") for e in x.events),
                       figures=tuple(replace(f, reviewed="edited by ana: typo in the source")
                                     for f in x.figures))
    other = replace(ctx, extractions=(reviewed,))
    assert set(event_table(other, SYNTH_DATE)["reviewed"]) == {"accepted by ana"}
    assert set(figure_table(other, SYNTH_DATE)["reviewed"]) == {"edited by ana: typo in the source"}
    assert set(event_table(ctx, SYNTH_DATE)["reviewed"]) == {""}
