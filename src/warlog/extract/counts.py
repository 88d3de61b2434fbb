"""Killed and injured figures in one sentence, and whether a toll covers a period rather than one event.

How a figure is read (regexes over the plain sentence, no parser):
- each quantity (numbers.find_numbers, "a"/"an" only before a person noun) gets a noun phrase head: the last person
  or casualty noun in up to five words after it ("24 Syrian army soldiers" -> soldiers);
- it is a death figure when a kill verb follows ("were killed", "dead", "died", "lost their lives") or precedes it
  ("killing", "killed", "claimed the lives of", "bodies of"), when its head is "dead/deaths/bodies/fatalities", or
  when a toll leads to it ("the death toll rose to 112"); an injury figure likewise with "wounded/injured/hurt";
- figures joined by "and"/","/"as well as" share the verb ("two women and two children were killed" -> 4);
- figures after "including"/"among them"/"of whom", or "six of them children", are a subset: they feed the
  children/women/civilians counts but are never added to the toll;
- "casualties" alone and "killed or wounded" are ambiguous and give nothing; "no casualties", "no one was hurt"
  give 0 explicitly; a count of something else ("2 barrel bombs", "24 hours", "100 km", years, ages, dates) is not
  a casualty;
- several statements in one sentence are not summed: the largest death statement wins (likewise for the injured),
  except a second source's account of the same toll ("..., while activists said 22 died", "a nurse put the toll at
  more than 100"): the lowest credible figure is coded and the higher one kept in ``fatalities_max`` (ACLED);
- with no figure at all, a singular "was killed"/"was shot dead" (or "he died") gives 1, "was wounded" 1 injured;
- ranges and bounds follow ACLED's lowest-credible rule with the range kept: "between two and six", "10 to 15",
  "60-80" give the low end as the figure and the high end in ``fatalities_max``; an upper bound alone ("up to 81",
  "as many as 40") is the only figure stated, so the coder writes it (81, max 81); vague words use ACLED's
  conventions in numbers.py ("dozens" 12); "a family of five" is five people;
- a person named without a figure but joined by "and"/"as well as" to a figure, or to another such person, is one
  more victim ("two children and their mother" 3, "killing the driver and four passengers" 5, "killed the mayor and
  his daughter" 2); after a comma it is an apposition, the same victim; "another death", "one death" are one dead,
  "both victims" two, "an unknown number of" 10 (numbers.py); the set of a partitive ("one of the six workers") is
  not the victims;
- the verb may follow a clause: a relative clause ("six children who were kidnapped ... were shot dead"), a
  participle phrase, a phrase between dashes or commas, a second noun phrase without a figure ("seven soldiers and
  allied fighters were killed"), chained prepositional phrases, never a clause of its own ("before he was
  wounded"); a verb with its own object is active ("who killed a soldier", "shot and killed another soldier",
  "wounded at least 107"): its subject is not a victim; "left 3 militants dead" reads the word after the noun;
- victims "besides" those already told are added: a figure with "other"/"another"/"more" or "were also killed"
  after a group of the same kind ("beheaded eight elders and killed seven other people" 15), unless the sentence
  speaks of a toll that rose or of another time ("a day after gunmen killed another mayor");
- labels are not counts ("form four", "Ward 5"), nor animals ("20 goats"), nor "head of cattle";
- "one of the deadliest attacks since the war began" and "the sixth journalist killed this year" compare, they do
  not make the figure a period total; "the war-torn city", "a campaign rally" use the war word as a modifier;
  "a total of"/"altogether" summing one named happening is its toll, a claim only with no happening named, across
  places or over separate operations (`is_aggregate_toll`).
A whole report's figures (for the count benchmarks) come from `warlog.eval.counts.report_casualties`: period tolls
skipped, the largest death toll, the injured less those who died.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from warlog.extract.dates import find_dates
from warlog.extract.literals import gated
from warlog.extract.numbers import find_numbers, find_ranges
from warlog.extract.sentences import split_text as split_sentences  # noqa: F401  (re-exported)

MAX_COUNT = 100_000_000  # no casualty figure reaches this; larger numbers are ids, money or noise (and overflow stores)


@dataclass
class Casualties:
    """Death and injury figures one sentence states, with the spans they were read from."""

    fatalities: int | None = None  # None when the sentence states no death toll
    injured: int | None = None
    civilians: int | None = None  # how many of the dead are called civilians
    children: int | None = None
    women: int | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)  # character spans of the figures used
    vague: bool = False  # "dozens", "scores"...
    fatalities_max: int | None = None  # the high end of a stated range ("between two and six" -> 2, max 6)
    # whose dead the death figure counts, by its nouns: "state" (soldiers, police), "attackers" (gunmen, militants),
    # "civilians", or "any" (people, men: anyone); empty without a figure. The state's and the attackers' figures of
    # one fight count different dead (ACLED's fatalities are everyone's).
    sides: frozenset[str] = frozenset()


_CHILD = set(
    "child children kid kids boy boys girl girls baby babies infant infants toddler toddlers schoolchildren "
    "schoolboy schoolboys schoolgirl schoolgirls minor minors newborn newborns".split()
)
_WOMEN = set("woman women mother mothers wife wives grandmother grandmothers aunt aunts niece nieces".split())
_CIVILIAN_ONLY = set(
    "civilian civilians resident residents villager villagers student students pupil pupils worshipper worshippers "
    "worshipers pilgrim pilgrims passenger passengers farmer farmers shepherd shepherds fisherman fishermen doctor "
    "doctors nurse nurses medic medics paramedic paramedics rescuer rescuers volunteer volunteers journalist "
    "journalists reporter reporters refugee refugees patient patients shopper shoppers bystander bystanders "
    "pedestrian pedestrians teacher teachers displaced worker workers labourer labourers laborer laborers miner "
    "miners trader traders passer-by passerby passers-by passersby hostage hostages migrant migrants diner diners "
    "customer customers shopkeeper shopkeepers".split()
)
_CIVILIAN = _CIVILIAN_ONLY | _CHILD | _WOMEN
_STATE_MEN = set(
    "soldier soldiers troop troops policeman policemen police officer officers gendarme gendarmes serviceman "
    "servicemen personnel marine marines commando commandos paratrooper paratroopers peacekeeper peacekeepers "
    "conscript conscripts".split()
)
_ARMED_MEN = set(
    "attacker attackers assailant assailants gunman gunmen militant militants insurgent insurgents jihadist "
    "jihadists jihadis terrorist terrorists bandit bandits rebel rebels militiaman militiamen bomber bombers "
    "kidnapper kidnappers abductor abductors raider raiders".split()
)
_PERSON = _CIVILIAN | set(
    "people person persons man men individual individuals adult adults teen teens teenager teenagers youth youths "
    "member members relative relatives soldier soldiers troop troops fighter fighters militant militants rebel "
    "rebels insurgent insurgents jihadist jihadists jihadis gunman gunmen policeman policemen police officer "
    "officers policemen personnel serviceman servicemen marine marines guard guards commander commanders "
    "combatant combatants protester protesters protestor protestors demonstrator demonstrators worker workers "
    "victim victims detainee detainees prisoner prisoners inmate inmates hostage hostages suspect suspects "
    "attacker attackers bomber bombers terrorist terrorists extremist extremists militiaman militiamen militia "
    "militias paramilitary paramilitaries operative operatives peacekeeper peacekeepers employee employees staff "
    "contractor contractors mercenary mercenaries recruit recruits conscript conscripts official officials leader "
    "leaders loyalist loyalists supporter supporters tribesman tribesmen elder elders others more forces pilot "
    "pilots crew driver drivers motorist motorists occupant occupants brother brothers sister sisters son sons "
    "daughter daughters father fathers husband husbands family sibling siblings cousin cousins neighbour neighbours "
    "neighbor neighbors friend friends fighters' houthis houthi kurds kurd yazidis shiites sunnis alawites "
    "christians muslims migrants migrant gunmen agent agents lawmaker lawmakers minister ministers guardsmen "
    "americans iraqis syrians afghans yemenis libyans palestinians israelis russians iranians turks "
    "sailor sailors airman airmen cadet cadets trainee trainees sergeant sergeants lieutenant lieutenants colonel "
    "colonels general generals captain captains corporal corporals brigadier emir emirs cleric clerics imam imams "
    "activist activists defector defectors informant informants smuggler smugglers trader traders merchant merchants "
    "mukhtar elements element gunmen engineer engineers ruler rulers chief chiefs king kings priest priests pastor "
    "pastors monk monks mayor mayors governor governors judge judges lawyer lawyers businessman businessmen herder "
    "herders herdsman herdsmen delegate delegates campaigner campaigners candidate candidates staffer staffers "
    "politician politicians diplomat diplomats labourer labourers laborer laborers miner miners vendor vendors "
    "youngster youngsters spouse grandmother grandfather grandson granddaughter grandchildren uncle aunt nephew niece "
    "deputy deputies trooper troopers cop cops clerk clerks customer customers chairman councillor councillors "
    "councilor councilors policewoman policewomen interpreter interpreters translator translators bodyguard "
    "bodyguards escort escorts assistant assistants aide aides colleague colleagues companion companions partner "
    "partners guide guides cameraman cameramen photographer photographers apprentice apprentices conductor "
    "conductors porter porters mechanic mechanics".split()
)
_FATAL_NOUNS = {"dead", "deaths", "death", "bodies", "corpses", "fatalities", "lives", "martyrs"}
_INJURED_NOUNS = {"wounded", "injured", "injuries"}
_AMBIGUOUS_NOUNS = {"casualties", "casualty"}
_BAD = set(
    "hour hours day days week weeks month months year years minute minutes second seconds decade decades km "
    "kilometres kilometers kilometre kilometer mile miles metre metres meter meters feet foot percent per cent "
    "times bomb bombs barrel barrels shell shells rocket rockets missile missiles mortar mortars round rounds strike "
    "strikes airstrike airstrikes air raid raids attack attacks explosion explosions blast blasts bombing bombings "
    "car cars vehicle vehicles tank tanks truck trucks building buildings house houses home homes village villages "
    "town towns city cities district districts neighbourhood neighbourhoods neighborhood neighborhoods hospital "
    "hospitals school schools mosque mosques market markets position positions checkpoint checkpoints sortie "
    "sorties flight flights jet jets plane planes aircraft helicopter helicopters drone drones shot shots bullet "
    "bullets dollar dollars euro euros pound pounds tonne tonnes ton tons kg kilograms litre litres family families "
    "incident incidents case cases province provinces country countries point points vote votes page pages am pm "
    "gmt o'clock hrs people's floor floors storey storeys story stories member's calibre caliber mm cm millimetre "
    "battalion battalions brigade brigades division divisions unit units group groups faction factions "
    "organisation organisations organization organizations facility facilities site sites target targets area areas "
    "location locations gun guns handgun handguns rifle rifles pistol pistols weapon weapons knife knives grenade "
    "grenades magazine magazines cartridge cartridges shotgun shotguns goat goats cow cows cattle sheep camel camels "
    "donkey donkeys horse horses livestock animal animals dog dogs chicken chickens head mine mines landmine "
    "landmines device devices explosive explosives".split()
)
# Words that end a noun phrase after a number.
_STOP = set(
    "and or but nor were was are is be been being have has had who that which whom whose in on at by from near "
    "during after before when while as with of to for including among since into across inside outside under over "
    "through than then also all both each reportedly allegedly later since according said say says not no just "
    "only including where when whenever because if though although while until".split()
)
_KILL_WORDS = (
    r"killed|fatally\s+(?:shot|stabbed|wounded|injured|struck|hit)|dies|dead|died|die|slain|murdered|executed|massacred|assassinated|beheaded|decapitated|perished|martyred|drowned"
    r"|lost\s+(?:their|his|her)\s+li(?:ves|fe)|gunned\s+down|shot\s+dead|shot\s+and\s+killed|shot\s+to\s+death"
    r"|burn(?:ed|t)\s+(?:to\s+death|alive)|stabbed\s+to\s+death|beaten\s+to\s+death|hacked\s+to\s+death"
    r"|succumbed|crushed\s+to\s+death|to\s+death|(?:pronounced|declared|confirmed)\s+dead|passed\s+away|mortally\s+wounded"
    r"|lynched|strangled|slaughtered|butchered|(?:hacked|mowed|gunned)\s+down"
    # the idioms of official statements and obituaries: "embraced martyrdom", "fell on the field of honour"
    r"|(?:embraced|attained)\s+martyrdom|fell\s+(?:on\s+the\s+(?:battle)?field(?:\s+of\s+honou?r)?|in\s+(?:battle|combat"
    r"|action)|as\s+martyrs?)"
    # "113 people had been buried by Tuesday": the dead (not "buried under the rubble", "buried alive")
    r"|buried(?!\s+(?:under|beneath|alive|by|in\s+(?:the\s+)?(?:rubble|debris|ruins)))"
    r"|[\"\u201c']?neutrali[sz]ed[\"\u201d']?"  # security forces' word for killed ("four suspects were 'neutralised'")
)
_INJ_WORDS = (
    r"wounded|injured|hurt|maimed|hospitali[sz]ed|(?:suffered|sustained)\s+(?:[\w-]+\s+){0,3}?(?:injuries|wounds)"
    # "28 people were being treated in hospital", "were admitted to hospital": the wounded of the incident told
    r"|(?:treated|admitted)\s+(?:in|at|to)\s+(?:a\s+|the\s+|local\s+|nearby\s+)*hospitals?"
    r"|treated\s+for\s+(?:[\w-]+\s+){0,2}?(?:injuries|wounds)"  # "32 people had been treated for injuries"
)
_AUX = (
    r"who|that|have|has|had|been|being|was|were|are|is|all|also|reportedly|allegedly|later|subsequently|confirmed"
    r"|believed|thought|said|reported|feared|to|be|both|each|initially|instantly|immediately|eventually|apparently"
    r"|were|as|many|seriously|critically|badly|severely|lightly|slightly|gravely|now|found|left"
    r"|remain|remained|(?:kidnapped|abducted|tortured|raped|beaten|attacked|ambushed|captured|arrested)\s+and"
    r"|may|might|could|would|likely|probably|possibly|presumably|feared|presumed|(?!fatally|mortally)[a-z]{3,}ly"
    r"|(?:waylaid|robbed|seized|dragged|taken|rounded\s+up|lined\s+up|tied\s+up|pulled)\s+(?:out\s+)?and"
)
_POST_RE = re.compile(
    rf"^(?P<aux>(?:\s*,)?(?:\s+(?:{_AUX}))*)\s*(?:(?P<shot>shot\b)|(?P<kill>{_KILL_WORDS})|(?P<inj>{_INJ_WORDS}))\b",
    re.IGNORECASE,
)
_SHOT_FATAL = re.compile(
    rf"^[^.;,]{{0,60}}?\b(?:and|before|,)\s+(?:was\s+|were\s+)?(?:later\s+|then\s+|subsequently\s+)?(?:{_KILL_WORDS})\b"
    r"|^\s+(?:dead|to\s+death)\b",
    re.IGNORECASE,
)
_AMBIG_POST = re.compile(
    r"^\s*(?:or|and)\s+(?:wounded|injured|hurt|wounding|injuring)\b"
    r"(?!\s+(?:at\s+least\s+|more\s+than\s+|about\s+|some\s+|nearly\s+|over\s+)?(?:\d|(?:a|an|the|dozens|scores|several"
    r"|hundreds|many|more|others|two|three|four|five|six|seven|eight|nine|ten)\b))",  # "11 dead and injuring scores"
    re.IGNORECASE,
)
_KILL_PRE = re.compile(
    r"(?:\bkill(?:ing|ed|s)?|\bfatally\s+(?:shot|shooting|shoots|stabbed|stabbing|wounded|wounding)"
    r"|\bclaim(?:ed|ing|s)?\s+the\s+lives\s+of|\btak(?:ing|e|es)\s+the\s+lives\s+of"
    r"|\btook\s+the\s+lives\s+of|\bdeaths?\s+of|\bbod(?:y|ies)\s+of|\bcorpses\s+of|\bkilling\s+of|\bexecut(?:ed|ing|es)"
    r"|\bmassacr(?:ed|ing)|\bslaughter(?:ed|ing)|\bmurder(?:ed|ing)|\bshot\s+dead|\bshooting\s+dead"
    r"|\bshot\s+and\s+killed|\b(?:shot|shooting)\s+to\s+death|\b(?:gunn|hack|mow)(?:ed|ing)\s+down"
    r"|\blynch(?:ed|ing)|\bstrangl(?:ed|ing)|\bbutcher(?:ed|ing)|\bmassacres?\s+of|\b(?:hack|beat|stabb|burn|club)(?:ed|en|t|ing)?\s+to\s+death|\bassassinat(?:ed|ing)|\bbehead(?:ed|ing)|\bdecapitat(?:ed|ing)"
    r"|\bbur(?:ied|ying)"  # "we have buried 230 people": the dead, as "230 people had been buried"
    r"|\bleft|\bleaving|\blives\s+of)(?:\s+(?:all|the|only|at\s+least|his|her|their|its))?"
    r"(?:\s+(?:an?\s+|the\s+|whole\s+|entire\s+)*family\s+of)?\s*$",
    re.IGNORECASE,
)
# the object of a shooting verb left dead ("shot three of them dead", "shot two of the gunmen dead")
_SHOT_PRE = re.compile(r"\b(?:shot|shooting)(?:\s+(?:all|the|another|at\s+least))?\s*$", re.IGNORECASE)
_OBJECT_DEAD = re.compile(r"(?:\s+of\s+(?:them|those|these|the\s+[\w-]+(?:\s+[\w-]+)?))?\s+dead\b", re.IGNORECASE)
_INJ_PRE = re.compile(
    r"(?:\bwound(?:ing|ed|s)?|\binjur(?:ing|ed|es|e)|\binjuries\s+to|\bhurt(?:ing)?|\bmaim(?:ing|ed)|\bshot|\bshooting)"
    r"(?:\s+(?:all|the|another|at\s+least))?\s*$",
    re.IGNORECASE,
)
_AMBIG_PRE = re.compile(
    r"\b(?:kill(?:ed|ing)|dead)\s+(?:or|and)\s+(?:wound(?:ed|ing)|injur(?:ed|ing))\s*$|\bcasualties\s+(?:of|to|among)\s*$",
    re.IGNORECASE,
)
_TOLL_PRE = re.compile(
    r"\b(?:death\s+toll|toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|victims|martyrs"
    # ("the number of people confirmed dead ... has risen to 90")
    r"|(?:people|those|persons|civilians)\s+(?:(?:confirmed|reported|known\s+to\s+be)\s+)?(?:killed|dead)))"
    # (the translated press's "the number of martyrs has risen to 88")
    r"\b(?P<mid>[^.;\d]{0,150}?)\b(?:from\s+\d[\d,]*\s+)?"  # ("the toll had climbed overnight from 16 to 19")
    r"(?:to|at|of|reached|hit|exceeded|passed|topped|surpassed|is|was|stands|stood)"
    r"(?:\s+(?:at\s+least|more\s+than|nearly|over|about|around|some|almost))?\s*$",
    re.IGNORECASE,
)
# "the figure had risen to 34" after a death figure in the same sentence: the same toll, updated
_FIGURE_ROSE_PRE = re.compile(
    r"\b(?:the\s+)?(?:figure|count|tally|number)\s+(?:had\s+|has\s+)?(?:(?:risen|rose|climbed|increased|grown|grew|jumped)"
    r"\s+to|reached)(?:\s+(?:at\s+least|more\s+than|nearly|over|about|around|some|almost))?\s*$",
    re.IGNORECASE,
)
_DIED_SINCE = re.compile(r"\s+(?:as|after|when)\s+(?:[\w-]+\s+){0,6}?(?:died|succumbed)\b", re.I)
_DEATH_WORD = re.compile(r"\b(?:dead|deaths|killed|died|fatalities|toll|bodies)\b", re.IGNORECASE)
_INJ_TOLL_PRE = re.compile(
    r"\b(?:number\s+of\s+(?:the\s+)?(?:wounded|injured))\b[^.;\d]{0,40}?\b(?:to|at|of)\s*$", re.I
)
_SUBSET_PRE = re.compile(
    r"(?:\bincluding|\bincl\.|\bamong\s+(?:them|whom|those)|\bof\s+whom|\bamong\s+(?:the\s+)?(?:dead|killed|victims|"
    r"wounded|injured|fatalities)|\bmost\s+of\s+them|\bmostly"
    r"|\bof\s+(?:those|the)\s+(?:killed|dead|victims|wounded|injured)\s*,?)(?:\s+(?:were|was|are|is|being))?\s*$",
    re.IGNORECASE,
)
_KNOWN = _PERSON | _FATAL_NOUNS | _INJURED_NOUNS | _AMBIGUOUS_NOUNS
_VERB_RE = re.compile(rf"(?:{_KILL_WORDS}|{_INJ_WORDS}|shot|lost|fled|remain|remained|died)", re.IGNORECASE)
# A parenthetical between a figure and its verb: "Five people, including a child, were killed".
_PAREN = re.compile(
    r"^\s*(?:,\s*including\b[^;.]{0,120}?,(?=\s+(?:were|was|have|has|had|are|is)\s)"
    r"|,\s*(?:including|among\s+them|mostly|most\s+of\s+them|many\s+of\s+them|all\s+of\s+them)\b[^,;]*(?=,)"
    r"|\s*\([^)]*\)"
    r"|\s+(?:including|among\s+them|from|of|in|at|on|inside|near|under|over|aged|between|with|sheltering|hiding"
    r"|staying|living|waiting|gathered|gathering|trapped|travelling|traveling|working|praying|queuing|queueing)"
    # (not across the figure's own verb: "three of our soldiers died and two were wounded")
    r"\s+(?:(?!\b(?:before|after|when|while|he|she|they|it|we|which|who|where|but|then|died|perished|succumbed"
    r"|fell)\b)[^,;.]){1,60}?"
    r"(?=\s+(?:were|was|have|has|had|are|is)\s))",
    re.IGNORECASE,
)
# one person's name (and age) between commas after the noun that counts them: "killed its priest, Father Nikolai
# Petrov, 66, and a guard" (2)
_NAMED_BETWEEN = r"(?:\s*,\s*(?-i:[A-Z])[\w'\u2019.-]*(?:\s+[\w'\u2019.-]+){0,4}(?:\s*,\s*\d{1,3})?\s*,)"
_JOIN_NAMED = re.compile(rf"^{_NAMED_BETWEEN}\s*(?:and|as\s+well\s+as|along\s+with)\s+$", re.IGNORECASE)
_JOIN = re.compile(
    r"^\s*(?:,\s*)?(?:(?:and|as\s+well\s+as|along\s+with|plus|in\s+addition\s+to)\s+)?(?:,\s*)?"
    r"(?:(?:his|her|their)\s+)?$",  # "a woman and her three children"
    re.I,
)
# What a figure's people belong to, between them and the next figure of the list: "three soldiers of the Frontier
# Corps and two civilians were killed" (5), "four soldiers from the 3rd battalion and two civilians died" (6). Only
# "of"/"from" a body (never "in"/"at" a place, where "five in X and three in Y" are two statements), no verb or clause.
_MEMBERS_OF = re.compile(
    r"^\s+(?:of|from)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?!(?:and|or|who|that|which|were|was|have|has|had|are|is|in|at|near|on)\b)[\w'\u2019.&-]+\s+){1,5}?"
    r"(?:,\s*)?(?:and|as\s+well\s+as|along\s+with)\s+$",
    re.I,
)
_OF_THEM = re.compile(r"^\s+of\s+(?:them|whom|those)\s+(?:(?:were|was|are|being)\s+)?(?P<noun>[A-Za-z]+)", re.I)
_NEXT_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'\-]*|\d+-[A-Za-z][A-Za-z'\-]*)")
_NONE_FATAL = gated(
    r"\b(?:no\s*(?:-\s*)?one|nobody|none)\s+(?:was\s+|were\s+|has\s+been\s+|had\s+been\s+|is\s+)?"
    r"(?:reported\s+)?(?:killed|dead|died)\b|\bno\s+(?:immediate\s+)?(?:reports?\s+of\s+)?(?:deaths|fatalities|"
    r"one\s+died|loss\s+of\s+life|people\s+were\s+killed)\b|\bcaused\s+no\s+deaths\b",
    re.IGNORECASE,
)
_NONE_ANY = gated(
    r"\b(?:no\s*(?:-\s*)?one|nobody|none)\s+(?:was\s+|were\s+|has\s+been\s+|had\s+been\s+|is\s+)?(?:reported\s+)?"
    r"(?:hurt|injured|harmed|wounded)\b|\bno\s+(?:immediate\s+)?(?:reports?\s+of\s+|reported\s+)?casualt(?:ies|y)\b"
    r"|\bwithout\s+(?:causing\s+)?(?:any\s+)?casualties\b|\bno\s+(?:human\s+)?casualties\b",
    re.IGNORECASE,
)
_NONE_INJ = gated(
    r"\bno\s+(?:immediate\s+)?(?:reports?\s+of\s+)?injuries\b|\bno\s+(?:one|body)\s+was\s+(?:hurt|injured|wounded)\b",
    re.I,
)
_SING = (
    r"(?:man|woman|boy|girl|child|kid|teen|teenager|toddler|baby|infant|person|civilian|soldier|officer|policeman"
    r"|fighter|militant|rebel|victim|driver|student|resident|commander|journalist|doctor|mother|father|son|daughter"
    r"|brother|sister|husband|wife|guard|worker|farmer|motorist|pedestrian|passenger|bystander|suspect|gunman|shooter"
    r"|deputy|trooper|cop|clerk|employee|customer|teacher|nurse|medic|volunteer|leader|official|youth|villager"
    r"|member|sergeant|lieutenant|colonel|general|captain|corporal|emir|cleric|imam|activist|mukhtar|defector"
    r"|juvenile|neighbou?r|chief|priest|pastor|mayor|governor|judge|lawyer|businessman|herder|herdsman|trader|vaccinator"
    r"|engineer|ruler|delegate|campaigner|candidate|politician|diplomat|labou?rer|miner|vendor|councill?or|chairman"
    r"|grandmother|grandfather|grandson|granddaughter|uncle|aunt|nephew|niece|cousin|spouse|fianc[eé]e?"
    r"|interpreter|translator|bodyguard|escort|assistant|aide|colleague|companion|friend|partner|relative|guide"
    r"|cameraman|photographer|head|apprentice|conductor|porter|mechanic|shepherd|fisherman|pilot|labourer"
    r"|\d+-year-old)"
)
_ADV = r"(?:(?:[a-z]+ly|later|also|then|found|soon|after)\s+)"
# a person by name: two capitalised words, an Arabic article or a particle between them ("Fahim al-Taie")
_PERSON_NAME = r"(?-i:[A-Z][a-z]+\s+(?:(?:al|el|ad|an|ar|as|ash|at|az|bin|ibn|abu|de|da|dos|van|von)[\s-])?[A-Z][a-z]+)"
# One victim without a figure: "was killed", "he died", "killed him", "the death of Ahmad X", "Man shot, killed".
_SINGLE_FATAL = gated(
    rf"\b(?:was|has\s+been|(?<![a-z]s\s)(?<![a-z]s\"\s)had\s+been|is)\s+{_ADV}?(?:{_KILL_WORDS}|fatally\s+\w+)\b"
    rf"|\b(?:he|she|{_SING})\s+{_ADV}?(?:died|dies)\b"
    r"|\b(?:kill(?:ed|ing|s)|fatally\s+(?:shot|shooting|shoots|stabbed|stabbing|wounded|wounding))\s+(?:him|her)\b"
    r"|\bshot\s+(?:him|her)\s+dead\b|\bwas\s+shot\b[^.;]{0,40}?\band\s+killed\b"
    # one passive subject, two fates: "was abducted from his home ... and found shot dead", "was kidnapped and killed"
    r"|\b(?:was|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:abducted|kidnapped|seized|snatched|taken|dragged|detained"
    r"|arrested|captured|tortured|beaten|attacked|ambushed)\b[^.;]{0,80}?\b(?:and|before\s+being)\s+"
    rf"(?:was\s+)?{_ADV}?(?:{_KILL_WORDS})\b"
    rf"|\b(?:death|killing|murder|slaying|assassination|execution)\s+of\s+(?:(?:his|her|their)\s+{_SING}\b"
    r"|(?:\d+-year-old\s+)?(?-i:[A-Z][a-z]+))"
    rf"|\b(?:kill(?:ed|ing)|shot\s+dead|gunned\s+down|assassinat(?:ed|ing))\s+{_PERSON_NAME}\b(?!\s+[a-z]+s\b)"
    rf"|\b(?:kill(?:ed|ing)|shot\s+dead|shot\s+and\s+killed|assassinat(?:ed|ing)|execut(?:ed|ing)|behead(?:ed|ing)"
    r"|fatally\s+(?:shot|shooting|stabbed|stabbing|wounded|wounding)|shot\s+to\s+death)\s+"
    rf"(?:the|a|an|its|his|her|their)\s+(?:[\w-]+\s+){{0,2}}{_SING}\b(?!['\u2019]s\b)"
    r"|\b(?:body|corpse)\s+(?:is|was|has\s+been|had\s+been)\s+(?:\w+\s+)?(?:found|recovered|discovered|pulled)\b"
    rf"|\b{_SING}\s+(?:is\s+)?(?:shot|stabbed)?\s*(?:,|and)?\s*(?:killed|dies|dead|shot\s+dead|slain)\b",
    re.IGNORECASE,
)
# "livestock was killed", "the herd was slaughtered": animals, no victim (ACLED counts people)
_ANIMALS_BEFORE = re.compile(
    r"\b(?:livestock|cattle|cows?|goats?|sheep|camels?|donkeys?|horses?|animals?|dogs?|poultry|chickens?|herds?)"
    r"\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_SINGLE_INJ = gated(
    r"\b(?:was|has\s+been|had\s+been)\s+(?:(?:reportedly|also|critically|seriously|badly|slightly|lightly)\s+)?"
    rf"(?:wounded|injured|hurt|shot)\b|\b{_SING}\s+(?:is\s+)?(?:wounded|injured|hurt|shot)\b"
    r"(?!\s+(?:him|her|them|a|an|the|his|their|at|into|and\s+killed)\b)",
    re.IGNORECASE,
)
_ALL_CIVILIANS = gated(r"\ball\s+(?:of\s+(?:them|whom)\s+)?(?:were\s+)?civilians\b|\bwere\s+all\s+civilians\b", re.I)
_VAGUE_WORDS = re.compile(r"dozen|scores|tens|several|hundreds|thousands|few|handful|number|couple", re.I)


@dataclass
class _Fig:
    """One figure in the sentence and what it was read as."""

    start: int
    end: int
    value: int
    head: str | None  # head noun, lower case ("civilians"), None when no noun follows
    head_end: int
    kind: str | None = None  # "fatal", "injured", "ambiguous" or None
    subset: bool = False
    vague: bool = False
    named_from: int = -1  # "killed <name>, <apposition>, and six others": where the one named begins
    ordinal: int = 0  # "a twelfth died in hospital": one more, the twelfth (the toll is at least 12)


def _head(sentence: str, end: int) -> tuple[str | None, int]:
    """Head noun after a figure: the last person/casualty noun in the next five words, else the first word."""
    if end < len(sentence) and sentence[end] == "-":
        return "-compound", end  # "24-year-old", "five-year"
    best: tuple[str, int] | None = None
    first: tuple[str, int] | None = None
    bad: tuple[str, int] | None = None
    last: tuple[str, int] | None = None
    stopped = False
    pos = end
    for _ in range(5):
        nxt = _NEXT_WORD.match(sentence, pos)
        if not nxt:
            break
        word = nxt.group(1).lower()
        if len(nxt.group(1)) > 1 and nxt.group(1).isupper() and word in _STOP:
            pos = nxt.end()  # an acronym spelt like a stop word: "3 IS militants", "two US soldiers"
            continue
        if word in _STOP or _VERB_RE.fullmatch(word):
            stopped = True
            break
        last = (word, nxt.end())
        if word in _KNOWN:
            best = (word, nxt.end())
        elif word in _BAD:
            if best is not None:
                break
            bad = bad or (word, nxt.end())  # "2 barrel bombs" stays a non-count unless a person noun follows
        elif first is None:
            first = (word, nxt.end())
        pos = nxt.end()
    if best is not None:
        return best
    if bad is not None:
        return bad
    if stopped and last is not None and sentence[end:pos].count(",") == 0:
        return last  # "six suspected highway robbers were killed": the phrase ends before the verb
    return first if first is not None else (None, end)


def _is_not_count(sentence: str, s: int, e: int, value: int, date_spans: list[tuple[int, int]]) -> bool:
    """Ages, times, dates, years, money and percentages are not casualty figures."""
    if any(ds < e and s < de for ds, de in date_spans):
        return True
    before, after = sentence[:s], sentence[e:]
    if re.search(r"(?:\baged?|\bages|\bage\s+of|\$|£|€|\bNo\.?|#)\s*$", before, re.I):
        return True
    if re.search(r"\b(?:aged?|ages)\s+\d{1,3}(?:\s*,\s*\d{1,3})*\s*,?\s*(?:and|or|to|-)\s*$", before, re.I):
        return True  # "two brothers aged 12 and 14", "aged 9, 11 and 15": the last age too
    if re.search(
        r"\b(?:one|two|three|some|many|all|none|each|any|both|most|several)\s+of\s+(?:the|these|those|its|their)\s*$",
        before,
        re.I,
    ):
        return True  # "one of the six workers ... was killed": the six are the set, one the victim
    if re.search(r"\b(?:mother|father|parent|mom|dad|grand(?:mother|father|parent))\s+of\s*$", before, re.I):
        return True  # "a mother of three"
    if re.search(
        r"\b(?:form|grade|class|standard|ward|block|sector|zone|route|platform|gate|room|flight|article"
        r"|resolution|phase|level|number|no\.?)\s*$",
        before,
        re.I,
    ):
        return True  # a label, not a count: "a student of form four", "Ward 5", "Resolution 2254"
    if re.match(
        r"\s*(?::\d|%|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|local\s+time|hrs|o'clock|per\s*cent|percent))", after, re.I
    ):
        return True
    if value < 120 and re.search(r"[A-Za-z\)],\s*(?:then\s+|now\s+)?$", before) and re.match(r"\s*[,)]", after):
        return True  # "John Smith, 24, was killed"
    text = sentence[s:e]
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d", text.strip()))  # a bare year


_FAMILY_OF = re.compile(r"\bfamily\s+of\s+$", re.IGNORECASE)
_VERB_BEFORE = re.compile(r"\b(?:killed|killing|wounded|wounding|injured|injuring|shot|shooting)\s+$", re.IGNORECASE)
# "a death" is one dead only where the noun ends its phrase ("led to another death and one wounded"), not in
# "a death squad" or "a death sentence".
_DEATH_ENDS = re.compile(r"\s*(?:[,.;:)]|$|(?:and|or|in|on|at|after|when|was|were|from|during)\b)", re.IGNORECASE)


def _figures(sentence: str) -> list[_Fig]:
    """Candidate figures with their head nouns; articles kept only before a singular person noun."""
    date_spans: list[tuple[int, int]] | None = None  # the date scan runs only for a figure that needs it
    figs: list[_Fig] = []
    for s, e, v in find_numbers(sentence, articles=True):
        if v >= MAX_COUNT:
            continue
        text = sentence[s:e].lower()
        head, head_end = _head(sentence, e)
        if head is None and _FAMILY_OF.search(sentence, max(0, s - 30), s):
            head = "relatives"  # "killed a family of five": five people, all civilians
        if text == "another" and head is None and _VERB_BEFORE.search(sentence, max(0, s - 40), s):
            head = "person"  # "killed a health worker and injured another": one more person
        if text in ("a", "an", "another"):
            if head == "person":
                pass
            elif head == "death" and head_end == e + len(" death") and _DEATH_ENDS.match(sentence, head_end):
                pass  # "led to another death": one dead
            elif head is None or head not in _PERSON or head.endswith("s") and head not in ("boss",):
                continue
        if head is not None and (head in _BAD or head == "-compound"):
            continue
        if date_spans is None:
            date_spans = [(d.start, d.end) for d in find_dates(sentence, None)]
        if _is_not_count(sentence, s, e, v, date_spans):
            continue
        if figs and figs[-1].end <= s < figs[-1].head_end and figs[-1].head == head:
            continue  # inside the last figure's noun phrase: "a form six student" is one student
        figs.append(_Fig(s, e, v, head, head_end, vague=bool(_VAGUE_WORDS.search(text))))
    for m in _BOTH.finditer(sentence):  # "both victims died": two
        if re.search(r"[,(\-\u2013\u2014]\s*$", sentence[: m.start()]):
            continue  # "two brothers, both members of the tribe": the same two
        if m.group("noun").lower() in _PERSON and not any(f.start <= m.start() < f.head_end for f in figs):
            figs.append(_Fig(m.start(), m.start() + 4, 2, m.group("noun").lower(), m.end()))
    for m in _ORDINAL_ONE.finditer(sentence):  # "and a twelfth died in hospital": one more, the twelfth
        # (its article read as one, "An eighteenth person", gives way to it)
        figs = [f for f in figs if not (f.start == m.start() and sentence[f.start : f.end].lower() in ("a", "an"))]
        if not any(f.start < m.end() and m.start() < f.head_end for f in figs):
            noun = (m.group("noun") or "person").lower()
            figs.append(_Fig(m.start(), m.end(), 1, noun, m.end(), ordinal=_ORDINALS[m.group("ord").lower()]))
    figs.sort(key=lambda f: f.start)
    return _with_named_persons(sentence, figs)


_ORDINALS = {
    w: i
    for i, w in enumerate(
        "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
        "sixteenth seventeenth eighteenth nineteenth twentieth".split(),
        start=2,
    )
}
# one person told by the place they take in a count, then their fate ("a twelfth died in hospital", "An eighteenth
# person, a young man shot in the abdomen, died on Tuesday"); not "a second bomb", "the third day", nor "the second
# victim was pronounced dead" (the other one of the victims told, not one more dead)
_ORDINAL_ONE = re.compile(
    rf"\ban?\s+(?P<ord>{'|'.join(_ORDINALS)})(?:\s+(?P<noun>person|victim|man|woman|boy|girl|child|"
    r"casualty|protester|soldier|policeman|officer|civilian))?(?=\s*,|\s+(?:was|is|had|has|died|dies|succumbed|"
    r"later|also|victim)\b)",
    re.IGNORECASE,
)


def _is_both(sentence: str, fig: _Fig) -> bool:
    """ "Both victims": a figure that stands alone, never one more member of a list ("and both suspects fled")."""
    return sentence[fig.start : fig.start + 5].lower() == "both "


_BOTH = re.compile(
    r"\b[Bb]oth\s+(?:(?:of\s+)?(?:the|these|those)\s+)?(?:(?!of\b)[a-z]+\s+)?(?P<noun>[a-z]+s|men|women|children)\b"
)


_ONE_PERSON = gated(
    rf"\b(?:his|her|their|its|the)\s+(?:(?:\d+-year-old|(?!\d)[\w-]+)\s+)?(?P<noun>{_SING})\b(?!['\u2019]s\b)", re.I
)
_AND_BEFORE = re.compile(
    r"(?:\s*,)?\s+(?:and|as\s+well\s+as|along\s+with|together\s+with)\s+$", re.IGNORECASE
)  # not a comma: "1 fighter, the son of ..." is one
_AND_AFTER = re.compile(rf"{_NAMED_BETWEEN}?\s+and\s+", re.IGNORECASE)


def _with_named_persons(sentence: str, figs: list[_Fig]) -> list[_Fig]:
    """One person named without a figure but joined by "and" to a figure, or to another such person, is one more
    victim of its verb: "two children and their mother were killed" (3), "killing the driver and four passengers"
    (5), "killed the mayor and his 12-year-old daughter" (2)."""
    cands = [
        m
        for m in _ONE_PERSON.finditer(sentence)
        if not m.group("noun")[0].isdigit() and not any(f.start < m.end() and m.start() < f.head_end for f in figs)
    ]
    if not cands:
        return figs

    def linked(m: re.Match[str], ends: set[int], starts: set[int]) -> bool:
        before = _AND_BEFORE.search(sentence, 0, m.start())
        after = _AND_AFTER.match(sentence, m.end())
        return (before is not None and before.start() in ends) or (after is not None and after.end() in starts)

    ends = {f.head_end for f in figs if f.head}
    starts = {f.start for f in figs if not _is_both(sentence, f)}
    pair_ends, pair_starts = {m.end() for m in cands}, {m.start() for m in cands}
    added: list[_Fig] = []
    for m in cands:
        if linked(m, ends, starts) or linked(m, pair_ends - {m.end()}, pair_starts - {m.start()}):
            noun = m.group("noun").lower()
            added.append(_Fig(m.start(), m.end(), 1, noun if noun in _PERSON else "person", m.end()))
    return sorted(figs + added, key=lambda f: f.start) if added else figs


def _classify(sentence: str, fig: _Fig, prev_end: int) -> None:
    """Set fig.kind from the words right after it, its head noun, or the verb right before it."""
    after = sentence[fig.head_end :]
    before = sentence[prev_end : fig.start]
    if fig.head in _FATAL_NOUNS:
        fig.kind = "fatal"
    elif fig.head in _INJURED_NOUNS:
        fig.kind = "injured"
    elif fig.head in _AMBIGUOUS_NOUNS:
        fig.kind = "ambiguous"
    if fig.kind is None:
        after = _PAREN.sub("", after, count=1)
        m = _POST_RE.match(after)
        if not m:
            # "Six children who were kidnapped in the north were shot dead", "two campaigners investigating abuses
            # have been shot dead", "seven soldiers and allied fighters were killed": the verb after the clause.
            c = _CLAUSE.match(after)
            if c:
                after = after[c.end() :]
                m = _POST_RE.match(after)
        if m:
            rest = after[m.end() :]
            if _AMBIG_POST.match(rest):
                fig.kind = "ambiguous"
            elif m.group("shot"):
                if re.match(r"\s+(?:at|into|through|toward|towards|in\s+the\s+air)\b", rest, re.IGNORECASE):
                    return  # "two men who shot at a car": shooters, not victims
                passive = set(re.findall(r"[a-z]+", m.group("aux").lower())) & _PASSIVE
                obj = re.sub(r"^\s+(?:and\s+(?:killed|wounded|injured)|dead|to\s+death)\b", "", rest, flags=re.I)
                if not passive and _OBJECT.match(obj):
                    return  # "a soldier shot and killed another soldier": the shooter, not a victim
                fig.kind = "fatal" if _SHOT_FATAL.match(rest) else "injured"
            elif m.group("kill") or m.group("inj"):
                passive = set(re.findall(r"[a-z]+", m.group("aux").lower())) & _PASSIVE
                active = not passive and _OBJECT.match(rest)
                if not active:  # "40 people, wounded at least 107": the wounding verb has its own object
                    fig.kind = "fatal" if m.group("kill") else "injured"
    if fig.kind is None:
        ambiguous = _AMBIG_PRE.search(before)
        if ambiguous and prev_end and not before[: ambiguous.start()].strip():
            # "leaving 14 dead and injuring dozens": "dead" is the last figure's word, the wounding verb this one's
            fig.kind = "injured" if re.search(r"(?:wound|injur)\w*\s*$", before, re.I) else "ambiguous"
        elif ambiguous:
            fig.kind = "ambiguous"
        elif (
            _TOLL_PRE.search(before)
            or _TOLL_PRE.search(sentence, 0, fig.start)
            or (  # (past "a migrant ...")
                (rose := _FIGURE_ROSE_PRE.search(before))
                and (
                    _DEATH_WORD.search(sentence, 0, fig.start - len(before) + rose.start())
                    # "the figure had risen to 72 as several of the critically injured died in hospital"
                    or _DIED_SINCE.match(sentence, fig.end)
                )
            )
        ):
            fig.kind = "fatal"  # ("reported 21 dead; by night the figure had risen to 34": the toll, updated)
        elif _INJ_TOLL_PRE.search(before):
            fig.kind = "injured"
        elif _KILL_PRE.search(before):
            if re.search(r"\b(?:left|leaving)\s*$", before, re.I):
                # "left 7 dead" is read from "dead"; "left 3 militants dead" from the word after the noun;
                # "left 7 homeless" is not a toll
                m = _LEFT_STATE.match(sentence, fig.head_end)
                if m:
                    fig.kind = "fatal" if m.group("dead") else "injured"
                return
            fig.kind = "fatal"
        elif _INJ_PRE.search(before):
            # "security forces shot three of them dead": shot, then the state they were left in
            fig.kind = "fatal" if _SHOT_PRE.search(before) and _OBJECT_DEAD.match(sentence, fig.head_end) else "injured"
        elif (
            named := _NAMED_VICTIM_BEFORE.search(sentence, 0, fig.start)
            or _NAMED_PASSIVE_BEFORE.search(sentence, 0, fig.start)
        ) and _ADDITIONAL_AFTER.match(sentence, fig.end):
            # "killed Saleh al-Arouri, a senior Hamas official, along with six other people": the one named and the
            # others, 7
            fig.kind = "injured" if named.group("verb").lower().startswith(("wound", "injur")) else "fatal"
            fig.value += 1
            fig.named_from = named.start()


# A person named after the verb, then "and / along with" the figure of the others hit with them.
_NAMED_VICTIM_BEFORE = re.compile(
    r"\b(?P<verb>kill(?:ed|ing)|wound(?:ed|ing)|injur(?:ed|ing)|assassinat(?:ed|ing))\s+"
    r"(?:[A-Z][\w'\u2019.]*|(?:al|el|bin|ibn|abu|de|la|van|von)\b)(?:[\s-]+(?:[A-Z][\w'\u2019.]*|(?:al|el|bin|ibn|abu|de|"
    r"la|van|von)\b)){0,4}(?:\s*,\s*(?:a|an|the|his|her|its|their)\s+[^,;.()]{2,80}?,)?\s*,?\s*(?:and|along\s+with|"
    r"together\s+with|as\s+well\s+as)\s+(?:at\s+least\s+)?$"
)


# "Saleh al-Arouri was killed along with six other men": the one named, passive, then the others with them
_NAMED_PASSIVE_BEFORE = re.compile(
    r"(?:[A-Z][\w'\u2019.-]*|(?:al|el|bin|ibn|abu|de|la|van|von)\b)\s+(?:was|were|had\s+been|has\s+been)\s+"
    r"(?P<verb>killed|shot\s+dead|assassinated|wounded|injured)\s+(?:along|together)\s+with\s+(?:at\s+least\s+)?$"
)


# Between a figure's noun and its verb: a relative clause, a participle phrase, a phrase between dashes, a second
# noun phrase without a figure ("and allied fighters") or an apposition between commas; the verb must follow.
_CLAUSE = re.compile(
    r"^(?:\s*,?\s+(?:who|that)\s+[^.;:()]{1,100}?"
    r"|\s*,\s*(?:including|among\s+them|mostly|most\s+of\s+them)\s+[^.;:(),]{1,100}?"
    r"|\s+(?!(?:during|according|morning|evening|including|following|bring)\b)[a-z]+ing\s+[^.;:,()]{1,80}?"
    r"|\s*[-\u2013\u2014]+\s+[^.;:()\-\u2013\u2014]{1,80}?\s*[-\u2013\u2014]+"
    r"|\s+and\s+(?:[A-Za-z][\w'-]*\s+){0,3}?[A-Za-z][\w'-]*"
    # a verb of their own first, then the one that tells their fate ("four suspects put up armed resistance to police
    # and were neutralised")
    r"|\s+(?!(?:were|was|have|has|had|are|is|and|or|of|in|on|at|from|who|that)\b)[a-z]+\s+[^.;:,()]{1,80}?\s+and"
    r"(?=\s+(?:were|was)\s)"
    r"|\s*,[^,;.:()]{1,120},"
    r"|\s+(?:of|in|from|at|on|near|inside|under|aged|across)\s+"  # chained: "in X under Y of Z", no clause inside
    r"(?:(?!\b(?:before|after|when|while|as|he|she|they|it|we|which|who|that|where|but|and|or|then)\b)[^.;:(),]){1,60}?"
    r"){1,4}"
    r"(?=\s+(?:(?:were|was|have|has|had|are|is)\s|(?:died|perished|fell\s+(?:on|in|as)|embraced)\b))",
)
# The object right after an active verb ("killed two", "wounded at least 107", "shot and killed another soldier").
_OBJECT = re.compile(
    r"\s+(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+|nearly\s+)?(?:\d|(?:a|an|one|two|three|four|five|six"
    r"|seven|eight|nine|ten|dozens|scores|several|another|the|his|her|their|its|\w+\s+(?:people|civilians))\b"
    # a person by name ("two gunmen shot dead Omar al-Rawi"): the gunmen are the doers
    rf"|{_PERSON_NAME}\b)",
    re.IGNORECASE,
)
# Auxiliaries that make "killed" a passive participle ("who were killed"), not an active verb ("who killed two").
_PASSIVE = {"was", "were", "been", "being", "be", "is", "are", "feared", "believed", "thought", "reported", "found",
            "confirmed", "left", "remain", "remained", "presumed"}  # fmt: skip
_LEFT_STATE = re.compile(
    r"\s+(?:(?P<dead>dead)|wounded|injured|hurt)\b(?!\s+(?:or|and)\s+(?:wounded|injured|dead))", re.IGNORECASE
)


def _groups(sentence: str, figs: list[_Fig]) -> list[list[_Fig]]:
    """Figures joined by "and", "," or "as well as" form one group sharing a verb."""
    groups: list[list[_Fig]] = []
    for fig in figs:
        prev = groups[-1][-1] if groups else None
        if (
            prev is not None
            and not _is_both(sentence, fig)
            and prev.head_end <= fig.start
            and (
                _JOIN.match(sentence[prev.head_end : fig.start])
                or (fig.head in _PERSON and _MEMBERS_OF.match(sentence[prev.head_end : fig.start]))
                or (prev.value == 1 and _JOIN_NAMED.match(sentence[prev.head_end : fig.start]))
            )
            and prev.head
        ):
            groups[-1].append(fig)
        else:
            groups.append([fig])
    return groups


def extract_casualties(sentence: str) -> Casualties:
    """Killed, injured, civilian, child and women figures a sentence states (see the module docstring)."""
    # quotation marks around a figure ('said that "about sixty people" had been killed') are no part of it; each is
    # replaced by a space, so offsets are unchanged
    cas = _extract_casualties_cached(sentence.translate(_QUOTES_OUT))
    return replace(cas, spans=list(cas.spans))  # a fresh object: callers may update it


_QUOTES_OUT = str.maketrans({'"': " ", "\u201c": " ", "\u201d": " "})


@lru_cache(maxsize=4096)
def _extract_casualties_cached(sentence: str) -> Casualties:
    figs = _figures(sentence)
    prev_end = 0
    prev: _Fig | None = None
    for fig in figs:
        if _SUBSET_PRE.search(sentence[prev_end : fig.start]):
            fig.subset = True
        if (
            prev is not None
            and prev.value >= 2
            and fig.value == 1
            and _APPOSITION_GAP.fullmatch(sentence, prev_end, fig.start)
        ):
            fig.subset = True  # "Two passengers, a woman and a teenage boy, were killed": who the two were
        prev = fig
        m = _OF_THEM.match(sentence[fig.head_end :]) if fig.head is None else None
        # "21 civilians, eight of them children" (the comma is often lost in scraped text)
        if m and (
            re.search(r"[,(\-\u2013\u2014]\s*$", sentence[: fig.start])
            or (prev_end and not sentence[prev_end : fig.start].strip())
        ):
            fig.subset = True
            fig.head = m.group("noun").lower()
        if fig.head is None and _OF_DEAD.match(sentence[fig.end :]):
            fig.kind = "fatal"
            fig.subset = any(f.kind == "fatal" and not f.subset for f in figs if f.end <= fig.start)
        _classify(sentence, fig, prev_end)
        prev_end = fig.head_end
    for fig in figs:
        if fig.named_from >= 0:
            for other in figs:  # "a senior Hamas official" between the name and its others: the one named
                if other.kind is None and fig.named_from <= other.start < fig.start:
                    other.kind = "apposition"
    groups = _groups(sentence, figs)
    for group in groups:
        kinds = [f.kind for f in group if f.kind]
        # Shared verb: the next classified member's kind for members before it, the first's for those after.
        for i, f in enumerate(group):
            if f.kind is None and kinds:
                later = [g.kind for g in group[i + 1 :] if g.kind]
                f.kind = later[0] if later else kinds[0]
            if any(g.subset for g in group[: i + 1]):
                f.subset = True
    return _assemble(sentence, figs, groups)


_APPOSITION_GAP = re.compile(r"\s*,\s*")
# "at least 10 of the dead came in strikes on X": a partitive count of the dead is a death figure.
_OF_DEAD = re.compile(
    r"^\s+of\s+(?:the|those)\s+(?:dead|killed|fatalities|deaths|people\s+killed)\b"
    r"(?!\s+(?:were|are|was)\s+(?:\w+\s+)?(?:children|women|civilians|minors|fighters|soldiers)\b)",  # a subset
    re.IGNORECASE,
)
_OF_DIED = re.compile(r"\s+of\s+(?:them|the\s+\w+)\s+(?:\w+\s+)?(?:died|has\s+died|later\s+died|succumbed)\b", re.I)


_ADDITIONAL_AFTER = re.compile(r"\s+(?:other|others|more)\b", re.IGNORECASE)
_ALSO_AFTER = re.compile(r"\s+(?:were|was|have\s+been|had\s+been|are|have|had)?\s*also\b", re.IGNORECASE)
_ADDITIONAL_IN = re.compile(r"^(?:another|a\s+further|an\s+additional)\b", re.IGNORECASE)
_TOLL_WORDS = re.compile(r"\b(?:toll|total|rose|risen|rises|bringing|brings|raising|climbed)\b", re.IGNORECASE)


# The second statement puts the toll another way, by another source: "... and a hospital worker put the toll at",
# "while the ministry said", "another official gave a figure of".
_SECOND_ACCOUNT = re.compile(
    r"\b(?:put|puts|putting|placed|places|gave|gives|estimated|estimates)\s+(?:the|its|their)\s+(?:death\s+)?"
    r"(?:toll|number\s+of\s+(?:dead|deaths)|figure)\s+at\b|\bwhile\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,4}?"
    r"(?:said|says|reported|counted|spoke\s+of)\b|\b(?:others?|another\s+\w+)\s+(?:said|spoke\s+of|reported)\b",
    re.IGNORECASE,
)


def _second_account(sentence: str, first: list[_Fig], then: list[_Fig]) -> bool:
    """The later death statement is a second source's account of the toll the first one gave (no update of it)."""
    a, b = first[-1].end, then[0].start
    if b <= a or _TOLL_RISE.search(sentence, a, b + 1):
        return False
    return _SECOND_ACCOUNT.search(sentence, a, b) is not None


