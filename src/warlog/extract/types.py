"""ACLED event type and sub-event type of a sentence, from a trigger lexicon plus ACLED's precedence rules.

``find_triggers`` lists every trigger with a score (lowered for hypothetical, denied or background statements);
``classify_sentence`` applies ACLED's precedence (chemical weapon over air strike, an air strike during a ground battle
is the battle, a territory change beats the clash that led to it, suicide bomb over IED, excessive force over protest
with intervention over peaceful protest, ...) and returns the one match that codes the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from warlog.extract.actors import ActorMention, actor_info, find_actors
from warlog.extract.literals import GateTable, gated, literals_in, required_literals
from warlog.extract.type_model import lexicon_features, shipped_model, text_features
from warlog.model import DISORDER_TYPE, SUB_TO_TYPE


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
AGREE = "Agreement"
ARREST = "Arrests"
CHANGE = "Change to group/activity"
DISRUPT = "Disrupted weapons use"
HQ = "Headquarters or base established"
LOOT = "Looting/property destruction"
# Pseudo sub-types resolved later: a territory change whose winner decides GOV or NSA, and a protest cue that only
# counts beside a protest.
_TERRITORY = "territory"
_RETAKE = "retake"
_PROTEST_CUE = "protest-intervention-cue"

_N = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|dozens of|scores of|hundreds of|many|"
    r"at least \w+|some|more than \w+|a number of|a group of|the)"
)
_CIV = (
    r"(?:civilians?|villagers?|residents?|farmers?|shepherds?|men|women|man|woman|children|child|boys?|girls?|"
    r"people|persons?|family|families|worshipp?ers|students?|teachers?|journalists?|doctors?|nurses?|"
    r"aid workers|workers|passers-?by|pedestrians|motorists|drivers?|traders?|merchants?|fishermen|herders?|"
    r"displaced|refugees|infants?|babies|citizens|locals|inhabitants|elderly|prisoners|detainees|"
    r"mourners|shopkeepers?|patients|(?:young|old|elderly) (?:man|woman|men|women)|member of (?:the|a) family)"
)
_FORCES = (
    r"(?:soldiers?|troops|servicemen|fighters|militants|militiamen|members|policem[ae]n|police(?: officers?)?|"
    r"officers?|personnel|rebels|insurgents|guards?|recruits|gunmen|combatants|jihadists|conscripts|commanders?|"
    r"elements|terrorists|army|forces|(?:military|army|police|security|regime|government) (?:\w+ )?"
    r"(?:positions?|check ?-?points?|posts?|bases?|barracks|outposts?|patrols?|convoys?|vehicles?|headquarters))"
)
_PLACE_OBJ = (
    r"(?:the |a |an |several |\d+ |two |three |four |five |parts of |most of |large parts of |full control of "
    r"|complete control of |control of |control over )?(?:[\w'\-]+ ){0,3}?"
    r"(?:town|towns|village|villages|city|cities|area|areas|district|districts|neighbou?rhoods?|quarters?|hills?|"
    r"hilltops?|mountains?|bases?|air ?base|airport|airfield|checkpoints?|positions?|posts?|points?|sites?|road|"
    r"highway|crossing|border crossing|front|territory|territories|region|farms|outskirts|countryside|suburbs?|"
    r"dam|oil fields?|fields|localities|locality|strongholds?|bastion|enclave|pocket|island|port)\b"
)


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


_LEXICON: tuple[_Trigger, ...] = (
    # Chemical weapons
    _t(
        CHEM,
        r"chemical (?:weapons?|attacks?|agents?|munitions?|strikes?|bombs?|substances?|gas|shells?|rockets?)",
        0.95,
    ),
    _t(
        CHEM,
        r"chlorine(?: gas| attacks?| bombs?| barrels?| canisters?)?|sarin(?: gas)?|mustard gas|nerve (?:agents?|gas)"
        r"|toxic (?:gas|gases|chemicals?|substances?)|poison(?:ous)? gas(?:es)?|(?:gas|chemical) attacks?",
        0.9,
    ),
    # Air and drone strikes
    _t(
        AIR,
        r"air ?-?strikes?|airstrikes?|air ?-?raids?|air (?:attacks?|bombardments?|campaign)|aerial (?:bombardments?|"
        r"bombings?|attacks?|strikes?|raids?|assaults?|campaign)|barrel ?-?bombs?(?: attacks?)?|bombed from the air|ca"
        r"rpet[- ]bomb"
        r"(?:ing|ed)?"
        r"|drone (?:strikes?|attacks?)|(?:armed|suicide|kamikaze|combat) drones?|drones? (?:struck|hit|targeted|attack"
        r"ed|bombed"
        r"|fired|strikes?|dropped)|(?:UAV|unmanned aerial vehicle) (?:strikes?|attacks?)|sorties",
        0.9,
    ),
    _t(
        AIR,
        r"warplanes?|war ?planes?|fighter (?:jets?|planes?|bombers?)|jets|bombers|military aircraft|helicopter gunship"
        r"s?"
        r"|helicopters? (?:dropped|fired|bombed|struck|attacked|targeted)|aircraft (?:struck|bombed|targeted|pounded|h"
        r"it|"
        r"attacked|carried out|launched|raided|fired)|air ?forces? (?:struck|bombed|targeted|attacked|pounded|hit|raid"
        r"ed)"
        r"|(?:Russian|Syrian|Israeli|Turkish|Iraqi|Saudi|coalition|regime|government|US|American|Jordanian|Emirati|"
        r"Egyptian|Nigerian|unidentified) (?:aircraft|planes|helicopters?|drones?)",
        0.75,
    ),
    _t(AIR, r"bombed|bombing|bombings|bombard(?:ed|ing)? from the air|pounded from the air", 0.35),
    # "Three strikes hit the town", "raids killed 16 civilians": in war reporting a bare strike is an air strike.
    _t(AIR, r"strikes?|raids|striking", 0.4),
    # Shelling, artillery, missiles
    _t(
        SHELL,
        r"shell(?:ing|ings|ed|s)|shell(?= (?:hit|struck|landed|fell|exploded))|artillery|mortars?(?: (?:shells?|rounds"
        r"?|"
        r"bombs?|fire|attacks?))?|(?:Grad|Katyusha|Qassam|Fajr) rockets?|Grads?|Katyushas?|howitzers?|MLRS|multiple[- "
        r"]rocket"
        r"(?:[- ]launchers?)?|rocket (?:launchers?|fire|attacks?|strikes?|barrages?)|tank (?:fire|shells?|rounds?)"
        r"|(?:hell|gas[- ]cylinder) cannons?|heavy weapons|projectiles?|ballistic missiles?|cruise missiles?|"
        r"surface-to-surface (?:missiles?|rockets?)|guided missiles?|anti-tank (?:guided )?missiles?|ATGMs?"
        r"|Tomahawk(?: cruise)? missiles?",
        0.85,
    ),
    _t(
        SHELL,
        r"rockets?|missiles?|bombard(?:ed|ing|ment|ments)|pounded|grenade[- ]launchers?|"
        r"\d+ (?:\w+ )?explosions|explosions involving",
        0.55,
    ),
    # Battles
    _t(
        CLASH,
        r"clash(?:es|ed|ing)?|fighting|fought|gun ?-?battles?|battles?|battled|battling|fire ?-?fights?|"
        r"exchanges? of (?:gun)?fire|exchanged (?:gun)?fire|skirmish(?:es|ed)?|ambush(?:es|ed|ing)?|gunfights?|"
        r"counter-?(?:attacks?|offensive)|offensive|infiltration(?: attempts?)?|infiltrat(?:ed|e)|stormed|"
        r"(?:launched|repelled|repulsed|thwarted|foiled|pushed back|fended off|repelling|repulsing) (?:an? |the )?"
        r"(?:\w+ )?(?:attacks?|assaults?|offensive|advance|incursion|infiltration)|shoot-?outs?|gun ?fights?|"
        r"encounters? with|crossfire|cross-fire|exchanges? of fire",
        0.8,
        tag="battle",
    ),
    _t(
        CLASH,
        r"rocket-propelled grenades?|RPGs?|(?:heavy )?machine ?-?guns?|sniper fire|snipers?",
        0.6,
        tag="fire",
    ),
    _t(
        CLASH,
        r"small arms|light weapons|rifles|bursts of fire|gunfire|shots|fired (?:with )?(?:[\w\-/,]+ ){0,3}?"
        r"(?:weapons|arms|guns|rifles) (?:at|on)",
        0.6,
        tag="small",
    ),
    _t(
        CLASH,
        r"(?:attack(?:ed|s|ing)?|assault(?:ed|s)?|raid(?:ed|s)?|target(?:ed|ing)|hit|struck|overran) (?:on |against )?"
        r"(?:an? |the |several |two |\d+ )?(?:[\w'\-]+ ){0,3}?"
        + _FORCES
        + r"|(?:killed|killing|kill|wounded|wounding|injured|injuring) "
        + _N
        + r" ?(?:[\w\-]+ )?"
        + _FORCES
        + r"|(?:soldiers?|troops|fighters|militants|policem[ae]n|rebels) (?:were |was )?(?:killed|wounded|injured)"
        r"|shot down (?:an? |the )?(?:\w+ )?(?:helicopter|warplane|fighter jet|jet|aircraft|plane)"
        r"|(?:helicopter|warplane|fighter jet|jet|aircraft|plane) (?:was |were )?shot down"
        r"|(?:security |military |police |army |counter-terrorism |joint )operations? against",
        0.62,
        tag="hit",
    ),
    _t(
        CLASH,
        r"advanc(?:e|ed|es|ing) (?:on|into|towards?)|(?:launched|began|started) an? (?:ground )?(?:operation|assault|"
        r"attack)",
        0.5,
    ),
    # Territory
    _t(
        _RETAKE,
        r"re-?took|re-?taken|re-?take|re-?captur(?:ed|es|e|ing)|regain(?:ed|ing|s)?(?: control)?|re-?gained|"
        r"reclaim(?:ed|ing)?|liberat(?:ed|ing|ion of)|recovered (?:control|territory|" + _PLACE_OBJ + r")|"
        r"restor(?:ed|ing) (?:full |state |government )?control|took back|took control back|wrested back",
        0.85,
    ),
    _t(
        _TERRITORY,
        r"(?:captur(?:ed|es|e|ing)|seiz(?:ed|es|e|ing)|overr?an|overrun|took over|taken over|"
        r"wrested|took full control of|took control of|gained control of|seized control of|"
        r"(?:is|are|was|were) now in control of|expelled \w+ from) "
        + _PLACE_OBJ
        + r"|(?:took|taken) (?:the |a |an |two |three |several |\d+ )?(?:\w+ )?(?:town|village|city|hill|base|airport|"
        r"checkpoint|positions?|district|neighbou?rhood|area)s?\b"
        + r"|(?:took|taken|seized|gained|assumed|wrested|imposed|established) (?:full |total |complete )?control"
        r"|fell to|fallen to|fall of|under the control of|(?:was|were|has been|have been|had been) (?:captured|seized|"
        r"overrun|taken over)",
        0.8,
    ),
    _t(_TERRITORY, r"(?:captur(?:ed|es|e|ing)|seiz(?:ed|es|e|ing)|overr?an) (?-i:[A-Z])[\w'\-]+", 0.6),
    _t(
        NVT,
        r"handed (?:over )?(?:control of |the )?(?:\w+ ){0,3}?(?:over )?to|hand(?:ed|ing)? over|handover|"
        r"(?:withdr[ae]w|withdrawn|withdrawal|pulled out|evacuat(?:ed|ion|ing)|left|departed) (?:[\w'\-]+ ){0,6}?"
        r"(?:under|as part of|following|after|in line with|in accordance with|according to) (?:an? |the )?"
        r"(?:\w+ ){0,3}?(?:deal|agreement|accord|settlement|truce|reconciliation)|"
        r"(?:without (?:a fight|resistance|fighting|clashes|a shot being fired)|peacefully) (?:entered|took)|"
        r"(?:entered|took control of|took over) (?:[\w'\-]+ ){0,5}?(?:without (?:a fight|resistance|fighting|clashes)|"
        r"peacefully)|evacuation (?:deal|agreement)|surrendered (?:the )?(?:town|city|village|area|control)",
        0.75,
    ),
    # Bombs
    _t(
        SUIC,
        r"suicide (?:bomb(?:er|ers|ing|ings|s)?|attack(?:er|ers|s)?|car[- ]bomb(?:er|ing|s)?|truck[- ]bomb(?:er|ing|s)?"
        r"|vests?|belts?|blasts?|explosions?|bomb attacks?|operations?|mission|VBIEDs?)|S-?VBIEDs?|"
        r"(?:blew|blowing|blown) (?:himself|herself|themselves) up|(?:detonated|exploded|triggered) (?:his|her|their) "
        r"(?:explosive |suicide )?(?:vests?|belts?)|self-detonat(?:ed|ing|ion)|kamikaze (?:car|truck|attack|bomber)",
        0.95,
    ),
    _t(
        IED,
        r"IEDs?|improvised explosive devices?|explosive devices?|roadside bombs?|car ?-?bombs?|car bombing|"
        r"truck ?-?bombs?|booby ?-?trap(?:ped|s)?(?: cars?| vehicles?| bombs?| houses?)?|VBIEDs?|landmines?|land mines"
        r"?|"
        r"(?:a|the) mine (?:exploded|blast|explosion|went off)|(?:stepped on|struck|hit|ran over|detonated) an? "
        r"(?:land ?)?mines?|mine explosions?|motorcycle bombs?|sticky bombs?|magnetic bombs?|limpet mines?|"
        r"unexploded (?:ordnance|munitions?|bombs?|shells?)|UXOs?|(?:explosive )?remnants of war|explosive-laden|"
        r"bomb (?:blasts?|explosions?|exploded|went off|attacks?)|bombs? (?:planted|placed|hidden|detonated|exploded)|"
        r"(?:planted|detonated|exploded) (?:an? )?(?:bombs?|explosives?)|explosives? (?:planted|detonated)",
        0.85,
    ),
    _t(IED, r"explosions?|blasts?|exploded|detonated", 0.3),
    _t(IED, r"(?:a|the|another|two|three) bombs?(?= (?:killed|wounded|injured|hit|ripped|tore|targeted|struck))", 0.7),
    _t(
        GREN,
        r"(?<!rocket-propelled )(?<!rocket propelled )(?<!stun )(?<!tear gas )(?<!teargas )(?<!sound )(?<!smoke )"
        r"(?:hand )?grenades?(?![- ]launcher)(?! attacks? on protesters)",
        0.85,
    ),
    # Violence against civilians
    _t(
        SEXV,
        r"rap(?:e|ed|es|ing)|gang-?rap(?:e|ed|es|ing)|sexual(?:ly)? (?:violence|assault(?:ed|s)?|abuse(?:d)?|"
        r"exploitation|slavery|attacks?)|sexually assaulted|molest(?:ed|ing|ation)|sex slaves?",
        0.9,
    ),
    _t(
        ABDUCT,
        r"abduct(?:ed|ing|ion|ions|s)?|kidnap(?:ped|ping|pings|s|pers)?|snatched|forcibly disappeared|"
        r"(?:enforced|forced|involuntary) disappearances?|taken hostage|held (?:as )?hostages?|hostage-taking|"
        r"took (?:\w+ )?hostages?",
        0.9,
    ),
    _t(
        ATTACK,
        r"executed|executions?|execution-style|executing|shot dead|gunned down|shot and killed|assassinat(?:ed|ion|ion"
        r"s|e)|"
        r"murder(?:ed|s|ing)?|beheaded|beheading|decapitated|stabbed|hacked to death|beaten to death|tortured(?: to de"
        r"ath)?|"
        r"massacred?|massacres|slaughtered|drive-by shooting|burned alive|killed in cold blood|"
        r"(?:stabbed|beaten|hacked|strangled|burned|shot) to death",
        0.85,
    ),
    _t(
        ATTACK,
        r"(?:killed|injured|wounded|shot|attacked|assaulted|beaten|stabbed) (?:[\w,\-]+ ){0,8}?by (?:an? |the |two |"
        r"three |four |\d+ |several |a group of )?(?:unknown |unidentified |armed |masked |suspected |hooded )*(?:gunm"
        r"[ae]n|"
        r"assailants|attackers|armed men|men|persons|people|individuals|robbers|bandits)|(?:was|were) (?:shot|stabbed|"
        r"beaten|assaulted)(?: and (?:killed|injured|wounded))?|assault(?:ed|ing)|(?:heads?|bod(?:y|ies)|corpses?|rema"
        r"ins) "
        r"(?:[\w,\-]+ ){0,4}?(?:was|were) (?:found|discovered|recovered)",
        0.55,
    ),
    _t(
        ATTACK,
        r"(?:killed|killing|kill|kills|shot|shooting|wounded|wounding|injured|injuring|attacked|attacking|"
        r"assaulted|beat|beating|targeted|opened fire on|fired (?:up)?on|shot at) (?:the )?"
        + _N
        + r"? ?(?:\w+ )?"
        + _CIV
        + r"|"
        + _CIV
        + r" (?:were |was |had been |have been )?(?:shot|killed|murdered|beaten|stabbed|attacked|assaulted|"
        r"wounded|injured) by (?:an? |the )?(?:unknown |unidentified |armed |masked |suspected )*(?:gunm[ae]n|assailan"
        r"ts|"
        r"attackers|militants|men|group|fighters|militiamen|soldiers|police|forces|members)"
        r"|(?:bod(?:y|ies)|corpses?|remains) (?:of \w+ (?:\w+ )?)?(?:was|were|had been|have been)? ?(?:found|discovere"
        r"d|"
        r"recovered)|found (?:dead|shot|murdered|killed)|(?:attacked|raided|stormed|opened fire on|targeted) (?:an? |t"
        r"he )?"
        r"(?:\w+ ){0,2}?(?:homes?|houses?|village|mosque|church|market|school|hospital|car|vehicle|bus|wedding|funeral"
        r"|camp)",
        0.6,
    ),
    # Protests and riots
    _t(
        PEACE,
        r"protest(?:s|ed|ing|ers|ors)?|demonstrat(?:ion|ions|ors|ed|ing|e)|rall(?:y|ies|ied|ying)(?! (?:around|behind)"
        r")|"
        r"sit-?ins?|vigils?|picket(?:s|ed|ing)?|(?:went|go|going|are|were) on strike|general strike|hunger strike|"
        r"strik(?:e|ing) (?:workers|employees|teachers|doctors)|walk-?outs?|took to the streets|pot-banging|motorcade "
        r"protest|"
        r"gathered (?:[\w'\-]+ ){0,6}?(?:to (?:demand|protest|denounce|condemn|call)|demanding|denouncing|condemning|a"
        r"gainst)|"
        r"chant(?:ed|ing) slogans",
        0.75,
    ),
    _t(PEACE, r"march(?:ed|es|ing)?", 0.55, case_sensitive=True),
    _t(
        PEACE,
        r"blocked (?:\w+ ){0,2}?(?:roads?|streets?|highways?|traffic|entrances?|the entrance)|road ?blockades?|"
        r"motorcades?|caravans? (?:of cars )?(?:to demand|demanding|protesting)|(?:staged|held) a (?:\w+ ){0,2}?blocka"
        r"de",
        0.6,
    ),
    _t(
        _PROTEST_CUE,
        r"tear ?-?gas(?: shells?| canisters?| grenades?)?|teargas(?: shells?| canisters?)?|water ?-?cannons?|"
        r"rubber bullets|batons?|baton charge|lathi[- ]?charge[d]?|"
        r"dispers(?:ed|e|ing)|broke up|stun grenades?|pepper spray|warning shots|fired (?:shots )?(?:in|into) the air|"
        r"(?:protesters|protestors|demonstrators|participants|marchers|activists|organi[sz]ers|people|students|workers"
        r") "
        r"(?:were |was )?(?:arrested|detained|beaten|injured)|(?:arrested|detained|beat|beaten|injured) (?:\w+ ){0,3}?"
        r"(?:protesters|protestors|demonstrators|participants|marchers|organi[sz]ers|of them)|arrests were made|"
        r"intervened|cracked down|crackdown|baton[- ]charged",
        0.7,
    ),
    _t(
        EXCESS,
        r"(?:opened|open) fire (?:on|at) (?:the |a |peaceful |unarmed )?(?:\w+ )?(?:protesters|protestors|"
        r"demonstrators|crowds?|marchers|mourners)|live (?:ammunition|fire|rounds|bullets)|(?:killed|killing|shot|shoo"
        r"ting|"
        r"wounded|wounding|injuring|injured) (?:dead )?" + _N + r"? ?(?:\w+ )?(?:protesters|protestors|demonstrators|"
        r"marchers)|(?:protesters|protestors|demonstrators) (?:were |was )?(?:killed|shot dead|shot)|lethal force",
        0.85,
    ),
    # Police firing on a crowd: the police are the perpetrators ("killed in police firing", "police fired 12 rounds").
    _t(
        EXCESS,
        r"police firing|police fire|(?:police|policemen|cops) (?:had to |then |also )?(?:fired|opened fire|fire)"
        r"(?! (?:tear|teargas|water|rubber|warning|in the air|into the air|stun|pepper|plastic|blank))|"
        r"fired (?:\d+ |several |a few )?(?:\w+ )?rounds (?:to disperse|at the (?:mob|crowd))",
        0.7,
    ),
    _t(
        VIOLDEM,
        r"riot(?:s|ed|ing|ers)?|violent (?:protests?|demonstrations?|clashes with (?:the )?police)|"
        r"(?:threw|hurled|pelted|throwing|hurling|pelting|hurl|throw) (?:\w+ ){0,2}?(?:stones|rocks|bricks|molotov|pet"
        r"rol "
        r"bombs|bottles|firebombs|fire ?-?bombs|objects|projectiles)|stone-?(?:throwing|throwers|pelting|pelters)|"
        r"molotov(?: cocktails?)?|petrol bombs?|(?:burn(?:ed|t|ing)|set fire to|torched) (?:\w+ )?(?:tyres|tires)|"
        r"vandali[sz](?:ed|ing|e|m)|(?:stormed|set fire to|torched|ransacked|attacked) (?:the |a )?(?:\w+ )?(?:police "
        r"station|"
        r"government (?:building|offices?)|town hall|parliament|municipality (?:building)?|governor's office)|"
        r"(?:protesters|demonstrators|youths|rioters) (?:\w+ )?clash(?:ed|es)? with|clash(?:ed|es)? with (?:the )?"
        r"(?:riot )?police",
        0.8,
    ),
    _t(
        MOB,
        r"mobs?|lynch(?:ed|ing|ings)?|mob justice|vigilantes?|jungle justice|(?:angry |a )(?:crowd|group of (?:people|"
        r"residents|villagers|locals|youths|men)) (?:\w+ )?(?:attacked|beat|killed|lynched|set fire|burned|torched|sto"
        r"ned|"
        r"assaulted|chased)|communal (?:clashes|violence)|set (?:him|her|them) on fire|(?:suspected|alleged) (?:thief|"
        r"thieves|"
        r"robbers?|kidnappers?|witch(?:es)?) (?:was|were) (?:beaten|killed|lynched|burned)",
        0.75,
    ),
    # Strategic developments
    _t(
        AGREE,
        r"(?:signed|reached|brokered|struck|concluded|agreed (?:on|to|upon)|announced|declared|accepted|mediated) "
        r"(?:an? |the )?(?:(?!(?:trade|economic|business|investment|cooperation|energy|tourism|customs|bilateral|tax|"
        r"loan|gas|oil|free-trade|climate|aid)\b)[\w\-]+ ){0,3}?"
        r"(?:cease-?fire|truce|agreement|deal|accord|armistice|memorandum|settlement)|"
        r"(?:cease-?fire|truce|peace (?:deal|agreement|accord)|agreement|deal|accord) (?:was |has been |had been |were"
        r" )?"
        r"(?:signed|reached|agreed|brokered|struck|concluded|announced|declared)|(?:cease-?fire|truce) (?:came|went|co"
        r"mes|"
        r"goes|has come) into (?:force|effect)|(?:cease-?fire|truce) took effect|(?:prisoner|detainee|captive|body|bod"
        r"ies) "
        r"(?:exchanges?|swaps?)|exchanged (?:\d+ )?(?:prisoners|detainees|captives|bodies)|"
        r"(?:released|freed) (?:\w+ ){0,2}?(?:prisoners|detainees|hostages|captives)",
        0.75,
    ),
    _t(
        ARREST,
        r"arrest(?:ed|s|ing)?|detain(?:ed|ing|s)?|detention|rounded up|apprehend(?:ed|ing)?|(?:taken|took) into "
        r"custody|arrest campaign|raids? and arrests",
        0.75,
    ),
    _t(
        DISRUPT,
        r"defus(?:ed|ing|al|e)(?: (?:of )?(?:an? |the |\d+ |two |three |several )?(?:[\w\-]+ ){0,3}?(?:IEDs?|bombs?|"
        r"explosives?|devices?|mines?|landmines?|car ?-?bombs?))?|dismantl(?:ed|ing|e) (?:an? |the |\d+ )?(?:\w+ ){0,2"
        r"}?(?:IEDs?|bombs?|explosives?|"
        r"devices?|mines?|landmines?|car ?-?bombs?)|(?:shot down|downed|intercepted|intercepting|intercept|destroyed|"
        r"brought down|thwarted) (?:an? |the |two |three |several |\d+ )?(?:\w+ ){0,2}?(?:drones?|UAVs?|missiles?|rock"
        r"ets?|"
        r"projectiles?|unmanned aerial vehicles?)|(?:drones?|UAVs?|missiles?|rockets?) (?:was |were )?(?:shot down|int"
        r"ercepted|"
        r"downed)|(?:seized|found|discovered|uncovered|recovered|confiscated|seizing|finding) (?:an? |the )?(?:large |"
        r"huge )?"
        r"(?:weapons |arms |ammunition |explosives )?(?:cache|caches|quantity of (?:weapons|arms|ammunition|explosives"
        r")|"
        r"stockpile|depot|weapons|arms|ammunition|explosives|bomb-making)|(?:weapons|arms|ammunition|explosives) "
        r"(?:cache|caches|depot|stockpile)s?|foiled (?:an? |the )?(?:\w+ )?(?:bomb|suicide|car bomb|attack|plot|attemp"
        r"t)|"
        r"bomb disposal|(?:controlled|safely) (?:detonation|detonated|explosion)|de-?mining|cleared (?:\w+ )?(?:land)?"
        r"mines|"
        r"(?:air defen[cs]es?|anti-aircraft) (?:intercepted|shot down|confronted|responded|downed|repelled)|"
        r"(?:IED|bomb|explosive device|mine|car bomb) (?:was|were) (?:defused|dismantled|found|discovered)",
        0.8,
    ),
    _t(
        HQ,
        r"(?:set up|setting up|sets up|established|establishing|establish|built|building|constructing|constructed|"
        r"installed|erected|opened) (?:an? |the |their |its |new )?(?:\w+ ){0,2}?(?:base|bases|headquarters|HQ|outpost"
        r"s?|"
        r"observation posts?|military posts?|garrison|barracks|military camps?)|turned (?:an? |the )?(?:\w+ ){0,2}?int"
        r"o "
        r"(?:an? )?(?:military )?(?:base|headquarters|barracks)",
        0.75,
    ),
    _t(
        LOOT,
        r"loot(?:ed|ing|ers)?|pillag(?:ed|ing|e)|plunder(?:ed|ing)?|ransack(?:ed|ing)?|"
        r"(?:torched|burn(?:ed|t)(?: down)?|set (?:on )?fire to|set ablaze|destroyed|demolish(?:ed|ing)?|razed|bulldoz"
        r"(?:ed|ing)|"
        r"blew up|blown up|damaged) (?:\w+ ){0,3}?(?:houses?|homes?|shops?|stores?|property|properties|crops?|fields?|"
        r"farms?|"
        r"vehicles?(?! ?-?(?:borne|bomb))|cars?(?! ?-?bomb)|buildings?|mosque|church|school|huts?|granar(?:y|ies)|"
        r"farmland|olive trees|trees|harvests?|"
        r"greenhouses?|structures?|shelters?|tents?|wells?)|demolitions?|confiscat(?:ed|ion|ing) (?:of )?(?:\w+ ){0,2}?"
        r"(?:property|properties|land|lands|homes|houses|belongings|vehicles|livestock|cattle)|(?:stole|stolen|steal|s"
        r"tealing|"
        r"rustled) (?:\w+ ){0,2}?(?:livestock|cattle|goats|sheep|camels|money|cars|vehicles|property|belongings|valuab"
        r"les)|"
        r"(?:seized|seizing) (?:\w+ ){0,2}?(?:property|properties|land|lands|homes|houses|cattle|livestock|belongings)|"
        r"extort(?:ed|ion|ing)|property destruction|set (?:\w+ ){0,2}on fire",
        0.7,
    ),
    _t(
        CHANGE,
        r"reinforcements|(?:deployed|deploying|deployment of|redeploy(?:ed|ment)?|dispatched|sent) (?:\w+ ){0,3}?"
        r"(?:troops|forces|reinforcements|fighters|soldiers|units|vehicles)|(?:military |joint |Russian |Turkish |US |"
        r"American )?(?:convoys?|patrols?) (?:entered|arrived|crossed|took place|was conducted|were conducted|patrolle"
        r"d|"
        r"reached)|(?:joint|military) patrols?|movement of forces|defect(?:ed|ion|ions|ors)|merg(?:ed|er)|"
        r"(?:announced|announce|announcing) (?:the )?(?:formation|establishment|creation|dissolution|launch) of|"
        r"recruit(?:ed|ing|ment)|mobili[sz](?:ed|ation|ing)|military (?:drills?|exercises?|manoeuvres|maneuvers|parade"
        r")|"
        r"curfew|mass graves?|(?:withdr[ae]w|withdrawn|pulled out|retreated) (?:from|its|their)",
        0.5,
    ),
)

_LEXICON_GATES = GateTable(t.gate for t in _LEXICON)

_HYPOTHETICAL = re.compile(
    r"\b(?:threat(?:en(?:ed|s|ing)?)? (?:to|of)|threats? (?:to|of)|will|would|could|might|shall|plans? to|planned to|"
    r"planning to|intends? to|intended to|vow(?:ed|s|ing)? (?:to|revenge)|warn(?:ed|s|ing)? (?:of|that|against|about)|"
    r"ready to|prepared to|preparing (?:to|for)|aim(?:s|ed)? to|seeks? to|expected to|likely to|potential|"
    r"fears? (?:of|that)|feared|if|unless|call(?:ed|s|ing)? for|to avoid|avoid(?:ing)?|to prevent|in (?:the )?(?:event"
    r"|case) "
    r"of|going to|set to|risk of|to stop|to end|no(?! one| immediate| group| other)|not(?! immediately| clear| known| "
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
    r"over the (?:past|last) (?:\w+ )?(?:years|months|decade)|in (?:the )?(?:past|last) (?:\w+ )?(?:years|months|decad"
    r"e)|"
    r"so far this year|years? of (?:war|conflict|fighting)|decade-long|(?:seven|six|eight|five|four|nine|\d+)-year"
    r"|death toll (?:in|of|from) the (?:war|conflict))\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"[.;:!?]|\b(?:but|while|whereas|although|after|as|when|and then)\b|, (?:and )?(?=\w+ed\b)", re.I
)
_GROUND = re.compile(
    r"\b(?:clash(?:es|ed)?|fighting|battles?|ground (?:offensive|assault|operation|forces|troops|fighting|advance)|"
    r"offensive|advanc(?:e|ed|es|ing)|counter-?attack|front ?lines?|assault on|infantry)\b",
    re.IGNORECASE,
)

_TERRITORY_SUBS = {GOV, NSA, NVT}
_PROTEST_FAMILY = {PEACE, INTERV, EXCESS, VIOLDEM, MOB}
_REMOTE = {AIR, SHELL, IED, GREN, SUIC, CHEM}
# General precedence when a sentence holds several triggers and no specific rule applies (first wins).
_PRIORITY: tuple[str, ...] = (
    CHEM,
    SUIC,
    GOV,
    NSA,
    NVT,
    AIR,
    SHELL,
    IED,
    GREN,
    CLASH,
    EXCESS,
    VIOLDEM,
    MOB,
    INTERV,
    SEXV,
    ATTACK,
    PEACE,
    ABDUCT,
    DISRUPT,
    ARREST,
    LOOT,
    HQ,
    AGREE,
    CHANGE,
)
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


def _modifier(sentence: str, start: int) -> float:
    """Confidence factor for a trigger: hypothetical or negated (0.1), denied or alleged (0.35), background (0.4)."""
    pre = _clause_before(sentence, start)
    factor = 1.0
    if _HYPOTHETICAL.search(pre):
        factor = 0.1
    elif _DENIAL.search(sentence[max(0, start - 80) : start]):
        factor = 0.35
    if _BACKGROUND.search(sentence):
        factor *= 0.4
    return factor


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans overlap."""
    return a[0] < b[1] and b[0] < a[1]


