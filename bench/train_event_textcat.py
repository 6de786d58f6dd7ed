"""Train the sentence event classifier (issue 20, item 4) from the spent event label sets.

    uv run python -m bench.train_event_textcat --out /tmp/event_textcat

Two spaCy `textcat`s (exclusive classes, bag of words and bigrams, CPU, seconds each): the
detector learns EVENT vs NONE over every labelled sentence (NONE when the guide finds no event
in it); the typer learns the main (first) gold event's PLOVER type over the event sentences
only, so that its probabilities are conditional on there being an event. The seed fixes the initial weights and the batch order, so a re-run on the
same label files gives the same model (`tests/test_event_textcat.py` checks it).

Only the spent sets are read (LABELLING.md): a fresh held-out set is never a training set.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels" / "events"
SPENT_SETS = ("tune", "heldout", "heldout2", "heldout3")
NO_EVENT = "NONE"
EVENT = "EVENT"
SEED = 20261205
EPOCHS = 12
DROPOUT = 0.2


def labelled_sentences(sets: Sequence[str] = SPENT_SETS) -> list[dict[str, Any]]:
    """Every labelled sentence of the sets: its text, article (the CV group) and class."""
    out = []
    for name in sets:
        if name not in SPENT_SETS:
            raise SystemExit(f"{name!r} is not a spent set: it may not be trained on")
        lines = (LABELS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        for line in lines[1:]:
            item = json.loads(line)
            events = item["events"]
            out.append(
                {
                    "set": name,
                    "item_id": item["item_id"],
                    "group": f"{item['corpus']}:{item['doc_id']}",
                    "text": item["sentence"]["text"],
                    "label": events[0]["type"] if events else NO_EVENT,
                    "gold_types": sorted({e["type"] for e in events}),
                }
            )
    return out


def detector_rows(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The detector's training rows: every sentence, EVENT or NONE."""
    return [{**r, "label": NO_EVENT if r["label"] == NO_EVENT else EVENT} for r in rows]


def typer_rows(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The typer's training rows: the event sentences, each its main gold type."""
    return [r for r in rows if r["label"] != NO_EVENT]


BOW = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": True,
    "ngram_size": 2,
    "no_output_layer": False,
    "length": 262144,
}


def blank_textcat(labels: Iterable[str], model: dict[str, Any] = BOW) -> Any:
    """An untrained pipeline: spaCy's tokenizer and one exclusive textcat."""
    import spacy

    nlp = spacy.blank("en")
    textcat: Any = nlp.add_pipe("textcat", config={"model": model})
    for label in sorted(set(labels)):
        textcat.add_label(label)
    return nlp


def train(rows: Sequence[dict[str, Any]], seed: int = SEED, epochs: int = EPOCHS,
          model: dict[str, Any] = BOW, dropout: float = DROPOUT) -> Any:  # fmt: skip
    """A textcat trained on the rows (`text`, `label`), reproducibly for one seed."""
    import spacy
    from spacy.training import Example

    spacy.util.fix_random_seed(seed)
    labels = sorted({r["label"] for r in rows})
    nlp = blank_textcat(labels, model)
    examples = [
        Example.from_dict(
            nlp.make_doc(r["text"]), {"cats": {k: float(k == r["label"]) for k in labels}}
        )
        for r in rows
    ]
    optimizer = nlp.initialize(lambda: examples)
    order = random.Random(seed)
    for _ in range(epochs):
        order.shuffle(examples)
        for start in range(0, len(examples), 16):
            nlp.update(examples[start : start + 16], sgd=optimizer, drop=dropout)
    return nlp


def predict(nlp: Any, texts: Sequence[str]) -> list[dict[str, float]]:
    """Class probabilities per text."""
    return [dict(doc.cats) for doc in nlp.pipe(texts, batch_size=256)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="directory to write the model to")
    parser.add_argument("--seed", type=int, default=SEED, help="initial weights and batch order")
    args = parser.parse_args(argv)
    rows = labelled_sentences()
    for name, part in (("detector", detector_rows(rows)), ("typer", typer_rows(rows))):
        train(part, args.seed).to_disk(args.out / name)
        print(f"{name}: trained on {len(part)} sentences ({', '.join(SPENT_SETS)})")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
