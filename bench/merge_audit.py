"""Which event reports the merge joins, and which it split from the old rule (issue 20).

    ./dev python -m bench.merge_audit [--bundle PATH] [--limit N] [--seed S]

Runs ingest, parse, dedupe, extract and the events stage directly (not via the flow) on a
bundle (default the BBC 2005 tarball) at the current code, all articles as one batch, and
groups the reports twice: by the current rule, and by the rule before `event_sides`, where a
person or body of a country was keyed by the country alone (its mentions retyped as the
country, so `side_key` keys them as before). It prints the events of each, the joined report
pairs the current rule splits and any it newly joins, and a seeded sample of split pairs and
of kept multi-report merges with their sentences, for checking by hand.
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from dataclasses import replace
from itertools import combinations
from pathlib import Path

from bench.spied_events import bundle_inputs
from newsflow import events
from newsflow.event_merge import group_reports, merge_group
from newsflow.reports import Candidate
from newsflow.roles import RoleMention
from newsflow.settings import Settings

BBC = Path(__file__).resolve().parents[2] / "shared" / "bundles" / "bbc-news-2005.tar.gz"


def _as_country(mention: RoleMention | None) -> RoleMention | None:
    """The mention as the old rule keyed it: by its merge key (the country) alone."""
    return None if mention is None else replace(mention, actor_type="COUNTRY")


def event_of_each(cands: list[Candidate], state: events.EventState) -> list[str]:
    """The event id each report ends in (groups with one merge key share one id)."""
    out = [""] * len(cands)
    index = {id(c): i for i, c in enumerate(cands)}
    for group in group_reports(cands, [], state.lexicon):
        row, _ = merge_group(group)
        for c in group.candidates:
            out[index[id(c)]] = row["event_id"]
    return out


def joined_pairs(event_ids: list[str]) -> set[tuple[int, int]]:
    """Pairs of reports (by index) that are one event."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, event_id in enumerate(event_ids):
        members[event_id].append(i)
    return {pair for group in members.values() for pair in combinations(group, 2)}


def _line(c: Candidate) -> str:
    who = (c.source.actor_id if c.source else "-", c.target.actor_id if c.target else "-")
    when = c.when.date.isoformat() if c.when.date else "undated"
    return (
        f"    {c.article_id} s{c.sentence_index} {c.event_type} {who[0]} -> {who[1]} "
        f"[{c.pair[0]} | {c.pair[1]}] {when}\n      {c.evidence[:220]}"
    )


def candidates_of(bundle: Path, limit: int | None, settings: Settings) -> list[Candidate]:
    """Every event report of the bundle's articles (at most `limit`), as the events stage finds
    them in one batch."""
    return bundle_inputs(bundle, settings, limit).candidates(settings)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bundle", type=Path, default=BBC, help="bundle to audit (BBC 2005)")
    ap.add_argument("--limit", type=int, default=None, help="audit only the first N articles")
    ap.add_argument("--seed", type=int, default=11, help="seed of the hand-check samples")
    ap.add_argument("--sample", type=int, default=20, help="pairs in each hand-check sample")
    args = ap.parse_args(argv)
    settings = Settings()
    cands = candidates_of(args.bundle, args.limit, settings)
    state = events.EventState.empty()
    old_cands = [
        replace(c, source=_as_country(c.source), target=_as_country(c.target)) for c in cands
    ]
    new_ids, old_ids = event_of_each(cands, state), event_of_each(old_cands, state)
    new_pairs, old_pairs = joined_pairs(new_ids), joined_pairs(old_ids)
    split, joined = sorted(old_pairs - new_pairs), sorted(new_pairs - old_pairs)
    print(f"reports {len(cands)}")
    print(f"events old rule {len(set(old_ids))} -> current {len(set(new_ids))}")
    print(f"joined report pairs: old {len(old_pairs)}, current {len(new_pairs)}")
    print(f"  split vs the old rule {len(split)}, newly joined {len(joined)}")
    rng = random.Random(args.seed)
    print(f"\nsample of {args.sample} split pairs (seed {args.seed}): two events now")
    for n, (a, b) in enumerate(rng.sample(split, min(args.sample, len(split))), 1):
        print(f"  [{n}]\n{_line(cands[a])}\n{_line(cands[b])}")
    # kept merges: events of reports from two or more sentences, one pair of them each
    members: dict[str, list[int]] = defaultdict(list)
    for i, event_id in enumerate(new_ids):
        members[event_id].append(i)

    def where(i: int) -> tuple[str, int]:
        return cands[i].article_id, cands[i].sentence_index

    def partner(m: list[int]) -> int:
        # another sentence, a different one if there is (a copy's sentence proves little)
        others = [j for j in m if where(j) != where(m[0])]
        return next((j for j in others if cands[j].evidence != cands[m[0]].evidence), others[0])

    multi = sorted((m[0], partner(m)) for m in members.values() if len({where(j) for j in m}) > 1)
    print(f"\n{len(multi)} events of reports from more than one sentence; sample of {args.sample}:")
    for n, (a, b) in enumerate(rng.sample(multi, min(args.sample, len(multi))), 1):
        print(f"  [{n}] {new_ids[a]}\n{_line(cands[a])}\n{_line(cands[b])}")


if __name__ == "__main__":
    main()
