"""Quality gates: one Great Expectations suite per stage, run over each batch a stage produces.

The suites are data (`expectations/<stage>.json`, GX's own suite format; see
`expectations/README.md`). Each expectation declares `meta.severity`:

- "critical": a failure raises `GateFailed` (the flow stops before anything is written);
- "row": the failing rows move to quarantine (stage, reason = expectation name, detail) and the
  rest go on.

Rules GX cannot state on one column (offset slices, referential integrity, "not after
crawl_date + N days", boilerplate markers in 10 kB bodies) are computed here in polars as
*derived columns* named with a leading underscore (`_offset_matches_body`, `_article_exists`, ...);
the suite still declares the rule and its severity by expecting those columns. Only the columns
an expectation references are handed to GX, so bodies never cross into pandas.

Great Expectations is imported lazily (inside `Gatekeeper`): importing this module is cheap.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from newsflow import schema
from newsflow.dq_report import write_report
from newsflow.settings import Settings

__all__ = [
    "STAGES",
    "GateFailed",
    "GateOutcome",
    "Gatekeeper",
    "DERIVED_COLUMNS",
    "load_suite_specs",
    "resolve_placeholders",
    "write_report",
]

log = logging.getLogger("newsflow.quality")

STAGES = ("ingest", "parse", "dedupe", "actors", "mentions", "events", "load")
SEVERITIES = ("critical", "row")
# GX's own expectation `severity` field, when a suite file sets it, must agree with meta.severity.
_GX_SEVERITY = {"critical": "critical", "row": "warning"}
# The row key named in quarantine details, per stage.
_KEYS = {
    "ingest": "source_path",
    "parse": "article_id",
    "dedupe": "article_id",
    "actors": "actor_id",
    "mentions": "mention_id",
    "events": "event_id",
}
_ROW = "__gate_row"
_DETAIL_CHARS = 240
_EXAMPLES = 5

DQ_RESULTS = pl.Schema(
    {
        "stage": pl.String,
        "suite": pl.String,
        "expectation": pl.String,
        "success": pl.Boolean,
        "observed": pl.String,
        "unexpected_count": pl.Int64,
        "severity": pl.String,
    }
)


class GateFailed(Exception):
    """A critical expectation failed: the run must stop before anything is written."""

    def __init__(
        self,
        stage: str,
        expectation: str,
        examples: list[str],
        *,
        observed: str = "",
        also_failed: tuple[str, ...] = (),
        dq_results: pl.DataFrame | None = None,
    ) -> None:
        self.stage = stage
        self.expectation = expectation
        self.examples = examples
        self.observed = observed
        self.also_failed = also_failed
        # every result of the failing check, so the flow can still record them
        self.dq_results = dq_results if dq_results is not None else schema.empty(DQ_RESULTS)
        message = f"quality gate {stage!r} failed: critical expectation {expectation}"
        if observed:
            message += f" ({observed})"
        if examples:
            message += "; failing values: " + ", ".join(examples)
        if also_failed:
            message += "; also failed: " + ", ".join(also_failed)
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:  # picklable across Prefect/Dask workers
        return (
            _rebuild_gate_failed,
            (self.stage, self.expectation, self.examples, self.observed, self.also_failed),
        )


def _rebuild_gate_failed(
    stage: str, expectation: str, examples: list[str], observed: str, also_failed: tuple[str, ...]
) -> GateFailed:
    return GateFailed(stage, expectation, examples, observed=observed, also_failed=also_failed)


# Expectations about each row (GX "map" expectations): vacuously met by an empty frame.
_PER_ROW = (
    "expect_column_values_",
    "expect_column_pair_values_",
    "expect_multicolumn_values_",
    "expect_select_column_values_",
)


@dataclass(frozen=True)
class GateOutcome:
    """What a gate lets through, what it quarantined, and every expectation's result."""

    passed: pl.DataFrame
    quarantine: pl.DataFrame
    dq_results: pl.DataFrame


# --- suite files -------------------------------------------------------------------------------


def load_suite_specs(expectations_dir: Path) -> dict[str, dict]:
    """Parsed `<stage>.json` suites keyed by stage (placeholders unresolved; no GX import)."""
    specs: dict[str, dict] = {}
    for path in sorted(Path(expectations_dir).glob("*.json")):
        try:
            spec = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"suite {path} is not valid JSON: {exc}") from exc
        _check_spec(spec, path)
        specs[path.stem] = spec
    return specs


