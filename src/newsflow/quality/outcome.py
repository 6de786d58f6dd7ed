"""What a gate says: the stages, severities, the dq_results frame, GateFailed and GateOutcome."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import polars as pl

from newsflow import schema

log = logging.getLogger("newsflow.quality")

STAGES = ("ingest", "parse", "dedupe", "actors", "mentions", "events", "load")
SEVERITIES = ("critical", "row")
# GX's own expectation `severity` field, when a suite file sets it, must agree with meta.severity.
GX_SEVERITY = {"critical": "critical", "row": "warning"}
# The row key named in quarantine details, per stage.
ROW_KEYS = {
    "ingest": "source_path",
    "parse": "article_id",
    "dedupe": "article_id",
    "actors": "actor_id",
    "mentions": "mention_id",
    "events": "event_id",
}
ROW = "__gate_row"
DETAIL_CHARS = 240
EXAMPLES = 5

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
PER_ROW = (
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