def _raw_triggers(sentence: str) -> list[tuple[_Trigger, re.Match[str]]]:
    """Every lexicon hit; a hit inside a longer hit of another entry is dropped (the longer phrase is more specific)."""
    entries = [_LEXICON[i] for i in _LEXICON_GATES.hits(literals_in(sentence))]  # lexicon order, gates passed
    hits = [(trig, m) for trig in entries for m in trig.regex.finditer(sentence)]
    hits.sort(key=lambda h: (-(h[1].end() - h[1].start()), -h[0].score))
    kept: list[tuple[_Trigger, re.Match[str]]] = []
    for trig, m in hits:
        span = (m.start(), m.end())
        if any(_overlaps(span, (k.start(), k.end())) and not _compatible(trig.sub, kt.sub) for kt, k in kept):
            continue
        kept.append((trig, m))
    kept.sort(key=lambda h: h[1].start())
    return kept


def _compatible(sub: str, kept_sub: str) -> bool:
    """Overlapping hits that may coexist: protest cues live inside protest phrases."""
    return sub == kept_sub or _PROTEST_CUE in (sub, kept_sub)


@lru_cache(maxsize=4096)
def _mentions(sentence: str) -> tuple[ActorMention, ...]:
    """Actor mentions of a sentence (no country: Syria-specific rows act as the fallback)."""
    return tuple(find_actors(sentence))


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
        return "external" if _FOREIGN.match(before[0].canonical) else before[0].kind
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
        if a.end <= start and a.start >= start - len(clause) - 40 and (crowd or a.kind != "civilians")
    ]
    if before:
        return before[-1].kind
    return None if crowd else _given_kind(actors)