_TOLL_RISE = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|increased|later|since|updated|now|reached|reaches|had\s+grown|jumped)\b",
    re.IGNORECASE,
)


def _additional(sentence: str, fig: _Fig, since: int) -> bool:
    """A figure of victims besides those already told: "seven other people", "another four", "three more"; not one
    told of another time ("one day after a gunman killed another mayor")."""
    if _ELSEWHEN.search(sentence, since, fig.start):
        return False
    return bool(
        _ADDITIONAL_IN.match(sentence[fig.start : fig.end])
        or _ADDITIONAL_AFTER.match(sentence, fig.end)
        or _ALSO_AFTER.match(sentence, fig.head_end)  # "and twenty civilians were also hurt"
    )


_SPEAKS_AFTER = re.compile(r"\s+(?:said|says|say|told|added|reported|recalled|recounted)\b", re.I)
_SUPERSEDED_PRE = re.compile(
    r"\b(?:earlier|previous|initial|original|preliminary|first|old|provisional)\s+(?:death\s+)?(?:toll|figure|count|"
    r"estimate|tally|report)s?\s+(?:of\s+)?(?:(?:at\s+least|about|around|some|nearly|more\s+than)\s+)?$"
    # "Initial reports from local officials put the death toll at 31, but police said 16 bodies had been found"
    r"|\b(?:early|earlier|initial|original|preliminary|first)\s+(?:reports?|accounts?|estimates?)\b[^.;]{0,60}?\b(?:put|puts|"
    r"putting|placed|set|gave)\s+(?:the\s+)?(?:death\s+)?(?:toll|number\s+of\s+dead)\s+at\s+"
    r"(?:(?:at\s+least|about|around|some|nearly|more\s+than)\s+)?$"
    # "lowered the toll to 35, after an earlier communique had announced 95 dead"
    r"|\b(?:earlier|previous|initial|original|preliminary|first)\s+(?:communiqu[eé]s?|statements?|announcements?"
    r"|bulletins?|briefings?)\b[^.;\d]{0,40}?\b(?:announced|gave|given|reported|said|put|cited|mentioned)\s+"
    r"(?:(?:at\s+least|about|around|some|nearly|more\s+than)\s+)?$",
    re.IGNORECASE,
)
_ELSEWHEN = re.compile(
    r"\b(?:after|before|since|ago|earlier|previous|previously|prior|last|weeks?|months?|days?)\b", re.I
)


