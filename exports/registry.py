"""The export formats, registered rather than branched on.

Each format is one :class:`ExportFormat` record: its name (as the CLI and the app
spell it), its file extension and media type, its family (``image``: one snapshot page;
``deck``: a briefing deck; ``data``: the state as data; ``animation``: a date range
as a GIF or MP4) and the function that builds
its bytes. Adding a format is adding a record here; the CLI's ``--format`` choices, the
destination checks, the download names and the app's buttons all read this table.

Every export is built as bytes by :func:`export_bytes` (so the app can send it as a
download) and written to disk only by :func:`write_export`, atomically.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from exports.context import ExportContext
from exports.files import check_destination, write_atomic
from frontline.errors import ExportError

SCALES = (1.0, 2.0)
IMAGE, DECK, DATA, ANIMATION = "image", "deck", "data", "animation"
PAGES = ("screen", "a4", "letter")  # a PDF snapshot's page: the screen layout or print


@dataclass(frozen=True)
class ExportOptions:
    """What an analyst may vary about one export (each family reads what it uses)."""

    known: bool = False
    scale: float = 1.0
    dates: Sequence[dt.date] | None = None
    progress: Callable[[int, int], None] | None = None
    layers: tuple[str, ...] = ()  # the snapshot's map layers (export_bytes fills in all)
    start: dt.date | None = None  # an animation's first date (the export date is its last)
    fps: int = 2
    every: str = "day"  # an animation's frames: each "day" or each "change" of control
    page: str = "screen"  # a PDF snapshot: the screen layout, or a print page (a4, letter)


Builder = Callable[[ExportContext, str, dt.date, ExportOptions], bytes]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: how it is named, saved and built."""

    name: str
    extension: str
    media_type: str
    family: str
    build: Builder
    label: str = ""
    cli: bool = True  # offered as ``--format`` (``pdf-deck`` is ``--format pdf --deck``)


def _image(ctx: ExportContext, fmt: str, date: dt.date, opts: ExportOptions) -> bytes:
    from exports.renderer import render
    from exports.snapshot import HEIGHT, WIDTH, snapshot_figure

    if opts.scale not in SCALES:
        raise ExportError(f"scale must be 1 or 2, got {opts.scale:g}")
    if opts.page not in PAGES:
        raise ExportError(f"page must be one of {', '.join(PAGES)}, got {opts.page!r}")
    if fmt == "pdf" and opts.page != "screen":
        from exports.print_layout import print_pdf

        return print_pdf(ctx, date, opts.page, known=opts.known, layers=opts.layers)
    figure = snapshot_figure(ctx, date, known=opts.known, layers=opts.layers)
    data = render(figure, fmt, WIDTH, HEIGHT, opts.scale)
    if fmt == "pdf":
        from exports.pdf import titled_pdf

        mode = " (as known on the date)" if opts.known else ""
        return titled_pdf([data], f"{ctx.theatre.title}: control on {date.isoformat()}{mode}")
    return data


def _deck(ctx: ExportContext, fmt: str, date: dt.date, opts: ExportOptions) -> bytes:
    from exports.deck import deck_pdf, deck_pptx

    build = deck_pptx if fmt == "pptx" else deck_pdf
    return build(ctx, date, opts.dates, opts.known, opts.progress)


def _animation(ctx: ExportContext, fmt: str, date: dt.date, opts: ExportOptions) -> bytes:
    from exports.animation import AnimationOptions, animation_bytes

    movie = AnimationOptions(opts.start or date, date, opts.fps, opts.every, opts.known)
    return animation_bytes(ctx, fmt, movie, opts.progress)


