"""`warlog eval actors`: do warlog's actor1/actor2 for an ACLED note match the actors ACLED coded?

Each note (ACLED boilerplate stripped) goes through ``context.attach_roles`` (the sentence's roles, then the report's
rules, the note being the whole report) with ACLED's own event type, sub-event type and country, so
the score isolates actor naming and role assignment from type classification. Names are compared after
normalisation: case, punctuation and spacing folded, and the era bracket of state forces dropped ("Military Forces of
Syria (2000-)" == "military forces of syria"). A unit suffix counts as its parent force in the lenient pair match
("Military Forces of Syria (2000-) 4th Armored Division" ~ "Military Forces of Syria (2000-)").
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from warlog.eval.report import EvalError, EvalResult
from warlog.eval.types import iter_acled
from warlog.extract.context import attach_roles
from warlog.extract.type_model import clean_note

_ERA = re.compile(r"\((?:\d{4})-(?:\d{4})?\)")


def normalise_actor(name: str | None) -> str:
    """Comparable form of an ACLED actor name: no era bracket, lower case, words only."""
    if not name:
        return ""
    name = _ERA.sub(" ", name)
    return " ".join(re.findall(r"[a-z0-9]+", name.lower()))


def _parent(name: str) -> str:
    """The force a unit belongs to ("military forces of syria 4th armored division" -> "military forces of syria")."""
    m = re.match(r"((?:military|police) forces of [a-z ]+?)(?: \d|$| [a-z]+ (?:division|corps|brigade|regiment))", name)
    return m.group(1) if m else name


def same_actor(a: str, b: str) -> bool:
    """Equal after normalisation, or the same parent force."""
    return a == b or (bool(a) and bool(b) and _parent(a) == _parent(b))


_same = same_actor


def evaluate_actors(path: str | Path, limit: int | None = None) -> EvalResult:
    """actor1 / actor2 / pair match rates of ``assign_roles`` on ACLED notes."""
    n = a1 = a2 = pair = pair_lenient = 0
    by_country: Counter[str] = Counter()
    hits_country: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for rec in iter_acled(path):
        if limit is not None and n >= limit:
            break
        note, country = clean_note(rec["notes"]), rec.get("country") or None
        roles = attach_roles(note, rec["sub_event_type"], rec.get("event_type"), country)
        g1, g2 = normalise_actor(rec.get("actor1")), normalise_actor(rec.get("actor2"))
        w1, w2 = normalise_actor(roles.actor1), normalise_actor(roles.actor2)
        n += 1
        a1 += g1 == w1
        a2 += g2 == w2
        ok = (g1, g2) == (w1, w2) or (g1, g2) == (w2, w1)
        pair += ok
        pair_lenient += (_same(g1, w1) and _same(g2, w2)) or (_same(g1, w2) and _same(g2, w1))
        country = rec.get("country", "")
        by_country[country] += 1
        hits_country[country] += ok
        if g1 != w1:
            missed[rec.get("actor1", "")] += 1
    if not n:
        raise EvalError(f"{path}: no ACLED row with notes and a gold actor1; nothing to score")
    metrics = {
        "actor1_match": round(a1 / n, 4) if n else None,
        "actor2_match": round(a2 / n, 4) if n else None,
        "pair_match": round(pair / n, 4) if n else None,
        "pair_match_lenient": round(pair_lenient / n, 4) if n else None,
        "n": n,
    }
    top = [c for c, _ in by_country.most_common(10)]
    details = {
        "pair_match_by_country": {
            c: {"n": by_country[c], "pair_match": round(hits_country[c] / by_country[c], 3)} for c in top
        },
        "most_missed_actor1": dict(missed.most_common(15)),
    }
    notes = [
        "roles from the note with ACLED's own sub_event_type and country (isolates actor extraction)",
        "pair_match: {actor1, actor2} equal in either order; lenient: a unit counts as its parent force",
        "no published anchor: ACLED does not publish automatic actor coding accuracy",
    ]
    return EvalResult("actors (ACLED notes)", metrics, [], notes, details)
