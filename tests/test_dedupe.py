"""Exact and near duplicates, canonical rule, state across batches and runs (issue 5)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import numpy as np
import polars as pl
import pyarrow as pa
import pytest

from newsflow import dedupe, ids, schema
from newsflow import warehouse as wh
from newsflow.dedupe import agreement_keys, minhash, stories, terms
from newsflow.dedupe import state as dedupe_state
from newsflow.dedupe import words as dedupe_words
from newsflow.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "dedupe"
DAY = dt.date(2024, 1, 15)


def bbc(name: str) -> tuple[str, str]:
    """(title, body) of a fixture BBC article."""
    title, body = (FIXTURES / f"bbc_{name}.txt").read_text(encoding="utf-8").split("\n", 1)
    return title.strip(), body.strip()


def parsed(*docs: dict, start: int = 0) -> pl.DataFrame:
    """A schema.PARSED frame; each doc gives body and optionally title, date, source, path, seq."""
    rows = []
    for k, doc in enumerate(docs):
        path = doc.get("path", f"doc{start + k}.txt")
        content = ids.short_hash(ids.normalise_text(doc["body"]), length=32)
        date = doc.get("date", DAY)
        rows.append(
            {
                "article_id": ids.article_id(path, content),
                "bundle_id": "b1",
                "source_path": path,
                "input_seq": doc.get("seq", start + k),
                "content_hash": content,
                "title": doc.get("title", "A title"),
                "source_name": doc.get("source", f"outlet{start + k}"),
                "url": None,
                "dateline": None,
                "published_date": date,
                "date_source": "text",
                "crawl_date": date,
                "body": doc["body"],
                "word_count": len(ids.normalise_text(doc["body"]).split()),
                "language": "en",
                "encoding": "utf-8",
            }
        )
    return pl.DataFrame(rows, schema=schema.PARSED)


def similarity_of(first: tuple[str, str], second: tuple[str, str]) -> float:
    """The MinHash word-level similarity of two bodies, as dedupe verifies it."""
    words = dedupe.tokenise(pl.Series([first[1], second[1]]))
    sigs, counts = dedupe.shingle_signatures(words, 2)
    rows = np.array([0]), np.array([1])
    return float(dedupe.similarity(sigs, rows[0], counts, sigs, rows[1], counts)[0])


def links(out: pl.DataFrame) -> list[tuple]:
    return out.select("article_id", "duplicate_of", "dup_method").rows()


def test_hash_words_is_stable_and_position_independent():
    """Persisted signatures depend on this hash: a change must bump SKETCH_VERSION (issue 5)."""
    h, rows = dedupe.hash_words(pl.Series(["pakistan iran talks", "", "iran"]))
    assert rows.tolist() == [0, 0, 0, 2]
    assert h[1] == h[3]  # the same word hashes alike wherever it is
    assert len(set(h[:3].tolist())) == 3
    again, _ = dedupe.hash_words(pl.Series(["x iran"]))
    assert again[1] == h[1]
    long_word = "x" * 40 + "é"
    hashes, _ = dedupe.hash_words(pl.Series(["pakistan " + long_word]))
    assert hashes.tolist() == [reference_hash("pakistan"), reference_hash(long_word)]
    assert hashes[0] == 0x6D4C8FF58F35E8E5  # pinned: stored signatures were made with it


@pytest.mark.parametrize("filler", ["prose", "one-letter words"])
def test_a_large_batch_scanned_on_threads_equals_the_texts_scanned_one_by_one(filler: str):
    """Over 1 MB, tokenise cuts the rows into ranges scanned side by side, each into its own
    slot, then closes the slots up. One-letter words overflow the first guess of room, so that
    batch also takes the retry with room for every possible word."""
    bodies = [bbc(name)[1] for name in ("business_001", "politics_001", "tech_001")]
    if filler != "prose":
        bodies = [" ".join("abcdefgh"[k % 8] for k in range(len(b))) for b in bodies]
    texts = [f"{k} {bodies[k % 3]} \u201cend\u201d{k}" for k in range(1 + (1 << 20) // 1500)]
    texts[7] = ""
    whole = dedupe.tokenise(pl.Series(texts))
    assert dedupe_words.utf8_buffers(pl.Series(texts))[0].size >= dedupe_words._PARALLEL_BYTES
    parts = [dedupe.tokenise(pl.Series([text])) for text in texts]
    for field in ("hashes", "offsets", "lengths", "capitalised"):
        want = np.concatenate([getattr(part, field) for part in parts])
        assert np.array_equal(getattr(whole, field), want), field
    rows = np.concatenate([np.full(part.rows.size, k) for k, part in enumerate(parts)])
    assert np.array_equal(whole.rows, rows)


MASK64 = (1 << 64) - 1


def reference_mix(x: int) -> int:
    """splitmix64's finaliser written plainly with Python integers."""
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & MASK64
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & MASK64
    return x ^ (x >> 31)


