"""Senses of the words of force (issue 20): when "attack", "hit", "beat", "fight" is a blow.

`triggers.Lexicon.trigger` types these lemmas ASSAULT; `senses.refine` hands each such trigger
to `refine` here, which reads the parse and keeps the ASSAULT, retypes it (a verbal attack is an
ACCUSE) or drops it (no event):

* "attack X for/over Y", "attacked X's record": a verbal attack is an ACCUSE, a physical one
  (no grievance, an actor or place attacked) stays an ASSAULT.
* "the rise of the euro hit exports", "hit by a recall scandal", "flood-hit towns": "hit" is
  an ASSAULT only when what hits can strike a blow: a name or pronoun (a country, a group), a
  weapon or an armed force ("warplanes hit a vessel", "hit by gunfire"). An abstract cause (a
  rise, news, a scandal, injuries, inflation) or a compound adjective names no attack.
* "Citigroup beat Standard Chartered to buy Koram", "Joss Stone beat Dizzee Rascal to the
  award": "beat" is an ASSAULT only as a blow: "beat up", "beaten to death", a passive with no
  winner named ("a British diplomat was beaten and abducted"), or a striking agent beating
  ("its forces had beaten back the attacks"). A sports report's play is `sport_play`'s.
* "Labour and the Tories have clashed over tax", "Britain and Japan clashed over U.K. demands":
  a clash with no striking agent or crowd among its parties ("mourners clashed with police")
  and no "violent"/"armed"/"border" before it is a row, a verbal attack (ACCUSE); "Saturday's
  Six Nations clash with Italy", "the Scottish Cup clash" is a game on the calendar, none.
  A fight or battle with no such party, modifier or word of war or arms in its sentence is no
  event ("fight poverty", "fight the Suffolk Coastal seat", "a legal battle with Apple", "a
  takeover battle", "battle it out for best actor"); so is "target" ("to target nine
  marginal Labour seats", "the Fed would no longer target M-1"). "Captured her first WTA
  title", "captured 25 pct of the market" take a prize or a share: no event.
* "raid" is typed COERCE (a police raid, `senses` hands it here): a raid of war is an ASSAULT
  ("Iraqi planes yesterday raided the nearby Ardeshir oil field", "an Iraqi air raid",
  "Pretoria has raided alleged ANC bases"), "a 95 mln dlr share raid" no event.
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Token

from newsflow import agents
from newsflow.participles import by_agents

GRIEVANCE_PREPS = {"for", "over"}  # "attacked X for wanting", "attacked Y over the plans"
# What a verbal attack is aimed at when it is no actor: something said, decided or done.
SAID_OR_DONE = {
    "record", "policy", "plan", "proposal", "decision", "remark", "comment", "claim", "stance",
    "budget", "idea", "speech", "statement", "approach", "handling", "strategy", "scheme",
    "pledge", "tax", "word", "standard", "cost", "quality", "performance", "patent", "law",
    "bill", "reform", "manifesto", "leadership", "government", "legislation", "failure",
    "way", "lie", "rule", "ruling", "move", "practice", "system", "deal", "programme", "program",
    "agenda", "tactic", "campaign", "view", "belief", "verdict", "report", "proposals",
}  # fmt: skip
LAW_WORDS = {"legal", "court", "judicial", "constitutional"}
AILMENTS = {"heart", "panic", "asthma", "anxiety"}  # "a heart attack" is no attack
# How an attack in words is told: "attacked X politically", "a scathing personal attack",
# "attacked X, saying ...", "attacked by critics".
SAID_WORDS = {"verbal", "verbally", "politically", "publicly", "personal", "scathing", "stinging",
              "blistering", "withering", "bitter"}  # fmt: skip
SPEECH_VERBS = {"say", "call", "question", "describe", "claim", "accuse", "brand", "argue",
                "insist", "warn", "complain"}  # fmt: skip
CRITICS = {"critic", "commentator", "columnist", "newspaper", "press", "reviewer", "opponent"}

# What can physically hit (`_figurative_hit`): weapons, mobs, and the armed or violent agents of
# `data/events/generic_agents.json` (its police, military, rebel, armed-group and crime sectors).
# the craft an armed force strikes from (`nationals` gives a country's own to it)
CRAFT = {"warplane", "plane", "jet", "aircraft", "helicopter", "gunship", "drone", "warship",
         "ship", "tank", "gunboat", "bomber", "artillery"}  # fmt: skip
WEAPONS = CRAFT | {
    "gunfire", "fire", "shell", "shelling", "bomb", "rocket", "mortar", "bullet", "grenade",
    "explosive", "explosion", "blast", "missile", "torpedo", "mine", "mob", "rioter",
}  # fmt: skip
VIOLENT_SECTORS = ("COP", "MIL", "REB", "UAF", "CRM")
# Armed groups known by a name, which the sector nouns do not hold: "The Bernabeu was targeted by
# ETA", "UNITA has been fighting the Cuban-backed Angolan government" (lowercased tokens; a
# group's name in several tokens is matched by the head the parser gives it).
ARMED_GROUPS = {
    "eta", "ira", "unita", "renamo", "swapo", "farc", "eln", "pkk", "ltte", "hamas", "hezbollah",
    "hizbollah", "hizballah", "qaeda", "qaida", "taliban", "contras", "mujahideen",
    "mujahedeen", "mujahedin", "polisario", "janjaweed", "isis", "isil", "daesh", "ttp",
    "shabaab", "houthis", "sayyaf",
}  # fmt: skip
STRIKING_AGENTS = WEAPONS | agents.sector_nouns(VIOLENT_SECTORS) | ARMED_GROUPS
# What makes a contest word ("beat", "clash", "fight", "battle") a blow (`_beats_no_one`,
# `_no_blow`): the striking agents, crowds that come to blows with them ("mourners clashed with
# police"), and words of arms in the sentence.
CROWDS = {
    "crowd", "fan", "supporter", "mourner", "protester", "protestor", "demonstrator", "striker",
    "student", "youth", "radical", "villager", "gang", "picketer",
}  # fmt: skip
PHYSICAL = {"violent", "armed", "bloody", "fierce", "border", "street", "gun", "heavy", "deadly"}
PARTY_DEPS = ("nsubj", "nsubjpass", "dobj", "compound", "amod", "poss")
CONTESTS = {"fight", "fighting", "battle"}
VOWS = {"vow", "pledge", "promise", "swear", "threaten"}
PRIZES = {
    "title", "crown", "trophy", "award", "prize", "medal", "record", "market", "share", "pct",
    "percent", "%", "imagination", "attention", "mood", "spirit", "audience", "headline", "image",
    "eyeball", "traffic", "customer", "viewer", "reader", "heart", "essence", "presidency", "seat",
}  # fmt: skip
ARMS_WORDS = {
    "attack", "offensive", "front", "army", "soldier", "troop", "militia", "artillery", "tank",
    "gunfire", "casualty", "wound", "injure", "capture", "ceasefire", "cease-fire", "invasion",
}  # fmt: skip
# what makes a raid a blow of war (`military_raid`): its kind, its raider, what it hits
WAR_RAIDS = {"air", "bombing", "missile", "naval", "commando", "aerial", "rocket", "helicopter",
             "cross-border", "retaliatory"}  # fmt: skip
RAIDERS = CRAFT | agents.sector_nouns(("MIL",))
WAR_TARGETS = {"base", "position", "camp", "outpost", "platform", "rig", "oilfield",
               "installation", "garrison", "stronghold"}  # fmt: skip
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
FIXTURE_WORDS = {
    "cup", "league", "nations", "semi-final", "quarter-final", "derby", "top-of-the-table",
    "championship", "premiership",
}  # fmt: skip
RELATIVES = {"which", "that", "who"}
# Words of arms the sentence must hold for an ambiguous word to stay a blow: the lexicon's war
# words, ARMS_WORDS and weapons, less casualties (an accident kills too) and what also names a
# vehicle, a fire or a blast.
NOT_ARMS = {
    "kill", "dead", "death", "die", "wound", "casualty", "civilian", "injure", "fire",
    "explosion", "blast", "plane", "jet", "aircraft", "helicopter", "ship", "mine", "mob",
    "rioter",
}  # fmt: skip
TERROR = {"terrorist", "terror", "terrorism", "gunman", "sniper", "device", "detonate", "suicide",
          "gun", "rifle", "pistol", "weapon", "explosive"}  # fmt: skip
CASUALTIES = {"kill", "dead", "death", "die", "wound", "injure", "casualty", "injured", "injury"}
# What a "hit" reaches when it strikes no one (`_hits_a_level`): "hit his growth target", "hit a
# record high", "hit the shelves"; how a blow of fortune is told ("hard hit", "worst hit").
LEVELS = {
    "target", "mark", "high", "low", "level", "record", "peak", "jackpot", "headline", "note",
    "market", "shelf", "store", "button", "limit", "ceiling", "floor", "barrier", "threshold",
    "figure", "total", "rate", "home", "chart", "top", "stride", "road", "ground", "wall",
}  # fmt: skip
# What a blow of fortune "hits": "will hit the morale", "hit the income of small farmers", "could
# unfairly hit exports", "the latest to hit the US mortgage industry".
FORTUNES = {
    "morale", "confidence", "income", "export", "import", "profit", "sale", "earning",
    "revenue", "demand", "growth", "output", "price", "economy", "business", "industry",
    "trade", "practice", "consumer", "investor", "spending", "margin", "result", "prospect",
    "hope", "chance", "pocket", "wallet", "finance", "budget", "share", "stock", "bond",
    "currency", "market", "sector", "firm", "company", "network", "production", "supply",
    "plantation", "crop", "harvest", "tourism", "employment", "job", "investment",
}  # fmt: skip
SCORE_ADVERBS = {"well", "narrowly", "comfortably", "soundly", "convincingly", "easily"}
LEVEL_ADVERBS = {"hard", "harder", "hardest", "worst", "badly", "home"}
# Words before a "hit" that make it a success: "a smash hit", "box office hit", "1986 hit".
SUCCESS_WORDS = {
    "smash", "surprise", "chart", "debut", "office", "cult", "pop", "club", "dance", "novelty",
    "stage", "movie", "film", "tv", "comedy", "horror", "summer", "worldwide", "international",
    "transatlantic", "broadway", "musical", "single", "biggest", "big", "huge", "massive",
    "country", "rock", "rap", "soul", "reggae", "disco", "indie", "1960s", "1970s", "1980s",
    "1990s", "60s", "70s", "80s", "90s", "number-one", "platinum", "sleeper", "word-of-mouth",
}  # fmt: skip
NOUN_DEPS = ("pobj", "dobj", "nsubj", "nsubjpass", "attr", "appos", "compound")
BLUNT = {"stick", "stone", "bat", "club", "baton", "butt", "bottle", "brick", "hammer", "iron",
         "knife", "sword", "machete", "axe"}  # fmt: skip
# What an attack on which strikes no one is aimed at: a problem fought, a market entered, a
# freedom or a company's money; "a charm offensive", "a regulatory assault".
ATTACKED_ABSTRACTS = {
    "poverty", "inflation", "unemployment", "deficit", "debt", "market",
    "liberty", "freedom", "right", "privacy", "democracy", "finance", "profit", "margin",
    "share", "problem", "bureaucracy", "waste", "complacency",
}  # fmt: skip
FIGURATIVE_MODIFIERS = {"charm", "regulatory", "marketing", "sales", "advertising", "pricing",
                        "takeover", "price"}  # fmt: skip


def armed(word: Token, war_words: Container[str], casualties: bool = True) -> bool:
    """Does `word`'s sentence hold a word of arms, war or terror (a name excluded)? With
    `casualties` false, "killed", "dead", "wounded" do not count (a crash kills too)."""
    for t in word.sent:
        lemma = t.lemma_.lower()
        if t.i == word.i or t.pos_ == "PROPN":
            continue
        if lemma in CASUALTIES or t.lower_ in CASUALTIES:
            if casualties:
                return True
            continue
        if lemma in NOT_ARMS:
            continue
        if lemma in war_words or lemma in ARMS_WORDS or lemma in WEAPONS or lemma in TERROR:
            return True
    return False


def agents_of(word: Token) -> list[Token]:
    """Who or what acts: the subject, then the passive "by" agent (for a relative "which",
    "that" or "who", the noun it stands for), else the noun a present participle describes ("a
    virus hitting the UK networks")."""
    found = [c for c in word.children if c.dep_ == "nsubj"]
    found += by_agents(word)
    if word.dep_ == "relcl":
        found = [word.head if f.lower_ in RELATIVES else f for f in found]
    if not found and word.dep_ in ("acl", "relcl") and word.tag_ == "VBG":
        found = [word.head]
    return found


def _figurative_hit(verb: Token, war_words: Container[str]) -> bool:
    """Is "hit" here no blow? A compound adjective ("flood-hit", "worst-hit") or an abstract
    agent: the subject, the passive "by" agent, or the noun a relative "which" stands for. A
    particle ("the foreign secretary hit back") makes it a retort, left as the lexicon types it."""
    if verb.dep_ in ("amod", "compound"):
        return True
    if any(c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "out") for c in verb.children):
        return False  # "hit back", "hit out at": a retort, the lexicon's matter
    if _hits_a_level(verb) and not armed(verb, war_words, casualties=False):
        return True  # not "missiles hit the oil industry"; "25,000 people dead ... worst hit" is
    agents = agents_of(verb)  # "a virus hitting the UK networks": the noun it describes
    if not agents:
        return False  # "the vessel was hit": who hit it is not said
    agent = agents[0]
    if agent.pos_ in ("PROPN", "PRON"):
        return False
    return agent.lemma_.lower() not in STRIKING_AGENTS


