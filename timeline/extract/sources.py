"""One source file to one :class:`~timeline.records.Extraction`: an article or a
chronology.

The file's suffix decides: ``.csv`` is an analyst chronology, ``.md``, ``.txt`` and
``.html`` are articles. A file's article id is its id among the files ingest reads
beside it (:func:`timeline.ids.article_ids`), so ``extract`` shows the ids ingest
stores. Kept free of the GIS stack, so ``python -m timeline extract`` starts fast;
:func:`timeline.pipeline.ingest` uses the same function for every file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from geodata.gazetteer import Gazetteer
from timeline.extract.articles import ARTICLE_SUFFIXES, load_article
from timeline.extract.chronology import load_chronology
from timeline.extract.extractor import extract_article
from timeline.ids import article_ids
from timeline.records import Extraction

CHRONOLOGY_SUFFIXES = (".csv",)
INGEST_SUFFIXES = ARTICLE_SUFFIXES + CHRONOLOGY_SUFFIXES


def extract_path(path: str | Path, published: dt.date | None = None, *,
                 id: str | None = None, max_bytes: int | None = None,
                 gazetteer: Gazetteer | None = None) -> Extraction:
    """Extract one article or chronology file (``published`` wins over front matter;
    ``id`` is the file's article id, by default :func:`folder_article_id`; ``max_bytes``
    is the run's article size limit and ``gazetteer`` the run's theatre's, the
    configured ones when None: a run passes its own, built once for all its files)."""
    path = Path(path)
    id = id or folder_article_id(path)
    if path.suffix.lower() in CHRONOLOGY_SUFFIXES:
        return load_chronology(path, gazetteer, id=id, max_bytes=max_bytes)
    return extract_article(load_article(path, published, id=id, max_bytes=max_bytes),
                           gazetteer)


def ingest_files(folder: Path) -> list[Path]:
    """The files of ``folder`` that ingest reads, sorted (no hidden files, no READMEs)."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in INGEST_SUFFIXES
                  and not p.name.startswith((".", "README")))


def folder_article_id(path: Path) -> str:
    """``path``'s id among the files ingest would read beside it."""
    siblings = ingest_files(path.parent) if path.parent.is_dir() else []
    return article_ids([*(p.name for p in siblings), path.name]).ids[path.name]
