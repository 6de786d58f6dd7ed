"""Mention benchmark (issue 22): PER/ORG/LOC precision, recall and F1 of the warehouse's mentions
and of bare en_core_web_sm over the same texts, in one run, per split.

    uv run python -m bench.bench_mentions                  # CoNLL-2003 validation + own tune half
    uv run python -m bench.bench_mentions --splits conll_train conll_valid tune
    uv run python -m bench.bench_mentions --splits heldout # own held-out half: final figures only
    uv run python -m bench.bench_mentions --ablate --splits conll_train conll_valid tune
                                                          # what each rule gains (mention_rules)

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
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import polars as pl
import spacy

from newsflow import schema
from newsflow.extract import LEXICON_PIPE, annotate, extract_batch, load_nlp
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


def warehouse_predictions(
    docs: list[Document], nlp, settings: Settings, annotated: list | None = None
) -> list[set[Span]]:
    """Each document's mentions as the warehouse types them (mentions joined to actors).

    `annotated`: the docs' spaCy annotations made before (to try rules without re-running NER)."""
    registry = ActorRegistry(settings.thresholds.actor_match_threshold)
    frame = articles_frame([d.body for d in docs])
    result = extract_batch(frame, nlp, registry, settings, docs=annotated)
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


def lost_vs_bare(docs: list[Document], ours: list[set[Span]], base: list[set[Span]]) -> dict:
    """Gold mentions bare spaCy gets right (span and type) and ours does not, by what ours did."""
    kinds: dict[str, int] = {}
    examples: dict[str, list[str]] = {}
    for doc, o, b in zip(docs, ours, base, strict=True):
        typed = {(s, e): t for s, e, t in o}
        for s, e, t in sorted((b & doc.gold) - o):
            if (s, e) in typed:
                kind = f"{t} typed {typed[(s, e)]}"
            elif any(ps < e and s < pe for ps, pe, _ in o):
                kind = f"{t} other span"
            else:
                kind = f"{t} not found"
            kinds[kind] = kinds.get(kind, 0) + 1
            examples.setdefault(kind, []).append(doc.body[s:e])
    order = sorted(kinds, key=lambda k: (-kinds[k], k))
    return {
        "total": sum(kinds.values()),
        "by_kind": {k: kinds[k] for k in order},
        "examples": {k: examples[k][:12] for k in order},
    }


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
        out["lost_vs_bare"] = lost_vs_bare(docs, ours, base)
    return out


# Rules of the extraction stage that can be switched off one at a time (Lexicon.off), and the
# entity rulers (pipes of load_nlp), for --ablate.
RULES = {
    "truecase": "all-capitals lines put in the article's case before NER",
    "ruler:known_ruler": "curated actors' names matched before NER",
    "ruler:acronym_ruler": "curated actors' acronyms matched before NER",
    "ruler:country_ruler": "country names and demonyms matched after NER",
    "split_lines": "an entity never crosses a line break",
    "split_person_commas": "a person never crosses a comma",
    "noise_lines": "no mentions in page-furniture lines and after a footer",
    "strip_titles": "titles and honorifics stripped from people's names",
    "country_prefix": "a leading country/demonym stripped from a person ('Iranian X')",
    "person_digits": "trailing tokens without letters stripped from people",
    "junk_words": "entities made only of role, page or filler words dropped",
    "lowercase": "all-lower-case entities dropped",
    "publisher": "the publisher's name in a short byline line dropped",
    "ethnonyms": "peoples and faiths dropped",
    "products": "products and technologies dropped ('iPod', 'Xbox', 'Windows XP')",
    "country_any_label": "a country's name is a COUNTRY whatever NER called it",
    "norp_places": "a NORP entity that is a gazetteer city is a PLACE",
    "inline_acronyms": "acronyms defined in brackets, and their later uses",
    "fac_places": "facilities (FAC: airports, squares, grounds) are PLACE actors",
    "person_places": "a name NER calls PERSON that is a region or big city is a PLACE",
    "office_persons": "... unless an office stands before it ('President Bush')",
    "peerages": "'Lord X', 'Baroness X' kept whole as a person's name",
    "sports_clubs": "in sports reports, places in team positions are clubs (ORG)",
    "club_gazetteer": "in sports reports, regions and cities NER missed are clubs",
    "split_dashes": "an entity never crosses a dash between spaces ('CRICKET - X')",
    "split_versus": "an entity never crosses a lower-case 'v' or 'vs' ('Everton v Sunderland')",
    "org_names": "a name ending in Party/Ministry/Bank/Corp... takes in the capitalised words "
    "(places, demonyms) NER left out before it",
    "capital_governments": "a capital that says or does something is its country's government",
    "org_places": "a one-word ORG that is a region or big city is a PLACE (clubs aside)",
    "honorific_persons": "an ORG shaped like a person ('Ms X', 'Lord X', 'X QC') is a PERSON",
    "acronym_persons": "a one-word PERSON with a digit or in capitals ('MI6', 'BAA') is an ORG",
    "company_forms": "a name ending in a legal form ('John Labatt Ltd') is an ORG",
    "firm_inner_names": "a PERSON or unknown PLACE that is a later word of one firm's name is it ('Labatt')",
    "bracket_firms": "a Reuters bracket ('<Telepanel Inc>') is an ORG; a ticker after the firm is none",
    "norp_parties": "party adherents NER calls NORP ('Conservative') are the party",
    "place_surnames": "a one-word PLACE the gazetteer does not know that is the surname of a "
    "person the article names in full is that person ('O'Gara' beside 'Ronan O'Gara')",
    "surnames": "later bare surnames of people named in full",
    "repeated_names": "later words NER missed that repeat a name of two or more words the "
    "article names ('LTV and AM General' after 'the AM General unit')",
    "person_join": "a one-word name joins the person it is the surname of (becomes PERSON), "
    "places and countries included",
    "short_orgs": "an organisation's short name or acronym joins the full name the article "
    "gave it ('Occidental' -> 'Occidental Petroleum Corp', 'NAO')",
    "firm_short_names": "a one-word PERSON or PLACE that begins the one company name the "
    "article gives is that company ('Dome' after 'Dome Petroleum Ltd')",
    "cued_firms": "a one-word PERSON the article writes like a firm ('oil giant Yukos', 'X, "
    "which', 'X said it') and never like a person is an ORG",
    "batch_firms": "a PERSON name some article of the batch writes with a firm's or club's words "
    "('Chelsea boss', 'oil giant Yukos') and none like a person's is an ORG in every article",
    "legal_tails": "a legal form NER split off its firm joins it back ('Merrill Lynch' + 'and Co "
    "Inc'); alone it is dropped",
}