def reference_hash(word: str) -> int:
    """hash_words for one word, written plainly with Python integers."""
    mix = reference_mix
    data = word.encode("utf-8")
    h = 0x9E3779B97F4A7C15
    for c in range(0, min(len(data), 32), 8):
        h = mix(h ^ int.from_bytes(data[c : c + 8], "little"))
    return mix(h ^ len(data))


def test_band_keys_are_the_bands_folded_through_splitmix64():
    """Stored signatures are re-banded when the state loads: the keys must not change."""
    rng = np.random.default_rng(3)
    signatures = rng.integers(0, 2**32, (3, dedupe.NUM_PERM), dtype=np.uint64).astype(np.uint32)
    want = []
    for row in signatures.tolist():
        keys = []
        for band in range(dedupe.BANDS):
            key = (band * 0x9E3779B97F4A7C15) & MASK64
            for r in range(dedupe.ROWS_PER_BAND):
                key = reference_mix(key ^ row[band * dedupe.ROWS_PER_BAND + r])
            keys.append(key)
        want.append(keys)
    assert minhash.lsh_band_keys(signatures).tolist() == want


def test_exact_duplicates_ignore_case_spacing_punctuation_and_crawl_stamp():
    title, body = bbc("business_001")
    copy = "date 2024-01-16 " + body.upper().replace(". ", " ... ").replace(" ", "  ")
    out = dedupe.dedupe_batch(
        parsed({"body": body}, {"body": copy, "title": "Another headline"}),
        dedupe.DedupeState(),
        Settings(),
    )
    first, second = out.rows(named=True)
    assert first["duplicate_of"] is None and first["dup_method"] is None
    assert (second["duplicate_of"], second["dup_method"], second["dup_similarity"]) == (
        first["article_id"],
        "exact",
        1.0,
    )
    assert second["story_id"] == first["story_id"]


def test_canonical_is_earliest_publication_then_first_seen():
    _, body = bbc("politics_001")
    out = dedupe.dedupe_batch(
        parsed(
            {"body": body, "date": DAY, "seq": 0},
            {"body": body, "date": DAY - dt.timedelta(days=1), "seq": 1},
            {"body": body, "date": DAY - dt.timedelta(days=1), "seq": 2},
        ),
        dedupe.DedupeState(),
        Settings(),
    )
    a, b, c = out["article_id"].to_list()
    assert links(out) == [(a, b, "exact"), (b, None, None), (c, b, "exact")]


def test_longest_body_wins_among_same_day_near_copies():
    _, body = bbc("tech_001")
    paragraphs = body.split("\n\n")
    trimmed = "\n\n".join(paragraphs[:-1])
    out = dedupe.dedupe_batch(
        parsed({"body": trimmed, "seq": 0}, {"body": body, "seq": 1}),
        dedupe.DedupeState(),
        Settings(),
    )
    short, full = out["article_id"].to_list()
    assert links(out) == [(short, full, "near"), (full, None, None)]
    assert out["dup_similarity"][0] > 0.95  # a trimmed copy is contained in the full one


@pytest.mark.parametrize(
    "edit", ["drop_paragraph", "agency_prefix", "word_edits", "headline_and_prefix"]
)
def test_near_copies_are_marked_with_similarity(edit: str):
    _, body = bbc("business_002")
    paragraphs = body.split("\n\n")
    if edit == "drop_paragraph":
        copy = "\n\n".join(paragraphs[:2] + paragraphs[3:])
    elif edit == "agency_prefix":
        copy = "NEW YORK (Reuters) - " + body
    elif edit == "headline_and_prefix":
        copy = "(MENAFN- Wire Service) " + body.replace("Economy", "economy")
    else:  # every 10th word replaced by a word from the text: 10% edits
        words = body.split(" ")
        copy = " ".join(
            words[(i * 7) % len(words)] if i % 10 == 5 else w for i, w in enumerate(words)
        )
    out = dedupe.dedupe_batch(
        parsed(
            {"body": body},
            {"body": copy, "title": "Changed headline", "date": DAY + dt.timedelta(days=1)},
        ),
        dedupe.DedupeState(),
        Settings(),
    )
    original, near = out.rows(named=True)
    assert near["duplicate_of"] == original["article_id"]
    assert near["dup_method"] == "near"
    assert 0.8 <= near["dup_similarity"] <= 1.0
    if edit == "word_edits":
        assert near["dup_similarity"] < 0.95


