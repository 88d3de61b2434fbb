"""What a whole report says, worked out once per document and used to attach each event's arguments.

- **Countries**: the countries a report names (country names, nationality adjectives and demonyms from
  ``data/demonyms.csv``) vote with its resolved places for the report's country focus; no country is assumed when
  the report names none.
- **Dateline**: "DAMASCUS (Sputnik) -" or "ALEPPO, Syria, Sept 27 (Reuters) -" tells where the report was filed, not
  where an event happened; its place is an event's place only when nothing else is named.
- **Names that are not places**: a PERSON, ORG or NORP span from spaCy's entity recogniser is never a toponym unless
  the parse puts it in a place's position (object of a locative preposition, or before a place noun: "in the
  al-Shaar neighbourhood"), which is where NER mislabels Arabic place names. "Observatory director Rami Abdel Rahman
  said", "The U.N. said", "the Abu Hamad family" are not places.
- **The war's actors**: the state or foreign forces a report names with aircraft ("government fighter jets backed by
  Russia's air force") are the report's air actor, actor1 of air strikes whose sentence names no one; the armed
  organised actors it names are the two sides of a battle whose sentence names only one.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from warlog.countries import acled_country_name, country_iso2
from warlog.extract.actor_roles import trigger_position
from warlog.extract.actors import (
    CLAIM_OF_ATTACK,
    NO_FORCES,
    TOLD_WHEN,
    ActorMention,
    ActorRoles,
    actor_info,
    assign_roles,
    deal_counterpart,
    find_actors,
    forces_country,
    state_forces,
)
from warlog.extract.demonyms import demonym_table, named_countries
from warlog.extract.sentences import doc_text

__all__ = [
    "DocActors",
    "aerial_bombing",
    "strike_blast",
    "one_sided_battle",
    "unnamed_side",
    "attach_roles",
    "complete_roles",
    "dateline_span",
    "demonym_table",
    "document_actors",
    "entity_spans",
    "named_countries",
    "non_place_spans",
]


# ----------------------------------------------------------------------------------------------------------------
# Countries named in a report


# ----------------------------------------------------------------------------------------------------------------
# Datelines

_DATELINE = re.compile(
    r"(?m)^[ \t]*(?P<place>[A-Z][A-Z'.\-]+(?:[ \-][A-Z][A-Z'.\-]+){0,3})"
    r"(?:,[ \t]*[A-Z][A-Za-z .]{1,30}?)?"  # ", Syria"
    r"(?:,?[ \t]*(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?)(?:,?[ \t]+\d{4})?)?"  # "Sept 27"
    # the dash ends the line or the text runs on after it ("KABUL, 10 January 2024 -" alone on its line)
    r"[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*[-\u2013\u2014:]+(?:[ \t]|$)"
)


# A rights group's press release: "(Nairobi) – Soldiers executed ...".
_PAREN_DATELINE = re.compile(
    r"(?m)^[ \t]*\((?P<place>[A-Z][\w'.\-]+(?:[ \-][A-Z][\w'.\-]+){0,3})\)[ \t]*[-\u2013\u2014:]+[ \t]"
)


def dateline_span(text: str) -> tuple[int, int] | None:
    """The span of the place word(s) of a dateline opening the report (or its first body paragraph), else None."""
    found = sorted([m for rx in (_DATELINE, _PAREN_DATELINE) for m in rx.finditer(text[:600])], key=lambda m: m.start())
    for m in found:
        if m.start() > 0 and text[: m.start()].count("\n\n") > 1:
            break
        if len(m.group("place")) >= 3 and not _DESK_LABEL.fullmatch(m.group("place")):
            return m.span("place")
    return None


# A page's or a desk's label in capitals before a dash, not a place ("PRESS RELEASE - Eswatini: ...", "UPDATE 2 -")
_DESK_LABEL = re.compile(
    r"(?:PRESS RELEASE|NEWS RELEASE|MEDIA RELEASE|FOR IMMEDIATE RELEASE|STATEMENT|JOINT STATEMENT|BREAKING(?: NEWS)?"
    r"|UPDATE(?: \d+)?|UPDATED|EXCLUSIVE|ANALYSIS|EXPLAINER|FACTBOX|OPINION|EDITORIAL|LIVE|WATCH|VIDEO|PHOTOS?"
    r"|FLASH UPDATE|SITUATION REPORT|SITREP|BULLETIN|ALERT|URGENT|CORRECTION|FEATURE|INTERVIEW|REPORT)"
)


# ----------------------------------------------------------------------------------------------------------------
# Names that are not places

_LOCATIVE_PREPS = frozenset(
    "in on at near into inside outside around across from to towards toward through of within between past behind"
    " beyond along off".split()
)
_PLACE_NOUN_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:(?:military|air|naval|army|main|central)\s+)?(?:neighbou?rhoods?|district|quarter|village|town"
    r"|city|camp|area|suburb|province|governorate"
    r"|region|countryside|outskirts|square|street|market|crossing|refinery|airport|airbase|airfield|airstrip|base"
    r"|hospital|territory"
    r"|county|state|municipality|township|commune|department|prefecture|oblast|local government area|LGA"
    r"|axis|front|frontline|direction|sector|road|highway|checkpoint|junction)\b",
    re.I,
)
# "Geidam, the headquarters of Geidam Local Government Area", "Tadaryat, a village near the border": an appositive
# that says what place the name is
_PLACE_APPOSITIVE = re.compile(
    r",\s+(?:the\s+)?(?:(?:administrative|provincial|regional|district|state|local)\s+)?(?:headquarters|capital|seat)"
    r"\s+of\b|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:town|village|city|hamlet|settlement|locality|"
    r"neighbou?rhood|district|suburb|camp)\s+(?:in|of|near|on|outside|north|south|east|west|about|some|located|"
    r"close|along|which|that|where|home)\b",
    re.I,
)
# The head nouns of a body's name ("Federal Police", "Naval Prefecture"): an organisation (not a building's: "the
# Islamabad High Court complex" is where things happen)
_BODY_HEADS = frozenset(
    "police army forces guard gendarmerie prefecture ministry party council committee commission union front "
    "movement brigade brigades battalion regiment division corps agency service services bureau directorate".split()
)
_FAMILY_AFTER = re.compile(r"^(?:['’]s)?\s+(?:family|families|clan|household|brothers|sons)\b", re.I)
_NON_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_NOT_A_PLACE_TO = frozenset(
    "loyal close linked allied belong belonging accord according affiliated related tied sympathetic subordinate"
    " say said tell told speak spoke report reported".split()
)
_ROLE_NOUNS = frozenset(
    "director head chief spokesman spokeswoman spokesperson member leader president minister commander founder"
    " official officer representative envoy son daughter wife husband brother sister family name group office"
    " statement website channel agency"
    # a ruler's or a person's things, not a place's: "the regime of al-Assad", "supporters of Haftar"
    " regime government rule ouster removal departure resignation presidency administration supporters opponents"
    " loyalists allies backers enemies ally enemy friend friends portrait portraits picture pictures poster posters"
    " photo photos image images speech interview visit release arrest assassination".split()
)


# Verbs whose object (or passive subject) is where something happens: "the raids hit Hass", "bombing Aleppo",
# "Deir al-Adas was taken", "forces left Idlib", "a car headed for Arika".
_PLACE_VERBS = frozenset(
    "hit strike bomb shell target raid attack storm capture seize take retake recapture enter leave reach besiege"
    " encircle surround pound liberate evacuate overrun bombard control head link connect invade occupy loot sack raze"
    " ransack".split()
)
_HEAD_FOR = frozenset({"head", "flee", "leave", "depart"})


_IRREGULAR = {
    "left": "leave", "took": "take", "taken": "take", "struck": "strike", "retook": "retake", "retaken": "retake",
    "overran": "overrun", "fled": "flee", "striking": "strike", "taking": "take", "leaving": "leave",
}  # fmt: skip


def _verb_in(tok: Any, verbs: frozenset[str]) -> bool:
    """The token is one of these verbs in any inflection (the pipeline may have no lemmatiser)."""
    low = tok.lower_
    forms = {tok.lemma_.lower(), low, _IRREGULAR.get(low, low), low[:-1], low[:-2], low[:-3], low[:-3] + "e"}
    return bool(forms & verbs)


def _word(tok: Any) -> str:
    """The token's lemma, or its lower-case form without a plural -s where the pipeline has no lemmatiser."""
    if tok.lemma_:
        return tok.lemma_.lower()
    low = tok.lower_
    return low[:-1] if low.endswith("s") and low[:-1] in _ROLE_NOUNS | _NOT_A_PLACE_TO else low


