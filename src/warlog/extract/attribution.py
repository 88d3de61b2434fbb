"""Who says so: the source a sentence attributes its facts to ("..., the Syrian Observatory said"), canonicalised."""

from __future__ import annotations

import re

from warlog.extract.literals import GateTable, gated, literals_in, required_literals

# A short form that names a source only in a report about some countries: "in:SY:" + canonical ("the Observatory"
# is the Syrian Observatory only in a report about Syria; "the coalition" is the anti-IS coalition in Syria or Iraq
# and the Saudi-led one in Yemen, and names no known source elsewhere).
_SYRIA_ONLY = "in:SY:"

# Known sources: pattern -> canonical name. Longer, more specific forms first.
_SOURCES: tuple[tuple[str, str], ...] = (
    (
        r"(?:the )?Syrian Observatory(?: for Human Rights)?|SOHR"
        r"|(?:the )?(?:Britain|UK|London|Coventry)-based (?:war |opposition )?(?:monitor(?:ing group)?|observatory|gro"
        r"up)"
        r"|Rami Abdel[- ]?Rahman|Rami Abdulrahman",
        "Syrian Observatory for Human Rights",
    ),
    (
        # said alone, the Syrian Observatory only in a report about Syria (``syria``): a Colombian human rights
        # observatory or a Sahel monitor is its own source
        r"(?:the )?Observatory(?:'s)?(?: (?:head|chief|director))?|(?:the )?(?:war |opposition )?monitor(?:ing group)?",
        _SYRIA_ONLY + "Syrian Observatory for Human Rights",
    ),
    (
        r"(?:the )?(?:Syrian )?(?:official |state )?(?:news agency )?SANA(?: news agency)?|(?:the )?Syrian Arab News A"
        r"gency"
        r"|(?:the )?Syrian (?:state|official) news agency",
        "SANA",
    ),
    (
        r"(?:the )?White Helmets|(?:the )?(?:Syrian )?Civil Defen[cs]e(?: (?:group|service|workers|rescuers|teams?))?"
        r"|(?:the )?rescue (?:group|service|workers) known as the White Helmets",
        "Syrian Civil Defence (White Helmets)",
    ),
    (
        r"(?:the )?(?:IS|ISIS|Islamic State)[- ](?:linked |affiliated |run )?Amaq(?: (?:news )?agency)?|Amaq(?: (?:New"
        r"s )?Agency)?",
        "Amaq",
    ),
    (
        r"(?:the )?Russian (?:Defen[cs]e Ministry|Ministry of Defen[cs]e|defen[cs]e ministry|military)"
        r"|Russia's (?:Defen[cs]e Ministry|defen[cs]e ministry|military)|(?:the )?Russian (?:Centre|Center) for "
        r"(?:the )?Reconciliation(?: of (?:the )?(?:Opposing|Warring) (?:Sides|Parties))?|(?:the )?Russian reconciliat"
        r"ion "
        r"(?:centre|center)|Igor Konashenkov|Major General Igor Konashenkov",
        "Russian Ministry of Defence",
    ),
    (
        r"(?:the )?Turkish (?:Defen[cs]e Ministry|Ministry of (?:National )?Defen[cs]e|military|General Staff)",
        "Turkish Ministry of National Defence",
    ),
    (
        r"(?:the )?Pentagon|(?:the )?US (?:Defen[cs]e Department|Department of Defen[cs]e|military|Central Command)|CE"
        r"NTCOM",
        "US Department of Defense",
    ),
    (
        r"(?:the )?(?:US-led |international |anti-(?:IS|ISIL|ISIS|jihadist|Daesh) )coalition(?: spokesman| statement)?|"
        r"(?:the )?Combined Joint Task Force(?:[- ]Operation Inherent Resolve)?|CJTF-OIR|Operation Inherent Resolve",
        "Global Coalition Against Daesh",
    ),
    (
        r"(?:the )?(?:Saudi-led |Saudi-Emirati |Arab |Saudi and UAE-led )(?:military )?coalition(?: spokesman| statem"
        r"ent)?|(?:the )?Coalition to Restore Legitimacy(?: in Yemen)?|Turki al-Maliki",
        "Saudi-led coalition",
    ),
    (r"(?:the )?coalition(?: spokesman| statement)?", "in:SY,IQ:Global Coalition Against Daesh"),
    (r"(?:the )?coalition(?: spokesman| statement)?", "in:YE:Saudi-led coalition"),
    (r"UNICEF|(?:the )?UN children's (?:agency|fund)", "UNICEF"),
    (r"(?:the )?World Health Organi[sz]ation|(?-i:WHO)", "World Health Organization"),
    (r"UNHCR|(?:the )?UN refugee agency", "UNHCR"),
    (
        r"OCHA|(?:the )?UN (?:humanitarian|aid) (?:office|agency|coordination office)|(?:the )?Office for the Coordina"
        r"tion of Humanitarian Affairs",
        "UN OCHA",
    ),
    (
        r"(?:the )?(?:UN|United Nations)(?: (?:Security Council|spokesman|spokeswoman|official|officials|envoy|chief|"
        r"human rights office|rights office|statement))?|(?:the )?UN'?s? (?:\w+ )?(?:envoy|chief|spokesman)",
        "United Nations",
    ),
    (
        r"(?:the )?International Committee of the Red Cross|ICRC|(?:the )?Red Cross",
        "International Committee of the Red Cross",
    ),
    (r"(?:the )?Syrian Arab Red Crescent|SARC", "Syrian Arab Red Crescent"),
    (r"(?:Medecins Sans Frontieres|Médecins Sans Frontières|Doctors Without Borders|MSF)", "Medecins Sans Frontieres"),
    (r"Human Rights Watch|HRW", "Human Rights Watch"),
    (r"Amnesty(?: International)?", "Amnesty International"),
    (r"(?:the )?Syrian Network for Human Rights|SNHR", "Syrian Network for Human Rights"),
    (r"(?:the )?Violations Documentation Cent(?:er|re)|VDC", "Violations Documentation Center"),
    (r"(?:the )?Local Coordination Committees|LCC", "Local Coordination Committees"),
    (r"(?:the )?Union of Medical Care and Relief Organi[sz]ations|UOSSM", "UOSSM"),
    (r"Airwars", "Airwars"),
    (r"Raqqa is Being Slaughtered Silently|RBSS", "Raqqa is Being Slaughtered Silently"),
    (r"(?:Hezbollah's )?(?:al-)?Manar(?: TV)?", "Al-Manar"),
    (r"(?:Houthi-run )?(?:al-)?Masirah(?: TV)?", "Al-Masirah"),
    (r"(?:the )?Syrian (?:state )?(?:TV|television)|(?:al-)?Ikhbariya", "Syrian state television"),
    (r"(?:state|official|national) (?:TV|television|radio|broadcaster)", "state media"),  # whose state: the report's
    (r"(?:the )?(?:Iraqi )?Joint Operations Command", "Iraqi Joint Operations Command"),
    (r"(?:the )?(?:SDF|Syrian Democratic Forces)(?: media office| spokesman| statement)?", "Syrian Democratic Forces"),
    (
        r"(?:a |the )?(?:Syrian )?military source(?:s)?|(?:a |the )?(?:Syrian )?army source(?:s)?|(?:the )?(?:Syrian )"
        r"?army "
        r"(?:statement|command|general command)|(?:the )?(?:Syrian )?military (?:statement|command)|(?:the )?General C"
        r"ommand "
        r"of the (?:Syrian )?(?:Army|Armed Forces)",
        "military source",
    ),
    (r"(?:a |the )?security source(?:s)?|(?:a |the )?security official(?:s)?", "security source"),
    (
        r"(?:a |the )?(?:medical|hospital|health) (?:source|official|worker)s?|medics|(?:a |the )?doctors?|paramedics|"
        r"(?:the )?health ministry|(?:the )?ministry of health",
        "medical sources",
    ),
    (r"(?:local |opposition |anti-government |Syrian )?activists?|(?:an |the )?activist group", "activists"),
    (r"(?:local )?residents|(?:a |the )?resident", "residents"),
    (
        r"(?:local |community |village |clan |tribal )?elders|(?:a |the )?(?:local |community |village |clan )?elder",
        "elders",
    ),  # fmt: skip
    (r"(?:local )?rescue(?:rs| workers| teams?)(?: responding to the \w+)?|(?:local )?rescuers", "rescue workers"),
    (r"(?:eye)?witnesses|(?:a |the )?witness", "witnesses"),
    (r"local sources|(?:a |the )?local source|sources on the ground", "local sources"),
    (r"(?:the )?(?:ministry of defen[cs]e|defen[cs]e ministry)", "Ministry of Defence"),
    (r"(?:the )?(?:ministry of (?:the )?interior|interior ministry)", "Ministry of Interior"),
)


