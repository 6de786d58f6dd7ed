"""Which cross-story event merges a change split, judged blind (issue 20).

    uv run python -m bench.labels.events.split_audit draw BEFORE AFTER OUT N_SPLIT N_KEPT SEED
    uv run python -m bench.labels.events.split_audit score OUT
    uv run python -m bench.labels.events.split_audit results

An event of the warehouse stands for one happening however many articles report it
(`event_articles`). `draw` takes the pairs of articles of different stories that share an event
in BEFORE; those sharing none in AFTER are split by the change, the others kept. It samples
N_SPLIT split and N_KEPT kept pairs and writes, shuffled, OUT/items.json: for each article of a
pair its title, dateline, date and what it reports (the sentences of its mentions the BEFORE
event holds; else its own event's evidence after the change; else the event's evidence if the
article holds it: a pair neither gives a sentence for is passed over, and counted). OUT/key.json holds, unseen by the judge, which stratum each item is of and
the population sizes. A judge answers by bench/labels/events/SPLIT_GUIDE.md into
OUT/judged.jsonl (`same`, `different`, `unclear`); `score` counts each stratum's answers;
`results` gathers every split audit's scores and populations into
bench/results/split_audits.json (for docs/benchmarks.md).
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

import duckdb

PAIRS = """
select ea.event_id, list(distinct ea.article_id order by ea.article_id) as arts
from event_articles ea join articles a using (article_id)
group by 1 having count(distinct a.story_id) > 1
"""
SHARED_AFTER = """
select count(*) from after_wh.event_articles x join after_wh.event_articles y using (event_id)
where x.article_id = ? and y.article_id = ?
"""
REPORT = """
select r.title, r.dateline, coalesce(r.published_date, r.crawl_date), r.body, e.event_type,
       e.evidence, list(m.char_start order by m.char_start)
from articles r join events e on e.event_id = ?
left join mentions m on m.article_id = r.article_id and m.event_id = e.event_id
where r.article_id = ?
group by all
"""
# the article's own event of that type after the change, when it is the article's alone
OWN_EVENT = """
select e.evidence from after_wh.events e join after_wh.event_articles ea using (event_id)
where ea.article_id = ? and e.event_type = ? and e.num_articles = 1
"""
_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])|\n\s*\n")


def _sentences(body: str, starts: list[int]) -> list[str]:
    """The sentences of `body` holding the characters at `starts` (in order, once each)."""
    bounds = [0] + [m.end() for m in _END.finditer(body)] + [len(body)]
    out: list[str] = []
    for at in starts:
        i = max(j for j, b in enumerate(bounds[:-1]) if b <= at)
        text = " ".join(body[bounds[i] : bounds[i + 1]].split())
        if text not in out:
            out.append(text)
    return out


def _report(con: duckdb.DuckDBPyConnection, event_id: str, article_id: str) -> dict | None:
    """What the article reports of the event: the sentences of its mentions the event holds;
    else, the evidence of the article's own event of that type after the change; else the
    event's evidence if the article holds it; else None (the pair is not drawn)."""
    title, dateline, when, body, kind, evidence, starts = con.execute(
        REPORT, [event_id, article_id]
    ).fetchone()
    starts = [s for s in (starts or []) if s is not None]
    own = con.execute(OWN_EVENT, [article_id, kind]).fetchall()
    if starts:
        sentences = _sentences(body, starts)
    elif len(own) == 1 and own[0][0] and own[0][0] in body:
        sentences = [own[0][0]]
    elif evidence and evidence in body:
        sentences = [evidence]
    else:
        return None
    when = str(when) if when else None
    return {"title": title, "dateline": dateline, "date": when, "event_type": kind,
            "sentences": sentences}  # fmt: skip


def draw(args: list[str]) -> None:
    before, after, out, n_split, n_kept, seed = args
    rng = random.Random(int(seed))
    with duckdb.connect(before, read_only=True) as con:
        con.execute(f"attach '{after}' as after_wh (read_only)")
        split, kept = [], []
        for event_id, arts in con.execute(PAIRS).fetchall():
            stories = dict(
                con.execute(
                    "select article_id, story_id from articles where article_id in "
                    "(select unnest(?::varchar[]))",
                    [arts],
                ).fetchall()
            )
            for x, y in combinations(arts, 2):
                if stories[x] == stories[y]:
                    continue
                shared = con.execute(SHARED_AFTER, [x, y])
                (split if shared.fetchone()[0] == 0 else kept).append((event_id, x, y))
        chosen: list[tuple[str, dict, dict, tuple]] = []
        skipped = Counter()
        for stratum, pairs, wanted in (("split", split, n_split), ("kept", kept, n_kept)):
            taken = 0
            for event_id, x, y in rng.sample(pairs, len(pairs)):
                if taken == int(wanted):
                    break
                a, b = _report(con, event_id, x), _report(con, event_id, y)
                if a is None or b is None:
                    skipped[stratum] += 1  # no sentence of the article is known to report it
                    continue
                chosen.append((stratum, a, b, (event_id, x, y)))
                taken += 1
        rng.shuffle(chosen)
        items, key = [], {}
        for i, (stratum, a, b, (event_id, x, y)) in enumerate(chosen):
            items.append({"id": i, "a": a, "b": b})
            key[str(i)] = {"stratum": stratum, "event_id": event_id, "articles": [x, y]}
    Path(out).mkdir(parents=True, exist_ok=True)
    (Path(out) / "items.json").write_text(json.dumps(items, indent=1) + "\n")
    population = {"split_pairs": len(split), "kept_pairs": len(kept), "skipped": dict(skipped)}
    (Path(out) / "key.json").write_text(
        json.dumps({"items": key, "population": population}, indent=1) + "\n"
    )
    print(f"{len(items)} items; population {population}")


def score(args: list[str]) -> None:
    out = Path(args[0])
    key = json.loads((out / "key.json").read_text())["items"]
    judged = [json.loads(line) for line in (out / "judged.jsonl").read_text().splitlines()]
    tally: dict[str, Counter] = {}
    for j in judged:
        tally.setdefault(key[str(j["id"])]["stratum"], Counter())[j["answer"]] += 1
    result = {stratum: dict(counts) for stratum, counts in sorted(tally.items())}
    (out / "scores.json").write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1))


def results(args: list[str]) -> None:
    here = Path(__file__).resolve().parent
    gathered = {}
    for scores in sorted(here.glob("split_audit*/scores.json")):
        population = json.loads((scores.parent / "key.json").read_text())["population"]
        gathered[scores.parent.name] = json.loads(scores.read_text()) | {"population": population}
    out = here.parents[1] / "results" / "split_audits.json"
    out.write_text(json.dumps({"benchmark": "split audits (issue 20)"} | gathered, indent=1) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    {"draw": draw, "score": score, "results": results}[sys.argv[1]](sys.argv[2:])
