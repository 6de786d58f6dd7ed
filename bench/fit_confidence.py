"""Fit `events.confidence` on the blind random audits of the warehouse (issue 20).

    python -m bench.fit_confidence rows BBC.duckdb REUTERS.duckdb   # the training table
    python -m bench.fit_confidence fit                              # the model and its figures
    python -m bench.fit_confidence check AUDIT_DIR BBC.duckdb REUTERS.duckdb  # a fresh audit

`rows` joins each judged item of the random audits (`AUDITS`: tuples drawn from whole-corpus
warehouses and judged against the labelling guide by a session that saw nothing else) to the
same (type, source, target, evidence) tuple in whole-corpus warehouses built by the current
code, and writes what the event row says beside the judgement to
`bench/labels/events/confidence_train.jsonl`. A tuple the current code no longer stores is
left out: the model is for what the warehouse holds now.

`fit` fits an L2-regularised logistic regression of "the event is real and of its type"
(`type_right`) on `newsflow.confidence.features`: the row's features (penalty `LAMBDA`) and
the words of the evidence sentence that `MIN_COUNT` or more training rows hold (penalty
`WORD_PENALTY`, stronger: a word is weak evidence alone). It reports how the model does on each
audit when fitted on the others, with the words counted on the others only (AUC, Brier score,
the share right by predicted band), against the confidence the warehouse stored before
(`old_confidence`), and writes the coefficients to `data/events/confidence.json` and the
figures to `bench/results/confidence.json`. The setting (the row features, `MIN_COUNT` 3,
`WORD_PENALTY` 10) was chosen by that leave-one-audit-out figure on random_audit17-30 before
random_audit31 was judged.

`check` scores the shipped model on an audit it was not fitted on (judged.jsonl of a fresh
random audit, joined to the warehouses it was drawn from): `bench/results/confidence_check.json`,
and its joined rows to `bench/labels/events/confidence_check.jsonl`, from which the tests score
the model again without the warehouses.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

from newsflow import confidence

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "labels" / "events"
TRAIN = LABELS / "confidence_train.jsonl"
CHECK = LABELS / "confidence_check.jsonl"
MODEL = ROOT / "data" / "events" / "confidence.json"
RESULTS = ROOT / "bench" / "results"
AUDITS = ("random_audit17", "random_audit18", "random_audit19", "random_audit20",
          "random_audit24", "random_audit25", "random_audit30")  # fmt: skip
LAMBDA = 1.0  # L2 penalty on every row feature's coefficient (not the intercept)
WORD_PENALTY = 10.0  # L2 penalty on every word's coefficient
MIN_COUNT = 3  # a word is a feature when this many training rows' evidence holds it
BANDS = (0.0, 0.3, 0.5, 0.7, 1.01)

QUERY = """
select e.event_type, s.name as source, t.name as target, e.evidence, e.source_actor_id,
    e.target_actor_id, e.source_generic, e.target_generic, e.mode, e.num_mentions, e.confidence
from events e
left join actors s on s.actor_id = e.source_actor_id
left join actors t on t.actor_id = e.target_actor_id
order by e.event_id
"""


def commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()


def stored(warehouses: dict[str, str]) -> dict[tuple, dict]:
    """The first stored event of each (corpus, type, source, target, evidence) tuple."""
    found: dict[tuple, dict] = {}
    for corpus, path in warehouses.items():
        with duckdb.connect(path, read_only=True) as con:
            frame = pl.from_arrow(con.execute(QUERY).arrow())
        for row in frame.iter_rows(named=True):  # type: ignore[union-attr]
            key = (corpus, row["event_type"], row["source"], row["target"], row["evidence"])
            found.setdefault(key, row)
    return found


def judged_rows(audit_dir: Path, events: dict[tuple, dict]) -> tuple[list[dict], int]:
    """The audit's judged items joined to the stored events; and how many are no longer stored."""
    items = {i["id"]: i for i in json.loads((audit_dir / "items.json").read_text())}
    rows, gone = [], 0
    for line in (audit_dir / "judged.jsonl").read_text().splitlines():
        judged = json.loads(line)
        item = items[judged["id"]]
        key = (item["corpus"], item["event_type"], item["source"], item["target"], item["evidence"])
        row = events.get(key)
        if row is None:
            gone += 1
            continue
        rows.append(
            {
                "audit": audit_dir.name,
                "id": judged["id"],
                "corpus": item["corpus"],
                **{name: row[name] for name in confidence.COLUMNS},
                "old_confidence": row["confidence"],
                "event": bool(judged["event"]),
                "type_right": bool(judged["type_right"]),
                "roles_right": bool(judged["roles_right"]),
            }
        )
    return rows, gone