def _locative(ent: Any) -> bool:
    """The parse puts the entity where a place goes: object of a locative preposition (directly or in a
    coordination), a compound/modifier of a place noun, or the object of a verb of attack or movement ("the raids hit
    Hass", "Deir al-Adas was taken", "headed for Arika"). Not a modifier of an incident noun: "the ISIS attack" names
    its actor."""
    root = ent.root
    head = root.head
    while root.dep_ == "conj" and head is not root:
        root, head = head, head.head
    if root.dep_ == "pobj" and head.lower_ == "to" and _word(head.head) in _NOT_A_PLACE_TO:
        return False  # "forces loyal to Khalifa Haftar", "according to the U.N."
    if root.dep_ == "pobj" and head.lower_ in _LOCATIVE_PREPS:
        # "the market of X", "the outskirts of X" are places; "the director of X", "members of X" are not
        return head.lower_ != "of" or _word(head.head) not in _ROLE_NOUNS
    if root.dep_ in ("compound", "amod", "nmod") and head.lower_ in (
        "neighbourhood", "neighborhood", "district", "quarter", "village", "town", "city", "camp", "area", "suburb",
        "province", "governorate", "countryside", "region",
    ):  # fmt: skip
        return True
    if root.dep_ in ("dobj", "nsubjpass") and head.tag_.startswith("VB") and _verb_in(head, _PLACE_VERBS):
        return True
    if root.dep_ == "pobj" and head.lower_ == "for" and _verb_in(head.head, _HEAD_FOR):
        return True
    return False


_FACILITY_NOUNS = frozenset(
    "court university hospital airport prison jail stadium hotel mosque church cathedral school college station "
    "market mall museum palace complex compound base airbase barracks academy".split()
)


def _locative_head(ent: Any) -> bool:
    """The entity, or the noun it names ("the X High Court complex"), is the object of a locative preposition."""
    tok = ent[-1]
    for _ in range(3):
        if tok.dep_ == "pobj":
            return tok.head.lower_ in _LOCATIVE_PREPS and tok.head.lower_ not in ("of", "to", "from")
        if tok.dep_ not in ("compound", "nmod", "amod") or tok.head is tok:
            return False
        tok = tok.head
    return False


_ITEM_START = re.compile(r"[ \t]*(?:(?:\d{1,2}|[A-Za-z])[.)][ \t]+|[-*\u2022][ \t]+)?")


def caps_heading(text: str, start: int, end: int) -> bool:
    """A span that opens a line (after an item number or bullet) with a name in capitals heading it ("1. UPPER NILE
    - Malakal", "NORTH KIVU:"): the place a bulletin item is about, whatever label NER gives capitals."""
    m = re.compile(r"[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)*").match(text, start, min(len(text), start + 60))
    if not m or sum(ch.isalpha() for ch in m.group()) < 4 or m.group().endswith("-"):
        return False
    if not _ITEM_START.fullmatch(text, text.rfind("\n", 0, start) + 1, start):
        return False
    return bool(re.match(r"\s*(?:[-\u2013\u2014:,(/]|\Z)", text[m.end() : m.end() + 4]))


def label_spans(text: str) -> list[tuple[int, int]]:
    """Names that open a line and label it with a colon ("Macomia: insurgents attacked ...", "Ras al-Ain (Hasakah
    province): ..."), when the report lists at least two lines so (a chronology's or a roundup's items by place): the
    name spans, each the place its item is about when the gazetteer knows it, whatever the entity recogniser makes of
    a capitalised word at a sentence start."""
    spans = [m.span(1) for m in _LABELLED_LINE.finditer(text)]
    return spans if len(spans) >= 2 else []


_LABELLED_LINE = re.compile(
    r"(?m)^[ \t]*(?:(?:\d{1,2}|[A-Za-z])[.)][ \t]+|[-*\u2022][ \t]+)?"
    r"([A-Z][\w'\u2019]*(?:[ -](?:[A-Z][\w'\u2019]*|al|el|ad|as|ash|ar|da|de|do|del|la|le))*)"
    r"[ \t]*(?:\([^()\n]{1,50}\))?[ \t]*:[ \t]+\S"
)


# The rest of a short heading after a place's name ("4. Kutaisi, Saturday 30 November.", "3. Grodno, Sovetskaya
# Square.", "1. Maarat al-Numan (southern Idlib countryside).", "- Kulundu (Leilek district):"): up to its stop.
_HEADING_TAIL = re.compile(
    r"(?:\s+(?:and|&)\s+[^.:,(\n]{1,40}?)?(?:\s*[,(][^.:\n]{0,60}?)?(?:[.:\u2013\u2014]|\s-\s)"
)  # ("3. Tall Malah and al-Jabin (northern Hama countryside).")
_HEADING_WORDS = 10  # tokens of such a heading at most


