"""Clubs named after places, in sports reports: "Leicestershire beat Somerset", "Newcastle 2
Blackburn 1" name teams (organisations), not the county or the city.

A report is a sports report when it uses enough words only sports reports use (innings,
halftime, goalkeeper...). There, a place that is not a country (national sides are filed under
their country, as CoNLL and GDELT do) is a club unless the words around it make it a place: a
locative preposition before it ("at Headingley", "in Leicester"), a date after it (the
dateline), or a colon after it at the start of a line (the venue of a results line). Places in
team positions that NER missed are added when the gazetteer knows them: the side of a result
("Essex 372", "Kent v Surrey") or of "beat".
"""

from __future__ import annotations

import re

from spacy.attrs import LOWER
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.strings import get_string_id
from spacy.tokens import Doc

from newsflow.doc_entities import Mention
from newsflow.lexicon import PLACE_PREPOSITIONS, Lexicon

SPORTS_WORDS = frozenset(
    {"innings", "wicket", "wickets", "halftime", "half-time", "goalkeeper", "striker",
     "midfielder", "goals", "scored", "scorer", "scorers", "league", "soccer", "football",
     "cricket", "rugby", "tennis", "baseball", "basketball", "hockey", "golf", "batsman",
     "bowler", "semifinal", "semi-final", "quarter-final", "quarterfinal", "standings",
     "premiership", "championship", "tournament", "match", "matches", "fixture", "fixtures",
     "cup", "seeded", "unseeded", "coach", "penalty", "draw", "drew", "beat", "athletics",
     "olympic", "olympics", "squad", "season", "stadium", "points", "race", "inning",
     "pitcher", "homer", "touchdown", "quarterback", "boxing", "cycling", "racing", "rowing",
     "skiing", "swimming", "snooker", "squash"}
)  # fmt: skip
_SPORTS_IDS = frozenset(get_string_id(w) for w in SPORTS_WORDS)
_MIN_SPORTS_WORDS = 3  # distinct sports words a report needs
_DATE = re.compile(
    r"\s*(?:\d{4}-\d\d-\d\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\.? \d)"
)


def is_sports_report(doc: Doc) -> bool:
    """True when the text uses at least _MIN_SPORTS_WORDS distinct sports words (counted on the
    doc's LOWER ids: no Python Token per word of every article)."""
    return len(_SPORTS_IDS.intersection(doc.to_array(LOWER).tolist())) >= _MIN_SPORTS_WORDS


def _locative(doc: Doc, start: int, end: int) -> bool:
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in PLACE_PREPOSITIONS:
        return True
    after = doc[end] if end < len(doc) else None
    if after is not None and _DATE.match(doc[end : end + 6].text):
        return True  # the dateline: "LONDON 1996-08-30"
    if after is not None and after.is_title and not after.ent_type_:
        return True  # names an event held there: "the Berlin Grand Prix"
    line_start = start == 0 or "\n" in doc[start - 1].text or "\n" in doc[start - 1].whitespace_
    return line_start and after is not None and after.text == ":"


def clubs(doc: Doc, mentions: list[Mention], lex: Lexicon) -> None:
    """In a sports report, place mentions in team positions become clubs (ORG)."""
    surnames = {
        m.form.split()[-1] for m in mentions if m.actor_type == "PERSON" and " " in m.form
    }  # "Duran" the boxer stays a person (in-document resolution joins him to his full name)
    for m in mentions:
        if (
            m.actor_type == "PLACE"
            and m.form not in surnames
            and not _locative(doc, m.tok_start, m.tok_end)
        ):
            m.actor_type, m.key = "ORG", None


def club_candidates(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Clubs NER missed in a sports report: a capitalised run of one to three words, outside
    every mention, that the gazetteer knows as a region or city and that is not a country or
    a stop word, in no locative position ("Essex, Derbyshire and Surrey closed in")."""
    covered = {t for m in mentions for t in range(m.tok_start, m.tok_end)}
    added: list[Mention] = []
    i, n = 0, len(doc)
    while i < n:
        if i in covered or not doc[i].is_title or doc[i].lower_ in STOP_WORDS:
            i += 1
            continue
        for j in range(min(i + 3, n), i, -1):
            if any(t in covered or not doc[t].is_title for t in range(i, j)):
                continue
            text = doc[i:j].text
            if (text in lex.place_names or text in lex.places) and text not in lex.countries:
                if not _locative(doc, i, j):
                    tok = doc[j - 1]
                    added.append(Mention(doc[i].idx, tok.idx + len(tok.text), i, j, "ORG", text))
                i = j - 1
                break
        i += 1
    return added