def _persons(figs: list[_Fig], words: set[str]) -> int:
    """Sum of the figures whose head noun is in words."""
    return sum(f.value for f in figs if f.head in words)


def _side(sentence: str, fig: _Fig) -> str:
    """Whose dead a figure counts (``Casualties.sides``), by its head noun or the set of its partitive ("one of the
    attackers")."""
    head = fig.head
    if head is None and (m := _PARTITIVE_OF.match(sentence, fig.end)):
        head = m.group("noun").lower()
    if head is None and _OF_THEM_AFTER.match(sentence, fig.end):
        head = _them(sentence[: fig.start])
    if head in _STATE_MEN:
        return "state"
    if head in _ARMED_MEN:
        return "attackers"
    return "civilians" if head in _CIVILIAN else "any"


_OF_THEM_AFTER = re.compile(r"\s+of\s+them\b", re.I)
# the subject and verb the figure is the object of ("security forces shot [three of them]"): not who "them" are
_DOER_AND_VERB = re.compile(r"\b[\w-]+(?:\s+[\w-]+){0,2}\s+(?:\w+ed|shot|hit|caught|slew|took)\s+$", re.I)
_PEOPLE_WORD = re.compile(r"\b[a-z]+\b", re.I)


def _them(before: str) -> str | None:
    """Whom "them" stands for in "N of them": the last people's noun told before the figure in its sentence, other than
    the subject of the verb the figure is the object of ("the attackers fired ... before security forces shot three of
    them dead": the attackers; "troops cornered the gunmen, and five of them were killed": the gunmen)."""
    verb = _DOER_AND_VERB.search(before)
    if verb is not None:
        before = before[: verb.start()]
    nouns = [w.group(0).lower() for w in _PEOPLE_WORD.finditer(before)]
    return next((w for w in reversed(nouns) if w in _STATE_MEN or w in _ARMED_MEN or w in _CIVILIAN), None)