def _check_spec(spec: dict, path: Path) -> None:
    if not isinstance(spec.get("expectations"), list) or "name" not in spec:
        raise ValueError(f"suite {path} needs a 'name' and an 'expectations' list")
    names: set[str] = set()
    for i, exp in enumerate(spec["expectations"]):
        where = f"suite {path}, expectation #{i} ({exp.get('type')})"
        severity = (exp.get("meta") or {}).get("severity")
        if severity not in SEVERITIES:
            raise ValueError(
                f"{where}: meta.severity must be one of {SEVERITIES}, got {severity!r}"
            )
        gx_severity = exp.get("severity")
        if gx_severity is not None and gx_severity != _GX_SEVERITY[severity]:
            raise ValueError(
                f"{where}: GX severity {gx_severity!r} contradicts meta.severity {severity!r} "
                f"(use {_GX_SEVERITY[severity]!r} or leave it out)"
            )
        name = expectation_name(exp)
        if name in names:
            raise ValueError(f"{where}: two expectations are named {name!r}; set meta.name")
        names.add(name)


def expectation_name(exp: dict) -> str:
    """The declared `meta.name`, else "<expectation type>(<column(s)>)"."""
    declared = (exp.get("meta") or {}).get("name")
    if declared:
        return str(declared)
    return f"{exp['type']}({','.join(_columns(exp.get('kwargs', {})))})"


def _columns(kwargs: dict) -> list[str]:
    cols: list[str] = []
    for key in ("column", "column_A", "column_B"):
        if isinstance(kwargs.get(key), str):
            cols.append(kwargs[key])
    for key in ("column_list",):
        if isinstance(kwargs.get(key), list):
            cols.extend(str(c) for c in kwargs[key])
    return cols


