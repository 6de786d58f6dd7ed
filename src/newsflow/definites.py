"""A named body told again: "the committee said" is the committee the article named (issue 20).

News names an organisation once in full ("the Commons Public Accounts Committee", "the World
Bank", "Nortel Networks Corp") and then calls it by its head noun alone ("the committee said",
"discussing the report with the Bank", "the company also said"). Extraction makes no mention of
the short form, so an event whose actor is only "the committee" lost its role, and a sentence
with no other actor was never parsed.

Here each article's organisations and groups are listed with the head nouns their names end in
(`bodies`): "Public Accounts Committee" -> committee, "Bundesbank" -> bank (one word ending in
the head); "the company" and "the firm" may be any organisation (a firm's name seldom says
so: "Nortel Networks"), so they are linked only when the article has named one by then. A
definite reference in a parsed sentence ("the committee", not "a committee", "the banks", "the
committee's" owner or "the bank of X") stands for the one body of the article with that head
named in this sentence or before (`body_mentions`); its other words must be words of the name
("the accounts committee", not "the central bank" for the Bundesbank). Two such bodies leave it
unlinked (GUIDE.md: a role names the actor only when the article makes it certain).
Extraction sometimes makes the short form a mention of its own ("the Bank" as an actor named
"Bank"): a body named only by its bare head is read as such a reference too.

"the government" is left to `generic` (the dateline's or sole named country); people's offices
("the chancellor") to `titles`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import polars as pl
from spacy.tokens import Doc, Token

from newsflow import titles
from newsflow.roles import RoleMention

# Head nouns a named body is called by again. Not "government" (`generic`) and not words that
# name a body's product or paper ("the report", "the plan"): they are no actor.
BODY_HEADS = frozenset(
    {
        "committee", "commission", "bank", "court", "union", "party", "council", "agency",
        "authority", "board", "ministry", "department", "company", "firm", "group",
        "association", "federation", "institute", "fund", "alliance", "organisation",
        "organization", "exchange", "tribunal", "panel", "watchdog", "regulator", "airline",
        "league", "club", "corporation", "foundation", "society", "trust",
    }
)  # fmt: skip
# Heads any organisation (actor type ORG) may be called by, whatever its name.
FIRM_HEADS = frozenset({"company", "firm"})
BODY_TYPES = ("ORG", "GROUP")  # never a person, country or place
BODY_CUE = (
    r"(?i)\bthe\s+(?:[\w'’.-]+\s+){0,2}?(?:" + "|".join(sorted(BODY_HEADS)) + r")\b"
)  # a cheap pre-filter on sentence text; the parse decides


def name_heads(name: str) -> frozenset[str]:
    """The head nouns a body named `name` may be called by: its last word when that is a head
    ("Public Accounts Committee" -> committee), the head a one-word name ends in ("Bundesbank"
    -> bank)."""
    words = re.findall(r"[a-z]+", name.lower())
    if not words:
        return frozenset()
    last = words[-1]
    heads = {last} & BODY_HEADS
    if len(words) == 1:
        heads |= {h for h in BODY_HEADS if last.endswith(h) and len(last) > len(h) + 2}
    return frozenset(heads)


def bodies(role_mentions: pl.DataFrame) -> pl.DataFrame:
    """(article_id, bodies): for each article, its organisations and groups with the heads their
    names end in, the words of those names and the first sentence naming them, as structs
    (heads, words, actor_id, actor_key, actor_type, first_sentence). `role_mentions` has
    mention_text and sentence_index."""
    named = (
        role_mentions.filter(pl.col("actor_type").is_in(BODY_TYPES))
        .group_by("article_id", "actor_id", "actor_key", "actor_type", "mention_text")
        .agg(pl.col("sentence_index").min().alias("first_sentence"))
    )
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for r in named.sort("article_id", "actor_id", "mention_text").iter_rows(named=True):
        text = r["mention_text"] or ""
        row = rows.setdefault(
            (r["article_id"], r["actor_id"]),
            {**r, "heads": set(), "words": set()},
        )
        words = set(re.findall(r"[a-z]+", text.lower()))
        row["heads"] |= name_heads(text) | (FIRM_HEADS if r["actor_type"] == "ORG" else set())
        row["words"] |= words
        row["bare"] = row.get("bare", True) and words <= BODY_HEADS
        row["first_sentence"] = min(row["first_sentence"], r["first_sentence"])
    frame = pl.DataFrame(
        [
            (
                a,
                sorted(r["heads"]),
                sorted(r["words"]),
                r["actor_id"],
                r["actor_key"],
                r["actor_type"],
                r["first_sentence"],
                r["bare"],
            )
            for (a, _), r in rows.items()
            if r["heads"]
        ],  # fmt: skip
        schema={
            "article_id": pl.String,
            "heads": pl.List(pl.String),
            "words": pl.List(pl.String),
            "actor_id": pl.String,
            "actor_key": pl.String,
            "actor_type": pl.String,
            "first_sentence": pl.Int64,
            "bare": pl.Boolean,
        },
        orient="row",
    )
    return frame.group_by("article_id", maintain_order=True).agg(
        pl.struct(
            "heads", "words", "actor_id", "actor_key", "actor_type", "first_sentence", "bare"
        ).alias("bodies")
    )


def referents(texts: pl.DataFrame, role_mentions: pl.DataFrame) -> pl.DataFrame:
    """(article_id, title_holders, bodies): what an article's definite references may stand
    for, people by their office (`titles.holders`) and bodies by their head noun (`bodies`)."""
    return titles.holders(texts, role_mentions).join(
        bodies(role_mentions), on="article_id", how="full", coalesce=True
    )


def may_refer() -> pl.Expr:
    """Over sentences joined to `referents`: may the sentence refer to a title holder or a
    named body? (A sentence with no actor is parsed only then.)"""
    return titles.may_refer() | (
        pl.col("bodies").is_not_null() & pl.col("text").str.contains(BODY_CUE)
    )


def _reference(token: Token) -> str | None:
    """The head of a definite reference to a body headed by `token` ("the committee", "the
    accounts committee"), or None: not plural, not "a committee", not "the committee's
    chairman" (a possessive names whose), not "the bank of England" or "the company behind the
    trial" (a phrase after it describes a body of its own), not a part of
    another noun ("the union leader") or an appositive ("Unison, the union")."""
    head = token.lemma_.lower()
    if token.pos_ not in ("NOUN", "PROPN") or head not in BODY_HEADS:
        return None
    if token.tag_ not in ("NN", "NNP") or token.dep_ in ("compound", "appos", "poss"):
        return None
    if any(c.dep_ in ("poss", "appos", "prep", "acl") for c in token.children):
        return None  # "the company behind the trial": a description of its own
    det = [c for c in token.lefts if c.dep_ == "det"]
    if len(det) != 1 or det[0].lower_ != "the":
        return None
    return head


def _the_body(
    head: str, modifiers: set[str], known: list[dict[str, Any]], sentence: int
) -> dict[str, Any] | None:
    """The one body of the article with that head, named by `sentence`, whose name holds the
    reference's other words; None when none or several are (a bare-head body is no name)."""
    found = {
        b["actor_id"]: b
        for b in known
        if not b["bare"]
        and head in b["heads"]
        and b["first_sentence"] <= sentence
        and modifiers <= set(b["words"])
    }
    return next(iter(found.values())) if len(found) == 1 else None


def with_bodies(
    doc: Doc, mentions: list[RoleMention], known: list[dict[str, Any]] | None, sentence: int
) -> list[RoleMention]:
    """The sentence's mentions (number `sentence` of its article) with its definite references
    to a body as mentions of that body (`known`, from `bodies`): a new mention for "the
    committee", and a body's own for a mention of a bare-head actor ("the Bank")."""
    if not known:
        return mentions
    bare = {b["actor_id"]: b for b in known if b["bare"]}
    out = []
    for m in mentions:
        heads = bare[m.actor_id]["words"] if m.actor_id in bare else []  # a bare name is heads
        body = _the_body(heads[0], set(), known, sentence) if len(heads) == 1 else None
        if body is not None:
            m = replace(m, actor_id=body["actor_id"], key=body["actor_key"])
        out.append(m)
    named = {i for m in mentions for i in m.tokens}
    for token in doc:
        if token.i in named:
            continue
        head = _reference(token)
        if head is None:
            continue
        det = min(c.i for c in token.lefts if c.dep_ == "det")
        modifiers = {doc[i].lower_ for i in range(det + 1, token.i)}
        body = _the_body(head, modifiers, known, sentence)
        if body is None:
            continue
        own = frozenset(i for i in range(det, token.i + 1) if i not in named)
        out.append(RoleMention("", body["actor_id"], body["actor_key"], own, body["actor_type"]))
    return out
