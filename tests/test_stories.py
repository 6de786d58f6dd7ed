"""Story clustering and the `stories` table (issue 5)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import polars as pl
from test_dedupe import DAY, bbc, load_like_the_pipeline, parsed

from newsflow import dedupe, resources
from newsflow import warehouse as wh
from newsflow.settings import Settings

# Same day, same country, other matters: they share Pakistan/Islamabad/Minister with the seeds.
OTHER_PAKISTAN_NEWS = [
    (
        "Election commission rejects PTI appeal",
        "ISLAMABAD - The Election Commission of Pakistan on Monday rejected an appeal by the "
        "Pakistan Tehreek-e-Insaf against the cancellation of intra-party polls, leaving Imran "
        "Khan's party without its cricket bat symbol weeks before the February vote. Chief "
        "Election Commissioner Sikandar Sultan Raja said the party had failed to hold a fair "
        "contest. Barrister Gohar Ali Khan told reporters in Islamabad the party would move the "
        "Supreme Court, where Chief Justice Qazi Faez Isa is expected to hear the case.",
    ),
    (
        "Pakistan lose opening T20 in Auckland",
        "AUCKLAND - New Zealand beat Pakistan by 46 runs in the first Twenty20 international at "
        "Eden Park, with Daryl Mitchell and Kane Williamson scoring half-centuries. Shaheen Shah "
        "Afridi, leading Pakistan for the first time, took three wickets but Babar Azam's 57 was "
        "not enough. The Pakistan Cricket Board said Mohammad Rizwan would keep wicket in "
        "Hamilton on Friday. Fans in Lahore and Karachi watched the match on big screens.",
    ),
    (
        "Gas price rise approved by cabinet",
        "ISLAMABAD - Pakistan's caretaker cabinet approved a rise in gas prices for industry on "
        "Monday, the Finance Ministry said, as Islamabad seeks to meet conditions of the "
        "International Monetary Fund. Finance Minister Shamshad Akhtar told the Economic "
        "Coordination Committee that the Oil and Gas Regulatory Authority would notify the new "
        "tariffs. Sui Northern Gas Pipelines and Sui Southern Gas Company will apply them from "
        "February, and the All Pakistan Textile Mills Association called the rise unbearable.",
    ),
]


def seeds(seeds_dir: Path) -> list[dict]:
    """The five acceptance articles: one event reported by five outlets."""
    docs = []
    for k, path in enumerate(sorted(seeds_dir.glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        body = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", text)
        docs.append(
            {
                "body": body,
                "title": body.split("\n")[0][:90],
                "source": f"seed{k}",
                "path": path.name,
            }
        )
    return docs


def test_the_five_seed_reports_are_one_story(seeds_dir):
    out = dedupe.dedupe_batch(parsed(*seeds(seeds_dir)), dedupe.DedupeState(), Settings())
    assert out["duplicate_of"].null_count() == 5  # different reports, not copies
    assert out["story_id"].n_unique() == 1


def test_same_day_news_about_other_matters_stays_apart(seeds_dir):
    docs = [*seeds(seeds_dir), *({"title": t, "body": b} for t, b in OTHER_PAKISTAN_NEWS)]
    docs += [
        {"title": t, "body": b}
        for t, b in (bbc(n) for n in ["business_001", "politics_001", "tech_001"])
    ]
    out = dedupe.dedupe_batch(parsed(*docs), dedupe.DedupeState(), Settings())
    stories = out["story_id"].to_list()
    assert len(set(stories[:5])) == 1
    assert len(set(stories)) == 1 + len(docs) - 5


def test_story_grows_in_a_later_batch_within_the_window_only(seeds_dir):
    docs = seeds(seeds_dir)
    state = dedupe.DedupeState()
    first = dedupe.dedupe_batch(parsed(*docs[:2]), state, Settings())
    later = dedupe.dedupe_batch(
        parsed(
            {**docs[2], "date": DAY + dt.timedelta(days=2)},
            {**docs[3], "date": DAY + dt.timedelta(days=30)},  # outside the 3-day window
            start=10,
        ),
        state,
        Settings(),
    )
    assert first["story_id"].n_unique() == 1
    assert later["story_id"][0] == first["story_id"][0]
    assert later["story_id"][1] != first["story_id"][0]


def test_story_id_does_not_depend_on_batching(seeds_dir):
    docs = seeds(seeds_dir)
    whole = dedupe.dedupe_batch(parsed(*docs), dedupe.DedupeState(), Settings())
    state = dedupe.DedupeState()
    one_by_one = pl.concat(
        [dedupe.dedupe_batch(parsed(d, start=k), state, Settings()) for k, d in enumerate(docs)]
    )
    assert whole["story_id"].n_unique() == one_by_one["story_id"].n_unique() == 1


def refresh(con: duckdb.DuckDBPyConnection, run_id: str = "run1") -> None:
    """What the load runs after inserting a run's rows (load_like_the_pipeline: run1)."""
    con.execute(resources.sql("queries/fill_outlets.sql"))
    con.execute(resources.sql("queries/refresh_stories.sql"), {"run_id": run_id})