def _scoped(canonical: str) -> tuple[str, frozenset[str] | None]:
    """A canonical name and the countries a report must be about for the form to name it (None: any report)."""
    if not canonical.startswith("in:"):
        return canonical, None
    scope, _, name = canonical[3:].partition(":")
    return name, frozenset(scope.split(","))


_COMPILED = tuple((re.compile(r"^(?:" + p + r")$", re.IGNORECASE), *_scoped(c)) for p, c in _SOURCES)
# A tail of a phrase holds only gate strings the whole phrase holds: sources none of whose words it has are not tried.
_SOURCE_GATES = GateTable(required_literals(rx) for rx, _, _ in _COMPILED)

_VERB = (
    r"(?:said|says|say|reported|reports|report|told|tells|stated|states|announced|announces|confirmed|confirms|"
    r"claimed|claims|added|documented|noted|tweeted|wrote|posted|cited|quoted|estimated|counted|recorded|"
    r"spoke of|speak of|speaks of|"
    r"(?:put|puts|gave|gives|give) (?:a |the |its |their )?(?:higher |lower |new |revised |different |separate )?"
    r"(?:death )?toll)"
)
_ACCORDING = gated(
    r"\b(?:according to|as reported by|reported by|cited by|quoted by|per)\s+(?P<src>[^,.;:()\"“”\n]+)", re.I
)
_SUBJECT_VERB = re.compile(r"(?P<src>[A-Za-z][^,.;:\"“”()\n]{1,90}?)\s*(?:,[^,]{1,60},\s*)?\b" + _VERB + r"\b", re.I)
_VERB_SUBJECT = re.compile(r"[,\"”]\s*" + _VERB + r"\s+(?P<src>(?:the |a |an )?[^,.;:\"“”()\n]{2,80})", re.I)
# "... killed at least 18 people said the Observatory." (scraped text that lost its commas): a known source only
_VERB_SUBJECT_END = re.compile(r"\s" + _VERB + r"\s+(?P<src>(?:the |a |an )?[^,.;:\"“”()\n]{2,60}?)\s*[.!]?\s*$", re.I)
_PRONOUN = re.compile(
    r"^(?:it|he|she|they|we|i|this|that|officials?|sources?|the source|the group|the statement)$", re.I
)
_STOP_TAIL = re.compile(
    r"\s+(?:on|in|that|late|early|last|this|today|yesterday|earlier|later|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|after|as|while|when|citing|in a statement|on its website"
    r"|first|initially|also|again|now|then|previously|subsequently|still)\b.*$",  # ("officials first reported ...")
    re.I,
)


