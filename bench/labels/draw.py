"""Draw the hand-labelled evaluation samples (mentions, events, stories) from the shared corpora.

    uv run python -m bench.labels.draw

Seeded and deterministic: every choice is a sha256 of the set name and the document's path, never
anything newsflow extracts, so the samples do not favour what the system already handles. Bodies
are the exact text newsflow stores (`ingest` + `parse`, nothing dropped for length), so label
offsets index into `articles.body`. Each item falls into the `tune` or the `heldout` half by the
parity of sha256(item_id) before anything is labelled (LABELLING.md).

Writes bench/labels/<set>/sample.jsonl. Labels are made from these files by reading only
(bench/labels/<set>/GUIDE.md); newsflow's output on them is never shown to a labeller.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import polars as pl

from newsflow import ingest, parse
from newsflow.settings import Settings

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
BBC = SHARED / "bundles" / "bbc-news-2005.tar.gz"
REUTERS = SHARED / "corpora" / "reuters21578.jsonl.gz"
# Reuters windows for the stories set: every crude/ship/nat-gas item of two busy weeks (the US
# raid on Iran's Gulf oil platforms in October, OPEC output and prices in March).
STORY_TOPICS = {"crude", "ship", "nat-gas"}
STORY_WINDOWS = [(date(1987, 10, 15), date(1987, 10, 21)), (date(1987, 3, 9), date(1987, 3, 13))]
STORY_BBC_POLITICS = 150  # the first 150 files of BBC politics (numbered, not ordered by date)
# A fresh held-out set (heldout2.jsonl; heldout.jsonl is spent): other weeks and other topics, none
# of the items above. Reuters trade news of 24-26 Mar 1987 (the US-Japan semiconductor row) and
# every crude/ship/nat-gas item of 17-19 Jun 1987; BBC politics files 151-200.
FRESH_WINDOWS = [
    ({"trade"}, date(1987, 3, 24), date(1987, 3, 26)),
    (STORY_TOPICS, date(1987, 6, 17), date(1987, 6, 19)),
]
FRESH_BBC_POLITICS = (150, 200)
# The third held-out set (heldout3.jsonl; heldout2.jsonl decided two merges): weeks and topics no
# block above uses. Every money-fx/interest item of 7-8 Apr 1987 (49 with text), every grain
# item of 1-3 Apr 1987 (65) and BBC business files 001-050: 164 items, all held out.
FRESH3_WINDOWS = [
    ({"money-fx", "interest"}, date(1987, 4, 7), date(1987, 4, 8)),
    ({"grain"}, date(1987, 4, 1), date(1987, 4, 3)),
]
FRESH3_BBC = ("business", 0, 50)
# The fourth held-out set (heldout4.jsonl; issue 21): again weeks, topics and a BBC section no
# block above uses. Every crude/ship/nat-gas item of 17-18 Mar 1987 (the week of 16 Mar, between
# the two crude weeks above), every money-fx/interest item of 30-31 Mar 1987 (the week before
# the April money block) and BBC entertainment files 001-050.
FRESH4_WINDOWS = [
    (STORY_TOPICS, date(1987, 3, 17), date(1987, 3, 18)),
    ({"money-fx", "interest"}, date(1987, 3, 30), date(1987, 3, 31)),
]
FRESH4_BBC = ("entertainment", 0, 50)
# The fifth held-out set (heldout5.jsonl; issue 21): weeks, topic groups and a BBC section no block
# above uses. Every crude/ship/nat-gas item of 1-2 Jun 1987 (the week of 1 Jun, used by no block),
# every money-fx/interest item of 24-27 Apr 1987 (Friday to Monday; late April is used by no
# block) and BBC sport files 001-050 (sport: a section with follow-ups, unlike business and
# entertainment, which held no story of two articles).
FRESH5_WINDOWS = [
    (STORY_TOPICS, date(1987, 6, 1), date(1987, 6, 2)),
    ({"money-fx", "interest"}, date(1987, 4, 24), date(1987, 4, 27)),
]
FRESH5_BBC = ("sport", 0, 50)
# The sixth held-out set (heldout6.jsonl; issue 21, heldout5.jsonl is spent): weeks, topic groups
# and a BBC section no block above uses. The corpus has no item dated between 30 Jun and 18 Oct
# 1987, so no August or September week can be drawn. Every crude/ship/nat-gas item of 24-25 Mar
# 1987 (the week of 23 Mar, used only by the trade block), every money-fx/interest item of 3-5
# Mar 1987 (the week of 2 Mar, used by no block) and BBC tech files 001-050.
FRESH6_WINDOWS = [
    (STORY_TOPICS, date(1987, 3, 24), date(1987, 3, 25)),
    ({"money-fx", "interest"}, date(1987, 3, 3), date(1987, 3, 5)),
]
FRESH6_BBC = ("tech", 0, 50)


def key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def half(item_id: str) -> str:
    return "heldout" if int(key("half", item_id)[-1], 16) % 2 else "tune"


def parsed(bundle: Path) -> pl.DataFrame:
    """Every document of `bundle` as newsflow parses it (no length limit)."""
    settings = Settings()  # nothing with a word is dropped for length (issue 21)
    frames = []
    for batch in ingest.iter_batches(bundle, settings):
        articles, _ = parse.parse_batch(batch.docs, settings)
        frames.append(articles)
    return pl.concat(frames).select(
        "source_path", "title", "published_date", "dateline", "body", "word_count"
    )


def reuters_meta() -> pl.DataFrame:
    """Reuters topics and dates by line number (the jsonl bundle's `source_path`)."""
    rows = []
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            doc = json.loads(line)
            rows.append(
                {
                    "source_path": f"{REUTERS.name}:{line_no}",
                    "topics": doc.get("topics") or [],
                    "places": doc.get("places") or [],
                }
            )
    return pl.DataFrame(rows)


def item(corpus: str, row: dict, set_name: str, **extra: object) -> dict:
    item_id = extra.pop("item_id", None) or f"{corpus}:{row['source_path']}"
    published = row["published_date"]
    return {
        "item_id": item_id,
        "set": set_name,
        "half": half(item_id),
        "corpus": corpus,
        "doc_id": row["source_path"],
        "title": row["title"],
        "published_date": published.isoformat() if published else None,
        "dateline": row["dateline"],
        "body": row["body"],
        "body_sha256": hashlib.sha256(row["body"].encode()).hexdigest(),
        **extra,
    }


def ranked(frame: pl.DataFrame, set_name: str) -> pl.DataFrame:
    """`frame` ordered by a hash of the set name and path: a seeded shuffle."""
    order = [key(set_name, p) for p in frame["source_path"]]
    return frame.with_columns(pl.Series("_rank", order)).sort("_rank").drop("_rank")


# A sentence ends at . ! ? (optionally closed by a quote or bracket) before white space and an
# upper-case letter, digit or quote, or at a line break. Independent of newsflow's senter.
_SENTENCE_END = re.compile(r"(?<=[.!?])['\")]?\s+(?=[A-Z0-9\"'])|\n+")


def sentences(body: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of `body` with 6-60 words (the title is not in `body`)."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(body + "\n"):
        end = match.start()
        piece = body[start:end]
        lead = len(piece) - len(piece.lstrip())
        s, e = start + lead, start + len(piece.rstrip())
        if e > s:
            spans.append((s, e))
        start = match.end()
    return [(s, e) for s, e in spans if 6 <= len(body[s:e].split()) <= 60]


def draw_mentions(bbc: pl.DataFrame, reuters: pl.DataFrame) -> list[dict]:
    """130 political news articles of 80-700 words: 100 BBC politics, 30 Reuters (trade,
    politics-adjacent topics)."""
    politics = bbc.filter(
        pl.col("source_path").str.contains("/politics/") & pl.col("word_count").is_between(80, 700)
    )
    wire = reuters.filter(
        pl.col("topics")
        .list.eval(pl.element().is_in(["trade", "crude", "ship", "grain"]))
        .list.any()
        & pl.col("word_count").is_between(80, 700)
    )
    out = [item("bbc", r, "mentions") for r in ranked(politics, "mentions").head(100).to_dicts()]
    out += [item("reuters", r, "mentions") for r in ranked(wire, "mentions").head(30).to_dicts()]
    return out


def event_groups(
    bbc: pl.DataFrame, reuters: pl.DataFrame, counts: tuple[int, int, int, int, int]
) -> list[tuple[pl.DataFrame, str, int]]:
    """The events samples' strata, with how many sentences each gives: BBC politics, BBC
    business, other BBC, Reuters on political/trade/energy topics, any Reuters."""
    politics, business, other_bbc, topical, any_wire = counts
    topics = ["trade", "crude", "ship", "money-fx", "grain"]
    return [
        (bbc.filter(pl.col("source_path").str.contains("/politics/")), "bbc", politics),
        (bbc.filter(pl.col("source_path").str.contains("/business/")), "bbc", business),
        (
            bbc.filter(~pl.col("source_path").str.contains("/politics/|/business/")),
            "bbc",
            other_bbc,
        ),
        (
            reuters.filter(pl.col("topics").list.eval(pl.element().is_in(topics)).list.any()),
            "reuters",
            topical,
        ),
        (reuters, "reuters", any_wire),
    ]


def sentence_item(corpus: str, row: dict, salt: str) -> dict | None:
    """An events item: one sentence of the article, picked by a hash of its path under `salt`
    (None for an article with no sentence)."""
    spans = sentences(row["body"])
    if not spans:
        return None
    s, e = spans[int(key(salt, row["source_path"]), 16) % len(spans)]
    return item(
        corpus,
        row,
        "events",
        item_id=f"{corpus}:{row['source_path']}#{s}",
        sentence={"start": s, "end": e, "text": row["body"][s:e]},
    )


def draw_events(bbc: pl.DataFrame, reuters: pl.DataFrame) -> list[dict]:
    """420 sentences, one per article: 200 BBC politics, 60 BBC business, 40 other BBC, 120
    Reuters (80 from political/trade/energy topics, 40 from any)."""
    groups = event_groups(bbc, reuters, (200, 60, 40, 80, 40))
    out: list[dict] = []
    taken: set[str] = set()
    for frame, corpus, count in groups:
        for row in ranked(frame, "events").to_dicts():
            if len([o for o in out if o["_group"] == id(frame)]) >= count:
                break
            if row["source_path"] in taken:
                continue
            entry = sentence_item(corpus, row, "events-sentence")
            if entry is None:
                continue
            taken.add(row["source_path"])
            entry["_group"] = id(frame)
            out.append(entry)
    for entry in out:
        del entry["_group"]
    return out


def _draw_events_fresh(
    bbc: pl.DataFrame,
    reuters: pl.DataFrame,
    earlier: tuple[str, ...],
    others: tuple[tuple[str, str], ...],
    salt: str,
    half_name: str,
    spill_to: int | None = None,
) -> list[dict]:
    """A fresh held-out events set: 200 sentences, one per article, in the first sample's mix
    (90 BBC politics, 30 BBC business, 20 other BBC, 40 Reuters trade/energy/shipping/money/grain,
    20 any Reuters). No article (nor a copy of its body) of the events samples `earlier`; articles
    of the samples `others` ((set, file) pairs) only when a group has run out of others. Articles,
    sentences and order are picked by hashes salted with `salt`; all items are in `half_name`.
    With `spill_to` (a group's index) the places an earlier group cannot fill go to that group,
    so the set keeps 200 items once the earlier samples have used up a stratum."""
    events_samples = [i for f in earlier for i in read_sample("events", f)]
    used = {i["doc_id"] for i in events_samples}
    used_bodies = {i["body_sha256"] for i in events_samples}
    other = {
        i["doc_id"] for set_name, file_name in others for i in read_sample(set_name, file_name)
    }
    groups = event_groups(bbc, reuters, (90, 30, 20, 40, 20))
    out: list[dict] = []
    taken: set[str] = set()
    short = 0
    for index, (frame, corpus, count) in enumerate(groups):
        count += short if index == spill_to else 0
        rows = ranked(frame, salt).to_dicts()
        rows.sort(key=lambda r: r["source_path"] in other)  # stable: fresh articles first
        got = 0
        for row in rows:
            if got >= count:
                break
            body_hash = hashlib.sha256(row["body"].encode()).hexdigest()
            path = row["source_path"]
            if path in used or path in taken or body_hash in used_bodies:
                continue
            entry = sentence_item(corpus, row, f"{salt}-sentence")
            if entry is None:
                continue
            taken.add(row["source_path"])
            used_bodies.add(body_hash)
            out.append(entry)
            got += 1
        if spill_to is not None and index < spill_to:
            short += count - got
    out.sort(key=lambda i: key(f"{salt}-order", i["item_id"]))
    return [{**i, "half": half_name} for i in out]


# The mentions and stories samples: fresh events draws take their articles last.
OTHER_SAMPLES = (
    ("mentions", "sample.jsonl"),
    ("stories", "sample.jsonl"),
    ("stories", "sample2.jsonl"),
    ("stories", "sample3.jsonl"),
    ("stories", "sample4.jsonl"),
)


def draw_events_fresh(bbc: pl.DataFrame, reuters: pl.DataFrame) -> list[dict]:
    """The fresh held-out events set (heldout2.jsonl; heldout.jsonl decided two merges): no
    article of events/sample.jsonl; articles of the mentions and stories samples (1-3) last."""
    others = OTHER_SAMPLES[:4]  # stories sample4 came later: sample2.jsonl stays as drawn
    return _draw_events_fresh(bbc, reuters, ("sample.jsonl",), others, "events-fresh", "heldout2")


def draw_events_fresh3(bbc: pl.DataFrame, reuters: pl.DataFrame) -> list[dict]:
    """The third held-out events set (heldout3.jsonl; heldout2.jsonl decided merges): no article
    (nor a copy of its body) of events/sample.jsonl or sample2.jsonl; articles of the mentions
    and stories samples (1-4) last; its own salts."""
    earlier = ("sample.jsonl", "sample2.jsonl")
    return _draw_events_fresh(bbc, reuters, earlier, OTHER_SAMPLES, "events-fresh3", "heldout3")


def draw_events_fresh4(bbc: pl.DataFrame, reuters: pl.DataFrame) -> list[dict]:
    """The fourth held-out events set (heldout4.jsonl; heldout3.jsonl spent at e28b6e1): no
    article (nor a copy of its body) of events/sample.jsonl, sample2.jsonl or sample3.jsonl;
    articles of the mentions and stories samples (1-4) last; its own salts. The three samples
    use all but 19 of BBC politics' articles (417, some of them copies), so the politics places
    left over go to Reuters on political/trade/energy topics, the next most political stratum."""
    earlier = ("sample.jsonl", "sample2.jsonl", "sample3.jsonl")
    salt = "events-fresh4"
    return _draw_events_fresh(bbc, reuters, earlier, OTHER_SAMPLES, salt, "heldout4", spill_to=3)


def _reuters_block(
    reuters: pl.DataFrame, topics: Iterable[str], lo: date, hi: date, name: str
) -> list[dict]:
    """Every Reuters item of `topics` published from `lo` to `hi`, as one block of stories items."""
    block = reuters.filter(
        pl.col("topics").list.eval(pl.element().is_in(list(topics))).list.any()
        & pl.col("published_date").is_between(lo, hi)
    ).sort("source_path")
    return [item("reuters", r, "stories", block=name) for r in block.to_dicts()]


def draw_stories(bbc: pl.DataFrame, reuters: pl.DataFrame) -> list[dict]:
    """Complete blocks, so that every story in a block is whole: the Reuters windows above and
    the first STORY_BBC_POLITICS files of BBC politics."""
    out = []
    for lo, hi in STORY_WINDOWS:
        out += _reuters_block(reuters, STORY_TOPICS, lo, hi, f"reuters-{lo.isoformat()}")
    politics = bbc.filter(pl.col("source_path").str.contains("/politics/")).sort("source_path")
    out += [
        item("bbc", r, "stories", block="bbc-politics-001")
        for r in politics.head(STORY_BBC_POLITICS).to_dicts()
    ]
    return out


def draw_stories_fresh(bbc: pl.DataFrame, reuters: pl.DataFrame) -> list[dict]:
    """The fresh held-out stories set: complete blocks of FRESH_WINDOWS and FRESH_BBC_POLITICS,
    leaving out any item of the first stories sample; every item is held out."""
    earlier = {i["item_id"] for i in read_sample("stories")}
    out = []
    for topics, lo, hi in FRESH_WINDOWS:
        name = f"reuters-{lo.isoformat()}-{'-'.join(sorted(topics))}"
        out += _reuters_block(reuters, topics, lo, hi, name)
    politics = bbc.filter(pl.col("source_path").str.contains("/politics/")).sort("source_path")
    skip, stop = FRESH_BBC_POLITICS
    out += [
        item("bbc", r, "stories", block=f"bbc-politics-{skip + 1:03d}")
        for r in politics.slice(skip, stop - skip).to_dicts()
    ]
    return [{**i, "half": "heldout2"} for i in out if i["item_id"] not in earlier]


def _fresh_blocks(
    bbc: pl.DataFrame,
    reuters: pl.DataFrame,
    windows: list[tuple[set[str], date, date]],
    bbc_range: tuple[str, int, int],
    earlier_files: tuple[str, ...],
    half_name: str,
) -> list[dict]:
    """Complete blocks of `windows` and one BBC section's files `bbc_range`, leaving out any item
    of the stories samples `earlier_files`; every item is in the held-out half `half_name`."""
    earlier = {i["item_id"] for f in earlier_files for i in read_sample("stories", f)}
    out = []
    for topics, lo, hi in windows:
        name = f"reuters-{lo.isoformat()}-{'-'.join(sorted(topics))}"
        out += _reuters_block(reuters, topics, lo, hi, name)
    section, skip, stop = bbc_range
    files = bbc.filter(pl.col("source_path").str.contains(f"/{section}/")).sort("source_path")
    out += [
        item("bbc", r, "stories", block=f"bbc-{section}-{skip + 1:03d}")
        for r in files.slice(skip, stop - skip).to_dicts()
    ]
    return [{**i, "half": half_name} for i in out if i["item_id"] not in earlier]


def draw_stories_fresh3(bbc: pl.DataFrame, reuters: pl.DataFrame) -> list[dict]:
    """The third held-out stories set: complete blocks of FRESH3_WINDOWS and FRESH3_BBC, leaving
    out any item of sample.jsonl or sample2.jsonl; every item is held out."""
    earlier = ("sample.jsonl", "sample2.jsonl")
    return _fresh_blocks(bbc, reuters, FRESH3_WINDOWS, FRESH3_BBC, earlier, "heldout3")


def draw_stories_fresh4(bbc: pl.DataFrame, reuters: pl.DataFrame) -> list[dict]:
    """The fourth held-out stories set: complete blocks of FRESH4_WINDOWS and FRESH4_BBC, leaving
    out any item of sample.jsonl, sample2.jsonl or sample3.jsonl; every item is held out."""
    earlier = ("sample.jsonl", "sample2.jsonl", "sample3.jsonl")
    return _fresh_blocks(bbc, reuters, FRESH4_WINDOWS, FRESH4_BBC, earlier, "heldout4")


def draw_stories_fresh5(bbc: pl.DataFrame, reuters: pl.DataFrame) -> list[dict]:
    """The fifth held-out stories set: complete blocks of FRESH5_WINDOWS and FRESH5_BBC, leaving
    out any item of sample.jsonl .. sample4.jsonl; every item is held out."""
    earlier = ("sample.jsonl", "sample2.jsonl", "sample3.jsonl", "sample4.jsonl")
    return _fresh_blocks(bbc, reuters, FRESH5_WINDOWS, FRESH5_BBC, earlier, "heldout5")


def draw_stories_fresh6(bbc: pl.DataFrame, reuters: pl.DataFrame) -> list[dict]:
    """The sixth held-out stories set: complete blocks of FRESH6_WINDOWS and FRESH6_BBC, leaving
    out any item of sample.jsonl .. sample5.jsonl; every item is held out."""
    earlier = ("sample.jsonl", "sample2.jsonl", "sample3.jsonl", "sample4.jsonl", "sample5.jsonl")
    return _fresh_blocks(bbc, reuters, FRESH6_WINDOWS, FRESH6_BBC, earlier, "heldout6")


def read_sample(set_name: str, file_name: str = "sample.jsonl") -> list[dict]:
    lines = (HERE / set_name / file_name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sets",
        default="mentions,events,stories",
        help="also: events-fresh (events/sample2.jsonl), events-fresh3 (events/sample3.jsonl), "
        "events-fresh4 (events/sample4.jsonl), "
        "stories-fresh (sample2.jsonl), "
        "stories-fresh3 (sample3.jsonl), stories-fresh4 (sample4.jsonl), "
        "stories-fresh5 (sample5.jsonl), stories-fresh6 (sample6.jsonl)",
    )
    args = parser.parse_args()
    bbc = parsed(BBC)
    reuters = parsed(REUTERS).join(reuters_meta(), on="source_path", how="left")
    drawers = {
        "mentions": (draw_mentions, "sample.jsonl"),
        "events": (draw_events, "sample.jsonl"),
        "events-fresh": (draw_events_fresh, "sample2.jsonl"),
        "events-fresh3": (draw_events_fresh3, "sample3.jsonl"),
        "events-fresh4": (draw_events_fresh4, "sample4.jsonl"),
        "stories": (draw_stories, "sample.jsonl"),
        "stories-fresh": (draw_stories_fresh, "sample2.jsonl"),
        "stories-fresh3": (draw_stories_fresh3, "sample3.jsonl"),
        "stories-fresh4": (draw_stories_fresh4, "sample4.jsonl"),
        "stories-fresh5": (draw_stories_fresh5, "sample5.jsonl"),
        "stories-fresh6": (draw_stories_fresh6, "sample6.jsonl"),
    }
    for name in args.sets.split(","):
        drawer, file_name = drawers[name]
        items = drawer(bbc, reuters)
        out = HERE / name.split("-")[0] / file_name
        out.parent.mkdir(exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for entry in items:
                fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        halves = {
            h: sum(1 for e in items if e["half"] == h)
            for h in ("tune", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6")
        }
        print(f"{name}: {len(items)} items {halves} -> {out.relative_to(HERE.parent.parent)}")


if __name__ == "__main__":
    main()
