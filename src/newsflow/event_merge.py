"""Merging event reports: which reports (and known events) are one event, and that event's row."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import polars as pl

from newsflow import schema
from newsflow.event_sides import (
    base_key,
    clash,
    country_of,
    is_specific,
    pairs_agree,
    sides_agree,
)
from newsflow.geo import Place
from newsflow.ids import short_hash
from newsflow.reports import Candidate
from newsflow.timex import EventDate
from newsflow.triggers import Lexicon, plover_type

# Each event's merge key and date window (sql/030_events.sql `event_keys`), kept with the
# known events in `events.EventState` so later reports can join them.
EVENT_KEYS = pl.Schema(
    {
        "event_id": pl.String,
        "mode_group": pl.String,
        "source_key": pl.String,
        "target_key": pl.String,
        "date_lo": pl.Date,
        "date_hi": pl.Date,
        "place_key": pl.String,
        "evidence_score": pl.Float64,
    }
)


LINKING_WORDS = 12  # the words a sentence needs to link two reports by itself (`_linking`)


@dataclass
class _Group:
    """Candidates (and at most one known event) that report the same event."""

    candidates: list[Candidate] = field(default_factory=list)
    known: dict[str, Any] | None = None  # the state row (EVENTS + EVENT_KEYS columns)


def _place_key(place: Place | None) -> str | None:
    return place.key if place is not None else None


def _places_agree(a: str | None, b: str | None) -> bool | None:
    """True: same place; None: unknown or one contains the other; False: different places."""
    if a is None or b is None:
        return None
    if a == b:
        return True
    if ":" not in a or ":" not in b:  # a country and a place in it
        return None if a.split(":")[0] == b.split(":")[0] else False
    return False


@dataclass(frozen=True)
class _Key:
    """What the merge compares: type, mode group, actor pair, date window, place, story."""

    event_type: str
    mode_group: str
    pair: tuple[str | None, str | None]
    lo: date | None
    hi: date | None
    place_key: str | None
    story_id: str | None
    symmetric: bool
    background: bool = False
    evidence: str | None = None  # the sentence that tells it, when long enough to link (`_linking`)

    def dates_meet(self, other: _Key) -> bool:
        """Either undated, or the date windows come within a day. History told in one report
        and news in another are one event only if their windows truly overlap: "in 2023" never
        reaches "in the fortnight before 15 January"."""
        if None in (self.lo, self.hi, other.lo, other.hi):
            return True
        slack = timedelta(days=0 if self.background != other.background else 1)
        return not (self.lo > other.hi + slack or other.lo > self.hi + slack)  # type: ignore[operator]

    def matches(self, other: _Key) -> bool:
        if (self.event_type, self.mode_group) != (other.event_type, other.mode_group):
            return False
        if not pairs_agree(self.pair, other.pair, self.symmetric):
            return False
        dated = None not in (self.lo, self.hi, other.lo, other.hi)
        if not self.dates_meet(other):
            return False
        places = _places_agree(self.place_key, other.place_key)
        if places is False:
            return False
        if self.evidence is not None and self.evidence == other.evidence:
            # One sentence two articles carry, the same sides and type, tells one happening,
            # whatever else they lack: a re-filed item's "Government officials said Japan would
            # make a formal request next week for emergency talks" gave an event per filing.
            return True
        same_story = self.story_id is not None and self.story_id == other.story_id
        narrow = dated and (
            self.hi - self.lo <= timedelta(days=1) and other.hi - other.lo <= timedelta(days=1)  # type: ignore[operator]
        )
        if places is True and (narrow or same_story):
            # Without a day on both, a shared place is no evidence of one event: "Howard
            # rejects ..." in two undated stories from Britain are two events, and so are
            # the senators' Toshiba ban "they will propose" (a fortnight's window) and the
            # Treasury's tax-treaty notice of a day in it, both filed from Washington.
            return True
        partial = None in self.pair or None in other.pair
        if same_story and not partial:
            return True
        if same_story and not self.symmetric:
            # "The attack was claimed by Da'ish" joins "ISKP bombed Kerman" in the same story;
            # a bare target ("... in Afghanistan") is too weak a link without a shared place.
            return (
                self.pair[0] is not None
                and other.pair[0] is not None
                and sides_agree(self.pair[0], other.pair[0])
            )
        # Same full actor pair on the same day needs no place or story to agree.
        exact = not partial and pairs_agree(self.pair, other.pair, self.symmetric)
        return exact and narrow


def _candidate_key(c: Candidate) -> _Key:
    return _Key(
        c.event_type,
        c.mode_group,
        c.pair,
        c.when.lo,
        c.when.hi,
        _place_key(c.place),
        c.story_id,
        c.symmetric,
        c.background,
        _linking(c.evidence),
    )


def _known_key(row: dict[str, Any], lexicon: Lexicon) -> _Key:
    return _Key(
        row["event_type"],
        row["mode_group"],
        (row["source_key"], row["target_key"]),
        row["date_lo"],
        row["date_hi"],
        row["place_key"],
        row["story_id"],
        row["event_type"] in lexicon.symmetric_types,
        bool(row["background"]),
        _linking(row.get("evidence")),
    )


def _linking(evidence: str | None) -> str | None:
    """A sentence long enough that two articles carrying it tell one happening: a dozen words
    ("Russia attacked Ukraine in Kharkiv." in two undated stories may be two attacks)."""
    return evidence if evidence is not None and len(evidence.split()) >= LINKING_WORDS else None


def _joined_span(
    a: tuple[date, date] | None, b: tuple[date, date] | None
) -> tuple[date, date] | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def _named_sides(key: _Key) -> tuple[frozenset[str], frozenset[str]]:
    """The person or body keys of each side (both in the first for a symmetric type)."""
    sides = [frozenset({k} if k is not None and is_specific(k) else set()) for k in key.pair]
    return (sides[0] | sides[1], frozenset()) if key.symmetric else (sides[0], sides[1])


def _side_bases(key: _Key) -> tuple[frozenset[str], frozenset[str]]:
    """The countries each side names, its state or a person or body of it (both in the first
    for a symmetric type). Actors of no country are left out: "The terrorist attack was
    claimed by Da'ish" and "ISKP bombed Kerman" are one attack through the report of it."""
    countries = [country_of(k) if k is not None else None for k in key.pair]
    sides = [frozenset({c} if c is not None else set()) for c in countries]
    return (sides[0] | sides[1], frozenset()) if key.symmetric else (sides[0], sides[1])


