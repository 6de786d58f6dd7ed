"""A win is no blow, a row no fight (issue 20, `newsflow.senses`).

"Citigroup beat Standard Chartered to buy Koram bank" and "Joss Stone beat Dizzee Rascal ... to
win best British urban act" were ASSAULTs: "beat" is one only as a blow ("beat up", "beaten to
death", a striking agent's "forces had beaten back the attacks"). "Labour and the Tories have
clashed over tax" was an ASSAULT: a clash with no striking agent or crowd among its parties is
a row, which the labelling guide types as a verbal attack (ACCUSE); "striking shipyard workers
clashed with police" stays an ASSAULT, and "Saturday's Six Nations clash" is a game: none.
"fight poverty", "a takeover battle", "its legal battle with Apple" were ASSAULTs too: a fight
or battle with no striking party and no word of war or arms is none, and so is such a
"target"; "captured her first WTA title" takes a prize, no one.

Real sentences: BBC bbc/business/409.txt, 159.txt, 162.txt, bbc/entertainment/256.txt,
bbc/politics/229.txt, 238.txt, 379.txt, 387.txt, bbc/sport/418.txt, 501.txt,
bbc/tech/044.txt; Reuters newids 15142, 6133, 7550, 7794, 862, 2034, 16113, 14878 and 12736. Mentions are alias matches of the actors
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


FIGHTERS = ACTORS + [
    ("act_chid", "Palaniappan Chidambaram", "PERSON", "IND", ["Palaniappan Chidambaram"]),
    ("act_verizon", "Verizon", "ORG", "USA", ["Verizon"]),
    ("act_mci", "MCI", "ORG", "USA", ["MCI"]),
    ("act_eff", "Electronic Frontier Foundation", "ORG", "USA", ["EFF"]),
    ("act_apple", "Apple", "ORG", "USA", ["Apple"]),
    ("act_tcd", "Chad", "COUNTRY", "TCD", ["Chadian", "Chad"]),
    ("act_lby", "Libya", "COUNTRY", "LBY", ["Libyans", "Libyan"]),
    ("act_irn", "Iran", "COUNTRY", "IRN", ["Iran"]),
]  # fmt: skip


def test_a_fight_against_poverty_or_a_legal_battle_is_no_assault(nlp):
    # bbc/business/159.txt, bbc/business/162.txt, bbc/tech/044.txt: no party, modifier or word
    # of war or arms makes these fights blows
    bodies = [
        "The priority for Finance Minister Palaniappan Chidambaram is to fight poverty and keep "
        "the government's Communist allies onside.",
        "Verizon has won a takeover battle for US phone firm MCI with a bid worth $6.8bn.",
        "The EFF has gained some powerful allies in its legal battle with Apple, including "
        "Professor Tom Goldstein, former dean of the Journalism School.",
    ]
    for body in bodies:
        found = found_events(body, nlp, FIGHTERS, WHEN)
        assert "ASSAULT" not in {e[0] for e in found}, body


def test_fighting_with_troops_police_or_on_fronts_stays_an_assault(nlp):
    # Reuters newids 7794, 862 and 2034: police as a party and "heavy" make the last two
    # blows. The first also has "killed" as a trigger of its own; the sentence-context check is
    # held by the rebels test above and test_events_acceptance's "a ceasefire after fighting".
    bodies = [
        "Chadian troops killed 384 Libyans and captured 48 in fighting near the key Libyan air "
        "base of Ouadi Doum in northern Chad, a Chadian government statement said.",
        "In the northeastern Spanish city of Saragossa thousands of Spanish farmers battled "
        "with police during a march to demand a better deal from Brussels.",
        "Iran reported heavy fighting on both fronts today.",
    ]
    for body in bodies:
        found = found_events(body, nlp, FIGHTERS, WHEN)
        assert "ASSAULT" in {e[0] for e in found}, body


def test_a_vow_to_fight_stays_a_threat(nlp):
    # Reuters newid 16113: the fight is no blow, but the vow to fight reads as a threat (it
    # was a THREATEN before the fight rule, and an AGREE with the fight dropped outright)
    actors = FIGHTERS + [("act_uaw", "United Auto Workers", "ORG", "USA", ["United Auto Workers"])]
    body = (
        "The United Auto Workers union (UAW) vowed to fight wage and job cuts in a round of "
        "labour talks starting in July that cover nearly 500,000 workers."
    )
    assert [e[0] for e in found_events(body, nlp, actors, WHEN)] == ["THREATEN"]


def test_a_target_or_a_prize_taken_is_no_assault(nlp):
    # bbc/politics/238.txt, bbc/sport/501.txt, Reuters newid 14878
    actors = FIGHTERS + [
        ("act_lab2", "Labour Party", "ORG", "GBR", ["Labour"]),
        ("act_ivanovic", "Ana Ivanovic", "PERSON", "SRB", ["Ana Ivanovic"]),
        ("act_rolls", "Rolls-Royce", "ORG", "GBR", ["Rolls RB211"]),
    ]
    bodies = [
        "A regiments' campaign group is to target nine marginal Labour seats at the General "
        "Election.",
        "Serbia's Ana Ivanovic captured her first WTA title with a straight-sets victory over "
        "Hungarian Melinda Czink in the final of the Canberra Classic.",
        "Rolls RB211 engine was not available for fitting to early versions of the Boeing Co "
        "747 but had since captured about 25 pct of the market, he noted.",
    ]
    for body in bodies:
        assert "ASSAULT" not in {e[0] for e in found_events(body, nlp, actors, WHEN)}, body


def test_terrorists_targeting_and_troops_capturing_stay_assaults(nlp):
    # bbc/politics/379.txt, Reuters newid 12736
    actors = FIGHTERS + [("act_gbr2", "United Kingdom", "COUNTRY", "GBR", ["UK"])]
    bodies = [
        "Terrorists might try to target the UK in the run-up to the election, London's most "
        "senior police officer has said.",
        "Chad said yesterday its troops had captured the Libyan outpost of Gouro, some 150 km "
        "south of the disputed Aouzou strip in the far north of the central African country.",
    ]
    for body in bodies:
        assert "ASSAULT" in {e[0] for e in found_events(body, nlp, actors, WHEN)}, body


def test_terrorist_groups_targeting_countries_stay_an_assault(nlp):
    # the seeds bundle (../shared/bundles/seeds): "targeting" describes "terrorist groups", so
    # the groups it describes are its party (dropped before participles' nouns were read)
    body = (
        "Addressing these threats requires coordinated efforts among regional countries, "
        "intelligence sharing, and diplomatic measures to prevent Afghanistan from becoming a "
        "safe haven for terrorist groups targeting neighboring countries."
    )
    assert "ASSAULT" in {e[0] for e in found_events(body, nlp, FIGHTERS, WHEN)}


def test_an_armed_group_named_makes_a_fight_or_target_an_assault(nlp):
    """Reuters newid 10244 and BBC bbc/sport/245.txt: the group is known by its name only."""
    actors = [
        ("act_unita", "UNITA", "ORG", "AGO", ["UNITA"]),
        ("act_ago", "Angola", "COUNTRY", "AGO", ["Angolan"]),
        ("act_eta", "ETA", "ORG", "ESP", ["ETA"]),
        ("act_bernabeu", "Santiago Bernabeu Stadium", "PLACE", "ESP", ["Bernabeu"]),
    ]
    fighting = "UNITA has been fighting the Cuban-backed Angolan government since 1976."
    targeted = (
        "The Bernabeu was targeted by ETA on 1 May, 2002, when Madrid were about to play FC "
        "Barcelona in a Champions League semi-final."
    )
    for body in (fighting, targeted):
        types = {e[0] for e in found_events(body, nlp, actors, WHEN)}
        assert "ASSAULT" in types, body
