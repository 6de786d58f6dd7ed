"""Case for the NER's eyes: all-capitals lines (headlines, datelines, results tables) in the case
the same words have elsewhere in the article.

The small English model finds few names in "SOCCER - ROMANIA BEAT LITHUANIA" and calls a line of
capitals an organisation. `truecase` rewrites every all-capitals line word by word: a word the
article also uses in lower or mixed case takes its most frequent form there ("Romania", "beat"),
an unseen stop word goes lower case, an unseen longer word gets a capital initial ("Belgrade"),
and an unseen short word (an acronym: "UN", "NBA") stays as it is. Only ASCII letters change
case, so the text keeps its length and every offset into it is an offset into the body.

The Reuters corpus also sets the word after "U.S." and "U.K." with a capital, as if a sentence
ended there ("the first hit on a U.S. Flag commercial vessel", "if Japan continues to resist
U.S. Demands", "U.S. And Japanese officials"): 3,831 such words in 2,112 of its stories. NER
reads "U.S. Dollar", "U.S. Banks", "U.S. Attack" as organisations (562 actors "U.S. <Word>" or
"U.K. <Word>" at f9e6899, "U.S. Dollar" alone with 119 mentions) and the country goes unseen.
`truecase` gives such a word the case the article uses: lower case when the article writes it
in lower case more often than with a capital, or when it is a joining word ("And", "Has",
"To"); a name goes on ("U.S. Agriculture Department", "U.S. Treasury" written so elsewhere).
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

from newsflow import agents

# A line with two capitals in a row and no lower-case letter.
_CAPS_LINE = re.compile(r"(?m)^[^a-z\n]*[A-Z]{2}[^a-z\n]*$")
_WORD = re.compile(r"[A-Za-z]+")
# After these a word starts a sentence: its capital says nothing about the word.
_SENTENCE_START = re.compile(r"(?:^|[.!?:\"]\s+|\n)\s*$")


def _forms(text: str, caps: list[tuple[int, int]]) -> dict[str, Counter[str]]:
    """Lower-cased word -> its forms outside the capitals lines, sentence starts left out."""
    forms: dict[str, Counter[str]] = {}
    start = 0
    for s, e in [*caps, (len(text), len(text))]:
        for m in _WORD.finditer(text, start, s):
            word = m.group()
            if word.isupper() and len(word) > 1 and word.lower() in STOP_WORDS:
                continue  # "IT", "US" set in capitals say nothing about "it", "us"
            if _SENTENCE_START.search(text, max(start, m.start() - 3), m.start()):
                continue
            forms.setdefault(word.lower(), Counter())[word] += 1
        start = e
    return forms


def _case_of(word: str, forms: dict[str, Counter[str]]) -> str:
    seen = forms.get(word.lower())
    if seen:
        return max(seen, key=lambda f: (seen[f], f.islower()))
    if word.lower() in STOP_WORDS:
        return word.lower()
    if len(word) <= 3:
        return word
    return word[0] + word[1:].lower()


# A capitalised word after "U.S."/"U.K." and a space, and whether a capitalised word follows,
# right after it or after "of", "and", "for" ("U.S. Department of Transportation", "U.S.
# Securities and Exchange Commission": a name goes on).
_AFTER_ABBREVIATION = re.compile(r"\bU\.[SK]\. ([A-Z][a-z]+)\b(\s+(?:(?:of|and|for|&)\s+)?[A-Z])?")
# ... and after one whatever follows: joining words and verbs no sentence of a wire story
# begins with, and the units of its figures ("U.S. Dlrs", "U.S. Dollar").
_JOINING = re.compile(
    r"\bU\.[SK]\. (And|Or|Nor|Has|Have|Had|Is|Are|Was|Were|Be|Been|Will|Would|Should|Could|Can"
    r"|May|Might|Must|Shall|Do|Does|Did|To|Of|Said|Says|Dlrs|Dlr|Dollar|Dollars|Cents|Pct|Mln)\b"
)

# ... and people by their trade, in the plural ("U.S. Officials said", "U.S. Firms"): agents,
# never a body's name, which is singular ("U.S. Navy", "U.S. Embassy")
_PLURAL_AGENTS = frozenset(
    agents.plural(n).capitalize()
    for n in agents.sector_nouns() | {"firm", "investor", "lender", "shareholder", "analyst"}
)


def _after_abbreviations(text: str, forms: dict[str, Counter[str]], out: list[str]) -> None:
    """Lower the capital of a common word after "U.S." or "U.K." in `out` (see the module)."""
    for m in _JOINING.finditer(text):
        out[m.start(1)] = text[m.start(1)].lower()
    for m in _AFTER_ABBREVIATION.finditer(text):
        word = m.group(1)
        seen = forms.get(word.lower(), Counter())
        verb = len(word) > 4 and word.endswith("ed")  # "the U.S. Criticised Japan's policy"
        common = word in _PLURAL_AGENTS or seen[word.lower()] > seen[word]
        if verb or (common and m.group(2) is None):  # not "U.S. Agriculture Department"
            out[m.start(1)] = word[0].lower()


def truecase(text: str) -> str:
    """`text` with its all-capitals lines, and a common word after "U.S." or "U.K.", in the
    case the article uses (same length)."""
    caps = [m.span() for m in _CAPS_LINE.finditer(text)]
    abbreviated = "U.S. " in text or "U.K. " in text
    if not caps and not abbreviated:
        return text
    forms = _forms(text, caps)
    out = list(text)
    if abbreviated:
        _after_abbreviations(text, forms, out)
    for s, e in caps:
        for m in _WORD.finditer(text, s, e):
            word = m.group()
            if not word.isupper() or len(word) < 2 or not word.isascii():
                continue
            cased = _case_of(word, forms)
            if len(cased) == len(word):
                out[m.start() : m.end()] = cased
    return "".join(out)
