"""The run report: its data, its network layout, and its plots drawn by headless Chromium (issue 10)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pytest
from fixtures.analyst.build import build_warehouse

from newsflow import report

RUN_A = "run_20240304_a"  # 6 articles (one duplicate), 6 events touched, one quarantined input
RUN_C = "run_20240307_c"  # the latest run: failed, nothing loaded

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (Debian: apt-get install -y chromium; .ci/run installs it)",
)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    path = build_warehouse(tmp_path_factory.mktemp("report"))
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def test_latest_run_and_unknown_run(con) -> None:
    assert report.latest_run_id(con) == RUN_C
    with pytest.raises(LookupError, match="no run 'run_nope'"):
        report.load_report_data(con, "run_nope")


def test_report_data_is_the_runs_own(con) -> None:
    data = report.load_report_data(con, RUN_A)
    assert data.run["loaded"] == 6 and data.run["status"] == "completed"
    assert data.articles_per_day.rows() == [
        (date(2024, 3, 1), 2, 0),
        (date(2024, 3, 2), 2, 1),
        (date(2024, 3, 3), 1, 0),
    ]
    assert data.articles_per_source.rows() == [
        ("Dawn", 3, 0, 3),
        ("Al Jazeera", 1, 0, 1),
        ("BBC", 0, 1, 1),
        ("Reuters", 1, 0, 1),
    ]
    # by mention (e_01..e_05) or by story (e_10 has no mention but is in the Lahore story)
    assert sorted(data.events["event_id"]) == ["e_01", "e_02", "e_03", "e_04", "e_05", "e_10"]
    run_b = report.load_report_data(con, "run_20240306_b")
    assert sorted(run_b.events["event_id"]) == ["e_06", "e_07", "e_08", "e_09"]  # e_09: no story
    assert data.top_actors.select("name", "num_mentions", "num_events").rows() == [
        ("Pakistan", 5, 4),
        ("Afghanistan", 3, 3),
        ("Jamaat-e-Islami", 3, 3),
        ("Shehbaz Sharif", 2, 1),
        ("Punjab Police", 1, 1),
    ]
    assert data.story_sizes.select("story_id", "num_articles", "num_sources").rows() == [
        ("st_border_talks", 4, 4),
        ("st_lahore_fuel", 2, 1),
    ]
    assert data.dq_pass_rates.select("stage", "num_checks", "num_failed").rows() == [
        ("ingest", 2, 0),
        ("parse", 3, 1),
    ]
    assert data.quarantine_reasons.rows() == [("ingest", "binary file", 1)]


def test_network_frames_and_layout(con) -> None:
    nodes, edges = report.network_frames(report.load_report_data(con, RUN_A).events)
    assert nodes.select("name", "num_events").rows() == [
        ("Afghanistan", 3),  # ties in order of actor_id
        ("Pakistan", 3),
        ("Jamaat-e-Islami", 2),
        ("Punjab Police", 1),
        ("Shehbaz Sharif", 1),
    ]
    assert edges.select("source_name", "target_name", "num_events", "event_types").rows() == [
        ("Afghanistan", "Pakistan", 2, "AGREE, CONSULT"),
        ("Afghanistan", "Shehbaz Sharif", 1, "CONSULT"),
        ("Jamaat-e-Islami", "Pakistan", 1, "PROTEST"),
        ("Punjab Police", "Jamaat-e-Islami", 1, "ASSAULT"),
    ]
    pairs = np.array([[0, 1], [1, 2], [2, 3]])
    pos = report.spring_layout(5, pairs, np.ones(3))
    assert (
        pos.shape == (5, 2) and np.isfinite(pos).all() and np.abs(pos).max() == pytest.approx(1.0)
    )
    assert np.array_equal(pos, report.spring_layout(5, pairs, np.ones(3)))  # deterministic
    distance = np.linalg.norm(pos[:, None] - pos[None, :], axis=-1)
    linked = [distance[a, b] for a, b in pairs]
    assert max(linked) < distance[0, 3]  # linked actors sit closer than the chain's ends
    assert np.delete(distance[4], 4).min() > 0.1  # the unlinked actor sits on no other node


def _render(html_file: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            "--virtual-time-budget=10000",
            *extra,
            html_file.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )


def _plot_segments(dom: str) -> dict[str, str]:
    """The rendered DOM of each plot div, by plot id."""
    starts = [
        (m.start(), m.group(1))
        for m in re.finditer(r'<div id="([a-z-]+)" class="plotly-graph-div', dom)
    ]
    ends = [s for s, _ in starts[1:]] + [len(dom)]
    return {plot_id: dom[start:end] for (start, plot_id), end in zip(starts, ends, strict=True)}


def _assert_self_contained(page: str) -> None:
    assert re.search(r"<script[^>]*\bsrc=", page) is None  # plotly.js is inlined, no CDN
    assert re.search(r"<link[^>]*\bhref=", page) is None


@needs_chromium
def test_report_renders_every_plot_in_headless_chromium(con, tmp_path: Path) -> None:
    out = report.write_report(con, RUN_A, tmp_path / "reports" / RUN_A / "report.html")
    page = out.read_text(encoding="utf-8")
    _assert_self_contained(page)
    dom = _render(out, tmp_path, "--dump-dom").stdout
    segments = _plot_segments(dom)
    assert list(segments) == [plot_id for plot_id, _ in report.PLOTS]
    assert dom.count('class="plot-container plotly"') == len(report.PLOTS)
    for plot_id, segment in segments.items():
        assert 'class="main-svg"' in segment, f"{plot_id} drew no SVG"
        # every plot of this run has data: bars or scatter traces were drawn, not a "no data" note
        assert re.search(r'class="trace (bars|scatter)\b', segment), f"{plot_id} drew no trace"
        assert _annotation_text(segment) == "", f"{plot_id} drew a no-data note"
    # the actor network drew its five actors as text labels
    for name in ("Pakistan", "Afghanistan", "Jamaat-e-Islami", "Punjab Police", "Shehbaz Sharif"):
        assert name in segments["actor-network"]
    screenshot = tmp_path / "report.png"
    _render(
        out, tmp_path, "--hide-scrollbars", "--window-size=1400,4200", f"--screenshot={screenshot}"
    )
    assert (
        screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 20_000
    )


def _annotation_text(segment: str) -> str:
    return " ".join(re.findall(r'class="annotation-text[^"]*"[^>]*>([^<]*)<', segment))


@needs_chromium
def test_report_of_a_run_without_data_still_draws_every_plot(con, tmp_path: Path) -> None:
    out = report.write_report(con, RUN_C, tmp_path / "empty.html")
    dom = _render(out, tmp_path, "--dump-dom").stdout
    segments = _plot_segments(dom)
    assert len(segments) == len(report.PLOTS)
    assert all('class="main-svg"' in s for s in segments.values())
    # the failed run has gate results but nothing else: the other plots say so
    assert re.search(r'class="trace bars"', segments["dq-pass-rates"])
    assert "no articles loaded in this run" in _annotation_text(segments["articles-per-day"])
    assert "nothing quarantined in this run" in _annotation_text(segments["quarantine-reasons"])


def test_report_links_the_quality_gate_report_beside_it(con, tmp_path: Path) -> None:
    out = tmp_path / RUN_A / "report.html"
    assert 'href="dq.html"' not in report.write_report(con, RUN_A, out).read_text(encoding="utf-8")
    (out.parent / "dq.html").write_text("<html></html>", encoding="utf-8")
    assert 'href="dq.html"' in report.write_report(con, RUN_A, out).read_text(encoding="utf-8")
