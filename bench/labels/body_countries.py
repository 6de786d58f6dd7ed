"""Whose body is it: a blind audit of national-body mentions' countries (issue 20).

    uv run python -m bench.labels.body_countries draw BBC_BEFORE BBC_AFTER REU_BEFORE REU_AFTER \
        OUT N SEED [BBC_SHARE [EARLIER_KEY.json ...]]
    uv run python -m bench.labels.body_countries score OUT [LABEL BBC_WAREHOUSE REU_WAREHOUSE]
    uv run python -m bench.labels.body_countries results

`draw` samples N mentions (a third BBC unless BBC_SHARE says, none an earlier audit drew) of the actors whose name is a
national body's (`national_bodies.body_of_form`) in the AFTER warehouses, with their whole
article (the mention marked `[[...]]`), into OUT/items.json; OUT/key.json holds, unseen by the
judge, the country each mention's actor has in the BEFORE and AFTER warehouses (the same
mention: same article, same characters) and the population sizes. A judge labels the items by
bench/labels/body_countries/GUIDE.md into OUT/judged.jsonl. `score` counts, before and after,
the mentions whose stored country is the judged one (a judged `unknown` is right when the
stored country is null; `not_state` items are left out), with Wilson 95% intervals, and writes
OUT/scores.json. With LABEL and two more warehouses (a later change's runs), the same mentions'
countries there are scored too, as LABEL. `results` gathers every audit's scores.json into
bench/results/body_countries.json (for docs/benchmarks.md).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import duckdb

from newsflow.lexicon import Lexicon
from newsflow.national_bodies import body_of_form
from newsflow.resources import path as resource_path

MAX_CHARS = 4_000  # an article longer than this is cut around the mention
MENTIONS = """
select m.article_id, m.char_start, m.char_end, a.name, a.country_code, r.title, r.dateline,
       r.body
from mentions m join actors a using (actor_id) join articles r using (article_id)
where a.actor_type in ('ORG', 'GROUP')
order by m.article_id, m.char_start
"""
COUNTRY_AT = """
select a.country_code, a.name from mentions m join actors a using (actor_id)
where m.article_id = ? and m.char_start = ? and m.char_end = ?
"""
# a later warehouse's mention starting there (its span may end elsewhere)
COUNTRY_FROM = """
select a.country_code from mentions m join actors a using (actor_id)
where m.article_id = ? and m.char_start = ?
"""


def _body_mentions(warehouse: str, lex: Lexicon) -> list[tuple]:
    with duckdb.connect(warehouse, read_only=True) as con:
        rows = con.execute(MENTIONS).fetchall()
    return [r for r in rows if body_of_form(r[3], lex.countries, lex.capitals)]


def _text(body: str, start: int, end: int) -> str:
    marked = body[:start] + "[[" + body[start:end] + "]]" + body[end:]
    if len(marked) <= MAX_CHARS:
        return marked
    lo = max(0, min(start - MAX_CHARS // 2, len(marked) - MAX_CHARS))
    return ("..." if lo else "") + marked[lo : lo + MAX_CHARS] + "..."


def _before(warehouse: str, row: tuple) -> dict:
    with duckdb.connect(warehouse, read_only=True) as con:
        found = con.execute(COUNTRY_AT, list(row[:3])).fetchone()
    return {"country": found[0], "actor": found[1]} if found else {"country": None, "actor": None}


def draw(args: list[str]) -> None:
    bbc_before, bbc_after, reu_before, reu_after, out, n, seed, *more = args
    bbc_share = float(more[0]) if more else 1 / 3
    drawn = set()
    for earlier in more[1:]:  # audits drawn before: their mentions are not drawn again
        for mention in json.loads(Path(earlier).read_text())["mentions"].values():
            drawn.add((mention["article_id"], mention["char_start"]))
    lex = Lexicon.load(resource_path("data/entities"))
    rng = random.Random(int(seed))
    items, key, population = [], {}, {}
    n_bbc = round(int(n) * bbc_share)
    for corpus, before, after, share in (
        ("bbc", bbc_before, bbc_after, n_bbc),
        ("reuters", reu_before, reu_after, int(n) - n_bbc),
    ):
        rows = _body_mentions(after, lex)
        population[corpus] = len(rows)
        rows = [r for r in rows if (r[0], r[1]) not in drawn]
        for row in rng.sample(rows, min(share, len(rows))):
            article_id, start, end, name, country, title, dateline, body = row
            i = len(items)
            items.append(
                {
                    "id": i,
                    "corpus": corpus,
                    "title": title,
                    "dateline": dateline,
                    "mention": body[start:end],
                    "text": _text(body, start, end),
                }
            )
            was = _before(before, row)
            key[str(i)] = {
                "article_id": article_id,
                "char_start": start,
                "after": {"country": country, "actor": name},
                "before": was,
            }
    rng.shuffle(items)
    Path(out).mkdir(parents=True, exist_ok=True)
    (Path(out) / "items.json").write_text(json.dumps(items, indent=1) + "\n")
    (Path(out) / "key.json").write_text(
        json.dumps({"mentions": key, "population": population}, indent=1) + "\n"
    )
    print(f"{len(items)} items, population {population}")


def _wilson(k: int, n: int, z: float = 1.96) -> list[float]:
    if n == 0:
        return [0.0, 0.0]
    p = k / n
    mid = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return [round(mid - half, 3), round(mid + half, 3)]


def score(args: list[str]) -> None:
    out = Path(args[0])
    key = json.loads((out / "key.json").read_text())["mentions"]
    items = {i["id"]: i for i in json.loads((out / "items.json").read_text())}
    sides = ["before", "after"]
    if len(args) == 4:  # a later change's warehouses: the same mentions' countries there
        label, bbc, reuters = args[1:]
        sides.append(label)
        for i, mention in key.items():
            warehouse = bbc if items[int(i)]["corpus"] == "bbc" else reuters
            at = [mention["article_id"], mention["char_start"]]
            with duckdb.connect(warehouse, read_only=True) as con:
                found = con.execute(COUNTRY_FROM, at).fetchone()
            mention[label] = {"country": found[0] if found else None}
    judged = [json.loads(line) for line in (out / "judged.jsonl").read_text().splitlines()]
    result: dict[str, dict] = {}
    for corpus in ("bbc", "reuters", "all"):
        rows = [
            j
            for j in judged
            if j["country"] != "not_state" and corpus in ("all", items[j["id"]]["corpus"])
        ]
        figures: dict[str, object] = {"judged": len(rows)}
        for side in sides:
            right = sum(
                key[str(j["id"])][side]["country"]
                == (None if j["country"] == "unknown" else j["country"])
                for j in rows
            )
            figures[side] = {
                "right": right,
                "share": round(right / len(rows), 3) if rows else None,
                "wilson95": _wilson(right, len(rows)),
            }
        figures["unknown"] = sum(j["country"] == "unknown" for j in rows)
        result[corpus] = figures
    result["not_state"] = sum(j["country"] == "not_state" for j in judged)
    result["sides"] = sides
    (out / "scores.json").write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1))


def results(args: list[str]) -> None:
    here = Path(__file__).resolve().parent
    gathered = {
        scores.parent.name: json.loads(scores.read_text())
        for scores in sorted((here / "body_countries").glob("*/scores.json"))
    }
    out = here.parent / "results" / "body_countries.json"
    out.write_text(
        json.dumps({"benchmark": "body countries (issue 20)"} | gathered, indent=1) + "\n"
    )
    print(f"wrote {out}")


if __name__ == "__main__":
    {"draw": draw, "score": score, "results": results}[sys.argv[1]](sys.argv[2:])
