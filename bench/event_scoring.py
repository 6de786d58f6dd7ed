"""Scoring primitives of the event accuracy harness (`bench.bench_event_accuracy`), as
bench/labels/events/GUIDE.md defines them: detection P/R/F1, type accuracy and macro-F1, and
whether an event's roles and date are the gold event's."""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

SYMMETRIC_GOLD = {"AGREE", "CONSULT", "COOPERATE"}  # the guide scores these pairs in any order
BOOTSTRAP = 1000


def prf(tp: int, fp: int, fn: int) -> dict[str, float | None]:
    """Precision, recall and F1 (None when undefined)."""
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return {"precision": p, "recall": r, "f1": f}


def macro_f1(pairs: Iterable[tuple[str, str]]) -> float | None:
    """Macro-averaged F1 over the gold types (a missed or untyped event counts against its type)."""
    pairs = list(pairs)
    gold_types = sorted({g for g, _ in pairs})
    if not gold_types:
        return None
    scores = []
    for t in gold_types:
        tp = sum(1 for g, p in pairs if g == t and p == t)
        fp = sum(1 for g, p in pairs if g != t and p == t)
        fn = sum(1 for g, p in pairs if g == t and p != t)
        f = prf(tp, fp, fn)["f1"]
        scores.append(f or 0.0)
    return sum(scores) / len(scores)


@dataclass(frozen=True)
class Scored:
    """One item's outcome: the fields every figure is computed from."""

    item_id: str
    gold_event: bool
    detected: bool
    gold_type: str | None  # the gold type compared (same type as predicted when there is one)
    predicted_type: str | None
    source_ok: bool | None  # None: not scored (no matched event)
    target_ok: bool | None
    date_ok: bool | None
    date_strict_ok: bool | None
    detail: dict[str, Any]
    background_ok: bool | None = None  # the event's background flag is the gold one


def share(values: list[bool | None]) -> float | None:
    scored = [v for v in values if v is not None]
    return sum(scored) / len(scored) if scored else None


def figures(items: list[Scored], *, dated: bool = True) -> dict[str, Any]:
    """The issue's figures over scored items (detection over all, the rest over matched ones)."""
    tp = sum(1 for s in items if s.gold_event and s.detected)
    fp = sum(1 for s in items if not s.gold_event and s.detected)
    fn = sum(1 for s in items if s.gold_event and not s.detected)
    matched = [s for s in items if s.gold_event and s.detected]
    out: dict[str, Any] = {
        "items": len(items),
        "gold_event_items": sum(s.gold_event for s in items),
        "detected_items": sum(s.detected for s in items),
        "matched_items": len(matched),
        "detection": prf(tp, fp, fn),
        "type_accuracy": share([s.predicted_type == s.gold_type for s in matched]),
        "type_macro_f1": macro_f1((s.gold_type or "", s.predicted_type or "") for s in matched),
        "source_accuracy": share([s.source_ok for s in matched]),
        "target_accuracy": share([s.target_ok for s in matched]),
    }
    if dated:
        out["date_accuracy"] = share([s.date_ok for s in matched])
        out["date_accuracy_strict"] = share([s.date_strict_ok for s in matched])
        out["background_accuracy"] = share([s.background_ok for s in matched])
    return out


def flat_figures(fig: dict[str, Any]) -> dict[str, float | None]:
    flat = {f"detection_{k}": v for k, v in fig["detection"].items()}
    flat.update({k: v for k, v in fig.items() if isinstance(v, float) or v is None})
    return flat


def with_intervals(
    items: list[Scored], *, dated: bool = True, reps: int = BOOTSTRAP, seed: int = 7
) -> dict[str, Any]:
    """`figures`, each with a percentile bootstrap 95% interval over items."""
    point = figures(items, dated=dated)
    rng = random.Random(seed)
    samples: dict[str, list[float]] = defaultdict(list)
    for _ in range(reps):
        draw = [items[rng.randrange(len(items))] for _ in items]
        for name, value in flat_figures(figures(draw, dated=dated)).items():
            if value is not None:
                samples[name].append(value)
    out: dict[str, Any] = {k: point[k] for k in ("items", "gold_event_items", "detected_items")}
    out["matched_items"] = point["matched_items"]
    for name, value in flat_figures(point).items():
        values = sorted(samples.get(name, []))
        ci = (
            [
                round(values[int(0.025 * len(values))], 3),
                round(values[int(0.975 * len(values)) - 1], 3),
            ]
            if values
            else None
        )
        out[name] = {"value": None if value is None else round(value, 3), "ci95": ci}
    return out


def norm(text: str | None) -> str:
    text = (text or "").lower().replace("’", "'")
    text = re.sub(r"[^a-z0-9' ]", " ", text)
    return " ".join(w for w in text.split() if w not in ("the", "mr", "mrs", "ms", "dr"))


def gold_date_ok(gold: str | None, value: date | None, precision: str | None) -> tuple[bool, bool]:
    """(equal at the gold precision, and the system's precision is the gold one)."""
    if gold is None:
        return value is None, value is None
    if value is None:
        return False, False
    width = {4: "year", 7: "month", 10: "day"}[len(gold)]
    equal = value.isoformat()[: len(gold)] == gold
    return equal, equal and (precision or "day") == width


@dataclass(frozen=True)
class Actor:
    names: frozenset[str]
    spans: tuple[tuple[int, int], ...]  # its mentions inside the labelled sentence


def role_ok(actor: Actor | None, gold: dict | None) -> bool:
    if gold is None:
        return actor is None
    overlap = actor is not None and any(
        s < gold["end"] and gold["start"] < e for s, e in actor.spans
    )
    if gold.get("name") is None:  # no named actor: null, or the very words the gold names
        return actor is None or overlap
    if actor is None:
        return False
    wanted = {norm(gold["name"])} | {norm(a) for a in gold.get("alts") or []}
    return overlap or bool(actor.names & wanted)


def roles_ok(src: Actor | None, tgt: Actor | None, gold: dict) -> tuple[bool, bool]:
    """(source right, target right) against one gold event; either way round for a symmetric
    type ("X and Y agreed")."""
    straight = (role_ok(src, gold["source"]), role_ok(tgt, gold["target"]))
    if gold["type"] in SYMMETRIC_GOLD:
        swapped = (role_ok(tgt, gold["source"]), role_ok(src, gold["target"]))
        straight = max(straight, swapped, key=sum)
    return straight


def matched_gold(
    event_type: str, src: Actor | None, tgt: Actor | None, gold_events: list[dict]
) -> tuple[dict, tuple[bool, bool]]:
    """The gold event a system event is scored against, and its roles' (source, target) right:
    of the gold events of its type, the one whose roles it matches best (the first on a tie),
    so that a sentence with two events of one type is scored against the one it read; the
    sentence's main gold event when none has its type."""
    same_type = [g for g in gold_events if g["type"] == event_type]
    return max(
        ((g, roles_ok(src, tgt, g)) for g in same_type or gold_events[:1]),
        key=lambda pair: sum(pair[1]),
    )
