"""``python -m timeline store copy-to URL``: move the configured store (by default the
embedded one under ``FRONTLINE_DATA_DIR``) into a PostgreSQL database, decisions and
their whole log included (:mod:`timeline.store.sql.copy`). Then point
``FRONTLINE_DATABASE_URL`` at the URL. A target that is not empty, or cannot be
reached, is one line on stderr."""

from __future__ import annotations

import argparse

from frontline.cli import print_json
from frontline.errors import InputError
from frontline.settings import Settings
from geodata.theatre import load_theatre
from timeline.store.configured import configured_store, is_team_url
from timeline.store.files import FileStore
from timeline.store.sql import EMBEDDED_FILE
from timeline.store.sql.copy import copy_store
from timeline.store.sql.store import SqlStore


def store(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    if not is_team_url(args.url):
        raise InputError(f"copy-to needs a PostgreSQL URL (postgresql://user@host:5432/db), "
                         f"got {args.url!r}")
    source = configured_store(settings)
    target = SqlStore(args.url, settings.data_dir, settings.boundaries)
    if isinstance(source, SqlStore) and source.url == target.url:
        raise InputError("the store is already in that database")
    log = None
    if isinstance(source, FileStore):
        embedded = source.database_url == f"sqlite:///{source.data_dir / EMBEDDED_FILE}"
        if not embedded or (source.data_dir / EMBEDDED_FILE).is_file():
            log = source.decision_store().engine
    elif isinstance(source, SqlStore):
        log = source.engine
    done = copy_store(source, log, target, load_theatre(settings.theatre))
    if args.json:
        print_json({"articles": done.articles, "districts": done.districts,
                    "timeline": done.timeline, "analysts": done.analysts,
                    "decisions": done.decisions, "target": str(target)})
    else:
        print(done.line(str(target)))
    return 0