def test_distinct_articles_and_heavy_rewrites_are_not_duplicates():
    texts = [bbc(name)[1] for name in ["business_001", "business_002", "politics_001", "sport_001"]]
    words = texts[0].split(" ")
    # 40% of the words replaced: a different text that reuses the vocabulary
    rewrite = " ".join(
        words[(i * 13) % len(words)] if i % 5 in (1, 3) else w for i, w in enumerate(words)
    )
    half = "\n\n".join(texts[1].split("\n\n")[:2] + texts[2].split("\n\n")[:3])
    out = dedupe.dedupe_batch(
        parsed(*[{"body": t} for t in [*texts, rewrite, half]]), dedupe.DedupeState(), Settings()
    )
    assert out["duplicate_of"].null_count() == out.height


def test_later_batch_points_at_earlier_canonical_even_if_published_earlier():
    """The first-loaded article stays canonical (issue 5)."""
    _, body = bbc("entertainment_001")
    state = dedupe.DedupeState()
    first = dedupe.dedupe_batch(parsed({"body": body, "date": DAY}), state, Settings())
    copy = "LONDON (AP) - " + body
    second = dedupe.dedupe_batch(
        parsed({"body": body, "date": DAY - dt.timedelta(days=2)}, {"body": copy}, start=10),
        state,
        Settings(),
    )
    canonical = first["article_id"][0]
    assert second["duplicate_of"].to_list() == [canonical, canonical]
    assert second["dup_method"].to_list() == ["exact", "near"]
    assert second["story_id"].to_list() == [first["story_id"][0]] * 2


def test_rerun_of_known_articles_returns_the_same_links():
    _, body = bbc("sport_001")
    state = dedupe.DedupeState()
    batch = parsed({"body": body}, {"body": body + " Extra closing line."})
    first = dedupe.dedupe_batch(batch, state, Settings())
    again = dedupe.dedupe_batch(batch.reverse(), state, Settings())
    assert again.reverse().equals(first)
    assert dedupe.state_rows(state)["article_signatures"].height == 2  # nothing new recorded


def test_empty_batch_and_empty_bodies_do_not_crash():
    state = dedupe.DedupeState()
    assert (
        dedupe.dedupe_batch(schema.empty(schema.PARSED), state, Settings()).schema == schema.DEDUPED
    )
    out = dedupe.dedupe_batch(
        parsed({"body": ""}, {"body": "..."}, {"body": "One"}), state, Settings()
    )
    assert out.height == 3
    assert out["dup_method"].to_list() == [None, "exact", None]  # "" and "..." normalise alike


