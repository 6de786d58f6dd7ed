"""Routine business told in the words of events (issue 20, `newsflow.business`): press
conferences, shareholders' meetings and unreturned calls name no event; a deal whose object
is a purchase, sale, merger, licence, contract or credit facility is an event only with a
state on a side.

Real Reuters sentences (reuters21578.jsonl.gz, newid given; none in a labelled events set),
through the real events stage; mentions are alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsflow import state_triggers
from newsflow.roles import RoleMention
from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_pantera", "Pantera's Corp", "ORG", None, ["Pantera's Corp"]),
    ("act_pizza", "Pizza Inn Inc", "ORG", None, ["Pizza Inn Inc"]),
    ("act_montauk", "First Montauk Securities Corp", "ORG", None, ["First Montauk Securities Corp"]),
    ("act_mcc", "MCC-Presidential Inc.", "ORG", None, ["MCC-Presidential Inc."]),
    ("act_nashua", "Nashua Corp", "ORG", None, ["Nashua Corp"]),
    ("act_vanderbilt", "Vanderbilt Gold Corp", "ORG", None, ["Vanderbilt Gold Corp"]),
    ("act_spicer", "Michael Spicer", "PERSON", None, ["Spicer"]),
    ("act_boston", "First Boston Corp.", "ORG", None, ["First Boston Inc"]),
    ("act_sun", "Soviet Union", "COUNTRY", "SUN", ["Soviet Union"]),
    ("act_grc", "Greece", "COUNTRY", "GRC", ["Greece"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["Britain"]),
    ("act_funaro", "Dilson Funaro", "PERSON", "BRA", ["Funaro"]),
    ("act_opec", "OPEC", "ORG", None, ["OPEC"]),
    ("act_hogan", "Hogan Systems Inc", "ORG", None, ["Hogan Systems Inc"]),
    ("act_amro", "Amsterdam Rotterdam Bank N.V.", "ORG", None, ["Amsterdam Rotterdam Bank"]),
    ("act_irf", "Inter-Regional Financial", "ORG", None, ["Inter-Regional Financial"]),
    ("act_niyazov", "Saparmurat Niyazov", "PERSON", "TKM", ["Saparmurat Niyazov"]),
    ("act_chn", "China", "COUNTRY", "CHN", ["China"]),
]  # fmt: skip
PUBLISHED = date(1987, 3, 20)


@pytest.mark.parametrize(
    "body",
    [
        # newid 1153: a firm's takeover "agreed" (AGREE Pantera's -> Pizza Inn before)
        "Pantera's Corp said it agreed in principle to acquire Pizza Inn Inc in a cash and "
        "stock transaction.",
        # newid 16583: a merger agreement of two firms
        "First Montauk Securities Corp said it has reached a preliminary merger agreement with "
        "MCC-Presidential Inc.",
        # newid 9033: a letter of intent to buy a firm (sign -> letter -> of -> intent -> purchase)
        "Nashua Corp said it signed a letter of intent to purchase <Lin Data Corp>, a private "
        "manufacturer of high-capacity rigid discs for storage of computer information.",
        # newid 2892: a software contract signed with a bank (AGREE Hogan -> the bank before)
        "Hogan Systems Inc said it signed a software contract with Amsterdam Rotterdam Bank N.V.",
        # newid 18632: a credit facility agreed with banks (AGREE before)
        "Separately, Inter-Regional Financial said it completed an agreement with a group of "
        "banks for a new two-year 30 mln dlr revolving credit facility.",
    ],
)
def test_a_firm_s_deal_to_buy_or_merge_makes_no_event(body, nlp):
    # regression, issue 20 trigger audit: each made an AGREE judged wrong (routine business)
    assert found_events(body, nlp, ACTORS, PUBLISHED) == []


@pytest.mark.parametrize(
    "body",
    [
        # newid 9840: a firm's supply agreement (AGREE K mart before)
        "K mart Corp said it signed an agreement to supply merchandise for Entertainment "
        "Marketing Inc's home shopping subsidiary, Consumer Discount Network.",
        # newid 1386: a research agreement of two firms (AGREE Photon -> M-L before)
        "Photon Technology International Inc said it entered an agreement in principle with ML "
        "Technology Ventures L.P. to undertake a research and development project.",
        # newid 9870: two technology agreements of a firm (AGREE Commodore before)
        "Commodore International Corp said it entered into two agreements to provide Amiga "
        "computer graphics technology to the coin-operated amusement industry.",
        # newid 19247: a firm withdrawing from a market (RETREAT Lloyds Bank before)
        "Lloyds Bank Plc said it is withdrawing from market making in Eurobonds and U.K. "
        "Government bonds (gilts).",
        # newid 18585: a firm withdrawing a takeover offer (RETREAT before)
        "Service Resources Corp said it has withdrawn and terminated its 23 dlr per share "
        "takeover offer to Sorg Inc because Sorg failed to respond to the bid.",
        # bbc/business/040.txt (random_audit31: routine business; tuned on): a kit sponsorship
        "In January, Umbro announced its sponsorship agreement with Chelsea, which gave Umbro the "
        "lucrative right to make replica shirts, would end in 2006, five years earlier than "
        "expected.",
    ],
)
def test_a_deal_between_firms_makes_no_event(body, nlp):
    # the events guide: routine business, "joint-venture and takeover talks between companies"
    actors = ACTORS + [
        ("act_kmart", "K mart Corp", "ORG", "USA", ["K mart Corp"]),
        ("act_em", "Entertainment Marketing Inc", "ORG", "USA", ["Entertainment Marketing Inc"]),
        ("act_photon", "Photon Technology International Inc", "ORG", None,
         ["Photon Technology International Inc"]),
        ("act_mltv", "ML Technology Ventures L.P.", "ORG", None, ["ML Technology Ventures L.P."]),
        ("act_commodore", "Commodore International Corp", "ORG", None,
         ["Commodore International Corp"]),
        ("act_lloyds", "Lloyds Bank Plc", "ORG", "GBR", ["Lloyds Bank Plc"]),
        ("act_src", "Service Resources Corp", "ORG", "USA", ["Service Resources Corp"]),
        ("act_sorg", "Sorg Inc", "ORG", "USA", ["Sorg Inc", "Sorg"]),
        ("act_umbro", "Umbro", "ORG", None, ["Umbro"]),
        ("act_chelsea", "Chelsea", "ORG", None, ["Chelsea"]),
    ]  # fmt: skip
    assert found_events(body, nlp, actors, PUBLISHED) == []


def test_a_loan_agreed_between_firms_makes_no_event_a_state_s_stays(nlp):
    # Reuters (random_audit38 item 3, tuned on): a bank agreeing to lend part of a credit line
    # (AGREE Wells Fargo before); a loan agreed needs a state on a side, as a loan given does
    actors = ACTORS + [
        ("act_wells", "Wells Fargo", "ORG", None, ["Wells Fargo"]),
        ("act_wb", "World Bank", "ORG", None, ["World Bank"]),
        ("act_bra", "Brazil", "COUNTRY", "BRA", ["Brazil"]),
    ]
    body = (
        "Wells Fargo has agreed to lend up to 250 mln dlrs of the line itself and form a "
        "syndicate of banks to provide the rest, the partnership said."
    )
    assert found_events(body, nlp, actors, PUBLISHED) == []
    body = "The World Bank agreed to lend Brazil 500 mln dlrs."
    assert found_events(body, nlp, actors, PUBLISHED) == [("AGREE", "act_wb", "act_bra")]


def test_a_firm_s_agreement_with_a_state_stays(nlp):
    # newid 8693: a firm's agreement with a government stays AGREE (the state is its target)
    body = (
        "Walt Disney Co said it has signed a definitive agreement with the French government to "
        "build and operate Euro Disneyland on 5,000 acres at Marne-la-Vallee, a new town 20 "
        "miles east of Paris."
    )
    actors = ACTORS + [
        ("act_disney", "Walt Disney Co", "ORG", "USA", ["Walt Disney Co"]),
        ("act_fra", "France", "COUNTRY", "FRA", ["French"]),
    ]
    assert ("AGREE", "act_disney", "act_fra") in found_events(body, nlp, actors, PUBLISHED)


@pytest.mark.parametrize(
    "body",
    [
        # newid 11063: a company's special meeting of shareholders (CONSULT before)
        "Vanderbilt Gold Corp said shareholders at a special meeting approved its "
        "reincorporation in Delaware, an increase in authorized common to 25 mln shares.",
        # newid 7803: a speaker at a press conference (CONSULT Spicer before)
        '"We expect at least a five pct increase and it may exceed that, reaching at least the '
        'peak levels of 1985," Spicer said at a press conference.',
        # newid 740, its first clause (the rest tells Brazil's suspension of payments): a
        # minister talking to reporters (CONSULT Funaro -> reporters before)
        "Talking to reporters, Funaro said this attitude would not help resolve the crisis.",
        # newid 17873: a reporter's unreturned call (REQUEST First Boston before)
        "Executives of First Boston Inc, Harcourt's financial adviser, did not return a "
        "telephone call seeking comment.",
    ],
)
def test_press_conferences_company_meetings_and_unreturned_calls_make_no_event(body, nlp):
    assert found_events(body, nlp, ACTORS, PUBLISHED) == []


SPEECH_ACTORS = [
    ("act_mittal", "Lakshmi Mittal", "PERSON", "GBR", ["Mr Mittal"]),
    ("act_treybig", "James Treybig", "PERSON", "USA", ["James Treybig"]),
    ("act_dee", "Jack Dee", "PERSON", "GBR", ["Jack Dee"]),
    ("act_fry", "Stephen Fry", "PERSON", "GBR", ["Stephen Fry"]),
    ("act_gtm", "Guatemala", "COUNTRY", "GTM", ["Guatemala", "Guatemalan"]),
    ("act_balladur", "Edouard Balladur", "PERSON", "FRA", ["Edouard Balladur"]),
    ("act_opec", "OPEC", "ORG", None, ["Organization of Petroleum Exporting Countries", "OPEC"]),
    ("act_prescott", "John Prescott", "PERSON", "GBR", ["John Prescott"]),
]  # fmt: skip
# (sentence, its CONSULT events): a gathering only spoken to and a show hosted consult no one
# (random audits: "speech boast to conference", "market quote at a conference", no event)
SPEECH_CASES = [
    (  # bbc/business/027 (CONSULT Mittal before)
        '"We are investing in modernisation so employees will go down," Mr Mittal told the '
        "conference in Chicago.",
        [],
    ),
    (  # reuters 2357 (CONSULT Treybig before)
        '"We feel we will continue to see higher growth in the quarter," James Treybig, '
        "president and and chief executive officer, told a meeting of securities analysts.",
        [],
    ),
    (  # bbc/entertainment/034 (CONSULT Jack Dee before)
        "The awards, which were hosted by Jack Dee, are to be screened on ITV London on Tuesday "
        "at 2300 GMT.",
        [],
    ),
    (  # bbc/entertainment/038 (CONSULT Stephen Fry before)
        "Hosted by Stephen Fry, the glittering ceremony will be broadcast on BBC One at 2010 GMT.",
        [],
    ),
    (  # reuters 11372: a meeting of producers hosted stays
        "Guatemala will host a meeting of other milds coffee producers probably in May to "
        "discuss basic export quotas, the Guatemalan delegate to the International Coffee "
        "Organization, ICO, said.",
        [("CONSULT", "act_gtm", None)],
    ),
    (  # reuters 17359: a meeting where something was done stays
        "The current benchmark price of 18 dlrs a barrel was established by the Organization "
        "of Petroleum Exporting Countries (OPEC) at its December meeting when the cartel set a "
        "15.8 mln barrel per day production ceiling.",
        [("CONSULT", "act_opec", None)],
    ),
    (  # bbc/politics/218: a dinner hosted, where two leaders met, stays
        "And that at a dinner hosted by Deputy Prime Minister John Prescott he told Mr Brown of "
        "his intention to stand down.",
        [("CONSULT", "act_prescott", None)],
    ),
    (  # reuters 21277: the host of the G7's Louvre meeting stays
        "French Finance Minister Edouard Balladur, who hosted the Louvre meeting, was the only "
        "one of the G7 Finance Ministers to respond directly to Baker's remarks.",
        [("CONSULT", "act_balladur", None)],
    ),
]


@pytest.mark.parametrize(("body", "expected"), SPEECH_CASES)
def test_a_gathering_spoken_to_or_a_show_hosted_consults_no_one(body, expected, nlp):
    found = found_events(body, nlp, SPEECH_ACTORS, PUBLISHED)
    assert [e for e in found if e[0] == "CONSULT"] == expected


@pytest.mark.parametrize(
    "body",
    [
        # newid 3489: officials (a state side, so "decline" passed `state_triggers`)
        "Ministry officials declined to say when they would give formal approval, but said "
        "they were working on the issue.",
        # newid 5290
        "The official refused to comment, however, on whether the agreement included a secret "
        "pact to consider further coordinated interest rate cuts -- a measure industrial "
        "nations have taken jointly several times.",
        # newid 4691
        "The official, who declined to be identified, told Reuters Sandoz had made a "
        "substantial addition to reserves to cope with the consequences of the accident at "
        "Schweizerhalle.",
        # newid 6882: a stance withheld (REJECT once the department counted as a state's
        # body: change_audit24)
        "Agriculture Department officials have declined to take any official position on the "
        "issue.",
    ],
)
def test_a_declined_comment_makes_no_event(body, nlp):
    # the events guide: "declined to comment", "refused to confirm" are no events
    assert found_events(body, nlp, ACTORS, PUBLISHED) == []


def test_a_state_s_refusal_to_act_stays_a_reject(nlp):
    # newid 19509: "refused to" an act is a REJECT by the guide
    body = (
        "Norway's North Sea neighbour Britain has consistently refused to cooperate with OPEC "
        "output cuts saying it is up to the producing oil companies to set the levels of "
        "production."
    )
    assert ("REJECT", "act_gbr", "act_opec") in found_events(body, nlp, ACTORS, PUBLISHED)


def test_a_state_s_purchase_under_a_deal_stays_an_agree(nlp):
    # newid 13507: the Soviet Union buying a joint venture's output is a state's commitment
    body = (
        "Greece and the Soviet Union have reached agreement in Moscow on a joint venture for a "
        "450 mln dlr alumina plant in Greece, government spokesman Yannis Roubatis said. "
        "Roubatis told reporters the Soviet Union agreed to buy the plant's entire annual "
        "output of 600,000 tonnes of alumina."
    )
    assert ("AGREE", "act_sun", None) in found_events(body, nlp, ACTORS, PUBLISHED)


def test_a_contract_a_state_signs_stays_an_agree(nlp):
    # bbc/business/378 (the spent heldout2 half, gold AGREE): Turkmenistan's gas contract
    body = (
        "Turkmen President Saparmurat Niyazov, who signed the contract, said the Turkmen side "
        "agreed to lower the price demanded by $2 per 1,000 cubic metres, bringing it down to "
        "$58."
    )
    assert "AGREE" in {e[0] for e in found_events(body, nlp, ACTORS, PUBLISHED)}
    # newid 4041: the contracts alone name the AGREE here, so a state must keep it
    body = (
        "China has signed 36 oil contracts and agreements with 37 companies from 10 countries "
        "since 1979, when offshore exploration was open to foreigners."
    )
    assert "AGREE" in {e[0] for e in found_events(body, nlp, ACTORS, PUBLISHED)}


def test_a_deal_about_sales_that_lifts_an_embargo_stays_an_agree(nlp):
    # PLOVER-GSR01-AGREE-0028 (plover_gsr.jsonl, CC BY-SA): the sales are what the embargo
    # lifted is about, not the deal's object, so no state is needed (the harness gives the
    # Congress no country)
    body = (
        "The US Congress agreed to lift embargoes on pharmaceutical sales in late February to "
        "Iran, Libya, North Korea, Sudan, and with strings attached, Cuba."
    )
    actors = [("act_congress", "US Congress", "ORG", None, ["The US Congress"])]
    assert ("AGREE", "act_congress", None) in found_events(body, nlp, actors, PUBLISHED)


@pytest.mark.parametrize(
    ("body", "published"),
    [
        # newid 4616 (REQUEST Miyazawa -> United States at b49ed55; the asker is a reporter)
        (
            "Asked to comment on remarks by some U.S. Officials calling for a further decline of "
            "the dollar, Miyazawa said only the U.S. President and the U.S. Treasury Secretary "
            "can make official statements about exchange rates.",
            date(1987, 3, 27),
        ),
        # newid 12145 (ACCUSE by Chirac at b49ed55, "questioned" as a charge)
        (
            "Questioned about his plan to help the world's poorest countries, Chirac said he "
            "did not envisage any large-scale debt write-offs.",
            date(1987, 4, 9),
        ),
    ],
)
def test_a_reporter_s_question_makes_no_event(body, published, nlp):
    actors = [
        ("act_miyazawa", "Kiichi Miyazawa", "PERSON", "JPN", ["Miyazawa"]),
        ("act_usa", "United States", "COUNTRY", "USA", ["U.S."]),
        ("act_chirac", "Jacques Chirac", "PERSON", "FRA", ["Chirac"]),
    ]  # fmt: skip
    types = {t for t, _, _ in found_events(body, nlp, actors, published)}
    assert not types & {"REQUEST", "ACCUSE"}


def test_a_question_pressed_by_a_committee_stays_a_request(nlp):
    # newid 10239: the asker is named (not the press)
    body = (
        "Pressed by the committee, GAO Senior Associate Director Brian Crowley said government "
        "spending probably was about 450 mln dlrs above what it would have been had all program "
        "payments been made in cash."
    )
    actors = [
        ("act_crowley", "Brian Crowley", "PERSON", "USA", ["Brian Crowley"]),
        ("act_senag", "Senate Agriculture Committee", "ORG", "USA", ["the committee"]),
    ]  # fmt: skip
    events = found_events(body, nlp, actors, date(1987, 4, 1))
    assert ("REQUEST", "act_senag", "act_crowley") in events


def test_a_firm_s_name_is_read_past_reuters_angle_brackets(nlp):
    # newid 1034 (a joint venture of two firms): extraction's name keeps the closing bracket
    doc = nlp(
        "<Beryllium International Corp> said it has signed a joint venture agreement with "
        "Cominco American Inc, a unit of Cominco Ltd <CLT>, to develop a beryllium mine."
    )
    span = frozenset(range(1, 5))  # "Beryllium International Corp >"
    assert [doc[i].text for i in sorted(span)][-2:] == ["Corp", ">"]
    assert state_triggers.is_firm(RoleMention("m1", "act_beryllium", "act_beryllium", span), doc)


def test_people_of_a_firm_agreeing_stay_an_agree(nlp):
    # heldout2 (spent): bbc/business/425 (gold AGREE, source "12 senior executives"). Generic
    # firms make a deal between firms (`state_triggers.FIRM_NOUNS`: "the two Japanese
    # companies will collaborate" is none); a firm's people are no firm.
    body = (
        "The company also said 12 senior executives - none of whom were involved directly in "
        "the accounting of the revised figures - have voluntarily agreed to repay to bonuses "
        "awarded in 2003 totalling $8.6m."
    )
    assert found_events(body, nlp, ACTORS, PUBLISHED) == [("AGREE", None, None)]
