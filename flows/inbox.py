"""Scheduled deployment: process every ready bundle in an inbox folder, once each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger

from newsflow import inbox
from newsflow import settings as settings_mod
from newsflow.flows.pipeline import ingest_bundle


@flow(name="newsflow-inbox", persist_result=False, log_prints=False)
def process_inbox(
    inbox_dir: str,
    warehouse: str | None = None,
    batch_size: int | None = None,
    settle_seconds: float = 60.0,
    wait_seconds: float = 600.0,
) -> list[dict[str, Any]]:
    """Ingest each ready bundle of `inbox_dir` (a sub-flow run each), then file it away."""
    logger = get_run_logger()
    layout = inbox.InboxLayout(Path(inbox_dir))
    settings = settings_mod.from_env(
        warehouse=Path(warehouse) if warehouse else None, batch_size=batch_size
    )
    outcomes: list[dict[str, Any]] = []
    for bundle in inbox.ready_bundles(layout.root, settle_seconds):
        try:
            summary = ingest_bundle(
                str(bundle), settings=settings.to_params(), wait_seconds=wait_seconds
            )
        except Exception as exc:  # noqa: BLE001 - one bad bundle must not stop the others
            moved = inbox.file_away(
                bundle, layout, failed=True, error=f"{type(exc).__name__}: {exc}"
            )
            logger.error("bundle %s failed: %s (moved to %s)", bundle.name, exc, moved)
            outcomes.append({"bundle": bundle.name, "status": "failed", "error": str(exc)})
            continue
        moved = inbox.file_away(bundle, layout, failed=False)
        logger.info(
            "bundle %s loaded %s articles (moved to %s)", bundle.name, summary["loaded"], moved
        )
        outcomes.append({"bundle": bundle.name, "status": "completed", **summary})
    return outcomes
