"""A rerun skips inputs it has already loaded before parsing them (issue 11: re-running a loaded
bundle costs a small fraction of the first run)."""

from __future__ import annotations

import shutil

import duckdb
import polars as pl

from newsflow import parse, pipeline
from newsflow.settings import Settings


def _parse_spy(monkeypatch) -> list[list[str]]:
    """Record the source paths of every batch handed to parse."""
    calls: list[list[str]] = []
    real = parse.parse_batch

    def spy(docs: pl.DataFrame, *args, **kwargs):
        calls.append(docs["source_path"].to_list())
        return real(docs, *args, **kwargs)

    monkeypatch.setattr(parse, "parse_batch", spy)
    return calls


def test_rerun_parses_only_inputs_it_has_not_loaded(tmp_path, seeds_dir, monkeypatch):
    bundle = tmp_path / "bundle"
    shutil.copytree(seeds_dir, bundle)
    settings = Settings(warehouse=tmp_path / "w.duckdb", nlp_workers=0)
    first = pipeline.run_bundle(bundle, settings)
    assert first["loaded"] == 5
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        hashes = con.execute("select source_path, input_hash from articles").fetchall()
    assert len({h for _, h in hashes}) == 5 and all(h and len(h) == 32 for _, h in hashes)

    # one input edited in place (same path, new text), one new input, four untouched
    edited = sorted(bundle.glob("*.txt"))[2]
    text = edited.read_text(encoding="utf-8")
    assert "“extensive” discussions" in text
    edited.write_text(text.replace("“extensive” discussions", "lengthy discussions"), "utf-8")
    new = bundle / "005_new.txt"
    new.write_text(
        "Floods close schools in Lahore\n\nLAHORE, Feb 2 (Reuters) - Heavy rain flooded "
        "parts of Lahore on Friday and the Punjab government closed schools for two days, "
        "officials said, as the city recorded its wettest February day in a decade.\n",
        encoding="utf-8",
    )
    parsed = _parse_spy(monkeypatch)
    second = pipeline.run_bundle(bundle, settings)

    assert sorted(p for batch in parsed for p in batch) == sorted([edited.name, new.name]), second
    assert second["inputs"] == 6 and second["already_loaded"] == 4 and second["loaded"] == 2, second
    assert second["inputs"] == second["loaded"] + second["already_loaded"] + second["quarantined"]

    parsed.clear()
    third = pipeline.run_bundle(bundle, settings)
    assert parsed == [] or all(batch == [] for batch in parsed)
    assert third["already_loaded"] == 6 and third["loaded"] == 0


def test_input_hash_tells_apart_what_parse_reads():
    from newsflow import ids

    base = {
        "source_path": "a.txt", "content_type": "text", "text": "Body.", "meta_url": None,
        "meta_title": None, "meta_date": None, "meta_source": None, "meta_dateline": None,
    }  # fmt: skip
    variants = [
        base,
        {**base, "source_path": "b.txt"},
        {**base, "text": "Body!"},
        {**base, "meta_title": ""},  # empty is not missing
        {**base, "meta_title": "Body."},
        {**base, "content_type": "html"},
    ]
    hashes = ids.input_hashes(pl.DataFrame(variants)).to_list()
    assert len(set(hashes)) == len(variants)
    assert ids.input_hashes(pl.DataFrame([base, base])).n_unique() == 1