# A document a source published ("the UN report", "Human Rights Watch's investigation"): the source is its owner.
_DOCUMENT = re.compile(
    r"(?:['’]s?)?\s*\b(?:report|reports|investigation|inquiry|probe|study|findings|analysis|review|tally|count"
    r"|figures|data|document|assessment|dossier)$",
    re.I,
)
# Words that never head a noun phrase: a "source" made only of them is a misread ("The report said": "report" read
# as the verb, "The" as its subject).
_FUNCTION_WORDS = frozenset(
    "the a an this that these those its their his her our my your some any each every no one another other such"
    " of in on at by for with from to and or but as has have had is are was were be been will would"
    " earlier later meanwhile however also then now today yesterday separately elsewhere reports"
    # a day or a month ends a date, never a source's name ("16 January, early morning: two bombers, reported to be")
    " january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday".split()
)


def _owner(phrase: str) -> str:
    """The phrase without a trailing document noun: "the UN report" -> "the UN"; "the report" -> "the"."""
    return _DOCUMENT.sub("", phrase).strip()


# "the official news agency meanwhile said", "the ministry also said": the adverb is no part of the source.
_TRAILING_ADVERB = re.compile(r"(?:\s+(?:also|however|meanwhile|too|separately|later|earlier|still|now))+$", re.I)


