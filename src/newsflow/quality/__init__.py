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

from newsflow.dq_report import write_report
from newsflow.quality.derived import DERIVED_COLUMNS
from newsflow.quality.gatekeeper import Gatekeeper
from newsflow.quality.outcome import DQ_RESULTS, SEVERITIES, STAGES, GateFailed, GateOutcome
from newsflow.quality.suites import load_suite_specs, resolve_placeholders

__all__ = [
    "DERIVED_COLUMNS",
    "DQ_RESULTS",
    "SEVERITIES",
    "STAGES",
    "GateFailed",
    "GateOutcome",
    "Gatekeeper",
    "load_suite_specs",
    "resolve_placeholders",
    "write_report",
]
