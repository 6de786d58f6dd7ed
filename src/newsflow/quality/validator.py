"""Great Expectations behind the gates: each stage's suite built once in an in-memory GX
context, then run over the columns a gate hands over.

`Gatekeeper` decides what a result means (critical, quarantine, dq_results); this module only
asks GX. It is the only one that imports GX, which costs ~5 s: a run builds it in a process
of its own (`quality.worker`), started before Prefect and the models, so that import takes the
second core instead of the flow's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from newsflow.quality.outcome import EXAMPLES, STAGES
from newsflow.quality.suites import load_suite_specs, resolve_placeholders
from newsflow.settings import Settings

# (observed text, unexpected count, failing row positions or None, error message or None)
Summary = tuple[str, int | None, list[int] | None, str | None]
Result = tuple[bool, Summary]


def prepared_suite(spec: dict, settings: Settings, today: dt.date) -> dict:
    """The suite with its placeholders resolved and each expectation's position in
    `meta.gate_index` (to match GX's results back to the gate's rules)."""
    resolved = resolve_placeholders(spec, settings, today)
    expectations = [
        {**exp, "meta": {**(exp.get("meta") or {}), "gate_index": i}}
        for i, exp in enumerate(resolved["expectations"])
    ]
    return {**resolved, "expectations": expectations}


@dataclass
class _Validation:
    definition: Any = field(repr=False)  # gx.ValidationDefinition, built once
    batch: Any = field(repr=False)  # the stage's whole-dataframe batch definition
    expectations: list[dict] = field(repr=False)  # prepared configs, for re-runs of a subset
    # validation definitions over subsets of the suite (the failed ones), built on first need
    subsets: dict[tuple[int, ...], Any] = field(default_factory=dict, repr=False)


def prepared_suites(settings: Settings, today: dt.date) -> dict[str, dict]:
    """Every stage's prepared suite: all a validator is built from (so two validators built
    from equal ones answer alike)."""
    specs = load_suite_specs(settings.expectations_dir)
    return {
        stage: prepared_suite(specs[stage], settings, today) for stage in STAGES if stage in specs
    }


class SuiteValidator:
    """Every stage's suite in one GX context, here in this process."""

    def __init__(self, suites: dict[str, dict], today: dt.date) -> None:
        import great_expectations as gx  # noqa: PLC0415 - seconds: only where gates run

        self.today = today
        self._gx = gx
        self._context = _ephemeral_context()
        self._stages = {stage: self._build(stage, suite) for stage, suite in suites.items()}

    def _build(self, stage: str, suite_spec: dict) -> _Validation:
        from great_expectations.core import ExpectationSuite  # noqa: PLC0415

        suite = self._context.suites.add(
            ExpectationSuite(
                name=suite_spec["name"],
                expectations=suite_spec["expectations"],
                meta=suite_spec.get("meta") or {},
            )
        )
        kept = {int(exp.meta["gate_index"]) for exp in suite.expectations}
        refused = [exp["type"] for i, exp in enumerate(suite_spec["expectations"]) if i not in kept]
        if refused:  # GX logs an expectation it cannot build and leaves it out of the suite
            raise ValueError(
                f"suite {suite_spec['name']!r}: Great Expectations refused {', '.join(refused)} "
                "(unknown type or bad arguments)"
            )
        source = self._context.data_sources.add_pandas(f"{stage}_source")
        batch = source.add_dataframe_asset(f"{stage}_frame").add_batch_definition_whole_dataframe(
            stage
        )
        definition = self._context.validation_definitions.add(
            self._gx.ValidationDefinition(name=f"{stage}_gate", data=batch, suite=suite)
        )
        return _Validation(definition, batch, suite_spec["expectations"])

    def validate(self, stage: str, values: pl.DataFrame) -> list[Result]:
        """(success, summary) per expectation of `stage`, in suite order. GX's cost is mostly
        per-expectation overhead, so a batch is validated once with BASIC results (counts, no
        row indices); only the expectations that failed are re-run with COMPLETE results to
        learn which rows failed."""
        validation = self._stages[stage]
        pdf = _to_pandas(values)
        results = _run(validation.definition, pdf, "BASIC")
        failed = tuple(i for i, r in sorted(results.items()) if not r.success)
        if failed:
            for i, result in _run(self._subset(stage, validation, failed), pdf, "COMPLETE").items():
                results[i] = result
        return [(bool(results[i].success), summarise(results[i])) for i in range(len(results))]

    def _subset(self, stage: str, validation: _Validation, indices: tuple[int, ...]) -> Any:
        if indices not in validation.subsets:
            from great_expectations.core import ExpectationSuite  # noqa: PLC0415

            name = f"{stage}_gate__{'_'.join(map(str, indices))}"
            subset = self._context.suites.add(
                ExpectationSuite(
                    name=name, expectations=[validation.expectations[i] for i in indices]
                )
            )
            validation.subsets[indices] = self._context.validation_definitions.add(
                self._gx.ValidationDefinition(name=name, data=validation.batch, suite=subset)
            )
        return validation.subsets[indices]

    def release(self, abort: bool = False) -> None:
        """Nothing to release here (the gate process's counterpart)."""


def _run(validation: Any, pdf: Any, result_format: str) -> dict[int, Any]:
    run = validation.run(
        batch_parameters={"dataframe": pdf}, result_format={"result_format": result_format}
    )
    return {int(r.expectation_config.meta["gate_index"]): r for r in run.results}


def summarise(result: Any) -> Summary:
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
            distinct = list(dict.fromkeys(fmt(v) for v in sample))
            observed += ": " + ", ".join(distinct[:EXAMPLES])
        raw = res.get("unexpected_index_list")
        indices = [int(i) for i in raw] if raw is not None else None
        return observed[:500], count, indices, None
    return str(res.get("observed_value"))[:500], None, None, None


def fmt(value: Any) -> str:
    """Strings quoted (so blanks show), everything else as str()."""
    return repr(value) if isinstance(value, str) else str(value)


def _to_pandas(values: pl.DataFrame) -> Any:
    """A pandas frame GX can compare: dates stay `datetime.date` objects (GX parses ISO bounds
    to dates, and pandas Timestamps refuse to compare with them)."""
    import pandas as pd  # noqa: PLC0415

    dates = [name for name, dtype in values.schema.items() if dtype == pl.Date]
    pdf = values.drop(dates).to_pandas()
    for name in dates:
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
