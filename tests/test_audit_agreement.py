"""The second reader's agreement with the second trigger audit (issue 20, brief audit23b):
`bench.labels.audit_agreement` on the committed `judged.jsonl` and `passes/b.jsonl`. The
table's counts are recounted here straight from the files, and a changed label must move the
kappa, so a measure that ignored the labels or read the wrong field would fail."""

from __future__ import annotations

import copy
import json

import pytest

from bench.labels import audit_agreement as aa


def _rows(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def files() -> tuple[dict[int, dict], dict[int, dict]]:
    return aa.load(aa.FIRST), aa.load(aa.SECOND)


def test_second_pass_covers_items_0_to_119_of_the_audit(files) -> None:
    first, second = files
    assert sorted(second) == list(range(120))
    assert all(second[i]["event_id"] == first[i]["event_id"] for i in second)


def test_table_counts_match_the_files(files) -> None:
    first, second = files
    judged = {r["item"]: r for r in _rows(aa.FIRST) if r["item"] < 120}
    b = {r["item"]: r for r in _rows(aa.SECOND)}
    m = aa.measures(aa.paired(first, second))
    for field in ("event", "any_event"):
        assert m[field]["n"] == 120
        assert m[field]["first_yes"] == sum(bool(r[field]) for r in judged.values())
        assert m[field]["second_yes"] == sum(bool(r[field]) for r in b.values())
        assert m[field]["agree"] == sum(bool(judged[i][field]) == bool(b[i][field]) for i in b)
    both_right = [
        i
        for i in b
        if judged[i]["event"] and judged[i]["type_ok"] and b[i]["event"] and b[i]["type_ok"]
    ]
    for field in ("source_ok", "target_ok"):
        assert m[field]["n"] == len(both_right)
        assert m[field]["agree"] == sum(judged[i][field] == b[i][field] for i in both_right)
    text = aa.table(m)
    e = m["event"]
    assert f"| event (right) | 120 | {e['agree']} | {e['agree'] / 120:.3f} |" in text
    assert f"{e['kappa']:.3f}" in text


def test_kappa_is_cohens_on_the_event_labels(files) -> None:
    """Recomputed by hand from the 2x2 table of the files' `event` labels."""
    first, second = files
    pairs = aa.paired(first, second)
    n = len(pairs)
    a_yes = sum(bool(a["event"]) for a, _ in pairs)
    b_yes = sum(bool(b["event"]) for _, b in pairs)
    observed = sum(bool(a["event"]) == bool(b["event"]) for a, b in pairs) / n
    expected = (a_yes * b_yes + (n - a_yes) * (n - b_yes)) / (n * n)
    m = aa.measures(pairs)
    assert m["event"]["kappa"] == round((observed - expected) / (1 - expected), 3)
    lo, hi = m["event"]["interval"]
    assert lo <= m["event"]["kappa"] <= hi


def test_a_changed_label_changes_the_kappa(files) -> None:
    first, second = files
    before = aa.measures(aa.paired(first, second))
    # Item 17 (Foley "urged Congress"): both judges call it right; flip the second judge.
    assert first[17]["event"] and second[17]["event"]
    changed = copy.deepcopy(second)
    changed[17].update(event=False, type_ok=False, any_event=False, source_ok=None, target_ok=None)
    after = aa.measures(aa.paired(first, changed))
    assert after["event"]["agree"] == before["event"]["agree"] - 1
    assert after["event"]["kappa"] < before["event"]["kappa"]
    assert after["any_event"]["kappa"] < before["any_event"]["kappa"]
    assert after["source_ok"]["n"] == before["source_ok"]["n"] - 1
    listed = [a["item"] for a, _, _ in aa.disagreements(aa.paired(first, changed))]
    assert 17 in listed and 17 not in [
        a["item"] for a, _, _ in aa.disagreements(aa.paired(first, second))
    ]


def test_pairs_of_different_events_are_refused(files) -> None:
    first, second = files
    changed = copy.deepcopy(second)
    changed[0]["event_id"] = "e_other"
    with pytest.raises(ValueError, match="item 0"):
        aa.paired(first, changed)
