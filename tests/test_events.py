"""Events stage (issue 7): roles, modality, dates, places, cross-article and cross-run merge.

MENTIONS/ACTORS/SENTENCES are built here the way extract/resolve would hand them over:
actors are listed inline, mentions are their alias matches, sentences come from the parser.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from newsflow import events
from newsflow.timex import resolve_event_date
from tests.event_batches import (
    FIXTURES,
    MONDAY,
    actors_frame,
    article,
    batch_frames,
    detect,
    one,
    rows_of,
)

# --- constructions, exact rows ------------------------------------------------------------


def test_active_verb_subject_is_source_object_is_target(nlp, state):
    assert one("Russia attacked Ukraine on Monday.", nlp, state) == [
        (
            "ASSAULT",
            "18",
            "act_rus",
            "act_ukr",
            MONDAY,
            "sentence_relative",
            None,
            None,
            "asserted",
            1,
            1,
            1,
        )
    ]


def test_passive_by_agent_is_source_and_place_from_sentence(nlp, state):
    assert one("The bombing in Kerman was carried out by ISKP.", nlp, state) == [
        (
            "ASSAULT",
            "18",
            "act_iskp",
            None,
            MONDAY,
            "published",
            "Kerman",
            "IRN",
            "asserted",
            1,
            1,
            1,
        )
    ]


def test_x_and_y_held_talks_is_one_symmetric_consult(nlp, state):
    result = detect([article("a1", "Pakistan and Iran held talks in Islamabad.")], nlp, state)
    assert rows_of(result) == [
        (
            "CONSULT",
            "04",
            "act_irn",
            "act_pak",
            MONDAY,
            "published",
            "Islamabad",
            "PAK",
            "asserted",
            1,
            1,
            1,
        )
    ]
    lat, lon = result.events.select("latitude", "longitude").row(0)
    assert (round(lat, 2), round(lon, 2)) == (33.72, 73.04)
    # The supporting mentions carry the event id.
    assert sorted(result.mention_events["mention_id"]) == ["m_a1_0", "m_a1_13"]
    assert (
        result.mention_events["event_id"].unique().to_list() == result.events["event_id"].to_list()
    )


def test_talks_between_x_and_y_with_relative_date(nlp, state):
    assert one("Talks between Iran and Pakistan began in Islamabad yesterday.", nlp, state) == [
        ("CONSULT", "04", "act_irn", "act_pak", date(2024, 1, 14), "sentence_relative", "Islamabad", "PAK",
         "asserted", 1, 1, 1)
    ]  # fmt: skip


def test_symmetric_order_does_not_depend_on_sentence_order(nlp, state, lexicon, gazetteer):
    first = one("Iran met Pakistan in Islamabad.", nlp, state)
    other = one("Pakistan met Iran in Islamabad.", nlp, events.EventState.empty(lexicon, gazetteer))
    assert first == other and first[0][2:4] == ("act_irn", "act_pak")


def test_negated_attack_is_not_asserted(nlp, state):
    assert one("Iran did not attack Pakistan.", nlp, state) == [
        ("ASSAULT", "18", "act_irn", "act_pak", MONDAY, "published", None, None, "negated", 1, 1, 1)
    ]


def test_denied_attacking_is_a_negated_attack_not_a_rejection(nlp, state):
    assert one("Iran denied attacking Pakistan.", nlp, state) == [
        ("ASSAULT", "18", "act_irn", "act_pak", MONDAY, "published", None, None, "negated", 1, 1, 1)
    ]


def test_denied_allegations_is_reject(nlp, state):
    assert one("The Taliban denied the allegations.", nlp, state) == [
        ("REJECT", "12", "act_taliban", None, MONDAY, "published", None, None, "asserted", 1, 1, 1)
    ]


def test_the_actor_of_an_attack_noun_is_never_the_place_attacked(nlp, state):
    """ "killed in an Iranian drone strike": Iran struck; the last-resort "in X" target must not
    read the strike's own actor as the place attacked (the seeds' "killed in a US drone strike").
    The killing and the strike are halves of one ASSAULT (`halves`): Iran's, on Jilani."""
    text = "Pakistan mourned Jalil Abbas Jilani, who was killed in an Iranian drone strike."
    found = [(r[0], r[2], r[3]) for r in one(text, nlp, state)]
    assert ("ASSAULT", "act_irn", "act_jilani") in found
    assert all(target != "act_irn" for _, _, target in found)


