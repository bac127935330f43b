"""The figures chart's layout on the SYNTHETIC points of these tests: piled points of
one day stand side by side, and no marker is cut at the ends of the time axis
(issue 17's walk: "the chart clips its right-most point and about 8 points pile up on
one day")."""

from __future__ import annotations

import datetime as dt

from viewmodel.chart import DODGE_SHARE, dodge_days
from viewmodel.page_events import FigurePoint

DAY = dt.date(2017, 7, 6)


def point(value: float, claimant: str = "IOM", series: str = "Displaced: currently",
          date: dt.date = DAY) -> FigurePoint:
    return FigurePoint(series=series, claimant=claimant, date=date, value=value,
                       low=value, high=value, hover="", quote="", source="")


def test_points_of_one_day_with_close_values_stand_side_by_side() -> None:
    points = [point(821_838, "UNHCR"), point(820_000, "IOM"), point(823_000, "OCHA")]
    offsets = dodge_days(points, span_days=240)
    step = 240 * DODGE_SHARE
    assert sorted(offsets) == [-step, 0.0, step]
    assert sum(offsets) == 0.0  # centred on the day


def test_points_far_apart_in_value_or_in_time_keep_their_date() -> None:
    points = [point(820_000), point(20_000, series="Trapped"), point(212_832, "UNHCR"),
              point(821_000, date=DAY + dt.timedelta(days=1))]
    assert dodge_days(points, span_days=240) == [0.0, 0.0, 0.0, 0.0]


def test_eight_points_of_one_day_get_eight_places() -> None:
    points = [point(800_000 + 1_000 * k, f"claimant {k}") for k in range(8)]
    offsets = dodge_days(points, span_days=240)
    assert len(set(offsets)) == 8