_ARMED_VICTIM = re.compile(
    r"\b(?:soldiers?|troops|fighters?|policem[ae]n|police ?(?:officers?|men)|militants?|servicem[ae]n|personnel|"
    r"guards?|militiam[ae]n|rebels?|commanders?|conscripts?|recruits?|members of the (?:\w+ )?(?:forces|army|police))"
    r"\b",
    re.IGNORECASE,
)
_CAPTIVE = re.compile(r"\b(?:surrender(?:ed|ing)?|captured|captives?|prisoners?|detained|disarmed|hostages?)\b", re.I)
_CIV_WORD = re.compile(r"\b" + _CIV + r"\b", re.IGNORECASE)


def _armed_victim(sentence: str, m: re.Match[str]) -> bool:
    """Whether a killing hits fighters, not civilians ("gunmen shot dead a QSD fighter" is a clash in ACLED)."""
    after = sentence[m.end() : m.end() + 60]
    before = sentence[max(0, m.start() - 50) : m.start()]
    passive = re.search(r"\b(?:was|were)\b", m.group(0) + " " + before[-25:])
    window = (before if passive else "") + " " + after
    if re.match(r"execut|behead|massacr|tortur", m.group(0), re.I) or _CAPTIVE.search(window):
        return False  # ACLED: killing captured or surrendered fighters is violence against civilians
    if _CIV_WORD.search(window) or not _ARMED_VICTIM.search(window):
        return False
    return True


