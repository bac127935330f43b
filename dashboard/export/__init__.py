"""Exports for briefings: a snapshot of a date, a briefing deck, and the data.

Every export is built as bytes by :func:`export_bytes` (so the app can send it as a
download) and written to disk only by :func:`write_export` (atomically). Modules:

- ``context``: the stores loaded once (:class:`ExportContext`), date checks
- ``selection``: states, events, figures and sources at a date
- ``snapshot`` + ``canvas``: the one-figure briefing page (map, chart, legend, notes)
- ``vector_map``: the day's control map as vector shapes for print
- ``renderer``: kaleido to PNG/SVG/PDF, with a warm browser for the app
- ``deck`` + ``pptx_slides``: PowerPoint and PDF decks
- ``tables``, ``data``, ``kml``: GeoJSON, KML, GeoPackage and CSV
- ``files``: destination checks, atomic writes, download names
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from dashboard.export.context import ExportContext, load_context, parse_date
from dashboard.export.files import check_destination, download_name, write_atomic
from frontline.errors import ExportError

IMAGE_FORMATS = ("png", "svg", "pdf")
DECK_FORMATS = ("pptx", "pdf-deck")
DATA_FORMATS = ("geojson", "kml", "gpkg", "csv")
FORMATS = ("png", "svg", "pdf", "pptx", "geojson", "kml", "gpkg", "csv")
SCALES = (1.0, 2.0)


def export_bytes(ctx: ExportContext, fmt: str, date: dt.date, *, known: bool = False,
                 scale: float = 1.0, dates: Sequence[dt.date] | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 layers: Sequence[str] | None = None) -> bytes:
    """Build one export of ``date`` as bytes (``pdf-deck``: the deck as a PDF).

    ``layers`` (snapshots only): the map layers shown, by default all of them.
    """
    ctx.check_date(date)
    if fmt in IMAGE_FORMATS:
        from dashboard.export.renderer import render
        from dashboard.export.snapshot import HEIGHT, WIDTH, snapshot_figure

        if scale not in SCALES:
            raise ExportError(f"scale must be 1 or 2, got {scale:g}")
        figure = snapshot_figure(ctx, date, known=known, layers=check_layers(layers))
        return render(figure, fmt, WIDTH, HEIGHT, scale)
    if fmt in DECK_FORMATS:
        from dashboard.export.deck import deck_pdf, deck_pptx

        build = deck_pptx if fmt == "pptx" else deck_pdf
        return build(ctx, date, dates, known, progress)
    if fmt in DATA_FORMATS:
        from dashboard.export.data import data_bytes

        return data_bytes(ctx, fmt, date, known)
    raise ExportError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")


def check_layers(layers: Sequence[str] | None) -> tuple[str, ...]:
    """The layer names asked for (all when None), or a one-line error naming a bad one."""
    from dashboard.figures import LAYER_NAMES

    if layers is None:
        return LAYER_NAMES
    unknown = [name for name in layers if name not in LAYER_NAMES]
    if unknown:
        raise ExportError(f"unknown layer {unknown[0]!r}; expected some of "
                          f"{', '.join(LAYER_NAMES)}")
    return tuple(layers)


def write_export(path: Path, ctx: ExportContext, fmt: str, date: dt.date,
                 **options: object) -> int:
    """Check ``path``, build the export and write it atomically; returns its size."""
    check_destination(Path(path))
    data = export_bytes(ctx, fmt, date, **options)  # type: ignore[arg-type]
    write_atomic(Path(path), data)
    return len(data)


__all__ = [
    "DATA_FORMATS", "FORMATS", "IMAGE_FORMATS", "ExportContext", "download_name",
    "export_bytes", "load_context", "parse_date", "write_export",
]
