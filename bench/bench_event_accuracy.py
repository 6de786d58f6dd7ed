"""Event accuracy you cannot fool yourself with (issue 20): the real events stage, scored per set.

    uv run python -m bench.bench_event_accuracy                 # PLOVER 5-fold + own tune half
    uv run python -m bench.bench_event_accuracy --sets heldout  # spent (from dc6f0a0)
    uv run python -m bench.bench_event_accuracy --sets heldout2 # spent (from 7492671)
    uv run python -m bench.bench_event_accuracy --sets heldout3 # spent (from e28b6e1)
    uv run python -m bench.bench_event_accuracy --sets heldout4 # the held-out set: report only

Printed per data set: sentence-level detection precision/recall/F1, PLOVER type accuracy and
macro-F1, source accuracy, target accuracy and date accuracy, each with a bootstrap 95% interval.

* **plover** — the 322 shared PLOVER gold records (`../shared/corpora/plover_gsr.jsonl`) in five
  folds stratified by gold type (`bench/plover_folds.json`, drawn once by `--make-folds` with a
  fixed seed). A record's marked actors are the mentions extraction would hand over (roles
  hidden); the events stage must find the event, its PLOVER type and which actor is the source
  and which the target. Every record holds an event, so precision is 1 by construction and
  detection is recall; the records carry no event dates (all are `2000-01-01`), so there is no
  date figure. A learned component is trained on four folds and scored on the fifth; the rules
  are scored on each fold the same way, and the figure is the pooled one over all folds.
* **tune / heldout** — the hand-labelled BBC and Reuters sentences of `bench/labels/events/`
  (GUIDE.md, labelled blind before any tuning). The articles are parsed from the shared corpora
  exactly as a run parses them (each body checked against the labelled `body_sha256`), then the
  real extract and events stages run over them as one batch. Scoring follows the guide: a
  sentence is detected when an event report comes from a newsflow sentence overlapping it; its
  main report is the best-scored one, and the warehouse row of the event that report joined is
  compared with the gold event of the same type whose roles it matches best (else the first
  gold event; `bench.event_scoring`). A role is right
  when the event's actor is named by the gold `name` or one of its `alts`, or one of the
  actor's mentions in the sentence overlaps the gold `text`; a gold role with `name` null (a
  generic "police", "officials") is no named actor, so a null role is right there too; a gold
  null role needs a null role. AGREE, CONSULT and COOPERATE compare the pair in either order.
  A date is right when it equals the gold one at the gold precision (`YYYY`, `YYYY-MM`,
  `YYYY-MM-DD`; gold null needs a null date); `date_accuracy_strict` also needs the system's
  own precision to be the gold one.

* **heldout2** — a fresh held-out set (`heldout2.jsonl`: 200 sentences drawn from articles not in
  the first sample, labelled blind in one pass; heldout.jsonl has decided two merges), scored the
  same way.
* **heldout3** — a third held-out set (`heldout3.jsonl`: 200 sentences of articles in neither
  earlier sample, drawn and labelled blind in one pass; heldout2.jsonl has decided merges),
  scored the same way; spent at e28b6e1 (its errors read, its items trained on by events19).
* **heldout4** — a fourth held-out set (`heldout4.jsonl`: 200 sentences of articles in none of
  the three earlier samples, drawn and labelled blind in one pass; heldout3.jsonl was spent at
  e28b6e1), scored the same way.

The held-out sets are measured only when asked (`--sets heldout`, `heldout2`, `heldout3`,
`heldout4`); the one not yet spent (its `_meta.spent_at` null: heldout4) never while changing
code (LABELLING.md). Writes bench/results/event_accuracy.json
(the sets run, merged into the file).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from bench.bench_events import GSR, TYPE_MAP, _gold_actors, _matches, frames
from bench.event_scoring import (
    Actor,
    Scored,
    figures,
    gold_date_ok,
    macro_f1,
    matched_gold,
    norm,
    share,
    with_intervals,
)
from newsflow import events, extract, ingest, parse, resolve, roles, schema
from newsflow.settings import Settings

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
LABELS = HERE / "labels" / "events"
# The hand-labelled sets run by name (LABELS/<name>.jsonl); all but tune are report-only.
OWN_SETS = ("tune", "heldout", "heldout2", "heldout3", "heldout4")
FOLDS = HERE / "plover_folds.json"
SHARED = HERE.parents[1] / "shared"
CORPORA = {
    "bbc": SHARED / "bundles" / "bbc-news-2005.tar.gz",
    "reuters": SHARED / "corpora" / "reuters21578.jsonl.gz",
}
FOLD_SEED = 20261202


# --- PLOVER gold records, 5-fold -----------------------------------------------------------


def make_folds(records: list[dict], k: int = 5, seed: int = FOLD_SEED) -> list[list[str]]:
    """k folds stratified by gold type: each type's records shuffled and dealt round-robin."""
    rng = random.Random(seed)
    by_type: dict[str, list[str]] = defaultdict(list)
    for rec in records:
        by_type[rec["event"]].append(rec["id"])
    folds: list[list[str]] = [[] for _ in range(k)]
    turn = 0
    for event_type in sorted(by_type):
        ids = sorted(by_type[event_type])
        rng.shuffle(ids)
        for rid in ids:
            folds[turn % k].append(rid)
            turn += 1
    return [sorted(f) for f in folds]


