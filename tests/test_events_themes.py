"""What a transfer verb moves decides its type (issue 20, `newsflow.themes`: "release",
"deploy", "withdraw", "give", "send", "seek"), an object
entry of a verb outranks its particle entry ("set up roadblocks"), and an act told aside in a
relative clause does not lead its sentence (`reports._aside`).

Real sentences of the events tune and spent held-out halves (bench/labels/events/) and of the
PLOVER gold records, through the real events stage; mentions are alias matches of the actors
listed here.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from newsflow import events, roles, schema
from newsflow.settings import Settings
from tests.event_frames import article_events, article_frames, event_types, fresh_state

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_tories", "Conservative Party", "PARTY", "GBR", ["The Conservative Party"]),
    ("act_annan", "Kofi Annan", "PERSON", None, ["Kofi Annan"]),
    ("act_irq", "Iraq", "COUNTRY", "IRQ", ["Iraq"]),
    ("act_syr", "Syria", "COUNTRY", "SYR", ["Syria"]),
    ("act_lbn", "Lebanon", "COUNTRY", "LBN", ["Lebanon"]),
    ("act_lby", "Libya", "COUNTRY", "LBY", ["Libya"]),
    ("act_usa", "United States", "COUNTRY", "USA", ["US"]),
    ("act_straw", "Jack Straw", "PERSON", "GBR", ["Mr Straw"]),
    ("act_eu", "European Union", "IGO", None, ["EU"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["Britain"]),
    ("act_ec", "European Community", "IGO", None, ["The European Community"]),
    ("act_rocco", "Nikki Rocco", "PERSON", "USA", ["Nikki Rocco"]),
    ("act_universal", "Universal", "ORG", "USA", ["Universal"]),
    ("act_ray", "Ray", "PERSON", None, ["Ray"]),
    ("act_psp", "PSP", "ORG", None, ["PSP"]),
    ("act_wakaoji", "Nobuyuki Wakaoji", "PERSON", "JPN", ["Nobuyuki Wakaoji"]),
    ("act_benigno", "Teodoro Benigno", "PERSON", "PHL", ["Teodoro Benigno"]),
    ("act_civ", "Ivory Coast", "COUNTRY", "CIV", ["Ivory Coast"]),
    ("act_fra", "France", "COUNTRY", "FRA", ["French"]),
    ("act_zmb", "Zambia", "COUNTRY", "ZMB", ["Copperbelt"]),
    ("act_gm", "General Motors", "COMPANY", "USA", ["GM"]),
    ("act_fiat", "Fiat", "COMPANY", "ITA", ["Fiat"]),
    ("act_doe", "Department of Energy", "ORG", "USA", ["The Department of Energy"]),
    ("act_mys", "Malaysia", "COUNTRY", "MYS", ["Malaysia"]),
    ("act_tyndall", "John Tyndall", "PERSON", "GBR", ["Mr Tyndall"]),
    ("act_nintendo", "Nintendo", "COMPANY", "JPN", ["Nintendo"]),
    ("act_fon", "Bryn Fôn", "PERSON", "GBR", ["Fôn"]),
    ("act_irn", "Iran", "COUNTRY", "IRN", ["Iran"]),
    ("act_ssb", "State Statistics Bureau", "ORG", "CHN", ["State Statistics Bureau"]),
    ("act_dza", "Algeria", "COUNTRY", "DZA", ["Algeria"]),
    ("act_labour", "Labour Party", "PARTY", "GBR", ["Labour Party"]),
    ("act_blair", "Tony Blair", "PERSON", "GBR", ["Blair"]),
    ("act_brown", "Gordon Brown", "PERSON", "GBR", ["Brown"]),
    ("act_solomon", "Solomon", "PERSON", None, ["Solomon"]),  # as extraction made it
]  # fmt: skip


def found(body: str, nlp) -> list[tuple]:
    """(type, mode, source, target) of every event the events stage finds in one `body`."""
    frame = article_events(body, nlp, fresh_state(), ACTORS, date(2005, 3, 1))
    cols = ("event_type", "mode", "source_actor_id", "target_actor_id")
    return sorted(frame.select(*cols).rows(), key=str)


def test_withdrawing_a_whip_or_inspectors_is_a_sanction_troops_a_retreat(nlp):
    # spent heldout2: bbc/politics/410.txt (gold SANCTION, the guide's "a party withdrawing an
    # MP's whip") was RETREAT; PLOVER THREATEN (Annan will withdraw inspectors: CAMEO 166)
    # was a planned RETREAT, which PLOVER codes AGREE; withdrawn troops stay a RETREAT
    text = "The Conservative Party had already been withdrawn the whip for a month."
    assert [t for t, *_ in found(text, nlp)] == ["SANCTION"]
    text = (
        "U.N. Secretary-General Kofi Annan announced on Monday that he will withdraw weapons "
        "inspectors and humanitarian workers from Iraq."
    )
    assert [(t, roles.plover_type(t, m)) for t, m, *_ in found(text, nlp)] == [
        ("SANCTION", "THREATEN")
    ]
    text = (
        "Syria says it is willing to withdraw its troops from neighboring Lebanon, after "
        "fifteen years of effective military occupation."
    )
    assert [t for t, *_ in found(text, nlp)] == ["RETREAT"]


def test_withdrawing_assets_is_business_no_retreat(nlp):
    # spent heldout: bbc/business/301.txt was a RETREAT by Libya from the US
    text = (
        "Libya has withdrawn $1bn in assets from the US, assets which had previously been "
        "frozen for almost 20 years, the Libyan central bank has said."
    )
    assert "RETREAT" not in [t for t, *_ in found(text, nlp)]


def test_giving_money_is_aid_giving_a_bad_name_or_legal_force_is_none(nlp):
    # tune bbc/politics/136.txt (gold REJECT) and spent heldout bbc/politics/160.txt (gold
    # ACCUSE) were AID; PLOVER AID (the EC gave the Ivory Coast dollars of aid) stays AID
    text = (
        "Human rights groups say the code of conduct is not legally binding - but Mr Straw said "
        "it would be given legal force by the laws of many EU countries."
    )
    assert "AID" not in [t for t, *_ in found(text, nlp)]
    text = '"I think it is giving Britain a bad name internationally".'
    assert "AID" not in [t for t, *_ in found(text, nlp)]
    text = (
        "The European Community on Monday gave the Ivory Coast 5.1 million dollars of aid for "
        "agricultural development projects."
    )
    assert ("AID", "asserted", "act_ec", "act_civ") in found(text, nlp)


def test_exchanging_views_is_a_consultation(nlp):
    # tune reuters 20348 (gold CONSULT France) was COOPERATE
    text = (
        "But they added that French ministry officials were continuing the contacts to "
        "exchange views on market performance."
    )
    assert [t for t, *_ in found(text, nlp)] == ["CONSULT"]


def test_cutting_a_holding_is_no_sanction(nlp):
    # spent heldout: bbc/business/359.txt was a SANCTION by Fiat against GM ("cut aid to" stays
    # one: test_events_senses)
    text = (
        "However, GM argues that a Fiat share sale made last year, which cut GM's holding to "
        "10%, together with asset sales made by Fiat have terminated the agreement."
    )
    assert "SANCTION" not in [t for t, *_ in found(text, nlp)]


# What "release" and "deploy" move decides their type (`themes.json`): (text, type, whether the
# sentence has it)
RELEASE_DEPLOY = [
    # spent heldout3: reuters 7611 and tune bbc/business/147.txt (no gold event) were CONCEDE;
    # the parse hangs "growth figures" as the subject of the clause after "released"
    (
        "The Department of Energy earlier this week released a report that warned of rising "
        "U.S. reliance on foreign oil imports at a time when domestic production is declining.",
        "CONCEDE",
        False,
    ),
    (
        "Also on Tuesday, the central bank released growth figures showing Malaysia's economy "
        "expanded 7.1% in 2004.",
        "CONCEDE",
        False,
    ),
    # reuters 5220: figures a participle says were released (CONCEDE by the bureau before)
    (
        "China's trade deficit totalled 700 mln dlrs in the first two months of this year, "
        "according to figures released by the State Statistics Bureau.",
        "CONCEDE",
        False,
    ),
    # spent heldout3: bbc/politics/085.txt (gold COERCE and CONCEDE): a person released yields
    (
        "A BNP spokesperson said Mr Tyndall, from Brighton, was arrested following a speech he "
        "made in Burnley, Lancashire, and was released on police bail.",
        "CONCEDE",
        True,
    ),
    # a product released is no concession (CONCEDE Nintendo before): bbc/tech/247.txt
    (
        "Nintendo is releasing an adapter for its DS handheld console so it can play music and "
        "video.",
        "CONCEDE",
        False,
    ),
    # spent heldout3 (gold CONCEDE): a man released, his name parsed a noun
    ("Fôn was released without charge .", "CONCEDE", True),
    # bbc/entertainment/363.txt: a film NER names like a person (CONCEDE Nikki Rocco -> Ray
    # before); bbc/tech/345.txt: a console (CONCEDE -> United States before)
    (
        '"I have never equated the Academy Awards with how much money a movie takes in," said '
        "Nikki Rocco, head of distribution at Universal which released nominee Ray.",
        "CONCEDE",
        False,
    ),
    ("Already available in Japan, the PSP is released in the US on 24 March.", "CONCEDE", False),
    # reuters newid 11842 (1 Apr 1987): a hostage released yields
    (
        "Kidnapped Japanese businessman\nNobuyuki Wakaoji has been released after four months "
        "in\ncaptivity, Presidential spokesman Teodoro Benigno said.",
        "CONCEDE",
        True,
    ),
    # reuters (OPEC, 1987): efforts deployed are no forces; spent heldout bbc/politics/263.txt
    # (no gold event): "wisdom needs to be deployed", the theme the controller's subject
    (
        'Iran and Algeria were engaged in "continuous and stronger cooperation" on the world '
        'petroleum market and had "deployed considerable efforts to stablise petroleum prices."',
        "MOBILIZE",
        False,
    ),
    (
        "In the case of the Labour Party, if you believe the rift between Blair and Brown camps "
        "is as bad as the reports suggest, Solomon's wisdom needs to be deployed to solve the "
        "problem.",
        "MOBILIZE",
        False,
    ),
    (
        "The Conservative Party said French troops deployed at railway stations in Iraq.",
        "MOBILIZE",
        True,
    ),
]


@pytest.mark.parametrize(("text", "event_type", "present"), RELEASE_DEPLOY)
def test_releasing_or_deploying_is_typed_by_what_moves(nlp, text, event_type, present):
    """A report or figures released are published, a suspect released yields (CONCEDE);
    efforts or wisdom deployed mobilise nothing, troops deployed do (MOBILIZE)."""
    assert (event_type in [t for t, *_ in found(text, nlp)]) is present


# What "send" moves decides its type (`themes.json`): money, goods or weapons are AID, troops or
# warships a MOBILIZE, a warning a THREATEN; a message, a letter, a market sent higher none.
SENDING = [
    # bbc/politics (the 2004 US election): congratulations (AID Howard -> Bush before)
    (
        'Earlier Tory leader Michael Howard sent Mr Bush his "warmest congratulations", saying: '
        '"We look to the president to be a unifying force."',
        set(),
    ),
    # bbc/business (the dollar and Greenspan): a market sent higher (AID before)
    (
        "On Friday, Federal Reserve chairman Mr Greenspan's speech in London ahead of the meeting "
        "of G7 finance ministers sent the dollar higher.",
        set(),
    ),
    # reuters (the ChemLawn bid): a letter to a board (AID Waste Management -> board before)
    (
        "Waste Management Inc said it sent a letter to the ChemLawn Corp board, saying it is "
        "prepared to increase its bid for ChemLawn to 33 dlrs a share.",
        set(),
    ),
    # bbc/business (the tobacco ruling): shares sent up, "up" hung on the shares
    (
        "They were delighted by the decision, which sent Reynolds shares up 4.5% and Altria "
        "shares up 5.11%.",
        set(),
    ),
    # reuters (the Gulf, 1987): warships sent (AID Italy before)
    (
        "Italy has sent eight ships, including three frigates and three minesweepers, to the "
        "Gulf to protect Italian merchant shipping there.",
        {"MOBILIZE"},
    ),
    # constructed (no sentence of the corpora sends "more" troops): a comparative that modifies
    # what is sent is no market moving ("sent the dollar higher" is the verb's own complement)
    ("Italy sent more ships to the Gulf on Monday.", {"MOBILIZE"}),
    # reuters (Jaffna, 1987): a flotilla with Red Cross supplies stays AID
    (
        "In New Delhi an Indian spokesman said the plan to send a flotilla of 20 small unarmed "
        "boats with Red Cross supplies to Jaffna tomorrow would go ahead despite Colombo's "
        "objections.",
        {"AID"},
    ),
    # reuters (Iran, 1987): weapons sent are military aid (MOBILIZE before); the denial REJECT
    (
        'Later, State Department spokeswoman Sondra McCarty said: "We categorically deny that '
        'the United States is selling and/or sending any weapons to Iran."',
        {"REJECT", "AID"},
    ),
    # the tune half (reuters, gold THREATEN Denman -> Rostenkowski): a warning sent
    (
        "The warning was sent in a letter from Sir Roy Denman, head of the EC delegation in "
        "Washington, to Dan Rostenkowski, chairman of the House Ways and Means Committee.",
        {"THREATEN"},
    ),
]


@pytest.mark.parametrize(("text", "types"), SENDING, ids=lambda v: str(v)[:40])
def test_sending_is_typed_by_what_is_sent(nlp, text, types):
    actors = ACTORS + [
        ("act_howard", "Michael Howard", "PERSON", "GBR", ["Michael Howard"]),
        ("act_bush", "George W Bush", "PERSON", "USA", ["Mr Bush"]),
        ("act_fed", "Federal Reserve", "ORG", "USA", ["Federal Reserve"]),
        ("act_wmx", "Waste Management Inc", "ORG", "USA", ["Waste Management Inc"]),
        ("act_chemlawn", "ChemLawn Corp", "ORG", "USA", ["ChemLawn"]),
        ("act_ita", "Italy", "COUNTRY", "ITA", ["Italy"]),
        ("act_ind", "India", "COUNTRY", "IND", ["Indian"]),
        ("act_redcross", "Red Cross", "ORG", None, ["Red Cross"]),
        ("act_denman", "Roy Denman", "PERSON", "GBR", ["Roy Denman"]),
        ("act_mccarty", "Sondra McCarty", "PERSON", "USA", ["Sondra McCarty"]),
        ("act_reynolds", "Reynolds American", "ORG", "USA", ["Reynolds"]),
        ("act_altria", "Altria", "ORG", "USA", ["Altria"]),
        ("act_usa2", "United States", "COUNTRY", "USA", ["United States"]),
        ("act_rosty", "Dan Rostenkowski", "PERSON", "USA", ["Dan Rostenkowski"]),
    ]
    frame = article_events(text, nlp, fresh_state(), actors, date(1987, 4, 2))
    assert set(frame["event_type"]) == types, frame.select("event_type", "mode").rows()


def test_set_up_roadblocks_is_coercion_not_cooperation(nlp):
    # tune reuters 17509 (gold COERCE Zambia) was COOPERATE: the object entry ("set
    # roadblock") outranks the particle entry ("set up")
    text = (
        "Residents in the Copperbelt contacted by telephone said government forces had set up "
        "roadblocks around the main towns."
    )
    assert [t for t, *_ in found(text, nlp)] == ["COERCE"]


def test_the_main_clause_act_leads_a_sentence_not_one_told_aside(nlp):
    # spent heldout: reuters 193 (gold AID, Lyng to the farmers): the best-scored report was
    # the AGREE of "farmers who are signing up for the 1987 program", a relative clause
    text = (
        "Sen. Charles Grassley (R-Iowa) said yesterday that Lyng had indicated he would consider "
        "giving those farmers the same two dlr bonus offered corn farmers who are signing up for "
        "the 1987 program this month."
    )
    people = [("act_lyng", "Richard Lyng", "PERSON", "USA", ["Lyng"]),
              ("act_grassley", "Charles Grassley", "PERSON", "USA", ["Charles Grassley"])]  # fmt: skip
    articles, mentions, sentences = article_frames(text, nlp, people, date(1987, 3, 2))
    actors = pl.DataFrame(people, schema=schema.ACTORS, orient="row")
    state = fresh_state()
    result = events.detect_events(articles, mentions, actors, sentences, nlp, state, Settings())
    types = dict(zip(result.events["event_id"], result.events["event_type"], strict=True))
    best = result.reports.sort("score", descending=True, maintain_order=True).row(0, named=True)
    assert types[best["event_id"]] == "AID"


# What "seek" asks for decides whether it is a request (`themes.json`): a favour another actor
# can grant (help, a loan, money, talks) is REQUEST, advice or guidance sought is talk
# (CONSULT); a buyer, a stake or a credit facility sought, and "seek to" do something (an
# attempt), ask nobody for anything.
SEEKING = [
    # reuters (Maple Leaf Mills): a buyer sought for a unit (REQUEST Canadian Pacific before)
    (
        "Canadian Pacific Ltd said it retained Wood Gundy Inc to seek a buyer for Maple Leaf "
        "Mills Ltd of Toronto.",
        set(),
    ),
    # reuters (euromarkets): a credit facility is financing (REQUEST Mountleigh -> UBS before)
    (
        "Mountleigh Group Plc, a U.K. Property company, is seeking a 100 mln stg multicurrency "
        "credit facility, Union Bank of Switzerland (London branch) said.",
        set(),
    ),
    # reuters (KDD's rival): a stake sought (REQUEST Cable and Wireless -> KDD before)
    (
        "Cable and Wireless is seeking a stake in the proposed Japanese telecommunications "
        "rival to Kokusai Denshin Denwa.",
        set(),
    ),
    # bbc/politics (Blair and his MPs): an attempt to reassure (REQUEST Blair -> Labour before)
    (
        "Tony Blair has sought to reassure Labour backbenchers that nothing will stand in the way "
        "of the party's bid for a third term in power.",
        set(),
    ),
    # reuters (Guyana's debt): help sought from donors stays a request
    (
        "Guyana hopes to overcome its financial problems within three to five years and is now "
        "seeking help from donor governments, Finance Minister Carl Greenidge said.",
        {"REQUEST"},
    ),
    # reuters (Bangladesh's industry): money sought from a lender stays a request
    (
        "Bangladesh will seek additional money from the World Bank to finance industrial "
        "development.",
        {"REQUEST"},
    ),
    # reuters (Venezuela's debt): loans counted by what is sought ("what types of loans")
    (
        "He did not specify what types of loans Venezuela would seek from the International "
        "Monetary Fund or the amounts involved.",
        {"REQUEST"},
    ),
    # reuters (corn refiners): guidance sought is talk, as the guide's standards committee
    (
        "Huckaby also said he would be seeking guidance from the Justice Department on the "
        "corn program.",
        {"CONSULT"},
    ),
]


@pytest.mark.parametrize(("text", "types"), SEEKING, ids=lambda v: str(v)[:40])
def test_seeking_asks_only_for_a_favour(nlp, text, types):
    actors = ACTORS + [
        ("act_cp", "Canadian Pacific Ltd", "ORG", "CAN", ["Canadian Pacific Ltd"]),
        ("act_gundy", "Wood Gundy Inc", "ORG", "CAN", ["Wood Gundy Inc"]),
        ("act_mapleleaf", "Maple Leaf Mills Ltd", "ORG", "CAN", ["Maple Leaf Mills Ltd"]),
        ("act_mountleigh", "Mountleigh Group Plc", "ORG", "GBR", ["Mountleigh Group Plc"]),
        ("act_ubs", "Union Bank of Switzerland", "ORG", "CHE", ["Union Bank of Switzerland"]),
        ("act_cw", "Cable and Wireless", "ORG", "GBR", ["Cable and Wireless"]),
        ("act_kdd", "Kokusai Denshin Denwa", "ORG", "JPN", ["Kokusai Denshin Denwa"]),
        ("act_blair", "Tony Blair", "PERSON", "GBR", ["Tony Blair"]),
        ("act_labour", "Labour Party", "PARTY", "GBR", ["Labour"]),
        ("act_guy", "Guyana", "COUNTRY", "GUY", ["Guyana"]),
        ("act_greenidge", "Carl Greenidge", "PERSON", "GUY", ["Carl Greenidge"]),
        ("act_bgd", "Bangladesh", "COUNTRY", "BGD", ["Bangladesh"]),
        ("act_wb", "World Bank", "ORG", None, ["World Bank"]),
        ("act_ven", "Venezuela", "COUNTRY", "VEN", ["Venezuela"]),
        ("act_imf", "International Monetary Fund", "ORG", None, ["International Monetary Fund"]),
        ("act_huckaby", "Jerry Huckaby", "PERSON", "USA", ["Huckaby"]),
        ("act_doj", "Justice Department", "ORG", "USA", ["Justice Department"]),
    ]
    frame = article_events(text, nlp, fresh_state(), actors, date(1987, 4, 2))
    assert set(frame["event_type"]) == types, frame.select("event_type", "mode").rows()


# What "provide", "supply" and "lend" move decides whether they give aid (`themes.json`): aid,
# relief, weapons, intelligence or a loan is AID; planes, equipment or oil supplied is trade,
# and credence or weight lent is a figure of speech.
PROVIDING = [
    # reuters (Airbus and American): planes provided with "with" (AID Airbus -> American before)
    ("Airbus is providing American Airlines with 25 of its twin-jet, long-range A300-600 planes.",
     False),
    # bbc/business (Boeing's 7E7): a sale of planes (AID Boeing -> JAL before)
    ("Boeing is to supply Japan Airlines with up to 50 of its forthcoming 7E7 planes in a deal "
     "that could be worth as much as $6bn (£3.1bn) for the US giant.", False),
    # reuters (Toshiba's VCRs): equipment sold to makers (AID Toshiba -> UK before)
    ("Toshiba has supplied equipment to U.K. Manufacturers for sale under their brand names "
     "since last year.", False),
    # reuters (the Iran-Contra report): credence lent (AID before)
    ("The report, which lent credence to widespread opinion in Washington that Reagan is not in "
     "full command of the government, was particularly damaging.", False),
    # PLOVER gold AID: military intelligence provided, read through the coordinated theme
    ("The United States is providing aerial photographs and other military intelligence to "
     "Macedonia which is preparing a major offensive against ethnic Albanian guerrillas, the "
     "Washington Post said Wednesday.", True),
    # constructed (the corpora supply nobody "with" aid but the Bank of England's money market,
    # which `stock_phrases` reads): the recipient is the object, the weapons what is supplied
    ("Iran has supplied Hezbollah with weapons, a United Nations report said.", True),
    # reuters (Japan's recycling of its surplus): a state lending money stays aid
    ("Japan will lend 27.17 billion yen to Indonesia and will share equally with the World Bank "
     "a 7.25 billion yen loan to Bolivia as part of its efforts to recycle its huge trade "
     "surpluses.", True),
]  # fmt: skip


@pytest.mark.parametrize(("text", "aid"), PROVIDING, ids=lambda v: str(v)[:40])
def test_providing_is_aid_only_of_aid(nlp, text, aid):
    actors = ACTORS + [
        ("act_airbus", "Airbus", "ORG", None, ["Airbus"]),
        ("act_american", "American Airlines", "ORG", "USA", ["American Airlines"]),
        ("act_boeing", "Boeing", "ORG", "USA", ["Boeing"]),
        ("act_jal", "Japan Airlines", "ORG", "JPN", ["Japan Airlines"]),
        ("act_toshiba", "Toshiba Corp", "ORG", "JPN", ["Toshiba"]),
        ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["U.K."]),
        ("act_reagan", "Ronald Reagan", "PERSON", "USA", ["Reagan"]),
        ("act_washington", "Washington", "PLACE", "USA", ["Washington"]),
        ("act_usa3", "United States", "COUNTRY", "USA", ["The United States"]),
        ("act_mkd", "Macedonia", "COUNTRY", "MKD", ["Macedonia"]),
        ("act_jpn", "Japan", "COUNTRY", "JPN", ["Japan"]),
        ("act_idn", "Indonesia", "COUNTRY", "IDN", ["Indonesia"]),
        ("act_bol", "Bolivia", "COUNTRY", "BOL", ["Bolivia"]),
        ("act_wb", "World Bank", "ORG", None, ["World Bank"]),
        ("act_irn", "Iran", "COUNTRY", "IRN", ["Iran"]),
        ("act_hezbollah", "Hezbollah", "GROUP", "LBN", ["Hezbollah"]),
    ]
    frame = article_events(text, nlp, fresh_state(), actors, date(1987, 4, 2))
    types = set(frame["event_type"])
    assert ("AID" in types) is aid, frame.select("event_type", "mode").rows()


# What "grant" gives decides its type (`themes.json`): aid, a loan, credit or asylum is AID
# (PLOVER's "granted diplomatic asylum"), immunity, an extension or permission yields (CONCEDE,
# the guide's "granted permission by a bankruptcy court"); options, rights or patents granted
# are business.
GRANTING = [
    # reuters (an underwriting): an over-allotment option (AID -> Goldman Sachs before)
    ("Goldman, Sachs was granted an over-allotment option of 150,000 shares, the company "
     "added.", set()),
    # reuters (GE's licence): rights granted to a firm (AID GE -> BioReactor before)
    ("General Electric said it granted the rights to BioReactor because the innovation, first "
     "announced in 1972, did not fit into the company's long-range product plans.", set()),
    # reuters (Iran-contra): immunity granted to a witness yields (AID before)
    ("Congressional investigators tentatively plan to grant immunity to former presidential "
     "National Security Advisor John Poindexter who they say may help track missing money from "
     "Iran arms sales.", {"CONCEDE"}),
    # reuters (Cuba's steel): a credit line from a state stays AID
    ("Spain has granted Cuba a 25 mln dlr credit line for the purchase of Spanish goods and "
     "services in the iron and steel industry, the repair of fishing boats and development of "
     "industrial projects, Prensa Latina said.", {"AID"}),
    # PLOVER gold AID: asylum granted
    ("Peru has granted diplomatic asylum to five Panamanian army officers holed up in a "
     "diplomatic residence since last month's U.S. invasion, the Peruvian embassy said on "
     "Tuesday.", {"AID"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "types"), GRANTING, ids=lambda v: str(v)[:40])
def test_granting_is_typed_by_what_is_granted(nlp, text, types):
    actors = ACTORS + [
        ("act_goldman", "Goldman, Sachs and Co", "ORG", "USA", ["Goldman, Sachs"]),
        ("act_ge", "General Electric", "ORG", "USA", ["General Electric"]),
        ("act_bioreactor", "BioReactor Technology", "ORG", "USA", ["BioReactor"]),
        ("act_poindexter", "John Poindexter", "PERSON", "USA", ["John Poindexter"]),
        ("act_esp", "Spain", "COUNTRY", "ESP", ["Spain"]),
        ("act_cub", "Cuba", "COUNTRY", "CUB", ["Cuba"]),
        ("act_per", "Peru", "COUNTRY", "PER", ["Peru"]),
        ("act_pan", "Panama", "COUNTRY", "PAN", ["Panamanian"]),
    ]
    frame = article_events(text, nlp, fresh_state(), actors, date(1987, 4, 2))
    assert set(frame["event_type"]) == types, frame.select("event_type", "mode").rows()


# What "block" and "prevent" stop decides the event (`themes.json`): a road, a motorcade or an
# entry blocked is a PROTEST (CAMEO 144, obstruct passage), kept out by force a COERCE; a
# proposal, a merger or a vote blocked is vetoed (REJECT, CAMEO 129), aid blocked is cut
# (SANCTION); sites, piracy or a rise of the yen prevented or blocked stop no actor (the
# labelled halves type every "prevent" of theirs as no event: "preventing children from
# becoming involved").
BLOCKING = [
    # reuters (the ICCO buffer stock): a proposal blocked (PROTEST before)
    ("Brazil, which would have had its quota reduced under the Group of Eight scheme, blocked "
     "the proposal.", {"REJECT"}),
    # reuters (contra aid): aid blocked (PROTEST before)
    ("The House voted to block 40 mln dlrs in military aid to the Nicaraguan rebels until "
     "President Reagan accounts for past assistance.", {"SANCTION"}),
    # bbc tech (the Santy worm): web sites blocked (PROTEST Google before)
    ("Santy's spread has now been stopped after Google began blocking infected sites "
     "searching for new victims.", set()),
    # reuters (Tokyo's stock market): a rate rise prevented (COERCE before)
    ("Plunging Tokyo stock prices will prevent the Bank of Japan from raising its discount "
     "rate and could even force it to ease monetary policy if the collapse continues.", set()),
    # PLOVER gold PROTEST: transport into a city blocked by rebels stays PROTEST
    ("Rebels in the Ivory Coast on Tuesday blocked transport into Abidjan as they continued "
     "their effort to overthrow the government of President Laurent Gbagbo.", {"PROTEST"}),
    # reuters (French farmers): an entry prevented by police stays COERCE
    ("Farmers said they had planned to bring their cows with them but police had prevented "
     "their entry into the capital.", {"COERCE"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "types"), BLOCKING, ids=lambda v: str(v)[:40])
def test_blocking_is_typed_by_what_is_blocked(nlp, text, types):
    actors = ACTORS + [
        ("act_bra", "Brazil", "COUNTRY", "BRA", ["Brazil"]),
        ("act_house", "House of Representatives", "ORG", "USA", ["The House"]),
        ("act_nic", "Nicaragua", "COUNTRY", "NIC", ["Nicaraguan"]),
        ("act_reagan", "Ronald Reagan", "PERSON", "USA", ["Reagan"]),
        ("act_google", "Google", "COMPANY", "USA", ["Google"]),
        ("act_boj", "Bank of Japan", "ORG", "JPN", ["the Bank of Japan"]),
        ("act_jpn", "Japan", "COUNTRY", "JPN", ["Tokyo"]),
        ("act_abidjan", "Abidjan", "CITY", "CIV", ["Abidjan"]),
        ("act_gbagbo", "Laurent Gbagbo", "PERSON", "CIV", ["Laurent Gbagbo"]),
    ]
    frame = article_events(text, nlp, fresh_state(), actors, date(1987, 4, 2))
    got = set(frame.filter(pl.col("event_type") != "AID")["event_type"])  # Reagan's assistance
    assert got == types, frame.select("event_type", "mode").rows()


CAPTURING = [
    # bbc tech (search engines): readers captured are a market's (ASSAULT Amazon before)
    ("Yahoo, Ask Jeeves, Amazon and a handful of smaller outfits are all seeking to capture "
     "eyeballs.", set()),
    # reuters (Chad and Libya): an outpost captured stays an ASSAULT
    ("Chad said yesterday its troops had captured the Libyan outpost of Gouro, some 150 km "
     "south of the disputed Aouzou strip.", {"ASSAULT"}),
]  # fmt: skip


REINFORCING = [
    # reuters newid 4944: expectations reinforced (MOBILIZE U.S. before)
    ("U.S. February reports reflecting slim gains in industrial output and moderating inflation "
     "pressures reinforced expectations that the Federal Reserve will continue to follow a "
     "stable course of monetary policy, economists said.", set()),
    # constructed (neither corpus reinforces troops): forces reinforced stay MOBILIZE
    ("Iraq has reinforced its troops along the southern front near Basra, Iran said.",
     {"MOBILIZE"}),
]  # fmt: skip


OFFERING = [
    # bbc/business/041: good news offered (AGREE Greenspan before)
    ("Despite the dire warnings, Mr Greenspan did offer some good news for the short term.",
     set()),
    # reuters newid 3556 (Ecuador's earthquake): assistance offered by states stays AGREE
    ("Only three countries, the U.S., Colombia and Venezuela, had offered assistance.",
     {"AGREE"}),
    # reuters newid 13573: a treasury's securities offered are debt issued (AGREE before, once
    # the treasury counted as a state's body: change_audit24)
    ("The Italian Treasury said it would offer 2,500 billion lire of indexed government "
     "discount certificates at rates slightly higher than on the preceding issue.", set()),
]  # fmt: skip


SIGNING = [
    # bbc/politics/068 and reuters newid 9847, 3650: a name put to a petition, a motion or a
    # statement agrees to nothing (AGREE before); the statement's urging is the event
    ("Ninety one MPs have signed a petition backing the amendment.", set()),
    ("One hundred members of Britain's ruling Conservative Party have signed a motion calling "
     "for trade sanctions against Japan to force Tokyo to open its domestic market to British "
     "goods.", {"REQUEST"}),
    ("The statement, signed by Rear-Admiral Augustus Aikhomu, the regime's number two, urged "
     "the media to exercise restraint in reporting the clashes which began last weekend in "
     "Kafanchan, a Christian enclave in the mainly-Moslem north.", {"REQUEST"}),
    # reuters newid 12363: a letter of understanding signed stays an agreement
    ("The federal government and the Japanese trading company, C. Itoh and Co Ltd, have signed "
     "a letter of understanding to try and boost trade ties between the two countries, the "
     "Industry department said.",
     {"AGREE"}),
]  # fmt: skip


COMMITTING = [
    # bbc/entertainment/258, bbc/sport/510: a misdeed or a fault committed is no commitment
    # (AGREE before)
    ("Cobain committed suicide in 1994.", set()),
    ("Mirza, playing in her first WTA final, began nervously in front of a raucous home crowd - "
     "committing three double faults in her opening service game.", set()),
    # bbc/business/396, bbc/politics/340: a state or a party committed to a course stays
    ("China committed to gradually opening up its banking sector when it joined the World "
     "Trade Organisation in 2002.", {"AGREE"}),
    ('The Labour party has committed itself to "universal, affordable and flexible" childcare '
     "for parents of all 3 to 14 year-olds, including childcare centred on schools to be "
     "available from 8am to 6pm.",
     {"AGREE"}),
]  # fmt: skip


MEETING = [
    # reuters newid 3034: a quota met meets no one (CONSULT Uganda -> ICO before)
    ("For several years Uganda had been unable to meet its ICO export quota as rebel activity "
     "disrupted the coffee industry.", set()),
    # bbc/politics/165, PLOVER gold REJECT-0018: concerns or demands met yield to them
    # (CONSULT -> Jowell before); not met, a negated CONCEDE (PLOVER's REJECT: plover_type)
    ("But Ms Jowell insisted his concerns had been met.", {"CONCEDE"}),
    ("The U.S. said it would not meet hostage-takers demands to release prisoners in Iraq, "
     "including a number of females.", {"CONCEDE"}),
    # bbc/politics/188: a president met stays
    ("He arrived in Britain on Sunday night after flying from the United States, where he met "
     "President George W Bush.", {"CONSULT"}),
]  # fmt: skip


# Words of force, reinforcing and offering (`themes.json`, `blows.PRIZES`): one actor list.
THEME_ACTORS = ACTORS + [
    ("act_amazon", "Amazon", "COMPANY", "USA", ["Amazon"]),
    ("act_tcd", "Chad", "COUNTRY", "TCD", ["Chad"]),
    ("act_lby2", "Libya", "COUNTRY", "LBY", ["Libyan"]),
    ("act_fed", "Federal Reserve", "ORG", "USA", ["the Federal Reserve"]),
    ("act_greenspan", "Alan Greenspan", "PERSON", "USA", ["Mr Greenspan"]),
    ("act_us2", "United States", "COUNTRY", "USA", ["the U.S."]),
    ("act_col", "Colombia", "COUNTRY", "COL", ["Colombia"]),
    ("act_ven", "Venezuela", "COUNTRY", "VEN", ["Venezuela"]),
    ("act_tories", "Conservative Party", "ORG", "GBR", ["Conservative Party"]),
    ("act_jpn2", "Japan", "COUNTRY", "JPN", ["Japan", "Tokyo"]),
    ("act_aikhomu", "Augustus Aikhomu", "PERSON", "NGA", ["Augustus Aikhomu"]),
    ("act_can", "Canada", "COUNTRY", "CAN", ["The federal government"]),
    ("act_itoh", "C. Itoh and Co Ltd", "ORG", "JPN", ["C. Itoh and Co Ltd"]),
    ("act_cobain", "Kurt Cobain", "PERSON", "USA", ["Cobain"]),
    ("act_mirza", "Sania Mirza", "PERSON", "IND", ["Mirza"]),
    ("act_chn", "China", "COUNTRY", "CHN", ["China"]),
    ("act_labour", "Labour Party", "ORG", "GBR", ["The Labour party"]),
    ("act_uga", "Uganda", "COUNTRY", "UGA", ["Uganda"]),
    ("act_ico", "International Coffee Organization", "ORG", None, ["ICO"]),
    ("act_jowell", "Tessa Jowell", "PERSON", "GBR", ["Ms Jowell"]),
    ("act_bush", "George W Bush", "PERSON", "USA", ["George W Bush"]),
    ("act_us3", "United States", "COUNTRY", "USA", ["The U.S."]),
    ("act_takers", "hostage-takers", "GROUP", None, ["hostage-takers"]),
    ("act_ittreasury", "Italian Treasury", "ORG", "ITA", ["Italian Treasury"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "types"),
    CAPTURING + REINFORCING + OFFERING + SIGNING + COMMITTING + MEETING,
    ids=lambda v: str(v)[:40],
)
def test_capturing_reinforcing_or_offering_is_typed_by_what_it_takes(nlp, text, types):
    """A prize or readers captured is no ASSAULT, expectations reinforced no MOBILIZE, good news
    offered no AGREE, a petition signed or suicide committed no AGREE, a quota met no CONSULT
    and concerns met a CONCEDE;
    an outpost captured, troops reinforced, assistance offered, a letter of understanding
    signed, a course committed to, a president met keep theirs."""
    frame = article_events(text, nlp, fresh_state(), THEME_ACTORS, date(1987, 4, 2))
    assert set(frame["event_type"]) == types, frame.select("event_type", "mode").rows()


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        # newid 794, 10797, 2087: a nomination, a request, an opposition withdrawn back down
        # (the guide's CONCEDE; RETREAT before)
        ("The White House announced it was withdrawing the controversial nomination of Robert "
         "Gates as CIA director at Gates's request and has not yet decided on a replacement.",
         "CONCEDE"),
        ("The Greek government later withdrew Friday's request to Washington to close down its "
         "telecommunications base at Nea Makri, north of Athens, saying that the reasons which "
         "had prompted it to make the request were no longer valid.", "CONCEDE"),
        ("He said if USDA feels it cannot withdraw its opposition to a market loan, there are "
         "still numerous ways the USDA could change the loan without new legislation.",
         "CONCEDE"),
        # newid 9487: a firm's bid withdrawn is business
        ("On March 16, TWA withdrew its bid, saying it did not intend to seek control of USAir "
         "Group or to acquire more of its stock at the time.", None),
        # newid 9695: forces withdrawing stay a RETREAT
        ("Libyan forces appear to be withdrawing from their last stronghold in Chad after "
         "suffering defeats at the hands of French-backed government troops, according to "
         "officials in both the U.S. And France.", "RETREAT"),
    ],
)  # fmt: skip
def test_a_proposal_withdrawn_backs_down_a_bid_is_business(nlp, body, kind):
    actors = [
        ("act_usa", "United States", "COUNTRY", "USA", ["The White House", "Washington"]),
        ("act_gates", "Robert Gates", "PERSON", "USA", ["Robert Gates", "Gates"]),
        ("act_grc", "Greece", "COUNTRY", "GRC", ["The Greek government"]),
        ("act_usda", "USDA", "ORG", "USA", ["USDA"]),
        ("act_twa", "Trans World Airlines", "COMPANY", "USA", ["TWA"]),
        ("act_usair", "USAir Group", "COMPANY", "USA", ["USAir Group"]),
        ("act_lby", "Libya", "COUNTRY", "LBY", ["Libyan"]),
        ("act_tcd", "Chad", "COUNTRY", "TCD", ["Chad"]),
    ]
    types = event_types(body, nlp, actors, date(1987, 3, 20)) & {"CONCEDE", "RETREAT"}
    assert types == ({kind} if kind else set()), types
