"""Prefect's temporary server started at the flow process's first moment (`early_server`):
the same process Prefect would start, handed to Prefect's own server object, or stopped when
Prefect would use none. The end-to-end case (a run without PREFECT_API_URL) is in
test_cli_run.py: its log says the early server was used, and Ctrl-C leaves none behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from newsflow import early_server

pytestmark = pytest.mark.slow

PROBE = """
import json, sys
import httpx
from newsflow import early_server
early = early_server.spawn()
adopted = early_server.adopt(early)
answer = {"adopted": adopted, "early_port": early.port}
if adopted:  # the client a flow run gets, and the server object Prefect stops at exit
    from prefect.client.orchestration import get_client
    from prefect.server.api.server import SubprocessASGIServer
    answer["client_url"] = str(get_client(sync_client=True).api_url)
    answer["server_port"] = SubprocessASGIServer().port
    answer["health"] = httpx.get(f"http://127.0.0.1:{early.port}/api/health").status_code
answer["early_alive"] = early.process.poll() is None
print(json.dumps(answer))
"""


def _probe(tmp_path, **env: str) -> dict:
    environ = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    environ |= {"PREFECT_HOME": str(tmp_path / "prefect"), **env}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=environ, capture_output=True, text=True, timeout=400
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_no_early_server_when_an_api_is_named():
    assert early_server.spawn({"PREFECT_API_URL": "http://127.0.0.1:4200/api"}) is None


def test_the_early_server_becomes_prefects_temporary_server(tmp_path):
    answer = _probe(tmp_path)
    assert answer["adopted"] and answer["early_alive"]
    assert answer["server_port"] == answer["early_port"]
    assert answer["client_url"].startswith(f"http://127.0.0.1:{answer['early_port']}/api")
    assert answer["health"] == 200


def test_the_early_server_stops_when_prefect_would_use_none(tmp_path):
    answer = _probe(tmp_path, PREFECT_SERVER_EPHEMERAL_ENABLED="false")
    assert not answer["adopted"] and not answer["early_alive"]
