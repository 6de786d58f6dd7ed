"""Names NER typed as people or places that are firms (or as places that are people), read in
one article or across the articles of a batch (issue 22).

The small model calls many one-word firm names people or places: Reuters' "Dome" (Dome
Petroleum Ltd, 151 mentions a PLACE), "Cyacq" (a PERSON), the BBC's "Yukos" (a PERSON, 178
mentions), "bank Absa", "airline Ryanair". Readings of the article, before
`doc_entities.group_entities` joins its names:

* `firm_short_names`: a one-word PERSON or PLACE mention whose word begins the name of exactly
  one company the article names in full is that company; so is a PERSON (or a PLACE the
  gazetteer does not know) that is a later word of exactly one such name, a firm named after
  its founder ("Labatt" of "John Labatt Ltd", "Hutton" of "E.F. Hutton Group Inc");
* `cued_firms`: a one-word PERSON name the article writes like a firm's ("oil giant Yukos",
  "the airline Ryanair", "Euronext, which ...", "Oracle said it ...", "DaimlerChrysler's
  shares") and never like a person's ("X, who", "X said he", "Mr X") is an organisation;
* `batch_firms` (the batch's articles read together, `name_cues` in each): a PERSON name that
  some article of the batch writes with a firm's or a club's words ("oil giant Yukos",
  "Manchester United boss Alex Ferguson", "Charlton midfielder Graham Stuart") and none writes
  like a person's is an organisation in every article of the batch, also where NER's PERSON
  comes with no cue: at ff3078e the BBC run had "Manchester United" a PERSON at 140 mentions,
  "Chelsea" at 65 and "Yukos" at 53, and the lone "Charlton" joined Bobby Charlton. A PLACE
  the gazetteer does not know reads alike ("Gazprom"), and a club-shaped name ("Blackburn
  Rovers") is written as a club's. What earlier batches and runs wrote of a name counts too
  (`name_memory.NameMemory`, the registry's `names`): a firm named in Monday's bundle is the
  firm in Tuesday's.

And one reading of places that are people: `place_surnames`, a one-word PLACE that is the
surname of a person the article names in full ("O'Gara" beside "Ronan O'Gara") is that person.

None reads a name the article also gives a person ("James Baker" beside "Baker
International Corp"), nor a place after a preposition of place ("its plant in Burlington",
"the Public Utilities Commission of Ohio").
Mentions are changed in place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsflow.doc_entities import Mention
from newsflow.lexicon import PLACE_PREPOSITIONS, Lexicon
from newsflow.name_memory import NameMemory
from newsflow.short_orgs import (
    BODY_WORDS,
    LEGAL_FORMS,
    is_company,
    names_one,
    org_words,
)

# Words that stand before a firm's name and not a person's: "oil giant Yukos", "bank Absa"
# (not "maker", "producer", "publisher" or "broadcaster": "film-maker Moore", "producer
# Bruckheimer", "Broadcaster Chris Evans")
FIRM_WORDS = frozenset(
    {"giant", "firm", "company", "group", "operator", "carrier", "airline", "retailer",
     "network", "bank", "label", "studio", "chain", "supplier", "manufacturer",
     "insurer", "agency", "club", "band"}
)  # fmt: skip
# What a firm owns and a person does not: "DaimlerChrysler's shares", "Yukos's assets"
FIRM_THINGS = frozenset(
    {"shares", "stock", "board", "shareholders", "subsidiary", "unit", "headquarters",
     "profits", "profit", "assets", "chairman", "directors", "takeover", "executives"}
)  # fmt: skip
SAYING = frozenset({"said", "says"})
SPEAKS = SAYING | {"told", "added"}  # what a person does and a place does not
# Last words of club names that end no person's or place's name
CLUB_TAILS = frozenset(
    {"united", "rovers", "wanderers", "athletic", "albion", "hotspur", "argyle", "rangers",
     "wednesday"}
)  # fmt: skip
# Words of `Lexicon.addresses` that stand before a firm's name as often as a person's, so
# neither: "oil producer Yukos", "broadcaster ITV" beside "Broadcaster Chris Evans",
# "bookmaker William Hill", "market leader Nokia", and the first words of offices ("home",
# "state", "foreign": the office's head word follows)
NOT_ONLY_PEOPLE = frozenset(
    {"producer", "broadcaster", "bookmaker", "leader", "head", "federal", "state", "home",
     "finance", "foreign", "defence", "defense", "interior", "high", "special", "provincial",
     "personal", "prime"}
)  # fmt: skip
# Who works for a club or a firm, written straight after its name: "Chelsea boss Jose
# Mourinho", "Charlton midfielder Graham Stuart" (a person has no "boss" or "striker"; not
# "fans", "side" or "forward": "James Bond fans", "play Kaka forward")
STAFF_WORDS = frozenset(
    {"boss", "manager", "striker", "midfielder", "defender", "goalkeeper", "keeper", "winger",
     "captain", "skipper", "coach", "chairman", "full-back", "centre-back", "centre-half"}
)  # fmt: skip


def _person_words(mentions: list[Mention]) -> set[str]:
    """The words of the article's people named in more than one word ("James Baker")."""
    return {w for m in mentions if m.actor_type == "PERSON" for w in org_words(m.form)[1:]}


