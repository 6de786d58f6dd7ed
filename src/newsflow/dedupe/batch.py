"""dedupe_batch: one batch of parsed articles -> duplicate and story links (the entry point)."""

from __future__ import annotations

import numpy as np
import polars as pl

from newsflow import ids, schema
from newsflow.dedupe import lookup
from newsflow.dedupe.agreement import agree
from newsflow.dedupe.agreement_keys import (
    Keys,
    Texts,
    every_token,
    proper_title_names,
)
from newsflow.dedupe.minhash import (
    BANDS,
    candidate_pairs,
    lsh_band_keys,
    similarity,
)
from newsflow.dedupe.openings import Openings
from newsflow.dedupe.sketch import sketch_batch
from newsflow.dedupe.state import DedupeState, day_number, tie_order
from newsflow.dedupe.stories import assign_stories
from newsflow.dedupe.terms import name_words
from newsflow.dedupe.words import hex_key
from newsflow.settings import Settings, Thresholds

# --- the batch ----------------------------------------------------------------------------------


def _canonical_order(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows sorted by the canonical rule: earliest publication, longest body, first seen, id."""
    return frame.sort(
        ["published_date", "word_count", "input_seq", "article_id"],
        descending=[False, True, False, False],
        nulls_last=True,
        maintain_order=True,
    )


def _story_days(batch: pl.DataFrame, state: DedupeState) -> np.ndarray:
    """Each article's clock for the story window: published, else crawled, else (undated) the
    median date of the batch's dated articles, else the latest known date: a bundle is one crawl."""
    dated = batch.select(day_number(pl.coalesce("published_date", "crawl_date")).alias("d"))["d"]
    if dated.null_count() == dated.len():
        known = int(state.days[: state.size].max()) if state.size else 0
        fallback = max(known, state.latest_day)  # on demand: the warehouse's, read at start
    else:
        fallback = int(dated.median())  # type: ignore[arg-type]
    return dated.fill_null(fallback).to_numpy()


def _exact_matches(state: DedupeState, hashes: pl.Series) -> np.ndarray:
    """Earliest known row with each content hash, -1 when unknown."""
    q, rows = state.by_content.lookup(hex_key(hashes, 0))
    match = np.full(hashes.len(), -1, dtype=np.int64)
    values = hashes.to_list()
    rank = tie_order(state, rows)
    for _, qi, row in sorted(zip((-rank).tolist(), q.tolist(), rows.tolist(), strict=True)):
        if state.content_hashes[row] == values[qi]:
            match[qi] = row  # latest first, so the earliest row (tie_order) wins
    return match


def _known_rows(state: DedupeState, article_ids: pl.Series) -> np.ndarray:
    q, rows = state.by_article.lookup(hex_key(article_ids, 2))
    match = np.full(article_ids.len(), -1, dtype=np.int64)
    values = article_ids.to_list()
    for qi, row in zip(q.tolist(), rows.tolist(), strict=True):
        if state.article_ids[row] == values[qi]:
            match[qi] = row
    return match


def _agreeing(
    state: DedupeState,
    batch: pl.DataFrame,
    texts: Texts,
    keys: Keys,
    openings: Openings,
    a_pos: np.ndarray,
    target: np.ndarray,
    fresh: np.ndarray,
    days: np.ndarray,
    thresholds: Thresholds,
) -> np.ndarray:
    """Whether each candidate (batch position a_pos[p], target[p]: a state row, or -(j + 1) for
    fresh article j) agrees on its distinguishing tokens (agreement.agree); `days` are the
    batch's story days (a pair more than `thresholds.refiling_days` apart is a later report)."""
    if a_pos.size == 0:
        return np.zeros(0, bool)
    words = batch["word_count"].fill_null(0).to_numpy()
    in_batch, known = target < 0, target >= 0
    c_keys = np.empty((target.size, keys.lists.shape[1]), np.uint32)
    c_lead = np.empty(target.size, np.int16)
    c_words = np.empty(target.size, np.int64)
    c_days = np.empty(target.size, np.int64)
    c_pos, c_row = fresh[-target[in_batch] - 1], target[known]
    c_keys[in_batch], c_keys[known] = keys.lists[c_pos], state.dup_keys[c_row]
    c_lead[in_batch], c_lead[known] = keys.lead[c_pos], state.dup_lead[c_row]
    c_words[in_batch], c_words[known] = words[c_pos], state.word_counts[c_row]
    c_days[in_batch], c_days[known] = days[c_pos], state.days[c_row]
    c_open = np.empty((target.size, openings.words.shape[1]), np.uint32)
    c_bloom = np.empty((target.size, openings.blooms.shape[1]), np.uint32)
    c_open[in_batch], c_open[known] = openings.words[c_pos], state.dup_opening[c_row]
    c_bloom[in_batch], c_bloom[known] = openings.blooms[c_pos], state.dup_bloom[c_row]
    short = (words[a_pos] < thresholds.short_words) | (c_words < thresholds.short_words)
    apart = np.abs(days[a_pos] - c_days) > thresholds.refiling_days
    asked = np.unique(a_pos)  # every token of the new articles with a candidate only
    tokens = every_token(texts, asked)
    proper = proper_title_names(texts, asked)
    a_row = np.searchsorted(asked, a_pos)
    a_openings = Openings(openings.words[a_pos], openings.blooms[a_pos])
    return agree(
        keys.lists[a_pos], keys.lead[a_pos], a_row, c_keys, c_lead, tokens, proper, short, apart,
        a_openings, Openings(c_open, c_bloom),
    )  # fmt: skip


def _near_links(
    state: DedupeState,
    batch: pl.DataFrame,
    texts: Texts,
    sigs: np.ndarray,
    band_keys: np.ndarray,
    counts: np.ndarray,
    keys: Keys,
    openings: Openings,
    fresh: np.ndarray,
    days: np.ndarray,
    settings: Settings,
) -> tuple[np.ndarray, np.ndarray]:
    """For batch positions `fresh` (in canonical order): (target, similarity), target as a state
    row (>= 0) or -(batch position + 1) for an earlier fresh article of this batch; 0 sim if none.
    A candidate must be similar (`near_duplicate_threshold`) and agree on its distinguishing
    tokens (agreement). `band_keys` are the batch's (`lsh_band_keys(sigs)`)."""
    threshold = settings.thresholds.near_duplicate_threshold
    m = fresh.size
    target = np.zeros(m, dtype=np.int64)
    best = np.zeros(m, dtype=np.float64)
    if m == 0:
        return target, best
    has = counts[fresh] > 0
    fresh_bands = band_keys[fresh]
    pair_i, pair_row = candidate_pairs(*state.bands.lookup(fresh_bands.ravel()))
    # within the batch: fresh articles sharing a bucket, the earlier one as target
    buckets = pl.DataFrame(
        {"key": fresh_bands.ravel(), "i": np.repeat(np.arange(m), BANDS)}
    ).filter(pl.Series(np.repeat(has, BANDS)))
    inner = (
        buckets.join(buckets, on="key", suffix="_j")
        .filter(pl.col("i_j") < pl.col("i"))
        .select("i", "i_j")
        .unique()
        .to_numpy()
        .reshape(-1, 2)
    )
    # the state's rows, not its spare capacity: a kernel sizes its call by its tables (kernels)
    sims_state = similarity(
        sigs,
        fresh[pair_i],
        counts,
        state.signatures[: state.size],
        pair_row,
        state.shingle_counts[: state.size],
    )
    sims_inner = similarity(sigs, fresh[inner[:, 0]], counts, sigs, fresh[inner[:, 1]], counts)
    # candidates: (i, target code, sim); state rows preferred on ties (loaded earlier)
    cand_i = np.concatenate((pair_i, inner[:, 0]))
    cand_t = np.concatenate((pair_row, -(inner[:, 1] + 1)))
    cand_s = np.concatenate((sims_state, sims_inner))
    ok = cand_s >= threshold
    cand_i, cand_t, cand_s = cand_i[ok], cand_t[ok], cand_s[ok]
    ok = _agreeing(
        state,
        batch,
        texts,
        keys,
        openings,
        fresh[cand_i],
        cand_t,
        fresh,
        days,
        settings.thresholds,
    )
    cand_i, cand_t, cand_s = cand_i[ok], cand_t[ok], cand_s[ok]
    # ties: state rows first (in tie_order), then the batch's earlier articles
    tie = np.where(cand_t >= 0, 0, cand_t.size - cand_t).astype(np.int64)
    tie[cand_t >= 0] = tie_order(state, cand_t[cand_t >= 0])
    order = np.lexsort((tie, -cand_s, cand_i))
    is_dup = np.zeros(m, dtype=bool)
    # Sequential by construction: a batch article can only be a target while it is canonical,
    # which depends on the decisions for earlier articles. Loops over verified pairs only.
    for i, t, s in zip(
        cand_i[order].tolist(), cand_t[order].tolist(), cand_s[order].tolist(), strict=True
    ):
        if is_dup[i]:
            continue
        if t < 0 and is_dup[-t - 1]:
            continue
        is_dup[i], target[i], best[i] = True, t, s
    return target, np.where(is_dup, best, 0.0)


def dedupe_batch(articles: pl.DataFrame, state: DedupeState, settings: Settings) -> pl.DataFrame:
    """schema.PARSED -> schema.DEDUPED: duplicate and story links; `state` learns the batch."""
    frame = schema.conform(articles, schema.PARSED)
    if frame.height == 0:
        return schema.empty(schema.DEDUPED)
    if frame["content_hash"].null_count():
        frame = frame.with_columns(
            pl.coalesce(pl.col("content_hash"), ids.content_hash_expr(pl.col("body").fill_null("")))
        )
    lookup.fetch_by_key(state, ids=frame["article_id"], hashes=frame["content_hash"])
    known = _known_rows(state, frame["article_id"])
    known_out = frame.filter(pl.Series(known >= 0)).with_columns(
        pl.Series(
            "duplicate_of", [state.duplicate_of[r] for r in known[known >= 0]], dtype=pl.String
        ),
        pl.Series("dup_method", [state.dup_method[r] for r in known[known >= 0]], dtype=pl.String),
        pl.Series(
            "dup_similarity", [state.dup_similarity[r] for r in known[known >= 0]], dtype=pl.Float64
        ),
        pl.Series("story_id", [state.story_ids[r] for r in known[known >= 0]], dtype=pl.String),
    )
    batch = _canonical_order(frame.filter(pl.Series(known < 0)))
    n = batch.height
    sketch = sketch_batch(batch["title"], batch["body"])
    words, title_words, texts = sketch.words, sketch.title_words, sketch.texts
    sigs, counts, keys, openings = sketch.signatures, sketch.counts, sketch.keys, sketch.openings
    band_keys = lsh_band_keys(sigs)  # once: looked up for the fresh, stored for the canonical
    lookup.fetch_by_key(state, band_keys=band_keys[counts > 0])
    days = _story_days(batch, state)
    lookup.fetch_story_weeks(state, days, settings.thresholds.story_window_days)

    # exact: a known hash points at the known article's canonical; else the first in order wins
    exact_row = _exact_matches(state, batch["content_hash"])
    first_pos = (
        batch.select(pl.int_range(pl.len()).alias("f"))
        .with_columns(pl.col("f").min().over(batch["content_hash"]))["f"]
        .to_numpy()
    )
    positions = np.arange(n)
    fresh = positions[(exact_row < 0) & (first_pos == positions)]
    near_target, near_sim = _near_links(
        state, batch, texts, sigs, band_keys, counts, keys, openings, fresh, days, settings
    )

    duplicate_of: list[str | None] = [None] * n
    method: list[str | None] = [None] * n
    sim: list[float | None] = [None] * n
    canonical_pos = np.full(n, -1, dtype=np.int64)  # batch position of the canonical, if in batch
    story_row = np.full(n, -1, dtype=np.int64)  # known row whose story a duplicate shares
    ids_list = batch["article_id"].to_list()
    for k, p in enumerate(fresh.tolist()):
        if near_sim[k] > 0:
            t = int(near_target[k])
            method[p], sim[p] = "near", round(float(near_sim[k]), 4)
            if t >= 0:
                story_row[p] = t
                duplicate_of[p] = state.article_ids[t]
            else:
                canonical_pos[p] = int(fresh[-t - 1])
                duplicate_of[p] = ids_list[canonical_pos[p]]
    for p in positions[(exact_row >= 0) | (first_pos != positions)].tolist():
        if exact_row[p] >= 0:
            row = int(exact_row[p])
            if state.duplicate_of[row] is None:
                story_row[p], method[p], sim[p] = row, "exact", 1.0
                duplicate_of[p] = state.article_ids[row]
            else:  # an exact copy of a known near duplicate: same canonical, same similarity
                duplicate_of[p], method[p], sim[p] = (
                    state.duplicate_of[row],
                    state.dup_method[row],
                    state.dup_similarity[row],
                )
                story_row[p] = row
        else:
            first = int(first_pos[p])
            if duplicate_of[first] is None:
                canonical_pos[p], method[p], sim[p] = first, "exact", 1.0
                duplicate_of[p] = ids_list[first]
            else:
                canonical_pos[p], story_row[p] = canonical_pos[first], story_row[first]
                duplicate_of[p], method[p], sim[p] = duplicate_of[first], method[first], sim[first]

    is_canonical = np.array([d is None for d in duplicate_of], dtype=bool)
    links = batch.with_columns(
        pl.Series("duplicate_of", duplicate_of, dtype=pl.String),
        pl.Series("dup_method", method, dtype=pl.String),
        pl.Series("dup_similarity", sim, dtype=pl.Float64),
        pl.lit(None, dtype=pl.String).alias("story_id"),
        pl.Series("day", days),
        pl.lit(0.0).alias("story_weight"),
    )
    new_rows = state.append(links, sigs, counts, keys, openings)
    indexed = np.flatnonzero(is_canonical & (counts > 0))
    state.bands.add(band_keys[indexed].ravel(), np.repeat(new_rows[indexed], BANDS))
    story_ids, terms = assign_stories(
        state, batch, title_words, words, name_words(title_words, words), new_rows,
        is_canonical, settings,
    )  # fmt: skip
    for p in np.flatnonzero(~is_canonical).tolist():  # a duplicate shares its canonical's story
        source = int(story_row[p]) if story_row[p] >= 0 else int(new_rows[canonical_pos[p]])
        story_ids[p] = state.story_ids[source]
        state.story_ids[int(new_rows[p])] = story_ids[p]
    out = links.with_columns(pl.Series("story_id", story_ids, dtype=pl.String))
    term_lists = terms.group_by("row", maintain_order=True).agg(
        pl.col("term_key").alias("story_terms")
    )
    state.new_terms.append(
        term_lists.with_columns(pl.Series("row", new_rows[term_lists["row"].to_numpy()]))
    )
    result = pl.concat(
        [known_out.select(schema.DEDUPED.names()), out.select(schema.DEDUPED.names())]
    )
    order = frame.select(pl.col("article_id"), pl.int_range(pl.len()).alias("_pos"))
    return (
        result.join(order, on="article_id").sort("_pos").drop("_pos").select(schema.DEDUPED.names())
    )
