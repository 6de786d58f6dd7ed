"""Gatekeeper: runs each stage's suite on a batch through Great Expectations (imported lazily)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

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
from newsflow.quality.suites import (
    columns_of,
    expectation_name,
    load_suite_specs,
    resolve_placeholders,
)
from newsflow.settings import Settings


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
        import great_expectations as gx  # noqa: PLC0415
        from great_expectations.core import ExpectationSuite  # noqa: PLC0415

        resolved = resolve_placeholders(spec, self.settings, self.today)
        rules: list[_Rule] = []
        expectations = []
        for i, exp in enumerate(resolved["expectations"]):
            meta = dict(exp.get("meta") or {})
            rules.append(
                _Rule(
                    expectation_name(exp), exp["type"], meta["severity"], columns_of(exp["kwargs"])
                )
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
            resolved["name"], rules, columns, suite_derived(spec), validation, batch, expectations
        )

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
            outcomes: list[tuple[bool, tuple[str, int | None, list[int] | None, str | None]]]
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
            import great_expectations as gx  # noqa: PLC0415
            from great_expectations.core import ExpectationSuite  # noqa: PLC0415

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
        key = ROW_KEYS.get(stage)
        if key and key in frame.columns and key not in rule.columns:
            parts.append(f"{key}={frame[key][idx]}")
        for column in rule.columns:
            if column in details:
                parts.append(str(details[column][idx]))
            else:
                parts.append(f"{column}={_fmt(values[column][idx])}")
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
            observed += ": " + ", ".join(distinct[:EXAMPLES])
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
        import pandas as pd  # noqa: PLC0415 - GX costs seconds to import: only when a gate runs

        pdf[name] = pd.Series(values[name].to_list(), dtype=object)
    return pdf[values.columns]


def _ephemeral_context() -> Any:
    """An in-memory GX context: no project folder, no analytics, no progress bars."""
    import great_expectations as gx  # noqa: PLC0415
    from great_expectations.data_context.types.base import (  # noqa: PLC0415
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
