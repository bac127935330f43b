"""The event timeline's CSV: the chosen rows, every column, formulas neutralised (SYNTHETIC)."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from exports.event_list import COLUMNS, event_list_csv
from frontline.errors import ExportError
from tests.unit.export_support import SYNTH_SOURCE, synthetic_context


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_the_chosen_events_become_rows_with_actor_side_and_quote() -> None:
    page = synthetic_context().page
    rows = _rows(event_list_csv(page, [0]))
    assert len(rows) == 1
    row = rows[0]
    assert tuple(row) == COLUMNS
    assert row["actor"] == "CTS" and row["side"] == "government"
    assert row["kind"] == "capture" and row["status"] == "reported"
    assert row["source"] == SYNTH_SOURCE and "al-Maamel" in row["quote"]
    assert row["on_map"] == "yes" and row["event_id"] == "ev-1"
    assert _rows(event_list_csv(page, [])) == []
    assert event_list_csv(page, []).decode().strip() == ",".join(COLUMNS)


def test_a_quote_a_spreadsheet_would_run_is_written_as_text() -> None:
    page = synthetic_context().page
    evil = dataclasses.replace(page.events[0], quote="=HYPERLINK(\"http://x\")",
                               actor="@SUM(A1)")
    page = dataclasses.replace(page, events=(evil,))
    row = _rows(event_list_csv(page, [0]))[0]
    assert row["quote"] == "'=HYPERLINK(\"http://x\")"
    assert row["actor"] == "'@SUM(A1)"


@pytest.mark.parametrize("bad", [5, -1, "0", True, None, 0.0])
def test_an_index_that_is_not_an_event_is_refused_in_one_line(bad: object) -> None:
    page = synthetic_context().page
    with pytest.raises(ExportError, match="no event number"):
        event_list_csv(page, [bad])
