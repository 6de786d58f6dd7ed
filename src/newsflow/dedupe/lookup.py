"""Dedupe history on demand (issue 24): the earlier articles one batch can touch, read from the
warehouse by key instead of whole at the start of every run (`Settings.history = "on_demand"`).

Of the earlier articles a batch needs those with its ids (a rerun returns their stored links),
its content hashes (exact copies), its LSH band keys (near-duplicate candidates:
sql/092_dedupe_lookup.sql `article_bands`) and the canonical ones of the weeks its story window
touches (story candidates). The story weights also need two totals, read once per run: the
number of canonical articles and the term document frequencies (`story_term_df`: at most
DF_SLOTS rows, whatever the warehouse holds); an undated batch needs the latest story day.
Rows read join the run's DedupeState as `load_state` adds them (`state.absorb`), so the batch
code is the same in both modes. Each read opens its own short read-only connection: the run
holds the run lock, and its load at the end is the only writer (docs/design.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb
import numpy as np
import polars as pl
import pyarrow as pa

from newsflow import resources
from newsflow import warehouse as wh
from newsflow.dedupe.minhash import NUM_PERM, SKETCH_VERSION
from newsflow.dedupe.state import DedupeState, absorb, band_rows, read_arrow
from newsflow.dedupe.terms import DF_SLOTS, WEEK_DAYS

_EPOCH = date(1970, 1, 1)


@dataclass
class DedupeHistory(wh.ShortReads):
    """Reads of earlier articles by key, each in a short read-only connection."""

    rows: int = 0  # articles read

    def read(self, query: str, params: dict[str, Any]) -> pa.Table:
        """The rows of sql/`query` (a file under sql/) with `params`."""
        return self.arrow(resources.sql(query), params)


def open_state(con: duckdb.DuckDBPyConnection, history: DedupeHistory) -> DedupeState:
    """An empty state that reads earlier articles through `history` as batches need them,
    with the warehouse's totals (`con`: the run's start-up read-only connection)."""
    state = DedupeState()
    totals = read_arrow(con, resources.sql("queries/dedupe_totals.sql"), {}).to_pylist()[0]
    if not totals["articles"]:
        return state  # a first run: nothing to read, and the warehouse does not change meanwhile
    state.history = history
    state.canonical_count = int(totals["canonical"])
    latest = totals["latest_day"]
    state.latest_day = (latest - _EPOCH).days if latest is not None else 0
    df = read_arrow(con, "select slot, n from story_term_df", {})
    slots = np.asarray(df.column("slot")).astype(np.int64)
    counts = np.asarray(df.column("n"))
    state.term_df[slots] = np.minimum(counts, np.iinfo(np.uint32).max).astype(np.uint32)
    return state


def _absorb_new(state: DedupeState, table: pa.Table, *, repost: bool = False) -> None:
    """Add the rows of `table` the state does not hold yet; with `repost`, post the key terms
    of those it holds again with them (dedupe.state.absorb: a story week read whole)."""
    if table.num_rows == 0:
        return
    ids = table.column("article_id").to_pylist()
    held = np.array([state.held_ids.get(i, -1) for i in ids], np.int64)
    if not repost:
        table = table.filter(pa.array(held < 0))
        ids = [i for i, h in zip(ids, held.tolist(), strict=True) if h < 0]
        held = held[held < 0]
    if table.num_rows == 0:
        return
    rows = absorb(state, table, count_terms=False, held=held)
    state.held_ids.update(zip(ids, rows.tolist(), strict=True))
    state.history.rows += int((held < 0).sum())


def fetch_by_key(
    state: DedupeState,
    ids: pl.Series | None = None,
    hashes: pl.Series | None = None,
    band_keys: np.ndarray | None = None,
) -> None:
    """Read the earlier articles with these ids or content hashes, or sharing an LSH band key."""
    if state.history is None:
        return
    params = {
        "ids": [] if ids is None else ids.drop_nulls().unique().to_list(),
        "hashes": [] if hashes is None else hashes.drop_nulls().unique().to_list(),
        "bands": [] if band_keys is None else np.unique(band_keys).tolist(),
    }
    if not any(params.values()):
        return
    found = state.history.read("queries/dedupe_wanted_ids.sql", params)
    wanted = sorted(set(found.column("article_id").to_pylist()) - state.held_ids.keys())
    if wanted:
        _absorb_new(state, state.history.read("queries/dedupe_rows_by_id.sql", {"ids": wanted}))


def fetch_story_weeks(state: DedupeState, days: np.ndarray, window: int) -> None:
    """Read the canonical articles of every week the story windows of `days` touch."""
    if state.history is None or days.size == 0:
        return
    first, last = (days - window) // WEEK_DAYS, (days + window) // WEEK_DAYS
    weeks = sorted(
        {int(w) for lo, hi in zip(first, last, strict=True) for w in range(lo, hi + 1)}
        - state.held_weeks
    )
    for lo, hi in _runs(weeks):
        params = {
            "lo": _EPOCH + timedelta(days=lo * WEEK_DAYS),
            "hi": _EPOCH + timedelta(days=hi * WEEK_DAYS + WEEK_DAYS - 1),
        }
        week_rows = state.history.read("queries/dedupe_rows_by_day.sql", params)
        _absorb_new(state, week_rows, repost=True)
    state.held_weeks.update(weeks)


def _runs(values: list[int]) -> list[tuple[int, int]]:
    """Sorted integers as (first, last) runs of consecutive values."""
    runs: list[tuple[int, int]] = []
    for v in values:
        if runs and v == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], v)
        else:
            runs.append((v, v))
    return runs


def fill_dedupe_lookup(con: duckdb.DuckDBPyConnection, page: int = 100_000) -> None:
    """Fill sql/092_dedupe_lookup.sql's tables for the articles loaded before it: the band keys
    of canonical articles with a current signature (`page` signatures at a time, so a large
    warehouse is not held whole), and the term frequencies (in SQL)."""
    last = con.execute("select max(rowid) from article_signatures").fetchone()
    for lo in range(0, int(last[0]) + 1 if last and last[0] is not None else 0, page):
        signatures = read_arrow(
            con,
            "select s.article_id, s.minhash from article_signatures as s "
            "join articles as a on a.article_id = s.article_id "
            "where s.rowid >= $lo and s.rowid < $hi and a.duplicate_of is null "
            "and s.sketch_version = $v and s.shingle_count > 0 and len(s.minhash) = $perm",
            {"lo": lo, "hi": lo + page, "v": SKETCH_VERSION, "perm": NUM_PERM},
        )
        if signatures.num_rows == 0:
            continue
        minhash = signatures.column("minhash").combine_chunks().flatten()
        sigs = np.asarray(minhash).astype(np.uint32).reshape(-1, NUM_PERM)
        bands = band_rows(np.asarray(signatures.column("article_id")), sigs)
        con.register("new_band_rows", bands)
        con.execute("insert into article_bands select band_key, article_id from new_band_rows")
        con.unregister("new_band_rows")
    sql = resources.sql("queries/add_story_term_df.sql")
    con.execute(sql, {"run_id": None, "slots": DF_SLOTS})  # every run's articles


def known_articles(
    history: DedupeHistory, ids: list[str] | None = None, inputs: list[str] | None = None
) -> pl.DataFrame:
    """(article_id, input_hash) of the loaded articles with these ids or input hashes."""
    params = {"ids": ids or [], "inputs": inputs or []}
    table = history.read("queries/known_articles.sql", params)
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame
