"""Derived columns: the rules GX cannot state on one column, computed in polars per batch."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from newsflow.quality.outcome import EXAMPLES

Derived = tuple[pl.Series, pl.Series | None]
DerivedFn = Callable[[pl.DataFrame, dict[str, pl.DataFrame]], Derived]


def _fmt_args(*values: pl.Series | pl.Expr | str) -> list[pl.Expr]:
    """pl.format arguments that print nulls as "null" (pl.format yields null on any null)."""
    out = []
    for v in values:
        expr = pl.col(v) if isinstance(v, str) else (pl.lit(v) if isinstance(v, pl.Series) else v)
        out.append(expr.cast(pl.String).fill_null("null"))
    return out


def _need(context: dict[str, pl.DataFrame], name: str, column: str) -> pl.DataFrame:
    if name not in context:
        raise ValueError(f"derived column {column} needs context frame {name!r}")
    return context[name]


def _ids(frame: pl.DataFrame, column: str) -> pl.Series:
    return frame.get_column(column).drop_nulls().unique()


def _exists(column: str, context_name: str, key: str) -> DerivedFn:
    """True when frame[column] is a key of context[context_name]; null when frame[column] is null."""

    def derive(frame: pl.DataFrame, context: dict[str, pl.DataFrame]) -> Derived:
        known = _ids(_need(context, context_name, f"_{column}_exists"), key)
        for extra in _EXTRA_KEYS.get(context_name, ()):
            if extra in context:
                known = pl.concat([known, _ids(context[extra], key)])
        values = frame.get_column(column)
        found = values.is_in(known.implode())
        value = pl.select(pl.when(values.is_null()).then(None).otherwise(found)).to_series()
        detail = pl.format(
            "{} {} not in {}", *_fmt_args(pl.lit(column), values, pl.lit(context_name))
        )
        return value, frame.select(detail).to_series()

    return derive


# context frames that also count as known keys (e.g. ids already in the warehouse)
_EXTRA_KEYS = {"articles": ("known_articles",), "actors": ("known_actors",)}


def _bodies(frame: pl.DataFrame, context: dict[str, pl.DataFrame], column: str) -> pl.Series:
    articles = _need(context, "articles", column).select("article_id", "body").unique("article_id")
    return frame.select("article_id").join(
        articles, on="article_id", how="left", maintain_order="left"
    )["body"]


def _offset_in_body(frame: pl.DataFrame, context: dict[str, pl.DataFrame]) -> Derived:
    body_len = _bodies(frame, context, "_offset_in_body").str.len_chars()
    start, end = frame["char_start"], frame["char_end"]
    value = pl.select(
        pl.when(body_len.is_null())
        .then(None)
        .otherwise((start >= 0) & (start < end) & (end <= body_len))
    ).to_series()
    detail = pl.select(
        pl.format("[{}:{}] outside body of {} chars", *_fmt_args(start, end, body_len))
    ).to_series()
    return value, detail


def _offset_matches_body(frame: pl.DataFrame, context: dict[str, pl.DataFrame]) -> Derived:
    body = _bodies(frame, context, "_offset_matches_body")
    start, end = frame["char_start"], frame["char_end"]
    sliced = pl.select(
        body.str.slice(start.clip(lower_bound=0), (end - start).clip(lower_bound=0))
    ).to_series()
    value = pl.select(
        pl.when(body.is_null()).then(None).otherwise(sliced == frame["mention_text"])
    ).to_series()
    detail = pl.select(
        pl.format(
            "body[{}:{}]={} but mention_text={}",
            *_fmt_args(start, end, _quoted(sliced), _quoted(frame["mention_text"])),
        )
    ).to_series()
    return value, detail


def _quoted(values: pl.Series) -> pl.Expr:
    return pl.format("'{}'", *_fmt_args(pl.lit(values).str.slice(0, 60)))


def _days_after_crawl(frame: pl.DataFrame, context: dict[str, pl.DataFrame]) -> Derived:
    days = (frame["published_date"] - frame["crawl_date"]).dt.total_days()
    detail = pl.select(
        pl.format(
            "published {} but crawled {}", *_fmt_args(frame["published_date"], frame["crawl_date"])
        )
    ).to_series()
    return days.cast(pl.Int64), detail


def _not_self_duplicate(frame: pl.DataFrame, context: dict[str, pl.DataFrame]) -> Derived:
    value = frame["duplicate_of"] != frame["article_id"]
    return value, pl.select(
        pl.format("duplicate_of={}", *_fmt_args(frame["duplicate_of"]))
    ).to_series()


def _dup_link_consistent(frame: pl.DataFrame, context: dict[str, pl.DataFrame]) -> Derived:
    value = frame["duplicate_of"].is_null() == frame["dup_method"].is_null()
    detail = pl.select(
        pl.format(
            "duplicate_of={} dup_method={}", *_fmt_args(frame["duplicate_of"], frame["dup_method"])
        )
    ).to_series()
    return value, detail


def _coords_paired(frame: pl.DataFrame, context: dict[str, pl.DataFrame]) -> Derived:
    value = frame["latitude"].is_null() == frame["longitude"].is_null()
    detail = pl.select(
        pl.format("latitude={} longitude={}", *_fmt_args(frame["latitude"], frame["longitude"]))
    ).to_series()
    return value, detail


def _generic_only_if_unnamed(frame: pl.DataFrame, context: dict[str, pl.DataFrame]) -> Derived:
    """A role's generic word ("police") only where that role names no actor."""
    value = (frame["source_generic"].is_null() | frame["source_actor_id"].is_null()) & (
        frame["target_generic"].is_null() | frame["target_actor_id"].is_null()
    )
    detail = pl.select(
        pl.format(
            "source={} ({}) target={} ({})",
            *_fmt_args(
                frame["source_actor_id"],
                frame["source_generic"],
                frame["target_actor_id"],
                frame["target_generic"],
            ),
        )
    ).to_series()
    return value, detail


