"""The third and fourth held-out events sets are fresh and whole (issue 20,
bench/labels/events/GUIDE.md).

Reads only the committed sample, pass and label files (no newsflow output): a held-out sentence
from an article an earlier sample already holds, or a label whose offsets miss its words, would
make the set measure something else than it says.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import polars as pl
import pytest

from bench.labels import assemble, draw

EVENTS = Path(__file__).resolve().parents[1] / "bench" / "labels" / "events"


def _rows(name: str) -> list[dict]:
    return assemble.read_jsonl(EVENTS / name)


def _check_rows(rows: list[dict], half: str) -> None:
    """Each row of a held-out file: its half, its body as hashed, its sentence and every
    labelled actor span inside the body where they say."""
    for row in rows:
        assert row["half"] == half
        assert hashlib.sha256(row["body"].encode()).hexdigest() == row["body_sha256"]
        s, e = row["sentence"]["start"], row["sentence"]["end"]
        assert row["body"][s:e] == row["sentence"]["text"]
        for event in row["events"]:
            for actor in (event["source"], event["target"]):
                if actor is not None:
                    assert s <= actor["start"] < actor["end"] <= e, row["item_id"]
                    assert row["body"][actor["start"] : actor["end"]] == actor["text"]


def test_heldout3_labels_every_drawn_sentence_once_in_draw_order():
    meta, *rows = _rows("heldout3.jsonl")
    sample = _rows("sample3.jsonl")
    assert [r["item_id"] for r in rows] == [s["item_id"] for s in sample]
    assert meta["_meta"]["items"] == len(rows) == 200
    assert meta["_meta"]["spent_at"] == "9d93305"  # opened for analysis and training (events19)
    assert meta["_meta"]["labellers"] == ["e7"]
    _check_rows(rows, "heldout3")


def test_heldout4_labels_every_drawn_sentence_once_in_draw_order():
    """heldout4.jsonl holds pass e8's labels of every sentence of sample4.jsonl, in draw order,
    each actor span inside its sentence, and is still held out (spent_at null)."""
    meta, *rows = _rows("heldout4.jsonl")
    sample = _rows("sample4.jsonl")
    assert [r["item_id"] for r in rows] == [s["item_id"] for s in sample]
    assert meta["_meta"]["items"] == len(rows) == 200
    assert meta["_meta"]["spent_at"] is None
    assert meta["_meta"]["labellers"] == ["e8"]
    assert meta["_meta"]["labelled_at"] == "bc1f3b5"  # the commit that drew sample4.jsonl
    passed = _rows("passes/e8.jsonl")
    assert [p["item_id"] for p in passed] == [s["item_id"] for s in sample]  # one pass, in order
    _check_rows(rows, "heldout4")


def test_e9_second_pass_labels_the_first_60_items_of_sample4_in_order():
    """passes/e9.jsonl is the blind second pass over heldout4's items 0-59 (GUIDE.md, "Agreement
    (e9 vs e8, items 0-59)"): exactly those items, in file order, each actor span on its words in
    its sentence, so --fresh-events4-agreement pairs every item with e8's label of it."""
    sample = {s["item_id"]: s for s in _rows("sample4.jsonl")[:60]}
    passed = _rows("passes/e9.jsonl")
    assert [p["item_id"] for p in passed] == list(sample)
    assert {p["labeller"] for p in passed} == {"e9"}
    for p in passed:
        item = sample[p["item_id"]]
        s, e = item["sentence"]["start"], item["sentence"]["end"]
        for event in p["events"]:
            for actor in (event["source"], event["target"]):
                if actor is not None:
                    assert s <= actor["start"] < actor["end"] <= e, p["item_id"]
                    assert item["body"][actor["start"] : actor["end"]] == actor["text"]


@pytest.mark.parametrize(
    ("sample", "earlier_files", "politics", "reuters"),
    [
        ("sample3.jsonl", ("sample.jsonl", "sample2.jsonl"), 90, 60),
        ("sample4.jsonl", ("sample.jsonl", "sample2.jsonl", "sample3.jsonl"), 19, 131),
    ],
)
def test_fresh_samples_share_no_article_or_body_with_earlier_events_samples(
    sample, earlier_files, politics, reuters
):
    """No article of sample3.jsonl (sample4.jsonl), nor a copy of its body, is in an earlier
    events sample; in sample4 the politics places the earlier samples left no article for went
    to Reuters topical."""
    earlier = [r for f in earlier_files for r in _rows(f)]
    fresh = _rows(sample)
    assert len({r["doc_id"] for r in fresh}) == len(fresh) == 200
    assert not {r["doc_id"] for r in fresh} & {r["doc_id"] for r in earlier}
    assert not {r["body_sha256"] for r in fresh} & {r["body_sha256"] for r in earlier}
    groups = Counter(
        "reuters" if r["corpus"] == "reuters" else r["doc_id"].split("/")[1] for r in fresh
    )
    assert groups["politics"] == politics and groups["business"] == 30
    assert groups["reuters"] == reuters


def test_own_sets_of_the_accuracy_bench_include_heldout4():
    """`bench_event_accuracy --sets heldout4` is accepted: every own set it runs by name has
    its label file, whose half is that name."""
    from bench import bench_event_accuracy

    assert "heldout4" in bench_event_accuracy.OWN_SETS
    for name in bench_event_accuracy.OWN_SETS:
        assert _rows(f"{name}.jsonl")[0]["_meta"]["half"] == name


