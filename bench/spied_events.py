"""The events stage run once with spies on its per-sentence and per-document steps, for the
tools that read which trigger or sentence made a report (`event_misses`, `bench_strikes`,
`labels.trigger_audit`), and a bundle read into the events stage's inputs in one batch
(`merge_audit`, `labels.trigger_audit`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from newsflow import dedupe, events, extract, ingest, parse, reports, resolve
from newsflow.settings import Settings


@dataclass
class SpiedRun:
    extracted: extract.ExtractResult
    registry: resolve.ActorRegistry
    state: events.EventState
    actors: pl.DataFrame
    result: events.EventResult


def originals() -> tuple[Callable[..., Any], Callable[..., Any]]:
    """The stage's own `reports.sentence_candidates` and `events.candidates_in_doc`, for the
    spies to call."""
    return reports.sentence_candidates, events.candidates_in_doc


@contextmanager
def spies(spy_sentence: Callable[..., Any], spy_doc: Callable[..., Any]) -> Iterator[None]:
    """`spy_sentence` and `spy_doc` in place of the two steps while the block runs (each must
    call the original with the same arguments and return what it returns), then the originals
    back."""
    sentence_candidates, candidates_in_doc = originals()
    # the spies pass every argument on unchanged; mypy sees only their looser signatures
    reports.sentence_candidates = spy_sentence
    events.candidates_in_doc = spy_doc  # type: ignore[assignment]
    try:
        yield
    finally:
        reports.sentence_candidates, events.candidates_in_doc = (
            sentence_candidates,
            candidates_in_doc,
        )


def run_spied(
    articles: pl.DataFrame,
    nlp: Any,
    parser: Any,
    settings: Settings,
    spy_sentence: Callable[..., Any],
    spy_doc: Callable[..., Any],
) -> SpiedRun:
    """Extract and detect the events of `articles` in one batch, a fresh registry and state,
    with the spies in place (`spies`)."""
    with spies(spy_sentence, spy_doc):
        registry = resolve.ActorRegistry(settings.thresholds.actor_match_threshold)
        ex = extract.extract_batch(articles, nlp, registry, settings)
        state = events.EventState.empty()
        actors = events.with_metonym_countries(
            registry.frame_of(ex.mentions["actor_id"]), registry, state
        )
        result = events.detect_events(
            articles, ex.mentions, actors, ex.sentences, parser, state, settings
        )
    return SpiedRun(ex, registry, state, actors, result)


@dataclass
class BundleInputs:
    """A bundle's articles as the events stage takes them, with its parser and a fresh state."""

    articles: pl.DataFrame
    extracted: extract.ExtractResult
    actors: pl.DataFrame
    parser: Any
    state: events.EventState

    def candidates(self, settings: Settings) -> list[Any]:
        """Every event report the events stage finds in the articles, before merging."""
        ex = self.extracted
        return events.find_candidates(
            self.articles, ex.mentions, self.actors, ex.sentences, self.parser, self.state,
            settings,
        )  # fmt: skip


def bundle_inputs(bundle: Path, settings: Settings, limit: int | None = None) -> BundleInputs:
    """The bundle (its first `limit` documents) ingested, parsed, deduplicated and extracted in
    one batch with a fresh registry: what the events stage reads."""
    nlp = extract.load_nlp(settings.spacy_model)
    parser = events.load_parser(settings.spacy_model)
    registry = resolve.ActorRegistry(settings.thresholds.actor_match_threshold)
    state = events.EventState.empty()
    dedupe_state = dedupe.DedupeState()
    frames: list[pl.DataFrame] = []
    seen = 0
    for batch in ingest.iter_batches(bundle, settings):
        docs = batch.docs if limit is None else batch.docs.head(max(limit - seen, 0))
        if docs.height == 0:
            break
        seen += docs.height
        parsed, _ = parse.parse_batch(docs, settings)
        frames.append(dedupe.dedupe_batch(parsed, dedupe_state, settings))
    articles = pl.concat(frames)
    extracted = extract.extract_batch(articles, nlp, registry, settings)
    actors = events.with_metonym_countries(
        registry.frame_of(extracted.mentions["actor_id"]), registry, state
    )
    return BundleInputs(articles, extracted, actors, parser, state)
