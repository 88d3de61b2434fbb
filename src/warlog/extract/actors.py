"""Actor mentions and their ACLED-style canonical names, plus who-did-what-to-whom roles in one sentence.

The dictionary is ``warlog/data/actors.csv`` with the columns ``pattern, canonical, inter, kind, country``:

- ``pattern``: a Python regex matched case-insensitively on word boundaries; ``|`` separates alternatives and an
  alternative written in capitals only (``HTS``, ``SDF``, ``IS``) is matched case-sensitively, so "is" and "tip" are
  never actors. ``(?-i:...)`` marks any other case-sensitive part. Spaces also match hyphens ("pro government").
- ``canonical``: the ACLED actor name. Templates: ``{country}`` becomes the ACLED country name of the event
  ("Civilians ({country})" -> "Civilians (Syria)"; without a country the bracket is dropped), ``{military}`` and
  ``{police}`` become the country's state forces in ACLED's era style ("Military Forces of Syria (2000-)"; the era is
  the one ACLED used in 2020 where we know it, else "(2000-)"); rows with those two are skipped without a country.
- ``inter``: ACLED inter code (1 state forces, 2 rebels, 3 political militias, 4 identity militias, 5 rioters,
  6 protesters, 7 civilians, 8 external/other forces). State forces acting outside their own country get 8.
- ``kind``: state, external, rebel, militia, unidentified, protesters, rioters, civilians.
- ``country``: ISO 3166-1 alpha-2 where the row only makes sense in one country ("rebels" -> "Opposition Rebels
  (Syria)" in SY), empty for any. Country rows are also used when the country is unknown, after the generic rows
  that give a complete name. Rows whose pattern starts with ``#`` are comments.

ACLED names follow ACLED's own spelling where the ACLED Syria 2017-23 and global 2020 exports show it ("QSD: Syrian
Democratic Forces", "Global Coalition Against Daesh", "Military Forces of the United States (2017-2021)").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources

from warlog.countries import acled_country_name, country_iso2
from warlog.extract.literals import GateTable, literals_in, meets_all, required_clauses, required_literals
from warlog.extract.wordscan import WordStarts
from warlog.extract.wordscan import finditer as word_finditer

# Country names that take "the" in ACLED's state-forces names ("Military Forces of the Philippines (2016-)").
_WITH_THE = {"CD", "CG", "CI", "PH", "US", "GB", "AE", "CF", "NL", "GM", "BS", "KM", "DO", "MV", "SC", "MH", "SB"}

# ACLED state-force eras as of 2020 (military, police), from ACLED's own exports; unknown countries get "2000-".
_ERAS: dict[str, tuple[str, str]] = {
    "AF": ("2014-", "2014-"),
    "DZ": ("2019-", "2019-"),
    "AM": ("2018-", "2018-"),
    "AZ": ("2003-", "2003-"),
    "BD": ("2009-", "2009-"),
    "BY": ("1994-", "1994-"),
    "BO": ("2019-", "2019-"),
    "BR": ("2019-", "2019-"),
    "BF": ("2015-", "2015-"),
    "BI": ("2005-", "2005-"),
    "CM": ("1982-", "1982-"),
    "TD": ("1990-", "1990-"),
    "CL": ("2018-", "2018-"),
    "CO": ("2018-", "2018-"),
    "EG": ("2014-", "2014-"),
    "ET": ("2018-", "2018-"),
    "FR": ("2017-", "2017-"),
    "GR": ("2019-", "2019-"),
    "GN": ("2010-", "2010-"),
    "HN": ("2010-", "2010-"),
    "IN": ("2014-", "2014-"),
    "ID": ("2014-", "2014-"),
    "IR": ("1989-", "1989-"),
    "IQ": ("2018-", "2018-"),
    "IL": ("2009-", "2009-"),
    "JO": ("1999-", "1999-"),
    "KE": ("2013-", "2013-"),
    "LB": ("2020-", "2020-"),
    "LY": ("2014-", "2016-"),
    "MG": ("2019-", "2019-"),
    "ML": ("2013-", "2013-"),
    "MR": ("2009-", "2009-"),
    "MX": ("2018-", "2018-"),
    "MA": ("1999-", "1999-"),
    "MZ": ("1990-", "1990-"),
    "MM": ("2016-", "2016-"),
    "NE": ("2011-", "2011-"),
    "NG": ("2015-", "2015-"),
    "PK": ("2018-", "2018-"),
    "PS": ("1994-", "1994-"),
    "PH": ("2016-", "2016-"),
    "RU": ("2000-", "2000-"),
    "RW": ("1994-", "1994-"),
    "SA": ("2015-", "2015-"),
    "SN": ("2012-", "2012-"),
    "SL": ("2018-", "2018-"),
    "SO": ("2017-", "2017-"),
    "ZA": ("1994-", "1994-"),
    "SS": ("2011-", "2011-"),
    "SD": ("2019-", "2019-"),
    "SY": ("2000-", "2000-"),
    "TJ": ("1994-", "1994-"),
    "TH": ("2019-", "2019-"),
    "TG": ("2005-", "2005-"),
    "TR": ("2016-", "2016-"),
    "UG": ("1986-", "1986-"),
    "UA": ("2019-", "2019-"),
    "VE": ("1999-", "1999-"),
    "YE": ("2012-", "2012-"),
    "ZM": ("2011-", "2011-"),
    "CF": ("2016-", "2016-"),
    "AE": ("2004-", "2004-"),
    "US": ("2017-2021", "2017-2021"),
    "GB": ("2010-", "2010-"),
}


_ERA_DAY = date(2020, 5, 1)


@dataclass
class ActorMention:
    """One actor named in a text, with its span and ACLED-style name."""

    start: int
    end: int
    surface: str
    canonical: str
    inter: int
    kind: str


@dataclass
class ActorRoles:
    """ACLED's actor fields for one event."""

    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None