def title_heading(doc: Any, ent: Any, text: str | None = None) -> bool:
    """A name in title case that opens a bulletin's item line and heads it, a short fragment with no verb before the
    item's first stop: the place the item is about, whatever label NER gives it. (`text`: doc.text, which spaCy
    joins from the tokens at every read, when the caller holds it.)"""
    text = doc.text if text is None else text
    if not _ITEM_START.fullmatch(text, text.rfind("\n", 0, ent.start_char) + 1, ent.start_char):
        return False
    m = _HEADING_TAIL.match(text, ent.end_char)
    if m is None:
        return False
    span = doc.char_span(ent.start_char, m.end(), alignment_mode="expand")
    return span is not None and len(span) <= _HEADING_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in span)


def non_place_spans(doc: Any) -> list[tuple[int, int]]:
    """Character spans that must not become toponyms: PERSON/ORG/NORP entities outside a place's position, and
    family names ("the Abu Hamad family")."""
    text = doc_text(doc)
    dateline = dateline_span(text) or (-1, -1)
    out: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ not in _NON_PLACE_LABELS or dateline[0] <= ent.start_char < dateline[1]:
            continue  # a dateline's capitals are a place whatever NER calls them
        if caps_heading(text, ent.start_char, ent.end_char):
            continue  # a bulletin item's heading in capitals ("2. JONGLEI - Twic East county."): NER reads caps badly
        if ent.label_ == "PERSON" and title_heading(doc, ent, text):
            continue  # "4. Kutaisi, Saturday 30 November.": a place heading an item, not a person
        after = text[ent.end_char : ent.end_char + 30]
        if _FAMILY_AFTER.match(after):
            out.append((ent.start_char, ent.end_char))
            continue
        if ent.label_ == "NORP" and len(ent) == 1:
            continue  # "Syrian", "Kurdish": adjectives, never matched as places anyway
        if ent.label_ == "ORG" and len(ent) >= 2 and ent[-1].lower_ in _BODY_HEADS:
            out.append((ent.start_char, ent.end_char))  # "the lines of Federal Police": a body, wherever it stands
            continue
        if _PLACE_NOUN_AFTER.match(after) or _PLACE_APPOSITIVE.match(text, ent.end_char) or _locative(ent):
            continue
        words = [t for t in ent if t.lower_ != "the"]
        if (
            ent.label_ in ("ORG", "FAC")
            and len(words) >= 3
            and words[-1].lower_ in _FACILITY_NOUNS
            and words[0].text[:1].isupper()
            and _locative_head(ent)
        ):
            # "inside the Islamabad High Court complex": a facility named after its city, where the event happened;
            # the city's name stays a place, the rest of the name does not
            out.append((words[1].idx, ent.end_char))
            continue
        out.append((ent.start_char, ent.end_char))
    # A person's family name said alone elsewhere ("Imran Khan was arrested ... In Lahore, Khan supporters broke
    # into ..."): the person, not a place, unless said where a place stands ("in Khan", "Khan district").
    surnames = {
        ent[-1].text
        for ent in doc.ents
        if ent.label_ == "PERSON"
        and len(ent) >= 2
        and ent[-1].text[:1].isupper()
        and len(ent[-1].text) > 2
        and (ent.start_char, ent.end_char) in out  # (not a mislabelled place: "Khan Shaykhun" said as a place)
    }
    for name in surnames:
        for m in re.finditer(rf"(?<![\w'’\-]){re.escape(name)}(?![\w'’\-])", text):
            if dateline[0] <= m.start() < dateline[1] or _PLACE_NOUN_AFTER.match(text[m.end() : m.end() + 30]):
                continue
            if re.search(
                r"\b(?:in|at|near|from|to|outside|towards?|into)\s+(?:the\s+)?$|[A-Z][\w'’\-]*\s+$",
                text[max(0, m.start() - 14) : m.start()],
            ):
                continue  # where a place stands, or inside a longer name
            out.append(m.span())
    for m in re.finditer(r"\b((?:[A-Z][\w'’\-]+\s+){1,3})(?:family|clan)\b", text):
        before = text[max(0, m.start() - 12) : m.start()]
        if re.search(r"\b(?:the|a|of)\s+$", before, re.I):
            out.append(m.span(1))
    return out


def entity_spans(doc: Any, non_place: str = "NONPLACE") -> list[tuple[int, int, str]]:
    """spaCy's entities for the toponym finder, read with the parse: PERSON/ORG/NORP names in a place's position
    become "PLACE?" (NER mislabels Arabic place names), the others plus family names are marked non_place."""
    blocked = non_place_spans(doc)
    out: list[tuple[int, int, str]] = []
    for e in doc.ents:
        label = e.label_
        if label in _NON_PLACE_LABELS and (e.start_char, e.end_char) not in blocked:
            label = "PLACE?"
        out.append((e.start_char, e.end_char, label))
    out.extend((s, e, non_place) for s, e in blocked)
    return out


# ----------------------------------------------------------------------------------------------------------------
# The war's actors

_AIR_WORDS = re.compile(
    r"\b(?:air\s*force|air\s*forces|warplanes?|war\s+planes?|jets?|aircraft|helicopters?|bombers?|planes?|drones?"
    r"|aviation|air\s*strikes?|airstrikes?|air\s*raids?|Aerospace\s+Forces|sorties"
    r"|air\s+(?:campaign|war|attacks?|assault|offensive|bombardment)|aerial\s+(?:campaign|bombardment|attacks?))\b",
    re.I,
)
_STATE_KINDS = frozenset({"state", "external"})
_ARMED_KINDS = frozenset({"state", "external", "rebel", "militia", "identity"})
AIR_SUBTYPES = frozenset({"Air/drone strike"})
SHELLING_SUBTYPES = frozenset({"Shelling/artillery/missile attack"})
UNIDENTIFIED_AIR = "Unidentified Military Forces"


