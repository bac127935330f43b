"""The one "as known on" rule (timeline.known) and every reader agreeing with it.

SYNTHETIC records on the real Mosul theatre: a late report, an undated article, an
analyst chronology (events and a month-precise figure). The places that used to disagree
(the timeline's filter, the store's filter, the page's ``pub`` days, the exports' figure
lists, the chart's position of a figure) are each checked against the rule.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import geopandas as gpd
import pytest

from exports import selection
from exports.context import ExportContext
from geodata.districts import build_districts
from geodata.theatre import Theatre, load_theatre
from tests.builders import make_event, make_extraction, make_figure
from timeline.control.build import build_timeline
from timeline.extract.chronology import load_chronology
from timeline.known import (
    figure_day,
    is_known,
    knowledge_dates,
    known_by,
    known_extractions,
    known_from,
)
from timeline.records import Extraction, Figure
from timeline.store.corpus import load_extractions, save_extraction
from viewmodel.hover import clip
from viewmodel.page_data import build_page_data, visible_events
from viewmodel.page_events import figure_points

D = dt.date
HEADER = "date,precision,kind,places,actor,side,status,value,source,note\n"
CHRONOLOGY = (HEADER
              + "2017-03-10,day,capture,al-maamel,Iraqi forces,government,reported,,"
                "SYNTHETIC analyst,(synthetic) retaken\n"
              + "2017-02,month,displaced,west-mosul,UN,,,~40000,SYNTHETIC UN,"
                "(synthetic) displaced in February\n")


@pytest.fixture(scope="module")
def mosul() -> tuple[Theatre, gpd.GeoDataFrame]:
    theatre = load_theatre()
    return theatre, build_districts(theatre)


@pytest.fixture(scope="module")
def chronology(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    path = tmp_path_factory.mktemp("chronology") / "synthetic-chronology.csv"
    path.write_text(CHRONOLOGY, encoding="utf-8")
    return load_chronology(path)


def late_report() -> Extraction:
    """al-Maamel taken on 2017-01-10, reported on 2017-02-02, with a May figure."""
    event = make_event("capture", "2017-01-10", ("al-maamel",), quote="(synthetic) late",
                       article_id="late")
    figure = make_figure(5000, "2017-01", ("west-mosul",), "about", "people displaced",
                         "(synthetic) 5000 displaced in January", kind="displaced",
                         article_id="late")
    return make_extraction((event,), (figure,), published=D(2017, 2, 2), article_id="late")


def undated_article() -> Extraction:
    """An article with explicit dates and no publication date (the loader allows it)."""
    event = make_event("capture", "2017-01-05", ("al-maamel",), quote="(synthetic) undated",
                       article_id="undated")
    return make_extraction((event,), published=None, article_id="undated")


def test_the_rule(chronology: Extraction) -> None:
    (late_event,), (late_figure,) = late_report().events, late_report().figures
    assert known_from(late_event) == known_from(late_figure) == D(2017, 2, 2)
    (row_event,), (row_figure,) = chronology.events, chronology.figures
    assert known_from(row_event) == D(2017, 3, 10)  # a chronology row: its own date
    assert known_from(row_figure) == D(2017, 2, 28)  # a figure row: its as-of end
    assert known_from(undated_article().events[0]) is None  # neither: never known
    no_as_of = Figure(**{**row_figure.__dict__, "as_of": None})
    assert known_from(no_as_of) is None and not is_known(no_as_of, D(2099, 1, 1))
    assert not is_known(late_event, D(2017, 2, 1)) and is_known(late_event, D(2017, 2, 2))
    assert known_by(3, 3) and not known_by(4, 3) and not known_by(None, 10**6)


def test_known_extractions_keep_what_was_readable(chronology: Extraction) -> None:
    corpus = [late_report(), undated_article(), chronology]
    assert [x.article.id for x in known_extractions(corpus, D(2017, 2, 15))] == ["late"]
    on = known_extractions(corpus, D(2017, 2, 28))  # February's count, known at its end
    assert [x.article.id for x in on] == ["late", chronology.article.id]
    assert [f.note for f in on[1].figures] == ["(synthetic) displaced in February"]
    assert on[1].events == ()  # the row dated 2017-03-10 is not known yet
    assert known_extractions(corpus, None) == corpus
    assert knowledge_dates(corpus) == [D(2017, 2, 2), D(2017, 2, 28), D(2017, 3, 10)]


def test_the_store_and_the_timeline_drop_an_undated_article(
        mosul: tuple[Theatre, gpd.GeoDataFrame], tmp_path: Path) -> None:
    """They used to keep it ("no date, so not after the cutoff") while the page never
    showed it: all three now follow the rule."""
    theatre, districts = mosul
    corpus = [undated_article()]
    save_extraction(corpus[0], tmp_path)
    day = D(2017, 6, 1)
    assert load_extractions(tmp_path, known_on=day) == []
    then = build_timeline(theatre, districts, corpus, known_on=day, series=False)
    maamel = next(s for s in then.state_at(day) if s.id == "al-maamel")
    assert maamel.side == "isis" and [e.id for e in maamel.evidence] == ["initial"]
    page = build_page_data(theatre, districts, None, corpus)
    assert page.events[0].published is None
    assert visible_events(page, page.day_of(day), known=True) == []


def test_a_chronology_figure_sits_on_the_same_day_fresh_or_from_the_store(
        chronology: Extraction, tmp_path: Path) -> None:
    """A fresh chronology carries the row's date as its provenance's publication, one read
    back from the store carries none: the chart placed the same row on 2017-02-01 or
    2017-02-28. The chart day now never passes the day the row is known."""
    save_extraction(chronology, tmp_path)
    (stored,) = load_extractions(tmp_path)
    fresh_fig, stored_fig = chronology.figures[0], stored.figures[0]
    assert fresh_fig.provenance.published != stored_fig.provenance.published
    assert figure_day(fresh_fig) == figure_day(stored_fig) == D(2017, 2, 28)
    assert [p.date for p in figure_points([chronology])] == [
        p.date for p in figure_points([stored])] == [D(2017, 2, 28)]


def test_a_figure_is_charted_no_later_than_it_is_known(chronology: Extraction) -> None:
    """Why "as known on" needs no test of a figure's date beside :func:`known_by`."""
    figures = [*late_report().figures, *chronology.figures]
    figures.append(make_figure(70, "2017-06", published=D(2017, 6, 11)))
    figures.append(make_figure(70, None, published=D(2017, 6, 11)))
    for fig in figures:
        day, first = figure_day(fig), known_from(fig)
        assert day is not None and first is not None and day <= first, fig
    assert figure_day(figures[0]) == D(2017, 1, 31)  # as of January, reported in February


