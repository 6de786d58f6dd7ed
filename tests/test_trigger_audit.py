"""The trigger audits' files (issue 20; bench/labels/events/generic_audit/GUIDE.md, "Trigger
audit" and "Second trigger audit"): the `--remainder` option of `bench.labels.reuters_sample`
draws disjoint samples by newid % 10, and each judged file answers its items file row by row.

The sample test reads the first 300 lines of the real Reuters-21578 corpus; the judged files
are the committed audits.
"""

from __future__ import annotations

import gzip
import json
from itertools import islice
from pathlib import Path

import pytest

from bench.labels import reuters_sample
from bench.labels.trigger_audit import mismatches

LABELS = Path(__file__).resolve().parents[1] / "bench" / "labels" / "events"


def _reuters_lines(n: int) -> list[str]:
    with gzip.open(reuters_sample.REUTERS, "rt", encoding="utf-8") as fh:
        return list(islice(fh, n))


def _newids(lines: list[str]) -> list[int]:
    return [int(json.loads(line)["newid"]) for line in lines]


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_remainders_draw_disjoint_samples_by_newid() -> None:
    lines = _reuters_lines(300)
    excluded = {int(json.loads(lines[13])["newid"])}  # an id a labelled set would name
    samples = {
        r: _newids(list(reuters_sample.sampled(iter(lines), excluded, r))) for r in range(10)
    }
    for remainder, ids in samples.items():
        assert ids and all(i % 10 == remainder for i in ids)
        assert not excluded & set(ids)
    pooled = [i for ids in samples.values() for i in ids]
    assert len(pooled) == len(set(pooled))  # no item in two samples
    with_body = [json.loads(x) for x in lines if (json.loads(x).get("body") or "").strip()]
    assert sorted(pooled) == sorted(
        int(r["newid"]) for r in with_body if r["newid"] not in excluded
    )
    # the default is the first audit's remainder, so its sample stays reproducible
    assert _newids(list(reuters_sample.sampled(iter(lines), excluded))) == samples[3]


@pytest.mark.parametrize(("folder", "actors"), [("trigger_audit", False), ("trigger_audit2", True)])
def test_judged_rows_answer_their_items(folder: str, actors: bool) -> None:
    items = _rows(LABELS / folder / "items.jsonl")
    judged = _rows(LABELS / folder / "judged.jsonl")
    assert len(items) == 250
    assert mismatches(items, judged, actors) == []


def test_a_judged_file_that_skips_or_changes_a_row_is_caught() -> None:
    items = _rows(LABELS / "trigger_audit2" / "items.jsonl")
    judged = _rows(LABELS / "trigger_audit2" / "judged.jsonl")
    assert mismatches(items, judged[:-1], True)  # one row short
    changed = [dict(judged[0], event_id="e_0000000000000000"), *judged[1:]]
    assert mismatches(items, changed, True)
    no_actor = [{k: v for k, v in judged[0].items() if k != "source_ok"}, *judged[1:]]
    assert mismatches(items, no_actor, True)
