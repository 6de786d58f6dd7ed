"""Where the events stage loses each missed gold event (issue 20): a table of stages.

    uv run python -m bench.event_misses --sets heldout,heldout2 --out /tmp/misses.json

For every labelled sentence with a gold event and no report (a detection false negative) of a
spent or tuning set, the first stage that loses it:

* `no sentence`: no newsflow sentence overlaps the labelled one (split);
* `gate: no role actor`: the sentence has no actor, pronoun or generic agent to take a role;
* `gate: no cue word`: it has no word that can make a trigger (`TriggerCues`);
* `no trigger word`: parsed, no token's lemma is in the lexicon;
* `lemma found, sense rejects`: a lexicon lemma whose part of speech or sense
  (`senses`, `Lexicon.trigger`) names no event here;
* `trigger found, no actor role`: every trigger's source and target are empty;
* `trigger found, dropped by a rule`: a trigger has a role but `sentence_candidates` drops it
  (`_no_event`, a suppression);
* `report made, lost later`: a candidate came out of the sentence but no report survived.

Only `tune` and the spent sets (`READABLE`: add a set when its file gets `spent_at`) are read;
the held-out sets stay unopened (LABELLING.md). The stage functions are wrapped, not changed, to see what each call returned.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import polars as pl

from bench import spied_events
from bench.bench_event_accuracy import own_items, parsed_articles, read_items
from newsflow import events, extract, roles
from newsflow.settings import Settings

READABLE = ("tune", "heldout", "heldout2", "heldout3")  # spent sets only (heldout4 is held out)


class _EveryCue:
    """Cues that let every sentence through, to tell the actor gate from the cue gate."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def words(self, lower: pl.Expr) -> pl.Expr:
        return self.real.words(lower)

    def match(self, words: set[str]) -> bool:
        return True


def _trigger_stage(doc: Any, mentions: list[Any], lexicon: Any) -> tuple[str, list[str]]:
    """The stage of a parsed sentence with no candidate, and what each lexicon word became."""
    by_token = {i: m for m in mentions for i in m.tokens}
    lemmas = {lemma for lemma, _ in lexicon.words} | {lemma for lemma, _ in lexicon.phrasal}
    words = [t for t in doc if t.lemma_.lower() in lemmas | lexicon.reporting_verbs]
    notes, with_role, found = [], False, False
    for token in words:
        typed = lexicon.trigger(token)
        if typed is None:
            notes.append(f"{token.text}/{token.pos_}: no event")
            continue
        found = True
        verbal = token.pos_ in ("VERB", "AUX")
        sources, targets = (roles._verb_roles if verbal else roles._noun_roles)(
            token, typed[0], by_token, lexicon
        )
        with_role |= bool(sources or targets)
        notes.append(f"{token.text}/{token.pos_}/{token.dep_}: {typed[0]} "
                     f"sources={len(sources)} targets={len(targets)}")  # fmt: skip
    if not words:
        return "no trigger word", notes
    if not found:
        return "lemma found, sense rejects", notes
    return (
        "trigger found, dropped by a rule" if with_role else "trigger found, no actor role"
    ), notes


def misses(half: str, nlp: Any, parser: Any, settings: Settings) -> list[dict[str, Any]]:
    """Every missed gold event sentence of one set, with its stage."""
    if half not in READABLE:
        raise SystemExit(f"{half} is not a spent set: it is not opened here (LABELLING.md)")
    _, items = read_items(half)
    parsed: dict[str, tuple[Any, list[Any]]] = {}
    made: set[tuple[str, int]] = set()
    sentence_candidates, candidates_in_doc = spied_events.originals()

    def spy_sentence(doc: Any, mentions: list[Any], lexicon: Any, *, sports: bool) -> Any:
        parsed[doc.text] = (doc, mentions)
        return sentence_candidates(doc, mentions, lexicon, sports=sports)

    def spy_doc(doc: Any, row: dict[str, Any], *args: Any) -> Any:
        out = candidates_in_doc(doc, row, *args)
        if out:
            made.add((row["article_id"], row["sentence_index"]))
        return out

    articles = parsed_articles(items, settings)
    run = spied_events.run_spied(articles, nlp, parser, settings, spy_sentence, spy_doc)
    ex, registry, state, actors, result = (
        run.extracted,
        run.registry,
        run.state,
        run.actors,
        run.result,
    )
    scored = own_items(items, articles, result, ex.sentences, ex.mentions, registry.to_frame())
    gate = {}
    real: Any = state.cues  # set by the run above
    every: Any = _EveryCue(real)  # duck-typed TriggerCues: `words` and `match`
    for name, cues in (("all", every), ("real", real)):
        frame = events.sentences_to_parse(
            articles, ex.mentions, actors, ex.sentences, cues, state.gazetteer, state.lexicon.seats
        )
        keys = zip(frame["article_id"], frame["sentence_index"], strict=True)
        gate[name] = dict(zip(keys, frame["text"], strict=True))
    ids = dict(zip(articles["source_path"], articles["article_id"], strict=True))
    spans = defaultdict(list)
    for row in ex.sentences.iter_rows(named=True):
        spans[row["article_id"]].append((row["sentence_index"], row["char_start"], row["char_end"]))
    by_id = {it["item_id"]: it for it in items}
    out = []
    for s in scored:
        if not s.gold_event or s.detected:
            continue
        it = by_id[s.item_id]
        article_id = ids[it["doc_id"]]
        lo, hi = it["sentence"]["start"], it["sentence"]["end"]
        ours = [(article_id, i) for i, a, b in spans[article_id] if a < hi and lo < b]
        notes: list[str] = []
        if not ours:
            stage = "no sentence"
        elif not any(k in gate["all"] for k in ours):
            stage = "gate: no role actor"
        elif not any(k in gate["real"] for k in ours):
            stage = "gate: no cue word"
        elif any(k in made for k in ours):
            stage = "report made, lost later"
        else:
            key = next(k for k in ours if k in gate["real"])
            stage, notes = _trigger_stage(*parsed[gate["real"][key]], state.lexicon)
        out.append({"set": half, "item_id": s.item_id, "stage": stage,
                    "sentence": it["sentence"]["text"], "gold": s.detail["gold"],
                    "note": it.get("note"), "triggers": notes})  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="heldout,heldout2",
                        help="comma-separated spent sets (or tune)")  # fmt: skip
    parser.add_argument("--out", type=Path, required=True, help="per-miss JSON written here")
    args = parser.parse_args(argv)
    settings = Settings()
    parser_nlp = events.load_parser(settings.spacy_model)
    nlp = extract.load_nlp(settings.spacy_model)
    rows = [m for half in args.sets.split(",") for m in misses(half, nlp, parser_nlp, settings)]
    args.out.write_text(json.dumps(rows, indent=1, default=str) + "\n", encoding="utf-8")
    table = Counter((r["stage"], r["set"]) for r in rows)
    sets = args.sets.split(",")
    print(f"{'stage':36s}" + "".join(f"{s:>10s}" for s in sets) + f"{'all':>6s}")
    for stage in sorted(
        {r["stage"] for r in rows}, key=lambda x: -sum(table[(x, s)] for s in sets)
    ):
        counts = [table[(stage, s)] for s in sets]
        print(f"{stage:36s}" + "".join(f"{n:>10d}" for n in counts) + f"{sum(counts):>6d}")


if __name__ == "__main__":
    main()
