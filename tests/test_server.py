"""A real Prefect server, a served deployment, a triggered run (issue 9).

The test starts `prefect server start` on 127.0.0.1 on a free port and `newsflow serve` against
it, drops the example bundle into the inbox, triggers the deployment through the REST API,
waits for Completed and checks the warehouse and the inbox.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest

EXAMPLE_BUNDLE = Path(__file__).resolve().parents[1] / "examples" / "bundle"

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(predicate, timeout: float, what: str, procs=()):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for proc in procs:
            if proc.poll() is not None:
                raise AssertionError(
                    f"{proc.args[:3]} exited with {proc.returncode} while waiting for {what}"
                )
        value = predicate()
        if value:
            return value
        time.sleep(1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.mark.timeout(600)
def test_served_deployment_processes_the_inbox(tmp_path):
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "NEWSFLOW_GATES": "0",
    }
    logs = tmp_path / "logs"
    logs.mkdir()
    server = subprocess.Popen(
        [
            str(BIN / "prefect"),
            "server",
            "start",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--analytics-off",
        ],
        env=env,
        stdout=(logs / "server.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    served = None
    try:

        def healthy() -> bool:
            try:
                return httpx.get(f"{api}/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        _wait_for(healthy, 180, "the Prefect server", [server])

        inbox = tmp_path / "inbox"
        inbox.mkdir()
        shutil.copytree(EXAMPLE_BUNDLE, inbox / "example")
        (inbox / "example.ready").touch()
        warehouse = tmp_path / "w.duckdb"
        served = subprocess.Popen(
            [
                str(BIN / "newsflow"),
                "serve",
                str(inbox),
                "--warehouse",
                str(warehouse),
                "--cron",
                "0 0 1 1 *",
                "--settle-seconds",
                "3600",
            ],
            env=env,
            stdout=(logs / "serve.log").open("w"),
            stderr=subprocess.STDOUT,
        )

        def deployment_id() -> str | None:
            try:
                r = httpx.get(f"{api}/deployments/name/newsflow-inbox/newsflow-inbox", timeout=10)
            except httpx.HTTPError:
                return None
            return r.json()["id"] if r.status_code == 200 else None

        dep = _wait_for(deployment_id, 180, "the served deployment", [server, served])
        answers: list[str] = []

        def created_run() -> str | None:
            # A busy server's SQLite can refuse a write for a moment (a 5xx): ask again rather
            # than read an error body as a flow run, and keep what it said for the failure.
            # A request that timed out may still have created its run: the idempotency key makes
            # the server answer a repeat with that run instead of a second one.
            try:
                r = httpx.post(
                    f"{api}/deployments/{dep}/create_flow_run",
                    json={"idempotency_key": "test-served-deployment"},
                    timeout=30,
                )
            except httpx.HTTPError as exc:
                answers.append(repr(exc))
                return None
            if r.status_code in (200, 201):
                return r.json()["id"]
            answers.append(f"{r.status_code}: {r.text[:300]}")
            return None

        try:
            run_id = _wait_for(created_run, 120, "the server to create a flow run", [server])
        except AssertionError as exc:
            server_log = (logs / "server.log").read_text()[-3000:]
            raise AssertionError(f"{exc}; answers {answers[-3:]}\n{server_log}") from exc

        def final_state() -> str | None:
            try:
                r = httpx.get(f"{api}/flow_runs/{run_id}", timeout=10)
            except httpx.HTTPError:
                return None
            if r.status_code != 200:
                return None
            state = r.json()["state"]["type"]
            return state if state in {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"} else None

        state = _wait_for(final_state, 400, "the flow run to finish", [server, served])
        assert state == "COMPLETED", (logs / "serve.log").read_text()[-3000:]
    finally:
        if served is not None:
            _stop(served)
        _stop(server)

    with duckdb.connect(str(warehouse), read_only=True) as con:
        articles = con.execute("select count(*) from articles").fetchone()[0]
        runs = con.execute("select status, flow_run_id from runs").fetchall()
    assert articles == 4  # 5 files: one empty file is quarantined
    assert len(runs) == 1 and runs[0][0] == "completed" and runs[0][1]
    assert (inbox / "done" / "example").is_dir() and not (inbox / "example").exists()
    assert not (inbox / "example.ready").exists()
