"""Exact and near duplicates, and story clustering, across batches and runs (issue 5).

Rules (stable across runs; a rerun of a loaded article returns its stored links unchanged):

* Exact duplicate: same `content_hash` (sha256 of the normalised body: case, spacing,
  punctuation and the crawl stamp removed). `dup_method = "exact"`, `dup_similarity = 1`.
* Near duplicate: word-bigram shingles of the normalised body, a MinHash signature (128
  permutations: rensa's R-MinHash values, computed by `minhash._digests`), LSH banding (32 bands x 4 rows) for candidates, then verification on the
  full signatures: the estimated containment C of the shorter text's shingles in the other's,
  reported as the word-level similarity `C ** (1/2)` (under independent word edits at rate p a
  bigram survives with probability (1-p)^2, so this estimates the share of words kept; a trimmed
  copy scores 1). A pair with similarity >= `thresholds.near_duplicate_threshold` is marked
  when it also agrees on what tells items of one template apart (`agreement`: names, tickers,
  figures, dates and sessions of title and lead; items published more than
  `thresholds.refiling_days` apart on every figure of the leads, and of a statistics table).
* Canonical: an article already known (loaded earlier, or in an earlier batch) stays canonical;
  among new articles the earliest publication wins, then the longest body, then the first seen
  (input_seq), then article_id. `duplicate_of` always names a canonical article.
* Story: a canonical article joins the story of the earlier article (within
  `thresholds.story_window_days`) whose salient terms (capitalised names not used in lower case,
  and content words of title and lead at CONTENT_WEIGHT, all idf-weighted) overlap its own most:
  shared weight over the larger article's >= `thresholds.story_threshold` with at least four
  shared terms (over the smaller's until issue 21's stories7: a short routine item joined any
  report holding its few terms), unless that story holds an item of its template
  (MinHash similarity >= TEMPLATE_SIMILARITY) dated TEMPLATE_GAP_DAYS or more apart, or a day
  or more apart under a headline opening with the same HEADLINE_KEYS words (`repeats`: another
  round of a routine report, the next day's operation); then the next candidate's story;
  otherwise it founds a story `s_<hash of its article_id>`. A candidate days apart needs
  `thresholds.story_day_step` of score per day between the two (a report days older that
  shares only the beat's words is another happening). A candidate whose title and lead
  name countries the article never mentions, when the article's headline names one, does not
  count (`countries`: offers of one template to different countries), nor does one whose
  headline names other companies by ticker, none in common, two or more days apart
  (`companies`: routine items of one template, GUIDE's parallel announcements are within two
  days). An undated article (no published or crawl date: BBC files) joins only at
  `thresholds.undated_story_threshold`: the window cannot keep it from a report on the same
  theme weeks apart.
  An undated article takes the median date of its batch's dated articles (a bundle is one crawl).
  Duplicates share their canonical's story. Candidates come from an inverted index of each
  article's STORY_KEY_TERMS most distinctive terms (tf-idf) keyed by (term, week), blocked by the
  date window and capped at the latest POSTINGS_PER_LOOKUP postings per key: sub-quadratic.

Why our own banding index instead of `rensa.RMinHashLSH`: rensa's index can only be filled from
`RMinHash` objects or digest matrices computed from tokens, so persisted signatures could not be
reloaded without the text; here bands are numpy arrays in sorted key levels (an LSM-like merge)
behind a bit filter and bucket directories (`KeyIndex`), rebuilt from the stored digests in
seconds at a million articles. MinHash digests are rensa's R-MinHash (algorithm 2), computed
by our own compiled kernel (`minhash`): rensa returns them only as Python lists.
"""

from newsflow.dedupe.batch import dedupe_batch
from newsflow.dedupe.keyindex import KeyIndex
from newsflow.dedupe.minhash import (
    BANDS,
    NUM_PERM,
    ROWS_PER_BAND,
    SKETCH_VERSION,
    candidate_pairs,
    shingle_signatures,
    similarity,
)
from newsflow.dedupe.state import (
    DedupeState,
    known_duplicates,
    load_state,
    state_row_chunks,
    state_rows,
)
from newsflow.dedupe.words import Words, hash_words, tokenise

__all__ = [
    "BANDS",
    "DedupeState",
    "KeyIndex",
    "NUM_PERM",
    "ROWS_PER_BAND",
    "SKETCH_VERSION",
    "Words",
    "candidate_pairs",
    "dedupe_batch",
    "hash_words",
    "known_duplicates",
    "load_state",
    "shingle_signatures",
    "similarity",
    "state_row_chunks",
    "state_rows",
    "tokenise",
]
