"""One bundle's first run and its rerun in this process, with peak memory by phase (issue 11).

    python -m bench.scale_child BUNDLE WAREHOUSE N_PROCESS

Run by `python -m bench --scale-only` in a child process so the peaks are the run's own. Prints
one JSON line: both runs' times and summaries, the peak RSS of this process and of the NLP
worker processes (from getrusage), and, sampled every 0.2 s, the peak RSS of this process and of
this process plus its children in each phase of the first run: `start` (models and warehouse
state), `batches` (streaming the bundle) and `load` (the one load transaction and the report).
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import threading
import time
from pathlib import Path

import psutil

from newsflow import pipeline, settings


class PhaseMemory(logging.Handler):
    """Peak RSS per phase of a run, the phase read off newsflow's own log lines."""

    def __init__(self, interval_s: float = 0.2) -> None:
        super().__init__(logging.INFO)
        self.phase = "start"
        self.peaks: dict[str, dict[str, float]] = {}
        self._interval = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("batch "):
            self.phase = "batches"
        elif message == "loading":
            self.phase = "load"

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            try:
                own = me.memory_info().rss
                children = sum(c.memory_info().rss for c in me.children(recursive=True))
            except psutil.Error:  # a worker exiting mid-read: sample again next tick
                self._stop.wait(self._interval)
                continue
            peak = self.peaks.setdefault(self.phase, {"flow_mb": 0.0, "with_workers_mb": 0.0})
            peak["flow_mb"] = max(peak["flow_mb"], own / 2**20)
            peak["with_workers_mb"] = max(peak["with_workers_mb"], (own + children) / 2**20)
            self._stop.wait(self._interval)

    def __enter__(self) -> PhaseMemory:
        logger = logging.getLogger("newsflow")
        logger.addHandler(self)
        logger.setLevel(min(logger.level or logging.INFO, logging.INFO))
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        logging.getLogger("newsflow").removeHandler(self)


def main() -> None:
    bundle, warehouse, n_process = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    cfg = settings.from_env(warehouse=warehouse, n_process=n_process)
    start = time.perf_counter()
    with PhaseMemory() as memory:
        first = pipeline.run_bundle(bundle, cfg)
    middle = time.perf_counter()
    rerun = pipeline.run_bundle(bundle, cfg)
    end = time.perf_counter()
    measured = {
        "first_seconds": middle - start,
        "rerun_seconds": end - middle,
        "first": first,
        "rerun": rerun,
        "rerun_loaded": rerun["loaded"],
        "rerun_already_loaded": rerun["already_loaded"],
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_rss_mb_nlp_workers": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "first_run_peak_rss_by_phase_mb": {
            phase: {k: round(v, 1) for k, v in peak.items()} for phase, peak in memory.peaks.items()
        },
    }
    print(json.dumps(measured, default=str))


if __name__ == "__main__":
    main()
