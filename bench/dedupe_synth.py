"""Synthetic parsed-article batches with known duplicates, for bench/bench_dedupe.py.

Originals are a title plus 3-8 paragraphs sampled from the Reuters/BBC pools (bench.corpus);
copies are exact (new url) or near (bench.corpus.near_copy: new headline, a dropped paragraph,
5-15% of words replaced, or an agency prefix). Truth: each row's `group` is the line of the
original it copies (itself for originals).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from bench.corpus import Pools, near_copy
from newsflow import ids, schema

EPOCH = dt.date(2024, 2, 1)


def parsed_frame(
    titles: list[str], bodies: list[str], days: list[int], start: int, prefix: str = "bench"
) -> pl.DataFrame:
    """A schema.PARSED frame (content hash and article id as the parse stage makes them)."""
    n = len(bodies)
    frame = pl.DataFrame(
        {
            "title": titles,
            "body": bodies,
            "published_date": [EPOCH + dt.timedelta(days=d) for d in days],
            "input_seq": np.arange(start, start + n, dtype=np.int64),
        }
    ).with_columns(
        (pl.lit(f"https://{prefix}.example/") + pl.col("input_seq").cast(pl.String)).alias("url"),
        ids.content_hash_expr("body").alias("content_hash"),
        pl.lit("bench").alias("bundle_id"),
        pl.lit("headline").alias("title_source"),
        pl.lit("meta").alias("source_name_source"),
        (pl.lit("doc") + pl.col("input_seq").cast(pl.String)).alias("source_path"),
        (pl.lit("outlet") + (pl.col("input_seq") % 97).cast(pl.String)).alias("source_name"),
        pl.lit(None, pl.String).alias("dateline"),
        pl.lit("meta").alias("date_source"),
        pl.col("published_date").alias("crawl_date"),
        pl.lit(None, pl.Datetime("us")).alias("crawled_at"),  # not from a WARC
        pl.lit(None, pl.String).alias("payload_digest"),
        pl.col("body").str.count_matches(r"\S+").cast(pl.Int64).alias("word_count"),
        pl.lit("en").alias("language"),
        pl.lit("utf-8").alias("encoding"),
        pl.lit(None, pl.String).alias("input_hash"),  # generated, not read from an input
    )
    frame = frame.with_columns(
        ids.article_id_expr(pl.col("url"), pl.col("content_hash")).alias("article_id")
    )
    return schema.conform(frame, schema.PARSED)


@dataclass
class Generator:
    """Streams batches: originals, exact copies and near copies at the given rates."""

    pools: Pools
    exact_rate: float = 0.05
    near_rate: float = 0.05
    days: int = 28
    seed: int = 11
    reservoir: int = 50_000
    rng: np.random.Generator = field(init=False)
    originals: list[tuple[str, list[str], int, int]] = field(default_factory=list)
    produced: int = 0

    def __post_init__(self) -> None:
        self.rng = np.random.default_rng(self.seed)

    def batch(self, n: int) -> tuple[pl.DataFrame, pl.DataFrame]:
        """(parsed frame, truth frame with input_seq, kind, edit, group)."""
        titles, bodies, days, kinds, edits, groups = [], [], [], [], [], []
        draws = self.rng.random(n)
        for k in range(n):
            line = self.produced + k
            if self.originals and draws[k] < self.exact_rate + self.near_rate:
                title, paras, day, group = self.originals[
                    int(self.rng.integers(len(self.originals)))
                ]
                kind, edit = "exact", None
                if draws[k] >= self.exact_rate:
                    kind = "near"
                    title, paras, edit = near_copy(title, paras, self.rng, self.pools)
                day = min(self.days - 1, day + int(self.rng.integers(3)))
            else:
                kind, edit, group = "original", None, line
                count = int(self.rng.integers(3, 9))
                paras = [
                    self.pools.paragraphs[j]
                    for j in self.rng.integers(len(self.pools.paragraphs), size=count)
                ]
                title = self.pools.titles[int(self.rng.integers(len(self.pools.titles)))]
                day = int(self.rng.integers(self.days))
                if len(self.originals) < self.reservoir:
                    self.originals.append((title, paras, day, line))
                else:
                    self.originals[int(self.rng.integers(self.reservoir))] = (
                        title,
                        paras,
                        day,
                        line,
                    )
            titles.append(title)
            bodies.append("\n\n".join(paras))
            days.append(day)
            kinds.append(kind)
            edits.append(edit)
            groups.append(group)
        frame = parsed_frame(titles, bodies, days, self.produced)
        truth = pl.DataFrame(
            {
                "input_seq": np.arange(self.produced, self.produced + n, dtype=np.int64),
                "kind": kinds,
                "edit": edits,
                "group": np.asarray(groups, dtype=np.int64),
            },
            schema={"input_seq": pl.Int64, "kind": pl.String, "edit": pl.String, "group": pl.Int64},
        )
        self.produced += n
        return frame, truth
