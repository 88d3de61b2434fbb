"""Name keys so that transliteration variants of one place meet ("Deir ez-Zor" = "Dayr az Zawr" = "Deir Ezzor").

Two keys: `exact_key` (case, accents, punctuation and articles removed) ranks a match as exact; `name_key` (also
vowels collapsed, doubled letters merged, q->k ...) is the lookup key that joins spelling variants.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process

# (round 19: also the French-style Lebanese forms "ej", "ech", "esh": "Ej Jiye" = "Jiyeh", "Ech Chouf" = "Chouf")
ARTICLES = frozenset("al el ad as ash ar az at an adh ath ed es er ez et en il ul l ej ech esh".split())
# Arabic generic words that precede a name ("hayy al-Sha'ar" = the al-Sha'ar neighbourhood) and are not part of it.
ARABIC_GENERIC = frozenset("حي قريه قرية مدينه مدينة بلده بلدة ناحيه ناحية منطقه منطقة مخيم".split())

_QUOTES = re.compile(r"[\u0027\u2018\u2019\u02bb\u02bc\u02be\u02bf\u0060\u00b4\u201c\u201d\"]")
_SEPARATORS = re.compile(r"[-_./,()\u2010-\u2015]+")
_ARABIC_CHARS = re.compile(r"[\u0600-\u06ff]")
_TASHKEEL = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ASSIMILATED = re.compile(r"^[ae]([sztdrn]|sh|th|dh)\1(?=[a-z]{2})")
_VOWEL_RUN = re.compile(r"[aeiouy]+")
_DOUBLE = re.compile(r"([a-z])\1+")
# Abbreviated name words written out ("St. Paris" = "Saint Paris", "Mt. Vernon" = "Mount Vernon").
_ABBREVIATED = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}


# Arabic qualifiers after a village name (east/west/north/south, upper/lower, big/small, new/old): "Kuwayris Sharqi" and
# "Baghuz at-Tahtani" are parts of the places reports call "Kuweires" and "Baghuz".
_QUALIFIER = re.compile(
    r"[\s-]+(?:(?:al|el|ash|esh|at|et|as|es)[\s-]+)?(?:sharq|gharb|shamal|janub|janoub|fawqan|foqan|fouqan|tahtan|"
    r"kabir|kebir|saghir|sghir|qibl|wastan|jadid|qadim)(?:i|iy|iyah|iya|iyeh|ah|a|eh)?$",
    re.I,
)
# Words that name a kind of place, not a place ("Kafr Saghir" is not a part of "Kafr").
_GENERIC_BASES = frozenset(
    """kafr deir dayr tell tall tal ain ayn bir khirbet khirbat khirbit arab qaryat mazraat mazraa jisr jabal jebel
    wadi ras abu umm beit bayt hay hayy dahiya dahiyat mukhayyam souq suq harat""".split()
)  # fmt: skip


def qualifier_base(name: str) -> str | None:
    """The name without a trailing Arabic qualifier ("Kuwayris Sharqi" -> "Kuwayris", "Baghuz at-Tahtani" ->
    "Baghuz"), or None when it has none or what is left is a generic word or shorter than 5 letters."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    plain = _QUOTES.sub("", plain)
    m = _QUALIFIER.search(plain)
    if not m:
        return None
    base = plain[: m.start()].strip(" -")
    words = [w for w in re.split(r"[\s-]+", base.lower()) if w and w not in ARTICLES]
    if not words or len("".join(words)) < 5 or (len(words) == 1 and words[0] in _GENERIC_BASES):
        return None
    return base


def has_arabic(text: str) -> bool:
    """True when the text contains Arabic script."""
    return bool(_ARABIC_CHARS.search(text))


def normalise_arabic(name: str) -> str:
    """Arabic name in one canonical spelling: no tashkeel, one alef, taa marbuta as haa, no article."""
    s = _TASHKEEL.sub("", unicodedata.normalize("NFKC", name))
    s = re.sub("[أإآٱ]", "ا", s).replace("ة", "ه").replace("ى", "ي").replace("ؤ", "و").replace("ئ", "ي")
    s = re.sub(r"[^\u0600-\u06ff\s]", " ", s)
    words = [w for w in s.split() if w not in ARABIC_GENERIC]
    out = []
    for w in words:
        if w.startswith("وال") and len(w) > 4:
            w = w[3:]
        elif w.startswith("ال") and len(w) > 3:
            w = w[2:]
        out.append(w)
    return " ".join(out)