def _find(sentence: str, actors: Sequence[str]) -> list[tuple[EventTypeMatch, str]]:
    """Triggers with their evidence tag, sub-types resolved from who acts."""
    raw = _raw_triggers(sentence)
    has_protest = any(t.sub in (PEACE, EXCESS, VIOLDEM) for t, _ in raw)
    out: list[tuple[EventTypeMatch, str]] = []
    for trig, m in raw:
        sub = trig.sub
        if sub == _PROTEST_CUE:
            if not has_protest:
                continue
            sub = INTERV
        elif sub in (_TERRITORY, _RETAKE):
            sub = _resolve_territory(sentence, sub, m, actors)
        elif sub == ARREST and _perpetrator_kind(sentence, m.start(), actors) in _NONSTATE_KINDS:
            sub = ABDUCT
        elif sub == EXCESS and _perpetrator_kind(sentence, m.start(), actors) in _NONSTATE_KINDS:
            sub = ATTACK
        elif sub == ATTACK and _armed_victim(sentence, m):
            sub = CLASH
        elif (
            sub == CLASH
            and trig.tag in ("battle", "hit")
            and _perpetrator_kind(sentence, m.start(), actors, crowd=True) in _CROWD_KINDS
        ):
            sub = VIOLDEM if has_protest else MOB
        out.append((_match(sub, m, trig.score * _modifier(sentence, m.start())), trig.tag))
    return out


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


