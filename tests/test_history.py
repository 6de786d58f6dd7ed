"""History on demand (issue 24): a run that reads only the earlier actors and events its batches
can touch (`history="on_demand"`) loads exactly what a run that reads them all (`"full"`) does."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import duckdb
import polars as pl
import pytest

from newsflow import history, pipeline, resolve
from newsflow import warehouse as wh
from newsflow.dedupe import lookup as dedupe_lookup
from newsflow.dedupe import state as dedupe_state
from newsflow.settings import Settings

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters21578.jsonl.gz"
# Reuters-21578 items (line numbers) in two slices that name the same people and companies
# (James Baker, Volcker, Reagan, Shultz, Gorbachev, Texaco, Chrysler, Nakasone, Yeutter, ...)
FIRST_SLICE = [52, 348, 4513, 191, 3556, 678, 1114, 351, 833, 1248, 43, 255]
REFILED = 833  # YEUTTER BLASTS PROPOSED EC OILS AND FATS TAX (2 March 1987), of FIRST_SLICE
SECOND_SLICE = [2190, 4555, 4501, 6049, 1121, 2229, 1772, 6373, 231, 286, 1791, 11506]

TABLES = {  # the content tables (run ids left out) and the events' merge bookkeeping
    "articles": "select * exclude (run_id) from articles order by article_id",
    "actors": "select * from actors order by actor_id",
    "mentions": "select * from mentions order by mention_id",
    "events": "select * from events order by event_id",
    "event_keys": "select * from event_keys order by event_id",
    "event_articles": "select * from event_articles order by event_id, article_id",
    "article_signatures": "select * from article_signatures order by article_id",
    "article_bands": "select * from article_bands order by band_key, article_id",
    "story_term_df": "select * from story_term_df order by slot",
    "name_cues": "select name, cue from name_cues order by all",
}


def _reuters_slice(path: Path, lines: list[int]) -> Path:
    wanted = set(lines)
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh:
        rows = [line for number, line in enumerate(fh, start=1) if number in wanted]
    path.write_text("".join(rows), encoding="utf-8")
    return path


def _refiled(path: Path, line: int) -> Path:
    """Reuters item `line` filed again a month later, one word changed: a near copy that only
    its LSH bands find (its story window is weeks away from the original's)."""
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh:
        (row,) = [json.loads(text) for number, text in enumerate(fh, start=1) if number == line]
    body = row["body"].replace("major transatlantic", "big transatlantic", 1)
    assert body != row["body"]
    row.update(newid=90_000 + line, date=row["date"].replace("-MAR-", "-APR-"), body=body)
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


def _seeds(folder: Path, seeds_dir: Path, names: list[str]) -> Path:
    folder.mkdir()
    for name in names:
        shutil.copy(seeds_dir / name, folder / name)
    return folder


def _bundles(tmp_path: Path, seeds_dir: Path) -> list[Path]:
    """Six runs: Reuters, two seeds, more Reuters naming the same actors, the other seeds with
    a reworded copy of an earlier run's article (a near duplicate), an exact copy of that
    article alone (not extracted: only its canonical's events, read by article, gain it), the
    whole seeds folder again, then a Reuters item filed again a month later."""
    names = sorted(p.name for p in seeds_dir.glob("*.txt"))
    late = _seeds(tmp_path / "seeds_late", seeds_dir, names[2:])
    first = (seeds_dir / names[0]).read_text(encoding="utf-8")
    reworded = first.replace("would start today", "will start today")
    assert reworded != first
    (late / "009_copy.txt").write_text(reworded, encoding="utf-8")
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "010_exact.txt").write_text(first, encoding="utf-8")
    return [
        _reuters_slice(tmp_path / "reuters_a.jsonl", FIRST_SLICE),
        _seeds(tmp_path / "seeds_early", seeds_dir, names[:2]),
        _reuters_slice(tmp_path / "reuters_b.jsonl", SECOND_SLICE),
        late,
        copy,
        seeds_dir,
        _refiled(tmp_path / "reuters_refiled.jsonl", REFILED),
    ]


def _snapshot(path: Path) -> dict[str, list]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {name: con.execute(sql).fetchall() for name, sql in TABLES.items()}


