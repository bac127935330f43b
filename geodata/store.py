"""The theatre's GeoPackage: districts, areas, landmarks, river, outline and bridges.

``python -m geodata build`` writes ``$FRONTLINE_DATA_DIR/geodata.gpkg`` (it opens in
QGIS) and, beside it, a stamp holding the SHA-256 of its inputs: the theatre's files, the
imported boundaries (if any) and :data:`STORE_VERSION`. It rebuilds only when that
digest changes. Writes go to a temporary file renamed into place, so a failed build
never leaves half a store.

Readers call :func:`load_districts`: it reads the store when it is current and
otherwise builds the polygons in memory, so the app and the tests work on a fresh tree.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pyogrio
from shapely.geometry import Point

from frontline import settings
from frontline.atomic import atomic_target, write_atomic
from frontline.errors import StoreError
from geodata.context import bridges, city_outline, river_line
from geodata.districts import (
    APPROXIMATE,
    BANK,
    CONFIDENCE,
    CRS,
    ID,
    KIND,
    NAME,
    NAME_AR,
    UNCERTAINTY_KM,
    build_areas,
    build_districts,
    containing_district,
    validate_districts,
)
from geodata.theatre import Theatre, load_theatre

STORE_FILE = "geodata.gpkg"
STAMP_SUFFIX = ".inputs.json"
BOUNDARIES_FILE = "boundaries.gpkg"
STORE_VERSION = 1
LAYERS = ("districts", "areas", "landmarks", "river", "outline", "bridges")
DISTRICT = "district"


@dataclass(frozen=True)
class BuildResult:
    """What ``build`` did: the path, whether it wrote, why, and the layer sizes."""

    path: Path
    built: bool
    reason: str
    counts: dict[str, int]
    seconds: float
    boundaries: Path | None

    def summary(self) -> str:
        if not self.built:
            return f"up to date: {self.path} ({self.reason}; --force rebuilds)"
        layers = ", ".join(f"{n} {name}" for name, n in self.counts.items())
        source = f"boundaries from {self.boundaries}" if self.boundaries else (
            "approximate Voronoi districts"
        )
        return f"built {self.path} in {self.seconds:.2f} s ({self.reason}): {layers}; {source}"


def store_path(data_dir: Path | None = None) -> Path:
    return (data_dir or settings.data_dir()) / STORE_FILE


def boundaries_path(data_dir: Path | None = None) -> Path | None:
    """The imported boundaries in use: ``FRONTLINE_BOUNDARIES``, else the data dir's."""
    configured = settings.get_path("BOUNDARIES") if settings.get("BOUNDARIES") else None
    return boundaries_in_use(data_dir or settings.data_dir(), configured)


def boundaries_in_use(data_dir: Path, configured: Path | None) -> Path | None:
    """The one rule for which boundaries the districts come from: the configured file,
    else the file ``import-boundaries`` left in the data folder, else none (the
    estimated Voronoi districts). The store's stamp and every reader use it, so a stamp
    never disagrees with what a reader expects."""
    imported = data_dir / BOUNDARIES_FILE
    return configured or (imported if imported.is_file() else None)


