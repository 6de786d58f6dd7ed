"""Word senses read from the parse (issue 20, `newsflow.senses`, demand verbs, and "the
government" of an article without a dateline, "criticism from X").

Real sentences of the events tune and spent held-out halves (bench/labels/events/), through
the real events stage; mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from newsflow import blows, events, roles
from newsflow.geo import Gazetteer
from tests.event_frames import article_events, event_types, found_events, parser

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_blair", "Tony Blair", "PERSON", "GBR", ["Tony Blair", "Mr Blair"]),
    ("act_brown", "Gordon Brown", "PERSON", "GBR", ["Gordon Brown", "Mr Brown"]),
    ("act_howard", "Michael Howard", "PERSON", "GBR", ["Michael Howard", "Mr Howard"]),
    ("act_oaten", "Mark Oaten", "PERSON", "GBR", ["Mark Oaten"]),
    ("act_ebbers", "Bernie Ebbers", "PERSON", "USA", ["Bernie Ebbers", "Mr Ebbers"]),
    ("act_libdem", "Liberal Democrats", "PARTY", "GBR", ["Liberal Democrats", "Lib Dems"]),
    ("act_labour", "Labour Party", "PARTY", "GBR", ["Labour party", "Labour"]),
    ("act_usa", "United States", "COUNTRY", "USA", ["US"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["Britain"]),
    ("act_fra", "France", "COUNTRY", "FRA", ["France"]),
    ("act_leigh", "Edward Leigh", "PERSON", None, ["Edward Leigh"]),
    ("act_hunts", "Hunt brothers", "GROUP", "USA", ["the Hunts", "Hunts"]),
    ("act_hart", "Simon Hart", "PERSON", None, ["Simon Hart"]),
    ("act_lords", "House of Lords Economic Affairs Committee", "ORG", "GBR",
     ["House of Lords Economic Affairs Committee"]),
    ("act_fdd", "Forces for Defence of Democracy", "GROUP", "BDI", ["Forces for Defence of Democracy", "FDD"]),
    ("act_bdi", "Burundi", "COUNTRY", "BDI", ["Burundi"]),
    ("act_dalton", "Hugh Dalton", "PERSON", "GBR", ["Hugh Dalton"]),
    ("act_carvel", "John Carvel", "PERSON", "GBR", ["John Carvel"]),
    ("act_avril", "Prosper Avril", "PERSON", "HTI", ["Prosper Avril"]),
    ("act_hti", "Haiti", "COUNTRY", "HTI", ["Haiti"]),
    ("act_tories", "Conservative Party", "PARTY", "GBR", ["Tories", "Conservatives"]),
    ("act_martin", "Michael Martin", "PERSON", "GBR", ["Michael Martin", "Mr Martin"]),
    ("act_kenteris", "Kostas Kenteris", "PERSON", "GRC", ["Kenteris"]),
    ("act_cable", "Vince Cable", "PERSON", "GBR", ["Vince Cable"]),
    ("act_nao", "National Audit Office", "ORG", "GBR", ["National Audit Office"]),
    ("act_hackett", "Keith Hackett", "PERSON", "GBR", ["Keith Hackett"]),
    ("act_mourinho", "Jose Mourinho", "PERSON", "PRT", ["Mourinho"]),
    ("act_goldsmith", "Lord Goldsmith", "PERSON", "GBR", ["Lord Goldsmith"]),
    ("act_egy", "Egypt", "COUNTRY", "EGY", ["Cairo"]),
    ("act_kifaya", "Kifaya", "GROUP", "EGY", ["Kifaya"]),
    ("act_sener", "Abdullatif Sener", "PERSON", "TUR", ["Mr Sener"]),
    ("act_eu", "European Union", "ORG", None, ["EU"]),
]  # fmt: skip


@pytest.fixture
def state():
    return events.EventState.empty(roles.Lexicon.load(), Gazetteer.load())


def found(body: str, nlp, state) -> list[tuple]:
    """(type, source, target) of every event the events stage finds in one article `body`."""
    frame = article_events(body, nlp, state, ACTORS, date(2005, 3, 1))
    return sorted(frame.select("event_type", "source_actor_id", "target_actor_id").rows(), key=str)


def test_insisted_that_a_statement_is_true_is_no_request(nlp, state):
    # heldout: bbc/politics (gold SUPPORT Gordon Brown -> Tony Blair); "insisted" was a REQUEST
    text = (
        "Gordon Brown spoke in London. But before doing so, he insisted he still trusted "
        "Mr Blair, despite claims to the contrary in a new book."
    )
    assert found(text, nlp, state) == [("SUPPORT", "act_brown", "act_blair")]


@pytest.mark.parametrize(
    "text",
    [
        # bbc/politics: "On Monday" was read as what he insisted on
        "On Monday Tony Blair insisted closer co-operation did not mean losing control of "
        "British borders.",
        "Firstly, the prime minister insisted on Wednesday that he had been intimately involved "
        "in the development of the proposals to get G8 countries to freeze debt repayments from "
        "the tsunami-hit countries.",
        # bbc/politics: an "insisted" with no clause of its own was a demand
        '"A literate and qualified Turkish population," insisted Mr Sener, "will make a '
        'positive impact on the EU."',
    ],
    ids=["on-monday", "on-wednesday", "bare"],
)
def test_insisted_on_a_day_or_with_no_clause_is_no_request(nlp, state, text):
    assert [e for e in found(text, nlp, state) if e[0] == "REQUEST"] == []


def test_insisted_on_demands_stays_a_request(nlp, state):
    # PLOVER gold record (DEMAND): "insist on" asks for an act
    text = (
        "The main Hutu rebel group, Forces for Defence of Democracy (FDD), insisted on its "
        "demands that Burundi's government grant the Hutu majority more rights."
    )
    assert [(t, s) for t, s, _ in found(text, nlp, state)] == [("REQUEST", "act_fdd")]
    text = "The Lib Dems insisted that Mr Blair must apologise to Mr Brown."
    assert [(t, s) for t, s, _ in found(text, nlp, state)] == [("REQUEST", "act_libdem")]


def test_attack_for_what_they_want_is_a_verbal_attack(nlp, state):
    # tune: bbc/politics (gold ACCUSE Michael Howard -> Liberal Democrats), was ASSAULT
    text = (
        "Mr Howard will also attack the Lib Dems for wanting to abolish faith schools, "
        "introduce compulsory sex education from the age of seven."
    )
    assert found(text, nlp, state) == [("ACCUSE", "act_howard", "act_libdem")]


def test_pleaded_not_guilty_is_a_rejection_guilty_a_concession(nlp, state):
    # heldout: bbc/business (gold REJECT Bernie Ebbers), was REQUEST ("plead" as appeal)
    text = "Mr Ebbers has pleaded not guilty to charges of fraud and conspiracy."
    assert [t for t, s, _ in found(text, nlp, state) if s == "act_ebbers"] == ["REJECT"]
    admits = "Mr Ebbers has pleaded guilty to charges of fraud and conspiracy."
    assert [t for t, s, _ in found(admits, nlp, state) if s == "act_ebbers"] == ["CONCEDE"]


def test_a_legal_challenge_is_an_accusation_a_bare_challenge_none(nlp, state):
    # heldout: bbc/politics (gold ACCUSE by pro-hunt supporters, unnamed), was COERCE ("ban")
    text = (
        "Pro-hunt supporters formally launched their second legal challenge to the ban in "
        "London's High Court on Thursday."
    )
    assert "ACCUSE" in [t for t, _, _ in found(text, nlp, state)]
    text = "Mr Howard faces a challenge from the Lib Dems in the seat."
    assert found(text, nlp, state) == []


def test_branded_a_waste_is_an_accusation(nlp, state):
    # heldout: bbc/politics (gold ACCUSE Mark Oaten, target null): "brand" was no trigger
    text = (
        "Lib Dem home affairs spokesman Mark Oaten has branded the ID scheme a waste of money "
        'and "deeply flawed".'
    )
    assert found(text, nlp, state) == [("ACCUSE", "act_oaten", None)]


def test_said_they_needed_to_or_had_to_act_is_a_request(nlp, state):
    # heldout: bbc/politics (gold REQUEST Labour -> Liberal Democrats): was missed
    text = (
        "The Labour party said the Liberal Democrats needed to explain how they would pay for "
        "the plan."
    )
    assert found(text, nlp, state) == [("REQUEST", "act_labour", "act_libdem")]
    # heldout: bbc/politics (gold REQUEST Tony Blair -> states): was ASSAULT ("fight")
    text = "Mr Blair said states had to work with the US to fight global terrorism."
    assert [(t, s) for t, s, _ in found(text, nlp, state)] == [("REQUEST", "act_blair")]


def test_said_he_had_to_leave_is_no_request_of_his_own(nlp, state):
    text = "Mr Blair said he had to leave the summit early."
    assert "REQUEST" not in [t for t, _, _ in found(text, nlp, state)]


LEIGH = (
    "But Edward Leigh, who is chairman of the Commons public accounts committee, warned the "
    "government would have to work hard to ensure taxpayers would get full benefit from the "
    "Dome deal."
)


def test_the_government_of_the_one_country_an_undated_article_names(nlp, state):
    # heldout: bbc/politics (gold REQUEST Edward Leigh -> United Kingdom): target was null
    text = "The Dome was built in Britain for the millennium. " + LEIGH
    assert found(text, nlp, state) == [("REQUEST", "act_leigh", "act_gbr")]


def test_the_government_stays_null_when_the_article_names_two_countries(nlp, state):
    text = "The Dome was built in Britain and France. " + LEIGH
    assert found(text, nlp, state) == [("REQUEST", "act_leigh", None)]


def test_criticism_from_a_committee_is_the_committees_accusation(nlp, state):
    # heldout: bbc/business (gold ACCUSE House of Lords Economic Affairs Committee): missed
    text = (
        "Her remarks follow criticism from the House of Lords Economic Affairs Committee, which "
        "said the MPC had held interest rates too high given that inflation was way below the "
        "2% target."
    )
    assert [(t, s) for t, s, _ in found(text, nlp, state)] == [("ACCUSE", "act_lords")]


def test_a_withdrawal_from_a_country_is_not_that_countrys_act(nlp, state):
    text = "Mr Blair announced the withdrawal from France of the troops."
    assert all(s != "act_fra" for _, s, _ in found(text, nlp, state))


def test_granted_permission_is_a_concession_granted_money_aid(nlp, state):
    # tune: reuters (gold CONCEDE by a bankruptcy court -> Hunt brothers), was AID
    text = (
        "Earlier this month, the Hunts were granted permission by a bankruptcy court to pursue "
        "the Green Canyon project."
    )
    assert found(text, nlp, state) == [("CONCEDE", None, "act_hunts")]
    text = "The US has granted the Hunts a loan of 10 million dollars."
    assert found(text, nlp, state) == [("AID", "act_usa", "act_hunts")]


def test_questioned_how_police_will_act_is_an_accusation(nlp, state):
    # heldout: bbc/politics (gold ACCUSE Simon Hart; "police" unnamed): "question" was no
    # trigger, so a COOPERATE of the sentence before led
    text = (
        "But Simon Hart of the Countryside Alliance has questioned how police will ensure there "
        "are no violations."
    )
    assert found(text, nlp, state) == [("ACCUSE", "act_hart", None)]


def test_had_to_under_a_reporting_verb_is_a_cue_had_alone_is_not(nlp, state):
    # "has"/"had" are in most sentences that say something: only "had to" with "said" cues one
    cues = state.lexicon.trigger_cues(nlp)
    texts = pl.Series(
        "text",
        [
            "Mr Blair said Britain had to hurry.",
            "Mr Blair said Britain had hurried.",
            "Britain had to hurry, Mr Blair.",
        ],
    )
    words = pl.select(cues.words(pl.lit(texts).str.to_lowercase())).to_series()
    assert [cues.match(set(w)) for w in words] == [True, False, False]


def test_asked_a_question_is_no_request_asked_someone_to_act_is(nlp, state):
    # tune: bbc/tech/380.txt (gold no event; Jonathan Schwartz of Sun, named before) was REQUEST
    text = (
        "Mr Blair spoke in London. "
        '"Why build your own grid when you can use ours for a buck an hour?" he asked in a '
        "webcast launching the quarterly Network Computing event in California."
    )
    assert found(text, nlp, state) == []
    assert found("Mr Blair asked whether France was ready.", nlp, state) == []
    assert found("Mr Blair asked France to help.", nlp, state) == [
        ("REQUEST", "act_blair", "act_fra")
    ]


def test_resigned_after_a_leak_concedes_resigned_to_allow_elections_retreats(nlp, state):
    # spent heldout: bbc/politics/376.txt (gold CONCEDE Hugh Dalton, the guide's "resigns under
    # pressure"), was RETREAT; PLOVER RETREAT-0021 (no cause named) stays RETREAT
    text = (
        "Hugh Dalton resigned after leaking details of his 1947 budget to journalist John "
        "Carvel, who published them in a London newspaper."
    )
    assert [t for t, s, _ in found(text, nlp, state) if s == "act_dalton"] == ["CONCEDE"]
    text = "Hugh Dalton resigned over the budget leak to journalist John Carvel."
    fresh = events.EventState.empty(roles.Lexicon.load(), Gazetteer.load())  # not merged
    assert [t for t, s, _ in found(text, nlp, fresh) if s == "act_dalton"] == ["CONCEDE"]
    text = (
        "Lt. Gen. Prosper Avril resigned yesterday to allow Haiti's first democratic elections "
        "to take place."
    )
    assert "RETREAT" in [t for t, s, _ in found(text, nlp, state) if s == "act_avril"]


def test_cut_crime_is_no_sanction_cut_aid_to_a_country_is(nlp, state):
    # tune: bbc/politics/367.txt (gold no event) was SANCTION by the Tories: a sanction needs
    # the actor sanctioned (cues.json target_required_verbs)
    text = (
        "Mr Howard spoke in London. The Tories, he said, can cut crime and improve public "
        "services without asking people to pay more taxes."
    )
    assert [t for t, _, _ in found(text, nlp, state)] == []
    assert ("SANCTION", "act_usa", "act_fra") in found("The US cut aid to France.", nlp, state)


def test_a_board_that_will_meet_is_no_consultation_two_that_met_are(nlp, state):
    # spent heldout: reuters 5499 (gold no event) was CONSULT by the board: a meeting needs
    # the other party (cues.json target_required_verbs)
    text = (
        "The final decision will be left with the Labour party board, which will meet at the end "
        "of this month, Mr Blair said."
    )
    assert [t for t, _, _ in found(text, nlp, state)] == []
    assert found("Mr Blair and Mr Brown met in London.", nlp, state) == [
        ("CONSULT", "act_blair", "act_brown")
    ]


def test_welcome_to_a_place_greets_welcomed_someone_supports(nlp, state):
    # tune: bbc/politics/278.txt (gold no event) was SUPPORT by the speaker of Labour
    text = (
        'Mr Blair spoke in London. "Welcome to the unremittingly New Labour media centre," he said.'
    )
    assert found(text, nlp, state) == []
    text = "Mr Blair said he would welcome Mr Brown to the cabinet."
    assert [(t, s) for t, s, _ in found(text, nlp, state)] == [("SUPPORT", "act_blair")]


def test_charged_with_a_duty_is_no_accusation(nlp, state):
    # spent heldout: bbc/politics/123 (gold no event): "the Speaker" is Speaker Martin
    # (`titles`), and "is charged with ensuring order" was an ACCUSE by him
    text = (
        "MPs will be thrown out of the Commons if they use Blackberries in the chamber Speaker "
        "Michael Martin has ruled. The Speaker chairs debates in the Commons and is charged with "
        "ensuring order in the chamber and enforcing rules and conventions of the House."
    )
    assert [t for t, _, _ in found(text, nlp, state) if t == "ACCUSE"] == []
    # bbc/sport/079: charged with an offence (a gerund of wrongdoing) stays an accusation
    text = (
        "Kenteris, 31, and Thanou, 30, had been charged with avoiding drugs tests in Tel Aviv, "
        "Chicago and Athens."
    )
    assert [(t, o) for t, _, o in found(text, nlp, state)] == [("ACCUSE", "act_kenteris")]


def test_a_demand_in_the_second_reported_clause_is_a_request(nlp, state):
    # spent heldout2: bbc/politics/355 (gold REQUEST Vince Cable -> National Audit Office):
    # the parser hangs "the National Audit Office should judge" on the first reported clause
    text = (
        "Lib Dem spokesman Vince Cable said the public did not know who to believe and the "
        "National Audit Office should judge."
    )
    assert found(text, nlp, state) == [("REQUEST", "act_cable", "act_nao")]


def test_believes_y_should_is_a_request(nlp, state):
    # bbc/sport (the bench's 300 BBC articles): "believes Y should retract" was no REQUEST, as
    # "believe" was no reporting verb (cues.json reporting_verbs; heldout2 politics/231 "It
    # had suggested judges should reduce sentences" is the same with "suggest")
    text = (
        "Referees chief Keith Hackett believes Mourinho should retract his comments about "
        "Ferguson and Barry."
    )
    assert found(text, nlp, state) == [("REQUEST", "act_hackett", "act_mourinho")]


def test_warning_how_things_are_is_no_threat_warning_of_an_act_is(nlp, state):
    # spent heldout2: bbc/politics/349.txt (gold ACCUSE) and tune bbc/politics/324.txt (gold
    # REQUEST, Goldsmith's advice) were THREATEN: "warned (that) X was / could be Y" is a
    # pessimistic comment, advice (REQUEST) when said to someone; PLOVER THREATEN (Cairo's
    # security chief) stays a threat
    text = (
        "Liberal Democrat shadow chancellor Vince Cable warned the picture was not as rosy as "
        "Mr Brown would like to portray it."
    )
    assert "THREATEN" not in [t for t, _, _ in found(text, nlp, state)]
    text = (
        "According to Mr Sands, Lord Goldsmith had warned Tony Blair in a document on 7 March "
        "2003 that the use of force against Iraq could be illegal and that it would have been "
        "safer to seek a second UN resolution sanctioning military action."
    )
    assert ("REQUEST", "act_goldsmith", "act_blair") in found(text, nlp, state)
    assert "THREATEN" not in [t for t, _, _ in found(text, nlp, state)]
    text = (
        "Cairo's security chief has warned that police will no longer tolerate rallies by the "
        "Kifaya (``Enough'') group."
    )
    assert "THREATEN" in [t for t, _, _ in found(text, nlp, state)]


MONTH_ACTORS = [
    ("act_gm", "General Motors", "COMPANY", "USA", ["General Motors Corp"]),
    ("act_gull", "Gull Air", "COMPANY", "USA", ["Gull Air"]),
    ("act_texas", "Texas Air Corp", "COMPANY", "USA", ["Texas Air Corp"]),
    ("act_ec", "European Community", "IGO", None, ["European Community"]),
    ("act_kiel", "Kiel", "PLACE", "DEU", ["Kiel"]),
]  # fmt: skip


def test_the_month_of_march_is_no_protest():
    """Reuters-21578 (March 1987) items, newid 2372 and 3403: "in March", "in March 1986" were
    PROTESTs by General Motors and against Texas Air; the month is no march."""
    nlp = parser()
    gm = (
        "General Motors Corp said it is closing two plants for brief periods in March, placing "
        "5,500 on temporary layoff for up to two weeks."
    )
    gull = (
        "Gull Air, flying commerical routes in some 20 cities in the Northeast, Florida and the "
        "Bahamas, said it reached a feeder agreement with Texas Air Corp in March 1986."
    )
    for text in (gm, gull):
        found = found_events(text, nlp, MONTH_ACTORS, date(1987, 3, 30))
        assert "PROTEST" not in [t for t, _, _ in found], text


def test_farmers_who_marched_still_protest():
    """Reuters-21578 newid 3124: a march told with a number beside it is still a march."""
    text = (
        "About 8,000 West German farmers marched through the northern city of Kiel today in a "
        "protest against European Community (EC) agricultural policies, organisers said."
    )
    found = found_events(text, parser(), MONTH_ACTORS, date(1987, 3, 9))
    assert "PROTEST" in [t for t, _, _ in found]


def test_a_word_of_an_actors_name_names_no_event():
    """Spent heldout2 (bbc/politics/179.txt): "Alliance" of the Countryside Alliance was a
    COOPERATE by the Alliance; a word inside a named actor's mention is the name's."""
    people = [
        ("act_ca", "Countryside Alliance", "GROUP", "GBR", ["Countryside Alliance"]),
        ("act_court", "Court of Appeal", "ORG", "GBR", ["Appeal Court"]),
    ]
    text = (
        "The Countryside Alliance had its latest legal bid to block the ban thwarted on "
        "Wednesday when the Appeal Court ruled the Hunting Act was lawful."
    )
    found = found_events(text, parser(), people, date(2005, 2, 16))
    assert "COOPERATE" not in [t for t, _, _ in found]


def test_a_rise_or_news_hits_nothing_warplanes_and_gunfire_do():
    """Spent heldout2 (bbc/business/073.txt) and Reuters-21578 (Volcker, June 1987): an
    abstract cause that "hit" something was an ASSAULT; in PLOVER's record of Red Cross vehicles
    "hit by gunfire" the blow is struck by what can strike one."""
    people = [
        ("act_deu", "Germany", "COUNTRY", "DEU", ["German"]),
        ("act_volcker", "Paul Volcker", "PERSON", "USA", ["Volcker"]),
        ("act_irq", "Iraq", "COUNTRY", "IRQ", ["Baghdad"]),
        ("act_icrc", "Red Cross", "NGO", None, ["Red Cross"]),
    ]
    nlp, day = parser(), date(1987, 6, 2)
    euro = (
        "But the relentless rise in the value of the euro last year has also hit the "
        "competitiveness of German products overseas."
    )
    news = "News that Volcker would not seek a third term hit the financial markets hard."
    for text in (euro, news):
        assert "ASSAULT" not in [t for t, _, _ in found_events(text, nlp, people, day)], text
    gunfire = (
        "Red Cross officials suspended aid deliveries in Baghdad on Wednesday after two of their "
        "vehicles were hit by gunfire and a staff member went missing."
    )
    hit = next(t for t in nlp(gunfire) if t.lower_ == "hit")
    war = roles.Lexicon.load().military_strike_context
    assert not blows._figurative_hit(hit, war)  # its ASSAULT stays (PLOVER's 5 folds keep it)
    fungus = (  # Reuters-21578 newid 1535: a blight strikes no blow
        "About 2,900 hectares of rubber have been hit by the fungus which attacks the roots."
    )
    assert blows._figurative_hit(next(t for t in nlp(fungus) if t.lower_ == "hit"), war)


OPPOSITION_ACTORS = [
    ("act_tories", "Conservative Party", "PARTY", "GBR", ["Conservatives"]),
    ("act_labour", "Labour Party", "PARTY", "GBR", ["Labour Party"]),
    ("act_turner", "John Turner", "PERSON", "CAN", ["Turner"]),
    ("act_esp", "Spain", "COUNTRY", "ESP", ["Spain"]),
    ("act_prt", "Portugal", "COUNTRY", "PRT", ["Portugal"]),
    ("act_ncga", "National Corn Growers", "ORG", "USA", ["National Corn Growers"]),
]  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        # reuters 5161 (REJECT Labour Party before): a side in a poll
        "Britain's ruling Conservatives have a nine point lead over the main opposition Labour "
        "Party, their biggest in two years, according to an opinion poll published in the "
        "Sunday Times.",
        # reuters 17012 (REJECT John Turner before): his post
        "Turner, who is opposition leader in Parliament, said he will hold a news conference.",
        # heldout3 (spent): bbc/politics, gold ACCUSE by "Opposition MPs"; "opposition" was REJECT
        "Opposition MPs are also angry they will have only two days - Wednesday and next "
        "Monday - to debate the new plans before they pass to the House of Lords.",
    ],
)
def test_the_opposition_as_a_side_is_no_rejection(body, nlp):
    events = found_events(body, nlp, OPPOSITION_ACTORS, date(1987, 3, 15))
    assert "REJECT" not in [t for t, _, _ in events]


def test_opposition_to_something_stays_a_rejection(nlp):
    # reuters 3408 and 2367: what is opposed ("to the scheme"), voiced opposition
    body = (
        "A 3.6 billion dlr plan to rid the European Community of one mln tonnes of surplus "
        "butter is in doubt as Spain and Portugal refuse to drop their opposition to the "
        "scheme, diplomats said."
    )
    sources = {s for t, s, _ in found_events(body, nlp, OPPOSITION_ACTORS, date(1987, 3, 9))}
    assert {"act_esp", "act_prt"} & sources
    body = (
        "Major commodity groups, including the National Corn Growers, have voiced strong "
        "opposition to 0/92."
    )
    events = found_events(body, nlp, OPPOSITION_ACTORS, date(1987, 3, 5))
    assert ("REJECT", "act_ncga", None) in events


@pytest.mark.parametrize(
    ("body", "types"),
    [
        # reuters (a gilt issue): a loan's name (AID by the Treasury before)
        ("The issue would be designated 8-3/4 pct Treasury Loan 1997, the Bank of England "
         "said.", set()),
        # reuters (the Andean Pact): a body's name (AGREE Colombia before)
        ("The Andean Pact, formed by Colombia, Venezuela, Peru and Ecuador, said it would "
         "review the rules.", set()),
        # reuters (a product sale): a brand's name (AID before)
        ("The company sold its Ayds Appetite Supressant and Compoz Sleep Aid product lines to "
         "American Home Products.", set()),
        # reuters (the Louvre Accord): backing of a named accord stays SUPPORT
        ("Leaders of the Group of Seven nations still support the Louvre Accord to stabilise "
         "currencies.", {"SUPPORT"}),
    ],
)  # fmt: skip
def test_a_name_s_head_that_names_a_body_or_an_instrument_is_no_act(body, types, nlp):
    actors = [
        ("act_treasury", "Treasury", "ORG", "GBR", ["Treasury"]),
        ("act_boe", "Bank of England", "ORG", "GBR", ["the Bank of England"]),
        ("act_col", "Colombia", "COUNTRY", "COL", ["Colombia"]),
        ("act_ven", "Venezuela", "COUNTRY", "VEN", ["Venezuela"]),
        ("act_compoz", "Compoz Sleep", "ORG", None, ["Compoz Sleep"]),
        ("act_ahp", "American Home Products", "COMPANY", "USA", ["American Home Products"]),
        ("act_g7", "Group of Seven", "IGO", None, ["Group of Seven"]),
    ]
    assert {e[0] for e in found_events(body, nlp, actors, date(1987, 4, 2))} == types


@pytest.mark.parametrize(
    ("body", "accused"),
    [
        # newid 2696: a price charged to customers (ACCUSE by Sun before)
        ("Sun Co's Sun Refining and Marketing subsidiary said it increased the price it charges "
         "contract barge customers for heating oil in New York harbor 0.50 cent a gallon, "
         "effective today.", False),
        # newid 12126: a fee charged (ACCUSE ATT before)
        ("ATT also charges 40 dlrs per hour for on-line usage fees, with a monthly minimum of "
         "250 dlrs.", False),
        # newid 15226: an accounting charge taken (ACCUSE Showboat before)
        ("Showboat Inc will take a charge of 19 to 20 mln dlrs pretax against results for the "
         "third quarter ended March 31, director and assistant to the president J. Kell "
         "Houssels III told Reuters.", False),
        # bbc/business/445: a post taken (ACCUSE Walsh before)
        ("Mr Walsh, who took charge in 2000, and his team have earned praise for turning Aer "
         "Lingus around.", False),
        # newid 3682: a regulator's charge against a banker stays ACCUSE
        ("The Securities and Exchange Commission said it charged a managing director of Merrill "
         "Lynch, Pierce, Fenner and Smith Ltd in London with masterminding \"a massive insider "
         "trading scheme.\"", True),
        # newid 3998: a state's charge that another broke a treaty stays ACCUSE
        ("The United States charged that a Soviet nuclear test last month blew radioactive "
         "debris outside the Soviet Union in violation of a test ban treaty.", True),
    ],
)  # fmt: skip
def test_a_price_or_an_accounting_charge_is_no_accusation(body, accused, nlp):
    actors = [
        ("act_sun_co", "Sun Co", "ORG", "USA", ["Sun Co"]),
        ("act_att", "ATT", "ORG", "USA", ["ATT"]),
        ("act_showboat", "Showboat Inc", "ORG", "USA", ["Showboat Inc"]),
        ("act_houssels", "J. Kell Houssels III", "PERSON", "USA", ["J. Kell Houssels III"]),
        ("act_walsh", "Willie Walsh", "PERSON", "IRL", ["Mr Walsh"]),
        ("act_aer", "Aer Lingus", "ORG", "IRL", ["Aer Lingus"]),
        ("act_sec", "Securities and Exchange Commission", "ORG", "USA",
         ["The Securities and Exchange Commission"]),
        ("act_merrill", "Merrill Lynch", "ORG", "USA", ["Merrill Lynch"]),
        ("act_usa", "United States", "COUNTRY", "USA", ["The United States"]),
        ("act_sun", "Soviet Union", "COUNTRY", "SUN", ["Soviet Union", "Soviet"]),
    ]  # fmt: skip
    types = {e[0] for e in found_events(body, nlp, actors, date(1987, 4, 2))}
    assert ("ACCUSE" in types) is accused, types


@pytest.mark.parametrize(
    ("body", "types"),
    [
        # reuters newid 13468 (Singapore's dealers): a status granted (SUPPORT before)
        ("<Citicorp Investment Bank (Singapore) Ltd>, <Indosuez Asia (Singapore) Ltd> and "
         "<Credit Suisse First Boston Asia Ltd> will be recognised as registered dealers.",
         set()),
        # reuters (the EC farm paper): burdens acknowledged (SUPPORT the Commission before)
        ("The minister said the EC Commission's new farm trade paper will recognise the heavy "
         "financial burdens imposed by its Common Agricultural Policy.", set()),
        # PLOVER gold CONCEDE: election victories recognised stay an event
        ("Tuesday the Serbian parliament approved a ``special law'' recognizing victories by "
         "Zoran Djindjic's opposition coalition in November 17 municipal elections in 14 of the "
         "18 most important Serbian cities, including Belgrade.", None),
        # bbc/politics (Turkey's EU talks): a state recognised stays SUPPORT
        ("The deal to open formal talks with Ankara came despite an EU demand for Turkey to "
         "recognise Cyprus.", {"CONSULT", "REQUEST", "SUPPORT"}),
    ],
)  # fmt: skip
def test_recognising_supports_only_a_state_or_an_accord(body, types, nlp):
    actors = [
        ("act_citicorp", "Citicorp Investment Bank (Singapore) Ltd", "ORG", "SGP",
         ["Citicorp Investment Bank (Singapore) Ltd"]),
        ("act_commission", "European Commission", "ORG", None, ["EC Commission"]),
        ("act_eu", "European Union", "IGO", None, ["EU"]),
        ("act_tur", "Turkey", "COUNTRY", "TUR", ["Turkey", "Ankara"]),
        ("act_cyp", "Cyprus", "COUNTRY", "CYP", ["Cyprus"]),
        ("act_srb_parl", "Serbian parliament", "ORG", "SRB", ["the Serbian parliament"]),
        ("act_djindjic", "Zoran Djindjic", "PERSON", "SRB", ["Zoran Djindjic"]),
    ]  # fmt: skip
    found = {e[0] for e in found_events(body, nlp, actors, date(2005, 3, 1))}
    assert found == types if types is not None else found, found


SENSE_ACTORS = [
    ("act_jpn", "Japan", "COUNTRY", "JPN", ["Japan"]),
    ("act_zaire", "Zaire", "COUNTRY", "ZAR", ["Zaire", "Kinshasa"]),
    ("act_usa", "United States", "COUNTRY", "USA", ["the United States", "U.S."]),
    ("act_deu", "West Germany", "COUNTRY", "DEU", ["West Germany"]),
    ("act_scott", "Nicholas Scott", "PERSON", "GBR", ["Sir Nicholas"]),
    ("act_mcleish", "Alex McLeish", "PERSON", "GBR", ["McLeish"]),
    ("act_nakasone", "Yasuhiro Nakasone", "PERSON", "JPN", ["Nakasone"]),
    ("act_slutsky", "Leonard Slutsky", "PERSON", "USA", ["Slutksy"]),
    ("act_chn", "China", "COUNTRY", "CHN", ["China"]),
    ("act_ba", "British Airways", "ORG", "GBR", ["British Airways"]),
    ("act_habbel", "Wolfgang Habbel", "PERSON", "DEU", ["Habbel"]),
    ("act_eis", "Ernst Eisenmann", "PERSON", "DEU", ["Ernst Eisenmann"]),
    ("act_irq", "Iraq", "COUNTRY", "IRQ", ["Iraq"]),
    ("act_irn", "Iran", "COUNTRY", "IRN", ["Iran"]),
    ("act_rus", "Soviet Union", "COUNTRY", "SUN", ["Moscow"]),
    ("act_forsyth", "Frederick Forsyth", "PERSON", "GBR", ["Frederick Forsyth"]),
    ("act_tebbit", "Norman Tebbit", "PERSON", "GBR", ["Lord Tebbit"]),
    ("act_fox", "Liam Fox", "PERSON", "GBR", ["Dr Fox"]),
    ("act_wang", "Wang Chien-shien", "PERSON", "TWN", ["Wang Chien-shien"]),
    ("act_fra", "France", "COUNTRY", "FRA", ["France"]),
    ("act_gab", "Gabon", "COUNTRY", "GAB", ["Gabon"]),
    ("act_jam", "Jamaica", "COUNTRY", "JAM", ["jamaica"]),
    ("act_can", "Canada", "COUNTRY", "CAN", ["Canada"]),
    ("act_ongpin", "Jaime Ongpin", "PERSON", "PHL", ["Ongpin"]),
    ("act_clark", "Joe Clark", "PERSON", "CAN", ["Clark"]),
    ("act_kwt", "Kuwait", "COUNTRY", "KWT", ["Kuwait"]),
    ("act_awori", "Moody Awori", "PERSON", "KEN", ["Moody Awori"]),
    ("act_doherty", "Pete Doherty", "PERSON", "GBR", ["Doherty"]),
    ("act_fogg", "Ian Fogg", "PERSON", "GBR", ["Ian Fogg"]),
    ("act_varzi", "Mehdi Varzi", "PERSON", "GBR", ["Mehdi Varzi"]),
    ("act_taketomi", "Susumu Taketomi", "PERSON", "JPN", ["Susumu Taketomi"]),
    ("act_wallace", "Jim Wallace", "PERSON", "GBR", ["Mr Wallace"]),
    ("act_duncan", "Marvin Duncan", "PERSON", "USA", ["Marvin Duncan"]),
    ("act_german", "Michael German", "PERSON", "USA", ["Michael German"]),
    ("act_dot", "Department of Transportation", "ORG", "USA", ["DOT"]),
    ("act_commission", "European Commission", "ORG", None, ["The Commission"]),
    ("act_egy", "Egypt", "COUNTRY", "EGY", ["Egypt"]),
    ("act_sun", "Soviet Union", "COUNTRY", "SUN", ["Soviet Union"]),
    ("act_bsaa", "Bangkok Shipowners and Agents Association", "ORG", "THA",
     ["Bangkok Shipowners and Agents Association"]),
    ("act_mutu", "Adrian Mutu", "PERSON", "ROU", ["Mutu"]),
    ("act_gardner", "Simon Gardner", "PERSON", "GBR", ["Mr Gardner"]),
    ("act_getty", "Don Getty", "PERSON", "CAN", ["Don Getty"]),
]  # fmt: skip

# (sentence, type, whether its events hold the type): the senses of this module's rules
SENSE_CASES = [
    # reuters newid 20061: economists sharing a view (AGREE by "economists" before)
    (
        "Economists generally agreed that there will be no major changes in Japan's economic "
        "policies under a new leader.",
        "AGREE",
        False,
    ),
    # reuters newid 6395: sources sharing a view (AGREE before)
    (
        "Diplomatic and banking sources in Kinshasa agreed that a compromise formula could be "
        "reached in the coming weeks enabling pro-Western Zaire to obtain a much needed "
        "injection of cash.",
        "AGREE",
        False,
    ),
    # reuters newid 5176: states agreeing stay AGREE
    (
        "On February 22, the United States, Japan, West Germany, France, Britain and Canada "
        "agreed that major currencies were within ranges broadly reflecting underlying "
        "economic conditions.",
        "AGREE",
        True,
    ),
    # reuters newid 1557: ministers agreeing a scheme stay AGREE
    (
        'The ministers agreed that under this "extensification" scheme, farmers would '
        "qualify for compensation if they cut output of specific products by at least 20 "
        "pct.",
        "AGREE",
        True,
    ),
    # bbc/politics/183.txt: an admission reported (CONCEDE by Nicholas Scott before)
    (
        "Sir Nicholas admitted he misled MPs when he denied his department had been involved "
        "in wrecking tactics designed to kill the Disability Bill in 1994.",
        "CONCEDE",
        False,
    ),
    # events heldout3, bbc/sport/263.txt (gold: no event): a manager's admission
    (
        "McLeish admitted his team's defending was amateurish after watching them lose 2-0 to "
        "Guy Roux's French side.",
        "CONCEDE",
        False,
    ),
    # reuters newid 4670: (CONCEDE by Nakasone before)
    (
        "Nakasone admitted the tax was a major factor in an upper house by-election defeat "
        "for his party on Sunday.",
        "CONCEDE",
        False,
    ),
    # reuters newid 1770: an act admitted in a guilty plea stays
    ("The 41-year-old Slutksy admitted accepting 165,000 dlrs in bribes.", "CONCEDE", True),
    # reuters newid 925: a state let in stays
    (
        "Should quickly discard its prejudice against favourable tariff treatment for "
        "Chinese goods and admit China into the Generalised System of Preference (GSP).",
        "CONCEDE",
        True,
    ),
    # bbc/business/004.txt: a cause blamed (ACCUSE by British Airways before)
    ("British Airways has blamed high fuel prices for a 40% drop in profits.", "ACCUSE", False),
    # reuters newid 6481: a decline blamed on disruptions (ACCUSE by Habbel before)
    (
        "Habbel blamed the profit decline on disruptions to output caused by the introduction "
        "of the new Audi 80 model, on currency factors and on negative publicity in the U.S.",
        "ACCUSE",
        False,
    ),
    # reuters newid 14864: a failure blamed on the employers (generic) stays
    (
        "IG-Metall official Ernst Eisenmann, speaking last night, blamed the failure of the "
        "negotiations on the employers.",
        "ACCUSE",
        True,
    ),
    # reuters newid 21002: a state blamed stays
    (
        "Iraq blames Iran for the outbreak of hostilities, which have entailed World War "
        "I-style infantry attacks resulting in horrific casualties.",
        "ACCUSE",
        True,
    ),
    # reuters newid 4046: blamed on a state's refusal stays
    (
        "Moscow blamed the end of the freeze on U.S. Refusal to join a total test ban.",
        "ACCUSE",
        True,
    ),
    # bbc/politics/290.txt: a reader sharing a columnist's view (AGREE before)
    ("I agree with Frederick Forsyth.", "AGREE", False),
    # bbc/politics/296.txt: a peer sharing a view (AGREE Tebbit -> Fox before)
    (
        "Tory peer Lord Tebbit said he agreed with Dr Fox's view, and said the case should be "
        "looked at on its merits.",
        "AGREE",
        False,
    ),
    # reuters newid 8597: a minister sharing remarks (AGREE before)
    (
        "Vice Economic Minister Wang Chien-shien agreed with Wang's remarks and said efforts to "
        "avert U.S. Protectionism were running out of time.",
        "AGREE",
        False,
    ),
    # reuters newid 16544, 5318: a need or a report agreed with is a view shared (AGREE before)
    (
        "Takahashi of Mitsubishi Research also agreed with the need for the government to float "
        "more bonds to raise funds needed for economic expansion.",
        "AGREE",
        False,
    ),
    ("French economists, including Cheval at Indosuez, agreed with the report.", "AGREE", False),
    # reuters newid 19266: an act agreed with a state stays
    (
        "A French Finance Ministry statement issued the same time as the Paris Club statement, "
        "said France had formally agreed with Gabon to reschedule bilateral unpaid debt "
        "amounting to about 440 mln francs.",
        "AGREE",
        True,
    ),
    # reuters newid 4010: a rescheduling agreed with creditors stays
    (
        "yesterday jamaica agreed with creditor banks to reschedule over the next 12 years some "
        "181 miln dlrs due in 1987-89.",
        "AGREE",
        True,
    ),
    # reuters newid 9673: silence (REJECT by Canada before)
    ("Canada declined to state a position.", "REJECT", False),
    # reuters newid 5186: details withheld (REJECT by Ongpin before)
    (
        "Ongpin declined to disclose details of the banks' new offer and bankers also declined "
        "to be specific ahead of their next meeting with Ongpin on Monday.",
        "REJECT",
        False,
    ),
    # reuters newid 8029: silence (REJECT by Clark before)
    ("Clark declined to forecast the outcome of the discussions.", "REJECT", False),
    # reuters newid 13320: an offer declined stays
    (
        "Kuwait had earlier declined an offer of U.S. Naval escorts as too public an admission "
        "of its need for protection, they said.",
        "REJECT",
        True,
    ),
    # bbc/tech/300: an analyst named with his title shares a view (AGREE before)
    (
        "Ian Fogg, broadband and personal technology analyst at Jupiter Research, agreed that the "
        "Mac mini could be very popular.",
        "AGREE",
        False,
    ),
    # reuters newid 19588: an analyst agreeing with the view just quoted (AGREE before)
    (
        "Mehdi Varzi, analyst with stockbroker Kleinwort Grieveson in London, agreed.",
        "AGREE",
        False,
    ),
    # reuters newid 4165 (AGREE before)
    ("Industrial Bank of Japan Ltd senior economist Susumu Taketomi agreed.", "AGREE", False),
    # bbc/politics/047.txt, reuters newids 177, 17416: a side agreeing nothing shares the view
    # just reported (AGREE before)
    (
        "Mr Wallace agreed and said the figures had to be looked at in context.",
        "AGREE",
        False,
    ),
    (
        "The other Republican member of the three-man FCA board, Marvin Duncan, agreed.",
        "AGREE",
        False,
    ),
    (
        'Michael German of AGA agreed and said, "Nevertheless, outlet for several hundred billion '
        'cubic feet of gas a year is significant in a glutted market."',
        "AGREE",
        False,
    ),
    # bbc/sport/201.txt, bbc/tech/309.txt (random_audit31: no event, tuned on), reuters newid
    # 4156: the view shared told after a colon, a quote or a saying verb (AGREE before)
    ('And Mutu agreed, adding: "It is unfair.', "AGREE", False),
    (
        'Mr Gardner agreed: "We can thrown more polygons around and have better AI but if it '
        "doesn't make for a better game then that's not very useful.\"",
        "AGREE",
        False,
    ),
    ('Alberta Premier Don Getty agreed, "Things are running pretty quickly now."', "AGREE", False),
    # reuters newid 12650 (change_audit35: an accord, lost at 876d7f4; tuned on): words quoted
    # in what was agreed are no view told after a colon
    (
        "In an interview with Reuters, Eyskens also made clear he believed the countries "
        "involved in the accord - the U.S., Japan, West Germany, France, Britain and Canada - "
        'had agreed "tentative" fluctuation ranges for exchange rates.',
        "AGREE",
        True,
    ),
    # bbc/business/149.txt: a view refused (a negated AGREE before)
    ("The segment's leaders do not agree.", "AGREE", False),
    # reuters newid 7011 (the tune half's gold AGREE): a pact parsed as the subject of
    # "agreed" is no side agreeing alone
    (
        "The pact, agreed last year, calls on Japan to stop selling cut-price chips in world "
        "markets and to increase its imports of American chips to reduce some of its huge trade "
        "surplus.",
        "AGREE",
        True,
    ),
    # reuters newid 3992: a body's own plan proposed is no agreement (AGREE DOT before)
    (
        "The DOT first proposed the immunity plan in late January and said it might be granted "
        "for a total of 13 airports.",
        "AGREE",
        False,
    ),
    # reuters newid 19591 (AGREE Commission before)
    (
        "The Commission has proposed radical changes in the way the member countries contribute "
        "to the budget, suggesting payments should be linked to economic output instead of tax "
        "revenue.",
        "AGREE",
        False,
    ),
    # reuters newid 5180: a proposal to another party stays
    (
        "One official said Egypt would propose a new exchange rate for trade with the Soviet "
        "Union.",
        "AGREE",
        True,
    ),
    # bbc/tech/297: a product's appeal to a public (REQUEST before)
    (
        "The Mac mini will appeal to PC users looking for an attractive, 'no fuss' computer.",
        "REQUEST",
        False,
    ),
    # bbc/entertainment/276: a plea to act stays
    ("Doherty appealed to fans to calm down, saying:", "REQUEST", True),
    # reuters newid 11271: a plea to a government stays
    (
        "The Bangkok Shipowners and Agents Association has appealed to the government to scrap "
        "the purchase plan.",
        "REQUEST",
        True,
    ),
    # PLOVER gold REJECT: a post declined stays
    (
        "Vice-President Moody Awori has declined to resign despite growing pressure by the Kenya "
        "Anti-Corruption Commision.",
        "REJECT",
        True,
    ),
]


@pytest.mark.parametrize(("body", "event_type", "present"), SENSE_CASES)
def test_a_sense_rule_keeps_or_drops_the_type(body, event_type, present, nlp):
    """An admission reported, a cause blamed, a view shared, a fall or a silence name no event
    of the lexicon's type; a thing or an act admitted, someone blamed, an act agreed, an offer
    declined keep it."""
    types = event_types(body, nlp, SENSE_ACTORS, date(1987, 3, 20))
    assert (event_type in types) is present, types


def test_a_chance_seized_coerces_no_one_an_innocence_protested_rejects(nlp, state):
    # bbc/politics (random_audit38 item 126, tuned on): a COERCE of the Tories before
    text = (
        "Labour has already branded the proposal unworkable but party strategists have seen "
        "the Tories seizing a poll advantage over the issue."
    )
    assert [e for e in found(text, nlp, state) if e[0] == "COERCE"] == []
    # bbc/sport (random_audit38 item 46's phrase): a PROTEST before; it denies the charge
    text = (
        "But Kenteris has continually protested his innocence - and on Sunday blamed Greek "
        "Olympic Committee officials and his former coach Christos Tzekos for failing to inform "
        "him."
    )
    assert ("REJECT", "act_kenteris", None) in found(text, nlp, state)
    assert [e for e in found(text, nlp, state) if e[0] == "PROTEST"] == []