def read_gsr(path: Path = GSR) -> dict[str, dict]:
    """The gold records by id; a repeated id (two COERCE records share one) gets `#2`."""
    records: dict[str, dict] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        rid, n = rec["id"], 1
        while rid in records:
            n += 1
            rid = f"{rec['id']}#{n}"
        records[rid] = {**rec, "id": rid}
    return records


def plover_items(records: list[dict], result: events.EventResult, mentions: pl.DataFrame,
                 actors: pl.DataFrame) -> list[Scored]:  # fmt: skip
    """Score one PLOVER record per item: its main report's event against the gold record."""
    names = dict(zip(actors["actor_id"], actors["name"], strict=True))
    main = _main_reports(result.reports)
    by_event = {r["event_id"]: r for r in result.events.iter_rows(named=True)}
    out = []
    for rec in records:
        gold = TYPE_MAP.get(rec["event"], rec["event"])
        report = main.get((rec["id"], 0))
        event = by_event.get(report["event_id"]) if report else None
        predicted = roles.plover_type(event["event_type"], event["mode"]) if event else None
        sources, targets = _gold_actors(rec.get("source")), _gold_actors(rec.get("target"))
        src = names.get(event["source_actor_id"]) if event else None
        tgt = names.get(event["target_actor_id"]) if event else None
        source_ok = _matches(src, sources) if sources else None
        target_ok = _matches(tgt, targets) if targets else None
        if event is None:  # a missed event has no right roles
            source_ok = False if sources else None
            target_ok = False if targets else None
        out.append(
            Scored(
                item_id=rec["id"],
                gold_event=True,
                detected=event is not None,
                gold_type=gold,
                predicted_type=predicted,
                source_ok=source_ok,
                target_ok=target_ok,
                date_ok=None,
                date_strict_ok=None,
                detail={
                    "text": rec["text"],
                    "gold": gold,
                    "predicted": predicted,
                    "source": src,
                    "target": tgt,
                    "gold_source": sources,
                    "gold_target": targets,
                },
            )  # fmt: skip
        )
    return out


