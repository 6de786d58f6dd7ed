"""A run at a glance: one self-contained HTML file (plotly inlined, works offline) with plots.

Articles, quarantine and quality gates are the run's own; events, actors and stories are
those the run's articles touched, with their warehouse-wide counts (events merge across runs).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import numpy as np
import plotly.graph_objects as go
import polars as pl

from newsflow import resources

REPORT_NAME = "report.html"
DQ_REPORT_NAME = "dq.html"
PLOT_HEIGHT = 420
NETWORK_MAX_NODES = 40
NETWORK_MAX_EDGES = 60

# (plot id, title) in page order; a plot with no data still draws, with a note saying so.
PLOTS: tuple[tuple[str, str], ...] = (
    ("articles-per-day", "Articles per day"),
    ("articles-per-source", "Articles per source"),
    ("event-types", "Event types over time"),
    ("top-actors", "Top actors"),
    ("actor-network", "Actor network"),
    ("story-sizes", "Story sizes"),
    ("dq-pass-rates", "Quality-gate pass rates"),
    ("quarantine-reasons", "Quarantine reasons"),
)


@dataclass(frozen=True)
class RunReportData:
    """Everything the report shows for one run, as frames."""

    run: dict[str, object]
    articles_per_day: pl.DataFrame
    articles_per_source: pl.DataFrame
    events: pl.DataFrame
    top_actors: pl.DataFrame
    story_sizes: pl.DataFrame
    dq_pass_rates: pl.DataFrame
    quarantine_reasons: pl.DataFrame


def _query(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, object]) -> pl.DataFrame:
    sql = resources.sql(f"report/{name}.sql")
    return con.execute(sql, params).pl()


def latest_run_id(con: duckdb.DuckDBPyConnection) -> str | None:
    """The most recently started run, or None when the warehouse has no runs."""
    row = con.execute(
        "select run_id from runs order by started_at desc, run_id desc limit 1"
    ).fetchone()
    return None if row is None else str(row[0])


def load_report_data(con: duckdb.DuckDBPyConnection, run_id: str) -> RunReportData:
    """Read one run's report frames; LookupError if the warehouse has no such run."""
    params: dict[str, object] = {"run_id": run_id}
    run = _query(con, "run", params)
    if run.is_empty():
        raise LookupError(f"no run {run_id!r} in the warehouse: see `newsflow runs`")
    return RunReportData(
        run=run.row(0, named=True),
        articles_per_day=_query(con, "articles_per_day", params),
        articles_per_source=_query(con, "articles_per_source", params),
        events=_query(con, "run_events", params),
        top_actors=_query(con, "top_actors", params),
        story_sizes=_query(con, "story_sizes", params),
        dq_pass_rates=_query(con, "dq_pass_rates", params),
        quarantine_reasons=_query(con, "quarantine_reasons", params),
    )


def spring_layout(
    num_nodes: int, edges: np.ndarray, weights: np.ndarray, iterations: int = 150
) -> np.ndarray:
    """Fruchterman-Reingold positions in [-1, 1]² for `num_nodes` nodes; `edges` is (m, 2) ints.

    Deterministic: starts from a circle with a fixed tiny jitter; a weak pull to the centre
    keeps components that are not linked to each other close enough to read.
    """
    if num_nodes == 0:
        return np.zeros((0, 2))
    angles = 2 * np.pi * np.arange(num_nodes) / num_nodes
    pos = np.column_stack([np.cos(angles), np.sin(angles)])
    if num_nodes == 1:
        return pos * 0
    pos += np.random.default_rng(0).normal(scale=0.01, size=pos.shape)
    adjacency = np.zeros((num_nodes, num_nodes))
    if len(edges):
        np.add.at(adjacency, (edges[:, 0], edges[:, 1]), weights)
        np.add.at(adjacency, (edges[:, 1], edges[:, 0]), weights)
        adjacency = adjacency / adjacency.max()
    k = 1.0 / np.sqrt(num_nodes)
    gravity = 0.5
    step = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        np.fill_diagonal(distance, 1.0)
        # repulsion k²/d minus attraction d²/k, both along delta/d
        strength = k * k / distance**2 - adjacency * distance / k
        np.fill_diagonal(strength, 0.0)
        # a weak pull to the centre keeps separate components (and lone pairs) in view
        displacement = (delta * strength[..., None]).sum(axis=1) - gravity * pos
        length = np.maximum(np.linalg.norm(displacement, axis=1), 1e-9)
        pos += displacement / length[:, None] * np.minimum(length, step)[:, None]
        step = max(step * 0.97, 0.005)
    pos -= pos.mean(axis=0)
    scale = np.abs(pos).max()
    return pos / scale if scale > 0 else pos


