"""The export panel's pure parts: picked dates, the slider's date, safe download names."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import ids
from dashboard.export_panel import BUTTONS, export_panel, picked_dates, view_date
from frontline.errors import DateError
from tests.unit.export_support import synthetic_context


def test_picked_dates_accept_commas_and_spaces() -> None:
    assert picked_dates("2017-01-24, 2017-07-09 2017-03-01") == [
        dt.date(2017, 1, 24), dt.date(2017, 7, 9), dt.date(2017, 3, 1)]
    assert picked_dates("") == [] and picked_dates(None) == []


@pytest.mark.parametrize("text", ["../../etc/passwd", "2017-02-30", "<script>"])
def test_picked_dates_refuse_anything_else(text: str) -> None:
    with pytest.raises(DateError, match="not a date"):
        picked_dates(text)


def test_view_date_follows_the_slider_and_clamps() -> None:
    ctx = synthetic_context()
    assert view_date(ctx, 0) == ctx.theatre.battle_start
    assert view_date(ctx, 206) == dt.date(2017, 5, 11)
    assert view_date(ctx, 10**6) == ctx.theatre.battle_end
    assert view_date(ctx, "junk") == ctx.theatre.battle_start


def test_panel_has_a_button_per_format_and_the_deck_controls() -> None:
    panel = export_panel()
    found: list[str] = []

    def walk(node: object) -> None:
        node_id = getattr(node, "id", None)
        if isinstance(node_id, dict):
            found.append(node_id["format"])
        elif isinstance(node_id, str):
            found.append(node_id)
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children]:
            if child is not None and not isinstance(child, str):
                walk(child)

    walk(panel)
    assert [key for key, _ in BUTTONS] == [f for f in found if f in dict(BUTTONS)]
    for needed in (ids.DECK_BUTTON, ids.DECK_PROGRESS, ids.DECK_DOWNLOAD, ids.EXPORT_DOWNLOAD):
        assert needed in found