def _article(path: str, body: str, topics: list[str] | None = None) -> dict:
    row = {
        "source_path": path,
        "title": path,
        "published_date": None,
        "dateline": None,
        "body": body,
        "word_count": len(body.split()),
    }
    return row if topics is None else {**row, "topics": topics, "places": []}


def test_fresh_events_draw_leaves_out_earlier_articles_and_copies_of_their_bodies():
    """An article of an earlier events sample, and another article with its body (or with the
    body of an article already drawn), are never drawn; every other article gives one sentence
    in the named held-out half."""
    taken = _rows("sample.jsonl")[0]
    text = "The minister met the union leaders in {} on Monday to discuss pay."
    bbc = pl.DataFrame(
        [
            _article(taken["doc_id"], text.format("Leeds")),
            _article("bbc/politics/copy.txt", taken["body"]),
            _article("bbc/politics/new.txt", text.format("London")),
            _article("bbc/business/new.txt", text.format("Paris")),
        ]
    )
    reuters = pl.DataFrame(
        [
            _article("r:1", text.format("Rome"), ["trade"]),
            _article("r:2", text.format("Oslo"), ["acq"]),
            _article("r:3", text.format("Paris"), ["acq"]),
        ]
    )
    items = draw._draw_events_fresh(bbc, reuters, ("sample.jsonl",), (), "test-salt", "heldout9")
    assert sorted(i["doc_id"] for i in items) == [
        "bbc/business/new.txt",
        "bbc/politics/new.txt",
        "r:1",
        "r:2",
    ]
    assert {i["half"] for i in items} == {"heldout9"}
    for i in items:
        s, e = i["sentence"]["start"], i["sentence"]["end"]
        assert i["body"][s:e] == i["sentence"]["text"] == i["body"]


def test_fresh_events_draw_spills_places_of_a_used_up_stratum():
    """With spill_to, the places a used-up stratum (here BBC politics with one article left)
    cannot fill go to the named group (Reuters topical); without it the set stays short. Text
    from reuters21578.jsonl.gz:9356 (Argentine port workers), one article per port."""
    text = (
        "Argentine port workers began an indefinite protest against safety conditions at the "
        "port of {}, stopping work for one hour per shift, a press spokesman said."
    )
    bbc = pl.DataFrame([_article("bbc/politics/new.txt", text.format("Buenos Aires"))])
    reuters = pl.DataFrame(
        [_article(f"r:{n}", text.format(f"berth {n}"), ["ship"]) for n in range(70)]
    )

    def drawn(spill_to: int | None) -> Counter:
        items = draw._draw_events_fresh(bbc, reuters, (), (), "test-salt", "heldout9", spill_to)
        return Counter(i["corpus"] for i in items)

    assert drawn(None) == {"bbc": 1, "reuters": 60}  # 40 topical + 20 any: 10 articles left
    assert drawn(3) == {"bbc": 1, "reuters": 70}  # topical takes the 139 places left over


def test_kappa_interval_brackets_the_kappa_and_is_one_point_when_all_agree():
    """The bootstrap interval of --fresh-events4-agreement: seeded (the guide's figures rerun
    exactly), around the point kappa, and [1, 1] when every item agrees."""
    agree = [("none", "none")] * 40 + [("ACCUSE", "ACCUSE")] * 10
    assert assemble.kappa_interval(agree) == [1.0, 1.0]
    mixed = agree + [("REJECT", "SUPPORT"), ("none", "AID"), ("COERCE", "none")]
    low, high = assemble.kappa_interval(mixed)
    assert low < assemble.kappa(mixed) < high <= 1.0
    assert assemble.kappa_interval(mixed) == [low, high]


def test_fresh_events4_agreement_lists_the_items_whose_main_event_differs(monkeypatch):
    """Each item where e9 and e8 differ on the main type, or (same type) on its source or target,
    is listed once with what differs; words of sample4's sentences (Lavorel defending US trade
    policy: SUPPORT or REJECT; Blair hailing the Turkey deal: target Turkey or none)."""
    lavorel = {"text": "Trade official", "name": "Warren Lavorel", "alts": ["United States"]}
    blair = {"text": "Tony Blair", "name": "Tony Blair", "alts": ["United Kingdom"]}
    turkey = {"text": "Turkey", "name": "Turkey", "alts": []}

    def event(kind: str, source: dict, target: dict | None) -> dict:
        return {"type": kind, "source": source, "target": target}

    rows = {
        "e8": {
            "gatt": [event("REJECT", lavorel, None)],
            "turkey": [event("SUPPORT", blair, None)],
            "same": [event("SUPPORT", blair, None)],
            "none": [],
        },
        "e9": {
            "gatt": [event("SUPPORT", lavorel, None), event("REJECT", lavorel, None)],
            "turkey": [event("SUPPORT", blair, turkey)],
            "same": [event("SUPPORT", blair, None)],
            "none": [],
        },
    }
    monkeypatch.setattr(
        assemble,
        "passes",
        lambda _set, who: {i: {"item_id": i, "events": e} for i, e in rows[who].items()},
    )
    figures = assemble.fresh_events4_agreement()
    assert figures["disagreements"] == [
        {"item_id": "gatt", "differ": ["main type"], "first": "REJECT", "second": "SUPPORT"},
        {"item_id": "turkey", "differ": ["target"], "first": "SUPPORT", "second": "SUPPORT"},
    ]
    assert (figures["items"], figures["first_event_items"], figures["second_event_items"]) == (
        4,
        3,
        3,
    )