def migrated(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    wh.migrate(con)
    return con


def load_like_the_pipeline(
    con: duckdb.DuckDBPyConnection, out: pl.DataFrame, state: dedupe.DedupeState
) -> None:
    """Insert a run's articles and signatures as the load does (insert or replace by key)."""
    staged_articles = out.with_columns(pl.lit("run1").alias("run_id"))
    staged_signatures = dedupe.state_rows(state)["article_signatures"]
    con.register("staged_articles", staged_articles)
    con.register("staged_signatures", staged_signatures)
    con.execute("insert or replace into articles by name select * from staged_articles")
    con.execute("insert or replace into article_signatures by name select * from staged_signatures")
    con.unregister("staged_articles")
    con.unregister("staged_signatures")


def test_state_round_trips_through_the_warehouse(tmp_path):
    """A bundle in a later run matches articles loaded earlier without recomputing (issue 5)."""
    con = migrated(tmp_path)
    empty = dedupe.load_state(con)
    assert empty.size == 0
    _, body = bbc("business_001")
    _, other = bbc("tech_001")
    run1 = dedupe.DedupeState()
    first = dedupe.dedupe_batch(parsed({"body": body}, {"body": other}), run1, Settings())
    load_like_the_pipeline(con, first, run1)

    run2 = dedupe.load_state(con)
    assert run2.size == 2 and len(run2.bands) == 2 * dedupe.BANDS
    np.testing.assert_array_equal(
        run2.signatures[:2][np.argsort(list(run2.article_ids))],
        run1.signatures[:2][np.argsort(list(run1.article_ids))],
    )
    paragraphs = body.split("\n\n")
    batch = parsed(
        {"body": body, "date": DAY - dt.timedelta(days=5)},  # exact copy, published earlier
        {"body": "\n\n".join(paragraphs[1:])},  # near copy: lead paragraph dropped
        {"body": bbc("politics_001")[1]},
        start=20,
    )
    second = dedupe.dedupe_batch(batch, run2, Settings())
    canonical = first["article_id"][0]
    assert second["duplicate_of"].to_list() == [canonical, canonical, None]
    assert second["dup_method"].to_list() == ["exact", "near", None]
    assert second["story_id"][:2].to_list() == [first["story_id"][0]] * 2
    new_rows = dedupe.state_rows(run2)["article_signatures"]
    assert sorted(new_rows["article_id"]) == sorted(second["article_id"])

    # the same articles offered again in a third run come out unchanged
    load_like_the_pipeline(con, second, run2)
    run3 = dedupe.load_state(con)
    assert dedupe.dedupe_batch(batch, run3, Settings()).equals(second)


def test_end_of_run_rows_staged_in_chunks_are_the_rows_of_one_frame():
    """The load stages a run's signature and band rows a chunk of new articles at a time (at 1M
    documents all at once held 1.9 GB on top of the state): chunks of 2 over two batches, with a
    duplicate (no bands) among them, give exactly the rows one chunk gives."""
    state = dedupe.DedupeState()
    names = ["business_001", "tech_001", "politics_001"]
    dedupe.dedupe_batch(parsed(*({"body": bbc(n)[1]} for n in names)), state, Settings())
    copy = {"body": bbc("business_001")[1]}  # exact copy: a signature row, no bands
    dedupe.dedupe_batch(parsed(copy, {"body": bbc("sport_001")[1]}, start=10), state, Settings())
    whole = next(dedupe.state_row_chunks(state, 100))
    chunks = list(dedupe.state_row_chunks(state, 2))
    assert [c["article_signatures"].height for c in chunks] == [2, 2, 1]
    assert (whole["article_signatures"]["story_terms"].list.len() > 0).sum() == 4  # canonical
    assert whole["article_bands"].height == 4 * dedupe.BANDS
    for table, rows in whole.items():
        assert pl.concat([c[table] for c in chunks]).equals(rows), table
    assert dedupe.state_rows(state)["article_bands"].equals(whole["article_bands"])


def test_signatures_of_another_sketch_version_are_not_compared(tmp_path):
    con = migrated(tmp_path)
    _, body = bbc("politics_001")
    state = dedupe.DedupeState()
    first = dedupe.dedupe_batch(parsed({"body": body}), state, Settings())
    load_like_the_pipeline(con, first, state)
    con.execute("update article_signatures set sketch_version = 'old'")
    later = dedupe.load_state(con)
    assert len(later.bands) == 0
    out = dedupe.dedupe_batch(parsed({"body": "ROME (AFP) - " + body}, start=5), later, Settings())
    assert out["duplicate_of"].to_list() == [None]
    exact = dedupe.dedupe_batch(parsed({"body": body}, start=9), later, Settings())
    assert exact["duplicate_of"].to_list() == [first["article_id"][0]]  # hashes still match


def test_key_index_finds_every_row_across_merged_levels():
    index = dedupe.KeyIndex()
    keys = np.array([5, 3, 5, 9, 3, 5], dtype=np.uint64)
    for start in range(0, keys.size, 2):  # three adds: levels merge as they grow
        index.add(keys[start : start + 2], np.arange(start, start + 2))
    q, rows = index.lookup(np.array([5, 7, 3], dtype=np.uint64))
    found = sorted(zip(q.tolist(), rows.tolist(), strict=True))
    assert found == [(0, 0), (0, 2), (0, 5), (2, 1), (2, 4)]
    assert index.counts(np.array([3, 5, 9, 4], dtype=np.uint64)).tolist() == [2, 3, 1, 0]
    q, rows = index.lookup(np.array([5, 3], dtype=np.uint64), limit=2)
    assert sorted(zip(q.tolist(), rows.tolist(), strict=True)) == [(0, 2), (0, 5), (1, 1), (1, 4)]


def test_key_index_refuses_rows_it_cannot_hold():
    """Rows are stored as int32: a larger row number is an error, never a wrapped row."""
    index = dedupe.KeyIndex()
    with pytest.raises(OverflowError):
        index.add(np.array([1], dtype=np.uint64), np.array([2**31], dtype=np.int64))
    assert len(index) == 0


def test_key_index_agrees_with_a_dict_as_it_grows():
    """Many adds with repeated keys (levels merge as they grow); every lookup (all rows, and the
    latest `limit`, and the counts) matches a plain dict of lists, for present and absent keys
    (the index's bit filter and level directories must never lose a stored row)."""
    rng = np.random.default_rng(7)
    index, truth = dedupe.KeyIndex(), {}
    row = 0
    for _ in range(12):
        keys = rng.integers(0, 3_000, 700).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        index.add(keys, np.arange(row, row + keys.size))
        for k in keys.tolist():
            truth.setdefault(k, []).append(row)
            row += 1
    assert len(index) == row
    absent = rng.integers(0, 2**63, 500, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    needles = np.concatenate([np.array(list(truth)[:500] + [1, 2, 3], dtype=np.uint64), absent])
    assert index.counts(needles).tolist() == [len(truth.get(k, [])) for k in needles.tolist()]
    for limit in (None, 2):
        q, rows = index.lookup(needles, limit=limit)
        got: dict[int, list[int]] = {}
        for qi, r in zip(q.tolist(), rows.tolist(), strict=True):
            got.setdefault(int(needles[qi]), []).append(r)
        want = {k: sorted(truth[k][::-1][:limit]) for k in needles.tolist() if k in truth}
        assert {k: sorted(v) for k, v in got.items()} == want  # with a limit, the newest rows


def test_shared_story_terms_do_not_depend_on_the_order_of_the_postings():
    # eight weights whose float sum differs in the last bit when added in reverse order
    w = [1.769881777948592, 2.0886453183103697, 0.40963024290265837, 0.9377869413035138,
         2.147753540776483, 2.70332428026851, 1.0252279506184059, 0.7168311350738418]  # fmt: skip
    pairs = pl.DataFrame({"i": [1] * 8, "j": [0] * 8, "w": w})
    forward = stories._shared_terms(pairs)
    backward = stories._shared_terms(pairs.reverse())
    assert forward["n_shared"].to_list() == [8]
    assert forward["shared"].to_list() == backward["shared"].to_list()


def test_near_duplicate_of_a_near_duplicate_points_at_the_canonical():
    """duplicate_of always names a canonical article (issue 5)."""
    _, body = bbc("politics_001")
    state = dedupe.DedupeState()
    first = dedupe.dedupe_batch(parsed({"body": body}), state, Settings())
    copy = "WASHINGTON (AP) - " + body
    later = dedupe.dedupe_batch(
        parsed({"body": copy}, {"body": copy + " Copyright 2005."}, {"body": copy}, start=5),
        state,
        Settings(),
    )
    assert later["duplicate_of"].to_list() == [first["article_id"][0]] * 3
    assert later["dup_method"].to_list() == ["near", "near", "near"]


def test_an_exact_copy_of_a_known_near_duplicate_names_the_canonical_issue_26(tmp_path):
    """issue 26: duplicate_of always names a canonical article, across batches and runs: an
    exact copy of an article that is itself a near duplicate points at that one's canonical."""
    _, body = bbc("politics_001")
    copy = "WASHINGTON (AP) - " + body
    state = dedupe.DedupeState()
    first = dedupe.dedupe_batch(parsed({"body": body}), state, Settings())
    second = dedupe.dedupe_batch(parsed({"body": copy}, start=1), state, Settings())
    canonical = first["article_id"][0]
    assert second.select("duplicate_of", "dup_method").row(0) == (canonical, "near")
    third = dedupe.dedupe_batch(parsed({"body": copy}, start=2), state, Settings())  # batch 3
    assert third.select("duplicate_of", "dup_method").row(0) == (canonical, "near")
    assert third["dup_similarity"][0] == second["dup_similarity"][0]
    # and in a later run, from the warehouse
    con = migrated(tmp_path)
    load_like_the_pipeline(con, pl.concat([first, second, third]), state)
    later = dedupe.load_state(con)
    fourth = dedupe.dedupe_batch(parsed({"body": copy}, start=3), later, Settings())
    assert fourth.select("duplicate_of", "dup_method").row(0) == (canonical, "near")
    assert dedupe.known_duplicates(later)["article_id"].sort().to_list() == sorted(
        [second["article_id"][0], third["article_id"][0]]
    )


def test_ties_are_broken_in_whole_history_order():
    """Rows read on demand are numbered in the order batches read them; ties between equal
    candidates follow the order a whole-history read holds them in (story day, article id),
    then the run's new rows, so both history modes choose the same article."""
    state = dedupe.DedupeState()

    def add(ids: list[str], days: list[int], loaded: bool) -> np.ndarray:
        n = len(ids)
        rows = pl.DataFrame(
            {
                "article_id": ids,
                "content_hash": ids,
                "duplicate_of": [None] * n,
                "dup_method": [None] * n,
                "dup_similarity": [None] * n,
                "story_id": [None] * n,
                "day": days,
                "story_weight": [1.0] * n,
                "word_count": [100] * n,
            },
            schema_overrides={
                "duplicate_of": pl.String,
                "dup_method": pl.String,
                "dup_similarity": pl.Float64,
                "story_id": pl.String,
            },
        )
        keys = agreement_keys.Keys(
            np.zeros((n, agreement_keys.KMAX), np.uint32), np.zeros(n, np.int16)
        )
        sigs = np.zeros((n, dedupe.NUM_PERM), np.uint32)
        return state.append(rows, sigs, np.zeros(n, np.int64), keys, loaded=loaded)

    new = add(["a_new"], [1], loaded=False)  # a batch's row, read before the history below
    late = add(["a_c", "a_b"], [20, 10], loaded=True)  # read by band key
    early = add(["a_a"], [10], loaded=True)  # read with its story week
    rows = np.concatenate([new, late, early])
    rank = dedupe_state.tie_order(state, rows)
    ordered = [state.article_ids[r] for r in rows[np.argsort(rank)]]
    assert ordered == ["a_a", "a_b", "a_c", "a_new"]


def _loaded_table(n: int, term: int) -> pa.Table:
    """n canonical earlier articles of one week, all posting key term `term`, in the order a
    whole-history read gives them (story day, article id)."""
    return pa.table(
        {
            "article_id": [f"a_{i:03d}" for i in range(n)],
            "content_hash": [f"h{i}" for i in range(n)],
            "duplicate_of": pa.nulls(n, pa.string()),
            "dup_method": pa.nulls(n, pa.string()),
            "dup_similarity": pa.nulls(n, pa.float64()),
            "story_id": [f"s_{i}" for i in range(n)],
            "story_day": [DAY] * n,
            "sketch_version": pa.nulls(n, pa.string()),
            "shingle_count": pa.array([0] * n, pa.int32()),
            "minhash": pa.nulls(n, pa.list_(pa.uint32())),
            "story_terms": pa.array([[term]] * n, pa.list_(pa.uint64())),
            "story_weight": [1.0] * n,
            "dup_keys": pa.nulls(n, pa.list_(pa.uint32())),
            "dup_lead": pa.array([0] * n, pa.int16()),
            "word_count": [100] * n,
        }
    )


def test_a_busy_week_gives_the_postings_a_whole_history_read_gives():
    """A (term, week) key with more postings than a lookup takes (POSTINGS_PER_LOOKUP): on
    demand, articles read earlier by band key are posted again with their week, so the latest
    postings are those of a whole-history read, not those read last."""
    n, term = stories.POSTINGS_PER_LOOKUP + 8, 12345
    table = _loaded_table(n, term)
    whole = dedupe.DedupeState()
    dedupe_state.absorb(whole, table, count_terms=False)
    lazy = dedupe.DedupeState()
    late = [n - 1, n - 2, n - 3]  # the latest three, read first (by band key, say)
    first_rows = dedupe_state.absorb(lazy, table.take(late), count_terms=False)
    held = np.full(n, -1, np.int64)
    held[late] = first_rows
    dedupe_state.absorb(lazy, table, count_terms=False, held=held)  # then their week, whole
    week = (DAY - dt.date(1970, 1, 1)).days // terms.WEEK_DAYS
    key = terms.posting_key(np.array([term], np.uint64), np.array([week]))

    def latest(state: dedupe.DedupeState) -> list[str]:
        _, rows = stories._latest_postings(state, key)
        return sorted(state.article_ids[r] for r in rows)

    assert lazy.size == n
    assert latest(lazy) == latest(whole) == [f"a_{i:03d}" for i in range(8, n)]
