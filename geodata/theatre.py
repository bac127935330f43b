"""A theatre: one city and one battle, described by a folder of files.

A theatre folder holds ``theatre.yaml`` (name, metric CRS, sides with their colours and
the actor names that belong to them, the initial control state, the battle window, the
banks and the river file) and ``places.csv``, ``outline.csv``, optionally the river line
it names (Mosul: ``tigris.csv``) and ``bridges.csv``. :func:`load_theatre` reads and
checks them and returns a :class:`Theatre` with typed :class:`Place` records. Adding a
city means adding a folder: nothing in the code names Mosul's sides, banks or river.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml

from frontline import settings
from frontline.errors import GeodataError
from geodata.sides import STATES, SideCodes

THEATRES_DIR = Path(__file__).resolve().parent / "theatres"
PLACE_KINDS = ("district", "area", "landmark", "city", "town", "bridge")


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: a district, an area (union of districts), a landmark, a town
    or a bridge (read from ``bridges.csv``: a point on the map, never a district)."""

    id: str
    kind: str
    name: str
    name_ar: str = ""
    variants: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    bank: str = ""
    parent: str = ""
    uncertainty_km: float | None = None
    confidence: str = ""
    source: str = ""
    note: str = ""
    glosses: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The name as shown to readers: without bracketed notes ("al-Hay al-Zira'i (east;
        NOT Islah al-Zirai)" is "al-Hay al-Zira'i"); the notes stay in ``name``. A bracket
        that is only a bank ("al-Sihha (east)") stays: it is how readers tell apart two
        places of one name on the two banks."""
        kept = re.sub(r"\((?!\s*(?:east|west)\s*\))[^)]*\)", " ", self.name)
        return " ".join(kept.split()) or self.name

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling of the place: the name, its bracketed parts, variants, Arabic.

        ``glosses`` (optional column) lists the variants that are English translations
        ("Factories" for al-Maamel): the gazetteer matches them but never finds them in
        running prose, where they are ordinary words.
        """
        return (self.name, *self.variants, *((self.name_ar,) if self.name_ar else ()))


@dataclass(frozen=True)
class NamedAnchor:
    """An event a date chain may count from ("three years after the fall of Mosul")."""

    phrases: tuple[str, ...]
    date: dt.date
    source: str


@dataclass(frozen=True)
class Actor:
    """A name articles use for a force: ``pattern`` (a regular expression, matched
    ignoring case) is read as the canonical ``name``; ``starts`` are the lower-cased
    words a match can begin with (extraction tries the pattern only there)."""

    name: str
    pattern: str
    starts: tuple[str, ...]


@dataclass(frozen=True)
class Side:
    """A side as the map shows it, and the actors extraction assigns to it."""

    key: str
    label: str
    color: str
    actors: tuple[Actor, ...] = ()
    short: str = ""

    @property
    def short_label(self) -> str:
        """The label where room is short (the chart's share lines): ``short``, else
        ``label``."""
        return self.short or self.label


