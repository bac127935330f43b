"""Pixel layout of an export canvas: text blocks, swatches, the scale bar.

Plotly places annotations and shapes in "paper" fractions; briefing layouts are easier
to reason about in pixels from the top-left corner, so :class:`Canvas` converts.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from viewmodel.hover import safe

NICE_KM = (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50)
TEXT_COLOR = "#222222"
MUTED = "#555555"


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels from the canvas' top-left corner."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True)
class Canvas:
    """Converts pixel positions to Plotly paper fractions for a ``width`` x ``height`` page."""

    width: int
    height: int

    def x(self, px: float) -> float:
        return px / self.width

    def y(self, px: float) -> float:
        return 1.0 - px / self.height

    def domain(self, box: Box) -> dict[str, list[float]]:
        return {"x": [self.x(box.left), self.x(box.right)],
                "y": [self.y(box.bottom), self.y(box.top)]}

    def text(self, left: float, top: float, text: str, size: int = 12,
             color: str = TEXT_COLOR, **extra: Any) -> dict[str, Any]:
        """An annotation whose top-left corner sits at (left, top)."""
        return {"text": text, "x": self.x(left), "y": self.y(top), "xref": "paper",
                "yref": "paper", "xanchor": "left", "yanchor": "top", "align": "left",
                "showarrow": False, "font": {"size": size, "color": color}, **extra}

    def rect(self, box: Box, color: str, line: str = "#FFFFFF") -> dict[str, Any]:
        return {"type": "rect", "xref": "paper", "yref": "paper", "x0": self.x(box.left),
                "x1": self.x(box.right), "y0": self.y(box.bottom), "y1": self.y(box.top),
                "fillcolor": color, "line": {"color": line, "width": 1}}

    def line(self, x0: float, y0: float, x1: float, y1: float, color: str,
             width: float = 2, dash: str = "solid") -> dict[str, Any]:
        return {"type": "line", "xref": "paper", "yref": "paper", "x0": self.x(x0),
                "x1": self.x(x1), "y0": self.y(y0), "y1": self.y(y1),
                "line": {"color": color, "width": width, "dash": dash}}


def wrap(text: str, chars: int, max_lines: int | None = None) -> list[str]:
    """Escaped lines of at most ``chars`` characters (Plotly wraps nothing itself)."""
    lines = textwrap.wrap(" ".join(text.split()), width=chars) or [""]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(0, chars - 1)].rstrip() + "…"
    return [safe(line) for line in lines]


def scale_bar(canvas: Canvas, box: Box, mpp: float,
              size: int = 11) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Shapes and a label for a scale bar about a fifth of the map wide, at its lower left.

    ``mpp``: metres per pixel at the map's centre; ``size``: the label's text size (px).
    """
    target_km = box.width / 5 * mpp / 1000
    km = max((k for k in NICE_KM if k <= target_km), default=NICE_KM[0])
    px = km * 1000 / mpp
    x0, y = box.left + 16, box.bottom - 18
    label_h = size + 13
    shapes = [
        canvas.rect(Box(x0 - 6, y - label_h, px + 12, label_h + 8), "rgba(255,255,255,0.85)",
                    line="#FFFFFF"),
        canvas.line(x0, y, x0 + px, y, "#000000", 3),
        canvas.line(x0, y - 5, x0, y + 3, "#000000", 2),
        canvas.line(x0 + px, y - 5, x0 + px, y + 3, "#000000", 2),
    ]
    label = f"{km:g} km"
    notes = [canvas.text(x0, y - label_h + 2, label, size=size)]
    return shapes, notes