def write_rows(bbc: str, reuters: str) -> None:
    events = stored({"bbc": bbc, "reuters": reuters})
    lines, gone = [], {}
    for audit in AUDITS:
        rows, gone[audit] = judged_rows(LABELS / audit, events)
        lines += rows
    meta = {
        "_meta": {
            "warehouses_built_at": commit(),
            "audits": list(AUDITS),
            "rows": len(lines),
            "no_longer_stored": gone,
            "note": "each judged audit item joined to the same tuple stored by the code of "
            "warehouses_built_at (bench/fit_confidence.py rows)",
        }
    }
    TRAIN.write_text("\n".join(json.dumps(r) for r in [meta, *lines]) + "\n")
    print(f"{len(lines)} rows; no longer stored: {gone}")


def training_frame(path: Path = TRAIN) -> pl.DataFrame:
    """A table `rows` or `check` wrote (its first line, the metadata, left out)."""
    lines = path.read_text().splitlines()[1:]
    return pl.DataFrame([json.loads(line) for line in lines], infer_schema_length=None)


def vocabulary(frame: pl.DataFrame) -> dict[str, int]:
    """The words `MIN_COUNT` or more rows' evidence holds, in order, by column (from 0)."""
    counts: dict[str, int] = {}
    for sentence in frame["evidence"].to_list():
        for word in confidence.words(sentence):
            counts[word] = counts.get(word, 0) + 1
    kept = sorted(word for word, n in counts.items() if n >= MIN_COUNT)
    return {word: column for column, word in enumerate(kept)}


def penalties(n_words: int) -> np.ndarray:
    """The L2 penalty of each coefficient: none on the intercept, `LAMBDA` on the row features,
    `WORD_PENALTY` on the words."""
    n_rows = len(confidence.feature_names())
    return np.r_[0.0, np.full(n_rows - 1, LAMBDA), np.full(n_words, WORD_PENALTY)]


def fit(x: np.ndarray, y: np.ndarray, penalty: np.ndarray) -> np.ndarray:
    """Coefficients of an L2-regularised logistic regression (Newton's method), each with its
    own penalty."""
    w = np.zeros(x.shape[1])
    ridge = np.diag(penalty)
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        step = np.linalg.solve((x.T * (p * (1 - p))) @ x + ridge, x.T @ (p - y) + ridge @ w)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w


def auc(score: np.ndarray, y: np.ndarray) -> float:
    """Area under the ROC curve (ties count half)."""
    pos, neg = score[y == 1], score[y == 0]
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(wins / (pos.size * neg.size))


def figures(p: np.ndarray, y: np.ndarray) -> dict:
    """AUC, Brier score and the share right in each predicted band."""
    bands = []
    for lo, hi in zip(BANDS, BANDS[1:], strict=False):
        inside = (p >= lo) & (p < hi)
        if inside.any():
            bands.append(
                {
                    "band": f"{lo:.1f}-{min(hi, 1.0):.1f}",
                    "events": int(inside.sum()),
                    "mean_predicted": round(float(p[inside].mean()), 3),
                    "share_right": round(float(y[inside].mean()), 3),
                }
            )
    return {
        "events": int(y.size),
        "share_right": round(float(y.mean()), 3),
        "auc": round(auc(p, y), 3),
        "brier": round(float(np.mean((p - y) ** 2)), 4),
        "brier_constant": round(float(np.mean((y.mean() - y) ** 2)), 4),
        "bands": bands,
    }


