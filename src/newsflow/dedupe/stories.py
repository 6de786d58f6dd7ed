"""Story clustering of canonical articles over their salient terms (see the package doc)."""

from __future__ import annotations

import numpy as np
import polars as pl

from newsflow import ids
from newsflow.dedupe import content_words as content
from newsflow.dedupe.companies import other_companies
from newsflow.dedupe.countries import other_countries
from newsflow.dedupe.repeats import template_repeats
from newsflow.dedupe.state import DedupeState, tie_order
from newsflow.dedupe.terms import (
    DF_SLOTS,
    STORY_KEY_TERMS,
    WEEK_DAYS,
    Names,
    df_slot,
    posting_key,
    salient_terms,
)
from newsflow.dedupe.words import Words
from newsflow.settings import Settings

MIN_SHARED_TERMS = 4  # key terms two articles must share to be compared for a story
IDF_PRIOR_DOCS = 1_000  # pseudo-documents so idf is sane in a small warehouse
POSTINGS_PER_LOOKUP = 24  # latest articles looked up per (term, week): bounds a busy week


def _shared_terms(pairs: pl.DataFrame) -> pl.DataFrame:
    """(i, j, shared weight, n_shared) of the article pairs (i, j, w: one row per key term they
    share) that share at least MIN_SHARED_TERMS. The weight is rounded: a float sum differs in
    its last bits with the order of its terms, and the order postings come back in must not
    decide which story an article joins (a 200k-document check found 46 that it did)."""
    return (
        pairs.group_by("i", "j")
        .agg(pl.col("w").sum().round(9).alias("shared"), pl.len().alias("n_shared"))
        .filter(pl.col("n_shared") >= MIN_SHARED_TERMS)
    )


