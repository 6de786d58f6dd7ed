"""Which actors a phrase names, and who a verb's subject is (issues 7 and 20): the role parser's
lowest layer (`roles` reads triggers' roles with it).

An actor mention takes a role as a `RoleMention`. `actors_in` finds the mentions in a noun
phrase, nearest first, leaving out where and when ("in Afghanistan", "since 2021") and what it
is about; `with_conj` adds each conjunct's ("Pakistan and Iran"); `subject_actors` finds a
verb's subject through control, coordination, relative clauses and pronouns standing for a
speaker; a relative pronoun stands for the noun it follows (`referent`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsflow.agents import COUNTERPARTS
from newsflow.nationals import names_nationality
from newsflow.venues import names_venue

ROLE_SKIP_DEPS = {"relcl", "acl", "advcl", "ccomp", "parataxis", "punct", "cc", "conj", "mark",
                  "det", "case"}  # fmt: skip
# Adjunct prepositions: an actor inside "in Afghanistan" / "since 2021" is where or when, not who.
ADJUNCT_PREPS = {"in", "at", "near", "within", "across", "inside", "outside", "during", "since", "over",
                 "after", "before", "following", "amid", "amidst", "under", "throughout", "around", "despite"}  # fmt: skip
# "talks on Afghanistan": the topic, not the other party.
TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}
GENERIC_TYPE = "GENERIC"


@dataclass(frozen=True)
class RoleMention:
    mention_id: str  # "" for a pronoun standing for a person named elsewhere
    actor_id: str
    key: str  # merge key: the actor's country for states and their officials, else the actor
    tokens: frozenset[int]
    actor_type: str | None = None  # of the actor it takes a role as (a capital's: COUNTRY)
    label: str | None = None  # a generic actor's words, lemmatised ("police", "security force")
    stands_for: bool = False  # a capital or seat named for its country ("Islamabad said")
    firm: bool = False  # its actor's full name ends in a firm's legal form ("Trans World ... Inc")
    public: bool = False  # its actor's full name is a state body's ("Justice Department")
    fill_only: bool = False  # a generic that names a side but forms no event ("a shareholder")

    @property
    def is_person(self) -> bool:
        return self.actor_type == "PERSON"

    @property
    def is_generic(self) -> bool:  # "police", "officials": a role, no actor (`generic`)
        return self.actor_type == GENERIC_TYPE


RELATIVE_PRONOUNS = {"who", "whom", "whose", "which", "that"}


def referent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("Soleimani, a commander, who was killed" -> the
    commander's head, Soleimani); any other token is itself."""
    if token.lower_ not in RELATIVE_PRONOUNS or token.tag_ not in ("WP", "WDT", "WP$"):
        return token
    clause = token.head
    if clause.dep_ != "relcl":
        return token
    noun = clause.head
    while noun.dep_ == "appos" and noun.head.i != noun.i:
        noun = noun.head
    return noun


OWNER_MODIFIERS = ("compound", "amod", "nmod")


def actors_in(
    head: Token, mentions: dict[int, RoleMention], *, skip_conj: bool = True
) -> list[RoleMention]:
    """Actor mentions in the phrase headed by `head`, nearest first (possessors ranked one deeper)."""
    head = referent(head)
    found: dict[str, tuple[int, int, RoleMention]] = {}
    queue: list[tuple[Token, int]] = [(head, 0)]
    while queue:
        token, depth = queue.pop(0)
        mention = mentions.get(token.i)
        if (
            mention is not None
            and mention.mention_id not in found
            and not names_venue(token, mention)
            and not names_nationality(token.doc, mention)
        ):
            found[mention.mention_id] = (depth, token.i, mention)
        # "Motley Crue guitarist Mick Mars": the name in apposition is the one who acts; the
        # word's modifiers rank with a possessor ("Iran's envoy Qomi"), behind it. Not a list
        # of members ("the GCC states -- the UAE, Saudi Arabia ..."): the head told again
        named = any(c.dep_ == "appos" and not c.conjuncts for c in token.children)
        across = token.lemma_.lower() in COUNTERPARTS  # "Texaco's suppliers": not Texaco
        for child in token.children:
            if child.dep_ in ROLE_SKIP_DEPS and not (child.dep_ == "conj" and not skip_conj):
                continue
            if across and child.dep_ in ("poss", "compound") and child.i < token.i:
                continue
            if child.dep_ == "prep" and child.lemma_.lower() in ADJUNCT_PREPS | TOPIC_PREPS:
                continue
            owner = child.dep_ == "poss" or (named and child.dep_ in OWNER_MODIFIERS)
            queue.append((child, depth + (2 if owner else 1)))
    return [m for _, _, m in sorted(found.values(), key=lambda item: (item[0], item[1]))]


