"""PLOVER events: who did what to whom, where and when, merged across articles (issue 7).

`sentences_to_parse` picks the sentences that can hold an event (a role-capable actor and a
trigger word); `find_candidates` parses them and `roles` reads each parse into candidate
reports (type, mode, source, target, date, place, evidence sentence).

Reports of the same event (type, actor pair, overlapping date, same place or story) merge into
one row whose id is derived from its merge key (the rules are in `event_merge`). The pair is
compared at the level GDELT dyads use: a country, or an official/organisation with a country,
stands for that country ("Qomi met Jilani" joins "Iran and Pakistan held talks"); groups without
a country stay themselves. A report naming one actor joins a report naming both when place (or,
for sources, story) agrees; `EventState` carries the known events across batches and runs, and
`event_articles` records which articles support which event so a rerun of the same articles adds
nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import duckdb
import polars as pl
import spacy

from newsflow import (
    blas,
    confidence,
    definites,
    generic,
    morph,
    pronouns,
    resources,
    schema,
    sport_play,
    state_triggers,
)
from newsflow.event_merge import EVENT_KEYS, group_reports, merge_group
from newsflow.event_sides import SEPARATOR, base_key
from newsflow.geo import Gazetteer, Place
from newsflow.reports import Candidate, candidates_in_doc
from newsflow.resolve import ActorRegistry
from newsflow.settings import Settings
from newsflow.triggers import Lexicon, TriggerCues

# Extra warehouse tables (sql/030_events.sql), upserted by the loader from `EventResult.links`
# (with `event_merge.EVENT_KEYS`).
EVENT_ARTICLES = pl.Schema(
    {
        "event_id": pl.String,
        "article_id": pl.String,
        "source_name": pl.String,
        "num_mentions": pl.Int64,
        "outlet": pl.String,  # what num_sources counts distinct (sql/queries/fill_outlets.sql)
    }
)
# One row per event report (a sentence's reading) and the event it joined: which sentence says
# what, for the accuracy harness (bench/bench_event_accuracy.py) and for tracing an event back.
EVENT_REPORTS = pl.Schema(
    {
        "article_id": pl.String,
        "sentence_index": pl.Int64,
        "event_id": pl.String,
        "score": pl.Float64,
    }
)

ROLE_ACTOR_TYPES_EXCLUDED = {"PLACE"}
STATE_ROLLUP_TYPES = {"COUNTRY", "PERSON", "ORG"}  # actors whose merge key is their country


# ("TYPE|merge key" pairs, date window, story ids, supporting article ids, event ids, ids held)
# -> known-event rows in the shape of sql/queries/event_state.sql: the dated ones of a type whose
# source or target key pairs with it and whose date window meets the window, those of the
# stories, those the articles support and those with the ids, except the held ones
# (`history.WarehouseHistory.events`)
EventHistory = Callable[
    [list[str], tuple[date, date] | None, list[str], list[str], list[str], list[str]],
    pl.DataFrame,
]


@dataclass
class EventState:
    """Known events, updated as batches pass: read whole at run start, or, with a `history`,
    read as batches can touch them (each merge key, article and id at most once)."""

    events: pl.DataFrame  # schema.EVENTS rows
    keys: pl.DataFrame  # EVENT_KEYS rows (merge keys of the known events)
    event_articles: pl.DataFrame  # EVENT_ARTICLES rows (supporting articles)
    lexicon: Lexicon = field(default_factory=Lexicon.load)
    gazetteer: Gazetteer = field(default_factory=Gazetteer.load)
    cues: TriggerCues | None = None  # Lexicon.trigger_cues of the run's parser
    history: EventHistory | None = None
    # "pair:" + pair + "@lo:hi" (read for a window), "story:", "article:", "id:" + value
    looked_up: set[str] = field(default_factory=set)

    def read(
        self,
        pairs: Iterable[str] = (),
        window: tuple[date, date] | None = None,
        stories: Iterable[str | None] = (),
        articles: Iterable[str] = (),
        ids: Iterable[str] = (),
    ) -> None:
        """Add the known events not read before (nothing without a history): the dated ones
        of the "TYPE|merge key" `pairs` whose date window meets `window` (no pair is read
        without one), every event of the `stories`, and those `articles` support or with
        `ids`. These are all a batch's reports can join (`event_merge._Key.matches`): two
        reports meet across stories only when both are dated and their windows meet."""
        if self.history is None:
            return
        tag = "" if window is None else f"@{window[0]}:{window[1]}"
        wanted: list[tuple[str, Iterable[str | None]]] = [
            ("pair", pairs if window else ()),
            ("story", stories),
            ("article", articles),
            ("id", ids),
        ]
        asked = {
            kind: sorted(
                {v for v in values if v is not None and f"{kind}:{v}{tag}" not in self.looked_up}
                if kind == "pair"
                else {v for v in values if v is not None and f"{kind}:{v}" not in self.looked_up}
            )
            for kind, values in wanted
        }
        if not any(asked.values()):
            return
        held = self.events["event_id"].to_list()
        known = self.history(
            asked["pair"], window, asked["story"], asked["article"], asked["id"], held
        )
        self.looked_up.update(
            f"{kind}:{v}{tag if kind == 'pair' else ''}"
            for kind, values in asked.items()
            for v in values
        )
        if known.height:
            events, keys, supporting = _split_known(known)
            self.events = pl.concat([self.events, events])
            self.keys = pl.concat([self.keys, keys])
            self.event_articles = pl.concat([self.event_articles, supporting])

    @classmethod
    def empty(
        cls, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None
    ) -> EventState:
        """State with no known events (a new warehouse, or a test)."""
        return cls(
            events=schema.empty(schema.EVENTS),
            keys=schema.empty(EVENT_KEYS),
            event_articles=schema.empty(EVENT_ARTICLES),
            lexicon=lexicon or Lexicon.load(),
            gazetteer=gazetteer or Gazetteer.load(),
        )


def load_event_state(con: duckdb.DuckDBPyConnection) -> EventState:
    """Known events, their merge keys and supporting articles (works on an empty migrated warehouse)."""
    sql = resources.sql("queries/event_state.sql")
    known = pl.from_arrow(con.execute(sql).fetch_arrow_table())
    assert isinstance(known, pl.DataFrame)
    events, keys, supporting = _split_known(known)
    return EventState(events=events, keys=keys, event_articles=supporting)


def _split_known(known: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """schema.EVENTS, EVENT_KEYS and EVENT_ARTICLES rows of queries/event_state.sql rows."""
    supporting = (
        known.select("event_id", "supporting")
        .filter(pl.col("supporting").list.len() > 0)
        .explode("supporting", empty_as_null=True)
    )
    return (
        schema.conform(known, schema.EVENTS),
        schema.conform(known, EVENT_KEYS),
        schema.conform(supporting.unnest("supporting"), EVENT_ARTICLES)
        if supporting.height
        else schema.empty(EVENT_ARTICLES),
    )


def load_parser(model: str) -> spacy.language.Language:
    """The spaCy pipeline for role parsing (tagger, parser, then POS and lemmas by lookup:
    `morph.FastMorphology`, same results as the attribute ruler + lemmatizer; no NER), its
    matrix products on numpy's BLAS (`blas`)."""
    return blas.use_numpy_gemm(morph.install(spacy.load(model, exclude=["ner"])))


