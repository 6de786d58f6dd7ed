"""Case for the NER's eyes: all-capitals lines (headlines, datelines, results tables) in the case
the same words have elsewhere in the article.

The small English model finds few names in "SOCCER - ROMANIA BEAT LITHUANIA" and calls a line of
capitals an organisation. `truecase` rewrites every all-capitals line word by word: a word the
article also uses in lower or mixed case takes its most frequent form there ("Romania", "beat"),
an unseen stop word goes lower case, an unseen longer word gets a capital initial ("Belgrade"),
and an unseen short word (an acronym: "UN", "NBA") stays as it is. Only ASCII letters change
case, so the text keeps its length and every offset into it is an offset into the body.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

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


def truecase(text: str) -> str:
    """`text` with its all-capitals lines in the case the article uses (same length)."""
    caps = [m.span() for m in _CAPS_LINE.finditer(text)]
    if not caps:
        return text
    forms = _forms(text, caps)
    out = list(text)
    for s, e in caps:
        for m in _WORD.finditer(text, s, e):
            word = m.group()
            if not word.isupper() or len(word) < 2 or not word.isascii():
                continue
            cased = _case_of(word, forms)
            if len(cased) == len(word):
                out[m.start() : m.end()] = cased
    return "".join(out)