def _canonical(phrase: str, syria: bool = True, countries: tuple[str, ...] = ()) -> str | None:
    """A known source's canonical name, trying the whole phrase and then shorter tails ("UK-based monitor"); a
    document's owner stands for the document ("the UN report" -> United Nations). A short form scoped to some
    countries names its source only in a report about one of them: ``countries``, the countries the report names,
    most named first, with Syria first where ``syria`` says the report is about Syria; where two scoped forms match,
    the one of the country named most wins."""
    owner = re.sub(r"['’]s?$", "", _owner(phrase))  # "Human Rights Watch's (report)"
    if owner and owner != phrase.strip():
        return _canonical(owner, syria, countries)
    focus = ("SY", *countries) if syria else tuple(c for c in countries if c != "SY")
    words = phrase.split()
    sources = [_COMPILED[i] for i in _SOURCE_GATES.hits(literals_in(" ".join(words)))]  # every tail is a suffix
    for i in range(len(words)):
        tail = " ".join(words[i:])
        scoped: list[tuple[int, str]] = []
        for rx, canonical, scope in sources:
            if not rx.match(tail):
                continue
            if scope is not None:
                rank = next((k for k, c in enumerate(focus) if c in scope), None)
                if rank is not None:
                    scoped.append((rank, canonical))
                continue
            if scoped:
                break  # a scoped form that names a source here comes first
            if canonical in _MOVEMENT and i > 0 and words[i - 1][:1].isupper() and words[i - 1] != "The":
                return _national_society(words[:i], tail)
            return canonical
        if scoped:
            return min(scoped)[1]
    return None


# "the Kenya Red Cross", "the Somali Red Crescent", "Nigerian Red Cross Society": a national society of the movement,
# not the ICRC; it keeps its own name.
_MOVEMENT = frozenset({"International Committee of the Red Cross", "Syrian Arab Red Crescent"})


def _national_society(before: list[str], tail: str) -> str:
    head: list[str] = []
    for word in reversed(before):
        if not word[:1].isupper() or word == "The":
            break
        head.insert(0, word)
    return " ".join([*head, re.sub(r"^(?:the|The)\s+", "", tail)])


def _clean(phrase: str) -> str | None:
    """The source phrase without leading conjunctions, trailing time words and articles; None for pronouns."""
    phrase = re.sub(r"^.*\b(?:and|but|while|as|which|who|because|after)\s+", "", phrase.strip(), flags=re.I)
    phrase = _STOP_TAIL.sub("", phrase).strip(" ,'\"")
    phrase = re.sub(r"['’]s?$", "", _owner(phrase))  # "the commission's report": the commission; "the report": its
    # publisher, told by the context
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I)
    if not phrase or _PRONOUN.match(phrase) or len(phrase.split()) > 8 or _NO_ONE.match(phrase):
        return None  # (nor no one: "No group said it was behind the blast" quotes nobody)
    if phrase.split()[-1].lower() in _FUNCTION_WORDS:
        return None  # no noun heads it ("The" of "The report said"): no source
    return phrase


