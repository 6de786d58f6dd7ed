"""The seed bundle's events as a careful reader finds them (issue 20), through the real pipeline.

One run of `pipeline.run_bundle` (real extraction, gates, load) on ../shared/bundles/seeds into a
DuckDB file; every test reads the warehouse. The cases are the ones issue 20 lists as wrong on
main: a capital standing for its government, a passive claim, "urged the Taliban", the Kerman
bombing's date, Kandahar's spelling, "X's chief Y and Z", and background told as news.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from newsflow import pipeline
from newsflow.settings import Settings

EVENTS = """
    select e.*, s.name as source, t.name as target
    from events as e
    left join actors as s on s.actor_id = e.source_actor_id
    left join actors as t on t.actor_id = e.target_actor_id
"""


@pytest.fixture(scope="module")
def warehouse(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeds") / "w.duckdb"
    summary = pipeline.run_bundle(seeds_dir, Settings(warehouse=path))
    assert summary["loaded"] == 5
    return path


@pytest.fixture(scope="module")
def con(warehouse: Path):
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection
    connection.close()


def events_where(con: duckdb.DuckDBPyConnection, condition: str, *params: object) -> list[dict]:
    cursor = con.execute(f"select * from ({EVENTS}) where {condition}", list(params))
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def one_event(con: duckdb.DuckDBPyConnection, condition: str, *params: object) -> dict:
    found = events_where(con, condition, *params)
    assert len(found) == 1, found
    return found[0]


def supported_by(con: duckdb.DuckDBPyConnection, event_id: str, phrase: str) -> bool:
    """Does a mention inside the sentence holding `phrase` support the event?"""
    return bool(
        con.execute(
            """
            select count(*) from mentions as m join articles as a using (article_id)
            where m.event_id = ? and position(? in a.body) > 0
              and m.char_start >= position(? in a.body) - 1
              and m.char_start < position(? in a.body) - 1 + length(?)
            """,
            [event_id, phrase, phrase, phrase, phrase],
        ).fetchone()[0]
    )


def test_a_capital_acting_stands_for_its_government(con):
    # "Islamabad attributes these attacks to terrorist hideouts across the border, accusing the
    # Taliban government of harboring the TTP": Pakistan accuses the Taliban.
    accuse = one_event(con, "event_type = 'ACCUSE' and target = 'Taliban'")
    assert accuse["source"] == "Pakistan"
    assert supported_by(con, accuse["event_id"], "Islamabad attributes these attacks")
    assert accuse["event_date"] == date(2024, 1, 15)  # Khaama Press's report of the same charge


def test_kerman_bombing_is_dated_to_its_month_never_the_report_day(con):
    bombing = one_event(con, "event_type = 'ASSAULT' and place_name = 'Kerman'")
    assert (bombing["source"], bombing["target"]) == ("Islamic State Khorasan Province", "Iran")
    assert (bombing["country_code"], bombing["geonames_id"]) == ("IRN", 128234)
    # "earlier this month", "a recent bombing": January 2024 at month precision, not 15 January
    assert (bombing["event_date"], bombing["event_date_precision"]) == (date(2024, 1, 1), "month")
    assert bombing["date_source"] == "published_recent"
    assert bombing["background"] is True  # every report tells it as the talks' context
    # "The terrorist attack was claimed by Da'ish": the same attack, whose target is Iran
    assert supported_by(con, bombing["event_id"], "The terrorist attack was claimed by Da")
    assert not events_where(con, "event_type = 'ASSAULT' and event_date = date '2024-01-15'")


def test_regional_countries_called_on_the_taliban_not_on_the_venue(con):
    request = one_event(
        con, "event_type = 'REQUEST' and target = 'Taliban' and evidence like '%Moscow Format%'"
    )
    assert request["source"] is None  # "regional countries" names no actor
    assert request["source_generic"] == "regional country"  # but the row says who, in words
    assert (request["event_date"], request["event_date_precision"]) == (date(2023, 9, 1), "month")
    assert request["background"] is True  # "had called on ... last September"
    assert request["place_name"] is None  # not the dateline of a report four months later
    assert not events_where(con, "target = 'Moscow Format'")


def test_kandahar_is_stored_in_its_ascii_form_with_its_geonames_id(con):
    meeting = one_event(con, "place_name = 'Kandahar'")
    assert meeting["event_type"] == "CONSULT"
    assert {meeting["source"], meeting["target"]} == {"Fazlur Rehman", "Haibatullah Akhundzada"}
    assert (meeting["geonames_id"], meeting["country_code"]) == (1138336, "AFG")
    assert not events_where(con, "place_name <> strip_accents(place_name)")


def test_a_chief_meets_the_other_side_not_his_own_party(con):
    # "meetings between JUI-F chief Maulana Fazlur Rehman and TTP leaders"
    found = events_where(
        con, "event_type = 'CONSULT' and 'Fazlur Rehman' in (source, target) and place_name is null"
    )
    assert [{e["source"], e["target"]} for e in found] == [
        {"Fazlur Rehman", "Tehreek-e-Taliban Pakistan"}
    ]


def test_history_is_never_news_of_the_report_day(con):
    # "General Qasem Soleimani ..., who was killed in a US drone strike in Iraq"
    strike = one_event(con, "event_type = 'ASSAULT' and source = 'United States'")
    assert (strike["target"], strike["background"]) == ("Iraq", True)
    assert (strike["event_date"], strike["date_source"]) == (None, "background")
    # "launching attacks against Pakistan since the Taliban returned to power in 2021"
    campaign = one_event(con, "event_type = 'ASSAULT' and source = 'Tehreek-e-Taliban Pakistan'")
    assert (campaign["target"], campaign["background"], campaign["event_date"]) == (
        "Pakistan",
        True,
        None,
    )


def test_pakistan_iran_talks_in_islamabad_on_15_january(con):
    talks = one_event(
        con,
        "event_type = 'CONSULT' and 'Pakistan' in (source, target) and 'Iran' in (source, target)",
    )
    assert (talks["event_date"], talks["event_date_precision"], talks["place_name"]) == (
        date(2024, 1, 15),
        "day",
        "Islamabad",
    )
    assert (talks["background"], talks["num_articles"], talks["num_sources"]) == (False, 5, 5)


def test_the_run_reports_its_events_without_source_or_target(con):
    (run_id,) = con.execute("select run_id from runs").fetchone()
    view = con.execute(
        "select num_events, num_null_source, num_null_target, num_generic_source,"
        " num_generic_target, null_source_share from run_event_roles where run_id = ?",
        [run_id],
    ).fetchone()
    direct = con.execute(
        "select count(*), count(*) filter (where source_actor_id is null),"
        " count(*) filter (where target_actor_id is null),"
        " count(source_generic), count(target_generic) from events"
    ).fetchone()
    assert view[:5] == direct
    assert view[5] == round(direct[1] / direct[0], 3)
    # a generic word fills only a null role
    assert not events_where(con, "source_generic is not null and source_actor_id is not null")
    assert not events_where(con, "target_generic is not null and target_actor_id is not null")
