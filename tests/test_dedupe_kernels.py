"""The dedupe kernels run as Python on small batches, compiled on big ones: the same results
either way (issue 24)."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json

import numpy as np
import polars as pl
import pytest
from conftest import SHARED
from polars.testing import assert_frame_equal
from test_dedupe import FIXTURES, bbc, parsed

from newsflow import dedupe
from newsflow.dedupe import agreement_keys, kernels, terms
from newsflow.dedupe import words as dedupe_words
from newsflow.settings import Settings

REUTERS_SERIES = json.loads((FIXTURES / "reuters_series.json").read_text(encoding="utf-8"))
BBC = ["business_001", "business_002", "entertainment_001", "politics_001", "sport_001",
       "tech_001"]  # fmt: skip


def reuters_sample() -> list[pl.DataFrame]:
    """Four batches of Reuters-21578: the items whose id hashes to 7 mod 100 (208), and every
    other item of the corpus with the body of one of them (its own exact copies), each batch
    with the near copies Reuters filed in it (a re-filing, a correction)."""
    corpus = SHARED / "corpora" / "reuters21578.jsonl.gz"
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        items = [json.loads(line) for line in lines]

    def body(item: dict) -> str:
        return (item.get("body") or "").strip()

    picked = [
        item for item in items
        if int(hashlib.sha1(str(item["newid"]).encode()).hexdigest(), 16) % 100 == 7
    ]  # fmt: skip
    bodies = {body(item) for item in picked if body(item)}
    docs = [
        {"title": item.get("title") or "", "body": body(item), "path": f"r{item['newid']}.txt"}
        for item in items
        if item in picked or body(item) in bodies
    ]
    for k, doc in enumerate(docs[:200:10]):  # near copies: the last paragraph cut, a word
        cut = doc["body"].rsplit("\n", 1)[0]
        edited = cut.replace(" the ", " a ", 1) if k % 2 else cut
        docs.append({"title": doc["title"].upper(), "body": edited, "path": f"near{k}.txt"})
    return [parsed(*docs[k::4], start=1000 * k) for k in range(4)]


def batches(corpus: str) -> list[pl.DataFrame]:
    if corpus == "reuters sample":
        return reuters_sample()
    return fixture_batches()


def fixture_batches() -> list[pl.DataFrame]:
    """Three batches of real articles: Reuters items of one series or template (figures,
    dates, sessions, tickers, developments: what agreement compares) and BBC reports, then
    their exact copies (case, spacing), near copies (a word changed, a paragraph cut) and a
    copy within its own batch."""
    pairs = list(REUTERS_SERIES.values())
    first = [p["earlier"] for p in pairs] + [
        {"title": t, "body": b} for t, b in (bbc(name) for name in BBC)
    ]
    second = [p["later"] for p in pairs]
    for k, doc in enumerate(first[::3]):
        body = doc["body"]
        second.append({"title": doc["title"], "body": "  " + body.upper() + "\n"})  # exact
        cut = body.rsplit("\n", 1)[0] if "\n" in body else body
        edited = cut.replace(" the ", " a ", 1) if k % 2 else cut
        second.append({"title": (doc["title"] or "").lower(), "body": edited})  # near
    third = [second[0], {"title": "Copy", "body": first[-1]["body"]}, first[-2]]
    third.append({"title": first[-2]["title"], "body": first[-2]["body"] + " Updated."})
    out, start = [], 0
    for docs in (first, second, third):
        out.append(parsed(*docs, start=start))
        start += len(docs)
    return out


def everything(corpus: str, mode: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Every output of the dedupe kernels over `batches`, run as Python or compiled."""
    monkeypatch.setattr(kernels, "INTERPRET_BELOW", 0 if mode == "compiled" else 1 << 62)
    result: dict[str, object] = {
        "vocabulary": agreement_keys._vocabulary(),
        "development_keys": agreement_keys._development_keys(),
    }
    state = dedupe.DedupeState()
    for k, batch in enumerate(batches(corpus)):
        result[f"batch{k}"] = dedupe.dedupe_batch(batch, state, Settings())
        title_words = dedupe.tokenise(batch["title"])
        body_words = dedupe.tokenise(batch["body"])
        result[f"words{k}"] = dataclasses.astuple(body_words)
        texts = agreement_keys.Texts(batch["title"], batch["body"], title_words, body_words)
        keys = agreement_keys.article_keys(texts)
        rows = np.arange(batch.height)
        result[f"keys{k}"] = (keys.lists, keys.lead, agreement_keys.every_token(texts, rows),
                              agreement_keys.proper_title_names(texts, rows))  # fmt: skip
        names = terms.name_words(title_words, body_words)
        result[f"terms{k}"] = terms.salient_terms(title_words, body_words, names)
        sigs, counts = dedupe.shingle_signatures(body_words, batch.height)
        result[f"signatures{k}"] = (sigs, counts, dedupe.minhash.lsh_band_keys(sigs))
    result["state"] = {
        field.name: getattr(state, field.name)
        for field in dataclasses.fields(state)
        if isinstance(getattr(state, field.name), (np.ndarray, list))
    }
    result["lookups"] = [
        index.lookup(keys)
        for index, keys in (
            (state.bands, result["signatures1"][2].ravel()),
            (state.by_content, dedupe_words.hex_key(batches(corpus)[1]["content_hash"], 0)),
        )
    ]
    return result


