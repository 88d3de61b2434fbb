"""Round 16, issue 15: the classes of geoparsing misses (scripts/geoparse_misses.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from warlog.eval.geoparse import GoldToponym, Outcome
from warlog.gazetteer import GazEntry


def _script():
    path = Path(__file__).resolve().parents[1] / "scripts" / "geoparse_misses.py"
    spec = importlib.util.spec_from_file_location("geoparse_misses", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


CANADA = GazEntry("gn-6251999", "Canada", "country", 60.10867, -113.64258, iso="CA", alt_names=("Kanada",))
ALBERTA = GazEntry("adm1-CA.01", "Alberta", "admin1", 52.28, -117.47, iso="CA")
PARIS_TX = GazEntry("gn-4717560", "Paris", "city", 33.66, -95.56, iso="US")


def _outcome(phrase: str, lat: float, lon: float, entry: GazEntry | None, gid: str | None = None) -> Outcome:
    gold = GoldToponym(0, len(phrase), phrase, lat, lon, gid)
    if entry is None:
        return Outcome(gold, None, None, None)
    return Outcome(gold, entry.lat, entry.lon, entry.id)


def test_miss_classes() -> None:
    mod = _script()
    # GeoVirus places Canada at (60, -95), GeoNames today at (60.1, -113.6): 1,031 km, the same country
    far_canada = _outcome("Canada", 60.0, -95.0, CANADA)
    assert far_canada.error_km is not None and far_canada.error_km > 161
    assert mod.classify(far_canada, CANADA) == "area, same entity"
    assert mod.classify(_outcome("Kanada", 60.0, -95.0, CANADA), CANADA) == "area, same entity"  # an alternate name
    # the same GeoNames id, whatever the phrase ("Canadian" in LGL, annotated with Canada's id)
    assert mod.classify(_outcome("Canadian", 60.0, -96.0, CANADA, "6251999"), CANADA) == "area, same entity"
    # right within 161 km, whatever the feature
    assert mod.classify(_outcome("Alberta", 52.28, -117.47, ALBERTA), ALBERTA) == "right"
    # another area than the one named, far away: a wrong place
    assert mod.classify(_outcome("Ontario", 50.0, -86.0, ALBERTA), ALBERTA) == "wrong place"
    # a town beyond 161 km is a wrong place even when it bears the name (Paris, Texas for Paris, France)
    assert mod.classify(_outcome("Paris", 48.85, 2.35, PARIS_TX), PARIS_TX) == "wrong place"
    assert mod.classify(_outcome("Atlantis", 0.0, 0.0, None), None) == "unanswered"


def test_miss_summary() -> None:
    mod = _script()
    outs = [
        _outcome("Canada", 60.0, -95.0, CANADA),
        _outcome("Alberta", 52.28, -117.47, ALBERTA),
        _outcome("Paris", 48.85, 2.35, PARIS_TX),
        _outcome("Atlantis", 0.0, 0.0, None),
    ]
    classes = [mod.classify(o, e) for o, e in zip(outs, [CANADA, ALBERTA, PARIS_TX, None], strict=True)]
    s = mod.summarise(outs, classes)
    assert s["n"] == 4
    assert s["acc_161km"] == 0.25
    assert s["acc_161km_if_same_area_right"] == 0.5
    assert s["top"]["area, same entity"] == ["Canada (1)"]
    assert "right" not in s["top"]
