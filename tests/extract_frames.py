"""Articles through the real extract stage into one registry, for tests on real text."""

from __future__ import annotations

import polars as pl

from bench.bench_extract import deduped
from newsflow.extract import extract_batch
from newsflow.resolve import ActorRegistry
from newsflow.settings import Settings


def extract_bodies(nlp, *bodies: str, settings: Settings | None = None) -> pl.DataFrame:
    """Every mention of the articles `bodies` (ids a_0, a_1, ... in order), extracted as one
    batch into one fresh registry, joined to its actor (actor_name, actor_type, country_code),
    in article and text order."""
    registry = ActorRegistry()
    result = extract_batch(deduped(list(bodies)), nlp, registry, settings or Settings())
    actors = registry.to_frame().rename({"name": "actor_name"})
    return result.mentions.join(actors, on="actor_id", suffix="_actor").sort(
        "article_id", "char_start"
    )