def fitted_model(frame: pl.DataFrame) -> dict:
    """The model fitted on every row, and how it did on each audit when fitted on the others."""
    y = frame["type_right"].cast(pl.Float64).to_numpy()
    audits = frame["audit"].to_numpy()
    held = np.zeros(y.size)
    for audit in AUDITS:
        out = audits == audit
        words = vocabulary(frame.filter(~out))
        x = confidence.features(frame, words)
        w = fit(x[~out], y[~out], penalties(len(words)))
        held[out] = 1.0 / (1.0 + np.exp(-(x[out] @ w)))
    old = frame["old_confidence"].cast(pl.Float64).to_numpy()
    words = vocabulary(frame)
    weights = fit(confidence.features(frame, words), y, penalties(len(words)))
    n_rows = len(confidence.feature_names())
    return {
        "what": "probability that an event is real and of its PLOVER type, as a blind judge "
        "with bench/labels/events/GUIDE.md reads its evidence sentence",
        "fitted_at": commit(),
        "fitted_on": json.loads(TRAIN.read_text().splitlines()[0])["_meta"],
        "penalty": LAMBDA,
        "word_penalty": WORD_PENALTY,
        "min_count": MIN_COUNT,
        "coefficients": {
            name: round(float(w), 6)
            for name, w in zip(confidence.feature_names(), weights[:n_rows], strict=True)
        },
        "words": {
            word: round(float(w), 6) for word, w in zip(words, weights[n_rows:], strict=True)
        },
        "leave_one_audit_out": figures(held, y),
        "stored_confidence_before": figures(old, y),
    }


def audited(audit: str) -> set[tuple]:
    """The (corpus, type, source, target, evidence) tuples of an audit's items."""
    items = json.loads((LABELS / audit / "items.json").read_text())
    keys = ("corpus", "event_type", "source", "target", "evidence")
    return {tuple(item[k] for k in keys) for item in items}


def check(audit_dir: Path, bbc: str, reuters: str) -> dict:
    """The shipped model and the stored confidence on a fresh audit's judged items, less any
    tuple a training audit also drew."""
    events = stored({"bbc": bbc, "reuters": reuters})
    trained = set().union(*(audited(audit) for audit in AUDITS))
    rows, gone = judged_rows(audit_dir, {k: v for k, v in events.items() if k not in trained})
    meta = {"_meta": {"warehouses_built_at": commit(), "audit": audit_dir.name, "rows": len(rows)}}
    CHECK.write_text("\n".join(json.dumps(r) for r in [meta, *rows]) + "\n")
    return {
        "audit": audit_dir.name,
        "measured_at": commit(),
        "left_out": f"{gone} items no longer stored or drawn by a training audit too",
        **scored(pl.DataFrame(rows, infer_schema_length=None)),
    }


def scored(frame: pl.DataFrame) -> dict:
    """The shipped model's figures and the stored confidence's on judged rows."""
    y = frame["type_right"].cast(pl.Float64).to_numpy()
    return {
        "model": figures(confidence.probability(frame).to_numpy(), y),
        "stored_confidence": figures(frame["old_confidence"].cast(pl.Float64).to_numpy(), y),
    }


def main(argv: list[str]) -> None:
    if argv[:1] == ["rows"]:
        write_rows(argv[1], argv[2])
    elif argv[:1] == ["fit"]:
        model = fitted_model(training_frame())
        MODEL.write_text(json.dumps(model, indent=1) + "\n")
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "confidence.json").write_text(json.dumps(model, indent=1) + "\n")
        print(
            json.dumps(
                {k: model[k] for k in ("leave_one_audit_out", "stored_confidence_before")}, indent=1
            )
        )
    elif argv[:1] == ["check"]:
        result = check(Path(argv[1]), argv[2], argv[3])
        (RESULTS / "confidence_check.json").write_text(json.dumps(result, indent=1) + "\n")
        print(json.dumps(result, indent=1))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
