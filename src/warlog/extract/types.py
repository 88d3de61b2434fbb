"""ACLED event type and sub-event type of a sentence, from a trigger lexicon plus ACLED's precedence rules.

``find_triggers`` lists every trigger with a score (lowered for hypothetical, denied or background statements);
``classify_sentence`` applies ACLED's precedence (chemical weapon over air strike, an air strike during a ground battle
is the battle, a territory change beats the clash that led to it, suicide bomb over IED, excessive force over protest
with intervention over peaceful protest, ...) and returns the one match that codes the sentence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from warlog.extract.actors import ActorMention, actor_info, find_actors
from warlog.extract.literals import GateTable, gated, literals_in, required_literals
from warlog.extract.sentences import DAYS_AFTER_PHRASE
from warlog.extract.tense import in_past
from warlog.extract.type_model import lexicon_features, shipped_model, shipped_proposer, text_features
from warlog.extract.wordscan import WordStarts
from warlog.extract.wordscan import finditer as word_finditer
from warlog.model import DISORDER_TYPE, SUB_TO_TYPE
from warlog.taxonomy import taxonomy


@dataclass
class EventTypeMatch:
    """A sub-event type with the trigger that evokes it (span in the sentence) and a 0..1 confidence."""

    event_type: str
    sub_event_type: str
    disorder_type: str
    trigger: str
    start: int
    end: int
    score: float


AIR = "Air/drone strike"
SHELL = "Shelling/artillery/missile attack"
CLASH = "Armed clash"
GOV = "Government regains territory"
NSA = "Non-state actor overtakes territory"
NVT = "Non-violent transfer of territory"
CHEM = "Chemical weapon"
SUIC = "Suicide bomb"
IED = "Remote explosive/landmine/IED"
GREN = "Grenade"
ATTACK = "Attack"
ABDUCT = "Abduction/forced disappearance"
SEXV = "Sexual violence"
PEACE = "Peaceful protest"
INTERV = "Protest with intervention"
EXCESS = "Excessive force against protesters"
VIOLDEM = "Violent demonstration"
MOB = "Mob violence"
# the fighting's victims, not its doers: "... had been killed in the fighting"
_KILLED_IN_IT = re.compile(
    r"\b(?:killed|died|dead|wounded|injured|hurt|trapped|caught)\s+(?:\w+\s+){0,2}?(?:in|during|amid)\s+(?:the\s+)?"
    r"(?:\w+\s+)?$",
    re.I,
)
AGREE = "Agreement"
ARREST = "Arrests"
CHANGE = "Change to group/activity"
DISRUPT = "Disrupted weapons use"
HQ = "Headquarters or base established"
LOOT = "Looting/property destruction"
OTHER = "Other"
# Pseudo sub-types resolved later: a territory change whose winner decides GOV or NSA, and a protest cue that only
# counts beside a protest.
_TERRITORY = "territory"
_RETAKE = "retake"
_PROTEST_CUE = "protest-intervention-cue"

_TRIGGERS = json.loads(resources.files("warlog").joinpath("data/triggers.json").read_text(encoding="utf-8"))
# Shared pieces of trigger patterns (warlog/data/triggers.json "patterns"): a number or quantifier, civilians, armed
# forces, a place taken or lost.
_N: str = _TRIGGERS["patterns"]["N"]
_CIV: str = _TRIGGERS["patterns"]["CIV"]
_FORCES: str = _TRIGGERS["patterns"]["FORCES"]
_PLACE_OBJ: str = _TRIGGERS["patterns"]["PLACE_OBJ"]


@dataclass(frozen=True)
class _Trigger:
    """One lexicon entry."""

    sub: str
    regex: re.Pattern[str]
    score: float
    tag: str = ""
    gate: frozenset[str] | None = None  # literals one of which any match holds (warlog.extract.literals)


def _t(sub: str, pattern: str, score: float, case_sensitive: bool = False, tag: str = "") -> _Trigger:
    """Compile a trigger pattern on word boundaries; the tag says what kind of evidence it is ("battle", "fire")."""
    flags = 0 if case_sensitive else re.IGNORECASE
    regex = re.compile(r"(?<![\w])(?:" + pattern + r")(?![\w])", flags)
    return _Trigger(sub, regex, score, tag, required_literals(regex))


def _expand(pattern: str) -> str:
    """A trigger pattern with its <<NAME>> references to the shared pieces filled in."""
    return re.sub(r"<<(\w+)>>", lambda m: _TRIGGERS["patterns"][m.group(1)], pattern)


# The trigger lexicon (warlog/data/triggers.json), loaded once.
_LEXICON: tuple[_Trigger, ...] = tuple(
    _t(e["sub"], _expand(e["pattern"]), e["score"], e.get("case_sensitive", False), e.get("tag", ""))
    for e in _TRIGGERS["triggers"]
)

_LEXICON_GATES = GateTable(t.gate for t in _LEXICON)

# A negation right before the trigger: "no arrests", "No one has been arrested", "had not been detained" (not "no
# fewer than", "not only", "no longer").
_NEGATED_BEFORE = re.compile(
    r"\b(?:no(?!\s+(?:fewer|less|more|longer|sooner)\b)|not(?!\s+only\b)|never|nobody|no\s+one|none)\b"
    r"(?:\s+(?:one|has|have|had|was|were|been|being|yet|immediately|reportedly|any))*\s*$",
    re.I,
)
_WARRANT_AT = re.compile(r"arrest\s+warrants?\b", re.I)
# a finding verb that found nothing: the trigger's own first words ("found no evidence of weapons")
_FINDS_NONE = re.compile(r"(?:found|discovered|uncovered|recovered|seized)\s+(?:no|nothing)\b", re.I)
_HYPOTHETICAL = re.compile(
    r"\b(?:threat(?:en(?:ed|s|ing)?)? (?:to|of)|threats? (?:to|of)|will|would|could|might|shall|plans? to|planned to|"
    # "a larger group had planned more attacks, including a bombing in X": what was planned, not done
    r"(?:had|has|have|was|were|of) (?:been )?(?:plann|plott)(?:ed|ing) (?:more |further |new |other |several )?"
    r"(?:attacks?|bombings?|assaults?|operations?|strikes?)|"
    r"planning to|intends? to|intended to|vow(?:ed|s|ing)? (?:[\w-]+ ){0,4}?(?:to|revenge)|"
    r"warn(?:ed|s|ing)? (?:of|that|against|about)|"
    r"ready to|prepared to|preparing (?:to|for)|aim(?:s|ed)? to|seeks? to|expected|anticipated|likely to|"
    r"plot(?:s|ted|ting)? to|determination to|determined to|resolve to|resolved to|"
    r"aimed at|aiming at|(?:aimed|designed|intended) to|potential|"
    r"fears? (?:of|that)|feared|fearing (?:further|more|new|renewed|fresh|another|possible)|"
    r"if|unless|call(?:ed|s|ing)? for|to avoid|"
    # "called on supporters to keep protesting", "urged residents to join the strike": a call, not the act
    r"(?:call(?:ed|s|ing)? (?:on|upon)|urg(?:ed|es|ing)|encourag(?:ed|es|ing)|asked|appeal(?:ed|s|ing)? to) "
    r"(?:[\w'-]+ ){0,4}?to|avoid(?:ing)?|to prevent|in (?:the )?(?:event"
    r"|case) "
    r"of|going to|set to|risk of|to stop|to end|no(?! one| immediate| group| other| fewer| less than)"
    r"|not(?! immediately| clear| known| "
    r"yet| "
    r"only| far| long)|never|without|upcoming|imminent|looming|impending|capable of|in order to)\b|\b(?-i:may)\b",
    re.IGNORECASE,
)
_DENIAL = re.compile(
    r"\b(?:den(?:y|ied|ies|ying)|rejected (?:the )?(?:claims?|reports?|accusations?|allegations?)|dismissed (?:the )?"
    r"(?:claims?|reports?|accusations?|allegations?)|refut(?:ed|es)|false (?:claims?|reports?)|fabricat(?:ed|ion)|"
    r"no evidence)\b",
    re.IGNORECASE,
)
_BACKGROUND = gated(
    r"\b(?:since (?:the (?:start|beginning|outbreak)|20\d\d|19\d\d|(?:March|early|late|mid) 20\d\d)|"
    r"(?:war|conflict|crisis|uprising|fighting|violence) (?:has|have|had) (?:killed|left|displaced|claimed)|"
    r"over the (?:past|last) (?:\w+ )?(?:years|months|decade)|"
    r"in (?:the )?(?:past|last) (?:\w+ )?(?:years|months|decade)|"
    r"so far this year|years? of (?:war|conflict|fighting)|decade-long|"
    r"in the first (?:half|quarter|six months|nine months) of|between (?:19|20)\d\d and (?:19|20)\d\d|"
    r"(?:seven|six|eight|five|four|nine|\d+)-year(?!s?-old)"
    r"|death toll (?:in|of|from) the (?:war|conflict))\b",
    re.IGNORECASE,
)
_SUPERLATIVE_BEFORE = re.compile(
    r"\b(?:deadliest|worst|bloodiest|biggest|largest|heaviest|fiercest|most\s+(?:significant|serious|intense|"
    r"violent|deadly))\b[^.;]{0,60}$",
    re.IGNORECASE,
)
_NOT_AN_INCIDENT = re.compile(
    r"\b(?:court|tribunal|judges?|jury)\b[^.;]{0,80}?\b(?:convicted|sentenced|acquitted|found\s+(?:\w+\s+)?guilty)\b|"
    r"\b(?:marked|commemorated)\s+the\s+(?:\w+\s+)?anniversary\b|"
    r"\b\d{1,2}-\d{1,2}\s+(?:win|victory|defeat|draw|loss)\b|\b(?:top\s+spot\s+in\s+the\s+league|scored\s+(?:twice|a\s+goal)|"
    r"bomb\s+cyclone|hurricane-force|tropical\s+storm|premiered|box\s+office)\b|"
    r"\bdied\s+(?:[\w-]+\s+){0,5}?aged\s+\d+|\bdied\s+(?:of|from)\s+(?:natural\s+causes|illness|cancer|a\s+heart\s+attack)",
    re.IGNORECASE,
)
_OLD_POSSESSIVE = re.compile(
    r"\b(?:last|previous|past)\s+(?:year|month|summer|winter|spring|autumn|decade)['\u2019]s\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
# what an act was made to look like ("in what was presented as a peaceful march", "posing as protesters", "under the
# guise of a wedding party"): a pretence, not the event it names
_PRETENCE_BEFORE = re.compile(
    r"\b(?:(?:presented|disguised|dressed|posing|posed|passed\s+off|masquerad(?:ed|ing))\s+as"
    r"|under\s+the\s+(?:guise|pretext|cover)\s+of)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
_AHEAD_OF = re.compile(r"\bahead of (?:the |a |an )?(?:[\w-]+ ){0,2}$", re.I)
# What the news "came days after": an earlier happening set beside the news ("The bombing came days after the
# government said a US air strike near X had killed ..."), background unless told with a day of its own.
_CAME_AFTER_BEFORE = re.compile(
    # (only an undated span: "hours after" is the same day, "two days after" dates it; both are coded)
    r"\b(?:came|comes|coming|follows|followed)\s+(?:just\s+|only\s+)?(?:a\s+few\s+|several\s+)?"
    r"(?:days|weeks|months|years)\s+after\s+(?:[\w'-]+\s+){0,8}$",
    re.I,
)
# The trigger is the subject of "came/comes (days) after ...": the event already told, set beside an earlier one
# ("The bombing came days after a US air strike ..."), not a new incident.
_SUBJECT_OF_CAME_AFTER = re.compile(
    r"\w*(?:\s+[\w'-]+){0,4}?\s+(?:came|comes|follows|followed)\s+(?:just\s+|only\s+)?"
    r"(?:(?:(?:a|one|two|three|four|five|six|several|\d+)\s+)?(?:(?:hours?|days?|weeks?|months?)\s+)?after"
    # "The bombings came as tensions rose over the war in Gaza", "The attack comes amid a surge in ...": the event
    # already told, set in its times
    r"|as|amid|amidst|at\s+a\s+time)\b",
    re.I,
)
_RELATIVE_BEFORE = re.compile(
    r"\b(?:people|those|men|anyone|everyone|others)\s+who\s+(?:had\s+|have\s+|has\s+)?$"
    # "families who fled fighting between the army and M23": why people are displaced, not the news
    r"|\b(?:fled|fleeing|flee|escaped|escaping|displaced\s+by|uprooted\s+by|driven\s+out\s+by|forced\s+out\s+by)\s+"
    r"(?:the\s+|years\s+of\s+|months\s+of\s+|(?:recent|renewed|earlier|heavy)\s+)?$",
    re.I,
)
_AFTER_WHAT = re.compile(
    r"\bafter\s+(?!(?:the|a|an|his|her|their|its)\s+(?:\w+\s+)?(?:arrest|death|killing)\b)(?:[\w'-]+\s+){0,6}$", re.I
)
# a verb of violence before "after": the main clause tells its own event
_TRIGGER_WORD_BEFORE = re.compile(
    r"\b(?:torched|burned|burnt|killed|shot|attacked|stormed|bombed|shelled|raided|looted|destroyed|arrested|"
    r"detained|abducted|kidnapped|executed|protested|marched|clashed|fought|seized|captured)\b",
    re.I,
)
# "Al-Shabaab claimed to have killed 137 soldiers ... and said its fighters had seized weapons": a side's tally
_PARTY_CLAIM = re.compile(
    r"\bclaim(?:ed|s|ing)\s+(?:to\s+have|(?:that\s+)?(?:it|they|its\s+(?:fighters|forces|men))\s+(?:had|have))\b", re.I
)
_RUNNING_SINCE = re.compile(
    r"\b(?:more\s+than|over|at\s+least|nearly|about|some|around)\s+[\d,]{2,}\s+(?:[\w-]+\s+){0,3}?(?:have|has|had)\s+been\s+"
    r"(?:[\w-]+\s+)?(?:arrested|detained|killed|wounded|injured|abducted|kidnapped)\s+since\b",
    re.I,
)
_ANNOUNCED_BEFORE = re.compile(
    r"\bannounc(?:ed|es|ing)\s+(?:(?:a|new|more|fresh|further|nationwide|mass|its|their|plans\s+for)\s+)?$", re.I
)
_GATHERING_WORD = re.compile(r"(?:protests?|rall(?:y|ies)|march(?:es)?|demonstrations?|strikes?|sit-?ins?)\b", re.I)
_WEAPON_WORD = re.compile(
    r"(?:hand\s+)?(?:grenades?|bombs?|explosives?|IEDs?|(?:land)?mines?|rockets?|mortars?|shells?|missiles?|rifles?"
    r"|weapons?|ammunition|(?:explosive\s+)?devices?|vests?|belts?|detonators?)\b",
    re.I,
)
# weapons seized, recovered or found: the trigger names what was taken, not a weapon used
_SEIZED_BEFORE = re.compile(
    r"\b(?:seiz(?:ed|ing|es)|recover(?:ed|ing|s)|confiscat(?:ed|ing|es)|impound(?:ed|ing)|(?:found|discovered|unearthed)(?!\s+that)"
    r"|caches?\s+of|hauls?\s+of|stockpiles?\s+of)\s+(?:[\w'-]+,?\s+){0,12}?(?:and\s+)?(?:[\w-]+\s+){0,2}?$",
    re.I,
)
_ACCUSED_OF = re.compile(
    r"\b(?:suspected|accused|convicted|charged|wanted|arrested|detained|jailed|sentenced|tried|indicted)\s+"
    r"(?:of|for|with|over|in\s+connection\s+with)\s+(?:(?:allegedly|involvement\s+in|taking\s+part\s+in|"
    r"participating\s+in|the|an?|their|his|her)\s+)*$",
    re.I,
)
_CAUSE_BEFORE = re.compile(
    r"(?:\b(?:in\s+(?:reprisal|retaliation|revenge|response)\s+for|to\s+avenge|avenging|as\s+(?:punishment|revenge)\s+"
    r"for)\s+(?:the\s+|an?\s+|their\s+|its\s+|recent\s+|earlier\s+)*(?:[\w-]+\s+){0,3}"
    # "..., a month after Hassan Nasrallah was killed in a strike": what came before the news
    r"|(?:^|,)\s*(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+(?:days?|weeks?|months?|years?|"
    r"decades?)\s+after\s+(?:[\w'-]+\s+){0,8})$",
    re.I,
)
_CLAUSE_BREAK = re.compile(
    r"[.;:!?]|\b(?:but|while|whereas|although|after|as|when|and then)\b|, (?:and )?(?=\w+ed\b)", re.I
)
_GROUND = re.compile(
    r"\b(?:clash(?:es|ed)?|fighting|battles?|ground (?:offensive|assault|operation|fighting|advance)|"
    # (not ground forces that fire missiles: "its ground forces had fired 73 ballistic missiles")
    r"ground (?:forces|troops)(?![^.;]{0,40}?\b(?:fired|launched)\b[^.;]{0,30}?\b(?:missiles?|rockets?|drones?))|"
    r"offensive|advanc(?:e|ed|es|ing)|counter-?attack|front ?lines?|assault on|infantry)\b",
    re.IGNORECASE,
)

_TAXONOMY = taxonomy()
_TERRITORY_SUBS = _TAXONOMY.territory
_PROTEST_FAMILY = _TAXONOMY.protest_family
_REMOTE = _TAXONOMY.remote
# General precedence when a sentence holds several triggers and no specific rule applies (first wins).
_PRIORITY: tuple[str, ...] = _TAXONOMY.priority
_MIN_SCORE = 0.15
_STATE_KINDS = {"state", "external"}
_NONSTATE_KINDS = {"rebel", "militia", "unidentified", "identity"}
_CROWD_KINDS = {"civilians", "rioters", "protesters"}
# State forces that fight abroad; without the event's country a capture by them counts as a foreign force's.
_FOREIGN = re.compile(
    r"^(?:Military Forces of (?:Russia|Turkey|Israel|Iran|the United States|the United Kingdom|France|Saudi Arabia|"
    r"the United Arab Emirates)|Global Coalition|Operation Restoring Hope|Wagner)"
)


def _match(sub: str, m: re.Match[str], score: float) -> EventTypeMatch:
    """Build an EventTypeMatch for an ACLED sub-event type."""
    et = SUB_TO_TYPE[sub]
    return EventTypeMatch(et, sub, DISORDER_TYPE[et], m.group(0), m.start(), m.end(), round(score, 3))


def _clause_before(sentence: str, start: int) -> str:
    """The text of the trigger's own clause before it (up to 80 characters), where modals and denials live."""
    pre = sentence[max(0, start - 80) : start]
    cut = 0
    for b in _CLAUSE_BREAK.finditer(pre):
        cut = b.end()
    return pre[cut:]


