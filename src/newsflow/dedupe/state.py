"""DedupeState: what dedupe knows of earlier articles, read from and written to the warehouse."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import duckdb
import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from newsflow import resources
from newsflow.dedupe.agreement_keys import KMAX, Keys
from newsflow.dedupe.keyindex import KeyIndex
from newsflow.dedupe.minhash import BANDS, NUM_PERM, SKETCH_VERSION, lsh_band_keys
from newsflow.dedupe.openings import BLOOM_WORDS, OPENING_SLOTS, Openings
from newsflow.dedupe.strings import Strings
from newsflow.dedupe.terms import DF_SLOTS, STORY_KEY_TERMS, WEEK_DAYS, df_slot, posting_key
from newsflow.dedupe.words import hex_key

_U64 = np.uint64
GROW_ROWS = 4096  # the state's arrays grow by whole steps of this many articles


# --- state ------------------------------------------------------------------------------------


@dataclass
class DedupeState:
    """Everything dedupe knows: every earlier article (row numbers in load/arrival order), the
    content-hash and article-id indexes, MinHash LSH bands, agreement keys (`agreement`) and
    salient-term postings of canonical articles, and the rows new in this run (`state_rows`)."""

    article_ids: Strings = field(default_factory=Strings)
    content_hashes: Strings = field(default_factory=Strings)
    duplicate_of: list[str | None] = field(default_factory=list)
    dup_method: list[str | None] = field(default_factory=list)
    dup_similarity: list[float | None] = field(default_factory=list)
    story_ids: Strings = field(default_factory=Strings)
    days: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    signatures: np.ndarray = field(default_factory=lambda: np.zeros((0, NUM_PERM), np.uint32))
    shingle_counts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    story_weights: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float64))
    dup_keys: np.ndarray = field(default_factory=lambda: np.zeros((0, KMAX), np.uint32))
    dup_lead: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int16))
    # openings and Bloom filters of their text (dedupe.openings): an updated page is no copy
    dup_opening: np.ndarray = field(default_factory=lambda: np.zeros((0, OPENING_SLOTS), np.uint32))
    dup_bloom: np.ndarray = field(default_factory=lambda: np.zeros((0, BLOOM_WORDS), np.uint32))
    word_counts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    size: int = 0
    by_article: KeyIndex = field(default_factory=KeyIndex)
    by_content: KeyIndex = field(default_factory=KeyIndex)
    bands: KeyIndex = field(default_factory=KeyIndex)
    terms: KeyIndex = field(default_factory=KeyIndex)  # key-term postings of loaded rows
    run_terms: KeyIndex = field(default_factory=KeyIndex)  # ... and of the run's new rows
    term_df: np.ndarray = field(default_factory=lambda: np.zeros(DF_SLOTS, np.uint32))
    canonical_count: int = 0
    # rows read from the warehouse (all before the run's in `full` history; read as batches
    # need them in `on_demand`, dedupe.lookup): the others are new in this run (`state_rows`)
    loaded: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    new_terms: list[pl.DataFrame] = field(default_factory=list)  # (row, story_terms) per batch
    # on demand: where earlier rows are read from (dedupe.lookup.DedupeHistory), the warehouse's
    # latest story day (the undated fallback), the ids and story weeks read so far
    history: Any = None
    latest_day: int = 0
    held_ids: dict[str, int] = field(default_factory=dict)  # article id -> row
    held_weeks: set[int] = field(default_factory=set)

    def _grow(self, n: int) -> None:
        need = self.size + n
        if need <= self.days.size:
            return
        # to the next GROW_ROWS, not by a factor: resize zero-fills the spare rows, so spare
        # capacity is resident memory (25% spare was up to 280 MB at a million articles), and
        # an in-place realloc (mremap for large blocks) makes growing often cheap: no second
        # copy of a million signatures. Nothing keeps views of these arrays between batches.
        capacity = -(-need // GROW_ROWS) * GROW_ROWS
        for a in (
            self.days,
            self.signatures,
            self.shingle_counts,
            self.story_weights,
            self.dup_keys,
            self.dup_lead,
            self.dup_opening,
            self.dup_bloom,
            self.word_counts,
            self.loaded,
        ):
            a.resize((capacity, *a.shape[1:]), refcheck=False)

    def append(
        self,
        rows: pl.DataFrame,
        signatures: np.ndarray,
        shingle_counts: np.ndarray,
        keys: Keys,
        openings: Openings | None = None,
        loaded: bool = False,
    ) -> np.ndarray:
        """Add articles (article_id, content_hash, links, day, story_weight, word_count) with
        their signatures, agreement keys and openings (none: all 0, never an updated page),
        `loaded` from the warehouse or new; return their rows."""
        n = rows.height
        self._grow(n)
        new = np.arange(self.size, self.size + n, dtype=np.int64)
        self.article_ids.extend(rows["article_id"].to_list())
        self.content_hashes.extend(rows["content_hash"].to_list())
        self.duplicate_of.extend(rows["duplicate_of"].to_list())
        self.dup_method.extend(rows["dup_method"].to_list())
        self.dup_similarity.extend(rows["dup_similarity"].to_list())
        self.story_ids.extend(rows["story_id"].to_list())
        self.days[new] = rows["day"].fill_null(0).to_numpy()
        self.signatures[new] = signatures
        self.shingle_counts[new] = shingle_counts
        self.story_weights[new] = rows["story_weight"].fill_null(0.0).to_numpy()
        self.dup_keys[new] = keys.lists
        self.dup_lead[new] = keys.lead
        self.dup_opening[new] = openings.words if openings is not None else 0
        self.dup_bloom[new] = openings.blooms if openings is not None else 0
        self.word_counts[new] = rows["word_count"].fill_null(0).to_numpy()
        self.loaded[new] = loaded
        self.size += n
        self.by_article.add(hex_key(rows["article_id"], 2), new)
        self.by_content.add(hex_key(rows["content_hash"], 0), new)
        return new


def tie_order(state: DedupeState, rows: np.ndarray) -> np.ndarray:
    """A rank for each of `rows` (state rows) in the order a whole-history read holds them:
    loaded articles by story day and article id (queries/dedupe_state.sql), then the run's new
    rows in arrival order. Ties between candidates are broken by it, not by row number, so
    that on demand (rows numbered in the order batches read them) decides as `full` does."""
    if rows.size == 0:
        return np.zeros(0, np.int64)
    loaded = state.loaded[rows]
    frame = pl.DataFrame(
        {
            "new": ~loaded,
            "day": np.where(loaded, state.days[rows], 0),
            "id": [
                i if o else "" for i, o in zip(state.article_ids.take(rows), loaded, strict=True)
            ],
            "row": rows,
        }
    )
    order = frame.with_row_index("k").sort(["new", "day", "id", "row"])["k"].to_numpy()
    rank = np.empty(rows.size, np.int64)
    rank[order] = np.arange(rows.size)
    return rank


def day_number(col: str | pl.Expr) -> pl.Expr:
    expr = pl.col(col) if isinstance(col, str) else col
    return expr.cast(pl.Date).cast(pl.Int64)


def load_state(con: duckdb.DuckDBPyConnection) -> DedupeState:
    """Read every earlier article's hash, links and signature once (sql/queries/dedupe_state.sql)."""
    state = DedupeState()
    absorb(state, read_arrow(con, resources.sql("queries/dedupe_state.sql"), {}), count_terms=True)
    return state


