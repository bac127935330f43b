"""The whole-area swing check (issue 13): a bank or the city moves only when reports say so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.builders import make_event, make_extraction, toy_districts, toy_theatre
from timeline.overreach import area_swings, main
from timeline.records import Extraction

ONE = "(synthetic) Government forces captured Toyville on Monday, a spokesman said."
TWO = "(synthetic) Toyville is back in government hands after a night of clashes, aides say."


def report(quote: str, article: str, source: str) -> Extraction:
    event = make_event("capture", "2017-03-06", ("toyville",), quote=quote,
                       article_id=article, source=source)
    return make_extraction((event,), published=dt.date(2017, 3, 6), article_id=article)


def test_one_report_taking_the_city_moves_no_bank() -> None:
    theatre = toy_theatre()
    assert area_swings(theatre, toy_districts(theatre), [report(ONE, "a1", "Wire A")]) == []


def test_two_independent_reports_move_the_city_and_the_check_lists_it() -> None:
    theatre = toy_theatre()
    swings = area_swings(theatre, toy_districts(theatre),
                         [report(ONE, "a1", "Wire A"), report(TWO, "a2", "Wire B")])
    assert {(s.day, s.area) for s in swings} == {
        (dt.date(2017, 3, 6), "east"), (dt.date(2017, 3, 6), "west"),
        (dt.date(2017, 3, 6), "city")}
    assert all(s.before == 0.0 and s.after == 1.0 for s in swings)
    assert swings[0].line().endswith("government 0% -> 100%")


def test_without_texts_the_check_says_so(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "facts.yaml").write_text("version: 1\nreports: []\n", encoding="utf-8")
    assert main([str(tmp_path)]) == 0
    assert "no texts" in capsys.readouterr().out
