"""The newsflow Prefect flow: bundle -> staged batches -> one load transaction.

The flow is the conductor: it builds the settings, reads the warehouse state once, iterates
ingest batches, calls one coarse task per stage per batch (each followed by its quality gate),
stages every batch's output as Parquet and finally loads the whole run in one transaction.
All business logic lives in the `newsflow` library modules.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from newsflow import dedupe, events, extract, ingest, load, parse, quality, resolve, schema
from newsflow import settings as settings_mod
from newsflow import warehouse as wh
from newsflow.runlock import exclusive_run

TASK_OPTIONS: dict[str, Any] = {"cache_policy": NO_CACHE, "persist_result": False}


def _is_lock_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("could not set" in text or "conflicting" in text)


def _retry_if_locked(task_, task_run, state) -> bool:  # noqa: ANN001 - Prefect's hook signature
    """Retry only transient failures (the warehouse file locked by a reader), not bad input."""
    try:
        state.result()
    except Exception as exc:  # noqa: BLE001 - classifying the failure is the point
        return _is_lock_error(exc)
    return False


@dataclass
class RunContext:
    """Everything one run carries between batches (built once at the start)."""

    settings: settings_mod.Settings
    run_id: str
    bundle: Path
    bundle_id: str
    staging: load.Staging
    known_ids: set[str]
    dedupe_state: Any
    registry: Any
    event_state: Any
    nlp: Any
    parser: Any
    gatekeeper: quality.Gatekeeper | None
    counts: dict[str, int] = field(default_factory=dict)
    seen_this_run: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


def _gate(ctx: RunContext, stage: str, frame: pl.DataFrame, batch: int, **context) -> pl.DataFrame:
    """Validate a stage's output: stage dq results and quarantined rows, return the passing rows."""
    if ctx.gatekeeper is None:
        return frame
    outcome = ctx.gatekeeper.check(stage, frame, context=context or None)
    ctx.staging.write(
        "dq_results",
        _next_index(ctx, "dq_results"),
        outcome.dq_results.with_columns(
            pl.lit(ctx.run_id).alias("run_id"), pl.lit(batch).cast(pl.Int64).alias("batch_index")
        ),
    )
    _quarantine(ctx, outcome.quarantine)
    return outcome.passed


def _next_index(ctx: RunContext, table: str) -> int:
    key = f"_seq_{table}"
    ctx.add(key, 1)
    return ctx.counts[key]


def _quarantine(ctx: RunContext, rows: pl.DataFrame) -> None:
    if rows.height:
        ctx.staging.write("quarantine", _next_index(ctx, "quarantine"), rows)
        ctx.add("quarantined", rows.height)


@task(name="parse", **TASK_OPTIONS)
def parse_task(ctx: RunContext, docs: pl.DataFrame, batch: int) -> pl.DataFrame:
    docs = _gate(ctx, "ingest", docs, batch)
    articles, rejected = parse.parse_batch(docs, ctx.settings)
    _quarantine(ctx, rejected)
    return _gate(ctx, "parse", articles, batch)


def _split_known(ctx: RunContext, articles: pl.DataFrame) -> pl.DataFrame:
    """Drop articles already in the warehouse (counted, not re-processed) and repeats in this run."""
    known = articles["article_id"].is_in(list(ctx.known_ids))
    ctx.add("already_loaded", int(known.sum()))
    fresh = articles.filter(~known)
    first = fresh.unique("article_id", keep="first", maintain_order=True)
    repeats = fresh.join(first.select("article_id", "source_path"), on="article_id", how="inner")
    repeats = repeats.filter(pl.col("source_path") != pl.col("source_path_right"))
    _quarantine(
        ctx,
        schema.quarantine_rows(
            repeats,
            stage="parse",
            reason="repeated input: same identity and content as another input of this run",
            detail=pl.col("source_path_right"),
        ),
    )
    return first


@task(name="dedupe", **TASK_OPTIONS)
def dedupe_task(ctx: RunContext, articles: pl.DataFrame, batch: int) -> pl.DataFrame:
    deduped = dedupe.dedupe_batch(articles, ctx.dedupe_state, ctx.settings)
    return _gate(ctx, "dedupe", deduped, batch)


@task(name="extract", **TASK_OPTIONS)
def extract_task(ctx: RunContext, articles: pl.DataFrame, batch: int) -> extract.ExtractResult:
    result = extract.extract_batch(articles, ctx.nlp, ctx.registry, ctx.settings)
    mentions = _gate(
        ctx,
        "mentions",
        result.mentions,
        batch,
        articles=articles,
        actors=ctx.registry.to_frame(),
    )
    return extract.ExtractResult(mentions=mentions, sentences=result.sentences)


