"""Web Mercator ordinates in degrees, as the app's MapLibre map and the exports draw them.

``x`` is longitude and ``y`` the Mercator ordinate in degrees, so both axes of an
exported map share one scale.
"""

from __future__ import annotations

import math


def merc_y(lat: float | None) -> float | None:
    """The Web Mercator ordinate of ``lat``, in degrees (``None`` stays a line break)."""
    if lat is None:
        return None
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def lat_of(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)
