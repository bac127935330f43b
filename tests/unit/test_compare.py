"""Two dates compared (viewmodel.compare, exports.compare) and the uncertainty legend
(viewmodel.uncertainty), on the SYNTHETIC export context: three west-bank districts
change from ISIS to the government on CHANGE_DAY."""

from __future__ import annotations

import csv
import dataclasses
import io

import numpy as np
import pytest

from exports.compare import COLUMNS, compare_csv, compare_figure
from exports.context import ExportContext
from frontline.errors import DateError, ExportError
from tests.unit.export_support import CHANGE_DAY, synthetic_context
from timeline.control.model import BASIS_CODES
from viewmodel.compare import changes_between, hindsight_gaps, plain
from viewmodel.figures import basis_color
from viewmodel.page_data import KNOWN, MAIN
from viewmodel.uncertainty import uncertainty_legend


@pytest.fixture(scope="module")
def ctx() -> ExportContext:
    return synthetic_context()


def _changed(ctx: ExportContext) -> set[str]:
    z = np.asarray(ctx.page.views[MAIN].z)
    return {ctx.page.district_ids[d] for d in np.flatnonzero(z[0] // 4 != z[-1] // 4)}


def test_districts_that_changed_hands_with_from_to_when_and_evidence(ctx: ExportContext
                                                                     ) -> None:
    changes = changes_between(ctx.page, CHANGE_DAY - 10, CHANGE_DAY + 10)
    assert {c.district for c in changes} == _changed(ctx)
    assert len(changes) == 3
    when = ctx.page.date_of(CHANGE_DAY).isoformat()
    for c in changes:
        assert (c.was, c.now, c.basis, c.when) == ("ISIS", "Iraqi government forces",
                                                   "reported", when)
        assert "SYNTHETIC evidence quote" in c.evidence and "<" not in c.evidence
    # the order of the dates does not matter; a span with no change gives nothing
    assert changes_between(ctx.page, CHANGE_DAY + 10, CHANGE_DAY - 10) == changes
    assert changes_between(ctx.page, 0, CHANGE_DAY - 1) == []
    assert changes_between(ctx.page, CHANGE_DAY, CHANGE_DAY) == []


def test_hindsight_names_what_was_not_known_then(ctx: ExportContext) -> None:
    page = ctx.page
    assert hindsight_gaps(page, CHANGE_DAY + 5) == [] or page.views[KNOWN] is not page.views[MAIN]
    known = page.views[KNOWN]
    z = np.array(known.z, copy=True)
    target = next(iter(sorted(_changed(ctx))))
    d = page.district_ids.index(target)
    z[CHANGE_DAY + 5:, d] = 1 * 4  # as known then: still ISIS
    page = dataclasses.replace(page, views={MAIN: page.views[MAIN],
                                            KNOWN: dataclasses.replace(known, z=z)})
    gaps = hindsight_gaps(page, CHANGE_DAY + 5)
    assert [(g.district, g.was, g.now, g.when) for g in gaps] == [
        (target, "ISIS", "Iraqi government forces", "")]


def test_the_comparison_csv_and_snapshot(ctx: ExportContext) -> None:
    d1, d2 = ctx.page.date_of(CHANGE_DAY - 3), ctx.page.date_of(CHANGE_DAY + 3)
    rows = list(csv.DictReader(io.StringIO(compare_csv(ctx, d1, d2).decode("utf-8"))))
    assert tuple(rows[0]) == COLUMNS
    assert {r["district"] for r in rows} == _changed(ctx)
    fig = compare_figure(ctx, d1, d2)
    outlines = [s for s in fig.layout.shapes if s.line.color == "#D6007B"]
    assert len(outlines) == 3
    text = " ".join(a.text for a in fig.layout.annotations)
    assert "3 districts" in text and "Changes of control" in text
    with pytest.raises(DateError):
        compare_csv(ctx, ctx.theatre.battle_start.replace(year=2000), d2)
    # reversed, the map of the earlier date would carry the later state's outlines
    with pytest.raises(ExportError, match="is after the second"):
        compare_figure(ctx, d2, d1)


def test_plain_text_of_a_hover() -> None:
    assert plain("<b>a &amp; b</b><br><i>“x&lt;y”</i>") == "a & b “x<y”"


def test_the_uncertainty_legend_covers_every_basis_the_map_draws() -> None:
    key = uncertainty_legend(30, approximate=True)
    assert tuple(k.basis for k in key.bases) == BASIS_CODES
    assert "30 days" in next(k.meaning for k in key.bases if k.basis == "assumed")
    assert "30 days" in key.age and "Approximate boundaries" in key.boundaries
    swatches = key.swatches("#0072B2")
    assert [s for s, _ in swatches] == [basis_color("#0072B2", b) for b in BASIS_CODES]
    assert len({s for s, _ in swatches}) == len(BASIS_CODES)  # four distinct shades
    exact = uncertainty_legend(14, approximate=False)
    assert "imported district boundaries" in exact.boundaries