def test_threatened_to_attack_is_threaten_never_assault(nlp, state):
    assert one("Iran threatened to attack Pakistan.", nlp, state) == [
        (
            "THREATEN",
            "13",
            "act_irn",
            "act_pak",
            MONDAY,
            "published",
            None,
            None,
            "asserted",
            1,
            1,
            1,
        )
    ]


def test_called_for_talks_is_request(nlp, state):
    assert one("Russia called for talks with Ukraine.", nlp, state) == [
        (
            "REQUEST",
            "02",
            "act_rus",
            "act_ukr",
            MONDAY,
            "published",
            None,
            None,
            "asserted",
            1,
            1,
            1,
        )
    ]


def test_plans_to_meet_next_week_is_planned(nlp, state):
    assert one("Iran plans to meet Pakistan next week.", nlp, state) == [
        (
            "CONSULT",
            "04",
            "act_irn",
            "act_pak",
            date(2024, 1, 22),
            "sentence_relative",
            None,
            None,
            "planned",
            1,
            1,
            1,
        )
    ]


def test_set_to_hold_and_would_meet_are_planned(nlp, state):
    found = one(
        "Qomi is set to hold discussions with Asif Durrani. Qomi would meet Jalil Abbas Jilani.",
        nlp,
        state,
    )
    assert {row[8] for row in found} == {"planned"}
    assert all(row[0] == "CONSULT" for row in found)


def test_explicit_date_and_dateline_place(nlp, state):
    assert one("On January 14, 2024, ISKP attacked Iran.", nlp, state, dateline="KABUL") == [
        ("ASSAULT", "18", "act_iskp", "act_irn", date(2024, 1, 14), "sentence_explicit", "Kabul", "AFG", "asserted",
         1, 1, 1)
    ]  # fmt: skip


def test_a_dateline_never_places_an_event_of_another_time(nlp, state):
    # issue 20: the reporter in Kabul on 15 January says nothing of where an attack on the 3rd was
    (row,) = detect([article("a1", "On January 3, 2024, ISKP attacked Iran.", dateline="KABUL")],
                    nlp, state).events.iter_rows(named=True)  # fmt: skip
    assert (row["event_date"], row["event_date_precision"], row["place_name"]) == (
        date(2024, 1, 3), "day", None
    )  # fmt: skip
    assert row["background"] is True  # twelve days before the report: history, not its news


def test_no_publication_date_falls_back_to_crawl_date(nlp, state):
    found = one("Iran attacked Pakistan.", nlp, state, published=None, crawl=date(2024, 1, 20))
    assert [(row[4], row[5]) for row in found] == [(date(2024, 1, 20), "crawl")]


def test_only_sentences_that_can_hold_a_trigger_are_parsed(nlp, lexicon):
    articles, mentions, sentences = batch_frames(
        [
            article(
                "a1",
                "Iran is a large country. Iran and Pakistan share a border. Iran attacked a convoy.",
            )
        ],
        nlp,
    )
    cues = lexicon.trigger_cues(nlp)
    chosen = events.sentences_to_parse(articles, mentions, actors_frame(), sentences, cues)
    assert chosen["sentence_index"].to_list() == [2]  # two actors but no trigger: not parsed


