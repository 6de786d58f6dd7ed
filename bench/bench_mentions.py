"""Mention benchmark (issue 22): PER/ORG/LOC precision, recall and F1 of the warehouse's mentions
and of bare en_core_web_sm over the same texts, in one run, per split.

    uv run python -m bench.bench_mentions                  # CoNLL-2003 validation + own tune half
    uv run python -m bench.bench_mentions --splits conll_train conll_valid tune
    uv run python -m bench.bench_mentions --splits heldout # own held-out half: final figures only

Splits: `conll_train`, `conll_valid` (CoNLL-2003 English train and validation, built by
bench/labels/conll2003/build.py; the test split is never used), `tune` and `heldout`
(bench/labels/mentions, hand-labelled BBC/Reuters political news, GUIDE.md).

* ours: the extraction stage as a run does it (`extract.extract_batch`: rulers, NER, cleaning,
  in-document and cross-document resolution into one ActorRegistry per split); each mention is
  typed by the actor it resolved to, as `mentions join actors` reads in the warehouse:
  PERSON -> PER, ORG/GROUP -> ORG, COUNTRY/PLACE -> LOC;
* bare: `en_core_web_sm` NER alone on the same texts: PERSON -> PER, ORG -> ORG,
  GPE/LOC/FAC -> LOC (its other labels are not PER/ORG/LOC claims).

Scoring (GUIDE.md "Scoring"): a prediction is right when its span equals a gold span exactly
(typed: and its type too). Gold is the PER/ORG/LOC spans; a prediction whose span equals a
neutral gold span (own sets: NORP, demonyms; CoNLL: MISC, which holds the demonyms) counts
neither way. `untyped` scores spans only (the own sets' headline figure), `typed` spans and
types (CoNLL's usual figure). Intervals are 95% bootstrap percentiles over documents.
Writes bench/results/mentions.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import polars as pl
import spacy

from newsflow import schema
from newsflow.extract import extract_batch, load_nlp
from newsflow.resolve import ActorRegistry
from newsflow.settings import Settings

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels"
SPLITS = {
    "conll_train": LABELS / "conll2003" / "train.jsonl.gz",
    "conll_valid": LABELS / "conll2003" / "valid.jsonl.gz",
    "tune": LABELS / "mentions" / "tune.jsonl",
    "heldout": LABELS / "mentions" / "heldout.jsonl",
}
TYPES = ("PER", "ORG", "LOC")
WAREHOUSE_TYPES = {"PERSON": "PER", "ORG": "ORG", "GROUP": "ORG", "COUNTRY": "LOC", "PLACE": "LOC"}
SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
NEUTRAL_TYPES = {"NORP", "MISC"}
BOOTSTRAP = 1000

Span = tuple[int, int, str]


@dataclass
class Document:
    doc_id: str
    body: str
    gold: set[Span]  # PER/ORG/LOC spans
    neutral: set[tuple[int, int]] = field(default_factory=set)  # NORP/MISC spans


def load_split(path: Path) -> tuple[dict, list[Document]]:
    """(the file's _meta or {}, its documents) of a label file (JSON lines, optionally gzipped)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    meta = rows[0]["_meta"] if rows and "_meta" in rows[0] else {}
    docs = []
    for row in rows:
        if "_meta" in row:
            continue
        mentions = row["mentions"]
        docs.append(
            Document(
                row.get("item_id") or row["doc_id"],
                row["body"],
                {(m["start"], m["end"], m["type"]) for m in mentions if m["type"] in TYPES},
                {(m["start"], m["end"]) for m in mentions if m["type"] in NEUTRAL_TYPES},
            )
        )
    return meta, docs


def counts(doc: Document, predicted: Iterable[Span]) -> dict[str, int]:
    """True positives, predictions and gold of one document, typed, untyped and per type.

    Predictions on a neutral span are dropped; a span predicted twice counts once."""
    gold_spans = {(s, e) for s, e, _ in doc.gold}
    pred = {p for p in predicted if (p[0], p[1]) not in doc.neutral or (p[0], p[1]) in gold_spans}
    pred_spans = {(s, e) for s, e, _ in pred}
    out = {
        "typed_tp": len(pred & doc.gold),
        "typed_pred": len(pred),
        "typed_gold": len(doc.gold),
        "untyped_tp": len(pred_spans & gold_spans),
        "untyped_pred": len(pred_spans),
        "untyped_gold": len(gold_spans),
    }
    for t in TYPES:
        gold_t = {g for g in doc.gold if g[2] == t}
        pred_t = {p for p in pred if p[2] == t}
        out[f"{t}_tp"], out[f"{t}_pred"], out[f"{t}_gold"] = (
            len(pred_t & gold_t),
            len(pred_t),
            len(gold_t),
        )
    return out


def prf(tp: float, pred: float, gold: float) -> tuple[float, float, float]:
    """Precision, recall, F1 (0 where undefined)."""
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summarise(per_doc: list[dict[str, int]], seed: int = 22) -> dict:
    """Micro P/R/F1 of every figure (typed, untyped, per type), with bootstrap intervals."""
    keys = ["typed", "untyped", *TYPES]
    table = np.array(
        [[d[f"{k}_{c}"] for k in keys for c in ("tp", "pred", "gold")] for d in per_doc],
        dtype=np.int64,
    ).reshape(len(per_doc), len(keys), 3)
    rng = np.random.default_rng(seed)
    samples = table[rng.integers(0, len(per_doc), size=(BOOTSTRAP, len(per_doc)))].sum(axis=1)
    totals = table.sum(axis=0)
    out = {}
    for i, k in enumerate(keys):
        tp, pred, gold = (int(x) for x in totals[i])
        p, r, f = prf(tp, pred, gold)
        boot = np.array([prf(*s[i]) for s in samples])
        low, high = np.percentile(boot, [2.5, 97.5], axis=0)
        out[k] = {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "precision_ci": [round(low[0], 3), round(high[0], 3)],
            "recall_ci": [round(low[1], 3), round(high[1], 3)],
            "f1_ci": [round(low[2], 3), round(high[2], 3)],
            "true_positives": tp,
            "predicted": pred,
            "gold": gold,
        }
    return out


def articles_frame(bodies: list[str]) -> pl.DataFrame:
    """schema.DEDUPED rows of canonical English articles with these bodies."""
    n = len(bodies)
    data: dict[str, list] = {name: [None] * n for name in schema.DEDUPED.names()}
    data.update(
        article_id=[f"a_{i}" for i in range(n)],
        body=bodies,
        language=["en"] * n,
        bundle_id=["bench"] * n,
        source_path=[str(i) for i in range(n)],
    )
    return pl.DataFrame(data, schema=schema.DEDUPED)


def warehouse_predictions(docs: list[Document], nlp, settings: Settings) -> list[set[Span]]:
    """Each document's mentions as the warehouse types them (mentions joined to actors)."""
    registry = ActorRegistry(settings.thresholds.actor_match_threshold)
    result = extract_batch(articles_frame([d.body for d in docs]), nlp, registry, settings)
    actors = registry.to_frame().select("actor_id", "actor_type")
    joined = result.mentions.join(actors, on="actor_id", how="left")
    out: list[set[Span]] = [set() for _ in docs]
    for article, start, end, actor_type in joined.select(
        "article_id", "char_start", "char_end", "actor_type"
    ).iter_rows():
        out[int(article[2:])].add((start, end, WAREHOUSE_TYPES[actor_type]))
    return out


def bare_predictions(docs: list[Document], bare) -> list[set[Span]]:
    """Each document's en_core_web_sm entities typed PER/ORG/LOC (other labels dropped)."""
    out = []
    for doc in bare.pipe([d.body for d in docs], batch_size=64):
        out.append(
            {
                (e.start_char, e.end_char, SPACY_TYPES[e.label_])
                for e in doc.ents
                if e.label_ in SPACY_TYPES
            }
        )
    return out


def bare_nlp(model: str):
    """The model with its NER alone (its entities are the same as with every component)."""
    components = spacy.load(model).component_names
    return spacy.load(model, exclude=[c for c in components if c != "ner"])


def _examples(docs: list[Document], preds: list[set[Span]], limit: int = 60) -> dict:
    missed, spurious, mistyped = [], [], []
    for doc, pred in zip(docs, preds, strict=True):
        gold_by_span = {(s, e): t for s, e, t in doc.gold}
        for s, e, t in sorted(pred):
            if (s, e) in doc.neutral and (s, e) not in gold_by_span:
                continue
            if (s, e) not in gold_by_span:
                spurious.append(f"{doc.body[s:e]}/{t}")
            elif gold_by_span[(s, e)] != t:
                mistyped.append(f"{doc.body[s:e]}/{gold_by_span[(s, e)]}->{t}")
        pred_spans = {(s, e) for s, e, _ in pred}
        missed += [
            f"{doc.body[s:e]}/{t}" for s, e, t in sorted(doc.gold) if (s, e) not in pred_spans
        ]
    return {"missed": missed[:limit], "spurious": spurious[:limit], "mistyped": mistyped[:limit]}


def measure(split: str, nlp, bare, settings: Settings, examples: bool = True) -> dict:
    """Ours and bare spaCy over one split."""
    meta, docs = load_split(SPLITS[split])
    ours = warehouse_predictions(docs, nlp, settings)
    base = bare_predictions(docs, bare)
    out = {
        "documents": len(docs),
        "gold": {t: sum(1 for d in docs for g in d.gold if g[2] == t) for t in TYPES},
        "label_file": str(SPLITS[split].relative_to(HERE.parent)),
        "labelled_at": meta.get("labelled_at"),
        "spent_at": meta.get("spent_at"),
        "ours": summarise([counts(d, p) for d, p in zip(docs, ours, strict=True)]),
        "bare_spacy": summarise([counts(d, p) for d, p in zip(docs, base, strict=True)]),
    }
    if examples:  # never for the held-out half: its errors must not steer the code
        out["ours_errors"] = _examples(docs, ours)
    return out


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=HERE,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def _line(name: str, fig: dict) -> str:
    return (
        f"{name:>8} P {fig['precision']:.3f} R {fig['recall']:.3f} F1 {fig['f1']:.3f} "
        f"[{fig['f1_ci'][0]:.3f}-{fig['f1_ci'][1]:.3f}]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--splits", nargs="+", default=["conll_valid", "tune"], choices=list(SPLITS)
    )
    parser.add_argument("--out", type=Path, default=HERE / "results" / "mentions.json")
    args = parser.parse_args()
    settings = Settings()
    nlp, bare = load_nlp(settings.spacy_model), bare_nlp(settings.spacy_model)
    out = args.out
    previous = json.loads(out.read_text()) if out.exists() else {}
    splits = dict(previous.get("splits", {}))
    commit = _commit()
    for split in args.splits:
        figures = measure(split, nlp, bare, settings, examples=split != "heldout")
        figures["commit"] = commit
        figures["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        splits[split] = figures
        print(f"{split} (n={figures['documents']}, gold {figures['gold']}, commit {commit})")
        for who in ("ours", "bare_spacy"):
            for key in ("typed", "untyped", *TYPES):
                print(f"  {who:<10}" + _line(key, figures[who][key]))
        for kind, items in figures.get("ours_errors", {}).items():
            print(f"  {kind}: {items[:30]}")
    result = {
        "benchmark": "mentions",
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or "?"},
        "splits": {k: splits[k] for k in SPLITS if k in splits},
    }
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