def _bases_clash(
    a: tuple[frozenset[str], frozenset[str]],
    b: tuple[frozenset[str], frozenset[str]],
    symmetric: bool,
) -> bool:
    """Would joining two groups put two different countries on one side? A report naming one
    side only agrees with reports of every partner, and must not chain Reagan's accord with
    Chirac (USA, FRA) and "Washington agreed to forego antidumping duties on Japanese
    semiconductors" (USA, JPN) into one event. A symmetric type holds at most two countries."""
    if symmetric:
        return len(a[0] | b[0]) > 2
    return any(x and y and not x & y for x, y in zip(a, b, strict=True))


def group_reports(
    candidates: list[Candidate], known: list[dict[str, Any]], lexicon: Lexicon
) -> list[_Group]:
    """Union-find over candidates and known events; two known events are never merged."""
    keys = [_candidate_key(c) for c in candidates] + [_known_key(r, lexicon) for r in known]
    parent = list(range(len(keys)))
    has_known = [i >= len(candidates) for i in range(len(keys))]
    # The day span of a group's precisely dated reports: "within a day" holds for the whole
    # group, so daily attacks on Monday, Tuesday, Wednesday do not chain into one event.
    day = timedelta(days=1)
    span: list[tuple[date, date] | None] = [
        (k.lo, k.hi) if k.lo is not None and k.hi is not None and k.hi - k.lo <= day else None
        for k in keys
    ]
    # The people and bodies of a country each group names, by side: a bare "Britain" report
    # agrees with Blair's and with Howard's, but must not chain the two into one event.
    named = [_named_sides(k) for k in keys]
    bases = [_side_bases(k) for k in keys]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Block on (type, mode group, one actor key) so only plausible pairs are compared.
    blocks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        # sorted: a set of strings iterates in an order that changes with each process's hash
        # seed, and the union below is greedy (a join can bar a later one), so block order
        # decided which reports merged (two runs of one bundle differed in 19 of 16,587 events)
        for actor_key in sorted({base_key(k) for k in key.pair if k is not None}):
            blocks[(key.event_type, key.mode_group, actor_key)].append(i)
    # Sweep each block in date order: only reports whose windows come within a day can match,
    # so a busy actor (hundreds of reports) costs about n log n, not n squared. Known events
    # go first among equals, so a report joins the event already on record.
    slack = timedelta(days=1)
    for block in blocks.values():
        members = sorted(block, key=lambda i: (keys[i].lo or date.min, not has_known[i], i))
        for x_pos, x in enumerate(members):
            x_key = keys[x]
            reach = x_key.hi + slack if x_key.hi and x_key.lo else None
            for y in members[x_pos + 1 :]:
                y_lo = keys[y].lo
                if reach is not None and y_lo is not None and y_lo > reach:
                    break
                rx, ry = find(x), find(y)
                if rx == ry or (has_known[rx] and has_known[ry]):
                    continue
                joined = _joined_span(span[rx], span[ry])
                if joined is not None and joined[1] - joined[0] > day:
                    continue
                if any(clash(a, b) for a, b in zip(named[rx], named[ry], strict=True)):
                    continue
                if _bases_clash(bases[rx], bases[ry], keys[x].symmetric):
                    continue
                if keys[x].matches(keys[y]):
                    if has_known[ry]:
                        rx, ry = ry, rx
                    parent[ry] = rx
                    has_known[rx] = has_known[rx] or has_known[ry]
                    span[rx] = joined
                    named[rx] = (named[rx][0] | named[ry][0], named[rx][1] | named[ry][1])
                    bases[rx] = (bases[rx][0] | bases[ry][0], bases[rx][1] | bases[ry][1])
    for i, target in _unnamed_joins(candidates, keys, find).items():
        parent[find(i)] = target
    groups: dict[int, _Group] = defaultdict(_Group)
    for i in range(len(keys)):
        group = groups[find(i)]
        if i < len(candidates):
            group.candidates.append(candidates[i])
        else:
            group.known = known[i - len(candidates)]
    return list(groups.values())


