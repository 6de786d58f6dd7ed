"""The installed `newsflow` command works from a wheel, flows, SQL and suites included (issue 3)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.timeout(600)
def test_wheel_installs_a_working_newsflow(tmp_path):
    uv = shutil.which("uv")
    assert uv, "uv is on the PATH wherever ./dev or .ci/run ran"
    subprocess.run(
        [uv, "build", "--wheel", "-q", "-o", str(tmp_path / "dist")], cwd=REPO, check=True
    )
    (wheel,) = (tmp_path / "dist").glob("newsflow-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([uv, "venv", "-q", "-p", sys.executable, str(venv)], check=True)
    # the locked versions, as a user installing from our lock would get them
    pins = tmp_path / "requirements.txt"
    subprocess.run(
        [
            uv,
            "export",
            "--frozen",
            "--no-dev",
            "--no-emit-project",
            "--no-hashes",
            "-q",
            "-o",
            str(pins),
        ],
        cwd=REPO,
        check=True,
    )
    subprocess.run(
        [
            uv,
            "pip",
            "install",
            "-q",
            "--python",
            str(venv / "bin" / "python"),
            "-r",
            str(pins),
            str(wheel),
        ],
        check=True,
    )
    newsflow = venv / "bin" / "newsflow"
    warehouse = tmp_path / "w.duckdb"
    init = subprocess.run(
        [str(newsflow), "init", "-w", str(warehouse)], cwd=tmp_path, capture_output=True, text=True
    )
    assert init.returncode == 0, init.stderr
    assert "001_core_tables.sql" in init.stdout
    check = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "from newsflow import resources; from newsflow.flows.pipeline import ingest_bundle; "
            "import json; print(json.dumps(sorted(p.name for p in resources.path('expectations').glob('*.json'))))",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    assert "parse.json" in check.stdout and "events.json" in check.stdout
    assert (
        "site-packages"
        in subprocess.run(
            [str(venv / "bin" / "python"), "-c", "import newsflow; print(newsflow.__file__)"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        ).stdout
    )