def _latest_postings(state: DedupeState, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(position in `keys`, row) of the latest POSTINGS_PER_LOOKUP postings of each (term,
    week) key: the run's own articles first, then loaded ones, latest first in the order a
    whole-history read holds them. On demand a row read by band key and again with its week
    is posted twice (dedupe.state.absorb): it counts once."""
    q_run, run = state.run_terms.lookup(keys, limit=POSTINGS_PER_LOOKUP)
    left = POSTINGS_PER_LOOKUP - np.bincount(q_run, minlength=keys.size)
    q_old, old = state.terms.lookup(keys, limit=left)
    if q_old.size:  # a run's rows are posted once and never loaded: repeats are loaded rows
        found = pl.DataFrame(
            {"q": q_old, "row": old}, schema={"q": pl.Int64, "row": pl.Int64}
        ).unique(maintain_order=True)
        q_old, old = found["q"].to_numpy(), found["row"].to_numpy()
    return np.concatenate((q_run, q_old)).astype(np.int64), np.concatenate((run, old)).astype(
        np.int64
    )


def undated_positions(batch: pl.DataFrame) -> np.ndarray:
    """Batch positions of the articles with neither a published nor a crawl date. Their story
    day is the batch's (dedupe.batch._story_days), so the story window cannot keep them from
    a report on the same theme weeks apart: on the four spent BBC blocks (no file carries a
    date) 19 of the 25 joins at the dated threshold were false ("NHS waiting time target is
    cut" and "Wales 'must learn health lessons'", two stories by the labels), so they join
    only at `thresholds.undated_story_threshold` (issue 21)."""
    dated = batch.select(pl.coalesce("published_date", "crawl_date").is_not_null()).to_series()
    return np.flatnonzero(~dated.to_numpy())


def assign_stories(
    state: DedupeState,
    batch: pl.DataFrame,
    title_words: Words,
    words: Words,
    names: Names,
    new_rows: np.ndarray,
    is_canonical: np.ndarray,
    settings: Settings,
) -> tuple[list[str | None], pl.DataFrame]:
    """Story ids of the batch's canonical articles (None for duplicates), and every canonical
    article's salient terms ordered key terms first (row = batch position).

    The batch is already in the state (rows in canonical order), so an article is compared with
    indexed articles and with earlier ones of its own batch alike: those with a lower row."""
    window = settings.thresholds.story_window_days
    n = batch.height
    canonical_positions = pl.Series(np.flatnonzero(is_canonical)).implode()
    terms = salient_terms(title_words, words, names).filter(
        pl.col("row").is_in(canonical_positions)
    )
    keys = terms["term_key"].to_numpy()
    state.term_df += np.bincount(df_slot(keys), minlength=DF_SLOTS).astype(np.uint32)
    state.canonical_count += int(is_canonical.sum())
    df = state.term_df[df_slot(keys)].astype(np.float64)
    idf = np.log((state.canonical_count + IDF_PRIOR_DOCS) / np.maximum(df, 1.0))
    tf = terms["tf"].to_numpy().astype(np.float64)
    named = terms["name"].to_numpy()
    terms = (
        terms.with_columns(
            pl.Series("w", (1.0 + np.log(tf)) * idf * np.where(named, 1.0, content.CONTENT_WEIGHT)),
            pl.int_range(pl.len()).over("row").alias("seen"),
        )
        .sort(["row", "w", "seen"], descending=[False, True, False])
        .with_columns((pl.int_range(pl.len()).over("row") < STORY_KEY_TERMS).alias("key"))
    )
    key_terms = terms.filter("key")
    positions = key_terms["row"].to_numpy()
    key_w = key_terms["w"].to_numpy()
    key_hashes = key_terms["term_key"].to_numpy()
    rows = new_rows[positions]
    state.story_weights[new_rows] = np.bincount(positions, weights=key_w, minlength=n)
    state.run_terms.add(posting_key(key_hashes, state.days[rows] // WEEK_DAYS), rows)

    # candidates: earlier articles posting a shared key term in a week the window touches
    days = state.days[rows]
    first_week, last_week = (days - window) // WEEK_DAYS, (days + window) // WEEK_DAYS
    spans = last_week - first_week + 1
    probe = np.repeat(np.arange(rows.size), spans)
    offsets = np.arange(probe.size) - np.repeat(np.cumsum(spans) - spans, spans)
    q, found = _latest_postings(state, posting_key(key_hashes[probe], first_week[probe] + offsets))
    i_rows = rows[probe[q]]
    near = (found < i_rows) & (np.abs(state.days[found] - state.days[i_rows]) <= window)
    pairs = pl.DataFrame(
        {"i": i_rows[near], "j": found[near], "w": key_w[probe[q]][near]},
        schema={"i": pl.Int64, "j": pl.Int64, "w": pl.Float64},
    )
    scored = _shared_terms(pairs)
    # shared weight over the larger signature's (over the smaller's until issue 21's stories7):
    # a short routine item (a money-market line, a ship-loading table) whose few terms all
    # recur in the next day's item, or in a longer report, is not thereby close to it
    larger = np.maximum(
        state.story_weights[scored["i"].to_numpy()], state.story_weights[scored["j"].to_numpy()]
    )
    candidates = (
        scored.with_columns(
            (pl.col("shared") / pl.Series(np.maximum(larger, 1e-9))).alias("score"),
            pl.Series("tie", tie_order(state, scored["j"].to_numpy())),  # equal scores
            pl.Series(
                "days_apart",
                np.abs(state.days[scored["i"].to_numpy()] - state.days[scored["j"].to_numpy()]),
            ),
        )
        .filter(pl.col("score") >= settings.thresholds.story_threshold)
        .filter(pl.col("score") >= settings.thresholds.story_day_step * pl.col("days_apart"))
        .filter(
            ~pl.col("i").is_in(pl.Series(new_rows[undated_positions(batch)]).implode())
            | (pl.col("score") >= settings.thresholds.undated_story_threshold)
        )
        .sort(["i", "score", "tie"], descending=[False, True, False])
    )
    # an item naming one country in its headline is not news about another (dedupe.countries)
    candidates = candidates.filter(
        ~pl.Series(other_countries(state, candidates, title_words, words, new_rows))
    )
    # nor are different companies' announcements days apart (dedupe.companies)
    candidates = candidates.filter(~pl.Series(other_companies(state, candidates)))
    best = candidates.unique("i", keep="first", maintain_order=True)
    # filings of one template share most key terms: their pairs are among the scored ones
    repeated = template_repeats(state, scored.filter(pl.col("i").is_in(best["i"].implode())))
    ranked = {i: [j] for i, j in zip(best["i"].to_list(), best["j"].to_list(), strict=True)}
    barring = candidates.filter(pl.col("i").is_in(list(repeated))).group_by("i").agg("j")
    ranked.update(zip(barring["i"].to_list(), barring["j"].to_list(), strict=True))
    ids_list = batch["article_id"].to_list()
    story_ids: list[str | None] = [None] * n
    # Sequential: an article's story is known once the earlier one it joins has one. It joins
    # its best candidate's story unless that story holds a filing of its template days apart.
    for p in np.flatnonzero(is_canonical).tolist():
        row = int(new_rows[p])
        barred = {state.story_ids[j] for j in repeated.get(row, ())}
        story = next(
            (s for s in (state.story_ids[j] for j in ranked.get(row, ())) if s not in barred),
            None,
        )
        story_ids[p] = story or "s_" + ids.short_hash("story", ids_list[p])
        state.story_ids[row] = story_ids[p]
    return story_ids, terms.select("row", "term_key")