# Whole-run (load) checks: one count per rule over the accounting row, with a few offending keys.


def _one(frame: pl.DataFrame, count: int, examples: list[str]) -> Derived:
    detail = "; ".join(str(e) for e in examples[:EXAMPLES]) if count else None
    return (
        pl.Series([count] * frame.height, dtype=pl.Int64),
        pl.Series([detail] * frame.height, dtype=pl.String),
    )


def _orphans(child: str, column: str, parent: str, key: str, name: str) -> DerivedFn:
    def derive(frame: pl.DataFrame, context: dict[str, pl.DataFrame]) -> Derived:
        rows = _need(context, child, name)
        known = _ids(_need(context, parent, name), key)
        for extra in _EXTRA_KEYS.get(parent, ()):
            if extra in context:
                known = pl.concat([known, _ids(context[extra], key)])
        values = rows.get_column(column).drop_nulls()
        missing = values.filter(~values.is_in(known.implode())).unique(maintain_order=True)
        return _one(frame, missing.len(), [f"{column}={v}" for v in missing.head(EXAMPLES)])

    return derive


def _duplicate_keys(table: str, key: str, name: str) -> DerivedFn:
    def derive(frame: pl.DataFrame, context: dict[str, pl.DataFrame]) -> Derived:
        values = _need(context, table, name).get_column(key)
        counts = values.value_counts()
        repeated = counts.filter(pl.col("count") > 1)
        return _one(frame, repeated.height, [f"{key}={v}" for v in repeated[key].head(EXAMPLES)])

    return derive


def _non_canonical_duplicate_of(frame: pl.DataFrame, context: dict[str, pl.DataFrame]) -> Derived:
    """Run articles whose duplicate_of names a duplicate (of this run, or of the warehouse:
    context known_duplicates) instead of a canonical article (issue 26)."""
    articles = _need(context, "articles", "_non_canonical_duplicate_of")
    duplicates = _ids(articles.filter(pl.col("duplicate_of").is_not_null()), "article_id")
    if "known_duplicates" in context:
        duplicates = pl.concat([duplicates, _ids(context["known_duplicates"], "article_id")])
    bad = articles.filter(pl.col("duplicate_of").is_in(duplicates.implode()))
    examples = [f"{a} -> duplicate {d}" for a, d in bad.select("article_id", "duplicate_of").rows()]
    return _one(frame, bad.height, examples)


