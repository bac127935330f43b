"""The export panel's movie row: its controls and what its progress says."""

from __future__ import annotations

from dashboard import ids
from dashboard.export_panel import export_panel
from dashboard.movie_panel import FORMATS, movie_progress


def ids_in(node: object) -> list[str]:
    found: list[str] = []
    node_id = getattr(node, "id", None)
    if isinstance(node_id, str):
        found.append(node_id)
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found += ids_in(child)
    return found


def test_the_panel_has_the_movie_row() -> None:
    found = ids_in(export_panel())
    for needed in (ids.MOVIE_FORMAT, ids.MOVIE_FROM, ids.MOVIE_TO, ids.MOVIE_FPS,
                   ids.MOVIE_EVERY, ids.MOVIE_BUTTON, ids.MOVIE_PROGRESS, ids.MOVIE_STEP,
                   ids.MOVIE_STATUS, ids.MOVIE_DOWNLOAD):
        assert needed in found, needed
    assert FORMATS == (("gif", "GIF"), ("mp4", "MP4"))


def test_the_movie_progress_says_what_it_does() -> None:
    value, top, text = movie_progress(0, 5, "gif")  # 4 frames, then the encoding
    assert value is None and top == "5" and "Drawing 4 frames" in text
    assert movie_progress(2, 5, "gif") == ("2", "5", "Rendered 2 of 4 frames…")
    assert "encoding the GIF" in movie_progress(4, 5, "gif")[2]
    assert "Encoded the MP4" in movie_progress(5, 5, "mp4")[2]