_PLANNED_AFTER = re.compile(
    r"\s+(?:are|is|were|was|have been|has been|had been)\s+(?:being\s+)?(?:called|planned|scheduled|expected|due|set"
    r"|announced)\b(?!\s+off\b)",
    re.I,
)


_PAST_AFTER = re.compile(
    r"(?:\s+(?:in|at|on|near|outside)\s+(?:the\s+)?[\w'-]+(?:\s+[A-Z][\w'-]+)?)?\s+(?:last\s+(?:week|month|year|"
    r"spring|summer|autumn|winter)|(?:two|three|four|several|a few|\d+)\s+(?:weeks|months|years)\s+ago"
    r"|earlier\s+this\s+(?:month|year))\b",
    re.I,
)


@lru_cache(maxsize=256)
def _sentence_cues(sentence: str) -> tuple[bool, int | None, bool]:
    """What ``_modifier`` reads from the whole sentence, once per sentence (not once per trigger): a background
    period that is not a comparison, where a verdict/anniversary/storm word stands, and a running total."""
    background = _BACKGROUND.search(sentence)
    is_background = bool(background) and not _SUPERLATIVE_BEFORE.search(
        sentence, max(0, background.start() - 80), background.start()
    )
    verdict = _NOT_AN_INCIDENT.search(sentence)
    return is_background, (verdict.start() if verdict else None), _RUNNING_SINCE.search(sentence) is not None


def _modifier(sentence: str, start: int) -> float:
    """Confidence factor for a trigger: hypothetical or negated (0.1), denied or alleged (0.35), background (0.4)."""
    pre = _clause_before(sentence, start)
    factor = 1.0
    if _HYPOTHETICAL.search(pre) or _NEGATED_BEFORE.search(sentence, max(0, start - 30), start):
        factor = 0.1  # (negated: "no arrests had been made", "No one has been arrested")
    if _PRETENCE_BEFORE.search(sentence, max(0, start - 50), start):
        factor *= 0.1  # "approached the base in what was presented as a peaceful march": a pretence, not a march
    if _FINDS_NONE.match(sentence, start):
        factor = 0.1  # "found no evidence of weapons storage": nothing found
    if _WARRANT_AT.match(sentence, start):
        factor *= 0.1  # "arrest warrants were issued": a court's order, no arrest yet
    elif _DENIAL.search(sentence[max(0, start - 80) : start]):
        factor = 0.35
    background, verdict_at, running = _sentence_cues(sentence)
    if background:
        factor *= 0.4  # (not "the deadliest attack since the start of the war": a comparison, the news is today's)
    if len(_clause_before(sentence, start).split()) <= 3 and _SUBJECT_OF_CAME_AFTER.match(sentence, start):
        factor *= 0.1  # ("The twin bombing came days after ...": the subject noun phrase opens its clause)
    if _OLD_POSSESSIVE.search(sentence[max(0, start - 50) : start]):
        factor *= 0.1  # "the investigation into last year's port explosion": an old happening named, not the news
    if _AHEAD_OF.search(sentence[max(0, start - 40) : start]):
        factor *= 0.1  # "ahead of anti-corruption protests planned for July 31": what is to come
    if verdict_at is not None and not (
        verdict_at > start and re.search(r"\b(?:after|following|since)\b", sentence[start:verdict_at], re.I)
    ):  # ("police arrested him hours after a court sentenced him": the arrest is the news, the verdict its cause)
        factor *= 0.1  # a verdict, an anniversary, a match report, a storm: war words, no incident
    if _RELATIVE_BEFORE.search(sentence[max(0, start - 30) : start]):
        factor *= 0.3  # "amnesty to people who fought them": a description of who, not the happening told
    if _CAME_AFTER_BEFORE.search(sentence[max(0, start - 90) : start]):
        factor *= 0.1
    elif cause := _CAUSE_BEFORE.search(sentence[max(0, start - 60) : start]):
        # ("ten years after militants overran the city": months or years before the news, never its incident)
        long_ago = re.search(r"\b(?:months?|years?|decades?)\s+after\s+(?:[\w'-]+\s+){0,8}$", sentence[:start], re.I)
        days_after = re.search(r"\b(?:days?|hours?)\s+after\s+(?:[\w'-]+\s+){0,8}$", sentence[:start], re.I)
        head = sentence[: max(0, start - 60) + cause.start()]
        # (not when the main clause is only the aftermath: "Residents were still washing blood from the alleys, a day
        # after a police raid left 28 dead": the incident after "a day after" is the news)
        aftermath = days_after is not None and not _TRIGGER_WORD_BEFORE.search(head) and not _raw_triggers(head)
        if not aftermath:
            factor *= (
                0.1 if long_ago else 0.2
            )  # "killed 131 civilians in reprisal for clashes with rival groups": the cause, not the event
    after = _AFTER_WHAT.search(sentence, max(0, start - 70), start)
    if after and _TRIGGER_WORD_BEFORE.search(sentence, 0, after.start()):
        factor *= 0.5  # "soldiers torched 200 houses after militiamen ambushed a column": the cause told, not the event
    if _PARTY_CLAIM.search(sentence, 0, start):
        factor *= 0.1  # "Al-Shabaab claimed to have killed 137 soldiers": a side's tally of the fight told, no new one
    if running:
        factor *= 0.1  # "more than 1,000 people had been arrested since Tuesday": a running total, not one incident
    if _ANNOUNCED_BEFORE.search(sentence[max(0, start - 40) : start]) and _GATHERING_WORD.match(sentence, start):
        factor *= 0.1  # "a religious party announced protests in Karachi on Sunday": one to come
    if _SEIZED_BEFORE.search(sentence[max(0, start - 80) : start]) and _WEAPON_WORD.match(sentence, start):
        factor *= 0.1  # "police seized 16 pistols, six rifles and grenades": weapons found, no weapon used
    if _ACCUSED_OF.search(sentence[max(0, start - 40) : start]):
        factor *= 0.2  # "arrested four men suspected of kidnapping a priest": the charge, not the happening
    return factor


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans overlap."""
    return a[0] < b[1] and b[0] < a[1]


def _inside(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether span a lies within span b."""
    return b[0] <= a[0] and a[1] <= b[1]


def _raw_triggers(sentence: str) -> list[tuple[_Trigger, re.Match[str]]]:
    """Every lexicon hit; a hit overlapping a longer hit of another entry is dropped (the longer phrase is more
    specific), except a named weapon that only overlaps it ("suicide attacks" in "suicide attacks targeted the police
    station")."""
    return list(_raw_triggers_cached(sentence))


@lru_cache(maxsize=256)  # the proposer asks again about a sentence the lexicon just read
def _raw_triggers_cached(sentence: str) -> tuple[tuple[_Trigger, re.Match[str]], ...]:
    entries = [_LEXICON[i] for i in _LEXICON_GATES.hits(literals_in(sentence))]  # lexicon order, gates passed
    starts = WordStarts(sentence)  # each entry tried only where its first words can start (the same matches)
    hits = [(trig, m) for trig in entries for m in word_finditer(trig.regex, sentence, starts)]
    hits.sort(key=lambda h: (-(h[1].end() - h[1].start()), -h[0].score))
    kept: list[tuple[_Trigger, re.Match[str]]] = []
    for trig, m in hits:
        span = (m.start(), m.end())
        named_weapon = trig.sub in _REMOTE and trig.score >= 0.85  # "suicide attacks" in "suicide attacks targeted"
        if any(
            (
                _inside(span, (k.start(), k.end()))
                or (not (named_weapon or _weapon_subject(trig, m, k)) and _overlaps(span, (k.start(), k.end())))
            )
            and not _compatible(trig.sub, kt.sub)
            for kt, k in kept
        ):
            continue
        kept.append((trig, m))
    kept.sort(key=lambda h: h[1].start())
    return tuple(kept)


def _weapon_subject(trig: _Trigger, m: re.Match[str], other: re.Match[str]) -> bool:
    """A hit naming the means of a remote attack as the subject of the verb another hit reads with its object
    ("aircraft struck" in "aircraft struck positions"): the weapon says what happened, both stay."""
    return trig.sub in _REMOTE and trig.score >= 0.75 and m.start() < other.start() < m.end()


def _compatible(sub: str, kept_sub: str) -> bool:
    """Overlapping hits that may coexist: protest cues live inside protest phrases."""
    if {sub, kept_sub} == {EXCESS, ATTACK}:
        return (
            True  # "fired live rounds at students": the weapon's word lives inside the shooting (the protest decides)
        )
    return sub == kept_sub or _PROTEST_CUE in (sub, kept_sub)