@dataclass
class DocActors:
    """The armed actors a report names, in order of first mention, and the one it says flies aircraft."""

    country: str | None
    armed: list[ActorMention] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    air: ActorMention | None = None
    # armed actors named with shelling, artillery, rockets or missiles ("Russian forces have shelled the city daily")
    artillery: Counter[str] = field(default_factory=Counter)

    def sole_military(self) -> ActorMention | None:
        """The one state's military the report names, when it names no other state's forces: the only side of the
        report that flies ("The Israeli military said it was reviewing the report" after a strike told with no doer).
        """
        forces = [a for a in self.armed if a.kind in _STATE_KINDS and not a.canonical.startswith("Police Forces")]
        named = [a for a in forces if not _BARE_FORCES.fullmatch(a.surface)]
        forces = named or forces  # "the army", "a soldier" take the place's country: a state named by name decides
        states = {a.canonical.split(" (")[0] for a in forces}
        return forces[0] if len(states) == 1 and not forces[0].canonical.startswith("Unidentified") else None

    def bare_forces_mean(self) -> tuple[str, str] | None:
        """(what "the army" was read as, what it is): a report that names one foreign state's forces ("Israeli
        troops") and never the local state's by name means that state by "the army" and "a soldier", not the state
        whose ground the event is on (the reader gives a bare "soldier" the place's country)."""
        named = {a.canonical for a in self.armed if a.kind in _STATE_KINDS and not _BARE_FORCES.fullmatch(a.surface)}
        named_military = {c for c in named if c.startswith("Military Forces of")}
        bare = {
            a.canonical
            for a in self.armed
            if a.canonical.startswith("Military Forces of") and _BARE_FORCES.fullmatch(a.surface)
        }
        if len(named_military) != 1 or len(bare) != 1:
            return None
        (real,), (read,) = named_military, bare
        home, abroad = forces_country(read), forces_country(real)
        if home != abroad and self.counts[real] < self.counts[read] and home not in NO_FORCES:
            return None  # "the army" told more often than the foreign troops named: the local army (a Sudanese
            # report that names Egyptian troops captured at an airbase); a land with no army of its own (ACLED codes
            # no Palestinian military) means the foreign one
        return None if real == read or read in named else (read, real)

    def gunner(self) -> ActorMention | None:
        """The one armed actor the report names as shelling or firing missiles (None when none, or two sides are)."""
        top = self.artillery.most_common(3)
        if not top:
            return None
        tied = [name for name, n in top if n == top[0][1]]
        if len(tied) > 1:
            # two sides fire as often: in a report about one country's towns, the foreign army is the one that
            # shells them (Russia's in a Ukrainian bulletin, Ukraine's in a Russian one); otherwise no one
            kinds = {a.canonical: a.kind for a in self.armed if a.canonical in tied}
            foreign = [name for name in tied if kinds.get(name) == "external"]
            if len(tied) != 2 or len(foreign) != 1 or not any(kinds.get(name) == "state" for name in tied):
                return None
            tied = foreign
        return next((a for a in self.armed if a.canonical == tied[0]), None)


# A state's forces named by a bare noun ("the army", "a soldier"): the reader gives them the place's country.
_BARE_FORCES = re.compile(
    r"(?:the\s+|a\s+|an\s+)?(?:army|troops?|soldiers?|military|(?:security\s+|armed\s+)?forces|servicem[ae]n)", re.I
)


# Shelling, artillery, rockets, missiles: what the report says an actor fires.
_SHELL_WORDS = re.compile(
    r"\b(?:shell(?:ed|ing|s)?|artillery|mortars?|rockets?|missiles?|bombard(?:ed|ing|ment|s)?|pound(?:ed|ing|s)?"
    r"|howitzers?|Grads?|tank\s+fire|barrages?)\b",
    re.I,
)


def _fires(sentence: str, a: ActorMention) -> bool:
    """The sentence names the actor as the one shelling or firing ("Russian forces have shelled", "Government
    artillery", "rockets fired by X"), not as the target ("rockets hit the army base")."""
    # (the verb of its own clause, however far: "Russian forces positioned on the left bank of the Dnipro shelled")
    if _SHELL_WORDS.search(a.surface) or _SHELL_WORDS.search(re.split(r"[,;:]", sentence[a.end : a.end + 80])[0]):
        return not _SHELLED.match(sentence[a.end :])
    return bool(_SHELLED_BY.search(sentence[max(0, a.start - 40) : a.start]))


_SHELLED = re.compile(
    r"\W*(?:positions?\s+|posts?\s+|bases?\s+)?(?:(?:was|were|has been|have been|had been)\s+(?:\w+\s+)?(?:hit|shelled"
    r"|targeted|struck|attacked|bombed|pounded|fired\s+(?:on|upon|at))|came\s+under)\b",
    re.I,
)
_SHELLED_BY = re.compile(
    r"(?:shell(?:ed|ing|s)|fired|launched|rockets?|missiles?|artillery|mortars?)\s+(?:\w+\s+){0,2}by\s+(?:the\s+)?$",
    re.I,
)


# the words before a target ("its jets had struck a nearby GNA weapons depot"): the actor named next is struck
_STRUCK_BEFORE = re.compile(
    r"\b(?:struck|hit|targeted|bombed|attacked|pounded|shelled|raided|strikes?\s+on|raids?\s+on)\s+"
    r"(?:[\w-]+\s+){0,3}?$",
    re.I,
)


def document_actors(sentences: Iterable[str], country: str | None) -> DocActors:
    """Collect the report's armed actors and its air actor (state or foreign forces named with aircraft)."""
    out = DocActors(country)
    seen: set[str] = set()
    for sent in sentences:
        for a in find_actors(sent, country):
            if a.kind not in _ARMED_KINDS or deal_counterpart(sent, a):
                continue
            out.counts[a.canonical] += 1
            if a.canonical not in seen:
                seen.add(a.canonical)
                out.armed.append(a)
            if out.air is None and a.kind in _STATE_KINDS and not a.canonical.startswith("Police Forces"):
                window = sent[max(0, a.start - 40) : a.end + 40]  # "Jets thought to belong to the Syrian government"
                window = (
                    re.split(r"[;:]", window[: a.start - max(0, a.start - 40)])[-1]
                    + re.split(r"[;:]", window[a.start - max(0, a.start - 40) :])[0]
                )  # (not across a headline's ';': "police convoy hit; drone strike reported")
                target = _STRUCK_BEFORE.search(sent, max(0, a.start - 40), a.start)  # "jets struck a GNA depot"
                if _AIR_WORDS.search(a.surface) or (_AIR_WORDS.search(window) and target is None):
                    out.air = a
            if not a.canonical.startswith("Unidentified") and _fires(sent, a):
                out.artillery[a.canonical] += 1
    if out.air is None:
        out.air = _aircraft_said_to_be(sentences, country)
    return out


# "the jets were Russian", "the aircraft were believed to be Syrian": whose aircraft, said of them
_AIRCRAFT_WERE = re.compile(
    r"\b(?:jets?|warplanes?|war\s+planes?|planes?|aircraft|helicopters?|bombers?|drones?)\s+(?:were|was)\s+"
    r"(?:(?:all\s+)?(?:believed|thought|said|reported|understood|identified)\s+(?:to\s+(?:be|have\s+been)|as)\s+)?"
    r"(?P<adj>(?-i:[A-Z])[a-z]+)\b",
    re.I,
)