def test_refresh_stories_summarises_members_and_is_idempotent(tmp_path, seeds_dir):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    wh.migrate(con)
    docs = seeds(seeds_dir)
    state = dedupe.DedupeState()
    first = dedupe.dedupe_batch(
        parsed(
            {**docs[0], "date": DAY - dt.timedelta(days=1)},
            docs[1],
            {**docs[1], "path": "copy.txt", "source": "seed0"},
        ),
        state,
        Settings(),
    )
    load_like_the_pipeline(con, first, state)
    con.execute(
        "insert into actors values ('act_q', 'Hassan Kazemi Qomi', 'PERSON', 'IRN', []), ('act_p', 'Pakistan', 'COUNTRY', 'PAK', [])"
    )
    for k, (article, actor) in enumerate([(0, "act_q"), (0, "act_p"), (1, "act_p"), (1, "act_p")]):
        con.execute(
            "insert into mentions values (?, ?, ?, null, 'x', 0, 1, 0)",
            [f"m{k}", first["article_id"][article], actor],
        )
    refresh(con)
    story = first["story_id"][0]
    row = con.execute("select * from stories").fetchall()
    assert row == [
        (
            story,
            DAY - dt.timedelta(days=1),
            DAY,
            3,
            2,
            docs[0]["title"],
            ["Pakistan", "Hassan Kazemi Qomi"],
            # the words the two canonical titles use most, then the first title's, a-z
            ["afghanistan", "situation", "deteriorating", "evolving", "iran"],
        )
    ]
    refresh(con)
    assert con.execute("select * from stories").fetchall() == row
    # a story loaded before migration 091 has no top_terms: the next refresh fills it
    con.execute("update stories set top_terms = null")
    refresh(con)
    assert con.execute("select * from stories").fetchall() == row

    # a later run adds an article to the story and founds another one
    run2 = dedupe.load_state(con)
    second = dedupe.dedupe_batch(
        parsed(
            {**docs[2], "date": DAY + dt.timedelta(days=1)},
            {"body": bbc("sport_001")[1], "title": "Sport"},
            start=20,
        ),
        run2,
        Settings(),
    )
    load_like_the_pipeline(con, second, run2)
    refresh(con)
    rows = dict(con.execute("select story_id, num_articles from stories").fetchall())
    assert rows == {story: 4, second["story_id"][1]: 1}
    assert con.execute(
        "select last_seen, num_sources from stories where story_id = ?", [story]
    ).fetchone() == (
        DAY + dt.timedelta(days=1),
        3,
    )


def test_undated_reports_take_the_batch_date_and_join_the_story(seeds_dir):
    """Two seeds parse without any date; they still belong to the seeds' story (issue 5)."""
    docs = seeds(seeds_dir)
    undated = [{**d, "date": None} if k in (1, 3) else d for k, d in enumerate(docs)]
    state = dedupe.DedupeState()
    out = dedupe.dedupe_batch(parsed(*undated[:4]), state, Settings())
    assert out["story_id"].n_unique() == 1
    far = dedupe.dedupe_batch(
        parsed({**docs[4], "date": DAY + dt.timedelta(days=40)}, start=9), state, Settings()
    )
    assert far["story_id"][0] != out["story_id"][0]  # the window still applies to dated ones


def test_story_outlets_count_unknown_originals_once_and_copies_never(tmp_path):
    """num_sources counts `articles.outlet`: an original without an outlet is one of its own, a
    copy without one is its canonical's (the rule events.num_sources follows)."""
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    wh.migrate(con)
    for article_id, source, duplicate_of in [
        ("a1", None, None), ("a2", None, "a1"), ("a3", None, None), ("a4", "Dawn", None),
        ("a5", None, "a4"),
    ]:  # fmt: skip
        con.execute(
            "insert into articles (article_id, run_id, bundle_id, source_path, content_hash, "
            "source_name, body, word_count, duplicate_of, story_id, crawl_date) "
            "values (?, 'r', 'b', ?, 'h', ?, 'x', 1, ?, 's1', ?)",
            [article_id, article_id, source, duplicate_of, DAY],
        )
    refresh(con, run_id="r")
    assert con.execute("select num_articles, num_sources from stories").fetchall() == [(5, 3)]
    timeline = "select day_articles, day_sources from story_timeline"
    assert con.execute(timeline).fetchall() == [(5, 3)]