def run_plover(nlp: Any, folds: list[list[str]], records: dict[str, dict],
               settings: Settings) -> tuple[dict[str, Any], list[Scored]]:  # fmt: skip
    """Every fold scored by the events stage; per-fold figures and the pooled ones."""
    per_fold, pooled = [], []
    state_template = events.EventState.empty()
    for k, fold in enumerate(folds):
        test = [records[i] for i in fold]
        state = events.EventState.empty(state_template.lexicon, state_template.gazetteer)
        articles, mentions, actors, sentences = frames(test, state.gazetteer)
        # PLOVER records are scored for the record's own event: every record is its own story.
        result = events.detect_events(articles, mentions, actors, sentences, nlp, state, settings)
        # The whole-record figures: misses count against recall, never as zero-type hits.
        scored = plover_items(test, result, mentions, actors)
        for s in scored:
            s.detail["fold"] = k
        fig = figures(scored, dated=False)
        per_fold.append(
            {
                "fold": k,
                "records": len(test),
                "detection_recall": _r(fig["detection"]["recall"]),
                "type_accuracy": _r(share([s.predicted_type == s.gold_type for s in scored])),
                "type_macro_f1": _r(macro_f1((s.gold_type or "", s.predicted_type or "NONE") for s in scored)),
                "source_accuracy": _r(share([s.source_ok for s in scored])),
                "target_accuracy": _r(share([s.target_ok for s in scored])),
            }
        )  # fmt: skip
        pooled += scored
    return {"per_fold": per_fold}, pooled


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def plover_summary(pooled: list[Scored], per_fold: list[dict]) -> dict[str, Any]:
    """Pooled figures over all records (type over every record: a miss is a wrong type)."""
    all_typed = [
        Scored(s.item_id, True, True, s.gold_type, s.predicted_type or "NONE", s.source_ok,
               s.target_ok, None, None, s.detail)
        for s in pooled
    ]  # fmt: skip
    summary = with_intervals(all_typed, dated=False)
    detection = figures(pooled, dated=False)["detection"]
    summary["detection_recall"] = {"value": _r(detection["recall"]), "ci95": None}
    summary["detection_precision"] = {
        "value": None,
        "note": "every record holds an event: precision is 1 by construction",
    }
    summary["detection_f1"] = {"value": _r(detection["f1"]), "ci95": None}
    summary["date_accuracy"] = {"value": None, "note": "the gold records carry no event dates"}
    for name in ("type_accuracy", "type_macro_f1", "source_accuracy", "target_accuracy"):
        values = [f[name] for f in per_fold if f[name] is not None]
        mean = sum(values) / len(values)
        sd = (sum((v - mean) ** 2 for v in values) / max(1, len(values) - 1)) ** 0.5
        summary[name]["fold_mean"], summary[name]["fold_sd"] = round(mean, 3), round(sd, 3)
    summary["confusions"] = [
        {"gold": g, "predicted": p, "count": n}
        for (g, p), n in Counter(
            (s.gold_type, s.predicted_type or "NONE") for s in pooled if s.gold_type != s.predicted_type
        ).most_common(12)
    ]  # fmt: skip
    return summary


# --- own sentences (bench/labels/events) -----------------------------------------------------


def read_items(half: str) -> tuple[dict[str, Any], list[dict]]:
    lines = (LABELS / f"{half}.jsonl").read_text(encoding="utf-8").splitlines()
    meta = json.loads(lines[0])["_meta"]
    return meta, [json.loads(line) for line in lines[1:]]


def parsed_articles(items: list[dict], settings: Settings) -> pl.DataFrame:
    """The items' articles as a run parses them (DEDUPED rows, each its own story), checked
    against the labelled bodies so offsets still index into them."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for it in items:
        wanted[it["corpus"]].add(it["doc_id"])
    frames_: list[pl.DataFrame] = []
    parse_settings = settings  # short items are articles (issue 21): no threshold to lower
    for corpus, paths in sorted(wanted.items()):
        for batch in ingest.iter_batches(CORPORA[corpus], parse_settings):
            docs = batch.docs.filter(pl.col("source_path").is_in(sorted(paths)))
            if docs.height:
                parsed, _ = parse.parse_batch(docs, parse_settings)
                frames_.append(parsed)
    articles = pl.concat(frames_)
    bodies = dict(zip(articles["source_path"], articles["body"], strict=True))
    for it in items:
        body = bodies.get(it["doc_id"])
        if body is None or hashlib.sha256(body.encode()).hexdigest() != it["body_sha256"]:
            raise SystemExit(f"{it['item_id']}: the parsed body differs from the labelled one")
    return schema.conform(
        articles.with_columns(
            pl.lit(None, pl.String).alias("duplicate_of"),
            pl.lit(None, pl.String).alias("dup_method"),
            pl.lit(None, pl.Float64).alias("dup_similarity"),
            ("s_" + pl.col("article_id")).alias("story_id"),
        ),
        schema.DEDUPED,
    )


def _main_reports(reports: pl.DataFrame) -> dict[tuple[str, int], dict[str, Any]]:
    """The best-scored report of each (article, sentence); ties go to the first found."""
    best: dict[tuple[str, int], dict[str, Any]] = {}
    for row in reports.with_row_index("_order").iter_rows(named=True):
        key = (row["article_id"], row["sentence_index"])
        if key not in best or row["score"] > best[key]["score"]:
            best[key] = row
    return best


def _actor_in(
    mentions: pl.DataFrame,
    names: dict[str, frozenset[str]],
    article_id: str,
    span: tuple[int, int],
    actor_id: str | None,
) -> Actor | None:
    """The event actor's names and its mentions inside the labelled sentence."""
    if actor_id is None:
        return None
    inside = mentions.filter(
        (pl.col("article_id") == article_id)
        & (pl.col("actor_id") == actor_id)
        & (pl.col("char_start") < span[1])
        & (pl.col("char_end") > span[0])
    )
    return Actor(
        names.get(actor_id, frozenset()),
        tuple(zip(inside["char_start"], inside["char_end"], strict=True)),
    )