@dataclass(frozen=True)
class Theatre:
    """A theatre's configuration and its place records.

    ``sides`` holds the forces, then ``contested`` and ``unknown`` (their code order is
    :attr:`side_codes`); ``advancing`` names the force whose share claimed percentages
    give, ``advancing_actor`` the actor credited with a retake no article names anyone
    for; ``river`` is the file of the river line ("": the theatre has no river).
    """

    name: str
    title: str
    city: str
    folder: Path
    crs: str
    sides: dict[str, Side]
    initial_side: str
    initial_since: dt.date
    initial_evidence: str
    battle_start: dt.date
    battle_end: dt.date
    center: tuple[float, float]
    zoom: float
    banks: tuple[str, ...]
    city_area: str
    places: tuple[Place, ...] = field(repr=False)
    anchors: tuple[NamedAnchor, ...] = ()
    advancing: str = ""
    advancing_actor: str = ""
    river: str = ""
    river_name: str = "River"

    @cached_property
    def side_codes(self) -> SideCodes:
        """Code order of the sides: the forces as ``theatre.yaml`` lists them, then
        ``contested`` and ``unknown``."""
        return SideCodes.of_forces([k for k in self.sides if k not in STATES])

    @property
    def advancing_side(self) -> str:
        """The side whose gains articles count in percentages ("70 percent of the west
        retaken") and who retakes a place when no actor is named: ``advancing`` in
        ``theatre.yaml``, else the first force."""
        return self.advancing or self.side_codes.forces[0]

    @property
    def share_keys(self) -> tuple[str, ...]:
        """What shares of ground are reported for: each bank, then the whole city."""
        return (*self.banks, "city")

    @cached_property
    def places_by_id(self) -> dict[str, Place]:
        return {p.id: p for p in self.places}

    def place(self, place_id: str) -> Place:
        try:
            return self.places_by_id[place_id]
        except KeyError:
            raise GeodataError(f"unknown place id {place_id!r} in theatre {self.name}") from None

    @property
    def districts(self) -> tuple[Place, ...]:
        """Places that get a polygon of their own."""
        return tuple(p for p in self.places if p.kind == "district" and p.lat is not None)

    def path(self, filename: str) -> Path:
        return self.folder / filename


def theatre_folder(name: str | None = None) -> Path:
    """Resolve a theatre name (or path) to its folder."""
    name = name or settings.get("THEATRE")
    candidate = Path(name)
    folder = candidate if candidate.is_dir() else THEATRES_DIR / name
    if not (folder / "theatre.yaml").is_file():
        raise GeodataError(f"no theatre {name!r}: expected {folder / 'theatre.yaml'}")
    return folder