@dataclass(frozen=True)
class EventResult:
    """Events new or updated by one batch, the mentions that support them, and link rows."""

    events: pl.DataFrame  # schema.EVENTS
    mention_events: pl.DataFrame  # (mention_id, event_id)
    links: dict[str, pl.DataFrame]  # {"event_articles": EVENT_ARTICLES, "event_keys": EVENT_KEYS}
    reports: pl.DataFrame  # EVENT_REPORTS: each sentence's report and the event it joined


PRONOUN_CUE = r"(?i)\b(?:he|she|his)\b"


def metonyms(actors: pl.DataFrame, gazetteer: Gazetteer, seats: dict[str, str]) -> dict[str, str]:
    """Actors that stand for a country's government when they act: capitals ("Islamabad
    attributes ...") and seats of government ("the Kremlin said") -> that country's ISO-3 code."""
    out: dict[str, str] = {}
    for row in actors.filter(pl.col("actor_type").is_in(["PLACE", "ORG"])).iter_rows(named=True):
        names = [row["name"], *(row["aliases"] or [])]
        for name in names:
            key = " ".join(name.lower().replace("’", "'").split())
            code = seats.get(key) or (
                gazetteer.capital_of(name) if row["actor_type"] == "PLACE" else None
            )
            # A capital's own country, when extraction knows it, must agree ("Georgia"'s Atlanta).
            if code and row["actor_type"] == "PLACE" and row["country_code"] not in (None, code):
                code = None
            if code:
                out[row["actor_id"]] = code
                break
    return out


