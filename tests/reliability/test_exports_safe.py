"""Nothing runs that shouldn't: exports opened the way their readers open them carry
hostile text as text (issue 19). SYNTHETIC data only.

- CSV: a cell a spreadsheet would run (``=``, ``+``, ``-``, ``@``, tab, CR first) is
  neutralised with a leading quote, as OWASP advises; numbers stay numbers.
- KML: Google Earth renders descriptions as HTML, so article markup and ``javascript:``
  links show as literal text; only http(s) addresses are ever listed.
- Links: one owner (:mod:`frontline.links`) keeps http(s) only, wherever an address is
  recorded: front matter, chronology rows, stored extractions, report intake.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from exports.context import ExportContext
from exports.kml import KML_NS
from exports.registry import export_bytes
from exports.spreadsheet import neutralise
from frontline.links import safe_link
from tests.unit.export_support import SYNTH_DATE, synthetic_context
from timeline.control.model import Evidence
from timeline.extract.articles import load_article
from timeline.extract.chronology import load_chronology
from timeline.records import Article
from viewmodel.page_data import build_page_data

FORMULAS = ["=HYPERLINK(\"http://evil.example/\",\"x\")", "+1+cmd|' /C calc'!A0",
            "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1"]
HOSTILE_HTML = ("<a href=\"javascript:alert(1)\">click</a><script>alert(2)</script>"
                "<img src=x onerror=alert(3)>")
BAD_LINKS = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
             "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
             "file:///etc/passwd", "vbscript:msgbox(1)", "http://", "//evil.example/x"]


@pytest.fixture(scope="module")
def hostile() -> ExportContext:
    ctx = synthetic_context()
    assert ctx.timeline is not None
    evidence = {f"e{i}": Evidence(f"e{i}", text, text, "2016-10-17")
                for i, text in enumerate([*FORMULAS, HOSTILE_HTML])}
    base_cause = np.zeros_like(ctx.timeline.side, dtype=np.int32)
    causes = [tuple(evidence)]
    timeline = dataclasses.replace(ctx.timeline, evidence=evidence, causes=causes,
                                   base_cause=base_cause)
    (x,) = ctx.extractions
    article = dataclasses.replace(x.article, source="=cmd|' /C calc'!A0",
                                  url="javascript:alert(1)")
    events = tuple(dataclasses.replace(
        e, provenance=dataclasses.replace(e.provenance, quote=HOSTILE_HTML,
                                          span=(0, len(HOSTILE_HTML))))
        for e in x.events)
    extractions = (dataclasses.replace(x, article=article, events=events),)
    page = build_page_data(ctx.theatre, ctx.districts, timeline, list(extractions), fade_days=7)
    return ExportContext(ctx.theatre, ctx.districts, timeline, extractions, page)


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(hostile: ExportContext) -> None:
    rows = list(csv.DictReader(io.StringIO(export_bytes(hostile, "csv", SYNTH_DATE).decode())))
    assert rows
    cells = [v for row in rows for v in row.values()]
    risky = [v for v in cells if v.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert risky == [v for v in risky if _number(v)]  # only plain numbers may start so
    evidence = " ".join(row["evidence"] for row in rows)
    assert "HYPERLINK" in evidence  # kept, as text
    assert any(v.startswith(("'=", "'+")) for v in cells)


@pytest.mark.parametrize("formula", FORMULAS)
def test_each_formula_start_is_neutralised(formula: str) -> None:
    assert neutralise(formula) == "'" + formula


@pytest.mark.parametrize("number", ["-43.1", "+5", "-1e3", "12", "2017-05-10"])
def test_numbers_and_dates_stay_as_they_are(number: str) -> None:
    assert neutralise(number) == number
    assert neutralise(-43.1) == -43.1


def test_numeric_csv_columns_stay_numbers(hostile: ExportContext) -> None:
    """Districts moved west of Greenwich (SYNTHETIC: the theatre shifted by -90 degrees):
    their negative longitudes, which start with ``-``, stay plain numbers."""
    import pandas as pd

    west = hostile.districts.copy()
    west["geometry"] = west.geometry.translate(xoff=-90.0)
    moved = ExportContext(hostile.theatre, west, hostile.timeline, hostile.extractions,
                          hostile.page)
    data = export_bytes(moved, "csv", SYNTH_DATE)
    table = pd.read_csv(io.BytesIO(data))
    numeric = set(table.select_dtypes("number").columns)
    assert {"centroid_lon", "centroid_lat"} <= numeric
    assert (table["centroid_lon"] < 0).all()
    raw = list(csv.DictReader(io.StringIO(data.decode())))
    assert all(not row["centroid_lon"].startswith("'") for row in raw)


def test_kml_descriptions_render_hostile_html_as_text(hostile: ExportContext) -> None:
    root = ET.fromstring(export_bytes(hostile, "kml", SYNTH_DATE))
    ns = {"k": KML_NS}
    texts = [d.text or "" for d in root.iterfind(".//k:description", ns)]
    texts += [v.text or "" for v in root.iterfind(".//k:ExtendedData//k:value", ns)]
    assert any("alert(2)" in t for t in texts)  # the quote is there ...
    for text in texts:  # ... but as Google Earth's HTML renderer sees it: no tag, no link
        found = _Tags()
        found.feed(text)
        assert found.tags == [], (found.tags, text[:120])
        assert "javascript:alert" not in _links(text)


def test_kml_lists_no_javascript_source_address(hostile: ExportContext) -> None:
    data = export_bytes(hostile, "kml", SYNTH_DATE).decode("utf-8")
    assert "javascript:alert(1)\"" not in data
    doc = ET.fromstring(data).find(f"{{{KML_NS}}}Document")
    assert doc is not None
    description = doc.findtext(f"{{{KML_NS}}}description") or ""
    assert "javascript:" not in description


@pytest.mark.parametrize("url", BAD_LINKS)
def test_only_http_links_are_kept(url: str) -> None:
    assert safe_link(url) == ""


@pytest.mark.parametrize("url", ["http://example.org/a?b=1", "HTTPS://example.org/x"])
def test_http_links_are_kept(url: str) -> None:
    assert safe_link(url) == url


@pytest.mark.parametrize("url", BAD_LINKS[:3])
def test_front_matter_url_is_kept_only_when_http(tmp_path: Path, url: str) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"---\npublished: 2017-05-10\nurl: \"{url}\"\n---\nForces advanced.\n",
                    encoding="utf-8")
    article = load_article(path)
    assert article.url == ""
    assert any("not an http(s) address" in w for w in article.warnings)
    good = tmp_path / "b.md"
    good.write_text("---\npublished: 2017-05-10\nurl: https://example.org/r\n---\nText.\n",
                    encoding="utf-8")
    assert load_article(good).url == "https://example.org/r"


def test_chronology_url_column_is_kept_only_when_http(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "date,precision,kind,places,actor,side,status,value,source,note,since,subject,"
        "claimant,url\n"
        "2017-05-10,day,capture,al-maamel,CTS,government,reported,,W,n,,,,javascript:alert(1)\n"
        "2017-05-11,day,capture,gogjali,CTS,government,reported,,W,n,,,,https://example.org/\n",
        encoding="utf-8")
    extraction = load_chronology(path)
    assert [e.provenance.url for e in extraction.events] == ["https://example.org/"]
    assert any("line 2:" in w and "http(s)" in w for w in extraction.warnings)


def test_a_stored_javascript_url_is_dropped_on_reading() -> None:
    data = Article(id="a", path="a.md", title="t", source="s", published=dt.date(2017, 5, 10),
                   text="", url="https://example.org/").to_json()
    data["url"] = "javascript:alert(1)"  # an entry stored before the check
    assert Article.from_json(data).url == ""


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def _links(text: str) -> str:
    found = _Tags()
    found.feed(text)
    return " ".join(found.tags)