def read_arrow(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> pa.Table:
    table = con.execute(sql, params).arrow()
    return table.read_all() if isinstance(table, pa.RecordBatchReader) else table


def absorb(
    state: DedupeState, table: pa.Table, *, count_terms: bool, held: np.ndarray | None = None
) -> np.ndarray:
    """Add earlier articles (queries/dedupe_state.sql columns) to the state as loaded rows: their
    signatures, LSH bands and key-term postings when canonical and of the current sketch
    version; with `count_terms`, their canonical count and term frequencies too (a whole-history
    read; on demand those come from the warehouse's totals, dedupe.lookup). `held`: the state
    row of each table row the state holds already (-1: not held); those are not added again,
    but their key terms are posted again with the others, in table order, so that a (term,
    week) key's latest postings are those a whole-history read would give. Returns the rows."""
    if table.num_rows == 0:
        return np.zeros(0, np.int64)
    held = np.full(table.num_rows, -1, np.int64) if held is None else held
    fresh = held < 0
    lists = [c for c in ("minhash", "story_terms", "dup_keys", "dup_opening", "dup_bloom")
             if c in table.column_names]  # fmt: skip
    frame = pl.from_arrow(table.drop_columns(lists))
    assert isinstance(frame, pl.DataFrame)
    canonical = frame["duplicate_of"].is_null().to_numpy()
    rows = held.copy()
    if fresh.any():
        part = table.filter(pa.array(fresh))
        rows[fresh] = _append_loaded(state, part, frame.filter(pl.Series(fresh)))
    terms = table.column("story_terms").combine_chunks()
    lengths = np.asarray(pc.list_value_length(terms).fill_null(0))
    term_rows = np.repeat(rows, lengths)
    term_keys = np.asarray(terms.flatten()).astype(_U64)
    rank = np.arange(term_keys.size) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    keep = np.repeat(canonical, lengths)
    if count_terms:
        state.canonical_count += int(canonical.sum())
        counts = np.bincount(df_slot(term_keys[keep]), minlength=DF_SLOTS)
        state.term_df += counts.astype(np.uint32)
    key_terms = keep & (rank < STORY_KEY_TERMS)
    state.terms.add(
        posting_key(term_keys[key_terms], state.days[term_rows[key_terms]] // WEEK_DAYS),
        term_rows[key_terms],
    )
    return rows


def _append_loaded(state: DedupeState, table: pa.Table, frame: pl.DataFrame) -> np.ndarray:
    """Append loaded articles (`frame`: `table` without its list columns) with their signatures
    and agreement keys, and index the LSH bands of the canonical ones; return their rows."""
    usable = (frame["sketch_version"] == SKETCH_VERSION).fill_null(False).to_numpy()
    signatures = np.zeros((frame.height, NUM_PERM), dtype=np.uint32)
    minhash = table.column("minhash").combine_chunks().cast(pa.large_list(pa.uint32()))
    usable &= np.asarray(pc.list_value_length(minhash).fill_null(0)) == NUM_PERM
    if usable.any():
        offsets = np.asarray(minhash.offsets)
        values = np.asarray(minhash.values)
        signatures[usable] = values[offsets[:-1][usable][:, None] + np.arange(NUM_PERM)[None, :]]
    shingle_counts = np.where(usable, frame["shingle_count"].fill_null(0).to_numpy(), 0)
    rows = frame.with_columns(day_number("story_day").alias("day"))
    keys = _stored_keys(table, usable)
    openings = Openings(
        _stored_array(table, "dup_opening", OPENING_SLOTS, usable),
        _stored_array(table, "dup_bloom", BLOOM_WORDS, usable),
    )
    new = state.append(rows, signatures, shingle_counts, keys, openings, loaded=True)
    canonical = frame["duplicate_of"].is_null().to_numpy()
    indexed = new[canonical & usable & (shingle_counts > 0)]
    if indexed.size:
        state.bands.add(
            lsh_band_keys(signatures[indexed - new[0]]).ravel(), np.repeat(indexed, BANDS)
        )
    return new


def _stored_keys(table: pa.Table, usable: np.ndarray) -> Keys:
    """The persisted agreement keys, padded to KMAX (none for rows of another sketch version)."""
    lists = _stored_array(table, "dup_keys", KMAX, usable)
    lengths = (lists != 0).sum(axis=1)
    lead = np.asarray(table.column("dup_lead").fill_null(0)).astype(np.int16) * usable
    return Keys(lists, np.minimum(lead, lengths).astype(np.int16))


def _stored_array(table: pa.Table, column: str, width: int, usable: np.ndarray) -> np.ndarray:
    """A persisted uint32 list column as rows of `width` (0-padded; 0 for rows without one: of
    another sketch version, or stored before the column was kept)."""
    out = np.zeros((table.num_rows, width), np.uint32)
    if column not in table.column_names:
        return out
    values = table.column(column).combine_chunks().cast(pa.large_list(pa.uint32()))
    lengths = np.minimum(np.asarray(pc.list_value_length(values).fill_null(0)), width) * usable
    if lengths.any():
        offsets = np.asarray(values.offsets)[:-1]
        row = np.repeat(np.arange(table.num_rows), lengths)
        slot = np.arange(row.size) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        out[row, slot] = np.asarray(values.values)[offsets[row] + slot]
    return out


def known_duplicates(state: DedupeState) -> pl.DataFrame:
    """(article_id) of the articles loaded before this run that are duplicates: a new article
    may never point at one of them (the load gate's "duplicate_of -> a canonical article")."""
    rows = np.flatnonzero(state.loaded[: state.size]).tolist()
    return (
        pl.DataFrame(
            {
                "article_id": state.article_ids.take(np.asarray(rows, np.int64)),
                "duplicate_of": [state.duplicate_of[r] for r in rows],
            },
            schema={"article_id": pl.String, "duplicate_of": pl.String},
        )
        .filter(pl.col("duplicate_of").is_not_null())
        .select("article_id")
    )


SIGNATURE_COLUMNS = [
    "article_id",
    "content_hash",
    "sketch_version",
    "shingle_count",
    "minhash",
    "story_day",
    "story_terms",
    "story_weight",
    "dup_keys",
    "dup_lead",
    "dup_opening",
    "dup_bloom",
]


# new articles per chunk of the end-of-run rows: the load stages each chunk as one file, so a
# big run never holds all its signature and band rows at once (at 1M documents they were 1.9 GB
# on top of the state; bench/bench_dedupe.py)
STATE_CHUNK_ROWS = 50_000


def state_rows(state: DedupeState) -> dict[str, pl.DataFrame]:
    """All rows new this run, by table, in one frame each (`state_row_chunks` concatenated)."""
    chunks = list(state_row_chunks(state))
    if not chunks:
        return {table: pl.DataFrame(schema=schema) for table, schema in STATE_SCHEMAS.items()}
    return {table: pl.concat([c[table] for c in chunks]) for table in STATE_SCHEMAS}


def state_row_chunks(
    state: DedupeState, rows_per_chunk: int | None = None
) -> Iterator[dict[str, pl.DataFrame]]:
    """Rows new this run, for the load, by table, `rows_per_chunk` new articles at a time
    (default STATE_CHUNK_ROWS): `article_signatures` (story_terms ordered key terms first) and
    the LSH band keys of the canonical ones (`article_bands`)."""
    rows_per_chunk = rows_per_chunk or STATE_CHUNK_ROWS
    new = np.flatnonzero(~state.loaded[: state.size])
    spans = [(f["row"].min(), f["row"].max()) for f in state.new_terms]  # a batch's rows each
    for start in range(0, new.size, rows_per_chunk):
        part = new[start : start + rows_per_chunk]
        first, last = int(part[0]), int(part[-1])
        pieces = [
            f.filter(pl.col("row").is_between(first, last)).with_columns(
                pl.col("row").cast(pl.Int64)
            )
            for f, (lo, hi) in zip(state.new_terms, spans, strict=True)
            if f.height and lo <= last and hi >= first  # type: ignore[operator]
        ]
        terms = (
            pl.concat(pieces)
            if pieces
            else pl.DataFrame(schema={"row": pl.Int64, "story_terms": pl.List(pl.UInt64)})
        )
        yield _chunk_rows(state, part, terms)


def _chunk_rows(
    state: DedupeState, new: np.ndarray, terms: pl.DataFrame
) -> dict[str, pl.DataFrame]:
    """`state_row_chunks` of the new rows `new` (their story terms: `terms`)."""
    rows = pl.DataFrame(
        {
            "article_id": state.article_ids.take(new),
            "content_hash": state.content_hashes.take(new),
            "row": new,
        },
        schema={"article_id": pl.String, "content_hash": pl.String, "row": pl.Int64},
    )
    counts = state.shingle_counts[new]
    signatures = (
        rows.with_columns(
            pl.lit(SKETCH_VERSION).alias("sketch_version"),
            pl.Series("shingle_count", counts, dtype=pl.Int32),
            pl.when(pl.Series(counts) > 0)
            .then(pl.Series(state.signatures[new], dtype=pl.Array(pl.UInt32, NUM_PERM)))
            .alias("minhash"),
            pl.Series("story_day", state.days[new]).cast(pl.Int32).cast(pl.Date),
            pl.Series("story_weight", state.story_weights[new], dtype=pl.Float64),
            pl.Series("dup_keys", state.dup_keys[new], dtype=pl.Array(pl.UInt32, KMAX))
            .arr.to_list()
            .list.eval(pl.element().filter(pl.element() != 0)),
            pl.Series("dup_lead", state.dup_lead[new], dtype=pl.Int16),
            pl.Series(
                "dup_opening", state.dup_opening[new], dtype=pl.Array(pl.UInt32, OPENING_SLOTS)
            )
            .arr.to_list()
            .list.eval(pl.element().filter(pl.element() != 0)),
            pl.Series(
                "dup_bloom", state.dup_bloom[new], dtype=pl.Array(pl.UInt32, BLOOM_WORDS)
            ).arr.to_list(),
        )
        .join(
            terms,
            on="row",
            how="left",
            maintain_order="left",
        )
        .with_columns(pl.col("story_terms").fill_null(pl.lit([], dtype=pl.List(pl.UInt64))))
        .select(SIGNATURE_COLUMNS)
    )
    ids = rows["article_id"].to_numpy()
    canonical = np.array([state.duplicate_of[r] is None for r in new.tolist()], bool)
    banded = np.flatnonzero(canonical & (counts > 0))
    bands = band_rows(ids[banded], state.signatures[new[banded]])
    return {"article_signatures": signatures.cast(SIGNATURE_SCHEMA), "article_bands": bands}


def band_rows(article_ids: np.ndarray, signatures: np.ndarray) -> pl.DataFrame:
    """`article_bands` rows (sql/092_dedupe_lookup.sql): each article's LSH band keys."""
    return pl.DataFrame(
        {
            "band_key": lsh_band_keys(signatures).ravel(),
            "article_id": np.repeat(article_ids, BANDS),
        },
        schema={"band_key": pl.UInt64, "article_id": pl.String},
    )


SIGNATURE_SCHEMA = pl.Schema(
    {
        "article_id": pl.String(),
        "content_hash": pl.String(),
        "sketch_version": pl.String(),
        "shingle_count": pl.Int32(),
        "minhash": pl.Array(pl.UInt32, NUM_PERM),
        "story_day": pl.Date(),
        "story_terms": pl.List(pl.UInt64),
        "story_weight": pl.Float64(),
        "dup_keys": pl.List(pl.UInt32()),
        "dup_lead": pl.Int16(),
        "dup_opening": pl.List(pl.UInt32()),
        "dup_bloom": pl.List(pl.UInt32()),
    }
)
STATE_SCHEMAS = {
    "article_signatures": SIGNATURE_SCHEMA,
    "article_bands": pl.Schema({"band_key": pl.UInt64(), "article_id": pl.String()}),
}