def _run_all(bundles: list[Path], settings: Settings) -> list[dict]:
    return [pipeline.run_bundle(bundle, settings) for bundle in bundles]


@pytest.fixture(scope="module")
def two_warehouses(tmp_path_factory, seeds_dir) -> dict[str, tuple[Path, list[dict], dict]]:
    """The same run sequence into a `full` and an `on_demand` warehouse (batches of 4)."""
    root = tmp_path_factory.mktemp("history")
    bundles = _bundles(root, seeds_dir)
    out = {}
    for mode in ("full", "on_demand"):
        settings = Settings(
            warehouse=root / mode / "w.duckdb", batch_size=4, nlp_workers=0, history=mode
        )
        read_rows: dict[str, int] = {}
        real = history.WarehouseHistory._query

        def spy(self, kind, sql, params, real=real, read_rows=read_rows):
            frame = real(self, kind, sql, params)
            read_rows[kind] = read_rows.get(kind, 0) + frame.height
            return frame

        real_read = dedupe_lookup.DedupeHistory.read

        def spy_articles(self, query, params, real=real_read, read_rows=read_rows):
            table = real(self, query, params)
            kind = Path(query).stem
            read_rows[kind] = read_rows.get(kind, 0) + table.num_rows
            return table

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(history.WarehouseHistory, "_query", spy)
            patch.setattr(dedupe_lookup.DedupeHistory, "read", spy_articles)
            if mode == "on_demand":  # and its end-of-run rows staged 3 articles to a file
                patch.setattr(dedupe_state, "STATE_CHUNK_ROWS", 3)
            summaries = _run_all(bundles, settings)
        out[mode] = (settings.warehouse, summaries, read_rows)
    return out


def test_on_demand_loads_what_full_loads(two_warehouses):
    full, on_demand = (
        _snapshot(two_warehouses["full"][0]),
        _snapshot(two_warehouses["on_demand"][0]),
    )
    # the sequence exercises what history is for: actors named again, events merged across runs
    assert len(full["actors"]) > 50 and len(full["events"]) > 3
    assert any(len(aliases) > 1 for *_, aliases in full["actors"])
    assert {cue for _, cue in full["name_cues"]} == {"firm", "person"}
    by_event = pl.DataFrame(full["event_articles"], schema=["e", "a", "s", "n", "o"], orient="row")
    assert by_event.group_by("e").len()["len"].max() >= 3
    summaries = two_warehouses["full"][1]
    assert summaries[3]["duplicates"] >= 1, summaries[3]  # the reworded copy
    assert summaries[4]["duplicates"] == summaries[4]["loaded"] == 1, summaries[4]
    assert summaries[6]["duplicates"] == summaries[6]["loaded"] == 1, summaries[6]
    copy_events = [row for row in full["event_articles"] if row[1] == _copy_id(full)]
    assert copy_events, "the exact copy supports its canonical's events"
    for table in TABLES:
        assert on_demand[table] == full[table], table


def _copy_id(snapshot: dict[str, list]) -> str:
    (article_id,) = [row[0] for row in snapshot["articles"] if "010_exact.txt" in row]
    return article_id


def test_on_demand_reads_part_of_the_history(two_warehouses):
    path, summaries, read_rows = two_warehouses["on_demand"]
    assert two_warehouses["full"][2] == {}  # full mode reads no history by key
    with duckdb.connect(str(path), read_only=True) as con:
        actors = con.execute("select count(*) from actors").fetchone()[0]
    runs = len(summaries)
    # every run but the first has history to read; each reads a part of it, not all of it
    assert 0 < read_rows["actors"] < actors * (runs - 1)
    assert read_rows["events"] > 0
    # articles: the repeated inputs of the last run, the copies' canonicals and story weeks
    with duckdb.connect(str(path), read_only=True) as con:
        articles = con.execute("select count(*) from articles").fetchone()[0]
    assert read_rows["known_articles"] > 0  # the last run repeats the seeds
    assert read_rows["dedupe_wanted_ids"] > 0  # the copies find their canonical by key
    assert 0 < read_rows["dedupe_rows_by_day"] < articles * (runs - 1)