# A state's forces named without their country ("the armed forces announced", "forces loyal to the government"): the
# sentence reader has no country, but whose side wins ground or fires does not need one.
_GENERIC_STATE = re.compile(
    r"\b(?:the\s+)?(?:armed\s+forces|(?:government|federal|national|regular)\s+(?:forces|troops|army|soldiers)|"
    r"forces\s+loyal\s+to\s+the\s+(?:[\w'-]+\s+){0,2}?government)\b",
    re.I,
)
# soldiers and police named with no country (the sentence alone is read here): the state's, for who took people away
_STATE_WORDS = re.compile(r"\b(?:soldiers|troops|police(?:\s+officers|men)?|gendarmes|security\s+forces)\b", re.I)


# A crowd named as such (ACLED: rioters when it attacks or destroys): "a crowd", "mobs"
_CROWD_SUBJECT = re.compile(
    r"(?:^|(?<=[.;:]\s)|(?<=, and )|(?<=, but )|(?<=\bwhen )|(?<=\bafter )|(?<=\bbefore )|(?<=\bwhile )"
    r"|(?<=\bas ))\s*"
    r"(?:(?:an?|the|angry|enraged|irate|rampaging|large|huge|small|hostile)\s+)*(?:mobs?|crowds?|rioters)\b",
    re.I,
)  # (a crowd that opens its clause, its subject; not "a twin bombing struck a crowd", its victims)


@lru_cache(maxsize=4096)
def _mentions(sentence: str) -> tuple[ActorMention, ...]:
    """Actor mentions of a sentence (no country: Syria-specific rows act as the fallback), with state forces named
    without their country."""
    found = list(find_actors(sentence))
    for m in _GENERIC_STATE.finditer(sentence):
        if not any(a.start < m.end() and m.start() < a.end for a in found):
            found.append(ActorMention(m.start(), m.end(), m.group(0), "State forces", 1, "state"))
    for m in _CROWD_SUBJECT.finditer(sentence):
        if not any(a.start < m.end() and m.start() < a.end for a in found):
            found.append(ActorMention(m.start(), m.end(), m.group(0), "Rioters", 5, "rioters"))
    return tuple(sorted(found, key=lambda a: a.start))


def _winner_kind(sentence: str, m: re.Match[str], actors: Sequence[str]) -> str | None:
    """Kind ("state"/"rebel"/...) of who wins the territory: "fell to X", "by X", the subject, else the actors given."""
    mentions = [a for a in _mentions(sentence) if a.kind in _STATE_KINDS | _NONSTATE_KINDS]
    after = sentence[m.end() : m.end() + 80]
    if re.search(r"\b(?:fell|fallen) to\b|\bunder the control of\b", m.group(0), re.I):
        nxt = [a for a in mentions if a.start >= m.end() - 1]
        return nxt[0].kind if nxt else None
    frm = re.search(r"\bfrom (?:the )?", after)
    if frm:
        loser = [a for a in mentions if m.end() + frm.end() - 1 <= a.start <= m.end() + frm.end() + 2]
        if loser:
            if loser[0].kind in _STATE_KINDS:
                return "rebel"
            subject = [a for a in mentions if a.end <= m.start()]
            if subject and _FOREIGN.match(subject[0].canonical):
                return "external"
            return subject[0].kind if subject else "state"
    by = [
        a
        for a in mentions
        if a.start >= m.end() and re.match(r"\s*(?:,\s*)?by (?:the )?$", sentence[m.end() : a.start])
    ]
    if by:
        return by[0].kind
    before = [a for a in mentions if a.end <= m.start()]
    if before:
        # the subject, or the antecedent of a relative clause ("..., the Malian army, which retook it"); the subject
        # of the trigger's own clause first ("54 soldiers were killed when al-Shabaab fighters overran their base")
        own = [
            a
            for a in before
            if a.start >= m.start() - len(_clause_before(sentence, m.start()))
            # "government forces, backed by Russian warplanes, retook ...": the backer is no subject
            and not re.search(r"\b(?:backed|supported|aided|assisted|helped)\s+by\s+(?:the\s+)?$", sentence[: a.start])
        ]
        if re.search(r"\b(?:which|who|that)\s+(?:\w+\s+)?$", sentence[: m.start()]):
            who = before[-1]
        else:
            who = own[0] if own else before[0]
        return "external" if _FOREIGN.match(who.canonical) else who.kind
    return _given_kind(actors)


def _given_kind(actors: Sequence[str]) -> str | None:
    """Kind of the first recognisable actor name passed in by the caller."""
    for name in actors:
        info = actor_info(name)
        if info is not None:
            return info.kind
    return None


def _resolve_territory(sentence: str, sub: str, m: re.Match[str], actors: Sequence[str]) -> str:
    """GOV or NSA for a territory trigger, from who wins it (re-takes default to the government)."""
    if sub == _RETAKE and re.search(r"\b(?:state|government)\b", m.group(0), re.I):
        return GOV  # "restored state control": by definition the government regains it
    kind = _winner_kind(sentence, m, actors)
    if kind == "external":
        return NSA  # ACLED: a foreign state force that takes a place "overtakes" it like a non-state actor
    if kind in _STATE_KINDS:
        return GOV
    if kind in _NONSTATE_KINDS:
        return NSA
    return GOV if sub == _RETAKE else NSA


def _perpetrator_kind(sentence: str, start: int, actors: Sequence[str], crowd: bool = False) -> str | None:
    """Kind of who acts at a trigger: "by X" after it, else the nearest actor before it, else the actors given.

    With ``crowd`` the victims' words count too, so "villagers attacked the police" answers "civilians".
    """
    mentions = _mentions(sentence)
    after_by = re.search(
        r"^\W*(?:\w+ ){0,3}?by (?:the )?(?:suspected |unknown |unidentified )?", sentence[start : start + 60]
    )
    if after_by:
        later = [a for a in mentions if a.start >= start + after_by.start()]
        if later and later[0].start <= start + after_by.end() + 2:
            return later[0].kind
    clause = _clause_before(sentence, start)
    before = [
        a
        for a in mentions
        if a.end <= start
        and a.start >= start - len(clause) - 40
        and (crowd or a.kind != "civilians")
        # people who are a verb's object ("killing dozens of people", "urged residents to leave") do not act
        and not (a.kind == "civilians" and _OBJECT_BEFORE.search(sentence, max(0, a.start - 40), a.start))
        # nor people told as victims ("seven people were killed in the ambush")
        and not (a.kind == "civilians" and _SUFFERED_AFTER.match(sentence, a.end))
        # nor the object of a relative clause on the doer ("armed men who attacked protesters ... killed 20")
        and not _RELATIVE_OBJECT.search(sentence, max(0, a.start - 40), a.start)
        and not (a.kind in _CROWD_KINDS and _HEADLINE_VICTIMS_AFTER.match(sentence, a.end))
    ]
    if before:
        return before[-1].kind
    return None if crowd else _given_kind(actors)


_RELATIVE_OBJECT = re.compile(
    r"\b(?:who|that)\s+(?:had\s+|have\s+|has\s+)?(?:[a-z]+ed|shot|hit|beat|fought)\s+(?:the\s+|a\s+|an\s+|some\s+)?$",
    re.I,
)
_ARMED_DEAD_IN = re.compile(
    r"\b(?:soldiers?|troops|policem[ae]n|police officers|officers|gunmen|militants|fighters|guards|marines|"
    r"(?:suspected )?(?:gang|cartel) members)\b(?:\s+\w+){0,6}?\s+(?:were|was|had been|have been)\s+"
    r"(?:\w+\s+)?killed\b",
    re.IGNORECASE,
)
_SUFFERED_AFTER = re.compile(
    r"\s+(?:were|was|had\s+been|have\s+been|are|is)\s+(?:\w+\s+)?(?:killed|wounded|injured|shot|hurt|abducted|"
    r"kidnapped|ambushed|attacked|trapped|evacuated)\b",
    re.IGNORECASE,
)
_OBJECT_BEFORE = re.compile(
    r"\b(?:\w+ing|killed|wounded|injured|urged|told|asked|warned|ordered|forced|helped|evacuated|of|to|for|among|"
    r"against|on|at|with|from)\s+(?:(?:the|a|an|some|dozens|scores|hundreds|thousands|many|several|other|\d+|of|"
    r"at\s+least|more\s+than|over|up\s+to|about|around|nearly|almost|as\s+many\s+as)\s+)*"
    r"(?:[a-z][\w-]+\s+)?$",
    re.IGNORECASE,
)
_ARMED_NOUNS = (
    r"soldiers?|troops|fighters?|policem[ae]n|police ?(?:officers?|men)|militants?|servicem[ae]n|personnel|"
    r"guards?|militiam[ae]n|militia members|rebels?|commanders?|conscripts?|recruits?|"
    r"members of the (?:\w+ )?(?:forces|army|police|militia)"
)
_ARMED_VICTIM = re.compile(rf"\b(?:{_ARMED_NOUNS})\b", re.IGNORECASE)
# the dead counted, then said to be mostly fighters or forces
_MOSTLY_ARMED = re.compile(
    r"^[^.;]{0,40}?,\s+(?:most|nearly\s+all|almost\s+all|all|the\s+majority)\s+of\s+(?:them|whom)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?(?:{_ARMED_NOUNS}|gendarmes|cadets)\b",
    re.I,
)
_CAPTIVE = re.compile(r"\b(?:surrender(?:ed|ing)?|captured|captives?|prisoners?|detained|disarmed|hostages?)\b", re.I)
_CIV_WORD = re.compile(r"\b" + _CIV + r"\b", re.IGNORECASE)


# The clause naming who told it, at the end of the window after a killing: no victim of it.
_SOURCE_TAIL = re.compile(
    r",\s*(?:(?:a|an|the|two|several)\s+)?(?:[\w-]+\s+){0,6}?(?:said|says|told|reported|added|confirmed)\b.*$"
    r"|,?\s+according\s+to\b.*$",
    re.I | re.S,
)


def _armed_victim(sentence: str, m: re.Match[str]) -> bool:
    """Whether a killing hits fighters, not civilians ("gunmen shot dead a QSD fighter" is a clash in ACLED)."""
    # (", a senior police officer said", ", a police officer at the scene said by telephone": the source)
    after = _SOURCE_TAIL.sub("", sentence[m.end() : m.end() + 100])[:60]
    before = sentence[max(0, m.start() - 50) : m.start()]
    passive = re.search(r"\b(?:was|were)\b", m.group(0) + " " + before[-25:])
    window = (before if passive else "") + " " + after
    if re.match(r"execut|behead|massacr|tortur", m.group(0), re.I) or _CAPTIVE.search(window):
        return False  # ACLED: killing captured or surrendered fighters is violence against civilians
    if _MOSTLY_ARMED.match(after):
        return True  # "killed more than 70 people, most of them trainee gendarmes": the dead were mostly forces
    if _CIV_WORD.search(window) or not _ARMED_VICTIM.search(window):
        return False
    if re.search(
        r"\b(?:former|ex-|retired|demobili[sz]ed|reconciled)\s*(?:[\w-]+\s+){0,2}?$",
        window[: _ARMED_VICTIM.search(window).start()],
    ):
        return False  # "shot dead a former opposition commander": no longer a fighter (ACLED: an attack on a civilian)
    return True


# Unorganised sides ("two groups of villagers", "rival communities") and words of an organised armed side (feuding
# families and clans are coded by ACLED as communal militias, so they count as organised).
_COMMUNAL = re.compile(
    r"\b(?:(?:two|rival|both|several) (?:[\w\-]+ ){0,2}?(?:groups|communities|villages|castes|factions of|parties|"
    r"camps|supporters|students|fans)|(?:supporters|fans|followers) of (?:the )?(?:two|both|rival|opposing|competing)|"
    r"(?:groups|communities|villages) of)\b",
    re.IGNORECASE,
)
_ORGANISED = re.compile(
    r"\b(?:militias?|militiam[ae]n|armed|gunm[ae]n|fighters|rebels|militants|insurgents|soldiers|troops|army|forces|"
    r"gangs?|clans?|tribes?|tribal)\b",
    re.IGNORECASE,
)


def _communal(sentence: str, m: re.Match[str]) -> bool:
    """A clash between unorganised groups (villagers, communities, supporters): ACLED's mob violence, not a battle,
    which needs two organised armed sides."""
    window = sentence[max(0, m.start() - 80) : m.end() + 60]
    if not _COMMUNAL.search(window) or _ORGANISED.search(window):
        return False
    armed = _STATE_KINDS | _NONSTATE_KINDS
    return not any(a.kind in armed for a in _mentions(sentence))  # "two groups of the regime's QDW" are organised


_VANDAL = re.compile(r"vandali", re.IGNORECASE)
DEMO_WORD = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|march(?:ed|es|ers)?|riot\w*|rioters|strikers|sit-?ins?)\b",
    re.IGNORECASE,
)  # (frames reads it too: a headline with one of these words is about demonstrations)
_DEMO_TACTIC = re.compile(
    r"\b(?:tyres|tires|barricad\w*|block(?:ed|ing|ade|ades)?|demand(?:ing|ed|s)?|slogans?|chant\w*"
    # a political cause: supporters of a leader, a verdict or an election contested (ACLED: a demonstration)
    r"|supporters\s+of|in\s+protest|protest(?:ing|ed|s)?\s+(?:against|over)|verdict|sentenc\w+|election\s+results?"
    # storming a seat of power or an embassy is a political act (ACLED: a violent demonstration, not a mob)
    r"|(?:stormed|invaded|broke\s+into|breached)\s+(?:the\s+)?(?:[\w.'-]+\s+){0,5}?(?:parliament|congress|embassy|"
    r"consulate|presidential\s+palace|supreme\s+court|legislature|national\s+assembly|capitol))\b",
    re.IGNORECASE,
)
_TOLD_AFTER = re.compile(
    # (and the others who spoke with them: "Two residents and a local official said the attackers ...")
    r"(?:\s+and\s+(?:an?\s+|the\s+|two\s+|three\s+|several\s+)?(?:[\w-]+\s+){0,2}?[\w-]+)?"
    r"\s+(?:said|say|says|told|reported|recounted|described|recalled)\b",
    re.I,
)
_ACTIVE_VERB_FIRST = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:attacked|stormed|burned|burnt|torched|looted|ransacked|set)\b")
_PASSIVE_OR_AGENT = re.compile(
    r"\b(?:was|were|been|being|is|are|by|c[ao]me under|under (?:\w+ )?(?:fire|attack))\b", re.IGNORECASE
)


