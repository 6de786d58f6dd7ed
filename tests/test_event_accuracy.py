"""The event accuracy harness scores what the guide says (issue 20): roles, dates, folds, figures."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bench import bench_event_accuracy as acc
from bench import event_scoring as scoring

GOLD_BLAIR = {
    "text": "Mr Blair",
    "start": 10,
    "end": 18,
    "name": "Tony Blair",
    "alts": ["United Kingdom"],
}
GOLD_POLICE = {"text": "police", "start": 30, "end": 36, "name": None, "alts": []}


def actor(names: set[str], spans: tuple[tuple[int, int], ...] = ()) -> scoring.Actor:
    return scoring.Actor(frozenset(scoring.norm(n) for n in names), spans)


def test_a_role_is_right_by_name_alias_or_the_words_it_covers():
    assert scoring.role_ok(actor({"Tony Blair"}), GOLD_BLAIR)
    assert scoring.role_ok(actor({"UK", "United Kingdom"}), GOLD_BLAIR)  # an alt
    assert scoring.role_ok(actor({"Blair"}, ((13, 18),)), GOLD_BLAIR)  # its mention overlaps
    assert not scoring.role_ok(actor({"Gordon Brown"}, ((40, 45),)), GOLD_BLAIR)
    assert not scoring.role_ok(None, GOLD_BLAIR)
    assert scoring.role_ok(None, None) and not scoring.role_ok(actor({"Tony Blair"}), None)
    # a generic actor the text does not name: null is right, so is an actor on those words
    assert scoring.role_ok(None, GOLD_POLICE)
    assert scoring.role_ok(actor({"Metropolitan Police"}, ((30, 36),)), GOLD_POLICE)
    assert not scoring.role_ok(actor({"Tony Blair"}, ((10, 18),)), GOLD_POLICE)


def test_an_event_is_scored_against_the_gold_event_of_its_type_it_matches_best():
    """Two ACCUSE events in one sentence ("Blair accused the police, and the police accused
    Brown"): the system's reading of the second is scored against the second."""
    brown = {"text": "Brown", "start": 60, "end": 65, "name": "Gordon Brown", "alts": []}
    first = {"type": "ACCUSE", "source": GOLD_BLAIR, "target": GOLD_POLICE}
    second = {"type": "ACCUSE", "source": GOLD_POLICE, "target": brown}
    police, gordon = actor({"Metropolitan Police"}, ((30, 36),)), actor({"Gordon Brown"})
    gold, roles = scoring.matched_gold("ACCUSE", police, gordon, [first, second])
    assert gold is second and roles == (True, True)
    gold, roles = scoring.matched_gold("ACCUSE", actor({"Tony Blair"}), gordon, [first, second])
    assert gold is first and roles == (True, False)  # one role right in each: the first
    gold, roles = scoring.matched_gold("REJECT", police, gordon, [first, second])
    assert gold is first and roles == (False, False)  # no gold of its type: the main event


@pytest.mark.parametrize(
    ("gold", "value", "precision", "expected"),
    [
        ("2024-01", date(2024, 1, 1), "month", (True, True)),
        ("2024-01", date(2024, 1, 15), "day", (True, False)),  # right month, claims a day
        ("2024-01-03", date(2024, 1, 15), "day", (False, False)),
        ("2020", date(2020, 1, 1), "year", (True, True)),
        (None, None, None, (True, True)),
        (None, date(2024, 1, 15), "day", (False, False)),
        ("1997", None, None, (False, False)),
    ],
)
def test_dates_are_compared_at_the_gold_precision(gold, value, precision, expected):
    assert scoring.gold_date_ok(gold, value, precision) == expected


def test_detection_and_macro_f1():
    assert scoring.prf(3, 1, 2) == {"precision": 0.75, "recall": 0.6, "f1": pytest.approx(2 / 3)}
    # AGREE: 1 of 2 right, never wrongly predicted (F1 2/3); ACCUSE: predicted once, wrongly (0)
    pairs = [("AGREE", "AGREE"), ("AGREE", "ACCUSE"), ("REJECT", "REJECT")]
    assert scoring.macro_f1(pairs) == pytest.approx((2 / 3 + 1.0) / 2)


def scored(gold_event: bool, detected: bool, right_type: bool = True) -> scoring.Scored:
    return scoring.Scored("i", gold_event, detected, "AGREE", "AGREE" if right_type else "REJECT",
                      True, False, None, None, {})  # fmt: skip


def test_figures_count_detection_over_all_items_and_the_rest_over_matched_ones():
    items = [
        scored(True, True),
        scored(True, True, False),
        scored(True, False),
        scored(False, True),
    ]
    fig = scoring.figures(items)
    assert fig["detection"]["precision"] == pytest.approx(2 / 3)
    assert fig["detection"]["recall"] == pytest.approx(2 / 3)
    assert fig["type_accuracy"] == 0.5 and fig["source_accuracy"] == 1.0
    assert fig["target_accuracy"] == 0.0 and fig["date_accuracy"] is None
    ci = scoring.with_intervals(items, reps=200)["type_accuracy"]["ci95"]
    assert 0.0 <= ci[0] <= 0.5 <= ci[1] <= 1.0


def test_the_committed_folds_are_the_seeded_stratified_draw():
    records = acc.read_gsr()
    committed = json.loads(acc.FOLDS.read_text())["folds"]
    assert committed == acc.make_folds(list(records.values()))
    assert sorted(i for fold in committed for i in fold) == sorted(records)
    sizes = [len(f) for f in committed]
    assert max(sizes) - min(sizes) <= 1
