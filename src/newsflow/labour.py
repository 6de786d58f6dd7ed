"""A strike by workers is a labour protest, not an attack (issue 20).

The lexicon types "strike" ASSAULT (CAMEO 19), and the modifiers of the noun made it a PROTEST
("a hunger strike", "a general strike": `cues.json` `labour_strike_words`). On the whole
Reuters corpus 82 of the 133 ASSAULT events told with "strike" or "struck" were labour
actions that no modifier names: "1,700 workers struck", "a strike by Japanese dockworkers",
"16,000 engineering workers ... held warning strikes", "the union was ready to strike for job
and income guarantees". Who strikes says which strike it is: a strike whose agent is a worker,
an employee, a trade or a union (`cues.json` `labour_strike_agents`) is a PROTEST (CAMEO 14,
strikes and boycotts), as is a strike deadline, ballot or call; a military modifier ("an air
strike") still makes it an ASSAULT first (`triggers.Lexicon._strike`).
"""

from __future__ import annotations

from collections.abc import Container, Iterator

from spacy.tokens import Token

AGENT_DEPS = ("nsubj", "nsubjpass", "poss", "compound", "nmod")
# the subject of a reported "will strike" that stands for the speaker ("the union said it will")
SPEAKER_PRONOUNS = frozenset({"it", "they", "we"})
# "went on strike", "remain on indefinite strike", "came out on strike": who does so strikes
ON_STRIKE_VERBS = frozenset({"be", "go", "remain", "stay", "come", "walk", "continue"})
# "strike deadline", "strike ballot", "strike action": only a labour strike has these
LABOUR_HEADS = frozenset({"deadline", "ballot", "action", "call", "vote", "pay", "fund", "leader"})


def _words(token: Token) -> Iterator[str]:
    """Lower-cased forms of the token's subtree: surface, lemma and a plural's singular
    ("Workers" of "United Auto Workers" is a proper noun the lemmatizer leaves plural)."""
    for t in token.subtree:
        for form in (t.lower_, t.lemma_.lower()):
            yield form
            if form.endswith("s"):
                yield form[:-1]


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
