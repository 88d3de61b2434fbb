"""Where someone spoke, read from the dependency parse: "in a statement issued in Abuja", "speaking at a memorial
service in Nairobi", "told reporters in Kano". Such a place is the place of the telling, not of the incident told.

The rule follows the parse, not a list of wordings: from the toponym, through the preposition it hangs on ("in",
"at"), up the heads that are nouns joined by objects and prepositions, to the first verb. The place is spoken when
that verb is a verb of saying, or when the chain passes a noun that is itself an act of saying (a statement, a
news conference) hung on a verb of giving or issuing it. Any other verb on the way ("a bomber blew himself up at a
funeral in Jalalabad", "killed 12 villagers in Faskari, the governor told reporters") ends the climb: the place
belongs to that act. Subjects are not climbed ("police in Faskari said ...": where the police are is often where
it happened, and the older text rules keep their cases).
"""

from __future__ import annotations

from typing import Any

# The shipped pipeline has no lemmatizer and no attribute ruler (issue 16: the parse is what costs), so words are
# read by their forms and parts of speech by the fine-grained tag.

# verbs of saying, every form
SPEECH_VERBS = frozenset(
    "say says said saying tell tells told telling speak speaks spoke spoken speaking announce announces announced "
    "announcing brief briefs briefed briefing address addresses addressed addressing state states stated stating "
    "comment comments commented commenting vow vows vowed vowing pledge pledges "
    "pledged pledging reiterate reiterated reiterating insist insists insisted insisting stress stressed stressing "
    "add adds added adding explain explains explained explaining warn warns warned warning promise promises promised "
    "promising testify testified testifying".split()
)
# nouns that are themselves an act of saying, or its audience
SPEECH_NOUNS = frozenset(
    "statement statements communique communiqué conference briefing interview speech address remark remarks message "
    "reporter reporters journalist journalists correspondent correspondents press broadcast radio station television "
    "media agency newspaper channel".split()
)
# verbs that give an act of saying its place ("a statement issued in Abuja", "held a news conference in Kabul")
GIVING_VERBS = frozenset(
    "issue issued issuing release released releasing publish published publishing give gave given giving hold held "
    "holding deliver delivered delivering post posted posting aired airing read reading".split()
)
_PREPOSITIONS = frozenset({"in", "at"})
_VENUE_PREPOSITIONS = frozenset({"in", "at", "during"})  # "speaking at a memorial service in Nairobi"
_MAX_HOPS = 4


def _noun(tok: Any) -> bool:
    return tok.tag_.startswith(("NN", "PRP"))


def _verb(tok: Any) -> bool:
    return tok.tag_.startswith(("VB", "MD"))


# verbs of taking a stand on an incident already told ("blamed the strike on", "condemned the attack")
STANCE_VERBS = frozenset(
    "blame blames blamed blaming condemn condemns condemned condemning denounce denounces denounced denouncing "
    "accuse accuses accused accusing deny denies denied denying claim claims claimed claiming".split()
)
INCIDENT_NOUNS = frozenset(
    "strike strikes airstrike airstrikes raid raids attack attacks bombing bombings blast blasts explosion explosions "
    "shelling killing killings massacre assault ambush incident".split()
)


def _seat_of_a_stand(tok: Any) -> bool:
    """ "The Government of National Accord in Tripoli blamed the strike on ...": where the one who takes a stand on an
    incident already told ("the strike") sits, not the incident's place (a subject's place is kept otherwise:
    "police in Faskari said gunmen killed three farmers")."""
    holder = tok.head.head
    if not _noun(holder) or holder.dep_ != "nsubj" or not _verb(holder.head) or holder.head.lower_ not in STANCE_VERBS:
        return False
    verb = holder.head
    objects = [c for c in verb.children if c.dep_ == "dobj"] + [
        g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "over", "about") for g in c.children
        if g.dep_ == "pobj"
    ]  # fmt: skip
    return any(
        o.lower_ in INCIDENT_NOUNS and any(c.dep_ in ("det", "poss") and c.i < o.i for c in o.children) for o in objects
    )


def spoken_at(tok: Any) -> bool:
    """True when the place token ``tok`` names where someone spoke (see the module's docstring)."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in _PREPOSITIONS:
        return False
    if tok.head.i == tok.sent.start or not any(t.is_alpha for t in tok.doc[tok.sent.start : tok.head.i]):
        return False  # "In Dnipro, the governor says one person was killed": the scene the sentence opens with
    if _seat_of_a_stand(tok):
        return True
    head = tok.head.head
    saw_speech_noun = False
    for _ in range(_MAX_HOPS):
        if _noun(head):
            if head.lower_ in SPEECH_NOUNS:
                saw_speech_noun = True
            if head.dep_ == "pobj" and head.head.lower_ in _VENUE_PREPOSITIONS:
                head = head.head.head  # "at a memorial service in Nairobi": on to the word "at" hangs on
                continue
            if head.lower_ in SPEECH_NOUNS and head.dep_ in ("dobj", "attr", "appos", "compound"):
                head = head.head  # "told reporters in Kano"
                continue
            # an object that is not speech ("confirmed the deaths of 22 people in Nan Neint", "announced a curfew
            # in N'Djamena"), a topic ("spoke of a terrible situation in Gaza"), a subject: the place is its own
            return saw_speech_noun and head.dep_ == "ROOT"
        if _verb(head):
            word = head.lower_
            if word in SPEECH_VERBS:
                return True
            if word in GIVING_VERBS:
                # "a statement issued in Abuja" (the verb modifies the statement), "gave a news conference in X"
                objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
                return (
                    saw_speech_noun
                    or (head.dep_ == "acl" and head.head.lower_ in SPEECH_NOUNS)
                    or any(c.lower_ in SPEECH_NOUNS for c in objects)
                )
            return False
        return False
    return False


def spoken_spans(doc: Any, spans: list[tuple[int, int]]) -> set[int]:
    """The indices of ``spans`` (character offsets into ``doc``) that name where someone spoke."""
    out: set[int] = set()
    for i, (start, end) in enumerate(spans):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span) and spoken_at(span.root):
            out.add(i)
    return out
