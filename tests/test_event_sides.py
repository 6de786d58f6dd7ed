"""Events of different actors of one country never merge (issue 20, `event_sides`).

A side was keyed by the actor's country for a person or body of a country, so two Britons
criticising the same target in one article were one event (bbc/politics/371 joined Michael
Howard's and Tony Blair's reports). Real BBC sentences through the real events stage; mentions
are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

from newsflow.event_sides import clash, pairs_agree, side_key, sides_agree
from newsflow.roles import RoleMention
from tests.event_frames import joined_reports

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_howard", "Michael Howard", "PERSON", "GBR", ["Michael Howard", "Mr Howard"]),
    ("act_letwin", "Oliver Letwin", "PERSON", "GBR", ["Oliver Letwin", "Mr Letwin"]),
    ("act_blair", "Tony Blair", "PERSON", "GBR", ["Tony Blair", "Mr Blair"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["Britain"]),
]  # fmt: skip

# bbc/politics/379 and bbc/politics/282: two Tories accuse Mr Blair
HOWARD = (
    "Tory leader Michael Howard has accused Mr Blair of steamrolling the house arrest plans "
    'and of "using national security for political point scoring".'
)
LETWIN = (
    'Meanwhile, Tory shadow chancellor Oliver Letwin accused Mr Blair of "misrepresenting" the '
    "party's proposals and questioned how Labour would fund its own plans."
)


def found(body: str, nlp) -> list[tuple]:
    """(event id, sentence index, source, target) of every report, as the event it joined
    holds them."""
    return joined_reports(
        body,
        nlp,
        ACTORS,
        date(2005, 3, 1),
        ("event_id", "sentence_index", "source_actor_id", "target_actor_id"),
    )


def test_two_people_of_one_country_accusing_one_target_are_two_events(nlp):
    reports = found(f"{HOWARD} {LETWIN}", nlp)
    accusations = [r for r in reports if r[3] == "act_blair"]
    assert {r[2] for r in accusations} == {"act_howard", "act_letwin"}
    assert len({r[0] for r in accusations}) == 2


def test_one_person_accusing_one_target_twice_is_one_event(nlp):
    again = 'Mr Howard accused Mr Blair of "using national security for political point scoring".'
    reports = found(f"{HOWARD} {again}", nlp)
    accusations = [r for r in reports if r[3] == "act_blair"]
    assert len(accusations) == 2
    assert len({r[0] for r in accusations}) == 1


def _side(actor_id: str, actor_type: str) -> str | None:
    return side_key(RoleMention("", actor_id, "GBR", frozenset(), actor_type))


def test_the_bare_country_agrees_with_its_people_but_they_not_with_each_other():
    country, howard, blair = _side("act_gbr", "COUNTRY"), _side("h", "PERSON"), _side("b", "PERSON")
    assert country == "GBR" and howard == "GBR/h"
    assert sides_agree(country, howard) and sides_agree(howard, howard)
    assert not sides_agree(howard, blair)
    assert pairs_agree((howard, "FRA"), (country, "FRA"), symmetric=False)
    assert not pairs_agree((howard, "FRA"), (blair, "FRA"), symmetric=False)
    # a bare "Britain criticised France" must not chain Howard's and Blair's reports
    assert clash({howard}, {blair}) and not clash({howard}, {howard}) and not clash({howard}, set())


def test_a_one_sided_report_does_not_chain_two_partners_into_one_event(nlp):
    # reuters newid 11487 and its story (the Reuters run at f489faa stored Reagan's accord
    # with Chirac as "Washington agreed to forego antidumping duties on Japanese
    # semiconductors", United States -> Japan): a report naming one side only agrees with
    # each partner's, and must not join the two
    actors = [
        ("act_reagan", "Ronald Reagan", "PERSON", "USA", ["Reagan"]),
        ("act_chirac", "Jacques Chirac", "PERSON", "FRA", ["Chirac"]),
        ("act_usa", "United States", "COUNTRY", "USA", ["the United States", "Washington"]),
        ("act_jpn", "Japan", "COUNTRY", "JPN", ["Japanese"]),
        ("act_baker", "James Baker", "PERSON", "USA", ["James Baker"]),
    ]
    body = (
        "Reagan and Chirac meanwhile signed an agreement ending a dispute between two leading "
        "research institutes over patent rights to a blood screening test for the deadly disease "
        "AIDS. Treasury Secretary James Baker said the United States and the five other "
        "industrialized nations signing the recent Paris Accord remain committed to fostering "
        "the exchange rate at around current levels. In return, Washington agreed to forego "
        "antidumping duties on Japanese semiconductors."
    )
    reports = joined_reports(
        body, nlp, actors, date(1987, 3, 31), ("event_id", "event_type", "target_actor_id")
    )
    agreements = {r[2]: r[0] for r in reports if r[1] == "AGREE" and r[2] is not None}
    assert set(agreements) == {"act_chirac", "act_jpn"}, reports
    assert agreements["act_chirac"] != agreements["act_jpn"], reports
