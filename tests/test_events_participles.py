"""A past participle adjunct borrows its clause's subject in the passive (issue 20,
`newsflow.participles`): in "X were held for three years, accused of al-Qaeda links" X is the
one accused, not the accuser; in "Canada, strongly supported by Australia, has ..." Canada is
the one supported; a thing that helps ("aided by the recovery in oil prices") is no actor.

Real sentences (BBC bundle bbc/politics/151.txt, which the spent heldout3 half draws from;
Reuters newids 17198, 19590 and 419) through the real events stage; mentions are alias
matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_begg", "Moazzam Begg", "PERSON", "GBR", ["Moazzam Begg"]),
    ("act_mubanga", "Martin Mubanga", "PERSON", "GBR", ["Martin Mubanga"]),
    ("act_can", "Canada", "COUNTRY", "CAN", ["Canada"]),
    ("act_aus", "Australia", "COUNTRY", "AUS", ["Australia"]),
    ("act_kwt", "Kuwait", "COUNTRY", "KWT", ["Kuwait"]),
    ("act_qaeda", "al-Qaeda", "GROUP", None, ["al-Qaeda"]),
]  # fmt: skip


def test_the_subject_of_a_participle_of_accusing_is_the_one_accused(nlp):
    body = (
        "Moazzam Begg, Martin Mubanga, Feroz Abbasi and Richard Belmar were held for three "
        "years, accused of al-Qaeda links."
    )
    accusations = [
        e for e in found_events(body, nlp, ACTORS, date(2005, 1, 26)) if e[0] == "ACCUSE"
    ]
    assert accusations, "the accusation is an event"
    assert {s for _, s, _ in accusations} == {None}  # before: Begg and Mubanga accused
    assert {t for _, _, t in accusations} <= {"act_begg", "act_mubanga"}


def test_the_actor_a_participle_of_backing_follows_is_the_one_backed(nlp):
    body = (
        "Canada, strongly supported by Australia, has championed the cause of both developed "
        "and developing nations which have seen their farm trade suffer."
    )
    support = [e for e in found_events(body, nlp, ACTORS, date(1987, 4, 13)) if e[0] == "SUPPORT"]
    assert support == [("SUPPORT", "act_aus", "act_can")]  # before: no target


def test_a_thing_that_helps_makes_no_event(nlp):
    # Reuters newid 19590: "aided by the recovery in world oil prices" names a cause, not a
    # giver of aid (the participle's actor would have been the target of an AID)
    body = (
        "Kuwait, aided by the recovery in world oil prices, announced a mildly expansionary "
        "budget for 1987/88 with a 3.3 pct rise in the deficit to 1.38 billion dinars."
    )
    assert [e for e in found_events(body, nlp, ACTORS, date(1987, 4, 13)) if e[0] == "AID"] == []


def test_as_opposed_to_opposes_nothing(nlp):
    # Reuters newid 419 (REJECT by Boeing before; `senses`)
    body = (
        "Korth said Boeing's business appeared to be leaning too heavily to the military side "
        "as opposed to commercial."
    )
    actors = [("act_boeing", "Boeing Co", "ORG", "USA", ["Boeing"])]
    assert found_events(body, nlp, actors, date(1987, 4, 13)) == []


def test_a_participle_coordinated_with_a_passive_acts_on_its_subject(nlp):
    # bbc/sport/319.txt: "banned" shares "has been" and the subject of "fined"; Pountney was
    # the source of the ban before
    actors = ACTORS + [("act_pountney", "Budge Pountney", "PERSON", "GBR", ["Budge Pountney"])]
    body = (
        "Northampton coach Budge Pountney has been fined £2,000 and banned from match-day "
        'coaching for six weeks for calling a referee "a disgrace".'
    )
    coercions = [e for e in found_events(body, nlp, actors, date(2005, 2, 18)) if e[0] == "COERCE"]
    assert coercions and {s for _, s, _ in coercions} == {None}
    assert {t for _, _, t in coercions} == {"act_pountney"}


def test_a_by_phrase_hung_on_a_passives_object_is_its_agent(nlp):
    # BBC politics (random_audit38 item 47): the parser hangs "by the Liberal Democrats" on
    # "savings"; the promise was stored with the party as its target and no source.
    body = (
        "Pensioners are being promised energy savings by the Liberal Democrats, as snow and "
        "cold temperatures continue."
    )
    actors = [("act_libdem", "Liberal Democrats", "PARTY", "GBR", ["Liberal Democrats"])]
    events = found_events(body, nlp, actors, date(2005, 1, 25))
    assert events == [("AGREE", "act_libdem", None)]


def test_a_participle_with_an_agent_is_one_whatever_its_tag(nlp):
    # Reuters (random_audit38 item 71, tuned on): "backed" tagged VBD, so Kiechle, the one
    # backed, was no target
    body = (
        "Kiechle, backed generally by his French, Italian and several other colleagues, believes "
        "sacrifices by traditional family farmers must be kept to a minimum in order to maintain "
        "viable rural communities in Europe."
    )
    actors = [
        ("act_kiechle", "Ignaz Kiechle", "PERSON", "DEU", ["Kiechle"]),
        ("act_fra", "France", "COUNTRY", "FRA", ["French"]),
    ]
    support = [e for e in found_events(body, nlp, actors, date(1987, 4, 13)) if e[0] == "SUPPORT"]
    assert support == [("SUPPORT", "act_fra", "act_kiechle")]
