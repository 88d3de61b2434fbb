"""Build the offline place labels of the web map and the situation report (src/warlog/web/static/places.geojson).

Source: Natural Earth 1:10m "populated places (simple)", public domain (naturalearthdata.com; the GeoJSON conversion
in the martynafford/natural-earth-geojson repository is CC0). Pass the GeoJSON file:

    python scripts/build_places.py ne_10m_populated_places_simple.json

Each place keeps its name, coordinates (3 decimals, about 100 m), Natural Earth's `min_zoom` (the smallest web-map
zoom at which Natural Earth advises labelling it); sorted by that zoom, then by population.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "warlog" / "web" / "static" / "places.geojson"


def build(src: Path, out: Path = OUT) -> int:
    data = json.loads(src.read_text(encoding="utf-8"))
    features = []
    for f in data["features"]:
        p = f["properties"]
        lon, lat = f["geometry"]["coordinates"][:2]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(lon, 3), round(lat, 3)]},
                "properties": {
                    "name": p.get("nameascii") or p["name"],
                    "z": round(float(p.get("min_zoom") or 10), 1),
                },
            }
        )
    pop = {
        id(f): int(f_src["properties"].get("pop_max") or 0) for f, f_src in zip(features, data["features"], strict=True)
    }
    features.sort(key=lambda f: (f["properties"]["z"], -pop[id(f)]))  # the most important first
    fc = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:10m populated places (simple), public domain; naturalearthdata.com",
        "features": features,
    }
    out.write_text(json.dumps(fc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(features)


if __name__ == "__main__":
    n = build(Path(sys.argv[1]))
    print(f"{n} places -> {OUT} ({OUT.stat().st_size / 1e6:.2f} MB)")