def _crowd_attacker(sentence: str, m: re.Match[str]) -> bool:
    """Whether a crowd (villagers, residents, a group of men) does the attacking: the agent of a passive ("beaten to
    death by a group of men") or the subject of an active verb ("residents attacked a suspected thief"), never the
    victims named before a passive verb ("six men were killed by gunmen")."""
    if _BY_CROWD.match(sentence[m.end() :].lstrip()):
        return True  # "beaten and burned to death by a crowd", "stoned by fellow students"
    mentions = _mentions(sentence)
    for a in mentions:
        if a.start >= m.start() and re.search(r"\bby (?:an? |the )?(?:\w+ ){0,2}$", sentence[m.start() : a.start]):
            return _is_crowd(sentence, a)
    clause = _clause_before(sentence, m.start())
    if re.match(r"\w+ing\b", m.group(0)) and re.search(r",\s*$", sentence[: m.start()]):
        clause = sentence[: m.start()]  # ", killing 70 people": the participle's doer is the sentence's subject
    before = [
        a
        for a in mentions
        if a.end <= m.start()
        and a.start >= m.start() - len(clause) - 5
        and not _TOLD_AFTER.match(sentence, a.end)
        and not _RELATIVE_OBJECT.search(sentence, max(0, a.start - 40), a.start)
        and not _HEADLINE_VICTIMS_AFTER.match(sentence, a.end)
    ]  # ("Residents said ... the gunmen burned a house": who tells is not who acts; "armed men who attacked
    # protesters ... killed 20": whom the doers' relative clause tells of is no doer)
    if not before or not _is_crowd(sentence, before[0]):
        return False  # the clause's first actor is its subject; a crowd named later is the victims
    if _STATE_NOUN.search(sentence[max(0, m.start() - len(clause) - 5) : before[0].start + 8]):
        return False  # "security forces and armed residents": the state leads, no riot
    # the crowd is the subject of a passive only where the verb follows it ("rioters were beaten by police"), not where
    # a clause after its own verb says who owns what it hit ("youths attacked shops owned by foreigners, looting")
    between = sentence[before[0].end : m.start()]
    own_verb = _ACTIVE_VERB_FIRST.match(between)
    return not _PASSIVE_OR_AGENT.search((between[: own_verb.end()] if own_verb else between) + " " + m.group(0))


# people named before a bare past participle of harm with no object: a headline's passive ("Five villagers killed in
# attack on market", "35 civilians and seven soldiers killed, army says"), the victims, not the doers
_HEADLINE_VICTIMS_AFTER = re.compile(
    r"(?:\s+and(?:\s+[\w-]+){1,3}?)?\s+(?:killed|wounded|injured|hurt|dead)"
    r"(?=\s*(?:[,;:.!?\"\u201d\u2019'()\u2013-]|$)|\s+(?:in|at|on|near|as|after|during|when|while|overnight)\b)",
    re.I,
)
# The doers named as demonstrators ("protesters ... set the building ablaze"): a demonstration, whatever it burned.
_DEMONSTRATORS = re.compile(r"\b(?:protesters|protestors|demonstrators|marchers|supporters)\b", re.IGNORECASE)
_BY_CROWD = re.compile(
    r"^(?:[\w-]+ ){0,3}?by (?:an? |the )?(?:angry |enraged |irate |rampaging |self-styled |(?:a )?group of )*"
    r"(?:[\w-]+ )?(?:mobs?|crowds?|villagers|residents|locals|youths|vigilantes|fellow \w+|neighbou?rs|worshippers|"
    r"(?:cow|village) (?:protectors|vigilantes|guards))\b",
    re.IGNORECASE,
)
_CROWD_NOUN = re.compile(
    r"\b(?:villagers|residents|locals|inhabitants|youths|mobs?|crowds?|group of|neighbou?rs|relatives|vigilantes|"
    r"rioters|protesters|demonstrators|community members|worshippers)\b",
    re.IGNORECASE,
)


def _is_crowd(sentence: str, mention: ActorMention) -> bool:
    """A crowd of people (not "men in a car", who are an armed group by what they do)."""
    around = sentence[max(0, mention.start - 10) : mention.end + 12]
    if _ARMED_WITH_GUNS.match(sentence, mention.end):
        return False  # "youths armed with guns and machetes": an armed group by what it carries (ACLED: a militia)
    return mention.kind in _CROWD_KINDS and bool(_CROWD_NOUN.search(around))


_ARMED_WITH_GUNS = re.compile(
    r"\s+(?:who\s+were\s+|were\s+)?(?:heavily\s+)?armed\s+with\s+(?:[\w-]+\s+){0,3}?"
    r"(?:guns|rifles|firearms|AK-?47s?|automatic\s+weapons|Kalashnikovs|assault\s+rifles|pistols)\b",
    re.I,
)


_ARMED_KINDS = _STATE_KINDS | _NONSTATE_KINDS
_ALIAS_AFTER = re.compile(r"(?:\s+[A-Z][\w'.-]+){0,4},?\s+(?:alias|a\.k\.a\.?|aka|known as)\b")
_PASSIVE_NO_AGENT = re.compile(
    r"(?!\s+by\b)(?:\s+(?:on|in|at|late|early|and|after|during|while)\b|\s*[,.;]|\s*$)", re.I
)  # ("... and he has been detained." ends the sentence: no agent either)
_SEXUAL_ACT = re.compile(r"\b(?:gang-?)?rap(?:ed|ing)\b|\bsexually (?:assault|abus)(?:ed|ing)\b", re.I)
_HEARSAY_SV = re.compile(r"\b(?:accus\w*|alleg\w*|denied|deny|denies|threat\w*|if)\b", re.I)
_FIGHT_WORDS = re.compile(r"clash|fight|battl|exchang|skirmish|gunfight|shoot-?out|firefight", re.I)
# Fire aimed at people no one calls armed: "opened fire on residents", "fired at worshippers", "shot at villagers".
_AT_CIVILIANS = re.compile(
    r"^\s*(?:on|at|upon|into)?\s*(?:(?:the|a|unarmed|local|nearby|fleeing|sleeping|terrified|\d+|several|dozens of"
    r"|a group of|a crowd of)\s+)*" + _CIV + r"\b",
    re.I,
)


def _civilian_target(sentence: str, m: re.Match[str]) -> bool:
    """A clash trigger whose object is civilians ("opened fire on residents"), not a fight between two sides."""
    if _FIGHT_WORDS.search(m.group(0)):
        return False
    if _CAME_UNDER.match(m.group(0)):
        # "a bus carrying villagers came under fire": the subject is the target; people, not an armed side
        before = [a for a in _mentions(sentence) if a.end <= m.start()]
        return bool(before) and before[-1].kind == "civilians"
    return bool(_AT_CIVILIANS.match(sentence[m.end() :]))


_CAME_UNDER = re.compile(r"c[ao]me under\b", re.I)


_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|several|many|two|three)\s+$", re.I)
_BY_CARERS = re.compile(
    r"\s*(?:by\s+)?(?:an?\s+|the\s+)?(?:ambulances?|medics|paramedics|rescuers|doctors|nurses)\b", re.I
)
# what a taking verb carries off when it is a thing, not a person ("carried off weapons and ammunition"): looting or
# the spoils of a battle, never an abduction
_THINGS_CARRIED = re.compile(
    r"\s+(?:(?:their|its|the|some|all|large\s+quantities\s+of|quantities\s+of|a\s+(?:large\s+)?(?:quantity|number|"
    r"stock|cache)\s+of)\s+)?(?:[\w-]+\s+)?(?:weapons|arms|ammunition|munitions|rifles|guns|equipment|supplies|"
    r"vehicles|trucks|cars|motorcycles|fuel|food|goods|money|cash|livestock|cattle|documents|computers|phones)\b",
    re.I,
)
_TAKEN_AWAY = re.compile(r"(?:took|taken|led|dragged|bundled)\b", re.I)
_RESCUED_BEFORE = re.compile(
    r"\b(?:rescued|rescuing|freed|freeing|released|releasing|liberated|liberating|reunited|recovered)\s+"
    r"(?:[\w-]+\s+){0,3}$",
    re.I,
)


# A wanted person as what was captured: the object after the verb, or the subject of a passive ("the group's
# leader, alias X, was captured").
_PERSON_TAKEN = re.compile(
    r"(?:[\w'.\-]+ ){0,3}?(?:drug (?:lord|baron|trafficker)|kingpin|leader|commander|chief|suspects?|fugitive|boss|"
    r"mastermind|ring ?leader|warlord|alias)\b",
    re.IGNORECASE,
)


_THINGS_TAKEN = re.compile(
    r"\b(?:weapons|arms|ammunition|munitions|equipment|materiel|vehicles|trucks|motorcycles|rifles|guns|drones|tanks"
    r"|documents|goods|cattle|livestock)\b",
    re.I,
)
_BY_AFTER = re.compile(r"(?:\s+[\w-]+){0,3}?\s+by\b", re.I)
_ALIVE_AFTER = re.compile(r"\s+(?:alive|unharmed|wounded|injured)\b", re.I)
# the passive's subject a number, a pronoun or an armed person ("one was captured", "two of the attackers were
# captured", "the gunman was captured"), right before its auxiliary
_WHO_TAKEN_BEFORE = re.compile(
    r"(?:^|[,;:.]\s+|\b(?:and|said|says|say)\s+(?:that\s+)?)(?:(?:one|two|three|four|five|\d+)(?:\s+(?:of\s+)?(?:them|the\s+[\w-]+|others?))?|he|she|they"
    r"|both|another|the\s+(?:other|last|fifth|sixth)|(?:the|a|an|one|two|three|four|five|six|\d+)\s+(?:[\w-]+\s+)?"
    r"(?:gunm[ae]n|attackers?|assailants?|"
    r"bombers?|militants?|fighters?|soldiers?|officers?|pilots?))\s+(?:(?:was|were|had\s+been|has\s+been|have\s+been)\s+)?$",
    re.I,
)
# "300 of the escaped prisoners had been recaptured": the passive's auxiliary just before the trigger
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being)\s+$", re.I)
_NAMED_PERSON = re.compile(
    r"\s+(?:[A-Z][\w'.-]+\s+){1,3}?[A-Z][\w'.-]+,\s+(?:a|an|the|his|her)\s+(?:[\w-]+\s+){0,3}?(?:son|daughter|brother|"
    r"sister|wife|husband|nephew|leader|member|commander|chief|head|founder|spokes(?:man|woman|person)|boss|"
    r"lieutenant|deputy|financier|kingpin|suspect)\b"
)


def _nationals(word: str) -> bool:
    """A demonym used as a noun for people ("Canadians", "a Norwegian", "Filipina")."""
    from warlog.extract.demonyms import demonym_table

    table = demonym_table()
    return word in table or (word.endswith("s") and word[:-1] in table)


def _captures_person(sentence: str, m: re.Match[str]) -> bool:
    """Whether a capture trigger takes a person (an arrest), not a place: a wanted person, or people named by their
    nationality ("captured two Canadians, a Norwegian and a Filipina")."""
    if _ALIAS_AFTER.match(sentence, m.end()):
        return True  # "captured Dairo Usuga, alias Otoniel": a wanted person, named with his alias
    if _ALIVE_AFTER.match(sentence, m.end()) or _WHO_TAKEN_BEFORE.search(sentence, 0, m.start()):
        return True  # "one was captured alive", "two of the gunmen were captured": people, not ground
    obj = re.match(r"\s+(?:the |a |an |\d+ |two |three |four |five |several |some )?([A-Z][\w-]+)", sentence[m.end() :])
    if obj and _nationals(obj.group(1)):
        return True
    if _NAMED_PERSON.match(sentence, m.end()) or _NAMED_PERSON.match(sentence, m.start() + len(m.group(0).split()[0])):
        return True  # "captured Ovidio Guzman, a son of ...": a person named and described
    if re.match(r"\s+(?:the |a |an )?", sentence[m.end() :]) and _PERSON_TAKEN.match(
        sentence[m.end() :].lstrip().removeprefix("the ").removeprefix("a ")
    ):
        return True
    if re.search(r"\b(?:was|were|been)\b", m.group(0), re.I) or _PASSIVE_BEFORE.search(sentence, 0, m.start()):
        subject = _clause_before(sentence, m.start()) or sentence[max(0, m.start() - 60) : m.start()]
        if _CIV_WORD.search(subject) and not re.search(_PLACE_OBJ, subject, re.I):
            return True
        return bool(
            _PERSON_TAKEN.search(_clause_before(sentence, m.start()) or sentence[max(0, m.start() - 60) : m.start()])
        )
    return False


def _armed_before(sentence: str, start: int) -> bool:
    """Whether the sentence names an armed actor before this point."""
    return any(a.kind in _ARMED_KINDS and a.end <= start for a in _mentions(sentence))


