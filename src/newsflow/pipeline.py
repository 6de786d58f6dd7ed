"""One run of the pipeline over a bundle: lock, read state, batches through the stages, load.

This module knows nothing of Prefect. Every stage call goes through a `StepCaller`: the Prefect
flow (`flows/pipeline.py`) passes one that runs each step as a Prefect task (retries, UI);
benchmarks and `direct` call the same steps as plain functions, so orchestration overhead is
measurable as the difference.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import itertools
import json
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

import polars as pl

from newsflow import (
    dedupe,
    events,
    extract,
    faults,
    history,
    ingest,
    interrupts,
    load,
    name_memory,
    nlp_workers,
    parse,
    quality,
    resolve,
    runlock,
    runs,
    schema,
)
from newsflow import settings as settings_mod
from newsflow import warehouse as wh
from newsflow.dedupe import lookup as dedupe_lookup
from newsflow.quality import worker as gate_worker
from newsflow.runlock import exclusive_run

T = TypeVar("T")
log = logging.getLogger("newsflow")


class StepCaller(Protocol):
    """Runs a named pipeline step: `call("parse", parse_step, ctx, docs, 3)`."""

    def __call__(self, name: str, fn: Callable[..., T], /, *args: Any) -> T: ...


def direct(name: str, fn: Callable[..., T], /, *args: Any) -> T:
    """Call a step as a plain function (no orchestration)."""
    return fn(*args)


@dataclass
class RunContext:
    """Everything one run carries between batches (built once at the start)."""

    settings: settings_mod.Settings
    run_id: str
    bundle: Path
    bundle_id: str
    staging: load.Staging
    known_ids: set[str]
    known_inputs: set[str]  # input_hash of every loaded article: those inputs are not parsed again
    dedupe_state: Any
    registry: resolve.ActorRegistry | None  # None once released (see `release_batch_state`)
    event_state: Any
    nlp: Any
    parser: Any
    gatekeeper: quality.Gatekeeper | None
    history_reads: history.WarehouseHistory | None = None  # reads of earlier actors, events
    # on demand: the loaded articles among each batch's inputs and ids are read by key into
    # known_ids / known_inputs (which then hold only those and the run's own)
    article_reads: dedupe_lookup.DedupeHistory | None = None
    counts: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)  # WARC protocol records, by kind
    annotated_by: dict[str, int] = field(default_factory=dict)  # batches NER'd elsewhere, by worker

    def add(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def next_index(self, table: str) -> int:
        self.add(f"_seq_{table}", 1)
        return self.counts[f"_seq_{table}"]

    def release_batch_state(self) -> None:
        """Drop what only the batches use (models, dedupe, actor and event state, known ids)
        once the whole run is staged: the load transaction then reuses that memory instead of
        adding its own on top of it (the load is a large run's peak)."""
        self.nlp = self.parser = None
        self.dedupe_state = self.registry = self.event_state = None
        self.known_ids, self.known_inputs = set(), set()
        gc.collect()
        _return_free_heap()


def _return_free_heap() -> None:
    """Hand freed heap pages back to the OS (glibc keeps them otherwise); elsewhere a no-op."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def gate(
    ctx: RunContext, stage: str, frame: pl.DataFrame, batch: int, **context: pl.DataFrame
) -> pl.DataFrame:
    """Validate a stage's output: stage dq results and quarantined rows, return the passing rows."""
    if ctx.gatekeeper is None:
        return frame
    outcome = ctx.gatekeeper.check(stage, frame, context=context or None)
    ctx.staging.write(
        "dq_results",
        ctx.next_index("dq_results"),
        outcome.dq_results.with_columns(
            pl.lit(ctx.run_id).alias("run_id"), pl.lit(batch).cast(pl.Int64).alias("batch_index")
        ),
    )
    quarantine(ctx, outcome.quarantine)
    return outcome.passed


def quarantine(ctx: RunContext, rows: pl.DataFrame) -> None:
    """Stage quarantine rows and count them."""
    if rows.height:
        ctx.staging.write("quarantine", ctx.next_index("quarantine"), rows)
        ctx.add("quarantined", rows.height)


# --- steps: one per stage per batch -------------------------------------------------------


def parse_step(ctx: RunContext, docs: pl.DataFrame, batch: int) -> pl.DataFrame:
    """Skip inputs loaded before, gate the other ingested docs, parse them, gate the articles."""
    docs = gate(ctx, "ingest", skip_known_inputs(ctx, docs), batch)
    articles, rejected = parse.parse_batch(docs, ctx.settings)
    quarantine(ctx, rejected)
    return gate(ctx, "parse", articles, batch)


def skip_known_inputs(ctx: RunContext, docs: pl.DataFrame) -> pl.DataFrame:
    """Drop raw documents whose article is already in the warehouse (counted as already loaded).

    An input with the same path, text and container metadata as a loaded article's parses to
    that article again, so a rerun of a loaded bundle reads and hashes its inputs but parses,
    gates and extracts none of them."""
    if ctx.article_reads is not None and docs.height:
        found = dedupe_lookup.known_articles(
            ctx.article_reads, inputs=docs["input_hash"].drop_nulls().to_list()
        )
        ctx.known_inputs.update(found["input_hash"].drop_nulls().to_list())
    known = pl.Series([h in ctx.known_inputs for h in docs["input_hash"]], dtype=pl.Boolean)
    ctx.add("already_loaded", int(known.sum()))
    return docs.filter(~known)


def skip_known(ctx: RunContext, articles: pl.DataFrame) -> pl.DataFrame:
    """Drop articles already loaded (counted, not re-processed); quarantine repeats within the run."""
    # set lookups for the batch's ids: O(batch), whatever the size of the warehouse
    if ctx.article_reads is not None and articles.height:
        found = dedupe_lookup.known_articles(
            ctx.article_reads, ids=articles["article_id"].to_list()
        )
        ctx.known_ids.update(found["article_id"].to_list())
    known = pl.Series([aid in ctx.known_ids for aid in articles["article_id"]], dtype=pl.Boolean)
    ctx.add("already_loaded", int(known.sum()))
    fresh = articles.filter(~known)
    first = fresh.unique("article_id", keep="first", maintain_order=True)
    repeats = fresh.join(first.select("article_id", "source_path"), on="article_id").filter(
        pl.col("source_path") != pl.col("source_path_right")
    )
    quarantine(
        ctx,
        schema.quarantine_rows(
            repeats,
            stage="parse",
            reason="repeated input",  # same identity and content as another input of this run
            detail=pl.format("same identity and content as {}", pl.col("source_path_right")),
        ),
    )
    ctx.known_ids.update(first["article_id"].to_list())
    return first


def dedupe_step(ctx: RunContext, articles: pl.DataFrame, batch: int) -> pl.DataFrame:
    deduped = dedupe.dedupe_batch(articles, ctx.dedupe_state, ctx.settings)
    return gate(ctx, "dedupe", deduped, batch)


def _registry(ctx: RunContext) -> resolve.ActorRegistry:
    """The run's actor registry; only released after the last batch (`release_batch_state`)."""
    if ctx.registry is None:
        raise RuntimeError("the run's actor registry was used after it was released")
    return ctx.registry


def extract_step(
    ctx: RunContext, articles: pl.DataFrame, batch: int, annotated: bytes | None = None
) -> extract.ExtractResult:
    foreign = articles.filter(extract.not_exact_copy() & (pl.col("language") != "en"))
    if foreign.height:  # kept with their text; the English models would mis-read them
        ctx.add("not_extracted", foreign.height)
        log.info("batch %d: %d non-English articles kept, not extracted", batch, foreign.height)
    docs = None
    if annotated is not None:
        from spacy.tokens import DocBin  # noqa: PLC0415

        docs = list(DocBin().from_bytes(annotated).get_docs(ctx.nlp.vocab))
    result = extract.extract_batch(articles, ctx.nlp, _registry(ctx), ctx.settings, docs=docs)
    actors = _registry(ctx).frame_of(result.mentions["actor_id"])
    mentions = gate(ctx, "mentions", result.mentions, batch, articles=articles, actors=actors)
    return extract.ExtractResult(mentions=mentions, sentences=result.sentences)


def events_step(
    ctx: RunContext, articles: pl.DataFrame, extracted: extract.ExtractResult, batch: int
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Detect and merge events; return (events, mentions with their event_id)."""
    actors = _registry(ctx).frame_of(extracted.mentions["actor_id"])
    # "Islamabad said": a capital acting stands for its country, which must be an actor
    actors = events.with_metonym_countries(actors, _registry(ctx), ctx.event_state)
    result = events.detect_events(
        articles,
        extracted.mentions,
        actors,
        extracted.sentences,
        ctx.parser,
        ctx.event_state,
        ctx.settings,
    )
    # merged events may name actors of earlier batches and runs: the gate sees those too
    named = [result.events["source_actor_id"], result.events["target_actor_id"]]
    actors = _registry(ctx).frame_of(pl.concat([extracted.mentions["actor_id"], *named]))
    found = gate(ctx, "events", result.events, batch, actors=actors)
    links = result.mention_events.filter(pl.col("event_id").is_in(found["event_id"].implode()))
    mentions = (
        extracted.mentions.drop("event_id")
        .join(links, on="mention_id", how="left")
        .select(schema.MENTIONS.names())
    )
    for table, rows in result.links.items():
        ctx.staging.write(table, batch, rows)
    return found, mentions


def stage_batch(
    ctx: RunContext, batch: int, articles: pl.DataFrame, mentions: pl.DataFrame, found: pl.DataFrame
) -> None:
    """Write one batch's rows to the run's staging folder."""
    ctx.staging.write("articles", batch, articles.with_columns(pl.lit(ctx.run_id).alias("run_id")))
    ctx.staging.write("mentions", batch, mentions)
    ctx.staging.write("events", batch, found)
    ctx.add("loaded", articles.height)
    ctx.add("duplicates", int(articles["duplicate_of"].is_not_null().sum()))
    ctx.add("mentions", mentions.height)


def final_checks(ctx: RunContext) -> None:
    """Stage whole-run rows (actors, dedupe signatures) and run the whole-run gates."""
    actors = _registry(ctx).changed()
    actors = gate(ctx, "actors", actors, 0)
    ctx.staging.write("actors", 0, actors)
    ctx.staging.write("actor_lookup", 0, resolve.actor_lookup_rows(actors))
    ctx.staging.write("name_cues", 0, _registry(ctx).names.new_rows(ctx.run_id))
    ctx.counts["actors"] = actors.height
    if ctx.history_reads is not None:
        log.info(
            "history on demand: %d reads in %.2f s, %s rows",
            ctx.history_reads.reads,
            ctx.history_reads.seconds,
            ctx.history_reads.rows,
        )
    if ctx.article_reads is not None:
        log.info(
            "articles on demand: %d reads in %.2f s, %d rows",
            ctx.article_reads.reads,
            ctx.article_reads.seconds,
            ctx.article_reads.rows,
        )
    for chunk_index, chunk in enumerate(dedupe.state_row_chunks(ctx.dedupe_state)):
        for table, rows in chunk.items():  # a file per chunk: never all of a big run at once
            ctx.staging.write(table, chunk_index, rows)
    if ctx.gatekeeper is None:
        return

    def staged(table: str, contract: pl.Schema, columns: list[str]) -> pl.DataFrame:
        # keys only: the whole run's bodies never sit in memory at once
        rows = ctx.staging.read(table, columns)
        return rows if rows is not None else schema.empty(contract).select(columns)

    gate(
        ctx,
        "load",
        accounting(ctx, ctx.staging.read("quarantine", ["stage", "source_path"])),
        0,
        articles=staged("articles", schema.DEDUPED, ["article_id", "duplicate_of"]),
        mentions=staged(
            "mentions", schema.MENTIONS, ["mention_id", "article_id", "actor_id", "event_id"]
        ),
        events=staged("events", schema.EVENTS, ["event_id", "source_actor_id", "target_actor_id"]),
        actors=_registry(ctx).to_frame(),
        # duplicates may point at canonical articles loaded by earlier runs
        known_articles=pl.DataFrame(
            {"article_id": sorted(ctx.known_ids | set(ctx.dedupe_state.held_ids))},
            schema={"article_id": pl.String},
        ),
        # ... and never at one of those that is itself a duplicate
        known_duplicates=dedupe.known_duplicates(ctx.dedupe_state),
    )


def accounting(ctx: RunContext, quarantined: pl.DataFrame | None) -> pl.DataFrame:
    """One row: the run's inputs against what became of them."""
    quarantined_inputs = 0
    if quarantined is not None and quarantined.height:
        per_input = quarantined.filter(pl.col("stage").is_in(["ingest", "parse", "dedupe"]))
        quarantined_inputs = per_input.select("source_path").n_unique()
    return pl.DataFrame(
        {
            "inputs": [ctx.counts.get("inputs", 0)],
            "loaded": [ctx.counts.get("loaded", 0)],
            "already_loaded": [ctx.counts.get("already_loaded", 0)],
            "quarantined_inputs": [quarantined_inputs],
        }
    )


def load_step(ctx: RunContext, record: load.RunRecord) -> dict[str, int]:
    """The one write transaction of the run (waiting up to `lock_timeout_s` for readers)."""
    with runs.write(ctx.settings, "its load") as con:
        return load.load_run(con, ctx.staging, record)


# --- the run ---------------------------------------------------------------------------------


def _finish_batch(
    ctx: RunContext,
    call: StepCaller,
    batch_no: int,
    deduped: pl.DataFrame,
    future: nlp_workers.Future | None,
) -> None:
    """Extract actors and events of one deduplicated batch, in order, and stage its rows."""
    annotated = None
    if future is not None:
        annotated, where = interrupts.wait_for(future)
        ctx.annotated_by[where] = ctx.annotated_by.get(where, 0) + 1
    extracted = call("extract", extract_step, ctx, deduped, batch_no, annotated)
    faults.checkpoint("extracted")
    found, mentions = call("events", events_step, ctx, deduped, extracted, batch_no)
    stage_batch(ctx, batch_no, deduped, mentions, found)
    progress = {"batch": batch_no, **{k: v for k, v in ctx.counts.items() if not k.startswith("_")}}
    log.info("batch %d staged", batch_no, extra={"newsflow_progress": progress})


new_run_id = runlock.new_run_id


def _record(ctx: RunContext, flow_run_id: str | None) -> load.RunRecord:
    staged_events = ctx.staging.read("events", ["event_id"])
    counts = {name: ctx.counts.get(name, 0) for name in load.RunRecord.COUNTS}
    counts["events"] = 0 if staged_events is None else staged_events["event_id"].n_unique()
    return load.RunRecord(
        run_id=ctx.run_id,
        bundle_path=str(ctx.bundle),
        bundle_id=ctx.bundle_id,
        flow_run_id=flow_run_id,
        settings=json.dumps(ctx.settings.to_params()),
        skipped_by_kind=dict(sorted(ctx.skipped.items())),
        **counts,
    )


def open_run(
    settings: settings_mod.Settings, bundle: Path, run_id: str, flow_run_id: str | None
) -> RunContext:
    """Load models and read the warehouse state once (read-only: readers do not block it)."""
    clock = time.monotonic()
    nlp, parser = runs.take_models(settings)
    log.info("spaCy models ready after %.1f s more", time.monotonic() - clock)
    bundle_id = ingest.bundle_id(bundle)
    article_reads = None
    with wh.connect(settings.warehouse, read_only=True, timeout_s=settings.lock_timeout_s) as con:
        if settings.history == "full":
            known = load.known_article_ids(con)
            known_ids = set(known["article_id"].to_list())
            known_inputs = set(known["input_hash"].drop_nulls().to_list())
            dedupe_state = dedupe.load_state(con)
        else:  # read by key as batches need them
            known_ids, known_inputs = set(), set()
            article_reads = dedupe_lookup.DedupeHistory(settings.warehouse, settings.lock_timeout_s)
            dedupe_state = dedupe_lookup.open_state(con, article_reads)
            if dedupe_state.history is None:  # an empty warehouse: no article to look up
                article_reads = None
        reads, registry, event_state = read_history(con, settings)
    load.remove_stale_staging(settings.staging_path, keep=run_id)
    gatekeeper = None
    if settings.gates:  # GX in a process of its own (`quality.worker`), maybe started already
        gatekeeper = quality.Gatekeeper(settings, validator=gate_worker.take(settings))
    return RunContext(
        settings=settings,
        run_id=run_id,
        bundle=bundle,
        bundle_id=bundle_id,
        staging=load.Staging(settings.staging_path / run_id),
        known_ids=known_ids,
        known_inputs=known_inputs,
        dedupe_state=dedupe_state,
        registry=registry,
        event_state=event_state,
        nlp=nlp,
        parser=parser,
        gatekeeper=gatekeeper,
        history_reads=reads,
        article_reads=article_reads,
    )


def read_history(
    con: Any, settings: settings_mod.Settings
) -> tuple[history.WarehouseHistory | None, resolve.ActorRegistry, events.EventState]:
    """The run's actor registry and event state: every earlier actor and event (`full`), or
    empty ones that read what each batch can touch through a `WarehouseHistory` (`on_demand`)."""
    if settings.history == "full":
        registry = resolve.ActorRegistry.from_frame(load.known_actors(con))
        registry.names = name_memory.NameMemory.from_frame(load.known_name_cues(con))
        return None, registry, events.load_event_state(con)
    reads = history.WarehouseHistory(settings.warehouse, settings.lock_timeout_s)
    event_state = events.EventState.empty()
    event_state.history = reads.events
    registry = resolve.ActorRegistry(history=reads)
    registry.names = name_memory.NameMemory(reads)
    return reads, registry, event_state


def run_bundle(
    bundle: Path,
    settings: settings_mod.Settings,
    *,
    call: StepCaller = direct,
    submit: nlp_workers.StepSubmitter | None = None,
    flow_run_id: str | None = None,
    wait_seconds: float = 0.0,
    run_id: str | None = None,
) -> dict[str, Any]:
    """Ingest one bundle; on failure or interruption record it in `runs` and re-raise (the
    tables stay unchanged). The run lock comes first, then the `running` row, then the
    expensive start-up (models, gates)."""
    if not bundle.exists():
        raise ingest.IngestError(f"bundle not found: {bundle}")
    ingest.bundle_kind(bundle)  # an unsupported bundle is a clear error before any run row
    run_id = run_id or new_run_id()
    local: nlp_workers.LocalNLPWorkers | None = None
    ctx: RunContext | None = None
    staging = load.Staging(settings.staging_path / run_id)
    with exclusive_run(settings.warehouse, wait_seconds, run_id):
        runs.begin_run(settings, bundle, run_id, flow_run_id)
        log.info("run %s started on %s", run_id, settings.warehouse)
        try:
            faults.checkpoint("started")
            # The first batch is read before the models load: when the bundle holds more than
            # one batch, the NLP workers start (and load their model) beside that loading.
            log.info("reading the bundle", extra={"newsflow_progress": {"stage": "documents"}})
            batches = ingest.iter_batches(bundle, settings)
            first = next(batches, None)
            if submit is None and settings.nlp_workers > 0:
                local = nlp_workers.LocalNLPWorkers(settings.nlp_workers)
                submit = local
                if first is not None and first.inputs >= settings.batch_size:
                    local.warm(settings.spacy_model)
            ctx = open_run(settings, bundle, run_id, flow_run_id)
            # With a submitter, the NLP of the next `lookahead` batches runs elsewhere while this
            # process resolves actors and events in batch order (those steps carry state).
            pending: deque[tuple[int, pl.DataFrame, nlp_workers.Future | None]] = deque()
            lookahead = max(settings.lookahead, settings.nlp_workers) if submit is not None else 0
            chained = itertools.chain([first] if first is not None else [], batches)
            for batch_no, batch in enumerate(chained, start=1):
                ctx.add("inputs", batch.inputs)
                for kind, n in batch.skipped.items():  # crawl protocol records: not inputs
                    ctx.skipped[kind] = ctx.skipped.get(kind, 0) + n
                    ctx.add("skipped_records", n)
                quarantine(ctx, batch.quarantine)
                articles = call("parse", parse_step, ctx, batch.docs, batch_no)
                faults.checkpoint("ingested")
                deduped = call("dedupe", dedupe_step, ctx, skip_known(ctx, articles), batch_no)
                future: Any = None  # a worker's future, or the first batch split in two
                whole_bundle = batch_no == 1 and batch.inputs < settings.batch_size
                bodies = (
                    extract.extractable(deduped)["body"].to_list() if submit is not None else []
                )
                if submit is None or not bodies or (local is not None and whole_bundle):
                    pass  # annotated in extract_step, with the flow's model
                elif local is not None and batch_no == 1:
                    future = nlp_workers.SplitFirstBatch(
                        bodies, ctx.nlp, submit, settings.spacy_model
                    )
                else:
                    future = submit(
                        "annotate", nlp_workers.annotate_step, bodies, settings.spacy_model
                    )
                pending.append((batch_no, deduped, future))
                log.info(
                    "batch %d: %d inputs, %d new articles", batch_no, batch.inputs, deduped.height
                )
                while len(pending) > lookahead:
                    _finish_batch(ctx, call, *pending.popleft())
            while pending:
                _finish_batch(ctx, call, *pending.popleft())
            if local is not None:  # their models' memory is free before the load's peak
                local.close()
            final_checks(ctx)
            ctx.release_batch_state()
            record = _record(ctx, flow_run_id)
            reasons = runs.quarantine_reasons(ctx.staging)
            faults.checkpoint("staged")
            log.info("loading", extra={"newsflow_progress": {"stage": "load"}})
            call("load", load_step, ctx, record)
            faults.checkpoint("committed")
        except BaseException as exc:
            if local is not None:  # an interrupted or failed run does not wait for a batch
                local.close(abort=True)
            if ctx is not None and ctx.gatekeeper is not None:
                ctx.gatekeeper.close(abort=True)
            with interrupts.shielded():
                runs.record_failure(settings, run_id, exc)
            raise
        finally:
            with interrupts.shielded():  # a signal now must not leave staging behind
                if local is not None:
                    local.close()
                if ctx is not None and ctx.gatekeeper is not None:
                    ctx.gatekeeper.close()
                staging.remove()
                load.remove_empty(*runs.staging_folders(settings))
        report = write_dq_report(ctx) if ctx.gatekeeper is not None else None
    summary: dict[str, Any] = {
        "run_id": run_id,
        "bundle": str(bundle),
        "warehouse": str(settings.warehouse),
        **record.counts(),
        "skipped_by_kind": record.skipped_by_kind,
        "quarantine_reasons": reasons,
        "seconds": runs.run_seconds(settings, run_id),
        "annotated_by": dict(ctx.annotated_by),
    }
    if report is not None:
        summary["report"] = str(report)
    return summary


def write_dq_report(ctx: RunContext) -> Path:
    """The run's human-readable validation report (expectations/README.md says how to read it)."""
    with wh.connect(
        ctx.settings.warehouse, read_only=True, timeout_s=ctx.settings.lock_timeout_s
    ) as con:
        dq = con.execute("select * from dq_results where run_id = ?", [ctx.run_id]).pl()
        rejected = con.execute("select * from quarantine where run_id = ?", [ctx.run_id]).pl()
    return quality.write_report(dq, rejected, ctx.settings.reports_path, ctx.run_id)
