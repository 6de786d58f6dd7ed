"""A title told again: "the chancellor said" is the person the article named as chancellor
(issue 20).

News names a person once with their office ("Chancellor Gordon Brown", "Tory shadow
chancellor Oliver Letwin", "Vince Cable, the Lib Dems' Treasury spokesman") and then calls them
by the office alone ("the chancellor said ...", "the shadow chancellor accused ..."). Extraction
strips the title from the name (`name_spans.clean_span`), so the later "the chancellor" was no
mention at all and the event it acts in lost its role.

Here each person mention's title is read from the article text around it (`holders`): the
words just before the name, or an appositive just after it. A title is split into its office
("chancellor", "shadow chancellor", "foreign secretary"), which must agree, and its
affiliation ("Tory", "US", "the Lib Dems'"), which a later reference may drop. A definite
reference in a parsed sentence ("the chancellor", "the Tory leader") then stands for the one
person of the article who holds that office (`title_mentions`); two holders leave it alone.

BBC mostly names a well-known holder bare ("Tony Blair", "Gordon Brown") and calls him "the
prime minister" later, so the office is also taken from the batch's other articles, for people
the article itself names: a batch is news of the same days, and the same people hold the same
offices in it.
"""

from __future__ import annotations

import re
from typing import Any

import polars as pl
from spacy.tokens import Doc, Token

from newsflow.roles import RoleMention

# Head nouns of offices a person is named by and later called by alone.
TITLE_HEADS = frozenset(
    {
        "chancellor", "minister", "president", "secretary", "leader", "spokesman",
        "spokeswoman", "premier", "chairman", "chairwoman", "governor", "mayor",
        "ambassador", "envoy", "commissioner", "chief", "speaker",
    }
)  # fmt: skip
# Words that are part of the office itself: "shadow chancellor" is not "the chancellor", and
# "foreign secretary" not "home secretary". Other words before the office ("Tory", "US",
# "Labour's") say whose office it is, and a later reference may leave them out.
OFFICE_WORDS = frozenset(
    {
        "shadow", "prime", "first", "foreign", "home", "deputy", "vice", "former", "ex",
        "acting", "interim", "junior", "assistant", "health", "education", "trade",
        "transport", "defence", "defense", "finance", "interior", "justice", "treasury",
        "culture", "environment", "employment", "welfare", "europe", "work", "pensions",
        "chief", "party", "general", "state", "economic", "industry", "energy",
        "sports", "sport", "agriculture", "development", "international", "northern",
        "scottish", "welsh", "constitutional", "schools", "housing", "immigration", "police",
        "communities", "local", "cabinet", "executive", "commons", "lords",
    }
)  # fmt: skip
# Offices of another person than the plain title: "the chancellor" is never the shadow one.
OTHER_HOLDER = frozenset({"shadow", "deputy", "vice", "former", "ex", "junior", "assistant"})
TITLE_CUE = (
    r"(?i)\bthe\s+(?:[\w'’.-]+\s+){0,3}?(?:chancellor|ministers?|president|secretary|leader"
    r"|spokes(?:wo)?man|premier|chair(?:wo)?man|governor|mayor|ambassador|envoy|commissioner"
    r"|chief|speaker)\b"
)  # a cheap pre-filter on sentence text; the parse decides
# An appositive after a name: ", the Lib Dems' Treasury spokesman," / ", Labour's leader".
_AFTER = re.compile(r"^\s*,\s+(?:the\s+)?([^,.;:()\"“”]{2,60}?)(?=\s+of\b|\s*[,.;:)]|$)")
BEFORE_CHARS, AFTER_CHARS = 50, 70


def office(words: list[str]) -> tuple[str, frozenset[str]] | None:
    """(office, affiliation) of a title's words, or None when it does not end in an office:
    ["Tory", "shadow", "chancellor"] -> ("shadow chancellor", {"tory"}). The office is the run
    of office words that ends in the head; the capitalised words before it are whose office
    it is; other lower-case words ("new", "current") say nothing of which office."""
    low = [w.lower().strip("'’") for w in words]
    if not low or low[-1] not in TITLE_HEADS:
        return None
    start = len(low) - 1
    while start > 0 and low[start - 1] in OFFICE_WORDS | TITLE_HEADS:
        start -= 1
    affiliation = frozenset(
        lw.removesuffix("s") for w, lw in zip(words[:start], low[:start], strict=True)
        if w[:1].isupper() and lw not in ("the", "mr", "mrs", "ms")
    )  # fmt: skip
    return " ".join(low[start:]), affiliation


def title_of(before: str, after: str) -> tuple[str, frozenset[str]] | None:
    """The office a person mention is named with, from the text just `before` the name ("Chancellor
    Gordon Brown") or, failing that, an appositive just `after` it ("Vince Cable, the Lib
    Dems' Treasury spokesman")."""
    words = before.split()[-4:] if before[-1:] == " " else []
    # the title is the words right before the name that end in a head, within its clause
    for cut in range(len(words)):
        title = words[cut:]
        found = office(title)
        if (
            found
            and all(w[:1].isupper() or w.lower() in OFFICE_WORDS | TITLE_HEADS for w in title)
            and not any(w[-1] in '.,;:"”)' for w in title)
        ):
            return found
    m = _AFTER.match(after)
    return office(m.group(1).split()) if m else None


