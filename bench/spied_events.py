"""The events stage run once with spies on its per-sentence and per-document steps, for the
tools that read which trigger or sentence made a report (`event_misses`, `bench_strikes`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl

from newsflow import events, extract, reports, resolve
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


def run_spied(
    articles: pl.DataFrame,
    nlp: Any,
    parser: Any,
    settings: Settings,
    spy_sentence: Callable[..., Any],
    spy_doc: Callable[..., Any],
) -> SpiedRun:
    """Extract and detect the events of `articles` in one batch, a fresh registry and state,
    with `spy_sentence` and `spy_doc` in place of the two steps (each must call the original
    with the same arguments and return what it returns); the originals are put back after."""
    sentence_candidates, candidates_in_doc = originals()
    # the spies pass every argument on unchanged; mypy sees only their looser signatures
    reports.sentence_candidates = spy_sentence
    events.candidates_in_doc = spy_doc  # type: ignore[assignment]
    try:
        registry = resolve.ActorRegistry(settings.thresholds.actor_match_threshold)
        ex = extract.extract_batch(articles, nlp, registry, settings)
        state = events.EventState.empty()
        actors = events.with_metonym_countries(
            registry.frame_of(ex.mentions["actor_id"]), registry, state
        )
        result = events.detect_events(
            articles, ex.mentions, actors, ex.sentences, parser, state, settings
        )
    finally:
        reports.sentence_candidates, events.candidates_in_doc = (
            sentence_candidates,
            candidates_in_doc,
        )
    return SpiedRun(ex, registry, state, actors, result)
