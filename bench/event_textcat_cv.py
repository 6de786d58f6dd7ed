"""Does a learned sentence classifier add to the event rules? (issue 20, item 4), offline.

    uv run python -m bench.bench_event_accuracy --sets plover,tune,heldout,heldout2,heldout3 \\
        --out /tmp/acc.json --errors /tmp/rules.json
    uv run python -m bench.event_textcat_cv --rules /tmp/rules.json

5-fold cross-validation grouped by article over the four spent event sets: per fold the
detector and the typer (`bench.train_event_textcat`) are trained on the other four folds and
predict the fold's sentences; their out-of-fold predictions are combined with what the rules
said of each sentence (the harness's per-item output):

* **rules** — the rules alone (the harness's own figures, recomputed here as a check);
* **detect** — a sentence the rules miss counts as an event when the detector's P(EVENT) is at
  least a high threshold, typed by the typer;
* **retype** — a sentence the rules detect takes the typer's type when the typer disagrees with
  the rules and its probability is at least a threshold;
* **both** — the two together;
* **detect_typed** — as detect, but only where the typer is also confident of the type;
* **detect_for_f1** — as detect, its threshold chosen for detection F1 alone (the others are
  chosen for typed F1: detection F1 times type accuracy, an event found and typed right).

Each combination's thresholds are chosen without the scored fold (nested: inner grouped 4-fold
CV on the outer training part, the thresholds best there applied to the outer fold), so the
pooled figure is not tuned on itself; the fixed-threshold grid is printed beside it. The paired
bootstrap interval of each change against the rules says whether the margin is clear. The same
models, trained on all four sets, are then combined with the rules on the PLOVER gold records
(a different source of news sentences: an out-of-domain check).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.event_scoring import prf
from bench.train_event_textcat import (
    EVENT,
    SEED,
    detector_rows,
    labelled_sentences,
    predict,
    train,
    typer_rows,
)

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "event_textcat_cv.json"
DETECT_GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
RETYPE_GRID = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: never retype


@dataclass(frozen=True)
class Item:
    """One sentence: gold, what the rules said, what the classifiers said out of fold."""

    key: str
    gold_types: tuple[str, ...]  # empty: no event
    rules_detected: bool
    rules_type: str | None
    p_event: float
    clf_type: str
    p_type: float


def grouped_folds(groups: Sequence[str], k: int, seed: int) -> list[int]:
    """A fold per row: the articles shuffled with the seed and dealt round-robin."""
    distinct = sorted(set(groups))
    random.Random(seed).shuffle(distinct)
    fold_of = {g: i % k for i, g in enumerate(distinct)}
    return [fold_of[g] for g in groups]


def out_of_fold(
    rows: Sequence[dict[str, Any]], k: int, seed: int
) -> list[tuple[float, str, float]]:
    """(P(EVENT), typer's type, its probability) per row, each from models that never saw it."""
    folds = grouped_folds([r["group"] for r in rows], k, seed)
    out: list[tuple[float, str, float]] = [(0.0, "", 0.0)] * len(rows)
    for f in range(k):
        train_rows = [r for r, g in zip(rows, folds, strict=True) if g != f]
        test_idx = [i for i, g in enumerate(folds) if g == f]
        detector = train(detector_rows(train_rows), seed)
        typer = train(typer_rows(train_rows), seed)
        texts = [rows[i]["text"] for i in test_idx]
        for i, det, typ in zip(
            test_idx, predict(detector, texts), predict(typer, texts), strict=True
        ):
            best = max(typ, key=lambda label: typ[label])
            out[i] = (det[EVENT], best, typ[best])
    return out


Thresholds = tuple[float | None, ...]  # (detect_at, retype_at[, type_at]); None: that part off


def combine(item: Item, detect_at: float | None, retype_at: float | None,
            type_at: float | None = None) -> tuple[bool, str | None]:  # fmt: skip
    """(detected, type) of a sentence under a combination: a sentence the rules miss is an event
    when P(EVENT) >= detect_at (and, with type_at, the typer's probability >= type_at)."""
    if item.rules_detected:
        if retype_at is not None and item.clf_type != item.rules_type and item.p_type >= retype_at:
            return True, item.clf_type
        return True, item.rules_type
    if detect_at is not None and item.p_event >= detect_at and item.p_type >= (type_at or 0.0):
        return True, item.clf_type
    return False, None


def scores(items: Sequence[Item], detect_at: float | None, retype_at: float | None,
           type_at: float | None = None) -> dict[str, Any]:  # fmt: skip
    """Detection P/R/F1 over every sentence; type accuracy over the detected gold events (the
    type is right when it is one of the sentence's gold types, as the harness scores it)."""
    tp = fp = fn = typed_ok = 0
    for it in items:
        detected, event_type = combine(it, detect_at, retype_at, type_at)
        gold = bool(it.gold_types)
        tp += gold and detected
        fp += detected and not gold
        fn += gold and not detected
        typed_ok += gold and detected and event_type in it.gold_types
    out = {k: _r(v) for k, v in prf(tp, fp, fn).items()}
    out.update(type_accuracy=_r(typed_ok / tp if tp else None), tp=tp, fp=fp, fn=fn)
    return out


def _r(v: float | None) -> float | None:
    return None if v is None else round(v, 3)


MODES = ("detect", "retype", "both", "detect_typed", "detect_for_f1")
TYPE_GATE_GRID = (0.3, 0.4, 0.5)


def best_thresholds(items: Sequence[Item], mode: str) -> Thresholds:
    """The grid point with the best typed F1 (detection F1 times type accuracy: an event counts
    when it is found and typed right), or for `detect_for_f1` the best detection F1 alone."""
    detect_grid: Sequence[float | None] = DETECT_GRID if mode != "retype" else (None,)
    retype_grid: Sequence[float | None] = RETYPE_GRID if mode in ("retype", "both") else (None,)
    gate_grid: Sequence[float | None] = TYPE_GATE_GRID if mode == "detect_typed" else (None,)

    def goal(pair: Thresholds) -> float:
        s = scores(items, *pair)
        if mode == "detect_for_f1":
            return s["f1"] or 0.0
        return (s["f1"] or 0.0) * (s["type_accuracy"] or 0.0)

    grid = [(d, t, g) for d in detect_grid for t in retype_grid for g in gate_grid]
    return max(grid, key=goal)


def paired_delta(items: Sequence[Item], chosen: dict[str, tuple[bool, str | None]],
                 reps: int = 1000, seed: int = 7) -> dict[str, Any]:  # fmt: skip
    """Percentile bootstrap 95% intervals of (combination - rules) in detection F1 and typed F1."""
    rules = [combine(it, None, None) for it in items]
    ours = [chosen[it.key] for it in items]

    def figs(idx: Sequence[int], preds: Sequence[tuple[bool, str | None]]) -> tuple[float, float]:
        tp = sum(bool(items[i].gold_types) and preds[i][0] for i in idx)
        fp = sum(not items[i].gold_types and preds[i][0] for i in idx)
        fn = sum(bool(items[i].gold_types) and not preds[i][0] for i in idx)
        ok = sum(bool(items[i].gold_types) and preds[i][0] and preds[i][1] in items[i].gold_types
                 for i in idx)  # fmt: skip
        f1 = prf(tp, fp, fn)["f1"] or 0.0
        return f1, f1 * (ok / tp if tp else 0.0)

    rng = random.Random(seed)
    deltas: list[tuple[float, float]] = []
    for _ in range(reps):
        idx = [rng.randrange(len(items)) for _ in items]
        (a1, a2), (b1, b2) = figs(idx, ours), figs(idx, rules)
        deltas.append((a1 - b1, a2 - b2))
    out = {}
    for j, name in enumerate(("detection_f1", "typed_f1")):
        values = sorted(d[j] for d in deltas)
        out[f"delta_{name}_ci95"] = [
            _r(values[int(0.025 * reps)]),
            _r(values[int(0.975 * reps) - 1]),
        ]
    return out


def nested(rows: Sequence[dict[str, Any]], rules: dict[str, dict], oof: Sequence[tuple[float, str, float]],
           k: int, seed: int) -> dict[str, Any]:  # fmt: skip
    """Per combination, the pooled outer-fold figures with thresholds chosen on inner CV."""
    folds = grouped_folds([r["group"] for r in rows], k, seed)
    chosen: dict[str, dict[str, Thresholds]] = {}
    per_item_choice: dict[str, list[Thresholds]] = {m: [(None, None)] * len(rows) for m in MODES}
    for f in range(k):
        inner_idx = [i for i, g in enumerate(folds) if g != f]
        inner_rows = [rows[i] for i in inner_idx]
        inner_oof = out_of_fold(inner_rows, k - 1, seed + 1 + f)
        inner_items = items_of(inner_rows, rules, inner_oof)
        for mode in per_item_choice:
            pair = best_thresholds(inner_items, mode)
            chosen.setdefault(mode, {})[f"fold{f}"] = pair
            for i, g in enumerate(folds):
                if g == f:
                    per_item_choice[mode][i] = pair
        print(f"  nested: fold {f} thresholds {chosen['both'][f'fold{f}']} (both)", flush=True)
    items = items_of(rows, rules, oof)
    out: dict[str, Any] = {}
    for mode, choices in per_item_choice.items():
        tp = fp = fn = ok = 0
        preds = {it.key: combine(it, *choices[i]) for i, it in enumerate(items)}
        for it in items:
            det, typ = preds[it.key]
            gold = bool(it.gold_types)
            tp += gold and det
            fp += det and not gold
            fn += gold and not det
            ok += gold and det and typ in it.gold_types
        fig: dict[str, Any] = {kk: _r(v) for kk, v in prf(tp, fp, fn).items()}
        fig.update(type_accuracy=_r(ok / tp if tp else None), tp=tp, fp=fp, fn=fn,
                   thresholds=chosen[mode])  # fmt: skip
        fig.update(paired_delta(items, preds))
        fig["per_set"] = per_set(items, preds)
        out[mode] = fig
    return out


def per_set(items: Sequence[Item], preds: dict[str, tuple[bool, str | None]]) -> dict[str, Any]:
    """Detection F1 and type accuracy per label set, rules and combination side by side."""
    out: dict[str, Any] = {}
    for name in sorted({it.key.split("|")[0] for it in items}):
        part = [it for it in items if it.key.startswith(name + "|")]
        tp = sum(bool(it.gold_types) and preds[it.key][0] for it in part)
        fp = sum(not it.gold_types and preds[it.key][0] for it in part)
        fn = sum(bool(it.gold_types) and not preds[it.key][0] for it in part)
        ok = sum(bool(it.gold_types) and preds[it.key][0] and preds[it.key][1] in it.gold_types
                 for it in part)  # fmt: skip
        rules = scores(part, None, None)
        out[name] = {"rules_f1": rules["f1"], "rules_type_accuracy": rules["type_accuracy"],
                     "f1": _r(prf(tp, fp, fn)["f1"]), "type_accuracy": _r(ok / tp if tp else None)}  # fmt: skip
    return out


def items_of(rows: Sequence[dict[str, Any]], rules: dict[str, dict],
             oof: Sequence[tuple[float, str, float]]) -> list[Item]:  # fmt: skip
    out = []
    for r, (p_event, clf_type, p_type) in zip(rows, oof, strict=True):
        said = rules[f"{r['set']}|{r['item_id']}"]
        out.append(Item(f"{r['set']}|{r['item_id']}", tuple(r["gold_types"]), said["detected"],
                        said["predicted_type"], p_event, clf_type, p_type))  # fmt: skip
    return out


def rules_by_item(path: Path) -> tuple[dict[str, dict], list[dict]]:
    dump = json.loads(path.read_text(encoding="utf-8"))
    own = {f"{name}|{s['item_id']}": s for name in ("tune", "heldout", "heldout2", "heldout3")
           for s in dump[name]}  # fmt: skip
    return own, dump.get("plover", [])


def plover_check(rows: Sequence[dict[str, Any]], plover: list[dict], seed: int,
                 pairs: dict[str, Thresholds]) -> dict[str, Any]:  # fmt: skip
    """Models trained on all four sets, with the rules, on the PLOVER records (all events)."""
    detector = train(detector_rows(rows), seed)
    typer = train(typer_rows(rows), seed)
    texts = [p["detail"]["text"] for p in plover]
    items = []
    for p, det, typ in zip(plover, predict(detector, texts), predict(typer, texts), strict=True):
        best = max(typ, key=lambda label: typ[label])
        items.append(Item(p["item_id"], (p["gold_type"],), p["detected"], p["predicted_type"],
                          det[EVENT], best, typ[best]))  # fmt: skip
    out: dict[str, Any] = {"records": len(items)}
    for name, pair in pairs.items():
        s = scores(items, *pair)
        typed_all = sum(combine(it, *pair)[1] in it.gold_types for it in items) / len(items)
        out[name] = {"thresholds": pair, "detection_recall": s["recall"],
                     "type_accuracy_detected": s["type_accuracy"],
                     "type_accuracy_all_records": _r(typed_all)}  # fmt: skip
    out["classifier_alone"] = {
        "detection_recall_at_0.5": _r(sum(it.p_event >= 0.5 for it in items) / len(items)),
        "type_accuracy_all_records": _r(
            sum(it.clf_type in it.gold_types for it in items) / len(items)
        ),
    }
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=Path, required=True,
                        help="the harness's --errors file over plover and the four spent sets")  # fmt: skip
    parser.add_argument("--out", type=Path, default=RESULTS, help="results file")
    parser.add_argument("--folds", type=int, default=5, help="outer folds")
    parser.add_argument("--seed", type=int, default=SEED, help="folds, weights, batch order")
    parser.add_argument("--no-nested", action="store_true", help="skip the nested threshold choice")
    args = parser.parse_args(argv)
    rules, plover = rules_by_item(args.rules)
    rows = labelled_sentences()
    oof = out_of_fold(rows, args.folds, args.seed)
    items = items_of(rows, rules, oof)
    result: dict[str, Any] = {
        "benchmark": "event textcat CV (issue 20, item 4)",
        "sentences": len(rows),
        "articles": len({r["group"] for r in rows}),
        "folds": args.folds,
        "seed": args.seed,
        "rules": scores(items, None, None),
        "classifier_alone_at_0.5": scores(
            [
                Item(i.key, i.gold_types, False, None, i.p_event, i.clf_type, i.p_type)
                for i in items
            ],
            0.5,
            None,
        ),  # fmt: skip
        "typer_alone_on_gold_event_sentences": _r(
            sum(i.clf_type in i.gold_types for i in items if i.gold_types)
            / sum(bool(i.gold_types) for i in items)
        ),
        "grid_detect": {str(t): scores(items, t, None) for t in DETECT_GRID},
        "grid_retype": {str(t): scores(items, None, t) for t in RETYPE_GRID},
        "grid_detect_typed": {
            f"{t}|{g}": scores(items, t, None, g) for t in DETECT_GRID for g in TYPE_GATE_GRID
        },  # fmt: skip
    }
    print("rules alone       ", result["rules"])
    print("classifier alone  ", result["classifier_alone_at_0.5"])
    print("typer alone on the gold event sentences", result["typer_alone_on_gold_event_sentences"])
    for t in DETECT_GRID:
        print(f"detect  >= {t:<5}", result["grid_detect"][str(t)])
    for t in RETYPE_GRID:
        print(f"retype  >= {t:<5}", result["grid_retype"][str(t)])
    if not args.no_nested:
        result["nested"] = nested(rows, rules, oof, args.folds, args.seed)
        for mode, fig in result["nested"].items():
            print(
                f"nested {mode:<7}",
                {k: v for k, v in fig.items() if k not in ("thresholds", "per_set")},
            )
            print("   per set", fig["per_set"])
    pairs = {"rules": (None, None), "detect_0.5": (0.5, None), "detect_0.6": (0.6, None),
             "detect_0.7": (0.7, None), "retype_0.5": (None, 0.5), "retype_0.7": (None, 0.7),
             "both_0.7_0.5": (0.7, 0.5), "detect_typed_0.6_0.3": (0.6, None, 0.3)}  # fmt: skip
    if plover:
        result["plover"] = plover_check(rows, plover, args.seed, pairs)
        for name, fig in result["plover"].items():
            print("PLOVER", name, fig)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
