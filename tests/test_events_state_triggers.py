"""The trigger audit's lexicon change (issue 20, bench/labels/events/trigger_audit/summary.md):
"set up" names no event, and "offer", "accept", "decline" and "talks" are an event only when a
state takes a side (`newsflow.state_triggers`).

Real Reuters sentences of the audit's sample (reuters21578.jsonl.gz, newid % 10 == 3, no
labelled set's item), through the real events stage; mentions are alias matches of the actors
listed here.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsflow.ids import short_hash
from tests.event_frames import article_events, found_events, fresh_state

# the curated id the registry pins the EC to (data/entities/known_actors.jsonl)
EC_ID = "act_" + short_hash("ORG", "known:european_community")
ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_lindner", "Carl Lindner", "PERSON", None, ["Lindner"]),
    ("act_taft", "Taft Broadcasting", "ORG", None, ["Taft"]),
    ("act_gros", "Francisco Gros", "PERSON", "BRA", ["Francisco Gros"]),
    ("act_bra", "Brazil", "COUNTRY", "BRA", ["Brazil"]),
    ("act_amax", "AMAX Inc", "ORG", None, ["AMAX"]),
    ("act_tenneco", "Tenneco Inc", "ORG", None, ["Tenneco Inc"]),
    ("act_nyse", "New York Stock Exchange", "ORG", "USA", ["The New York Stock Exchange"]),
    ("act_dixons", "Dixons Group PLC", "ORG", None, ["Dixons"]),
    ("act_alcan", "Alcan Aluminium Ltd", "ORG", None, ["Alcan Aluminium Ltd"]),
    ("act_mulford", "David Mulford", "PERSON", "USA", ["Mulford"]),
    ("act_mex", "Mexico", "COUNTRY", "MEX", ["Mexico"]),
    ("act_chl", "Chile", "COUNTRY", "CHL", ["Chile"]),
    ("act_ven", "Venezuela", "COUNTRY", "VEN", ["Venezuela"]),
    ("act_gbr", "United Kingdom", "COUNTRY", "GBR", ["Britain"]),
    (EC_ID, "European Community", "ORG", None, ["The European Community"]),
    ("act_comecon", "Comecon", "ORG", None, ["Comecon"]),
]  # fmt: skip
PUBLISHED = date(1987, 3, 20)


@pytest.mark.parametrize(
    "body",
    [
        # "talk" 1/5 right: a financier's talks on control of a firm are takeover business
        "But Lindner said he intends to review his investment in Taft and may be involved in "
        "further talks or take other steps regarding the future control and direction of Taft.",
        # "offer" 0/11: a share offering
        "AMAX said it will offer 12,607,350 shares in the U.S. through underwriters led by "
        "First Boston Inc.",
        # "decline" 0/8: "declined to comment" is no event by the events guide
        "The New York Stock Exchange said Tenneco Inc declined to comment on whether there were "
        "any corporate developments that might explain the unusual activity in its stock.",
        # "accept" 0/6: shares tendered in a takeover
        "Dixons said it would accept shares validly tendered and not withdrawn by midnight "
        "tonight.",
        # "set up" 0/5: a firm's new post
        "Alcan Aluminium Ltd set up a new business development position in Europe to be "
        "managed by its Geneva-based Alcan Alumium S.A. unit.",
    ],
)
def test_business_senses_the_trigger_audit_restricted_make_no_event(body, nlp):
    # regression, issue 20 trigger audit: each made a CONSULT, AGREE, REJECT or COOPERATE
    assert found_events(body, nlp, ACTORS, PUBLISHED) == []


def test_a_state_s_offer_stays_an_agree(nlp):
    # reuters21578 newid 11426 (no labelled set holds it): states offer aid to Mozambique, as
    # PLOVER's gold "Putin offered to negotiate" offers; dropping "offer" outright lost those
    body = (
        "The U.S. offered grain amounting to a third of the nation's annual consumption, "
        "Britain offered eight mln stg and Italy was expected to offer 30 to 35 mln dlrs, he "
        "said."
    )
    agrees = [e for e in found_events(body, nlp, ACTORS, PUBLISHED) if e[0] == "AGREE"]
    assert ("AGREE", "act_gbr", None) in agrees


def test_talks_of_a_state_official_stay_a_consult(nlp):
    # the audit's one right "talk": Brazil's central bank governor (a person the registry ties
    # to Brazil) after talks with the bank advisory committee
    body = (
        "Brazil's Central Bank governor Francisco Gros said after talks with its 14-bank "
        "advisory committee here yesterday that it could not make a token interest payment "
        "now, as sought by banks, but would maintain contact with the banks."
    )
    assert ("CONSULT", "act_gros", None) in found_events(body, nlp, ACTORS, PUBLISHED)


def test_talks_of_banks_with_a_state_stay_a_consult(nlp):
    # CONSULT is order-free (events guide), so the state may be either side: "banks" (a
    # business noun) first, Mexico the other party
    body = (
        "In testimony before a Senate banking subcommittee, Mulford said he based this "
        "prediction on progress in talks between banks and Mexico, Chile, and Venezuela, as "
        "well as progress in negotiations with the Philippines."
    )
    consults = [e for e in found_events(body, nlp, ACTORS, PUBLISHED) if e[0] == "CONSULT"]
    assert ("CONSULT", None, "act_mex") in consults


def test_talks_of_ministers_stay_a_consult(nlp):
    # reuters21578 newid 876 (EC farm ministers; no labelled set holds it): "ministers" is a
    # generic noun of the government sector, so a state acts though none is named
    body = (
        "The ministers will resume talks at 10.00 local time in a bid to clear the way for a "
        "full-scale review of proposed reforms for other surplus sectors."
    )
    frame = article_events(body, nlp, fresh_state(), ACTORS, PUBLISHED)
    rows = frame.select("event_type", "source_actor_id", "source_generic").rows()
    assert rows == [("CONSULT", None, "minister")]


def test_talks_of_an_intergovernmental_body_stay_a_consult(nlp):
    # reuters21578 newid 7643 (the audit's sample): the EC, which no one country holds, is a
    # state side as the trigger audit's guide counts one
    body = (
        "The European Community (EC) and Soviet-led Comecon ended talks here, having made "
        "progress on setting up formal trade relations, but no breakthrough because of "
        "Comecon's refusal to recognise West Berlin as part of the EC, delegates said."
    )
    consults = [e for e in found_events(body, nlp, ACTORS, PUBLISHED) if e[0] == "CONSULT"]
    assert consults == [("CONSULT", EC_ID, "act_comecon")]


FIRMS_NAMED_SHORT = [
    # actor_id, name, actor_type, country_code, aliases: the names extraction resolved the
    # short forms to (the article names each in full first: "Dataproducts Corp", "<Redland Plc>")
    ("act_dataproducts", "Dataproducts Corp", "ORG", "USA", ["Dataproducts Corp"]),
    ("act_hp", "Hewlett-Packard Co", "ORG", "USA", ["Hewlett-Packard"]),
    ("act_mannesmann", "Mannesmann AG", "ORG", "DEU", ["Mannesmann"]),
    ("act_sachs", "Fichtel und Sachs AG", "ORG", "DEU", ["Fichtel und Sachs AG"]),
    ("act_citic", "China International Trust and Investment Corporation", "ORG", "CHN", ["CITIC"]),
    ("act_redland", "Redland Plc", "ORG", "GBR", ["Redland"]),
    ("act_monier", "Monier Ltd", "ORG", "AUS", ["Monier"]),
    ("act_bmc", "BMC Industries Inc", "ORG", "USA", ["BMC"]),
    ("act_ita", "Italy", "COUNTRY", "ITA", ["Italy"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "deal"),
    [
        # newid 6615, 11243, 19540, 17212: firms' deals and talks, a side named short
        ("Dataproducts Corp said it agreed to market Hewlett-Packard's line of matrix printers "
         "through its domestic and international distribution network.", False),
        ("Mannesmann, which yesterday announced it had agreed to take a majority stake in the "
         "Fichtel und Sachs AG car parts group for an undisclosed sum, saw third party group "
         "turnover fall nine pct in 1986 to 16.60 billion marks.", False),
        ("CITIC in May agreed to invest about 80 mln dlrs in Portland.", False),
        ("As previously reported, Redland and Monier had been discussing a possible Redland bid "
         "for Monier but the talks broke off two weeks ago.", False),
        # newid 2937: a firm named short, a state on the other side: the deal stays
        ("BMC also said it has entered into a joint venture agreement with Italy to produce "
         "finished single vision plastic eyewear lenses using a new manufacturing process.", True),
    ],
)  # fmt: skip
def test_a_firm_named_short_is_still_a_firm(body, deal, nlp):
    """A firm's deal is business whether the sentence names it in full or short: its actor's
    full name carries the legal form (`events.role_actors`, `state_triggers.is_firm`)."""
    types = {e[0] for e in found_events(body, nlp, FIRMS_NAMED_SHORT, date(1987, 3, 20))}
    assert bool(types & {"AGREE", "CONSULT"}) is deal, types


IMF_ID = "act_" + short_hash("ORG", "known:imf")
EIB_ID = "act_" + short_hash("ORG", "known:european_investment_bank")
LENDERS = [
    (EIB_ID, "European Investment Bank", "ORG", None, ["The European Investment Bank"]),
    ("act_peugeot", "Peugeot SA", "ORG", "FRA", ["Peugeot SA"]),
    ("act_bt", "Bankers Trust Co", "ORG", None, ["Bankers Trust Co"]),
    ("act_silverton", "Silverton Resources Ltd", "ORG", None, ["Silverton"]),
    ("act_inverness", "Inverness Petroleum Ltd", "ORG", None, ["Inverness"]),
    (IMF_ID, "International Monetary Fund", "ORG", None, ["The IMF"]),
    ("act_zaire", "Zaire", "COUNTRY", "COD", ["Zaire"]),
    ("act_arg", "Argentina", "COUNTRY", "ARG", ["Argentina"]),
]  # fmt: skip


def test_a_loan_between_firms_is_no_aid(nlp):
    # Reuters 1987 items: a third of the corpus's AIDs rested on "loan", most a bank's to a
    # firm; random_audit37 judged such loans no event (routine business)
    for text in (
        "It said financing for the acquisitions was provided by a 90 mln dlr mortgage loan "
        "from Bankers Trust Co.",
        "The transaction resulted in a discharge of Silverton's bank debt of 21.0 mln dlrs and "
        "a three mln dlr loan to Inverness from Silverton, Inverness said.",
    ):
        assert found_events(text, nlp, LENDERS, PUBLISHED) == [], text


def test_a_loan_a_state_gives_or_takes_stays_aid(nlp):
    text = "The IMF last year approved a 22-month loan package for Zaire totaling 270 mln dlrs."
    assert [e[:2] for e in found_events(text, nlp, LENDERS, PUBLISHED)] == [("AID", IMF_ID)]
    # a development bank the states hold (data/entities/known_actors.jsonl) lending to a firm
    text = (
        "The European Investment Bank said it is making a 300 mln franc loan to Peugeot SA "
        "<PEUP.PA> to restructure the paint works at its Sochaux car factory in France."
    )
    assert ("AID", EIB_ID, "act_peugeot") in found_events(text, nlp, LENDERS, PUBLISHED)
    text = "Bankers Trust Co said its loan to Argentina would be repaid over 12 years."
    assert ("AID", "act_bt", "act_arg") in found_events(text, nlp, LENDERS, PUBLISHED)


GIVERS = [
    ("act_campeau", "Campeau Corp", "ORG", "CAN", ["Campeau Corp"]),
    ("act_allied", "Allied Stores Corp", "ORG", "USA", ["Allied Stores Corp"]),
    ("act_ge", "General Electric Co", "ORG", "USA", ["General Electric Co"]),
    ("act_unicef", "Unicef", "ORG", None, ["Unicef"]),
]  # fmt: skip


def test_what_a_firm_gives_a_firm_or_no_one_named_is_no_aid(nlp):
    # Reuters 1987 items: AIDs of one firm to another (capital, assets, a share of profit)
    for text in (
        "Campeau Corp separately announced that, as required by a bank agreement, it has "
        "contributed an additional 50 mln dlrs of capital to Allied Stores Corp.",
        "The center is expected to put up 15 mln dlrs of the cost while General Electric Co "
        "contributes equipment and services valued at 2.0 mln dlrs.",
    ):
        assert found_events(text, nlp, GIVERS, PUBLISHED) == [], text
    # a firm's gift to a charity stays
    text = "General Electric Co donated 2 mln dlrs to Unicef."
    assert found_events(text, nlp, GIVERS, PUBLISHED) == [("AID", "act_ge", "act_unicef")]
