"""A court's ruling against a measure or a party is a REJECT by the court (issue 20, `rulings`).

The events guide labels "law lords ruled that the detention of 12 foreign terror suspects
without trial breached human rights" REJECT by the House of Lords; the lexicon knew "rule"
only as "ruled out", and read "rule" as a verb that negates whatever it governs: the ruling
suppressed itself as the negator of the detention under it, and nothing was stored. A ruling for someone,
that a thing is lawful, or that it is not unlawful, rejects no one the sentence names.

Real BBC sentences (bbc-news-2005: politics/384, 014, 216, 032; business/291;
tech/286), through the real events stage; mentions are alias matches of the actors listed.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import article_events, found_events, fresh_state

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_lords", "House of Lords", "ORG", "GBR", ["law lords", "Law Lords"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["UK", "government", "Britain"]),
    ("act_hc", "High Court", "ORG", "GBR", ["High Court"]),
    ("act_usa", "United States", "COUNTRY", "USA", ["US government", "US"]),
    ("act_grokster", "Grokster", "ORG", "USA", ["Grokster"]),
    ("act_clarke", "Charles Clarke", "PERSON", "GBR", ["Mr Clarke"]),
]  # fmt: skip
PUBLISHED = date(2005, 3, 1)


@pytest.mark.parametrize(
    "body",
    [
        # politics/384
        "It comes after law lords ruled that the detention of 12 foreign terror suspects "
        "without trial breached human rights.",
        # politics/014: ruled against
        "These would replace current powers to detain foreign terror suspects without trial, "
        "which the law lords have ruled against as a breach of human rights.",
        # politics/216: ruled it illegal
        "But Mr Clarke has been forced to change the regime of detention without trial after "
        "Law Lords ruled it illegal.",
    ],
)
def test_a_ruling_that_a_measure_breaks_the_law_is_the_courts_reject(body, nlp):
    # regression, issue 20: none of these stored a REJECT by the court
    found = found_events(body, nlp, ACTORS, PUBLISHED)
    rejects = [e for e in found if e[0] == "REJECT"]
    assert [e[1] for e in rejects] == ["act_lords"], found


def test_a_ruling_that_a_suit_cannot_go_ahead_rejects_the_suitor(nlp):
    # business/291: the panel is no actor of its own (source null); the government's suit is
    # ruled out, no ACCUSE of its own
    body = (
        "The three-judge panel in the District of Columbia's Court of Appeals ruled on Friday "
        "that the US government could not sue the firms under the anti-racketeering laws."
    )
    found = found_events(body, nlp, ACTORS, PUBLISHED)
    assert ("REJECT", None, "act_usa") in found, found
    assert [e for e in found if e[0] == "ACCUSE"] == [], found


@pytest.mark.parametrize(
    "body",
    [
        # tech/286: a ruling for a party
        "In August 2004, the San Francisco-based US Court of Appeals ruled in favour of Grokster "
        "and StreamCast, two file-sharing networks.",
        # politics/032: a thing ruled lawful
        "The High Court last month ruled the act was valid and the proposed hunting ban was "
        "lawful.",
        # politics/370, made negative: a thing cleared
        "The High Court ruled that the act did not breach human rights.",
    ],
)
def test_a_ruling_for_someone_or_clearing_a_thing_is_no_reject(body, nlp):
    found = found_events(body, nlp, ACTORS, PUBLISHED)
    assert [e for e in found if e[0] == "REJECT"] == [], found


def test_ruled_out_still_refuses_and_negates(nlp):
    # the lexicon's "ruled out": a refusal of a thing; an act ruled out did not happen
    frame = article_events(
        "Mr Clarke ruled out a deal with the Law Lords.", nlp, fresh_state(), ACTORS, PUBLISHED
    )
    assert frame.select("event_type", "source_actor_id", "mode").rows() == [
        ("REJECT", "act_clarke", "asserted")
    ]
    frame = article_events(
        "Mr Clarke has ruled out meeting the Law Lords.", nlp, fresh_state(), ACTORS, PUBLISHED
    )
    assert frame.select("event_type", "source_actor_id", "mode").rows() == [
        ("CONSULT", "act_clarke", "negated")
    ]
