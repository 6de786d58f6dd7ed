"""The per-run validation report: one self-contained HTML page (no scripts, no CDN).

Written to `<settings.reports_path>/<run_id>/dq.html`; `settings.reports_path` defaults to
`<warehouse dir>/reports`.
"""

from __future__ import annotations

import html
from pathlib import Path

import polars as pl

_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}.ok{color:#176b2c}.bad{color:#a0161b;font-weight:600}
.row{color:#8a5a00}td.num{text-align:right}code{font-size:90%}
"""
_MAX_QUARANTINE_ROWS = 500


def _esc(value: object) -> str:
    return "" if value is None else html.escape(str(value))


def _table(frame: pl.DataFrame, numeric: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    if frame.height == 0:
        return "<p>None.</p>"
    head = "".join(f"<th>{_esc(c)}</th>" for c in frame.columns)
    body = []
    for row in frame.iter_rows(named=True):
        cells = []
        for column, value in row.items():
            css = ' class="num"' if column in numeric else ""
            if column == "status":
                css = ' class="ok"' if value == "passed" else ' class="bad"'
            cells.append(f"<td{css}>{_esc(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def write_report(
    dq_results: pl.DataFrame, quarantine: pl.DataFrame, out_dir: Path, run_id: str
) -> Path:
    """Write `<out_dir>/<run_id>/dq.html` summarising every expectation result and quarantined row."""
    target = Path(out_dir) / run_id / "dq.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    failed_checks = dq_results.filter(~pl.col("success")).height if dq_results.height else 0

    by_expectation = (
        dq_results.group_by("stage", "expectation", "severity", maintain_order=True)
        .agg(
            pl.len().alias("batches"),
            (~pl.col("success")).sum().alias("failed_batches"),
            pl.col("unexpected_count").sum().alias("unexpected_rows"),
            pl.col("observed").filter(~pl.col("success")).first().alias("first_failure"),
        )
        .with_columns(
            pl.when(pl.col("failed_batches") == 0)
            .then(pl.lit("passed"))
            .otherwise(pl.lit("failed"))
            .alias("status")
        )
        .select(
            "stage",
            "expectation",
            "severity",
            "status",
            "batches",
            "failed_batches",
            "unexpected_rows",
            "first_failure",
        )
        if dq_results.height
        else pl.DataFrame()
    )
    by_reason = (
        quarantine.group_by("stage", "reason", maintain_order=True)
        .agg(pl.len().alias("rows"), pl.col("detail").first().alias("example"))
        .sort("rows", descending=True)
        if quarantine.height
        else pl.DataFrame()
    )
    shown = quarantine.select(
        [
            c
            for c in ("stage", "reason", "bundle_id", "source_path", "detail")
            if c in quarantine.columns
        ]
    ).head(_MAX_QUARANTINE_ROWS)
    verdict = (
        '<span class="ok">all expectations passed</span>'
        if failed_checks == 0
        else f'<span class="bad">{failed_checks} failed expectation results</span>'
    )
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newsflow data quality: {_esc(run_id)}</title>
<style>{_STYLE}</style></head><body>
<h1>Data quality report</h1>
<p>Run <code>{_esc(run_id)}</code>: {dq_results.height} expectation results, {verdict};
{quarantine.height} rows quarantined.</p>
<h2>Expectations</h2>
<p>Severity <b>critical</b> stops the run; <b>row</b> moves failing rows to quarantine.</p>
{_table(by_expectation, {"batches", "failed_batches", "unexpected_rows"})}
<h2>Quarantine by reason</h2>
{_table(by_reason, {"rows"})}
<h2>Quarantined rows{f" (first {_MAX_QUARANTINE_ROWS})" if quarantine.height > _MAX_QUARANTINE_ROWS else ""}</h2>
{_table(shown)}
</body></html>
"""
    target.write_text(page, encoding="utf-8")
    return target
