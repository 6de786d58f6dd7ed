"""Event reports with their dates, places and background flags (issues 7 and 20).

`roles.sentence_candidates` reads who did what to whom from one parsed sentence; here each
report becomes a `Candidate`: its date (`timex`, with precision), its place (an "in/at X"
phrase that says where the act happened, else the dateline for the report's own days), whether
it is told as past context, and "he"/"she" standing for the person named just before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from newsflow import definites, generic, pronouns, titles
from newsflow.event_sides import side_key
from newsflow.geo import Gazetteer, Place
from newsflow.roles import TOPIC_PREPS, Lexicon, RoleMention, sentence_candidates
from newsflow.timex import EventDate, resolve_event_date


@dataclass(frozen=True)
class Candidate:
    """One event report found in one sentence, before merging."""

    article_id: str
    sentence_index: int
    event_type: str
    cameo_root: str
    mode: str
    source: RoleMention | None
    target: RoleMention | None
    when: EventDate
    place: Place | None
    place_from_sentence: bool
    story_id: str | None
    evidence: str
    score: float
    symmetric: bool
    background: bool = False  # told as past context, not as news of the report (issue 20)
    definite: bool = False  # "the attack": may refer back to an event told just before
    main_clause: bool = True  # not inside a relative clause ("..., who was killed in a strike")
    source_generic: str | None = None  # the generic agent of a null source ("police")
    target_generic: str | None = None

    @property
    def mode_group(self) -> str:
        return "asserted" if self.mode in ("asserted", "planned") else self.mode

    @property
    def pair(self) -> tuple[str | None, str | None]:
        # a person or body of a country keys as its country and itself (`event_sides`)
        keys = (side_key(self.source), side_key(self.target))
        if self.symmetric:
            present = sorted(k for k in keys if k is not None)
            return (present + [None, None])[0], (present + [None, None])[1]
        return keys


def _place_phrase(token: Token) -> str:
    words = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [token]
    return " ".join(t.text for t in words)


# A place phrase inside one of these is about something else: "talks on the situation in
# Afghanistan", "stems from attacks in Iran", "the resurgence of the Taliban in Afghanistan".
PLACE_BLOCKING_PREPS = TOPIC_PREPS | {
    "of",
    "from",
    "for",
    "to",
    "against",
    "by",
    "towards",
    "toward",
}


def _where_of(token: Token, scope: Token) -> bool:
    """Does the "in X" phrase at `token` say where the act at `scope` happened (not where
    something it is about is)? At most two phrase hops, none through a topic or "of" phrase."""
    hops, current = 0, token.head  # the preposition
    while current.i != scope.i:
        if current.dep_ == "prep" and current.i != token.head.i:
            hops += 1
            if current.lemma_.lower() in PLACE_BLOCKING_PREPS or hops > 2:
                return False
        if current.head.i == current.i:
            return False
        current = current.head
    return True


def _place(
    doc: Doc, scopes: list[Token], gazetteer: Gazetteer, context: frozenset[str]
) -> Place | None:
    """A place named by an "in/at/near X" phrase, searched from the trigger outwards; cities first."""
    seen: set[int] = set()
    for scope in scopes + [doc[:].root]:
        found: list[Place] = []
        for token in scope.subtree:
            if token.i in seen or token.dep_ != "pobj" or token.pos_ != "PROPN":
                continue
            if token.head.lemma_.lower() not in ("in", "at", "near", "outside", "inside"):
                continue
            if not _where_of(token, scope):
                continue
            seen.add(token.i)
            local = set(context)
            for appos in (c for c in token.children if c.dep_ == "appos"):
                country = gazetteer.lookup(_place_phrase(appos))
                if country is not None:
                    local.add(country.country_code)
            place = gazetteer.lookup(_place_phrase(token), frozenset(local))
            if place is not None:
                found.append(place)
        if found:
            return next((p for p in found if p.is_city), found[0])
    return None


def _purpose(trigger: Token) -> bool:
    """Is the trigger the aim of another act ("began a hunger strike to demand ...")?"""
    return trigger.dep_ in ("advcl", "acl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children
    )


def _aside(trigger: Token) -> bool:
    """Is the trigger told of a participant, not what the sentence reports: in a relative
    clause or a participle modifying a noun ("farmers who are signing up for the program",
    "the bonus offered corn farmers")? The main clause's act is the sentence's main report."""
    return any(
        w.dep_ == "relcl" or (w.dep_ == "acl" and w.tag_ in ("VBN", "VBG"))
        for w in [trigger, *trigger.ancestors]
    )


def _score(
    source: Any,
    target: Any,
    verbal: bool,
    when: EventDate,
    place_in_sentence: bool,
    mode: str,
    purpose: bool = False,
) -> float:
    """How clearly the sentence reports the event (0-1): the best report leads its event. An
    act that is the aim of another or told aside (`_purpose`, `_aside`) reports less."""
    score = 0.3 - (0.15 if purpose else 0.0)
    score += 0.25 if source is not None and target is not None else 0.0
    score += 0.1 if verbal else 0.0
    score += 0.1 if when.source.startswith("sentence") else 0.0
    score += 0.1 if place_in_sentence else 0.0
    score += 0.1 if mode == "asserted" else 0.0
    return round(score, 3)


DEFINITE = {"the", "this", "that", "these", "those"}
BACKGROUND_DAYS = 7  # a day-precise date further back than this is history, not this report's news


RECENT_WORDS = {"recent", "recently", "previous", "previously", "past", "former", "last"}
# A past period named relative to the report: history even when the report's date is unknown.
PAST_PERIOD = re.compile(
    r"\b(?:earlier this (?:month|year)|last (?:month|year)|(?:last|earlier in) (?:january|february|"
    r"march|april|may|june|july|august|september|october|november|december))\b",
    re.IGNORECASE,
)


def _recent(trigger: Token, chain: list[tuple[Token, str]]) -> bool:
    """Does the sentence call the event recent or past ("a recent bombing", "recent incidents,
    such as attacks ...", "recently attacked")? Not "earlier": "Earlier, X held talks" is news."""
    words = [trigger] + [g for g in trigger.ancestors if g.pos_ in ("NOUN", "PROPN", "VERB")]
    return any(
        c.lower_ in RECENT_WORDS and c.dep_ in ("amod", "advmod") for w in words for c in w.children
    )


def _since_period(trigger: Token) -> bool:
    """ "A surge in attacks since the Taliban returned": the act runs over a period; the date
    in that phrase is its start, not a date of the act."""
    for word in [trigger, *trigger.ancestors]:
        for c in word.children:
            if c.lower_ == "since" and c.dep_ in ("prep", "mark"):
                return True
            if c.dep_ == "advcl" and any(
                g.lower_ == "since" and g.dep_ == "mark" for g in c.children
            ):
                return True
    return False


def _background(trigger: Token, chain: list[tuple[Token, str]], when: EventDate, ref: Any) -> bool:
    """Is the event told as past context rather than as news of the report? A relative clause
    about the past ("Soleimani, who was killed in a US drone strike"), a pluperfect ("had called
    on"), a period it has run since ("attacks since the Taliban returned"), a recent event
    before the report ("a recent bombing"), or a date of its own well before the report's
    (month or year precision, or more than a week back)."""
    for word in [trigger] + [g for g, _ in chain]:
        if word.dep_ == "relcl" and word.tag_ in ("VBD", "VBN"):
            return True
        aux = [c for c in word.children if c.dep_ in ("aux", "auxpass")]
        if word.tag_ == "VBN" and any(a.lower_ == "had" for a in aux):
            return True
    if _since_period(trigger) or _recent(trigger, chain):
        return True
    if ref is None and PAST_PERIOD.search(trigger.doc.text):
        return True
    if ref is None or when.hi is None or not when.source.startswith("sentence"):
        return False
    if when.precision in ("month", "year"):
        return when.hi < ref
    return (ref - when.hi).days > BACKGROUND_DAYS


def candidates_in_doc(
    doc: Doc,
    row: dict[str, Any],
    article: dict[str, Any],
    dateline: Place | None,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    max_days_ahead: int,
) -> list[Candidate]:
    """The event reports of one parsed sentence, with their dates, places and background flags."""
    start = row["sentence_start"]
    text = row["text"]  # the parsed sentence: doc.text rebuilt from tokens costs ~0.2 ms a call
    mentions = []
    for m in row["mentions"]:
        span = doc.char_span(
            m["char_start"] - start, m["char_end"] - start, alignment_mode="expand"
        )
        if span is None or len(span) == 0:
            continue
        mentions.append(
            RoleMention(
                m["mention_id"],
                m["actor_id"],
                m["actor_key"],
                frozenset(t.i for t in span),
                m.get("actor_type"),
                stands_for=bool(m.get("stands_for")),
                firm=bool(m.get("firm")),
                public=bool(m.get("public")),
            )
        )
    before = [
        RoleMention("", a["actor_id"], a["actor_key"], frozenset(), "PERSON")
        for a in row.get("antecedents") or []
    ]
    # titles first: "He then accused the Tory leader" names the leader, whom "he" is not
    mentions += titles.title_mentions(doc, mentions, row.get("title_holders"))
    mentions += pronouns.person_mentions(doc, mentions, before)
    mentions += pronouns.thing_mentions(doc, mentions, row.get("thing_antecedent"))
    mentions = definites.with_bodies(doc, mentions, row.get("bodies"), row["sentence_index"])
    # "police", "officials": roles, no actor; "the government" of the dateline's named country
    home = generic.home_country(article, dateline)
    sole = generic.sole_country(article) if dateline is None else None
    mentions += generic.role_mentions(doc, mentions, home, sole)
    context = frozenset(article["country_code"] or []) | (
        {dateline.country_code} if dateline else set()
    )
    ref = article["published_date"] or article["crawl_date"]
    out = []
    for event_type, root, mode, source, target, trigger, chain, verbal in sentence_candidates(
        doc, mentions, lexicon, sports=article["sports"]
    ):
        generics = generic.label_of(source), generic.label_of(target)
        source, target = generic.named_or_none(source), generic.named_or_none(target)
        when = resolve_event_date(
            text,
            article["published_date"],
            article["crawl_date"],
            future=mode == "planned",
            offsets=lexicon.relative_offsets,
            max_days_ahead=max_days_ahead,
            recent=_recent(trigger, chain),
        )
        background = mode != "planned" and _background(trigger, chain, when, ref)
        if background and (when.source in ("published", "crawl", "none") or _since_period(trigger)):
            # Context with no date of its own is no news of the report's day: undated, so it
            # never joins an event of the report's days (it merges only within its story).
            when = EventDate(None, None, None, "background", None)
        scopes = [trigger] + [g for g, _ in chain]
        place = _place(doc, scopes, gazetteer, context)
        # A dateline says where the reporter was on the day of the report: it places the
        # report's news of those days, not an event of another time.
        near = ref is None or when.date is None or abs((when.date - ref).days) <= 2
        fallback = dateline if not background and near else None
        definite = not verbal and any(
            c.dep_ == "det" and c.lower_ in DEFINITE for c in trigger.children
        )
        out.append(
            Candidate(
                article_id=row["article_id"],
                sentence_index=row["sentence_index"],
                event_type=event_type,
                cameo_root=root,
                mode=mode,
                source=source,
                target=target,
                when=when,
                place=place or fallback,
                place_from_sentence=place is not None,
                story_id=article["story_id"],
                evidence=" ".join(text.split()),
                score=_score(
                    source,
                    target,
                    verbal,
                    when,
                    place is not None,
                    mode,
                    _purpose(trigger) or _aside(trigger),
                ),  # fmt: skip
                symmetric=event_type in lexicon.symmetric_types,
                background=background,
                definite=definite,
                main_clause=not any(
                    w.dep_ in ("relcl", "acl") for w in [trigger, *trigger.ancestors]
                ),
                source_generic=generics[0],
                target_generic=generics[1],
            )
        )
    return out