@task(name="events", **TASK_OPTIONS)
def events_task(
    ctx: RunContext, articles: pl.DataFrame, extracted: extract.ExtractResult, batch: int
) -> tuple[pl.DataFrame, pl.DataFrame]:
    actors = ctx.registry.to_frame()
    result = events.detect_events(
        articles,
        extracted.mentions,
        actors,
        extracted.sentences,
        ctx.parser,
        ctx.event_state,
        ctx.settings,
    )
    found = _gate(ctx, "events", result.events, batch, actors=actors)
    links = result.mention_events.filter(pl.col("event_id").is_in(found["event_id"].implode()))
    mentions = (
        extracted.mentions.drop("event_id")
        .join(links, on="mention_id", how="left")
        .select(schema.MENTIONS.names())
    )
    for table, rows in result.links.items():
        ctx.staging.write(table, batch, rows)
    return found, mentions


def _stage_batch(
    ctx: RunContext, batch: int, articles: pl.DataFrame, mentions: pl.DataFrame, found: pl.DataFrame
) -> None:
    ctx.staging.write("articles", batch, articles.with_columns(pl.lit(ctx.run_id).alias("run_id")))
    ctx.staging.write("mentions", batch, mentions)
    ctx.staging.write("events", batch, found)
    ctx.add("loaded", articles.height)
    ctx.add("duplicates", int(articles["duplicate_of"].is_not_null().sum()))
    ctx.add("mentions", mentions.height)


@task(name="load", retries=5, retry_delay_seconds=[1, 2, 4, 8, 16], retry_condition_fn=_retry_if_locked, **TASK_OPTIONS)
def load_task(ctx: RunContext, record: load.RunRecord) -> dict[str, int]:
    with wh.connect(ctx.settings.warehouse) as con:
        return load.load_run(con, ctx.staging, record)


def _final_checks(ctx: RunContext) -> None:
    """Whole-run gates before anything is written: actors, referential integrity, accounting."""
    actors = ctx.registry.changed()
    if ctx.gatekeeper is not None:
        actors = _gate(ctx, "actors", actors, 0)
    ctx.staging.write("actors", 0, actors)
    for table, rows in dedupe.state_rows(ctx.dedupe_state).items():
        ctx.staging.write(table, 0, rows)
    ctx.counts["actors"] = actors.height
    if ctx.gatekeeper is None:
        return
    staged = {t: ctx.staging.read(t) for t in ("articles", "mentions", "events", "quarantine")}
    ctx.gatekeeper.check(
        "load",
        _accounting_frame(ctx, staged["quarantine"]),
        context={
            "articles": staged["articles"] if staged["articles"] is not None else schema.empty(schema.DEDUPED),
            "mentions": staged["mentions"] if staged["mentions"] is not None else schema.empty(schema.MENTIONS),
            "events": staged["events"] if staged["events"] is not None else schema.empty(schema.EVENTS),
            "actors": ctx.registry.to_frame(),
        },
    )


def _accounting_frame(ctx: RunContext, quarantine: pl.DataFrame | None) -> pl.DataFrame:
    """One row: inputs vs. what became of them (articles, already loaded, quarantined)."""
    quarantined_inputs = 0
    if quarantine is not None and quarantine.height:
        input_rows = quarantine.filter(pl.col("stage").is_in(["ingest", "parse"]))
        quarantined_inputs = input_rows.select("source_path").n_unique()
    return pl.DataFrame(
        {
            "inputs": [ctx.counts.get("inputs", 0)],
            "loaded": [ctx.counts.get("loaded", 0)],
            "already_loaded": [ctx.counts.get("already_loaded", 0)],
            "quarantined_inputs": [quarantined_inputs],
        }
    )


def _open_context(settings: settings_mod.Settings, bundle: Path, run_id: str) -> RunContext:
    with wh.connect(settings.warehouse) as con:
        wh.migrate(con)
        load.mark_abandoned(con)
        known_ids = set(load.known_article_ids(con)["article_id"].to_list())
        dedupe_state = dedupe.load_state(con)
        registry = resolve.ActorRegistry.from_frame(load.known_actors(con))
        event_state = events.load_event_state(con)
        load.start_run(
            con,
            load.RunRecord(
                run_id=run_id,
                bundle_path=str(bundle),
                bundle_id=ingest.bundle_id(bundle),
                flow_run_id=_flow_run_id(),
                inputs=0,
                loaded=0,
                duplicates=0,
                quarantined=0,
                actors=0,
                mentions=0,
                events=0,
            ),
        )
    load.remove_stale_staging(settings.staging_path)
    return RunContext(
        settings=settings,
        run_id=run_id,
        bundle=bundle,
        bundle_id=ingest.bundle_id(bundle),
        staging=load.Staging(settings.staging_path / run_id),
        known_ids=known_ids,
        dedupe_state=dedupe_state,
        registry=registry,
        event_state=event_state,
        nlp=extract.load_nlp(settings.spacy_model),
        parser=events.load_parser(settings.spacy_model),
        gatekeeper=quality.Gatekeeper(settings) if settings.gates else None,
    )


