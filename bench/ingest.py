"""Extraction speed: articles per second for 100 and 1,000 seed-sized articles.

SYNTHETIC DATA: the articles are copies of the seed article with the numbers, the
weekday and the publication date varied, so that no two are identical; they are
benchmark inputs, not data. Timed: ``extract_article`` on already-loaded articles,
and a full pipeline ``ingest`` (load + extract + atomic store write) for 100 files.

Targets (issue 4): at least 100 articles/s on one core, and 10x the articles in at
most 11x the time (linear growth).
"""

from __future__ import annotations

import datetime as dt
import gc
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from frontline.settings import Settings
from geodata.gazetteer import get_gazetteer
from timeline.extract.articles import load_article
from timeline.extract.extractor import extract_article
from timeline.pipeline import ingest
from timeline.records import Article
from timeline.store.files import FileStore

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "2017-05-10-iraqinews-al-maamel.md"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def synthetic_articles(n: int) -> list[Article]:
    """``n`` variants of the seed (SYNTHETIC: numbers, weekday and date changed)."""
    seed = load_article(SEED)
    out = []
    for i in range(n):
        text = (seed.text.replace("3320", str(3000 + i)).replace("20 Daesh", f"{20 + i % 50} Daesh")
                .replace("on Wednesday", f"on {WEEKDAYS[i % 7]}"))
        published = seed.published + dt.timedelta(days=i % 30) if seed.published else None
        out.append(replace(seed, id=f"synthetic-{i:05d}", text=text, published=published))
    return out


def _rate(articles: list[Article]) -> tuple[float, float, float]:
    """CPU seconds (this process, one core), articles per CPU second, per wall second.

    CPU time is the figure compared with the target: the benchmark machine is shared,
    and wall time then measures the neighbours as much as the extractor.
    """
    gazetteer = get_gazetteer()
    extract_article(articles[0], gazetteer)  # warm-up: regexes compiled, gazetteer built
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    for article in articles:
        extract_article(article, gazetteer)
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    return cpu, len(articles) / cpu, len(articles) / wall


def _ingest_files(n: int) -> float:
    seed_text = SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder, data = Path(tmp) / "in", Path(tmp) / "data"
        folder.mkdir()
        for i in range(n):
            body = seed_text.replace("3320", str(3000 + i))
            (folder / f"synthetic-{i:05d}.md").write_text(body, encoding="utf-8")
        started = time.perf_counter()
        report = ingest(FileStore(data), folder, Settings.from_env())
        seconds = time.perf_counter() - started
        assert report.extracted == n, report.failures
    return n / seconds


def run(smoke: bool = False) -> dict[str, Any]:
    small, large = (10, 100) if smoke else (100, 1000)
    t_small, rate_small, wall_small = _rate(synthetic_articles(small))
    t_large, rate_large, wall_large = _rate(synthetic_articles(large))
    growth = t_large / t_small
    return {
        "data": "SYNTHETIC copies of the seed article",
        f"articles_per_cpu_s_{small}": round(rate_small, 1),
        f"articles_per_cpu_s_{large}": round(rate_large, 1),
        f"articles_per_wall_s_{small}": round(wall_small, 1),
        f"articles_per_wall_s_{large}": round(wall_large, 1),
        "articles_per_s_target": (round(min(rate_small, rate_large), 1), 100, ">="),
        "growth_10x_target": (round(growth, 2), 11, "<="),
        "ingest_files_per_s": round(_ingest_files(10 if smoke else 100), 1),
    }


if __name__ == "__main__":
    for key, value in run(smoke=False).items():
        print(f"{key}: {value}")
