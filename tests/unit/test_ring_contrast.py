"""The selected event's ring must be seen on every fill the map can draw (issue 17's
walk: a grey ring vanished on the government's dark blue). The ring is a magenta
stroke over a white edge (dashboard/assets/mapview.js); on each side's colour, at each
basis' tint and the analyst's shade, one of the two stands out by WCAG's 3:1 for
non-text contrast."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.theatre import load_theatre
from viewmodel.figures import ANALYST_SHADE, BASIS_TINT, RING_COLOR, shade, tint

MAPVIEW = Path(__file__).resolve().parents[2] / "dashboard" / "assets" / "mapview.js"
EDGE = "#FFFFFF"


def luminance(color: str) -> float:
    channels = [int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    low, high = sorted((luminance(a), luminance(b)))
    return (high + 0.05) / (low + 0.05)


def fills() -> list[tuple[str, str]]:
    sides = load_theatre("mosul").sides
    out = []
    for side in sides.values() if isinstance(sides, dict) else sides:
        out += [(f"{side.key} {basis}", tint(side.color, amount))
                for basis, amount in BASIS_TINT.items()]
        out.append((f"{side.key} analyst", shade(side.color, ANALYST_SHADE)))
    return out


@pytest.mark.parametrize(("name", "fill"), fills())
def test_the_ring_or_its_edge_stands_out_on_every_fill(name: str, fill: str) -> None:
    assert max(contrast(RING_COLOR, fill), contrast(EDGE, fill)) >= 3.0, name


def test_the_map_draws_the_white_edge_under_the_ring() -> None:
    js = MAPVIEW.read_text(encoding="utf-8")
    edge, ring = js.index('id: "fl-event-ring-edge", type'), js.index('id: "fl-event-ring", type')
    assert edge < ring and '"circle-stroke-color": "#FFFFFF"' in js[edge:ring]
