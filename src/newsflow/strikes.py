"""Which event a "strike" tells: a workers' protest, an attack, or none (issue 20).

The lexicon types "strike" ASSAULT (CAMEO 19). In wire and BBC news most strikes are workers'
(on the whole Reuters corpus 82 of the 133 ASSAULT events told with "strike"/"struck" were
labour actions: "1,700 workers struck", "a strike by Japanese dockworkers", "the union was
ready to strike"), and many are no event at all. `strike_type` decides, in this order:

* no event: the adjective "striking" unless it describes workers ("the most striking thing",
  but "striking seamen" is a PROTEST); "struck a deal", "strike a balance", "struck oil",
  "struck the ball" (`cues.json` `strike_no_event_things`, as object, passive subject or the
  noun "struck" modifies); a "strike price"; a strike in a sentence of two football words.
  An earthquake or a virus that "struck" is read as "hit" is (`blows._figurative_hit`).
* ASSAULT: a military modifier ("an air strike": `military_strike_words`).
* PROTEST: a labour modifier or "on"/"off" strike ("a hunger strike", "went on strike",
  "called off a strike"); a labour agent (`is_labour_strike`: a worker, an employee, a trade or
  a union strikes, `labour_strike_agents`), or a strike deadline, ballot or call; a bare noun
  whose sentence speaks of no arms or casualties ("the strike began May 9";
  `military_strike_context` keeps "the strikes killed 20 people" an ASSAULT).

Labelled strike sentences (bench/labels/strikes, tune half: 109 items) chose these rules;
`on_strike` is the role side: who goes, is or stays "on strike" strikes (`roles`).
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsflow.dates import MONTH_NUMBERS, WEEKDAYS

if TYPE_CHECKING:  # the lexicon calls `strike_type`: a runtime import would be circular
    from newsflow.triggers import Lexicon

PROTEST = ("PROTEST", "14")

AGENT_DEPS = ("nsubj", "nsubjpass", "poss", "compound", "nmod")
# the subject of a reported "will strike" that stands for the speaker ("the union said it will")
SPEAKER_PRONOUNS = frozenset({"it", "they", "we"})
# "went on strike", "remain on indefinite strike", "came out on strike": who does so strikes
ON_STRIKE_VERBS = frozenset({"be", "go", "remain", "stay", "come", "walk", "continue"})
# "strike deadline", "strike ballot", "strike action": only a labour strike has these
LABOUR_HEADS = frozenset({"deadline", "ballot", "action", "call", "vote", "pay", "fund", "leader"})


def worker_forms(token: Token) -> Iterator[str]:
    """Lower-cased forms a labour agent is looked up by: surface, lemma and a plural's singular
    ("Workers" of "United Auto Workers" is a proper noun the lemmatizer leaves plural)."""
    for form in (token.lower_, token.lemma_.lower()):
        yield form
        if form.endswith("s"):
            yield form[:-1]


def _words(token: Token) -> Iterator[str]:
    """`worker_forms` of the token's subtree."""
    for t in token.subtree:
        yield from worker_forms(t)


def _agents(strike: Token) -> Iterator[Token]:
    """Who the strike is by: a noun's possessor or compound ("the miners' strike"), its "by"
    phrase ("a strike by dockworkers"), the subject of the verb it is the object of ("workers
    held warning strikes"); a verb's subject ("workers struck"), or the subject its clause is
    controlled by ("the union was ready to strike"), or the speaker of the clause whose pronoun
    subject it is ("the union has said it will strike")."""
    for child in strike.children:
        if child.dep_ in AGENT_DEPS:
            yield child
        if child.dep_ == "prep" and child.lower_ == "by":
            yield from (c for c in child.children if c.dep_ == "pobj")
        if child.dep_ == "agent":
            yield from (c for c in child.children if c.dep_ == "pobj")
    head = strike.head
    if strike.pos_ in ("NOUN", "PROPN") and strike.dep_ == "dobj":
        yield from (c for c in head.children if c.dep_ == "nsubj")
    if strike.pos_ == "VERB" and (strike.dep_ in ("xcomp", "acomp") or head.dep_ == "acomp"):
        for up in (head, head.head):
            yield from (c for c in up.children if c.dep_ == "nsubj")
    if strike.pos_ == "VERB" and strike.dep_ == "ccomp" and _pronoun_subject(strike):
        yield from (c for c in head.children if c.dep_ == "nsubj")  # "the union said it will"


def _pronoun_subject(verb: Token) -> bool:
    """Is the verb's subject "it", "they" or "we": in "the union has said it will strike" the
    speaker is who strikes (issue 20: 3 Reuters sentences, a union or workers the speaker)."""
    return any(c.dep_ == "nsubj" and c.lower_ in SPEAKER_PRONOUNS for c in verb.children)


def is_labour_strike(strike: Token, agents: Container[str]) -> bool:
    """Whether `strike` (the noun or the verb) is workers' action: a labour agent strikes, or
    the noun is the "strike" of a strike deadline, ballot or call (a compound of that noun)."""
    noun = strike.pos_ in ("NOUN", "PROPN")
    if noun and strike.dep_ == "compound" and strike.head.lemma_.lower() in LABOUR_HEADS:
        return True
    return any(word in agents for agent in _agents(strike) for word in _words(agent))


