"""One article as extract hands it to the events stage, for tests on real sentences: its
articles row, mentions (alias matches of the listed actors) and sentence spans."""

from __future__ import annotations

import functools
import re
from datetime import date

import polars as pl

from newsflow import events, roles, schema
from newsflow.geo import Gazetteer
from newsflow.settings import Settings

Actor = tuple[str, str, str, str | None, list[str]]  # actor_id, name, type, country, aliases


def article_frames(
    body: str,
    nlp,
    actors: list[Actor],
    published: date,
    dateline: str | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(articles, mentions, sentences) of one article `a1` with `body`."""
    row = dict.fromkeys(schema.DEDUPED.names())
    row.update(
        article_id="a1", bundle_id="b", source_path="a1.txt", source_name="Wire", body=body,
        word_count=len(body.split()), language="en", story_id="s1",
        published_date=published, crawl_date=published, dateline=dateline,
    )  # fmt: skip
    spans = [(s.start_char, s.end_char) for s in nlp(body).sents]
    aliases = sorted(((a, act[0]) for act in actors for a in act[4]), key=lambda x: -len(x[0]))
    pattern = re.compile(r"\b(" + "|".join(re.escape(a) for a, _ in aliases) + r")\b")
    mentions = [
        (f"m_{m.start()}", "a1", dict(aliases)[m.group(1)], None, m.group(1), m.start(), m.end(),
         next(i for i, (a, b) in enumerate(spans) if a <= m.start() < b))
        for m in pattern.finditer(body)
    ]  # fmt: skip
    return (
        pl.DataFrame([row], schema=schema.DEDUPED),
        pl.DataFrame(mentions, schema=schema.MENTIONS, orient="row"),
        pl.DataFrame(
            [("a1", i, a, b) for i, (a, b) in enumerate(spans)],
            schema=schema.SENTENCES,
            orient="row",
        ),  # fmt: skip
    )


def article_events(
    body: str, nlp, state, actors: list[Actor], published: date, dateline: str | None = None
) -> pl.DataFrame:
    """The events (schema.EVENTS) the real events stage finds in that one article."""
    articles, mentions, sentences = article_frames(body, nlp, actors, published, dateline)
    frame = pl.DataFrame(actors, schema=schema.ACTORS, orient="row")
    return events.detect_events(articles, mentions, frame, sentences, nlp, state, Settings()).events


@functools.cache
def parser():
    """The events stage's role parser, loaded once per test process."""
    return events.load_parser(Settings().spacy_model)


def fresh_state() -> events.EventState:
    """An event state that knows no earlier event."""
    return events.EventState.empty(roles.Lexicon.load(), Gazetteer.load())


def found_events(body: str, nlp, actors: list[Actor], published: date) -> list[tuple]:
    """(type, source, target) of every event the events stage finds in one article `body`."""
    frame = article_events(body, nlp, fresh_state(), actors, published)
    return sorted(frame.select("event_type", "source_actor_id", "target_actor_id").rows(), key=str)


def event_types(body: str, nlp, actors: list[Actor], published: date) -> set[str]:
    """The types of the events the events stage finds in one article `body`."""
    return set(article_events(body, nlp, fresh_state(), actors, published)["event_type"])


def joined_reports(
    body: str, nlp, actors: list[Actor], published: date, columns: tuple[str, ...]
) -> list[tuple]:
    """`columns` of every report of one article `body` beside the event it joined (reports of
    one event share its roles), sorted."""
    articles, mentions, sentences = article_frames(body, nlp, actors, published)
    frame = pl.DataFrame(actors, schema=schema.ACTORS, orient="row")
    result = events.detect_events(
        articles, mentions, frame, sentences, nlp, fresh_state(), Settings()
    )
    rows = result.reports.join(result.events, on="event_id").select(*columns).rows()
    return sorted(rows, key=lambda row: tuple((v is None, v) for v in row))  # None last


def sentence_roles(body: str, nlp, actors: list[Actor], published: date) -> list[tuple]:
    """(sentence index, type, source, target) of every sentence's report of one article
    `body`, as the event it joined holds them (two sentences' reports of one event share its
    roles), sorted."""
    return joined_reports(
        body, nlp, actors, published,
        ("sentence_index", "event_type", "source_actor_id", "target_actor_id"),
    )  # fmt: skip