def test_migration_fills_the_dedupe_lookup_of_articles_loaded_before_it(tmp_path, two_warehouses):
    """The band keys and term frequencies the loads added run by run are those the backfill of
    sql/092_dedupe_lookup.sql computes from every stored signature at once."""
    copy = tmp_path / "old.duckdb"
    shutil.copy(two_warehouses["on_demand"][0], copy)
    with duckdb.connect(str(copy)) as con:
        query = {
            "bands": "select * from article_bands order by all",
            "df": "select * from story_term_df order by all",
        }
        expected = {name: con.execute(sql).fetchall() for name, sql in query.items()}
        assert len(expected["bands"]) > 32 * 20 and len(expected["df"]) > 100
        con.execute("drop table article_bands")
        con.execute("drop table story_term_df")
        con.execute("delete from schema_migrations where name = '092_dedupe_lookup.sql'")
        assert "092_dedupe_lookup.sql" in wh.migrate(con)
        for name, sql in query.items():
            assert con.execute(sql).fetchall() == expected[name], name


def test_migration_fills_the_lookup_of_actors_loaded_before_it(tmp_path, two_warehouses):
    """A warehouse loaded before sql/090_actor_lookup.sql gets the same lookup rows as loads
    that stage them (the backfill computes them in Python, as the load does)."""
    source = two_warehouses["on_demand"][0]
    copy = tmp_path / "old.duckdb"
    shutil.copy(source, copy)
    with duckdb.connect(str(copy)) as con:
        expected = con.execute("select * from actor_lookup order by all").fetchall()
        con.execute("drop table actor_lookup")
        con.execute("delete from schema_migrations where name = '090_actor_lookup.sql'")
        assert "090_actor_lookup.sql" in wh.migrate(con)
        assert con.execute("select * from actor_lookup order by all").fetchall() == expected
        assert wh.migrate(con) == []  # applied once