def firm_short_names(doc: Doc, mentions: list[Mention], lex: Lexicon, inner: bool = True) -> None:
    """A one-word PERSON or PLACE mention whose word begins the name of exactly one company
    the article names in full (a legal form at its end: `short_orgs.names_one`) is an
    organisation, which `group_entities` then joins to that company: Reuters names "Dome
    Petroleum Ltd" and then "Dome" (151 mentions a PLACE), "Piedmont Aviation Inc" then
    "Piedmont" (82), "Cyacq Corp" then "Cyacq" (36 a PERSON). With `inner`, so is a PERSON, or
    a PLACE the gazetteer does not know, that is a later word of exactly one such name ("John
    Labatt Ltd" then "Labatt", 10 PERSON mentions at d247ec8; "E.F. Hutton Group Inc" then
    "Hutton", 26 PLACE ones)."""
    firms: dict[str, Mention] = {}  # each company's name -> its first mention
    for m in mentions:
        if m.actor_type == "ORG" and len(org_words(m.form)) >= 2 and is_company(m.form):
            firms.setdefault(m.form, m)
    people = _person_words(mentions)
    for m in mentions:
        if m.actor_type not in ("PERSON", "PLACE") or m.tok_end - m.tok_start != 1:
            continue
        before = doc[m.tok_start - 1].lower_ if m.tok_start > 0 else ""
        if m.actor_type == "PLACE" and before in PLACE_PREPOSITIONS:
            continue
        if set(org_words(m.form)) & people:
            continue
        begun = {f for f in firms if names_one(m.form, f)}
        within = set()
        if inner and (m.actor_type == "PERSON" or unknown_place(m, lex)):
            within = {f for f in firms if _inner_word(m.form, f)}
        if len(begun | within) == 1:
            m.actor_type, m.key, m.country = "ORG", None, None
            if within:  # `group_entities` joins only a name's beginning: point at the firm
                m.alias_of = firms[next(iter(within))]


def _inner_word(short: str, full: str) -> bool:
    """Is `short` one capitalised word of a company's name after its first, not its legal form
    nor a body's word ("Labatt" of "John Labatt Ltd"; not "Bank" of "Bank of Tokyo Ltd")?"""
    word = org_words(short)
    words = org_words(full)
    return (
        len(word) == 1
        and short[:1].isupper()
        and word[0] not in LEGAL_FORMS | BODY_WORDS
        and word[0] in words[1:]
    )


def _strong_cue(doc: Doc, m: Mention) -> bool:
    """Is this mention written with a firm's or a club's own words ("oil giant Yukos",
    "DaimlerChrysler's shares", "Chelsea boss"), which no person's name takes?"""
    after = [t.lower_ for t in doc[m.tok_end : m.tok_end + 2]]
    first, second = (after + ["", ""])[:2]
    before = doc[m.tok_start - 1].lower_ if m.tok_start > 0 else ""
    named = doc[m.tok_end + 1] if m.tok_end + 1 < len(doc) else None
    return (
        before in FIRM_WORDS
        # the staff word before its holder's name: not "elected Charles Hinckley chairman and
        # chief executive", "Mike Boswell chairman of Sunshine Mining Co"
        or (first in STAFF_WORDS and named is not None and named.is_title and named.is_alpha)
        or (first in ("'s", "'") and second in FIRM_THINGS)
    )