def other_sides_dead(told: frozenset[str], then: frozenset[str]) -> bool:
    """Whether two death figures count the two sides of one fight, one the state's men and the other the attackers
    (``Casualties.sides``): different dead, added up (ACLED's fatalities are everyone's). Never civilians (ACLED codes
    civilians killed on purpose in a fight as an attack of its own) nor anyone's ("people"), which may be the same
    dead told again."""
    return bool(told) and bool(then) and told | then == _FIGHT_SIDES and not told & then


_FIGHT_SIDES = frozenset({"state", "attackers"})


def _sides(sentence: str, group: list[_Fig]) -> frozenset[str]:
    return frozenset(_side(sentence, f) for f in group)


_PARTITIVE_OF = re.compile(
    r"\s+of\s+(?:the|those|these|its|their)\s+(?:suspected\s+|alleged\s+)?(?P<noun>[A-Za-z]+)\b", re.I
)


def _assemble(sentence: str, figs: list[_Fig], groups: list[list[_Fig]]) -> Casualties:
    """Largest death statement, largest injury statement, subsets for civilians/children/women; a toll the sentence
    says was revised ("revising down an earlier toll of 27") yields to the figure it gives now."""
    # "..., a police commander said", "two witnesses told AFP": speakers, not victims
    figs = [f for f in figs if not _SPEAKS_AFTER.match(sentence, f.head_end)]
    groups = [kept for kept in ([f for f in g if f in figs] for g in groups) if kept]
    stale = [f for f in figs if _SUPERSEDED_PRE.search(sentence[max(0, f.start - 110) : f.start])]
    if stale and any(f not in stale and f.kind == "fatal" and not f.subset for f in figs):
        figs = [f for f in figs if f not in stale]
        groups = [kept for kept in ([f for f in g if f not in stale] for g in groups) if kept]
    out = Casualties()
    best: dict[str, list[_Fig]] = {}
    last_main: dict[int, str] = {}
    extra: dict[str, list[_Fig]] = {"fatal": [], "injured": []}
    previous: str | None = None  # the kind of the last group read: "others" are besides those
    rival = 0  # the higher figure of a second account of the same toll
    others: list[list[_Fig]] = []  # every death statement of its own (neither an account of another's toll nor extra)
    for gi, group in enumerate(groups):
        main = [f for f in group if not f.subset and f.kind in ("fatal", "injured")]
        for kind in ("fatal", "injured"):
            members = [f for f in main if f.kind == kind]
            if (
                members
                and previous == kind
                and best.get(kind)
                and _additional(sentence, members[0], best[kind][-1].head_end)
            ):
                extra[kind].extend(members)  # "beheaded eight elders and killed seven other people": 15
                continue
            if members and kind == "fatal" and best.get(kind) and _second_account(sentence, best[kind], members):
                # "at least 70 had died, a security source said, and a hospital worker put the toll at more than
                # 100": two accounts of one toll, the lowest credible is coded and the higher one bounds the range
                others = [g for g in others if g is not best[kind]]  # (two accounts of one toll: no other dead)
                if any(f.vague for f in best[kind]) and not any(f.vague for f in members):
                    best[kind] = members  # "a number of civilians ... one source put the toll at 18": counted wins
                else:
                    low, high = sorted((best[kind], members), key=lambda g: sum(f.value for f in g))
                    best[kind] = low
                    rival = max(rival, sum(f.value for f in high))
                last_main[gi] = kind
                continue
            if members and kind == "fatal":
                others.append(members)
            if members and sum(f.value for f in members) > sum(f.value for f in best.get(kind, [])):
                best[kind] = members
            if members:
                last_main[gi] = kind
        previous = main[-1].kind if main else previous
    if not _TOLL_WORDS.search(sentence):  # "the toll rose to 20 after another five died": the 20 holds them
        for kind in ("fatal", "injured"):
            if extra[kind] and kind in best:
                best[kind] = best[kind] + extra[kind]
    if "fatal" in best:
        chosen = best["fatal"]
        others = [g for g in others if g is not chosen]
        out.fatalities = sum(f.value for f in chosen)
        # "eleven people were killed at the scene and a twelfth died in hospital": 12; "an eighteenth person died": 18
        out.fatalities = max([out.fatalities] + [f.ordinal for f in figs if f.ordinal and f.kind == "fatal"])
        out.spans.extend((f.start, f.end) for f in chosen)
        out.vague = any(f.vague for f in chosen)
        highs = {(a, b): high for a, b, _, high in find_ranges(sentence)}
        if any((f.start, f.end) in highs for f in chosen):
            out.fatalities_max = sum(highs.get((f.start, f.end), f.value) for f in chosen)
        if rival > out.fatalities:
            out.fatalities_max = max(rival, out.fatalities_max or 0)
        subsets = [f for f in figs if f.subset and f.kind in ("fatal", None) and f.start > chosen[0].start]
        for attr, words in (("children", _CHILD), ("women", _WOMEN), ("civilians", _CIVILIAN)):
            main_n, sub_n = _persons(chosen, words), _persons(subsets, words)
            n = max(main_n, sub_n)
            if n:
                setattr(out, attr, min(n, out.fatalities))
                out.spans.extend((f.start, f.end) for f in subsets if f.head in words and sub_n > main_n)
        if _ALL_CIVILIANS.search(sentence):
            out.civilians = out.fatalities
        out.sides = _sides(sentence, chosen)
        for group in others:
            # "Two police officers were killed, and one of the attackers was shot dead": the other side's dead of a
            # fight are other dead (3), where a second statement of the same side's or anyone's is the same toll told
            # again (civilians apart: ACLED codes the civilians killed on purpose in a fight as an attack of its own)
            sides = _sides(sentence, group)
            if other_sides_dead(out.sides, sides) and not out.vague and not any(f.vague for f in group):
                out.fatalities += sum(f.value for f in group)
                out.spans.extend((f.start, f.end) for f in group)
                if out.fatalities_max is not None:
                    out.fatalities_max += sum(f.value for f in group)
                out.sides |= sides
    if "fatal" not in best:
        dead = [f.value for f in figs if _OF_DIED.match(sentence[f.end :])]
        if dead:
            out.fatalities = max(dead)  # "three were shot; one of them died"
    if "injured" in best:
        out.injured = sum(f.value for f in best["injured"])
        out.spans.extend((f.start, f.end) for f in best["injured"])
        # (the death figure decides when there is one: "killing at least 51 and wounding dozens" is a counted toll)
        out.vague = out.vague or ("fatal" not in best and any(f.vague for f in best["injured"]))
    _fill_zero_and_single(sentence, out, figs)
    if out.fatalities and not out.vague and _BOMBER_BESIDES.search(sentence) and not _BOMBER_COUNTED.search(sentence):
        # "22 people were killed, in addition to the attacker, who died at the scene", "gave a toll of 13 and said the
        # bomber was also killed": the one who did it is dead besides the toll (ACLED counts the perpetrators too)
        out.fatalities += 1
        if out.fatalities_max is not None:
            out.fatalities_max += 1
        out.sides |= {"attackers"}
    out.spans.sort()
    return out


