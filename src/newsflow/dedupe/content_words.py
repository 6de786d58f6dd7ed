"""Lower-case content words of an article's title and lead: the story terms beside its names.

Names alone leave two reports of one story apart when they tell it through different names
(or through few: a Gulf shipping week told by place names, a tariff dispute told by "tariffs",
"semiconductors", "retaliation"). The words an article writes in lower case, at least
MIN_LETTERS long and not function words, add that vocabulary: stories.py weighs them by idf
like names, times CONTENT_WEIGHT, so a shared rare noun counts, a shared common one barely."""

from __future__ import annotations

import numpy as np

from newsflow.dedupe.words import Words, outside, word_set

MIN_LETTERS = 4  # bytes of a content word: shorter ones are mostly function words
CONTENT_TERMS = 6  # content words kept per article (most frequent, then first seen)
CONTENT_WEIGHT = 0.75  # a content word's weight against a name's of the same idf and frequency

_FUNCTION_WORDS = [
    "about", "above", "across", "added", "after", "again", "against", "ago", "agreed", "ahead",
    "almost", "along", "already", "also", "although", "among", "another", "anything", "around",
    "asked", "away", "back", "based", "became", "because", "become", "been", "before", "behind",
    "being", "believe", "below", "best", "better", "between", "beyond", "both", "bring", "called",
    "came", "cannot", "case", "certain", "change", "clear", "come", "comes", "coming", "could",
    "daily", "days", "deal", "despite", "didn", "does", "doesn", "doing", "done", "down", "due",
    "during", "each", "early", "either", "else", "end", "enough", "even", "ever", "every", "expect",
    "expected", "fact", "far", "few", "final", "find", "first", "five", "following", "four", "from",
    "full", "further", "gave", "general", "getting", "give", "given", "going", "good", "got",
    "great", "half", "hard", "have", "having", "help", "here", "high", "higher", "himself",
    "however", "including", "increase", "into", "issue", "itself", "just", "keep", "know", "known",
    "large", "last", "late", "later", "latest", "least", "less", "like", "likely", "little", "long",
    "look", "made", "main", "major", "make", "makes", "making", "many", "meanwhile", "might",
    "more", "most", "move", "much", "must", "near", "need", "needed", "never", "news", "next",
    "nine", "none", "noted", "nothing", "number", "often", "once", "only", "open", "other",
    "others", "over", "part", "past", "people", "place", "plan", "plans", "point", "possible",
    "put", "quite", "rather", "really", "recent", "recently", "report", "reported", "reports",
    "right", "said", "same", "saying", "says", "second", "seen", "seven", "several", "shall",
    "should", "show", "showed", "shows", "side", "since", "small", "some", "something", "soon",
    "spokesman", "statement", "still", "such", "sure", "take", "taken", "taking", "tell", "than",
    "that", "their", "them", "themselves", "then", "there", "these", "they", "thing", "things",
    "think", "third", "this", "those", "though", "three", "through", "time", "times", "today",
    "together", "told", "took", "total", "toward", "towards", "under", "unless", "until", "upon",
    "used", "very", "want", "wanted", "wants", "week", "weeks", "well", "went", "were", "what",
    "whatever", "when", "where", "whether", "which", "while", "whole", "whose", "will", "wish",
    "with", "within", "without", "would", "year", "years", "yesterday", "your", "month", "months",
    "according", "official", "officials", "reuter", "reuters",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday",
]  # fmt: skip
_FUNCTION_HASHES = word_set(_FUNCTION_WORDS)


def content_words(
    title_words: Words, body_words: Words, title_names: np.ndarray, body_names: np.ndarray,
    lead_chars: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """(rows, hashes, first-seen keys) of every content word of the titles and leads: not a name
    (`*_names`), at least MIN_LETTERS bytes, not a function word; title positions negative like
    in terms.salient_terms, so a title word ranks first among equally frequent ones."""
    in_title = np.flatnonzero(~title_names & (title_words.lengths >= MIN_LETTERS))
    in_body = np.flatnonzero(
        ~body_names & (body_words.lengths >= MIN_LETTERS) & (body_words.offsets < lead_chars)
    )
    rows = np.concatenate((title_words.rows[in_title], body_words.rows[in_body]))
    hashes = np.concatenate((title_words.hashes[in_title], body_words.hashes[in_body]))
    seen = np.concatenate((title_words.offsets[in_title] - (1 << 40), body_words.offsets[in_body]))
    keep = outside(hashes, _FUNCTION_HASHES)
    return rows[keep], hashes[keep], seen[keep]