def _a_success(hit: Token, war_words: Container[str]) -> bool:
    """Is this "hit" the noun, a success ("her debut hit Genie in a Bottle", "a smash hit on
    Broadway", "the biggest foreign movie hit in Japan")? Not among missiles and war ("the
    first hit on a U.S. Flag vessel in the seven year Iran/Iraq war")."""
    before = hit.doc[hit.i - 1] if hit.i > hit.sent.start else None
    noun = (
        hit.pos_ not in ("VERB", "AUX")
        or hit.dep_ in NOUN_DEPS  # "won best song for hit Hey Ya!"
        or (before is not None and (before.lower_ in SUCCESS_WORDS or _a_year(before)))
    ) or any(
        c.dep_ in ("det", "poss", "nummod") or (c.dep_ == "amod" and c.tag_ in ("JJ", "JJS"))
        for c in hit.children
        if c.i < hit.i
    )
    return noun and not armed(hit, war_words)


def _a_year(token: Token) -> bool:
    """ "1986" or "1980s" (which the tokenizer may split into "1980" and "s")."""
    if token.like_num:
        return True
    return token.lower_ == "s" and token.i > token.sent.start and token.nbor(-1).like_num


def _hits_a_level(verb: Token) -> bool:
    """ "hitting his growth target", "will hit 60 billion dlrs", "hit upon the idea", "hit
    home", "hard hit", "worst hit", "hit with record fines": a level reached, an idea found, a
    blow of fortune or a bill; not "hit by gunfire", "hit with a rifle butt"."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in LEVEL_ADVERBS:
            return True
        if child.dep_ == "dobj" and (
            child.lemma_.lower() in LEVELS | FORTUNES or child.lower_ in FORTUNES or child.like_num
        ):
            return True
        if child.dep_ == "dobj" and any(g.like_num for g in child.children if g.dep_ == "nummod"):
            return True  # "hit 60 billion U.S. Dlrs"
        if child.dep_ == "prep" and child.lower_ == "upon":
            return True
        weapons = STRIKING_AGENTS | BLUNT | TERROR
        if child.dep_ == "prep" and child.lower_ == "with":
            return not any(g.lemma_.lower() in weapons for g in child.children)
    return False


def parties(word: Token) -> list[Token]:
    """Who takes part in a contest word: its subject (or its governing verb's), object, "by",
    "with" and "between" phrases, a noun's modifiers, the noun a participle or relative clause
    describes ("terrorist groups targeting neighbouring countries"); with their conjuncts."""
    heads = [word] + ([word.head] if word.dep_ in ("xcomp", "conj") else [])
    found = [c for h in heads for c in h.children if c.dep_ in PARTY_DEPS]
    if word.dep_ in ("acl", "relcl"):
        found += [word.head, *(c for c in word.head.children if c.dep_ in ("amod", "compound"))]
    for prep in (c for c in word.children if c.dep_ in ("prep", "agent")):
        if prep.lower_ in ("with", "between", "by"):
            found += [g for g in prep.children if g.dep_ == "pobj"]
    return found + [c for f in found for c in f.conjuncts]


def _beats_no_one(verb: Token) -> bool:
    """Is "beat" here a win, not a blow? "Labour beat the Tories", "Joss Stone beat Dizzee
    Rascal to the award", "Citigroup beat Standard Chartered to buy Koram", "companies beat
    expectations". A blow: "beat up", "beaten to death", "was beaten and abducted" (no
    winner named), or a striking agent as the one beating ("British soldiers beat civilians",
    "Iraqi forces beat back the thrusts")."""
    if any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
        return False
    to = [g for c in verb.children if c.lower_ == "to" for g in c.children]
    if any(g.lower_ == "death" for g in to):
        return False
    if any(c.dep_ == "advmod" and c.lower_ in SCORE_ADVERBS for c in verb.children):
        return True  # "Newcastle were well beaten at Anfield"
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    if passive and not any(c.dep_ == "agent" for c in verb.children):
        return False
    beaters = [p for p in parties(verb) if p.dep_ in ("nsubj", "pobj") or p.head.dep_ == "agent"]
    return not any(p.lemma_.lower() in STRIKING_AGENTS for p in beaters)


def _fixture(word: Token) -> bool:
    """Is this "clash" a game on the calendar? "Saturday's RBS Six Nations clash against
    Scotland", "the top-of-the-table clash with Chelsea", "the third round Scottish Cup clash"
    (sports news too short for `sport_play` to know it). The parser makes some a verb, so the
    words just before it are read, not its modifiers."""
    before = word.doc[max(word.sent.start, word.i - 5) : word.i]
    return any(
        t.lower_ in FIXTURE_WORDS
        or (t.lower_ in WEEKDAYS and t.i + 1 < len(t.doc) and t.nbor().lower_ == "'s")
        for t in before
    )


def _no_blow(word: Token, war_words: Container[str]) -> bool:
    """Is this clash, fight or battle no violence? "Labour and the Tories have clashed over
    tax", "fight poverty", "a legal battle with Apple", "battle it out for best actor": no
    striking agent or crowd among its parties ("mourners clashed with police", "a fight with a
    rival gang"), no "violent"/"armed"/"heavy" one, and no word of war, arms or casualties in
    the sentence (`war_words` and ARMS_WORDS: "at least 18 rebels died in the clash", "Iraq
    said its forces were battling to dislodge Iranian troops")."""
    if any(p.lemma_.lower() in STRIKING_AGENTS | CROWDS for p in parties(word)):
        return False
    if any(c.lower_ in PHYSICAL for c in word.children if c.dep_ == "amod"):
        return False
    return not any(
        t.lemma_.lower() in war_words or t.lemma_.lower() in ARMS_WORDS
        for t in word.sent
        if t.pos_ != "PROPN"
    )


def _captures_a_prize(verb: Token) -> bool:
    """Is what "capture" takes a prize or a share, not a person or place? "captured her first
    WTA title", "captured about 25 pct of the market", "wants to capture 10% of the market"."""
    taken = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(t.lemma_.lower() in PRIZES or t.lower_ in PRIZES for t in taken)


def _vowed(word: Token) -> bool:
    """Is this the act of a vow or pledge ("vowed to fight", "his pledge to fight")?"""
    return word.dep_ in ("xcomp", "acl") and word.head.lemma_.lower() in VOWS


def _verbal_attack(word: Token, verbal: bool) -> bool:
    """Is this attack said, not struck? "attacked X for/over Y", "attacked Labour's six new
    pledges as 'vacuous'", "attacked British imperialists, saying ...", "I attack Michael
    Howard politically", "attacked by critics in the US"; the noun: "an attack on Conservative
    spending plans", "legal attacks on BitTorrent"."""
    if not verbal:
        on = [g for c in word.children if c.lower_ == "on" for g in c.children]
        modifiers = {c.lower_ for c in word.children if c.dep_ in ("amod", "compound")}
        return bool(modifiers & (LAW_WORDS | SAID_WORDS)) or any(
            g.lemma_.lower() in SAID_OR_DONE for g in on
        )
    preps = {c.lower_ for c in word.children if c.dep_ in ("prep", "agent")}
    objects = [c for c in word.children if c.dep_ == "dobj"]
    said = [
        c for c in word.children
        if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG" and c.lemma_.lower() in SPEECH_VERBS
    ]  # fmt: skip
    critics = [g for c in word.children if c.dep_ == "agent" for g in c.children]
    return bool(
        preps & (GRIEVANCE_PREPS | {"as"})
        or any(o.lemma_.lower() in SAID_OR_DONE for o in objects)
        or said
        or any(c.dep_ == "advmod" and c.lower_ in SAID_WORDS for c in word.children)
        or any(g.lemma_.lower() in CRITICS for g in critics)
    )


def _attacks_no_one(word: Token, verbal: bool) -> bool:
    """ "a heart attack", "a direct assault on poverty", "the biggest attack on civil
    liberties", "the assault on Yukos' finances", "the Asian assault on the US market", "a
    charm offensive", "a two-pronged regulatory assault": an ailment, or an attack on a
    problem, a market, a freedom or money, or one a modifier makes a campaign."""
    modifiers = {c.lower_ for c in word.children if c.dep_ in ("amod", "compound")}
    if verbal:
        return False
    if modifiers & (AILMENTS | FIGURATIVE_MODIFIERS):
        return True
    on = [g for c in word.children if c.lower_ == "on" for g in c.children]
    return bool(on) and all(
        g.lemma_.lower() in ATTACKED_ABSTRACTS or g.lower_ in ATTACKED_ABSTRACTS for g in on
    )


def _retort(verb: Token) -> bool:
    """ "hit out at the club", "hit back at Mr Mallon's claim": a retort in words (ACCUSE)."""
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
    at = any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children)
    return "out" in particles or ("back" in particles and at)


def military_raid(raid: Token) -> bool:
    """Is this raid a blow of war, not a police search: an air, bombing or missile raid, one
    whose raider is an armed force or its craft ("Iraqi planes yesterday raided the Ardeshir
    oil field", "Israeli helicopter gunships raided south Lebanon", "Israeli planes carried
    out a similar raid"), or one on bases, positions or oil rigs ("Pretoria has raided alleged
    ANC bases")? Police raid offices and homes (COERCE, as the lexicon types "raid")."""
    if _modifiers(raid) & WAR_RAIDS:
        return True
    raiders = agents_of(raid) + [c for c in raid.children if c.dep_ == "poss"]
    if raid.dep_ == "dobj":  # "carried out a raid": the light verb's subject
        raiders += agents_of(raid.head)
    targets = [c for c in raid.children if c.dep_ == "dobj"]
    targets += [
        g for p in raid.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"
    ]
    return any(r.lemma_.lower() in RAIDERS for r in raiders) or any(
        t.lemma_.lower() in WAR_TARGETS or t.lower_.rstrip("s") in WAR_TARGETS for t in targets
    )  # "bases" is lemmatised "basis"


def market_raid(raid: Token) -> bool:
    """ "A 95 mln dlr share raid": a buyer's raid on shares, business."""
    return bool(_modifiers(raid) & {"share", "stock", "market", "stake"})


def _modifiers(word: Token) -> set[str]:
    return {c.lower_ for c in word.children if c.dep_ in ("amod", "compound", "nmod")}


def refine(
    token: Token, found: tuple[str, str], war_words: Container[str]
) -> tuple[str, str] | None:
    """The (event_type, cameo_root) an ASSAULT trigger names given its construction; None for
    no event. `war_words` are the lexicon's words of war and casualties."""
    lemma = token.lemma_.lower()
    verbal = token.pos_ in ("VERB", "AUX")
    if lemma in ("attack", "assault", "offensive") and _attacks_no_one(token, verbal):
        return None  # "a heart attack", "an assault on poverty", "a charm offensive"
    if lemma == "attack":
        return ("ACCUSE", "11") if _verbal_attack(token, verbal) else found
    if lemma == "hit" and _a_success(token, war_words):
        return None  # "the country hit Ring of Fire", "a box office hit"
    if verbal and lemma == "hit" and _retort(token):
        return ("ACCUSE", "11")  # "hit out at critics", "hit back at Labour claims"
    if verbal and lemma in ("hit", "strike") and _figurative_hit(token, war_words):
        return None
    if verbal and lemma == "beat" and _beats_no_one(token):
        return None
    if lemma == "clash" and _fixture(token):
        return None
    if lemma == "clash" and _no_blow(token, war_words):
        return ("ACCUSE", "11")
    if verbal and lemma == "target" and _no_blow(token, war_words):
        return None  # "a campaign group is to target nine marginal Labour seats"
    if verbal and lemma in ("capture", "recapture", "retake") and _captures_a_prize(token):
        return None  # "captured her first WTA title", "captured about 25 pct of the market"
    if lemma in CONTESTS and _no_blow(token, war_words):
        # "fight poverty", "fight the seat", "a takeover battle", "battle it out"; a vow to fight
        # stays, for the vow to read as a threat ("the UAW vowed to fight wage cuts")
        return found if _vowed(token) else None
    return found
