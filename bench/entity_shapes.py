"""Actors of shapes that name no real entity, counted in whole-corpus warehouses (issue 20).

    uv run python -m bench.entity_shapes BEFORE.duckdb AFTER.duckdb [--label NAME]

A warehouse built from real news holds some actors that are NER slips rather than entities;
each is one actor for what should be another (or none), and its mentions are lost to the real
one. This counts, in a warehouse before and after a change, the actors (and their mentions) of
four such shapes:

* `after_abbreviation`: "U.S. <Word>" / "U.K. <Word>" of two words whose second is no word
  a body's name takes ("U.S. Dollar", "U.S. Banks", "U.S. Attack": the Reuters corpus
  capitalises the word after "U.S."; `casing`). BODY_SECONDS (Treasury, Senate, Navy ...) are
  left out, so the count is of common words only, a lower bound.
* `legal_tail`: a name of legal-form words only ("Co Inc", "Sons Inc"; `short_orgs`);
* `bare_body`: a body word alone ("Bank", "Commission", "Community", "Treasury"; `short_orgs`);
* `title_slip`: a person's name beginning with a lower-case word or a slip for "minister".

Writes bench/results/entity_shapes_<label>.json and prints the table.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import duckdb

from newsflow.short_orgs import BODY_WORDS, TAIL_FORMS

HERE = Path(__file__).resolve().parent
# second words after "U.S."/"U.K." that make a body's name, not a common word
BODY_SECONDS = {
    "agriculture", "treasury", "trade", "district", "government", "department", "federal",
    "navy", "air", "congress", "senate", "bankruptcy", "house", "securities", "bank", "army",
    "embassy", "food", "supreme", "commerce", "defense", "defence", "environmental", "justice",
    "energy", "mint", "court", "administration", "chancellor", "secretary", "ambassador",
    "interior", "customs", "postal", "census", "coast", "marine", "marines", "state",
    "attorney", "national", "international", "export", "labor", "labour", "transportation",
}  # fmt: skip
QUERY = """
select a.name, a.actor_type, count(m.mention_id) as n
from actors a left join mentions m using (actor_id)
group by all
"""


def shape(name: str, actor_type: str) -> str | None:
    """Which of the four shapes an actor's name has, if any."""
    words = name.split()
    if re.fullmatch(r"U\.[SK]\. [A-Z][a-z]+", name) and words[1].lower() not in BODY_SECONDS:
        return "after_abbreviation"
    if actor_type != "PERSON" and all(w.lower().strip(".,") in TAIL_FORMS for w in words):
        return "legal_tail"
    if actor_type != "PERSON" and len(words) == 1 and name.lower() in BODY_WORDS:
        return "bare_body"
    if actor_type == "PERSON" and len(words) >= 3:
        first = words[0].lower()
        if words[0].islower() or re.fullmatch(r"mi+n[is]+[ts]+[ei]+r", first):
            return "title_slip"
    return None


def count(path: str) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    with duckdb.connect(path, read_only=True) as con:
        for name, actor_type, n in con.execute(QUERY).fetchall():
            found = shape(name, actor_type)
            if found is not None:
                row = out.setdefault(found, {"actors": 0, "mentions": 0})
                row["actors"] += 1
                row["mentions"] += n
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--label", default="reuters")
    args = parser.parse_args()
    before, after = count(args.before), count(args.after)
    shapes = sorted(set(before) | set(after))
    result = {
        "benchmark": "entity shapes (issue 20)",
        "before": args.before,
        "after": args.after,
        "shapes": {s: {"before": before.get(s), "after": after.get(s)} for s in shapes},
    }
    path = HERE / "results" / f"entity_shapes_{args.label}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(f"{'shape':20} {'actors before':>14} {'after':>6} {'mentions before':>16} {'after':>6}")
    for s in shapes:
        b, a = before.get(s, {}), after.get(s, {})
        print(
            f"{s:20} {b.get('actors', 0):>14} {a.get('actors', 0):>6} "
            f"{b.get('mentions', 0):>16} {a.get('mentions', 0):>6}"
        )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
