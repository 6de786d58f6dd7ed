"""When "kill", "shoot", "occupy", "abuse", "explode", "storm" and "fire" harm no one (issue 20).

The lexicon types these lemmas ASSAULT; read whole, the BBC and Reuters runs show them as often
in other senses. `refine` keeps the ASSAULT, or drops it (no event), from the parse:

* "kill the business model of radio", "will try to kill the amendment", "killed himself", "a
  drought has killed crops", "the crash ... which killed 520 people", "killed in crashes of
  schoolbuses", "the killing of foxes": what is killed is a plan, a thing, an animal or the
  killer himself, or the killer is a disaster or an accident, with no word of arms or war in the
  sentence. "Communist rebels killed 18 soldiers", "an earthquake that killed up to 1,000
  people" in a sentence of strikes and bombs, stay.
* "shot to the top of the UK chart", "shooting up 4.57 points", "shoot for one mln barrels a
  day", "the Democrat shot back", "a film version of Carmen shot in Cape Town", "shot basketball
  hoops", "a greater shot at picking up traffic": a climb, an aim, a retort, filming, a throw.
  "was shot in the head", "shot dead", "shot down an Iranian F-4" stay.
* "occupied the number one and two positions", "occupy the political centre ground", "will
  occupy 19 floors", "the seat currently occupied by Sri Lanka": a place in a ranking, a
  building let, a seat held. An occupation is an ASSAULT when an armed force or a crowd
  occupies, when a country or region, a territory, town or building is occupied, or in a
  sentence of war ("Turkey, which occupies northern Cyprus", "marines occupied the ship",
  "farmers occupied local government buildings").
* "abused the public's trust", "abused his position", "loopholes that could be abused": abuse
  of a thing. Someone abused ("any British detainee was tortured or abused", "sexually abuse
  pupils") stays.
* "R&B music exploded", "an explosion in gambling", "the Challenger explosion": an explosion
  with no word of arms, war, terror or casualties in its sentence is no attack ("a car bomb
  exploded at the headquarters of the British Rhine army" stays).
* "stormed to his second international victory", "stormed out of the meeting": a race or an
  exit. "Protesters who stormed the House of Commons chamber" stays.
* "fired up by Gordon Brown's speech", "had fired seven flight attendants", "was fired from the
  National Security Council": enthusiasm and dismissal. A firing at or on someone, of shots,
  shells or missiles, by an armed force or in a sentence of war stays.
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Token

from newsflow.blows import CROWDS, STRIKING_AGENTS, agents_of, armed, parties

REFLEXIVES = {"himself", "herself", "themselves", "itself", "myself", "yourself", "ourselves"}
# What can be killed that is no one: plans and deals, things, chances; and animals.
THINGS = {
    "model", "offer", "bid", "deal", "plan", "proposal", "bill", "amendment", "measure", "idea",
    "merger", "project", "talk", "agreement", "pact", "legislation", "crop", "chance", "hope",
    "business", "market", "demand", "growth", "rally", "recovery", "story", "rumour", "rumor",
    "program", "programme", "scheme", "initiative", "competition", "industry", "tax", "reform",
    "provision", "sale", "momentum", "interest", "appetite", "engine", "motion", "request",
    "price", "product", "service", "show", "series", "career", "time", "conversation", "joke",
}  # fmt: skip
ANIMALS = {
    "fox", "deer", "stag", "hare", "animal", "bird", "badger", "whale", "seal", "dog", "cat",
    "cattle", "cow", "sheep", "pig", "chicken", "fish", "wildlife", "rat", "mink", "rabbit",
    "bull", "horse", "alien", "zombie", "monster", "ewok",
}  # fmt: skip
# Killers that are no one: disasters, illness and accidents.
DISASTERS = {
    "earthquake", "quake", "tremor", "tsunami", "wave", "storm", "hurricane", "cyclone",
    "typhoon", "tornado", "flood", "flooding", "drought", "disease", "famine", "epidemic",
    "virus", "avalanche", "landslide", "mudslide", "heatwave", "crash", "accident", "collapse",
    "fall", "derailment", "illness", "cancer", "malaria", "flu", "fever", "infection", "cold",
    "heat", "overdose",
}  # fmt: skip
# What is filmed, thrown or aimed at when "shoot" harms no one.
PRODUCTIONS = {
    "film", "movie", "footage", "scene", "version", "episode", "series", "video", "documentary",
    "programme", "program", "picture", "advert", "commercial", "sequence", "pilot", "photo",
    "photograph", "music", "hoop", "basket", "ball", "goal", "bar", "shot", "frame", "feature",
    "production", "co-production", "sequel", "drama", "soap", "sitcom",
}  # fmt: skip
FIREARMS = {
    "shot", "round", "shell", "missile", "rocket", "gun", "bullet", "gas", "salvo", "volley",
    "weapon", "artillery", "mortar", "grenade", "torpedo", "cannon", "rifle", "pistol",
    "warning", "barrage", "projectile", "tear", "cannister", "canister", "pellet", "flare",
}  # fmt: skip
# What is occupied in an occupation: land, towns and buildings; an armed force or a crowd
# occupying, or a country or region occupied (a name), also makes one.
OCCUPIED_PLACES = {
    "territory", "land", "town", "city", "village", "region", "province", "island", "zone",
    "strip", "bank", "border", "country", "capital", "building", "embassy", "consulate",
    "factory", "plant", "port", "harbour", "harbor", "ship", "vessel", "installation", "base",
    "airport", "station", "square", "campus", "parliament", "chamber", "ministry",
    "headquarters", "farm", "estate", "premises", "university", "school", "church", "mosque",
    "temple", "hall", "palace", "refinery", "platform", "rig", "outpost", "hill",
    "road", "bridge", "mine",
}  # fmt: skip
OCCUPIERS = {"farmer", "worker", "marine", "squatter", "settler", "peasant", "miner"}
# Who can be abused: people named, pronouns, and the people news says are abused.
VICTIMS = {
    "child", "children", "pupil", "prisoner", "detainee", "victim", "woman", "man", "girl",
    "boy", "inmate", "patient", "worker", "wife", "servant", "people", "person", "resident",
    "refugee", "civilian", "suspect", "student", "player", "fan", "official", "journalist",
    "family", "baby", "elderly", "teenager", "minor", "client", "staff",
}  # fmt: skip
# What "fired on" / "fired at" names that is no one fired at: "fired on the spot", "on Monday".
NOT_AIMED = {"spot", "day", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
             "sunday", "grounds", "basis"}  # fmt: skip
NOT_PERSONS = {"it", "its", "itself", "which", "that", "what", "this", "these", "those"}


def _objects(word: Token) -> list[Token]:
    """What `word` acts on: its object, a passive subject (its own or, for a participle or
    relative clause, the noun it describes: "the seat currently occupied by Sri Lanka")."""
    found = [c for c in word.children if c.dep_ in ("dobj", "nsubjpass")]
    subject = any(c.dep_ == "nsubj" for c in word.children)
    if not found and word.dep_ in ("acl", "relcl") and word.tag_ != "VBG" and not subject:
        found = [word.head]  # "US films shot in the UK" (a past participle the tagger calls VBD)
    if not found and word.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in word.children):
        found = [c for c in word.head.children if c.dep_ == "nsubj"]  # "continued to be shot"
    if not found and word.dep_ == "conj":
        found = [c for c in word.head.children if c.dep_ in ("dobj", "nsubjpass")]
    return found + [c for f in found for c in f.conjuncts]


def _lemmas(tokens: list[Token]) -> set[str]:
    return {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}


def _kills_no_one(word: Token, war_words: Container[str]) -> bool:
    """Is this killing, wounding or injuring of a thing, an animal or oneself, or by a
    disaster or an accident ("killed in crashes", "a drought has killed crops")?"""
    objects = _objects(word) + [
        g for c in word.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
    ]
    harmless = THINGS | ANIMALS | REFLEXIVES
    if objects and all(o.lemma_.lower() in harmless or o.lower_ in harmless for o in objects):
        return not any(d.lemma_.lower() in STRIKING_AGENTS for d in agents_of(word))
    if armed(word, war_words, casualties=False):
        return False
    causes = agents_of(word) + [
        g for c in word.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children
    ]
    return bool(_lemmas(causes) & DISASTERS)


def _shoots_no_one(word: Token, war_words: Container[str]) -> bool:
    """Is this "shoot" a climb, an aim, a retort, filming or a throw? "shot to the top",
    "shooting up", "shoot for", "shot back", "a film shot in Cape Town", "shot hoops"."""
    if word.pos_ not in ("VERB", "AUX"):
        return word.lower_ in ("shot", "shots") and not armed(word, war_words)  # "a shot at"
    if any(c.dep_ in ("prt", "advmod") and c.lower_ in ("up", "back") for c in word.children):
        return True
    for prep in (c for c in word.children if c.dep_ == "prep" and c.lower_ in ("to", "for")):
        if not any(g.lower_ in ("death", "dead") for g in prep.children):
            return True  # "shot to the top", "shoot for one mln barrels" (not "shot to death")
    if _lemmas(_objects(word) + agents_of(word)) & PRODUCTIONS:
        return True
    if _lemmas([o for o in _objects(word) if o.dep_ == "dobj"]) & ANIMALS:
        return True  # "shoot a Tory fox", "a rifle to shoot animals", "shoot the zombies"
    passive = any(c.dep_ == "nsubjpass" for c in word.children) and not any(
        c.dep_ == "agent" for c in word.children
    )
    filmed = any(t.lemma_.lower() in PRODUCTIONS for t in word.sent)
    return passive and filmed and not armed(word, war_words)


def _occupies_nothing(word: Token, war_words: Container[str]) -> bool:
    """Is this "occupy" a place in a ranking, a building let or a seat held?"""
    if armed(word, war_words):
        return False
    occupiers = agents_of(word)
    if any(p.lemma_.lower() in STRIKING_AGENTS | CROWDS | OCCUPIERS for p in occupiers):
        return False  # not "the questions occupying Wales supporters"
    for place in _objects(word):
        if place.pos_ == "PROPN":
            return False  # a name: "occupies northern Cyprus", "occupied the Gaza Strip"
        if place.lemma_.lower() in OCCUPIED_PLACES:
            return False
    return True


def _abuses_a_thing(word: Token) -> bool:
    """Is what is abused a thing ("abused the public's trust", "his position")?"""
    if any(c.lower_ in ("sexually", "physically") for c in word.children):
        return False
    abused = _objects(word)
    if word.dep_ == "amod":
        abused.append(word.head)  # "abused victims"
    if not abused:
        return False
    return not any(
        a.pos_ == "PROPN"
        or (a.pos_ == "PRON" and a.lower_ not in NOT_PERSONS)
        or a.lemma_.lower() in VICTIMS
        or a.lower_ in VICTIMS
        for a in abused
    )


def _fires_no_shot(word: Token, war_words: Container[str]) -> bool:
    """Is this "fire" enthusiasm ("fired up") or a dismissal ("fired seven flight attendants",
    "was fired from the National Security Council")?"""
    if word.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "prt" and c.lower_ == "up" for c in word.children):
        return True
    for prep in (c for c in word.children if c.dep_ == "prep"):
        aimed = [
            g
            for g in prep.children
            if g.lower_ not in NOT_AIMED
            and g.lemma_.lower() not in ANIMALS
            and not g.like_num
            and not any(n.like_num for n in g.children if n.dep_ == "nummod")
        ]  # not "fired on 1 November", "on the spot", "fire both barrels at election foxes"
        if prep.lower_ in ("at", "on", "upon", "into", "over") and aimed:
            return False
    if _lemmas([c for c in word.children if c.dep_ == "dobj"]) & FIREARMS:
        return False
    if any(p.lemma_.lower() in STRIKING_AGENTS for p in parties(word)):
        return False
    return not armed(word, war_words)


def _blast_of_nothing(word: Token, war_words: Container[str]) -> bool:
    """ "R&B music exploded", "an explosion in gambling": no arms, war, terror or casualties in
    the sentence, and no armed force among its parties."""
    if armed(word, war_words):
        return False
    return not any(p.lemma_.lower() in STRIKING_AGENTS for p in parties(word))


def _storms_off(verb: Token) -> bool:
    """ "stormed to victory", "stormed out of the meeting": a race or an exit."""
    return any(
        (c.dep_ == "prep" and c.lower_ == "to")
        or (c.dep_ in ("prt", "advmod") and c.lower_ in ("out", "off"))
        for c in verb.children
    )


def refine(
    token: Token, found: tuple[str, str], war_words: Container[str]
) -> tuple[str, str] | None:
    """The ASSAULT `found` for `token`, or None where it harms no one (see the module)."""
    lemma = token.lemma_.lower()
    verbal = token.pos_ in ("VERB", "AUX")
    if lemma in ("kill", "killing", "wound", "injure") and _kills_no_one(token, war_words):
        return None
    if lemma in ("shoot", "shot") and _shoots_no_one(token, war_words):
        return None
    if verbal and lemma == "occupy" and _occupies_nothing(token, war_words):
        return None
    if verbal and lemma == "abuse" and _abuses_a_thing(token):
        return None
    if lemma in ("explode", "explosion", "blast") and _blast_of_nothing(token, war_words):
        return None
    if verbal and lemma == "storm" and _storms_off(token):
        return None
    if lemma == "fire" and _fires_no_shot(token, war_words):
        return None
    return found
