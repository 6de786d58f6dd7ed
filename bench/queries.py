"""Analytic query latency on a generated 1M-article warehouse (issue 11).

    uv run python -m bench.queries --articles 1000000

Rows are generated inside DuckDB (`range()`), with realistic shapes: 1M articles over two
years and 300 outlets, 5% duplicates, 20k actors, 6 mentions per article, 0.4 events per
article, 4 articles per story. Every view in sql/views and a few typical questions are timed (median of 3 runs,
after one warm-up). Results: bench/results/queries.json.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import statistics
import tempfile
import time
from pathlib import Path

from newsflow import resources
from newsflow import warehouse as wh

GENERATE = """
insert into actors (actor_id, name, actor_type, country_code, aliases)
select 'act_' || i, 'Actor ' || i,
       (['PERSON', 'ORG', 'COUNTRY', 'GROUP'])[1 + i % 4],
       (['PAK', 'IRN', 'AFG', 'USA', 'GBR'])[1 + i % 5], ['Actor ' || i]
from range($actors) t(i);

insert into articles (article_id, run_id, bundle_id, source_path, content_hash, title, source_name,
                      url, published_date, date_source, body, word_count, language, duplicate_of,
                      story_id)
select 'a_' || i, 'run_' || (i // 100000), 'b_' || (i // 100000), 'doc/' || i || '.txt',
       md5(i::varchar), 'Title ' || i, 'Outlet ' || (i % 300), 'https://x/' || i,
       date '2023-01-01' + (i % 730)::int, 'text', 'Body of article ' || i, 400, 'en',
       case when i % 20 = 0 and i > 0 then 'a_' || (i - 1) end, 's_' || (i // 4)
from range($articles) t(i);

insert into mentions (mention_id, article_id, actor_id, event_id, mention_text, char_start,
                      char_end, sentence_index)
select 'm_' || i, 'a_' || (i // 6), 'act_' || ((i * 7919) % $actors),
       case when i % 15 = 0 then 'e_' || (i // 15) end, 'Actor', 0, 5, i % 20
from range($articles * 6) t(i);

insert into events (event_id, event_type, cameo_root, source_actor_id, target_actor_id, event_date,
                    date_source, place_name, latitude, longitude, country_code, story_id,
                    num_mentions, num_articles, num_sources, evidence, confidence, mode)
select 'e_' || i, (['CONSULT', 'ASSAULT', 'AGREE', 'ACCUSE', 'AID', 'PROTEST'])[1 + i % 6], '04',
       'act_' || (i % $actors), 'act_' || ((i * 31) % $actors),
       date '2023-01-01' + (i % 730)::int, 'published', 'Place', 33.7, 73.1, 'PAK',
       's_' || (i * 10 // 4), 1 + i % 3, 1 + i % 3, 1 + i % 2, 'Evidence sentence.', 0.8, 'asserted'
from range($articles * 4 // 10) t(i);

insert into stories (story_id, first_seen, last_seen, num_articles, num_sources, headline,
                     top_actors)
select 's_' || i, date '2023-01-01' + ((i * 4) % 730)::int, date '2023-01-01' + ((i * 4) % 730)::int + 2,
       4, 3, 'Title ' || (i * 4), ['Actor 1', 'Actor 2']
from range($articles // 4) t(i);

insert into runs (run_id, started_at, finished_at, status, bundle_path, inputs, loaded, duplicates,
                  quarantined)
select 'run_' || i, timestamp '2025-01-01 00:00:00', timestamp '2025-01-01 01:00:00', 'completed', 'b', 100000, 100000, 5000, 10
from range(10) t(i);
"""

TYPICAL = {
    "who_met_whom_last_month": """
        select s.name as source, t.name as target, count(*) as meetings
        from events e join actors s on s.actor_id = e.source_actor_id
        join actors t on t.actor_id = e.target_actor_id
        where e.event_type = 'CONSULT' and e.event_date >= date '2024-12-01'
        group by all order by meetings desc limit 20""",
    "top_actors_by_mentions": """
        select a.name, count(*) as n from mentions m join actors a using (actor_id)
        group by all order by n desc limit 20""",
    "stories_by_outlets": """
        select story_id, count(distinct outlet) as outlets, count(*) as articles
        from articles group by story_id order by outlets desc limit 20""",
    "daily_articles": """
        select published_date, count(*) from articles where duplicate_of is null
        group by 1 order by 1""",
}


def _median_seconds(con, sql: str, repeat: int = 3) -> float:
    # results come back as Arrow, as a BI tool or notebook reads them (not as Python tuples)
    con.execute(sql).fetch_arrow_table()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        con.execute(sql).fetch_arrow_table()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1_000_000, help="articles to generate")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).parent / "results" / "queries.json"
    )
    parser.add_argument(
        "--watchdog-seconds",
        type=float,
        default=0,
        help="if set, print every thread's stack and exit with an error after this long",
    )
    args = parser.parse_args()
    if args.watchdog_seconds:
        faulthandler.dump_traceback_later(args.watchdog_seconds, exit=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.duckdb"
        con = wh.connect(path)
        wh.migrate(con)
        start = time.perf_counter()
        sql = GENERATE.replace("$articles", str(args.articles)).replace("$actors", "20000")
        con.execute(sql)
        con.execute((resources.path("sql") / "queries" / "fill_outlets.sql").read_text("utf-8"))
        generated_s = time.perf_counter() - start
        views = [
            r[0]
            for r in con.execute(
                "select view_name from duckdb_views() where not internal and schema_name = 'main' order by 1"
            ).fetchall()
        ]
        results = {
            "articles": args.articles,
            "generate_seconds": round(generated_s, 1),
            "queries": {},
        }
        for view in views:
            results["queries"][f"view:{view}"] = round(
                _median_seconds(con, f'select * from "{view}"'), 4
            )
        for name, sql in TYPICAL.items():
            results["queries"][name] = round(_median_seconds(con, sql), 4)
        con.close()
    results["slowest_seconds"] = max(results["queries"].values())
    results["all_under_1s"] = results["slowest_seconds"] < 1.0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
