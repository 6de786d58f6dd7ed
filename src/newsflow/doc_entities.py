"""In-document resolution: the mentions of one article grouped into its entities.

Short forms join the fuller name they refer to ("Mr. Qomi" -> "Hassan Kazmi Qomi", "TTP" ->
"Tehreek-e-Taliban Pakistan"), acronyms defined inline and later bare surnames become mentions,
and people and organisations get the country that governs them in the text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass

import numpy as np
from spacy.attrs import ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from newsflow.lexicon import FILLER, POSSESSIVE, KnownActor, Lexicon
from newsflow.resolve import fold_text, name_tokens
from newsflow.short_orgs import body_of, full_name_of

_PREPOSITIONS = frozenset({"to", "on", "for", "in", "with", "against", "from", "into", "toward"})
# A name listed beside another is not governed by it: "Bush and Blair", "New Labour and Tony
# Blair" (a governing name is followed by a role word or a possessive, never by these)
_COORDINATORS = frozenset({"and", "&", "or", "nor"})
# a name right after one of these (past an article) is the object of what precedes it ("of"
# is not among them: "US Secretary of Energy Spencer Abraham", "Minister of Trade X")
_OBJECT_PREPOSITIONS = _PREPOSITIONS | {"at", "by", "under", "within", "over"}
_DETERMINERS = frozenset({"the", "a", "an"})
# A role phrase in a clause that follows another describes that clause's subject, not the name
# after the comma: "As Bush begins his second term as US President, Tony Blair has said"; at
# the sentence's start it is the name's own ("As Iran's envoy, X said")
_CLAUSE_OPENERS = frozenset(
    {"as", "when", "while", "since", "after", "before", "until", "because", "if", "though",
     "although", "like", "unlike"}
)  # fmt: skip
# "TTP", "JUI-F", and the house style that writes acronyms as words ("Opec", "Ucas"): the
# letters must still be the name's initials in order (_acronym_of)
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9-]{1,8}$")


@dataclass
class Mention:
    start: int  # char offsets into the body
    end: int
    tok_start: int
    tok_end: int
    actor_type: str  # PERSON | ORG | GROUP | COUNTRY | PLACE
    form: str  # cleaned name used for resolution and aliases
    key: str | None = None  # fixed identity: "country:IRN", "known:ttp", "place:kabul"
    country: str | None = None
    country_from: int | None = None  # index of a mention whose country this one inherits
    entity: int = -1  # local entity index
    alias_of: Mention | None = None  # an acronym's defining mention


@dataclass
class Entity:
    actor_type: str
    key: str | None
    country: str | None = None


def attribute_countries(doc: Doc, mentions: list[Mention], lex: Lexicon) -> None:
    """Give people and organisations the country that governs them in the text.

    Walks left from the name over titles and role words: "Iran's special envoy X",
    "Pakistani counterpart, X", "Iranian President Ibrahim Raisi's Special Envoy on
    Afghanistan, X" (the country after "on/to/for" is the role's object, not the actor's).
    A name that is itself a preposition's object is governed by what the preposition follows
    ("a member of the U.S. delegation to ICO talks", "accession to the European Community").
    """
    by_token = {}
    for idx, m in enumerate(mentions):
        for t in range(m.tok_start, m.tok_end):
            by_token[t] = idx
    skip = lex.roles | lex.honorifics | FILLER
    for m in mentions:
        if m.actor_type not in {"PERSON", "ORG", "GROUP"} or m.country or m.key:
            continue
        sent_start = doc[m.tok_start].sent.start
        i = m.tok_start - 1
        if _object_of_preposition(doc, m.tok_start, sent_start):
            i = sent_start - 1  # "the U.S. delegation to ICO talks": ICO is the role's object
        # across a comma only an appositive role governs ("Iran's special envoy, X"), not a
        # clause ("Before visiting Israel, Mr Blair"; "For the Lib Dems, Vince Cable")
        crossed_comma = role_after_comma = False
        while i >= sent_start:
            tok = doc[i]
            if i in by_token:
                other = mentions[by_token[i]]
                before = doc[other.tok_start - 1].lower_ if other.tok_start > sent_start else ""
                after = doc[other.tok_end].lower_.rstrip(".") if other.tok_end < len(doc) else ""
                # "with Afghan Deputy PM X" governs; "for Afghanistan Affairs X" does not
                governs = after in lex.roles or after in lex.honorifics or after in POSSESSIVE
                if other.actor_type == "COUNTRY" and before in _PREPOSITIONS and not governs:
                    i = other.tok_start - 2
                    continue
                mid_clause = crossed_comma and other.tok_start - 1 > sent_start
                if (
                    after in _COORDINATORS
                    or (mid_clause and before in _CLAUSE_OPENERS)
                    or (crossed_comma and not role_after_comma)
                ):
                    break
                if other.actor_type in {"COUNTRY", "ORG", "GROUP"} or (
                    other.actor_type == "PERSON"
                    and i + 1 < len(doc)
                    and doc[i + 1].text in POSSESSIVE
                ):
                    m.country_from = by_token[i]
                break
            low = tok.lower_.rstrip(".")
            if low in skip or tok.text in POSSESSIVE or tok.is_punct:
                if tok.text == ",":
                    crossed_comma, role_after_comma = True, False
                elif low in lex.roles or low in lex.honorifics:
                    role_after_comma = True
                i -= 1
                continue
            break
        if m.country_from is None and m.actor_type == "PERSON":
            m.country_from = _appositive_country(doc, m, mentions, by_token, lex)


def _object_of_preposition(doc: Doc, start: int, sent_start: int) -> bool:
    """Is the name starting at token `start` a preposition's object ("to ICO talks", "at the
    ADB's annual meeting")?"""
    i = start - 1
    while i >= sent_start and doc[i].lower_ in _DETERMINERS:
        i -= 1
    return i >= sent_start and doc[i].lower_ in _OBJECT_PREPOSITIONS