def own_items(
    items: list[dict],
    articles: pl.DataFrame,
    result: events.EventResult,
    sentences: pl.DataFrame,
    mentions: pl.DataFrame,
    actors: pl.DataFrame,
) -> list[Scored]:
    """Score every labelled sentence against the events whose reports come from it."""
    ids = dict(zip(articles["source_path"], articles["article_id"], strict=True))
    spans = defaultdict(list)
    for row in sentences.iter_rows(named=True):
        spans[row["article_id"]].append((row["sentence_index"], row["char_start"], row["char_end"]))
    main = _main_reports(result.reports)
    by_event = {r["event_id"]: r for r in result.events.iter_rows(named=True)}
    actor_names = {
        row["actor_id"]: frozenset({norm(row["name"])} | {norm(a) for a in row["aliases"] or []})
        for row in actors.iter_rows(named=True)
    }
    out = []
    for it in items:
        article_id = ids[it["doc_id"]]
        lo, hi = it["sentence"]["start"], it["sentence"]["end"]
        ours = [i for i, s, e in spans[article_id] if s < hi and lo < e]
        reports = [main[(article_id, i)] for i in ours if (article_id, i) in main]
        report = max(reports, key=lambda r: r["score"]) if reports else None
        event = by_event.get(report["event_id"]) if report else None
        gold_events = it["events"]
        gold = None
        source_ok = target_ok = date_ok = strict_ok = None
        if event is not None and gold_events:
            src, tgt = (
                _actor_in(mentions, actor_names, article_id, (lo, hi), event[role])
                for role in ("source_actor_id", "target_actor_id")
            )
            gold, (source_ok, target_ok) = matched_gold(event["event_type"], src, tgt, gold_events)
            date_ok, strict_ok = gold_date_ok(
                gold["date"], event["event_date"], event.get("event_date_precision")
            )
        names = lambda a: sorted(actor_names.get(a, []))[:1] if a else None  # noqa: E731
        out.append(
            Scored(
                item_id=it["item_id"],
                gold_event=bool(gold_events),
                detected=event is not None,
                gold_type=gold["type"] if gold else None,
                predicted_type=event["event_type"] if event else None,
                source_ok=source_ok,
                target_ok=target_ok,
                date_ok=date_ok,
                date_strict_ok=strict_ok,
                background_ok=None
                if gold is None or event is None
                else bool(event.get("background")) == gold["background"],
                detail={
                    "sentence": it["sentence"]["text"],
                    "gold": [
                        {
                            "type": g["type"],
                            "mode": g["mode"],
                            "source": (g["source"] or {}).get("name")
                            or (g["source"] or {}).get("text"),
                            "target": (g["target"] or {}).get("name")
                            or (g["target"] or {}).get("text"),
                            "date": g["date"],
                            "background": g["background"],
                        }
                        for g in gold_events
                    ],
                    "system": None
                    if event is None
                    else {
                        "type": event["event_type"],
                        "mode": event["mode"],
                        "source": names(event["source_actor_id"]),
                        "target": names(event["target_actor_id"]),
                        "date": event["event_date"].isoformat() if event["event_date"] else None,
                        "precision": event.get("event_date_precision"),
                        "background": event.get("background"),
                        "evidence": event["evidence"],
                    },
                },
            )  # fmt: skip
        )
    return out


def run_own(
    half: str, nlp: Any, parser: Any, settings: Settings
) -> tuple[dict[str, Any], list[Scored]]:
    """The real extract and events stages over the half's articles, scored per labelled sentence."""
    meta, items = read_items(half)
    articles = parsed_articles(items, settings)
    registry = resolve.ActorRegistry(settings.thresholds.actor_match_threshold)
    started = time.perf_counter()
    extracted = extract.extract_batch(articles, nlp, registry, settings)
    state = events.EventState.empty()
    actors = registry.frame_of(extracted.mentions["actor_id"])
    # as pipeline.events_step (absent from the code before issue 20, which the baseline runs)
    add_countries = getattr(events, "with_metonym_countries", None)
    actors = add_countries(actors, registry, state) if add_countries else actors
    result = events.detect_events(
        articles,
        extracted.mentions,
        actors,
        extracted.sentences,
        parser,
        state,
        settings,
    )
    seconds = time.perf_counter() - started
    scored = own_items(
        items, articles, result, extracted.sentences, extracted.mentions, registry.to_frame()
    )
    summary = with_intervals(scored)
    summary["labelled_at"] = meta.get("labelled_at")
    summary["spent_at"] = meta.get("spent_at")
    summary["events_in_batch"] = result.events.height
    summary["null_source_share"] = _r(result.events["source_actor_id"].is_null().mean())
    summary["null_target_share"] = _r(result.events["target_actor_id"].is_null().mean())
    summary["seconds_extract_and_events"] = round(seconds, 1)
    summary["confusions"] = [
        {"gold": g, "predicted": p, "count": n}
        for (g, p), n in Counter(
            (s.gold_type, s.predicted_type) for s in scored
            if s.gold_event and s.detected and s.gold_type != s.predicted_type
        ).most_common(12)
    ]  # fmt: skip
    return summary, scored