_NO_ONE = re.compile(r"(?:no|nobody|none|no\s+one|neither)\b", re.I)
_VERB_ONLY = gated(r"\b" + _VERB + r"\b", re.I)


def _candidates(sentence: str) -> list[str]:
    """Source phrases in a sentence, in the order they are most reliable."""
    out: list[str] = []
    verbs = list(_VERB_ONLY.finditer(sentence))
    matches = list(_ACCORDING.finditer(sentence))
    if verbs:
        matches.extend(_VERB_SUBJECT.finditer(sentence))
        # "X said": look for the subject only in the 100 characters before each reporting verb (the pattern allows
        # at most 90 + a parenthetical), not from every letter of the sentence.
        for v in verbs:
            window = max(0, v.start() - 100)
            m = _SUBJECT_VERB.search(sentence, window, v.end())
            if m is not None and m.end() == v.end():
                matches.append(m)
    for m in matches:
        src = _TRAILING_ADVERB.sub("", _STOP_TAIL.sub("", m.group("src")).strip())
        if src:
            out.append(src)
    return out


def find_attribution(
    sentence: str, context: str = "", syria: bool = True, countries: tuple[str, ...] = ()
) -> str | None:
    """Who the sentence says its facts come from, canonicalised; falls back on the context for "it said". ``syria``:
    whether the report is about Syria (the short forms of the Syrian Observatory's name count only there)."""
    # (a body's abbreviation in brackets is part of its name: "the Inter-Services Public Relations (ISPR) said")
    sentence = _ABBREVIATION.sub("", sentence)
    candidates = _candidates(sentence)
    for src in candidates:
        for piece in re.split(r"\s+and\s+", src):  # "according to the Observatory and the Civil Defence"
            canonical = _canonical(piece, syria, countries)
            if canonical:
                return canonical
    for m in _VERB_SUBJECT_END.finditer(sentence):
        canonical = _canonical(_STOP_TAIL.sub("", m.group("src")).strip(), syria, countries)
        if canonical:
            return canonical
    for src in candidates:
        cleaned = _clean(src)
        if cleaned and _is_source_like(cleaned):
            return cleaned
    if context and context != sentence:
        return find_attribution(context, syria=syria, countries=countries)
    return None


_ABBREVIATION = re.compile(r"\s*\((?:[A-Z][A-Za-z.&-]{0,2}){1,5}\)(?=\s)")
_SPEAKING_HEADS = frozenset(
    {"military", "administration", "authorities", "commission", "government", "coalition", "alliance", "opposition",
     "party"}
)  # fmt: skip


def _is_source_like(phrase: str) -> bool:
    """A plausible source: a proper name or a noun such as "officials"/"spokesman", not a clause fragment."""
    if phrase.split()[-1].lower() in _SPEAKING_HEADS:
        # the institution heads the phrase ("the military", "the city administration"), or a political body that
        # speaks for itself ("the opposition coalition that called them said")
        return True
    if re.search(
        r"\b(?:spokes(?:man|woman|person)|officials?|ministry|agency|agencies|source|sources|groups?|statement|"
        r"charity|charities|organi[sz]ations?|NGOs?|monitors?|officers?|workers|"
        r"television|TV|news|police|army|governor|commander|minister|council|office|department|media|"
        # a body of the state or of a side that speaks for it: "the armed forces' joint command", "prosecutors"
        r"command|committee|headquarters|forces|prosecutors?|investigators|coroners?)\b",
        phrase,
        re.I,
    ):
        return True
    return bool(
        re.match(
            r"^(?:[A-Z][\w'\-]+|al-[A-Z][\w'\-]+)(?:\s+(?:[A-Z][\w'\-]+|of|for|the(?=\s+[A-Z])|al-[A-Z][\w'\-]+))*$",
            phrase,
        )
    )
