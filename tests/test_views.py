"""Analyst views and the docs/bi.md example queries on the fixture warehouse (issue 10).

Expected rows are worked out by hand from tests/fixtures/analyst/rows.sql and stories.sql.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
from fixtures.analyst.build import build_warehouse

from newsflow import resources
from newsflow import warehouse as wh

REPO = Path(__file__).resolve().parents[1]
VIEWS = (
    "actor_network",
    "article_sources",
    "daily_event_counts",
    "dq_summary",
    "quarantine_summary",
    "run_event_roles",
    "story_timeline",
    "top_actors",
)


def d(day: int) -> date:
    return date(2024, 3, day)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    path = build_warehouse(tmp_path_factory.mktemp("views"))
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_every_view_file_creates_the_view_it_is_named_after(tmp_path: Path) -> None:
    sql_dir = resources.path("sql")
    names = sorted(p.stem for p in wh.view_files(sql_dir))
    assert tuple(names) == VIEWS
    for path in wh.view_files(sql_dir):
        text = path.read_text(encoding="utf-8")
        assert re.search(rf"create or replace view {path.stem} as", text), path.name
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    wh.migrate(con, sql_dir)
    assert wh.migrate(con, sql_dir) == []  # views are re-created idempotently
    created = {
        r[0]
        for r in con.execute("select view_name from duckdb_views() where not internal").fetchall()
    }
    assert created == set(VIEWS)


def test_run_event_roles_counts_each_runs_events_without_roles(con) -> None:
    # run a's articles a_01..a_06 support e_01-e_05 and e_10 (no target); run b's a_07..a_10
    # support e_06-e_09; the failed run c loaded nothing (issue 20)
    assert rows(con, "select * exclude (started_at) from run_event_roles order by run_id") == [
        ("run_20240304_a", "completed", 6, 0, 1, 0.0, 0.167, 0, 0, 0),
        ("run_20240306_b", "completed", 4, 0, 0, 0.0, 0.0, 0, 0, 0),
        ("run_20240307_c", "failed", 0, 0, 0, None, None, 0, 0, 0),
    ]


def test_daily_event_counts(con) -> None:
    assert rows(
        con, "select * from daily_event_counts order by event_date nulls last, event_type"
    ) == [
        (d(1), "CONSULT", 1, 3, 3, 0.9),
        (d(2), "AGREE", 1, 1, 1, 0.85),
        (d(2), "CONSULT", 2, 2, 3, 1.4),  # e_03 0.8 and e_09 0.6
        (d(2), "PROTEST", 1, 2, 2, 0.9),
        (d(3), "ASSAULT", 1, 1, 1, 0.75),
        (d(3), "PROTEST", 1, 1, 1, 0.6),
        (d(4), "ACCUSE", 1, 3, 3, 0.9),
        (d(6), "ACCUSE", 1, 1, 1, 0.7),
        (None, "THREATEN", 1, 1, 1, 0.4),
    ]
    # undated events are kept: the view adds up to the events table
    assert rows(con, "select sum(num_events) from daily_event_counts") == rows(
        con, "select count(*) from events"
    )


def test_actor_network(con) -> None:
    got = rows(
        con,
        "select source_name, target_name, num_events, num_articles, event_types, first_date, last_date "
        "from actor_network order by source_name, target_name",
    )
    assert got == [
        ("Afghanistan", "Pakistan", 2, 4, ["AGREE", "CONSULT"], d(1), d(2)),
        ("Afghanistan", "Shehbaz Sharif", 1, 1, ["CONSULT"], d(2), d(2)),
        ("Iran", "Pakistan", 1, 1, ["CONSULT"], d(2), d(2)),
        ("Iran", "United States", 2, 4, ["ACCUSE"], d(4), d(6)),
        ("Jamaat-e-Islami", "Pakistan", 1, 2, ["PROTEST"], d(2), d(2)),
        ("Punjab Police", "Jamaat-e-Islami", 1, 1, ["ASSAULT"], d(3), d(3)),
        ("United States", "Iran", 1, 1, ["THREATEN"], None, None),
    ]
    # confidence summed: e_01 0.9 and e_02 0.85; e_06 0.9 and e_07 0.7
    assert rows(
        con,
        "select source_name, target_name, expected_events from actor_network "
        "where num_events = 2 order by source_name",
    ) == [("Afghanistan", "Pakistan", 1.75), ("Iran", "United States", 1.6)]
    # the event without a target (e_10) is not a pair
    assert rows(con, "select count(*) from actor_network where 'act_ji' = source_actor_id") == [
        (1,)
    ]
    assert rows(
        con,
        "select source_type, source_country, target_type, target_country from actor_network "
        "where source_actor_id = 'act_police'",
    ) == [("ORG", "PAK", "GROUP", "PAK")]


def test_top_actors(con) -> None:
    got = rows(
        con,
        "select name, actor_type, country_code, num_mentions, num_events, "
        "num_events_as_source, num_events_as_target, rank_by_mentions, rank_by_events "
        "from top_actors order by rank_by_mentions, name",
    )
    assert got == [
        ("Pakistan", "COUNTRY", "PAK", 6, 4, 0, 4, 1, 1),
        ("Iran", "COUNTRY", "IRN", 4, 4, 3, 1, 2, 1),
        ("Afghanistan", "COUNTRY", "AFG", 3, 3, 3, 0, 3, 3),
        ("Jamaat-e-Islami", "GROUP", "PAK", 3, 3, 2, 1, 3, 3),
        ("United States", "COUNTRY", "USA", 3, 3, 1, 2, 3, 3),
        ("Shehbaz Sharif", "PERSON", "PAK", 2, 1, 0, 1, 6, 6),
        ("Punjab Police", "ORG", "PAK", 1, 1, 1, 0, 7, 6),
        ("United Nations", "ORG", None, 0, 0, 0, 0, 8, 8),
    ]


def test_article_sources(con) -> None:
    assert rows(con, "select * from article_sources order by source_name nulls last") == [
        ("Al Jazeera", 2, 0, 2, d(2), d(5)),
        ("BBC", 2, 1, 1, d(2), d(4)),
        ("Dawn", 3, 0, 3, d(1), d(3)),
        ("Reuters", 2, 0, 2, d(1), d(4)),
        (None, 1, 0, 1, None, None),
    ]


def test_story_timeline(con) -> None:
    got = rows(
        con,
        "select story_id, headline, first_seen::date, last_seen::date, num_articles, num_sources, "
        "num_events, day, day_articles, day_sources, day_events "
        "from story_timeline order by story_id, day",
    )
    border = (
        "st_border_talks",
        "Pakistan and Afghanistan hold border talks in Islamabad",
        d(1),
        d(2),
        4,
        4,
        3,
    )
    gas = ("st_gas_payments", "Finance ministry upbeat on gas payment talks", d(5), d(5), 1, 1, 0)
    gulf = (
        "st_gulf_tanker",
        "Iran accuses United States over Gulf tanker seizure",
        d(4),
        d(5),
        3,
        3,
        3,
    )
    lahore = ("st_lahore_fuel", "Thousands protest fuel prices in Lahore", d(2), d(3), 2, 1, 3)
    assert got == [
        (*border, d(1), 2, 2, 1),
        (*border, d(2), 2, 2, 2),  # the BBC copy (a duplicate) is coverage too
        (*gas, d(5), 1, 1, 0),  # no published date: the crawl date; its own (unknown) outlet
        (*gulf, d(4), 2, 2, 1),
        (*gulf, d(5), 1, 1, 0),
        (*gulf, d(6), 0, 0, 1),  # a day with an event but no article
        (*lahore, d(2), 1, 1, 1),
        (*lahore, d(3), 1, 1, 2),
    ]


def test_dq_summary(con) -> None:
    got = rows(
        con,
        "select run_id, status, stage, num_checks, num_passed, num_failed, num_critical_failed, "
        "unexpected_rows, round(pass_rate, 4) from dq_summary order by run_id, stage",
    )
    assert got == [
        ("run_20240304_a", "completed", "ingest", 2, 2, 0, 0, 0, 1.0),
        ("run_20240304_a", "completed", "parse", 3, 2, 1, 0, 1, 0.6667),
        ("run_20240306_b", "completed", "ingest", 2, 2, 0, 0, 0, 1.0),
        ("run_20240306_b", "completed", "parse", 3, 1, 2, 0, 3, 0.3333),
        ("run_20240307_c", "failed", "load", 2, 1, 1, 1, 2, 0.5),
    ]


def test_quarantine_summary(con) -> None:
    assert rows(con, "select * from quarantine_summary order by run_id, stage, reason") == [
        ("run_20240304_a", "ingest", "binary file", "binary file", 1, 1),
        (
            "run_20240306_b",
            "mentions",
            "expect_column_values_to_not_be_null",
            "expect_column_values_to_not_be_null: actor_id",
            1,
            1,
        ),
        ("run_20240306_b", "parse", "too short", "too short: 4 words", 2, 2),
        ("run_20240306_b", "parse", "too short", "too short: 7 words", 1, 1),
    ]


def bi_queries() -> dict[str, str]:
    """The example queries of docs/bi.md, by their `-- question:` name."""
    text = (REPO / "docs" / "bi.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", text, flags=re.DOTALL)
    named = {}
    for block in blocks:
        match = re.match(r"-- question: (\w+)\n", block)
        if match:
            named[match.group(1)] = block
    return named


def test_bi_docs_list_the_questions_tested_here() -> None:
    assert sorted(bi_queries()) == sorted(BI_EXPECTED)


BI_EXPECTED: dict[str, list[tuple]] = {
    # with `since` = 2024-03-02: the 1 March talks are out of the week
    "who_met_whom": [
        (d(2), "Afghanistan", "Shehbaz Sharif", "Islamabad", 1),
        (d(2), "Iran", "Pakistan", None, 1),
    ],
    "stories_by_outlets": [
        (
            "st_border_talks",
            "Pakistan and Afghanistan hold border talks in Islamabad",
            4,
            4,
            d(1),
            d(2),
        ),
        ("st_gulf_tanker", "Iran accuses United States over Gulf tanker seizure", 3, 3, d(4), d(5)),
        ("st_lahore_fuel", "Thousands protest fuel prices in Lahore", 1, 2, d(2), d(3)),
        ("st_gas_payments", "Finance ministry upbeat on gas payment talks", 1, 1, d(5), d(5)),
    ],
    "busiest_pairs": [
        ("Afghanistan", "Pakistan", 2, ["AGREE", "CONSULT"], d(1), d(2)),
        ("Iran", "United States", 2, ["ACCUSE"], d(4), d(6)),
        ("Jamaat-e-Islami", "Pakistan", 1, ["PROTEST"], d(2), d(2)),
        ("Afghanistan", "Shehbaz Sharif", 1, ["CONSULT"], d(2), d(2)),
        ("Iran", "Pakistan", 1, ["CONSULT"], d(2), d(2)),
        ("Punjab Police", "Jamaat-e-Islami", 1, ["ASSAULT"], d(3), d(3)),
        ("United States", "Iran", 1, ["THREATEN"], None, None),
    ],
    "protests_per_day": [(d(2), 1, 2), (d(3), 1, 1)],
    "most_mentioned": [
        ("Pakistan", "COUNTRY", "PAK", 6, 4),
        ("Iran", "COUNTRY", "IRN", 4, 4),
        ("Afghanistan", "COUNTRY", "AFG", 3, 3),
        ("Jamaat-e-Islami", "GROUP", "PAK", 3, 3),
        ("United States", "COUNTRY", "USA", 3, 3),
    ],
    "syndication": [("BBC", 2, 1, 0.5)],
    "latest_run_gates": [("load", 2, 1, 1, 0.5)],
}


@pytest.mark.parametrize("question", sorted(BI_EXPECTED))
def test_bi_example_query(con, question: str) -> None:
    con.execute("set variable since = date '2024-03-02'")
    got = con.execute(bi_queries()[question]).fetchall()
    # stories.first_seen/last_seen may be timestamps: compare their dates
    got = [tuple(v.date() if isinstance(v, datetime) else v for v in row) for row in got]
    assert got == BI_EXPECTED[question]
