"""How likely an event is what the warehouse says it is (issue 20): `events.confidence`.

A stored event is right when a careful reader of its evidence sentence, with the labelling
guide (bench/labels/events/GUIDE.md), finds an event of that PLOVER type there. Blind random
audits of whole-corpus warehouses (bench/labels/events/random_audit*) found that share to be
about a half, and far from even across events: most accusations are right, most firms'
"agreements" and "withdrawals" are not, negated reports rarely are. A logistic model over what
every event row carries (its type, whether each side is a named actor or only generic words,
its mode, whether the article reports it more than once) and the words of its evidence sentence
(a film's plot, a match, a share price, "I think") was fitted on those judgements
(`bench/fit_confidence.py`, the coefficients in `data/events/confidence.json` with how well they
did on an audit left out), so the column is an estimated probability an analyst can filter and
sum on. Further outlets raise it in the load (`sql/queries/refresh_event_counts.sql`).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import polars as pl

from newsflow import resources
from newsflow.triggers import EVENT_TYPES

MODEL_FILE = "data/events/confidence.json"
# Each further outlet leaves this share of the doubt (a prior no audit measured: the corpora have
# one outlet each); `sql/queries/refresh_event_counts.sql` applies it in the load, and a test
# holds the two to the same figure.
OUTLET_DOUBT = 0.6
PLOVER_TYPES = tuple(sorted(EVENT_TYPES))  # the coefficients' order in MODEL_FILE
# What an event row says that the model reads: the columns of `schema.EVENTS` it needs.
COLUMNS = ("event_type", "source_actor_id", "target_actor_id", "source_generic",
           "target_generic", "mode", "num_mentions", "evidence")  # fmt: skip
# The words of an evidence sentence the model reads: lower-cased letters, inner ' and -.
WORD = re.compile(r"[a-z][a-z'-]+")


def words(sentence: str | None) -> set[str]:
    """The distinct words of an evidence sentence, as the model's word features read them."""
    return set(WORD.findall((sentence or "").lower()))


def feature_names() -> list[str]:
    """The model's inputs in order (the intercept first)."""
    return [
        "intercept",
        *(f"type={t}" for t in PLOVER_TYPES),
        "source_named",
        "target_named",
        "source_generic",
        "target_generic",
        "negated",
        "planned_or_possible",
        "repeated",
    ]


def features(events: pl.DataFrame, vocabulary: Mapping[str, int] | None = None) -> np.ndarray:
    """One row of `feature_names()` values per event (0/1 each), then one column per word of
    `vocabulary` (word -> column after those) that the event's evidence holds."""
    kind = events["event_type"]
    mode = events["mode"].fill_null("asserted")
    columns = [
        np.ones(events.height),
        *((kind == t).to_numpy() for t in PLOVER_TYPES),
        events["source_actor_id"].is_not_null().to_numpy(),
        events["target_actor_id"].is_not_null().to_numpy(),
        events["source_generic"].is_not_null().to_numpy(),
        events["target_generic"].is_not_null().to_numpy(),
        (mode == "negated").to_numpy(),
        mode.is_in(["planned", "possible"]).to_numpy(),
        (events["num_mentions"].cast(pl.Int64).fill_null(1) > 1).to_numpy(),
    ]
    dense = np.column_stack(columns).astype(np.float64)
    if not vocabulary:
        return dense
    found = np.zeros((events.height, len(vocabulary)))
    for row, sentence in enumerate(events["evidence"].to_list()):
        for word in words(sentence):
            if word in vocabulary:
                found[row, vocabulary[word]] = 1.0
    return np.hstack([dense, found])


@functools.cache
def model() -> dict[str, Any]:
    """The fitted model shipped with newsflow (its coefficients, by feature name)."""
    return json.loads(resources.path(MODEL_FILE).read_text(encoding="utf-8"))


def probability(events: pl.DataFrame, fitted: dict[str, Any] | None = None) -> pl.Series:
    """The estimated probability that each event is real and of its type (0-1, 3 decimals)."""
    fitted = fitted or model()
    coefficients, word_weights = fitted["coefficients"], fitted["words"]
    missing = [name for name in feature_names() if name not in coefficients]
    if missing:
        raise ValueError(f"{MODEL_FILE} has no coefficient for {missing}: refit it")
    weights = np.array(
        [coefficients[name] for name in feature_names()] + list(word_weights.values())
    )
    vocabulary = {word: column for column, word in enumerate(word_weights)}
    p = 1.0 / (1.0 + np.exp(-(features(events, vocabulary) @ weights)))
    return pl.Series("confidence", np.round(p, 3), dtype=pl.Float64)


def refill(con: Any) -> None:
    """Recompute the confidence of every event a warehouse holds (migration 095): the model's
    probability, raised per further outlet as `sql/queries/refresh_event_counts.sql` does."""
    events = pl.from_arrow(
        con.execute(f"select event_id, num_sources, {', '.join(COLUMNS)} from events").arrow()
    )
    assert isinstance(events, pl.DataFrame)
    if events.is_empty():
        return
    outlets = events["num_sources"].fill_null(1).clip(lower_bound=1).to_numpy() - 1
    p = probability(events).to_numpy()
    fresh = pl.DataFrame(  # noqa: F841 - read by name in the update below
        {"event_id": events["event_id"], "value": np.round(1 - (1 - p) * OUTLET_DOUBT**outlets, 3)}
    )
    con.execute(
        "update events set confidence = fresh.value from fresh"
        " where fresh.event_id = events.event_id"
    )
