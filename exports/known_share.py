"""The share of each bank held by the advancing side, from the "as known on" replay.

An "as known on" export may not draw the hindsight share lines (they use reports
published later), but it can draw what was knowable each day: the share, by area, of
the districts the replay of day d gives the advancing side from what was published by
d. The line stops at the export's date: beyond it lie days not yet reached.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from exports.context import ExportContext
from geodata.districts import AREA_KM2, BANK, ID
from timeline.control.series import shares


def known_shares(ctx: ExportContext, date: dt.date) -> dict[str, tuple[float, ...]]:
    """Per share key, the advancing side's percent on each page day as known that day
    (NaN after ``date``: a gap in the line); {} without a replay."""
    tl = ctx.timeline
    if tl is None or tl.side_known is None or ID not in ctx.districts:
        return {}
    rows = ctx.districts.set_index(ID).reindex(list(tl.district_ids))
    if rows[AREA_KM2].isna().any():
        return {}
    area = rows[AREA_KM2].to_numpy(dtype=float)
    table = shares(tl.side_known, area, rows[BANK].astype(str).to_numpy(),
                   ctx.theatre.share_keys, tl.sides)
    page = ctx.page
    code = tl.sides.code(ctx.theatre.advancing_side)
    days = np.arange(page.n_days)
    cols = np.clip(days + tl.day_index(page.start), 0, tl.n_days - 1)
    out = {}
    for key, arr in table.items():
        values = np.round(arr[code, cols] * 100, 2)
        values[days > page.day_of(date)] = np.nan
        out[key] = tuple(values.tolist())
    return out
