"""The name inside an entity span NER found (`extract`): titles, honorifics, possessives,
fillers and punctuation stripped from its ends, a peerage kept ("Lord Falconer"), a country
before a person's name read as the person's country ("Pakistani Foreign Minister Jilani"), a
Reuters ticker or firm bracket cut off ("Sears, Roebuck and Co <S", "<Rolls-Royce Ltd>"); and
the ORG entities that are people by their form ("Ms Jamieson", "Guy Mansfield QC"), the
PERSON ones that are none ("MI6", "BAA"), and the firms by their form whatever NER called them
("John Labatt Ltd", a Reuters bracket "<Telepanel Inc>"; a ticker after the firm's name,
"Chemical New York Corp <CHL>", names it again).
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span

from newsflow.lexicon import FILLER, POSSESSIVE, Lexicon
from newsflow.short_orgs import LEGAL_FORMS, written_as_company

_COMPASS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
     "northwest", "northeast", "southwest", "southeast", "north-west", "north-east",
     "south-west", "south-east", "mid", "inner", "outer", "greater"}
)  # fmt: skip
_POST_NOMINALS = frozenset({"QC", "KC", "MP", "MEP", "MSP", "OBE", "MBE", "CBE", "KBE"})
_SENTENCE_ADVERBS = frozenset({"later", "earlier", "then", "meanwhile", "now", "but", "and"})
_ADDRESS = frozenset({"mr", "mrs", "ms", "miss", "dr"})  # forms of address only people take
_ANGLES = frozenset({"<", ">"})  # Reuters marks a private firm "<Rolls-Royce Ltd>": no part of it
_PEERAGES = frozenset({"Lord", "Lady", "Baroness", "Baron", "Viscount", "Earl"})
# Reuters brackets a firm's name or ticker: "<Telepanel Inc> said", "Union Carbide Corp <UK>".
BRACKET = re.compile(r"<([^<>\n]{1,80})>")

# Lower-case words that begin a person's name as NER spans it ("van der Merwe", "de la Madrid").
_NAME_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le", "bin",
     "ibn", "al", "el", "dos", "das", "ter", "ten"}
)  # fmt: skip


def _title_slip(doc: Doc, start: int, titles: frozenset[str]) -> bool:
    """Is the token at `start` a slip for a title, right after a title word ("Prime Minsiter")?"""
    return (
        start > 0 and doc[start - 1].lower_ in titles and _misspelt_title(doc[start].lower_, titles)
    )


def _misspelt_title(word: str, titles: frozenset[str]) -> bool:
    """Is `word` (lower case) a title written with a slip ("Prime Minsiter Yasuhiro Nakasone",
    "Finance Miniister H. Onno Ruding"): within two edits of a title of six letters or more,
    with its first letter? The Reuters registry named Nakasone "Minsiter Yasuhiro Nakasone" (260
    mentions at f9e6899), Miyazawa and Thatcher so too, as the longest form wins. Read only after
    a title word (`_title_slip`): "Justine" is two edits from "justice"."""
    return len(word) >= 6 and any(
        len(t) >= 6 and t[0] == word[0] and Levenshtein.distance(word, t, score_cutoff=2) <= 2
        for t in titles
    )


def _outside_angles(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A name NER ran across a Reuters ticker or firm bracket: "Sears, Roebuck and Co <S" is
    Sears, Roebuck and Co; "TEX> Continental Airlines" is Continental Airlines; "Qintex Ltd>
    of" is Qintex Ltd."""
    for i in range(start + 1, end - 1):
        if doc[i].text == "<":
            return start, i
        if doc[i].text == ">":
            ticker = i - start == 1 and doc[start].is_upper
            if ticker and all(t.lower_.rstrip(".") in LEGAL_FORMS for t in doc[i + 1 : end]):
                return start, start  # "BankAmerica <BAC> Corp" as "BAC> Corp": no name left
            return (i + 1, end) if ticker else (start, i)
    return start, end