# One perpetrator's death told besides a toll, by a singular doer's noun: "in addition to the attacker, who died",
# "as well as the bomber", "the bomber was also killed", "the suicide bomber also died".
_DOER = r"(?:suicide\s+)?(?:bomber|attacker|assailant|gunman|perpetrator)"
_BOMBER_BESIDES = gated(
    rf"\b(?:in\s+addition\s+to|besides|as\s+well\s+as|not\s+counting|excluding)\s+the\s+{_DOER}\b"
    rf"|\bthe\s+{_DOER}\s+(?:was\s+also\s+(?:killed|dead)|also\s+(?:died|was\s+killed|perished))\b",
    re.IGNORECASE,
)
# ... unless the toll already holds them ("including the bomber", "bringing the total to 22", "not counting" is
# besides): a figure that says it includes its doers, or one that sums the dead
_BOMBER_COUNTED = gated(
    rf"\b(?:including|among\s+them|among\s+whom|counting)\s+the\s+{_DOER}\b|\btotal\b|\btoll\s+(?:rose|climbed"
    r"|has\s+risen|reached)",
    re.IGNORECASE,
)


_DIES_LATER = gated(
    rf"\b{_SING}\b[^.;:|]{{0,80}}?\b(?:dies|died|has\s+died|have\s+died|passed\s+away|succumbs?)\b"
    r"(?!\s+(?:down|out|off))",
    re.IGNORECASE,
)
_SUICIDE = gated(
    r"\b(?:kill(?:ed|ing|s)|shot|shooting|shoots)\s+(?:him|her)sel(?:f|ves)\b|\btook\s+(?:his|her)\s+own\s+life\b"
    r"|\bcommitted\s+suicide\b|\bturned\s+the\s+(?:gun|weapon)\s+on\s+(?:him|her)self\b"
    r"|\bself-inflicted\s+(?:gunshot\s+)?wound",
    re.IGNORECASE,
)
_MURDER_SUICIDE = gated(r"\b(?:(?P<k>double|triple|quadruple)[\s-]+)?murder[\s-]+suicide\b", re.IGNORECASE)


