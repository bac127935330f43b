"""Context geometry of a theatre: the river (if any), the city outline and the bridges.

These are drawn under the districts on every map and clip the district polygons.
Coordinates are (lon, lat) in EPSG:4326.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

from shapely.geometry import LineString, Point, Polygon
from shapely.validation import make_valid

from frontline.errors import GeodataError
from geodata.theatre import Theatre, read_line


@dataclass(frozen=True)
class Bridge:
    name: str
    name_ar: str
    point: Point
    connects: str
    confidence: str
    note: str


def river_line(theatre: Theatre) -> LineString | None:
    """The river through the city, as drawn in the file ``river`` of ``theatre.yaml``
    names (Mosul: ``tigris.csv``); None for a theatre without a river."""
    if not theatre.river:
        return None
    path = theatre.path(theatre.river)
    vertices = read_line(path)
    if len(vertices) < 2:
        raise GeodataError(f"{path}: a river needs at least two points")
    return LineString(vertices)


def city_outline(theatre: Theatre) -> Polygon:
    """The city outline (a closed ring in ``outline.csv``), repaired if self-crossing."""
    vertices = read_line(theatre.path("outline.csv"))
    if len(vertices) < 4:
        raise GeodataError(f"{theatre.path('outline.csv')}: an outline needs at least four points")
    polygon = Polygon(vertices)
    if not polygon.is_valid:
        repaired = make_valid(polygon)
        if not isinstance(repaired, Polygon):
            raise GeodataError(f"{theatre.path('outline.csv')}: the outline ring crosses itself")
        polygon = repaired
    return polygon


def bridges(theatre: Theatre) -> list[Bridge]:
    """The bridges of ``bridges.csv`` (an empty list when the theatre has none)."""
    path = theatre.path("bridges.csv")
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Bridge(
                name=row["name"],
                name_ar=row.get("name_ar", ""),
                point=Point(float(row["lon"]), float(row["lat"])),
                connects=row.get("connects", ""),
                confidence=row.get("confidence", ""),
                note=row.get("note", ""),
            )
            for row in csv.DictReader(handle)
        ]
