"""The one place that decides which store a run uses, from its settings.

``FRONTLINE_DATABASE_URL`` naming PostgreSQL (``postgresql://...``) puts everything in
that database (:class:`timeline.store.sql.store.SqlStore`: articles, districts,
timeline, decisions): the team deployment. Anything else keeps the embedded default,
the files of ``FRONTLINE_DATA_DIR`` (:class:`timeline.store.files.FileStore`), whose
decisions go to the SQLite file there or to the SQLite URL given.
"""

from __future__ import annotations

from frontline.settings import Settings
from timeline.store.files import FileStore
from timeline.store.protocol import Store


def is_team_url(url: str | None) -> bool:
    """Whether ``url`` names a PostgreSQL database (the team store)."""
    return bool(url) and str(url).split(":", 1)[0].split("+", 1)[0] in ("postgresql", "postgres")


def configured_store(settings: Settings) -> Store:
    """The store of this run's settings (see the module docstring)."""
    if is_team_url(settings.database_url):
        from timeline.store.sql.store import SqlStore  # SQLAlchemy only for a team store

        assert settings.database_url is not None
        return SqlStore(settings.database_url, settings.data_dir, settings.boundaries)
    return FileStore.from_settings(settings)