def test_a_new_warehouse_migrates_without_importing_the_backfills(tmp_path):
    """A new warehouse has nothing loaded before 090/092: the command of its first run does
    not import the dedupe kernels or the actor history to fill nothing (issue 24)."""
    code = (
        "import sys, duckdb\n"
        "from newsflow import warehouse as wh\n"
        "con = duckdb.connect(sys.argv[1])\n"
        "applied = wh.migrate(con)\n"
        "print(len(applied), [m for m in ('numba', 'newsflow.dedupe.lookup', "
        "'newsflow.history') if m in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "new.duckdb")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    count, imported = done.stdout.split(" ", 1)
    assert int(count) == len(wh.migration_files()) and imported.strip() == "[]"


def _registry_actors() -> pl.DataFrame:
    registry = resolve.ActorRegistry()
    for forms in (
        ["Hassan Kazemi Qomi"],
        ["Imran Khan"],
        ["Sadiq Khan"],
        ["Ali Khamenei"],
        ["Ali Larijani"],
        ["James Baker", "Baker"],
        ["Paul Volcker"],
        ["John Smithe"],  # "smithi": the surname nearest "smith", but another given name
        ["Jane Smyth"],
    ):
        registry.resolve("PERSON", forms)
    registry.resolve("ORG", ["Bank of England"])
    registry.resolve("GROUP", ["Tehreek-e-Taliban Pakistan", "TTP"])
    registry.resolve("COUNTRY", ["Iran"], "IRN", key="country:IRN", name="Iran")
    return registry.to_frame()


@pytest.mark.parametrize(
    "request_",
    [
        ("PERSON", ["Hassan Kazmi Qomi"], None, None),  # fuzzy, same surname block
        ("PERSON", ["Kazemi Ghomi"], None, None),
        ("PERSON", ["Khan"], None, None),  # a lone surname: two Khans, neither taken
        ("PERSON", ["Jim Baker"], None, None),
        ("ORG", ["Bank of England"], None, None),  # exact
        ("GROUP", ["TTP"], None, None),
        ("COUNTRY", ["Iranian"], "country:IRN", "Iran"),  # pinned by key: read by id
        ("PERSON", ["Volker"], None, None),
        # Jane Smyth, whose surname is not the nearest to "smith" of those stored: every
        # surname within the cutoff must be read, not the best one
        ("PERSON", ["Jane Smith"], None, None),
    ],
)
def test_registry_reading_by_key_resolves_like_the_full_registry(request_):
    stored = _registry_actors()
    actor_type, forms, key, name = request_
    full = resolve.ActorRegistry.from_frame(stored)
    lookups = resolve.actor_lookup_rows(stored)
    asked: list[str] = []

    class Lookup:
        def holds_actors(self) -> bool:
            return True

        def surnames(self, blocks: list[str]) -> dict[str, list[str]]:
            asked.append("surnames")
            rows = lookups.filter(pl.col("block").is_in(blocks))
            return {
                b: sorted({k.split("|")[2] for k in rows.filter(pl.col("block") == b)["lookup"]})
                for b in blocks
            }

        def actors(self, keys: list[str], ids: list[str], held: list[str]) -> pl.DataFrame:
            asked.append("actors")
            wanted = set(lookups.filter(pl.col("lookup").is_in(keys))["actor_id"]) | set(ids)
            return stored.filter(pl.col("actor_id").is_in(wanted) & ~pl.col("actor_id").is_in(held))

    lazy = resolve.ActorRegistry(history=Lookup())
    lazy.prefetch([request_])
    got = lazy.resolve(actor_type, forms, key=key, name=name)
    assert got == full.resolve(actor_type, forms, key=key, name=name)
    assert lazy.changed().equals(full.changed())
    assert asked in (["actors"], ["surnames", "actors"])  # prefetch read all resolve needed
    assert len(lazy) < len(full)


def test_a_first_run_asks_the_empty_warehouse_once(tmp_path):
    """Into an empty warehouse, one question (any actors?) instead of a read per name: the BBC
    first run had made 293 reads (10.8 s) that could find nothing."""
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        wh.migrate(con)
    asked: list[str] = []

    class Counted(history.WarehouseHistory):
        def surnames(self, blocks: list[str]) -> dict[str, list[str]]:
            asked.append("surnames")
            return super().surnames(blocks)

        def actors(self, keys: list[str], ids: list[str], held: list[str]) -> pl.DataFrame:
            asked.append("actors")
            return super().actors(keys, ids, held)

    reads = Counted(path)
    registry = resolve.ActorRegistry(history=reads)
    names = [("PERSON", ["Jane Smith"], None, None), ("ORG", ["Acme Corp"], None, None)]
    registry.prefetch(names)
    for actor_type, forms, key, name in names:
        registry.resolve(actor_type, forms, key=key, name=name)
    assert reads.reads == 1  # the question
    assert asked == []  # no lookups computed, none asked
    assert len(registry) == 2


BBC = REUTERS.parents[1] / "bundles" / "bbc-news-2005.tar.gz"
# BBC politics items, undated, that the dedupe stage puts in one story (Blunkett's resignation,
# Blair's Sheffield trip, Howard's asylum plans), each loaded by its own run
UNDATED_RUNS = ["046", "112", "087", "106"]


def test_undated_reports_join_their_storys_events_from_earlier_runs(tmp_path):
    """Undated reports meet a known event only within one story (`event_merge._Key.matches`),
    so on demand reads the events of the batch's stories, not every event of an actor pair:
    without that read a later run's report misses its story's event from an earlier run."""
    members = {f"bbc/politics/{n}.txt" for n in UNDATED_RUNS}
    with tarfile.open(BBC) as tar:
        texts = {
            Path(m.name).stem: tar.extractfile(m).read()  # type: ignore[union-attr]
            for m in tar.getmembers()
            if any(m.name.endswith(name) for name in members)
        }
    runs = []
    for number in UNDATED_RUNS:
        folder = tmp_path / f"bbc_{number}"
        folder.mkdir()
        (folder / f"{number}.txt").write_bytes(texts[number])
        runs.append(folder)
    snapshots = {}
    for mode in ("full", "on_demand"):
        settings = Settings(warehouse=tmp_path / mode / "w.duckdb", nlp_workers=0, history=mode)
        _run_all(runs, settings)
        snapshots[mode] = _snapshot(settings.warehouse)
        with duckdb.connect(str(settings.warehouse), read_only=True) as con:
            across = con.execute(
                "select count(*) from (select event_id from event_articles group by event_id "
                "having count(distinct article_id) > 1)"
            ).fetchone()
        assert across is not None and across[0] >= 1  # an event that later runs joined
    assert snapshots["on_demand"] == snapshots["full"]