def _appositive_country(
    doc: Doc, m: Mention, mentions: list[Mention], by_token: dict[int, int], lex: Lexicon
) -> int | None:
    """The country of an appositive after a person: "X, Iran's special envoy" / "X, the
    Pakistani foreign minister" (the country must be followed by a role word)."""
    i = m.tok_end
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    if i < len(doc) and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    if i not in by_token or mentions[by_token[i]].actor_type != "COUNTRY":
        return None
    country = mentions[by_token[i]]
    j = country.tok_end
    if j < len(doc) and doc[j].text in POSSESSIVE:
        j += 1
    while j < len(doc) and doc[j].lower_.rstrip(".") in FILLER:
        j += 1
    roles = lex.roles | lex.honorifics
    return by_token[i] if j < len(doc) and doc[j].lower_.rstrip(".") in roles else None


def _acronym_of(name: str, acronym: str) -> bool:
    initials = "".join(w[0] for w in re.split(r"[\s\-]+", name) if w and w[0].isalnum())
    letters = [c for c in acronym.upper() if c.isalpha()]
    it = iter(initials.upper())
    return (
        len(letters) >= 2 and letters[0] == initials[:1].upper() and all(c in it for c in letters)
    )


def _tokens_with_text(doc: Doc, texts: Collection[str]) -> Iterator[Token]:
    """The tokens whose text is one of `texts`, in order, found on the doc's ORTH ids: a
    Python `Token` is made only for those, not for every token of the article."""
    if not texts:
        return
    ids = np.array([get_string_id(t) for t in texts], dtype=np.uint64)
    for i in np.flatnonzero(np.isin(doc.to_array(ORTH), ids)).tolist():
        yield doc[i]