def _addressed(before: str, lex: Lexicon) -> bool:
    """Does the word before a name address a person ("Mr", "striker")? Not an office in the
    plural, which names a team or a firm ("Premiership leaders Chelsea"), nor one of the
    offices that firms hold too (`NOT_ONLY_PEOPLE`)."""
    return (
        lex.addresses(before)
        and before not in NOT_ONLY_PEOPLE
        and not (before.endswith("s") and lex.addresses(before[:-1]))
    )


def _person_cues(doc: Doc, m: Mention, lex: Lexicon) -> tuple[bool, bool]:
    """(written like a person's name: "Mr X", "striker X", "X said he"; followed by ", who",
    which British English writes of clubs too: "Chelsea, who are top of the league")."""
    after = [t.lower_ for t in doc[m.tok_end : m.tok_end + 2]]
    first, second = (after + ["", ""])[:2]
    before = doc[m.tok_start - 1].lower_ if m.tok_start > 0 else ""
    said_he = first in SAYING and second in ("he", "she")
    return _addressed(before, lex) or said_he, (first, second) == (",", "who")


def _cues(doc: Doc, m: Mention, lex: Lexicon) -> tuple[bool, bool]:
    """(written like a firm's name, written like a person's) at this one mention."""
    after = [t.lower_ for t in doc[m.tok_end : m.tok_end + 2]]
    first, second = (after + ["", ""])[:2]
    firm = (
        _strong_cue(doc, m)
        or (first, second) == (",", "which")
        or (first in SAYING and second == "it")
    )
    return firm, any(_person_cues(doc, m, lex))


def cued_firms(doc: Doc, mentions: list[Mention], lex: Lexicon) -> None:
    """A one-word PERSON name the article writes like a firm's somewhere and never like a
    person's (module docstring) is an organisation at all its mentions."""
    people = _person_words(mentions)
    by_form: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.actor_type == "PERSON" and m.tok_end - m.tok_start == 1 and m.key is None:
            by_form.setdefault(m.form, []).append(m)
    for form, group in by_form.items():
        if set(org_words(form)) & people:
            continue
        cues = [_cues(doc, m, lex) for m in group]
        if any(firm for firm, _ in cues) and not any(person for _, person in cues):
            for m in group:
                m.actor_type = "ORG"


def name_key(form: str) -> str:
    """The form a name is compared by across articles: lower case, single spaces."""
    return " ".join(form.lower().split())


@dataclass
class NameCues:
    """What one article says of its PERSON names, by `name_key`, for `batch_firms`."""

    firms: set[str] = field(default_factory=set)  # written with a firm's or club's own words
    people: set[str] = field(default_factory=set)  # given a person: "Mr X", "X said he"
    surnames: set[str] = field(default_factory=set)  # last words of people named in full
    # written like a person's in this article, also "X, who" (`cued_firms`): the batch does
    # not overrule the article's own reading
    persons_here: set[str] = field(default_factory=set)


def name_cues(doc: Doc, mentions: list[Mention], lex: Lexicon) -> NameCues:
    """The `NameCues` of one article's PERSON mentions, with the firm's words that its ORG
    mentions and the PLACE mentions the gazetteer does not know take."""
    cues = NameCues()
    for m in mentions:
        if not (m.key is None and m.actor_type in ("PERSON", "ORG")) and not unknown_place(m, lex):
            continue
        # NER's ORG "Chelsea boss" speaks for its PERSON "Chelsea"
        if _strong_cue(doc, m) or (m.actor_type == "PERSON" and club_shaped(m.form)):
            cues.firms.add(name_key(m.form))
        if m.actor_type != "PERSON":
            continue
        person, who = _person_cues(doc, m, lex)  # ", who" only in its own article
        if person:
            cues.people.add(name_key(m.form))
        if person or who:
            cues.persons_here.add(name_key(m.form))
        if len(words := name_key(m.form).split()) >= 2:
            cues.surnames.add(words[-1])  # "Keane" of "Roy Keane"
    return cues


def club_shaped(form: str) -> bool:
    """Is a name of two words or more one of a club's, by its last word: "Manchester United",
    "Blackburn Rovers", "Sheffield Wednesday" (not "City", "Villa" or "Forest": "Mexico
    City", "David Villa")?"""
    words = name_key(form).split()
    return len(words) >= 2 and words[-1] in CLUB_TAILS