def _unaccounted_inputs(frame: pl.DataFrame, context: dict[str, pl.DataFrame]) -> Derived:
    gap = frame.select(
        pl.col("inputs")
        - pl.col("loaded")
        - pl.col("already_loaded")
        - pl.col("quarantined_inputs")
    ).to_series()
    detail = frame.select(
        pl.format(
            "inputs={} but loaded={} + already_loaded={} + quarantined_inputs={}",
            *_fmt_args("inputs", "loaded", "already_loaded", "quarantined_inputs"),
        )
    ).to_series()
    return gap.cast(pl.Int64), detail


DERIVED_COLUMNS: dict[str, DerivedFn] = {
    # parse / dedupe
    "_days_after_crawl": _days_after_crawl,
    "_not_self_duplicate": _not_self_duplicate,
    "_dup_link_consistent": _dup_link_consistent,
    # mentions (context: articles, actors)
    "_article_exists": _exists("article_id", "articles", "article_id"),
    "_actor_exists": _exists("actor_id", "actors", "actor_id"),
    "_offset_in_body": _offset_in_body,
    "_offset_matches_body": _offset_matches_body,
    # events (context: actors)
    "_source_actor_exists": _exists("source_actor_id", "actors", "actor_id"),
    "_target_actor_exists": _exists("target_actor_id", "actors", "actor_id"),
    "_coords_paired": _coords_paired,
    "_generic_only_if_unnamed": _generic_only_if_unnamed,
    # load (frame: the accounting row; context: articles, mentions, events, actors)
    "_unaccounted_inputs": _unaccounted_inputs,
    "_orphan_mention_articles": _orphans(
        "mentions", "article_id", "articles", "article_id", "_orphan_mention_articles"
    ),
    "_orphan_mention_actors": _orphans(
        "mentions", "actor_id", "actors", "actor_id", "_orphan_mention_actors"
    ),
    "_orphan_mention_events": _orphans(
        "mentions", "event_id", "events", "event_id", "_orphan_mention_events"
    ),
    "_orphan_event_source_actors": _orphans(
        "events", "source_actor_id", "actors", "actor_id", "_orphan_event_source_actors"
    ),
    "_orphan_event_target_actors": _orphans(
        "events", "target_actor_id", "actors", "actor_id", "_orphan_event_target_actors"
    ),
    "_dangling_duplicate_of": _orphans(
        "articles", "duplicate_of", "articles", "article_id", "_dangling_duplicate_of"
    ),
    "_non_canonical_duplicate_of": _non_canonical_duplicate_of,
    "_repeated_article_ids": _duplicate_keys("articles", "article_id", "_repeated_article_ids"),
    "_repeated_mention_ids": _duplicate_keys("mentions", "mention_id", "_repeated_mention_ids"),
    "_repeated_event_ids": _duplicate_keys("events", "event_id", "_repeated_event_ids"),
    "_repeated_actor_ids": _duplicate_keys("actors", "actor_id", "_repeated_actor_ids"),
}


def _regex_extract(column: str, pattern: str) -> DerivedFn:
    """Suite-declared derived column: the first match of `pattern` in `column`, else null."""

    def derive(frame: pl.DataFrame, context: dict[str, pl.DataFrame]) -> Derived:
        found = frame.select(pl.col(column).str.extract(pattern, 0)).to_series()
        return found, pl.select(
            pl.format("{} contains '{}'", *_fmt_args(pl.lit(column), found))
        ).to_series()

    return derive


def suite_derived(spec: dict) -> dict[str, DerivedFn]:
    declared = (spec.get("meta") or {}).get("derived_columns") or {}
    out: dict[str, DerivedFn] = {}
    for name, rule in declared.items():
        if not name.startswith("_"):
            raise ValueError(f"suite {spec['name']}: derived column {name!r} must start with '_'")
        if set(rule) != {"regex_extract"}:
            raise ValueError(
                f"suite {spec['name']}: derived column {name!r}: only 'regex_extract' is known"
            )
        args = rule["regex_extract"]
        try:
            pl.select(pl.lit("").str.extract(args["pattern"], 0))
        except pl.exceptions.PolarsError as exc:
            raise ValueError(
                f"suite {spec['name']}: derived column {name!r}: bad regex: {exc}"
            ) from exc
        out[name] = _regex_extract(args["column"], args["pattern"])
    return out
