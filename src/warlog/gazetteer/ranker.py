"""The toponym ranker: a conditional-logit (softmax over a toponym's candidates) linear model, trained on the open
geoparsing corpora by `warlog train geo` (`warlog.train.geo`) and shipped as JSON (`warlog/data/geo_ranker.json`).

Two weight sets: `first` scores candidates without document geography (population, feature type, the document's
countries and admin units named), `second` adds the distances to the other toponyms' first-pass picks. A few
Syrian-reporting rules that the English corpora never exercise (district of a named city, "X province", a Syrian
place preferred when nothing says which country a report is about) are fixed weights added to both, not learned.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from warlog.settings import current_setting

RANKER_PATH = Path(__file__).resolve().parents[1] / "data" / "geo_ranker.json"

FEATURES: tuple[str, ...] = (
    "q_exact", "q_loose", "q_extra", "q_demonym", "q_fuzzy", "primary_name", "log_pop", "log_pop_ratio", "pop_top",
    "f_country", "f_admin1", "f_admin2", "f_admin3", "f_city", "f_town", "f_village", "f_district", "f_landmark",
    "f_continent", "f_region", "same_country", "other_country", "country_named", "admin1_named", "admin2_named",
    "near_25", "near_100", "near_300", "far_2000", "log_dist", "same_admin1_anchor", "admin1_share",
    "iso_share", "near_sure_100", "log_dist_sure", "qualified", "qualifies", "list_sibling", "cue_unit",
    "cloud_share", "cloud_any",
)  # fmt: skip
SECOND_ONLY = frozenset(
    {
        "near_25",
        "near_100",
        "near_300",
        "far_2000",
        "log_dist",
        "same_admin1_anchor",
        "admin1_share",
        "iso_share",
        "near_sure_100",
        "log_dist_sure",
    }  # fmt: skip
)
# Site kinds (gazetteer/features.py) the corpora rarely show: scored with the landmark weight.
KIND_ALIASES = {f"f_{k}": "f_landmark" for k in ("camp", "crossing", "airport", "base", "dam", "facility")}
# Rules from Syrian reporting, not learned: (feature, weight).
FIXED: dict[str, float] = {
    "district_city_named": 1.0, "district_city_unnamed": -0.4, "cue_admin1": 1.5, "cue_district": 1.2,
    "cue_district_amb": 0.8, "in_syria": 2.0, "sub_admin_same_name": -1.0,
}  # fmt: skip

# Hand-set weights used when no trained file ships (and as the trainer's starting point).
DEFAULT_WEIGHTS: dict[str, float] = {
    "q_exact": 2.0, "q_loose": 1.7, "q_extra": 1.8, "q_demonym": 1.5, "q_fuzzy": 1.0, "log_pop": 1.0, "f_country": 0.7,
    "f_admin1": 0.5, "f_city": 0.6, "f_town": 0.45, "f_village": 0.3, "f_district": 0.2, "f_landmark": 0.2,
    "f_admin2": 0.3, "f_admin3": 0.15, "f_region": 0.3, "same_country": 1.0, "near_25": 0.6, "near_100": 0.3,
    "far_2000": -0.3,
}  # fmt: skip


@dataclass
class Ranker:
    """Weights of both passes plus the fixed rules; `score` takes a feature dict."""

    first: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    second: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    fixed: dict[str, float] = field(default_factory=lambda: dict(FIXED))
    meta: dict = field(default_factory=dict)

    def score(self, feats: dict[str, float], second: bool) -> float:
        """Linear score of one candidate (site kinds share the landmark weight: see KIND_ALIASES)."""
        weight, alias, fixed = (self.second if second else self.first).get, KIND_ALIASES.get, self.fixed.get
        items = feats.items()
        # lists, not generators (the same terms summed in the same order; ~60,000 candidates scored per 200 reports)
        s = sum([weight(alias(k, k), 0.0) * v for k, v in items])
        return s + sum([fixed(k, 0.0) * v for k, v in items])

    def describe(self) -> str:
        """One line on where the weights come from."""
        if not self.meta:
            return "hand-set weights"
        return f"trained on {', '.join(self.meta.get('trained_on', []))} ({self.meta.get('groups', '?')} toponyms)"

    def to_json(self) -> str:
        """The JSON file's content."""
        rnd = {k: round(v, 5) for k, v in self.first.items()}
        rnd2 = {k: round(v, 5) for k, v in self.second.items()}
        return json.dumps({"first": rnd, "second": rnd2, "fixed": self.fixed, "meta": self.meta}, indent=1) + "\n"


