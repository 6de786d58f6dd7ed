"""Write docs/benchmarks.md from bench/results/*.json (every figure as measured, with its file).

uv run python -m bench.report
"""

from __future__ import annotations

import json
import platform
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def _flatten(data: dict, prefix: str = "") -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and key not in {"machine", "first_run_summary"}:
            rows.extend(_flatten(value, name + "."))
        elif isinstance(value, int | float | bool | str) and key not in {"path", "truth"}:
            rows.append((name, value))
    return rows


def render(results_dir: Path = RESULTS) -> str:
    """The markdown page: one table per results file."""
    lines = [
        "# Benchmarks",
        "",
        "Every figure below was measured by the scripts in `bench/` and copied from",
        "`bench/results/*.json` by `python -m bench.report`. Ratios compare two timings taken in",
        "the same run on the same machine. Re-run a script to refresh its file, then this page.",
        "",
        f"Page written {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.platform()} "
        f"(Python {platform.python_version()}).",
        "",
    ]
    for path in sorted(results_dir.glob("*.json")):
        data = json.loads(path.read_text())
        lines += [f"## {path.stem}", "", f"Source: `bench/results/{path.name}`", ""]
        machine = data.get("machine") if isinstance(data, dict) else None
        if machine:
            lines += [f"Machine: {json.dumps(machine)}", ""]
        lines += ["| figure | value |", "|---|---|"]
        for name, value in _flatten(data if isinstance(data, dict) else {"value": data}):
            lines.append(f"| {name} | {value} |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    DOC.write_text(render())
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