def _fill_zero_and_single(sentence: str, out: Casualties, figs: list[_Fig]) -> None:
    """Explicit zeros ("no casualties") and the singular "was killed" when no figure was read."""
    if out.fatalities is None and (_NONE_FATAL.search(sentence) or _NONE_ANY.search(sentence)):
        out.fatalities = 0
    if out.injured is None and (_NONE_ANY.search(sentence) or _NONE_INJ.search(sentence)):
        out.injured = 0
    if out.fatalities is None:
        ms = _MURDER_SUICIDE.search(sentence)
        if ms:
            out.fatalities = {"double": 3, "triple": 4, "quadruple": 5}.get((ms.group("k") or "").lower(), 2)
    if out.fatalities is None and (
        any(
            not _ANIMALS_BEFORE.search(sentence, max(0, m.start() - 30), m.start())
            for m in _SINGLE_FATAL.finditer(sentence)
        )
        or _DIES_LATER.search(sentence)
        or _SUICIDE.search(sentence)
    ):
        out.fatalities = 1
        if out.injured == 1 and re.search(r"\bshot\b", sentence, re.I) and not _WOUNDED_WORDS.search(sentence):
            out.injured = None  # "a man shot near the market has died": one victim, dead
    if out.injured is None:
        hits = [
            m
            for m in _SINGLE_INJ.finditer(sentence)
            if not (m.group(0).lower().endswith("shot") and _SHOT_FATAL.match(sentence[m.end() :]))
        ]
        if hits and out.fatalities == 1 and len(hits) == 1 and hits[0].group(0).lower().endswith("shot"):
            return  # "X was killed after he was shot": the one victim, already counted as dead
        if hits:
            out.injured = len(hits)  # "the woman was shot in the neck and the man was shot in the back": 2


