"""Prefect's temporary server, started at the flow process's first moment (issue 24).

Without `PREFECT_API_URL`, Prefect starts a temporary API server (`SubprocessASGIServer`) at
the flow's first call: a process of its own that imports Prefect's server and sets up its
database, about 10 s that a one-off `newsflow run` used to wait for after its own imports.
`spawn` starts that same server process (the command Prefect 3.8 runs for it) before the flow
process imports anything, so that its start-up runs beside those imports; `adopt` then hands
the process to Prefect's own server object, whose `start` waits for it to answer exactly as it
waits for one it started, and stops it at exit as its own. When Prefect would start no
temporary server (a profile names an API, the ephemeral mode is off), `adopt` stops the early
one and Prefect does what it does anyway. Nothing here changes what the flow runs against.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# What Prefect's `SubprocessASGIServer._run_uvicorn_command` sets for its server process.
SERVER_ENV = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
}


@dataclass
class EarlyServer:
    port: int
    process: subprocess.Popen[Any]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def server_command(port: int) -> list[str]:
    """Prefect's own command line for its temporary server (prefect/server/api/server.py)."""
    spec = importlib.util.find_spec("prefect")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("prefect")
    app_dir = Path(spec.origin).parent.parent  # prefect.__module_path__.parent
    return [
        sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir),
        "--factory", "prefect.server.api.server:create_app",
        "--host", "127.0.0.1", "--port", str(port),
        "--log-level", "error", "--lifespan", "on",
    ]  # fmt: skip


def spawn(environ: Mapping[str, str] = os.environ) -> EarlyServer | None:
    """Start a temporary server now, unless the environment names a Prefect API."""
    if environ.get("PREFECT_API_URL"):
        return None
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    process = subprocess.Popen(server_command(port), env={**environ, **SERVER_ENV})
    return EarlyServer(port, process)


def adopt(early: EarlyServer | None) -> bool:
    """Make `early` the temporary server Prefect uses (waiting until it answers, as Prefect
    does); stop it when Prefect would use none. True when adopted."""
    if early is None:
        return False
    from prefect.server.api.server import SubprocessASGIServer  # noqa: PLC0415 - Prefect: slow
    from prefect.settings import (  # noqa: PLC0415
        PREFECT_API_URL,
        PREFECT_SERVER_EPHEMERAL_ENABLED,
    )

    server = SubprocessASGIServer()
    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value() or server.running:
        early.stop()
        return False
    spawn_own = server._run_uvicorn_command  # used again if the port was taken
    handed = [early.process]

    def command() -> subprocess.Popen[Any]:
        # the early process first; Prefect spawns its own only if that one exits with 3
        # (its port taken), as it would for its own
        return handed.pop() if handed else spawn_own()

    server._run_uvicorn_command = command  # type: ignore[method-assign]
    server.port = early.port
    server.start()  # Prefect's own wait for /health, its timeout and errors, its atexit stop
    return True