NLP_RULES = {"truecase"}


def _figures(docs: list[Document], preds: list[set[Span]]) -> dict:
    fig = summarise([counts(d, p) for d, p in zip(docs, preds, strict=True)])
    return {k: fig[k] for k in ("typed", "untyped", *TYPES)}


def ablate(split: str, settings: Settings) -> dict:
    """What each rule gains or loses on one split: figures with every rule, then the change
    (with minus without) in true positives, predictions and F1 when one rule is switched off."""
    _, docs = load_split(SPLITS[split])
    bodies = [d.body for d in docs]
    nlp = load_nlp(settings.spacy_model)
    annotated = list(annotate(bodies, nlp))
    full = _figures(docs, warehouse_predictions(docs, nlp, settings, annotated))
    pipe = nlp.get_pipe(LEXICON_PIPE)
    lex = pipe.lexicon
    out: dict = {"documents": len(docs), "all_rules": full, "rules": {}}
    for rule in RULES:
        if rule.startswith("ruler:"):
            without = load_nlp(settings.spacy_model)
            without.remove_pipe(rule.removeprefix("ruler:"))
            preds = warehouse_predictions(docs, without, settings)
        elif rule in NLP_RULES:  # changes what NER reads: annotate again
            pipe.lexicon = replace(lex, off=frozenset({rule}))
            preds = warehouse_predictions(docs, nlp, settings)
            pipe.lexicon = lex
        else:
            pipe.lexicon = replace(lex, off=frozenset({rule}))
            preds = warehouse_predictions(docs, nlp, settings, annotated)
            pipe.lexicon = lex
        fig = _figures(docs, preds)
        out["rules"][rule] = {
            key: {
                "tp_gained": full[key]["true_positives"] - fig[key]["true_positives"],
                "predictions_added": full[key]["predicted"] - fig[key]["predicted"],
                "f1_gained": round(full[key]["f1"] - fig[key]["f1"], 3),
            }
            for key in ("typed", "untyped", *TYPES)
        }
    return out


def ablation_notes(results: dict[str, dict], commit: str) -> str:
    """The markdown page section of an ablation run."""
    sizes = ", ".join(f"{s} n={r['documents']}" for s, r in results.items())
    return "\n".join(
        [
            f"What each rule of the extraction stage gains, measured at {commit} on the tuning "
            f"splits ({sizes}; the held-out half is never used): the rule is switched off alone, "
            "everything else stays on, and the table gives (with) minus (without): typed "
            "PER/ORG/LOC F1, and in brackets the true and the false mentions it adds (negative: "
            "removes). A rule pays for itself when it gains on the tuning splits. "
            "`python -m bench.bench_mentions --ablate --splits conll_train conll_valid tune`.",
            "",
            ablation_table(results),
        ]
    )


def ablation_table(results: dict[str, dict]) -> str:
    """Markdown: one row per rule, its gain per split (typed F1; true positives / false ones)."""
    splits = list(results)
    head = "| rule | what it does | " + " | ".join(f"{s}: typed F1 gain (tp, fp)" for s in splits)
    lines = [head + " |", "|---" * (2 + len(splits)) + "|"]
    for rule, what in RULES.items():
        cells = []
        for s in splits:
            g = results[s]["rules"][rule]["typed"]
            fp = g["predictions_added"] - g["tp_gained"]
            cells.append(f"{g['f1_gained']:+.3f} ({g['tp_gained']:+d}, {fp:+d})")
        lines.append(f"| `{rule}` | {what} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


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
    parser.add_argument(
        "--ablate",
        action="store_true",
        help="switch each rule off in turn (never on heldout); writes results/mention_rules.json",
    )
    args = parser.parse_args()
    settings = Settings()
    if args.ablate:
        splits_ = [s for s in args.splits if s != "heldout"]
        results = {s: ablate(s, settings) for s in splits_}
        path = args.out.parent / "mention_rules.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        commit = _commit()
        path.write_text(json.dumps({"commit": commit, "splits": results}, indent=2) + "\n")
        path.with_suffix(".md").write_text(ablation_notes(results, commit) + "\n")
        print(ablation_table(results))
        print(f"wrote {path}")
        return
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
