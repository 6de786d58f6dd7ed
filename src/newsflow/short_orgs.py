"""An organisation's short name joins the full name the same article gave it (issue 20).

News names a company once with its legal form and then by its short name: Reuters writes
"Occidental Petroleum Corp said ... Occidental also said", "Kidder Peabody and Co Inc ...
Kidder Peabody", "Shearson Lehman Brothers Inc ... Shearson"; BBC writes "the National Audit
Office ... the NAO said" without defining the acronym in brackets. In-document resolution
(`doc_entities.group_entities`) joined organisations only on the exact folded name, so each
article held the company twice: an event of "Occidental" and one of "Occidental Petroleum
Corp" were two actors, and a role scored on one name missed the other.

Three readings, each of a full name the article names (and no curated actor's key):
* the same name once legal-form words are dropped ("Southmark" = "Southmark Corp",
  "Goldman Sachs" = "Goldman Sachs and Co");
* the first words of a company's name, when the full name ends in a legal form ("Occidental"
  = "Occidental Petroleum Corp"). Only a company's: "Treasury" is not the "Treasury Select
  Committee", nor "House" the "House Budget Committee";
* an acronym whose letters are exactly the initials of the full name's words ("NAO" =
  "National Audit Office", "CSA" = "Child Support Agency").
A short name two full names of the article fit stays its own actor.

A fourth reading takes in the curated actors too: a body's head word alone ("the Bank", "the
Community") is the one body the article names with it (`body_of`); the registry kept "Bank"
(362 Reuters mentions at f9e6899, the Bank of England's, Japan's and others' in one actor),
"Commission" (220) and "Community" (102) as actors of their own.

Before any of that, `join_legal_tails` gives a firm back the legal form NER split off it
("Merrill Lynch" + "Co Inc" -> "Merrill Lynch and Co Inc").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span

# Words that name a company's legal form, not the company ("Corp", "and Co", "Inc").
LEGAL_FORMS = frozenset(
    {"co", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "plc", "llc",
     "company", "holdings", "ag", "sa", "nv", "and", "&"}
)  # fmt: skip
# A company's legal form as the last word of its name, as written ("Echlin Inc", "Krupp GmbH",
# "Montedison SpA"); the short ones a surname could be ("Sa", "Ag") only in capitals.
COMPANY_TAILS = frozenset(
    {"Inc", "Corp", "Ltd", "Plc", "PLC", "plc", "Co", "Cos", "AG", "SA", "NV", "BV", "GmbH",
     "SpA", "Spa", "KK", "Oy", "Oyj", "ASA", "A/S", "Bhd", "Pty", "LLC", "Corporation",
     "Incorporated", "Limited", "Holdings"}
)  # fmt: skip
# Words an acronym skips ("Institute of Fiscal Studies" -> IFS).
ACRONYM_SKIPS = frozenset({"of", "the", "and", "for", "&"})
ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def org_words(form: str) -> tuple[str, ...]:
    """An organisation name's lower-cased words, a leading "the" and full stops dropped."""
    words = re.findall(r"[a-z0-9&]+", form.lower().replace(".", ""))
    return tuple(words[1:] if words[:1] == ["the"] else words)


def _without_forms(words: tuple[str, ...]) -> tuple[str, ...]:
    end = len(words)
    while end > 1 and words[end - 1] in LEGAL_FORMS:
        end -= 1
    return words[:end]


def _initials(form: str, skips: frozenset[str] = ACRONYM_SKIPS) -> str:
    words = [w for w in re.split(r"[\s\-]+", form) if w and w.lower() not in skips]
    return "".join(w[0] for w in words).upper()


# A country's abbreviation before a body's name, which its acronym leaves out ("EPA" for the
# "U.S. Environmental Protection Agency", "FDA" for the "U.S. Food and Drug Administration")
COUNTRY_PREFIX = re.compile(r"^(?:U\.S\.|U\.K\.|US|UK)\s+")


def _acronyms(full: str) -> set[str]:
    """The acronyms a full name may go by: its initials, with and without a country's prefix,
    and with the "of" an American department's keeps ("DOT" for the "U.S. Department of
    Transportation", "DOE", "DOJ": Reuters names them so after the full name)."""
    bare = COUNTRY_PREFIX.sub("", full)
    with_of = ACRONYM_SKIPS - {"of"}
    return {_initials(full), _initials(bare), _initials(full, with_of), _initials(bare, with_of)}


def names_one(short: str, full: str) -> bool:
    """Does `short` name the organisation the article named `full` (another name)?"""
    s, f = org_words(short), org_words(full)
    if not s or not f or s == f:
        return False
    # not a name that begins with the short one: "BT Together" (a calling plan) is no "BT"
    if ACRONYM.match(short) and len(f) >= 2 and f[0] != s[0] and short in _acronyms(full):
        return True
    if _without_forms(s) == _without_forms(f):
        return True
    return is_company(full) and len(s) < len(f) and f[: len(s)] == s


