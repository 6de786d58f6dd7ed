"""How newsflow types the event a "strike" word tells (issue 20), on the labelled strike set.

    ./dev python -m bench.bench_strikes --sets tune --out bench/results/strikes.json

Each labelled sentence (bench/labels/strikes/<half>.jsonl) runs through the real extract and
events stages of its article. `reports.sentence_candidates` is wrapped, not changed, to see
each candidate's trigger: a candidate whose trigger is a form of "strike" inside the labelled
sentence counts when a report of its type from that sentence survives into the events (the
type is the join key, so another trigger of the same type in the sentence would count too).
Scores, per gold label: `labour` -> share typed PROTEST (and not ASSAULT), `military` ->
share typed ASSAULT, `other` -> share with no strike-triggered ASSAULT or PROTEST; and the
accuracy over all items, with a bootstrap interval. The same scores are given for the type
`Lexicon.trigger` gives each strike word of the sentence parsed alone (`lexical`): the typing
decision without the role and gate stages, which drop most strike sentences. The held-out half is measured only to
report (LABELLING.md).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench import spied_events
from bench.bench_event_accuracy import parsed_articles
from bench.labels.strikes import STRIKE_FORM
from newsflow import events, extract
from newsflow.settings import Settings

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels" / "strikes"
RESULTS = HERE / "results"
TYPED = ("ASSAULT", "PROTEST")


def read_half(half: str) -> tuple[dict[str, Any], list[dict]]:
    lines = (LABELS / f"{half}.jsonl").read_text(encoding="utf-8").splitlines()
    return json.loads(lines[0])["_meta"], [json.loads(line) for line in lines[1:]]


def correct(label: str, types: set[str]) -> bool:
    """Whether the strike word's surviving event types fit the gold label."""
    if label == "labour":
        return "PROTEST" in types and "ASSAULT" not in types
    if label == "military":
        return "ASSAULT" in types
    return not types & set(TYPED)


def strike_types(
    items: list[dict], nlp: Any, parser: Any, settings: Settings
) -> list[tuple[set[str], set[str]]]:
    """Per item, the types of the surviving events triggered by a strike word in its sentence,
    and the types of every candidate a strike word triggered there (to read the errors)."""
    articles = parsed_articles(items, settings)
    # (article_id, sentence_index) -> [(trigger offset in the body, type)]
    triggered: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
    current: dict[str, Any] = {}
    sentence_candidates, candidates_in_doc = spied_events.originals()

    def spy_sentence(doc: Any, mentions: list[Any], lexicon: Any, *, sports: bool) -> Any:
        out = sentence_candidates(doc, mentions, lexicon, sports=sports)
        row = current["row"]
        for found in out:
            trigger = found[5]
            if STRIKE_FORM.fullmatch(trigger.text):
                key = (row["article_id"], row["sentence_index"])
                triggered[key].append((row["sentence_start"] + trigger.idx, found[0]))
        return out

    def spy_doc(doc: Any, row: dict[str, Any], *args: Any) -> Any:
        current["row"] = row
        return candidates_in_doc(doc, row, *args)

    result = spied_events.run_spied(articles, nlp, parser, settings, spy_sentence, spy_doc).result
    survived = {
        (r["article_id"], r["sentence_index"], r["event_type"])
        for r in result.reports.join(
            result.events.select("event_id", "event_type"), on="event_id"
        ).iter_rows(named=True)
    }
    ids = dict(zip(articles["source_path"], articles["article_id"], strict=True))
    out = []
    for it in items:
        lo, hi = it["sentence"]["start"], it["sentence"]["end"]
        article_id = ids[it["doc_id"]]
        found = [
            (kind, (a, s, kind) in survived)
            for (a, s), triggers in triggered.items()
            if a == article_id
            for offset, kind in triggers
            if lo <= offset < hi
        ]
        out.append(({k for k, kept in found if kept}, {k for k, _ in found}))
    return out


def lexical_types(items: list[dict], parser: Any, lexicon: Any) -> list[set[str]]:
    """Per item, the types the lexicon gives the strike words of its sentence parsed alone:
    the typing decision by itself, whether or not an event with roles comes out of it."""
    out = []
    for doc in parser.pipe(it["sentence"]["text"] for it in items):
        found = (lexicon.trigger(t) for t in doc if STRIKE_FORM.fullmatch(t.text))
        out.append({f[0] for f in found if f is not None})
    return out


def interval(hits: list[bool], rounds: int = 1000, seed: int = 22) -> list[float]:
    """A 95% bootstrap interval of the share of hits."""
    rng = random.Random(seed)
    shares = sorted(sum(rng.choices(hits, k=len(hits))) / len(hits) for _ in range(rounds))
    return [round(shares[int(0.025 * rounds)], 3), round(shares[int(0.975 * rounds) - 1], 3)]


def summary(items: list[dict], found: list[tuple[set[str], set[str]]]) -> dict[str, Any]:
    """Per-label shares and overall accuracy, with the errors to read."""
    types = [kept for kept, _ in found]
    hits = [correct(it["label"], t) for it, t in zip(items, types, strict=True)]
    per_label = {}
    for label in ("labour", "military", "other"):
        mine = [h for it, h in zip(items, hits, strict=True) if it["label"] == label]
        per_label[label] = {
            "n": len(mine),
            "share": round(sum(mine) / len(mine), 3) if mine else None,
        }
    return {
        "n": len(items),
        "accuracy": round(sum(hits) / len(hits), 3),
        "interval": interval(hits),
        "per_label": per_label,
        "errors": [
            {"item_id": it["item_id"], "label": it["label"], "system": sorted(t),
             "candidates": sorted(c), "sentence": it["sentence"]["text"]}
            for it, (t, c), h in zip(items, found, hits, strict=True) if not h
        ],
    }  # fmt: skip


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="tune", help="comma-separated halves: tune,heldout")
    parser.add_argument("--out", type=Path, default=RESULTS / "strikes.json", help="results file")
    args = parser.parse_args(argv)
    settings = Settings()
    nlp, parser_nlp = (
        extract.load_nlp(settings.spacy_model),
        events.load_parser(settings.spacy_model),
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    out: dict[str, Any] = {"commit": commit}
    for half in args.sets.split(","):
        meta, items = read_half(half)
        fig = summary(items, strike_types(items, nlp, parser_nlp, settings))
        lexical = lexical_types(items, parser_nlp, events.EventState.empty().lexicon)
        fig["lexical"] = summary(items, [(t, t) for t in lexical])
        fig["labelled_at"] = meta["labelled_at"]
        if half != "tune":  # measured only to report: its errors are not written out to read
            fig.pop("errors")
            fig["lexical"].pop("errors")
        out[half] = fig
        shares = ", ".join(f"{k} {v['share']} (n={v['n']})" for k, v in fig["per_label"].items())
        print(f"strikes {half} (n={fig['n']}, labelled_at {meta['labelled_at']}, at {commit}): "
              f"accuracy {fig['accuracy']} {fig['interval']}; {shares}")  # fmt: skip
        lex = fig["lexical"]
        shares = ", ".join(f"{k} {v['share']}" for k, v in lex["per_label"].items())
        print(f"  the strike word's lexicon type alone: accuracy {lex['accuracy']} "
              f"{lex['interval']}; {shares}")  # fmt: skip
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    main()
