"""Inbox rules for the scheduled deployment (issue 9)."""

from __future__ import annotations

import os
import time

import pytest

from newsflow import inbox


def _age(path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_settled_and_marked_bundles_are_ready_partial_ones_are_not(tmp_path):
    old = tmp_path / "old.jsonl"
    old.write_text("{}\n")
    _age(old, 120)
    fresh = tmp_path / "fresh.jsonl"
    fresh.write_text("{}\n")
    marked = tmp_path / "marked.zip"
    marked.write_bytes(b"PK")
    (tmp_path / "marked.zip.ready").touch()
    partial = tmp_path / "big.tar.gz.part"
    partial.write_bytes(b"x")
    _age(partial, 500)
    hidden = tmp_path / ".DS_Store"
    hidden.write_bytes(b"x")
    _age(hidden, 500)

    ready = inbox.ready_bundles(tmp_path, settle_seconds=60)
    assert [p.name for p in ready] == ["marked.zip", "old.jsonl"]


def test_directory_bundle_waits_for_its_newest_file(tmp_path):
    bundle = tmp_path / "crawl"
    bundle.mkdir()
    done_file = bundle / "a.txt"
    done_file.write_text("x")
    _age(done_file, 300)
    _age(bundle, 300)
    assert inbox.ready_bundles(tmp_path, settle_seconds=60) == [bundle]
    (bundle / "b.txt").write_text("still being written")
    assert inbox.ready_bundles(tmp_path, settle_seconds=60) == []


def test_file_away_moves_once_and_never_overwrites(tmp_path):
    layout = inbox.InboxLayout(tmp_path)
    for _ in range(2):
        bundle = tmp_path / "b.jsonl"
        bundle.write_text("{}\n")
        (tmp_path / "b.jsonl.ready").touch()
        inbox.file_away(bundle, layout, failed=False)
    assert sorted(p.name.endswith("b.jsonl") for p in layout.done.iterdir()) == [True, True]
    assert not (tmp_path / "b.jsonl.ready").exists()
    assert inbox.ready_bundles(tmp_path, settle_seconds=0) == []

    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"junk")
    moved = inbox.file_away(bad, layout, failed=True, error="IngestError: not a zip")
    assert moved.parent == layout.failed
    assert "not a zip" in moved.with_name("bad.zip.error.txt").read_text()


def test_missing_inbox_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="inbox folder not found"):
        inbox.ready_bundles(tmp_path / "nope")