def may_refer() -> pl.Expr:
    """Over sentences joined to `holders`: may the sentence refer to a title holder? (A
    sentence with no actor is parsed only then.)"""
    return pl.col("title_holders").is_not_null() & pl.col("text").str.contains(TITLE_CUE)


def holders(with_text: pl.DataFrame, role_mentions: pl.DataFrame) -> pl.DataFrame:
    """(article_id, title_holders): for each article, the offices its person mentions are named
    with, as structs (office, affiliation, actor_id, actor_key), one per office and person.
    `with_text` has article_id and body; `role_mentions` the role mentions (body offsets)."""
    people = role_mentions.filter(pl.col("actor_type") == "PERSON")
    around = people.join(with_text, on="article_id", how="inner").select(
        "article_id",
        "actor_id",
        "actor_key",
        pl.col("body")
        .str.slice(
            (pl.col("char_start") - BEFORE_CHARS).clip(lower_bound=0),
            pl.min_horizontal(pl.col("char_start"), pl.lit(BEFORE_CHARS)),
        )
        .alias("before"),
        pl.col("body").str.slice(pl.col("char_end"), AFTER_CHARS).alias("after"),
    )
    rows = []
    for r in around.iter_rows(named=True):  # only person mentions: a few per article
        found = title_of(r["before"] or "", r["after"] or "")
        if found:
            rows.append(
                (r["article_id"], found[0], sorted(found[1]), r["actor_id"], r["actor_key"])
            )
    frame = pl.DataFrame(
        rows,
        schema={
            "article_id": pl.String,
            "office": pl.String,
            "affiliation": pl.List(pl.String),
            "actor_id": pl.String,
            "actor_key": pl.String,
        },
        orient="row",
    )
    # The batch's other articles of the same days name the same office holders: an article
    # that names Gordon Brown without his title still calls him "the chancellor". Only people
    # the article itself names; an office two of them hold stays ambiguous (`_holder`).
    batch = frame.group_by("office", "actor_id", "actor_key", maintain_order=True).agg(
        pl.col("affiliation").explode(empty_as_null=True).drop_nulls().unique().sort()
    )
    named = people.select("article_id", "actor_id").unique(maintain_order=True)
    frame = pl.concat([frame, named.join(batch, on="actor_id").select(frame.columns)])
    frame = frame.unique(["article_id", "office", "actor_id"], maintain_order=True)
    return frame.group_by("article_id", maintain_order=True).agg(
        pl.struct("office", "affiliation", "actor_id", "actor_key").alias("title_holders")
    )


def _holder(ref: tuple[str, frozenset[str]], known: list[dict[str, Any]]) -> dict | None:
    """The one person holding the referred office: the same office, or a plain head ("the
    minister") for one office of that head held by no deputy or shadow; an affiliation the
    reference names ("the Tory leader") must be the holder's. None when none or several."""
    name, affiliation = ref
    head = name.split()[-1]
    found = {}
    for h in known:
        same = h["office"] == name or (
            name == head
            and h["office"].split()[-1] == head
            and not OTHER_HOLDER & set(h["office"].split())
        )
        if same and affiliation <= set(h["affiliation"] or []):
            found[h["actor_id"]] = h
    return next(iter(found.values())) if len(found) == 1 else None


def _reference(token: Token) -> tuple[str, frozenset[str]] | None:
    """(office, affiliation) of a definite title reference headed by `token` ("the prime
    minister", "the Tory leader"), or None: not "his chancellor", not "the president of X"
    (that names whose president), not an appositive of a name ("X, the chancellor")."""
    if token.pos_ not in ("NOUN", "PROPN") or token.lower_ not in TITLE_HEADS:
        return None
    if token.dep_ in ("appos", "compound") or any(
        c.dep_ in ("poss", "appos") or (c.dep_ == "prep" and c.lower_ == "of")
        for c in token.children
    ):
        return None
    det = [c for c in token.lefts if c.dep_ == "det"]
    if len(det) != 1 or det[0].lower_ != "the":
        return None
    words = [t.text for t in token.doc[det[0].i + 1 : token.i + 1]]
    return office(words)


def title_mentions(
    doc: Doc, mentions: list[RoleMention], known: list[dict[str, Any]] | None
) -> list[RoleMention]:
    """Definite title references of the parsed sentence as mentions of the one person of the
    article named with that office (`known`, from `holders`); nothing where a mention already
    covers the office word or the office is held by none or several."""
    if not known:
        return []
    named = {i for m in mentions for i in m.tokens}
    out = []
    for token in doc:
        if token.i in named:
            continue
        ref = _reference(token)
        holder = _holder(ref, known) if ref else None
        if holder is None:
            continue
        # "the Tory leader": the party named inside it stays its own mention; the office is hers
        words = range(min(c.i for c in token.lefts if c.dep_ == "det"), token.i + 1)
        own = frozenset(i for i in words if i not in named)
        out.append(RoleMention("", holder["actor_id"], holder["actor_key"], own, "PERSON"))
    return out
