"""Shared fixtures: an isolated Prefect home, a session-wide Prefect test harness, the
events stage's role parser, lexicon, gazetteer and a fresh events state, and the quality
gates' gatekeeper."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Prefect reads its settings at import time: isolate it before any test imports it.
_PREFECT_HOME = tempfile.mkdtemp(prefix="newsflow-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "bundles" / "seeds"
EXAMPLE_BUNDLE = REPO / "examples" / "bundle"


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server/database for every flow run in the session (~20 s once)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def nlp():
    """The events stage's role parser, loaded once for every event test. The extraction tests
    (test_extract, test_extract_orgs, test_blas) define their own `nlp`: extract's pipeline."""
    from tests.event_frames import parser

    return parser()


@pytest.fixture(scope="module")
def gk():
    """A gatekeeper over the shipped suites, dated as the quality tests' frames are."""
    from newsflow import quality
    from newsflow.settings import Settings
    from tests.quality_frames import SUITES, TODAY

    return quality.Gatekeeper(Settings(expectations_dir=SUITES), today=TODAY)


@pytest.fixture(scope="module")
def lexicon():
    """The events stage's trigger lexicon, as shipped."""
    from newsflow import roles

    return roles.Lexicon.load()


@pytest.fixture(scope="module")
def gazetteer():
    """The offline GeoNames gazetteer."""
    from newsflow.geo import Gazetteer

    return Gazetteer.load()


@pytest.fixture
def state(lexicon, gazetteer):
    """A fresh events state (no known events) over the shipped lexicon and gazetteer."""
    from newsflow import events

    return events.EventState.empty(lexicon, gazetteer)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"the acceptance bundle is missing: {SEEDS} (shared/ must sit beside the repo)")
    return SEEDS


SNAPSHOT_TABLES = {
    "articles": "select * exclude (run_id) from articles order by article_id",
    "actors": "select * from actors order by actor_id",
    "mentions": "select * from mentions order by mention_id",
    "events": "select * from events order by event_id",
}


@pytest.fixture
def warehouse_snapshot():
    """Every row of the content tables of a warehouse file (run ids left out), for comparing
    two runs that must give the same warehouse."""
    import duckdb

    def snapshot(path: Path) -> dict[str, list]:
        with duckdb.connect(str(path), read_only=True) as con:
            return {name: con.execute(sql).fetchall() for name, sql in SNAPSHOT_TABLES.items()}

    return snapshot
