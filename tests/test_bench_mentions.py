"""The mention benchmark's scorer and the CoNLL-2003 conversion (issue 22)."""

from __future__ import annotations

import gzip
import json

from bench.bench_mentions import SPLITS, Document, counts, load_split, summarise
from bench.labels.conll2003.build import to_record


def test_counts_exact_spans_types_and_neutral_spans():
    doc = Document(
        "d",
        "Tony Blair met British and French ministers in Paris.",
        gold={(0, 10, "PER"), (47, 52, "LOC")},
        neutral={(15, 22), (27, 33)},
    )
    predicted = {
        (0, 10, "PER"),  # right
        (5, 10, "PER"),  # wrong span
        (15, 22, "LOC"),  # a demonym: neutral, counts neither way
        (47, 52, "ORG"),  # right span, wrong type
    }
    c = counts(doc, predicted)
    assert (c["typed_tp"], c["typed_pred"], c["typed_gold"]) == (1, 3, 2)
    assert (c["untyped_tp"], c["untyped_pred"], c["untyped_gold"]) == (2, 3, 2)
    assert (c["PER_tp"], c["PER_pred"], c["PER_gold"]) == (1, 2, 1)
    assert (c["LOC_tp"], c["LOC_pred"], c["LOC_gold"]) == (0, 0, 1)
    assert (c["ORG_tp"], c["ORG_pred"], c["ORG_gold"]) == (0, 1, 0)


def test_summarise_is_micro_averaged_with_an_interval_around_it():
    docs = [
        counts(Document("a", "", {(0, 1, "PER"), (2, 3, "ORG")}), {(0, 1, "PER"), (2, 3, "LOC")}),
        counts(Document("b", "", {(0, 1, "LOC")}), {(0, 1, "LOC"), (4, 5, "LOC")}),
    ]
    figures = summarise(docs)
    assert figures["typed"]["true_positives"] == 2
    assert (figures["typed"]["precision"], figures["typed"]["recall"]) == (0.5, 0.667)
    assert figures["untyped"]["precision"] == 0.75 and figures["untyped"]["recall"] == 1.0
    low, high = figures["typed"]["f1_ci"]
    assert low <= figures["typed"]["f1"] <= high


def test_conll_document_becomes_text_with_entity_offsets():
    sentences = [
        [("SOCCER", "O"), ("-", "O"), ("JAPAN", "B-LOC"), ("WIN", "O"), (".", "O")],
        [("Peter", "B-PER"), ("Such", "I-PER"), ("'s", "O"), ('"', "O"), ("Red", "B-ORG"),
         ("Star", "I-ORG"), ('"', "O"), ("(", "O"), ("Yugoslavia", "B-LOC"), (")", "O"),
         ("lost", "O"), ("in", "O")],
        [("the", "O"), ("West", "B-MISC"), ("Indian", "I-MISC"), ("cup", "O"), (".", "O")],
    ]  # fmt: skip
    record = to_record("x", sentences)
    assert record["body"] == (
        'SOCCER - JAPAN WIN.\n\nPeter Such\'s "Red Star" (Yugoslavia) lost in the West Indian cup.'
    )
    assert [(m["text"], m["type"]) for m in record["mentions"]] == [
        ("JAPAN", "LOC"),
        ("Peter Such", "PER"),
        ("Red Star", "ORG"),
        ("Yugoslavia", "LOC"),
        ("West Indian", "MISC"),
    ]
    assert all(record["body"][m["start"] : m["end"]] == m["text"] for m in record["mentions"])


def test_committed_label_files_slice_their_bodies():
    for split in ("conll_valid", "tune"):
        meta, docs = load_split(SPLITS[split])
        assert docs and all(d.gold for d in docs[:20])
    with gzip.open(SPLITS["conll_valid"], "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    assert len(rows) == 216
    assert sum(len(r["mentions"]) for r in rows) == 1842 + 1341 + 1837 + 922
    assert all(r["body"][m["start"] : m["end"]] == m["text"] for r in rows for m in r["mentions"])