def inputs_digest(theatre: Theatre, boundaries: Path | None) -> str:
    """SHA-256 of everything the store is built from."""
    digest = hashlib.sha256(f"v{STORE_VERSION}:{theatre.name}".encode())
    for path in sorted(p for p in theatre.folder.iterdir() if p.is_file()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    if boundaries is not None:
        if not boundaries.is_file():
            raise StoreError(f"boundaries file {boundaries} is missing (FRONTLINE_BOUNDARIES)")
        digest.update(b"boundaries\0" + boundaries.read_bytes())
    return digest.hexdigest()


def build_layers(theatre: Theatre, boundaries: Path | None = None) -> dict[str, gpd.GeoDataFrame]:
    """Every layer of the store, in memory."""
    districts = read_imported(boundaries) if boundaries else build_districts(theatre)
    river = river_line(theatre)
    return {
        "districts": districts,
        "areas": build_areas(theatre, districts),
        "landmarks": _landmarks(theatre, districts),
        "river": gpd.GeoDataFrame({NAME: ["river"] if river is not None else []},
                                  geometry=[river] if river is not None else [], crs=CRS),
        "outline": gpd.GeoDataFrame({NAME: [theatre.city]}, geometry=[city_outline(theatre)],
                                    crs=CRS),
        "bridges": gpd.GeoDataFrame(
            [{NAME: b.name, NAME_AR: b.name_ar, "connects": b.connects,
              CONFIDENCE: b.confidence, "geometry": b.point} for b in bridges(theatre)],
            columns=[NAME, NAME_AR, "connects", CONFIDENCE, "geometry"],
            geometry="geometry", crs=CRS,
        ),
    }


def _landmarks(theatre: Theatre, districts: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    rows = [
        {
            ID: p.id, NAME: p.label, NAME_AR: p.name_ar, KIND: p.kind, BANK: p.bank,
            CONFIDENCE: p.confidence, UNCERTAINTY_KM: p.uncertainty_km,
            DISTRICT: containing_district(districts, Point(p.lon, p.lat), p.bank) or "",
            "geometry": Point(p.lon, p.lat),
        }
        for p in theatre.places
        if p.kind in ("landmark", "town", "bridge") and p.lat is not None and p.lon is not None
    ]
    columns = [ID, NAME, NAME_AR, KIND, BANK, CONFIDENCE, UNCERTAINTY_KM, DISTRICT, "geometry"]
    return gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs=CRS)


def build_store(
    data_dir: Path | None = None, theatre: Theatre | None = None, force: bool = False
) -> BuildResult:
    """Write the GeoPackage unless its inputs are unchanged (``force`` rebuilds anyway)."""
    started = time.perf_counter()
    theatre = theatre or load_theatre()
    path = store_path(data_dir)
    boundaries = boundaries_path(data_dir)
    digest = inputs_digest(theatre, boundaries)
    stamp = _read_stamp(path)
    if not force and path.is_file() and stamp.get("digest") == digest:
        counts = stamp.get("counts")
        return BuildResult(path, False, "inputs unchanged",
                           dict(counts) if isinstance(counts, dict) else {}, 0.0, boundaries)
    reason = "forced" if force else ("inputs changed" if path.is_file() else "no store yet")
    layers = build_layers(theatre, boundaries)
    with atomic_target(path) as tmp:
        for name, layer in layers.items():
            pyogrio.write_dataframe(layer, tmp, layer=name, driver="GPKG")
    counts = {name: len(layer) for name, layer in layers.items()}
    write_atomic(_stamp_path(path),
                 json.dumps({"digest": digest, "theatre": theatre.name, "counts": counts}))
    return BuildResult(path, True, reason, counts, time.perf_counter() - started, boundaries)


def load_districts(
    data_dir: Path | None = None, theatre: Theatre | None = None
) -> gpd.GeoDataFrame:
    """The district polygons: from the store when current, else built in memory."""
    return load_layer("districts", data_dir, theatre)


def load_layer(
    name: str, data_dir: Path | None = None, theatre: Theatre | None = None
) -> gpd.GeoDataFrame:
    """One layer of the store (see :data:`LAYERS`), built in memory when the store is stale."""
    if name not in LAYERS:
        raise StoreError(f"no layer {name!r} in the geodata store (layers: {', '.join(LAYERS)})")
    return read_layer(name, store_path(data_dir), theatre or load_theatre(),
                      boundaries_path(data_dir))


def read_layer(name: str, path: Path, theatre: Theatre,
               boundaries: Path | None) -> gpd.GeoDataFrame:
    """One layer of the GeoPackage at ``path`` when it was built from ``theatre`` and
    ``boundaries``, else built from them in memory (every input given: nothing is
    looked up in the environment)."""
    if name not in LAYERS:
        raise StoreError(f"no layer {name!r} in the geodata store (layers: {', '.join(LAYERS)})")
    if path.is_file() and _read_stamp(path).get("digest") == inputs_digest(theatre, boundaries):
        layer = pyogrio.read_dataframe(path, layer=name, use_arrow=True)
        return _restore_types(layer)
    return build_layers(theatre, boundaries)[name]


def read_imported(path: Path) -> gpd.GeoDataFrame:
    """Districts written by ``import-boundaries`` (the store's own district columns)."""
    try:
        layer = pyogrio.read_dataframe(path, use_arrow=True)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise StoreError(f"cannot read boundaries {path}: {exc}") from None
    if ID not in layer.columns:
        raise StoreError(
            f"{path} has no '{ID}' column: load raw boundaries with "
            "`python -m geodata import-boundaries FILE --name-column C`"
        )
    return validate_districts(_restore_types(layer).to_crs(CRS))


def _restore_types(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if APPROXIMATE in layer.columns:
        layer[APPROXIMATE] = layer[APPROXIMATE].astype(bool)
    return layer


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + STAMP_SUFFIX)


def _read_stamp(path: Path) -> dict[str, object]:
    try:
        data = json.loads(_stamp_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
