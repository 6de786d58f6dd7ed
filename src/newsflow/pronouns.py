"""Pronouns standing for the actors named before them (issue 20).

The labelling guide names a pronoun's antecedent as the role ("It rejected bids" -> `name`
"United States Department of Agriculture"), so an event whose only actor is a pronoun is no
longer left without one. "he"/"she"/"his" stand for people (`person_mentions`), and so do
the objects "him"/"her" ("accusing him of", "calls for him to resign"), never for a subject of
a clause they stand in; a
subject "it", in a sentence that names no organisation, group or country before it, stands
for the one the sentence just before names first (in news that is nearly always its subject:
"USDA accepted Algeria's bid ... It rejected bids for wheat"). Nothing is read from a new
parse: the previous sentence's actors come from the mentions extraction already made.
"""

from __future__ import annotations

from typing import Any

import polars as pl
from spacy.tokens import Doc, Token

from newsflow.roles import RoleMention

# The actor kinds a thing pronoun may stand for: never a person ("they" for two people is too
# often the speakers of a quote) and never a place (a role needs an actor).
THING_KINDS = ("ORG", "GROUP", "COUNTRY")
PERSONAL_PRONOUNS = {"he", "she", "his"}  # subject and possessive forms
# Object forms ("accusing him of", "calling for her to resign"; "her" not as a possessive):
# never the person its own clause's subject names, nor that of a clause above it
OBJECT_PRONOUNS = {"him", "her"}
# Only "it": on the BBC bundle most "they"/"them" with no organisation before them were
# people (players, a band, the speakers of a quote), and most objects were no actor at all.
THING_PRONOUNS = {"it"}
THING_CUE = r"(?i)\bit\b"  # a cheap pre-filter on sentence text
# Only as who acts or is acted on in its clause (not "its", not "it is", no object).
PRONOUN_ROLES = {"nsubj", "nsubjpass"}
SUBJECT_CHARS = 24  # how far into the sentence before a pronoun's antecedent may be named
ANTECEDENT_SENTENCES = 2  # how far back a "he"/"she" may find the person it stands for
ANTECEDENT_PEOPLE = 3  # the people a "he"/"she" may stand for, in order of preference
# Further back, a "he"/"she" carries on the person named before a run of sentences that go on
# about them: quotes ('"We watched ..."'), their own "he"/"she"/"his", or people named. A
# sentence about someone unnamed ("A Liberal Democrat spokesman said", "The chancellor is on a
# tour of Africa") ends the run: past it a "he" is that someone.
CHAIN_SENTENCES = 6
CARRIES_ON = r"""(?i)^\W*["“‘']|\b(?:he|she|his)\b"""
# A subject "he" stands for no person named after it in its own clause (`person_mentions`).
PERSON_SUBJECTS = {"nsubj", "nsubjpass"}


def person_antecedents(sentences: pl.DataFrame, role_mentions: pl.DataFrame) -> pl.DataFrame:
    """(article_id, sentence_index, antecedents): the people named in the two sentences just
    before each sentence, or up to CHAIN_SENTENCES before it through a run that carries them
    on (`_run_starts`), each once (structs of actor_id, actor_key): who its "he"/"she"/"his"
    may stand for. The sentence just before comes first, and within a sentence the person it
    names first: news names the one a sentence is about first, where its subject stands
    ("Mr Blair argued that ... because of Mr Brown's management. And he pledged ...": Blair),
    and the next sentence's pronoun carries that person on."""
    people = role_mentions.filter(pl.col("actor_type") == "PERSON").select(
        "article_id",
        pl.col("sentence_index").alias("named_in"),
        "char_start",
        "actor_id",
        "actor_key",
    )
    return (
        _run_starts(sentences, people)
        .join(people, on="article_id", how="inner")
        .filter(
            (pl.col("named_in") < pl.col("sentence_index"))
            & (
                (pl.col("named_in") >= pl.col("sentence_index") - ANTECEDENT_SENTENCES)
                | (
                    (pl.col("named_in") >= pl.col("sentence_index") - CHAIN_SENTENCES)
                    & (pl.col("named_in") >= pl.col("run_start"))
                )
            )
        )
        .sort(["named_in", "char_start"], descending=[True, False])
        .group_by("article_id", "sentence_index")
        .agg(
            pl.struct("actor_id", "actor_key")
            .unique(maintain_order=True)
            .head(ANTECEDENT_PEOPLE)
            .alias("antecedents")
        )
    )


