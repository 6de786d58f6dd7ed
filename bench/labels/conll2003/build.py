"""Build the CoNLL-2003 English train and validation documents as text with entity offsets.

    uv run python -m bench.labels.conll2003.build PATH/train.txt PATH/valid.txt

Reads the shared-task files (one `token [pos chunk] tag` line per token, IOB tags, `-DOCSTART-`
between documents, a blank line between sentences) and writes `train.jsonl.gz` and
`valid.jsonl.gz` here: one document a line, `{doc_id, body, mentions: [{start, end, text, type}]}`
with Python string offsets into `body` and types PER, ORG, LOC, MISC. The test split (testb) is
never read: it is kept for independent evaluation (issue 22).

The body is the tokens put back into text: a space between tokens except before closing
punctuation and after opening brackets and quotes, each sentence on its own line and a blank line
between sentences (the headline, the dateline and every sentence become a paragraph), except
that a sentence cut by the source's line wrap ("... defend the Ashes in" / "a six-test series
...") is joined to the next one with a space. Both newsflow and bare spaCy read the same body.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "N'T",
                    "'re", "'ve", "'ll", "'d", "'m", "'", "..."}  # fmt: skip
_NO_SPACE_AFTER = {"(", "[", "{", "$", "`", "``"}
_ENDS = (".", "?", "!", ":", ";", '"', "'", ")")


def read_documents(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents as sentences of (token, tag), from a CoNLL-2003 file."""
    docs: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if not parts:
            if sentence:
                docs[-1].append(sentence)
                sentence = []
            continue
        if parts[0] == "-DOCSTART-":
            docs.append([])
            continue
        if not docs:
            docs.append([])
        sentence.append((parts[0], parts[-1]))
    return [d for d in docs if d]


def _sentence_text(tokens: list[str], quote_open: bool) -> tuple[str, list[tuple[int, int]], bool]:
    """Detokenised sentence, each token's (start, end) in it, and whether a quote is still open
    (quotations run over several sentences)."""
    text, spans, glue = "", [], True
    for tok in tokens:
        closing = tok in _NO_SPACE_BEFORE or (tok == '"' and quote_open)
        if text and not glue and not closing:
            text += " "
        spans.append((len(text), len(text) + len(tok)))
        text += tok
        glue = tok in _NO_SPACE_AFTER or (tok == '"' and not quote_open)
        if tok == '"':
            quote_open = not quote_open
    return text, spans, quote_open


def to_record(doc_id: str, sentences: list[list[tuple[str, str]]]) -> dict:
    """One document's body and its entity spans."""
    body, mentions, quote_open = "", [], False
    for i, sentence in enumerate(sentences):
        text, spans, quote_open = _sentence_text([t for t, _ in sentence], quote_open)
        if i:
            wrapped = not body.endswith(_ENDS) and text[:1].islower()
            body += " " if wrapped else "\n\n"
        offset = len(body)
        body += text
        current: dict | None = None
        for (_, tag), (s, e) in zip(sentence, spans, strict=True):
            kind = tag[2:] if tag != "O" else None
            if kind and tag.startswith("I-") and current and current["type"] == kind:
                current["end"] = offset + e
                continue
            if current:
                mentions.append(current)
                current = None
            if kind:
                current = {"start": offset + s, "end": offset + e, "type": kind}
        if current:
            mentions.append(current)
    for m in mentions:
        m["text"] = body[m["start"] : m["end"]]
    return {"doc_id": doc_id, "body": body, "mentions": mentions}


def build(source: Path, split: str) -> list[dict]:
    """Every document of one split file as a record."""
    return [
        to_record(f"conll2003:{split}:{n:04d}", doc)
        for n, doc in enumerate(read_documents(source), start=1)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path, help="eng.train (train.txt)")
    parser.add_argument("valid", type=Path, help="eng.testa (valid.txt)")
    args = parser.parse_args()
    for split, path in (("train", args.train), ("valid", args.valid)):
        records = build(path, split)
        out = HERE / f"{split}.jsonl.gz"
        with gzip.GzipFile(out, "wb", mtime=0) as fh:
            for record in records:
                fh.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        counts: dict[str, int] = {}
        for record in records:
            for m in record["mentions"]:
                counts[m["type"]] = counts.get(m["type"], 0) + 1
        print(split, len(records), "documents", dict(sorted(counts.items())), "->", out)


if __name__ == "__main__":
    main()