def missing_metonym_countries(
    actors: pl.DataFrame, gazetteer: Gazetteer, seats: dict[str, str]
) -> list[str]:
    """ISO-3 codes that capitals or seats in `actors` stand for but that have no COUNTRY actor
    there: the caller resolves them (`pipeline.events_step`) so that the roles can use them."""
    present = set(
        actors.filter(pl.col("actor_type") == "COUNTRY")["country_code"].drop_nulls().to_list()
    )
    return sorted(set(metonyms(actors, gazetteer, seats).values()) - present)


def with_metonym_countries(
    actors: pl.DataFrame, registry: ActorRegistry, state: EventState
) -> pl.DataFrame:
    """The batch's actors plus the countries its capitals and seats stand for, resolved into
    `registry` (so they are loaded with the run's actors) when no mention named them yet."""
    codes = missing_metonym_countries(actors, state.gazetteer, state.lexicon.seats)
    names = {iso3: name for name, iso3 in state.gazetteer.countries.values()}
    added = [
        registry.resolve("COUNTRY", [], code, key=f"country:{code}", name=names.get(code, code))
        for code in codes
    ]
    if not added:
        return actors
    return pl.concat([actors, registry.frame_of(pl.Series(added, dtype=pl.String))]).unique(
        "actor_id", keep="first", maintain_order=True
    )


def role_actors(actors: pl.DataFrame, gazetteer: Gazetteer, seats: dict[str, str]) -> pl.DataFrame:
    """(actor_id, role_actor_id, actor_key, actor_type, stands_for, firm, public) of every actor that
    can take a role: a capital or seat takes it as its country's actor (and type; `stands_for`
    says so, since "the Paris accord" names where, not who: `roles._noun_roles`); other places
    take none. `firm`: the actor's full name ends in a firm's legal form, so "TWA withdrew its
    bid" is told of a firm although the sentence names it short (`state_triggers.is_firm`);
    `public`: it is a state's body's ("the SEC", `state_triggers.public_bodies`)."""
    countries = {
        row["country_code"]: row["actor_id"]
        for row in actors.filter(pl.col("actor_type") == "COUNTRY")
        .sort("actor_id")
        .iter_rows(named=True)
        if row["country_code"]
    }
    stand_for = {
        actor_id: countries[code]
        for actor_id, code in metonyms(actors, gazetteer, seats).items()
        if code in countries
    }
    mapped = pl.DataFrame(
        {"actor_id": list(stand_for), "role_actor_id": list(stand_for.values())},
        schema={"actor_id": pl.String, "role_actor_id": pl.String},
    )
    by_id = actors.select("actor_id", "actor_type", "country_code")
    with_role = (
        by_id.join(mapped, on="actor_id", how="left")
        .with_columns(pl.coalesce("role_actor_id", "actor_id").alias("role_actor_id"))
        .join(
            by_id.rename(
                {
                    "actor_id": "role_actor_id",
                    "actor_type": "role_type",
                    "country_code": "role_country",
                }
            ),
            on="role_actor_id",
            how="left",
        )
        .filter(~pl.col("role_type").is_in(list(ROLE_ACTOR_TYPES_EXCLUDED)))
    )
    return with_role.select(
        "actor_id",
        "role_actor_id",
        pl.when(
            pl.col("role_type").is_in(list(STATE_ROLLUP_TYPES))
            & pl.col("role_country").is_not_null()
        )
        .then(pl.col("role_country"))
        .otherwise(pl.col("role_actor_id"))
        .alias("actor_key"),
        pl.col("role_type").alias("actor_type"),
        (pl.col("role_actor_id") != pl.col("actor_id")).alias("stands_for"),
        state_triggers.firm_names(actors, "role_actor_id"),
        state_triggers.public_bodies(actors, "role_actor_id"),
    )