def _aircraft_said_to_be(sentences: Iterable[str], country: str | None) -> Any:
    """The state forces whose nationality a report gives its aircraft by a predicate ("a spokesman said the jets
    were Russian"), as "Russian jets" would name them; None when it gives none."""
    for sent in sentences:
        for m in _AIRCRAFT_WERE.finditer(sent):
            found = [a for a in find_actors(f"{m.group('adj')} warplanes", country) if a.kind in _STATE_KINDS]
            if found:
                return found[0]
    return None


# Bombs that fall: dropped, or a kind only aircraft deliver. Read as an air strike when the report names an air
# actor ("government warplanes backed by Russia's air force ... bunker-busting bombs were dropped on al-Shaar").
_AERIAL_BOMBS = re.compile(
    r"\b(?:bombs?|munitions?|explosives?|barrels?|canisters?)\b[^.;]{0,30}?\b(?:dropped|were\s+dropped|rained)\b"
    r"|\bdropp(?:ed|ing)\b[^.;]{0,40}?\b(?:bombs?|munitions?|barrels?|canisters?)\b"
    r"|\b(?:barrel|bunker[- ]busting|bunker[- ]buster|cluster|vacuum|thermobaric|incendiary|napalm|guided)\s+bombs?\b",
    re.I,
)


def aerial_bombing(sentence: str, actors: DocActors) -> bool:
    """The sentence tells of bombs falling and the report names who flies: an air strike, whatever word the
    sentence uses for the attack."""
    return actors.air is not None and _AERIAL_BOMBS.search(sentence) is not None


_BARE_BLAST = re.compile(r"(?:explosions?|blasts?)", re.I)
_STRIKE_WORDS = re.compile(
    r"\b(?:air\s*strikes?|airstrikes?|air\s*raids?|strikes|warplanes?|war\s+planes?|fighter\s+jets?|bombers?|sorties"
    r"|drone\s+strikes?)\b",
    re.I,
)  # (not "aircraft", "plane": the one a minister steps off)


def strike_blast(trigger: str, told: str, actors: DocActors) -> bool:
    """Explosions heard or felt, with no device named ("a series of heavy explosions shook the area"), where the
    report names who flies and the sentences just told (``told``) speak of air strikes: the strikes' explosions."""
    return (
        actors.air is not None and _BARE_BLAST.fullmatch(trigger) is not None and _STRIKE_WORDS.search(told) is not None
    )


def one_sided_battle(roles: Any) -> bool:
    """A battle needs two armed organised actors (ACLED): one side alone, or civilians as the other, is not one."""
    return roles.actor2 is None or roles.inter2 == 7 or roles.actor1 is None


_OWN_DRONE = re.compile(r"\b(?:drones?|UAVs?|unmanned)\b", re.I)


def attach_roles(
    sentence: str,
    sub_event_type: str | None,
    event_type: str | None,
    country: str | None,
    actors: DocActors | None = None,
    trigger_start: int | None = None,
    day: date | None = None,
    admin1: str | None = None,
) -> ActorRoles:
    """ACLED actors of one event: the sentence's roles (actors.assign_roles, at the type classifier's trigger when none
    is given), then the report's (complete_roles)."""
    if trigger_start is None:
        trigger_start = trigger_position(sentence, sub_event_type)
    roles = assign_roles(sentence, sub_event_type, country, trigger_start)
    if actors is None:
        actors = document_actors([sentence], country)
    complete_roles(roles, sub_event_type, event_type, sentence, actors, country)
    report_gunner(roles, sub_event_type, actors)
    front_line_sides(roles, sub_event_type, country, day, admin1)
    unnamed_side(roles, sub_event_type, country)
    return roles


# "In a separate incident, bandits raided a police post": an incident told apart keeps its own unnamed side; the
# group the report names for another incident is not it (issue 14, round 10: more named groups reach this rule).
_SEPARATE_INCIDENT = re.compile(
    r"^\W*(?:meanwhile|elsewhere|separately|in (?:a |another )?separate\b|in another\b)", re.I
)


# Events ACLED always codes with two sides: a clash, and ground taken by force from someone.
_TWO_SIDED = frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"})


_DOER_NEEDED = frozenset({"Attack", "Abduction/forced disappearance"})


def unnamed_side(roles: Any, sub: str | None, country: str | None) -> None:
    """A clash has two sides: the one no one names is an unidentified armed group (ACLED never leaves a clash's
    actor2 empty). Applied last: until then an empty side says the battle may be one-sided (``one_sided_battle``)."""
    if sub in _TWO_SIDED and roles.actor1 is not None and roles.actor2 is None and country:
        name = acled_country_name(country) or country
        roles.actor2, roles.inter2 = f"Unidentified Armed Group ({name})", 3
    if sub in _DOER_NEEDED and roles.actor1 is None and roles.actor2 is not None and country:
        # "two people were shot dead": violence against civilians has a doer, unidentified when no one names it
        name = acled_country_name(country) or country
        roles.actor1, roles.inter1 = f"Unidentified Armed Group ({name})", 3
    if sub == "Arrests" and roles.actor1 is None and country:
        # "five members of the family were detained": ACLED codes arrests as the state's, its police unless named
        iso = country if len(country) == 2 else country_iso2(country)
        if iso:
            roles.actor1, roles.inter1 = state_forces("Police", iso), 1


# The victims named as the people of the place ("attacked residents", "villagers in their homes", "all of them
# civilians"): every one killed in the attack is a civilian.
_CIVILIAN_VICTIMS = re.compile(
    r"\b(?:civilians|residents|villagers|inhabitants|worshipp?ers|passengers|displaced people|families|farmers"
    r"|(?:people|residents|villagers|families) in their (?:homes|houses|beds|sleep))\b",
    re.I,
)
# Dead the sentence counts as armed: "two soldiers", "four of the attackers", "six gang members were killed".
_ARMED_DEAD = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|dozens|many|some|scores|an?)\s+(?:of\s+the\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:soldiers?|troops|police(?:men|\s+officers?)?|officers?|fighters?|militants?|gunmen|gunman"
    r"|attackers?|assailants?|rebels?|insurgents?|militiam[ae]n|guards?|gang\s+members?|members|combatants?|jihadists?"
    r"|bandits?|vigilantes?|servicem[ae]n)\b",
    re.I,
)


@dataclass(frozen=True)
class _Front:
    iso: str
    admin1: re.Pattern[str] | None
    start: date
    end: date | None
    sides: tuple[str, str]