def on_strike(noun: Token, verb: Token) -> bool:
    """Is the noun the "strike" of "went / were / remain / came out on strike", whose subject is
    who strikes (not "commented on the strike")? Issue 20: on the labelled strike set's tune
    half 4 labour strikes told so had no party and made no event."""
    return (
        noun.lemma_.lower() == "strike"
        and noun.head.lower_ == "on"
        and verb.lemma_.lower() in ON_STRIKE_VERBS
    )


# the noun "struck" modifies ("the deal struck last week") or the passive subject ("the
# balance will have to be struck"): the same reading as the object of "struck a deal"
THING_DEPS = ("dobj", "nsubjpass")
RELATIVES = ("which", "that")


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def strikes_a_thing(verb: Token, things: Container[str]) -> bool:
    """ "struck a deal", "a deal was struck", "the deal struck last week": the verb names an
    agreement, a find or a shot, no attack."""
    struck = [c for c in verb.children if c.dep_ in THING_DEPS]
    if verb.dep_ == "acl" or (verb.dep_ == "relcl" and any(t.lower_ in RELATIVES for t in struck)):
        struck.append(verb.head)  # "the deal struck last week", "an accord which was struck"
    if verb.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in verb.children):
        struck += [c for c in verb.head.children if c.dep_ == "nsubj"]  # "has to be struck"
    return any(_lemma(t) in things or t.lower_ in things for t in struck)


def is_adjective(strike: Token) -> bool:
    """ "striking" modifying a noun or said of one ("the striking thing", "most striking")."""
    return strike.lower_ == "striking" and (
        strike.pos_ == "ADJ" or strike.dep_ in ("amod", "acomp")
    )


def strikers_are_workers(striking: Token, agents: Container[str]) -> bool:
    """ "striking union locals", "striking Brazilian seamen": the noun an adjectival "striking"
    modifies, with its compounds, is a worker or a union."""
    if striking.dep_ != "amod":
        return False
    noun = striking.head
    words = [noun] + [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
    return any(
        form in agents or form.rstrip("s") in agents
        for t in words
        for form in (t.lower_, _lemma(t))
    )


def is_strike_price(strike: Token) -> bool:
    """ "strike prices of 250 and 300": the options contract's price, no event."""
    return strike.dep_ == "compound" and _lemma(strike.head) in ("price", "prices")


def in_sentence(strike: Token, words: Container[str], least: int = 1) -> bool:
    """Does the strike's sentence hold `least` distinct words of `words` (lemma or surface)?
    Names are not read: "a strike at Shell" speaks of no shells."""
    found = {
        form
        for t in strike.sent
        if t.pos_ != "PROPN"
        for form in (_lemma(t), t.lower_)
        if form in words
    }
    return len(found) >= least


def strike_type(strike: Token, found: tuple[str, str], lexicon: Lexicon) -> tuple[str, str] | None:
    """The (PLOVER type, CAMEO root) of the strike word (`found` is the lexicon's ASSAULT), or
    None for no event; the order of the module's rules."""
    noun = strike.pos_ in ("NOUN", "PROPN")
    if is_adjective(strike):
        return PROTEST if strikers_are_workers(strike, lexicon.labour_strike_agents) else None
    if not noun and strikes_a_thing(strike, lexicon.strike_no_event_things):
        return None  # "struck a deal", "strike a balance", "struck the ball"
    if noun and (
        is_strike_price(strike) or in_sentence(strike, lexicon.sports_strike_words, least=2)
    ):
        return None  # "strike prices", "a tremendous strike from Bryson ... in the net"
    words = {t.lower_ for t in strike.subtree if t.i < strike.i}
    if words & lexicon.military_strike_words:
        return found
    if noun and (
        words & lexicon.labour_strike_words or strike.head.lemma_.lower() in ("on", "off")
    ):
        return PROTEST  # "went on strike", "called off a strike"
    if is_labour_strike(strike, lexicon.labour_strike_agents):
        return PROTEST  # "1,700 workers struck", "a strike by dockworkers"
    if noun and not in_sentence(strike, lexicon.military_strike_context):
        return PROTEST  # "the strike began May 9", "a wave of strikes"
    return found


# who walks out as a body ("the union walked out"), and the days and months "on" may name
WALKERS = frozenset({"union", "staff", "workforce", "crew", "they"})
CALENDAR_WORDS = frozenset(WEEKDAYS) | frozenset(MONTH_NUMBERS)  # "walked out on Monday"


def walkout(verb: Token) -> bool:
    """ "7,000 workers walked out", "the union walked out": a body or many who stop work (the
    lexicon's walk + "out" PROTEST), not one person leaving ("the club he walked out on",
    "Hahn walked out of the hearing"); "on Monday", "on June 11" is when."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "of")):
        if not any(o.lower_ in CALENDAR_WORDS for o in prep.children):
            return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(
        s.tag_ in ("NNS", "NNPS") or s.lower_ in WALKERS or (s.text.isupper() and len(s) > 1)
        for s in subjects
    )  # an acronym is a body's ("the UAW"), not a person's
