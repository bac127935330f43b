"""One source file to one :class:`~timeline.records.Extraction`: an article or a chronology.

The file's suffix decides: ``.csv`` is an analyst chronology, ``.md``, ``.txt`` and
``.html`` are articles. Kept free of the GIS stack, so ``python -m timeline extract``
starts fast; :func:`timeline.pipeline.ingest` uses the same function for every file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from timeline.extract.articles import ARTICLE_SUFFIXES, load_article
from timeline.extract.chronology import load_chronology
from timeline.extract.extractor import extract_article
from timeline.records import Extraction

CHRONOLOGY_SUFFIXES = (".csv",)
INGEST_SUFFIXES = ARTICLE_SUFFIXES + CHRONOLOGY_SUFFIXES


def extract_path(path: str | Path, published: dt.date | None = None,
                 max_bytes: int | None = None) -> Extraction:
    """Extract one article or chronology file (``published`` wins over front matter;
    ``max_bytes`` is the run's article size limit, the configured one when None)."""
    path = Path(path)
    if path.suffix.lower() in CHRONOLOGY_SUFFIXES:
        return load_chronology(path)
    return extract_article(load_article(path, published, max_bytes))