# --- aggregate tolls ------------------------------------------------------------------------------------------------

_CONFLICT = (
    r"(?:civil\s+war|war|conflict|uprising|revolution|crisis|insurgency|fighting|violence|siege|offensive|campaign"
    r"|bombardment|bombing\s+campaign|intervention|operation|assault|battle|clashes|hostilities|ceasefire|truce"
    r"|protests|demonstrations|unrest|riots|protest\s+movement)"  # a wave of protests is tallied as a war is
)
_LONG = (
    r"(?:civil\s+war|war|conflict|uprising|revolution|crisis|insurgency|siege|offensive|campaign|intervention"
    r"|occupation)"
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z])"
)
_SPAN_WORDS = r"(?:hours|days|weeks|months|years|decades?|week|month|year|fortnight|24\s+hours|48\s+hours|72\s+hours)"
_NUMW = r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|many|couple\s+of)"
_PERIOD_RES = [
    rf"\bsince\s+(?:the\s+)?(?:start|beginning|outbreak|onset|launch|eruption|begin|end)\s+of\s+(?:the\s+|this\s+|its\s+)?"
    rf"(?:[\w'-]+\s+){{0,3}}?{_CONFLICT}\b(?:\s+in\s+(?:\d{{4}}|{_MONTHS}(?:\s+\d{{4}})?))?",
    rf"\bsince\s+(?:the\s+|it\s+)?(?:[\w'-]+\s+){{0,3}}?(?:{_CONFLICT}\s+)?(?:began|started|erupted|broke\s+out)\b",
    rf"\bsince\s+(?:early\s+|late\s+|mid-?)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}|{_MONTHS}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?\b)?)"
    r"(?:,?\s+\d{4})?",
    r"\bsince\s+(?:early\s+|late\s+|mid-?)?\d{4}\b",
    r"\bsince\s+the\s+(?:[\w'-]+\s+){0,4}?\d{4}\b",
    r"\bsince\s+(?:the\s+)?(?:start|beginning|end|middle|first\s+days?)\s+of\s+(?:the\s+|this\s+|last\s+|that\s+)?"
    rf"(?:week|month|year|fortnight|Ramadan|summer|winter|spring|autumn|{_MONTHS})\b",
    r"\bsince\s+(?:last\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|weekend)\b",
    rf"\bsince\s+(?:the\s+)?(?:[\w'-]+\s+){{0,2}}?{_CONFLICT}\b",
    r"\bsince\s+then\b",
    r"\b(?:over|during|in|throughout)\s+the\s+(?:reporting\s+period|period\s+(?:under\s+review|covered)"
    r"|(?:week|month)\s+under\s+review)\b",
    r"\b(?:in|over|during)\s+recent\s+(?:weeks|months|years|decades)\b",  # "has killed hundreds ... in recent years"
    r"\b(?:over|for)\s+(?:the\s+)?(?:years|decades)\b(?!\s+(?:old|ago|earlier|before|later))",
    rf"\b(?:in|over|during|within|throughout)\s+the\s+(?:past|last|previous|preceding)\s+(?:{_NUMW}\s+)?{_SPAN_WORDS}\b",
    rf"\bover\s+the\s+course\s+of\s+(?:the\s+)?(?:[\w'-]+\s+){{0,3}}?(?:{_CONFLICT}|{_SPAN_WORDS})\b",
    rf"\b(?:in|over|after|during)\s+(?:more\s+than\s+|nearly\s+|almost\s+)?{_NUMW}\s+(?:years|months|weeks)\s+of\s+"
    rf"(?:[\w'-]+\s+)?{_CONFLICT}\b",
    rf"\b(?:during|throughout|over)\s+(?:the\s+|its\s+|this\s+)?(?:[\w'-]+\s+){{0,3}}?{_LONG}\b",
    r"\bin\s+(?:the\s+|its\s+)?(?:[\w'-]+[\s-]+year[\s-]+(?:old\s+|long\s+)?|years?-long\s+|ongoing\s+|country's\s+|"
    r"Syrian\s+|Yemeni\s+|Iraqi\s+|Libyan\s+)?(?:civil\s+war|war|conflict|uprising|revolution|crisis|insurgency)\b",
    r"\bso\s+far\s+(?:this|in)\s+(?:year|month|week|\d{4})\b",
    r"\b(?:so\s+far|thus\s+far|to\s+date|to\s+this\s+day)\b",
    r"(?<!earlier\s)(?<!later\s)\bthis\s+(?:year|month)\b",
    r"\b(?:last|the\s+past|the\s+previous)\s+year\b",
    rf"\b(?:in|during|throughout)\s+(?:the\s+first|the\s+second|the\s+last|the\s+first\s+half\s+of|the\s+second\s+half"
    rf"\s+of|early|late|mid-?)?\s*(?:{_MONTHS}\s+)?\d{{4}}\b",
    rf"\b(?:in|during|throughout)\s+(?:the\s+month\s+of\s+)?{_MONTHS}(?!\s+\d)",
    r"\b(?:a|per|each|every)\s+(?:day|week|month)\b(?!\s+(?:after|before|earlier|later|ago))",
    rf"\bin\s+(?:{_NUMW})\s+years\b",
    # a stretch of a year or more with a toll told in the present perfect ("has been under siege for more than a year,
    # and the fighting has left hundreds of civilians dead"): the toll of that stretch
    rf"\bfor\s+(?:more\s+than\s+|over\s+|nearly\s+|almost\s+|well\s+over\s+)?{_NUMW}\s+years?\b"
    r"(?=[^.;]*\bha(?:s|ve)\s+(?:\w+\s+)?(?:left|killed|claimed|cost)\b)",
    # a stretch of weeks between two points of the calendar ("between early October and the end of the month",
    # "from 1 to 20 October" is left to the date reader: a few days may be one episode)
    rf"\bbetween\s+(?:early|late|mid-?)\s*{_MONTHS}\s+and\s+(?:the\s+end\s+of\s+(?:the|that)\s+month"
    rf"|(?:early|late|mid-?)\s*{_MONTHS})",
]
# Last resort: the war itself as the subject of a toll ("the 2011 uprising has killed ...").
_PERIOD_RES.append(
    rf"\bthe\s+(?:\d{{4}}\s+|[\w'-]+\s+){{0,2}}{_LONG}\s+(?:has|have|had)\s+(?:so\s+far\s+)?(?:killed|left|claimed)\b"
)
_PERIOD_LIST = [gated(p, re.IGNORECASE) for p in _PERIOD_RES]
_AGGREGATE_WORDS = gated(
    r"\b(?:in\s+total|total|totall?ing|toll\s+since|so\s+far|a\s+total\s+of|overall|cumulative|cumulatively"
    r"|throughout|to\s+date|in\s+all|altogether|thus\s+far)\b",
    re.IGNORECASE,
)