def _state_subject(sentence: str, start: int) -> bool:
    """The sentence's first actor, before the trigger, is a state force ("police raided the office of the opposition
    party and detained seven": the police detained them, not the party)."""
    before = [a for a in _mentions(sentence) if a.end <= start]
    if before and before[0].kind in _STATE_KINDS:
        return True
    noun = _STATE_NOUN.search(sentence, 0, start)
    return noun is not None and (not before or noun.start() < before[0].start)


_SUPPORTED = re.compile(
    r"\b(?:supported|backed|accompanied|assisted|escorted|covered|aided|reinforced|helped)\s*$", re.I
)
# Aircraft that carry someone somewhere: "was flown to the capital by helicopter" is no strike.
_CARRIED_BY_AIR = re.compile(
    r"\b(?:flown|flew|airlifted|evacuated|transported|ferried|brought|taken|moved|transferred|rescued|dropped off)"
    r"\b[^.;]{0,50}$",
    re.IGNORECASE,
)


def raw_cues(sentence: str) -> set[str]:
    """The lexicon's sub-types (and pseudo sub-types such as 'protest-intervention-cue') a sentence evokes, before
    any is resolved from who acts."""
    return {t.sub for t, _ in _raw_triggers(sentence)}


# An arrest asked for or ordered, not made: "ordered the arrest of", "called for the arrest of", "a warrant for the
# arrest of"
_ARREST_ASKED = re.compile(
    r"\b(?:order(?:ed|s|ing)?|call(?:ed|s|ing)?\s+for|demand(?:ed|s|ing)?|s(?:ought|eeks?|eeking)|warrants?\s+for"
    r"|urg(?:ed|es|ing))\s+(?:the\s+|an?\s+|their\s+|his\s+|her\s+)?(?:immediate\s+|swift\s+)?$",
    re.I,
)
# a verb in the plain present after "who/that/which": what someone habitually does ("gangs that kidnap travellers")
_HABIT_VERB = re.compile(r"(?:kidnap|abduct|attack|kill|loot|raid|burn|shell|bomb|rob|extort|terrori[sz]e)s?", re.I)
_WHO_HABITUALLY = re.compile(
    r"\b(?:who|that|which)\s+(?:often\s+|regularly\s+|routinely\s+|still\s+|also\s+|frequently\s+|continue\s+to\s+)?$",
    re.I,
)


def _find(sentence: str, actors: Sequence[str]) -> list[tuple[EventTypeMatch, str]]:
    """Triggers with their evidence tag, sub-types resolved from who acts; a sentence told in the present of
    headlines and bulletins ("An angry crowd attacks and kills the gendarme") is read in the past the lexicon is
    written in when it finds nothing as written (warlog.extract.tense)."""
    return list(_find_cached(sentence, tuple(actors)))


@lru_cache(maxsize=1024)
def _find_cached(sentence: str, actors: tuple[str, ...]) -> tuple[tuple[EventTypeMatch, str], ...]:
    """_find's answer, remembered for the last sentences: a report's sentence is classified by more than one caller
    (the event's sentence, its neighbours as context, the role model's cues), 10% of the calls a repeat. A pure
    function of its arguments; the matches are never changed by a caller (a changed type is a `replace`d copy)."""
    named = _names_of_people_masked(sentence)
    if named != sentence:
        # "one hit the Officers' House, a concert venue": a building named for people, not the people
        return tuple((replace(m, trigger=sentence[m.start : m.end]), tag) for m, tag in _find_cached(named, actors))
    found = _find_written(sentence, actors)
    if found or (past := in_past(sentence)) is None:
        return tuple(found)
    rewritten, back = past
    out = []
    for m, tag in _find_written(rewritten, actors):
        start, end = back(m.start), back(m.end)
        out.append((replace(m, start=start, end=end, trigger=sentence[start:end]), tag))
    return tuple(out)


# A place or body named for people ("the Officers' House", "Martyrs' Square", "the Soldiers' Mothers Committee"):
# its people's noun is no side and no target. Masked (same length) before the lexicon reads the sentence.
_NAMED_FOR_PEOPLE = re.compile(r"\b([A-Z][a-z]+s)['\u2019](?=\s+[A-Z][a-z]+)")
_PEOPLE_NOUNS = frozenset(
    "soldiers officers fighters guards troops policemen police martyrs workers students mothers veterans doctors "
    "teachers journalists farmers women children peoples pioneers defenders heroes".split()
)


def _names_of_people_masked(sentence: str) -> str:
    """The sentence with the people's noun of each name made for people ("Officers' House") written as x's."""
    return _NAMED_FOR_PEOPLE.sub(
        lambda m: "x" * len(m.group(1)) + m.group(0)[-1] if m.group(1).lower() in _PEOPLE_NOUNS else m.group(0),
        sentence,
    )


# what people fled from, told of those who fled ("residents who had fled the fighting", "families fleeing the
# violence"): where they came from, not an event of the sentence
_FLED_THE = re.compile(
    r"\b(?:fled|fleeing|escaped|escaping|displaced\s+by|driven\s+out\s+by)\s+(?:the\s+|recent\s+|months\s+of\s+)?"
    r"(?:\w+\s+){0,2}?(?:fighting|violence|clashes|attacks?|bombardments?|shelling|air\s?strikes|raids?)\b",
    re.I,
)
# a measure, not a doer, as what "targeted" people ("the arrests targeted recently arrived families")
_NON_VIOLENT_TARGETER = re.compile(
    r"\b(?:arrests|detentions|measures|restrictions|sanctions|checks|searches|campaign|decree|law|ban)\s+(?:\w+\s+)?$",
    re.I,
)


def _find_written(sentence: str, actors: Sequence[str]) -> list[tuple[EventTypeMatch, str]]:
    """Triggers with their evidence tag, sub-types resolved from who acts, in the sentence as written."""
    raw = _raw_triggers(sentence)
    has_protest = any(t.sub in (PEACE, EXCESS, VIOLDEM) for t, _ in raw)
    bombing = any(t.sub in _REMOTE and t.score >= 0.5 for t, _ in raw)
    out: list[tuple[EventTypeMatch, str]] = []
    fled = [(f.start(), f.end()) for f in _FLED_THE.finditer(sentence)]
    for trig, m in raw:
        sub = trig.sub
        if any(a <= m.start() < b for a, b in fled):
            continue  # "residents who had fled the fighting around the town": the displaced's past, no event
        if sub == ATTACK and _NON_VIOLENT_TARGETER.search(sentence, max(0, m.start() - 25), m.start()):
            continue  # "complained that the arrests targeted newcomers": the arrests aimed at them, no attack
        if (
            sub in (VIOLDEM, MOB, LOOT)
            and _BLAST_DID_IT.match(sentence, 0, m.start())
            and not _CROWD_NOUN.search(sentence, 0, m.start())
        ):
            continue  # "The blast, at about 5:40 a.m., tore down part of the wall": the damage a blast did, no crowd
        if (
            sub == AIR
            and re.match(r"(?:by|from|in|aboard|on)\b", m.group(0), re.I)
            and _CARRIED_BY_AIR.search(sentence[: m.start()])
        ):
            continue  # "flown to Mexico City by helicopter": transport
        if sub == AIR and m.group(0).lower().startswith("by ") and _SUPPORTED.search(sentence, 0, m.start()):
            continue  # "ESMAD units, supported by police helicopters, moved in": air cover of what is told, no strike
        if sub == LOOT and _DETERMINER_BEFORE.search(sentence, max(0, m.start() - 12), m.start()):
            continue  # "searched through a destroyed building": a participle describing what an event left
        if sub == CLASH and _CALL_TO_STOP.search(sentence, max(0, m.start() - 30), m.start()):
            continue  # "why a halt to the fighting is urgent", "an end to the fighting": a call for peace, no fight
        if sub == DISRUPT and _FROM_THE_GUARDS.match(sentence, m.end()):
            continue  # "attackers seized weapons from the guards": arms taken in the attack, not a seizure that
            # stopped a weapon's use (ACLED's disrupted weapons use is the state's or a defuser's)
        if sub == LOOT and _BURNED_PEOPLE.match(m.group(0)):
            sub = ATTACK  # "eleven people were burned to death in a field": people killed, not a field burned
        if sub == ABDUCT and _RESCUED_BEFORE.search(sentence, max(0, m.start() - 40), m.start()):
            continue  # "rescued 12 kidnapped victims": the victims of an earlier abduction freed, not an abduction
        if sub == ABDUCT and _BY_CARERS.match(sentence, m.end()):
            continue  # "two people taken away by ambulance": carried to care, not abducted
        if sub == ABDUCT and _THINGS_CARRIED.match(sentence, m.end()):
            continue  # "carried off weapons and ammunition": things taken, no person abducted
        if sub == ARREST and _ARREST_ASKED.search(sentence, max(0, m.start() - 50), m.start()):
            continue  # "ordered the arrest of the unit's commander", "issued a warrant for": an order, no arrest yet
        if _HABIT_VERB.fullmatch(m.group(0)) and _WHO_HABITUALLY.search(sentence, max(0, m.start() - 30), m.start()):
            continue  # "the bandits who kidnap and tax them": what a group does, in the present, not one happening
        if (
            sub == ABDUCT
            and re.fullmatch(r"(?:hijack|kidnapp|abduct)ed", m.group(0), re.I)
            and _DETERMINER_BEFORE.search(sentence, max(0, m.start() - 12), m.start())
        ):
            continue  # "ended the siege of a hijacked train": what was taken earlier, not the subject's act
        if sub == PEACE and _MARCHED_PASSIVE.search(sentence, max(0, m.start() - 12), m.end()):
            continue  # "the detainees were marched to a field": people made to walk, no march of protest
        if sub == _PROTEST_CUE:
            if not has_protest:
                continue
            sub = INTERV
        elif sub == MOB and (verb := _mob_verb_at(m)) >= 0 and _first_doer(sentence, verb) == "armed":
            # ACLED: mob violence is a crowd's; soldiers or an armed group who burn or lynch people attack them
            # ("troops bound them and set them on fire"; "villagers said the soldiers set them alight")
            sub = ATTACK
        elif (
            sub in (_TERRITORY, _RETAKE)
            and re.search(r"\b(?:was|were|been)\b", m.group(0), re.I)
            and _THINGS_TAKEN.search(
                _clause_before(sentence, m.start()) or sentence[max(0, m.start() - 40) : m.start()]
            )
        ):
            continue  # "photographs of weapons it said were captured": things taken, no ground
        elif sub in (_TERRITORY, _RETAKE) and _captures_person(sentence, m):
            # "marines recaptured drug lord X", "alias Otoniel was captured": a person, not ground; taken by an armed
            # group ("seventeen missionaries were seized by a gang") an abduction
            sub = (
                ARREST
                # the captured named by a number or as fighters, their captor unnamed: taken by the state's forces
                if _WHO_TAKEN_BEFORE.search(sentence, 0, m.start()) and not _BY_AFTER.match(sentence, m.end())
                else ABDUCT
                if _perpetrator_kind(sentence, m.start(), actors) in _NONSTATE_KINDS
                else ARREST
            )
        elif sub in (_TERRITORY, _RETAKE):
            sub = _resolve_territory(sentence, sub, m, actors)
        elif sub == CHANGE and (entered := _ENTERED_AFTER_LEAVING.search(sentence)) is not None:
            # "M23 fighters entered Kiwanja ... after FARDC units withdrew from both towns": the side that came in
            # took the place the other left (ACLED: a transfer of territory, coded by who took it)
            sub = _resolve_territory(sentence, _TERRITORY, entered, actors)
            m = entered  # (the act is the coming in: its doer is the side named before it)
        elif (
            sub == ARREST
            and _perpetrator_kind(sentence, m.start(), actors) in _NONSTATE_KINDS
            and not _state_subject(sentence, m.start())
            # "X was arrested on Friday and placed in custody": a passive arrest no one is named for
            and not (_PASSIVE_BEFORE.search(sentence, 0, m.start()) and _PASSIVE_NO_AGENT.match(sentence, m.end()))
        ):
            sub = ABDUCT
        elif (
            sub == ABDUCT
            and _TAKEN_AWAY.match(m.group(0))
            and (
                (kind := _perpetrator_kind(sentence, m.start(), actors)) in _STATE_KINDS
                or (kind is None and _STATE_WORDS.search(sentence, 0, m.start()) is not None)
            )
        ):
            sub = ARREST  # "soldiers and police went house to house and took away dozens of young men": detentions
        elif sub == AIR and trig.score < 0.5 and _perpetrator_kind(sentence, m.start(), actors) in _NONSTATE_KINDS:
            sub = ATTACK  # "gunmen on motorbikes raided three villages": no aircraft, a raid on the ground
        elif sub == EXCESS and _perpetrator_kind(sentence, m.start(), actors) in _NONSTATE_KINDS:
            sub = ATTACK
        elif sub == ATTACK and _armed_victim(sentence, m) and not bombing and not _IN_CUSTODY.search(m.group(0)):
            sub = CLASH  # (soldiers killed by a bomb that went off are the bomb's victims: the remote violence)
        elif sub == CLASH and _FIRED_ON_BY.match(m.group(0)):
            # "residents queuing for water were fired on by soldiers": the subject is the target, the doer follows
            # "by"; civilians fired on is an attack on them, armed men fired on a clash
            target = _perpetrator_kind(sentence, m.start(), actors, crowd=True)
            sub = ATTACK if target in ("civilians", "protesters") else CLASH
        elif sub == CLASH and _civilian_target(sentence, m):
            sub = ATTACK  # "gang members opened fire on residents": one armed side only (ACLED: a battle needs two)
        elif sub == VIOLDEM and _VANDAL.match(m.group(0)) and not DEMO_WORD.search(sentence):
            sub = LOOT  # ACLED: vandalism away from any demonstration is property destruction, not a riot
        elif (
            sub == VIOLDEM
            and _perpetrator_kind(sentence, m.start(), actors, crowd=True) in _ARMED_KINDS
            and _first_doer(sentence, m.start()) != "crowd"  # ("crowds surrounded the UN base, threw stones")
        ):
            sub = CLASH  # "gang members clashed with police": an armed group, not a crowd
        elif sub == CLASH and trig.tag == "battle" and _FORCES_AND_CROWD.match(sentence, m.end()):
            # "running battles between security forces and his supporters": ACLED codes a battle between two
            # organised armed sides only; a crowd fighting the police is a riot (a violent demonstration)
            sub = VIOLDEM
        elif (
            sub == CLASH
            and trig.tag in ("battle", "hit")
            and (_perpetrator_kind(sentence, m.start(), actors, crowd=True) in _CROWD_KINDS or _communal(sentence, m))
            # (not people who only tell it: "residents say sporadic fighting has continued")
            and not _crowd_tells(sentence, m.start())
            # (nor people killed in it: "272 people, among them 33 civilians, had been killed in the fighting")
            and not _KILLED_IN_IT.search(sentence, max(0, m.start() - 40), m.start())
            # an armed group named before a killing of guards or soldiers is its doer, the people named its victims
            and not (
                trig.tag == "hit" and any(a.kind in _ARMED_KINDS and a.end <= m.start() for a in _mentions(sentence))
            )
        ) or (sub in (ATTACK, LOOT) and _crowd_attacker(sentence, m)):
            # ACLED: a crowd that attacks people or destroys property is a riot (mob violence, or a violent
            # demonstration at a protest)
            sub = VIOLDEM if has_protest else MOB
        factor = _modifier(sentence, m.start())
        if _PLANNED_AFTER.match(sentence, m.end()):
            factor *= 0.1  # "New marches are called for Wednesday": what is to come
        elif _PAST_AFTER.match(sentence, m.end()) and any(m2.start() < m.start() for t2, m2 in raw if t2 is not trig):
            # "marched to bury protesters killed last week": an earlier happening named inside the telling of
            # another (alone, "gunmen killed five last week" is the news)
            factor *= 0.1
        out.append((_match(sub, m, trig.score * factor), trig.tag))
    return out