@lru_cache(maxsize=4)
def _load(path: str) -> Ranker | None:
    """Ranker from a JSON file, or None when missing."""
    p = Path(path)
    if not p.exists():
        return None
    d = json.loads(p.read_text(encoding="utf-8"))
    return Ranker(d["first"], d["second"], dict(FIXED), d.get("meta", {}))  # fixed rules live in the code


def load_ranker(path: str | os.PathLike[str] | None = None) -> Ranker | None:
    """The shipped ranker (or Settings.geo_ranker_path, $WARLOG_GEO_RANKER), None when no file exists."""
    return _load(str(path or current_setting("geo_ranker_path") or RANKER_PATH))


def default_ranker() -> Ranker:
    """The shipped ranker, else hand-set weights."""
    return load_ranker() or Ranker()


def log_dist(d: float) -> float:
    """Distance feature scale: log10(1 + km) / 4."""
    return math.log10(1.0 + d) / 4.0


_POINT_LESS = frozenset({"country", "continent", "admin1", "region"})  # areas: their point says little of nearness
CLOUD_KM = 100.0


def cloud_features(keys: list[str], cands: list[list], feats: list[list[dict[str, float]]]) -> None:
    """How many of the document's other toponyms could be a place near each candidate, whichever of their
    candidates they turn out to be (first pass, so no ranking error feeds it): "Alexandria" beside "Douglas County",
    "St. Cloud" and "Brandon" is the Minnesota town, since each of those has a Minnesota candidate within 100 km.
    A neighbour's candidate supports by how large it is beside that toponym's largest (1 for the largest or a
    population-less unit, 0 at a thousandth of it): "Paris" beside "Brussels" is not Paris, Ontario, for the
    village of Brussels, Ontario. cloud_share: the mean support over the other toponyms (distinct names, with a
    point candidate) within CLOUD_KM; cloud_any: some other toponym supports it by half or more."""
    from warlog.geometry import haversine_km

    cells: dict[str, dict[tuple[int, int], list]] = {}
    for k, cs in zip(keys, cands, strict=True):
        grid = cells.setdefault(k, {})
        top = max((c.population or 0 for c in cs), default=0)
        for c in cs:
            if c.feature not in _POINT_LESS:
                weight = min(1.0, max(0.0, 1.0 + math.log10(((c.population or 0) + 1) / (top + 1)) / 3.0))
                grid.setdefault((math.floor(c.lat), math.floor(c.lon)), []).append((c, weight))
    names = [k for k, g in cells.items() if g]
    for i, (k, cs) in enumerate(zip(keys, cands, strict=True)):
        others = [cells[o] for o in names if o != k]
        if not others:
            continue
        for c, f in zip(cs, feats[i], strict=True):
            if c.feature in _POINT_LESS:
                continue
            la, lo = math.floor(c.lat), math.floor(c.lon)
            cells_near = [(la + dy, (lo + dx + 180) % 360 - 180) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]
            support = []
            for grid in others:
                # the largest weight of a neighbour's candidate within CLOUD_KM (0 when none): weights are in
                # [0, 1], so a distance is computed only for a weight above the best so far, and 1 ends the search
                best = 0.0
                for cell in cells_near:
                    for o, w in grid.get(cell, ()):
                        if w > best and haversine_km(c.lat, c.lon, o.lat, o.lon) <= CLOUD_KM:
                            best = w
                    if best >= 1.0:
                        break
                support.append(best)
            if any(support):
                f["cloud_share"] = sum(support) / len(others)
            if max(support) >= 0.5:
                f["cloud_any"] = 1.0
