"""Which "strike" is neither a labour protest nor told by an armed party (issue 20).

Labelled strike sentences (bench/labels/strikes, tune half: 109 items, 62 of them no event of
either kind, 43 labour strikes, 4 attacks) showed two kinds of reading that the lexicon's
ASSAULT and `labour` got wrong:

* no event at all: "struck a deal", "strike a balance", "struck oil", "struck the ball" (what is
  struck is an agreement, a find or a ball: `cues.json` `strike_no_event_things`, as object, as
  passive subject or as the noun "struck" modifies: "the deal struck last week"); an options
  "strike price"; "a tremendous strike from Bryson" in a sentence that speaks of balls and
  referees (two `sports_strike_words`); "striking" as an adjective ("the most striking thing", "the
  striking price") unless what strikes are workers ("striking union locals", "striking
  seamen": a PROTEST). An earthquake, a virus or a tragedy that "struck" strikes no blow either:
  `senses._figurative_hit` reads the verb "strike" as it reads "hit".
* a bare noun "strike" with no military modifier and no labour word is far more often a
  workers' strike than an attack in wire news ("the strike began May 9", "a wave of strikes",
  "the strike was still on"); it stays an ASSAULT only when its sentence speaks of arms or
  casualties (`military_strike_context`: "the strikes killed 20 people", "a tacit endorsement
  of war"). `triggers.Lexicon._strike` applies this after the military and labour cues.
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Token

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
