"""An ask answered (issue 20, `data/events/lexicon.json` phrasal entries): "X resisted Y's pleas",
"X ignored Y's request", "X turned down Y's request" are X's REJECT of Y; "gave in to Y's
pressure", "would not bow to demands" X's CONCEDE. Before them the ask's noun was the only
trigger, and its owner or the answering subject was stored as the one asking: "Britain has so
far resisted the group's pleas" was Britain's REQUEST. Real sentences of the Reuters corpus
(wire.jsonl line) and the BBC bundle, through the real events stage.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["Britain", "British Government"]),
    ("act_ec", "European Community", "ORG", None, ["EC"]),
    ("act_phl", "Philippines", "COUNTRY", "PHL", ["Manila"]),
    ("act_wh", "White House", "ORG", "USA", ["White House"]),
    ("act_fas", "Foreign Agricultural Service", "ORG", "USA", ["FAS"]),
    ("act_com", "European Commission", "ORG", None, ["Commission"]),
    ("act_ep", "European Parliament", "ORG", None, ["Parliament"]),
    ("act_lipietz", "Alain Lipietz", "PERSON", "FRA", ["Alain Lipietz"]),
    ("act_fra", "France", "COUNTRY", "FRA", ["French"]),
    ("act_ancram", "Michael Ancram", "PERSON", "GBR", ["Ancram"]),
    ("act_naylor", "Frank Naylor", "PERSON", "USA", ["Mr. Naylor"]),
    ("act_moos", "Moos", "PERSON", "USA", ["Moos"]),
    ("act_buba", "Bundesbank", "ORG", "DEU", ["Bundesbank"]),
    ("act_richards", "Ann Richards", "PERSON", "USA", ["Ann Richards"]),
    ("act_mattox", "Jim Mattox", "PERSON", "USA", ["Jim Mattox"]),
    ("act_miyazaki", "Miyazaki", "PLACE", "JPN", ["Miyazaki"]),
]  # fmt: skip


def events(text: str, nlp, when: date = date(1987, 3, 23)) -> list[tuple]:
    return found_events(text, nlp, ACTORS, when)


def test_an_ignored_request_is_a_reject_of_the_one_who_asked(nlp):
    # wire.jsonl:8156
    text = (
        "He said the EC not only ignored Manila's request for lower tariffs on coconut oil but "
        "proposed a levy on vegetable oils and fats that are vital exports for Southeast Asian "
        "countries."
    )
    assert events(text, nlp) == [("REJECT", "act_ec", "act_phl")]


def test_a_request_turned_down_is_a_reject(nlp):
    # wire.jsonl:11512: the budget office refused FAS, not FAS the budget office
    text = (
        "Staff on the House panel said the committee balked at appropriating two mln dlrs "
        "because the White House budget office turned down FAS's request for the supplemental."
    )
    assert events(text, nlp) == [("REJECT", "act_wh", "act_fas")]


def test_pleas_resisted_are_no_request_of_the_one_resisting(nlp):
    # wire.jsonl:3455: OPEC ("the group", named in the sentence before) pleaded with Britain
    text = (
        "A major non-OPEC producer, Britain has so far resisted the group's pleas to curb its "
        "North Sea oil output."
    )
    assert events(text, nlp) == [("REJECT", "act_gbr", None)]


def test_an_ignored_request_in_a_condition_is_a_reject(nlp):
    # bbc/tech/342.txt
    text = (
        "French Green MEP Alain Lipietz warned two weeks ago that if the Commission ignored "
        'the Parliament\'s request it would be an "insult" to the assembly.'
    )
    assert ("REJECT", "act_com", "act_ep") in events(text, nlp, date(2005, 3, 1))


def test_giving_in_to_pressure_is_a_concession_not_aid(nlp):
    # bbc/politics/136.txt: "giving in" gives nothing
    text = (
        'Mr Ancram argued: "What the British Government is doing is giving in to French and '
        "German pressure, especially the French, who see vast contracts available to them if the "
        'embargo is lifted..."'
    )
    found = events(text, nlp, date(2005, 3, 1))
    assert ("CONCEDE", "act_gbr", "act_fra") in found
    assert not [e for e in found if e[0] == "AID"]


def test_giving_with_an_in_phrase_is_no_concession(nlp):
    # wire.jsonl:2427, wire.jsonl:17306: "in" is a preposition here, not "give in"'s particle
    texts = [
        '"He (Foley) is willing to give Mr. Naylor some time in this regard," Moos said.',
        "In the report, the Bundesbank gave a rare glimpse of the extent of intramarginal and "
        "obligatory EMS intervention that has taken place since the foundation of the "
        "eight-currency system on March 13, 1979.",
    ]
    for text in texts:
        assert not [e for e in events(text, nlp) if e[0] == "CONCEDE"], text


def test_turning_down_and_caving_in_without_an_ask_name_no_event(nlp):
    # wire.jsonl:7103 (freight rates), 14749 (an idiom), 6397 (a roof): nothing asked is answered
    texts = [
        "Rates turned down as an earlier rise in bunker prices, which had supported the market "
        "at the start of the year, faltered but then recovered on the reported Soviet interest.",
        "But as State Treasurer Ann Richards said last Thursday, \"Jim Mattox's decision today "
        "turns the heat down on the pressure cooker, but we must not think that the goose isn't "
        'still cooking."',
        "A man died in Miyazaki prefecture when his truck overturned, and another was seriously "
        "hurt when his roof caved in, police said.",
    ]
    for text in texts:
        assert not [e for e in events(text, nlp) if e[0] in ("REJECT", "CONCEDE")], text
