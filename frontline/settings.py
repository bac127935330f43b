"""Every tunable of Frontline, in one registry.

Each setting is a :class:`Setting` record (name, default, help, kind). Its value comes
from the environment variable ``FRONTLINE_<NAME>`` when set, else the default; tests
check that every setting is documented in the README.

The pipeline, the CLIs and the app take their values as one typed, validated
:class:`Settings` object, read once at an entry point by :meth:`Settings.from_env` (the
one place the environment is read for a run), so a rule never changes its numbers in
the middle of a build. :func:`get` and :func:`get_int` remain for single look-ups.

Settings
--------
THEATRE : str
    Theatre folder under ``geodata/theatres`` (or a path to one). Default ``mosul``.
DATA_DIR : path
    Where built data lives (GeoPackage, article store, timeline). Default ``data/``.
SEEDS_DIR : path
    Articles and analyst chronologies ingested by ``make run``. Default ``seeds/``.
HOST, PORT
    Where ``python -m dashboard`` serves. Default ``127.0.0.1`` and ``8050``.
MAP_STYLE : str
    MapLibre style of the map. Default ``white-bg`` (offline). A tile style such as
    ``carto-positron`` needs the internet.
MAX_ARTICLE_BYTES : int
    Articles larger than this are refused. Default 5,000,000.
MAX_UPLOAD_BYTES : int
    Reports uploaded or pasted in the app (``.md``, ``.txt``, ``.html``, ``.pdf``) larger
    than this are refused before they are read. Default 1,000,000. An upload reaches the
    app base64-encoded in a callback request, so keep ``MAX_REQUEST_BYTES`` above 4/3 of it.
CONTESTED_DAYS : int
    Days a district stays contested after fighting is reported in it. Default 7.
ASSUMED_AFTER_DAYS : int
    Days without new evidence after which a state is only ``assumed``. Default 30.
PLAUSIBLE_FLIPS : int
    Most districts one source may flip against the evidence on its own; more (or a whole
    bank) only contests them and is held for review until a second, independent source
    says the same. Default 5.
EVENT_FADE_DAYS : int
    Days an event marker stays on the map after its date. Default 7.
BOUNDARIES : path
    Optional authoritative district boundaries imported by ``geodata import-boundaries``
    and used in place of the estimated Voronoi polygons. Default empty.
INGEST_FILE_SECONDS : int
    Time budget of one file's extraction at ingest; over it the file is reported and
    skipped. 0 runs extraction inline, without a budget. Default 60.
INGEST_FILE_MEMORY_MB : int
    Memory budget (MB on top of the ingest process's own) of one file's extraction.
    Default 2048.
EXPORT_JOBS : int
    Exports and decks the app renders at once; more wait in a queue. Default 2.
EXPORT_QUEUE : int
    Exports and decks that may wait for a free slot; more are refused as busy. Default 4
    (a waiting export holds one of the server's 8 threads).
MAX_REQUEST_BYTES : int
    Largest request body the app accepts; larger ones get 413. Default 2,000,000.
DATABASE_URL : str
    Where analyst accounts and decisions are kept, as an SQLAlchemy URL. Default empty:
    the embedded SQLite file ``frontline.db`` in ``DATA_DIR``
    (``sqlite:///<DATA_DIR>/frontline.db``), created on the first decision. A
    PostgreSQL URL (``postgresql://user@host:5432/db``) holds the whole store there
    (articles, PostGIS districts and places, timeline, decisions): the team deployment.
BROKER_URL : str
    Redis URL of the job broker (``redis://host:6379/0``). Default empty: no broker;
    jobs run in the app (diskcache) as on one laptop. Set, ingest, builds, decks, movies
    and reports read for their preview run on Celery workers
    (``celery -A dashboard.worker worker``).
JOB_QUEUE : str
    Name of the Celery queue the app and ``python -m timeline jobs`` send to and the
    workers read. Default ``frontline``.
JOB_VISIBILITY_MINUTES : int
    Minutes after which a job taken by a worker that died without acknowledging it is
    handed to another worker (Redis's own default is an hour). Default 10.
WORKERS : int
    Web worker processes of ``python -m dashboard`` (more than 1: gunicorn). Default 1.
SECRET_KEY : str
    Signs the app's session cookies (sign-in, CSRF token). Default empty: a random key
    kept in ``<DATA_DIR>/secret_key`` (created with mode 0600 on first use).
AUTH_HEADER : str
    A request header naming the signed-in analyst, set by an authenticating reverse
    proxy (e.g. ``X-Forwarded-User``). Default empty: off, analysts sign in with their
    password. Set it only behind a proxy that strips the header from clients.
CACHE_DIR : path
    Files the app can always rebuild: the Brotli copies of the page's scripts, named by
    their content's hash, so each is compressed once per machine rather than at every
    start. Default ``~/.cache/frontline`` (``$XDG_CACHE_HOME/frontline`` when set).
FOLLOW_SECONDS : int
    How often an open page asks whether the store changed elsewhere (another analyst,
    tab, worker process or the CLI) and redraws with it. Default 30; 0 turns it off.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontline.errors import SettingsError

ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "FRONTLINE_"


TEXT = "text"
INT = "int"
PATH = "path"
OPTIONAL_PATH = "optional path"
OPTIONAL_TEXT = "optional text"


@dataclass(frozen=True)
class Setting:
    """One tunable: its name (without the prefix), default, help text and how it parses.

    ``kind`` is :data:`TEXT` (non-empty), :data:`INT` (within ``minimum``..``maximum``),
    :data:`PATH` (relative to the repository root), :data:`OPTIONAL_PATH` or
    :data:`OPTIONAL_TEXT` (empty: none).
    """

    name: str
    default: str
    help: str
    kind: str = TEXT
    minimum: int | None = None
    maximum: int | None = None

    @property
    def env_var(self) -> str:
        return ENV_PREFIX + self.name

    @property
    def field(self) -> str:
        """The :class:`Settings` attribute holding this setting's parsed value."""
        return self.name.lower()

    def parse(self, raw: str) -> Any:
        """The typed value of ``raw``, or a one-line :class:`SettingsError` naming the variable."""
        if self.kind == INT:
            try:
                value = int(raw)
            except ValueError:
                raise SettingsError(f"{self.env_var} must be an integer, got {raw!r}") from None
            if self.minimum is not None and value < self.minimum:
                raise SettingsError(f"{self.env_var} must be at least {self.minimum}, got {value}")
            if self.maximum is not None and value > self.maximum:
                raise SettingsError(f"{self.env_var} must be at most {self.maximum}, got {value}")
            return value
        if self.kind == OPTIONAL_PATH:
            return _path(raw) if raw.strip() else None
        if self.kind == OPTIONAL_TEXT:
            return raw.strip() or None
        if not raw.strip():
            raise SettingsError(f"{self.env_var} must not be empty")
        return _path(raw) if self.kind == PATH else raw