def _unnamed_joins(
    candidates: list[Candidate], keys: list[_Key], find: Callable[[int], int]
) -> dict[int, int]:
    """Reports of a symmetric type that name no party and no generic agent ("both sides
    discussed the presence of terrorist organisations", `actorless`) -> the root of the one
    group of their article with the same type and mode, between two named parties, whose
    dates meet theirs (`_Key.dates_meet`). Blocking is by actor, so such a report met no other and stood
    as an event of its own beside the talks it is part of (the seeds' Pakistan-Iran talks
    counted twice). Two such groups in the article leave it alone: which talks is uncertain."""
    named: dict[tuple[str, str, str, bool], list[int]] = defaultdict(list)
    for i, c in enumerate(candidates):
        if None not in c.pair:  # both named: the group's event takes its roles (`merge_group`)
            named[(c.article_id, c.event_type, c.mode_group, c.background)].append(i)
    joins = {}
    for i, c in enumerate(candidates):
        if (
            not c.symmetric
            or c.pair != (None, None)
            or c.source_generic is not None
            or c.target_generic is not None
        ):
            continue
        same = named.get((c.article_id, c.event_type, c.mode_group, c.background), [])
        roots = {find(j) for j in same if keys[i].dates_meet(keys[j])}
        if len(roots) == 1:
            joins[i] = roots.pop()
    return joins


DATE_SOURCE_RANK = {
    "sentence_explicit": 0,
    "sentence_relative": 1,
    "published": 2,
    "crawl": 3,
    "none": 4,
}


def _best(candidates: list[Candidate]) -> Candidate:
    return min(
        candidates,
        key=lambda c: (
            -c.score,
            c.source is None or c.target is None,
            len(c.evidence),
            c.article_id,
            c.sentence_index,
        ),
    )


def event_id_for(key: _Key, when: date | None) -> str:
    """Event id from the merge key (type, mode group, actor pair, date, place or story). An
    undated event is only ever one story's, and so is one that names no actor on either side:
    its story is part of its id. Two groups with one id are one event (`events`), and a
    place and a day are no evidence that two reports naming nobody tell one event: keyed by
    place alone, "Delegates agreed to shelve discussion of IADB reforms" pooled with a Senate
    panel's trade bill, FNMA's mortgage products and two more Washington items of 25 March
    1987 as one AGREE of five articles (the Reuters generic-agent audit)."""
    where = key.place_key or key.story_id or ""
    nobody = key.pair == (None, None)
    if (when is None or nobody) and key.place_key and key.story_id:
        where = f"{key.place_key}@{key.story_id}"
    return "e_" + short_hash(
        key.event_type,
        key.mode_group,
        key.pair[0] or "",
        key.pair[1] or "",
        when.isoformat() if when else "",
        where,
    )


def _display_pair(c: Candidate) -> tuple[str | None, str | None]:
    source = c.source.actor_id if c.source else None
    target = c.target.actor_id if c.target else None
    if c.symmetric and source is not None and target is not None:
        first, second = sorted((source, target))
        return first, second
    return source, target


def _date_rank(when: EventDate, full: bool) -> tuple[bool, bool, timedelta, int, date]:
    """Smaller is better: a date the sentence gives, from a report naming both actors, narrowest;
    among publication dates the earliest (the first report bounds when it happened)."""
    width = when.hi - when.lo if when.lo and when.hi else timedelta(days=9999)
    return (
        not when.source.startswith("sentence"),
        not full,
        width,
        DATE_SOURCE_RANK.get(when.source, 4),
        when.date or date.max,
    )


