"""A win is no blow, a row no fight (issue 20, `newsflow.senses`).

"Citigroup beat Standard Chartered to buy Koram bank" and "Joss Stone beat Dizzee Rascal ... to
win best British urban act" were ASSAULTs: "beat" is one only as a blow ("beat up", "beaten to
death", a striking agent's "forces had beaten back the attacks"). "Labour and the Tories have
clashed over tax" was an ASSAULT: a clash with no striking agent or crowd among its parties is
a row, which the labelling guide types as a verbal attack (ACCUSE); "striking shipyard workers
clashed with police" stays an ASSAULT, and "Saturday's Six Nations clash" is a game: none.

Real sentences: BBC bbc/business/409.txt, bbc/entertainment/256.txt, bbc/politics/229.txt,
bbc/politics/387.txt, bbc/sport/418.txt; Reuters newids 15142, 6133 and 7550. Mentions are alias matches of the actors
listed here (generic agents, "police", "forces", come from the events stage itself).
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_citi", "Citigroup", "ORG", "USA", ["Citigroup"]),
    ("act_stanchart", "Standard Chartered", "ORG", "GBR", ["Standard Chartered"]),
    ("act_stone", "Joss Stone", "PERSON", "GBR", ["Joss Stone"]),
    ("act_dizzee", "Dizzee Rascal", "PERSON", "GBR", ["Dizzee Rascal"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["British", "Britain"]),
    ("act_lab", "Labour Party", "ORG", "GBR", ["Labour"]),
    ("act_con", "Conservative Party", "ORG", "GBR", ["Tories"]),
    ("act_brown", "Gordon Brown", "PERSON", "GBR", ["Gordon Brown"]),
    ("act_irq", "Iraq", "COUNTRY", "IRQ", ["Iraq"]),
    ("act_esp", "Spain", "COUNTRY", "ESP", ["Cadiz"]),
]  # fmt: skip
WHEN = date(2005, 2, 10)


def _types(body: str, nlp) -> list[tuple[str, str | None, str | None]]:
    return found_events(body, nlp, ACTORS, WHEN)


def test_a_win_is_no_assault(nlp):
    takeover = (
        "The move, a year after Citigroup beat Standard Chartered to buy Koram bank, would be "
        "the South Korean financial sector's biggest foreign takeover."
    )
    award = (
        "Joss Stone, a 17-year-old soul singer from Devon, beat Dizzee Rascal, Jamelia, Lemar "
        "and The Streets to win best British urban act at the Brit Awards."
    )
    for body in (takeover, award):
        assert [e for e in _types(body, nlp) if e[0] == "ASSAULT"] == [], body


def test_beating_up_and_forces_beating_back_stay_assaults(nlp):
    soldiers = (
        "\"Because we don't want people thinking that British soldiers beat up civilians and "
        'get away with it," he said.'
    )
    forces = (
        "Iraq said today its forces had beaten back the latest attacks inflicting heavy casualties."
    )
    for body in (soldiers, forces):
        assert "ASSAULT" in {e[0] for e in _types(body, nlp)}, body


def test_a_row_between_parties_is_an_accusation(nlp):
    body = (
        "Labour and the Tories have clashed over tax and spending plans as the row over Gordon "
        "Brown's Budget turned into a full scale pre-election battle."
    )
    events = _types(body, nlp)
    assert [e for e in events if e[1] == "act_lab"] == [("ACCUSE", "act_lab", None)]  # was ASSAULT


def test_workers_clashing_with_police_is_an_assault(nlp):
    body = (
        "In the south, striking shipyard workers clashed with police in the port of Cadiz in "
        "what has become a regular weekly protest against job layoffs at the state-owned "
        "Astilleros Espanoles."
    )
    assert "ASSAULT" in {e[0] for e in _types(body, nlp)}


def test_a_game_on_the_calendar_is_no_clash_of_any_kind(nlp):
    # bbc/sport/418.txt: a short injury note; "Saturday's ... clash" is a fixture
    actors = ACTORS + [("act_bod", "Brian O'Driscoll", "PERSON", "IRL", ["Brian O'Driscoll"])]
    body = (
        "Ireland captain Brian O'Driscoll has been ruled out of Saturday's RBS Six Nations "
        "clash against Scotland."
    )
    found = found_events(body, nlp, actors, WHEN)
    assert [e for e in found if e[0] in ("ASSAULT", "ACCUSE")] == []


def test_a_clash_in_which_rebels_died_is_no_row(nlp):
    # Reuters newid 7550: no party is named beside "the clash"; the deaths make it a fight
    actors = ACTORS + [
        ("act_pna", "Philippine News Agency", "ORG", "PHL", ["Philippine News Agency"])
    ]
    body = (
        "The state-run Philippine News Agency said at least 18 rebels died in the clash, but "
        "the military officials could not confirm the report."
    )
    assert "ACCUSE" not in {e[0] for e in found_events(body, nlp, actors, WHEN)}
