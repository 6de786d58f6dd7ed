"""Failpoints for crash-safety tests: `NEWSFLOW_KILL_AT=<point>` SIGKILLs the process there;
`NEWSFLOW_PAUSE_AT=<point>` stops it there until a signal comes (interrupt tests).

Named points mark the places where a crash must leave the warehouse consistent:
  started      the run holds the warehouse and its runs row says `running`; nothing read yet
  ingested     after a batch is ingested and parsed
  extracted    after a batch's actors and mentions are extracted
  annotating   in an NLP worker process, before it annotates a batch (nlp_workers >= 1)
  staged       after the whole run is staged, before the load opens the warehouse
  loading      inside the load transaction, after every insert, before the commit
  committed    after the commit, before staging is cleaned and the report written
A paused process first creates the file `NEWSFLOW_PAUSE_FILE` (holding its pid), so a test
knows it is there, then sleeps until the test deletes the file (the run goes on) or a signal's
handler ends the sleep.
Unset (the normal case), `checkpoint` is two dictionary lookups and nothing else.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

POINTS = (
    "started",
    "ingested",
    "extracted",
    "annotating",
    "staged",
    "loading",
    "committed",
)


def checkpoint(point: str) -> None:
    """Kill this process with SIGKILL, or pause it, if the failpoint `point` is armed."""
    if os.environ.get("NEWSFLOW_KILL_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get("NEWSFLOW_PAUSE_AT") == point:
        marker = Path(os.environ["NEWSFLOW_PAUSE_FILE"])
        marker.write_text(str(os.getpid()), encoding="utf-8")
        deadline = time.monotonic() + 600  # a test that forgets its signal still ends
        while time.monotonic() < deadline and marker.exists():
            time.sleep(0.05)