def _flow_run_id() -> str | None:
    value = flow_run.get_id()
    return str(value) if value else None


def new_run_id() -> str:
    """A time-sortable, unique run id."""
    return f"run_{datetime.now(UTC):%Y%m%dT%H%M%S}_{uuid.uuid4().hex[:6]}"


@flow(name="newsflow-ingest", persist_result=False, log_prints=False)
def ingest_bundle(
    bundle: str,
    warehouse: str | None = None,
    batch_size: int | None = None,
    gates: bool | None = None,
    wait_seconds: float = 0.0,
) -> dict[str, Any]:
    """Ingest one bundle into the warehouse; return the run's accounting."""
    settings = settings_mod.from_env(
        warehouse=Path(warehouse) if warehouse else None, batch_size=batch_size, gates=gates
    )
    return run_bundle(Path(bundle), settings, wait_seconds=wait_seconds)


def run_bundle(bundle: Path, settings: settings_mod.Settings, wait_seconds: float = 0.0) -> dict[str, Any]:
    """The flow body: lock, read state, process batches, gate, load; a failure is recorded and re-raised."""
    logger = get_run_logger()
    started = time.monotonic()
    run_id = new_run_id()
    if not bundle.exists():
        raise ingest.IngestError(f"bundle not found: {bundle}")
    with exclusive_run(settings.warehouse, wait_seconds):
        ctx = _open_context(settings, bundle, run_id)
        try:
            for batch_no, batch in enumerate(ingest.iter_batches(bundle, settings), start=1):
                ctx.add("inputs", batch.inputs)
                _quarantine(ctx, batch.quarantine)
                articles = parse_task(ctx, batch.docs, batch_no)
                fresh = _split_known(ctx, articles)
                deduped = dedupe_task(ctx, fresh, batch_no)
                extracted = extract_task(ctx, deduped, batch_no)
                found, mentions = events_task(ctx, deduped, extracted, batch_no)
                _stage_batch(ctx, batch_no, deduped, mentions, found)
                logger.info("batch %d: %d inputs, %d new articles", batch_no, batch.inputs, deduped.height)
            _final_checks(ctx)
            staged_events = ctx.staging.read("events")
            record = load.RunRecord(
                run_id=run_id,
                bundle_path=str(bundle),
                bundle_id=ctx.bundle_id,
                flow_run_id=_flow_run_id(),
                inputs=ctx.counts.get("inputs", 0),
                loaded=ctx.counts.get("loaded", 0),
                duplicates=ctx.counts.get("duplicates", 0),
                quarantined=ctx.counts.get("quarantined", 0),
                actors=ctx.counts.get("actors", 0),
                mentions=ctx.counts.get("mentions", 0),
                events=0 if staged_events is None else staged_events["event_id"].n_unique(),
            )
            load_task(ctx, record)
        except BaseException as exc:
            _record_failure(settings, run_id, exc)
            raise
        finally:
            ctx.staging.remove()
    summary = {
        "run_id": run_id,
        "bundle": str(bundle),
        "warehouse": str(settings.warehouse),
        "inputs": record.inputs,
        "loaded": record.loaded,
        "already_loaded": ctx.counts.get("already_loaded", 0),
        "duplicates": record.duplicates,
        "quarantined": record.quarantined,
        "actors": record.actors,
        "mentions": record.mentions,
        "events": record.events,
        "seconds": round(time.monotonic() - started, 2),
    }
    if ctx.gatekeeper is not None:
        summary["report"] = str(_write_dq_report(ctx))
    return summary


def _write_dq_report(ctx: RunContext) -> Path:
    with wh.connect(ctx.settings.warehouse, read_only=False) as con:
        dq = con.execute("select * from dq_results where run_id = ?", [ctx.run_id]).pl()
        rejected = con.execute("select * from quarantine where run_id = ?", [ctx.run_id]).pl()
    return quality.write_report(dq, rejected, ctx.settings.reports_path, ctx.run_id)


def _record_failure(settings: settings_mod.Settings, run_id: str, exc: BaseException) -> None:
    """Mark the run failed with a reason; the warehouse tables stay exactly as they were."""
    with wh.connect(settings.warehouse) as con:
        load.fail_run(con, run_id, f"{type(exc).__name__}: {exc}"[:2000])