# --- entry point ---------------------------------------------------------------------------


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, text=True,
                             capture_output=True, check=True)  # fmt: skip
        dirty = subprocess.run(["git", "status", "--porcelain", "src", "data"], cwd=HERE.parent,
                               text=True, capture_output=True, check=True).stdout.strip()  # fmt: skip
        return out.stdout.strip() + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _line(name: str, fig: dict[str, Any]) -> str:
    def cell(key: str) -> str:
        v = fig.get(key) or {}
        value = v.get("value") if isinstance(v, dict) else v
        if value is None:
            return f"{key}=n/a"
        ci = v.get("ci95") if isinstance(v, dict) else None
        return f"{key}={value:.3f}" + (f" [{ci[0]:.3f}-{ci[1]:.3f}]" if ci else "")

    keys = ("detection_precision", "detection_recall", "detection_f1", "type_accuracy",
            "type_macro_f1", "source_accuracy", "target_accuracy", "date_accuracy",
            "background_accuracy")  # fmt: skip
    return f"{name} (n={fig['items']}):\n  " + "\n  ".join(cell(k) for k in keys)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="plover,tune",
                        help="comma-separated: plover, " + ", ".join(OWN_SETS) + " (held-out: report only)")  # fmt: skip
    parser.add_argument("--out", type=Path, default=RESULTS / "event_accuracy.json",
                        help="results file (the sets run are replaced in it)")  # fmt: skip
    parser.add_argument("--errors", type=Path, default=None,
                        help="write the per-item outcomes of tune, PLOVER and spent held-out sets here")  # fmt: skip
    parser.add_argument("--make-folds", action="store_true",
                        help="draw bench/plover_folds.json (once, before any tuning)")  # fmt: skip
    args = parser.parse_args(argv)
    records = read_gsr()
    if args.make_folds:
        folds = make_folds(list(records.values()))
        FOLDS.write_text(json.dumps({"seed": FOLD_SEED, "stratified_by": "event",
                                     "folds": folds}, indent=1) + "\n")  # fmt: skip
        print(f"wrote {FOLDS}")
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    settings = Settings()
    parser_nlp = events.load_parser(settings.spacy_model)
    results = json.loads(args.out.read_text()) if args.out.exists() else {}
    results.update(benchmark="event accuracy (issue 20)", commit=_commit(),
                   measured_at=datetime.now(UTC).isoformat(timespec="seconds"))  # fmt: skip
    dump: dict[str, list[dict]] = {}
    for name in sets:
        if name == "plover":
            folds = json.loads(FOLDS.read_text())["folds"]
            per, pooled = run_plover(parser_nlp, folds, records, settings)
            summary = plover_summary(pooled, per["per_fold"])
            summary["per_fold"] = per["per_fold"]
            results["plover_5fold"] = summary
            print(_line("PLOVER gold records, 5 folds pooled", summary))
            dump["plover"] = [s.__dict__ for s in pooled]
        elif name in OWN_SETS:
            if name != "tune":
                print(f"measuring the held-out set {name}: report these figures, change no code"
                      " for them", file=sys.stderr)  # fmt: skip
            nlp = extract.load_nlp(settings.spacy_model)
            summary, scored = run_own(name, nlp, parser_nlp, settings)
            results[f"own_{name}"] = summary
            print(
                _line(f"own sentences, {name} half (labelled_at {summary['labelled_at']})", summary)
            )
            if name == "tune" or summary.get("spent_at"):  # spent sets may be tuned on
                dump[name] = [s.__dict__ for s in scored]
        else:
            raise SystemExit(f"unknown set {name!r}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    if args.errors is not None:
        args.errors.write_text(json.dumps(dump, indent=1, default=str) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