def test_export_figure_lists_agree_with_the_chart(
        mosul: tuple[Theatre, gpd.GeoDataFrame], chronology: Extraction) -> None:
    """The figure table used the as-of start, the chart the as-of end (capped by the
    publication): the January figure was listed on 2017-01-05 but not charted."""
    theatre, districts = mosul
    corpus = (late_report(), chronology)
    page = build_page_data(theatre, districts, None, list(corpus))
    ctx = ExportContext(theatre, districts, None, corpus, page)
    for day in (D(2017, 1, 5), D(2017, 1, 31), D(2017, 2, 1), D(2017, 2, 2), D(2017, 3, 1)):
        for known in (False, True):
            listed = sorted(f.provenance.excerpt(f.note)
                            for f in selection.figures_up_to(ctx, day, known))
            charted = sorted(p.quote for p in page.figures if p.date <= day
                             and (not known or known_by(p.known_from, day)))
            assert listed == charted, (day, known)


def test_the_page_sends_the_browser_known_from_as_day_indices(
        mosul: tuple[Theatre, gpd.GeoDataFrame], chronology: Extraction) -> None:
    """The inputs of the JS twin: ``pub`` of every figure and every event is its
    :func:`known_from` as a page day (null: never known); a figure's ``day`` never passes
    its ``pub``. The browser's ``isPublished`` and ``visibleEvents`` are
    ``known_by(pub, day)``."""
    theatre, districts = mosul
    corpus = [late_report(), undated_article(), chronology]
    page = build_page_data(theatre, districts, None, corpus)
    doc = page.to_json()
    start = page.start

    def index(first: dt.date | None) -> int | None:
        return None if first is None else (first - start).days

    expected_figures = Counter((f.provenance.excerpt(f.note), index(known_from(f)))
                               for x in corpus for f in x.figures)
    assert Counter((f["quote"], f["pub"]) for f in doc["figures"]) == expected_figures
    events, strings = doc["events"], doc["strings"]
    expected_events = Counter((clip(e.provenance.excerpt(e.note)), index(known_from(e)))
                              for x in corpus for e in x.events)
    assert Counter((strings[q], p) for q, p in zip(events["quote"], events["pub"],
                                                   strict=True)) == expected_events
    assert all(f["pub"] is None or f["day"] <= max(f["pub"], 0) for f in doc["figures"])
    for day in (0, index(D(2017, 2, 1)), index(D(2017, 2, 2)), page.n_days - 1):
        assert day is not None
        date = page.date_of(day)
        assert [known_by(f["pub"], day) for f in doc["figures"]] == [
            known_by(p.known_from, date) for p in page.figures]