def _data(ctx: ExportContext, fmt: str, date: dt.date, opts: ExportOptions) -> bytes:
    from exports.data import data_bytes

    return data_bytes(ctx, fmt, date, opts.known)


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("png", "png", "image/png", IMAGE, _image, "PNG"),
    ExportFormat("svg", "svg", "image/svg+xml", IMAGE, _image, "SVG"),
    ExportFormat("pdf", "pdf", "application/pdf", IMAGE, _image, "PDF"),
    ExportFormat("pptx", "pptx",
                 "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                 DECK, _deck, "PowerPoint"),
    ExportFormat("pdf-deck", "pdf", "application/pdf", DECK, _deck, "PDF", cli=False),
    ExportFormat("geojson", "geojson", "application/geo+json", DATA, _data, "GeoJSON"),
    ExportFormat("kml", "kml", "application/vnd.google-earth.kml+xml", DATA, _data, "KML"),
    ExportFormat("gpkg", "gpkg", "application/geopackage+sqlite3", DATA, _data, "GeoPackage"),
    ExportFormat("csv", "csv", "text/csv", DATA, _data, "CSV"),
    ExportFormat("gif", "gif", "image/gif", ANIMATION, _animation, "GIF"),
    ExportFormat("mp4", "mp4", "video/mp4", ANIMATION, _animation, "MP4"),
)}
CLI_FORMATS = tuple(name for name, f in FORMATS.items() if f.cli)


def names_of(family: str) -> tuple[str, ...]:
    """The formats of one family, in registry order."""
    return tuple(name for name, f in FORMATS.items() if f.family == family)


def export_format(name: str) -> ExportFormat:
    """The registered format ``name``, or a one-line error listing the formats."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ExportError(f"unknown export format {name!r}; expected one of "
                          f"{', '.join(CLI_FORMATS)}") from None


def export_bytes(ctx: ExportContext, fmt: str, date: dt.date, *, known: bool = False,
                 scale: float = 1.0, dates: Sequence[dt.date] | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 layers: Sequence[str] | None = None, start: dt.date | None = None,
                 fps: int = 2, every: str = "day", page: str = "screen",
                 names: str = "en") -> bytes:
    """Build one export of ``date`` as bytes (``pdf-deck``: the deck as a PDF).

    ``layers`` (snapshots only): the map layers shown, by default all of them.
    ``start``, ``fps``, ``every`` (gif, mp4): the range ``start`` to ``date``, its
    frames per second, a frame per ``day`` or per ``change``. ``page`` (pdf): the
    screen layout or a one-page print layout (``a4``, ``letter``). ``names``: the
    map's district names in English (``en``) or Arabic (``ar``).
    """
    entry = export_format(fmt)
    ctx.check_date(date)
    ctx = ctx.named_in(names)
    opts = ExportOptions(known=known, scale=scale, dates=dates, progress=progress,
                         layers=check_layers(layers), start=start, fps=fps, every=every,
                         page=page)
    return entry.build(ctx, fmt, date, opts)


def check_layers(layers: Sequence[str] | None) -> tuple[str, ...]:
    """The layer names asked for (all when None), or a one-line error naming a bad one."""
    from viewmodel.figures import LAYER_NAMES

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


def check_suffix(path: Path, fmt: str) -> None:
    """Refuse ``--out b.pdf --format png``: a file named for another export format.

    A name with no suffix, or one no export uses, is the analyst's choice and passes.
    """
    own = export_format(fmt).extension
    suffix = path.suffix.lower().lstrip(".")
    others = {f.extension for f in FORMATS.values() if f.extension != own} | {"json"}
    if fmt == "geojson":
        others.discard("json")
    if suffix in others:
        wanted = "geojson" if suffix == "json" else suffix
        raise ExportError(f"output {path.name} ends in .{suffix} but the format is {fmt}: "
                          f"name it .{own} or pass --format {wanted}")


def download_name(theatre_name: str, date: dt.date, fmt: str, suffix: str = "") -> str:
    """``frontline-mosul-2017-05-11.png``: built from trusted parts only (no user text)."""
    from exports.files import safe_stem

    return f"{safe_stem(theatre_name, date, suffix)}.{export_format(fmt).extension}"