def lexicon_view(
    sentence: str, context: str = "", actors: Sequence[str] = ()
) -> tuple[list[EventTypeMatch], EventTypeMatch | None]:
    """Every live lexicon trigger of a sentence and the lexicon's precedence choice among them."""
    tagged = [(m, tag) for m, tag in _find(sentence, actors) if m.score >= _MIN_SCORE]
    return [m for m, _ in tagged], _decide(tagged, context)


def _decide(tagged: list[tuple[EventTypeMatch, str]], context: str) -> EventTypeMatch | None:
    """ACLED's precedence rules over the live triggers of one sentence."""
    live = [m for m, _ in tagged]
    if not live:
        return None
    subs = {m.sub_event_type for m in live}
    strong = {m.sub_event_type for m in live if m.score >= 0.5}

    if CHEM in subs:
        return _best(live, CHEM)
    territory = [m for m in live if m.sub_event_type in _TERRITORY_SUBS and m.score >= 0.3]
    if territory:
        return max(territory, key=lambda m: (m.score, -m.start))

    first = min(live, key=lambda m: m.start)
    protest = _protest_choice(live)
    if protest is not None and (first.sub_event_type in _PROTEST_FAMILY or not (strong & (_REMOTE | {CLASH}))):
        return protest

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
    attack = _best(live, ATTACK)
    remote = [m for m in live if m.sub_event_type in _REMOTE and m.score >= 0.3]
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
_SURE = {CHEM, SUIC}
# Below this probability the model defers to the lexicon (the trainer records the value it was validated with).
_MODEL_MIN_P = 0.9


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
    live, choice = lexicon_view(sentence, context, actors)
    if choice is None:
        return None
    model = shipped_model()
    if model is None or choice.sub_event_type in _SURE:
        return choice
    sub, p = model.predict(model_features(sentence, live, choice))
    if sub == choice.sub_event_type or p < float(model.meta.get("min_p", _MODEL_MIN_P)) or sub not in SUB_TO_TYPE:
        return choice
    if sub in _TERRITORY_SUBS and choice.sub_event_type in _TERRITORY_SUBS:
        return choice  # who wins the ground (the lexicon reads it from the actors) decides GOV/NSA, not n-grams
    same = _best(live, sub)
    return replace(same, score=choice.score) if same is not None else _as(sub, choice)


def is_conflict_event(sentence: str) -> bool:
    """Whether a sentence reports an ACLED event (any type), not commentary, threats or denials."""
    m = classify_sentence(sentence)
    return m is not None and m.score >= 0.35
