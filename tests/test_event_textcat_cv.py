"""The learned-classifier CV of issue 20, item 4 (`bench.event_textcat_cv`): its folds keep an
article whole, its combinations change only what they say, its training is reproducible, and it
never trains on a set that is still held out."""

from __future__ import annotations

import pytest

from bench import event_textcat_cv as cv
from bench import train_event_textcat as tr

# Spent-set sentences (bench/labels/events/tune.jsonl and heldout3.jsonl): one ACCUSE, one none.
ACCUSE = "But the move has been criticised by environmental groups and the Liberal Democrats."
NO_EVENT = (
    '"Criminal and terrorist networks are more likely to operate where state institutions are weak.'
)


def item(rules_detected: bool, rules_type: str | None, p_event: float, clf_type: str,
         p_type: float, gold: tuple[str, ...] = ("ACCUSE",)) -> cv.Item:  # fmt: skip
    return cv.Item("tune|x", gold, rules_detected, rules_type, p_event, clf_type, p_type)


def test_folds_keep_each_article_whole_and_use_every_fold():
    groups = ["bbc:a", "bbc:b", "bbc:a", "reuters:c", "bbc:d", "bbc:b", "bbc:e"]
    folds = cv.grouped_folds(groups, 3, seed=1)
    by_group = {}
    for g, f in zip(groups, folds, strict=True):
        assert by_group.setdefault(g, f) == f  # one article, one fold
    assert set(folds) == {0, 1, 2}
    assert cv.grouped_folds(groups, 3, seed=1) == folds  # seeded


def test_a_combination_adds_or_retypes_only_past_its_threshold():
    missed = item(False, None, 0.72, "ACCUSE", 0.35)
    assert cv.combine(missed, None, None) == (False, None)  # rules alone
    assert cv.combine(missed, 0.7, None) == (True, "ACCUSE")  # detect
    assert cv.combine(missed, 0.8, None) == (False, None)
    assert cv.combine(missed, 0.7, None, 0.4) == (False, None)  # typer not sure enough
    ruled = item(True, "REJECT", 0.2, "ACCUSE", 0.65)
    assert cv.combine(ruled, 0.5, None) == (True, "REJECT")  # detect never retypes
    assert cv.combine(ruled, None, 0.6) == (True, "ACCUSE")  # retype
    assert cv.combine(ruled, None, 0.7) == (True, "REJECT")


def test_scores_count_a_type_right_when_it_is_any_gold_type():
    items = [
        item(True, "REJECT", 0.0, "", 0.0, gold=("ACCUSE", "REJECT")),
        item(True, "AGREE", 0.0, "", 0.0),
        item(True, "AGREE", 0.0, "", 0.0, gold=()),  # a false alarm
        item(False, None, 0.0, "", 0.0),  # a miss
    ]
    got = cv.scores(items, None, None)
    assert (got["tp"], got["fp"], got["fn"], got["type_accuracy"]) == (2, 1, 1, 0.5)


def test_training_refuses_a_set_still_held_out():
    with pytest.raises(SystemExit):
        tr.labelled_sentences(["heldout4"])


def test_one_seed_trains_the_same_detector_on_real_sentences():
    rows = tr.detector_rows(tr.labelled_sentences(["tune"]))
    first, second = (tr.train(rows, seed=3, epochs=3) for _ in range(2))
    texts = [ACCUSE, NO_EVENT]
    assert tr.predict(first, texts) == tr.predict(second, texts)
    assert {r["label"] for r in rows} == {tr.EVENT, tr.NO_EVENT}