def sentences_to_parse(
    articles: pl.DataFrame,
    mentions: pl.DataFrame,
    actors: pl.DataFrame,
    sentences: pl.DataFrame,
    cues: TriggerCues,
    gazetteer: Gazetteer | None = None,
    seats: dict[str, str] | None = None,
) -> pl.DataFrame:
    """Sentences worth parsing: words that can make a trigger (`Lexicon.trigger_cues`) and an
    actor that can take a role, a "he"/"she" with a person named in the sentences just
    before (`antecedent`), or a generic agent noun (`generic`); with their mentions. No other
    sentence can yield an event."""
    roles = role_actors(actors, gazetteer or Gazetteer.load(), seats or {})
    role_mentions = mentions.join(roles, on="actor_id", how="inner").with_columns(
        pl.col("role_actor_id").alias("actor_id")
    )
    text = articles.select("article_id", "body")
    with_text = (
        sentences.join(text, on="article_id", how="inner")
        .with_columns(
            pl.col("body")
            .str.slice(pl.col("char_start"), pl.col("char_end") - pl.col("char_start"))
            .alias("text")
        )
        .drop("body")
        .rename({"char_start": "sentence_start"})
    )
    in_sentence = role_mentions.group_by("article_id", "sentence_index").agg(
        pl.struct(
            "mention_id",
            "actor_id",
            "actor_key",
            "char_start",
            "char_end",
            "actor_type",
            "stands_for",
            "firm",
            "public",
        )
        .sort_by("char_start")
        .alias("mentions"),
        pl.col("actor_id").n_unique().alias("n_actors"),
    )
    sentence_mentions = (
        with_text.join(in_sentence, on=["article_id", "sentence_index"], how="left")
        # the people named in the sentences just before, for its he/she/his
        .join(
            pronouns.person_antecedents(with_text, role_mentions),
            on=["article_id", "sentence_index"],
            how="left",
        )
        .join(  # "It rejected bids": the organisation the sentence before names first
            pronouns.previous_subjects(with_text, role_mentions),
            on=["article_id", "sentence_index"],
            how="left",
        )
        # "the chancellor said", "the committee said": the person or body named so (`definites`)
        .join(definites.referents(text, role_mentions), on="article_id", how="left")
        .filter(
            pl.col("mentions").is_not_null()
            | definites.may_refer()
            | (pl.col("antecedents").is_not_null() & pl.col("text").str.contains(PRONOUN_CUE))
            | (
                pl.col("thing_antecedent").is_not_null()
                & pl.col("text").str.contains(pronouns.THING_CUE)
            )
            | pl.col("text").str.contains(generic.GENERIC_CUE)  # "police fired on protesters"
        )
        .with_columns(
            pl.col("mentions").fill_null(pl.lit([], dtype=in_sentence.schema["mentions"]))
        )
    )
    cue = cues.words(pl.col("text").str.to_lowercase()).map_elements(
        lambda words: cues.match(set(words)), return_dtype=pl.Boolean
    )
    return sentence_mentions.filter(cue).sort("article_id", "sentence_index")