def inline_acronyms(
    doc: Doc, mentions: list[Mention], known: Mapping[str, KnownActor] | None = None
) -> list[Mention]:
    """Mentions for acronyms defined inline, "Balochistan National Party (BNP)", "The
    Palestinian Authority (PA)" (a country's government, `COUNTRY`), and their reuse. A
    curated acronym lends its actor to the name it is defined for only when that name shares
    a word with the actor's names (`known`): "Den Norske Creditbank (DNC)" is the bank's own,
    and this document's "DNC" is the bank, not the Democratic Party."""
    covered = {t for m in mentions for t in range(m.tok_start, m.tok_end)}
    defined: dict[str, Mention] = {}
    for m in mentions:
        if m.actor_type not in {"ORG", "GROUP", "COUNTRY"} or m.tok_end + 2 >= len(doc):
            continue
        open_, acro, close = doc[m.tok_end], doc[m.tok_end + 1], doc[m.tok_end + 2]
        parenthesised = open_.text == "(" and close.text == ")" and _ACRONYM.match(acro.text)
        if parenthesised and _acronym_of(m.form, acro.text):
            defined.setdefault(acro.text, m)
    for m in mentions:  # "(Opec)" is a curated actor: so is the name it stands for
        definition = defined.get(m.form)
        if m.key is None or definition is None or definition.key is not None:
            continue
        actor = known.get(m.key) if known is not None else None
        if actor is not None and not actor.words & set(fold_text(definition.form).split()):
            m.key, m.country, m.actor_type = None, None, definition.actor_type  # its own acronym
            continue
        definition.key, definition.actor_type = m.key, m.actor_type
        definition.country = definition.country or m.country
    added = []
    for tok in _tokens_with_text(doc, defined):
        head = defined[tok.text]
        if tok.i not in covered:
            added.append(
                Mention(
                    tok.idx,
                    tok.idx + len(tok.text),
                    tok.i,
                    tok.i + 1,
                    head.actor_type,
                    tok.text,
                    head.key,
                    head.country,
                )
            )
            added[-1].alias_of = head
    # an NER entity whose text is a defined acronym joins the definition's entity too
    for m in mentions:
        definition = defined.get(m.form)
        if definition is not None and definition is not m and m.key is None:
            m.alias_of = definition
    return added