def resolve_placeholders(value: Any, settings: Settings, today: dt.date) -> Any:
    """Replace `{"$setting": ...}`, `{"$today_plus_days": N}`, `{"$year_start": ...}` and
    `{"$iso3_countries": [extra...]}` anywhere in a suite (see expectations/README.md)."""
    if isinstance(value, list):
        return [resolve_placeholders(v, settings, today) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((key, arg),) = value.items()
        if key == "$setting":
            return _setting(settings, str(arg))
        if key == "$today_plus_days":
            return (today + dt.timedelta(days=int(arg))).isoformat()
        if key == "$year_start":
            year = _setting(settings, arg) if isinstance(arg, str) else int(arg)
            return dt.date(int(year), 1, 1).isoformat()
        if key == "$iso3_countries":
            import pycountry

            # ISO 3166-1 codes plus the ISO 3166-3 codes of former countries (SUN, YUG, DDR,
            # CSK, ...): news archives report on the Soviet Union too.
            current = {c.alpha_3 for c in pycountry.countries}
            former = {c.alpha_3 for c in pycountry.historic_countries}
            return sorted(current | former | set(arg or []))
        if key.startswith("$"):
            raise ValueError(f"unknown suite placeholder {key!r}")
    return {k: resolve_placeholders(v, settings, today) for k, v in value.items()}


def _setting(settings: Settings, name: str) -> Any:
    if hasattr(settings.thresholds, name):
        return getattr(settings.thresholds, name)
    if hasattr(settings, name) and not callable(getattr(settings, name)):
        value = getattr(settings, name)
        if isinstance(value, int | float | str | bool):
            return value
    raise ValueError(f"suite placeholder names unknown setting {name!r}")


# --- derived columns ---------------------------------------------------------------------------
# Each builtin takes the stage frame and its context frames and returns (value, detail): two
# Series aligned with the frame's rows. `value` is what the suite expects; `detail` (may be None)
# is what a quarantine row or a GateFailed example shows for a failing row.

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


# Whole-run (load) checks: one count per rule over the accounting row, with a few offending keys.


def _one(frame: pl.DataFrame, count: int, examples: list[str]) -> Derived:
    detail = "; ".join(str(e) for e in examples[:_EXAMPLES]) if count else None
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
        return _one(frame, missing.len(), [f"{column}={v}" for v in missing.head(_EXAMPLES)])

    return derive


def _duplicate_keys(table: str, key: str, name: str) -> DerivedFn:
    def derive(frame: pl.DataFrame, context: dict[str, pl.DataFrame]) -> Derived:
        values = _need(context, table, name).get_column(key)
        counts = values.value_counts()
        repeated = counts.filter(pl.col("count") > 1)
        return _one(frame, repeated.height, [f"{key}={v}" for v in repeated[key].head(_EXAMPLES)])

    return derive


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


def _suite_derived(spec: dict) -> dict[str, DerivedFn]:
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


# --- the gatekeeper ----------------------------------------------------------------------------


@dataclass
class _Rule:
    name: str
    type: str
    severity: str
    columns: list[str]


@dataclass
class _StageSuite:
    suite_name: str
    rules: list[_Rule]
    columns: list[str]  # every column the expectations read (frame or derived)
    derived: dict[str, DerivedFn]
    validation: Any = field(repr=False)  # gx.ValidationDefinition, built once
    batch: Any = field(repr=False)  # the stage's whole-dataframe batch definition
    expectations: list[dict] = field(repr=False)  # resolved configs, for re-runs of a subset
    # validation definitions over subsets of the suite (the failed ones), built on first need
    subsets: dict[tuple[int, ...], Any] = field(default_factory=dict, repr=False)


class Gatekeeper:
    """Holds the GX context and one validation definition per stage; build once per run."""

    def __init__(self, settings: Settings, *, today: dt.date | None = None) -> None:
        self.settings = settings
        self.today = today or dt.datetime.now(dt.UTC).date()
        specs = load_suite_specs(settings.expectations_dir)
        missing = [stage for stage in STAGES if stage not in specs]
        if missing:
            raise ValueError(f"no suite for stage(s) {missing} in {settings.expectations_dir}")
        self._context = _ephemeral_context()
        self._stages = {stage: self._build(stage, specs[stage]) for stage in STAGES}

    def __reduce__(self) -> tuple[Any, ...]:
        # A GX context does not pickle; a worker process (Dask) rebuilds the gatekeeper from
        # the same settings and date instead.
        return (_rebuild_gatekeeper, (self.settings, self.today))

    def _build(self, stage: str, spec: dict) -> _StageSuite:
        import great_expectations as gx
        from great_expectations.core import ExpectationSuite

        resolved = resolve_placeholders(spec, self.settings, self.today)
        rules: list[_Rule] = []
        expectations = []
        for i, exp in enumerate(resolved["expectations"]):
            meta = dict(exp.get("meta") or {})
            rules.append(
                _Rule(expectation_name(exp), exp["type"], meta["severity"], _columns(exp["kwargs"]))
            )
            meta["gate_index"] = i  # to match results back to rules
            expectations.append({**exp, "meta": meta})
        suite = ExpectationSuite(
            name=resolved["name"], expectations=expectations, meta=resolved.get("meta") or {}
        )
        suite = self._context.suites.add(suite)
        source = self._context.data_sources.add_pandas(f"{stage}_source")
        batch = source.add_dataframe_asset(f"{stage}_frame").add_batch_definition_whole_dataframe(
            stage
        )
        validation = self._context.validation_definitions.add(
            gx.ValidationDefinition(name=f"{stage}_gate", data=batch, suite=suite)
        )
        columns = list(dict.fromkeys(c for rule in rules for c in rule.columns))
        return _StageSuite(
            resolved["name"], rules, columns, _suite_derived(spec), validation, batch, expectations
        )

    def check(
        self, stage: str, frame: pl.DataFrame, *, context: dict[str, pl.DataFrame] | None = None
    ) -> GateOutcome:
        """Validate one batch of `stage`; raise GateFailed on a critical failure."""
        if stage not in self._stages:
            raise ValueError(f"unknown gate stage {stage!r}; known: {STAGES}")
        suite = self._stages[stage]
        context = context or {}
        frame = frame.with_row_index(_ROW)
        values, details = self._derive(suite, frame, context)
        missing = [c for c in suite.columns if c not in values.columns]
        if missing:
            raise ValueError(
                f"gate {stage!r}: columns {missing} are neither in the frame nor derived"
            )
        if frame.height == 0 and all(rule.type.startswith(_PER_ROW) for rule in suite.rules):
            # per-row expectations hold over no rows: what GX reports, without its ~0.3 s per
            # suite (a rerun's batches are empty once its known inputs are skipped)
            outcomes = [(True, ("0 of 0 unexpected", 0, [], None))] * len(suite.rules)
        else:
            results = self._validate(suite, values.select(suite.columns))
            outcomes = [(bool(result.success), _summarise(result)) for result in results]

        dq_rows: list[dict[str, Any]] = []
        critical: list[tuple[_Rule, str, list[str]]] = []
        failing_rows: dict[int, list[_Rule]] = {}
        for rule, (success, summary) in zip(suite.rules, outcomes, strict=True):
            observed, count, indices, error = summary
            dq_rows.append(
                {
                    "stage": stage,
                    "suite": suite.suite_name,
                    "expectation": rule.name,
                    "success": success,
                    "observed": observed,
                    "unexpected_count": count,
                    "severity": rule.severity,
                }
            )
            if success:
                continue
            if error is not None:
                critical.append((rule, f"expectation raised: {error}", []))
            elif rule.severity == "critical" or indices is None:
                if indices is None and rule.severity == "row":
                    observed += (
                        " (row-level expectation without per-row results: treated as critical)"
                    )
                examples = self._examples(frame, values, details, rule, indices or [], stage)
                critical.append((rule, observed, examples))
            else:
                for idx in indices:
                    failing_rows.setdefault(idx, []).append(rule)
        dq_results = pl.DataFrame(dq_rows, schema=DQ_RESULTS)
        if critical:
            rule, observed, examples = critical[0]
            raise GateFailed(
                stage,
                rule.name,
                examples,
                observed=observed,
                also_failed=tuple(r.name for r, _, _ in critical[1:]),
                dq_results=dq_results,
            )
        bad = pl.Series(_ROW, sorted(failing_rows), dtype=pl.UInt32)
        passed = frame.filter(~pl.col(_ROW).is_in(bad.implode())).drop(_ROW)
        quarantine = self._quarantine(stage, frame, values, details, failing_rows, context)
        if quarantine.height:
            log.info("gate %s: %d of %d rows quarantined", stage, quarantine.height, frame.height)
        return GateOutcome(passed=passed, quarantine=quarantine, dq_results=dq_results)

    # -- internals

    def _derive(
        self, suite: _StageSuite, frame: pl.DataFrame, context: dict[str, pl.DataFrame]
    ) -> tuple[pl.DataFrame, dict[str, pl.Series]]:
        """The frame plus the derived columns the suite reads, and their detail series."""
        new: list[pl.Series] = []
        details: dict[str, pl.Series] = {}
        for column in suite.columns:
            if column in frame.columns:
                continue
            fn = suite.derived.get(column) or DERIVED_COLUMNS.get(column)
            if fn is None:
                continue  # reported as missing by the caller
            value, detail = fn(frame, context)
            new.append(value.alias(column))
            if detail is not None:
                details[column] = detail
        return frame.with_columns(new), details

    def _validate(self, suite: _StageSuite, values: pl.DataFrame) -> list[Any]:
        """GX results in suite order. GX's cost is mostly per-expectation overhead, so a batch
        is validated once with BASIC results (counts, no row indices); only the expectations
        that failed are re-run with COMPLETE results to learn which rows failed."""
        pdf = _to_pandas(values)
        results = self._run(suite.validation, pdf, "BASIC")
        failed = tuple(i for i, r in sorted(results.items()) if not r.success)
        if failed:
            for i, result in self._run(self._subset(suite, failed), pdf, "COMPLETE").items():
                results[i] = result
        return [results[i] for i in range(len(suite.rules))]

    def _subset(self, suite: _StageSuite, indices: tuple[int, ...]) -> Any:
        if indices not in suite.subsets:
            import great_expectations as gx
            from great_expectations.core import ExpectationSuite

            name = f"{suite.suite_name}__{'_'.join(map(str, indices))}"
            subset = self._context.suites.add(
                ExpectationSuite(name=name, expectations=[suite.expectations[i] for i in indices])
            )
            suite.subsets[indices] = self._context.validation_definitions.add(
                gx.ValidationDefinition(name=name, data=suite.batch, suite=subset)
            )
        return suite.subsets[indices]

    @staticmethod
    def _run(validation: Any, pdf: Any, result_format: str) -> dict[int, Any]:
        run = validation.run(
            batch_parameters={"dataframe": pdf}, result_format={"result_format": result_format}
        )
        return {int(r.expectation_config.meta["gate_index"]): r for r in run.results}

    def _detail(
        self,
        frame: pl.DataFrame,
        values: pl.DataFrame,
        details: dict[str, pl.Series],
        rule: _Rule,
        idx: int,
        stage: str,
    ) -> str:
        parts = []
        key = _KEYS.get(stage)
        if key and key in frame.columns and key not in rule.columns:
            parts.append(f"{key}={frame[key][idx]}")
        for column in rule.columns:
            if column in details:
                parts.append(str(details[column][idx]))
            else:
                parts.append(f"{column}={_fmt(values[column][idx])}")
        return ": ".join(parts)[:_DETAIL_CHARS]

    def _examples(
        self,
        frame: pl.DataFrame,
        values: pl.DataFrame,
        details: dict[str, pl.Series],
        rule: _Rule,
        indices: list[int],
        stage: str,
    ) -> list[str]:
        shown = [
            self._detail(frame, values, details, rule, i, stage) for i in indices[: _EXAMPLES * 4]
        ]
        return list(dict.fromkeys(shown))[:_EXAMPLES]  # a repeated key shows once

    def _quarantine(
        self,
        stage: str,
        frame: pl.DataFrame,
        values: pl.DataFrame,
        details: dict[str, pl.Series],
        failing_rows: dict[int, list[_Rule]],
        context: dict[str, pl.DataFrame],
    ) -> pl.DataFrame:
        if not failing_rows:
            return schema.empty(schema.QUARANTINE)
        rows = sorted(failing_rows)
        reasons, texts = [], []
        for idx in rows:
            rules = failing_rows[idx]
            text = self._detail(frame, values, details, rules[0], idx, stage)
            if len(rules) > 1:
                text += " (also failed: " + ", ".join(r.name for r in rules[1:]) + ")"
            reasons.append(rules[0].name)
            texts.append(text)
        removed = frame.filter(pl.col(_ROW).is_in(pl.Series(rows, dtype=pl.UInt32).implode()))
        removed = removed.sort(_ROW).with_columns(
            pl.Series("__reason", reasons, dtype=pl.String),
            pl.Series("__detail", texts, dtype=pl.String),
        )
        removed = _with_origin(removed, context)
        return schema.quarantine_rows(
            removed, stage=stage, reason=pl.col("__reason"), detail=pl.col("__detail")
        ).select(schema.QUARANTINE.names())


def _rebuild_gatekeeper(settings: Settings, today: dt.date) -> Gatekeeper:
    return Gatekeeper(settings, today=today)


def _with_origin(removed: pl.DataFrame, context: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """bundle_id/source_path for quarantine rows: the row's own, its article's, else null."""
    if {"bundle_id", "source_path"} <= set(removed.columns):
        return removed
    articles = context.get("articles")
    if (
        "article_id" in removed.columns
        and articles is not None
        and "source_path" in articles.columns
    ):
        origin = articles.select("article_id", "bundle_id", "source_path").unique("article_id")
        return removed.join(origin, on="article_id", how="left", maintain_order="left")
    return removed.with_columns(
        pl.lit(None, pl.String).alias("bundle_id"), pl.lit(None, pl.String).alias("source_path")
    )


def _summarise(result: Any) -> tuple[str, int | None, list[int] | None, str | None]:
    """(observed text, unexpected count, failing row positions or None, error message or None)."""
    info = result.exception_info or {}
    if info.get("raised_exception") or any(
        isinstance(v, dict) and v.get("raised_exception") for v in info.values()
    ):
        message = info.get("exception_message") or next(
            (
                v.get("exception_message")
                for v in info.values()
                if isinstance(v, dict) and v.get("exception_message")
            ),
            "unknown error",
        )
        return f"error: {message}"[:500], None, None, str(message)
    res = result.result or {}
    if "unexpected_count" in res:
        count = int(res["unexpected_count"])
        sample = res.get("partial_unexpected_list") or []
        observed = f"{count} of {res.get('element_count')} unexpected"
        if count:
            distinct = list(dict.fromkeys(_fmt(v) for v in sample))
            observed += ": " + ", ".join(distinct[:_EXAMPLES])
        raw = res.get("unexpected_index_list")
        indices = [int(i) for i in raw] if raw is not None else None
        return observed[:500], count, indices, None
    return str(res.get("observed_value"))[:500], None, None, None


def _fmt(value: Any) -> str:
    """Strings quoted (so blanks show), everything else as str()."""
    return repr(value) if isinstance(value, str) else str(value)


def _to_pandas(values: pl.DataFrame) -> Any:
    """A pandas frame GX can compare: dates stay `datetime.date` objects (GX parses ISO bounds
    to dates, and pandas Timestamps refuse to compare with them)."""
    dates = [name for name, dtype in values.schema.items() if dtype == pl.Date]
    pdf = values.drop(dates).to_pandas()
    for name in dates:
        import pandas as pd

        pdf[name] = pd.Series(values[name].to_list(), dtype=object)
    return pdf[values.columns]


def _ephemeral_context() -> Any:
    """An in-memory GX context: no project folder, no analytics, no progress bars."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
    )
    return gx.get_context(mode="ephemeral", project_config=config)