def find_candidates(
    articles: pl.DataFrame,
    mentions: pl.DataFrame,
    actors: pl.DataFrame,
    sentences: pl.DataFrame,
    nlp: spacy.language.Language,
    state: EventState,
    settings: Settings,
) -> list[Candidate]:
    """Every event report in the batch's sentences (before merging)."""
    lexicon, gazetteer = state.lexicon, state.gazetteer
    if state.cues is None:
        state.cues = lexicon.trigger_cues(nlp)
    frame = sentences_to_parse(
        articles, mentions, actors, sentences, state.cues, gazetteer, lexicon.seats
    )
    if frame.height == 0:
        return []
    # The countries an article is about: its COUNTRY actors, and its dateline's country.
    country_actors = (
        mentions.join(actors.filter(pl.col("actor_type") == "COUNTRY"), on="actor_id")
        .group_by("article_id")
        .agg(
            pl.col("country_code").drop_nulls().unique(),
            # "the government" of a dateline's country that the article names (`generic`)
            pl.struct("country_code", "actor_id").unique().alias("country_actors"),
        )
    )
    meta = articles.select(
        "article_id",
        "published_date",
        "crawl_date",
        "dateline",
        "story_id",
        # a sports report tells its play with words of war and diplomacy (`sport_play`)
        pl.col("body")
        .fill_null("")
        .map_elements(sport_play.is_sports_text, return_dtype=pl.Boolean)
        .alias("sports"),
    ).join(country_actors, on="article_id", how="left")
    info = {row["article_id"]: row for row in meta.iter_rows(named=True)}
    datelines: dict[str, Place | None] = {}
    for article_id, row in info.items():
        context = frozenset(row["country_code"] or [])
        datelines[article_id] = (
            gazetteer.lookup(row["dateline"] or "", context) if row["dateline"] else None
        )
    columns = ["article_id", "sentence_index", "sentence_start", "text", "mentions", "bodies"]
    rows = frame.select(*columns, "antecedents", "thing_antecedent", "title_holders").to_dicts()
    found: list[Candidate] = []
    docs = nlp.pipe((r["text"] for r in rows), batch_size=max(16, min(settings.batch_size, 256)))
    for row, doc in zip(rows, docs, strict=True):  # per-sentence NLP iteration
        article = info[row["article_id"]]
        found += candidates_in_doc(
            doc,
            row,
            article,
            datelines[row["article_id"]],
            lexicon,
            gazetteer,
            settings.thresholds.max_days_after_crawl,
        )
    return resolve_anaphora(found)


ANAPHORA_SENTENCES = 3  # how far back "the attack" may refer


def resolve_anaphora(candidates: list[Candidate]) -> list[Candidate]:
    """A definite event noun ("The terrorist attack was claimed by Da'ish") that leaves a role,
    its place or its date open refers back to the last report of the same type in the sentences
    just before ("Iran was rocked by a terrorist attack in Kerman"): it takes what it lacks."""
    by_article: dict[str, list[Candidate]] = defaultdict(list)
    for c in candidates:
        by_article[c.article_id].append(c)
    out = []
    for c in candidates:
        needs = c.source is None or c.target is None or not c.place_from_sentence
        if not c.definite or not needs:
            out.append(c)
            continue
        earlier = [
            a
            for a in by_article[c.article_id]
            if a.event_type == c.event_type
            and c.sentence_index - ANAPHORA_SENTENCES <= a.sentence_index < c.sentence_index
        ]
        if not earlier:
            out.append(c)
            continue
        # the event the sentence before is about, not the history told beside it in a relative
        # clause ("Iran was rocked by an attack on the anniversary of X, who was killed in a strike")
        a = max(earlier, key=lambda x: (x.main_clause, not x.background, x.sentence_index, x.score))
        source, target = c.source or a.source, c.target or a.target
        if source is not None and target is not None and source.actor_id == target.actor_id:
            source, target = c.source, c.target  # the antecedent's roles clash with this one's
        changes: dict[str, Any] = {
            "source": source,
            "target": target,
            "background": c.background or a.background,  # "the attack" told before as history
        }
        if not c.place_from_sentence and a.place_from_sentence:
            changes.update(place=a.place, place_from_sentence=True)
        if not c.when.source.startswith("sentence") and a.when.source.startswith("sentence"):
            changes.update(when=a.when)
        out.append(replace(c, **changes))
    return out