SETTINGS: tuple[Setting, ...] = (
    Setting("THEATRE", "mosul", "Theatre folder under geodata/theatres, or a path to one."),
    Setting("DATA_DIR", str(ROOT / "data"), "Where built data (GeoPackage, timeline) lives.",
            PATH),
    Setting("SEEDS_DIR", str(ROOT / "seeds"), "Articles and chronologies ingested by `make run`.",
            PATH),
    Setting("HOST", "127.0.0.1", "Host the dashboard serves on."),
    Setting("PORT", "8050", "Port the dashboard serves on.", INT, 1, 65535),
    Setting("MAP_STYLE", "white-bg", "MapLibre style; anything but white-bg needs the internet."),
    Setting("MAX_ARTICLE_BYTES", "5000000", "Articles larger than this are refused.", INT, 1),
    Setting("MAX_UPLOAD_BYTES", "1000000", "Reports added in the app larger than this are "
            "refused.", INT, 1),
    Setting("CONTESTED_DAYS", "7", "Days a district stays contested after reported fighting.",
            INT, 0),
    Setting("ASSUMED_AFTER_DAYS", "30", "Days without evidence after which a state is 'assumed'.",
            INT, 1),
    Setting("PLAUSIBLE_FLIPS", "5", "Most districts one source may flip alone; more needs a "
            "second source.", INT, 0),
    Setting("EVENT_FADE_DAYS", "7", "Days an event marker stays on the map after its date.",
            INT, 0),
    Setting("BOUNDARIES", "", "Authoritative district boundaries file used instead of estimates.",
            OPTIONAL_PATH),
    Setting("INGEST_FILE_SECONDS", "60", "Time budget of one file's extraction; over it the "
            "file is skipped (0: no budget).", INT, 0),
    Setting("INGEST_FILE_MEMORY_MB", "2048", "Memory budget (MB) of one file's extraction.",
            INT, 64),
    Setting("EXPORT_JOBS", "2", "Exports and decks the app renders at once.", INT, 1, 64),
    Setting("EXPORT_QUEUE", "4", "Exports and decks that may wait for a slot; more are busy.",
            INT, 0),
    Setting("MAX_REQUEST_BYTES", "2000000", "Largest request body the app accepts (413 over).",
            INT, 1024),
    Setting("DATABASE_URL", "", "SQLAlchemy URL of the analyst decisions; empty: "
            "sqlite:///<DATA_DIR>/frontline.db.", OPTIONAL_TEXT),
    Setting("BROKER_URL", "", "Redis URL of the Celery job broker; empty: jobs run in the app.",
            OPTIONAL_TEXT),
    Setting("JOB_QUEUE", "frontline", "Celery queue the app and `timeline jobs` send jobs to."),
    Setting("JOB_VISIBILITY_MINUTES", "10", "Minutes before a job of a dead worker is handed "
            "to another.", INT, 1, 24 * 60),
    Setting("WORKERS", "1", "Web worker processes of `python -m dashboard` (>1: gunicorn).",
            INT, 1, 64),
    Setting("SECRET_KEY", "", "Key signing the app's session cookies; empty: "
            "<DATA_DIR>/secret_key.", OPTIONAL_TEXT),
    Setting("AUTH_HEADER", "", "Header naming the analyst, set by an authenticating reverse "
            "proxy; empty: off.", OPTIONAL_TEXT),
    Setting("CACHE_DIR", str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                             / "frontline"),
            "Files the app can rebuild (compressed copies of the page's scripts).", PATH),
    Setting("FOLLOW_SECONDS", "30", "How often an open page asks whether decisions were made "
            "elsewhere (another analyst, tab, worker or the CLI); 0: never.", INT, 0, 3600),
)
_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """Every setting of one run, typed and validated (one field per :data:`SETTINGS` entry).

    Build one with :meth:`from_env` at an entry point (a CLI command, the app, a job)
    and pass it down; change a value for a test or a job with :func:`dataclasses.replace`.
    """

    theatre: str
    data_dir: Path
    seeds_dir: Path
    host: str
    port: int
    map_style: str
    max_article_bytes: int
    max_upload_bytes: int
    contested_days: int
    assumed_after_days: int
    plausible_flips: int
    event_fade_days: int
    boundaries: Path | None
    ingest_file_seconds: int
    ingest_file_memory_mb: int
    export_jobs: int
    export_queue: int
    max_request_bytes: int
    database_url: str | None
    broker_url: str | None
    job_queue: str
    job_visibility_minutes: int
    workers: int
    secret_key: str | None
    auth_header: str | None
    cache_dir: Path
    follow_seconds: int

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read every ``FRONTLINE_*`` variable of ``environ`` (default: the process's).

        Raises
        ------
        SettingsError
            One line naming the first variable whose value cannot be used.
        """
        env = os.environ if environ is None else environ
        return cls(**{s.field: s.parse(env.get(s.env_var, s.default)) for s in SETTINGS})

    @classmethod
    def defaults(cls) -> Settings:
        """The registry's defaults, whatever the environment holds."""
        return cls.from_env({})


def get(name: str) -> str:
    """Return the current value of setting ``name`` (environment first, then default)."""
    setting = _BY_NAME[name]
    return os.environ.get(setting.env_var, setting.default)


def get_int(name: str) -> int:
    """Return an integer setting, with a readable error when the environment holds junk."""
    return int(_BY_NAME[name].parse(get(name)))


def get_path(name: str) -> Path:
    """Return a path setting, relative paths taken from the repository root."""
    return _path(get(name))


def _path(raw: str) -> Path:
    path = Path(raw)
    return path if path.is_absolute() else ROOT / path


def data_dir() -> Path:
    """The data directory, created on first use."""
    path = get_path("DATA_DIR")
    path.mkdir(parents=True, exist_ok=True)
    return path