def _ascii_tokens(name: str) -> list[str]:
    """Lower-case ASCII tokens with diacritics, quotes and hyphens removed."""
    s = unicodedata.normalize("NFKD", name)
    if not s.isascii():  # no ASCII character is a combining mark
        s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = _QUOTES.sub("", s.lower())
    s = s.replace("ß", "ss").replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d")
    s = _SEPARATORS.sub(" ", s)
    s = re.sub(r"[^a-z0-9 ]", "", s)
    return [_ABBREVIATED.get(t, t) for t in s.split()]


def has_article(name: str) -> bool:
    """True when a Latin-script name starts with an Arabic article ("Al Hol", "al-Bab", "Ar Raqqah")."""
    tokens = _ascii_tokens(name)
    return len(tokens) > 1 and tokens[0] in ARTICLES


def arabic_named(names: Iterable[str]) -> bool:
    """True when a place has a name with an Arabic article or in Arabic script: a name written with an article
    ("Al Hol") matches it exactly only then, not a namesake whose names carry none (Hol, Norway)."""
    return any(has_arabic(n) or has_article(n) for n in names)


def _drop_articles(tokens: list[str]) -> list[str]:
    """Remove Arabic articles written as separate words or assimilated ("Ezzor", "Assafira")."""
    kept = [t for t in tokens if t not in ARTICLES]
    if not kept:
        return tokens
    return [_ASSIMILATED.sub(r"\1", t) if len(t) > 4 else t for t in kept]


@lru_cache(maxsize=200_000)
def exact_key(name: str) -> str:
    """Key for an exact match: case, accents, quotes, hyphens and articles removed."""
    if has_arabic(name):
        return normalise_arabic(name)
    return " ".join(_drop_articles(_ascii_tokens(name)))


def abbr_key(name: str) -> str:
    """Key of an abbreviation: its letters and digits only, lower-cased ("L.A." -> "la", "N.S.W." -> "nsw",
    "W. Va." -> "wva"). Abbreviations are not keyed by name_key: its vowel folding and article dropping make "L.A.",
    "UAE", "EU" and "IA" one key."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name).lower() if ch.isascii() and ch.isalnum())


def _loose_token(t: str) -> str:
    """One token in its loose spelling: consonant skeleton with vowel runs marked as 'a'."""
    if t.isdigit():
        return t
    t = t.replace("ch", "sh").replace("dj", "j").replace("gh", "g").replace("q", "k").replace("ck", "k")
    t = t.replace("ph", "f").replace("x", "ks")
    # final "h" after a vowel is a taa marbuta ("Hamah", "Hasakeh", "Raqqah").
    t = re.sub(r"(?<=[aeiou])h$", "", t)
    # "w" / "y" between a vowel and a consonant (or the end) are part of a diphthong ("Dayr", "Zawr").
    t = re.sub(r"(?<=[aeiou])[wy](?=[^aeiou]|$)", "a", t)
    t = _DOUBLE.sub(r"\1", t)
    t = _VOWEL_RUN.sub("a", t)
    return t


_GLUED_ARTICLE = re.compile(r"^[ae]l(?=[^aeiou][a-z]{3})")  # "Elharir", "Alleramoon": the article written on
_SEMIVOWEL = re.compile(r"(?<=[aeiou])[wy]|[wy](?=[aeiou])")


def _skeleton_token(t: str) -> str:
    """One token's consonants: glued article, vowels, semi-vowels of diphthongs and doubled letters dropped."""
    if t.isdigit():
        return t
    t = _GLUED_ARTICLE.sub("", t) if len(t) >= 6 else t
    t = t.replace("tch", "ch")  # French "tch" is English "ch" ("Kitchanga" = "Kichanga")
    t = t.replace("ch", "sh").replace("dj", "j").replace("gh", "g").replace("q", "k").replace("ck", "k")
    t = t.replace("ph", "f").replace("x", "ks").replace("g", "j")  # "Golan" = "Jawlan": the Egyptian g of jim
    t = re.sub(r"c(?=[aou]|$)", "k", t)  # a hard c is a k ("May Cadera" = "Mai Kadra"); round 19
    t = re.sub(r"(?<=[aeiou])h$", "", _DOUBLE.sub(r"\1", t))
    # "kh" is often written "h" ("Khmeimim" = "Hmeimim", "Kharkiv" = "Harkiv"); after the final-h rule, so that
    # "Shamarekh" keeps its last consonant
    t = t.replace("kh", "h")
    t = _SEMIVOWEL.sub("", t)
    return re.sub(r"[aeiou]", "", t)


