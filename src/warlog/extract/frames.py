"""Assemble Mentions and Claims from one report: sentences from spaCy, fields from the warlog extractors.

Each extractor (dates, counts, types, actors, places, attribution) works on plain strings; this module
decides which sentence tells an event, ties the fields found around its trigger together, folds repeats of
the same happening into one mention, and keeps aggregate tolls apart as claims.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from warlog.countries import country_iso2
from warlog.extract.acceptance import DraftView, acceptance_model, draft_signals, mention_features
from warlog.extract.actors import (
    CLAIM_OF_ATTACK,
    ActorRoles,
    acled_country_name,
    assign_roles,
    find_actors,
    forces_country,
    named_as_agent,
    one_state,
    police_of,
    state_forces,
)
from warlog.extract.attribution import find_attribution
from warlog.extract.context import (
    AIR_SUBTYPES,
    UNIDENTIFIED_AIR,
    aerial_bombing,
    civilian_toll,
    civilians_hurt,
    complete_roles,
    dateline_span,
    document_actors,
    entity_spans,
    fill_inter,
    focus_country,
    front_line_sides,
    named_countries,
    one_sided_battle,
    report_group,
    report_gunner,
    strike_blast,
    unnamed_side,
)
from warlog.extract.counts import (
    Casualties,
    aggregate_period,
    extract_casualties,
    is_aggregate_toll,
    other_sides_dead,
)
from warlog.extract.dates import DateMention, find_dates, story_shift
from warlog.extract.demonyms import country_names_at, demonym_table
from warlog.extract.numbers import parse_number
from warlog.extract.periods import dated_actor, rulers
from warlog.extract.places import (
    NON_PLACE,
    Toponym,
    directed_at,
    document_places,
    event_places,
    find_toponyms,
    measured_from,
    named_capitals,
    named_facilities,
    names_a_unit,
    national_capital,
    place_for_event,
    place_from_entry,
    resolve_toponyms,
    speaking_governments,
    stated_distance,
    stated_hierarchy,
    streets_unplaced,
    the_citys_part,
    units_read_as_villages,
    unnamed_at_distance,
)
from warlog.extract.roles import (
    CLAIM,
    EDITOR_NOTE,
    TRAILING_NOTE,
    event_threshold,
    is_furniture,
    reporting_start,
    sentence_role,
)
from warlog.extract.sentences import Sentence as _Sentence
from warlog.extract.sentences import doc_text
from warlog.extract.sentences import split_doc as split_sentences
from warlog.extract.spoken import spoken_spans
from warlog.extract.totals import is_part, one_episode, over_days, split_totals
from warlog.extract.types import (
    _ARMED_VICTIM,
    DEMO_WORD,
    EXCESS,
    INTERV,
    VIOLENT_TYPES,
    EventTypeMatch,
    classify_sentence,
    classify_with_cues,
    find_triggers,
)
from warlog.gazetteer.index import get_gazetteer
from warlog.gazetteer.names import exact_key
from warlog.geometry import haversine_km
from warlog.model import Claim, Evidence, Extraction, Mention, Place, Report
from warlog.taxonomy import taxonomy

# A news report's headline and lead tell its news (the inverted pyramid): a candidate there needs only this share of
# the role model's threshold, which was set on sentences without their place in the report.
LEAD_PRIOR = 0.5

# Events told as background more than this long before publication are left out (ACLED codes them from their
# own reports, not from today's).
BACKGROUND_DAYS = 14
STORY_BACK = 8  # sentences read back for the day a next-day report's story is on
# The role model's news negatives come from IndiaPoliceEvents, which labels police actions only: a march the police
# took no part in is "no label" there, so the model rates such sentences as commentary (a peaceful march at p(event)
# 0.09). For protests and riots its verdict weighs less (docs/training.md). Strategic developments were tried too
# and dropped: background deals and "regime leader" read as an arrest came through on FA-KES dev.
_UNLABELLED_TYPES = frozenset({"Protests", "Riots"})
UNLABELLED_PRIOR = 0.2

# A dateline such as "ALEPPO, Syria, Sept 27 (Reuters) -" or "Sun 16 Apr 2017": its date is the report's, not an
# event's.
_DATELINE = re.compile(
    r"^\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,? \d{1,2} \w+ \d{4}[^\n]{0,20}?|"
    r"[A-Z][A-Z .'\-]+(?:,\s*[A-Za-z .]+)?,\s*[A-Z][a-z]{2,8}\.? \d{1,2}(?:,? \d{4})?\s*(?:\([^)]{1,40}\))?)"
    r"\s*[-\u2013\u2014:]+\s*"
)

# Within these event types one happening is one event whatever sub-types its sentences suggest; the sub-type that
# ranks highest is coded (warlog/data/taxonomy.json "within_type").
_PRECEDENCE = taxonomy().within_type
# a plain claim of responsibility in the event's own sentence ("after Islamic State claimed responsibility for the
# attack"), not a statement of what a side's fighters did (a second telling or a party's claim of enemy losses)
_OWN_CLAIM = re.compile(rf"\b{CLAIM_OF_ATTACK}", re.I)
# an incident named again ("the attack", "the twin bombings") and the ones who did it ("the kidnappers"), in the
# sentences that say who the report's sources hold responsible
_THE_INCIDENT = (
    r"the\s+(?:[\w'\u2019-]+\s+){0,3}?(?:attacks?|bombings?|blasts?|explosions?|killings?|assault|massacre|ambush|"
    r"raids?|abductions?|kidnappings?|murders?|strikes?|shelling)"
)
_HEDGED = re.compile(
    r"\b(?:believed?|believes|thinks?|thought|suspects?|suspected|may|might|could|possibly|probably|likely)\b", re.I
)
_DOERS = r"(?:bombers?|attackers|assailants|gunm[ae]n|kidnappers|abductors|perpetrators|killers)"
_CLAIMED = re.compile(
    rf"\b{CLAIM_OF_ATTACK}|"
    # "Al-Shabaab said it was responsible", "The Islamic State group claimed it on its channels"
    r"\bsaid (?:in a statement(?: [\w' ]{1,30}?)? )?(?:that )?it (?:was|had been) (?:responsible|behind (?:it|the))\b|"
    r"\bclaimed (?:it|them)\b(?! (?:was|were|had|has|have|would|is|are)\b)|"
    r"\bclaimed (?:that )?its (?:fighters|men|members|militants|cadres) (?:had )?(?:carried out|killed|attacked|"
    r"stormed|struck|raided)\b|"
    r"\b(?:admitted|admits|accepted|accepts|assumed|assumes|took|takes) (?:full )?responsibility\b|"
    # "said in a statement (on its radio / posted online) that it had carried out the attack"
    r"\bsaid (?:in a statement(?: [\w' ]{1,30}?)? )?(?:that )?it (?:had )?(?:carried out|was behind|staged) the\b|"
    r"\bsaid (?:that )?its (?:fighters|men|members|militants|cadres) (?:had )?(?:carried (?:it|the \w+) out|"
    r"carried out the\b|were behind)|"
    # "X said on Thursday that two of its members wearing explosive belts had blown themselves up among the crowd"
    r"\bsaid\b[^.;]{0,60}?\bthat (?:[\w-]+ (?:of )?)?its (?:fighters|men|members|militants|cadres|suicide bombers|"
    r"operatives|[\"\u201c]?soldiers[\"\u201d]?|[\"\u201c]?martyrs?[\"\u201d]?)\b[^.;]{0,60}?\b(?:had )?"
    r"(?:carried out|blown themselves up|blew themselves up|detonated|stormed"
    r"|killed|attacked|struck|targeted|raided)\b|"
    # who the report's sources hold responsible (ACLED codes the blamed actor), named right after the words that
    # hold them so: "Local activists blamed the RSF", "held the RSF responsible", "blamed the attack on the Houthis",
    # "attributed the killings to the ADF", "said the attack was the work of the ELN", "the kidnappers belonged to a
    # faction of the Gulf Cartel" (not what an attack's style suggests: "bore the hallmarks of Islamic State")
    r"(?P<blame>\bblamed (?:the )?[\"\u201c]?(?:suspected |alleged )?(?=[A-Z])"
    r"|\bheld (?:the )?\S+ (?:\S+ )?responsible\b"
    rf"|\b(?:blamed|blames|blaming)\s+(?:{_THE_INCIDENT}|it|them)\s+on\b"
    rf"|\battribut(?:ed|es|ing)\s+(?:{_THE_INCIDENT}|it|them)\s+to\b"
    r"|\b(?:was|were|is|are)\s+(?:the\s+)?work\s+of\b"
    rf"|\b{_DOERS}\s+(?:(?:all|both|had)\s+)?(?:belonged|belongs|belong|were\s+members|was\s+a\s+member)\s+(?:to|of)\b)|"
    # the doer named right before: "the police inspector said the 400 Mawozo gang was behind the abduction" (not
    # "who was behind it")
    r"(?P<behind>(?<!who )(?<!whoever )\b(?:was|were)\s+behind\s+(?:the|it|this|that|these|those)\b)",
    re.I,
)
_BACKGROUND_HEADING = re.compile(
    # "Context:", "BACKGROUND AND OTHER DEVELOPMENTS (NOT NEW INCIDENTS):" heading a section
    r"(?:Context|Background|Analysis|Outlook)(?:[ \t]*|[ \t]+[^\n:.]{0,60}?)(?::|$|\n)",
    re.I,
)
# A bulletin's summary of the items it then tells one by one ("SUMMARY: ...", "HIGHLIGHTS" over bullets): the items
# are the events (each with its own day and place); the summary's words and tolls only retell them.
# A sentence that says the paragraph it opens recalls what led here, not news.
_RECAP_OPENS = re.compile(
    r"(?:[A-Z][A-Za-z.() ]{0,30}:\s*)?(?:(?:a|as\s+a)\s+(?:quick\s+|brief\s+)?reminder\b|to\s+recap\b|"
    r"(?:by\s+way\s+of|some|a\s+bit\s+of)\s+background\b|for\s+context\b|how\s+we\s+got\s+here\b"
    # the translated press's recall: "It should be recalled that ...", "We remind readers that ..."
    r"|it\s+(?:should|must|will|may|is\s+to)\s+be\s+recalled\b|it\s+is\s+worth\s+recalling\b|we\s+remind\s+(?:our\s+)?readers\b)",
    re.I,
)
# A monitor's item or paragraph it opens as not confirmed ("4. Unverified. We received reports of police firing ...",
# "Unconfirmed reports:"): reports it is still checking, not incidents it records.
_UNVERIFIED_OPENS = re.compile(
    r"(?:\d{1,2}[.)]\s+)?(?:Unverified|Unconfirmed|Not\s+(?:yet\s+)?(?:verified|confirmed))(?:\s+(?:reports?|incidents?"
    r"|information|claims?))?\s*(?:[.:\u2013\u2014]|\s-\s)",
    re.I,
)
_SUMMARY_HEADING = re.compile(
    r"^[ \t]*(?:SUMMARY|Summary|HIGHLIGHTS|Highlights|KEY POINTS|Key points|OVERVIEW|Overview|IN BRIEF|In brief)"
    r"[ \t]*(?::|$)"
    # a live blog's closing entry over bullets: "23:40 - We are ending our live coverage here. A summary of what we
    # know:"
    r"|^[ \t]*\d{1,2}[:.]\d{2}[ \t]*[-\u2013\u2014:][^\n]{0,120}?\b(?:[Aa]\s+)?(?:summary|recap)\b"
    r"[^\n:.]{0,40}:[ \t]*$",
    re.M,
)
_TIMED_LINE = re.compile(r"^[ \t]*\d{1,2}[:.]\d{2}[ \t]*[-\u2013\u2014:]", re.M)  # a live blog's entries
# What the outlet says it had told wrongly (a correction): the sentence withdraws it; the next one tells the fact.
_CORRECTION_OPENS = re.compile(r"(?:CORRECTION|Correction|CLARIFICATION|Clarification|Editor's note)\s*:")
_RETRACTED = re.compile(
    r"\b(?:we|this (?:article|story|report|page|blog)) (?:had )?(?:wrongly |incorrectly |mistakenly |erroneously )?"
    r"(?:wrote|reported|said|stated|misstated|misreported)\b|\ban? (?:earlier|previous) version of this\b",
    re.I,
)
# "It covers the period from 7 August to 11 August 2019", "covers Monday 20 to Sunday 26 May": what an update or a
# round-up reports on
_COVERS_PERIOD = re.compile(
    r"\bcover(?:s|ing|ed)?\s+(?:the\s+(?:period|days?|week)\s+(?:from|between|of)\s+|from\s+)?"
    r"([^.;()\n]{1,40}?\s+(?:to|until|and|-|\u2013)\s+[^.;()\n]{3,40}?)(?=[.;()\n]|\s+\(|$)",
    re.I,
)
_ACROSS_THE_COUNTRY = re.compile(
    r"\b(?:killed|dead|died|deaths)\b[^.;]{0,40}?\b(?:across|throughout)\s+the\s+"
    r"(?:country|nation|province|governorate|region|state|oblast|territory|territories)\b"
    r"|\b(?:killed|dead|died)\s+(?:nationwide|country-?wide)\b",
    re.I,
)
_LATE_ITEM = timedelta(days=1)  # how far before a bulletin's period an item it tells is still its news
_UNLESS_STATED = re.compile(
    r"\bunless\s+(?:otherwise\s+)?(?:stated|indicated|noted|specified|mentioned)\b"
    r"|\b(?:with|and|plus|including)\s+(?:some\s+)?earlier\s+(?:items|incidents|events|developments)\b",
    re.I,
)
_START_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:to|until|and|-|\u2013)\s", re.I)


_LEAD_CHARS = 800  # the opening of a report, where an update says what period it covers


_RECALL_DAYS = 7  # a recall this close to publication may retell the report's own incident


def _day_from_recall(drafts: list[_Draft], sentence: str, published: date | None) -> None:
    """A recall that retells the report's own undated incident with its day ("The number of martyrs of the suicide
    attack has risen to 88 ... It should be recalled that on Thursday evening a suicide bomber blew himself up"):
    the incident's day, not the day its toll was told. Only the first incident, of the same sub-type, undated."""
    if not drafts or published is None or drafts[0].dated:
        return
    first = drafts[0].mention
    match, _ = classify_with_cues(sentence)
    if match is None or match.sub_event_type != first.sub_event_type:
        return
    days = [
        d
        for d in find_dates(sentence, published)
        if d.value is not None and d.precision == 1 and 0 < (published - d.value).days <= _RECALL_DAYS
    ]
    if len(days) == 1:
        first.event_date, first.time_precision = days[0].value, 1
        drafts[0].dated = True


def _covered_period(head: str, published: date | None) -> tuple[date, date] | None:
    """The first and last days of the period a report's opening lines say it covers, if they say so."""
    m = _COVERS_PERIOD.search(head)
    line_end = head.find("\n", m.start()) if m is not None else -1
    if m is None or _UNLESS_STATED.search(head, m.start(), line_end if line_end >= 0 else len(head)):
        return None  # ("covers 26 to 31 March unless stated": an incident dated before it is told, not recalled)
    days = [d.value for d in find_dates(m.group(1), published) if d.value is not None and d.kind == "day"]
    if not days:
        return None
    end = max(days)
    if len(days) >= 2:
        return min(days), end
    first = _START_DAY.search(m.group(1))  # "Monday 20 to Sunday 26 May": the month is the end's
    if first is None or not 1 <= int(first.group(1)) <= end.day:
        return None
    return end.replace(day=int(first.group(1))), end


_NUMBERED_LINE = re.compile(r"^[ \t]*\d{1,2}[.)][ \t]+\S", re.M)
_BULLET_LINE = re.compile(r"[ \t]*[-\u2022*][ \t]+")  # (numbered lines are a bulletin's items: news)


def _section_end(text: str, end: int, alone: bool = False) -> int:
    """Where a heading stops ruling: after the bulleted lines that follow it ("BACKGROUND:" then "- On 1 September,
    ...", "- ...", blank lines between them or not), else at the end of the line it rules. A heading alone on its
    line (``alone``: "CONTEXT (not new incidents)", "OUTLOOK") titles a section: it rules every paragraph up to the
    next title line (a short line between blank lines with no closing stop) or the end of the text."""
    while end < len(text):
        nxt = end + 1
        while nxt < len(text) and text[nxt] == "\n":
            nxt += 1  # blank lines between a heading and its items, or between items
        if nxt >= len(text):
            break
        line_end = _line_end(text, nxt)
        if _BULLET_LINE.match(text, nxt) or (alone and not _subheading(text, nxt, line_end)):
            end = line_end
            continue
        break
    return end


_LABEL_LINES = 4  # the opening lines where a page's stamp and section labels stand
_LABEL_WORDS = 5  # the words of one label at most


_TOWN_FEATURES = ("city", "town", "village")
_UNIT_TOWN_KM = 30.0


def _dateline_towns(toponyms: list[Toponym], resolved: list[Place | None], filed: set[int]) -> list[Place | None]:
    """A dateline names the town the report was filed from ("SAN MIGUEL TOTOLAPAN, Gro. -"), not the municipality
    of the same name: the town, where the gazetteer holds one of that name within 30 km of the unit's point."""
    out = list(resolved)
    for i in filed:
        p = resolved[i]
        if p is None or p.feature not in ("admin2", "admin3"):
            continue
        towns = [
            e
            for e in get_gazetteer().lookup(toponyms[i].surface)
            if e.feature in _TOWN_FEATURES
            and e.iso == p.iso
            and exact_key(e.name) == exact_key(toponyms[i].surface)
            and haversine_km(e.lat, e.lon, p.latitude, p.longitude) <= _UNIT_TOWN_KM
        ]
        if towns:
            out[i] = place_from_entry(max(towns, key=lambda e: e.population), surface=toponyms[i].surface)
    return out


_TITLE_AND_STAMP = 2  # the title line and the publication stamp under it


def _opening_end(text: str) -> int:
    """Where the title line and the stamp line under it end."""
    end = 0
    for _ in range(_TITLE_AND_STAMP):
        nxt = text.find("\n", end)
        if nxt < 0:
            return len(text)
        end = nxt + 1
    return end


def _in_stamp(text: str, pos: int) -> bool:
    """The position is on a short line of the report's opening ("The Highlands Daily, 17 January 2019" under the
    title): the page's stamp, the day it was published, not a day its story tells."""
    if pos >= _opening_end(text):
        return False
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return (len(text) if end < 0 else end) - start <= _STAMP_CHARS


_STAMP_CHARS = 80  # (a title or stamp line; a body sentence on the opening lines runs longer)
_STAMP_DATE = re.compile(
    r"\b(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+(?:19|20)\d\d|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d-\d\d-\d\d)\b"
)


def stamp_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the short lines under the title that end with a full date ("Le Quotidien du Chari, 16 June
    2015"): the outlet's stamp, whose names are the outlet's, not places the story tells."""
    spans: list[tuple[int, int]] = []
    start, end = _line_end(text, 0) + 1, _opening_end(text)  # (the lines under the title)
    while start < end:
        stop = _line_end(text, start)
        date = _STAMP_DATE.search(text, start, stop)
        if stop - start <= _STAMP_CHARS and date and not text[date.end() : stop].strip(" .)"):
            spans.append((start, stop))  # (a line that ends with its date)
        start = stop + 1
    return spans


def _label_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the opening lines that are a stamp of labels cut by bars ("14 July 2021 | Explainer | Americas",
    "Published 14 October 2019 | Investigations | Yemen"): page furniture whose place names are sections."""
    spans: list[tuple[int, int]] = []
    start = 0
    for _ in range(_LABEL_LINES):
        end = _line_end(text, start)
        if _labels_only(text[start:end]):
            spans.append((start, end))
        if end >= len(text):
            break
        start = end + 1
    return spans


def _line_start(text: str, pos: int) -> int:
    """Where the line holding ``pos`` starts."""
    return text.rfind("\n", 0, pos) + 1


def _on_a_stamp_line(text: str, sent: _Sentence) -> bool:
    """The sentence lies on a line that is page furniture as a whole (a publication stamp cut in two at its bars)."""
    line = text[text.rfind("\n", 0, sent.start) + 1 : _line_end(text, sent.start)].strip()
    # (or labels cut by bars: "11 July 2022 - 14:05 | Updated 17:40 | TV News Online")
    return is_furniture(line) or _labels_only(line)


def _labels_only(line: str) -> bool:
    """The line is short labels cut by bars ("14 July 2021 | Explainer | Americas")."""
    parts = [part.strip() for part in line.strip().split("|")]
    return len(parts) >= 2 and all(len(part.split()) <= _LABEL_WORDS for part in parts)


def _line_end(text: str, start: int) -> int:
    """Where the line holding ``start`` ends (the text's end for the last line)."""
    end = text.find("\n", start)
    return len(text) if end < 0 else end


_ABOUT_SYRIA = re.compile(r"\bSyria|\bSOHR\b|\bDamascus\b|\bAleppo\b|\bIdlib\b")
_NO_CLAIM = re.compile(
    r"\b(?:no (?:[\w-]+ )?(?:group|one|organi[sz]ation|faction|party)|nobody|none|not yet"
    r"|(?:has|have|had|did)\s*n[o']t)(?:\s+\w+){0,3}\s*$",
    re.I,
)
# a sentence saying no one claimed the attack: its doer stays unidentified, whoever else the report names
_UNCLAIMED = re.compile(
    r"\b(?:no\s+(?:[\w-]+\s+)?(?:group|one|organi[sz]ation|faction|party)|nobody|none)\s+(?:has\s+|had\s+|have\s+)?"
    r"(?:yet\s+|immediately\s+|publicly\s+)?(?:claimed|said\s+(?:that\s+)?it\s+(?:had\s+)?(?:carried\s+out|was\s+behind))\b"
    r"|\b(?:has|had|have)\s+not\s+(?:yet\s+)?been\s+claimed\b"
    r"|\bwent\s+unclaimed\b",
    re.I,
)


def _told_unclaimed(sentences: list[_Sentence], index: int) -> bool:
    """The event's sentence or one of the next that go on about it (up to a new incident) says no one claimed it."""
    for k, later in enumerate(sentences[index : index + 1 + _CLAIM_NEAR], start=index):
        if k > index and _NEW_INCIDENT.match(later.text):
            return False
        if _UNCLAIMED.search(later.text):
            return True
    return False


_DENIES = re.compile(
    r"\b(?:denied|denies|rejected|rejects)\s+(?:any\s+)?(?:involvement|responsibility|the\s+accusation|"
    r"the\s+charge|the\s+claim|any\s+role|carrying\s+out)",
    re.I,
)
_DENIED_CLAIM = re.compile(
    r"\)?(?:\s*\([^)]{1,20}\))?\s+(?:did not|didn't|has not|have not|had not|never|denied|denies)\s+"
    r"(?:claim|carry|carrying|involvement|responsibility|any role)",
    re.I,
)

# A sentence that goes on about an event already told ("the strike", "those killed") adds to it.
# the nouns by which a report names an incident again ("the strike", "The attack took place in ...")
# a claim of responsibility names an attack's doer within _CLAIM_NEAR sentences after it, or up to _CLAIM_REACH when the
# claim names "the attack" again
_CLAIM_NEAR, _CLAIM_REACH = 5, 12
_INCIDENT_NOUNS = (
    r"strikes?|air ?strikes?|raids?|attacks?|bombings?|blasts?|explosions?|shelling|assault|incident|killings?"
)
_SCENE = r"\b(?:at|on)\s+the\s+(?:scene|spot)\b"  # where the incident told happened
_THE_SCENE = re.compile(_SCENE + r"(?!\s+of\b)", re.I)  # (not "at the scene of" another incident)
# a sentence that only says where the incident just told happened: "The attack took place in X", "The ambush happened
# near Y"
_TOOK_PLACE = re.compile(
    rf"(?:the|this|that)\s+(?:\w+\s+){{0,2}}?(?:{_INCIDENT_NOUNS}|ambush|massacre|clash(?:es)?|fighting)\s+"
    r"(?:took\s+place|happened|occurred|was\s+carried\s+out)\b",
    re.I,
)
_ANAPHORA = re.compile(
    rf"\b(?:the|this|that|these|those|its|their)\s+(?:\w+\s+){{0,2}}?(?:{_INCIDENT_NOUNS}|bombardment|massacres?|"
    r"blaze|rampage|siege)\b|"
    r"\b(?:of )?(?:those|the) (?:killed|dead|victims|wounded|injured)\b",
    re.I,
)
# Generic or habitual statements, not one happening.
_HABITUAL = re.compile(
    r"\b(?:ha(?:s|ve) been (?:conducting|carrying out|launching|accused)|ha(?:s|ve) repeatedly|accused of|"
    r"on a daily basis|every day|(?:almost|nearly|practically|virtually) (?:daily|nightly|every night)|"
    r"since the (?:start|beginning) of|for (?:months|weeks|years)|"
    r"(?:is|are) (?:trying|fighting|seeking) to|(?:in|over|during) recent (?:years|decades)|over the years|"
    # "has attacked Shia mosques repeatedly in Kabul ... over the past two years": a record of acts, no one act
    r"(?:over|in|during) the (?:past|last) (?:\w+ )?(?:years|months|decades?)|ha(?:s|ve) \w+ (?:\w+ ){0,5}?repeatedly|"
    # a trend, not an incident: "where fighting has intensified since the vote"
    r"ha(?:s|ve) (?:intensified|escalated|raged|persisted|flared up|spread))\b",
    re.I,
)

# "The assault came less than three weeks after a US air strike ... killed dozens": the earlier incident recalled
_CAME_AFTER = re.compile(
    r"\b(?:came|comes|coming|follows|followed)\b[^.;]{0,40}?\b(?:days?|weeks?|months?|years?)\s+after\b", re.I
)
# "The killings came hours after jihadists attacked a militia base": the act after "after" is another, earlier one
_CAME_HOURS_AFTER = re.compile(r"\b(?:came|comes|followed|follows)\b[^.;]{0,40}?\bafter\b", re.I)


def _told_after_another(sentence: str, trigger: int) -> bool:
    """The sentence's act is told after "X came (hours) after": an earlier act of its own, not more of X."""
    return _CAME_HOURS_AFTER.search(sentence, 0, trigger) is not None


_BACKGROUND = re.compile(
    r"\b(?:last|previous|past) (?:month|year|summer|winter|spring|autumn)\b|\blate last\b"
    r"|\bin recent (?:days|weeks|months)\b|\bearlier this (?:month|year)\b|\bhas become\b|\bsince (?:then|last)\b"
    rf"|{_CAME_AFTER.pattern}"
    r"|\b(?:days|weeks|months|years|a\s+(?:day|week|month|year)|(?:two|three|four|five|several|a\s+few)\s+"
    r"(?:days|weeks|months|years))\s+(?:earlier|before)\b"  # "an attack ... days earlier": told as the cause
    # a bulletin's summary of its period ("Violence escalated ... over the reporting period"): the items tell each
    r"|\b(?:over|during|in|throughout)\s+the\s+(?:reporting\s+period|period\s+(?:under\s+review|covered)"
    r"|(?:week|month)\s+under\s+review)\b",
    re.I,
)
_EARLIER_THAN_TOLD = re.compile(
    r"\b(?:(?:a|one|two|three|four|five|six|several|a\s+few)\s+)?(?:days?|weeks?|months?)\s+(?:earlier|before)\b(?!\s+\w+\s+(?:said|told))",
    re.I,
)
# "abducted by the same militants", "the attackers": the doers of the incident just told
_SAME_DOERS = re.compile(
    r"\bthe\s+same\s+(?:militants|gunmen|attackers|assailants|group|fighters|insurgents|rebels|men|militiamen)\b", re.I
)
# "A day earlier, on Monday, fighters ambushed ...", "The day before, gunmen attacked ...": a sentence opened by the
# phrase tells another incident, earlier
_OPENS_SENTENCE = re.compile(r"^\W*(?:(?:and|but|also|meanwhile)\s+)?(?:on\s+)?(?:the\s+)?$", re.I)
_YEAR = re.compile(r"\b(?:19[4-9]\d|20\d\d)\b")
# "Meanwhile ...", "Elsewhere ...", "In a separate attack ...": a new incident, not more of the one just told.
_NEW_INCIDENT = re.compile(
    r"\s*(?:meanwhile|elsewhere|separately|in (?:a |another )?separate\b|in another\b|in other\b|also on\b)", re.I
)


# a blast told as another one than the blast told before ("a second blast went off at about 1 p.m.")
_STREET_NAME = re.compile(r"\s+(?:Square|Street|St\.|Avenue|Ave\.|Boulevard|Blvd\.?|Road|Rd\.)\b")
_ANOTHER_BLAST = re.compile(
    r"\b(?:a|the)\s+(?:second|third|fourth)\s+(?:blast|explosion|bomb)\s+"
    r"(?:went\s+off|exploded|struck|hit|detonated|ripped|tore|blew)\b"
    # "Three minutes later two men on a motorcycle detonated explosives on Parliament Avenue": the twin bombing
    r"|^\W*(?:\w+|a\s+few)\s+minutes\s+later\b",
    re.I,
)
_SMALL_NUMBER = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|twenty"
)
# A deal the sentence refers to as standing ("under a deal reached ...", "as part of the truce agreed ...", "in breach
# of the ceasefire brokered by ..."): ACLED codes an agreement when it is made, not each time it is invoked.
_STANDING_DEAL = re.compile(
    r"\b(?:under|as part of|in line with|in accordance with|(?:in )?(?:breach|violation)(?:es)? of|despite)\s+"
    r"(?:an?|the|this|that|its|their)\s+(?:[\w-]+\s+){0,3}?$",
    re.I,
)
_MORE_VICTIMS = re.compile(
    r"\b(?:more|further|other|another)\s+(?:\w+\s+){0,3}?(?:were|was|have been|had been)\s+killed\b|"
    r"\b(?:more|further|other|another)\s+(?:\w+\s+){0,3}?died\b",
    re.I,
)
_ELIDED_PART = re.compile(
    rf"(?:,|;|\band\b|\bwhile\b)\s+(?:another\s+)?(?P<n>\d{{1,3}}|{_SMALL_NUMBER})\s+(?:(?:more|others?|people|civilians|"
    r"children|fighters|soldiers|militants)\s+)?(?:(?:were\s+)?killed\s+|died\s+)?(?:in|at)\s+"
    r"(?:the\s+(?:[\w-]+\s+)?(?:town|village|city|neighbou?rhood|district|suburb|area)\s+of\s+)?$",
    re.I,
)


def _elided_places(
    sent: _Sentence, toponyms: list[Toponym], resolved: list[Place | None], published: date | None = None
) -> list[tuple[Place, int, DateMention | None]]:
    """The further places of a sentence that gives each its own figure by ellipsis ("... killed in the town of Saqba
    and one in the town of Harasta", "eight in Douma, three in Arbin"), with that figure and the day the part names
    for itself, if any ("two were shot dead in Hamdallaye on Thursday and three more in Wanindara on Friday")."""
    out: list[tuple[Place, int, DateMention | None]] = []
    for t, p in zip(toponyms, resolved, strict=True):
        if p is None:
            continue
        before = sent.text[max(0, t.start - sent.start - 80) : t.start - sent.start]
        m = _ELIDED_PART.search(before)
        n = parse_number(m.group("n")) if m else None
        if n is not None and n > 0:
            rest = sent.text[t.end - sent.start :]
            stop = _PART_ENDS.search(rest)
            days = _days_named(rest[: stop.start() if stop else len(rest)], published) if published else []
            out.append((p, n, days[0] if len(days) == 1 else None))
    return out


# where the figure's part of an elided list ends: the next member or the sentence's next clause
_PART_ENDS = re.compile(r"[,;:(]|\s(?:and|while|but|as|after|before|when)\s", re.I)


_HAVE = frozenset({"has", "have", "had", "'ve", "’ve", "'d", "’d"})  # the perfect's auxiliary (no lemmatizer is loaded)


def _token_at(doc: Any, char: int) -> Any:
    """The token of the document at a character offset (None past its end)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand") if 0 <= char < len(doc_text(doc)) else None
    return span[0] if span is not None and len(span) else None


# nouns of an area or a settlement a relative clause may tell the history of
_AREA_NOUNS = frozenset(
    {"area", "zone", "region", "town", "city", "village", "district", "neighbourhood", "neighborhood", "province",
     "camp", "territory", "enclave", "strip", "coast", "border", "valley", "state", "county", "municipality",
     "peninsula", "island", "country", "capital"}
)  # fmt: skip


# a toll laid on one incident the sentence places: "killed ... in the strike on al-Mawasi", "wounded in an attack at"
_TOLL_OF_THE_INCIDENT = re.compile(
    r"\b(?:killed|wounded|injured|dead|died)\b[^.;]{0,60}?\b(?:in|by)\s+(?:the|an?|this|that|[\w-]+['\u2019]s)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:strike|air\s*strike|attack|bombing|blast|explosion|raid|shelling|ambush|massacre|assault)"
    r"\s+(?:on|in|at|near|against)\s+(?:the\s+)?$",
    re.I,
)


def _toll_of_a_placed_incident(
    sent: _Sentence, toponyms: list[Toponym], resolved: list[Place | None], filed: set[int]
) -> bool:
    """The sentence lays its toll on one incident it places ("at least 71 people were killed and 289 wounded in the
    strike on al-Mawasi"): a resolved place below a province right after the incident's noun."""
    for i, tp in enumerate(toponyms):
        if not (sent.start <= tp.start < sent.end) or i in filed:
            continue
        p = resolved[i]
        if p is None or p.feature in ("country", "admin1", "region", "continent"):
            continue
        if _TOLL_OF_THE_INCIDENT.search(sent.text[: tp.start - sent.start]) and not is_aggregate_toll(sent.text):
            return True
    return False


_STRUCK_VERBS = frozenset({"struck", "hit", "pounded", "bombarded", "bombed", "targeted"})
_FORCE_NOUNS = frozenset({"forces", "troops", "military", "army", "navy", "air", "armed"})
_AIRCRAFT_NOUNS = frozenset({"aircraft", "jets", "warplanes", "planes", "helicopters", "drones", "bombers"})
_MISSILE_WORDS = re.compile(
    r"\b(?:missiles?|rockets?|artillery|shell(?:s|ing|ed)?|Iskander|ATACMS|HIMARS|howitzers?)\b", re.I
)
_AIR_WORDS = re.compile(
    r"\b(?:air\s*strikes?|warplanes?|jets?|aircraft|drones?|helicopters?|air\s+raids?|bombers?|sorties)\b", re.I
)


def _state_struck(doc: Any, sent: _Sentence, text: str) -> EventTypeMatch | None:
    """A state, or a nation's aircraft, that "struck" a target ("Ukraine struck the Dzhankoi military airfield",
    "Israel struck targets in southern Lebanon", "Malian aircraft later struck a column"): a remote strike, by
    missiles and artillery where the sentence and the lines after it speak of them more than of aircraft and drones
    (never for aircraft), else from the air (ACLED codes the weapon the report tells; a state striking far behind a
    front most often does so from the air)."""
    span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return None
    for tok in span:
        if tok.lower_ not in _STRUCK_VERBS or tok.tag_ not in ("VBD", "VBN", "VBZ"):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or not any(c.dep_ == "dobj" for c in tok.children):
            continue
        phrase = doc[subj.left_edge.i : subj.i + 1].text
        state = bool(country_names_at(subj.text)) and subj.ent_type_ == "GPE"
        forces = subj.lower_ in _FORCE_NOUNS and bool(named_countries(phrase))
        flying = subj.lower_ in _AIRCRAFT_NOUNS and bool(named_countries(phrase))  # "Malian aircraft later struck"
        if not (state or forces or flying):
            continue
        near = text[sent.start : min(len(text), sent.end + 400)]  # the sentence and what follows it
        missiles, air = len(_MISSILE_WORDS.findall(near)), len(_AIR_WORDS.findall(near))
        sub = "Shelling/artillery/missile attack" if missiles > air and not flying else "Air/drone strike"
        at = tok.idx - sent.start
        return EventTypeMatch("Explosions/Remote violence", sub, "Political violence", tok.text, at, at + len(tok.text),
                              0.75)  # fmt: skip
    return None


def _relative_clauses(doc: Any, start: int, end: int, on: Callable[[Any], bool], longest: int) -> list[tuple[int, int]]:
    """The sentence's relative clauses of at most ``longest`` tokens whose verb ``on`` accepts (character spans,
    sentence-relative)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [
        (max(0, tok.left_edge.idx - start), tok.right_edge.idx + len(tok.right_edge.text) - start)
        for tok in span
        if tok.dep_ == "relcl" and tok.right_edge.i - tok.left_edge.i <= longest and on(tok)
    ]


def _place_history(doc: Any, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence's relative clauses on a place (character spans, sentence-relative):
    "al-Mawasi, the coastal area that Israel designated as a humanitarian zone in October", "northern Crimea, the
    peninsula that Russia annexed in 2014" tell the place's history, not the act's day or year. A clause opened by
    "where" or "when" ("Juliaca, where police fired on demonstrators on Monday") tells what happened there: kept."""
    return _relative_clauses(
        doc,
        start,
        end,
        lambda tok: (
            (tok.head.ent_type_ in ("GPE", "LOC", "FAC") or tok.head.lower_ in _AREA_NOUNS)
            and not any(c.lower_ in ("where", "when") for c in (tok.left_edge, *tok.children))
            and tok.left_edge.lower_ in ("that", "which")  # a relative clause by its pronoun, not a misparse
        ),
        20,
    )


_DATED_APPOSITION = re.compile(
    r",\s+(?:the|a|an)\s+(?:[\w'-]+\s+){1,4}?(?:executed|killed|jailed|convicted|sentenced|arrested|detained|"
    r"assassinated|kidnapped|abducted|hanged)\s+(?:last\s+(?:week|month|year)|in\s+(?:19|20)\d\d|\w+\s+(?:years|months)"
    r"\s+ago)\b[^,.;]{0,80},"
)


def _person_history(doc: Any, start: int, end: int) -> list[tuple[int, int]]:
    """A clause with a day of its own on a person named in apposition ("supporters of Mumtaz Qadri, the former police
    guard executed last month for assassinating the governor"): who the person is, not an act of this sentence."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    # (read from the words too, where the parse takes the participle for the verb: ", the former guard executed
    # last month for killing a governor, remained camped")
    out = [m.span() for m in _DATED_APPOSITION.finditer(doc_text(doc), start, end)]
    out = [(a - start, b - start) for a, b in out]
    for tok in span:
        if (
            tok.dep_ in ("acl", "relcl")
            and (tok.head.ent_type_ == "PERSON" or (tok.head.dep_ == "appos" and tok.head.head.ent_type_ == "PERSON"))
            and any(c.ent_type_ == "DATE" for c in tok.subtree)
            and not any(c.lower_ in ("where", "when") for c in (tok.left_edge, *tok.children))
            and tok.right_edge.i - tok.left_edge.i <= 20
        ):
            a = tok.left_edge.idx - start
            b = tok.right_edge.idx + len(tok.right_edge.text) - start
            out.append((max(0, a), b))
    return out


def _group_history(doc: Any, start: int, end: int, published: date | None) -> list[tuple[int, int]]:
    """A relative clause on a group or a people with a day more than a week before the report ("the Taliban, who took
    control of Kabul on Aug. 15 and have been manning checkpoints"): who the group is, not an act of this sentence
    (a recent day is often the news itself: "the militants, who stormed the base on Sunday, ...")."""
    if published is None:
        return []
    text = doc_text(doc)
    return [
        (a, b)
        for a, b in _relative_clauses(
            doc,
            start,
            end,
            lambda tok: (
                (tok.head.ent_type_ in ("ORG", "NORP") or tok.head.lower_ in _GROUP_NOUNS)
                and tok.left_edge.lower_ in ("who", "which", "that")
            ),
            25,
        )
        if any(
            d.value is not None and (published - d.value).days > _GROUP_HISTORY_DAYS
            for d in find_dates(text[start + a : start + b], published)
        )
    ]


_GROUP_HISTORY_DAYS = 7
_GROUP_NOUNS = frozenset(
    "militants rebels insurgents jihadists fighters militia militias movement group faction army forces".split()
)


def _strikes_back(told: Mention, new: Mention) -> bool:
    """The new act is the other side's answer to the incident just told ("Malian aircraft later struck a column of the
    retreating fighters" after the jihadists' attack on the camp): another sub-type whose doer is the side attacked
    before, an event of its own (ACLED codes each side's act)."""
    return (
        new.sub_event_type != told.sub_event_type
        and bool(new.actor1)
        and new.actor1 == told.actor2
        and "Civilians" not in (new.actor1 or "")
    )


# a toll given, raised or revised by someone: its day is the counting's, not the incident's
_COUNT_GIVEN = re.compile(
    r"\b(?:put|puts|putting|raised|raises|revised|revises|updated|updates|gave|gives|set|sets|brought|brings|"
    r"lowered|lowers)\s+(?:the|its|their|his|her)\s+(?:(?:death|casualty)\s+)?(?:number|toll|figure|count)"
    r"(?:\s+of\s+(?:the\s+)?(?:dead|deaths|victims|killed))?\s+(?:at|to)\b",
    re.I,
)
# what an act answers, told after it ("were a reply to the sabotage of ... on Sunday", "in retaliation for")
_IN_REPLY_TO = re.compile(r"\b(?:(?:a|an|in)\s+)?(?:reply|response|retaliation|revenge|reprisal)\s+(?:to|for)\b", re.I)


def _dates_of_the_act(dates: list[DateMention], history: list[tuple[int, int]]) -> list[DateMention]:
    """The sentence's dates less those inside a place's history (`_place_history`)."""
    return [d for d in dates if not any(a <= d.start < b for a, b in history)]


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans blanked (same length)."""
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


# present-tense verbs of telling whose object is an incident told as having happened ("Palestinian media report a
# large strike on ...", "witnesses describe heavy shelling of the market")
_TELLS_NOW = frozenset(
    {"report", "reports", "describe", "describes", "confirm", "confirms", "show", "shows", "claim", "claims"}
)


_REPORTS_OF = frozenset({"reports", "report", "accounts", "account", "word", "news", "footage", "images", "videos"})


def _nothing_happened(doc: Any, start: int, end: int, trigger: int | None = None) -> bool:
    """The sentence tells no happening: it has a finite present-tense verb and no past or perfect one ("The
    offensive is carried out by ...", "The blast puts the deal in doubt"). ACLED codes incidents that took place;
    a state, an ongoing campaign, a consequence or a forecast told in the present is none (headlines, in the present
    by convention, are not asked). An incident that is the object of a present verb of telling (at ``trigger``, a
    character offset of the document) is a happening told by a source, as "reported" would tell it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    trigger_tok = None
    if trigger is not None:
        at = _token_at(doc, trigger)
        while at is not None and at.dep_ in ("compound", "amod") and at.head.i != at.i:
            at = at.head  # ("drone" of "a drone strike")
        if at is not None and at.dep_ == "dobj" and at.head.lower_ in _TELLS_NOW and at.head.tag_ in ("VBZ", "VBP"):
            return False
        if at is not None and at.dep_ == "pobj" and at.head.lower_ == "of" and at.head.head.lower_ in _REPORTS_OF:
            return False  # "we are also getting reports of a peaceful march in Port Sudan": a happening told
        trigger_tok = at
    present = past = False
    for tok in span:
        if (
            trigger_tok is not None
            and tok.i == trigger_tok.i
            and tok.tag_ in ("VBZ", "VBP")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        ):
            continue  # a telegram's "Missile strikes on the X district around 04:30.": the trigger noun read as a verb
        if tok.tag_ == "VBD":
            past = True
        elif tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in _HAVE for c in tok.children):
            past = True
        elif tok.tag_ in ("VBZ", "VBP") and tok.dep_ in ("ROOT", "conj", "ccomp", "auxpass", "aux"):
            present = True
    return present and not past


# An inquiry or an anniversary-free follow-up tells an incident up to this long after it (a UN report published 14
# months after a massacre); older days are history.
LATE_REPORT_DAYS = 731


def _news_day_told(
    dates: list[DateMention], news_day: date | None, published: date, lead: bool, sentence: str = ""
) -> bool:
    """A sentence naming an earlier year still tells the report's incident when it gives a day of it: near the news
    day already told, or, in the lead before any event, a full calendar day within LATE_REPORT_DAYS of publication
    ("troops arrived on March 27, 2022" in a report of May 2023)."""
    for d in dates:
        if d.value is None or d.kind not in ("day", "month", "range", "weekday"):
            continue  # ("on Monday" counts: a weekday names a day of the week before publication)
        if d.kind == "weekday" and sentence and _report_date(d, sentence):
            continue  # "a rights group said in a report published on Monday": the telling's day
        if news_day is not None and abs((d.value - news_day).days) <= BACKGROUND_DAYS:
            return True
        if lead and news_day is None and d.precision == 1 and 0 <= (published - d.value).days <= LATE_REPORT_DAYS:
            return True
    return False


_LEAD_SENTENCES = 6  # sentences of a report's lead read for what it says of itself
_INVESTIGATION_DAYS = 120  # how far back an investigation's incident may lie
_YEAR_BACK_DAYS = 550  # ... when it says it comes a year after (about: "a year after" may be 14 months)
# what an investigation or a reconstruction says of itself in its lead
_GOES_BACK = re.compile(
    r"\b(?:(?:this|our)\s+(?:investigation|inquiry|reconstruction)|reconstruct(?:s|ed|ing)?|what\s+happened\s+(?:on|that)"
    r"|this\s+(?:report|account|article|story|piece)\s+(?:is\s+based|draws)\s+on"
    # a rights group's report on past weeks: "This report documents a wave of attacks ...", "It is based on 47
    # interviews"
    r"|this\s+report\s+(?:documents|sets\s+out|describes|examines)|\bbased\s+on\s+(?:\d+\s+|[a-z]+\s+)?interviews"
    # a rights group's research report: "... according to new research published today by Rights Monitor"
    r"|\bnew\s+(?:research|report|findings|evidence)\s+(?:published|released|issued)\b"
    r"|(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+(?:weeks|months)\s+(?:after|on|since|later)\b"
    r"|\b(?:a|one)\s+(?:year|month)\s+(?:after|on|since)\b"
    # "... today publishes its findings on the attack": a rights group's findings on past weeks
    r"|\bpublish(?:es|ed|ing)?\s+(?:its|our|their|the)\s+(?:findings|investigation|report)\b)",
    re.I,
)


# (a digest's "what the local channels were saying on Friday 1 July": the one day its entries tell)
_COVERS_DAY = re.compile(
    r"\b(?:cover(?:s|ing|ed)?|(?:were|was)\s+(?:saying|reporting|posting|writing)\s+on)\s+(?!the\s+period\b)"
    r"([^.;:()\n]{3,40})",
    re.I,
)


_THAT_WEEKDAY = re.compile(r"\bthat\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _named_weekday(told: list[_Sentence], weekday: str, published: date | None, before: int) -> date | None:
    """The last calendar day of that weekday the sentences name before ``before`` (a text offset)."""
    want = _WEEKDAYS.index(weekday.lower())
    found = None
    for s in told:
        cut = s.text[: max(0, before - s.start)] if s.start < before else ""
        for d in find_dates(cut, published):
            if d.value is not None and d.precision == 1 and d.kind != "weekday" and d.value.weekday() == want:
                found = d.value
    return found


def _days_before(sentence: str, published: date | None, news_day: date) -> bool:
    """The sentence names a day in the fortnight up to the incident a report published long after is about."""
    return any(
        d.value is not None and d.precision == 1 and 0 <= (news_day - d.value).days <= BACKGROUND_DAYS
        for d in find_dates(sentence, published)
    )


def _covered_day(head: str, published: date | None) -> date | None:
    """The one day a daily bulletin's opening lines say it covers ("covering Sunday 13 April"), if they say so."""
    m = _COVERS_DAY.search(head)
    if m is None:
        return None
    days = [d for d in find_dates(m.group(1), published) if d.value is not None and d.precision == 1]
    return days[0].value if len(days) == 1 else None


def _heading_place(
    text: str, start: int, toponyms: list[Toponym], resolved: list[Place | None], filed: set[int]
) -> bool:
    """The sentence is in a bulletin item whose heading names a place finer than a province."""
    item, end = _item_span(text, start)
    if item is None:
        return False
    named = _item_place(toponyms, resolved, filed, item, end, text)
    return named is not None and _in_item_heading(text, item, toponyms, resolved, named)


# what a report about crowds' violence calls it (its headline or lead)
_UNREST_WORDS = re.compile(
    r"\b(?:unrest|riot(?:s|ing|ers)?|public\s+violence|looters|looting\s+spree|civil\s+disorder|disturbances)\b", re.I
)
# a killing told as happening in the riot ("shot and killed by private security officers during looting at a shopping
# centre"): ACLED codes the riot, with the force that fired as its other side
# deaths told with no one named as their doer ("four people were killed", "ten bodies were found")
_NO_DOER_DEATHS = re.compile(
    r"\b(?:were|was|have\s+been|had\s+been)\s+(?:\w+\s+)?killed\b(?!\s+(?:by|when|in\s+an?\s))"
    r"|\bbodies\s+(?:were|have\s+been|had\s+been)\s+(?:found|recovered)\b",
    re.I,
)
_DURING_LOOTING = re.compile(
    r"[^.;]{0,60}?\b(?:during|amid|in\s+the\s+course\s+of)\s+(?:the\s+)?[\"\u201c]?(?:looting|riots?|rioting|unrest"
    r"|disturbances)\b",
    re.I,
)
_FOUR_DIGITS = re.compile(r"\b\d{4}\b")


def _in_the_news_year(d: DateMention, news_day: date) -> DateMention:
    """A day and month without a year, in a report that goes back over an incident of last year ("For five days,
    until Thursday 31 March" after "Sunday 27 March 2022"): the year that puts it near that incident."""
    if d.value is None or d.kind != "day" or _FOUR_DIGITS.search(d.text):
        return d
    if abs((d.value - news_day).days) <= BACKGROUND_DAYS:
        return d
    for year in (news_day.year, news_day.year + 1, news_day.year - 1):
        try:
            moved = d.value.replace(year=year)
        except ValueError:  # (29 February)
            continue
        if abs((moved - news_day).days) <= BACKGROUND_DAYS:
            return replace(d, value=moved)
    return d


def _calendar_date(d: DateMention) -> bool:
    """The date phrase names the calendar (a month, with or without its day and year), not a day counted from the
    telling ("on Tuesday", "yesterday", "last week")."""
    return not d.relative or d.kind in ("day", "month", "range")


_PROVINCE_WORD = re.compile(
    r"^\W*(?:province|state|region|governorate|county|district|oblast|prefecture|department)\b", re.I
)


def _settlements(text: str, start: int, here: list[tuple[Toponym, Place | None]]) -> list[str]:
    """The places finer than a province a sentence names (resolved or not): a toll at one of them may be one
    episode there."""
    out = []
    for t, p in here:
        if p is not None:
            if not _coarse(p):
                out.append(p.gazetteer_id or p.location)
            continue
        after = text[t.end - start : t.end - start + 20]
        if not _PROVINCE_WORD.search(t.surface.split()[-1]) and not _PROVINCE_WORD.match(after):
            out.append(t.surface)
    return out


def _old_year(sentence: str, published: date) -> bool:
    """The sentence is about an earlier year ("since early 2011", "in 2013"), i.e. background. (In January last
    year's December is still news: only the years before it are.)"""
    latest = published.year - 1 if published.month == 1 else published.year
    return any(int(y) < latest for y in _YEAR.findall(sentence))


def _old_toll(sentence: str, published: date) -> bool:
    """A toll sentence about an earlier year; a record the incident set ("killed in the attack, the deadliest in the
    country since the insurgency began in 2015") is no telling of that year (a record clause that gives the past
    incident's own toll, "since a truck bomb killed more than 500 in 2017", keeps it: the figure is that one's)."""
    kept = _RECORD_SINCE.sub(lambda m: m.group(0) if _TOLL_FOLLOWUP.search(m.group(0)) else " ", sentence)
    return _old_year(kept, published)


# a record the incident set ("the deadliest in the country since the insurgency began in 2015"): a comparison with
# the past, not a telling of it
_RECORD_SINCE = re.compile(
    r"\b(?:the\s+)?(?:deadliest|worst|bloodiest|largest|biggest|heaviest|most\s+\w+)\b[^.;]{0,60}?\bsince\b[^.;]*",
    re.I,
)


_TOLL_UPDATE = re.compile(
    r"\b(?:rose|risen|rising|rises|climbed|climbs|increased|jumped|mounted|reached|new|updated|revised|now\s+stands)\b",
    re.I,
)
_UPDATED = re.compile(_TOLL_UPDATE.pattern + r"|\bnow\s+(?:says?|puts?|reports?|gives?|counts?)\b", re.I)
_OTHER_ACCOUNT = re.compile(
    r"\b(?:put|puts|putting|gave|gives|placed)\s+(?:the|a|their|its)\s+(?:death\s+)?toll\s+(?:far\s+|much\s+|even\s+|"
    r"considerably\s+|significantly\s+)?(?:higher|lower)|\b(?:a\s+)?(?:far\s+|much\s+)?(?:higher|lower)\s+(?:death\s+)?toll"
    r"|\bother sources\b|\bdisputed\b|\bcontradict"
    # a second group of people telling their own count: "Residents told aid workers that more than 60 were dead"
    r"|^\W*(?:(?:local\s+)?residents|witnesses|survivors|relatives|villagers|activists|locals|medics|doctors|rescuers)"
    r"\s+(?:told|said|say|reported|put)\b",
    re.I,
)
_TOLL_FOLLOWUP = re.compile(
    r"\b(toll|killed|dead|died|deaths|wounded|injured|injuries|hurt|hospitali[sz]ed|casualt|bodies|lives)\b", re.I
)


def _toll_carrier(drafts: list[_Draft]) -> _Draft | None:
    """The draft a toll with no trigger of its own belongs to: the last one told, or, when that one is a development
    that kills no one (a protest, arrests, reinforcements sent), the violent one told just before it."""
    last = drafts[-1]
    if last.mention.sub_event_type not in _NO_DEATH_SUBS or last.mention.sub_event_type == INTERV:
        return last  # (a protest intervened in, whose dead make it excessive force: see the caller)
    return next(
        (
            d
            for d in reversed(drafts[:-1])
            if last.sentence_index - d.sentence_index <= 2 and d.mention.sub_event_type not in _NO_DEATH_SUBS
        ),
        None,
    )


@dataclass
class _Draft:
    """A mention being built, with what is needed to merge it with repeats."""

    mention: Mention
    casualties: Casualties
    sentence_index: int
    attributions: set[str] = field(default_factory=set)
    dated: bool = True  # the sentence gave its own day
    own_place: bool = True  # the sentence named a precise place of its own
    from_title: bool = False
    named_place: bool = True  # the sentence named any place of its own (a province counts)
    new_incident: bool = False  # the sentence opens with "Meanwhile", "Elsewhere", "In a separate attack"
    told_day: bool = False  # dated only by the day a source told it ("rebels said on Monday they had taken ...")
    episode: bool = False  # one bounded episode at one place told with its whole toll ("over five days ... 500")
    narrative: bool = False  # dated by the day the sentences just before told, no incident told before it
    item: int | None = None  # where the numbered item of a bulletin it is told in opens ("3. JISR AL-SHUGHUR - ...")
    signals: dict[str, float] = field(default_factory=dict)  # how its sentence was read (acceptance.draft_signals)
    told_place: bool = False  # placed by the incident it goes on about (a place the story gave it, not a guess)

    def flags(self) -> dict[str, bool]:
        """What the frames learned of its telling, as the acceptance model reads it."""
        return {
            "dated": self.dated,
            "own_place": self.own_place,
            "named_place": self.named_place,
            "new_incident": self.new_incident,
            "told_day": self.told_day,
            "episode": self.episode,
            "narrative": self.narrative,
            "item": self.item is not None,
            "attributions": bool(self.attributions),
        }


def _within(earlier: Mention, later: Mention) -> bool:
    """The later telling's day is the earlier's, or falls in the month the earlier gives only to the month ("in late
    March", then "on March 27")."""
    a, b = earlier.event_date, later.event_date
    if a is None or b is None or a == b:
        return a == b
    return earlier.time_precision == 3 and later.time_precision == 1 and (a.year, a.month) == (b.year, b.month)


def _no_other_place(
    sent: _Sentence, toponyms: list[Toponym], resolved: list[Place | None], place: Place | None
) -> bool:
    """The sentence names no resolved place but the one given (nor any place when none is given)."""
    return all(
        p is None or (place is not None and p.location == place.location)
        for t, p in zip(toponyms, resolved, strict=True)
        if sent.start <= t.start < sent.end
    )


def _first_day(last: _Draft, sent: _Sentence, published: date | None) -> None:
    """A sentence that refers back to an episode dated only by its month and gives a day inside it dates it; so
    does one that gives the days of an incident told with no day of its own, or only the day a source spoke ("184
    were killed ..., the UN said on Monday" then "The killings began on Friday evening and went on through
    Saturday": Friday, a range of days when it names more than one)."""
    m = last.mention
    if (
        m.event_date is not None
        and (m.time_precision == 1 or (m.time_precision == 2 and not last.dated))  # (undated: the report's week)
        and (
            not last.dated
            or last.told_day
            # dated by the day of publication, the next sentence opening on the incident ("The killings began ...")
            or (m.event_date == published and _ANAPHORA.match(sent.text.lstrip()) is not None)
        )
    ):
        told = sorted(
            {
                d.value
                for d in find_dates(sent.text, published)
                if d.value is not None and d.precision == 1 and 0 < (m.event_date - d.value).days <= 7
            }
        )
        if told:
            m.event_date, m.time_precision, last.dated = told[0], 1 if len(told) == 1 else 2, True
            last.told_day = False
            m.evidence.append(Evidence(sent.text, sent.start, sent.end))
        return
    if m.time_precision != 3 or m.event_date is None:
        return
    month = (m.event_date.year, m.event_date.month)
    days = [d.value for d in find_dates(sent.text, published) if d.value is not None and d.precision == 1]
    days = [d for d in days if (d.year, d.month) == month]
    if days:
        m.event_date, m.time_precision, last.dated = min(days), 1, True
        m.evidence.append(Evidence(sent.text, sent.start, sent.end))


def _gives_its_day(last: _Draft, match: EventTypeMatch, text: str, published: date | None) -> bool:
    """The sentence tells the same kind of event on a day inside the month the last event was dated to: it gives
    that episode's (first) day ("over five days in late March" ... "troops arrived on March 27, 2022")."""
    m = last.mention
    if m.time_precision != 3 or m.event_date is None or match.event_type != m.event_type:
        return False
    month = (m.event_date.year, m.event_date.month)
    return any(
        d.value is not None and d.precision == 1 and (d.value.year, d.value.month) == month
        for d in find_dates(text, published)
    )


_DEFINITE = frozenset({"the", "its", "their", "this", "that", "these", "those", "his", "her"})
# Nouns a definite phrase uses with a name of its own ("the village of Kauran"): no reference back by themselves.
_NAMED_WITH = frozenset(
    "village villages town towns city cities area areas district districts province region state neighbourhood"
    " neighborhood camp country capital government year month week day time".split()
)


def _told_just_before(drafts: list[_Draft], index: int, doc: Any, sentences: list[_Sentence]) -> _Draft | None:
    """The incident the sentence before told or spoke of ("The bombings came as ..."): the last event when it came
    from that sentence, else the event that sentence refers back to by a definite noun."""
    if drafts[-1].sentence_index == index - 1:
        return drafts[-1]
    if index < 1:
        return None
    prev = sentences[index - 1]
    # the incident of the kind the sentence before names ("The bombings came as ...", "the strike"), not another
    # one whose sentence happened to use the noun ("arrested 11 people in connection with the bombings")
    kinds = {t.event_type for t in find_triggers(prev.text)}
    came = _SUBJECT_OF_CAME.match(prev.text) is not None
    return next(
        (
            d
            for d in reversed(drafts)
            if d.mention.evidence
            and (not kinds or d.mention.event_type in kinds)
            and (came or _refers_back(doc, prev.start, prev.end, d.mention.evidence[0].text))
        ),
        None,
    )


def _item_heading_day(text: str, start: int, published: date | None, skip_before: int) -> DateMention | None:
    """The last day named in a bulletin's or live blog's item before ``start`` (the item's heading, "3. JIRIBAM -
    hills near Nungchappi, 7 September."), or None outside an item or when it names none."""
    item, limit = _item_span(text, start)
    if item is None or item >= start or item < skip_before:
        return None
    days = [d for d in find_dates(text[item:limit], published) if d.value is not None and d.precision <= 2]
    calendar = [d for d in days if _MONTH_WORD.search(d.text)]
    # (a day counted from the telling after the heading's own calendar day, "2 March - ... strikes overnight",
    # counts from the publication a month on: the heading's day dates the item)
    return (calendar or days)[-1] if days else None


def _day_headings(text: str, published: date | None, skip_before: int) -> list[tuple[int, DateMention]]:
    """Lines that are only a day ("Wednesday 5 January", "Thursday, 6 January 2022:"), heading a live blog's or a
    chronology's entries: (line start, the day), in text order."""
    out: list[tuple[int, DateMention]] = []
    opening = _opening_end(text)  # (the page's date stamp under the title heads no entries)
    for m in _SHORT_LINE.finditer(text, max(skip_before, opening)):
        line = m.group(1)
        days = _days_named(line, published)
        if (
            len(days) == 1
            and not re.sub(r"[\W_]", "", line[: days[0].start] + line[days[0].end :])
            and (published is None or days[0].value <= published)
        ):
            out.append((m.start(), days[0]))
    return out


def _lead_days(text: str, published: date | None, skip_before: int) -> list[tuple[int, int, DateMention]]:
    """Paragraphs of a chronology opened by their day, run into their first sentence ("Tuesday 23 April. Shortly
    after 5 a.m. soldiers moved in ...", "Friday 26 April: the gunmen withdrew ...", a monitor's entries "2 March —
    Shabwah and Abyan. U.S. aircraft ..."): (paragraph start, its end, the
    day), in text order. The day dates what the paragraph tells that names no day of its own."""
    out = []
    for m in _DAY_LEAD.finditer(text, max(skip_before, _opening_end(text))):
        days = _days_named(m.group(1), published)
        if len(days) == 1 and (published is None or days[0].value <= published):
            end = text.find("\n", m.end())
            out.append((m.start(), end if end >= 0 else len(text), days[0]))
    return out


_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DAY_LEAD = re.compile(
    rf"(?m)^[ \t]*((?:{_WEEKDAY},?[ \t]+)?(?:\d{{1,2}}[ \t]+[A-Z][a-z]+|[A-Z][a-z]+[ \t]+\d{{1,2}})"
    r"(?:,?[ \t]+\d{4})?)"
    r"[ \t]*[.:\u2013\u2014-][ \t]+(?=[A-Z])"
)


def _opens_entry(text: str, start: int) -> bool:
    """The sentence opens its line, after a live blog entry's clock at most ("11:15 - Police fired ...")."""
    line = text.rfind("\n", 0, start) + 1
    return _ENTRY_CLOCK.fullmatch(text[line:start]) is not None


_ENTRY_CLOCK = re.compile(r"\s*(?:\d{1,2}[:.]\d{2}\s*(?:[-\u2013\u2014:]\s*)?)?")
_SHORT_LINE = re.compile(r"^[ \t]*(\S[^\n]{0,40}?)[ \t]*$", re.M)


def _item_place(
    toponyms: list[Toponym], resolved: list[Place | None], filed: set[int], start: int, end: int, text: str = ""
) -> Place | None:
    """The place a bulletin's or live blog's item names in its heading ("2. Kherson (Dniprovskyi district)."), else
    the last place finer than a province it names before ``end``."""
    named = [
        (t, p)
        for i, (t, p) in enumerate(zip(toponyms, resolved, strict=True))
        if start <= t.start < end and p is not None and i not in filed and not _coarse(p)
    ]
    head = _ITEM_HEAD.match(text, start) if text else None
    if head is not None and len(head.group(1).split()) <= 10:
        heading = [p for t, p in named if head.start(1) <= t.start < head.end(1)]
        if heading:
            return heading[0]
    return named[-1][1] if named else None


_SECTION_HEADING = re.compile(r"(?m)(?<=\n\n)[ \t]*([^\n]{3,50}?)[ \t]*$")


def _section_places(
    text: str, toponyms: list[Toponym], resolved: list[Place | None], filed: set[int], skip_before: int
) -> list[tuple[int, Place | None]]:
    """A digest's or a situation report's section headings, each a short line of its own after a blank line
    ("MYKOLAIV", "Lakes / Rumbek East", "ANALYSIS"), with the place each names (its first, None when it names none):
    a section tells its heading place's news until the next heading."""
    out: list[tuple[int, Place | None]] = []
    for m in _SECTION_HEADING.finditer(text, skip_before):
        line = m.group(1)
        if line.endswith((".", "!", "?", ",", ";", ":", '"', "\u201d")) or len(line.split()) > 6:
            continue
        named = [
            p
            for i, (t, p) in enumerate(zip(toponyms, resolved, strict=True))
            if m.start(1) <= t.start < m.end(1) and p is not None and i not in filed and p.feature != "country"
        ]
        out.append((m.start(1), named[0] if named else None))
    return out


# the town the writer is in ("in this city", "here in the capital")
_THIS_TOWN = re.compile(r"\b(?:in|of|across|around)\s+this\s+(?:city|town|capital|provincial\s+capital)\b", re.I)
_TOWNS = ("city", "town", "village", "district")


def _section_of(sections: list[tuple[int, Place | None]], pos: int) -> tuple[int | None, Place | None]:
    """The section holding ``pos``: where its heading opens and the place it names ((None, None) before any)."""
    return next(((a, p) for a, p in reversed(sections) if a < pos), (None, None))


def _section_at(sections: list[tuple[int, Place | None]], pos: int) -> int | None:
    """Where the section holding ``pos`` opens, when it is headed by a place (None otherwise)."""
    at, place = _section_of(sections, pos)
    return at if place is not None else None


def _item_provinces(
    toponyms: list[Toponym], resolved: list[Place | None], filed: set[int], text: str, start: int
) -> list[Place]:
    """The provinces a bulletin's or live blog's item names before ``start`` (its heading, "3. EASTERN EQUATORIA -
    Juba-Nimule road."), none outside an item."""
    item, limit = _item_span(text, start)
    if item is None:
        return []
    return _units_in(toponyms, resolved, filed, item, limit, ("admin1",))


def _units_in(
    toponyms: list[Toponym],
    resolved: list[Place | None],
    filed: set[int],
    start: int,
    end: int,
    features: tuple[str, ...],
) -> list[Place]:
    """The resolved places of these features named between ``start`` and ``end`` (not the dateline's)."""
    return [
        p
        for i, (t, p) in enumerate(zip(toponyms, resolved, strict=True))
        if start <= t.start < end and p is not None and i not in filed and p.feature in features
    ]


def _stem(word: str) -> str:
    """A crude stem (no lemmatizer is loaded): "attackers"/"attacked" -> "attack", "drones" -> "drone"."""
    return word[:6] if len(word) >= 6 else word.rstrip("s")


def _refers_back(doc: Any, start: int, end: int, told: str) -> bool:
    """The sentence speaks of something the event sentence told, by a definite noun phrase whose head noun that
    sentence used ("a drone strike killed 85 villagers" ... "its drone", "the villagers"), with no name of its own
    (read from the parse: the noun's tag, its determiner or possessor)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    words = {_stem(w) for w in re.findall(r"[a-z]+", told.lower())}
    for tok in span:
        if tok.tag_ not in ("NN", "NNS") or tok.lower_ in _NAMED_WITH or _stem(tok.lower_) not in words:
            continue
        if not any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in tok.children):
            continue
        if any(c.tag_ in ("NNP", "NNPS") for c in tok.subtree):
            continue  # "the villagers of Kauran": named, maybe others
        return True
    return False


# one happening told as some time after or before another: "hours after a car bomb in Quetta killed 13", "came two
# weeks after gunmen killed a pastor in Silgadji"
_SAME_DAY_UNITS = r"minutes?|hours?"
_TIME_APART = re.compile(rf"\b(?:{_SAME_DAY_UNITS}|days?|weeks?|months?|years?)\s+(?:after|before)\b", re.I)
_HOURS_APART = re.compile(rf"\b(?:{_SAME_DAY_UNITS})\s+(?:after|before)\s+$", re.I)  # (the same day)
_CLAUSE_BREAK = re.compile(
    r"[,;]\s+(?:and|while|but|whereas)\s+|;\s+"
    # "... in Parachinar on Friday evening, hours after a car bomb in Quetta killed 13 people": the other happening
    r"|,\s+(?:(?:only|just|barely|some|about)\s+)?(?:(?:a|an|two|three|several|few|a\s+few)\s+)?"
    rf"(?:{_SAME_DAY_UNITS}|days?)\s+(?:after|before)\s+"
)


# Where a sentence's running toll begins after its incident: "..., the latest in a string of attacks that have killed
# more than 100 soldiers this year", "..., bringing to 300 the number killed since January".
_AGGREGATE_TAIL = re.compile(
    r",\s+(?:the\s+(?:latest|deadliest|worst|third|second|fourth|fifth)\b|part\s+of\b|amid\b|bringing\b|"
    r"in\s+an?\s+(?:region|country|province|state|area|war|conflict|insurgency)\s+where\b|which\b|where\b)",
    re.IGNORECASE,
)


def _aggregate_tail(sent: _Sentence) -> list[_Sentence]:
    """A sentence that tells an incident with its own toll and then a running toll in a tail clause ("Jihadists killed
    12 soldiers near Banibangou on Tuesday, the latest in a string of attacks that have killed more than 100 this
    year") cut in two: the incident is an event, the tail a claim (issue 13: aggregate tolls are claims, not events)."""
    if not _AGGREGATE_TAIL.search(sent.text) or not is_aggregate_toll(sent.text):
        return [sent]  # (the comma-clause test first: it is the cheap one, and most sentences have none)
    for m in _AGGREGATE_TAIL.finditer(sent.text):
        head, tail = sent.text[: m.start()], sent.text[m.start() + 1 :].lstrip()
        if is_aggregate_toll(head) or not is_aggregate_toll(tail):
            continue
        cas = extract_casualties(head)
        if (cas.fatalities is None and cas.injured is None) or classify_with_cues(head)[0] is None:
            continue
        tail_start = sent.end - len(tail)
        return [
            _Sentence(head, sent.start, sent.start + len(head), sent.paragraph),
            _Sentence(tail, tail_start, sent.end, sent.paragraph),
        ]
    return [sent]


def _one_clause_per_place(
    sent: _Sentence,
    toponyms: list[Toponym],
    resolved: list[Place | None],
    published: date | None = None,
    finite: frozenset[int] | None = None,
) -> list[_Sentence]:
    """A sentence that tells two happenings at two places, each with its own toll ("missiles hit Kyiv, killing three,
    and a strike on Kryvyi Rih killed two more"), cut into its two clauses: ACLED codes one event per location, each
    with its figure. Cut only where the second clause has a trigger and a toll of its own and the two clauses name
    different places finer than a province, or where each clause gives its own day and place ("a man was shot dead
    in Bignona on Thursday ..., and crowds looted shops in the capital on Friday"). ``finite``: where the parse puts
    a finite verb (character offsets); a second part without one is no clause but one more member of the first's
    list ("attacked posts in X, and a checkpoint outside Y, killing three"), and the sentence stays whole."""
    places = [
        (t.start - sent.start, _place_key(p), _coarse(p))
        for t, p in zip(toponyms, resolved, strict=True)
        if p is not None and p.feature != "country" and sent.start <= t.start < sent.end
    ]
    days_apart = _days_and_places_apart(sent, places, published)
    if days_apart is not None:
        return days_apart
    if len({k for _, k, _ in places}) < 2:
        return [sent]
    for m in _CLAUSE_BREAK.finditer(sent.text):
        head = {k for at, k, _ in places if at < m.start()}
        tail = {k for at, k, _ in places if at >= m.end()}
        if not head or not tail or head & tail:
            continue
        # provinces apart do, when the second clause moves on in time ("..., and a day later 14 gunmen died in a
        # clash in neighbouring Guerrero")
        fine = any(not c for at, _, c in places if at < m.start()) and any(
            not c for at, _, c in places if at >= m.end()
        )
        if not fine and not _MOVES_ON.match(sent.text, m.end()):
            continue
        first, second = sent.text[: m.start()], sent.text[m.end() :]
        # "..., while a separate strike tore through a block in Mykolaiv": the clause says it is another happening,
        # with or without a toll of its own
        separate = _ANOTHER_HAPPENING.match(second) is not None
        if extract_casualties(first).fatalities is None or (
            extract_casualties(second).fatalities is None and not separate
        ):
            continue
        if not find_triggers(second) or not _has_finite_verb(sent, m.end(), finite):
            continue
        return _cut_at(sent, m)
    return _two_kinds_apart(sent, places, finite)


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})  # Penn tags of a finite verb (past, present, modal)


def _has_finite_verb(sent: _Sentence, at: int, finite: frozenset[int] | None) -> bool:
    """Whether the parse puts a finite verb in the sentence after ``at`` (sentence offsets): whether the part after a
    clause break is a clause of its own. Without a parse (None), any part is taken for a clause."""
    return finite is None or any(sent.start + at <= i < sent.end for i in finite)


# "... released its account of Tuesday's attack on the school in Peshawar and announced that air strikes in the
# Tirah valley had killed 57 militants": a second proposition a reporting verb opens
_REPORTED_TOO = re.compile(
    r"\s+and\s+(?:(?:also|later|then)\s+)?(?:announced|said|reported|added|claimed|confirmed|stated|disclosed)\s+"
    r"(?:that\s+)?"
)


def _two_kinds_apart(
    sent: _Sentence, places: list[tuple[int, str | None, bool]], finite: frozenset[int] | None = None
) -> list[_Sentence]:
    """The two clauses of a sentence that tells two kinds of violence at two places, each clause with its own act and
    its own place finer than a province ("the attack on the school in Peshawar ... and announced that air strikes in
    the Tirah valley had killed 57"): ACLED codes one event each; the sentence whole otherwise."""
    breaks = list(_CLAUSE_BREAK.finditer(sent.text)) + list(_REPORTED_TOO.finditer(sent.text))
    for m in sorted(breaks, key=lambda b: b.start()):
        head = {k for at, k, c in places if at < m.start() and not c}
        tail = {k for at, k, c in places if at >= m.end() and not c}
        if not head or not tail or head & tail:
            continue
        first, second = classify_sentence(sent.text[: m.start()]), classify_sentence(sent.text[m.end() :])
        if first is None or second is None or first.event_type == second.event_type:
            continue
        if not {first.event_type, second.event_type} <= VIOLENT_TYPES or not _has_finite_verb(sent, m.end(), finite):
            continue
        return _cut_at(sent, m)
    return [sent]


def _cut_at(sent: _Sentence, m: re.Match[str]) -> list[_Sentence]:
    """The sentence's two clauses either side of a clause break."""
    return [
        _Sentence(sent.text[: m.start()], sent.start, sent.start + m.start(), sent.paragraph),
        _Sentence(sent.text[m.end() :], sent.start + m.end(), sent.end, sent.paragraph),
    ]


def _days_and_places_apart(
    sent: _Sentence, places: list[tuple[int, str | None, bool]], published: date | None
) -> list[_Sentence] | None:
    """The two clauses of a sentence that tells two acts, each with its own day and its own place (a place the
    first does not name, or "in the capital"), each with a trigger; None when it tells no such two."""
    if published is None:
        return None
    # (with a day and a place of its own on each side, a bare "and" joins two clauses: "two were shot dead in
    # Hamdallaye on Thursday and three more were shot dead in Wanindara on Friday")
    breaks = sorted([*_CLAUSE_BREAK.finditer(sent.text), *_BARE_AND.finditer(sent.text)], key=lambda b: b.start())
    for m in breaks:
        first, second = sent.text[: m.start()], sent.text[m.end() :]
        head = {k for at, k, _ in places if at < m.start()}
        tail = {k for at, k, _ in places if at >= m.end()}
        if not head or not (tail - head or _IN_THE_CAPITAL.search(second)):
            continue
        head_days = {d.value for d in _days_named(first, published)}
        tail_days = {d.value for d in _days_named(second, published)}
        if not head_days or not tail_days or head_days & tail_days:
            continue
        if not find_triggers(first) or not find_triggers(second):
            continue
        return _cut_at(sent, m)
    return None


_BARE_AND = re.compile(
    r"(?<![,;])\s+and\s+(?=(?:at\s+least\s+|another\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve)\s+(?:more|others|other|people|civilians|protesters|soldiers|police|men|women|children)\b)",
    re.I,
)  # (a second figure of its own: "... and three more were shot dead in Wanindara on Friday")
# a clause that opens by calling its act another one ("a separate strike", "in another attack", "a second blast")
_ANOTHER_HAPPENING = re.compile(
    r"(?:in\s+|at\s+)?(?:a|an)\s+(?:separate|second|third|further|different|other|new)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:strike|attack|raid|blast|explosion|bombing|shelling|clash|incident|assault|ambush)s?\b"
    r"|(?:in\s+|at\s+)?another\s+(?:[\w-]+\s+){0,2}?(?:strike|attack|raid|blast|explosion|bombing|shelling|clash"
    r"|incident|assault|ambush)s?\b",
    re.I,
)


_LATER_DAY = re.compile(
    r"\b(?:(a|one|two|three)\s+days?\s+later|the\s+(?:next|following)\s+(?:day|morning|night|evening))\b", re.I
)
# a clause that moves on in time: a later day, or a weekday of its own
_MOVES_ON = re.compile(
    _LATER_DAY.pattern
    + r"|\bhours\s+later\b|\b(?:on|by|late\s+on|early\s+on)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)\b",
    re.I,
)
_PROTEST_SUBS = taxonomy().protest_family
# between two members of a list of places: "A, B and C", "in A and near the village of B", "posts in A, and a
# checkpoint outside B" (each member may bring its own preposition and the thing hit there)
_LIST_GLUE = re.compile(
    r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:(?:an?|the)\s+(?:[a-z]+\s+){1,2}?(?=in\s|at\s|near\s|outside\s))?"
    r"(?:(?:in|at|near|outside|around)\s+)?(?:the\s+(?:town|village|city|locality|settlement)\s+of\s+)?"
)
# a province named after a place of the list, as an apposition: "..., near the village of B, in the X region, and ..."
_UNIT_APPOSITION = re.compile(r",\s+(?:in\s+)?(?:the\s+)?")
_UNIT_WORD = re.compile(r"\s+(?:region|province|state|district|department|governorate|county)\b", re.I)


# the villages, towns or positions an act hit, named as a list right after it ("attacked the villages of A, B and C",
# "struck Kharkiv, Sumy and Poltava")
# "struck targets in southern Lebanon, including in Chebaa and Kafr Kila": the places a strike's targets were in
_LIST_INCLUDING = re.compile(
    r"(?:struck|hit|shelled|bombed|targeted|pounded|raided|attacked)\s+[^.;]{0,60}?,?\s+including\s+(?:in\s+|at\s+)?"
    r"(?:the\s+)?[A-Z][^.;]{0,40}?\band\s+[A-Z]"
)
_LIST_HIT = re.compile(
    r"\b(?:attacked|raided|stormed|struck|hit|shelled|bombed|targeted|overran|burned)\s+(?:the\s+)?(?:(?:villages|towns|"
    r"localities|settlements|communities|districts|neighbou?rhoods|hamlets)\s+of\s+)?(?:[A-Z][^.;]{0,60}?,\s+[A-Z][^.;]{0,40}?"
    # (or two names: "shelled Nikopol and Marhanets on Wednesday night")
    r"|(?-i:[A-Z])[\w'\u2019-]+(?:[ -](?-i:[A-Z])[\w'\u2019-]+){0,2}\s+)"
    r"\band\s+[A-Z]"
    # (or the things hit at each: "attacked army posts in Kolokani and near the village of Sokolo")
    r"|\b(?:attacked|raided|stormed|struck|hit|shelled|bombed|targeted|overran|burned)\s+(?:[a-z]+\s+){1,2}"
    r"(?:in|at|near|outside)\s+[A-Z][^.;]{0,60}?\band\s+(?:[a-z]+\s+){0,5}?[A-Z]"
)


def _listed_places(sent: _Sentence, toponyms: list[Toponym], resolved: list[Place | None]) -> list[Place]:
    """The places finer than a province that a sentence names as one list ("in Mombasa, Kisumu and Nakuru")."""
    best: list[Place] = []
    run: list[Place] = []
    prev_end = -1
    route = False
    for t, p in sorted(zip(toponyms, resolved, strict=True), key=lambda x: x[0].start):
        if (
            p is not None
            and _coarse(p)
            and run
            and _UNIT_APPOSITION.fullmatch(sent.text, prev_end - sent.start, t.start - sent.start)
        ):
            # (the province of the member before: the list goes on after it)
            unit = _UNIT_WORD.match(sent.text, t.end - sent.start)
            prev_end = t.end + (unit.end() - unit.start() if unit else 0)
            continue
        if p is None or _coarse(p):
            run, prev_end = [], -1
            continue
        glued = prev_end >= 0 and _LIST_GLUE.fullmatch(sent.text[prev_end - sent.start : t.start - sent.start])
        if not glued:
            # "the road between Juliaca and Puno", "from Plaza X to Y": the two ends of a route, not two places
            route = _ROUTE_BEFORE.search(sent.text, 0, t.start - sent.start) is not None
        run = [*run, p] if glued else [p]
        prev_end = t.end
        if len(run) > len(best) and not route:
            best = list(run)
    return best if len(best) >= 2 else []


_ROUTE_BEFORE = re.compile(r"\b(?:between|from)\s+(?:the\s+)?(?:(?:towns?|cities|villages?)\s+of\s+)?$", re.I)


def _second_clause_continues(drafts: list[_Draft], second_clauses: set[int]) -> None:
    """The second clause cut from a sentence ("..., and a strike on Kryvyi Rih killed two more") goes on with the
    first clause's violence: of the same event type it takes the first's sub-type and, when it names none, its
    actors."""
    by_index = {d.sentence_index: d for d in drafts}
    for i in second_clauses:
        tail, head = by_index.get(i), by_index.get(i - 1)
        if tail is None or head is None or tail.mention.event_type != head.mention.event_type:
            continue
        t, h = tail.mention, head.mention
        t.sub_event_type = h.sub_event_type
        if t.actor1 is None or t.actor1.startswith("Unidentified"):
            t.actor1, t.inter1, t.assoc_actor_1 = h.actor1, h.inter1, h.assoc_actor_1
        if t.actor2 is None:
            t.actor2, t.inter2, t.assoc_actor_2 = h.actor2, h.inter2, h.assoc_actor_2


_UNREST = frozenset({"Riots", "Protests"})
UNREST_GAP = 400  # characters between a telling of the unrest and the killing told after it


def _told_last(drafts: list[_Draft]) -> _Draft:
    """The event whose telling reaches furthest into the report (the last one made, unless a later sentence went on
    about an earlier one)."""
    return max(reversed(drafts), key=lambda d: max((e.end for e in d.mention.evidence), default=-1))


def _last_told_day(drafts: list[_Draft]) -> date | None:
    """The day of the last incident told with a day of its own."""
    last = next((d for d in reversed(drafts) if d.dated and d.mention.time_precision == 1), None)
    return last.mention.event_date if last is not None else None


def _killed_in_the_unrest(d: _Draft, host: _Draft) -> bool:
    """A killing by no one named, told just after a riot or a protest at its place ("... young people again clashed
    with police in Pikine. A 19-year-old was shot dead near the Pikine market"): the unrest's toll (ACLED codes the
    death in the riot or the protest), not an attack of its own."""
    m = d.mention
    told_after = bool(m.evidence) and any(0 <= m.evidence[0].start - e.end <= UNREST_GAP for e in host.mention.evidence)
    if (
        m.sub_event_type == "Excessive force against protesters"
        and host.mention.sub_event_type == "Violent demonstration"
        and told_after
        and _place_key(m.place) == _place_key(host.mention.place)
        and not d.own_place
    ):
        return True  # "... protesters looted shops before police opened fire. Five demonstrators were killed there"
    return (
        m.sub_event_type == "Attack"
        and host.mention.event_type in _UNREST
        and (m.actor1 is None or m.actor1.startswith("Unidentified"))
        and told_after
    )


_SHOT_BY_HAND = re.compile(
    r"\b(?:shot|shooting|opened\s+fire|gunned\s+down|executed|stabbed|hacked|beheaded|slit)\b", re.I
)


def _own_killing(d: _Draft, host: _Draft) -> bool:
    """A killing told with its own toll at its own precise place, other than the host event's toll and place
    ("Soldiers later shot dead two suspected bandits near Kaduna city" after an air strike that killed 85 in the
    state): another incident, not the host's victims told again."""
    a, b = d.mention, host.mention
    if (
        b.event_type == "Explosions/Remote violence"
        and _SHOT_BY_HAND.search(a.evidence[0].text)
        and not any(_SHOT_BY_HAND.search(e.text) for e in b.evidence)
    ):
        return True  # "the attackers shot at families trying to flee": gunfire, not the victims of a drone strike
    if not (a.fatalities and b.fatalities and a.fatalities != b.fatalities):
        return False
    if d.own_place and _place_key(a.place) != _place_key(b.place):
        return True
    # "four soldiers were killed in the fighting ... at least seven residents were killed": civilians counted apart
    # from a battle's toll are killed on purpose (ACLED: violence against civilians, an event of its own)
    return b.event_type == "Battles" and d.casualties.civilians == a.fatalities and not host.casualties.civilians


_ATTACKERS_DEAD = re.compile(
    r"\b(?:one|two|three|\w+)\s+of\s+the\s+(?:suspected\s+)?(?:gunmen|attackers|assailants|shooters|hitmen)\b[^.;]{0,120}?"
    r"\b(?:killed|died|shot\s+dead)\b"
    r"|\b(?:gunman|attacker|assailant|shooter|hitman|gunmen|attackers|assailants)\s+(?:was|were)\s+(?:killed|shot\s+dead)\b",
    re.I,
)


def _aftermath(d: _Draft, host: _Draft) -> bool:
    """The killing is told first with its toll and the would-be host only after it, with none of its own ("gang
    members went house to house killing 70 ... Police said officers exchanged fire with the gang"): the killing is
    the report's incident and the fight its aftermath, not civilians caught in that fight. Arrests made "in connection
    with" the fighting, or made after it ("20 suspects were arrested after the attack"), are its aftermath too, an
    event of their own."""
    if d.mention.sub_event_type == "Arrests" and any(
        _IN_CONNECTION.search(e.text) or _LATER_RAID.search(e.text) for e in d.mention.evidence
    ):
        return True  # (or detained later, in a raid of their own: "were detained in a raid on their house later")
    return (
        host.sentence_index > d.sentence_index
        and bool(d.mention.fatalities)
        # (or only the attackers' own dead: "one of the suspected gunmen was wounded in an exchange of fire with the
        # candidate's security detail and died in custody")
        and (not host.mention.fatalities or all(_ATTACKERS_DEAD.search(e.text) for e in host.mention.evidence[:1]))
        # (blasts told after the killing on its day are its weapon: "... attack in which 22 were killed. Three
        # explosions hit the hall")
        and not (
            host.mention.event_type == "Explosions/Remote violence" and host.mention.event_date == d.mention.event_date
        )
    )


def _arrested_later(m: Mention, host: Mention) -> bool:
    """Arrests made on a day after the fighting ("13 officers had been arrested on Monday" after Sunday's attack on
    the barracks): the hunt for the attackers, an event of its own (ACLED), not detentions during the battle."""
    return (
        m.sub_event_type == "Arrests"
        and m.event_date is not None
        and host.event_date is not None
        and m.event_date > host.event_date
    )


_LATER_RAID = re.compile(
    r"\b(?:in|during)\s+(?:a\s+|subsequent\s+|later\s+)?(?:raids?|search(?:es)?|operations?)\s+on\s+(?:their|his|her)\s+"
    r"(?:house|home|homes|residences?)\b",
    re.I,
)
_IN_CONNECTION = re.compile(
    r"\b(?:in\s+connection\s+with|over|for\s+(?:their|his|her)\s+(?:role|part|involvement)\s+in|suspected\s+of"
    r"|after|following|since)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:shooting|fighting|clashes|violence|attack|killings?|bombing)\b",
    re.I,
)


def _after_the_telling(draft: _Draft, earlier: _Draft) -> bool:
    """The draft is dated after the day a source told the earlier event: what is told on a day happened by then, so a
    later day is another happening ("said on Monday they had taken the city" ... "gunfire on Tuesday")."""
    a, b = earlier.mention.event_date, draft.mention.event_date
    return draft.dated and earlier.told_day and a is not None and b is not None and b > a


def _each_its_day(a: _Draft, b: _Draft) -> bool:
    """Two tellings dated to different days, the later one opening with its own day ("... killed four late on Tuesday.
    On Wednesday, protesters stormed the radio building"): two happenings, not one day read two ways."""
    later = a if a.sentence_index > b.sentence_index else b
    return (
        a.dated
        and b.dated
        and a.mention.time_precision == b.mention.time_precision == 1
        and a.mention.event_date != b.mention.event_date
        and _OPENS_WITH_DAY.match(later.mention.evidence[0].text) is not None
    )


def _numbered_item(text: str, pos: int) -> int | None:
    """Where the numbered item holding ``pos`` opens ("2. DARAT IZZA (western Aleppo countryside) - ..."), else None
    (a live blog's timed entries and bulleted lines are not numbered items: they retell one incident as it goes on)."""
    item, _ = _item_span(text, pos)
    return item if item is not None and _NUMBERED_LINE.match(text, item) else None


def _other_items(a: _Draft, b: _Draft) -> bool:
    """Told in two numbered items of a bulletin: two incidents."""
    return a.item is not None and b.item is not None and a.item != b.item


def _may_fold(draft: _Draft, into: _Draft) -> bool:
    """A sentence that announces a new incident ("In a separate incident ...") parts what it tells from everything
    told before it: the two fold together (either way round) only when it names the earlier event's place and gives
    no other day."""
    later, earlier = (draft, into) if draft.sentence_index >= into.sentence_index else (into, draft)
    if _other_items(later, earlier):
        return False  # a bulletin's numbered items are one incident each
    return not later.new_incident or (
        later.own_place
        and _place_key(later.mention.place) == _place_key(earlier.mention.place)
        # ("In a separate incident early on Monday, a roadside bomb ..." after Sunday's bombing: its own day)
        and not (later.dated and later.mention.event_date != earlier.mention.event_date)
    )


# A dated dateline on the first or second line, after a headline: "MOGADISHU, 30 October 2022 -",
# "GOMA, Democratic Republic of Congo, Jan 28 -".
_LINE_DATELINE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z'.\-]+(?:[ \-][A-Z][A-Z'.\-]+){0,3}(?:,[ \t]*[A-Z][A-Za-z .]{1,30}?)?,?[ \t]*"
    r"(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?)(?:,?[ \t]+\d{4})?[ \t]*"
    r"(?:\([^)\n]{1,40}\))?[ \t]*[-\u2013\u2014:]+"
)


def dateline_end(text: str) -> int:
    """Offset where a leading dateline ends (0 when the text has none): at the start, or on the line after a
    headline (blank lines between them or not). The dateline's date is the report's, never an event's."""
    m = _DATELINE.match(text[:200])
    if m:
        return _second_dateline(text, _outlet_note(text, m.end()))
    line = _LINE_DATELINE.search(text[:400])
    rows = [row for row in text[: line.start()].splitlines() if row.strip()] if line is not None else []
    # (a headline, or a headline and the page's date line: "Title / 5 December 2014 - (wire) / MOSCOW, Dec 5 -")
    if line is not None and (len(rows) <= 1 or (len(rows) == 2 and _DATE_ROW.search(rows[1]) is not None)):
        return _second_dateline(text, _outlet_note(text, line.end()))
    return 0


_DATE_ROW = re.compile(r"^\s*(?:published:?\s*)?[^\n]{0,40}\b(?:19|20)\d\d\b[^\n]{0,160}$", re.I)


_OUTLET_NOTE = re.compile(r"[ \t]*\([^()\n]{3,200}\)[ \t]*(?=\n|$)")


def _outlet_note(text: str, end: int) -> int:
    """The end of the outlet's note in brackets that closes a dateline's line ("AMMAN, 19 December 2016 - (translated
    from the Arabic; local news page of an Amman daily)"): what the note names (the outlet's city) is where the report
    was written, not where an event was."""
    m = _OUTLET_NOTE.match(text, end)
    return m.end() if m else end


def _second_dateline(text: str, end: int) -> int:
    """The end of a wire's own dateline opening the body right after the page's ("CAIRO, 25 November 2017 - (wire)"
    then "CAIRO, Nov 25 - The number of ..."): both date the report, neither an event."""
    line = text.find("\n", end)
    if line < 0:
        return end
    start = line + 1
    while start < len(text) and text[start] in " \t\n":
        start += 1
    m = _DATELINE.match(text[start : start + 200])
    return start + m.end() if m and m.end() <= 60 else end


# A date that stamps the page ("Date of publication 27 June 2016", "Updated: ...") or the telling ("a monitor said
# Monday", "told AFP on Friday") dates the report, not the event: used only when the sentence gives no other day.
# a dateline's day: at the head of the sentence (after the place written before it, if any), a dash or the outlet's
# name in brackets after it
_DATELINE_BEFORE = re.compile(r"\s*(?:[A-Z][A-Za-z'’.\- ]{1,40},\s*)?$")
_DATELINE_AFTER = re.compile(r"\s*(?:[-–—]|\()")
_STAMP_BEFORE = re.compile(r"\b(?:date of publication|published|posted|updated)\s*(?:on|at|:)?\s*$", re.I)
_TELLING_BEFORE = re.compile(
    r"(?:\b(?:said|says|told [\w.\- ]{1,40}?|reported|announced|added|stated|confirmed|declared|claimed)\s+"
    # "said in a report on Wednesday", "said in a statement released on Monday"
    r"(?:in\s+(?:a|an|its|their|the)\s+(?:[\w-]+\s+){0,2}?(?:report|statement|study|briefing|post|interview)\s+)?"
    r"|\b(?:report|statement|study|findings)\s+(?:published|released|issued|made\s+public)\s+)"
    r"(?:on\s+|late\s+|early\s+)?$",
    re.I,
)


# A noun phrase that names an incident already told, as where or what people go to ("the site of the blast", "the
# scene of the attack", "the victims of Monday's bombing"), right before the trigger word.
_FINDINGS_OPEN = re.compile(
    r"(?:we|the\s+(?:report|investigation|inquiry|mission|panel|commission|team|probe|forum|group|organi[sz]ation))\s+"
    r"(?:also\s+)?(?:found|finds|concluded|concludes|determined|established|documented)\s+that\b",
    re.I,
)
_NAMES_AN_EVENT_TOLD = re.compile(
    r"\b(?:site|scene|spot|aftermath|anniversary|victims|funerals?|burials?|picture|accounts?|versions?|footage|images"
    r"|videos|photographs|details)\s+of\s+(?:the|this|that|[A-Z]\w+day's)\s+"
    r"(?:[\w-]+\s+){0,2}$"
    # speaking of it: "referred to the 'terrible massacre' in Yelwata", "condemned the attack", "mourned the victims"
    r"|\b(?:referred\s+to|refers\s+to|spoke\s+of|speaks\s+of|commented\s+on|condemned|condemns|denounced|denounces"
    r"|deplored|deplores|mourned|mourns|described|describes|called|calls)\s+(?:the|this|that|last\s+\w+'s)\s+"
    r"(?:[\w\"'\u201c-]+\s+){0,2}$"
)


# "The state government on Tuesday confirmed that eight people were killed": the day of the telling, said before
# its verb
_TELLING_AFTER = re.compile(
    r"\s*,?\s*(?:\w+ly\s+)?(?:said|says|confirmed|announced|reported|stated|disclosed|revealed|told\s+[\w.\- ]{1,40}?"
    # "The coordinator today strongly condemned the shelling of the market on Saturday": the day of the reaction
    r"|condemned|condemns|denounced|deplored|welcomed|urged"
    # "The police on Thursday issued a statement on the explosions ...": the day of the statement
    r"|(?:issued|released|published|put\s+out)\s+(?:an?\s+|its\s+|their\s+)?(?:\w+\s+)?(?:statement|report|communiqu[eé]))"
    r"\s+(?:that\b)?",
    re.I,
)


def _report_date(d: DateMention, sentence: str) -> bool:
    """The date stamps the page or the telling rather than the happening."""
    before = sentence[max(0, d.start - 60) : d.start]
    if _STAMP_BEFORE.search(before) is not None or _TELLING_BEFORE.search(before) is not None:
        return True
    if (d.kind == "weekday" or d.text.lower() in ("today", "yesterday")) and _TELLING_AFTER.match(
        sentence, d.end
    ) is not None:
        return True
    if _TOLL_ROSE_BEFORE.search(before) is not None:
        return True
    return _TOLL_TOLD_AFTER.match(sentence, d.end) is not None


# "The number of people killed in a suicide bombing ... rose to 35 on Tuesday": the day the count reached the figure
_TOLL_ROSE_BEFORE = re.compile(
    r"\b(?:rose|risen|climbed|increased|reached|jumped|grew|soared)\s+to\s+(?:at\s+least\s+|about\s+|around\s+|more\s+"
    r"than\s+|nearly\s+)?[\d,]+(?:\s+\w+)?\s+(?:on\s+|late\s+on\s+|early\s+on\s+|by\s+)?$",
    re.I,
)


# "The government on Tuesday lowered the death toll from the attack ... to 35": the day the figure was given
_TOLL_TOLD_AFTER = re.compile(
    r"\s*,?\s*(?:lowered|raised|revised|updated|corrected|put|gave|confirmed|announced)\s+(?:(?:down|up)(?:wards?)?\s+)?"
    # ("revised down to 13 the number of people killed")
    r"(?:to\s+(?:at\s+least\s+)?[\d,]+\s+)?"
    r"(?:the|its|their|a)\s+(?:new\s+|final\s+|official\s+|revised\s+)?(?:death\s+)?(?:toll|figure|count|tally|number)\b",
    re.I,
)


# "a day earlier", "two days before", "the previous day": counted back from the incident just told
_DAYS_BEFORE_TOLD = re.compile(
    r"\b(?:(a|one|two|three)\s+days?\s+(?:earlier|before)|the\s+(?:previous|preceding)\s+day|the\s+day\s+before)\b"
    r"(?!\s+yesterday)",
    re.I,
)
_SUBJECT_OF_CAME = re.compile(r"(?:The|This|That|Its|Their)\s+(?:[\w-]+\s+){0,3}?(?:came|comes)\b")
# A bulletin's item: "1. UPPER NILE - Malakal PoC site.", "- MACOMIA:", "MACOMIA - On Tuesday ..."
_MONTH_WORD = re.compile(  # a date phrase that names its month ("2 March", "Jan. 5"), not one counted from the telling
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(?:\s|$|,)|\d{1,2}/\d{1,2}|\d{4}-\d\d", re.I
)
_MONTH_NAME = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_ENTRY_DAY = rf"(?:\d{{1,2}}[ \t]+{_MONTH_NAME}|{_MONTH_NAME}[ \t]+\d{{1,2}})(?:,?[ \t]+\d{{4}})?"
_ENTRY_DAY += r"[ \t]*[-\u2013\u2014:][ \t]"
_ITEM_OPENS = re.compile(
    r"[ \t]*(?:(?:\d{1,2}[.)]|[-\u2022*])[ \t]+|[A-Z][A-Z' ]{2,40}[ \t]*[-\u2013\u2014:]"
    r"|\d{1,2}[:.]\d{2}[ \t]*[-\u2013\u2014:]"  # a live blog's "19:15 -"
    # a monitor's dated entry: "2 March \u2014 Shabwah and Abyan. U.S. aircraft ...", "March 22 - Taizz city."
    rf"|{_ENTRY_DAY}(?=[A-Z])"
    # a roundup's paragraph headed by its place and day: "Butembo (Tuesday 26 July). Crowds ..."
    r"|[A-Z][\w'\u2019-]+(?:[ \t][A-Za-z][\w'\u2019-]+){0,3}[ \t]\((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    r"[^)\n]{0,30}\)\.)"
)


def _precise_places(
    sent: _Sentence, toponyms: list[Toponym], resolved: list[Place | None], filed: set[int], measured: bool = False
) -> list[Place]:
    """The places finer than a province where something in the sentence can have happened (not where people went or
    came from, not where a source spoke, not the dateline)."""
    idx = [i for i, t in enumerate(toponyms) if sent.start <= t.start < sent.end and i not in filed]
    here = [
        (t, p)
        for t, p in event_places(sent.text, sent.start, [toponyms[i] for i in idx], [resolved[i] for i in idx])
        if not _coarse(p)
    ]
    # "In Ambo, about 100 km west of Addis Ababa, ...": the place a distance is measured from is not where anything
    # happened when the sentence names the place itself
    # (with ``measured``, the places measured from are kept)
    away = [] if measured else [(t, p) for t, p in here if measured_from(sent.text, t.start - sent.start)]
    if len(away) < len(here):  # (the others are all finer than a province: _coarse is left out above)
        here = [tp for tp in here if tp not in away]
    return [p for _, p in here]


def _one_in_paragraph(
    sentences: list[_Sentence], index: int, places_of: Callable[[_Sentence], Iterable[Place]]
) -> Place | None:
    """The one place ``places_of`` finds in the sentences before ``index`` in its paragraph, or None when they give
    none or several."""
    para = sentences[index].paragraph
    found: dict[str | None, Place] = {}
    for k in range(index - 1, -1, -1):
        if sentences[k].paragraph != para:
            break
        for p in places_of(sentences[k]):
            found.setdefault(_place_key(p), p)
    return next(iter(found.values())) if len(found) == 1 else None


def _paragraph_place(
    sentences: list[_Sentence], index: int, toponyms: list[Toponym], resolved: list[Place | None], filed: set[int]
) -> Place | None:
    """The one precise place the sentences before ``index`` in its paragraph name (where something can have
    happened), or None when they name none or several: a paragraph tells one place's news."""
    return _one_in_paragraph(sentences, index, lambda s: _precise_places(s, toponyms, resolved, filed))


def _paragraph_at(sentences: list[_Sentence], at: int) -> int:
    """The paragraph of the sentence holding the character ``at``."""
    return next((s.paragraph for s in reversed(sentences) if s.start <= at), 0)


def _paragraph_unit(
    text: str,
    sentences: list[_Sentence],
    index: int,
    toponyms: list[Toponym],
    resolved: list[Place | None],
    filed: set[int],
) -> Place | None:
    """The one local unit (a district, a county, a township: "in Mastung district") the sentences before ``index``
    in its paragraph name, resolved to its seat, or None when they name none or several."""

    def units(s: _Sentence) -> list[Place]:
        return [
            p
            for i, (t, p) in enumerate(zip(toponyms, resolved, strict=True))
            if s.start <= t.start < s.end
            and i not in filed
            and p is not None
            and not _coarse(p)
            and names_a_unit(text, t)
        ]

    return _one_in_paragraph(sentences, index, units)


_DIED_OF_WOUNDS = re.compile(
    r"\b(?:died|succumbed)\b[^.;]{0,60}?\b(?:of|from|to)\s+(?:the\s+)?(?:(?:his|her|their)\s+)?(?:wounds|injuries)\s+"
    r"(?:(?:he|she|they|that|which)\s+)?(?:had\s+)?(?:sustained|suffered|received)\b",
    re.I,
)


def _died_of_earlier_wounds(sentence: str, published: date | None, news_day: date | None) -> bool:
    """A death of wounds sustained in an incident the sentence dates more than a day before the report's own news
    ("died in hospital of wounds he sustained in government shelling on the town of Sarmin on 29 October")."""
    if published is None or _DIED_OF_WOUNDS.search(sentence) is None:
        return False
    ref = news_day or published
    return any(
        d.value is not None and d.precision == 1 and (ref - d.value).days > 1 for d in find_dates(sentence, published)
    )


# a broadcast's headlines: announced, then told again in detail
_HEADLINES_OPEN = re.compile(
    r"\b(?:here\s+are|these\s+are|first,?\s+(?:the|our))\s+(?:the\s+|our\s+|today's\s+|this\s+\w+'s\s+)?"
    r"(?:main\s+|top\s+)?headlines\b[^.\n]*[.:]",
    re.I,
)
_HEADLINES_CLOSE = re.compile(
    r"\b(?:now\s+(?:for\s+|to\s+)?the\s+details|(?:those|these)\s+(?:are|were)\s+the\s+headlines|now\s+in\s+detail"
    r"|the\s+details\s+now)\b",
    re.I,
)


def _headline_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of a bulletin's headlines, from "Here are the headlines." to "Now the details." (or the paragraph's
    end): summaries of stories the bulletin tells again below, never events of their own."""
    out = []
    for m in _HEADLINES_OPEN.finditer(text):
        para_end = text.find("\n\n", m.end())
        para_end = len(text) if para_end < 0 else para_end
        close = _HEADLINES_CLOSE.search(text, m.end(), para_end)
        out.append((m.end(), close.start() if close else para_end))
    return out


def _subheading(text: str, start: int, end: int) -> bool:
    """A short line alone between blank lines with no closing stop ("What happened in Juliaca", "A pattern of lethal
    force"): a section's title inside the body, which tells no incident of its own."""
    line = text[start:end].strip()
    if not line or "\n" in line or len(line) > 80 or line.endswith((".", "!", "?", ":", ";", ",")):
        return False
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    return (start == 0 or before == "\n\n" or before.endswith("\n\n")) and after.startswith("\n\n")


_SAME_PERIOD_OPENS = re.compile(r"\W*(?:(?:That|The)\s+same|That|In\s+that|During\s+that)\s+(?:day|week|month|year)\b")
_THAT_DAY = re.compile(r"\b(?:that|the\s+same)\s+(?:day|night|morning|evening|week|month|year)\b", re.I)
_EDGE_WORDS = r"(?:since|from|until|till|through|by|before)"  # where a count starts or ends, not a told day
_SPAN_EDGE = re.compile(rf"\b{_EDGE_WORDS}\s+(?:last\s+)?$", re.I)  # before the day ...
_SPAN_EDGE_WORD = re.compile(rf"{_EDGE_WORDS}\b", re.I)  # ... or opening the day's own phrase ("Since Saturday")
_ITEM_BACK = 4  # lines of an item's body read back to its heading line


def _item_span(text: str, pos: int) -> tuple[int | None, int]:
    """Where the bulletin or live-blog item holding ``pos`` opens (None outside an item) and where what names its
    place ends. An item opens on its own line ("2. TEHRAN, Sunday 2 October - ...", "19:15 - ...": ``pos`` ends it),
    or on a short heading line a few body lines above with no blank line between (a digest's heading, then its
    paragraphs: the heading line's end; the heading names the item's place, a town the body names in passing,
    "flown to a hospital in Miami", does not)."""
    line = text.rfind("\n", 0, pos) + 1
    if (opens := _ITEM_OPENS.match(text, line)) is not None:
        # (a roundup's "Butembo (Tuesday 26 July)." names the item's place and day in its heading alone)
        return line, opens.end() if opens.group(0).endswith(").") and opens.end() <= pos else pos
    for _ in range(_ITEM_BACK):
        if line == 0:
            return None, pos
        prev = text.rfind("\n", 0, line - 1) + 1
        if not text[prev : line - 1].strip():
            return None, pos  # a blank line: the paragraph is no item's body
        line = prev
        end = text.find("\n", line)
        end = len(text) if end < 0 else end
        if _ITEM_OPENS.match(text, line):
            heading = text[line:end].rstrip()
            if len(heading) <= _HEADING_MAX and not heading.endswith((".", "!", "?")):
                return line, end
            return None, pos  # a paragraph opening on a dateline ("RAMALLAH - The organisation's ..."): no item
    return None, pos


_HEADING_MAX = 120  # characters of an item's heading line
# An item's heading fragment: its first words up to a stop, a colon or a dash ("2. Kafr Nabl (southern Idlib
# countryside).", "3. Grodno, Sovetskaya Square.", "- Kulundu (Leilek district):"), after the number or bullet.
_ITEM_HEAD = re.compile(
    rf"[ \t]*(?:\d{{1,2}}[.)]|[-\u2022*]|\d{{1,2}}[:.]\d{{2}}[ \t]*[-\u2013\u2014:]|{_ENTRY_DAY})?[ \t]*"
    r"([^\n]{1,80}?)(?:\.(?:\s|$)|:|\s[-\u2013\u2014]\s)"
)


_UNIT_SPAN_KM = 150.0  # a place named under a province or district heading lies within this distance of it


def _within_item_units(
    named: Place, toponyms: list[Toponym], resolved: list[Place | None], filed: set[int], start: int, end: int
) -> Place:
    """The item's place, unless the province or district its heading names ("4. IMPHAL EAST - Khurai, 7 September")
    does not hold it: then a namesake elsewhere was read, and the unit is what the item says."""
    units = _units_in(toponyms, resolved, filed, start, end, ("admin1", "admin2"))
    if _coarse(named) or not units:
        return named
    for u in units:
        if u.admin1 == named.admin1 and haversine_km(u.latitude, u.longitude, named.latitude, named.longitude) <= (
            _UNIT_SPAN_KM
        ):
            return named
    return units[-1]


def _in_item_heading(text: str, item: int, toponyms: list[Toponym], resolved: list[Place | None], place: Place) -> bool:
    """The place is named in the item's heading fragment, a short verbless label of the item ("2. Kafr Nabl
    (southern Idlib countryside)."), not in passing in an earlier sentence of the item."""
    m = _ITEM_HEAD.match(text, item)
    if m is None or len(m.group(1).split()) > 10:
        return False
    return any(p is place and m.start(1) <= t.start < m.end(1) for t, p in zip(toponyms, resolved, strict=True))


_BASED_AFTER = re.compile(r"[-\u2010-\u2014]?\s?based\b", re.I)
# A sentence about the day the report is written ("police are still searching", "this morning"): not the story's day.
_TOLD_NOW = re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|now|currently|still|so\s+far)\b", re.I)
# A crowd said to gather or march somewhere, with no purpose told: a demonstration where the report is about them.
_CROWD_GATHERED = re.compile(
    r"\b(?:(?:several|a\s+few|some|many)\s+)?(?:hundreds?|thousands?|tens\s+of\s+thousands|dozens|\d[\d,]*(?:\s+to\s+"
    r"[\d,]+)?|(?:between\s+)?[\d,]+\s+and\s+[\d,]+|(?:a|one|two|three|five|ten|several)\s+(?:hundred|thousand))\s+"
    r"(?:of\s+)?(?:people|residents|supporters|citizens|students|young\s+people|women|men|demonstrators|protesters)?\s*"
    r"(?:had\s+)?(?:gathered|assembled|massed|converged|marched|rallied|walked|filled|stood|sat|blocked)\b",
    re.I,
)
CROWD_SCORE = 0.75
# The means police use on crowds, not on an armed side.
_CROWD_CONTROL = re.compile(
    r"\b(?:tear ?-?gas|water ?-?cannons?|rubber (?:bullets|pellets)|stun grenades|pepper spray|batons)\b", re.I
)
_SAME_PLACE = re.compile(
    r"\b(?:the\s+same|that)\s+(?:district|area|town|village|city|neighbou?rhood|locality|municipality|county|region"
    r"|commune|township|zone|camp|spot|place)\b"
    # "in the city's District 1", "in the town" (not "the town of X"): the settlement named last
    r"|\bthe\s+(?:city|town|village)['\u2019]s\b|\b(?:in|inside|across|around)\s+the\s+(?:city|town|village)\b(?!\s+of\b)",
    re.I,
)
# Things an incident happens at or to, named again with "the" ("the detachment", "the market", "the convoy"): the
# sentence that first placed them says where
_SITE_NOUN = (
    r"(?:base|camp|post|outpost|detachment|barracks|garrison|market|marketplace|mosque|church|school|hospital|clinic"
    r"|convoy|procession|funeral|wedding|checkpoint|prison|jail|hotel|bridge|airport|compound|headquarters|rally"
    r"|sit-in|gathering|ceremony|mine|refinery|depot|warehouse|factory|stadium|university|campus"
    r"|shopping\s+(?:centre|center|mall)|mall|shrine|temple|synagogue|cathedral|pagoda|monastery|tavern|nightclub"
    r"|restaurant|bakery|station|terminal|port|harbou?r)"
)
_DEFINITE_SITE = re.compile(rf"\bthe\s+(?:[\w-]+\s+){{0,2}}?({_SITE_NOUN})s?\b", re.I)
_ANTECEDENT_LOOKBACK = 12  # sentences back where the thing named again may have been placed
_ANTECEDENT_WINDOW = 80  # characters between the thing and its place in that sentence


def _antecedent_place(
    sent: _Sentence, before: list[_Sentence], toponyms: list[Toponym], resolved: list[Place | None], filed: set[int]
) -> Place | None:
    """The place of the thing a placeless sentence names again with "the" (definite noun-phrase anaphora): the
    nearest precise place within a few words of the same noun in the latest sentence before it that names both."""
    nouns = {m.group(1).lower() for m in _DEFINITE_SITE.finditer(sent.text)}
    if not nouns:
        return None
    for prev in reversed(before):
        idx = [
            i
            for i, t in enumerate(toponyms)
            if prev.start <= t.start < prev.end and i not in filed and resolved[i] is not None
            and not _coarse(resolved[i])
        ]  # fmt: skip
        if not idx:
            continue
        told = event_places(prev.text, prev.start, [toponyms[i] for i in idx], [resolved[i] for i in idx])
        here = {id(p) for _, p in told}
        best: tuple[int, Place] | None = None
        for m in re.finditer(rf"\b({_SITE_NOUN})s?\b", prev.text, re.I):
            if m.group(1).lower() not in nouns:
                continue
            for i in idx:
                p = resolved[i]
                if p is None or id(p) not in here:
                    continue
                at = toponyms[i].start - prev.start
                gap = min(abs(at - m.end()), abs(m.start() - (toponyms[i].end - prev.start)))
                if gap <= _ANTECEDENT_WINDOW and (best is None or gap < best[0]):
                    best = (gap, p)
        if best is not None:
            return best[1]
    return None


_PRONOUN_OPENS = re.compile(r"(?:[A-Z][\w ]{0,20},\s+)?(?:They|Their|He|His|She|Her|It|Its|Them)\b")
# a sentence that goes on about people or things the one before introduced: a pronoun, or a definite noun phrase
# ("The demonstrators chanted slogans", "The gunmen then fled"): it tells the same scene
_ANAPHOR_OPENS = re.compile(
    r"(?:[A-Z][\w ]{0,20},\s+)?(?:They|Their|He|His|She|Her|It|Its|Them|(?:The|These|Those)\s+(?!same\b)[a-z][\w-]*s\b)"
)
# the trigger in the clause after "a day after": the incident, dated back from the day the main clause tells
_DAYS_AFTER_BEFORE = re.compile(r"\b(a|one|two|three|four|five|six|seven)\s+days?\s+after\s+(?:[\w'-]+\s+){0,8}$", re.I)
# A day told by the one before: "on the same night", "later that day", "the following morning".
_SAME_DAY = re.compile(
    r"\b(?:(?:on|during|in)\s+)?(?:the\s+|that\s+)?(?:(next|following)|same)\s+(?:day|night|evening|morning|afternoon)\b"
    r"|\b(?:later|earlier)\s+(?:that|the\s+same|in\s+the)\s+(?:day|night|evening|morning|afternoon)\b",
    re.IGNORECASE,
)


_AFTER_CLAUSE = re.compile(
    r"\b(?:after|following|in\s+response\s+to|in\s+retaliation\s+for)\s+(?!the\b|a\b|an\b)"
    # (not a time: "shortly after 5 p.m.", "after midnight", "after dawn")
    r"(?!\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\b|GMT|UTC|local|hours|hrs|h\b|o'clock)|\d{1,2}:\d{2}"
    r"|(?:midnight|noon|midday|dawn|dusk|nightfall|sunset|sunrise|daybreak)\b)",
    re.I,
)


_OPENS_WITH_DAY = re.compile(
    r"^\W*(?:(?:[Ll]ate|[Ee]arly)\s+)?[Oo]n\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
    r"|^\W*(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day['\u2019]s\s"  # "Monday's assault began at about 5 a.m."
    # "At 7:40 am on Saturday, commandos stormed the building": a clock time, then the day
    r"|^\W*(?:[Aa]t|[Bb]y|[Aa]round|[Aa]bout|[Ss]hortly\s+(?:before|after))\s+(?:about\s+|around\s+)?\d{1,2}(?:[:.]\d\d)?"
    r"\s*(?:[ap]\.?\s?m\.?|GMT|local\s+time|hours?)?,?\s+on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
)
_SAID_EARLY = re.compile(r"\b(?:said|says|told|announced|reported|confirmed|stated)\b", re.I)
_RUNNING_SINCE = re.compile(r"\b(?:since|from|throughout|over)\s+(?:early\s+|late\s+|mid-?)?(?:[A-Z]|\d|last)", re.I)


def _old_news(sentence: str, published: date | None) -> bool:
    """Every day the sentence names is weeks before publication, or it names an earlier year: a recalled incident."""
    if published is None:
        return False
    days = [
        d
        for d in find_dates(sentence, published)
        if d.value is not None
        and d.kind not in ("clock", "rite")
        and not _RUNNING_SINCE.search(sentence[max(0, d.start - 20) : d.start + 12])
    ]  # ("has carried out drone strikes since October": the campaign going on, not a recalled incident)
    return bool(days) and all((published - d.value).days > BACKGROUND_DAYS for d in days)


def _act_position(sentence: str, match: EventTypeMatch, live: list[EventTypeMatch]) -> int:
    """Where the act the sentence dates is told: "pupils were missing on Sunday after gunmen stormed a school late on
    Friday and marched students into the forest" dates the abduction by the clause after "after" when it tells the
    same kind of event again."""
    cut = _AFTER_CLAUSE.search(sentence, match.end)
    if cut is None:
        return match.start
    state = _STATE_TRIGGER.search(match.trigger) is not None  # "were missing": a state after the act
    later = [
        t
        for t in live
        if (state or (t.sub_event_type == match.sub_event_type and t.score >= match.score)) and t.start >= cut.end()
    ]  # (not "gangs attacked the prison after hours of gunfire": a weaker word for the same act, told before it)
    return later[0].start if later else match.start


_STATE_TRIGGER = re.compile(r"\b(?:missing|unaccounted|still held|remain(?:s|ed)?)\b", re.I)


# the words from an incident's noun to an act its relative clause tells ("..., in which at least 22 were killed")
_ITS_CLAUSE = re.compile(r"[^.;]{0,60}?\b(?:in which|during which|which|that|where|when)\b", re.I)


def _event_date(
    dates: list[DateMention],
    published: date | None,
    skip_before: int,
    sentence_start: int,
    trigger: int | None = None,
    sentence: str = "",
    doc: Any = None,
) -> tuple[date | None, int, bool]:
    """The day an event sentence gives (the most precise, then the one nearest the event's trigger: "published on
    Wednesday" at the end does not date the strike told at the start; a page stamp or the day a source spoke only when
    nothing else dates it), else the publication day with precision 2; flag when it says nothing."""
    usable = [d for d in dates if d.value is not None and d.precision <= 2 and sentence_start + d.start >= skip_before]
    stamps = [d for d in usable if _STAMP_BEFORE.search(sentence[max(0, d.start - 60) : d.start])]
    usable = [d for d in usable if d not in stamps]
    # a dateline the parser left at the head of the lead ("12 December 2019 - (Agency, City) The government has
    # confirmed that ... attacked the camp on Tuesday evening") is the report's stamp, not the act's day, when the
    # sentence names another day
    datelines = [
        d for d in usable if _DATELINE_BEFORE.match(sentence, 0, d.start) and _DATELINE_AFTER.match(sentence, d.end)
    ]
    if datelines and len(datelines) < len(usable):
        usable = [d for d in usable if d not in datelines]
    if trigger is not None and sentence:
        # "police say they have arrested suspects over Friday's attack on a hotel": a day written as another
        # incident's ("Friday's attack") dates that incident, not an act outside it
        other = [
            d
            for d in usable
            if (m := _DAY_RETELLING.search(sentence, d.start, d.end + 40)) is not None
            and m.start() < d.end
            and not m.start() <= trigger < m.end()
            # (not the act told in that incident's own relative clause: "Wednesday's attack on the airport, in which
            # at least 22 people were killed")
            and not (m.end() <= trigger and _ITS_CLAUSE.match(sentence, m.end(), trigger))
        ]
        usable = [d for d in usable if d not in other]
        # "troops were deployed on Wednesday after rebels killed 16 workers": the day of the main clause is what
        # followed the event, not its day
        after = [m.end() for m in _AFTER_CLAUSE.finditer(sentence, 0, trigger)]
        if after:
            # (an item's heading line above the clause dates the whole item: "2. TEHRAN, Sunday 2 October - ...")
            head = sentence.find("\n")
            head = head if 0 < head < 140 and not sentence[:head].rstrip().endswith((".", "!", "?")) else -1
            main_clause = [d for d in usable if head < d.start < after[-1] and d.kind not in ("clock", "rite")]
            # the last "after" clause that gives a day ("awoke today in mourning after ten people were killed ...
            # yesterday afternoon, which ended after forces stormed the castle and killed four": the later clause
            # names no day of its own, the earlier one does)
            cut = next(
                (a for a in reversed(after) if any(d.start >= a and d.kind not in ("clock", "rite") for d in usable)),
                after[-1],
            )
            usable = [d for d in usable if d.start >= cut or d.end <= head]
            if not usable and main_clause and published is not None:
                told = max(main_clause, key=lambda d: d.value)
                if _DIED_BEFORE_AFTER.search(sentence, 0, after[-1]):
                    # "A protester died on Monday after being hit by a car during a road blockade": the act's day
                    # is the day of the death the sentence gives, not the publication day
                    return told.value, told.precision, True
                if (published - told.value).days >= 5:
                    # "announced his resignation last week after security forces shot dead dozens": the act came
                    # before a day already past, not on the day the report goes on about
                    return told.value, max(2, told.precision), True
        if doc is not None:
            acts = _days_of_the_act(usable, doc, sentence_start, trigger)
            # (a parse that hangs the event on the verb of saying leaves only the day a source spoke: not the act's)
            if any(not _report_date(d, sentence) for d in acts) or all(_report_date(d, sentence) for d in usable):
                usable = acts
    if usable:
        near = (lambda d: min(abs(d.start - trigger), abs(d.end - trigger))) if trigger is not None else (lambda d: 0)
        # (a day named beside a clock time dates the act: "at about 6:20 p.m. on Wednesday")
        best = min(
            usable,
            key=lambda d: (
                _report_date(d, sentence),
                d.precision,
                d.kind in ("clock", "rite"),
                near(d),
                not d.relative,
            ),
        )
        if best.kind == "rite" and any(d.kind == "week" and 0 <= d.start - best.end <= 25 for d in usable):
            return best.value, best.precision, True  # "after Friday prayers last week": that week's rite, dated
        if best.kind in ("clock", "rite"):
            # A time of day alone ("shortly after 8 pm") or a weekly rite ("leaving Friday prayers") is on the day the
            # story is about: the day just told when the sentence goes on about it, else the clock's publication day
            # or the rite's last weekday.
            return best.value, best.precision, False
        if _report_date(best, sentence):
            # Only the day a source spoke ("the toll has risen to 112, a monitor said Sunday"): near the event, not
            # its day; a later sentence that gives the day ("on Saturday") dates it.
            return best.value, 2, False
        return best.value, best.precision, True
    if published is None:
        return None, 3, False
    return published, 2, False


_DIED_BEFORE_AFTER = re.compile(r"\b(?:died|succumbed|perished|was\s+pronounced\s+dead)\b", re.I)


def _days_named(text: str, published: date | None) -> list[DateMention]:
    """The calendar days and weekdays a text names (day precision; not a clock time), in text order."""
    return [d for d in find_dates(text, published) if d.value is not None and d.precision == 1 and d.kind != "clock"]


def _from_the_story_day(
    dates: list[DateMention], before: str, published: date | None, drafts: list[_Draft]
) -> list[DateMention]:
    """The sentence's "the next day" and "the day before" read from the day the story told last, not from the
    report's ("On 4 December soldiers fired on a truck ... The next day, a man was killed in Mon town": 5 December, not
    the day after publication): a day the sentence names before it, else the last day the sentence before names, else
    the last event's day (as written when none)."""
    out: list[DateMention] = []
    for d in dates:
        shift = story_shift(d.text)
        if shift is None:
            out.append(d)
            continue
        own = [e.value for e in out if e.value is not None and e.kind not in ("clock", "rite", "year", "month")]
        last = drafts[-1].mention.event_date if drafts else None
        anchor = own[-1] if own else _last_day(before, published) or last
        if anchor is None:
            out.append(d)
            continue
        out.append(replace(d, value=anchor + timedelta(days=shift), precision=1))
    return out


def _last_day(text: str, published: date | None) -> date | None:
    """The last calendar day or weekday a sentence names, or None."""
    days = _days_named(text, published)
    return days[-1].value if days else None


_CROWD_NOUNS = frozenset({"protesters", "protestors", "demonstrators", "marchers", "protester", "demonstrator"})
# verbs a crowd noun may be the object of in the telling of its own demonstration ("organisers led the marchers to
# the square"), by their stems: the pipeline loads no lemmatizer
_PROTEST_VERB_STEMS = (
    "gather", "march", "rall", "protest", "demonstrat", "assembl", "chant", "block", "occup", "converg", "stag",
    "hold", "held", "join", "lead", "led", "organi", "mobili", "bring", "brought", "bus", "address", "urg", "call",
)  # fmt: skip


def _trigger_token(doc: Any, offset: int, match: EventTypeMatch, words: frozenset[str]) -> Any:
    """The parse's root token of a one-word trigger among ``words`` ("protesters", "vigil"), else None."""
    if doc is None or match.trigger.lower().strip() not in words:
        return None
    span = doc.char_span(offset + match.start, offset + match.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _crowd_only_named(doc: Any, offset: int, match: EventTypeMatch) -> bool:
    """The protest trigger is only a crowd's noun named as the object of another act ("interviewed 23 witnesses,
    including protesters", "stop using weapons against protesters"): the parse says no demonstration is told (ACLED
    codes a demonstration that took place, not every mention of demonstrators)."""
    tok = _trigger_token(doc, offset, match, _CROWD_NOUNS)
    if tok is None or tok.dep_ not in ("dobj", "pobj"):
        return False
    verb = tok.head  # the verb the crowd hangs from ("led hundreds of marchers": marchers <- of <- hundreds <- led)
    for _ in range(4):
        if verb.tag_.startswith("VB") or verb.head is verb:
            break
        verb = verb.head
    return not verb.lower_.startswith(_PROTEST_VERB_STEMS)


_GATHERING_NOUNS = frozenset(
    {"march", "marches", "rally", "rallies", "vigil", "vigils", "protest", "protests", "demonstration",
     "demonstrations", "sit-in", "sit-ins", "procession", "processions"}
)  # fmt: skip
# verbs whose object (or passive subject) is a demonstration that had not taken place when told
_NOT_HELD_VERBS = frozenset(
    {"announce", "announced", "announces", "announcing", "plan", "planned", "plans", "planning", "schedule",
     "scheduled", "ban", "banned", "bans", "prohibit", "prohibited", "forbid", "forbade", "forbidden", "postpone",
     "postponed", "cancel", "cancelled", "canceled", "threaten", "threatened", "threatens", "vow", "vowed", "vows",
     "promise", "promised", "promises", "urge", "urged", "urges"}
)  # fmt: skip


def _protest_not_held(doc: Any, offset: int, match: EventTypeMatch) -> bool:
    """The protest trigger is a demonstration's noun that the parse ties to a plan, a ban or a negation ("has
    announced a vigil in Accra on Saturday", "a march ... was put off", "demonstrations planned ... did not take
    place"): ACLED codes demonstrations that took place."""
    tok = _trigger_token(doc, offset, match, _GATHERING_NOUNS)
    if tok is None:
        return False
    if any(c.lower_ in _NOT_HELD_VERBS and c.dep_ in ("acl", "amod", "relcl") for c in tok.children):
        return True  # "demonstrations planned in Bukavu", "the banned march"
    if tok.dep_ not in ("dobj", "nsubjpass", "nsubj", "npadvmod") or tok.head is tok:
        return False
    verb = tok.head
    if verb.lower_ in _NOT_HELD_VERBS and tok.dep_ != "nsubj":
        return True
    if any(c.dep_ == "neg" for c in verb.children) and tok.dep_ in ("nsubj", "nsubjpass"):
        return True  # "did not take place", "was not held"
    # "put off", "called off" (not "passed off without incident")
    return verb.lower_ in ("put", "call", "called", "calls") and any(
        c.dep_ == "prt" and c.lower_ == "off" for c in verb.children
    )


def _governing_verb(doc: Any, start: int, end: int) -> int | None:
    """The index of the verb a span hangs from in the parse (the span's own head when it is a verb)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(12):
        if tok.tag_.startswith("VB") or tok.head is tok:
            return tok.i
        tok = tok.head
    return None


def _in_another_clause(doc: Any, offset: int, match: EventTypeMatch, words: tuple[int, int]) -> bool:
    """The words (a background phrase: "days earlier", "last month", "December") hang in the parse from a verb that
    neither is the act's nor governs it, in a clause after the act ("... killed in an arson attack on a bar has risen to
    28, as a row grew over why a suspect had been released days earlier") or in a clause that describes a noun ("28
    people, travelling home for the December holidays, were shot dead"): another clause's time, not the act's. A
    time said before the act in a clause of its own ("Last month the armies carried out an operation; eight militants
    were killed") is the act's."""
    if doc is None:
        return False
    verb = _governing_verb(doc, offset + words[0], offset + words[1])
    span = doc.char_span(offset + match.start, offset + match.end, alignment_mode="expand")
    if verb is None or span is None or len(span) == 0:
        return False
    tok = span.root
    if verb == tok.i or any(a.i == verb for a in tok.ancestors):
        return False
    return words[0] > match.start or doc[verb].dep_ in ("acl", "relcl")


def _days_of_the_act(usable: list[DateMention], doc: Any, offset: int, trigger: int) -> list[DateMention]:
    """The days the parse attaches to the event's own verb, when the sentence also names days of other acts ("Families
    on Monday began burying the pupils killed when gunmen stormed the school on Saturday": Saturday hangs from
    'stormed', Monday from 'began'). Times of day are kept; without such a split nothing changes."""
    days = [d for d in usable if d.kind not in ("clock", "rite")]
    if len(days) < 2:
        return usable
    verb = _governing_verb(doc, offset + trigger, offset + trigger + 1)
    if verb is None:
        return usable
    own = [d for d in days if _governing_verb(doc, offset + d.start, offset + d.end) == verb]
    if not own or len(own) == len(days):
        return usable
    return [d for d in usable if d in own or d.kind in ("clock", "rite")]


def _anchored(sent: _Sentence, toponyms: list[Toponym], resolved: list[Place | None], dates: list[DateMention]) -> bool:
    """The sentence (or its bulletin item's heading) gives its own day (a weekday or a date) and names its own town or
    village. A strong trigger told so ("On Wednesday, heavy fighting was reported around X") is an incident as ACLED
    records one, however the sentence hedges ("the reports could not be verified"): the role model, trained on weak
    labels, rates such hedges as commentary, while its own mined training rule calls a strong trigger with a day and a
    toll an event."""
    days = [d for d in dates if d.value is not None and d.precision == 1]
    if not days:
        return False
    return any(
        sent.start <= t.start < sent.end and p is not None and not _coarse(p) and p.feature != "country"
        for t, p in zip(toponyms, resolved, strict=False)
    )


# The building of a national institution, which stands in the capital (not a regional or state one).
_NATIONAL_SEAT = re.compile(
    r"(?<!regional )(?<!provincial )(?<!state )(?<!local )(?<!municipal )(?<!city )(?<!county )(?<!district )"
    r"\b(?:(?:Congress|Parliament|National Assembly|Senate)(?: building| house)?|parliament building"
    r"|(?:presidential|National|Government) (?:[Pp]alace|residence|compound))\b"
    r"|\b(?:outside|near|in\s+front\s+of|around|at|stormed)\s+(?:the\s+)?parliament\b(?!\s+(?:of|in)\s)"
)


# "in the capital" said of the report's country (not a regional, provincial or economic capital, nor "the capital of X")
_IN_THE_CAPITAL = re.compile(
    r"\b(?:in|across|around|outside|on\s+the\s+streets\s+of"
    r"|in\s+the\s+(?:north|south|east|west|centre|center)(?:ern)?\s+(?:part\s+)?of"  # "in the north of the capital"
    # "on the southern edge of the capital": near it (ACLED geo_precision 2)
    r"|(?P<edge>(?:on|at|in)\s+the\s+(?:(?:northern|southern|eastern|western)\s+)?(?:outskirts|edge|fringes?)\s+of))"
    r"\s+the\s+(?:country's\s+|nation's\s+|(?P<adj>(?-i:[A-Z][a-z]+))\s+)?capital\b"
    r"(?!\s*(?:of|city\s+of)\s)(?!,\s+(?-i:[A-Z]))",
    re.I,
)


def _capital_country(seat: re.Match[str], country: str | None) -> str | None:
    """The ISO code of the country whose capital "in the capital" means: a nationality adjective's ("in the Chadian
    capital"), else the report's country; None for another adjective ("in the old capital")."""
    if seat.re is _IN_THE_CAPITAL and seat.group("adj"):
        return demonym_table().get(seat.group("adj"))
    return country_iso2(country) if country else None


_SCENE_OPENS = re.compile(r"(?:^|\n|[.!?]\s)\s*In\s+$")


def _read_so_far(
    doc_places: list[Place],
    first_named: dict[str, int],
    start: int,
    named_at: dict[str, list[int]],
    filed: list[Place] | None = None,
    scenes: frozenset[str] = frozenset(),
) -> list[Place]:
    """The report's places as a reader knows them at a sentence that names none: those named before it (the most
    central first); a place the report brings only later, for another incident, comes after them. With ``named_at``
    (the sentence says "there": where each place is named), the place named last before it comes first ("a gathering
    in Chimbay. People there told us ..."). ``scenes``: places first named opening a sentence ("In Cordoba, ...");
    before the body names any place, those come after the dateline's city (``filed``)."""
    before = [p for p in doc_places if first_named.get(p.location, start) < start and p.feature != "country"]
    if not before and filed and scenes:
        # a place first named opening a scene of its own further on ("In Cordoba, several thousand people marched")
        # is that scene's: before it, the dateline's city is the place the reader knows
        later = [p for p in doc_places if p.location not in scenes]
        return [*later, *filed, *(p for p in doc_places if p not in later and p not in filed)]
    if named_at and before:
        latest = max(before, key=lambda p: max((at for at in named_at.get(p.location, ()) if at < start), default=-1))
        before = [latest] + [p for p in before if p is not latest]
    return before + [p for p in doc_places if p not in before] if before else doc_places


# "there" as a place ("People there told us"), not "there is/was ..." nor a sentence's opening "There"
_THERE = re.compile(
    r"(?<=[a-z,] )there\b(?!\s+(?:is|are|was|were|has|have|had|will|would|may|might|could|seems?|appears?|remains?)\b)"
)


SCENE_VOTES = 2  # a country named as where something happens ("in Somalia") counts this much more than a mention


def _country_hint(places: list[Place | None], text: str = "") -> str | None:
    """The report's country: its resolved places and the countries it names (context.focus_country)."""
    names = {p.iso: p.country for p in places if p is not None and p.iso and p.country}
    named = named_countries(text)
    for at, scene in country_names_at(text):
        if _SCENE_BEFORE.search(text, max(0, at - 30), at):
            # "overran an African Union base in south-western Somalia": where things happen, told from Nairobi by
            # Kenya's military, weighs more than the countries whose forces or officials speak
            named[scene] += SCENE_VOTES
    iso = focus_country(named, [p.iso for p in places if p is not None and p.feature != "country"])
    if iso is None:
        countries = Counter(p.country for p in places if p is not None and p.country)
        return countries.most_common(1)[0][0] if countries else None
    return names.get(iso) or acled_country_name(iso)


def _confidence(match: EventTypeMatch, place: Place | None, dated: bool, casualties: Casualties) -> float:
    score = 0.35 + 0.35 * match.score
    score += 0.15 if place is not None and place.geo_precision == 1 else 0.05 if place is not None else 0.0
    score += 0.1 if dated else 0.0
    score += 0.05 if casualties.fatalities is not None else 0.0
    return min(score, 1.0)


def _place_key(place: Place | None) -> str | None:
    if place is None:
        return None
    return place.gazetteer_id or f"{place.location}|{place.latitude:.3f}|{place.longitude:.3f}"


def _same_happening(a: Mention, b: Mention) -> bool:
    """Two mentions in one report tell the same happening: same type, day and place (or one place unknown)."""
    if a.event_type != b.event_type or a.event_date != b.event_date:
        return False
    if a.sub_event_type != b.sub_event_type and a.event_type not in _PRECEDENCE:
        return False
    ka, kb = _place_key(a.place), _place_key(b.place)
    if ka is not None and kb is not None and ka != kb:
        same_city = a.place and b.place and a.place.location.split(" - ")[0] == b.place.location.split(" - ")[0]
        two_districts = a.place and b.place and a.place.feature == b.place.feature == "district"
        if not same_city or two_districts:  # districts of one city named apart are events apart (ACLED)
            return False
    return True


def _near_days(a: Mention, b: Mention) -> bool:
    if a.event_date is None or b.event_date is None:
        return a.event_date == b.event_date
    slack = 2 if max(a.time_precision, b.time_precision) >= 2 else 1  # "over the weekend", "last week"
    return abs((a.event_date - b.event_date).days) <= slack


def _same_place(a: Mention, b: Mention) -> bool:
    """Same place key or same city; a mention placed no finer than a province is compatible with any place in it."""
    if a.place is None or b.place is None:
        return True
    if _place_key(a.place) == _place_key(b.place):
        return True
    if a.place.feature == b.place.feature == "district":
        return False  # two districts of one city named apart are events apart (ACLED)
    if "country" in (a.place.feature, b.place.feature) and a.place.iso is not None and a.place.iso == b.place.iso:
        return True  # "a town in the north of the country", then the town by name
    if a.place.location.split(" - ")[0] == b.place.location.split(" - ")[0]:
        return True
    if a.event_date == b.event_date and (
        _district_of_the_city(a.place, b.place) or _district_of_the_city(b.place, a.place)
    ):
        return True  # "a Lahore park", then "the city's Allama Iqbal Town neighbourhood" (told of the same day)
    if (_near_and_within(a.place, b.place) or _near_and_within(b.place, a.place)) and (
        not a.fatalities or not b.fatalities or a.fatalities == b.fatalities
    ):
        return True  # (each with a toll of its own: two incidents near each other)
    coarse = [m for m in (a, b) if m.place is not None and (m.place.geo_precision >= 3 or m.place.feature == "admin1")]
    return bool(coarse) and a.place.admin1 is not None and a.place.admin1 == b.place.admin1


QUIET_GAP = 5  # sentences without a day or a new incident after an event that still go on about it
NEAR_KM = 40.0  # "a raid near Culiacán", then the village it was in: ACLED's precision 2 is the vicinity of a town


def _toll_elsewhere(here: list[Place | None], last: Mention) -> bool:
    """A toll sentence with no trigger that names a precise place outside the last event's province and far from it
    ("... a US air strike near Jilib had killed a senior leader") tells another happening's toll, not the last one's."""
    precise = [p for p in here if p is not None and not _coarse(p)]
    if not precise or last.place is None:
        return False
    return all(
        p.iso != last.place.iso
        or (
            p.admin1 != last.place.admin1
            and haversine_km(p.latitude, p.longitude, last.place.latitude, last.place.longitude) > NEAR_KM
        )
        for p in precise
    )


# a toll sentence that counts victims where they were treated or identified tells no place of the incident
_TREATED = re.compile(r"\b(?:hospitals?|clinics?|morgues?|mortuar(?:y|ies)|medics?|doctors?)\b", re.I)
# a place naming whose officials, police or services spoke ("Kirkuk health officials"): not where it happened
_AN_INSTITUTION_AFTER = re.compile(
    r"\s+(?:(?:health|police|security|military|army|provincial|local|city|district|state)\s+)?"
    r"(?:officials?|authorit(?:y|ies)|police|governor|council|directorate|department|spokes(?:man|woman|person))\b",
    re.I,
)


# a sentence that goes on about what was just told: it opens on the incident, its people or its vehicles, or a pronoun
_GOES_ON_ABOUT = re.compile(
    rf"(?:(?:the|this|that|their|its|his|her)\s+(?:[\w-]+\s+){{0,2}}?(?:{_INCIDENT_NOUNS}|ambush|massacre|fighting"
    r"|victims|bodies|attackers|assailants|gunmen|kidnappers|abductors|hostages|bus|minibus|car|vehicle|convoy|truck"
    r"|boat|train|plane|helicopter)\b|(?:they|he|she|it)\s+(?:was|were|had)\b)",
    re.I,
)
_LOCATED_AT = re.compile(
    r"\b(?:in|at|near|outside|around|close\s+to|outskirts\s+of)\s+(?:the\s+)?(?:(?:small\s+)?(?:village|town|city|hamlet"
    r"|area|district|neighbou?rhood|locality|settlement)\s+of\s+)?$",
    re.I,
)


def _finer_place_told(
    sent: _Sentence,
    toponyms: list[Toponym],
    resolved: list[Place | None],
    filed: set[int],
    last: Mention,
    near_refines: bool = False,
) -> Place | None:
    """The one place a sentence that goes on about the incident just told (its toll, its vehicle) names, when it is
    more precise than that incident's place and lies inside it (the same first-level unit, or near): where that
    incident was. None otherwise."""
    told = last.place
    if told is None or _TREATED.search(sent.text):
        return None  # "one of the wounded died overnight in a Duhok hospital": where victims were treated
    named = [
        i
        for i, t in enumerate(toponyms)
        if sent.start <= t.start < sent.end
        and i not in filed
        and not t.spoken
        and resolved[i] is not None
        and not _AN_INSTITUTION_AFTER.match(sent.text, t.end - sent.start)  # ("Kirkuk health officials said")
        # placed by the sentence ("fighting near the village of Shewan"), not a belonging ("the mayor of Banibangou")
        and _LOCATED_AT.search(sent.text, max(0, t.start - sent.start - 50), t.start - sent.start) is not None
    ]
    # one place besides the one told ("near Ganthier, a town about 30 km east of the capital"): "Two people died in
    # Omdurman and one in central Khartoum" splits a toll
    surfaces = {
        t.surface
        for i, t in enumerate(toponyms)
        if sent.start <= t.start < sent.end
        and not t.spoken
        and (resolved[i] is None or (resolved[i].location != told.location and not _coarse(resolved[i])))
    }  # (a country or a province beside it places nothing: "on the way to the border with the Dominican Republic")
    named = [i for i in named if resolved[i].location != told.location]  # type: ignore[union-attr]
    if len(surfaces) != 1 or len({resolved[i].location for i in named}) != 1:  # type: ignore[union-attr]
        return None
    place = place_for_event(sent.text, sent.start, None, [toponyms[i] for i in named], [resolved[i] for i in named], [])
    if place is None or _coarse(place) or place.iso != told.iso or place.location == told.location:
        return None
    if place.geo_precision > told.geo_precision or (
        place.geo_precision == told.geo_precision
        and not (near_refines and told.geo_precision == 2 and place.feature in ("city", "town", "village"))
    ):
        return None  # (near_refines: a place near which it happened refines one it was only measured from)
    inside = (told.admin1 and place.admin1 == told.admin1) or haversine_km(
        place.latitude, place.longitude, told.latitude, told.longitude
    ) <= NEAR_KM
    return place if inside else None


def _district_of_the_city(city: Place, part: Place) -> bool:
    """A district the gazetteer holds apart from the city it lies in (Allama Iqbal Town, Lahore): the city's part."""
    if city.feature != "city" or city.iso != part.iso or part.feature not in ("district", "village", "town"):
        return False
    km = haversine_km(city.latitude, city.longitude, part.latitude, part.longitude)
    return km <= (_CITY_DISTRICT_KM if part.feature == "district" else _CITY_SUBURB_KM)  # (a suburb the gazetteer
    # holds as a village: Haret Hreik, in Beirut's southern suburbs)


_CITY_DISTRICT_KM = 15.0
_CITY_SUBURB_KM = 8.0


def _near_and_within(near: Place, precise: Place) -> bool:
    """ "Near X" (geo precision 2) and a place told precisely within NEAR_KM of X in the same province: one spot."""
    return (
        near.geo_precision == 2
        and precise.geo_precision == 1
        and near.iso is not None
        and near.iso == precise.iso
        and near.admin1 is not None
        and near.admin1 == precise.admin1
        and haversine_km(near.latitude, near.longitude, precise.latitude, precise.longitude) <= NEAR_KM
    )


_BARE_BLAST = re.compile(r"\b(?:explosions?|blasts?|detonations?)\b", re.I)
_DEVICE = re.compile(
    r"\b(?:bombs?|bomber|IEDs?|mines?|landmines?|devices?|explosives|suicide|grenades?|booby|roadside|car-bomb)\b", re.I
)
_STRIKE_SUBS = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
_BLAST_OF_STRIKE_KM = 25.0


def _host_near(drafts: list[_Draft], d: _Draft, fits: Any) -> _Draft | None:
    """The first draft but ``d`` placed within `_BLAST_OF_STRIKE_KM` of ``d``'s place whose mention ``fits``: the
    incident a blast or a noise told apart belongs to."""
    m = d.mention
    if m.place is None:
        return None
    return next(
        (
            k
            for k in drafts
            if k is not d
            and k.mention.place is not None
            and fits(k.mention)
            and haversine_km(k.mention.place.latitude, k.mention.place.longitude, m.place.latitude, m.place.longitude)
            <= _BLAST_OF_STRIKE_KM
        ),
        None,
    )


def _blasts_of_the_strike(drafts: list[_Draft]) -> list[_Draft]:
    """Explosions told with no device and no one behind them ("witnesses said two large explosions hit near tents"),
    on the day and near the place of an air strike or shelling the report tells, are that strike's blasts heard on
    the ground, not a bombing of their own: they fold into the strike."""
    out = list(drafts)
    for d in drafts:
        m = d.mention
        if m.sub_event_type != "Remote explosive/landmine/IED" or m.place is None or not m.evidence:
            continue
        text = " ".join(e.text for e in m.evidence)
        if not _BARE_BLAST.search(text) or _DEVICE.search(text) or (m.actor1 and "Unidentified" not in m.actor1):
            continue
        host = _host_near(out, d, lambda k, m=m: k.sub_event_type in _STRIKE_SUBS and _near_days(k, m))
        if host is None:
            continue
        date_, precision, place = host.mention.event_date, host.mention.time_precision, host.mention.place
        sub, etype, actor1, inter1 = (
            host.mention.sub_event_type,
            host.mention.event_type,
            host.mention.actor1,
            host.mention.inter1,
        )
        _merge(host, d)
        hm = host.mention
        hm.event_date, hm.time_precision, hm.place = date_, precision, place
        hm.sub_event_type, hm.event_type, hm.actor1, hm.inter1 = sub, etype, actor1, inter1
        out.remove(d)
    return out


# the noises people hear of violence, and what witnesses heard or were woken by: "residents said they heard two loud
# explosions", "were woken by gunfire", "bursts of gunfire were heard", "reported hearing blasts"
_NOISES = r"explosions?|blasts?|detonations?|gunfire|gunshots|shots|shooting|shelling|bangs?|booms?"
_HEARD = re.compile(
    rf"\b(?:heard|hearing|hear|woken|woke|awoken|awakened)\b[^;]{{0,40}}?\b(?:{_NOISES}|sirens)\b"
    rf"|\b(?:{_NOISES})\b[^;]{{0,40}}?\b(?:was|were)\s+heard\b",
    re.I,
)
_NOISE = re.compile(_NOISES, re.I)


def _noise_only(sentence: str) -> bool:
    """The sentence names no armed actor and no act but noises ("a junta warplane dropped bombs ..., and explosions
    were heard across the border" tells the strike with its doer)."""
    return (
        all(a.inter == 7 for a in find_actors(sentence))
        and not _ARMED_VICTIM.search(sentence)  # ("..., where soldiers were still resisting": fighting told)
        and all(_NOISE.fullmatch(t.trigger.strip()) for t in find_triggers(sentence))
    )


def _only_heard(drafts: list[_Draft]) -> list[_Draft]:
    """A sentence that tells only what people heard ("Residents said they were woken at 5 a.m. by two explosions
    followed by gunfire"), with no one killed or hurt and no one named behind it, on the day and near the place of an
    incident the report tells: that incident heard, not one of its own (the hearers are no victims). It folds into the
    incident; alone in its report it stays."""
    out = list(drafts)
    for d in drafts:
        m = d.mention
        if (
            len(m.evidence) != 1
            or m.place is None
            or m.fatalities
            or m.injured
            or not _HEARD.search(m.evidence[0].text)
            or not _noise_only(m.evidence[0].text)
        ):
            continue
        host = _host_near(
            out,
            d,
            lambda k, m=m: (
                k.event_date == m.event_date  # (heard on another day: another happening)
                and bool(k.evidence)
                and not _HEARD.search(k.evidence[0].text)
            ),
        )
        if host is None:
            continue
        hm = host.mention
        hm.evidence = [*hm.evidence, *m.evidence]
        out.remove(d)
    return out


def _one_event_per_incident(drafts: list[_Draft]) -> list[_Draft]:
    """One incident, one event: a repeat of the same sub-type in the same place a day apart (the day read two ways)
    folds into the first telling; a sub-type another event absorbs (taxonomy "absorbed_by": the killing of civilians
    by the air strike told just before, the buildings it destroyed) folds into that event."""
    absorbed = taxonomy().absorbed_by
    kept: list[_Draft] = []
    for d in drafts:
        m = d.mention
        target = next(
            (
                k
                for k in kept
                if k.mention.sub_event_type == m.sub_event_type
                and _near_days(k.mention, m)
                and _same_place(k.mention, m)
                and not _apart_by_settlement(k.mention, m)
                and _may_fold(d, k)
                and not _each_its_day(k, d)
                and not (d.sentence_index > k.sentence_index and _own_day_opens(d, k.mention))
            ),
            None,
        )
        if target is not None and _part_of(target, d):
            target = None
            kept.append(d)
            continue
        if target is None and m.fatalities:
            # The same toll in the same place within a day or two is the same incident told again in other words
            # ("beheaded eight" then "the eight were executed"), whatever sub-type each telling suggests.
            target = next(
                (
                    k
                    for k in kept
                    if k.mention.fatalities == m.fatalities
                    and _near_days(k.mention, m)
                    and _same_place(k.mention, m)
                    and not _apart_by_settlement(k.mention, m)
                    and _may_fold(d, k)
                    # (a killing is never folded into the arrests that followed it: "police arrested six men over the
                    # assassination of the candidate, who was shot dead the previous evening")
                    and not (k.mention.sub_event_type == "Arrests" and m.event_type != "Strategic developments")
                ),
                None,
            )
        if target is None:
            hosts = absorbed.get(m.sub_event_type or "", frozenset())
            target = next(
                (
                    k
                    for k in kept + [x for x in drafts if x is not d and x not in kept]
                    if (k.mention.event_type in hosts or _killed_in_the_unrest(d, k))
                    and (not d.dated or _near_days(k.mention, m))
                    and not _arrested_later(m, k.mention)
                    # each told its own day (the first incident's day told by the sentence before it counts)
                    and not ((d.dated or d.narrative) and k.dated and k.mention.event_date != m.event_date)
                    and (not d.named_place or _same_place(k.mention, m))  # no place of its own: the report's main one
                    and not _apart_by_settlement(k.mention, m)
                    and _may_fold(d, k)
                    and not _own_killing(d, k)
                    and not _aftermath(d, k)
                    # the bomb's target is the killing's doer ("a mine hit the army truck", "troops then killed
                    # eleven villagers"): two incidents, one the other's reprisal
                    and not (
                        m.event_type == "Violence against civilians"
                        and k.mention.event_type == "Explosions/Remote violence"
                        and m.actor1 is not None
                        and not m.actor1.startswith("Unidentified")
                        and m.actor1 == k.mention.actor2
                        and m.fatalities != k.mention.fatalities  # (the same toll: one incident told twice)
                    )
                ),
                None,
            )
            if target is not None:
                date_, precision = target.mention.event_date, target.mention.time_precision
                sub = target.mention.sub_event_type
                doer = _named_doer(m, target.mention)
                _merge(target, d)
                if doer is not None:
                    # "the government blamed the Houthis for the attack in which 22 were killed", then "three
                    # explosions hit the hall": the blasts are the attack the killing's sentence names a doer for
                    t = target.mention
                    if t.actor2 == doer[0]:
                        t.actor2, t.inter2 = m.actor2, m.inter2
                    t.actor1, t.inter1 = doer
                target.mention.event_date, target.mention.time_precision = date_, precision
                target.mention.sub_event_type = sub
                if target.mention.event_type == "Protests" and _THE_MARCHERS.search(d.mention.evidence[0].text):
                    _turned_violent(target.mention)
                continue
        if target is not None:
            date_, precision = target.mention.event_date, target.mention.time_precision
            _merge(target, d)
            if (target.dated and precision <= d.mention.time_precision) or not d.dated:
                # the first telling's day, unless only the later one gives a day, or a more precise one
                target.mention.event_date, target.mention.time_precision = date_, precision
            target.dated = target.dated or d.dated
            continue
        kept.append(d)
    return _week_updates_folded(kept)


def _week_updates_folded(drafts: list[_Draft]) -> list[_Draft]:
    """ "The number killed in this week's fighting has risen to 55", then "Clashes erupted on Monday ...": the lead
    updates the toll of the fighting the report tells with its day, in the same province; one event, the fighting's
    day and place with the updated toll."""
    out = list(drafts)
    for update in [d for d in drafts if _week_toll_update(d)]:
        told = next((t for t in out if t is not update and _updates_the_week_of(update, t)), None)
        if told is None or update not in out:
            continue
        date_, place = told.mention.event_date, told.mention.place
        _merge(update, told)
        update.mention.event_date, update.mention.time_precision, update.mention.place = date_, 1, place
        update.dated = True
        out.remove(told)
    return out


_ONE_INCIDENT_BIG = re.compile(
    r"\b(?:single|one|deadliest|worst) (?:attack|strike|bombing|blast|massacre|incident)\b|\bin (?:a|the) single\b",
    re.I,
)


def _tolls_beyond_one_incident(drafts: list[_Draft], claims: list[Claim], report: Report) -> list[_Draft]:
    """A toll above what one incident holds (taxonomy "max_event_fatalities") is a claim with its reason, unless its
    own sentence says one incident of that size; the event keeps no figure."""
    cap = taxonomy().max_event_fatalities
    for d in drafts:
        m = d.mention
        if m.fatalities is None or m.fatalities <= cap or d.episode:
            continue  # an episode at one place holds its whole toll (a massacre over days)
        source = next((e for e in m.evidence if str(m.fatalities) in e.text.replace(",", "")), m.evidence[0])
        if _ONE_INCIDENT_BIG.search(source.text):
            continue
        claims.append(
            Claim(
                report_id=report.id,
                quantity=m.fatalities,
                what=f"killed (above {cap}: more than one incident holds)",
                attributed_to=m.attributed_to,
                evidence=source,
            )
        )
        m.fatalities = None
    return drafts


_GROUND_SUBS = frozenset({"Government regains territory", "Non-state actor overtakes territory", "Armed clash"})
_AIR_COVER = re.compile(
    r"\b(?:backed|supported|aided|covered|assisted)\s+by\b|\bwith\s+(?:the\s+)?(?:air\s+|aerial\s+)?(?:support|cover|"
    r"backing)\s+(?:of|from)\b|\bunder\s+(?:the\s+)?(?:air\s+|aerial\s+)?cover\b",
    re.I,
)


_BARE_BOMBING = re.compile(r"bombings?|bombed", re.I)


def _as_air_strike(match: EventTypeMatch) -> EventTypeMatch:
    """The sentence's event read as an air strike (bombs dropped in a report that names who flies)."""
    return replace(
        match,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        disorder_type="Political violence",
        score=max(match.score, 0.6),
    )


def _part_of(total: _Draft, part: _Draft) -> bool:
    """The later draft states its own smaller figure at a place inside the earlier one's: a part, not a repeat."""
    return part.own_place and is_part(
        total.mention, part.mention, total.casualties.fatalities, part.casualties.fatalities
    )


def _remote_triggers(text: str) -> list[EventTypeMatch]:
    return [t for t in find_triggers(text) if t.event_type == "Explosions/Remote violence"]


def _heard_blasts_only(text: str) -> bool:
    """The sentence tells of remote violence by its noise alone ("three explosions hit the hall"): the lexicon's weak
    triggers, no weapon it scores as named (the 0.5 line types.py draws between the noise and the weapon)."""
    remote = _remote_triggers(text)
    return bool(remote) and all(t.score < 0.5 for t in remote)


def _names_weapon(text: str, sub: str | None) -> bool:
    """The sentence names the weapon of this sub-type ("hit by three guided missiles")."""
    return any(t.score >= 0.5 and t.sub_event_type == sub for t in _remote_triggers(text))


# the state's men told as hit: "one soldier was killed", "two policemen were wounded"
_FORCES_HIT = re.compile(
    r"\b(?:soldiers?|troops|servicemen|policem[ae]n|police\s+officers?|officers?|gendarmes?|guards?)\s+(?:\w+\s+){0,2}?"
    r"(?:was|were)\s+(?:killed|wounded|injured|shot)\b",
    re.I,
)
_DENIED_IN = re.compile(r"\b(?:denied|denies|rejected|dismissed)\b", re.I)
_BLAMED = re.compile(r"\b(?:blamed|blames|accused|accuses|held\s+\w+\s+responsible|attributed\s+the)\b", re.I)


def _merge(into: _Draft, other: _Draft) -> None:
    """Fold a repeat into the earlier mention: keep the most precise place and date, reconcile figures."""
    a, b = into.mention, other.mention
    told_with_toll = bool(into.casualties.fatalities) and (
        other.casualties.fatalities is None or bool(_ATTACKERS_DEAD.search(b.evidence[0].text))
    )  # (or whose only dead are the attackers: "one of the gunmen ... died in custody")
    if b.event_type in taxonomy().absorbed_by.get(a.sub_event_type or "", frozenset()) and not told_with_toll:
        # (a killing told with its toll keeps its type when a later sentence without one speaks of fighting:
        # "investigating whether the attack was linked to a turf war between two cartels")
        # The killing told first ("a massacre") is the air strike or the battle told next: code the host's type.
        a.disorder_type, a.event_type, a.sub_event_type = b.disorder_type, b.event_type, b.sub_event_type
        a.actor1, a.actor2, a.inter1, a.inter2 = b.actor1 or a.actor1, b.actor2 or a.actor2, b.inter1, b.inter2
    if a.event_type == "Protests" and b.sub_event_type == "Violent demonstration":
        # ACLED: a demonstration whose demonstrators turn violent (stones thrown, a station set alight) is a violent
        # demonstration, the force used against it part of it: rioters against the force, whatever the toll
        force = (
            (a.actor2, a.inter2)
            if a.actor2 and not a.actor2.startswith(("Protesters", "Rioters", "Civilians"))
            else (b.actor2, b.inter2)
        )
        a.disorder_type, a.event_type, a.sub_event_type = b.disorder_type, b.event_type, b.sub_event_type
        a.actor1, a.inter1 = b.actor1 or a.actor1, b.inter1 if b.actor1 else a.inter1
        a.actor2, a.inter2 = force
    if (
        a.event_type == b.event_type == "Explosions/Remote violence"
        and a.sub_event_type != b.sub_event_type
        and _heard_blasts_only(a.evidence[0].text)
        and any(_names_weapon(e.text, b.sub_event_type) for e in b.evidence)
        # (not once a sentence folded in named the weapon of the sub-type it has: "a suicide bomber detonated
        # explosives at the entrance", then "a second explosion, apparently from a car bomb")
        and not any(_names_weapon(e.text, a.sub_event_type) for e in a.evidence)
    ):
        # "Three explosions hit the arrivals hall" then "the airport was hit by three missiles": the weapon a later
        # sentence names is the sub-type (the first telling only heard blasts)
        a.sub_event_type = b.sub_event_type
    rank = _PRECEDENCE.get(a.event_type or "", {})
    if rank.get(b.sub_event_type or "", 0) > rank.get(a.sub_event_type or "", 0) and not _DENIED_IN.search(
        b.evidence[0].text
    ):  # (not a claim the other side denies: "the Taliban said they had overrun the checkpoint, ... the police denied")
        a.sub_event_type = b.sub_event_type
        a.actor1, a.actor2, a.inter1, a.inter2 = b.actor1 or a.actor1, b.actor2 or a.actor2, b.inter1, b.inter2
    if (
        a.sub_event_type == "Remote explosive/landmine/IED"
        and b.sub_event_type == "Suicide bomb"
        and not _DENIED_IN.search(b.evidence[0].text)
    ):
        # "a vehicle bomb ripped through the buses", then "the van was driven by a suicide bomber": ACLED codes a
        # bomb its carrier set off as a suicide bomb, whichever sentence says so
        a.sub_event_type = b.sub_event_type
    if b.place is not None and (
        a.place is None
        # a country is no place for ACLED: the report's main place is better, unless the sentence named its own
        # place the gazetteer lacks ("the village of Moura": kept at the country for an analyst to place)
        or (a.place.feature == "country" and (other.named_place or not _named_settlement_to_place(a)))
        or (other.named_place and other.own_place and b.place.geo_precision < a.place.geo_precision)
    ):
        a.place = b.place  # a sentence that names no place has only the report's main place: it refines nothing
    elif (
        b.place is not None and b.place.feature == "district" and b.place.location.startswith(f"{a.place.location} - ")
    ):
        a.place = b.place  # the neighbourhood of the city already told: more precise
    elif b.place is not None and a.place is not None and other.own_place and _district_of_the_city(a.place, b.place):
        a.place = b.place  # (a part of the city the gazetteer holds apart from it: Haret Hreik after "Beirut")
    if b.time_precision < a.time_precision:
        a.event_date, a.time_precision = b.event_date, b.time_precision
    if _names_the_placeholder(a, b):
        a.actor1, a.inter1 = b.actor1, b.inter1
        if a.actor2 == a.actor1:
            a.actor2, a.inter2 = None, None
    if (
        a.actor1 is not None
        and a.actor1 == b.actor2
        and b.actor1
        and b.actor1 != a.actor1
        # (not a sentence where the one named blames the doer: "the authorities immediately blamed Boko Haram")
        and not _BLAMED.search(b.evidence[0].text)
        # (nor one that tells the state's own men hit and reads them as the doers: "One soldier was killed and six
        # were wounded in the attack, the army said" after "Jihadist fighters drove two car bombs at the camp")
        # (the state's men among the dead its figure counts: "Four soldiers of the Frontier Corps were killed")
        and not (b.inter1 in (1, 3) and ("state" in other.casualties.sides or _FORCES_HIT.search(b.evidence[0].text)))
    ):
        # the first telling read the side hit as the doer ("Hamas's deputy leader was killed when a drone strike
        # hit ..."), the next one names who struck whom ("the strike hit an office used by Hamas", Israel blamed)
        a.actor1, a.inter1, a.actor2, a.inter2 = b.actor1, b.inter1, b.actor2, b.inter2
    _name_the_other_side(a, b)
    # an associate is its principal's ally: the other telling's associates join only when its principal is this
    # event's (or this event had none and takes the other's); "soldiers backed by French special forces stormed the
    # hotel" told after the gunmen's attack does not make the French forces the gunmen's associates
    allied = {"assoc_actor_1": a.actor1 in (None, b.actor1), "assoc_actor_2": a.actor2 in (None, b.actor2)}
    for name in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "attributed_to"):
        if getattr(a, name) is None and getattr(b, name) is not None and allied.get(name, True):
            setattr(a, name, getattr(b, name))
    # Figures: the same source restating a toll keeps the larger (an update); another source's figure quoted further
    # down does not replace the figure the report states first (the outlet's own account of the event).
    # A figure told by another source than the first telling's (the outlet's own account counts as one) is a second
    # account: the first figure is kept and the higher one bounds the range (ACLED: the lowest credible figure is
    # coded); the same source, an unsourced restatement, or a toll said to have risen is an update (the larger).
    # A vague first figure ("massacring dozens") gives way to a counted one.
    update = any(_UPDATED.search(e.text) for e in b.evidence) or (into.casualties.vague and not other.casualties.vague)
    second = bool(other.attributions) and not (into.attributions & other.attributions)
    # "survivors put the toll far higher, at 136": another account of the same killing, whoever gives it
    second = second or any(_OTHER_ACCOUNT.search(e.text) for e in b.evidence)
    same_source = update or not second
    if (
        b.fatalities is not None
        and any(_PARTITIVE_DEAD.search(e.text) for e in b.evidence)
        and a.evidence
        and _NATIONWIDE.search(a.evidence[0].text)
    ):
        # "killed at least 38 people across the country", then "at least 22 of the dead were in X": the event at X
        # is the 22 (the nationwide figure is a total over several places, not this event's toll)
        a.fatalities, a.fatalities_max = b.fatalities, None
        into.casualties.fatalities = b.fatalities
        b = replace(b, fatalities=None)
        other = replace(other, casualties=replace(other.casualties, fatalities=None))
    # a side's tally of the enemy it says it killed ("JNIM claimed to have killed some 300 militiamen", "the TNLA said
    # it killed more than 30 soldiers") is no account of the toll a figure told before gives (ACLED: a party's claim
    # of its enemy's losses is not coded over another source's figure)
    tally = any(_ENEMY_TALLY.search(e.text) for e in b.evidence)
    for name in ("fatalities", "injured", "civilians", "children", "women"):
        x, y = getattr(a, name), getattr(b, name)
        if y is None or (name == "fatalities" and y == 0 and other.casualties.fatalities is None):
            continue
        if tally and name in ("fatalities", "civilians", "children", "women"):
            continue
        if x is None or (name == "fatalities" and not into.casualties.fatalities):
            setattr(a, name, y)  # no figure yet (or none but the default 0)
            if name == "fatalities":
                into.casualties.sides = other.casualties.sides
        elif (
            name == "fatalities"
            and _other_dead(into.casualties, other.casualties, second, " ".join(e.text for e in b.evidence))
            # ("one attacker was killed, according to an SDF source; we could not confirm this and have not included
            # him in the tally": a figure its teller leaves out is not added)
            and not any(_LEFT_OUT.search(e.text) for e in b.evidence)
        ):
            # "One soldier was killed ... Seven assailants were killed": the dead of another side are other dead
            # (ACLED's fatalities are everyone's), never a restatement of the toll
            a.fatalities = x + y
            a.fatalities_max = a.fatalities_max + y if a.fatalities_max is not None else None
            into.casualties.sides = into.casualties.sides | other.casualties.sides
        else:
            setattr(a, name, max(x, y) if same_source else x)
            if name == "fatalities" and same_source and y > x:
                into.casualties.sides = other.casualties.sides  # (whose dead the figure kept counts)
    if other.casualties.fatalities is not None:
        into.casualties.fatalities = a.fatalities
        into.casualties.vague = into.casualties.vague and other.casualties.vague  # a counted figure now stands
        # The range the report's sources give is kept beside the figure coded (ACLED: lowest credible, range kept).
        high = max(v for v in (a.fatalities_max, b.fatalities_max, b.fatalities, a.fatalities) if v is not None)
        a.fatalities_max = high if high != a.fatalities else None
    a.evidence.extend(e for e in b.evidence if e not in a.evidence)
    a.unresolved_places.extend(u for u in b.unresolved_places if u not in a.unresolved_places)
    a.confidence = max(a.confidence, b.confidence)
    if other.casualties.fatalities is not None:
        into.attributions |= other.attributions  # the sources of the figures (the range is theirs)


_ENEMY_TALLY = re.compile(
    r"\bclaim(?:ed|s|ing)\s+(?:to\s+have\s+killed|(?:that\s+)?(?:it|they|its\s+\w+|their\s+\w+)\s+(?:had\s+|have\s+)?"
    r"killed|that\s+[^.;]{0,40}?\b(?:died|were\s+killed))"
    r"|\b(?:said|says)\s+(?:that\s+)?(?:it|they|its\s+(?:fighters|forces|men|troops))\s+(?:had\s+)?killed\b",
    re.I,
)
_LEFT_OUT = re.compile(
    r"\b(?:could|can|did|have|has|had)\s*(?:not|n't)\s+(?:\w+\s+)?(?:confirm|verify|include|count)\w*\b"
    r"|\bnot\s+(?:been\s+)?(?:independently\s+)?(?:confirmed|verified|included|counted)\b|\bunconfirmed\b",
    re.I,
)


def _other_dead(told: Casualties, then: Casualties, second: bool, then_text: str = "") -> bool:
    """Whether a later telling's death figure counts the other side's dead of the fight the figure told first counts
    one side's: the state's men and the attackers (counts.Casualties.sides), each counted (not "several"), both told
    by the same source ("One soldier was killed ..., the army said. Seven assailants were killed, it said"). Not
    civilians: ACLED codes civilians killed on purpose during a fight as an attack of its own, and who the dead were
    is what two accounts may dispute ("the army said 30 militants, residents said 12 civilians"); not two sources,
    whose figures may be two accounts of one toll. The doers' dead besides their victims' toll ("gunmen opened fire on
    the crowd, killing 25 people", then "security forces shot three of them dead") are other dead whoever tells them
    when the state's men are told killing them: the end of the attack, not another account of its toll."""
    if told.vague or then.vague:
        return False
    doers_shot = bool(told.sides) and told.sides <= {"any", "civilians"} and then.sides == {"attackers"}
    if second and not (doers_shot and _KILLED_BY_FORCES.search(then_text)):
        return False
    return other_sides_dead(told.sides, then.sides) or doers_shot


_FORCES = r"(?:security\s+forces|police(?:men)?|troops|soldiers|officers|army|guards|commandos)"
_KILLED_BY_FORCES = re.compile(
    rf"\b{_FORCES}\b[^.;]{{0,40}}?\b(?:shot|killed|gunned|neutrali[sz]ed)\b"
    rf"|\b(?:shot|killed|gunned\s+down|neutrali[sz]ed)\s+by\s+(?:the\s+)?(?:[\w-]+\s+)?{_FORCES}\b",
    re.I,
)


# Sub-types that hold no deaths by ACLED's definitions (a death makes the event another sub-type).
_NO_DEATH_SUBS = frozenset(
    {"Peaceful protest", "Protest with intervention", "Arrests", "Agreement", "Non-violent transfer of territory",
     "Headquarters or base established", "Change to group/activity"}
)  # fmt: skip
# A part of the dead told by place ("at least 22 of the dead were in X") and a figure over the whole country.
_PARTITIVE_DEAD = re.compile(
    r"\b(?:\d+|[a-z]+)\s+of\s+(?:the|those)\s+(?:dead|killed|victims|deaths|fatalities)\b", re.I
)
_NATIONWIDE = re.compile(
    r"\b(?:across|around|throughout)\s+the\s+country\b|\bnation-?wide\b|\bcountry-?wide\b"
    r"|\bin\s+(?:several|many|various|\d+|two|three|four|five|six)\s+(?:cities|towns|provinces|regions|states)\b",
    re.I,
)


def _apart_by_settlement(a: Mention, b: Mention) -> bool:
    """Two events that each name their own settlement the gazetteer lacks ("in the village of Solhan", "in the village
    of Tadaryat, some 20 km from Markoye") are apart though both fell back to the same nearby town."""
    na = set(a.unresolved_places) if _named_settlement_to_place(a) else set()
    nb = set(b.unresolved_places) if _named_settlement_to_place(b) else set()
    if bool(na) != bool(nb):
        # "the village of Hroza in Kharkiv region", then "missiles struck the centre of Kharkiv": the village the
        # gazetteer lacks is not the city the other names precisely
        other = b if na else a
        return other.place is not None and other.place.feature != "country" and not other.unresolved_places
    return bool(na) and bool(nb) and not (na & nb)


def _named_settlement_to_place(m: Mention) -> bool:
    """The event's sentence named its settlement, which the gazetteer lacks ("in the village of Moura"): the
    report's main place borrowed by a later sentence is no better than the country with that name left to place."""
    return any(_names_settlement(e.text, m.unresolved_places) for e in m.evidence[:1])


# Who loots or attacks after a march is told: the marchers themselves ("some of them", "they", "the crowd").
_THE_MARCHERS = re.compile(
    r"^\s*(?:some|many|several|dozens|hundreds|a (?:few|group|number)) of (?:them|the (?:protesters|protestors|"
    r"demonstrators|marchers|crowd|youths?))\b|^\s*(?:they|the (?:protesters|protestors|demonstrators|marchers|crowd|"
    r"mob|youths?|rioters|young (?:people|men)))\b",
    re.I,
)
_PROTEST_FOLLOW = 3  # sentences after a protest read for what the crowd did and what the police did


def _protests_told_on(drafts: list[_Draft], sentences: list[_Sentence], published: date | None) -> list[_Draft]:
    """ACLED codes a demonstration from the whole telling: the sentences just after a march say whether the
    marchers looted or attacked (a violent demonstration) or the police dispersed or arrested them (a protest with
    intervention), though no event of their own came of them. An arrest of the marchers told there ("At least 30
    students were detained") is that intervention, not an event of its own."""
    from warlog.extract.types import raw_cues

    used = {d.sentence_index: d for d in drafts}
    folded: set[int] = set()
    for d in drafts:
        m = d.mention
        if id(d) in folded or (m.event_type != "Protests" and m.sub_event_type != "Violent demonstration"):
            continue
        for j in range(d.sentence_index + 1, min(len(sentences), d.sentence_index + 1 + _PROTEST_FOLLOW)):
            text = sentences[j].text
            if any(e.start == sentences[j].start for e in m.evidence):
                # already folded into this protest: what the police did there still makes it an intervention
                if m.sub_event_type == "Peaceful protest" and "protest-intervention-cue" in raw_cues(text):
                    m.sub_event_type = "Protest with intervention"
                    if m.actor2 is None or m.inter2 == 7 or m.actor2.startswith("Civilians"):
                        m.actor2, m.inter2 = police_of(m.place.country if m.place else None)
                continue
            later = used.get(j)
            if (
                later is not None
                and m.sub_event_type == "Peaceful protest"
                and later.mention.sub_event_type == "Violent demonstration"
                and later.mention.event_date == m.event_date
                and _place_key(later.mention.place) == _place_key(m.place)
            ):
                # "several thousand people gathered around the metro station. Protesters built barricades and threw
                # stones at police": the gathering turned violent, one violent demonstration
                folded.add(id(d))
                later.mention.evidence[:0] = [e for e in m.evidence if e not in later.mention.evidence]
                break
            if (
                later is not None
                and later.mention.sub_event_type == "Arrests"
                and not later.own_place
                and m.sub_event_type in ("Peaceful protest", "Protest with intervention")
                and "protest-intervention-cue" in raw_cues(text)
            ):
                folded.add(id(later))
                m.sub_event_type = "Protest with intervention"
                if m.actor2 is None or m.inter2 == 7 or m.actor2.startswith("Civilians"):
                    m.actor2, m.inter2 = later.mention.actor1, later.mention.inter1
                m.evidence.append(Evidence(text, sentences[j].start, sentences[j].end))
                break
            if j in used or _NEW_INCIDENT.match(text) or any(x.value is not None for x in find_dates(text, published)):
                break
            if _OPENS_ELSEWHERE.match(text) and not _mentions_place_of(text, m):
                break  # "In Mombasa, police fired tear gas ...": another town's story, not this march's
            cues = raw_cues(text)
            if cues & {"Looting/property destruction", "Attack", "Mob violence", "Violent demonstration"} and (
                _THE_MARCHERS.search(text)
            ):
                _turned_violent(m)
                m.evidence.append(Evidence(text, sentences[j].start, sentences[j].end))
            elif "protest-intervention-cue" in cues and m.sub_event_type in (
                "Peaceful protest",
                "Violent demonstration",
            ):
                if m.sub_event_type == "Peaceful protest":
                    m.sub_event_type = "Protest with intervention"
                if m.actor2 is None or m.inter2 == 7 or m.actor2.startswith("Civilians"):
                    m.actor2, m.inter2 = police_of(m.place.country if m.place else None)
                m.evidence.append(Evidence(text, sentences[j].start, sentences[j].end))
    return [d for d in drafts if id(d) not in folded]


def _fold_into_hosts(
    drafts: list[_Draft], host_of: Callable[[_Draft], _Draft | None], absorb: Callable[[_Draft, _Draft], None]
) -> list[_Draft]:
    """Each draft that ``host_of`` gives a host is absorbed into it (``absorb(host, draft)``) and leaves the list."""
    out: list[_Draft] = []
    for d in drafts:
        host = host_of(d)
        if host is None:
            out.append(d)
        else:
            absorb(host, d)
    return out


_SAME_DEMONSTRATION_GAP = 3  # sentences between the telling of the violence and of the force met


def _force_against_violent_demonstrators(drafts: list[_Draft]) -> list[_Draft]:
    """ACLED codes excessive force only against peaceful demonstrators: where the report tells the same demonstration,
    at the same place and day, as violent (stones thrown, tyres burned), the force used against it is part of that
    violent demonstration, its deaths the demonstration's (one event: rioters against the police)."""
    riots = [d for d in drafts if d.mention.sub_event_type == "Violent demonstration"]
    if not riots:
        return drafts

    def host_of(d: _Draft) -> _Draft | None:
        m = d.mention
        if m.sub_event_type not in (
            "Excessive force against protesters",
            "Protest with intervention",
            "Peaceful protest",
        ):
            return None
        return next(
            (
                r
                for r in riots
                if r is not d
                and r.mention.event_date == m.event_date
                and _place_key(r.mention.place) == _place_key(m.place)
                # the same demonstration told on: close by, in the same item of a bulletin
                and abs(r.sentence_index - d.sentence_index) <= _SAME_DEMONSTRATION_GAP
                and not _other_items(r, d)
            ),
            None,
        )

    return _fold_into_hosts(drafts, host_of, _merge)


def _force_against_a_violent_crowd(m: Mention) -> None:
    """Force used against a crowd its own sentence tells was violent ("fired tear gas at protesters trying to force
    their way towards parliament", "the migrants threw stones", "hit by live fire during clashes outside the Serail")
    is a violent demonstration (ACLED's codebook: excessive force is against peaceful demonstrators only; the force
    met by demonstrators' violence is part of the riot, its dead the riot's)."""
    if m.sub_event_type not in ("Excessive force against protesters", "Protest with intervention") or not m.evidence:
        return
    if _CROWD_VIOLENCE.search(m.evidence[0].text):
        _turned_violent(m)


_CROWD_VIOLENCE = re.compile(
    r"\b(?:threw|hurled|throwing|hurling|pelted|pelting)\s+(?:[\w-]+\s+){0,2}?(?:stones|rocks|bricks|petrol\s+bombs"
    r"|firebombs|molotov)"
    r"|\bduring\s+(?:the\s+)?clashes\b|\bclash(?:ed|es|ing)?\s+with\s+(?:the\s+)?(?:riot\s+)?(?:police|security\s+forces"
    r"|soldiers|troops|gendarmes)"
    r"|\b(?:trying|tried|attempting|attempted)\s+to\s+(?:force\s+(?:their|its|his)\s+way|storm|break\s+through)",
    re.I,
)


def _caught_at_the_scene(drafts: list[_Draft]) -> list[_Draft]:
    """An attacker caught at the scene ("police overpowered the attacker and detained him on the spot") is the end of
    the attack told before, not an arrest event of its own; so are attackers caught in the sentence that tells
    others of them killed ("Seven assailants were killed and eight were arrested"), whose dead join the attack's."""
    out: list[_Draft] = []
    for d in drafts:
        m = d.mention
        if m.sub_event_type != "Arrests":
            out.append(d)
            continue
        before = [
            e
            for e in out
            if e.mention.event_type in ("Violence against civilians", "Battles", "Explosions/Remote violence")
            and e.sentence_index < d.sentence_index
        ]
        if before and _AT_THE_SCENE.search(m.evidence[0].text):
            continue
        host = before[-1] if before else None
        if (
            host is not None
            and "attackers" in d.casualties.sides
            and d.casualties.fatalities
            and len(m.evidence) == 1  # (not arrests told apart that it absorbed: "... arrested five accomplices")
            and host.mention.event_date == m.event_date
            and d.sentence_index - host.sentence_index <= _ATTACKERS_END_GAP
        ):
            _merge(host, replace(d, mention=replace(m, fatalities=d.casualties.fatalities)))
            continue
        out.append(d)
    return out


_ATTACKERS_END_GAP = 3  # sentences between the attack's telling and the attackers' end


# the attackers went away after the assault ("carried off weapons before withdrawing towards the islands")
_ATTACKERS_LEFT = re.compile(
    r"\b(?:before|then|later|and|after)\s+(?:withdrawing|retreating|pulling\s+(?:back|out)|withdrew|retreated"
    r"|pulled\s+(?:back|out)|fleeing|fled)\b",
    re.I,
)


def _overran_and_left(drafts: list[_Draft]) -> None:
    """ACLED's non-state actor overtakes territory means the group acquires control of the place: a base overrun
    by attackers who then withdrew ("overran an army base ... before withdrawing") is a battle, an armed clash."""
    for d in drafts:
        m = d.mention
        if m.sub_event_type != _OVERTAKES or m.actor1 is None or m.actor1.startswith(("Military Forces", "Police")):
            continue
        if any(_ATTACKERS_LEFT.search(e.text) for e in m.evidence):
            m.sub_event_type = "Armed clash"


_WEAPONS_SEIZED = re.compile(
    r"\b(?:seiz\w*|took|taken|taking|carried\s+off|carrying\s+off|captur\w*|stole|stolen|looted|made\s+off\s+with)\b"
    r"[^.;]{0,40}?\b(?:weapons|arms|ammunition|rifles|guns|armou?ry)\b",
    re.I,
)


def _weapons_taken_by_the_attackers(drafts: list[_Draft]) -> list[_Draft]:
    """ACLED's disrupted weapons use is weapons or explosives seized, defused or intercepted by the other side; weapons
    an armed group carries off in its own raid ("set the police station on fire before seizing weapons from its
    armoury") are part of that raid, or looting where the report tells no raid of the group that day and place."""
    out: list[_Draft] = []
    for d in drafts:
        m = d.mention
        if (
            m.sub_event_type != "Disrupted weapons use"
            or m.inter1 not in (2, 3, 4)
            or not m.actor1
            or not any(_WEAPONS_SEIZED.search(e.text) for e in m.evidence)
        ):
            out.append(d)  # (a group's own bomb gone off early is its disrupted weapons use: ACLED codes those so)
            continue
        host = next(
            (
                e
                for e in out + drafts
                if e is not d
                and e.mention.actor1 == m.actor1
                and e.mention.event_date == m.event_date
                and _place_key(e.mention.place) == _place_key(m.place)
                and e.mention.event_type in ("Violence against civilians", "Battles", "Explosions/Remote violence")
            ),
            None,
        )
        if host is not None:
            host.mention.evidence.extend(x for x in m.evidence if x not in host.mention.evidence)
            continue
        m.event_type, m.sub_event_type = "Strategic developments", "Looting/property destruction"
        m.disorder_type = "Strategic developments"
        out.append(d)
    return out


_AT_THE_SCENE = re.compile(_SCENE + r"|\bred-handed\b", re.I)


def _arrests_at_the_protest(drafts: list[_Draft]) -> list[_Draft]:
    """ACLED codes arrests made at a demonstration as its intervention, not as an event of their own: people detained
    on the day of a protest or riot the report tells, in its place or with no place of their own ("Security Minister
    said 33 people had been detained", a ticker's "22 people were detained during the day"), fold into it; a raid,
    a search or an arrest told as a separate operation stays an event."""
    crowds = [
        d
        for d in drafts
        if d.mention.event_type in ("Protests", "Riots") and d.mention.sub_event_type != "Mob violence"
    ]
    if not crowds:
        return drafts

    def host_of(d: _Draft) -> _Draft | None:
        m = d.mention
        if (
            m.sub_event_type != "Arrests"
            or d.new_incident
            or _SEPARATE_OPERATION.search(m.evidence[0].text)
            or not _CROWD_DETAINED.search(m.evidence[0].text)
        ):
            return None
        return next(
            (
                c
                for c in crowds
                if c.mention.event_date == m.event_date
                and (not d.own_place or _place_key(c.mention.place) == _place_key(m.place))
            ),
            None,
        )

    def absorb(host: _Draft, d: _Draft) -> None:
        h, m = host.mention, d.mention
        if h.sub_event_type == "Peaceful protest":
            h.sub_event_type = "Protest with intervention"
        if h.event_type == "Protests" and (h.actor2 is None or h.inter2 == 7 or h.actor2.startswith("Civilians")):
            h.actor2, h.inter2 = m.actor1, m.inter1
        h.evidence.extend(e for e in m.evidence if e not in h.evidence)

    return _fold_into_hosts(drafts, host_of, absorb)


# People detained by number or as the marchers ("33 people had been detained", "dozens of protesters were arrested"):
# not one named person's arrest, which is news of its own
_CROWD_DETAINED = re.compile(
    r"\b(?:\d+|dozens|scores|hundreds|several|many|some|more\s+than\s+\d+|at\s+least\s+\d+)[\"'\u201d]?\s+"
    r"(?:[\w\"'\u201c\u201d-]+\s+){0,2}?(?:people|persons|protesters|protestors|demonstrators|marchers|students|youths|activists|men"
    r"|women|others|participants|rioters)\b|\b(?:protesters|protestors|demonstrators|marchers|rioters)\b"
    r"|\b\d+[\"'\u201d]?\s+(?:were|had\s+been|have\s+been)\s+(?:arrested|detained|in\s+custody)\b",
    re.I,
)
# An arrest told as an operation of its own: a raid, searches, a named suspect's capture, a separate operation.
_SEPARATE_OPERATION = re.compile(
    r"\b(?:raid(?:ed|s)?|search(?:es|ed)?|house[- ]to[- ]house|separate|operation|warrant|suspected of|in connection"
    r"|accused of|charged)\b",
    re.I,
)


# A sentence that opens on a place of its own ("In Mombasa, ...", "At Kisumu, ...").
_OPENS_ELSEWHERE = re.compile(r"^\W*(?:In|At|Near|Outside)\s+(?:the\s+)?(?:\w+\s+(?:of\s+)?)?[A-Z][\w'-]+", re.I)


def _mentions_place_of(text: str, m: Mention) -> bool:
    """The sentence names the mention's own place (its location or the name the report used)."""
    if m.place is None:
        return True
    names = {m.place.location.split(" - ")[0], m.place.surface or ""}
    return any(n and n.lower() in text.lower() for n in names)


_WHO_THE_DEAD_WERE = re.compile(
    r"\b(?:those|the\s+people)\s+(?:killed|who\s+died|who\s+were\s+killed)\s+(?:included|include|were\s+mostly)\b"
    r"|\bthe\s+(?:dead|victims)\s+(?:included|include|were\s+mostly)\b",
    re.I,
)
# "The biggest protest was in Nukus.": which of the incidents told was largest, not one more
_SUPERLATIVE_RECAP = re.compile(
    r"\W*(?:[A-Z]+\s*(?:\([^)]*\))?:\s*)?the\s+(?:biggest|largest|deadliest|worst|bloodiest|main)\s+"
    r"(?:[\w-]+\s+){1,2}?(?:was|were|took\s+place|happened)\s+(?:in|at)\b",
    re.I,
)
_CROWD_DOERS = re.compile(
    r"\b(?:youths|young\s+(?:people|men)|crowds?|mobs?|rioters|looters|protesters|demonstrators)\b", re.I
)
_ARMED_DOERS = re.compile(
    r"\b(?:gunm[ae]n|militants?|fighters|soldiers|troops|rebels|insurgents|militiam[ae]n|militias?|jihadists|"
    r"bandits|armed|gangs?|police|army|attackers|assailants|arsonists|unidentified|unknown|masked)\b",
    re.I,
)


def _turned_violent(m: Mention) -> None:
    """Marchers who then loot or attack make the demonstration violent (ACLED: a violent demonstration; the police
    who intervene stay the second actor)."""
    country = m.place.country if m.place else None
    m.disorder_type, m.event_type, m.sub_event_type = "Political violence", "Riots", "Violent demonstration"
    m.actor1, m.inter1 = f"Rioters ({country})" if country else "Rioters", 5
    if m.actor2 is not None and (m.actor2.startswith(("Protesters", "Civilians")) or m.inter2 == 7):
        m.actor2, m.inter2 = None, None  # the shopkeepers looted are no side; the police who intervene are


def _unknown_nearest(
    toponyms: list[Toponym],
    resolved: list[Place | None],
    in_sentence: list[int],
    filed: set[int],
    trigger: int,
    sentence: str,
) -> bool:
    """The settlement the gazetteer lacks is named nearer the event word than any place it holds ("seized the town
    of Bunagana ... since they captured Goma in 2012"): the event is there, not at the place told further off."""
    unknown = [
        i
        for i in in_sentence
        if resolved[i] is None and i not in filed and _names_settlement(sentence, [toponyms[i].surface])
    ]
    known = [i for i in in_sentence if resolved[i] is not None]
    if not unknown or not known:
        return False
    towns = [k for k in known if resolved[k].feature not in ("country", "region")]  # a country places no village
    if any(abs(toponyms[k].start - toponyms[u].start) <= _REFERENCE_SPAN for u in unknown for k in towns):
        return False  # "the village of Pazigyi, about 10 km north of Kanbalu": the known town places it
    return min(abs(toponyms[i].start - trigger) for i in unknown) < min(abs(toponyms[i].start - trigger) for i in known)


_REFERENCE_SPAN = 80  # characters within which a known place names where an unknown settlement lies


def _home_area(doc_places: list[Place], country: str | None, here: list[Place | None]) -> Place | None:
    """Where a settlement the gazetteer lacks is kept: the one province of the report's country its own sentence
    names ("the village of X in the Y region"), else the country (the report's own row, else the gazetteer's)."""
    provinces = {
        p.gazetteer_id: p
        for p in here
        if p is not None and p.feature == "admin1" and (country is None or p.country == country)
    }
    if len(provinces) == 1:
        return next(iter(provinces.values()))
    story = _story_province(doc_places, country)
    if story is not None:
        return story
    home = next((p for p in doc_places if p.feature == "country" and (country is None or p.country == country)), None)
    if home is not None or country is None:
        return home
    iso = country_iso2(country)
    rows = get_gazetteer().find("country", iso) if iso else []
    return place_from_entry(rows[0]) if rows else None


# a first-level unit the sentence names by its kind alone ("in the region", "across the province")
_IN_THE_UNIT = re.compile(
    r"\b(?:in|across|throughout|all\s+over)\s+the\s+(?:whole\s+|entire\s+)?(?:region|province|governorate|oblast)\b"
    r"(?!['’]s|\s+of\b)",
    re.I,
)


def _the_named_unit(doc_places: list[Place], country: str | None, text: str) -> Place | None:
    """The one first-level unit of the report's country that the report names (as a place of its own, or as the
    unit its towns lie in: "Finote Selam, a town in ... Ethiopia's Amhara region"); None when it names none or
    several."""
    units = {p.admin1 for p in doc_places if p.country == country and p.admin1 and p.feature != "country"}
    if len(units) != 1:
        return None
    name = next(iter(units))
    row = next((p for p in doc_places if p.feature == "admin1" and p.admin1 == name), None)
    if row is not None:
        return row
    if not re.search(rf"\b{re.escape(name)}\b", text):
        return None  # the report never names the unit: "the region" may be a wider one
    return _admin1_row(doc_places, name)


def _story_province(doc_places: list[Place], country: str | None) -> Place | None:
    """The story's province: the one every town the report places in its country lies in (two or more towns): a
    village of the story the gazetteer lacks is in it (ACLED's smallest known unit, precision 3), not at the
    country's centre."""
    towns = [
        p
        for p in doc_places
        if p.feature not in ("country", "admin1", "region") and p.admin1 and (country is None or p.country == country)
    ]
    if len(towns) < 2 or len({p.admin1 for p in towns}) != 1:
        return None
    row = next((p for p in doc_places if p.feature == "admin1" and p.admin1 == towns[0].admin1), None)
    if row is not None:
        return row
    return _admin1_row(doc_places, towns[0].admin1, towns[0].iso)


def _admin1_row(doc_places: list[Place], name: str, iso: str | None = None) -> Place | None:
    """The gazetteer's row of a first-level unit by its name, in the country of the report's places named so."""
    iso = iso or next((p.iso for p in doc_places if p.admin1 == name and p.iso), None)
    rows = [e for e in get_gazetteer().find("admin1", iso) if e.admin1 == name or e.name == name] if iso else []
    return place_from_entry(rows[0]) if rows else None


def _names_settlement(text: str, names: list[str]) -> bool:
    """The text names one of these places as a settlement or a local unit: "the village of X", "the commune of X"."""
    return any(
        re.search(
            rf"\b{_SETTLEMENT_WORDS} of {re.escape(name)}\b|\b(?:between|near|outside|around) {re.escape(name)}\b", text
        )
        for name in names
    )


_SETTLEMENT_WORDS = (
    r"(?:villages?|towns?|city|hamlets?|settlements?|camps?|locality|commune|municipality|circle|cercle|hill|sub-?prefecture"
    r"|chiefdom|ward|islands?)"
)


def _named_doer(killing: Mention, host: Mention) -> tuple[str, int | None] | None:
    """The armed actor a killing's sentence names as its doer, when the event it is folded into has only a
    placeholder for its doer."""
    if not _names_a_placeholder_doer(host, killing) or killing.inter1 not in (1, 2, 3, 4, 8):
        return None
    return killing.actor1, killing.inter1


def _names_a_placeholder_doer(first: Mention, other: Mention) -> bool:
    """The first telling has only a placeholder doer ("Unidentified ...") and the other names one."""
    named = other.actor1 or ""
    return (first.actor1 or "").startswith("Unidentified") and bool(named) and not named.startswith("Unidentified")


def _names_the_placeholder(a: Mention, b: Mention) -> bool:
    """The retelling names who did it where the first telling had only a placeholder ("unidentified warplanes",
    "unknown gunmen"): it tells the same incident with the same weapon (same sub-event type), and the actor it names
    can wield it (aircraft are flown by state or foreign forces, never by an armed group)."""
    if not _names_a_placeholder_doer(a, b):
        return False
    if a.sub_event_type is None or a.sub_event_type != b.sub_event_type:
        return False
    if a.sub_event_type in AIR_SUBTYPES or a.actor1 == UNIDENTIFIED_AIR:
        return b.inter1 in (1, 8)
    # on the ground the retelling's only named actor is as often the victim or the source ("14 Jaish al-Islam
    # fighters were killed", "a police source said"): it names the doer only when it says so
    country = b.place.country if b.place else None
    return b.inter1 in (1, 2, 3, 4, 8) and any(named_as_agent(e.text, b.actor1, country) for e in b.evidence)


_REGAINS = "Government regains territory"
_OVERTAKES = "Non-state actor overtakes territory"


def _foreign_forces(actor: str | None, place: Place | None) -> bool:
    """The actor is a state's forces of another country than the one the event happened in."""
    home = forces_country(actor)
    return home is not None and place is not None and bool(place.iso) and home != place.iso


def _own_forces(actor: str | None, place: Place | None) -> bool:
    """The actor is the state forces of the country the event happened in."""
    return place is not None and bool(place.iso) and forces_country(actor) == place.iso


def _same_doer(mention: Mention, goes_on: _Draft | None, sentence: str, country: str | None) -> None:
    """A sentence that goes on about the incident just told and names no armed actor ("At least seven residents were
    killed") keeps the doer that incident named: the story's armed group, not an unidentified one."""
    if goes_on is None or not (mention.actor1 or "").startswith("Unidentified Armed Group"):
        return
    prior = goes_on.mention
    if prior.inter1 not in (2, 3) or not prior.actor1 or prior.actor1.startswith("Unidentified"):
        return
    if any(
        a.kind not in ("civilians", "protesters") for a in find_actors(sentence, country) if a.kind != "unidentified"
    ):
        return
    if any(a.kind == "unidentified" and not re.match(r"(?i)the\b", a.surface) for a in find_actors(sentence, country)):
        return  # "unknown gunmen" of its own: another doer, perhaps
    mention.actor1, mention.inter1 = prior.actor1, prior.inter1


def _name_the_other_side(a: Mention, b: Mention) -> None:
    """A battle told again with the same named side and the opponent named where the first telling had "gunmen"
    ("troops came under fire from gunmen of the Sinaloa Cartel"): the opponent is that group, whichever way round
    the retelling puts them."""
    if a.event_type != "Battles" or b.event_type != "Battles":
        return
    mine = {(a.actor1, a.inter1), (a.actor2, a.inter2)}
    theirs = {(b.actor1, b.inter1), (b.actor2, b.inter2)}
    for slot in ("1", "2"):
        actor, other = getattr(a, f"actor{slot}"), getattr(a, f"actor{'2' if slot == '1' else '1'}")
        if not (actor or "").startswith("Unidentified Armed Group") or other is None:
            continue
        if other not in {x for x, _ in theirs}:
            continue
        named = [(x, i) for x, i in theirs - mine if x and x != other and not x.startswith("Unidentified")]
        if len(named) == 1 and named[0][1] in (2, 3, 4):
            setattr(a, f"actor{slot}", named[0][0])
            setattr(a, f"inter{slot}", named[0][1])


def _date_actors(m: Mention) -> None:
    """State forces named with the government period of the event's day (``extract.periods``); a group that had
    become the state by then is the state's forces, and its detentions are arrests ("Taliban intelligence detained
    three people" in November 2021)."""
    became_state = m.actor1 in rulers() and dated_actor(m.actor1, m.event_date) != m.actor1
    if m.actor2 in rulers() and dated_actor(m.actor2, m.event_date) != m.actor2:
        m.inter2 = 1
    m.actor1, m.actor2 = dated_actor(m.actor1, m.event_date), dated_actor(m.actor2, m.event_date)
    if became_state:
        m.inter1 = 1  # the state's forces (ACLED inter 1)
    if became_state and m.sub_event_type == "Abduction/forced disappearance":
        m.event_type = m.disorder_type = "Strategic developments"
        m.sub_event_type = "Arrests"
    for name in ("assoc_actor_1", "assoc_actor_2"):
        value = getattr(m, name)
        if value:
            setattr(m, name, "; ".join(dated_actor(a, m.event_date) or a for a in value.split("; ")))


def _title_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _title_line(text: str) -> str | None:
    """A plain text's headline: a first line of its own (a line break after it), short and without a full stop."""
    head, sep, _ = text.lstrip().partition("\n")
    head = head.strip()
    if not sep or not 3 <= len(head.split()) <= 32 or head[-1] in '.!?"\u201d,;':
        return None
    return head


_HEADLINE_PLACE = re.compile(r"\b(?:in|at|near)\s+(?-i:[A-Z])")


def _headline_clauses(sent: _Sentence) -> list[_Sentence]:
    """A headline of two news joined by a semicolon ("police raid leaves 28 dead; residents march against
    'massacre'"), or by a comma where each names its own place ("one dead in Bignona, shops looted in Dakar"): each
    clause on its own, so one's toll is not the other's."""
    cut = sent.text.find("; ")
    if cut < 0:
        cut = next(
            (
                m.start()
                for m in re.finditer(r", ", sent.text)
                if _HEADLINE_PLACE.search(sent.text, 0, m.start()) and _HEADLINE_PLACE.search(sent.text, m.end())
            ),
            -1,
        )
    if cut < 0 or len(sent.text[:cut].split()) < 3 or len(sent.text[cut + 2 :].split()) < 3:
        return [sent]
    return [
        _Sentence(sent.text[:cut], sent.start, sent.start + cut, sent.paragraph),
        _Sentence(sent.text[cut + 2 :], sent.start + cut + 2, sent.end, sent.paragraph),
    ]


def _split_headlines(sentences: list[_Sentence], report: Report) -> list[tuple[_Sentence, bool]]:
    """Tag sentences that repeat the headline (often behind a dateline, often glued to the first real sentence,
    which is then cut loose from it)."""
    title = _title_key(report.title or "")
    out: list[tuple[_Sentence, bool]] = []
    for sent in sentences:
        if len(title) < 12:
            out.append((sent, False))
            continue
        key = _title_key(sent.text)
        if key == title or (title in key and len(key) < len(title) + 40):
            out.append((sent, True))
            continue
        where = key.find(title)
        if 0 <= where <= 40:
            # Find where the headline ends in the raw sentence: after as many word characters as the key holds.
            need, cut = where + len(title), 0
            seen = 0
            for i, ch in enumerate(sent.text):
                if ch.isalnum():
                    seen += 1
                if seen >= len(re.sub(r"[^a-z0-9]", "", key[:need])):
                    cut = i + 1
                    break
            rest = sent.text[cut:].lstrip(" .:-")
            if len(rest) > 20:
                head_end = sent.start + cut
                out.append((_Sentence(sent.text[:cut], sent.start, head_end, sent.paragraph), True))
                rest_start = sent.end - len(rest)
                out.append((_Sentence(rest, rest_start, sent.end, sent.paragraph), False))
                continue
        out.append((sent, False))
    return out


# "Published June 8 2016 Syrian government air strikes ...": a page's date stamp glued to the first sentence.
_STAMP = re.compile(
    r"^(?:updated|published|posted)\b[^.]{0,30}?\b(?:19|20)\d\d\b"
    r"(?:\s*,?\s*\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?)?[\s,:|\-]*",
    re.I,
)


def _without_stamp(sent: _Sentence) -> _Sentence:
    """The sentence cut loose from a leading publication stamp (the stamp alone stays furniture)."""
    m = _STAMP.match(sent.text)
    if m is None or len(sent.text) - m.end() < 40:
        return sent
    return _Sentence(sent.text[m.end() :], sent.start + m.end(), sent.end, sent.paragraph)


_ACTS_OF_THEIR_OWN = frozenset({"Abduction/forced disappearance", "Sexual violence"})
_KILLED_THEM = re.compile(r"\b(?:executed|killed|shot|murdered|massacred|slaughtered|beheaded)\b", re.I)
# The only event word names what caused the wounds ("31 people were wounded by gunfire", "hit by shrapnel"): the
# toll of the happening just told, not a new one.
_WOUNDS_CAUSE = re.compile(
    r"^[^;]*\b(?:killed|wounded|injured|hurt|hit|struck|treated)\s+(?:\w+\s+){0,2}?(?:by|from|for)\s+(?:stray\s+)?"
    r"(?:gunfire|gunshots?|bullets?|bullet\s+wounds|shrapnel|live\s+(?:fire|rounds|ammunition)|shots?)\b[^;,]*$",
    re.I,
)


_THIS_WEEKS = re.compile(r"\b(?:this|last)\s+week['\u2019]s\b|\bin\s+(?:this|last)\s+week\b", re.I)


def _week_toll_update(d: _Draft) -> bool:
    """A toll said to have risen for a week's fighting, the day of which the sentence does not give; or a death toll
    from an incident the sentence names that rose ("The death toll from Iranian missile and drone strikes ... rose to
    13 on Thursday"), dated only by the day the count was given."""
    text = d.mention.evidence[0].text if d.mention.evidence else ""
    if d.mention.fatalities is None or _TOLL_UPDATE.search(text) is None:
        return False
    if _TOLL_FROM_ROSE.search(text) is not None:
        return True  # (its day, if any, is the day the count rose: "rose to 13 on Thursday")
    return d.mention.time_precision >= 2 and _THIS_WEEKS.search(text) is not None


# "The death toll from the strikes on ... rose to 13", "The number of people killed in ... has risen to 53"
_TOLL_FROM_ROSE = re.compile(
    r"\b(?:death\s+toll|number\s+(?:of\s+(?:people\s+)?)?(?:killed|dead))\s+(?:from|in|of)\s+[^.;]{3,160}?\b"
    r"(?:rose|risen|has\s+risen|climbed|increased|jumped)\s+to\b",
    re.I,
)


def _updates_the_week_of(update: _Draft, told: _Draft) -> bool:
    """``update`` is a week's toll update and ``told`` the fighting it counts: same type, told with its day in the six
    days up to the update's, in the same province."""
    u, t = update.mention, told.mention
    return (
        _week_toll_update(update)
        and u.event_type == t.event_type
        and t.time_precision == 1
        and u.event_date is not None
        and t.event_date is not None
        and 0 <= (u.event_date - t.event_date).days <= (6 if _THIS_WEEKS.search(u.evidence[0].text) else 2)
        and u.place is not None
        and t.place is not None
        and (
            (u.place.iso, u.place.admin1) == (t.place.iso, t.place.admin1)
            # (a toll told for the country or a region: "strikes ... in northern Iraq", then the town struck)
            or (u.place.iso == t.place.iso and (u.place.admin1 is None or u.place.feature in ("country", "region")))
        )
        # a toll that rose for an incident at a town of its own is that incident, not another one told next to it
        and (_THIS_WEEKS.search(u.evidence[0].text) is not None or u.sub_event_type == t.sub_event_type)
        and (
            _THIS_WEEKS.search(u.evidence[0].text) is not None
            or _coarse(u.place)
            or u.place.feature in ("country", "region", "admin1")
            or _place_key(u.place) == _place_key(t.place)
        )
    )


def _violence_at_a_march(host: Mention, m: Mention) -> bool:
    """A gunfight or a blast at a demonstration is an event of its own beside it (ACLED codes both); so is a crowd's
    violence at the scene of a blast or a strike ("angry crowds gathered after the blast, throwing stones
    at security forces": rioters, another actor's act)."""
    return (host.event_type == "Protests" and m.event_type in ("Battles", "Explosions/Remote violence")) or (
        m.event_type == "Riots"
        and host.event_type == "Explosions/Remote violence"
        and (m.actor1 or "").startswith(("Rioters", "Protesters"))
        # (a crowd the sentence names: not "the blast tore down part of the wall", read as a crowd's act)
        and any(_CROWD_DOERS.search(e.text) for e in m.evidence)
    )


def _other_act_elsewhere(draft: _Draft, told: _Draft) -> bool:
    """Another kind of act at another place each names ("Israeli artillery also shelled the outskirts of Aita
    al-Shaab" after a drone strike on Kfar Kila): another event, however near, not the one told going on."""
    a, b = draft.mention, told.mention
    return (
        draft.own_place
        and told.own_place
        and a.sub_event_type != b.sub_event_type
        and _place_key(a.place) != _place_key(b.place)
    )


def _own_day_opens(draft: _Draft, told: Mention) -> bool:
    """ "At 7:40 am on Saturday, commandos stormed the building" after Friday night's fight: a sentence that opens with
    a day of its own, other than the day of the event told, tells another happening (not "On Sunday, the police chief
    said ...", the day of the telling)."""
    text = draft.mention.evidence[0].text
    return (
        draft.dated
        and draft.mention.event_date != told.event_date
        and _OPENS_WITH_DAY.match(text) is not None
        and not _SAID_EARLY.search(text, 0, 90)
    )


def _follow_up_target(drafts: list[_Draft], draft: _Draft, anaphoric: bool) -> _Draft | None:
    """The earlier mention a sentence adds to. A sentence that refers back ("the strike", "those killed") and names
    no precise place of its own goes on about the last event told, whatever type its own words suggest; one that
    only lacks a place of its own joins the last event of its type on a compatible day. A killing with no weapon and
    no place of its own ("Attack") is the toll of the event just told."""
    m = draft.mention
    if (
        m.sub_event_type == "Abduction/forced disappearance"
        and drafts
        and drafts[-1].mention.sub_event_type == "Attack"
        and draft.sentence_index - drafts[-1].sentence_index <= 1
        and not draft.own_place
        and not (draft.dated and drafts[-1].dated and not _within(drafts[-1].mention, m))
        and (not m.actor1 or m.actor1.startswith("Unidentified") or m.actor1 == drafts[-1].mention.actor1)
    ):
        return drafts[-1]  # "... were killed when rebels attacked the school. Six students were abducted": one
        # incident, coded as the attack (ACLED: one event per actor pair, place and day; killing outranks abduction)
    if (
        m.sub_event_type in _ACTS_OF_THEIR_OWN
        and not any(d.mention.sub_event_type == m.sub_event_type for d in drafts)
        and not _KILLED_THEM.search(m.evidence[0].text)
    ):
        return None  # "they were abducted by the same militants": another act against other people, coded apart
        # (not "rounded up men at the market and executed them": the killing told again)
    placeless = not draft.own_place and not _named_settlement_to_place(m)  # "the village of X" it names: a place
    wounds = bool(_WOUNDS_CAUSE.search(m.evidence[0].text)) and (m.actor1 or "Unidentified").startswith("Unidentified")
    if drafts and placeless and (anaphoric or m.sub_event_type == "Attack" or wounds):
        last = _told_last(drafts)  # (the event told last, which a sentence since may have gone on about)
        if m.fatalities and last.mention.sub_event_type in _NO_DEATH_SUBS and not _THAT_DAY.search(m.evidence[0].text):
            # dead told after an arrest or a march was told ("Police have arrested 20 ... Police now say 41 people
            # were killed"): the toll of the last violent event, never of the arrest (not "killed that day", a day
            # the sentence before recalled)
            last = next((d for d in reversed(drafts) if d.mention.sub_event_type not in _NO_DEATH_SUBS), last)
        if (
            not (draft.dated and last.dated and not _within(last.mention, m))
            # another kind of act on another day it gives ("The attack that set off the protests took place at dawn on
            # Saturday" after Sunday's riot): its own incident
            and not (
                draft.dated
                and last.dated
                and m.event_date != last.mention.event_date
                and m.event_type != last.mention.event_type
            )
            and not (draft.narrative and last.mention.event_date != m.event_date)
            # "At 7:40 am on Saturday, commandos stormed the building" after Friday night's fight: its own day
            and not _own_day_opens(draft, last.mention)
            and not _after_the_telling(draft, last)
            and not _own_killing(draft, last)  # "four soldiers were killed in the fighting ... seven residents"
            and not _violence_at_a_march(last.mention, m)
        ):
            return last
    if not (anaphoric or not draft.own_place):
        return None
    for earlier in reversed(drafts):
        e = earlier.mention
        if e.event_type != m.event_type:
            continue
        if draft.dated and earlier.dated and not _within(e, m):
            continue
        if draft.narrative and e.event_date != m.event_date:
            continue  # "On Tuesday morning the protests resumed. Young men blocked the road ...": the day the story
            # turned to, not Monday's riot told before
        if _own_day_opens(draft, e):
            continue
        if _after_the_telling(draft, earlier):
            continue
        if (
            e.place is not None
            and m.place is not None
            and e.place.iso == m.place.iso
            and e.place.admin1
            and m.place.admin1
            and e.place.admin1 != m.place.admin1
        ):
            continue  # "..., and a day later nine gunmen died in a clash in neighbouring Durango": another province
        if (
            draft.own_place
            and earlier.own_place
            and e.place is not None
            and e.place.geo_precision == 1
            and not (_same_place(e, m))
        ):
            continue  # "said that Russian shelling of the town of Derhachi killed two": another place, event
        if draft.told_place and e.place is not None and m.place is not None and not _same_place(e, m):
            # "... stormed a plant near Samarra. Three of the attackers blew themselves up": the storming it goes on
            # about, at Samarra, not the bombing told before in Tikrit
            last = _told_last(drafts)
            return last if last.mention.place is not None and _same_place(last.mention, m) else None
        if _other_act_elsewhere(draft, earlier):
            continue
        return earlier
    return None


# A sentence that refers back to an incident ("the strike", "Tuesday's attack on ...").
_DAY_RETELLING = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)'?s\s+"
    r"(?:\w+\s+){0,2}?(?:strikes?|air ?strikes?|raids?|attacks?|bombings?|blasts?|explosions?|shelling|massacre)\b",
    re.I,
)
_RETELLING = re.compile(_ANAPHORA.pattern + "|" + _DAY_RETELLING.pattern, re.I)
# A place told without its name ("a densely populated town in eastern Syria", "a northern opposition-held town"), and
# a later sentence that names a settlement ("the town of al-Quria", "the Atarib district", "Atarib district"): news
# style names the place a sentence or two after the lead.
_SETTLEMENT = r"(?:town|village|hamlet|city|neighbo(?:u)?rhood|district|suburb|camp|area)"
_BEARING_FROM_CITY = re.compile(
    r"\b(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+the\s+(?:capital|city)\b"
    # "in a wildlife reserve about 60 km from Niger's capital": a distance from the capital, no place named
    r"|\b(?:\d+|[a-z]+)\s*-?\s*(?:km|kilomet(?:re|er)s?|miles)\s+(?:(?:north|south|east|west)(?:-?(?:east|west))?\s+)?"
    r"(?:of|from)\s+(?:the\s+)?(?:(?-i:[A-Z])[\w-]*['\u2019]s\s+|country['\u2019]s\s+)?capital\b",
    re.I,
)
_UNNAMED_PLACE = re.compile(
    rf"\b(?:a|an|one|two|three|four|five|several)\s+(?:[\w-]+\s+){{0,3}}?{_SETTLEMENT}s?\b(?!\s+(?:of|called|named)\b)"
    # "in a gunfight north of the capital": a place given only by its bearing from the city
    + "|"
    + _BEARING_FROM_CITY.pattern,
    re.I,
)  # ("killed about 100 civilians in two villages in western Niger" ... "struck Tchoma Bangou and Zaroumadareye")
_AREA_UNIT = r"(?:department|commune|municipality|county|township|prefecture|LGA|local government area|cercle|circle)"
_NAMED_SETTLEMENT = re.compile(
    rf"\b(?:(?i:the)\s+(?:[\w-]+\s+){{0,3}}?(?i:{_SETTLEMENT})s?\s+of\s+(?:[a-z]{{1,3}}-)?[A-Z]"
    rf"|[A-Z][\w'-]+\s+(?i:{_SETTLEMENT}|{_AREA_UNIT})\b"
    # "The attackers entered Mukondi, a farming village about 50 km south-west of Beni"
    rf"|[A-Z][\w'-]+,\s+an?\s+(?:[\w-]+\s+){{0,2}}?(?i:village|town|hamlet|settlement)\b)"
)
_IN_A_UNIT = re.compile(
    rf"\b(?:a|an|one)\s+(?:[\w-]+\s+){{0,2}}?(?:village|hamlet|settlement|town)\s+(?:in|of)\s+(?:the\s+\w+\s+of\s+)?"
    rf"[A-Z][\w'-]+\s+(?:territory|district|province|region|state|county|(?i:{_AREA_UNIT}))\b"
)
_NAMING_WINDOW = 3  # sentences after the unnamed place within which the naming one must come


def _place_from_retelling(
    drafts: list[_Draft],
    sentences: list[_Sentence],
    toponyms: list[Toponym],
    resolved: list[Place | None],
    doc_places: list[Place],
    country: str | None,
    published: date | None,
) -> None:
    """An event told without a precise place ("a rebel-held Syrian town") takes the place of a later sentence that
    refers back to it ("vowed revenge for Tuesday's strike in the town of Khan Sheikhun"), when that sentence is no
    event of its own and its place lies in the province of the place the event has so far (the report's main place).
    """
    told = {d.sentence_index for d in drafts}
    for d in drafts:
        # "... struck a town in northern Aleppo province": the place is left unnamed, the next sentences name it
        vague = (
            # (or only the unit the unnamed place lies in: "raided a village in the west of Beni territory")
            (
                not d.own_place
                or _IN_A_UNIT.search(sentences[d.sentence_index].text) is not None
                or _BEARING_FROM_CITY.search(sentences[d.sentence_index].text) is not None
            )
            and (d.mention.place is None or d.mention.place.geo_precision >= 2)  # no sentence merged in named it
            and _UNNAMED_PLACE.search(sentences[d.sentence_index].text) is not None
        )
        if d.named_place and not vague:
            continue
        here = d.mention.place
        for j, sent in enumerate(sentences):
            if j <= d.sentence_index:
                continue
            if d.named_place and (j > d.sentence_index + _NAMING_WINDOW or (j in told and not vague)):
                break  # only the sentences right after an unnamed place name it; an event told next names its own
            if j in told:
                continue
            ref = _RETELLING.search(sent.text)
            if ref is not None and published is not None and _old_year(sent.text, published):
                continue  # "The assault is the largest since the group lost Baghouz in March 2019": a comparison
                # with an earlier year, whose places are that year's
            if ref is None and vague and j <= d.sentence_index + _NAMING_WINDOW:
                ref = _NAMED_SETTLEMENT.search(sent.text)
            if ref is None:
                continue
            # (not the place of the other happening it is dated from: "Sunday's attack came two weeks after gunmen
            # killed a pastor ... in Silgadji")
            apart = _TIME_APART.search(sent.text, ref.end())
            end = sent.start + apart.start() if apart is not None else sent.end
            idx = [i for i, t in enumerate(toponyms) if sent.start <= t.start < end and resolved[i] is not None]
            if not any(not _coarse(resolved[i]) for i in idx):
                continue
            place = place_for_event(
                sent.text,
                sent.start,
                sent.start + ref.start(),
                [toponyms[i] for i in idx],
                [resolved[i] for i in idx],
                doc_places,
            )
            place = _in_report_country(place, country, doc_places)
            if place is None or _coarse(place):
                continue
            by_day = _DAY_RETELLING.search(sent.text) is not None  # "Tuesday's strike": the incident itself
            # (a place given by its bearing or distance from the capital lies outside the capital's province)
            bearing = _BEARING_FROM_CITY.search(sentences[d.sentence_index].text) is not None
            # (a province's own row may carry no admin1 of its own: its name is its province)
            here_a1 = here.admin1 or (here.location if here.feature == "admin1" else None) if here else None
            if not by_day and not bearing and here_a1 and place.admin1 != here_a1:
                continue
            d.mention.place, d.own_place = place, True
            if (by_day and not d.dated) or vague:  # "Tuesday's strike" also gives the day the lead left open
                # (as does the sentence that names the unnamed village: "entered Mukondi ... late on Wednesday", a
                # day before the day the lead's toll was told)
                days = [x for x in find_dates(sent.text, published) if x.value is not None and x.precision == 1]
                if days and (
                    not d.dated if by_day else d.mention.event_date is None or days[0].value <= d.mention.event_date
                ):
                    d.mention.event_date, d.mention.time_precision, d.dated = days[0].value, 1, True
            break


FOREIGN_TOWN_POPULATION = 500_000  # a town abroad a report names without its country: only a big, known city


def _home_reading(
    text: str, toponyms: list[Toponym], resolved: list[Place | None], filed: Counter[str] | None = None
) -> list[Place | None]:
    """In a report that names its countries, a place resolved in a country it never names is a misreading unless
    it is a big city named exactly ("Boni" read as Bonn, Mali's commune of Sangha as Congo's Sangha department):
    the name stays unresolved, for the report's own places and the country fall-back to decide. The dateline's
    country counts as named ("RIO DE JANEIRO -" and "Rio" in the headline: not Rio in Greece)."""
    named = named_countries(text) + (filed or Counter())
    if not named:
        return resolved
    focus = focus_country(named, [p.iso for p in resolved if p is not None and p.feature != "country"])
    region = set(named) | (
        {focus} if focus else set()
    )  # "Russian shelling of Derhachi": the report's own country, unnamed
    out = list(resolved)
    for i, (t, p) in enumerate(zip(toponyms, resolved, strict=True)):
        if p is None or p.iso is None or p.iso in region or p.feature == "country" or t.demonym:
            continue
        quality = next((q for c, q in zip(t.candidates, t.quality, strict=False) if c.id == p.gazetteer_id), 1.0)
        row = next((c for c in t.candidates if c.id == p.gazetteer_id), None)
        by_name = row is not None and exact_key(row.name) == exact_key(t.surface)  # "Boni" is an old name of Bonn
        if quality < 1.0 or not by_name or row is None or row.population < FOREIGN_TOWN_POPULATION:
            out[i] = None
    return out


# The trigger, then where it happened: "a drone strike in a southern suburb of Beirut", "shelling on the outskirts of"
_TIED_TO_TRIGGER = re.compile(
    r"^[\w-]+(?:\s+[\w-]+){0,2}?\s+(?:in|at|near|outside|on)\s+(?:[\w'\u2019-]+\s+){0,5}?$", re.I
)
# the act a few words before its place, which the sentence presents as a settlement ("A rocket struck a football
# pitch in Majdal Shams, a Druze town in the Golan Heights"): the act's own place, abroad or not
_SETTLEMENT_OF = re.compile(r"\b(?:town|village|city|hamlet|district|neighbou?rhood|suburb|camp)\s+of\s+$", re.I)
_TIED_FAR = re.compile(r"^[\w-]+(?:\s+[\w-]+){0,5}?\s+(?:in|at|near|outside)\s+$", re.I)
_SETTLEMENT_APPOSITION = re.compile(
    r",\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:town|village|city|hamlet|settlement)\b", re.I
)


# the act, then its objects and the places they were at, in one run of phrases ("rammed his car into pedestrians at a
# bus stop on Pinchas Rosen Street in Tel Aviv"): no clause opens between the act and its place
_PHRASE_CHAIN = re.compile(r"^[^,;:.()\"\u201c\u201d]{0,140}?\s(?:in|at|near|outside)\s+(?:the\s+)?$", re.I)
_OPENS_A_CLAUSE = re.compile(
    r"\b(?:and|or|but|since|after|before|while|when|whereas|as|where|who|whom|whose|which|that|said|says|told|tells"
    r"|according|because|until|then|to|from|towards?|during|amid|despite|following)\b",
    re.I,
)


CHAINED_TOWN_POPULATION = 100_000  # a town abroad the act is tied to by its phrases: a city, not a misread word


def _population(place: Place) -> int:
    row = get_gazetteer().get(place.gazetteer_id) if place.gazetteer_id else None
    return row.population if row is not None else 0


def _one_phrase_chain(gap: str) -> bool:
    """From the trigger to a place, one chain of the act's objects and the places they were at."""
    return _PHRASE_CHAIN.match(gap) is not None and _OPENS_A_CLAUSE.search(gap) is None


_SPEECH_BEFORE_ACT = re.compile(
    r"\b(?:said|says|say|told|tells|announced|announces|according|reported|reports|claimed|claims|stated|accused)\b",
    re.I,
)  # ("In Washington, officials said a drone strike killed ...": the capital speaks, the act is elsewhere)


def _in_report_country(
    place: Place | None,
    country: str | None,
    doc_places: list[Place],
    sentence: str = "",
    trigger: int | None = None,
    filed: Sequence[Place] = (),
    city_parts: frozenset[str] | set[str] = frozenset(),
    named_here: Sequence[Place] = (),
    report_named: frozenset[str] = frozenset(),
) -> Place | None:
    """A place abroad in a report about one country is usually a misread word ("US-led", "UK-based" read as towns
    called Us or Uk) or a capital that only comments: take the report's own main place instead, unless the sentence
    names the place's country with it ("rockets hit the Israeli town of Safed" in a report from Lebanon) or names the
    place as where the trigger's act happened ("a drone strike in a southern suburb of Beirut killed ...")."""
    if place is None or country is None or place.country in (None, country):
        return place
    if (
        trigger is not None
        and place.feature not in ("country", "admin1")
        and place.surface
        and (at := sentence.find(place.surface, trigger)) > trigger
        and (
            _TIED_TO_TRIGGER.match(sentence[trigger:at])
            or (_one_phrase_chain(sentence[trigger:at]) and _population(place) >= CHAINED_TOWN_POPULATION)
            or (
                _TIED_FAR.match(sentence[trigger:at])
                and _SETTLEMENT_APPOSITION.match(sentence, at + len(place.surface)) is not None
            )
        )
    ):
        return place
    if (
        trigger is not None
        and place.feature not in ("country", "admin1")
        and place.surface
        and re.match(rf"\W*(?:In|At|Near|Outside)\s+(?:the\s+)?{re.escape(place.surface)}\s*,", sentence)
        and not _SPEECH_BEFORE_ACT.search(sentence, 0, trigger)
    ):
        return place  # "In Tel Aviv, thousands joined the weekly rally" in a report from Gaza: the scene it opens in
    if (
        place.iso in report_named
        and place.feature not in ("country", "admin1")
        and place.surface
        and (at := sentence.find(place.surface)) > 0
        and _SETTLEMENT_OF.search(sentence, max(0, at - 30), at)
        and not any(p.country == country for p in named_here)
    ):
        return place  # "air strikes killed five people in the town of Saraqib" in a report from Gaza that names Syria:
        # a town the sentence calls one, in a country the report names, and no place of the report's own country
        # beside it (not "the village of Dubovoye ... in the Belgorod district", read as a Dubove abroad)
    if sentence and place.geo_precision == 1 and place.surface and (at := sentence.find(place.surface)) >= 0:
        beside = sentence[
            max(0, at - 30) : at + len(place.surface) + 25
        ]  # "the Israeli town of Safed", "Safed, Israel"
        if place.iso in named_countries(beside):
            return place
        if place.feature not in ("country", "admin1") and place.iso in _scene_countries(sentence):
            # the sentence sets its own scene abroad: "In Iraq, a roadside bomb killed three soldiers in Baghdad's
            # Abu Ghraib district" in a report from Gaza (a country named as a side, "Rwanda-backed", does not)
            return place
    home = [p for p in doc_places if p.country == country and p.feature != "country"]
    # a place of the report's country the sentence names itself ("attacked an army platoon in the department of Cauca,
    # ... since talks began in Havana"): that one, before the report's main place
    home = [p for p in named_here if p.country == country and p.feature != "country"] + home
    if place.surface in city_parts or (
        sentence
        and place.surface
        and (at := sentence.find(place.surface)) > 0
        and _CITY_PART_BEFORE.search(sentence, max(0, at - 40), at)
    ):
        # "the commune of Gombe" in a report filed from Kinshasa: a part of the city the report was filed from,
        # not the namesake town abroad nor the report's other places
        home = [p for p in filed if p.country == country] + home
    if not home:
        return place
    return replace(home[0], geo_precision=max(home[0].geo_precision, 2))


_SCENE_BEFORE = re.compile(
    r"\b(?:in|inside|across|within)\s+(?:neighbou?ring\s+|(?:(?:north|south)-?)?(?:north|south|east|west|centr)(?:ern|al)\s+)?$",
    re.I,
)


def _scene_countries(sentence: str) -> set[str]:
    """Countries the sentence names by name after "in" ("In Iraq, ...", "in neighbouring Niger"): where it happens."""
    return {iso for at, iso in country_names_at(sentence) if _SCENE_BEFORE.search(sentence, max(0, at - 30), at)}


_CITY_PART_BEFORE = re.compile(
    r"\b(?:commune|neighbou?rhood|quarter|district|suburb|borough|township|municipality)\s+of\s+(?:the\s+)?$", re.I
)


_SAME_ADMIN = re.compile(r"\b(?:the )?same (?:province|governorate|region|state|district|county|area)\b", re.I)


def _admin_level(main: Place | None, doc_places: list[Place], same_admin1: bool) -> Place | None:
    """The report's main place at province level (``same_admin1``) or country level: the report's own row for it
    when it names one, else the main place relabelled (its point stands in for the area's)."""
    if main is None or main.feature == "country":
        return main
    if same_admin1 and main.admin1:
        row = next((p for p in doc_places if p.feature == "admin1" and p.admin1 == main.admin1), None)
        return row or replace(
            main, location=main.admin1, admin2=None, admin3=None, feature="admin1", geo_precision=3, gazetteer_id=None
        )
    row = next((p for p in doc_places if p.feature == "country" and p.iso == main.iso), None)
    return row or replace(
        main,
        location=main.country or main.location,
        admin1=None,
        admin2=None,
        admin3=None,
        feature="country",
        geo_precision=3,
        gazetteer_id=None,
    )


def _coarse(place: Place | None) -> bool:
    """No finer than a province: a country, a province, or a region over several provinces (Darfur, Kivu)."""
    return (
        place is None
        or place.geo_precision >= 3
        or place.feature in ("country", "admin1")
        or (place.feature == "region" and not place.admin1)
    )


# No single happening in these reports kills more: a bigger figure is a war toll or a misread number.
MAX_EVENT_FATALITIES = 20_000


def _apply_casualties(mention: Mention, cas: Casualties) -> None:
    if cas.fatalities is not None and cas.fatalities <= MAX_EVENT_FATALITIES:
        mention.fatalities = cas.fatalities
        if cas.fatalities_max is not None and cas.fatalities_max != cas.fatalities:
            mention.fatalities_max = cas.fatalities_max
    for name in ("injured", "civilians", "children", "women"):
        value = getattr(cas, name)
        if value is not None:
            setattr(mention, name, value)


# The claimant's own name right before "claimed": "The banned Balochistan Liberation Army (BLA) claimed ...",
# "a faction calling itself Ansaru claimed ...".
_CLAIMANT_NAME = re.compile(
    r"(?<![\w-])((?:(?:[A-Z][\w'-]*|[Aa][ls]-[A-Z][\w'-]*|of|the|for|and)\s+){0,6}(?:[A-Z][\w'-]*|[Aa][ls]-[A-Z][\w'-]*))"
    r"(?:\s*\(([A-Z][\w-]{1,7})\))?,?\s+"
    r"(?:(?:has|have|had|later|quickly|swiftly)\s+)?claim(?:ed|s)\b"
)
_ARMED_NAME = re.compile(
    r"\b(?:Army|Front|Liberation|Movement|Brigades?|Battalions?|Forces|Militia|State|Jihad|Group|"
    r"Mujahideen|Taliban|Shabaab|Ansar\w*|Jamaat\w*|Tehreek\w*|Lashkar\w*|Boko)\b"
)


# The blamed group's own name right after the words that blame it: "attributed the killings to the Militarized
# Communist Party of Peru, a remnant of ...", "said the attack was the work of the Zintan Revolutionaries Brigade".
_AN_INCIDENT = "(?:the\\s+)?" + _THE_INCIDENT.removeprefix("the\\s+")  # the incident, its article already read
_BLAMED_NAME = re.compile(
    rf"\s*(?:(?i:{_AN_INCIDENT}|it|them)\s+on\s+)?"  # ("blamed| the attack on the X": the words before the name)
    r"(?:the\s+)?(?:(?:suspected|alleged|so-called|banned|outlawed)\s+)?[\"\u201c]?"
    r"((?:[A-Z][\w'-]*|[Aa][ls]-[A-Z][\w'-]*)(?:\s+(?:(?:of|the|for|and)\s+){0,2}(?:[A-Z][\w'-]*|[Aa][ls]-[A-Z][\w'-]*)){0,6})"
    r"(?:\s*\(([A-Z][\w-]{1,7})\))?"
)
# words that make a name a group's (armed or political) where the actor list has no entry for it
_GROUP_NAME = re.compile(
    rf"{_ARMED_NAME.pattern}|\b(?:Party|Cartel|Gang|Commandos?|Guerrillas?|Resistance|Organi[sz]ation|Network|Squad|"
    r"Rebels|Revolutionaries|Insurgents)\b"
)


def _named_blamed(sentence: str, at: int, known: list[Any]) -> tuple[str, int] | None:
    """A group the report's sources blame, named right at ``at`` by a name the actor list does not hold: the group by
    its own name (a kind of group, a country or a person is no such name)."""
    m = _BLAMED_NAME.match(sentence, at)
    if m is None or not _GROUP_NAME.search(m.group(1)) or len(m.group(1).split()) < 2:
        return None
    start, end = m.span(1)
    if any(a.start <= start and a.end >= end for a in known):
        return None  # the list knows it by this name or a longer one
    return (m.group(1), 2)


def _named_claimant(sentence: str, known: list[Any]) -> tuple[str, int] | None:
    """A group named as the claimant that the actor list does not hold, or holds only by a word of its name ("Army"
    in "Balochistan Liberation Army"): the group by its own name, as ACLED names armed groups it has no entry for."""
    m = _CLAIMANT_NAME.search(sentence)
    if m is None:
        return None
    words = m.group(1).split()
    while words and words[0].lower() in ("the", "of", "for", "and"):
        words = words[1:]
    if not words or len(words) == 1 and words[0] in ("It", "He", "She", "They", "No", "Nobody", "None"):
        return None
    name = " ".join(words)
    start = m.start(1) + m.group(1).index(words[0])
    inside = [a for a in known if a.start >= start and a.end <= m.end(1)]
    if inside and any(a.surface == name for a in inside):
        return None  # the list knows it by this very name
    if any(a.start <= start and a.end >= m.end(1) for a in known):
        return None  # the list knows it by a longer name ("al Shabaab" read from "Shabaab")
    if len(words) == 1 and not _ARMED_NAME.search(name) and not inside:
        return (name, 3)  # "a faction calling itself Ansaru": a named group, kind unknown (political militia)
    return (name, 2) if _ARMED_NAME.search(name) else None


def _take_claimant(mention: Mention, next_sentence: str, country: str | None, then: str = "") -> None:
    """ "X claimed responsibility" after an attack names its perpetrator (``then``: the sentence after that one)."""
    claim = next(
        (
            c
            for c in _CLAIMED.finditer(next_sentence)
            if not _NO_CLAIM.search(next_sentence, max(0, c.start() - 40), c.start())
        ),
        None,
    )  # (the first claim not denied: "No one has claimed the blast, but the commander blamed Al-Shabaab")
    if not claim:
        return  # "No group has claimed responsibility; fighters of X and Y are active in the area": no claimant
    blame = claim.group("blame") is not None
    if claim.group("behind") and _HEDGED.search(next_sentence, max(0, claim.start() - 80), claim.start()):
        return  # "he believed the Islamic State group was behind it": a belief, no attribution (ACLED: unidentified)
    rivals = ("rebel", "militia", "identity")
    if blame and any(a.kind in rivals and a.end <= claim.start() for a in find_actors(next_sentence, country)):
        return  # "the ELN blamed the 33rd Front for the killings": a rival's accusation names no doer
    if blame and _DENIES.search(then):
        return  # "The army blamed the NAS. A NAS spokesman denied any involvement.": an accusation denied
    known = [
        a
        for a in find_actors(next_sentence, country)
        if not _DENIED_CLAIM.match(next_sentence, a.end)  # "the TTP did not claim the bombing, but ..."
        # "the army blamed Hezbollah": the blamed, named right after the verb, not the blamer or a later actor
        and (not blame or claim.start() <= a.start <= claim.end() + 25)
        # "he believed the Islamic State group was behind it": the one named right before
        and (claim.group("behind") is None or 0 <= claim.start() - a.end <= 12)
        # the blamed by name, not a kind ("blaming the attacks on terrorist groups supported by ...")
        and (not blame or a.kind == "state" or a.surface != a.surface.lower())
    ]
    named = _named_blamed(next_sentence, claim.end(), known) if blame else _named_claimant(next_sentence, known)
    if named is not None:
        mention.actor1, mention.inter1 = named
        return
    for actor in known:
        if actor.kind not in ("civilians", "unidentified", "protesters"):
            mention.actor1, mention.inter1 = actor.canonical, actor.inter
            return


def _claim_what(sentence: str, cas: Casualties) -> tuple[int | None, str]:
    if cas.fatalities is not None:
        who = "civilians killed" if cas.civilians else "killed"
        return cas.fatalities, who
    if cas.injured is not None:
        return cas.injured, "injured"
    m = re.search(r"\b(displaced|fled|trapped|besieged|detained|missing|refugees)\b", sentence, re.I)
    return None, m.group(1).lower() if m else "toll"


def extract_from_doc(report: Report, doc: Any, accept: bool = True) -> Extraction:
    """Mentions and claims from a report already run through spaCy (doc.text == report.text). With ``accept`` the
    learned acceptance model drops the drafts a coder would not record (warlog.extract.acceptance); without it every
    draft is kept and the features it was judged on come back in ``Extraction.features`` (for training it)."""
    text = report.text
    published = report.published
    warnings: list[str] = []
    if published is None:
        warnings.append(f"report {report.id}: publication date unknown; its events get no date")

    sentences = split_sentences(doc)
    skip_before = dateline_end(text)
    ner = entity_spans(doc, NON_PLACE)  # entity labels read with the parse: names that are not places
    toponyms: list[Toponym] = find_toponyms(text, ner, sticky=True)
    for i in spoken_spans(doc, [(t.start, t.end) for t in toponyms]):
        toponyms[i].spoken = True  # "told reporters in Kano": where it was told, not where it happened
    notes = [m.span() for m in EDITOR_NOTE.finditer(text)]  # "(Updates toll ..., adds Lviv details ...)": no place
    notes += [m.span() for m in TRAILING_NOTE.finditer(text)]  # ("JERUSALEM, 28 July - (wire, updates with ...)")
    notes += _label_lines(text)  # "Wednesday, 14 July 2021 | Explainer | Americas": the page's section, no place
    notes += stamp_lines(text)  # "Le Quotidien du Chari, 16 June 2015": the outlet's name, no place of the story
    toponyms = [t for t in toponyms if not any(a <= t.start < b for a, b in notes)]
    # the dateline's city names its country ("BUENOS AIRES, 13 June -"): a village of another country the report never
    # names is a namesake, not the place ("Congress", Arizona)
    dateline = dateline_span(text)
    resolved: list[Place | None] = (
        resolve_toponyms(toponyms, text, dateline=_dateline_country(dateline, toponyms)) if toponyms else []
    )
    resolved = named_facilities(text, toponyms, resolved)  # "the Carondelet presidential palace": a building's name
    # A dateline place is where the report was filed: an event's place only when the report names no other.
    filed = {
        i
        for i, t in enumerate(toponyms)
        if dateline and dateline[0] <= t.start and (t.start < dateline[1] or t.end <= skip_before)
    }  # (up to skip_before: a wire's second dateline too)
    resolved = _dateline_towns(toponyms, resolved, filed)
    filed_iso = Counter(p.iso for i, p in enumerate(resolved) if i in filed and p is not None and p.iso)
    filed_places = [p for i, p in enumerate(resolved) if i in filed and p is not None and not _coarse(p)]
    # names the report calls a commune or a district of a city somewhere ("the commune of Gombe"): said alone later,
    # still that part of the city
    city_parts = {t.surface for t in toponyms if _CITY_PART_BEFORE.search(text, max(0, t.start - 40), t.start)}
    resolved = _parts_of_the_filed_city(text, toponyms, resolved, filed_places)
    if filed and any(p is not None for i, p in enumerate(resolved) if i not in filed):
        resolved = [None if i in filed else p for i, p in enumerate(resolved)]
    resolved = _home_reading(text, toponyms, resolved, filed_iso)
    # "a Ramallah-based rights group", "the London-based Observatory": where the speaker sits, never where the event is
    resolved = [None if _BASED_AFTER.match(text, t.end) else p for t, p in zip(toponyms, resolved, strict=True)]
    resolved = stated_hierarchy(text, toponyms, resolved)
    resolved = units_read_as_villages(text, toponyms, resolved)  # "a house in Shwepyitha Township" (Yangon's)
    resolved = stated_distance(text, toponyms, resolved)  # "Sweetwaters, about 10 km west of Pietermaritzburg"
    toponyms, resolved = unnamed_at_distance(text, toponyms, resolved, ner)  # "Awasse, about 25 km south-west of X"
    resolved = the_citys_part(text, toponyms, resolved, filed_places)  # "the city's Uptown" (not Chicago's)
    resolved = streets_unplaced(toponyms, resolved, text)  # "Calle Morelos", "Elia Square": no town
    resolved = speaking_governments(text, toponyms, resolved)  # "Baku said ...": the government, not a place
    resolved = named_capitals(text, toponyms, resolved)  # "in Somalia's capital": the city
    sections = _section_places(text, toponyms, resolved, filed, skip_before)  # (read from the places as settled)
    country = _country_hint(resolved, text)
    doc_places = document_places(toponyms, resolved)
    first_named: dict[str, int] = {}
    named_at: dict[str, list[int]] = {}
    said_at: dict[str, list[int]] = {}  # each name as written, where (resolved there or not: "took Goma" in the lead)
    for i, t in enumerate(toponyms):
        if i not in filed:  # (a dateline is where the report was filed, not a place it told of)
            said_at.setdefault(t.surface.lower(), []).append(t.start)
    story_first: dict[str, int] = {}  # where each place is first named as a place of the story (not "from X")
    for t, p in zip(toponyms, resolved, strict=True):
        if p is not None and not directed_at(text, t):  # ("a radio station from Cordoba": no place of the story)
            first = min(said_at.get(t.surface.lower(), [t.start]) + [t.start])
            first_named[p.location] = min(first_named.get(p.location, first), first)
            named_at.setdefault(p.location, []).append(t.start)
            if t.start > skip_before:
                story_first.setdefault(p.location, t.start)
    scenes = frozenset(
        loc for loc, at in story_first.items() if _SCENE_OPENS.search(text, max(0, at - 8), at)
    )  # places first named as "In Cordoba, ..." opening a sentence: a scene of their own
    # the groups of the incidents the report tells, not of the older ones it recalls ("two weeks after jihadists of
    # Boko Haram killed 43 farmers in Koshobe on 28 November")
    war_actors = document_actors([s.text for s in sentences if not _old_news(s.text, published)], country)

    drafts: list[_Draft] = []
    title_drafts: list[_Draft] = []
    claims: list[Claim] = []
    tagged = _split_headlines(sentences, report if report.title else replace(report, title=_title_line(text)))
    finite = frozenset(tok.idx for tok in doc if tok.tag_ in _FINITE_TAGS)  # where a clause of its own has its verb
    clauses = [
        (
            _headline_clauses(s)
            if head
            else [
                c
                for part in _aggregate_tail(s)
                for c in _one_clause_per_place(part, toponyms, resolved, published, finite)
            ],
            head,
        )
        for s, head in tagged
    ]
    tagged = [(c, head) for cs, head in clauses for c in cs]
    second_clauses = {sum(len(cs) for cs, _ in clauses[:k]) + 1 for k, (cs, _) in enumerate(clauses) if len(cs) == 2}
    sentences = [_without_stamp(t[0]) for t in tagged]
    headline = {i for i, t in enumerate(tagged) if t[1]}
    # a bulletin's headlines ("Here are the headlines. ... Now the details."): told again below, read like titles
    blocks = _headline_blocks(text)
    announced = {i for i, t in enumerate(sentences) if any(a <= t.start < b for a, b in blocks)}
    own_source: dict[int, str | None] = {}
    first_body = min((i for i in range(len(sentences)) if i not in headline), default=0)
    headline |= announced
    while first_body + 1 < len(sentences) and _on_a_stamp_line(text, sentences[first_body]):
        first_body += 1  # "Published 14 October 2019 | Investigations | Yemen": the page's stamp, not the lead
    # a dateline cut off as a sentence of its own ("KYIV, April 8 (Reuters) -") tells nothing: the lead is after it
    bare_datelines = [
        i for i, s in enumerate(sentences) if s.text.strip() and dateline_end(s.text.strip()) >= len(s.text.strip())
    ]
    news_day: date | None = None  # the day of the incident the report is about, when it is long before publication
    looks_back = [
        m
        for s in [sentences[i] for i in sorted(headline)] + sentences[first_body : first_body + _LEAD_SENTENCES]
        if (m := _GOES_BACK.search(s.text)) is not None
    ]
    investigation = published is not None and bool(looks_back)
    # how far back: weeks or months after the incident, or a year ("a year after Moura, a river town waits")
    back_days = _YEAR_BACK_DAYS if any("year" in m.group(0).lower() for m in looks_back) else _INVESTIGATION_DAYS
    if investigation:
        # an investigation's lead that says it goes back over an incident ("Three weeks after fighters stormed the
        # village ... we reconstruct what happened on 5 June", "Six weeks after the killing, this investigation
        # ..."): the first day the report names weeks before publication is the news
        for s in sentences[first_body:]:
            told_days = [
                d.value
                for d in find_dates(s.text, published)
                if d.value is not None
                and _calendar_date(d)
                and d.precision == 1
                and BACKGROUND_DAYS < (published - d.value).days <= back_days
            ]
            if told_days:
                news_day = min(told_days)
                break
    episodes: set[int] = set()  # sentences that tell one episode over days at one place ("over five days in March")

    about_syria = _ABOUT_SYRIA.search(text) is not None
    named_count = named_countries(text)
    report_named = frozenset(named_count)  # the countries the report names (by name or adjective)
    report_focus = tuple(c for c, _ in named_count.most_common())  # most named first
    # the headline or the lead says the report is about unrest (riots, looting, "public violence")
    about_unrest = _UNREST_WORDS.search(text[:_LEAD_CHARS]) is not None
    # the headline (or the line after it) says the report is about demonstrations
    about_protests = DEMO_WORD.search(text[: _line_end(text, _line_end(text, 0) + 1)]) is not None
    background_lines = [
        (
            s.start,
            _section_end(
                text,
                _line_end(text, s.start + len(s.text) - len(s.text.lstrip()) + head.end() + 1),
                alone=_subheading(text, s.start, s.end),
            ),
        )  # fmt: skip
        for s in sentences
        if (head := _BACKGROUND_HEADING.match(s.text.lstrip())) is not None
    ]  # the line a "Context:" heading opens, or the line (or bulleted lines) after a heading alone on its line, or
    # the section a title line opens
    background_lines += [
        (s.start, _line_end(text, s.start)) for s in sentences if _RECAP_OPENS.match(s.text.lstrip())
    ]  # "A reminder for listeners of how we got here. On the morning of Sunday 17 July, ...": the paragraph recalls
    background_lines += [
        (s.start, _line_end(text, s.start)) for s in sentences if _UNVERIFIED_OPENS.match(s.text.lstrip())
    ]  # "4. Unverified. We received reports of ...": what the monitor has not confirmed is not yet its news
    background_lines += [
        (s.start, _line_end(text, s.start)) for s in sentences if _CORRECTION_OPENS.match(s.text.lstrip())
    ]  # "CORRECTION: An earlier version of this story said ... The strike took place on Wednesday": the outlet's
    # note on its own copy restates what the story tells, no incident of its own
    summaries = [
        (head.start(), end)
        for head in _SUMMARY_HEADING.finditer(text)
        if (end := _section_end(text, _line_end(text, head.end() + 1)))
        and (len(_NUMBERED_LINE.findall(text, end)) >= 2 or len(_TIMED_LINE.findall(text, end)) >= 2)
    ]  # a summary, when numbered items or a live blog's entries tell its incidents after it (read from the lines: a
    # label may be cut off)
    period = _covered_period(text[:_LEAD_CHARS], published)
    period_start = period[0] if period else None
    bulletin_day = _covered_day(text[:_LEAD_CHARS], published)  # "daily bulletin, covering Sunday 13 April"

    item_days: dict[int, DateMention | None] = {}
    day_headings = _day_headings(text, published, skip_before)
    lead_days = _lead_days(text, published, skip_before)

    def lead_day(pos: int) -> DateMention | None:
        """The day opening the chronology paragraph the sentence is in."""
        return next((d for a, b, d in lead_days if a <= pos < b), None)

    def section_day(pos: int) -> DateMention | None:
        """The day of the day heading the sentence is under ("Wednesday 5 January" above a live blog's entries; a
        heading the sentence splitter glued to the first sentence under it heads that sentence)."""
        return next((d for at, d in reversed(day_headings) if at <= pos), None)

    def item_day(sent: _Sentence) -> DateMention | None:
        """The day a bulletin item's heading gives the sentence (once per sentence: two decisions read it)."""
        if sent.start not in item_days:
            item_days[sent.start] = _item_heading_day(text, sent.start, published, skip_before)
        return item_days[sent.start]

    def source_of(i: int) -> str | None:
        if i not in own_source:
            own_source[i] = (
                find_attribution(sentences[i].text, syria=about_syria, countries=report_focus)
                if 0 <= i < len(sentences)
                else None
            )
        return own_source[i]

    place_history_of: dict[int, list[tuple[int, int]]] = {}
    group_history_of: dict[int, list[tuple[int, int]]] = {}

    def place_history(j: int) -> list[tuple[int, int]]:
        """Sentence ``j``'s relative clauses on a place (`_place_history`), read once."""
        if j not in place_history_of:
            place_history_of[j] = _place_history(doc, sentences[j].start, sentences[j].end)
        return place_history_of[j]

    def group_history(j: int) -> list[tuple[int, int]]:
        """Sentence ``j``'s relative clauses on a group with an old day (`_group_history`), read once."""
        if j not in group_history_of:
            group_history_of[j] = _group_history(doc, sentences[j].start, sentences[j].end, published)
        return group_history_of[j]

    def histories(j: int) -> list[tuple[int, int]]:
        """The history clauses of sentence ``j`` (a group's, a place's), sentence-relative."""
        return group_history(j) + place_history(j)

    def entry_day(sent: _Sentence) -> date | None:
        """The day of a live blog's timed entry the sentence is in: the day heading it is under, else the blog's."""
        if (
            published is None
            or (entry := _item_span(text, sent.start)[0]) is None
            or not _TIMED_LINE.match(text, entry)
        ):
            return None
        under = section_day(sent.start)
        return under.value if under is not None else published

    def narrative_day(i: int, back: int = 2) -> date | None:
        """The day one of the two (``back``) sentences before tells (not a source's speaking day, a clock, a rite or
        the dateline), when it is close to the publication day."""
        for j in range(i - 1, max(-1, i - 1 - back), -1):
            if _TIMED_LINE.match(text, _line_start(text, sentences[j + 1].start)) and sentences[j].paragraph != (
                sentences[j + 1].paragraph
            ):
                break  # a live blog's entry opens: an entry before it, later or earlier, tells its own day
            for d in find_dates(sentences[j].text, published):
                if (
                    d.value is not None
                    and d.precision == 1
                    and d.kind not in ("clock", "rite")
                    and sentences[j].start + d.start >= skip_before
                    and not _in_stamp(text, sentences[j].start + d.start)  # (the page's date under its title)
                    and not _report_date(d, sentences[j].text)
                    # (not a day a group's or a place's history gives: "the Taliban, who took Kabul on Aug. 15")
                    and not any(a <= d.start < b for a, b in histories(j))
                    and (published is None or 0 <= (published - d.value).days <= BACKGROUND_DAYS)
                ):
                    return d.value
        return None

    def possessive_day(i: int) -> date | None:
        """The day a sentence before gives an incident by a possessive ("Friday's attack", "Tuesday's strikes"), in
        the report's first sentences (up to STORY_BACK back), when one day only is so given."""
        days = set()
        for j in range(max(0, i - STORY_BACK), i):
            for m in _DAY_RETELLING.finditer(sentences[j].text):
                for d in find_dates(m.group(0).split("'")[0].split("\u2019")[0], published):
                    if d.value is not None and d.precision == 1:
                        days.add(d.value)
        return days.pop() if len(days) == 1 else None

    def _told_another_day(i: int, last: _Draft) -> bool:
        """The sentence just before, which told no event, names a day before the last event's ("The raid came after a
        bloody Thursday on the road. Gunmen stopped a bus ..."): the story turns back to that day."""
        if i - 1 <= last.sentence_index or last.mention.event_date is None:
            return False
        if not last.dated and not _CAME_AFTER.search(sentences[i - 1].text):
            return False  # (a last event dated only by the day it was told may be this very incident; not after "The
            # attack came two days after gunmen attacked the airport on Saturday", which turns to another one)
        if last.mention.time_precision != 1:
            return False
        day = narrative_day(i) if i >= 1 else None
        prev = sentences[i - 1].text
        told = {
            d.value
            for d in find_dates(prev, published)
            if d.value is not None
            and not _SPAN_EDGE.search(prev, max(0, d.start - 12), d.start)
            and not _SPAN_EDGE_WORD.match(d.text)
        }  # (not where a count starts or ends: "Since Saturday at least 68 civilians have been killed")
        # (an earlier day: a day after the event is most often the day it was told, "at a press conference on Friday")
        return day is not None and day in told and day < last.mention.event_date

    def quiet_since(last: int, i: int) -> bool:
        """The story goes on: at most QUIET_GAP sentences since the last event, none of them telling a day or
        opening another incident ("The insurgents then moved into the town ... Residents said they went from house
        to house ... At least seven residents were killed")."""
        between = sentences[last + 1 : i]
        return len(between) <= QUIET_GAP and not any(
            _NEW_INCIDENT.match(x.text) or any(d.value is not None for d in find_dates(x.text, published))
            for x in between
        )

    def only_incident_here(i: int) -> bool:
        """One incident told so far, and the sentence names no place but its own ("A doctor at the hospital said he
        had hidden with patients as gunfire echoed through the corridors"): a detail of that incident, told on."""
        if len(drafts) != 1 or drafts[0].mention.place is None:
            return False
        sent = sentences[i]
        para = text.rfind("\n", 0, sent.start) + 1  # (nor does its paragraph: "19:15 - ... the toll in Kryvyi Rih")
        here = [
            p
            for j, (t, p) in enumerate(zip(toponyms, resolved, strict=True))
            if para <= t.start < sent.end and j not in filed
        ]
        return all(p is not None and _place_key(p) == _place_key(drafts[0].mention.place) for p in here)

    def refers_back(i: int) -> bool:
        """The sentence, or the one before, points back at the incident told ("missing since the attack", "abducted
        by the same militants"): it goes on about it, however far back it was told."""
        return any(
            _SAME_DOERS.search(sentences[j].text) or _ANAPHORA.search(sentences[j].text) for j in (i - 1, i) if j >= 0
        )

    def said_by(i: int) -> str | None:
        """Who the sentence says its facts come from, else who its neighbours quote ("it said"): not across the items
        of a bulletin, each opened by its own day ("On 12 September, ...")."""
        own = source_of(i)
        if own or _OPENS_WITH_DAY.match(sentences[i].text):
            return own
        para = sentences[i].paragraph  # (the next paragraph speaks of something else; the source just told goes on:
        # "..., Human Rights Watch said." then "The report said troops executed 179 people")
        before = (
            source_of(i - 1)
            if i > 0
            and not _OPENS_WITH_DAY.match(sentences[i - 1].text)
            # (not into a paragraph that opens another scene: "In Nairobi, a smaller crowd marched ...")
            and not (
                sentences[i - 1].paragraph != para
                and (_OPENS_ELSEWHERE.match(sentences[i].text) or _NEW_INCIDENT.match(sentences[i].text))
            )
            else None
        )
        after = (
            source_of(i + 1)
            if i + 1 < len(sentences)
            and sentences[i + 1].paragraph == para
            and not _OPENS_WITH_DAY.match(sentences[i + 1].text)
            else None
        )
        return before or after

    for index, sent in enumerate(sentences):
        cut = reporting_start(sent.text)
        if cut:
            # A publication stamp or a caption run into the lead: the reporting after it is the sentence.
            rest = sent.text[cut:].lstrip(" .:-|\u2013\u2014")
            if len(rest.split()) >= 6:
                sent = sentences[index] = _Sentence(rest, sent.end - len(rest), sent.end, sent.paragraph)
        cas = extract_casualties(sent.text)
        before = sentences[index - 1].text if index > 0 else ""
        after = sentences[index + 1].text if index + 1 < len(sentences) else ""

        if cas.fatalities is not None or cas.injured is not None:
            here = [i for i, t in enumerate(toponyms) if sent.start <= t.start < sent.end]
            settled = _settlements(sent.text, sent.start, [(toponyms[i], resolved[i]) for i in here if i not in filed])
            aggregate = (
                is_aggregate_toll(sent.text)
                or (
                    _ACROSS_THE_COUNTRY.search(sent.text) is not None
                    and not any(resolved[i] is not None and not _coarse(resolved[i]) for i in here)
                )  # "22 people had been killed across the country on Tuesday": the country's count, no incident's
                # a toll over days at several places ("killed in two nights of rioting in Bogota and Soacha"): the
                # sum of each night's and each place's incidents, which the report tells apart or not at all
                or (over_days(sent.text) and len(set(settled)) >= 2)
            )
            if (aggregate or over_days(sent.text)) and one_episode(
                sent.text, settled, [d.kind for d in find_dates(sent.text, published) if d.value is not None]
            ):
                # one bounded episode at one place ("over five days in late March ... in the village of Moura"): an
                # event, dated by its month until a later sentence gives its first day
                episodes.add(index)
                aggregate = False
            if aggregate:
                attribution = said_by(index)
                quantity, what = _claim_what(sent.text, cas)
                # the dateline is where the report was filed, not where the toll was counted
                where = [toponyms[i].surface for i in here if i not in filed] or [toponyms[i].surface for i in here]
                claims.append(
                    Claim(
                        report_id=report.id,
                        quantity=quantity,
                        what=what,
                        where=", ".join(dict.fromkeys(where)) or None,
                        period=aggregate_period(sent.text),
                        attributed_to=attribution,
                        evidence=Evidence(sent.text, sent.start, sent.end),
                    )
                )
                continue

        if is_furniture(sent.text):
            continue  # share widgets, related-links lines, captions: never an event, never a toll
        if _subheading(text, sent.start, sent.end):
            continue  # "A pattern of lethal force" alone between blank lines: a section's title, no incident
        if _died_of_earlier_wounds(sent.text, published, news_day):
            continue  # "a boy died in hospital of wounds he sustained in shelling on 29 October": that incident's
            # later death (ACLED adds it to the incident's own event), no event of the report's days
        if any(a <= sent.start <= b for a, b in background_lines) and not (
            news_day is not None and _days_before(sent.text, published, news_day)
        ):
            _day_from_recall(drafts, sent.text, published)
            continue  # a bulletin's "Context:" or "Background:" paragraph: what led here, not the news
            # (an investigation's "Background to the attack" that tells, by their days, the days just before the
            # incident it is about is the story: the shelling the week before the massacre)
        if any(a <= sent.start <= b for a, b in summaries):
            continue  # a bulletin's summary: its numbered items tell each incident
        if _RETRACTED.search(sent.text):
            continue  # "Correction: in our 19:50 entry, we wrote that the helicopter was shot down in Anori": withdrawn
        match, live = classify_with_cues(sent.text, context=before + " " + after)
        signals: dict[str, float] = {}
        if match is not None and match.sub_event_type != "Arrests":
            arrest = max((m for m in live if m.sub_event_type == "Arrests" and m.score >= 0.5), key=lambda m: m.score,
                         default=None)  # fmt: skip
            cause = _OVER_A_KILLING.search(sent.text, arrest.end) if arrest is not None else None
            if arrest is not None and arrest.start < match.start and cause is not None and cause.start() < match.start:
                match = arrest  # "police arrested six men over the assassination of X, who was shot dead": the arrest
        place_clauses = list(place_history(index)) if match is not None else None
        if match is not None and (person := _person_history(doc, sent.start, sent.end)):
            place_clauses = [*(place_clauses or []), *person]
        if match is not None and (group := group_history(index)):
            place_clauses = [*(place_clauses or []), *group]
        if place_clauses and (clauses := [(a, b) for a, b in place_clauses if a < match.end and match.start < b]):
            # "the city that Russia seized in 2014": a trigger inside a place's history is no act of this sentence
            live = [m for m in live if not any(a < m.end and m.start < b for a, b in clauses)]
            match = max(live, key=lambda m: m.score) if live else None
        if match is not None and match.sub_event_type == "Sexual violence" and cas.fatalities:
            # ACLED: sexual violence told with killings is coded as the attack (the sexual violence noted), not as
            # a sexual-violence event carrying the dead ("500 people were killed ... and 58 women were raped")
            match = replace(match, event_type="Violence against civilians", sub_event_type="Attack")
        if match is not None and (_WHO_THE_DEAD_WERE.search(sent.text) or _SUPERLATIVE_RECAP.match(sent.text)):
            match = None  # "those killed included protesters and bystanders killed by the security forces": who the
            # dead of a toll already told were, no happening of its own
        if match is not None and drafts and _FINDINGS_OPEN.match(sent.text.lstrip()):
            match = None  # "We found that the special forces used lethal force ...": an investigation's finding on
            # the incidents it told, no happening of its own
        if match is not None and drafts and _NAMES_AN_EVENT_TOLD.search(sent.text, 0, match.start):
            # "residents gathered at the site of the blast": the incident told before, named, not one happening now
            # (nothing told before: the lead's "released its account of Tuesday's attack" is the news)
            live = [m for m in live if not _NAMES_AN_EVENT_TOLD.search(sent.text, 0, m.start)]
            match = max(live, key=lambda m: m.score) if live else None
        if (
            match is not None
            and match.event_type == "Protests"
            and all(m.event_type == "Protests" for m in live)
            and (_crowd_only_named(doc, sent.start, match) or _protest_not_held(doc, sent.start, match))
        ):
            match = None  # "interviewed witnesses, including protesters": the crowd named, no demonstration told;
            # "announced a vigil", "the march was put off": a demonstration that did not take place
        crowd = None
        if match is None and not live and about_protests and (crowd := _CROWD_GATHERED.search(sent.text)):
            # a report about protests: "several hundred people gathered in the square" is one of them
            match = EventTypeMatch("Protests", "Peaceful protest", "Demonstrations", crowd.group(0), crowd.start(),
                                   crowd.end(), CROWD_SCORE)  # fmt: skip
        struck = None
        if match is None and not live:
            match = struck = _state_struck(doc, sent, text)  # "Ukraine struck the Dzhankoi military airfield"
        section = section_day(sent.start)
        # under a day heading, "this afternoon" and "on Sunday" are read from that day, not the publication day
        dates = find_dates(sent.text, section.value if section is not None else published)
        if investigation and news_day is not None:
            dates = [_in_the_news_year(d, news_day) for d in dates]
        if any(story_shift(d.text) is not None for d in dates):
            dates = _from_the_story_day(dates, sentences[index - 1].text if index else "", published, drafts)
        # the place clauses the act lies outside
        if match is not None and place_clauses is None:  # (a match found since: a state's strike, a crowd)
            place_clauses = list(place_history(index))
        history = [(a, b) for a, b in place_clauses or () if not a <= match.start < b] if match is not None else []
        if history and dates:
            dates = _dates_of_the_act(dates, history)
        if match is not None and dates and (cause := _IN_REPLY_TO.search(sent.text, match.end)) is not None:
            # "the strikes were a reply to the sabotage of a bridge on Sunday": that day is the cause's
            dates = [d for d in dates if d.start < cause.start()]
        standing = match is not None and _STANDING_DEAL.search(sent.text, 0, match.start) is not None
        if match is not None and match.sub_event_type == "Agreement" and standing:
            match = None  # "evacuated under a deal reached between ...": the standing agreement, not its making
        if match is not None:
            role = sentence_role(sent.text, [m.sub_event_type for m in live])
            # "The attack ... killed at least 18" right after an incident is that incident's toll, not a claim.
            follow_up = bool(drafts) and index - drafts[-1].sentence_index <= 2 and _ANAPHORA.match(sent.text.strip())
            follow_up = follow_up or (
                bool(drafts)
                and index - drafts[-1].sentence_index <= 2
                and _gives_its_day(drafts[-1], match, sent.text, published)
            )
            body_index = index - sum(i < index for i in bare_datelines)
            lead = index in headline or body_index <= first_body + 1
            # The report's first sentence tells its incident (news puts it first): a trigger there is an event unless
            # the rules call it background, a claim or no happening. The role model was trained mostly on violent
            # incidents and rates a ceasefire signed or a group's new leader as commentary (issue 13).
            # (the second clause of a first sentence cut in two at its places is that first sentence too)
            first = body_index == first_body or (index in second_clauses and body_index - 1 == first_body)
            prior = 0.0 if first else LEAD_PRIOR if lead else 1.0
            if match.event_type in _UNLABELLED_TYPES:
                prior *= UNLABELLED_PRIOR
            heading = item_day(sent)  # a bulletin item's day
            if heading is None and (blog_day := entry_day(sent)) is not None:
                # a live blog's timed entry ("10:50 - In Lviv, the mayor says missiles hit ..."): its day
                heading = DateMention(sent.start, sent.start, "", blog_day, 1, True, "day")
            if heading is None and section is not None and _opens_entry(text, sent.start):
                heading = section  # a line under a chronology's day heading ("WEDNESDAY 9 OCTOBER" above it): its day
            if match.score >= 0.75 and (
                _anchored(sent, toponyms, resolved, dates + ([heading] if heading else []))
                or (bulletin_day is not None and _heading_place(text, sent.start, toponyms, resolved, filed))
                # (a monitor's entry headed by its day and its place: "4 May - Al Hudaydah. Coalition aircraft struck a
                # fish market in the city overnight, ... a health official told our researcher")
                or (item_day(sent) is not None and _heading_place(text, sent.start, toponyms, resolved, filed))
            ):
                prior = 0.0  # an anchored incident: the role model does not veto it (see _anchored); (in a daily
                # bulletin, an item headed by its place: "2. Kherson (Dniprovskyi district). Forces shelled ...")
            if (
                match.score >= 0.75
                and prior > 0
                and not drafts
                and first_body < index
                and sent.paragraph <= sentences[first_body].paragraph + 1
                and (scene := [s for s in sentences[first_body:index] if s.paragraph == sent.paragraph])
                and _anchored(
                    _Sentence(text[scene[0].start : sent.end], scene[0].start, sent.end, sent.paragraph),
                    toponyms,
                    resolved,
                    find_dates(text[scene[0].start : sent.end], published),
                )
            ):
                prior = 0.0  # a feature's opening scene: "... a second car drew level with it at a junction in
                # Estacio. It was a little after 9.30 on Wednesday night. Someone in the second car opened fire.": the
                # paragraph gave the place and the day, the act follows (the report's first incident)
            if (
                about_protests
                and match.event_type == "Protests"
                and prior > 0
                and any(
                    sent.start <= t.start < sent.end and p is not None and not _coarse(p) and i not in filed
                    for i, (t, p) in enumerate(zip(toponyms, resolved, strict=True))
                )
            ):
                prior = 0.0  # a report about demonstrations: "our correspondent in Wad Madani says several thousand
                # people marched through the city centre" is that town's demonstration (ACLED: one event per place),
                # however the sentence frames its telling
            if crowd is not None and _item_span(text, sent.start)[0] is not None:
                prior = 0.0  # a crowd gathered, told in a bulletin's item about a place: that place's demonstration
            if struck is not None and any(d.value is not None for d in dates):
                prior = 0.0  # a state's strike, told with its day: read from the parse, a happening
            if (
                role.role == CLAIM
                and (cas.fatalities is not None or cas.injured is not None)
                and _toll_of_a_placed_incident(sent, toponyms, resolved, filed)
            ):
                prior = 0.0  # "the ministry says 71 were killed in the strike on al-Mawasi": one incident's toll,
                # told with its place, whoever counts it (ACLED's event, the source its attribution), not a claim
            signals = draft_signals(role, match.score, first=first, lead=lead, vetoable=prior > 0, follow_up=follow_up)
            if role.p_event < event_threshold() * prior and not follow_up:
                if role.role == CLAIM and (cas.fatalities is not None or cas.injured is not None):
                    quantity, what = _claim_what(sent.text, cas)
                    claims.append(
                        Claim(
                            report_id=report.id,
                            quantity=quantity,
                            what=what,
                            period=aggregate_period(sent.text),
                            attributed_to=said_by(index),
                            evidence=Evidence(sent.text, sent.start, sent.end),
                        )
                    )
                    continue
                match = None
        if (
            match is not None
            and match.event_type == "Battles"
            and (cas.civilians or cas.children or cas.women or 0) > 0
        ):
            # Strikes that kill civilians are remote violence even while a battle goes on nearby (ACLED codes the
            # air strike as part of the battle only when it hits the other side's fighters).
            remote = [t for t in find_triggers(sent.text) if t.event_type == "Explosions/Remote violence"]
            if remote:
                match = max(remote, key=lambda t: t.score)
        if (
            match is not None
            and match.sub_event_type == "Attack"
            and about_unrest
            and (
                _DURING_LOOTING.match(sent.text, match.end)
                # "In Hathazari, four people were killed yesterday.": deaths no one is named for, in a report about
                # unrest, are the unrest's toll at that place (ACLED codes the deaths in the riot)
                or (
                    _NO_DOER_DEATHS.search(sent.text)
                    and not _ARMED_DOERS.search(sent.text)
                    # (nor in the sentences before it in its paragraph: "soldiers opened fire at the barrier ...
                    # Two people were killed" is the soldiers' doing)
                    and not any(
                        _ARMED_DOERS.search(sentences[k].text)
                        for k in range(max(0, index - 2), index)
                        if sentences[k].paragraph == sent.paragraph
                    )
                )
            )
            and not _ARMED_DOERS.search(sent.text, 0, match.start)
        ):
            # ACLED: a looter or a rioter killed by the force that fired on the crowd is the riot's toll ("shot and
            # killed by private security officers during looting at a shopping centre"), the force its other side
            match = replace(match, event_type="Riots", disorder_type="Political violence",
                            sub_event_type="Violent demonstration" if about_protests else "Mob violence")  # fmt: skip
        if (
            match is not None
            and match.event_type != "Explosions/Remote violence"
            and aerial_bombing(sent.text, war_actors)
        ):
            match = _as_air_strike(match)
        elif (
            match is not None
            and match.sub_event_type == "Remote explosive/landmine/IED"
            and strike_blast(
                match.trigger, " ".join(x.text for x in sentences[max(0, index - 2) : index + 1]), war_actors
            )
            and not _SET_OFF.search(sent.text, max(0, match.start - 40), match.start)
        ):
            match = _as_air_strike(match)  # "Residents said heavy explosions shook the area" after the strikes told
        elif (
            match is not None
            and match.sub_event_type == "Air/drone strike"
            and _BARE_BOMBING.fullmatch(match.trigger)
            and war_actors.air is None
            and not _AIR_WORDS.search(sent.text)
        ):
            # "a bombing at a crowded market": no aircraft in the sentence and no one the report says flies, a bomb
            # set off on the ground (ACLED: remote explosive; a suicide or car bomb has its own words)
            match = replace(match, sub_event_type="Remote explosive/landmine/IED")
        if match is None and cas.fatalities is not None and drafts and index - drafts[-1].sentence_index <= 4:
            # "Five more civilians were killed in the town of Saqba": more victims of the violence just told, at a
            # place of their own: that violence (type, actors) at this place, an event of its own (one per location).
            more = _MORE_VICTIMS.search(sent.text)
            last = drafts[-1].mention
            here = [resolved[i] for i, t in enumerate(toponyms) if sent.start <= t.start < sent.end]
            if more is not None and last.event_type and any(not _coarse(p) for p in here):
                match = EventTypeMatch(
                    last.event_type,
                    last.sub_event_type or "",
                    last.disorder_type or "Political violence",
                    more.group(0),
                    more.start(),
                    more.end(),
                    0.5,
                )
        if (
            match is None
            and drafts
            and (
                (index - drafts[-1].sentence_index <= 2 and _ANAPHORA.search(sent.text))
                # the sentence right after a lead that gave no day of its own, or only a source's speaking day,
                # tells the scene when it names no other place ("... has risen to 28, officials said on Thursday.
                # Armed men burst into the bar at about 10 p.m. on Tuesday."): its day is the incident's
                or (
                    index - drafts[-1].sentence_index == 1
                    and (not drafts[-1].dated or drafts[-1].told_day)
                    and _no_other_place(sent, toponyms, resolved, drafts[-1].mention.place)
                )
            )
        ):
            # "The killings began on December 10": the first day of the episode just told by its month
            _first_day(drafts[-1], sent, published)
        if (
            match is None
            and drafts
            and index - drafts[-1].sentence_index <= 2
            and (_coarse(drafts[-1].mention.place) or not drafts[-1].own_place)
            and (scene := _TOOK_PLACE.match(sent.text.lstrip())) is not None
        ):
            # "... attacked an army platoon in the department of Cauca. The attack took place in La Esperanza, a hamlet
            # of Buenos Aires": the incident just told, placed where the sentence says it happened
            in_sentence = [i for i, t in enumerate(toponyms) if sent.start <= t.start < sent.end and i not in filed]
            told_at = place_for_event(
                sent.text, sent.start, sent.start + scene.end(),
                [toponyms[i] for i in in_sentence], [resolved[i] for i in in_sentence], [],
            )  # fmt: skip
            last_m = drafts[-1].mention
            unknown = [toponyms[i].surface for i in in_sentence if resolved[i] is None]
            if told_at is not None and not _coarse(told_at):
                last_m.place = told_at
                drafts[-1].own_place = True
                last_m.evidence.append(Evidence(sent.text, sent.start, sent.end))
            elif unknown:
                # "The attack took place in San Miguel del Ene, ... in the Ayacucho region": a hamlet the gazetteer
                # lacks, kept for an analyst to place, in the province the sentence names (ACLED's fall-back)
                last_m.unresolved_places.extend(u for u in unknown if u not in last_m.unresolved_places)
                if (
                    told_at is not None
                    and told_at.feature != "country"
                    and (last_m.place is None or _country_level(last_m.place))
                ):
                    last_m.place = told_at
                last_m.evidence.append(Evidence(sent.text, sent.start, sent.end))
        if (
            match is None
            and drafts
            and index - drafts[-1].sentence_index <= 2
            and sent.paragraph - _paragraph_at(sentences, max(e.start for e in drafts[-1].mention.evidence)) <= 1
            and (drafts[-1].mention.place is None or drafts[-1].mention.place.geo_precision >= 2)
            and _GOES_ON_ABOUT.match(sent.text.lstrip()) is not None
            and not any(
                x.value is not None and x.precision == 1 and x.value != drafts[-1].mention.event_date
                for x in find_dates(sent.text, published)
            )
            and (finer := _finer_place_told(sent, toponyms, resolved, filed, drafts[-1].mention, True)) is not None
        ):
            # "... kidnapped on Saturday east of Port-au-Prince. Their minibus was stopped on the road near Ganthier":
            # the next sentence places the incident just told more precisely, inside the place it was told at
            drafts[-1].mention.place = finer
            drafts[-1].own_place = True
            drafts[-1].mention.evidence.append(Evidence(sent.text, sent.start, sent.end))
        if match is None:
            # A toll with no trigger of its own ("The death toll rose to 15") belongs to the event just told.
            told = cas.fatalities is not None or cas.injured is not None  # "More than 100 others were wounded."
            if (
                drafts
                and told
                and _TOLL_FOLLOWUP.search(sent.text)
                # not a toll of another year ("since the 2004 Beslan siege, in which more than 330 people were
                # killed"), nor one laid on an arrest or a deal
                and not (published is not None and _old_toll(sent.text, published))
                # nor the toll of the earlier year the sentence before told ("The last wave of protests, in
                # September 2013, followed a cut in subsidies. Rights groups said more than 200 were killed then")
                and not (
                    published is not None
                    and index > 0
                    and drafts[-1].sentence_index < index - 1
                    and sentences[index - 1].paragraph == sent.paragraph
                    and _old_toll(sentences[index - 1].text, published)
                )
                # (the violence told before a development that kills no one: "Fighting went on ... Reinforcements
                # were sent from Erbil ... By Friday night 46 people had been killed": the fighting's toll)
                and (last := _toll_carrier(drafts)) is not None
            ):
                # another source's account of the toll ("One local official put the toll at 120") may come a
                # paragraph further on; an unsourced toll only right after the event
                reach = 2 if source_of(index) else 1
                # (not where its source spoke: "the spokesman said in N'Djamena that 36 had died in the attacks")
                here = [
                    resolved[i] for i, t in enumerate(toponyms) if sent.start <= t.start < sent.end and not t.spoken
                ]
                # (a count of the wounded is counted from the event's last telling: "Special forces stormed the
                # school around midday ... Thirty-six officers were wounded in the fighting")
                # (only a count of the wounded: a later death toll is as likely another source's or another day's)
                told_at = {e.start for e in last.mention.evidence} if cas.fatalities is None else set()
                latest = max(
                    (i for i in range(last.sentence_index, index) if sentences[i].start in told_at),
                    default=last.sentence_index,
                )
                if (
                    index - latest <= reach + 1
                    and sent.paragraph - sentences[latest].paragraph <= reach
                    and not _toll_elsewhere(here, last.mention)
                ):
                    attribution = said_by(index)
                    follow = _Draft(
                        # (who gives the toll tells the event, when its first telling named no one: "The government
                        # said on Thursday that 69 ... were killed")
                        Mention(
                            report_id=report.id,
                            evidence=[Evidence(sent.text, sent.start, sent.end)],
                            attributed_to=attribution,
                        ),
                        cas,
                        index,
                        {attribution} if attribution else set(),
                    )
                    follow.mention.event_type = last.mention.event_type
                    follow.mention.sub_event_type = last.mention.sub_event_type
                    own_date, own_precision, own_dated = _event_date(
                        dates, published, skip_before, sent.start, None, sent.text
                    )
                    if (
                        own_dated
                        and (not last.dated or own_precision < last.mention.time_precision)  # "last week", "Thursday"
                        and _near_days(last.mention, replace(last.mention, event_date=own_date))
                        # (not the day a count was given: "had put the number of dead at 79 on Monday evening")
                        and not _COUNT_GIVEN.search(sent.text)
                    ):
                        follow.mention.event_date, follow.mention.time_precision = own_date, own_precision
                    else:
                        follow.mention.event_date = last.mention.event_date
                        follow.mention.time_precision = last.mention.time_precision
                    _apply_casualties(follow.mention, cas)
                    finer = _finer_place_told(sent, toponyms, resolved, filed, last.mention)
                    if finer is not None:
                        # "... attacked police checkpoints in western Farah province. Four policemen were killed in
                        # fighting near the village of Shewan": the toll's sentence places the incident more precisely
                        follow.mention.place = finer
                    if cas.fatalities and last.mention.sub_event_type == INTERV:
                        # "Friday's violent dispersal of a farmers' barricade ... two people had died when police
                        # moved to clear the highway": force that killed protesters (ACLED: excessive force)
                        last.mention.sub_event_type = follow.mention.sub_event_type = EXCESS
                    _merge(last, follow)
            continue

        if _HABITUAL.search(sent.text) and cas.fatalities is None:
            continue
        if (
            published is not None
            and index > 0
            and _SAME_PERIOD_OPENS.match(sent.text)
            and _old_year(sentences[index - 1].text, published)
        ):
            continue  # "... in September 2021. That same month, grenade attacks killed five": the old year goes on
        attribution = said_by(index)
        if (
            published is not None
            and _old_year(_without(sent.text, history), published)
            and not _news_day_told(dates, news_day, published, lead=not drafts and index <= 3, sentence=sent.text)
        ):
            # Background from another year ("agreed to destroy its weapons in 2013"): a toll it gives is a claim.
            if cas.fatalities is not None:
                quantity, what = _claim_what(sent.text, cas)
                years = sorted(set(_YEAR.findall(sent.text)))
                claims.append(
                    Claim(
                        report_id=report.id,
                        quantity=quantity,
                        what=f"{what} (background: {', '.join(years)})",
                        period=aggregate_period(sent.text),
                        attributed_to=source_of(index),  # history is the writer's unless the sentence quotes someone
                        evidence=Evidence(sent.text, sent.start, sent.end),
                    )
                )
            continue
        event_date, precision, dated = _event_date(
            dates, published, skip_before, sent.start, _act_position(sent.text, match, live), sent.text, doc
        )
        if (
            index in second_clauses
            and drafts
            and drafts[-1].sentence_index == index - 1
            and drafts[-1].dated
            and _HOURS_APART.search(text, max(0, sent.start - 30), sent.start)
        ):
            # "... in Parachinar on Friday evening, hours after a car bomb in Quetta killed 13 people, officials said
            # on Saturday": hours apart, the first clause's day (not the day of the telling)
            event_date, precision = drafts[-1].mention.event_date, drafts[-1].mention.time_precision
            dated = True
        if not dated and investigation and news_day is not None and not drafts:
            # an investigation's undated opening scene ("The shots came in bursts ...") is the day it goes back over
            event_date, precision, dated = news_day, 1, True
        if (
            dated
            and (heading := item_day(sent) or lead_day(sent.start)) is not None
            and heading.value is not None
            and _MONTH_WORD.search(heading.text)
            and event_date > heading.value
            and not any(_MONTH_WORD.search(d.text) for d in dates)
        ):
            # "2 March - Shabwah. U.S. aircraft carried out strikes overnight": a day told relative to the entry's
            # own day, not to the bulletin's publication a month later
            event_date, precision = heading.value, heading.precision
        if not dated and (
            heading := item_day(sent) or (section if _opens_entry(text, sent.start) else None) or lead_day(sent.start)
        ):
            # a bulletin's item dated in its heading ("2. JIRIBAM - Nungchappi, 7 September (Saturday). In the early
            # hours, armed men ..."): that day, an incident of its own, not more of the item before
            event_date, precision, dated = heading.value, heading.precision, True
        if not dated and (blog_day := entry_day(sent)) is not None:
            # a live blog's timed entry that names no day of its own ("23:15 - The ministry says 22 people were
            # detained during the day"), whatever day the entry before it (later or earlier in time) recalled
            event_date, precision, dated = blog_day, 1, True
        if not dated and bulletin_day is not None and published is not None and bulletin_day < published:
            # a digest of one day ("what the local channels were saying on Friday 1 July", out on Saturday): an item
            # that names no day of its own tells that day, not the day the digest came out
            event_date, precision = bulletin_day, 1
        if (
            dated
            and published is not None
            and drafts
            and (back := _DAYS_BEFORE_TOLD.search(sent.text)) is not None
            and event_date == published - timedelta(days=(n_back := parse_number(back.group(1) or "a") or 1))
            and (ref := _told_just_before(drafts, index, doc, sentences)) is not None
            and ref.mention.event_date is not None
        ):
            # "A day earlier, a drone strike in Beirut killed ..." after the sentence before spoke of the bombing told
            # on Wednesday: the day before that Wednesday, not before the report's day
            event_date = ref.mention.event_date - timedelta(days=n_back)
        after_days = _DAYS_AFTER_BEFORE.search(sent.text, 0, match.start)
        if (
            dated
            and after_days is not None
            and any(d.value == event_date and d.end <= after_days.start() for d in dates)
        ):
            # "Residents were washing blood from the alleys on Friday, a day after a police raid left 28 dead": the
            # day told is the aftermath's; the incident came that many days before it
            event_date = event_date - timedelta(days=parse_number(after_days.group(1)) or 1)
        if not dated and index in episodes:
            # an episode told by its month or week ("in late March last year"): dated at that precision (a later
            # sentence may give its first day)
            spans = [d for d in dates if d.value is not None and d.kind in ("week", "month") and d.precision <= 3]
            if spans:
                event_date, precision, dated = spans[0].value, spans[0].precision, True
        earlier = _EARLIER_THAN_TOLD.search(sent.text)
        if drafts and earlier is not None and not _OPENS_SENTENCE.match(sent.text, 0, earlier.start()):
            continue  # "an ambush on a convoy two days earlier": the cause told after the incident, not another one
        if not dated and (
            any(not _in_another_clause(doc, sent.start, match, b.span()) for b in _BACKGROUND.finditer(sent.text))
            # ("... travelling home for the December holidays, were shot dead": another clause's month)
            or any(
                d.kind in ("month", "year") and not _in_another_clause(doc, sent.start, match, (d.start, d.end))
                for d in dates
            )
        ):
            continue  # "last month", "late last year", "in recent days": background, not today's news
        if (
            not dated
            and published is not None
            and index > 0
            and sentences[index - 1].paragraph == sent.paragraph
            and not (drafts and drafts[-1].sentence_index == index - 1)
            and _old_year(sentences[index - 1].text, published)
            and _ANAPHORA.search(sent.text)
        ):
            continue  # "The suburbs were hit by a wave of bombings in 2013 and 2014. At least 70 people died in those
            # attacks, and the army set up checkpoints": more of the earlier years the sentence before told
        if (recalled := _CAME_AFTER.search(sent.text, 0, match.start)) is not None and recalled.start() < match.start:
            continue  # "This latest attack comes barely a week after a strike on the hospital on 24 January killed
            # dozens": the act after "after" is the earlier one, recalled as the news's context, whatever its day
        if (
            not dated
            and index not in headline
            and cas.fatalities is None
            and cas.injured is None  # "the death toll stands at 70": a toll is told in the present
            and _nothing_happened(doc, sent.start, sent.end, sent.start + match.start)
        ):
            continue  # "the offensive is carried out by ...", "the blast puts the deal in doubt": no happening
        told = not dated and any(_report_date(d, sent.text) for d in dates if d.value is not None)
        narrative = False
        far = False  # dated by a day the story told more than two sentences back
        goes_on: _Draft | None = None
        later_day = _LATER_DAY.search(sent.text) if not dated and drafts else None
        told_before = _last_day(sentences[index - 1].text, published) if later_day is not None and index else None
        if later_day is not None and (told_before is not None or drafts[-1].mention.event_date is not None):
            # "..., and a day later 14 gunmen died in a clash in Guerrero": the day after the incident just told, an
            # incident of its own (the day the sentence before names: "On 23 October a bomb exploded ... Two days
            # later a suicide bomber blew himself up", even when that recall made no event)
            shift = parse_number(later_day.group(1) or "a") or 1
            base = told_before or drafts[-1].mention.event_date
            event_date = base + timedelta(days=shift)
            precision, dated = (1 if told_before else drafts[-1].mention.time_precision), True
        same_day = _SAME_DAY.search(sent.text) if not dated and index > 0 else None
        prev_day = _last_day(sentences[index - 1].text, published) if same_day is not None else None
        if same_day is not None and prev_day is not None and (not drafts or drafts[-1].sentence_index != index - 1):
            # "On Monday 29 September, the president dismissed the government. On the same day, students gathered
            # again ...": the day the sentence before names, though no incident came of it
            event_date, precision, dated = prev_day + timedelta(days=1 if same_day.group(1) else 0), 1, True
        if (
            not dated
            and not told
            and drafts
            and (
                index - drafts[-1].sentence_index <= 3
                or quiet_since(drafts[-1].sentence_index, index)
                or refers_back(index)
                or only_incident_here(index)
            )
            and not _NEW_INCIDENT.match(sent.text)
            and not _told_another_day(index, drafts[-1])
        ):
            # News narrative: an undated sentence goes on about the day just told (one dated only by the day a
            # source spoke keeps that day, approximately): the incident told last, which may be an earlier event
            # a later sentence went on about ("On Tuesday morning the protests resumed ..." told into the lead's
            # event, after Monday's riot was made one of its own)
            goes_on = _told_last(drafts)
            event_date, precision = goes_on.mention.event_date, goes_on.mention.time_precision
            if (
                match.event_type in VIOLENT_TYPES
                and goes_on.mention.event_type not in VIOLENT_TYPES
                and (named_day := possessive_day(index)) is not None
                and named_day != event_date
            ):
                # "Funerals were held on Saturday for the victims of Friday's attack ... Two attackers entered the
                # mosque": the attack told after the funerals is on the day the report gave it, not the funerals'
                event_date, precision = named_day, 1
            here_item = _item_span(text, sent.start)[0]
            if here_item is not None and here_item != _item_span(text, goes_on.mention.evidence[0].start)[0]:
                goes_on = None  # a bulletin's next item: its day may be the last one's, its incident is its own
            elif (here_section := _section_at(sections, sent.start)) is not None and here_section != _section_at(
                sections, goes_on.mention.evidence[0].start
            ):
                goes_on = None  # a digest's next section about another place ("MYKOLAIV" after "ODESA REGION")
        elif (
            not dated
            and not told
            and not _NEW_INCIDENT.match(sent.text)
            and (
                (day := narrative_day(index)) is not None
                # (while no incident was told with a day of its own: the day the story told last, however far back,
                # approximately, "gunmen arrived in X and Y on the morning of 21 May ... In X, 21 people were killed")
                or (
                    not any(d.dated and not d.told_day for d in drafts)
                    and (day := narrative_day(index, back=STORY_BACK)) is not None
                    and (far := True)
                )
            )
        ):
            # The sentences just before told the day of the story though no event came of them ("Security forces
            # released X on Thursday ... A patrol had detained him in the afternoon"): that day.
            event_date, precision = day, 2 if far else 1
            narrative = not drafts  # no incident told before: the day the story told is this one's own
            if drafts and _told_another_day(index, drafts[-1]):
                dated = True  # the story turned to that day: this incident's own, not the last event's
        elif not dated and drafts and (same := _SAME_DAY.search(sent.text)) is not None:
            # "In a separate incident on the same night ...", "the following day ...": a day told by the one before
            prior = drafts[-1].mention
            if prior.event_date is not None:
                shift = 1 if same.group(1) else 0
                event_date, precision = prior.event_date + timedelta(days=shift), prior.time_precision
        elif (
            not dated
            and not told  # (dated by the day its source spoke: that day, approximately)
            and published is not None
            and drafts
            and (story := narrative_day(index, back=STORY_BACK) or _last_told_day(drafts)) is not None
            and 1 <= (published - story).days <= 2
            and not _TOLD_NOW.search(sent.text)
        ):
            # a next-day report ("Yesterday, tens of thousands marched in Algiers ... In Oran, several thousand
            # marched in the early afternoon"): a sentence that names no day of its own, or only a time of day, is on
            # the day the story told last, not on the publication day
            event_date, precision = story, 1
        elif (
            not dated
            and not told
            and published is not None
            and news_day is not None
            and (published - news_day).days > BACKGROUND_DAYS
            and not _TOLD_NOW.search(sent.text)
        ):
            # a report published weeks after the incident it is about (a rights group's statement, an inquiry): a
            # sentence that names no day of its own tells that story ("Residents said fighting lasted several hours
            # before the attackers withdrew"), on the day it told last, never on the publication day
            story = _last_told_day(drafts) if drafts else None
            event_date = story if story is not None and abs((story - news_day).days) <= BACKGROUND_DAYS else news_day
            precision = 1
        if (
            period is not None
            and event_date is not None
            and event_date > period[1]
            and period[0] <= event_date - timedelta(days=7)
            and any(d.kind == "weekday" for d in dates)
        ):
            # "The week's most serious attack came on Monday" in a round-up covering Monday 20 to Sunday 26 May,
            # published on Monday 27: the Monday of the week it covers
            event_date = event_date - timedelta(days=7)
        if event_date is not None and (that := _THAT_WEEKDAY.search(sent.text)) is not None:
            # "... launched on the afternoon of Tuesday 19 September. Residents described shells hitting the city
            # from around 1 p.m. that Tuesday": the Tuesday just named, not the last one before publication
            named = _named_weekday(sentences[max(0, index - 2) : index + 1], that.group(1), published, sent.start)
            if named is not None:
                event_date, precision, dated = named, 1, True
        if period_start is not None and event_date is not None and event_date < period_start - _LATE_ITEM:
            continue  # before the period the update says it covers ("It covers the period from 7 August"): a recall
            # (not the day before it: an item reported late, "On Monday 18 November, two farmers were shot dead" in
            # a brief covering Tuesday, is news the brief brings now)
        if published is not None and event_date is not None and (published - event_date).days > BACKGROUND_DAYS:
            if news_day is not None and abs((news_day - event_date).days) <= BACKGROUND_DAYS:
                pass  # close to the incident the report is about (published weeks later)
            elif (
                investigation
                and (published - event_date).days <= back_days
                and (goes_on is not None or any(d.value == event_date and _calendar_date(d) for d in dates))
            ):
                pass  # an investigation goes back over another incident of those weeks, told by its calendar date
                # (and goes on about it)
            elif (
                (chronicled := lead_day(sent.start)) is not None
                and chronicled.value == event_date
                and ((published - event_date).days <= _INVESTIGATION_DAYS)
            ):
                pass  # a chronology's paragraph under its own day ("Tuesday 23 April. Soldiers moved in ..."): the
                # days the report lays out are its news, weeks later or not
            elif (
                not any(d.dated for d in drafts)
                and index <= max(3, first_body + 1)
                and any(d.value == event_date and _calendar_date(d) for d in dates)
            ):
                # the lead tells an incident by its calendar date ("on February 25", "March 27, 2022", "in late
                # March last year"): an inquiry or an assessment published weeks or a year later
                news_day = event_date
            else:
                continue

        in_sentence = [i for i, t in enumerate(toponyms) if sent.start <= t.start < sent.end]
        item_placed = False  # the place is the one a bulletin item's heading names
        told_place = False
        there = _THERE.search(sent.text) is not None
        place = place_for_event(
            sent.text,
            sent.start,
            sent.start + match.start,
            [toponyms[i] for i in in_sentence],
            [resolved[i] for i in in_sentence],
            _read_so_far(doc_places, first_named, sent.start, named_at if there else {}, filed_places, scenes),
        )
        place = _in_report_country(
            place, country, doc_places, sent.text, match.start, filed_places, city_parts,
            [p for i in in_sentence if (p := resolved[i]) is not None and i not in filed], report_named,
        )  # fmt: skip
        if (
            drafts
            and drafts[-1].mention.place is not None
            and _THE_SCENE.search(sent.text, 0, match.end + 40)
            and sent.paragraph - _paragraph_at(sentences, max(e.start for e in drafts[-1].mention.evidence)) <= 1
        ):
            # "Ten soldiers were killed at the scene and another died in a hospital in Cali": the scene is the
            # incident's just told, wherever the sentence's other places are
            place = drafts[-1].mention.place
        if (
            goes_on is not None
            and goes_on.mention.place is not None
            and place is not None
            and not in_sentence
            and there
            and _place_key(place) != _place_key(goes_on.mention.place)
        ):
            goes_on = None  # "... in the district town of Chimbay. People there told us ...": there, not the last event
        if (
            goes_on is not None
            and goes_on.mention.place is not None
            and not event_places(
                sent.text, sent.start, [toponyms[i] for i in in_sentence], [resolved[i] for i in in_sentence]
            )
        ):
            place = goes_on.mention.place  # it goes on about the incident just told, where that happened
            told_place = True
        elif (
            goes_on is None
            # (names that are no place count for none: "near the Kennedy bridge")
            and not any(resolved[i] is not None for i in in_sentence)
            and drafts
            and drafts[-1].mention.place is not None
            and "\n" not in text[drafts[-1].mention.evidence[-1].end : sent.start]
            and _item_span(text, sent.start)[0] is not None
        ):
            # a sentence that names no place, in the paragraph of the incident just told (a bulletin's numbered item
            # "1. UPPER NILE - Malakal ... On Saturday, police arrested ten suspects"): that incident's place, not
            # the report's main one
            if (
                _PRONOUN_OPENS.match(sent.text)
                and match.sub_event_type == drafts[-1].mention.sub_event_type
                and cas.fatalities is None
                and cas.injured is None
            ):
                continue  # "Their whereabouts were unknown on Wednesday" after the kidnapping: the same one, told on
            place = drafts[-1].mention.place
        elif (
            goes_on is None
            # no place of its own where the event happened ("students of Kutaisi State University", "forces
            # positioned in northern Hama shelled the town": where the gunners sit)
            and not any(
                not _coarse(p)
                for _, p in event_places(
                    sent.text, sent.start, [toponyms[i] for i in in_sentence], [resolved[i] for i in in_sentence]
                )
            )
            and (span := _item_span(text, sent.start))[0] is not None
            and (
                named := _item_place(toponyms, resolved, filed, span[0], span[1], text)
                or next(reversed(_item_provinces(toponyms, resolved, filed, text, sent.start)), None)
            )
            is not None
        ):
            # the item's place named before ("19:15 - ... the toll in Kryvyi Rih has risen to 10 ... A missile hit an
            # industrial enterprise"): the item tells one place's news
            place = _within_item_units(named, toponyms, resolved, filed, span[0], span[1])
            item_placed = not _coarse(place) and _in_item_heading(text, span[0], toponyms, resolved, place)
        elif (
            goes_on is None
            and not in_sentence
            and index > 0
            and _ANAPHOR_OPENS.match(sent.text.lstrip())
            and "\n" not in text[sentences[index - 1].end : sent.start]
            and (told := _precise_places(sentences[index - 1], toponyms, resolved, filed))
        ):
            # "... a car travelling on the highway in Danghara district drove into a group of cyclists. Its occupants
            # then attacked them with knives.": the sentence before, which the pronoun goes on from, told where
            place = told[-1]
        elif (
            not in_sentence
            and (same_place := _SAME_PLACE.search(sent.text))
            and (
                told := [
                    p
                    for k in range(index - 1, max(-1, index - 6), -1)
                    for p in reversed(
                        # ("the town's hospital" after "In Ambo, 100 km west of Addis Ababa": Ambo; "inside the
                        # city" after "near Al Aziziya, 40 km south-west of Tripoli": the city measured from)
                        _precise_places(
                            sentences[k], toponyms, resolved, filed, measured="city" in same_place.group(0).lower()
                        )
                    )
                ]
            )
        ):
            # "in a hilly area of the same district": the place the report told last
            place = told[0]
        elif (
            goes_on is None
            and not in_sentence
            and (
                ante := _antecedent_place(
                    sent, sentences[max(0, index - _ANTECEDENT_LOOKBACK) : index], toponyms, resolved, filed
                )
            )  # fmt: skip
            is not None
        ):
            # "several hundred armed men attacked the detachment at dawn" after "the attack on the gendarmerie
            # detachment at Inata": the place the report gave the thing the sentence names again
            place = ante
        elif not in_sentence and filed_places and _THIS_TOWN.search(sent.text) and filed_places[0].feature in _TOWNS:
            # "... a farmers' barricade on the national highway in this city" under "KIDAPAWAN CITY, April 2 -": the
            # town the report was filed from, which the writer speaks of as where they are
            place = filed_places[0]
            item_placed = True
        elif (
            goes_on is None
            and not in_sentence
            and (told := _paragraph_place(sentences, index, toponyms, resolved, filed)) is not None
            and _place_key(told) != _place_key(place)
        ):
            # "In the east, fighting went on around the city of X. The governor said artillery on Monday had hit
            # residents queueing for water": an incident the sentence dates itself, placed by the one place the
            # paragraph told so far, not by the report's main one; the sentence tells that place's incident, as a
            # bulletin item tells its heading's (not one told before at another place)
            place = told
            # (not a sentence that speaks of the incident told: "in the exchange of fire")
            item_placed = not _coarse(place) and not _ANAPHORA.search(sent.text)
        elif (
            goes_on is None
            and not in_sentence
            and (section := _section_of(sections, sent.start)[1]) is not None
            and _place_key(section) != _place_key(place)
            and not (_coarse(section) and place is not None and place.admin1 == section.admin1)
        ):
            # "MYKOLAIV" heading a digest's section, then "Missile strikes on the Inhulskyi district around 04:30.":
            # the section's place, not the report's main one (a province heading only for a place outside it)
            place = section
            item_placed = not _coarse(place) and not _ANAPHORA.search(sent.text)
        unresolved = [toponyms[i].surface for i in in_sentence if resolved[i] is None and i not in filed]
        if (
            _names_settlement(sent.text, unresolved)
            and not _SAME_ADMIN.search(sent.text)
            and (
                (goes_on is None and not any(resolved[i] for i in in_sentence))
                or _unknown_nearest(toponyms, resolved, in_sentence, filed, sent.start + match.start, sent.text)
            )
        ):
            # "in the village of Tadaryat" that the gazetteer lacks: the country, the name kept for an analyst to
            # place, not the report's main town (another settlement)
            here = [resolved[i] for i in in_sentence]
            if not any(p is not None and p.feature == "admin1" for p in here):
                here += _item_provinces(toponyms, resolved, filed, text, sent.start)  # "3. EASTERN EQUATORIA - ..."
            home = _home_area(doc_places, country, here)
            place = replace(home, geo_precision=3) if home is not None else place
            if (unit := _paragraph_unit(text, sentences, index, toponyms, resolved, filed)) is not None:
                # ("... came in Mastung district, south of Quetta. A suicide bomber blew himself up ... in the
                # village of Dringarh"): the local unit the paragraph placed it in, near its seat (ACLED precision 2)
                place = replace(unit, geo_precision=max(2, unit.geo_precision))
        if (
            goes_on is None
            and (seat := _NATIONAL_SEAT.search(sent.text) or _IN_THE_CAPITAL.search(sent.text))
            and not [
                p
                for _, p in event_places(
                    sent.text, sent.start, [toponyms[i] for i in in_sentence], [resolved[i] for i in in_sentence]
                )
                if p is not None and p.feature not in ("region", "continent", "country")
            ]  # ("one of Latin America's most violent countries": no place of the event)
            and (iso := _capital_country(seat, country)) is not None
            and (capital := national_capital(iso)) is not None
            and (seat.re is _IN_THE_CAPITAL or re.search(rf"\b{re.escape(capital.location)}\b", text, re.I))
        ):
            place = (
                capital
                if seat.re is not _IN_THE_CAPITAL or not seat.group("edge")
                else replace(capital, geo_precision=2)
            )
            # "protesters forced their way into the Congress building": the seat of a national
            # institution is in the capital the report names (its dateline too), whatever town it names elsewhere
            # (not where the capital is contested: Aden's presidential palace in a report that never names Sanaa);
            # "soldiers beat residents in the capital": the country's capital
        if (
            goes_on is None
            and not any(resolved[i] for i in in_sentence if i not in filed)
            and _IN_THE_UNIT.search(sent.text)
            and (unit := _the_named_unit(doc_places, country, text)) is not None
        ):
            # "declared a state of emergency in the region": the one province the report names, at province level
            # (ACLED geo_precision 3), not the town told before
            place = replace(unit, geo_precision=3)
        mention_country = (place.country if place else None) or country
        roles = assign_roles(sent.text, match.sub_event_type, mention_country, match.start)
        if roles.actor1 is None or roles.actor1.startswith("Unidentified"):
            _doer_of_another_telling(sent.text, match, live, roles, mention_country)
        mention = Mention(
            report_id=report.id,
            event_date=event_date,
            time_precision=precision,
            disorder_type=match.disorder_type,
            event_type=match.event_type,
            sub_event_type=match.sub_event_type,
            actor1=roles.actor1,
            assoc_actor_1=roles.assoc_actor_1,
            actor2=roles.actor2,
            assoc_actor_2=roles.assoc_actor_2,
            inter1=roles.inter1,
            inter2=roles.inter2,
            place=place,
            attributed_to=attribution,
            evidence=[Evidence(sent.text, sent.start, sent.end)],
            confidence=_confidence(match, place, dated, cas),
            unresolved_places=unresolved,
        )
        # "X claimed responsibility" in the sentences that go on about this attack (up to a new incident) names its
        # perpetrator; "No group claimed that attack" says no one is named (ACLED: unidentified)
        if (mention.actor1 is None or mention.actor1.startswith("Unidentified")) and _OWN_CLAIM.search(sent.text):
            # "... rose to 35, after Islamic State claimed responsibility for the attack": the claim in the event's
            # own sentence names its doer, not a second side
            _take_claimant(mention, sent.text, country)
            if mention.actor2 is not None and mention.actor2 == mention.actor1:
                mention.actor2, mention.inter2 = None, None
        unclaimed = _told_unclaimed(sentences, index)
        for k, later in enumerate(sentences[index + 1 : index + 1 + _CLAIM_REACH], start=index + 1):
            if not (mention.actor1 is None or mention.actor1.startswith("Unidentified")):
                break
            if _NEW_INCIDENT.match(later.text):
                break
            if k > index + _CLAIM_NEAR and not _ANAPHORA.search(later.text):
                continue  # further on, only a claim of "the attack" (told with its own words for it) is this one's
            _take_claimant(mention, later.text, country, sentences[k + 1].text if k + 1 < len(sentences) else "")
        complete_roles(
            mention, match.sub_event_type, match.event_type, sent.text, war_actors, mention_country, unclaimed
        )
        _same_doer(mention, goes_on, sent.text, mention_country)
        if match.event_type == "Battles" and one_sided_battle(mention):
            # No second armed side anywhere in the report: the bombardment the sentence tells is remote violence
            # (not the air cover of a ground advance: "forces, backed by Russian warplanes, retook the district").
            remote = [
                t
                for t in find_triggers(sent.text)
                if t.event_type == "Explosions/Remote violence"
                and not (
                    match.sub_event_type in _GROUND_SUBS and _AIR_COVER.search(sent.text, max(0, t.start - 40), t.end)
                )
            ]
            crowd_control = _CROWD_CONTROL.search(sent.text)
            if not remote and crowd_control and cas.fatalities is None:
                # police firing tear gas into a crowd (no second armed side): a protest the police broke up
                remote = [EventTypeMatch("Protests", "Protest with intervention", "Demonstrations",
                                         crowd_control.group(0), crowd_control.start(), crowd_control.end(),
                                         CROWD_SCORE)]  # fmt: skip
            if remote:
                match = max(remote, key=lambda t: t.score)
                mention.disorder_type, mention.event_type = match.disorder_type, match.event_type
                mention.sub_event_type = match.sub_event_type
                roles = assign_roles(sent.text, match.sub_event_type, mention_country, match.start)
                mention.actor1, mention.inter1, mention.actor2, mention.inter2 = (
                    roles.actor1,
                    roles.inter1,
                    roles.actor2,
                    roles.inter2,
                )
                mention.assoc_actor_1, mention.assoc_actor_2 = roles.assoc_actor_1, roles.assoc_actor_2
                complete_roles(mention, match.sub_event_type, match.event_type, sent.text, war_actors, mention_country)
        _apply_casualties(mention, cas)
        if (
            (about_protests or about_unrest or _CROWD_DOERS.search(sent.text))
            and mention.sub_event_type == "Looting/property destruction"
            and (mention.actor1 is None or mention.actor1.startswith("Unidentified"))
            and not _ARMED_DOERS.search(sent.text)
        ):
            # shops looted by young people, or in a report about protests with no armed group named: rioters
            # (ACLED: property destruction by demonstrators or rioters is a riot, not a strategic development)
            _turned_violent(mention)
        if (
            mention.sub_event_type == _REGAINS
            and _foreign_forces(mention.actor1, mention.place)
            and _own_forces(mention.actor2, mention.place)
            and mention.place.feature != "country"  # (a place of its own, not a country read from "French aircraft")
        ):
            # ACLED: a foreign state's forces that take a place from the country's own forces take it as a
            # non-state actor does (foreign forces in Syria: 114 "overtakes" rows, no "regains", in
            # ../shared/data/acled-syria-battles-2017-2023); beside the government ("Rwandan and Mozambican troops
            # recaptured the town" from insurgents) they regain it for it
            mention.sub_event_type = _OVERTAKES
        # the sentence's own places, less where people were going or came from ("driving to visit relatives in X")
        own = [
            p
            for _, p in event_places(
                sent.text, sent.start, [toponyms[i] for i in in_sentence], [resolved[i] for i in in_sentence]
            )
        ]
        claimed = _OWN_CLAIM.search(sent.text)
        if (
            claimed is not None
            and claimed.end() <= match.start
            and mention.actor1 is not None
            and any(0 < index - d.sentence_index <= _CLAIM_REACH and d.mention.actor1 == mention.actor1 for d in drafts)
        ):
            # "Islamic State claimed the Sadr City attack ..., saying it had targeted members of the militias": what
            # the claimant says of the attack it claims, the attack already told with it as the doer, no other one
            continue
        draft = _Draft(
            mention,
            cas,
            index,
            {attribution} if attribution else set(),
            dated,
            own_place=item_placed or not all(_coarse(p) for p in own),
            named_place=item_placed or bool(own),
            from_title=index in headline,
            told_day=told,
            episode=index in episodes,
            narrative=narrative,
            item=_numbered_item(text, sent.start),
            signals=signals,
            told_place=told_place,
        )
        if draft.from_title:
            title_drafts.append(draft)
            continue
        draft.new_incident = _NEW_INCIDENT.match(sent.text) is not None or (
            match.event_type == "Explosions/Remote violence" and _ANOTHER_BLAST.search(sent.text) is not None
        )  # ("a second blast went off an hour later": twin bombings, two blasts told apart)
        streets = [
            t.surface
            for t in toponyms
            if sent.start <= t.start < sent.end
            and (_STREET_NAME.match(text, t.end) or _STREET_NAME.fullmatch(" " + t.surface))
        ]  # ("detonated explosives on Parliament Avenue": a street of the city told, no other place)
        if draft.new_incident and not own and unresolved and not set(unresolved) <= set(streets):
            # "Meanwhile in <a place not found>": not the report's main place; kept at the nearest admin level the
            # report gives it (the province of "the same province", else the country), the name left to place
            mention.place = _admin_level(mention.place, doc_places, _SAME_ADMIN.search(sent.text) is not None)
        target = (
            None
            if draft.new_incident or _told_after_another(sent.text, match.start)
            else _follow_up_target(drafts, draft, bool(_ANAPHORA.search(sent.text)))
        )
        if target is not None and _other_items(draft, target):
            target = None
        if (
            target is None
            and not draft.new_incident
            and drafts
            and cas.fatalities is None
            and cas.injured is None
            and (mention.sub_event_type not in _ACTS_OF_THEIR_OWN or _KILLED_THEM.search(sent.text))
            and index - drafts[-1].sentence_index <= 2
            and (not dated or _within(drafts[-1].mention, mention))
            and _same_place(drafts[-1].mention, mention)
            and not _violence_at_a_march(drafts[-1].mention, mention)
            and _refers_back(doc, sent.start, sent.end, drafts[-1].mention.evidence[0].text)
            and not _strikes_back(drafts[-1].mention, mention)
            and not _other_act_elsewhere(draft, drafts[-1])
        ):
            # "The army said its drone had mistaken the crowd for militants": no toll of its own, it speaks of the
            # things the event just told ("its drone", "the villagers"): that incident explained, not another one
            target = drafts[-1]
        if target is None:
            same = [e for e in drafts if _same_happening(e.mention, mention) and _may_fold(draft, e)]
            # the event told at this very place first (a district's event, not the city total around it)
            key = _place_key(mention.place)
            target = next((e for e in same if _place_key(e.mention.place) == key), same[0] if same else None)
        if target is not None and not _part_of(target, draft):
            _merge(target, draft)
        else:
            drafts.append(draft)
        # "Five were killed in Saqba and one in Harasta": each further place with its own figure is an event of its
        # own (ACLED: one event per location), the sentence's type, day and actors with that place and figure.
        elided = _elided_places(sent, [toponyms[i] for i in in_sentence], [resolved[i] for i in in_sentence], published)
        for place, n, own_day in elided if cas.fatalities is not None else []:
            if place is None or _coarse(place) or _place_key(place) == _place_key(mention.place):
                continue
            part = replace(
                mention,
                place=place,
                # the part's own day ("... and three more in Wanindara on Friday"), else the sentence's
                event_date=own_day.value if own_day is not None else mention.event_date,
                time_precision=own_day.precision if own_day is not None else mention.time_precision,
                fatalities=n,
                fatalities_max=None,
                injured=None,
                civilians=n if cas.civilians is not None and cas.civilians == cas.fatalities else None,
                children=None,
                women=None,
                evidence=list(mention.evidence),
                unresolved_places=[],
            )
            drafts.append(_Draft(part, replace(cas, fatalities=n, injured=None), index, set(draft.attributions), dated))

        # "Protests also took place in Mombasa, Kisumu and Nakuru": ACLED codes a demonstration at each place of
        # such a list, the sentence's type, day and actors at each (figures stay with none: they are not split).
        if match.sub_event_type in _PROTEST_SUBS and cas.fatalities is None and cas.injured is None:
            for place in _listed_places(sent, [toponyms[i] for i in in_sentence], [resolved[i] for i in in_sentence]):
                if _place_key(place) == _place_key(mention.place):
                    continue
                part = replace(mention, place=place, evidence=list(mention.evidence), unresolved_places=[])
                drafts.append(_Draft(part, replace(cas), index, set(draft.attributions), dated))
        elif match.event_type != "Protests" and (
            # (the act's list begins by the trigger; it may run on past it)
            any(h.start() <= match.end + 40 for h in _LIST_HIT.finditer(sent.text))
            or _LIST_INCLUDING.search(sent.text, match.start)
        ):
            # "armed men attacked the villages of Diallassagou, Dianweli and Deguessagou": ACLED codes the attack at
            # each village (one event per location); the sentence's figures stay with the first, none are split
            for place in _listed_places(sent, [toponyms[i] for i in in_sentence], [resolved[i] for i in in_sentence]):
                if _place_key(place) == _place_key(mention.place) or _coarse(place):
                    continue
                part = replace(
                    mention,
                    place=place,
                    fatalities=0,
                    fatalities_max=None,
                    injured=None,
                    civilians=None,
                    children=None,
                    women=None,
                    evidence=list(mention.evidence),
                    unresolved_places=[],
                )
                # (whose dead the act's figure counts goes with each place of the act: one act, one kind of target)
                drafts.append(_Draft(part, Casualties(sides=cas.sides), index, set(draft.attributions), dated))

    # A headline restates the main event: it adds to the body's event of the same type, or stands alone.
    for td in title_drafts:
        subs = [d for d in drafts if d.mention.sub_event_type == td.mention.sub_event_type]
        kinds = [d for d in drafts if d.mention.event_type == td.mention.event_type]
        key = (
            _place_key(td.mention.place)
            if td.own_place and td.mention.place is not None and not _coarse(td.mention.place)
            else None
        )  # (a place the headline names itself, not one it was given from the report)
        # ("Turkish drone kills two near Amuda" over a roundup: the body's strike at Amuda, not its first strike)
        same_sub = next((d for d in subs if key and _place_key(d.mention.place) == key), subs[0] if subs else None)
        target = same_sub or next((d for d in kinds if key and _place_key(d.mention.place) == key), None)
        target = target or (kinds[0] if kinds else None)
        if target is None:
            if not drafts:
                drafts.insert(0, td)  # the body tells no incident: the headline stands alone
            elif td.sentence_index in announced:
                drafts.append(td)  # a story the bulletin announced whose details tell no incident of its kind
            continue  # the body tells the incident better than a headline of another type
        if td.sentence_index in announced and key is not None and same_sub is target and not target.own_place:
            # "Grenade blasts at bus stops in the capital" announced, "It happened at the evening rush hour" told:
            # the place the bulletin's headline gave the story its details leave unsaid
            target.mention.place = td.mention.place
        elif (
            target.casualties.fatalities is None
            and td.casualties.fatalities is not None
            # ("38 killed in bloodiest day of protests" is no toll of the peaceful march told in another town)
            and target.mention.sub_event_type not in _NO_DEATH_SUBS
            and (
                same_sub is not None
                or (td.mention.place is not None and _place_key(td.mention.place) == _place_key(target.mention.place))
            )
        ):  # (a headline's "gunmen kill protesters" toll is not the peaceful march told in another city)
            _apply_casualties(target.mention, td.casualties)
            target.casualties.fatalities = td.casualties.fatalities

    _second_clause_continues(drafts, second_clauses)
    _place_from_retelling(drafts, sentences, toponyms, resolved, doc_places, country, published)
    drafts = _one_event_per_incident(drafts)
    drafts = _blasts_of_the_strike(drafts)
    drafts = _only_heard(drafts)
    drafts = _protests_told_on(drafts, sentences, published)
    drafts = _arrests_at_the_protest(drafts)
    drafts = _force_against_violent_demonstrators(drafts)
    for d in drafts:
        _force_against_a_violent_crowd(d.mention)
    drafts = _caught_at_the_scene(drafts)
    _overran_and_left(drafts)
    drafts = _weapons_taken_by_the_attackers(drafts)
    drafts = _tolls_beyond_one_incident(drafts, claims, report)
    # A lead's total broken down by place further on: the parts are the events, the total keeps the remainder.
    # a total whose sentence named no place finer than a province keeps the report's place, borrowed: a precise town
    # from elsewhere in the report, or a country or region
    placeless = frozenset(
        id(d.mention)
        for d in drafts
        if not d.own_place
        and (
            d.mention.place is None
            or d.mention.place.geo_precision == 1
            or d.mention.place.feature in ("country", "region")
        )
    )
    items = {id(d.mention): d.item for d in drafts if d.item is not None}
    totals = {id(m) for m in split_totals([d.mention for d in drafts], placeless, items)}
    drafts = [d for d in drafts if id(d.mention) in totals]

    _unknown_place_as_elsewhere(drafts)
    for d in drafts:
        if d.mention.place is not None and (d.mention.place.feature == "continent" or not d.mention.place.country):
            # "an African Union base": a continent or a region across countries is no place of an event (ACLED's
            # widest unit is the country); the report's own area stands in, as for a place the gazetteer lacks
            home = _home_area(doc_places, country, [])
            d.mention.place = replace(home, geo_precision=3) if home is not None else None
    # ACLED codes no event without at least a province: a happening placed only in a country is dropped (it is
    # usually background or a headline with no place), unless its sentence names a place the gazetteer lacks (kept at
    # the country with the names in unresolved_places, for an analyst to place).
    drafts = [
        d
        for d in drafts
        if d.mention.place is not None and (d.mention.unresolved_places or not _country_level(d.mention.place))
    ]
    for d in drafts:
        d.mention.place = _filed_town_in_its_province(d.mention.place, filed_places)
    drafts = _seizures_in_other_operations(drafts)
    drafts = _one_event_per_day(drafts, published)
    mentions = []
    ids: set[str] = set()
    doers = frozenset(d.mention.actor1 for d in drafts if d.mention.actor1)
    generic_forces = war_actors.bare_forces_mean()
    for d in drafts:
        for field_name in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
            value = getattr(d.mention, field_name)
            if value and generic_forces and generic_forces[0] in value and generic_forces[1] not in value:
                # (not twice: "Military Forces of Cameroon (1982-) Gendarmerie" is already the unit)
                setattr(d.mention, field_name, value.replace(generic_forces[0], generic_forces[1]))
        report_gunner(d.mention, d.mention.sub_event_type, war_actors)
        report_group(d.mention, d.mention.evidence[0].text if d.mention.evidence else "", war_actors, doers)
        place = d.mention.place
        front_line_sides(
            d.mention, d.mention.sub_event_type, place.country if place else country, d.mention.event_date,
            place.admin1 if place else None,
        )  # fmt: skip
        unnamed_side(d.mention, d.mention.sub_event_type, d.mention.place.country if d.mention.place else country)
        civilian_toll(d.mention)
        civilians_hurt(d.mention, d.mention.place.country if d.mention.place else country)
        if d.mention.actor1 is None and d.mention.assoc_actor_1:
            # an associate with no actor1 it is associated with: the first associate leads (ACLED fills actor1 first)
            first, *rest = d.mention.assoc_actor_1.split("; ")
            d.mention.actor1, d.mention.assoc_actor_1, d.mention.inter1 = first, "; ".join(rest) or None, None
        _date_actors(d.mention)
        _no_foe_named(d.mention)
        _battle_with_civilians(d.mention)
        _arrests_over_a_killing(d.mention)
        _abduction_that_killed(d.mention)
        _bomber_died_in_the_blast(d.mention)
        _attack_on_civilians(d.mention)
        _attack_on_the_state(d)
        _peaceful_has_no_dead(d.mention)
        _crowd_against_the_state(d.mention)
        _one_state_is_one_side(d.mention, d.mention.place.country if d.mention.place else country)
        _other_side(d.mention, d.mention.place.country if d.mention.place else country)
        fill_inter(d.mention, d.mention.place.country if d.mention.place else country)  # merges can drop a code
        _date_actors(d.mention)  # (a side named by the steps above, "the army" of the report: the event day's period)
    judged = [DraftView(d.mention, d.signals, d.flags()) for d in drafts]
    features = [mention_features(view, judged, report) for view in judged]
    model = acceptance_model()
    probs = model.probabilities(features)
    for d, p in zip(drafts, probs, strict=True):
        d.mention.confidence = round(float(p), 3)  # P(a coder records it): see acceptance.py for its calibration
    if accept:
        kept = model.keep_probable(probs)
        drafts = [d for d, k in zip(drafts, kept, strict=True) if k]
    for n, d in enumerate(drafts):
        mention_id = d.mention.make_id()
        d.mention.id = mention_id if mention_id not in ids else f"{mention_id[:13]}{n:04d}"
        ids.add(d.mention.id)
        mentions.append(d.mention)
    return Extraction(
        report=report, mentions=mentions, claims=claims, warnings=warnings, features=[] if accept else features
    )


def _crowd_against_the_state(m: Mention) -> None:
    """Rioters fighting the state's forces, with no word of a protest in the sentence, are a violent demonstration
    rather than mob violence: in ACLED's own coding (the 2020 global sample in ``../shared/data``) rioters against
    state forces (inter 1) are a violent demonstration 110 times and mob violence 66; against civilians (inter 7) mob
    violence 76 times and a violent demonstration 19, so the crowd that attacks people or property stays a mob. Read
    from the type corrector study of round 32 (docs/benchmarks.md): across the development sets, a model that learned
    sub-types from the drafts' codes changed nothing else."""
    if m.sub_event_type != "Mob violence":
        return
    if (m.inter1 == 5 and m.inter2 == 1) or (m.inter2 == 5 and m.inter1 == 1):
        m.sub_event_type = "Violent demonstration"


def _peaceful_has_no_dead(m: Mention) -> None:
    """A peaceful protest kills no one (ACLED: deaths at a protest make it excessive force or a riot): a toll its
    sentence gave is another event's ("funerals for the victims of Friday's attack ... as the toll rose to 39 and
    residents gathered to demand protection")."""
    if m.sub_event_type != "Peaceful protest":
        return
    told = m.evidence[0].text if m.evidence else ""
    if (
        m.fatalities
        and _AT_THE_PROTEST.search(told)
        and not _PROTEST_OVER_DEATHS.search(told)
        and extract_casualties(told).fatalities
    ):
        # "... the hospital says seven people were killed at the protest camp east of the city": the protest's own
        # sentence tells of protesters killed (ACLED: lethal force against a peaceful protest is excessive force)
        m.sub_event_type = "Excessive force against protesters"
        return
    m.fatalities = 0
    m.fatalities_max = m.civilians = m.children = m.women = None


_AT_THE_PROTEST = re.compile(
    r"\b(?:protest(?:er|or)?s?|demonstrat(?:ion|ions|or|ors)|march(?:ers|es)?|rall(?:y|ies)|sit-ins?|crowds?)\b",
    re.I,
)
# deaths that are the protest's cause or its mourning, not its toll ("marched to protest the killing of five
# farmers", "funerals for the victims", "pictures of the businessman killed in the strike")
_PROTEST_OVER_DEATHS = re.compile(
    r"\b(?:funerals?|mourn\w*|burials?|buried|vigils?|commemorat\w*|anniversary|victims\s+of|(?:killing|killings"
    r"|deaths?|murders?)\s+of|over\s+the\s+(?:killing|death)|toll\s+(?:rose|has\s+risen|climbed)"
    r"|(?:killed|died)\s+in\s+(?:the|an?|this|last|\w+'s)\s+(?:[\w-]+\s+)?(?:strike|air\s*strike|attack|bombing|blast"
    r"|explosion|raid|shelling|massacre|crash|fire))\b",
    re.I,
)


# two days of one incident told in one breath ("On Sunday night and again on Monday night, crowds clashed with
# police"): the words between the two days
_DAY_AND_DAY = re.compile(
    r"\s*(?:night|morning|afternoon|evening)?\s*,?\s*(?:and|&)\s+(?:again\s+|also\s+)?(?:on\s+)?(?:the\s+)?", re.I
)
_DAILY_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Riots", "Protests"})
_DAYS_APART = 3  # the farthest apart two days told together may lie to be coded day by day


def _one_event_per_day(drafts: list[_Draft], published: date | None) -> list[_Draft]:
    """ACLED codes an incident that goes on over days as one event a day: a sentence that tells it on two or three
    days joined by "and" (not a range, not the day a source spoke) makes one event for each day; the toll, which
    the sentence does not split, stays with the first."""
    if published is None:
        return drafts
    out: list[_Draft] = []
    for d in drafts:
        out.append(d)
        m = d.mention
        if m.event_type not in _DAILY_TYPES or m.event_date is None or not m.evidence:
            continue
        text = m.evidence[0].text
        if " and " not in text and "&" not in text:
            continue  # (no two days joined: the dates are not read again)
        told = sorted(
            (x for x in find_dates(text, published) if x.value is not None and x.precision == 1 and x.kind in (
                "weekday", "day", "date") and not _report_date(x, text)),
            key=lambda x: x.start,
        )  # fmt: skip
        days = [x.value for x in told]
        if not (2 <= len(set(days)) <= 3) or m.event_date not in days:
            continue
        if not all(_DAY_AND_DAY.fullmatch(text[a.end : b.start]) for a, b in zip(told, told[1:], strict=False)):
            continue
        if (max(days) - min(days)).days > _DAYS_APART:
            continue
        for day in sorted(set(days)):
            if day != m.event_date:
                copy = replace(m, event_date=day, time_precision=1, fatalities=0, fatalities_max=None, injured=None,
                               civilians=None, children=None, women=None, evidence=list(m.evidence), id="")  # fmt: skip
                out.append(replace(d, mention=copy, casualties=Casualties()))
    return out


_DATELINE_CITY = 100_000  # a dateline name whose biggest namesake has this many people names that city's country


def _dateline_country(span: tuple[int, int] | None, toponyms: list[Toponym]) -> frozenset[str]:
    """The country of the city the dateline (its ``span``) names, when a city of some size answers to the name
    exactly."""
    if not span:
        return frozenset()
    out = set()
    for t in toponyms:
        if span[0] <= t.start < span[1]:
            exact = [c for c, q in zip(t.candidates, t.quality or [1.0] * len(t.candidates), strict=False) if q >= 1.0]
            big = max(exact, key=lambda c: c.population or 0, default=None)
            if big is not None and (big.population or 0) >= _DATELINE_CITY and big.iso:
                out.add(big.iso)
    return frozenset(out)


# "the Faladie district", "the Senou neighbourhood": a part of a city, named as such
# "in the market of Hazarganji on the outskirts of the provincial capital": a part of the city the report is filed from
_ON_THE_CITYS_EDGE = re.compile(
    r"(?:\s+(?:area|district|neighbou?rhood|quarter|suburb|estate|township))?"  # "the Gelan area on the edge of"
    r",?\s+(?:on|in|at)\s+the\s+(?:(?:northern|southern|eastern|western)\s+)?(?:outskirts|edge|fringes?)\s+of\s+"
    r"the\s+(?:(?:provincial|regional|state)\s+)?(?:capital|city)\b",
    re.I,
)
_PART_OF_A_CITY_AFTER = re.compile(r"\s+(?:district|neighbou?rhood|quarter|suburb|commune)\b", re.I)
_OF_A_NAMED_PLACE = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?((?-i:[A-Z])[\w'-]+(?:[ -](?-i:[A-Z])[\w'-]+)*)", re.I)


def _part_of_another(text: str, end: int, city: Place) -> bool:
    """ "the Cukurca district of Hakkari province": a district the report places in another named area, not a part of
    the city the report is filed from."""
    m = _OF_A_NAMED_PLACE.match(text, end)
    return m is not None and m.group(1).lower() not in (city.location.lower(), (city.surface or "").lower())


_CITY_PART_KM = 10.0  # a village this far from the dateline's city is not the city's district of that name
# "X is one of the poorest neighbourhoods of the capital", "X, a district of Bamako": the name is a part of a city
_CALLED_A_PART = re.compile(
    r",?\s+(?:(?:is|was|remains)\s+)?(?:an?|one\s+of\s+the)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:neighbou?rhoods?|districts?|quarters?|suburbs?|slums?|townships?|boroughs?|communes?)\s+(?:of|in)\s+"
    r"(?:the\s+)?([A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)*|capital|city)",
)


def _parts_of_the_filed_city(
    text: str, toponyms: list[Toponym], resolved: list[Place | None], filed: list[Place]
) -> list[Place | None]:
    """A name the report calls a district or neighbourhood ("the attackers stormed the school in the Faladie
    district") that the gazetteer knows only as a village away from the city the report is filed from (Faladie, a
    village of Koulikoro 60 km from Bamako) is a part of that city the gazetteer lacks: the city, not the village."""
    cities = [p for p in filed if p.feature == "city"]
    if not cities:
        return resolved
    city = cities[0]
    # names the report calls a part of the city anywhere ("La Saline is one of the oldest neighbourhoods of the
    # capital", "Kibera, a slum of Nairobi"): a part of the city each time they are said
    called = {
        name
        for name in {t.surface for t in toponyms}
        for at in re.finditer(re.escape(name), text)
        if (m := _CALLED_A_PART.match(text, at.end())) is not None
        and (m.group(1).lower() in ("capital", "city") or m.group(1).lower() == city.location.lower())
    }  # (said anywhere, a sentence's subject too: "La Saline is ...", which the recogniser need not keep)
    # the report's story is in the city it is filed from when its body names the city too ("CONAKRY - ... shot dead
    # in Conakry during two days of protests")
    body = dateline_end(text)
    # (and names parts of it: two places or more of the report within its reach, "Hamdallaye", "Wanindara")
    story_city = (
        any(
            q is not None and q.location == city.location and t.start >= body
            for t, q in zip(toponyms, resolved, strict=True)
        )
        and len(_parts_named(city, resolved)) >= 2
    )
    out = list(resolved)
    for i, (t, p) in enumerate(zip(toponyms, resolved, strict=True)):
        if (
            p is not None
            and p.feature in ("village", "town")
            and p.iso == city.iso
            and (
                t.surface in called
                or (story_city and _lone_namesake(text, t, p, city, toponyms, resolved))
                or _ON_THE_CITYS_EDGE.match(text, t.end) is not None  # "Hazarganji on the outskirts of the capital"
                or (
                    (part := _PART_OF_A_CITY_AFTER.match(text, t.end)) is not None
                    and re.search(r"\bthe\s+$", text[max(0, t.start - 5) : t.start])
                    and not _part_of_another(text, part.end(), city)
                )
            )
            and haversine_km(p.latitude, p.longitude, city.latitude, city.longitude) > _CITY_PART_KM
        ):
            out[i] = replace(city, surface=t.surface)
    return out


def _parts_named(city: Place, resolved: list[Place | None]) -> set[str]:
    """The places other than the city the report names within the city's reach (``_CITY_REACH_KM``)."""
    return {
        q.location
        for q in resolved
        if q is not None
        and q.location != city.location
        and q.feature not in ("country", "admin1", "admin2", "region")
        and haversine_km(q.latitude, q.longitude, city.latitude, city.longitude) <= _CITY_REACH_KM
    }


_CITY_REACH_KM = 25.0  # a city's suburbs and quarters lie this near its point
_LONE_NAMESAKE_KM = 100.0  # a village read this far from the story's city ...
_NEIGHBOUR_KM = 50.0  # ... with no other place of the report this near it ...
_LONE_PLACE_POPULATION = 30_000  # ... and under this many people is a quarter of the city the gazetteer lacks


def _lone_namesake(
    text: str, t: Toponym, p: Place, city: Place, toponyms: list[Toponym], resolved: list[Place | None]
) -> bool:
    """In a report whose story is one city, a village read far from that city, in a province the report never names
    and with no other place of the report near it, is a part of the city the gazetteer lacks ("killed in Bambeto",
    a quarter of Conakry, read as a village of Telimele 170 km away): ACLED codes the city. Not a town of some size
    (``_LONE_PLACE_POPULATION``): "a curfew in N'Djamena, Moundou, Doba and Koumra" names the town of Koumra."""
    if p.admin1 is None or p.admin1 == city.admin1 or re.search(rf"\b{re.escape(p.admin1)}\b", text):
        return False
    row = next((c for c in t.candidates if c.id == p.gazetteer_id), None)
    if row is not None and row.population >= _LONE_PLACE_POPULATION:
        return False
    if haversine_km(p.latitude, p.longitude, city.latitude, city.longitude) <= _LONE_NAMESAKE_KM:
        return False
    return not any(
        q is not None
        and u.surface != t.surface
        and q.feature != "country"
        and haversine_km(q.latitude, q.longitude, p.latitude, p.longitude) <= _NEIGHBOUR_KM
        for u, q in zip(toponyms, resolved, strict=True)
    )


# "attackers ... set off an explosion near the gate": a blast someone on the ground caused, not a strike's explosion
_SET_OFF = re.compile(
    r"\b(?:set(?:s|ting)?\s+off|detonat(?:ed|es|ing)|trigger(?:ed|s|ing))\s+(?:an?\s+|the\s+|two\s+)?"
    r"(?:[\w-]+\s+)?$",
    re.I,
)
_FIRE_EXCHANGED = re.compile(
    r"\b(?:exchanges?\s+of\s+(?:gun)?fire|exchanged\s+(?:gun)?fire|fire\s*fights?|gun\s*fights?|gun\s*battles?"
    r"|shoot-?outs?|returned\s+fire|fired\s+back|shot\s+down|downed)\b",  # (a helicopter shot down: armed shooters)
    re.I,
)


_CLASHED_WITH_CROWD = re.compile(
    r"\bclash(?:ed|es)?\s+with\s+(?:hundreds\s+of\s+|dozens\s+of\s+|thousands\s+of\s+)?(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:students|youths|young\s+(?:men|people)|protesters|protestors|demonstrators|rioters|crowds?|mobs?|residents)\b",
    re.I,
)
_GATHERED = re.compile(r"\b(?:had\s+)?gathered\b|\brall(?:y|ied)\b|\bmarch(?:ed|ers)?\b|\bsit-in\b", re.I)


_OVER_A_KILLING = re.compile(
    r"\b(?:over|for|in\s+connection\s+with|suspected\s+of|accused\s+of|charged\s+with)\s+(?:the\s+|a\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:killing|murder|assassination|attack|bombing|massacre|shooting)\b",
    re.I,
)


def _filed_town_in_its_province(place: Place | None, filed: Sequence[Place]) -> Place | None:
    """An event placed only at its province ("SALINGYI TOWNSHIP, Sagaing Region - a convoy was ambushed"), in a
    report filed from a town of that province: near that town (geo_precision 2), the finest place the report gives
    (a bureau's city in another province, "BAGHDAD" for Anbar, refines nothing)."""
    if place is None or place.geo_precision != 3 or not place.admin1 or place.feature in ("country", "region"):
        return place
    inside = [
        f
        for f in filed
        if f.iso == place.iso
        and f.admin1 == place.admin1
        and f.geo_precision == 1
        and f.feature != "admin1"
        # (the province's own seat, where a province-level event is placed already: "LOKOJA - police in Kogi state
        # said": Kogi, at precision 3)
        and haversine_km(f.latitude, f.longitude, place.latitude, place.longitude) > _SEAT_KM
    ]
    return replace(inside[0], geo_precision=2) if inside else place


_SEAT_KM = 5.0


def _arrests_over_a_killing(mention: Mention) -> None:
    """ "Police arrested six men over the assassination of the candidate, who was shot dead the previous evening":
    the dead are the killing's (an event of its own), not the arrests' (ACLED codes arrests without its toll). So is
    any toll a sentence of arrests tells ("with police reporting dozens of deaths and an opposition figure
    detained"), unless the detained died in custody: an arrest is non-violent in ACLED (no Arrests event of the
    development gold carries a death, 39 of 39)."""
    if (
        mention.sub_event_type == "Arrests"
        and mention.fatalities
        and not any(_DIED_IN_CUSTODY.search(e.text) for e in mention.evidence)
    ):
        mention.fatalities, mention.fatalities_max = 0, None


_DIED_IN_CUSTODY = re.compile(
    r"\bdied\s+(?:\w+\s+){0,3}?in\s+(?:police\s+|army\s+|military\s+)?(?:custody|detention)", re.I
)


def _abduction_that_killed(mention: Mention) -> None:
    """ACLED's codebook: an abduction is coded as such when no further violence is reported; fatalities reported
    during it make it an attack ("the governor was abducted and killed", "a retired teacher was abducted from his
    home and found shot dead later the same day"). No abduction of the development gold carries a death (25 of
    25)."""
    if mention.sub_event_type == "Abduction/forced disappearance" and mention.fatalities:
        mention.sub_event_type = "Attack"


def _doer_of_another_telling(
    sentence: str, match: EventTypeMatch, live: list[EventTypeMatch], roles: ActorRoles, country: str | None
) -> None:
    """The sentence's doer (set in ``roles``), read at another of its words for the same kind of event when the chosen
    one names none: "survivors of the 26 February raid on the village told our reporters that soldiers had executed at
    least 40 men" (the raid names no one; the execution is the same attack told with its doer)."""
    for other in live:
        if other is match or other.event_type != match.event_type:
            continue
        again = assign_roles(sentence, match.sub_event_type, country, other.start)
        if again.actor1 and not again.actor1.startswith("Unidentified") and again.actor1 != roles.actor2:
            roles.actor1, roles.inter1, roles.assoc_actor_1 = again.actor1, again.inter1, again.assoc_actor_1
            if roles.actor2 is None:
                roles.actor2, roles.inter2, roles.assoc_actor_2 = again.actor2, again.inter2, again.assoc_actor_2
            return


def _bomber_died_in_the_blast(mention: Mention) -> None:
    """ACLED's codebook: a suicide bomb is an explosive its carrier sets off and dies by. A bomb told as a remote
    explosive whose telling says its doer died in the blast ("22 people were killed, in addition to the attacker,
    who died at the scene", "the bomber was also killed in the explosion") is a suicide bomb. A driver, a victim as
    often as the carrier, is no doer here."""
    if mention.sub_event_type == "Remote explosive/landmine/IED" and any(
        _DOER_DIED.search(e.text) for e in mention.evidence
    ):
        mention.sub_event_type = "Suicide bomb"


_DOER_DIED = re.compile(
    r"\b(?:the|an?)\s+(?:suicide\s+)?(?:bomber|attacker|assailant|perpetrator)\b,?\s+(?:who\s+)?(?:also\s+)?"
    r"(?:was\s+(?:also\s+)?killed|died|perished)\s+(?:instantly\s+)?(?:in|at)\s+the\s+(?:blast|explosion|scene)\b",
    re.I,
)


def _attack_on_civilians(mention: Mention) -> None:
    """An attack's other side left as an armed placeholder is its civilian target."""
    if (
        mention.event_type == "Violence against civilians"
        and (mention.actor2 or "").startswith("Unidentified Armed Group (")
        and mention.actor1 != mention.actor2
    ):
        # ACLED: the target of violence against civilians is civilians; an armed placeholder side left there by a
        # fight told with the killing (the bodyguards' exchange of fire) is not it
        mention.actor2, mention.inter2 = "Civilians (" + mention.actor2.split("(", 1)[1], 7


def _attack_on_the_state(d: _Draft) -> None:
    """ACLED: violence against civilians targets unarmed non-combatants; an attack whose dead are the state's men
    (counts.Casualties.sides: soldiers, police), alone or with civilians hit beside them at the posts, checkpoints or
    bases attacked, is a battle with the state's forces ("gunmen attacked army posts ..., killing three soldiers and
    a civilian")."""
    m = d.mention
    sides = d.casualties.sides
    if m.sub_event_type != "Attack" or not (m.actor2 or "").startswith("Civilians (") or "state" not in sides:
        return
    if not sides <= {"state", "civilians"} or (
        "civilians" in sides and not any(_STATE_TARGET.search(e.text) for e in m.evidence)
    ):
        return
    iso = m.place.country if m.place is not None else None
    if not iso or any(_PEACEKEEPERS.search(e.text) for e in m.evidence):
        return  # (peacekeepers are a mission of their own, not the country's forces)
    police = any(_POLICE_HIT.search(e.text) for e in m.evidence) and not any(
        _SOLDIERS_HIT.search(e.text) for e in m.evidence
    )
    m.disorder_type, m.event_type, m.sub_event_type = "Political violence", "Battles", "Armed clash"
    m.actor2, m.inter2 = state_forces("Police" if police else "Military", iso), None


# the state's posts an attack hit ("army posts", "a checkpoint outside Douentza", "the police station")
_STATE_TARGET = re.compile(
    r"\b(?:army|military|police|gendarmerie|security)\s+(?:posts?|bases?|camps?|stations?|checkpoints?|patrols?"
    r"|convoys?|barracks|positions?|vehicles?)\b|\b(?:checkpoints?|barracks|outposts?|garrisons?)\b",
    re.I,
)
_PEACEKEEPERS = re.compile(r"\bpeace-?keep(?:ers?|ing)\b|\bblue\s+helmets\b", re.I)
_POLICE_HIT = re.compile(r"\b(?:police(?:m[ae]n)?|gendarmes?|police\s+officers?)\b", re.I)
_SOLDIERS_HIT = re.compile(r"\b(?:soldiers?|troops|army|military|servicem[ae]n)\b", re.I)


# people who are no armed side, hurt or taken ("14 people were killed", "women and children were taken away")
_CIVILIAN_VICTIMS = re.compile(
    r"\b(?:people|persons|villagers|residents|civilians|inhabitants|women|children|worshippers|passengers|farmers"
    r"|herders|traders|pilgrims|families|family|students|pupils|mourners|shoppers)\b",
    re.I,
)
# an armed side the telling names (whoever was hit or fired back): the fight may be a battle
_ARMED_SIDE = re.compile(
    r"\b(?:soldiers?|troops?|army|military|police(?:m[ae]n)?|officers?|gendarmes?|gendarmerie|security\s+forces"
    r"|guards?|vigilantes?|self-defen[cs]e|militia(?:m[ae]n|s)?|hunters|dozos?|rangers|fighters\s+of|checkpoints?"
    r"|posts?|outposts?|bases?|barracks|convoys?|patrols?|positions?|exchange\s+of\s+fire|exchanged\s+fire"
    r"|fight(?:ing|s)?|fought|battles?|firefights?|gunfights?|combat|skirmish(?:es)?|repelled|repulsed"
    r"|clash(?:ed|es)?|gun\s*battle|shoot-?outs?)\b",
    re.I,
)


def _no_foe_named(mention: Mention) -> None:
    """ACLED: a battle is between two armed organised actors. An "armed clash" whose telling names no armed side but
    the doers, only people hurt or taken ("armed men stormed two villages ... 14 people were killed"), and whose
    other side came from the report's other party, is the doers' attack on civilians."""
    if mention.event_type != "Battles" or mention.sub_event_type != "Armed clash" or not mention.actor2:
        return
    told = [e.text for e in mention.evidence]
    if any(_ARMED_SIDE.search(t) for t in told) or not any(_CIVILIAN_VICTIMS.search(t) for t in told):
        return
    if any(
        a.canonical == mention.actor2
        for t in told
        for a in find_actors(t, mention.place.country if mention.place else None)
    ):
        return  # (the other side is named in the telling)
    country = (mention.place.country if mention.place else None) or mention.actor2.partition("(")[2].rstrip(")")
    if not country:
        return
    mention.actor2, mention.inter2 = f"Civilians ({country})", 7


def _battle_with_civilians(mention: Mention) -> None:
    """ACLED: a battle is between two armed organised actors. A "clash" whose other side came out as civilians
    ("soldiers went from house to house ... before shooting them") is the armed side's attack on them."""
    if mention.event_type != "Battles" or mention.sub_event_type not in ("Armed clash", None):
        return
    a1, a2 = mention.actor1 or "", mention.actor2 or ""
    if (a1.startswith("Civilians") or a2.startswith("Civilians")) and any(
        _FIRE_EXCHANGED.search(e.text) for e in mention.evidence
    ):
        # "a brief exchange of fire left one of the suspects dead": who fired back is armed, if unnamed
        civilians = a1 if a1.startswith("Civilians") else a2
        country = (mention.place.country if mention.place else None) or civilians.partition("(")[2].rstrip(")")
        armed = f"Unidentified Armed Group ({country})" if country else None
        if armed and a2.startswith("Civilians"):
            mention.actor2, mention.inter2 = armed, 3
        elif armed:
            mention.actor1, mention.inter1 = armed, 3
        return
    crowd = next((m for e in mention.evidence if (m := _CLASHED_WITH_CROWD.search(e.text))), None)
    unnamed = ("Civilians", "Unidentified Armed Group")  # (the crowd, read as civilians or as a placeholder side)
    if crowd is not None and (a1.startswith(unnamed) or a2.startswith(unnamed)):
        # "security forces clashed with students who had gathered at the complex": a crowd that fights the
        # forces is a riot (ACLED: rioters, a violent demonstration where they had gathered to protest)
        forces = a2 if a1.startswith(unnamed) else a1
        inter = mention.inter2 if a1.startswith(unnamed) else mention.inter1
        country = (mention.place.country if mention.place else None) or (a1 or a2).partition("(")[2].rstrip(")")
        protest = any(_GATHERED.search(e.text) or DEMO_WORD.search(e.text) for e in mention.evidence)
        mention.disorder_type, mention.event_type = "Political violence; Demonstrations", "Riots"
        mention.sub_event_type = "Violent demonstration" if protest else "Mob violence"
        mention.actor1, mention.inter1 = f"Rioters ({country})", 5
        mention.actor2, mention.inter2 = (forces or None), (inter if forces else None)
        return
    if a2.startswith("Civilians") and a1 and not a1.startswith("Civilians"):
        pass
    elif a1.startswith("Civilians") and a2 and not a2.startswith("Civilians"):
        mention.actor1, mention.actor2 = mention.actor2, mention.actor1
        mention.inter1, mention.inter2 = mention.inter2, mention.inter1
        mention.assoc_actor_1, mention.assoc_actor_2 = mention.assoc_actor_2, mention.assoc_actor_1
    else:
        return
    mention.disorder_type, mention.event_type = "Political violence", "Violence against civilians"
    mention.sub_event_type = "Attack"


def _one_state_is_one_side(mention: Mention, country: str | None) -> None:
    """A battle whose two sides came out as one state's forces (gendarmes attacked at their school told in one
    sentence, soldiers fighting in the next): the state is one side, with its other force associated, and the side
    that attacked it is unnamed (ACLED: a battle is between two armed organised actors)."""
    if mention.event_type != "Battles" or not one_state(mention.actor1, mention.actor2):
        return
    first, second = (mention.actor1, mention.actor2)
    military = second if (second or "").startswith("Military Forces") else first
    other = first if military == second else second
    assoc = [x for x in (mention.assoc_actor_2 or "").split("; ") if x]
    mention.actor2, mention.inter2 = military, 1
    mention.assoc_actor_2 = "; ".join(dict.fromkeys([*assoc, other or ""])) or None
    mention.actor1, mention.inter1 = (f"Unidentified Armed Group ({country})", 3) if country else (None, None)


# weapons taken, not a weapon stopped in use (a drone shot down, a bomb defused: ACLED's disrupted use in itself)
_SEIZED = re.compile(r"\b(?:recover|seiz|confiscat|impound|cache|captur|found|discover|uncover)", re.I)
_STOPPED_IN_USE = re.compile(
    r"\b(?:shot\s+down|downed|intercept|defus|disarm|deactivat|controlled\s+explosion|neutrali[sz]ed\s+(?:a|an|the|two|three)"
    r"\s+(?:[\w-]+\s+)?(?:bomb|device|explosive|drone|missile|rocket))",
    re.I,
)


def _seizures_in_other_operations(drafts: list[_Draft]) -> list[_Draft]:
    """Weapons recovered or seized in an operation the report codes as another event (the arms taken after the
    battle at Monguno, the rifles found on the men killed in the clash, the guns seized in the arrest raid) are part
    of that event, not a disrupted weapons use of their own: dropped when another event of the report lies within a
    day and 25 km of them. Interceptions and defusals stay their own events."""
    others = [d for d in drafts if d.mention.sub_event_type != "Disrupted weapons use"]
    out = []
    for d in drafts:
        m = d.mention
        text = " ".join(e.text for e in m.evidence)
        if (
            m.sub_event_type == "Disrupted weapons use"
            and _SEIZED.search(text)
            and not _STOPPED_IN_USE.search(text)
            and any(_near_in_time_and_space(m, o.mention) for o in others)
        ):
            if _ARREST_TOLD.search(text):
                # "arrested 27 people ... and recovered 31 weapons": the arrests are the event
                m.sub_event_type = "Arrests"
            else:
                continue
        out.append(d)
    return out


_ARREST_TOLD = re.compile(r"\b(?:arrest(?:ed|s)|detain(?:ed|ing)|detentions?|took\s+into\s+custody)\b", re.I)


def _near_in_time_and_space(a: Mention, b: Mention) -> bool:
    """Within a day and 25 km of each other (both placed and dated)."""
    if a.event_date is None or b.event_date is None or a.place is None or b.place is None:
        return False
    if abs((a.event_date - b.event_date).days) > 1:
        return False
    return haversine_km(a.place.latitude, a.place.longitude, b.place.latitude, b.place.longitude) <= 25


def _country_level(place: Place) -> bool:
    """The place is the whole country (its row, or a point labelled with the country's name)."""
    return place.feature == "country" or place.location == place.country


def _unknown_place_as_elsewhere(drafts: list[_Draft]) -> None:
    """A village the gazetteer lacks, placed once through what the report says it lies in ("the village of Kishishe,
    in Rutshuru territory": the territory), is placed there every time the report names it again with no place of its
    own ("fresh clashes near Kishishe", "civilians killed in Kishishe"), not at the country or the report's city."""
    where: dict[str, Place] = {}
    for d in drafts:
        p = d.mention.place
        if (d.own_place or d.named_place) and p is not None and p.feature != "country" and p.geo_precision >= 2:
            for name in d.mention.unresolved_places:  # (a province its sentence named: "the island of X, in Y")
                where.setdefault(name, p)
    if not where:
        return
    for d in drafts:
        p = d.mention.place
        if d.own_place and p is not None and not _country_level(p):
            continue
        known = [where[n] for n in d.mention.unresolved_places if n in where]
        if known and (p is None or known[0].country == p.country):
            d.mention.place = known[0]


_SIDE_KINDS = frozenset({"state", "rebel", "militia", "identity", "external"})
# Names ACLED gives to many groups at once (two unidentified gangs, two clans' militias may fight each other).
_GENERIC_SIDE = re.compile(r"^Unidentified|\b(?:Militia|Gang|Rioters|Protesters|Civilians|Group)\s*\(")


def _other_side(mention: Mention, country: str | None) -> None:
    """A named group or a state's forces never fight themselves ("fighting between M23 and a coalition including the
    FDLR ... M23 took control": actor2 is the FDLR, not M23 again): the other named armed party of its evidence, else
    none."""
    if not mention.actor1 or mention.actor2 != mention.actor1 or _GENERIC_SIDE.search(mention.actor1):
        return  # (generic names may meet themselves: "Unidentified Gang (Ecuador)" against another such gang)
    others = [
        a.canonical
        for e in mention.evidence
        for a in find_actors(e.text, country)
        if a.kind in _SIDE_KINDS and a.canonical != mention.actor1 and "{" not in a.canonical
    ]
    mention.actor2 = others[0] if others else None
    mention.inter2 = None


def extract_report(report: Report, nlp: Any = None, accept: bool = True) -> Extraction:
    """Run the whole extraction on one report (``accept``: as in `extract_from_doc`)."""
    if nlp is None:
        from warlog.extract.nlp import load_nlp

        nlp = load_nlp()
    return extract_from_doc(report, nlp(report.text), accept=accept)
