"""Play told in sports reports is no event (issue 20): "Nadal beat Canas 6-4 6-4", "Sunday's
clash with Wales", "sent off against Argentina", "broke serve twice", "pulled out of the
Kooyong Classic", "they meet again at Highbury", "Zambia will host Lesotho, Malawi and
Swaziland", "Henry produced a sublime strike", "Giggs was a tremendous threat", "Burnley are
yet to concede a goal", "Calum MacRae surrendered possession", "a strike cancelled out the
visitors' lead".

The labelling guide keeps sport results out of the events; a sports report tells its play
with the trigger lexicon's words of war, diplomacy and law. In a report that uses at least
`MIN_WORDS` distinct words only sports reports use, these triggers (`PLAY`, by type) name the
game. What happens off the field stays: doping charges, bans and suspensions, fines,
criticism, appeals, contracts. On the BBC bundle the word test marks 426 of the 511 sport
articles, and 2 of 417 politics (football, snooker), 4 of 510 business (club finances), 6 of
386 entertainment and 16 of 401 tech articles (computer games share "player", "game",
"match", "title"). Words of general English ("try", "serve", "international") are left out:
with them a politics essay on terror laws read as a sports report.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from newsflow import blows, sports

# The words of `sports` (which files clubs) and more that, several together, only sports
# reports use: positions, officials, scoring, the tennis and athletics words.
SPORTS_WORDS = sports.SPORTS_WORDS | frozenset(
    {"keeper", "strikers", "midfield", "defender", "defenders", "winger", "semi-finals",
     "quarter-finals", "finalist", "seed", "seeds", "penalties", "athlete", "athletes",
     "sprinter", "marathon", "medal", "medals", "races", "referee", "umpire", "fly-half",
     "scrum", "scrum-half", "flanker", "slam", "wimbledon", "tie-break", "tiebreak", "club",
     "clubs", "player", "players", "game", "title", "champion", "champions", "championships",
     "manager", "boss", "captain", "skipper", "uefa", "fifa", "iaaf", "indoor", "doping",
     "bronze", "medallist", "medallists", "secs", "sprint", "hurdles", "hurdler", "relay",
     "olympian", "seeded"}
)  # fmt: skip
MIN_WORDS = 5
# Trigger lemmas that in a sports report name play, not the event type the lexicon gives.
PLAY = {
    "ASSAULT": {"beat", "clash", "fight", "battle", "injure", "attack", "hit", "storm", "shoot",
                "shot", "strike", "defeat", "thrash", "crush", "rout", "hammer", "tackle"},
    "SANCTION": {"break", "recall", "cancel"},  # "a strike cancelled out the visitors' lead"
    "CONSULT": {"meet", "meeting", "visit", "host"},
    "AID": {"send", "give", "help"},
    "CONCEDE": {"allow", "ease", "concede"},  # "Burnley are yet to concede a goal"
    "RETREAT": {"pull", "withdraw", "withdrawal", "retreat", "surrender"},
    "PROTEST": {"strike", "rally", "block"},
    "ACCUSE": {"clash"},  # a clash `senses` reads as a row: between sides here, a game
    "COERCE": {"prevent", "destroy", "demolish"},  # "destroyed Os du Randt in the scrum"
    "THREATEN": {"threat"},  # "Giggs was a tremendous threat", "Chelsea's main threat"
    "COOPERATE": {"partnership"},  # "Brown and Carragher are likely to be the partnership"
}  # fmt: skip
# An appeal the officials turn down in play: "Arsenal also had a penalty appeal rejected"
PLAY_APPEALS = {"penalty", "lbw", "handball", "offside"}
_WORD = re.compile(r"[a-z][a-z-]*")


def is_sports_text(body: str) -> bool:
    """Does `body` use at least MIN_WORDS distinct sports words?"""
    return len(SPORTS_WORDS.intersection(_WORD.findall(body.lower()))) >= MIN_WORDS


# What one denies or defends against criticism when a denial or a defence is news, not play:
# something said, decided or done (what a verbal attack is aimed at, `blows.SAID_OR_DONE`:
# "defended his decision") or a claim ("denied reports of a row", "denied the charges")
CLAIMS = blows.SAID_OR_DONE | {
    "allegation", "accusation", "charge", "rumour", "rumor", "suggestion", "story",
    "speculation", "selection", "choice", "action", "court", "surface", "it", "this", "that",
}  # fmt: skip


def is_play(event_type: str, token: Token) -> bool:
    """Does a trigger of `event_type` name play when a sports report uses it? By its lemma
    (PLAY), or a defence or a refusal told of the game (`_told_of_the_game`):
    "the keeper denied the same player again", "Seti Kiole was denied a late try", "has been
    ruled out for up to eight weeks" (hurt, not refused). A denial of a claim ("denied
    reports", "denies using drugs", "denied Phillips made the remark") and an active "ruled
    out" ("has ruled out retiring") stay REJECTs."""
    lemma = token.lemma_.lower()
    if lemma in PLAY.get(event_type, ()):
        return True
    if lemma == "charge" and any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children):
        return True  # "his chip was charged down by Orquera"
    if lemma == "defend" and event_type == "SUPPORT":
        # the lexicon gives "defend" as SUPPORT and `defences` reads it after this check:
        # "Wales defended fairly well", "has to defend a break point"; a player defended
        # against criticism stays ("Benitez defended goalkeeper Jerzy Dudek")
        return _told_of_the_game(token, people_stay=True)
    if event_type != "REJECT" or lemma not in ("deny", "rule", "reject"):
        return False
    deps = {c.dep_ for c in token.children}
    if lemma == "reject":  # "had a penalty appeal rejected"
        return any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj")
            and any(g.dep_ == "compound" and g.lower_ in PLAY_APPEALS for g in c.children)
            for c in token.children
        )
    if lemma == "rule":  # "was ruled out for offside / with an injury"
        return "nsubjpass" in deps or "auxpass" in deps
    return _told_of_the_game(token, people_stay=False)


def _told_of_the_game(token: Token, people_stay: bool) -> bool:
    """Is a denial or a defence told of the game: no clause denied ("denied Phillips made the
    remark", "denies using drugs") and nothing said or done, no claim, denied or defended
    ("denied reports", "defended his decision"); with `people_stay`, no one named or a
    pronoun defended either?"""
    if any(c.dep_ in ("ccomp", "xcomp", "pcomp") for c in token.children):
        return False
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    return not any(
        c.lemma_.lower() in CLAIMS or (people_stay and c.pos_ in ("PROPN", "PRON")) for c in objects
    )
