"""The suites as data: expectations/<stage>.json read, checked and their placeholders resolved."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from newsflow.quality.outcome import GX_SEVERITY, SEVERITIES
from newsflow.settings import Settings


def load_suite_specs(expectations_dir: Path) -> dict[str, dict]:
    """Parsed `<stage>.json` suites keyed by stage (placeholders unresolved; no GX import)."""
    specs: dict[str, dict] = {}
    for path in sorted(Path(expectations_dir).glob("*.json")):
        try:
            spec = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"suite {path} is not valid JSON: {exc}") from exc
        _check_spec(spec, path)
        specs[path.stem] = spec
    return specs


def _check_spec(spec: dict, path: Path) -> None:
    if not isinstance(spec.get("expectations"), list) or "name" not in spec:
        raise ValueError(f"suite {path} needs a 'name' and an 'expectations' list")
    names: set[str] = set()
    for i, exp in enumerate(spec["expectations"]):
        where = f"suite {path}, expectation #{i} ({exp.get('type')})"
        severity = (exp.get("meta") or {}).get("severity")
        if severity not in SEVERITIES:
            raise ValueError(
                f"{where}: meta.severity must be one of {SEVERITIES}, got {severity!r}"
            )
        gx_severity = exp.get("severity")
        if gx_severity is not None and gx_severity != GX_SEVERITY[severity]:
            raise ValueError(
                f"{where}: GX severity {gx_severity!r} contradicts meta.severity {severity!r} "
                f"(use {GX_SEVERITY[severity]!r} or leave it out)"
            )
        name = expectation_name(exp)
        if name in names:
            raise ValueError(f"{where}: two expectations are named {name!r}; set meta.name")
        names.add(name)


def expectation_name(exp: dict) -> str:
    """The declared `meta.name`, else "<expectation type>(<column(s)>)"."""
    declared = (exp.get("meta") or {}).get("name")
    if declared:
        return str(declared)
    return f"{exp['type']}({','.join(columns_of(exp.get('kwargs', {})))})"


def columns_of(kwargs: dict) -> list[str]:
    cols: list[str] = []
    for key in ("column", "column_A", "column_B"):
        if isinstance(kwargs.get(key), str):
            cols.append(kwargs[key])
    for key in ("column_list",):
        if isinstance(kwargs.get(key), list):
            cols.extend(str(c) for c in kwargs[key])
    return cols


def resolve_placeholders(value: Any, settings: Settings, today: dt.date) -> Any:
    """Replace `{"$setting": ...}`, `{"$today_plus_days": N}`, `{"$year_start": ...}` and
    `{"$iso3_countries": [extra...]}` anywhere in a suite (see expectations/README.md)."""
    if isinstance(value, list):
        return [resolve_placeholders(v, settings, today) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((key, arg),) = value.items()
        if key == "$setting":
            return _setting(settings, str(arg))
        if key == "$today_plus_days":
            return (today + dt.timedelta(days=int(arg))).isoformat()
        if key == "$year_start":
            year = _setting(settings, arg) if isinstance(arg, str) else int(arg)
            return dt.date(int(year), 1, 1).isoformat()
        if key == "$iso3_countries":
            import pycountry  # noqa: PLC0415 - a large table, only for this placeholder

            # ISO 3166-1 codes plus the ISO 3166-3 codes of former countries (SUN, YUG, DDR,
            # CSK, ...): news archives report on the Soviet Union too.
            current = {c.alpha_3 for c in pycountry.countries}
            former = {c.alpha_3 for c in pycountry.historic_countries}
            return sorted(current | former | set(arg or []))
        if key.startswith("$"):
            raise ValueError(f"unknown suite placeholder {key!r}")
    return {k: resolve_placeholders(v, settings, today) for k, v in value.items()}


def _setting(settings: Settings, name: str) -> Any:
    if hasattr(settings.thresholds, name):
        return getattr(settings.thresholds, name)
    if hasattr(settings, name) and not callable(getattr(settings, name)):
        value = getattr(settings, name)
        if isinstance(value, int | float | str | bool):
            return value
    raise ValueError(f"suite placeholder names unknown setting {name!r}")