def test_a_particle_verb_or_a_modal_alone_is_no_cue(nlp, lexicon, state):
    """ "open", "put", "must" make a trigger only with their particle, object or reporting
    verb ("opened fire", "put pressure on", "said ... must"): without it the sentence is not
    parsed, with it it is, and the parse finds the event."""
    texts = [
        "Iran opened a new embassy in Pakistan.",
        "Iran opened fire on Pakistan.",
        "Iran put its plan to Pakistan.",
        "Russia put pressure on Ukraine.",
        "Iran and Pakistan must be patient.",
        "Iran said Pakistan must return the prisoners.",
    ]
    articles, mentions, sentences = batch_frames(
        [article(f"a{i}", text) for i, text in enumerate(texts)], nlp
    )
    cues = lexicon.trigger_cues(nlp)
    chosen = events.sentences_to_parse(articles, mentions, actors_frame(), sentences, cues)
    assert sorted(chosen["article_id"].to_list()) == ["a1", "a3", "a5"]
    found = detect([article(f"a{i}", text) for i, text in enumerate(texts)], nlp, state)
    assert sorted(found.events["event_type"].to_list()) == ["ASSAULT", "REQUEST", "REQUEST"]


def test_trigger_forms_cover_every_trigger_the_parser_finds(nlp, lexicon, seeds_dir):
    """Skipping sentences without a trigger form must lose no event: on real text, every token
    that `Lexicon.trigger` accepts is a trigger form (the seeds and a BBC sample)."""
    cues = lexicon.trigger_cues(nlp)
    forms = cues.forms | cues.needs.keys()  # every word that can cue a parse, alone or not
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    texts += [p.read_bytes().decode("utf-8", "replace") for p in sorted(FIXTURES.glob("*/*.txt"))]
    assert len(texts) > 5
    triggers = [t for doc in nlp.pipe(texts) for t in doc if lexicon.trigger(t) is not None]
    assert len(triggers) > 50
    # a word that cues only with a partner counts as covered: "He added: 'We have had to
    # play ...'" is a REQUEST of "added", which cues with "had to" (the sentences test below)
    partners = set().union(*cues.needs.values())
    missing = {t.lower_ for t in triggers if t.lower_ not in forms | partners}
    assert not missing
    # the sentences' cue words as the events stage reads them (`events`: "had to" -> "hadto")
    texts = sorted({t.sent.text for t in triggers})
    words = pl.DataFrame({"text": texts}).select(cues.words(pl.col("text").str.to_lowercase()))
    skipped = {
        text
        for text, said in zip(texts, words.to_series().to_list(), strict=True)
        if not cues.match(set(said))
    }
    assert not skipped
    assert "met" in forms and "talks" in forms and "meet" in forms


# --- dates and places ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("They met yesterday.", False, (date(2024, 1, 14), "sentence_relative")),
        ("They met on Monday.", False, (MONDAY, "sentence_relative")),
        ("They met on Friday.", False, (date(2024, 1, 12), "sentence_relative")),
        ("They will meet on Friday.", True, (date(2024, 1, 19), "sentence_relative")),
        ("They met last week.", False, (date(2024, 1, 8), "sentence_relative")),
        ("Earlier this month, a bomb exploded.", False, (date(2024, 1, 1), "sentence_relative")),
        ("They met today.", False, (MONDAY, "sentence_relative")),
        ("They met on 3 January 2024.", False, (date(2024, 1, 3), "sentence_explicit")),
        ("They met on December 28.", False, (date(2023, 12, 28), "sentence_explicit")),
        ("Saturday, May 18, 2024 Iran-Pakistan talks", False, (MONDAY, "published")),
        (
            "A crackdown began in November last year.",
            False,
            (date(2023, 11, 1), "sentence_relative"),
        ),
        ("They met.", False, (MONDAY, "published")),
    ],
)
def test_event_dates(text, future, expected, lexicon):
    found = resolve_event_date(
        text, MONDAY, MONDAY, future=future, offsets=lexicon.relative_offsets
    )
    assert (found.date, found.source) == expected


def test_geocoding_prefers_the_article_country_context(gazetteer):
    assert gazetteer.lookup("Hyderabad", frozenset({"PAK"})).country_code == "PAK"
    assert gazetteer.lookup("Hyderabad").country_code == "IND"  # the larger one without context
    assert gazetteer.lookup("Kerman", frozenset({"IRN"})).country_code == "IRN"
    iran = gazetteer.lookup("Iran")
    assert (iran.name, iran.country_code, iran.latitude) == ("Iran", "IRN", None)
    assert gazetteer.lookup("Opinion") is None