@cache
def load_theatre(name: str | None = None) -> Theatre:
    """Load and check a theatre (``FRONTLINE_THEATRE`` when ``name`` is None)."""
    folder = theatre_folder(name)
    config = _read_yaml(folder / "theatre.yaml")
    places = tuple(read_places(folder / "places.csv"))
    places += tuple(read_bridge_places(folder / "bridges.csv", {p.id for p in places}))
    try:
        sides = {key: _side(str(key), v) for key, v in config["sides"].items()}
        advancing = config.get("advancing") or {}
        theatre = Theatre(
            name=str(config["name"]),
            title=str(config["title"]),
            city=str(config.get("city", config["name"])),
            folder=folder,
            crs=str(config["crs"]),
            sides=sides,
            initial_side=str(config["initial"]["side"]),
            initial_since=_date(config["initial"]["since"]),
            initial_evidence=str(config["initial"].get("evidence", "")),
            battle_start=_date(config["battle"]["start"]),
            battle_end=_date(config["battle"]["end"]),
            center=(float(config["map"]["center"]["lat"]), float(config["map"]["center"]["lon"])),
            zoom=float(config["map"]["zoom"]),
            banks=tuple(config.get("banks", ())),
            city_area=str(config.get("city_area", "")),
            places=places,
            anchors=tuple(_anchor(a) for a in config.get("anchors") or ()),
            advancing=str(advancing.get("side", "")),
            advancing_actor=str(advancing.get("actor", "")),
            river=str(config.get("river") or ""),
            river_name=str(config.get("river_name") or "River"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GeodataError(f"{folder / 'theatre.yaml'}: missing or bad entry {exc}") from None
    _check(theatre)
    return theatre


def _check(theatre: Theatre) -> None:
    """Refuse a theatre whose sides, advancing side, initial side or river do not add up."""
    where = theatre.folder / "theatre.yaml"
    missing = set(STATES) - set(theatre.sides)
    if missing:
        raise GeodataError(f"{where}: sides lack {sorted(missing)}")
    forces = theatre.side_codes.forces
    if theatre.initial_side not in forces:
        raise GeodataError(f"{where}: initial side {theatre.initial_side!r} is not one of "
                           f"the forces {list(forces)}")
    if theatre.advancing and theatre.advancing not in forces:
        raise GeodataError(f"{where}: advancing side {theatre.advancing!r} is not one of "
                           f"the forces {list(forces)}")
    if theatre.river and not theatre.path(theatre.river).is_file():
        raise GeodataError(f"{where}: river file {theatre.river!r} is missing")
    if not theatre.river and len(theatre.banks) > 1:
        raise GeodataError(f"{where}: {len(theatre.banks)} banks need a river to split them")


def _side(key: str, entry: Any) -> Side:
    """One ``sides`` entry: label, colour and (for a force) the actors named for it."""
    actors = tuple(
        Actor(str(a["name"]), str(a["pattern"]), tuple(str(w).lower() for w in a["starts"]))
        for a in entry.get("actors") or ())
    for actor in actors:
        try:
            re.compile(actor.pattern)
        except re.error as exc:
            raise ValueError(f"actor {actor.name!r}: bad pattern ({exc})") from None
        if not actor.starts:
            raise ValueError(f"actor {actor.name!r}: 'starts' lists no word")
    return Side(key, str(entry["label"]), str(entry["color"]), actors,
                str(entry.get("short") or ""))


def _anchor(entry: Any) -> NamedAnchor:
    """One ``anchors`` entry: a list of phrases (each with a word besides "the")."""
    phrases = entry["phrases"]
    if not isinstance(phrases, list) or not all(
            isinstance(p, str) and any(w.lower() != "the" for w in p.split()) for p in phrases):
        raise ValueError(f"anchors: 'phrases' must be a list of phrases, got {phrases!r}")
    return NamedAnchor(tuple(phrases), _date(entry["date"]), str(entry["source"]))


def read_places(path: Path, kind: str = "", taken: set[str] | None = None) -> list[Place]:
    """Read a gazetteer CSV (the columns of the reference ``places.csv``).

    ``kind``: the kind of every row, for files without a ``kind`` column (their rows
    may lack an ``id`` too: it is then made from the name); ``taken``: ids already
    used by other files (updated with this file's ids).
    """
    places: list[Place] = []
    seen = taken if taken is not None else set()
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            pid = (row.get("id") or "").strip()
            if not pid and kind and row.get("name"):  # a bridges.csv without ids
                pid = re.sub(r"[^a-z0-9]+", "-", row["name"].split("/")[0].lower()).strip("-")
            if not pid or pid in seen:
                raise GeodataError(f"{path}:{line}: missing or duplicate id {pid!r}")
            seen.add(pid)
            row_kind = kind or (row.get("kind") or "").strip()
            if row_kind not in PLACE_KINDS:
                raise GeodataError(f"{path}:{line}: unknown kind {row_kind!r} for {pid}")
            places.append(
                Place(
                    id=pid,
                    kind=row_kind,
                    name=row["name"].strip(),
                    name_ar=(row.get("name_ar") or "").strip(),
                    variants=_split_variants(row.get("variants")),
                    lat=_float(row.get("lat")),
                    lon=_float(row.get("lon")),
                    bank=(row.get("bank") or "").strip(),
                    parent=(row.get("parent") or "").strip(),
                    uncertainty_km=_float(row.get("uncertainty_km")),
                    confidence=(row.get("confidence") or "").strip(),
                    source=(row.get("source") or path.name).strip(),
                    note=(row.get("note") or "").strip(),
                    glosses=_split_variants(row.get("glosses")),
                )
            )
    return places


def read_bridge_places(path: Path, taken: set[str]) -> list[Place]:
    """The bridges of ``bridges.csv`` as gazetteer places (none when there is no file).

    Events name bridges ("coalition strikes disable the Fourth Bridge"): as places they
    get a point on the map, while control stays with the districts at either end.
    """
    return read_places(path, kind="bridge", taken=taken) if path.is_file() else []


def read_line(path: Path) -> list[tuple[float, float]]:
    """Read a ``seq,lat,lon`` CSV as (lon, lat) vertices in sequence order."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: int(r["seq"]))
    return [(float(r["lon"]), float(r["lat"])) for r in rows]


def _read_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise GeodataError(f"{path}: expected a mapping")
    return data


def _float(raw: str | None) -> float | None:
    raw = (raw or "").strip()
    return float(raw) if raw else None


def _date(raw: object) -> dt.date:
    return raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))


def _split_variants(raw: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (raw or "").split(";") if v.strip())
