"""The pronoun "it" standing for an organisation, party or state (issue 20).

The labelling guide names a pronoun's antecedent as the role ("It rejected bids" -> `name`
"United States Department of Agriculture"), so an event whose only actor is "it" is no longer
left without one. "he"/"she"/"his" stand for people (`reports._pronoun_mentions`); here a
subject "it", in a sentence that names no organisation, group or country before it, stands
for the one the sentence just before names first (in news that is nearly always its subject:
"USDA accepted Algeria's bid ... It rejected bids for wheat"). Nothing is read from a new
parse: the previous sentence's actors come from the mentions extraction already made.
"""

from __future__ import annotations

from typing import Any

import polars as pl
from spacy.tokens import Doc

from newsflow.roles import RoleMention

# The actor kinds a thing pronoun may stand for: never a person ("they" for two people is too
# often the speakers of a quote) and never a place (a role needs an actor).
THING_KINDS = ("ORG", "GROUP", "COUNTRY")
# Only "it": on the BBC bundle most "they"/"them" with no organisation before them were
# people (players, a band, the speakers of a quote), and most objects were no actor at all.
THING_PRONOUNS = {"it"}
THING_CUE = r"(?i)\bit\b"  # a cheap pre-filter on sentence text
# Only as who acts or is acted on in its clause (not "its", not "it is", no object).
PRONOUN_ROLES = {"nsubj", "nsubjpass"}
SUBJECT_CHARS = 24  # how far into the sentence before a pronoun's antecedent may be named


def previous_subjects(sentences: pl.DataFrame, role_mentions: pl.DataFrame) -> pl.DataFrame:
    """(article_id, sentence_index, thing_antecedent): the organisation, group or country each
    sentence's previous sentence names first, within its first words (where its subject
    stands), as a struct of its role actor id, key and type."""
    starts = sentences.select("article_id", "sentence_index", "sentence_start")
    first = (
        role_mentions.filter(pl.col("actor_type").is_in(THING_KINDS))
        .join(starts, on=["article_id", "sentence_index"])
        # named where a subject stands ("USDA accepted", "But Downing Street said"), not later
        .filter(pl.col("char_start") - pl.col("sentence_start") <= SUBJECT_CHARS)
        .sort("char_start")
        .group_by("article_id", "sentence_index")
        .agg(pl.struct("actor_id", "actor_key", "actor_type").first().alias("thing_antecedent"))
        .with_columns(pl.col("sentence_index") + 1)
    )
    return sentences.select("article_id", "sentence_index").join(
        first, on=["article_id", "sentence_index"], how="inner"
    )


def thing_mentions(
    doc: Doc, mentions: list[RoleMention], before: dict[str, Any] | None
) -> list[RoleMention]:
    """A subject "it" as a mention of the organisation, group or country the previous
    sentence names first (`before`), when the sentence names none before the pronoun. With
    one named before it, the roles already read the pronoun as that clause's speaker ("Syria
    says it will withdraw", `roles._subject`); a pronoun of a thing ("it is a bad deal") or a
    possessive ("its car loans unit", mostly the company's own affairs) takes no role."""
    if not before:
        return []
    things = [min(m.tokens) for m in mentions if m.actor_type in THING_KINDS and m.tokens]
    first_named = min(things, default=len(doc))
    out = []
    for token in doc:
        if token.i >= first_named:
            break
        if token.lower_ not in THING_PRONOUNS or token.pos_ != "PRON":
            continue
        if token.dep_ not in PRONOUN_ROLES or token.head.lemma_ == "be":
            continue
        out.append(
            RoleMention(
                "", before["actor_id"], before["actor_key"], frozenset({token.i}),
                before["actor_type"],
            )
        )  # fmt: skip
    return out