@dataclass(frozen=True)
class _Row:
    """One dictionary row. Its regex is compiled when a text first holds one of its gate's strings: most rows never
    fire in a given report, and compiling all 686 (two per nationality among them) cost ~0.5 s CPU per process."""

    pattern: str
    canonical: str
    inter: int
    kind: str
    country: str
    order: int
    gate: frozenset[str] | None = None  # literals one of which any match holds (warlog.extract.literals)
    # more such gates, every one of which a match meets (the GateTable picks rows by `gate`, these rule more out:
    # "Monegasque forces" needs the nationality and a force noun, not only one of them)
    also: tuple[frozenset[str], ...] = ()

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A dictionary row's regex, compiled once per process (re's own cache holds only 512)."""
    return re.compile(pattern, re.IGNORECASE)


_GROUPING = re.compile(r"[()|]")


def _split_top(pattern: str) -> list[str]:
    """Split a regex on the ``|`` that are outside parentheses (every parenthesis counts, as written)."""
    parts, depth, start = [], 0, 0
    for m in _GROUPING.finditer(pattern):  # only these characters matter: the long noun lists are skipped over
        ch = m.group()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            parts.append(pattern[start : m.start()])
            start = m.end()
    parts.append(pattern[start:])
    return parts


# A name ends at a word boundary that is no hyphen, except before the doer's verbs of a compound ("a
# Taliban-planted landmine", "an IS-laid IED": the group planted it; "HTS-held", "Turkish-backed" name no actor).
_END = r"(?![\w]|-(?!(?:planted|laid|placed|fired|launched|triggered|detonated)\b))"


def _alternatives(pattern: str) -> str:
    """A dictionary pattern's alternatives as regex source: capitals-only ones case-sensitive, spaces match hyphens
    too, the longer forms first (Python's alternation is first-match)."""
    alts = []
    for alt in _split_top(pattern.strip()):
        alt = alt.strip()
        if re.fullmatch(r"[A-Z0-9.\-]{2,8}|[A-Z][a-z][A-Z]{1,2}", alt):  # "JTW", "LaQ", "FaR": as written
            alt = f"(?-i:{alt})"
        alts.append(alt.replace(" ", r"[\s\-]+"))
    alts.sort(key=len, reverse=True)
    return "|".join(alts)


def _source(pattern: str) -> str:
    """The regex source of a dictionary pattern on word boundaries (compiled case-insensitively by _compiled)."""
    return r"(?<![\w\-])(?:" + _alternatives(pattern) + r")" + _END


def _also(source: str, gate: frozenset[str] | None) -> tuple[frozenset[str], ...]:
    """The clauses of a row's regex (literals.required_clauses) besides its gate."""
    return tuple(c for c in required_clauses(source, re.IGNORECASE) if c != gate) if gate else ()


@lru_cache(maxsize=1)
def _rows() -> tuple[_Row, ...]:
    """Load and compile the actor dictionary once: ``actors.csv``, then the named groups of other wars
    (``actors_world.csv``, same columns; its rows lose ties to actors.csv's) and the identity groups' rows."""
    rows = []
    for i, rec in enumerate(_dictionary_records()):
        pattern = (rec.get("pattern") or "").strip()
        if not pattern or pattern.startswith("#"):
            continue
        source = _source(pattern)
        gate = required_literals(source, re.IGNORECASE)
        rows.append(
            _Row(
                source,
                rec["canonical"].strip(),
                int(rec["inter"]),
                rec["kind"].strip(),
                (rec.get("country") or "").strip().upper(),
                i,
                gate,
                _also(source, gate),
            )
        )
    rows.extend(_identity_rows(len(rows)))
    rows.extend(_nationality_civilian_rows(len(rows)))
    rows.extend(_demonym_rows(len(rows)))
    rows.extend(_gang_rows(len(rows)))
    return tuple(rows)


# --- Actors of other wars (issue 14): a second dictionary file and the identity groups' rows -------------------

_DICTIONARIES = ("data/actors.csv", "data/actors_world.csv")


def _dictionary_records() -> list[dict[str, str]]:
    """The records of the dictionary files, in order (a later file's rows lose ties to an earlier one's)."""
    out: list[dict[str, str]] = []
    for name in _DICTIONARIES:
        path = resources.files("warlog").joinpath(name)
        if path.is_file():
            out.extend(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    return out


# Civilians named by nationality are that country's civilians wherever the event is (ACLED: "Venezuelan refugees" in
# Colombia are Civilians (Venezuela), "Palestinian civilians" Civilians (Palestine)).
_CIVILIAN_NOUNS = (
    r"(?:civilians|nationals|citizens|migrants|refugees|asylum[\s-]*seekers|tourists|pilgrims|fishermen|sailors"
    r"|seafarers|truck drivers|lorry drivers|traders|merchants|shepherds|herders|farmers|workers|labou?rers"
    r"|journalists|aid workers|hostages|detainees|prisoners|villagers|residents|children|women|families)"
)


def _nationality_civilian_rows(first_order: int) -> list[_Row]:
    """One row per country: "<demonym> refugees / fishermen / civilians" -> "Civilians (<country>)", inter 7."""
    from warlog.extract.demonyms import demonym_table

    by_iso: dict[str, list[str]] = {}
    for word, iso in demonym_table().items():
        if "'" not in word and "’" not in word:
            by_iso.setdefault(iso, []).append(re.escape(word).replace(r"\ ", " "))
    rows = []
    for n, (iso, words) in enumerate(sorted(by_iso.items())):
        country = acled_country_name(iso)
        if not country:
            continue
        adj = "(?-i:" + "|".join(sorted(words, key=len, reverse=True)) + ")"
        source = _source(f"{adj} {_CIVILIAN_NOUNS}")
        gate = required_literals(source, re.IGNORECASE)
        rows.append(_Row(source, f"Civilians ({country})", 7, "civilians", "", first_order + n, gate,
                         _also(source, gate)))  # fmt: skip
    return rows


# What follows an ethnic or communal group's name when the report means its armed men ("Kuki militants", "Fellata
# and Rizeigat communal militias", "Murle youths", "suspected Dozo hunters").
_IDENTITY_NOUNS = (
    r"(?:(?:ethnic|communal|tribal|armed|self[\s-]*defen[cs]e) )?(?:militias?|militiamen|militia members|militants"
    r"|gunmen|fighters|armed youths?|vigilantes|raiders|assailants|attackers|armed men|armed groups?"
    r"|insurgents|miscreants|hunters|volunteers)"
)


@cache
def _identity_records() -> tuple[dict[str, str], ...]:
    """The records of ``data/identity_groups.csv`` (ethnic and communal groups; facts), read once."""
    path = resources.files("warlog").joinpath("data/identity_groups.csv")
    if not path.is_file():
        return ()
    text = path.read_text(encoding="utf-8")
    return tuple(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


def _identity_names(rec: dict[str, str]) -> list[str]:
    return [w.strip() for w in rec["names"].split("|") if w.strip()]


@cache
def identity_group_names() -> frozenset[str]:
    """The names of the ethnic and communal groups ("Fulani", "Murle"): they name people, not places."""
    return frozenset(n for rec in _identity_records() for n in _identity_names(rec))


def _identity_rows(first_order: int) -> list[_Row]:
    """Rows for the ethnic and communal groups of ``data/identity_groups.csv`` (facts): "<name> militants" and the
    first of two coordinated names ("Fellata and Rizeigat militias") are ACLED's "<Name> Ethnic Militia (<country>)"
    or "<Name> Communal Militia (<country>)", inter 4."""
    rows: list[_Row] = []
    for rec in _identity_records():
        names = [re.escape(w).replace(r"\ ", " ") for w in _identity_names(rec)]
        name = "(?-i:" + "|".join(sorted(names, key=len, reverse=True)) + ")"
        other = r"(?-i:[A-Z][\w'’-]+)"
        pattern = f"{name} {_IDENTITY_NOUNS}|{name}(?= and (?:the )?{other} {_IDENTITY_NOUNS})"
        canonical = f"{rec['canonical']} ({{country}})"
        for iso in (rec.get("countries") or "").split("|") or [""]:
            source = _source(pattern)
            gate = required_literals(source, re.IGNORECASE)
            rows.append(_Row(source, canonical, 4, "identity", iso.strip().upper(), first_order + len(rows), gate,
                             _also(source, gate)))  # fmt: skip
    return rows


# Nouns that, after a nationality adjective, name that state's forces or an attack by them ("Israeli warplanes",
# "Russian air strikes", "an alleged Israeli airstrike", "Sudanese army drones").
_FORCE_NOUNS = (
    r"(?:(?:armed |security |special |ground |air |naval |government |regular |occupation )?forces|troops|soldiers"
    r"|army|military|armed forces|air[\s-]*force|navy|marines|warplanes?|war planes?|(?:fighter )?jets?|aircraft"
    r"|drones?|helicopters?|gunships?|bombers?|artillery|tanks?|warships?|gunboats?|missiles?|rockets?"
    r"|air[\s-]*strikes?|air[\s-]*raids?|strikes?|shelling|bombardments?|bombing|raids?"
    r"|(?:army |military )?(?:drones?|jets?)"
    # what a state's forces do or fire, named by the state alone ("a Russian attack on Odesa", "Israeli fire",
    # "Russian shells", "the Azerbaijani offensive", "Ethiopian servicemen", "a Chinese coast guard vessel")
    r"|(?:missile |rocket |drone |artillery |air |aerial |ground |military )?(?:attacks?|assaults?|offensives?"
    r"|campaign|operations?|incursions?|invasion)|(?:tank |artillery |sniper |heavy |naval )?(?:fire|gunfire)"
    r"|bombs?|shells?|mortars?|snipers?|servicemen|service members|personnel|paratroopers|commandos|units?"
    r"|(?:navy |naval )?(?:vessels?|warships?)|coast[\s-]*guard(?: vessels?| ships?)?)"
)
_WEAPON_MODIFIER = (
    r"(?:-?(?:fired|launched|led)\s+)?"  # "Russian-fired missiles", "a Saudi-led air strike"
    r"(?:(?:ballistic|cruise|guided|hypersonic|attack|kamikaze|fighter|military|unmanned|combat|strategic|naval)\s+)?"
)
_POLICE_NOUNS = r"(?:police|police forces|policemen|police officers|border police|border guards|gendarmerie)"
NO_FORCES = frozenset({"PS"})  # no state military of its own in ACLED's actor list


def _demonym_rows(first_order: int) -> list[_Row]:
    """One military and one police row per country, from the nationality adjectives in data/demonyms.csv (facts).
    They come after the hand-written rows, which win ties ("Syrian air force" keeps its own row)."""
    from warlog.extract.demonyms import country_names, demonym_table

    by_iso: dict[str, list[str]] = {}
    for word, iso in demonym_table().items():
        by_iso.setdefault(iso, []).append(re.escape(word).replace(r"\ ", " "))
    for name, iso in country_names().items():  # the possessive: "Myanmar's military", "Russia's army"
        by_iso.setdefault(iso, []).append(re.escape(name).replace(r"\ ", " ") + "['’]s")
    # A row's gate is the more selective of its nationality's and its nouns' (each a part every match holds): the
    # nouns are parsed once per kind instead of in each of the 476 rows (about 1 s CPU per process before).
    noun_gates = {nouns: required_literals(_alternatives(f"{_WEAPON_MODIFIER}{nouns}"), re.IGNORECASE)
                  for nouns in (_FORCE_NOUNS, _POLICE_NOUNS)}  # fmt: skip
    names_by_iso: dict[str, list[str]] = {}
    for name, iso in country_names().items():
        names_by_iso.setdefault(iso, []).append(re.escape(name).replace(r"\ ", " "))
    rows: list[_Row] = []
    for n, (iso, words) in enumerate(sorted(by_iso.items())):
        if iso in NO_FORCES:
            continue
        adj = "(?-i:" + "|".join(sorted(words, key=len, reverse=True)) + ")"
        adj_gate = required_literals(_alternatives(adj), re.IGNORECASE)
        of = "(?-i:" + "|".join(sorted(names_by_iso.get(iso, []), key=len, reverse=True)) + ")"
        for which, nouns, order in (("Military", _FORCE_NOUNS, 0), ("Police", _POLICE_NOUNS, 1)):
            pattern = f"{adj} {_WEAPON_MODIFIER}{nouns}"  # "Russian ballistic missiles"
            gate = _more_selective(adj_gate, noun_gates[nouns])
            # a match of this part holds one of the nationality's strings and one of the nouns'
            both = tuple(g for g in (adj_gate, noun_gates[nouns]) if g)
            if iso in names_by_iso:  # ACLED's own wording: "military forces of India", "police forces of Kenya"
                of_part = f"(?:{_OF_NOUNS[which]}) of (?:the )?{of}"
                if which == "Military":  # the state as the doer of an attack: "Russia launched 40 missiles"
                    of_part += f"|{of}(?={_STATE_ACTS})"
                pattern += "|" + of_part
                of_gate = required_literals(_alternatives(of_part), re.IGNORECASE)
                # a match holds one of either part's strings (both registered by required_literals)
                gate = gate | of_gate if gate and of_gate else None
                both = tuple(g | of_gate for g in both) if of_gate else ()
            also = tuple(g for g in both if g != gate) if gate else ()
            rows.append(
                _Row(_source(pattern), _forces_name(which, iso), 1, "state", "", first_order + 2 * n + order, gate,
                     also)
            )  # fmt: skip
    return rows


def _more_selective(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """Of two gates that both hold for a pattern, the one that rules out more texts: the longer shortest string,
    then fewer strings (as warlog.extract.literals chooses among a sequence's parts)."""
    gates = [g for g in (a, b) if g]
    return max(gates, key=lambda g: (min(map(len, g)), -len(g))) if gates else None


# What a state named as the subject does with its forces: "Russia launched", "Turkey has carried out drone
# strikes", "Israel struck", "Iran fired" (the country's name alone is no actor: "Russia said", "fighting in Syria").
_STATE_ACTS = (
    r"\s+(?:has\s+|have\s+|had\s+)?(?:also\s+|again\s+|reportedly\s+|allegedly\s+|then\s+|later\s+|repeatedly\s+)?"
    r"(?:launched|fired|carried\s+out|conducted|struck|bombed|shelled|pounded|targeted|attacked|invaded|raided"
    r"|hit\s+(?:back|targets?|positions?)|pressed\s+on\s+with\s+its|stepped\s+up\s+its|intensified\s+its)\b"
)
_OF_NOUNS = {
    "Military": "(?:military|armed|security|government|defen[cs]e) forces|army|armed forces",
    "Police": "police(?: forces)?",
}


@lru_cache(maxsize=1)
def _coordination() -> re.Pattern[str]:
    """Two countries' forces in one phrase: "military forces of India and Pakistan", "Indian and Pakistani troops".
    The group ``first`` is the country whose own row cannot match (the dictionary rows match the other)."""
    from warlog.extract.demonyms import country_names, demonym_table

    names = "|".join(sorted((re.escape(n) for n in country_names()), key=len, reverse=True))
    adjs = "|".join(sorted((re.escape(n) for n in demonym_table() if not n.endswith("'s")), key=len, reverse=True))
    nouns = _OF_NOUNS["Military"] + "|" + _OF_NOUNS["Police"]
    return re.compile(
        rf"(?<![\w\-])(?:(?i:{nouns}) of (?:the )?(?:{names}) and (?:the )?(?P<second>{names})"
        rf"|(?P<first>{adjs}) and (?:{adjs}) (?i:{_FORCE_NOUNS}))(?![\w\-])"
    )


def _coordinated(text: str, iso: str | None, taken: list[tuple[int, int]]) -> list[ActorMention]:
    """The forces of the country a coordinated phrase names without its own force noun."""
    from warlog.extract.demonyms import country_names, demonym_table

    if " and " not in text:
        return []
    out = []
    for m in _coordination().finditer(text):
        group = "second" if m.group("second") else "first"
        start, end = m.span(group)
        other = country_names().get(m.group(group)) or demonym_table().get(m.group(group))
        if other is None or other in NO_FORCES:
            continue
        canonical = _forces_name("Police" if "police" in m.group(0).lower() else "Military", other)
        inter, kind = _inter_for(canonical, 1, "state", iso)
        if group == "first":  # the phrase's own mention starts at the second adjective: keep it, add the first
            taken.append((start, end))
        out.append(ActorMention(start, end, text[start:end], canonical, inter, kind))
    return out


@lru_cache(maxsize=64)
def _ranked_rows(iso: str | None) -> tuple[tuple[tuple[int, _Row], ...], GateTable]:
    """The rows that apply to a country, each with its priority (see _rank), and the table of their gates."""
    out = []
    for row in _rows():
        rank = _rank(row, iso)
        if rank is not None:
            out.append((rank, row))
    return tuple(out), GateTable(row.gate for _, row in out)


def _forces_name(which: str, iso: str) -> str:
    """ACLED state-forces name: "Military Forces of Syria (2000-)", "Police Forces of the Philippines (2016-)"."""
    name = acled_country_name(iso) or iso
    if iso in _WITH_THE:
        name = "the " + name
    if iso not in _ERAS:  # the period ACLED's global 2020 export names (extract.periods), else "2000-"
        from warlog.extract.periods import period_on

        era = period_on(iso, _ERA_DAY) or "2000-"
        start, _, end = era.partition("-")
        if end and int(end) > _ERA_DAY.year:  # closed by a later change: on that day ACLED wrote it open
            era = f"{start}-"
        _ERAS[iso] = (era, era)
    mil, pol = _ERAS[iso]
    return f"{which} Forces of {name} ({mil if which == 'Military' else pol})"


def state_forces(which: str, iso: str) -> str:
    """ACLED's name for a country's "Military" or "Police" forces ("Military Forces of Ukraine (2019-)")."""
    return _forces_name(which, iso)


def _render(template: str, iso: str | None) -> str | None:
    """Fill a canonical template for a country; None where the template needs a country we do not have."""
    if "{military}" in template or "{police}" in template:
        if iso is None:
            return None
        return template.replace("{military}", _forces_name("Military", iso)).replace(
            "{police}", _forces_name("Police", iso)
        )
    if "{country}" in template:
        if iso is None:
            return template.replace(" ({country})", "").replace("{country}", "").strip()
        return template.replace("{country}", acled_country_name(iso) or iso)
    return template


_FORCES_OF = re.compile(r"^(?:Military|Police) Forces of (?:the )?(.+?) \(")


def forces_country(actor: str | None) -> str | None:
    """The ISO code of the country whose state forces the actor is ("Military Forces of Russia (2000-)": RU)."""
    m = _FORCES_OF.match(actor or "")
    return country_iso2(m.group(1)) if m else None


def _inter_for(canonical: str, inter: int, kind: str, iso: str | None) -> tuple[int, str]:
    """State forces acting outside their own country are external forces (inter 8)."""
    if iso is not None and kind == "state":
        home = forces_country(canonical)
        if home is not None and home != iso:
            return 8, "external"
    return inter, kind


def _rank(row: _Row, iso: str | None) -> int | None:
    """Priority of a row for this country (lower is better); None when it does not apply."""
    needs_country = "{" in row.canonical
    if row.country:
        if iso is None:
            return 1
        return 0 if row.country == iso else None
    if iso is None:
        return 2 if needs_country else 0
    return 1


def find_actors(text: str, country: str | None = None) -> list[ActorMention]:
    """All actor mentions in a text, longest match first, without overlaps, in text order; armed factions the actor
    list does not hold are named by their own names ("Suquor al-Sham", "the Islamic Freedom Brigade")."""
    known = [
        ActorMention(*a)
        for a in _find_actors(text, country)
        if not _DISGUISE.search(text[max(0, a[0] - 60) : a[0]]) and not _agency_credit(text, a[0], a[1])
    ]
    factions = _named_factions(text, unit_names=country_iso2(country) == "SY")
    # "the Lord's Resistance Army": a name of its own, not the state's army its last word matched
    generic = [k for k in known if k.surface.lower() in _GENERIC_WORDS and any(f.start < k.start and k.end <= f.end
                                                                               for f in factions)]  # fmt: skip
    known = [k for k in known if k not in generic]
    named = [a for a in factions if not any(a.start < k.end and k.start < a.end for k in known)]
    return sorted(known + named, key=lambda a: a.start) if named else known


_GENERIC_WORDS = frozenset({"army", "front", "movement", "forces", "guard", "guards"})
# a dateline's agency credit: "BEIRUT, June 28 (LNA) -", "GAO, Mali, 3 May 2014 (MNA) -": the outlet, not an actor
_CREDIT_BEFORE = re.compile(r"(?:\b\d{1,2}|\b\d{4}|\b[A-Z]{3,}),?\s*\($")
_CREDIT_AFTER = re.compile(r"\)\s*[-\u2013\u2014]")


def _agency_credit(text: str, start: int, end: int) -> bool:
    """The name is the agency in a wire dateline's brackets: who filed the report, not a party to its events."""
    return (
        _CREDIT_AFTER.match(text, end) is not None
        and _CREDIT_BEFORE.search(text[max(0, start - 12) : start]) is not None
    )


# a force named as a disguise ("gunmen disguised in police uniforms", "dressed as soldiers"): no actor of the event
_DISGUISE = re.compile(
    r"\b(?:disguised|dressed|posing|masquerading)\s+(?:themselves\s+)?(?:as|in)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?$", re.I
)


# An armed faction's name: a Syrian-style "Jaysh/Liwa/Faylaq/Harakat/Ahrar/Suquor/Usud/Jabhat al-X" or a capitalised
# name ending in a unit word ("the Islamic Freedom Brigade", "Ahrar Nawa Division").
_FACTION_HEAD = (
    r"(?:Jaysh|Jaish|Liwa|Liwaa|Faylaq|Failaq|Harakat|Ahrar|Suquor|Suqour|Saraya|Usud|Ousoud|Jabhat|Kataib|Katibat"
    r"|Firqat)"
)
_NAME_WORD = r"(?:[A-Z][\w'-]+|[Aa][lsnrtd]-[A-Z][\w'-]+|al|as|ash|el|of|the|for)"
_FACTION = re.compile(
    rf"\b{_FACTION_HEAD}(?:\s+{_NAME_WORD}){{1,4}}(?<![ ]of)(?<![ ]the)(?<![ ]and)(?<![ ]for)"
    rf"|\b(?:[A-Z][\w'-]+\s+){{1,4}}(?:Brigades?|Division|Battalions?|Regiment|Corps|Front|Movement|Army|Legion|Guards?)\b"
)
_NOT_FACTION = re.compile(
    r"^(?:The\s+)?(?:Syrian|Russian|Iraqi|Turkish|Israeli|Iranian|US|U\.S\.|American|Lebanese|Free Syrian|National|"
    r"Republican|Presidential|Revolutionary|Red|Salvation|Popular|People's|Kurdish|Afghan|Pakistani|Nigerian|"
    r"Sudanese|Libyan|Yemeni|Egyptian|Jordanian|Saudi|Israel|Defense|Defence|Arab|Tiger)\b"
)


_REBEL_NAME = re.compile(r"(?:Army|Front|Movement)$")


def _state_named(name: str) -> bool:
    """The name opens with a country or a nationality ("Nigerian Army", "Sudan People's Armed Forces")."""
    from warlog.extract.demonyms import country_names, demonym_table

    words = re.sub(r"^(?:The|A)\s+", "", name).split()
    first = re.sub(r"['’]s$", "", words[0]) if words else ""
    return first in demonym_table() or first in country_names() or country_iso2(first) is not None


def _named_factions(text: str, unit_names: bool) -> list[ActorMention]:
    """Armed factions by name; ``unit_names``: also capitalised names ending in a unit word (Syria's war, where ACLED
    names hundreds of brigades and divisions; elsewhere such names are mostly army or police units)."""
    out = []
    for m in _FACTION.finditer(text):
        headed = re.match(_FACTION_HEAD, m.group(0)) is not None
        if not unit_names and not headed and not _REBEL_NAME.search(m.group(0)):
            continue  # outside Syria a brigade or a division is the army's; an "... Army" or "... Front" a rebel's
        if not headed and not unit_names and _state_named(m.group(0)):
            continue  # "the Ugandan People's Defence Army", "Sudan Army": a country's own
        rebel_only = not headed and not unit_names
        if re.match(r"\s*(?:Party|Council|Committee)\b", text[m.end() :]) or re.search(
            r"\bpolice\s+$"
            if rebel_only
            else r"\b(?:police|of\s+the)\s+$"
            if headed
            else r"\b(?:police|of\s+the|and)\s+$",
            text[max(0, m.start() - 12) : m.start()],
        ):
            continue  # a party, a police division, the tail of a longer name ("Support and Reinforcement Brigades")
        name = re.sub(r"^(?:The|A)\s+", "", m.group(0))
        if name != m.group(0) and name.split()[0] in ("Army", "Front"):
            continue
        if _NOT_FACTION.match(name):
            continue  # a state's army or a known family of names the actor list decides
        inter = 2 if re.search(r"Army|Front|Movement|Jaysh|Jaish|Jabhat|Harakat", name) else 3
        start = m.start() + (len(m.group(0)) - len(name))
        # ACLED's spelling of Arabic names: "al" apart and in lower case inside a name ("Suquor al Sham")
        canonical = re.sub(r"(?<=\s)(?:Al|al|El|el)[-\s]", "al ", re.sub(r"\b([Aa][ls])-", r"\1 ", name))
        canonical = canonical[:1].upper() + canonical[1:]
        out.append(ActorMention(start, m.end(), name, canonical, inter, "rebel" if inter == 2 else "militia"))
    return out


@lru_cache(maxsize=256)
def _find_actors(text: str, country: str | None) -> tuple[tuple[int, int, str, str, int, str], ...]:
    """find_actors' answer as plain tuples, remembered for the last sentences: a report's sentence is read for its
    actors by the document's actor list, the type classifier and the role assignment."""
    iso = country_iso2(country)
    cands: list[tuple[int, int, int, int, _Row]] = []
    ranked, table = _ranked_rows(iso)
    present = literals_in(text)
    starts = WordStarts(text)  # each row's regex is tried only where its first words can start (wordscan.py)
    for i in table.hits(present):  # only the rows one of whose words is in the text
        rank, row = ranked[i]
        if row.also and not meets_all(row.also, present):
            continue  # the text misses another string every match holds
        for m in word_finditer(row.regex, text, starts):
            cands.append((m.start(), m.end(), rank, row.order, row))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[3], c[0]))
    taken: list[tuple[int, int]] = []
    out: list[tuple[int, int, str, str, int, str]] = []
    for start, end, _, _, row in cands:
        if any(start < e and s < end for s, e in taken):
            continue
        canonical = _render(row.canonical, iso)
        if canonical is None:
            continue
        inter, kind = _inter_for(canonical, row.inter, row.kind, iso)
        taken.append((start, end))
        out.append((start, end, text[start:end], canonical, inter, kind))
    mentions = [ActorMention(*a) for a in out]
    for extra in _coordinated(text, iso, taken):
        if not any(a.start < extra.end and extra.start < a.end for a in mentions):
            mentions.append(extra)
    if iso is not None and _IDENTITY_HINT.search(text):
        mentions = _identity_militias(text, iso, mentions)
    if _GANG_HINT.search(text):
        mentions = _named_gangs(text, iso, mentions)
    mentions.sort(key=lambda a: a.start)
    mentions = _with_head_nouns(text, mentions)
    # "a former rebel fighter", "ex-militants": once of the group, no longer its fighter
    mentions = [a for a in mentions if a.kind == "civilians" or not _FORMER.search(text, max(0, a.start - 10), a.start)]
    # "a civilian auxiliary force", "the Civilian Joint Task Force": the word qualifies an armed body, not its victims
    mentions = [a for a in mentions if not (a.kind == "civilians" and _QUALIFIES_FORCE.match(text, a.end))]
    return tuple((a.start, a.end, a.surface, a.canonical, a.inter, a.kind) for a in mentions)


_FORMER = re.compile(r"(?:\bformer\s+|\bex-)$", re.I)
_QUALIFIES_FORCE = re.compile(
    r"[\s-]+(?:(?:armed|auxiliary|self-defen[cs]e|defen[cs]e|security|protection|vigilante|volunteer|joint|"
    r"paramilitary)\s+)*(?:forces?|auxiliar(?:y|ies)|militias?|(?:self-)?defen[cs]e (?:forces?|groups?|units?|corps)|"
    r"vigilantes?|task force|JTF|patrols?|brigades?|militiamen)\b",
    re.I,
)
# A generic noun right after a named actor is that actor's head noun, not a second actor: "Hayat Tahrir al Sham
# fighters", "Islamic State sleeper cell members", "QSD forces".
_HEAD_NOUN = re.compile(
    r"^(?:fighters|militants|members|gunmen|forces|elements|militiamen|rebels|insurgents|jihadists|cells?|troops)$",
    re.I,
)


_HEAD_GAP = re.compile(
    r"\s+(?:(?!(?:and|or|with|against|by|of|to|from|in|on|at|the|a|an|as|while|after|were|was|are|is|said|says|say|"
    r"told|tells|reported|added|claimed|blamed|accused|suspect|suspected|believe|believed|fear|feared)\s)[a-z]+\s+){0,2}"
)


def _with_head_nouns(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """Fold a generic head noun into the named actor it follows ("HTS fighters" is one mention)."""
    out: list[ActorMention] = []
    for a in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and a.kind == "unidentified"
            and prev.kind not in ("unidentified", "civilians")
            and _HEAD_NOUN.match(a.surface)
            and _HEAD_GAP.fullmatch(text[prev.end : a.start])
        ):
            out[-1] = ActorMention(prev.start, a.end, text[prev.start : a.end], prev.canonical, prev.inter, prev.kind)
            continue
        out.append(a)
    return out


# ACLED's identity militias are named after the group (codebook: "<Group> Ethnic Militia (<Country>)", "<Clan> Clan
# Militia (<Country>)", "<Sub-clan> Sub-Clan Militia"): "Tiv militias", "militiamen from the Hawadle clan".
_IDENTITY_HINT = re.compile(r"militia|clan\b|clans\b|tribe|tribal", re.I)
_NAME = r"(?P<name>(?:Al |Bani |Beni |Ould )?[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)"
_CLAN = re.compile(
    rf"\b{_NAME} (?P<kind>sub-clan|clan)s? (?:militias?|militiamen|fighters|gunmen)\b"
    rf"|\b(?i:militias?|militiamen|fighters|gunmen|members) (?:from|of) the {_NAME.replace('name', 'name2')} "
    r"(?P<kind2>sub-clan|clan)\b"
)
_TRIBE = re.compile(
    rf"\b{_NAME} (?:tribes?|tribesmen|tribal (?:militias?|militiamen|fighters|gunmen))\b"
    rf"|\b(?i:militias?|militiamen|fighters|gunmen|members|tribesmen) (?:from|of) the {_NAME.replace('name', 'name2')}"
    r" tribe\b"
)
_ETHNIC = re.compile(rf"\b{_NAME} (?:ethnic )?(?:militias?|militiamen|militia members)\b")
# Capitalised words before "militia" that name no ethnic group (sentence openers, kinds, sides, religions).
_NOT_ETHNIC = frozenset(
    """The A An Local Armed Suspected Alleged Unknown Unidentified Tribal Communal Pro Islamist Shiite Shia Sunni
    Christian Muslim Government Allied Rival Several Two Three Some Ethnic Clan Youth Popular Self Civil Village
    Community Private Hindu Buddhist Catholic Militia Militias Their Its Other Anti Former Regime Rebel Opposition
    Security Defence Defense National Iranian Kurdish Arab Armed Mixed Gunmen Members Many Dozens Hundreds Islamic
    Jihadist Salafist Tribes Tribe Lions Army Brigade Front Forces Group Groups Party Movement Sons
    Resistance""".split()
)


def _identity_militias(text: str, iso: str, found: list[ActorMention]) -> list[ActorMention]:
    """Named clan and ethnic militias, in place of the generic mentions they cover."""
    from warlog.extract.demonyms import country_names, demonym_table

    country = acled_country_name(iso) or iso
    named: list[ActorMention] = []
    for m in _CLAN.finditer(text):
        kind = "Sub-Clan" if (m.group("kind") or m.group("kind2")) == "sub-clan" else "Clan"
        name = m.group("name") or m.group("name2")
        named.append(ActorMention(m.start(), m.end(), m.group(0), f"{name} {kind} Militia ({country})", 4, "identity"))
    for m in _TRIBE.finditer(text):
        name = m.group("name") or m.group("name2")
        if name in _NOT_ETHNIC or name in demonym_table() or name in country_names():
            continue
        named.append(ActorMention(m.start(), m.end(), m.group(0), f"{name} Tribal Militia ({country})", 4, "identity"))
    for m in _ETHNIC.finditer(text):
        name = m.group("name")
        if name in _NOT_ETHNIC or name in demonym_table() or name in country_names():
            continue
        named.append(ActorMention(m.start(), m.end(), m.group(0), f"{name} Ethnic Militia ({country})", 4, "identity"))
    out = list(found)
    for new in named:
        covered = [a for a in out if a.start < new.end and new.start < a.end]
        # a known actor's own name ("Hezbollah militia", "Fulani militias") keeps its dictionary row
        if any(
            a.kind not in ("unidentified", "civilians") and not a.canonical.startswith("Unidentified") for a in covered
        ):
            continue  # fmt: skip
        out = [a for a in out if a not in covered]
        out.append(new)
    return out


# Named gangs and cartels (ACLED names a gang the report names: "Village de Dieu Gang", "Los Viagras Gang", "Gulf
# Cartel"): capitalised words, numbers and the small words of their names before "gang" or "cartel" ("the 400 Mawozo
# gang", "members of the Gran Grif gang", "the Gulf cartel"), and in Latin America "members of Los X".
_GANG_HINT = re.compile(r"\bgang|\bcartel|\bLos [A-Z]", re.I)
_GANG_WORD = r"(?:[A-Z][\w'’.]*(?:-[\w'’]+)*|\d+)"
_SMALL_WORDS = ("de", "del", "la", "las", "los", "el", "of", "du", "des", "di", "da", "do", "dos", "das")
_GANG_SMALL = "(?:" + "|".join(_SMALL_WORDS) + ")"
_NAMED_GANG = re.compile(
    rf"(?<![\w\-])(?:(?i:(?:suspected |alleged )?(?:members|gunmen|fighters|militants|hitmen|elements|leaders?)"
    rf" (?:of|from) ))?(?:the )?(?P<name>{_GANG_WORD}(?: (?:{_GANG_SMALL} )?{_GANG_WORD}){{0,3}})"
    rf" (?P<kind>(?i:gang|cartel))s?(?![\w\-])"
    rf"|\b(?i:members|gunmen|hitmen|militants) of (?:the )?(?P<los>(?:Los|Las) {_GANG_WORD}(?: {_GANG_WORD})?)\b"
)
# Capitalised words that open a sentence or describe a gang without naming it ("Armed gangs", "The gang", "Rival
# cartels", "Haitian gangs").
_NOT_GANG = frozenset(
    """The A An Armed Rival Local Criminal Street Drug Prison Several Two Three Some Powerful Notorious Heavily
    Suspected Alleged Unknown Unidentified Other Another Many Most All Main Largest Big Small Violent Police This
    That These Those
    Major Dominant Allied Its Their His Her Youth Kidnapping Kidnap Motorcycle Biker Organized Organised Mafia Gang
    Cartel Members Member Powerful Feared On In At From By For With After Before During Since When While Then Later
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Authorities Officials Residents Witnesses Gunmen Heavily-armed""".split()
)


def _named_gangs(text: str, iso: str | None, found: list[ActorMention]) -> list[ActorMention]:
    """Gangs and cartels the report names, in place of the generic mentions they cover (a dictionary row wins)."""
    from warlog.extract.demonyms import country_names, demonym_table

    named: list[ActorMention] = []
    for m in _NAMED_GANG.finditer(text):
        if m.group("los"):
            if iso not in _GANG_COUNTRIES:
                continue
            name, kind, start = m.group("los"), "Gang", m.start()
        else:
            words = m.group("name").split()
            while words and (words[0] in _NOT_GANG or words[0] in demonym_table() or words[0] in country_names()):
                words = words[1:]
            if not words or words[-1].lower() in _SMALL_WORDS:
                continue
            name = " ".join(words)
            start = m.start() if name == m.group("name") else m.start("name") + m.group("name").index(name)
            kind = "Cartel" if m.group("kind").lower() == "cartel" else "Gang"
        if name.lower() in ("the", "a"):
            continue
        named.append(ActorMention(start, m.end(), text[start : m.end()], f"{name} {kind}", 3, "militia"))
    out = list(found)
    for new in named:
        covered = [a for a in out if a.start < new.end and new.start < a.end]
        if any(
            a.kind not in ("unidentified", "civilians") and not a.canonical.startswith("Unidentified") for a in covered
        ):
            continue  # "the Sinaloa Cartel", "CJNG": the dictionary's name
        out = [a for a in out if a not in covered]
        out.append(new)
    return out


def canonical_actor(surface: str, country: str | None = None) -> str | None:
    """The canonical name of an actor written alone ("SAA" -> "Military Forces of Syria (2000-)"), else None."""
    surface = surface.strip()
    found = find_actors(surface, country)
    if not found:
        return None
    best = max(found, key=lambda a: a.end - a.start)
    return best.canonical


def actor_info(name: str, country: str | None = None) -> ActorMention | None:
    """Inter code and kind for a canonical name or a surface form (used by the type classifier)."""
    found = _actor_info(name, country)
    return ActorMention(*found) if found is not None else None


@lru_cache(maxsize=1024)
def _actor_info(name: str, country: str | None) -> tuple[int, int, str, str, int, str] | None:
    """actor_info as a plain tuple, remembered per name and country (every event's actors are looked up again)."""
    for row in _rows():
        rendered = _render(row.canonical, country_iso2(country))
        if rendered is not None and rendered == name:
            inter, kind = _inter_for(rendered, row.inter, row.kind, country_iso2(country))
            return (0, len(name), name, rendered, inter, kind)
    found = _find_actors(name, country)
    return max(found, key=lambda a: a[1] - a[0]) if found else None


# ---------------------------------------------------------------------------------------------------------------
# Roles
# ---------------------------------------------------------------------------------------------------------------

_VAC = {"Attack", "Abduction/forced disappearance", "Sexual violence"}
_PROTEST = {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
_RIOT = {"Violent demonstration", "Mob violence"}
_UNATTRIBUTED_OK = {"Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon"}
_AGENT_KINDS = {"state", "external", "rebel", "militia", "unidentified", "identity"}
# a thing hit, said whose it is: "a vehicle belonging to the Asayish" (not "warplanes believed to belong to X": those
# are the doers)
_BELONGING_TO = re.compile(
    r"\b(?:vehicles?|cars?|trucks?|pick-?ups?|houses?|homes?|positions?|posts?|bases?|depots?|convoys?|boats?|ships?"
    r"|buildings?|warehouses?|offices?|headquarters|checkpoints?|facilit(?:y|ies)|farms?|shops?|properties)\s+"
    r"(?:\w+\s+)?belong(?:s|ed|ing)?\s+to\s+(?:the\s+)?$",
    re.I,
)
_BY = re.compile(
    r"(?:\bby|\bblamed on|\battributed to|\bclaimed by|\bbelong(?:s|ed|ing)? to|\blaunched by|\bcarried out by"
    # "came under fire from gunmen of X": who fired
    r"|\bunder\s+(?:heavy\s+|intense\s+|sustained\s+)?(?:gun)?fire\s+from|\bunder\s+(?:an?\s+)?attack\s+from)"
    r"(?:\s+(?:the|a|an|suspected|alleged|presumed|[\w]+-(?:led|backed|based|linked|allied|affiliated|dominated)"
    r"|[\"\u201c\u2018'][\w -]{1,24}[\"\u201d\u2019']"  # 'ambushed by "terrorist" fighters': a word in quotes
    # "by a Kenosha police officer", "by local police": the force's town or an adjective of its own
    r"|(?-i:[A-Z][\w'.-]+)|local|municipal|off-duty|plainclothes|plain-clothes|uniformed|masked|armed))*"
    # "by gunmen of the Sinaloa Cartel", "from fighters loyal to X": the group whose men they are
    r"(?:\s+(?:gunmen|fighters|militants|members|militiamen|insurgents|rebels|men|elements)\s+(?:of|from|loyal\s+to)"
    r"(?:\s+the)?)?\s*$",
    re.I,
)
_BACKED = re.compile(
    r"(?:backed|supported|aided|accompanied|assisted|joined|helped) by(?:\s+the)?\s*$|with the (?:support|help|backing"
    r") of(?:\s+the)?\s*$|alongside(?:\s+the)?\s*$",
    re.I,
)
# "between X", "between Turkey-backed X", "between the US-led X"
_BETWEEN = re.compile(
    r"\bbetween(?:\s+the)?(?:\s+[\w']+[\s-](?:backed|led|supported|allied|affiliated|linked|aligned|based))?"
    # "between Turkey-backed factions operating under OPS": the side is the umbrella it fights under
    r"(?:\s+[^,.;]{0,40}?,?\s+(?:(?:who|which|that)\s+)?(?:operat\w*|fight\w*)\s+under(?:\s+the)?)?\s*$",
    re.I,
)
_AND = re.compile(r"^\s*(?:,\s*)?(?:and|&|with)\s+(?:the\s+)?$", re.I)
_CIV_WORDS = re.compile(
    r"\b(?:civilians?|residents?|villagers?|children|child|women|woman|men|man|people|family|families|"
    r"inhabitants|farmers?|worshipp?ers|students|boys?|girls?|persons|tourists|holidaymakers|pilgrims|shoppers"
    r"|passengers|commuters|churchgoers|congregants|diners|beachgoers|spectators)\b",
    re.I,
)
_TRIGGER_FALLBACK = re.compile(
    r"\b(?:attack|strik|struck|shell|bomb|clash|fight|kill|fire|fired|target|raid|abduct|kidnap|arrest|detain|"
    r"protest|demonstrat|riot|loot|captur|seiz|took control|retook|recaptur|execut|shot|explo|detonat)",
    re.I,
)


_CLAIMS = re.compile(
    r"^\W{0,3}(?:(?:group|militants|fighters|jihadists)\W{0,3})?(?:has |have |had )?(?:claimed"
    r"|said (?:in a statement )?(?:that )?(?:one of |two of |some of )?its|announced (?:that )?(?:one of |its)"
    r"|took responsibility|shot down|downed|detonated|blew up)",
    re.I,
)


_NAMED_AS_TAIL = re.compile(
    r"\b(?:(?:identified|described|named|recogni[sz]ed)\s+(?:them\s+|him\s+)?as|(?:believed|thought|suspected)\s+to\s+"
    r"(?:be|belong\s+to))(?:\s+(?:members?|fighters|militants|elements|gunmen)\s+(?:of|from))?(?:\s+(?:an?|the))?\s*$",
    re.I,
)


def named_as_agent(sentence: str, canonical: str, country: str | None = None) -> bool:
    """The sentence names this actor as the one who did it: "carried out by X", "claimed by X", "X claimed", "X
    said one of its fighters", "X shot down" (not as a victim, a source or a bystander)."""
    for a in find_actors(sentence, country):
        if a.canonical != canonical:
            continue
        if _BY.search(sentence[max(0, a.start - 40) : a.start]) or _CLAIMS.match(sentence[a.end :]):
            return True
        if _NAMED_AS_TAIL.search(sentence[max(0, a.start - 60) : a.start]):
            return True  # "whom the army identified as fighters of X", "gunmen believed to be X"
    return False


_CIV_PROPERTY = re.compile(
    r"(?:civilian|residential|people's|residents'|villagers'|farmers')\s+(?:houses?|homes?|propert(?:y|ies)|areas?"
    r"|buildings?|facilit(?:y|ies)|infrastructure|neighbou?rhoods?|quarters?|farms?|lands?|objects?|targets?|sites?)",
    re.I,
)
# ACLED codes two crowds facing each other as actor1 and actor2 of the same kind: protesters and counter-protesters,
# rioters against rioters ("two groups clashed", "clashed with each other", "rival mobs").
_COUNTER = re.compile(r"\bcounter[\s-]?(?:protest(?:er)?s?|demonstrat(?:ion|ors?)|rall(?:y|ies))\b", re.I)
_MUTUAL = re.compile(
    r"\b(?:each other|one another|two (?:\w+ )?(?:groups|mobs|communities|factions|families|villages|sides|parties"
    r"|crowds|clans|tribes|castes)|rival (?:groups|mobs|supporters|factions|crowds)|between (?:two|rival) \w+"
    r"|counter[\s-]?(?:protest(?:er)?s?|demonstrat(?:ion|ors?)))\b",
    re.I,
)


_GOVERNMENT_ACTS = frozenset({"Change to group/activity", "Other", "Agreement"})
_GOVERNMENT = re.compile(
    r"\b(?:(?:the |its )?government|governorship|governor's office|governorate|authorities|ministry|cabinet"
    r"|parliament|president)\b(?! forces| troops| soldiers| aircraft| warplanes| jets| army)",
    re.I,
)


def _first_start(sentence: str, canonical: str, country: str | None) -> int:
    """Where the sentence first names this actor (its end when it does not)."""
    return min((a.start for a in find_actors(sentence, country) if a.canonical == canonical), default=len(sentence))


def _civilians(country: str | None) -> str:
    """ACLED's civilians actor for the country."""
    name = acled_country_name(country)
    return f"Civilians ({name})" if name else "Civilians"


def _named(prefix: str, country: str | None) -> str:
    """An ACLED country-suffixed name such as "Protesters (Syria)"."""
    name = acled_country_name(country)
    return f"{prefix} ({name})" if name else prefix


def police_of(country: str | None) -> tuple[str | None, int | None]:
    """The country's police forces, or nothing without a country."""
    iso = country_iso2(country)
    return (_forces_name("Police", iso), 1) if iso else (None, None)


def _trigger_position(sentence: str, sub_event_type: str | None) -> int:
    """Where the event word is when the caller does not say (`extract.actor_roles` asks the type classifier): a verb-ish
    keyword."""
    m = _TRIGGER_FALLBACK.search(sentence)
    return m.start() if m else len(sentence)


# A source, not a side: "..., the SDF said" ("X said it fired", "X said its fighters" name the doer: _CLAIMS and
# _SAID_OWN; "X announced the capture of" and "according to X, 18 fighters were killed" often do too).
_SAID = re.compile(
    r"^\W{0,3}(?:(?:group|militants|fighters|forces|movement|spokesman|spokesperson)\W{0,3})?(?:has |have |had )?"
    # an adverb between the source and its verb: "Police later said", "officials also told"
    r"(?:(?:later|also|earlier|separately|previously|further|then|had|have|has)\s+)?"
    r"(?:said|says|say|reported(?!\s+\w+ed\b)|told|stated|added|tweeted|wrote"
    # "Police suspect they were abducted by the militants": who suspects or believes is no side
    r"|suspects?|suspected\s+(?:that|they|the)|believes?|believed\s+(?:that|they|the)|fear(?:s|ed)?\s+(?:that|they|the))\b",
    re.I,
)
# a claim of an attack: "claimed responsibility", "claimed the attack", "claimed the Sadr City bombing" (up to three
# words naming it: a place, "twin", "suicide"); one spelling for the claim rules of frames and context
CLAIM_OF_ATTACK = (
    r"claim(?:ed|s)?\s+(?:responsibility|the\s+(?:[\w'\u2019-]+\s+){0,3}?"
    r"(?:attacks?|bombings?|blasts?|explosions?|killings?|assault|massacre|ambush|raid))\b"
)
# when a source told it, between its verb and what it told ("said on Monday that ...", "said later")
TOLD_WHEN = r"on\s+\w+|today|yesterday|later"
_SAID_OWN = re.compile(
    r"^\W{0,3}(?:has |have |had )?(?:said|says|say|announced|stated|confirmed|reported)"
    rf"(?:\s+(?:{TOLD_WHEN}|in\s+a\s+statement))?\W{{1,3}}(?:that\s+)?(?:it|they|its|their)\b",
    re.I,
)


_DURING_ITS = re.compile(r"\b(?:during|in)\s+(?:an?|the)\s+$", re.I)
_OPERATION_NOUN = re.compile(
    r"\s*(?:[\w-]+\s+)?(?:raids?|operations?|offensive|attacks?|assault|ambush|crackdown|air\s*strikes?|strikes?"
    r"|shelling|bombardment|sweep)\b",
    re.I,
)
_SENTENCE_BREAK = re.compile(r"[.;!?]\s+[A-Z]")


def _source_only(sentence: str, a: ActorMention) -> bool:
    """The actor is named only as the source of the report ("..., the SDF said")."""
    after = sentence[a.end :]
    return bool(_SAID.match(after)) and not _CLAIMS.match(after) and not _SAID_OWN.match(after)


# Who found or told, not who acted: "preliminary findings by the UN mission", "a report by Human Rights Watch".
_FINDINGS_BY = re.compile(
    r"\b(?:findings|report|reports|investigation|inquiry|probe|statement|assessment|data|figures|count|tally|"
    r"documentation|review)\s+(?:published\s+|released\s+|issued\s+|compiled\s+|conducted\s+|carried\s+out\s+)?"
    r"by\s+(?:the\s+)?$",
    re.I,
)
# A vehicle or a patrol that ran into a device: its side is the target ("struck a landmine", "drove over an IED").
_STRUCK_DEVICE = re.compile(
    r"\b(?:struck|hit|ran over|run over|drove over|driven over|rolled over|stepped on|triggered|set off)\s+"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:(?:land)?mines?|IEDs?|explosive\s+devices?|roadside\s+bombs?|"
    r"improvised\s+explosive\s+devices?|explosives?)\b",
    re.I,
)
# "the student who shot dead ...", "a man who had opened fire ...": a relative clause right before the act
_WHO_DID = re.compile(
    r"\b(?<!those )(?<!people )who\s+(?:had\s+|has\s+|have\s+|then\s+|allegedly\s+|reportedly\s+)?$", re.I
)
_SUBORDINATE = re.compile(r"\b(?:after|when|while|because|following)\s+(?!the\s+(?:attack|strike|raid)s?\b)", re.I)
_STATE_FORCES = re.compile(r"^(?:Military|Police) Forces of (.+? \([^)]*\))")  # country and government period


def one_state(a: str | None, b: str | None) -> bool:
    """Both are the forces of one state (army, police, their units)."""
    ma, mb = _STATE_FORCES.match(a or ""), _STATE_FORCES.match(b or "")
    return ma is not None and mb is not None and ma.group(1) == mb.group(1)


_STRONGHOLD_OF = re.compile(
    r"\b(?:stronghold|bastion|heartland|fiefdom|home\s+base|power\s+base)\s+of\s+(?:the\s+)?(?:[\w-]+'s\s+)?$", re.I
)
_OWNED_BY = re.compile(
    r"\b(?:run|operated|controlled|held|owned|managed|administered|guarded|used|occupied)\s+by\s+(?:the\s+)?$", re.I
)


# Fire that accompanies a battle: "clashed with IS amid airstrikes by Coalition jets", "under aerial cover from
# Coalition warplanes", "accompanied by shelling by X". The force named there supports a side; it is no side itself.
_ACCOMPANYING = re.compile(
    r"(?:\bamid(?:st)?\b|\baccompanied\s+by\b|\bunder\s+(?:the\s+)?(?:[\w-]+\s+){0,2}cover\b|\bcover(?:ed)?\s+by\b"
    r"|\bwith\s+(?:the\s+)?(?:air|aerial|artillery|fire)\s+(?:support|cover)\b)[^.;]{0,50}?"
    r"(?:\bby|\bfrom|\bof|\bcover)(?:\s+(?:the|suspected|alleged|presumed))*\s*$",
    re.I,
)
# A relative clause telling what displaced people fled ("families who fled fighting between X and Y in Z"): neither
# its actors nor its places are the event's (places.py reads it too).
FLED_CLAUSE = re.compile(
    r"\b(?:who|which|that)\s+(?:had\s+|have\s+)?(?:fled|escaped|were\s+displaced\s+by|had\s+been\s+displaced\s+by)\b"
    r"[^.;:()]*",
    re.I,
)
_BATTLE_SUBS = frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"})
# An actor's people harmed, told as a reduced relative ("police cadets killed in the bombing", "soldiers wounded by
# the blast"): the victims' side, never the doer (an active "soldiers killed five militants" has an object instead).
_HARMED_AFTER = re.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:killed|wounded|injured|hurt|slain|maimed)\s+(?:in|by|on|during|when|while|at(?!\s+(?:least"
    r"|most)\b)|near|as|after|since|overnight|yesterday|today|this|last)\b",  # (not "soldiers killed at least 22")
    re.I,
)


def _pick_agents(
    sentence: str, agents: list[ActorMention], trig: int, sub: str = ""
) -> tuple[list[ActorMention], list[ActorMention]]:
    """Split agent mentions into initiators (subject side, "by X") and targets (object side)."""
    side1: list[ActorMention] = []
    assoc: list[ActorMention] = []
    side2: list[ActorMention] = []
    for a in agents:
        before = sentence[max(0, a.start - 40) : a.start]
        if _source_only(sentence, a) or _FINDINGS_BY.search(before) or _STRONGHOLD_OF.search(before):
            continue  # "..., the SDF said"; "findings by the UN mission said": a source, no side; "Saada, the
            # stronghold of the Houthi movement": whose town it is, not who was hit
        if _BACKED.search(before) or (
            sub in _BATTLE_SUBS
            and len(agents) > 2
            and _ACCOMPANYING.search(sentence[max(0, a.start - 80) : a.start])
            and not _SENTENCE_BREAK.search(sentence, min(trig, a.start), max(trig, a.start))
        ):
            assoc.append(a)
        elif _OWNED_BY.search(before) or _BELONGING_TO.search(before):
            side2.append(a)  # "a detention centre run by the Houthis": whose place was hit, not who hit it; "a drone
            # targeted a vehicle belonging to the Asayish": the owner of the thing hit (not "warplanes believed to
            # belong to X": the doers)
        elif _HARMED_AFTER.match(sentence, a.end):
            side2.append(a)  # "the number of police cadets killed in Thursday's car bombing": the victims
        elif _DURING_ITS.search(before) and _OPERATION_NOUN.match(sentence, a.end):
            side1.insert(0, a)  # "a suspect was killed during a police raid": the raid's actor did it
        elif _BY.search(before) and not _SENTENCE_BREAK.search(sentence, min(trig, a.start), max(trig, a.start)):
            # "killed by X" (not "... clashed with IS. Clashes were accompanied by strikes by X"); of several "by"
            # agents the one nearest the event word leads
            at = sum(
                1
                for b in side1
                if _BY.search(sentence[max(0, b.start - 40) : b.start]) and abs(b.start - trig) <= abs(a.start - trig)
            )
            side1.insert(at, a)
        elif a.start < trig or a.start <= trig < a.end:  # "Turkish drones hit": the event word inside the doer's name
            side1.append(a)
        else:
            side2.append(a)
    return side1 + assoc, side2


# What joins an actor to its allies: "regime forces and allied militias", "X, supported by Y", "X with Y against Z".
_ALLY_JOIN = re.compile(
    r"^\s*(?:,\s*)?(?:and|with|alongside|together\s+with|as\s+well\s+as|including|(?:supported|backed|aided|assisted|"
    r"accompanied|joined|helped)\s+by|with\s+the\s+(?:support|help|backing)\s+of)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:allied\s+|loyal\s+|loyalist\s+|affiliated\s+)?$",
    re.I,
)
_ALLY_AFTER = re.compile(
    r"^\s*(?:loyal\s+to|allied\s+(?:to|with)|affiliated\s+with)\s+(?:them|it|the\s+regime)\b", re.I
)
_AGAINST = re.compile(r"\bagainst\b|\bon\s+(?:the\s+)?one\s+(?:side|hand)\b", re.I)
# the joined pair took ground from the other side: "retook two villages in Hiraan from the militants"
_TAKEN_FROM = re.compile(
    r"[^.;]{0,40}?\b(?:retook|recaptured|regained|captured|seized|took(?:\s+back)?|wrested|liberated|cleared|drove|"
    r"pushed|expelled|ousted)\b[^.;]{0,60}?\bfrom\s+(?:the\s+)?(?=[\w-])(?!(?:the\s+)?(?:north|south|east|west)\b)",
    re.I,
)
_ALLY_WORDS = re.compile(
    r"^\s*(?:,\s*)?(?:and|with)\s+[^,.;]{0,30}?\b(?:allied|loyal|loyalist|affiliated|pro-regime|pro-government"
    r"|supporting)\s+$",
    re.I,
)


def _ally_of(sentence: str, side: list[ActorMention], a: ActorMention) -> bool:
    """a is named as fighting alongside the last actor of side ("X and allied militias", "X, backed by Y")."""
    prev = side[-1]
    if a.start < prev.end:
        return False
    between = sentence[prev.end : a.start]
    if _AGAINST.search(between):
        return False
    m = _ALLY_JOIN.match(between)
    if m is None:
        # "X and Syrian and non-Syrian allied militias", "X and pro-regime gunmen": the words say whose side
        return bool(_ALLY_WORDS.match(between))
    if (
        a.canonical.startswith("Militia (Pro-")
        and prev.kind == "state"
        and re.fullmatch(r"\s*(?:,\s*)?and\s+", between)
    ):
        return True  # "regime forces and pro-regime militias": a pro-government militia beside the state's forces
    if re.fullmatch(r"\s*(?:,\s*)?(?:and|with)\s+(?:the\s+|its\s+|their\s+)?", between, re.I):
        # a plain "and"/"with" joins allies only when the other side comes after "against" or they are "loyal to"
        return (
            bool(_ALLY_AFTER.match(sentence[a.end :]))
            or bool(_AGAINST.search(sentence, a.end))
            or bool(_TAKEN_FROM.match(sentence, a.end))  # "troops and clan militia retook two villages from X"
        )
    return True


def _allies(sentence: str, first: ActorMention | None, agents: list[ActorMention]) -> list[ActorMention]:
    """The actors named right after actor1 as fighting on its side."""
    if first is None:
        return []
    side, out = [first], []
    for a in agents:
        if a.start <= first.start:
            continue
        if _ally_of(sentence, side, a):
            side.append(a)
            out.append(a)
        elif a.start > side[-1].end:
            break
    return out


_PAIR_JOIN = re.compile(
    r"^[^.;]{0,80}?\bagainst\s+(?:the\s+)?$|^\s*,?[^,.;]{0,30}?\b(?:and|&|with|versus|vs\.?)\s+(?:the\s+)?$"
    # "between X, supported by forces based in Shadadeh, and Y": the backing told in a parenthesis
    r"|^\s*,\s*(?:supported|backed|aided|assisted|accompanied|joined|helped)\s+by\s+[^.;,]{0,60},\s*(?:and|&)\s+"
    r"(?:the\s+)?$",
    re.I,
)


# "between X [and its allies ...] against Y": everything before "against" is X's side, whatever joins them.
_CLAUSE_END = re.compile(r"[.;]|\b(?:while|after|before|amid|when)\b|\bas\b(?!\s+well)", re.I)
_AGAINST_HEAD = re.compile(r"^\s*against\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?$", re.I)


def _against_split(
    sentence: str, agents: list[ActorMention], i: int
) -> tuple[ActorMention, ActorMention, list[ActorMention]] | None:
    """ACLED's "clashes between X and Syrian and non-Syrian allied militias against Y", "between X, backed by W and
    Russian airstrikes, against Y": the side after "against" is the opponent, all named before it fight with X."""
    a = agents[i]
    for j in range(i + 1, len(agents)):
        b = agents[j]
        gap = sentence[agents[j - 1].end : b.start]
        if _CLAUSE_END.search(gap):
            return None
        if b.start < agents[j - 1].end:
            continue
        m = re.search(r"\bagainst\b", gap, re.I)
        if m is None:
            continue
        if not _AGAINST_HEAD.match(gap[m.start() :]) or b.canonical == a.canonical or b.kind == "unidentified":
            return None  # an unnamed opponent: the older rules look for the group named behind it
        allies = [c for c in agents[i + 1 : j] if c.canonical not in (a.canonical, b.canonical)]
        return a, b, allies
    return None


def _between(sentence: str, agents: list[ActorMention]) -> tuple[ActorMention, ActorMention, list[ActorMention]] | None:
    """ "clashes between X and Y", "between X, backed by W, against Y": the two sides and X's allies."""
    for i, a in enumerate(agents):
        if not _BETWEEN.search(sentence[max(0, a.start - 90) : a.start]):
            continue
        split = _against_split(sentence, agents, i)
        if split is not None:
            return split
        side = [a]
        for b in agents[i + 1 :]:
            if b.start < side[-1].end:
                continue
            gap = sentence[side[-1].end : b.start]
            if b.canonical != a.canonical and _ally_of(sentence, side, b):
                side.append(b)
                continue
            if (
                len(side) > 1
                and re.fullmatch(r"\s+(?:and|&)\s+(?:the\s+)?", gap)
                and _BACKED.search(sentence, side[0].end, side[1].start)
            ):
                side.append(b)  # "X, backed by Iranian forces and pro-regime militia, and IS": the list goes on
                continue
            if _PAIR_JOIN.match(gap) or (len(side) > 1 and _AND.match(gap)):
                return a, b, side[1:]
            break
    return None


# An umbrella the actors fight under: "JWS, which operates under OPS", "rebels operating under Operation Peace
# Spring", "Tal Tamer Military Council fighters operating under QSD" (ACLED codes the joint operation or the umbrella).
_UNDER = re.compile(
    r"(?:\b(?:who|which|that)\s+)?\b(?:operat(?:e|es|ed|ing)|fight(?:s|ing)?|serv(?:e|es|ing))\s+under\s+(?:the\s+)?"
    r"(?:(?:umbrella|banner|command)\s+of\s+(?:the\s+)?)?(?:former\s+)?$"
    r"|\bunder\s+(?:the\s+)?(?:(?:umbrella|banner|command)\s+of\s+(?:the\s+)?)?(?:former\s+)?$",
    re.I,
)
_OPERATION = re.compile(r"\bOperation\b|\bOperations? Room\b")
_UMBRELLA_STOP = re.compile(
    r"\b(?:against|between|clash\w*|fought|attack\w*|target\w*|shell\w*|killed|versus|vs)\b", re.I
)
_PLAIN_AND = re.compile(r"^\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?$", re.I)


def _umbrellas(sentence: str, agents: list[ActorMention], done: int = 0) -> list[ActorMention]:
    """The actors named as fighting under an umbrella are that umbrella, at the place of the first of them."""
    for i, z in enumerate(agents):
        if i == 0 or i < done or z.kind in ("unidentified", "civilians"):
            continue
        m = _UNDER.search(sentence[max(0, z.start - 60) : z.start])
        named_under = m is None and re.search(r"\bunder\b", z.surface) is not None  # "factions, operating under OPS"
        if not named_under and (
            m is None
            or (
                not m.group(0).lower().startswith(("operat", "fight", "serv", "who", "which", "that"))
                and "of" not in m.group(0).split()
                and not _OPERATION.search(z.canonical)
            )
        ):
            continue  # a bare "under X" only for a joint operation ("under former Operation Olive Branch")
        covered: list[ActorMention] = [] if named_under else [agents[i - 1]]
        if covered and _UMBRELLA_STOP.search(sentence[covered[0].end : z.start]):
            continue
        for p in reversed(agents[: i - 1] if covered else agents[:i]):
            nxt = covered[0] if covered else z
            gap = sentence[p.end : nxt.start]
            between = _BETWEEN.search(sentence[max(0, p.start - 45) : p.start])
            if _UMBRELLA_STOP.search(gap) or (_PLAIN_AND.match(gap) and between):
                break
            if not (_ALLY_JOIN.match(gap) or _ALLY_WORDS.match(gap) or _BACKED.search(gap) or _PLAIN_AND.match(gap)
                    or re.fullmatch(r"\s*,\s*", gap)):  # fmt: skip
                break
            covered.insert(0, p)
        if not covered:
            continue
        first = covered[0]
        umbrella = ActorMention(first.start, z.end, sentence[first.start : z.end], z.canonical, z.inter, z.kind)
        rest = [a for a in agents if a is not z and a not in covered]
        out = sorted([*rest, umbrella], key=lambda a: a.start)
        return _umbrellas(sentence, out, out.index(umbrella) + 1)
    return agents


_HELD = re.compile(r"-(?=(?:controlled|held|occupied|besieged|dominated)\b)", re.I)
_HELD_SUBS = frozenset(
    {"Armed clash", "Government regains territory", "Non-state actor overtakes territory", "Air/drone strike",
     "Shelling/artillery/missile attack"}
)  # fmt: skip
# The other party of someone's deal, named to describe a victim or a fighter ("a former rebel who had signed a
# reconciliation agreement with the regime", "accused of collaborating with the SDF"): not a side of the event.
_COUNTERPART = re.compile(
    r"\b(?:reconcil\w*|settlement|agreement|deal|collaborat\w*|cooperat\w*|dealings)(?:\s+(?:agreement|deal))?\s+with"
    r"(?:\s+(?:the|a|an))?\s*$",
    re.I,
)


# "unknown gunmen believed to be IS", "gunmen, likely members of an IS cell", "an unidentified armed group, probably
# Islamist rebels": ACLED names the group the report suspects.
_SUSPECTED_AS = re.compile(
    r"^[^.;]{0,25}?\b(?:believed|thought|suspected|likely|presumably|probably|reportedly|allegedly)\b"
    r"(?:\s+to\s+(?:be|belong\s+to|have\s+been))?(?:\s+(?:from|members?\s+of|fighters\s+of|affiliated\s+with"
    r"|linked\s+to|part\s+of))?(?:\s+(?:an?|the))?\s*$",
    re.I,
)


# "the attackers, whom the army identified as fighters of the CODECO militia": the group the sources name (the words
# between the placeholder and the group, the identifier's clause included).
_IDENTIFIED_AS = re.compile(r"^\W*(?:(?:who|whom)\b)?[^.;]{0,90}?" + _NAMED_AS_TAIL.pattern, re.I)


# "Fighters of the al-Qaeda-linked Group for the Support of Islam and Muslims (JNIM)": the fighters are the group.
_MEMBERS_OF = re.compile(r"^\s+(?:of|from)\s+(?:the\s+)?[^.;,]{0,70}?(?:\(\s*)?$", re.I)


def _suspected_named(sentence: str, agents: list[ActorMention]) -> list[ActorMention]:
    """Drop an unidentified group the sentence goes on to name as a suspected known one; an actor named inside
    "whom the army identified as fighters of X" is the source of the identification, no side."""
    out = []
    skip: set[int] = set()
    for i, a in enumerate(agents):
        if i in skip:
            continue
        nxt = agents[i + 1] if i + 1 < len(agents) else None
        if (
            a.kind == "unidentified"
            and nxt is not None
            and nxt.kind not in ("unidentified", "civilians")
            and not re.match(r"(?:the\s+)?(?:former|ex-)", nxt.surface, re.I)
            and nxt.start >= a.end
            and (_SUSPECTED_AS.match(sentence[a.end : nxt.start]) or _MEMBERS_OF.match(sentence[a.end : nxt.start]))
        ):
            continue
        if a.kind == "unidentified":
            later = [
                j
                for j in range(i + 1, len(agents))
                if agents[j].kind not in ("unidentified", "civilians")
                and agents[j].start >= a.end
                and _IDENTIFIED_AS.match(sentence[a.end : agents[j].start])
            ]
            if later:
                skip.update(range(i + 1, later[0]))
                continue
        out.append(a)
    return out


def deal_counterpart(sentence: str, a: ActorMention) -> bool:
    """The actor is named only as the other party of someone's deal or collaboration."""
    return _COUNTERPART.search(sentence[max(0, a.start - 60) : a.start]) is not None


_PLANTED = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"})
# the verb of telling right after a name ("the police said", "the army on Friday issued a statement")
_SPEAKER_AFTER = re.compile(
    r"(?:\s+(?:Force|Forces|Service|Department|Command|Ministry|spokes(?:man|woman|person)|officials?|chief|officers?))?"
    r"\s*(?:\([A-Z]{2,8}\)\s*)?(?:,[^,.;]{0,40},\s*)?(?:(?:in|at|from)\s+(?-i:[A-Z])[\w'-]+(?:\s+(?-i:[A-Z])[\w'-]+)?\s+)?"
    rf"(?:(?:{TOLD_WHEN}|also)\s+)?"
    r"(?:said|says|told|reported|announced|confirmed|stated|(?:issued|released|published)\s+(?:an?\s+)?(?:\w+\s+)?"
    r"(?:statement|report|communiqu[eé]))\b",
    re.I,
)


def assign_roles(
    sentence: str, sub_event_type: str | None, country: str | None = None, trigger_start: int | None = None
) -> ActorRoles:
    """ACLED actor1 (initiator) and actor2 (target) for the event the sentence describes."""
    # "the Islamic State-held district": the holder is named as the side whose ground it is
    held = _HELD.sub(" ", sentence) if sub_event_type in _HELD_SUBS else sentence
    mentions = find_actors(held, country)
    fled = [(m.start(), m.end()) for m in FLED_CLAUSE.finditer(sentence)]
    if fled:  # "camps sheltering families who fled fighting between the army and M23": the displaced's past, no side
        mentions = [m for m in mentions if not any(a <= m.start < b for a, b in fled)]
    trig = trigger_start if trigger_start is not None else _trigger_position(sentence, sub_event_type)
    agents = [m for m in mentions if m.kind in _AGENT_KINDS]
    roles = ActorRoles()
    sub = sub_event_type or ""

    if sub in _PROTEST or sub in _RIOT:
        return _crowd_roles(sentence, sub, country, agents)

    if sub != "Agreement":
        agents = [a for a in agents if not deal_counterpart(sentence, a)]
    who = _WHO_DID.search(sentence, max(0, trig - 30), trig)
    if who is not None and not any(a.start <= who.start() <= a.end + 3 for a in agents):
        # "police detained people suspected of helping the student who shot dead 38 people": the act's doer is the
        # one the relative clause hangs on, not an actor of the clause around it
        agents = [a for a in agents if a.start > who.start()]
    cuts = [m.end() for m in _SUBORDINATE.finditer(sentence, 0, trig)]
    if cuts and any(cuts[-1] <= a.start < trig for a in agents):
        # "troops were deployed on Wednesday after separatist rebels killed 16 workers": the event's doer is the
        # subject of its own clause, not of the clause before it
        agents = [a for a in agents if a.start >= cuts[-1]]
    agents = _suspected_named(sentence, agents)
    agents = _umbrellas(sentence, agents)
    if sub in _PLANTED:
        # "The Myanmar Police Force on Thursday issued a statement ... when two parcel bombs went off": who tells of a
        # bomb is not who set it
        agents = [a for a in agents if not (a.end <= trig and _SPEAKER_AFTER.match(sentence, a.end))]
    pair = _between(sentence, agents)
    if pair:
        first, second, rest1 = pair
    else:
        side1, side2 = _pick_agents(sentence, agents, trig, sub)
        if side1 and all(_BACKED.search(sentence[max(0, a.start - 40) : a.start]) for a in side1) and side2:
            side1 = side2[:1] + side1  # "between X, supported by W, and Y": W backs X, it does not lead
            side2 = side2[1:]
        first = side1[0] if side1 else None
        rest1 = [a for a in side1[1:] if a.canonical != (first.canonical if first else None)]
        allies = _allies(sentence, first, agents)
        rest1 += [a for a in allies if a not in rest1]
        others = [a for a in side2 + rest1 if a not in allies and (first is None or a.canonical != first.canonical)]
        named = [a for a in others if a.kind != "unidentified"]
        second = named[0] if named and others[0].kind == "unidentified" else (others[0] if others else None)
        if second in rest1:
            rest1.remove(second)
    if first is not None and second is not None and first.kind != "state" and second.kind == "state":
        # "troops and National Guard came under fire from gunmen of X": the state's other forces are the target's side
        theirs = [a for a in rest1 if a.kind == "state" and a.canonical != second.canonical]
        rest1 = [a for a in rest1 if a.kind != "state"]
        if theirs:
            roles.assoc_actor_2 = "; ".join(dict.fromkeys(a.canonical for a in theirs))
    if first is not None:
        roles.actor1, roles.inter1 = first.canonical, first.inter
        assoc = [a.canonical for a in rest1 if a.canonical not in (first.canonical, second and second.canonical)]
        if assoc:
            roles.assoc_actor_1 = "; ".join(dict.fromkeys(assoc))
    if second is not None and sub not in _VAC:
        roles.actor2, roles.inter2 = second.canonical, second.inter

    # "civilian houses", "residential areas": property, not people (ACLED leaves actor2 empty when no one is hit)
    people = [m for m in mentions if m.kind == "civilians" and not _CIV_PROPERTY.match(sentence, m.start)]
    civilians_hit = bool(_CIV_WORDS.search(_CIV_PROPERTY.sub(" ", sentence))) or bool(people)
    if sub in _VAC or (roles.actor2 is None and civilians_hit and sub not in {"Arrests", "Agreement"}):
        if roles.actor2 is None or sub in _VAC:
            roles.actor2, roles.inter2 = _civilians(country), 7
    if sub in {"Arrests", "Looting/property destruction"} and roles.actor2 is None and roles.inter1 != 7:
        # ACLED: whose property is destroyed or who is arrested, when the note names no one, is the civilians
        roles.actor2, roles.inter2 = _civilians(country), 7
    if roles.actor1 is None and sub and sub not in _UNATTRIBUTED_OK and sub not in {"Agreement", "Arrests"}:
        if sub in _VAC or sub in {
            "Suicide bomb",
            "Remote explosive/landmine/IED",
            "Grenade",
            "Armed clash",
            "Looting/property destruction",
        }:
            roles.actor1, roles.inter1 = _named("Unidentified Armed Group", country), 3
    if sub == "Arrests" and roles.actor1 is None:
        roles.actor1, roles.inter1 = police_of(country)
    if sub in _GOVERNMENT_ACTS and _GOVERNMENT.search(sentence) and country_iso2(country):
        # a government's own non-violent acts ("the government released 50 prisoners", "the governorship imposed a
        # curfew"): ACLED's "Government of X (period)", before any actor the act is about
        gov = _forces_name("Military", country_iso2(country) or "").replace("Military Forces of", "Government of")
        if roles.actor1 is None or _GOVERNMENT.search(sentence).start() < _first_start(sentence, roles.actor1, country):
            if roles.actor1 is not None and roles.actor2 is None and roles.inter1 != 7:
                roles.actor2, roles.inter2 = roles.actor1, roles.inter1
            roles.actor1, roles.inter1 = gov, 1
            if roles.actor2 is not None and roles.inter2 == 7 and sub != "Arrests":
                roles.actor2, roles.inter2 = None, None
    if sub == "Remote explosive/landmine/IED" and roles.actor1 is not None and roles.inter1 in (1, 8):
        hit = _STRUCK_DEVICE.search(sentence)
        if hit is not None and _first_start(sentence, roles.actor1, country) < hit.start():
            # "a vehicle of the Malian Armed Forces struck an explosive device": the army is the device's target
            if roles.actor2 is None or roles.inter2 == 7:
                roles.actor2, roles.inter2 = roles.actor1, roles.inter1
            roles.actor1, roles.inter1 = _named("Unidentified Armed Group", country), 3
    if one_state(roles.actor1, roles.actor2) and sub not in _RIOT:
        # "police and soldiers arrested a gang leader", "troops and the National Guard came under fire": one state's
        # forces act together (ACLED: the second is actor1's associate), they are not each other's target
        assoc = [x for x in (roles.assoc_actor_1 or "").split("; ") if x]
        roles.assoc_actor_1 = "; ".join(dict.fromkeys([*assoc, roles.actor2 or ""]))
        roles.actor2, roles.inter2 = (_civilians(country), 7) if sub in {"Arrests"} else (None, None)
    if roles.actor1 is not None and roles.actor1 == roles.actor2 and sub != "Armed clash":
        roles.actor2, roles.inter2 = None, None
    _gang_names(roles, sentence, country)
    return roles


# Countries where ACLED names unattributed organised-crime violence "Unidentified Gang (<country>)": those whose actors
# carry that name in ACLED's global export of 27 Apr - 9 May 2020 (Belize, Brazil, El Salvador, Guatemala, Haiti,
# Honduras, Jamaica, Mexico, Puerto Rico, Trinidad and Tobago). Brazil's name is "Unidentified Gang and/or Police
# Militia" for execution-style killings there (65 of the 76 gang events of that export).
_GANG_COUNTRIES = frozenset({"BZ", "BR", "SV", "GT", "HT", "HN", "JM", "MX", "PR", "TT"})
_GANG_NAME = {"BR": "Unidentified Gang and/or Police Militia"}
# What marks a killing as organised crime's (ACLED's gang coding): a drive-by, a body bound, mutilated or wrapped, a
# threatening message left with it, gangs, cartels or drug trafficking named.
_GANG_SIGNS = re.compile(
    r"\bdrive[\s-]?by\b|\b(?:tied|bound|blindfolded|gagged|mutilated|dismembered|beheaded|decapitated|tortured"
    r"|wrapped|plastic bags?|narco\w*|threatening (?:message|note|banner))\b|\bgangs?\b|\bgang[\s-]related\b"
    r"|\bcartels?\b|\bdrug[\s-]traffick\w*|\brival (?:gangs|groups|criminal)\b|\bcriminal (?:group|gang|cell)s?\b",
    re.I,
)


_GANG_WORDS = (
    r"drug traffickers|traffickers|drug dealers|dealers|gang members|gangsters|criminals|criminal gangs?"
    r"|criminal groups?|gangs|a gang|rival gangs|cartel members|members of (?:a|the) gang|suspected criminals"
)


def _gang_rows(first_order: int) -> list[_Row]:
    """Where ACLED codes gangs, the criminals a report names as a side ("a shoot-out between police and drug
    traffickers") are ACLED's unidentified gang of the country."""
    rows = []
    for n, iso in enumerate(sorted(_GANG_COUNTRIES)):
        source = _source(_GANG_WORDS)
        gate = required_literals(source, re.IGNORECASE)
        rows.append(
            _Row(source, "Unidentified Gang ({country})", 3, "militia", iso, first_order + n, gate,
                 _also(source, gate))
        )  # fmt: skip
    return rows


_DRUGS = re.compile(
    r"\b(?:marijuana|cannabis|cocaine|crack|heroin|methamphetamine|crystal meth|fentanyl|drugs?|narcotics?"
    r"|drug[\s-]traffick\w*|trafficking)\b",
    re.I,
)


def _gang_names(roles: ActorRoles, sentence: str, country: str | None) -> None:
    """An unidentified armed group in a country where ACLED codes gangs, in an event with organised crime's marks,
    is ACLED's unidentified gang; so is who the police arrest with drugs there (ACLED: the traffickers' gang)."""
    iso = country_iso2(country)
    if (
        iso in _GANG_COUNTRIES
        and roles.inter1 == 1
        and roles.inter2 == 7
        and roles.actor1 is not None
        and roles.actor1.startswith(("Police", "Military"))
        and _DRUGS.search(sentence)
        and re.search(r"\b(?:arrest\w*|detain\w*|seiz\w*|apprehend\w*|captur\w*)", sentence, re.I)
    ):
        roles.actor2, roles.inter2 = _named("Unidentified Gang", country), 3
    if iso not in _GANG_COUNTRIES or not _GANG_SIGNS.search(sentence):
        return
    generic = _named("Unidentified Armed Group", country)
    gang = _GANG_NAME.get(iso or "") or _named("Unidentified Gang", country)
    if roles.actor1 == generic:
        roles.actor1, roles.inter1 = gang, 3
    if roles.actor2 == generic:
        roles.actor2, roles.inter2 = gang if iso != "BR" else _named("Unidentified Gang", country), 3


def _crowd_roles(sentence: str, sub: str, country: str | None, agents: list[ActorMention]) -> ActorRoles:
    """Protests and riots: the crowd is actor1; the forces that intervene (or the mob's victims) actor2."""
    crowd = "Rioters" if sub in _RIOT else "Protesters"
    roles = ActorRoles(actor1=_named(crowd, country), inter1=5 if crowd == "Rioters" else 6)
    forces = [a for a in agents if a.kind in {"state", "external"}]
    mutual = _MUTUAL.search(sentence) if sub in _RIOT else _COUNTER.search(sentence)
    if mutual and not forces:
        roles.actor2, roles.inter2 = roles.actor1, roles.inter1  # ACLED: "Rioters (X)" against "Rioters (X)"
        return roles
    if sub == "Peaceful protest":
        return roles
    if sub == "Mob violence":
        roles.actor2, roles.inter2 = (forces[0].canonical, forces[0].inter) if forces else (_civilians(country), 7)
        return roles
    if forces:
        roles.actor2, roles.inter2 = forces[0].canonical, forces[0].inter
    elif sub != "Violent demonstration":
        roles.actor2, roles.inter2 = police_of(country)
    return roles