def detect_events(
    articles: pl.DataFrame,
    mentions: pl.DataFrame,
    actors: pl.DataFrame,
    sentences: pl.DataFrame,
    nlp: spacy.language.Language,
    state: EventState,
    settings: Settings,
) -> EventResult:
    """Find, type, date, place and merge the batch's events against `state` (which is updated)."""
    candidates = find_candidates(articles, mentions, actors, sentences, nlp, state, settings)
    # in article and sentence order (stable within a sentence): merging is order-dependent
    # and the frames the candidates come from promise no row order
    candidates.sort(key=lambda c: (c.article_id, c.sentence_index))
    # Known events that a duplicate in this batch re-reports (its canonical supports them).
    duplicates = articles.filter(pl.col("duplicate_of").is_not_null()).select(
        "article_id", "source_name", pl.col("duplicate_of").alias("canonical_id")
    )
    # Only known events that could match: same type, sharing an actor key, and either dated
    # within a day of a dated report or of the same story (`event_merge._Key.matches`).
    relevant_types = sorted({c.event_type for c in candidates})
    # by the country of a person or body of it: a bare "Britain" report can join Blair's event
    relevant_keys = sorted({base_key(k) for c in candidates for k in c.pair if k is not None})
    stories = sorted({c.story_id for c in candidates if c.story_id is not None})
    dated = [(c.when.lo, c.when.hi) for c in candidates if c.when.lo and c.when.hi]
    span: tuple[date, date] | None = None
    meets = pl.lit(False)
    if dated:
        span = (
            min(lo for lo, _ in dated) - timedelta(days=1),
            max(hi for _, hi in dated) + timedelta(days=1),
        )
        meets = (pl.col("date_hi") >= span[0]) & (pl.col("date_lo") <= span[1])
    state.read(
        pairs=[f"{t}|{k}" for t in relevant_types for k in relevant_keys],
        window=span,
        stories=stories,
        articles=duplicates["canonical_id"].to_list(),
    )
    known_frame = state.events.join(state.keys, on="event_id", how="inner")
    # in id order: which of two equal known events a report meets first must not depend on
    # the order the state was read or updated in
    known_rows = (
        known_frame.filter(
            pl.col("event_type").is_in(relevant_types)
            & (
                pl.col("source_key").str.split(SEPARATOR).list.first().is_in(relevant_keys)
                | pl.col("target_key").str.split(SEPARATOR).list.first().is_in(relevant_keys)
            )
            & (meets.fill_null(False) | pl.col("story_id").is_in(stories))
        )
        .sort("event_id")
        .to_dicts()
    )
    groups = group_reports(candidates, known_rows, state.lexicon)
    rows, key_rows, support, mention_links, reports = [], [], [], [], []
    for group in groups:
        row, key_row = merge_group(group)
        rows.append(row)
        key_rows.append(key_row)
        per_article = Counter(
            c.article_id
            for c in {(c.article_id, c.sentence_index): c for c in group.candidates}.values()
        )
        support += [(row["event_id"], article_id, n) for article_id, n in per_article.items()]
        for c in group.candidates:
            reports.append((c.article_id, c.sentence_index, row["event_id"], c.score))
            for m in (c.source, c.target):
                if m is not None and m.mention_id:  # not a pronoun standing for a person
                    mention_links.append((m.mention_id, row["event_id"], c.score))
    # A new group's id (from its merge key) may be an earlier run's event that it did not
    # join: that event's supporting articles count with it, as they do in the full state.
    state.read(ids=[r["event_id"] for r, g in zip(rows, groups, strict=True) if g.known is None])
    batch_support = pl.DataFrame(
        support,
        schema={"event_id": pl.String, "article_id": pl.String, "num_mentions": pl.Int64},
        orient="row",
    )
    # Which outlet each supporting article counts as is decided by the load, in SQL only
    # (sql/queries/fill_outlets.sql); here `outlet` stays null for the rows this batch adds.
    unset_outlet = pl.lit(None, pl.String).alias("outlet")
    new_support = batch_support.join(
        articles.select("article_id", "source_name"), on="article_id", how="left"
    ).with_columns(unset_outlet)
    # Duplicates count as articles of their canonical's events (their outlet may be new).
    canonical_support = pl.concat(
        [
            state.event_articles.select("event_id", "article_id", "num_mentions"),
            new_support.select("event_id", "article_id", "num_mentions"),
        ]
    )
    dup_support = duplicates.join(
        canonical_support.rename({"article_id": "canonical_id"}), on="canonical_id"
    ).select("event_id", "article_id", "source_name", "num_mentions", unset_outlet)
    added = (
        pl.concat(
            [
                schema.conform(new_support, EVENT_ARTICLES),
                schema.conform(dup_support, EVENT_ARTICLES),
            ]
        )
        .unique(["event_id", "article_id"], keep="first", maintain_order=True)
        .join(state.event_articles, on=["event_id", "article_id"], how="anti")
    )
    all_support = pl.concat([state.event_articles, added])
    touched = set(added["event_id"].to_list()) | {
        r["event_id"] for r, g in zip(rows, groups, strict=True) if g.known is None
    }
    # Events only re-reported by a duplicate of an earlier run's article.
    dup_only = touched - {r["event_id"] for r in rows}
    if dup_only:
        for known in known_frame.filter(pl.col("event_id").is_in(list(dup_only))).to_dicts():
            rows.append({name: known[name] for name in schema.EVENTS.names()})
            key_rows.append({name: known[name] for name in EVENT_KEYS.names()})
    # num_sources counts outlets: the load sets it in SQL (sql/queries/refresh_event_counts.sql),
    # where confidence grows with it; a staged row carries null outlets and the probability the
    # row's reading is right (`confidence`, fitted on the blind audits).
    counts = all_support.group_by("event_id").agg(
        pl.col("num_mentions").sum().alias("num_mentions"),
        pl.col("article_id").n_unique().alias("num_articles"),
    )
    # Two groups can share a merge key, hence an id (undated reports of one dyad and place that
    # the date rule kept apart): they are one event. Their support is already pooled by id;
    # keep the row and key of the best-evidenced group (rows and key_rows are index-aligned).
    best = (
        pl.DataFrame(key_rows, schema=EVENT_KEYS, orient="row")
        .with_row_index("_group")
        .sort(["evidence_score", "_group"], descending=[True, False])
        .unique("event_id", keep="first", maintain_order=True)
    )
    rows = [rows[i] for i in best["_group"].to_list()]
    key_rows = [key_rows[i] for i in best["_group"].to_list()]
    events_frame = (
        pl.DataFrame(rows, schema=schema.EVENTS, orient="row")
        .filter(pl.col("event_id").is_in(list(touched)))
        .drop("num_mentions", "num_articles", "num_sources", "confidence")
        .join(counts, on="event_id", how="inner")
        .with_columns(pl.lit(None, pl.Int64).alias("num_sources"))
    )
    events_frame = events_frame.with_columns(confidence.probability(events_frame))
    events_frame = schema.conform(events_frame, schema.EVENTS).sort("event_id")
    keys_frame = schema.conform(
        pl.DataFrame(key_rows, schema=EVENT_KEYS, orient="row"), EVENT_KEYS
    ).filter(pl.col("event_id").is_in(events_frame["event_id"].implode()))
    mention_events = (
        pl.DataFrame(
            mention_links,
            schema={"mention_id": pl.String, "event_id": pl.String, "score": pl.Float64},
            orient="row",
        )
        .sort(["mention_id", "score", "event_id"], descending=[False, True, False])
        .unique("mention_id", keep="first", maintain_order=True)
        .filter(pl.col("event_id").is_in(events_frame["event_id"].implode()))
        .select("mention_id", "event_id")
    )
    # Later batches see this one.
    state.events = pl.concat(
        [state.events.join(events_frame, on="event_id", how="anti"), events_frame]
    )
    state.keys = pl.concat([state.keys.join(keys_frame, on="event_id", how="anti"), keys_frame])
    state.event_articles = all_support
    return EventResult(
        events=events_frame,
        mention_events=mention_events,
        links={
            "event_articles": added.filter(
                pl.col("event_id").is_in(events_frame["event_id"].implode())
            ),
            "event_keys": keys_frame,
        },
        reports=pl.DataFrame(reports, schema=EVENT_REPORTS, orient="row").filter(
            pl.col("event_id").is_in(events_frame["event_id"].implode())
        ),
    )