def merge_group(group: _Group) -> tuple[dict[str, Any], dict[str, Any]]:
    """The event row and its merge-key row for one group (counts are filled in by the caller)."""
    known, cands = group.known, group.candidates
    full = [c for c in cands if c.source is not None and c.target is not None]
    lead: Candidate | None = None
    if cands:
        # The pair most reports name ("Pakistan and Iran held talks"), and its clearest sentence.
        pairs = Counter(_display_pair(c) for c in full)
        top = (
            max(
                pairs,
                key=lambda p: (pairs[p], max(c.score for c in full if _display_pair(c) == p), p),
            )
            if full
            else None
        )
        lead = _best([c for c in full if _display_pair(c) == top] if full else cands)
    if known is not None:
        row = {name: known[name] for name in schema.EVENTS.names()}
        keys_row = {name: known[name] for name in EVENT_KEYS.names()}
    else:
        assert lead is not None
        key = _candidate_key(lead)
        row = {name: None for name in schema.EVENTS.names()}
        keys_row = {name: None for name in EVENT_KEYS.names()}
        row.update(
            event_id=event_id_for(key, lead.when.date),
            event_type=lead.event_type,
            story_id=lead.story_id,
        )
        keys_row.update(event_id=row["event_id"], mode_group=lead.mode_group, evidence_score=-1.0)
    if lead is not None and (
        lead.score > keys_row["evidence_score"] or (row["target_actor_id"] is None and lead in full)
    ):
        row["source_actor_id"], row["target_actor_id"] = _display_pair(lead)
        # a generic word only where its role is null ("police"), from the same sentence
        row["source_generic"] = lead.source_generic if row["source_actor_id"] is None else None
        row["target_generic"] = lead.target_generic if row["target_actor_id"] is None else None
        row.update(cameo_root=lead.cameo_root, evidence=lead.evidence)
        keys_row["evidence_score"] = lead.score
    keys_row["source_key"], keys_row["target_key"] = _widest_pair(cands, known)
    # two reports of one sentence can tie on all but their dates; EventDate has no order, so
    # the earlier date breaks the tie (it used to raise TypeError on Reuters wire copy)
    dated = sorted(
        (
            (_date_rank(c.when, c in full), -c.score, c.article_id, c.sentence_index, c.when)
            for c in cands
            if c.when.date
        ),
        key=lambda ranked: (*ranked[:-1], ranked[-1].date),
    )
    if dated:
        when = dated[0][-1]
        if (
            known is None
            or known["event_date"] is None
            or dated[0][0]
            < _date_rank(
                EventDate(
                    known["event_date"],
                    known["date_lo"],
                    known["date_hi"],
                    known["date_source"],
                    known["event_date_precision"],
                ),
                True,
            )
        ):
            row.update(
                event_date=when.date, date_source=when.source, event_date_precision=when.precision
            )
            keys_row.update(date_lo=when.lo, date_hi=when.hi)
    places = sorted(
        (c for c in cands if c.place is not None),
        key=lambda c: (not c.place.is_city, not c.place_from_sentence, -c.score, c.article_id),  # type: ignore[union-attr]
    )
    place = places[0].place if places else None
    refines = row["place_name"] is None or (
        row["latitude"] is None and place is not None and place.is_city
    )
    if place is not None and refines:
        row.update(
            place_name=place.name,
            latitude=place.latitude,
            longitude=place.longitude,
            country_code=place.country_code,
            geonames_id=place.geonames_id,
        )
        keys_row["place_key"] = place.key
    # Past context only if every report tells it so: one report of it as news makes it news.
    row["background"] = all(c.background for c in cands) and row["background"] is not False
    if row["event_date"] is None:  # undated: say why when it is context told without a date
        row["date_source"] = "background" if row["background"] else None
    modes = {c.mode for c in cands} | ({row["mode"]} if row["mode"] else set())
    row["mode"] = (
        "asserted" if "asserted" in modes else (lead.mode if lead is not None else row["mode"])
    )
    row["plover_type"] = plover_type(row["event_type"], row["mode"])
    return row, keys_row


def _widest_pair(
    cands: list[Candidate], known: dict[str, Any] | None
) -> tuple[str | None, str | None]:
    """The merge-key actor pair with the most actors filled, then the most people or bodies
    named (not the bare country they belong to); the known one first."""
    pairs = ([(known["source_key"], known["target_key"])] if known is not None else []) + [
        c.pair for c in cands
    ]
    return max(
        pairs,
        key=lambda p: (
            sum(k is not None for k in p),
            sum(k is not None and is_specific(k) for k in p),
        ),
    )