def assert_same(a: object, b: object, where: str = "") -> None:
    if isinstance(a, pl.DataFrame):
        assert_frame_equal(a, b, check_exact=True)
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape, where
        assert np.array_equal(a, b, equal_nan=a.dtype.kind == "f"), where
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), where
        for key in a:
            assert_same(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, (tuple, list)) and a and not isinstance(a[0], (str, type(None))):
        assert len(a) == len(b), where
        for k, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_same(x, y, f"{where}[{k}]")
    else:
        assert a == b, where


@pytest.mark.parametrize("corpus", ["fixtures", "reuters sample"])
def test_kernels_give_the_same_results_as_python_and_compiled_issue_24(corpus, monkeypatch):
    """Issue 24: a small batch runs the dedupe kernels as Python (no numba import); every
    output (links, similarities, stories, words, key lists, terms, signatures, the state and
    its indexes) equals the compiled kernels' on real articles with exact and near copies."""
    interpreted = everything(corpus, "python", monkeypatch)
    compiled = everything(corpus, "compiled", monkeypatch)
    assert kernels.Kernel.compiled(dedupe_words._scan_words) is not None
    links = pl.concat([v for k, v in interpreted.items() if k.startswith("batch")])
    assert set(links["dup_method"].to_list()) >= {"exact", "near"}  # the copies were found
    assert_same(interpreted, compiled)


@pytest.fixture
def compiled_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the kernels a call took compiled from here on, in call order (not the
    kernels they call, which a first compilation resolves too)."""
    calls: list[str] = []
    depth = [0]
    original = kernels.Kernel.compiled

    def spy(self: kernels.Kernel):  # type: ignore[no-untyped-def]
        if depth[0] == 0:
            calls.append(self.__name__)
        depth[0] += 1
        try:
            return original(self)
        finally:
            depth[0] -= 1

    monkeypatch.setattr(kernels.Kernel, "compiled", spy)
    return calls


def test_a_small_call_runs_as_python_and_a_big_one_compiled(compiled_calls):
    """The choice is by the arrays of the call: a batch of a few articles as Python, a big
    one compiled (a table by its rows, grown 1024 at a time, is small until ~4k rows)."""
    calls = compiled_calls
    dedupe.tokenise(pl.Series(["A few words of one small article."] * 5))
    assert calls == []
    dedupe.tokenise(pl.Series(["A few words of one bigger article."] * 3000))
    assert calls == ["_scan_words"]
    assert kernels._small((np.zeros((1024, 128), np.uint32),))
    assert not kernels._small((np.zeros((8192, 128), np.uint32),))


def test_once_numba_is_loaded_a_batch_of_articles_is_compiled(compiled_calls, monkeypatch):
    """A process that has paid numba's import compiles a batch's tables of more than a few
    dozen articles (a 2,000-article batch's LSH band keys as Python took ~1 s); before that,
    and for a handful of articles, they run as Python (the small run's start-up)."""
    calls = compiled_calls
    batch = np.arange(500 * dedupe.NUM_PERM, dtype=np.uint32).reshape(500, dedupe.NUM_PERM)
    monkeypatch.setattr(kernels, "_numba_loaded", False)
    python = dedupe.minhash.lsh_band_keys(batch)
    assert calls == []
    monkeypatch.setattr(kernels, "_numba_loaded", True)
    assert (dedupe.minhash.lsh_band_keys(batch[:5]) == python[:5]).all()
    assert calls == []  # a handful of articles stays Python
    assert (dedupe.minhash.lsh_band_keys(batch) == python).all()
    assert calls == ["_band_keys_kernel"]


def test_once_numba_is_loaded_a_batch_s_index_keys_are_compiled(compiled_calls, monkeypatch):
    """A 2,000-article batch's content hashes (one 1-D key array) added to an index: sorted
    as Python before numba is loaded, compiled once it is (as Python they took a fifth of the
    20k-document dedupe path: bench_dedupe)."""
    calls = compiled_calls
    keys = np.random.default_rng(7).integers(0, 2**63, 2_000, dtype=np.int64).astype(np.uint64)
    rows = np.arange(keys.size)
    monkeypatch.setattr(kernels, "_numba_loaded", False)
    python = dedupe.KeyIndex()
    python.add(keys, rows)
    assert calls == []
    monkeypatch.setattr(kernels, "_numba_loaded", True)
    compiled = dedupe.KeyIndex()
    compiled.add(keys, rows)
    assert "_bucket_order" in calls
    assert (compiled.levels[0].keys == python.levels[0].keys).all()
    assert (compiled.levels[0].rows == python.levels[0].rows).all()
