"""Names NER typed as people or places that are firms, read in one article (issue 22).

The small model calls many one-word firm names people or places: Reuters' "Dome" (Dome
Petroleum Ltd, 151 mentions a PLACE), "Cyacq" (a PERSON), the BBC's "Yukos" (a PERSON, 178
mentions), "bank Absa", "airline Ryanair". Two readings of the article, before
`doc_entities.group_entities` joins its names:

* `firm_short_names`: a one-word PERSON or PLACE mention whose word begins the name of exactly
  one company the article names in full is that company;
* `cued_firms`: a one-word PERSON name the article writes like a firm's ("oil giant Yukos",
  "the airline Ryanair", "Euronext, which ...", "Oracle said it ...", "DaimlerChrysler's
  shares") and never like a person's ("X, who", "X said he", "Mr X") is an organisation.

Neither reads a name the article also gives a person ("James Baker" beside "Baker
International Corp"), nor a place after a preposition of place ("its plant in Burlington",
"the Public Utilities Commission of Ohio").
Mentions are changed in place.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsflow.doc_entities import Mention
from newsflow.lexicon import PLACE_PREPOSITIONS, Lexicon
from newsflow.short_orgs import is_company, names_one, org_words

# Words that stand before a firm's name and not a person's: "oil giant Yukos", "bank Absa"
# (not "maker", "producer" or "publisher": "film-maker Moore", "producer Bruckheimer")
FIRM_WORDS = frozenset(
    {"giant", "firm", "company", "group", "operator", "carrier", "airline", "retailer",
     "network", "bank", "broadcaster", "label", "studio", "chain", "supplier", "manufacturer",
     "insurer", "agency", "club", "band"}
)  # fmt: skip
# What a firm owns and a person does not: "DaimlerChrysler's shares", "Yukos's assets"
FIRM_THINGS = frozenset(
    {"shares", "stock", "board", "shareholders", "subsidiary", "unit", "headquarters",
     "profits", "profit", "assets", "chairman", "directors", "takeover", "executives"}
)  # fmt: skip
SAYING = frozenset({"said", "says"})


def _person_words(mentions: list[Mention]) -> set[str]:
    """The words of the article's people named in more than one word ("James Baker")."""
    return {w for m in mentions if m.actor_type == "PERSON" for w in org_words(m.form)[1:]}


def firm_short_names(doc: Doc, mentions: list[Mention]) -> None:
    """A one-word PERSON or PLACE mention whose word begins the name of exactly one company
    the article names in full (a legal form at its end: `short_orgs.names_one`) is an
    organisation, which `group_entities` then joins to that company: Reuters names "Dome
    Petroleum Ltd" and then "Dome" (151 mentions a PLACE), "Piedmont Aviation Inc" then
    "Piedmont" (82), "Cyacq Corp" then "Cyacq" (36 a PERSON)."""
    firms = {
        m.form
        for m in mentions
        if m.actor_type == "ORG" and len(org_words(m.form)) >= 2 and is_company(m.form)
    }
    people = _person_words(mentions)
    for m in mentions:
        if m.actor_type not in ("PERSON", "PLACE") or m.tok_end - m.tok_start != 1:
            continue
        before = doc[m.tok_start - 1].lower_ if m.tok_start > 0 else ""
        if m.actor_type == "PLACE" and before in PLACE_PREPOSITIONS:
            continue
        if set(org_words(m.form)) & people:
            continue
        if len({f for f in firms if names_one(m.form, f)}) == 1:
            m.actor_type, m.key, m.country = "ORG", None, None


def _cues(doc: Doc, m: Mention, lex: Lexicon) -> tuple[bool, bool]:
    """(written like a firm's name, written like a person's) at this one mention."""
    after = [t.lower_ for t in doc[m.tok_end : m.tok_end + 2]]
    first, second = (after + ["", ""])[:2]
    before = doc[m.tok_start - 1].lower_ if m.tok_start > 0 else ""
    said = first in SAYING
    firm = (
        before in FIRM_WORDS
        or (first, second) == (",", "which")
        or (said and second == "it")
        or (first in ("'s", "'") and second in FIRM_THINGS)
    )
    person = (
        lex.addresses(before)
        or (first, second) == (",", "who")
        or (said and second in ("he", "she"))
    )
    return firm, person


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
