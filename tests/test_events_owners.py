"""Who an event's owner and a passive's by-phrase are (issue 20, `roles`, `phrase_actors`).

"his arrest", "Hariri's assassination", "her suspension": the owner of these nouns, a person,
is the one acted on, stored before as the one who acted (COERCE George Michael -> nobody for
"his arrest for lewd conduct"). With an object phrase the owner acts ("Brazil's suspension of
interest payments"), and so does a state ("Brazil's suspension last month of part of its
interest payments"). In "Mick Mars is being sued by his ex-girlfriend" the one sued is not
the suer, and in "Motley Crue guitarist Mick Mars" the name in apposition is the one sued, not
the band.

Real sentences of the BBC bundle (bbc/business/167.txt, bbc/entertainment/252.txt,
bbc/tech/102.txt, bbc/politics/027.txt) and the Reuters corpus (newids 6216, 8101, 10118, 17196), with the sentence
before where a pronoun needs it, through the real events stage.
"""

from __future__ import annotations

from datetime import date

from tests.event_frames import found_events

ACTORS = [
    # actor_id, name, actor_type, country_code, aliases
    ("act_hariri", "Rafik Hariri", "PERSON", "LBN", ["Mr Hariri", "Hariri"]),
    ("act_lebanon", "Lebanon", "COUNTRY", "LBN", ["Lebanon"]),
    ("act_mars", "Mick Mars", "PERSON", "USA", ["Mick Mars", "Mars"]),
    ("act_crue", "Motley Crue", "ORG", "USA", ["Motley Crue"]),
    ("act_simonetti", "Ellen Simonetti", "PERSON", "USA", ["Ms Simonetti"]),
    ("act_grossman", "G. Grossman", "PERSON", "USA", ["Grossman"]),
    ("act_brazil", "Brazil", "COUNTRY", "BRA", ["Brazil"]),
    ("act_gcc", "Gulf Cooperation Council", "ORG", None, ["GCC"]),
    ("act_uae", "United Arab Emirates", "COUNTRY", "ARE", ["UAE"]),
    ("act_sau", "Saudi Arabia", "COUNTRY", "SAU", ["Saudi Arabia"]),
    ("act_butler", "Lord Butler", "PERSON", "GBR", ["Lord Butler"]),
    ("act_armstrong", "Lord Armstrong", "PERSON", "GBR", ["Lord Armstrong"]),
]  # fmt: skip


def events(text: str, nlp, when: date) -> list[tuple]:
    return found_events(text, nlp, ACTORS, when)


def test_the_one_assassinated_is_the_target(nlp):
    text = (
        "Critics had accused Mr Hariri of using Lebanon's post-war reconstruction drive for his "
        "personal financial gain. But his assassination on Monday sent shudders through "
        "Lebanon's business community, which saw the billionaire tycoon as the country's best "
        "hope for economic revival."
    )
    found = [e for e in events(text, nlp, date(2005, 2, 16)) if e[0] == "ASSAULT"]
    assert found and all(e[1] != "act_hariri" for e in found), found  # was his own ASSAULT
    assert ("ASSAULT", None, "act_hariri") in found


def test_the_one_arrested_or_suspended_is_the_target(nlp):
    arrest = (
        "Grossman is charged with 12 counts of mail fraid and 12 counts of securities fraud. If "
        "convicted, he could be sentenced to a maximum of 120 years in jail and fined a total of "
        "six mln dlrs.  Grossman resigned from the law firm following his arrest."
    )
    assert ("COERCE", None, "act_grossman") in events(arrest, nlp, date(1987, 3, 17))
    suspension = (
        "Ms Simonetti said her suspension has caused two of her friends to discontinue their blogs."
    )
    assert ("SANCTION", None, "act_simonetti") in events(suspension, nlp, date(2004, 11, 1))


def test_an_owner_with_an_object_phrase_still_acts(nlp):
    text = (
        "Because of Brazil's suspension of interest payments, U.S. bank paper has underperformed "
        "such other sectors as utilities, telephones and industrials, analysts pointed out."
    )
    assert ("SANCTION", "act_brazil", None) in events(text, nlp, date(1987, 3, 26))


def test_a_state_owning_a_suspension_is_its_doer(nlp):
    # newid 8101: the object phrase hangs off "last month", not "suspension": a state acts
    # (was SANCTION Wolfgang Roeller -> Brazil with the owner read as the one acted on)
    actors = [*ACTORS, ("act_roeller", "Wolfgang Roeller", "PERSON", "DEU", ["Roeller"])]
    text = (
        "Roeller, who is also management board spokesman of Dresdner Bank AG, said in a radio "
        "interview it is unlikely Brazil's suspension last month of part of its interest payments "
        "would lead to a chain reaction in Latin America."
    )
    sanctions = [
        e for e in found_events(text, nlp, actors, date(1987, 3, 22)) if e[0] == "SANCTION"
    ]
    assert sanctions == [("SANCTION", "act_brazil", None)]


def test_the_one_sued_by_his_ex_girlfriend_is_the_target_not_the_suer(nlp):
    text = (
        "Motley Crue guitarist Mick Mars is being sued by his ex-girlfriend for $10 million "
        "(£5.4 million), claiming he broke a promise to take care of her."
    )
    found = [e for e in events(text, nlp, date(2005, 2, 1)) if e[0] == "ACCUSE"]
    assert found == [("ACCUSE", None, "act_mars")]  # was Mick Mars -> Motley Crue


def test_the_doer_past_the_owner_of_a_by_phrase_is_the_source(nlp):
    # bbc/politics/027.txt: "his" is Butler, whose assessment was backed; Armstrong backed it
    # (was SUPPORT nobody -> Butler once the owner was dropped, Butler -> nobody before)
    text = (
        '"All that is part of what is bad government in this country." Lord Butler\'s '
        "assessment was backed by his predecessor as Cabinet Secretary, Lord Armstrong."
    )
    found = [e for e in events(text, nlp, date(2004, 12, 9)) if e[0] == "SUPPORT"]
    assert found == [("SUPPORT", "act_armstrong", "act_butler")], found


def test_a_list_of_members_in_apposition_leaves_the_group_acting(nlp):
    text = (
        "The GCC states -- the UAE, Saudi Arabia, Bahrain, Qatar, Oman and Kuwait -- have "
        "agreed in principle to link their currencies to a common grid."
    )
    assert ("AGREE", "act_gcc", None) in events(text, nlp, date(1987, 4, 26))
