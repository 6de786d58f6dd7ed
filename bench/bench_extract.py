"""Extraction benchmark (issue 6): throughput vs bare spaCy NER, mention precision/recall.

    uv run python -m bench.bench_extract [--docs 600]

* throughput: `extract_batch` (senter + rulers + NER + cleaning + resolution) over BBC 2005
  articles, as a ratio to bare spaCy NER-only `nlp.pipe` over the same texts, timed in this run;
* mention precision/recall against bench/labels/extract_mentions.jsonl (45 BBC/Reuters articles
  the curated lists were tuned on: a development set, not a held-out one). 15 of them were once
  called held out, but the commit after their labelling (7c9a2be) tuned extract.py on them
  (issue 26); they are tuning data. Gold spans are every occurrence of a labelled name, the
  longest label winning where labels nest; spans of "ignore" strings count neither way. Matching
  is by exact offsets. Held-out mention figures with offset labels: bench/bench_mentions.py.
Writes bench/results/extract.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import tarfile
import time
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import spacy

from newsflow import schema
from newsflow.extract import extract_batch, load_nlp
from newsflow.resolve import ActorRegistry
from newsflow.settings import Settings

HERE = Path(__file__).resolve().parent
BBC = Path("/work/shared/bundles/bbc-news-2005.tar.gz")
LABELS = {
    # 45 articles read while tuning the word lists and curated actors (a development set)
    "dev": HERE / "labels" / "extract_mentions.jsonl",
}


def bbc_texts(limit: int) -> list[str]:
    texts = []
    with tarfile.open(BBC) as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".txt") and "README" not in member.name:
                texts.append(tar.extractfile(member).read().decode("utf-8", "replace"))
    texts.sort()
    return texts[:: max(1, len(texts) // limit)][:limit]


def deduped(bodies: list[str]) -> pl.DataFrame:
    n = len(bodies)
    data = {name: [None] * n for name in schema.DEDUPED.names()}
    data.update(
        article_id=[f"a_{i}" for i in range(n)],
        body=bodies,
        language=["en"] * n,
        bundle_id=["bench"] * n,
        source_path=[str(i) for i in range(n)],
    )
    return pl.DataFrame(data, schema=schema.DEDUPED)


def throughput(texts: list[str], settings: Settings) -> dict:
    bare = spacy.load(
        settings.spacy_model,
        exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"],
    )
    nlp = load_nlp(settings.spacy_model)
    frame = deduped(texts)
    for _ in bare.pipe(texts[:20]):  # warm both
        pass
    extract_batch(frame.head(20), nlp, ActorRegistry(), settings)
    # alternate the two over chunks so load from other processes hits both alike
    bare_s = ours_s = 0.0
    ents = mentions = 0
    registry = ActorRegistry()
    step = 100
    for i in range(0, len(texts), step):
        t0 = time.perf_counter()
        ents += sum(len(doc.ents) for doc in bare.pipe(texts[i : i + step], batch_size=64))
        bare_s += time.perf_counter() - t0
        t0 = time.perf_counter()
        result = extract_batch(frame.slice(i, step), nlp, registry, settings)
        ours_s += time.perf_counter() - t0
        mentions += result.mentions.height
    words = sum(len(t.split()) for t in texts)
    return {
        "docs": len(texts),
        "words": words,
        "bare_ner_seconds": round(bare_s, 3),
        "extract_seconds": round(ours_s, 3),
        "bare_ner_words_per_s": round(words / bare_s),
        "extract_words_per_s": round(words / ours_s),
        "throughput_ratio_vs_bare_ner": round(bare_s / ours_s, 3),
        "bare_entities": ents,
        "mentions": mentions,
        "actors": len(registry),
        "pipeline": nlp.pipe_names,
    }


def gold_spans(body: str, names: list[str]) -> set[tuple[int, int]]:
    spans = set()
    for name in names:
        pattern = r"(?<![\w])" + r"\s+".join(map(re.escape, name.split())) + r"(?![\w])"
        spans |= {m.span() for m in re.finditer(pattern, body)}
    return {s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)}


def precision_recall(nlp, settings: Settings, labels: Path) -> dict:
    rows = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines()]
    frame = deduped([r["body"] for r in rows])
    registry = ActorRegistry()
    result = extract_batch(frame, nlp, registry, settings)
    types = dict(
        zip(registry.to_frame()["actor_id"], registry.to_frame()["actor_type"], strict=True)
    )
    totals = {"all": [0, 0, 0], "no_place": [0, 0, 0]}  # true positives, predicted, gold
    misses, spurious = [], []
    for i, row in enumerate(rows):
        body = row["body"]
        by_type = row["mentions"]
        gold_all = gold_spans(body, [n for names in by_type.values() for n in names])
        gold_place = gold_spans(body, by_type.get("PLACE", []))
        ignored = gold_spans(body, row["ignore"])
        pred = result.mentions.filter(pl.col("article_id") == f"a_{i}")
        pred_spans = {
            (s, e): types[a]
            for s, e, a in zip(pred["char_start"], pred["char_end"], pred["actor_id"], strict=True)
        }
        pred_all = {
            s for s in pred_spans
            if s in gold_all or not any(ig[0] <= s[0] and s[1] <= ig[1] for ig in ignored)
        }  # fmt: skip
        for key, gold, predicted in (
            ("all", gold_all, pred_all),
            (
                "no_place",
                gold_all - gold_place,
                {s for s in pred_all if pred_spans[s] != "PLACE" and s not in gold_place},
            ),
        ):
            totals[key][0] += len(gold & predicted)
            totals[key][1] += len(predicted)
            totals[key][2] += len(gold)
        misses += [body[s:e] for s, e in sorted(gold_all - pred_all)]
        spurious += [body[s:e] for s, e in sorted(pred_all - gold_all)]
    out = {}
    for key, (tp, n_pred, n_gold) in totals.items():
        p, r = tp / n_pred, tp / n_gold
        out[key] = {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3),
            "true_positives": tp,
            "predicted": n_pred,
            "gold": n_gold,
        }
    out["articles"] = len(rows)
    out["missed_examples"] = misses[:40]
    out["spurious_examples"] = spurious[:40]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=600, help="BBC articles for the throughput run")
    args = parser.parse_args()
    settings = Settings()
    speed = throughput(bbc_texts(args.docs), settings)
    nlp = load_nlp(settings.spacy_model)
    quality = {name: precision_recall(nlp, settings, path) for name, path in LABELS.items()}
    result = {
        "benchmark": "extract",
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or "?"},
        "throughput": speed,
        "mentions": quality,
    }
    out = HERE / "results" / "extract.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in speed.items() if k != "pipeline"}, indent=1))
    for name, q in quality.items():
        print(name, json.dumps({k: q[k] for k in ("all", "no_place")}, indent=1))
        print("missed:", q["missed_examples"])
        print("spurious:", q["spurious_examples"])
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