def skeleton_keys(name: str) -> set[str]:
    """The skeleton of a name, and those with "th" read as t (Arabic tha: "Atman" = "Athman") and as d (dhal: "Um
    Elmayathen" = "Umm al Mayadin"), when it has one."""
    keys = {skeleton_key(name)}
    if "th" in name.lower():
        keys |= {skeleton_key(re.sub("th", sub, name, flags=re.I)) for sub in ("t", "d")}
    return keys - {""}


@lru_cache(maxsize=200_000)
def skeleton_key(name: str) -> str:
    """The consonant skeleton of a Latin-script name, a looser key than name_key for Arabic names written with or
    without short vowels ("Ftireh" = "Fatirah", "Jlein" = "Jallayn", "Nqeir" = "Naqayr", "Bisr Elharir" = "Busra al
    Hariri"); empty for Arabic script, names under 5 letters and skeletons under 3 consonants, which join too many
    names."""
    tokens = _drop_articles(_ascii_tokens(name))
    if has_arabic(name) or len("".join(tokens)) < 5:
        return ""
    key = " ".join(k for k in (_skeleton_token(t) for t in tokens) if k)
    return key if len(key.replace(" ", "")) >= 3 else ""


# English words around a name that are not part of it: a qualifier before ("Upper Baguz", "Western Maliha", "Big
# Khwein") and a kind of place after ("Hole Camp", "Asbah farms"), or "the town of" before.
_ENGLISH_QUALIFIER = re.compile(
    r"^(?:the\s+)?(?:(?:upper|lower|big|small|little|greater|eastern|western|northern|southern|east|west|north|south)"
    r"\s+|(?:town|village|city|camp|area|outskirts|countryside)\s+of\s+(?:the\s+)?)",
    re.I,
)
_KIND_AFTER = re.compile(
    r"\s+(?:refugee\s+camp|displacement\s+camp|camp|farms?|town|village|city|military\s+airport|air\s*base|airport|"
    r"border\s+crossing|crossing|(?:military|army)\s+base|"
    r"oil\s*fields?|gas\s*fields?|dam|hills?|mountains?|forest|district|neighbou?rhood|quarter|area|countryside|outskirts|"
    r"suburbs?|locality|province|governorate|county|co\.|parish|township|state|region|prefecture|oblast|"
    r"municipality|department)$",
    re.I,
)


def without_english_words(name: str) -> str | None:
    """The name without an English qualifier before it or a kind word after it ("Upper Baguz" -> "Baguz", "Hole
    Camp" -> "Hole"), or None when it has neither or too little is left."""
    base = _KIND_AFTER.sub("", _ENGLISH_QUALIFIER.sub("", name.strip())).strip(" ,-")
    if base == name.strip() or len(base.replace(" ", "")) < 3:
        return None
    return base


