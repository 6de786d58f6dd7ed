"""Failpoints for crash-safety tests: `NEWSFLOW_KILL_AT=<point>` SIGKILLs the process there.

Named points mark the places where a crash must leave the warehouse consistent:
  ingested     after a batch is ingested and parsed
  extracted    after a batch's actors and mentions are extracted
  annotating   in an NLP worker process, before it annotates a batch (nlp_workers >= 1)
  staged       after the whole run is staged, before the load opens the warehouse
  loading      inside the load transaction, after every insert, before the commit
  committed    after the commit, before staging is cleaned and the report written
Unset (the normal case), `checkpoint` is a dictionary lookup and nothing else.
"""

from __future__ import annotations

import os
import signal

POINTS = ("ingested", "extracted", "annotating", "staged", "loading", "committed")


def checkpoint(point: str) -> None:
    """Kill this process with SIGKILL if the failpoint `point` is armed."""
    if os.environ.get("NEWSFLOW_KILL_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