@lru_cache(maxsize=1)
def _fronts() -> tuple[_Front, ...]:
    """``data/front_lines.csv``: wars with a front line between two known belligerents."""
    text = resources.files("warlog").joinpath("data/front_lines.csv").read_text(encoding="utf-8")
    out = []
    for rec in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
        iso = rec["iso"].strip().upper()
        sides = tuple(
            state_forces("Military", iso) if s.strip() == "{military}" else s.strip()
            for s in (rec["side_a"], rec["side_b"])
        )
        out.append(
            _Front(
                iso,
                re.compile(rec["admin1"], re.I) if rec["admin1"].strip() else None,
                date.fromisoformat(rec["start"]),
                date.fromisoformat(rec["end"]) if rec["end"].strip() else None,
                (sides[0], sides[1]),
            )
        )
    return tuple(out)


def front_line_sides(
    roles: Any, sub: str | None, country: str | None, day: date | None, admin1: str | None = None
) -> None:
    """A clash no side of which the report names, on a front line between two known belligerents on that day ("a
    total of 40 explosions and bursts of fire in both directions of the frontline near Avdiivka" in 2020), is
    between the two (ACLED: a clash has two sides, and on such a front they are the war's)."""
    if sub != "Armed clash" or day is None or not country:
        return
    unnamed = ("Unidentified Armed Group",)
    if roles.actor1 is not None and not roles.actor1.startswith(unnamed):
        return
    if roles.actor2 is not None and not roles.actor2.startswith(unnamed):
        return
    iso = country_iso2(country)
    for front in _fronts():
        if front.iso != iso or day < front.start or (front.end is not None and day > front.end):
            continue
        if front.admin1 is not None and not (admin1 and front.admin1.search(admin1)):
            continue
        roles.actor1, roles.actor2 = front.sides
        roles.inter1 = roles.inter2 = None
        fill_inter(roles, country)
        return


def report_gunner(roles: Any, sub: str | None, actors: DocActors) -> None:
    """A shelling no one is named for is the report's one gunner's ("Russian forces have shelled Kherson daily ...
    shelling hit a bus stop"). Applied last, after a retelling of the same incident had its chance to name the doer
    (frames' merge)."""
    if sub in SHELLING_SUBTYPES and (roles.actor1 is None or roles.actor1.startswith("Unidentified")):
        gunner = actors.gunner()
        if gunner is not None and gunner.canonical != roles.actor2:
            roles.actor1, roles.inter1 = gunner.canonical, gunner.inter


# A definite reference to an armed group the report has named ("the rebels", "the jihadists", "its fighters"), not an
# unattributed one ("gunmen", "unknown assailants", "armed men": ACLED keeps those unidentified).
_GROUP_REFERENCE = re.compile(
    r"\b(?:the|its|their|rebel|insurgent|militia|jihadist)\s+(?:[\w-]+\s+)?(?:rebels?|insurgents?|militants?|jihadists?"
    r"|fighters|militiam[ae]n|militia|guerrillas?|extremists|group)\b|^\W*(?:rebels|insurgents|militants|jihadists|fighters)\b"
    # a bare plural as a clause's subject: "... on Monday as fighters moved into the centre"
    r"|(?:[,;]\s*|\b(?:as|when|while|after|before|and|where|then)\s+)(?:rebels|insurgents|militants|jihadists|fighters)"
    r"\s+(?:had\s+|have\s+|were\s+)?\w+(?:ed|ok|ew|ent|ame|an|ot)\b",
    re.I,
)
_UNATTRIBUTED = re.compile(
    r"\b(?:unknown|unidentified|suspected|masked|gunm[ae]n|armed\s+men|assailants|attackers|bandits|criminals)\b", re.I
)
_GROUP_KINDS = frozenset({"rebel", "militia"})


# "the assailants", "the attackers": the ones the report has already told of, named when it named them.
_DEFINITE_ATTACKERS = re.compile(r"\bthe\s+(?:assailants|attackers|gunmen|raiders)\b", re.I)


def report_group(roles: Any, sentence: str, actors: DocActors, doers: frozenset[str] = frozenset()) -> None:
    """A side the sentence calls only "the rebels" or "the fighters" is the one non-state armed group the report
    names (ACLED codes the group the report means: "M23 ... took Goma ... On 21 January the rebels seized Minova").
    "The assailants" are that group too when the report's own events already name it as the doer (``doers``: the
    actor1 of its other events, "whom the army identified as fighters of CODECO"). With two named groups, or an
    unattributed word ("gunmen", "unknown assailants"), the side stays unidentified."""
    groups = [a for a in actors.armed if a.kind in _GROUP_KINDS and not a.canonical.startswith("Unidentified")]
    if len({a.canonical for a in groups}) != 1:
        return
    identified = groups[0].canonical in doers and _DEFINITE_ATTACKERS.search(sentence) is not None
    if not identified and (_UNATTRIBUTED.search(sentence) or not _GROUP_REFERENCE.search(sentence)):
        return
    group = groups[0]
    if (roles.actor1 or "").startswith("Unidentified Armed Group") and roles.actor2 != group.canonical:
        roles.actor1, roles.inter1 = group.canonical, group.inter
    elif (roles.actor2 or "").startswith("Unidentified Armed Group") and roles.actor1 != group.canonical:
        roles.actor2, roles.inter2 = group.canonical, group.inter


def civilian_toll(mention: Any) -> None:
    """ACLED: the dead of an attack on civilians are civilians. When the report names the victims as the people of the
    place (residents, villagers, civilians) and counts no armed dead, the civilian count is the whole toll, not only
    the women and children it singles out ("killed 70 residents, including 10 women and three infants": 70)."""
    if mention.sub_event_type != "Attack" or mention.inter2 != 7 or mention.inter1 == 7 or not mention.fatalities:
        return
    if (mention.civilians or 0) >= mention.fatalities:
        return
    text = " ".join(e.text for e in mention.evidence)
    if _CIVILIAN_VICTIMS.search(text) and not _ARMED_DEAD.search(text):
        mention.civilians = mention.fatalities


def civilians_hurt(mention: Any, country: str | None) -> None:
    """ACLED: a strike, shelling or bomb whose telling (every sentence merged into the event) names people killed or
    hurt and no armed victim has the civilians of the place as actor2, however many sentences after the blast the
    toll comes ("A truck bomb tore through a checkpoint ... The death toll has risen to 81")."""
    if mention.event_type != "Explosions/Remote violence" or mention.actor2 is not None or not country:
        return
    texts = [e.text for e in mention.evidence]
    hurt = bool(mention.fatalities or mention.injured) or any(_people_hurt(t) for t in texts)
    if hurt and not any(_ARMED_VICTIM_WORD.search(t) for t in texts):
        mention.actor2, mention.inter2 = f"Civilians ({country})", 7


