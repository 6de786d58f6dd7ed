"""events.plover_type, the PLOVER codebook's type beside the trigger's (issue 20, sql/096).

PLOVER codes a negated cooperative act as a REJECT and a planned or possible one as the intent
it states; the accuracy harness scored that type (`triggers.plover_type`) while the warehouse
stored only the trigger's, so "would not bow to demands" counted as a CONCEDE. A real BBC
sentence through the real events stage, and the migration's backfill of a warehouse loaded
before the column existed.
"""

from __future__ import annotations

import shutil
from datetime import date

import duckdb

from newsflow import resources
from newsflow import warehouse as wh
from newsflow.triggers import plover_type
from tests.event_frames import article_events, fresh_state

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_tur", "Turkey", "COUNTRY", "TUR", ["Turkey"]),
    ("act_cyp", "Cyprus", "COUNTRY", "CYP", ["Cyprus"]),
]  # fmt: skip


def test_a_concession_refused_is_stored_as_plover_reject(nlp):
    # bbc/politics/064.txt (change_audit25 item 116: "a refusal is REJECT, not CONCEDE")
    text = (
        "The internationally recognised southern part of Cyprus is an EU member, but Turkey, "
        "which occupies northern Cyprus, had previously insisted it would not bow to demands to "
        'recognise the country, calling the issue a "red line".'
    )
    frame = article_events(text, nlp, fresh_state(), ACTORS, date(2004, 12, 17))
    rows = frame.select("event_type", "mode", "plover_type", "source_actor_id").rows()
    assert ("CONCEDE", "negated", "REJECT", "act_tur") in rows
    # every row's PLOVER type is the rule's reading of its type and mode
    assert all(p == plover_type(t, m) for t, m, p, _ in rows)


def test_the_migration_gives_events_loaded_before_their_plover_type(tmp_path):
    old = tmp_path / "sql"
    shutil.copytree(resources.path("sql"), old)
    (old / "096_event_plover_type.sql").unlink()
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    wh.migrate(con, old)
    for event_id, kind, mode in [
        ("e1", "CONSULT", "negated"),  # "would not meet": PLOVER's REJECT
        ("e2", "ASSAULT", "planned"),  # a planned attack: a THREATEN
        ("e3", "ACCUSE", "asserted"),
    ]:
        con.execute(
            "insert into events (event_id, event_type, mode, num_mentions, num_articles) "
            "values (?, ?, ?, 1, 1)",
            [event_id, kind, mode],
        )
    assert wh.migrate(con) == ["096_event_plover_type.sql"]
    stored = dict(con.execute("select event_id, plover_type from events").fetchall())
    assert stored == {"e1": "REJECT", "e2": "THREATEN", "e3": "ACCUSE"}
