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
from warlog.eval.types import iter_acled, parse_acled_date
from warlog.extract.context import attach_roles
from warlog.extract.periods import dated_actor
from warlog.extract.type_model import clean_note

# ACLED's label before a note's date ("Looting: On 9 May 2020, ...", "Non-violent activity: Around ..."): boilerplate
# that puts a trigger word before every actor.
_LABEL = re.compile(r"^\s*[A-Z][A-Za-z /-]{2,40}:\s+(?=(?:On|Around|As reported|Between|During)\b)")
_ERA = re.compile(r"\((?:\d{4})-(?:\d{4})?\)")


def normalise_actor(name: str | None) -> str:
    """Comparable form of an ACLED actor name: no era bracket, lower case, words only."""
    if not name:
        return ""
    name = _ERA.sub(" ", name)
    return " ".join(re.findall(r"[a-z0-9]+", name.lower()))


def _exact(name: str | None) -> str:
    """An actor name compared with its government period: case and spacing folded only."""
    return " ".join((name or "").lower().split())


def _parent(name: str) -> str:
    """The force a unit belongs to ("military forces of syria 4th armored division" -> "military forces of syria")."""
    m = re.match(r"((?:military|police) forces of [a-z ]+?)(?: \d|$| [a-z]+ (?:division|corps|brigade|regiment))", name)
    return m.group(1) if m else name


def same_actor(a: str, b: str) -> bool:
    """Equal after normalisation, or the same parent force."""
    return a == b or (bool(a) and bool(b) and _parent(a) == _parent(b))


_same = same_actor


_FAMILIES = (
    "military forces of",
    "police forces of",
    "civilians",
    "protesters",
    "rioters",
    "unidentified armed group",
    "unidentified military forces",
    "islamic state",
    "militia",
)


def _family(name: str) -> str:
    """The kind of ACLED name, without its country or period ("civilians (syria)" -> "civilians")."""
    for fam in _FAMILIES:
        if name.startswith(fam) or (fam == "militia" and "militia" in name):
            return fam
    return name


def error_cause(gold: str, wrong: str) -> str:
    """Why a gold actor (normalised) was missed, given warlog's actor in its place ("" when none):

    - ``not found``: warlog named no actor there; ``extra``: ACLED has none there, warlog named one;
    - ``country``: the same kind of name for another country ("Civilians (Iraq)" for "Civilians (Syria)");
    - ``police vs military``: the state's other force;
    - ``unidentified``: an unidentified group where ACLED names the actor, or the reverse;
    - ``other``: another actor.
    """
    if not wrong:
        return "not found"
    if not gold:
        return "extra"
    fg, fw = _family(gold), _family(wrong)
    if {fg, fw} == {"military forces of", "police forces of"}:
        return "police vs military"
    if fg == fw and fg != gold:
        return "country"
    if fg.startswith("unidentified") != fw.startswith("unidentified"):
        return "unidentified"
    return "other"


def _causes(g1: str, g2: str, w1: str, w2: str) -> list[str]:
    """Error causes of one event's pair, aligned in the order that matches more of it."""
    straight = (g1 == w1) + (g2 == w2)
    swapped = (g1 == w2) + (g2 == w1)
    pairs = [(g1, w2), (g2, w1)] if swapped > straight else [(g1, w1), (g2, w2)]
    out = []
    for slot, (g, w) in zip(("actor1", "actor2"), pairs, strict=True):
        if g != w:
            out.append(f"{slot}: {error_cause(g, w)}")
    return out


def evaluate_actors(path: str | Path, limit: int | None = None, errors: int = 0) -> EvalResult:
    """actor1 / actor2 / pair match rates of ``assign_roles`` on ACLED notes; ``errors`` lists that many misses."""
    n = a1 = a2 = pair = pair_lenient = pair_period = 0
    causes: Counter[str] = Counter()
    slots: Counter[str] = Counter()
    shown: list[dict[str, str]] = []
    by_country: Counter[str] = Counter()
    hits_country: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for rec in iter_acled(path):
        if limit is not None and n >= limit:
            break
        note, country = clean_note(_LABEL.sub("", rec["notes"])), rec.get("country") or None
        day = parse_acled_date(rec.get("event_date", ""))
        roles = attach_roles(
            note, rec["sub_event_type"], rec.get("event_type"), country, day=day, admin1=rec.get("admin1") or None
        )
        g1, g2 = normalise_actor(rec.get("actor1")), normalise_actor(rec.get("actor2"))
        w1, w2 = normalise_actor(roles.actor1), normalise_actor(roles.actor2)
        n += 1
        a1 += g1 == w1
        a2 += g2 == w2
        ok = (g1, g2) == (w1, w2) or (g1, g2) == (w2, w1)
        pair += ok
        e1, e2 = _exact(rec.get("actor1")), _exact(rec.get("actor2"))
        d1, d2 = _exact(dated_actor(roles.actor1, day)), _exact(dated_actor(roles.actor2, day))
        pair_period += (e1, e2) == (d1, d2) or (e1, e2) == (d2, d1)
        pair_lenient += (_same(g1, w1) and _same(g2, w2)) or (_same(g1, w2) and _same(g2, w1))
        country = rec.get("country", "")
        by_country[country] += 1
        hits_country[country] += ok
        if g1 != w1:
            missed[rec.get("actor1", "")] += 1
        if not ok:
            why = _causes(g1, g2, w1, w2)
            causes.update(why)
            slots["both" if len(why) == 2 else why[0].split(":")[0]] += 1
            if len(shown) < errors:
                shown.append(
                    {
                        "id": rec.get("event_id_cnty", ""),
                        "why": "; ".join(why),
                        "gold": f"{rec.get('actor1', '')} | {rec.get('actor2', '')}",
                        "warlog": f"{roles.actor1 or ''} | {roles.actor2 or ''}",
                        "note": note[:300],
                    }
                )
    if not n:
        raise EvalError(f"{path}: no ACLED row with notes and a gold actor1; nothing to score")
    metrics = {
        "actor1_match": round(a1 / n, 4) if n else None,
        "actor2_match": round(a2 / n, 4) if n else None,
        "pair_match": round(pair / n, 4) if n else None,
        "pair_match_lenient": round(pair_lenient / n, 4) if n else None,
        "pair_match_with_period": round(pair_period / n, 4) if n else None,
        "n": n,
    }
    top = [c for c, _ in by_country.most_common(10)]
    details = {
        "pair_match_by_country": {
            c: {"n": by_country[c], "pair_match": round(hits_country[c] / by_country[c], 3)} for c in top
        },
        "most_missed_actor1": dict(missed.most_common(15)),
        "pair_errors_by_slot": dict(slots.most_common()),
        "pair_errors_by_cause": dict(causes.most_common()),
    }
    if errors:
        details["errors"] = shown
    notes = [
        "roles from the note with ACLED's own sub_event_type and country (isolates actor extraction)",
        "pair_match: {actor1, actor2} equal in either order; lenient: a unit counts as its parent force",
        "pair_match_with_period: the same with the government period kept (warlog's named for the event's day)",
        "no published anchor: ACLED does not publish automatic actor coding accuracy",
    ]
    return EvalResult("actors (ACLED notes)", metrics, [], notes, details)
