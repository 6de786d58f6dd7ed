"""The newsflow Prefect flow: one coarse task per stage per batch, then one load task.

All the work is in `newsflow.pipeline` (plain functions); this module only wraps each step in a
Prefect task (names in the UI, retries) and builds the settings from the flow's parameters.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from prefect import Flow, flow_engine, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from newsflow import nlp_workers, pipeline
from newsflow import settings as settings_mod

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")


_OPTIONS: dict[str, Any] = {"cache_policy": NO_CACHE, "persist_result": False}
_STEPS: dict[str, Callable[..., Any]] = {
    "parse": pipeline.parse_step,
    "dedupe": pipeline.dedupe_step,
    "extract": pipeline.extract_step,
    "events": pipeline.events_step,
}
# typed Any: Prefect's Task generics cannot name one mapping of differently typed steps
TASKS: dict[str, Any] = {name: task(name=name, **_OPTIONS)(fn) for name, fn in _STEPS.items()}
# The load waits for readers holding the warehouse file itself, with backoff, for at most
# `lock_timeout_s` (`newsflow run --timeout`); task retries on top of that wait would multiply
# it (they did: 6 x 60 s). Anything else (bad data, a failed gate) fails at once.
TASKS["load"] = task(name="load", **_OPTIONS)(pipeline.load_step)


# Stateless NLP of a batch; submitted to the flow's task runner (Dask workers) ahead of time.
TASKS["annotate"] = task(name="annotate", retries=1, **_OPTIONS)(nlp_workers.annotate_step)


def as_task(name: str, fn: Callable[..., T], /, *args: Any) -> T:
    """StepCaller that runs each pipeline step as its Prefect task."""
    # quote(): Prefect would otherwise walk every argument (the run context holds models,
    # frames and a set of every known article id) to look for futures, on every call.
    result: T = TASKS[name](*(quote(arg) for arg in args))
    return result


def submit_task(name: str, fn: Callable[..., Any], /, *args: Any) -> Any:
    """StepSubmitter: start the step's task on the flow's task runner; return its future."""
    # Not quote()d: a quoted argument reaches a Dask worker still wrapped (seen here); these
    # arguments are a list of bodies and a model name, cheap for Prefect to walk.
    return TASKS[name].submit(*args)


def _plain_json(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain_json(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain_json(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))


class _JsonParametersFlow(Flow[P, R]):
    """A flow whose parameters are JSON already (`Settings.to_params`, a path as str): they are
    stored as they are. Prefect's own serialisation imports FastAPI's encoder for them, ~0.2 s
    of the flow process's CPU before its first document (issue 24)."""

    def serialize_parameters(self, parameters: dict[str, Any]) -> dict[str, Any]:
        if _plain_json(parameters):
            return dict(parameters)
        return super().serialize_parameters(parameters)

    def with_options(self, **options: Any) -> Flow[P, R]:
        """Prefect builds a plain `Flow` here; keep this class (it holds no state of its own),
        so the Dask path (`with_options(task_runner=...)`) skips FastAPI too."""
        flow_ = super().with_options(**options)
        flow_.__class__ = _JsonParametersFlow
        return flow_


def _json_flow(fn: Callable[P, R]) -> Flow[P, R]:
    return _JsonParametersFlow(fn, name="newsflow-ingest", persist_result=False, log_prints=False)


@_json_flow
def ingest_bundle(
    bundle: str,
    settings: dict[str, Any] | None = None,
    wait_seconds: float = 0.0,
    run_id: str | None = None,
) -> dict[str, Any]:
    """Ingest one bundle into the warehouse; return the run's accounting.

    `settings` is `Settings.to_params()` of the settings built once by the caller (CLI,
    deployment); None builds them from the environment here. `run_id` is the id `newsflow
    run` chose and recorded before starting Prefect (None: a new one)."""
    resolved = (
        settings_mod.Settings.from_params(settings)
        if settings is not None
        else settings_mod.from_env()
    )
    flow_run_id = flow_run.get_id()
    return pipeline.run_bundle(
        Path(bundle),
        resolved,
        call=as_task,
        submit=submit_task if resolved.task_runner == "dask" else None,
        flow_run_id=str(flow_run_id) if flow_run_id else None,
        wait_seconds=wait_seconds,
        run_id=run_id,
    )


def run_flow(
    bundle: Path,
    settings: settings_mod.Settings,
    wait_seconds: float = 0.0,
    run_id: str | None = None,
) -> dict[str, Any]:
    """Run `ingest_bundle` with the task runner the settings ask for (default or Dask)."""
    flow_ = ingest_bundle
    if settings.task_runner == "dask":
        from prefect_dask import DaskTaskRunner  # noqa: PLC0415 - only when asked for

        runner: Any  # prefect-dask's runner is not typed as Prefect's TaskRunner
        if settings.dask_address:
            runner = DaskTaskRunner(address=settings.dask_address)
        else:  # a LocalCluster of worker processes, one thread each (spaCy is CPU-bound)
            runner = DaskTaskRunner(
                cluster_kwargs={
                    "n_workers": max(1, (os.cpu_count() or 2) - 1),
                    "threads_per_worker": 1,
                }
            )
        flow_ = ingest_bundle.with_options(task_runner=runner)
    elif settings.task_runner != "default":
        raise ValueError(f"unknown task runner {settings.task_runner!r}: use 'default' or 'dask'")
    with heartbeats_not_waited_for():
        return flow_(
            str(bundle), settings=settings.to_params(), wait_seconds=wait_seconds, run_id=run_id
        )


@contextmanager
def heartbeats_not_waited_for() -> Iterator[None]:
    """Flow runs started meanwhile send their heartbeats as ever, but their end does not wait
    for the heartbeat thread. Prefect's sync engine joins that thread when the flow run ends,
    and the thread sleeps in whole seconds between checks of its stop flag: every run waited
    0-1 s for it after its last task (0.5 s of the seeds' ~7 s, measured with py-spy). The
    thread is a daemon that stops at its next check; Prefect's own async engine does not join
    it either (`join_on_exit=False`), which is the option used here."""
    original = flow_engine._send_heartbeats

    @contextmanager
    def unjoined(engine: Any, join_on_exit: bool = True) -> Iterator[None]:
        with original(engine, join_on_exit=False):
            yield

    flow_engine._send_heartbeats = unjoined
    try:
        yield
    finally:
        flow_engine._send_heartbeats = original
