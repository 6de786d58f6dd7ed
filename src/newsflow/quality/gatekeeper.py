"""Gatekeeper: runs each stage's suite on a batch; Great Expectations answers through a
validator (`quality.validator`), here or in a process of its own (`quality.worker`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

import polars as pl

from newsflow import schema
from newsflow.quality.derived import DERIVED_COLUMNS, DerivedFn, suite_derived
from newsflow.quality.outcome import (
    DETAIL_CHARS,
    DQ_RESULTS,
    EXAMPLES,
    PER_ROW,
    ROW,
    ROW_KEYS,
    STAGES,
    GateFailed,
    GateOutcome,
    log,
)
from newsflow.quality.suites import columns_of, expectation_name, load_suite_specs
from newsflow.quality.validator import (
    Result,
    SuiteValidator,
    fmt,
    prepared_suite,
    prepared_suites,
)
from newsflow.settings import Settings


class Validator(Protocol):
    """Who runs the suites through GX: `SuiteValidator` here, `worker.GateProcess` there."""

    today: dt.date

    def validate(self, stage: str, values: pl.DataFrame) -> list[Result]: ...

    def release(self, abort: bool = False) -> None: ...


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


class Gatekeeper:
    """The rules of every stage's suite, and the validator that runs them; build once per run.

    `validator`: where GX runs (a `worker.GateProcess` in a run); by default a `SuiteValidator`
    built here, for `today` (the date the suites' placeholders resolve against)."""

    def __init__(
        self,
        settings: Settings,
        *,
        today: dt.date | None = None,
        validator: Validator | None = None,
    ) -> None:
        self.settings = settings
        if validator is not None:
            today = validator.today
        self.today = today or dt.datetime.now(dt.UTC).date()
        try:
            specs = load_suite_specs(settings.expectations_dir)
            missing = [stage for stage in STAGES if stage not in specs]
            if missing:
                raise ValueError(f"no suite for stage(s) {missing} in {settings.expectations_dir}")
            self._stages = {stage: self._build(specs[stage]) for stage in STAGES}
        except BaseException:
            if validator is not None:  # handed over to this gatekeeper: stopped with it
                validator.release(abort=True)
            raise
        self._validator = validator or SuiteValidator(
            prepared_suites(settings, self.today), self.today
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # A GX context does not pickle; a worker process (Dask) rebuilds the gatekeeper from
        # the same settings and date instead.
        return (_rebuild_gatekeeper, (self.settings, self.today))

    def _build(self, spec: dict) -> _StageSuite:
        prepared = prepared_suite(spec, self.settings, self.today)
        rules = [
            _Rule(
                expectation_name(exp),
                exp["type"],
                exp["meta"]["severity"],
                columns_of(exp["kwargs"]),
            )
            for exp in prepared["expectations"]
        ]
        columns = list(dict.fromkeys(c for rule in rules for c in rule.columns))
        return _StageSuite(prepared["name"], rules, columns, suite_derived(spec))

    def close(self, abort: bool = False) -> None:
        """The run is done with its validator (`abort`: it failed or was interrupted)."""
        self._validator.release(abort)

    def check(
        self, stage: str, frame: pl.DataFrame, *, context: dict[str, pl.DataFrame] | None = None
    ) -> GateOutcome:
        """Validate one batch of `stage`; raise GateFailed on a critical failure."""
        if stage not in self._stages:
            raise ValueError(f"unknown gate stage {stage!r}; known: {STAGES}")
        suite = self._stages[stage]
        context = context or {}
        frame = frame.with_row_index(ROW)
        values, details = self._derive(suite, frame, context)
        missing = [c for c in suite.columns if c not in values.columns]
        if missing:
            raise ValueError(
                f"gate {stage!r}: columns {missing} are neither in the frame nor derived"
            )
        if frame.height == 0 and all(rule.type.startswith(PER_ROW) for rule in suite.rules):
            # per-row expectations hold over no rows: what GX reports, without its ~0.3 s per
            # suite (a rerun's batches are empty once its known inputs are skipped)
            outcomes: list[Result] = [(True, ("0 of 0 unexpected", 0, [], None))] * len(suite.rules)
        else:
            outcomes = self._validator.validate(stage, values.select(suite.columns))

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
        bad = pl.Series(ROW, sorted(failing_rows), dtype=pl.UInt32)
        passed = frame.filter(~pl.col(ROW).is_in(bad.implode())).drop(ROW)
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
        key = ROW_KEYS.get(stage)
        if key and key in frame.columns and key not in rule.columns:
            parts.append(f"{key}={frame[key][idx]}")
        for column in rule.columns:
            if column in details:
                parts.append(str(details[column][idx]))
            else:
                parts.append(f"{column}={fmt(values[column][idx])}")
        return ": ".join(parts)[:DETAIL_CHARS]

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
            self._detail(frame, values, details, rule, i, stage) for i in indices[: EXAMPLES * 4]
        ]
        return list(dict.fromkeys(shown))[:EXAMPLES]  # a repeated key shows once

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
        removed = frame.filter(pl.col(ROW).is_in(pl.Series(rows, dtype=pl.UInt32).implode()))
        removed = removed.sort(ROW).with_columns(
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