def with_conj(
    head: Token, mentions: dict[int, RoleMention], other_than: Collection[str] = ()
) -> list[RoleMention]:
    """Actors of a coordinated phrase ("Pakistan and Iran"): the head's, then each conjunct's;
    the first of each that is no actor of `other_than` ("backed by his predecessor as Cabinet
    Secretary, Lord Armstrong": not "his", Butler, whose assessment was backed)."""

    def first(token: Token) -> list[RoleMention]:
        return [m for m in actors_in(token, mentions) if m.actor_id not in other_than][:1]

    out = first(head)
    # "Iran's envoy Qomi and TTP leaders": the parser may hang the conjunct on the apposition.
    # Not a list of members ("the GCC states -- the UAE, Saudi Arabia, Bahrain ..."): those
    # are the head told again, no other party.
    appositions = [a for a in head.children if a.dep_ == "appos" and len(a.conjuncts) < 2]
    for conj in [*head.conjuncts, *(c for a in appositions for c in a.conjuncts)]:
        out += first(conj)
    return out


def governing_verb(token: Token) -> Token | None:
    """The verb a noun phrase hangs from ("an increase in X" under "reported")."""
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


# prepositions whose gerund clause shares the subject of the verb they hang from ("died two
# years ago after losing a legal battle", "after criticising referee Jonathan Kaplan"); not
# "without", whose act is not done ("can cut crime ... without asking people to pay more"), nor
# "on" ("on entering the meeting", "concentrate on backing its big brands": change_audit36
# judged none of its six new tuples fully right)
CLAUSE_PREPOSITIONS = frozenset(
    {"after", "before", "since", "by", "while", "upon", "through", "despite"}
)
# "by" names the means of the verb's act, and most means are no event of their own ("supplied
# reserves by offering to buy Treasury bills", "extended its debt by borrowing 15 mln dlrs",
# "avoid the hassle by backing up data"; change_audit36: 24 of 54 new tuples no event). Its
# gerund shares the subject only when it is an act the events guide labels between actors:
# "responded by accusing the prime minister", "provoked fury by branding the official No
# Campaign", "started the war by invading Iran's territory", "by banning her from competition"
BY_ACTS = frozenset(
    {"accuse", "brand", "criticise", "criticize", "condemn", "blame", "attack", "invade",
     "bomb", "ban", "suspend", "refuse", "reject", "veto", "block", "boycott", "call", "urge",
     "ask", "demand", "threaten", "warn", "sign", "detain", "arrest", "expel", "seize", "sue",
     "impose", "suggest"}
)  # fmt: skip


def _clause_preposition(token: Token) -> bool:
    """Is `token` a preposition heading a gerund clause on a verb ("after losing")?"""
    if not (
        token.pos_ == "ADP"
        and token.dep_ == "prep"
        and token.lower_ in CLAUSE_PREPOSITIONS
        and token.head.pos_ in ("VERB", "AUX")
    ):
        return False
    gerunds = [c for c in token.children if c.dep_ == "pcomp" and c.tag_ == "VBG"]
    if token.lower_ == "by":
        return any(g.lemma_.lower() in BY_ACTS for g in gerunds)
    return bool(gerunds)


def subject_actors(verb: Token, mentions: dict[int, RoleMention]) -> list[RoleMention]:
    """Actors of a verb's subject, climbing control/coordination ("X is set to hold talks").

    A pronoun subject stands for the speaker of the clause it depends on ("Syria says it will
    withdraw"), or, in a relative clause, for the subject of the clause the relative clause
    hangs from ("officials reported an increase, which they attribute to X"); a relative
    pronoun for the noun it follows; a he/she the extraction tied to a person is that person.
    A gerund clause after a preposition on a verb shares that verb's subject ("after
    criticising referee Jonathan Kaplan", `_clause_preposition`).
    """
    token: Token | None = verb
    for _ in range(5):
        assert token is not None
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj")]
        if not subjects and token.i != verb.i:
            subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
        named = [s for s in subjects if s.pos_ != "PRON" or s.i in mentions]
        relative = [s for s in subjects if referent(s).i != s.i]
        if named or relative:
            return [m for s in named + relative for m in with_conj(s, mentions)]
        climb = ("xcomp", "acomp", "conj", "advcl", "pcomp", "acl") + (
            ("ccomp",) if subjects else ()
        )
        if token.dep_ in climb and token.head.i != token.i:
            token = token.head
            continue
        if _clause_preposition(token):
            token = token.head  # "died after losing a legal battle": who died lost it
            continue
        if token.dep_ == "relcl" and subjects:
            token = governing_verb(token.head)
            if token is not None:
                continue
        break
    return []


WORKFORCE = frozenset({"worker", "employee", "striker", "protester"})


def owner_across(
    doc: Doc, side: RoleMention, mentions: dict[int, RoleMention]
) -> RoleMention | None:
    """The actor a counterpart side stands across from, the report's other side: "Texaco's
    suppliers began demanding cash" -> Texaco, "GM workers walked out" -> GM (`COUNTERPARTS`)."""
    for word in (doc[i] for i in sorted(side.tokens)):
        lemma = word.lemma_.lower()
        if lemma not in COUNTERPARTS:
            continue
        for owner in (c for c in word.children if c.dep_ in ("poss", "compound") and c.i < word.i):
            found = actors_in(owner, mentions)
            # a country's workers are its nationals, not its employees ("Brazil's 700,000 bank
            # workers were on strike": the banks are struck, not Brazil)
            if found and not (lemma in WORKFORCE and found[0].actor_type == "COUNTRY"):
                return found[0]
    return None