def clean_span(span: Span, lex: Lexicon) -> tuple[int, int, str | None]:
    """Token bounds of the name inside `span` after stripping titles, honorifics, possessives.

    Titles are stripped from people only: "Foreign Office" is an organisation's name.
    """
    doc, start, end = span.doc, span.start, span.end
    for i in range(start, end):  # "Foreign Office (FO": drop an unclosed parenthesis
        if doc[i].text == "(" and not any(doc[j].text == ")" for j in range(i, end)):
            end = i
            break
    start, end = _outside_angles(doc, start, end)
    person = span.label_ == "PERSON"
    strip = lex.honorifics | lex.roles if person and "strip_titles" not in lex.off else frozenset()
    peerages = person and "peerages" not in lex.off
    if peerages and start > 0 and doc[start - 1].text in _PEERAGES:
        start -= 1  # "Lord Falconer" is the name; NER often leaves "Lord" out
    country: str | None = None
    while start < end:
        tok = doc[start]
        low = tok.lower_.rstrip(".")
        if (
            peerages
            and tok.text in _PEERAGES
            and start + 1 < end
            and doc[start + 1].lower_.rstrip(".") not in strip
        ):
            break  # a peerage is part of the name ("Lord Falconer"); "Lord Justice X" is not
        if (
            person
            and tok.text in lex.countries
            and start + 1 < end
            and "country_prefix" not in lex.off
        ):
            country = lex.countries[tok.text]
            start += 1
        elif (
            low in strip
            or low in FILLER
            or tok.is_punct
            or tok.is_space
            or tok.text in POSSESSIVE | _ANGLES
            or (tok.is_sent_start and low in _SENTENCE_ADVERBS and start + 1 < end)
        ):
            start += 1
        elif (
            person
            and start + 2 < end
            and ((tok.is_lower and low not in _NAME_PARTICLES) or _title_slip(doc, start, strip))
            and all(t.is_title for t in doc[start + 1 : end] if t.is_alpha and len(t) > 3)
        ):
            start += 1  # "prime minsiter Margaret Thatcher", "plus Ryan Giggs"
        elif (
            not person
            and tok.is_lower
            and low in _COMPASS
            and start + 1 < end
            and "compass_words" not in lex.off
        ):
            start += 1  # "west London" is London
        else:
            break
    while end > start and (  # possessives, punctuation, "Lisa Raymond 7-5"
        doc[end - 1].text in POSSESSIVE | _ANGLES
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or (person and doc[end - 1].text in _POST_NOMINALS and "strip_titles" not in lex.off)
        or (
            person
            and not any(c.isalpha() for c in doc[end - 1].text)
            and "person_digits" not in lex.off
        )
    ):
        end -= 1
    return start, end, country


def person_shaped(ent: Span) -> bool:
    """An ORG entity that is a person by its form: "Ms Jamieson", "Later Lord Falconer",
    "Guy Mansfield QC" (a form of address or peerage, then a capitalised name; or a
    post-nominal after a capitalised name)."""
    start = ent.start + 1 if ent[0].is_sent_start and ent[0].lower_ in _SENTENCE_ADVERBS else 0
    words = ent[start - ent.start :] if start else ent
    if len(words) < 2:
        return False
    first = words[0].text.rstrip(".")
    if (first.lower() in _ADDRESS or first in _PEERAGES) and words[1].is_title:
        return True
    return words[-1].text in _POST_NOMINALS and all(t.is_title for t in words[:-1])


_ROMAN = frozenset("IVXLCDM")  # "Henry VIII", "the England XV": no acronym


def acronym_shaped(ent: Span) -> bool:
    """A PERSON entity that no person is by its form: one word with a digit ("MI6", "O2",
    "DB9", "G-6") or in capitals without dots ("BAA", "ODPM", "GPRS"). Initials ("J.B.")
    and Roman numerals stay."""
    if len(ent) != 1:
        return False
    text = ent.text
    if any(c.isdigit() for c in text):
        return any(c.isalpha() for c in text)
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or not text.isupper() or "." in text or set(letters) <= _ROMAN:
        return False
    doc = ent.doc
    beside = [doc[i] for i in (ent.start - 1, ent.end) if 0 <= i < len(doc)]
    return not any(len(t) > 1 and t.text.isupper() for t in beside)  # a line in capitals


def company_shaped(span: Span) -> bool:
    """Does an entity of two or more words end in a company's legal form ("John Labatt Ltd",
    "Kiena Gold Mines Ltd", "Glaverbel SA")? NER calls many such names PERSON or GPE."""
    return written_as_company([t.text for t in span if not t.is_punct])


def brackets(body: str) -> dict[int, int]:
    """The Reuters brackets of a text: where each one's content starts, to where the bracket
    closes (after its ">")."""
    return {m.start(1): m.end(0) for m in BRACKET.finditer(body)}


def bracketed(span: Span, marks: dict[int, int]) -> bool:
    """Does the entity begin a Reuters bracket and end inside it: a firm, its ticker, or the
    firm's name as far as NER took it ("<Audley Inc>", "<CHL>", "Telepanel Inc>" of
    "<Telepanel Inc>", "Kokusai Denshin" of "<Kokusai Denshin Denwa Co Ltd>")?"""
    closes = marks.get(span.start_char)
    return closes is not None and span.end_char <= closes
