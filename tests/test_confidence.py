"""events.confidence: a probability fitted on the blind audits of the warehouse (issue 20)."""

from __future__ import annotations

import json
import shutil

import duckdb
import polars as pl
import pytest

from bench import fit_confidence
from newsflow import confidence, resources
from newsflow import warehouse as wh


def _events(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={name: pl.String for name in confidence.COLUMNS}, orient="row")


def test_shipped_model_is_the_fit_of_the_committed_judgements():
    """data/events/confidence.json is what bench/fit_confidence.py fits on the committed
    training table: no coefficient set by hand, none left behind by a change of features."""
    shipped = confidence.model()["coefficients"]
    refitted = fit_confidence.fitted_model(fit_confidence.training_frame())["coefficients"]
    assert list(shipped) == confidence.feature_names()
    assert refitted == pytest.approx(shipped, abs=1e-5)


def test_the_model_beats_the_old_confidence_on_audits_it_was_not_fitted_on():
    """Fitted on two audits, scored on the third: better than a constant and than the evidence
    score the warehouse stored before (AUC 0.58, Brier above a constant's)."""
    figures = fit_confidence.fitted_model(fit_confidence.training_frame())
    held, before = figures["leave_one_audit_out"], figures["stored_confidence_before"]
    assert held["events"] >= 500
    assert held["brier"] < held["brier_constant"] < before["brier"]
    assert held["auc"] >= 0.68 > before["auc"]


def test_readings_the_audits_found_wrong_score_low():
    """An accusation between named sides is mostly right; a firm's withdrawal with no target,
    a cooperation and a negated report mostly not (random_audit17-19)."""
    p = confidence.probability(
        _events(
            [
                ("ACCUSE", "a1", "a2", None, None, "asserted"),
                ("RETREAT", "a1", None, None, None, "asserted"),
                ("COOPERATE", "a1", "a2", None, None, "asserted"),
                ("AGREE", "a1", "a2", None, None, "negated"),
                ("AGREE", "a1", "a2", None, None, "asserted"),
            ]
        )
    ).to_list()
    accuse, retreat, cooperate, negated, agree = p
    assert accuse > 0.75
    assert max(retreat, cooperate, negated) < 0.35 < agree


def test_a_model_missing_a_feature_is_refused():
    fitted = json.loads(json.dumps(confidence.model()))
    del fitted["coefficients"]["negated"]
    with pytest.raises(ValueError, match="negated"):
        confidence.probability(_events([("ACCUSE", "a", "b", None, None, "asserted")]), fitted)


def test_migration_recomputes_the_confidence_of_events_loaded_before(tmp_path):
    """A warehouse from before sql/095 holds the old evidence-score confidence: the migration
    replaces it with the model's, raised per further outlet as a load does."""
    old = tmp_path / "sql"
    shutil.copytree(resources.path("sql"), old)
    (old / "095_event_confidence.sql").unlink()
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    wh.migrate(con, old)
    for event_id, kind, target, sources in [("e1", "ACCUSE", "a2", 1), ("e2", "RETREAT", None, 2)]:
        con.execute(
            "insert into events (event_id, event_type, source_actor_id, target_actor_id, mode, "
            "num_mentions, num_articles, num_sources, confidence) "
            "values (?, ?, 'a1', ?, 'asserted', 2, 2, ?, 0.5)",
            [event_id, kind, target, sources],
        )
    assert wh.migrate(con) == ["095_event_confidence.sql"]
    stored = dict(con.execute("select event_id, confidence from events").fetchall())
    p = confidence.probability(
        _events(
            [
                ("ACCUSE", "a1", "a2", None, None, "asserted"),
                ("RETREAT", "a1", None, None, None, "asserted"),
            ]
        )
    ).to_list()
    assert stored == {
        "e1": pytest.approx(p[0], abs=1e-3),
        "e2": pytest.approx(1 - (1 - p[1]) * 0.6, abs=1e-3),
    }


def test_the_migration_and_the_load_raise_confidence_alike(tmp_path):
    """Further outlets raise confidence in two places, the load's SQL
    (queries/refresh_event_counts.sql) and the migration's backfill (`confidence.refill`): an
    event with three outlets ends with the same confidence either way."""
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    wh.migrate(con)
    p = confidence.probability(_events([("ACCUSE", "a1", "a2", None, None, "asserted")]))[0]
    con.execute(
        "insert into events (event_id, event_type, source_actor_id, target_actor_id, mode, "
        "num_mentions, num_articles, num_sources, confidence) "
        "values ('e1', 'ACCUSE', 'a1', 'a2', 'asserted', 3, 3, null, ?)",
        [p],
    )
    for article, outlet in [("x1", "bbc"), ("x2", "reuters"), ("x3", "ap")]:
        con.execute(
            "insert into event_articles (event_id, article_id, num_mentions, outlet) "
            "values ('e1', ?, 1, ?)",
            [article, outlet],
        )
    con.execute(resources.sql("queries/refresh_event_counts.sql"))
    loaded = con.execute("select num_sources, confidence from events").fetchone()
    confidence.refill(con)
    refilled = con.execute("select confidence from events").fetchone()[0]
    assert loaded[0] == 3
    assert refilled == pytest.approx(loaded[1], abs=1e-9)
    assert loaded[1] == pytest.approx(1 - (1 - p) * confidence.OUTLET_DOUBT**2, abs=1e-3)
