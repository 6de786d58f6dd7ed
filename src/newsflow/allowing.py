"""When "allow" yields nothing: a thing's enabling, or a course talked about (issue 20).

The lexicon types "allow" CONCEDE, someone yielding ground: "Turkey will allow refugees to
return", "export firms are being allowed to retain" (no one named) stay. `senses.refine` drops
it, and what it enables, when the parse shows no one yielding:

* a thing allows it: "the cancellation of the contract allows Igene to proceed", "legislation
  would allow banks full participation", "an amendment allowing Texas banks ...";
* the "allowing" of a clause whose subject is a thing: "stable energy markets serve the
  interest of producing nations by allowing both groups to plan", "a free trade agreement
  would be exceedingly helpful in allowing American producers to compete";
* a course talked about, the subject of a clause: "warned that allowing huge US budget
  deficits to continue could have severe consequences".

The whole-corpus BBC and Reuters runs at f339860 held 123 allow-CONCEDEs with no source, about
half of them such descriptions ("Skype allows people to make free calls" is a firm's, and
stays).

What such a thing allows is enabled, not done: "a measure that would allow cotton producers to
receive disaster aid" is no AID.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsflow import blows, doers, harms
from newsflow.participles import by_agents

# How an act hangs below the "allow" that enables it: "allow X to receive aid" (xcomp, ccomp),
# "allows grants of options" (dobj), "allows banks the option to withdraw" (the object's acl),
# "allow creditors to convert debt under a formula yet to be negotiated" (prep, pobj).
ENABLED_DEPS = {"xcomp", "ccomp", "advcl", "dobj", "acl", "relcl", "conj", "prep", "pobj"}

# How an "allowing" with no subject of its own hangs below the clause whose subject does it:
# "serve ... by allowing" (pcomp, prep), "helpful in allowing" (pcomp, prep, acomp).
CONTROLLED_DEPS = {"pcomp", "prep", "acomp", "advcl"}


def enabled_by_a_thing(word: Token) -> bool:
    """Is `word` an act that a thing would allow ("a measure that would allow cotton producers
    to receive disaster aid", "the plan allows grants of options"): enabled, not done?"""
    node = word
    for _ in range(6):
        if node.dep_ not in ENABLED_DEPS or node.head is node:
            return False
        if node.dep_ == "conj" and node is word and node.head.lemma_.lower() == "allow":
            return False  # "the plan allows X and cuts aid": the plan's own act, not enabled
        node = node.head
        if node.lemma_.lower() == "allow" and node.pos_ in ("VERB", "AUX"):
            return allowed_by_a_thing(node)
    return False


def allowed_by_a_thing(verb: Token) -> bool:
    """Is this "allow" an enabling by a thing or a course talked about: its subject (a
    relative's or participle's noun, a passive's "by" agent, the subject of the clause an
    "allowing" hangs on) names no one who acts, or it is itself a clause's subject?"""
    if verb.dep_ == "csubj":
        return True  # "allowing huge US budget deficits to continue could have consequences"
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] + by_agents(verb)
    if verb.dep_ in ("relcl", "acl") and all(s.lower_ in blows.RELATIVES for s in subjects):
        subjects = [verb.head]  # "a plan which allows", "an amendment allowing"
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if [s.lower_ for s in subjects] == ["it"] and verb.dep_ == "ccomp":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"] or subjects
        # "Labour has said it will allow tenants to buy": "it" is who said so
    if not subjects:
        subjects = _controller(verb)
    return bool(subjects) and not any(
        s.lower_ not in harms.NOT_PERSONS and doers.names_doer(s, ()) for s in subjects
    )


def _controller(verb: Token) -> list[Token]:
    """The subject of the active clause an "allowing" with none of its own hangs on ("markets
    serve ... by allowing", "an agreement would be helpful in allowing"); none through a noun
    ("the idea of allowing") or a passive ("was built to allow")."""
    node = verb
    for _ in range(4):
        if node.dep_ not in CONTROLLED_DEPS or node.head is node:
            return []
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subjects = [c for c in node.children if c.dep_ == "nsubj"]
            if subjects or node.dep_ not in CONTROLLED_DEPS:
                return subjects
        elif node.pos_ not in ("ADP", "ADJ"):
            return []
    return []