_FORCE_WORDS = (
    r"(?:(?:the\s+)?(?:security\s+forces|(?:riot\s+)?police(?:men)?|soldiers|troops|(?:the\s+)?army|gendarmes"
    r"|(?:anti-riot\s+)?forces))"
)
_CROWD_WORDS = (
    r"(?:(?:[\w'\u2019-]+\s+){0,4}?(?:supporters|protesters|protestors|demonstrators|rioters|youths|students"
    r"|crowds?|fans|followers|mourners|residents))"
)
# the two sides of a clash named right after its word: the state's forces and a crowd, either way round
_FORCES_AND_CROWD = re.compile(
    rf"(?:\s+\w+){{0,3}}?\s+between\s+(?:{_FORCE_WORDS}\s+and\s+{_CROWD_WORDS}|{_CROWD_WORDS}\s+and\s+{_FORCE_WORDS})\b",
    re.I,
)
# a clause whose subject is an explosion or a projectile ("The blast ... tore down", "the shell destroyed")
_BLAST_DID_IT = re.compile(
    r"^\W*(?:the|a|an|its|this|that|one|another|second|first)?\s*(?:[\w-]+\s+){0,2}?(?:blasts?|explosions?|bombs?"
    r"|shells?|missiles?|rockets?|strikes?|air\s?strikes?|drones?|shockwave)\b(?![-\s](?:squad|disposal|makers?))",
    re.I,
)
# a side that came into a place after the other side left it
_ENTERED_AFTER_LEAVING = re.compile(
    r"\b(?:entered|moved\s+into|rolled\s+into|marched\s+into|swept\s+into|took\s+over)\b[^.;]{0,120}?\bafter\b"
    r"[^.;]{0,60}?\b(?:withdrew|had\s+withdrawn|pulled\s+out|retreated|had\s+retreated|abandoned|fled)\b",
    re.I,
)
# a verb of mob violence inside its trigger: who acts is read before it ("villagers said the soldiers set them
# alight": the soldiers), not before the trigger's opening crowd word
_MOB_VERB = re.compile(r"\b(?:set|burn(?:ed|t)|ston(?:ed|ing)|lynch(?:ed|ing)|beat(?:en)?|hack(?:ed)?)\b", re.I)
# a call to stop fighting, before the fighting word ("a halt to the fighting", "to end the fighting")
_CALL_TO_STOP = re.compile(
    r"\b(?:halt|end|stop|pause|cessation|lull|break|truce)\s+(?:to|in|of)\s+(?:the\s+|all\s+)?$"
    r"|\b(?:to\s+)?(?:end|stop|halt)\s+(?:the\s+|all\s+)?$",
    re.I,
)
# whom weapons were taken from: armed guards of a post or base
_FROM_THE_GUARDS = re.compile(
    r"\s+from\s+(?:the\s+|its\s+|their\s+)?(?:\w+\s+)?(?:guards|soldiers|police(?:men)?|troops|officers|"
    r"peacekeepers|sentries|security\s+forces|garrison|post|base|barracks|armou?ry)\b",
    re.I,
)
# people burned, not property ("burned to death in a field", "burnt alive in their homes")
_BURNED_PEOPLE = re.compile(r"burn(?:ed|t)\s+(?:to\s+death|alive)\b", re.I)
# a march someone is made to walk ("the detainees were marched to a field")
_MARCHED_PASSIVE = re.compile(r"\b(?:was|were|been|being)\s+marched\b", re.I)


# who does it, read from the clause's first word for people: armed men or a crowd
_DOER_WORD = re.compile(
    r"\b(?:(?P<armed>soldiers?|troops|army|military|police(?:men)?|gunmen|militants?|fighters|jihadists?|rebels|"
    r"militiam[ae]n|militias?|insurgents|attackers|assailants|paramilitar(?:y|ies)|commandos?|servicem[ae]n)"
    r"|(?P<crowd>crowds?|mobs?|villagers|residents|youths?|locals|rioters|protesters|demonstrators|vigilantes?|"
    r"men and women|people))\b",
    re.I,
)
_TELLING = re.compile(
    r".*\b(?:said|say|says|told|reported|show(?:s|ed|n)?|according to|alleged|claimed)\b(?:\s+that)?", re.I
)


_TELLS_AFTER = re.compile(
    # (also "Residents of Dessie, a city of several hundred thousand people ..., said", "Residents of X district said")
    r"(?:\s+(?:of|in|from)\s+[A-Z][\w'\u2019-]*(?:[\s-][A-Z][\w'\u2019-]*)*(?:\s+(?:district|town|city|village|area))?)?"
    r"(?:,[^,.;]{1,90},)?"
    r"\s+(?:(?:also|later|had)\s+)?(?:say|says|said|told|tell|report|reported|recalled|described)\b"
)


def _crowd_tells(sentence: str, at: int) -> bool:
    """The crowd words before ``at`` are all the subjects of a verb of telling: sources, not doers."""
    crowd = [a for a in _mentions(sentence) if a.kind in _CROWD_KINDS and a.end <= at]
    told: list[tuple[int, int]] = []  # (a crowd word inside a teller's apposition: "residents of X, a city of 300,000
    # people, said" tells through its first word)
    for a in crowd:
        if any(x <= a.start < y for x, y in told):
            continue
        m = _TELLS_AFTER.match(sentence, a.end)
        if m is None:
            return False
        told.append((a.start, m.end()))
    return bool(crowd)


def _first_doer_word(sentence: str, verb: int) -> re.Match[str] | None:
    """The first word for people in the clause of a verb, after any verb of telling ("villagers said the soldiers set
    them alight": soldiers; "gunmen dragged the teacher out and set him on fire": gunmen)."""
    told = _TELLING.match(sentence, 0, verb)
    return _DOER_WORD.search(sentence, told.end() if told else 0, verb)


def _first_doer(sentence: str, verb: int) -> str | None:
    """Who the clause of a verb names first as its doers: "armed" men, a "crowd", or None."""
    first = _first_doer_word(sentence, verb)
    return None if first is None else "armed" if first.group("armed") is not None else "crowd"


_NONSTATE_WORD = re.compile(
    r"(?:gunm[ae]n|militants?|fighters|jihadists?|rebels|insurgents|militiam[ae]n|militias?|attackers|assailants)$",
    re.I,
)


def _nonstate_first(sentence: str, verb: int) -> bool:
    """The clause of a verb names armed men who are no state's forces first ("the militants had blocked traffic")."""
    first = _first_doer_word(sentence, verb)
    return first is not None and first.group("armed") is not None and _NONSTATE_WORD.match(first.group(0)) is not None


def _mob_verb_at(m: re.Match[str]) -> int:
    """Where the last verb of mob violence in a trigger's match starts (-1: a noun only, "mob", "lynching")."""
    verbs = list(_MOB_VERB.finditer(m.group(0)))
    return m.start() + verbs[-1].start() if verbs else -1


_FIRED_ON_BY = re.compile(r"(?:was|were|had been|have been|being) (?:\w+ )?(?:fired (?:on|at|upon)|shot at) by", re.I)


def find_triggers(sentence: str, actors: Sequence[str] = ()) -> list[EventTypeMatch]:
    """All event triggers in a sentence with ACLED sub-types and scores, in text order (no precedence applied)."""
    return [m for m, _ in _find(sentence, actors)]


def _best(matches: list[EventTypeMatch], sub: str) -> EventTypeMatch | None:
    """The highest-scoring match of one sub-type."""
    subs = [m for m in matches if m.sub_event_type == sub]
    return max(subs, key=lambda m: (m.score, -m.start)) if subs else None


def _as(sub: str, m: EventTypeMatch) -> EventTypeMatch:
    """The same trigger recoded to another sub-type."""
    et = SUB_TO_TYPE[sub]
    return replace(m, event_type=et, sub_event_type=sub, disorder_type=DISORDER_TYPE[et])


_CROWD_WEAPONS = re.compile(
    r"\bwith\s+(?:stones|rocks|bricks|sticks|clubs|bottles|iron\s+bars|batons)\b|\bstone-?throw\w*|\bthrew\s+stones\b",
    re.I,
)
_PARTICIPANTS = re.compile(r"\bparticipants\b", re.I)  # (marchers are a DEMO_WORD)
_FIREARMS = re.compile(
    r"\b(?:gun\w*|shot|shots|shooting|fired|firing|fire\s+on|rifles?|grenades?|bullets?|machine-?guns?|RPGs?|mortars?"
    r"|explosives?|bombs?|armed)\b",
    re.I,
)


# a death in the hands of those who held the victim ("died after being detained by soldiers"): the holders are the
# doers, never a side the victim fought
_IN_CUSTODY = re.compile(r"\b(?:detained|arrested|held|detention|arrest|interrogat\w+|custody)\b", re.I)


def _protest_choice(live: list[EventTypeMatch]) -> EventTypeMatch | None:
    """Within protests and riots: mob > violent demonstration > excessive force > intervention > peaceful."""
    for sub in (MOB, VIOLDEM, EXCESS, INTERV, PEACE):
        best = _best(live, sub)
        if best is not None:
            if sub == INTERV:
                peace = _best(live, PEACE)
                return replace(best, score=max(best.score, peace.score if peace else 0.0))
            return best
    return None


def classify_lexicon(sentence: str, context: str = "", actors: Sequence[str] = ()) -> EventTypeMatch | None:
    """The sub-event type the trigger lexicon alone gives after ACLED's precedence rules (None: no event)."""
    return lexicon_view(sentence, context, actors)[1]


# small arms used beside grenades in one assault
_SMALL_ARMS = re.compile(
    r"\b(?:shooting|shot|shots|opened\s+fire|gunfire|gunmen|gunman|firing\s+(?:on|at)|fired\s+(?:on|at)|rifles?"
    r"|machine-?guns?|automatic\s+weapons)\b",
    re.I,
)


