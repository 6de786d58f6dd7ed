"""Stock phrases of wire copy that use an event word for no event (issue 20,
`newsflow.stock_phrases`): a source's anonymity, market demand, loan-loss bookkeeping, a
central bank's money-market help, a figure explained or reduced, a document's provision, an
executive leaving a company post, a security or a tender called, a central bank's market
operation; and what stays an event beside each (a demand of an actor, supplies reduced, a
resignation under pressure, central banks agreeing to activate swaps, support given to a man).

Real Reuters sentences (reuters21578.jsonl.gz, newid given; none among either trigger
audit's judged events or in a labelled events set; newid 15103 lies in the first audit's
bundle, newid % 10 == 3), and one PLOVER record, through the real events stage; mentions are
alias matches of the actors listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_lyng", "Richard Lyng", "PERSON", "USA", ["Richard Lyng"]),
    ("act_jpn", "Japan", "COUNTRY", "JPN", ["Japanese"]),
    ("act_boe", "Bank of England", "ORG", "GBR", ["Bank"]),
    ("act_republic", "Republic New York Corp", "ORG", None, ["Republic New York Corp"]),
    ("act_morgan", "J.P. Morgan", "ORG", None, ["Morgan"]),
    ("act_li", "Li Ka-shing", "PERSON", None, ["Li"]),
    ("act_takeshita", "Noboru Takeshita", "PERSON", "JPN", ["Takeshita"]),
    ("act_jpn2", "Japan", "COUNTRY", "JPN", ["Japan"]),
    ("act_un", "United Nations", "ORG", None, ["The United Nations"]),
    ("act_khm", "Cambodia", "COUNTRY", "KHM", ["Cambodian"]),
    ("act_friedman", "Friedman", "PERSON", None, ["Friedman"]),
    ("act_cdu", "Christian Democrats", "ORG", "ITA", ["Christian Democrats"]),
    ("act_craxi", "Bettino Craxi", "PERSON", "ITA", ["Craxi"]),
    ("act_anderson", "James Anderson", "PERSON", None, ["James Anderson"]),
    ("act_cooper", "Thomas A. Cooper", "PERSON", None, ["Thomas A. Cooper"]),
    ("act_bell", "Charlie Bell", "PERSON", "AUS", ["Mr Bell"]),
    ("act_ocr", "OCR", "ORG", None, ["OCR"]),
    ("act_idn", "Indonesia", "COUNTRY", "IDN", ["Indonesia"]),
    ("act_deu", "West Germany", "COUNTRY", "DEU", ["West german"]),
    ("act_bol", "Bolivia", "COUNTRY", "BOL", ["Bolivia"]),
]  # fmt: skip
PUBLISHED = date(1987, 3, 20)


@pytest.mark.parametrize(
    "body",
    [
        # newid 856: an aide's anonymity (REQUEST before)
        "An aide to Agriculture Secretary Richard Lyng who asked not to be identified said "
        "there was nothing to substantiate the speculation.",
        # newid 6396: Japan's domestic demand (REQUEST Japan before)
        "The government also expects the budget to meet pressure from trading partners for an "
        "expansion of Japanese domestic demand, they said.",
        # newid 1008: the Bank of England's money-market operations (AID the Bank before)
        "This brings the Bank's total help so far today to 461 mln stg and compares with its "
        "revised shortage forecast of 450 mln stg.",
        # newid 4251: an executive leaves his company posts (RETREAT before)
        "Friedman has resigned as president, chief executive officer and a director.",
        # newid 18844: an appointment told, the one replaced resigned (RETREAT before)
        "Pacific First Financial Corp said president Jerry Pohlman was appointed chairman and "
        "chief executive officer, replacing James Anderson who resigned.",
        # newid 18819: a post at a firm named by its form (RETREAT before)
        "ISFA Corp said Thomas A. Cooper, who recently resigned as president of BankAmerica "
        "Corp, has been named chairman and chief executive officer of ISFA.",
        # bbc/business/452.txt: resigned to fight an illness (RETREAT Bell before)
        "Mr Bell was diagnosed with colorectal cancer in May last year, a month after taking "
        "over the top job. He resigned in November to fight the illness.",
        # newid 12405 (random_audit31 judged it no event; tuned on): a sum lent told as a
        # figure (AID before)
        "Ordinary capital resources (OCR) lending to Indonesia was 3.6 billion dlrs, 27.1 pct "
        "of OCR loans at end-December 1986.",
    ],
)
def test_wire_stock_phrases_make_no_event(body, nlp):
    assert found_events(body, nlp, ACTORS, PUBLISHED) == []


@pytest.mark.parametrize(
    "body",
    [
        # newid 18559 (AID Republic New York before)
        "Republic New York Corp said it would add 100 mln dlrs to its allowances for loan "
        "losses specifically related to its loan exposure to Latin American customers.",
        # newid 15103 (AID Morgan before)
        "On the positive side, Morgan reduced its provision for loan losses to 35 mln dlrs "
        "from 70 mln a year earlier.",
    ],
)
def test_loan_losses_are_no_loan(body, nlp):
    # "loan" modifies the losses, the exposure or the provision reported
    assert all(event[0] != "AID" for event in found_events(body, nlp, ACTORS, PUBLISHED))


@pytest.mark.parametrize(
    ("body", "asked"),
    [
        # newid 6977: a country's market for cameras (REQUEST South Korea before)
        ("South Korean camera demand rose to 700,000 in 1986 from 640,000 in 1985.", False),
        # newid 3030: demand expected to be strong (REQUEST Cavaney before)
        ("Cavaney said, however, he expects demand this year to be strong, spurred by consumer "
         "spending.", False),
        # newid 1911: investors' buying (REQUEST Japan before)
        ("One trader said that although demand from Japanese investors is heavy, it may prove "
         "to be only short-term.", False),
        # bbc/business/252, bbc/entertainment/321: demand met is a market's (REQUEST by BT and
        # by the UK before, once "meet" no longer made a CONSULT of them)
        ("To meet the growing demand for greater bandwidth, BT said it would begin trials in "
         "April with a view to launching higher-speed services nationally from the autumn.",
         False),
        ('A slew of great new British artists have met UK music fans\' demand for great music," '
         "said BPI chairman Peter Jameson.", False),
        # newid 17216: a leader's demand of another stays a REQUEST
        ("Japanese officials have said Nakasone's main demand when he arrives for talks with "
         "Reagan on Wednesday would be the immediate lifting of the tariffs.", True),
        # bbc/business/003: a repayment demanded by banks stays a REQUEST (the sixteenth
        # change audit found it lost to the "from" buyers)
        ("Rosneft already faces a similar $540m repayment demand from foreign banks.", True),
        # newid 16709: a demand for arbitration stays a REQUEST
        ("Forber and Platel Inc said it filed a demand for arbitration against Medi-Rx America "
         "Inc that seeks damages of more than five mln dlrs.", True),
    ],
)  # fmt: skip
def test_market_demand_is_no_one_s_demand(body, asked, nlp):
    actors = [
        ("act_kor", "South Korea", "COUNTRY", "KOR", ["South Korean"]),
        ("act_cavaney", "Red Cavaney", "PERSON", "USA", ["Cavaney"]),
        ("act_jpn", "Japan", "COUNTRY", "JPN", ["Japanese"]),
        ("act_nakasone", "Yasuhiro Nakasone", "PERSON", "JPN", ["Nakasone"]),
        ("act_reagan", "Ronald Reagan", "PERSON", "USA", ["Reagan"]),
        ("act_forber", "Forber and Platel Inc", "ORG", "USA", ["Forber and Platel Inc"]),
        ("act_medirx", "Medi-Rx America Inc", "ORG", "USA", ["Medi-Rx America Inc"]),
        ("act_rosneft", "Rosneft", "ORG", "RUS", ["Rosneft"]),
        ("act_bt", "British Telecom", "ORG", "GBR", ["BT"]),
        ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["UK"]),
    ]
    types = {event[0] for event in found_events(body, nlp, actors, PUBLISHED)}
    assert ("REQUEST" in types) is asked, types


def test_a_party_s_demand_stays_a_request(nlp):
    # newid 219: a demand made of actors is no market quantity
    body = (
        "The conservative Christian Democrats demanded the meeting after Craxi said a pact "
        "agreed during a government crisis last August was unlikely to be fulfilled."
    )
    assert ("REQUEST", "act_cdu", None) in found_events(body, nlp, ACTORS, PUBLISHED)


def test_an_executive_resigning_under_pressure_stays_a_concede(nlp):
    # newid 4251 with a cause added (neither corpus has a company post resigned "over" or
    # "after" something): the guide's resignation under pressure is CONCEDE (`senses`), which
    # the stock phrase must not take
    body = "Friedman has resigned as chief executive over the losses."
    assert found_events(body, nlp, ACTORS, PUBLISHED) == [("CONCEDE", "act_friedman", None)]


def test_a_figure_explained_is_no_accusation(nlp):
    # newid 390: "attributed the surge in 1986 earnings to ..." (ACCUSE Li before); the seeds'
    # "Islamabad attributes these attacks to ..." stays an ACCUSE (test_events_seeds)
    body = (
        "Li attributed the surge in 1986 earnings to a buoyant local property market and "
        "substantial increases in contributions from associated companies."
    )
    assert found_events(body, nlp, ACTORS, PUBLISHED) == []


def test_a_trade_surplus_reduced_is_no_sanction(nlp):
    # newid 20061: the theme is a figure ("figures" in themes.json, tried before the "trade"
    # that modifies it); SANCTION before
    body = (
        "Takeshita has so far failed to unveil specific measures to reduce Japan's huge trade "
        "surplus, economists said."
    )
    assert all(event[0] != "SANCTION" for event in found_events(body, nlp, ACTORS, PUBLISHED))


def test_supplies_reduced_stay_a_sanction(nlp):
    # PLOVER-GSR01-SANCTION-0008 (plover_gsr.jsonl, CC BY-SA)
    body = (
        "The United Nations on Tuesday reduced food supplies to the biggest Cambodian refugee "
        "camp in Thailand."
    )
    assert ("SANCTION", "act_un", "act_khm") in found_events(body, nlp, ACTORS, PUBLISHED)


@pytest.mark.parametrize(
    "body",
    [
        # newid 1558 (REQUEST -> Argo before)
        "National Fuel Gas said the plan calls for Argo's existing secured debt to be "
        "refinanced in an 8,875,000 dlr refinancing note.",
        # newid 17634: the relative pronoun stands for the plan (REQUEST by the House before)
        "The Senate plan would allocate about seven billion dlrs a year for defence, a proposal "
        "not in the House plan which calls for 1988 defence spending levels nearly eight "
        "billion dlrs under the Senate plan.",
        # newid 20732: a for-to clause ("calls for TRW to perform"), the for hung on "perform"
        "The contract calls for TRW to perform studies of other international airport "
        "security systems on behalf of Kansai, the company said.",
        # BBC bbc/business/036.txt: a law's section (REQUEST before)
        "Section 404 of the Sox Act, as the legislation is nicknamed, calls for all firms to "
        "certify that their financial reporting is in line with US rules.",
    ],
)
def test_a_document_s_provision_is_no_request(body, nlp):
    actors = [
        ("act_argo", "Argo", "ORG", None, ["Argo"]),
        ("act_house", "House of Representatives", "ORG", "USA", ["House"]),
        ("act_senate", "Senate", "ORG", "USA", ["Senate"]),
        ("act_trw", "TRW Inc", "ORG", "USA", ["TRW"]),
        ("act_usa", "United States", "COUNTRY", "USA", ["US"]),
    ]
    assert all(event[0] != "REQUEST" for event in found_events(body, nlp, actors, PUBLISHED))


@pytest.mark.parametrize(
    "body",
    [
        # newid 1402: debentures called for redemption (REQUEST by Borden before)
        "Borden Inc called for redemption on March 23 of all its outstanding 8-1/2 pct sinking "
        "fund debentures, due 2004.",
        # newid 2760: a buying tender (REQUEST by India before)
        "India has called a fresh buying tender for up to four 13,000 tonne cargoes of white "
        "sugar on March 11, traders here said.",
        # newid 3957: a call option is a contract (REQUEST by Alcoa before)
        "Trade sources have said Alcoa is long call options equal to 30,000 to 50,000 tonnes "
        "of aluminum due to mature in April and May.",
    ],
)
def test_a_security_or_tender_called_is_no_request(body, nlp):
    actors = [
        ("act_borden", "Borden Inc", "ORG", "USA", ["Borden Inc"]),
        ("act_ind", "India", "COUNTRY", "IND", ["India"]),
        ("act_alcoa", "Alcoa", "ORG", "USA", ["Alcoa"]),
    ]
    assert found_events(body, nlp, actors, PUBLISHED) == []


@pytest.mark.parametrize(
    ("body", "aid"),
    [
        # newid 9293 (AID by Saudi Arabia before): a policy's share in a price's weakness
        (
            "British Prime Minister Margaret Thatcher denied in an interview published in Saudi "
            "Arabia today that her government's oil policy contributed to weakness in world oil "
            "prices.",
            False,
        ),
        # newid 21379: a unit's share of its parent's earnings (AID by the association before)
        (
            "California Federal Savings and Loan Association contributed net earnings of 44.5 "
            "mln dlrs for the third quarter of 1987 compared with 43.4 mln for the third "
            "quarter of 1986.",
            False,
        ),
        # newid 1985: lenders' money to a rescue package stays AID
        (
            "The World Bank, African Development Bank, European Community, Canada, Belgium, "
            "West Germany, Britain, Sweden, Italy and Denmark had contributed to the package.",
            True,
        ),
    ],
)
def test_a_share_of_a_figure_is_no_aid(body, aid, nlp):
    actors = [
        ("act_thatcher", "Margaret Thatcher", "PERSON", "GBR", ["Margaret Thatcher"]),
        ("act_sau", "Saudi Arabia", "COUNTRY", "SAU", ["Saudi Arabia"]),
        ("act_calfed", "California Federal Savings and Loan Association", "ORG", "USA",
         ["California Federal Savings and Loan Association"]),
        ("act_wb", "World Bank", "ORG", None, ["The World Bank"]),
        ("act_can", "Canada", "COUNTRY", "CAN", ["Canada"]),
    ]  # fmt: skip
    types = {event[0] for event in found_events(body, nlp, actors, PUBLISHED)}
    assert ("AID" in types) is aid, types


@pytest.mark.parametrize(
    ("body", "asked"),
    [
        # newid 4952: a firm seeking to buy another (REQUEST by Interconnect before)
        (
            "<Interconnect Capital> said it seeks to acquire Gates Learjet Corp on friendly terms.",
            False,
        ),
        # newid 6908: a standstill on seeking control (REQUEST by Echlin before)
        (
            "Echlin has agreed to limits on buying additional Champion shares and its ability "
            "to seek control of Champion during the next seven years, Champion said.",
            False,
        ),
        # newid 14909: a state seeking to buy plants asks nobody for anything (a try to buy)
        (
            "Nippon Steel Corp <NSTC.T> denied local newspaper reports that China has been "
            "seeking to buy steel plants from Japanese firms which plan to suspend output under "
            "the recently announced rationalisation program.",
            False,
        ),
        # a state seeking a loan from another body asks for it
        (
            "Yugoslavia is seeking a loan of 600 mln ECUs from the European Community for "
            "transport system modernisation, Deputy Finance Minister Boris Skapin said.",
            True,
        ),
        # newid 4665: a minister asking to block a sale stays a request
        (
            "Commerce Secretary Malcolm Baldrige has asked the White House to consider blocking "
            "the sale of <Fairchild Semiconductor Corp> to Japan's Fujitsu Ltd <ITSU.T>.",
            True,
        ),
    ],
)
def test_a_firm_seeking_to_buy_another_is_no_request(body, asked, nlp):
    actors = [
        ("act_interconnect", "Interconnect Capital", "ORG", None, ["Interconnect Capital"]),
        ("act_learjet", "Gates Learjet Corp", "ORG", "USA", ["Gates Learjet Corp"]),
        ("act_echlin", "Echlin", "ORG", "USA", ["Echlin"]),
        ("act_champion", "Champion", "ORG", "USA", ["Champion"]),
        ("act_nippon", "Nippon Steel Corp", "ORG", "JPN", ["Nippon Steel Corp"]),
        ("act_chn", "China", "COUNTRY", "CHN", ["China"]),
        ("act_jpn", "Japan", "COUNTRY", "JPN", ["Japanese"]),
        ("act_baldrige", "Malcolm Baldrige", "PERSON", "USA", ["Malcolm Baldrige"]),
        ("act_whitehouse", "White House", "ORG", "USA", ["White House"]),
        ("act_yug", "Yugoslavia", "COUNTRY", "YUG", ["Yugoslavia"]),
        ("act_ec", "European Community", "ORG", None, ["European Community"]),
    ]
    types = {event[0] for event in found_events(body, nlp, actors, PUBLISHED)}
    assert ("REQUEST" in types) is asked, types


@pytest.mark.parametrize(
    ("body", "agreed"),
    [
        # newid 14849: a repurchase tender (AGREE by the Bundesbank once it was curated)
        ("The Bundesbank accepted bids for 6.1 billion marks at today's tender for a 28-day "
         "securities repurchase pact at a fixed rate of 3.80 pct, a central bank spokesman "
         "said.", False),
        # newid 1701: Treasury bills offered at a weekly tender (AGREE by the Bank of France)
        ("The Bank of France said it will offer 7.5 billion francs' worth of negotiable Treasury "
         "bills at its next public weekly tender on March 9.", False),
        # newid 15384: liquidity offered to the money market (AGREE by the Bundesbank)
        ("But German dealers noted that the Bundesbank kept the 3.80 pct rate unchanged at "
         "which it offered liquidity to the money market this week.", False),
        # newid 15163: Treasury notes the Fed offers to buy (AGREE Fed -> Treasury at d99254d)
        ("The Federal Reserve entered the U.S. Government securities market and offered to buy "
         "all maturities of Treasury notes and bonds, a Fed spokesman said.", False),
        # newid 3435: government securities a central bank offers to buy (AGREE at d99254d)
        ("The Reserve Bank said at 1230 local time it was offering to buy short-dated government "
         "securities in the short-term money market.", False),
        # newid 11203: central banks agreeing to activate swap agreements stays an AGREE
        ("But the first official said: \"From a technical viewpoint, the Bank of Japan could "
         "activate swap agreements immediately after other central banks involved agreed to do "
         "so.\"", True),
    ],
)  # fmt: skip
def test_a_central_bank_s_market_operation_is_no_agreement(body, agreed, nlp):
    actors = [
        ("act_bundesbank", "Bundesbank", "ORG", "DEU", ["Bundesbank"]),
        ("act_bdf", "Bank of France", "ORG", "FRA", ["Bank of France"]),
        ("act_boj", "Bank of Japan", "ORG", "JPN", ["Bank of Japan"]),
        ("act_fed", "Federal Reserve", "ORG", "USA", ["Federal Reserve"]),
        ("act_treasury", "U.S. Treasury", "ORG", "USA", ["Treasury"]),
        ("act_rba", "Reserve Bank of Australia", "ORG", "AUS", ["Reserve Bank"]),
    ]
    types = {event[0] for event in found_events(body, nlp, actors, PUBLISHED)}
    assert ("AGREE" in types) is agreed, types


@pytest.mark.parametrize(
    ("body", "backed"),
    [
        # newid 14273: a market's support (SUPPORT by the exporters before)
        ("Further, recently active producer selling subsided, while exporters provided "
         "underlying support in flaxseed and crushers bought rapeseed, they said.", False),
        # bbc/tech/097: support in kind to an appeal (SUPPORT by BT before)
        ("Telco BT stepped in to take over the secure payments on the DEC site and provided "
         "extra logistical support for phone and online appeals after it was initially "
         "crippled with online donations.", False),
        # bbc/politics: backing given to a man stays SUPPORT
        ("In a separate development, Robin Cook gave his support to Mr Brown's prime "
         "ministerial ambitions.", True),
        # reuters (the dollar's day): support lent to no one (SUPPORT by the Senate before)
        ("Some dealers said Senate testimony from Fed Chairman Paul Volcker also lent "
         "support.", False),
        # bbc/politics/031 (murder law): support found for an idea (SUPPORT by the commission)
        ("The commission found support for the idea of grading murders so that the sentence "
         "reflected the seriousness of the offence.", False),
        # reuters (a British poll): a poll's share (SUPPORT Harris -> the Conservatives before)
        ("The Harris poll published in the Observer newspaper gave the Conservatives the "
         "support of 42 pct of those questioned, Labour 31 pct.", False),
        # bbc/politics: support lent to a government stays SUPPORT
        ("He said the Liberals could keep out Labour in three ways: lend ad hoc support to his "
         "minority government, help draw up the government's programme, or have up to three "
         "Cabinet members in a coalition with the Conservatives.", True),
    ],
)  # fmt: skip
def test_support_provided_is_no_backing(body, backed, nlp):
    actors = [
        ("act_senate", "Senate", "ORG", "USA", ["Senate"]),
        ("act_lawcom", "Law Commission", "ORG", "GBR", ["The commission"]),
        ("act_harris", "Harris", "ORG", "GBR", ["Harris"]),
        ("act_tories", "Conservative Party", "PARTY", "GBR", ["Conservatives"]),
        ("act_liberals", "Liberal Party", "PARTY", "GBR", ["Liberals"]),
        ("act_bt", "Telco BT", "ORG", "GBR", ["Telco BT"]),
        ("act_dec", "Disasters Emergency Committee", "ORG", "GBR", ["DEC"]),
        ("act_cook", "Robin Cook", "PERSON", "GBR", ["Robin Cook"]),
        ("act_brown", "Gordon Brown", "PERSON", "GBR", ["Mr Brown"]),
    ]
    types = {event[0] for event in found_events(body, nlp, actors, PUBLISHED)}
    assert ("SUPPORT" in types) is backed, types


@pytest.mark.parametrize(
    ("body", "backed"),
    [
        # newid 13322: a central bank holding up a currency (SUPPORT the Bank of Japan before)
        ("The Bank of Japan intervened in early aftenoon trading to support the dollar against "
         "active selling by institutional investors and speculative selling by overseas "
         "operators, dealers said.", False),
        # newid 1306: a producer holding up prices (SUPPORT Saudi Arabia before)
        ("Crude oil prices rallied today, moving over 17.00 dlrs a barrel because of Saudi "
         "Arabia's determined effort to support prices, analysts said.", False),
        # newid 13843: a chart's support level (SUPPORT by "Chart" before)
        ("Chart support was cited at 97-23/32 on a day-trading basis and at 97-3/32 on a "
         "longer-term basis.", False),
        # newid 20550: a state's farm support prices (SUPPORT Argentina before)
        ("Argentina's agriculture secretariat set new support prices for grains and oilseeds, "
         "an official statement said.", False),
        # newid 17198: a state backed by another stays SUPPORT
        ("Canada, strongly supported by Australia, has championed the cause of both developed "
         "and developing nations which have seen their farm trade suffer largely due to a farm "
         "subsidy war.", True),
    ],
)  # fmt: skip
def test_a_market_held_up_is_no_backing(body, backed, nlp):
    actors = [
        ("act_boj", "Bank of Japan", "ORG", "JPN", ["The Bank of Japan"]),
        ("act_sau", "Saudi Arabia", "COUNTRY", "SAU", ["Saudi Arabia"]),
        ("act_chart", "Chart", "ORG", None, ["Chart"]),  # as extraction made it
        ("act_can", "Canada", "COUNTRY", "CAN", ["Canada"]),
        ("act_aus", "Australia", "COUNTRY", "AUS", ["Australia"]),
        ("act_arg", "Argentina", "COUNTRY", "ARG", ["Argentina"]),
    ]
    types = {event[0] for event in found_events(body, nlp, actors, PUBLISHED)}
    assert ("SUPPORT" in types) is backed, types


def test_what_change_audit35_judged_events_stays(nlp):
    # reuters newids 8503, 16225, 9617, 3847, 19759: a state's aid told as a sum, a request to
    # supply data, an opposition to and a call for a marketing loan, and an accord on financing
    # were dropped by rules of this session before change_audit35 judged them events (tuned on)
    def types(body: str) -> set[str]:
        return {e[0] for e in found_events(body, nlp, ACTORS + LATER, PUBLISHED)}

    assert "AID" in types("West german aid to Bolivia last year totalled 50 mln marks.")
    assert "REQUEST" in types(
        "He told Reuters by telephone that importers Liptons and Brooke Bond had been asked to "
        "supply data to the authority and a hearing would be held."
    )
    assert "REJECT" in types(
        "USDA secretary Richard Lyng, however, continues to maintain his opposition to a "
        "marketing loan, saying such a move would be too costly."
    )
    # newid 3847's Dole, no country in the registry as in the warehouse (Lyng above has one,
    # so his REJECT stood here even with "marketing" a commerce word; Dole's call did not)
    assert "REQUEST" in types(
        "Dole, who last year pledged to offer legislation to require a marketing loan for major "
        "crops but never did so, again called for the marketing loan for wheat and feedgrains."
    )
    assert "AGREE" in types(
        "Mediobanca said in a statement that the financing was part of an accord reached last "
        "March between Italy and Algeria which agreed 300 mln dlrs of financing for Italian "
        "exports to Algeria."
    )


LATER = [
    ("act_lipton", "Liptons", "ORG", "GBR", ["Liptons"]),
    ("act_ita", "Italy", "COUNTRY", "ITA", ["Italy"]),
    ("act_dza", "Algeria", "COUNTRY", "DZA", ["Algeria"]),
    ("act_dole", "Robert Dole", "PERSON", None, ["Dole"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "left"),
    [
        # newid 5067: a firm's president leaves for another firm (RETREAT Fusco before)
        ("Iomega Corp said its president, Gabriel Fusco, resigned as president to become "
         "chairman and chief executive officer of <Sequoia Systems>.", False),
        # newid 18881: a firm reports its president's resignation (RETREAT Stiska before)
        ("Triton Group Ltd said John Stiska has resigned as its president.", False),
        # bbc/business/435: a firm's board left (RETREAT the Oatleys before)
        ("Robert Oatley and his son Sandy Oatley have both resigned from Southcorp's board "
         "following the share deal.", False),
        # bbc/politics/293: a seat in a parliament stays RETREAT
        ("He has no mandate to represent the area and should resign from the European "
         "Parliament.", True),
        # newid 12961: a government's resignation stays RETREAT
        ("Finnish Social Democrat Prime Minister Kalevi Sorsa and his centre-left majority "
         "government resigned formally, clearing the way for the Conservatives to re-enter "
         "government after 21 years in opposition.", True),
        # newid 8571: board members of a firm resign (RETREAT, no actor, before)
        ("In addition, Avalon said three other directors resigned.", False),
        ("Avalon Corp said that <Deltec Panamerica SA> has arranged to sell its 23 pct stake in "
         "Avalon and that Deltec's three representatives on Avalon's board had resigned.", False),
        # newid 16345: a firm, named with its legal form among others, reports its president's going
        ("Woodward and Lothrop Inc said president David Mullen resigned, and will be replaced "
         "by Tom Roach effective April 20, 1987.", False),
        # newid 18720: the company title said of him in apposition
        ("Commonwealth Savings and Loan Association said Michael McCarthy, its president and "
         "chief operating officer, resigned.", False),
        # newid 20662 and bbc/business/393: personal reasons
        ('Romo Leroux resigned last week for "personal and family" reasons, the spokesman said.',
         False),
        ("The clothing and home furnishing retailer said Ms Mohd-Saaid had resigned for personal "
         "reasons.", False),
        # newid 6633: a company title, but under pressure: the guide's CONCEDE stays
        ("Financial director Rolf Selowsky resigned last week after news of the currency fraud, "
         "an executive has been fired and several others are suspended.", True),
        # bbc/business/326: a firm's people, but after a scandal (a clause): CONCEDE stays
        ("The two most senior executives at US mortgage giant Fannie Mae have resigned after "
         "accounting irregularities were uncovered at the company.", True),
        # newid 6471: a firm's executive, on allegations: CONCEDE stays
        ("Another senior Morgan Grenfell executive, Geoffrey Collier, resigned late last year "
         "on allegations of trading on insider information.", True),
        # newid 3590: a title said of him aside ("who was NSC director") is no company post
        ("Poindexter, who was NSC director and North's boss, resigned the same day.", True),
        # newid 7461: a minister's resignation stays (PLOVER's RETREAT)
        ("Ecuador's Minister for Industry and Trade resigned today, but denied he was responding "
         "to recent protests against a new austerity program that went into effect after a "
         "devastating earthquake.", True),
    ],
)  # fmt: skip
def test_a_firm_s_post_or_people_or_personal_reasons_resigning_yield_nothing(body, left, nlp):
    """A company post left, a firm's people or a cause of one's own: no event; a public post
    left stays the lexicon's RETREAT, one left under pressure the guide's CONCEDE."""
    actors = [
        ("act_iomega", "Iomega Corp", "ORG", "USA", ["Iomega Corp"]),
        ("act_fusco", "Gabriel Fusco", "PERSON", "USA", ["Gabriel Fusco"]),
        ("act_triton", "Triton Group Ltd", "ORG", "USA", ["Triton Group Ltd"]),
        ("act_stiska", "John Stiska", "PERSON", "USA", ["John Stiska"]),
        ("act_roatley", "Robert Oatley", "PERSON", "AUS", ["Robert Oatley"]),
        ("act_southcorp", "Southcorp", "ORG", "AUS", ["Southcorp"]),
        ("act_ep", "European Parliament", "ORG", None, ["the European Parliament"]),
        ("act_sorsa", "Kalevi Sorsa", "PERSON", "FIN", ["Kalevi Sorsa"]),
        ("act_avalon", "Avalon Corp", "ORG", "USA", ["Avalon Corp", "Avalon"]),
        ("act_deltec", "Deltec", "ORG", None, ["Deltec Panamerica SA", "Deltec"]),
        ("act_woodward", "Woodward and Lothrop Inc", "ORG", "USA", ["Woodward and Lothrop Inc"]),
        ("act_mullen", "David Mullen", "PERSON", "USA", ["David Mullen"]),
        ("act_romo", "Romo Leroux", "PERSON", "ECU", ["Romo Leroux"]),
        ("act_saaid", "Mohd-Saaid", "PERSON", None, ["Ms Mohd-Saaid"]),
        ("act_selowsky", "Rolf Selowsky", "PERSON", "DEU", ["Rolf Selowsky"]),
        ("act_ecu", "Ecuador", "COUNTRY", "ECU", ["Ecuador"]),
        ("act_fannie", "Fannie Mae", "ORG", "USA", ["Fannie Mae"]),
        ("act_collier", "Geoffrey Collier", "PERSON", "GBR", ["Geoffrey Collier"]),
        ("act_poindexter", "John Poindexter", "PERSON", "USA", ["Poindexter"]),
        ("act_mccarthy", "Michael McCarthy", "PERSON", "USA", ["Michael McCarthy"]),
    ]
    types = {event[0] for event in found_events(body, nlp, actors, PUBLISHED)}
    assert bool(types & {"RETREAT", "CONCEDE"}) is left, types


@pytest.mark.parametrize(
    "body",
    [
        # bbc/tech/098.txt (REQUEST by the UK before)
        "Britain's first mobile phone call was made across the Vodafone network on 1 January "
        "1985 by veteran comedian Ernie Wise.",
        # bbc/entertainment/375.txt (REQUEST Schaffel -> Kite before)
        "Ms Kite said she received a phone call on 13 February 2003 from a Jackson associate, "
        "Marc Schaffel, who said the boy and his family had left the Neverland ranch where they "
        "had been staying.",
        # newid 15267 (REQUEST by Virgin Islands Telephone before)
        "Virgin Islands Telephone, which operates telephone systems in the U.S. Virgin Islands, "
        "handles about 1.5 mln local calls per week and one mln long-distance calls per month, "
        "the company said.",
    ],
)
def test_a_telephone_call_is_no_request(body, nlp):
    actors = [
        ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["Britain"]),
        ("act_vodafone", "Vodafone", "ORG", "GBR", ["Vodafone"]),
        ("act_kite", "Ann Kite", "PERSON", "USA", ["Ms Kite"]),
        ("act_schaffel", "Marc Schaffel", "PERSON", "USA", ["Marc Schaffel"]),
        ("act_vitelco", "Virgin Islands Telephone", "ORG", "USA", ["Virgin Islands Telephone"]),
    ]
    assert [e for e in found_events(body, nlp, actors, PUBLISHED) if e[0] == "REQUEST"] == []


def test_a_ministry_s_call_to_act_stays_a_request(nlp):
    # newid 5850: a call with an owner and an act asked for
    body = (
        "MITI's call to Japanese chip makers last month to cut production of key memory chips in "
        "the first quarter of this year has begun to dry up the source of cheap chips for sale in "
        "the non-regulated grey market, Honda said."
    )
    actors = [("act_miti", "Ministry of International Trade and Industry", "ORG", "JPN", ["MITI"])]
    requests = [e for e in found_events(body, nlp, actors, PUBLISHED) if e[0] == "REQUEST"]
    assert [s for _, s, _ in requests] == ["act_miti"]
