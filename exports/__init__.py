"""Exports for briefings: a snapshot of a date, a briefing deck, and the data.

Modules:

- ``registry``: the formats, each a record; :func:`~exports.registry.export_bytes`
  builds one as bytes and :func:`~exports.registry.write_export` writes it atomically
- ``context``: the stores loaded once (:class:`ExportContext`), date checks
- ``selection``: states, events, figures and sources at a date
- ``snapshot`` + ``canvas``: the one-figure briefing page (map, chart, legend, notes)
- ``vector_map``: the day's control map as vector shapes for print
- ``map_page``: a page built around the map (map, key, scale bar, date), any size
- ``animation``: a date range as a GIF or MP4, a frame per day or per change
- ``print_layout``: the one-page A4 / Letter print layout of a date
- ``renderer``: kaleido to PNG/SVG/PDF, with a warm browser for the app
- ``deck`` + ``pptx_slides``: PowerPoint and PDF decks
- ``tables``, ``data``, ``kml``: GeoJSON, KML, GeoPackage and CSV
- ``files``: destination checks, atomic writes, safe file stems
"""