def unknown_place(m: Mention, lex: Lexicon) -> bool:
    """Is the mention a PLACE the gazetteer does not know (NER's "Gazprom", "BT")?"""
    return unknown_place_name(m.actor_type, m.key, m.form, lex)


def unknown_place_name(actor_type: str, key: str | None, name: str | None, lex: Lexicon) -> bool:
    """Is a name of that type and key a PLACE the gazetteer does not know?"""
    return (
        actor_type == "PLACE"
        and (key or "").startswith("place:")
        and name not in lex.place_names
        and name not in lex.places
    )


def place_surnames(doc: Doc, mentions: list[Mention], lex: Lexicon) -> None:
    """A one-word PLACE the gazetteer does not know that is the surname of a person the article
    names in full is that person (`group_entities` then joins them): NER typed "O'Gara" a
    PLACE at 29 BBC mentions beside "Ronan O'Gara", and a keyed place joined no one. A place
    the gazetteer knows too only where it speaks ("Fujioka said", beside "Masao Fujioka": a
    Japanese town). Not after a preposition of place, not a word that begins the name of a
    company the article names ("Jefferies" beside "Jefferies Group Inc" and "Boyd
    Jefferies"), and not a name the article writes as a firm's ("dance band Kasabian", beside
    "Linda Kasabian", after whom the band is named)."""
    surnames = {
        words[-1]
        for m in mentions
        if m.actor_type == "PERSON" and len(words := m.form.split()) >= 2
    }
    candidates = [
        m
        for m in mentions
        if m.actor_type == "PLACE" and m.tok_end - m.tok_start == 1 and m.form in surnames
    ]
    if not candidates:
        return
    firms = [org_words(m.form) for m in mentions if m.actor_type == "ORG"]
    forms = {m.form for m in candidates}
    # "dance band Kasabian": a band named after Linda Kasabian
    cued = {m.form for m in mentions if m.form in forms and _strong_cue(doc, m)}
    for m in candidates:
        if m.form in cued:
            continue
        after = doc[m.tok_end].lower_ if m.tok_end < len(doc) else ""
        # a place the gazetteer knows too ("Fujioka", a Japanese town) when it speaks
        if not (unknown_place(m, lex) or ((m.key or "").startswith("place:") and after in SPEAKS)):
            continue
        before = doc[m.tok_start - 1].lower_ if m.tok_start > 0 else ""
        own = org_words(m.form)
        if before in PLACE_PREPOSITIONS or any(
            len(f) > len(own) and f[: len(own)] == own for f in firms
        ):
            continue
        m.actor_type, m.key, m.country = "PERSON", None, None


def batch_firms(
    cues: list[NameCues], memory: NameMemory | None = None, names: Iterable[str] = ()
) -> set[str]:
    """The names (`name_key`) that some article of the batch, or of what `memory` read before
    it, writes like a firm's or a club's and none gives a person: organisations in every
    article of the batch that does not write them like a person's (`is_batch_firm`). A
    person's surname in the batch stays a surname ("band Keane" in one article, "Roy Keane" in
    another); an article's own cue still makes its mention a firm (`cued_firms`: "Charlton
    midfielder"). `names`: the batch's names that may be firms, whose earlier cues `memory`
    reads; the batch's cues join the memory after."""
    firms = set().union(*(c.firms for c in cues))
    people = set().union(*(c.people | c.surnames for c in cues))
    if memory is not None:
        memory.recall({*names, *firms})
        firms |= memory.firms
        people |= memory.people
        memory.learn((c.firms, c.people) for c in cues)
    return firms - people


def entity_key(forms: list[str]) -> str:
    """The `name_key` of an entity's longest form, which `batch_firms` names it by."""
    return name_key(max(forms, key=lambda f: (len(f.split()), f)))


def is_batch_firm(forms: list[str], firms: set[str], cues: NameCues) -> bool:
    """Does an entity seen under `forms` in the article of `cues` name one of the batch's
    `firms`: its longest form is one, its other forms are words of it ("Manchester United",
    "United"), and the article writes none of them like a person's?"""
    if not forms or not firms:
        return False
    longest = entity_key(forms)
    words = set(longest.split())
    return (
        longest in firms
        and all(set(name_key(f).split()) <= words for f in forms)
        and not {name_key(f) for f in forms} & cues.persons_here
    )
