"""Build ``src/uavscreen/data/geo/countries-110m.json.gz`` from Natural Earth 1:110m.

Why a build step: the HTML report draws route maps offline, so the product ships the
country outlines.  They come from the npm package ``world-atlas`` (Mike Bostock's TopoJSON
build of Natural Earth admin-0 countries, public domain; the package itself is ISC).  We
decode the TopoJSON once here (arcs, delta encoding, quantisation) into plain lon/lat rings
keyed by ISO 3166-1 alpha-2, with a bounding box and a centroid per country (plus the
centroids of the small states only the 1:50m file has), so the product needs no TopoJSON
decoder at run time.

Usage (dev only, needs the npm client):
    npm pack world-atlas@2.0.2
    .venv/bin/python tools/build_map_data.py world-atlas-2.0.2.tgz
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import io
import json
import sys
import tarfile
from pathlib import Path
from typing import Any

import pycountry

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "src" / "uavscreen" / "data" / "geo"
OUT_NAME = "countries-110m.json.gz"
MEMBER = "package/countries-110m.json"
# The 1:50m file adds the small states 1:110m leaves out (Hong Kong, Singapore, Malta,
# Bahrain…), several of them transshipment hubs: we keep only their centroids.
CENTROID_MEMBER = "package/countries-50m.json"
PRECISION = 2  # decimal degrees kept: about 1 km, far below the 1:110m generalisation
# Natural Earth features without an ISO numeric code in world-atlas; XK is the code the
# EU, the UK and most sanctions lists use for Kosovo.
NAMED_CODES = {"Kosovo": "XK"}

Ring = list[list[float]]


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs → absolute lon/lat points (undo quantisation and delta encoding)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> Ring:
    """Join the arcs of one ring; a negative index ``~i`` means arc ``i`` reversed."""
    ring: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(arc if not ring else arc[1:])  # shared end point appears once
    rounded = unwrap([[round(x, PRECISION), round(y, PRECISION)] for x, y in ring])
    return [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]


def unwrap(ring: Ring) -> Ring:
    """Make a ring that crosses the antimeridian continuous (Chukotka at 190°E, not a
    line across the whole map back to -170°).  A ring around a pole (Antarctica) cannot
    be made continuous and stays as it is: its jump runs along the map's edge."""
    out: Ring = []
    shift = 0.0
    for lon, lat in ring:
        if out and abs(lon + shift - out[-1][0]) > 180:
            shift += 360.0 if out[-1][0] > lon + shift else -360.0
        out.append([lon + shift, lat])
    return out if shift == 0 else ring


def polygon_area_centroid(ring: Ring) -> tuple[float, float, float]:
    """Planar (lon/lat) signed-area-weighted centroid of a closed ring: (|area|, lon, lat)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return abs(area / 2), cx / (3 * area), cy / (3 * area)


def iso2_of(geometry: dict[str, Any]) -> str | None:
    name = geometry.get("properties", {}).get("name", "")
    if "id" not in geometry:
        return NAMED_CODES.get(name)
    country = pycountry.countries.get(numeric=geometry["id"])
    return country.alpha_2 if country else None


def country_rings(topology: dict[str, Any]) -> list[tuple[dict[str, Any], list[list[Ring]]]]:
    """Each country geometry with its polygons as rings of lon/lat points."""
    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        out.append((geometry, [[ring_points(r, arcs) for r in polygon] for polygon in polygons]))
    return out


def mainland_centroid(polygons: list[list[Ring]]) -> list[float]:
    """The centroid of the largest outer ring: the mainland, not the overseas parts."""
    _, clon, clat = max(polygon_area_centroid(polygon[0]) for polygon in polygons)
    return [round(clon, PRECISION), round(clat, PRECISION)]


def build(topology: dict[str, Any], detailed: dict[str, Any]) -> dict[str, Any]:
    countries = []
    for geometry, rings in country_rings(topology):
        flat = [p for polygon in rings for ring in polygon for p in ring]
        countries.append({
            "iso2": iso2_of(geometry),
            "name": geometry.get("properties", {}).get("name"),
            "centroid": mainland_centroid(rings),
            "bbox": [min(p[0] for p in flat), min(p[1] for p in flat),
                     max(p[0] for p in flat), max(p[1] for p in flat)],
            "rings": [ring for polygon in rings for ring in polygon],
        })
    centroids = {}
    for geometry, rings in country_rings(detailed):
        iso2 = iso2_of(geometry)
        if iso2:
            centroids[iso2] = mainland_centroid(rings)
    centroids.update({c["iso2"]: c["centroid"] for c in countries if c["iso2"]})
    return {"countries": countries, "centroids": centroids}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tarball", type=Path, help="world-atlas-<version>.tgz from `npm pack`")
    args = parser.parse_args(argv)
    raw_tgz = args.tarball.read_bytes()
    with tarfile.open(fileobj=io.BytesIO(raw_tgz), mode="r:gz") as tar:
        meta = json.load(tar.extractfile("package/package.json"))  # type: ignore[arg-type]
        member = tar.extractfile(MEMBER)
        if member is None:
            sys.exit(f"{args.tarball}: no {MEMBER}")
        raw_json = member.read()
        detailed = tar.extractfile(CENTROID_MEMBER)
        if detailed is None:
            sys.exit(f"{args.tarball}: no {CENTROID_MEMBER}")
        raw_detailed = detailed.read()
    data = build(json.loads(raw_json), json.loads(raw_detailed))
    payload = json.dumps(data, separators=(",", ":"), sort_keys=True).encode()
    compressed = gzip.compress(payload, compresslevel=9, mtime=0)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / OUT_NAME).write_bytes(compressed)
    manifest = {
        "description": "Country outlines for the offline route maps of the HTML report.",
        "files": {
            OUT_NAME: {
                "sha256": hashlib.sha256(compressed).hexdigest(),
                "sha256_uncompressed": hashlib.sha256(payload).hexdigest(),
                "source": "Natural Earth admin-0 countries 1:110m (public domain), via the npm "
                          f"package world-atlas {meta['version']} (TopoJSON by Mike Bostock, ISC)",
                "source_file": f"world-atlas-{meta['version']}.tgz:{MEMBER}",
                "source_sha256": hashlib.sha256(raw_json).hexdigest(),
                "centroids_source_file": f"world-atlas-{meta['version']}.tgz:{CENTROID_MEMBER}",
                "centroids_source_sha256": hashlib.sha256(raw_detailed).hexdigest(),
                "source_package_sha256": hashlib.sha256(raw_tgz).hexdigest(),
                "built": dt.date.today().isoformat(),
                "built_by": "tools/build_map_data.py",
                "countries": len(data["countries"]),
                "centroids": len(data["centroids"]),
                "format": "gzip JSON {countries: [{iso2, name, centroid [lon, lat], "
                          "bbox [w, s, e, n], rings [[[lon, lat], ...], ...]}], centroids: {iso2: [lon, lat]}}",
            }
        },
    }
    (OUT_DIR / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT_DIR / OUT_NAME}: {len(compressed)} bytes, {len(data['countries'])} countries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
