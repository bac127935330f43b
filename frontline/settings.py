"""Every tunable of Frontline, in one registry.

Each setting is a :class:`Setting` record (name, default, help). Its value comes from
the environment variable ``FRONTLINE_<NAME>`` when set, else the default. Read values
with :func:`get`; tests check that every setting is documented in the README.

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
CONTESTED_DAYS : int
    Days a district stays contested after fighting is reported in it. Default 7.
ASSUMED_AFTER_DAYS : int
    Days without new evidence after which a state is only ``assumed``. Default 30.
EVENT_FADE_DAYS : int
    Days an event marker stays on the map after its date. Default 7.
BOUNDARIES : path
    Optional authoritative district boundaries imported by ``geodata import-boundaries``
    and used in place of the estimated Voronoi polygons. Default empty.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "FRONTLINE_"


@dataclass(frozen=True)
class Setting:
    """One tunable: its name (without the prefix), default value and help text."""

    name: str
    default: str
    help: str

    @property
    def env_var(self) -> str:
        return ENV_PREFIX + self.name


SETTINGS: tuple[Setting, ...] = (
    Setting("THEATRE", "mosul", "Theatre folder under geodata/theatres, or a path to one."),
    Setting("DATA_DIR", str(ROOT / "data"), "Where built data (GeoPackage, timeline) lives."),
    Setting("SEEDS_DIR", str(ROOT / "seeds"), "Articles and chronologies ingested by `make run`."),
    Setting("HOST", "127.0.0.1", "Host the dashboard serves on."),
    Setting("PORT", "8050", "Port the dashboard serves on."),
    Setting("MAP_STYLE", "white-bg", "MapLibre style; anything but white-bg needs the internet."),
    Setting("MAX_ARTICLE_BYTES", "5000000", "Articles larger than this are refused."),
    Setting("CONTESTED_DAYS", "7", "Days a district stays contested after reported fighting."),
    Setting("ASSUMED_AFTER_DAYS", "30", "Days without evidence after which a state is 'assumed'."),
    Setting("EVENT_FADE_DAYS", "7", "Days an event marker stays on the map after its date."),
    Setting("BOUNDARIES", "", "Authoritative district boundaries file used instead of estimates."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """Return the current value of setting ``name`` (environment first, then default)."""
    setting = _BY_NAME[name]
    return os.environ.get(setting.env_var, setting.default)


def get_int(name: str) -> int:
    """Return an integer setting, with a readable error when the environment holds junk."""
    raw = get(name)
    try:
        return int(raw)
    except ValueError:
        from frontline.errors import SettingsError

        raise SettingsError(f"{ENV_PREFIX}{name} must be an integer, got {raw!r}") from None


def get_path(name: str) -> Path:
    """Return a path setting, relative paths taken from the repository root."""
    path = Path(get(name))
    return path if path.is_absolute() else ROOT / path


def data_dir() -> Path:
    """The data directory, created on first use."""
    path = get_path("DATA_DIR")
    path.mkdir(parents=True, exist_ok=True)
    return path