_ARMED_VICTIM_WORD = re.compile(
    r"\b(?:soldiers?|troops|servicem[ae]n|fighters|militants|policem[ae]n|police\s+officers|officers|guards|gunmen"
    r"|rebels|militiam[ae]n|personnel|recruits|cadets|commanders?)\b",
    re.I,
)


# People hurt, not only property ("shelled civilian houses ... no injuries reported" has no actor2 in ACLED).
_HURT_WORDS = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|dead|died|deaths?|wound(?:ed|ing|s)?|injur(?:ed|ing|ies|y)|hurt|casualties)\b", re.I
)
_NONE_HURT = re.compile(
    r"\b(?:no|nor|without|nobody|none|not)\b\s+(?:[\w-]+\s+){0,4}?(?:casualties|injuries|fatalities|deaths|dead"
    r"|injured|hurt|killed)\b",
    re.I,
)


def _people_hurt(sentence: str) -> bool:
    return _HURT_WORDS.search(sentence) is not None and _NONE_HURT.search(sentence) is None


# An actor named as the source of the report, not as a side: "police said", "according to the army".
_SAYS_AFTER = re.compile(
    r"\s*(?:(?!(?:was|were|is|are|been|being|be)\b)[\w'-]+\s+){0,4}?(?:said|says|told|reported|stated|confirmed|announced)\b"
    # "said they had arrested", "said on Monday that they had taken control of": the doer
    rf"(?!(?:\s+(?:{TOLD_WHEN}|late\s+on\s+\w+))?\s+(?:to\s+have|(?:that\s+)?(?:they|it)\s+"
    r"(?:had|has|have)\s+(?:\w+ed|taken|overrun|won)\b))",
    re.I,
)
# (the one said after the verb of saying is the source, not one named in what was told: ", told our reporters that
# soldiers had executed 40 men")
_SOURCE_BEFORE = re.compile(
    r"(?:\baccording\s+to|[,\"\u201d]\s*(?:said|told))\s+(?:the\s+|a\s+)?(?:(?!that\b)[\w'-]+\s+){0,3}$", re.I
)


# a claim of the attack right after the name: the doer who told of it, not a source ("al Shabaab claimed
# responsibility and said the attack had targeted ...")
_CLAIMS_AFTER = re.compile(rf"\s+(?:[\w'-]+\s+){{0,2}}?{CLAIM_OF_ATTACK}", re.I)


def _source_position(sentence: str, a: ActorMention) -> bool:
    return (
        (_SAYS_AFTER.match(sentence, a.end) is not None and _CLAIMS_AFTER.match(sentence, a.end) is None)
        or _SOURCE_BEFORE.search(sentence, max(0, a.start - 30), a.start) is not None
        or _SOURCE_AT.search(sentence, max(0, a.start - 30), a.start) is not None
    )


# "A source at Damascus Police Command told SANA", "a spokesman for the army said": the body a source speaks for.
_SOURCE_AT = re.compile(
    r"\b(?:source|sources|spokes(?:man|woman|person)|official|officials|officer|commander|statement|bulletin)\s+"
    r"(?:at|in|from|for|of|with)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}$",
    re.I,
)


def _drop_sources(roles: Any, sentence: str, country: str | None) -> None:
    """An actor the sentence names only as the source of the report ("police said", "a source at the Police Command
    told SANA") is no side of the event: ACLED codes who did what to whom, not who told it."""
    mentions = [a for a in find_actors(sentence, country) if a.kind != "protesters"]
    for slot in ("actor2", "actor1"):
        name = getattr(roles, slot)
        if name is None:
            continue
        named = [a for a in mentions if a.canonical == name]
        if named and all(_source_position(sentence, a) for a in named):
            setattr(roles, slot, None)
            setattr(roles, "inter" + slot[-1], None)


_CIVILIANS_BY_DEFAULT = frozenset({"Looting/property destruction", "Arrests"})
_RIVALS = re.compile(
    r"\b(?:between|among|pitting)\s+(?:two\s+)?(?:rival|competing|opposing|warring|feuding)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:groups|gangs|factions|cartels|militias|clans|bands|cells|structures)\b|\brival\s+(?:[\w-]+\s+)?(?:gangs|"
    r"cartels|factions|militias)\s+(?:clashed|fought|battled|exchanged)",
    re.I,
)