def network_frames(
    events: pl.DataFrame,
    max_nodes: int = NETWORK_MAX_NODES,
    max_edges: int = NETWORK_MAX_EDGES,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Nodes (actor, name, num_events) and edges (source, target, num_events, event_types) of the
    `max_edges` actor pairs in most events, keeping the `max_nodes` busiest of their actors.

    Starting from the strongest pairs (not the busiest actors) keeps every node drawn linked.
    """
    pairs = (
        events.filter(
            pl.col("source_actor_id").is_not_null() & pl.col("target_actor_id").is_not_null()
        )
        .group_by("source_actor_id", "target_actor_id")
        .agg(
            pl.col("source_name").first(),
            pl.col("target_name").first(),
            pl.len().alias("num_events"),
            pl.col("event_type").unique().sort().str.join(", ").alias("event_types"),
        )
        .sort(["num_events", "source_actor_id", "target_actor_id"], descending=[True, False, False])
    )
    # Greedy over pairs, strongest first: take a pair if its actors still fit. A plain loop is
    # fine here: it stops after max_edges pairs and runs once per report, not per row of data.
    chosen: set[str] = set()
    keep: list[bool] = []
    taken = 0
    for source, target in pairs.select("source_actor_id", "target_actor_id").iter_rows():
        take = len(chosen | {source, target}) <= max_nodes
        if take:
            chosen.update((source, target))
            taken += 1
        keep.append(take)
        if taken == max_edges:
            break
    keep += [False] * (pairs.height - len(keep))
    edges = pairs.filter(pl.Series(keep, dtype=pl.Boolean))
    ends = pl.concat(
        [
            edges.select(
                pl.col("source_actor_id").alias("actor_id"),
                pl.col("source_name").alias("name"),
                "num_events",
            ),
            edges.select(
                pl.col("target_actor_id").alias("actor_id"),
                pl.col("target_name").alias("name"),
                "num_events",
            ),
        ]
    )
    nodes = (
        ends.group_by("actor_id")
        .agg(pl.col("name").first(), pl.col("num_events").sum())
        .sort(["num_events", "actor_id"], descending=[True, False])
        .with_row_index("node")
    )
    return nodes, edges.sort(["source_actor_id", "target_actor_id"])


def _empty(fig: go.Figure, note: str) -> go.Figure:
    fig.add_annotation(
        text=note, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font={"size": 16}
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _layout(fig: go.Figure, title: str, **extra: object) -> go.Figure:
    # horizontal bar charts grow with their number of rows so labels stay readable
    rows = max((len(t.y) for t in fig.data if getattr(t, "orientation", None) == "h"), default=0)
    fig.update_layout(
        title={"text": title},
        height=max(PLOT_HEIGHT, 150 + 24 * rows),
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
        template="plotly_white",
        legend={"orientation": "h", "y": -0.2, "traceorder": "normal"},
        **extra,
    )
    fig.update_yaxes(automargin=True)
    return fig


def _number(value: object) -> float:
    """A column aggregate as a float (0 for an empty column's null)."""
    return float(value) if isinstance(value, int | float) else 0.0


def _count_axis(title: str, largest: object, ticks: int = 8) -> dict[str, object]:
    """An axis of counts up to `largest` (a column's max; null when empty): whole-number ticks
    at a readable spacing, from zero."""
    step = max(1, -(-int(_number(largest)) // ticks))
    return {"title": title, "tick0": 0, "dtick": step, "rangemode": "tozero"}


def _articles_per_day(frame: pl.DataFrame) -> go.Figure:
    fig = go.Figure()
    if frame.is_empty():
        return _empty(fig, "no articles loaded in this run")
    days = frame["day"].to_list()
    fig.add_bar(x=days, y=frame["canonical"].to_list(), name="canonical")
    fig.add_bar(x=days, y=frame["duplicates"].to_list(), name="duplicates")
    largest = (frame["canonical"] + frame["duplicates"]).max()
    return fig.update_layout(
        barmode="stack",
        xaxis_title="published (else crawled)",
        yaxis=_count_axis("articles", largest),
    )


def _articles_per_source(frame: pl.DataFrame) -> go.Figure:
    fig = go.Figure()
    if frame.is_empty():
        return _empty(fig, "no articles loaded in this run")
    ordered = frame.reverse()  # largest at the top of a horizontal bar chart
    names = ordered["source_name"].to_list()
    fig.add_bar(y=names, x=ordered["canonical"].to_list(), name="canonical", orientation="h")
    fig.add_bar(y=names, x=ordered["duplicates"].to_list(), name="duplicates", orientation="h")
    return fig.update_layout(
        barmode="stack", xaxis=_count_axis("articles", frame["num_articles"].max())
    )


def _event_types(events: pl.DataFrame) -> go.Figure:
    fig = go.Figure()
    dated = events.filter(pl.col("event_date").is_not_null())
    if dated.is_empty():
        return _empty(fig, "no dated events in this run's articles")
    counts = dated.group_by("event_date", "event_type").agg(pl.len().alias("n")).sort("event_date")
    for event_type in sorted(counts["event_type"].unique().to_list()):
        part = counts.filter(pl.col("event_type") == event_type)
        fig.add_bar(x=part["event_date"].to_list(), y=part["n"].to_list(), name=event_type)
    largest = counts.group_by("event_date").agg(pl.col("n").sum())["n"].max()
    return fig.update_layout(
        barmode="stack", xaxis_title="event date", yaxis=_count_axis("events", largest)
    )


def _top_actors(frame: pl.DataFrame) -> go.Figure:
    fig = go.Figure()
    if frame.is_empty():
        return _empty(fig, "no actor mentions in this run")
    ordered = frame.reverse()
    labels = [
        f"{name} ({kind})"
        for name, kind in zip(ordered["name"], ordered["actor_type"], strict=True)
    ]
    fig.add_bar(
        y=labels, x=ordered["num_mentions"].to_list(), name="mentions in this run", orientation="h"
    )
    fig.add_bar(
        y=labels, x=ordered["num_events"].to_list(), name="events (all runs)", orientation="h"
    )
    largest = max(_number(frame["num_mentions"].max()), _number(frame["num_events"].max()))
    return fig.update_layout(barmode="group", xaxis=_count_axis("count", largest))


def _actor_network(events: pl.DataFrame) -> go.Figure:
    fig = go.Figure()
    nodes, edges = network_frames(events)
    if edges.is_empty():
        return _empty(fig, "no events between two actors in this run's articles")
    index = dict(zip(nodes["actor_id"], nodes["node"], strict=True))
    pairs = np.array(
        [
            [index[s], index[t]]
            for s, t in zip(edges["source_actor_id"], edges["target_actor_id"], strict=True)
        ]
    )
    pos = spring_layout(nodes.height, pairs, edges["num_events"].to_numpy().astype(float))
    edge_x: list[float | None] = []
    edge_y: list[float | None] = []
    for a, b in pairs:
        edge_x += [pos[a, 0], pos[b, 0], None]
        edge_y += [pos[a, 1], pos[b, 1], None]
    fig.add_scatter(
        x=edge_x,
        y=edge_y,
        mode="lines",
        line={"width": 1.5, "color": "#7b8794"},
        hoverinfo="skip",
        name="events",
    )
    mid = (pos[pairs[:, 0]] + pos[pairs[:, 1]]) / 2
    hover = [
        f"{s} → {t}: {types} ({n} events)"
        for s, t, types, n in zip(
            edges["source_name"],
            edges["target_name"],
            edges["event_types"],
            edges["num_events"],
            strict=True,
        )
    ]
    fig.add_scatter(
        x=mid[:, 0],
        y=mid[:, 1],
        mode="markers",
        marker={"size": 6, "color": "#9aa5b1"},
        hovertext=hover,
        hoverinfo="text",
        name="pairs",
    )
    sizes = 10 + 20 * np.sqrt(nodes["num_events"].to_numpy() / nodes["num_events"].max())
    fig.add_scatter(
        x=pos[:, 0],
        y=pos[:, 1],
        mode="markers+text",
        text=nodes["name"].to_list(),
        textposition="top center",
        marker={"size": sizes, "color": "#1f77b4"},
        hovertext=[
            f"{name}: {n} events"
            for name, n in zip(nodes["name"], nodes["num_events"], strict=True)
        ],
        hoverinfo="text",
        name="actors",
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig.update_layout(showlegend=False)


def _story_sizes(frame: pl.DataFrame) -> go.Figure:
    fig = go.Figure()
    if frame.is_empty():
        return _empty(fig, "no stories in this run")
    sizes = frame.group_by("num_articles").agg(pl.len().alias("stories")).sort("num_articles")
    fig.add_bar(x=sizes["num_articles"].to_list(), y=sizes["stories"].to_list(), name="stories")
    return fig.update_layout(
        xaxis=_count_axis("articles in the story (all runs)", sizes["num_articles"].max(), 10),
        yaxis=_count_axis("stories", sizes["stories"].max()),
        bargap=0.1,
    )


def _dq_pass_rates(frame: pl.DataFrame) -> go.Figure:
    fig = go.Figure()
    if frame.is_empty():
        return _empty(fig, "no quality-gate results recorded for this run")
    colors = [
        "#d62728" if n else ("#ff7f0e" if f else "#2ca02c")
        for n, f in zip(frame["num_critical_failed"], frame["num_failed"], strict=True)
    ]
    text = [f"{p}/{c}" for p, c in zip(frame["num_passed"], frame["num_checks"], strict=True)]
    fig.add_bar(
        x=frame["stage"].to_list(),
        y=frame["pass_rate"].to_list(),
        marker_color=colors,
        text=text,
        name="pass rate",
    )
    return fig.update_layout(
        yaxis={"title": "checks passed", "range": [0, 1.05], "tickformat": ".0%"}
    )


def _quarantine_reasons(frame: pl.DataFrame) -> go.Figure:
    fig = go.Figure()
    if frame.is_empty():
        return _empty(fig, "nothing quarantined in this run")
    for stage in sorted(frame["stage"].unique().to_list()):
        part = frame.filter(pl.col("stage") == stage)
        fig.add_bar(
            y=part["reason_group"].to_list(),
            x=part["num_rows"].to_list(),
            name=stage,
            orientation="h",
        )
    largest = frame.group_by("reason_group").agg(pl.col("num_rows").sum())["num_rows"].max()
    return fig.update_layout(barmode="stack", xaxis=_count_axis("rows quarantined", largest))


def build_figures(data: RunReportData) -> list[go.Figure]:
    """One plotly figure per entry of PLOTS, in that order."""
    figures = [
        _articles_per_day(data.articles_per_day),
        _articles_per_source(data.articles_per_source),
        _event_types(data.events),
        _top_actors(data.top_actors),
        _actor_network(data.events),
        _story_sizes(data.story_sizes),
        _dq_pass_rates(data.dq_pass_rates),
        _quarantine_reasons(data.quarantine_reasons),
    ]
    return [_layout(fig, title) for fig, (_, title) in zip(figures, PLOTS, strict=True)]


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; color: #1f2933; }
table.run { border-collapse: collapse; margin-bottom: 1.5rem; }
table.run td, table.run th { border-bottom: 1px solid #e4e7eb; padding: .25rem .8rem; text-align: left; }
.plot { margin-bottom: 1.5rem; }
.failed { color: #d62728; font-weight: bold; }
"""


def render_html(
    data: RunReportData, figures: list[go.Figure], links: dict[str, str] | None = None
) -> str:
    """The report page: the run's accounting, `links` (text -> relative href), then every
    figure; plotly.js inlined once."""
    run_id = str(data.run["run_id"])
    rows = "".join(
        f"<tr><th>{html.escape(key.replace('_', ' '))}</th>"
        f"<td{' class=failed' if key == 'status' and value == 'failed' else ''}>"
        f"{html.escape('' if value is None else str(value))}</td></tr>"
        for key, value in data.run.items()
    )
    plots = "".join(
        '<div class="plot">'
        + fig.to_html(
            full_html=False,
            include_plotlyjs=(i == 0),  # inline the library once: the file works offline
            div_id=plot_id,
            config={"displaylogo": False, "responsive": True},
        )
        + "</div>"
        for i, (fig, (plot_id, _)) in enumerate(zip(figures, PLOTS, strict=True))
    )
    generated = datetime.now(UTC).isoformat(timespec="seconds")
    see_also = "".join(
        f'<li><a href="{html.escape(href)}">{html.escape(text)}</a></li>'
        for text, href in (links or {}).items()
    )
    return (
        "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
        f"<title>newsflow run {html.escape(run_id)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>newsflow run {html.escape(run_id)}</h1>"
        f"<p>Generated {generated}. Events, actors and stories are those this run's articles "
        "touched, counted across the whole warehouse.</p>"
        f'<table class="run">{rows}</table>'
        + (f"<ul>{see_also}</ul>" if see_also else "")
        + f"{plots}</body></html>\n"
    )


def default_report_path(reports_dir: Path, run_id: str) -> Path:
    """Where a run's report goes unless told otherwise: <reports dir>/<run_id>/report.html."""
    return reports_dir / run_id / REPORT_NAME


def save_report(data: RunReportData, out: Path) -> Path:
    """Render `data` to `out` (parents created) and return `out`; needs no connection."""
    # the run's quality-gate report (newsflow.dq_report) sits beside the default location
    links = {"Quality-gate details: every expectation and quarantined row": DQ_REPORT_NAME}
    has_dq = (out.parent / DQ_REPORT_NAME).is_file()
    page = render_html(data, build_figures(data), links if has_dq else None)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out


def write_report(con: duckdb.DuckDBPyConnection, run_id: str, out: Path) -> Path:
    """Render the report of `run_id` to `out` (parents created) and return `out`."""
    return save_report(load_report_data(con, run_id), out)
