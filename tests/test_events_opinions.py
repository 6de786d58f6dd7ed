"""A reported condemnation is an accusation (issue 20): `opinions.reports_a_condemnation`.

Real sentences of the events tune half (bench/labels/events/tune.jsonl) and the BBC bundle
through the real events stage; mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_oaten", "Mark Oaten", "PERSON", "GBR", ["Mark Oaten"]),
    ("act_nicholls", "Lord Nicholls of Birkenhead", "PERSON", "GBR", ["Lord Nicholls"]),
    ("act_howard", "Michael Howard", "PERSON", "GBR", ["Mr Howard"]),
    ("act_oblon", "David Oblon", "PERSON", "USA", ["David Oblon"]),
    ("act_tories", "Conservative Party", "PARTY", "GBR", ["Conservatives"]),
    ("act_volcker", "Paul A Volcker", "PERSON", "USA", ["Paul Volcker"]),
    ("act_mateo", "Julian Mateo", "PERSON", "CRI", ["Julian Mateo"]),
    ("act_cecos", "CECOS", "ORG", "USA", ["CECOS"]),
    ("act_epa", "Environmental Protection Agency", "ORG", "USA", ["EPA"]),
    ("act_chirac", "Jacques Chirac", "PERSON", "FRA", ["Jacques Chirac"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["UK"]),
    ("act_sayeed", "Jonathan Sayeed", "PERSON", "GBR", ["Mr Sayeed"]),
]  # fmt: skip


def found(body: str, nlp) -> list[tuple]:
    """(type, source, target) of every event the events stage finds in one article `body`."""
    return found_events(body, nlp, ACTORS, date(2005, 3, 1))


def test_saying_what_others_did_is_worrying_accuses(nlp):
    # tune: bbc/politics/028.txt (gold ACCUSE Mark Oaten -> officials, a generic target)
    text = (
        "Lib Dem spokesman Mark Oaten said the number of officials who had forgotten what "
        "happened was worrying."
    )
    assert found(text, nlp) == [("ACCUSE", "act_oaten", None)]


def test_a_judge_calling_a_policy_anathema_accuses(nlp):
    # tune: bbc/politics/224.txt (gold ACCUSE Lord Nicholls, target null); GUIDE.md settles it
    text = (
        'Lord Nicholls of Birkenhead, in his ruling, said: "Indefinite imprisonment without '
        "charge or trial is anathema in any country which observes the rule of law."
    )
    assert found(text, nlp) == [("ACCUSE", "act_nicholls", None)]


def test_a_plain_or_denied_opinion_is_no_accusation(nlp):
    # GUIDE.md: "X said the plan was expensive" is no event; nor is a denied condemnation
    assert found("Mark Oaten said the plan was expensive.", nlp) == []
    assert found("Mark Oaten said the plan was not a disgrace.", nlp) == []


def test_calling_a_rivals_proposals_unrealistic_accuses(nlp):
    # spent heldout3: bbc/politics/181.txt (gold ACCUSE Conservative Party -> the government): a plan
    # called unrealistic, one of the words added to `condemning_words` with "authoritarian"
    # (spent heldout: gold ACCUSE Charles Kennedy) after reading the spent sets' misses
    text = (
        "But the Conservatives say government proposals - which include two hours' PE within "
        "school for 75% of pupils by 2006 - are unrealistic."
    )
    assert found(text, nlp) == [("ACCUSE", "act_tories", None)]


def test_a_word_of_fault_condemns_an_actors_deed_only(nlp):
    # cues.json faulting_words: reuters newid 16261 and bbc/politics/373.txt (the spent heldout
    # holds another sentence of it) fault an actor's claims and rebate; reuters newids 13903
    # and 6657 judge a market's course and prices, no actor's deed (ACCUSE at 588b610)
    text = (
        "CECOS said it believes strongly that the EPA's claims and proposed remedies concerning "
        "the Livingston waste disposal site are unreasonable."
    )
    assert found(text, nlp) == [("ACCUSE", "act_cecos", "act_epa")]
    text = (
        "French president Jacques Chirac has called the UK's £3bn rebate from the European "
        'Union "unjustified".'
    )
    assert found(text, nlp) == [("ACCUSE", "act_chirac", "act_gbr")]
    text = (
        "Federal Reserve Board Chairman Paul Volcker said a further large drop in the value of "
        "the dollar could be counterproductive for world economic growth."
    )
    assert found(text, nlp) == []
    text = (
        '"The prices are ridiculous," said Julian Mateo, vice president of Costa Rica\'s Sugar '
        "Cane Industrial-Agricultural League."
    )
    assert found(text, nlp) == []


def test_a_fault_given_as_the_reason_of_a_denial_is_no_accusation(nlp):
    # bbc/politics/410.txt: the suspension called unjust is why the claims are denied, the
    # guide's REJECT. At c339ba6 the suspension, a trigger under the denial, was read as a
    # denied act and the denial dropped (`modes.denier`), which left the fault's ACCUSE
    text = (
        'Mr Sayeed had denied the claims, saying the suspension was "unjust and wrong" but he '
        'made an "unreserved" apology to MPs in the Commons chamber.'
    )
    assert found(text, nlp) == [("REJECT", "act_sayeed", None)]


def test_calling_something_a_disgrace_accuses(nlp):
    # BBC bundle bbc/politics/087.txt and bbc/tech/132.txt: "called X 'disgraceful'" was no
    # event (`opinions.names_a_condemnation`)
    assert found('Mr Howard called that suggestion "disgraceful".', nlp) == [
        ("ACCUSE", "act_howard", None)
    ]
    text = (
        'But Jaynes\' lawyer David Oblon called the nine-year recommended term "outrageous" and '
        "said his client believed he was innocent."
    )
    assert found(text, nlp) == [("ACCUSE", "act_oblon", None)]


NAMED = [
    ("act_amnesty", "Amnesty International", "ORG", None, ["Amnesty International"]),
    ("act_ferguson", "Alex Ferguson", "PERSON", "GBR", ["Ferguson"]),
    ("act_wenger", "Arsene Wenger", "PERSON", "FRA", ["Wenger"]),
]  # fmt: skip


def test_an_organisation_named_amnesty_grants_no_amnesty(nlp):
    # issue 20, heldout (spent) bbc/politics/192.txt: "Amnesty" was a CONCEDE trigger
    text = (
        'Amnesty International has called Camp Delta a "major human-rights scandal" and an '
        '"icon of lawlessness".'
    )
    assert found_events(text, nlp, NAMED, date(2005, 3, 1)) == [("ACCUSE", "act_amnesty", None)]


def test_a_reminder_of_a_named_condemnation_is_the_namers_accusation(nlp):
    # issue 20, BBC bundle bbc/sport/235.txt: "Reminded" read the clause as its own
    # condemnation, with no source and Ferguson as target; Ferguson is the one accusing
    text = 'Reminded that Ferguson called him "a disgrace", Wenger added: "I don\'t respond to anything.'
    assert found_events(text, nlp, NAMED, date(2005, 3, 1)) == [("ACCUSE", "act_ferguson", None)]


APPROVERS = [
    ("act_oaten", "Mark Oaten", "PERSON", "GBR", ["Mark Oaten"]),
    ("act_katwala", "Sundar Katwala", "PERSON", "GBR", ["Sundar Katwala"]),
]  # fmt: skip


def test_calling_a_change_pragmatic_supports_it(nlp):
    # tune: bbc/politics/193.txt (gold SUPPORT Mark Oaten, target null): no trigger before
    text = (
        "Liberal Democrat spokesman Mark Oaten called the change pragmatic and argued it gave a "
        "better chance of producing a European asylum solution."
    )
    assert found_events(text, nlp, APPROVERS, date(2005, 3, 1)) == [("SUPPORT", "act_oaten", None)]


def test_saying_a_change_is_long_overdue_supports_it(nlp):
    # spent heldout: bbc/politics/266.txt (gold SUPPORT Sundar Katwala, target null)
    text = (
        'The Fabian Society\'s Sundar Katwala said the change was "long overdue" and that he '
        'expected a "warm response".'
    )
    assert found_events(text, nlp, APPROVERS, date(2005, 3, 1)) == [
        ("SUPPORT", "act_katwala", None)
    ]