def lexicon_view(
    sentence: str, context: str = "", actors: Sequence[str] = ()
) -> tuple[list[EventTypeMatch], EventTypeMatch | None]:
    """Every live lexicon trigger of a sentence and the lexicon's precedence choice among them."""
    tagged = [(m, tag) for m, tag in _find(sentence, actors) if m.score >= _MIN_SCORE]
    cause = _CAUSE_PHRASE.search(sentence)
    if cause is not None and any(m.start < cause.start() for m, _ in tagged):
        # "Iran fired 22 missiles at two bases ... in retaliation for the U.S. drone strike that killed ...": what
        # the act answers is an earlier event, told as its cause; the act is before the phrase
        tagged = _no_violence_after(tagged, cause.start())
    purpose = _PROTEST_PURPOSE.search(sentence)
    if purpose is not None and any(m.start < purpose.start() and m.event_type == "Protests" for m, _ in tagged):
        # "Thousands marched to the UN compound to demand an inquiry into an air strike that killed 140": the march is
        # the news; the strike it names is an earlier event, told on its own where it is news
        tagged = _no_violence_after(tagged, purpose.start())
    recalled = DAYS_AFTER_PHRASE.search(sentence)
    if (
        recalled is not None
        and not _CAME_BEFORE_PHRASE.search(sentence, max(0, recalled.start() - 50), recalled.start())
        and any(m.start < recalled.start() and m.event_type in VIOLENT_TYPES for m, _ in tagged)
    ):
        # "Missiles struck an air base on Monday, killing 14, two days after a suspected gas attack on Douma": what
        # came days before the act is another, earlier event, set beside it (told on its own where it is news)
        tagged = _no_violence_after(tagged, recalled.start())
    then = _CONSEQUENCE_CLAUSE.search(sentence)
    if then is not None and (any(m.start < then.start() for m, _ in tagged) or then.group("noun")):
        # "The attack that set off the protests took place at dawn": what the act led to is told elsewhere, a
        # relative clause naming it, not the act
        tagged = [(m, tag) for m, tag in tagged if not then.start() <= m.start < then.end() + _CONSEQUENCE_REACH]
    live, choice = [m for m, _ in tagged], _decide(tagged, context, sentence, actors)
    if choice is not None and choice.sub_event_type == GREN and _SMALL_ARMS.search(sentence):
        # grenades among the weapons of an assault ("gunmen stormed the ward, throwing grenades and shooting
        # mothers"): ACLED codes the assault, a clash or an attack, not a grenade event
        assault = [m for m in live if m.sub_event_type in (CLASH, ATTACK)]
        if assault:
            choice = max(assault, key=lambda m: m.score)
    if (
        choice is not None
        and choice.sub_event_type == ABDUCT
        and choice.trigger.lower().startswith("hijack")
        and _VEHICLES_TAKEN.match(sentence, choice.end)
    ):
        # "began hijacking buses, trucks and cars and setting them on fire": vehicles taken, no people (ACLED:
        # looting or property destruction; a hijacking is an abduction when people are held)
        loot = _best(live, LOOT)
        choice = loot if loot is not None else _as(LOOT, choice)
    if choice is not None and choice.sub_event_type == ABDUCT and _BATTLE_CAPTIVES.search(choice.trigger):
        clash = _best(live, CLASH)
        if clash is not None:
            # "captured 128 fighters after a short exchange of fire": fighters taken in a fight are the battle's
            # (ACLED codes the abduction of civilians and the arrest by a state; combatants seized in combat are
            # the clash's outcome)
            choice = _as(CLASH, choice)
    if choice is not None and choice.sub_event_type == CLASH:
        choice = _one_armed_side(sentence, live, choice)
    if (
        choice is not None
        and choice.sub_event_type == CLASH
        and _CROWD_WEAPONS.search(sentence)
        and not _FIREARMS.search(sentence)
    ):
        # "migrants attacked the officers with stones": a crowd's stones and sticks are no armed side (ACLED: a riot;
        # a violent demonstration when the crowd was demonstrating: "some participants attacked police officers")
        demo = DEMO_WORD.search(sentence) or DEMO_WORD.search(context) or _PARTICIPANTS.search(sentence)
        choice = _as(VIOLDEM if demo else MOB, choice)
    if (
        choice is not None
        and choice.sub_event_type in (EXCESS, CLASH, ATTACK, PEACE, INTERV)
        and _violent_demonstrators(sentence)
    ):
        # (a peaceful protest is one whose participants do no violence: "demonstrators set fire to the party's
        # headquarters" is a violent demonstration whatever trigger named the crowd)
        choice = _as(VIOLDEM, choice)
    return live, choice


# a relative clause naming what an act led to ("the attack that set off the protests", "the killing which sparked
# the riots"): its object, a few words on, is another event
_CONSEQUENCE_CLAUSE = re.compile(
    r"(?:\b(?P<noun>attacks?|killings?|bombings?|massacres?|shootings?|raids?|strikes?|ambush(?:es)?|violence)\s+)?"
    r"\b(?:that|which)\s+(?:had\s+|has\s+)?(?:set\s+off|sparked|triggered|prompted|provoked|caused|led\s+to|fuell?ed"
    r"|ignited)\b",
    re.I,
)
_CONSEQUENCE_REACH = 40  # characters after the verb: the clause's object


def _no_violence_after(tagged: list[tuple[EventTypeMatch, str]], at: int) -> list[tuple[EventTypeMatch, str]]:
    """The triggers before ``at`` and the non-violent ones after it: the violence told after a cause ("in retaliation
    for"), a gathering's purpose ("to demand an inquiry into") or "days after" is another, earlier event."""
    return [(m, tag) for m, tag in tagged if m.start < at or m.event_type not in VIOLENT_TYPES]


# "The shelling comes barely a week after ...": the act already told, set beside an earlier one (the frames leave the
# sentence out as an event of its own), not an act of this sentence
_CAME_BEFORE_PHRASE = re.compile(r"\b(?:came|comes|coming|follows|followed)\b[^.;]{0,40}$", re.I)


# what a gathering is for ("to demand an inquiry into", "to protest against", "to condemn", "to mourn"): its object
# is another event
_PROTEST_PURPOSE = re.compile(
    r"\b(?:to|and)\s+(?:demand|call\s+for|protest\s+(?:against|at|over)|denounce|condemn|mourn|commemorate|remember"
    r"|honou?r)\b",
    re.I,
)


# the phrase that gives an act's cause: the violence after it is an earlier event ("in response to a call for a
# general strike" gives the strike's call, no earlier violence)
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_CAUSE_PHRASE = re.compile(
    r"\b(?:in\s+(?:retaliation|response|reply|revenge|reprisal)\s+(?:for|to)|to\s+avenge|as\s+revenge\s+for)\b", re.I
)


# what a hijacking took: vehicles, with no people named among them
_VEHICLES_TAKEN = re.compile(
    r"\s+(?:(?:a|an|the|two|three|four|five|six|several|dozens\s+of|\d+)\s+)?(?:[\w-]+\s+)?"
    r"(?:buses|bus|trucks?|lorries|lorry|cars?|vehicles?|minibuses)"
    r"(?:(?:,\s*|\s+and\s+|\s+or\s+)(?:[\w-]+\s+)?(?:buses|trucks|lorries|cars|vehicles|minibuses))*"
    r"(?!\s+(?:carrying|with|full\s+of)\s+(?:\w+\s+){0,2}?(?:passengers|people|pilgrims|students|workers))",
    re.I,
)


# the captives of an abduction trigger are combatants ("captured 128 LNA fighters", "seized two soldiers")
_BATTLE_CAPTIVES = re.compile(
    r"\b(?:fighters|soldiers|troops|militants|rebels|insurgents|militiam[ae]n|combatants|gunm[ae]n|servicem[ae]n)\b",
    re.I,
)


# Demonstrators named as a side, and violence of theirs: ACLED codes a demonstration whose participants throw stones,
# burn, loot, storm or clash as a violent demonstration, whatever force the police or the army used against it
# (excessive force is for peaceful demonstrators only, and a battle needs two armed organised sides).
_DEMONSTRATOR_NOUN = re.compile(r"\b(?:protest(?:e|o)rs?|demonstrators?|marchers|rioters)\b", re.I)
_DEMO_VIOLENCE = re.compile(
    r"\bstone-?(?:throw\w*|pelt\w*)|\b(?:threw|throw(?:ing|s)?|hurl(?:ed|ing)?|pelt(?:ed|ing)?)\s+(?:\w+\s+){0,2}?"
    r"(?:stones|rocks|bricks|bottles|petrol\s+bombs|molotov\w*|firebombs|projectiles)\b|\btorch(?:ed|ing)\b"
    r"|\bset\s+(?:fire|ablaze|alight)\b|\bburn(?:ed|ing|t)\s+(?:\w+\s+)?(?:tyres|tires|cars|vehicles|buildings)\b"
    r"|\bclash(?:es|ed|ing)?\b|\bloot(?:ed|ing)\b|\bransack\w*|\bvandali[sz]\w*|\bstormed\b|\bbarricades\b",
    re.I,
)


def _violent_demonstrators(sentence: str) -> bool:
    """The sentence names demonstrators and violence of a crowd, and no armed group beside the state's forces."""
    nouns = list(_DEMONSTRATOR_NOUN.finditer(sentence))
    if not nouns or not _DEMO_VIOLENCE.search(sentence):
        return False
    # the violence is theirs: told right before them ("stone-throwing protesters", "clashes between protesters") or
    # right after them in their own clause ("protesters who were throwing rocks", "a protester during clashes"), not
    # in another clause ("... protesters in X, where factories were set ablaze")
    theirs = any(
        _DEMO_VIOLENCE.search(sentence, max(0, n.start() - 25), n.start())
        or (v := _DEMO_VIOLENCE.search(sentence, n.end(), n.end() + 45)) is not None
        and not re.search(r"[,;:]", sentence[n.end() : v.start()])
        for n in nouns
    )
    return theirs and not any(a.kind in _NONSTATE_KINDS for a in _mentions(sentence))


# what ties an unnamed armed group to the named one it is ("fighters of the armed group known as X", "gunmen
# belonging to X"): one side, told twice
_NAMED_AS = re.compile(
    r"\s+(?:of|from|belonging\s+to|loyal\s+to|linked\s+to)\s+(?:the\s+)?|,?\s+(?:known\s+as|called|named|"
    r"calling\s+(?:itself|themselves))\s+(?:the\s+)?",
    re.I,
)


def _armed_sides(sentence: str) -> set[str]:
    """The armed sides a sentence names, an unnamed group that is the named one after it counted once."""
    armed = [a for a in _mentions(sentence) if a.kind in _ARMED_KINDS]
    sides = set()
    for i, a in enumerate(armed):
        nxt = armed[i + 1] if i + 1 < len(armed) else None
        if (
            a.canonical.startswith("Unidentified")
            and nxt is not None
            and _NAMED_AS.fullmatch(sentence, a.end, nxt.start)
        ):
            continue  # "fighters of the armed group known as X": the side is X
        sides.add(a.canonical)
    return sides


def _one_armed_side(sentence: str, live: list[EventTypeMatch], choice: EventTypeMatch) -> EventTypeMatch:
    """ACLED: a battle needs two armed organised actors. A clash word ("stormed", "raided") in a sentence that names
    one armed side and tells of it shooting or killing civilians ("gang members stormed the district and opened fire
    on residents") is violence against civilians."""
    attacks = [m for m in live if m.sub_event_type == ATTACK and _CIV_WORD.search(m.trigger)]
    if not _HARM.search(sentence):
        # a raid that carries people off and hurts no one: the abduction ("stormed a school and marched pupils into
        # the forest")
        attacks += [m for m in live if m.sub_event_type == ABDUCT and m.score >= 0.5]
    if not attacks or _FIGHT_WORDS.search(choice.trigger) or any(m.sub_event_type in _REMOTE for m in live):
        # a weapon fired from afar makes it remote violence (the report's one-sided battle rule decides)
        return choice
    armed = _armed_sides(sentence)
    if len(armed) > 1 or _ARMED_VICTIM.search(sentence, choice.end):
        return choice
    return max(attacks, key=lambda m: m.score)


# one man or a few, armed, named as the doer ("a man armed with a machete", "two gunmen")
_LONE_ARMED = re.compile(
    r"\b(?:an?|one|two|three|the)\s+(?:man|men|youths?|assailants?|attackers?|suspects?)\s+armed\s+with\b"
    r"|\b(?:an?|one|two|three|the|lone)\s+(?:gunm[ae]n|knifem[ae]n|attackers?|assailants?)\b",
    re.I,
)
_POLICE_TARGET = re.compile(r"\b(?:police|station|post|checkpoint|barracks|base|soldiers?|officers?|troops)\b", re.I)
_ARMED_MEN = re.compile(
    r"\b(?:armed\s+(?:men|members|supporters|groups?|civilians)|gunm[ae]n|fighters|militants|militiam[ae]n|snipers)\b",
    re.IGNORECASE,
)


# Words telling that someone was hurt: without them a weapon that was seized, defused or intercepted was not used.
_HARM = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|dead|died|dies|death|deaths|wound(?:ed|ing|s)?|injur(?:ed|ing|ies|y)|casualt(?:y|ies)|"
    r"lives|massacre|bodies|charred|beheaded|burn(?:ed|t)\s+alive|to\s+death|"
    r"set\s+(?:them|him|her)\s+(?:on\s+fire|alight|ablaze))\b",
    re.IGNORECASE,
)


# State forces named by their trade when the report names no country ("troops", "riot police").
_STATE_NOUN = re.compile(
    r"\b(?:police(?:m[ae]n)?|security forces|troops|soldiers|army|military|gendarmes?|gendarmerie|riot police|"
    r"authorities|national guard|paramilitar(?:y|ies)|state forces|government forces)\b",
    re.IGNORECASE,
)


# People arrested by number (not one named person whose arrest is the protest's grievance).
_CROWD_ARREST = re.compile(
    r"\b(?:arrested|detained|rounded up) (?:at least |over |more than )?(?:\d+|two|three|four|five|six|seven|eight|"
    r"nine|ten|several|some|many|dozens|scores|hundreds|a number|a few)\b|\b(?:\d+|two|three|four|five|six|seven|"
    r"eight|nine|ten|several|dozens|scores|hundreds) (?:[\w\-]+ ){0,2}?(?:were |was |have been |had been )?"
    r"(?:arrested|detained|apprehended)\b|\b(?:dozens|scores|hundreds|\d+) of arrests\b|\bmade (?:\w+ )?arrests\b"
    r"|\b(?:mass|numerous) arrests\b",
    re.IGNORECASE,
)