def complete_roles(
    roles: Any,
    sub: str | None,
    event_type: str | None,
    sentence: str,
    actors: DocActors,
    country: str | None,
    unclaimed: bool = False,
) -> None:
    """Apply the report-level rules to one event's actors (in place; roles has actor1/inter1/actor2/inter2):

    - an air strike is never by a non-state armed group unless the sentence says it flew a drone; such an actor is
      the target, and actor1 comes from the report's air actor;
    - an air strike whose sentence names no one gets the report's air actor;
    - a battle is between two armed organised actors: civilians are never a side, and a one-sided battle takes the
      other side from the report's armed actors of another kind (state vs non-state);
    - every actor carries its inter code.

    With ``unclaimed`` (the report says no one claimed the attack) an unidentified doer stays unidentified.
    """
    kept = (roles.actor2, roles.inter2) if sub in _CIVILIANS_BY_DEFAULT and roles.inter2 == 7 else None
    _drop_sources(roles, sentence, country)
    if kept is not None and roles.actor2 is None:
        # "soldiers torched 200 houses, residents said": the owners of what was destroyed are the civilians whoever
        # tells it (ACLED's default), not the residents who spoke
        roles.actor2, roles.inter2 = kept
    if sub in AIR_SUBTYPES:
        if roles.inter1 in (2, 3, 4) and not _OWN_DRONE.search(sentence):
            if roles.actor2 is None or roles.inter2 == 7:
                roles.actor2, roles.inter2 = roles.actor1, roles.inter1
            roles.actor1, roles.inter1 = None, None
        air = actors.air or actors.sole_military()
        if (
            (roles.actor1 is None or roles.actor1.startswith("Unidentified"))
            and air is not None
            and (air.canonical != roles.actor2)
        ):
            a = air
            roles.actor1, roles.inter1 = a.canonical, a.inter
            if roles.actor2 == a.canonical:
                roles.actor2, roles.inter2 = None, None
        elif roles.actor1 is None or roles.actor1.startswith("Unidentified Armed Group"):
            # armed groups do not fly: ACLED codes unattributed aircraft as "Unidentified Military Forces" (8)
            roles.actor1, roles.inter1 = UNIDENTIFIED_AIR, 8
    if sub == "Chemical weapon" and roles.actor1 is None and actors.air is not None:
        # ACLED: chemical attacks are the state's; the report's air actor dropped them ("Syrian aircraft had
        # carried out a strike")
        roles.actor1, roles.inter1 = actors.air.canonical, actors.air.inter
    if event_type == "Battles":
        if roles.inter2 == 7:
            roles.actor2, roles.inter2 = None, None
        if roles.inter1 == 7:
            roles.actor1, roles.inter1 = None, None
        if roles.actor1 is None and roles.actor2 is not None:
            roles.actor1, roles.inter1, roles.actor2, roles.inter2 = roles.actor2, roles.inter2, None, None
        if (
            roles.actor1 is not None
            and roles.actor1.startswith("Unidentified")
            and roles.actor2 is not None
            # (gunmen against an unnamed communal militia, "gunmen ambushed a self-defence committee": no side the
            # report names elsewhere is either)
            and not (roles.inter2 == 4 and roles.actor2.startswith("Unidentified"))
            and not _SEPARATE_INCIDENT.match(sentence)
            and not unclaimed  # "No group claimed that attack": not the report's other named side
        ):
            # "Congolese soldiers were still resisting" after "M23 rebels took Goma": the side the report names
            named = _other_side(roles.actor2, roles.inter2, actors, unique=True)
            if named is not None:
                roles.actor1, roles.inter1 = named.canonical, named.inter
        if (
            roles.actor2 is None
            and roles.actor1 is not None
            and roles.actor1.startswith("Unidentified")
            and _RIVALS.search(sentence)
        ):
            # "a shootout between rival criminal groups": both sides of the same unknown kind (ACLED), not the
            # police the report quotes
            roles.actor2, roles.inter2 = roles.actor1, roles.inter1
        if roles.actor2 is None:
            other = _other_side(roles.actor1, roles.inter1, actors)
            if unclaimed and other is not None and other.inter != 1:
                # "No group has said it carried out the ambush. Fighters of X and Y are active in the area": the
                # doers are not named (ACLED: an unidentified armed group), the state's forces still are
                other = None
            if other is not None and roles.actor1 is None:
                roles.actor1, roles.inter1 = other.canonical, other.inter
                other = _other_side(roles.actor1, roles.inter1, actors)
            if other is not None:
                roles.actor2, roles.inter2 = other.canonical, other.inter
            elif sub == "Armed clash" and roles.actor1 is not None and roles.actor1.startswith("Unidentified"):
                # ACLED codes a clash no side of which is named as one between two groups of the same unknown kind
                roles.actor2, roles.inter2 = roles.actor1, roles.inter1
    if (
        roles.actor2 is not None
        and roles.actor2 == roles.actor1
        and roles.inter1 not in (5, 6, 7)  # ACLED's rioters against rioters, protesters against counter-protesters
        and not roles.actor1.startswith("Unidentified")
    ):
        roles.actor2, roles.inter2 = None, None  # one named actor on both sides is a misread (the coalition's own
        # statement read as its target)
    if event_type == "Explosions/Remote violence" and roles.actor2 is None and _people_hurt(sentence):
        # ACLED: a strike or bombing whose only victims the report names are civilians ("killing 12 people",
        # "shoppers", "families on the beach") has Civilians as actor2; an armed victim names its own side.
        victims = [
            a
            for a in find_actors(sentence, country)
            if a.canonical != roles.actor1 and not _source_position(sentence, a)
        ]
        civil = [a for a in victims if a.kind == "civilians"]
        # the doers come first ("gunmen opened fire on people"); an armed actor named after the first civilians is
        # among the victims or a doer told in the passive, and the rule stays out
        if civil and all(a.kind == "civilians" or a.end <= civil[0].start for a in victims):
            roles.actor2, roles.inter2 = civil[0].canonical, civil[0].inter
    if getattr(roles, "assoc_actor_1", None) == roles.actor1:
        roles.assoc_actor_1 = None
    fill_inter(roles, country)


def _state(inter: int | None) -> bool:
    return inter in (1, 8)


def _other_side(actor: str | None, inter: int | None, actors: DocActors, unique: bool = False) -> ActorMention | None:
    """The report's most-named armed actor on the other side of actor (state or foreign forces vs the rest). With
    ``unique``, none when two groups are named as often ("fighters of JNIM and of the Islamic State are both active
    in the area": who ambushed the troops is not known)."""
    pool = [a for a in actors.armed if a.canonical != actor and not a.canonical.startswith("Unidentified")]
    if actor is not None:
        pool = [a for a in pool if _state(a.inter) != _state(inter)]
    if not pool:
        return None
    best = max(pool, key=lambda a: (actors.counts[a.canonical], -actors.armed.index(a)))
    if unique and any(
        a.canonical != best.canonical and actors.counts[a.canonical] == actors.counts[best.canonical] for a in pool
    ):
        return None
    return best


def fill_inter(mention: Any, country: str | None) -> None:
    """Every named actor gets its ACLED inter code (state forces abroad: 8), whichever step named it."""
    for name, code in (("actor1", "inter1"), ("actor2", "inter2")):
        actor = getattr(mention, name)
        if actor is None:
            setattr(mention, code, None)
            continue
        info = actor_info(actor, country)
        whole = info is not None and info.end - info.start >= 0.8 * len(actor)
        if info is not None and (whole or getattr(mention, code) is None):
            # a word of a name the list lacks ("Army" of "Balochistan Liberation Army") keeps the code it was named with
            setattr(mention, code, info.inter)
        elif getattr(mention, code) is None:
            setattr(mention, code, _inter_from_name(actor))


def _inter_from_name(actor: str) -> int | None:
    """ACLED's inter code read from the shape of a name it did not come from the dictionary with."""
    low = actor.lower()
    if low.startswith("civilians"):
        return 7
    if low.startswith("protesters"):
        return 6
    if low.startswith("rioters"):
        return 5
    if low.startswith(("military forces of", "police forces of")):
        return 1
    if "militia" in low:
        return 4 if "ethnic" in low or "tribal" in low or "communal" in low else 3
    return None


def country_of(isos: Sequence[str | None]) -> str | None:
    """The most frequent country among codes (None when there are none)."""
    c = Counter(i for i in isos if i)
    return c.most_common(1)[0][0] if c else None


def focus_country(named: Counter[str], place_isos: Sequence[str | None]) -> str | None:
    """The report's country: its resolved places (non-country places count double) and the countries it names."""
    votes: Counter[str] = Counter()
    for iso, n in named.items():
        votes[iso] += n
    for iso in place_isos:
        if iso:
            votes[iso] += 2
    return votes.most_common(1)[0][0] if votes else None