def surname_mentions(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Later bare surnames NER missed ("FM Jilani") of people named in full in this document."""
    covered = {t for m in mentions for t in range(m.tok_start, m.tok_end)}
    surnames: dict[str, Mention] = {}
    for m in mentions:
        words = m.form.split()
        if m.actor_type == "PERSON" and len(words) >= 2 and words[-1][:1].isupper():
            surnames.setdefault(words[-1], m)
    added = []
    for tok in _tokens_with_text(doc, surnames):
        if tok.i in covered:
            continue
        if tok.i > 0 and doc[tok.i - 1].text == "<":
            continue  # a Reuters bracket holds a firm or its ticker ("Mark IV Industries <IV>")
        if (
            tok.i > 0
            and doc[tok.i - 1].text[:1].isupper()
            and doc[tok.i - 1].lower_.rstrip(".") not in (lex.roles | lex.honorifics)
        ):
            continue  # part of another capitalised name
        added.append(
            Mention(tok.idx, tok.idx + len(tok.text), tok.i, tok.i + 1, "PERSON", tok.text)
        )
    return added


def repeated_names(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Later words NER missed that repeat a name of two or more words this document names
    ("the AM General unit", then "LTV and AM General last year sought protection", "Emerson
    Electric charged AM General violated an agreement"): the same words in the same case, as
    the same kind of actor, not inside a longer capitalised name ("Diamond Shamrock Refining")."""
    covered = {t for m in mentions for t in range(m.tok_start, m.tok_end)}
    names: dict[tuple[str, ...], Mention] = {}
    for m in mentions:
        if m.actor_type in ("ORG", "GROUP", "PERSON") and m.tok_end - m.tok_start >= 2:
            names.setdefault(tuple(t.text for t in doc[m.tok_start : m.tok_end]), m)
    firsts: dict[str, list[tuple[tuple[str, ...], Mention]]] = {}
    for words, m in sorted(names.items(), key=lambda kv: -len(kv[0])):  # longest first
        firsts.setdefault(words[0], []).append((words, m))
    lead_ins = lex.roles | lex.honorifics
    added = []
    for tok in _tokens_with_text(doc, firsts):
        for words, m in firsts[tok.text]:
            end = tok.i + len(words)
            if tuple(t.text for t in doc[tok.i : end]) != words:
                continue
            if any(t in covered for t in range(tok.i, end)):
                break
            before = doc[tok.i - 1] if tok.i > 0 and not tok.is_sent_start else None
            after = doc[end] if end < len(doc) and not doc[end].is_sent_start else None
            if (
                before is not None
                and before.text[:1].isupper()
                and before.lower_.rstrip(".") not in lead_ins
            ):
                break
            if after is not None and after.text[:1].isupper():
                break
            added.append(
                Mention(
                    tok.idx,
                    doc[end - 1].idx + len(doc[end - 1].text),
                    tok.i,
                    end,
                    m.actor_type,
                    m.form,
                    key=m.key,
                    country=m.country,
                )
            )
            covered.update(range(tok.i, end))
            break
    return added


def group_entities(
    mentions: list[Mention], person_join: bool = True, org_join: bool = True
) -> list[Entity]:
    """In-document resolution: short forms and acronyms join the fuller name they refer to."""
    entities: list[Entity] = []
    by_key: dict[str, int] = {}
    persons: list[tuple[list[str], int]] = []  # folded tokens of full names -> entity
    orgs: list[tuple[str, int]] = []  # organisation names -> entity, longest first
    bodies: list[tuple[str, int]] = []  # ... and curated ones' names, for "the Bank" (`body_of`)

    def new_entity(m: Mention) -> int:
        entities.append(Entity(m.actor_type, m.key))
        return len(entities) - 1

    order = sorted(range(len(mentions)), key=lambda i: (-len(name_tokens(mentions[i].form)), i))
    for i in order:  # full names first, so short forms find them
        m = mentions[i]
        if m.alias_of is not None:
            continue
        tokens = name_tokens(m.form)
        if m.key is not None:
            m.entity = by_key.get(m.key, -1)
            if m.entity < 0:
                m.entity = by_key[m.key] = new_entity(m)
            if m.actor_type in {"ORG", "GROUP"}:
                bodies.append((m.form, m.entity))
            continue
        fold = fold_text(m.form)
        # a one-word name, or an "organisation" that is a person's name in part or in full
        # ("Kilroy-Silk" after "Robert Kilroy-Silk": NER types a hyphenated surname ORG)
        joinable = len(tokens) == 1 or m.actor_type == "ORG"
        # the organisation this short name names ("Occidental" after "Occidental Petroleum
        # Corp"); such a name joins no person ("tyre giant Pirelli" beside "Pirelli SpA" is no
        # "Pirelli Cables", a firm NER called a PERSON)
        full = None  # read once, only where a person could take the name
        if m.actor_type == "ORG" and org_join and persons and person_join:
            full = full_name_of(m.form, orgs)
            joinable &= full < 0
        if m.actor_type == "PERSON" or (joinable and persons and person_join):
            target = _person_target(tokens, persons, mentions, m)
            if target is not None:
                m.entity = target
                continue
            if m.actor_type == "PERSON":
                m.entity = new_entity(m)
                persons.append((tokens, m.entity))
                continue
        key = m.actor_type + ":" + fold
        if m.actor_type in {"ORG", "GROUP"}:
            key = "ORG:" + fold
        is_org = key.startswith("ORG:")
        m.entity = by_key.get(key, -1)
        if m.entity < 0 and is_org and org_join:
            m.entity = full_name_of(m.form, orgs) if full is None else full
            if m.entity < 0:  # "the Bank" after "the Bank of England"
                m.entity = body_of(m.form, orgs + bodies)
        if m.entity < 0:
            m.entity = new_entity(m)
        by_key[key] = m.entity
        if is_org:
            orgs.append((m.form, m.entity))
    for m in mentions:  # acronyms point at their definition's entity
        if m.alias_of is not None:
            m.entity = m.alias_of.entity
    for m in mentions:
        ent = entities[m.entity]
        if ent.actor_type == "ORG" and m.actor_type == "GROUP":
            ent.actor_type = "GROUP"
        if m.actor_type == "PERSON" and ent.actor_type != "PERSON":
            ent.actor_type = "PERSON"
    return entities


def _person_target(
    tokens: list[str], persons: list[tuple[list[str], int]], mentions: list[Mention], m: Mention
) -> int | None:
    """The person entity a (shorter) name refers to in this document, if exactly one fits."""
    if not tokens:
        return None
    exact = [e for full, e in persons if full == tokens]
    if exact:
        return exact[0]
    subset = [e for full, e in persons if len(full) > len(tokens) and _in_order(tokens, full)]
    if len(set(subset)) == 1:
        return subset[0]
    if len(tokens) == 1 and not subset:
        tok = tokens[0]
        surname = [e for full, e in persons if full[-1] == tok]
        # a word of four letters or more begun by another ("Kazemi" / "Kazemi-Qomi"); not an
        # initial ("Moore" is not "M. Keith Goodrich")
        prefix = [
            e
            for full, e in persons
            if len(tok) >= 4
            and any(f.startswith(tok) or (len(f) >= 4 and tok.startswith(f)) for f in full)
        ]
        for candidates in (surname, prefix):
            if len(set(candidates)) == 1:
                return candidates[0]
    if len(set(subset)) > 1:  # ambiguous: the most recently named one before this mention
        earlier = [x for x in mentions if x.entity in set(subset) and x.start < m.start]
        return max(earlier, key=lambda x: x.start).entity if earlier else None
    return None


def _in_order(short: list[str], full: list[str]) -> bool:
    it = iter(full)
    return short[-1] == full[-1] and all(t in it for t in short)


# Last words that make a name an organisation's: "Kurdistan Democratic Party", "Scottish Labour
# Party", "Lear Corp" (issue 22)
ORG_HEADS = frozenset(
    {"Party", "Ministry", "Council", "Bank", "Union", "Front", "Army", "Corp", "Corp.",
     "Corporation", "Inc", "Inc.", "Ltd", "Ltd.", "Plc", "plc", "Co", "Co.", "Committee",
     "Association", "Department", "Agency", "Authority", "Commission", "Federation",
     "Organisation", "Organization", "League", "Movement", "Congress", "Assembly", "Club",
     "Institute", "University", "College", "Group", "Company", "Board", "Office", "Service"}
)  # fmt: skip


def org_names(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Organisations whose names end in a head word (ORG_HEADS) take in the capitalised words
    NER left out before them ("Kurdistan" + "Democratic Party"), places and demonyms included;
    the mentions taken in are dropped. A curated actor's key stays only when what is taken in
    names its own country ("British" + "Labour Party")."""
    by_token = {t: m for m in mentions for t in range(m.tok_start, m.tok_end)}
    dropped: set[int] = set()
    for m in mentions:
        if m.actor_type not in {"ORG", "GROUP"} or doc[m.tok_end - 1].text not in ORG_HEADS:
            continue
        start, taken = m.tok_start, []
        while start > 0 and m.tok_start - start < 3:
            tok = doc[start - 1]
            other = by_token.get(start - 1)
            if not tok.is_title or tok.lower_ in STOP_WORDS or tok.is_sent_start:
                break
            if other is not None and other.actor_type not in {"COUNTRY", "PLACE"}:
                break
            if other is not None and other.tok_start < start - 1:
                start = other.tok_start
            else:
                start -= 1
            if other is not None:
                taken.append(other)
        if start == m.tok_start:
            continue
        own = {t for o in taken for t in range(o.tok_start, o.tok_end)}
        uncovered = any(t not in own for t in range(start, m.tok_start))
        if m.key is not None and (uncovered or any(o.country != m.country for o in taken)):
            # another organisation than the curated one: "Kurdistan Democratic Party"
            m.key, m.country = None, next((o.country for o in taken if o.country), None)
        dropped |= {id(o) for o in taken}
        m.tok_start, m.start = start, doc[start].idx
        m.form = doc[start : m.tok_end].text
    return [m for m in mentions if id(m) not in dropped]