def _run_starts(sentences: pl.DataFrame, people: pl.DataFrame) -> pl.DataFrame:
    """(article_id, sentence_index, run_start): the last sentence before each sentence that
    does not carry its person on (`CARRIES_ON`, or names a person); -1 if none does."""
    named = people.select("article_id", pl.col("named_in").alias("sentence_index")).unique()
    return (
        sentences.select("article_id", "sentence_index", "text")
        .join(
            named.with_columns(pl.lit(True).alias("names")),
            on=["article_id", "sentence_index"],
            how="left",
        )
        .sort("article_id", "sentence_index")
        .with_columns(
            pl.when(pl.col("names").is_null() & ~pl.col("text").str.contains(CARRIES_ON))
            .then(pl.col("sentence_index"))
            .shift(1)
            .forward_fill()
            .over("article_id")
            .fill_null(-1)
            .alias("run_start")
        )
        .select("article_id", "sentence_index", "run_start")
    )


def person_mentions(
    doc: Doc, mentions: list[RoleMention], antecedents: list[RoleMention]
) -> list[RoleMention]:
    """ "he"/"she"/"his", and the objects "him"/"her", as mentions of the person they stand
    for: the nearest person named before them in the sentence, else the first of
    `antecedents` (`person_antecedents`). Lets "He dismissed the claims", "his meeting with
    X" or "accusing him of" take a role. A subject pronoun never stands for a person its own
    clause then names (binding theory's principle C: in "He then accused the Tory leader" or
    "He said Mr Brown had failed", "he" is someone else), nor an object pronoun for the
    subject of a clause it stands in (principle B: `_subjects_above`); each takes the next
    person named before it."""
    people = sorted((min(m.tokens), m) for m in mentions if m.is_person and m.tokens)
    out: list[RoleMention] = []
    for token in doc:
        if token.pos_ != "PRON":
            continue
        barred: set[str] = set()
        if token.lower_ in OBJECT_PRONOUNS and token.dep_ != "poss":
            barred = _subjects_above(token, [*(m for _, m in people), *out])
        elif token.lower_ not in PERSONAL_PRONOUNS:
            continue
        elif token.dep_ in PERSON_SUBJECTS:
            clause = {t.i for t in token.head.subtree}
            barred = {m.actor_id for i, m in people if i > token.i and i in clause}
        before = [m for i, m in reversed(people) if i < token.i]
        found = next((m for m in before + antecedents if m.actor_id not in barred), None)
        if found is not None:
            out.append(RoleMention("", found.actor_id, found.key, frozenset({token.i}), "PERSON"))
    return out


def _subjects_above(token: Token, people: list[RoleMention]) -> set[str]:
    """The people who are the subjects of the clauses an object pronoun stands in ("Sturgeon
    wrote to Mr McConnell accusing him": not Sturgeon; "he denied he met him": not "he"),
    whom the pronoun cannot stand for (binding theory's principle B)."""
    subjects = {c.i for a in token.ancestors for c in a.children if c.dep_ in PERSON_SUBJECTS}
    return {m.actor_id for m in people if m.tokens & subjects}


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
        .agg(
            pl.struct("actor_id", "actor_key", "actor_type", "firm", "public")
            .first()
            .alias("thing_antecedent")
        )
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
    says it will withdraw", `phrase_actors.subject_actors`); a pronoun of a thing ("it is a
    bad deal") or a possessive ("its car loans unit", mostly the company's own affairs) takes
    no role."""
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
                before["actor_type"], firm=bool(before.get("firm")),
                public=bool(before.get("public")),
            )
        )  # fmt: skip
    return out