# Head words of bodies' names: alone ("the Bank said", "the Commission"), a common noun naming
# whichever body the article is about. Across articles such a word joins no named body
# (`merge_guards.bare_body`: the Reuters run gave 363 bare "Bank" mentions of 191 articles,
# the World Bank's and central banks', to Bank of Tokyo International Ltd, which one article had
# called "the Bank"); in one article it is the one body of that head the article names in full
# (`body_of`).
BODY_WORDS = frozenset(
    {"bank", "banks", "fund", "commission", "committee", "council", "ministry", "department",
     "agency", "authority", "board", "office", "bureau", "service", "union", "federation",
     "association", "organisation", "organization", "league", "movement", "institute",
     "university", "college", "group", "company", "corporation", "court", "exchange", "trust",
     "foundation", "community", "assembly", "congress", "parliament", "senate", "house",
     "treasury", "cabinet", "administration", "government", "party", "front", "army", "club"}
)  # fmt: skip
# ... but "the House" is the House of Representatives where an article names only the White
# House: it heads no full name here
HEAD_WORDS = BODY_WORDS - {"house", "banks"}


def _head_word(words: tuple[str, ...]) -> str | None:
    """The word a body's full name is headed by: its first before "of" ("Bank of England"),
    else its last ("European Community", "U.S. Treasury")."""
    if len(words) < 2:
        return None
    return words[0] if words[1] == "of" else words[-1]


def body_of(short: str, fulls: list[tuple[str, int]]) -> int:
    """The entity of the one full name (form, entity) whose head word `short` is, when `short`
    is a body word alone ("Bank" -> "Bank of England"), else -1 (none, or two: "World Bank"
    and "Bank of Japan")."""
    words = org_words(short)
    if len(words) != 1 or words[0] not in HEAD_WORDS:
        return -1
    found = {entity for form, entity in fulls if _head_word(org_words(form)) == words[0]}
    return found.pop() if len(found) == 1 else -1


def full_name_of(short: str, fulls: list[tuple[str, int]]) -> int:
    """The entity of the one full name (form, entity) that `short` names, else -1."""
    found = {entity for form, entity in fulls if names_one(short, form)}
    return found.pop() if len(found) == 1 else -1


# The words a firm's name may end in after "and" ("Merrill Lynch and Co Inc", "John Wiley and
# Sons Inc", "G.D. Searle and Co"): an entity of these words alone names no firm.
TAIL_FORMS = LEGAL_FORMS - {"and", "&"} | {"sons", "son", "cie", "bancorp", "lp", "gmbh", "bv"}


def _tail_only(ent: Span) -> bool:
    words = [t.lower_.strip(".,") for t in ent if t.lower_ not in ("'s", "’s")]
    return bool(words) and all(w in TAIL_FORMS for w in words)


def join_legal_tails(ents: Iterable[Span]) -> list[Span]:
    """The entities with a legal form split off its firm joined back: the small English model
    reads "Merrill Lynch and Co Inc" as "Merrill Lynch" and "Co Inc", "Robert C. Brown and Co"
    as a person and "Co" (Reuters at f9e6899: 538 mentions of 31 actors named "Co Inc", "Co
    Ltd", "Sons Inc", "SA"...). A tail right after an organisation or person, with only "and"
    or "&" between, becomes one organisation with it; a tail after a name the entity ruler
    knows, or after no name, is dropped: it names no firm of its own."""
    out: list[Span] = []
    for ent in ents:
        if not len(ent) or not _tail_only(ent):
            out.append(ent)
            continue
        prev = out[-1] if out else None
        between = ent.doc[prev.end : ent.start] if prev is not None else None
        joined = (
            prev is not None
            and between is not None
            and [t.lower_ for t in between] in (["and"], ["&"], [])
            and prev.label_ in ("ORG", "PERSON")
        )
        if joined and prev is not None and not prev.ent_id_:
            out[-1] = Span(ent.doc, prev.start, ent.end, label="ORG")
    return out


def written_as_company(words: list[str]) -> bool:
    """Do two or more words end in a company's legal form as written (`COMPANY_TAILS`)?"""
    return len(words) >= 2 and words[-1].rstrip(".") in COMPANY_TAILS


def is_company(form: str) -> bool:
    """Does an organisation's name end in a legal form ("Dome Petroleum Ltd")?"""
    words = org_words(form)
    tail = bool(words) and words[-1] in LEGAL_FORMS - {"and", "&"}
    return tail or written_as_company(form.split())