def _protest_with_force(
    protest: EventTypeMatch, live: list[EventTypeMatch], sentence: str, actors: Sequence[str]
) -> EventTypeMatch:
    """A protest met by a killing, recoded by ACLED's definitions: excessive force against protesters when the
    state kills, an attack on civilians when a non-state group does.
    """
    if protest.sub_event_type not in (PEACE, INTERV, EXCESS):
        return protest
    attack = _best(live, ATTACK)
    if attack is not None and attack.score >= 0.5:
        kind = _perpetrator_kind(sentence, attack.start, actors) if sentence else None
        if kind in _NONSTATE_KINDS:
            return attack
        excess = _best(live, EXCESS)
        if excess is not None and excess.score >= 0.5 and (kind is not None or _STATE_NOUN.search(sentence)):
            # "security forces stormed the sit-in, firing live ammunition and killing 35": the state's lethal force
            return _as(EXCESS, attack)
        if kind in _STATE_KINDS or (kind is None and _STATE_NOUN.search(_clause_before(sentence, attack.start))):
            return _as(EXCESS, attack)
        if kind is None and _PASSIVE_BEFORE.search(sentence, 0, attack.start) and _STATE_NOUN.search(sentence):
            # "a 19-year-old was shot dead as security forces moved against the demonstration": the state's force
            return _as(EXCESS, attack)
    loot = _best(live, LOOT)
    if (
        loot is not None
        and loot.score >= 0.5
        and _perpetrator_kind(sentence, loot.start, actors, crowd=True) not in _ARMED_KINDS
    ):
        # ACLED: demonstrators who destroy property ("protesters set fire to trucks") make a violent demonstration
        return _as(VIOLDEM, loot)
    if protest.sub_event_type == EXCESS:
        return protest
    if protest.sub_event_type in (PEACE, INTERV) and _best(live, ARREST) is not None and _CROWD_ARREST.search(sentence):
        return _as(INTERV, _best(live, ARREST))  # "26 arrested", "police arrested 2": the protest was intervened in
    return protest


def _decide(
    tagged: list[tuple[EventTypeMatch, str]], context: str, sentence: str = "", actors: Sequence[str] = ()
) -> EventTypeMatch | None:
    """ACLED's precedence rules over the live triggers of one sentence."""
    live = [m for m, _ in tagged]
    if not live:
        return None
    subs = {m.sub_event_type for m in live}
    strong = {m.sub_event_type for m in live if m.score >= 0.5}

    if CHEM in subs:
        return _best(live, CHEM)
    other = _best(live, OTHER)
    if other is not None and other.score >= 0.5:
        # ACLED: the discovery of a mass grave is its own event (Other); the killings it holds and the fighting that
        # opened the ground to investigators are earlier events
        return other
    territory = [m for m in live if m.sub_event_type in _TERRITORY_SUBS and m.score >= 0.3]
    disrupt = _best(live, DISRUPT)
    if territory and disrupt is not None and disrupt.score > max(m.score for m in territory):
        territory = []  # "an explosive device ... was seized": a weapon taken, not ground
    if territory:
        return max(territory, key=lambda m: (m.score, -m.start))
    if DISRUPT in strong and sentence and not _HARM.search(sentence) and not subs & {ARREST, ABDUCT}:
        # ACLED: a weapon seized, defused or intercepted before it hurt anyone is disrupted weapons use, whatever
        # weapon the sentence names ("recovered a cache of grenades" is no grenade attack); people detained with
        # their weapons are an arrest (or, by armed groups, an abduction) first.
        return _best(live, DISRUPT)
    arrest = _best(live, ARREST)
    if arrest is not None and arrest.score >= 0.5 and ATTACK in subs and not _HARM.search(sentence):
        return arrest  # "agents raided the home of X and took him in for questioning": the detention
    if arrest is not None and arrest.score >= 0.5 and _ARMED_DEAD_IN.search(sentence) and not subs & _REMOTE:
        # "Ten soldiers and 19 gunmen were killed when troops captured X": the arrest raid became a battle
        return _as(CLASH, arrest)
    if ARREST in strong and DISRUPT in subs and subs <= {ARREST, DISRUPT}:
        return _best(live, ARREST)  # "detained seven people, saying they had found petrol bombs": the arrest

    first = min(live, key=lambda m: m.start)
    rape = _best(live, SEXV)
    if rape is not None and rape.score >= 0.7 and _SEXUAL_ACT.search(rape.trigger) and not _HEARSAY_SV.search(sentence):
        # "a mob of men ... sexually assaulting them", "gang members gang-raped women during clashes": the act told
        # is sexual violence, whatever crowd or fighting it happened in (ACLED)
        return rape
    protest = _protest_choice(live)
    if (
        protest is not None
        and protest.sub_event_type in (PEACE, INTERV)
        and (
            (
                subs - _PROTEST_FAMILY
                and _perpetrator_kind(sentence, protest.start, actors, crowd=True) in _NONSTATE_KINDS
            )
            # "the militants had briefly blocked traffic on the road": armed men's road block is no protest
            or _nonstate_first(sentence, protest.start)
            # "Soldiers blocked the road to the hospital", "Hezbollah members blocked the entrances": a cordon by
            # armed men or the state's forces, no demonstration (ACLED: demonstrators are unarmed civilians)
            or (
                protest.trigger.lower().startswith("blocked")
                and (
                    _first_doer(sentence, protest.start) == "armed"
                    or _perpetrator_kind(sentence, protest.start, actors, crowd=True) in _ARMED_KINDS
                )
            )
        )
    ):
        # ACLED: demonstrators are unarmed; armed men blocking a road or besieging a building do something else,
        # which the sentence's other triggers tell ("gunmen blocked the highway and shot dead 23 passengers"). State
        # forces before a protest word are the ones who intervene in it ("police fired tear gas to break up a protest").
        return _decide([t for t in tagged if t[0].sub_event_type not in _PROTEST_FAMILY], context, sentence, actors)
    if (
        protest is not None
        and protest.sub_event_type == VIOLDEM
        and PEACE not in subs
        and not _DEMONSTRATORS.search(protest.trigger)
        and not _DEMO_TACTIC.search(sentence)
        and not _DEMO_TACTIC.search(context)
    ):
        # ACLED: violence by a crowd is a violent demonstration only at a demonstration (or with a demonstration's
        # tactics and demands: burning tyres, barricades, blocked roads, slogans); otherwise mob violence.
        protest = _as(MOB, protest)
    if (
        protest is not None
        and protest.sub_event_type in (VIOLDEM, MOB)
        and _perpetrator_kind(sentence, protest.start, actors, crowd=True) in _NONSTATE_KINDS - {"unidentified"}
    ):
        protest = _as(CLASH, protest)  # "Taliban militants clashed with police": an armed group's fight is a battle
    elif (
        protest is not None
        and protest.sub_event_type in (VIOLDEM, MOB)
        and _LONE_ARMED.search(sentence, max(0, protest.start - 60), protest.start)
        and _POLICE_TARGET.search(protest.trigger)
    ):
        # "a man armed with a machete attacked the police station": one armed man is no crowd; his fight with the
        # police is a battle (ACLED)
        protest = _as(CLASH, protest)
    heavy = {m.sub_event_type for m in live if m.score >= 0.8} & _REMOTE
    fight = _best(live, CLASH)
    if protest is not None and fight is not None and fight.score >= 0.8 and _ARMED_MEN.search(sentence):
        # "as the marchers passed, shots were fired from buildings and armed men returned fire": armed men fighting
        # beside a march are a battle (ACLED: two armed sides), not the march
        return fight
    if protest is not None and (
        (first.sub_event_type in _PROTEST_FAMILY and not heavy)
        or not (strong & (_REMOTE | {CLASH}))
        # "forces stormed the sit-in, firing live ammunition": lethal force named on a protest, not a battle
        or (protest.sub_event_type == EXCESS and protest.score >= 0.85 and not heavy and PEACE in subs)
    ):
        # a rally is the setting, not the event, when a grenade or a bomb goes off in it
        return _protest_with_force(protest, live, sentence, actors)

    if SEXV in strong and not any(m.sub_event_type == CLASH and _FIGHT_WORDS.search(m.trigger) for m in live):
        return _best(live, SEXV)  # "soldiers who stormed the compound raped ...": the violence is sexual
    battle = [m for m, tag in tagged if m.sub_event_type == CLASH and tag == "battle" and m.score >= 0.5]
    ground = bool(battle) or bool(context and _GROUND.search(context))
    if AIR in strong and ground and SUIC not in subs:
        # ACLED: an air strike flown in support of a ground battle is part of the battle.
        return battle[0] if battle else _as(CLASH, _best(live, AIR))
    small = [m for m, tag in tagged if m.sub_event_type == CLASH and tag == "small" and m.score >= 0.5]
    if SHELL in strong and AIR not in strong and (battle or small):
        # Shelling exchanged during ground fighting or small-arms fire is part of the battle.
        return (battle or small)[0]
    if ATTACK in subs and SEXV in subs:
        return _best(live, SEXV)
    if ABDUCT in strong and ATTACK in subs and not _HARM.search(sentence):
        return _best(live, ABDUCT)  # a raid that carries people off and kills no one is the abduction (ACLED)
    attack = _best(live, ATTACK)
    remote = [m for m in live if m.sub_event_type in _REMOTE and m.score >= 0.3]
    if any(m.score >= 0.5 for m in remote):
        remote = [m for m in remote if m.score >= 0.5]  # "threw grenades ... blasts": the named weapon, not the noise
    if attack is not None and attack.score <= 0.6 and remote:
        # "strikes hit the market, killing nine civilians": the killing is what the weapon did.
        return min(remote, key=lambda m: (_PRIORITY.index(m.sub_event_type), -m.score))

    # General precedence; weak hits ("bombed", "explosion") yield to a strong trigger of another kind.
    for sub in _PRIORITY:
        best = _best(live, sub)
        if best is None:
            continue
        if best.score < 0.45 and any(m.score >= 0.5 for m in live if m.sub_event_type != sub):
            continue
        return best
    return max(live, key=lambda m: m.score)


# Lexicon choices the model never overrides: rare in the training notes, and the triggers are unambiguous.
_SURE = _TAXONOMY.sure
# Below this probability the model defers to the lexicon (the trainer records the value it was validated with).
_MODEL_MIN_P = 0.9


# ACLED decides these by who acts, which the lexicon reads from the actors and n-grams do not: a crowd (mob violence,
# violent demonstration), state forces against protesters (excessive force), an organised armed group (attack).
_BY_WHO_ACTS = frozenset({"Violent demonstration", "Mob violence", "Excessive force against protesters", "Attack"})


def model_may_override(lexicon_sub: str, model_sub: str) -> bool:
    """Whether the learned model's sub-type may replace the lexicon's choice. Not where ACLED decides by the actors
    (who wins the ground: government regains / non-state actor overtakes; who acts: ``_BY_WHO_ACTS``), and not a
    battle into a strategic development ("clashes erupted after Rada detained the brigade's commander": the fighting
    is the event, the detention its cause)."""
    if lexicon_sub in _TERRITORY_SUBS and model_sub in _TERRITORY_SUBS:
        return False
    if lexicon_sub in _BY_WHO_ACTS and model_sub in _BY_WHO_ACTS:
        return False
    if lexicon_sub in (INTERV, EXCESS) and model_sub in (PEACE, CLASH):
        # a protest the sentence says was dispersed or fired on was not left alone, and its protesters are no side
        # of a battle (ACLED's definitions: a clash is between organised armed groups)
        return False
    return not (SUB_TO_TYPE.get(lexicon_sub) == "Battles" and SUB_TO_TYPE.get(model_sub) == "Strategic developments")


def model_features(sentence: str, live: Sequence[EventTypeMatch], choice: EventTypeMatch | None) -> list[str]:
    """The linear model's features for a sentence: its n-grams plus the lexicon's triggers and choice."""
    return text_features(sentence) + lexicon_features(
        ((m.sub_event_type, m.score) for m in live), choice.sub_event_type if choice else None
    )


def classify_sentence(sentence: str, context: str = "", actors: Sequence[str] = ()) -> EventTypeMatch | None:
    """The ACLED sub-event type a sentence codes, or None when it describes no event.

    The lexicon decides whether there is an event at all (its triggers, hedges and denials); the shipped linear model
    (warlog.extract.type_model) then picks the sub-type from the sentence's n-grams and the lexicon's cues, except
    where the lexicon is sure (chemical weapons, suicide bombs). The match keeps the lexicon's score and, where the
    lexicon found a trigger of the chosen sub-type, that trigger's span.
    """
    return classify_with_cues(sentence, context, actors)[0]


def classify_with_cues(
    sentence: str, context: str = "", actors: Sequence[str] = ()
) -> tuple[EventTypeMatch | None, list[EventTypeMatch]]:
    """``classify_sentence`` and the live lexicon triggers it chose from (the sentence-role model's cues)."""
    live, choice = lexicon_view(sentence, context, actors)
    if choice is None:
        return _proposed(sentence, live), live
    model = shipped_model()
    if model is None or choice.sub_event_type in _SURE:
        return choice, live
    sub, p = model.predict(model_features(sentence, live, choice))
    if sub == choice.sub_event_type or p < float(model.meta.get("min_p", _MODEL_MIN_P)) or sub not in SUB_TO_TYPE:
        return choice, live
    if not model_may_override(choice.sub_event_type, sub):
        return choice, live
    same = _best(live, sub)
    return (replace(same, score=choice.score) if same is not None else _as(sub, choice)), live


def _proposed(sentence: str, live: list[EventTypeMatch]) -> EventTypeMatch | None:
    """The learned proposer's sub-type for a sentence with no trigger word ("hundreds of nurses stayed away from work,
    sitting outside the ministry to demand unpaid wages"), at its threshold or above (warlog.train.proposer); None
    when it says NONE or is unsure. Not where the lexicon found a trigger and its rules (a denial, a threat, an old
    year) cancelled it."""
    model = shipped_proposer()
    if model is None or live or _raw_triggers(sentence):
        return None
    sub, p = model.predict(text_features(sentence))
    if sub not in SUB_TO_TYPE or p < float(model.meta.get("min_p", 1.0)):
        return None
    et = SUB_TO_TYPE[sub]
    return EventTypeMatch(et, sub, DISORDER_TYPE[et], "", 0, 0, PROPOSED_SCORE)


# The score of a proposed sub-type: a weak cue (below the 0.75 of an anchored incident), the role model decides.
PROPOSED_SCORE = 0.5


def is_conflict_event(sentence: str) -> bool:
    """Whether a sentence reports an ACLED event (any type), not commentary, threats or denials."""
    m = classify_sentence(sentence)
    return m is not None and m.score >= 0.35