@lru_cache(maxsize=200_000)
@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Lookup key shared by transliteration variants of one name ("Idlib" / "Idleb", "Hims" / "Homs")."""
    if has_arabic(name):
        return normalise_arabic(name)
    return " ".join(_loose_token(t) for t in _drop_articles(_ascii_tokens(name)))


def fuzzy_matches(
    key: str, choices: Iterable[str], threshold: float = 86.0, limit: int | None = 5
) -> list[tuple[str, float]]:
    """Near-miss keys for a key of at least 5 letters (rapidfuzz ratio >= threshold), best first (all with no limit)."""
    if len(key.replace(" ", "")) < 5:
        return []
    found = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit)
    return [(choice, float(score)) for choice, score, _ in found]


def distinct_words_agree(key: str, other: str, threshold: float = 80.0) -> bool:
    """Whether a near-miss key differs from a key only by spelling, not by another name behind a shared word: the
    words the two keys do not share must still be close (rapidfuzz ratio above `threshold`). "Kafr Nabutha" is not
    "Kafr Buhum", nor "Tall Atiyah" "Tall Mutah", though each whole pair is a near miss; "Tal Milh" is "Tal Malah".
    Keys with no word in common, or where one's words are all the other's, always agree."""
    a, b = key.split(), other.split()
    shared = set(a) & set(b)
    if not shared:
        return True
    rest_a = " ".join(t for t in a if t not in shared)
    rest_b = " ".join(t for t in b if t not in shared)
    if not rest_a or not rest_b:
        return True
    return fuzz.ratio(rest_a, rest_b) > threshold or fuzz.ratio(_consonants(rest_a), _consonants(rest_b)) >= threshold


@lru_cache(maxsize=200_000)
def _consonants(words: str) -> str:
    """The consonants of loose-key words, a glued article dropped ("alagar" -> "gr", "malh" -> "mlh"), "th" and
    "dh" as "d" (Arabic dhal, written either way: "Nabutha" = "Nabudah")."""
    out = []
    for t in words.split():
        t = re.sub(r"^al(?=[^a]..)", "", t).replace("th", "d").replace("dh", "d")
        out.append(re.sub(r"[aeiouwy]", "", t))
    return " ".join(out)


# Words that make a place of the name after them, or say which bank or area it is on, and that a report may leave
# out or add ("Tall Sukayk" = Sukayk, "Hawayij Thiban" = Dhiban, "Zghir Jazireh" = Zughayr): loose keys.
_PART_GENERIC = frozenset(
    name_key(w)
    for w in """tall tal tell bir khirbet khirbat hawayij hawayej hawija mazraat mazraa qaryat jazira jazireh shamiya
    shamiyeh arab""".split()
)  # fmt: skip
# First words of a held name that are not its head: a generic word ("Jabal Minkhar" is no "Jahbal") or an English
# qualifier ("Eastern Kwaires" is no "Aster")
_NOT_A_HEAD = (
    _PART_GENERIC
    | frozenset(
        name_key(w) for w in "jabal jebel wadi eastern western northern southern upper lower new old big small".split()
    )
    | frozenset(name_key(w) for w in _GENERIC_BASES)
)
NEAR_SPELLING_RATIO = 85.0  # loose keys this close (rapidfuzz ratio) may be one name spelt two ways
UNIT_SPELLING_QUALITY = 0.7  # a near spelling among the places of the province a report names with the name
UNIT_PART_QUALITY = 0.65  # the name is the head of a held name, or a held name with a generic word around it
# one name in two transliterations (translit_close), or an English qualifier for the held name's Arabic one
# (qualified_match): a closer match than a near spelling, and one that may answer where the country holds the name
# in another province only
UNIT_TRANSLIT_QUALITY = 0.72


def _words_close(a: str, b: str) -> bool:
    """Two loose-key words that are one word spelt two ways ("sahwa" ~ "sahwat", "tokar" ~ "tukar")."""
    if a == b:
        return True
    if min(len(a), len(b)) < 3 or not _same_onset(a, b):
        return False
    if b == a + "t" or a == b + "t":  # the construct state: "Sahwa" is "Sahwat (al Qamh)"
        return True
    ca, cb = _consonants(a), _consonants(b)
    return fuzz.ratio(a, b) >= 92 or (len(ca) >= 3 and ca == cb)  # "thiban" = "dhiban"


def name_onsets(name: str) -> frozenset[str]:
    """The onsets of a name's loose-key words ("kh", "d" for th/dh, else the first letter): two names
    `unit_spelling_quality` can join share one."""
    return frozenset(_onset(w) for w in name_key(name).split() if w) if not has_arabic(name) else frozenset()


@lru_cache(maxsize=200_000)
def _onset(w: str) -> str:
    """The onset of one loose-key word (a c left after name_key's ch -> sh is a k)."""
    w = re.sub("^[td]h", "d", w)
    return "kh" if w.startswith("kh") else "k" if w.startswith("c") else w[:1]  # "Conico" = "Koniko"


def _same_onset(a: str, b: str) -> bool:
    """Loose keys that start with the same letter, "kh" apart from "k" (q), "th" and "dh" as "d" (Arabic dhal is
    written either way: "Thiban" = Dhiban): "Khatra" is not Qatrah."""
    return _onset(a) == _onset(b)


def unit_spelling_quality(text: str, name: str) -> float:
    """How well a place name that has no match anywhere fits one held name of the province the report names with
    it (0 when not at all): a near spelling of the whole name (the same onset, loose keys at ratio 85 or more and
    their consonants at 88: "Mashekh" = Al Maashiq, "Baza'a" = Bzaah; not "Sajjar" = Sukkar, "Al Qurt" = Qirata,
    "Maaraba" = Mzeireb, "Ruwaiha" = Ariha), or one name's words are the other's with a generic word around them
    ("Tall Sukayk" = Sukayk) or, for a one-word name, the head of a held name ("Sahwa" = Sahwat al Qamh, "Tokhar" =
    Tukhar Saghir). Asked inside one province, or across one country for 0.7 or more (`Gazetteer.country_spellings`),
    never across the gazetteer. `spellings.py` relies on every answer of 0.7 or more needing a rapidfuzz ratio of
    ``NEAR_SPELLING_RATIO`` / ``TRANSLIT_RATIO`` between two keys of the names: a new kind of answer at that level
    must keep it so, or be added to its keys."""
    kt, kn = name_key(text).split(), name_key(name).split()
    if not kt or not kn or has_arabic(name) or has_arabic(text):
        return 0.0
    if translit_close(text, name) or qualified_match(text, name):
        return UNIT_TRANSLIT_QUALITY
    jt, jn = " ".join(kt), " ".join(kn)
    if len(jt.replace(" ", "")) < 4 or len(jn.replace(" ", "")) < 3:
        return 0.0
    r, c = fuzz.ratio(jt, jn), fuzz.ratio(_consonants(jt), _consonants(jn))
    # (distinct words agreeing: not Kafr Nabl = Kafr Nabudah)
    if _same_onset(jt, jn) and r >= NEAR_SPELLING_RATIO and c >= 88 and distinct_words_agree(jt, jn):
        return UNIT_SPELLING_QUALITY
    if len(kt) == len(kn):
        return 0.0
    short, long_ = (kt, kn) if len(kt) < len(kn) else (kn, kt)
    if len("".join(short)) < 5 or all(w in _PART_GENERIC for w in short):
        return 0.0
    if not (_words_close(short[0], long_[0]) or _words_close(short[-1], long_[-1])):  # shares no end word
        return 0.0
    rest = list(long_)
    for w in short:
        hit = next((x for x in rest if _words_close(w, x)), None)
        if hit is None:
            return 0.0
        rest.remove(hit)
    # what only the longer name has: a generic word, or (the shorter being its head) a specifier after the head
    if all(w in _PART_GENERIC for w in rest):
        return UNIT_PART_QUALITY
    if len(short) == 1 and short is kt and long_[0] not in _NOT_A_HEAD and _words_close(short[0], long_[0]):
        return UNIT_PART_QUALITY
    return 0.0


# ----------------------------------------------------------------------------------------------------------------
# Transliteration keys (issue 15, round 15): one Arabic, Kurdish, Turkish or Persian name written by English, French
# and ACLED-style transliterations ("Khwein Elshaer" = "Khouaine ech Chaar", "Daoudiyeh" = "Ad Dawudiyah", "Rasm
# Eliss" = "Rasm el Aiss", "Suth al Deir" = "Sutuh ad Dayr"). Finer than name_key (vowel qualities a / i / u are
# kept), looser in the consonants transliterations disagree on; compared by ratio, only among the places of one
# province (never as an index key).

_TRANSLIT_ARTICLES = ARTICLES | frozenset("ech esh ej ek eth edh el al ul il".split())
_GLUED_ARTICLE_ANY = re.compile(r"^(?:al|el)(?=[bcdfghjklmnpqrstvwxyz][a-z]{3}|a[a-z]{4})")
_TRANSLIT_STEPS = (
    (re.compile(r"tch|tsh"), "ch"), (re.compile(r"ch"), "sh"), (re.compile(r"dj"), "j"),
    (re.compile(r"(?<=[aeiou])rh|^rh"), "gh"),  # French "rh" for ghayn ("Sirhata", "Rourheib")
    (re.compile(r"ou(?=[aeiy])"), "w"), (re.compile(r"ou|oo|uu"), "u"), (re.compile(r"ee|ii"), "i"),
    (re.compile(r"q|ck|c(?![h])"), "k"), (re.compile(r"dh|zh"), "z"), (re.compile(r"th"), "s"),
    (re.compile(r"ph"), "f"), (re.compile(r"x"), "ks"),
    (re.compile(r"(?:iy+|i)(?:eh|ah|e|a|é)$"), "iya"),  # nisba ending: -iyeh / -iyah / -ieh / -ia / -iye
    (re.compile(r"(?<=[a-z])(?:eh|ah|e|é)$"), "a"),  # taa marbuta: -eh / -ah / -e
    (re.compile(r"e[iy]|a[iy]|ey"), "ay"), (re.compile(r"a[wu]|ao|ow"), "aw"),
    (re.compile(r"e"), "a"), (re.compile(r"o"), "u"), (re.compile(r"([a-z])\1+"), r"\1"),
)  # fmt: skip


# Arabic ordinals after a name, written as numbers by some sources ("Rif al-Mohandessin al-Awal" = "Rif
# al-Muhandisin 1")
_ORDINALS = {"awal": "1", "awwal": "1", "ula": "1", "oula": "1", "thani": "2", "tani": "2", "thaniya": "2",
             "thalith": "3", "thaleth": "3", "rabi": "4", "rabea": "4", "khamis": "5"}  # fmt: skip


def _translit_token(t: str) -> str:
    """One token in its transliteration key."""
    if t.isdigit() or t in _ORDINALS:
        return _ORDINALS.get(t, t)
    if len(t) >= 6:
        t = _GLUED_ARTICLE_ANY.sub("", t)  # "Elshaer", "Alsayad", "Elatareb": the article written on
    for pattern, repl in _TRANSLIT_STEPS:
        t = pattern.sub(repl, t)
    return t


@lru_cache(maxsize=200_000)
@lru_cache(maxsize=200_000)
def translit_key(name: str) -> str:
    """A name's transliteration key: articles (separate, assimilated or glued) dropped, French and English spellings
    of one sound folded (ou/u, ee/i, ch/sh, dj/j, rh/gh, q/k, dh/z, th/s), the nisba and taa-marbuta endings
    (-iyeh/-iyah/-ia, -eh/-ah/-e) written once, diphthongs as ay / aw, e as a, o as u, doubled letters single.
    Empty for Arabic script."""
    if has_arabic(name):
        return ""
    raw = _ascii_tokens(name)
    tokens = [t for i, t in enumerate(raw) if t not in _TRANSLIT_ARTICLES or i == len(raw) - 1] or raw
    tokens = [_ASSIMILATED.sub(r"\1", t) if len(t) > 4 else t for t in tokens]
    return " ".join(_translit_token(t) for t in tokens)


# English qualifiers before a name and the Arabic ones after it that say the same ("Eastern Tall Ward" = "Tall al
# Ward Sharqi", "Big Othmaniya" = "Othmaniyah Kabirah", "Western Deir" = "Deir Gharbi")
_QUALIFIER_SENSES = {
    "east": "sharq", "eastern": "sharq", "west": "gharb", "western": "gharb", "north": "shamal", "northern": "shamal",
    "south": "janub", "southern": "janub", "upper": "fawq", "lower": "taht", "big": "kabir", "great": "kabir",
    "greater": "kabir", "large": "kabir", "small": "saghir", "little": "saghir",
}  # fmt: skip
_ARABIC_SENSE = (
    ("sharq", "sharq|charq"), ("gharb", "gharb|garb|rharb"), ("shamal", "shamal|chamal|chemal|shimal"),
    ("janub", "janub|janoub|djanoub|qibl"), ("fawq", "fawq|fauq|foq|fouq|fawk"), ("taht", "taht"),
    ("kabir", "kabir|kebir|kbir|kubra"), ("saghir", "saghir|sghir|seghir|sughr|saghr|srhir|sarhir"),
)  # fmt: skip


@lru_cache(maxsize=200_000)
def english_qualified(name: str) -> tuple[str, str] | None:
    """(the name, the Arabic sense) of a name with an English qualifier before it ("Eastern Tall Ward" -> ("Tall
    Ward", "sharq")), or None."""
    words = name.split()
    if len(words) < 2:
        return None
    sense = _QUALIFIER_SENSES.get(words[0].lower())
    return (" ".join(words[1:]), sense) if sense else None


@lru_cache(maxsize=200_000)
def arabic_qualified(name: str) -> tuple[str, str] | None:
    """(the name, the sense) of a held name with an Arabic qualifier after it ("Tall al Ward Sharqi" -> ("Tall al
    Ward", "sharq"), "Osmaniye Kebire" -> ("Osmaniye", "kabir")), or None."""
    plain = _QUOTES.sub("", "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)))
    words = re.split(r"[\s-]+", plain.strip())
    if len(words) < 2:
        return None
    last = words[-1].lower()
    for sense, stems in _ARABIC_SENSE:
        if re.match(rf"(?:{stems})", last):
            rest = words[:-1]
            if len(rest) > 1 and rest[-1].lower() in _TRANSLIT_ARTICLES:
                rest = rest[:-1]
            return " ".join(rest), sense
    return None


_VOWEL = re.compile("[aeiou]")
TRANSLIT_RATIO = 85.0  # transliteration keys this close (rapidfuzz ratio) are one name
TRANSLIT_GENERIC = frozenset(translit_key(w) for w in "tall tal tell khirbet khirbat kherbet".split())


def translit_close(text: str, name: str) -> bool:
    """Whether two Latin-script names are one name in two transliterations: their transliteration keys at ratio 85
    or more, with the same onset and the same number of words (a "Tall" or "Khirbet" before one only aside), and
    every word that differs has the same consonants, semi-vowels included, and ends the same way, in a vowel or not
    ("Sqiah" = "Saqi'ah", "Tar'ei" = "Tall Terei", "Daoudiyeh" = "Dawudiyah"; not "Alia" = "Awliya", "Tall al-Shaykh"
    = "Tawil ash Shaykh", "Salameh" = "Salam", "Sahab" = "Salhab")."""
    a, b = translit_key(text), translit_key(name)
    if not a or not b or len(a.replace(" ", "")) < 3:
        return False
    wa, wb = a.split(), b.split()
    if len(wa) == len(wb) + 1 and wa[0] in TRANSLIT_GENERIC:
        wa = wa[1:]
    elif len(wb) == len(wa) + 1 and wb[0] in TRANSLIT_GENERIC:
        wb = wb[1:]
    a, b = " ".join(wa), " ".join(wb)
    if len(wa) != len(wb) or len(a.replace(" ", "")) < 3 or _onset(a) != _onset(b):
        return False
    if fuzz.ratio(a, b) < TRANSLIT_RATIO:
        return False
    return all(
        x == y or (_VOWEL.sub("", x) == _VOWEL.sub("", y) and (x[-1] in "aeiou") == (y[-1] in "aeiou"))
        for x, y in zip(wa, wb, strict=True)
    )


def qualified_match(text: str, name: str) -> bool:
    """An English-qualified name and an Arabic-qualified held name of the same sense and the same base name up to
    transliteration ("Eastern Tall Ward" = "Tall al Ward Sharqi"; not "... Gharbi")."""
    eq = english_qualified(text)
    aq = arabic_qualified(name) if eq is not None else None
    if eq is None or aq is None or eq[1] != aq[1]:
        return False
    a, b = name_key(eq[0]), name_key(aq[0])
    if a == b or translit_close(eq[0], aq[0]):
        return True
    # a near spelling, as unit_spelling_quality's ("Upper Hfeir" = "Hafir al Fawqa")
    close = fuzz.ratio(a, b) >= 85 and fuzz.ratio(_consonants(a), _consonants(b)) >= 88
    return len(a) >= 4 and _same_onset(a, b) and close
