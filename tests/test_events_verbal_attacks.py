"""An attack in words is an accusation (issue 20, `newsflow.senses`; the labelling guide:
"Verbal attacks ... are ACCUSE; physical ones ASSAULT").

"attacked Labour's six new pledges as 'vacuous'", "has attacked British imperialists, saying
...", "launched an attack on Conservative spending plans", "has hit out at critics of the
Gambling Bill" were ASSAULTs; "Peel had a heart attack" an ASSAULT on no one. "Quentin Davies
... was attacked in a notoriously dangerous park" stays an ASSAULT.

Real sentences of the BBC bundle (bbc/politics/007.txt, 392.txt, 282.txt, 133.txt, 144.txt;
bbc/entertainment/197.txt) through the real events stage; mentions are alias matches of the
actors listed here.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_lab", "Labour Party", "ORG", "GBR", ["Labour"]),
    ("act_con", "Conservative Party", "ORG", "GBR", ["Tory", "Conservative"]),
    ("act_blair", "Tony Blair", "PERSON", "GBR", ["Tony Blair", "Mr Blair"]),
    ("act_mbeki", "Thabo Mbeki", "PERSON", "ZAF", ["Thabo Mbeki"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["British"]),
    ("act_jowell", "Tessa Jowell", "PERSON", "GBR", ["Tessa Jowell"]),
    ("act_peel", "John Peel", "PERSON", "GBR", ["Peel"]),
    ("act_davies", "Quentin Davies", "PERSON", "GBR", ["Quentin Davies"]),
    ("act_ken", "Kenya", "COUNTRY", "KEN", ["Nairobi"]),
]  # fmt: skip
WHEN = date(2005, 2, 10)


def _events(body: str, nlp) -> list[tuple[str, str | None, str | None]]:
    return found_events(body, nlp, ACTORS, WHEN)


def test_attacks_in_words_are_accusations(nlp):
    bodies = [
        'The Tory co-chairman attacked Labour\'s six new pledges as "vacuous" and said Mr '
        "Blair was very worried voters would take revenge for his failure to deliver.",
        "South African president Thabo Mbeki has attacked British imperialists, saying they "
        "treated Africans like savages.",
        "Tony Blair has launched an attack on Conservative spending plans, saying they are a "
        '"ludicrous improbability".',
        "The Secretary of State for Culture, Media and Sport, Tessa Jowell, has hit out at "
        "critics of the Gambling Bill.",
    ]
    for body in bodies:
        types = {e[0] for e in _events(body, nlp)}
        assert "ACCUSE" in types and "ASSAULT" not in types, body


def test_a_heart_attack_is_no_event(nlp):
    body = "Rob Da Bank filled in after Peel had a heart attack aged 65 in October."
    assert _events(body, nlp) == []


def test_a_beating_in_a_park_stays_an_assault(nlp):
    body = (
        "Quentin Davies, the MP for Grantham and Stamford, was attacked in a notoriously "
        "dangerous park in the capital, Nairobi."
    )
    assert ("ASSAULT", None, "act_davies") in _events(body, nlp)


def test_the_way_someone_acted_names_the_one_criticised(nlp):
    # bbc/politics (random_audit38 item 63, tuned on): the target was null
    actors = ACTORS + [
        ("act_grieve", "Dominic Grieve", "PERSON", "GBR", ["Dominic Grieve"]),
        ("act_blunkett", "David Blunkett", "PERSON", "GBR", ["Mr Blunkett"]),
        ("act_butler", "Lord Butler", "PERSON", "GBR", ["Lord Butler"]),
        ("act_blair2", "Tony Blair", "PERSON", "GBR", ["Tony Blair"]),
    ]
    body = (
        'Mr Blair said he left "without a stain on his character" but Tory Dominic Grieve '
        'branded the way Mr Blunkett\'s office operated as "scandalous".'
    )
    assert ("ACCUSE", "act_grieve", "act_blunkett") in found_events(body, nlp, actors, WHEN)
    body = (
        "Former civil service chief Lord Butler has criticised the way Tony Blair's government "
        "operates, accusing it of being obsessed with headlines."
    )
    assert ("ACCUSE", "act_butler", "act_blair2") in found_events(body, nlp, actors, WHEN)