_MONTH_LEVEL = {i for i, p in enumerate(_PERIOD_RES) if p.startswith(r"\b(?:in|during|throughout)\s+(?:the\s+")}
_EVENT_ANCHOR = gated(
    r"\b(?:attack|attacks|bombing|blast|explosion|strike|airstrike|raid|ambush|clash|clashes|massacre|shooting"
    r"|shootout|assault|shelling|on\s+\d{1,2}|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|yesterday|overnight)\b",
    re.IGNORECASE,
)


def aggregate_period(sentence: str) -> str | None:
    """The period phrase when a sentence's toll covers a long stretch ("since the start of the war"), else None.

    A month or year named for a toll tied to one happening ("killed 76 civilians during clashes in July 2016") dates
    the event instead of making the toll a period total.
    """
    anchored = _EVENT_ANCHOR.search(sentence) is not None
    for i, rx in enumerate(_PERIOD_LIST):  # most specific pattern first
        if anchored and i in _MONTH_LEVEL:
            continue
        for m in rx.finditer(sentence):
            if _COMPOUND.match(sentence, m.end()):
                continue  # "in the war-torn city", "the conflict-hit region": an adjective, not the war's toll
            if not _COMPARISON.search(sentence, max(0, m.start() - 80), m.start()):
                return m.group(0)
            break
    return None


# The war word as a modifier: "war-torn", "crisis torn", "conflict zone", "campaign rally", "war correspondent".
_COMPOUND = re.compile(
    r"-[A-Za-z]|\s+(?:torn|hit|ravaged|stricken|wracked|racked|affected|weary|scarred|zone|zones|rally|rallies|trail"
    r"|office|offices|headquarters|meeting|event|crimes?|criminals?|correspondent|reporter|veterans?|widows?|memorial"
    r"|monitor|monitors)\b",
    re.IGNORECASE,
)


# "one of the deadliest attacks on the capital since fighting broke out": a comparison, not a period's toll.
# "the eighth journalist killed this year", "the third such attack this month": a rank among others, not a toll.
_COMPARISON = re.compile(
    r"\b(?:deadliest|worst|bloodiest|biggest|largest|heaviest|most\s+\w+|first|second|third|fourth|fifth|sixth"
    r"|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b[^.;]*$",
    re.I,
)


def is_aggregate_toll(sentence: str) -> bool:
    """True when a casualty figure comes with a period or a word ("total", "so far") that makes it a claim."""
    cas = extract_casualties(sentence)
    if not ((cas.fatalities or 0) > 0 or (cas.injured or 0) > 0):
        return False
    period = aggregate_period(sentence)
    if period is not None and max(cas.fatalities or 0, cas.injured or 0) == 1 and _BARE_MONTH.fullmatch(period):
        return False  # one person killed "in March" is one happening told with its month, never a running total
    if period is not None:
        at = sentence.find(period)
        # "counting the cost of a week of terror after militants stormed the base yesterday, killing three": the
        # period is the aftermath's, the toll the dated incident's told after "after"
        return not (at >= 0 and _AFTER_DATED_INCIDENT.match(sentence, at + len(period)))
    if _NATIONWIDE_TOLL.search(sentence):
        return True  # "put the nationwide toll at around fifty dead": the country's count, not one incident's
    if _SEVERAL_INCIDENTS.search(sentence):
        return True  # "26 people were killed in attacks on three villages": a total over incidents each coded apart
    word = _AGGREGATE_WORDS.search(sentence)
    if word is None:
        return False
    if _LONG_RUN_WORDS.fullmatch(word.group(0)):
        return True  # "the cumulative toll", "the toll since": a running count
    # "A total of ten civilians were killed in the attack": one happening's dead summed, the event's toll; the same
    # words with no happening named ("Overall, 58 fighters were killed") or over many places ("across the country",
    # "in several provinces") make a claim.
    return _EVENT_ANCHOR.search(sentence) is None or _SPREAD.search(sentence) is not None


_NATIONWIDE_TOLL = re.compile(
    r"\b(?:nationwide|country-?wide|national|nation's|country's)\s+(?:death\s+|casualty\s+)?(?:toll|tally|count)\b",
    re.I,
)
SEPARATE_INCIDENTS = re.compile(
    r"\b(?:two|three|four|five|six|several|multiple)\s+separate\s+(?:\w+\s+)?(?:attacks|bombings|blasts|explosions"
    r"|raids|strikes|air\s*strikes|ambushes|incidents|assaults)\b",
    re.IGNORECASE,
)
_SEVERAL_INCIDENTS = re.compile(
    r"\b(?:attacks|raids|assaults|strikes|air\s*strikes|ambushes)\s+(?:on|in|against)\s+(?:\d+|two|three|four|five|six"
    r"|seven|eight|nine|ten|several|multiple|various)\s+(?:\w+\s+)?(?:villages|towns|communities|localities|settlements"
    r"|districts|provinces|cities)\b"
    # "58 people were killed in the three communities", "more than 140 died across about ten villages": a toll
    # summed over places, each place's incident coded apart
    r"|\b(?:killed|dead|died|deaths)\b[^.;]{0,30}?\b(?:across|in|from)\s+(?:the\s+|all\s+)?(?:about\s+|some\s+|at\s+least"
    r"\s+|more\s+than\s+|over\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple|various|a\s+dozen)"
    r"\s+(?:\w+\s+)?(?:villages|towns|communities|localities|settlements|districts|provinces|cities|LGAs)\b"
    # "two separate attacks on Tuesday ... killed more than 50 people": a toll over incidents told apart
    r"|" + SEPARATE_INCIDENTS.pattern,
    re.IGNORECASE,
)
_AFTER_DATED_INCIDENT = re.compile(
    r"[^.;]*?\bafter\s+(?!(?:a|the)\s+(?:week|month|year|day)s?\b)[^.;]*?\b(?:yesterday|last\s+night|overnight"
    r"|this\s+morning|early\s+today|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b",
    re.IGNORECASE,
)
_BARE_MONTH = re.compile(
    r"(?:in|during)\s+(?:early\s+|late\s+|mid-?)?(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)(?:\s+\d{4})?",
    re.IGNORECASE,
)
_LONG_RUN_WORDS = re.compile(r"cumulative|cumulatively|toll\s+since|so\s+far|to\s+date|thus\s+far", re.IGNORECASE)


_SPREAD = gated(
    r"\b(?:across|nationwide|country-?wide|(?:separate|several|multiple|various|different|a\s+series\s+of)\s+(?:\w+\s+)?"
    r"(?:operations|attacks|incidents|strikes|air\s*strikes|raids|clashes|battles|bombings|assaults|ambushes)|throughout\s+the\s+(?:country|region|province|governorate|state)"
    r"|in\s+(?:several|various|different|multiple|many|other|\w+)\s+(?:provinces|governorates|regions|states|districts"
    r"|cities|towns|areas|parts|places|locations|countries)|in\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+(?:provinces|governorates|regions|states|districts|cities|towns|areas|countries))\b",
    re.IGNORECASE,
)


_WOUNDED_WORDS = gated(r"\b(?:wounded|injured|hurt|injuries|wounds|hospitali[sz]ed)\b", re.IGNORECASE)
